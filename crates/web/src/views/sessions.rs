//! Sessions of the movement: the year's list, one session with its
//! attendance and its QR code, the form, ticking a class or department
//! list, a person's own check-in from a phone, and the year's coverage.

use crate::forms::Form;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use serde::Deserialize;

use antt_core::CoreError;
use antt_core::session::CoverageView;
use antt_domain::role::Capability;
use antt_domain::session::{
    AttendanceMethod, Audience, Posts, SessionInput, SessionKind, Share, Topic,
};
use antt_domain::time::{
    MovementYear, VIETNAM, format_date, format_instant, local_date, parse_date,
};
use antt_domain::{
    ClassId, DepartmentId, ErrorCode, MovementSessionId, PersonId, ValidationErrors,
};

use crate::auth::CurrentUser;
use crate::client::PublicBase;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, form_again, number, percent, saved};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub(crate) struct YearParam {
    year: Option<String>,
    unit: Option<String>,
}

impl YearParam {
    pub(crate) fn unit(&self) -> UnitParam {
        UnitParam {
            unit: self.unit.clone(),
        }
    }
    pub(crate) fn year(&self, state: &AppState) -> i32 {
        self.year
            .as_deref()
            .and_then(|y| antt_domain::plan::parse_year(y).ok())
            .unwrap_or_else(|| state.antt.plans().current_year())
    }
}

/// A session in the list.
pub(crate) struct SessionItem {
    pub href: String,
    pub date: String,
    pub kind: &'static str,
    pub title: String,
    pub partner: String,
    pub attended: String,
}

/// A link to another year.
pub(crate) struct YearLink {
    pub year: i32,
    pub href: String,
    pub current: bool,
}

pub(crate) fn year_links(layout: &Layout, path: &str, year: i32, this_year: i32) -> Vec<YearLink> {
    (this_year - 2..=this_year)
        .map(|y| YearLink {
            year: y,
            href: layout.link(&format!("{path}?year={y}")),
            current: y == year,
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "sessions/list.html")]
pub(crate) struct SessionList {
    layout: Layout,
    year: i32,
    years: Vec<YearLink>,
    sessions: Vec<SessionItem>,
    attendances: String,
    with_police: usize,
    materials: String,
    posts: String,
    new: Option<String>,
    coverage: String,
    export: String,
}

pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<YearParam>,
) -> Result<SessionList, WebError> {
    let (unit, layout) = frame(
        &state,
        &user,
        &q.unit(),
        "sessions",
        "Tuyên truyền, tập huấn",
    )
    .await?;
    let actor = user.actor();
    let year = q.year(&state);
    let rows = state.antt.sessions().list(actor, unit, year).await?;
    let may_record = actor.can(Capability::RecordSessions) && !layout.foreign;
    Ok(SessionList {
        years: year_links(
            &layout,
            "/sessions",
            year,
            state.antt.plans().current_year(),
        ),
        attendances: number(
            rows.iter()
                .map(|r| u64::from(r.attended) + u64::from(r.session.outside_count))
                .sum(),
        ),
        with_police: rows.iter().filter(|r| r.session.partner.is_some()).count(),
        materials: number(rows.iter().map(|r| u64::from(r.session.materials)).sum()),
        posts: number(
            rows.iter()
                .map(|r| u64::from(r.session.posts.total()))
                .sum(),
        ),
        sessions: rows
            .iter()
            .map(|r| SessionItem {
                href: layout.link(&format!("/sessions/{}", r.session.id)),
                date: format_date(local_date(r.session.starts_at)),
                kind: i18n::session_kind(r.session.kind),
                title: r.session.title.clone(),
                partner: r.session.partner.clone().unwrap_or_default(),
                attended: number(u64::from(r.attended) + u64::from(r.session.outside_count)),
            })
            .collect(),
        new: may_record.then(|| layout.link("/sessions/new")),
        coverage: layout.link(&format!("/coverage?year={year}")),
        export: layout.link(&format!("/sessions/export?year={year}")),
        year,
        layout,
    })
}

