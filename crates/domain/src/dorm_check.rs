//! Room checks of the dormitories (kiểm tra phòng ở): the unit's checklist
//! with the points of each item, a check's answers and score, which rooms
//! are due, and the month's ranking of rooms (thi đua phòng ở).

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use crate::{ErrorCode, RoomCheckId, RoomId, UnitId, ValidationErrors, text};

/// One thing a check looks at, and what it is worth.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckItem {
    pub text: String,
    pub points: u8,
}

/// The checklist a unit starts with: cleanliness, banned items, and the
/// electrical and fire risks the dormitory rules of the seeds' schools
/// name; 100 points in all.
pub const DEFAULT_CHECKLIST: &[(u8, &str)] = &[
    (20, "Phòng, sàn, khu vệ sinh sạch sẽ"),
    (15, "Chăn màn, giường tủ, tư trang gọn gàng đúng quy định"),
    (10, "Rác đổ đúng nơi quy định, không để thức ăn thừa"),
    (
        15,
        "Không có dụng cụ nấu ăn (bếp, nồi cơm điện, ấm siêu tốc)",
    ),
    (15, "Không có rượu, bia, thuốc lá, chất cấm"),
    (
        10,
        "Không có vũ khí, vật dụng nguy hiểm, pháo, chất dễ cháy",
    ),
    (10, "Không câu móc, tự nối dây điện; ổ cắm, quạt an toàn"),
    (
        5,
        "Không sạc thiết bị qua đêm gần chăn màn; tắt điện khi ra khỏi phòng",
    ),
];

/// How many items a checklist may hold.
pub const MAX_ITEMS: usize = 30;

/// The checklist a unit starts with.
pub fn default_checklist() -> Vec<CheckItem> {
    DEFAULT_CHECKLIST
        .iter()
        .map(|(points, text)| CheckItem {
            text: (*text).to_owned(),
            points: *points,
        })
        .collect()
}

/// Reads a checklist written one item a line as "15 | Không có bếp điện";
/// a line without points is worth 10. Blank lines are skipped.
pub fn parse_checklist(text: &str) -> Result<Vec<CheckItem>, ValidationErrors> {
    let mut items = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (points, item) = match line.split_once('|') {
            Some((p, t)) => match p.trim().parse::<u8>() {
                Ok(p) if (1..=100).contains(&p) => (p, t),
                _ => {
                    return Err(ValidationErrors::single(
                        "room_checklist",
                        ErrorCode::Invalid,
                    ));
                }
            },
            None => (10, line),
        };
        let item = text::required("room_checklist", item, 200)
            .map_err(|e| ValidationErrors::single(e.field, e.code))?;
        items.push(CheckItem { text: item, points });
    }
    if items.is_empty() {
        return Err(ValidationErrors::single(
            "room_checklist",
            ErrorCode::Required,
        ));
    }
    if items.len() > MAX_ITEMS {
        return Err(ValidationErrors::single(
            "room_checklist",
            ErrorCode::TooMany,
        ));
    }
    Ok(items)
}

/// A checklist as it is typed back: "15 | Không có bếp điện" a line.
pub fn checklist_text(items: &[CheckItem]) -> String {
    items
        .iter()
        .map(|i| format!("{} | {}", i.points, i.text))
        .collect::<Vec<_>>()
        .join("\n")
}

/// How a unit checks its rooms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckSettings {
    /// A room is due this many days after its last check.
    pub every_days: u16,
    pub checklist: Vec<CheckItem>,
}

impl Default for CheckSettings {
    fn default() -> Self {
        Self {
            every_days: 7,
            checklist: default_checklist(),
        }
    }
}

impl CheckSettings {
    /// Reads the settings form: every 1 to 90 days, and the checklist.
    pub fn parse(every_days: &str, checklist: &str) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let every = every_days
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|d| (1..=90).contains(d));
        if every.is_none() {
            errors.add("check_every_days", ErrorCode::Invalid);
        }
        let checklist = match parse_checklist(checklist) {
            Ok(c) => c,
            Err(e) => {
                errors.extend(e);
                Vec::new()
            }
        };
        errors.into_result()?;
        Ok(Self {
            every_days: every.unwrap_or(7),
            checklist,
        })
    }

    /// When a room last checked on `last` is due again (today for a room
    /// never checked).
    pub fn due_on(&self, last: Option<NaiveDate>, today: NaiveDate) -> NaiveDate {
        last.map_or(today, |d| d + Duration::days(i64::from(self.every_days)))
    }
}

