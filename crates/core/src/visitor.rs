//! Visitors at the gate: a guard lets a visitor in (refused when the
//! visitor is on the unit's list of people not let in) and out; the office
//! keeps that list and the gate's settings, and reads a day's visitors and
//! who was still inside at closing time.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::role::Capability;
use antt_domain::text;
use antt_domain::time::vietnam_instant;
use antt_domain::visitor::{BarredPerson, GateSettings, Visitor, VisitorInput, document_digits};
use antt_domain::{BarredPersonId, CampusId, ErrorCode, UnitId, ValidationErrors, VisitorId};
use antt_store::visitor as store;

use crate::actor::Actor;
use crate::audit::entry;
use crate::context::Cx;
use crate::error::{CoreError, CoreResult};
use crate::write::Access;

/// A visitor as typed at the gate.
#[derive(Clone, Debug, Default)]
pub struct VisitorForm {
    pub name: String,
    /// A document kind's code, or empty.
    pub document: String,
    pub number: String,
    pub visiting: String,
    pub plate: String,
}

/// A day's visitors at a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitorDay {
    pub day: NaiveDate,
    pub settings: GateSettings,
    /// Everyone who came that day, and those still inside from before.
    pub visitors: Vec<Visitor>,
}

impl VisitorDay {
    /// When the gate closed that day.
    pub fn closing(&self) -> DateTime<Utc> {
        vietnam_instant(self.day.and_time(self.settings.closing))
    }

    /// Visitors inside at closing time: not gone by then.
    pub fn inside_at_closing(&self) -> Vec<&Visitor> {
        let closing = self.closing();
        self.visitors
            .iter()
            .filter(|v| v.arrived_at < closing && v.left_at.is_none_or(|l| l > closing))
            .collect()
    }
}

#[derive(Clone)]
pub struct Visitors {
    cx: Cx,
}

impl Visitors {
    pub(crate) fn new(cx: Cx) -> Self {
        Self { cx }
    }

    async fn readable(&self, actor: &Actor, unit: UnitId) -> CoreResult<()> {
        crate::patrol::gate_readable(&self.cx, actor, unit).await
    }

    /// The unit's gate settings.
    pub async fn settings(&self, actor: &Actor, unit: UnitId) -> CoreResult<GateSettings> {
        self.readable(actor, unit).await?;
        Ok(store::settings(self.cx.db(), unit).await?)
    }

