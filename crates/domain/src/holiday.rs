//! Public holidays (ngày nghỉ lễ, tết) of a year, computed: the solar ones
//! by date, Tết Nguyên đán and Giỗ Tổ Hùng Vương by the Vietnamese lunar
//! calendar (UTC+7), so nobody types them each year.
//!
//! The lunar conversion follows the astronomical method published by Hồ
//! Ngọc Đức ("Âm lịch Việt Nam"): new moons and the sun's longitude from
//! Jean Meeus's series, months counted from the one holding the winter
//! solstice, a leap month where a year has 13. The holiday days follow
//! Labour Code 2019 Art. 112 (docs/duty.md says which parts the Prime
//! Minister fixes each year: those days are the usual choice, to be
//! checked against the year's decision).

use std::f64::consts::PI;

use chrono::{Datelike, NaiveDate};

/// Vietnam's time zone, in hours east of UTC.
const ZONE: f64 = 7.0;

/// The Julian day number of 1 January of year 1 minus one: `jd = days from
/// the common era + this`.
const JD_OF_CE: i64 = 1_721_425;

#[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
fn floor(x: f64) -> i64 {
    x.floor() as i64
}

fn jd(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce()) + JD_OF_CE
}

fn date_of(jd: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(jd - JD_OF_CE).ok()?)
}

