//! Guard duty (trực bảo vệ): the posts of a campus and their shifts, the
//! guards who stand them, and a month's roster.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    CampusId, DutyPostId, ErrorCode, PersonId, RosterId, UnitId, ValidationErrors, code_enum,
};

code_enum!(
    /// A skill a post may need.
    Skill {
        /// Trực khu nội trú.
        Dormitory => "dorm",
        /// Đội PCCC cơ sở.
        FireTeam => "fire_team",
        /// Sơ cứu.
        FirstAid => "first_aid",
    }
);

code_enum!(
    /// Where a month's roster stands.
    RosterState {
        /// Being made: generated, changed by hand, not yet shown to guards.
        Draft => "draft",
        /// Published: every guard sees their shifts.
        Published => "published",
    }
);

/// One shift of a post's day: it starts at `start` and lasts `hours`,
/// stood by `guards` guards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftPattern {
    pub start: NaiveTime,
    pub hours: u32,
    pub guards: u32,
}

/// A post (vị trí trực) of a campus: the main gate, the dormitory, the
/// night patrol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DutyPost {
    pub id: DutyPostId,
    pub unit_id: UnitId,
    pub campus_id: CampusId,
    pub name: String,
    pub skill: Option<Skill>,
    pub shifts: Vec<ShiftPattern>,
    pub created_at: DateTime<Utc>,
}

/// A post as typed: its name, the skill it needs and its shifts as
/// "06:00 8 1; 14:00 8 1; 22:00 8 1" (start, hours, guards).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DutyPostInput {
    pub campus_id: CampusId,
    pub name: String,
    pub skill: Option<Skill>,
    pub shifts: Vec<ShiftPattern>,
}

impl DutyPostInput {
    pub fn parse(
        campus_id: CampusId,
        name: &str,
        skill: &str,
        shifts: &str,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = name.trim();
        if name.is_empty() {
            errors.add("name", ErrorCode::Required);
        } else if name.chars().count() > 120 {
            errors.add("name", ErrorCode::TooLong);
        }
        let skill = match skill.trim() {
            "" => None,
            code => Skill::parse(code).or_else(|| {
                errors.add("skill", ErrorCode::Invalid);
                None
            }),
        };
        let patterns = parse_patterns(shifts);
        if patterns.is_none() {
            errors.add("shifts", ErrorCode::Invalid);
        }
        errors.into_result()?;
        Ok(Self {
            campus_id,
            name: name.to_owned(),
            skill,
            shifts: patterns.unwrap_or_default(),
        })
    }
}

/// "06:00 8 1; 14:00 8 1": one shift or more, each lasting 1 to 24 hours
/// with 1 to 20 guards; `None` when anything does not read.
pub fn parse_patterns(text: &str) -> Option<Vec<ShiftPattern>> {
    let mut out = Vec::new();
    for part in text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let mut words = part.split_whitespace();
        let start = NaiveTime::parse_from_str(words.next()?, "%H:%M").ok()?;
        let hours: u32 = words.next()?.parse().ok()?;
        let guards: u32 = words.next().map_or(Some(1), |w| w.parse().ok())?;
        if words.next().is_some() || !(1..=24).contains(&hours) || !(1..=20).contains(&guards) {
            return None;
        }
        out.push(ShiftPattern {
            start,
            hours,
            guards,
        });
    }
    (!out.is_empty()).then_some(out)
}

/// The patterns as typed back: "06:00 8 1; 14:00 8 1".
pub fn patterns_text(shifts: &[ShiftPattern]) -> String {
    shifts
        .iter()
        .map(|p| format!("{} {} {}", p.start.format("%H:%M"), p.hours, p.guards))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A guard of the unit: a person on the guard force, their home campus and
/// skills.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DutyGuard {
    pub person_id: PersonId,
    pub full_name: String,
    pub campus_id: CampusId,
    pub skills: Vec<Skill>,
}

/// One shift of a month's roster, with the guard standing it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterShift {
    /// The shift's number in the roster (its order by start, then post).
    pub id: i64,
    pub post_id: DutyPostId,
    pub campus_id: CampusId,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub hours: u32,
    pub skill: Option<Skill>,
    pub guard: Option<PersonId>,
    /// Put there by the office by hand: a generation keeps it.
    #[serde(default)]
    pub fixed: bool,
}

impl RosterShift {
    /// Minutes of the shift between 22:00 and 06:00 (Labour Code 2019,
    /// Điều 106: night work), paid with the night allowance.
    pub fn night_minutes(&self) -> i64 {
        night_minutes(self.start, self.end)
    }

    /// Minutes of the shift that fall on a public holiday (Labour Code 2019
    /// Art. 112; work on it is paid at least 300 %, Art. 98).
    pub fn holiday_minutes(&self) -> i64 {
        let mut total = 0;
        let mut at = self.start;
        while at < self.end {
            let midnight = (at.date() + Duration::days(1))
                .and_hms_opt(0, 0, 0)
                .unwrap_or(self.end);
            let until = midnight.min(self.end);
            if crate::holiday::holiday_of(at.date()).is_some() {
                total += (until - at).num_minutes();
            }
            at = until;
        }
        total
    }

    /// Starts at 22:00 or later, or before 06:00: a night shift.
    pub fn is_night(&self) -> bool {
        let h = self.start.hour();
        !(6..22).contains(&h)
    }
}

