//! The database handle, connection set-up and transactions.

use std::path::Path;
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    Statement, TransactionTrait,
};
use sea_orm_migration::MigratorTrait as _;

use antt_migration::Migrator;

use crate::error::{StoreError, StoreResult};

mod copy;
pub use copy::{CopiedTable, UnitKeys};

/// Which database antt runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A pool of connections to SQLite or PostgreSQL, chosen by the URL.
#[derive(Clone, Debug)]
pub struct Db {
    conn: DatabaseConnection,
    backend: Backend,
}

/// A write transaction. It holds the instance's write lock (the audit chain
/// head) from its first statement, so the audit chain stays linear. Dropped
/// without [`Tx::commit`], it rolls back.
pub struct Tx {
    transaction: DatabaseTransaction,
    /// The audit chain's head (sequence, hash), read by the statement that
    /// took the lock and moved by each entry appended in this transaction.
    head: Head,
    /// For a savepoint, the head of the transaction it is inside: moved to
    /// this one's when the savepoint is kept, left alone when it is undone.
    outer: Option<Head>,
    /// For the outermost transaction, the sequence the head row held when
    /// the lock was taken: the row is moved from it once, at the commit.
    begun_at: Option<i64>,
}

type Head = std::sync::Arc<std::sync::Mutex<Option<(i64, String)>>>;

pub(crate) mod sealed {
    use sea_orm::ConnectionTrait;

    pub trait Sealed {
        fn conn(&self) -> &impl ConnectionTrait;
        /// The audit head as this transaction knows it, if it holds the lock.
        fn known_head(&self) -> Option<(i64, String)> {
            None
        }
        fn set_known_head(&self, _head: (i64, String)) {}
    }
}

/// Something store functions run on: the pool or a transaction.
pub trait Executor: sealed::Sealed + Sync {}

impl sealed::Sealed for Db {
    fn conn(&self) -> &impl ConnectionTrait {
        &self.conn
    }
}
impl Executor for Db {}

impl sealed::Sealed for Tx {
    fn conn(&self) -> &impl ConnectionTrait {
        &self.transaction
    }
    fn known_head(&self) -> Option<(i64, String)> {
        self.head.lock().ok().and_then(|h| h.clone())
    }
    fn set_known_head(&self, head: (i64, String)) {
        if let Ok(mut h) = self.head.lock() {
            *h = Some(head);
        }
    }
}
impl Executor for Tx {}

