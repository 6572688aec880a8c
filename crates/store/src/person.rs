//! People of a unit.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use antt_domain::page::{Page, PageRequest};
use antt_domain::person::{Gender, Person, PersonFilter, PersonInput, PersonKind, PersonStatus};
use antt_domain::text::{name_sort_key, person_search_key, search_terms};
use antt_domain::{ClassId, DepartmentId, PersonId, UnitId};
use antt_entity::{class as classes, person as people};

use crate::db::Executor;
use crate::error::{StoreError, StoreResult, decode};

fn to_domain(m: people::Model) -> StoreResult<Person> {
    Ok(Person {
        id: PersonId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        kind: decode("person kind", &m.kind, PersonKind::parse)?,
        code: m.code,
        full_name: m.full_name,
        birth_date: m.birth_date,
        gender: m
            .gender
            .as_deref()
            .map(|g| decode("gender", g, Gender::parse))
            .transpose()?,
        ethnicity: m.ethnicity,
        phone: m.phone,
        email: m.email,
        department_id: m.department_id.map(DepartmentId::from_uuid),
        class_id: m.class_id.map(ClassId::from_uuid),
        position: m.position,
        boarding: m.boarding,
        status: decode("person status", &m.status, PersonStatus::parse)?,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

fn fields(m: &mut people::ActiveModel, p: &PersonInput, now: DateTime<Utc>) {
    m.kind = Set(p.kind.code().to_owned());
    m.code = Set(p.code.clone());
    m.full_name = Set(p.full_name.clone());
    m.search_key = Set(person_search_key(&p.full_name, &p.code));
    m.sort_key = Set(name_sort_key(&p.full_name));
    m.birth_date = Set(p.birth_date);
    m.gender = Set(p.gender.map(|g| g.code().to_owned()));
    m.ethnicity = Set(p.ethnicity.clone());
    m.phone = Set(p.phone.clone());
    m.email = Set(p.email.clone());
    m.department_id = Set(p.department_id.map(DepartmentId::uuid));
    m.class_id = Set(p.class_id.map(ClassId::uuid));
    m.position = Set(p.position.clone());
    m.boarding = Set(p.boarding);
    m.status = Set(p.status.code().to_owned());
    m.updated_at = Set(now);
}

pub async fn insert(
    e: &impl Executor,
    unit: UnitId,
    input: &PersonInput,
    now: DateTime<Utc>,
) -> StoreResult<Person> {
    let mut m = people::ActiveModel {
        id: Set(PersonId::new_v7().uuid()),
        unit_id: Set(unit.uuid()),
        created_at: Set(now),
        ..Default::default()
    };
    fields(&mut m, input, now);
    to_domain(m.insert(e.conn()).await?)
}

/// Inserts many people of one unit in one statement per chunk (the demo
/// and, later, imports).
pub async fn insert_many(
    e: &impl Executor,
    unit: UnitId,
    inputs: &[PersonInput],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    // 20 columns a row; SQLite allows 32,766 bound values a statement.
    for chunk in inputs.chunks(500) {
        let models = chunk.iter().map(|input| {
            let mut m = people::ActiveModel {
                id: Set(PersonId::new_v7().uuid()),
                unit_id: Set(unit.uuid()),
                created_at: Set(now),
                ..Default::default()
            };
            fields(&mut m, input, now);
            m
        });
        people::Entity::insert_many(models).exec(e.conn()).await?;
    }
    Ok(())
}

pub async fn update(
    e: &impl Executor,
    unit: UnitId,
    id: PersonId,
    input: &PersonInput,
    now: DateTime<Utc>,
) -> StoreResult<Person> {
    let existing = people::Entity::find_by_id(id.uuid())
        .filter(people::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut m: people::ActiveModel = existing.into();
    fields(&mut m, input, now);
    to_domain(m.update(e.conn()).await?)
}

/// Writes `input` over the person `id` in one statement, without reading
/// it first (imports update thousands).
pub async fn overwrite(
    e: &impl Executor,
    unit: UnitId,
    id: PersonId,
    input: &PersonInput,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut m = <people::ActiveModel as Default>::default();
    fields(&mut m, input, now);
    let result = people::Entity::update_many()
        .set(m)
        .filter(people::Column::Id.eq(id.uuid()))
        .filter(people::Column::UnitId.eq(unit.uuid()))
        .exec(e.conn())
        .await?;
    if result.rows_affected == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

pub async fn get(e: &impl Executor, unit: UnitId, id: PersonId) -> StoreResult<Person> {
    let m = people::Entity::find_by_id(id.uuid())
        .filter(people::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    to_domain(m)
}

/// The people of the unit among `ids` (in no order; unknown ids left out).
pub async fn by_ids(e: &impl Executor, unit: UnitId, ids: &[PersonId]) -> StoreResult<Vec<Person>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::with_capacity(ids.len());
    // Bounded batches keep the statement under every backend's limit.
    for batch in ids.chunks(500) {
        let rows = people::Entity::find()
            .filter(people::Column::UnitId.eq(unit.uuid()))
            .filter(people::Column::Id.is_in(batch.iter().map(|id| id.uuid())))
            .all(e.conn())
            .await?;
        for m in rows {
            out.push(to_domain(m)?);
        }
    }
    Ok(out)
}

pub async fn by_code(e: &impl Executor, unit: UnitId, code: &str) -> StoreResult<Option<Person>> {
    people::Entity::find()
        .filter(people::Column::UnitId.eq(unit.uuid()))
        .filter(people::Column::Code.eq(code.trim()))
        .one(e.conn())
        .await?
        .map(to_domain)
        .transpose()
}

/// People of the unit matching `filter`, in Vietnamese name order (given
/// name, then the whole name).
pub async fn list(
    e: &impl Executor,
    unit: UnitId,
    filter: &PersonFilter,
    page: PageRequest,
) -> StoreResult<Page<Person>> {
    let mut cond = Condition::all().add(people::Column::UnitId.eq(unit.uuid()));
    if let Some(q) = &filter.query {
        // Terms are alphanumeric search keys, so they hold no LIKE wildcards.
        for term in search_terms(q) {
            cond = cond.add(people::Column::SearchKey.contains(term));
        }
    }
    if let Some(kind) = filter.kind {
        cond = cond.add(people::Column::Kind.eq(kind.code()));
    }
    if let Some(status) = filter.status {
        cond = cond.add(people::Column::Status.eq(status.code()));
    }
    if let Some(boarding) = filter.boarding {
        cond = cond.add(people::Column::Boarding.eq(boarding));
    }
    if let Some(class) = filter.class_id {
        cond = cond.add(people::Column::ClassId.eq(class.uuid()));
    }
    if let Some(department) = filter.department_id {
        // Staff of the department, and students of the classes it owns.
        let classes_of_department = Query::select()
            .column(classes::Column::Id)
            .from(classes::Entity)
            .and_where(Expr::col(classes::Column::UnitId).eq(unit.uuid()))
            .and_where(Expr::col(classes::Column::DepartmentId).eq(department.uuid()))
            .to_owned();
        cond = cond.add(
            Condition::any()
                .add(people::Column::DepartmentId.eq(department.uuid()))
                .add(people::Column::ClassId.in_subquery(classes_of_department)),
        );
    }
    // The page's codes first, from the list index alone (name order, the
    // search key and the status are in it), then only those rows: a
    // unit's rows lie scattered across the table in a province's database,
    // and reading every one of them to show fifty took most of the time.
    let page_codes = Query::select()
        .column(people::Column::Code)
        .from(people::Entity)
        .cond_where(cond.clone())
        .order_by(people::Column::SortKey, sea_orm::Order::Asc)
        .order_by(people::Column::Code, sea_orm::Order::Asc)
        .offset(page.offset())
        .limit(page.per_page)
        .to_owned();
    let models = people::Entity::find()
        .filter(people::Column::UnitId.eq(unit.uuid()))
        .filter(people::Column::Code.in_subquery(page_codes))
        .order_by_asc(people::Column::SortKey)
        .order_by_asc(people::Column::Code)
        .all(e.conn())
        .await?;
    let query = people::Entity::find().filter(cond);
    // A first page that is not full holds every match: no need to count.
    let total = if page.page == 1 && (models.len() as u64) < page.per_page {
        models.len() as u64
    } else {
        query.count(e.conn()).await?
    };
    Ok(Page {
        items: models
            .into_iter()
            .map(to_domain)
            .collect::<StoreResult<_>>()?,
        total,
        request: page,
    })
}

/// Every person of the unit, in name order, with their search keys: what
/// the use cases keep in memory to filter a unit's lists.
pub async fn all_with_keys(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<(String, Person)>> {
    people::Entity::find()
        .filter(people::Column::UnitId.eq(unit.uuid()))
        .order_by_asc(people::Column::SortKey)
        .order_by_asc(people::Column::Code)
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| {
            let key = m.search_key.clone();
            to_domain(m).map(|p| (key, p))
        })
        .collect()
}

/// Every person of the unit, in name order.
pub async fn all(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<Person>> {
    people::Entity::find()
        .filter(people::Column::UnitId.eq(unit.uuid()))
        .order_by_asc(people::Column::SortKey)
        .order_by_asc(people::Column::Code)
        .all(e.conn())
        .await?
        .into_iter()
        .map(to_domain)
        .collect()
}

/// Names of people of the unit by id, for showing homeroom teachers and the like.
pub async fn names(
    e: &impl Executor,
    unit: UnitId,
    ids: &[PersonId],
) -> StoreResult<Vec<(PersonId, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(uuid::Uuid, String)> = people::Entity::find()
        .select_only()
        .column(people::Column::Id)
        .column(people::Column::FullName)
        .filter(people::Column::UnitId.eq(unit.uuid()))
        .filter(people::Column::Id.is_in(ids.iter().map(|id| id.uuid())))
        .into_tuple()
        .all(e.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| (PersonId::from_uuid(id), name))
        .collect())
}
