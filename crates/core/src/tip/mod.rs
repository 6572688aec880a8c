//! Tips: the public portal ([`portal`]), and the handling by the unit: staff
//! record tips given by phone, in person, by letter or by the ward police;
//! handlers read them (each read audited), assign them, move them through
//! their states with a reason, talk to the reporter and keep notes the
//! reporter never sees. Handlers are the office, the leaders and the
//! accounts the office names; nobody else reads a tip's content.

mod demo;
pub(crate) mod flood;
pub mod notify;
pub mod portal;
pub mod stats;

pub use demo::DEMO_RECEIPT;
pub(crate) use flood::FloodGate;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use antt_domain::audit::{AuditAction, Change, TargetKind};
use antt_domain::role::{Capability, Role};
use antt_domain::tip::{
    self, Author, NoticeKind, StateChange, Tip, TipCategory, TipChannel, TipContent, TipEvent,
    TipInput, TipMessage, TipState,
};
use antt_domain::{ErrorCode, TipId, UnitId, UserId};
use antt_mail::hook::Webhook;
use antt_store::Tx;
use antt_store::tip::{self as store, NewTip, Sealed, TipFilter};

use crate::actor::Actor;
use crate::audit::{changed, entry};
use crate::context::Cx;
use crate::error::{CoreError, CoreResult};
use crate::org::Org;
use crate::sealed::TipKey;
use crate::write::{Access, Write};

pub use notify::TipEventKind;

/// The context a sealed part of a tip is bound to.
pub(crate) fn seal_context(id: TipId, part: &str) -> Vec<u8> {
    format!("tip:{id}:{part}").into_bytes()
}

pub(crate) fn open_text(key: &TipKey, sealed: &[u8], context: &[u8]) -> CoreResult<String> {
    let plain = key.open(sealed, context).map_err(CoreError::internal)?;
    String::from_utf8(plain).map_err(CoreError::internal)
}

/// A line of the inbox: no content, only what the list needs.
#[derive(Clone, Debug)]
pub struct TipLine {
    pub tip: Tip,
    pub overdue: bool,
    /// Hours since it was received.
    pub age_hours: i64,
    pub assignee: Option<String>,
}

/// Which tips the inbox shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InboxView {
    /// Not closed.
    #[default]
    Open,
    /// Assigned to the one who asks.
    Mine,
    /// Past their deadline and still with the unit.
    Overdue,
    /// Everything, newest first.
    All,
}

/// The inbox of a unit's tips.
#[derive(Clone, Debug, Default)]
pub struct Inbox {
    pub lines: Vec<TipLine>,
    pub open: usize,
    pub overdue: usize,
    pub mine: usize,
}

/// A tip opened by a handler.
#[derive(Clone, Debug)]
pub struct TipView {
    pub tip: Tip,
    pub content: TipContent,
    pub campus: Option<String>,
    pub photos: u32,
    /// Messages and notes, oldest first.
    pub messages: Vec<TipMessage>,
    pub events: Vec<TipEvent>,
    /// Display names of the accounts named above.
    pub names: HashMap<UserId, String>,
    /// Who the tip may be given to.
    pub handlers: Vec<(UserId, String)>,
    pub overdue: bool,
    /// The states it may move to now.
    pub next_states: Vec<TipState>,
}

/// An account of the unit and its part in handling tips.
#[derive(Clone, Debug)]
pub struct HandlerLine {
    pub user_id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// Reads tips by role (office, leaders) or by being named.
    pub handles: bool,
    pub named: bool,
    pub duty: bool,
}

/// How a tip came in: its id (chosen first, its parts are sealed for it),
/// the receipt's hash for a portal tip, who recorded it, and when.
pub(crate) struct Intake {
    pub id: TipId,
    pub receipt_hash: Option<String>,
    pub recorded_by: Option<UserId>,
    pub at: DateTime<Utc>,
}

/// What tips take from the configuration: the webhook their notices are
/// also sent to (the key they are sealed with is the context's).
#[derive(Clone, Default)]
pub(crate) struct TipSettings {
    webhook: Option<Arc<(Webhook, Option<String>)>>,
}

impl TipSettings {
    pub(crate) fn with_webhook(hook: Webhook, base_url: Option<String>) -> Self {
        Self {
            webhook: Some(Arc::new((hook, base_url))),
        }
    }

