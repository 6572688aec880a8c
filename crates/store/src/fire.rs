//! Fire drills and fire-safety courses.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use antt_domain::fire::{FireDrill, FireTraining, TrainingKind};
use antt_domain::{FireDrillId, FireTrainingId, PersonId, UnitId};
use antt_entity::{fire_drill as drills, fire_training as trainings};

use crate::db::Executor;
use crate::error::{StoreResult, decode};

/// Adds a drill.
pub async fn insert_drill(
    e: &impl Executor,
    d: &FireDrill,
    by: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    drills::Entity::insert(drills::ActiveModel {
        id: Set(d.id.uuid()),
        unit_id: Set(d.unit_id.uuid()),
        held_on: Set(d.held_on),
        scenario: Set(d.scenario.clone()),
        place: Set(d.place.clone()),
        participants: Set(i32::try_from(d.participants).unwrap_or(i32::MAX)),
        outside_forces: Set(d.outside_forces.clone()),
        evacuation_seconds: Set(d.evacuation_seconds.and_then(|s| i32::try_from(s).ok())),
        findings: Set(d.findings.clone()),
        actions: Set(d.actions.clone()),
        recorded_by: Set(by.to_owned()),
        created_at: Set(now),
    })
    .exec(e.conn())
    .await?;
    Ok(())
}

/// The unit's drills, the latest first.
pub async fn drills(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<FireDrill>> {
    Ok(drills::Entity::find()
        .filter(drills::Column::UnitId.eq(unit.uuid()))
        .order_by_desc(drills::Column::HeldOn)
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| FireDrill {
            id: FireDrillId::from_uuid(m.id),
            unit_id: UnitId::from_uuid(m.unit_id),
            held_on: m.held_on,
            scenario: m.scenario,
            place: m.place,
            participants: u32::try_from(m.participants).unwrap_or(0),
            outside_forces: m.outside_forces,
            evacuation_seconds: m.evacuation_seconds.and_then(|s| u32::try_from(s).ok()),
            findings: m.findings,
            actions: m.actions,
        })
        .collect())
}

/// Adds a course taken.
pub async fn insert_training(
    e: &impl Executor,
    t: &FireTraining,
    by: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    trainings::Entity::insert(trainings::ActiveModel {
        id: Set(t.id.uuid()),
        unit_id: Set(t.unit_id.uuid()),
        person_id: Set(t.person_id.uuid()),
        kind: Set(t.kind.code().to_owned()),
        course: Set(t.course.clone()),
        held_on: Set(t.held_on),
        hours: Set(i32::try_from(t.hours).unwrap_or(0)),
        certificate: Set(t.certificate.clone()),
        expires_on: Set(t.expires_on),
        recorded_by: Set(by.to_owned()),
        created_at: Set(now),
    })
    .exec(e.conn())
    .await?;
    Ok(())
}

/// The unit's courses, the latest first.
pub async fn trainings(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<FireTraining>> {
    trainings::Entity::find()
        .filter(trainings::Column::UnitId.eq(unit.uuid()))
        .order_by_desc(trainings::Column::HeldOn)
        .order_by_asc(trainings::Column::Id)
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| {
            Ok(FireTraining {
                id: FireTrainingId::from_uuid(m.id),
                unit_id: UnitId::from_uuid(m.unit_id),
                person_id: PersonId::from_uuid(m.person_id),
                kind: decode("fire_trainings.kind", &m.kind, TrainingKind::parse)?,
                course: m.course,
                held_on: m.held_on,
                hours: u32::try_from(m.hours).unwrap_or(0),
                certificate: m.certificate,
                expires_on: m.expires_on,
            })
        })
        .collect()
}
