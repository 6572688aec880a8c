//! Fire drills and the fire team's training (diễn tập phương án chữa
//! cháy, huấn luyện nghiệp vụ PCCC): what the law asks a unit to hold and
//! keep, and when it falls due again.

use chrono::{Months, NaiveDate};

use crate::{
    ErrorCode, FireDrillId, FireTrainingId, PersonId, UnitId, ValidationErrors, code_enum, text,
};

/// A drill at least every this many months (Nghị định 105/2025, Điều 16:
/// "ít nhất 01 lần trong 01 năm").
pub const DRILL_EVERY_MONTHS: u32 = 12;
/// A certificate is flagged this many days before it lapses.
pub const CERTIFICATE_WARNING_DAYS: i64 = 45;

code_enum!(
    /// What a course was.
    TrainingKind {
        /// Huấn luyện: the first course (16–24 hours for the fire team).
        Initial => "initial",
        /// Bồi dưỡng: the yearly refresher (4–8 hours).
        Refresher => "refresher",
    }
);

/// A drill held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FireDrill {
    pub id: FireDrillId,
    pub unit_id: UnitId,
    pub held_on: NaiveDate,
    /// The scenario of the plan drilled ("Cháy phòng 305 ký túc xá K1").
    pub scenario: String,
    pub place: String,
    pub participants: u32,
    /// Forces from outside: the fire police, the ward police.
    pub outside_forces: String,
    /// Seconds from the alarm until everyone was out, if measured.
    pub evacuation_seconds: Option<u32>,
    /// What went wrong.
    pub findings: String,
    /// What will be done about it.
    pub actions: String,
}

impl FireDrill {
    /// "6 phút 40 giây".
    pub fn evacuation_words(&self) -> Option<String> {
        self.evacuation_seconds.map(|s| match (s / 60, s % 60) {
            (0, sec) => format!("{sec} giây"),
            (min, 0) => format!("{min} phút"),
            (min, sec) => format!("{min} phút {sec} giây"),
        })
    }
}

/// A drill as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DrillText<'a> {
    pub held_on: &'a str,
    pub scenario: &'a str,
    pub place: &'a str,
    pub participants: &'a str,
    pub outside_forces: &'a str,
    /// "6:40", "7 phút", "400".
    pub evacuation: &'a str,
    pub findings: &'a str,
    pub actions: &'a str,
}

/// Reads "6:40", "6 phút 40", "400" (seconds) as seconds; blank is none.
fn evacuation_seconds(text: &str) -> Result<Option<u32>, ErrorCode> {
    let t = text.trim().to_lowercase();
    if t.is_empty() {
        return Ok(None);
    }
    let numbers: Vec<u32> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .map_err(|_| ErrorCode::Invalid)?;
    let seconds = match numbers.as_slice() {
        [m, s] if *s < 60 => m.checked_mul(60).and_then(|m| m.checked_add(*s)),
        [n] if t.contains("phút") || t.contains("phut") => n.checked_mul(60),
        [n] => Some(*n),
        _ => None,
    };
    match seconds {
        Some(s) if s > 0 && s <= 4 * 3600 => Ok(Some(s)),
        _ => Err(ErrorCode::Invalid),
    }
}

impl FireDrill {
    /// Checks a drill as typed; its day is not after `today`.
    pub fn parse(
        unit: UnitId,
        t: &DrillText<'_>,
        today: NaiveDate,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let held_on = match crate::time::parse_date(t.held_on) {
            Some(d) if d > today => {
                errors.add("drill_on", ErrorCode::InFuture);
                None
            }
            Some(d) => Some(d),
            None => {
                errors.add("drill_on", ErrorCode::InvalidDate);
                None
            }
        };
        let scenario = errors.check(text::required("scenario", t.scenario, 500));
        let place = errors.check(text::optional("place", Some(t.place), 200));
        let participants = match t.participants.trim() {
            "" => Some(0),
            p => match p.parse::<u32>() {
                Ok(n) if n <= 100_000 => Some(n),
                _ => {
                    errors.add("drill_participants", ErrorCode::Invalid);
                    None
                }
            },
        };
        let outside = errors.check(text::optional(
            "outside_forces",
            Some(t.outside_forces),
            300,
        ));
        let evacuation = evacuation_seconds(t.evacuation)
            .map_err(|code| errors.add("evacuation", code))
            .ok();
        let findings = errors.check(text::optional("findings", Some(t.findings), 2000));
        let actions = errors.check(text::optional("actions", Some(t.actions), 2000));
        errors.into_result()?;
        Ok(Self {
            id: FireDrillId::new_v7(),
            unit_id: unit,
            held_on: held_on.unwrap_or(today),
            scenario: scenario.unwrap_or_default(),
            place: place.flatten().unwrap_or_default(),
            participants: participants.unwrap_or(0),
            outside_forces: outside.flatten().unwrap_or_default(),
            evacuation_seconds: evacuation.flatten(),
            findings: findings.flatten().unwrap_or_default(),
            actions: actions.flatten().unwrap_or_default(),
        })
    }
}

/// When the next drill is due: a year after the last one, or now if none.
pub fn next_drill(last: Option<NaiveDate>, today: NaiveDate) -> NaiveDate {
    last.and_then(|d| d.checked_add_months(Months::new(DRILL_EVERY_MONTHS)))
        .unwrap_or(today)
}

