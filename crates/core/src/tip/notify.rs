//! Telling handlers about tips: a new or urgent tip goes to the duty
//! officers (or, when none is named, the office), an assignment to the
//! handler, a reporter's answer and a deadline near or passed to the
//! handler (or the duty officers). Each notice is kept in the app, sent by
//! e-mail when SMTP is configured, and, when a webhook is configured,
//! queued as a signed JSON call without any content of the tip: the
//! number, the category and a link.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::Duration;

use antt_domain::audit::{AuditAction, NewAuditEntry, TargetKind};
use antt_domain::role::Capability;
use antt_domain::tip::{Notice, NoticeKind, Tip, TipCategory, TipInput};
use antt_domain::{TipId, UnitId, UserId};
use antt_mail::Mailer;
use antt_store::notice as store;
use antt_store::{Executor, Tx};

use super::Tips;
use crate::actor::Actor;
use crate::error::{CoreError, CoreResult};
use crate::write::Access;

/// How long before its deadline a handler is warned.
pub const DUE_SOON: Duration = Duration::hours(6);
/// A webhook call is tried this many times before it is given up.
const HOOK_ATTEMPTS: u32 = 10;

/// The notice of a new tip.
pub struct TipEventKind;

impl TipEventKind {
    pub const fn for_new(urgent: bool) -> NoticeKind {
        if urgent {
            NoticeKind::Urgent
        } else {
            NoticeKind::New
        }
    }
}

/// A notice with what its line shows.
#[derive(Clone, Debug)]
pub struct NoticeLine {
    pub notice: Notice,
    pub number: u32,
    pub category: TipCategory,
}

/// What one delivery run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub mailed: usize,
    pub without_address: usize,
    pub hooks: usize,
    pub failed: Vec<String>,
}

fn hook_body(
    kind: NoticeKind,
    unit_code: &str,
    tip: TipId,
    number: u32,
    category: TipCategory,
    urgent: bool,
    at: chrono::DateTime<chrono::Utc>,
    base_url: Option<&str>,
) -> String {
    serde_json::json!({
        "event": format!("tip.{kind}"),
        "unit": unit_code,
        "tip": number,
        "category": category,
        "urgent": urgent,
        "at": at.to_rfc3339(),
        "link": base_url.map(|b| format!("{}/tips/{tip}", b.trim_end_matches('/'))),
    })
    .to_string()
}

/// The audit entry of a deadline notice: the server warned about a tip.
fn deadline_entry(unit: UnitId, tip: &Tip, kind: NoticeKind, to: usize) -> NewAuditEntry {
    NewAuditEntry {
        actor_id: None,
        actor_name: "system".into(),
        unit_id: Some(unit),
        action: AuditAction::Update,
        target_kind: Some(TargetKind::Tip),
        target_id: Some(tip.id.to_string()),
        summary: format!(
            "Tin báo số {}: {} ({to} người)",
            tip.number,
            antt_words::notice_kind(kind)
        ),
        changes: Vec::new(),
    }
}

impl Tips {
    /// The duty officers of a unit; the office when none is named.
    async fn on_duty(&self, e: &impl Executor, unit: UnitId) -> CoreResult<Vec<UserId>> {
        let duty = antt_store::tip::duty_officers(e, unit).await?;
        if !duty.is_empty() {
            return Ok(duty);
        }
        Ok(antt_store::user::list(e, unit)
            .await?
            .iter()
            .filter(|u| u.role.can(Capability::ManageUsers) && !u.locked)
            .map(|u| u.id)
            .collect())
    }

    async fn queue_hook(
        &self,
        tx: &Tx,
        unit: UnitId,
        kind: NoticeKind,
        tip: TipId,
        number: u32,
        category: TipCategory,
        urgent: bool,
    ) -> CoreResult<()> {
        let Some(hook) = &self.settings.webhook else {
            return Ok(());
        };
        let code = self.cx.cached_unit(unit).await?.code;
        let body = hook_body(
            kind,
            &code,
            tip,
            number,
            category,
            urgent,
            self.cx.now(),
            hook.1.as_deref(),
        );
        store::enqueue_hook(tx, unit, body, self.cx.now()).await?;
        Ok(())
    }

