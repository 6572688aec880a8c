//! Time zone and date formats. Instants are UTC; Vietnam has kept UTC+7
//! without daylight saving since 1975, so a fixed offset is exact for every
//! date this product handles.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Utc};

/// Asia/Ho_Chi_Minh.
pub const VIETNAM: FixedOffset = match FixedOffset::east_opt(7 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+7 is a valid offset"),
};

/// Asia/Ho_Chi_Minh.
pub const fn vietnam() -> FixedOffset {
    VIETNAM
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

/// A date typed by a person, always day first: 15/8/2005, 15-08-2005,
/// 15.08.2005, or the ISO form 2005-08-15 that date inputs send.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
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
        for bad in ["31/02/2005", "15/8", "abc", "15/8/20055", ""] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
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
