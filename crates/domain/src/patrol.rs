//! Patrols (tuần tra): the checkpoints of a campus with their printed
//! labels, the rounds that must walk them (which checkpoints, how often,
//! between which hours) and the scans that prove a round was walked.
//!
//! A label's QR code holds the checkpoint's code and a secret drawn when
//! the label is printed: a label printed again draws a new secret, so a
//! photo of the old one no longer counts.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use crate::time::vietnam_instant;
use crate::{
    CampusId, CheckpointId, ErrorCode, PatrolRoundId, PatrolScanId, UnitId, ValidationError,
    ValidationErrors, text,
};

/// A place a patrol must reach: a gate, the back fence, a dormitory's
/// stairs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    pub id: CheckpointId,
    pub unit_id: UnitId,
    pub campus_id: CampusId,
    /// Short and unique in the unit ("A1"), printed under the QR code.
    pub code: String,
    pub name: String,
    /// Drawn when the label is printed; a scan must carry it.
    pub secret: String,
    /// Withdrawn checkpoints keep their scans but are no longer walked.
    pub active: bool,
}

/// A checkpoint as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckpointInput {
    pub campus_id: CampusId,
    pub code: String,
    pub name: String,
}

impl CheckpointInput {
    pub fn parse(campus_id: CampusId, code: &str, name: &str) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let code = errors.check(text::code("code", code, 12).map(|c| c.to_uppercase()));
        let name = errors.check(text::required("name", name, 120));
        errors.into_result()?;
        Ok(Self {
            campus_id,
            code: code.unwrap_or_default(),
            name: name.unwrap_or_default(),
        })
    }
}

/// A round: the checkpoints to walk, every `every_minutes` from `starts`
/// until `ends` (the next morning when it ends before it starts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatrolRound {
    pub id: PatrolRoundId,
    pub unit_id: UnitId,
    pub campus_id: CampusId,
    pub name: String,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    pub every_minutes: u32,
    pub checkpoints: Vec<CheckpointId>,
    /// The first night the round counts (none: every night before too),
    /// and the last, once it was taken off: past nights keep being judged
    /// by the rounds that were due then.
    pub first_night: Option<NaiveDate>,
    pub last_night: Option<NaiveDate>,
}

impl PatrolRound {
    /// Whether the round was due on `night`.
    pub fn counts_on(&self, night: NaiveDate) -> bool {
        self.first_night.is_none_or(|f| f <= night) && self.last_night.is_none_or(|l| night <= l)
    }

    /// Not taken off.
    pub fn current(&self) -> bool {
        self.last_night.is_none()
    }
}

/// A round as typed: "22:00", "05:00", every "2" hours (or "1.5").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundInput {
    pub campus_id: CampusId,
    pub name: String,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    pub every_minutes: u32,
    pub checkpoints: Vec<CheckpointId>,
}

impl RoundInput {
    pub fn parse(
        campus_id: CampusId,
        name: &str,
        starts: &str,
        ends: &str,
        every_hours: &str,
        checkpoints: Vec<CheckpointId>,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.check(text::required("name", name, 120));
        let time = |field: &'static str, t: &str, errors: &mut ValidationErrors| {
            NaiveTime::parse_from_str(t.trim(), "%H:%M")
                .map_err(|_| errors.add(field, ErrorCode::Invalid))
                .ok()
        };
        let starts = time("starts", starts, &mut errors);
        let ends = time("ends", ends, &mut errors);
        let every = every_hours
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|h| (0.25..=12.0).contains(h))
            // A quarter of an hour to 12 hours: exact in minutes.
            .map(|h| {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let minutes = (h * 60.0).round() as u32;
                minutes
            });
        if every.is_none() {
            errors.add("every", ErrorCode::Invalid);
        }
        if checkpoints.is_empty() {
            errors.add("checkpoints", ErrorCode::Required);
        }
        if starts.is_some() && starts == ends {
            errors.add("ends", ErrorCode::EndsBeforeStart);
        }
        errors.into_result()?;
        Ok(Self {
            campus_id,
            name: name.unwrap_or_default(),
            starts: starts.unwrap_or_default(),
            ends: ends.unwrap_or_default(),
            every_minutes: every.unwrap_or(120),
            checkpoints,
        })
    }
}

/// One scan of a checkpoint's label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatrolScan {
    pub id: PatrolScanId,
    pub unit_id: UnitId,
    pub campus_id: CampusId,
    pub checkpoint_id: CheckpointId,
    /// When the label was scanned, as the phone said.
    pub at: DateTime<Utc>,
    /// When the server received it (later for a scan kept offline).
    pub recorded_at: DateTime<Utc>,
    pub account: String,
    pub guard_name: String,
    /// A joint patrol's partners: the ward police, a linked cluster.
    pub partners: String,
}

