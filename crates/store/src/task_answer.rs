//! Units' answers to the tasks of the police body over them: a note like a
//! task's own (what was done, a link or a file as evidence, the status
//! reached), kept as the answering unit's row.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use antt_domain::plan::{NoteInput, TaskNote, TaskStatus};
use antt_domain::{PlanTaskId, TaskNoteId, UnitId, UserId};
use antt_entity::task_answer as answers;

use crate::db::Executor;
use crate::error::{StoreError, StoreResult, decode};
use crate::plan::NoteAuthor;

fn answer(m: answers::Model) -> StoreResult<(UnitId, TaskNote)> {
    Ok((
        UnitId::from_uuid(m.unit_id),
        TaskNote {
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
        },
    ))
}

/// Writes `unit`'s answer to the task `task_id` of the police body
/// `authority`.
pub async fn insert(
    e: &impl Executor,
    unit: UnitId,
    authority: UnitId,
    task_id: PlanTaskId,
    input: &NoteInput,
    author: &NoteAuthor,
) -> StoreResult<TaskNote> {
    let (file_name, file_content) = input
        .file
        .clone()
        .map_or((None, None), |(name, bytes)| (Some(name), Some(bytes)));
    let m = answers::ActiveModel {
        id: Set(TaskNoteId::new_v7().uuid()),
        unit_id: Set(unit.uuid()),
        authority_id: Set(authority.uuid()),
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
    answer(m).map(|(_, n)| n)
}

/// The answers of `units` to a task, oldest first, without their files.
pub async fn of_units(
    e: &impl Executor,
    task_id: PlanTaskId,
    units: &[UnitId],
) -> StoreResult<Vec<(UnitId, TaskNote)>> {
    let mut out = Vec::new();
    for chunk in units.chunks(500) {
        let rows = answers::Entity::find()
            .select_only()
            .columns([
                answers::Column::Id,
                answers::Column::UnitId,
                answers::Column::AuthorityId,
                answers::Column::TaskId,
                answers::Column::UserId,
                answers::Column::AuthorName,
                answers::Column::WrittenAt,
                answers::Column::Body,
                answers::Column::Status,
                answers::Column::Link,
                answers::Column::FileName,
            ])
            .column_as(
                Expr::value(Option::<Vec<u8>>::None),
                answers::Column::FileContent,
            )
            .filter(answers::Column::TaskId.eq(task_id.uuid()))
            .filter(answers::Column::UnitId.is_in(chunk.iter().map(|u| u.uuid())))
            .order_by_asc(answers::Column::WrittenAt)
            .order_by_asc(answers::Column::Id)
            .all(e.conn())
            .await?;
        for m in rows {
            out.push(answer(m)?);
        }
    }
    out.sort_by_key(|(_, n)| n.written_at);
    Ok(out)
}

/// One unit's answers to a task, oldest first.
pub async fn of_unit(
    e: &impl Executor,
    unit: UnitId,
    task_id: PlanTaskId,
) -> StoreResult<Vec<TaskNote>> {
    Ok(of_units(e, task_id, &[unit])
        .await?
        .into_iter()
        .map(|(_, n)| n)
        .collect())
}

/// The file attached to one of the unit's answers: its name and bytes.
pub async fn file(
    e: &impl Executor,
    unit: UnitId,
    id: TaskNoteId,
) -> StoreResult<(String, Vec<u8>)> {
    let m = answers::Entity::find_by_id(id.uuid())
        .filter(answers::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    match (m.file_name, m.file_content) {
        (Some(name), Some(bytes)) => Ok((name, bytes)),
        _ => Err(StoreError::NotFound),
    }
}

/// Which units answered which of the police body's tasks `tasks`: one
/// (task, unit) pair for each unit that answered at least once.
pub async fn answering(
    e: &impl Executor,
    authority: UnitId,
    tasks: &[PlanTaskId],
) -> StoreResult<Vec<(PlanTaskId, UnitId)>> {
    if tasks.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(uuid::Uuid, uuid::Uuid)> = answers::Entity::find()
        .select_only()
        .column(answers::Column::TaskId)
        .column(answers::Column::UnitId)
        .filter(answers::Column::AuthorityId.eq(authority.uuid()))
        .filter(answers::Column::TaskId.is_in(tasks.iter().map(|t| t.uuid())))
        .group_by(answers::Column::TaskId)
        .group_by(answers::Column::UnitId)
        .into_tuple()
        .all(e.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(|(t, u)| (PlanTaskId::from_uuid(t), UnitId::from_uuid(u)))
        .collect())
}
