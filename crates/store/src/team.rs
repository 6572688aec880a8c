//! Models, teams and clusters, their members and activity logs. Every
//! function takes the unit.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use antt_domain::team::{Activity, Member, MemberRole, Team, TeamInput, TeamKind, TeamStatus};
use antt_domain::{PersonId, TeamId, UnitId};
use antt_entity::{
    team as teams, team_activity as activities, team_member as members, team_type as types,
};

use crate::db::Executor;
use crate::error::{StoreError, StoreResult, decode, one_row};

fn team(m: teams::Model) -> StoreResult<Team> {
    Ok(Team {
        id: TeamId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        kind: decode("team kind", &m.kind, TeamKind::parse)?,
        name: m.name,
        decision_number: m.decision_number,
        decision_date: m.decision_date,
        decision_signer: m.decision_signer,
        partners: serde_json::from_str(&m.partners)
            .map_err(|e| StoreError::Corrupt(format!("partners: {e}")))?,
        status: decode("team status", &m.status, TeamStatus::parse)?,
        type_name: m.type_name,
    })
}

fn partners(input: &TeamInput) -> StoreResult<String> {
    serde_json::to_string(&input.partners).map_err(|e| StoreError::Corrupt(e.to_string()))
}

pub async fn insert(
    e: &impl Executor,
    unit: UnitId,
    input: &TeamInput,
    now: DateTime<Utc>,
) -> StoreResult<Team> {
    let m = teams::ActiveModel {
        id: Set(TeamId::new_v7().uuid()),
        unit_id: Set(unit.uuid()),
        kind: Set(input.kind.code().to_owned()),
        name: Set(input.name.clone()),
        decision_number: Set(input.decision_number.clone()),
        decision_date: Set(input.decision_date),
        decision_signer: Set(input.decision_signer.clone()),
        partners: Set(partners(input)?),
        status: Set(input.status.code().to_owned()),
        created_at: Set(now),
        type_name: Set(input.type_name.clone()),
    }
    .insert(e.conn())
    .await?;
    team(m)
}

