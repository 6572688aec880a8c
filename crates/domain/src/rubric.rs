//! Rubrics as data: the criteria of the standard "An toàn về an ninh, trật
//! tự" (Circular 124/2021/TT-BCA) and the 100-point score sheet of the
//! movement (Decision 510/QĐ-BCA-V05), read from versioned TOML files
//! shipped in the binary or loaded from disk, or a province's own sheet
//! from a spreadsheet.
//!
//! Each check and score item may name a [`Measure`]: the figure antt
//! computes from the year's records to judge it. A file is checked whole:
//! points that do not add up, a duplicate id, thresholds out of order or an
//! unknown measure refuse it, each with the line it is on.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use toml::Spanned;

crate::code_enum!(
    /// What a rubric is.
    RubricKind {
        /// Pass/fail criteria (đạt / chưa đạt): the standard of TT 124.
        Standard => "standard",
        /// Items with points and classification levels: the QĐ 510 sheet.
        Score => "score",
    }
);

crate::code_enum!(
    /// Whom a standard applies to.
    Applies {
        /// Cơ sở giáo dục (Điều 7: six criteria).
        School => "school",
        /// Cơ quan, doanh nghiệp (Điều 6: five criteria).
        Agency => "agency",
    }
);

crate::code_enum!(
    /// A figure antt computes from the records of the movement year.
    Measure {
        /// The year's plan issued within the first quarter.
        PlanFirstQuarter => "plan_first_quarter",
        /// Registered for the standard within the first quarter.
        RegistrationFirstQuarter => "registration_first_quarter",
        /// Share of staff and of students briefed (attended a session).
        BriefingCoverage => "briefing_coverage",
        /// Models of the movement rated effective.
        EffectiveModels => "effective_models",
        /// Coordination with the police: a linked cluster or sessions with
        /// a police partner.
        PoliceCoordination => "police_coordination",
        /// Coordination with the parents' board, asked of general education
        /// only: not applicable to a school of another level.
        ParentsBoard => "parents_board",
        /// The day of the movement (19/8) held or joined.
        FestivalDay => "festival_day",
        /// Reviews held (sơ kết, tổng kết: conferences).
        ReviewsHeld => "reviews_held",
        /// Incidents of school violence (none allowed).
        SchoolViolence => "school_violence",
        /// People of the unit disciplined at warning or above (none allowed).
        DisciplineWarning => "discipline_warning",
        /// Serious incidents: serious crime, fire, state secrets (none allowed).
        SeriousIncidents => "serious_incidents",
        /// The security force rated "Hoàn thành tốt nhiệm vụ" or better.
        SecurityForceRating => "security_force_rating",
        /// Share of departments rated "Hoàn thành tốt nhiệm vụ" or better.
        DepartmentsRated => "departments_rated",
        /// Tips settled or passed on within their deadlines.
        TipsHandled => "tips_handled",
        /// Teams and models with members serving.
        ForcesServing => "forces_serving",
        /// The standard of TT 124 met this year.
        StandardMet => "standard_met",
    }
);

impl Measure {
    /// A measure of something that is or is not (the standard met, a
    /// plan in time, no serious case): an item it scores takes all its
    /// points or none, never half while the question is open.
    pub const fn all_or_nothing(self) -> bool {
        matches!(
            self,
            Self::StandardMet
                | Self::PlanFirstQuarter
                | Self::RegistrationFirstQuarter
                | Self::SchoolViolence
                | Self::DisciplineWarning
                | Self::SeriousIncidents
                | Self::SecurityForceRating
        )
    }

    /// The target a check of this measure uses when its file names none.
    pub const fn default_target(self) -> u32 {
        match self {
            Self::BriefingCoverage => 100,
            Self::DepartmentsRated => 70,
            Self::EffectiveModels | Self::ReviewsHeld | Self::FestivalDay | Self::ForcesServing => {
                1
            }
            _ => 0,
        }
    }
}

/// Points in tenths, so that half points can be given (7,5).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Points(pub u32);