    /// Whether a webhook is configured: other notices (missed patrol
    /// rounds) go the same way.
    pub(crate) fn has_webhook(&self) -> bool {
        self.webhook.is_some()
    }

    /// The address the webhook's links start with, if one is known.
    pub(crate) fn link_base(&self) -> Option<&str> {
        self.webhook.as_ref().and_then(|h| h.1.as_deref())
    }
}

/// Whether `actor` handles the tips of `unit`, as `e` sees it: the office
/// and leaders of the unit, and the accounts the office named.
async fn handles(e: &impl antt_store::Executor, actor: &Actor, unit: UnitId) -> CoreResult<bool> {
    if actor.unit_id != Some(unit) {
        return Ok(false);
    }
    if actor.can(Capability::HandleTips) {
        return Ok(true);
    }
    if !actor.can(Capability::BeNamedTipHandler) {
        return Ok(false);
    }
    let Some(user) = actor.user_id else {
        return Ok(false);
    };
    Ok(store::handler(e, unit, user).await?.is_some())
}

/// Tips: the portal, their handling by the unit, notices and figures.
#[derive(Clone)]
pub struct Tips {
    cx: Cx,
    org: Org,
    settings: TipSettings,
    floods: Arc<FloodGate>,
}

impl Tips {
    pub(crate) fn new(cx: Cx, org: Org, settings: TipSettings) -> Self {
        Self {
            cx,
            org,
            settings,
            floods: Arc::default(),
        }
    }

    pub(crate) fn key(&self) -> CoreResult<&TipKey> {
        self.cx.key()
    }

    /// Whether `actor` handles the tips of `unit`: the office and leaders of
    /// the unit, and the accounts the office named.
    #[tracing::instrument(name = "tips.handles", skip_all, fields(actor = %actor.name))]
    pub async fn handles(&self, actor: &Actor, unit: UnitId) -> CoreResult<bool> {
        handles(self.cx.db(), actor, unit).await
    }

    /// The actor's unit, when the actor handles its tips (and incidents).
    pub(crate) async fn require_handler(&self, actor: &Actor) -> CoreResult<UnitId> {
        let unit = actor.home_unit()?;
        if self.handles(actor, unit).await? {
            Ok(unit)
        } else {
            Err(CoreError::Forbidden)
        }
    }

