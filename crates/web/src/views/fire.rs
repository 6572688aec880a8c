//! "Diễn tập, huấn luyện PCCC": the unit's drills (when the next is due,
//! the evacuation time, what went wrong) and its people's courses with the
//! certificates that lapse soon; the office records both.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Datelike;
use serde::Deserialize;

use antt_domain::fire::{DrillText, FireDrill, FireTraining, TrainingKind, TrainingText};
use antt_domain::role::Capability;
use antt_domain::time::format_date;
use antt_domain::{ErrorCode, PersonId, ValidationErrors};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, Form, saved};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame};
use crate::state::AppState;

pub(crate) struct DrillRow {
    day: String,
    scenario: String,
    place: String,
    participants: u32,
    outside: String,
    evacuation: String,
    findings: String,
    actions: String,
}

pub(crate) struct TrainingRow {
    name: String,
    kind: &'static str,
    course: String,
    day: String,
    hours: u32,
    certificate: String,
    expires: String,
    lapsing: bool,
}

/// A part of the dossier as listed before it is downloaded.
pub(crate) struct PartRow {
    letter: &'static str,
    title: &'static str,
    status: String,
    present: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "fire/page.html")]
pub(crate) struct FirePage {
    layout: Layout,
    year: i32,
    parts: Vec<PartRow>,
    missing: usize,
    dossier_href: String,
    workbook_href: String,
    manage: bool,
    next_drill: String,
    drill_overdue: bool,
    drills: Vec<DrillRow>,
    lapsing: Vec<TrainingRow>,
    trainings: Vec<TrainingRow>,
    people: Vec<Choice>,
    kinds: Vec<Choice>,
    today: String,
    errors: FieldErrors,
}

