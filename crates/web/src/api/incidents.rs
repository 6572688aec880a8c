//! Incidents, violations and the year's figures on the API, for the
//! handlers of a unit's tips (the figures also for a province officer).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use antt_core::CoreError;
use antt_core::incident::InvolvedInput;
use antt_domain::incident::{
    Discipline, Incident, IncidentInput, InvolvedRole, Severity, Transfer, ViolationInput,
    ViolationKind,
};
use antt_domain::tip::TipCategory;
use antt_domain::{CampusId, ErrorCode, IncidentId, PersonId, TipId, UnitId};

use super::codes;
use super::{ApiJson, ApiQuery, IdPath, id};
use crate::auth::ApiActor;
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;

fn invalid(field: &'static str) -> ApiError {
    ApiError::Core(CoreError::invalid(field, ErrorCode::Invalid))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct YearParams {
    /// The movement year (16/11 of the year before to 15/11); defaults to
    /// the current one.
    year: Option<i32>,
    /// For a province officer: one unit; without it, every unit overseen.
    unit: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct TransferOut {
    police_unit: String,
    transferred_on: Option<NaiveDate>,
    reference: Option<String>,
    acknowledged_on: Option<NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct IncidentOut {
    id: Uuid,
    number: u32,
    /// A tip category code.
    #[schema(value_type = codes::TipCategory)]
    category: &'static str,
    /// `minor`, `serious` or `very_serious`.
    #[schema(value_type = codes::Severity)]
    severity: &'static str,
    /// `open`, `transferred` or `closed`.
    #[schema(value_type = codes::IncidentState)]
    state: &'static str,
    occurred_at: DateTime<Utc>,
    place: String,
    summary: String,
    actions: String,
    /// Đồng.
    value_recovered: i64,
    transfer: Option<TransferOut>,
    outcome: Option<String>,
    closed_at: Option<DateTime<Utc>>,
}

fn incident_out(i: Incident) -> IncidentOut {
    IncidentOut {
        id: i.id.uuid(),
        number: i.number,
        category: i.input.category.code(),
        severity: i.input.severity.code(),
        state: i.state.code(),
        occurred_at: i.input.occurred_at,
        place: i.input.place,
        summary: i.input.summary,
        actions: i.input.actions,
        value_recovered: i.input.value_recovered,
        transfer: i.transfer.map(|t| TransferOut {
            police_unit: t.police_unit,
            transferred_on: t.transferred_on,
            reference: t.reference,
            acknowledged_on: t.acknowledged_on,
        }),
        outcome: i.outcome,
        closed_at: i.closed_at,
    }
}

#[utoipa::path(get, path = "/api/v1/incidents", operation_id = "list_incidents", params(YearParams), tag = "tips", security(("bearer" = [])),
    responses((status = 200, body = [IncidentOut]), (status = 403, body = ApiErrorBody)))]
pub(super) async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<YearParams>,
) -> Result<Json<Vec<IncidentOut>>, ApiError> {
    let year = q.year.unwrap_or_else(|| state.antt.plans().current_year());
    let list = state.antt.incidents().list(&actor, year).await?;
    Ok(Json(list.into_iter().map(incident_out).collect()))
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct InvolvedOut {
    id: Uuid,
    person: Option<Uuid>,
    name: String,
    /// `victim`, `suspect` or `witness`.
    #[schema(value_type = codes::InvolvedRole)]
    role: &'static str,
    note: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct IncidentDetail {
    #[serde(flatten)]
    incident: IncidentOut,
    involved: Vec<InvolvedOut>,
    tips: Vec<Uuid>,
    violations: Vec<Uuid>,
}

#[utoipa::path(get, path = "/api/v1/incidents/{id}", operation_id = "get_incident", params(IdPath), tag = "tips", security(("bearer" = [])),
    responses((status = 200, body = IncidentDetail), (status = 404, body = ApiErrorBody)))]
