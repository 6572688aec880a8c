//! Guard duty: posts, guards and the month's rosters of a unit.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use antt_domain::duty::{
    DutyGuard, DutyPost, DutyPostInput, Roster, RosterShift, RosterState, ShiftPattern, Skill,
};
use antt_domain::{CampusId, DutyPostId, PersonId, RosterId, UnitId};
use antt_entity::{duty_guard, duty_post, person, roster};

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
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let skills: Vec<&str> = skills.iter().map(|s| s.code()).collect();
    duty_guard::Entity::insert(duty_guard::ActiveModel {
        unit_id: Set(unit.uuid()),
        person_id: Set(person.uuid()),
        campus_id: Set(campus.uuid()),
        skills: Set(skills.join(",")),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([duty_guard::Column::UnitId, duty_guard::Column::PersonId])
            .update_columns([duty_guard::Column::CampusId, duty_guard::Column::Skills])
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
    let ids: Vec<uuid::Uuid> = rows.iter().map(|r| r.person_id).collect();
    let names: std::collections::HashMap<uuid::Uuid, String> = person::Entity::find()
        .filter(person::Column::UnitId.eq(unit.uuid()))
        .filter(person::Column::Id.is_in(ids))
        .all(e.conn())
        .await?
        .into_iter()
        .map(|p| (p.id, p.full_name))
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