    /// Changes the gate's settings: whole document numbers kept or not,
    /// and the closing time ("22:00").
    #[tracing::instrument(name = "visitors.save_settings", skip_all, fields(actor = %actor.name))]
    pub async fn save_settings(
        &self,
        actor: &Actor,
        unit: UnitId,
        full_numbers: bool,
        closing: &str,
    ) -> CoreResult<()> {
        let closing = NaiveTime::parse_from_str(closing.trim(), "%H:%M")
            .map_err(|_| CoreError::invalid("closing_time", ErrorCode::Invalid))?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageDuty))
            .await?;
        let before = store::settings(w.tx(), unit).await?;
        store::save_settings(
            w.tx(),
            unit,
            &GateSettings {
                full_numbers,
                closing,
            },
        )
        .await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Visitor, "settings".to_owned())),
            format!(
                "Cổng trường: {}, đóng cổng {} (trước: {}, {})",
                if full_numbers {
                    "ghi đủ số giấy tờ"
                } else {
                    "chỉ ghi 4 số cuối giấy tờ"
                },
                closing.format("%H:%M"),
                if before.full_numbers {
                    "ghi đủ số"
                } else {
                    "4 số cuối"
                },
                before.closing.format("%H:%M"),
            ),
            Vec::new(),
        ))
        .await
    }

    /// Lets a visitor in at `campus`; refused, with nothing written, for
    /// one on the list of people not let in.
    #[tracing::instrument(name = "visitors.admit", skip_all, fields(actor = %actor.name))]
    pub async fn admit(
        &self,
        actor: &Actor,
        campus: CampusId,
        form: &VisitorForm,
    ) -> CoreResult<VisitorId> {
        actor.require(Capability::StandDuty)?;
        let unit = actor.unit_id.ok_or(CoreError::Forbidden)?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::StandDuty))
            .await?;
        let settings = store::settings(w.tx(), unit).await?;
        let input = VisitorInput::parse(
            campus,
            &form.name,
            &form.document,
            &form.number,
            &form.visiting,
            &form.plate,
            settings.full_numbers,
        )?;
        if antt_store::org::get_campus(w.tx(), unit, campus)
            .await
            .is_err()
        {
            return Err(CoreError::invalid("campus", ErrorCode::NotFound));
        }
        if let Some(b) = store::barred(w.tx(), unit)
            .await?
            .into_iter()
            .find(|b| b.matches(&input.name, &input.document_number))
        {
            tracing::warn!(barred = %b.id, "a visitor on the list of people not let in");
            return Err(CoreError::invalid("name", ErrorCode::Barred));
        }
        let v = Visitor {
            id: VisitorId::new_v7(),
            unit_id: unit,
            campus_id: campus,
            name: input.name,
            document: input.document,
            document_number: input.document_number,
            visiting: input.visiting,
            vehicle_plate: input.vehicle_plate,
            arrived_at: w.now(),
            left_at: None,
            recorded_by: actor.name.clone(),
        };
        store::insert(w.tx(), &v).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Visitor, v.id.to_string())),
            format!("Khách vào: {} – gặp {}", v.name, v.visiting),
            Vec::new(),
        ))
        .await?;
        Ok(v.id)
    }

    /// Records that a visitor has left.
    #[tracing::instrument(name = "visitors.leave", skip_all, fields(actor = %actor.name))]
    pub async fn leave(&self, actor: &Actor, id: VisitorId) -> CoreResult<()> {
        actor.require(Capability::StandDuty)?;
        let unit = actor.unit_id.ok_or(CoreError::Forbidden)?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::StandDuty))
            .await?;
        store::leave(w.tx(), unit, id, w.now()).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Visitor, id.to_string())),
            "Khách ra".to_owned(),
            Vec::new(),
        ))
        .await
    }

    /// The visitors of a day (Vietnam time), and those still inside.
    pub async fn day(&self, actor: &Actor, unit: UnitId, day: NaiveDate) -> CoreResult<VisitorDay> {
        self.readable(actor, unit).await?;
        crate::patrol::plausible("day", day)?;
        let from = vietnam_instant(day.and_hms_opt(0, 0, 0).unwrap_or_default());
        Ok(VisitorDay {
            day,
            settings: store::settings(self.cx.db(), unit).await?,
            visitors: store::of_period(self.cx.db(), unit, from, from + Duration::days(1)).await?,
        })
    }

    /// The list of people not let in.
    pub async fn barred(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<BarredPerson>> {
        self.readable(actor, unit).await?;
        Ok(store::barred(self.cx.db(), unit).await?)
    }

    /// Puts a person on the list, with why.
    #[tracing::instrument(name = "visitors.bar", skip_all, fields(actor = %actor.name))]
    pub async fn bar(
        &self,
        actor: &Actor,
        unit: UnitId,
        name: &str,
        number: &str,
        reason: &str,
    ) -> CoreResult<BarredPersonId> {
        let mut errors = ValidationErrors::new();
        let name = errors.check(text::required("name", name, 120));
        let number = document_digits(number, false);
        if number.is_none() {
            errors.add("document_number", ErrorCode::Invalid);
        }
        let reason = errors.check(text::required("reason", reason, 1_000));
        errors.into_result()?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageDuty))
            .await?;
        let b = BarredPerson {
            id: BarredPersonId::new_v7(),
            unit_id: unit,
            name: name.unwrap_or_default(),
            document_number: number.unwrap_or_default(),
            reason: reason.unwrap_or_default(),
            added_at: w.now(),
            added_by: actor.display_name.clone(),
        };
        store::bar(w.tx(), &b).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Visitor, b.id.to_string())),
            format!("Thêm {} vào danh sách không cho vào: {}", b.name, b.reason),
            Vec::new(),
        ))
        .await?;
        Ok(b.id)
    }

    /// Takes a person off the list.
    #[tracing::instrument(name = "visitors.unbar", skip_all, fields(actor = %actor.name))]
    pub async fn unbar(&self, actor: &Actor, unit: UnitId, id: BarredPersonId) -> CoreResult<()> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageDuty))
            .await?;
        store::unbar(w.tx(), unit, id).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Visitor, id.to_string())),
            "Bỏ tên khỏi danh sách không cho vào".to_owned(),
            Vec::new(),
        ))
        .await
    }
}
