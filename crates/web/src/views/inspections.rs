//! "Lịch kiểm tra" and "Mẫu kiểm tra": the rounds of checks that come
//! again (what, where, how often, given to whom, and which are late), a
//! round's items to walk or a place's checklist to answer, and the unit's
//! checklists.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use antt_core::CoreError;
use antt_core::inspection::{ChecklistInput, RoundLine, ScheduleInput};
use antt_domain::equipment::{EquipmentEventKind, EquipmentKind};
use antt_domain::inspection::{Assignee, Frequency, questions_text};
use antt_domain::role::Capability;
use antt_domain::time::format_date;
use antt_domain::{ErrorCode, InspectionScheduleId, InspectionTemplateId, ValidationErrors};

use super::equipment::{QuestionRow, answers_of, question_rows};
use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, Form, saved};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;

/// A round as the list shows it.
pub(crate) struct RoundRow {
    href: String,
    name: String,
    checklist: String,
    place: String,
    every: String,
    assignee: String,
    mine: bool,
    done: usize,
    total: usize,
    complete: bool,
    due: String,
    late: Option<String>,
    missed: usize,
}

fn every(line: &RoundLine) -> String {
    match line.schedule.frequency {
        Frequency::EveryDays => format!("{} ngày một lần", line.schedule.every_days),
        f => i18n::frequency(f).to_owned(),
    }
}

fn row(layout: &Layout, campuses: &[antt_domain::org::Campus], l: &RoundLine) -> RoundRow {
    let campus = l
        .schedule
        .campus_id
        .and_then(|c| campuses.iter().find(|p| p.id == c))
        .map_or_else(|| "Mọi cơ sở".to_owned(), |c| c.name.clone());
    RoundRow {
        href: layout.link(&format!("/equipment/rounds/{}", l.schedule.id)),
        name: l.schedule.name.clone(),
        checklist: l.checklist.clone(),
        place: if l.schedule.place.is_empty() {
            campus
        } else {
            format!("{campus}, {}", l.schedule.place)
        },
        every: every(l),
        assignee: l.assignee.clone(),
        mine: l.mine,
        done: l.state.done,
        total: l.state.total,
        complete: l.state.complete(),
        due: format_date(l.state.period.due()),
        late: l.state.late_since.map(format_date),
        missed: l.state.missed,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "inspections/rounds.html")]
pub(crate) struct RoundsPage {
    layout: Layout,
    rounds: Vec<RoundRow>,
    late: usize,
    manage: bool,
    kinds: Vec<Choice>,
    places: Vec<Choice>,
    campuses: Vec<Choice>,
    frequencies: Vec<Choice>,
    people: Vec<Choice>,
    teams: Vec<Choice>,
    form: ScheduleForm,
    today: String,
    errors: FieldErrors,
}

async fn rounds_page(
    state: &AppState,
    user: &CurrentUser,
    q: &UnitParam,
    form: ScheduleForm,
    errors: FieldErrors,
) -> Result<RoundsPage, WebError> {
    let (unit, layout) = frame(state, user, q, "equipment", "Lịch kiểm tra").await?;
    let actor = user.actor();
    let manage = actor.role.can(Capability::ManageEquipment) && !layout.foreign;
    let campuses = super::equipment::campuses_of(state, actor, unit).await?;
    let lines = state.antt.inspections().rounds(actor, unit).await?;
    let (people, teams, places) = if manage {
        let people = state
            .antt
            .people()
            .staff_choices(actor, unit)
            .await?
            .into_iter()
            .map(|p| {
                Choice::new(
                    format!("person:{}", p.id),
                    format!("{} ({})", p.full_name, p.code),
                    &form.assignee,
                )
            })
            .collect();
        let teams = state
            .antt
            .teams()
            .list(actor, unit)
            .await?
            .into_iter()
            .map(|t| Choice::new(format!("team:{}", t.team.id), t.team.name, &form.assignee))
            .collect();
        let places = state
            .antt
            .inspections()
            .checklists(actor, unit)
            .await?
            .places
            .into_iter()
            .map(|t| Choice::new(format!("template:{}", t.id), t.name, &form.checklist))
            .collect();
        (people, teams, places)
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    let mut leads: Vec<EquipmentKind> = EquipmentKind::ALL.iter().map(|k| k.round_lead()).collect();
    leads.dedup();
    Ok(RoundsPage {
        rounds: lines.iter().map(|l| row(&layout, &campuses, l)).collect(),
        late: lines
            .iter()
            .filter(|l| l.state.late_since.is_some())
            .count(),
        manage,
        kinds: leads
            .into_iter()
            .map(|k| {
                Choice::new(
                    format!("kind:{}", k.code()),
                    i18n::round_kinds(k),
                    &form.checklist,
                )
            })
            .collect(),
        places,
        campuses: campuses
            .iter()
            .map(|c| Choice::new(c.id.to_string(), c.name.clone(), &form.campus))
            .collect(),
        frequencies: Frequency::ALL
            .iter()
            .map(|f| Choice::new(f.code(), i18n::frequency(*f), &form.frequency))
            .collect(),
        people,
        teams,
        today: antt_domain::time::local_date(state.antt.now())
            .format("%Y-%m-%d")
            .to_string(),
        form,
        errors,
        layout,
    })
}

pub(crate) async fn rounds(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
) -> Result<RoundsPage, WebError> {
    let form = ScheduleForm {
        frequency: Frequency::Monthly.code().to_owned(),
        ..ScheduleForm::default()
    };
    rounds_page(&state, &user, &q, form, FieldErrors::default()).await
}

#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct ScheduleForm {
    #[serde(default)]
    name: String,
    /// `kind:<code>` or `template:<id>`.
    #[serde(default)]
    checklist: String,
    #[serde(default)]
    campus: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    frequency: String,
    #[serde(default)]
    every_days: String,
    #[serde(default)]
    starts_on: String,
    /// `person:<id>` or `team:<id>`.
    #[serde(default)]
    assignee: String,
}

