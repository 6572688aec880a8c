//! Tips for the unit: the inbox with its overdue view, a tip opened by a
//! handler (content, photos, conversation, notes, history, and the forms to
//! assign it and move it on), a tip recorded by staff, and the office's
//! settings: who handles tips, who is on duty, the deadline of each
//! category.

use crate::forms::Form;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use antt_core::CoreError;
use antt_core::tip::{InboxView, TipView};
use antt_domain::role::Capability;
use antt_domain::time::format_instant;
use antt_domain::tip::{Author, StateChange, TipCategory, TipChannel, TipState};
use antt_domain::{ErrorCode, TipId, UserId, ValidationErrors};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, form_again, saved};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;
use crate::views::portal::{TipForm, category_choices, read_tip_form};

/// A line of the inbox.
pub(crate) struct Line {
    href: String,
    number: u32,
    category: &'static str,
    state: &'static str,
    channel: &'static str,
    urgent: bool,
    overdue: bool,
    awaiting: bool,
    received: String,
    due: String,
    age: String,
    assignee: String,
}

/// A notice of the one who looks.
pub(crate) struct NoticeItem {
    href: String,
    label: &'static str,
    text: String,
    at: String,
    unread: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "tips/inbox.html")]
pub(crate) struct InboxPage {
    handler: bool,
    office: bool,
    view: &'static str,
    lines: Vec<Line>,
    open: usize,
    overdue: usize,
    mine: usize,
    notices: Vec<NoticeItem>,
    recorded: Option<u32>,
    /// For staff who record but do not handle: the tips they recorded,
    /// with how far handling has gone (no content).
    mine_recorded: Vec<RecordedLine>,
    portal: String,
    layout: Layout,
}

/// A tip the reader recorded, as they may follow it.
pub(crate) struct RecordedLine {
    number: u32,
    category: &'static str,
    channel: &'static str,
    received: String,
    state: &'static str,
    closed: bool,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct InboxParams {
    view: Option<String>,
    recorded: Option<u32>,
}

/// How long ago a tip came in: "vừa xong" in its first hour.
fn age(hours: i64) -> String {
    match hours {
        ..1 => "vừa xong".to_owned(),
        1..24 => format!("{hours} giờ trước"),
        _ => format!("{} ngày trước", hours / 24),
    }
}

/// The inbox; for staff who do not handle tips, the way to record one.
pub(crate) async fn inbox(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<InboxParams>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &UnitParam::default(), "tips", "Tin báo").await?;
    let actor = user.actor();
    if !actor.can(Capability::RecordTips) {
        return Ok(Redirect::to("/tips/report").into_response());
    }
    let handler = state.antt.tips().handles(actor, unit).await?;
    let portal = format!("/tip/{}", state.antt.units().get(actor, unit).await?.code);
    let mut page = InboxPage {
        handler,
        office: actor.role.can(Capability::ManageUsers),
        view: "open",
        lines: Vec::new(),
        open: 0,
        overdue: 0,
        mine: 0,
        notices: Vec::new(),
        recorded: q.recorded,
        mine_recorded: Vec::new(),
        portal,
        layout,
    };
    if !handler {
        page.mine_recorded = state
            .antt
            .tips()
            .recorded_by_me(actor)
            .await?
            .into_iter()
            .map(|t| RecordedLine {
                number: t.number,
                category: i18n::tip_category(t.category),
                channel: i18n::tip_channel(t.channel),
                received: format_instant(t.received_at),
                state: i18n::tip_state(t.state),
                closed: t.state.is_closed(),
            })
            .collect();
        return Ok(page.into_response());
    }
    let (view, key) = match q.view.as_deref() {
        Some("mine") => (InboxView::Mine, "mine"),
        Some("overdue") => (InboxView::Overdue, "overdue"),
        Some("all") => (InboxView::All, "all"),
        _ => (InboxView::Open, "open"),
    };
    let inbox = state.antt.tips().inbox(actor, view).await?;
    page.view = key;
    page.open = inbox.open;
    page.overdue = inbox.overdue;
    page.mine = inbox.mine;
    page.lines = inbox
        .lines
        .into_iter()
        .map(|l| Line {
            href: format!("/tips/{}", l.tip.id),
            number: l.tip.number,
            category: i18n::tip_category(l.tip.category),
            state: i18n::tip_state(l.tip.state),
            channel: i18n::tip_channel(l.tip.channel),
            urgent: l.tip.urgent,
            overdue: l.overdue,
            awaiting: l.tip.awaiting_staff && !l.tip.state.is_closed(),
            received: format_instant(l.tip.received_at),
            due: format_instant(l.tip.due_at),
            age: age(l.age_hours),
            assignee: l.assignee.unwrap_or_default(),
        })
        .collect();
    let (notices, _) = state.antt.tips().notices(actor).await?;
    page.notices = notices
        .into_iter()
        .take(8)
        .map(|n| NoticeItem {
            href: format!("/tips/{}", n.notice.tip_id),
            label: i18n::notice_kind(n.notice.kind),
            text: format!(
                "Tin báo số {} · {}",
                n.number,
                i18n::tip_category(n.category)
            ),
            at: format_instant(n.notice.at),
            unread: !n.notice.read,
        })
        .collect();
    Ok(page.into_response())
}

