//! Units and the tree of authorities above them.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use antt_domain::UnitId;
use antt_domain::page::{Page, PageRequest};
use antt_domain::text::{search_key, search_terms};
use antt_domain::unit::{NewUnit, SchoolLevel, Unit, UnitKind};
use antt_entity::unit as units;

use crate::db::Executor;
use crate::error::{StoreError, StoreResult, decode};

fn to_domain(m: units::Model) -> StoreResult<Unit> {
    Ok(Unit {
        id: UnitId::from_uuid(m.id),
        kind: decode("unit kind", &m.kind, UnitKind::parse)?,
        code: m.code,
        name: m.name,
        address: m.address,
        authority_id: m.authority_id.map(UnitId::from_uuid),
        created_at: m.created_at,
        bundle_key: m.bundle_key,
        school_level: match m.school_level.as_deref() {
            Some(code) => Some(decode("school level", code, SchoolLevel::parse)?),
            None => None,
        },
    })
}

pub async fn insert(e: &impl Executor, unit: &NewUnit, now: DateTime<Utc>) -> StoreResult<Unit> {
    let model = units::ActiveModel {
        id: Set(UnitId::new_v7().uuid()),
        kind: Set(unit.kind.code().to_owned()),
        code: Set(unit.code.clone()),
        name: Set(unit.name.clone()),
        search_key: Set(format!(
            "{} {}",
            search_key(&unit.name),
            search_key(&unit.code)
        )),
        address: Set(unit.address.clone()),
        authority_id: Set(unit.authority_id.map(UnitId::uuid)),
        created_at: Set(now),
        bundle_key: Set(None),
        school_level: Set(None),
    }
    .insert(e.conn())
    .await?;
    to_domain(model)
}

pub async fn get(e: &impl Executor, id: UnitId) -> StoreResult<Unit> {
    let model = units::Entity::find_by_id(id.uuid())
        .one(e.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    to_domain(model)
}

/// Registers the public key of the unit's own copy (`None`: the unit is
/// hosted here again).
pub async fn set_bundle_key(e: &impl Executor, id: UnitId, key: Option<&str>) -> StoreResult<()> {
    let done = units::Entity::update_many()
        .filter(units::Column::Id.eq(id.uuid()))
        .col_expr(
            units::Column::BundleKey,
            sea_orm::sea_query::Expr::value(key.map(str::to_owned)),
        )
        .exec(e.conn())
        .await?;
    if done.rows_affected == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

/// Records a school's level (`None`: not said).
pub async fn set_school_level(
    e: &impl Executor,
    id: UnitId,
    level: Option<SchoolLevel>,
) -> StoreResult<()> {
    let done = units::Entity::update_many()
        .filter(units::Column::Id.eq(id.uuid()))
        .col_expr(
            units::Column::SchoolLevel,
            sea_orm::sea_query::Expr::value(level.map(|l| l.code().to_owned())),
        )
        .exec(e.conn())
        .await?;
    if done.rows_affected == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

pub async fn by_code(e: &impl Executor, code: &str) -> StoreResult<Option<Unit>> {
    let model = units::Entity::find()
        .filter(units::Column::Code.eq(code.trim().to_uppercase()))
        .one(e.conn())
        .await?;
    model.map(to_domain).transpose()
}

/// Which units a list shows.
#[derive(Clone, Debug, Default)]
pub struct UnitFilter {
    pub query: Option<String>,
    pub kind: Option<UnitKind>,
    /// Only these units; `None` is every unit.
    pub within: Option<Vec<UnitId>>,
}

pub async fn list(
    e: &impl Executor,
    filter: &UnitFilter,
    page: PageRequest,
) -> StoreResult<Page<Unit>> {
    let mut cond = Condition::all();
    if let Some(q) = &filter.query {
        for term in search_terms(q) {
            cond = cond.add(units::Column::SearchKey.contains(term));
        }
    }
    if let Some(kind) = filter.kind {
        cond = cond.add(units::Column::Kind.eq(kind.code()));
    }
    if let Some(ids) = &filter.within {
        cond = cond.add(units::Column::Id.is_in(ids.iter().map(|id| id.uuid())));
    }
    let query = units::Entity::find().filter(cond);
    let total = query.clone().count(e.conn()).await?;
    let models = query
        .order_by_asc(units::Column::Kind)
        .order_by_asc(units::Column::SearchKey)
        .offset(page.offset())
        .limit(page.per_page)
        .all(e.conn())
        .await?;
    Ok(Page {
        items: models
            .into_iter()
            .map(to_domain)
            .collect::<StoreResult<_>>()?,
        total,
        request: page,
    })
}

/// The units `root` oversees, directly or through another authority (a
/// province oversees its wards' schools), `root` itself first.
pub async fn subtree(e: &impl Executor, root: UnitId) -> StoreResult<Vec<UnitId>> {
    let mut all = vec![root];
    let mut frontier = vec![root.uuid()];
    // An authority chain is short (province → ward → unit); the bound only
    // guards against a cycle typed into the data by hand.
    for _ in 0..8 {
        if frontier.is_empty() {
            break;
        }
        let children: Vec<uuid::Uuid> = units::Entity::find()
            .select_only()
            .column(units::Column::Id)
            .filter(units::Column::AuthorityId.is_in(frontier))
            .into_tuple()
            .all(e.conn())
            .await?;
        frontier = children
            .into_iter()
            .filter(|id| !all.contains(&UnitId::from_uuid(*id)))
            .collect();
        all.extend(frontier.iter().copied().map(UnitId::from_uuid));
    }
    Ok(all)
}

pub async fn count(e: &impl Executor) -> StoreResult<u64> {
    Ok(units::Entity::find().count(e.conn()).await?)
}
