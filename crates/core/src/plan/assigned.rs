//! Tasks from above: a police body's issued plan gives its tasks to every
//! unit under it, or a task to one kind of them (schools, agencies,
//! enterprises). Each unit sees them beside its own, answers them as it
//! reports on its own (a note, its evidence, the status it reached: the
//! unit's row in `task_answers`), and the body sees, task by task, which
//! units answered and which did not.

use std::collections::HashMap;

use antt_domain::audit::{AuditAction, Change, TargetKind};
use antt_domain::plan::{NoteInput, Plan, PlanTask, Standing, TaskNote, TaskStatus};
use antt_domain::role::Capability;
use antt_domain::time::local_date;
use antt_domain::unit::Unit;
use antt_domain::{ErrorCode, PlanTaskId, UnitId};
use antt_store::plan::{self as store, NoteAuthor};
use antt_store::task_answer as answers;

use super::{Plans, working_plan_of};
use crate::actor::Actor;
use crate::audit::entry;
use crate::error::{CoreError, CoreResult};
use crate::write::Access;

/// A task of a police body's plan, as one unit under it stands with it.
#[derive(Clone, Debug)]
pub struct AssignedTask {
    /// The task, with the unit's own status and last report.
    pub task: PlanTask,
    pub plan: Plan,
    /// The police body that gave it.
    pub authority: Unit,
    pub standing: Standing,
    /// What the unit reported on it, oldest first.
    pub notes: Vec<TaskNote>,
}

/// One unit's answer to a task of its police body.
#[derive(Clone, Debug)]
pub struct UnitReport {
    pub unit: Unit,
    pub status: TaskStatus,
    pub standing: Standing,
    pub last: Option<TaskNote>,
}

/// The task as `notes` (one unit's, oldest first) leave it for that unit.
fn as_reported(
    task: &PlanTask,
    notes: &[TaskNote],
    today: chrono::NaiveDate,
    year: i32,
) -> (PlanTask, Standing) {
    let mut t = task.clone();
    t.status = notes
        .iter()
        .rev()
        .find_map(|n| n.status)
        .unwrap_or(if notes.is_empty() {
            TaskStatus::Planned
        } else {
            TaskStatus::InProgress
        });
    t.last_progress_on = notes.last().map(|n| local_date(n.written_at));
    let standing = t.standing(year, today);
    (t, standing)
}

impl Plans {
    /// The police bodies over a unit, nearest first.
    async fn bodies_over(&self, unit: UnitId) -> CoreResult<Vec<Unit>> {
        let mut out = Vec::new();
        let mut next = self.cx.cached_unit(unit).await?.authority_id;
        for _ in 0..4 {
            let Some(id) = next else { break };
            let body = self.cx.cached_unit(id).await?;
            next = body.authority_id;
            out.push(body);
        }
        Ok(out)
    }