/// An attendee as listed.
pub(crate) struct AttendeeLine {
    pub name: String,
    pub code: String,
    pub group: String,
    pub check_in: bool,
}

/// The QR code being shown.
pub(crate) struct CheckInCode {
    pub code: String,
    pub until: String,
    pub svg: String,
    pub url: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "sessions/show.html")]
pub(crate) struct SessionPage {
    layout: Layout,
    title: String,
    kind: &'static str,
    when: String,
    place: String,
    organiser: String,
    partner: String,
    topics: String,
    audience: String,
    outside: u32,
    materials: u32,
    posts: Posts,
    attendees: Vec<AttendeeLine>,
    check_ins: usize,
    edit: Option<String>,
    /// The form that shows a QR code, when the session is today.
    qr_action: Option<String>,
    qr: Option<CheckInCode>,
    /// Ticking from a list, once the session has started.
    tick: Option<(String, Vec<Choice>, Vec<Choice>)>,
    not_started: bool,
    /// The movement year (number) that closed over it, if it has.
    closed: Option<i32>,
    problem: Option<&'static str>,
    list: String,
    export: String,
}

fn topics_text(topics: &[Topic], note: Option<&str>) -> String {
    let mut words: Vec<String> = topics.iter().map(|t| i18n::topic(*t).to_owned()).collect();
    if let Some(note) = note {
        words.push(note.to_owned());
    }
    words.join("; ")
}

fn qr_svg(text: &str) -> String {
    qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .map(|code| {
            code.render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(260, 260)
                .quiet_zone(true)
                .build()
        })
        .unwrap_or_default()
}

