//! The register of fire-safety equipment and cameras: the office keeps the
//! items and the intervals of each kind; staff record checks, services and
//! pressure tests; anyone who scans an item's label may report a fault in
//! one step; the office closes faults and reads what is overdue, expiring
//! or broken.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rand::Rng;

use antt_docgen::labels::{Label, LabelSheet};
use antt_docgen::{TableSheet, Value};
use antt_domain::audit::{AuditAction, NewAuditEntry, TargetKind};
use antt_domain::equipment::{
    Due, DueWhat, Equipment, EquipmentColumn, EquipmentEvent, EquipmentEventKind, EquipmentFault,
    EquipmentInput, EquipmentKind, EquipmentState, EquipmentText, FAULT_DAYS, FaultState,
    Intervals, fault_text, month_end,
};
use antt_domain::role::Capability;
use antt_domain::sheet::{Problem, find_table};
use antt_domain::{CampusId, EquipmentFaultId, EquipmentId, ErrorCode, UnitId, ValidationErrors};
use antt_store::StoreError;

use antt_store::equipment as store;

use crate::Submission;
use crate::actor::Actor;
use crate::audit::{changed, entry};
use crate::context::Cx;
use crate::error::{CoreError, CoreResult};
use crate::export::ExportFile;
use crate::exports::Exports;
use crate::tip::flood::FloodGate;
use crate::write::Access;

/// Letters of a label's secret: no 0/O, 1/I to misread.
const LABEL_LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/// Fault reports one sender may make in [`FLOOD_WINDOW`].
const REPORTS_PER_WINDOW: usize = 10;
const FLOOD_WINDOW: chrono::Duration = chrono::Duration::hours(1);
/// The most labels one sheet prints.
pub const MAX_LABELS: usize = 2_000;

pub(crate) fn new_label() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..12)
        .map(|_| char::from(LABEL_LETTERS[rng.gen_range(0..LABEL_LETTERS.len())]))
        .collect()
}

/// The last day of `day`'s month.
pub(crate) fn last_of_month(day: NaiveDate) -> NaiveDate {
    month_end(day).pred_opt().unwrap_or(day)
}

/// The address a label's QR code holds.
pub fn label_url(base: &str, label: &str) -> String {
    format!("{}/e/{label}", base.trim_end_matches('/'))
}

/// An item with what is due of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub item: Equipment,
    pub due: Due,
    /// Fault reports still open.
    pub open_faults: usize,
}

/// An item's page: the item, its history and its faults.
#[derive(Clone, Debug)]
pub struct ItemPage {
    pub item: Item,
    pub intervals: Intervals,
    pub events: Vec<EquipmentEvent>,
    pub faults: Vec<EquipmentFault>,
    /// A camera's or recorder's outages, the latest first.
    pub outages: Vec<antt_domain::equipment::CameraOutage>,
}

/// What a label shows to someone without an account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicItem {
    pub unit_name: String,
    pub code: String,
    pub kind: EquipmentKind,
    pub name: String,
    pub place: String,
}

/// One thing due: an item, what, and the day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueLine {
    pub item: Equipment,
    pub what: DueWhat,
    pub day: NaiveDate,
}

/// What needs doing, as of a day: what is overdue, what falls due before
/// the month ends, and the faults still open.
#[derive(Clone, Debug, Default)]
pub struct Overdue {
    pub today: Option<NaiveDate>,
    pub overdue: Vec<DueLine>,
    pub this_month: Vec<DueLine>,
    pub faults: Vec<(EquipmentFault, Equipment)>,
    /// Open corrective actions of places' failed rounds (no item).
    pub place_actions: Vec<EquipmentFault>,
    /// Cameras and recorders showing nothing now.
    pub outages: Vec<(antt_domain::equipment::CameraOutage, Equipment)>,
}

impl Overdue {
    /// Every open corrective action: the items' faults and the places'
    /// failed rounds.
    pub fn open_actions(&self) -> impl Iterator<Item = &EquipmentFault> {
        self.faults
            .iter()
            .map(|(f, _)| f)
            .chain(&self.place_actions)
    }
}

/// The register as read: its items, their kinds' intervals, open faults.
struct Register {
    intervals: KindIntervals,
    items: Vec<Equipment>,
    faults: Vec<EquipmentFault>,
}

impl Register {
    /// Every item with what is due and its open faults, by code.
    fn items(&self) -> Vec<Item> {
        let mut open: HashMap<EquipmentId, usize> = HashMap::new();
        for item in self.faults.iter().filter_map(|f| f.equipment_id) {
            *open.entry(item).or_default() += 1;
        }
        self.items
            .iter()
            .map(|item| Item {
                due: item.due(&self.intervals.of(item.kind)),
                open_faults: open.get(&item.id).copied().unwrap_or(0),
                item: item.clone(),
            })
            .collect()
    }

    /// What is overdue and what falls due before the month ends (items in
    /// use), the open faults and the cameras dark now (of `outages`).
    fn overdue(
        &self,
        today: NaiveDate,
        outages: Vec<antt_domain::equipment::CameraOutage>,
    ) -> Overdue {
        let mut out = Overdue {
            today: Some(today),
            ..Overdue::default()
        };
        let end = month_end(today);
        for item in self.items.iter().filter(|i| i.in_use()) {
            let due = item.due(&self.intervals.of(item.kind));
            for (what, day) in due.dates() {
                let line = DueLine {
                    item: item.clone(),
                    what,
                    day,
                };
                if day < today {
                    out.overdue.push(line);
                } else if day < end {
                    out.this_month.push(line);
                }
            }
        }
        out.overdue
            .sort_by(|a, b| (a.day, &a.item.code).cmp(&(b.day, &b.item.code)));
        out.this_month
            .sort_by(|a, b| (a.day, &a.item.code).cmp(&(b.day, &b.item.code)));
        let by_id: HashMap<EquipmentId, &Equipment> =
            self.items.iter().map(|i| (i.id, i)).collect();
        out.faults = self
            .faults
            .iter()
            .filter_map(|f| {
                by_id
                    .get(&f.equipment_id?)
                    .map(|i| (f.clone(), (*i).clone()))
            })
            .collect();
        out.place_actions = self
            .faults
            .iter()
            .filter(|f| f.equipment_id.is_none())
            .cloned()
            .collect();
        out.outages = outages
            .into_iter()
            .filter(|o| o.until.is_none())
            .filter_map(|o| by_id.get(&o.equipment_id).map(|i| (o, (*i).clone())))
            .collect();
        out
    }
}

