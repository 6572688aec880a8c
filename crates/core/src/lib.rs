//! Use cases of antt: what the web screens, the API and the command line
//! call. Each checks who is acting ([`Actor`]) before it reads or writes,
//! opens the transaction, and writes the audit log.
//!
//! The web and CLI layers never reach the store directly.

pub mod actor;
pub mod assessment;
pub mod audit;
pub mod auth;
mod cache;
pub mod clock;
pub mod commitment;
pub mod contest;
pub mod dashboard;
pub mod db;
pub mod demo;
mod error;
pub mod export;
pub mod import;
pub mod incident;
pub mod movement_export;
pub mod org;
pub mod password;
pub mod person;
pub mod plan;
pub mod reminder;
pub mod reward;
pub mod sealed;
pub mod session;
pub mod team;
pub mod tip;
pub mod unit;
pub mod user;

use std::sync::Arc;

pub use actor::Actor;
pub use antt_store::Backend;
pub use clock::Clock;
pub use error::{CoreError, CoreResult};

use antt_store::Db;

/// The application: its database, its clock and its password policy. Cheap
/// to clone; every use case is a method or a function taking it.
#[derive(Clone)]
pub struct Antt {
    db: Db,
    clock: Arc<dyn Clock>,
    passwords: password::Passwords,
    limiter: Arc<auth::LoginLimiter>,
    caches: Arc<cache::Caches>,
    tip_key: Option<Arc<sealed::TipKey>>,
    webhook: Option<Arc<(antt_mail::hook::Webhook, Option<String>)>>,
    floods: Arc<tip::FloodGate>,
}

impl Antt {
    /// Connects to the database at `url` and brings its schema up to date.
    pub async fn open(
        url: &str,
        clock: Arc<dyn Clock>,
        passwords: password::Passwords,
    ) -> CoreResult<Self> {
        let db = Db::connect(url).await?;
        db.migrate().await?;
        Ok(Self::new(db, clock, passwords))
    }

    /// Connects without migrating (for `db verify`, which reports pending
    /// migrations instead of applying them).
    pub async fn connect(
        url: &str,
        clock: Arc<dyn Clock>,
        passwords: password::Passwords,
    ) -> CoreResult<Self> {
        Ok(Self::new(Db::connect(url).await?, clock, passwords))
    }

    fn new(db: Db, clock: Arc<dyn Clock>, passwords: password::Passwords) -> Self {
        Self {
            db,
            clock,
            passwords,
            limiter: Arc::new(auth::LoginLimiter::default()),
            caches: Arc::new(cache::Caches::new()),
            tip_key: None,
            webhook: None,
            floods: Arc::new(tip::FloodGate::default()),
        }
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    pub fn backend(&self) -> Backend {
        self.db.backend()
    }

    pub(crate) fn db(&self) -> &Db {
        &self.db
    }

    pub(crate) fn caches(&self) -> &cache::Caches {
        &self.caches
    }

    pub(crate) fn floods(&self) -> &tip::FloodGate {
        &self.floods
    }
}
