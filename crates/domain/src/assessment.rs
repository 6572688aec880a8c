//! Assessment of a unit's movement year against a rubric: the facts antt
//! computes from the records, the verdict of each check (met, at risk,
//! failed), a person's override with its reason, the score sheet with its
//! classification, the ratings that feed the last two criteria, and the
//! self-assessment's way from registration to recognition.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::{DepartmentId, UnitId};
use crate::rubric::{Check, Measure, Points, Rubric, ScoreItem};
use crate::session::Share;
use crate::text;
use crate::time::MovementYear;
use crate::validation::{ErrorCode, ValidationErrors};

crate::code_enum!(
    /// How a check, a criterion or the standard stands.
    Verdict {
        /// Không áp dụng: a check the Circular asks only "nếu có" or
        /// "nơi đủ điều kiện" of a unit that has no such thing, answered so
        /// by a person with a reason. Counts as met; declared first so the
        /// worse of it and any other verdict is the other.
        NotApplicable => "not_applicable",
        /// Đạt.
        Met => "met",
        /// Chưa đạt, còn thời gian hoặc cần xác nhận.
        AtRisk => "at_risk",
        /// Không đạt.
        Failed => "failed",
    }
);

impl Verdict {
    /// Met, or not applicable to this unit: nothing is missing.
    pub const fn holds(self) -> bool {
        matches!(self, Self::Met | Self::NotApplicable)
    }

    /// The worse of two verdicts.
    #[must_use]
    pub fn worst(self, other: Self) -> Self {
        self.max(other)
    }
}

crate::code_enum!(
    /// The year's rating of a department or of the security force.
    Rating {
        /// Tập thể lao động xuất sắc, hoàn thành xuất sắc nhiệm vụ.
        Excellent => "excellent",
        /// Tập thể lao động tiên tiến, hoàn thành tốt nhiệm vụ.
        Good => "good",
        /// Hoàn thành nhiệm vụ.
        Completed => "completed",
        /// Không hoàn thành nhiệm vụ.
        NotCompleted => "not_completed",
    }
);

impl Rating {
    /// "Hoàn thành tốt nhiệm vụ" or better: what criteria 5 and 6 ask.
    pub const fn good_or_better(self) -> bool {
        matches!(self, Self::Excellent | Self::Good)
    }
}

/// A record behind a finding: what it is and how to find it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// "incident", "violation", "team", "session", "plan", "rating", "tip".
    pub kind: String,
    pub id: String,
    /// The record's own words: a number and a summary, a group's name.
    pub label: String,
}

/// What antt counted over the movement year, the inputs of every measure.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    pub year: i32,
    pub today: NaiveDate,
    pub plan_issued_on: Option<NaiveDate>,
    pub plan: Option<Record>,
    pub registered_on: Option<NaiveDate>,
    pub briefed_staff: Share,
    pub briefed_students: Share,
    pub effective_models: Vec<Record>,
    pub active_models: Vec<Record>,
    pub clusters: Vec<Record>,
    pub police_sessions: Vec<Record>,
    pub festival_sessions: Vec<Record>,
    pub review_sessions: Vec<Record>,
    pub violence_incidents: Vec<Record>,
    pub serious_incidents: Vec<Record>,
    pub warnings: Vec<Record>,
    pub force_rating: Option<Rating>,
    /// The school's level, once it has said it: a school that is not of
    /// general education is not asked to work with the parents' board.
    #[serde(default)]
    pub school_level: Option<crate::unit::SchoolLevel>,
    /// The record that says the level, shown beside check 2.3.
    #[serde(default)]
    pub school_level_record: Option<Record>,
    /// Members of the guard force disciplined at "cảnh cáo" or above this
    /// year, for any reason: criterion 5 of a school (4 of an agency)
    /// allows none.
    #[serde(default)]
    pub force_disciplined: Vec<Record>,
    /// Staff disciplined at "cảnh cáo" or above this year, for any reason:
    /// criterion 6 of a school (5 of an agency) allows none.
    #[serde(default)]
    pub staff_disciplined: Vec<Record>,
    /// Departments and their ratings (`None`: not rated yet).
    pub departments: Vec<(Record, Option<Rating>)>,
    pub tips_total: u32,
    pub tips_overdue: u32,
    pub forces_serving: u32,
    /// The standard's verdict, for the score item that asks for it.
    pub standard: Option<Verdict>,
}

impl Facts {
    fn year_over(&self) -> bool {
        self.today > MovementYear::saturating(self.year).last_day()
    }

    fn first_quarter_end(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, 3, 31).unwrap_or(NaiveDate::MAX)
    }
}

/// The amount a measure found, to show beside its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Amount {
    /// A day something was done.
    Day(NaiveDate),
    /// Not done.
    None,
    Count(u32),
    /// Of how many.
    Share {
        done: u32,
        of: u32,
    },
    Rated(Rating),
    NotRated,
}

/// The verdict of one check or score item, with the records behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub measure: Option<Measure>,
    pub target: u32,
    pub computed: Verdict,
    pub amount: Amount,
    pub records: Vec<Record>,
    /// A person's decision, when it replaces the computed verdict.
    pub overridden: Option<Override>,
}

impl Finding {
    /// The verdict that counts: the person's, or the computed one.
    pub fn verdict(&self) -> Verdict {
        self.overridden
            .as_ref()
            .map_or(self.computed, |o| o.verdict)
    }
}