impl ScheduleForm {
    fn input(&self) -> Result<ScheduleInput, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let (kind, template_id) = match self.checklist.split_once(':') {
            Some(("kind", k)) => (EquipmentKind::parse(k), None),
            Some(("template", t)) => (None, t.parse::<InspectionTemplateId>().ok()),
            _ => (None, None),
        };
        if kind.is_none() && template_id.is_none() {
            errors.add("checklist", ErrorCode::Required);
        }
        let assignee = match self.assignee.split_once(':') {
            Some(("person", p)) => p.parse().ok().map(Assignee::Person),
            Some(("team", t)) => t.parse().ok().map(Assignee::Team),
            _ => None,
        };
        if assignee.is_none() {
            errors.add("assignee", ErrorCode::Required);
        }
        let campus_id = errors.parse_optional("campus", Some(&self.campus));
        let frequency = Frequency::parse(&self.frequency);
        if frequency.is_none() {
            errors.add("frequency", ErrorCode::Required);
        }
        let every_days = match (frequency, self.every_days.trim()) {
            (Some(Frequency::EveryDays), d) => d.parse::<u32>().ok().or_else(|| {
                errors.add("every_days", ErrorCode::Invalid);
                None
            }),
            _ => Some(0),
        };
        let starts_on = antt_domain::time::parse_date(&self.starts_on);
        if starts_on.is_none() {
            errors.add("starts_on", ErrorCode::InvalidDate);
        }
        match (assignee, frequency, every_days, starts_on) {
            (Some(assignee), Some(frequency), Some(every_days), Some(starts_on))
                if errors.is_empty() =>
            {
                Ok(ScheduleInput {
                    name: self.name.clone(),
                    kind,
                    template_id,
                    campus_id,
                    place: self.place.clone(),
                    frequency,
                    every_days,
                    starts_on,
                    assignee,
                })
            }
            _ => Err(errors),
        }
    }
}

pub(crate) async fn add_schedule(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
    Form(f): Form<ScheduleForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "equipment", "").await?;
    let result = match f.input() {
        Ok(input) => {
            state
                .antt
                .inspections()
                .add_schedule(user.actor(), unit, &input)
                .await
        }
        Err(e) => Err(CoreError::Invalid(e)),
    };
    saved(
        result,
        |_| Redirect::to(&layout.link("/equipment/rounds")).into_response(),
        async |e| rounds_page(&state, &user, &q, f.clone(), FieldErrors::from(&e)).await,
    )
    .await
}

/// An item of a round's scope as its page lists it.
pub(crate) struct ScopeRow {
    href: String,
    code: String,
    name: String,
    place: String,
    last: String,
    done: bool,
}

pub(crate) struct DoneRow {
    day: String,
    failed: bool,
    note: String,
    by: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "inspections/round.html")]
