//! "Ký túc xá": the night's roll call on a room leader's phone, the
//! whole dormitory at a glance for the board, a homeroom teacher's
//! boarders, leave asked and decided, and the rooms with who lives where.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;

use antt_core::dorm::leave::LeaveForm;
use antt_core::dorm::rollcall::{MarkInput, NightView, RollSheet};
use antt_core::dorm::{BuildingForm, RoomForm, Standing};
use antt_domain::dorm::{Leave, Mark, Tally};
use antt_domain::person::Person;
use antt_domain::role::Capability;
use antt_domain::time::{format_date, input_time, vietnam};
use antt_domain::{BuildingId, LeaveId, PersonId, ResidenceId, RoomId};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, Form, form_again};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;

fn clock(at: DateTime<Utc>) -> String {
    at.with_timezone(&vietnam()).format("%H:%M").to_string()
}

fn parse_night(text: Option<&str>) -> Option<NaiveDate> {
    text.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// "17:00 21/11 → 18:00 23/11".
fn span(l: &Leave) -> String {
    let at = |t: DateTime<Utc>| {
        t.with_timezone(&vietnam())
            .format("%H:%M %d/%m")
            .to_string()
    };
    format!("{} → {}", at(l.from), at(l.until))
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct NightParams {
    unit: Option<String>,
    night: Option<String>,
    saved: Option<String>,
}

impl NightParams {
    fn unit(&self) -> UnitParam {
        UnitParam {
            unit: self.unit.clone(),
        }
    }
}

pub(crate) struct RoomChip {
    name: String,
    href: String,
    count: String,
    /// "ok", "warn", "danger" or "muted".
    state: &'static str,
    title: String,
}

pub(crate) struct BuildingLine {
    name: String,
    tally: Tally,
    rooms: Vec<RoomChip>,
}

pub(crate) struct AbsentLine {
    person_id: String,
    name: String,
    code: String,
    room: String,
    twice: bool,
    by: String,
}

pub(crate) struct LeaveLine {
    id: String,
    name: String,
    code: String,
    span: String,
    destination: String,
    reason: String,
    state: &'static str,
    state_class: &'static str,
    note: String,
    late: bool,
    back: Option<String>,
}

fn leave_line(l: &Leave, p: &Person, now: DateTime<Utc>) -> LeaveLine {
    use antt_domain::dorm::LeaveState as S;
    let (state, state_class) = if l.not_back(now) {
        ("Hết hạn chưa về", "danger")
    } else {
        (
            i18n::leave_state(l.state),
            match l.state {
                S::Asked => "warn",
                S::Approved => "ok",
                S::Refused => "danger",
                S::Cancelled => "muted",
            },
        )
    };
    LeaveLine {
        id: l.id.to_string(),
        name: p.full_name.clone(),
        code: p.code.clone(),
        span: span(l),
        destination: l.destination.clone(),
        reason: l.reason.clone(),
        state,
        state_class,
        note: l.decision_note.clone(),
        late: l.late,
        back: l.returned_at.map(|r| {
            r.with_timezone(&vietnam())
                .format("%H:%M %d/%m")
                .to_string()
        }),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "dorm/night.html")]
pub(crate) struct NightPage {
    layout: Layout,
    night_label: String,
    night: String,
    previous: String,
    next: Option<String>,
    call: String,
    deadline: String,
    past_deadline: bool,
    /// A homeroom teacher's view: their boarders only.
    limited: bool,
    tally: Tally,
    buildings: Vec<BuildingLine>,
    late_rooms: Vec<String>,
    absent: Vec<AbsentLine>,
    not_back: Vec<LeaveLine>,
    decides: bool,
    leave_href: String,
    rooms_href: String,
    until_default: String,
    errors: FieldErrors,
}

fn chips(v: &NightView, layout: &Layout) -> Vec<BuildingLine> {
    v.buildings
        .iter()
        .map(|b| BuildingLine {
            name: b.building.name.clone(),
            tally: b.tally,
            rooms: b
                .rooms
                .iter()
                .map(|r| {
                    let t = r.tally;
                    let state = if t.residents == 0 {
                        "empty"
                    } else if t.absent > 0 {
                        "danger"
                    } else if r.late {
                        "warn"
                    } else if t.called() {
                        "ok"
                    } else {
                        "muted"
                    };
                    RoomChip {
                        name: r.room.name.clone(),
                        href: layout.link(&format!(
                            "/dorm/rooms/{}/rollcall?night={}",
                            r.room.id, v.night
                        )),
                        count: if t.residents == 0 {
                            "trống".to_owned()
                        } else if t.called() {
                            format!("{}/{}", t.present, t.residents)
                        } else {
                            format!("còn {}", t.unmarked())
                        },
                        state,
                        title: format!(
                            "{}: {} có mặt, {} có phép, {} vắng, {} chưa điểm danh{}",
                            r.room.name,
                            t.present,
                            t.on_leave,
                            t.absent,
                            t.unmarked(),
                            r.called_by
                                .as_ref()
                                .map(|b| format!(" – {b}"))
                                .unwrap_or_default()
                        ),
                    }
                })
                .collect(),
        })
        .collect()
}

async fn night_page(
    state: &AppState,
    user: &CurrentUser,
    q: &NightParams,
    s: &Standing,
    errors: FieldErrors,
) -> Result<NightPage, WebError> {
    let (unit, layout) = frame(state, user, &q.unit(), "dorm", "Ký túc xá").await?;
    let actor = user.actor();
    let dorms = state.antt.dorms();
    let tonight = dorms.tonight();
    let night = parse_night(q.night.as_deref())
        .filter(|n| *n <= tonight)
        .unwrap_or(tonight);
    let limited = !s.sees_all() && !actor.role.can(Capability::OverseeUnits);
    let v = if limited {
        dorms.my_boarders(actor, unit, night).await?
    } else {
        dorms.night(actor, unit, night).await?
    };
    let now = state.antt.now();
    Ok(NightPage {
        night_label: format_date(night),
        night: night.to_string(),
        previous: layout.link(&format!("/dorm?night={}", night - Duration::days(1))),
        next: (night < tonight)
            .then(|| layout.link(&format!("/dorm?night={}", night + Duration::days(1)))),
        call: v.times.call.format("%H:%M").to_string(),
        deadline: v.times.deadline.format("%H:%M").to_string(),
        past_deadline: v.past_deadline,
        limited,
        tally: v.tally,
        buildings: if limited {
            Vec::new()
        } else {
            chips(&v, &layout)
        },
        late_rooms: v
            .late_rooms()
            .map(|(b, r)| format!("{} – {}", b.name, r.room.name))
            .collect(),
        absent: v
            .absent
            .iter()
            .map(|a| AbsentLine {
                person_id: a.person.id.to_string(),
                name: a.person.full_name.clone(),
                code: a.person.code.clone(),
                room: a.room.clone(),
                twice: a.twice,
                by: format!("{} lúc {}", a.mark.marked_by, clock(a.mark.marked_at)),
            })
            .collect(),
        not_back: v
            .not_back
            .iter()
            .map(|(l, p)| leave_line(l, p, now))
            .collect(),
        decides: !layout.foreign && (s.board || !s.classes.is_empty()),
        leave_href: layout.link("/dorm/leave"),
        rooms_href: layout.link("/dorm/rooms"),
        until_default: input_time(now),
        errors,
        layout,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "dorm/mine.html")]
pub(crate) struct MinePage {
    layout: Layout,
    rooms: Vec<(String, String, Tally)>,
    night_label: String,
    leave_href: String,
}

/// `/dorm`: the night at a glance for the board and the unit's leaders;
/// a homeroom teacher's boarders; a room leader's rooms.
pub(crate) async fn overview(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<NightParams>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "dorm", "Ký túc xá").await?;
    let actor = user.actor();
    let dorms = state.antt.dorms();
    let s = dorms.standing(actor, unit).await?;
    if s.sees_all() || !s.classes.is_empty() || actor.role.can(Capability::OverseeUnits) {
        return Ok(night_page(&state, &user, &q, &s, FieldErrors::default())
            .await?
            .into_response());
    }
    let rooms = dorms
        .my_rooms(actor, unit)
        .await?
        .into_iter()
        .map(|(r, label, t)| {
            (
                layout.link(&format!("/dorm/rooms/{}/rollcall", r.id)),
                label,
                t,
            )
        })
        .collect();
    Ok(MinePage {
        rooms,
        night_label: format_date(dorms.tonight()),
        leave_href: layout.link("/dorm/leave"),
        layout,
    }
    .into_response())
}

pub(crate) struct SheetRow {
    id: String,
    name: String,
    code: String,
    bed: u8,
    /// "present", "leave", "absent" or "" (not marked yet).
    mark: &'static str,
    leave: Option<String>,
    note: String,
    by: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "dorm/sheet.html")]
pub(crate) struct SheetPage {
    layout: Layout,
    action: String,
    label: String,
    night: String,
    night_label: String,
    read_at: String,
    call: String,
    deadline: String,
    rows: Vec<SheetRow>,
    tally: Tally,
    saved: Option<String>,
    kept: Vec<String>,
    errors: FieldErrors,
    back: String,
}

fn sheet_page(
    layout: Layout,
    sheet: &RollSheet,
    saved: Option<String>,
    kept: Vec<String>,
    errors: FieldErrors,
) -> SheetPage {
    SheetPage {
        action: layout.link(&format!(
            "/dorm/rooms/{}/rollcall?night={}",
            sheet.room.id, sheet.night
        )),
        label: sheet.label.clone(),
        night: sheet.night.to_string(),
        night_label: format_date(sheet.night),
        read_at: sheet.read_at.to_rfc3339(),
        call: sheet.times.call.format("%H:%M").to_string(),
        deadline: sheet.times.deadline.format("%H:%M").to_string(),
        rows: sheet
            .lines
            .iter()
            .map(|l| SheetRow {
                id: l.person.id.to_string(),
                name: l.person.full_name.clone(),
                code: l.person.code.clone(),
                bed: l.bed,
                mark: match l.mark.as_ref().map(|m| m.mark) {
                    Some(Mark::Present) => "present",
                    Some(Mark::OnLeave) => "leave",
                    Some(Mark::Absent) => "absent",
                    None => "",
                },
                leave: l
                    .leave
                    .as_ref()
                    .map(|x| format!("{} ({})", x.destination, span(x))),
                note: l.mark.as_ref().map(|m| m.note.clone()).unwrap_or_default(),
                by: l
                    .mark
                    .as_ref()
                    .map(|m| format!("{} lúc {}", m.marked_by, clock(m.marked_at))),
            })
            .collect(),
        tally: sheet.tally(),
        saved,
        kept,
        errors,
        back: layout.link("/dorm"),
        layout,
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct SheetParams {
    unit: Option<String>,
    night: Option<String>,
    saved: Option<String>,
}

/// The roll call of a room on a phone.
pub(crate) async fn sheet(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(room): Path<String>,
    Query(q): Query<SheetParams>,
) -> Result<SheetPage, WebError> {
    let unit_param = UnitParam {
        unit: q.unit.clone(),
    };
    let (unit, layout) = frame(&state, &user, &unit_param, "dorm", "Điểm danh tối").await?;
    let room: RoomId = parse_id(&room)?;
    let dorms = state.antt.dorms();
    let night = parse_night(q.night.as_deref()).unwrap_or_else(|| dorms.tonight());
    let sheet = dorms.sheet(user.actor(), unit, room, night).await?;
    Ok(sheet_page(
        layout,
        &sheet,
        q.saved.clone(),
        Vec::new(),
        FieldErrors::default(),
    ))
}

/// Sends a room's marks: `mark_<person>` = present | leave | absent,
/// `note_<person>`, and when the sheet was read.
pub(crate) async fn call(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(room): Path<String>,
    Query(q): Query<SheetParams>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let unit_param = UnitParam {
        unit: q.unit.clone(),
    };
    let (unit, layout) = frame(&state, &user, &unit_param, "dorm", "Điểm danh tối").await?;
    let room: RoomId = parse_id(&room)?;
    let dorms = state.antt.dorms();
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let night =
        parse_night(Some(value("night"))).ok_or(WebError(antt_core::CoreError::NotFound))?;
    let read_at = DateTime::parse_from_rfc3339(value("read_at"))
        .ok()
        .map(|t| t.with_timezone(&Utc));
    let notes: HashMap<&str, &str> = pairs
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("note_").map(|id| (id, v.as_str())))
        .collect();
    let mut marks = Vec::new();
    for (k, v) in &pairs {
        let Some(id) = k.strip_prefix("mark_") else {
            continue;
        };
        let person: PersonId = parse_id(id)?;
        let mark = Mark::parse(v).ok_or(WebError(antt_core::CoreError::NotFound))?;
        marks.push(MarkInput {
            person,
            mark,
            note: notes.get(id).map(|n| (*n).to_owned()).unwrap_or_default(),
        });
    }
    match dorms
        .call(user.actor(), unit, room, night, &marks, read_at)
        .await
    {
        Ok(out) => {
            if out.kept.is_empty() {
                let saved = if out.alerted > 0 { "alerted" } else { "1" };
                return Ok(Redirect::to(&layout.link(&format!(
                    "/dorm/rooms/{room}/rollcall?night={night}&saved={saved}"
                )))
                .into_response());
            }
            // Someone else marked some of them meanwhile: show the sheet as
            // it is now, naming the marks kept.
            let sheet = dorms.sheet(user.actor(), unit, room, night).await?;
            let kept = out
                .kept
                .iter()
                .map(|(name, m)| {
                    format!(
                        "{name}: giữ “{}” do {} ghi lúc {}",
                        i18n::roll_mark(m.mark),
                        m.marked_by,
                        clock(m.marked_at)
                    )
                })
                .collect();
            Ok(sheet_page(
                layout,
                &sheet,
                Some("1".into()),
                kept,
                FieldErrors::default(),
            )
            .into_response())
        }
        Err(antt_core::CoreError::Invalid(e)) => {
            let sheet = dorms.sheet(user.actor(), unit, room, night).await?;
            Ok(form_again(sheet_page(
                layout,
                &sheet,
                None,
                Vec::new(),
                FieldErrors::from(&e),
            )))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct LateLeaveForm {
    person: String,
    night: String,
    until: String,
    reason: String,
}

/// The board or the homeroom teacher records the leave an absent student had.
pub(crate) async fn late_leave(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
    Form(f): Form<LateLeaveForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "dorm", "Ký túc xá").await?;
    let person: PersonId = parse_id(&f.person)?;
    let night = parse_night(Some(&f.night)).ok_or(WebError(antt_core::CoreError::NotFound))?;
    match state
        .antt
        .dorms()
        .record_late_leave(user.actor(), unit, person, night, &f.until, &f.reason)
        .await
    {
        Ok(_) => Ok(
            Redirect::to(&layout.link(&format!("/dorm?night={night}&saved=late"))).into_response(),
        ),
        Err(antt_core::CoreError::Invalid(e)) => {
            let params = NightParams {
                unit: q.unit.clone(),
                night: Some(night.to_string()),
                saved: None,
            };
            let s = state.antt.dorms().standing(user.actor(), unit).await?;
            Ok(form_again(
                night_page(&state, &user, &params, &s, FieldErrors::from(&e)).await?,
            ))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "dorm/leave.html")]
pub(crate) struct LeavePage {
    layout: Layout,
    asks: bool,
    decides: bool,
    asked: Vec<LeaveLine>,
    out: Vec<LeaveLine>,
    not_back: Vec<LeaveLine>,
    recent: Vec<LeaveLine>,
    from_default: String,
    until_default: String,
    errors: FieldErrors,
    saved: bool,
}

async fn leave_page(
    state: &AppState,
    user: &CurrentUser,
    q: &NightParams,
    errors: FieldErrors,
) -> Result<LeavePage, WebError> {
    let (unit, layout) = frame(state, user, &q.unit(), "dorm", "Đơn xin phép").await?;
    let actor = user.actor();
    let dorms = state.antt.dorms();
    let s = dorms.standing(actor, unit).await?;
    let b = dorms.leave_board(actor, unit).await?;
    let now = state.antt.now();
    let lines = |list: &[(Leave, Person)]| {
        list.iter()
            .map(|(l, p)| leave_line(l, p, now))
            .collect::<Vec<_>>()
    };
    let tomorrow = now + Duration::days(1);
    Ok(LeavePage {
        asks: actor.role.can(Capability::CheckInBySelf) && !layout.foreign,
        decides: (s.board || !s.classes.is_empty()) && !layout.foreign,
        asked: lines(&b.asked),
        out: lines(&b.out),
        not_back: lines(&b.not_back),
        recent: lines(&b.recent),
        from_default: input_time(now + Duration::hours(1)),
        until_default: input_time(tomorrow),
        errors,
        saved: q.saved.is_some(),
        layout,
    })
}

pub(crate) async fn leave(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<NightParams>,
) -> Result<LeavePage, WebError> {
    leave_page(&state, &user, &q, FieldErrors::default()).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct AskForm {
    from: String,
    until: String,
    destination: String,
    reason: String,
}

pub(crate) async fn ask(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(f): Form<AskForm>,
) -> Result<Response, WebError> {
    let actor = user.actor();
    let unit = actor.home_unit()?;
    let form = LeaveForm {
        from: f.from,
        until: f.until,
        destination: f.destination,
        reason: f.reason,
    };
    match state.antt.dorms().ask_leave(actor, unit, &form).await {
        Ok(_) => Ok(Redirect::to("/dorm/leave?saved=1").into_response()),
        Err(antt_core::CoreError::Invalid(e)) => Ok(form_again(
            leave_page(
                &state,
                &user,
                &NightParams::default(),
                FieldErrors::from(&e),
            )
            .await?,
        )),
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct DecideForm {
    decision: String,
    #[serde(default)]
    note: String,
}

pub(crate) async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
    Form(f): Form<DecideForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "dorm", "Đơn xin phép").await?;
    let id: LeaveId = parse_id(&id)?;
    let dorms = state.antt.dorms();
    let result = match f.decision.as_str() {
        "approve" => {
            dorms
                .decide_leave(user.actor(), unit, id, true, &f.note)
                .await
        }
        "refuse" => {
            dorms
                .decide_leave(user.actor(), unit, id, false, &f.note)
                .await
        }
        "cancel" => dorms.cancel_leave(user.actor(), unit, id).await,
        "returned" => dorms.returned(user.actor(), unit, id).await,
        _ => Err(antt_core::CoreError::NotFound),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&layout.link("/dorm/leave?saved=1")).into_response()),
        Err(antt_core::CoreError::Invalid(e)) => {
            let params = NightParams {
                unit: q.unit.clone(),
                ..NightParams::default()
            };
            Ok(form_again(
                leave_page(&state, &user, &params, FieldErrors::from(&e)).await?,
            ))
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) struct RoomRow {
    href: String,
    name: String,
    floor: i16,
    used: usize,
    capacity: u8,
    gender: &'static str,
    leader: String,
}

pub(crate) struct BuildingRows {
    id: String,
    name: String,
    supervisor: String,
    rooms: Vec<RoomRow>,
    used: usize,
    beds: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "dorm/rooms.html")]
pub(crate) struct RoomsPage {
    layout: Layout,
    board: bool,
    office: bool,
    call: String,
    deadline: String,
    members: Vec<(String, String, String)>,
    buildings: Vec<BuildingRows>,
    campuses: Vec<Choice>,
    waiting: Vec<(String, String)>,
    suggested: Vec<String>,
    errors: FieldErrors,
}

async fn rooms_page(
    state: &AppState,
    user: &CurrentUser,
    q: &UnitParam,
    suggested: Vec<String>,
    errors: FieldErrors,
) -> Result<RoomsPage, WebError> {
    let (unit, layout) = frame(state, user, q, "dorm", "Phòng ở ký túc xá").await?;
    let actor = user.actor();
    let dorms = state.antt.dorms();
    let s = dorms.standing(actor, unit).await?;
    let setup = dorms.setup(actor, unit).await?;
    let residents = if s.sees_all() {
        dorms.residents(actor, unit).await?
    } else {
        Vec::new()
    };
    let mut occupied: HashMap<RoomId, usize> = HashMap::new();
    for (_, room) in &residents {
        *occupied.entry(room.id).or_default() += 1;
    }
    let names: HashMap<PersonId, String> = residents
        .iter()
        .map(|(r, _)| (r.person.id, r.person.full_name.clone()))
        .chain(setup.board.iter().map(|(_, p)| (p.id, p.full_name.clone())))
        .collect();
    let campuses = crate::views::equipment::campuses_of(state, actor, unit).await?;
    Ok(RoomsPage {
        board: s.board && !layout.foreign,
        office: actor.role.can(Capability::ManageDorm) && !layout.foreign,
        call: setup.times.call.format("%H:%M").to_string(),
        deadline: setup.times.deadline.format("%H:%M").to_string(),
        members: setup
            .board
            .iter()
            .map(|(m, p)| (p.id.to_string(), p.full_name.clone(), m.duty.clone()))
            .collect(),
        buildings: setup
            .buildings
            .iter()
            .map(|b| {
                let rooms: Vec<RoomRow> = setup
                    .rooms_of(b.id)
                    .map(|r| RoomRow {
                        href: layout.link(&format!("/dorm/rooms/{}", r.id)),
                        name: r.name.clone(),
                        floor: r.floor,
                        used: occupied.get(&r.id).copied().unwrap_or(0),
                        capacity: r.capacity,
                        gender: r.gender.map_or("Nam, nữ", i18n::gender),
                        leader: r
                            .leader_id
                            .and_then(|p| names.get(&p).cloned())
                            .unwrap_or_default(),
                    })
                    .collect();
                BuildingRows {
                    id: b.id.to_string(),
                    name: b.name.clone(),
                    supervisor: b
                        .supervisor_id
                        .and_then(|p| names.get(&p).cloned())
                        .unwrap_or_default(),
                    used: rooms.iter().map(|r| r.used).sum(),
                    beds: rooms.iter().map(|r| usize::from(r.capacity)).sum(),
                    rooms,
                }
            })
            .collect(),
        campuses: campuses
            .iter()
            .map(|c| Choice {
                value: c.id.to_string(),
                label: c.name.clone(),
                selected: false,
            })
            .collect(),
        waiting: if s.sees_all() {
            dorms
                .waiting(actor, unit)
                .await?
                .iter()
                .map(|p| (p.code.clone(), p.full_name.clone()))
                .collect()
        } else {
            Vec::new()
        },
        suggested,
        errors,
        layout,
    })
}

pub(crate) async fn rooms(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
) -> Result<RoomsPage, WebError> {
    rooms_page(&state, &user, &q, Vec::new(), FieldErrors::default()).await
}

/// The forms of the rooms page, told apart by `action`.
#[derive(Debug, Deserialize)]
pub(crate) struct RoomsForm {
    action: String,
    #[serde(default)]
    building: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    campus: String,
    #[serde(default)]
    supervisor: String,
    #[serde(default)]
    floor: String,
    #[serde(default)]
    capacity: String,
    #[serde(default)]
    gender: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    duty: String,
    #[serde(default)]
    person: String,
    #[serde(default)]
    call_time: String,
    #[serde(default)]
    deadline: String,
}

pub(crate) async fn rooms_post(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
    Form(f): Form<RoomsForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "dorm", "Phòng ở ký túc xá").await?;
    let actor = user.actor();
    let dorms = state.antt.dorms();
    let today = antt_domain::time::local_date(state.antt.now());
    let mut suggested = Vec::new();
    let result = match f.action.as_str() {
        "building" => dorms
            .put_building(
                actor,
                unit,
                None,
                &BuildingForm {
                    name: f.name,
                    campus: f.campus,
                    supervisor: f.supervisor,
                },
            )
            .await
            .map(|_| ()),
        "room" => {
            let building: BuildingId = parse_id(&f.building)?;
            dorms
                .put_room(
                    actor,
                    unit,
                    building,
                    None,
                    &RoomForm {
                        name: f.name,
                        floor: f.floor,
                        capacity: f.capacity,
                        gender: f.gender,
                        leader: String::new(),
                    },
                )
                .await
                .map(|_| ())
        }
        "member" => dorms.put_board_member(actor, unit, &f.code, &f.duty).await,
        "unmember" => {
            let person: PersonId = parse_id(&f.person)?;
            dorms.remove_board_member(actor, unit, person).await
        }
        "times" => {
            dorms
                .save_times(actor, unit, &f.call_time, &f.deadline)
                .await
        }
        "suggest" | "place" => {
            let lines = dorms
                .place_waiting(actor, unit, today, f.action == "suggest")
                .await?;
            suggested = lines
                .iter()
                .map(|l| format!("{} ({}) → {}, giường {}", l.name, l.code, l.room, l.bed))
                .collect();
            if f.action == "place" {
                return Ok(Redirect::to(&layout.link("/dorm/rooms")).into_response());
            }
            Ok(())
        }
        _ => Err(antt_core::CoreError::NotFound),
    };
    match result {
        Ok(()) if suggested.is_empty() => {
            Ok(Redirect::to(&layout.link("/dorm/rooms")).into_response())
        }
        Ok(()) => Ok(
            rooms_page(&state, &user, &q, suggested, FieldErrors::default())
                .await?
                .into_response(),
        ),
        Err(antt_core::CoreError::Invalid(e)) => Ok(form_again(
            rooms_page(&state, &user, &q, Vec::new(), FieldErrors::from(&e)).await?,
        )),
        Err(e) => Err(e.into()),
    }
}

pub(crate) struct ResidentRow {
    residence: String,
    name: String,
    code: String,
    bed: u8,
    from: String,
    until: String,
    leader: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "dorm/room.html")]
pub(crate) struct RoomPage {
    layout: Layout,
    id: String,
    name: String,
    building: String,
    floor: i16,
    capacity: u8,
    genders: Vec<Choice>,
    residents: Vec<ResidentRow>,
    history: Vec<ResidentRow>,
    free_beds: Vec<u8>,
    board: bool,
    rollcall: String,
    check: String,
    /// The room's checks, latest first: (link, day, score, items failed).
    checks: Vec<(String, String, String, String)>,
    today: String,
    errors: FieldErrors,
}

async fn room_page(
    state: &AppState,
    user: &CurrentUser,
    q: &UnitParam,
    id: RoomId,
    errors: FieldErrors,
) -> Result<RoomPage, WebError> {
    let (unit, layout) = frame(state, user, q, "dorm", "Phòng ở").await?;
    let actor = user.actor();
    let dorms = state.antt.dorms();
    let s = dorms.standing(actor, unit).await?;
    let v = dorms.room(actor, unit, id).await?;
    let row = |r: &antt_core::dorm::residents::Resident| ResidentRow {
        residence: r.residence.id.to_string(),
        name: r.person.full_name.clone(),
        code: r.person.code.clone(),
        bed: r.residence.bed,
        from: format_date(r.residence.from),
        until: r.residence.until.map(format_date).unwrap_or_default(),
        leader: v.room.leader_id == Some(r.person.id),
    };
    let today = antt_domain::time::local_date(state.antt.now());
    Ok(RoomPage {
        id: v.room.id.to_string(),
        name: v.room.name.clone(),
        building: v.building.name.clone(),
        floor: v.room.floor,
        capacity: v.room.capacity,
        genders: antt_domain::person::Gender::ALL
            .iter()
            .map(|g| Choice {
                value: g.code().to_owned(),
                label: i18n::gender(*g).to_owned(),
                selected: v.room.gender == Some(*g),
            })
            .collect(),
        residents: v.residents.iter().map(row).collect(),
        history: v.history.iter().map(row).collect(),
        free_beds: v.free_beds(),
        board: s.board && !layout.foreign,
        rollcall: layout.link(&format!("/dorm/rooms/{id}/rollcall")),
        check: layout.link(&format!("/dorm/rooms/{id}/check")),
        checks: dorms
            .checks_of_room(actor, unit, id)
            .await?
            .iter()
            .take(12)
            .map(|c| {
                (
                    layout.link(&format!("/dorm/checks/{}", c.check.id)),
                    format_date(c.check.day),
                    format!("{}/{}", c.check.score(), c.check.out_of()),
                    c.check
                        .failed()
                        .map(|a| a.text.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            })
            .collect(),
        today: today.to_string(),
        errors,
        layout,
    })
}

pub(crate) async fn room(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
) -> Result<RoomPage, WebError> {
    let id: RoomId = parse_id(&id)?;
    room_page(&state, &user, &q, id, FieldErrors::default()).await
}

/// The forms of a room's page, told apart by `action`.
#[derive(Debug, Deserialize)]
pub(crate) struct RoomPageForm {
    action: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    bed: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    residence: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    floor: String,
    #[serde(default)]
    capacity: String,
    #[serde(default)]
    gender: String,
    #[serde(default)]
    leader: String,
}

pub(crate) async fn room_post(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
    Form(f): Form<RoomPageForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "dorm", "Phòng ở").await?;
    let id: RoomId = parse_id(&id)?;
    let actor = user.actor();
    let dorms = state.antt.dorms();
    let day = NaiveDate::parse_from_str(f.day.trim(), "%Y-%m-%d")
        .ok()
        .or_else(|| antt_domain::time::parse_date(&f.day));
    let day_or_invalid = || {
        day.ok_or_else(|| antt_core::CoreError::invalid("day", antt_domain::ErrorCode::InvalidDate))
    };
    let result = match f.action.as_str() {
        "assign" => match day_or_invalid() {
            Ok(day) => {
                let bed = match f.bed.trim() {
                    "" => Ok(None),
                    b => b.parse::<u8>().map(Some).map_err(|_| {
                        antt_core::CoreError::invalid("bed", antt_domain::ErrorCode::Invalid)
                    }),
                };
                match bed {
                    Ok(bed) => dorms
                        .assign(actor, unit, &f.code, id, bed, day)
                        .await
                        .map(|_| ()),
                    Err(e) => Err(e),
                }
            }
            Err(e) => Err(e),
        },
        "out" => {
            let residence: ResidenceId = parse_id(&f.residence)?;
            match day_or_invalid() {
                Ok(day) => dorms.move_out(actor, unit, residence, day).await,
                Err(e) => Err(e),
            }
        }
        "edit" => {
            let setup = dorms.setup(actor, unit).await?;
            let building = setup
                .rooms
                .iter()
                .find(|r| r.id == id)
                .map(|r| r.building_id)
                .ok_or(WebError(antt_core::CoreError::NotFound))?;
            dorms
                .put_room(
                    actor,
                    unit,
                    building,
                    Some(id),
                    &RoomForm {
                        name: f.name,
                        floor: f.floor,
                        capacity: f.capacity,
                        gender: f.gender,
                        leader: f.leader,
                    },
                )
                .await
                .map(|_| ())
        }
        _ => Err(antt_core::CoreError::NotFound),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&layout.link(&format!("/dorm/rooms/{id}"))).into_response()),
        Err(antt_core::CoreError::Invalid(e)) => Ok(form_again(
            room_page(&state, &user, &q, id, FieldErrors::from(&e)).await?,
        )),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "dorm/slip.html")]
pub(crate) struct SlipPage {
    layout: Layout,
    line: LeaveLine,
    asked_at: String,
    decided: Option<String>,
    decides: bool,
    own: bool,
    open: bool,
}

/// One leave: the slip a student shows at the gate, with its decision.
pub(crate) async fn slip(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<UnitParam>,
) -> Result<SlipPage, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "dorm", "Giấy phép ra ngoài").await?;
    let id: LeaveId = parse_id(&id)?;
    let actor = user.actor();
    let dorms = state.antt.dorms();
    let (l, p) = dorms.leave(actor, unit, id).await?;
    let s = dorms.standing(actor, unit).await?;
    let now = state.antt.now();
    let stamp = |t: DateTime<Utc>| antt_domain::time::format_instant(t);
    Ok(SlipPage {
        asked_at: stamp(l.asked_at),
        decided: l
            .decided_by
            .as_ref()
            .zip(l.decided_at)
            .map(|(by, at)| format!("{by}, {}", stamp(at))),
        decides: !layout.foreign && (s.board || p.class_id.is_some_and(|c| s.classes.contains(&c))),
        own: s.person == Some(p.id),
        open: l.state == antt_domain::dorm::LeaveState::Approved && l.returned_at.is_none(),
        line: leave_line(&l, &p, now),
        layout,
    })
}

