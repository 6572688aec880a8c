//! The movement plan (Kế hoạch) of a unit for a year, and its tasks.
//!
//! A plan is a document and data at once: its text (legal bases, purposes,
//! content sections, the reporting duty, recipients, signer) is kept as it
//! will be printed, and its tasks are rows that are assigned, tracked and
//! reported on. The movement year of plan `Y` runs from 16/11 of `Y - 1` to
//! 15/11 of `Y` (Decision 510, the yearly report is due by 15/11).

use crate::time::MovementYear;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use chrono::{DateTime, Utc};

use crate::ids::{DepartmentId, PersonId, PlanId, PlanTaskId, TaskNoteId, UnitId, UserId};
use crate::text;
use crate::validation::{ErrorCode, ValidationError, ValidationErrors};

crate::code_enum!(
    /// Where a plan is in its life.
    PlanState {
        /// Being written; everything may change.
        Draft => "draft",
        /// Signed and issued; its text is fixed, its tasks go on.
        Approved => "approved",
        /// The year is over; nothing changes any more.
        Closed => "closed",
    }
);

impl PlanState {
    /// Whether the text of the plan may still change.
    pub const fn text_editable(self) -> bool {
        matches!(self, Self::Draft)
    }

    /// Whether tasks may be added, changed and reported on.
    pub const fn tasks_open(self) -> bool {
        !matches!(self, Self::Closed)
    }

    /// The state a plan may move to from this one.
    pub const fn next(self) -> Option<Self> {
        match self {
            Self::Draft => Some(Self::Approved),
            Self::Approved => Some(Self::Closed),
            Self::Closed => None,
        }
    }
}

crate::code_enum!(
    /// How often a task falls due.
    Recurrence {
        /// At the end of every month.
        Monthly => "monthly",
        /// At the end of every quarter.
        Quarterly => "quarterly",
        /// The day before each public holiday (1/1, Tết, 30/4, 2/9).
        BeforeHolidays => "before_holidays",
    }
);

crate::code_enum!(
    /// Where a task stands.
    TaskStatus {
        Planned => "planned",
        InProgress => "in_progress",
        Done => "done",
        /// No longer needed (with a note saying why).
        Dropped => "dropped",
    }
);

impl TaskStatus {
    pub const fn is_finished(self) -> bool {
        matches!(self, Self::Done | Self::Dropped)
    }
}

/// The first day of Tết Nguyên đán (lunar new year) by Gregorian year.
const TET: &[(i32, u32, u32)] = &[
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 3),
    (2031, 1, 23),
    (2032, 2, 11),
    (2033, 1, 31),
    (2034, 2, 19),
    (2035, 2, 8),
];

/// The public holidays a "before each holiday" task prepares for, in a
/// Gregorian year: Tết Dương lịch, Tết Nguyên đán, 30/4 and 2/9.
pub fn holidays(year: i32) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = [(1, 1), (4, 30), (9, 2)]
        .iter()
        .filter_map(|&(m, d)| NaiveDate::from_ymd_opt(year, m, d))
        .collect();
    days.extend(
        TET.iter()
            .filter(|(y, _, _)| *y == year)
            .filter_map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
    );
    days.sort_unstable();
    days
}

impl Recurrence {
    /// The days this task falls due within the movement year of `year`.
    pub fn due_dates(self, year: i32) -> Vec<NaiveDate> {
        let (start, end) = (
            MovementYear::saturating(year).first_day(),
            MovementYear::saturating(year).last_day(),
        );
        let month_ends = |months: &[u32]| -> Vec<NaiveDate> {
            months
                .iter()
                .filter_map(|&m| last_day_of_month(year, m))
                .chain([end])
                .collect()
        };
        let mut days = match self {
            Self::Monthly => month_ends(&(1..=10).collect::<Vec<_>>()),
            Self::Quarterly => month_ends(&[3, 6, 9]),
            Self::BeforeHolidays => holidays(year - 1)
                .into_iter()
                .chain(holidays(year))
                .filter_map(|day| day.checked_sub_days(Days::new(1)))
                .collect(),
        };
        days.retain(|d| *d >= start && *d <= end);
        days.sort_unstable();
        days.dedup();
        days
    }
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next?.pred_opt()
}

