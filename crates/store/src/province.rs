//! The targets an authority sets for its units, and the few facts of many
//! units the province's standing reads at once (security force ratings,
//! the security force's gear in service).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use antt_domain::assessment::Rating;
use antt_domain::equipment::{EquipmentKind, EquipmentState};
use antt_domain::province::{Measure, Target, TargetInput};
use antt_domain::unit::UnitKind;
use antt_domain::{ProvinceTargetId, UnitId};
use antt_entity::{
    equipment_item as items, province_target as targets, rating as ratings, team as teams,
    team_member as members,
};

use crate::assessment::SECURITY_FORCE;
use crate::db::Executor;
use crate::error::{StoreResult, decode, one_row};

fn target(m: targets::Model) -> StoreResult<Target> {
    Ok(Target {
        id: ProvinceTargetId::from_uuid(m.id),
        authority_id: UnitId::from_uuid(m.unit_id),
        measure: decode("measure", &m.measure, Measure::parse)?,
        kind: m
            .kind
            .map(|k| decode("unit kind", &k, UnitKind::parse))
            .transpose()?,
        low: u32::try_from(m.low).unwrap_or_default(),
        high: m.high.and_then(|h| u32::try_from(h).ok()),
        from_year: m.from_year,
        due_year: m.due_year,
    })
}

fn per_mille(value: u32) -> i16 {
    i16::try_from(value).unwrap_or(i16::MAX)
}

/// The targets an authority set, by measure then kind then the year due.
pub async fn targets(e: &impl Executor, authority: UnitId) -> StoreResult<Vec<Target>> {
    let mut out = targets::Entity::find()
        .filter(targets::Column::UnitId.eq(authority.uuid()))
        .order_by_asc(targets::Column::DueYear)
        .all(e.conn())
        .await?
        .into_iter()
        .map(target)
        .collect::<StoreResult<Vec<_>>>()?;
    out.sort_by_key(|t| {
        (
            Measure::ALL.iter().position(|m| *m == t.measure),
            t.kind.map(UnitKind::code),
            t.due_year,
        )
    });
    Ok(out)
}

/// A target's values as the table keeps them (its id and authority aside).
fn values(t: &TargetInput, by: &str, at: DateTime<Utc>) -> targets::ActiveModel {
    targets::ActiveModel {
        measure: Set(t.measure.code().to_owned()),
        kind: Set(t.kind.map(|k| k.code().to_owned())),
        low: Set(per_mille(t.low)),
        high: Set(t.high.map(per_mille)),
        from_year: Set(t.from_year),
        due_year: Set(t.due_year),
        set_by: Set(by.to_owned()),
        set_at: Set(at),
        ..Default::default()
    }
}

/// Sets a new target.
pub async fn insert_target(
    e: &impl Executor,
    authority: UnitId,
    t: &TargetInput,
    by: &str,
    at: DateTime<Utc>,
) -> StoreResult<ProvinceTargetId> {
    let id = ProvinceTargetId::new_v7();
    targets::Entity::insert(targets::ActiveModel {
        id: Set(id.uuid()),
        unit_id: Set(authority.uuid()),
        ..values(t, by, at)
    })
    .exec(e.conn())
    .await?;
    Ok(id)
}

/// Changes a target of the authority's.
pub async fn update_target(
    e: &impl Executor,
    authority: UnitId,
    id: ProvinceTargetId,
    t: &TargetInput,
    by: &str,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let done = targets::Entity::update_many()
        .filter(targets::Column::UnitId.eq(authority.uuid()))
        .filter(targets::Column::Id.eq(id.uuid()))
        .set(values(t, by, at))
        .exec(e.conn())
        .await?;
    one_row(done.rows_affected)
}

