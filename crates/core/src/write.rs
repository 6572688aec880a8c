//! The one way to change anything: a [`Write`]. Opening one checks who may
//! write what ([`Access`]), then begins the transaction and takes the
//! instance's write lock before anything is read, so every read a decision
//! depends on ([`Write::tx`]) sees the state no other request can change
//! until this one ends. The only way to keep the changes is
//! [`Write::commit`] with the audit entry that describes them; a write
//! dropped without it (an error, a refusal) rolls back and leaves no trace.

use chrono::{DateTime, Utc};

use antt_domain::UnitId;
use antt_domain::audit::{NewAuditEntry, TargetKind};
use antt_domain::role::Capability;
use antt_store::Tx;

use antt_store::submission;

use crate::actor::{Actor, Submission};
use crate::audit::append;
use crate::context::Context;
use crate::error::{CoreError, CoreResult};

impl Access<'_> {
    /// The one-time key the write carries, as stored: scoped to the
    /// account, or for the public to the unit (pick a random key there).
    fn submission(&self) -> Option<(String, &Submission)> {
        let (scope, s) = match self {
            Self::Unit(actor, ..)
            | Self::Authority(actor, _)
            | Self::Own(actor, _)
            | Self::Instance(actor, _) => (actor.name.clone(), actor.submission.as_ref()?),
            Self::Public(unit, s) => (format!("public:{unit}"), (*s)?),
            Self::Server => return None,
        };
        (!s.kept()).then(|| (format!("{scope}:{}", s.key()), s))
    }

    /// For the log: who, on what (no names beyond the account's).
    fn describe(&self) -> String {
        match self {
            Self::Unit(actor, unit, capability) => {
                format!("{} on {unit} ({capability:?})", actor.name)
            }
            Self::Authority(actor, unit) => format!("{} for the authority over {unit}", actor.name),
            Self::Own(actor, unit) => format!("{} on their own records in {unit}", actor.name),
            Self::Instance(actor, capability) => format!("{} ({capability:?})", actor.name),
            Self::Public(unit, _) => format!("the public to {unit}"),
            Self::Server => "the server".to_owned(),
        }
    }
}

/// Who opens a write, and what they may change.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Access<'a> {
    /// An account acting on the data of `unit` with a capability of its
    /// role: its own unit (any unit for a system admin).
    Unit(&'a Actor, UnitId, Capability),
    /// The police authority over `unit`: a province officer who oversees
    /// it, reviewing and deciding what the unit sent.
    Authority(&'a Actor, UnitId),
    /// A person of `unit` acting on their own records (signing the
    /// commitment, checking in, taking the contest, their password and
    /// login). What is theirs is checked under the lock.
    Own(&'a Actor, UnitId),
    /// The instance's administrator: units and what spans them.
    Instance(&'a Actor, Capability),
    /// Someone without an account sending to `unit` (the tip portal),
    /// with the one-time key of their form or call.
    Public(UnitId, Option<&'a Submission>),
    /// The server's own jobs: deadlines, notices, reminders, the demo.
    Server,
}

/// A write in progress: the transaction holding the write lock, and the
/// instant it began (the "now" of everything it records).
#[must_use = "a write is kept only by commit"]
pub(crate) struct Write {
    tx: Tx,
    now: DateTime<Utc>,
    /// The request's one-time key as stored (the account's name before
    /// it), recorded at commit with the record the write made.
    submission: Option<(String, Submission)>,
}

/// How long a one-time key is remembered: longer than anyone keeps a form
/// open, short enough that the table stays small.
const SUBMISSION_KEPT: chrono::Duration = chrono::Duration::days(2);

impl Context {
    /// Checks `access`, then begins the transaction and takes the lock.
    pub(crate) async fn write(&self, access: Access<'_>) -> CoreResult<Write> {
        match access {
            Access::Unit(actor, unit, capability) => {
                self.check_writable(actor, unit).await?;
                actor.require(capability)?;
                self.check_hosted_here(unit).await?;
            }
            Access::Authority(actor, unit) => self.check_authority(actor, unit).await?,
            Access::Own(actor, unit) => {
                if actor.user_id.is_none() || actor.unit_id != Some(unit) {
                    return Err(CoreError::NotFound);
                }
            }
            Access::Instance(actor, capability) => actor.require(capability)?,
            Access::Public(unit, _) => self.check_hosted_here(unit).await?,
            Access::Server => {}
        }
        let tx = self.db().begin().await?;
        tracing::debug!(access = access.describe(), "write opened");
        let submission = match access.submission() {
            Some((key, s)) => {
                if let Some(used) = submission::find(&tx, &key).await? {
                    let target = used
                        .target_kind
                        .as_deref()
                        .and_then(TargetKind::parse)
                        .zip(used.target_id);
                    return Err(CoreError::AlreadyDone(target));
                }
                Some((key, s.clone()))
            }
            None => None,
        };
        Ok(Write {
            tx,
            now: self.now(),
            submission,
        })
    }

    /// Refuses a write of a unit that runs its own copy of antt: its
    /// records arrive in its signed bundles ([`crate::bundle`]) and only
    /// the authority's review is written here.
    async fn check_hosted_here(&self, unit: UnitId) -> CoreResult<()> {
        if self.cached_unit(unit).await?.bundle_key.is_some() {
            return Err(CoreError::invalid("unit", antt_domain::ErrorCode::OwnCopy));
        }
        Ok(())
    }

    /// Writes one audit entry in a write of its own: a view of a person's
    /// details or a tip, an export, a refused login.
    pub(crate) async fn record(&self, entry: NewAuditEntry) -> CoreResult<()> {
        self.write(Access::Server).await?.commit(entry).await
    }
}

impl Write {
    /// The transaction, for every read and write of the use case.
    pub(crate) fn tx(&self) -> &Tx {
        &self.tx
    }

    /// When the write began.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Appends an entry for one more change made in this write (a use case
    /// that changes several records writes one entry each).
    pub(crate) async fn audit(&self, entry: NewAuditEntry) -> CoreResult<()> {
        append(&self.tx, self.now, entry).await
    }

    /// Appends the entry that describes the change and commits.
    pub(crate) async fn commit(self, entry: NewAuditEntry) -> CoreResult<()> {
        let (action, target) = (entry.action, entry.target_kind);
        if let Some((key, _)) = &self.submission {
            submission::delete_before(&self.tx, self.now - SUBMISSION_KEPT).await?;
            let kind = entry.target_kind.map(TargetKind::code);
            submission::insert(&self.tx, key, kind, entry.target_id.as_deref(), self.now).await?;
        }
        append(&self.tx, self.now, entry).await?;
        self.tx.commit().await?;
        if let Some((_, s)) = &self.submission {
            s.keep();
        }
        // The entry's summary may name people: only its kind is logged.
        tracing::info!(
            action = action.code(),
            target = target.map(TargetKind::code),
            "committed"
        );
        Ok(())
    }
}
