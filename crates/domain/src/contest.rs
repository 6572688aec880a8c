//! The law contest (cuộc thi tìm hiểu pháp luật): a question bank read from
//! a sheet (single and multiple choice), a window of days, the questions one
//! attempt draws, and how an attempt is scored.

use std::collections::HashSet;

use chrono::NaiveDate;

use chrono::{DateTime, Duration, Utc};

use crate::ids::{ContestId, PersonId, QuestionId, UnitId};
use crate::sheet::{Cell, ColumnKind, Problem, Sheet, find_table};
use crate::text::{self, search_key};
use crate::validation::{ErrorCode, ValidationErrors};

crate::code_enum!(
    /// How many choices of a question are right.
    QuestionKind {
        /// One right choice: a radio button.
        Single => "single",
        /// One or more right choices, all to be ticked.
        Multiple => "multiple",
    }
);

/// Choices a question may have: A to F.
pub const MAX_CHOICES: usize = 6;
/// Questions a bank may hold.
pub const MAX_QUESTIONS: usize = 500;
/// The longest a question or a choice may be, in characters.
const MAX_TEXT: usize = 2_000;

/// The letter of a choice: 0 → A.
pub fn letter(index: usize) -> char {
    char::from(b'A' + u8::try_from(index).unwrap_or(25).min(25))
}

/// A question to keep: its text, choices and the right ones (indices into
/// `choices`, ascending).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionInput {
    pub text: String,
    pub kind: QuestionKind,
    pub choices: Vec<String>,
    pub key: Vec<usize>,
}

impl QuestionInput {
    /// The key as letters: "B", "A, C".
    pub fn key_letters(&self) -> String {
        key_letters(&self.key)
    }
}

/// "A, C" from `[0, 2]`.
pub fn key_letters(key: &[usize]) -> String {
    key.iter()
        .map(|&i| letter(i).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A question of a bank as kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub id: QuestionId,
    /// From 1, in the order of the imported sheet.
    pub position: u32,
    pub text: String,
    pub kind: QuestionKind,
    pub choices: Vec<String>,
    pub key: Vec<usize>,
}

/// One person's attempt at a contest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    pub person_id: PersonId,
    pub started_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
    /// The questions drawn, in the order shown.
    pub questions: Vec<QuestionId>,
    pub answers: Option<Answers>,
    /// Right answers, once submitted.
    pub score: Option<u32>,
    pub total: u32,
}

/// Grace after the time limit for a phone on a slow connection to send.
pub const GRACE_MINUTES: i64 = 2;

impl Attempt {
    /// When the time allowed runs out.
    pub fn deadline(&self, minutes: u32) -> DateTime<Utc> {
        self.started_at + Duration::minutes(i64::from(minutes))
    }

    /// Whether answers sent at `now` are still taken.
    pub fn accepts(&self, minutes: u32, now: DateTime<Utc>) -> bool {
        self.submitted_at.is_none()
            && now <= self.deadline(minutes) + Duration::minutes(GRACE_MINUTES)
    }
}

/// A contest as kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contest {
    pub id: ContestId,
    pub unit_id: UnitId,
    /// The movement year it counts for.
    pub year: i32,
    pub title: String,
    /// First and last day one may take it (both included, Vietnam time).
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    /// Time allowed for one attempt.
    pub minutes: u32,
    /// Questions drawn for each attempt (all when the bank is smaller).
    pub questions_per_attempt: u32,
    /// Questions in the bank.
    pub bank_size: u32,
}

/// Where a contest stands on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Window {
    NotOpen,
    Open,
    Closed,
}

impl Contest {
    pub fn window(&self, today: NaiveDate) -> Window {
        if today < self.opens_on {
            Window::NotOpen
        } else if today > self.closes_on {
            Window::Closed
        } else {
            Window::Open
        }
    }