/// One numbered section of the plan: "I. MỤC ĐÍCH, YÊU CẦU" and its text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSection {
    /// The title without its Roman numeral: "Mục đích, yêu cầu".
    pub title: String,
    /// The text, one paragraph per line. A short line that starts with a
    /// number ("1. Mục đích:", "1.1. Thi đua…") is a clause heading.
    pub text: String,
}

/// What the plan asks to be reported, to whom, by when.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDuty {
    pub what: String,
    pub to: String,
    pub due: Option<NaiveDate>,
}

/// Who signs the plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSigner {
    /// "KT. HIỆU TRƯỞNG" when a deputy signs for the head.
    pub authority: Option<String>,
    pub title: String,
    pub name: String,
}

/// The text of a plan, as it is printed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanContent {
    /// The body above the unit, printed above its name: "UBND TỈNH LÀO CAI".
    pub parent_body: Option<String>,
    /// The unit's name as printed in the header.
    pub issuing_body: String,
    /// The number, given when the plan is registered.
    pub number: Option<u32>,
    /// The symbol after "Số: …/": "KH-CĐLC".
    pub symbol: String,
    pub place: String,
    /// The day it is signed; blank until then.
    pub signed_on: Option<NaiveDate>,
    /// The subject under "KẾ HOẠCH".
    pub title: String,
    /// "Căn cứ …", one per line.
    pub bases: Vec<String>,
    /// The sentence before the first section.
    pub preamble: String,
    pub sections: Vec<PlanSection>,
    pub report: ReportDuty,
    /// The closing sentence after the last section.
    pub closing: String,
    /// "Nơi nhận", one per line, the last usually "Lưu: VT, VP".
    pub recipients: Vec<String>,
    pub signer: PlanSigner,
}

/// A line of a section's text, as it is printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// "1. Mục đích:", "1.1. Thi đua…": a numbered clause heading (bold).
    Clause(&'a str),
    Paragraph(&'a str),
}

/// A clause heading is a line of at most this many characters that starts
/// with a number such as "2." or "1.1.".
const CLAUSE_MAX: usize = 160;

/// The lines of a section's text; blank lines are dropped.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            if is_clause(line) {
                Line::Clause(line)
            } else {
                Line::Paragraph(line)
            }
        })
        .collect()
}

fn is_clause(line: &str) -> bool {
    let numbering = line
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(line, |(i, _)| &line[..i]);
    numbering.starts_with(|c: char| c.is_ascii_digit())
        && numbering.ends_with('.')
        && line[numbering.len()..].starts_with(' ')
        && line.chars().count() <= CLAUSE_MAX
}

