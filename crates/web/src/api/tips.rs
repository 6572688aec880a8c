//! Tips on the API. The public calls need no token and take nothing that
//! names the sender: the categories, sending a tip (JSON, or multipart with
//! photos) for a receipt, and with the receipt in the body (never in a URL)
//! the state, the conversation and an answer. The staff calls need a token
//! of a handler, except recording a tip, which any staff member may.

use axum::Json;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{StatusCode, header};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use antt_core::CoreError;
use antt_core::tip::{InboxView, TipLine};
use antt_domain::tip::{Author, StateChange, TipCategory, TipChannel, TipInput, TipState};
use antt_domain::{CampusId, ErrorCode, TipId, UserId};

use super::codes;
use super::{ApiJson, ApiQuery, IdPath, id};
use crate::auth::ApiActor;
use crate::error::{ApiError, ApiErrorBody};
use crate::i18n;
use crate::state::AppState;
use crate::views::portal::{FloodKey, read_tip_form};

fn invalid(field: &'static str) -> ApiError {
    ApiError::Core(CoreError::invalid(field, ErrorCode::Invalid))
}

/// A category a tip may be about.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct CategoryOut {
    #[schema(value_type = codes::TipCategory)]
    code: &'static str,
    /// Its Vietnamese name, as the portal shows it.
    name: &'static str,
    /// The default deadline; a unit may set its own.
    deadline_hours: i64,
}

#[utoipa::path(get, path = "/api/v1/public/tip-categories", tag = "tips",
    responses((status = 200, body = [CategoryOut])))]
pub(super) async fn categories() -> Json<Vec<CategoryOut>> {
    Json(
        TipCategory::REPORTED
            .iter()
            .map(|c| CategoryOut {
                code: c.code(),
                name: i18n::tip_category(*c),
                deadline_hours: c.default_deadline().num_hours(),
            })
            .collect(),
    )
}

/// A tip sent from outside. As multipart, the same fields as form fields
/// (`identity` = `anonymous` or `named` instead of `anonymous`), and the
/// photos as `photos` parts.
#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct PublicTip {
    /// The code of the unit the tip is for (the portal's `/tip/CODE`).
    unit: String,
    /// A code of `GET /api/v1/public/tip-categories`.
    #[schema(value_type = codes::TipCategory)]
    category: String,
    #[schema(max_length = 4000)]
    description: String,
    /// `true`: nothing naming the reporter is kept, a contact given is dropped.
    anonymous: bool,
    #[serde(default)]
    urgent: bool,
    #[schema(max_length = 300)]
    place: Option<String>,
    campus: Option<Uuid>,
    occurred_at: Option<DateTime<Utc>>,
    #[schema(max_length = 300)]
    contact: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct Receipt {
    /// 16 digits: the reporter's only way back to the tip. Shown once; the
    /// server keeps only a slow hash of it.
    receipt: String,
    urgent: bool,
}