impl Points {
    /// Points from a number as written (3, 2.5); `None` when negative, not
    /// finite or finer than a tenth.
    pub fn from_number(n: f64) -> Option<Self> {
        if !n.is_finite() || !(0.0..=100_000.0).contains(&n) {
            return None;
        }
        let tenths = (n * 10.0).round();
        // In range and whole: the cast is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let whole = tenths as u32;
        ((n * 10.0 - tenths).abs() < 1e-6).then_some(Self(whole))
    }

    /// Points typed by a person: "7", "7,5" or "7.5".
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim().replace(',', ".");
        if t.is_empty() || t.starts_with('+') {
            return None;
        }
        t.parse::<f64>().ok().and_then(Self::from_number)
    }

    /// The whole points and tenths, as a Vietnamese number: "7,5", "12".
    pub fn display(self) -> String {
        if self.0.is_multiple_of(10) {
            (self.0 / 10).to_string()
        } else {
            format!("{},{}", self.0 / 10, self.0 % 10)
        }
    }

    /// The points as a number: 7.5.
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 10.0
    }

    /// Half of these points, rounded down to a half point.
    #[must_use]
    pub const fn half(self) -> Self {
        Self(self.0 / 10 * 5)
    }
}

/// A check within a criterion of the standard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub id: String,
    pub text: String,
    /// The figure that judges it; `None` when only a person can confirm it
    /// (a Party resolution, internal rules).
    pub measure: Option<Measure>,
    /// A percentage or a count, by measure.
    pub target: u32,
    /// The clause it comes from and what counts, in the rubric's words
    /// ("Điều 6 khoản 3 điểm đ: … được báo ngay thì không tính").
    #[serde(default)]
    pub basis: String,
    /// The Circular asks it only "nếu có" or "nơi đủ điều kiện": a person
    /// may answer it "không áp dụng" with a reason.
    #[serde(default)]
    pub may_not_apply: bool,
}

/// A criterion of the standard: met only when all its checks are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: String,
    pub title: String,
    pub checks: Vec<Check>,
}

/// An item of the score sheet, with its parts when it has any (their
/// points add up to its own).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreItem {
    pub id: String,
    pub content: String,
    pub max: Points,
    pub measure: Option<Measure>,
    pub target: u32,
    /// Not yet read in an official text: shown as provisional.
    pub provisional: bool,
    pub parts: Vec<ScoreItem>,
}

impl ScoreItem {
    /// The items a person scores: the parts of an item that has parts,
    /// else the item itself.
    pub fn leaves(&self) -> Vec<&ScoreItem> {
        if self.parts.is_empty() {
            vec![self]
        } else {
            self.parts.iter().flat_map(ScoreItem::leaves).collect()
        }
    }
}

/// A classification level of the score sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    pub code: String,
    pub name: String,
    /// The least total that reaches it.
    pub min: Points,
    /// Reached only by a unit that met the standard this year.
    pub requires_standard: bool,
}

/// A rubric: the standard's criteria or the score sheet's items and levels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rubric {
    pub code: String,
    pub version: String,
    pub kind: RubricKind,
    pub title: String,
    pub source: String,
    pub applies: Option<Applies>,
    /// Parts of it are not confirmed by an official text.
    pub provisional: bool,
    pub criteria: Vec<Criterion>,
    pub total: Points,
    pub items: Vec<ScoreItem>,
    /// Highest first.
    pub levels: Vec<Level>,
}

impl Rubric {
    /// Every item a person scores, in order.
    pub fn leaves(&self) -> Vec<&ScoreItem> {
        self.items.iter().flat_map(ScoreItem::leaves).collect()
    }

    /// The level a total reaches; `None` below the lowest.
    pub fn classify(&self, total: Points, standard_met: bool) -> Option<&Level> {
        self.levels
            .iter()
            .find(|l| total >= l.min && (standard_met || !l.requires_standard))
    }
}

/// Why a rubric is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RubricProblem {
    /// The file is not TOML antt can read (the parser's words).
    Syntax(String),
    /// A field that must be there is missing or empty.
    Missing(&'static str),
    /// Two items, criteria, checks or levels with the same id.
    DuplicateId(String),
    /// Points that are negative or finer than a tenth.
    BadPoints,
    /// A measure antt does not compute.
    UnknownMeasure(String),
    /// An unknown kind, or a standard without criteria, a sheet without items.
    WrongKind,
    /// The items' points do not add up to the total.
    TotalMismatch { total: Points, sum: Points },
    /// An item's parts do not add up to its points.
    PartsMismatch {
        item: String,
        points: Points,
        sum: Points,
    },
    /// Levels not from the highest threshold down, or one above the total.
    ThresholdsOutOfOrder,
    /// A percentage above 100.
    BadTarget,
}