/// A person's decision on a check, with why and on what evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    pub check_id: String,
    pub verdict: Verdict,
    pub reason: String,
    pub evidence: String,
    pub by: String,
    pub on: NaiveDate,
}

/// Checks an override typed in a form: both a reason and the evidence.
pub fn check_override(reason: &str, evidence: &str) -> Result<(String, String), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let reason = text::clean(reason);
    let evidence = text::clean(evidence);
    if reason.chars().count() < 10 {
        errors.add("reason", ErrorCode::Required);
    }
    if evidence.is_empty() {
        errors.add("evidence", ErrorCode::Required);
    }
    for (field, value) in [("reason", &reason), ("evidence", &evidence)] {
        if value.chars().count() > 1000 {
            errors.add(field, ErrorCode::TooLong);
        }
    }
    errors.into_result().map(|()| (reason, evidence))
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Judges a measure against its target over the facts. Something still to
/// be done is at risk until the window for it has passed; an incident that
/// happened fails at once.
pub fn judge(measure: Option<Measure>, target: u32, f: &Facts) -> Finding {
    let over = f.year_over();
    let pending = if over {
        Verdict::Failed
    } else {
        Verdict::AtRisk
    };
    let none_allowed = |records: &Vec<Record>| {
        (
            if records.is_empty() {
                Verdict::Met
            } else {
                Verdict::Failed
            },
            Amount::Count(count(records.len())),
            records.clone(),
        )
    };
    let at_least = |records: &Vec<Record>, min: u32| {
        let n = count(records.len());
        (
            if n >= min.max(1) {
                Verdict::Met
            } else {
                pending
            },
            Amount::Count(n),
            records.clone(),
        )
    };
    let by_quarter = |day: Option<NaiveDate>, record: Option<Record>| match day {
        Some(d) if d <= f.first_quarter_end() => (Verdict::Met, Amount::Day(d), record),
        Some(d) => (Verdict::Failed, Amount::Day(d), record),
        None if f.today > f.first_quarter_end() => (Verdict::Failed, Amount::None, None),
        None => (Verdict::AtRisk, Amount::None, None),
    };
    let (computed, amount, records) = match measure {
        None => (Verdict::AtRisk, Amount::None, vec![]),
        Some(Measure::PlanFirstQuarter) => {
            let (v, a, r) = by_quarter(f.plan_issued_on, f.plan.clone());
            (v, a, r.into_iter().collect())
        }
        Some(Measure::RegistrationFirstQuarter) => {
            let (v, a, _) = by_quarter(f.registered_on, None);
            (v, a, vec![])
        }
        Some(Measure::BriefingCoverage) => {
            let done = f.briefed_staff.reached + f.briefed_students.reached;
            let of = f.briefed_staff.total + f.briefed_students.total;
            let met = of > 0 && u64::from(done) * 100 >= u64::from(of) * u64::from(target);
            (
                if met { Verdict::Met } else { pending },
                Amount::Share { done, of },
                vec![],
            )
        }
        Some(Measure::EffectiveModels) => {
            let (v, a, mut r) = at_least(&f.effective_models, target);
            if v != Verdict::Met {
                r.extend(f.active_models.iter().cloned());
            }
            (v, a, r)
        }
        Some(Measure::PoliceCoordination) => {
            let mut r = f.clusters.clone();
            r.extend(f.police_sessions.iter().cloned());
            let v = if !f.clusters.is_empty() || !f.police_sessions.is_empty() {
                Verdict::Met
            } else {
                pending
            };
            (v, Amount::Count(count(r.len())), r)
        }
        // Điều 7 khoản 2: "đối với cấp học phổ thông". Otherwise the
        // school confirms what it does, with its evidence.
        Some(Measure::ParentsBoard) => match f.school_level {
            Some(level) if !level.general_education() => (
                Verdict::NotApplicable,
                Amount::None,
                f.school_level_record.iter().cloned().collect(),
            ),
            _ => (
                Verdict::AtRisk,
                Amount::None,
                f.school_level_record.iter().cloned().collect(),
            ),
        },
        Some(Measure::FestivalDay) => at_least(&f.festival_sessions, target),
        Some(Measure::ReviewsHeld) => at_least(&f.review_sessions, target),
        Some(Measure::SchoolViolence) => none_allowed(&f.violence_incidents),
        Some(Measure::DisciplineWarning) => none_allowed(&f.warnings),
        Some(Measure::SeriousIncidents) => none_allowed(&f.serious_incidents),
        Some(Measure::SecurityForceRating) => {
            let amount = f.force_rating.map_or(Amount::NotRated, Amount::Rated);
            let v = match f.force_rating {
                // "… không có ai bị kỷ luật từ cảnh cáo trở lên".
                _ if !f.force_disciplined.is_empty() => Verdict::Failed,
                Some(r) if r.good_or_better() => Verdict::Met,
                Some(_) => Verdict::Failed,
                None => pending,
            };
            (v, amount, f.force_disciplined.clone())
        }
        Some(Measure::DepartmentsRated) => {
            let of = count(f.departments.len());
            let done = count(
                f.departments
                    .iter()
                    .filter(|(_, r)| r.is_some_and(Rating::good_or_better))
                    .count(),
            );
            let rated = count(f.departments.iter().filter(|(_, r)| r.is_some()).count());
            let enough = |n: u32| of > 0 && u64::from(n) * 100 >= u64::from(of) * u64::from(target);
            // Unrated departments may still be rated good: at risk until
            // even all of them would not reach the target.
            let v = if !f.staff_disciplined.is_empty() {
                // "… không có cá nhân bị kỷ luật từ cảnh cáo trở lên".
                Verdict::Failed
            } else if enough(done) {
                Verdict::Met
            } else if enough(done + (of - rated)) && !over {
                Verdict::AtRisk
            } else {
                Verdict::Failed
            };
            let mut records = f.staff_disciplined.clone();
            records.extend(
                f.departments
                    .iter()
                    .filter(|(_, r)| !r.is_some_and(Rating::good_or_better))
                    .map(|(d, _)| d.clone()),
            );
            (v, Amount::Share { done, of }, records)
        }
        Some(Measure::TipsHandled) => {
            let late = f.tips_overdue;
            (
                if late == 0 && f.tips_total > 0 {
                    Verdict::Met
                } else {
                    Verdict::AtRisk
                },
                Amount::Share {
                    done: f.tips_total - late.min(f.tips_total),
                    of: f.tips_total,
                },
                vec![],
            )
        }
        Some(Measure::ForcesServing) => (
            if f.forces_serving >= target.max(1) {
                Verdict::Met
            } else {
                pending
            },
            Amount::Count(f.forces_serving),
            vec![],
        ),
        Some(Measure::StandardMet) => (f.standard.unwrap_or(pending), Amount::None, vec![]),
    };
    Finding {
        measure,
        target,
        computed,
        amount,
        records,
        overridden: None,
    }
}