    /// How many questions an attempt gets.
    pub fn drawn(&self) -> u32 {
        self.questions_per_attempt.min(self.bank_size)
    }
}

/// A contest to create or the new values of one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContestInput {
    pub title: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub minutes: u32,
    pub questions_per_attempt: u32,
}

impl ContestInput {
    pub fn validate(mut self) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        // Its own field name: "title" is a plan's "trích yếu" on screen.
        if let Some(title) = errors.check(text::required("contest_title", &self.title, 300)) {
            self.title = title;
        }
        if self.closes_on < self.opens_on {
            errors.add("closes_on", ErrorCode::EndsBeforeStart);
        }
        if !(5..=180).contains(&self.minutes) {
            errors.add("minutes", ErrorCode::Invalid);
        }
        if !(1..=100).contains(&self.questions_per_attempt) {
            errors.add("questions_per_attempt", ErrorCode::Invalid);
        }
        errors.into_result().map(|()| self)
    }

    /// A new contest's defaults: twenty questions in thirty minutes, open
    /// for a fortnight from `today`.
    pub fn default_for(year: i32, today: NaiveDate) -> Self {
        Self {
            title: format!("Cuộc thi tìm hiểu pháp luật năm {year}"),
            opens_on: today,
            closes_on: today + Duration::days(13),
            minutes: 30,
            questions_per_attempt: 20,
        }
    }
}

/// A column of a question sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuestionColumn {
    Number,
    Question,
    Kind,
    /// Phương án A…F, by index.
    Choice(u8),
    Answer,
}

impl QuestionColumn {
    /// The headers of the sheet antt gives as a template.
    pub const TEMPLATE: [&'static str; 8] =
        ["STT", "Câu hỏi", "Loại", "A", "B", "C", "D", "Đáp án"];

    fn field(self) -> &'static str {
        match self {
            Self::Number => "number",
            Self::Question => "question",
            Self::Kind => "question_kind",
            Self::Choice(_) => "choice",
            Self::Answer => "answer",
        }
    }
}

impl ColumnKind for QuestionColumn {
    fn recognise(key: &str) -> Option<Self> {
        let choice = key
            .strip_prefix("phuong an ")
            .or_else(|| key.strip_prefix("dap an "))
            .or_else(|| key.strip_prefix("lua chon "))
            .unwrap_or(key);
        if choice.len() == 1
            && let Some(i) = "abcdef".find(choice)
        {
            return u8::try_from(i).ok().map(Self::Choice);
        }
        Some(match key {
            "stt" | "tt" | "cau" | "cau so" | "so tt" => Self::Number,
            "cau hoi" | "noi dung" | "noi dung cau hoi" | "de bai" => Self::Question,
            "loai" | "loai cau hoi" | "hinh thuc" => Self::Kind,
            "dap an" | "dap an dung" | "dap an chinh xac" | "dap an dung la" => Self::Answer,
            _ => return None,
        })
    }

    fn is_header(found: &[Self]) -> bool {
        found.contains(&Self::Question)
            && found.contains(&Self::Answer)
            && found.iter().any(|c| matches!(c, Self::Choice(_)))
    }

    fn identity() -> &'static [Self] {
        &[Self::Question]
    }
}

/// Why no question could be read from a file at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BankRefusal {
    /// No sheet has a header with "Câu hỏi", choice columns and "Đáp án".
    NoHeader,
    /// The table has no question rows.
    Empty,
    /// More than [`MAX_QUESTIONS`] rows.
    TooMany(usize),
    /// Rows with problems: the whole file is refused.
    Rows(Vec<Problem>),
}

/// "Một đáp án", "nhiều lựa chọn"…, or blank (decided by the key).
fn parse_kind(cell: &str) -> Result<Option<QuestionKind>, ()> {
    let key = search_key(cell);
    if key.is_empty() {
        return Ok(None);
    }
    if key.contains("nhieu") || key == "multiple" || key == "m" {
        Ok(Some(QuestionKind::Multiple))
    } else if key.contains("mot") || key == "single" || key == "1" || key == "s" {
        Ok(Some(QuestionKind::Single))
    } else {
        Err(())
    }
}

