//! Checklists a unit keeps and the rounds it schedules: the questions and
//! how they are judged, how often a round comes, and when one is late.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::equipment::{Answer, EquipmentEventKind, EquipmentKind};
use crate::{
    ErrorCode, InspectionScheduleId, InspectionTemplateId, PersonId, TeamId, UnitId,
    ValidationErrors, code_enum,
};

/// At most this many questions in a checklist.
pub const MAX_QUESTIONS: usize = 30;
/// At most this many characters in a question.
const MAX_QUESTION_CHARS: usize = 200;

/// What a number answer must lie within to pass; either end may be open.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Range {
    fn holds(self, v: f64) -> bool {
        self.min.is_none_or(|m| v >= m) && self.max.is_none_or(|m| v <= m)
    }
}

/// One question: answered yes, no or not applicable, or with a number
/// (a pressure, a count of days kept) judged against its range.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub text: String,
    pub number: Option<Range>,
}

/// The answer given to one question.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reply {
    Answer(Answer),
    Number(f64),
}

impl Reply {
    /// Reads an answer as the form sends it: `yes`, `no`, `na` for a
    /// yes/no question, a number (`1,5` or `1.5`) for a number question.
    pub fn parse(question: &Question, text: &str) -> Option<Self> {
        match question.number {
            None => Answer::parse(text).map(Self::Answer),
            Some(_) => number(text).map(Self::Number),
        }
    }
}

fn number(text: &str) -> Option<f64> {
    let t = text.trim().replace(',', ".");
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn number_text(v: f64) -> String {
    let s = format!("{v}");
    s.replace('.', ",")
}

/// Reads a checklist as the office writes it, one question per line; a
/// number question ends with `[số]`, `[số 1–1,6]`, `[số ≥ 30]` or
/// `[số ≤ 5]`. Blank lines are passed over.
pub fn parse_questions(text: &str) -> Result<Vec<Question>, ValidationErrors> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let question = parse_question(line)
            .ok_or_else(|| ValidationErrors::single("questions", ErrorCode::Invalid))?;
        if question.text.chars().count() > MAX_QUESTION_CHARS
            || crate::text::has_hidden_control(&question.text)
        {
            return Err(ValidationErrors::single("questions", ErrorCode::TooLong));
        }
        out.push(question);
    }
    if out.is_empty() {
        return Err(ValidationErrors::single("questions", ErrorCode::Required));
    }
    if out.len() > MAX_QUESTIONS {
        return Err(ValidationErrors::single("questions", ErrorCode::TooMany));
    }
    Ok(out)
}

fn parse_question(line: &str) -> Option<Question> {
    let Some(open) = line.rfind('[').filter(|_| line.ends_with(']')) else {
        return Some(Question {
            text: line.to_owned(),
            number: None,
        });
    };
    let text = line[..open].trim();
    let spec = line[open + 1..line.len() - 1].trim();
    let rest = spec
        .strip_prefix("số")
        .or_else(|| spec.strip_prefix("Số"))?
        .trim();
    let range = if rest.is_empty() {
        Range {
            min: None,
            max: None,
        }
    } else if let Some(v) = rest.strip_prefix('≥').or_else(|| rest.strip_prefix(">=")) {
        Range {
            min: Some(number(v)?),
            max: None,
        }
    } else if let Some(v) = rest.strip_prefix('≤').or_else(|| rest.strip_prefix("<=")) {
        Range {
            min: None,
            max: Some(number(v)?),
        }
    } else {
        let (a, b) = rest.split_once(['–', '-'])?;
        let (min, max) = (number(a)?, number(b)?);
        (min <= max).then_some(Range {
            min: Some(min),
            max: Some(max),
        })?
    };
    (!text.is_empty()).then(|| Question {
        text: text.to_owned(),
        number: Some(range),
    })
}

