//! Short-lived in-process caches of what nearly every page reads: a unit,
//! its structure (campuses, departments, classes), the units an authority
//! oversees, and login sessions. A write through this process drops the
//! entries it changes at once; every entry also expires after [`TTL`], so a
//! change made through another server process shows within seconds.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

use antt_domain::person::Person;
use antt_domain::unit::Unit;
use antt_domain::{UnitId, UserId};
use antt_store::user::SessionRecord;

use crate::org::Structure;

/// How long an entry may be served without asking the database.
pub(crate) const TTL: Duration = Duration::seconds(10);

/// Entries a map holds at most (a province's units fit).
const MAX_ENTRIES: usize = 20_000;

/// Units whose people are kept at once: about 2,000 people (1 MB) each.
const MAX_PEOPLE_UNITS: usize = 32;

/// How many times within [`TTL`] a unit's people list is asked for before
/// the whole list is kept in memory. Reading a unit whole costs about as
/// much as forty pages of its search, so a unit asked less often is
/// searched in the database: with a province of 2,000 units active at
/// once, keeping every unit asked for would throw each one out before it
/// is asked again.
const HOT_PEOPLE_ASKS: u32 = 40;

struct Map<K, V> {
    entries: Mutex<HashMap<K, (DateTime<Utc>, V)>>,
    max: usize,
}

impl<K: Eq + Hash + Clone, V: Clone> Map<K, V> {
    fn new() -> Self {
        Self::with_max(MAX_ENTRIES)
    }
    fn with_max(max: usize) -> Self {
        Self {
            entries: Mutex::new(HashMap::new()),
            max,
        }
    }
    fn get(&self, key: &K, now: DateTime<Utc>) -> Option<V> {
        let map = self.entries.lock().ok()?;
        map.get(key)
            .filter(|(at, _)| now - *at < TTL && *at <= now)
            .map(|(_, v)| v.clone())
    }
    /// Keeps `value`; a full map first drops what has expired, then, if
    /// still full, its oldest entry, so that many units asked for at once
    /// do not empty the map for each other.
    fn put(&self, key: K, value: V, now: DateTime<Utc>) {
        if let Ok(mut map) = self.entries.lock() {
            if map.len() >= self.max && !map.contains_key(&key) {
                map.retain(|_, (at, _)| now - *at < TTL && *at <= now);
                if map.len() >= self.max {
                    let oldest = map
                        .iter()
                        .min_by_key(|(_, (at, _))| *at)
                        .map(|(k, _)| k.clone());
                    if let Some(k) = oldest {
                        map.remove(&k);
                    }
                }
            }
            map.insert(key, (now, value));
        }
    }
    fn remove(&self, key: &K) {
        if let Ok(mut map) = self.entries.lock() {
            map.remove(key);
        }
    }
    fn retain(&self, keep: impl Fn(&V) -> bool) {
        if let Ok(mut map) = self.entries.lock() {
            map.retain(|_, (_, v)| keep(v));
        }
    }
    fn clear(&self) {
        if let Ok(mut map) = self.entries.lock() {
            map.clear();
        }
    }
}

/// The caches of one `Antt`.
pub(crate) struct Caches {
    units: Map<UnitId, Unit>,
    structures: Map<UnitId, Arc<Structure>>,
    subtrees: Map<UnitId, Arc<Vec<UnitId>>>,
    sessions: Map<String, SessionRecord>,
    /// API and calendar tokens by (hash, kind): the account and until when
    /// the token holds. Before, every API call read the token and its
    /// account from the database while a page's session came from here.
    tokens: Map<(String, String), (antt_domain::user::User, DateTime<Utc>)>,
    people: Map<UnitId, Arc<Vec<(String, Person)>>>,
    /// How often each unit's people list was asked for in the current
    /// window of [`TTL`]: the first ask and the count.
    people_asks: Mutex<HashMap<UnitId, (DateTime<Utc>, u32)>>,
    /// Moves on every change of people, so that a list read before a change
    /// is not cached after it.
    people_epoch: AtomicU64,
    /// One load of a unit's people (or structure) at a time: concurrent
    /// misses wait for it instead of all reading the same rows.
    loads: Mutex<HashMap<(UnitId, Load), LoadLock>>,
    /// Figures a page shows of a unit, by (unit, what, variant): the mark
    /// they were made at (see [`Caches::figures`]) and the figures.
    figures: Map<FigureKey, (FigureMark, Arc<dyn std::any::Any + Send + Sync>)>,
    /// One making of the same figures at a time: the requests that find
    /// them lapsed together wait for one maker.
    figure_makers: Mutex<HashMap<FigureKey, LoadLock>>,
}

