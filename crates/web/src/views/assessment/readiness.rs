//! Readiness: will the unit meet the standard this year, with the records behind each check, and a person's confirmation of a check.

use crate::forms::Form;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use antt_core::assessment::Readiness;
use antt_domain::assessment::Verdict;
use antt_domain::role::Capability;
use antt_domain::rubric::Points;
use antt_domain::time::{format_date, local_date};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{FieldErrors, saved};
use crate::i18n;
use crate::layout::{Layout, frame};
use crate::state::AppState;

use super::{Params, Tab, back, decision_line, tabs, verdict_class, year_choices};

/// A record behind a finding, linked when it has a page.
pub(crate) struct RecordLine {
    pub label: String,
    pub href: Option<String>,
}

pub(crate) struct CheckLine {
    pub id: String,
    pub text: String,
    /// The clause and what counts, from the rubric.
    pub basis: String,
    /// May be answered "không áp dụng" ("nếu có", "nơi đủ điều kiện").
    pub may_not_apply: bool,
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
    /// Fire safety as antt knows it: (in order, sentence).
    fire: Vec<(bool, String)>,
    fire_href: String,
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
        "unit" => "/org".to_owned(),
        _ => return None,
    };
    Some(layout.link(&path))
}

/// The guard force's record of the movement year, for the check of its
/// rating; none for a reader who may not see the guard force.
async fn force_record(
    state: &AppState,
    user: &CurrentUser,
    unit: antt_domain::UnitId,
    year: i32,
) -> Result<Option<String>, WebError> {
    let from = chrono::NaiveDate::from_ymd_opt(year - 1, 11, 16).unwrap_or_default();
    let until = chrono::NaiveDate::from_ymd_opt(year, 11, 15).unwrap_or_default();
    match state
        .antt
        .patrols()
        .force_record(user.actor(), unit, from, until)
        .await
    {
        Ok(r) => Ok(r.summary()),
        Err(antt_core::CoreError::Forbidden) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

fn criteria_lines(r: &Readiness, layout: &Layout, force: Option<&str>) -> Vec<CriterionLine> {
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
                        basis: k.check.basis.clone(),
                        may_not_apply: k.check.may_not_apply,
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
                            .chain(
                                force
                                    .filter(|_| {
                                        f.measure
                                            == Some(
                                                antt_domain::rubric::Measure::SecurityForceRating,
                                            )
                                    })
                                    .map(|s| RecordLine {
                                        label: format!("Kết quả trực, tuần tra năm nay: {s}"),
                                        href: Some(layout.link("/patrol")),
                                    }),
                            )
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
    let force = force_record(state, user, unit, year).await?;
    Ok(ReadinessPage {
        year,
        tabs: tabs(&layout, year, ""),
        years: year_choices(&layout, year, ""),
        class: verdict_class(r.standard.verdict),
        verdict: i18n::verdict(r.standard.verdict),
        criteria: criteria_lines(&r, &layout, force.as_deref()),
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
        fire: state
            .antt
            .assessment()
            .fire_findings(user.actor(), unit, year)
            .await?
            .into_iter()
            .map(|f| (f.ok, f.text))
            .collect(),
        fire_href: layout.link("/fire"),
        confirm: (user.actor().role.can(Capability::EditPlans)
            && !layout.foreign
            && a.is_some()
            && r.unit_may_edit())
        .then(|| layout.link(&format!("/assessment/confirm?year={year}"))),
        errors,
        layout,
    })
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

pub(crate) async fn confirm(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<ConfirmForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let year = q.year(&state);
    let verdict = Verdict::parse(&f.verdict);
    saved(
        state
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
            .await,
        |()| back(&layout, "", year),
        async |e| {
            let p = readiness_page(&state, &user, &q, FieldErrors::from(&e)).await?;
            Ok(p)
        },
    )
    .await
}