/// A checklist written back as the office edits it.
pub fn questions_text(questions: &[Question]) -> String {
    questions
        .iter()
        .map(|q| match q.number {
            None => q.text.clone(),
            Some(Range { min, max }) => {
                let spec = match (min, max) {
                    (None, None) => String::new(),
                    (Some(a), None) => format!(" ≥ {}", number_text(a)),
                    (None, Some(b)) => format!(" ≤ {}", number_text(b)),
                    (Some(a), Some(b)) => format!(" {}–{}", number_text(a), number_text(b)),
                };
                format!("{} [số{spec}]", q.text)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The checklist a kind of item is checked by until the unit writes its
/// own.
pub fn default_questions(kind: EquipmentKind) -> Vec<Question> {
    kind.checklist()
        .iter()
        .map(|t| Question {
            text: (*t).to_owned(),
            number: None,
        })
        .collect()
}

/// A check answered question by question: in order when every answer
/// passes; otherwise failed, with what failed (and the note) as the
/// history and the fault say.
pub fn judge(
    questions: &[Question],
    replies: &[Option<Reply>],
    note: &str,
) -> Result<(EquipmentEventKind, String), ValidationErrors> {
    if replies.len() != questions.len() || replies.iter().any(Option::is_none) {
        return Err(ValidationErrors::single("answers", ErrorCode::Required));
    }
    let mut failed = Vec::new();
    let mut readings = Vec::new();
    for (q, r) in questions.iter().zip(replies.iter().flatten()) {
        match (*r, q.number) {
            (Reply::Answer(Answer::No), _) => failed.push(q.text.clone()),
            (Reply::Number(v), Some(range)) => {
                if range.holds(v) {
                    readings.push(format!("{}: {}", q.text, number_text(v)));
                } else {
                    failed.push(format!("{}: {}", q.text, number_text(v)));
                }
            }
            (Reply::Number(_), None) | (Reply::Answer(_), Some(_)) => {
                return Err(ValidationErrors::single("answers", ErrorCode::Invalid));
            }
            (Reply::Answer(_), None) => {}
        }
    }
    let note = note.trim();
    let mut parts = Vec::new();
    let kind = if failed.is_empty() {
        EquipmentEventKind::Checked
    } else {
        parts.push(format!("Không đạt: {}", failed.join("; ")));
        EquipmentEventKind::CheckFailed
    };
    if !readings.is_empty() {
        parts.push(readings.join("; "));
    }
    if !note.is_empty() {
        parts.push(note.to_owned());
    }
    Ok((kind, parts.join(". ")))
}

/// A checklist of the unit: for the items of one kind (it replaces that
/// kind's default), or for a place with no item to scan (the
/// dormitory's fire check).
#[derive(Clone, Debug, PartialEq)]
pub struct InspectionTemplate {
    pub id: InspectionTemplateId,
    pub unit_id: UnitId,
    pub name: String,
    pub kind: Option<EquipmentKind>,
    pub questions: Vec<Question>,
}

code_enum!(
    /// How often a round comes.
    Frequency {
        /// Once each calendar month.
        Monthly => "monthly",
        /// Once each quarter (January, April, July, October).
        Quarterly => "quarterly",
        /// Every so many days from the first day.
        EveryDays => "every_days",
    }
);

/// Who a round is given to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Assignee {
    Person(PersonId),
    Team(TeamId),
}

/// A round of checks that comes again: the items of a kind (or a place's
/// checklist) at a campus and place, how often, given to whom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InspectionSchedule {
    pub id: InspectionScheduleId,
    pub unit_id: UnitId,
    pub name: String,
    /// The items of this kind are checked, by the unit's checklist of the
    /// kind; none for a place's checklist.
    pub kind: Option<EquipmentKind>,
    /// The place's checklist when `kind` is none.
    pub template_id: Option<InspectionTemplateId>,
    pub campus_id: Option<crate::CampusId>,
    /// Items whose place holds these words (none: the whole campus).
    pub place: String,
    pub frequency: Frequency,
    /// For [`Frequency::EveryDays`].
    pub every_days: u32,
    pub starts_on: NaiveDate,
    pub assignee: Assignee,
}

/// A period of a schedule: from its first day up to (not including) its
/// end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// The last day a round of the period may be done on.
    pub fn due(self) -> NaiveDate {
        self.end.pred_opt().unwrap_or(self.end)
    }
}

impl InspectionSchedule {
    /// The period `day` falls in.
    pub fn period(&self, day: NaiveDate) -> Period {
        match self.frequency {
            Frequency::Monthly => {
                let start = day.with_day(1).unwrap_or(day);
                Period {
                    start,
                    end: start + Months::new(1),
                }
            }
            Frequency::Quarterly => {
                let month = (day.month0() / 3) * 3 + 1;
                let start = NaiveDate::from_ymd_opt(day.year(), month, 1).unwrap_or(day);
                Period {
                    start,
                    end: start + Months::new(3),
                }
            }
            Frequency::EveryDays => {
                let n = i64::from(self.every_days.max(1));
                let since = (day - self.starts_on).num_days();
                let k = since.div_euclid(n);
                let start = self.starts_on + chrono::Duration::days(k * n);
                Period {
                    start,
                    end: start + Days::new(n.unsigned_abs()),
                }
            }
        }
    }

    /// The period before the one `day` falls in, if the schedule had
    /// begun by then.
    pub fn previous(&self, day: NaiveDate) -> Option<Period> {
        let this = self.period(day);
        let before = this.start.pred_opt()?;
        let prev = self.period(before);
        (prev.start >= self.period(self.starts_on).start).then_some(prev)
    }
}

/// Where a round stands on a day: of `total` items (one for a place's
/// checklist) `done` were checked in this period; `missed` were not
/// checked in the last period either, so the round is late since
/// `late_since`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoundState {
    pub period: Period,
    pub total: usize,
    pub done: usize,
    pub missed: usize,
    pub late_since: Option<NaiveDate>,
}