pub(crate) struct RoundPage {
    layout: Layout,
    round: RoundRow,
    items: Vec<ScopeRow>,
    questions: Vec<QuestionRow>,
    place_round: bool,
    done: Vec<DoneRow>,
    /// The corrective actions its failed rounds opened.
    actions: Vec<super::equipment::ItemFault>,
    schedule_id: String,
    owners: Vec<crate::forms::Choice>,
    inspect: bool,
    manage: bool,
    record_href: String,
    remove_href: String,
    today: String,
    errors: FieldErrors,
}

pub(crate) async fn round_page(
    state: &AppState,
    user: &CurrentUser,
    q: &UnitParam,
    id: InspectionScheduleId,
    errors: FieldErrors,
) -> Result<RoundPage, WebError> {
    let (unit, layout) = frame(state, user, q, "equipment", "Lượt kiểm tra").await?;
    let actor = user.actor();
    let page = state.antt.inspections().round(actor, unit, id).await?;
    let campuses = super::equipment::campuses_of(state, actor, unit).await?;
    let layout = Layout {
        title: page.line.schedule.name.clone(),
        ..layout
    };
    let foreign = layout.foreign;
    let staff = super::equipment::staff_of(state, user, unit).await?;
    let today = antt_domain::time::local_date(state.antt.now());
    Ok(RoundPage {
        actions: super::equipment::fault_lines(&layout, &staff, today, &page.actions),
        owners: super::equipment::owner_choices(&staff),
        schedule_id: id.to_string(),
        round: row(&layout, &campuses, &page.line),
        items: page
            .items
            .iter()
            .map(|(i, done)| ScopeRow {
                href: layout.link(&format!("/equipment/{}#check", i.id)),
                code: i.code.clone(),
                name: i.name.clone(),
                place: i.place.clone(),
                last: i
                    .last_check
                    .map_or_else(|| "chưa kiểm tra".into(), format_date),
                done: *done,
            })
            .collect(),
        place_round: page.line.schedule.kind.is_none(),
        questions: question_rows(&page.questions),
        done: page
            .done
            .iter()
            .take(24)
            .map(|r| DoneRow {
                day: format_date(r.done_on),
                failed: r.result == EquipmentEventKind::CheckFailed,
                note: r.note.clone(),
                by: r.recorded_by.clone(),
            })
            .collect(),
        inspect: actor.role.can(Capability::InspectEquipment) && !foreign,
        manage: actor.role.can(Capability::ManageEquipment) && !foreign,
        record_href: layout.link(&format!("/equipment/rounds/{id}/record")),
        remove_href: layout.link(&format!("/equipment/rounds/{id}/remove")),
        today: antt_domain::time::local_date(state.antt.now())
            .format("%Y-%m-%d")
            .to_string(),
        errors,
        layout,
    })
}

pub(crate) async fn round(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
) -> Result<RoundPage, WebError> {
    let id = parse_id(&id)?;
    round_page(&state, &user, &q, id, FieldErrors::default()).await
}

/// A place's checklist answered.
pub(crate) async fn record_round(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id: InspectionScheduleId = parse_id(&id)?;
    let (unit, layout) = frame(&state, &user, &q, "equipment", "").await?;
    let value = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map_or("", |(_, v)| v.as_str())
    };
    let result = match antt_domain::time::parse_date(value("day")) {
        None => Err(CoreError::invalid("day", ErrorCode::InvalidDate)),
        Some(day) => {
            state
                .antt
                .inspections()
                .record_round(
                    user.actor(),
                    unit,
                    id,
                    day,
                    &answers_of(&pairs),
                    value("note"),
                )
                .await
        }
    };
    saved(
        result,
        |_| Redirect::to(&layout.link(&format!("/equipment/rounds/{id}"))).into_response(),
        async |e| round_page(&state, &user, &q, id, FieldErrors::from(&e)).await,
    )
    .await
}

pub(crate) async fn remove_schedule(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
    Form(_): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id: InspectionScheduleId = parse_id(&id)?;
    let (unit, layout) = frame(&state, &user, &q, "equipment", "").await?;
    state
        .antt
        .inspections()
        .remove_schedule(user.actor(), unit, id)
        .await?;
    Ok(Redirect::to(&layout.link("/equipment/rounds")).into_response())
}

/// A checklist as the list of checklists shows it.
pub(crate) struct ChecklistRow {
    name: String,
    questions: usize,
    own: bool,
    href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "inspections/checklists.html")]
