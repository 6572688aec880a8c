//! The movement plan of a unit for a year: started from last year's or
//! from the built-in template, written, approved and closed; its tasks
//! assigned to departments and people, reported on with evidence; and the
//! plan printed as a Word document.

mod assigned;
pub(crate) mod demo;
mod document;
mod template;

use antt_domain::audit::{AuditAction, Change, TargetKind};
use antt_domain::plan::{
    NoteInput, Plan, PlanContent, PlanState, PlanTask, Standing, TaskInput, TaskNote, TaskStatus,
};
use antt_domain::role::Capability;
use antt_domain::time::MovementYear;
use antt_domain::time::{format_date, local_date};
use antt_domain::{DepartmentId, ErrorCode, PersonId, PlanId, PlanTaskId, TaskNoteId, UnitId};
use antt_store::plan::{self as store, NoteAuthor};
use antt_store::{person as people, unit as units};

use crate::actor::Actor;
use crate::audit::{entry, saved};
use crate::context::{Cx, movement_year};
use crate::error::{CoreError, CoreResult, reference_on};
use crate::export::ExportFile;
use crate::org::Org;
use crate::person::People;
use crate::write::Access;

pub use assigned::{AssignedTask, UnitReport};

/// The content type of a `.docx` file.
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A task with the names a list shows next to it, and where it stands today.
#[derive(Clone, Debug)]
pub struct TaskRow {
    pub task: PlanTask,
    pub department: Option<String>,
    pub person: Option<String>,
    pub partners: Vec<String>,
    pub standing: Standing,
}

/// A plan with its tasks, for its page.
#[derive(Clone, Debug)]
pub struct PlanView {
    pub plan: Plan,
    pub tasks: Vec<TaskRow>,
    /// The actor may change the plan's text (a draft, and a unit admin).
    pub may_edit_text: bool,
    /// The actor may add and change tasks.
    pub may_edit_tasks: bool,
}

impl PlanView {
    pub fn counts(&self) -> TaskCounts {
        TaskCounts::of(self.tasks.iter().map(|r| (&r.task, r.standing)))
    }
}

/// How many tasks are done, overdue, due soon, and in all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TaskCounts {
    pub total: usize,
    pub done: usize,
    pub overdue: usize,
    pub due_soon: usize,
}

impl TaskCounts {
    fn of<'a>(tasks: impl Iterator<Item = (&'a PlanTask, Standing)>) -> Self {
        let mut c = Self::default();
        for (task, standing) in tasks {
            c.total += 1;
            if task.status == TaskStatus::Done {
                c.done += 1;
            }
            match standing {
                Standing::Overdue { .. } => c.overdue += 1,
                Standing::DueSoon { .. } => c.due_soon += 1,
                Standing::Finished | Standing::OnTrack { .. } => {}
            }
        }
        c
    }
}

/// Who may report progress on a task: the unit's office, the head of the
/// department in charge or co-operating, and the person in charge.
fn may_report(actor: &Actor, task: &PlanTask, person: Option<PersonId>) -> bool {
    actor.can(Capability::ReportAnyTask)
        || (person.is_some() && task.person_id == person)
        || (actor.can(Capability::ActForDepartment)
            && actor
                .department_id
                .is_some_and(|d| task.department_id == Some(d) || task.partner_ids.contains(&d)))
}

fn content_fields(c: &PlanContent) -> Vec<(&'static str, Option<String>)> {
    let lines = |list: &[String]| Some(list.join("\n")).filter(|s| !s.is_empty());
    let fields = vec![
        ("parent_body", c.parent_body.clone()),
        ("issuing_body", Some(c.issuing_body.clone())),
        ("number", c.number.map(|n| n.to_string())),
        ("symbol", Some(c.symbol.clone())),
        ("place", Some(c.place.clone())),
        ("signed_on", c.signed_on.map(format_date)),
        ("title", Some(c.title.clone())),
        ("bases", lines(&c.bases)),
        ("preamble", Some(c.preamble.clone())),
        (
            "sections",
            Some(
                c.sections
                    .iter()
                    .map(|s| format!("{}\n{}", s.title, s.text))
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            ),
        ),
        ("report_what", Some(c.report.what.clone())),
        ("report_to", Some(c.report.to.clone())),
        ("report_due", c.report.due.map(format_date)),
        ("closing", Some(c.closing.clone())),
        ("recipients", lines(&c.recipients)),
        ("signer_authority", c.signer.authority.clone()),
        ("signer_title", Some(c.signer.title.clone())),
        ("signer_name", Some(c.signer.name.clone())),
    ];
    fields
}