    /// A write by a handler of the actor's unit (and its incidents), who is
    /// still one once the lock is held.
    pub(crate) async fn handler_write(&self, actor: &Actor) -> CoreResult<(UnitId, Write)> {
        let unit = actor.home_unit()?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::RecordTips))
            .await?;
        if handles(w.tx(), actor, unit).await? {
            Ok((unit, w))
        } else {
            Err(CoreError::Forbidden)
        }
    }

    async fn deadline(
        &self,
        e: &impl antt_store::Executor,
        unit: UnitId,
        category: TipCategory,
    ) -> CoreResult<Duration> {
        Ok(store::deadlines(e, unit)
            .await?
            .into_iter()
            .find(|(c, _)| *c == category)
            .map_or(category.default_deadline(), |(_, h)| {
                Duration::hours(i64::from(h))
            }))
    }

    /// Seals and inserts a tip with its photos; returns its number.
    pub(crate) async fn insert_tip(
        &self,
        tx: &Tx,
        unit: UnitId,
        input: &TipInput,
        photos: &[Vec<u8>],
        intake: Intake,
    ) -> CoreResult<u32> {
        let key = self.key()?;
        let Intake {
            id,
            receipt_hash,
            recorded_by,
            at: now,
        } = intake;
        let seal = |text: &str, part: &str| {
            key.seal(text.as_bytes(), &seal_context(id, part))
                .map_err(CoreError::internal)
        };
        let sealed = Sealed {
            text: seal(&input.description, "text")?,
            place: input
                .place
                .as_deref()
                .map(|p| seal(p, "place"))
                .transpose()?,
            contact: input
                .contact
                .as_deref()
                .map(|c| seal(c, "contact"))
                .transpose()?,
        };
        let due_at = now + self.deadline(tx, unit, input.category).await?;
        let number = store::insert(
            tx,
            unit,
            NewTip {
                id,
                header: input.header(),
                sealed,
                received_at: now,
                due_at,
                receipt_hash,
                recorded_by,
            },
        )
        .await
        .map_err(crate::error::reference_on("campus"))?;
        for (i, photo) in photos.iter().enumerate() {
            let position = u32::try_from(i).map_err(CoreError::internal)?;
            let sealed = key
                .seal(photo, &seal_context(id, &format!("photo:{position}")))
                .map_err(CoreError::internal)?;
            store::add_photo(tx, unit, id, position, photo.len(), sealed).await?;
        }
        Ok(number)
    }

    /// Records a tip received by phone, in person, by letter or from the
    /// ward police. Any staff member of the unit may; only handlers read it
    /// afterwards.
    #[tracing::instrument(name = "tips.record", skip_all, fields(actor = %actor.name))]
    pub async fn record(
        &self,
        actor: &Actor,
        input: TipInput,
        photos: Vec<Vec<u8>>,
    ) -> CoreResult<(TipId, u32)> {
        let unit = actor.home_unit()?;
        self.cx.check_writable(actor, unit).await?;
        actor.require(Capability::RecordTips)?;
        if input.channel == TipChannel::Portal {
            return Err(CoreError::invalid("channel", ErrorCode::Invalid));
        }
        let input = input.validate(self.cx.now())?;
        let photos = portal::clean_photos(photos).await?;
        let id = TipId::new_v7();
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::RecordTips))
            .await?;
        let now = w.now();
        let number = self
            .insert_tip(
                w.tx(),
                unit,
                &input,
                &photos,
                Intake {
                    id,
                    receipt_hash: None,
                    recorded_by: actor.user_id,
                    at: now,
                },
            )
            .await?;
        self.alert(
            w.tx(),
            unit,
            id,
            number,
            &input,
            TipEventKind::for_new(input.urgent),
        )
        .await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Tip, id.to_string())),
            format!(
                "Tin báo số {number} ({}, {})",
                input.category, input.channel
            ),
            Vec::new(),
        ))
        .await?;
        Ok((id, number))
    }

    /// The tips the actor recorded, newest last seen first: their number,
    /// kind and how far handling has gone, never their content (which only
    /// handlers read). A guard who took a call follows it so.
    #[tracing::instrument(name = "tips.recorded_by_me", skip_all, fields(actor = %actor.name))]
    pub async fn recorded_by_me(&self, actor: &Actor) -> CoreResult<Vec<Tip>> {
        let unit = actor.home_unit()?;
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::RecordTips)?;
        let Some(me) = actor.user_id else {
            return Ok(Vec::new());
        };
        let mut tips = store::list(
            self.cx.db(),
            unit,
            TipFilter {
                recorded_by: Some(me),
                ..TipFilter::default()
            },
            100,
        )
        .await?;
        tips.sort_by_key(|t| std::cmp::Reverse(t.received_at));
        Ok(tips)
    }

    /// The inbox of the actor's unit.
    #[tracing::instrument(name = "tips.inbox", skip_all, fields(actor = %actor.name))]
    pub async fn inbox(&self, actor: &Actor, view: InboxView) -> CoreResult<Inbox> {
        let unit = self.require_handler(actor).await?;
        let now = self.cx.now();
        let open = store::list(
            self.cx.db(),
            unit,
            TipFilter {
                open: true,
                ..TipFilter::default()
            },
            10_000,
        )
        .await?;
        let users: HashMap<UserId, String> = antt_store::user::list(self.cx.db(), unit)
            .await?
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect();
        let line = |t: Tip| TipLine {
            overdue: t.is_overdue(now),
            age_hours: (now - t.received_at).num_hours(),
            assignee: t.assignee_id.and_then(|a| users.get(&a).cloned()),
            tip: t,
        };
        let mut inbox = Inbox {
            open: open.len(),
            overdue: open.iter().filter(|t| t.is_overdue(now)).count(),
            mine: open
                .iter()
                .filter(|t| t.assignee_id.is_some() && t.assignee_id == actor.user_id)
                .count(),
            lines: Vec::new(),
        };
        inbox.lines = match view {
            InboxView::Open => open.into_iter().map(line).collect(),
            InboxView::Mine => open
                .into_iter()
                .filter(|t| t.assignee_id.is_some() && t.assignee_id == actor.user_id)
                .map(line)
                .collect(),
            InboxView::Overdue => {
                let mut o: Vec<TipLine> =
                    open.into_iter().map(line).filter(|l| l.overdue).collect();
                o.sort_by_key(|l| l.tip.due_at);
                o
            }
            InboxView::All => {
                let mut all = store::list(self.cx.db(), unit, TipFilter::default(), 500).await?;
                all.sort_by_key(|t| std::cmp::Reverse(t.received_at));
                all.into_iter().map(line).collect()
            }
        };
        Ok(inbox)
    }

    /// Opens a tip for a handler; the read is written to the audit log and
    /// the handler's notifications about it are marked read.
    #[tracing::instrument(name = "tips.open", skip_all, fields(actor = %actor.name))]
    pub async fn open(&self, actor: &Actor, id: TipId) -> CoreResult<TipView> {
        let unit = self.require_handler(actor).await?;
        let key = self.key()?;
        let (tip, sealed) = store::get(self.cx.db(), unit, id).await?;
        let open = |bytes: &[u8], part: &str| open_text(key, bytes, &seal_context(id, part));
        let content = TipContent {
            description: open(&sealed.text, "text")?,
            place: sealed
                .place
                .as_deref()
                .map(|p| open(p, "place"))
                .transpose()?,
            contact: sealed
                .contact
                .as_deref()
                .map(|c| open(c, "contact"))
                .transpose()?,
        };
        let mut messages = Vec::new();
        for (mut m, body) in store::messages(self.cx.db(), unit, id, true).await? {
            m.body = open(&body, "message")?;
            messages.push(m);
        }
        let events = store::events(self.cx.db(), unit, id).await?;
        let users = antt_store::user::list(self.cx.db(), unit).await?;
        let designated: HashMap<UserId, bool> = store::handlers(self.cx.db(), unit)
            .await?
            .into_iter()
            .collect();
        let handlers = users
            .iter()
            .filter(|u| {
                !u.locked && (u.role.can(Capability::HandleTips) || designated.contains_key(&u.id))
            })
            .map(|u| (u.id, u.display_name.clone()))
            .collect();
        let names = users.into_iter().map(|u| (u.id, u.display_name)).collect();
        let campus = match tip.campus_id {
            Some(c) => self
                .org
                .structure(actor, unit)
                .await?
                .campuses
                .iter()
                .find(|x| x.id == c)
                .map(|x| x.name.clone()),
            None => None,
        };
        let w = self.cx.write(Access::Own(actor, unit)).await?;
        let now = w.now();
        if let Some(user) = actor.user_id {
            antt_store::notice::read_tip(w.tx(), user, id, now).await?;
        }
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::View,
            Some((TargetKind::Tip, id.to_string())),
            format!("Tin báo số {}", tip.number),
            Vec::new(),
        ))
        .await?;
        let next_states = TipState::ALL
            .iter()
            .copied()
            .filter(|to| {
                tip::check_change(
                    tip.state,
                    *to,
                    &StateChange {
                        reason: "x".into(),
                        outcome: Some("x".into()),
                        police_unit: Some("x".into()),
                    },
                )
                .is_ok()
            })
            .collect();
        Ok(TipView {
            overdue: tip.is_overdue(now),
            photos: store::photo_count(self.cx.db(), unit, id).await?,
            tip,
            content,
            campus,
            messages,
            events,
            names,
            handlers,
            next_states,
        })
    }

    /// A photo of a tip, opened for a handler (audited).
    #[tracing::instrument(name = "tips.photo", skip_all, fields(actor = %actor.name))]
    pub async fn photo(&self, actor: &Actor, id: TipId, position: u32) -> CoreResult<Vec<u8>> {
        let unit = self.require_handler(actor).await?;
        let sealed = store::photo(self.cx.db(), unit, id, position).await?;
        let photo = self
            .key()?
            .open(&sealed, &seal_context(id, &format!("photo:{position}")))
            .map_err(CoreError::internal)?;
        self.cx
            .record(entry(
                actor,
                Some(unit),
                AuditAction::View,
                Some((TargetKind::Tip, id.to_string())),
                format!("Ảnh {} của tin báo", position + 1),
                Vec::new(),
            ))
            .await?;
        Ok(photo)
    }

    /// Gives a tip to a handler of the unit (or to nobody).
    #[tracing::instrument(name = "tips.assign", skip_all, fields(actor = %actor.name))]
    pub async fn assign(&self, actor: &Actor, id: TipId, to: Option<UserId>) -> CoreResult<()> {
        let (unit, w) = self.handler_write(actor).await?;
        let (tip, _) = store::get(w.tx(), unit, id).await?;
        let name = match to {
            Some(user) => {
                let u = antt_store::user::get(w.tx(), Some(unit), user)
                    .await
                    .map_err(|_| CoreError::invalid("assignee", ErrorCode::NotFound))?;
                let named = store::handler(w.tx(), unit, user).await?.is_some();
                if u.locked || !(u.role.can(Capability::HandleTips) || named) {
                    return Err(CoreError::invalid("assignee", ErrorCode::NotAllowed));
                }
                Some(u.display_name)
            }
            None => None,
        };
        let now = w.now();
        store::assign(w.tx(), unit, id, to).await?;
        if let Some(user) = to
            && Some(user) != actor.user_id
        {
            antt_store::notice::notify(w.tx(), unit, user, NoticeKind::Assigned, id, now).await?;
        }
        w.commit(changed(
            actor,
            unit,
            TargetKind::Tip,
            id,
            format!("Tin báo số {}", tip.number),
            vec![Change {
                field: "assignee".into(),
                before: tip.assignee_id.map(|a| a.to_string()),
                after: name,
            }],
        ))
        .await
    }

    /// Moves a tip to another state, by the rules of [`tip::check_change`].
    #[tracing::instrument(name = "tips.change_state", skip_all, fields(actor = %actor.name))]
    pub async fn change_state(
        &self,
        actor: &Actor,
        id: TipId,
        to: TipState,
        change: StateChange,
    ) -> CoreResult<()> {
        let (unit, w) = self.handler_write(actor).await?;
        let (tip, _) = store::get(w.tx(), unit, id).await?;
        tip::check_change(tip.state, to, &change)?;
        let clean = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let outcome = clean(&change.outcome);
        let police = clean(&change.police_unit);
        let reason = change.reason.trim().to_owned();
        if reason.chars().count() > tip::MAX_MESSAGE {
            return Err(CoreError::invalid("reason", ErrorCode::TooLong));
        }
        let now = w.now();
        store::set_state(
            w.tx(),
            unit,
            id,
            store::NewState {
                state: to,
                outcome: outcome.as_deref(),
                police_unit: police.as_deref().filter(|_| to == TipState::Transferred),
                closed: to.is_closed().then_some((now, tip.received_at)),
            },
        )
        .await?;
        store::add_event(
            w.tx(),
            unit,
            id,
            &TipEvent {
                at: now,
                user_id: actor.user_id,
                from: tip.state,
                to,
                reason,
            },
        )
        .await?;
        let mut changes = vec![Change {
            field: "state".into(),
            before: Some(tip.state.code().into()),
            after: Some(to.code().into()),
        }];
        if let Some(p) = police.filter(|_| to == TipState::Transferred) {
            changes.push(Change {
                field: "police_unit".into(),
                before: tip.police_unit.clone(),
                after: Some(p),
            });
        }
        w.commit(changed(
            actor,
            unit,
            TargetKind::Tip,
            id,
            format!("Tin báo số {}", tip.number),
            changes,
        ))
        .await
    }

    /// Writes to the reporter (`Author::Staff`) or adds an internal note
    /// (`Author::Note`).
    #[tracing::instrument(name = "tips.add_message", skip_all, fields(actor = %actor.name))]
    pub async fn add_message(
        &self,
        actor: &Actor,
        id: TipId,
        author: Author,
        text: &str,
    ) -> CoreResult<()> {
        if author == Author::Reporter {
            return Err(CoreError::Forbidden);
        }
        let body = tip::message("message", text)?;
        let (unit, w) = self.handler_write(actor).await?;
        let (tip, _) = store::get(w.tx(), unit, id).await?;
        if author == Author::Staff && tip.channel != TipChannel::Portal {
            // A tip recorded by staff has no receipt: nobody could read it.
            return Err(CoreError::invalid("message", ErrorCode::NotAllowed));
        }
        let now = w.now();
        let sealed = self
            .key()?
            .seal(body.as_bytes(), &seal_context(id, "message"))
            .map_err(CoreError::internal)?;
        store::add_message(w.tx(), unit, id, now, author, actor.user_id, sealed).await?;
        w.commit(changed(
            actor,
            unit,
            TargetKind::Tip,
            id,
            match author {
                Author::Note => format!("Tin báo số {}: ghi chú nội bộ", tip.number),
                _ => format!("Tin báo số {}: nhắn người báo tin", tip.number),
            },
            Vec::new(),
        ))
        .await
    }

    /// The accounts of the unit and their part in handling tips (for the
    /// office).
    #[tracing::instrument(name = "tips.handlers", skip_all, fields(actor = %actor.name))]
    pub async fn handlers(&self, actor: &Actor) -> CoreResult<Vec<HandlerLine>> {
        let unit = actor.home_unit()?;
        actor.require(Capability::ManageUsers)?;
        self.cx.check_writable(actor, unit).await?;
        let named: HashMap<UserId, bool> = store::handlers(self.cx.db(), unit)
            .await?
            .into_iter()
            .collect();
        Ok(antt_store::user::list(self.cx.db(), unit)
            .await?
            .into_iter()
            .filter(|u| {
                u.role.can(Capability::HandleTips) || u.role.can(Capability::BeNamedTipHandler)
            })
            .map(|u| HandlerLine {
                handles: u.role.can(Capability::HandleTips) || named.contains_key(&u.id),
                named: named.contains_key(&u.id),
                duty: named.get(&u.id).copied().unwrap_or(false),
                user_id: u.id,
                username: u.username,
                display_name: u.display_name,
                role: u.role,
            })
            .collect())
    }

    /// Names an account of the unit a handler (on duty or not), or removes
    /// it with `None`. Students never handle tips.
    #[tracing::instrument(name = "tips.set_handler", skip_all, fields(actor = %actor.name))]
    pub async fn set_handler(
        &self,
        actor: &Actor,
        user: UserId,
        duty: Option<bool>,
    ) -> CoreResult<()> {
        let unit = actor.home_unit()?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageUsers))
            .await?;
        let u = antt_store::user::get(w.tx(), Some(unit), user).await?;
        if !u.role.can(Capability::BeNamedTipHandler) {
            return Err(CoreError::invalid("user", ErrorCode::NotAllowed));
        }
        let before = store::handler(w.tx(), unit, user).await?;
        store::set_handler(w.tx(), unit, user, duty).await?;
        let word = |d: Option<bool>| d.map(|d| if d { "duty" } else { "handler" }.to_owned());
        w.commit(changed(
            actor,
            unit,
            TargetKind::User,
            user,
            format!("{}: xử lý tin báo", u.display_name),
            vec![Change {
                field: "tip_handler".into(),
                before: word(before),
                after: word(duty),
            }],
        ))
        .await
    }

    /// The unit's deadline of each category, in hours.
    #[tracing::instrument(name = "tips.deadlines", skip_all, fields(actor = %actor.name))]
    pub async fn deadlines(&self, actor: &Actor) -> CoreResult<Vec<(TipCategory, u32)>> {
        let unit = self.require_handler(actor).await?;
        let own = store::deadlines(self.cx.db(), unit).await?;
        Ok(TipCategory::REPORTED
            .iter()
            .map(|c| {
                let hours = own
                    .iter()
                    .find(|(x, _)| x == c)
                    .map_or(c.default_deadline().num_hours(), |(_, h)| i64::from(*h));
                (*c, u32::try_from(hours).unwrap_or(0))
            })
            .collect())
    }

    /// Sets the unit's deadline of a category (office only); tips already
    /// received keep theirs.
    #[tracing::instrument(name = "tips.set_deadline", skip_all, fields(actor = %actor.name))]
    pub async fn set_deadline(
        &self,
        actor: &Actor,
        category: TipCategory,
        hours: u32,
    ) -> CoreResult<()> {
        let hours = tip::check_deadline_hours(hours)?;
        let unit = actor.home_unit()?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageUsers))
            .await?;
        store::set_deadline(w.tx(), unit, category, hours).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            None,
            format!("Thời hạn xử lý tin báo: {category}"),
            vec![Change {
                field: "hours".into(),
                before: None,
                after: Some(hours.to_string()),
            }],
        ))
        .await
    }
}