/// The day (Julian day number, local) of the `k`-th new moon after
/// 1 January 1900.
#[allow(clippy::cast_precision_loss)]
fn new_moon(k: i64) -> i64 {
    let k = k as f64;
    let t = k / 1236.85;
    let (t2, t3) = (t * t, t * t * t);
    let dr = PI / 180.0;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin();
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let mut c1 = (0.1734 - 0.000_393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 = c1 - 0.4068 * (mpr * dr).sin() + 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 = c1 + 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 = c1 - 0.0074 * (dr * (m - mpr)).sin() + 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 = c1 - 0.0004 * (dr * (2.0 * f - m)).sin() - 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 = c1 + 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    floor(jd1 + c1 - delta_t + 0.5 + ZONE / 24.0)
}

/// The sun's longitude at the start of local day `jd`, in twelfths of the
/// circle (0: from the spring equinox).
#[allow(clippy::cast_precision_loss)]
fn sun_longitude(jd: i64) -> i64 {
    let t = (jd as f64 - 2_451_545.5 - ZONE / 24.0) / 36_525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin();
    dl += (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin() + 0.000_290 * (dr * 3.0 * m).sin();
    let mut l = (l0 + dl) * dr;
    l -= PI * 2.0 * (l / (PI * 2.0)).floor();
    floor(l / PI * 6.0)
}

/// The first day of the 11th lunar month (the one holding the winter
/// solstice) of solar year `year`.
#[allow(clippy::cast_precision_loss)]
fn month_11(year: i32) -> Option<i64> {
    let off = jd(NaiveDate::from_ymd_opt(year, 12, 31)?) - 2_415_021;
    let k = floor(off as f64 / 29.530_588_853);
    let nm = new_moon(k);
    Some(if sun_longitude(nm) >= 9 {
        new_moon(k - 1)
    } else {
        nm
    })
}

/// Which month after the 11th is the leap month of a 13-month year.
#[allow(clippy::cast_precision_loss)]
fn leap_month_offset(a11: i64) -> i64 {
    let k = floor((a11 as f64 - 2_415_021.076_998_695) / 29.530_588_853 + 0.5);
    let mut i = 1;
    let mut arc = sun_longitude(new_moon(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = sun_longitude(new_moon(k + i));
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}

/// The solar date of lunar `day`/`month` of lunar year `year` (not a leap
/// month); `None` outside the calendar.
#[allow(clippy::cast_precision_loss)]
pub fn lunar_to_solar(day: u32, month: u32, year: i32) -> Option<NaiveDate> {
    if !(1..=30).contains(&day) || !(1..=12).contains(&month) {
        return None;
    }
    let (a11, b11) = if month < 11 {
        (month_11(year - 1)?, month_11(year)?)
    } else {
        (month_11(year)?, month_11(year + 1)?)
    };
    let k = floor(0.5 + (a11 as f64 - 2_415_021.076_998_695) / 29.530_588_853);
    let mut off = i64::from(month) - 11;
    if off < 0 {
        off += 12;
    }
    if b11 - a11 > 365 && off >= leap_month_offset(a11) {
        off += 1;
    }
    date_of(new_moon(k + off) + i64::from(day) - 1)
}

/// A public holiday.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: &'static str,
}

/// The public holidays of solar year `year` (Labour Code 2019 Art. 112):
/// 1/1; Tết Nguyên đán, five days (the last day of the lunar year and the
/// first four of the new one, the Prime Minister's usual choice); 30/4;
/// 1/5; Quốc khánh 2/9 with 1/9; Giỗ Tổ Hùng Vương 10/3 lunar; and from
/// 2026 the Ngày Văn hóa Việt Nam, 24/11.
pub fn holidays(year: i32) -> Vec<Holiday> {
    let mut out = Vec::new();
    let solar = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    let mut push = |date: Option<NaiveDate>, name| {
        if let Some(date) = date.filter(|d| d.year() == year) {
            out.push(Holiday { date, name });
        }
    };
    push(solar(1, 1), "Tết Dương lịch");
    if let Some(tet) = lunar_to_solar(1, 1, year) {
        push(tet.pred_opt(), "Tết Nguyên đán");
        for n in 0..4 {
            push(tet.checked_add_days(chrono::Days::new(n)), "Tết Nguyên đán");
        }
    }
    push(lunar_to_solar(10, 3, year), "Giỗ Tổ Hùng Vương");
    push(solar(4, 30), "Ngày Chiến thắng");
    push(solar(5, 1), "Ngày Quốc tế Lao động");
    push(solar(9, 1), "Quốc khánh");
    push(solar(9, 2), "Quốc khánh");
    if year >= 2026 {
        push(solar(11, 24), "Ngày Văn hóa Việt Nam");
    }
    out.sort_by_key(|h| h.date);
    out
}

/// The holiday a day is, if any.
pub fn holiday_of(date: NaiveDate) -> Option<&'static str> {
    holidays(date.year())
        .into_iter()
        .find(|h| h.date == date)
        .map(|h| h.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn tet_and_gio_to_fall_on_the_days_the_calendar_prints() {
        // Mùng 1 Tết, as printed on Vietnamese calendars.
        for (year, tet) in [
            (2020, d(2020, 1, 25)),
            (2023, d(2023, 1, 22)),
            (2024, d(2024, 2, 10)),
            (2025, d(2025, 1, 29)),
            (2026, d(2026, 2, 17)),
            (2027, d(2027, 2, 6)),
            (2028, d(2028, 1, 26)),
        ] {
            assert_eq!(lunar_to_solar(1, 1, year), Some(tet), "Tết {year}");
        }
        // 10/3 lunar; 2023 had a leap 2nd month, 2025 a leap 6th.
        for (year, gio_to) in [
            (2023, d(2023, 4, 29)),
            (2024, d(2024, 4, 18)),
            (2025, d(2025, 4, 7)),
            (2026, d(2026, 4, 26)),
        ] {
            assert_eq!(lunar_to_solar(10, 3, year), Some(gio_to), "Giỗ Tổ {year}");
        }
        // Mid-autumn 2025 (15/8 lunar after the leap 6th month): 6/10.
        assert_eq!(lunar_to_solar(15, 8, 2025), Some(d(2025, 10, 6)));
        assert_eq!(lunar_to_solar(0, 1, 2025), None);
    }

    #[test]
    fn a_year_has_its_eleven_days_and_2026_the_new_one() {
        let h2025 = holidays(2025);
        assert_eq!(h2025.len(), 11);
        let tet: Vec<NaiveDate> = h2025
            .iter()
            .filter(|h| h.name == "Tết Nguyên đán")
            .map(|h| h.date)
            .collect();
        assert_eq!(
            tet,
            [
                d(2025, 1, 28),
                d(2025, 1, 29),
                d(2025, 1, 30),
                d(2025, 1, 31),
                d(2025, 2, 1)
            ]
        );
        assert_eq!(holidays(2026).len(), 12);
        assert_eq!(holiday_of(d(2026, 4, 26)), Some("Giỗ Tổ Hùng Vương"));
        assert_eq!(holiday_of(d(2026, 11, 24)), Some("Ngày Văn hóa Việt Nam"));
        assert_eq!(holiday_of(d(2026, 11, 23)), None);
        assert!(holidays(2026).windows(2).all(|w| w[0].date <= w[1].date));
    }
}
