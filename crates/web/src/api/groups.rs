//! Writing the movement's groups and pledges on the API: models, teams and
//! clusters with their members and activity log; the commitment campaign,
//! signatures in the app and from paper.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use antt_core::CoreError;
use antt_domain::commitment::CommitmentInput;
use antt_domain::team::{MemberRole, TeamInput, TeamKind, TeamStatus};
use antt_domain::{ErrorCode, PersonId, TeamId};

use super::codes;
use super::movement::{TeamSummary, YearScope, team_summary};
use super::{ApiJson, ApiQuery, IdPath, UnitScope, id, scope};
use crate::auth::ApiActor;
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;

fn invalid(field: &'static str) -> ApiError {
    ApiError::Core(CoreError::invalid(field, ErrorCode::Invalid))
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct TeamWrite {
    /// `model`, `team` or `cluster`.
    #[schema(value_type = codes::TeamKind)]
    kind: String,
    name: String,
    decision_number: Option<String>,
    decision_date: Option<NaiveDate>,
    decision_signer: Option<String>,
    /// Outside partners of a cluster (ward police, hospital, court…).
    #[serde(default)]
    partners: Vec<String>,
    /// `active`, `effective` or `dissolved`; defaults to `active`.
    #[schema(value_type = Option<codes::TeamStatus>)]
    status: Option<String>,
    /// A type of the unit's catalogue for this kind, by name.
    type_name: Option<String>,
}

impl TeamWrite {
    fn input(self) -> Result<TeamInput, ApiError> {
        Ok(TeamInput {
            kind: TeamKind::parse(&self.kind).ok_or_else(|| invalid("kind"))?,
            name: self.name,
            decision_number: self.decision_number,
            decision_date: self.decision_date,
            decision_signer: self.decision_signer,
            partners: self.partners,
            status: match self.status.as_deref() {
                None => TeamStatus::Active,
                Some(code) => TeamStatus::parse(code).ok_or_else(|| invalid("status"))?,
            },
            type_name: self.type_name,
        })
    }
}

async fn summary_of(
    state: &AppState,
    actor: &antt_core::Actor,
    unit: antt_domain::UnitId,
    team: TeamId,
) -> Result<TeamSummary, ApiError> {
    let v = state.antt.teams().view(actor, unit, team).await?;
    let serving = v.members.iter().filter(|m| m.serving).count();
    Ok(team_summary(&v.team, serving))
}

#[utoipa::path(post, path = "/api/v1/teams", params(UnitScope), request_body = TeamWrite, tag = "movement", security(("bearer" = [])),
    responses((status = 201, body = TeamSummary), (status = 422, body = ApiErrorBody)))]
pub(super) async fn create_team(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(s): ApiQuery<UnitScope>,
    ApiJson(b): ApiJson<TeamWrite>,
) -> Result<(StatusCode, Json<TeamSummary>), ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    let team = state
        .antt
        .teams()
        .save(&actor, unit, None, b.input()?)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(summary_of(&state, &actor, unit, team).await?),
    ))
}

#[utoipa::path(put, path = "/api/v1/teams/{id}", params(IdPath, UnitScope), request_body = TeamWrite, tag = "movement", security(("bearer" = [])),
    responses((status = 200, body = TeamSummary), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn update_team(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(team): Path<String>,
    ApiQuery(s): ApiQuery<UnitScope>,
    ApiJson(b): ApiJson<TeamWrite>,
) -> Result<Json<TeamSummary>, ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    let team: TeamId = id(&team)?;
    state
        .antt
        .teams()
        .save(&actor, unit, Some(team), b.input()?)
        .await?;
    Ok(Json(summary_of(&state, &actor, unit, team).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct MemberWrite {
    person_id: Uuid,
    /// `leader`, `deputy` or `member`.
    #[schema(value_type = codes::MemberRole)]
    role: String,
    from: NaiveDate,
    until: Option<NaiveDate>,
}

#[utoipa::path(post, path = "/api/v1/teams/{id}/members", params(IdPath, UnitScope), request_body = MemberWrite, tag = "movement", security(("bearer" = [])),
    responses((status = 201, body = TeamSummary), (status = 422, body = ApiErrorBody)))]
pub(super) async fn add_member(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(team): Path<String>,
    ApiQuery(s): ApiQuery<UnitScope>,
    ApiJson(b): ApiJson<MemberWrite>,
) -> Result<(StatusCode, Json<TeamSummary>), ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    let team: TeamId = id(&team)?;
    let role = MemberRole::parse(&b.role).ok_or_else(|| invalid("role"))?;
    state
        .antt
        .teams()
        .add_member(
            &actor,
            unit,
            team,
            PersonId::from_uuid(b.person_id),
            role,
            b.from,
            b.until,
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(summary_of(&state, &actor, unit, team).await?),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct ActivityWrite {
    on: NaiveDate,
    text: String,
}

#[utoipa::path(post, path = "/api/v1/teams/{id}/activities", params(IdPath, UnitScope), request_body = ActivityWrite, tag = "movement", security(("bearer" = [])),
    responses((status = 204), (status = 422, body = ApiErrorBody)))]
