//! Guard duty: posts, guards and the month's rosters of a unit.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use antt_domain::duty::{
    DutyEvent, DutyEventInput, DutyGuard, DutyPost, DutyPostInput, DutyWish, EventDays, Roster,
    RosterShift, RosterState, ShiftPattern, Skill, SwapRequest, SwapState, WishKind,
};
use antt_domain::{CampusId, DutyEventId, DutyPostId, PersonId, RosterId, SwapId, TeamId, UnitId};
use antt_entity::{
    duty_event, duty_guard, duty_post, duty_swap, duty_wish, duty_wish_month, roster,
};

use crate::db::Executor;
use crate::error::{StoreError, StoreResult, decode, one_row};

fn json<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn post(m: duty_post::Model) -> StoreResult<DutyPost> {
    Ok(DutyPost {
        id: DutyPostId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        campus_id: CampusId::from_uuid(m.campus_id),
        skill: m
            .skill
            .as_deref()
            .map(|c| decode("duty_posts.skill", c, Skill::parse))
            .transpose()?,
        shifts: from_json::<Vec<ShiftPattern>>(&m.shifts)?,
        name: m.name,
        created_at: m.created_at,
    })
}

/// Adds a post.
pub async fn insert_post(
    e: &impl Executor,
    unit: UnitId,
    input: &DutyPostInput,
    now: DateTime<Utc>,
) -> StoreResult<DutyPost> {
    let id = DutyPostId::new_v7();
    duty_post::Entity::insert(duty_post::ActiveModel {
        id: Set(id.uuid()),
        unit_id: Set(unit.uuid()),
        campus_id: Set(input.campus_id.uuid()),
        name: Set(input.name.clone()),
        skill: Set(input.skill.map(|s| s.code().to_owned())),
        shifts: Set(json(&input.shifts)?),
        created_at: Set(now),
    })
    .exec(e.conn())
    .await?;
    Ok(DutyPost {
        id,
        unit_id: unit,
        campus_id: input.campus_id,
        name: input.name.clone(),
        skill: input.skill,
        shifts: input.shifts.clone(),
        created_at: now,
    })
}

