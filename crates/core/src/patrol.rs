//! Patrols: the office keeps the checkpoints of each campus and the
//! rounds that must walk them, and prints their labels; a guard scans a
//! label where it hangs (a scan made without a connection arrives later
//! with the time it was made); the office reads each night's rounds as
//! walked, incomplete or missed.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::Rng;

use antt_docgen::labels::{Label, LabelSheet};
use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::patrol::{
    Checkpoint, CheckpointInput, DueRound, PatrolRound, PatrolScan, RoundInput, judge, night_of,
    read_label, scan_time,
};
use antt_domain::role::Capability;
use antt_domain::time::{local_time, vietnam_instant};
use antt_domain::{
    CampusId, CheckpointId, ErrorCode, PatrolRoundId, PatrolScanId, UnitId, ValidationErrors,
};
use antt_store::StoreError;
use antt_store::patrol as store;

use crate::actor::Actor;
use crate::audit::entry;
use crate::context::Cx;
use crate::error::{CoreError, CoreResult};
use crate::export::ExportFile;
use crate::write::Access;

/// Letters of a label's secret: no 0/O, 1/I to misread.
const SECRET_LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// Whether the actor reads the gate's records of `unit` (patrols,
/// visitors): the office that keeps duty, and the guards who stand it.
pub(crate) async fn gate_readable(cx: &Cx, actor: &Actor, unit: UnitId) -> CoreResult<()> {
    cx.check_readable(actor, unit).await?;
    if actor.role.can(Capability::ReadDuty) || actor.role.can(Capability::StandDuty) {
        Ok(())
    } else {
        Err(CoreError::Forbidden)
    }
}

/// A day a person may ask about: within the years antt keeps.
pub(crate) fn plausible(field: &'static str, day: NaiveDate) -> CoreResult<()> {
    use chrono::Datelike;
    if antt_domain::time::TYPED_YEARS.contains(&day.year()) {
        Ok(())
    } else {
        Err(CoreError::invalid(field, ErrorCode::InvalidDate))
    }
}

fn new_secret() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..8)
        .map(|_| char::from(SECRET_LETTERS[rng.gen_range(0..SECRET_LETTERS.len())]))
        .collect()
}

/// What a scan recorded, for the guard to see at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scanned {
    pub checkpoint: Checkpoint,
    pub at: DateTime<Utc>,
    /// Sent again after it was recorded (the phone did not hear back).
    pub repeated: bool,
}

/// One round in a night: its due times and how each went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundNight {
    pub round: PatrolRound,
    pub due: Vec<DueRound>,
}

/// A night of patrols at a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Night {
    pub night: NaiveDate,
    pub checkpoints: Vec<Checkpoint>,
    pub rounds: Vec<RoundNight>,
    pub scans: Vec<PatrolScan>,
}

impl Night {
    /// Due rounds passed without every checkpoint scanned.
    pub fn missed(&self) -> usize {
        self.rounds
            .iter()
            .flat_map(|r| &r.due)
            .filter(|d| d.status.is_missed())
            .count()
    }

    /// A checkpoint's name by id.
    pub fn checkpoint_name(&self, id: CheckpointId) -> String {
        self.checkpoints
            .iter()
            .find(|c| c.id == id)
            .map_or_else(String::new, |c| format!("{} – {}", c.code, c.name))
    }
}

#[derive(Clone)]
pub struct Patrols {
    cx: Cx,
}

impl Patrols {
    pub(crate) fn new(cx: Cx) -> Self {
        Self { cx }
    }

    async fn readable(&self, actor: &Actor, unit: UnitId) -> CoreResult<()> {
        gate_readable(&self.cx, actor, unit).await
    }