    /// Notices of a new tip, in the transaction that stores it.
    pub(crate) async fn alert(
        &self,
        tx: &Tx,
        unit: UnitId,
        id: TipId,
        number: u32,
        input: &TipInput,
        kind: NoticeKind,
    ) -> CoreResult<()> {
        let now = self.cx.now();
        for user in self.on_duty(tx, unit).await? {
            store::notify(tx, unit, user, kind, id, now).await?;
        }
        self.queue_hook(tx, unit, kind, id, number, input.category, input.urgent)
            .await
    }

    /// Notices of a reporter's answer: to the handler, else the duty officers.
    pub(crate) async fn alert_reply(&self, tx: &Tx, tip: &Tip) -> CoreResult<()> {
        let now = self.cx.now();
        let to = match tip.assignee_id {
            Some(a) => vec![a],
            None => self.on_duty(tx, tip.unit_id).await?,
        };
        for user in to {
            // A second answer to an unread notice adds nothing; once read,
            // the notice is marked unread again.
            if !store::notify(tx, tip.unit_id, user, NoticeKind::Reply, tip.id, now).await? {
                store::unread_again(tx, user, tip.id, NoticeKind::Reply, now).await?;
            }
        }
        self.queue_hook(
            tx,
            tip.unit_id,
            NoticeKind::Reply,
            tip.id,
            tip.number,
            tip.category,
            tip.urgent,
        )
        .await
    }

    /// Warns of deadlines near and passed, once each per tip and person.
    /// Run every few minutes by the server; returns the notices added.
    #[tracing::instrument(name = "tips.check_deadlines", skip_all)]
    pub async fn check_deadlines(&self) -> CoreResult<usize> {
        let now = self.cx.now();
        let db = self.cx.db();
        let tips = antt_store::tip::due_before(db, now + DUE_SOON).await?;
        if tips.is_empty() {
            return Ok(0);
        }
        // Whom each tip's warning went to already, and who is on duty in
        // each unit, are read once: a write (and the write lock) is opened
        // only for a tip with someone still to tell. A province with
        // thousands of open tips otherwise took the lock thousands of
        // times a minute to find there was nothing to do.
        let given = store::given_about_due(db, now + DUE_SOON).await?;
        let mut on_duty: HashMap<UnitId, Vec<UserId>> = HashMap::new();
        let mut added = 0;
        for tip in tips {
            let kind = if tip.due_at < now {
                NoticeKind::Overdue
            } else {
                NoticeKind::DueSoon
            };
            if tip.assignee_id.is_none() && !on_duty.contains_key(&tip.unit_id) {
                let users = self.on_duty(db, tip.unit_id).await?;
                on_duty.insert(tip.unit_id, users);
            }
            let to = tip
                .assignee_id
                .map_or_else(|| on_duty[&tip.unit_id].clone(), |a| vec![a]);
            if to.iter().all(|u| given.contains(&(tip.id, *u, kind))) {
                continue;
            }
            // Someone to tell: whom is decided again under the lock.
            let w = self.cx.write(Access::Server).await?;
            let to = match tip.assignee_id {
                Some(a) => vec![a],
                None => self.on_duty(w.tx(), tip.unit_id).await?,
            };
            let mut told = 0;
            for user in to {
                if store::notify(w.tx(), tip.unit_id, user, kind, tip.id, now).await? {
                    told += 1;
                }
            }
            if told == 0 {
                // Everyone was told before: nothing to keep.
                continue;
            }
            added += told;
            self.queue_hook(
                w.tx(),
                tip.unit_id,
                kind,
                tip.id,
                tip.number,
                tip.category,
                tip.urgent,
            )
            .await?;
            w.commit(deadline_entry(tip.unit_id, &tip, kind, told))
                .await?;
        }
        Ok(added)
    }

