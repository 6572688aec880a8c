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
use antt_domain::rubric::Points;
use antt_domain::time::local_date;

use super::ApiQuery;
use super::codes;
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
    #[schema(value_type = Option<codes::Measure>)]
    measure: Option<String>,
    /// `met`, `at_risk` or `failed`: a person's confirmation when there is one.
    #[schema(value_type = codes::Verdict)]
    verdict: String,
    /// What the records alone say.
    #[schema(value_type = codes::Verdict)]
    computed: String,
    /// The records behind it, in their own words.
    records: Vec<String>,
    /// A person's confirmation: reason and evidence.
    confirmed: Option<(String, String)>,
    /// The clause it comes from and what counts.
    basis: String,
}

/// An item of the score sheet with the points antt suggests and those given.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ScoreItemOut {
    id: String,
    content: String,
    maximum: f64,
    /// Not yet read in the decision: its points are for reference.
    provisional: bool,
    /// None where a person must score it (an all-or-nothing item still
    /// open, or nothing to count).
    suggested: Option<f64>,
    given: Option<f64>,
    reviewed: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct CriterionOut {
    id: String,
    title: String,
    #[schema(value_type = codes::Verdict)]
    verdict: String,
    checks: Vec<CheckOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct TodoOut {
    check: String,
    #[schema(value_type = codes::Verdict)]
    verdict: String,
    /// `office`, `leaders`, `council` or `teams`.
    #[schema(value_type = codes::Responsible)]
    who: String,
    due: chrono::NaiveDate,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ReadinessOut {
    unit: Uuid,
    year: i32,
    #[schema(value_type = codes::Verdict)]
    standard: String,
    criteria: Vec<CriterionOut>,
    score_rubric: String,
    score_provisional: bool,
    /// The sheet item by item.
    items: Vec<ScoreItemOut>,
    /// Points counted so far and the maximum.
    score: f64,
    maximum: f64,
    unscored: usize,
    level: Option<String>,
    todo: Vec<TodoOut>,
    /// The self-assessment's state, when the unit registered.
    #[schema(value_type = Option<codes::AssessmentState>)]
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
    let r = state
        .antt
        .assessment()
        .readiness(&actor, unit, year)
        .await?;
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
                        basis: k.check.basis.clone(),
                    })
                    .collect(),
            })
            .collect(),
        score_rubric: r.score_rubric.code.clone(),
        score_provisional: r.score_rubric.provisional,
        items: r
            .sheet
            .lines
            .iter()
            .map(|l| ScoreItemOut {
                id: l.item.id.clone(),
                content: l.item.content.clone(),
                maximum: l.item.max.as_f64(),
                provisional: l.item.provisional,
                suggested: l.suggested.map(Points::as_f64),
                given: l.given.map(Points::as_f64),
                reviewed: l.reviewed.map(Points::as_f64),
            })
            .collect(),
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
    #[schema(value_type = Option<codes::AssessmentState>)]
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
    let list = state
        .antt
        .assessment()
        .overseen_assessments(&actor, year)
        .await?;
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

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct NominationOut {
    id: Uuid,
    /// `person`, `department`, `class` or `team`.
    #[schema(value_type = codes::NomineeKind)]
    nominee_kind: String,
    nominee: Uuid,
    name: String,
    detail: String,
    /// `unit_certificate`, `police_director_certificate`, `chairman_merit`,
    /// `minister_merit` or `commemorative_medal`.
    #[schema(value_type = codes::RewardForm)]
    form: String,
    achievements: String,
    /// `proposed`, `approved`, `rejected`, `sent_up` or `granted`.
    #[schema(value_type = codes::NominationState)]
    state: String,
    /// A reward on the spot: the day of the act.
    act_on: Option<chrono::NaiveDate>,
    decision: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct DecisionOut {
    id: Uuid,
    #[schema(value_type = codes::RewardForm)]
    form: String,
    number: String,
    signed_on: Option<chrono::NaiveDate>,
    issuer: String,
    signer: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct RewardsOut {
    year: i32,
    nominations: Vec<NominationOut>,
    decisions: Vec<DecisionOut>,
}

#[utoipa::path(get, path = "/api/v1/rewards", params(ReadinessParams), tag = "assessment", security(("bearer" = [])),
    responses((status = 200, body = RewardsOut), (status = 403, body = ApiErrorBody)))]