crate::code_enum!(
    /// Who in the unit must act on a check that is not met.
    Responsible {
        /// Văn phòng (the office that runs the movement).
        Office => "office",
        /// Ban Giám hiệu, the head of the unit.
        Leaders => "leaders",
        /// The emulation council that rates departments and the force.
        Council => "council",
        /// Models and teams.
        Teams => "teams",
    }
);

/// Who must act on a measure that is not met, and by when.
pub fn duty(measure: Option<Measure>, year: i32) -> (Responsible, NaiveDate) {
    let q1 = NaiveDate::from_ymd_opt(year, 3, 31).unwrap_or(NaiveDate::MAX);
    let end = MovementYear::saturating(year).last_day();
    match measure {
        Some(Measure::PlanFirstQuarter | Measure::RegistrationFirstQuarter) => {
            (Responsible::Office, q1)
        }
        Some(Measure::SecurityForceRating | Measure::DepartmentsRated) => {
            (Responsible::Council, end)
        }
        Some(Measure::EffectiveModels | Measure::ForcesServing) => (Responsible::Teams, end),
        None
        | Some(
            Measure::SchoolViolence
            | Measure::DisciplineWarning
            | Measure::SeriousIncidents
            | Measure::StandardMet,
        ) => (Responsible::Leaders, end),
        Some(_) => (Responsible::Office, end),
    }
}

/// A check of a criterion and how it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    pub check: Check,
    pub finding: Finding,
}

/// A criterion and how it stands: the worst of its checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CriterionResult {
    pub id: String,
    pub title: String,
    pub verdict: Verdict,
    pub checks: Vec<CheckResult>,
}

/// The standard over the year: met only when every criterion is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StandardResult {
    pub verdict: Verdict,
    pub criteria: Vec<CriterionResult>,
}

/// Judges every criterion of a standard, applying the overrides people made.
pub fn assess_standard(rubric: &Rubric, facts: &Facts, overrides: &[Override]) -> StandardResult {
    let criteria: Vec<CriterionResult> = rubric
        .criteria
        .iter()
        .map(|c| {
            let checks: Vec<CheckResult> = c
                .checks
                .iter()
                .map(|k| {
                    let mut finding = judge(k.measure, k.target, facts);
                    finding.overridden = overrides.iter().find(|o| o.check_id == k.id).cloned();
                    CheckResult {
                        check: k.clone(),
                        finding,
                    }
                })
                .collect();
            CriterionResult {
                id: c.id.clone(),
                title: c.title.clone(),
                verdict: checks
                    .iter()
                    .map(|k| k.finding.verdict())
                    .fold(Verdict::Met, Verdict::worst),
                checks,
            }
        })
        .collect();
    StandardResult {
        verdict: criteria
            .iter()
            .map(|c| c.verdict)
            .fold(Verdict::Met, Verdict::worst),
        criteria,
    }
}

/// A score item as scored: the evidence, what antt suggests, what the unit
/// gave, and what the authority gave on review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScoreLine {
    pub item: ScoreItem,
    pub finding: Option<Finding>,
    pub suggested: Option<Points>,
    pub given: Option<Points>,
    pub reviewed: Option<Points>,
}

impl ScoreLine {
    /// The points that count: the authority's, else the unit's.
    pub fn counted(&self) -> Option<Points> {
        self.reviewed.or(self.given)
    }
}

/// Points given to items, by item id.
pub type Scores = std::collections::BTreeMap<String, Points>;

/// The score sheet filled in: lines, total, and the level it reaches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScoreSheet {
    pub lines: Vec<ScoreLine>,
    pub total: Points,
    /// Items nobody scored yet.
    pub unscored: usize,
    pub level: Option<(String, String)>,
}