/// "B", "a, c", "A;C", "AC" → indices; `Err` on anything but letters A–F.
fn parse_key(cell: &str) -> Result<Vec<usize>, ()> {
    let mut key = Vec::new();
    for c in cell.chars() {
        match c.to_ascii_uppercase() {
            l @ 'A'..='F' => key.push(usize::from(u8::try_from(l).map_err(|_| ())? - b'A')),
            ',' | ';' | ' ' | '.' | '+' | '&' => {}
            _ => return Err(()),
        }
    }
    let len = key.len();
    key.sort_unstable();
    key.dedup();
    if key.len() == len { Ok(key) } else { Err(()) }
}

/// Reads the question bank of the first sheet that has one. Every row is
/// checked; one bad row refuses the whole file, with every problem listed.
pub fn read_bank(sheets: &[Sheet]) -> Result<Vec<QuestionInput>, BankRefusal> {
    let (sheet, table) = sheets
        .iter()
        .find_map(|s| find_table::<QuestionColumn>(s).map(|t| (s, t)))
        .ok_or(BankRefusal::NoHeader)?;
    if table.rows.is_empty() {
        return Err(BankRefusal::Empty);
    }
    if table.rows.len() > MAX_QUESTIONS {
        return Err(BankRefusal::TooMany(table.rows.len()));
    }
    let mut choice_columns: Vec<(u8, usize, String)> = table
        .columns
        .iter()
        .filter_map(|c| match c.kind {
            QuestionColumn::Choice(i) => Some((i, c.index, c.label.clone())),
            _ => None,
        })
        .collect();
    choice_columns.sort_unstable();
    let mut problems = Vec::new();
    let mut questions: Vec<QuestionInput> = Vec::new();
    let mut seen = HashSet::new();
    for row in table.rows.iter().map(|r| r.index) {
        let mut found = Vec::new();
        let mut problem = |kind: QuestionColumn, code: ErrorCode, value: &Cell| {
            let column = table
                .column(kind)
                .map(|c| (sheet.column_name(c.index), c.label.clone()));
            found.push(Problem {
                row: sheet.row_number(row),
                column,
                field: kind.field(),
                code,
                value: value.text().into_owned(),
            });
        };
        let cell = |kind: QuestionColumn| {
            table
                .column(kind)
                .map_or(&Cell::Empty, |c| sheet.cell(row, c.index))
        };
        let question = text::clean(&cell(QuestionColumn::Question).text());
        if question.chars().count() > MAX_TEXT {
            problem(QuestionColumn::Question, ErrorCode::TooLong, &Cell::Empty);
        } else if !seen.insert(search_key(&question)) {
            problem(
                QuestionColumn::Question,
                ErrorCode::Duplicate,
                cell(QuestionColumn::Question),
            );
        }
        // Choices are the filled ones, in column order; a gap (A, B, D
        // without C) would shift the letters of the key, so it is refused.
        let mut choices = Vec::new();
        let mut gap = false;
        for (i, index, _) in &choice_columns {
            let text = text::clean(&sheet.cell(row, *index).text());
            if text.is_empty() {
                gap = true;
                continue;
            }
            if gap || usize::from(*i) != choices.len() {
                problem(
                    QuestionColumn::Choice(*i),
                    ErrorCode::Invalid,
                    sheet.cell(row, *index),
                );
            }
            if text.chars().count() > MAX_TEXT {
                problem(QuestionColumn::Choice(*i), ErrorCode::TooLong, &Cell::Empty);
            }
            choices.push(text);
        }
        if choices.len() < 2 {
            let first = choice_columns.first().map_or(0, |c| c.0);
            problem(
                QuestionColumn::Choice(first),
                ErrorCode::Required,
                &Cell::Empty,
            );
        }
        let answer_cell = cell(QuestionColumn::Answer);
        let key = match parse_key(&answer_cell.text()) {
            Ok(key) if key.is_empty() => {
                problem(QuestionColumn::Answer, ErrorCode::Required, answer_cell);
                Vec::new()
            }
            Ok(key) => {
                if key.iter().any(|&k| k >= choices.len()) {
                    problem(QuestionColumn::Answer, ErrorCode::NotFound, answer_cell);
                }
                key
            }
            Err(()) => {
                problem(QuestionColumn::Answer, ErrorCode::Invalid, answer_cell);
                Vec::new()
            }
        };
        let kind_cell = cell(QuestionColumn::Kind);
        let kind = match parse_kind(&kind_cell.text()) {
            Ok(Some(kind)) => kind,
            Ok(None) if key.len() > 1 => QuestionKind::Multiple,
            Ok(None) => QuestionKind::Single,
            Err(()) => {
                problem(QuestionColumn::Kind, ErrorCode::Invalid, kind_cell);
                QuestionKind::Single
            }
        };
        if kind == QuestionKind::Single && key.len() > 1 {
            problem(QuestionColumn::Answer, ErrorCode::EitherOr, answer_cell);
        }
        if found.is_empty() {
            questions.push(QuestionInput {
                text: question,
                kind,
                choices,
                key,
            });
        } else {
            problems.append(&mut found);
        }
    }
    if problems.is_empty() {
        Ok(questions)
    } else {
        Err(BankRefusal::Rows(problems))
    }
}

