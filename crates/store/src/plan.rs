//! Movement plans, their tasks and progress notes. Every function takes the
//! unit: a row of another unit is "not found".

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use antt_domain::plan::{
    NoteInput, Plan, PlanContent, PlanState, PlanTask, Recurrence, TaskInput, TaskNote, TaskStatus,
};
use antt_domain::{DepartmentId, PersonId, PlanId, PlanTaskId, TaskNoteId, UnitId, UserId};
use antt_entity::{plan as plans, plan_task as tasks, task_note as notes};

use crate::db::Executor;
use crate::error::{StoreError, StoreResult, decode, one_row};

fn plan(m: &plans::Model) -> StoreResult<Plan> {
    Ok(Plan {
        id: PlanId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        year: m.year,
        state: decode("plan state", &m.state, PlanState::parse)?,
        content: serde_json::from_str(&m.content)
            .map_err(|e| StoreError::Corrupt(format!("plan content: {e}")))?,
    })
}

fn task(m: tasks::Model) -> StoreResult<PlanTask> {
    let partners: Vec<uuid::Uuid> = serde_json::from_str(&m.partner_ids)
        .map_err(|e| StoreError::Corrupt(format!("task partners: {e}")))?;
    Ok(PlanTask {
        id: PlanTaskId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        plan_id: PlanId::from_uuid(m.plan_id),
        section: u16::try_from(m.section).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        title: m.title,
        department_id: m.department_id.map(DepartmentId::from_uuid),
        person_id: m.person_id.map(PersonId::from_uuid),
        partner_ids: partners.into_iter().map(DepartmentId::from_uuid).collect(),
        due_on: m.due_on,
        recurrence: m
            .recurrence
            .as_deref()
            .map(|r| decode("recurrence", r, Recurrence::parse))
            .transpose()?,
        status: decode("task status", &m.status, TaskStatus::parse)?,
        last_progress_on: m.last_progress_on,
        for_kind: m
            .for_kind
            .as_deref()
            .map(|k| decode("unit kind", k, antt_domain::unit::UnitKind::parse))
            .transpose()?,
    })
}

fn note(m: notes::Model) -> StoreResult<TaskNote> {
    Ok(TaskNote {
        id: TaskNoteId::from_uuid(m.id),
        task_id: PlanTaskId::from_uuid(m.task_id),
        user_id: m.user_id.map(UserId::from_uuid),
        author_name: m.author_name,
        written_at: m.written_at,
        body: m.body,
        status: m
            .status
            .as_deref()
            .map(|s| decode("task status", s, TaskStatus::parse))
            .transpose()?,
        link: m.link,
        file_name: m.file_name,
    })
}

fn json(content: &PlanContent) -> StoreResult<String> {
    serde_json::to_string(content).map_err(|e| StoreError::Corrupt(e.to_string()))
}

// Plans

pub async fn insert_plan(
    e: &impl Executor,
    unit: UnitId,
    year: i32,
    content: &PlanContent,
    now: DateTime<Utc>,
) -> StoreResult<Plan> {
    let m = plans::ActiveModel {
        id: Set(PlanId::new_v7().uuid()),
        unit_id: Set(unit.uuid()),
        year: Set(year),
        state: Set(PlanState::Draft.code().to_owned()),
        content: Set(json(content)?),
        created_at: Set(now),
        updated_at: Set(now),
        approved_at: Set(None),
        closed_at: Set(None),
    }
    .insert(e.conn())
    .await?;
    plan(&m)
}

