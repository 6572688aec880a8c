//! Incidents and violations: the register of a movement year, an incident
//! with its people, the hand-off to the police and its report as Word; the
//! violations with their discipline; and the figures of tips, incidents and
//! violations with their workbook.

use crate::forms::Form;
use antt_domain::role::Capability;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use antt_core::CoreError;
use antt_core::export::{TableSheet, Value};
use antt_core::incident::{IncidentView, InvolvedInput};
use antt_core::tip::stats::TipStatistics;
use antt_domain::audit::TargetKind;
use antt_domain::incident::{
    Discipline, IncidentInput, IncidentState, InvolvedRole, Severity, Transfer, ViolationInput,
    ViolationKind,
};
use antt_domain::time::{format_date, format_instant, local_date, parse_date};
use antt_domain::tip::TipCategory;
use antt_domain::{ErrorCode, IncidentId, InvolvedId, TipId, ValidationErrors};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, saved};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;
use antt_domain::time::{input_time, parse_local_time};

use crate::views::portal::incident_category_choices;
use crate::views::sessions::{YearLink, year_links};

#[derive(Debug, Default, Deserialize)]
pub(crate) struct YearQuery {
    year: Option<String>,
    unit: Option<String>,
    tip: Option<String>,
}

impl YearQuery {
    fn year(&self, state: &AppState) -> i32 {
        self.year
            .as_deref()
            .and_then(|y| antt_domain::plan::parse_year(y).ok())
            .unwrap_or_else(|| state.antt.plans().current_year())
    }
}

fn money(v: i64) -> String {
    crate::forms::number(u64::try_from(v).unwrap_or(0))
}

/// A sum of đồng short enough for a figure: "6,5 triệu", "1,2 tỷ".
fn money_short(v: i64) -> String {
    let tenths = |unit: i64| {
        let t = (v * 10 + unit / 2) / unit;
        if t % 10 == 0 {
            format!("{}", t / 10)
        } else {
            format!("{},{}", t / 10, t % 10)
        }
    };
    match v {
        v if v >= 1_000_000_000 => format!("{} tỷ", tenths(1_000_000_000)),
        v if v >= 1_000_000 => format!("{} triệu", tenths(1_000_000)),
        v => money(v),
    }
}

/// An incident in the register.
pub(crate) struct IncidentItem {
    href: String,
    number: u32,
    category: &'static str,
    severity: &'static str,
    state: &'static str,
    closed: bool,
    when: String,
    place: String,
    police: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "incidents/list.html")]
pub(crate) struct ListPage {
    year: i32,
    years: Vec<YearLink>,
    incidents: Vec<IncidentItem>,
    layout: Layout,
}

pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<YearQuery>,
) -> Result<Response, WebError> {
    let (_, layout) = frame(&state, &user, &UnitParam::default(), "tips", "Vụ việc").await?;
    let year = q.year(&state);
    let incidents = state
        .antt
        .incidents()
        .list(user.actor(), year)
        .await?
        .into_iter()
        .map(|i| IncidentItem {
            href: format!("/incidents/{}", i.id),
            number: i.number,
            category: i18n::tip_category(i.input.category),
            severity: i18n::severity(i.input.severity),
            state: i18n::incident_state(i.state),
            closed: i.state == IncidentState::Closed,
            when: format_instant(i.input.occurred_at),
            place: i.input.place.clone(),
            police: i.transfer.map(|t| t.police_unit).unwrap_or_default(),
        })
        .collect();
    Ok(ListPage {
        years: year_links(
            &layout,
            "/incidents",
            year,
            state.antt.plans().current_year(),
        ),
        year,
        incidents,
        layout,
    }
    .into_response())
}

/// The incident form as typed.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct IncidentForm {
    #[serde(default)]
    category: String,
    #[serde(default)]
    severity: String,
    #[serde(default)]
    occurred: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    actions: String,
    #[serde(default)]
    value_recovered: String,
    #[serde(default)]
    campus: String,
    #[serde(default)]
    tip: String,
}

impl IncidentForm {
    fn of(i: &IncidentInput) -> Self {
        Self {
            category: i.category.code().into(),
            severity: i.severity.code().into(),
            occurred: input_time(i.occurred_at),
            place: i.place.clone(),
            summary: i.summary.clone(),
            actions: i.actions.clone(),
            value_recovered: i.value_recovered.to_string(),
            campus: i.campus_id.map(|c| c.to_string()).unwrap_or_default(),
            tip: String::new(),
        }
    }