/// The answers of one attempt: for each drawn question (in the order
/// shown), the ticked choices.
pub type Answers = Vec<Vec<usize>>;

/// A question counts when exactly its right choices are ticked.
pub fn is_right(key: &[usize], ticked: &[usize]) -> bool {
    let mut ticked = ticked.to_vec();
    ticked.sort_unstable();
    ticked.dedup();
    ticked == key
}

/// Right answers of an attempt: `keys` and `answers` in the order shown;
/// a question left blank is wrong.
pub fn score(keys: &[&[usize]], answers: &Answers) -> u32 {
    let right = keys
        .iter()
        .zip(answers.iter().chain(std::iter::repeat(&Vec::new())))
        .filter(|(key, ticked)| is_right(key, ticked))
        .count();
    u32::try_from(right).unwrap_or(u32::MAX)
}

/// Score out of ten with one decimal, as Vietnamese schools mark: 7,5.
pub fn mark(right: u32, total: u32) -> String {
    if total == 0 {
        return "0".into();
    }
    let tenths = (u64::from(right) * 100 + u64::from(total) / 2) / u64::from(total);
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!("{},{}", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "Câu hỏi".into(),
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| {
                            if c.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text((*c).to_owned())
                            }
                        })
                        .collect()
                })
                .collect(),
            origin: (0, 0),
            legacy: None,
        }
    }

    const HEADER: &[&str] = &["STT", "Câu hỏi", "Loại", "A", "B", "C", "D", "Đáp án"];

    #[test]
    fn a_bank_is_read_with_its_kinds_and_keys() {
        let s = sheet(&[
            &["CÂU HỎI THI TÌM HIỂU PHÁP LUẬT"],
            HEADER,
            &[
                "1",
                "Độ tuổi được lái xe máy?",
                "",
                "16",
                "18",
                "20",
                "",
                "B",
            ],
            &[
                "2",
                "Hành vi bị cấm?",
                "Nhiều đáp án",
                "Sử dụng ma túy",
                "Đội mũ bảo hiểm",
                "Đánh bạc",
                "",
                "a, c",
            ],
            &["3", "Gọi cứu hỏa số mấy?", "", "113", "114", "115", "", "B"],
        ]);
        let bank = read_bank(&[s]).expect("read");
        assert_eq!(bank.len(), 3);
        assert_eq!(bank[0].kind, QuestionKind::Single);
        assert_eq!(bank[0].choices, ["16", "18", "20"]);
        assert_eq!(bank[0].key, [1]);
        assert_eq!(bank[1].kind, QuestionKind::Multiple);
        assert_eq!(bank[1].key_letters(), "A, C");
    }

    #[test]
    fn a_wrong_key_refuses_the_whole_file_with_row_and_reason() {
        let s = sheet(&[
            HEADER,
            &["1", "Câu đúng", "", "x", "y", "", "", "A"],
            &["2", "Đáp án ngoài phương án", "", "x", "y", "", "", "D"],
            &[
                "3",
                "Một đáp án mà ghi hai",
                "Một đáp án",
                "x",
                "y",
                "z",
                "",
                "A,B",
            ],
            &["4", "Không có đáp án", "", "x", "y", "", "", ""],
            &["5", "Đáp án lạ", "", "x", "y", "", "", "đúng"],
            &["6", "Thiếu phương án", "", "x", "", "", "", "A"],
            &["7", "Phương án cách quãng", "", "x", "", "z", "", "A"],
            &["8", "Câu đúng", "", "x", "y", "", "", "B"],
        ]);
        let Err(BankRefusal::Rows(problems)) = read_bank(&[s]) else {
            panic!("refused");
        };
        let found: Vec<(usize, &str, ErrorCode)> =
            problems.iter().map(|p| (p.row, p.field, p.code)).collect();
        assert_eq!(
            found,
            [
                (3, "answer", ErrorCode::NotFound),
                (4, "answer", ErrorCode::EitherOr),
                (5, "answer", ErrorCode::Required),
                (6, "answer", ErrorCode::Invalid),
                (7, "choice", ErrorCode::Required),
                (8, "choice", ErrorCode::Invalid),
                (9, "question", ErrorCode::Duplicate),
            ]
        );
        assert_eq!(problems[0].column, Some(("H".into(), "Đáp án".into())));
        assert_eq!(problems[0].value, "D");
    }

    #[test]
    fn a_file_without_the_header_or_rows_is_refused() {
        assert_eq!(
            read_bank(&[sheet(&[&["Họ và tên", "Lớp"]])]),
            Err(BankRefusal::NoHeader)
        );
        assert_eq!(read_bank(&[sheet(&[HEADER])]), Err(BankRefusal::Empty));
    }

    #[test]
    fn only_exactly_the_right_choices_count() {
        let keys: [&[usize]; 3] = [&[1], &[0, 2], &[3]];
        assert_eq!(score(&keys, &vec![vec![1], vec![2, 0], vec![3]]), 3);
        assert_eq!(score(&keys, &vec![vec![1], vec![0], vec![3, 2]]), 1);
        assert_eq!(score(&keys, &vec![vec![1]]), 1, "blank answers are wrong");
        assert_eq!(mark(15, 20), "7,5");
        assert_eq!(mark(20, 20), "10");
        assert_eq!(mark(2, 3), "6,7");
        assert_eq!(mark(0, 0), "0");
    }

    #[test]
    fn a_contest_has_a_window_and_sane_limits() {
        let c = ContestInput::default_for(2026, NaiveDate::from_ymd_opt(2026, 11, 2).expect("day"));
        assert!(c.clone().validate().is_ok());
        let bad = ContestInput {
            closes_on: c.opens_on.pred_opt().expect("day"),
            minutes: 0,
            questions_per_attempt: 0,
            ..c
        }
        .validate()
        .expect_err("refused");
        assert_eq!(bad.for_field("closes_on"), Some(ErrorCode::EndsBeforeStart));
        assert_eq!(bad.for_field("minutes"), Some(ErrorCode::Invalid));
        assert_eq!(
            bad.for_field("questions_per_attempt"),
            Some(ErrorCode::Invalid)
        );
    }
}