/// The Roman numeral of a section: 1 → "I".
pub fn roman(n: usize) -> String {
    const NUMERALS: &[(usize, &str)] = &[(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut n = n.min(39);
    let mut out = String::new();
    for &(value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// Cleans a multi-line text: each line cleaned, blank lines dropped.
pub fn clean_text(text: &str) -> String {
    text.lines()
        .map(text::clean)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Lines of a list typed one per line (bases, recipients).
pub fn list_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(text::clean)
        .map(|line| line.trim_start_matches(['-', '+', '•', ' ']).to_owned())
        .filter(|line| !line.is_empty())
        .collect()
}

const TEXT_MAX: usize = 20_000;
const LINE_MAX: usize = 500;

impl PlanContent {
    /// Checks the content typed on the plan form.
    pub fn validate(mut self) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let mut required = |field: &'static str, value: &mut String, max: usize| {
            if let Some(v) = errors.check(text::required(field, value, max)) {
                *value = v;
            }
        };
        required("issuing_body", &mut self.issuing_body, 200);
        required("symbol", &mut self.symbol, 40);
        required("place", &mut self.place, 100);
        required("title", &mut self.title, LINE_MAX);
        required("signer_title", &mut self.signer.title, 100);
        required("signer_name", &mut self.signer.name, 100);
        self.parent_body = errors
            .check(text::optional(
                "parent_body",
                self.parent_body.as_deref(),
                200,
            ))
            .flatten();
        self.signer.authority = errors
            .check(text::optional(
                "signer_authority",
                self.signer.authority.as_deref(),
                100,
            ))
            .flatten();
        if self.symbol.contains(char::is_whitespace) {
            errors.add("symbol", ErrorCode::InvalidCode);
        }
        self.symbol = self.symbol.to_uppercase();
        if self.number == Some(0) {
            errors.add("number", ErrorCode::Invalid);
        }
        for (field, list) in [
            ("bases", &mut self.bases),
            ("recipients", &mut self.recipients),
        ] {
            list.retain(|line| !line.trim().is_empty());
            if list.iter().any(|line| line.chars().count() > LINE_MAX) {
                errors.add(field, ErrorCode::TooLong);
            }
        }
        self.preamble = clean_text(&self.preamble);
        self.closing = clean_text(&self.closing);
        self.report.what = text::clean(&self.report.what);
        self.report.to = text::clean(&self.report.to);
        if self.sections.iter().all(|s| s.title.trim().is_empty()) {
            errors.add("sections", ErrorCode::Required);
        }
        self.sections
            .retain(|s| !(s.title.trim().is_empty() && s.text.trim().is_empty()));
        for section in &mut self.sections {
            section.title = text::clean(&section.title);
            section.text = clean_text(&section.text);
            if section.title.is_empty() {
                errors.add("sections", ErrorCode::Required);
            }
            if section.text.chars().count() > TEXT_MAX || section.title.chars().count() > LINE_MAX {
                errors.add("sections", ErrorCode::TooLong);
            }
        }
        errors.into_result().map(|()| self)
    }
}

/// A plan of a unit for a year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub id: PlanId,
    pub unit_id: UnitId,
    pub year: i32,
    pub state: PlanState,
    pub content: PlanContent,
}

/// Checks a plan year typed in a form or on the command line.
pub fn parse_year(text: &str) -> Result<i32, ValidationError> {
    MovementYear::parse(text)
        .map(MovementYear::number)
        .ok_or(ValidationError::new("year", ErrorCode::Invalid))
}

/// A task of a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanTask {
    pub id: PlanTaskId,
    pub unit_id: UnitId,
    pub plan_id: PlanId,
    /// The section it belongs to, counted from 1.
    pub section: u16,
    pub title: String,
    /// The department in charge; `None` means every department.
    pub department_id: Option<DepartmentId>,
    /// The person in charge, if one is named.
    pub person_id: Option<PersonId>,
    /// Departments that co-operate.
    pub partner_ids: Vec<DepartmentId>,
    pub due_on: Option<NaiveDate>,
    pub recurrence: Option<Recurrence>,
    pub status: TaskStatus,
    /// The day of the last progress note, if any.
    pub last_progress_on: Option<NaiveDate>,
    /// A police body's task given to one kind of unit only; `None` is
    /// every unit under it (and always for a unit's own task).
    pub for_kind: Option<crate::unit::UnitKind>,
}

/// A task to create or the new values of one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskInput {
    pub section: u16,
    pub title: String,
    pub department_id: Option<DepartmentId>,
    pub person_id: Option<PersonId>,
    pub partner_ids: Vec<DepartmentId>,
    pub due_on: Option<NaiveDate>,
    pub recurrence: Option<Recurrence>,
    /// For a police body's plan: the kind of unit the task is given to
    /// (`None`: every unit under it).
    pub for_kind: Option<crate::unit::UnitKind>,
}

impl TaskInput {
    /// Checks a task against its plan: the section exists, the due date is
    /// a real date within the movement year, a task is either dated or
    /// recurring, and a department does not co-operate with itself.
    pub fn validate(mut self, plan: &Plan) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if let Some(title) = errors.check(text::required("title", &self.title, 1_000)) {
            self.title = title;
        }
        if self.section == 0 || usize::from(self.section) > plan.content.sections.len() {
            errors.add("section", ErrorCode::Invalid);
        }
        if let Some(due) = self.due_on
            && !(MovementYear::saturating(plan.year).first_day()
                ..=MovementYear::saturating(plan.year).last_day() + Days::new(46))
                .contains(&due)
        {
            errors.add("due_on", ErrorCode::OutsideYear);
        }
        if self.due_on.is_some() && self.recurrence.is_some() {
            errors.add("recurrence", ErrorCode::EitherOr);
        }
        if self
            .for_kind
            .is_some_and(crate::unit::UnitKind::is_authority)
        {
            errors.add("for_kind", ErrorCode::Invalid);
        }
        self.partner_ids.sort_unstable();
        self.partner_ids.dedup();
        if let Some(own) = self.department_id {
            self.partner_ids.retain(|p| *p != own);
        }
        errors.into_result().map(|()| self)
    }
}

