//! Submissions: one-time keys of creating forms and API calls, with the
//! record the write that carried them made.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use antt_entity::submission as rows;

use crate::db::Executor;
use crate::error::StoreResult;

/// A key already used: the record its write made, when it named one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Used {
    pub target_kind: Option<String>,
    pub target_id: Option<String>,
}

/// The earlier use of `key`, if any.
pub async fn find(e: &impl Executor, key: &str) -> StoreResult<Option<Used>> {
    Ok(rows::Entity::find_by_id(key.to_owned())
        .one(e.conn())
        .await?
        .map(|m| Used {
            target_kind: m.target_kind,
            target_id: m.target_id,
        }))
}

/// Records the use of `key` by a write that made `target`.
pub async fn insert(
    e: &impl Executor,
    key: &str,
    target_kind: Option<&str>,
    target_id: Option<&str>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    rows::ActiveModel {
        key: Set(key.to_owned()),
        target_kind: Set(target_kind.map(str::to_owned)),
        target_id: Set(target_id.map(str::to_owned)),
        created_at: Set(now),
    }
    .insert(e.conn())
    .await?;
    Ok(())
}

/// Forgets keys used before `cutoff`: nobody sends a form again days later.
pub async fn delete_before(e: &impl Executor, cutoff: DateTime<Utc>) -> StoreResult<u64> {
    Ok(rows::Entity::delete_many()
        .filter(rows::Column::CreatedAt.lt(cutoff))
        .exec(e.conn())
        .await?
        .rows_affected)
}
