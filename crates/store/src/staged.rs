//! Files uploaded for an import, between the preview and the confirmation.
//! Their content is sealed by core before it comes here (a class list is
//! personal data), under the id the caller chose for them.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use antt_domain::{UnitId, UserId};
use antt_entity::staged_file as files;

use crate::db::Executor;
use crate::error::{StoreError, StoreResult};

/// A staged file as read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StagedFile {
    pub id: Uuid,
    pub file_name: String,
    pub sha256: String,
    pub content: Vec<u8>,
    pub created_at: DateTime<Utc>,
}

#[allow(clippy::too_many_arguments)] // a row of seven columns
pub async fn insert(
    e: &impl Executor,
    id: Uuid,
    unit: UnitId,
    user: UserId,
    file_name: &str,
    sha256: &str,
    sealed: &[u8],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    files::ActiveModel {
        id: Set(id),
        unit_id: Set(unit.uuid()),
        user_id: Set(user.uuid()),
        file_name: Set(file_name.to_owned()),
        sha256: Set(sha256.to_owned()),
        content: Set(sealed.to_vec()),
        created_at: Set(now),
    }
    .insert(e.conn())
    .await?;
    Ok(())
}

/// The file `id` staged by `user` for `unit`; anyone else's is not found.
pub async fn get(
    e: &impl Executor,
    unit: UnitId,
    user: UserId,
    id: Uuid,
) -> StoreResult<StagedFile> {
    let m = files::Entity::find_by_id(id)
        .filter(files::Column::UnitId.eq(unit.uuid()))
        .filter(files::Column::UserId.eq(user.uuid()))
        .one(e.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(StagedFile {
        id: m.id,
        file_name: m.file_name,
        sha256: m.sha256,
        content: m.content,
        created_at: m.created_at,
    })
}

pub async fn delete(e: &impl Executor, id: Uuid) -> StoreResult<()> {
    files::Entity::delete_by_id(id).exec(e.conn()).await?;
    Ok(())
}

/// Drops files staged before `cutoff`: previews nobody confirmed.
pub async fn delete_before(e: &impl Executor, cutoff: DateTime<Utc>) -> StoreResult<u64> {
    Ok(files::Entity::delete_many()
        .filter(files::Column::CreatedAt.lt(cutoff))
        .exec(e.conn())
        .await?
        .rows_affected)
}
