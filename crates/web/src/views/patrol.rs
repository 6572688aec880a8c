//! "Tuần tra": a night's rounds as walked, incomplete or missed, with
//! every scan; the guard's scan page (the phone's camera reads a label; a
//! scan made offline waits on the phone with its time); the office's
//! checkpoints, rounds and printed labels.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;

use antt_core::patrol::Night;
use antt_domain::patrol::{RoundInput, RoundStatus};
use antt_domain::role::Capability;
use antt_domain::time::{format_date, local_time, vietnam};
use antt_domain::{CampusId, CheckpointId, PatrolRoundId};

use crate::auth::CurrentUser;
use crate::client::PublicBase;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, Form, saved};
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;

fn clock(at: DateTime<Utc>) -> String {
    at.with_timezone(&vietnam()).format("%H:%M").to_string()
}

/// One due round: its time and how it went, in words and a class.
pub(crate) struct DueCell {
    time: String,
    state: String,
    class: &'static str,
}

pub(crate) struct RoundBlock {
    campus: String,
    name: String,
    hours: String,
    points: String,
    due: Vec<DueCell>,
    id: String,
}

pub(crate) struct ScanLine {
    at: String,
    checkpoint: String,
    guard: String,
    partners: String,
    late: bool,
}

fn campus_name(campuses: &[antt_domain::org::Campus], id: CampusId) -> String {
    campuses
        .iter()
        .find(|c| c.id == id)
        .map_or_else(String::new, |c| c.name.clone())
}

