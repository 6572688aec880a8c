//! Slowing a flood from one sender without knowing who it is: the web layer
//! hands over an opaque key (a keyed hash of the address, the key changing
//! with every start of the server), and this counts recent attempts per key
//! in memory only. Nothing here is written anywhere.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// Recent attempts per opaque key.
#[derive(Debug, Default)]
pub(crate) struct FloodGate {
    attempts: Mutex<HashMap<String, Vec<DateTime<Utc>>>>,
}

impl FloodGate {
    /// Counts an attempt of `key` at `now`, and whether it is within `limit`
    /// attempts in `window`. Without a key (no address known) everything
    /// passes: the slow receipt hash still bounds the rate.
    pub(crate) fn allow(
        &self,
        key: Option<&str>,
        now: DateTime<Utc>,
        limit: usize,
        window: Duration,
    ) -> bool {
        let Some(key) = key else { return true };
        let Ok(mut map) = self.attempts.lock() else {
            return true;
        };
        if map.len() > 50_000 {
            map.retain(|_, list| list.iter().any(|t| now - *t < window));
        }
        let list = map.entry(key.to_owned()).or_default();
        list.retain(|t| now - *t < window);
        if list.len() >= limit {
            return false;
        }
        list.push(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sender_is_slowed_and_others_are_not() {
        let gate = FloodGate::default();
        let at = DateTime::from_timestamp(1_795_222_800, 0).expect("time");
        let w = Duration::minutes(10);
        for _ in 0..3 {
            assert!(gate.allow(Some("a"), at, 3, w));
        }
        assert!(!gate.allow(Some("a"), at, 3, w), "the fourth is refused");
        assert!(gate.allow(Some("b"), at, 3, w), "another sender passes");
        assert!(gate.allow(Some("a"), at + w, 3, w), "after the window");
        assert!(gate.allow(None, at, 0, w), "no key, no limit");
    }
}
