//! The assessment on the API: a unit's readiness (the standard's criteria
//! with their verdicts and records, the score sheet, what is missing) and,
//! for a province officer, its units' standing for the year.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use antt_core::assessment::assessment_year;
use antt_domain::UnitId;
use antt_domain::time::local_date;

use super::ApiQuery;
use crate::auth::ApiActor;
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ReadinessParams {
    /// The movement year; by default the one being assessed now (from
    /// 16/11 to December, the year that has just ended).
    year: Option<i32>,
    /// The unit; by default the caller's own.
    unit: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct CheckOut {
    id: String,
    text: String,
    /// The figure that judges it; none when only a person can confirm it.
    measure: Option<String>,
    /// `met`, `at_risk` or `failed`: a person's confirmation when there is one.
    verdict: String,
    /// What the records alone say.
    computed: String,
    /// The records behind it, in their own words.
    records: Vec<String>,
    /// A person's confirmation: reason and evidence.
    confirmed: Option<(String, String)>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct CriterionOut {
    id: String,
    title: String,
    verdict: String,
    checks: Vec<CheckOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct TodoOut {
    check: String,
    verdict: String,
    /// `office`, `leaders`, `council` or `teams`.
    who: String,
    due: chrono::NaiveDate,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ReadinessOut {
    unit: Uuid,
    year: i32,
    standard: String,
    criteria: Vec<CriterionOut>,
    score_rubric: String,
    score_provisional: bool,
    /// Points counted so far and the maximum.
    score: f64,
    maximum: f64,
    unscored: usize,
    level: Option<String>,
    todo: Vec<TodoOut>,
    /// The self-assessment's state, when the unit registered.
    state: Option<String>,
    report_due: Option<chrono::NaiveDate>,
}

#[utoipa::path(get, path = "/api/v1/readiness", params(ReadinessParams), tag = "assessment", security(("bearer" = [])),
    responses((status = 200, body = ReadinessOut), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(super) async fn readiness(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<ReadinessParams>,
) -> Result<Json<ReadinessOut>, ApiError> {
    let unit = match q.unit {
        Some(u) => UnitId::from_uuid(u),
        None => actor.home_unit()?,
    };
    let year = q
        .year
        .unwrap_or_else(|| assessment_year(local_date(state.antt.now())));
    let r = state.antt.readiness(&actor, unit, year).await?;
    Ok(Json(ReadinessOut {
        unit: unit.uuid(),
        year,
        standard: r.standard.verdict.code().into(),
        criteria: r
            .standard
            .criteria
            .iter()
            .map(|c| CriterionOut {
                id: c.id.clone(),
                title: c.title.clone(),
                verdict: c.verdict.code().into(),
                checks: c
                    .checks
                    .iter()
                    .map(|k| CheckOut {
                        id: k.check.id.clone(),
                        text: k.check.text.clone(),
                        measure: k.check.measure.map(|m| m.code().into()),
                        verdict: k.finding.verdict().code().into(),
                        computed: k.finding.computed.code().into(),
                        records: k.finding.records.iter().map(|r| r.label.clone()).collect(),
                        confirmed: k
                            .finding
                            .overridden
                            .as_ref()
                            .map(|o| (o.reason.clone(), o.evidence.clone())),
                    })
                    .collect(),
            })
            .collect(),
        score_rubric: r.score_rubric.code.clone(),
        score_provisional: r.score_rubric.provisional,
        score: r.sheet.total.as_f64(),
        maximum: r.score_rubric.total.as_f64(),
        unscored: r.sheet.unscored,
        level: r
            .sheet
            .level
            .as_ref()
            .filter(|_| r.sheet.unscored == 0)
            .map(|l| l.0.clone()),
        todo: r
            .todo
            .iter()
            .map(|t| TodoOut {
                check: t.check_id.clone(),
                verdict: t.verdict.code().into(),
                who: t.who.code().into(),
                due: t.due,
            })
            .collect(),
        state: r.assessment.as_ref().map(|a| a.state.code().into()),
        report_due: r.report_due,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct StandingOut {
    unit: Uuid,
    code: String,
    name: String,
    /// The self-assessment's state; none when the unit did not register.
    state: Option<String>,
    /// Points so far (the authority's where it reviewed); none when unscored.
    score: Option<f64>,
    unscored: usize,
    level: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct StandingParams {
    /// The movement year; by default the one being assessed now.
    year: Option<i32>,
}

#[utoipa::path(get, path = "/api/v1/assessments", params(StandingParams), tag = "assessment", security(("bearer" = [])),
    responses((status = 200, body = [StandingOut]), (status = 403, body = ApiErrorBody)))]
pub(super) async fn standings(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<StandingParams>,
) -> Result<Json<Vec<StandingOut>>, ApiError> {
    let year = q
        .year
        .unwrap_or_else(|| assessment_year(local_date(state.antt.now())));
    let list = state.antt.overseen_assessments(&actor, year).await?;
    Ok(Json(
        list.into_iter()
            .map(|u| StandingOut {
                unit: u.unit.id.uuid(),
                code: u.unit.code,
                name: u.unit.name,
                state: u.state.map(|s| s.code().into()),
                score: u.total.map(antt_domain::rubric::Points::as_f64),
                unscored: u.unscored,
                level: u.level,
            })
            .collect(),
    ))
}
