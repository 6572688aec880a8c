//! Guard duty on the API: the posts, a month's roster, the gate's shift
//! log of a day, a night's patrol rounds with their scans, and a scan sent
//! by a guard's device (with the time it was made, for one kept offline).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use antt_domain::patrol::RoundStatus;
use antt_domain::{CampusId, ErrorCode};

use super::codes;
use super::{ApiJson, ApiQuery, UnitScope, scope};
use crate::auth::ApiActor;
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;

fn invalid(field: &'static str) -> ApiError {
    ApiError::Core(antt_core::CoreError::invalid(field, ErrorCode::Invalid))
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ShiftPatternOut {
    /// "06:00".
    start: String,
    hours: u32,
    guards: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct PostOut {
    id: Uuid,
    campus: Uuid,
    name: String,
    /// `dorm`, `fire_team`, `first_aid`, or none.
    #[schema(value_type = Option<codes::Skill>)]
    skill: Option<&'static str>,
    shifts: Vec<ShiftPatternOut>,
}

#[utoipa::path(get, path = "/api/v1/duty/posts", params(UnitScope), tag = "duty", security(("bearer" = [])),
    responses((status = 200, body = [PostOut]), (status = 403, body = ApiErrorBody)))]
pub(super) async fn posts(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(s): ApiQuery<UnitScope>,
) -> Result<Json<Vec<PostOut>>, ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    let posts = state.antt.duty().posts(&actor, unit).await?;
    Ok(Json(
        posts
            .into_iter()
            .map(|p| PostOut {
                id: p.id.uuid(),
                campus: p.campus_id.uuid(),
                name: p.name,
                skill: p.skill.map(antt_domain::duty::Skill::code),
                shifts: p
                    .shifts
                    .iter()
                    .map(|s| ShiftPatternOut {
                        start: s.start.format("%H:%M").to_string(),
                        hours: s.hours,
                        guards: s.guards,
                    })
                    .collect(),
            })
            .collect(),
    ))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct MonthParams {
    /// "2026-12"; defaults to this month.
    month: Option<String>,
    unit: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct RosterShiftOut {
    id: i64,
    post: Uuid,
    campus: Uuid,
    /// Vietnam time.
    start: NaiveDateTime,
    end: NaiveDateTime,
    /// The person on duty, if any.
    guard: Option<Uuid>,
    fixed: bool,
    /// An extra shift of a holiday or an event, which reinforcement
    /// members (the self-defence platoon) may stand.
    reinforcement: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct RosterOut {
    /// The month's first day.
    month: NaiveDate,
    /// `draft` or `published`; none when the month has no roster.
    #[schema(value_type = Option<codes::RosterState>)]
    state: Option<&'static str>,
    shifts: Vec<RosterShiftOut>,
    /// Broken rules, one sentence each (Vietnamese, as on the screen).
    problems: usize,
}

#[utoipa::path(get, path = "/api/v1/duty/roster", params(MonthParams), tag = "duty", security(("bearer" = [])),
    responses((status = 200, body = RosterOut), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn roster(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<MonthParams>,
) -> Result<Json<RosterOut>, ApiError> {
    let unit = scope(&state, &actor, &UnitScope { unit: q.unit }).await?;
    let day = match q.month.as_deref() {
        None => antt_domain::time::local_date(state.antt.now()),
        Some(m) => NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d")
            .map_err(|_| invalid("month"))?,
    };
    let view = state.antt.duty().roster(&actor, unit, day).await?;
    Ok(Json(RosterOut {
        month: view.month,
        state: view.roster.as_ref().map(|r| r.state.code()),
        shifts: view
            .roster
            .as_ref()
            .map(|r| {
                r.shifts
                    .iter()
                    .map(|s| RosterShiftOut {
                        id: s.id,
                        post: s.post_id.uuid(),
                        campus: s.campus_id.uuid(),
                        start: s.start,
                        end: s.end,
                        guard: s.guard.map(antt_domain::PersonId::uuid),
                        fixed: s.fixed,
                        reinforcement: s.reinforcement,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        problems: view.problems.len(),
    }))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct LogParams {
    /// The campus.
    campus: Uuid,
    /// "2026-12-03"; defaults to today.
    day: Option<NaiveDate>,
    unit: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct EntryOut {
    number: i64,
    at: DateTime<Utc>,
    text: String,
    annotation: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct LogOut {
    id: Uuid,
    guard: String,
    started_at: DateTime<Utc>,
    ended_at: Option<DateTime<Utc>>,
    taken_from: String,
    received: String,
    handover_notes: Option<String>,
    entries: Vec<EntryOut>,
}

#[utoipa::path(get, path = "/api/v1/gate/log", params(LogParams), tag = "duty", security(("bearer" = [])),
    responses((status = 200, body = [LogOut]), (status = 403, body = ApiErrorBody)))]
pub(super) async fn log(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<LogParams>,
) -> Result<Json<Vec<LogOut>>, ApiError> {
    let unit = scope(&state, &actor, &UnitScope { unit: q.unit }).await?;
    let day = q
        .day
        .unwrap_or_else(|| antt_domain::time::local_date(state.antt.now()));
    let logs = state
        .antt
        .shift_logs()
        .day(&actor, unit, CampusId::from_uuid(q.campus), day)
        .await?;
    Ok(Json(
        logs.into_iter()
            .map(|v| LogOut {
                id: v.log.id.uuid(),
                guard: v.log.guard_name,
                started_at: v.log.started_at,
                ended_at: v.log.ended_at,
                taken_from: v.log.taken_from,
                received: v.log.received,
                handover_notes: v.log.handover_notes,
                entries: v
                    .entries
                    .into_iter()
                    .map(|e| EntryOut {
                        number: e.id,
                        at: e.at,
                        text: e.text,
                        annotation: e.annotation,
                    })
                    .collect(),
            })
            .collect(),
    ))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct NightParams {
    /// The night that began that evening, "2026-11-20"; defaults to the
    /// current one (before noon: last night).
    night: Option<NaiveDate>,
    unit: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct DueOut {
    /// Vietnam time.
    starts: NaiveDateTime,
    ends: NaiveDateTime,
    /// `ahead`, `open`, `walked`, `incomplete` or `missed`.
    #[schema(value_type = codes::RoundStatus)]
    status: &'static str,
    /// Codes of the checkpoints not scanned in an incomplete round.
    missing: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct RoundOut {
    id: Uuid,
    campus: Uuid,
    name: String,
    /// Codes of its checkpoints, in walking order.
    checkpoints: Vec<String>,
    due: Vec<DueOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ScanOut {
    checkpoint: String,
    at: DateTime<Utc>,
    recorded_at: DateTime<Utc>,
    guard: String,
    partners: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct NightOut {
    night: NaiveDate,
    /// Due rounds passed without every checkpoint scanned.
    missed: usize,
    rounds: Vec<RoundOut>,
    scans: Vec<ScanOut>,
}

#[utoipa::path(get, path = "/api/v1/patrol/night", params(NightParams), tag = "duty", security(("bearer" = [])),
    responses((status = 200, body = NightOut), (status = 403, body = ApiErrorBody)))]
pub(super) async fn night(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<NightParams>,
) -> Result<Json<NightOut>, ApiError> {
    let unit = scope(&state, &actor, &UnitScope { unit: q.unit }).await?;
    let patrols = state.antt.patrols();
    let n = patrols
        .night(
            &actor,
            unit,
            q.night.unwrap_or_else(|| patrols.current_night()),
        )
        .await?;
    let code = |id| {
        n.checkpoints
            .iter()
            .find(|c| c.id == id)
            .map_or_else(String::new, |c| c.code.clone())
    };
    Ok(Json(NightOut {
        night: n.night,
        missed: n.missed(),
        rounds: n
            .rounds
            .iter()
            .map(|r| RoundOut {
                id: r.round.id.uuid(),
                campus: r.round.campus_id.uuid(),
                name: r.round.name.clone(),
                checkpoints: r.round.checkpoints.iter().map(|c| code(*c)).collect(),
                due: r
                    .due
                    .iter()
                    .map(|d| {
                        let (status, missing) = match &d.status {
                            RoundStatus::Ahead => ("ahead", Vec::new()),
                            RoundStatus::Open { .. } => ("open", Vec::new()),
                            RoundStatus::Walked => ("walked", Vec::new()),
                            RoundStatus::Incomplete { missing } => {
                                ("incomplete", missing.iter().map(|c| code(*c)).collect())
                            }
                            RoundStatus::Missed => ("missed", Vec::new()),
                        };
                        DueOut {
                            starts: d.starts,
                            ends: d.ends,
                            status,
                            missing,
                        }
                    })
                    .collect(),
            })
            .collect(),
        scans: n
            .scans
            .iter()
            .map(|s| ScanOut {
                checkpoint: code(s.checkpoint_id),
                at: s.at,
                recorded_at: s.recorded_at,
                guard: s.guard_name.clone(),
                partners: s.partners.clone(),
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct NewScan {
    /// What the camera read from the label: its address, or its
    /// `c=CODE&k=SECRET` part.
    label: String,
    /// When it was scanned, for a scan kept on the device without a
    /// connection; at most 12 hours past, never ahead. Defaults to now.
    at: Option<DateTime<Utc>>,
    /// A joint patrol's partners.
    #[serde(default)]
    partners: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ScannedOut {
    checkpoint: String,
    name: String,
    at: DateTime<Utc>,
    /// The same scan was already recorded (sent again): nothing new.
    repeated: bool,
}

#[utoipa::path(post, path = "/api/v1/patrol/scans", request_body = NewScan, tag = "duty", security(("bearer" = [])),
    responses((status = 201, body = ScannedOut), (status = 200, body = ScannedOut, description = "already recorded"),
        (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn scan(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(b): ApiJson<NewScan>,
) -> Result<(StatusCode, Json<ScannedOut>), ApiError> {
    let s = state
        .antt
        .patrols()
        .scan(&actor, &b.label, b.at, &b.partners)
        .await?;
    Ok((
        if s.repeated {
            StatusCode::OK
        } else {
            StatusCode::CREATED
        },
        Json(ScannedOut {
            checkpoint: s.checkpoint.code,
            name: s.checkpoint.name,
            at: s.at,
            repeated: s.repeated,
        }),
    ))
}