    /// The unit's checkpoints, by campus and code.
    pub async fn checkpoints(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<Checkpoint>> {
        self.readable(actor, unit).await?;
        Ok(store::checkpoints(self.cx.db(), unit).await?)
    }

    /// Adds a checkpoint; its label's secret is drawn now.
    #[tracing::instrument(name = "patrol.add_checkpoint", skip_all, fields(actor = %actor.name))]
    pub async fn add_checkpoint(
        &self,
        actor: &Actor,
        unit: UnitId,
        input: CheckpointInput,
    ) -> CoreResult<CheckpointId> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageDuty))
            .await?;
        if antt_store::org::get_campus(w.tx(), unit, input.campus_id)
            .await
            .is_err()
        {
            return Err(CoreError::invalid("campus", ErrorCode::NotFound));
        }
        let c = Checkpoint {
            id: CheckpointId::new_v7(),
            unit_id: unit,
            campus_id: input.campus_id,
            code: input.code,
            name: input.name,
            secret: new_secret(),
            active: true,
        };
        match store::insert_checkpoint(w.tx(), &c).await {
            Err(StoreError::Conflict(_)) => {
                return Err(CoreError::invalid("code", ErrorCode::Duplicate));
            }
            r => r?,
        }
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Patrol, c.id.to_string())),
            format!("Thêm điểm tuần tra {} – {}", c.code, c.name),
            Vec::new(),
        ))
        .await?;
        Ok(c.id)
    }

    /// Draws new secrets for the labels of `ids` (to print them again: a
    /// photo or copy of an old label no longer counts), or withdraws or
    /// restores a checkpoint.
    #[tracing::instrument(name = "patrol.update_checkpoint", skip_all, fields(actor = %actor.name))]
    pub async fn update_checkpoint(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: CheckpointId,
        new_label: bool,
        active: bool,
    ) -> CoreResult<()> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageDuty))
            .await?;
        let c = store::checkpoints(w.tx(), unit)
            .await?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or(CoreError::NotFound)?;
        let secret = if new_label { new_secret() } else { c.secret };
        store::update_checkpoint(w.tx(), unit, id, &secret, active).await?;
        let what = match (new_label, active) {
            (true, _) => "In lại nhãn (mã cũ hết hiệu lực)",
            (false, true) => "Dùng lại điểm tuần tra",
            (false, false) => "Thôi tuần tra điểm",
        };
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Patrol, id.to_string())),
            format!("{what} {} – {}", c.code, c.name),
            Vec::new(),
        ))
        .await
    }

    /// The unit's rounds in force.
    pub async fn rounds(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<PatrolRound>> {
        self.readable(actor, unit).await?;
        Ok(store::rounds(self.cx.db(), unit)
            .await?
            .into_iter()
            .filter(PatrolRound::current)
            .collect())
    }

    /// Adds a round over checkpoints of its campus.
    #[tracing::instrument(name = "patrol.add_round", skip_all, fields(actor = %actor.name))]
    pub async fn add_round(
        &self,
        actor: &Actor,
        unit: UnitId,
        input: RoundInput,
    ) -> CoreResult<PatrolRoundId> {
        let tonight = local_time(self.cx.now()).date();
        self.add_round_from(actor, unit, input, Some(tonight)).await
    }

    /// `add_round`, counting from `first_night` (none: the nights before
    /// too, as the demo's rounds that have run for a while).
    pub(crate) async fn add_round_from(
        &self,
        actor: &Actor,
        unit: UnitId,
        input: RoundInput,
        first_night: Option<NaiveDate>,
    ) -> CoreResult<PatrolRoundId> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageDuty))
            .await?;
        let points = store::checkpoints(w.tx(), unit).await?;
        let all_here = input.checkpoints.iter().all(|id| {
            points
                .iter()
                .any(|p| p.id == *id && p.campus_id == input.campus_id && p.active)
        });
        if !all_here {
            return Err(CoreError::invalid("checkpoints", ErrorCode::NotFound));
        }
        let r = PatrolRound {
            id: PatrolRoundId::new_v7(),
            unit_id: unit,
            campus_id: input.campus_id,
            name: input.name,
            starts: input.starts,
            ends: input.ends,
            every_minutes: input.every_minutes,
            checkpoints: input.checkpoints,
            // From tonight: the nights before were judged without it.
            first_night,
            last_night: None,
        };
        store::insert_round(w.tx(), &r).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Patrol, r.id.to_string())),
            format!(
                "Thêm lượt tuần tra “{}” {}–{}, {} điểm",
                r.name,
                r.starts.format("%H:%M"),
                r.ends.format("%H:%M"),
                r.checkpoints.len()
            ),
            Vec::new(),
        ))
        .await?;
        Ok(r.id)
    }

    /// Takes a round off from tonight; the nights before keep it.
    #[tracing::instrument(name = "patrol.remove_round", skip_all, fields(actor = %actor.name))]
    pub async fn remove_round(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: PatrolRoundId,
    ) -> CoreResult<()> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageDuty))
            .await?;
        let last = local_time(w.now()).date() - Duration::days(1);
        store::end_round(w.tx(), unit, id, last).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Patrol, id.to_string())),
            "Bỏ lượt tuần tra".to_owned(),
            Vec::new(),
        ))
        .await
    }

    /// Records a scan of the label whose code says `scanned`, made at `at`
    /// by the phone's clock (none: now), on a patrol with `partners`.
    #[tracing::instrument(name = "patrol.scan", skip_all, fields(actor = %actor.name))]
    pub async fn scan(
        &self,
        actor: &Actor,
        scanned: &str,
        at: Option<DateTime<Utc>>,
        partners: &str,
    ) -> CoreResult<Scanned> {
        actor.require(Capability::StandDuty)?;
        let unit = actor.unit_id.ok_or(CoreError::Forbidden)?;
        let (code, secret) = read_label(scanned)
            .ok_or_else(|| CoreError::invalid("label", ErrorCode::UnknownLabel))?;
        let partners: String = partners.trim().chars().take(200).collect();
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::StandDuty))
            .await?;
        let at = scan_time(at, w.now()).map_err(|e| CoreError::invalid(e.field, e.code))?;
        let checkpoint = store::checkpoint_by_code(w.tx(), unit, &code)
            .await?
            .filter(|c| c.active)
            .ok_or_else(|| CoreError::invalid("label", ErrorCode::UnknownLabel))?;
        if checkpoint.secret != secret {
            tracing::warn!(code = %checkpoint.code, "a scan of a label that is not the current one");
            return Err(CoreError::invalid("label", ErrorCode::ReplacedLabel));
        }
        let scan = PatrolScan {
            id: PatrolScanId::new_v7(),
            unit_id: unit,
            campus_id: checkpoint.campus_id,
            checkpoint_id: checkpoint.id,
            at,
            recorded_at: w.now(),
            account: actor.name.clone(),
            guard_name: actor.display_name.clone(),
            partners,
        };
        match store::insert_scan(w.tx(), &scan).await {
            Err(StoreError::Conflict(_)) => {
                // Already recorded: the phone sent it again.
                return Ok(Scanned {
                    checkpoint,
                    at,
                    repeated: true,
                });
            }
            r => r?,
        }
        let late = w.now() - at > Duration::minutes(2);
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Patrol, scan.id.to_string())),
            format!(
                "Quét điểm tuần tra {} lúc {}{}",
                checkpoint.code,
                local_time(at).format("%H:%M %d/%m"),
                if late {
                    " (gửi sau khi có mạng)"
                } else {
                    ""
                }
            ),
            Vec::new(),
        ))
        .await?;
        Ok(Scanned {
            checkpoint,
            at,
            repeated: false,
        })
    }

    /// The night that began on `night`: each round's due times and how
    /// they went, and every scan of the night.
    #[tracing::instrument(name = "patrols.night", skip_all, fields(actor = %actor.name))]
    pub async fn night(&self, actor: &Actor, unit: UnitId, night: NaiveDate) -> CoreResult<Night> {
        self.readable(actor, unit).await?;
        plausible("night", night)?;
        let checkpoints = store::checkpoints(self.cx.db(), unit).await?;
        let rounds = store::rounds(self.cx.db(), unit).await?;
        let from = vietnam_instant(night.and_hms_opt(12, 0, 0).unwrap_or_default());
        let scans = store::scans(self.cx.db(), unit, from, from + Duration::days(1)).await?;
        let pairs: Vec<(CheckpointId, DateTime<Utc>)> =
            scans.iter().map(|s| (s.checkpoint_id, s.at)).collect();
        let now = self.cx.now();
        Ok(Night {
            night,
            rounds: rounds
                .into_iter()
                .filter(|r| r.counts_on(night))
                .map(|round| RoundNight {
                    due: judge(&round, night, &pairs, now),
                    round,
                })
                .collect(),
            checkpoints,
            scans,
        })
    }

    /// The guard force's record from `from` to `until` (days, Vietnam
    /// time), up to the last night over.
    pub async fn force_record(
        &self,
        actor: &Actor,
        unit: UnitId,
        from: NaiveDate,
        until: NaiveDate,
    ) -> CoreResult<ForceRecord> {
        self.readable(actor, unit).await?;
        plausible("from", from)?;
        plausible("until", until)?;
        self.record_of(unit, from, until).await
    }

    /// [`Self::force_record`] for a caller that has checked the reader (the
    /// yearly report, read by whoever reads the unit's assessment).
    pub(crate) async fn record_of(
        &self,
        unit: UnitId,
        from: NaiveDate,
        until: NaiveDate,
    ) -> CoreResult<ForceRecord> {
        let db = self.cx.db();
        let now = self.cx.now();
        let today = antt_domain::time::local_date(now);
        let last = until.min(today - Duration::days(1));
        let mut record = ForceRecord::default();
        if last < from {
            return Ok(record);
        }
        let start = vietnam_instant(from.and_hms_opt(12, 0, 0).unwrap_or_default());
        let end =
            vietnam_instant(last.and_hms_opt(12, 0, 0).unwrap_or_default()) + Duration::days(1);
        let scans = store::scans(db, unit, start, end).await?;
        let mut by_night: HashMap<NaiveDate, Vec<(CheckpointId, DateTime<Utc>)>> = HashMap::new();
        for s in &scans {
            by_night
                .entry(night_of(local_time(s.at)))
                .or_default()
                .push((s.checkpoint_id, s.at));
        }
        record.since = scans.first().map(|s| night_of(local_time(s.at)));
        let rounds = store::rounds(db, unit).await?;
        if let Some(since) = record.since {
            let mut night = since;
            while night <= last {
                let pairs = by_night.get(&night).map_or(&[][..], |v| &v[..]);
                for r in rounds.iter().filter(|r| r.counts_on(night)) {
                    for d in judge(r, night, pairs, now) {
                        if d.status == antt_domain::patrol::RoundStatus::Ahead {
                            continue;
                        }
                        record.rounds_due += 1;
                        if d.status == antt_domain::patrol::RoundStatus::Walked {
                            record.rounds_walked += 1;
                        }
                    }
                }
                night += Duration::days(1);
            }
        }
        let mut month = antt_domain::duty::month_of(from);
        // Shifts over by now and within the period.
        let (from_at, last_at) = (
            from.and_hms_opt(0, 0, 0).unwrap_or_default(),
            local_time(now).min(
                (until + Duration::days(1))
                    .and_hms_opt(0, 0, 0)
                    .unwrap_or_default(),
            ),
        );
        while month <= last {
            if let Some(r) = antt_store::duty::roster_of(db, unit, month).await?
                && r.state == antt_domain::duty::RosterState::Published
            {
                for s in r
                    .shifts
                    .iter()
                    .filter(|s| s.start >= from_at && s.end <= last_at)
                {
                    record.shifts += 1;
                    if s.guard.is_some() {
                        record.shifts_covered += 1;
                    }
                }
            }
            month = antt_domain::duty::month_of(month + Duration::days(32));
        }
        let starts = antt_store::shift_log::starts_between(
            db,
            unit,
            vietnam_instant(from.and_hms_opt(0, 0, 0).unwrap_or_default()),
            vietnam_instant(last.and_hms_opt(0, 0, 0).unwrap_or_default()) + Duration::days(1),
        )
        .await?;
        let days: std::collections::BTreeSet<NaiveDate> = starts
            .iter()
            .map(|t| antt_domain::time::local_date(*t))
            .collect();
        record.days_logged = days.len();
        // Counted from the first day the log was kept with antt.
        record.days = days.first().map_or(0, |first| {
            usize::try_from((last - *first).num_days() + 1).unwrap_or(0)
        });
        Ok(record)
    }

    /// The night now, or last night in the morning (before noon).
    pub fn current_night(&self) -> NaiveDate {
        night_of(local_time(self.cx.now()))
    }

    /// The rounds of the actor's campus under way now, with what is left
    /// to scan: the guard's "round now".
    pub async fn due_now(
        &self,
        actor: &Actor,
        campus: Option<CampusId>,
    ) -> CoreResult<Vec<RoundNow>> {
        let unit = actor.unit_id.ok_or(CoreError::Forbidden)?;
        let today = self.current_night();
        let mut out = Vec::new();
        // A round that began yesterday evening may still be under way.
        for day in [today - Duration::days(1), today] {
            out.extend(self.under_way(actor, unit, day, campus).await?);
        }
        Ok(out)
    }

    async fn under_way(
        &self,
        actor: &Actor,
        unit: UnitId,
        day: NaiveDate,
        campus: Option<CampusId>,
    ) -> CoreResult<Vec<RoundNow>> {
        let night = self.night(actor, unit, day).await?;
        let names: HashMap<CheckpointId, &Checkpoint> =
            night.checkpoints.iter().map(|c| (c.id, c)).collect();
        let now = self.cx.now();
        let mut out = Vec::new();
        for r in &night.rounds {
            if campus.is_some_and(|c| c != r.round.campus_id) {
                continue;
            }
            for d in &r.due {
                let (from, until) = (vietnam_instant(d.starts), vietnam_instant(d.ends));
                if now < from || now >= until {
                    continue;
                }
                let left = r
                    .round
                    .checkpoints
                    .iter()
                    .filter(|c| {
                        !night
                            .scans
                            .iter()
                            .any(|s| s.checkpoint_id == **c && s.at >= from && s.at < until)
                    })
                    .filter_map(|c| names.get(c).map(|c| (*c).clone()))
                    .collect();
                out.push(RoundNow {
                    name: r.round.name.clone(),
                    until,
                    left,
                    of: r.round.checkpoints.len(),
                });
            }
        }
        Ok(out)
    }

    /// The labels of `codes` (all active checkpoints when empty) as Word
    /// or PDF; the QR codes open `base`.
    pub async fn labels(
        &self,
        actor: &Actor,
        unit: UnitId,
        base: &str,
        codes: &[String],
        pdf: bool,
    ) -> CoreResult<ExportFile> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ManageDuty)?;
        let u = self.cx.cached_unit(unit).await?;
        let campuses = antt_store::org::list_campuses(self.cx.db(), unit).await?;
        let labels: Vec<Label> = store::checkpoints(self.cx.db(), unit)
            .await?
            .into_iter()
            .filter(|c| c.active && (codes.is_empty() || codes.contains(&c.code)))
            .map(|c| Label {
                url: antt_domain::patrol::label_text(base, &c.code, &c.secret),
                place: campuses
                    .iter()
                    .find(|p| p.id == c.campus_id)
                    .map_or_else(String::new, |p| p.name.clone()),
                code: c.code,
                name: c.name,
            })
            .collect();
        if labels.is_empty() {
            return Err(CoreError::Invalid(ValidationErrors::single(
                "checkpoints",
                ErrorCode::Required,
            )));
        }
        let sheet = LabelSheet {
            unit: u.name,
            labels,
            hint: "Quét mã khi đi tuần tra".into(),
        };
        let (bytes, ext, content_type) = if pdf {
            (sheet.to_pdf(), "pdf", "application/pdf")
        } else {
            (
                sheet.to_docx(),
                "docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
        };
        Ok(ExportFile {
            file_name: format!("nhan-diem-tuan-tra-{}.{ext}", u.code.to_lowercase()),
            content_type,
            bytes: bytes.map_err(CoreError::internal)?,
        })
    }
}

