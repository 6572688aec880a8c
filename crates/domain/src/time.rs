//! Time zone and date formats. Instants are UTC; Vietnam has kept UTC+7
//! without daylight saving since 1975, so a fixed offset is exact for every
//! date this product handles.

use std::fmt;

use chrono::{
    DateTime, Datelike, Days, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc,
};

/// Asia/Ho_Chi_Minh.
pub const VIETNAM: FixedOffset = match FixedOffset::east_opt(7 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+7 is a valid offset"),
};

/// Asia/Ho_Chi_Minh.
pub const fn vietnam() -> FixedOffset {
    VIETNAM
}

/// The instant of a wall-clock time in Vietnam.
pub fn vietnam_instant(at: NaiveDateTime) -> DateTime<Utc> {
    // A fixed offset maps every local time to exactly one instant.
    (at - chrono::Duration::hours(7)).and_utc()
}

/// The wall-clock time in Vietnam at instant `at`.
pub fn local_time(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&VIETNAM).naive_local()
}

/// An instant as a `datetime-local` field shows it, in Vietnam's time
/// ("2026-11-21T21:30").
pub fn input_time(at: DateTime<Utc>) -> String {
    let t = local_time(at);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// The instant a day begins in Vietnam (00:00 local time).
pub fn start_of_day(day: NaiveDate) -> DateTime<Utc> {
    vietnam_instant(day.and_time(NaiveTime::MIN))
}

/// A time typed by a person in Vietnam's time: a phone's date-time picker
/// ("2026-11-21T21:30"), "21/11/2026 21:30", "21/11/2026 21h30", "21/11/2026
/// 21h", or a day alone (its midnight).
pub fn parse_local_time(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%d/%m/%Y %H:%M",
        "%d/%m/%Y %Hh%M",
        "%d/%m/%Y %Hh",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    .or_else(|| parse_date(text).map(|d| d.and_time(NaiveTime::MIN)))
    .filter(|t| (MovementYear::FIRST - 1..=MovementYear::LAST + 1).contains(&t.year()))
    .map(vietnam_instant)
}

/// A movement year: from 16 November of the year before to 15 November,
/// named by the year it ends in (16/11/2025–15/11/2026 is 2026). Every
/// plan, session, tip and figure belongs to one. Only years from
/// [`MovementYear::FIRST`] to [`MovementYear::LAST`] exist, so a year typed
/// in a request cannot reach date arithmetic out of range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MovementYear(i32);

impl MovementYear {
    /// The earliest year antt keeps.
    pub const FIRST: i32 = 2000;
    /// The latest year antt keeps.
    pub const LAST: i32 = 2100;

    /// The movement year ending in `year`, if it is within range.
    pub const fn new(year: i32) -> Option<Self> {
        if year >= Self::FIRST && year <= Self::LAST {
            Some(Self(year))
        } else {
            None
        }
    }

    /// The movement year of a year number already checked when it was
    /// recorded (a plan's, an assessment's): kept within the range antt
    /// keeps, so the days computed from it always exist.
    pub const fn saturating(year: i32) -> Self {
        if year < Self::FIRST {
            Self(Self::FIRST)
        } else if year > Self::LAST {
            Self(Self::LAST)
        } else {
            Self(year)
        }
    }

    /// A year typed in a form or a query ("2026").
    pub fn parse(text: &str) -> Option<Self> {
        text.trim().parse().ok().and_then(Self::new)
    }

    /// The movement year `day` belongs to (clamped to the range antt keeps).
    pub fn of(day: NaiveDate) -> Self {
        let year = if (day.month(), day.day()) > (11, 15) {
            day.year() + 1
        } else {
            day.year()
        };
        Self(year.clamp(Self::FIRST, Self::LAST))
    }

    /// The movement year of the day in Vietnam at instant `at`.
    pub fn at(at: DateTime<Utc>) -> Self {
        Self::of(local_date(at))
    }

    /// The year it is named by (the year it ends in).
    pub const fn number(self) -> i32 {
        self.0
    }

    /// 16/11 of the year before.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 - 1, 11, 16).unwrap_or(NaiveDate::MIN)
    }

    /// 15/11.
    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 11, 15).unwrap_or(NaiveDate::MAX)
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        (self.first_day()..=self.last_day()).contains(&day)
    }

    /// The instant it begins: 00:00 on 16/11 in Vietnam.
    pub fn starts_at(self) -> DateTime<Utc> {
        start_of_day(self.first_day())
    }

    /// The instant it is over: 00:00 on 16/11 in Vietnam, the first
    /// instant of the next year.
    pub fn ends_at(self) -> DateTime<Utc> {
        start_of_day(self.last_day() + Days::new(1))
    }

    /// Whether instant `at` falls within it.
    pub fn holds(self, at: DateTime<Utc>) -> bool {
        self.starts_at() <= at && at < self.ends_at()
    }

    /// Whether the year has closed by `now` (its last day, 15/11, is over):
    /// what it reported no longer changes.
    pub fn closed_by(self, now: DateTime<Utc>) -> bool {
        now >= self.ends_at()
    }

    /// The year before (the first stays the first).
    #[must_use]
    pub fn previous(self) -> Self {
        Self((self.0 - 1).max(Self::FIRST))
    }

    /// The year after (the last stays the last).
    #[must_use]
    pub fn next(self) -> Self {
        Self((self.0 + 1).min(Self::LAST))
    }
}