pub(crate) struct ChecklistsPage {
    layout: Layout,
    kinds: Vec<ChecklistRow>,
    places: Vec<ChecklistRow>,
    manage: bool,
}

pub(crate) async fn checklists(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
) -> Result<ChecklistsPage, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "equipment", "Mẫu kiểm tra").await?;
    let actor = user.actor();
    let all = state.antt.inspections().checklists(actor, unit).await?;
    Ok(ChecklistsPage {
        kinds: all
            .kinds
            .iter()
            .map(|k| ChecklistRow {
                name: i18n::equipment_kind(k.kind).to_owned(),
                questions: k.questions.len(),
                own: k.own.is_some(),
                href: layout.link(&format!(
                    "/equipment/checklists/edit?kind={}",
                    k.kind.code()
                )),
            })
            .collect(),
        places: all
            .places
            .iter()
            .map(|t| ChecklistRow {
                name: t.name.clone(),
                questions: t.questions.len(),
                own: true,
                href: layout.link(&format!("/equipment/checklists/edit?id={}", t.id)),
            })
            .collect(),
        manage: actor.role.can(Capability::ManageEquipment) && !layout.foreign,
        layout,
    })
}

#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct ChecklistQuery {
    unit: Option<String>,
    kind: Option<String>,
    id: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct ChecklistForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    questions: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "inspections/checklist.html")]
pub(crate) struct ChecklistPage {
    layout: Layout,
    /// The kind's words, when it is a kind's checklist.
    kind_name: Option<&'static str>,
    form: ChecklistForm,
    manage: bool,
    errors: FieldErrors,
}

pub(crate) async fn checklist(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ChecklistQuery>,
) -> Result<ChecklistPage, WebError> {
    let param = UnitParam {
        unit: q.unit.clone(),
    };
    let (unit, layout) = frame(&state, &user, &param, "equipment", "Mẫu kiểm tra").await?;
    let actor = user.actor();
    let ins = state.antt.inspections();
    let kind = q.kind.as_deref().and_then(EquipmentKind::parse);
    let form = match (kind, q.id.as_deref()) {
        (Some(k), _) => ChecklistForm {
            kind: k.code().to_owned(),
            questions: questions_text(&ins.checklist(actor, unit, k).await?),
            ..ChecklistForm::default()
        },
        (None, Some(id)) => {
            let t = ins.place_checklist(actor, unit, parse_id(id)?).await?;
            ChecklistForm {
                id: t.id.to_string(),
                name: t.name,
                questions: questions_text(&t.questions),
                ..ChecklistForm::default()
            }
        }
        (None, None) => ChecklistForm::default(),
    };
    Ok(ChecklistPage {
        kind_name: kind.map(i18n::equipment_kind),
        manage: actor.role.can(Capability::ManageEquipment) && !layout.foreign,
        form,
        errors: FieldErrors::default(),
        layout,
    })
}

pub(crate) async fn save_checklist(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
    Form(f): Form<ChecklistForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "equipment", "Mẫu kiểm tra").await?;
    let kind = EquipmentKind::parse(&f.kind);
    let id = match f.id.trim() {
        "" => None,
        id => Some(parse_id(id)?),
    };
    let input = ChecklistInput {
        id,
        name: f.name.clone(),
        kind,
        questions: f.questions.clone(),
    };
    let result = state
        .antt
        .inspections()
        .save_checklist(user.actor(), unit, &input)
        .await;
    match result {
        Ok(_) => Ok(Redirect::to(&layout.link("/equipment/checklists")).into_response()),
        Err(CoreError::Invalid(e)) => Ok(crate::forms::form_again(ChecklistPage {
            kind_name: kind.map(i18n::equipment_kind),
            manage: true,
            form: f,
            errors: FieldErrors::from(&e),
            layout,
        })),
        Err(e) => Err(e.into()),
    }
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::{get, post};
    crate::routes::Routes::new()
        .route("/equipment/rounds", get(rounds).post(add_schedule))
        .route("/equipment/rounds/{id}", get(round))
        .route("/equipment/rounds/{id}/record", post(record_round))
        .route("/equipment/rounds/{id}/remove", post(remove_schedule))
        .route(
            "/equipment/checklists",
            get(checklists).post(save_checklist),
        )
        .route("/equipment/checklists/edit", get(checklist))
}