/// The guard force's record over a period, for its yearly rating
/// (criterion 5) and the yearly report: rounds walked, shifts covered,
/// days the gate's log was kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ForceRecord {
    /// From the first night a label was scanned (before it, nobody
    /// patrolled with antt) to the last night over.
    pub since: Option<NaiveDate>,
    pub rounds_due: usize,
    pub rounds_walked: usize,
    /// Shifts of published rosters already over, and those with a guard.
    pub shifts: usize,
    pub shifts_covered: usize,
    /// Days from the first day the log was kept to the last day over, and
    /// those with a shift taken over in the log.
    pub days: usize,
    pub days_logged: usize,
}

impl ForceRecord {
    /// "1.230/1.240 lượt tuần tra đủ điểm; 4.200/4.200 ca trực có người;
    /// sổ trực ban ghi 300/365 ngày", or `None` when nothing was kept.
    pub fn summary(&self) -> Option<String> {
        use antt_domain::text::thousands;
        let n = |v: usize| thousands(i64::try_from(v).unwrap_or(i64::MAX));
        let mut parts = Vec::new();
        if self.rounds_due > 0 {
            parts.push(format!(
                "{}/{} lượt tuần tra quét đủ điểm",
                n(self.rounds_walked),
                n(self.rounds_due)
            ));
        }
        if self.shifts > 0 {
            parts.push(format!(
                "{}/{} ca trực có người trực",
                n(self.shifts_covered),
                n(self.shifts)
            ));
        }
        if self.days_logged > 0 {
            parts.push(format!(
                "sổ trực ban ghi {}/{} ngày",
                n(self.days_logged),
                n(self.days)
            ));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// A round under way for the guard: what is left to scan, and by when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundNow {
    pub name: String,
    pub until: DateTime<Utc>,
    pub left: Vec<Checkpoint>,
    pub of: usize,
}
