//! The register of incidents, the people involved in each, and violations
//! by people of the unit. Every function takes the unit.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};

use antt_domain::incident::{
    Discipline, Incident, IncidentInput, IncidentState, Involved, InvolvedRole, Severity, Transfer,
    Violation, ViolationInput, ViolationKind,
};
use antt_domain::tip::TipCategory;
use antt_domain::{CampusId, IncidentId, InvolvedId, PersonId, UnitId, ViolationId};
use antt_entity::{incident as incidents, incident_person as involved, violation as violations};

use crate::db::Executor;
use crate::error::{StoreResult, decode, one_row};

fn incident(m: incidents::Model) -> StoreResult<Incident> {
    let transfer = m.police_unit.map(|police_unit| Transfer {
        police_unit,
        transferred_on: m.transferred_on,
        reference: m.police_reference,
        acknowledged_on: m.acknowledged_on,
    });
    Ok(Incident {
        id: IncidentId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        number: u32::try_from(m.number).unwrap_or(0),
        state: decode("incident state", &m.state, IncidentState::parse)?,
        input: IncidentInput {
            category: decode("incident category", &m.category, TipCategory::parse)?,
            severity: decode("severity", &m.severity, Severity::parse)?,
            occurred_at: m.occurred_at,
            campus_id: m.campus_id.map(CampusId::from_uuid),
            place: m.place,
            summary: m.summary,
            actions: m.actions,
            value_recovered: m.value_recovered,
        },
        transfer,
        outcome: m.outcome,
        created_at: m.created_at,
        closed_at: m.closed_at,
    })
}

async fn next_number(e: &impl Executor, unit: UnitId) -> StoreResult<i32> {
    let max: Option<Option<i32>> = incidents::Entity::find()
        .select_only()
        .column_as(Expr::col(incidents::Column::Number).max(), "n")
        .filter(incidents::Column::UnitId.eq(unit.uuid()))
        .into_tuple()
        .one(e.conn())
        .await?;
    Ok(max.flatten().unwrap_or(0) + 1)
}

/// Inserts an incident (open); returns its id and number.
pub async fn insert(
    e: &impl Executor,
    unit: UnitId,
    input: &IncidentInput,
    now: DateTime<Utc>,
) -> StoreResult<(IncidentId, u32)> {
    let id = IncidentId::new_v7();
    let n = next_number(e, unit).await?;
    incidents::ActiveModel {
        id: Set(id.uuid()),
        unit_id: Set(unit.uuid()),
        number: Set(n),
        category: Set(input.category.code().into()),
        severity: Set(input.severity.code().into()),
        state: Set(IncidentState::Open.code().into()),
        occurred_at: Set(input.occurred_at),
        campus_id: Set(input.campus_id.map(CampusId::uuid)),
        place: Set(input.place.clone()),
        summary: Set(input.summary.clone()),
        actions: Set(input.actions.clone()),
        police_unit: Set(None),
        transferred_on: Set(None),
        police_reference: Set(None),
        acknowledged_on: Set(None),
        outcome: Set(None),
        value_recovered: Set(input.value_recovered),
        created_at: Set(now),
        closed_at: Set(None),
    }
    .insert(e.conn())
    .await?;
    Ok((id, u32::try_from(n).unwrap_or(0)))
}

