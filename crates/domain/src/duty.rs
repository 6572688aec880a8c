//! Guard duty (trực bảo vệ): the posts of a campus and their shifts, the
//! guards who stand them, and a month's roster.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    CampusId, DutyEventId, DutyPostId, ErrorCode, PersonId, RosterId, SwapId, TeamId, UnitId,
    ValidationErrors, code_enum,
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

code_enum!(
    /// What a guard asks of a day of the coming month.
    WishKind {
        /// Would rather not work (kept where the roster can).
        Undesired => "undesired",
        /// Cannot work (never put on a shift).
        Unavailable => "unavailable",
        /// On annual leave (never put on a shift).
        Leave => "leave",
    }
);

impl WishKind {
    /// Whether the roster may never put the guard on the day.
    pub fn binds(self) -> bool {
        !matches!(self, Self::Undesired)
    }
}

code_enum!(
    /// Where a request to have a shift stood by another stands.
    SwapState {
        /// Asked by the guard of the shift; the other has not answered.
        Asked => "asked",
        /// The other guard agreed; the office decides.
        Agreed => "agreed",
        /// The office approved: the roster changed.
        Approved => "approved",
        /// The other guard said no.
        Declined => "declined",
        /// The office said no.
        Refused => "refused",
        /// The guard who asked took it back.
        Withdrawn => "withdrawn",
    }
);

impl SwapState {
    /// Still waiting for someone.
    pub fn open(self) -> bool {
        matches!(self, Self::Asked | Self::Agreed)
    }
}

/// A guard asks another to stand one of their shifts of a published
/// roster (đổi ca, nhờ trực thay): the other agrees, the office approves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SwapRequest {
    pub id: SwapId,
    pub unit_id: UnitId,
    /// The roster's month (its first day) and the shift's number in it.
    pub month: NaiveDate,
    pub shift: i64,
    pub from: PersonId,
    pub to: PersonId,
    pub reason: String,
    pub state: SwapState,
    pub asked_at: DateTime<Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// A guard's wish for one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DutyWish {
    pub person_id: PersonId,
    pub day: NaiveDate,
    pub kind: WishKind,
    pub note: String,
}

/// Guards send their wishes for a month until the end of this day of the
/// month before.
pub const WISHES_CLOSE_DAY: u32 = 20;

/// The last day guards send wishes for the month starting on `first`.
pub fn wishes_close(first: NaiveDate) -> NaiveDate {
    let before = first - Duration::days(1);
    before.with_day(WISHES_CLOSE_DAY).unwrap_or(before)
}

/// The days an event of reinforcement covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventDays {
    /// Every public holiday and day of Tết (computed each year).
    Holidays,
    /// From `first` to `last`, both included (exams, the opening
    /// ceremony, the "Ngày hội toàn dân bảo vệ ANTQ").
    Range { first: NaiveDate, last: NaiveDate },
}

/// Days of reinforcement (tăng cường): extra shifts at a post that the
/// guards or the members of a team (the self-defence platoon) stand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DutyEvent {
    pub id: DutyEventId,
    pub unit_id: UnitId,
    pub name: String,
    pub days: EventDays,
    pub post_id: DutyPostId,
    pub shifts: Vec<ShiftPattern>,
    /// Whose members reinforce the guards.
    pub team_id: Option<TeamId>,
    pub created_at: DateTime<Utc>,
}

impl DutyEvent {
    /// Whether the event covers `day`.
    pub fn on(&self, day: NaiveDate) -> bool {
        match self.days {
            EventDays::Holidays => crate::holiday::holiday_of(day).is_some(),
            EventDays::Range { first, last } => first <= day && day <= last,
        }
    }
}

/// An event as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DutyEventInput {
    pub name: String,
    pub days: EventDays,
    pub post_id: DutyPostId,
    pub shifts: Vec<ShiftPattern>,
    pub team_id: Option<TeamId>,
}

