//! Sessions of the movement and their attendance. Every function takes the
//! unit, except finding a session by the check-in code a phone scanned.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use antt_domain::session::{AttendanceMethod, Session, SessionInput, SessionKind};
use antt_domain::{MovementSessionId, PersonId, UnitId, UserId};
use antt_entity::{attendance as attendances, movement_session as sessions};

use crate::db::Executor;
use crate::error::{StoreError, StoreResult, decode, one_row};

fn corrupt(what: &str) -> impl Fn(serde_json::Error) -> StoreError + '_ {
    move |e| StoreError::Corrupt(format!("{what}: {e}"))
}

fn session(m: &sessions::Model) -> StoreResult<Session> {
    Ok(Session {
        id: MovementSessionId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        kind: decode("session kind", &m.kind, SessionKind::parse)?,
        title: m.title.clone(),
        topics: serde_json::from_str(&m.topics).map_err(corrupt("topics"))?,
        topic_note: m.topic_note.clone(),
        organiser: m.organiser.clone(),
        partner: m.partner.clone(),
        starts_at: m.starts_at,
        place: m.place.clone(),
        audience: serde_json::from_str(&m.audience).map_err(corrupt("audience"))?,
        outside_count: u32::try_from(m.outside_count).unwrap_or(0),
        materials: u32::try_from(m.materials).unwrap_or(0),
        posts: serde_json::from_str(&m.posts).map_err(corrupt("posts"))?,
    })
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn count(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

pub async fn insert(
    e: &impl Executor,
    unit: UnitId,
    input: &SessionInput,
    now: DateTime<Utc>,
) -> StoreResult<Session> {
    let m = sessions::ActiveModel {
        id: Set(MovementSessionId::new_v7().uuid()),
        unit_id: Set(unit.uuid()),
        kind: Set(input.kind.code().to_owned()),
        title: Set(input.title.clone()),
        topics: Set(json(&input.topics)?),
        topic_note: Set(input.topic_note.clone()),
        organiser: Set(input.organiser.clone()),
        partner: Set(input.partner.clone()),
        starts_at: Set(input.starts_at),
        place: Set(input.place.clone()),
        audience: Set(json(&input.audience)?),
        outside_count: Set(count(input.outside_count)),
        materials: Set(count(input.materials)),
        posts: Set(json(&input.posts)?),
        check_in_code: Set(None),
        check_in_until: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(e.conn())
    .await?;
    session(&m)
}

pub async fn update(
    e: &impl Executor,
    unit: UnitId,
    id: MovementSessionId,
    input: &SessionInput,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let r = sessions::Entity::update_many()
        .col_expr(sessions::Column::Kind, Expr::value(input.kind.code()))
        .col_expr(sessions::Column::Title, Expr::value(input.title.clone()))
        .col_expr(sessions::Column::Topics, Expr::value(json(&input.topics)?))
        .col_expr(
            sessions::Column::TopicNote,
            Expr::value(input.topic_note.clone()),
        )
        .col_expr(
            sessions::Column::Organiser,
            Expr::value(input.organiser.clone()),
        )
        .col_expr(
            sessions::Column::Partner,
            Expr::value(input.partner.clone()),
        )
        .col_expr(sessions::Column::StartsAt, Expr::value(input.starts_at))
        .col_expr(sessions::Column::Place, Expr::value(input.place.clone()))
        .col_expr(
            sessions::Column::Audience,
            Expr::value(json(&input.audience)?),
        )
        .col_expr(
            sessions::Column::OutsideCount,
            Expr::value(count(input.outside_count)),
        )
        .col_expr(
            sessions::Column::Materials,
            Expr::value(count(input.materials)),
        )
        .col_expr(sessions::Column::Posts, Expr::value(json(&input.posts)?))
        .col_expr(sessions::Column::UpdatedAt, Expr::value(now))
        .filter(sessions::Column::UnitId.eq(unit.uuid()))
        .filter(sessions::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

pub async fn get(e: &impl Executor, unit: UnitId, id: MovementSessionId) -> StoreResult<Session> {
    sessions::Entity::find_by_id(id.uuid())
        .filter(sessions::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .map_or(Err(StoreError::NotFound), |m| session(&m))
}

/// The sessions of a unit starting in `[from, to)`, newest first.
pub async fn list(
    e: &impl Executor,
    unit: UnitId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<Vec<Session>> {
    sessions::Entity::find()
        .filter(sessions::Column::UnitId.eq(unit.uuid()))
        .filter(sessions::Column::StartsAt.gte(from))
        .filter(sessions::Column::StartsAt.lt(to))
        .order_by_desc(sessions::Column::StartsAt)
        .all(e.conn())
        .await?
        .iter()
        .map(session)
        .collect()
}

/// How many people attended each of `sessions` (of the unit; sessions
/// nobody attended are absent). Counted by the `(session, person)` key.
pub async fn attendance_counts(
    e: &impl Executor,
    sessions: &[MovementSessionId],
) -> StoreResult<HashMap<MovementSessionId, u32>> {
    let mut counts = HashMap::new();
    for batch in sessions.chunks(500) {
        let rows: Vec<(uuid::Uuid, i64)> = attendances::Entity::find()
            .select_only()
            .column(attendances::Column::SessionId)
            .column_as(attendances::Column::PersonId.count(), "n")
            .filter(attendances::Column::SessionId.is_in(batch.iter().map(|s| s.uuid())))
            .group_by(attendances::Column::SessionId)
            .into_tuple()
            .all(e.conn())
            .await?;
        counts.extend(rows.into_iter().map(|(id, n)| {
            (
                MovementSessionId::from_uuid(id),
                u32::try_from(n).unwrap_or(0),
            )
        }));
    }
    Ok(counts)
}

/// Shows a check-in code until `until`.
pub async fn set_check_in(
    e: &impl Executor,
    unit: UnitId,
    id: MovementSessionId,
    code: &str,
    until: DateTime<Utc>,
) -> StoreResult<()> {
    let r = sessions::Entity::update_many()
        .col_expr(sessions::Column::CheckInCode, Expr::value(code))
        .col_expr(sessions::Column::CheckInUntil, Expr::value(until))
        .filter(sessions::Column::UnitId.eq(unit.uuid()))
        .filter(sessions::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// The check-in code of a session and until when it is valid, if one was shown.
pub async fn check_in_of(
    e: &impl Executor,
    unit: UnitId,
    id: MovementSessionId,
) -> StoreResult<Option<(String, DateTime<Utc>)>> {
    let m = sessions::Entity::find_by_id(id.uuid())
        .filter(sessions::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(m.check_in_code.zip(m.check_in_until))
}

/// The session a check-in code belongs to, with the code's end, from any unit.
pub async fn by_check_in_code(
    e: &impl Executor,
    code: &str,
) -> StoreResult<Option<(Session, DateTime<Utc>)>> {
    let Some(m) = sessions::Entity::find()
        .filter(sessions::Column::CheckInCode.eq(code))
        .one(e.conn())
        .await?
    else {
        return Ok(None);
    };
    let until = m.check_in_until.unwrap_or(DateTime::<Utc>::MIN_UTC);
    Ok(Some((session(&m)?, until)))
}

/// Who attended a session, and how each was recorded.
pub async fn attendees(
    e: &impl Executor,
    unit: UnitId,
    id: MovementSessionId,
) -> StoreResult<Vec<(PersonId, AttendanceMethod)>> {
    attendances::Entity::find()
        .filter(attendances::Column::UnitId.eq(unit.uuid()))
        .filter(attendances::Column::SessionId.eq(id.uuid()))
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| {
            Ok((
                PersonId::from_uuid(m.person_id),
                decode("attendance method", &m.method, AttendanceMethod::parse)?,
            ))
        })
        .collect()
}

/// Records one attendance. A second one of the same person is a conflict.
pub async fn attend(
    e: &impl Executor,
    unit: UnitId,
    id: MovementSessionId,
    person: PersonId,
    method: AttendanceMethod,
    at: DateTime<Utc>,
    by: Option<UserId>,
) -> StoreResult<()> {
    attendances::ActiveModel {
        unit_id: Set(unit.uuid()),
        session_id: Set(id.uuid()),
        person_id: Set(person.uuid()),
        method: Set(method.code().to_owned()),
        recorded_at: Set(at),
        recorded_by: Set(by.map(UserId::uuid)),
    }
    .insert(e.conn())
    .await?;
    Ok(())
}

/// Removes ticks (never check-ins, which the people made themselves).
pub async fn untick(
    e: &impl Executor,
    unit: UnitId,
    id: MovementSessionId,
    people: &[PersonId],
) -> StoreResult<u64> {
    if people.is_empty() {
        return Ok(0);
    }
    let r = attendances::Entity::delete_many()
        .filter(attendances::Column::UnitId.eq(unit.uuid()))
        .filter(attendances::Column::SessionId.eq(id.uuid()))
        .filter(attendances::Column::Method.eq(AttendanceMethod::Ticked.code()))
        .filter(attendances::Column::PersonId.is_in(people.iter().map(|p| p.uuid())))
        .exec(e.conn())
        .await?;
    Ok(r.rows_affected)
}

/// The query of the people of `unit` who attended a session that began in
/// `[from, to)`, for counting them where they are ([`crate::stats`]).
pub fn reached_query(unit: UnitId, from: DateTime<Utc>, to: DateTime<Utc>) -> SelectStatement {
    Query::select()
        .column(attendances::Column::PersonId)
        .from(attendances::Entity)
        .and_where(
            attendances::Column::SessionId.in_subquery(
                Query::select()
                    .column(sessions::Column::Id)
                    .from(sessions::Entity)
                    .and_where(sessions::Column::UnitId.eq(unit.uuid()))
                    .and_where(sessions::Column::StartsAt.gte(from))
                    .and_where(sessions::Column::StartsAt.lt(to))
                    .to_owned(),
            ),
        )
        .to_owned()
}

/// Everyone of a unit who attended at least one session starting in
/// `[from, to)`.
pub async fn reached(
    e: &impl Executor,
    unit: UnitId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<HashSet<PersonId>> {
    let in_range: Vec<uuid::Uuid> = sessions::Entity::find()
        .select_only()
        .column(sessions::Column::Id)
        .filter(sessions::Column::UnitId.eq(unit.uuid()))
        .filter(sessions::Column::StartsAt.gte(from))
        .filter(sessions::Column::StartsAt.lt(to))
        .into_tuple()
        .all(e.conn())
        .await?;
    let mut reached = HashSet::new();
    // Bounded batches keep the statement under every backend's parameter
    // limit. The sessions are already the unit's: filtering by session alone
    // lets the database walk the (session, person) key instead of every
    // attendance row of the unit.
    for batch in in_range.chunks(500) {
        let people: Vec<uuid::Uuid> = attendances::Entity::find()
            .select_only()
            .column(attendances::Column::PersonId)
            .distinct()
            .filter(attendances::Column::SessionId.is_in(batch.iter().copied()))
            .into_tuple()
            .all(e.conn())
            .await?;
        reached.extend(people.into_iter().map(PersonId::from_uuid));
    }
    Ok(reached)
}

/// Records many attendances at once (the demo, imports of paper lists).
pub async fn attend_many(
    e: &impl Executor,
    unit: UnitId,
    id: MovementSessionId,
    people: &[PersonId],
    method: AttendanceMethod,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    // 6 columns a row: well under SQLite's and PostgreSQL's parameter limits.
    for batch in people.chunks(1_000) {
        attendances::Entity::insert_many(batch.iter().map(|p| attendances::ActiveModel {
            unit_id: Set(unit.uuid()),
            session_id: Set(id.uuid()),
            person_id: Set(p.uuid()),
            method: Set(method.code().to_owned()),
            recorded_at: Set(at),
            recorded_by: Set(None),
        }))
        .exec(e.conn())
        .await?;
    }
    Ok(())
}