pub async fn update(
    e: &impl Executor,
    unit: UnitId,
    id: IncidentId,
    input: &IncidentInput,
) -> StoreResult<()> {
    let r = incidents::Entity::update_many()
        .col_expr(
            incidents::Column::Category,
            Expr::value(input.category.code()),
        )
        .col_expr(
            incidents::Column::Severity,
            Expr::value(input.severity.code()),
        )
        .col_expr(
            incidents::Column::OccurredAt,
            Expr::value(input.occurred_at),
        )
        .col_expr(
            incidents::Column::CampusId,
            Expr::value(input.campus_id.map(CampusId::uuid)),
        )
        .col_expr(incidents::Column::Place, Expr::value(input.place.clone()))
        .col_expr(
            incidents::Column::Summary,
            Expr::value(input.summary.clone()),
        )
        .col_expr(
            incidents::Column::Actions,
            Expr::value(input.actions.clone()),
        )
        .col_expr(
            incidents::Column::ValueRecovered,
            Expr::value(input.value_recovered),
        )
        .filter(incidents::Column::UnitId.eq(unit.uuid()))
        .filter(incidents::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

pub async fn get(e: &impl Executor, unit: UnitId, id: IncidentId) -> StoreResult<Incident> {
    incidents::Entity::find()
        .filter(incidents::Column::UnitId.eq(unit.uuid()))
        .filter(incidents::Column::Id.eq(id.uuid()))
        .one(e.conn())
        .await?
        .ok_or(crate::StoreError::NotFound)
        .and_then(incident)
}

/// The incidents of `units` that occurred in `[from, to)`, latest first.
pub async fn between(
    e: &impl Executor,
    units: &[UnitId],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<Vec<Incident>> {
    let ids: Vec<uuid::Uuid> = units.iter().map(|u| u.uuid()).collect();
    incidents::Entity::find()
        .filter(
            Condition::all()
                .add(incidents::Column::UnitId.is_in(ids))
                .add(incidents::Column::OccurredAt.gte(from))
                .add(incidents::Column::OccurredAt.lt(to)),
        )
        .order_by_desc(incidents::Column::OccurredAt)
        .all(e.conn())
        .await?
        .into_iter()
        .map(incident)
        .collect()
}

/// Records the hand-off to the police; the incident is then "transferred".
pub async fn transfer(
    e: &impl Executor,
    unit: UnitId,
    id: IncidentId,
    t: &Transfer,
) -> StoreResult<()> {
    let r = incidents::Entity::update_many()
        .col_expr(
            incidents::Column::State,
            Expr::value(IncidentState::Transferred.code()),
        )
        .col_expr(
            incidents::Column::PoliceUnit,
            Expr::value(t.police_unit.clone()),
        )
        .col_expr(
            incidents::Column::TransferredOn,
            Expr::value(t.transferred_on),
        )
        .col_expr(
            incidents::Column::PoliceReference,
            Expr::value(t.reference.clone()),
        )
        .col_expr(
            incidents::Column::AcknowledgedOn,
            Expr::value(t.acknowledged_on),
        )
        .filter(incidents::Column::UnitId.eq(unit.uuid()))
        .filter(incidents::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// Closes an incident with its outcome.
pub async fn close(
    e: &impl Executor,
    unit: UnitId,
    id: IncidentId,
    outcome: &str,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let r = incidents::Entity::update_many()
        .col_expr(
            incidents::Column::State,
            Expr::value(IncidentState::Closed.code()),
        )
        .col_expr(incidents::Column::Outcome, Expr::value(outcome))
        .col_expr(incidents::Column::ClosedAt, Expr::value(at))
        .filter(incidents::Column::UnitId.eq(unit.uuid()))
        .filter(incidents::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

pub async fn add_involved(
    e: &impl Executor,
    unit: UnitId,
    incident: IncidentId,
    who: &Involved,
) -> StoreResult<()> {
    involved::ActiveModel {
        id: Set(who.id.uuid()),
        unit_id: Set(unit.uuid()),
        incident_id: Set(incident.uuid()),
        person_id: Set(who.person_id.map(PersonId::uuid)),
        name: Set(who.name.clone()),
        role: Set(who.role.code().into()),
        note: Set(who.note.clone()),
    }
    .insert(e.conn())
    .await?;
    Ok(())
}

pub async fn remove_involved(
    e: &impl Executor,
    unit: UnitId,
    incident: IncidentId,
    id: InvolvedId,
) -> StoreResult<()> {
    let r = involved::Entity::delete_many()
        .filter(involved::Column::UnitId.eq(unit.uuid()))
        .filter(involved::Column::IncidentId.eq(incident.uuid()))
        .filter(involved::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

pub async fn involved(
    e: &impl Executor,
    unit: UnitId,
    incident: IncidentId,
) -> StoreResult<Vec<Involved>> {
    involved::Entity::find()
        .filter(involved::Column::UnitId.eq(unit.uuid()))
        .filter(involved::Column::IncidentId.eq(incident.uuid()))
        .order_by_asc(involved::Column::Id)
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| {
            Ok(Involved {
                id: InvolvedId::from_uuid(m.id),
                person_id: m.person_id.map(PersonId::from_uuid),
                name: m.name,
                role: decode("involved role", &m.role, InvolvedRole::parse)?,
                note: m.note,
            })
        })
        .collect()
}

fn violation(m: violations::Model) -> StoreResult<Violation> {
    Ok(Violation {
        id: ViolationId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        input: ViolationInput {
            person_id: PersonId::from_uuid(m.person_id),
            incident_id: m.incident_id.map(IncidentId::from_uuid),
            kind: decode("violation kind", &m.kind, ViolationKind::parse)?,
            occurred_on: m.occurred_on,
            description: m.description,
            discipline: decode("discipline", &m.discipline, Discipline::parse)?,
            handling: m.handling,
        },
        created_at: m.created_at,
    })
}

pub async fn insert_violation(
    e: &impl Executor,
    unit: UnitId,
    input: &ViolationInput,
    now: DateTime<Utc>,
) -> StoreResult<ViolationId> {
    let id = ViolationId::new_v7();
    violations::ActiveModel {
        id: Set(id.uuid()),
        unit_id: Set(unit.uuid()),
        person_id: Set(input.person_id.uuid()),
        incident_id: Set(input.incident_id.map(IncidentId::uuid)),
        kind: Set(input.kind.code().into()),
        occurred_on: Set(input.occurred_on),
        description: Set(input.description.clone()),
        discipline: Set(input.discipline.code().into()),
        handling: Set(input.handling.clone()),
        created_at: Set(now),
    }
    .insert(e.conn())
    .await?;
    Ok(id)
}

/// The violations of `units` on days in `[from, to]`, latest first.
pub async fn violations_between(
    e: &impl Executor,
    units: &[UnitId],
    from: NaiveDate,
    to: NaiveDate,
) -> StoreResult<Vec<Violation>> {
    let ids: Vec<uuid::Uuid> = units.iter().map(|u| u.uuid()).collect();
    violations::Entity::find()
        .filter(violations::Column::UnitId.is_in(ids))
        .filter(violations::Column::OccurredOn.gte(from))
        .filter(violations::Column::OccurredOn.lte(to))
        .order_by_desc(violations::Column::OccurredOn)
        .all(e.conn())
        .await?
        .into_iter()
        .map(violation)
        .collect()
}

/// The violations linked to an incident.
pub async fn violations_of(
    e: &impl Executor,
    unit: UnitId,
    incident: IncidentId,
) -> StoreResult<Vec<Violation>> {
    violations::Entity::find()
        .filter(violations::Column::UnitId.eq(unit.uuid()))
        .filter(violations::Column::IncidentId.eq(incident.uuid()))
        .order_by_asc(violations::Column::OccurredOn)
        .all(e.conn())
        .await?
        .into_iter()
        .map(violation)
        .collect()
}

/// The counts of the incidents of some units in a period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IncidentSummary {
    pub by_category: Vec<(TipCategory, u64)>,
    pub by_campus: Vec<(Option<CampusId>, u64)>,
    pub transferred: u64,
    pub value_recovered: i64,
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// The counts of the incidents of `units` that occurred in `[from, to)`,
/// computed by the database.
pub async fn summary(
    e: &impl Executor,
    units: &[UnitId],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<IncidentSummary> {
    let period = || {
        Condition::all()
            .add(incidents::Column::UnitId.is_in(units.iter().map(|u| u.uuid())))
            .add(incidents::Column::OccurredAt.gte(from))
            .add(incidents::Column::OccurredAt.lt(to))
    };
    let mut out = IncidentSummary::default();
    let rows: Vec<(String, i64)> = incidents::Entity::find()
        .select_only()
        .column(incidents::Column::Category)
        .column_as(Expr::col(incidents::Column::Id).count(), "n")
        .filter(period())
        .group_by(incidents::Column::Category)
        .into_tuple()
        .all(e.conn())
        .await?;
    for (c, n) in rows {
        out.by_category.push((
            decode("incident category", &c, TipCategory::parse)?,
            count(n),
        ));
    }
    let rows: Vec<(Option<uuid::Uuid>, i64)> = incidents::Entity::find()
        .select_only()
        .column(incidents::Column::CampusId)
        .column_as(Expr::col(incidents::Column::Id).count(), "n")
        .filter(period())
        .group_by(incidents::Column::CampusId)
        .into_tuple()
        .all(e.conn())
        .await?;
    out.by_campus = rows
        .into_iter()
        .map(|(c, n)| (c.map(CampusId::from_uuid), count(n)))
        .collect();
    let (transferred, value): (i64, Option<i64>) = incidents::Entity::find()
        .select_only()
        .column_as(Expr::col(incidents::Column::PoliceUnit).count(), "t")
        .column_as(
            Expr::col(incidents::Column::ValueRecovered)
                .sum()
                .cast_as("BIGINT"),
            "v",
        )
        .filter(period())
        .into_tuple()
        .one(e.conn())
        .await?
        .unwrap_or((0, None));
    out.transferred = count(transferred);
    out.value_recovered = value.unwrap_or(0);
    Ok(out)
}

/// Violations of `units` on days in `[from, to]` by kind and discipline.
/// Each unit's incidents of `[from, to)`: how many, and how many were
/// handed to the police.
pub async fn per_unit(
    e: &impl Executor,
    units: &[UnitId],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<Vec<(UnitId, u64, u64)>> {
    let rows: Vec<(uuid::Uuid, i64, i64)> = incidents::Entity::find()
        .select_only()
        .column(incidents::Column::UnitId)
        .column_as(Expr::col(incidents::Column::Id).count(), "n")
        .column_as(Expr::col(incidents::Column::PoliceUnit).count(), "t")
        .filter(incidents::Column::UnitId.is_in(units.iter().map(|u| u.uuid())))
        .filter(incidents::Column::OccurredAt.gte(from))
        .filter(incidents::Column::OccurredAt.lt(to))
        .group_by(incidents::Column::UnitId)
        .into_tuple()
        .all(e.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(|(u, n, t)| (UnitId::from_uuid(u), count(n), count(t)))
        .collect())
}

/// Each unit's violations of the days `from..=to` by discipline.
pub async fn violations_per_unit(
    e: &impl Executor,
    units: &[UnitId],
    from: NaiveDate,
    to: NaiveDate,
) -> StoreResult<Vec<(UnitId, Discipline, u64)>> {
    let rows: Vec<(uuid::Uuid, String, i64)> = violations::Entity::find()
        .select_only()
        .column(violations::Column::UnitId)
        .column(violations::Column::Discipline)
        .column_as(Expr::col(violations::Column::Id).count(), "n")
        .filter(violations::Column::UnitId.is_in(units.iter().map(|u| u.uuid())))
        .filter(violations::Column::OccurredOn.gte(from))
        .filter(violations::Column::OccurredOn.lte(to))
        .group_by(violations::Column::UnitId)
        .group_by(violations::Column::Discipline)
        .into_tuple()
        .all(e.conn())
        .await?;
    rows.into_iter()
        .map(|(u, d, n)| {
            Ok((
                UnitId::from_uuid(u),
                decode("discipline", &d, Discipline::parse)?,
                count(n),
            ))
        })
        .collect()
}

pub async fn violation_counts(
    e: &impl Executor,
    units: &[UnitId],
    from: NaiveDate,
    to: NaiveDate,
) -> StoreResult<Vec<(ViolationKind, Discipline, u64)>> {
    let rows: Vec<(String, String, i64)> = violations::Entity::find()
        .select_only()
        .column(violations::Column::Kind)
        .column(violations::Column::Discipline)
        .column_as(Expr::col(violations::Column::Id).count(), "n")
        .filter(violations::Column::UnitId.is_in(units.iter().map(|u| u.uuid())))
        .filter(violations::Column::OccurredOn.gte(from))
        .filter(violations::Column::OccurredOn.lte(to))
        .group_by(violations::Column::Kind)
        .group_by(violations::Column::Discipline)
        .into_tuple()
        .all(e.conn())
        .await?;
    rows.into_iter()
        .map(|(k, d, n)| {
            Ok((
                decode("violation kind", &k, ViolationKind::parse)?,
                decode("discipline", &d, Discipline::parse)?,
                count(n),
            ))
        })
        .collect()
}