impl fmt::Display for MovementYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl serde::Serialize for MovementYear {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for MovementYear {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let year = i32::deserialize(d)?;
        Self::new(year).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "year {year} is outside {}–{}",
                Self::FIRST,
                Self::LAST
            ))
        })
    }
}

/// The calendar date in Vietnam at instant `at`.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&vietnam()).date_naive()
}

/// "05/01/2026". Written out by hand: lists format thousands of dates and
/// `format("%d/%m/%Y")` parses its pattern on every call.
pub fn format_date(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

/// A clock time typed as "8:00", "08:00" or "8h00"; `None` when it is not one.
pub fn parse_clock(text: &str) -> Option<NaiveTime> {
    let t = text.trim().to_lowercase().replace(['h', 'g'], ":");
    let t = t.trim_end_matches(':');
    NaiveTime::parse_from_str(t, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(&format!("{t}:00"), "%H:%M"))
        .ok()
}

/// A clock time as a paper writes it: "08 giờ 00 phút".
pub fn clock_in_words(t: NaiveTime) -> String {
    format!("{:02} giờ {:02} phút", t.hour(), t.minute())
}

/// An instant as an administrative paper writes when something happened:
/// "hồi 23 giờ 47 phút, ngày 25/9/2026" (Vietnam time, no leading zeros in
/// the day and month).
pub fn format_instant_in_words(at: DateTime<Utc>) -> String {
    let t = local_time(at);
    format!(
        "hồi {} giờ {:02} phút, ngày {}/{}/{}",
        t.hour(),
        t.minute(),
        t.day(),
        t.month(),
        t.year()
    )
}

/// An instant written as RFC 3339 (as the audit log keeps one), if the
/// text is one.
pub fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

/// "05/01/2026 14:30" in Vietnam time.
pub fn format_instant(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&vietnam());
    format!(
        "{} {:02}:{:02}",
        format_date(local.date_naive()),
        local.hour(),
        local.minute()
    )
}

/// "ngày 05 tháng 01 năm 2026", as administrative documents write it.
pub fn format_date_long(date: NaiveDate) -> String {
    date.format("ngày %d tháng %m năm %Y").to_string()
}

/// The years a typed date may fall in: birth dates from 1900, records up
/// to the last movement year antt keeps. A date outside them is a typing
/// mistake or an attack, and would reach date arithmetic out of range.
pub const TYPED_YEARS: std::ops::RangeInclusive<i32> = 1900..=MovementYear::LAST;

/// A date typed by a person, always day first: 15/8/2005, 15-08-2005,
/// 15.08.2005, or the ISO form 2005-08-15 that date inputs send; only in
/// [`TYPED_YEARS`].
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    parse_any_date(text.trim()).filter(|d| TYPED_YEARS.contains(&d.year()))
}