pub(super) async fn get(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(incident): Path<String>,
) -> Result<Json<IncidentDetail>, ApiError> {
    let incident: IncidentId = id(&incident)?;
    let v = state.antt.incidents().get(&actor, incident).await?;
    Ok(Json(IncidentDetail {
        involved: v
            .involved
            .into_iter()
            .map(|p| InvolvedOut {
                id: p.id.uuid(),
                person: p.person_id.map(PersonId::uuid),
                name: p.name,
                role: p.role.code(),
                note: p.note,
            })
            .collect(),
        tips: v.tips.iter().map(|t| t.id.uuid()).collect(),
        violations: v.violations.iter().map(|(x, _)| x.id.uuid()).collect(),
        incident: incident_out(v.incident),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct IncidentBody {
    #[schema(value_type = codes::TipCategory)]
    category: String,
    /// `minor` (default), `serious` or `very_serious`.
    #[schema(value_type = Option<codes::Severity>)]
    severity: Option<String>,
    occurred_at: DateTime<Utc>,
    campus: Option<Uuid>,
    #[schema(max_length = 300)]
    place: String,
    #[schema(max_length = 4000)]
    summary: String,
    #[serde(default)]
    #[schema(max_length = 4000)]
    actions: String,
    #[serde(default)]
    value_recovered: i64,
    /// A tip of the unit this incident comes from; it is linked.
    tip: Option<Uuid>,
}

impl IncidentBody {
    fn input(&self) -> Result<IncidentInput, ApiError> {
        Ok(IncidentInput {
            category: TipCategory::parse(&self.category).ok_or_else(|| invalid("category"))?,
            severity: match self.severity.as_deref() {
                None => Severity::Minor,
                Some(s) => Severity::parse(s).ok_or_else(|| invalid("severity"))?,
            },
            occurred_at: self.occurred_at,
            campus_id: self.campus.map(CampusId::from_uuid),
            place: self.place.clone(),
            summary: self.summary.clone(),
            actions: self.actions.clone(),
            value_recovered: self.value_recovered,
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct Created {
    id: Uuid,
    number: u32,
}

#[utoipa::path(post, path = "/api/v1/incidents", tag = "tips", request_body = IncidentBody, security(("bearer" = [])),
    responses((status = 201, body = Created), (status = 422, body = ApiErrorBody)))]
pub(super) async fn create(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(b): ApiJson<IncidentBody>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let input = b.input()?;
    let (incident, number) = state
        .antt
        .incidents()
        .create(&actor, input, b.tip.map(TipId::from_uuid))
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(Created {
            id: incident.uuid(),
            number,
        }),
    ))
}

#[utoipa::path(put, path = "/api/v1/incidents/{id}", params(IdPath), tag = "tips", request_body = IncidentBody, security(("bearer" = [])),
    responses((status = 204), (status = 422, body = ApiErrorBody)))]
pub(super) async fn update(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(incident): Path<String>,
    ApiJson(b): ApiJson<IncidentBody>,
) -> Result<StatusCode, ApiError> {
    let incident: IncidentId = id(&incident)?;
    state
        .antt
        .incidents()
        .update(&actor, incident, b.input()?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct TransferBody {
    #[schema(max_length = 300)]
    police_unit: String,
    transferred_on: NaiveDate,
    reference: Option<String>,
    acknowledged_on: Option<NaiveDate>,
}

#[utoipa::path(post, path = "/api/v1/incidents/{id}/transfer", params(IdPath), tag = "tips", request_body = TransferBody, security(("bearer" = [])),
    responses((status = 204), (status = 422, body = ApiErrorBody)))]
pub(super) async fn transfer(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(incident): Path<String>,
    ApiJson(b): ApiJson<TransferBody>,
) -> Result<StatusCode, ApiError> {
    let incident: IncidentId = id(&incident)?;
    let t = Transfer {
        police_unit: b.police_unit,
        transferred_on: Some(b.transferred_on),
        reference: b.reference,
        acknowledged_on: b.acknowledged_on,
    };
    state.antt.incidents().transfer(&actor, incident, t).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct CloseBody {
    #[schema(max_length = 4000)]
    outcome: String,
}

#[utoipa::path(post, path = "/api/v1/incidents/{id}/close", params(IdPath), tag = "tips", request_body = CloseBody, security(("bearer" = [])),
    responses((status = 204), (status = 422, body = ApiErrorBody)))]
pub(super) async fn close(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(incident): Path<String>,
    ApiJson(b): ApiJson<CloseBody>,
) -> Result<StatusCode, ApiError> {
    let incident: IncidentId = id(&incident)?;
    state
        .antt
        .incidents()
        .close(&actor, incident, &b.outcome)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct InvolvedBody {
    /// A person of the unit; or leave it out and give `name`.
    person: Option<Uuid>,
    #[serde(default)]
    name: String,
    /// `victim`, `suspect` or `witness`.
    #[schema(value_type = codes::InvolvedRole)]
    role: String,
    note: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/incidents/{id}/involved", params(IdPath), tag = "tips", request_body = InvolvedBody, security(("bearer" = [])),
    responses((status = 204), (status = 422, body = ApiErrorBody)))]
pub(super) async fn add_involved(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(incident): Path<String>,
    ApiJson(b): ApiJson<InvolvedBody>,
) -> Result<StatusCode, ApiError> {
    let incident: IncidentId = id(&incident)?;
    let input = InvolvedInput {
        person_id: b.person.map(PersonId::from_uuid),
        name: b.name,
        role: InvolvedRole::parse(&b.role).ok_or_else(|| invalid("role"))?,
        note: b.note,
    };
    state
        .antt
        .incidents()
        .add_involved(&actor, incident, input)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ViolationOut {
    id: Uuid,
    person: Uuid,
    name: String,
    code: String,
    incident: Option<Uuid>,
    /// `law`, `social_evil`, `traffic` or `internal_rules`.
    #[schema(value_type = codes::ViolationKind)]
    kind: &'static str,
    occurred_on: NaiveDate,
    description: String,
    /// From `reminder` to `criminal_case`.
    #[schema(value_type = codes::Discipline)]
    discipline: &'static str,
    handling: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/violations", params(YearParams), tag = "tips", security(("bearer" = [])),
    responses((status = 200, body = [ViolationOut]), (status = 403, body = ApiErrorBody)))]
pub(super) async fn violations(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<YearParams>,
) -> Result<Json<Vec<ViolationOut>>, ApiError> {
    let year = q.year.unwrap_or_else(|| state.antt.plans().current_year());
    let list = state.antt.incidents().violations(&actor, year).await?;
    Ok(Json(
        list.into_iter()
            .map(|l| {
                let v = l.violation;
                ViolationOut {
                    id: v.id.uuid(),
                    person: v.input.person_id.uuid(),
                    name: l.name,
                    code: l.code,
                    incident: v.input.incident_id.map(IncidentId::uuid),
                    kind: v.input.kind.code(),
                    occurred_on: v.input.occurred_on,
                    description: v.input.description,
                    discipline: v.input.discipline.code(),
                    handling: v.input.handling,
                }
            })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct ViolationBody {
    person: Uuid,
    incident: Option<Uuid>,
    #[schema(value_type = codes::ViolationKind)]
    kind: String,
    occurred_on: NaiveDate,
    description: String,
    #[schema(value_type = codes::Discipline)]
    discipline: String,
    handling: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct RecordedViolation {
    id: Uuid,
}

#[utoipa::path(post, path = "/api/v1/violations", tag = "tips", request_body = ViolationBody, security(("bearer" = [])),
    responses((status = 201, body = RecordedViolation), (status = 422, body = ApiErrorBody)))]
pub(super) async fn record_violation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(b): ApiJson<ViolationBody>,
) -> Result<(StatusCode, Json<RecordedViolation>), ApiError> {
    let input = ViolationInput {
        person_id: PersonId::from_uuid(b.person),
        incident_id: b.incident.map(IncidentId::from_uuid),
        kind: ViolationKind::parse(&b.kind).ok_or_else(|| invalid("kind"))?,
        occurred_on: b.occurred_on,
        description: b.description,
        discipline: Discipline::parse(&b.discipline).ok_or_else(|| invalid("discipline"))?,
        handling: b.handling,
    };
    let v = state
        .antt
        .incidents()
        .record_violation(&actor, input)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(RecordedViolation { id: v.uuid() }),
    ))
}

