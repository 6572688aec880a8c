//! The assessment screens: readiness (will we meet the standard, what
//! score, what is missing, who must do it by when), the year's ratings,
//! the score sheet, the yearly report, and the dossier from registration
//! to the recognition decision; for a province officer, the units' states,
//! the review of a dossier and the province's own score sheet.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use antt_core::CoreError;
use antt_core::assessment::workflow::Review;
use antt_core::assessment::{Readiness, SheetSource, assessment_year};
use antt_domain::ErrorCode;
use antt_domain::assessment::{
    AssessmentState, Decision, Dossier, Meeting, Rating, ReportTexts, Side, Verdict,
};
use antt_domain::role::Capability;
use antt_domain::rubric::{Level, Points};
use antt_domain::time::{format_date, local_date};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    year: Option<String>,
    unit: Option<String>,
    fill: Option<String>,
    format: Option<String>,
}

impl Params {
    fn unit(&self) -> UnitParam {
        UnitParam {
            unit: self.unit.clone(),
        }
    }
    fn year(&self, state: &AppState) -> i32 {
        self.year
            .as_deref()
            .and_then(|y| antt_domain::plan::parse_year(y).ok())
            .unwrap_or_else(|| assessment_year(local_date(state.antt.now())))
    }
}

/// A form that no screen of antt sends.
fn bad_form() -> WebError {
    WebError(CoreError::invalid("form", ErrorCode::Invalid))
}

/// A tab of the assessment screens.
pub(crate) struct Tab {
    pub href: String,
    pub label: &'static str,
    pub active: bool,
}

fn tabs(layout: &Layout, year: i32, active: &str) -> Vec<Tab> {
    [
        ("", "Tổng quan"),
        ("/ratings", "Xếp loại"),
        ("/score", "Chấm điểm"),
        ("/report", "Báo cáo năm"),
        ("/dossier", "Hồ sơ công nhận"),
    ]
    .into_iter()
    .map(|(path, label)| Tab {
        href: layout.link(&format!("/assessment{path}?year={year}")),
        label,
        active: path == active,
    })
    .collect()
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Met => "met",
        Verdict::AtRisk => "risk",
        Verdict::Failed => "failed",
    }
}

/// A record behind a finding, linked when it has a page.
pub(crate) struct RecordLine {
    pub label: String,
    pub href: Option<String>,
}

