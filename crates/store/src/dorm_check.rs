//! Room checks: the checklist and how often, each check with its answers
//! as they were, its photos and the violations recorded on it.

use chrono::NaiveDate;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use antt_domain::dorm::RollCallTimes;
use antt_domain::dorm_check::{
    CheckAnswer, CheckSettings, RoomCheck, checklist_text, parse_checklist,
};
use antt_domain::{PersonId, RoomCheckId, RoomId, UnitId, ViolationId};
use antt_entity::{
    dorm_check as checks, dorm_check_breach as breaches, dorm_check_photo as photos,
    dorm_settings as settings,
};

use crate::db::Executor;
use crate::error::{StoreError, StoreResult};

/// How the unit checks its rooms (the defaults until it sets its own).
pub async fn settings(e: &impl Executor, unit: UnitId) -> StoreResult<CheckSettings> {
    let Some(m) = settings::Entity::find_by_id(unit.uuid())
        .one(e.conn())
        .await?
    else {
        return Ok(CheckSettings::default());
    };
    let checklist = if m.checklist.trim().is_empty() {
        CheckSettings::default().checklist
    } else {
        parse_checklist(&m.checklist).map_err(|_| StoreError::Corrupt("room checklist".into()))?
    };
    Ok(CheckSettings {
        every_days: u16::try_from(m.check_every_days)
            .map_err(|_| StoreError::Corrupt("days between room checks".into()))?,
        checklist,
    })
}

/// Sets how the unit checks its rooms.
pub async fn save_settings(e: &impl Executor, unit: UnitId, s: &CheckSettings) -> StoreResult<()> {
    let times = RollCallTimes::default();
    settings::Entity::insert(settings::ActiveModel {
        unit_id: Set(unit.uuid()),
        call_time: Set(times.call.format("%H:%M").to_string()),
        deadline: Set(times.deadline.format("%H:%M").to_string()),
        check_every_days: Set(i16::try_from(s.every_days).unwrap_or(i16::MAX)),
        checklist: Set(checklist_text(&s.checklist)),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(settings::Column::UnitId)
            .update_columns([
                settings::Column::CheckEveryDays,
                settings::Column::Checklist,
            ])
            .to_owned(),
    )
    .exec(e.conn())
    .await?;
    Ok(())
}

fn check(m: checks::Model) -> StoreResult<RoomCheck> {
    Ok(RoomCheck {
        id: RoomCheckId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        room_id: RoomId::from_uuid(m.room_id),
        day: m.day,
        answers: serde_json::from_str::<Vec<CheckAnswer>>(&m.answers)
            .map_err(|_| StoreError::Corrupt("room check answers".into()))?,
        note: m.note,
        photos: u8::try_from(m.photos).unwrap_or_default(),
        checked_by: m.checked_by,
        checked_at: m.checked_at,
    })
}

/// Records a check with its photos.
pub async fn insert(e: &impl Executor, c: &RoomCheck, pictures: &[Vec<u8>]) -> StoreResult<()> {
    let answers = serde_json::to_string(&c.answers)
        .map_err(|_| StoreError::Corrupt("room check answers".into()))?;
    checks::Entity::insert(checks::ActiveModel {
        id: Set(c.id.uuid()),
        unit_id: Set(c.unit_id.uuid()),
        room_id: Set(c.room_id.uuid()),
        day: Set(c.day),
        answers: Set(answers),
        note: Set(c.note.clone()),
        photos: Set(i16::from(c.photos)),
        checked_by: Set(c.checked_by.clone()),
        checked_at: Set(c.checked_at),
    })
    .exec(e.conn())
    .await?;
    for (position, photo) in (0..).zip(pictures) {
        photos::Entity::insert(photos::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            unit_id: Set(c.unit_id.uuid()),
            check_id: Set(c.id.uuid()),
            position: Set(position),
            photo: Set(photo.clone()),
        })
        .exec_without_returning(e.conn())
        .await?;
    }
    Ok(())
}

/// The unit's checks of the days from `first` to `last`, latest first.
pub async fn between(
    e: &impl Executor,
    unit: UnitId,
    first: NaiveDate,
    last: NaiveDate,
) -> StoreResult<Vec<RoomCheck>> {
    checks::Entity::find()
        .filter(checks::Column::UnitId.eq(unit.uuid()))
        .filter(checks::Column::Day.between(first, last))
        .order_by_desc(checks::Column::Day)
        .order_by_desc(checks::Column::CheckedAt)
        .all(e.conn())
        .await?
        .into_iter()
        .map(check)
        .collect()
}

/// A room's checks, latest first.
pub async fn of_room(e: &impl Executor, unit: UnitId, room: RoomId) -> StoreResult<Vec<RoomCheck>> {
    checks::Entity::find()
        .filter(checks::Column::UnitId.eq(unit.uuid()))
        .filter(checks::Column::RoomId.eq(room.uuid()))
        .order_by_desc(checks::Column::Day)
        .order_by_desc(checks::Column::CheckedAt)
        .all(e.conn())
        .await?
        .into_iter()
        .map(check)
        .collect()
}

/// The last day each room of the unit was checked.
pub async fn last_days(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<(RoomId, NaiveDate)>> {
    let rows: Vec<(uuid::Uuid, Option<NaiveDate>)> = checks::Entity::find()
        .select_only()
        .column(checks::Column::RoomId)
        .column_as(checks::Column::Day.max(), "last")
        .filter(checks::Column::UnitId.eq(unit.uuid()))
        .group_by(checks::Column::RoomId)
        .into_tuple()
        .all(e.conn())
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(r, d)| d.map(|d| (RoomId::from_uuid(r), d)))
        .collect())
}

/// A check by id.
pub async fn get(e: &impl Executor, unit: UnitId, id: RoomCheckId) -> StoreResult<RoomCheck> {
    checks::Entity::find_by_id(id.uuid())
        .filter(checks::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .ok_or(StoreError::NotFound)
        .and_then(check)
}

/// A check's photo by its position.
pub async fn photo(
    e: &impl Executor,
    unit: UnitId,
    id: RoomCheckId,
    position: i32,
) -> StoreResult<Vec<u8>> {
    photos::Entity::find()
        .filter(photos::Column::UnitId.eq(unit.uuid()))
        .filter(photos::Column::CheckId.eq(id.uuid()))
        .filter(photos::Column::Position.eq(position))
        .one(e.conn())
        .await?
        .map(|m| m.photo)
        .ok_or(StoreError::NotFound)
}

/// Records that a violation was recorded on a check.
pub async fn add_breach(
    e: &impl Executor,
    unit: UnitId,
    check: RoomCheckId,
    person: PersonId,
    violation: ViolationId,
) -> StoreResult<()> {
    breaches::Entity::insert(breaches::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        unit_id: Set(unit.uuid()),
        check_id: Set(check.uuid()),
        person_id: Set(person.uuid()),
        violation_id: Set(violation.uuid()),
    })
    .exec_without_returning(e.conn())
    .await?;
    Ok(())
}

/// The breaches recorded on the unit's checks: (check, person, violation).
pub async fn breaches(
    e: &impl Executor,
    unit: UnitId,
) -> StoreResult<Vec<(RoomCheckId, PersonId, ViolationId)>> {
    Ok(breaches::Entity::find()
        .filter(breaches::Column::UnitId.eq(unit.uuid()))
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| {
            (
                RoomCheckId::from_uuid(m.check_id),
                PersonId::from_uuid(m.person_id),
                ViolationId::from_uuid(m.violation_id),
            )
        })
        .collect())
}
