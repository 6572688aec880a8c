//! "Sổ khách ra vào": the guard lets visitors in and out on the phone
//! (refused for anyone on the list of people not let in); the office reads
//! a day's visitors and who was inside at closing time, keeps the list
//! and the gate's settings.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;

use antt_core::visitor::VisitorForm;
use antt_domain::role::Capability;
use antt_domain::time::{format_date, local_date, vietnam};
use antt_domain::visitor::{DocumentKind, Visitor};
use antt_domain::{BarredPersonId, CampusId, VisitorId};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, Form, saved};
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;

fn clock(at: DateTime<Utc>) -> String {
    at.with_timezone(&vietnam()).format("%H:%M").to_string()
}

use crate::i18n::document_kind as document_word;

pub(crate) struct VisitorLine {
    id: String,
    name: String,
    document: String,
    visiting: String,
    plate: String,
    arrived: String,
    left: Option<String>,
}

fn line(v: &Visitor) -> VisitorLine {
    let stamp = |at: DateTime<Utc>| {
        at.with_timezone(&vietnam())
            .format("%H:%M %d/%m")
            .to_string()
    };
    VisitorLine {
        id: v.id.to_string(),
        name: v.name.clone(),
        document: match (v.document, v.document_number.as_str()) {
            (None, "") => "–".to_owned(),
            (Some(d), "") => document_word(d).to_owned(),
            (d, n) => format!("{} …{n}", d.map_or("Giấy tờ", document_word)),
        },
        visiting: v.visiting.clone(),
        plate: v.vehicle_plate.clone(),
        arrived: stamp(v.arrived_at),
        left: v.left_at.map(clock),
    }
}

pub(crate) struct BarredLine {
    id: String,
    name: String,
    number: String,
    reason: String,
    added: String,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct DayParams {
    unit: Option<String>,
    /// "2026-12-03".
    day: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "visitors/day.html")]
pub(crate) struct DayPage {
    layout: Layout,
    day_label: String,
    previous: String,
    next: Option<String>,
    closing: String,
    today: bool,
    visitors: Vec<VisitorLine>,
    inside: Vec<VisitorLine>,
    inside_at_closing: Vec<VisitorLine>,
    barred: Vec<BarredLine>,
    campuses: Vec<Choice>,
    documents: Vec<Choice>,
    full_numbers: bool,
    guard: bool,
    manage: bool,
    errors: FieldErrors,
}

async fn day_page(
    state: &AppState,
    user: &CurrentUser,
    q: &DayParams,
    errors: FieldErrors,
) -> Result<DayPage, WebError> {
    let unit_param = UnitParam {
        unit: q.unit.clone(),
    };
    let (unit, layout) = frame(state, user, &unit_param, "patrol", "Sổ khách ra vào").await?;
    let actor = user.actor();
    let today = local_date(state.antt.now());
    let day = q
        .day
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or(today);
    let visitors = state.antt.visitors();
    let read = visitors.day(actor, unit, day).await?;
    let barred = visitors.barred(actor, unit).await?;
    let campuses = state
        .antt
        .org()
        .structure(actor, unit)
        .await?
        .campuses
        .clone();
    let home = user
        .0
        .user
        .campus_id
        .or_else(|| campuses.first().map(|c| c.id));
    let arrived_that_day = |v: &&Visitor| local_date(v.arrived_at) == day;
    Ok(DayPage {
        day_label: format_date(day),
        previous: layout.link(&format!("/gate/visitors?day={}", day - Duration::days(1))),
        next: (day < today)
            .then(|| layout.link(&format!("/gate/visitors?day={}", day + Duration::days(1)))),
        closing: read.settings.closing.format("%H:%M").to_string(),
        today: day == today,
        visitors: read
            .visitors
            .iter()
            .filter(arrived_that_day)
            .map(line)
            .collect(),
        inside: read
            .visitors
            .iter()
            .filter(|v| v.left_at.is_none())
            .map(line)
            .collect(),
        inside_at_closing: if day < today {
            read.inside_at_closing().into_iter().map(line).collect()
        } else {
            Vec::new()
        },
        barred: barred
            .iter()
            .map(|b| BarredLine {
                id: b.id.to_string(),
                name: b.name.clone(),
                number: b.document_number.clone(),
                reason: b.reason.clone(),
                added: format_date(local_date(b.added_at)),
            })
            .collect(),
        campuses: campuses
            .iter()
            .map(|c| Choice {
                value: c.id.to_string(),
                label: c.name.clone(),
                selected: Some(c.id) == home,
            })
            .collect(),
        documents: DocumentKind::ALL
            .iter()
            .map(|d| Choice {
                value: d.code().to_owned(),
                label: document_word(*d).to_owned(),
                selected: *d == DocumentKind::IdCard,
            })
            .collect(),
        full_numbers: read.settings.full_numbers,
        guard: actor.role.can(Capability::StandDuty) && !layout.foreign,
        manage: actor.role.can(Capability::ManageDuty) && !layout.foreign,
        errors,
        layout,
    })
}