/// A unit, what of it, and a variant (the links' form).
pub(crate) type FigureKey = (UnitId, &'static str, String);

/// When figures were made: the audit chain's head (it moves with every
/// write) and the minute (what falls due does so by the clock).
pub(crate) type FigureMark = (i64, i64);

/// Held by the one task loading a unit's part.
type LoadLock = Arc<tokio::sync::Mutex<()>>;

/// What of a unit is loaded whole into the cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Load {
    People,
    Structure,
}

impl Caches {
    pub(crate) fn new() -> Self {
        Self {
            units: Map::new(),
            structures: Map::new(),
            subtrees: Map::new(),
            sessions: Map::new(),
            tokens: Map::new(),
            people: Map::with_max(MAX_PEOPLE_UNITS),
            people_asks: Mutex::new(HashMap::new()),
            people_epoch: AtomicU64::new(0),
            loads: Mutex::new(HashMap::new()),
            figures: Map::new(),
            figure_makers: Mutex::new(HashMap::new()),
        }
    }

    /// The lock that makes the making of `key`'s figures single-flight.
    pub(crate) fn figure_lock(&self, key: &FigureKey) -> LoadLock {
        match self.figure_makers.lock() {
            Ok(mut locks) => {
                if locks.len() >= MAX_ENTRIES {
                    locks.retain(|_, l| Arc::strong_count(l) > 1);
                }
                locks.entry(key.clone()).or_default().clone()
            }
            Err(_) => Arc::default(),
        }
    }