pub(super) async fn rewards(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<ReadinessParams>,
) -> Result<Json<RewardsOut>, ApiError> {
    let unit = match q.unit {
        Some(u) => UnitId::from_uuid(u),
        None => actor.home_unit()?,
    };
    let year = q
        .year
        .unwrap_or_else(|| assessment_year(local_date(state.antt.now())));
    let v = state.antt.rewards().view(&actor, unit, year).await?;
    Ok(Json(RewardsOut {
        year,
        nominations: v
            .nominations
            .into_iter()
            .map(|n| NominationOut {
                id: n.id.uuid(),
                nominee_kind: n.input.nominee.kind.code().into(),
                nominee: n.input.nominee.id,
                name: n.input.nominee.name,
                detail: n.input.nominee.detail,
                form: n.input.form.code().into(),
                achievements: n.input.achievements,
                state: n.state.code().into(),
                act_on: n.input.act_on,
                decision: n.decision_id.map(antt_domain::RewardDecisionId::uuid),
            })
            .collect(),
        decisions: v
            .decisions
            .into_iter()
            .map(|d| DecisionOut {
                id: d.id.uuid(),
                form: d.input.form.code().into(),
                number: d.input.number,
                signed_on: d.input.signed_on,
                issuer: d.input.issuer,
                signer: d.input.signer_name,
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct NominationBody {
    /// The movement year; by default the one being assessed now.
    year: Option<i32>,
    /// `person` (by `code` or id), `department`, `class` or `team` (by id).
    #[schema(value_type = codes::NomineeKind)]
    nominee_kind: String,
    /// A person's code, or the id of the person or collective.
    nominee: String,
    #[schema(value_type = codes::RewardForm)]
    form: String,
    achievements: String,
    /// For a reward on the spot: the day of the act.
    act_on: Option<chrono::NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct CreatedNomination {
    id: Uuid,
}

#[utoipa::path(post, path = "/api/v1/rewards/nominations", tag = "assessment", request_body = NominationBody, security(("bearer" = [])),
    responses((status = 201, body = CreatedNomination), (status = 422, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
pub(super) async fn nominate(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    super::ApiJson(b): super::ApiJson<NominationBody>,
) -> Result<(axum::http::StatusCode, Json<CreatedNomination>), ApiError> {
    use antt_core::CoreError;
    use antt_domain::ErrorCode;
    let unit = actor.home_unit()?;
    let invalid = |f: &'static str| ApiError::Core(CoreError::invalid(f, ErrorCode::Invalid));
    let kind = antt_domain::reward::NomineeKind::parse(&b.nominee_kind)
        .ok_or_else(|| invalid("nominee_kind"))?;
    let form = antt_domain::reward::RewardForm::parse(&b.form).ok_or_else(|| invalid("form"))?;
    let nominee = state
        .antt
        .rewards()
        .find_nominee(&actor, unit, kind, &b.nominee)
        .await?;
    let year = b
        .year
        .unwrap_or_else(|| assessment_year(local_date(state.antt.now())));
    let id = state
        .antt
        .rewards()
        .nominate(
            &actor,
            unit,
            year,
            antt_domain::reward::NominationInput {
                nominee,
                form,
                achievements: b.achievements,
                suggested: None,
                act_on: b.act_on,
            },
        )
        .await?;
    Ok((
        axum::http::StatusCode::CREATED,
        Json(CreatedNomination { id: id.uuid() }),
    ))
}
