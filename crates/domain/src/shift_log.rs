//! The gate's shift log (sổ trực ban, giao ca): a guard takes over a
//! shift (from whom, what was handed over), records what happens with its
//! time, and hands over with notes for the next guard. What was written is
//! never edited; the office may annotate it.

use chrono::{DateTime, Duration, Utc};

use crate::{CampusId, ErrorCode, PersonId, ShiftLogId, UnitId, ValidationErrors};

/// A shift as logged at a campus's gate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShiftLog {
    pub id: ShiftLogId,
    pub unit_id: UnitId,
    pub campus_id: CampusId,
    pub guard_id: Option<PersonId>,
    /// Who took over (the account's name as shown).
    pub guard_name: String,
    /// The username of the account that took over.
    pub account: String,
    pub started_at: DateTime<Utc>,
    /// Who handed over to them.
    pub taken_from: String,
    /// What was handed over: keys, equipment, what is pending.
    pub received: String,
    pub ended_at: Option<DateTime<Utc>>,
    /// Notes for the next guard.
    pub handover_notes: Option<String>,
}

impl ShiftLog {
    pub fn is_open(&self) -> bool {
        self.ended_at.is_none()
    }
}

/// One thing recorded during a shift.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    pub id: i64,
    pub log_id: ShiftLogId,
    /// When it happened (as the phone said, for one written offline).
    pub at: DateTime<Utc>,
    pub text: String,
    /// The office's note on it, with who wrote it.
    pub annotation: Option<String>,
}

/// How far in the past a phone may date an entry sent after it was offline.
pub const OFFLINE_GRACE_HOURS: i64 = 12;
/// A phone's clock may run this far ahead of the server's.
pub const CLOCK_SKEW_MINUTES: i64 = 5;

/// The text of an entry or a note: trimmed, not empty, at most 2,000
/// characters.
pub fn entry_text(text: &str, field: &'static str) -> Result<String, ValidationErrors> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ValidationErrors::single(field, ErrorCode::Required));
    }
    if text.chars().count() > 2_000 {
        return Err(ValidationErrors::single(field, ErrorCode::TooLong));
    }
    Ok(text.to_owned())
}

/// When an entry happened, as sent: none means now; a time ahead of the
/// server's clock, before the shift began or long past is refused.
pub fn entry_time(
    sent: Option<DateTime<Utc>>,
    started: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, ValidationErrors> {
    let Some(at) = sent else {
        return Ok(now);
    };
    if at > now + Duration::minutes(CLOCK_SKEW_MINUTES) {
        return Err(ValidationErrors::single("at", ErrorCode::InFuture));
    }
    if at < started || at < now - Duration::hours(OFFLINE_GRACE_HOURS) {
        return Err(ValidationErrors::single("at", ErrorCode::OutsideShift));
    }
    Ok(at.min(now))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_dated_within_its_shift_and_never_ahead() {
        let now = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).expect("time");
        let started = now - Duration::hours(3);
        assert_eq!(entry_time(None, started, now), Ok(now));
        let offline = now - Duration::minutes(40);
        assert_eq!(entry_time(Some(offline), started, now), Ok(offline));
        // A phone a minute fast is taken as now.
        assert_eq!(
            entry_time(Some(now + Duration::minutes(1)), started, now),
            Ok(now)
        );
        assert!(entry_time(Some(now + Duration::hours(1)), started, now).is_err());
        assert!(entry_time(Some(started - Duration::minutes(1)), started, now).is_err());
        assert!(entry_text("  ", "text").is_err());
        assert_eq!(
            entry_text(" Xe tải giao hàng ", "text").as_deref(),
            Ok("Xe tải giao hàng")
        );
    }
}