    fn parse(&self) -> Result<IncidentInput, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let category = TipCategory::parse(&self.category);
        if category.is_none() {
            errors.add("category", ErrorCode::Required);
        }
        let severity = Severity::parse(&self.severity);
        if severity.is_none() {
            errors.add("severity", ErrorCode::Required);
        }
        let campus_id = match self.campus.trim() {
            "" => None,
            c => {
                let id = c.parse::<antt_domain::CampusId>().ok();
                if id.is_none() {
                    errors.add("campus", ErrorCode::NotFound);
                }
                id
            }
        };
        let occurred_at = parse_local_time(self.occurred.trim());
        if occurred_at.is_none() {
            errors.add("occurred_at", ErrorCode::InvalidDate);
        }
        let digits: String = self
            .value_recovered
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let value_recovered = if digits.is_empty() {
            Some(0)
        } else {
            digits.parse::<i64>().ok()
        };
        if value_recovered.is_none() {
            errors.add("value_recovered", ErrorCode::Invalid);
        }
        let (Some(category), Some(severity), Some(occurred_at), Some(value_recovered)) =
            (category, severity, occurred_at, value_recovered)
        else {
            return Err(errors);
        };
        errors.into_result()?;
        Ok(IncidentInput {
            category,
            severity,
            occurred_at,
            campus_id,
            place: self.place.clone(),
            summary: self.summary.clone(),
            actions: self.actions.clone(),
            value_recovered,
        })
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "incidents/form.html")]
pub(crate) struct FormPage {
    action: String,
    heading: String,
    form: IncidentForm,
    categories: Vec<Choice>,
    severities: Vec<Choice>,
    /// Empty when the unit has one campus or none.
    campuses: Vec<Choice>,
    errors: FieldErrors,
    layout: Layout,
}

async fn form_page(
    state: &AppState,
    user: &CurrentUser,
    action: String,
    heading: String,
    form: IncidentForm,
    errors: FieldErrors,
) -> Result<FormPage, WebError> {
    let (unit, layout) = frame(state, user, &UnitParam::default(), "tips", heading.clone()).await?;
    let structure = state.antt.org().structure(user.actor(), unit).await?;
    let campuses = if structure.campuses.len() > 1 {
        Choice::optional(
            structure.campuses.iter().map(|c| (c.id, c.name.clone())),
            Some(&form.campus),
        )
    } else {
        Vec::new()
    };
    Ok(FormPage {
        campuses,
        categories: incident_category_choices(&form.category),
        severities: Severity::ALL
            .iter()
            .map(|s| Choice::new(s.code(), i18n::severity(*s), &form.severity))
            .collect(),
        action,
        heading,
        form,
        errors,
        layout,
    })
}

/// A new incident; from a tip, its category, time and place are filled in.
pub(crate) async fn new_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<YearQuery>,
) -> Result<Response, WebError> {
    let mut form = IncidentForm {
        severity: Severity::Minor.code().into(),
        occurred: input_time(state.antt.now()),
        ..IncidentForm::default()
    };
    if let Some(tip) = q.tip.as_deref() {
        let id: TipId = parse_id(tip)?;
        let v = state.antt.tips().open(user.actor(), id).await?;
        form.category = v.tip.category.code().into();
        form.occurred = input_time(v.tip.occurred_at.unwrap_or(v.tip.received_at));
        form.place = v.content.place.clone().unwrap_or_default();
        form.tip = id.to_string();
    }
    Ok(form_page(
        &state,
        &user,
        "/incidents".into(),
        "Lập vụ việc".into(),
        form,
        FieldErrors::default(),
    )
    .await?
    .into_response())
}

pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(f): Form<IncidentForm>,
) -> Result<Response, WebError> {
    let tip = match f.tip.trim() {
        "" => None,
        t => Some(parse_id::<TipId>(t)?),
    };
    let result = match f.parse() {
        Ok(input) => {
            state
                .antt
                .incidents()
                .create(user.actor(), input, tip)
                .await
        }
        Err(e) => Err(CoreError::Invalid(e)),
    };
    saved(
        result,
        |(id, _)| Redirect::to(&format!("/incidents/{id}")).into_response(),
        async |e| {
            let page = form_page(
                &state,
                &user,
                "/incidents".into(),
                "Lập vụ việc".into(),
                f,
                FieldErrors::from(&e),
            )
            .await?;
            Ok(page)
        },
    )
    .await
}