async fn session_page(
    state: &AppState,
    user: &CurrentUser,
    param: &UnitParam,
    id: MovementSessionId,
    qr: Option<CheckInCode>,
    problem: Option<&'static str>,
) -> Result<SessionPage, WebError> {
    let (unit, layout) = frame(state, user, param, "sessions", "Buổi tuyên truyền").await?;
    let actor = user.actor();
    let view = state.antt.sessions().view(actor, unit, id).await?;
    let s = &view.session;
    let structure = state.antt.org().structure(actor, unit).await?;
    let audience = if s.audience.everyone {
        "Toàn thể cán bộ, học sinh, sinh viên".to_owned()
    } else {
        let mut parts: Vec<String> = s
            .audience
            .departments
            .iter()
            .filter_map(|d| structure.department_name(Some(*d)))
            .collect();
        parts.extend(
            s.audience
                .classes
                .iter()
                .filter_map(|c| structure.class(Some(*c)).map(|c| c.name.clone())),
        );
        if parts.len() > 12 {
            format!(
                "{} và {} nơi khác",
                parts[..12].join(", "),
                parts.len() - 12
            )
        } else {
            parts.join(", ")
        }
    };
    let qr = qr.or_else(|| {
        view.check_in.as_ref().map(|(code, until)| CheckInCode {
            code: code.clone(),
            until: format_instant(*until),
            svg: String::new(),
            url: String::new(),
        })
    });
    let tick = (view.may_edit && view.open).then(|| {
        let mut classes: Vec<Choice> = structure
            .classes
            .iter()
            .filter(|c| {
                s.audience.everyone
                    || s.audience.classes.is_empty()
                    || s.audience.classes.contains(&c.id)
            })
            .map(|c| Choice::new(c.id.to_string(), c.name.clone(), ""))
            .collect();
        classes.insert(0, Choice::new("", "— Chọn lớp —", ""));
        let mut departments: Vec<Choice> = structure
            .departments
            .iter()
            .map(|d| Choice::new(d.id.to_string(), d.name.clone(), ""))
            .collect();
        departments.insert(0, Choice::new("", "— Chọn phòng, khoa —", ""));
        (
            layout.link(&format!("/sessions/{id}/attendance")),
            classes,
            departments,
        )
    });
    Ok(SessionPage {
        title: s.title.clone(),
        kind: i18n::session_kind(s.kind),
        when: format_instant(s.starts_at),
        place: s.place.clone(),
        organiser: s.organiser.clone(),
        partner: s.partner.clone().unwrap_or_default(),
        topics: topics_text(&s.topics, s.topic_note.as_deref()),
        audience,
        outside: s.outside_count,
        materials: s.materials,
        posts: s.posts.clone(),
        check_ins: view
            .attendees
            .iter()
            .filter(|a| a.method == AttendanceMethod::CheckIn)
            .count(),
        attendees: view
            .attendees
            .iter()
            .map(|a| AttendeeLine {
                name: a.name.clone(),
                code: a.code.clone(),
                group: a.group.clone().unwrap_or_default(),
                check_in: a.method == AttendanceMethod::CheckIn,
            })
            .collect(),
        edit: view
            .may_edit
            .then(|| layout.link(&format!("/sessions/{id}/edit"))),
        qr_action: (view.may_edit && view.today)
            .then(|| layout.link(&format!("/sessions/{id}/check-in"))),
        qr,
        tick,
        not_started: !view.open,
        closed: view.closed.then(|| MovementYear::at(s.starts_at).number()),
        problem,
        list: layout.link("/sessions"),
        export: layout.link(&format!("/sessions/{id}/export")),
        layout,
    })
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<SessionPage, WebError> {
    session_page(&state, &user, &param, parse_id(&id)?, None, None).await
}

/// Shows a fresh QR code for people to check in with.
pub(crate) async fn open_check_in(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
    PublicBase(base): PublicBase,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &param, "sessions", "").await?;
    let id: MovementSessionId = parse_id(&id)?;
    match state
        .antt
        .sessions()
        .open_check_in(user.actor(), unit, id)
        .await
    {
        Ok((code, until)) => {
            let url = format!("{base}/checkin/{code}");
            let qr = CheckInCode {
                svg: qr_svg(&url),
                until: format_instant(until),
                code,
                url,
            };
            Ok(session_page(&state, &user, &param, id, Some(qr), None)
                .await?
                .into_response())
        }
        Err(CoreError::Invalid(e)) => {
            let message = e.iter().next().map_or("", |e| i18n::error(e.code));
            let page = session_page(&state, &user, &param, id, None, Some(message)).await?;
            Ok(form_again(page))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListParam {
    class: Option<String>,
    department: Option<String>,
    unit: Option<String>,
}

/// A person on the ticking list.
pub(crate) struct TickLine {
    pub id: String,
    pub name: String,
    pub code: String,
    pub present: bool,
    pub check_in: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "sessions/attendance.html")]
pub(crate) struct AttendancePage {
    layout: Layout,
    title: String,
    group: String,
    action: String,
    back: String,
    people: Vec<TickLine>,
    problem: Option<&'static str>,
}

async fn attendance_page(
    state: &AppState,
    user: &CurrentUser,
    q: &ListParam,
    id: MovementSessionId,
    problem: Option<&'static str>,
) -> Result<AttendancePage, WebError> {
    let param = UnitParam {
        unit: q.unit.clone(),
    };
    let (unit, layout) = frame(state, user, &param, "sessions", "Điểm danh").await?;
    let actor = user.actor();
    let class: Option<ClassId> = q
        .class
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(parse_id)
        .transpose()?;
    let department: Option<DepartmentId> = q
        .department
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(parse_id)
        .transpose()?;
    let view = state.antt.sessions().view(actor, unit, id).await?;
    let structure = state.antt.org().structure(actor, unit).await?;
    let people = state
        .antt
        .sessions()
        .attendance_list(actor, unit, class, department)
        .await?;
    let group = match (class, department) {
        (Some(c), _) => structure.class(Some(c)).map(|c| format!("Lớp {}", c.name)),
        (None, Some(d)) => structure.department_name(Some(d)),
        _ => None,
    }
    .unwrap_or_default();
    let query = match (class, department) {
        (Some(c), _) => format!("class={c}"),
        (None, Some(d)) => format!("department={d}"),
        _ => String::new(),
    };
    Ok(AttendancePage {
        title: view.session.title.clone(),
        group,
        action: layout.link(&format!("/sessions/{id}/attendance?{query}")),
        back: layout.link(&format!("/sessions/{id}")),
        people: people
            .iter()
            .map(|p| {
                let found = view.attendees.iter().find(|a| a.person == p.id);
                TickLine {
                    id: p.id.to_string(),
                    name: p.full_name.clone(),
                    code: p.code.clone(),
                    present: found.is_some(),
                    check_in: found.is_some_and(|a| a.method == AttendanceMethod::CheckIn),
                }
            })
            .collect(),
        problem,
        layout,
    })
}

pub(crate) async fn attendance_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<ListParam>,
) -> Result<AttendancePage, WebError> {
    attendance_page(&state, &user, &q, parse_id(&id)?, None).await
}

pub(crate) async fn save_attendance(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<ListParam>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let param = UnitParam {
        unit: q.unit.clone(),
    };
    let (unit, layout) = frame(&state, &user, &param, "sessions", "").await?;
    let id: MovementSessionId = parse_id(&id)?;
    let ids = |name: &str| -> Vec<PersonId> {
        pairs
            .iter()
            .filter(|(k, _)| k == name)
            .filter_map(|(_, v)| v.parse().ok())
            .collect()
    };
    let (listed, present) = (ids("listed"), ids("present"));
    saved(
        state
            .antt
            .sessions()
            .tick_attendance(user.actor(), unit, id, &listed, &present)
            .await,
        |_| Redirect::to(&layout.link(&format!("/sessions/{id}#attendees"))).into_response(),
        async |e| {
            let message = e.iter().next().map_or("", |e| i18n::error(e.code));
            let page = attendance_page(&state, &user, &q, id, Some(message)).await?;
            Ok(page)
        },
    )
    .await
}

/// The session form as typed.
#[derive(Debug, Default)]
pub(crate) struct SessionFormData {
    kind: String,
    title: String,
    topics: Vec<String>,
    topic_note: String,
    organiser: String,
    partner: String,
    date: String,
    time: String,
    place: String,
    everyone: bool,
    departments: Vec<String>,
    classes: Vec<String>,
    outside_count: String,
    materials: String,
    posts_website: String,
    posts_fanpage: String,
    posts_zalo: String,
    post_links: String,
}

impl SessionFormData {
    fn of(s: &antt_domain::session::Session) -> Self {
        let local = s.starts_at.with_timezone(&VIETNAM);
        Self {
            kind: s.kind.code().into(),
            title: s.title.clone(),
            topics: s.topics.iter().map(|t| t.code().to_owned()).collect(),
            topic_note: s.topic_note.clone().unwrap_or_default(),
            organiser: s.organiser.clone(),
            partner: s.partner.clone().unwrap_or_default(),
            date: format_date(local.date_naive()),
            time: local.format("%H:%M").to_string(),
            place: s.place.clone(),
            everyone: s.audience.everyone,
            departments: s
                .audience
                .departments
                .iter()
                .map(ToString::to_string)
                .collect(),
            classes: s.audience.classes.iter().map(ToString::to_string).collect(),
            outside_count: s.outside_count.to_string(),
            materials: s.materials.to_string(),
            posts_website: s.posts.website.to_string(),
            posts_fanpage: s.posts.fanpage.to_string(),
            posts_zalo: s.posts.zalo.to_string(),
            post_links: s.posts.links.join("\n"),
        }
    }

    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut v = Self::default();
        for (k, value) in pairs {
            match k.as_str() {
                "kind" => v.kind = value,
                "title" => v.title = value,
                "topics" => v.topics.push(value),
                "topic_note" => v.topic_note = value,
                "organiser" => v.organiser = value,
                "partner" => v.partner = value,
                "date" => v.date = value,
                "time" => v.time = value,
                "place" => v.place = value,
                "everyone" => v.everyone = true,
                "departments" => v.departments.push(value),
                "classes" => v.classes.push(value),
                "outside_count" => v.outside_count = value,
                "materials" => v.materials = value,
                "posts_website" => v.posts_website = value,
                "posts_fanpage" => v.posts_fanpage = value,
                "posts_zalo" => v.posts_zalo = value,
                "post_links" => v.post_links = value,
                _ => {}
            }
        }
        v
    }

    fn input(&self) -> Result<SessionInput, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let kind = SessionKind::parse(&self.kind);
        if kind.is_none() {
            errors.add("kind", ErrorCode::Invalid);
        }
        let date = parse_date(&self.date);
        if date.is_none() {
            errors.add("date", ErrorCode::InvalidDate);
        }
        let time = match self.time.trim() {
            "" => Some(NaiveTime::MIN),
            t => NaiveTime::parse_from_str(t, "%H:%M").ok(),
        };
        if time.is_none() {
            errors.add("time", ErrorCode::Invalid);
        }
        let mut count = |field: &'static str, text: &str| -> u32 {
            match text.trim() {
                "" => 0,
                t => t.replace('.', "").parse().unwrap_or_else(|_| {
                    errors.add(field, ErrorCode::Invalid);
                    0
                }),
            }
        };
        let outside_count = count("outside_count", &self.outside_count);
        let materials = count("materials", &self.materials);
        let posts = Posts {
            website: count("posts", &self.posts_website),
            fanpage: count("posts", &self.posts_fanpage),
            zalo: count("posts", &self.posts_zalo),
            links: self.post_links.lines().map(str::to_owned).collect(),
        };
        let topics: Vec<Topic> = self.topics.iter().filter_map(|t| Topic::parse(t)).collect();
        let departments = self
            .departments
            .iter()
            .filter_map(|d| d.parse().ok())
            .collect();
        let classes = self.classes.iter().filter_map(|c| c.parse().ok()).collect();
        let starts_at: Option<DateTime<Utc>> = date.zip(time).and_then(|(d, t)| {
            VIETNAM
                .from_local_datetime(&d.and_time(t))
                .single()
                .map(|t| t.with_timezone(&Utc))
        });
        let optional = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        match (errors.into_result(), kind, starts_at) {
            (Ok(()), Some(kind), Some(starts_at)) => Ok(SessionInput {
                kind,
                title: self.title.clone(),
                topics,
                topic_note: optional(&self.topic_note),
                organiser: self.organiser.clone(),
                partner: optional(&self.partner),
                starts_at,
                place: self.place.clone(),
                audience: Audience {
                    everyone: self.everyone,
                    departments,
                    classes,
                },
                outside_count,
                materials,
                posts,
            }),
            (Err(e), _, _) => Err(e),
            _ => Err(ValidationErrors::single("date", ErrorCode::InvalidDate)),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "sessions/form.html")]
