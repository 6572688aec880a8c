//! The dormitories' visitor log and by when visitors leave.

use chrono::{DateTime, NaiveTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use antt_domain::dorm::RollCallTimes;
use antt_domain::dorm_visit::{DormVisit, default_closing};
use antt_domain::visitor::DocumentKind;
use antt_domain::{BuildingId, DormVisitId, PersonId, UnitId};
use antt_entity::{dorm_settings as settings, dorm_visit as visits};

use crate::db::Executor;
use crate::error::{StoreError, StoreResult, decode, one_row};

fn visit(m: visits::Model) -> StoreResult<DormVisit> {
    Ok(DormVisit {
        id: DormVisitId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        building_id: BuildingId::from_uuid(m.building_id),
        resident_id: PersonId::from_uuid(m.resident_id),
        name: m.name,
        relation: m.relation,
        document: m
            .document
            .map(|d| decode("document kind", &d, DocumentKind::parse))
            .transpose()?,
        document_number: m.document_number,
        arrived_at: m.arrived_at,
        left_at: m.left_at,
        recorded_by: m.recorded_by,
    })
}

/// Records a visitor's arrival.
pub async fn insert(e: &impl Executor, v: &DormVisit) -> StoreResult<()> {
    visits::Entity::insert(visits::ActiveModel {
        id: Set(v.id.uuid()),
        unit_id: Set(v.unit_id.uuid()),
        building_id: Set(v.building_id.uuid()),
        resident_id: Set(v.resident_id.uuid()),
        name: Set(v.name.clone()),
        relation: Set(v.relation.clone()),
        document: Set(v.document.map(|d| d.code().to_owned())),
        document_number: Set(v.document_number.clone()),
        arrived_at: Set(v.arrived_at),
        left_at: Set(v.left_at),
        recorded_by: Set(v.recorded_by.clone()),
    })
    .exec(e.conn())
    .await?;
    Ok(())
}

/// Records that a visitor still inside has left.
pub async fn leave(
    e: &impl Executor,
    unit: UnitId,
    id: DormVisitId,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let r = visits::Entity::update_many()
        .col_expr(visits::Column::LeftAt, Expr::value(Some(at)))
        .filter(visits::Column::UnitId.eq(unit.uuid()))
        .filter(visits::Column::Id.eq(id.uuid()))
        .filter(visits::Column::LeftAt.is_null())
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// The visits that began within `[from, until)` and those still inside
/// that began before, in order of arrival.
pub async fn of_period(
    e: &impl Executor,
    unit: UnitId,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> StoreResult<Vec<DormVisit>> {
    visits::Entity::find()
        .filter(visits::Column::UnitId.eq(unit.uuid()))
        .filter(visits::Column::ArrivedAt.lt(until))
        .filter(
            sea_orm::Condition::any()
                .add(visits::Column::ArrivedAt.gte(from))
                .add(visits::Column::LeftAt.is_null()),
        )
        .order_by_asc(visits::Column::ArrivedAt)
        .all(e.conn())
        .await?
        .into_iter()
        .map(visit)
        .collect()
}

/// By when visitors leave the dormitories.
pub async fn closing(e: &impl Executor, unit: UnitId) -> StoreResult<NaiveTime> {
    match settings::Entity::find_by_id(unit.uuid())
        .one(e.conn())
        .await?
    {
        None => Ok(default_closing()),
        Some(m) => NaiveTime::parse_from_str(&m.visits_until, "%H:%M")
            .map_err(|_| StoreError::Corrupt("visits closing time".into())),
    }
}

/// Sets by when visitors leave.
pub async fn save_closing(e: &impl Executor, unit: UnitId, at: NaiveTime) -> StoreResult<()> {
    let times = RollCallTimes::default();
    settings::Entity::insert(settings::ActiveModel {
        unit_id: Set(unit.uuid()),
        call_time: Set(times.call.format("%H:%M").to_string()),
        deadline: Set(times.deadline.format("%H:%M").to_string()),
        visits_until: Set(at.format("%H:%M").to_string()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(settings::Column::UnitId)
            .update_column(settings::Column::VisitsUntil)
            .to_owned(),
    )
    .exec(e.conn())
    .await?;
    Ok(())
}