    /// The actor's latest notices and how many are unread.
    #[tracing::instrument(name = "tips.notices", skip_all, fields(actor = %actor.name))]
    pub async fn notices(&self, actor: &Actor) -> CoreResult<(Vec<NoticeLine>, u64)> {
        let (Some(user), Some(unit)) = (actor.user_id, actor.unit_id) else {
            return Ok((Vec::new(), 0));
        };
        let unread = store::unread(self.cx.db(), user).await?;
        let mut lines = Vec::new();
        for notice in store::of_user(self.cx.db(), user, 30).await? {
            let (tip, _) = antt_store::tip::get(self.cx.db(), unit, notice.tip_id).await?;
            lines.push(NoticeLine {
                notice,
                number: tip.number,
                category: tip.category,
            });
        }
        Ok((lines, unread))
    }

    /// How many notices of the actor are unread (for the menu).
    #[tracing::instrument(name = "tips.unread_notices", skip_all, fields(actor = %actor.name))]
    pub async fn unread_notices(&self, actor: &Actor) -> CoreResult<u64> {
        match actor.user_id {
            Some(user) => Ok(store::unread(self.cx.db(), user).await?),
            None => Ok(0),
        }
    }

    /// Sends the notices not yet mailed to those whose person record has
    /// an address, and the queued webhook calls. A notice without an
    /// address is marked so it is not looked at again; a refused message
    /// is tried again on the next run.
    #[tracing::instrument(name = "tips.deliver_notices", skip_all)]
    pub async fn deliver_notices(
        &self,
        mailer: Option<&Mailer>,
        base_url: Option<&str>,
    ) -> CoreResult<DeliveryReport> {
        let mut report = DeliveryReport::default();
        let now = self.cx.now();
        for (notice, user, unit) in store::unmailed(self.cx.db(), 500).await? {
            let Some(mailer) = mailer else {
                store::mailed(self.cx.db(), notice.id, now).await?;
                continue;
            };
            let account = antt_store::user::get(self.cx.db(), Some(unit), user).await?;
            let person = match account.person_id {
                Some(p) => Some(antt_store::person::get(self.cx.db(), unit, p).await?),
                None => None,
            };
            let Some((name, address)) =
                person.and_then(|p| p.email.clone().map(|e| (p.full_name, e)))
            else {
                report.without_address += 1;
                store::mailed(self.cx.db(), notice.id, now).await?;
                continue;
            };
            let (tip, _) = antt_store::tip::get(self.cx.db(), unit, notice.tip_id).await?;
            let (subject, body) = compose(&name, notice.kind, &tip, base_url);
            match mailer.send(&name, &address, &subject, body).await {
                Ok(()) => {
                    store::mailed(self.cx.db(), notice.id, now).await?;
                    report.mailed += 1;
                }
                Err(e) => report.failed.push(format!("{}: {e}", account.username)),
            }
        }
        if let Some(hook) = &self.settings.webhook {
            for pending in store::pending_hooks(self.cx.db(), HOOK_ATTEMPTS, 200).await? {
                let (h, body) = (hook.0.clone(), pending.body.clone());
                let sent = tokio::task::spawn_blocking(move || h.post(&body))
                    .await
                    .map_err(CoreError::internal)?;
                match sent {
                    Ok(()) => {
                        store::hook_tried(self.cx.db(), pending.id, Some(self.cx.now())).await?;
                        report.hooks += 1;
                    }
                    Err(e) => {
                        store::hook_tried(self.cx.db(), pending.id, None).await?;
                        report.failed.push(format!("webhook: {e}"));
                    }
                }
            }
        }
        Ok(report)
    }
}

/// The subject and text of a notice by e-mail: what happened and where to
/// look, never the tip's content.
fn compose(name: &str, kind: NoticeKind, tip: &Tip, base_url: Option<&str>) -> (String, String) {
    let what = antt_words::notice_headline(kind);
    let subject = format!("{what}: tin báo số {}", tip.number);
    let mut body = format!("Kính gửi {name},\n\n{what}: tin báo số {}.\n", tip.number);
    let _ = writeln!(
        body,
        "Hạn xử lý: {}.",
        antt_domain::time::format_instant(tip.due_at)
    );
    if let Some(base) = base_url {
        let _ = writeln!(
            body,
            "\nXem tại: {}/tips/{}",
            base.trim_end_matches('/'),
            tip.id
        );
    }
    body.push_str("\nNội dung tin báo chỉ xem được trong antt, sau khi đăng nhập.\n");
    (subject, body)
}
