//! Fire safety on the API: the register of equipment and cameras with what
//! is due of each item, and what is overdue, due this month or broken.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use antt_core::equipment::DueLine;
use antt_domain::equipment::DueWhat;

use super::codes;
use super::{ApiQuery, UnitScope, scope};
use crate::auth::ApiActor;
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ItemOut {
    id: Uuid,
    code: String,
    #[schema(value_type = codes::EquipmentKind)]
    kind: &'static str,
    name: String,
    campus: Option<Uuid>,
    place: String,
    #[schema(value_type = codes::EquipmentState)]
    state: &'static str,
    last_check: Option<NaiveDate>,
    last_service: Option<NaiveDate>,
    last_pressure_test: Option<NaiveDate>,
    expires_on: Option<NaiveDate>,
    next_check: Option<NaiveDate>,
    next_service: Option<NaiveDate>,
    next_pressure_test: Option<NaiveDate>,
    open_faults: usize,
}

#[utoipa::path(get, path = "/api/v1/equipment", params(UnitScope), tag = "fire", security(("bearer" = [])),
    responses((status = 200, body = [ItemOut]), (status = 403, body = ApiErrorBody)))]
pub(super) async fn items(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(s): ApiQuery<UnitScope>,
) -> Result<Json<Vec<ItemOut>>, ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    let items = state.antt.equipment().items(&actor, unit).await?;
    Ok(Json(
        items
            .into_iter()
            .map(|i| ItemOut {
                id: i.item.id.uuid(),
                code: i.item.code,
                kind: i.item.kind.code(),
                name: i.item.name,
                campus: i.item.campus_id.map(antt_domain::CampusId::uuid),
                place: i.item.place,
                state: i.item.state.code(),
                last_check: i.item.last_check,
                last_service: i.item.last_service,
                last_pressure_test: i.item.last_pressure_test,
                expires_on: i.item.expires_on,
                next_check: i.due.check,
                next_service: i.due.service,
                next_pressure_test: i.due.pressure_test,
                open_faults: i.open_faults,
            })
            .collect(),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct DueOut {
    item: Uuid,
    code: String,
    /// `check`, `service`, `pressure_test` or `expiry`.
    #[schema(value_type = codes::DueWhat)]
    what: &'static str,
    due: NaiveDate,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct FaultOut {
    id: Uuid,
    item: Uuid,
    code: String,
    reported_at: DateTime<Utc>,
    description: String,
    /// Reported from a label without an account.
    public: bool,
}

/// An open corrective action of a place's failed round.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct PlaceActionOut {
    id: Uuid,
    /// The round's schedule.
    schedule: Option<Uuid>,
    place: String,
    reported_at: DateTime<Utc>,
    description: String,
    due_on: Option<NaiveDate>,
}

/// A round of checks by its schedule, and where it stands this period.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct RoundOut {
    schedule: Uuid,
    name: String,
    /// The person's or the team's name.
    assignee: String,
    /// Items checked this period (1 of 1 for a place's checklist).
    done: usize,
    total: usize,
    /// The last day of this period.
    due: NaiveDate,
    /// Set when an item missed the whole last period: its last day.
    late_since: Option<NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct OverdueOut {
    today: Option<NaiveDate>,
    overdue: Vec<DueOut>,
    this_month: Vec<DueOut>,
    open_faults: Vec<FaultOut>,
    /// Open corrective actions of places' failed rounds.
    open_place_actions: Vec<PlaceActionOut>,
    /// Every scheduled round, the late ones first.
    rounds: Vec<RoundOut>,
}

fn what(w: DueWhat) -> &'static str {
    match w {
        DueWhat::Check => "check",
        DueWhat::Service => "service",
        DueWhat::PressureTest => "pressure_test",
        DueWhat::Expiry => "expiry",
    }
}

fn due(l: &DueLine) -> DueOut {
    DueOut {
        item: l.item.id.uuid(),
        code: l.item.code.clone(),
        what: what(l.what),
        due: l.day,
    }
}

#[utoipa::path(get, path = "/api/v1/equipment/overdue", params(UnitScope), tag = "fire", security(("bearer" = [])),
    responses((status = 200, body = OverdueOut), (status = 403, body = ApiErrorBody)))]
pub(super) async fn overdue(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(s): ApiQuery<UnitScope>,
) -> Result<Json<OverdueOut>, ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    let d = state.antt.equipment().overdue(&actor, unit).await?;
    Ok(Json(OverdueOut {
        today: d.today,
        overdue: d.overdue.iter().map(due).collect(),
        this_month: d.this_month.iter().map(due).collect(),
        open_faults: d
            .faults
            .iter()
            .map(|(f, i)| FaultOut {
                id: f.id.uuid(),
                item: i.id.uuid(),
                code: i.code.clone(),
                reported_at: f.reported_at,
                description: f.description.clone(),
                public: f.reported_by.is_none(),
            })
            .collect(),
        open_place_actions: d
            .place_actions
            .iter()
            .map(|f| PlaceActionOut {
                id: f.id.uuid(),
                schedule: f.schedule_id.map(antt_domain::InspectionScheduleId::uuid),
                place: f.place.clone().unwrap_or_default(),
                reported_at: f.reported_at,
                description: f.description.clone(),
                due_on: f.due_on,
            })
            .collect(),
        rounds: state
            .antt
            .inspections()
            .rounds(&actor, unit)
            .await?
            .into_iter()
            .map(|l| RoundOut {
                schedule: l.schedule.id.uuid(),
                name: l.schedule.name,
                assignee: l.assignee,
                done: l.state.done,
                total: l.state.total,
                due: l.state.period.due(),
                late_since: l.state.late_since,
            })
            .collect(),
    }))
}
