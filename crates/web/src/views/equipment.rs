//! "Phương tiện PCCC, camera": the register with what is overdue, due this
//! month and reported broken; an item's page with its history, where staff
//! record a check and the office closes faults; the labels to print; and
//! the page a label opens for anyone, to report a fault in one step.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use antt_core::equipment::{DueLine, Item, PublicItem};
use antt_core::{CoreError, Submission};
use antt_domain::equipment::{EquipmentEventKind, EquipmentFault, EquipmentState, FaultState};
use antt_domain::inspection::Question;
use antt_domain::role::Capability;
use antt_domain::time::{format_date, local_time};
use antt_domain::{EquipmentFaultId, EquipmentId, ErrorCode, ValidationErrors};

use crate::auth::CurrentUser;
use crate::client::PublicBase;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, Form, PhotoForm, Upload, form_again};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;
use crate::views::portal::FloodKey;

/// One thing due, as a line of the lists.
pub(crate) struct DueRow {
    href: String,
    code: String,
    name: String,
    place: String,
    what: &'static str,
    day: String,
}

/// An item as a line of the register.
pub(crate) struct ItemRow {
    id: String,
    href: String,
    code: String,
    kind: &'static str,
    name: String,
    place: String,
    next: String,
    state: &'static str,
    broken: bool,
}

/// An open fault as listed.
pub(crate) struct FaultRow {
    /// The fault on its item's page.
    fault_href: String,
    owner: String,
    due: String,
    late: bool,
    href: String,
    item: String,
    text: String,
    when: String,
    by: String,
    photo: bool,
}

/// A kind's intervals as the form shows them.
pub(crate) struct IntervalRow {
    kind: &'static str,
    label: &'static str,
    check_days: String,
    service_months: String,
    pressure_test_years: String,
    own: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "equipment/register.html")]
pub(crate) struct RegisterPage {
    layout: Layout,
    manage: bool,
    /// Cameras showing nothing now: (link, code and name, since, cause).
    dark: Vec<(String, String, String, String)>,
    /// Rounds of checks late: (link, name, given to, late since).
    late_rounds: Vec<(String, String, String, String)>,
    intervals: Vec<IntervalRow>,
    overdue: Vec<DueRow>,
    this_month: Vec<DueRow>,
    faults: Vec<FaultRow>,
    items: Vec<ItemRow>,
    total: usize,
    query: String,
}

/// The unit's campuses, by which items and rounds are placed.
pub(crate) async fn campuses_of(
    state: &AppState,
    actor: &antt_core::Actor,
    unit: antt_domain::UnitId,
) -> Result<Vec<antt_domain::org::Campus>, WebError> {
    Ok(state
        .antt
        .org()
        .structure(actor, unit)
        .await?
        .campuses
        .clone())
}