    /// Figures made at `mark`, if they are still those of `mark`.
    pub(crate) fn figures<T: Clone + Send + Sync + 'static>(
        &self,
        key: &FigureKey,
        mark: FigureMark,
        now: DateTime<Utc>,
    ) -> Option<T> {
        self.figures
            .get(key, now)
            .filter(|(made, _)| *made == mark)
            .and_then(|(_, v)| v.downcast_ref::<T>().cloned())
    }
    pub(crate) fn put_figures<T: Clone + Send + Sync + 'static>(
        &self,
        key: FigureKey,
        mark: FigureMark,
        value: T,
        now: DateTime<Utc>,
    ) {
        self.figures.put(key, (mark, Arc::new(value)), now);
    }

    pub(crate) fn unit(&self, id: UnitId, now: DateTime<Utc>) -> Option<Unit> {
        self.units.get(&id, now)
    }
    pub(crate) fn put_unit(&self, unit: Unit, now: DateTime<Utc>) {
        self.units.put(unit.id, unit, now);
    }

    pub(crate) fn structure(&self, unit: UnitId, now: DateTime<Utc>) -> Option<Arc<Structure>> {
        self.structures.get(&unit, now)
    }
    pub(crate) fn put_structure(&self, unit: UnitId, s: Arc<Structure>, now: DateTime<Utc>) {
        self.structures.put(unit, s, now);
    }
    /// A campus, department or class of `unit` changed.
    pub(crate) fn structure_changed(&self, unit: UnitId) {
        self.structures.remove(&unit);
    }

    pub(crate) fn subtree(&self, root: UnitId, now: DateTime<Utc>) -> Option<Arc<Vec<UnitId>>> {
        self.subtrees.get(&root, now)
    }
    pub(crate) fn put_subtree(&self, root: UnitId, units: Arc<Vec<UnitId>>, now: DateTime<Utc>) {
        self.subtrees.put(root, units, now);
    }
    /// Units were added or moved under another authority.
    pub(crate) fn units_changed(&self) {
        self.units.clear();
        self.subtrees.clear();
    }

    pub(crate) fn session(&self, token_hash: &str, now: DateTime<Utc>) -> Option<SessionRecord> {
        self.sessions.get(&token_hash.to_owned(), now)
    }
    pub(crate) fn put_session(&self, token_hash: String, s: SessionRecord, now: DateTime<Utc>) {
        self.sessions.put(token_hash, s, now);
    }
    pub(crate) fn session_ended(&self, token_hash: &str) {
        self.sessions.remove(&token_hash.to_owned());
    }
    /// An account was locked or its password changed: its sessions and
    /// tokens go.
    pub(crate) fn user_changed(&self, user: UserId) {
        self.sessions.retain(|s| s.user.id != user);
        self.tokens.retain(|(u, _)| u.id != user);
    }

    pub(crate) fn token(
        &self,
        hash: &str,
        kind: &str,
        now: DateTime<Utc>,
    ) -> Option<(antt_domain::user::User, DateTime<Utc>)> {
        self.tokens.get(&(hash.to_owned(), kind.to_owned()), now)
    }
    pub(crate) fn put_token(
        &self,
        hash: String,
        kind: String,
        user: antt_domain::user::User,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) {
        self.tokens.put((hash, kind), (user, expires_at), now);
    }

    /// Every person of a unit with their search keys, in name order.
    pub(crate) fn people(
        &self,
        unit: UnitId,
        now: DateTime<Utc>,
    ) -> Option<Arc<Vec<(String, Person)>>> {
        self.people.get(&unit, now)
    }
    /// Counts an ask for a unit's people list that found it not kept;
    /// whether the unit is now asked for often enough to be kept whole.
    pub(crate) fn people_asked(&self, unit: UnitId, now: DateTime<Utc>) -> bool {
        let Ok(mut asks) = self.people_asks.lock() else {
            return false;
        };
        if asks.len() >= MAX_ENTRIES {
            asks.retain(|_, (since, _)| now - *since < TTL);
        }
        let (since, count) = asks.entry(unit).or_insert((now, 0));
        if now - *since >= TTL || *since > now {
            *since = now;
            *count = 0;
        }
        *count += 1;
        *count >= HOT_PEOPLE_ASKS
    }

    /// The lock that makes a unit's load of `what` single-flight: the
    /// parts of a page asking at once wait for one read.
    pub(crate) fn load_lock(&self, unit: UnitId, what: Load) -> LoadLock {
        match self.loads.lock() {
            Ok(mut locks) => {
                if locks.len() >= MAX_ENTRIES {
                    locks.retain(|_, l| Arc::strong_count(l) > 1);
                }
                locks.entry((unit, what)).or_default().clone()
            }
            Err(_) => Arc::default(),
        }
    }

    pub(crate) fn people_epoch(&self) -> u64 {
        self.people_epoch.load(Ordering::SeqCst)
    }
    /// Keeps a list read when the epoch was `epoch`, unless people changed since.
    pub(crate) fn put_people(
        &self,
        unit: UnitId,
        people: Arc<Vec<(String, Person)>>,
        epoch: u64,
        now: DateTime<Utc>,
    ) {
        if self.people_epoch() == epoch {
            self.people.put(unit, people, now);
        }
    }
    /// A person of `unit` was added or changed.
    pub(crate) fn people_changed(&self, unit: UnitId) {
        self.people_epoch.fetch_add(1, Ordering::SeqCst);
        self.people.remove(&unit);
    }

    /// Everything (the demo was loaded).
    pub(crate) fn clear(&self) {
        self.people.clear();
        if let Ok(mut asks) = self.people_asks.lock() {
            asks.clear();
        }
        self.units.clear();
        self.structures.clear();
        self.subtrees.clear();
        self.sessions.clear();
        self.tokens.clear();
        self.figures.clear();
    }
}