/// Where a task stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Finished,
    /// A due day has passed without the task done (or, for a recurring
    /// task, without a progress note in that period).
    Overdue {
        since: NaiveDate,
    },
    /// Due within the next week.
    DueSoon {
        on: NaiveDate,
    },
    OnTrack {
        next: Option<NaiveDate>,
    },
}

/// How many days ahead a task counts as due soon.
pub const DUE_SOON_DAYS: u64 = 7;

impl PlanTask {
    /// Where the task stands on `today` in plan year `year`.
    pub fn standing(&self, year: i32, today: NaiveDate) -> Standing {
        if self.status.is_finished() && self.recurrence.is_none() {
            return Standing::Finished;
        }
        let soon = today + Days::new(DUE_SOON_DAYS);
        match self.recurrence {
            None => match self.due_on {
                Some(due) if due < today => Standing::Overdue { since: due },
                Some(due) if due <= soon => Standing::DueSoon { on: due },
                next => Standing::OnTrack { next },
            },
            Some(_) if self.status == TaskStatus::Dropped => Standing::Finished,
            Some(recurrence) => {
                let dates = recurrence.due_dates(year);
                // The last period that has ended: was there progress in it?
                let passed: Vec<&NaiveDate> = dates.iter().filter(|d| **d < today).collect();
                if let Some(&&last_due) = passed.last() {
                    let period_start = passed
                        .len()
                        .checked_sub(2)
                        .and_then(|i| passed.get(i))
                        .map_or(MovementYear::saturating(year).first_day(), |d| {
                            **d + Days::new(1)
                        });
                    let reported = self.last_progress_on.is_some_and(|day| day >= period_start);
                    if !reported {
                        return Standing::Overdue { since: last_due };
                    }
                }
                match dates.into_iter().find(|d| *d >= today) {
                    Some(next) if next <= soon => Standing::DueSoon { on: next },
                    next => Standing::OnTrack { next },
                }
            }
        }
    }
}

/// A progress note on a task: what was done, with its evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskNote {
    pub id: TaskNoteId,
    pub task_id: PlanTaskId,
    pub user_id: Option<UserId>,
    pub author_name: String,
    pub written_at: DateTime<Utc>,
    pub body: String,
    /// The status the task moved to with this note, if it changed.
    pub status: Option<TaskStatus>,
    /// A link to the evidence: a page of antt ("/sessions/…") or a web address.
    pub link: Option<String>,
    /// The name of an attached file, if any.
    pub file_name: Option<String>,
}

/// The largest evidence file kept with a note.
pub const NOTE_FILE_MAX: usize = 20 * 1024 * 1024;

/// A progress note to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteInput {
    pub body: String,
    pub status: Option<TaskStatus>,
    pub link: Option<String>,
    /// File name and bytes.
    pub file: Option<(String, Vec<u8>)>,
}

