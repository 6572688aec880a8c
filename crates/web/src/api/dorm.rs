//! Boarding students on the API: a night's roll call at a glance, a
//! room's sheet and its marks sent by a room leader's device (a mark made
//! by another account after the sheet was read is kept), the visitor log
//! of a day, and the month's room checks with the ranking and the rooms
//! due.

use axum::Json;
use axum::extract::{Path, State};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use antt_core::dorm::rollcall::MarkInput;
use antt_domain::dorm::{Mark, Tally};
use antt_domain::dorm_check::format_per_mille;
use antt_domain::{ErrorCode, PersonId, RoomId};

use super::codes;
use super::{ApiJson, ApiQuery, UnitScope, id, scope};
use crate::auth::ApiActor;
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct NightParams {
    /// The night that began that evening, "2026-11-20"; defaults to the
    /// current one (before noon: last night).
    night: Option<NaiveDate>,
    unit: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct TallyOut {
    residents: usize,
    present: usize,
    on_leave: usize,
    absent: usize,
    unmarked: usize,
}

fn tally(t: Tally) -> TallyOut {
    TallyOut {
        residents: t.residents,
        present: t.present,
        on_leave: t.on_leave,
        absent: t.absent,
        unmarked: t.unmarked(),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct StudentOut {
    id: Uuid,
    code: String,
    name: String,
    room: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct AbsentOut {
    #[serde(flatten)]
    student: StudentOut,
    /// Absent without leave the night before too.
    twice: bool,
    marked_by: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct NotBackOut {
    id: Uuid,
    code: String,
    name: String,
    leave_until: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct RoomNightOut {
    id: Uuid,
    /// "Nhà A – A101".
    room: String,
    tally: TallyOut,
    /// Not fully called by the deadline.
    late: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct NightOut {
    night: NaiveDate,
    /// "21:30".
    call: String,
    /// "22:15".
    deadline: String,
    past_deadline: bool,
    tally: TallyOut,
    rooms: Vec<RoomNightOut>,
    absent: Vec<AbsentOut>,
    not_back: Vec<NotBackOut>,
}

/// The night at a glance: for the board and the unit's leaders.
#[utoipa::path(get, path = "/api/v1/dorm/night", operation_id = "dorm_night", params(NightParams), tag = "dorm", security(("bearer" = [])),
    responses((status = 200, body = NightOut), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn night(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<NightParams>,
) -> Result<Json<NightOut>, ApiError> {
    let unit = scope(&state, &actor, &UnitScope { unit: q.unit }).await?;
    let dorms = state.antt.dorms();
    let v = dorms
        .night(&actor, unit, q.night.unwrap_or_else(|| dorms.tonight()))
        .await?;
    Ok(Json(NightOut {
        night: v.night,
        call: v.times.call.format("%H:%M").to_string(),
        deadline: v.times.deadline.format("%H:%M").to_string(),
        past_deadline: v.past_deadline,
        tally: tally(v.tally),
        rooms: v
            .buildings
            .iter()
            .flat_map(|b| {
                b.rooms.iter().map(|r| RoomNightOut {
                    id: r.room.id.uuid(),
                    room: format!("{} – {}", b.building.name, r.room.name),
                    tally: tally(r.tally),
                    late: r.late,
                })
            })
            .collect(),
        absent: v
            .absent
            .iter()
            .map(|a| AbsentOut {
                student: StudentOut {
                    id: a.person.id.uuid(),
                    code: a.person.code.clone(),
                    name: a.person.full_name.clone(),
                    room: a.room.clone(),
                },
                twice: a.twice,
                marked_by: a.mark.marked_by.clone(),
            })
            .collect(),
        not_back: v
            .not_back
            .iter()
            .map(|(l, p)| NotBackOut {
                id: p.id.uuid(),
                code: p.code.clone(),
                name: p.full_name.clone(),
                leave_until: l.until,
            })
            .collect(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct SheetLineOut {
    /// The resident's person id: what a mark names.
    person: Uuid,
    code: String,
    name: String,
    bed: u8,
    #[schema(value_type = Option<codes::Mark>)]
    mark: Option<&'static str>,
    note: String,
    marked_by: Option<String>,
    /// An approved leave covers the call: "leave" may be marked.
    on_leave: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct SheetOut {
    room: String,
    night: NaiveDate,
    /// Send it back with the marks: a mark another account made after it
    /// is kept.
    read_at: DateTime<Utc>,
    lines: Vec<SheetLineOut>,
}

/// A room's sheet for a night: for its leader, the board and the leaders.
#[utoipa::path(get, path = "/api/v1/dorm/rooms/{id}/rollcall", operation_id = "dorm_sheet", params(super::IdPath, NightParams), tag = "dorm", security(("bearer" = [])),
    responses((status = 200, body = SheetOut), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn sheet(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(room): Path<String>,
    ApiQuery(q): ApiQuery<NightParams>,
) -> Result<Json<SheetOut>, ApiError> {
    let unit = scope(&state, &actor, &UnitScope { unit: q.unit }).await?;
    let room: RoomId = id(&room)?;
    let dorms = state.antt.dorms();
    let s = dorms
        .sheet(
            &actor,
            unit,
            room,
            q.night.unwrap_or_else(|| dorms.tonight()),
        )
        .await?;
    Ok(Json(SheetOut {
        room: s.label,
        night: s.night,
        read_at: s.read_at,
        lines: s
            .lines
            .iter()
            .map(|l| SheetLineOut {
                person: l.person.id.uuid(),
                code: l.person.code.clone(),
                name: l.person.full_name.clone(),
                bed: l.bed,
                mark: l.mark.as_ref().map(|m| m.mark.code()),
                note: l.mark.as_ref().map(|m| m.note.clone()).unwrap_or_default(),
                marked_by: l.mark.as_ref().map(|m| m.marked_by.clone()),
                on_leave: l.leave.is_some(),
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct MarkBody {
    person: Uuid,
    #[schema(value_type = codes::Mark)]
    mark: String,
    #[serde(default)]
    #[schema(max_length = 200)]
    note: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct CallBody {
    night: NaiveDate,
    /// The sheet's `read_at`; without it, every mark sent is written.
    read_at: Option<DateTime<Utc>>,
    marks: Vec<MarkBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct KeptOut {
    person: Uuid,
    name: String,
    #[schema(value_type = codes::Mark)]
    mark: &'static str,
    marked_by: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct CallOut {
    saved: usize,
    /// Absences without leave told to the supervisor and the homeroom
    /// teacher by this call.
    alerted: usize,
    /// Marks another account made after the sheet was read: kept.
    kept: Vec<KeptOut>,
}

/// Sends a room's marks of a night; an absence without leave alerts the
/// building's supervisor and the homeroom teacher at once.
#[utoipa::path(post, path = "/api/v1/dorm/rooms/{id}/rollcall", operation_id = "dorm_call", params(super::IdPath, UnitScope), request_body = CallBody, tag = "dorm", security(("bearer" = [])),
    responses((status = 200, body = CallOut), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn call(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(room): Path<String>,
    ApiQuery(s): ApiQuery<UnitScope>,
    ApiJson(b): ApiJson<CallBody>,
) -> Result<Json<CallOut>, ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    let room: RoomId = id(&room)?;
    let marks = b
        .marks
        .iter()
        .map(|m| {
            Ok(MarkInput {
                person: PersonId::from_uuid(m.person),
                mark: Mark::parse(&m.mark).ok_or_else(|| {
                    ApiError::Core(antt_core::CoreError::invalid("mark", ErrorCode::Invalid))
                })?,
                note: m.note.clone(),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let o = state
        .antt
        .dorms()
        .call(&actor, unit, room, b.night, &marks, b.read_at)
        .await?;
    Ok(Json(CallOut {
        saved: o.saved,
        alerted: o.alerted,
        kept: o
            .kept
            .iter()
            .map(|(name, m)| KeptOut {
                person: m.person_id.uuid(),
                name: name.clone(),
                mark: m.mark.code(),
                marked_by: m.marked_by.clone(),
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct DayParams {
    /// "2026-11-20"; defaults to today.
    day: Option<NaiveDate>,
    unit: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct VisitOut {
    id: Uuid,
    name: String,
    relation: String,
    /// The kind of document and its last four digits (all of them where
    /// the unit keeps full numbers).
    document: Option<String>,
    document_number: String,
    resident: Option<StudentOut>,
    arrived_at: DateTime<Utc>,
    left_at: Option<DateTime<Utc>>,
    /// Still inside when visitors had to be gone.
    past_closing: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct VisitsOut {
    day: NaiveDate,
    /// "21:00".
    closing: String,
    visits: Vec<VisitOut>,
}

/// The visitor log of a day: for the board and the unit's leaders.
#[utoipa::path(get, path = "/api/v1/dorm/visits", operation_id = "dorm_visits", params(DayParams), tag = "dorm", security(("bearer" = [])),
    responses((status = 200, body = VisitsOut), (status = 403, body = ApiErrorBody)))]
pub(super) async fn visits(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<DayParams>,
) -> Result<Json<VisitsOut>, ApiError> {
    let unit = scope(&state, &actor, &UnitScope { unit: q.unit }).await?;
    let day = q
        .day
        .unwrap_or_else(|| antt_domain::time::local_date(state.antt.now()));
    let v = state.antt.dorms().visits(&actor, unit, day).await?;
    let late: Vec<Uuid> = v.inside_at_closing().map(|l| l.visit.id.uuid()).collect();
    Ok(Json(VisitsOut {
        day: v.day,
        closing: v.closing.format("%H:%M").to_string(),
        visits: v
            .visits
            .iter()
            .map(|l| VisitOut {
                id: l.visit.id.uuid(),
                name: l.visit.name.clone(),
                relation: l.visit.relation.clone(),
                document: l.visit.document.map(|d| d.code().to_owned()),
                document_number: l.visit.document_number.clone(),
                resident: l.resident.as_ref().map(|p| StudentOut {
                    id: p.id.uuid(),
                    code: p.code.clone(),
                    name: p.full_name.clone(),
                    room: l.room.clone(),
                }),
                arrived_at: l.visit.arrived_at,
                left_at: l.visit.left_at,
                past_closing: late.contains(&l.visit.id.uuid()),
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct MonthParams {
    /// "2026-11"; defaults to this month.
    month: Option<String>,
    unit: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct StandingOut {
    place: u32,
    room_id: Uuid,
    room: String,
    checks: u32,
    /// The mean score of the month's checks out of 100, "92,5".
    average: String,
    absences: u32,
    breaches: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct DueRoomOut {
    room_id: Uuid,
    room: String,
    last: Option<NaiveDate>,
    due: NaiveDate,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ChecksOut {
    month: String,
    every_days: u16,
    ranking: Vec<StandingOut>,
    due: Vec<DueRoomOut>,
    checks: usize,
}

/// The month's room checks: the ranking of rooms and the rooms due now.
#[utoipa::path(get, path = "/api/v1/dorm/checks", operation_id = "dorm_checks", params(MonthParams), tag = "dorm", security(("bearer" = [])),
    responses((status = 200, body = ChecksOut), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn checks(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<MonthParams>,
) -> Result<Json<ChecksOut>, ApiError> {
    let unit = scope(&state, &actor, &UnitScope { unit: q.unit }).await?;
    let day = match q.month.as_deref() {
        None => antt_domain::time::local_date(state.antt.now()),
        Some(m) => NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d")
            .ok()
            .filter(|d| (2000..=2100).contains(&chrono::Datelike::year(d)))
            .ok_or_else(|| {
                ApiError::Core(antt_core::CoreError::invalid("month", ErrorCode::Invalid))
            })?,
    };
    let m = state.antt.dorms().checks(&actor, unit, day).await?;
    Ok(Json(ChecksOut {
        month: m.month.format("%Y-%m").to_string(),
        every_days: m.settings.every_days,
        ranking: m
            .ranking
            .iter()
            .map(|(s, label)| StandingOut {
                place: s.place,
                room_id: s.room_id.uuid(),
                room: label.clone(),
                checks: s.checks,
                average: format_per_mille(s.average),
                absences: s.absences,
                breaches: s.breaches,
            })
            .collect(),
        due: m
            .due
            .iter()
            .map(|d| DueRoomOut {
                room_id: d.room.id.uuid(),
                room: d.label.clone(),
                last: d.last,
                due: d.due,
            })
            .collect(),
        checks: m.checks.len(),
    }))
}