/// A count by code.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct Count {
    code: String,
    count: u64,
}

fn counts<K: Copy>(v: &[(K, u64)], code: impl Fn(K) -> String) -> Vec<Count> {
    v.iter()
        .map(|(k, n)| Count {
            code: code(*k),
            count: *n,
        })
        .collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct Statistics {
    year: i32,
    units: usize,
    tips: u64,
    open: u64,
    overdue: u64,
    transferred: u64,
    median_hours_to_close: Option<i64>,
    by_channel: Vec<Count>,
    by_category: Vec<Count>,
    by_state: Vec<Count>,
    /// "2026-11" and the count of that month.
    by_month: Vec<Count>,
    incidents: u64,
    incidents_by_category: Vec<Count>,
    incidents_transferred: u64,
    value_recovered: i64,
    violations: u64,
    violations_by_kind: Vec<Count>,
    violations_by_discipline: Vec<Count>,
    disciplined_warning_or_above: u64,
    /// Unit by unit when the figures are of several (a province officer
    /// asking for none): overdue first, then open, then by name.
    by_unit: Vec<UnitLine>,
}

/// One unit's line of the figures of several.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct UnitLine {
    unit: uuid::Uuid,
    code: String,
    name: String,
    tips: u64,
    open: u64,
    overdue: u64,
    transferred: u64,
    incidents: u64,
    incidents_transferred: u64,
    violations: u64,
    disciplined_warning_or_above: u64,
}