pub(crate) struct SessionForm {
    heading: &'static str,
    action: String,
    cancel: String,
    v: SessionFormData,
    kinds: Vec<Choice>,
    topics: Vec<(Choice, bool)>,
    departments: Vec<(Choice, bool)>,
    classes: Vec<(Choice, bool)>,
    errors: FieldErrors,
    layout: Layout,
}

async fn session_form(
    state: &AppState,
    user: &CurrentUser,
    param: &UnitParam,
    id: Option<MovementSessionId>,
    v: SessionFormData,
    errors: FieldErrors,
) -> Result<SessionForm, WebError> {
    let heading = if id.is_some() {
        "Sửa buổi tuyên truyền"
    } else {
        "Ghi buổi tuyên truyền, tập huấn"
    };
    let (unit, layout) = frame(state, user, param, "sessions", heading).await?;
    let actor = user.actor();
    state.antt.units().check_writable(actor, unit).await?;
    actor.require(Capability::RecordSessions)?;
    let structure = state.antt.org().structure(actor, unit).await?;
    let checked = |list: &[String], value: &str| list.iter().any(|x| x == value);
    Ok(SessionForm {
        heading,
        action: id.map_or_else(
            || layout.link("/sessions"),
            |id| layout.link(&format!("/sessions/{id}")),
        ),
        cancel: id.map_or_else(
            || layout.link("/sessions"),
            |id| layout.link(&format!("/sessions/{id}")),
        ),
        kinds: SessionKind::ALL
            .iter()
            .map(|k| Choice::new(k.code(), i18n::session_kind(*k), &v.kind))
            .collect(),
        topics: Topic::ALL
            .iter()
            .map(|t| {
                (
                    Choice::new(t.code(), i18n::topic(*t), ""),
                    checked(&v.topics, t.code()),
                )
            })
            .collect(),
        departments: structure
            .departments
            .iter()
            .map(|d| {
                let id = d.id.to_string();
                let on = checked(&v.departments, &id);
                (Choice::new(id, d.name.clone(), ""), on)
            })
            .collect(),
        classes: structure
            .classes
            .iter()
            .map(|c| {
                let id = c.id.to_string();
                let on = checked(&v.classes, &id);
                (Choice::new(id, c.name.clone(), ""), on)
            })
            .collect(),
        v,
        errors,
        layout,
    })
}