/// Removes a target of the authority's.
pub async fn delete_target(
    e: &impl Executor,
    authority: UnitId,
    id: ProvinceTargetId,
) -> StoreResult<()> {
    let done = targets::Entity::delete_many()
        .filter(targets::Column::UnitId.eq(authority.uuid()))
        .filter(targets::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(done.rows_affected)
}

/// The security forces' ratings of some units over some years.
pub async fn security_ratings(
    e: &impl Executor,
    units: &[UnitId],
    years: std::ops::RangeInclusive<i32>,
) -> StoreResult<Vec<(UnitId, i32, Rating)>> {
    let mut out = Vec::new();
    for chunk in units.chunks(500) {
        let rows: Vec<(uuid::Uuid, i32, String)> = ratings::Entity::find()
            .select_only()
            .columns([
                ratings::Column::UnitId,
                ratings::Column::Year,
                ratings::Column::Rating,
            ])
            .filter(ratings::Column::UnitId.is_in(chunk.iter().map(|u| u.uuid())))
            .filter(ratings::Column::Subject.eq(SECURITY_FORCE))
            .filter(ratings::Column::Year.between(*years.start(), *years.end()))
            .into_tuple()
            .all(e.conn())
            .await?;
        for (unit, year, rating) in rows {
            out.push((
                UnitId::from_uuid(unit),
                year,
                decode("rating", &rating, Rating::parse)?,
            ));
        }
    }
    Ok(out)
}

/// The security force's gear in service of some units: unit, kind and
/// since when (installed, else made; `None` when the register does not
/// say).
pub async fn security_gear(
    e: &impl Executor,
    units: &[UnitId],
) -> StoreResult<Vec<(UnitId, EquipmentKind, Option<NaiveDate>)>> {
    let gear = EquipmentKind::ALL
        .iter()
        .filter(|k| k.is_security_gear())
        .map(|k| k.code());
    let mut out = Vec::new();
    for chunk in units.chunks(500) {
        let rows: Vec<(uuid::Uuid, String, Option<NaiveDate>, Option<NaiveDate>)> =
            items::Entity::find()
                .select_only()
                .columns([
                    items::Column::UnitId,
                    items::Column::Kind,
                    items::Column::InstalledOn,
                    items::Column::MadeOn,
                ])
                .filter(items::Column::UnitId.is_in(chunk.iter().map(|u| u.uuid())))
                .filter(items::Column::Kind.is_in(gear.clone()))
                .filter(items::Column::State.eq(EquipmentState::InService.code()))
                .into_tuple()
                .all(e.conn())
                .await?;
        for (unit, kind, installed, made) in rows {
            out.push((
                UnitId::from_uuid(unit),
                decode("equipment kind", &kind, EquipmentKind::parse)?,
                installed.or(made),
            ));
        }
    }
    Ok(out)
}

/// The models, teams and clusters of some units that are not dissolved,
/// each with the members serving on `today`.
pub async fn groups(
    e: &impl Executor,
    units: &[UnitId],
    today: NaiveDate,
) -> StoreResult<Vec<antt_domain::province::Group>> {
    use antt_domain::team::{TeamKind, TeamStatus};
    let mut out = Vec::new();
    for chunk in units.chunks(500) {
        let ids = || chunk.iter().map(|u| u.uuid());
        let serving: Vec<(uuid::Uuid, Option<NaiveDate>, NaiveDate)> = members::Entity::find()
            .select_only()
            .columns([
                members::Column::TeamId,
                members::Column::UntilOn,
                members::Column::FromOn,
            ])
            .filter(members::Column::UnitId.is_in(ids()))
            .into_tuple()
            .all(e.conn())
            .await?;
        let mut count: std::collections::HashMap<uuid::Uuid, u32> =
            std::collections::HashMap::new();
        for (team, until, from) in serving {
            if from <= today && until.is_none_or(|u| u >= today) {
                *count.entry(team).or_default() += 1;
            }
        }
        for m in teams::Entity::find()
            .filter(teams::Column::UnitId.is_in(ids()))
            .filter(teams::Column::Status.ne(TeamStatus::Dissolved.code()))
            .all(e.conn())
            .await?
        {
            out.push(antt_domain::province::Group {
                unit_id: UnitId::from_uuid(m.unit_id),
                kind: decode("team kind", &m.kind, TeamKind::parse)?,
                type_name: m.type_name.unwrap_or_else(|| m.name.clone()),
                members: count.get(&m.id).copied().unwrap_or_default(),
                partners: serde_json::from_str(&m.partners)
                    .map_err(|e| crate::error::StoreError::Corrupt(format!("partners: {e}")))?,
                name: m.name,
            });
        }
    }
    Ok(out)
}

/// The propaganda of some units between two instants, summed: sessions,
/// attendances (people ticked or checked in, and those from outside
/// counted by head), materials handed out, posts published.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Activity {
    pub sessions: u64,
    pub attendances: u64,
    pub materials: u64,
    pub posts: u64,
}

pub async fn activity(
    e: &impl Executor,
    units: &[UnitId],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<Activity> {
    use antt_entity::{attendance as attendances, movement_session as sessions};
    let mut out = Activity::default();
    for chunk in units.chunks(500) {
        let ids = || chunk.iter().map(|u| u.uuid());
        let rows: Vec<(uuid::Uuid, i32, i32, String)> = sessions::Entity::find()
            .select_only()
            .columns([
                sessions::Column::Id,
                sessions::Column::OutsideCount,
                sessions::Column::Materials,
                sessions::Column::Posts,
            ])
            .filter(sessions::Column::UnitId.is_in(ids()))
            .filter(sessions::Column::StartsAt.gte(from))
            .filter(sessions::Column::StartsAt.lt(to))
            .into_tuple()
            .all(e.conn())
            .await?;
        for (_, outside, materials, posts) in &rows {
            out.sessions += 1;
            out.attendances += u64::try_from(*outside).unwrap_or_default();
            out.materials += u64::try_from(*materials).unwrap_or_default();
            out.posts += serde_json::from_str::<antt_domain::session::Posts>(posts)
                .map(|p| u64::from(p.total()))
                .map_err(|e| crate::error::StoreError::Corrupt(format!("posts: {e}")))?;
        }
        for ids in rows.chunks(500) {
            out.attendances += attendances::Entity::find()
                .filter(attendances::Column::SessionId.is_in(ids.iter().map(|r| r.0)))
                .count(e.conn())
                .await?;
        }
    }
    Ok(out)
}

/// The reward decisions of some units in some years, and the people and
/// groups they reward.
pub async fn rewards(
    e: &impl Executor,
    units: &[UnitId],
    years: std::ops::RangeInclusive<i32>,
) -> StoreResult<(u64, u64)> {
    use antt_entity::{nomination as nominations, reward_decision as decisions};
    let mut out = (0, 0);
    for chunk in units.chunks(500) {
        let ids = || chunk.iter().map(|u| u.uuid());
        out.0 += decisions::Entity::find()
            .filter(decisions::Column::UnitId.is_in(ids()))
            .filter(decisions::Column::Year.between(*years.start(), *years.end()))
            .count(e.conn())
            .await?;
        out.1 += nominations::Entity::find()
            .filter(nominations::Column::UnitId.is_in(ids()))
            .filter(nominations::Column::Year.between(*years.start(), *years.end()))
            .filter(nominations::Column::DecisionId.is_not_null())
            .count(e.conn())
            .await?;
    }
    Ok(out)
}