/// Each kind's intervals: the unit's where it set them, else antt's.
#[derive(Clone, Debug, Default)]
pub struct KindIntervals(HashMap<EquipmentKind, Intervals>);

impl KindIntervals {
    pub fn of(&self, kind: EquipmentKind) -> Intervals {
        self.0
            .get(&kind)
            .copied()
            .unwrap_or_else(|| kind.default_intervals())
    }

    /// Whether the unit set its own intervals for `kind`.
    pub fn is_own(&self, kind: EquipmentKind) -> bool {
        self.0.contains_key(&kind)
    }
}

/// What reading a register sheet gave: the items, and the problems by row.
#[derive(Clone, Debug, Default)]
pub struct RegisterImport {
    pub items: Vec<EquipmentInput>,
    pub problems: Vec<Problem>,
    /// Written (none on a dry run or when refused).
    pub added: usize,
}

#[derive(Clone)]
pub struct EquipmentRegister {
    cx: Cx,
    exports: Exports,
    floods: std::sync::Arc<FloodGate>,
}

impl EquipmentRegister {
    pub(crate) fn new(cx: Cx, exports: Exports) -> Self {
        Self {
            cx,
            exports,
            floods: std::sync::Arc::default(),
        }
    }

    async fn readable(&self, actor: &Actor, unit: UnitId) -> CoreResult<()> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadEquipment)
    }

    async fn intervals_of(
        &self,
        e: &impl antt_store::Executor,
        unit: UnitId,
    ) -> CoreResult<KindIntervals> {
        Ok(KindIntervals(store::intervals(e, unit).await?))
    }

    /// The unit's items with what is due, by code.
    #[tracing::instrument(name = "equipment.items", skip_all, fields(actor = %actor.name))]
    pub async fn items(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<Item>> {
        self.readable(actor, unit).await?;
        let r = self.read_register(unit).await?;
        Ok(r.items())
    }

    /// The register's page at once: what is overdue, due and broken, and
    /// every item with what is due; the unit's items read once for both.
    pub async fn register(&self, actor: &Actor, unit: UnitId) -> CoreResult<(Overdue, Vec<Item>)> {
        self.readable(actor, unit).await?;
        let r = self.read_register(unit).await?;
        let outages = store::outages(self.cx.db(), unit, None).await?;
        Ok((r.overdue(self.cx.today(), outages), r.items()))
    }

    /// The unit's items, their kinds' intervals and the open faults.
    async fn read_register(&self, unit: UnitId) -> CoreResult<Register> {
        let db = self.cx.db();
        let (intervals, items, faults) = Box::pin(async {
            tokio::try_join!(
                self.intervals_of(db, unit),
                async { Ok(store::items(db, unit).await?) },
                async { Ok(store::faults(db, unit, true).await?) },
            )
        })
        .await?;
        Ok(Register {
            intervals,
            items,
            faults,
        })
    }

    /// One item with its history and faults.
    pub async fn item(&self, actor: &Actor, unit: UnitId, id: EquipmentId) -> CoreResult<ItemPage> {
        self.readable(actor, unit).await?;
        let db = self.cx.db();
        let item = store::item_of(db, unit, id)
            .await?
            .ok_or(CoreError::NotFound)?;
        let intervals = self.intervals_of(db, unit).await?.of(item.kind);
        let faults: Vec<EquipmentFault> = store::faults(db, unit, false)
            .await?
            .into_iter()
            .filter(|f| f.equipment_id == Some(id))
            .collect();
        Ok(ItemPage {
            item: Item {
                due: item.due(&intervals),
                open_faults: faults
                    .iter()
                    .filter(|f| f.state == FaultState::Open)
                    .count(),
                item,
            },
            intervals,
            events: store::events_of(db, unit, id).await?,
            faults,
            outages: store::outages(db, unit, Some(id)).await?,
        })
    }

    /// The item a label opens, for a member of its unit: its id.
    pub async fn item_by_label(
        &self,
        actor: &Actor,
        label: &str,
    ) -> CoreResult<(UnitId, EquipmentId)> {
        let item = store::item_by_label(self.cx.db(), label)
            .await?
            .ok_or(CoreError::NotFound)?;
        self.readable(actor, item.unit_id).await?;
        Ok((item.unit_id, item.id))
    }

    /// The kinds' intervals of the unit.
    pub async fn intervals(&self, actor: &Actor, unit: UnitId) -> CoreResult<KindIntervals> {
        self.readable(actor, unit).await?;
        self.intervals_of(self.cx.db(), unit).await
    }

    /// Sets the unit's intervals for a kind (none turns one off).
    #[tracing::instrument(name = "equipment.set_intervals", skip_all, fields(actor = %actor.name))]
    pub async fn set_intervals(
        &self,
        actor: &Actor,
        unit: UnitId,
        kind: EquipmentKind,
        intervals: Intervals,
    ) -> CoreResult<()> {
        let mut errors = ValidationErrors::new();
        let out = |v: Option<u32>, max: u32| v.is_some_and(|v| v == 0 || v > max);
        if out(intervals.check_days, 366) {
            errors.add("check_days", ErrorCode::Invalid);
        }
        if out(intervals.service_months, 120) {
            errors.add("service_months", ErrorCode::Invalid);
        }
        if out(intervals.pressure_test_years, 20) {
            errors.add("pressure_test_years", ErrorCode::Invalid);
        }
        errors.into_result()?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageEquipment))
            .await?;
        store::set_intervals(w.tx(), unit, kind, intervals).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Equipment, kind.code().to_owned())),
            format!(
                "Chu kỳ kiểm tra, bảo dưỡng: {}",
                antt_words::equipment_kind(kind)
            ),
            Vec::new(),
        ))
        .await
    }

    async fn check_campus(
        tx: &impl antt_store::Executor,
        unit: UnitId,
        campus: Option<CampusId>,
    ) -> CoreResult<()> {
        if let Some(c) = campus
            && antt_store::org::get_campus(tx, unit, c).await.is_err()
        {
            return Err(CoreError::invalid("campus", ErrorCode::NotFound));
        }
        Ok(())
    }

    /// Adds an item; its label's secret is drawn now.
    #[tracing::instrument(name = "equipment.add", skip_all, fields(actor = %actor.name))]
    pub async fn add(
        &self,
        actor: &Actor,
        unit: UnitId,
        input: EquipmentInput,
    ) -> CoreResult<EquipmentId> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageEquipment))
            .await?;
        Self::check_campus(w.tx(), unit, input.campus_id).await?;
        let item = new_item(unit, input);
        let now = w.now();
        match store::insert_item(w.tx(), &item, now).await {
            Err(StoreError::Conflict(_)) => {
                return Err(CoreError::invalid("code", ErrorCode::Duplicate));
            }
            r => r?,
        }
        store::insert_event(w.tx(), unit, &registered(&item, actor, now)).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Equipment, item.id.to_string())),
            format!("Thêm vào sổ phương tiện: {} – {}", item.code, item.name),
            Vec::new(),
        ))
        .await?;
        Ok(item.id)
    }

    /// Changes an item's details and dates (its state and label stay).
    #[tracing::instrument(name = "equipment.update", skip_all, fields(actor = %actor.name))]
    pub async fn update(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: EquipmentId,
        input: EquipmentInput,
    ) -> CoreResult<()> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageEquipment))
            .await?;
        Self::check_campus(w.tx(), unit, input.campus_id).await?;
        let before = store::item_of(w.tx(), unit, id)
            .await?
            .ok_or(CoreError::NotFound)?;
        let after = Equipment {
            state: before.state,
            label: before.label.clone(),
            ..new_item(unit, input)
        };
        let after = Equipment { id, ..after };
        match store::update_item(w.tx(), &after, w.now()).await {
            Err(StoreError::Conflict(_)) => {
                return Err(CoreError::invalid("code", ErrorCode::Duplicate));
            }
            r => r?,
        }
        let changes = antt_domain::audit::Change::diff(&fields(&before), &fields(&after));
        w.commit(changed(
            actor,
            unit,
            TargetKind::Equipment,
            id,
            format!("Sửa phương tiện {} – {}", after.code, after.name),
            changes,
        ))
        .await
    }

    /// Records work done on an item on `day`: a check (in order, or
    /// failed: the item turns faulty and a fault is opened with the note),
    /// a service or recharge, a pressure test. The item's last dates move.
    #[tracing::instrument(name = "equipment.record", skip_all, fields(actor = %actor.name))]
    pub async fn record(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: EquipmentId,
        kind: EquipmentEventKind,
        day: NaiveDate,
        note: &str,
    ) -> CoreResult<()> {
        self.record_with_photo(actor, unit, id, kind, day, note, None)
            .await
    }

    /// As [`Self::record`], with a photo taken on a check: a failed
    /// check's fault keeps it (re-encoded without its metadata, as a
    /// tip's); a check in order keeps none.
    #[allow(clippy::too_many_arguments)] // the work done, and what shows it
    pub async fn record_with_photo(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: EquipmentId,
        kind: EquipmentEventKind,
        day: NaiveDate,
        note: &str,
        photo: Option<Vec<u8>>,
    ) -> CoreResult<()> {
        let note = note_text(note)?.unwrap_or_default();
        if day > self.cx.today() {
            return Err(CoreError::invalid("day", ErrorCode::InFuture));
        }
        crate::patrol::plausible("day", day)?;
        let failed = kind == EquipmentEventKind::CheckFailed;
        if failed && note.is_empty() {
            return Err(CoreError::invalid("note", ErrorCode::Required));
        }
        if !matches!(
            kind,
            EquipmentEventKind::Checked
                | EquipmentEventKind::CheckFailed
                | EquipmentEventKind::Serviced
                | EquipmentEventKind::PressureTested
        ) {
            return Err(CoreError::invalid("kind", ErrorCode::Invalid));
        }
        // Cleaned before the write: a photo that cannot be read refuses the
        // check and changes nothing.
        let photo = match photo.filter(|p| !p.is_empty() && failed) {
            Some(p) => crate::tip::portal::clean_photos(vec![p]).await?.pop(),
            None => None,
        };
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::InspectEquipment))
            .await?;
        let mut item = store::item_of(w.tx(), unit, id)
            .await?
            .ok_or(CoreError::NotFound)?;
        if item.state == EquipmentState::Withdrawn {
            return Err(CoreError::invalid("state", ErrorCode::WrongState));
        }
        let later = |d: Option<NaiveDate>| Some(d.map_or(day, |d| d.max(day)));
        match kind {
            EquipmentEventKind::Checked | EquipmentEventKind::CheckFailed => {
                item.last_check = later(item.last_check);
            }
            EquipmentEventKind::Serviced => item.last_service = later(item.last_service),
            _ => item.last_pressure_test = later(item.last_pressure_test),
        }
        let now = w.now();
        if failed {
            item.state = EquipmentState::Faulty;
            store::insert_fault(
                w.tx(),
                &EquipmentFault {
                    id: EquipmentFaultId::new_v7(),
                    unit_id: unit,
                    equipment_id: Some(id),
                    schedule_id: None,
                    place: None,
                    reported_at: now,
                    description: format!(
                        "Kiểm tra ngày {}: {note}",
                        antt_domain::time::format_date(day)
                    ),
                    reported_by: Some(actor.name.clone()),
                    has_photo: photo.is_some(),
                    state: FaultState::Open,
                    closed_at: None,
                    closed_by: None,
                    closing_note: None,
                    owner_id: None,
                    due_on: day.checked_add_days(chrono::Days::new(FAULT_DAYS)),
                },
                photo,
            )
            .await?;
        }
        store::update_item(w.tx(), &item, now).await?;
        store::insert_event(
            w.tx(),
            unit,
            &EquipmentEvent {
                equipment_id: id,
                at: now,
                day: Some(day),
                kind,
                note,
                recorded_by: Some(actor.name.clone()),
            },
        )
        .await?;
        w.commit(changed(
            actor,
            unit,
            TargetKind::Equipment,
            id,
            format!(
                "{}: {} – {}",
                antt_words::equipment_event(kind),
                item.code,
                item.name
            ),
            Vec::new(),
        ))
        .await
    }

    /// Records a time a camera or recorder showed or recorded nothing
    /// (`until` none: it still does), with the cause.
    #[tracing::instrument(name = "equipment.record_outage", skip_all, fields(actor = %actor.name))]
    pub async fn record_outage(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: EquipmentId,
        from: DateTime<Utc>,
        until: Option<DateTime<Utc>>,
        cause: &str,
    ) -> CoreResult<()> {
        let cause =
            note_text(cause)?.ok_or_else(|| CoreError::invalid("cause", ErrorCode::Required))?;
        let now = self.cx.now();
        if from > now || until.is_some_and(|u| u > now) {
            return Err(CoreError::invalid("from", ErrorCode::InFuture));
        }
        if until.is_some_and(|u| u < from) {
            return Err(CoreError::invalid("until", ErrorCode::EndsBeforeStart));
        }
        crate::patrol::plausible("from", antt_domain::time::local_date(from))?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::InspectEquipment))
            .await?;
        let item = store::item_of(w.tx(), unit, id)
            .await?
            .ok_or(CoreError::NotFound)?;
        if !item.kind.is_camera() {
            return Err(CoreError::invalid("kind", ErrorCode::Invalid));
        }
        let outage = antt_domain::equipment::CameraOutage {
            equipment_id: id,
            from,
            until,
            cause: cause.clone(),
            recorded_by: actor.name.clone(),
        };
        store::insert_outage(w.tx(), unit, &outage, w.now()).await?;
        let when = |t: DateTime<Utc>| {
            antt_domain::time::local_time(t)
                .format("%H:%M %d/%m/%Y")
                .to_string()
        };
        store::insert_event(
            w.tx(),
            unit,
            &EquipmentEvent {
                equipment_id: id,
                at: w.now(),
                day: Some(antt_domain::time::local_date(from)),
                kind: EquipmentEventKind::StateChanged,
                note: format!(
                    "Mất hình từ {}{}: {cause}",
                    when(from),
                    until.map_or_else(
                        || " (chưa có hình lại)".into(),
                        |u| format!(" đến {}", when(u))
                    )
                ),
                recorded_by: Some(actor.name.clone()),
            },
        )
        .await?;
        w.commit(changed(
            actor,
            unit,
            TargetKind::Equipment,
            id,
            format!("Ghi mất hình {} – {}", item.code, item.name),
            Vec::new(),
        ))
        .await
    }

    /// Ends a camera's open outage now: it shows again.
    #[tracing::instrument(name = "equipment.end_outage", skip_all, fields(actor = %actor.name))]
    pub async fn end_outage(&self, actor: &Actor, unit: UnitId, id: EquipmentId) -> CoreResult<()> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::InspectEquipment))
            .await?;
        let item = store::item_of(w.tx(), unit, id)
            .await?
            .ok_or(CoreError::NotFound)?;
        if store::end_outages(w.tx(), unit, id, w.now()).await? == 0 {
            return Err(CoreError::invalid("state", ErrorCode::WrongState));
        }
        w.commit(changed(
            actor,
            unit,
            TargetKind::Equipment,
            id,
            format!("Có hình lại: {} – {}", item.code, item.name),
            Vec::new(),
        ))
        .await
    }

    /// Puts an item in a new state by hand (in repair, withdrawn, back in
    /// service).
    #[tracing::instrument(name = "equipment.set_state", skip_all, fields(actor = %actor.name))]
    pub async fn set_state(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: EquipmentId,
        state: EquipmentState,
        note: &str,
    ) -> CoreResult<()> {
        let note = note_text(note)?.unwrap_or_default();
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageEquipment))
            .await?;
        let mut item = store::item_of(w.tx(), unit, id)
            .await?
            .ok_or(CoreError::NotFound)?;
        if item.state == state {
            return Ok(());
        }
        let before = item.state;
        item.state = state;
        let now = w.now();
        store::update_item(w.tx(), &item, now).await?;
        store::insert_event(
            w.tx(),
            unit,
            &event_on(
                id,
                now,
                EquipmentEventKind::StateChanged,
                if note.is_empty() {
                    antt_words::equipment_state(state).to_owned()
                } else {
                    format!("{}: {note}", antt_words::equipment_state(state))
                },
                Some(actor.name.clone()),
            ),
        )
        .await?;
        w.commit(changed(
            actor,
            unit,
            TargetKind::Equipment,
            id,
            format!(
                "Trạng thái {}: {}",
                item.code,
                antt_words::equipment_state(state)
            ),
            vec![antt_domain::audit::Change {
                field: "state".into(),
                before: Some(before.code().to_owned()),
                after: Some(state.code().to_owned()),
            }],
        ))
        .await
    }

    /// What a label shows to anyone.
    pub async fn public_item(&self, label: &str) -> CoreResult<PublicItem> {
        let item = store::item_by_label(self.cx.db(), label)
            .await?
            .filter(Equipment::in_use)
            .ok_or(CoreError::NotFound)?;
        let unit = self.cx.cached_unit(item.unit_id).await?;
        let campus = match item.campus_id {
            Some(c) => antt_store::org::get_campus(self.cx.db(), item.unit_id, c)
                .await
                .map(|c| c.name)
                .ok(),
            None => None,
        };
        Ok(PublicItem {
            unit_name: unit.name,
            code: item.code,
            kind: item.kind,
            name: item.name,
            place: [campus.unwrap_or_default(), item.place]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
        })
    }

    /// A fault reported from a label, by anyone (`actor` none) or by
    /// staff: the item turns faulty and the office sees the report. The
    /// photo is re-encoded without its metadata; nothing of the sender is
    /// kept (the flood limit's key is an opaque hash, in memory only).
    #[tracing::instrument(name = "equipment.report_fault", skip_all)]
    pub async fn report_fault(
        &self,
        label: &str,
        actor: Option<&Actor>,
        description: &str,
        photo: Option<Vec<u8>>,
        flood_key: Option<&str>,
        submission: Option<&Submission>,
    ) -> CoreResult<EquipmentFaultId> {
        let now = self.cx.now();
        if actor.is_none()
            && !self
                .floods
                .allow(flood_key, now, REPORTS_PER_WINDOW, FLOOD_WINDOW)
        {
            return Err(CoreError::TooManyAttempts);
        }
        let description = fault_text(description)?;
        let item = store::item_by_label(self.cx.db(), label)
            .await?
            .filter(Equipment::in_use)
            .ok_or(CoreError::NotFound)?;
        let unit = item.unit_id;
        let photo = match photo.filter(|p| !p.is_empty()) {
            Some(p) => crate::tip::portal::clean_photos(vec![p]).await?.pop(),
            None => None,
        };
        let w = match actor {
            Some(a) => {
                self.cx
                    .write(Access::Unit(a, unit, Capability::ReadEquipment))
                    .await?
            }
            None => self.cx.write(Access::Public(unit, submission)).await?,
        };
        let mut item = store::item_of(w.tx(), unit, item.id)
            .await?
            .ok_or(CoreError::NotFound)?;
        let now = w.now();
        let id = EquipmentFaultId::new_v7();
        store::insert_fault(
            w.tx(),
            &EquipmentFault {
                id,
                unit_id: unit,
                equipment_id: Some(item.id),
                schedule_id: None,
                place: None,
                reported_at: now,
                description: description.clone(),
                reported_by: actor.map(|a| a.name.clone()),
                has_photo: photo.is_some(),
                state: FaultState::Open,
                closed_at: None,
                closed_by: None,
                closing_note: None,
                owner_id: None,
                due_on: antt_domain::time::local_date(now)
                    .checked_add_days(chrono::Days::new(FAULT_DAYS)),
            },
            photo,
        )
        .await?;
        if item.state == EquipmentState::InService {
            item.state = EquipmentState::Faulty;
            store::update_item(w.tx(), &item, now).await?;
        }
        store::insert_event(
            w.tx(),
            unit,
            &event_on(
                item.id,
                now,
                EquipmentEventKind::FaultReported,
                description,
                actor.map(|a| a.name.clone()),
            ),
        )
        .await?;
        let summary = format!("Báo hỏng {} – {}", item.code, item.name);
        let audit = match actor {
            Some(a) => entry(
                a,
                Some(unit),
                AuditAction::Create,
                Some((TargetKind::Equipment, item.id.to_string())),
                summary,
                Vec::new(),
            ),
            None => NewAuditEntry {
                actor_id: None,
                actor_name: "public".into(),
                unit_id: Some(unit),
                action: AuditAction::Create,
                target_kind: Some(TargetKind::Equipment),
                target_id: Some(item.id.to_string()),
                summary,
                changes: Vec::new(),
            },
        };
        w.commit(audit).await?;
        Ok(id)
    }

    /// Closes a fault: set right (the item back in service once no other
    /// fault is open) or dismissed.
    #[tracing::instrument(name = "equipment.close_fault", skip_all, fields(actor = %actor.name))]
    pub async fn close_fault(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: EquipmentFaultId,
        state: FaultState,
        note: &str,
    ) -> CoreResult<()> {
        if state == FaultState::Open {
            return Err(CoreError::invalid("state", ErrorCode::Invalid));
        }
        let note = note_text(note)?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageEquipment))
            .await?;
        let fault = store::fault_of(w.tx(), unit, id)
            .await?
            .ok_or(CoreError::NotFound)?;
        if fault.state != FaultState::Open {
            return Err(CoreError::invalid("state", ErrorCode::WrongState));
        }
        // Set right: what was done is the action's evidence.
        if state == FaultState::Fixed && note.is_none() {
            return Err(CoreError::invalid("note", ErrorCode::Required));
        }
        let now = w.now();
        store::close_fault(w.tx(), unit, id, state, &actor.name, note.as_deref(), now).await?;
        let Some(item_id) = fault.equipment_id else {
            // A place's corrective action: closed with its evidence.
            return w
                .commit(changed(
                    actor,
                    unit,
                    TargetKind::Equipment,
                    fault
                        .schedule_id
                        .map_or_else(|| id.to_string(), |s| s.to_string()),
                    format!(
                        "{} việc khắc phục: {}",
                        antt_words::fault_state(state),
                        fault.place.as_deref().unwrap_or_default()
                    ),
                    Vec::new(),
                ))
                .await;
        };
        let mut item = store::item_of(w.tx(), unit, item_id)
            .await?
            .ok_or(CoreError::NotFound)?;
        let others_open = store::faults(w.tx(), unit, true)
            .await?
            .iter()
            .any(|f| f.equipment_id == Some(item.id));
        if !others_open
            && matches!(
                item.state,
                EquipmentState::Faulty | EquipmentState::InRepair
            )
        {
            item.state = EquipmentState::InService;
            store::update_item(w.tx(), &item, now).await?;
        }
        store::insert_event(
            w.tx(),
            unit,
            &event_on(
                item.id,
                now,
                EquipmentEventKind::FaultFixed,
                format!(
                    "{}{}",
                    antt_words::fault_state(state),
                    note.map(|n| format!(": {n}")).unwrap_or_default()
                ),
                Some(actor.name.clone()),
            ),
        )
        .await?;
        w.commit(changed(
            actor,
            unit,
            TargetKind::Equipment,
            item.id,
            format!("{} báo hỏng {}", antt_words::fault_state(state), item.code),
            Vec::new(),
        ))
        .await
    }

    /// Gives an open fault to the person who must set it right, by a day
    /// (the corrective action: who, by when).
    #[tracing::instrument(name = "equipment.assign_fault", skip_all, fields(actor = %actor.name))]
    pub async fn assign_fault(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: EquipmentFaultId,
        owner: Option<antt_domain::PersonId>,
        due_on: NaiveDate,
    ) -> CoreResult<()> {
        crate::patrol::plausible("due_on", due_on)?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageEquipment))
            .await?;
        let fault = store::fault_of(w.tx(), unit, id)
            .await?
            .ok_or(CoreError::NotFound)?;
        if fault.state != FaultState::Open {
            return Err(CoreError::invalid("state", ErrorCode::WrongState));
        }
        let who = match owner {
            Some(p) => {
                antt_store::person::get(w.tx(), unit, p)
                    .await
                    .map_err(|_| CoreError::invalid("owner", ErrorCode::NotFound))?
                    .full_name
            }
            None => "Văn phòng".to_owned(),
        };
        store::assign_fault(w.tx(), unit, id, owner, due_on).await?;
        w.commit(changed(
            actor,
            unit,
            TargetKind::Equipment,
            fault
                .equipment_id
                .map(|e| e.to_string())
                .or_else(|| fault.schedule_id.map(|s| s.to_string()))
                .unwrap_or_else(|| id.to_string()),
            format!(
                "Giao xử lý báo hỏng: {who}, hạn {}",
                antt_domain::time::format_date(due_on)
            ),
            Vec::new(),
        ))
        .await
    }

    /// A fault report of the unit.
    pub async fn fault(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: EquipmentFaultId,
    ) -> CoreResult<EquipmentFault> {
        self.readable(actor, unit).await?;
        store::fault_of(self.cx.db(), unit, id)
            .await?
            .ok_or(CoreError::NotFound)
    }

    /// A fault report's photo.
    pub async fn fault_photo(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: EquipmentFaultId,
    ) -> CoreResult<Vec<u8>> {
        self.readable(actor, unit).await?;
        store::fault_photo(self.cx.db(), unit, id)
            .await?
            .ok_or(CoreError::NotFound)
    }

    /// What is overdue, what falls due before the month ends, and the open
    /// faults, as of `today`.
    #[tracing::instrument(name = "equipment.overdue", skip_all, fields(actor = %actor.name))]
    pub async fn overdue(&self, actor: &Actor, unit: UnitId) -> CoreResult<Overdue> {
        self.readable(actor, unit).await?;
        let r = self.read_register(unit).await?;
        let outages = store::outages(self.cx.db(), unit, None).await?;
        Ok(r.overdue(self.cx.today(), outages))
    }

    /// The labels of `ids` (all items in use when empty) as an A4 sheet,
    /// Word or PDF.
    pub async fn labels(
        &self,
        actor: &Actor,
        unit: UnitId,
        base: &str,
        ids: &[EquipmentId],
        pdf: bool,
    ) -> CoreResult<ExportFile> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ManageEquipment)?;
        let u = self.cx.cached_unit(unit).await?;
        let db = self.cx.db();
        let campuses = antt_store::org::list_campuses(db, unit).await?;
        let labels: Vec<Label> = store::items(db, unit)
            .await?
            .into_iter()
            .filter(|i| i.in_use() && (ids.is_empty() || ids.contains(&i.id)))
            .map(|i| Label {
                url: label_url(base, &i.label),
                place: [
                    i.campus_id
                        .and_then(|c| campuses.iter().find(|p| p.id == c))
                        .map(|c| c.name.clone())
                        .unwrap_or_default(),
                    i.place,
                ]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
                code: i.code,
                name: i.name,
            })
            .collect();
        if labels.is_empty() {
            return Err(CoreError::invalid("items", ErrorCode::Required));
        }
        if labels.len() > MAX_LABELS {
            return Err(CoreError::invalid("items", ErrorCode::TooMany));
        }
        let sheet = LabelSheet {
            unit: u.name,
            labels,
            hint: "Quét mã để xem, kiểm tra hoặc báo hỏng".into(),
        };
        let (bytes, ext, content_type) = tokio::task::spawn_blocking(move || {
            if pdf {
                (sheet.to_pdf(), "pdf", "application/pdf")
            } else {
                (
                    sheet.to_docx(),
                    "docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                )
            }
        })
        .await
        .map_err(CoreError::internal)?;
        Ok(ExportFile {
            file_name: format!("nhan-phuong-tien-{}.{ext}", u.code.to_lowercase()),
            content_type,
            bytes: bytes.map_err(CoreError::internal)?,
        })
    }

    /// The register as Excel: the columns the import reads, then what is
    /// due and the state.
    pub async fn export(&self, actor: &Actor, unit: UnitId) -> CoreResult<ExportFile> {
        let items = self.items(actor, unit).await?;
        let u = self.cx.cached_unit(unit).await?;
        let campuses = antt_store::org::list_campuses(self.cx.db(), unit).await?;
        let sheet = register_sheet(&items, &u.name, &campuses, self.cx.today());
        self.exports
            .sheets(
                actor,
                unit,
                Some((TargetKind::Equipment, "register".into())),
                format!("so-phuong-tien-{}.xlsx", u.code.to_lowercase()),
                vec![sheet],
            )
            .await
    }

    /// Reads a register sheet and, unless `dry_run`, adds every item of
    /// it in one write; a row with a problem (or a code the unit has)
    /// refuses the whole file, nothing written.
    #[tracing::instrument(name = "equipment.import", skip_all, fields(actor = %actor.name))]
    pub async fn import(
        &self,
        actor: &Actor,
        unit: UnitId,
        file_name: &str,
        bytes: Vec<u8>,
        dry_run: bool,
    ) -> CoreResult<RegisterImport> {
        self.cx.check_writable(actor, unit).await?;
        actor.require(Capability::ManageEquipment)?;
        let (sheets, _) = crate::import::read_file(file_name, bytes).await?;
        let campuses = antt_store::org::list_campuses(self.cx.db(), unit).await?;
        let today = self.cx.today();
        let (sheet, table) = sheets
            .iter()
            .find_map(|s| find_table::<EquipmentColumn>(s).map(|t| (s, t)))
            .ok_or_else(|| CoreError::invalid("file", ErrorCode::NoHeader))?;
        let mut out = RegisterImport::default();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for row in &table.rows {
            let cells = &sheet.rows[row.index];
            let cell = |k: EquipmentColumn| -> String {
                table
                    .column(k)
                    .and_then(|c| cells.get(c.index))
                    .map(|c| c.text().into_owned())
                    .unwrap_or_default()
            };
            let problem = |field: &'static str, code: ErrorCode| {
                let column = column_of(field);
                Problem {
                    row: row.index + 1,
                    column: column.and_then(|k| {
                        table
                            .column(k)
                            .map(|c| (antt_domain::sheet::column_name(c.index), c.label.clone()))
                    }),
                    field,
                    code,
                    value: column.map(&cell).unwrap_or_default(),
                }
            };
            let campus_text = cell(EquipmentColumn::Campus);
            let campus = if campus_text.is_empty() {
                None
            } else {
                let key = antt_domain::text::search_key(&campus_text);
                let found = campuses
                    .iter()
                    .find(|c| antt_domain::text::search_key(&c.name) == key)
                    .map(|c| c.id);
                if found.is_none() {
                    out.problems.push(problem("campus", ErrorCode::NotFound));
                    continue;
                }
                found
            };
            let texts = [
                EquipmentColumn::Code,
                EquipmentColumn::Kind,
                EquipmentColumn::Name,
                EquipmentColumn::Place,
                EquipmentColumn::Maker,
                EquipmentColumn::MadeOn,
                EquipmentColumn::InstalledOn,
                EquipmentColumn::LastCheck,
                EquipmentColumn::LastService,
                EquipmentColumn::LastPressureTest,
                EquipmentColumn::ExpiresOn,
                EquipmentColumn::Note,
            ]
            .map(&cell);
            // The words the export writes for a kind read back as it.
            let kind_key = antt_domain::text::search_key(&texts[1]);
            let texts = {
                let mut t = texts;
                if let Some(k) = EquipmentKind::ALL.iter().find(|k| {
                    antt_domain::text::search_key(antt_words::equipment_kind(**k)) == kind_key
                }) {
                    k.code().clone_into(&mut t[1]);
                }
                t
            };
            // A sheet without a name column names the item by its kind.
            let name = if texts[2].is_empty() {
                texts[1].clone()
            } else {
                texts[2].clone()
            };
            let t = EquipmentText {
                code: &texts[0],
                kind: &texts[1],
                name: &name,
                place: &texts[3],
                maker: &texts[4],
                made_on: &texts[5],
                installed_on: &texts[6],
                last_check: &texts[7],
                last_service: &texts[8],
                last_pressure_test: &texts[9],
                expires_on: &texts[10],
                note: &texts[11],
            };
            match EquipmentInput::parse(campus, &t, today) {
                Ok(input) => {
                    if seen.insert(input.code.clone(), row.index).is_some() {
                        out.problems.push(problem("code", ErrorCode::Duplicate));
                    } else {
                        out.items.push(input);
                    }
                }
                Err(errors) => {
                    for e in errors.iter() {
                        out.problems.push(problem(e.field, e.code));
                    }
                }
            }
        }
        let codes: Vec<String> = out.items.iter().map(|i| i.code.clone()).collect();
        for taken in store::codes_taken(self.cx.db(), unit, &codes).await? {
            if let Some(row) = seen.get(&taken) {
                out.problems.push(Problem {
                    row: row + 1,
                    column: table
                        .column(EquipmentColumn::Code)
                        .map(|c| (antt_domain::sheet::column_name(c.index), c.label.clone())),
                    field: "code",
                    code: ErrorCode::AlreadyRecorded,
                    value: taken,
                });
            }
        }
        out.problems.sort_by_key(|p| p.row);
        if dry_run || !out.problems.is_empty() || out.items.is_empty() {
            return Ok(out);
        }
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageEquipment))
            .await?;
        let now = w.now();
        for input in &out.items {
            let item = new_item(unit, input.clone());
            match store::insert_item(w.tx(), &item, now).await {
                Err(StoreError::Conflict(_)) => {
                    return Err(CoreError::invalid("code", ErrorCode::Duplicate));
                }
                r => r?,
            }
            store::insert_event(w.tx(), unit, &registered(&item, actor, now)).await?;
        }
        out.added = out.items.len();
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Equipment, "register".into())),
            format!(
                "Nhập sổ phương tiện từ tệp {file_name}: {} phương tiện",
                out.added
            ),
            Vec::new(),
        ))
        .await?;
        Ok(out)
    }
}