/// Removes a post; rosters made before keep their shifts.
pub async fn delete_post(e: &impl Executor, unit: UnitId, id: DutyPostId) -> StoreResult<()> {
    let r = duty_post::Entity::delete_many()
        .filter(duty_post::Column::UnitId.eq(unit.uuid()))
        .filter(duty_post::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// The unit's posts, by campus and name.
pub async fn posts(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<DutyPost>> {
    duty_post::Entity::find()
        .filter(duty_post::Column::UnitId.eq(unit.uuid()))
        .order_by_asc(duty_post::Column::CampusId)
        .order_by_asc(duty_post::Column::CreatedAt)
        .all(e.conn())
        .await?
        .into_iter()
        .map(post)
        .collect()
}

/// Puts a person on the guard force, or changes their campus and skills.
pub async fn save_guard(
    e: &impl Executor,
    unit: UnitId,
    person: PersonId,
    campus: CampusId,
    skills: &[Skill],
    weekly_hours: Option<u8>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let skills: Vec<&str> = skills.iter().map(|s| s.code()).collect();
    duty_guard::Entity::insert(duty_guard::ActiveModel {
        unit_id: Set(unit.uuid()),
        person_id: Set(person.uuid()),
        campus_id: Set(campus.uuid()),
        skills: Set(skills.join(",")),
        weekly_hours: Set(weekly_hours.map(i16::from)),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([duty_guard::Column::UnitId, duty_guard::Column::PersonId])
            .update_columns([
                duty_guard::Column::CampusId,
                duty_guard::Column::Skills,
                duty_guard::Column::WeeklyHours,
            ])
            .to_owned(),
    )
    .exec(e.conn())
    .await?;
    Ok(())
}

/// Takes a person off the guard force.
pub async fn remove_guard(e: &impl Executor, unit: UnitId, person: PersonId) -> StoreResult<()> {
    let r = duty_guard::Entity::delete_many()
        .filter(duty_guard::Column::UnitId.eq(unit.uuid()))
        .filter(duty_guard::Column::PersonId.eq(person.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// The unit's guards with their names, by name.
pub async fn guards(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<DutyGuard>> {
    let rows = duty_guard::Entity::find()
        .filter(duty_guard::Column::UnitId.eq(unit.uuid()))
        .all(e.conn())
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<PersonId> = rows
        .iter()
        .map(|r| PersonId::from_uuid(r.person_id))
        .collect();
    let names: std::collections::HashMap<uuid::Uuid, String> = crate::person::names(e, unit, &ids)
        .await?
        .into_iter()
        .map(|(id, name)| (id.uuid(), name))
        .collect();
    let mut out = rows
        .into_iter()
        .map(|r| {
            Ok(DutyGuard {
                person_id: PersonId::from_uuid(r.person_id),
                full_name: names.get(&r.person_id).cloned().unwrap_or_default(),
                campus_id: CampusId::from_uuid(r.campus_id),
                skills: r
                    .skills
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(|c| decode("duty_guards.skills", c, Skill::parse))
                    .collect::<StoreResult<_>>()?,
                reinforcement: false,
                weekly_hours: r.weekly_hours.and_then(|h| u8::try_from(h).ok()),
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    out.sort_by(|a, b| {
        antt_domain::text::search_key(&a.full_name)
            .cmp(&antt_domain::text::search_key(&b.full_name))
    });
    Ok(out)
}

fn roster(m: roster::Model) -> StoreResult<Roster> {
    Ok(Roster {
        id: RosterId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        month: m.month,
        state: decode("rosters.state", &m.state, RosterState::parse)?,
        shifts: from_json::<Vec<RosterShift>>(&m.shifts)?,
        published_at: m.published_at,
        published_by: m.published_by,
        updated_at: m.updated_at,
    })
}

/// The roster of a month, if one was made.
pub async fn roster_of(
    e: &impl Executor,
    unit: UnitId,
    month: NaiveDate,
) -> StoreResult<Option<Roster>> {
    roster::Entity::find()
        .filter(roster::Column::UnitId.eq(unit.uuid()))
        .filter(roster::Column::Month.eq(month))
        .one(e.conn())
        .await?
        .map(roster)
        .transpose()
}

/// The rosters of the months from `first` to `last` (first days), in order.
pub async fn rosters_between(
    e: &impl Executor,
    unit: UnitId,
    first: NaiveDate,
    last: NaiveDate,
) -> StoreResult<Vec<Roster>> {
    roster::Entity::find()
        .filter(roster::Column::UnitId.eq(unit.uuid()))
        .filter(roster::Column::Month.between(first, last))
        .order_by_asc(roster::Column::Month)
        .all(e.conn())
        .await?
        .into_iter()
        .map(roster)
        .collect()
}

/// Writes a month's roster whole: created the first time, replaced after.
pub async fn save_roster(e: &impl Executor, r: &Roster) -> StoreResult<()> {
    roster::Entity::insert(roster::ActiveModel {
        id: Set(r.id.uuid()),
        unit_id: Set(r.unit_id.uuid()),
        month: Set(r.month),
        state: Set(r.state.code().to_owned()),
        shifts: Set(json(&r.shifts)?),
        published_at: Set(r.published_at),
        published_by: Set(r.published_by.clone()),
        updated_at: Set(r.updated_at),
    })
    .on_conflict(
        OnConflict::columns([roster::Column::UnitId, roster::Column::Month])
            .update_columns([
                roster::Column::State,
                roster::Column::Shifts,
                roster::Column::PublishedAt,
                roster::Column::PublishedBy,
                roster::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(e.conn())
    .await?;
    Ok(())
}

/// The wishes of the unit's guards for the days from `first` to `last`.
pub async fn wishes(
    e: &impl Executor,
    unit: UnitId,
    first: NaiveDate,
    last: NaiveDate,
) -> StoreResult<Vec<DutyWish>> {
    duty_wish::Entity::find()
        .filter(duty_wish::Column::UnitId.eq(unit.uuid()))
        .filter(duty_wish::Column::Day.between(first, last))
        .order_by_asc(duty_wish::Column::Day)
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| {
            Ok(DutyWish {
                person_id: PersonId::from_uuid(m.person_id),
                day: m.day,
                kind: decode("duty_wishes.kind", &m.kind, WishKind::parse)?,
                note: m.note,
            })
        })
        .collect()
}

/// Replaces a guard's wishes for the days from `first` to `last` with
/// `wishes`, and records that they were sent.
#[allow(clippy::too_many_arguments)] // one row of each table, as they are kept
pub async fn replace_wishes(
    e: &impl Executor,
    unit: UnitId,
    person: PersonId,
    first: NaiveDate,
    last: NaiveDate,
    wishes: &[DutyWish],
    now: DateTime<Utc>,
    by: &str,
) -> StoreResult<()> {
    duty_wish::Entity::delete_many()
        .filter(duty_wish::Column::UnitId.eq(unit.uuid()))
        .filter(duty_wish::Column::PersonId.eq(person.uuid()))
        .filter(duty_wish::Column::Day.between(first, last))
        .exec(e.conn())
        .await?;
    if !wishes.is_empty() {
        duty_wish::Entity::insert_many(wishes.iter().map(|w| duty_wish::ActiveModel {
            unit_id: Set(unit.uuid()),
            person_id: Set(person.uuid()),
            day: Set(w.day),
            kind: Set(w.kind.code().to_owned()),
            note: Set(w.note.clone()),
        }))
        .exec(e.conn())
        .await?;
    }
    duty_wish_month::Entity::insert(duty_wish_month::ActiveModel {
        unit_id: Set(unit.uuid()),
        person_id: Set(person.uuid()),
        month: Set(first),
        sent_at: Set(now),
        sent_by: Set(by.to_owned()),
    })
    .on_conflict(
        OnConflict::columns([
            duty_wish_month::Column::UnitId,
            duty_wish_month::Column::PersonId,
            duty_wish_month::Column::Month,
        ])
        .update_columns([
            duty_wish_month::Column::SentAt,
            duty_wish_month::Column::SentBy,
        ])
        .to_owned(),
    )
    .exec(e.conn())
    .await?;
    Ok(())
}

/// Who sent their wishes for the month starting on `first`, and when.
pub async fn wishes_sent(
    e: &impl Executor,
    unit: UnitId,
    first: NaiveDate,
) -> StoreResult<Vec<(PersonId, DateTime<Utc>)>> {
    Ok(duty_wish_month::Entity::find()
        .filter(duty_wish_month::Column::UnitId.eq(unit.uuid()))
        .filter(duty_wish_month::Column::Month.eq(first))
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| (PersonId::from_uuid(m.person_id), m.sent_at))
        .collect())
}

fn event(m: duty_event::Model) -> StoreResult<DutyEvent> {
    let days = match (m.holidays, m.first_day, m.last_day) {
        (true, _, _) => EventDays::Holidays,
        (false, Some(first), Some(last)) => EventDays::Range { first, last },
        _ => {
            return Err(StoreError::Corrupt(format!(
                "duty event {} has no days",
                m.id
            )));
        }
    };
    Ok(DutyEvent {
        id: DutyEventId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        name: m.name,
        days,
        post_id: DutyPostId::from_uuid(m.post_id),
        shifts: from_json(&m.shifts)?,
        team_id: m.team_id.map(TeamId::from_uuid),
        created_at: m.created_at,
    })
}

/// The unit's events of reinforcement, holidays first, then by day.
pub async fn events(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<DutyEvent>> {
    let mut out = duty_event::Entity::find()
        .filter(duty_event::Column::UnitId.eq(unit.uuid()))
        .all(e.conn())
        .await?
        .into_iter()
        .map(event)
        .collect::<StoreResult<Vec<_>>>()?;
    out.sort_by_key(|e| match e.days {
        EventDays::Holidays => (None, e.created_at),
        EventDays::Range { first, .. } => (Some(first), e.created_at),
    });
    Ok(out)
}

/// Adds an event of reinforcement.
pub async fn insert_event(
    e: &impl Executor,
    unit: UnitId,
    input: &DutyEventInput,
    now: DateTime<Utc>,
) -> StoreResult<DutyEventId> {
    let id = DutyEventId::new_v7();
    let (holidays, first, last) = match input.days {
        EventDays::Holidays => (true, None, None),
        EventDays::Range { first, last } => (false, Some(first), Some(last)),
    };
    duty_event::Entity::insert(duty_event::ActiveModel {
        id: Set(id.uuid()),
        unit_id: Set(unit.uuid()),
        name: Set(input.name.clone()),
        holidays: Set(holidays),
        first_day: Set(first),
        last_day: Set(last),
        post_id: Set(input.post_id.uuid()),
        shifts: Set(json(&input.shifts)?),
        team_id: Set(input.team_id.map(TeamId::uuid)),
        created_at: Set(now),
    })
    .exec(e.conn())
    .await?;
    Ok(id)
}

/// Removes an event of reinforcement.
pub async fn delete_event(e: &impl Executor, unit: UnitId, id: DutyEventId) -> StoreResult<()> {
    let r = duty_event::Entity::delete_many()
        .filter(duty_event::Column::UnitId.eq(unit.uuid()))
        .filter(duty_event::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

fn swap(m: duty_swap::Model) -> StoreResult<SwapRequest> {
    Ok(SwapRequest {
        id: SwapId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        month: m.month,
        shift: m.shift,
        from: PersonId::from_uuid(m.from_person),
        to: PersonId::from_uuid(m.to_person),
        reason: m.reason,
        state: decode("duty_swaps.state", &m.state, SwapState::parse)?,
        asked_at: m.asked_at,
        decided_by: m.decided_by,
        decided_at: m.decided_at,
    })
}

/// Writes a request whole: created the first time, its state and decision
/// after.
pub async fn save_swap(e: &impl Executor, r: &SwapRequest) -> StoreResult<()> {
    duty_swap::Entity::insert(duty_swap::ActiveModel {
        id: Set(r.id.uuid()),
        unit_id: Set(r.unit_id.uuid()),
        month: Set(r.month),
        shift: Set(r.shift),
        from_person: Set(r.from.uuid()),
        to_person: Set(r.to.uuid()),
        reason: Set(r.reason.clone()),
        state: Set(r.state.code().to_owned()),
        asked_at: Set(r.asked_at),
        decided_by: Set(r.decided_by.clone()),
        decided_at: Set(r.decided_at),
    })
    .on_conflict(
        OnConflict::column(duty_swap::Column::Id)
            .update_columns([
                duty_swap::Column::State,
                duty_swap::Column::DecidedBy,
                duty_swap::Column::DecidedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(e.conn())
    .await?;
    Ok(())
}

/// One request of the unit.
pub async fn swap_of(e: &impl Executor, unit: UnitId, id: SwapId) -> StoreResult<SwapRequest> {
    duty_swap::Entity::find_by_id(id.uuid())
        .filter(duty_swap::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .ok_or(StoreError::NotFound)
        .and_then(swap)
}

/// The unit's requests about the months from `from` on, newest first.
pub async fn swaps(
    e: &impl Executor,
    unit: UnitId,
    from: NaiveDate,
) -> StoreResult<Vec<SwapRequest>> {
    duty_swap::Entity::find()
        .filter(duty_swap::Column::UnitId.eq(unit.uuid()))
        .filter(duty_swap::Column::Month.gte(from))
        .order_by_desc(duty_swap::Column::AskedAt)
        .all(e.conn())
        .await?
        .into_iter()
        .map(swap)
        .collect()
}
