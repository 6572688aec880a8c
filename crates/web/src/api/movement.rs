//! The movement year on the API: plans and their tasks, progress notes,
//! sessions and their attendance, and the year's coverage.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use antt_core::plan::TaskRow;
use antt_domain::plan::{NoteInput, Standing, TaskStatus};
use antt_domain::session::{Audience, Posts, SessionInput, SessionKind, Share, Topic};
use antt_domain::{ErrorCode, PersonId};

use super::codes;
use super::{ApiJson, ApiQuery, IdPath, UnitScope, id, scope};
use crate::auth::ApiActor;
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct PlanSummary {
    id: Uuid,
    year: i32,
    /// `draft`, `approved` or `closed`.
    #[schema(value_type = codes::PlanState)]
    state: String,
    title: String,
    number: Option<u32>,
    symbol: String,
    signed_on: Option<NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct TaskBody {
    id: Uuid,
    section: u16,
    title: String,
    department: Option<String>,
    person: Option<String>,
    partners: Vec<String>,
    due_on: Option<NaiveDate>,
    /// `monthly`, `quarterly` or `before_holidays`.
    #[schema(value_type = Option<codes::Recurrence>)]
    recurrence: Option<String>,
    /// `planned`, `in_progress`, `done` or `dropped`.
    #[schema(value_type = codes::TaskStatus)]
    status: String,
    /// `finished`, `overdue`, `due_soon` or `on_track`.
    standing: String,
    /// The day the standing refers to: overdue since, due on, next due.
    standing_on: Option<NaiveDate>,
}

fn task_body(r: &TaskRow) -> TaskBody {
    let (standing, on) = match r.standing {
        Standing::Finished => ("finished", None),
        Standing::Overdue { since } => ("overdue", Some(since)),
        Standing::DueSoon { on } => ("due_soon", Some(on)),
        Standing::OnTrack { next } => ("on_track", next),
    };
    TaskBody {
        id: r.task.id.uuid(),
        section: r.task.section,
        title: r.task.title.clone(),
        department: r.department.clone(),
        person: r.person.clone(),
        partners: r.partners.clone(),
        due_on: r.task.due_on,
        recurrence: r.task.recurrence.map(|x| x.code().to_owned()),
        status: r.task.status.code().to_owned(),
        standing: standing.to_owned(),
        standing_on: on,
    }
}

fn plan_summary(p: &antt_domain::plan::Plan) -> PlanSummary {
    PlanSummary {
        id: p.id.uuid(),
        year: p.year,
        state: p.state.code().to_owned(),
        title: p.content.title.clone(),
        number: p.content.number,
        symbol: p.content.symbol.clone(),
        signed_on: p.content.signed_on,
    }
}

#[utoipa::path(get, path = "/api/v1/plans", params(UnitScope), tag = "movement", security(("bearer" = [])),
    responses((status = 200, body = [PlanSummary]), (status = 401, body = ApiErrorBody)))]
pub(super) async fn list_plans(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(s): ApiQuery<UnitScope>,
) -> Result<Json<Vec<PlanSummary>>, ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    Ok(Json(
        state
            .antt
            .plans()
            .list(&actor, unit)
            .await?
            .iter()
            .map(plan_summary)
            .collect(),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct PlanBody {
    #[serde(flatten)]
    summary: PlanSummary,
    sections: Vec<String>,
    tasks: Vec<TaskBody>,
}

#[utoipa::path(get, path = "/api/v1/plans/{id}", params(IdPath, UnitScope), tag = "movement", security(("bearer" = [])),
    responses((status = 200, body = PlanBody), (status = 404, body = ApiErrorBody)))]