/// One item of a check as answered, with its text and points as they were
/// that day (a checklist changed later does not change old checks).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CheckAnswer {
    pub text: String,
    pub points: u8,
    pub passed: bool,
}

/// A room checked once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomCheck {
    pub id: RoomCheckId,
    pub unit_id: UnitId,
    pub room_id: RoomId,
    pub day: NaiveDate,
    pub answers: Vec<CheckAnswer>,
    pub note: String,
    /// How many photos were taken.
    pub photos: u8,
    pub checked_by: String,
    pub checked_at: DateTime<Utc>,
}

impl RoomCheck {
    /// The points of the items passed.
    pub fn score(&self) -> u32 {
        self.answers
            .iter()
            .filter(|a| a.passed)
            .map(|a| u32::from(a.points))
            .sum()
    }

    /// The points of every item.
    pub fn out_of(&self) -> u32 {
        self.answers.iter().map(|a| u32::from(a.points)).sum()
    }

    /// The score in tenths of a percent of the points (925 for 92.5 %).
    pub fn per_mille(&self) -> u32 {
        match self.out_of() {
            0 => 0,
            all => (self.score() * 1_000 + all / 2) / all,
        }
    }

    /// The items failed.
    pub fn failed(&self) -> impl Iterator<Item = &CheckAnswer> {
        self.answers.iter().filter(|a| !a.passed)
    }
}

/// Answers the checklist: every item passed but those whose positions are
/// in `failed`; a position beyond the list is refused.
pub fn answer(
    checklist: &[CheckItem],
    failed: &[usize],
) -> Result<Vec<CheckAnswer>, ValidationErrors> {
    if failed.iter().any(|i| *i >= checklist.len()) {
        return Err(ValidationErrors::single("failed", ErrorCode::Invalid));
    }
    Ok(checklist
        .iter()
        .enumerate()
        .map(|(i, item)| CheckAnswer {
            text: item.text.clone(),
            points: item.points,
            passed: !failed.contains(&i),
        })
        .collect())
}

/// A room's place in a month's ranking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomStanding {
    pub room_id: RoomId,
    /// 1 for the best; rooms that tie share a place.
    pub place: u32,
    pub checks: u32,
    /// The mean of the month's checks, in tenths of a percent.
    pub average: u32,
    /// Nights a resident was absent without leave.
    pub absences: u32,
    /// Breaches of the rules recorded on the month's checks.
    pub breaches: u32,
}

/// Whether `day` falls in the month of `month` (any day of it).
pub fn same_month(day: NaiveDate, month: NaiveDate) -> bool {
    day.year() == month.year() && day.month() == month.month()
}

/// The month's ranking of the rooms checked in it: the best mean score
/// first, then fewer absences, then fewer breaches; a room not checked
/// that month has no place.
pub fn rank_rooms(
    month: NaiveDate,
    checks: &[RoomCheck],
    absences: impl Fn(RoomId) -> u32,
    breaches: impl Fn(RoomId) -> u32,
) -> Vec<RoomStanding> {
    let mut sums: HashMap<RoomId, (u32, u32)> = HashMap::new();
    for c in checks.iter().filter(|c| same_month(c.day, month)) {
        let e = sums.entry(c.room_id).or_default();
        e.0 += 1;
        e.1 += c.per_mille();
    }
    let mut list: Vec<RoomStanding> = sums
        .into_iter()
        .map(|(room_id, (n, sum))| RoomStanding {
            room_id,
            place: 0,
            checks: n,
            average: (sum + n / 2) / n,
            absences: absences(room_id),
            breaches: breaches(room_id),
        })
        .collect();
    let key = |s: &RoomStanding| (std::cmp::Reverse(s.average), s.absences, s.breaches);
    list.sort_by_key(|s| (key(s), s.room_id));
    let mut place = 0;
    for i in 0..list.len() {
        if i == 0 || key(&list[i]) != key(&list[i - 1]) {
            place = u32::try_from(i + 1).unwrap_or(u32::MAX);
        }
        list[i].place = place;
    }
    list
}