pub async fn update(
    e: &impl Executor,
    unit: UnitId,
    id: TeamId,
    input: &TeamInput,
) -> StoreResult<()> {
    let r = teams::Entity::update_many()
        .col_expr(teams::Column::Kind, Expr::value(input.kind.code()))
        .col_expr(teams::Column::Name, Expr::value(input.name.clone()))
        .col_expr(
            teams::Column::DecisionNumber,
            Expr::value(input.decision_number.clone()),
        )
        .col_expr(
            teams::Column::DecisionDate,
            Expr::value(input.decision_date),
        )
        .col_expr(
            teams::Column::DecisionSigner,
            Expr::value(input.decision_signer.clone()),
        )
        .col_expr(teams::Column::Partners, Expr::value(partners(input)?))
        .col_expr(teams::Column::Status, Expr::value(input.status.code()))
        .col_expr(
            teams::Column::TypeName,
            Expr::value(input.type_name.clone()),
        )
        .filter(teams::Column::UnitId.eq(unit.uuid()))
        .filter(teams::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

pub async fn get(e: &impl Executor, unit: UnitId, id: TeamId) -> StoreResult<Team> {
    teams::Entity::find_by_id(id.uuid())
        .filter(teams::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .map_or(Err(StoreError::NotFound), team)
}

/// A unit's groups: models, then teams, then clusters, each by name.
pub async fn list(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<Team>> {
    teams::Entity::find()
        .filter(teams::Column::UnitId.eq(unit.uuid()))
        .order_by_asc(teams::Column::Kind)
        .order_by_asc(teams::Column::Name)
        .all(e.conn())
        .await?
        .into_iter()
        .map(team)
        .collect()
}

pub async fn add_member(e: &impl Executor, unit: UnitId, m: &Member) -> StoreResult<()> {
    members::ActiveModel {
        unit_id: Set(unit.uuid()),
        team_id: Set(m.team_id.uuid()),
        person_id: Set(m.person_id.uuid()),
        role: Set(m.role.code().to_owned()),
        from_on: Set(m.from),
        until_on: Set(m.until),
    }
    .insert(e.conn())
    .await?;
    Ok(())
}

/// Many members at once (the demo, a decision's list).
pub async fn add_members(e: &impl Executor, unit: UnitId, all: &[Member]) -> StoreResult<()> {
    if all.is_empty() {
        return Ok(());
    }
    members::Entity::insert_many(all.iter().map(|m| members::ActiveModel {
        unit_id: Set(unit.uuid()),
        team_id: Set(m.team_id.uuid()),
        person_id: Set(m.person_id.uuid()),
        role: Set(m.role.code().to_owned()),
        from_on: Set(m.from),
        until_on: Set(m.until),
    }))
    .exec(e.conn())
    .await?;
    Ok(())
}

/// The members of the unit's groups (of one group when `team` is given),
/// leaders first.
pub async fn members(
    e: &impl Executor,
    unit: UnitId,
    team: Option<TeamId>,
) -> StoreResult<Vec<Member>> {
    let mut q = members::Entity::find().filter(members::Column::UnitId.eq(unit.uuid()));
    if let Some(t) = team {
        q = q.filter(members::Column::TeamId.eq(t.uuid()));
    }
    let mut all: Vec<Member> = q
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| {
            Ok(Member {
                team_id: TeamId::from_uuid(m.team_id),
                person_id: PersonId::from_uuid(m.person_id),
                role: decode("member role", &m.role, MemberRole::parse)?,
                from: m.from_on,
                until: m.until_on,
            })
        })
        .collect::<StoreResult<_>>()?;
    all.sort_by_key(|m| (m.role, m.from));
    Ok(all)
}

/// Ends a member's term on `until`.
pub async fn end_member(
    e: &impl Executor,
    unit: UnitId,
    team: TeamId,
    person: PersonId,
    from: NaiveDate,
    until: NaiveDate,
) -> StoreResult<()> {
    let r = members::Entity::update_many()
        .col_expr(members::Column::UntilOn, Expr::value(Some(until)))
        .filter(members::Column::UnitId.eq(unit.uuid()))
        .filter(members::Column::TeamId.eq(team.uuid()))
        .filter(members::Column::PersonId.eq(person.uuid()))
        .filter(members::Column::FromOn.eq(from))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

pub async fn add_activity(
    e: &impl Executor,
    unit: UnitId,
    team: TeamId,
    a: &Activity,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    activities::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        unit_id: Set(unit.uuid()),
        team_id: Set(team.uuid()),
        held_on: Set(a.on),
        body: Set(a.text.clone()),
        created_at: Set(now),
    }
    .insert(e.conn())
    .await?;
    Ok(())
}

/// A group's activity log, newest first.
pub async fn activities(
    e: &impl Executor,
    unit: UnitId,
    team: TeamId,
) -> StoreResult<Vec<Activity>> {
    Ok(activities::Entity::find()
        .filter(activities::Column::UnitId.eq(unit.uuid()))
        .filter(activities::Column::TeamId.eq(team.uuid()))
        .order_by_desc(activities::Column::HeldOn)
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| Activity {
            on: m.held_on,
            text: m.body,
        })
        .collect())
}

/// A unit's catalogue of types, in order within each kind.
pub async fn types(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<(TeamKind, String)>> {
    types::Entity::find()
        .filter(types::Column::UnitId.eq(unit.uuid()))
        .order_by_asc(types::Column::Kind)
        .order_by_asc(types::Column::Position)
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| Ok((decode("team kind", &m.kind, TeamKind::parse)?, m.name)))
        .collect()
}

/// Adds a type at the end of its kind's list; the same name twice is a conflict.
pub async fn add_type(
    e: &impl Executor,
    unit: UnitId,
    kind: TeamKind,
    name: &str,
    position: i32,
) -> StoreResult<()> {
    types::ActiveModel {
        unit_id: Set(unit.uuid()),
        kind: Set(kind.code().to_owned()),
        name: Set(name.to_owned()),
        position: Set(position),
    }
    .insert(e.conn())
    .await?;
    Ok(())
}

/// Removes a type from the catalogue.
pub async fn remove_type(
    e: &impl Executor,
    unit: UnitId,
    kind: TeamKind,
    name: &str,
) -> StoreResult<()> {
    let r = types::Entity::delete_many()
        .filter(types::Column::UnitId.eq(unit.uuid()))
        .filter(types::Column::Kind.eq(kind.code()))
        .filter(types::Column::Name.eq(name))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// How many groups of a unit are of a type.
pub async fn count_of_type(
    e: &impl Executor,
    unit: UnitId,
    kind: TeamKind,
    name: &str,
) -> StoreResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(teams::Entity::find()
        .filter(teams::Column::UnitId.eq(unit.uuid()))
        .filter(teams::Column::Kind.eq(kind.code()))
        .filter(teams::Column::TypeName.eq(name))
        .count(e.conn())
        .await?)
}