pub(super) async fn get_plan(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(plan): Path<String>,
    ApiQuery(s): ApiQuery<UnitScope>,
) -> Result<Json<PlanBody>, ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    let view = state.antt.plans().view(&actor, unit, id(&plan)?).await?;
    Ok(Json(PlanBody {
        summary: plan_summary(&view.plan),
        sections: view
            .plan
            .content
            .sections
            .iter()
            .map(|s| s.title.clone())
            .collect(),
        tasks: view.tasks.iter().map(task_body).collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct NoteBody {
    /// What was done.
    body: String,
    /// The task's new status, if it changed.
    #[schema(value_type = Option<codes::TaskStatus>)]
    status: Option<String>,
    /// A web address or a page of antt as evidence.
    link: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/tasks/{id}/notes", params(IdPath, UnitScope), request_body = NoteBody, tag = "movement", security(("bearer" = [])),
    responses((status = 201, body = TaskBody), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn report_task(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(task): Path<String>,
    ApiQuery(s): ApiQuery<UnitScope>,
    ApiJson(b): ApiJson<NoteBody>,
) -> Result<(StatusCode, Json<TaskBody>), ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    let task = id(&task)?;
    let status = match b.status.as_deref() {
        None => None,
        Some(code) => Some(TaskStatus::parse(code).ok_or(ApiError::Core(
            antt_core::CoreError::invalid("status", ErrorCode::Invalid),
        ))?),
    };
    let note = NoteInput {
        body: b.body,
        status,
        link: b.link,
        file: None,
    };
    state
        .antt
        .plans()
        .report_task(&actor, unit, task, note)
        .await?;
    let view = state.antt.plans().task_view(&actor, unit, task).await?;
    Ok((StatusCode::CREATED, Json(task_body(&view.row))))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct YearScope {
    /// The unit; defaults to the account's own unit.
    pub(super) unit: Option<Uuid>,
    /// The movement year (16/11 of the year before to 15/11); defaults to today's.
    pub(super) year: Option<i32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct SessionSummary {
    id: Uuid,
    #[schema(value_type = codes::SessionKind)]
    kind: String,
    title: String,
    starts_at: DateTime<Utc>,
    place: String,
    organiser: String,
    partner: Option<String>,
    #[schema(value_type = Vec<codes::Topic>)]
    topics: Vec<String>,
    attended: u32,
    outside_count: u32,
    materials: u32,
    posts: u32,
}

fn session_summary(s: &antt_domain::session::Session, attended: u32) -> SessionSummary {
    SessionSummary {
        id: s.id.uuid(),
        kind: s.kind.code().to_owned(),
        title: s.title.clone(),
        starts_at: s.starts_at,
        place: s.place.clone(),
        organiser: s.organiser.clone(),
        partner: s.partner.clone(),
        topics: s.topics.iter().map(|t| t.code().to_owned()).collect(),
        attended,
        outside_count: s.outside_count,
        materials: s.materials,
        posts: s.posts.total(),
    }
}

#[utoipa::path(get, path = "/api/v1/sessions", params(YearScope), tag = "movement", security(("bearer" = [])),
    responses((status = 200, body = [SessionSummary]), (status = 401, body = ApiErrorBody)))]
pub(super) async fn list_sessions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<YearScope>,
) -> Result<Json<Vec<SessionSummary>>, ApiError> {
    let unit = scope(&state, &actor, &UnitScope { unit: q.unit }).await?;
    let year = q.year.unwrap_or_else(|| state.antt.plans().current_year());
    let rows = state.antt.sessions().list(&actor, unit, year).await?;
    Ok(Json(
        rows.iter()
            .map(|r| session_summary(&r.session, r.attended))
            .collect(),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct AttendeeBody {
    person_id: Uuid,
    code: String,
    full_name: String,
    group: Option<String>,
    /// `ticked` or `check_in`.
    #[schema(value_type = codes::AttendanceMethod)]
    method: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct SessionBody {
    #[serde(flatten)]
    summary: SessionSummary,
    attendees: Vec<AttendeeBody>,
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}", params(IdPath, UnitScope), tag = "movement", security(("bearer" = [])),
    responses((status = 200, body = SessionBody), (status = 404, body = ApiErrorBody)))]
pub(super) async fn get_session(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(session): Path<String>,
    ApiQuery(s): ApiQuery<UnitScope>,
) -> Result<Json<SessionBody>, ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    let view = state
        .antt
        .sessions()
        .view(&actor, unit, id(&session)?)
        .await?;
    let attended = u32::try_from(view.attendees.len()).unwrap_or(u32::MAX);
    Ok(Json(SessionBody {
        summary: session_summary(&view.session, attended),
        attendees: view
            .attendees
            .iter()
            .map(|a| AttendeeBody {
                person_id: a.person.uuid(),
                code: a.code.clone(),
                full_name: a.name.clone(),
                group: a.group.clone(),
                method: a.method.code().to_owned(),
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct NewSession {
    /// `propaganda`, `legal_education`, `training`, `conference`, `festival_day`, `cluster_activity`.
    #[schema(value_type = codes::SessionKind)]
    kind: String,
    title: String,
    /// `state_secrets`, `cyber_crime`, `traffic_safety`, `fire_rescue`, `drugs_social_evils`, `school_violence`, `law`, `other`.
    #[schema(value_type = Vec<codes::Topic>)]
    topics: Vec<String>,
    topic_note: Option<String>,
    organiser: String,
    partner: Option<String>,
    starts_at: DateTime<Utc>,
    place: String,
    #[serde(default)]
    everyone: bool,
    #[serde(default)]
    departments: Vec<Uuid>,
    #[serde(default)]
    classes: Vec<Uuid>,
    #[serde(default)]
    outside_count: u32,
    #[serde(default)]
    materials: u32,
    #[serde(default)]
    posts_website: u32,
    #[serde(default)]
    posts_fanpage: u32,
    #[serde(default)]
    posts_zalo: u32,
    #[serde(default)]
    post_links: Vec<String>,
}

#[utoipa::path(post, path = "/api/v1/sessions", params(UnitScope), request_body = NewSession, tag = "movement", security(("bearer" = [])),
    responses((status = 201, body = SessionSummary), (status = 422, body = ApiErrorBody)))]
pub(super) async fn create_session(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(s): ApiQuery<UnitScope>,
    ApiJson(b): ApiJson<NewSession>,
) -> Result<(StatusCode, Json<SessionSummary>), ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    let invalid = |field| ApiError::Core(antt_core::CoreError::invalid(field, ErrorCode::Invalid));
    let kind = SessionKind::parse(&b.kind).ok_or_else(|| invalid("kind"))?;
    let topics = b
        .topics
        .iter()
        .map(|t| Topic::parse(t).ok_or_else(|| invalid("topics")))
        .collect::<Result<Vec<_>, _>>()?;
    let input = SessionInput {
        kind,
        title: b.title,
        topics,
        topic_note: b.topic_note,
        organiser: b.organiser,
        partner: b.partner,
        starts_at: b.starts_at,
        place: b.place,
        audience: Audience {
            everyone: b.everyone,
            departments: b
                .departments
                .into_iter()
                .map(antt_domain::DepartmentId::from_uuid)
                .collect(),
            classes: b
                .classes
                .into_iter()
                .map(antt_domain::ClassId::from_uuid)
                .collect(),
        },
        outside_count: b.outside_count,
        materials: b.materials,
        posts: Posts {
            website: b.posts_website,
            fanpage: b.posts_fanpage,
            zalo: b.posts_zalo,
            links: b.post_links,
        },
    };
    let created = state
        .antt
        .sessions()
        .save(&actor, unit, None, input)
        .await?;
    let view = state.antt.sessions().view(&actor, unit, created).await?;
    Ok((StatusCode::CREATED, Json(session_summary(&view.session, 0))))
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct AttendanceBody {
    /// The people the list covers; of them, `present` attended and the
    /// others' ticks are removed. Defaults to `present`.
    listed: Option<Vec<Uuid>>,
    present: Vec<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct AttendanceResult {
    added: usize,
    removed: u64,
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/attendance", params(IdPath, UnitScope), request_body = AttendanceBody, tag = "movement", security(("bearer" = [])),
    responses((status = 200, body = AttendanceResult), (status = 422, body = ApiErrorBody)))]
pub(super) async fn tick_attendance(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(session): Path<String>,
    ApiQuery(s): ApiQuery<UnitScope>,
    ApiJson(b): ApiJson<AttendanceBody>,
) -> Result<Json<AttendanceResult>, ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    let present: Vec<PersonId> = b.present.iter().copied().map(PersonId::from_uuid).collect();
    let listed: Vec<PersonId> = b.listed.map_or_else(
        || present.clone(),
        |l| l.into_iter().map(PersonId::from_uuid).collect(),
    );
    let (added, removed) = state
        .antt
        .sessions()
        .tick_attendance(&actor, unit, id(&session)?, &listed, &present)
        .await?;
    Ok(Json(AttendanceResult { added, removed }))
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ShareBody {
    /// A department or class id; absent for people without one.
    id: Option<Uuid>,
    name: Option<String>,
    reached: u32,
    total: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct CoverageBody {
    year: i32,
    sessions: usize,
    staff: ShareBody,
    students: ShareBody,
    by_department: Vec<ShareBody>,
    by_class: Vec<ShareBody>,
    not_reached: usize,
}

#[utoipa::path(get, path = "/api/v1/coverage", params(YearScope), tag = "movement", security(("bearer" = [])),
    responses((status = 200, body = CoverageBody), (status = 401, body = ApiErrorBody)))]
pub(super) async fn coverage(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<YearScope>,
) -> Result<Json<CoverageBody>, ApiError> {
    let unit = scope(&state, &actor, &UnitScope { unit: q.unit }).await?;
    let year = q.year.unwrap_or_else(|| state.antt.plans().current_year());
    let v = state.antt.sessions().coverage(&actor, unit, year).await?;
    let share = |id: Option<Uuid>, name: Option<String>, s: Share| ShareBody {
        id,
        name,
        reached: s.reached,
        total: s.total,
    };
    Ok(Json(CoverageBody {
        year,
        sessions: v.sessions,
        staff: share(None, None, v.coverage.staff),
        students: share(None, None, v.coverage.students),
        by_department: v
            .coverage
            .by_department
            .iter()
            .map(|(d, s)| {
                share(
                    d.map(antt_domain::DepartmentId::uuid),
                    d.and_then(|d| v.department_names.get(&d).cloned()),
                    *s,
                )
            })
            .collect(),
        by_class: v
            .coverage
            .by_class
            .iter()
            .map(|(c, s)| {
                share(
                    c.map(antt_domain::ClassId::uuid),
                    c.and_then(|c| v.class_names.get(&c).cloned()),
                    *s,
                )
            })
            .collect(),
        not_reached: v.not_reached.len(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct TeamSummary {
    id: Uuid,
    /// `model`, `team` or `cluster`.
    #[schema(value_type = codes::TeamKind)]
    kind: String,
    name: String,
    decision_number: Option<String>,
    decision_date: Option<NaiveDate>,
    partners: Vec<String>,
    /// `active`, `effective` or `dissolved`.
    #[schema(value_type = codes::TeamStatus)]
    status: String,
    /// Members serving today.
    serving: usize,
}

pub(super) fn team_summary(t: &antt_domain::team::Team, serving: usize) -> TeamSummary {
    TeamSummary {
        id: t.id.uuid(),
        kind: t.kind.code().to_owned(),
        name: t.name.clone(),
        decision_number: t.decision_number.clone(),
        decision_date: t.decision_date,
        partners: t.partners.clone(),
        status: t.status.code().to_owned(),
        serving,
    }
}

#[utoipa::path(get, path = "/api/v1/teams", params(UnitScope), tag = "movement", security(("bearer" = [])),
    responses((status = 200, body = [TeamSummary]), (status = 401, body = ApiErrorBody)))]
pub(super) async fn list_teams(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(s): ApiQuery<UnitScope>,
) -> Result<Json<Vec<TeamSummary>>, ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    let rows = state.antt.teams().list(&actor, unit).await?;
    Ok(Json(
        rows.iter()
            .map(|r| team_summary(&r.team, r.serving))
            .collect(),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct MemberBody {
    person_id: Uuid,
    code: String,
    full_name: String,
    /// `leader`, `deputy` or `member`.
    #[schema(value_type = codes::MemberRole)]
    role: String,
    from: NaiveDate,
    until: Option<NaiveDate>,
    serving: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct TeamBody {
    #[serde(flatten)]
    summary: TeamSummary,
    members: Vec<MemberBody>,
}

#[utoipa::path(get, path = "/api/v1/teams/{id}", params(IdPath, UnitScope), tag = "movement", security(("bearer" = [])),
    responses((status = 200, body = TeamBody), (status = 404, body = ApiErrorBody)))]
pub(super) async fn get_team(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(team): Path<String>,
    ApiQuery(s): ApiQuery<UnitScope>,
) -> Result<Json<TeamBody>, ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    let v = state.antt.teams().view(&actor, unit, id(&team)?).await?;
    let serving = v.members.iter().filter(|m| m.serving).count();
    Ok(Json(TeamBody {
        summary: team_summary(&v.team, serving),
        members: v
            .members
            .iter()
            .map(|m| MemberBody {
                person_id: m.member.person_id.uuid(),
                code: m.code.clone(),
                full_name: m.name.clone(),
                role: m.member.role.code().to_owned(),
                from: m.member.from,
                until: m.member.until,
                serving: m.serving,
            })
            .collect(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct CommitmentBody {
    year: i32,
    title: String,
    pledges: Vec<String>,
    staff: ShareBody,
    students: ShareBody,
    not_signed: usize,
    /// Whether the caller signed; absent when the account has no person record.
    signed_by_me: Option<bool>,
}

#[utoipa::path(get, path = "/api/v1/commitments", params(YearScope), tag = "movement", security(("bearer" = [])),
    responses((status = 200, body = CommitmentBody), (status = 404, body = ApiErrorBody)))]
pub(super) async fn commitment(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<YearScope>,
) -> Result<Json<CommitmentBody>, ApiError> {
    let unit = scope(&state, &actor, &UnitScope { unit: q.unit }).await?;
    let year = q.year.unwrap_or_else(|| state.antt.plans().current_year());
    let v = state
        .antt
        .commitments()
        .view(&actor, unit, year)
        .await?
        .ok_or(ApiError::Core(antt_core::CoreError::NotFound))?;
    let share = |s: Share| ShareBody {
        id: None,
        name: None,
        reached: s.reached,
        total: s.total,
    };
    Ok(Json(CommitmentBody {
        year,
        title: v.commitment.title.clone(),
        pledges: v.commitment.body.lines().map(str::to_owned).collect(),
        staff: share(v.progress.staff),
        students: share(v.progress.students),
        not_signed: v.not_signed.len(),
        signed_by_me: v.signed_by_me,
    }))
}
