//! The register of fire-safety equipment and cameras: items, the unit's
//! intervals per kind, each item's history and the faults reported.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use antt_domain::equipment::{
    CameraOutage, Equipment, EquipmentEvent, EquipmentEventKind, EquipmentFault, EquipmentKind,
    EquipmentState, FaultState, Intervals,
};
use antt_domain::{CampusId, EquipmentFaultId, EquipmentId, UnitId};
use antt_entity::{
    camera_outage as outages, equipment_event as events, equipment_fault as faults,
    equipment_interval as intervals, equipment_item as items,
};

use crate::db::Executor;
use crate::error::{StoreResult, decode, one_row};

fn item(m: items::Model) -> StoreResult<Equipment> {
    Ok(Equipment {
        id: EquipmentId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        code: m.code,
        kind: decode("equipment_items.kind", &m.kind, EquipmentKind::parse)?,
        name: m.name,
        campus_id: m.campus_id.map(CampusId::from_uuid),
        place: m.place,
        maker: m.maker,
        made_on: m.made_on,
        installed_on: m.installed_on,
        last_check: m.last_check,
        last_service: m.last_service,
        last_pressure_test: m.last_pressure_test,
        expires_on: m.expires_on,
        state: decode("equipment_items.state", &m.state, EquipmentState::parse)?,
        note: m.note,
        label: m.label,
    })
}

fn search_key(i: &Equipment) -> String {
    antt_domain::text::search_key(&format!("{} {} {}", i.code, i.name, i.place))
}