pub(crate) async fn edit_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id: IncidentId = parse_id(&id)?;
    let v = state.antt.incidents().get(user.actor(), id).await?;
    let heading = format!("Sửa vụ việc số {}", v.incident.number);
    Ok(form_page(
        &state,
        &user,
        format!("/incidents/{id}"),
        heading,
        IncidentForm::of(&v.incident.input),
        FieldErrors::default(),
    )
    .await?
    .into_response())
}

pub(crate) async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(f): Form<IncidentForm>,
) -> Result<Response, WebError> {
    let id: IncidentId = parse_id(&id)?;
    let result = match f.parse() {
        Ok(input) => state.antt.incidents().update(user.actor(), id, input).await,
        Err(e) => Err(CoreError::Invalid(e)),
    };
    saved(
        result,
        |()| Redirect::to(&format!("/incidents/{id}")).into_response(),
        async |e| {
            let page = form_page(
                &state,
                &user,
                format!("/incidents/{id}"),
                "Sửa vụ việc".into(),
                f,
                FieldErrors::from(&e),
            )
            .await?;
            Ok(page)
        },
    )
    .await
}

/// The choices of the violation form, on an incident's page and on the list.
pub(crate) struct ViolationChoices {
    kinds: Vec<Choice>,
    disciplines: Vec<Choice>,
    today: String,
}

fn violation_choices(state: &AppState) -> ViolationChoices {
    ViolationChoices {
        kinds: ViolationKind::ALL
            .iter()
            .map(|k| Choice::new(k.code(), i18n::violation_kind(*k), ""))
            .collect(),
        disciplines: Discipline::ALL
            .iter()
            .map(|d| Choice::new(d.code(), i18n::discipline(*d), ""))
            .collect(),
        today: format_date(local_date(state.antt.now())),
    }
}

/// Someone involved, as shown.
pub(crate) struct InvolvedItem {
    id: String,
    name: String,
    role: &'static str,
    note: String,
    of_unit: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "incidents/show.html")]
pub(crate) struct ShowPage {
    id: String,
    number: u32,
    category: &'static str,
    severity: &'static str,
    state: &'static str,
    closed: bool,
    when: String,
    place: String,
    summary: String,
    actions: String,
    value: String,
    police_unit: String,
    transferred_on: String,
    reference: String,
    acknowledged_on: String,
    outcome: String,
    involved: Vec<InvolvedItem>,
    roles: Vec<Choice>,
    tips: Vec<(String, String)>,
    violations: Vec<(String, &'static str, &'static str, String)>,
    violation: ViolationChoices,
    footage: Vec<FootageRow>,
    cameras: Vec<Choice>,
    now: String,
    errors: FieldErrors,
    problem: Option<&'static str>,
    layout: Layout,
}

/// Camera footage the incident cites, as its page lists it.
pub(crate) struct FootageRow {
    id: String,
    camera: String,
    when: String,
    note: String,
    overwritten_on: String,
    copied: Option<String>,
    at_risk: bool,
    lost: bool,
}