fn task_fields(t: &TaskInput) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("section", Some(t.section.to_string())),
        ("title", Some(t.title.clone())),
        ("department_id", t.department_id.map(|d| d.to_string())),
        ("person_id", t.person_id.map(|p| p.to_string())),
        (
            "partner_ids",
            Some(
                t.partner_ids
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
            )
            .filter(|s| !s.is_empty()),
        ),
        ("due_on", t.due_on.map(format_date)),
        ("recurrence", t.recurrence.map(|r| r.code().to_owned())),
        ("for_kind", t.for_kind.map(|k| k.code().to_owned())),
    ]
}

fn input_of(t: &PlanTask) -> TaskInput {
    TaskInput {
        section: t.section,
        title: t.title.clone(),
        department_id: t.department_id,
        person_id: t.person_id,
        partner_ids: t.partner_ids.clone(),
        due_on: t.due_on,
        recurrence: t.recurrence,
        for_kind: t.for_kind,
    }
}

/// The movement's yearly plan of a unit and its tasks.
#[derive(Clone)]
pub struct Plans {
    cx: Cx,
    org: Org,
    people: People,
}

impl Plans {
    pub(crate) fn new(cx: Cx, org: Org, people: People) -> Self {
        Self { cx, org, people }
    }

    /// The plan year of today: 16/11 starts the next year.
    pub fn current_year(&self) -> i32 {
        MovementYear::of(local_date(self.cx.now())).number()
    }