/// The points antt suggests for an item from its finding, by the item's
/// nature: all when met, none when failed; half of a measure of degree
/// still in progress; nothing at all for an all-or-nothing item still open
/// (the standard not decided yet) or a measure with nothing to count (no
/// tips at all is not tips handled in time): a person scores those.
fn suggest(item: &ScoreItem, f: &Finding) -> Option<Points> {
    match f.verdict() {
        Verdict::Met if matches!(f.amount, Amount::Share { of: 0, .. }) => None,
        Verdict::NotApplicable | Verdict::Met => Some(item.max),
        Verdict::Failed => Some(Points(0)),
        Verdict::AtRisk if item.measure.is_some_and(Measure::all_or_nothing) => None,
        Verdict::AtRisk if matches!(f.amount, Amount::Share { of: 0, .. }) => None,
        Verdict::AtRisk => Some(item.max.half()),
    }
}

/// The score sheet over the facts with the points given so far.
pub fn score_sheet(
    rubric: &Rubric,
    facts: &Facts,
    given: &Scores,
    reviewed: &Scores,
) -> ScoreSheet {
    let standard_met = facts.standard.is_some_and(Verdict::holds);
    let lines: Vec<ScoreLine> = rubric
        .leaves()
        .into_iter()
        .map(|item| {
            let finding = item.measure.map(|m| judge(Some(m), item.target, facts));
            let suggested = finding.as_ref().and_then(|f| suggest(item, f));
            ScoreLine {
                item: item.clone(),
                finding,
                suggested,
                given: given.get(&item.id).copied(),
                reviewed: reviewed.get(&item.id).copied(),
            }
        })
        .collect();
    let total = Points(
        lines
            .iter()
            .filter_map(ScoreLine::counted)
            .map(|p| p.0)
            .sum(),
    );
    let unscored = lines.iter().filter(|l| l.counted().is_none()).count();
    // A level is the verdict of a whole sheet: none while an item is
    // unscored (a blank sheet is not "Yếu").
    let level = (unscored == 0)
        .then(|| rubric.classify(total, standard_met))
        .flatten()
        .map(|l| (l.code.clone(), l.name.clone()));
    ScoreSheet {
        lines,
        total,
        unscored,
        level,
    }
}

/// Checks points typed for items: each an item of the sheet, within its
/// maximum. Errors are keyed by the item's id.
pub fn check_scores(
    rubric: &Rubric,
    typed: &[(String, String)],
) -> Result<Scores, Vec<(String, ErrorCode)>> {
    let mut errors = Vec::new();
    let mut scores = Scores::new();
    let leaves = rubric.leaves();
    for (id, text) in typed {
        if text.trim().is_empty() {
            continue;
        }
        let Some(item) = leaves.iter().find(|l| &l.id == id) else {
            errors.push((id.clone(), ErrorCode::NotFound));
            continue;
        };
        match Points::parse(text) {
            Some(p) if p <= item.max => {
                scores.insert(id.clone(), p);
            }
            Some(_) => errors.push((id.clone(), ErrorCode::AboveMaximum)),
            None => errors.push((id.clone(), ErrorCode::Invalid)),
        }
    }
    if errors.is_empty() {
        Ok(scores)
    } else {
        Err(errors)
    }
}

crate::code_enum!(
    /// Where a unit's self-assessment for a year stands.
    AssessmentState {
        /// Đã đăng ký phấn đấu (quý I).
        Registered => "registered",
        /// Đã họp tự đánh giá (biên bản).
        SelfAssessed => "self_assessed",
        /// Đã gửi hồ sơ đề nghị công nhận.
        Submitted => "submitted",
        /// Cơ quan có thẩm quyền trả lại, kèm lý do.
        Returned => "returned",
        /// Hồ sơ được chấp nhận, chờ quyết định.
        Accepted => "accepted",
        /// Có quyết định công nhận.
        Recognised => "recognised",
        /// Có quyết định không công nhận.
        NotRecognised => "not_recognised",
    }
);

crate::code_enum!(
    /// Who may take a step: the unit or the authority over it.
    Side {
        Unit => "unit",
        Authority => "authority",
    }
);

impl AssessmentState {
    /// The states a step may lead to from here, and which side takes it.
    pub fn next(self) -> &'static [(Self, Side)] {
        use AssessmentState::{
            Accepted, NotRecognised, Recognised, Registered, Returned, SelfAssessed, Submitted,
        };
        match self {
            Registered => &[(SelfAssessed, Side::Unit)],
            // After the meeting, or after a return: meet again or (re)submit.
            SelfAssessed | Returned => &[(SelfAssessed, Side::Unit), (Submitted, Side::Unit)],
            Submitted => &[(Accepted, Side::Authority), (Returned, Side::Authority)],
            Accepted => &[
                (Recognised, Side::Authority),
                (NotRecognised, Side::Authority),
            ],
            Recognised | NotRecognised => &[],
        }
    }

    /// Whether `side` may move a self-assessment from here to `to`.
    pub fn may(self, to: Self, side: Side) -> bool {
        self.next().contains(&(to, side))
    }
}

/// The self-assessment meeting (Điều 9): chaired by the head, with the
/// Party committee, mass organisations, the security force, the ward
/// police and the managing authority.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub held_on: Option<NaiveDate>,
    /// When it began and ended, as the minutes say.
    #[serde(default)]
    pub starts: Option<chrono::NaiveTime>,
    #[serde(default)]
    pub ends: Option<chrono::NaiveTime>,
    pub place: String,
    pub chair: String,
    pub secretary: String,
    /// "Name – position, body", one per line.
    pub participants: Vec<String>,
    pub conclusion: String,
}