async fn show_page(
    state: &AppState,
    user: &CurrentUser,
    id: IncidentId,
    errors: FieldErrors,
    problem: Option<&'static str>,
) -> Result<ShowPage, WebError> {
    let v: IncidentView = state.antt.incidents().get(user.actor(), id).await?;
    let (_, layout) = frame(
        state,
        user,
        &UnitParam::default(),
        "tips",
        format!("Vụ việc số {}", v.incident.number),
    )
    .await?;
    let i = &v.incident;
    let t = i.transfer.clone().unwrap_or_default();
    let today = antt_domain::time::local_date(state.antt.now());
    Ok(ShowPage {
        id: id.to_string(),
        number: i.number,
        category: i18n::tip_category(i.input.category),
        severity: i18n::severity(i.input.severity),
        state: i18n::incident_state(i.state),
        closed: i.state == IncidentState::Closed,
        when: format_instant(i.input.occurred_at),
        place: match &v.campus {
            Some(c) => format!("{} ({c})", i.input.place),
            None => i.input.place.clone(),
        },
        summary: i.input.summary.clone(),
        actions: i.input.actions.clone(),
        value: if i.input.value_recovered > 0 {
            format!("{} đồng", money(i.input.value_recovered))
        } else {
            String::new()
        },
        police_unit: t.police_unit,
        transferred_on: t.transferred_on.map(format_date).unwrap_or_default(),
        reference: t.reference.unwrap_or_default(),
        acknowledged_on: t.acknowledged_on.map(format_date).unwrap_or_default(),
        outcome: i.outcome.clone().unwrap_or_default(),
        involved: v
            .involved
            .iter()
            .map(|p| InvolvedItem {
                id: p.id.to_string(),
                name: p.name.clone(),
                role: i18n::involved_role(p.role),
                note: p.note.clone().unwrap_or_default(),
                of_unit: p.person_id.is_some(),
            })
            .collect(),
        roles: InvolvedRole::ALL
            .iter()
            .map(|r| Choice::new(r.code(), i18n::involved_role(*r), ""))
            .collect(),
        tips: v
            .tips
            .iter()
            .map(|t| {
                (
                    format!("/tips/{}", t.id),
                    format!("Tin báo số {} · {}", t.number, i18n::tip_state(t.state)),
                )
            })
            .collect(),
        violations: v
            .violations
            .iter()
            .map(|(x, name)| {
                (
                    name.clone(),
                    i18n::violation_kind(x.input.kind),
                    i18n::discipline(x.input.discipline),
                    format_date(x.input.occurred_on),
                )
            })
            .collect(),
        violation: violation_choices(state),
        footage: v
            .footage
            .iter()
            .map(|(f, camera)| FootageRow {
                id: f.id.to_string(),
                camera: camera.clone(),
                when: format!(
                    "{} – {}",
                    format_instant(f.from),
                    antt_domain::time::local_time(f.until).format("%H:%M")
                ),
                note: f.note.clone(),
                overwritten_on: format_date(f.overwritten_on),
                copied: f.copied_by.as_ref().map(|by| {
                    format!(
                        "{by}, ngày {}{}",
                        f.copied_on.map(format_date).unwrap_or_default(),
                        f.kept_until
                            .map(|d| format!(", lưu đến {}", format_date(d)))
                            .unwrap_or_default()
                    )
                }),
                at_risk: f.at_risk(today) && !f.lost(today),
                lost: f.lost(today),
            })
            .collect(),
        cameras: state
            .antt
            .incidents()
            .cameras(user.actor())
            .await?
            .into_iter()
            .map(|(id, label)| Choice::new(id.to_string(), label, ""))
            .collect(),
        now: antt_domain::time::local_time(state.antt.now())
            .format("%Y-%m-%dT%H:%M")
            .to_string(),
        errors,
        problem,
        layout,
    })
}

#[derive(Debug, Deserialize)]
pub(crate) struct FootageForm {
    #[serde(default)]
    camera: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    until: String,
    #[serde(default)]
    overwritten_on: String,
    #[serde(default)]
    note: String,
}

/// Cites a camera's footage.
pub(crate) async fn cite_footage(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(f): Form<FootageForm>,
) -> Result<Response, WebError> {
    let id: IncidentId = parse_id(&id)?;
    let result = match f.camera.parse() {
        Err(_) => Err(CoreError::invalid(
            "camera",
            antt_domain::ErrorCode::Required,
        )),
        Ok(camera) => state
            .antt
            .incidents()
            .cite_footage(
                user.actor(),
                id,
                camera,
                &antt_domain::footage::FootageText {
                    from: &f.from,
                    until: &f.until,
                    overwritten_on: &f.overwritten_on,
                    note: &f.note,
                },
            )
            .await
            .map(|_| ()),
    };
    after(&state, &user, id, result).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct CopiedForm {
    #[serde(default)]
    copied_by: String,
    #[serde(default)]
    kept_until: String,
}

/// Records footage copied off the recorder.
pub(crate) async fn footage_copied(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, footage)): Path<(String, String)>,
    Form(f): Form<CopiedForm>,
) -> Result<Response, WebError> {
    let id: IncidentId = parse_id(&id)?;
    let footage = parse_id(&footage)?;
    let result = match antt_domain::time::parse_date(&f.kept_until) {
        None => Err(CoreError::invalid(
            "kept_until",
            antt_domain::ErrorCode::InvalidDate,
        )),
        Some(kept) => state
            .antt
            .incidents()
            .footage_copied(user.actor(), footage, &f.copied_by, kept)
            .await
            .map(|_| ()),
    };
    after(&state, &user, id, result).await
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id: IncidentId = parse_id(&id)?;
    Ok(show_page(&state, &user, id, FieldErrors::default(), None)
        .await?
        .into_response())
}

