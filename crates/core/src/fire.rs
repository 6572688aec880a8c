//! Fire drills and the fire team's training: the office records each
//! drill (scenario, who took part, the evacuation time, what went wrong)
//! and each course with its certificate; antt says when the next drill is
//! due and which certificates lapse soon, beside the register's own list.

use chrono::NaiveDate;

use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::fire::{FireDrill, FireTraining, next_drill};
use antt_domain::role::Capability;
use antt_domain::{ErrorCode, FireDrillId, FireTrainingId, PersonId, UnitId};
use antt_store::fire as store;

use crate::actor::Actor;
use crate::audit::entry;
use crate::context::Cx;
use crate::equipment::{EquipmentRegister, Overdue};
use crate::error::{CoreError, CoreResult};
use crate::write::Access;

/// A course with the name of who took it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrainingLine {
    pub training: FireTraining,
    pub full_name: String,
}

/// Everything of fire safety that needs doing, as of today.
#[derive(Clone, Debug)]
pub struct FireDue {
    pub equipment: Overdue,
    pub last_drill: Option<NaiveDate>,
    /// A year after the last drill (today when there was none).
    pub next_drill: NaiveDate,
    pub drill_overdue: bool,
    /// The latest certificate of each person, where it lapsed or lapses
    /// within the warning days.
    pub certificates: Vec<TrainingLine>,
}

#[derive(Clone)]
pub struct FireSafety {
    cx: Cx,
    register: EquipmentRegister,
}

impl FireSafety {
    pub(crate) fn new(cx: Cx, register: EquipmentRegister) -> Self {
        Self { cx, register }
    }

    async fn readable(&self, actor: &Actor, unit: UnitId) -> CoreResult<()> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadEquipment)
    }

    /// The unit's drills, the latest first.
    pub async fn drills(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<FireDrill>> {
        self.readable(actor, unit).await?;
        Ok(store::drills(self.cx.db(), unit).await?)
    }

    /// Records a drill held.
    #[tracing::instrument(name = "fire.add_drill", skip_all, fields(actor = %actor.name))]
    pub async fn add_drill(
        &self,
        actor: &Actor,
        unit: UnitId,
        drill: FireDrill,
    ) -> CoreResult<FireDrillId> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageEquipment))
            .await?;
        crate::patrol::plausible("drill_on", drill.held_on)?;
        let drill = FireDrill {
            unit_id: unit,
            ..drill
        };
        store::insert_drill(w.tx(), &drill, &actor.name, w.now()).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Equipment, drill.id.to_string())),
            format!(
                "Diễn tập PCCC ngày {}: {}",
                antt_domain::time::format_date(drill.held_on),
                drill.scenario
            ),
            Vec::new(),
        ))
        .await?;
        Ok(drill.id)
    }

    /// The unit's courses with who took them, the latest first.
    pub async fn trainings(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<TrainingLine>> {
        self.readable(actor, unit).await?;
        let db = self.cx.db();
        let list = store::trainings(db, unit).await?;
        let mut ids: Vec<PersonId> = list.iter().map(|t| t.person_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let names: std::collections::HashMap<PersonId, String> =
            antt_store::person::names(db, unit, &ids)
                .await?
                .into_iter()
                .collect();
        Ok(list
            .into_iter()
            .map(|training| TrainingLine {
                full_name: names.get(&training.person_id).cloned().unwrap_or_default(),
                training,
            })
            .collect())
    }

    /// Records a course a person of the unit took.
    #[tracing::instrument(name = "fire.add_training", skip_all, fields(actor = %actor.name))]
    pub async fn add_training(
        &self,
        actor: &Actor,
        unit: UnitId,
        training: FireTraining,
    ) -> CoreResult<FireTrainingId> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageEquipment))
            .await?;
        crate::patrol::plausible("trained_on", training.held_on)?;
        let person = antt_store::person::get(w.tx(), unit, training.person_id)
            .await
            .map_err(|_| CoreError::invalid("person", ErrorCode::NotFound))?;
        let training = FireTraining {
            unit_id: unit,
            ..training
        };
        store::insert_training(w.tx(), &training, &actor.name, w.now()).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Person, person.id.to_string())),
            format!(
                "Huấn luyện PCCC: {} – {}",
                person.full_name, training.course
            ),
            Vec::new(),
        ))
        .await?;
        Ok(training.id)
    }

    /// What needs doing: the register's list, the next drill, the
    /// certificates lapsing.
    pub async fn due(&self, actor: &Actor, unit: UnitId) -> CoreResult<FireDue> {
        let equipment = self.register.overdue(actor, unit).await?;
        let today = self.cx.today();
        let last_drill = store::drills(self.cx.db(), unit)
            .await?
            .first()
            .map(|d| d.held_on);
        let next = next_drill(last_drill, today);
        // Each person's latest certificate counts: a renewed one clears
        // the old (a refresher without a certificate changes nothing).
        let mut latest: Vec<TrainingLine> = Vec::new();
        for line in self
            .trainings(actor, unit)
            .await?
            .into_iter()
            .filter(|l| l.training.expires_on.is_some())
        {
            if !latest
                .iter()
                .any(|l| l.training.person_id == line.training.person_id)
            {
                latest.push(line);
            }
        }
        let mut certificates: Vec<TrainingLine> = latest
            .into_iter()
            .filter(|l| l.training.lapsing(today))
            .collect();
        certificates.sort_by_key(|l| l.training.expires_on);
        Ok(FireDue {
            equipment,
            last_drill,
            next_drill: next,
            drill_overdue: next < today || last_drill.is_none(),
            certificates,
        })
    }
}
