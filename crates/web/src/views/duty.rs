//! "Lịch trực bảo vệ": the month's roster by day with its broken rules and
//! each guard's hours (the office generates, changes a shift by hand,
//! publishes, handles a sick call); the posts and the guard force; and a
//! guard's own shifts with a calendar file for the phone.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use serde::Deserialize;

use antt_core::duty::{Handover, RosterView};
use antt_domain::duty::{
    DutyEventInput, DutyPostInput, EventDays, RosterState, ShiftPattern, Skill, WishKind,
    days_of_month, month_of, wishes_close,
};
use antt_domain::role::Capability;
use antt_domain::time::local_date;
use antt_domain::{CampusId, DutyEventId, DutyPostId, PersonId, TeamId};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, Form, saved};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    unit: Option<String>,
    /// "2026-12".
    month: Option<String>,
    campus: Option<String>,
    /// "1": the whole month, days gone included.
    all: Option<String>,
}

impl Params {
    fn unit(&self) -> UnitParam {
        UnitParam {
            unit: self.unit.clone(),
        }
    }

    fn month(&self, state: &AppState) -> NaiveDate {
        self.month
            .as_deref()
            .and_then(|m| NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").ok())
            .unwrap_or_else(|| month_of(local_date(state.antt.now())))
    }
}

/// "2026-12".
fn month_key(m: NaiveDate) -> String {
    m.format("%Y-%m").to_string()
}

fn weekday(d: NaiveDate) -> &'static str {
    crate::i18n::weekday_short(d.weekday().num_days_from_monday())
}

/// One shift's line.
pub(crate) struct ShiftLine {
    hours: String,
    post: String,
    guard: String,
    href: String,
    problem: bool,
    fixed: bool,
    reinforcement: bool,
}

/// A day of the roster.
pub(crate) struct DayBlock {
    label: String,
    shifts: Vec<ShiftLine>,
}

pub(crate) struct HoursLine {
    name: String,
    campus: String,
    shifts: usize,
    hours: i64,
    night: String,
    /// Hours on public holidays, "16:00".
    holiday: String,
    away: usize,
    overtime: i64,
    reinforcement: bool,
    /// What the guard asked of the month: "nghỉ phép 3 ngày, …".
    wishes: String,
    wishes_href: String,
}

/// A guard who has not sent their wishes for the month.
pub(crate) struct NotSent {
    name: String,
    href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "duty/roster.html")]
pub(crate) struct RosterPage {
    layout: Layout,
    month: String,
    month_label: String,
    prev_href: String,
    next_href: String,
    state: Option<&'static str>,
    published: bool,
    published_note: String,
    manage: bool,
    problems: Vec<String>,
    error: Option<&'static str>,
    campuses: Vec<Choice>,
    days: Vec<DayBlock>,
    hours: Vec<HoursLine>,
    guards: Vec<Choice>,
    posts_href: String,
    handovers: Vec<String>,
    no_posts: bool,
    /// When the days gone are left out: the link to the whole month.
    whole_month_href: Option<String>,
    /// "11/30 bảo vệ đã gửi nguyện vọng (hạn 20/12/2026)".
    wishes_line: String,
    swaps: Vec<SwapItem>,
    not_sent: Vec<NotSent>,
}