fn rounds_of(night: &Night, campuses: &[antt_domain::org::Campus]) -> Vec<RoundBlock> {
    night
        .rounds
        .iter()
        .map(|r| RoundBlock {
            campus: campus_name(campuses, r.round.campus_id),
            name: r.round.name.clone(),
            hours: format!(
                "{}–{}, mỗi {}",
                r.round.starts.format("%H:%M"),
                r.round.ends.format("%H:%M"),
                every(r.round.every_minutes)
            ),
            points: r
                .round
                .checkpoints
                .iter()
                .map(|c| night.checkpoint_name(*c))
                .collect::<Vec<_>>()
                .join(" → "),
            id: r.round.id.to_string(),
            due: r
                .due
                .iter()
                .map(|d| {
                    let (state, class) = match &d.status {
                        RoundStatus::Ahead => ("Chưa đến giờ".to_owned(), "muted"),
                        RoundStatus::Open { scanned } => (
                            format!("Đang đi: {scanned}/{}", r.round.checkpoints.len()),
                            "warn",
                        ),
                        RoundStatus::Walked => ("Đủ điểm".to_owned(), "ok"),
                        RoundStatus::Incomplete { missing } => (
                            format!(
                                "Thiếu: {}",
                                missing
                                    .iter()
                                    .map(|c| night.checkpoint_name(*c))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            "danger",
                        ),
                        RoundStatus::Missed => ("Bỏ lượt".to_owned(), "danger"),
                    };
                    DueCell {
                        time: d.starts.format("%H:%M").to_string(),
                        state,
                        class,
                    }
                })
                .collect(),
        })
        .collect()
}

/// "2 giờ", "90 phút".
fn every(minutes: u32) -> String {
    if minutes.is_multiple_of(60) {
        format!("{} giờ", minutes / 60)
    } else {
        format!("{minutes} phút")
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct NightParams {
    unit: Option<String>,
    /// "2026-11-20": the night that began that evening.
    night: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "patrol/night.html")]
pub(crate) struct NightPage {
    layout: Layout,
    night_label: String,
    previous: String,
    next: Option<String>,
    rounds: Vec<RoundBlock>,
    scans: Vec<ScanLine>,
    missed: usize,
    manage: bool,
    guard: bool,
}

pub(crate) async fn night(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<NightParams>,
) -> Result<NightPage, WebError> {
    let unit_param = UnitParam {
        unit: q.unit.clone(),
    };
    let (unit, layout) = frame(&state, &user, &unit_param, "patrol", "Tuần tra").await?;
    let actor = user.actor();
    let patrols = state.antt.patrols();
    let current = patrols.current_night();
    let day = q
        .night
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or(current);
    let mut night = patrols.night(actor, unit, day).await?;
    // Before tonight's first round, the night to read is the last one.
    if q.night.is_none()
        && night
            .rounds
            .iter()
            .all(|r| r.due.iter().all(|d| d.status == RoundStatus::Ahead))
    {
        night = patrols.night(actor, unit, day - Duration::days(1)).await?;
    }
    let day = night.night;
    let campuses = state
        .antt
        .org()
        .structure(actor, unit)
        .await?
        .campuses
        .clone();
    Ok(NightPage {
        night_label: format!(
            "Đêm {} rạng sáng {}",
            format_date(day),
            format_date(day + Duration::days(1))
        ),
        previous: layout.link(&format!("/patrol?night={}", day - Duration::days(1))),
        next: (day < current)
            .then(|| layout.link(&format!("/patrol?night={}", day + Duration::days(1)))),
        rounds: rounds_of(&night, &campuses),
        scans: night
            .scans
            .iter()
            .map(|s| ScanLine {
                at: local_time(s.at).format("%H:%M %d/%m").to_string(),
                checkpoint: night.checkpoint_name(s.checkpoint_id),
                guard: s.guard_name.clone(),
                partners: s.partners.clone(),
                late: s.recorded_at - s.at > Duration::minutes(2),
            })
            .collect(),
        missed: night.missed(),
        manage: actor.role.can(Capability::ManageDuty) && !layout.foreign,
        guard: actor.role.can(Capability::StandDuty) && !layout.foreign,
        layout,
    })
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ScanParams {
    /// The checkpoint's code and the label's secret, when the phone's own
    /// camera app opened the label's address.
    c: Option<String>,
    k: Option<String>,
    /// The code just recorded, to say so.
    done: Option<String>,
}

pub(crate) struct RoundNowLine {
    name: String,
    until: String,
    left: Vec<String>,
    of: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "patrol/scan.html")]
pub(crate) struct ScanPage {
    layout: Layout,
    label: String,
    done: Option<String>,
    rounds: Vec<RoundNowLine>,
    errors: FieldErrors,
}

async fn scan_page(
    state: &AppState,
    user: &CurrentUser,
    label: String,
    done: Option<String>,
    errors: FieldErrors,
) -> Result<ScanPage, WebError> {
    let (_, layout) = frame(
        state,
        user,
        &UnitParam::default(),
        "patrol",
        "Quét điểm tuần tra",
    )
    .await?;
    let now = state
        .antt
        .patrols()
        .due_now(user.actor(), user.0.user.campus_id)
        .await?;
    Ok(ScanPage {
        label,
        done,
        rounds: now
            .into_iter()
            .map(|r| RoundNowLine {
                name: r.name,
                until: clock(r.until),
                left: r
                    .left
                    .iter()
                    .map(|c| format!("{} – {}", c.code, c.name))
                    .collect(),
                of: r.of,
            })
            .collect(),
        errors,
        layout,
    })
}

pub(crate) async fn scan_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ScanParams>,
) -> Result<ScanPage, WebError> {
    let label = match (q.c, q.k) {
        (Some(c), Some(k)) => format!("c={c}&k={k}"),
        _ => String::new(),
    };
    scan_page(&state, &user, label, q.done, FieldErrors::default()).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct ScanForm {
    label: String,
    #[serde(default)]
    at: String,
    #[serde(default)]
    partners: String,
}

pub(crate) async fn scan(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(f): Form<ScanForm>,
) -> Result<Response, WebError> {
    let at = DateTime::parse_from_rfc3339(f.at.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc));
    saved(
        state
            .antt
            .patrols()
            .scan(user.actor(), &f.label, at, &f.partners)
            .await,
        |s| {
            let done = format!(
                "{} – {} lúc {}",
                s.checkpoint.code,
                s.checkpoint.name,
                clock(s.at)
            );
            let query = serde_urlencoded::to_string([("done", done)]).unwrap_or_default();
            Redirect::to(&format!("/gate/scan?{query}")).into_response()
        },
        async |e| scan_page(&state, &user, String::new(), None, FieldErrors::from(&e)).await,
    )
    .await
}

pub(crate) struct PointLine {
    id: String,
    code: String,
    name: String,
    campus: String,
    active: bool,
}

pub(crate) struct PointChoice {
    id: String,
    label: String,
    campus: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "patrol/points.html")]
pub(crate) struct PointsPage {
    layout: Layout,
    points: Vec<PointLine>,
    choices: Vec<PointChoice>,
    rounds: Vec<RoundBlock>,
    campuses: Vec<Choice>,
    manage: bool,
    errors: FieldErrors,
}

async fn points_page(
    state: &AppState,
    user: &CurrentUser,
    q: &UnitParam,
    errors: FieldErrors,
) -> Result<PointsPage, WebError> {
    let (unit, layout) = frame(state, user, q, "patrol", "Điểm và lượt tuần tra").await?;
    let actor = user.actor();
    let patrols = state.antt.patrols();
    let night = patrols.night(actor, unit, patrols.current_night()).await?;
    let campuses = state
        .antt
        .org()
        .structure(actor, unit)
        .await?
        .campuses
        .clone();
    Ok(PointsPage {
        points: night
            .checkpoints
            .iter()
            .map(|c| PointLine {
                id: c.id.to_string(),
                code: c.code.clone(),
                name: c.name.clone(),
                campus: campus_name(&campuses, c.campus_id),
                active: c.active,
            })
            .collect(),
        choices: night
            .checkpoints
            .iter()
            .filter(|c| c.active)
            .map(|c| PointChoice {
                id: c.id.to_string(),
                label: format!("{} – {}", c.code, c.name),
                campus: campus_name(&campuses, c.campus_id),
            })
            .collect(),
        rounds: rounds_of(&night, &campuses),
        campuses: campuses
            .iter()
            .map(|c| Choice::new(c.id.to_string(), c.name.clone(), ""))
            .collect(),
        manage: actor.role.can(Capability::ManageDuty) && !layout.foreign,
        errors,
        layout,
    })
}