fn place_of(
    campuses: &[antt_domain::org::Campus],
    item: &antt_domain::equipment::Equipment,
) -> String {
    let campus = item
        .campus_id
        .and_then(|c| campuses.iter().find(|p| p.id == c))
        .map(|c| c.name.clone())
        .unwrap_or_default();
    [campus, item.place.clone()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct RegisterQuery {
    unit: Option<String>,
    #[serde(default)]
    q: String,
}

/// The most items the register shows at once (the search finds others).
const SHOWN: usize = 300;

pub(crate) async fn register(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<RegisterQuery>,
) -> Result<RegisterPage, WebError> {
    let param = UnitParam {
        unit: q.unit.clone(),
    };
    let (unit, layout) = frame(
        &state,
        &user,
        &param,
        "equipment",
        "Phương tiện PCCC, camera",
    )
    .await?;
    let actor = user.actor();
    let reg = state.antt.equipment();
    let campuses = campuses_of(&state, actor, unit).await?;
    let (due, items) = reg.register(actor, unit).await?;
    let staff = staff_of(&state, &user, unit).await?;
    let today = antt_domain::time::local_date(state.antt.now());
    let href = |id: EquipmentId| layout.link(&format!("/equipment/{id}"));
    let row = |l: &DueLine| DueRow {
        href: href(l.item.id),
        code: l.item.code.clone(),
        name: l.item.name.clone(),
        place: place_of(&campuses, &l.item),
        what: i18n::due_what(l.what),
        day: format_date(l.day),
    };
    let terms = antt_domain::text::search_terms(&q.q);
    let shown: Vec<&Item> = items
        .iter()
        .filter(|i| {
            let key = antt_domain::text::search_key(&format!(
                "{} {} {} {}",
                i.item.code,
                i.item.name,
                place_of(&campuses, &i.item),
                i18n::equipment_kind(i.item.kind)
            ));
            terms.iter().all(|t| key.contains(t.as_str()))
        })
        .collect();
    let kinds = reg.intervals(actor, unit).await?;
    let n = |v: Option<u32>| v.map_or_else(String::new, |v| v.to_string());
    Ok(RegisterPage {
        dark: due
            .outages
            .iter()
            .map(|(o, i)| {
                (
                    href(i.id),
                    format!("{} – {}", i.code, i.name),
                    local_time(o.from).format("%H:%M %d/%m/%Y").to_string(),
                    o.cause.clone(),
                )
            })
            .collect(),
        intervals: antt_domain::equipment::EquipmentKind::ALL
            .iter()
            .map(|k| {
                let i = kinds.of(*k);
                IntervalRow {
                    kind: k.code(),
                    label: i18n::equipment_kind(*k),
                    check_days: n(i.check_days),
                    service_months: n(i.service_months),
                    pressure_test_years: n(i.pressure_test_years),
                    own: kinds.is_own(*k),
                }
            })
            .collect(),
        manage: actor.role.can(Capability::ManageEquipment) && !layout.foreign,
        late_rounds: state
            .antt
            .inspections()
            .rounds(actor, unit)
            .await?
            .into_iter()
            .filter_map(|l| {
                let since = l.state.late_since?;
                Some((
                    layout.link(&format!("/equipment/rounds/{}", l.schedule.id)),
                    l.schedule.name,
                    l.assignee,
                    format_date(since),
                ))
            })
            .collect(),
        overdue: due.overdue.iter().map(row).collect(),
        this_month: due.this_month.iter().map(row).collect(),
        faults: due
            .faults
            .iter()
            .map(|(f, item)| FaultRow {
                fault_href: layout.link(&format!("/equipment/faults/{}", f.id)),
                owner: owner_name(&staff, f.owner_id),
                due: f.due_on.map_or_else(String::new, format_date),
                late: f.overdue(today),
                href: href(item.id),
                item: format!("{} – {}", item.code, item.name),
                text: f.description.clone(),
                when: local_time(f.reported_at)
                    .format("%H:%M %d/%m/%Y")
                    .to_string(),
                by: f
                    .reported_by
                    .clone()
                    .unwrap_or_else(|| "Người quét nhãn (không tên)".into()),
                photo: f.has_photo,
            })
            .chain(due.place_actions.iter().map(|f| {
                let round = f
                    .schedule_id
                    .map(|r| layout.link(&format!("/equipment/rounds/{r}")))
                    .unwrap_or_default();
                FaultRow {
                    fault_href: format!("{round}#fault-{}", f.id),
                    owner: owner_name(&staff, f.owner_id),
                    due: f.due_on.map_or_else(String::new, format_date),
                    late: f.overdue(today),
                    href: round,
                    item: f.place.clone().unwrap_or_default(),
                    text: f.description.clone(),
                    when: local_time(f.reported_at)
                        .format("%H:%M %d/%m/%Y")
                        .to_string(),
                    by: f.reported_by.clone().unwrap_or_default(),
                    photo: false,
                }
            }))
            .collect(),
        total: shown.len(),
        items: shown
            .iter()
            .take(SHOWN)
            .map(|i| ItemRow {
                id: i.item.id.to_string(),
                href: href(i.item.id),
                code: i.item.code.clone(),
                kind: i18n::equipment_kind(i.item.kind),
                name: i.item.name.clone(),
                place: place_of(&campuses, &i.item),
                next: i.due.first().map_or_else(
                    || "–".to_owned(),
                    |(w, d)| format!("{} {}", i18n::due_what(w), format_date(d)),
                ),
                state: i18n::equipment_state(i.item.state),
                broken: i.item.state != EquipmentState::InService,
            })
            .collect(),
        query: q.q,
        layout,
    })
}

/// A line of an item's history.
pub(crate) struct EventRow {
    when: String,
    what: &'static str,
    note: String,
    by: String,
    failed: bool,
}

/// A fault of an item, with what the office may do.
pub(crate) struct ItemFault {
    pub(crate) id: String,
    pub(crate) assign_href: String,
    pub(crate) owner: String,
    pub(crate) due: String,
    pub(crate) late: bool,
    pub(crate) close_href: String,
    pub(crate) text: String,
    pub(crate) when: String,
    pub(crate) by: String,
    pub(crate) state: &'static str,
    pub(crate) open: bool,
    pub(crate) photo_href: Option<String>,
    pub(crate) closing: String,
}

/// An outage of a camera as listed.
pub(crate) struct OutageRow {
    from: String,
    until: String,
    cause: String,
    by: String,
    open: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "equipment/item.html")]
pub(crate) struct ItemPage {
    layout: Layout,
    id: String,
    camera: bool,
    /// An outage is open: the camera shows nothing now.
    dark_now: bool,
    outages: Vec<OutageRow>,
    outage_href: String,
    end_outage_href: String,
    now: String,
    record_href: String,
    check_href: String,
    edit_href: String,
    /// The unit's checklist of the item's kind.
    checklist: Vec<QuestionRow>,
    state_href: String,
    code: String,
    kind: &'static str,
    name: String,
    place: String,
    maker: String,
    state: &'static str,
    broken: bool,
    dates: Vec<(&'static str, String)>,
    due: Vec<(&'static str, String, bool)>,
    events: Vec<EventRow>,
    faults: Vec<ItemFault>,
    inspect: bool,
    manage: bool,
    today: String,
    states: Vec<Choice>,
    owners: Vec<Choice>,
    errors: FieldErrors,
}

/// The unit's staff who may be given a fault, by id with their names.
pub(crate) async fn staff_of(
    state: &AppState,
    user: &CurrentUser,
    unit: antt_domain::UnitId,
) -> Result<Vec<(antt_domain::PersonId, String)>, WebError> {
    if !user.actor().role.can(Capability::ReadPeople) {
        return Ok(Vec::new());
    }
    Ok(state
        .antt
        .people()
        .staff_choices(user.actor(), unit)
        .await?
        .into_iter()
        .map(|p| (p.id, p.full_name))
        .collect())
}

/// Faults (or a place's corrective actions) as a page lists them, with
/// their forms' addresses.
pub(crate) fn fault_lines(
    layout: &Layout,
    staff: &[(antt_domain::PersonId, String)],
    today: NaiveDate,
    faults: &[EquipmentFault],
) -> Vec<ItemFault> {
    faults
        .iter()
        .map(|f| ItemFault {
            id: f.id.to_string(),
            assign_href: layout.link(&format!("/equipment/faults/{}/assign", f.id)),
            owner: owner_name(staff, f.owner_id),
            due: f.due_on.map_or_else(String::new, format_date),
            late: f.overdue(today),
            close_href: layout.link(&format!("/equipment/faults/{}/close", f.id)),
            text: f.description.clone(),
            when: local_time(f.reported_at)
                .format("%H:%M %d/%m/%Y")
                .to_string(),
            by: f
                .reported_by
                .clone()
                .unwrap_or_else(|| "Người quét nhãn (không tên)".into()),
            state: i18n::fault_state(f.state),
            open: f.state == FaultState::Open,
            photo_href: f
                .has_photo
                .then(|| layout.link(&format!("/equipment/faults/{}/photo", f.id))),
            closing: f.closing_note.clone().unwrap_or_default(),
        })
        .collect()
}

/// The staff as the choices of a fault's owner.
pub(crate) fn owner_choices(staff: &[(antt_domain::PersonId, String)]) -> Vec<Choice> {
    staff
        .iter()
        .map(|(id, name)| Choice::new(id.to_string(), name.clone(), ""))
        .collect()
}

fn owner_name(
    staff: &[(antt_domain::PersonId, String)],
    owner: Option<antt_domain::PersonId>,
) -> String {
    owner
        .and_then(|o| staff.iter().find(|(id, _)| *id == o))
        .map_or_else(|| "Văn phòng".to_owned(), |(_, n)| n.clone())
}

async fn item_page(
    state: &AppState,
    user: &CurrentUser,
    param: &UnitParam,
    id: EquipmentId,
    errors: FieldErrors,
) -> Result<ItemPage, WebError> {
    let (unit, layout) = frame(state, user, param, "equipment", "Phương tiện").await?;
    let actor = user.actor();
    let page = state.antt.equipment().item(actor, unit, id).await?;
    let campuses = campuses_of(state, actor, unit).await?;
    let staff = staff_of(state, user, unit).await?;
    let item = &page.item.item;
    let today = antt_domain::time::local_date(state.antt.now());
    let d = |d: Option<NaiveDate>| d.map_or_else(|| "–".to_owned(), format_date);
    let layout = Layout {
        title: format!("{} – {}", item.code, item.name),
        ..layout
    };
    let foreign = layout.foreign;
    let when =
        |t: chrono::DateTime<chrono::Utc>| local_time(t).format("%H:%M %d/%m/%Y").to_string();
    Ok(ItemPage {
        camera: item.kind.is_camera(),
        dark_now: page.outages.iter().any(|o| o.until.is_none()),
        outages: page
            .outages
            .iter()
            .map(|o| OutageRow {
                from: when(o.from),
                until: o.until.map_or_else(|| "chưa có hình lại".to_owned(), when),
                cause: o.cause.clone(),
                by: o.recorded_by.clone(),
                open: o.until.is_none(),
            })
            .collect(),
        outage_href: layout.link(&format!("/equipment/{}/outages", item.id)),
        end_outage_href: layout.link(&format!("/equipment/{}/outages/end", item.id)),
        now: local_time(state.antt.now())
            .format("%Y-%m-%dT%H:%M")
            .to_string(),
        id: item.id.to_string(),
        record_href: layout.link(&format!("/equipment/{}/record", item.id)),
        check_href: layout.link(&format!("/equipment/{}/check", item.id)),
        edit_href: layout.link(&format!("/equipment/{}/edit", item.id)),
        checklist: question_rows(
            &state
                .antt
                .inspections()
                .checklist(actor, unit, item.kind)
                .await?,
        ),
        state_href: layout.link(&format!("/equipment/{}/state", item.id)),
        code: item.code.clone(),
        kind: i18n::equipment_kind(item.kind),
        name: item.name.clone(),
        place: place_of(&campuses, item),
        maker: item.maker.clone().unwrap_or_else(|| "–".into()),
        state: i18n::equipment_state(item.state),
        broken: item.state != EquipmentState::InService,
        dates: vec![
            ("Ngày sản xuất", d(item.made_on)),
            ("Ngày lắp đặt", d(item.installed_on)),
            ("Kiểm tra lần cuối", d(item.last_check)),
            ("Bảo dưỡng, nạp lần cuối", d(item.last_service)),
            ("Thử áp lực lần cuối", d(item.last_pressure_test)),
        ],
        due: page
            .item
            .due
            .dates()
            .into_iter()
            .map(|(w, day)| (i18n::due_what(w), format_date(day), day < today))
            .collect(),
        events: page
            .events
            .iter()
            .map(|e| EventRow {
                when: e.day.map_or_else(
                    || local_time(e.at).format("%d/%m/%Y").to_string(),
                    format_date,
                ),
                what: i18n::equipment_event(e.kind),
                note: e.note.clone(),
                by: e
                    .recorded_by
                    .clone()
                    .unwrap_or_else(|| "Người quét nhãn".into()),
                failed: matches!(
                    e.kind,
                    EquipmentEventKind::CheckFailed | EquipmentEventKind::FaultReported
                ),
            })
            .collect(),
        faults: fault_lines(&layout, &staff, today, &page.faults),
        inspect: actor.role.can(Capability::InspectEquipment) && !foreign,
        manage: actor.role.can(Capability::ManageEquipment) && !foreign,
        today: today.format("%Y-%m-%d").to_string(),
        owners: owner_choices(&staff),
        states: EquipmentState::ALL
            .iter()
            .map(|s| Choice::new(s.code(), i18n::equipment_state(*s), item.state.code()))
            .collect(),
        errors,
        layout,
    })
}

pub(crate) async fn item(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
) -> Result<ItemPage, WebError> {
    let id: EquipmentId = parse_id(&id)?;
    item_page(&state, &user, &q, id, FieldErrors::default()).await
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct RecordForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    note: String,
}

/// Records a check (in order or failed), a service or a pressure test.
pub(crate) async fn record(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
    Form(f): Form<RecordForm>,
) -> Result<Response, WebError> {
    let id: EquipmentId = parse_id(&id)?;
    let (unit, layout) = frame(&state, &user, &q, "equipment", "").await?;
    let result = match (
        EquipmentEventKind::parse(&f.kind),
        antt_domain::time::parse_date(&f.day),
    ) {
        (None, _) => Err(CoreError::invalid("kind", ErrorCode::Required)),
        (_, None) => Err(CoreError::invalid("day", ErrorCode::InvalidDate)),
        (Some(kind), Some(day)) => {
            state
                .antt
                .equipment()
                .record(user.actor(), unit, id, kind, day, &f.note)
                .await
        }
    };
    again_or(&state, &user, &q, &layout, id, result).await
}

/// The monthly self-check answered question by question: a "no" fails
/// it, naming what.
pub(crate) async fn check(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
    form: PhotoForm,
) -> Result<Response, WebError> {
    let id: EquipmentId = parse_id(&id)?;
    let (unit, layout) = frame(&state, &user, &q, "equipment", "").await?;
    let answers = answers_of(&form.fields);
    let result = match antt_domain::time::parse_date(form.value("day")) {
        None => Err(CoreError::invalid("day", ErrorCode::InvalidDate)),
        Some(day) => {
            state
                .antt
                .inspections()
                .check_item(
                    user.actor(),
                    unit,
                    id,
                    day,
                    &answers,
                    form.value("note"),
                    form.photo.clone(),
                )
                .await
        }
    };
    again_or(&state, &user, &q, &layout, id, result).await
}

/// One question of a checklist as a form shows it.
pub(crate) struct QuestionRow {
    pub(crate) field: String,
    pub(crate) text: String,
    pub(crate) number: bool,
    /// "1,2–1,6", "≥ 30"; empty when any number passes.
    pub(crate) range: String,
}

pub(crate) fn question_rows(questions: &[Question]) -> Vec<QuestionRow> {
    let n = |v: f64| format!("{v}").replace('.', ",");
    questions
        .iter()
        .enumerate()
        .map(|(i, q)| QuestionRow {
            field: format!("q{i}"),
            text: q.text.clone(),
            number: q.number.is_some(),
            range: match q.number.map(|r| (r.min, r.max)) {
                Some((Some(a), Some(b))) => format!("{}–{}", n(a), n(b)),
                Some((Some(a), None)) => format!("≥ {}", n(a)),
                Some((None, Some(b))) => format!("≤ {}", n(b)),
                _ => String::new(),
            },
        })
        .collect()
}

/// The answers of a checklist form, `q0`, `q1`… in order (blank where one
/// is missing, which the check refuses).
pub(crate) fn answers_of(pairs: &[(String, String)]) -> Vec<&str> {
    (0..antt_domain::inspection::MAX_QUESTIONS)
        .map(|n| {
            let key = format!("q{n}");
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map_or("", |(_, v)| v.as_str())
        })
        .collect()
}

/// After a form on an item's page: back to the page, or the page again
/// with what was refused.
async fn again_or(
    state: &AppState,
    user: &CurrentUser,
    q: &UnitParam,
    layout: &Layout,
    id: EquipmentId,
    result: Result<(), CoreError>,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(Redirect::to(&layout.link(&format!("/equipment/{id}"))).into_response()),
        Err(CoreError::Invalid(e)) => {
            let page = item_page(state, user, q, id, FieldErrors::from(&e)).await?;
            Ok(form_again(page))
        }
        Err(e) => Err(e.into()),
    }
}

/// Where a corrective action's form goes back to: its item's page, or
/// the page of the place's round that opened it.
enum Back {
    Item(EquipmentId),
    Round(antt_domain::InspectionScheduleId),
}

impl Back {
    fn of(item: &str, round: &str) -> Result<Self, WebError> {
        Ok(if round.trim().is_empty() {
            Self::Item(parse_id(item)?)
        } else {
            Self::Round(parse_id(round)?)
        })
    }

    async fn again_or(
        self,
        state: &AppState,
        user: &CurrentUser,
        q: &UnitParam,
        layout: &Layout,
        result: Result<(), CoreError>,
    ) -> Result<Response, WebError> {
        match self {
            Self::Item(id) => again_or(state, user, q, layout, id, result).await,
            Self::Round(id) => match result {
                Ok(()) => Ok(
                    Redirect::to(&layout.link(&format!("/equipment/rounds/{id}"))).into_response(),
                ),
                Err(CoreError::Invalid(e)) => {
                    let page = crate::views::inspections::round_page(
                        state,
                        user,
                        q,
                        id,
                        FieldErrors::from(&e),
                    )
                    .await?;
                    Ok(form_again(page))
                }
                Err(e) => Err(e.into()),
            },
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct OutageForm {
    #[serde(default)]
    from: String,
    #[serde(default)]
    until: String,
    #[serde(default)]
    cause: String,
}

/// Records a time a camera showed nothing.
pub(crate) async fn record_outage(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
    Form(f): Form<OutageForm>,
) -> Result<Response, WebError> {
    let id: EquipmentId = parse_id(&id)?;
    let (unit, layout) = frame(&state, &user, &q, "equipment", "").await?;
    let from = antt_domain::time::parse_local_time(&f.from);
    let until = match f.until.trim() {
        "" => Ok(None),
        u => antt_domain::time::parse_local_time(u)
            .map(Some)
            .ok_or_else(|| CoreError::invalid("until", ErrorCode::InvalidDate)),
    };
    let result = match (from, until) {
        (None, _) => Err(CoreError::invalid("from", ErrorCode::InvalidDate)),
        (_, Err(e)) => Err(e),
        (Some(from), Ok(until)) => {
            state
                .antt
                .equipment()
                .record_outage(user.actor(), unit, id, from, until, &f.cause)
                .await
        }
    };
    again_or(&state, &user, &q, &layout, id, result).await
}

/// The camera shows again.
pub(crate) async fn end_outage(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
) -> Result<Response, WebError> {
    let id: EquipmentId = parse_id(&id)?;
    let (unit, layout) = frame(&state, &user, &q, "equipment", "").await?;
    let result = state
        .antt
        .equipment()
        .end_outage(user.actor(), unit, id)
        .await;
    again_or(&state, &user, &q, &layout, id, result).await
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct StateForm {
    #[serde(default)]
    state: String,
    #[serde(default)]
    note: String,
}

pub(crate) async fn set_state(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
    Form(f): Form<StateForm>,
) -> Result<Response, WebError> {
    let id: EquipmentId = parse_id(&id)?;
    let (unit, layout) = frame(&state, &user, &q, "equipment", "").await?;
    let result = match EquipmentState::parse(&f.state) {
        None => Err(CoreError::invalid("state", ErrorCode::Required)),
        Some(s) => {
            state
                .antt
                .equipment()
                .set_state(user.actor(), unit, id, s, &f.note)
                .await
        }
    };
    again_or(&state, &user, &q, &layout, id, result).await
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct CloseForm {
    #[serde(default)]
    item: String,
    /// A place's action: the round's schedule, to go back to.
    #[serde(default)]
    round: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    note: String,
}

/// Closes a fault: set right, or not a fault.
pub(crate) async fn close_fault(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
    Form(f): Form<CloseForm>,
) -> Result<Response, WebError> {
    let fault: EquipmentFaultId = parse_id(&id)?;
    let back = Back::of(&f.item, &f.round)?;
    let (unit, layout) = frame(&state, &user, &q, "equipment", "").await?;
    let outcome = FaultState::parse(&f.outcome).unwrap_or(FaultState::Fixed);
    let result = state
        .antt
        .equipment()
        .close_fault(user.actor(), unit, fault, outcome, &f.note)
        .await;
    back.again_or(&state, &user, &q, &layout, result).await
}

/// A fault: its item's page, at the fault.
pub(crate) async fn fault(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
) -> Result<Response, WebError> {
    let id: EquipmentFaultId = parse_id(&id)?;
    let (unit, layout) = frame(&state, &user, &q, "equipment", "").await?;
    let f = state.antt.equipment().fault(user.actor(), unit, id).await?;
    let page = match (f.equipment_id, f.schedule_id) {
        (Some(item), _) => format!("/equipment/{item}"),
        (None, Some(round)) => format!("/equipment/rounds/{round}"),
        (None, None) => "/equipment".to_owned(),
    };
    Ok(Redirect::to(&format!("{}#fault-{id}", layout.link(&page))).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct AssignForm {
    #[serde(default)]
    item: String,
    /// A place's action: the round's schedule, to go back to.
    #[serde(default)]
    round: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    due_on: String,
}

/// Gives a fault to who must set it right, by a day.
pub(crate) async fn assign_fault(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
    Form(f): Form<AssignForm>,
) -> Result<Response, WebError> {
    let fault: EquipmentFaultId = parse_id(&id)?;
    let back = Back::of(&f.item, &f.round)?;
    let (unit, layout) = frame(&state, &user, &q, "equipment", "").await?;
    let owner = match f.owner.trim() {
        "" => Ok(None),
        o => o
            .parse::<antt_domain::PersonId>()
            .map(Some)
            .map_err(|_| CoreError::invalid("owner", ErrorCode::NotFound)),
    };
    let result = match (owner, antt_domain::time::parse_date(&f.due_on)) {
        (Err(e), _) => Err(e),
        (_, None) => Err(CoreError::invalid("due_on", ErrorCode::InvalidDate)),
        (Ok(owner), Some(due)) => {
            state
                .antt
                .equipment()
                .assign_fault(user.actor(), unit, fault, owner, due)
                .await
        }
    };
    back.again_or(&state, &user, &q, &layout, result).await
}

pub(crate) async fn fault_photo(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
) -> Result<Response, WebError> {
    let fault: EquipmentFaultId = parse_id(&id)?;
    let (unit, _) = frame(&state, &user, &q, "equipment", "").await?;
    let bytes = state
        .antt
        .equipment()
        .fault_photo(user.actor(), unit, fault)
        .await?;
    Ok(crate::views::private_jpeg(bytes))
}

#[derive(Template, WebTemplate)]
#[template(path = "equipment/import.html")]
pub(crate) struct ImportPage {
    layout: Layout,
    /// What the last file gave: a sentence, and the problems by row.
    outcome: Option<String>,
    problems: Vec<String>,
    dry_run: bool,
}

/// The form to import the register from Excel or CSV.
pub(crate) async fn import_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
) -> Result<ImportPage, WebError> {
    let (_, layout) = frame(&state, &user, &q, "equipment", "Nhập sổ phương tiện").await?;
    if !user.actor().role.can(Capability::ManageEquipment) {
        return Err(CoreError::Forbidden.into());
    }
    Ok(ImportPage {
        layout,
        outcome: None,
        problems: Vec::new(),
        dry_run: true,
    })
}

/// Imports the register: all rows or none, the problems named by row and
/// column; with "chỉ kiểm tra" nothing is written.
pub(crate) async fn import(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "equipment", "Nhập sổ phương tiện").await?;
    let mut upload = match Upload::read(multipart).await {
        Ok(u) => u,
        Err(e) => {
            return Ok(form_again(ImportPage {
                layout,
                outcome: e
                    .iter()
                    .next()
                    .map(|e| i18n::field_error(e.field, e.code).to_owned()),
                problems: Vec::new(),
                dry_run: true,
            }));
        }
    };
    let dry_run = upload.has("dry_run");
    let Some(file) = upload.take_file("file") else {
        return Ok(form_again(ImportPage {
            layout,
            outcome: Some("Hãy chọn tệp Excel hoặc CSV của sổ phương tiện.".into()),
            problems: Vec::new(),
            dry_run,
        }));
    };
    let result = state
        .antt
        .equipment()
        .import(user.actor(), unit, &file.name, file.bytes, dry_run)
        .await;
    match result {
        Ok(r) if r.problems.is_empty() && r.added > 0 => Ok(Redirect::to(
            &layout.link(&format!("/equipment?imported={}", r.added)),
        )
        .into_response()),
        Ok(r) => {
            let outcome = if !r.problems.is_empty() {
                format!(
                    "Chưa nhập: tệp có {} lỗi. Sửa các dòng dưới đây rồi gửi lại; chưa có dòng nào được ghi.",
                    r.problems.len()
                )
            } else if r.items.is_empty() {
                "Tệp không có dòng phương tiện nào.".to_owned()
            } else {
                format!(
                    "Tệp đọc được {} phương tiện, không có lỗi. Bỏ ô “Chỉ kiểm tra” và gửi lại để nhập.",
                    r.items.len()
                )
            };
            let page = ImportPage {
                layout,
                outcome: Some(outcome),
                problems: r.problems.iter().map(i18n::import_problem_line).collect(),
                dry_run,
            };
            Ok(if r.problems.is_empty() {
                page.into_response()
            } else {
                form_again(page)
            })
        }
        Err(CoreError::Invalid(e)) => Ok(form_again(ImportPage {
            layout,
            outcome: e
                .iter()
                .next()
                .map(|e| i18n::field_error(e.field, e.code).to_owned()),
            problems: Vec::new(),
            dry_run,
        })),
        Err(e) => Err(e.into()),
    }
}

/// The labels of the items ticked (all in use when none), Word or PDF.
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
    let (unit, _) = frame(&state, &user, &param, "equipment", "").await?;
    let ids: Vec<EquipmentId> = pairs
        .iter()
        .filter(|(k, _)| k == "id")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let pdf = pairs.iter().any(|(k, v)| k == "format" && v == "pdf");
    let file = state
        .antt
        .equipment()
        .labels(user.actor(), unit, &base, &ids, pdf)
        .await?;
    Ok(super::download(file))
}

pub(crate) async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q, "equipment", "").await?;
    let file = state.antt.equipment().export(user.actor(), unit).await?;
    Ok(super::download(file))
}

#[derive(Template, WebTemplate)]
#[template(path = "equipment/public.html")]
pub(crate) struct PublicPage {
    item: PublicItem,
    kind: &'static str,
    label: String,
    once: String,
    description: String,
    errors: FieldErrors,
    sent: bool,
}

fn no_store(page: impl IntoResponse) -> Response {
    let mut r = page.into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

async fn public_page(state: &AppState, label: &str) -> Result<PublicPage, WebError> {
    let item = state.antt.equipment().public_item(label).await?;
    Ok(PublicPage {
        kind: i18n::equipment_kind(item.kind),
        item,
        label: label.to_owned(),
        once: antt_core::auth::random_token(),
        description: String::new(),
        errors: FieldErrors::default(),
        sent: false,
    })
}

/// The page a label opens: the item, and the one-step fault report.
pub(crate) async fn public(
    State(state): State<AppState>,
    Path(label): Path<String>,
) -> Result<Response, WebError> {
    Ok(no_store(public_page(&state, &label).await?))
}

/// A label scanned by staff who are signed in: the item's page, to see
/// its history and record a check.
pub(crate) async fn by_label(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(label): Path<String>,
) -> Result<Response, WebError> {
    let (unit, id) = state
        .antt
        .equipment()
        .item_by_label(user.actor(), &label)
        .await?;
    let scope = if user.actor().unit_id == Some(unit) {
        String::new()
    } else {
        format!("?unit={unit}")
    };
    Ok(Redirect::to(&format!("/equipment/{id}{scope}")).into_response())
}

/// A fault reported from a label, with or without an account.
pub(crate) async fn report(
    State(state): State<AppState>,
    Path(label): Path<String>,
    flood: FloodKey,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let mut page = public_page(&state, &label).await?;
    let mut upload = match Upload::read(multipart).await {
        Ok(u) => u,
        Err(e) => {
            let code = e.for_field("file").unwrap_or(ErrorCode::IncompleteUpload);
            page.errors = FieldErrors::from(&ValidationErrors::single("photos", code));
            return Ok(no_store(form_again(page)));
        }
    };
    let field = |name: &str| {
        upload
            .fields()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_owned())
            .unwrap_or_default()
    };
    let description = field("description");
    let once = field("_once");
    let photo = upload
        .take_files("photo")
        .into_iter()
        .next()
        .map(|f| f.bytes);
    let submission = Submission::new(&once);
    let result = state
        .antt
        .equipment()
        .report_fault(
            &label,
            None,
            &description,
            photo,
            flood.0.as_deref(),
            submission.as_ref(),
        )
        .await;
    match result {
        Ok(_) | Err(CoreError::AlreadyDone(_)) => {
            page.sent = true;
            Ok(no_store(page))
        }
        Err(CoreError::Invalid(e)) => {
            page.errors = FieldErrors::from(&e);
            page.description = description;
            Ok(no_store(form_again(page)))
        }
        Err(CoreError::TooManyAttempts) => Ok(crate::error::error_page(
            StatusCode::TOO_MANY_REQUESTS,
            "Gửi quá nhiều lần",
            "Thiết bị này đã báo quá nhiều lần trong ít phút. Hãy đợi rồi thử lại, hoặc báo trực tiếp cho bảo vệ.",
        )),
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct IntervalForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    check_days: String,
    #[serde(default)]
    service_months: String,
    #[serde(default)]
    pressure_test_years: String,
}

/// Sets a kind's intervals for the unit (blank turns one off).
pub(crate) async fn set_intervals(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
    Form(f): Form<IntervalForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "equipment", "").await?;
    let kind = antt_domain::equipment::EquipmentKind::parse(&f.kind)
        .ok_or(WebError(CoreError::NotFound))?;
    let mut errors = ValidationErrors::new();
    let mut number = |field: &'static str, text: &str| -> Option<u32> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        t.parse::<u32>().map_or_else(
            |_| {
                errors.add(field, ErrorCode::Invalid);
                None
            },
            Some,
        )
    };
    let intervals = antt_domain::equipment::Intervals {
        check_days: number("check_days", &f.check_days),
        service_months: number("service_months", &f.service_months),
        pressure_test_years: number("pressure_test_years", &f.pressure_test_years),
    };
    let result = if errors.is_empty() {
        state
            .antt
            .equipment()
            .set_intervals(user.actor(), unit, kind, intervals)
            .await
    } else {
        Err(CoreError::Invalid(errors))
    };
    match result {
        Ok(()) => {
            Ok(Redirect::to(&format!("{}#intervals", layout.link("/equipment"))).into_response())
        }
        Err(CoreError::Invalid(e)) => Err(WebError(CoreError::Invalid(e))),
        Err(e) => Err(e.into()),
    }
}

/// An item's fields as typed in the form.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ItemForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    campus: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    maker: String,
    #[serde(default)]
    made_on: String,
    #[serde(default)]
    installed_on: String,
    #[serde(default)]
    last_check: String,
    #[serde(default)]
    last_service: String,
    #[serde(default)]
    last_pressure_test: String,
    #[serde(default)]
    expires_on: String,
    #[serde(default)]
    note: String,
}

impl ItemForm {
    fn of(i: &antt_domain::equipment::Equipment) -> Self {
        let d =
            |d: Option<NaiveDate>| d.map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string());
        Self {
            code: i.code.clone(),
            kind: i.kind.code().to_owned(),
            name: i.name.clone(),
            campus: i.campus_id.map_or_else(String::new, |c| c.to_string()),
            place: i.place.clone(),
            maker: i.maker.clone().unwrap_or_default(),
            made_on: d(i.made_on),
            installed_on: d(i.installed_on),
            last_check: d(i.last_check),
            last_service: d(i.last_service),
            last_pressure_test: d(i.last_pressure_test),
            expires_on: d(i.expires_on),
            note: i.note.clone().unwrap_or_default(),
        }
    }

    fn parse(
        &self,
        today: NaiveDate,
    ) -> Result<antt_domain::equipment::EquipmentInput, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let campus = errors.parse_optional::<antt_domain::CampusId>("campus", Some(&self.campus));
        let input = antt_domain::equipment::EquipmentInput::parse(
            campus,
            &antt_domain::equipment::EquipmentText {
                code: &self.code,
                kind: &self.kind,
                name: &self.name,
                place: &self.place,
                maker: &self.maker,
                made_on: &self.made_on,
                installed_on: &self.installed_on,
                last_check: &self.last_check,
                last_service: &self.last_service,
                last_pressure_test: &self.last_pressure_test,
                expires_on: &self.expires_on,
                note: &self.note,
            },
            today,
        );
        match input {
            Ok(i) if errors.is_empty() => Ok(i),
            Ok(_) => Err(errors),
            Err(e) => {
                for x in e.iter() {
                    errors.add(x.field, x.code);
                }
                Err(errors)
            }
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "equipment/edit.html")]
pub(crate) struct EditPage {
    layout: Layout,
    action: String,
    form: ItemForm,
    kinds: Vec<Choice>,
    campuses: Vec<Choice>,
    errors: FieldErrors,
    new: bool,
}