pub(crate) struct CheckLine {
    pub id: String,
    pub text: String,
    pub class: &'static str,
    pub verdict: &'static str,
    pub amount: Option<String>,
    pub records: Vec<RecordLine>,
    /// "Xác nhận: … — minh chứng: …", and what antt computed.
    pub confirmed: Option<(String, String, &'static str)>,
    pub person_only: bool,
}

pub(crate) struct CriterionLine {
    pub id: String,
    pub title: String,
    pub class: &'static str,
    pub verdict: &'static str,
    pub checks: Vec<CheckLine>,
}

pub(crate) struct TodoLine {
    pub id: String,
    pub text: String,
    pub class: &'static str,
    pub who: &'static str,
    pub due: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessment/readiness.html")]
pub(crate) struct ReadinessPage {
    year: i32,
    tabs: Vec<Tab>,
    years: Vec<(String, i32, bool)>,
    class: &'static str,
    verdict: &'static str,
    criteria: Vec<CriterionLine>,
    todo: Vec<TodoLine>,
    score: String,
    maximum: String,
    suggested: String,
    level: Option<String>,
    unscored: usize,
    provisional: bool,
    state: Option<&'static str>,
    returned_because: Option<String>,
    decision: Option<String>,
    report_due: Option<String>,
    report_sent: Option<String>,
    /// The action of the confirmation forms, for the office.
    confirm: Option<String>,
    errors: FieldErrors,
    layout: Layout,
}

fn record_href(layout: &Layout, kind: &str, id: &str) -> Option<String> {
    let path = match kind {
        "incident" => format!("/incidents/{id}"),
        "team" => format!("/teams/{id}"),
        "session" => format!("/sessions/{id}"),
        "plan" => format!("/plans/{id}"),
        "violation" => "/violations".to_owned(),
        _ => return None,
    };
    Some(layout.link(&path))
}

fn criteria_lines(r: &Readiness, layout: &Layout) -> Vec<CriterionLine> {
    r.standard
        .criteria
        .iter()
        .map(|c| CriterionLine {
            id: c.id.clone(),
            title: c.title.clone(),
            class: verdict_class(c.verdict),
            verdict: i18n::verdict(c.verdict),
            checks: c
                .checks
                .iter()
                .map(|k| {
                    let f = &k.finding;
                    CheckLine {
                        id: k.check.id.clone(),
                        text: k.check.text.clone(),
                        class: verdict_class(f.verdict()),
                        verdict: if f.measure.is_none() && f.overridden.is_none() {
                            "Cần xác nhận"
                        } else {
                            i18n::verdict(f.verdict())
                        },
                        amount: f.measure.map(|_| i18n::amount(&f.amount)),
                        records: f
                            .records
                            .iter()
                            .take(20)
                            .map(|rec| RecordLine {
                                label: rec.label.clone(),
                                href: record_href(layout, &rec.kind, &rec.id),
                            })
                            .collect(),
                        confirmed: f.overridden.as_ref().map(|o| {
                            (
                                format!("{} ({}, {})", o.reason, o.by, format_date(o.on)),
                                o.evidence.clone(),
                                if f.measure.is_some() {
                                    i18n::verdict(f.computed)
                                } else {
                                    ""
                                },
                            )
                        }),
                        person_only: f.measure.is_none(),
                    }
                })
                .collect(),
        })
        .collect()
}

fn year_choices(layout: &Layout, year: i32, path: &str) -> Vec<(String, i32, bool)> {
    (year - 2..=year + 1)
        .map(|y| {
            (
                layout.link(&format!("/assessment{path}?year={y}")),
                y,
                y == year,
            )
        })
        .collect()
}

async fn readiness_page(
    state: &AppState,
    user: &CurrentUser,
    q: &Params,
    errors: FieldErrors,
) -> Result<ReadinessPage, WebError> {
    let (unit, layout) = frame(state, user, &q.unit(), "assessment", "Đánh giá ANTT").await?;
    let year = q.year(state);
    let r = state
        .antt
        .assessment()
        .readiness(user.actor(), unit, year)
        .await?;
    let suggested: u32 = r
        .sheet
        .lines
        .iter()
        .filter_map(|l| l.suggested)
        .map(|p| p.0)
        .sum();
    let a = r.assessment.as_ref();
    Ok(ReadinessPage {
        year,
        tabs: tabs(&layout, year, ""),
        years: year_choices(&layout, year, ""),
        class: verdict_class(r.standard.verdict),
        verdict: i18n::verdict(r.standard.verdict),
        criteria: criteria_lines(&r, &layout),
        todo: r
            .todo
            .iter()
            .map(|t| TodoLine {
                id: t.check_id.clone(),
                text: t.text.clone(),
                class: verdict_class(t.verdict),
                who: i18n::responsible(t.who),
                due: format_date(t.due),
            })
            .collect(),
        score: r.sheet.total.display(),
        maximum: r.score_rubric.total.display(),
        suggested: Points(suggested).display(),
        level: r
            .sheet
            .level
            .as_ref()
            .filter(|_| r.sheet.unscored == 0)
            .map(|l| l.1.clone()),
        unscored: r.sheet.unscored,
        provisional: r.score_rubric.provisional,
        state: a.map(|a| i18n::assessment_state(a.state)),
        returned_because: a.and_then(|a| a.returned_because.clone()),
        decision: a.and_then(|a| a.decision.as_ref()).map(decision_line),
        report_due: r.report_due.map(format_date),
        report_sent: r.report_submitted.map(|at| format_date(local_date(at))),
        confirm: (user.actor().role.can(Capability::EditPlans)
            && !layout.foreign
            && a.is_some()
            && r.unit_may_edit())
        .then(|| layout.link(&format!("/assessment/confirm?year={year}"))),
        errors,
        layout,
    })
}

fn decision_line(d: &Decision) -> String {
    format!(
        "Quyết định số {} ngày {} của {}{}",
        d.number,
        d.signed_on.map(format_date).unwrap_or_default(),
        d.body,
        if d.recognised {
            ""
        } else {
            " (không công nhận)"
        }
    )
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<ReadinessPage, WebError> {
    readiness_page(&state, &user, &q, FieldErrors::default()).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct ConfirmForm {
    check: String,
    #[serde(default)]
    verdict: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    evidence: String,
}

/// Redirects to an assessment page of the year after a change.
fn back(layout: &Layout, path: &str, year: i32) -> Response {
    Redirect::to(&layout.link(&format!("/assessment{path}?year={year}"))).into_response()
}

pub(crate) async fn confirm(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<ConfirmForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let year = q.year(&state);
    let verdict = Verdict::parse(&f.verdict);
    match state
        .antt
        .assessment()
        .override_check(
            user.actor(),
            unit,
            year,
            &f.check,
            verdict,
            &f.reason,
            &f.evidence,
        )
        .await
    {
        Ok(()) => Ok(back(&layout, "", year)),
        Err(CoreError::Invalid(e)) => {
            let p = readiness_page(&state, &user, &q, FieldErrors::from(&e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) struct RatingLine {
    pub key: String,
    pub name: String,
    pub choices: Vec<Choice>,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessment/ratings.html")]
pub(crate) struct RatingsPage {
    year: i32,
    tabs: Vec<Tab>,
    lines: Vec<RatingLine>,
    good: usize,
    rated: usize,
    action: Option<String>,
    layout: Layout,
}

fn rating_choices(current: Option<Rating>) -> Vec<Choice> {
    Choice::optional(
        Rating::ALL.iter().map(|r| (r.code(), i18n::rating(*r))),
        current.map(|r| r.code().to_owned()).as_ref(),
    )
}

pub(crate) async fn ratings(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<RatingsPage, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "assessment", "Xếp loại").await?;
    let year = q.year(&state);
    let r = state
        .antt
        .assessment()
        .readiness(user.actor(), unit, year)
        .await?;
    let mut lines = vec![RatingLine {
        key: "force".into(),
        name: "Lực lượng bảo vệ".into(),
        choices: rating_choices(r.force_rating),
    }];
    lines.extend(r.ratings.iter().map(|(id, name, rating)| RatingLine {
        key: id.to_string(),
        name: name.clone(),
        choices: rating_choices(*rating),
    }));
    Ok(RatingsPage {
        year,
        tabs: tabs(&layout, year, "/ratings"),
        good: r
            .ratings
            .iter()
            .filter(|(_, _, x)| x.is_some_and(Rating::good_or_better))
            .count(),
        rated: r.ratings.len(),
        lines,
        action: (user.actor().role.can(Capability::EditPlans)
            && !layout.foreign
            && r.unit_may_edit())
        .then(|| layout.link(&format!("/assessment/ratings?year={year}"))),
        layout,
    })
}

pub(crate) async fn save_ratings(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let year = q.year(&state);
    // Read the whole form first: a value no screen sends refuses it all.
    let mut ratings = Vec::new();
    for (key, value) in f.iter().filter(|(k, _)| k != "_csrf") {
        let rating = if value.is_empty() {
            None
        } else {
            Some(Rating::parse(value).ok_or_else(bad_form)?)
        };
        let department = if key == "force" {
            None
        } else {
            Some(parse_id(key)?)
        };
        ratings.push((department, rating));
    }
    state
        .antt
        .assessment()
        .set_ratings(user.actor(), unit, year, &ratings)
        .await?;
    Ok(back(&layout, "/ratings", year))
}

pub(crate) struct ScoreRow {
    pub id: String,
    pub content: String,
    pub max: String,
    pub provisional: bool,
    pub evidence: Option<(&'static str, &'static str, String)>,
    pub suggested: Option<String>,
    pub value: String,
    pub reviewed: Option<String>,
    pub error: Option<&'static str>,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessment/score.html")]
pub(crate) struct ScorePage {
    year: i32,
    tabs: Vec<Tab>,
    rows: Vec<ScoreRow>,
    total: String,
    maximum: String,
    level: Option<String>,
    unscored: usize,
    title: String,
    source: String,
    provisional: bool,
    levels: Vec<(String, String)>,
    /// The form's action, and whether it is the authority's review.
    action: Option<(String, bool)>,
    fill: String,
    export_xlsx: String,
    export_docx: String,
    problem: Option<&'static str>,
    layout: Layout,
}

/// What was typed in the score form, and the items refused.
type Refused<'a> = (&'a [(String, String)], &'a [(String, ErrorCode)]);

async fn score_page(
    state: &AppState,
    user: &CurrentUser,
    q: &Params,
    typed: Option<Refused<'_>>,
) -> Result<ScorePage, WebError> {
    let (unit, layout) = frame(state, user, &q.unit(), "assessment", "Chấm điểm").await?;
    let year = q.year(state);
    let r = state
        .antt
        .assessment()
        .readiness(user.actor(), unit, year)
        .await?;
    let actor = user.actor();
    let authority = actor.can(Capability::ActForAuthority)
        && layout.foreign
        && r.assessment
            .as_ref()
            .is_some_and(|a| a.state == AssessmentState::Submitted);
    let mut layout = layout;
    if authority {
        layout.viewing_as = "thẩm định điểm";
    }
    let unit_edits = actor.role.can(Capability::EditPlans)
        && !layout.foreign
        && r.assessment.is_some()
        && r.unit_may_edit();
    let fill = q.fill.is_some();
    let rows = r
        .sheet
        .lines
        .iter()
        .map(|l| {
            let typed_value = typed.and_then(|(t, _)| {
                t.iter()
                    .find(|(k, _)| *k == format!("score_{}", l.item.id))
                    .map(|(_, v)| v.clone())
            });
            let current = if authority {
                l.reviewed.or(l.given)
            } else {
                l.given
            };
            let value = typed_value.unwrap_or_else(|| {
                current
                    .or(if fill { l.suggested } else { None })
                    .map(Points::display)
                    .unwrap_or_default()
            });
            ScoreRow {
                id: l.item.id.clone(),
                content: l.item.content.clone(),
                max: l.item.max.display(),
                provisional: l.item.provisional,
                evidence: l.finding.as_ref().map(|f| {
                    (
                        verdict_class(f.verdict()),
                        i18n::verdict(f.verdict()),
                        i18n::amount(&f.amount),
                    )
                }),
                suggested: l.suggested.map(Points::display),
                value,
                reviewed: l.reviewed.map(Points::display),
                error: typed.and_then(|(_, errors)| {
                    errors
                        .iter()
                        .find(|(id, _)| *id == l.item.id)
                        .map(|(_, code)| i18n::error(*code))
                }),
            }
        })
        .collect();
    Ok(ScorePage {
        year,
        tabs: tabs(&layout, year, "/score"),
        rows,
        total: r.sheet.total.display(),
        maximum: r.score_rubric.total.display(),
        level: r.sheet.level.as_ref().map(|l| l.1.clone()),
        unscored: r.sheet.unscored,
        title: r.score_rubric.title.clone(),
        source: match &r.sheet_source {
            SheetSource::BuiltIn => r.score_rubric.source.clone(),
            SheetSource::Province { by, at } => format!(
                "Bảng điểm do Công an tỉnh nạp ngày {}{}",
                format_date(local_date(*at)),
                by.as_ref().map(|b| format!(" ({b})")).unwrap_or_default()
            ),
        },
        provisional: r.score_rubric.provisional,
        levels: r
            .score_rubric
            .levels
            .iter()
            .map(|l| {
                (
                    l.name.clone(),
                    format!(
                        "từ {} điểm{}",
                        l.min.display(),
                        if l.requires_standard {
                            ", phải đạt tiêu chuẩn “An toàn về ANTT”"
                        } else {
                            ""
                        }
                    ),
                )
            })
            .collect(),
        action: if authority {
            Some((layout.link(&format!("/assessment/score?year={year}")), true))
        } else if unit_edits {
            Some((
                layout.link(&format!("/assessment/score?year={year}")),
                false,
            ))
        } else {
            None
        },
        fill: layout.link(&format!("/assessment/score?year={year}&fill=1")),
        export_xlsx: layout.link(&format!("/assessment/score/export?year={year}&format=xlsx")),
        export_docx: layout.link(&format!("/assessment/score/export?year={year}&format=docx")),
        problem: typed.map(|_| "Có điểm chưa hợp lệ, chưa lưu gì. Hãy sửa các ô được đánh dấu."),
        layout,
    })
}

pub(crate) async fn score(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<ScorePage, WebError> {
    score_page(&state, &user, &q, None).await
}

pub(crate) async fn save_score(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let year = q.year(&state);
    let typed: Vec<(String, String)> = f
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("score_")
                .map(|id| (id.to_owned(), v.clone()))
        })
        .collect();
    let review = f.iter().any(|(k, v)| k == "review" && v == "1");
    let result = if review {
        state
            .antt
            .assessment()
            .review_scores(user.actor(), unit, year, &typed)
            .await?
    } else {
        state
            .antt
            .assessment()
            .save_scores(user.actor(), unit, year, &typed)
            .await?
    };
    match result {
        Ok(()) => Ok(back(&layout, "/score", year)),
        Err(problems) => {
            let p = score_page(&state, &user, &q, Some((&f, &problems))).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response())
        }
    }
}

pub(crate) async fn export_score(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let word = q.format.as_deref() == Some("docx");
    let file = state
        .antt
        .assessment()
        .score_list(user.actor(), unit, q.year(&state), word)
        .await?;
    Ok(super::download(file))
}

#[derive(Template, WebTemplate)]
#[template(path = "assessment/report.html")]
pub(crate) struct ReportPage {
    year: i32,
    tabs: Vec<Tab>,
    texts: ReportTexts,
    action: Option<String>,
    download: String,
    submitted: Option<(String, String)>,
    report_due: Option<String>,
    saved: bool,
    errors: FieldErrors,
    layout: Layout,
}

async fn report_page(
    state: &AppState,
    user: &CurrentUser,
    q: &Params,
    typed: Option<ReportTexts>,
    errors: FieldErrors,
) -> Result<ReportPage, WebError> {
    let (unit, layout) = frame(state, user, &q.unit(), "assessment", "Báo cáo năm").await?;
    let year = q.year(state);
    let actor = user.actor();
    let row = state
        .antt
        .assessment()
        .report_texts(actor, unit, year)
        .await?;
    let r = state.antt.assessment().readiness(actor, unit, year).await?;
    Ok(ReportPage {
        year,
        tabs: tabs(&layout, year, "/report"),
        texts: typed.unwrap_or(row.texts),
        action: (actor.role.can(Capability::EditPlans) && !layout.foreign && r.unit_may_edit())
            .then(|| layout.link(&format!("/assessment/report?year={year}"))),
        download: layout.link(&format!("/assessment/documents/report?year={year}")),
        submitted: row.submitted_at.map(|at| {
            (
                format!(
                    "{}{}",
                    format_date(local_date(at)),
                    row.submitted_by
                        .map(|b| format!(", {b}"))
                        .unwrap_or_default()
                ),
                layout.link(&format!("/assessment/documents/submitted?year={year}")),
            )
        }),
        report_due: r.report_due.map(format_date),
        saved: false,
        errors,
        layout,
    })
}

pub(crate) async fn report(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<ReportPage, WebError> {
    report_page(&state, &user, &q, None, FieldErrors::default()).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct ReportForm {
    #[serde(default)]
    number: String,
    #[serde(default)]
    shortcomings: String,
    #[serde(default)]
    causes: String,
    #[serde(default)]
    directions: String,
    #[serde(default)]
    proposals: String,
}

pub(crate) async fn save_report(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<ReportForm>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let year = q.year(&state);
    let texts = ReportTexts {
        number: f.number,
        shortcomings: f.shortcomings,
        causes: f.causes,
        directions: f.directions,
        proposals: f.proposals,
    };
    match state
        .antt
        .assessment()
        .save_report_texts(user.actor(), unit, year, texts.clone())
        .await
    {
        Ok(()) => {
            let mut p = report_page(&state, &user, &q, None, FieldErrors::default()).await?;
            p.saved = true;
            Ok(p.into_response())
        }
        Err(CoreError::Invalid(e)) => {
            let p = report_page(&state, &user, &q, Some(texts), FieldErrors::from(&e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// A document of the year's assessment, by name: `report` (written now),
/// `submitted` (the report as it was sent), `registration`, `request`
/// (Tờ trình) and `minutes` (Biên bản).
pub(crate) async fn document(
    State(state): State<AppState>,
    user: CurrentUser,
    axum::extract::Path(name): axum::extract::Path<String>,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let (actor, year, antt) = (user.actor(), q.year(&state), &state.antt);
    let file = match name.as_str() {
        "report" => antt.assessment().yearly_report(actor, unit, year).await?,
        "submitted" => {
            antt.assessment()
                .submitted_report(actor, unit, year)
                .await?
        }
        "registration" => {
            antt.assessment()
                .registration_form(actor, unit, year)
                .await?
        }
        "request" => {
            antt.assessment()
                .recognition_request(actor, unit, year)
                .await?
        }
        "minutes" => antt.assessment().meeting_minutes(actor, unit, year).await?,
        _ => return Err(WebError(CoreError::NotFound)),
    };
    Ok(super::download(file))
}

pub(crate) struct StepLine {
    pub state: &'static str,
    pub at: String,
    pub by: String,
    pub note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessment/dossier.html")]
pub(crate) struct DossierPage {
    year: i32,
    tabs: Vec<Tab>,
    state: Option<&'static str>,
    registered_on: Option<String>,
    steps: Vec<StepLine>,
    returned_because: Option<String>,
    decision: Option<String>,
    meeting: Meeting,
    held_on: String,
    participants: String,
    dossier: Dossier,
    request_on: String,
    others: String,
    /// Forms the viewer may use now.
    register: Option<String>,
    meeting_action: Option<String>,
    submit_action: Option<String>,
    review_action: Option<String>,
    decision_action: Option<String>,
    registration_doc: Option<String>,
    request_doc: Option<String>,
    minutes_doc: Option<String>,
    submitted_doc: Option<String>,
    standard: &'static str,
    standard_class: &'static str,
    errors: FieldErrors,
    layout: Layout,
}

/// What a dossier form sent back after a refusal, to show it again.
#[derive(Default)]
struct Typed {
    meeting: Option<(Meeting, String, String)>,
    dossier: Option<(Dossier, String, String)>,
}

async fn dossier_page(
    state: &AppState,
    user: &CurrentUser,
    q: &Params,
    typed: Typed,
    errors: FieldErrors,
) -> Result<DossierPage, WebError> {
    let (unit, layout) = frame(state, user, &q.unit(), "assessment", "Hồ sơ công nhận").await?;
    let year = q.year(state);
    let actor = user.actor();
    let r = state.antt.assessment().readiness(actor, unit, year).await?;
    let a = r.assessment.as_ref();
    let office = actor.role.can(Capability::EditPlans) && !layout.foreign;
    let authority = actor.can(Capability::ActForAuthority) && layout.foreign;
    let mut layout = layout;
    if authority {
        layout.viewing_as = "thẩm định hồ sơ, ghi quyết định";
    }
    let st = a.map(|a| a.state);
    let link = |path: &str| layout.link(&format!("/assessment/{path}?year={year}"));
    let meeting = a.map(|a| a.meeting.clone()).unwrap_or_default();
    let dossier = a.map(|a| a.dossier.clone()).unwrap_or_default();
    let (meeting, held_on, participants) = typed.meeting.unwrap_or_else(|| {
        (
            meeting.clone(),
            meeting.held_on.map(format_date).unwrap_or_default(),
            meeting.participants.join("\n"),
        )
    });
    let (dossier, request_on, others) = typed.dossier.unwrap_or_else(|| {
        (
            dossier.clone(),
            dossier.request_on.map(format_date).unwrap_or_default(),
            dossier.others.join("\n"),
        )
    });
    let may = |to: AssessmentState, side| st.is_some_and(|s| s.may(to, side));
    Ok(DossierPage {
        year,
        tabs: tabs(&layout, year, "/dossier"),
        state: st.map(i18n::assessment_state),
        registered_on: a.map(|a| format_date(a.registered_on)),
        steps: r
            .steps
            .iter()
            .map(|s| StepLine {
                state: i18n::assessment_state(s.state),
                at: antt_domain::time::format_instant(s.at),
                by: s.by.clone(),
                note: s.note.clone(),
            })
            .collect(),
        returned_because: a.and_then(|a| a.returned_because.clone()),
        decision: a.and_then(|a| a.decision.as_ref()).map(decision_line),
        meeting,
        held_on,
        participants,
        dossier,
        request_on,
        others,
        register: (office && a.is_none()).then(|| link("register")),
        meeting_action: (office && may(AssessmentState::SelfAssessed, Side::Unit))
            .then(|| link("meeting")),
        submit_action: (office && may(AssessmentState::Submitted, Side::Unit))
            .then(|| link("submit")),
        review_action: (authority && may(AssessmentState::Accepted, Side::Authority))
            .then(|| link("review")),
        decision_action: (authority && may(AssessmentState::Recognised, Side::Authority))
            .then(|| link("decision")),
        registration_doc: a.map(|_| link("documents/registration")),
        request_doc: a.map(|_| link("documents/request")),
        minutes_doc: a
            .filter(|a| a.meeting.held_on.is_some())
            .map(|_| link("documents/minutes")),
        submitted_doc: r.report_submitted.map(|_| link("documents/submitted")),
        standard: i18n::verdict(r.standard.verdict),
        standard_class: verdict_class(r.standard.verdict),
        errors,
        layout,
    })
}

pub(crate) async fn dossier(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<DossierPage, WebError> {
    dossier_page(&state, &user, &q, Typed::default(), FieldErrors::default()).await
}

async fn dossier_result(
    state: &AppState,
    user: &CurrentUser,
    q: &Params,
    result: Result<(), CoreError>,
    typed: Typed,
) -> Result<Response, WebError> {
    let (_, layout) = frame(state, user, &q.unit(), "assessment", "").await?;
    match result {
        Ok(()) => Ok(back(&layout, "/dossier", q.year(state))),
        Err(CoreError::Invalid(e)) => {
            let p = dossier_page(state, user, q, typed, FieldErrors::from(&e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn register(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let result = state
        .antt
        .assessment()
        .register(user.actor(), unit, q.year(&state))
        .await;
    dossier_result(&state, &user, &q, result, Typed::default()).await
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[derive(Debug, Deserialize)]
pub(crate) struct MeetingForm {
    #[serde(default)]
    held_on: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    chair: String,
    #[serde(default)]
    secretary: String,
    #[serde(default)]
    participants: String,
    #[serde(default)]
    conclusion: String,
}

pub(crate) async fn meeting(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<MeetingForm>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let held = crate::forms::day("held_on", &f.held_on);
    let meeting = Meeting {
        held_on: held.as_ref().ok().copied().flatten(),
        place: f.place,
        chair: f.chair,
        secretary: f.secretary,
        participants: lines(&f.participants),
        conclusion: f.conclusion,
    };
    let typed = Typed {
        meeting: Some((meeting.clone(), f.held_on.clone(), f.participants.clone())),
        ..Typed::default()
    };
    let result = match held {
        Err(e) => Err(e),
        Ok(_) => {
            state
                .antt
                .assessment()
                .record_meeting(user.actor(), unit, q.year(&state), meeting)
                .await
        }
    };
    dossier_result(&state, &user, &q, result, typed).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct SubmitForm {
    #[serde(default)]
    request_number: String,
    #[serde(default)]
    request_on: String,
    #[serde(default)]
    others: String,
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<SubmitForm>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let day = crate::forms::day("request_on", &f.request_on);
    let dossier = Dossier {
        request_number: f.request_number,
        request_on: day.as_ref().ok().copied().flatten(),
        others: lines(&f.others),
        ..Dossier::default()
    };
    let typed = Typed {
        dossier: Some((dossier.clone(), f.request_on.clone(), f.others.clone())),
        ..Typed::default()
    };
    let result = match day {
        Err(e) => Err(e),
        Ok(_) => {
            state
                .antt
                .assessment()
                .submit_dossier(user.actor(), unit, q.year(&state), dossier)
                .await
        }
    };
    dossier_result(&state, &user, &q, result, typed).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct ReviewForm {
    decision: String,
    #[serde(default)]
    reason: String,
}

pub(crate) async fn review(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<ReviewForm>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let review = match f.decision.as_str() {
        "accept" => Review::Accept,
        "return" => Review::Return(f.reason),
        _ => return Err(bad_form()),
    };
    let result = state
        .antt
        .assessment()
        .review_dossier(user.actor(), unit, q.year(&state), review)
        .await;
    dossier_result(&state, &user, &q, result, Typed::default()).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct DecisionForm {
    #[serde(default)]
    number: String,
    #[serde(default)]
    signed_on: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    recognised: String,
}

pub(crate) async fn decision(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<DecisionForm>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let result = match crate::forms::day("signed_on", &f.signed_on) {
        Err(e) => Err(e),
        Ok(signed_on) => {
            state
                .antt
                .assessment()
                .record_decision(
                    user.actor(),
                    unit,
                    q.year(&state),
                    Decision {
                        number: f.number,
                        signed_on,
                        body: f.body,
                        recognised: f.recognised != "no",
                    },
                )
                .await
        }
    };
    dossier_result(&state, &user, &q, result, Typed::default()).await
}

pub(crate) struct UnitLine {
    pub name: String,
    pub href: String,
    pub state: &'static str,
    pub class: &'static str,
    pub score: String,
    pub level: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessment/units.html")]
pub(crate) struct UnitsPage {
    year: i32,
    years: Vec<(String, i32, bool)>,
    units: Vec<UnitLine>,
    waiting: usize,
    recognised: usize,
    scored: usize,
    by_score: bool,
    sort_name: String,
    sort_score: String,
    export: String,
    sheet: String,
    layout: Layout,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct UnitsParams {
    year: Option<String>,
    sort: Option<String>,
}

fn standing_lines(
    list: &[antt_core::assessment::UnitStanding],
    year: i32,
    by_score: bool,
) -> Vec<UnitLine> {
    let mut sorted: Vec<&antt_core::assessment::UnitStanding> = list.iter().collect();
    if by_score {
        sorted.sort_by(|a, b| b.total.cmp(&a.total).then(a.unit.name.cmp(&b.unit.name)));
    } else {
        sorted.sort_by_key(|u| u.state != Some(AssessmentState::Submitted));
    }
    sorted
        .into_iter()
        .map(|u| UnitLine {
            name: u.unit.name.clone(),
            href: format!("/assessment/dossier?year={year}&unit={}", u.unit.id),
            state: u.state.map_or("Chưa đăng ký", i18n::assessment_state),
            class: match u.state {
                Some(AssessmentState::Submitted) => "risk",
                Some(AssessmentState::Recognised) => "met",
                Some(AssessmentState::NotRecognised) | None => "failed",
                _ => "",
            },
            score: match (u.total, u.unscored) {
                (None, _) => String::new(),
                (Some(t), 0) => t.display(),
                (Some(t), n) => format!("{} (còn {n} mục)", t.display()),
            },
            level: u.level.clone().unwrap_or_default(),
        })
        .collect()
}

/// A province officer's list of its units' self-assessments for a year:
/// those waiting for review first, or ranked by score.
pub(crate) async fn units(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitsParams>,
) -> Result<Response, WebError> {
    let (_, layout) = frame(
        &state,
        &user,
        &UnitParam::default(),
        "assessment",
        "Hồ sơ ANTT",
    )
    .await?;
    let year = q
        .year
        .as_deref()
        .and_then(|y| antt_domain::plan::parse_year(y).ok())
        .unwrap_or_else(|| assessment_year(local_date(state.antt.now())));
    let list = state
        .antt
        .assessment()
        .overseen_assessments(user.actor(), year)
        .await?;
    let by_score = q.sort.as_deref() == Some("score");
    if q.sort.as_deref() == Some("xlsx") {
        let lines = standing_lines(&list, year, true);
        let sheet = antt_core::export::TableSheet {
            name: format!("Xếp hạng {year}"),
            title: vec![
                layout.unit_name.clone(),
                format!("KẾT QUẢ ĐÁNH GIÁ, PHÂN LOẠI PHONG TRÀO NĂM {year}"),
            ],
            headers: ["TT", "Đơn vị", "Hồ sơ", "Điểm", "Xếp loại"]
                .into_iter()
                .map(Into::into)
                .collect(),
            widths: vec![5.0, 50.0, 28.0, 18.0, 16.0],
            rows: lines
                .into_iter()
                .enumerate()
                .map(|(i, l)| {
                    vec![
                        antt_core::export::Value::Number(f64::from(
                            u32::try_from(i + 1).unwrap_or(u32::MAX),
                        )),
                        antt_core::export::Value::Text(l.name),
                        antt_core::export::Value::Text(l.state.to_owned()),
                        antt_core::export::Value::Text(l.score),
                        antt_core::export::Value::Text(l.level),
                    ]
                })
                .collect(),
        };
        let home = user.actor().home_unit()?;
        let file = state
            .antt
            .exports()
            .sheets(
                user.actor(),
                home,
                None,
                format!("xep-hang-phong-trao-{year}.xlsx"),
                vec![sheet],
            )
            .await?;
        return Ok(super::download(file));
    }
    Ok(UnitsPage {
        year,
        years: (year - 2..=year + 1)
            .map(|y| (format!("/assessment/units?year={y}"), y, y == year))
            .collect(),
        units: standing_lines(&list, year, by_score),
        waiting: list
            .iter()
            .filter(|u| u.state == Some(AssessmentState::Submitted))
            .count(),
        recognised: list
            .iter()
            .filter(|u| u.state == Some(AssessmentState::Recognised))
            .count(),
        scored: list
            .iter()
            .filter(|u| u.total.is_some() && u.unscored == 0)
            .count(),
        by_score,
        sort_name: format!("/assessment/units?year={year}"),
        sort_score: format!("/assessment/units?year={year}&sort=score"),
        export: format!("/assessment/units?year={year}&sort=xlsx"),
        sheet: "/assessment/sheet".into(),
        layout,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "assessment/sheet.html")]
pub(crate) struct SheetPage {
    levels: Vec<(String, String, String, bool)>,
    problems: Vec<String>,
    loaded: Option<String>,
    layout: Layout,
}

fn default_levels() -> Vec<(String, String, String, bool)> {
    antt_domain::rubric::built_in_score()
        .levels
        .iter()
        .map(|l| {
            (
                l.code.clone(),
                l.name.clone(),
                l.min.display(),
                l.requires_standard,
            )
        })
        .collect()
}

pub(crate) async fn sheet_form(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<SheetPage, WebError> {
    let (_, layout) = frame(
        &state,
        &user,
        &UnitParam::default(),
        "assessment",
        "Nạp bảng điểm",
    )
    .await?;
    user.actor().require(Capability::ActForAuthority)?;
    Ok(SheetPage {
        levels: default_levels(),
        problems: Vec::new(),
        loaded: None,
        layout,
    })
}

pub(crate) async fn load_sheet(
    State(state): State<AppState>,
    user: CurrentUser,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let (_, layout) = frame(
        &state,
        &user,
        &UnitParam::default(),
        "assessment",
        "Nạp bảng điểm",
    )
    .await?;
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut fields: Vec<(String, String)> = Vec::new();
    while let Ok(Some(field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = field.file_name().unwrap_or("bang-diem.xlsx").to_owned();
            let bytes = field.bytes().await.map_err(|_| bad_form())?;
            file = Some((file_name, bytes.to_vec()));
        } else {
            let value = field.text().await.map_err(|_| bad_form())?;
            fields.push((name, value));
        }
    }
    let get = |k: &str| {
        fields
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut levels = Vec::new();
    let mut shown = Vec::new();
    let mut problems = Vec::new();
    for (code, name, _, _) in default_levels() {
        let min = get(&format!("min_{code}"));
        let strict = get(&format!("standard_{code}")) == "1";
        shown.push((code.clone(), name.clone(), min.clone(), strict));
        if min.trim().is_empty() {
            continue;
        }
        match Points::parse(&min) {
            Some(p) => levels.push(Level {
                code,
                name,
                min: p,
                requires_standard: strict,
            }),
            None => problems.push(format!("Ngưỡng «{name}»: điểm không hợp lệ")),
        }
    }
    let Some((file_name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        problems.push("Hãy chọn tệp bảng điểm (Excel).".into());
        let p = SheetPage {
            levels: shown,
            problems,
            loaded: None,
            layout,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response());
    };
    if !problems.is_empty() {
        let p = SheetPage {
            levels: shown,
            problems,
            loaded: None,
            layout,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response());
    }
    match state
        .antt
        .assessment()
        .load_score_sheet(user.actor(), &file_name, bytes, levels)
        .await
    {
        Ok(Ok(rubric)) => {
            let p = SheetPage {
                levels: shown,
                problems: Vec::new(),
                loaded: Some(format!(
                    "Đã nạp bảng điểm: {} mục, tổng {} điểm, {} mức xếp loại. Bảng điểm áp dụng cho các đơn vị từ nay.",
                    rubric.leaves().len(),
                    rubric.total.display(),
                    rubric.levels.len()
                )),
                layout,
            };
            Ok(p.into_response())
        }
        Ok(Err(errors)) => {
            let p = SheetPage {
                levels: shown,
                problems: errors.iter().map(i18n::rubric_problem).collect(),
                loaded: None,
                layout,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response())
        }
        Err(CoreError::Invalid(e)) => {
            let p = SheetPage {
                levels: shown,
                problems: FieldErrors::from(&e).summary(),
                loaded: None,
                layout,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