#[utoipa::path(post, path = "/api/v1/public/tips", tag = "tips", request_body = PublicTip,
    responses((status = 201, body = Receipt), (status = 422, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
pub(super) async fn submit(
    State(state): State<AppState>,
    flood: FloodKey,
    request: Request,
) -> Result<(StatusCode, Json<Receipt>), ApiError> {
    let once = crate::auth::idempotency_key(request.headers())?;
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let (unit_code, input, photos) = if multipart {
        let m = Multipart::from_request(request, &state)
            .await
            .map_err(|e| ApiError::BadRequest(e.body_text()))?;
        let (form, photos) = read_tip_form(m).await.map_err(CoreError::Invalid)?;
        let input = form.parse(TipChannel::Portal).map_err(CoreError::Invalid)?;
        (form.unit.clone(), input, photos)
    } else {
        let ApiJson(b) = ApiJson::<PublicTip>::from_request(request, &state).await?;
        let category = TipCategory::parse(&b.category).ok_or_else(|| invalid("category"))?;
        let input = TipInput {
            channel: TipChannel::Portal,
            category,
            urgent: b.urgent,
            anonymous: b.anonymous,
            description: b.description,
            place: b.place,
            campus_id: b.campus.map(CampusId::from_uuid),
            occurred_at: b.occurred_at,
            contact: b.contact,
        };
        (b.unit, input, Vec::new())
    };
    let unit = state
        .antt
        .tips()
        .portal_unit(&unit_code)
        .await
        .map_err(|_| CoreError::invalid("unit", ErrorCode::NotFound))?;
    let sent = state
        .antt
        .tips()
        .submit_once(unit.id, input, photos, flood.0.as_deref(), once.as_ref())
        .await
        .map_err(unnamed)?;
    Ok((
        StatusCode::CREATED,
        Json(Receipt {
            receipt: sent.receipt,
            urgent: sent.urgent,
        }),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct ReceiptBody {
    /// The 16 digits; spaces and dashes are ignored.
    receipt: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct MessageOut {
    /// `reporter` or `handler`.
    #[schema(value_type = codes::MessageFrom)]
    from: &'static str,
    at: DateTime<Utc>,
    text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct TipStatus {
    unit: String,
    number: u32,
    #[schema(value_type = codes::TipCategory)]
    category: &'static str,
    #[schema(value_type = codes::TipState)]
    state: &'static str,
    received_at: DateTime<Utc>,
    messages: Vec<MessageOut>,
}

#[utoipa::path(post, path = "/api/v1/public/tips/status", tag = "tips", request_body = ReceiptBody,
    responses((status = 200, body = TipStatus), (status = 422, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
pub(super) async fn status(
    State(state): State<AppState>,
    flood: FloodKey,
    ApiJson(b): ApiJson<ReceiptBody>,
) -> Result<Json<TipStatus>, ApiError> {
    let v = state
        .antt
        .tips()
        .status(&b.receipt, flood.0.as_deref())
        .await?;
    Ok(Json(TipStatus {
        unit: v.unit_name,
        number: v.number,
        category: v.category.code(),
        state: v.state.code(),
        received_at: v.received_at,
        messages: v
            .messages
            .into_iter()
            .map(|m| MessageOut {
                from: if m.author == Author::Reporter {
                    "reporter"
                } else {
                    "handler"
                },
                at: m.at,
                text: m.body,
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct ReplyBody {
    receipt: String,
    #[schema(max_length = 2000)]
    message: String,
}

#[utoipa::path(post, path = "/api/v1/public/tips/reply", tag = "tips", request_body = ReplyBody,
    responses((status = 204), (status = 422, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
pub(super) async fn reply(
    State(state): State<AppState>,
    flood: FloodKey,
    headers: axum::http::HeaderMap,
    ApiJson(b): ApiJson<ReplyBody>,
) -> Result<StatusCode, ApiError> {
    let once = crate::auth::idempotency_key(&headers)?;
    state
        .antt
        .tips()
        .reporter_reply_once(&b.receipt, &b.message, flood.0.as_deref(), once.as_ref())
        .await
        .map_err(unnamed)?;
    Ok(StatusCode::NO_CONTENT)
}

/// A repeated public call is told so without the id of the tip, which is
/// staff's to know.
fn unnamed(e: CoreError) -> CoreError {
    match e {
        CoreError::AlreadyDone(_) => CoreError::AlreadyDone(None),
        e => e,
    }
}

/// A tip in a list: no content.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct TipSummary {
    id: Uuid,
    number: u32,
    #[schema(value_type = codes::TipChannel)]
    channel: &'static str,
    #[schema(value_type = codes::TipCategory)]
    category: &'static str,
    #[schema(value_type = codes::TipState)]
    state: &'static str,
    urgent: bool,
    anonymous: bool,
    received_at: DateTime<Utc>,
    due_at: DateTime<Utc>,
    overdue: bool,
    assignee: Option<String>,
    /// The reporter answered and nobody has replied yet.
    awaiting_staff: bool,
    incident: Option<Uuid>,
}

fn summary(l: TipLine) -> TipSummary {
    TipSummary {
        id: l.tip.id.uuid(),
        number: l.tip.number,
        channel: l.tip.channel.code(),
        category: l.tip.category.code(),
        state: l.tip.state.code(),
        urgent: l.tip.urgent,
        anonymous: l.tip.anonymous,
        received_at: l.tip.received_at,
        due_at: l.tip.due_at,
        overdue: l.overdue,
        assignee: l.assignee,
        awaiting_staff: l.tip.awaiting_staff,
        incident: l.tip.incident_id.map(antt_domain::IncidentId::uuid),
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct InboxParams {
    /// `open` (default), `mine`, `overdue` or `all`.
    view: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/tips", operation_id = "list_tips", params(InboxParams), tag = "tips", security(("bearer" = [])),
    responses((status = 200, body = [TipSummary]), (status = 403, body = ApiErrorBody)))]
pub(super) async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<InboxParams>,
) -> Result<Json<Vec<TipSummary>>, ApiError> {
    let view = match q.view.as_deref() {
        None | Some("open") => InboxView::Open,
        Some("mine") => InboxView::Mine,
        Some("overdue") => InboxView::Overdue,
        Some("all") => InboxView::All,
        Some(_) => return Err(invalid("view")),
    };
    let inbox = state.antt.tips().inbox(&actor, view).await?;
    Ok(Json(inbox.lines.into_iter().map(summary).collect()))
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct StaffMessage {
    /// `reporter`, `staff` (to the reporter) or `note` (internal).
    #[schema(value_type = codes::Author)]
    author: &'static str,
    at: DateTime<Utc>,
    by: Option<String>,
    text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct EventOut {
    at: DateTime<Utc>,
    by: Option<String>,
    #[schema(value_type = codes::TipState)]
    from: &'static str,
    #[schema(value_type = codes::TipState)]
    to: &'static str,
    reason: String,
}

/// A tip with its content, for a handler. Each read is audited.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct TipDetail {
    #[serde(flatten)]
    summary: TipSummary,
    description: String,
    place: Option<String>,
    contact: Option<String>,
    occurred_at: Option<DateTime<Utc>>,
    photos: u32,
    police_unit: Option<String>,
    outcome: Option<String>,
    messages: Vec<StaffMessage>,
    events: Vec<EventOut>,
}

#[utoipa::path(get, path = "/api/v1/tips/{id}", operation_id = "get_tip", params(IdPath), tag = "tips", security(("bearer" = [])),
    responses((status = 200, body = TipDetail), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(super) async fn get(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(tip): Path<String>,
) -> Result<Json<TipDetail>, ApiError> {
    let tip: TipId = id(&tip)?;
    let v = state.antt.tips().open(&actor, tip).await?;
    let name = |u: Option<UserId>| u.and_then(|u| v.names.get(&u).cloned());
    let assignee = name(v.tip.assignee_id);
    Ok(Json(TipDetail {
        description: v.content.description.clone(),
        place: v.content.place.clone(),
        contact: v.content.contact.clone(),
        occurred_at: v.tip.occurred_at,
        photos: v.photos,
        police_unit: v.tip.police_unit.clone(),
        outcome: v.tip.outcome.clone(),
        messages: v
            .messages
            .iter()
            .map(|m| StaffMessage {
                author: m.author.code(),
                at: m.at,
                by: name(m.user_id),
                text: m.body.clone(),
            })
            .collect(),
        events: v
            .events
            .iter()
            .map(|e| EventOut {
                at: e.at,
                by: name(e.user_id),
                from: e.from.code(),
                to: e.to.code(),
                reason: e.reason.clone(),
            })
            .collect(),
        summary: summary(TipLine {
            overdue: v.overdue,
            age_hours: 0,
            assignee,
            tip: v.tip.clone(),
        }),
    }))
}

/// A tip received by staff.
#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct StaffTip {
    /// `phone`, `in_person`, `letter` or `ward_police`.
    #[schema(value_type = codes::TipChannel)]
    channel: String,
    #[schema(value_type = codes::TipCategory)]
    category: String,
    #[schema(max_length = 4000)]
    description: String,
    #[serde(default)]
    anonymous: bool,
    #[serde(default)]
    urgent: bool,
    #[schema(max_length = 300)]
    place: Option<String>,
    campus: Option<Uuid>,
    occurred_at: Option<DateTime<Utc>>,
    #[schema(max_length = 300)]
    contact: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct Recorded {
    id: Uuid,
    number: u32,
}

#[utoipa::path(post, path = "/api/v1/tips", tag = "tips", request_body = StaffTip, security(("bearer" = [])),
    responses((status = 201, body = Recorded), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn record(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(b): ApiJson<StaffTip>,
) -> Result<(StatusCode, Json<Recorded>), ApiError> {
    let channel = TipChannel::parse(&b.channel)
        .filter(|c| *c != TipChannel::Portal)
        .ok_or_else(|| invalid("channel"))?;
    let input = TipInput {
        channel,
        category: TipCategory::parse(&b.category).ok_or_else(|| invalid("category"))?,
        urgent: b.urgent,
        anonymous: b.anonymous,
        description: b.description,
        place: b.place,
        campus_id: b.campus.map(CampusId::from_uuid),
        occurred_at: b.occurred_at,
        contact: b.contact,
    };
    let (tip, number) = state.antt.tips().record(&actor, input, Vec::new()).await?;
    Ok((
        StatusCode::CREATED,
        Json(Recorded {
            id: tip.uuid(),
            number,
        }),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct StateBody {
    /// `verifying`, `handling`, `transferred`, `resolved` or `unfounded`.
    #[schema(value_type = codes::TipState)]
    to: String,
    reason: String,
    outcome: Option<String>,
    police_unit: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/tips/{id}/state", params(IdPath), tag = "tips", request_body = StateBody, security(("bearer" = [])),
    responses((status = 204), (status = 422, body = ApiErrorBody)))]
pub(super) async fn change_state(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(tip): Path<String>,
    ApiJson(b): ApiJson<StateBody>,
) -> Result<StatusCode, ApiError> {
    let tip: TipId = id(&tip)?;
    let change = StateChange {
        reason: b.reason,
        outcome: b.outcome,
        police_unit: b.police_unit,
    };
    let to = TipState::parse(&b.to).ok_or_else(|| invalid("state"))?;
    state
        .antt
        .tips()
        .change_state(&actor, tip, to, change)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct AssignBody {
    /// An account of the unit that handles tips; `null` for nobody.
    assignee: Option<Uuid>,
}

#[utoipa::path(post, path = "/api/v1/tips/{id}/assign", params(IdPath), tag = "tips", request_body = AssignBody, security(("bearer" = [])),
    responses((status = 204), (status = 422, body = ApiErrorBody)))]
pub(super) async fn assign(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(tip): Path<String>,
    ApiJson(b): ApiJson<AssignBody>,
) -> Result<StatusCode, ApiError> {
    let tip: TipId = id(&tip)?;
    state
        .antt
        .tips()
        .assign(&actor, tip, b.assignee.map(UserId::from_uuid))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub(super) struct MessageBody {
    /// `staff` (to the reporter) or `note` (internal).
    #[schema(value_type = codes::HandlerMessage)]
    kind: String,
    #[schema(max_length = 2000)]
    text: String,
}

#[utoipa::path(post, path = "/api/v1/tips/{id}/messages", params(IdPath), tag = "tips", request_body = MessageBody, security(("bearer" = [])),
    responses((status = 204), (status = 422, body = ApiErrorBody)))]
pub(super) async fn message(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(tip): Path<String>,
    ApiJson(b): ApiJson<MessageBody>,
) -> Result<StatusCode, ApiError> {
    let tip: TipId = id(&tip)?;
    let kind = Author::parse(&b.kind)
        .filter(|k| *k != Author::Reporter)
        .ok_or_else(|| invalid("kind"))?;
    state
        .antt
        .tips()
        .add_message(&actor, tip, kind, &b.text)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
