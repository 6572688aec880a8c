//! Test support for antt: a fresh, empty database per test on every backend
//! that is available.
//!
//! SQLite always (a file in a temporary folder). PostgreSQL when
//! `ANTT_TEST_DATABASE_URL` names a server (any database on it, used to
//! create and drop `antt_t_…` databases); CI always sets it. When it is unset
//! the PostgreSQL half of each test is skipped with a printed reason.

mod smtp;

pub use smtp::{Received, SmtpSink};

use std::sync::Once;
use std::sync::atomic::{AtomicU32, Ordering};

use sea_orm::{ConnectionTrait, Database};

/// The environment variable naming the PostgreSQL server of the tests.
pub const PG_ENV: &str = "ANTT_TEST_DATABASE_URL";

/// One empty database, removed when dropped.
pub struct TestDb {
    /// The URL to hand to `Db::connect`.
    pub url: String,
    /// "sqlite" or "postgres", to name the backend in assertion messages.
    pub backend: &'static str,
    dir: Option<tempfile::TempDir>,
    pg: Option<PgDrop>,
}

struct PgDrop {
    admin_url: String,
    name: String,
}

impl TestDb {
    /// A new SQLite database in a temporary folder.
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temporary folder: {e}"));
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("antt.sqlite3").display()
        );
        Self {
            url,
            backend: "sqlite",
            dir: Some(dir),
            pg: None,
        }
    }

    /// A new PostgreSQL database on the server at `admin_url`.
    pub async fn postgres(admin_url: &str) -> Self {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "antt_t_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            &uuid::Uuid::now_v7().simple().to_string()[24..]
        );
        let admin = Database::connect(admin_url)
            .await
            .unwrap_or_else(|e| panic!("{PG_ENV}={admin_url}: cannot connect: {e}"));
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
        let _ = admin.close().await;
        Self {
            url: with_database(admin_url, &name),
            backend: "postgres",
            dir: None,
            pg: Some(PgDrop {
                admin_url: admin_url.to_owned(),
                name,
            }),
        }
    }

    /// The folder of a SQLite database (for files next to it).
    pub fn dir(&self) -> Option<&std::path::Path> {
        self.dir.as_ref().map(tempfile::TempDir::path)
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(pg) = self.pg.take() else { return };
        if std::env::var_os("ANTT_TEST_KEEP_DB").is_some() {
            return;
        }
        // Drop may run inside a runtime: drop the database from a thread of its own.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async {
                if let Ok(admin) = Database::connect(&pg.admin_url).await {
                    let _ = admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                            pg.name
                        ))
                        .await;
                    let _ = admin.close().await;
                }
            });
        })
        .join();
    }
}

/// `url` with its database name replaced by `name`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_part = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{host_part}/{name}?{q}"),
        None => format!("{host_part}/{name}"),
    }
}

/// The PostgreSQL server of the tests, if one is configured.
pub fn postgres_url() -> Option<String> {
    match std::env::var(PG_ENV) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            static SAID: Once = Once::new();
            // Straight to stderr: the test harness captures `eprintln!` of
            // passing tests, and this reason must be seen.
            SAID.call_once(|| {
                say(&format!(
                    "note: PostgreSQL tests skipped: {PG_ENV} is not set"
                ));
            });
            None
        }
    }
}

/// Writes a line to the real stderr, past the test harness's capture.
pub fn say(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// A fresh database on every available backend: SQLite, then PostgreSQL.
pub async fn databases() -> Vec<TestDb> {
    let mut all = vec![TestDb::sqlite()];
    if let Some(url) = postgres_url() {
        all.push(TestDb::postgres(&url).await);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_database_name() {
        assert_eq!(
            with_database("postgres://u@127.0.0.1:5432/postgres", "x"),
            "postgres://u@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://127.0.0.1", "x"),
            "postgres://127.0.0.1/x"
        );
        assert_eq!(
            with_database("postgresql://h/db?sslmode=disable", "x"),
            "postgresql://h/x?sslmode=disable"
        );
    }
}
