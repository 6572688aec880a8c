//! Camera footage incidents cite.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use antt_domain::footage::Footage;
use antt_domain::{EquipmentId, FootageId, IncidentId, UnitId};
use antt_entity::incident_footage as footage;

use crate::db::Executor;
use crate::error::{StoreResult, one_row};

fn of(m: footage::Model) -> Footage {
    Footage {
        id: FootageId::from_uuid(m.id),
        incident_id: IncidentId::from_uuid(m.incident_id),
        equipment_id: EquipmentId::from_uuid(m.equipment_id),
        from: m.from_at,
        until: m.until_at,
        overwritten_on: m.overwritten_on,
        note: m.note,
        copied_by: m.copied_by,
        copied_on: m.copied_on,
        kept_until: m.kept_until,
        recorded_by: m.recorded_by,
    }
}

/// Adds a citation.
pub async fn insert(
    e: &impl Executor,
    unit: UnitId,
    f: &Footage,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    footage::Entity::insert(footage::ActiveModel {
        id: Set(f.id.uuid()),
        unit_id: Set(unit.uuid()),
        incident_id: Set(f.incident_id.uuid()),
        equipment_id: Set(f.equipment_id.uuid()),
        from_at: Set(f.from),
        until_at: Set(f.until),
        overwritten_on: Set(f.overwritten_on),
        note: Set(f.note.clone()),
        copied_by: Set(f.copied_by.clone()),
        copied_on: Set(f.copied_on),
        kept_until: Set(f.kept_until),
        recorded_by: Set(f.recorded_by.clone()),
        created_at: Set(now),
    })
    .exec(e.conn())
    .await?;
    Ok(())
}

/// The unit's citations (of one incident, or all), by time.
pub async fn list(
    e: &impl Executor,
    unit: UnitId,
    incident: Option<IncidentId>,
) -> StoreResult<Vec<Footage>> {
    let mut q = footage::Entity::find().filter(footage::Column::UnitId.eq(unit.uuid()));
    if let Some(i) = incident {
        q = q.filter(footage::Column::IncidentId.eq(i.uuid()));
    }
    Ok(q.order_by_asc(footage::Column::FromAt)
        .all(e.conn())
        .await?
        .into_iter()
        .map(of)
        .collect())
}

/// One citation of the unit.
pub async fn get(e: &impl Executor, unit: UnitId, id: FootageId) -> StoreResult<Option<Footage>> {
    Ok(footage::Entity::find_by_id(id.uuid())
        .filter(footage::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .map(of))
}

/// Records who copied the footage, when, and until when the copy is kept.
pub async fn set_copied(
    e: &impl Executor,
    unit: UnitId,
    id: FootageId,
    by: &str,
    on: NaiveDate,
    kept_until: NaiveDate,
) -> StoreResult<()> {
    let r = footage::Entity::update_many()
        .col_expr(footage::Column::CopiedBy, by.into())
        .col_expr(footage::Column::CopiedOn, on.into())
        .col_expr(footage::Column::KeptUntil, kept_until.into())
        .filter(footage::Column::Id.eq(id.uuid()))
        .filter(footage::Column::UnitId.eq(unit.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}
