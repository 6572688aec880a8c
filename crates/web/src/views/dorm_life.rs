//! The dormitories' days: the visitor log of the board member on duty,
//! room checks done on a phone (item by item, photos, breaches), a check
//! read back, and the month's ranking of rooms with the rooms due.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;

use antt_core::CoreError;
use antt_core::dorm::checks::{CheckForm, CheckLine, MAX_CHECK_PHOTOS, month_of};
use antt_core::dorm::visits::{VisitForm, VisitLine};
use antt_domain::dorm_check::{checklist_text, format_per_mille};
use antt_domain::incident::Discipline;
use antt_domain::time::{format_date, local_date, vietnam};
use antt_domain::visitor::DocumentKind;
use antt_domain::{DormVisitId, ErrorCode, RoomCheckId, RoomId, ValidationErrors};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, Form, Upload, form_again};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;

fn clock(at: DateTime<Utc>) -> String {
    at.with_timezone(&vietnam()).format("%H:%M").to_string()
}

fn parse_day(text: Option<&str>) -> Option<NaiveDate> {
    text.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct DayParams {
    unit: Option<String>,
    day: Option<String>,
}

impl DayParams {
    fn unit(&self) -> UnitParam {
        UnitParam {
            unit: self.unit.clone(),
        }
    }
}

pub(crate) struct VisitRow {
    id: String,
    name: String,
    relation: String,
    document: String,
    resident: String,
    code: String,
    room: String,
    arrived: String,
    left: Option<String>,
}

fn visit_row(v: &VisitLine) -> VisitRow {
    VisitRow {
        id: v.visit.id.to_string(),
        name: v.visit.name.clone(),
        relation: v.visit.relation.clone(),
        document: match (v.visit.document, v.visit.document_number.as_str()) {
            (Some(d), "") => i18n::document_kind(d).to_owned(),
            (Some(d), n) => format!("{} …{n}", i18n::document_kind(d)),
            (None, _) => "–".to_owned(),
        },
        resident: v
            .resident
            .as_ref()
            .map(|p| p.full_name.clone())
            .unwrap_or_default(),
        code: v
            .resident
            .as_ref()
            .map(|p| p.code.clone())
            .unwrap_or_default(),
        room: v.room.clone(),
        arrived: clock(v.visit.arrived_at),
        left: v.visit.left_at.map(clock),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "dorm/visits.html")]
pub(crate) struct VisitsPage {
    layout: Layout,
    day_label: String,
    previous: String,
    next: Option<String>,
    today: bool,
    board: bool,
    closing: String,
    full_numbers: bool,
    documents: Vec<Choice>,
    /// (code, "name – room") of everyone living in the dormitories.
    residents: Vec<(String, String)>,
    inside: Vec<VisitRow>,
    inside_at_closing: Vec<VisitRow>,
    visits: Vec<VisitRow>,
    form: VisitForm,
    errors: FieldErrors,
}

async fn visits_page(
    state: &AppState,
    user: &CurrentUser,
    q: &DayParams,
    form: VisitForm,
    errors: FieldErrors,
) -> Result<VisitsPage, WebError> {
    let (unit, layout) = frame(state, user, &q.unit(), "dorm", "Khách thăm ký túc xá").await?;
    let actor = user.actor();
    let dorms = state.antt.dorms();
    let now = state.antt.now();
    let today = local_date(now);
    let day = parse_day(q.day.as_deref())
        .filter(|d| *d <= today)
        .unwrap_or(today);
    let s = dorms.standing(actor, unit).await?;
    let v = dorms.visits(actor, unit, day).await?;
    let board = s.board && !layout.foreign;
    let residents = if board && day == today {
        dorms
            .residents(actor, unit)
            .await?
            .into_iter()
            .map(|(r, room)| {
                (
                    r.person.code.clone(),
                    format!("{} – phòng {}", r.person.full_name, room.name),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let link = |d: NaiveDate| layout.link(&format!("/dorm/visits?day={d}"));
    Ok(VisitsPage {
        day_label: format_date(day),
        previous: link(day - Duration::days(1)),
        next: (day < today).then(|| link(day + Duration::days(1))),
        today: day == today,
        board,
        closing: v.closing.format("%H:%M").to_string(),
        full_numbers: v.full_numbers,
        documents: DocumentKind::ALL
            .iter()
            .map(|d| Choice {
                value: d.code().to_owned(),
                label: i18n::document_kind(*d).to_owned(),
                selected: form.document == d.code(),
            })
            .collect(),
        residents,
        inside: v
            .visits
            .iter()
            .filter(|x| x.visit.left_at.is_none())
            .map(visit_row)
            .collect(),
        inside_at_closing: v.inside_at_closing().map(visit_row).collect(),
        visits: v.visits.iter().map(visit_row).collect(),
        form,
        errors,
        layout,
    })
}

/// The visitor log of a day.
pub(crate) async fn visits(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<DayParams>,
) -> Result<VisitsPage, WebError> {
    visits_page(
        &state,
        &user,
        &q,
        VisitForm::default(),
        FieldErrors::default(),
    )
    .await
}

/// The forms of the visitor log, told apart by `action`.
#[derive(Debug, Deserialize)]
pub(crate) struct VisitPost {
    action: String,
    #[serde(default)]
    resident: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    relation: String,
    #[serde(default)]
    document: String,
    #[serde(default)]
    number: String,
    #[serde(default)]
    visit: String,
    #[serde(default)]
    closing_time: String,
}

pub(crate) async fn visits_post(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<DayParams>,
    Form(f): Form<VisitPost>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "dorm", "Khách thăm ký túc xá").await?;
    let actor = user.actor();
    let dorms = state.antt.dorms();
    let form = VisitForm {
        resident: f.resident,
        name: f.name,
        relation: f.relation,
        document: f.document,
        number: f.number,
    };
    let result = match f.action.as_str() {
        "admit" => dorms.admit_visitor(actor, unit, &form).await.map(|_| ()),
        "left" => {
            let id: DormVisitId = parse_id(&f.visit)?;
            dorms.visitor_left(actor, unit, id).await
        }
        "settings" => {
            dorms
                .save_visits_closing(actor, unit, &f.closing_time)
                .await
        }
        _ => Err(CoreError::NotFound),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&layout.link("/dorm/visits")).into_response()),
        Err(CoreError::Invalid(e)) => Ok(form_again(
            visits_page(&state, &user, &q, form, FieldErrors::from(&e)).await?,
        )),
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct MonthParams {
    unit: Option<String>,
    /// "2026-11".
    month: Option<String>,
}

pub(crate) struct RankRow {
    place: u32,
    room: String,
    href: String,
    checks: u32,
    average: String,
    absences: u32,
    breaches: u32,
    /// "ok" for the first three places, "danger" under half marks.
    state: &'static str,
}

pub(crate) struct DueRow {
    room: String,
    href: String,
    last: String,
    due: String,
    overdue: bool,
}

pub(crate) struct CheckRow {
    href: String,
    room: String,
    day: String,
    score: String,
    failed: Vec<String>,
    by: String,
    breaches: Vec<String>,
    photos: u8,
}

fn check_row(c: &CheckLine, layout: &Layout) -> CheckRow {
    CheckRow {
        href: layout.link(&format!("/dorm/checks/{}", c.check.id)),
        room: c.room.clone(),
        day: format_date(c.check.day),
        score: format!("{}/{}", c.check.score(), c.check.out_of()),
        failed: c.check.failed().map(|a| a.text.clone()).collect(),
        by: c.check.checked_by.clone(),
        breaches: c
            .breaches
            .iter()
            .map(|(p, _)| p.full_name.clone())
            .collect(),
        photos: c.check.photos,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "dorm/checks.html")]
pub(crate) struct ChecksPage {
    layout: Layout,
    month_label: String,
    previous: String,
    next: Option<String>,
    board: bool,
    ranking: Vec<RankRow>,
    due: Vec<DueRow>,
    checks: Vec<CheckRow>,
    every_days: String,
    checklist: String,
    points: u32,
    errors: FieldErrors,
}

fn parse_month(text: Option<&str>) -> Option<NaiveDate> {
    text.and_then(|m| NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").ok())
}

async fn checks_page(
    state: &AppState,
    user: &CurrentUser,
    q: &MonthParams,
    typed: Option<(String, String)>,
    errors: FieldErrors,
) -> Result<ChecksPage, WebError> {
    let scope = UnitParam {
        unit: q.unit.clone(),
    };
    let (unit, layout) = frame(state, user, &scope, "dorm", "Kiểm tra phòng ở").await?;
    let actor = user.actor();
    let dorms = state.antt.dorms();
    let today = local_date(state.antt.now());
    let month = parse_month(q.month.as_deref())
        .filter(|m| *m <= today)
        .unwrap_or_else(|| month_of(today));
    let s = dorms.standing(actor, unit).await?;
    let m = dorms.checks(actor, unit, month).await?;
    let link = |d: NaiveDate| layout.link(&format!("/dorm/checks?month={}", d.format("%Y-%m")));
    let (every_days, checklist) = typed.unwrap_or_else(|| {
        (
            m.settings.every_days.to_string(),
            checklist_text(&m.settings.checklist),
        )
    });
    Ok(ChecksPage {
        month_label: m.month.format("%m/%Y").to_string(),
        previous: link(
            m.month
                .checked_sub_months(chrono::Months::new(1))
                .unwrap_or(m.month),
        ),
        next: (m.month < month_of(today)).then(|| {
            link(
                m.month
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap_or(m.month),
            )
        }),
        board: s.board && !layout.foreign,
        ranking: m
            .ranking
            .iter()
            .map(|(r, label)| RankRow {
                place: r.place,
                room: label.clone(),
                href: layout.link(&format!("/dorm/rooms/{}", r.room_id)),
                checks: r.checks,
                average: format_per_mille(r.average),
                absences: r.absences,
                breaches: r.breaches,
                state: if r.place <= 3 {
                    "ok"
                } else if r.average < 500 {
                    "danger"
                } else {
                    ""
                },
            })
            .collect(),
        due: m
            .due
            .iter()
            .map(|d| DueRow {
                room: d.label.clone(),
                href: layout.link(&format!("/dorm/rooms/{}/check", d.room.id)),
                last: d.last.map(format_date).unwrap_or_default(),
                due: format_date(d.due),
                overdue: d.due < m.today,
            })
            .collect(),
        checks: m.checks.iter().map(|c| check_row(c, &layout)).collect(),
        points: m
            .settings
            .checklist
            .iter()
            .map(|i| u32::from(i.points))
            .sum(),
        every_days,
        checklist,
        errors,
        layout,
    })
}

/// The month's ranking of rooms, the rooms due and the checks made.
pub(crate) async fn checks(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<MonthParams>,
) -> Result<ChecksPage, WebError> {
    checks_page(&state, &user, &q, None, FieldErrors::default()).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct CheckSettingsPost {
    #[serde(default)]
    every_days: String,
    #[serde(default)]
    checklist: String,
}

/// Saves how often rooms are checked and the checklist.
pub(crate) async fn checks_post(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<MonthParams>,
    Form(f): Form<CheckSettingsPost>,
) -> Result<Response, WebError> {
    let scope = UnitParam {
        unit: q.unit.clone(),
    };
    let (unit, layout) = frame(&state, &user, &scope, "dorm", "Kiểm tra phòng ở").await?;
    match state
        .antt
        .dorms()
        .save_check_settings(user.actor(), unit, &f.every_days, &f.checklist)
        .await
    {
        Ok(()) => Ok(Redirect::to(&layout.link("/dorm/checks")).into_response()),
        Err(CoreError::Invalid(e)) => Ok(form_again(
            checks_page(
                &state,
                &user,
                &q,
                Some((f.every_days, f.checklist)),
                FieldErrors::from(&e),
            )
            .await?,
        )),
        Err(e) => Err(e.into()),
    }
}

pub(crate) struct ItemRow {
    index: usize,
    text: String,
    points: u8,
    failed: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "dorm/check_form.html")]
pub(crate) struct CheckFormPage {
    layout: Layout,
    action: String,
    room: String,
    back: String,
    day: String,
    items: Vec<ItemRow>,
    /// (code, name) of the room's residents.
    residents: Vec<(String, String)>,
    breach: Vec<String>,
    disciplines: Vec<Choice>,
    note: String,
    max_photos: usize,
    errors: FieldErrors,
}

async fn check_form_page(
    state: &AppState,
    user: &CurrentUser,
    q: &UnitParam,
    room: RoomId,
    typed: Option<&CheckForm>,
    errors: FieldErrors,
) -> Result<CheckFormPage, WebError> {
    let (unit, layout) = frame(state, user, q, "dorm", "Kiểm tra phòng").await?;
    let actor = user.actor();
    let dorms = state.antt.dorms();
    let v = dorms.room(actor, unit, room).await?;
    let settings = dorms.check_settings(actor, unit).await?;
    let today = local_date(state.antt.now());
    let failed = typed.map(|f| f.failed.clone()).unwrap_or_default();
    let breach = typed.map(|f| f.breach.clone()).unwrap_or_default();
    let discipline = typed.map(|f| f.discipline.clone()).unwrap_or_default();
    Ok(CheckFormPage {
        action: layout.link(&format!("/dorm/rooms/{room}/check")),
        room: format!("{} – {}", v.building.name, v.room.name),
        back: layout.link(&format!("/dorm/rooms/{room}")),
        day: typed
            .map(|f| f.day.clone())
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| today.to_string()),
        items: settings
            .checklist
            .iter()
            .enumerate()
            .map(|(index, i)| ItemRow {
                index,
                text: i.text.clone(),
                points: i.points,
                failed: failed.contains(&index),
            })
            .collect(),
        residents: v
            .residents
            .iter()
            .map(|r| (r.person.code.clone(), r.person.full_name.clone()))
            .collect(),
        breach,
        disciplines: [
            Discipline::Reminder,
            Discipline::Reprimand,
            Discipline::Warning,
        ]
        .iter()
        .map(|d| Choice {
            value: d.code().to_owned(),
            label: i18n::discipline(*d).to_owned(),
            selected: discipline == d.code(),
        })
        .collect(),
        note: typed.map(|f| f.note.clone()).unwrap_or_default(),
        max_photos: MAX_CHECK_PHOTOS,
        errors,
        layout,
    })
}

/// The check form of a room, for the phone.
pub(crate) async fn check_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
) -> Result<CheckFormPage, WebError> {
    let room: RoomId = parse_id(&id)?;
    check_form_page(&state, &user, &q, room, None, FieldErrors::default()).await
}

/// Records a check (multipart: the answers, the note, photos, breaches).
pub(crate) async fn record_check(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let room: RoomId = parse_id(&id)?;
    let (unit, layout) = frame(&state, &user, &q, "dorm", "Kiểm tra phòng").await?;
    let mut upload = match Upload::read(multipart).await {
        Ok(u) => u,
        Err(e) => {
            let code = e.for_field("file").unwrap_or(ErrorCode::IncompleteUpload);
            let errors = ValidationErrors::single("photos", code);
            return Ok(form_again(
                check_form_page(&state, &user, &q, room, None, FieldErrors::from(&errors)).await?,
            ));
        }
    };
    let failed = upload
        .fields()
        .filter_map(|(k, v)| {
            k.strip_prefix("item_")
                .filter(|_| v == "failed")
                .and_then(|i| i.parse::<usize>().ok())
        })
        .collect();
    let form = CheckForm {
        day: upload.text("day").to_owned(),
        failed,
        note: upload.text("note").to_owned(),
        photos: Vec::new(),
        breach: upload
            .fields()
            .filter(|(k, _)| *k == "breach")
            .map(|(_, v)| v.to_owned())
            .collect(),
        discipline: upload.text("discipline").to_owned(),
    };
    let photos = upload
        .take_files("photos")
        .into_iter()
        .map(|f| f.bytes)
        .collect();
    let sent = CheckForm {
        photos,
        ..form.clone()
    };
    match state
        .antt
        .dorms()
        .record_check(user.actor(), unit, room, sent)
        .await
    {
        Ok(check) => {
            Ok(Redirect::to(&layout.link(&format!("/dorm/checks/{check}"))).into_response())
        }
        Err(CoreError::Invalid(e)) => Ok(form_again(
            check_form_page(&state, &user, &q, room, Some(&form), FieldErrors::from(&e)).await?,
        )),
        Err(e) => Err(e.into()),
    }
}

pub(crate) struct AnswerRow {
    text: String,
    points: u8,
    passed: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "dorm/check.html")]
pub(crate) struct CheckPage {
    layout: Layout,
    room: String,
    room_href: String,
    day: String,
    score: u32,
    out_of: u32,
    answers: Vec<AnswerRow>,
    note: String,
    by: String,
    at: String,
    photos: Vec<String>,
    /// (name, code) of the residents a violation was recorded against.
    breaches: Vec<(String, String)>,
    violations: Option<String>,
}

/// A check read back.
pub(crate) async fn check(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
) -> Result<CheckPage, WebError> {
    let id: RoomCheckId = parse_id(&id)?;
    let (unit, layout) = frame(&state, &user, &q, "dorm", "Kết quả kiểm tra phòng").await?;
    let actor = user.actor();
    let c = state.antt.dorms().check(actor, unit, id).await?;
    let s = state.antt.dorms().standing(actor, unit).await?;
    Ok(CheckPage {
        room: c.room.clone(),
        room_href: layout.link(&format!("/dorm/rooms/{}", c.check.room_id)),
        day: format_date(c.check.day),
        score: c.check.score(),
        out_of: c.check.out_of(),
        answers: c
            .check
            .answers
            .iter()
            .map(|a| AnswerRow {
                text: a.text.clone(),
                points: a.points,
                passed: a.passed,
            })
            .collect(),
        note: c.check.note.clone(),
        by: c.check.checked_by.clone(),
        at: c
            .check
            .checked_at
            .with_timezone(&vietnam())
            .format("%H:%M %d/%m/%Y")
            .to_string(),
        photos: (0..c.check.photos)
            .map(|n| layout.link(&format!("/dorm/checks/{id}/photo/{n}")))
            .collect(),
        breaches: c
            .breaches
            .iter()
            .map(|(p, _)| (p.full_name.clone(), p.code.clone()))
            .collect(),
        violations: (s.board
            && !c.breaches.is_empty()
            && actor.can(antt_domain::role::Capability::HandleTips))
        .then(|| layout.link("/violations")),
        layout,
    })
}

/// A check's photo.
pub(crate) async fn check_photo(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, n)): Path<(String, String)>,
    Query(q): Query<UnitParam>,
) -> Result<Response, WebError> {
    let id: RoomCheckId = parse_id(&id)?;
    let n: u8 = n.parse().map_err(|_| WebError(CoreError::NotFound))?;
    let (unit, _) = frame(&state, &user, &q, "dorm", "").await?;
    let bytes = state
        .antt
        .dorms()
        .check_photo(user.actor(), unit, id, n)
        .await?;
    Ok(crate::views::private_jpeg(bytes))
}

pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::get;
    crate::routes::Routes::new()
        .route("/dorm/visits", get(visits).post(visits_post))
        .route("/dorm/checks", get(checks).post(checks_post))
        .route("/dorm/checks/{id}", get(check))
        .route("/dorm/checks/{id}/photo/{n}", get(check_photo))
        .route("/dorm/rooms/{id}/check", get(check_form).post(record_check))
}