async fn edit_page(
    state: &AppState,
    user: &CurrentUser,
    q: &UnitParam,
    id: Option<EquipmentId>,
    form: Option<ItemForm>,
    errors: FieldErrors,
) -> Result<EditPage, WebError> {
    let title = if id.is_some() {
        "Sửa phương tiện"
    } else {
        "Thêm phương tiện"
    };
    let (unit, layout) = frame(state, user, q, "equipment", title).await?;
    let actor = user.actor();
    let form = match (form, id) {
        (Some(f), _) => f,
        (None, Some(id)) => ItemForm::of(
            &state
                .antt
                .equipment()
                .item(actor, unit, id)
                .await?
                .item
                .item,
        ),
        (None, None) => ItemForm {
            kind: "powder_extinguisher".into(),
            ..ItemForm::default()
        },
    };
    let campuses = campuses_of(state, actor, unit).await?;
    Ok(EditPage {
        action: layout.link(&match id {
            Some(id) => format!("/equipment/{id}/edit"),
            None => "/equipment/new".to_owned(),
        }),
        kinds: antt_domain::equipment::EquipmentKind::ALL
            .iter()
            .map(|k| Choice::new(k.code(), i18n::equipment_kind(*k), &form.kind))
            .collect(),
        campuses: Choice::optional(
            campuses.iter().map(|c| (c.id, c.name.clone())),
            Some(&form.campus),
        ),
        new: id.is_none(),
        form,
        errors,
        layout,
    })
}