fn parse_any_date(text: &str) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let day: u32 = d.parse().ok()?;
    let month: u32 = m.parse().ok()?;
    let mut year: i32 = y.parse().ok()?;
    if y.len() == 2 {
        // Two-digit years are birth years: 05 is 2005, 98 is 1998.
        year += if year <= 50 { 2000 } else { 1900 };
    } else if y.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_clock_time_is_read_as_people_type_it() {
        let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
        for typed in ["8:00", "08:00", "8h00", "8h", "8 "] {
            assert_eq!(parse_clock(typed), Some(eight), "{typed}");
        }
        assert_eq!(parse_clock("25:00"), None);
        assert_eq!(parse_clock("sáng"), None);
        assert_eq!(clock_in_words(eight), "08 giờ 00 phút");
    }

    #[test]
    fn a_paper_writes_the_hour_and_minute_in_words() {
        let at = vietnam_instant(
            NaiveDate::from_ymd_opt(2026, 9, 25)
                .unwrap()
                .and_hms_opt(23, 47, 0)
                .unwrap(),
        );
        assert_eq!(
            format_instant_in_words(at),
            "hồi 23 giờ 47 phút, ngày 25/9/2026"
        );
    }

    #[test]
    fn dates_are_read_day_first() {
        let d = NaiveDate::from_ymd_opt(2005, 8, 15).unwrap();
        for text in [
            "15/8/2005",
            "15-08-2005",
            "15.08.2005",
            " 15/08/05 ",
            "2005-08-15",
        ] {
            assert_eq!(parse_date(text), Some(d), "{text}");
        }
        assert_eq!(
            parse_date("03/04/2005"),
            NaiveDate::from_ymd_opt(2005, 4, 3)
        );
        for bad in [
            "31/02/2005",
            "15/8",
            "abc",
            "15/8/20055",
            "",
            "01/01/1899",
            "01/01/2101",
            "262142-01-01",
            "+262142-01-01",
            "-0001-01-01",
            "01/01/9999",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_movement_year_runs_from_16_november_to_15_november() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let y2026 = MovementYear::new(2026).unwrap();
        assert_eq!(y2026.first_day(), day(2025, 11, 16));
        assert_eq!(y2026.last_day(), day(2026, 11, 15));
        assert_eq!(MovementYear::of(day(2025, 11, 16)), y2026);
        assert_eq!(MovementYear::of(day(2025, 11, 15)).number(), 2025);
        assert_eq!(MovementYear::of(day(2026, 3, 1)), y2026);
        assert!(y2026.contains(day(2026, 11, 15)) && !y2026.contains(day(2026, 11, 16)));
        // 00:00 on 16/11 in Vietnam is 17:00 UTC the day before.
        assert_eq!(
            y2026.starts_at(),
            Utc.with_ymd_and_hms(2025, 11, 15, 17, 0, 0).unwrap()
        );
        assert_eq!(y2026.ends_at(), y2026.next().starts_at());
        assert!(y2026.holds(Utc.with_ymd_and_hms(2026, 11, 15, 16, 59, 59).unwrap()));
        assert!(!y2026.holds(Utc.with_ymd_and_hms(2026, 11, 15, 17, 0, 0).unwrap()));
        assert_eq!(
            MovementYear::at(Utc.with_ymd_and_hms(2026, 11, 15, 17, 0, 0).unwrap()).number(),
            2027
        );
    }

    #[test]
    fn years_outside_the_range_do_not_exist() {
        assert!(MovementYear::new(1999).is_none());
        assert!(MovementYear::new(2101).is_none());
        assert!(MovementYear::new(262_143).is_none());
        assert_eq!(
            MovementYear::parse(" 2026 ").map(MovementYear::number),
            Some(2026)
        );
        assert!(MovementYear::parse("2026a").is_none());
        assert_eq!(
            MovementYear::of(NaiveDate::MAX).number(),
            MovementYear::LAST
        );
        assert_eq!(MovementYear::new(2000).unwrap().previous().number(), 2000);
        assert!(serde_json::from_str::<MovementYear>("262143").is_err());
    }

    #[test]
    fn local_times_are_read_in_vietnam() {
        let at = Utc.with_ymd_and_hms(2026, 11, 21, 14, 30, 0).unwrap();
        for text in ["2026-11-21T21:30", "21/11/2026 21:30", "21/11/2026 21h30"] {
            assert_eq!(parse_local_time(text), Some(at), "{text}");
        }
        assert_eq!(
            parse_local_time("21/11/2026"),
            Some(start_of_day(NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()))
        );
        assert_eq!(parse_local_time("21/11/262142 08:00"), None);
        assert_eq!(input_time(at), "2026-11-21T21:30");
        assert_eq!(parse_local_time(&input_time(at)), Some(at));
        assert_eq!(parse_local_time("hôm qua"), None);
    }

    #[test]
    fn formats_in_vietnam_time() {
        let at = Utc.with_ymd_and_hms(2026, 1, 4, 20, 30, 0).unwrap();
        assert_eq!(local_date(at), NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
        assert_eq!(format_instant(at), "05/01/2026 03:30");
        assert_eq!(
            format_date_long(local_date(at)),
            "ngày 05 tháng 01 năm 2026"
        );
        assert_eq!(
            format_date(NaiveDate::from_ymd_opt(987, 12, 3).unwrap()),
            "03/12/0987"
        );
    }
}