/// Adds an item.
pub async fn insert_item(e: &impl Executor, i: &Equipment, now: DateTime<Utc>) -> StoreResult<()> {
    items::Entity::insert(items::ActiveModel {
        id: Set(i.id.uuid()),
        unit_id: Set(i.unit_id.uuid()),
        code: Set(i.code.clone()),
        kind: Set(i.kind.code().to_owned()),
        name: Set(i.name.clone()),
        campus_id: Set(i.campus_id.map(CampusId::uuid)),
        place: Set(i.place.clone()),
        maker: Set(i.maker.clone()),
        made_on: Set(i.made_on),
        installed_on: Set(i.installed_on),
        last_check: Set(i.last_check),
        last_service: Set(i.last_service),
        last_pressure_test: Set(i.last_pressure_test),
        expires_on: Set(i.expires_on),
        state: Set(i.state.code().to_owned()),
        note: Set(i.note.clone()),
        label: Set(i.label.clone()),
        search_key: Set(search_key(i)),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec(e.conn())
    .await?;
    Ok(())
}

/// Writes an item's details, dates and state as they now are (its id,
/// unit and label stay).
pub async fn update_item(e: &impl Executor, i: &Equipment, now: DateTime<Utc>) -> StoreResult<()> {
    let r = items::Entity::update_many()
        .col_expr(items::Column::Code, i.code.clone().into())
        .col_expr(items::Column::Kind, i.kind.code().into())
        .col_expr(items::Column::Name, i.name.clone().into())
        .col_expr(
            items::Column::CampusId,
            i.campus_id.map(CampusId::uuid).into(),
        )
        .col_expr(items::Column::Place, i.place.clone().into())
        .col_expr(items::Column::Maker, i.maker.clone().into())
        .col_expr(items::Column::MadeOn, i.made_on.into())
        .col_expr(items::Column::InstalledOn, i.installed_on.into())
        .col_expr(items::Column::LastCheck, i.last_check.into())
        .col_expr(items::Column::LastService, i.last_service.into())
        .col_expr(items::Column::LastPressureTest, i.last_pressure_test.into())
        .col_expr(items::Column::ExpiresOn, i.expires_on.into())
        .col_expr(items::Column::State, i.state.code().into())
        .col_expr(items::Column::Note, i.note.clone().into())
        .col_expr(items::Column::SearchKey, search_key(i).into())
        .col_expr(items::Column::UpdatedAt, now.into())
        .filter(items::Column::UnitId.eq(i.unit_id.uuid()))
        .filter(items::Column::Id.eq(i.id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// The unit's items, by code.
pub async fn items(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<Equipment>> {
    items::Entity::find()
        .filter(items::Column::UnitId.eq(unit.uuid()))
        .order_by_asc(items::Column::Code)
        .all(e.conn())
        .await?
        .into_iter()
        .map(item)
        .collect()
}

/// One item of the unit.
pub async fn item_of(
    e: &impl Executor,
    unit: UnitId,
    id: EquipmentId,
) -> StoreResult<Option<Equipment>> {
    items::Entity::find()
        .filter(items::Column::UnitId.eq(unit.uuid()))
        .filter(items::Column::Id.eq(id.uuid()))
        .one(e.conn())
        .await?
        .map(item)
        .transpose()
}

/// The item whose label holds this secret, in whichever unit.
pub async fn item_by_label(e: &impl Executor, label: &str) -> StoreResult<Option<Equipment>> {
    items::Entity::find()
        .filter(items::Column::Label.eq(label))
        .one(e.conn())
        .await?
        .map(item)
        .transpose()
}

/// The unit's codes already taken, among `codes`.
pub async fn codes_taken(
    e: &impl Executor,
    unit: UnitId,
    codes: &[String],
) -> StoreResult<Vec<String>> {
    let mut out = Vec::new();
    for chunk in codes.chunks(500) {
        out.extend(
            items::Entity::find()
                .select_only()
                .column(items::Column::Code)
                .filter(items::Column::UnitId.eq(unit.uuid()))
                .filter(items::Column::Code.is_in(chunk.iter().cloned()))
                .into_tuple::<String>()
                .all(e.conn())
                .await?,
        );
    }
    Ok(out)
}

/// The unit's own intervals, by kind (kinds it did not set are absent).
pub async fn intervals(
    e: &impl Executor,
    unit: UnitId,
) -> StoreResult<HashMap<EquipmentKind, Intervals>> {
    let days = |n: Option<i32>| n.and_then(|n| u32::try_from(n).ok());
    intervals::Entity::find()
        .filter(intervals::Column::UnitId.eq(unit.uuid()))
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| {
            Ok((
                decode("equipment_intervals.kind", &m.kind, EquipmentKind::parse)?,
                Intervals {
                    check_days: days(m.check_days),
                    service_months: days(m.service_months),
                    pressure_test_years: days(m.pressure_test_years),
                },
            ))
        })
        .collect()
}

/// Sets the unit's intervals for a kind.
pub async fn set_intervals(
    e: &impl Executor,
    unit: UnitId,
    kind: EquipmentKind,
    i: Intervals,
) -> StoreResult<()> {
    let n = |v: Option<u32>| v.and_then(|v| i32::try_from(v).ok());
    intervals::Entity::insert(intervals::ActiveModel {
        unit_id: Set(unit.uuid()),
        kind: Set(kind.code().to_owned()),
        check_days: Set(n(i.check_days)),
        service_months: Set(n(i.service_months)),
        pressure_test_years: Set(n(i.pressure_test_years)),
    })
    .on_conflict(
        OnConflict::columns([intervals::Column::UnitId, intervals::Column::Kind])
            .update_columns([
                intervals::Column::CheckDays,
                intervals::Column::ServiceMonths,
                intervals::Column::PressureTestYears,
            ])
            .to_owned(),
    )
    .exec(e.conn())
    .await?;
    Ok(())
}

/// Adds a line to an item's history.
pub async fn insert_event(e: &impl Executor, unit: UnitId, ev: &EquipmentEvent) -> StoreResult<()> {
    events::Entity::insert(events::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        unit_id: Set(unit.uuid()),
        equipment_id: Set(ev.equipment_id.uuid()),
        at: Set(ev.at),
        day: Set(ev.day),
        kind: Set(ev.kind.code().to_owned()),
        note: Set(ev.note.clone()),
        recorded_by: Set(ev.recorded_by.clone()),
    })
    .exec(e.conn())
    .await?;
    Ok(())
}

/// Adds many lines of history at once (the demo's year of checks).
pub async fn insert_events(
    e: &impl Executor,
    unit: UnitId,
    list: &[EquipmentEvent],
) -> StoreResult<()> {
    for chunk in list.chunks(500) {
        events::Entity::insert_many(chunk.iter().map(|ev| events::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            unit_id: Set(unit.uuid()),
            equipment_id: Set(ev.equipment_id.uuid()),
            at: Set(ev.at),
            day: Set(ev.day),
            kind: Set(ev.kind.code().to_owned()),
            note: Set(ev.note.clone()),
            recorded_by: Set(ev.recorded_by.clone()),
        }))
        .exec(e.conn())
        .await?;
    }
    Ok(())
}

fn event(m: events::Model) -> StoreResult<EquipmentEvent> {
    Ok(EquipmentEvent {
        equipment_id: EquipmentId::from_uuid(m.equipment_id),
        at: m.at,
        day: m.day,
        kind: decode("equipment_events.kind", &m.kind, EquipmentEventKind::parse)?,
        note: m.note,
        recorded_by: m.recorded_by,
    })
}

/// An item's history, newest first.
pub async fn events_of(
    e: &impl Executor,
    unit: UnitId,
    id: EquipmentId,
) -> StoreResult<Vec<EquipmentEvent>> {
    events::Entity::find()
        .filter(events::Column::UnitId.eq(unit.uuid()))
        .filter(events::Column::EquipmentId.eq(id.uuid()))
        .order_by_desc(events::Column::At)
        .order_by_desc(events::Column::Id)
        .all(e.conn())
        .await?
        .into_iter()
        .map(event)
        .collect()
}

/// The unit's history of `kinds` from `from` to `until` (days the work
/// was done), oldest first: the log books of the dossier.
pub async fn events_between(
    e: &impl Executor,
    unit: UnitId,
    from: NaiveDate,
    until: NaiveDate,
) -> StoreResult<Vec<EquipmentEvent>> {
    events::Entity::find()
        .filter(events::Column::UnitId.eq(unit.uuid()))
        .filter(events::Column::Day.gte(from))
        .filter(events::Column::Day.lte(until))
        .order_by_asc(events::Column::Day)
        .order_by_asc(events::Column::At)
        .order_by_asc(events::Column::Id)
        .all(e.conn())
        .await?
        .into_iter()
        .map(event)
        .collect()
}

/// Adds a fault report with its cleaned photo, if any.
pub async fn insert_fault(
    e: &impl Executor,
    f: &EquipmentFault,
    photo: Option<Vec<u8>>,
) -> StoreResult<()> {
    faults::Entity::insert(faults::ActiveModel {
        id: Set(f.id.uuid()),
        unit_id: Set(f.unit_id.uuid()),
        equipment_id: Set(f.equipment_id.map(EquipmentId::uuid)),
        schedule_id: Set(f.schedule_id.map(antt_domain::InspectionScheduleId::uuid)),
        place: Set(f.place.clone()),
        reported_at: Set(f.reported_at),
        description: Set(f.description.clone()),
        reported_by: Set(f.reported_by.clone()),
        public: Set(f.reported_by.is_none()),
        photo: Set(photo),
        state: Set(f.state.code().to_owned()),
        closed_at: Set(f.closed_at),
        closed_by: Set(f.closed_by.clone()),
        closing_note: Set(f.closing_note.clone()),
        owner_id: Set(f.owner_id.map(antt_domain::PersonId::uuid)),
        due_on: Set(f.due_on),
    })
    .exec(e.conn())
    .await?;
    Ok(())
}

fn fault(m: faults::Model) -> StoreResult<EquipmentFault> {
    Ok(EquipmentFault {
        id: EquipmentFaultId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        equipment_id: m.equipment_id.map(EquipmentId::from_uuid),
        schedule_id: m
            .schedule_id
            .map(antt_domain::InspectionScheduleId::from_uuid),
        place: m.place,
        reported_at: m.reported_at,
        description: m.description,
        reported_by: m.reported_by,
        has_photo: m.photo.is_some(),
        state: decode("equipment_faults.state", &m.state, FaultState::parse)?,
        closed_at: m.closed_at,
        closed_by: m.closed_by,
        closing_note: m.closing_note,
        owner_id: m.owner_id.map(antt_domain::PersonId::from_uuid),
        due_on: m.due_on,
    })
}

/// Gives an open fault its owner and the day it must be set right by.
pub async fn assign_fault(
    e: &impl Executor,
    unit: UnitId,
    id: EquipmentFaultId,
    owner: Option<antt_domain::PersonId>,
    due_on: NaiveDate,
) -> StoreResult<()> {
    let r = faults::Entity::update_many()
        .col_expr(
            faults::Column::OwnerId,
            owner.map(antt_domain::PersonId::uuid).into(),
        )
        .col_expr(faults::Column::DueOn, Some(due_on).into())
        .filter(faults::Column::UnitId.eq(unit.uuid()))
        .filter(faults::Column::Id.eq(id.uuid()))
        .filter(faults::Column::State.eq(FaultState::Open.code()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// The units that keep a register, for the morning's reminders.
pub async fn units_with_items(e: &impl Executor) -> StoreResult<Vec<UnitId>> {
    Ok(items::Entity::find()
        .select_only()
        .column(items::Column::UnitId)
        .distinct()
        .into_tuple::<uuid::Uuid>()
        .all(e.conn())
        .await?
        .into_iter()
        .map(UnitId::from_uuid)
        .collect())
}

/// The unit's fault reports (only the open ones, or all), newest first.
pub async fn faults(
    e: &impl Executor,
    unit: UnitId,
    open_only: bool,
) -> StoreResult<Vec<EquipmentFault>> {
    // The photos stay in the table: a list needs only whether there is
    // one (its first byte), not the picture of every open fault.
    let mut q = faults::Entity::find()
        .select_only()
        .columns(
            <faults::Column as sea_orm::Iterable>::iter()
                .filter(|c| !matches!(c, faults::Column::Photo)),
        )
        .column_as(
            sea_orm::sea_query::Expr::cust(r#"substr("photo", 1, 1)"#),
            "photo",
        )
        .filter(faults::Column::UnitId.eq(unit.uuid()));
    if open_only {
        q = q.filter(faults::Column::State.eq(FaultState::Open.code()));
    }
    q.order_by_desc(faults::Column::ReportedAt)
        .all(e.conn())
        .await?
        .into_iter()
        .map(fault)
        .collect()
}

/// One fault report of the unit.
pub async fn fault_of(
    e: &impl Executor,
    unit: UnitId,
    id: EquipmentFaultId,
) -> StoreResult<Option<EquipmentFault>> {
    faults::Entity::find()
        .filter(faults::Column::UnitId.eq(unit.uuid()))
        .filter(faults::Column::Id.eq(id.uuid()))
        .one(e.conn())
        .await?
        .map(fault)
        .transpose()
}

/// A fault report's photo.
pub async fn fault_photo(
    e: &impl Executor,
    unit: UnitId,
    id: EquipmentFaultId,
) -> StoreResult<Option<Vec<u8>>> {
    Ok(faults::Entity::find()
        .filter(faults::Column::UnitId.eq(unit.uuid()))
        .filter(faults::Column::Id.eq(id.uuid()))
        .one(e.conn())
        .await?
        .and_then(|m| m.photo))
}

/// Closes an open fault report.
pub async fn close_fault(
    e: &impl Executor,
    unit: UnitId,
    id: EquipmentFaultId,
    state: FaultState,
    by: &str,
    note: Option<&str>,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let r = faults::Entity::update_many()
        .col_expr(faults::Column::State, state.code().into())
        .col_expr(faults::Column::ClosedAt, Some(at).into())
        .col_expr(faults::Column::ClosedBy, Some(by.to_owned()).into())
        .col_expr(faults::Column::ClosingNote, note.map(str::to_owned).into())
        .filter(faults::Column::UnitId.eq(unit.uuid()))
        .filter(faults::Column::Id.eq(id.uuid()))
        .filter(faults::Column::State.eq(FaultState::Open.code()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// Records an outage of a camera or recorder.
pub async fn insert_outage(
    e: &impl Executor,
    unit: UnitId,
    o: &CameraOutage,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    outages::Entity::insert(outages::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        unit_id: Set(unit.uuid()),
        equipment_id: Set(o.equipment_id.uuid()),
        from_at: Set(o.from),
        until_at: Set(o.until),
        cause: Set(o.cause.clone()),
        recorded_by: Set(o.recorded_by.clone()),
        created_at: Set(now),
    })
    .exec(e.conn())
    .await?;
    Ok(())
}

/// Ends the outages of an item still open, at `at`.
pub async fn end_outages(
    e: &impl Executor,
    unit: UnitId,
    id: EquipmentId,
    at: DateTime<Utc>,
) -> StoreResult<u64> {
    let r = outages::Entity::update_many()
        .col_expr(outages::Column::UntilAt, Some(at).into())
        .filter(outages::Column::UnitId.eq(unit.uuid()))
        .filter(outages::Column::EquipmentId.eq(id.uuid()))
        .filter(outages::Column::UntilAt.is_null())
        .exec(e.conn())
        .await?;
    Ok(r.rows_affected)
}

/// The unit's outages (of one item, or all), the latest first.
pub async fn outages(
    e: &impl Executor,
    unit: UnitId,
    item: Option<EquipmentId>,
) -> StoreResult<Vec<CameraOutage>> {
    let mut q = outages::Entity::find().filter(outages::Column::UnitId.eq(unit.uuid()));
    if let Some(id) = item {
        q = q.filter(outages::Column::EquipmentId.eq(id.uuid()));
    }
    Ok(q.order_by_desc(outages::Column::FromAt)
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| CameraOutage {
            equipment_id: EquipmentId::from_uuid(m.equipment_id),
            from: m.from_at,
            until: m.until_at,
            cause: m.cause,
            recorded_by: m.recorded_by,
        })
        .collect())
}
