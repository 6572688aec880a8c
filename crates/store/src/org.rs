//! Campuses, departments and classes of a unit. Every function takes the
//! unit: a row of another unit is "not found".

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use antt_domain::org::{
    Campus, CampusInput, Class, ClassInput, Department, DepartmentInput, DepartmentKind,
};
use antt_domain::{CampusId, ClassId, DepartmentId, PersonId, UnitId};
use antt_entity::{campus as campuses, class as classes, department as departments};

use crate::db::Executor;
use crate::error::{StoreError, StoreResult, decode, one_row};

fn campus(m: campuses::Model) -> Campus {
    Campus {
        id: CampusId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        name: m.name,
        address: m.address,
    }
}

fn department(m: departments::Model) -> StoreResult<Department> {
    Ok(Department {
        id: DepartmentId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        kind: decode("department kind", &m.kind, DepartmentKind::parse)?,
        name: m.name,
    })
}

fn class(m: classes::Model) -> Class {
    Class {
        id: ClassId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        name: m.name,
        department_id: m.department_id.map(DepartmentId::from_uuid),
        campus_id: m.campus_id.map(CampusId::from_uuid),
        homeroom_teacher_id: m.homeroom_teacher_id.map(PersonId::from_uuid),
    }
}

// Campuses

pub async fn insert_campus(
    e: &impl Executor,
    unit: UnitId,
    input: &CampusInput,
    now: DateTime<Utc>,
) -> StoreResult<Campus> {
    let m = campuses::ActiveModel {
        id: Set(CampusId::new_v7().uuid()),
        unit_id: Set(unit.uuid()),
        name: Set(input.name.clone()),
        address: Set(input.address.clone()),
        created_at: Set(now),
    }
    .insert(e.conn())
    .await?;
    Ok(campus(m))
}

pub async fn update_campus(
    e: &impl Executor,
    unit: UnitId,
    id: CampusId,
    input: &CampusInput,
) -> StoreResult<()> {
    let r = campuses::Entity::update_many()
        .col_expr(campuses::Column::Name, Expr::value(input.name.clone()))
        .col_expr(
            campuses::Column::Address,
            Expr::value(input.address.clone()),
        )
        .filter(campuses::Column::UnitId.eq(unit.uuid()))
        .filter(campuses::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

pub async fn get_campus(e: &impl Executor, unit: UnitId, id: CampusId) -> StoreResult<Campus> {
    campuses::Entity::find_by_id(id.uuid())
        .filter(campuses::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .map(campus)
        .ok_or(StoreError::NotFound)
}

pub async fn list_campuses(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<Campus>> {
    Ok(campuses::Entity::find()
        .filter(campuses::Column::UnitId.eq(unit.uuid()))
        .order_by_asc(campuses::Column::Name)
        .all(e.conn())
        .await?
        .into_iter()
        .map(campus)
        .collect())
}

// Departments

pub async fn insert_department(
    e: &impl Executor,
    unit: UnitId,
    input: &DepartmentInput,
    now: DateTime<Utc>,
) -> StoreResult<Department> {
    let m = departments::ActiveModel {
        id: Set(DepartmentId::new_v7().uuid()),
        unit_id: Set(unit.uuid()),
        kind: Set(input.kind.code().to_owned()),
        name: Set(input.name.clone()),
        created_at: Set(now),
    }
    .insert(e.conn())
    .await?;
    department(m)
}

pub async fn update_department(
    e: &impl Executor,
    unit: UnitId,
    id: DepartmentId,
    input: &DepartmentInput,
) -> StoreResult<()> {
    let r = departments::Entity::update_many()
        .col_expr(departments::Column::Name, Expr::value(input.name.clone()))
        .col_expr(departments::Column::Kind, Expr::value(input.kind.code()))
        .filter(departments::Column::UnitId.eq(unit.uuid()))
        .filter(departments::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

pub async fn get_department(
    e: &impl Executor,
    unit: UnitId,
    id: DepartmentId,
) -> StoreResult<Department> {
    let m = departments::Entity::find_by_id(id.uuid())
        .filter(departments::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    department(m)
}

pub async fn list_departments(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<Department>> {
    departments::Entity::find()
        .filter(departments::Column::UnitId.eq(unit.uuid()))
        .order_by_asc(departments::Column::Kind)
        .order_by_asc(departments::Column::Name)
        .all(e.conn())
        .await?
        .into_iter()
        .map(department)
        .collect()
}

// Classes

pub async fn insert_class(
    e: &impl Executor,
    unit: UnitId,
    input: &ClassInput,
    now: DateTime<Utc>,
) -> StoreResult<Class> {
    let m = classes::ActiveModel {
        id: Set(ClassId::new_v7().uuid()),
        unit_id: Set(unit.uuid()),
        name: Set(input.name.clone()),
        department_id: Set(input.department_id.map(DepartmentId::uuid)),
        campus_id: Set(input.campus_id.map(CampusId::uuid)),
        homeroom_teacher_id: Set(input.homeroom_teacher_id.map(PersonId::uuid)),
        created_at: Set(now),
    }
    .insert(e.conn())
    .await?;
    Ok(class(m))
}

pub async fn update_class(
    e: &impl Executor,
    unit: UnitId,
    id: ClassId,
    input: &ClassInput,
) -> StoreResult<()> {
    let r = classes::Entity::update_many()
        .col_expr(classes::Column::Name, Expr::value(input.name.clone()))
        .col_expr(
            classes::Column::DepartmentId,
            Expr::value(input.department_id.map(DepartmentId::uuid)),
        )
        .col_expr(
            classes::Column::CampusId,
            Expr::value(input.campus_id.map(CampusId::uuid)),
        )
        .col_expr(
            classes::Column::HomeroomTeacherId,
            Expr::value(input.homeroom_teacher_id.map(PersonId::uuid)),
        )
        .filter(classes::Column::UnitId.eq(unit.uuid()))
        .filter(classes::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

pub async fn get_class(e: &impl Executor, unit: UnitId, id: ClassId) -> StoreResult<Class> {
    classes::Entity::find_by_id(id.uuid())
        .filter(classes::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .map(class)
        .ok_or(StoreError::NotFound)
}

pub async fn list_classes(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<Class>> {
    Ok(classes::Entity::find()
        .filter(classes::Column::UnitId.eq(unit.uuid()))
        .order_by_asc(classes::Column::Name)
        .all(e.conn())
        .await?
        .into_iter()
        .map(class)
        .collect())
}
