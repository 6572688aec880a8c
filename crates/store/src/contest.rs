//! Law contests, their question banks and attempts. Every function takes
//! the unit.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use antt_domain::contest::QuestionKind;
use antt_domain::contest::{Answers, Attempt, Contest, ContestInput, Question, QuestionInput};
use antt_domain::{ContestId, PersonId, QuestionId, UnitId};
use antt_entity::{
    contest as contests, contest_attempt as attempts, contest_question as questions,
};

use crate::db::Executor;
use crate::error::{StoreError, StoreResult, decode, one_row};

fn corrupt(what: &str) -> impl Fn(serde_json::Error) -> StoreError + '_ {
    move |e| StoreError::Corrupt(format!("{what}: {e}"))
}

fn count(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

fn contest(m: contests::Model, bank_size: u32) -> Contest {
    Contest {
        id: ContestId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        year: m.year,
        title: m.title,
        opens_on: m.opens_on,
        closes_on: m.closes_on,
        minutes: count(m.minutes),
        questions_per_attempt: count(m.questions_per_attempt),
        bank_size,
    }
}

fn to_i32(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

pub async fn insert(
    e: &impl Executor,
    unit: UnitId,
    year: i32,
    input: &ContestInput,
    now: DateTime<Utc>,
) -> StoreResult<Contest> {
    let m = contests::ActiveModel {
        id: Set(ContestId::new_v7().uuid()),
        unit_id: Set(unit.uuid()),
        year: Set(year),
        title: Set(input.title.clone()),
        opens_on: Set(input.opens_on),
        closes_on: Set(input.closes_on),
        minutes: Set(to_i32(input.minutes)),
        questions_per_attempt: Set(to_i32(input.questions_per_attempt)),
        created_at: Set(now),
    }
    .insert(e.conn())
    .await?;
    Ok(contest(m, 0))
}

pub async fn update(
    e: &impl Executor,
    unit: UnitId,
    id: ContestId,
    input: &ContestInput,
) -> StoreResult<()> {
    let r = contests::Entity::update_many()
        .col_expr(contests::Column::Title, Expr::value(input.title.clone()))
        .col_expr(contests::Column::OpensOn, Expr::value(input.opens_on))
        .col_expr(contests::Column::ClosesOn, Expr::value(input.closes_on))
        .col_expr(
            contests::Column::Minutes,
            Expr::value(to_i32(input.minutes)),
        )
        .col_expr(
            contests::Column::QuestionsPerAttempt,
            Expr::value(to_i32(input.questions_per_attempt)),
        )
        .filter(contests::Column::UnitId.eq(unit.uuid()))
        .filter(contests::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

async fn bank_size(e: &impl Executor, id: uuid::Uuid) -> StoreResult<u32> {
    let n = questions::Entity::find()
        .filter(questions::Column::ContestId.eq(id))
        .count(e.conn())
        .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

pub async fn get(e: &impl Executor, unit: UnitId, id: ContestId) -> StoreResult<Contest> {
    let m = contests::Entity::find()
        .filter(contests::Column::UnitId.eq(unit.uuid()))
        .filter(contests::Column::Id.eq(id.uuid()))
        .one(e.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    let size = bank_size(e, m.id).await?;
    Ok(contest(m, size))
}

/// The contests of a movement year, the latest opening first.
pub async fn of_year(e: &impl Executor, unit: UnitId, year: i32) -> StoreResult<Vec<Contest>> {
    let rows = contests::Entity::find()
        .filter(contests::Column::UnitId.eq(unit.uuid()))
        .filter(contests::Column::Year.eq(year))
        .order_by_desc(contests::Column::OpensOn)
        .all(e.conn())
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for m in rows {
        let size = bank_size(e, m.id).await?;
        out.push(contest(m, size));
    }
    Ok(out)
}

fn question(m: questions::Model) -> StoreResult<Question> {
    let key = m
        .answer
        .split(',')
        .map(|k| {
            k.parse::<usize>()
                .map_err(|e| StoreError::Corrupt(format!("answer: {e}")))
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(Question {
        id: QuestionId::from_uuid(m.id),
        position: count(m.position),
        text: m.text,
        kind: decode("question kind", &m.kind, QuestionKind::parse)?,
        choices: serde_json::from_str(&m.choices).map_err(corrupt("choices"))?,
        key,
    })
}

/// The bank of a contest, in sheet order.
pub async fn questions(
    e: &impl Executor,
    unit: UnitId,
    id: ContestId,
) -> StoreResult<Vec<Question>> {
    questions::Entity::find()
        .filter(questions::Column::UnitId.eq(unit.uuid()))
        .filter(questions::Column::ContestId.eq(id.uuid()))
        .order_by_asc(questions::Column::Position)
        .all(e.conn())
        .await?
        .into_iter()
        .map(question)
        .collect()
}

/// Replaces the whole bank of a contest.
pub async fn replace_bank(
    e: &impl Executor,
    unit: UnitId,
    id: ContestId,
    bank: &[QuestionInput],
) -> StoreResult<()> {
    questions::Entity::delete_many()
        .filter(questions::Column::UnitId.eq(unit.uuid()))
        .filter(questions::Column::ContestId.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    let mut rows = Vec::with_capacity(bank.len());
    for (q, position) in bank.iter().zip(1..) {
        rows.push(questions::ActiveModel {
            id: Set(QuestionId::new_v7().uuid()),
            unit_id: Set(unit.uuid()),
            contest_id: Set(id.uuid()),
            position: Set(position),
            text: Set(q.text.clone()),
            kind: Set(q.kind.code().to_owned()),
            choices: Set(serde_json::to_string(&q.choices).map_err(corrupt("choices"))?),
            answer: Set(q
                .key
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(",")),
        });
    }
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<_> = rows.by_ref().take(200).collect();
        questions::Entity::insert_many(batch).exec(e.conn()).await?;
    }
    Ok(())
}

fn attempt(m: &attempts::Model) -> StoreResult<Attempt> {
    Ok(Attempt {
        person_id: PersonId::from_uuid(m.person_id),
        started_at: m.started_at,
        submitted_at: m.submitted_at,
        questions: serde_json::from_str(&m.questions).map_err(corrupt("questions"))?,
        answers: m
            .answers
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(corrupt("answers"))?,
        score: m.score.map(count),
        total: count(m.total),
    })
}

/// A person's attempt at a contest, if started.
pub async fn attempt_of(
    e: &impl Executor,
    unit: UnitId,
    id: ContestId,
    person: PersonId,
) -> StoreResult<Option<Attempt>> {
    attempts::Entity::find()
        .filter(attempts::Column::UnitId.eq(unit.uuid()))
        .filter(attempts::Column::ContestId.eq(id.uuid()))
        .filter(attempts::Column::PersonId.eq(person.uuid()))
        .one(e.conn())
        .await?
        .as_ref()
        .map(attempt)
        .transpose()
}

/// Every attempt at a contest.
pub async fn attempts(e: &impl Executor, unit: UnitId, id: ContestId) -> StoreResult<Vec<Attempt>> {
    attempts::Entity::find()
        .filter(attempts::Column::UnitId.eq(unit.uuid()))
        .filter(attempts::Column::ContestId.eq(id.uuid()))
        .all(e.conn())
        .await?
        .iter()
        .map(attempt)
        .collect()
}

/// Whether anyone has started a contest (its bank is then fixed).
pub async fn has_attempts(e: &impl Executor, unit: UnitId, id: ContestId) -> StoreResult<bool> {
    Ok(attempts::Entity::find()
        .select_only()
        .column(attempts::Column::PersonId)
        .filter(attempts::Column::UnitId.eq(unit.uuid()))
        .filter(attempts::Column::ContestId.eq(id.uuid()))
        .limit(1)
        .into_tuple::<uuid::Uuid>()
        .one(e.conn())
        .await?
        .is_some())
}

/// Starts an attempt with the drawn questions; a second one is a conflict.
pub async fn start(
    e: &impl Executor,
    unit: UnitId,
    id: ContestId,
    person: PersonId,
    drawn: &[QuestionId],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    attempts::ActiveModel {
        unit_id: Set(unit.uuid()),
        contest_id: Set(id.uuid()),
        person_id: Set(person.uuid()),
        started_at: Set(now),
        submitted_at: Set(None),
        questions: Set(serde_json::to_string(drawn).map_err(corrupt("questions"))?),
        answers: Set(None),
        score: Set(None),
        total: Set(i32::try_from(drawn.len()).unwrap_or(i32::MAX)),
    }
    .insert(e.conn())
    .await?;
    Ok(())
}

/// Records the answers and score of an attempt not yet submitted; one
/// already submitted is "not found".
/// Keeps the answers ticked so far on an attempt not yet handed in.
pub async fn keep_answers(
    e: &impl Executor,
    unit: UnitId,
    id: ContestId,
    person: PersonId,
    answers: &Answers,
) -> StoreResult<()> {
    let r = attempts::Entity::update_many()
        .col_expr(
            attempts::Column::Answers,
            Expr::value(serde_json::to_string(answers).map_err(corrupt("answers"))?),
        )
        .filter(attempts::Column::UnitId.eq(unit.uuid()))
        .filter(attempts::Column::ContestId.eq(id.uuid()))
        .filter(attempts::Column::PersonId.eq(person.uuid()))
        .filter(attempts::Column::SubmittedAt.is_null())
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

pub async fn submit(
    e: &impl Executor,
    unit: UnitId,
    id: ContestId,
    person: PersonId,
    answers: &Answers,
    score: u32,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let r = attempts::Entity::update_many()
        .col_expr(attempts::Column::SubmittedAt, Expr::value(now))
        .col_expr(
            attempts::Column::Answers,
            Expr::value(serde_json::to_string(answers).map_err(corrupt("answers"))?),
        )
        .col_expr(attempts::Column::Score, Expr::value(to_i32(score)))
        .filter(attempts::Column::UnitId.eq(unit.uuid()))
        .filter(attempts::Column::ContestId.eq(id.uuid()))
        .filter(attempts::Column::PersonId.eq(person.uuid()))
        .filter(attempts::Column::SubmittedAt.is_null())
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}
