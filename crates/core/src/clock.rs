//! The clock is a parameter: production reads the system time, tests fix it.

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// Where "now" comes from.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // the one place that reads the system time
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until told to move (tests).
#[derive(Debug)]
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Mutex::new(at))
    }

    /// 21/11/2026 08:00 in Vietnam.
    pub fn demo() -> Self {
        Self::new(DateTime::from_timestamp(1_795_222_800, 0).unwrap_or_default())
    }

    pub fn advance(&self, by: Duration) {
        if let Ok(mut at) = self.0.lock() {
            *at += by;
        }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0.lock().map(|at| *at).unwrap_or_default()
    }
}