/// A note of at most 1,000 characters; blank is none.
/// The register as a sheet: the columns the import reads, then the next
/// dates and the state.
pub(crate) fn register_sheet(
    items: &[Item],
    unit_name: &str,
    campuses: &[antt_domain::org::Campus],
    today: NaiveDate,
) -> TableSheet {
    let date = |d: Option<NaiveDate>| d.map_or(Value::Empty, Value::Date);
    let mut headers: Vec<String> = EquipmentColumn::HEADERS
        .iter()
        .map(|(_, h)| (*h).to_owned())
        .collect();
    headers.extend(
        [
            "Kiểm tra tiếp theo",
            "Bảo dưỡng, nạp tiếp theo",
            "Thử áp lực tiếp theo",
            "Trạng thái",
        ]
        .map(str::to_owned),
    );
    TableSheet {
        name: "Sổ phương tiện".into(),
        title: vec![
            unit_name.to_uppercase(),
            "SỔ THEO DÕI PHƯƠNG TIỆN PCCC VÀ CNCH, CAMERA AN NINH".into(),
            format!("Đến ngày {}", antt_domain::time::format_date(today)),
        ],
        headers,
        widths: vec![
            12.0, 22.0, 30.0, 18.0, 28.0, 14.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 24.0, 12.0,
            12.0, 12.0, 14.0,
        ],
        rows: items
            .iter()
            .map(|i| {
                let it = &i.item;
                vec![
                    it.code.clone().into(),
                    antt_words::equipment_kind(it.kind).into(),
                    it.name.clone().into(),
                    it.campus_id
                        .and_then(|c| campuses.iter().find(|p| p.id == c))
                        .map_or_else(String::new, |c| c.name.clone())
                        .into(),
                    it.place.clone().into(),
                    it.maker.clone().unwrap_or_default().into(),
                    date(it.made_on),
                    date(it.installed_on),
                    date(it.last_check),
                    date(it.last_service),
                    date(it.last_pressure_test),
                    date(it.expires_on),
                    it.note.clone().unwrap_or_default().into(),
                    date(i.due.check),
                    date(i.due.service),
                    date(i.due.pressure_test),
                    antt_words::equipment_state(it.state).into(),
                ]
            })
            .collect(),
    }
}