#[utoipa::path(get, path = "/api/v1/tips/statistics", params(YearParams), tag = "tips", security(("bearer" = [])),
    responses((status = 200, body = Statistics), (status = 403, body = ApiErrorBody)))]
pub(super) async fn statistics(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<YearParams>,
) -> Result<Json<Statistics>, ApiError> {
    let year = q.year.unwrap_or_else(|| state.antt.plans().current_year());
    let s = state
        .antt
        .tips()
        .statistics(&actor, q.unit.map(UnitId::from_uuid), year)
        .await?;
    Ok(Json(Statistics {
        year: s.year,
        units: s.units,
        tips: s.tips,
        open: s.open,
        overdue: s.overdue,
        transferred: s.transferred,
        median_hours_to_close: s.median_hours_to_close,
        by_channel: counts(&s.by_channel, |c| c.code().into()),
        by_category: counts(&s.by_category, |c| c.code().into()),
        by_state: counts(&s.by_state, |c| c.code().into()),
        by_month: counts(&s.by_month, |(m, y)| format!("{y}-{m:02}")),
        incidents: s.incidents,
        incidents_by_category: counts(&s.incidents_by_category, |c| c.code().into()),
        incidents_transferred: s.incidents_transferred,
        value_recovered: s.value_recovered,
        violations: s.violations,
        violations_by_kind: counts(&s.violations_by_kind, |c| c.code().into()),
        violations_by_discipline: counts(&s.violations_by_discipline, |c| c.code().into()),
        disciplined_warning_or_above: s.disciplined_warning_or_above,
        by_unit: s
            .by_unit
            .into_iter()
            .map(|u| UnitLine {
                unit: u.unit.uuid(),
                code: u.code,
                name: u.name,
                tips: u.tips.tips,
                open: u.tips.open,
                overdue: u.tips.overdue,
                transferred: u.tips.transferred,
                incidents: u.incidents,
                incidents_transferred: u.incidents_transferred,
                violations: u.violations,
                disciplined_warning_or_above: u.disciplined_warning_or_above,
            })
            .collect(),
    }))
}
