//! "Sổ trực ban": on the guard's phone, take over a shift, record what
//! happens, hand over; for the office, a campus's logs of a day, annotated.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use antt_core::shift_log::LogView;
use antt_domain::role::Capability;
use antt_domain::time::{format_date, local_date, vietnam};
use antt_domain::{CampusId, ShiftLogId};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, Form, saved};
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;

fn clock(at: DateTime<Utc>) -> String {
    at.with_timezone(&vietnam()).format("%H:%M").to_string()
}

fn stamp(at: DateTime<Utc>) -> String {
    at.with_timezone(&vietnam())
        .format("%H:%M %d/%m")
        .to_string()
}

pub(crate) struct EntryLine {
    number: i64,
    at: String,
    text: String,
    annotation: Option<String>,
    tip_href: String,
}

pub(crate) struct LogBlock {
    id: String,
    guard: String,
    started: String,
    ended: Option<String>,
    taken_from: String,
    received: String,
    notes: Option<String>,
    entries: Vec<EntryLine>,
}

fn block(v: &LogView) -> LogBlock {
    LogBlock {
        id: v.log.id.to_string(),
        guard: v.log.guard_name.clone(),
        started: stamp(v.log.started_at),
        ended: v.log.ended_at.map(stamp),
        taken_from: v.log.taken_from.clone(),
        received: v.log.received.clone(),
        notes: v.log.handover_notes.clone(),
        entries: v
            .entries
            .iter()
            .map(|e| EntryLine {
                number: e.id,
                at: clock(e.at),
                text: e.text.clone(),
                annotation: e.annotation.clone(),
                tip_href: format!(
                    "/tips/new?{}",
                    serde_urlencoded::to_string([("description", &e.text)]).unwrap_or_default()
                ),
            })
            .collect(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "gate/shift.html")]
pub(crate) struct ShiftPage {
    layout: Layout,
    current: Option<LogBlock>,
    campuses: Vec<Choice>,
    /// Whom the guard takes over from, and what was left for them.
    last_guard: String,
    last_notes: Option<String>,
    errors: FieldErrors,
}

async fn shift_page(
    state: &AppState,
    user: &CurrentUser,
    campus: Option<CampusId>,
    errors: FieldErrors,
) -> Result<ShiftPage, WebError> {
    let (unit, layout) = frame(state, user, &UnitParam::default(), "gate", "Sổ trực ban").await?;
    let actor = user.actor();
    let logs = state.antt.shift_logs();
    let current = logs.current(actor).await?;
    let campuses = state
        .antt
        .org()
        .structure(actor, unit)
        .await?
        .campuses
        .clone();
    let home = campus
        .or(user.0.user.campus_id)
        .or_else(|| campuses.first().map(|c| c.id));
    let last = match home {
        Some(c) if current.is_none() => logs.last_at(actor, c).await?,
        _ => None,
    };
    Ok(ShiftPage {
        current: current.as_ref().map(block),
        campuses: campuses
            .iter()
            .map(|c| Choice {
                value: c.id.to_string(),
                label: c.name.clone(),
                selected: Some(c.id) == home,
            })
            .collect(),
        last_guard: last
            .as_ref()
            .map_or_else(String::new, |l| l.guard_name.clone()),
        last_notes: last.and_then(|l| l.handover_notes),
        errors,
        layout,
    })
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<ShiftPage, WebError> {
    shift_page(&state, &user, None, FieldErrors::default()).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct TakeOverForm {
    campus: String,
    #[serde(default)]
    taken_from: String,
    received: String,
}

pub(crate) async fn take_over(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(f): Form<TakeOverForm>,
) -> Result<Response, WebError> {
    let campus: CampusId = parse_id(&f.campus)?;
    saved(
        state
            .antt
            .shift_logs()
            .take_over(user.actor(), campus, &f.taken_from, &f.received)
            .await,
        |_| Redirect::to("/gate").into_response(),
        async |e| shift_page(&state, &user, Some(campus), FieldErrors::from(&e)).await,
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(crate) struct EntryForm {
    log: String,
    text: String,
    /// When it was written, as the phone's clock said (RFC 3339), for an
    /// entry kept on the phone while offline.
    #[serde(default)]
    at: String,
}

pub(crate) async fn record(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(f): Form<EntryForm>,
) -> Result<Response, WebError> {
    let log: ShiftLogId = parse_id(&f.log)?;
    let at = DateTime::parse_from_rfc3339(f.at.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc));
    saved(
        state
            .antt
            .shift_logs()
            .record(user.actor(), log, at, &f.text)
            .await,
        |_| Redirect::to("/gate#entries").into_response(),
        async |e| shift_page(&state, &user, None, FieldErrors::from(&e)).await,
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(crate) struct HandOverForm {
    log: String,
    notes: String,
}

pub(crate) async fn hand_over(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(f): Form<HandOverForm>,
) -> Result<Response, WebError> {
    let log: ShiftLogId = parse_id(&f.log)?;
    saved(
        state
            .antt
            .shift_logs()
            .hand_over(user.actor(), log, &f.notes)
            .await,
        |()| Redirect::to("/gate").into_response(),
        async |e| shift_page(&state, &user, None, FieldErrors::from(&e)).await,
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct DayParams {
    unit: Option<String>,
    campus: Option<String>,
    /// "2026-12-03".
    day: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "gate/day.html")]
pub(crate) struct DayPage {
    layout: Layout,
    day: String,
    day_label: String,
    campus: String,
    campuses: Vec<Choice>,
    logs: Vec<LogBlock>,
    annotate: bool,
    action: String,
}

pub(crate) async fn day(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<DayParams>,
) -> Result<DayPage, WebError> {
    let unit_param = UnitParam {
        unit: q.unit.clone(),
    };
    let (unit, layout) = frame(&state, &user, &unit_param, "duty", "Sổ trực ban theo ngày").await?;
    let actor = user.actor();
    let campuses = state
        .antt
        .org()
        .structure(actor, unit)
        .await?
        .campuses
        .clone();
    let campus = q
        .campus
        .as_deref()
        .and_then(|c| c.parse::<CampusId>().ok())
        .or_else(|| campuses.first().map(|c| c.id))
        .ok_or(antt_core::CoreError::NotFound)?;
    let day = q
        .day
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or_else(|| local_date(state.antt.now()));
    let logs = state
        .antt
        .shift_logs()
        .day(actor, unit, campus, day)
        .await?;
    Ok(DayPage {
        day: day.to_string(),
        day_label: format_date(day),
        campus: campus.to_string(),
        campuses: campuses
            .iter()
            .map(|c| Choice {
                value: c.id.to_string(),
                label: c.name.clone(),
                selected: c.id == campus,
            })
            .collect(),
        logs: logs.iter().map(block).collect(),
        annotate: actor.role.can(Capability::ManageDuty) && !layout.foreign,
        action: layout.link("/gate/annotate"),
        layout,
    })
}

#[derive(Debug, Deserialize)]
pub(crate) struct AnnotateForm {
    log: String,
    number: i64,
    note: String,
    #[serde(default)]
    back: String,
}

pub(crate) async fn annotate(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
    Form(f): Form<AnnotateForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "duty", "").await?;
    let log: ShiftLogId = parse_id(&f.log)?;
    state
        .antt
        .shift_logs()
        .annotate(user.actor(), unit, log, f.number, &f.note)
        .await?;
    let back = if f.back.starts_with("/gate/day") {
        f.back
    } else {
        "/gate/day".to_owned()
    };
    Ok(Redirect::to(&layout.link(&back)).into_response())
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::{get, post};
    crate::routes::Routes::new()
        .route("/gate", get(show))
        .route("/gate/take-over", post(take_over))
        .route("/gate/entries", post(record))
        .route("/gate/hand-over", post(hand_over))
        .route("/gate/day", get(day))
        .route("/gate/annotate", post(annotate))
}