pub(crate) struct ResidenceRow {
    person_id: String,
    name: String,
    code: String,
    birth: String,
    room: String,
    from: String,
    number: String,
    address: String,
    registered_on: String,
    expires_on: String,
    /// The same day as people read it ("31/05/2027").
    expires_label: String,
    state: &'static str,
    state_class: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "dorm/residence.html")]
pub(crate) struct ResidencePage {
    layout: Layout,
    rows: Vec<ResidenceRow>,
    board: bool,
    /// A number read in full just now: (whose, the number).
    revealed: Option<(String, String)>,
    counts: Vec<(&'static str, usize)>,
    excel: String,
    word: String,
    errors: FieldErrors,
}

async fn residence_page(
    state: &AppState,
    user: &CurrentUser,
    q: &UnitParam,
    revealed: Option<(String, String)>,
    errors: FieldErrors,
) -> Result<ResidencePage, WebError> {
    use antt_domain::dorm::Registration as R;
    let (unit, layout) = frame(state, user, q, "dorm", "Tạm trú").await?;
    let actor = user.actor();
    let dorms = state.antt.dorms();
    let s = dorms.standing(actor, unit).await?;
    let lines = dorms.residence_list(actor, unit).await?;
    let counts = R::ALL
        .iter()
        .map(|r| {
            (
                i18n::registration(*r),
                lines.iter().filter(|l| l.registration == *r).count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let date = |d: Option<NaiveDate>| d.map(format_date).unwrap_or_default();
    Ok(ResidencePage {
        rows: lines
            .iter()
            .map(|l| {
                let p = l.papers.as_ref();
                ResidenceRow {
                    person_id: l.person.id.to_string(),
                    name: l.person.full_name.clone(),
                    code: l.person.code.clone(),
                    birth: date(l.person.birth_date),
                    room: l.room.clone(),
                    from: format_date(l.from),
                    number: p
                        .map(antt_domain::dorm::ResidencePapers::masked)
                        .unwrap_or_default(),
                    address: p.map(|p| p.permanent_address.clone()).unwrap_or_default(),
                    registered_on: p
                        .and_then(|p| p.registered_on)
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    expires_on: p
                        .and_then(|p| p.expires_on)
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    expires_label: date(p.and_then(|p| p.expires_on)),
                    state: i18n::registration(l.registration),
                    state_class: match l.registration {
                        R::Registered => "ok",
                        R::Expiring | R::Unregistered => "warn",
                        R::Lapsed | R::Missing => "danger",
                    },
                }
            })
            .collect(),
        board: s.board && !layout.foreign,
        revealed,
        counts,
        excel: layout.link("/dorm/residence/excel"),
        word: layout.link("/dorm/residence/word"),
        errors,
        layout,
    })
}

/// The temporary-residence list.
pub(crate) async fn residence(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
) -> Result<ResidencePage, WebError> {
    residence_page(&state, &user, &q, None, FieldErrors::default()).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct PapersPost {
    action: String,
    person: String,
    #[serde(default)]
    id_number: String,
    #[serde(default)]
    permanent_address: String,
    #[serde(default)]
    registered_on: String,
    #[serde(default)]
    expires_on: String,
}

/// Saves a boarder's papers, or reads their number in full (audited).
pub(crate) async fn residence_post(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
    Form(f): Form<PapersPost>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q, "dorm", "Tạm trú").await?;
    let person: PersonId = parse_id(&f.person)?;
    let dorms = state.antt.dorms();
    match f.action.as_str() {
        "reveal" => {
            let number = dorms.id_number(user.actor(), unit, person).await?;
            let name = dorms
                .residence_list(user.actor(), unit)
                .await?
                .into_iter()
                .find(|l| l.person.id == person)
                .map(|l| l.person.full_name)
                .unwrap_or_default();
            Ok(residence_page(
                &state,
                &user,
                &q,
                Some((name, number)),
                FieldErrors::default(),
            )
            .await?
            .into_response())
        }
        "save" => {
            let form = antt_core::dorm::papers::PapersForm {
                id_number: f.id_number,
                permanent_address: f.permanent_address,
                registered_on: f.registered_on,
                expires_on: f.expires_on,
            };
            match dorms.save_papers(user.actor(), unit, person, &form).await {
                Ok(()) => Ok(Redirect::to(&layout.link("/dorm/residence")).into_response()),
                Err(antt_core::CoreError::Invalid(e)) => Ok(form_again(
                    residence_page(&state, &user, &q, None, FieldErrors::from(&e)).await?,
                )),
                Err(e) => Err(e.into()),
            }
        }
        _ => Err(WebError(antt_core::CoreError::NotFound)),
    }
}

/// The list as Excel, with the numbers in full, for the ward police.
pub(crate) async fn residence_excel(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q, "dorm", "Tạm trú").await?;
    let file = state
        .antt
        .dorms()
        .residence_workbook(user.actor(), unit)
        .await?;
    Ok(crate::views::download(file))
}

/// The request to the ward police to register those whose registration
/// needs doing (Word).
pub(crate) async fn residence_word(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitParam>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q, "dorm", "Tạm trú").await?;
    let file = state
        .antt
        .dorms()
        .residence_document(user.actor(), unit)
        .await?;
    Ok(crate::views::download(file))
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::{get, post};
    crate::routes::Routes::new()
        .route("/dorm", get(overview))
        .route("/dorm/late-leave", post(late_leave))
        .route("/dorm/leave", get(leave).post(ask))
        .route("/dorm/leave/{id}", get(slip).post(decide))
        .route("/dorm/rooms", get(rooms).post(rooms_post))
        .route("/dorm/rooms/{id}", get(room).post(room_post))
        .route("/dorm/rooms/{id}/rollcall", get(sheet).post(call))
        .route("/dorm/residence", get(residence).post(residence_post))
        .route("/dorm/residence/excel", get(residence_excel))
        .route("/dorm/residence/word", get(residence_word))
}
