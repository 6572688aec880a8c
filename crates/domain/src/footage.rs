//! Camera footage an incident needs: which camera, from when to when, the
//! day the recorder writes over it, and who copied it and keeps it until
//! when. Footage not yet copied is at risk in the days before it is
//! written over.

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::time::{local_date, parse_date, parse_local_time};
use crate::{EquipmentId, ErrorCode, FootageId, IncidentId, ValidationErrors, text};

/// Days a recorder keeps its footage when the form does not say: the
/// common setting of the recorders schools buy (a month of a 2 TB disk).
pub const DEFAULT_KEPT_DAYS: u64 = 30;
/// Footage not yet copied is flagged this many days before it is written
/// over.
pub const WARNING_DAYS: u64 = 3;
/// The longest stretch one citation covers.
const MAX_HOURS: i64 = 24;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Footage {
    pub id: FootageId,
    pub incident_id: IncidentId,
    /// The camera (or the recorder) it was recorded by.
    pub equipment_id: EquipmentId,
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    /// The day the recorder writes over it.
    pub overwritten_on: NaiveDate,
    pub note: String,
    /// Who copied it off the recorder (none: not yet).
    pub copied_by: Option<String>,
    pub copied_on: Option<NaiveDate>,
    /// Until when the copy is kept.
    pub kept_until: Option<NaiveDate>,
    pub recorded_by: String,
}

impl Footage {
    /// Not yet copied, and written over within [`WARNING_DAYS`] (or
    /// already).
    pub fn at_risk(&self, today: NaiveDate) -> bool {
        self.copied_by.is_none()
            && today
                .checked_add_days(Days::new(WARNING_DAYS))
                .is_none_or(|d| self.overwritten_on <= d)
    }

    /// Written over before anyone copied it.
    pub fn lost(&self, today: NaiveDate) -> bool {
        self.copied_by.is_none() && self.overwritten_on < today
    }
}

/// A citation as the form sends it.
#[derive(Clone, Copy, Debug, Default)]
pub struct FootageText<'a> {
    pub from: &'a str,
    pub until: &'a str,
    /// Blank: [`DEFAULT_KEPT_DAYS`] after the day of `from`.
    pub overwritten_on: &'a str,
    pub note: &'a str,
}

impl Footage {
    /// Reads a citation of `camera`'s footage for `incident`; `now` bounds
    /// the times (footage is of the past).
    pub fn parse(
        incident: IncidentId,
        camera: EquipmentId,
        t: &FootageText<'_>,
        now: DateTime<Utc>,
        by: &str,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let from = parse_local_time(t.from);
        let until = parse_local_time(t.until);
        match (from, until) {
            (None, _) => errors.add("from", ErrorCode::InvalidDate),
            (Some(f), _) if f > now => errors.add("from", ErrorCode::InFuture),
            (_, None) => errors.add("until", ErrorCode::InvalidDate),
            (Some(f), Some(u)) if u <= f => errors.add("until", ErrorCode::EndsBeforeStart),
            (Some(f), Some(u)) if (u - f).num_hours() >= MAX_HOURS => {
                errors.add("until", ErrorCode::AboveMaximum);
            }
            _ => {}
        }
        let overwritten_on = match (t.overwritten_on.trim(), from) {
            ("", Some(f)) => local_date(f).checked_add_days(Days::new(DEFAULT_KEPT_DAYS)),
            ("", None) => None,
            (d, _) => {
                let day = parse_date(d);
                if day.is_none() {
                    errors.add("overwritten_on", ErrorCode::InvalidDate);
                }
                day.filter(|d| {
                    let before = from.is_some_and(|f| *d < local_date(f));
                    if before {
                        errors.add("overwritten_on", ErrorCode::EndsBeforeStart);
                    }
                    !before
                })
            }
        };
        let note = errors
            .check(text::optional("note", Some(t.note), 500))
            .flatten();
        match (from, until, overwritten_on) {
            (Some(from), Some(until), Some(overwritten_on)) if errors.is_empty() => Ok(Self {
                id: FootageId::new_v7(),
                incident_id: incident,
                equipment_id: camera,
                from,
                until,
                overwritten_on,
                note: note.unwrap_or_default(),
                copied_by: None,
                copied_on: None,
                kept_until: None,
                recorded_by: by.to_owned(),
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::vietnam_instant;

    fn at(text: &str) -> DateTime<Utc> {
        parse_local_time(text).unwrap()
    }

    #[test]
    fn footage_is_of_the_past_in_order_and_written_over_a_month_later_unless_said() {
        let now = vietnam_instant(
            NaiveDate::from_ymd_opt(2026, 11, 21)
                .unwrap()
                .and_hms_opt(8, 0, 0)
                .unwrap(),
        );
        let (i, c) = (IncidentId::new_v7(), EquipmentId::new_v7());
        let t = FootageText {
            from: "2026-11-18T21:30",
            until: "2026-11-18T22:10",
            ..FootageText::default()
        };
        let f = Footage::parse(i, c, &t, now, "ctsv").unwrap();
        assert_eq!(f.from, at("2026-11-18T21:30"));
        assert_eq!(
            f.overwritten_on,
            NaiveDate::from_ymd_opt(2026, 12, 18).unwrap()
        );
        let today = local_date(now);
        assert!(!f.at_risk(today));
        let soon = Footage {
            overwritten_on: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            ..f.clone()
        };
        assert!(soon.at_risk(today) && !soon.lost(today));
        let copied = Footage {
            copied_by: Some("Bảo vệ".into()),
            ..soon
        };
        assert!(!copied.at_risk(today));
        for (from, until, over, field) in [
            ("2026-11-22T10:00", "2026-11-22T11:00", "", "from"),
            ("2026-11-18T22:00", "2026-11-18T21:00", "", "until"),
            ("2026-11-17T08:00", "2026-11-18T09:00", "", "until"),
            (
                "2026-11-18T21:30",
                "2026-11-18T22:00",
                "2026-11-01",
                "overwritten_on",
            ),
            ("hôm qua", "2026-11-18T22:00", "", "from"),
        ] {
            let t = FootageText {
                from,
                until,
                overwritten_on: over,
                note: "",
            };
            let e = Footage::parse(i, c, &t, now, "ctsv").unwrap_err();
            assert!(e.has(field), "{field}: {e:?}");
        }
    }
}