/// A problem and the line (of the file, or row of the sheet) it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RubricError {
    pub line: usize,
    pub problem: RubricProblem,
}

impl std::fmt::Display for RubricError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {:?}", self.line, self.problem)
    }
}

/// The rubrics shipped in the binary.
pub const BUILT_IN: &[&str] = &[
    include_str!("../rubrics/tt124-2021-school.toml"),
    include_str!("../rubrics/tt124-2021-agency.toml"),
    include_str!("../rubrics/qd510-2022.toml"),
];

/// The built-in rubric with this code (the files are read once).
pub fn built_in(code: &str) -> Option<Rubric> {
    static PARSED: std::sync::OnceLock<Vec<Rubric>> = std::sync::OnceLock::new();
    PARSED
        .get_or_init(|| {
            BUILT_IN
                .iter()
                .filter_map(|text| parse(text).ok())
                .collect()
        })
        .iter()
        .find(|r| r.code == code)
        .cloned()
}

/// The built-in standard for schools or agencies.
pub fn built_in_standard(applies: Applies) -> Rubric {
    let code = match applies {
        Applies::School => "tt124-2021-school",
        Applies::Agency => "tt124-2021-agency",
    };
    built_in(code).unwrap_or_else(|| unreachable_rubric(code))
}

/// The built-in score sheet of Decision 510.
pub fn built_in_score() -> Rubric {
    built_in("qd510-2022").unwrap_or_else(|| unreachable_rubric("qd510-2022"))
}