impl Db {
    /// Connects to `url` (`sqlite://path?mode=rwc` or `postgres://…`). SQLite
    /// runs with WAL, foreign keys on, a busy timeout and `synchronous=FULL`:
    /// every commit reaches the disk before it is acknowledged, so a power
    /// cut on a school's PC loses nothing a user was told was saved.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(StoreError::Corrupt(format!(
                "unsupported database URL `{url}`: use sqlite://… or postgres://…"
            )));
        };
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .sqlx_logging(false)
            .acquire_timeout(Duration::from_secs(10));
        match backend {
            Backend::Sqlite => {
                options
                    .max_connections(8)
                    .min_connections(1)
                    .map_sqlx_sqlite_opts(|o| {
                        o.journal_mode(SqliteJournalMode::Wal)
                            .foreign_keys(true)
                            .busy_timeout(Duration::from_secs(10))
                            .synchronous(SqliteSynchronous::Full)
                    });
            }
            Backend::Postgres => {
                options.max_connections(16).min_connections(1);
            }
        }
        let conn = Database::connect(options).await?;
        Ok(Self { conn, backend })
    }

    /// The URL of the SQLite database file at `path`, created if missing.
    pub fn sqlite_url(path: &Path) -> String {
        format!("sqlite://{}?mode=rwc", path.display())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Brings the schema up to date.
    pub async fn migrate(&self) -> StoreResult<()> {
        Migrator::up(&self.conn, None).await?;
        Ok(())
    }

    /// Names of migrations not yet applied.
    pub async fn pending_migrations(&self) -> StoreResult<Vec<String>> {
        Ok(Migrator::get_pending_migrations(&self.conn)
            .await?
            .iter()
            .map(|m| m.name().to_owned())
            .collect())
    }

    pub async fn ping(&self) -> StoreResult<()> {
        Ok(self.conn.ping().await?)
    }

    /// Begins a write transaction and takes the write lock at once: on
    /// SQLite by writing first (the busy timeout then waits for another
    /// writer instead of failing later), on PostgreSQL by locking the audit
    /// head row. The same statement reads the head, so appending to the
    /// audit chain needs no read of its own.
    pub async fn begin(&self) -> StoreResult<Tx> {
        let tx = self.conn.begin().await?;
        let (backend, sql) = match self.backend {
            Backend::Sqlite => (
                DbBackend::Sqlite,
                "UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash",
            ),
            Backend::Postgres => (
                DbBackend::Postgres,
                "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE",
            ),
        };
        let row = tx
            .query_one_raw(Statement::from_string(backend, sql))
            .await?
            .ok_or(StoreError::NotFound)?;
        let head = (
            row.try_get::<i64>("", "seq")?,
            row.try_get::<String>("", "hash")?,
        );
        Ok(Tx {
            transaction: tx,
            begun_at: Some(head.0),
            head: std::sync::Arc::new(std::sync::Mutex::new(Some(head))),
            outer: None,
        })
    }

    /// SQLite only: writes a consistent copy of the database to `target`
    /// (`VACUUM INTO`), which must not exist yet.
    pub async fn backup_sqlite(&self, target: &Path) -> StoreResult<()> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::Corrupt(
                "backup needs SQLite; use pg_dump for PostgreSQL".into(),
            ));
        }
        let path = target.to_string_lossy().into_owned();
        self.conn
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "VACUUM INTO ?",
                [path.into()],
            ))
            .await?;
        Ok(())
    }

    /// The database's own consistency check. Returns the problems found
    /// (empty when all is well). PostgreSQL checks itself; this returns none.
    pub async fn integrity_problems(&self) -> StoreResult<Vec<String>> {
        if self.backend != Backend::Sqlite {
            return Ok(Vec::new());
        }
        let rows = self
            .conn
            .query_all_raw(Statement::from_string(
                DbBackend::Sqlite,
                "PRAGMA integrity_check",
            ))
            .await?;
        let mut problems = Vec::new();
        for row in rows {
            let line: String = row.try_get_by_index(0)?;
            if line != "ok" {
                problems.push(line);
            }
        }
        let fk = self
            .conn
            .query_all_raw(Statement::from_string(
                DbBackend::Sqlite,
                "PRAGMA foreign_key_check",
            ))
            .await?;
        if !fk.is_empty() {
            problems.push(format!("{} rows break a foreign key", fk.len()));
        }
        Ok(problems)
    }

    /// Reads one row of every table through its entity, so that a schema
    /// that drifted from the entities shows up as a problem. Returns the
    /// tables that failed and why.
    pub async fn schema_problems(&self) -> StoreResult<Vec<String>> {
        use antt_entity as e;
        use sea_orm::{EntityTrait, QuerySelect};
        macro_rules! probe {
            ($($m:ident),*) => {{
                let mut problems = Vec::new();
                $(
                    if let Err(err) = e::$m::Entity::find().limit(1).all(&self.conn).await {
                        problems.push(format!("{}: {err}", stringify!($m)));
                    }
                )*
                problems
            }};
        }
        Ok(probe!(
            unit,
            campus,
            department,
            class,
            person,
            user,
            session,
            api_token,
            audit_log,
            audit_head,
            staged_file,
            instance_setting
        ))
    }

    /// Closes every connection of the pool.
    pub async fn close(self) -> StoreResult<()> {
        Ok(self.conn.close().await?)
    }
}

impl Tx {
    /// Keeps the changes: commits the transaction (moving the audit head
    /// row to the last entry appended, once), or for a savepoint makes its
    /// changes (and its audit entries) part of the transaction it is
    /// inside.
    pub async fn commit(self) -> StoreResult<()> {
        let moved = self.head.lock().ok().and_then(|h| h.clone());
        if let (Some(from), Some(to)) = (self.begun_at, &moved)
            && to.0 != from
        {
            crate::audit::move_head(&self, from, to).await?;
        }
        let Self {
            transaction, outer, ..
        } = self;
        transaction.commit().await?;
        if let Some(outer) = outer
            && let (Ok(mut outer), Some(moved)) = (outer.lock(), moved)
        {
            *outer = Some(moved);
        }
        Ok(())
    }

    /// A savepoint inside this transaction, under the same write lock:
    /// dropped without [`Tx::commit`], its changes alone are undone and
    /// this transaction goes on as before it.
    pub async fn savepoint(&self) -> StoreResult<Self> {
        use sea_orm::TransactionTrait;
        let transaction = self.transaction.begin().await?;
        let head = self.head.lock().ok().and_then(|h| h.clone());
        Ok(Self {
            transaction,
            head: std::sync::Arc::new(std::sync::Mutex::new(head)),
            outer: Some(self.head.clone()),
            begun_at: None,
        })
    }
}