async fn fire_page(
    state: &AppState,
    user: &CurrentUser,
    q: &UnitParam,
    errors: FieldErrors,
) -> Result<FirePage, WebError> {
    let (unit, layout) = frame(state, user, q, "equipment", "Diễn tập, huấn luyện PCCC").await?;
    let actor = user.actor();
    let fire = state.antt.fire();
    let due = fire.due(actor, unit).await?;
    let today = antt_domain::time::local_date(state.antt.now());
    let manage = actor.role.can(Capability::ManageEquipment) && !layout.foreign;
    let row = |l: &antt_core::fire::TrainingLine| TrainingRow {
        name: l.full_name.clone(),
        kind: i18n::training_kind(l.training.kind),
        course: l.training.course.clone(),
        day: format_date(l.training.held_on),
        hours: l.training.hours,
        certificate: l.training.certificate.clone(),
        expires: l
            .training
            .expires_on
            .map_or_else(|| "–".into(), format_date),
        lapsing: l.training.lapsing(today),
    };
    let people = if manage {
        state
            .antt
            .people()
            .staff_choices(actor, unit)
            .await?
            .into_iter()
            .map(|p| {
                Choice::new(
                    p.id.to_string(),
                    format!("{} ({})", p.full_name, p.code),
                    "",
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let year = today.year();
    let dossier = fire.dossier(actor, unit, year).await?;
    Ok(FirePage {
        year,
        missing: dossier.missing().count(),
        parts: dossier
            .parts
            .iter()
            .map(|p| PartRow {
                letter: p.letter,
                title: p.title,
                status: p.status.clone(),
                present: p.present,
            })
            .collect(),
        dossier_href: layout.link(&format!("/fire/dossier?year={year}")),
        workbook_href: layout.link(&format!("/fire/dossier/excel?year={year}")),
        manage,
        next_drill: format_date(due.next_drill),
        drill_overdue: due.drill_overdue,
        drills: fire
            .drills(actor, unit)
            .await?
            .iter()
            .map(|d| DrillRow {
                day: format_date(d.held_on),
                scenario: d.scenario.clone(),
                place: d.place.clone(),
                participants: d.participants,
                outside: d.outside_forces.clone(),
                evacuation: d.evacuation_words().unwrap_or_else(|| "–".into()),
                findings: d.findings.clone(),
                actions: d.actions.clone(),
            })
            .collect(),
        lapsing: due.certificates.iter().map(row).collect(),
        trainings: fire.trainings(actor, unit).await?.iter().map(row).collect(),
        people,
        kinds: TrainingKind::ALL
            .iter()
            .map(|k| Choice::new(k.code(), i18n::training_kind(*k), "initial"))
            .collect(),
        today: today.format("%Y-%m-%d").to_string(),
        errors,
        layout,
    })
}

pub(crate) async fn page(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
) -> Result<FirePage, WebError> {
    fire_page(&state, &user, &q, FieldErrors::default()).await
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct DrillForm {
    #[serde(default)]
    held_on: String,
    #[serde(default)]
    scenario: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    participants: String,
    #[serde(default)]
    outside_forces: String,
    #[serde(default)]
    evacuation: String,
    #[serde(default)]
    findings: String,
    #[serde(default)]
    actions: String,
}

pub(crate) async fn add_drill(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
    Form(f): Form<DrillForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "equipment", "").await?;
    let today = antt_domain::time::local_date(state.antt.now());
    let text = DrillText {
        held_on: &f.held_on,
        scenario: &f.scenario,
        place: &f.place,
        participants: &f.participants,
        outside_forces: &f.outside_forces,
        evacuation: &f.evacuation,
        findings: &f.findings,
        actions: &f.actions,
    };
    let result = match FireDrill::parse(unit, &text, today) {
        Ok(d) => state.antt.fire().add_drill(user.actor(), unit, d).await,
        Err(e) => Err(antt_core::CoreError::Invalid(e)),
    };
    saved(
        result,
        |_| Redirect::to(&layout.link("/fire")).into_response(),
        async |e| fire_page(&state, &user, &q, FieldErrors::from(&e)).await,
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct TrainingForm {
    #[serde(default)]
    person: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    course: String,
    #[serde(default)]
    held_on: String,
    #[serde(default)]
    hours: String,
    #[serde(default)]
    certificate: String,
    #[serde(default)]
    expires_on: String,
}

pub(crate) async fn add_training(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
    Form(f): Form<TrainingForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "equipment", "").await?;
    let today = antt_domain::time::local_date(state.antt.now());
    let text = TrainingText {
        kind: &f.kind,
        course: &f.course,
        held_on: &f.held_on,
        hours: &f.hours,
        certificate: &f.certificate,
        expires_on: &f.expires_on,
    };
    let result = match f.person.parse::<PersonId>() {
        Err(_) => Err(antt_core::CoreError::Invalid(ValidationErrors::single(
            "person",
            ErrorCode::Required,
        ))),
        Ok(person) => match FireTraining::parse(unit, person, &text, today) {
            Ok(t) => state.antt.fire().add_training(user.actor(), unit, t).await,
            Err(e) => Err(antt_core::CoreError::Invalid(e)),
        },
    };
    saved(
        result,
        |_| Redirect::to(&layout.link("/fire")).into_response(),
        async |e| fire_page(&state, &user, &q, FieldErrors::from(&e)).await,
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct YearQuery {
    unit: Option<String>,
    year: Option<i32>,
}

/// The unit and year a dossier download asks for (this year unless said).
async fn dossier_of(
    state: &AppState,
    user: &CurrentUser,
    q: &YearQuery,
) -> Result<(antt_domain::UnitId, i32), WebError> {
    let param = UnitParam {
        unit: q.unit.clone(),
    };
    let (unit, _) = frame(state, user, &param, "equipment", "").await?;
    let year = q
        .year
        .unwrap_or_else(|| antt_domain::time::local_date(state.antt.now()).year());
    Ok((unit, year))
}

/// The year's fire-safety dossier as Word.
pub(crate) async fn dossier(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<YearQuery>,
) -> Result<Response, WebError> {
    let (unit, year) = dossier_of(&state, &user, &q).await?;
    let safety = state.antt.fire();
    let file = safety.dossier_document(user.actor(), unit, year).await?;
    Ok(super::download(file))
}

/// The year's fire-safety dossier as an Excel workbook.
pub(crate) async fn dossier_workbook(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<YearQuery>,
) -> Result<Response, WebError> {
    let (unit, year) = dossier_of(&state, &user, &q).await?;
    let safety = state.antt.fire();
    let file = safety.dossier_workbook(user.actor(), unit, year).await?;
    Ok(super::download(file))
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::{get, post};
    crate::routes::Routes::new()
        .route("/fire", get(page))
        .route("/fire/drills", post(add_drill))
        .route("/fire/trainings", post(add_training))
        .route("/fire/dossier", get(dossier))
        .route("/fire/dossier/excel", get(dossier_workbook))
}