/// What a label's QR code says: the address that opens the scan page with
/// the checkpoint's code and the label's secret.
pub fn label_text(base: &str, code: &str, secret: &str) -> String {
    format!(
        "{}/gate/scan?c={code}&k={secret}",
        base.trim_end_matches('/')
    )
}

/// The code and secret in what a camera read from a label (the whole
/// address, or only its query); `None` for anything else.
pub fn read_label(scanned: &str) -> Option<(String, String)> {
    let query = scanned
        .trim()
        .rsplit_once('?')
        .map_or(scanned.trim(), |(_, q)| q);
    let mut code = None;
    let mut secret = None;
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("c", v)) if !v.is_empty() => code = Some(v.to_uppercase()),
            Some(("k", v)) if !v.is_empty() => secret = Some(v.to_uppercase()),
            _ => {}
        }
    }
    Some((code?, secret?))
}

/// How far in the past a scan kept on a phone without a connection may be
/// dated.
pub const SCAN_GRACE_HOURS: i64 = 12;

/// When a scan happened, as sent: none means now; a time ahead of the
/// server's clock or older than [`SCAN_GRACE_HOURS`] is refused.
pub fn scan_time(
    sent: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, ValidationError> {
    let Some(at) = sent else {
        return Ok(now);
    };
    if at > now + Duration::minutes(crate::shift_log::CLOCK_SKEW_MINUTES) {
        return Err(ValidationError::new("at", ErrorCode::InFuture));
    }
    if at < now - Duration::hours(SCAN_GRACE_HOURS) {
        return Err(ValidationError::new("at", ErrorCode::Expired));
    }
    Ok(at.min(now))
}

/// How one due round of a night went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoundStatus {
    /// Not due yet.
    Ahead,
    /// Under way: its time has come and not passed.
    Open { scanned: usize },
    /// Every checkpoint scanned within its time.
    Walked,
    /// Some checkpoints scanned, these not.
    Incomplete { missing: Vec<CheckpointId> },
    /// Nothing scanned.
    Missed,
}

impl RoundStatus {
    /// A round that has passed without every checkpoint scanned.
    pub fn is_missed(&self) -> bool {
        matches!(self, Self::Incomplete { .. } | Self::Missed)
    }
}

/// One due round of a night: from `starts` for `every_minutes`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueRound {
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
    pub status: RoundStatus,
}

/// The rounds due in the night that begins on `night` (Vietnam time): every
/// `every_minutes` from the round's start until its end.
pub fn due_times(round: &PatrolRound, night: NaiveDate) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let begin = night.and_time(round.starts);
    let mut end = night.and_time(round.ends);
    if end <= begin {
        end += Duration::days(1);
    }
    let step = Duration::minutes(i64::from(round.every_minutes.max(15)));
    let mut out = Vec::new();
    let mut at = begin;
    while at < end {
        out.push((at, (at + step).min(end)));
        at += step;
    }
    out
}

/// How each due round of `night` went, from the scans of its checkpoints.
pub fn judge(
    round: &PatrolRound,
    night: NaiveDate,
    scans: &[(CheckpointId, DateTime<Utc>)],
    now: DateTime<Utc>,
) -> Vec<DueRound> {
    due_times(round, night)
        .into_iter()
        .map(|(starts, ends)| {
            let (from, until) = (vietnam_instant(starts), vietnam_instant(ends));
            let done: Vec<CheckpointId> = round
                .checkpoints
                .iter()
                .copied()
                .filter(|c| {
                    scans
                        .iter()
                        .any(|(s, at)| s == c && *at >= from && *at < until)
                })
                .collect();
            let status = if now < from {
                RoundStatus::Ahead
            } else if done.len() == round.checkpoints.len() {
                RoundStatus::Walked
            } else if now < until {
                RoundStatus::Open {
                    scanned: done.len(),
                }
            } else if done.is_empty() {
                RoundStatus::Missed
            } else {
                RoundStatus::Incomplete {
                    missing: round
                        .checkpoints
                        .iter()
                        .copied()
                        .filter(|c| !done.contains(c))
                        .collect(),
                }
            };
            DueRound {
                starts,
                ends,
                status,
            }
        })
        .collect()
}