pub(crate) async fn new_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
) -> Result<EditPage, WebError> {
    edit_page(&state, &user, &q, None, None, FieldErrors::default()).await
}

pub(crate) async fn add(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
    Form(f): Form<ItemForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "equipment", "").await?;
    let today = antt_domain::time::local_date(state.antt.now());
    let result = match f.parse(today) {
        Ok(input) => state.antt.equipment().add(user.actor(), unit, input).await,
        Err(e) => Err(CoreError::Invalid(e)),
    };
    match result {
        Ok(id) => Ok(Redirect::to(&layout.link(&format!("/equipment/{id}"))).into_response()),
        Err(CoreError::Invalid(e)) => Ok(form_again(
            edit_page(&state, &user, &q, None, Some(f), FieldErrors::from(&e)).await?,
        )),
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn edit_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
) -> Result<EditPage, WebError> {
    let id: EquipmentId = parse_id(&id)?;
    edit_page(&state, &user, &q, Some(id), None, FieldErrors::default()).await
}

pub(crate) async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
    Form(f): Form<ItemForm>,
) -> Result<Response, WebError> {
    let id: EquipmentId = parse_id(&id)?;
    let (unit, layout) = frame(&state, &user, &q, "equipment", "").await?;
    let today = antt_domain::time::local_date(state.antt.now());
    let result = match f.parse(today) {
        Ok(input) => {
            state
                .antt
                .equipment()
                .update(user.actor(), unit, id, input)
                .await
        }
        Err(e) => Err(CoreError::Invalid(e)),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&layout.link(&format!("/equipment/{id}"))).into_response()),
        Err(CoreError::Invalid(e)) => Ok(form_again(
            edit_page(&state, &user, &q, Some(id), Some(f), FieldErrors::from(&e)).await?,
        )),
        Err(e) => Err(e.into()),
    }
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::extract::DefaultBodyLimit;
    use axum::routing::{get, post};

    use crate::limits;
    crate::routes::Routes::new()
        .route("/equipment", get(register))
        .route("/equipment/labels", get(labels))
        .route("/equipment/import", get(import_form).post(import))
        .route("/equipment/new", get(new_form).post(add))
        .route("/equipment/intervals", post(set_intervals))
        .route("/equipment/{id}/edit", get(edit_form).post(edit))
        .route("/equipment/export", get(export))
        .route("/equipment/{id}", get(item))
        .route("/equipment/{id}/record", post(record))
        .route("/equipment/{id}/check", post(check))
        .route("/equipment/{id}/outages", post(record_outage))
        .route("/equipment/{id}/outages/end", post(end_outage))
        .route("/equipment/{id}/state", post(set_state))
        .route("/equipment/faults/{id}", get(fault))
        .route("/equipment/faults/{id}/close", post(close_fault))
        .route("/equipment/faults/{id}/assign", post(assign_fault))
        .route("/equipment/faults/{id}/photo", get(fault_photo))
        .route("/equipment/label/{label}", get(by_label))
        .route(
            "/e/{label}",
            get(public)
                .post(report)
                .layer(DefaultBodyLimit::max(limits::UPLOAD_BODY)),
        )
}