pub(super) async fn log_activity(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(team): Path<String>,
    ApiQuery(s): ApiQuery<UnitScope>,
    ApiJson(b): ApiJson<ActivityWrite>,
) -> Result<StatusCode, ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    state
        .antt
        .teams()
        .log_activity(&actor, unit, id(&team)?, b.on, &b.text)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct CommitmentWrite {
    /// Defaults to "Cam kết thực hiện Phong trào … năm YYYY".
    title: Option<String>,
    /// The pledges, one per line; defaults to those of the plan's seed.
    body: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/commitments", params(YearScope), request_body = CommitmentWrite, tag = "movement", security(("bearer" = [])),
    responses((status = 201), (status = 422, body = ApiErrorBody)))]
pub(super) async fn start_commitment(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<YearScope>,
    ApiJson(b): ApiJson<CommitmentWrite>,
) -> Result<StatusCode, ApiError> {
    let unit = scope(&state, &actor, &UnitScope { unit: q.unit }).await?;
    let year = q.year.unwrap_or_else(|| state.antt.plans().current_year());
    let default = CommitmentInput::default_for(year);
    let input = CommitmentInput {
        title: b.title.unwrap_or(default.title),
        body: b.body.unwrap_or(default.body),
    };
    state
        .antt
        .commitments()
        .start(&actor, unit, year, input)
        .await?;
    Ok(StatusCode::CREATED)
}

#[utoipa::path(post, path = "/api/v1/commitments/sign", params(YearScope), tag = "movement", security(("bearer" = [])),
    responses((status = 204), (status = 422, body = ApiErrorBody)))]
pub(super) async fn sign_commitment(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<YearScope>,
) -> Result<StatusCode, ApiError> {
    let unit = scope(&state, &actor, &UnitScope { unit: q.unit }).await?;
    let year = q.year.unwrap_or_else(|| state.antt.plans().current_year());
    state.antt.commitments().sign(&actor, unit, year).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct PaperWrite {
    /// The people the paper list covers (a class); of them, `signed`
    /// signed and the others' paper signatures are removed (never one made
    /// in the app). Defaults to `signed`.
    listed: Option<Vec<Uuid>>,
    signed: Vec<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct PaperResult {
    added: usize,
    removed: u64,
}

#[utoipa::path(post, path = "/api/v1/commitments/paper", params(YearScope), request_body = PaperWrite, tag = "movement", security(("bearer" = [])),
    responses((status = 200, body = PaperResult), (status = 422, body = ApiErrorBody)))]
pub(super) async fn record_paper(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<YearScope>,
    ApiJson(b): ApiJson<PaperWrite>,
) -> Result<Json<PaperResult>, ApiError> {
    let unit = scope(&state, &actor, &UnitScope { unit: q.unit }).await?;
    let year = q.year.unwrap_or_else(|| state.antt.plans().current_year());
    let signed: Vec<PersonId> = b.signed.into_iter().map(PersonId::from_uuid).collect();
    let listed: Vec<PersonId> = b.listed.map_or_else(
        || signed.clone(),
        |l| l.into_iter().map(PersonId::from_uuid).collect(),
    );
    let (added, removed) = state
        .antt
        .commitments()
        .record_paper_signatures(&actor, unit, year, &listed, &signed)
        .await?;
    Ok(Json(PaperResult { added, removed }))
}
