//! Patrol checkpoints, rounds and scans.

use chrono::{DateTime, NaiveTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use antt_domain::patrol::{Checkpoint, PatrolRound, PatrolScan};
use antt_domain::{CampusId, CheckpointId, PatrolRoundId, PatrolScanId, UnitId};
use antt_entity::{checkpoint as points, patrol_round as rounds, patrol_scan as scans};

use crate::db::Executor;
use crate::error::{StoreError, StoreResult, one_row};

fn checkpoint(m: points::Model) -> Checkpoint {
    Checkpoint {
        id: CheckpointId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        campus_id: CampusId::from_uuid(m.campus_id),
        code: m.code,
        name: m.name,
        secret: m.secret,
        active: m.active,
    }
}

fn time(what: &str, t: &str) -> StoreResult<NaiveTime> {
    NaiveTime::parse_from_str(t, "%H:%M")
        .map_err(|_| StoreError::Corrupt(format!("{what}: `{t}` is no time")))
}

fn round(m: rounds::Model) -> StoreResult<PatrolRound> {
    let ids: Vec<uuid::Uuid> = serde_json::from_str(&m.checkpoints)
        .map_err(|e| StoreError::Corrupt(format!("patrol round checkpoints: {e}")))?;
    Ok(PatrolRound {
        id: PatrolRoundId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        campus_id: CampusId::from_uuid(m.campus_id),
        name: m.name,
        starts: time("round start", &m.starts)?,
        ends: time("round end", &m.ends)?,
        every_minutes: u32::try_from(m.every_minutes).unwrap_or(120),
        checkpoints: ids.into_iter().map(CheckpointId::from_uuid).collect(),
        first_night: m.first_night,
        last_night: m.last_night,
    })
}

fn scan(m: scans::Model) -> PatrolScan {
    PatrolScan {
        id: PatrolScanId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        campus_id: CampusId::from_uuid(m.campus_id),
        checkpoint_id: CheckpointId::from_uuid(m.checkpoint_id),
        at: m.at,
        recorded_at: m.recorded_at,
        account: m.account,
        guard_name: m.guard_name,
        partners: m.partners,
    }
}

/// Adds a checkpoint.
pub async fn insert_checkpoint(e: &impl Executor, c: &Checkpoint) -> StoreResult<()> {
    points::Entity::insert(points::ActiveModel {
        id: Set(c.id.uuid()),
        unit_id: Set(c.unit_id.uuid()),
        campus_id: Set(c.campus_id.uuid()),
        code: Set(c.code.clone()),
        name: Set(c.name.clone()),
        secret: Set(c.secret.clone()),
        active: Set(c.active),
    })
    .exec(e.conn())
    .await?;
    Ok(())
}

/// The unit's checkpoints, by campus and code.
pub async fn checkpoints(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<Checkpoint>> {
    Ok(points::Entity::find()
        .filter(points::Column::UnitId.eq(unit.uuid()))
        .order_by_asc(points::Column::CampusId)
        .order_by_asc(points::Column::Code)
        .all(e.conn())
        .await?
        .into_iter()
        .map(checkpoint)
        .collect())
}

/// The checkpoint of the unit with this code.
pub async fn checkpoint_by_code(
    e: &impl Executor,
    unit: UnitId,
    code: &str,
) -> StoreResult<Option<Checkpoint>> {
    Ok(points::Entity::find()
        .filter(points::Column::UnitId.eq(unit.uuid()))
        .filter(points::Column::Code.eq(code))
        .one(e.conn())
        .await?
        .map(checkpoint))
}

/// Draws a checkpoint's label anew: its secret, and whether it is walked.
pub async fn update_checkpoint(
    e: &impl Executor,
    unit: UnitId,
    id: CheckpointId,
    secret: &str,
    active: bool,
) -> StoreResult<()> {
    let r = points::Entity::update_many()
        .col_expr(points::Column::Secret, secret.into())
        .col_expr(points::Column::Active, active.into())
        .filter(points::Column::UnitId.eq(unit.uuid()))
        .filter(points::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// Adds a round.
pub async fn insert_round(e: &impl Executor, r: &PatrolRound) -> StoreResult<()> {
    let ids: Vec<uuid::Uuid> = r.checkpoints.iter().map(|c| c.uuid()).collect();
    rounds::Entity::insert(rounds::ActiveModel {
        id: Set(r.id.uuid()),
        unit_id: Set(r.unit_id.uuid()),
        campus_id: Set(r.campus_id.uuid()),
        name: Set(r.name.clone()),
        starts: Set(r.starts.format("%H:%M").to_string()),
        ends: Set(r.ends.format("%H:%M").to_string()),
        every_minutes: Set(i32::try_from(r.every_minutes).unwrap_or(120)),
        checkpoints: Set(serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into())),
        first_night: Set(r.first_night),
        last_night: Set(r.last_night),
    })
    .exec(e.conn())
    .await?;
    Ok(())
}

/// Takes a round off after `last_night`: the nights before keep it.
pub async fn end_round(
    e: &impl Executor,
    unit: UnitId,
    id: PatrolRoundId,
    last_night: chrono::NaiveDate,
) -> StoreResult<()> {
    use sea_orm::sea_query::Expr;
    let r = rounds::Entity::update_many()
        .col_expr(rounds::Column::LastNight, Expr::value(Some(last_night)))
        .filter(rounds::Column::UnitId.eq(unit.uuid()))
        .filter(rounds::Column::Id.eq(id.uuid()))
        .filter(rounds::Column::LastNight.is_null())
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// The unit's rounds, those taken off too (they judge the nights they
/// counted).
pub async fn rounds(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<PatrolRound>> {
    rounds::Entity::find()
        .filter(rounds::Column::UnitId.eq(unit.uuid()))
        .order_by_asc(rounds::Column::CampusId)
        .order_by_asc(rounds::Column::Starts)
        .all(e.conn())
        .await?
        .into_iter()
        .map(round)
        .collect()
}

/// Records a scan; a scan already recorded (the same label, account and
/// moment) is `Conflict`.
pub async fn insert_scan(e: &impl Executor, s: &PatrolScan) -> StoreResult<()> {
    scans::Entity::insert(scans::ActiveModel {
        id: Set(s.id.uuid()),
        unit_id: Set(s.unit_id.uuid()),
        campus_id: Set(s.campus_id.uuid()),
        checkpoint_id: Set(s.checkpoint_id.uuid()),
        at: Set(s.at),
        recorded_at: Set(s.recorded_at),
        account: Set(s.account.clone()),
        guard_name: Set(s.guard_name.clone()),
        partners: Set(s.partners.clone()),
    })
    .exec(e.conn())
    .await?;
    Ok(())
}

/// The unit's scans within `[from, until)`, in order.
pub async fn scans(
    e: &impl Executor,
    unit: UnitId,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> StoreResult<Vec<PatrolScan>> {
    Ok(scans::Entity::find()
        .filter(scans::Column::UnitId.eq(unit.uuid()))
        .filter(scans::Column::At.gte(from))
        .filter(scans::Column::At.lt(until))
        .order_by_asc(scans::Column::At)
        .all(e.conn())
        .await?
        .into_iter()
        .map(scan)
        .collect())
}

/// The units that have patrol rounds.
pub async fn units_with_rounds(e: &impl Executor) -> StoreResult<Vec<UnitId>> {
    use sea_orm::QuerySelect;
    let ids: Vec<uuid::Uuid> = rounds::Entity::find()
        .select_only()
        .column(rounds::Column::UnitId)
        .distinct()
        .into_tuple()
        .all(e.conn())
        .await?;
    Ok(ids.into_iter().map(UnitId::from_uuid).collect())
}

/// Whether a night's missed rounds of the unit were already reported.
pub async fn was_reported(
    e: &impl Executor,
    unit: UnitId,
    night: chrono::NaiveDate,
) -> StoreResult<bool> {
    Ok(
        antt_entity::patrol_report::Entity::find_by_id((unit.uuid(), night))
            .one(e.conn())
            .await?
            .is_some(),
    )
}

/// Records that a night's missed rounds were reported (once: a second
/// record of the same night is a conflict).
pub async fn reported(
    e: &impl Executor,
    unit: UnitId,
    night: chrono::NaiveDate,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    antt_entity::patrol_report::Entity::insert(antt_entity::patrol_report::ActiveModel {
        unit_id: Set(unit.uuid()),
        night: Set(night),
        reported_at: Set(at),
    })
    .exec_without_returning(e.conn())
    .await?;
    Ok(())
}