impl RoundState {
    /// Judges a round from the last check of each item in its scope (for
    /// a place's checklist, the last day it was done).
    pub fn judge(
        schedule: &InspectionSchedule,
        today: NaiveDate,
        last_checks: &[Option<NaiveDate>],
    ) -> Self {
        let period = schedule.period(today);
        let previous = schedule.previous(today);
        let done = last_checks
            .iter()
            .filter(|d| d.is_some_and(|d| d >= period.start))
            .count();
        let missed = previous.map_or(0, |p| {
            last_checks
                .iter()
                .filter(|d| d.is_none_or(|d| d < p.start))
                .count()
        });
        Self {
            period,
            total: last_checks.len(),
            done,
            missed,
            late_since: previous.filter(|_| missed > 0).map(Period::due),
        }
    }

    pub fn complete(&self) -> bool {
        self.done == self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_checklist_reads_numbers_with_their_range_and_writes_back_the_same() {
        let text = "Chốt an toàn còn nguyên\nÁp suất (MPa) [số 1,2–1,6]\n\nSố ngày lưu hình [số ≥ 30]\nGhi số đồng hồ [số]";
        let qs = parse_questions(text).unwrap();
        assert_eq!(qs.len(), 4);
        assert_eq!(qs[0].number, None);
        assert_eq!(
            qs[1].number,
            Some(Range {
                min: Some(1.2),
                max: Some(1.6)
            })
        );
        assert_eq!(qs[2].text, "Số ngày lưu hình");
        assert_eq!(parse_questions(&questions_text(&qs)).unwrap(), qs);
        assert!(parse_questions("  \n ").is_err());
        assert!(parse_questions("Áp suất [số 2–1]").is_err());
        assert!(parse_questions("Áp suất [số x]").is_err());
        assert!(parse_questions(&"Câu hỏi\n".repeat(MAX_QUESTIONS + 1)).is_err());
    }

    #[test]
    fn a_number_outside_its_range_fails_the_check_and_says_the_reading() {
        let qs = parse_questions("Chốt còn nguyên\nÁp suất [số 1,2–1,6]").unwrap();
        let yes = Some(Reply::Answer(Answer::Yes));
        let (k, text) = judge(&qs, &[yes, Reply::parse(&qs[1], "1,4")], "").unwrap();
        assert_eq!(k, EquipmentEventKind::Checked);
        assert_eq!(text, "Áp suất: 1,4");
        let (k, text) = judge(&qs, &[yes, Reply::parse(&qs[1], "0.8")], "tụt áp").unwrap();
        assert_eq!(k, EquipmentEventKind::CheckFailed);
        assert_eq!(text, "Không đạt: Áp suất: 0,8. tụt áp");
        assert!(judge(&qs, &[yes, Reply::parse(&qs[1], "abc")], "").is_err());
        assert!(judge(&qs, &[yes], "").is_err());
    }

    #[test]
    fn a_default_checklist_with_a_no_fails_the_check_and_says_what() {
        let k = EquipmentKind::PowderExtinguisher;
        let qs = default_questions(k);
        let all_yes = vec![Some(Reply::Answer(Answer::Yes)); qs.len()];
        assert_eq!(
            judge(&qs, &all_yes, "").unwrap(),
            (EquipmentEventKind::Checked, String::new())
        );
        let mut one_no = all_yes.clone();
        one_no[1] = Some(Reply::Answer(Answer::No));
        one_no[3] = Some(Reply::Answer(Answer::NotApplicable));
        let (kind, text) = judge(&qs, &one_no, "mất chốt").unwrap();
        assert_eq!(kind, EquipmentEventKind::CheckFailed);
        assert_eq!(
            text,
            "Không đạt: Chốt an toàn và niêm chì còn nguyên. mất chốt"
        );
        assert!(judge(&qs, &all_yes[..1], "").is_err());
        assert!(EquipmentKind::ALL.iter().all(|k| !k.checklist().is_empty()));
    }

    fn schedule(frequency: Frequency, every_days: u32, starts_on: NaiveDate) -> InspectionSchedule {
        InspectionSchedule {
            id: InspectionScheduleId::new_v7(),
            unit_id: UnitId::new_v7(),
            name: "Kiểm tra".into(),
            kind: Some(EquipmentKind::PowderExtinguisher),
            template_id: None,
            campus_id: None,
            place: String::new(),
            frequency,
            every_days,
            starts_on,
            assignee: Assignee::Team(TeamId::new_v7()),
        }
    }

    #[test]
    fn periods_are_months_quarters_or_every_n_days_from_the_start() {
        let m = schedule(Frequency::Monthly, 0, day(2026, 1, 1));
        assert_eq!(
            m.period(day(2026, 11, 21)),
            Period {
                start: day(2026, 11, 1),
                end: day(2026, 12, 1)
            }
        );
        assert_eq!(m.period(day(2026, 11, 21)).due(), day(2026, 11, 30));
        let q = schedule(Frequency::Quarterly, 0, day(2026, 1, 1));
        assert_eq!(q.period(day(2026, 11, 21)).start, day(2026, 10, 1));
        assert_eq!(
            q.previous(day(2026, 11, 21)).unwrap().start,
            day(2026, 7, 1)
        );
        let w = schedule(Frequency::EveryDays, 7, day(2026, 11, 2));
        assert_eq!(w.period(day(2026, 11, 21)).start, day(2026, 11, 16));
        assert_eq!(w.period(day(2026, 11, 21)).end, day(2026, 11, 23));
        // Before its first period the schedule has no previous one.
        assert_eq!(w.previous(day(2026, 11, 5)), None);
    }

    #[test]
    fn a_round_is_late_only_for_items_that_missed_the_whole_last_period() {
        let m = schedule(Frequency::Monthly, 0, day(2026, 1, 1));
        let today = day(2026, 11, 21);
        let checks = [
            Some(day(2026, 11, 3)),  // done this month
            Some(day(2026, 10, 20)), // done last month: due by 30/11
            Some(day(2026, 9, 30)),  // missed October: late
            None,                    // never checked: late
        ];
        let s = RoundState::judge(&m, today, &checks);
        assert_eq!((s.total, s.done, s.missed), (4, 1, 2));
        assert_eq!(s.late_since, Some(day(2026, 10, 31)));
        assert!(!s.complete());
        let fresh = schedule(Frequency::Monthly, 0, day(2026, 11, 1));
        assert_eq!(RoundState::judge(&fresh, today, &[None]).late_since, None);
    }
}