pub(crate) async fn new_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
) -> Result<SessionForm, WebError> {
    let v = SessionFormData {
        kind: SessionKind::Propaganda.code().into(),
        date: format_date(local_date(state.antt.now())),
        time: "07:30".into(),
        ..SessionFormData::default()
    };
    session_form(&state, &user, &param, None, v, FieldErrors::default()).await
}

pub(crate) async fn edit_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<SessionForm, WebError> {
    let (unit, _) = frame(&state, &user, &param, "sessions", "").await?;
    let id: MovementSessionId = parse_id(&id)?;
    let view = state.antt.sessions().view(user.actor(), unit, id).await?;
    let v = SessionFormData::of(&view.session);
    session_form(&state, &user, &param, Some(id), v, FieldErrors::default()).await
}

async fn save(
    state: AppState,
    user: CurrentUser,
    param: UnitParam,
    id: Option<MovementSessionId>,
    pairs: Vec<(String, String)>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "sessions", "").await?;
    let v = SessionFormData::from_pairs(pairs);
    let result = match v.input() {
        Ok(input) => {
            state
                .antt
                .sessions()
                .save(user.actor(), unit, id, input)
                .await
        }
        Err(e) => Err(CoreError::Invalid(e)),
    };
    saved(
        result,
        |id| Redirect::to(&layout.link(&format!("/sessions/{id}"))).into_response(),
        async |e| {
            let page = session_form(
                &state,
                &user,
                &param,
                id,
                v,
                FieldErrors::from(&e).for_record(antt_domain::audit::TargetKind::Session),
            )
            .await?;
            Ok(page)
        },
    )
    .await
}

pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    save(state, user, param, None, pairs).await
}

pub(crate) async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    save(state, user, param, Some(parse_id(&id)?), pairs).await
}

// Check-in from a phone.

#[derive(Template, WebTemplate)]
#[template(path = "sessions/checkin.html")]
pub(crate) struct CheckInPage {
    code: String,
    /// The session the code opens, to confirm.
    session: Option<(String, String, String)>,
    done: bool,
    problem: Option<&'static str>,
    layout: Layout,
}

async fn check_in_page(
    state: &AppState,
    user: &CurrentUser,
    code: String,
    done: bool,
    problem: Option<&'static str>,
) -> Result<CheckInPage, WebError> {
    let (_, layout) = frame(state, user, &UnitParam::default(), "", "Điểm danh").await?;
    let mut problem = problem;
    let session = if code.is_empty() || problem.is_some() {
        None
    } else {
        match state
            .antt
            .sessions()
            .check_in_session(user.actor(), &code)
            .await
        {
            Ok(s) => Some((s.title, format_instant(s.starts_at), s.place)),
            Err(CoreError::Invalid(e)) => {
                problem = e.iter().next().map(|e| i18n::check_in_refusal(e.code));
                None
            }
            Err(e) => return Err(e.into()),
        }
    };
    Ok(CheckInPage {
        code,
        session,
        done,
        problem,
        layout,
    })
}