fn note_text(note: &str) -> CoreResult<Option<String>> {
    antt_domain::text::optional("note", Some(note), 1000)
        .map_err(|e| CoreError::Invalid(ValidationErrors::single(e.field, e.code)))
}

/// The column a field of an item is read from.
fn column_of(field: &str) -> Option<EquipmentColumn> {
    Some(match field {
        "code" => EquipmentColumn::Code,
        "kind" => EquipmentColumn::Kind,
        "name" => EquipmentColumn::Name,
        "campus" => EquipmentColumn::Campus,
        "place" => EquipmentColumn::Place,
        "maker" => EquipmentColumn::Maker,
        "made_on" => EquipmentColumn::MadeOn,
        "installed_on" => EquipmentColumn::InstalledOn,
        "last_check" => EquipmentColumn::LastCheck,
        "last_service" => EquipmentColumn::LastService,
        "last_pressure_test" => EquipmentColumn::LastPressureTest,
        "expires_on" => EquipmentColumn::ExpiresOn,
        "note" => EquipmentColumn::Note,
        _ => return None,
    })
}

fn new_item(unit: UnitId, input: EquipmentInput) -> Equipment {
    Equipment {
        id: EquipmentId::new_v7(),
        unit_id: unit,
        code: input.code,
        kind: input.kind,
        name: input.name,
        campus_id: input.campus_id,
        place: input.place,
        maker: input.maker,
        made_on: input.made_on,
        installed_on: input.installed_on,
        last_check: input.last_check,
        last_service: input.last_service,
        last_pressure_test: input.last_pressure_test,
        expires_on: input.expires_on,
        state: EquipmentState::InService,
        note: input.note,
        label: new_label(),
    }
}

