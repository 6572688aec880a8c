//! What every feature shares: the database, the clock, the caches, and the
//! two questions asked before anything is read or written: may this actor
//! read this unit, may it write there. Features hold an [`Cx`] and nothing
//! else of each other's; writes start here ([`crate::write`]).

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use antt_domain::person::Person;
use antt_domain::role::Capability;
use antt_domain::time::MovementYear;
use antt_domain::unit::Unit;
use antt_domain::{ErrorCode, UnitId, time};
use antt_store::Db;

use crate::actor::Actor;
use crate::cache::Caches;
use crate::clock::Clock;
use crate::error::{CoreError, CoreResult};
use crate::login_throttle::LoginThrottle;
use crate::sealed::TipKey;
use crate::slow_hash::{HashLimits, SlowHashes};

/// A movement year asked for by number: refused as an invalid `year`
/// outside the years antt keeps (so no date arithmetic runs out of range).
pub(crate) fn movement_year(year: i32) -> CoreResult<MovementYear> {
    MovementYear::new(year).ok_or_else(|| CoreError::invalid("year", ErrorCode::Invalid))
}

/// Refuses a record that belongs to a movement year closed by `now`
/// (`field` names what dates it): the figures reported for that year stay
/// what was reported. Incidents are the exception and never come here: a
/// case found late is still the year's case.
pub(crate) fn year_open(
    year: MovementYear,
    now: DateTime<Utc>,
    field: &'static str,
) -> CoreResult<()> {
    if year.closed_by(now) {
        return Err(CoreError::invalid(field, ErrorCode::YearClosed));
    }
    Ok(())
}

/// The shared context, cheap to clone.
pub(crate) type Cx = Arc<Context>;

pub(crate) struct Context {
    db: Db,
    clock: Arc<dyn Clock>,
    caches: Arc<Caches>,
    /// The key every sealed value is sealed with (tips, uploads waiting for
    /// confirmation); kept out of the database.
    key: Option<Arc<TipKey>>,
    /// The few threads the slow hashes (passwords, receipts) run on.
    hashes: SlowHashes,
    /// The failed logins of this process, and the delays they earned.
    logins: Arc<LoginThrottle>,
    /// Writes waiting to share one transaction ([`crate::write::grouped`]).
    groups: Arc<crate::write::Groups>,
}

impl Context {
    pub(crate) fn new(db: Db, clock: Arc<dyn Clock>) -> Cx {
        Arc::new(Self {
            db,
            clock,
            caches: Arc::new(Caches::new()),
            key: None,
            hashes: SlowHashes::new(HashLimits::default()),
            logins: Arc::default(),
            groups: Arc::default(),
        })
    }

    /// The same context with the sealing key.
    pub(crate) fn with_key(&self, key: TipKey) -> Cx {
        Arc::new(Self {
            db: self.db.clone(),
            clock: self.clock.clone(),
            caches: self.caches.clone(),
            key: Some(Arc::new(key)),
            hashes: self.hashes.clone(),
            logins: self.logins.clone(),
            groups: self.groups.clone(),
        })
    }

    /// The same context with its slow hashes under `limits`.
    pub(crate) fn with_hash_limits(&self, limits: HashLimits) -> Cx {
        Arc::new(Self {
            db: self.db.clone(),
            clock: self.clock.clone(),
            caches: self.caches.clone(),
            key: self.key.clone(),
            hashes: SlowHashes::new(limits),
            logins: self.logins.clone(),
            groups: self.groups.clone(),
        })
    }

    /// The writes waiting to share a transaction.
    pub(crate) fn groups(&self) -> &Arc<crate::write::Groups> {
        &self.groups
    }

    /// The failed logins, and the delays they earned.
    pub(crate) fn logins(&self) -> &LoginThrottle {
        &self.logins
    }

    /// Where the slow hashes run.
    pub(crate) fn hashes(&self) -> &SlowHashes {
        &self.hashes
    }

    /// The sealing key; without one nothing sealed can be written or read.
    pub(crate) fn key(&self) -> CoreResult<&TipKey> {
        self.key.as_deref().ok_or_else(|| {
            CoreError::internal("no sealing key (tip.key): sealed data cannot be used")
        })
    }

