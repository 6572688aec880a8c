//! The e-mail reminders sent, one per account per day.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use antt_domain::{UnitId, UserId};
use antt_entity::{plan as plans, reminder_sent as sent};

use crate::db::Executor;
use crate::error::StoreResult;

/// Whether an account was already reminded on a day.
pub async fn was_sent(e: &impl Executor, user: UserId, on: NaiveDate) -> StoreResult<bool> {
    Ok(sent::Entity::find_by_id((user.uuid(), on))
        .one(e.conn())
        .await?
        .is_some())
}

/// Records a reminder; a second one the same day is a conflict.
pub async fn record(
    e: &impl Executor,
    user: UserId,
    unit: UnitId,
    on: NaiveDate,
    tasks: usize,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    sent::ActiveModel {
        user_id: Set(user.uuid()),
        sent_on: Set(on),
        unit_id: Set(unit.uuid()),
        tasks: Set(i32::try_from(tasks).unwrap_or(i32::MAX)),
        sent_at: Set(at),
    }
    .insert(e.conn())
    .await?;
    Ok(())
}

/// The units that have a plan in the given state (an issued one: the
/// only plans whose tasks are reminded).
pub async fn units_with_plans(e: &impl Executor, state: &str) -> StoreResult<Vec<UnitId>> {
    let rows: Vec<uuid::Uuid> = plans::Entity::find()
        .select_only()
        .column(plans::Column::UnitId)
        .distinct()
        .filter(plans::Column::State.eq(state))
        .into_tuple()
        .all(e.conn())
        .await?;
    Ok(rows.into_iter().map(UnitId::from_uuid).collect())
}