/// A student's way to the portal of their unit: the portal knows nothing
/// of the account.
pub(crate) async fn report(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    let actor = user.actor();
    let unit = state.antt.units().get(actor, actor.home_unit()?).await?;
    Ok(Redirect::to(&format!("/tip/{}", unit.code)).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "tips/record.html")]
pub(crate) struct RecordPage {
    form: TipForm,
    channels: Vec<Choice>,
    categories: Vec<Choice>,
    errors: FieldErrors,
    layout: Layout,
}

fn channel_choices(current: &str) -> Vec<Choice> {
    TipChannel::ALL
        .iter()
        .filter(|c| **c != TipChannel::Portal)
        .map(|c| Choice::new(c.code(), i18n::tip_channel(*c), current))
        .collect()
}

async fn record_page(
    state: &AppState,
    user: &CurrentUser,
    form: TipForm,
    channel: String,
    errors: FieldErrors,
) -> Result<RecordPage, WebError> {
    let (_, layout) = frame(
        state,
        user,
        &UnitParam::default(),
        "tips",
        "Ghi nhận tin báo",
    )
    .await?;
    Ok(RecordPage {
        categories: category_choices(form.category()),
        channels: channel_choices(&channel),
        form,
        errors,
        layout,
    })
}

/// `?description=`: a tip started from a line of the gate's shift log.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Prefill {
    description: Option<String>,
}

pub(crate) async fn record_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(prefill): Query<Prefill>,
) -> Result<Response, WebError> {
    let mut form = TipForm::default();
    form.set("identity", "named".into());
    if let Some(text) = prefill.description.filter(|t| !t.trim().is_empty()) {
        form.set("description", text.chars().take(2_000).collect());
    }
    Ok(
        record_page(&state, &user, form, "phone".into(), FieldErrors::default())
            .await?
            .into_response(),
    )
}

/// Records a tip received by phone, in person, by letter or from the ward police.
pub(crate) async fn record(
    State(state): State<AppState>,
    user: CurrentUser,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let (form, photos, channel) = match read_tip_form(multipart).await {
        Ok((form, photos)) => {
            let channel = form.channel.clone();
            (form, photos, channel)
        }
        Err(e) => {
            let page = record_page(
                &state,
                &user,
                TipForm::default(),
                "phone".into(),
                FieldErrors::from(&e),
            )
            .await?;
            return Ok(form_again(page));
        }
    };
    let refused = |e: ValidationErrors, form, channel| {
        let state = state.clone();
        let user = &user;
        async move {
            let page = record_page(&state, user, form, channel, FieldErrors::from(&e)).await?;
            Ok::<_, WebError>(form_again(page))
        }
    };
    let Some(ch) = TipChannel::parse(&channel).filter(|c| *c != TipChannel::Portal) else {
        return refused(
            ValidationErrors::single("channel", ErrorCode::Required),
            form,
            channel,
        )
        .await;
    };
    let input = match form.parse(ch) {
        Ok(i) => i,
        Err(e) => return refused(e, form, channel).await,
    };
    let actor = user.actor();
    match state.antt.tips().record(actor, input, photos).await {
        Ok((id, number)) => {
            let unit = actor.home_unit()?;
            if state.antt.tips().handles(actor, unit).await? {
                Ok(Redirect::to(&format!("/tips/{id}")).into_response())
            } else {
                Ok(Redirect::to(&format!("/tips?recorded={number}")).into_response())
            }
        }
        Err(CoreError::Invalid(e)) => refused(e, form, channel).await,
        Err(e) => Err(e.into()),
    }
}

