//! The gate's shift logs and their entries.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use antt_domain::shift_log::{LogEntry, ShiftLog};
use antt_domain::{CampusId, PersonId, ShiftLogId, UnitId};
use antt_entity::{shift_log as logs, shift_log_entry as entries};

use crate::db::Executor;
use crate::error::{StoreResult, one_row};

fn log(m: logs::Model) -> ShiftLog {
    ShiftLog {
        id: ShiftLogId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        campus_id: CampusId::from_uuid(m.campus_id),
        guard_id: m.guard_id.map(PersonId::from_uuid),
        guard_name: m.guard_name,
        account: m.account,
        started_at: m.started_at,
        taken_from: m.taken_from,
        received: m.received,
        ended_at: m.ended_at,
        handover_notes: m.handover_notes,
    }
}

/// Opens a log.
pub async fn insert(e: &impl Executor, l: &ShiftLog) -> StoreResult<()> {
    logs::Entity::insert(logs::ActiveModel {
        id: Set(l.id.uuid()),
        unit_id: Set(l.unit_id.uuid()),
        campus_id: Set(l.campus_id.uuid()),
        guard_id: Set(l.guard_id.map(PersonId::uuid)),
        guard_name: Set(l.guard_name.clone()),
        account: Set(l.account.clone()),
        started_at: Set(l.started_at),
        taken_from: Set(l.taken_from.clone()),
        received: Set(l.received.clone()),
        ended_at: Set(None),
        handover_notes: Set(None),
    })
    .exec(e.conn())
    .await?;
    Ok(())
}

/// A log of the unit.
pub async fn get(e: &impl Executor, unit: UnitId, id: ShiftLogId) -> StoreResult<ShiftLog> {
    logs::Entity::find_by_id(id.uuid())
        .filter(logs::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .map(log)
        .ok_or(crate::StoreError::NotFound)
}

/// The log an account has open, if any.
pub async fn open_of(
    e: &impl Executor,
    unit: UnitId,
    account: &str,
) -> StoreResult<Option<ShiftLog>> {
    Ok(logs::Entity::find()
        .filter(logs::Column::UnitId.eq(unit.uuid()))
        .filter(logs::Column::Account.eq(account))
        .filter(logs::Column::EndedAt.is_null())
        .order_by_desc(logs::Column::StartedAt)
        .one(e.conn())
        .await?
        .map(log))
}

/// The last log of a campus, open or not (whom the next guard takes over
/// from).
pub async fn last_of_campus(
    e: &impl Executor,
    unit: UnitId,
    campus: CampusId,
) -> StoreResult<Option<ShiftLog>> {
    Ok(logs::Entity::find()
        .filter(logs::Column::UnitId.eq(unit.uuid()))
        .filter(logs::Column::CampusId.eq(campus.uuid()))
        .order_by_desc(logs::Column::StartedAt)
        .one(e.conn())
        .await?
        .map(log))
}

/// Hands a log over.
pub async fn close(
    e: &impl Executor,
    unit: UnitId,
    id: ShiftLogId,
    notes: &str,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let r = logs::Entity::update_many()
        .col_expr(logs::Column::EndedAt, Some(at).into())
        .col_expr(logs::Column::HandoverNotes, Some(notes.to_owned()).into())
        .filter(logs::Column::UnitId.eq(unit.uuid()))
        .filter(logs::Column::Id.eq(id.uuid()))
        .filter(logs::Column::EndedAt.is_null())
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// The logs of a campus that overlap `[from, until)`, in order.
pub async fn of_campus(
    e: &impl Executor,
    unit: UnitId,
    campus: CampusId,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> StoreResult<Vec<ShiftLog>> {
    Ok(logs::Entity::find()
        .filter(logs::Column::UnitId.eq(unit.uuid()))
        .filter(logs::Column::CampusId.eq(campus.uuid()))
        .filter(logs::Column::StartedAt.lt(until))
        .filter(
            Condition::any()
                .add(logs::Column::EndedAt.is_null())
                .add(logs::Column::EndedAt.gte(from)),
        )
        .order_by_asc(logs::Column::StartedAt)
        .all(e.conn())
        .await?
        .into_iter()
        .map(log)
        .collect())
}

/// Adds an entry, numbered after the log's last.
pub async fn add_entry(
    e: &impl Executor,
    unit: UnitId,
    log_id: ShiftLogId,
    at: DateTime<Utc>,
    text: &str,
    recorded_at: DateTime<Utc>,
) -> StoreResult<i64> {
    let count = entries::Entity::find()
        .filter(entries::Column::LogId.eq(log_id.uuid()))
        .count(e.conn())
        .await?;
    let number = i64::try_from(count).unwrap_or(i64::MAX - 1) + 1;
    entries::Entity::insert(entries::ActiveModel {
        log_id: Set(log_id.uuid()),
        number: Set(number),
        unit_id: Set(unit.uuid()),
        at: Set(at),
        recorded_at: Set(recorded_at),
        text: Set(text.to_owned()),
        annotation: Set(None),
    })
    .exec(e.conn())
    .await?;
    Ok(number)
}

/// The entries of a log, by the time they happened.
pub async fn entries(
    e: &impl Executor,
    unit: UnitId,
    log_id: ShiftLogId,
) -> StoreResult<Vec<LogEntry>> {
    Ok(entries::Entity::find()
        .filter(entries::Column::UnitId.eq(unit.uuid()))
        .filter(entries::Column::LogId.eq(log_id.uuid()))
        .order_by_asc(entries::Column::At)
        .order_by_asc(entries::Column::Number)
        .limit(2_000)
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| LogEntry {
            id: m.number,
            log_id: ShiftLogId::from_uuid(m.log_id),
            at: m.at,
            text: m.text,
            annotation: m.annotation,
        })
        .collect())
}

/// Sets the office's note on an entry.
pub async fn annotate(
    e: &impl Executor,
    unit: UnitId,
    log_id: ShiftLogId,
    number: i64,
    note: &str,
) -> StoreResult<()> {
    let r = entries::Entity::update_many()
        .col_expr(entries::Column::Annotation, Some(note.to_owned()).into())
        .filter(entries::Column::UnitId.eq(unit.uuid()))
        .filter(entries::Column::LogId.eq(log_id.uuid()))
        .filter(entries::Column::Number.eq(number))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// When the unit's shifts began within `[from, until)`: for the days the
/// log was kept.
pub async fn starts_between(
    e: &impl Executor,
    unit: UnitId,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> StoreResult<Vec<DateTime<Utc>>> {
    Ok(logs::Entity::find()
        .select_only()
        .column(logs::Column::StartedAt)
        .filter(logs::Column::UnitId.eq(unit.uuid()))
        .filter(logs::Column::StartedAt.gte(from))
        .filter(logs::Column::StartedAt.lt(until))
        .into_tuple::<DateTime<Utc>>()
        .all(e.conn())
        .await?)
}
