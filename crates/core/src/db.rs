//! Database operations of the command line: verify and back up; the
//! sealing key's fingerprint kept with the data, its check at start, and
//! its rotation.

use std::path::Path;

use antt_domain::TipId;
use antt_domain::audit::AuditAction;
use antt_store::sealed_data::{self as sealed_data, Part, SealedRef};

use crate::actor::Actor;
use crate::audit::entry;
use crate::context::Cx;
use crate::error::{CoreError, CoreResult};
use crate::sealed::TipKey;
use crate::write::Access;

/// What a copy to PostgreSQL moved, and the audit chain checked there.
#[derive(Clone, Debug)]
pub struct CopyReport {
    pub tables: Vec<antt_store::CopiedTable>,
    pub audit_entries: u64,
    pub audit_problems: Vec<String>,
}

/// The setting that holds the sealing key's fingerprint.
const KEY_FINGERPRINT: &str = "tip_key_fingerprint";

/// What the data says of the sealing key, before any key is used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyRecord {
    /// The fingerprint kept with the data, if one was recorded.
    pub fingerprint: Option<String>,
    /// Whether anything sealed is kept (tips, their photos and messages,
    /// uploads waiting for confirmation).
    pub sealed_data: bool,
}

impl KeyRecord {
    /// Whether a key is needed to read what is kept: a fresh key would
    /// make it unreadable.
    pub fn needs_its_key(&self) -> bool {
        self.fingerprint.is_some() || self.sealed_data
    }
}

/// How the context's key stands with the data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyCheck {
    /// It is the key of the data (its fingerprint was kept, or now is).
    Matches,
    /// The data was sealed under another key: `recorded` is its
    /// fingerprint (none when only a sealed value told, before
    /// fingerprints were kept).
    Different { recorded: Option<String> },
}

/// How a key stands with the data as `e` sees it, and whether the data
/// had its fingerprint.
enum Judged {
    Recorded(KeyCheck),
    /// No fingerprint kept: judged on a sealed value, or on nothing sealed.
    Unrecorded(KeyCheck),
}

async fn judge(e: &impl antt_store::Executor, key: &TipKey) -> CoreResult<Judged> {
    if let Some(recorded) = sealed_data::setting(e, KEY_FINGERPRINT).await? {
        return Ok(Judged::Recorded(if recorded == key.fingerprint() {
            KeyCheck::Matches
        } else {
            KeyCheck::Different {
                recorded: Some(recorded),
            }
        }));
    }
    Ok(Judged::Unrecorded(match sealed_data::sample(e).await? {
        Some((at, bytes)) if key.open(&bytes, &context_of(&at)?).is_err() => {
            KeyCheck::Different { recorded: None }
        }
        _ => KeyCheck::Matches,
    }))
}

/// The context a sealed value is bound to.
fn context_of(at: &SealedRef) -> CoreResult<Vec<u8>> {
    let tip = || {
        at.tip
            .map(TipId::from_uuid)
            .ok_or_else(|| CoreError::internal("a tip's sealed value without its tip"))
    };
    Ok(match at.part {
        Part::TipText => crate::tip::seal_context(tip()?, "text"),
        Part::TipPlace => crate::tip::seal_context(tip()?, "place"),
        Part::TipContact => crate::tip::seal_context(tip()?, "contact"),
        Part::TipPhoto(position) => crate::tip::seal_context(tip()?, &format!("photo:{position}")),
        Part::TipMessage => crate::tip::seal_context(tip()?, "message"),
        Part::StagedFile => crate::import::staged_context(at.row),
        Part::DormIdNumber => crate::dorm::papers::seal_context(at.row),
    })
}

/// What `antt db verify` found.
#[derive(Clone, Debug, Default)]
pub struct VerifyReport {
    pub integrity_problems: Vec<String>,
    pub pending_migrations: Vec<String>,
    pub audit_entries: u64,
    pub audit_problems: Vec<String>,
}

impl VerifyReport {
    pub fn is_ok(&self) -> bool {
        self.integrity_problems.is_empty()
            && self.pending_migrations.is_empty()
            && self.audit_problems.is_empty()
    }
}

/// The database itself: its checks and copies.
#[derive(Clone)]
pub struct Database {
    cx: Cx,
}

/// The audit entry of a change of the tip key, made by the server's operator.
fn key_change(summary: String) -> antt_domain::audit::NewAuditEntry {
    entry(
        &Actor::command_line(),
        None,
        AuditAction::KeyChange,
        None,
        summary,
        vec![],
    )
}

impl Database {
    pub(crate) fn new(cx: Cx) -> Self {
        Self { cx }
    }

    /// Checks the database file, the schema version and the audit chain.
    #[tracing::instrument(name = "database.verify", skip_all)]
    pub async fn verify(&self) -> CoreResult<VerifyReport> {
        let pending_migrations = self.cx.db().pending_migrations().await?;
        let mut integrity_problems = self.cx.db().integrity_problems().await?;
        if pending_migrations.is_empty() {
            integrity_problems.extend(self.cx.db().schema_problems().await?);
        }
        let chain_missing = pending_migrations
            .iter()
            .any(|m| m.contains("create_foundation"));
        let (audit_entries, audit_problems) = if chain_missing {
            (
                0,
                vec!["the audit log does not exist yet: run `antt migrate`".into()],
            )
        } else {
            let chain = crate::audit::verify_chain(self.cx.db()).await?;
            (chain.entries, chain.problems)
        };
        Ok(VerifyReport {
            integrity_problems,
            pending_migrations,
            audit_entries,
            audit_problems,
        })
    }

