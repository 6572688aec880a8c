//! The gate's shift log (sổ trực ban, giao ca): a guard takes over a
//! shift at a campus, records what happens with its time (a time the phone
//! gives for an entry written offline is kept when it falls within the
//! shift), and hands over with notes the next guard reads when taking over.
//! Entries are never edited; the office annotates them.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::role::Capability;
use antt_domain::shift_log::{LogEntry, ShiftLog, entry_text, entry_time};
use antt_domain::{CampusId, ErrorCode, ShiftLogId, UnitId, ValidationErrors};
use antt_store::shift_log as store;

use crate::actor::Actor;
use crate::audit::entry;
use crate::context::Cx;
use crate::error::{CoreError, CoreResult};
use crate::person::person_of_account;
use crate::write::Access;

/// A log with its entries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogView {
    pub log: ShiftLog,
    pub entries: Vec<LogEntry>,
}

#[derive(Clone)]
pub struct ShiftLogs {
    cx: Cx,
}

impl ShiftLogs {
    pub(crate) fn new(cx: Cx) -> Self {
        Self { cx }
    }

    fn own_unit(actor: &Actor) -> CoreResult<UnitId> {
        actor.require(Capability::StandDuty)?;
        actor.unit_id.ok_or(CoreError::Forbidden)
    }

    /// The log the actor has open, with its entries.
    pub async fn current(&self, actor: &Actor) -> CoreResult<Option<LogView>> {
        let unit = Self::own_unit(actor)?;
        let Some(log) = store::open_of(self.cx.db(), unit, &actor.name).await? else {
            return Ok(None);
        };
        let entries = store::entries(self.cx.db(), unit, log.id).await?;
        Ok(Some(LogView { log, entries }))
    }

    /// The last shift logged at a campus: whom the next guard takes over
    /// from, and the notes left for them.
    pub async fn last_at(&self, actor: &Actor, campus: CampusId) -> CoreResult<Option<ShiftLog>> {
        let unit = Self::own_unit(actor)?;
        Ok(store::last_of_campus(self.cx.db(), unit, campus).await?)
    }

    /// Takes over a shift at `campus`: from whom, and what was handed over.
    #[tracing::instrument(name = "shift_log.take_over", skip_all, fields(actor = %actor.name))]
    pub async fn take_over(
        &self,
        actor: &Actor,
        campus: CampusId,
        taken_from: &str,
        received: &str,
    ) -> CoreResult<ShiftLogId> {
        let unit = Self::own_unit(actor)?;
        let received = entry_text(received, "received")?;
        let taken_from = taken_from.trim().chars().take(200).collect::<String>();
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::StandDuty))
            .await?;
        if antt_store::org::get_campus(w.tx(), unit, campus)
            .await
            .is_err()
        {
            return Err(CoreError::invalid("campus", ErrorCode::NotFound));
        }
        if store::open_of(w.tx(), unit, &actor.name).await?.is_some() {
            return Err(CoreError::invalid("campus", ErrorCode::AlreadyRecorded));
        }
        let log = ShiftLog {
            id: ShiftLogId::new_v7(),
            unit_id: unit,
            campus_id: campus,
            guard_id: person_of_account(w.tx(), actor).await?,
            guard_name: actor.display_name.clone(),
            account: actor.name.clone(),
            started_at: w.now(),
            taken_from,
            received,
            ended_at: None,
            handover_notes: None,
        };
        store::insert(w.tx(), &log).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::ShiftLog, log.id.to_string())),
            "Nhận ca trực".to_owned(),
            Vec::new(),
        ))
        .await?;
        Ok(log.id)
    }

    /// Records what happened during the actor's open shift; `at` is the
    /// time the phone gave for an entry written without a connection.
    #[tracing::instrument(name = "shift_log.record", skip_all, fields(actor = %actor.name))]
    pub async fn record(
        &self,
        actor: &Actor,
        log: ShiftLogId,
        at: Option<DateTime<Utc>>,
        text: &str,
    ) -> CoreResult<i64> {
        let unit = Self::own_unit(actor)?;
        let text = entry_text(text, "text")?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::StandDuty))
            .await?;
        let l = own_log(w.tx(), unit, log, actor).await?;
        let at = entry_time(at, l.started_at, w.now())?;
        let number = store::add_entry(w.tx(), unit, log, at, &text, w.now()).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::ShiftLog, log.to_string())),
            format!("Ghi sổ trực ban, mục {number}"),
            Vec::new(),
        ))
        .await?;
        Ok(number)
    }

    /// Hands the shift over with notes for the next guard.
    #[tracing::instrument(name = "shift_log.hand_over", skip_all, fields(actor = %actor.name))]
    pub async fn hand_over(&self, actor: &Actor, log: ShiftLogId, notes: &str) -> CoreResult<()> {
        let unit = Self::own_unit(actor)?;
        let notes = entry_text(notes, "notes")?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::StandDuty))
            .await?;
        own_log(w.tx(), unit, log, actor).await?;
        store::close(w.tx(), unit, log, &notes, w.now()).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::ShiftLog, log.to_string())),
            "Giao ca trực".to_owned(),
            Vec::new(),
        ))
        .await
    }

    /// The office's note on an entry (the entry itself stays as written).
    #[tracing::instrument(name = "shift_log.annotate", skip_all, fields(actor = %actor.name))]
    pub async fn annotate(
        &self,
        actor: &Actor,
        unit: UnitId,
        log: ShiftLogId,
        number: i64,
        note: &str,
    ) -> CoreResult<()> {
        let note = entry_text(note, "note")?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageDuty))
            .await?;
        store::get(w.tx(), unit, log).await?;
        let signed = format!("{} ({})", note, actor.display_name);
        store::annotate(w.tx(), unit, log, number, &signed).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::ShiftLog, log.to_string())),
            format!("Ghi chú vào mục {number} sổ trực ban"),
            Vec::new(),
        ))
        .await
    }

    /// The logs of a campus on a day (Vietnam time), with their entries.
    pub async fn day(
        &self,
        actor: &Actor,
        unit: UnitId,
        campus: CampusId,
        day: NaiveDate,
    ) -> CoreResult<Vec<LogView>> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadDuty)?;
        let from = antt_domain::time::vietnam_instant(day.and_hms_opt(0, 0, 0).unwrap_or_default());
        let logs =
            store::of_campus(self.cx.db(), unit, campus, from, from + Duration::days(1)).await?;
        let mut out = Vec::with_capacity(logs.len());
        for log in logs {
            let entries = store::entries(self.cx.db(), unit, log.id).await?;
            out.push(LogView { log, entries });
        }
        Ok(out)
    }
}

/// The actor's own log, still open.
async fn own_log(
    e: &impl antt_store::Executor,
    unit: UnitId,
    id: ShiftLogId,
    actor: &Actor,
) -> CoreResult<ShiftLog> {
    let l = store::get(e, unit, id).await?;
    if l.account != actor.name {
        return Err(CoreError::Forbidden);
    }
    if !l.is_open() {
        return Err(CoreError::Invalid(ValidationErrors::single(
            "log",
            ErrorCode::ShiftEnded,
        )));
    }
    Ok(l)
}
