//! The dormitories: board, buildings, rooms, residences, roll-call times
//! and marks, leave requests and the alerts of absences.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use antt_domain::dorm::{
    Alert, AlertKind, BoardMember, Building, Leave, LeaveState, Mark, Residence, ResidencePapers,
    RollCallTimes, RollMark, Room,
};
use antt_domain::person::Gender;
use antt_domain::{BuildingId, CampusId, LeaveId, PersonId, ResidenceId, RoomId, UnitId, UserId};
use antt_entity::{
    dorm_alert as alerts, dorm_board as board, dorm_building as buildings, dorm_leave as leaves,
    dorm_mark as marks, dorm_papers as papers, dorm_residence as residences, dorm_room as rooms,
    dorm_settings as settings,
};

use crate::db::Executor;
use crate::error::{StoreError, StoreResult, decode, one_row};

/// The dormitory board of a unit.
pub async fn board(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<BoardMember>> {
    Ok(board::Entity::find()
        .filter(board::Column::UnitId.eq(unit.uuid()))
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| BoardMember {
            person_id: PersonId::from_uuid(m.person_id),
            duty: m.duty,
        })
        .collect())
}

/// Adds a member to the board, or changes their duty.
pub async fn put_board_member(e: &impl Executor, unit: UnitId, m: &BoardMember) -> StoreResult<()> {
    board::Entity::insert(board::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        unit_id: Set(unit.uuid()),
        person_id: Set(m.person_id.uuid()),
        duty: Set(m.duty.clone()),
    })
    .on_conflict(
        OnConflict::columns([board::Column::UnitId, board::Column::PersonId])
            .update_column(board::Column::Duty)
            .to_owned(),
    )
    .exec(e.conn())
    .await?;
    Ok(())
}