#[cold]
fn unreachable_rubric(code: &str) -> Rubric {
    // The built-in files are parsed by the tests; this is never reached.
    panic!("built-in rubric {code} does not parse")
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRubric {
    code: Option<Spanned<String>>,
    version: Option<String>,
    kind: Spanned<String>,
    title: Option<String>,
    source: Option<String>,
    applies_to: Option<Spanned<String>>,
    #[serde(default)]
    provisional: bool,
    total: Option<Spanned<f64>>,
    #[serde(default)]
    criteria: Vec<RawCriterion>,
    #[serde(default)]
    items: Vec<RawItem>,
    #[serde(default)]
    levels: Vec<RawLevel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    checks: Vec<RawCheck>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    id: Spanned<String>,
    text: String,
    measure: Option<Spanned<String>>,
    target: Option<Spanned<u32>>,
    basis: Option<String>,
    may_not_apply: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: Spanned<String>,
    content: String,
    points: Spanned<f64>,
    measure: Option<Spanned<String>>,
    target: Option<Spanned<u32>>,
    #[serde(default)]
    provisional: bool,
    #[serde(default)]
    parts: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    code: Spanned<String>,
    name: String,
    min: Spanned<f64>,
    #[serde(default)]
    requires_standard: bool,
}

/// Reads and checks a rubric file.
pub fn parse(text: &str) -> Result<Rubric, Vec<RubricError>> {
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let raw: RawRubric = toml::from_str(text).map_err(|e| {
        vec![RubricError {
            line: e.span().map_or(1, |s| line_of(s.start)),
            problem: RubricProblem::Syntax(e.message().to_owned()),
        }]
    })?;
    let mut errors = Vec::new();
    let mut fail = |span: std::ops::Range<usize>, problem| {
        errors.push(RubricError {
            line: line_of(span.start),
            problem,
        });
    };
    let kind = RubricKind::parse(raw.kind.get_ref());
    let code = raw.code.as_ref().map(|c| c.get_ref().trim().to_owned());
    if code.as_deref().is_none_or(str::is_empty) {
        fail(0..0, RubricProblem::Missing("code"));
    }
    let applies = match &raw.applies_to {
        Some(a) => {
            let found = Applies::parse(a.get_ref());
            if found.is_none() {
                fail(a.span(), RubricProblem::WrongKind);
            }
            found
        }
        None => None,
    };
    let mut criteria = Vec::new();
    let mut items = Vec::new();
    let mut levels = Vec::new();
    let mut total = Points(0);
    match kind {
        Some(RubricKind::Standard) => {
            if raw.criteria.is_empty() || !raw.items.is_empty() {
                fail(raw.kind.span(), RubricProblem::WrongKind);
            }
            let mut seen = HashSet::new();
            for c in &raw.criteria {
                let id = c.id.get_ref().trim().to_owned();
                if id.is_empty() {
                    fail(c.id.span(), RubricProblem::Missing("id"));
                } else if !seen.insert(id.clone()) {
                    fail(c.id.span(), RubricProblem::DuplicateId(id.clone()));
                }
                if c.title.trim().is_empty() {
                    fail(c.id.span(), RubricProblem::Missing("title"));
                }
                if c.checks.is_empty() {
                    fail(c.id.span(), RubricProblem::Missing("checks"));
                }
                let mut checks = Vec::new();
                for k in &c.checks {
                    let check_id = k.id.get_ref().trim().to_owned();
                    if check_id.is_empty() {
                        fail(k.id.span(), RubricProblem::Missing("id"));
                    } else if !seen.insert(check_id.clone()) {
                        fail(k.id.span(), RubricProblem::DuplicateId(check_id.clone()));
                    }
                    let m = measure(k.measure.as_ref(), &mut fail);
                    let t = target(k.target.as_ref(), m, &mut fail);
                    checks.push(Check {
                        id: check_id,
                        text: k.text.trim().to_owned(),
                        measure: m,
                        target: t,
                        basis: k.basis.as_deref().unwrap_or_default().trim().to_owned(),
                        may_not_apply: k.may_not_apply.unwrap_or(false),
                    });
                }
                criteria.push(Criterion {
                    id,
                    title: c.title.trim().to_owned(),
                    checks,
                });
            }
        }
        Some(RubricKind::Score) => {
            if raw.items.is_empty() || !raw.criteria.is_empty() {
                fail(raw.kind.span(), RubricProblem::WrongKind);
            }
            let mut seen = HashSet::new();
            let mut sum = Points(0);
            for item in &raw.items {
                let read = read_item(item, &mut seen, &mut fail);
                sum.0 += read.max.0;
                items.push(read);
            }
            match &raw.total {
                Some(t) => match Points::from_number(*t.get_ref()) {
                    Some(p) if p == sum => total = p,
                    Some(p) => fail(t.span(), RubricProblem::TotalMismatch { total: p, sum }),
                    None => fail(t.span(), RubricProblem::BadPoints),
                },
                None => fail(0..0, RubricProblem::Missing("total")),
            }
            let mut codes = HashSet::new();
            let mut above: Option<Points> = None;
            for l in &raw.levels {
                let lcode = l.code.get_ref().trim().to_owned();
                if !codes.insert(lcode.clone()) {
                    fail(l.code.span(), RubricProblem::DuplicateId(lcode.clone()));
                }
                let Some(min) = Points::from_number(*l.min.get_ref()) else {
                    fail(l.min.span(), RubricProblem::BadPoints);
                    continue;
                };
                if above.is_some_and(|a| min >= a) || min > sum {
                    fail(l.min.span(), RubricProblem::ThresholdsOutOfOrder);
                }
                above = Some(min);
                levels.push(Level {
                    code: lcode,
                    name: l.name.trim().to_owned(),
                    min,
                    requires_standard: l.requires_standard,
                });
            }
            if raw.levels.is_empty() {
                fail(raw.kind.span(), RubricProblem::Missing("levels"));
            }
        }
        None => fail(raw.kind.span(), RubricProblem::WrongKind),
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(errors);
    }
    let provisional = raw.provisional || items.iter().any(|i: &ScoreItem| i.provisional);
    Ok(Rubric {
        code: code.unwrap_or_default(),
        version: raw.version.unwrap_or_default(),
        kind: kind.unwrap_or(RubricKind::Standard),
        title: raw.title.unwrap_or_default().trim().to_owned(),
        source: raw.source.unwrap_or_default().trim().to_owned(),
        applies,
        provisional,
        criteria,
        total,
        items,
        levels,
    })
}

type Fail<'a> = dyn FnMut(std::ops::Range<usize>, RubricProblem) + 'a;

fn measure(m: Option<&Spanned<String>>, fail: &mut Fail<'_>) -> Option<Measure> {
    m.and_then(|m| {
        let found = Measure::parse(m.get_ref().trim());
        if found.is_none() {
            fail(m.span(), RubricProblem::UnknownMeasure(m.get_ref().clone()));
        }
        found
    })
}

fn target(t: Option<&Spanned<u32>>, m: Option<Measure>, fail: &mut Fail<'_>) -> u32 {
    match t {
        Some(t) => {
            let percent = matches!(
                m,
                Some(Measure::BriefingCoverage | Measure::DepartmentsRated)
            );
            if percent && *t.get_ref() > 100 {
                fail(t.span(), RubricProblem::BadTarget);
            }
            *t.get_ref()
        }
        None => m.map_or(0, Measure::default_target),
    }
}

fn read_item(raw: &RawItem, seen: &mut HashSet<String>, fail: &mut Fail<'_>) -> ScoreItem {
    let id = raw.id.get_ref().trim().to_owned();
    if id.is_empty() {
        fail(raw.id.span(), RubricProblem::Missing("id"));
    } else if !seen.insert(id.clone()) {
        fail(raw.id.span(), RubricProblem::DuplicateId(id.clone()));
    }
    if raw.content.trim().is_empty() {
        fail(raw.id.span(), RubricProblem::Missing("content"));
    }
    let max = Points::from_number(*raw.points.get_ref()).unwrap_or_else(|| {
        fail(raw.points.span(), RubricProblem::BadPoints);
        Points(0)
    });
    let m = measure(raw.measure.as_ref(), fail);
    let t = target(raw.target.as_ref(), m, fail);
    let parts: Vec<ScoreItem> = raw.parts.iter().map(|p| read_item(p, seen, fail)).collect();
    if !parts.is_empty() {
        let sum = Points(parts.iter().map(|p| p.max.0).sum());
        if sum != max {
            fail(
                raw.points.span(),
                RubricProblem::PartsMismatch {
                    item: id.clone(),
                    points: max,
                    sum,
                },
            );
        }
    }
    ScoreItem {
        provisional: raw.provisional || parts.iter().any(|p| p.provisional),
        id,
        content: raw.content.trim().to_owned(),
        max,
        measure: m,
        target: t,
        parts,
    }
}

/// An item as read from a row of a province's sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetItem {
    pub row: usize,
    pub id: String,
    pub content: String,
    pub points: Option<f64>,
    pub measure: Option<String>,
}