/// A message or note as shown to the handler.
pub(crate) struct MessageItem {
    kind: &'static str,
    class: &'static str,
    who: String,
    at: String,
    body: String,
}

/// A change of state as shown.
pub(crate) struct EventItem {
    at: String,
    who: String,
    change: String,
    reason: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "tips/show.html")]
pub(crate) struct ShowPage {
    id: String,
    number: u32,
    category: &'static str,
    channel: &'static str,
    state: &'static str,
    closed: bool,
    urgent: bool,
    overdue: bool,
    anonymous: bool,
    portal: bool,
    received: String,
    due: String,
    occurred: String,
    campus: String,
    place: String,
    description: String,
    contact: String,
    outcome: String,
    police_unit: String,
    incident: Option<String>,
    photos: Vec<String>,
    messages: Vec<MessageItem>,
    events: Vec<EventItem>,
    assignees: Vec<Choice>,
    next_states: Vec<(&'static str, &'static str)>,
    errors: FieldErrors,
    problem: Option<&'static str>,
    layout: Layout,
}

async fn show_page(
    state: &AppState,
    user: &CurrentUser,
    id: TipId,
    errors: FieldErrors,
    problem: Option<&'static str>,
) -> Result<ShowPage, WebError> {
    let actor = user.actor();
    let v: TipView = state.antt.tips().open(actor, id).await?;
    let (_, layout) = frame(
        state,
        user,
        &UnitParam::default(),
        "tips",
        format!("Tin báo số {}", v.tip.number),
    )
    .await?;
    let name = |u: Option<UserId>| {
        u.and_then(|u| v.names.get(&u).cloned())
            .unwrap_or_else(|| "—".into())
    };
    let current = v.tip.assignee_id.map(|a| a.to_string());
    Ok(ShowPage {
        id: id.to_string(),
        number: v.tip.number,
        category: i18n::tip_category(v.tip.category),
        channel: i18n::tip_channel(v.tip.channel),
        state: i18n::tip_state(v.tip.state),
        closed: v.tip.state.is_closed(),
        urgent: v.tip.urgent,
        overdue: v.overdue,
        anonymous: v.tip.anonymous,
        portal: v.tip.channel == TipChannel::Portal,
        received: format_instant(v.tip.received_at),
        due: format_instant(v.tip.due_at),
        occurred: v.tip.occurred_at.map(format_instant).unwrap_or_default(),
        campus: v.campus.clone().unwrap_or_default(),
        place: v.content.place.clone().unwrap_or_default(),
        description: v.content.description.clone(),
        contact: v.content.contact.clone().unwrap_or_default(),
        outcome: v.tip.outcome.clone().unwrap_or_default(),
        police_unit: v.tip.police_unit.clone().unwrap_or_default(),
        incident: v.tip.incident_id.map(|i| format!("/incidents/{i}")),
        photos: (0..v.photos)
            .map(|i| format!("/tips/{id}/photos/{i}"))
            .collect(),
        messages: v
            .messages
            .iter()
            .map(|m| MessageItem {
                kind: i18n::message_author(m.author),
                class: m.author.code(),
                who: match m.author {
                    Author::Reporter => String::new(),
                    _ => name(m.user_id),
                },
                at: format_instant(m.at),
                body: m.body.clone(),
            })
            .collect(),
        events: v
            .events
            .iter()
            .map(|e| EventItem {
                at: format_instant(e.at),
                who: name(e.user_id),
                change: format!("{} → {}", i18n::tip_state(e.from), i18n::tip_state(e.to)),
                reason: e.reason.clone(),
            })
            .collect(),
        assignees: Choice::optional(
            v.handlers.iter().map(|(u, n)| (u, n.clone())),
            current.as_ref(),
        ),
        next_states: v
            .next_states
            .iter()
            .map(|s| (s.code(), i18n::tip_state_action(*s)))
            .collect(),
        errors,
        problem,
        layout,
    })
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id: TipId = parse_id(&id)?;
    Ok(show_page(&state, &user, id, FieldErrors::default(), None)
        .await?
        .into_response())
}