pub(crate) async fn day(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<DayParams>,
) -> Result<DayPage, WebError> {
    day_page(&state, &user, &q, FieldErrors::default()).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct AdmitForm {
    campus: String,
    name: String,
    #[serde(default)]
    document: String,
    #[serde(default)]
    number: String,
    visiting: String,
    #[serde(default)]
    plate: String,
}

pub(crate) async fn admit(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(f): Form<AdmitForm>,
) -> Result<Response, WebError> {
    let campus: CampusId = parse_id(&f.campus)?;
    let form = VisitorForm {
        name: f.name,
        document: f.document,
        number: f.number,
        visiting: f.visiting,
        plate: f.plate,
    };
    saved(
        state
            .antt
            .visitors()
            .admit(user.actor(), campus, &form)
            .await,
        |_| Redirect::to("/gate/visitors").into_response(),
        async |e| {
            day_page(
                &state,
                &user,
                &DayParams::default(),
                FieldErrors::from(&e).for_record(antt_domain::audit::TargetKind::Visitor),
            )
            .await
        },
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(crate) struct LeaveForm {
    visitor: String,
}

pub(crate) async fn leave(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(f): Form<LeaveForm>,
) -> Result<Response, WebError> {
    let id: VisitorId = parse_id(&f.visitor)?;
    state.antt.visitors().leave(user.actor(), id).await?;
    Ok(Redirect::to("/gate/visitors").into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct BarForm {
    name: String,
    #[serde(default)]
    number: String,
    reason: String,
}

pub(crate) async fn bar(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
    Form(f): Form<BarForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "patrol", "").await?;
    saved(
        state
            .antt
            .visitors()
            .bar(user.actor(), unit, &f.name, &f.number, &f.reason)
            .await,
        |_| Redirect::to(&layout.link("/gate/visitors#barred")).into_response(),
        async |e| {
            let params = DayParams {
                unit: q.unit.clone(),
                day: None,
            };
            day_page(&state, &user, &params, FieldErrors::from(&e)).await
        },
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(crate) struct UnbarForm {
    person: String,
}

pub(crate) async fn unbar(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
    Form(f): Form<UnbarForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "patrol", "").await?;
    let id: BarredPersonId = parse_id(&f.person)?;
    state.antt.visitors().unbar(user.actor(), unit, id).await?;
    Ok(Redirect::to(&layout.link("/gate/visitors#barred")).into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct SettingsForm {
    #[serde(default)]
    full_numbers: Option<String>,
    closing_time: String,
}

pub(crate) async fn settings(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
    Form(f): Form<SettingsForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "patrol", "").await?;
    saved(
        state
            .antt
            .visitors()
            .save_settings(
                user.actor(),
                unit,
                f.full_numbers.is_some(),
                &f.closing_time,
            )
            .await,
        |()| Redirect::to(&layout.link("/gate/visitors#settings")).into_response(),
        async |e| {
            let params = DayParams {
                unit: q.unit.clone(),
                day: None,
            };
            day_page(&state, &user, &params, FieldErrors::from(&e)).await
        },
    )
    .await
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::{get, post};
    crate::routes::Routes::new()
        .route("/gate/visitors", get(day).post(admit))
        .route("/gate/visitors/leave", post(leave))
        .route("/gate/barred", post(bar))
        .route("/gate/barred/remove", post(unbar))
        .route("/gate/settings", post(settings))
}
