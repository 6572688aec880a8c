//! Failed logins counted per account, per client address and per device,
//! and the growing delay each count earns. Nothing here refuses the right
//! password for long: a count past its free allowance makes the next try
//! wait (2 s, 4 s, 8 s … at most 5 minutes), a success clears it, and a
//! browser that logged in to the account before carries a device token
//! that passes the account's and the address's delays (it has its own).
//! An officer of the unit can clear an account's delay at once (audited).
//!
//! The counts are kept in the memory of the process, per process.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// How many failures a kind of key is allowed before delays start, and the
/// longest delay it can earn.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub free: u32,
    pub longest: Duration,
}

/// An account: five wrong passwords, then growing delays.
pub const ACCOUNT: Rule = Rule {
    free: 5,
    longest: Duration::minutes(5),
};
/// A client address, which many people may share (a school's network, a
/// proxy without `trusted_proxies`): twenty, then growing delays.
pub const ADDRESS: Rule = Rule {
    free: 20,
    longest: Duration::minutes(5),
};
/// A device token: five, then growing delays, like its account.
pub const DEVICE: Rule = Rule {
    free: 5,
    longest: Duration::minutes(5),
};

/// The first delay, doubled for each failure past the allowance.
const FIRST_DELAY: Duration = Duration::seconds(2);
/// Failures older than this (counted from the last) are forgotten.
pub const FORGET_AFTER: Duration = Duration::minutes(15);
/// Keys kept at most; past it, forgotten ones are swept first.
const MOST_KEYS: usize = 50_000;

#[derive(Clone, Copy, Debug)]
struct Failures {
    count: u32,
    last: DateTime<Utc>,
}

impl Failures {
    /// The delay after the last failure before the key may try again.
    fn delay(self, rule: Rule) -> Duration {
        let Some(past) = self.count.checked_sub(rule.free) else {
            return Duration::zero();
        };
        // 2 s · 2^past, without overflow: 2^9 · 2 s is already past any cap.
        let doubled = FIRST_DELAY * (1i32 << past.min(9));
        doubled.min(rule.longest)
    }
}

/// The failed logins of the process.
#[derive(Debug, Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, Failures>>,
}

impl LoginThrottle {
    /// How long `key` must still wait under `rule`, if at all.
    pub fn wait(&self, key: &str, rule: Rule, now: DateTime<Utc>) -> Option<Duration> {
        let map = self.failures.lock().ok()?;
        let f = *map.get(key)?;
        if now - f.last >= FORGET_AFTER {
            return None;
        }
        let left = f.last + f.delay(rule) - now;
        (left > Duration::zero()).then_some(left)
    }

    /// Counts a failure of `key`.
    pub fn fail(&self, key: &str, now: DateTime<Utc>) {
        let Ok(mut map) = self.failures.lock() else {
            return;
        };
        if map.len() >= MOST_KEYS && !map.contains_key(key) {
            map.retain(|_, f| now - f.last < FORGET_AFTER);
            if map.len() >= MOST_KEYS {
                // A flood of new keys: the oldest are dropped, never the
                // map's bound.
                if let Some(oldest) = map
                    .iter()
                    .min_by_key(|(_, f)| f.last)
                    .map(|(k, _)| k.clone())
                {
                    map.remove(&oldest);
                }
            }
        }
        let entry = map.entry(key.to_owned()).or_insert(Failures {
            count: 0,
            last: now,
        });
        if now - entry.last >= FORGET_AFTER {
            entry.count = 0;
        }
        entry.count = entry.count.saturating_add(1);
        entry.last = now;
    }

    /// Forgets the failures of `key`.
    pub fn clear(&self, key: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(key);
        }
    }

    /// The failures of `key` still remembered, and when the last was.
    pub fn failures(&self, key: &str, now: DateTime<Utc>) -> Option<(u32, DateTime<Utc>)> {
        let map = self.failures.lock().ok()?;
        let f = map.get(key)?;
        (now - f.last < FORGET_AFTER).then_some((f.count, f.last))
    }
}

/// The key of an account, of a client address, of a device token.
pub fn account_key(username: &str) -> String {
    format!("u:{}", username.trim().to_lowercase())
}

pub fn address_key(address: &str) -> String {
    format!("a:{address}")
}

pub fn device_key(device: &str) -> String {
    format!("d:{device}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000 + seconds, 0).unwrap()
    }

    #[test]
    fn delays_start_after_the_allowance_grow_and_stop_at_the_cap() {
        let t = LoginThrottle::default();
        for i in 0..5 {
            assert_eq!(t.wait("u:a", ACCOUNT, at(i)), None, "free failure {i}");
            t.fail("u:a", at(i));
        }
        // Five failures: the next try waits 2 s after the fifth.
        assert_eq!(t.wait("u:a", ACCOUNT, at(4)), Some(Duration::seconds(2)));
        assert_eq!(t.wait("u:a", ACCOUNT, at(6)), None);
        t.fail("u:a", at(6));
        assert_eq!(t.wait("u:a", ACCOUNT, at(6)), Some(Duration::seconds(4)));
        let mut now = 6;
        for _ in 0..20 {
            now += 400;
            t.fail("u:a", at(now));
        }
        // However many, never more than five minutes.
        assert_eq!(t.wait("u:a", ACCOUNT, at(now)), Some(Duration::minutes(5)));
        // Quiet for fifteen minutes: forgotten.
        assert_eq!(t.wait("u:a", ACCOUNT, at(now + 900)), None);
        t.fail("u:a", at(now + 900));
        assert_eq!(t.failures("u:a", at(now + 900)).map(|f| f.0), Some(1));
        t.clear("u:a");
        assert_eq!(t.failures("u:a", at(now + 900)), None);
    }

    #[test]
    fn a_flood_of_new_keys_keeps_the_map_bounded() {
        let t = LoginThrottle::default();
        for i in 0..(MOST_KEYS + 100) {
            t.fail(&format!("a:{i}"), at(1));
        }
        assert!(t.failures.lock().unwrap().len() <= MOST_KEYS);
    }
}
