//! The audit log and the head of its hash chain.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use antt_domain::audit::{AuditAction, AuditEntry, Change, TargetKind};
use antt_domain::page::{Page, PageRequest};
use antt_domain::{UnitId, UserId};
use antt_entity::{audit_head, audit_log};

use crate::db::Executor;
use crate::error::{StoreError, StoreResult, decode};

fn to_domain(m: audit_log::Model) -> StoreResult<AuditEntry> {
    Ok(AuditEntry {
        seq: m.seq,
        at: m.at,
        actor_id: m.actor_id.map(UserId::from_uuid),
        actor_name: m.actor_name,
        unit_id: m.unit_id.map(UnitId::from_uuid),
        action: decode("audit action", &m.action, AuditAction::parse)?,
        target_kind: m
            .target_kind
            .as_deref()
            .map(|k| decode("audit target", k, TargetKind::parse))
            .transpose()?,
        target_id: m.target_id,
        summary: m.summary,
        changes: serde_json::from_str::<Vec<Change>>(&m.changes)
            .map_err(|e| StoreError::Corrupt(format!("audit entry {}: changes: {e}", m.seq)))?,
        prev_hash: m.prev_hash,
        hash: m.hash,
    })
}

/// The last sequence number and hash of the chain.
pub async fn head(e: &impl Executor) -> StoreResult<(i64, String)> {
    if let Some(known) = e.known_head() {
        return Ok(known);
    }
    let m = audit_head::Entity::find_by_id(1)
        .one(e.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok((m.seq, m.hash))
}

/// Appends a chained entry after the head the transaction holds. Call
/// inside a transaction from `Db::begin`, which holds the chain's lock;
/// the head row itself moves once, when the transaction commits
/// ([`crate::Tx::commit`]), however many entries it appended.
pub async fn append(e: &impl Executor, entry: &AuditEntry) -> StoreResult<()> {
    let Some((seq, _)) = e.known_head() else {
        return Err(StoreError::Conflict(
            "an audit entry is appended only inside a write transaction".into(),
        ));
    };
    if entry.seq != seq + 1 {
        return Err(StoreError::Conflict("audit_head moved".into()));
    }
    let changes = serde_json::to_string(&entry.changes)
        .map_err(|err| StoreError::Corrupt(err.to_string()))?;
    audit_log::Entity::insert(audit_log::ActiveModel {
        seq: Set(entry.seq),
        at: Set(entry.at),
        actor_id: Set(entry.actor_id.map(UserId::uuid)),
        actor_name: Set(entry.actor_name.clone()),
        unit_id: Set(entry.unit_id.map(UnitId::uuid)),
        action: Set(entry.action.code().to_owned()),
        target_kind: Set(entry.target_kind.map(|k| k.code().to_owned())),
        target_id: Set(entry.target_id.clone()),
        summary: Set(entry.summary.clone()),
        changes: Set(changes),
        prev_hash: Set(entry.prev_hash.clone()),
        hash: Set(entry.hash.clone()),
    })
    .exec_without_returning(e.conn())
    .await?;
    e.set_known_head((entry.seq, entry.hash.clone()));
    Ok(())
}

/// Moves the head row from `from` (the sequence the transaction read when
/// it took the lock) to `to`. Refused when the row is no longer at `from`.
pub(crate) async fn move_head(e: &impl Executor, from: i64, to: &(i64, String)) -> StoreResult<()> {
    let r = audit_head::Entity::update_many()
        .col_expr(audit_head::Column::Seq, Expr::value(to.0))
        .col_expr(audit_head::Column::Hash, Expr::value(to.1.clone()))
        .filter(audit_head::Column::Id.eq(1))
        .filter(audit_head::Column::Seq.eq(from))
        .exec(e.conn())
        .await?;
    if r.rows_affected == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict("audit_head moved".into()))
    }
}

/// Which entries an audit list shows.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    /// Entries of this unit; `None` is every unit (system admins).
    pub unit: Option<UnitId>,
    pub target: Option<(TargetKind, String)>,
    /// Entries about records of this kind.
    pub target_kind: Option<TargetKind>,
    pub actor: Option<UserId>,
    pub action: Option<AuditAction>,
}

/// Entries matching `filter`, newest first.
pub async fn list(
    e: &impl Executor,
    filter: &AuditFilter,
    page: PageRequest,
) -> StoreResult<Page<AuditEntry>> {
    let mut cond = Condition::all();
    if let Some(unit) = filter.unit {
        cond = cond.add(audit_log::Column::UnitId.eq(unit.uuid()));
    }
    if let Some((kind, id)) = &filter.target {
        cond = cond
            .add(audit_log::Column::TargetKind.eq(kind.code()))
            .add(audit_log::Column::TargetId.eq(id.clone()));
    }
    if let Some(kind) = filter.target_kind {
        cond = cond.add(audit_log::Column::TargetKind.eq(kind.code()));
    }
    if let Some(actor) = filter.actor {
        cond = cond.add(audit_log::Column::ActorId.eq(actor.uuid()));
    }
    if let Some(action) = filter.action {
        cond = cond.add(audit_log::Column::Action.eq(action.code()));
    }
    let query = audit_log::Entity::find().filter(cond);
    let total = query.clone().count(e.conn()).await?;
    let models = query
        .order_by_desc(audit_log::Column::Seq)
        .offset(page.offset())
        .limit(page.per_page)
        .all(e.conn())
        .await?;
    Ok(Page {
        items: models
            .into_iter()
            .map(to_domain)
            .collect::<StoreResult<_>>()?,
        total,
        request: page,
    })
}

/// Up to `limit` entries after `after_seq`, oldest first: the chain walk of
/// `antt db verify`.
pub async fn chain_after(
    e: &impl Executor,
    after_seq: i64,
    limit: u64,
) -> StoreResult<Vec<AuditEntry>> {
    audit_log::Entity::find()
        .filter(audit_log::Column::Seq.gt(after_seq))
        .order_by_asc(audit_log::Column::Seq)
        .limit(limit)
        .all(e.conn())
        .await?
        .into_iter()
        .map(to_domain)
        .collect()
}
