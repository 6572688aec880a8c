//! Notifications of handlers about tips, whether each went out by e-mail,
//! and the webhook calls waiting to go out.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use antt_domain::tip::{Notice, NoticeKind};
use antt_domain::{TipId, UnitId, UserId};
use antt_entity::{notification as notices, webhook_outbox as outbox};

use crate::db::Executor;
use crate::error::{StoreResult, decode};

/// The notices already given about the tips still open and due before
/// `soon`: (tip, person told, kind). One statement, so the deadline check
/// knows whom it told before without opening a write per tip.
pub async fn given_about_due(
    e: &impl Executor,
    soon: DateTime<Utc>,
) -> StoreResult<HashSet<(TipId, UserId, NoticeKind)>> {
    let rows: Vec<(uuid::Uuid, uuid::Uuid, String)> = notices::Entity::find()
        .select_only()
        .column(notices::Column::TipId)
        .column(notices::Column::UserId)
        .column(notices::Column::Kind)
        .filter(notices::Column::TipId.in_subquery(crate::tip::due_before_query(soon)))
        .into_tuple()
        .all(e.conn())
        .await?;
    rows.into_iter()
        .map(|(tip, user, kind)| {
            Ok((
                TipId::from_uuid(tip),
                UserId::from_uuid(user),
                decode("notice kind", &kind, NoticeKind::parse)?,
            ))
        })
        .collect()
}

/// Notifies `user` of `kind` about a tip, once: a second notice of the same
/// kind about the same tip is not added. Whether it was added.
pub async fn notify(
    e: &impl Executor,
    unit: UnitId,
    user: UserId,
    kind: NoticeKind,
    tip: TipId,
    at: DateTime<Utc>,
) -> StoreResult<bool> {
    let r = notices::Entity::insert(notices::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        unit_id: Set(unit.uuid()),
        user_id: Set(user.uuid()),
        kind: Set(kind.code().into()),
        tip_id: Set(tip.uuid()),
        at: Set(at),
        read_at: Set(None),
        mailed_at: Set(None),
    })
    .on_conflict(
        OnConflict::columns([
            notices::Column::UserId,
            notices::Column::TipId,
            notices::Column::Kind,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(e.conn())
    .await?;
    Ok(r > 0)
}

fn notice(m: &notices::Model) -> StoreResult<Notice> {
    Ok(Notice {
        id: m.id,
        kind: decode("notice kind", &m.kind, NoticeKind::parse)?,
        tip_id: TipId::from_uuid(m.tip_id),
        at: m.at,
        read: m.read_at.is_some(),
    })
}

/// A user's latest notifications, newest first.
pub async fn of_user(e: &impl Executor, user: UserId, limit: u64) -> StoreResult<Vec<Notice>> {
    notices::Entity::find()
        .filter(notices::Column::UserId.eq(user.uuid()))
        .order_by_desc(notices::Column::At)
        .limit(limit)
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| notice(&m))
        .collect()
}

/// How many notifications of a user are unread.
pub async fn unread(e: &impl Executor, user: UserId) -> StoreResult<u64> {
    Ok(notices::Entity::find()
        .filter(notices::Column::UserId.eq(user.uuid()))
        .filter(notices::Column::ReadAt.is_null())
        .count(e.conn())
        .await?)
}

/// Marks the notifications of a user about a tip as read.
pub async fn read_tip(
    e: &impl Executor,
    user: UserId,
    tip: TipId,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    notices::Entity::update_many()
        .col_expr(notices::Column::ReadAt, Expr::value(at))
        .filter(notices::Column::UserId.eq(user.uuid()))
        .filter(notices::Column::TipId.eq(tip.uuid()))
        .filter(notices::Column::ReadAt.is_null())
        .exec(e.conn())
        .await?;
    Ok(())
}

/// Marks a user's notice of `kind` about a tip unread again, with a new
/// time (a second answer of the reporter).
pub async fn unread_again(
    e: &impl Executor,
    user: UserId,
    tip: TipId,
    kind: NoticeKind,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    notices::Entity::update_many()
        .col_expr(
            notices::Column::ReadAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(notices::Column::At, Expr::value(at))
        .filter(notices::Column::UserId.eq(user.uuid()))
        .filter(notices::Column::TipId.eq(tip.uuid()))
        .filter(notices::Column::Kind.eq(kind.code()))
        .exec(e.conn())
        .await?;
    Ok(())
}

/// Notifications not yet sent by e-mail, oldest first: (notice, user, unit).
pub async fn unmailed(e: &impl Executor, limit: u64) -> StoreResult<Vec<(Notice, UserId, UnitId)>> {
    notices::Entity::find()
        .filter(notices::Column::MailedAt.is_null())
        .order_by_asc(notices::Column::At)
        .limit(limit)
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| {
            let (user, unit) = (UserId::from_uuid(m.user_id), UnitId::from_uuid(m.unit_id));
            Ok((notice(&m)?, user, unit))
        })
        .collect()
}

/// Marks a notification as sent by e-mail (or as not to be sent: no address).
pub async fn mailed(e: &impl Executor, id: uuid::Uuid, at: DateTime<Utc>) -> StoreResult<()> {
    notices::Entity::update_many()
        .col_expr(notices::Column::MailedAt, Expr::value(at))
        .filter(notices::Column::Id.eq(id))
        .exec(e.conn())
        .await?;
    Ok(())
}

/// Queues a webhook call.
pub async fn enqueue_hook(
    e: &impl Executor,
    unit: UnitId,
    body: String,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    outbox::Entity::insert(outbox::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        unit_id: Set(unit.uuid()),
        body: Set(body),
        at: Set(at),
        attempts: Set(0),
        sent_at: Set(None),
    })
    .exec_without_returning(e.conn())
    .await?;
    Ok(())
}

/// A webhook call waiting to go out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingHook {
    pub id: uuid::Uuid,
    pub body: String,
    pub attempts: u32,
}

/// Webhook calls not yet sent, oldest first, tried fewer than `max_attempts` times.
pub async fn pending_hooks(
    e: &impl Executor,
    max_attempts: u32,
    limit: u64,
) -> StoreResult<Vec<PendingHook>> {
    Ok(outbox::Entity::find()
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::Attempts.lt(i32::try_from(max_attempts).unwrap_or(i32::MAX)))
        .order_by_asc(outbox::Column::At)
        .limit(limit)
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| PendingHook {
            id: m.id,
            body: m.body,
            attempts: u32::try_from(m.attempts).unwrap_or(0),
        })
        .collect())
}

/// Records a webhook call's attempt, and its time when it went out.
pub async fn hook_tried(
    e: &impl Executor,
    id: uuid::Uuid,
    sent_at: Option<DateTime<Utc>>,
) -> StoreResult<()> {
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .col_expr(outbox::Column::SentAt, Expr::value(sent_at))
        .filter(outbox::Column::Id.eq(id))
        .exec(e.conn())
        .await?;
    Ok(())
}