/// A province's score sheet from a spreadsheet: one row per item (its id
/// such as "4" or "4a", content, maximum points, optionally a measure code);
/// an item whose id starts with another item's id followed by a letter, dot
/// or dash is a part of it. Thresholds are set apart by the officer.
pub fn score_from_rows(
    code: &str,
    title: &str,
    rows: &[SheetItem],
    levels: &[Level],
) -> Result<Rubric, Vec<RubricError>> {
    use std::fmt::Write as _;
    let mut text = format!(
        "code = {}\nkind = \"score\"\ntitle = {}\nversion = \"1\"\n",
        quote(code),
        quote(title)
    );
    // Render to the file format and read it back, so that a sheet is checked
    // by exactly the rules a file is; keep the sheet's row per line.
    let mut line_rows = Vec::new();
    let mut parents: Vec<String> = Vec::new();
    let mut body = String::new();
    let mut sum = 0.0;
    for SheetItem {
        row,
        id,
        content,
        points,
        measure,
    } in rows
    {
        let id = id.trim();
        let parent = parents
            .iter()
            .find(|p| {
                id.len() > p.len()
                    && id.starts_with(p.as_str())
                    && id[p.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| matches!(c, '.' | '-') || c.is_alphabetic())
            })
            .cloned();
        let header = if parent.is_some() {
            "[[items.parts]]"
        } else {
            parents.push(id.to_owned());
            sum += points.unwrap_or(0.0);
            "[[items]]"
        };
        body.push_str(header);
        body.push('\n');
        line_rows.push(*row);
        let _ = writeln!(body, "id = {}", quote(id));
        line_rows.push(*row);
        let _ = writeln!(body, "content = {}", quote(content));
        line_rows.push(*row);
        let _ = writeln!(body, "points = {}", points.unwrap_or(-1.0));
        line_rows.push(*row);
        if let Some(m) = measure.as_deref().filter(|m| !m.trim().is_empty()) {
            let _ = writeln!(body, "measure = {}", quote(m.trim()));
            line_rows.push(*row);
        }
    }
    let _ = writeln!(text, "total = {sum}");
    let header_lines = text.matches('\n').count();
    text.push_str(&body);
    for l in levels {
        let _ = write!(
            text,
            "[[levels]]\ncode = {}\nname = {}\nmin = {}\nrequires_standard = {}\n",
            quote(&l.code),
            quote(&l.name),
            l.min.as_f64(),
            l.requires_standard
        );
    }
    parse(&text).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| RubricError {
                line: e
                    .line
                    .checked_sub(header_lines + 1)
                    .and_then(|i| line_rows.get(i).copied())
                    .unwrap_or(0),
                problem: e.problem,
            })
            .collect()
    })
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_rubrics_parse_and_add_up() {
        for text in BUILT_IN {
            let r = parse(text).unwrap_or_else(|e| panic!("{e:?}"));
            if r.kind == RubricKind::Score {
                assert_eq!(r.total, Points(1000));
                assert!(r.provisional, "the sheet is only partly confirmed");
            }
        }
        let school = built_in_standard(Applies::School);
        assert_eq!(school.criteria.len(), 6);
        assert_eq!(built_in_standard(Applies::Agency).criteria.len(), 5);
        let score = built_in_score();
        let first: Vec<_> = score
            .items
            .iter()
            .take(3)
            .map(|i| (i.max, i.provisional))
            .collect();
        assert_eq!(
            first,
            vec![
                (Points(30), false),
                (Points(30), false),
                (Points(50), false)
            ],
            "items 1–3 are confirmed at 3, 3 and 5 points"
        );
        let four = &score.items[3];
        assert_eq!(four.parts[0].max, Points(10), "4a is confirmed at 1 point");
        assert!(four.provisional);
    }

    #[test]
    fn points_read_and_print_in_vietnamese() {
        assert_eq!(Points::parse("7,5"), Some(Points(75)));
        assert_eq!(Points::parse(" 3 "), Some(Points(30)));
        assert_eq!(Points::parse("0.25"), None);
        assert_eq!(Points::parse("-1"), None);
        assert_eq!(Points::parse("abc"), None);
        assert_eq!(Points(75).display(), "7,5");
        assert_eq!(Points(1000).display(), "100");
        assert_eq!(Points(35).half(), Points(15));
    }

    const SHEET: &str = r#"