/// A line of history of the day of `at`.
fn event_on(
    id: EquipmentId,
    at: DateTime<Utc>,
    kind: EquipmentEventKind,
    note: String,
    recorded_by: Option<String>,
) -> EquipmentEvent {
    EquipmentEvent {
        equipment_id: id,
        at,
        day: Some(antt_domain::time::local_date(at)),
        kind,
        note,
        recorded_by,
    }
}

fn registered(item: &Equipment, actor: &Actor, at: DateTime<Utc>) -> EquipmentEvent {
    EquipmentEvent {
        equipment_id: item.id,
        at,
        day: None,
        kind: EquipmentEventKind::Registered,
        note: String::new(),
        recorded_by: Some(actor.name.clone()),
    }
}

/// An item's fields as the audit log compares them.
fn fields(i: &Equipment) -> Vec<(&'static str, Option<String>)> {
    let d = |d: Option<NaiveDate>| d.map(antt_domain::time::format_date);
    vec![
        ("code", Some(i.code.clone())),
        ("kind", Some(i.kind.code().to_owned())),
        ("name", Some(i.name.clone())),
        ("campus", i.campus_id.map(|c| c.to_string())),
        ("place", Some(i.place.clone())),
        ("maker", i.maker.clone()),
        ("made_on", d(i.made_on)),
        ("installed_on", d(i.installed_on)),
        ("last_check", d(i.last_check)),
        ("last_service", d(i.last_service)),
        ("last_pressure_test", d(i.last_pressure_test)),
        ("expires_on", d(i.expires_on)),
        ("note", i.note.clone()),
    ]
}