/// The night a moment belongs to: before noon it is the night that began
/// the evening before.
pub fn night_of(at: NaiveDateTime) -> NaiveDate {
    if at.time() < NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default() {
        at.date().pred_opt().unwrap_or(at.date())
    } else {
        at.date()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("time")
    }

    fn round(checkpoints: Vec<CheckpointId>) -> PatrolRound {
        PatrolRound {
            id: PatrolRoundId::new_v7(),
            unit_id: UnitId::new_v7(),
            campus_id: CampusId::new_v7(),
            name: "Tuần tra đêm".into(),
            starts: hm(22, 0),
            ends: hm(5, 0),
            every_minutes: 120,
            checkpoints,
            first_night: None,
            last_night: None,
        }
    }

    #[test]
    fn a_night_round_every_two_hours_from_22_to_5_is_due_four_times() {
        let night = NaiveDate::from_ymd_opt(2026, 11, 20).expect("day");
        let due = due_times(&round(vec![CheckpointId::new_v7()]), night);
        let starts: Vec<String> = due
            .iter()
            .map(|(s, _)| s.format("%d %H:%M").to_string())
            .collect();
        assert_eq!(starts, ["20 22:00", "21 00:00", "21 02:00", "21 04:00"]);
        // The last one is cut at the round's end.
        assert_eq!(due[3].1.format("%d %H:%M").to_string(), "21 05:00");
    }

    #[test]
    fn a_round_is_walked_only_when_every_checkpoint_is_scanned_within_its_time() {
        let (a, b) = (CheckpointId::new_v7(), CheckpointId::new_v7());
        let r = round(vec![a, b]);
        let night = NaiveDate::from_ymd_opt(2026, 11, 20).expect("day");
        let at = |d: u32, h: u32, m: u32| {
            vietnam_instant(
                NaiveDate::from_ymd_opt(2026, 11, d)
                    .expect("day")
                    .and_time(hm(h, m)),
            )
        };
        let scans = [
            (a, at(20, 22, 10)),
            (b, at(20, 22, 40)),
            // 00:00–02:00 only a; 02:00–04:00 nothing; 04:00 b scanned
            // at 21:59 the day before counts for nothing.
            (a, at(21, 1, 5)),
            (b, at(20, 21, 59)),
        ];
        let morning = at(21, 7, 0);
        let got: Vec<RoundStatus> = judge(&r, night, &scans, morning)
            .into_iter()
            .map(|d| d.status)
            .collect();
        assert_eq!(
            got,
            [
                RoundStatus::Walked,
                RoundStatus::Incomplete { missing: vec![b] },
                RoundStatus::Missed,
                RoundStatus::Missed,
            ]
        );
        assert!(got[2].is_missed() && !got[0].is_missed());
        // At 03:00 the third is under way and the fourth ahead.
        let night_time: Vec<RoundStatus> = judge(&r, night, &scans, at(21, 3, 0))
            .into_iter()
            .map(|d| d.status)
            .collect();
        assert_eq!(night_time[2], RoundStatus::Open { scanned: 0 });
        assert_eq!(night_time[3], RoundStatus::Ahead);
    }

    #[test]
    fn a_label_is_read_from_the_address_or_its_query_and_nothing_else() {
        let text = label_text("https://antt.cdlc.edu.vn/", "A1", "7KQ4M2XP");
        assert_eq!(text, "https://antt.cdlc.edu.vn/gate/scan?c=A1&k=7KQ4M2XP");
        assert_eq!(
            read_label(&text),
            Some(("A1".to_owned(), "7KQ4M2XP".to_owned()))
        );
        assert_eq!(
            read_label("c=a1&k=7kq4m2xp"),
            Some(("A1".to_owned(), "7KQ4M2XP".to_owned()))
        );
        assert_eq!(read_label("https://example.com/?c=A1"), None);
        assert_eq!(read_label("hello"), None);
    }

    #[test]
    fn a_scan_is_dated_by_the_phone_but_never_ahead_or_long_past() {
        let now = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).expect("time");
        assert_eq!(scan_time(None, now), Ok(now));
        let offline = now - Duration::minutes(50);
        assert_eq!(scan_time(Some(offline), now), Ok(offline));
        assert_eq!(
            scan_time(Some(now + Duration::hours(2)), now).map_err(|e| e.code),
            Err(ErrorCode::InFuture)
        );
        assert_eq!(
            scan_time(Some(now - Duration::hours(13)), now).map_err(|e| e.code),
            Err(ErrorCode::Expired)
        );
    }

    #[test]
    fn the_night_of_a_morning_began_the_evening_before() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 21).expect("day");
        assert_eq!(night_of(d.and_time(hm(3, 0))), d.pred_opt().expect("day"));
        assert_eq!(night_of(d.and_time(hm(22, 0))), d);
    }

    #[test]
    fn a_round_needs_a_name_times_a_frequency_and_checkpoints() {
        let campus = CampusId::new_v7();
        let ok = RoundInput::parse(
            campus,
            "Tuần tra đêm",
            "22:00",
            "05:00",
            "1,5",
            vec![CheckpointId::new_v7()],
        )
        .expect("valid");
        assert_eq!(ok.every_minutes, 90);
        let bad =
            RoundInput::parse(campus, " ", "25:00", "05:00", "0", vec![]).expect_err("refused");
        let fields: Vec<&str> = bad.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "starts", "every", "checkpoints"]);
        let cp = CheckpointInput::parse(campus, " a1 ", "Cổng chính").expect("valid");
        assert_eq!(cp.code, "A1");
        assert!(CheckpointInput::parse(campus, "A 1", "").is_err());
    }
}