/// The parts a participant list must name, by the words that mark them.
pub const MEETING_PARTIES: &[(&str, &[&str])] = &[
    ("party", &["cấp ủy", "chi bộ", "đảng ủy", "bí thư"]),
    ("police", &["công an"]),
    (
        "organisations",
        &["công đoàn", "đoàn thanh niên", "đoàn tn", "hội"],
    ),
];

impl Meeting {
    /// Checks the minutes: a day within or just after the year, the chair,
    /// participants from the Party committee, mass organisations and the
    /// ward police, and a conclusion.
    pub fn validate(mut self, year: i32, today: NaiveDate) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.place = text::clean(&self.place);
        self.chair = text::clean(&self.chair);
        self.secretary = text::clean(&self.secretary);
        self.conclusion = self.conclusion.trim().to_string();
        self.participants = self
            .participants
            .iter()
            .map(|p| text::clean(p))
            .filter(|p| !p.is_empty())
            .collect();
        match self.held_on {
            None => errors.add("held_on", ErrorCode::Required),
            Some(d) if d > today => errors.add("held_on", ErrorCode::InFuture),
            Some(d) if d < MovementYear::saturating(year).first_day() => {
                errors.add("held_on", ErrorCode::OutsideYear);
            }
            Some(_) => {}
        }
        if let (Some(from), Some(to)) = (self.starts, self.ends)
            && to <= from
        {
            errors.add("ends", ErrorCode::EndsBeforeStart);
        }
        if self.chair.is_empty() {
            errors.add("chair", ErrorCode::Required);
        }
        if self.place.is_empty() {
            errors.add("place", ErrorCode::Required);
        }
        if self.conclusion.is_empty() {
            errors.add("conclusion", ErrorCode::Required);
        }
        let lower: Vec<String> = self.participants.iter().map(|p| p.to_lowercase()).collect();
        if MEETING_PARTIES
            .iter()
            .any(|(_, words)| !lower.iter().any(|p| words.iter().any(|w| p.contains(w))))
        {
            errors.add("participants", ErrorCode::MissingParties);
        }
        errors.into_result().map(|()| self)
    }
}

/// The dossier sent for recognition (Điều 9): the request, the results
/// report, the minutes and other documents.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dossier {
    /// The request's number, "15/TTr-CĐLC".
    pub request_number: String,
    pub request_on: Option<NaiveDate>,
    /// Whether the results report (Báo cáo) is attached: the yearly report
    /// kept as submitted.
    pub report: bool,
    /// Whether the minutes of the meeting are attached.
    pub minutes: bool,
    /// Other documents, one per line.
    pub others: Vec<String>,
    /// The unit sends it knowing some checks are still unconfirmed.
    #[serde(default)]
    pub acknowledge_unconfirmed: bool,
    /// The checks still unconfirmed when it was sent, as acknowledged:
    /// the Tờ trình names them.
    #[serde(default)]
    pub unconfirmed: Vec<String>,
}

impl Dossier {
    /// Checks that every part the regulation lists is there.
    pub fn validate(mut self) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.request_number = text::clean(&self.request_number);
        if self.request_number.is_empty() {
            errors.add("request_number", ErrorCode::Required);
        }
        if self.request_on.is_none() {
            errors.add("request_on", ErrorCode::Required);
        }
        if !self.report {
            errors.add("report", ErrorCode::Required);
        }
        if !self.minutes {
            errors.add("dossier_minutes", ErrorCode::Required);
        }
        errors.into_result().map(|()| self)
    }
}

/// The recognition decision (Quyết định công nhận).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub number: String,
    pub signed_on: Option<NaiveDate>,
    /// The body that decided: "UBND tỉnh Lào Cai".
    pub body: String,
    pub recognised: bool,
}

impl Decision {
    /// A decision needs its number, day and body.
    pub fn validate(mut self, today: NaiveDate) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.number = text::clean(&self.number);
        self.body = text::clean(&self.body);
        if self.number.is_empty() {
            errors.add("number", ErrorCode::Required);
        }
        match self.signed_on {
            None => errors.add("signed_on", ErrorCode::Required),
            Some(d) if d > today => errors.add("signed_on", ErrorCode::InFuture),
            Some(_) => {}
        }
        if self.body.is_empty() {
            errors.add("decision_body", ErrorCode::Required);
        }
        errors.into_result().map(|()| self)
    }
}

/// A unit's self-assessment for a year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub unit_id: UnitId,
    pub year: i32,
    pub state: AssessmentState,
    pub registered_on: NaiveDate,
    pub meeting: Meeting,
    pub dossier: Dossier,
    pub decision: Option<Decision>,
    /// The authority's reasons the last time it returned the dossier.
    pub returned_because: Option<String>,
    pub overrides: Vec<Override>,
    pub scores: Scores,
    pub reviewed_scores: Scores,
}

/// A step of the self-assessment, kept as its history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentStep {
    pub state: AssessmentState,
    pub at: chrono::DateTime<chrono::Utc>,
    pub by: String,
    pub note: String,
}

/// The rating of a department (`None`: the security force) for a year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RatingEntry {
    pub department_id: Option<DepartmentId>,
    pub rating: Rating,
}

/// The parts of the yearly report only a person can write.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportTexts {
    /// The report's number, "25/BC-CĐLC".
    pub number: String,
    /// Hạn chế, tồn tại.
    pub shortcomings: String,
    /// Nguyên nhân.
    pub causes: String,
    /// Phương hướng, nhiệm vụ năm tới.
    pub directions: String,
    /// Đề xuất, kiến nghị.
    pub proposals: String,
}