impl DutyEventInput {
    /// Reads the form: the days are every holiday, or from `first` to
    /// `last` (at most 31 days).
    pub fn parse(
        name: &str,
        holidays: bool,
        first: &str,
        last: &str,
        post_id: DutyPostId,
        shifts: &str,
        team_id: Option<TeamId>,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = checked_name(name, &mut errors);
        let days = if holidays {
            Some(EventDays::Holidays)
        } else {
            let day = |field: &'static str, text: &str, errors: &mut ValidationErrors| {
                match crate::time::parse_date(text.trim()) {
                    Some(d) if crate::time::TYPED_YEARS.contains(&d.year()) => Some(d),
                    Some(_) => {
                        errors.add(field, ErrorCode::InvalidDate);
                        None
                    }
                    None => {
                        errors.add(
                            field,
                            if text.trim().is_empty() {
                                ErrorCode::Required
                            } else {
                                ErrorCode::InvalidDate
                            },
                        );
                        None
                    }
                }
            };
            let first = day("first_day", first, &mut errors);
            let last = if last.trim().is_empty() {
                first
            } else {
                day("last_day", last, &mut errors)
            };
            match (first, last) {
                (Some(first), Some(last)) if last < first => {
                    errors.add("last_day", ErrorCode::EndsBeforeStart);
                    None
                }
                (Some(first), Some(last)) if (last - first).num_days() > 30 => {
                    errors.add("last_day", ErrorCode::TooLong);
                    None
                }
                (Some(first), Some(last)) => Some(EventDays::Range { first, last }),
                _ => None,
            }
        };
        let patterns = parse_patterns(shifts);
        if patterns.is_none() {
            errors.add("shifts", ErrorCode::Invalid);
        }
        errors.into_result()?;
        Ok(Self {
            name: name.to_owned(),
            days: days.unwrap_or(EventDays::Holidays),
            post_id,
            shifts: patterns.unwrap_or_default(),
            team_id,
        })
    }
}

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
        let name = checked_name(name, &mut errors);
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

/// A post's or an event's name, trimmed: required, at most 120 letters.
fn checked_name<'a>(name: &'a str, errors: &mut ValidationErrors) -> &'a str {
    let name = name.trim();
    if name.is_empty() {
        errors.add("name", ErrorCode::Required);
    } else if name.chars().count() > 120 {
        errors.add("name", ErrorCode::TooLong);
    }
    name
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
    /// A member of a team that reinforces the guards on events, not a
    /// guard: stands only reinforcement shifts.
    pub reinforcement: bool,
    /// The working hours a week of the guard's labour contract (40, 44,
    /// 48), if the office entered them: the month's hours beyond what they
    /// come to are overtime.
    pub weekly_hours: Option<u8>,
}

/// The most a contract may set as normal hours a week (Bộ luật Lao động
/// 2019, Điều 105 khoản 1: 48).
pub const MAX_WEEKLY_HOURS: u8 = 48;