    /// The pool, for reads that decide nothing a write depends on. A write
    /// reads through its [`crate::write::Write`] instead, under the lock.
    pub(crate) fn db(&self) -> &Db {
        &self.db
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The clock itself, for another instance that must keep the same time
    /// (the demo's school on its own copy).
    pub(crate) fn clock(&self) -> Arc<dyn Clock> {
        self.clock.clone()
    }

    /// Today in Vietnam.
    pub(crate) fn today(&self) -> NaiveDate {
        time::local_date(self.now())
    }

    pub(crate) fn caches(&self) -> &Caches {
        &self.caches
    }

    /// Whether `actor` may read the data of `unit`: its own unit; the units
    /// a province officer's authority oversees; any unit for a system admin.
    /// A unit it may not read is "not found", so ids reveal nothing.
    pub(crate) async fn check_readable(&self, actor: &Actor, unit: UnitId) -> CoreResult<()> {
        if actor.can(Capability::ManageUnits) || actor.unit_id == Some(unit) {
            return Ok(());
        }
        if actor.can(Capability::OverseeUnits)
            && let Some(home) = actor.unit_id
            && self.cached_subtree(home).await?.contains(&unit)
        {
            return Ok(());
        }
        Err(CoreError::NotFound)
    }

    /// Whether `actor` may change the data of `unit`: only its own unit
    /// (any, for a system admin). Reading is checked first, so a unit it
    /// cannot see stays "not found".
    pub(crate) async fn check_writable(&self, actor: &Actor, unit: UnitId) -> CoreResult<()> {
        self.check_readable(actor, unit).await?;
        if actor.can(Capability::ManageUnits) || actor.unit_id == Some(unit) {
            Ok(())
        } else {
            Err(CoreError::Forbidden)
        }
    }

    /// Whether `actor` speaks for the police authority over `unit`: a
    /// province officer who oversees it (never for its own unit), or the
    /// system admin.
    pub(crate) async fn check_authority(&self, actor: &Actor, unit: UnitId) -> CoreResult<()> {
        self.check_readable(actor, unit).await?;
        actor.require(Capability::ActForAuthority)?;
        if actor.unit_id == Some(unit) && !actor.can(Capability::ManageUnits) {
            return Err(CoreError::Forbidden);
        }
        Ok(())
    }

    /// The unit a request is about: `requested` if the actor may read it,
    /// else the actor's own unit.
    pub(crate) async fn scope(
        &self,
        actor: &Actor,
        requested: Option<UnitId>,
    ) -> CoreResult<UnitId> {
        let unit = match requested {
            Some(unit) => unit,
            None => actor.home_unit()?,
        };
        self.check_readable(actor, unit).await?;
        Ok(unit)
    }

    /// A unit, from the cache when fresh.
    pub(crate) async fn cached_unit(&self, id: UnitId) -> CoreResult<Unit> {
        let now = self.now();
        if let Some(u) = self.caches.unit(id, now) {
            return Ok(u);
        }
        let u = antt_store::unit::get(&self.db, id).await?;
        self.caches.put_unit(u.clone(), now);
        Ok(u)
    }

    /// The units `root` oversees (itself first), from the cache when fresh.
    pub(crate) async fn cached_subtree(&self, root: UnitId) -> CoreResult<Arc<Vec<UnitId>>> {
        let now = self.now();
        if let Some(s) = self.caches.subtree(root, now) {
            return Ok(s);
        }
        let s = Arc::new(antt_store::unit::subtree(&self.db, root).await?);
        self.caches.put_subtree(root, s.clone(), now);
        Ok(s)
    }

    /// Every person of a unit with their search keys, from the cache when
    /// fresh. Loading is single-flight: concurrent misses wait for one read.
    pub(crate) async fn cached_people(
        &self,
        unit: UnitId,
    ) -> CoreResult<Arc<Vec<(String, Person)>>> {
        if let Some(p) = self.caches.people(unit, self.now()) {
            return Ok(p);
        }
        let lock = self.caches.load_lock(unit, crate::cache::Load::People);
        let _loading = lock.lock().await;
        let now = self.now();
        if let Some(p) = self.caches.people(unit, now) {
            return Ok(p);
        }
        let epoch = self.caches.people_epoch();
        let p = Arc::new(antt_store::person::all_with_keys(&self.db, unit).await?);
        self.caches.put_people(unit, p.clone(), epoch, now);
        Ok(p)
    }
}