    /// The tasks the police bodies over the unit gave it in their issued
    /// plans, with what the unit reported: the overdue first.
    #[tracing::instrument(name = "plans.assigned", skip_all, fields(actor = %actor.name))]
    pub async fn assigned(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<AssignedTask>> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPlans)?;
        let kind = self.cx.cached_unit(unit).await?.kind;
        if kind.is_authority() {
            return Ok(Vec::new());
        }
        let today = self.cx.today();
        let mut out = Vec::new();
        for body in self.bodies_over(unit).await? {
            let Some(plan) = working_plan_of(self.cx.db(), body.id).await? else {
                continue;
            };
            for task in store::list_tasks(self.cx.db(), body.id, plan.id).await? {
                if task.for_kind.is_some_and(|k| k != kind) {
                    continue; // given to another kind of unit
                }
                let notes = answers::of_unit(self.cx.db(), unit, task.id).await?;
                let (task, standing) = as_reported(&task, &notes, today, plan.year);
                out.push(AssignedTask {
                    task,
                    plan: plan.clone(),
                    authority: body.clone(),
                    standing,
                    notes,
                });
            }
        }
        out.sort_by_key(|a| match a.standing {
            Standing::Overdue { since } => (0, Some(since)),
            Standing::DueSoon { on } => (1, Some(on)),
            Standing::OnTrack { next } => (2, next),
            Standing::Finished => (3, None),
        });
        Ok(out)
    }

    /// One task from above, as the unit stands with it.
    pub async fn assigned_task(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: PlanTaskId,
    ) -> CoreResult<AssignedTask> {
        self.assigned(actor, unit)
            .await?
            .into_iter()
            .find(|a| a.task.id == id)
            .ok_or(CoreError::NotFound)
    }

    /// The unit's report on a task from above: what was done, its
    /// evidence, and the status it reached. The unit's office writes it.
    #[tracing::instrument(name = "plans.report_assigned", skip_all, fields(actor = %actor.name))]
    pub async fn report_assigned(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: PlanTaskId,
        note: NoteInput,
    ) -> CoreResult<TaskNote> {
        let note = note.validate()?;
        let given = self.assigned_task(actor, unit, id).await?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ReportAnyTask))
            .await?;
        // The plan still in force, under the write.
        let plan = working_plan_of(w.tx(), given.authority.id).await?;
        if plan
            .as_ref()
            .is_none_or(|p| p.id != given.plan.id || !p.state.tasks_open())
        {
            return Err(CoreError::invalid("state", ErrorCode::WrongState));
        }
        let author = NoteAuthor {
            user_id: actor.user_id,
            name: actor.display_name.clone(),
            at: w.now(),
        };
        let written = answers::insert(w.tx(), unit, given.authority.id, id, &note, &author).await?;
        let status = note.status.unwrap_or(given.task.status);
        let changes = vec![
            Change {
                field: "status".into(),
                before: Some(given.task.status.code().to_owned()),
                after: Some(status.code().to_owned()),
            },
            Change {
                field: "note".into(),
                before: None,
                after: Some(note.body.clone()),
            },
        ];
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::PlanTask, id.to_string())),
            format!("Báo cáo {}: {}", given.authority.name, given.task.title),
            changes,
        ))
        .await?;
        Ok(written)
    }

    /// The file of one of the unit's answers: the unit and the police
    /// over it read it.
    pub async fn answer_file(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: antt_domain::TaskNoteId,
    ) -> CoreResult<crate::export::ExportFile> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPlans)?;
        let (name, bytes) = answers::file(self.cx.db(), unit, id).await?;
        Ok(crate::export::ExportFile {
            content_type: super::content_type_of(&name),
            file_name: name,
            bytes,
        })
    }

    /// The units under a police body that are not police bodies themselves.
    async fn units_under(&self, authority: UnitId) -> CoreResult<Vec<Unit>> {
        let mut units = Vec::new();
        for u in self.cx.cached_subtree(authority).await?.iter() {
            let u = self.cx.cached_unit(*u).await?;
            if !u.kind.is_authority() {
                units.push(u);
            }
        }
        Ok(units)
    }

    /// For the police body's plan page: of each task of its plan, how many
    /// of the units given it have answered, and how many were given it.
    #[tracing::instrument(name = "plans.answered", skip_all, fields(actor = %actor.name))]
    pub async fn answered(
        &self,
        actor: &Actor,
        authority: UnitId,
        plan: antt_domain::PlanId,
    ) -> CoreResult<HashMap<PlanTaskId, (usize, usize)>> {
        self.cx.check_readable(actor, authority).await?;
        actor.require(Capability::OverseeUnits)?;
        if !self.cx.cached_unit(authority).await?.kind.is_authority() {
            return Err(CoreError::NotFound);
        }
        let tasks = store::list_tasks(self.cx.db(), authority, plan).await?;
        let units = self.units_under(authority).await?;
        let ids: Vec<PlanTaskId> = tasks.iter().map(|t| t.id).collect();
        let mut answering: HashMap<PlanTaskId, Vec<UnitId>> = HashMap::new();
        for (task, unit) in answers::answering(self.cx.db(), authority, &ids).await? {
            answering.entry(task).or_default().push(unit);
        }
        Ok(tasks
            .iter()
            .map(|t| {
                let given: Vec<&Unit> = units
                    .iter()
                    .filter(|u| t.for_kind.is_none_or(|k| k == u.kind))
                    .collect();
                let answered = answering
                    .get(&t.id)
                    .map_or(0, |a| given.iter().filter(|u| a.contains(&u.id)).count());
                (t.id, (answered, given.len()))
            })
            .collect())
    }

    /// For the police body: how every unit under it stands with a task of
    /// its plan, those that have not reported first.
    #[tracing::instrument(name = "plans.unit_reports", skip_all, fields(actor = %actor.name))]
    pub async fn unit_reports(
        &self,
        actor: &Actor,
        authority: UnitId,
        id: PlanTaskId,
    ) -> CoreResult<Vec<UnitReport>> {
        self.cx.check_readable(actor, authority).await?;
        actor.require(Capability::OverseeUnits)?;
        if !self.cx.cached_unit(authority).await?.kind.is_authority() {
            return Err(CoreError::NotFound);
        }
        let task = store::get_task(self.cx.db(), authority, id).await?;
        let plan = store::get_plan(self.cx.db(), authority, task.plan_id).await?;
        let units: Vec<Unit> = self
            .units_under(authority)
            .await?
            .into_iter()
            .filter(|u| task.for_kind.is_none_or(|k| k == u.kind))
            .collect();
        let ids: Vec<UnitId> = units.iter().map(|u| u.id).collect();
        let mut notes: HashMap<UnitId, Vec<TaskNote>> = HashMap::new();
        for (u, n) in answers::of_units(self.cx.db(), id, &ids).await? {
            notes.entry(u).or_default().push(n);
        }
        let today = self.cx.today();
        let mut out: Vec<UnitReport> = units
            .into_iter()
            .map(|unit| {
                let own = notes.remove(&unit.id).unwrap_or_default();
                let (t, standing) = as_reported(&task, &own, today, plan.year);
                UnitReport {
                    unit,
                    status: t.status,
                    standing,
                    last: own.last().cloned(),
                }
            })
            .collect();
        out.sort_by(|a, b| {
            (a.last.is_some(), a.status.is_finished(), &a.unit.name).cmp(&(
                b.last.is_some(),
                b.status.is_finished(),
                &b.unit.name,
            ))
        });
        Ok(out)
    }
}