/// The longest a part of the report may be.
pub const REPORT_TEXT_MAX: usize = 20_000;

impl ReportTexts {
    /// Trims each part; refuses one that is too long.
    pub fn validate(mut self) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.number = text::clean(&self.number);
        if self.number.chars().count() > 60 {
            errors.add("number", ErrorCode::TooLong);
        }
        for (field, value) in [
            ("shortcomings", &mut self.shortcomings),
            ("causes", &mut self.causes),
            ("directions", &mut self.directions),
            ("proposals", &mut self.proposals),
        ] {
            *value = value.trim().replace("\r\n", "\n");
            if value.chars().count() > REPORT_TEXT_MAX {
                errors.add(field, ErrorCode::TooLong);
            }
        }
        errors.into_result().map(|()| self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::{Applies, built_in_score, built_in_standard};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn rec(kind: &str, label: &str) -> Record {
        Record {
            kind: kind.into(),
            id: label.into(),
            label: label.into(),
        }
    }

    /// A year where everything was done.
    fn good_year(today: NaiveDate) -> Facts {
        Facts {
            year: 2026,
            today,
            plan_issued_on: Some(day(2026, 1, 10)),
            registered_on: Some(day(2026, 2, 1)),
            briefed_staff: Share {
                reached: 10,
                total: 10,
            },
            briefed_students: Share {
                reached: 90,
                total: 90,
            },
            effective_models: vec![rec("team", "Cổng trường an toàn")],
            clusters: vec![rec("team", "Cụm ANLK")],
            festival_sessions: vec![rec("session", "Ngày hội 19/8")],
            review_sessions: vec![rec("session", "Sơ kết")],
            force_rating: Some(Rating::Good),
            departments: (0..10)
                .map(|i| (rec("department", &format!("K{i}")), Some(Rating::Good)))
                .collect(),
            ..Facts::default()
        }
    }

    fn verdicts(f: &Facts) -> Vec<Verdict> {
        assess_standard(&built_in_standard(Applies::School), f, &[])
            .criteria
            .iter()
            .map(|c| c.verdict)
            .collect()
    }

    #[test]
    fn a_good_year_meets_all_but_what_a_person_must_confirm() {
        let f = good_year(day(2026, 11, 16));
        let v = verdicts(&f);
        // Criteria 1 and 2 hold checks no record proves (resolution, rules,
        // policy): at risk until a person confirms them.
        assert_eq!(v[0], Verdict::AtRisk);
        assert_eq!(v[1], Verdict::AtRisk);
        assert_eq!(&v[2..], &[Verdict::Met; 4]);
        let confirm = |id: &str| Override {
            check_id: id.into(),
            verdict: Verdict::Met,
            reason: "Nghị quyết số 01-NQ/ĐU".into(),
            evidence: "NQ 01".into(),
            by: "vanphong".into(),
            on: day(2026, 11, 16),
        };
        let mut overrides: Vec<_> = ["1.1", "1.4", "2.1"].into_iter().map(confirm).collect();
        let r = assess_standard(&built_in_standard(Applies::School), &f, &overrides);
        assert_eq!(
            r.verdict,
            Verdict::AtRisk,
            "2.3 (the parents' board, general education) still open"
        );
        // A college has no general-education level: 2.3 does not apply.
        overrides.push(Override {
            verdict: Verdict::NotApplicable,
            ..confirm("2.3")
        });
        let r = assess_standard(&built_in_standard(Applies::School), &f, &overrides);
        assert_eq!(r.verdict, Verdict::Met);
    }

    #[test]
    fn incidents_fail_at_once_and_missing_work_fails_only_after_its_window() {
        let mut f = good_year(day(2026, 6, 1));
        f.violence_incidents = vec![rec("incident", "VV 3")];
        assert_eq!(
            verdicts(&f)[3],
            Verdict::Failed,
            "one school violence incident fails criterion 4"
        );
        let mut f = good_year(day(2026, 3, 31));
        f.registered_on = None;
        let reg = judge(Some(Measure::RegistrationFirstQuarter), 0, &f);
        assert_eq!(
            reg.computed,
            Verdict::AtRisk,
            "31/3 is still the first quarter"
        );
        f.today = day(2026, 4, 1);
        assert_eq!(
            judge(Some(Measure::RegistrationFirstQuarter), 0, &f).computed,
            Verdict::Failed
        );
        f.plan_issued_on = Some(day(2026, 4, 1));
        assert_eq!(
            judge(Some(Measure::PlanFirstQuarter), 0, &f).computed,
            Verdict::Failed,
            "a plan issued in April is late"
        );
        f.effective_models.clear();
        assert_eq!(
            judge(Some(Measure::EffectiveModels), 1, &f).computed,
            Verdict::AtRisk
        );
        f.today = day(2026, 11, 16);
        assert_eq!(
            judge(Some(Measure::EffectiveModels), 1, &f).computed,
            Verdict::Failed
        );
    }

    #[test]
    fn coverage_and_department_shares_at_their_edges() {
        let mut f = good_year(day(2026, 11, 1));
        f.briefed_students = Share {
            reached: 89,
            total: 90,
        };
        assert_eq!(
            judge(Some(Measure::BriefingCoverage), 100, &f).computed,
            Verdict::AtRisk
        );
        assert_eq!(
            judge(Some(Measure::BriefingCoverage), 90, &f).computed,
            Verdict::Met
        );
        // 7 of 10 good is exactly 70%.
        for (i, d) in f.departments.iter_mut().enumerate() {
            d.1 = Some(if i < 7 {
                Rating::Good
            } else {
                Rating::Completed
            });
        }
        assert_eq!(
            judge(Some(Measure::DepartmentsRated), 70, &f).computed,
            Verdict::Met
        );
        f.departments[6].1 = Some(Rating::Completed);
        let six = judge(Some(Measure::DepartmentsRated), 70, &f);
        assert_eq!(
            six.computed,
            Verdict::Failed,
            "6 of 10 rated and no one left to rate"
        );
        assert_eq!(six.records.len(), 4);
        f.departments[6].1 = None;
        assert_eq!(
            judge(Some(Measure::DepartmentsRated), 70, &f).computed,
            Verdict::AtRisk,
            "an unrated department could still bring it to 70%"
        );
        f.force_rating = Some(Rating::Completed);
        assert_eq!(
            judge(Some(Measure::SecurityForceRating), 0, &f).computed,
            Verdict::Failed
        );
    }

    #[test]
    fn only_general_education_is_asked_to_work_with_the_parents_board() {
        use crate::unit::SchoolLevel;
        let mut f = good_year(day(2026, 11, 16));
        let two_three = |f: &Facts| {
            let standard = built_in_standard(Applies::School);
            let check = standard
                .criteria
                .iter()
                .flat_map(|c| &c.checks)
                .find(|c| c.id == "2.3")
                .expect("check 2.3")
                .clone();
            judge(check.measure, check.target, f).computed
        };
        // A school that has not said its level confirms the check itself.
        assert_eq!(two_three(&f), Verdict::AtRisk);
        for level in [
            SchoolLevel::Primary,
            SchoolLevel::LowerSecondary,
            SchoolLevel::UpperSecondary,
            SchoolLevel::MultiLevel,
        ] {
            f.school_level = Some(level);
            assert_eq!(two_three(&f), Verdict::AtRisk, "{level}");
        }
        for level in [
            SchoolLevel::Preschool,
            SchoolLevel::Vocational,
            SchoolLevel::University,
        ] {
            f.school_level = Some(level);
            assert_eq!(two_three(&f), Verdict::NotApplicable, "{level}");
            assert!(two_three(&f).holds());
        }
    }

    #[test]
    fn a_guard_or_staff_member_disciplined_from_a_warning_fails_criteria_five_and_six() {
        let mut f = good_year(day(2026, 11, 1));
        for d in &mut f.departments {
            d.1 = Some(Rating::Good);
        }
        f.force_rating = Some(Rating::Excellent);
        assert_eq!(
            judge(Some(Measure::SecurityForceRating), 0, &f).computed,
            Verdict::Met
        );
        assert_eq!(
            judge(Some(Measure::DepartmentsRated), 70, &f).computed,
            Verdict::Met
        );
        let guard = Record {
            kind: "violation".into(),
            id: "1".into(),
            label: "Lê Văn Bảo (CB): ngủ trong ca trực — Cảnh cáo".into(),
        };
        f.force_disciplined = vec![guard.clone()];
        f.staff_disciplined = vec![guard.clone()];
        let five = judge(Some(Measure::SecurityForceRating), 0, &f);
        assert_eq!(
            five.computed,
            Verdict::Failed,
            "rated excellent, one warned"
        );
        assert_eq!(five.amount, Amount::Rated(Rating::Excellent));
        assert_eq!(five.records, vec![guard.clone()]);
        let six = judge(Some(Measure::DepartmentsRated), 70, &f);
        assert_eq!(
            six.computed,
            Verdict::Failed,
            "every department good, one warned"
        );
        assert_eq!(six.records, vec![guard]);
        // Before the year ends, too: a discipline does not go away.
        f.force_disciplined.clear();
        f.force_rating = None;
        f.today = day(2026, 6, 1);
        assert_eq!(
            judge(Some(Measure::SecurityForceRating), 0, &f).computed,
            Verdict::AtRisk
        );
        assert_eq!(
            judge(Some(Measure::DepartmentsRated), 70, &f).computed,
            Verdict::Failed
        );
    }

    #[test]
    fn a_person_overrides_only_with_reason_and_evidence() {
        assert!(check_override("có", "").is_err());
        let e = check_override("", "").unwrap_err();
        assert!(e.has("reason") && e.has("evidence"));
        assert!(
            check_override(
                "Đã ban hành Nghị quyết 01-NQ/ĐU ngày 05/01",
                "Nghị quyết 01"
            )
            .is_ok()
        );
    }

    #[test]
    fn the_score_sheet_suggests_points_and_classifies() {
        let mut f = good_year(day(2026, 11, 20));
        f.standard = Some(Verdict::Met);
        let rubric = built_in_score();
        let empty = score_sheet(&rubric, &f, &Scores::new(), &Scores::new());
        assert_eq!(empty.total, Points(0));
        assert_eq!(empty.unscored, rubric.leaves().len());
        assert_eq!(empty.level, None, "a blank sheet has no level, not 'Yếu'");
        let all: Scores = empty
            .lines
            .iter()
            .map(|l| (l.item.id.clone(), l.suggested.unwrap_or(l.item.max)))
            .collect();
        let full = score_sheet(&rubric, &f, &all, &Scores::new());
        assert_eq!(full.total, Points(1000));
        assert_eq!(full.level.as_ref().map(|l| l.0.as_str()), Some("excellent"));
        f.standard = Some(Verdict::Failed);
        let not_safe = score_sheet(&rubric, &f, &all, &Scores::new());
        assert_eq!(
            not_safe.level.as_ref().map(|l| l.0.as_str()),
            Some("good"),
            "no 'excellent' without the standard"
        );
        let mut reviewed = Scores::new();
        reviewed.insert("5".into(), Points(50));
        let cut = score_sheet(&rubric, &f, &all, &reviewed);
        assert_eq!(
            cut.total,
            Points(900),
            "the authority's points replace the unit's"
        );
    }

    #[test]
    fn suggestions_follow_each_items_nature() {
        let rubric = built_in_score();
        let line = |sheet: &ScoreSheet, id: &str| {
            sheet
                .lines
                .iter()
                .find(|l| l.item.id == id)
                .unwrap()
                .suggested
        };
        let mut f = good_year(day(2026, 10, 20));
        // The standard still open: item 10 is all or nothing, so no half.
        f.standard = Some(Verdict::AtRisk);
        f.tips_total = 0;
        f.tips_overdue = 0;
        let sheet = score_sheet(&rubric, &f, &Scores::new(), &Scores::new());
        assert_eq!(line(&sheet, "10"), None, "pass/fail is never half");
        assert_eq!(line(&sheet, "7"), None, "no tips at all is not full marks");
        f.standard = Some(Verdict::Met);
        f.tips_total = 12;
        let sheet = score_sheet(&rubric, &f, &Scores::new(), &Scores::new());
        assert_eq!(line(&sheet, "10"), Some(Points(150)));
        assert_eq!(line(&sheet, "7"), Some(Points(150)));
        f.tips_overdue = 2;
        let sheet = score_sheet(&rubric, &f, &Scores::new(), &Scores::new());
        assert_eq!(line(&sheet, "7"), Some(Points(75)), "late tips: half");
        f.standard = Some(Verdict::Failed);
        let sheet = score_sheet(&rubric, &f, &Scores::new(), &Scores::new());
        assert_eq!(line(&sheet, "10"), Some(Points(0)));
    }

    #[test]
    fn a_score_above_the_maximum_is_refused() {
        let rubric = built_in_score();
        let e = check_scores(&rubric, &[("1".into(), "3,5".into())]).unwrap_err();
        assert_eq!(e, vec![("1".to_owned(), ErrorCode::AboveMaximum)]);
        let e = check_scores(&rubric, &[("1".into(), "ba".into())]).unwrap_err();
        assert_eq!(e, vec![("1".to_owned(), ErrorCode::Invalid)]);
        assert!(check_scores(&rubric, &[("99".into(), "1".into())]).is_err());
        let ok = check_scores(
            &rubric,
            &[("1".into(), "2,5".into()), ("2".into(), String::new())],
        )
        .unwrap();
        assert_eq!(ok.get("1"), Some(&Points(25)));
        assert_eq!(ok.len(), 1);
    }

    #[test]
    fn each_side_acts_only_in_its_states() {
        use AssessmentState::{
            Accepted, Recognised, Registered, Returned, SelfAssessed, Submitted,
        };
        assert!(Registered.may(SelfAssessed, Side::Unit));
        assert!(
            !Registered.may(Submitted, Side::Unit),
            "no submission before the meeting"
        );
        assert!(SelfAssessed.may(Submitted, Side::Unit));
        assert!(
            !Submitted.may(Accepted, Side::Unit),
            "a unit never accepts its own dossier"
        );
        assert!(Submitted.may(Returned, Side::Authority));
        assert!(Returned.may(Submitted, Side::Unit));
        assert!(
            !Returned.may(Accepted, Side::Authority),
            "only a submitted dossier is reviewed"
        );
        assert!(Accepted.may(Recognised, Side::Authority));
        assert!(Recognised.next().is_empty());
    }

    #[test]
    fn minutes_name_the_parties_and_a_dossier_all_its_parts() {
        let meeting = Meeting {
            held_on: Some(day(2026, 11, 10)),
            starts: None,
            ends: None,
            place: "Phòng họp A".into(),
            chair: "Nguyễn Văn Hiệu – Hiệu trưởng".into(),
            secretary: String::new(),
            participants: vec!["Bí thư Đảng ủy".into(), "Chủ tịch Công đoàn".into()],
            conclusion: "Đề nghị công nhận".into(),
        };
        let e = meeting
            .clone()
            .validate(2026, day(2026, 11, 20))
            .unwrap_err();
        assert!(e.has("participants"), "the ward police are missing");
        let mut ok = meeting.clone();
        ok.participants
            .push("Đại diện Công an phường Bắc Lệnh".into());
        assert!(ok.clone().validate(2026, day(2026, 11, 20)).is_ok());
        assert!(
            ok.validate(2026, day(2026, 11, 5))
                .unwrap_err()
                .has("held_on"),
            "not in the future"
        );
        let e = Dossier::default().validate().unwrap_err();
        for f in ["request_number", "request_on", "report", "dossier_minutes"] {
            assert!(e.has(f), "{f}");
        }
        let e = Decision::default().validate(day(2026, 11, 20)).unwrap_err();
        assert!(e.has("number") && e.has("signed_on") && e.has("decision_body"));
    }
}