async fn roster_page(
    state: &AppState,
    user: &CurrentUser,
    q: &Params,
    error: Option<&'static str>,
    handovers: &[Handover],
) -> Result<RosterPage, WebError> {
    let (unit, layout) = frame(state, user, &q.unit(), "duty", "Lịch trực bảo vệ").await?;
    let actor = user.actor();
    let month = q.month(state);
    let view: RosterView = state.antt.duty().roster(actor, unit, month).await?;
    let structure = state.antt.org().structure(actor, unit).await?;
    let campuses_all = &structure.campuses;
    let campus_name = |id: CampusId| {
        campuses_all
            .iter()
            .find(|c| c.id == id)
            .map_or_else(String::new, |c| c.name.clone())
    };
    let campus: Option<CampusId> = q
        .campus
        .as_deref()
        .filter(|c| !c.is_empty())
        .and_then(|c| c.parse().ok());
    let key = month_key(month);
    let problem_shifts: Vec<i64> = view.problems.iter().filter_map(|p| p.shift).collect();
    let guard_name = |p: Option<PersonId>| {
        p.and_then(|p| view.guards.iter().find(|g| g.person_id == p))
            .map_or_else(|| "— chưa có người —".to_owned(), |g| g.full_name.clone())
    };
    // This month opens at today: the days gone are a link away.
    let today = local_date(state.antt.now());
    let from_today = q.all.as_deref() != Some("1") && month_of(today) == month;
    let mut days: Vec<DayBlock> = Vec::new();
    if let Some(r) = &view.roster {
        for s in r.shifts.iter().filter(|s| {
            campus.is_none_or(|c| s.campus_id == c) && (!from_today || s.start.date() >= today)
        }) {
            let label = match antt_domain::holiday::holiday_of(s.start.date()) {
                Some(h) => format!(
                    "{} {} · {h}",
                    weekday(s.start.date()),
                    s.start.format("%d/%m")
                ),
                None => format!("{} {}", weekday(s.start.date()), s.start.format("%d/%m")),
            };
            if days.last().is_none_or(|d| d.label != label) {
                days.push(DayBlock {
                    label,
                    shifts: Vec::new(),
                });
            }
            let post = view
                .posts
                .iter()
                .find(|p| p.id == s.post_id)
                .map_or_else(|| "(vị trí đã bỏ)".to_owned(), |p| p.name.clone());
            if let Some(d) = days.last_mut() {
                d.shifts.push(ShiftLine {
                    hours: format!("{}–{}", s.start.format("%H:%M"), s.end.format("%H:%M")),
                    post,
                    guard: guard_name(s.guard),
                    href: layout.link(&format!("/duty/shift?month={key}&id={}", s.id)),
                    problem: problem_shifts.contains(&s.id),
                    fixed: s.fixed,
                    reinforcement: s.reinforcement,
                });
            }
        }
    }
    let manage = actor.role.can(Capability::ManageDuty) && !layout.foreign;
    let (state_word, published, published_note) = match &view.roster {
        Some(r) if r.state == RosterState::Published => (
            Some("Đã công bố"),
            true,
            format!(
                "Công bố {} bởi {}.",
                r.published_at
                    .map(|t| antt_domain::time::format_date(local_date(t)))
                    .unwrap_or_default(),
                r.published_by.clone().unwrap_or_default()
            ),
        ),
        Some(_) => (Some("Bản nháp"), false, String::new()),
        None => (None, false, String::new()),
    };
    let campus_param = campus.map_or_else(String::new, |c| format!("&campus={c}"));
    let wishes_href = |p: PersonId| layout.link(&format!("/duty/wishes?month={key}&person={p}"));
    let guards_only = view.guards.iter().filter(|g| !g.reinforcement);
    let sent = |p: PersonId| view.wishes_sent.iter().any(|(x, _)| *x == p);
    let not_sent: Vec<NotSent> = guards_only
        .clone()
        .filter(|g| !sent(g.person_id))
        .map(|g| NotSent {
            name: g.full_name.clone(),
            href: wishes_href(g.person_id),
        })
        .collect();
    let wishes_line = format!(
        "{}/{} bảo vệ đã gửi nguyện vọng tháng {} (hạn gửi hết ngày {}).",
        guards_only.clone().filter(|g| sent(g.person_id)).count(),
        guards_only.count(),
        month.format("%m/%Y"),
        antt_domain::time::format_date(wishes_close(month))
    );
    let wishes_of = |p: PersonId| {
        let count = |k: WishKind| {
            view.wishes
                .iter()
                .filter(|w| w.person_id == p && w.kind == k)
                .count()
        };
        WishKind::ALL
            .iter()
            .filter(|k| count(**k) > 0)
            .map(|k| format!("{} {} ngày", i18n::wish_kind(*k).to_lowercase(), count(*k)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let swaps = if manage {
        swap_items(&state.antt.duty().swaps(actor, unit).await?, true)
            .into_iter()
            .filter(|s| s.approve || s.refuse)
            .collect()
    } else {
        Vec::new()
    };
    Ok(RosterPage {
        swaps,
        wishes_line,
        not_sent,
        whole_month_href: from_today
            .then(|| layout.link(&format!("/duty?month={key}&all=1{campus_param}"))),
        month: key.clone(),
        month_label: month.format("%m/%Y").to_string(),
        prev_href: layout.link(&format!(
            "/duty?month={}",
            month_key(month_of(month - Duration::days(1)))
        )),
        next_href: layout.link(&format!(
            "/duty?month={}",
            month_key(month_of(month + Duration::days(32)))
        )),
        state: state_word,
        published,
        published_note,
        manage,
        problems: view.problems.iter().map(|p| p.text.clone()).collect(),
        error,
        campuses: std::iter::once(Choice {
            value: String::new(),
            label: "Tất cả cơ sở".into(),
            selected: campus.is_none(),
        })
        .chain(campuses_all.iter().map(|c| Choice {
            value: c.id.to_string(),
            label: c.name.clone(),
            selected: Some(c.id) == campus,
        }))
        .collect(),
        days,
        hours: view
            .hours
            .iter()
            .map(|h| HoursLine {
                name: h.guard.full_name.clone(),
                campus: campus_name(h.guard.campus_id),
                shifts: h.shifts,
                hours: h.hours,
                night: format!("{}:{:02}", h.night_minutes / 60, h.night_minutes % 60),
                holiday: format!("{}:{:02}", h.holiday_minutes / 60, h.holiday_minutes % 60),
                away: h.away_from_home,
                overtime: h.overtime,
                reinforcement: h.guard.reinforcement,
                wishes: wishes_of(h.guard.person_id),
                wishes_href: wishes_href(h.guard.person_id),
            })
            .collect(),
        guards: view
            .guards
            .iter()
            .filter(|g| !g.reinforcement)
            .map(|g| Choice {
                value: g.person_id.to_string(),
                label: g.full_name.clone(),
                selected: false,
            })
            .collect(),
        posts_href: layout.link("/duty/posts"),
        handovers: handovers
            .iter()
            .map(|h| {
                format!(
                    "Ca {} {} – {}: {} → {}",
                    h.shift.start.format("%H:%M"),
                    h.shift.start.format("%d/%m"),
                    h.post,
                    h.from.clone().unwrap_or_else(|| "trống".into()),
                    h.to.clone().unwrap_or_else(|| "chưa có người".into()),
                )
            })
            .collect(),
        no_posts: view.posts.is_empty(),
        layout,
    })
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<RosterPage, WebError> {
    roster_page(&state, &user, &q, None, &[]).await
}

fn first_error(e: &antt_domain::ValidationErrors) -> &'static str {
    e.iter()
        .next()
        .map_or("Không thực hiện được.", |e| i18n::error(e.code))
}

fn back(layout: &Layout, month: NaiveDate) -> Response {
    Redirect::to(&layout.link(&format!("/duty?month={}", month_key(month)))).into_response()
}

pub(crate) async fn generate(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "duty", "").await?;
    let month = q.month(&state);
    saved(
        state.antt.duty().generate(user.actor(), unit, month).await,
        |()| back(&layout, month),
        async |e| {
            let message = match e.iter().next().map(|e| e.field) {
                Some("posts") => "Chưa có vị trí trực nào: thêm vị trí ở mục “Vị trí và lực lượng”.",
                Some("guards") => "Chưa có ai trong lực lượng bảo vệ: thêm ở mục “Vị trí và lực lượng”.",
                Some("state") => "Lịch tháng này đã công bố: không lập lại được. Khi có người nghỉ, dùng “Báo nghỉ đột xuất”.",
                _ => first_error(&e),
            };
            roster_page(&state, &user, &q, Some(message), &[]).await
        },
    )
    .await
}

pub(crate) async fn publish(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "duty", "").await?;
    let month = q.month(&state);
    saved(
        state.antt.duty().publish(user.actor(), unit, month).await,
        |()| back(&layout, month),
        async |e| roster_page(&state, &user, &q, Some(first_error(&e)), &[]).await,
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(crate) struct AbsenceForm {
    guard: String,
    from: String,
    until: String,
}

/// "2026-12-14T12:00" as a browser's datetime-local sends it.
fn local_time(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M").ok()
}

pub(crate) async fn absence(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<AbsenceForm>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "duty", "").await?;
    let guard: PersonId = parse_id(&f.guard)?;
    let (Some(from), Some(until)) = (local_time(&f.from), local_time(&f.until)) else {
        let page = roster_page(
            &state,
            &user,
            &q,
            Some("Ghi rõ nghỉ từ lúc nào đến lúc nào (ngày và giờ)."),
            &[],
        )
        .await?;
        return Ok(crate::forms::form_again(page));
    };
    let result = state
        .antt
        .duty()
        .report_absence(user.actor(), unit, guard, from, until)
        .await;
    match result {
        Ok(handovers) => {
            let q = Params {
                month: Some(month_key(month_of(from.date()))),
                ..q
            };
            let mut page = roster_page(&state, &user, &q, None, &handovers).await?;
            if handovers.is_empty() {
                page.handovers.push(
                    "Người này không có ca nào trong thời gian nghỉ: lịch giữ nguyên.".into(),
                );
            }
            Ok(page.into_response())
        }
        Err(antt_core::CoreError::Invalid(e)) => Ok(crate::forms::form_again(
            roster_page(&state, &user, &q, Some(first_error(&e)), &[]).await?,
        )),
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ShiftParams {
    unit: Option<String>,
    month: Option<String>,
    id: Option<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "duty/shift.html")]
pub(crate) struct ShiftPage {
    layout: Layout,
    title: String,
    current: String,
    guards: Vec<Choice>,
    action: String,
    back: String,
    problems: Vec<String>,
}

pub(crate) async fn shift_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ShiftParams>,
) -> Result<ShiftPage, WebError> {
    shift_page(&state, &user, &q, None).await
}

async fn shift_page(
    state: &AppState,
    user: &CurrentUser,
    q: &ShiftParams,
    refused: Option<&'static str>,
) -> Result<ShiftPage, WebError> {
    let p = Params {
        unit: q.unit.clone(),
        month: q.month.clone(),
        campus: None,
        all: None,
    };
    let (unit, layout) = frame(state, user, &p.unit(), "duty", "Sửa ca trực").await?;
    user.actor().require(Capability::ManageDuty)?;
    let month = p.month(state);
    let view = state.antt.duty().roster(user.actor(), unit, month).await?;
    let id = q.id.ok_or(antt_core::CoreError::NotFound)?;
    let s = view
        .roster
        .as_ref()
        .and_then(|r| r.shifts.iter().find(|s| s.id == id))
        .ok_or(antt_core::CoreError::NotFound)?;
    let post = view
        .posts
        .iter()
        .find(|x| x.id == s.post_id)
        .map_or_else(String::new, |x| x.name.clone());
    let key = month_key(month);
    Ok(ShiftPage {
        title: format!(
            "{} – {} {}",
            post,
            s.start.format("%H:%M"),
            s.start.format("%d/%m/%Y")
        ),
        current: s
            .guard
            .and_then(|g| view.guards.iter().find(|x| x.person_id == g))
            .map_or_else(|| "chưa có người".into(), |g| g.full_name.clone()),
        guards: view
            .guards
            .iter()
            .filter(|g| !g.reinforcement)
            .map(|g| Choice {
                value: g.person_id.to_string(),
                label: g.full_name.clone(),
                selected: Some(g.person_id) == s.guard,
            })
            .collect(),
        action: layout.link(&format!("/duty/shift?month={key}&id={id}")),
        back: layout.link(&format!("/duty?month={key}")),
        problems: refused
            .map(str::to_owned)
            .into_iter()
            .chain(
                view.problems
                    .iter()
                    .filter(|x| x.shift == Some(id))
                    .map(|x| x.text.clone()),
            )
            .collect(),
        layout,
    })
}

#[derive(Debug, Deserialize)]
pub(crate) struct ShiftForm {
    guard: String,
}

pub(crate) async fn shift_save(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ShiftParams>,
    Form(f): Form<ShiftForm>,
) -> Result<Response, WebError> {
    let p = Params {
        unit: q.unit.clone(),
        month: q.month.clone(),
        campus: None,
        all: None,
    };
    let (unit, layout) = frame(&state, &user, &p.unit(), "duty", "").await?;
    let month = p.month(&state);
    let guard: Option<PersonId> = match f.guard.trim() {
        "" => None,
        id => Some(parse_id(id)?),
    };
    let id = q.id.ok_or(antt_core::CoreError::NotFound)?;
    saved(
        state
            .antt
            .duty()
            .assign(user.actor(), unit, month, id, guard)
            .await,
        |()| back(&layout, month),
        async |e| shift_page(&state, &user, &q, Some(first_error(&e))).await,
    )
    .await
}

/// "06:00–14:00, 14:00–22:00, 22:00–06:00 (2 người)".
fn shift_words(shifts: &[ShiftPattern]) -> String {
    shifts
        .iter()
        .map(|p| {
            let end = p.start + Duration::hours(i64::from(p.hours));
            let people = if p.guards > 1 {
                format!(" ({} người)", p.guards)
            } else {
                String::new()
            };
            format!(
                "{}–{}{people}",
                p.start.format("%H:%M"),
                end.format("%H:%M")
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A post's line.
pub(crate) struct PostLine {
    campus: String,
    name: String,
    skill: &'static str,
    shifts: String,
    id: String,
}

pub(crate) struct GuardLine {
    name: String,
    campus: String,
    skills: String,
    /// "48 giờ/tuần", or "–".
    contract: String,
}

/// Days of reinforcement as listed.
pub(crate) struct EventLine {
    id: String,
    name: String,
    days: String,
    post: String,
    shifts: String,
    team: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "duty/posts.html")]
pub(crate) struct PostsPage {
    layout: Layout,
    manage: bool,
    posts: Vec<PostLine>,
    guards: Vec<GuardLine>,
    campuses: Vec<Choice>,
    skills: Vec<Choice>,
    staff: Vec<Choice>,
    errors: FieldErrors,
    roster_href: String,
    events: Vec<EventLine>,
    post_choices: Vec<Choice>,
    teams: Vec<Choice>,
}

async fn posts_page(
    state: &AppState,
    user: &CurrentUser,
    q: &Params,
    errors: FieldErrors,
) -> Result<PostsPage, WebError> {
    let (unit, layout) = frame(
        state,
        user,
        &q.unit(),
        "duty",
        "Vị trí trực và lực lượng bảo vệ",
    )
    .await?;
    let actor = user.actor();
    let duty = state.antt.duty();
    let posts = duty.posts(actor, unit).await?;
    let guards = duty.guards(actor, unit).await?;
    let structure = state.antt.org().structure(actor, unit).await?;
    let campus_name = |id: CampusId| {
        structure
            .campuses
            .iter()
            .find(|c| c.id == id)
            .map_or_else(String::new, |c| c.name.clone())
    };
    let manage = actor.role.can(Capability::ManageDuty) && !layout.foreign;
    let events = duty.events(actor, unit).await?;
    let teams = state.antt.teams().list(actor, unit).await?;
    let team_name = |id: Option<TeamId>| {
        id.and_then(|id| teams.iter().find(|t| t.team.id == id))
            .map_or_else(|| "Lực lượng bảo vệ".to_owned(), |t| t.team.name.clone())
    };
    let post_name = |id: DutyPostId| {
        posts
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| "(vị trí đã bỏ)".to_owned(), |p| p.name.clone())
    };
    let staff = if manage {
        state
            .antt
            .people()
            .staff_choices(actor, unit)
            .await?
            .into_iter()
            .map(|p| Choice {
                value: p.id.to_string(),
                label: if guards.iter().any(|g| g.person_id == p.id) {
                    format!("{} ({}) – đã trong lực lượng: sửa", p.full_name, p.code)
                } else {
                    format!("{} ({})", p.full_name, p.code)
                },
                selected: false,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(PostsPage {
        manage,
        posts: posts
            .iter()
            .map(|p| PostLine {
                campus: campus_name(p.campus_id),
                name: p.name.clone(),
                skill: p.skill.map_or("", i18n::skill),
                shifts: shift_words(&p.shifts),
                id: p.id.to_string(),
            })
            .collect(),
        guards: guards
            .iter()
            .map(|g| GuardLine {
                name: g.full_name.clone(),
                campus: campus_name(g.campus_id),
                skills: g
                    .skills
                    .iter()
                    .map(|s| i18n::skill(*s))
                    .collect::<Vec<_>>()
                    .join(", "),
                contract: g
                    .weekly_hours
                    .map_or_else(|| "–".to_owned(), |h| format!("{h} giờ/tuần")),
            })
            .collect(),
        campuses: structure
            .campuses
            .iter()
            .map(|c| Choice {
                value: c.id.to_string(),
                label: c.name.clone(),
                selected: false,
            })
            .collect(),
        skills: Skill::ALL
            .iter()
            .map(|s| Choice {
                value: s.code().to_owned(),
                label: i18n::skill(*s).to_owned(),
                selected: false,
            })
            .collect(),
        staff,
        errors,
        roster_href: layout.link("/duty"),
        events: events
            .iter()
            .map(|e| EventLine {
                id: e.id.to_string(),
                name: e.name.clone(),
                days: match e.days {
                    EventDays::Holidays => i18n::EVERY_HOLIDAY.to_owned(),
                    EventDays::Range { first, last } if first == last => {
                        antt_domain::time::format_date(first)
                    }
                    EventDays::Range { first, last } => format!(
                        "{} – {}",
                        antt_domain::time::format_date(first),
                        antt_domain::time::format_date(last)
                    ),
                },
                post: post_name(e.post_id),
                shifts: shift_words(&e.shifts),
                team: team_name(e.team_id),
            })
            .collect(),
        post_choices: posts
            .iter()
            .map(|p| {
                Choice::new(
                    p.id.to_string(),
                    format!("{} – {}", p.name, campus_name(p.campus_id)),
                    "",
                )
            })
            .collect(),
        teams: Choice::optional(
            teams
                .iter()
                .filter(|t| t.serving > 0)
                .map(|t| (t.team.id, format!("{} ({} người)", t.team.name, t.serving))),
            None,
        ),
        layout,
    })
}

#[derive(Debug, Deserialize)]
pub(crate) struct EventForm {
    name: String,
    #[serde(default)]
    holidays: Option<String>,
    #[serde(default)]
    first_day: String,
    #[serde(default)]
    last_day: String,
    post: String,
    shifts: String,
    #[serde(default)]
    team: String,
}

pub(crate) async fn add_event(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<EventForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "duty", "").await?;
    let post: DutyPostId = parse_id(&f.post)?;
    let team: Option<TeamId> = match f.team.trim() {
        "" => None,
        t => Some(parse_id(t)?),
    };
    let result = match DutyEventInput::parse(
        &f.name,
        f.holidays.is_some(),
        &f.first_day,
        &f.last_day,
        post,
        &f.shifts,
        team,
    ) {
        Ok(input) => state.antt.duty().add_event(user.actor(), unit, input).await,
        Err(e) => Err(antt_core::CoreError::Invalid(e)),
    };
    saved(
        result,
        |_| Redirect::to(&layout.link("/duty/posts#events")).into_response(),
        async |e| posts_page(&state, &user, &q, FieldErrors::from(&e)).await,
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(crate) struct RemoveEventForm {
    event: String,
}

pub(crate) async fn remove_event(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<RemoveEventForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "duty", "").await?;
    let id: DutyEventId = parse_id(&f.event)?;
    state
        .antt
        .duty()
        .remove_event(user.actor(), unit, id)
        .await?;
    Ok(Redirect::to(&layout.link("/duty/posts#events")).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct WishParams {
    unit: Option<String>,
    /// "2027-01".
    month: Option<String>,
    /// The guard whose wishes the office enters; none: one's own.
    person: Option<String>,
    saved: Option<String>,
}

/// A day of the wishes' form.
pub(crate) struct WishDay {
    date: String,
    label: String,
    holiday: bool,
    kinds: Vec<Choice>,
    note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "duty/wishes.html")]
pub(crate) struct WishesPage {
    layout: Layout,
    /// The guard's name when the office enters them.
    name: Option<String>,
    month: String,
    month_label: String,
    person: String,
    open: bool,
    close: String,
    sent: Option<String>,
    saved: bool,
    days: Vec<WishDay>,
    error: Option<&'static str>,
    prev_href: String,
    next_href: String,
    back_href: String,
}

impl WishParams {
    fn unit(&self) -> UnitParam {
        UnitParam {
            unit: self.unit.clone(),
        }
    }

    /// Next month unless another is named: the one whose wishes are open.
    fn month(&self, state: &AppState) -> NaiveDate {
        self.month
            .as_deref()
            .and_then(|m| NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").ok())
            .filter(|d| antt_domain::time::TYPED_YEARS.contains(&d.year()))
            .unwrap_or_else(|| {
                month_of(month_of(local_date(state.antt.now())) + Duration::days(32))
            })
    }

    fn person(&self) -> Result<Option<PersonId>, WebError> {
        match self.person.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(p) => Ok(Some(parse_id(p)?)),
        }
    }
}

async fn wishes_page(
    state: &AppState,
    user: &CurrentUser,
    q: &WishParams,
    typed: Option<&[(String, String)]>,
    error: Option<&'static str>,
) -> Result<WishesPage, WebError> {
    let (unit, layout) = frame(state, user, &q.unit(), "duty", "Nguyện vọng trực bảo vệ").await?;
    let actor = user.actor();
    let month = q.month(state);
    let person = q.person()?;
    let duty = state.antt.duty();
    let w = duty.wishes(actor, unit, person, month).await?;
    let name = match person {
        Some(p) => duty
            .guards(actor, unit)
            .await?
            .into_iter()
            .find(|g| g.person_id == p)
            .map(|g| g.full_name),
        None => None,
    };
    let person_param = person.map_or_else(String::new, |p| format!("&person={p}"));
    let value =
        |k: String| typed.and_then(|t| t.iter().find(|(key, _)| *key == k).map(|(_, v)| v.clone()));
    let days = days_of_month(month)
        .map(|d| {
            let date = d.format("%Y-%m-%d").to_string();
            let wish = w.wishes.iter().find(|x| x.day == d);
            let kind = value(format!("kind_{date}"))
                .unwrap_or_else(|| wish.map_or_else(String::new, |x| x.kind.code().to_owned()));
            let holiday = antt_domain::holiday::holiday_of(d);
            WishDay {
                label: match holiday {
                    Some(h) => format!("{} {} · {h}", weekday(d), d.format("%d/%m")),
                    None => format!("{} {}", weekday(d), d.format("%d/%m")),
                },
                holiday: holiday.is_some(),
                kinds: std::iter::once(Choice::new("", "Trực bình thường", &kind))
                    .chain(
                        WishKind::ALL
                            .iter()
                            .map(|k| Choice::new(k.code(), i18n::wish_kind(*k), &kind)),
                    )
                    .collect(),
                note: value(format!("note_{date}"))
                    .unwrap_or_else(|| wish.map_or_else(String::new, |x| x.note.clone())),
                date,
            }
        })
        .collect();
    let key = month_key(month);
    Ok(WishesPage {
        name,
        month_label: month.format("%m/%Y").to_string(),
        person: person.map_or_else(String::new, |p| p.to_string()),
        open: w.open || person.is_some(),
        close: antt_domain::time::format_date(w.close),
        sent: w.sent_at.map(|t| {
            t.with_timezone(&antt_domain::time::vietnam())
                .format("%H:%M %d/%m/%Y")
                .to_string()
        }),
        saved: q.saved.is_some(),
        days,
        error,
        prev_href: layout.link(&format!(
            "/duty/wishes?month={}{person_param}",
            month_key(month_of(month - Duration::days(1)))
        )),
        next_href: layout.link(&format!(
            "/duty/wishes?month={}{person_param}",
            month_key(month_of(month + Duration::days(32)))
        )),
        back_href: layout.link(if person.is_some() {
            "/duty"
        } else {
            "/duty/mine"
        }),
        month: key,
        layout,
    })
}

pub(crate) async fn wishes(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<WishParams>,
) -> Result<WishesPage, WebError> {
    wishes_page(&state, &user, &q, None, None).await
}

pub(crate) async fn send_wishes(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<WishParams>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "duty", "").await?;
    let month = q.month(&state);
    let person = q.person()?;
    let note = |date: &str| {
        pairs
            .iter()
            .find(|(k, _)| k.strip_prefix("note_") == Some(date))
            .map_or_else(String::new, |(_, v)| v.clone())
    };
    let mut wishes = Vec::new();
    let mut unreadable = false;
    for (k, v) in &pairs {
        let Some(date) = k.strip_prefix("kind_") else {
            continue;
        };
        if v.trim().is_empty() {
            continue;
        }
        match (
            NaiveDate::parse_from_str(date, "%Y-%m-%d"),
            WishKind::parse(v.trim()),
        ) {
            (Ok(d), Some(kind)) => wishes.push((d, kind, note(date))),
            _ => unreadable = true,
        }
    }
    let result = if unreadable {
        Err(antt_core::CoreError::invalid(
            "day",
            antt_domain::ErrorCode::Invalid,
        ))
    } else {
        state
            .antt
            .duty()
            .send_wishes(user.actor(), unit, person, month, wishes)
            .await
    };
    let person_param = person.map_or_else(String::new, |p| format!("&person={p}"));
    saved(
        result,
        |()| {
            Redirect::to(&layout.link(&format!(
                "/duty/wishes?month={}{person_param}&saved=1",
                month_key(month)
            )))
            .into_response()
        },
        async |e| wishes_page(&state, &user, &q, Some(&pairs), Some(first_error(&e))).await,
    )
    .await
}

pub(crate) async fn posts(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<PostsPage, WebError> {
    posts_page(&state, &user, &q, FieldErrors::default()).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct PostForm {
    campus: String,
    name: String,
    #[serde(default)]
    skill: String,
    shifts: String,
}

pub(crate) async fn add_post(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<PostForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "duty", "").await?;
    let campus: CampusId = parse_id(&f.campus)?;
    let result = match DutyPostInput::parse(campus, &f.name, &f.skill, &f.shifts) {
        Ok(input) => state.antt.duty().add_post(user.actor(), unit, input).await,
        Err(e) => Err(antt_core::CoreError::Invalid(e)),
    };
    saved(
        result,
        |_| Redirect::to(&layout.link("/duty/posts")).into_response(),
        async |e| posts_page(&state, &user, &q, FieldErrors::from(&e)).await,
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(crate) struct RemoveForm {
    post: String,
}

pub(crate) async fn remove_post(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<RemoveForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "duty", "").await?;
    let id: DutyPostId = parse_id(&f.post)?;
    state
        .antt
        .duty()
        .remove_post(user.actor(), unit, id)
        .await?;
    Ok(Redirect::to(&layout.link("/duty/posts")).into_response())
}

pub(crate) async fn add_guard(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "duty", "").await?;
    let value = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map_or("", |(_, v)| v.as_str())
    };
    let person: PersonId = parse_id(value("person"))?;
    let campus: CampusId = parse_id(value("campus"))?;
    let skills: Vec<Skill> = pairs
        .iter()
        .filter(|(k, _)| k == "skill")
        .filter_map(|(_, v)| Skill::parse(v))
        .collect();
    let weekly = value("weekly_hours").trim();
    let weekly_hours = if weekly.is_empty() {
        None
    } else {
        // Anything but a small number is out of the range core refuses.
        Some(weekly.parse::<u8>().unwrap_or(u8::MAX))
    };
    saved(
        state
            .antt
            .duty()
            .save_guard(user.actor(), unit, person, campus, &skills, weekly_hours)
            .await,
        |()| Redirect::to(&layout.link("/duty/posts")).into_response(),
        async |e| posts_page(&state, &user, &q, FieldErrors::from(&e)).await,
    )
    .await
}

/// A shift of one's own.
pub(crate) struct MyLine {
    day: String,
    hours: String,
    post: String,
    night: bool,
    /// "Nhờ trực thay": the form to ask another guard.
    swap_href: String,
}

/// A request to stand another's shift, as a line with what one may do.
pub(crate) struct SwapItem {
    id: String,
    when: String,
    post: String,
    from: String,
    to: String,
    reason: String,
    state: &'static str,
    /// The one asked may agree or decline.
    answer: bool,
    /// The one who asked may take it back.
    withdraw: bool,
    /// The office may approve (both agreed) or refuse (still open).
    approve: bool,
    refuse: bool,
}

fn swap_items(lines: &[antt_core::duty::SwapLine], office: bool) -> Vec<SwapItem> {
    use antt_domain::duty::SwapState;
    lines
        .iter()
        .map(|l| SwapItem {
            id: l.request.id.to_string(),
            when: l.when.clone(),
            post: l.post.clone(),
            from: l.from_name.clone(),
            to: l.to_name.clone(),
            reason: l.request.reason.clone(),
            state: i18n::swap_state(l.request.state),
            answer: l.mine_to_answer && l.request.state == SwapState::Asked,
            withdraw: l.mine_asked && l.request.state.open(),
            approve: office && l.request.state == SwapState::Agreed,
            refuse: office && l.request.state.open(),
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "duty/mine.html")]
pub(crate) struct MinePage {
    layout: Layout,
    shifts: Vec<MyLine>,
    linked: bool,
    /// The last day to send next month's wishes.
    wishes_close: String,
    /// The calendar feed just made: its `webcal://` and `https://` forms.
    feed: Option<(String, String)>,
    swaps: Vec<SwapItem>,
    /// When the working feed was made, if there is one.
    feed_made: Option<String>,
}

pub(crate) async fn mine(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<MinePage, WebError> {
    mine_page(&state, &user, None).await
}

/// Makes the guard's calendar feed and shows its address once.
pub(crate) async fn mine_feed(
    State(state): State<AppState>,
    user: CurrentUser,
    base: crate::client::PublicBase,
) -> Result<MinePage, WebError> {
    let token = state.antt.auth().issue_calendar_token(user.actor()).await?;
    let https = format!("{}/calendar/{token}.ics", base.0);
    let webcal = https
        .split_once("://")
        .map_or_else(|| https.clone(), |(_, rest)| format!("webcal://{rest}"));
    mine_page(&state, &user, Some((webcal, https))).await
}

/// A calendar feed: the guard's published shifts as iCalendar, for the
/// phone's calendar that subscribed to the secret address. No session;
/// an unknown or replaced secret is simply not found.
pub(crate) async fn calendar_feed(
    State(state): State<AppState>,
    axum::extract::Path(file): axum::extract::Path<String>,
) -> Result<Response, WebError> {
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    let actor = match state.antt.auth().calendar_actor(token).await {
        Ok(a) => a,
        Err(antt_core::CoreError::Unauthenticated) => {
            return Ok(axum::http::StatusCode::NOT_FOUND.into_response());
        }
        Err(e) => return Err(e.into()),
    };
    let file = state.antt.duty().my_calendar(&actor).await?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, file.content_type),
            (axum::http::header::CACHE_CONTROL, "private, max-age=900"),
        ],
        file.bytes,
    )
        .into_response())
}

async fn mine_page(
    state: &AppState,
    user: &CurrentUser,
    feed: Option<(String, String)>,
) -> Result<MinePage, WebError> {
    let (_, layout) = frame(
        state,
        user,
        &UnitParam::default(),
        "duty",
        "Ca trực của tôi",
    )
    .await?;
    let now = state
        .antt
        .now()
        .with_timezone(&antt_domain::time::vietnam())
        .naive_local();
    let shifts = state.antt.duty().my_shifts(user.actor(), now).await?;
    let swaps = match user.actor().unit_id {
        Some(unit) if user.0.user.person_id.is_some() => {
            swap_items(&state.antt.duty().swaps(user.actor(), unit).await?, false)
        }
        _ => Vec::new(),
    };
    let next = month_of(month_of(now.date()) + Duration::days(32));
    let feed_made = state
        .antt
        .auth()
        .calendar_token_made(user.actor())
        .await?
        .map(|t| antt_domain::time::format_date(local_date(t)));
    Ok(MinePage {
        feed,
        swaps,
        feed_made,
        wishes_close: antt_domain::time::format_date(wishes_close(next)),
        linked: user.0.user.person_id.is_some(),
        shifts: shifts
            .iter()
            .map(|s| MyLine {
                day: format!(
                    "{} {}",
                    weekday(s.shift.start.date()),
                    s.shift.start.format("%d/%m")
                ),
                hours: format!(
                    "{}–{}",
                    s.shift.start.format("%H:%M"),
                    s.shift.end.format("%H:%M")
                ),
                post: s.post.clone(),
                night: s.shift.is_night() || s.shift.night_minutes() > 0,
                swap_href: format!(
                    "/duty/swap?month={}&shift={}",
                    month_key(month_of(s.shift.start.date())),
                    s.shift.id
                ),
            })
            .collect(),
        layout,
    })
}

pub(crate) async fn mine_calendar(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    let file = state.antt.duty().my_calendar(user.actor()).await?;
    Ok(super::download(file))
}

/// The month as a spreadsheet: the shifts, and the hours per guard.
pub(crate) async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "duty", "").await?;
    let file = state
        .antt
        .duty()
        .export_month(user.actor(), unit, q.month(&state))
        .await?;
    Ok(super::download(file))
}

/// The month as the notice to sign (Word, A4 landscape).
pub(crate) async fn document(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "duty", "").await?;
    let file = state
        .antt
        .duty()
        .roster_document(user.actor(), unit, q.month(&state))
        .await?;
    Ok(super::download(file))
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct SwapParams {
    month: Option<String>,
    shift: Option<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "duty/swap.html")]
pub(crate) struct SwapPage {
    layout: Layout,
    month: String,
    shift: i64,
    what: String,
    guards: Vec<Choice>,
    reason: String,
    error: Option<&'static str>,
}

async fn swap_page(
    state: &AppState,
    user: &CurrentUser,
    month: NaiveDate,
    shift: i64,
    typed: Option<(&str, &str)>,
    error: Option<&'static str>,
) -> Result<SwapPage, WebError> {
    let (unit, layout) = frame(state, user, &UnitParam::default(), "duty", "Nhờ trực thay").await?;
    let actor = user.actor();
    let now = state
        .antt
        .now()
        .with_timezone(&antt_domain::time::vietnam())
        .naive_local();
    let mine = state.antt.duty().my_shifts(actor, now).await?;
    let this = mine
        .iter()
        .find(|s| s.shift.id == shift && month_of(s.shift.start.date()) == month)
        .ok_or(antt_core::CoreError::NotFound)?;
    let me = user.0.user.person_id;
    let (to, reason) = typed.unwrap_or(("", ""));
    // The guards of the shift's campus first: the likeliest to cover it.
    let mut guards = state.antt.duty().guards(actor, unit).await?;
    guards.retain(|g| Some(g.person_id) != me);
    guards.sort_by_key(|g| g.campus_id != this.shift.campus_id);
    Ok(SwapPage {
        month: month_key(month),
        shift,
        what: format!(
            "{} {} {}–{}, {}",
            weekday(this.shift.start.date()),
            this.shift.start.format("%d/%m"),
            this.shift.start.format("%H:%M"),
            this.shift.end.format("%H:%M"),
            this.post
        ),
        guards: guards
            .into_iter()
            .map(|g| Choice::new(g.person_id.to_string(), g.full_name, to))
            .collect(),
        reason: reason.to_owned(),
        error,
        layout,
    })
}

pub(crate) async fn swap_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<SwapParams>,
) -> Result<SwapPage, WebError> {
    let month = Params {
        month: q.month.clone(),
        ..Params::default()
    }
    .month(&state);
    swap_page(&state, &user, month, q.shift.unwrap_or(-1), None, None).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct SwapForm {
    month: String,
    shift: i64,
    to: String,
    #[serde(default)]
    reason: String,
}

pub(crate) async fn ask_swap(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(f): Form<SwapForm>,
) -> Result<Response, WebError> {
    let unit = user
        .actor()
        .unit_id
        .ok_or(antt_core::CoreError::Forbidden)?;
    let month = Params {
        month: Some(f.month.clone()),
        ..Params::default()
    }
    .month(&state);
    let to: PersonId = parse_id(&f.to)?;
    saved(
        state
            .antt
            .duty()
            .ask_swap(user.actor(), unit, month, f.shift, to, &f.reason)
            .await,
        |_| Redirect::to("/duty/mine").into_response(),
        async |e| {
            swap_page(
                &state,
                &user,
                month,
                f.shift,
                Some((&f.to, &f.reason)),
                Some(
                    if e.for_field("to") == Some(antt_domain::ErrorCode::RulesBroken) {
                        i18n::COVER_BREAKS_RULES
                    } else {
                        first_error(&e)
                    },
                ),
            )
            .await
        },
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(crate) struct AnswerForm {
    id: String,
    answer: String,
}

/// The guard asked agrees or declines; the one who asked withdraws.
pub(crate) async fn answer_swap(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(f): Form<AnswerForm>,
) -> Result<Response, WebError> {
    use antt_domain::duty::SwapState;
    let unit = user
        .actor()
        .unit_id
        .ok_or(antt_core::CoreError::Forbidden)?;
    let id = parse_id(&f.id)?;
    let answer = SwapState::parse(&f.answer)
        .ok_or_else(|| antt_core::CoreError::invalid("answer", antt_domain::ErrorCode::Invalid))?;
    state
        .antt
        .duty()
        .answer_swap(user.actor(), unit, id, answer)
        .await?;
    Ok(Redirect::to("/duty/mine").into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct DecideForm {
    id: String,
    #[serde(default)]
    approve: String,
}

/// The office approves or refuses a request.
pub(crate) async fn decide_swap(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<DecideForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "duty", "").await?;
    let id = parse_id(&f.id)?;
    let month = q.month(&state);
    match state
        .antt
        .duty()
        .decide_swap(user.actor(), unit, id, f.approve == "1")
        .await
    {
        Ok(()) => Ok(back(&layout, month)),
        Err(antt_core::CoreError::Invalid(e)) => Ok(crate::forms::form_again(
            roster_page(&state, &user, &q, Some(first_error(&e)), &[]).await?,
        )),
        Err(e) => Err(e.into()),
    }
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::{get, post};
    crate::routes::Routes::new()
        .route("/duty", get(show))
        .route("/duty/export", get(export))
        .route("/duty/document", get(document))
        .route("/duty/generate", post(generate))
        .route("/duty/publish", post(publish))
        .route("/duty/absence", post(absence))
        .route("/duty/shift", get(shift_form).post(shift_save))
        .route("/duty/posts", get(posts).post(add_post))
        .route("/duty/posts/remove", post(remove_post))
        .route("/duty/guards", post(add_guard))
        .route("/duty/events", post(add_event))
        .route("/duty/events/remove", post(remove_event))
        .route("/duty/wishes", get(wishes).post(send_wishes))
        .route("/duty/mine", get(mine))
        .route("/duty/mine/feed", post(mine_feed))
        .route("/duty/swap", get(swap_form).post(ask_swap))
        .route("/duty/swap/answer", post(answer_swap))
        .route("/duty/swap/decide", post(decide_swap))
        .route("/calendar/{file}", get(calendar_feed))
        .route("/duty/mine.ics", get(mine_calendar))
}