/// Takes a member off the board.
pub async fn remove_board_member(
    e: &impl Executor,
    unit: UnitId,
    person: PersonId,
) -> StoreResult<()> {
    let r = board::Entity::delete_many()
        .filter(board::Column::UnitId.eq(unit.uuid()))
        .filter(board::Column::PersonId.eq(person.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

fn building(m: buildings::Model) -> Building {
    Building {
        id: BuildingId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        campus_id: m.campus_id.map(CampusId::from_uuid),
        name: m.name,
        supervisor_id: m.supervisor_id.map(PersonId::from_uuid),
    }
}

/// The units that keep dormitories.
pub async fn units_with_buildings(e: &impl Executor) -> StoreResult<Vec<UnitId>> {
    let ids: Vec<uuid::Uuid> = buildings::Entity::find()
        .select_only()
        .column(buildings::Column::UnitId)
        .distinct()
        .into_tuple()
        .all(e.conn())
        .await?;
    Ok(ids.into_iter().map(UnitId::from_uuid).collect())
}

/// The unit's buildings, by name.
pub async fn buildings(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<Building>> {
    Ok(buildings::Entity::find()
        .filter(buildings::Column::UnitId.eq(unit.uuid()))
        .order_by_asc(buildings::Column::Name)
        .all(e.conn())
        .await?
        .into_iter()
        .map(building)
        .collect())
}

/// Adds a building, or writes one over.
pub async fn put_building(e: &impl Executor, b: &Building, now: DateTime<Utc>) -> StoreResult<()> {
    buildings::Entity::insert(buildings::ActiveModel {
        id: Set(b.id.uuid()),
        unit_id: Set(b.unit_id.uuid()),
        campus_id: Set(b.campus_id.map(CampusId::uuid)),
        name: Set(b.name.clone()),
        supervisor_id: Set(b.supervisor_id.map(PersonId::uuid)),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(buildings::Column::Id)
            .update_columns([
                buildings::Column::CampusId,
                buildings::Column::Name,
                buildings::Column::SupervisorId,
            ])
            .to_owned(),
    )
    .exec(e.conn())
    .await?;
    Ok(())
}

fn room(m: rooms::Model) -> StoreResult<Room> {
    Ok(Room {
        id: RoomId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        building_id: BuildingId::from_uuid(m.building_id),
        name: m.name,
        floor: i16::try_from(m.floor).map_err(|_| StoreError::Corrupt("room floor".into()))?,
        capacity: u8::try_from(m.capacity)
            .map_err(|_| StoreError::Corrupt("room capacity".into()))?,
        gender: m
            .gender
            .as_deref()
            .map(|g| decode("gender", g, Gender::parse))
            .transpose()?,
        leader_id: m.leader_id.map(PersonId::from_uuid),
    })
}

/// The unit's rooms, by building, floor and name.
pub async fn rooms(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<Room>> {
    rooms::Entity::find()
        .filter(rooms::Column::UnitId.eq(unit.uuid()))
        .order_by_asc(rooms::Column::BuildingId)
        .order_by_asc(rooms::Column::Floor)
        .order_by_asc(rooms::Column::Name)
        .all(e.conn())
        .await?
        .into_iter()
        .map(room)
        .collect()
}

/// One room of the unit.
pub async fn room_of(e: &impl Executor, unit: UnitId, id: RoomId) -> StoreResult<Room> {
    rooms::Entity::find_by_id(id.uuid())
        .filter(rooms::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .map(room)
        .transpose()?
        .ok_or(StoreError::NotFound)
}

/// Adds a room, or writes one over.
pub async fn put_room(e: &impl Executor, r: &Room) -> StoreResult<()> {
    rooms::Entity::insert(rooms::ActiveModel {
        id: Set(r.id.uuid()),
        unit_id: Set(r.unit_id.uuid()),
        building_id: Set(r.building_id.uuid()),
        name: Set(r.name.clone()),
        floor: Set(i32::from(r.floor)),
        capacity: Set(i32::from(r.capacity)),
        gender: Set(r.gender.map(|g| g.code().to_owned())),
        leader_id: Set(r.leader_id.map(PersonId::uuid)),
    })
    .on_conflict(
        OnConflict::column(rooms::Column::Id)
            .update_columns([
                rooms::Column::Name,
                rooms::Column::Floor,
                rooms::Column::Capacity,
                rooms::Column::Gender,
                rooms::Column::LeaderId,
            ])
            .to_owned(),
    )
    .exec(e.conn())
    .await?;
    Ok(())
}

fn residence(m: &residences::Model) -> StoreResult<Residence> {
    Ok(Residence {
        id: ResidenceId::from_uuid(m.id),
        person_id: PersonId::from_uuid(m.person_id),
        room_id: RoomId::from_uuid(m.room_id),
        bed: u8::try_from(m.bed).map_err(|_| StoreError::Corrupt("bed".into()))?,
        from: m.from_day,
        until: m.until_day,
    })
}

/// The unit's residences that hold on `night` (or are open, when `None`).
pub async fn residences_on(
    e: &impl Executor,
    unit: UnitId,
    night: Option<NaiveDate>,
) -> StoreResult<Vec<Residence>> {
    let mut q = residences::Entity::find().filter(residences::Column::UnitId.eq(unit.uuid()));
    q = match night {
        Some(n) => q.filter(residences::Column::FromDay.lte(n)).filter(
            residences::Column::UntilDay
                .is_null()
                .or(residences::Column::UntilDay.gt(n)),
        ),
        None => q.filter(residences::Column::UntilDay.is_null()),
    };
    q.all(e.conn()).await?.iter().map(residence).collect()
}

/// Every stay of a person, the latest first.
pub async fn residences_of(
    e: &impl Executor,
    unit: UnitId,
    person: PersonId,
) -> StoreResult<Vec<Residence>> {
    residences::Entity::find()
        .filter(residences::Column::UnitId.eq(unit.uuid()))
        .filter(residences::Column::PersonId.eq(person.uuid()))
        .order_by_desc(residences::Column::FromDay)
        .all(e.conn())
        .await?
        .iter()
        .map(residence)
        .collect()
}

/// Every stay in a room, the latest first.
pub async fn residences_in(e: &impl Executor, room: RoomId) -> StoreResult<Vec<Residence>> {
    residences::Entity::find()
        .filter(residences::Column::RoomId.eq(room.uuid()))
        .order_by_desc(residences::Column::FromDay)
        .all(e.conn())
        .await?
        .iter()
        .map(residence)
        .collect()
}

/// Records a stay.
pub async fn insert_residence(
    e: &impl Executor,
    unit: UnitId,
    r: &Residence,
    by: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    residences::Entity::insert(residences::ActiveModel {
        id: Set(r.id.uuid()),
        unit_id: Set(unit.uuid()),
        person_id: Set(r.person_id.uuid()),
        room_id: Set(r.room_id.uuid()),
        bed: Set(i32::from(r.bed)),
        from_day: Set(r.from),
        until_day: Set(r.until),
        recorded_by: Set(by.to_owned()),
        created_at: Set(now),
    })
    .exec_without_returning(e.conn())
    .await?;
    Ok(())
}

/// Ends a stay on `day` (the student no longer sleeps there that night).
pub async fn end_residence(
    e: &impl Executor,
    unit: UnitId,
    id: ResidenceId,
    day: NaiveDate,
) -> StoreResult<()> {
    let r = residences::Entity::update_many()
        .col_expr(residences::Column::UntilDay, Expr::value(day))
        .filter(residences::Column::Id.eq(id.uuid()))
        .filter(residences::Column::UnitId.eq(unit.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// Takes back a stay that never began (moved in and out the same day).
pub async fn delete_residence(e: &impl Executor, unit: UnitId, id: ResidenceId) -> StoreResult<()> {
    let r = residences::Entity::delete_many()
        .filter(residences::Column::Id.eq(id.uuid()))
        .filter(residences::Column::UnitId.eq(unit.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// When the unit calls the roll (the defaults until it sets its own).
pub async fn times(e: &impl Executor, unit: UnitId) -> StoreResult<RollCallTimes> {
    let Some(m) = settings::Entity::find_by_id(unit.uuid())
        .one(e.conn())
        .await?
    else {
        return Ok(RollCallTimes::default());
    };
    let clock = |t: &str| {
        NaiveTime::parse_from_str(t, "%H:%M")
            .map_err(|_| StoreError::Corrupt("roll-call time".into()))
    };
    Ok(RollCallTimes {
        call: clock(&m.call_time)?,
        deadline: clock(&m.deadline)?,
    })
}

/// Sets when the unit calls the roll.
pub async fn save_times(e: &impl Executor, unit: UnitId, t: RollCallTimes) -> StoreResult<()> {
    settings::Entity::insert(settings::ActiveModel {
        unit_id: Set(unit.uuid()),
        call_time: Set(t.call.format("%H:%M").to_string()),
        deadline: Set(t.deadline.format("%H:%M").to_string()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(settings::Column::UnitId)
            .update_columns([settings::Column::CallTime, settings::Column::Deadline])
            .to_owned(),
    )
    .exec(e.conn())
    .await?;
    Ok(())
}

fn mark(m: marks::Model) -> StoreResult<RollMark> {
    Ok(RollMark {
        night: m.night,
        person_id: PersonId::from_uuid(m.person_id),
        room_id: RoomId::from_uuid(m.room_id),
        mark: decode("roll mark", &m.mark, Mark::parse)?,
        leave_id: m.leave_id.map(LeaveId::from_uuid),
        note: m.note,
        marked_by: m.marked_by,
        marked_at: m.marked_at,
    })
}

/// The unit's marks of the nights from `first` to `last`.
pub async fn marks(
    e: &impl Executor,
    unit: UnitId,
    first: NaiveDate,
    last: NaiveDate,
) -> StoreResult<Vec<RollMark>> {
    marks::Entity::find()
        .filter(marks::Column::UnitId.eq(unit.uuid()))
        .filter(marks::Column::Night.between(first, last))
        .all(e.conn())
        .await?
        .into_iter()
        .map(mark)
        .collect()
}

/// The marks of a room on one night.
pub async fn marks_of_room(
    e: &impl Executor,
    unit: UnitId,
    room: RoomId,
    night: NaiveDate,
) -> StoreResult<Vec<RollMark>> {
    marks::Entity::find()
        .filter(marks::Column::UnitId.eq(unit.uuid()))
        .filter(marks::Column::RoomId.eq(room.uuid()))
        .filter(marks::Column::Night.eq(night))
        .all(e.conn())
        .await?
        .into_iter()
        .map(mark)
        .collect()
}

/// A person's marks of the nights from `first` to `last`.
pub async fn marks_of_person(
    e: &impl Executor,
    unit: UnitId,
    person: PersonId,
    first: NaiveDate,
    last: NaiveDate,
) -> StoreResult<Vec<RollMark>> {
    marks::Entity::find()
        .filter(marks::Column::UnitId.eq(unit.uuid()))
        .filter(marks::Column::PersonId.eq(person.uuid()))
        .filter(marks::Column::Night.between(first, last))
        .order_by_asc(marks::Column::Night)
        .all(e.conn())
        .await?
        .into_iter()
        .map(mark)
        .collect()
}

/// Writes marks, each over the same person's mark of the same night.
pub async fn put_marks(e: &impl Executor, unit: UnitId, list: &[RollMark]) -> StoreResult<()> {
    // 10 values a row: well under either database's limit on parameters.
    for chunk in list.chunks(1_000) {
        marks::Entity::insert_many(chunk.iter().map(|m| marks::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            unit_id: Set(unit.uuid()),
            night: Set(m.night),
            person_id: Set(m.person_id.uuid()),
            room_id: Set(m.room_id.uuid()),
            mark: Set(m.mark.code().to_owned()),
            leave_id: Set(m.leave_id.map(LeaveId::uuid)),
            note: Set(m.note.clone()),
            marked_by: Set(m.marked_by.clone()),
            marked_at: Set(m.marked_at),
        }))
        .on_conflict(
            OnConflict::columns([marks::Column::Night, marks::Column::PersonId])
                .update_columns([
                    marks::Column::RoomId,
                    marks::Column::Mark,
                    marks::Column::LeaveId,
                    marks::Column::Note,
                    marks::Column::MarkedBy,
                    marks::Column::MarkedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(e.conn())
        .await?;
    }
    Ok(())
}

fn leave(m: leaves::Model) -> StoreResult<Leave> {
    Ok(Leave {
        id: LeaveId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        person_id: PersonId::from_uuid(m.person_id),
        from: m.from_at,
        until: m.until_at,
        destination: m.destination,
        reason: m.reason,
        state: decode("leave state", &m.state, LeaveState::parse)?,
        asked_by: m.asked_by,
        asked_at: m.asked_at,
        decided_by: m.decided_by,
        decided_at: m.decided_at,
        decision_note: m.decision_note,
        late: m.late,
        returned_at: m.returned_at,
    })
}

/// Writes a leave request, new or changed.
pub async fn put_leave(e: &impl Executor, l: &Leave) -> StoreResult<()> {
    leaves::Entity::insert(leaves::ActiveModel {
        id: Set(l.id.uuid()),
        unit_id: Set(l.unit_id.uuid()),
        person_id: Set(l.person_id.uuid()),
        from_at: Set(l.from),
        until_at: Set(l.until),
        destination: Set(l.destination.clone()),
        reason: Set(l.reason.clone()),
        state: Set(l.state.code().to_owned()),
        asked_by: Set(l.asked_by.clone()),
        asked_at: Set(l.asked_at),
        decided_by: Set(l.decided_by.clone()),
        decided_at: Set(l.decided_at),
        decision_note: Set(l.decision_note.clone()),
        late: Set(l.late),
        returned_at: Set(l.returned_at),
    })
    .on_conflict(
        OnConflict::column(leaves::Column::Id)
            .update_columns([
                leaves::Column::State,
                leaves::Column::DecidedBy,
                leaves::Column::DecidedAt,
                leaves::Column::DecisionNote,
                leaves::Column::ReturnedAt,
            ])
            .to_owned(),
    )
    .exec(e.conn())
    .await?;
    Ok(())
}

/// One leave request of the unit.
pub async fn leave_of(e: &impl Executor, unit: UnitId, id: LeaveId) -> StoreResult<Leave> {
    leaves::Entity::find_by_id(id.uuid())
        .filter(leaves::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .map(leave)
        .transpose()?
        .ok_or(StoreError::NotFound)
}

/// The unit's leave requests ending after `since` (of one person, or
/// all), the latest asked first.
pub async fn leaves(
    e: &impl Executor,
    unit: UnitId,
    person: Option<PersonId>,
    since: DateTime<Utc>,
) -> StoreResult<Vec<Leave>> {
    let mut q = leaves::Entity::find()
        .filter(leaves::Column::UnitId.eq(unit.uuid()))
        .filter(leaves::Column::UntilAt.gt(since));
    if let Some(p) = person {
        q = q.filter(leaves::Column::PersonId.eq(p.uuid()));
    }
    q.order_by_desc(leaves::Column::AskedAt)
        .all(e.conn())
        .await?
        .into_iter()
        .map(leave)
        .collect()
}

/// Approved leave of every unit that ended within `[since, now]` with no
/// return recorded: students not back.
pub async fn not_back(
    e: &impl Executor,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<Vec<Leave>> {
    leaves::Entity::find()
        .filter(leaves::Column::State.eq(LeaveState::Approved.code()))
        .filter(leaves::Column::UntilAt.between(since, now))
        .filter(leaves::Column::ReturnedAt.is_null())
        .order_by_asc(leaves::Column::UntilAt)
        .all(e.conn())
        .await?
        .into_iter()
        .map(leave)
        .collect()
}

/// The same alert for each of `users` in one statement; those who had it
/// already are left alone. Returns how many were added.
pub async fn alert_all(
    e: &impl Executor,
    unit: UnitId,
    users: &[UserId],
    kind: AlertKind,
    person: PersonId,
    night: NaiveDate,
    at: DateTime<Utc>,
) -> StoreResult<u64> {
    if users.is_empty() {
        return Ok(0);
    }
    Ok(
        alerts::Entity::insert_many(users.iter().map(|user| alerts::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            unit_id: Set(unit.uuid()),
            user_id: Set(user.uuid()),
            person_id: Set(person.uuid()),
            night: Set(night),
            kind: Set(kind.code().to_owned()),
            at: Set(at),
            read_at: Set(None),
            mailed_at: Set(None),
        }))
        .on_conflict(
            OnConflict::columns([
                alerts::Column::UserId,
                alerts::Column::PersonId,
                alerts::Column::Night,
                alerts::Column::Kind,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(e.conn())
        .await?,
    )
}

fn alert_of(m: &alerts::Model) -> StoreResult<Alert> {
    Ok(Alert {
        id: m.id,
        kind: decode("alert kind", &m.kind, AlertKind::parse)?,
        person_id: PersonId::from_uuid(m.person_id),
        night: m.night,
        at: m.at,
        read: m.read_at.is_some(),
    })
}

/// A user's alerts of the nights since `since`, the newest first.
pub async fn alerts_of(
    e: &impl Executor,
    user: UserId,
    since: NaiveDate,
) -> StoreResult<Vec<Alert>> {
    alerts::Entity::find()
        .filter(alerts::Column::UserId.eq(user.uuid()))
        .filter(alerts::Column::Night.gte(since))
        .order_by_desc(alerts::Column::At)
        .limit(100)
        .all(e.conn())
        .await?
        .iter()
        .map(alert_of)
        .collect()
}

/// Marks a user's alert read.
pub async fn read_alert(
    e: &impl Executor,
    user: UserId,
    id: uuid::Uuid,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let r = alerts::Entity::update_many()
        .col_expr(alerts::Column::ReadAt, Expr::value(at))
        .filter(alerts::Column::Id.eq(id))
        .filter(alerts::Column::UserId.eq(user.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// Alerts not yet sent by e-mail, oldest first: (alert, user, unit).
pub async fn unmailed_alerts(
    e: &impl Executor,
    limit: u64,
) -> StoreResult<Vec<(Alert, UserId, UnitId)>> {
    alerts::Entity::find()
        .filter(alerts::Column::MailedAt.is_null())
        .order_by_asc(alerts::Column::At)
        .limit(limit)
        .all(e.conn())
        .await?
        .iter()
        .map(|m| {
            Ok((
                alert_of(m)?,
                UserId::from_uuid(m.user_id),
                UnitId::from_uuid(m.unit_id),
            ))
        })
        .collect()
}

/// Marks an alert as sent by e-mail (or as not to be sent).
pub async fn alert_mailed(e: &impl Executor, id: uuid::Uuid, at: DateTime<Utc>) -> StoreResult<()> {
    alerts::Entity::update_many()
        .col_expr(alerts::Column::MailedAt, Expr::value(at))
        .filter(alerts::Column::Id.eq(id))
        .exec(e.conn())
        .await?;
    Ok(())
}

fn papers_of(m: &papers::Model) -> ResidencePapers {
    ResidencePapers {
        person_id: PersonId::from_uuid(m.person_id),
        id_tail: m.id_tail.clone(),
        permanent_address: m.permanent_address.clone(),
        registered_on: m.registered_on,
        expires_on: m.expires_on,
    }
}

/// The unit's temporary-residence papers, without the sealed numbers.
pub async fn papers(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<ResidencePapers>> {
    Ok(papers::Entity::find()
        .filter(papers::Column::UnitId.eq(unit.uuid()))
        .all(e.conn())
        .await?
        .iter()
        .map(papers_of)
        .collect())
}

/// A person's papers: the row's id (the sealed number is bound to it),
/// the papers and the sealed number.
pub async fn papers_with_number(
    e: &impl Executor,
    unit: UnitId,
    person: PersonId,
) -> StoreResult<Option<(uuid::Uuid, ResidencePapers, Vec<u8>)>> {
    Ok(papers::Entity::find()
        .filter(papers::Column::UnitId.eq(unit.uuid()))
        .filter(papers::Column::PersonId.eq(person.uuid()))
        .one(e.conn())
        .await?
        .map(|m| (m.id, papers_of(&m), m.sealed_id_number)))
}

/// Every sealed number of the unit's papers by person (for the list the
/// ward police receive).
pub async fn sealed_numbers(
    e: &impl Executor,
    unit: UnitId,
) -> StoreResult<Vec<(uuid::Uuid, PersonId, Vec<u8>)>> {
    Ok(papers::Entity::find()
        .filter(papers::Column::UnitId.eq(unit.uuid()))
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| (m.id, PersonId::from_uuid(m.person_id), m.sealed_id_number))
        .collect())
}

/// Writes a person's papers (the row `id` is kept when they exist).
pub async fn put_papers(
    e: &impl Executor,
    unit: UnitId,
    id: uuid::Uuid,
    p: &ResidencePapers,
    sealed: Vec<u8>,
    by: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    papers::Entity::insert(papers::ActiveModel {
        id: Set(id),
        unit_id: Set(unit.uuid()),
        person_id: Set(p.person_id.uuid()),
        sealed_id_number: Set(sealed),
        id_tail: Set(p.id_tail.clone()),
        permanent_address: Set(p.permanent_address.clone()),
        registered_on: Set(p.registered_on),
        expires_on: Set(p.expires_on),
        updated_by: Set(by.to_owned()),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([papers::Column::UnitId, papers::Column::PersonId])
            .update_columns([
                papers::Column::SealedIdNumber,
                papers::Column::IdTail,
                papers::Column::PermanentAddress,
                papers::Column::RegisteredOn,
                papers::Column::ExpiresOn,
                papers::Column::UpdatedBy,
                papers::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(e.conn())
    .await?;
    Ok(())
}