pub(crate) async fn photo(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, n)): Path<(String, u32)>,
) -> Result<Response, WebError> {
    let id: TipId = parse_id(&id)?;
    let bytes = state.antt.tips().photo(user.actor(), id, n).await?;
    Ok(crate::views::private_jpeg(bytes))
}

async fn after(
    state: &AppState,
    user: &CurrentUser,
    id: TipId,
    result: Result<(), CoreError>,
) -> Result<Response, WebError> {
    saved(
        result,
        |()| Redirect::to(&format!("/tips/{id}")).into_response(),
        async |e| {
            let problem = e.iter().next().map(|e| match (e.field, e.code) {
                ("state", _) => "Không chuyển được sang trạng thái này từ trạng thái hiện tại.",
                ("message", ErrorCode::NotAllowed) => {
                    "Tin báo do cán bộ ghi nhận không có mã tra cứu: người báo tin không đọc được tin nhắn. Hãy liên hệ trực tiếp."
                }
                ("assignee", ErrorCode::NotAllowed) => {
                    "Tài khoản này chưa được giao quyền xử lý tin báo. Văn phòng giao quyền ở mục Thiết lập."
                }
                _ => "Chưa lưu được: xem các ô được đánh dấu.",
            });
            let page = show_page(state, user, id, FieldErrors::from(&e), problem).await?;
            Ok(page)
        },
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(crate) struct AssignForm {
    #[serde(default)]
    assignee: String,
}

pub(crate) async fn assign(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(f): Form<AssignForm>,
) -> Result<Response, WebError> {
    let id: TipId = parse_id(&id)?;
    let to = match f.assignee.trim() {
        "" => None,
        s => Some(parse_id::<UserId>(s)?),
    };
    let result = state.antt.tips().assign(user.actor(), id, to).await;
    after(&state, &user, id, result).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct StateForm {
    to: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    outcome: Option<String>,
    #[serde(default)]
    police_unit: Option<String>,
}

pub(crate) async fn change_state(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(f): Form<StateForm>,
) -> Result<Response, WebError> {
    let id: TipId = parse_id(&id)?;
    let Some(to) = TipState::parse(&f.to) else {
        return after(
            &state,
            &user,
            id,
            Err(CoreError::invalid("state", ErrorCode::Invalid)),
        )
        .await;
    };
    let change = StateChange {
        reason: f.reason,
        outcome: f.outcome,
        police_unit: f.police_unit,
    };
    let result = state
        .antt
        .tips()
        .change_state(user.actor(), id, to, change)
        .await;
    after(&state, &user, id, result).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct MessageForm {
    #[serde(default)]
    body: String,
    /// "staff" (to the reporter) or "note".
    kind: String,
}

pub(crate) async fn message(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(f): Form<MessageForm>,
) -> Result<Response, WebError> {
    let id: TipId = parse_id(&id)?;
    let author = if f.kind == "note" {
        Author::Note
    } else {
        Author::Staff
    };
    let result = state
        .antt
        .tips()
        .add_message(user.actor(), id, author, &f.body)
        .await;
    after(&state, &user, id, result).await
}

/// An account in the settings.
pub(crate) struct HandlerItem {
    id: String,
    name: String,
    role: &'static str,
    by_role: bool,
    named: bool,
    duty: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "tips/settings.html")]
pub(crate) struct SettingsPage {
    handlers: Vec<HandlerItem>,
    deadlines: Vec<(&'static str, &'static str, u32)>,
    problem: Option<&'static str>,
    saved: bool,
    layout: Layout,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct SettingsParams {
    #[serde(default)]
    saved: Option<u8>,
}

async fn settings_page(
    state: &AppState,
    user: &CurrentUser,
    problem: Option<&'static str>,
    saved: bool,
) -> Result<SettingsPage, WebError> {
    let (_, layout) = frame(
        state,
        user,
        &UnitParam::default(),
        "tips",
        "Thiết lập xử lý tin báo",
    )
    .await?;
    let actor = user.actor();
    let handlers = state
        .antt
        .tips()
        .handlers(actor)
        .await?
        .into_iter()
        .map(|h| HandlerItem {
            id: h.user_id.to_string(),
            name: format!("{} ({})", h.display_name, h.username),
            role: i18n::role(h.role),
            by_role: h.role.can(Capability::HandleTips),
            named: h.named,
            duty: h.duty,
        })
        .collect();
    let deadlines = state
        .antt
        .tips()
        .deadlines(actor)
        .await?
        .into_iter()
        .map(|(c, h)| (c.code(), i18n::tip_category(c), h))
        .collect();
    Ok(SettingsPage {
        handlers,
        deadlines,
        problem,
        saved,
        layout,
    })
}

pub(crate) async fn settings(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<SettingsParams>,
) -> Result<Response, WebError> {
    Ok(settings_page(&state, &user, None, q.saved.is_some())
        .await?
        .into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct HandlerForm {
    user: String,
    /// "none", "handler" or "duty".
    part: String,
}

pub(crate) async fn set_handler(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(f): Form<HandlerForm>,
) -> Result<Response, WebError> {
    let who: UserId = parse_id(&f.user)?;
    let duty = match f.part.as_str() {
        "duty" => Some(true),
        "handler" => Some(false),
        _ => None,
    };
    saved(
        state.antt.tips().set_handler(user.actor(), who, duty).await,
        |()| Redirect::to("/tips/settings?saved=1").into_response(),
        async |_| {
            let page = settings_page(&state, &user, Some("Tài khoản này không thể xử lý tin báo (học sinh, sinh viên hoặc cán bộ Công an)."), false).await?;
            Ok(page)
        },
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(crate) struct DeadlineForm {
    category: String,
    hours: String,
}

pub(crate) async fn set_deadline(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(f): Form<DeadlineForm>,
) -> Result<Response, WebError> {
    let Some(category) = TipCategory::parse(&f.category) else {
        return Err(WebError(CoreError::NotFound));
    };
    let hours = f.hours.trim().parse::<u32>().unwrap_or(0);
    saved(
        state
            .antt
            .tips()
            .set_deadline(user.actor(), category, hours)
            .await,
        |()| Redirect::to("/tips/settings?saved=1").into_response(),
        async |_| {
            let page = settings_page(
                &state,
                &user,
                Some("Thời hạn phải từ 1 đến 720 giờ (30 ngày)."),
                false,
            )
            .await?;
            Ok(page)
        },
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct PosterParams {
    /// `png`, or a Word document by default.
    format: Option<String>,
}

/// The poster of the unit's tip portal, with the QR code of the address
/// this page was opened at.
pub(crate) async fn poster(
    State(state): State<AppState>,
    user: CurrentUser,
    crate::client::PublicBase(base): crate::client::PublicBase,
    Query(q): Query<PosterParams>,
) -> Result<Response, WebError> {
    let png = q.format.as_deref() == Some("png");
    let file = state.antt.tips().poster(user.actor(), &base, png).await?;
    Ok(super::download(file))
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::extract::DefaultBodyLimit;
    use axum::routing::{get, post};

    use crate::limits;
    crate::routes::Routes::new()
        .route("/tips", get(inbox))
        .route(
            "/tips/new",
            get(record_form)
                .post(record)
                .layer(DefaultBodyLimit::max(limits::UPLOAD_BODY)),
        )
        .route("/tips/report", get(report))
        .route("/tips/poster", get(poster))
        .route("/tips/settings", get(settings))
        .route("/tips/settings/handlers", post(set_handler))
        .route("/tips/settings/deadlines", post(set_deadline))
        .route("/tips/{id}", get(show))
        .route("/tips/{id}/photos/{n}", get(photo))
        .route("/tips/{id}/assign", post(assign))
        .route("/tips/{id}/state", post(change_state))
        .route("/tips/{id}/messages", post(message))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_fresh_tip_came_in_just_now() {
        assert_eq!(super::age(0), "vừa xong");
        assert_eq!(super::age(5), "5 giờ trước");
        assert_eq!(super::age(50), "2 ngày trước");
    }
}