/// Sends someone who is not logged in to the login page, and back here after.
fn login_first(code: &str) -> Response {
    Redirect::to(&format!("/login?next=/checkin/{code}")).into_response()
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct CodeParam {
    code: Option<String>,
}

/// The page where a code is typed, or where a typed code is sent.
pub(crate) async fn check_in_form(
    State(state): State<AppState>,
    user: Result<CurrentUser, WebError>,
    Query(q): Query<CodeParam>,
) -> Result<Response, WebError> {
    let code = antt_domain::session::normalise_code(q.code.as_deref().unwrap_or_default());
    if !code.is_empty() {
        return Ok(Redirect::to(&format!("/checkin/{code}")).into_response());
    }
    let Ok(user) = user else {
        return Ok(Redirect::to("/login?next=/checkin").into_response());
    };
    Ok(check_in_page(&state, &user, String::new(), false, None)
        .await?
        .into_response())
}

pub(crate) async fn check_in_confirm(
    State(state): State<AppState>,
    user: Result<CurrentUser, WebError>,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let code = antt_domain::session::normalise_code(&code);
    let Ok(user) = user else {
        return Ok(login_first(&code));
    };
    Ok(check_in_page(&state, &user, code, false, None)
        .await?
        .into_response())
}

pub(crate) async fn check_in(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let code = antt_domain::session::normalise_code(&code);
    // Checked in or not, the answer is the check-in page: with the
    // session confirmed, or with why not.
    let problem = match state.antt.sessions().check_in(user.actor(), &code).await {
        Ok(_) => None,
        // Checked in before (a second scan, a reload): that is fine, and
        // said as fine, not as an error.
        Err(CoreError::Invalid(e)) if e.iter().all(|e| e.code == ErrorCode::AlreadyRecorded) => {
            let page = check_in_page(
                &state,
                &user,
                code,
                true,
                Some("Bạn đã điểm danh buổi này trước đó; không cần làm lại."),
            )
            .await?;
            return Ok(page.into_response());
        }
        Err(CoreError::Invalid(e)) => e.iter().next().map(|e| match (e.field, e.code) {
            ("person", _) => "Tài khoản của bạn chưa gắn với hồ sơ cán bộ, học sinh nên chưa điểm danh được. Hãy báo Văn phòng.",
            (_, code) => i18n::check_in_refusal(code),
        }),
        Err(e) => return Err(e.into()),
    };
    let page = check_in_page(&state, &user, code, problem.is_none(), problem).await?;
    Ok(match problem {
        None => page.into_response(),
        Some(_) => form_again(page),
    })
}

// Coverage.

/// A row of a coverage table.
pub(crate) struct ShareLine {
    pub name: String,
    pub reached: String,
    pub total: String,
    pub percent: String,
    /// Width of the bar, 0 to 100.
    pub bar: u64,
    pub complete: bool,
}

pub(crate) fn share_line(name: String, s: Share) -> ShareLine {
    ShareLine {
        name,
        reached: number(u64::from(s.reached)),
        total: number(u64::from(s.total)),
        percent: percent(u64::from(s.reached), u64::from(s.total)),
        bar: u64::from(s.reached) * 100 / u64::from(s.total.max(1)),
        complete: s.complete(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "sessions/coverage.html")]
pub(crate) struct CoveragePage {
    year: i32,
    years: Vec<YearLink>,
    sessions: usize,
    /// Staff, then students.
    shares: [ShareLine; 2],
    departments: Vec<ShareLine>,
    classes: Vec<ShareLine>,
    not_reached: Vec<(String, String, String)>,
    more: usize,
    export: String,
    layout: Layout,
}

/// How many not-yet-reached people the page lists.
const NOT_REACHED_SHOWN: usize = 300;

pub(crate) async fn coverage(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<YearParam>,
) -> Result<CoveragePage, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "sessions", "Độ phủ tuyên truyền").await?;
    let year = q.year(&state);
    let CoverageView {
        coverage: c,
        sessions,
        mut not_reached,
        department_names,
        class_names,
        ..
    } = state
        .antt
        .sessions()
        .coverage(user.actor(), unit, year)
        .await?;
    let more = not_reached.len().saturating_sub(NOT_REACHED_SHOWN);
    not_reached.truncate(NOT_REACHED_SHOWN);
    Ok(CoveragePage {
        years: year_links(
            &layout,
            "/coverage",
            year,
            state.antt.plans().current_year(),
        ),
        sessions,
        shares: [
            share_line("Cán bộ, viên chức".into(), c.staff),
            share_line("Học sinh, sinh viên".into(), c.students),
        ],
        departments: c
            .by_department
            .iter()
            .map(|(d, s)| {
                let name = d
                    .and_then(|d| department_names.get(&d).cloned())
                    .unwrap_or_else(|| "Chưa xếp phòng, khoa".into());
                share_line(name, *s)
            })
            .collect(),
        classes: c
            .by_class
            .iter()
            .map(|(k, s)| {
                let name = k
                    .and_then(|k| class_names.get(&k).cloned())
                    .unwrap_or_else(|| "Chưa xếp lớp".into());
                share_line(name, *s)
            })
            .collect(),
        not_reached,
        more,
        export: layout.link(&format!("/coverage/export?year={year}")),
        year,
        layout,
    })
}