impl NoteInput {
    /// Checks a note: some text; a link that is a page of antt or a web
    /// address; a file that is not too large and has a name.
    pub fn validate(mut self) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        self.body = clean_text(&self.body);
        if self.body.is_empty() {
            errors.add("body", ErrorCode::Required);
        } else if self.body.chars().count() > 5_000 {
            errors.add("body", ErrorCode::TooLong);
        }
        self.link = self
            .link
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty());
        if let Some(link) = &self.link {
            let web = link.starts_with("https://") || link.starts_with("http://");
            let own = link.starts_with('/') && !link.starts_with("//");
            if !(web || own) || link.contains(char::is_whitespace) || link.len() > 2_000 {
                errors.add("link", ErrorCode::Invalid);
            }
        }
        if let Some((name, bytes)) = &mut self.file {
            *name = text::clean(name.rsplit(['/', '\\']).next().unwrap_or_default());
            if bytes.is_empty() || name.is_empty() {
                self.file = None;
            } else if bytes.len() > NOTE_FILE_MAX {
                errors.add("file", ErrorCode::FileTooLarge);
            }
        }
        errors.into_result().map(|()| self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn numbered_short_lines_are_clause_headings() {
        let text = "1. Mục đích:\nTriển khai thực hiện.\n\n1.1. Thi đua xây dựng\n+ Phối hợp\n2024 là năm bản lề\n10 học sinh tham gia.";
        assert_eq!(
            lines(text),
            vec![
                Line::Clause("1. Mục đích:"),
                Line::Paragraph("Triển khai thực hiện."),
                Line::Clause("1.1. Thi đua xây dựng"),
                Line::Paragraph("+ Phối hợp"),
                Line::Paragraph("2024 là năm bản lề"),
                Line::Paragraph("10 học sinh tham gia."),
            ]
        );
        let long = format!("1. {}", "dài ".repeat(60));
        assert_eq!(lines(&long), vec![Line::Paragraph(long.trim())]);
    }

    #[test]
    fn roman_numerals() {
        let all: Vec<String> = (1..=10).map(roman).collect();
        assert_eq!(
            all,
            ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
        );
    }

    #[test]
    fn recurring_tasks_fall_due_within_the_movement_year() {
        let quarterly = Recurrence::Quarterly.due_dates(2026);
        assert_eq!(
            quarterly,
            [
                day(2026, 3, 31),
                day(2026, 6, 30),
                day(2026, 9, 30),
                day(2026, 11, 15)
            ]
        );
        let monthly = Recurrence::Monthly.due_dates(2026);
        assert_eq!(monthly.len(), 11);
        assert_eq!(monthly.first(), Some(&day(2026, 1, 31)));
        let holidays = Recurrence::BeforeHolidays.due_dates(2026);
        assert_eq!(
            holidays,
            [
                day(2025, 12, 31),
                day(2026, 2, 16),
                day(2026, 4, 29),
                day(2026, 9, 1)
            ]
        );
    }

    fn task(recurrence: Option<Recurrence>, due_on: Option<NaiveDate>) -> PlanTask {
        PlanTask {
            id: PlanTaskId::new_v7(),
            unit_id: UnitId::new_v7(),
            plan_id: PlanId::new_v7(),
            section: 4,
            title: "Tuyên truyền".into(),
            department_id: None,
            person_id: None,
            partner_ids: Vec::new(),
            due_on,
            recurrence,
            status: TaskStatus::Planned,
            last_progress_on: None,
            for_kind: None,
        }
    }

    #[test]
    fn a_dated_task_is_overdue_after_its_day_unless_done() {
        let mut t = task(None, Some(day(2026, 3, 31)));
        assert_eq!(
            t.standing(2026, day(2026, 3, 1)),
            Standing::OnTrack {
                next: Some(day(2026, 3, 31))
            }
        );
        assert_eq!(
            t.standing(2026, day(2026, 3, 28)),
            Standing::DueSoon {
                on: day(2026, 3, 31)
            }
        );
        assert_eq!(
            t.standing(2026, day(2026, 3, 31)),
            Standing::DueSoon {
                on: day(2026, 3, 31)
            }
        );
        assert_eq!(
            t.standing(2026, day(2026, 4, 1)),
            Standing::Overdue {
                since: day(2026, 3, 31)
            }
        );
        t.status = TaskStatus::Done;
        assert_eq!(t.standing(2026, day(2026, 4, 1)), Standing::Finished);
    }

    #[test]
    fn a_recurring_task_is_overdue_when_a_period_passed_without_progress() {
        let mut t = task(Some(Recurrence::Quarterly), None);
        assert_eq!(
            t.standing(2026, day(2026, 2, 1)),
            Standing::OnTrack {
                next: Some(day(2026, 3, 31))
            }
        );
        assert_eq!(
            t.standing(2026, day(2026, 4, 2)),
            Standing::Overdue {
                since: day(2026, 3, 31)
            }
        );
        t.last_progress_on = Some(day(2026, 3, 20));
        assert_eq!(
            t.standing(2026, day(2026, 4, 2)),
            Standing::OnTrack {
                next: Some(day(2026, 6, 30))
            }
        );
        // Progress in the first quarter does not cover the second.
        assert_eq!(
            t.standing(2026, day(2026, 7, 2)),
            Standing::Overdue {
                since: day(2026, 6, 30)
            }
        );
        // A late note clears it.
        t.last_progress_on = Some(day(2026, 7, 1));
        assert!(matches!(
            t.standing(2026, day(2026, 7, 2)),
            Standing::OnTrack { .. }
        ));
        t.last_progress_on = Some(day(2026, 6, 30));
        assert!(matches!(
            t.standing(2026, day(2026, 7, 2)),
            Standing::OnTrack { .. }
        ));
        // Dropped: nothing is due any more.
        t.status = TaskStatus::Dropped;
        assert_eq!(t.standing(2026, day(2026, 10, 2)), Standing::Finished);
    }

    fn plan() -> Plan {
        Plan {
            id: PlanId::new_v7(),
            unit_id: UnitId::new_v7(),
            year: 2026,
            state: PlanState::Draft,
            content: PlanContent {
                sections: vec![PlanSection {
                    title: "Mục đích".into(),
                    text: String::new(),
                }],
                ..PlanContent::default()
            },
        }
    }

    #[test]
    fn a_task_needs_a_section_of_its_plan_and_a_date_in_its_year() {
        let input = TaskInput {
            section: 1,
            title: "  Tuyên   truyền ".into(),
            department_id: None,
            person_id: None,
            partner_ids: Vec::new(),
            due_on: Some(day(2026, 5, 1)),
            recurrence: None,
            for_kind: None,
        };
        assert_eq!(
            input.clone().validate(&plan()).map(|t| t.title),
            Ok("Tuyên truyền".into())
        );
        let bad = TaskInput {
            section: 2,
            due_on: Some(day(2030, 1, 1)),
            recurrence: Some(Recurrence::Monthly),
            for_kind: Some(crate::unit::UnitKind::WardPolice),
            ..input
        };
        let errors = bad.validate(&plan()).expect_err("refused");
        assert_eq!(
            errors.for_field("for_kind"),
            Some(ErrorCode::Invalid),
            "a task is given to units, not to police bodies"
        );
        assert_eq!(errors.for_field("section"), Some(ErrorCode::Invalid));
        assert_eq!(errors.for_field("due_on"), Some(ErrorCode::OutsideYear));
        assert_eq!(errors.for_field("recurrence"), Some(ErrorCode::EitherOr));
    }

    #[test]
    fn plan_content_is_checked_and_cleaned() {
        let content = PlanContent {
            issuing_body: " Trường  Cao đẳng Lào Cai ".into(),
            symbol: "kh-cdlc".into(),
            place: "Lào Cai".into(),
            title: "Triển khai".into(),
            sections: vec![
                PlanSection {
                    title: "Mục đích, yêu cầu".into(),
                    text: "1. Mục đích:\n\n  Triển   khai ".into(),
                },
                PlanSection::default(),
            ],
            signer: PlanSigner {
                authority: Some(" ".into()),
                title: "Hiệu trưởng".into(),
                name: "Nguyễn Văn A".into(),
            },
            ..PlanContent::default()
        };
        let content = content.validate().expect("valid");
        assert_eq!(content.issuing_body, "Trường Cao đẳng Lào Cai");
        assert_eq!(content.symbol, "KH-CDLC");
        assert_eq!(content.sections.len(), 1);
        assert_eq!(content.sections[0].text, "1. Mục đích:\nTriển khai");
        assert_eq!(content.signer.authority, None);
        let empty = PlanContent::default().validate().expect_err("refused");
        for field in [
            "issuing_body",
            "symbol",
            "place",
            "title",
            "sections",
            "signer_name",
        ] {
            assert_eq!(empty.for_field(field), Some(ErrorCode::Required), "{field}");
        }
    }
}