    /// A unit's plans, newest first.
    #[tracing::instrument(name = "plans.list", skip_all, fields(actor = %actor.name))]
    pub async fn list(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<Plan>> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPlans)?;
        Ok(store::list_plans(self.cx.db(), unit).await?)
    }

    /// The plan of a unit for a year, if there is one.
    #[tracing::instrument(name = "plans.of_year", skip_all, fields(actor = %actor.name))]
    pub async fn of_year(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<Option<Plan>> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPlans)?;
        Ok(store::plan_of_year(self.cx.db(), unit, year).await?)
    }

    /// Starts the plan of `year`: last year's carried forward with its tasks
    /// (undone, due dates a year on), or the built-in template.
    #[tracing::instrument(name = "plans.start", skip_all, fields(actor = %actor.name))]
    pub async fn start(&self, actor: &Actor, unit: UnitId, year: i32) -> CoreResult<PlanId> {
        movement_year(year)?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, self.writer(unit).await?))
            .await?;
        let now = w.now();
        if store::plan_of_year(w.tx(), unit, year).await?.is_some() {
            return Err(CoreError::invalid("year", ErrorCode::Duplicate));
        }
        let last = store::plan_of_year(w.tx(), unit, year - 1).await?;
        let (content, from) = if let Some(last) = &last {
            (
                template::carried_forward(&last.content, year - 1, year),
                "last_year",
            )
        } else {
            let u = units::get(w.tx(), unit).await?;
            let police = match u.authority_id {
                Some(a) => Some(units::get(w.tx(), a).await?.name),
                None => None,
            };
            (template::template(&u, police.as_deref(), year), "template")
        };
        let plan = store::insert_plan(w.tx(), unit, year, &content, now).await?;
        if let Some(last) = &last {
            for task in store::list_tasks(w.tx(), unit, last.id).await? {
                let mut input = input_of(&task);
                input.due_on = input.due_on.and_then(|d| {
                    use chrono::Datelike;
                    d.with_year(d.year() + 1)
                });
                store::insert_task(w.tx(), unit, plan.id, &input, now).await?;
            }
        }
        let changes = vec![Change {
            field: "created_from".into(),
            before: None,
            after: Some(from.into()),
        }];
        let target = Some((TargetKind::Plan, plan.id.to_string()));
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            target,
            content.title.clone(),
            changes,
        ))
        .await?;
        Ok(plan.id)
    }

    /// Who writes a unit's plan: its office; a police body's plan, whose
    /// tasks go to the units under it, its officer.
    async fn writer(&self, unit: UnitId) -> CoreResult<Capability> {
        Ok(if self.cx.cached_unit(unit).await?.kind.is_authority() {
            Capability::ActForAuthority
        } else {
            Capability::EditPlans
        })
    }

    /// Whether the actor may start and issue plans of its own unit.
    pub async fn may_write(&self, actor: &Actor, unit: UnitId) -> CoreResult<bool> {
        Ok(actor.unit_id == Some(unit) && actor.can(self.writer(unit).await?))
    }

    /// A plan and its tasks with names and standings.
    #[tracing::instrument(name = "plans.view", skip_all, fields(actor = %actor.name))]
    pub async fn view(&self, actor: &Actor, unit: UnitId, id: PlanId) -> CoreResult<PlanView> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPlans)?;
        let plan = store::get_plan(self.cx.db(), unit, id).await?;
        let tasks = store::list_tasks(self.cx.db(), unit, id).await?;
        let rows = self.task_rows(actor, unit, &plan, tasks).await?;
        let writable = self.cx.check_writable(actor, unit).await.is_ok();
        Ok(PlanView {
            may_edit_text: writable
                && actor.can(self.writer(unit).await?)
                && plan.state.text_editable(),
            may_edit_tasks: writable
                && actor.can(self.writer(unit).await?)
                && plan.state.tasks_open(),
            plan,
            tasks: rows,
        })
    }

    async fn task_rows(
        &self,
        actor: &Actor,
        unit: UnitId,
        plan: &Plan,
        tasks: Vec<PlanTask>,
    ) -> CoreResult<Vec<TaskRow>> {
        let structure = self.org.structure(actor, unit).await?;
        let person_ids: Vec<PersonId> = tasks.iter().filter_map(|t| t.person_id).collect();
        let names = people::names(self.cx.db(), unit, &person_ids).await?;
        let today = local_date(self.cx.now());
        Ok(tasks
            .into_iter()
            .map(|task| TaskRow {
                department: structure.department_name(task.department_id),
                person: task
                    .person_id
                    .and_then(|p| names.iter().find(|(id, _)| *id == p))
                    .map(|(_, n)| n.clone()),
                partners: task
                    .partner_ids
                    .iter()
                    .filter_map(|d| structure.department_name(Some(*d)))
                    .collect(),
                standing: task.standing(plan.year, today),
                task,
            })
            .collect())
    }

    /// Saves the text of a draft plan.
    #[tracing::instrument(name = "plans.save_content", skip_all, fields(actor = %actor.name))]
    pub async fn save_content(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: PlanId,
        content: PlanContent,
    ) -> CoreResult<()> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, self.writer(unit).await?))
            .await?;
        let content = content.validate()?;
        let now = w.now();
        let plan = store::get_plan(w.tx(), unit, id).await?;
        if !plan.state.text_editable() {
            return Err(CoreError::invalid("state", ErrorCode::WrongState));
        }
        store::update_plan_content(w.tx(), unit, id, &content, now).await?;
        let changes = Change::diff(&content_fields(&plan.content), &content_fields(&content));
        let target = Some((TargetKind::Plan, id.to_string()));
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            target,
            content.title.clone(),
            changes,
        ))
        .await
    }

    /// Moves a plan on: a draft is approved (issued) once it has its number
    /// and signing day; an approved plan is closed at the end of the year.
    #[tracing::instrument(name = "plans.advance", skip_all, fields(actor = %actor.name))]
    pub async fn advance(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: PlanId,
        to: PlanState,
    ) -> CoreResult<()> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, self.writer(unit).await?))
            .await?;
        let now = w.now();
        let plan = store::get_plan(w.tx(), unit, id).await?;
        if plan.state.next() != Some(to) {
            return Err(CoreError::invalid("state", ErrorCode::WrongState));
        }
        if to == PlanState::Approved {
            let mut errors = antt_domain::ValidationErrors::new();
            if plan.content.number.is_none() {
                errors.add("number", ErrorCode::Required);
            }
            if plan.content.signed_on.is_none() {
                errors.add("signed_on", ErrorCode::Required);
            }
            if plan.content.signer.name.is_empty() {
                errors.add("signer_name", ErrorCode::Required);
            }
            errors.into_result()?;
        }
        store::set_plan_state(w.tx(), unit, id, to, now).await?;
        if to == PlanState::Approved {
            // The plan as signed is kept: tasks added to it later are
            // followed on the screens, never printed into the signed text.
            let tasks = store::list_tasks(w.tx(), unit, id).await?;
            let structure = self.org.structure(actor, unit).await?;
            let file = self.render_file(&plan, &tasks, &structure).await?;
            crate::papers::keep(
                w.tx(),
                unit,
                crate::papers::Paper::Plan,
                &id.to_string(),
                file,
                &actor.display_name,
                now,
            )
            .await?;
        }
        let changes = vec![Change {
            field: "state".into(),
            before: Some(plan.state.code().into()),
            after: Some(to.code().into()),
        }];
        let target = Some((TargetKind::Plan, id.to_string()));
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            target,
            plan.content.title,
            changes,
        ))
        .await
    }

    /// Adds a task to a plan (`id` is `None`) or changes one.
    #[tracing::instrument(name = "plans.save_task", skip_all, fields(actor = %actor.name))]
    pub async fn save_task(
        &self,
        actor: &Actor,
        unit: UnitId,
        plan_id: PlanId,
        id: Option<PlanTaskId>,
        input: TaskInput,
    ) -> CoreResult<PlanTaskId> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, self.writer(unit).await?))
            .await?;
        let now = w.now();
        let plan = store::get_plan(w.tx(), unit, plan_id).await?;
        if !plan.state.tasks_open() {
            return Err(CoreError::invalid("state", ErrorCode::WrongState));
        }
        let input = input.validate(&plan)?;
        if input.for_kind.is_some() && !self.cx.cached_unit(unit).await?.kind.is_authority() {
            // A unit's own task is its own: only a police body gives one
            // to a kind of the units under it.
            return Err(CoreError::invalid("for_kind", ErrorCode::NotAllowed));
        }
        let (id, action, before) = match id {
            None => (
                store::insert_task(w.tx(), unit, plan_id, &input, now)
                    .await
                    .map_err(reference_on("department_id"))?
                    .id,
                AuditAction::Create,
                Vec::new(),
            ),
            Some(id) => {
                let old = store::get_task(w.tx(), unit, id).await?;
                if old.plan_id != plan_id {
                    return Err(CoreError::NotFound);
                }
                store::update_task(w.tx(), unit, id, &input, now)
                    .await
                    .map_err(reference_on("department_id"))?;
                (id, AuditAction::Update, task_fields(&input_of(&old)))
            }
        };
        w.commit(saved(
            actor,
            unit,
            TargetKind::PlanTask,
            id,
            action,
            input.title.clone(),
            &before,
            &task_fields(&input),
        ))
        .await?;
        Ok(id)
    }

    /// A task with its plan, names and notes, for its page.
    #[tracing::instrument(name = "plans.task_view", skip_all, fields(actor = %actor.name))]
    pub async fn task_view(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: PlanTaskId,
    ) -> CoreResult<TaskView> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPlans)?;
        let task = store::get_task(self.cx.db(), unit, id).await?;
        let plan = store::get_plan(self.cx.db(), unit, task.plan_id).await?;
        let notes = store::list_notes(self.cx.db(), unit, id).await?;
        let person = self.people.of_account(actor).await?;
        let writable = self.cx.check_writable(actor, unit).await.is_ok();
        let may_report = writable && plan.state.tasks_open() && may_report(actor, &task, person);
        let may_edit = writable && plan.state.tasks_open() && actor.can(self.writer(unit).await?);
        let row = self
            .task_rows(actor, unit, &plan, vec![task])
            .await?
            .pop()
            .ok_or(CoreError::NotFound)?;
        Ok(TaskView {
            plan,
            row,
            notes,
            may_report,
            may_edit,
        })
    }

    /// Writes a progress note on a task, with its evidence and, when given,
    /// the task's new status.
    #[tracing::instrument(name = "plans.report_task", skip_all, fields(actor = %actor.name))]
    pub async fn report_task(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: PlanTaskId,
        note: NoteInput,
    ) -> CoreResult<TaskNote> {
        let note = note.validate()?;
        let person = self.people.of_account(actor).await?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ReadPlans))
            .await?;
        let now = w.now();
        let task = store::get_task(w.tx(), unit, id).await?;
        if !may_report(actor, &task, person) {
            return Err(CoreError::Forbidden);
        }
        let plan = store::get_plan(w.tx(), unit, task.plan_id).await?;
        if !plan.state.tasks_open() {
            return Err(CoreError::invalid("state", ErrorCode::WrongState));
        }
        let status = note.status.unwrap_or(match task.status {
            TaskStatus::Planned => TaskStatus::InProgress,
            other => other,
        });
        store::record_progress(w.tx(), unit, id, status, local_date(now), now).await?;
        let author = NoteAuthor {
            user_id: actor.user_id,
            name: actor.display_name.clone(),
            at: now,
        };
        let written = store::insert_note(w.tx(), unit, id, &note, &author).await?;
        let mut changes = Change::diff(
            &[("status", Some(task.status.code().to_owned()))],
            &[("status", Some(status.code().to_owned()))],
        );
        changes.push(Change {
            field: "note".into(),
            before: None,
            after: Some(note.body.clone()),
        });
        if let Some((name, _)) = &note.file {
            changes.push(Change {
                field: "file".into(),
                before: None,
                after: Some(name.clone()),
            });
        }
        let target = Some((TargetKind::PlanTask, id.to_string()));
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            target,
            task.title,
            changes,
        ))
        .await?;
        Ok(written)
    }

    /// The file attached to a note.
    #[tracing::instrument(name = "plans.note_file", skip_all, fields(actor = %actor.name))]
    pub async fn note_file(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: TaskNoteId,
    ) -> CoreResult<ExportFile> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPlans)?;
        let (_, name, bytes) = store::note_file(self.cx.db(), unit, id).await?;
        Ok(ExportFile {
            content_type: content_type_of(&name),
            file_name: name,
            bytes,
        })
    }

    /// The plan whose tasks are being worked on: the latest approved one
    /// (in the weeks after 16/11 the year just ended stays open until it is
    /// closed, while next year's plan is still a draft).
    pub(crate) async fn working_plan(&self, unit: UnitId) -> CoreResult<Option<Plan>> {
        working_plan_of(self.cx.db(), unit).await
    }

    /// The tasks of the working plan that concern the actor: those of their
    /// department (in charge or co-operating) or given to them by name; for
    /// the unit's office and leaders, every task that is overdue or due soon.
    #[tracing::instrument(name = "plans.my_tasks", skip_all, fields(actor = %actor.name))]
    pub async fn my_tasks(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<TaskRow>> {
        self.cx.check_readable(actor, unit).await?;
        if !actor.role.can(Capability::ReadPlans) {
            return Ok(Vec::new());
        }
        let Some(plan) = self.working_plan(unit).await? else {
            return Ok(Vec::new());
        };
        let person = self.people.of_account(actor).await?;
        let tasks = store::list_tasks(self.cx.db(), unit, plan.id).await?;
        let everything = actor.can(Capability::FollowAllTasks);
        let mine: Vec<PlanTask> = tasks
            .into_iter()
            .filter(|t| {
                (person.is_some() && t.person_id == person)
                    || actor
                        .department_id
                        .is_some_and(|d| t.department_id == Some(d) || t.partner_ids.contains(&d))
                    || everything
            })
            .collect();
        let mut rows = self.task_rows(actor, unit, &plan, mine).await?;
        if everything {
            rows.retain(|r| {
                matches!(
                    r.standing,
                    Standing::Overdue { .. } | Standing::DueSoon { .. }
                )
            });
        }
        rows.sort_by_key(|r| match r.standing {
            Standing::Overdue { since } => (0, Some(since)),
            Standing::DueSoon { on } => (1, Some(on)),
            Standing::OnTrack { next } => (2, next),
            Standing::Finished => (3, None),
        });
        Ok(rows)
    }

    /// The plan as a Word document in the layout of Decree 30; the export
    /// is written to the audit log.
    #[tracing::instrument(name = "plans.document", skip_all, fields(actor = %actor.name))]
    pub async fn document(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: PlanId,
    ) -> CoreResult<ExportFile> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPlans)?;
        let plan = store::get_plan(self.cx.db(), unit, id).await?;
        let kept = crate::papers::kept(
            self.cx.db(),
            unit,
            crate::papers::Paper::Plan,
            &id.to_string(),
        )
        .await?;
        let file = match kept {
            // Approved in antt: the plan as it was signed.
            Some(file) if plan.state != PlanState::Draft => file,
            _ => {
                let tasks = store::list_tasks(self.cx.db(), unit, id).await?;
                let structure = self.org.structure(actor, unit).await?;
                self.render_file(&plan, &tasks, &structure).await?
            }
        };
        let file_name = file.file_name.clone();
        self.cx
            .record(entry(
                actor,
                Some(unit),
                AuditAction::Export,
                Some((TargetKind::Plan, id.to_string())),
                file_name.clone(),
                Vec::new(),
            ))
            .await?;
        Ok(file)
    }

    /// The plan with `tasks` as a Word file.
    /// The Word file of `plan` as it is signed, with its tasks.
    pub(crate) async fn signed_file(&self, unit: UnitId, plan: &Plan) -> CoreResult<ExportFile> {
        let tasks = store::list_tasks(self.cx.db(), unit, plan.id).await?;
        let structure = self.org.structure(&Actor::command_line(), unit).await?;
        self.render_file(plan, &tasks, &structure).await
    }

    async fn render_file(
        &self,
        plan: &Plan,
        tasks: &[PlanTask],
        structure: &crate::org::Structure,
    ) -> CoreResult<ExportFile> {
        let doc = document::document(plan, tasks, |t| structure.department_name(t.department_id));
        let bytes = tokio::task::spawn_blocking(move || doc.to_docx())
            .await
            .map_err(CoreError::internal)?
            .map_err(CoreError::internal)?;
        Ok(ExportFile {
            file_name: format!("ke-hoach-{}.docx", plan.year),
            content_type: DOCX,
            bytes,
        })
    }

    /// The document of a plan without reading the database or writing the
    /// audit log: for the benchmark.
    pub fn render(
        plan: &Plan,
        tasks: &[PlanTask],
        departments: &[(DepartmentId, String)],
    ) -> CoreResult<Vec<u8>> {
        let name = |t: &PlanTask| {
            t.department_id
                .and_then(|d| departments.iter().find(|(id, _)| *id == d))
                .map(|(_, n)| n.clone())
        };
        document::document(plan, tasks, name)
            .to_docx()
            .map_err(CoreError::internal)
    }
}

