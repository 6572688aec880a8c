//! The one way to change anything: a [`Write`]. Opening one checks who may
//! write what ([`Access`]), then begins the transaction and takes the
//! instance's write lock before anything is read, so every read a decision
//! depends on ([`Write::tx`]) sees the state no other request can change
//! until this one ends. The only way to keep the changes is
//! [`Write::commit`] with the audit entry that describes them; a write
//! dropped without it (an error, a refusal) rolls back and leaves no trace.
//!
//! A write that many people send at the same moment (the dormitory's roll
//! calls at 22:00) may be [`grouped`]: the writes that arrive while one
//! transaction is being written wait for the next, which runs each in a
//! savepoint of its own and commits them together: one lock, one commit
//! (one disk flush) for them all, and still each its own audit entry, and
//! a refused one undone alone.

use chrono::{DateTime, Utc};

use antt_domain::UnitId;
use antt_domain::audit::{NewAuditEntry, TargetKind};
use antt_domain::role::Capability;
use antt_store::Tx;

use antt_store::submission;

use crate::actor::{Actor, Submission};
use crate::audit::append;
use crate::context::{Context, Cx};
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
        self.check_access(access).await?;
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

    /// Who may write what, asked before the lock is taken.
    async fn check_access(&self, access: Access<'_>) -> CoreResult<()> {
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
        Ok(())
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

    /// A write inside this one (a savepoint): kept by its own
    /// [`Write::commit`] with its own audit entry, undone alone when
    /// dropped without it.
    async fn savepoint(&self, now: DateTime<Utc>) -> CoreResult<Self> {
        Ok(Self {
            tx: self.tx.savepoint().await?,
            now,
            submission: None,
        })
    }

    /// Commits a group's transaction: every write in it committed its
    /// savepoint with its own audit entry, so the group adds none.
    async fn commit_group(self) -> CoreResult<()> {
        self.tx.commit().await?;
        Ok(())
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

/// What a grouped write gives back, until its caller takes it.
type Answer = CoreResult<Box<dyn std::any::Any + Send>>;

/// A grouped write's work, given its savepoint.
type Job = Box<
    dyn FnOnce(Write) -> std::pin::Pin<Box<dyn std::future::Future<Output = Answer> + Send>> + Send,
>;

/// A write waiting for the next shared transaction.
struct Waiting {
    run: Job,
    answer: tokio::sync::oneshot::Sender<Answer>,
}

/// The writes waiting to share a transaction, and the one writing them.
#[derive(Default)]
pub(crate) struct Groups {
    waiting: std::sync::Mutex<Vec<Waiting>>,
    writing: tokio::sync::Mutex<()>,
}

/// Runs `job` as one write that shares its transaction with the other
/// grouped writes sent at the same moment. `access` is checked first, as
/// for [`Context::write`]; `job` gets its own [`Write`] (a savepoint) and
/// keeps its changes by [`Write::commit`] as any write does, or is undone
/// alone by returning an error. Its answer is given once the shared
/// transaction is committed, so an answer of success means saved.
///
/// The group is written by a task of its own, so a caller that goes away
/// (a phone that lost its signal) does not undo the others' writes. No
/// one-time key is kept for a grouped write: what it writes must be the
/// same when sent twice (marks of a night, put over themselves).
pub(crate) async fn grouped<T, F, Fut>(cx: &Cx, access: Access<'_>, job: F) -> CoreResult<T>
where
    T: Send + 'static,
    F: FnOnce(Write) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = CoreResult<T>> + Send + 'static,
{
    cx.check_access(access).await?;
    let (answer, answered) = tokio::sync::oneshot::channel();
    let run: Job = Box::new(move |w| {
        Box::pin(async move {
            job(w)
                .await
                .map(|t| Box::new(t) as Box<dyn std::any::Any + Send>)
        })
    });
    cx.groups()
        .waiting
        .lock()
        .map_err(|_| CoreError::internal("the grouped writes' queue is poisoned"))?
        .push(Waiting { run, answer });
    let writer = cx.clone();
    tokio::spawn(async move { write_waiting(&writer).await });
    let answer = answered
        .await
        .map_err(|_| CoreError::internal("a grouped write ended without an answer"))??;
    answer
        .downcast::<T>()
        .map(|t| *t)
        .map_err(|_| CoreError::internal("a grouped write answered with another type"))
}

/// Writes whatever waits, in one transaction; nothing when an earlier
/// call took it already.
async fn write_waiting(cx: &Context) {
    let _writing = cx.groups().writing.lock().await;
    let waiting = match cx.groups().waiting.lock() {
        Ok(mut w) => std::mem::take(&mut *w),
        Err(_) => return,
    };
    if waiting.is_empty() {
        return;
    }
    let count = waiting.len();
    let group = match cx.write(Access::Server).await {
        Ok(w) => w,
        Err(e) => {
            let cause = e.to_string();
            for w in waiting {
                let _ = w.answer.send(Err(CoreError::internal(cause.clone())));
            }
            return;
        }
    };
    let mut answers = Vec::with_capacity(count);
    for w in waiting {
        let answer = match group.savepoint(cx.now()).await {
            Ok(write) => (w.run)(write).await,
            Err(e) => Err(e),
        };
        answers.push((w.answer, answer));
    }
    let committed = group.commit_group().await.map_err(|e| e.to_string());
    tracing::debug!(count, "grouped writes committed together");
    for (to, answer) in answers {
        let answer = match (&committed, answer) {
            (Err(cause), Ok(_)) => Err(CoreError::internal(cause.clone())),
            (_, answer) => answer,
        };
        // A caller that went away no longer listens; its write stands.
        let _ = to.send(answer);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::sync::Arc;

    use antt_domain::audit::AuditAction;

    use super::*;
    use crate::audit::{entry, verify_chain};

    /// Six writes sent while another is being written wait and share the
    /// next transaction: the one refused after it had written (an audit
    /// entry of its own) leaves nothing, the five others keep both their
    /// entries, and the chain stays whole.
    #[tokio::test]
    async fn a_grouped_write_refused_half_way_is_undone_alone() {
        for t in antt_testkit::databases().await {
            let clock = Arc::new(crate::clock::FixedClock::demo());
            let antt = crate::Antt::open(&t.url, clock, crate::password::Passwords::Fast)
                .await
                .unwrap();
            let cx = antt.cx.clone();
            let before = verify_chain(cx.db()).await.unwrap().entries;
            let holding = cx.groups().writing.lock().await;
            let mut sent = Vec::new();
            for i in 0..6 {
                let cx = cx.clone();
                sent.push(tokio::spawn(async move {
                    let cli = Actor::command_line();
                    let me = cli.clone();
                    grouped(&cx, Access::Server, move |w| async move {
                        let note =
                            |s: String| entry(&me, None, AuditAction::Update, None, s, vec![]);
                        w.audit(note(format!("first of {i}"))).await?;
                        if i == 3 {
                            return Err(CoreError::invalid("i", antt_domain::ErrorCode::Invalid));
                        }
                        w.commit(note(format!("last of {i}"))).await?;
                        Ok(i)
                    })
                    .await
                }));
            }
            while cx.groups().waiting.lock().unwrap().len() < 6 {
                tokio::task::yield_now().await;
            }
            drop(holding);
            for (i, s) in sent.into_iter().enumerate() {
                let answer = s.await.unwrap();
                if i == 3 {
                    assert!(matches!(answer, Err(CoreError::Invalid(_))), "{answer:?}");
                } else {
                    assert_eq!(answer.unwrap(), i, "{}", t.backend);
                }
            }
            let report = verify_chain(cx.db()).await.unwrap();
            assert!(
                report.problems.is_empty(),
                "{}: {:?}",
                t.backend,
                report.problems
            );
            assert_eq!(report.entries, before + 10, "{}", t.backend);
        }
    }
}