/// The hours a contract of `weekly` hours covers in the month of `first`:
/// the weekly hours over the month's days (`weekly × days ÷ 7`, rounded
/// down), less a normal day's 8 hours for each day of paid leave.
pub fn contracted_hours(weekly: u8, first: NaiveDate, leave_days: usize) -> i64 {
    let days = i64::try_from(days_of_month(first).count()).unwrap_or(31);
    let leave = i64::try_from(leave_days).unwrap_or(0);
    (i64::from(weekly) * days / 7 - 8 * leave).max(0)
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
    /// An extra shift of an event of reinforcement.
    #[serde(default)]
    pub reinforcement: bool,
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

/// The shifts the posts need over a month, with the extra shifts of the
/// events of reinforcement, in order of start, then post.
pub fn month_shifts(
    posts: &[DutyPost],
    events: &[DutyEvent],
    first: NaiveDate,
) -> Vec<RosterShift> {
    let mut out = Vec::new();
    let mut add = |p: &DutyPost, s: &ShiftPattern, day: NaiveDate, reinforcement: bool| {
        let start = day.and_time(s.start);
        for _ in 0..s.guards {
            out.push(RosterShift {
                id: 0,
                post_id: p.id,
                campus_id: p.campus_id,
                start,
                end: start + Duration::hours(i64::from(s.hours)),
                hours: s.hours,
                skill: if reinforcement { None } else { p.skill },
                guard: None,
                fixed: false,
                reinforcement,
            });
        }
    };
    for day in days_of_month(first) {
        for p in posts {
            for s in &p.shifts {
                add(p, s, day, false);
            }
        }
        for e in events.iter().filter(|e| e.on(day)) {
            if let Some(p) = posts.iter().find(|p| p.id == e.post_id) {
                for s in &e.shifts {
                    add(p, s, day, true);
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
            reinforcement: false,
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
    fn a_contract_covers_its_weekly_hours_over_the_month() {
        let dec = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let feb = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
        // 48 × 31 ÷ 7 = 212.57; 44 × 28 ÷ 7 = 176 exactly.
        assert_eq!(contracted_hours(48, dec, 0), 212);
        assert_eq!(contracted_hours(44, feb, 0), 176);
        // Three days of leave are three normal days worked.
        assert_eq!(contracted_hours(44, feb, 3), 152);
        assert_eq!(contracted_hours(8, feb, 30), 0);
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
        let shifts = month_shifts(std::slice::from_ref(&post), &[], first);
        assert_eq!(shifts.len(), 93);
        assert_eq!(shifts[2].start, t("2026-12-01 22:00"));
        assert!(shifts[2].is_night() && !shifts[0].is_night());
        assert_eq!(shifts[92].end, t("2027-01-01 06:00"));

        // Reinforcement on every holiday of January 2027 (1/1 only) and on
        // the three days of an event: two extra guards 07:00–11:00.
        let event = |days| DutyEvent {
            id: DutyEventId::new_v7(),
            unit_id: post.unit_id,
            name: "Tăng cường".into(),
            days,
            post_id: post.id,
            shifts: parse_patterns("07:00 4 2").expect("reads"),
            team_id: None,
            created_at: DateTime::<Utc>::MIN_UTC,
        };
        let january = NaiveDate::from_ymd_opt(2027, 1, 1).expect("day");
        let events = [
            event(EventDays::Holidays),
            event(EventDays::Range {
                first: NaiveDate::from_ymd_opt(2027, 1, 11).expect("day"),
                last: NaiveDate::from_ymd_opt(2027, 1, 13).expect("day"),
            }),
        ];
        let shifts = month_shifts(std::slice::from_ref(&post), &events, january);
        let extra: Vec<&RosterShift> = shifts.iter().filter(|s| s.reinforcement).collect();
        assert_eq!(shifts.len(), 93 + 8);
        assert_eq!(extra.len(), 8);
        assert_eq!(extra[0].start, t("2027-01-01 07:00"));
        assert_eq!(extra[7].end, t("2027-01-13 11:00"));
    }

    #[test]
    fn wishes_close_on_the_twentieth_of_the_month_before() {
        let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).expect("day");
        assert_eq!(
            wishes_close(d(1, 1)),
            NaiveDate::from_ymd_opt(2026, 12, 20).expect("day")
        );
        assert_eq!(wishes_close(d(3, 1)), d(2, 20));
        assert!(WishKind::Leave.binds() && !WishKind::Undesired.binds());
    }

    #[test]
    fn an_event_reads_its_days_or_every_holiday() {
        let post = DutyPostId::new_v7();
        let e = DutyEventInput::parse(
            "Thi tốt nghiệp",
            false,
            "2027-06-10",
            "12/06/2027",
            post,
            "06:00 12 2",
            None,
        )
        .expect("reads");
        assert_eq!(
            e.days,
            EventDays::Range {
                first: NaiveDate::from_ymd_opt(2027, 6, 10).expect("day"),
                last: NaiveDate::from_ymd_opt(2027, 6, 12).expect("day"),
            }
        );
        let h = DutyEventInput::parse("Ngày lễ, tết", true, "", "", post, "07:00 4 2", None)
            .expect("reads");
        assert_eq!(h.days, EventDays::Holidays);
        let bad = DutyEventInput::parse("", false, "2027-06-12", "2027-06-10", post, "x", None)
            .expect_err("refused");
        assert_eq!(bad.for_field("name"), Some(ErrorCode::Required));
        assert_eq!(bad.for_field("last_day"), Some(ErrorCode::EndsBeforeStart));
        assert_eq!(bad.for_field("shifts"), Some(ErrorCode::Invalid));
        let long = DutyEventInput::parse(
            "Hè",
            false,
            "2027-06-01",
            "2027-07-15",
            post,
            "07:00 4",
            None,
        )
        .expect_err("refused");
        assert_eq!(long.for_field("last_day"), Some(ErrorCode::TooLong));
    }
}
