//! Database operations of the command line: verify and back up.

use std::path::Path;

use crate::context::Cx;
use crate::error::CoreResult;

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

    /// Writes a consistent copy of the SQLite database to `target`.
    #[tracing::instrument(name = "database.backup", skip_all)]
    pub async fn backup(&self, target: &Path) -> CoreResult<()> {
        Ok(self.cx.db().backup_sqlite(target).await?)
    }

    /// Checks that the database answers (for `/healthz`).
    #[tracing::instrument(name = "database.ping", skip_all)]
    pub async fn ping(&self) -> CoreResult<()> {
        Ok(self.cx.db().ping().await?)
    }
}