/// A task with its plan and notes, for its page.
#[derive(Clone, Debug)]
pub struct TaskView {
    pub plan: Plan,
    pub row: TaskRow,
    pub notes: Vec<TaskNote>,
    pub may_report: bool,
    pub may_edit: bool,
}

fn content_type_of(name: &str) -> &'static str {
    let lower = name.to_lowercase();
    let ext = lower.rsplit('.').next().unwrap_or_default();
    match ext {
        "pdf" => "application/pdf",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "docx" => DOCX,
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// The plan the unit works to: its approved one, as `e` sees it (the
/// letterhead and signer of the unit's other papers come from it).
pub(crate) async fn working_plan_of(
    e: &impl antt_store::Executor,
    unit: UnitId,
) -> CoreResult<Option<Plan>> {
    Ok(store::list_plans(e, unit)
        .await?
        .into_iter()
        .find(|p| p.state == PlanState::Approved))
}

/// The header and signer of the unit's documents: from its issued plan
/// when it has one, else from the unit's own name and address.
#[derive(Clone)]
pub(crate) struct Letterhead {
    pub parent_body: Option<String>,
    pub issuing_body: String,
    pub place: String,
    pub signer: antt_docgen::Signer,
    /// The unit's Vietnamese abbreviation in every number ("CĐLC" in
    /// "15/TTr-CĐLC"), kept apart from its ASCII code ("CDLC" in links).
    pub abbreviation: String,
}

impl Letterhead {
    pub(crate) fn of(
        unit: &antt_domain::unit::Unit,
        plan: Option<&antt_domain::plan::PlanContent>,
    ) -> Self {
        let abbreviation = plan
            .and_then(|p| p.symbol.split_once('-'))
            .map(|(_, s)| s.trim())
            .filter(|s| !s.is_empty() && !s.eq_ignore_ascii_case(&unit.code))
            .map_or_else(
                || antt_words::unit_abbreviation(plan.map_or(&unit.name, |p| &p.issuing_body)),
                str::to_owned,
            );
        match plan {
            Some(p) => Self {
                abbreviation,
                parent_body: p.parent_body.clone(),
                issuing_body: p.issuing_body.clone(),
                place: p.place.clone(),
                signer: antt_docgen::Signer {
                    witness: None,
                    authority: p.signer.authority.clone(),
                    title: p.signer.title.clone(),
                    name: p.signer.name.clone(),
                },
            },
            None => Self {
                abbreviation,
                parent_body: None,
                issuing_body: unit.name.clone(),
                place: unit
                    .address
                    .clone()
                    .and_then(|a| a.rsplit(',').next().map(|s| s.trim().to_owned()))
                    .unwrap_or_default(),
                signer: antt_docgen::Signer {
                    witness: None,
                    authority: None,
                    title: "THỦ TRƯỞNG ĐƠN VỊ".into(),
                    name: String::new(),
                },
            },
        }
    }
}