pub(crate) async fn points(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
) -> Result<PointsPage, WebError> {
    points_page(&state, &user, &q, FieldErrors::default()).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct PointForm {
    campus: String,
    code: String,
    name: String,
}

pub(crate) async fn add_point(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
    Form(f): Form<PointForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "patrol", "").await?;
    let campus: CampusId = parse_id(&f.campus)?;
    let result = match antt_domain::patrol::CheckpointInput::parse(campus, &f.code, &f.name) {
        Ok(input) => {
            state
                .antt
                .patrols()
                .add_checkpoint(user.actor(), unit, input)
                .await
        }
        Err(e) => Err(antt_core::CoreError::Invalid(e)),
    };
    saved(
        result,
        |_| Redirect::to(&layout.link("/patrol/checkpoints")).into_response(),
        async |e| points_page(&state, &user, &q, FieldErrors::from(&e)).await,
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(crate) struct PointUpdate {
    checkpoint: String,
    /// "label": print again; "withdraw"; "restore".
    action: String,
}

pub(crate) async fn update_point(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
    Form(f): Form<PointUpdate>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "patrol", "").await?;
    let id: CheckpointId = parse_id(&f.checkpoint)?;
    let (new_label, active) = match f.action.as_str() {
        "label" => (true, true),
        "withdraw" => (false, false),
        "restore" => (false, true),
        _ => return Err(WebError(antt_core::CoreError::NotFound)),
    };
    state
        .antt
        .patrols()
        .update_checkpoint(user.actor(), unit, id, new_label, active)
        .await?;
    Ok(Redirect::to(&layout.link("/patrol/checkpoints")).into_response())
}

pub(crate) async fn add_round(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "patrol", "").await?;
    let value = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map_or("", |(_, v)| v.as_str())
    };
    let campus: CampusId = parse_id(value("campus"))?;
    let checkpoints: Vec<CheckpointId> = pairs
        .iter()
        .filter(|(k, _)| k == "checkpoint")
        .map(|(_, v)| parse_id(v))
        .collect::<Result<_, _>>()?;
    let result = match RoundInput::parse(
        campus,
        value("name"),
        value("starts"),
        value("ends"),
        value("every"),
        checkpoints,
    ) {
        Ok(input) => {
            state
                .antt
                .patrols()
                .add_round(user.actor(), unit, input)
                .await
        }
        Err(e) => Err(antt_core::CoreError::Invalid(e)),
    };
    saved(
        result,
        |_| Redirect::to(&layout.link("/patrol/checkpoints")).into_response(),
        async |e| points_page(&state, &user, &q, FieldErrors::from(&e)).await,
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(crate) struct RoundRemove {
    round: String,
}

pub(crate) async fn remove_round(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
    Form(f): Form<RoundRemove>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "patrol", "").await?;
    let id: PatrolRoundId = parse_id(&f.round)?;
    state
        .antt
        .patrols()
        .remove_round(user.actor(), unit, id)
        .await?;
    Ok(Redirect::to(&layout.link("/patrol/checkpoints")).into_response())
}

/// The labels as Word or PDF: `?format=pdf&code=A1&code=A2` (all when no
/// code is given).
pub(crate) async fn labels(
    State(state): State<AppState>,
    user: CurrentUser,
    PublicBase(base): PublicBase,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let param = UnitParam {
        unit: pairs
            .iter()
            .find(|(k, _)| k == "unit")
            .map(|(_, v)| v.clone()),
    };
    let (unit, _) = frame(&state, &user, &param, "patrol", "").await?;
    let codes: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k == "code")
        .map(|(_, v)| v.clone())
        .collect();
    let pdf = pairs.iter().any(|(k, v)| k == "format" && v == "pdf");
    let file = state
        .antt
        .patrols()
        .labels(user.actor(), unit, &base, &codes, pdf)
        .await?;
    Ok(super::download(file))
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::{get, post};
    crate::routes::Routes::new()
        .route("/patrol", get(night))
        .route("/patrol/checkpoints", get(points).post(add_point))
        .route("/patrol/checkpoints/update", post(update_point))
        .route("/patrol/rounds", post(add_round))
        .route("/patrol/rounds/remove", post(remove_round))
        .route("/patrol/labels", get(labels))
        .route("/gate/scan", get(scan_form).post(scan))
}