/// Minutes between `start` and `end` that fall between 22:00 and 06:00.
pub fn night_minutes(start: NaiveDateTime, end: NaiveDateTime) -> i64 {
    let mut total = 0;
    let mut day = start.date() - Duration::days(1);
    while day <= end.date() {
        let from = day.and_hms_opt(22, 0, 0).unwrap_or_default();
        let until = from + Duration::hours(8);
        let (a, b) = (from.max(start), until.min(end));
        if b > a {
            total += (b - a).num_minutes();
        }
        day += Duration::days(1);
    }
    total
}

/// A month's roster of a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roster {
    pub id: RosterId,
    pub unit_id: UnitId,
    /// The first day of the month.
    pub month: NaiveDate,
    pub state: RosterState,
    pub shifts: Vec<RosterShift>,
    pub published_at: Option<DateTime<Utc>>,
    pub published_by: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// The first day of the month of `day`.
pub fn month_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// The days of the month starting on `first`.
pub fn days_of_month(first: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    first
        .iter_days()
        .take_while(move |d| d.month() == first.month())
}

/// The shifts the posts need over a month, in order of start, then post.
pub fn month_shifts(posts: &[DutyPost], first: NaiveDate) -> Vec<RosterShift> {
    let mut out = Vec::new();
    for day in days_of_month(first) {
        for p in posts {
            for s in &p.shifts {
                let start = day.and_time(s.start);
                for _ in 0..s.guards {
                    out.push(RosterShift {
                        id: 0,
                        post_id: p.id,
                        campus_id: p.campus_id,
                        start,
                        end: start + Duration::hours(i64::from(s.hours)),
                        hours: s.hours,
                        skill: p.skill,
                        guard: None,
                        fixed: false,
                    });
                }
            }
        }
    }
    out.sort_by_key(|s| s.start);
    for (i, s) in (0_i64..).zip(out.iter_mut()) {
        s.id = i;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("time")
    }

    #[test]
    fn hours_on_a_public_holiday_are_counted_to_the_minute() {
        let shift = |start: &str, end: &str| RosterShift {
            id: 1,
            post_id: DutyPostId::new_v7(),
            campus_id: CampusId::new_v7(),
            start: t(start),
            end: t(end),
            hours: 8,
            skill: None,
            guard: None,
            fixed: false,
        };
        // Into 24/11 (Ngày Văn hóa Việt Nam from 2026): the six hours after
        // midnight; out of Giỗ Tổ 2026 (26/4): the two before.
        assert_eq!(
            shift("2026-11-23 22:00", "2026-11-24 06:00").holiday_minutes(),
            360
        );
        assert_eq!(
            shift("2026-11-24 14:00", "2026-11-24 22:00").holiday_minutes(),
            480
        );
        assert_eq!(
            shift("2026-04-26 22:00", "2026-04-27 06:00").holiday_minutes(),
            120
        );
        assert_eq!(
            shift("2026-11-25 06:00", "2026-11-25 14:00").holiday_minutes(),
            0
        );
    }

    #[test]
    fn patterns_read_as_typed_and_refuse_the_rest() {
        let p = parse_patterns("06:00 8 1; 14:00 8; 22:00 8 2").expect("reads");
        assert_eq!(p.len(), 3);
        assert_eq!(p[2].guards, 2);
        assert_eq!(p[1].guards, 1);
        assert_eq!(patterns_text(&p), "06:00 8 1; 14:00 8 1; 22:00 8 2");
        for bad in [
            "",
            "6h 8",
            "06:00 0",
            "06:00 25",
            "06:00 8 1 x",
            "06:00 8 0",
        ] {
            assert_eq!(parse_patterns(bad), None, "{bad}");
        }
    }

    #[test]
    fn night_hours_are_those_between_22_and_6() {
        assert_eq!(
            night_minutes(t("2026-12-01 22:00"), t("2026-12-02 06:00")),
            480
        );
        assert_eq!(
            night_minutes(t("2026-12-01 18:00"), t("2026-12-01 22:00")),
            0
        );
        assert_eq!(
            night_minutes(t("2026-12-01 18:00"), t("2026-12-02 06:00")),
            480
        );
        assert_eq!(
            night_minutes(t("2026-12-01 02:00"), t("2026-12-01 10:00")),
            240
        );
        assert_eq!(
            night_minutes(t("2026-12-01 06:00"), t("2026-12-01 14:00")),
            0
        );
    }

    #[test]
    fn a_month_of_three_shifts_a_day_has_three_per_day() {
        let post = DutyPost {
            id: DutyPostId::new_v7(),
            unit_id: UnitId::new_v7(),
            campus_id: CampusId::new_v7(),
            name: "Cổng chính".into(),
            skill: None,
            shifts: parse_patterns("06:00 8 1; 14:00 8 1; 22:00 8 1").expect("reads"),
            created_at: DateTime::<Utc>::MIN_UTC,
        };
        let first = NaiveDate::from_ymd_opt(2026, 12, 1).expect("day");
        let shifts = month_shifts(&[post], first);
        assert_eq!(shifts.len(), 93);
        assert_eq!(shifts[2].start, t("2026-12-01 22:00"));
        assert!(shifts[2].is_night() && !shifts[0].is_night());
        assert_eq!(shifts[92].end, t("2027-01-01 06:00"));
    }
}