/// "92,5": tenths of a percent as people write them.
pub fn format_per_mille(value: u32) -> String {
    format!("{},{}", value / 10, value % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("day")
    }

    fn check(room: RoomId, on: NaiveDate, failed: &[usize]) -> RoomCheck {
        RoomCheck {
            id: RoomCheckId::new_v7(),
            unit_id: UnitId::new_v7(),
            room_id: room,
            day: on,
            answers: answer(&default_checklist(), failed).expect("answers"),
            note: String::new(),
            photos: 0,
            checked_by: "ctsv".into(),
            checked_at: DateTime::<Utc>::from_timestamp(1_800_000_000, 0).expect("time"),
        }
    }

    #[test]
    fn the_default_checklist_is_worth_a_hundred_and_reads_back_as_typed() {
        let items = default_checklist();
        assert_eq!(items.iter().map(|i| u32::from(i.points)).sum::<u32>(), 100);
        assert_eq!(
            parse_checklist(&checklist_text(&items)).expect("valid"),
            items
        );
        let typed =
            parse_checklist("5 | Không nuôi chó mèo\n\nKhông dán giấy lên tường").expect("valid");
        assert_eq!(typed[1].points, 10);
        for bad in ["", "0 | Không có gì", "x | Bếp", "15 | "] {
            assert!(parse_checklist(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(CheckSettings::parse("0", "Bếp").is_err());
        assert_eq!(
            CheckSettings::parse("14", "Bếp").expect("valid").every_days,
            14
        );
    }

    #[test]
    fn a_check_scores_the_items_passed_and_refuses_an_item_that_is_not_on_the_list() {
        let room = RoomId::new_v7();
        let c = check(room, day(11, 3), &[0, 3]);
        assert_eq!((c.score(), c.out_of(), c.per_mille()), (65, 100, 650));
        assert_eq!(c.failed().count(), 2);
        assert!(answer(&default_checklist(), &[8]).is_err());
        assert_eq!(format_per_mille(925), "92,5");
    }

    #[test]
    fn the_months_ranking_puts_the_best_mean_first_and_breaks_ties_by_absences() {
        let (a, b, c, d) = (
            RoomId::new_v7(),
            RoomId::new_v7(),
            RoomId::new_v7(),
            RoomId::new_v7(),
        );
        let checks = vec![
            check(a, day(11, 3), &[]),
            check(a, day(11, 10), &[7]),
            check(b, day(11, 4), &[7]),
            check(c, day(11, 5), &[7]),
            check(c, day(11, 12), &[0]),
            // October and a room never checked in November do not count.
            check(d, day(10, 28), &[]),
        ];
        let absences = HashMap::from([(c, 2), (b, 1)]);
        let ranking = rank_rooms(
            day(11, 1),
            &checks,
            |r| absences.get(&r).copied().unwrap_or_default(),
            |_| 0,
        );
        let got: Vec<(RoomId, u32, u32)> = ranking
            .iter()
            .map(|s| (s.room_id, s.place, s.average))
            .collect();
        // a: (1000 + 950) / 2 = 975; b: 950; c: (950 + 800) / 2 = 875.
        assert_eq!(got, vec![(a, 1, 975), (b, 2, 950), (c, 3, 875)]);
        let tie = rank_rooms(
            day(11, 1),
            &[check(a, day(11, 3), &[]), check(b, day(11, 3), &[])],
            |_| 0,
            |_| 0,
        );
        assert_eq!(tie.iter().map(|s| s.place).collect::<Vec<_>>(), vec![1, 1]);
    }

    #[test]
    fn a_room_is_due_again_the_set_number_of_days_after_its_last_check() {
        let s = CheckSettings::default();
        assert_eq!(s.due_on(Some(day(11, 3)), day(11, 21)), day(11, 10));
        assert_eq!(s.due_on(None, day(11, 21)), day(11, 21));
    }
}