code = "t"
kind = "score"
total = 10
[[items]]
id = "1"
content = "A"
points = 4
[[items]]
id = "2"
content = "B"
points = 6
[[items.parts]]
id = "2a"
content = "B1"
points = 2
[[items.parts]]
id = "2b"
content = "B2"
points = 4
measure = "effective_models"
[[levels]]
code = "good"
name = "Khá"
min = 7
[[levels]]
code = "fair"
name = "Trung bình"
min = 5
"#;

    #[test]
    fn a_sheet_reads_with_parts_and_levels() {
        let r = parse(SHEET).unwrap();
        assert_eq!(r.leaves().len(), 3);
        assert_eq!(r.items[1].parts[1].measure, Some(Measure::EffectiveModels));
        assert_eq!(r.items[1].parts[1].target, 1);
    }

    #[test]
    fn every_threshold_edge_classifies() {
        let r = parse(SHEET).unwrap();
        let level = |t: u32| r.classify(Points(t), true).map(|l| l.code.as_str());
        assert_eq!(level(100), Some("good"));
        assert_eq!(
            level(70),
            Some("good"),
            "the threshold itself reaches the level"
        );
        assert_eq!(level(69), Some("fair"), "a tenth below falls to the next");
        assert_eq!(level(50), Some("fair"));
        assert_eq!(level(49), None, "below the lowest level");
        assert_eq!(level(0), None);
        let strict = parse(&SHEET.replace("min = 7", "min = 7\nrequires_standard = true")).unwrap();
        assert_eq!(
            strict.classify(Points(90), false).map(|l| l.code.as_str()),
            Some("fair")
        );
        assert_eq!(
            strict.classify(Points(90), true).map(|l| l.code.as_str()),
            Some("good")
        );
    }

    fn problems(text: &str) -> Vec<(usize, RubricProblem)> {
        parse(text)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.line, e.problem))
            .collect()
    }

    #[test]
    fn points_that_do_not_add_up_are_refused_with_the_line() {
        let p = problems(&SHEET.replace("total = 10", "total = 12"));
        assert_eq!(
            p,
            vec![(
                4,
                RubricProblem::TotalMismatch {
                    total: Points(120),
                    sum: Points(100)
                }
            )]
        );
        let p = problems(&SHEET.replace("points = 4\nmeasure", "points = 3\nmeasure"));
        assert!(p.iter().any(|(line, e)| *line == 12
            && *e
                == RubricProblem::PartsMismatch {
                    item: "2".into(),
                    points: Points(60),
                    sum: Points(50)
                }));
    }

    #[test]
    fn duplicate_ids_and_thresholds_out_of_order_are_refused() {
        let p = problems(&SHEET.replace("id = \"2b\"", "id = \"2a\""));
        assert_eq!(p, vec![(18, RubricProblem::DuplicateId("2a".into()))]);
        let p = problems(&SHEET.replace("min = 5", "min = 8"));
        assert_eq!(p, vec![(29, RubricProblem::ThresholdsOutOfOrder)]);
        let p = problems(&SHEET.replace("min = 7", "min = 11"));
        assert!(
            p.contains(&(25, RubricProblem::ThresholdsOutOfOrder)),
            "above the total"
        );
        let p = problems(&SHEET.replace("\"effective_models\"", "\"moon_phase\""));
        assert_eq!(
            p,
            vec![(21, RubricProblem::UnknownMeasure("moon_phase".into()))]
        );
        let p = problems(&SHEET.replace("points = 4\n[[items]]", "points = 4.25\n[[items]]"));
        assert!(
            p.iter()
                .any(|(line, e)| *line == 8 && *e == RubricProblem::BadPoints)
        );
        assert!(matches!(
            problems("kind = [")[0].1,
            RubricProblem::Syntax(_)
        ));
        let p = problems("code = \"x\"\nkind = \"vibes\"\n");
        assert_eq!(p, vec![(2, RubricProblem::WrongKind)]);
    }

    #[test]
    fn a_province_sheet_from_rows_keeps_row_numbers() {
        let row = |n: usize, id: &str, points: f64| SheetItem {
            row: n,
            id: id.to_owned(),
            content: format!("Nội dung {id}"),
            points: Some(points),
            measure: None,
        };
        let levels = vec![Level {
            code: "good".into(),
            name: "Khá".into(),
            min: Points(50),
            requires_standard: false,
        }];
        let rows = vec![
            row(3, "1", 5.0),
            row(4, "2", 4.0),
            row(5, "2a", 1.0),
            row(6, "2b", 3.0),
            row(7, "10", 1.0),
        ];
        let r = score_from_rows("lc-2026", "Bảng điểm Lào Cai", &rows, &levels).unwrap();
        assert_eq!(r.total, Points(100));
        assert_eq!(r.items[1].parts.len(), 2);
        assert_eq!(
            r.items.len(),
            3,
            "10 is an item of its own, not a part of 1"
        );
        let bad = vec![
            row(3, "1", 6.0),
            row(4, "2", 4.0),
            row(5, "2a", 1.0),
            row(6, "2a", 3.0),
        ];
        let e = score_from_rows("lc", "x", &bad, &levels).unwrap_err();
        assert!(
            e.iter()
                .any(|e| e.line == 6 && e.problem == RubricProblem::DuplicateId("2a".into())),
            "{e:?}"
        );
    }
}
