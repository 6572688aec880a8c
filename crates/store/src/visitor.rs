//! Visitors at the gate, the people not let in, and the gate's settings.

use chrono::{DateTime, NaiveTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use antt_domain::visitor::{BarredPerson, DocumentKind, GateSettings, Visitor};
use antt_domain::{BarredPersonId, CampusId, UnitId, VisitorId};
use antt_entity::{barred_person as barred, gate_settings as settings, gate_visitor as visitors};

use crate::db::Executor;
use crate::error::{StoreResult, decode, one_row};

fn visitor(m: visitors::Model) -> StoreResult<Visitor> {
    Ok(Visitor {
        id: VisitorId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        campus_id: CampusId::from_uuid(m.campus_id),
        name: m.name,
        document: if m.document.is_empty() {
            None
        } else {
            Some(decode("document kind", &m.document, DocumentKind::parse)?)
        },
        document_number: m.document_number,
        visiting: m.visiting,
        vehicle_plate: m.vehicle_plate,
        arrived_at: m.arrived_at,
        left_at: m.left_at,
        recorded_by: m.recorded_by,
    })
}

/// Lets a visitor in.
pub async fn insert(e: &impl Executor, v: &Visitor) -> StoreResult<()> {
    visitors::Entity::insert(visitors::ActiveModel {
        id: Set(v.id.uuid()),
        unit_id: Set(v.unit_id.uuid()),
        campus_id: Set(v.campus_id.uuid()),
        name: Set(v.name.clone()),
        document: Set(v.document.map_or_else(String::new, |d| d.code().to_owned())),
        document_number: Set(v.document_number.clone()),
        visiting: Set(v.visiting.clone()),
        vehicle_plate: Set(v.vehicle_plate.clone()),
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
    id: VisitorId,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let r = visitors::Entity::update_many()
        .col_expr(visitors::Column::LeftAt, Some(at).into())
        .filter(visitors::Column::UnitId.eq(unit.uuid()))
        .filter(visitors::Column::Id.eq(id.uuid()))
        .filter(visitors::Column::LeftAt.is_null())
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// The visitors who arrived within `[from, until)` and those still inside
/// who arrived before, in order of arrival.
pub async fn of_period(
    e: &impl Executor,
    unit: UnitId,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> StoreResult<Vec<Visitor>> {
    visitors::Entity::find()
        .filter(visitors::Column::UnitId.eq(unit.uuid()))
        .filter(visitors::Column::ArrivedAt.lt(until))
        .filter(
            sea_orm::Condition::any()
                .add(visitors::Column::ArrivedAt.gte(from))
                .add(visitors::Column::LeftAt.is_null()),
        )
        .order_by_asc(visitors::Column::ArrivedAt)
        .all(e.conn())
        .await?
        .into_iter()
        .map(visitor)
        .collect()
}

fn barred_person(m: barred::Model) -> BarredPerson {
    BarredPerson {
        id: BarredPersonId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        name: m.name,
        document_number: m.document_number,
        reason: m.reason,
        added_at: m.added_at,
        added_by: m.added_by,
    }
}

/// Adds a person to the list of people not let in.
pub async fn bar(e: &impl Executor, b: &BarredPerson) -> StoreResult<()> {
    barred::Entity::insert(barred::ActiveModel {
        id: Set(b.id.uuid()),
        unit_id: Set(b.unit_id.uuid()),
        name: Set(b.name.clone()),
        document_number: Set(b.document_number.clone()),
        reason: Set(b.reason.clone()),
        added_at: Set(b.added_at),
        added_by: Set(b.added_by.clone()),
    })
    .exec(e.conn())
    .await?;
    Ok(())
}

/// Takes a person off the list.
pub async fn unbar(e: &impl Executor, unit: UnitId, id: BarredPersonId) -> StoreResult<()> {
    let r = barred::Entity::delete_many()
        .filter(barred::Column::UnitId.eq(unit.uuid()))
        .filter(barred::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// The unit's list of people not let in, by name.
pub async fn barred(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<BarredPerson>> {
    Ok(barred::Entity::find()
        .filter(barred::Column::UnitId.eq(unit.uuid()))
        .order_by_asc(barred::Column::Name)
        .all(e.conn())
        .await?
        .into_iter()
        .map(barred_person)
        .collect())
}

/// The unit's gate settings (the defaults until changed).
pub async fn settings(e: &impl Executor, unit: UnitId) -> StoreResult<GateSettings> {
    let Some(m) = settings::Entity::find_by_id(unit.uuid())
        .one(e.conn())
        .await?
    else {
        return Ok(GateSettings::default());
    };
    Ok(GateSettings {
        full_numbers: m.full_numbers,
        closing: NaiveTime::parse_from_str(&m.closing, "%H:%M")
            .unwrap_or(GateSettings::default().closing),
    })
}

/// Saves the unit's gate settings.
pub async fn save_settings(e: &impl Executor, unit: UnitId, s: &GateSettings) -> StoreResult<()> {
    settings::Entity::insert(settings::ActiveModel {
        unit_id: Set(unit.uuid()),
        full_numbers: Set(s.full_numbers),
        closing: Set(s.closing.format("%H:%M").to_string()),
    })
    .on_conflict(
        OnConflict::column(settings::Column::UnitId)
            .update_columns([settings::Column::FullNumbers, settings::Column::Closing])
            .to_owned(),
    )
    .exec(e.conn())
    .await?;
    Ok(())
}