    /// Copies this instance's database whole into the PostgreSQL database
    /// at `url` (its schema brought up to date first; refused when someone's
    /// data is already there), all or nothing, then checks the audit chain
    /// there. The sealing key is not in the database: it moves as a file.
    #[tracing::instrument(name = "database.copy_to", skip_all)]
    pub async fn copy_to(&self, url: &str) -> CoreResult<CopyReport> {
        let target = antt_store::Db::connect(url).await?;
        if target.backend() != antt_store::Backend::Postgres {
            return Err(CoreError::internal(
                "the copy goes to PostgreSQL: give a postgres:// URL",
            ));
        }
        target.migrate().await?;
        if let Some(table) = target.first_filled_table().await? {
            return Err(CoreError::internal(format!(
                "the target database is not empty ({table} has rows): antt copies only into an empty database"
            )));
        }
        let tables = self.cx.db().copy_into(&target).await?;
        let chain = crate::audit::verify_chain(&target).await?;
        Ok(CopyReport {
            tables,
            audit_entries: chain.entries,
            audit_problems: chain.problems,
        })
    }

    /// Writes a consistent copy of the SQLite database to `target`.
    #[tracing::instrument(name = "database.backup", skip_all)]
    pub async fn backup(&self, target: &Path) -> CoreResult<()> {
        Ok(self.cx.db().backup_sqlite(target).await?)
    }

    /// What the data says of its sealing key (no key needed).
    #[tracing::instrument(name = "database.key_record", skip_all)]
    pub async fn key_record(&self) -> CoreResult<KeyRecord> {
        let db = self.cx.db();
        Ok(KeyRecord {
            fingerprint: sealed_data::setting(db, KEY_FINGERPRINT).await?,
            sealed_data: sealed_data::sample(db).await?.is_some(),
        })
    }

    /// Whether the context's key is the data's. Without a fingerprint kept,
    /// a sealed value is tried (data sealed before fingerprints were kept)
    /// and, when it opens or nothing is sealed yet, the key's fingerprint is
    /// recorded (audited).
    #[tracing::instrument(name = "database.check_key", skip_all)]
    pub async fn check_key(&self) -> CoreResult<KeyCheck> {
        let key = self.cx.key()?;
        let fingerprint = key.fingerprint();
        let w = self.cx.write(Access::Server).await?;
        match judge(w.tx(), key).await? {
            Judged::Recorded(check) => return Ok(check),
            Judged::Unrecorded(KeyCheck::Matches) => {}
            Judged::Unrecorded(different) => return Ok(different),
        }
        sealed_data::set_setting(w.tx(), KEY_FINGERPRINT, &fingerprint, w.now()).await?;
        w.commit(key_change(format!(
            "Ghi nhận khóa niêm phong tin báo (dấu {})",
            short(&fingerprint)
        )))
        .await?;
        Ok(KeyCheck::Matches)
    }

    /// Seals every sealed value anew under `new` in one transaction and
    /// records its fingerprint: either all of them are under the new key
    /// afterwards, or (on any failure) all stay under the old one. The
    /// context's key must be the data's. Returns how many were sealed.
    #[tracing::instrument(name = "database.rotate_key", skip_all)]
    pub async fn rotate_key(&self, new: &TipKey) -> CoreResult<u64> {
        let old = self.cx.key()?;
        if self.check_key().await? != KeyCheck::Matches {
            return Err(CoreError::internal(
                "the key in use is not the data's: it cannot be rotated",
            ));
        }
        let w = self.cx.write(Access::Server).await?;
        let mut count = 0u64;
        for at in sealed_data::list(w.tx()).await? {
            let Some(bytes) = sealed_data::read(w.tx(), &at).await? else {
                continue;
            };
            let context = context_of(&at)?;
            let plain = old.open(&bytes, &context).map_err(CoreError::internal)?;
            let sealed = new.seal(&plain, &context).map_err(CoreError::internal)?;
            sealed_data::write(w.tx(), &at, sealed).await?;
            count += 1;
        }
        let fingerprint = new.fingerprint();
        sealed_data::set_setting(w.tx(), KEY_FINGERPRINT, &fingerprint, w.now()).await?;
        w.commit(key_change(format!(
            "Đổi khóa niêm phong tin báo: {count} giá trị được niêm phong lại (dấu {} → {})",
            short(&old.fingerprint()),
            short(&fingerprint)
        )))
        .await?;
        Ok(count)
    }

    /// Closes every connection (SQLite folds its journal back into the
    /// file), for a copy about to be moved into place.
    pub async fn close(&self) -> CoreResult<()> {
        Ok(self.cx.db().clone().close().await?)
    }

    /// Checks that the database answers (for `/healthz`).
    #[tracing::instrument(name = "database.ping", skip_all)]
    pub async fn ping(&self) -> CoreResult<()> {
        Ok(self.cx.db().ping().await?)
    }
}

/// The first characters of a fingerprint, as shown to people.
fn short(fingerprint: &str) -> &str {
    fingerprint.get(..8).unwrap_or(fingerprint)
}
