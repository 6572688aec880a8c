//! The audit log: appending chained entries, reading them, verifying the chain.
//!
//! Each entry's hash is SHA-256 over the previous hash and the entry's
//! fields, each prefixed by its length, so no two different entries hash
//! alike and an edited, removed or reordered entry breaks the chain.

use antt_domain::role::Capability;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use antt_domain::audit::{AuditAction, AuditEntry, Change, NewAuditEntry, TargetKind};
use antt_domain::page::{Page, PageRequest};
use antt_domain::{UnitId, UserId};
use antt_store::Tx;
use antt_store::audit::{self as store, AuditFilter};

use crate::actor::Actor;
use crate::context::Cx;
use crate::error::{CoreError, CoreResult};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn field(hasher: &mut Sha256, value: &[u8]) {
    hasher.update((value.len() as u64).to_be_bytes());
    hasher.update(value);
}

/// The hash of an entry given the hash before it.
pub fn entry_hash(e: &AuditEntry) -> String {
    let mut h = Sha256::new();
    field(&mut h, e.prev_hash.as_bytes());
    field(&mut h, &e.seq.to_be_bytes());
    field(&mut h, &e.at.timestamp_micros().to_be_bytes());
    field(
        &mut h,
        e.actor_id
            .map(|id| id.to_string())
            .unwrap_or_default()
            .as_bytes(),
    );
    field(&mut h, e.actor_name.as_bytes());
    field(
        &mut h,
        e.unit_id
            .map(|id| id.to_string())
            .unwrap_or_default()
            .as_bytes(),
    );
    field(&mut h, e.action.code().as_bytes());
    field(
        &mut h,
        e.target_kind
            .map(TargetKind::code)
            .unwrap_or_default()
            .as_bytes(),
    );
    field(
        &mut h,
        e.target_id.as_deref().unwrap_or_default().as_bytes(),
    );
    field(&mut h, e.summary.as_bytes());
    for c in &e.changes {
        field(&mut h, c.field.as_bytes());
        field(&mut h, c.before.as_deref().unwrap_or("\u{0}").as_bytes());
        field(&mut h, c.after.as_deref().unwrap_or("\u{0}").as_bytes());
    }
    format!("{:x}", h.finalize())
}

/// Truncates to the microsecond, the precision both backends keep.
fn micros(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(at.timestamp_micros()).unwrap_or(at)
}

/// Appends an entry to the chain inside `tx` (which holds the chain lock);
/// only [`crate::write::Write`] calls it.
pub(crate) async fn append(tx: &Tx, now: DateTime<Utc>, new: NewAuditEntry) -> CoreResult<()> {
    let (seq, prev_hash) = store::head(tx).await?;
    let mut entry = AuditEntry {
        seq: seq + 1,
        at: micros(now),
        actor_id: new.actor_id,
        actor_name: new.actor_name,
        unit_id: new.unit_id,
        action: new.action,
        target_kind: new.target_kind,
        target_id: new.target_id,
        summary: new.summary,
        changes: new.changes,
        prev_hash,
        hash: String::new(),
    };
    entry.hash = entry_hash(&entry);
    store::append(tx, &entry).await?;
    Ok(())
}

/// An entry about `actor` acting on a record of `unit`.
pub(crate) fn entry(
    actor: &Actor,
    unit: Option<UnitId>,
    action: AuditAction,
    target: Option<(TargetKind, String)>,
    summary: impl Into<String>,
    changes: Vec<Change>,
) -> NewAuditEntry {
    let (target_kind, target_id) = match target {
        Some((k, id)) => (Some(k), Some(id)),
        None => (None, None),
    };
    NewAuditEntry {
        actor_id: actor.user_id,
        actor_name: actor.name.clone(),
        unit_id: unit,
        action,
        target_kind,
        target_id,
        summary: summary.into(),
        changes,
    }
}

/// An entry about `actor` changing record `id` (of `kind`) of `unit`.
pub(crate) fn changed(
    actor: &Actor,
    unit: UnitId,
    kind: TargetKind,
    id: impl std::fmt::Display,
    summary: impl Into<String>,
    changes: Vec<Change>,
) -> NewAuditEntry {
    entry(
        actor,
        Some(unit),
        AuditAction::Update,
        Some((kind, id.to_string())),
        summary,
        changes,
    )
}