async fn after(
    state: &AppState,
    user: &CurrentUser,
    id: IncidentId,
    result: Result<(), CoreError>,
) -> Result<Response, WebError> {
    saved(
        result,
        |()| Redirect::to(&format!("/incidents/{id}")).into_response(),
        async |e| {
            let problem = if e.for_field("state").is_some() {
                Some("Vụ việc đã kết thúc, không sửa được nữa.")
            } else {
                Some("Chưa lưu được: xem các ô được đánh dấu.")
            };
            let page = show_page(state, user, id, FieldErrors::from(&e), problem).await?;
            Ok(page)
        },
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(crate) struct TransferForm {
    #[serde(default)]
    police_unit: String,
    #[serde(default)]
    transferred_on: String,
    #[serde(default)]
    police_reference: String,
    #[serde(default)]
    acknowledged_on: String,
}

pub(crate) async fn transfer(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(f): Form<TransferForm>,
) -> Result<Response, WebError> {
    let id: IncidentId = parse_id(&id)?;
    let mut errors = ValidationErrors::new();
    let transferred_on =
        crate::forms::optional_date("transferred_on", &f.transferred_on, &mut errors);
    let acknowledged_on =
        crate::forms::optional_date("acknowledged_on", &f.acknowledged_on, &mut errors);
    let result = if errors.is_empty() {
        let t = Transfer {
            police_unit: f.police_unit,
            transferred_on,
            reference: Some(f.police_reference),
            acknowledged_on,
        };
        state.antt.incidents().transfer(user.actor(), id, t).await
    } else {
        Err(CoreError::Invalid(errors))
    };
    after(&state, &user, id, result).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct CloseForm {
    #[serde(default)]
    outcome: String,
}

pub(crate) async fn close(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(f): Form<CloseForm>,
) -> Result<Response, WebError> {
    let id: IncidentId = parse_id(&id)?;
    let result = state
        .antt
        .incidents()
        .close(user.actor(), id, &f.outcome)
        .await;
    after(&state, &user, id, result).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct InvolvedForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    role: String,
    #[serde(default)]
    note: String,
}

pub(crate) async fn add_involved(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(f): Form<InvolvedForm>,
) -> Result<Response, WebError> {
    let id: IncidentId = parse_id(&id)?;
    let actor = user.actor();
    let result = async {
        let person_id = match f.code.trim() {
            "" => None,
            code => Some(
                state
                    .antt
                    .incidents()
                    .person_id_by_code(actor, code)
                    .await?,
            ),
        };
        let role = InvolvedRole::parse(&f.role)
            .ok_or_else(|| CoreError::invalid("role", ErrorCode::Required))?;
        state
            .antt
            .incidents()
            .add_involved(
                actor,
                id,
                InvolvedInput {
                    person_id,
                    name: f.name,
                    role,
                    note: Some(f.note),
                },
            )
            .await
    }
    .await;
    after(&state, &user, id, result).await
}

pub(crate) async fn remove_involved(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, who)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let id: IncidentId = parse_id(&id)?;
    let who: InvolvedId = parse_id(&who)?;
    let result = state
        .antt
        .incidents()
        .remove_involved(user.actor(), id, who)
        .await;
    after(&state, &user, id, result).await
}

pub(crate) async fn report(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id: IncidentId = parse_id(&id)?;
    let file = state.antt.incidents().report(user.actor(), id).await?;
    Ok(super::download(file))
}

#[derive(Debug, Deserialize)]
pub(crate) struct ViolationForm {
    #[serde(default)]
    code: String,
    kind: String,
    #[serde(default)]
    occurred_on: String,
    #[serde(default)]
    description: String,
    discipline: String,
    #[serde(default)]
    handling: String,
    #[serde(default)]
    incident: String,
}

async fn violation_input(
    state: &AppState,
    user: &CurrentUser,
    f: ViolationForm,
) -> Result<ViolationInput, CoreError> {
    let mut errors = ValidationErrors::new();
    let occurred_on = parse_date(f.occurred_on.trim());
    if occurred_on.is_none() {
        errors.add("occurred_on", ErrorCode::InvalidDate);
    }
    let kind = ViolationKind::parse(&f.kind);
    if kind.is_none() {
        errors.add("kind", ErrorCode::Required);
    }
    let discipline = Discipline::parse(&f.discipline);
    if discipline.is_none() {
        errors.add("discipline", ErrorCode::Required);
    }
    let incident_id = match f.incident.trim() {
        "" => None,
        s => Some(s.parse::<IncidentId>().map_err(|_| CoreError::NotFound)?),
    };
    let person_id = state
        .antt
        .incidents()
        .person_id_by_code(user.actor(), &f.code)
        .await;
    if person_id.is_err() {
        errors.add("person", ErrorCode::NotFound);
    }
    let (Some(kind), Some(occurred_on), Some(discipline), Ok(person_id)) =
        (kind, occurred_on, discipline, person_id)
    else {
        return Err(CoreError::Invalid(errors));
    };
    Ok(ViolationInput {
        person_id,
        incident_id,
        kind,
        occurred_on,
        description: f.description,
        discipline,
        handling: Some(f.handling),
    })
}

/// A violation recorded from an incident's page.
pub(crate) async fn add_violation(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(mut f): Form<ViolationForm>,
) -> Result<Response, WebError> {
    let id: IncidentId = parse_id(&id)?;
    f.incident = id.to_string();
    let result = match violation_input(&state, &user, f).await {
        Ok(input) => state
            .antt
            .incidents()
            .record_violation(user.actor(), input)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    after(&state, &user, id, result).await
}

/// A violation in the list.
pub(crate) struct ViolationItem {
    name: String,
    code: String,
    kind: &'static str,
    discipline: &'static str,
    serious: bool,
    day: String,
    description: String,
    incident: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "incidents/violations.html")]
pub(crate) struct ViolationsPage {
    year: i32,
    years: Vec<YearLink>,
    items: Vec<ViolationItem>,
    violation: ViolationChoices,
    errors: FieldErrors,
    saved: bool,
    layout: Layout,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ViolationsQuery {
    year: Option<String>,
    saved: Option<u8>,
}

async fn violations_page(
    state: &AppState,
    user: &CurrentUser,
    year: Option<&str>,
    errors: FieldErrors,
    saved: bool,
) -> Result<ViolationsPage, WebError> {
    let (_, layout) = frame(state, user, &UnitParam::default(), "tips", "Vi phạm").await?;
    let year = year
        .and_then(|y| antt_domain::plan::parse_year(y).ok())
        .unwrap_or_else(|| state.antt.plans().current_year());
    let items = state
        .antt
        .incidents()
        .violations(user.actor(), year)
        .await?
        .into_iter()
        .map(|l| ViolationItem {
            name: l.name,
            code: l.code,
            kind: i18n::violation_kind(l.violation.input.kind),
            discipline: i18n::discipline(l.violation.input.discipline),
            serious: l.violation.input.discipline.at_least_warning(),
            day: format_date(l.violation.input.occurred_on),
            description: l.violation.input.description,
            incident: l
                .violation
                .input
                .incident_id
                .map(|i| format!("/incidents/{i}")),
        })
        .collect();
    Ok(ViolationsPage {
        years: year_links(
            &layout,
            "/violations",
            year,
            state.antt.plans().current_year(),
        ),
        year,
        items,
        violation: violation_choices(state),
        errors,
        saved,
        layout,
    })
}

pub(crate) async fn violations(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ViolationsQuery>,
) -> Result<Response, WebError> {
    Ok(violations_page(
        &state,
        &user,
        q.year.as_deref(),
        FieldErrors::default(),
        q.saved.is_some(),
    )
    .await?
    .into_response())
}

pub(crate) async fn record_violation(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(f): Form<ViolationForm>,
) -> Result<Response, WebError> {
    let result = match violation_input(&state, &user, f).await {
        Ok(input) => state
            .antt
            .incidents()
            .record_violation(user.actor(), input)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    saved(
        result,
        |()| Redirect::to("/violations?saved=1").into_response(),
        async |e| {
            let page = violations_page(&state, &user, None, FieldErrors::from(&e), false).await?;
            Ok(page)
        },
    )
    .await
}

/// A bar of a chart.
pub(crate) struct Bar {
    label: String,
    count: u64,
    width: u64,
}

fn bars<K: Copy>(items: &[(K, u64)], label: impl Fn(K) -> String, skip_zero: bool) -> Vec<Bar> {
    let max = items.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    items
        .iter()
        .filter(|(_, n)| !skip_zero || *n > 0)
        .map(|(k, n)| Bar {
            label: label(*k),
            count: *n,
            width: n * 100 / max,
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "incidents/stats.html")]
pub(crate) struct StatsPage {
    year: i32,
    years: Vec<YearLink>,
    s: TipStatistics,
    median: String,
    value: String,
    charts: Vec<(&'static str, Vec<Bar>)>,
    export: String,
    handler: bool,
    layout: Layout,
}

fn median_text(h: Option<i64>) -> String {
    match h {
        None => "—".into(),
        Some(h) if h < 48 => format!("{h} giờ"),
        Some(h) => format!("{} ngày", (h + 12) / 24),
    }
}

/// The figures a page asks for: of the unit viewed, or, for a province
/// officer on their own unit, of every unit they oversee.
async fn figures(
    state: &AppState,
    user: &CurrentUser,
    q: &YearQuery,
    title: &str,
) -> Result<(antt_domain::UnitId, Layout, i32, TipStatistics), WebError> {
    let param = UnitParam {
        unit: q.unit.clone(),
    };
    let (unit, layout) = frame(state, user, &param, "tips", title).await?;
    let actor = user.actor();
    let year = q.year(state);
    let requested = (layout.foreign || !actor.role.can(Capability::OverseeUnits)).then_some(unit);
    let s = state.antt.tips().statistics(actor, requested, year).await?;
    Ok((unit, layout, year, s))
}

pub(crate) async fn stats(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<YearQuery>,
) -> Result<Response, WebError> {
    let (unit, layout, year, s) = figures(&state, &user, &q, "Thống kê tin báo, vụ việc").await?;
    let actor = user.actor();
    let handler = state.antt.tips().handles(actor, unit).await?;
    Ok(StatsPage {
        years: year_links(
            &layout,
            "/tips/stats",
            year,
            state.antt.plans().current_year(),
        ),
        year,
        median: median_text(s.median_hours_to_close),
        value: money_short(s.value_recovered),
        charts: vec![
            (
                "Tin báo theo tháng",
                bars(&s.by_month, |(m, y)| format!("{m:02}/{y}"), false),
            ),
            (
                "Theo loại sự việc",
                bars(&s.by_category, |c| i18n::tip_category(c).into(), true),
            ),
            (
                "Theo nguồn tiếp nhận",
                bars(&s.by_channel, |c| i18n::tip_channel(c).into(), true),
            ),
            (
                "Theo trạng thái",
                bars(&s.by_state, |c| i18n::tip_state(c).into(), true),
            ),
            (
                "Vụ việc theo loại",
                bars(
                    &s.incidents_by_category,
                    |c| i18n::tip_category(c).into(),
                    true,
                ),
            ),
            (
                "Vụ việc theo cơ sở",
                s.incidents_by_campus
                    .iter()
                    .map(|(c, n)| Bar {
                        label: if c.is_empty() {
                            "Không ghi cơ sở".into()
                        } else {
                            c.clone()
                        },
                        count: *n,
                        width: n * 100 / s.incidents.max(1),
                    })
                    .collect(),
            ),
            (
                "Vi phạm theo loại",
                bars(
                    &s.violations_by_kind,
                    |k| i18n::violation_kind(k).into(),
                    true,
                ),
            ),
        ],
        export: layout.link(&format!("/tips/stats/export?year={year}")),
        handler,
        s,
        layout,
    }
    .into_response())
}

fn named<K: Copy>(v: &[(K, u64)], label: impl Fn(K) -> &'static str) -> Vec<(String, u64)> {
    v.iter().map(|(k, n)| (label(*k).to_owned(), *n)).collect()
}

/// A count or a sum of đồng as a spreadsheet number: exact below 2^53,
/// which no count or sum here comes near.
#[allow(clippy::cast_precision_loss)]
fn exact(n: u64) -> f64 {
    n as f64
}

fn count_sheet(name: &str, title: String, head: &str, rows: Vec<(String, u64)>) -> TableSheet {
    TableSheet {
        name: name.into(),
        title: vec![title],
        headers: vec![head.into(), "Số lượng".into()],
        widths: vec![48.0, 14.0],
        rows: rows
            .into_iter()
            .map(|(k, n)| vec![Value::from(k.as_str()), Value::Number(exact(n))])
            .collect(),
    }
}

/// The figures unit by unit (a sheet with its header only when the
/// figures are of one unit).
fn unit_sheet(title: String, lines: &[antt_core::tip::stats::UnitFigures]) -> TableSheet {
    let n = |v: u64| Value::Number(exact(v));
    TableSheet {
        name: "Theo đơn vị".into(),
        title: vec![title],
        headers: [
            "Mã đơn vị",
            "Đơn vị",
            "Tin báo",
            "Đang xử lý",
            "Quá hạn",
            "Tin chuyển Công an",
            "Vụ việc",
            "Vụ việc chuyển Công an",
            "Vi phạm",
            "Kỷ luật từ cảnh cáo",
        ]
        .map(String::from)
        .to_vec(),
        widths: vec![14.0, 44.0],
        rows: lines
            .iter()
            .map(|u| {
                vec![
                    Value::from(u.code.as_str()),
                    Value::from(u.name.as_str()),
                    n(u.tips.tips),
                    n(u.tips.open),
                    n(u.tips.overdue),
                    n(u.tips.transferred),
                    n(u.incidents),
                    n(u.incidents_transferred),
                    n(u.violations),
                    n(u.disciplined_warning_or_above),
                ]
            })
            .collect(),
    }
}

pub(crate) async fn export_stats(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<YearQuery>,
) -> Result<Response, WebError> {
    let (unit, layout, year, s) = figures(&state, &user, &q, "").await?;
    let actor = user.actor();
    let title = |what: &str| format!("{what} năm {year} — {}", layout.unit_name);
    let sheets = vec![
        count_sheet(
            "Theo tháng",
            title("Tin báo theo tháng"),
            "Tháng",
            s.by_month
                .iter()
                .map(|((m, y), n)| (format!("{m:02}/{y}"), *n))
                .collect(),
        ),
        count_sheet(
            "Theo loại",
            title("Tin báo theo loại sự việc"),
            "Loại sự việc",
            named(&s.by_category, i18n::tip_category),
        ),
        count_sheet(
            "Theo nguồn",
            title("Tin báo theo nguồn tiếp nhận"),
            "Nguồn",
            named(&s.by_channel, i18n::tip_channel),
        ),
        count_sheet(
            "Theo trạng thái",
            title("Tin báo theo trạng thái"),
            "Trạng thái",
            named(&s.by_state, i18n::tip_state),
        ),
        count_sheet(
            "Vụ việc",
            title("Vụ việc theo loại"),
            "Loại vụ việc",
            named(&s.incidents_by_category, i18n::tip_category),
        ),
        count_sheet(
            "Vi phạm",
            title("Vi phạm theo loại"),
            "Loại vi phạm",
            named(&s.violations_by_kind, i18n::violation_kind),
        ),
        unit_sheet(title("Tin báo, vụ việc, vi phạm theo đơn vị"), &s.by_unit),
        count_sheet(
            "Tổng hợp",
            title("Tổng hợp"),
            "Chỉ tiêu",
            vec![
                ("Tổng số tin báo".into(), s.tips),
                ("Tin báo đang xử lý".into(), s.open),
                ("Tin báo quá hạn".into(), s.overdue),
                ("Tin báo đã chuyển Công an".into(), s.transferred),
                (
                    "Thời gian xử lý trung vị (giờ)".into(),
                    u64::try_from(s.median_hours_to_close.unwrap_or(0)).unwrap_or(0),
                ),
                ("Tổng số vụ việc".into(), s.incidents),
                ("Vụ việc đã chuyển Công an".into(), s.incidents_transferred),
                (
                    "Giá trị tài sản thu hồi (đồng)".into(),
                    u64::try_from(s.value_recovered).unwrap_or(0),
                ),
                ("Tổng số vi phạm".into(), s.violations),
                (
                    "Kỷ luật từ cảnh cáo trở lên".into(),
                    s.disciplined_warning_or_above,
                ),
            ],
        ),
    ];
    let file = state
        .antt
        .exports()
        .sheets(
            actor,
            unit,
            Some((TargetKind::Tip, "statistics".into())),
            format!("thong-ke-tin-bao-{year}.xlsx"),
            sheets,
        )
        .await?;
    Ok(super::download(file))
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::{get, post};
    crate::routes::Routes::new()
        .route("/tips/stats", get(stats))
        .route("/tips/stats/export", get(export_stats))
        .route("/incidents", get(list).post(create))
        .route("/incidents/new", get(new_form))
        .route("/incidents/{id}", get(show).post(update))
        .route("/incidents/{id}/edit", get(edit_form))
        .route("/incidents/{id}/transfer", post(transfer))
        .route("/incidents/{id}/close", post(close))
        .route("/incidents/{id}/involved", post(add_involved))
        .route(
            "/incidents/{id}/involved/{who}/remove",
            post(remove_involved),
        )
        .route("/incidents/{id}/violations", post(add_violation))
        .route("/incidents/{id}/report", get(report))
        .route("/incidents/{id}/footage", post(cite_footage))
        .route(
            "/incidents/{id}/footage/{footage}/copied",
            post(footage_copied),
        )
        .route("/violations", get(violations).post(record_violation))
}