/// A person's course, with its certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FireTraining {
    pub id: FireTrainingId,
    pub unit_id: UnitId,
    pub person_id: PersonId,
    pub kind: TrainingKind,
    /// "Huấn luyện nghiệp vụ PCCC và CNCH cho Đội PCCC cơ sở".
    pub course: String,
    pub held_on: NaiveDate,
    pub hours: u32,
    pub certificate: String,
    pub expires_on: Option<NaiveDate>,
}

/// A course as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrainingText<'a> {
    pub kind: &'a str,
    pub course: &'a str,
    pub held_on: &'a str,
    pub hours: &'a str,
    pub certificate: &'a str,
    pub expires_on: &'a str,
}

impl FireTraining {
    /// Checks a course as typed: held by `today`, expiring after it was held.
    pub fn parse(
        unit: UnitId,
        person: PersonId,
        t: &TrainingText<'_>,
        today: NaiveDate,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let kind = TrainingKind::parse(t.kind.trim());
        if kind.is_none() {
            errors.add("kind", ErrorCode::Required);
        }
        let course = errors.check(text::required("course", t.course, 300));
        let held_on = match crate::time::parse_date(t.held_on) {
            Some(d) if d > today => {
                errors.add("trained_on", ErrorCode::InFuture);
                None
            }
            Some(d) => Some(d),
            None => {
                errors.add("trained_on", ErrorCode::InvalidDate);
                None
            }
        };
        let hours = match t.hours.trim() {
            "" => Some(0),
            h => match h.parse::<u32>() {
                Ok(n) if n <= 200 => Some(n),
                _ => {
                    errors.add("hours", ErrorCode::Invalid);
                    None
                }
            },
        };
        let certificate = errors.check(text::optional("certificate", Some(t.certificate), 100));
        let expires_on = match t.expires_on.trim() {
            "" => None,
            e => match crate::time::parse_date(e) {
                Some(d) if held_on.is_some_and(|h| d <= h) => {
                    errors.add("expires_on", ErrorCode::EndsBeforeStart);
                    None
                }
                Some(d) => Some(d),
                None => {
                    errors.add("expires_on", ErrorCode::InvalidDate);
                    None
                }
            },
        };
        errors.into_result()?;
        Ok(Self {
            id: FireTrainingId::new_v7(),
            unit_id: unit,
            person_id: person,
            kind: kind.unwrap_or(TrainingKind::Initial),
            course: course.unwrap_or_default(),
            held_on: held_on.unwrap_or(today),
            hours: hours.unwrap_or(0),
            certificate: certificate.flatten().unwrap_or_default(),
            expires_on,
        })
    }

    /// Lapsed by `today`, or lapsing within the warning days.
    pub fn lapsing(&self, today: NaiveDate) -> bool {
        self.expires_on
            .is_some_and(|e| (e - today).num_days() <= CERTIFICATE_WARNING_DAYS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_evacuation_time_is_read_as_people_write_it() {
        assert_eq!(evacuation_seconds("6:40"), Ok(Some(400)));
        assert_eq!(evacuation_seconds("6 phút 40 giây"), Ok(Some(400)));
        assert_eq!(evacuation_seconds("7 phút"), Ok(Some(420)));
        assert_eq!(evacuation_seconds("400"), Ok(Some(400)));
        assert_eq!(evacuation_seconds(""), Ok(None));
        assert!(evacuation_seconds("mười phút").is_err());
        assert!(evacuation_seconds("6:75").is_err());
        assert!(evacuation_seconds("99999999999").is_err());
    }

    #[test]
    fn a_drill_is_checked_and_the_next_falls_a_year_later() {
        let today = d(2026, 11, 21);
        let unit = UnitId::new_v7();
        let t = DrillText {
            held_on: "16/04/2026",
            scenario: "Cháy phòng 305 ký túc xá K1",
            participants: "935",
            evacuation: "6:40",
            ..DrillText::default()
        };
        let drill = FireDrill::parse(unit, &t, today).unwrap();
        assert_eq!(drill.evacuation_words().as_deref(), Some("6 phút 40 giây"));
        assert_eq!(next_drill(Some(drill.held_on), today), d(2027, 4, 16));
        assert_eq!(next_drill(None, today), today);
        let bad = DrillText {
            held_on: "22/11/2026",
            participants: "nhiều",
            ..DrillText::default()
        };
        let e = FireDrill::parse(unit, &bad, today).unwrap_err();
        assert_eq!(e.for_field("drill_on"), Some(ErrorCode::InFuture));
        assert_eq!(e.for_field("scenario"), Some(ErrorCode::Required));
        assert_eq!(e.for_field("drill_participants"), Some(ErrorCode::Invalid));
    }

    #[test]
    fn a_certificate_is_flagged_before_it_lapses() {
        let today = d(2026, 11, 21);
        let t = TrainingText {
            kind: "initial",
            course: "Huấn luyện nghiệp vụ PCCC",
            held_on: "15/12/2021",
            hours: "24",
            certificate: "123/CN-PC07",
            expires_on: "15/12/2026",
        };
        let c = FireTraining::parse(UnitId::new_v7(), PersonId::new_v7(), &t, today).unwrap();
        assert!(c.lapsing(today), "24 days left");
        assert!(!c.lapsing(d(2026, 10, 1)));
        let bad = TrainingText {
            expires_on: "01/01/2020",
            ..t
        };
        let e = FireTraining::parse(UnitId::new_v7(), PersonId::new_v7(), &bad, today).unwrap_err();
        assert_eq!(e.for_field("expires_on"), Some(ErrorCode::EndsBeforeStart));
    }
}