/// The entry of a record created (`before` empty) or changed, naming the
/// fields that differ with their values before and after.
#[allow(clippy::too_many_arguments)] // who, where, what, and the two states
pub(crate) fn saved(
    actor: &Actor,
    unit: UnitId,
    kind: TargetKind,
    id: impl std::fmt::Display,
    action: AuditAction,
    summary: impl Into<String>,
    before: &[(&'static str, Option<String>)],
    after: &[(&'static str, Option<String>)],
) -> NewAuditEntry {
    entry(
        actor,
        Some(unit),
        action,
        Some((kind, id.to_string())),
        summary,
        Change::diff(before, after),
    )
}

/// What `antt db verify` found in the chain.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChainReport {
    pub entries: u64,
    pub problems: Vec<String>,
}

/// Which audit entries to list.
#[derive(Clone, Debug, Default)]
pub struct AuditQuery {
    pub unit: Option<UnitId>,
    pub target: Option<(TargetKind, String)>,
    pub target_kind: Option<TargetKind>,
    pub actor: Option<UserId>,
    pub action: Option<AuditAction>,
}

/// Walks the whole chain and checks every link and hash, and that the
/// head points at the last entry.
pub(crate) async fn verify_chain(db: &antt_store::Db) -> CoreResult<ChainReport> {
    let mut report = ChainReport::default();
    let mut prev_hash = GENESIS.to_owned();
    let mut prev_seq = 0;
    loop {
        let batch = store::chain_after(db, prev_seq, 1000).await?;
        if batch.is_empty() {
            break;
        }
        for e in batch {
            report.entries += 1;
            if e.seq != prev_seq + 1 {
                report.problems.push(format!(
                    "entries {} to {} are missing",
                    prev_seq + 1,
                    e.seq - 1
                ));
            }
            if e.prev_hash != prev_hash {
                report.problems.push(format!(
                    "entry {} does not link to the entry before it",
                    e.seq
                ));
            }
            if entry_hash(&e) != e.hash {
                report
                    .problems
                    .push(format!("entry {} was changed after it was written", e.seq));
            }
            prev_seq = e.seq;
            prev_hash = e.hash;
        }
    }
    let (head_seq, head_hash) = store::head(db).await?;
    if head_seq != prev_seq || head_hash != prev_hash {
        report.problems.push(format!(
            "the chain ends at entry {prev_seq} but its head says {head_seq}: entries were removed"
        ));
    }
    Ok(report)
}

/// The audit log: reading it, and checking its chain.
#[derive(Clone)]
pub struct AuditLog {
    cx: Cx,
}

impl AuditLog {
    pub(crate) fn new(cx: Cx) -> Self {
        Self { cx }
    }

    /// Walks the whole chain and checks every link and hash, and that the
    /// head points at the last entry.
    #[tracing::instrument(name = "audit.verify_chain", skip_all)]
    pub async fn verify_chain(&self) -> CoreResult<ChainReport> {
        verify_chain(self.cx.db()).await
    }

    /// Audit entries the actor may read, newest first. Unit roles see their
    /// unit's entries; a system admin sees all or one unit's.
    #[tracing::instrument(name = "audit.list", skip_all, fields(actor = %actor.name))]
    pub async fn list(
        &self,
        actor: &Actor,
        query: AuditQuery,
        page: PageRequest,
    ) -> CoreResult<Page<AuditEntry>> {
        actor.require(Capability::ReadAudit)?;
        let unit = match (actor.can(Capability::ManageUnits), query.unit) {
            (true, unit) => unit,
            (_, Some(unit)) => {
                self.cx.check_writable(actor, unit).await?;
                Some(unit)
            }
            (_, None) => Some(actor.home_unit()?),
        };
        let filter = AuditFilter {
            unit,
            target: query.target,
            target_kind: query.target_kind,
            actor: query.actor,
            action: query.action,
        };
        Ok(store::list(self.cx.db(), &filter, page).await?)
    }

    /// The history of one record (who viewed and changed it), for people
    /// who may read the audit log or the record's details.
    #[tracing::instrument(name = "audit.history", skip_all, fields(actor = %actor.name))]
    pub async fn history(
        &self,
        actor: &Actor,
        unit: UnitId,
        kind: TargetKind,
        id: String,
    ) -> CoreResult<Vec<AuditEntry>> {
        self.cx.check_readable(actor, unit).await?;
        if !(actor.role.can(Capability::ReadAudit) || actor.role.can(Capability::ReadPersonDetails))
        {
            return Err(CoreError::Forbidden);
        }
        let filter = AuditFilter {
            unit: Some(unit),
            target: Some((kind, id)),
            ..AuditFilter::default()
        };
        Ok(
            store::list(self.cx.db(), &filter, PageRequest::new(Some(1), Some(50)))
                .await?
                .items,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use antt_domain::audit::AuditAction;

    fn sample() -> AuditEntry {
        AuditEntry {
            seq: 1,
            at: DateTime::from_timestamp(1_795_222_800, 123_456_000).unwrap(),
            actor_id: None,
            actor_name: "cli".into(),
            unit_id: None,
            action: AuditAction::Create,
            target_kind: Some(TargetKind::Person),
            target_id: Some("x".into()),
            summary: "Nguyễn Văn An".into(),
            changes: vec![Change {
                field: "phone".into(),
                before: None,
                after: Some("0912".into()),
            }],
            prev_hash: GENESIS.into(),
            hash: String::new(),
        }
    }

    #[test]
    fn every_field_is_in_the_hash() {
        let base = entry_hash(&sample());
        assert_eq!(base.len(), 64);
        assert_eq!(base, entry_hash(&sample()), "deterministic");
        let mut e = sample();
        e.summary = "Nguyễn Văn Anh".into();
        assert_ne!(entry_hash(&e), base);
        let mut e = sample();
        e.changes[0].after = Some("0913".into());
        assert_ne!(entry_hash(&e), base);
        let mut e = sample();
        e.changes[0].before = Some(String::new());
        assert_ne!(entry_hash(&e), base, "empty and absent differ");
        let mut e = sample();
        e.prev_hash = "1".repeat(64);
        assert_ne!(entry_hash(&e), base);
    }
}