/// The coverage's not-reached list as a spreadsheet.
pub(crate) async fn export_not_reached(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<YearParam>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "sessions", "").await?;
    let year = q.year(&state);
    let file = state
        .antt
        .sessions()
        .export_not_reached(user.actor(), unit, year)
        .await?;
    Ok(super::download(file))
}

/// A session's attendees as a spreadsheet.
pub(crate) async fn export_attendees(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &param, "sessions", "").await?;
    let file = state
        .antt
        .sessions()
        .export_attendees(user.actor(), unit, parse_id(&id)?)
        .await?;
    Ok(super::download(file))
}

/// The routes of this area of the screens.
/// The check-in page opened by its address (a bookmark, a reload): the
/// code is opened by the button on the session's page, so go there.
async fn check_in_by_address(Path(id): Path<String>, Query(scope): Query<UnitParam>) -> Response {
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return Redirect::to("/sessions").into_response();
    };
    let unit = scope
        .unit
        .and_then(|u| u.parse::<uuid::Uuid>().ok())
        .map(|u| format!("?unit={u}"))
        .unwrap_or_default();
    Redirect::to(&format!("/sessions/{id}{unit}")).into_response()
}

pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::get;
    crate::routes::Routes::new()
        .route("/sessions", get(list).post(create))
        .route("/sessions/new", get(new_form))
        .route("/sessions/{id}", get(show).post(update))
        .route("/sessions/{id}/edit", get(edit_form))
        .route(
            "/sessions/{id}/check-in",
            get(check_in_by_address).post(open_check_in),
        )
        .route(
            "/sessions/{id}/attendance",
            get(attendance_form).post(save_attendance),
        )
        .route("/coverage", get(coverage))
        .route("/coverage/export", get(export_not_reached))
        .route("/sessions/{id}/export", get(export_attendees))
        .route("/checkin", get(check_in_form))
        .route("/checkin/{code}", get(check_in_confirm).post(check_in))
}