pub async fn get_plan(e: &impl Executor, unit: UnitId, id: PlanId) -> StoreResult<Plan> {
    plans::Entity::find_by_id(id.uuid())
        .filter(plans::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .map_or(Err(StoreError::NotFound), |m| plan(&m))
}

/// The plan of a unit for a year, if it has one.
pub async fn plan_of_year(e: &impl Executor, unit: UnitId, year: i32) -> StoreResult<Option<Plan>> {
    plans::Entity::find()
        .filter(plans::Column::UnitId.eq(unit.uuid()))
        .filter(plans::Column::Year.eq(year))
        .one(e.conn())
        .await?
        .map(|m| plan(&m))
        .transpose()
}

/// A unit's plans, newest year first.
pub async fn list_plans(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<Plan>> {
    plans::Entity::find()
        .filter(plans::Column::UnitId.eq(unit.uuid()))
        .order_by_desc(plans::Column::Year)
        .all(e.conn())
        .await?
        .iter()
        .map(plan)
        .collect()
}

pub async fn update_plan_content(
    e: &impl Executor,
    unit: UnitId,
    id: PlanId,
    content: &PlanContent,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let r = plans::Entity::update_many()
        .col_expr(plans::Column::Content, Expr::value(json(content)?))
        .col_expr(plans::Column::UpdatedAt, Expr::value(now))
        .filter(plans::Column::UnitId.eq(unit.uuid()))
        .filter(plans::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

pub async fn set_plan_state(
    e: &impl Executor,
    unit: UnitId,
    id: PlanId,
    state: PlanState,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut update = plans::Entity::update_many()
        .col_expr(plans::Column::State, Expr::value(state.code()))
        .col_expr(plans::Column::UpdatedAt, Expr::value(now));
    update = match state {
        PlanState::Approved => update.col_expr(plans::Column::ApprovedAt, Expr::value(now)),
        PlanState::Closed => update.col_expr(plans::Column::ClosedAt, Expr::value(now)),
        PlanState::Draft => update,
    };
    let r = update
        .filter(plans::Column::UnitId.eq(unit.uuid()))
        .filter(plans::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

// Tasks

fn partner_json(ids: &[DepartmentId]) -> StoreResult<String> {
    let ids: Vec<uuid::Uuid> = ids.iter().map(|d| d.uuid()).collect();
    serde_json::to_string(&ids).map_err(|e| StoreError::Corrupt(e.to_string()))
}

pub async fn insert_task(
    e: &impl Executor,
    unit: UnitId,
    plan: PlanId,
    input: &TaskInput,
    now: DateTime<Utc>,
) -> StoreResult<PlanTask> {
    let position = tasks::Entity::find()
        .filter(tasks::Column::UnitId.eq(unit.uuid()))
        .filter(tasks::Column::PlanId.eq(plan.uuid()))
        .count(e.conn())
        .await?;
    let m = tasks::ActiveModel {
        id: Set(PlanTaskId::new_v7().uuid()),
        unit_id: Set(unit.uuid()),
        plan_id: Set(plan.uuid()),
        section: Set(i32::from(input.section)),
        position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
        title: Set(input.title.clone()),
        department_id: Set(input.department_id.map(DepartmentId::uuid)),
        person_id: Set(input.person_id.map(PersonId::uuid)),
        partner_ids: Set(partner_json(&input.partner_ids)?),
        due_on: Set(input.due_on),
        recurrence: Set(input.recurrence.map(|r| r.code().to_owned())),
        status: Set(TaskStatus::Planned.code().to_owned()),
        last_progress_on: Set(None),
        for_kind: Set(input.for_kind.map(|k| k.code().to_owned())),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(e.conn())
    .await?;
    task(m)
}

pub async fn update_task(
    e: &impl Executor,
    unit: UnitId,
    id: PlanTaskId,
    input: &TaskInput,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let r = tasks::Entity::update_many()
        .col_expr(
            tasks::Column::Section,
            Expr::value(i32::from(input.section)),
        )
        .col_expr(tasks::Column::Title, Expr::value(input.title.clone()))
        .col_expr(
            tasks::Column::DepartmentId,
            Expr::value(input.department_id.map(DepartmentId::uuid)),
        )
        .col_expr(
            tasks::Column::PersonId,
            Expr::value(input.person_id.map(PersonId::uuid)),
        )
        .col_expr(
            tasks::Column::PartnerIds,
            Expr::value(partner_json(&input.partner_ids)?),
        )
        .col_expr(tasks::Column::DueOn, Expr::value(input.due_on))
        .col_expr(
            tasks::Column::Recurrence,
            Expr::value(input.recurrence.map(|r| r.code().to_owned())),
        )
        .col_expr(
            tasks::Column::ForKind,
            Expr::value(input.for_kind.map(|k| k.code().to_owned())),
        )
        .col_expr(tasks::Column::UpdatedAt, Expr::value(now))
        .filter(tasks::Column::UnitId.eq(unit.uuid()))
        .filter(tasks::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

pub async fn get_task(e: &impl Executor, unit: UnitId, id: PlanTaskId) -> StoreResult<PlanTask> {
    tasks::Entity::find_by_id(id.uuid())
        .filter(tasks::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .map_or(Err(StoreError::NotFound), task)
}

/// The tasks of a plan in the order of the document: by section, then as
/// they were added.
pub async fn list_tasks(
    e: &impl Executor,
    unit: UnitId,
    plan: PlanId,
) -> StoreResult<Vec<PlanTask>> {
    tasks::Entity::find()
        .filter(tasks::Column::UnitId.eq(unit.uuid()))
        .filter(tasks::Column::PlanId.eq(plan.uuid()))
        .order_by_asc(tasks::Column::Section)
        .order_by_asc(tasks::Column::Position)
        .order_by_asc(tasks::Column::Id)
        .all(e.conn())
        .await?
        .into_iter()
        .map(task)
        .collect()
}

pub async fn delete_task(e: &impl Executor, unit: UnitId, id: PlanTaskId) -> StoreResult<()> {
    let r = tasks::Entity::delete_many()
        .filter(tasks::Column::UnitId.eq(unit.uuid()))
        .filter(tasks::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// Records progress on a task: its new status and the day of the note.
pub async fn record_progress(
    e: &impl Executor,
    unit: UnitId,
    id: PlanTaskId,
    status: TaskStatus,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let r = tasks::Entity::update_many()
        .col_expr(tasks::Column::Status, Expr::value(status.code()))
        .col_expr(tasks::Column::LastProgressOn, Expr::value(Some(on)))
        .col_expr(tasks::Column::UpdatedAt, Expr::value(now))
        .filter(tasks::Column::UnitId.eq(unit.uuid()))
        .filter(tasks::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

// Notes

/// Who wrote a note and when.
#[derive(Clone, Debug)]
pub struct NoteAuthor {
    pub user_id: Option<UserId>,
    pub name: String,
    pub at: DateTime<Utc>,
}

pub async fn insert_note(
    e: &impl Executor,
    unit: UnitId,
    task_id: PlanTaskId,
    input: &NoteInput,
    author: &NoteAuthor,
) -> StoreResult<TaskNote> {
    let (file_name, file_content) = input
        .file
        .clone()
        .map_or((None, None), |(name, bytes)| (Some(name), Some(bytes)));
    let m = notes::ActiveModel {
        id: Set(TaskNoteId::new_v7().uuid()),
        unit_id: Set(unit.uuid()),
        task_id: Set(task_id.uuid()),
        user_id: Set(author.user_id.map(UserId::uuid)),
        author_name: Set(author.name.clone()),
        written_at: Set(author.at),
        body: Set(input.body.clone()),
        status: Set(input.status.map(|s| s.code().to_owned())),
        link: Set(input.link.clone()),
        file_name: Set(file_name),
        file_content: Set(file_content),
    }
    .insert(e.conn())
    .await?;
    note(m)
}

/// The notes of a task, oldest first, without their files.
pub async fn list_notes(
    e: &impl Executor,
    unit: UnitId,
    task_id: PlanTaskId,
) -> StoreResult<Vec<TaskNote>> {
    notes::Entity::find()
        .select_only()
        .columns([
            notes::Column::Id,
            notes::Column::UnitId,
            notes::Column::TaskId,
            notes::Column::UserId,
            notes::Column::AuthorName,
            notes::Column::WrittenAt,
            notes::Column::Body,
            notes::Column::Status,
            notes::Column::Link,
            notes::Column::FileName,
        ])
        .column_as(
            Expr::value(Option::<Vec<u8>>::None),
            notes::Column::FileContent,
        )
        .filter(notes::Column::UnitId.eq(unit.uuid()))
        .filter(notes::Column::TaskId.eq(task_id.uuid()))
        .order_by_asc(notes::Column::WrittenAt)
        .order_by_asc(notes::Column::Id)
        .all(e.conn())
        .await?
        .into_iter()
        .map(note)
        .collect()
}

/// The file attached to a note: its task, name and bytes.
pub async fn note_file(
    e: &impl Executor,
    unit: UnitId,
    id: TaskNoteId,
) -> StoreResult<(PlanTaskId, String, Vec<u8>)> {
    let m = notes::Entity::find_by_id(id.uuid())
        .filter(notes::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    match (m.file_name, m.file_content) {
        (Some(name), Some(bytes)) => Ok((PlanTaskId::from_uuid(m.task_id), name, bytes)),
        _ => Err(StoreError::NotFound),
    }
}
