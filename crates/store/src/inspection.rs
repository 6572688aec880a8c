//! The unit's checklists, its schedules of checks and the rounds of a
//! place's checklist done.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use antt_domain::equipment::{EquipmentEventKind, EquipmentKind};
use antt_domain::inspection::{
    Assignee, Frequency, InspectionSchedule, InspectionTemplate, parse_questions, questions_text,
};
use antt_domain::{
    CampusId, InspectionRoundId, InspectionScheduleId, InspectionTemplateId, PersonId, TeamId,
    UnitId,
};
use antt_entity::{
    inspection_round as rounds, inspection_schedule as schedules, inspection_template as templates,
};

use crate::db::Executor;
use crate::error::{StoreError, StoreResult, decode, one_row};

fn template(m: templates::Model) -> StoreResult<InspectionTemplate> {
    Ok(InspectionTemplate {
        id: InspectionTemplateId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        name: m.name,
        kind: m
            .kind
            .map(|k| decode("inspection_templates.kind", &k, EquipmentKind::parse))
            .transpose()?,
        questions: parse_questions(&m.questions).map_err(|_| {
            StoreError::Corrupt(format!("inspection_templates.questions of {}", m.id))
        })?,
    })
}

/// The unit's checklists, those of a kind first.
pub async fn templates(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<InspectionTemplate>> {
    templates::Entity::find()
        .filter(templates::Column::UnitId.eq(unit.uuid()))
        .order_by_asc(templates::Column::Kind)
        .order_by_asc(templates::Column::Name)
        .all(e.conn())
        .await?
        .into_iter()
        .map(template)
        .collect()
}

/// One checklist of the unit.
pub async fn template_of(
    e: &impl Executor,
    unit: UnitId,
    id: InspectionTemplateId,
) -> StoreResult<Option<InspectionTemplate>> {
    templates::Entity::find_by_id(id.uuid())
        .filter(templates::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .map(template)
        .transpose()
}

/// The unit's own checklist of a kind of item, if it wrote one.
pub async fn template_of_kind(
    e: &impl Executor,
    unit: UnitId,
    kind: EquipmentKind,
) -> StoreResult<Option<InspectionTemplate>> {
    templates::Entity::find()
        .filter(templates::Column::UnitId.eq(unit.uuid()))
        .filter(templates::Column::Kind.eq(kind.code()))
        .one(e.conn())
        .await?
        .map(template)
        .transpose()
}

/// Adds a checklist, or writes over the one with its id.
pub async fn save_template(
    e: &impl Executor,
    t: &InspectionTemplate,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let model = templates::ActiveModel {
        id: Set(t.id.uuid()),
        unit_id: Set(t.unit_id.uuid()),
        name: Set(t.name.clone()),
        kind: Set(t.kind.map(|k| k.code().to_owned())),
        questions: Set(questions_text(&t.questions)),
        updated_at: Set(now),
    };
    let exists = templates::Entity::find_by_id(t.id.uuid())
        .filter(templates::Column::UnitId.eq(t.unit_id.uuid()))
        .one(e.conn())
        .await?
        .is_some();
    if exists {
        templates::Entity::update(model).exec(e.conn()).await?;
    } else {
        templates::Entity::insert(model).exec(e.conn()).await?;
    }
    Ok(())
}

fn schedule(m: schedules::Model) -> StoreResult<InspectionSchedule> {
    let assignee = match (m.person_id, m.team_id) {
        (Some(p), _) => Assignee::Person(PersonId::from_uuid(p)),
        (None, Some(t)) => Assignee::Team(TeamId::from_uuid(t)),
        (None, None) => {
            return Err(StoreError::Corrupt(format!(
                "inspection_schedules {}: nobody assigned",
                m.id
            )));
        }
    };
    Ok(InspectionSchedule {
        id: InspectionScheduleId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        name: m.name,
        kind: m
            .kind
            .map(|k| decode("inspection_schedules.kind", &k, EquipmentKind::parse))
            .transpose()?,
        template_id: m.template_id.map(InspectionTemplateId::from_uuid),
        campus_id: m.campus_id.map(CampusId::from_uuid),
        place: m.place,
        frequency: decode(
            "inspection_schedules.frequency",
            &m.frequency,
            Frequency::parse,
        )?,
        every_days: u32::try_from(m.every_days).unwrap_or(0),
        starts_on: m.starts_on,
        assignee,
    })
}

/// The unit's schedules of checks, by name.
pub async fn schedules(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<InspectionSchedule>> {
    schedules::Entity::find()
        .filter(schedules::Column::UnitId.eq(unit.uuid()))
        .order_by_asc(schedules::Column::Name)
        .all(e.conn())
        .await?
        .into_iter()
        .map(schedule)
        .collect()
}

/// One schedule of the unit.
pub async fn schedule_of(
    e: &impl Executor,
    unit: UnitId,
    id: InspectionScheduleId,
) -> StoreResult<Option<InspectionSchedule>> {
    schedules::Entity::find_by_id(id.uuid())
        .filter(schedules::Column::UnitId.eq(unit.uuid()))
        .one(e.conn())
        .await?
        .map(schedule)
        .transpose()
}

/// Adds a schedule.
pub async fn insert_schedule(
    e: &impl Executor,
    s: &InspectionSchedule,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let (person, team) = match s.assignee {
        Assignee::Person(p) => (Some(p.uuid()), None),
        Assignee::Team(t) => (None, Some(t.uuid())),
    };
    schedules::Entity::insert(schedules::ActiveModel {
        id: Set(s.id.uuid()),
        unit_id: Set(s.unit_id.uuid()),
        name: Set(s.name.clone()),
        kind: Set(s.kind.map(|k| k.code().to_owned())),
        template_id: Set(s.template_id.map(InspectionTemplateId::uuid)),
        campus_id: Set(s.campus_id.map(CampusId::uuid)),
        place: Set(s.place.clone()),
        frequency: Set(s.frequency.code().to_owned()),
        every_days: Set(i32::try_from(s.every_days).unwrap_or(i32::MAX)),
        starts_on: Set(s.starts_on),
        person_id: Set(person),
        team_id: Set(team),
        created_at: Set(now),
    })
    .exec(e.conn())
    .await?;
    Ok(())
}

/// Removes a schedule and the rounds done by it.
pub async fn delete_schedule(
    e: &impl Executor,
    unit: UnitId,
    id: InspectionScheduleId,
) -> StoreResult<()> {
    rounds::Entity::delete_many()
        .filter(rounds::Column::ScheduleId.eq(id.uuid()))
        .filter(rounds::Column::UnitId.eq(unit.uuid()))
        .exec(e.conn())
        .await?;
    let r = schedules::Entity::delete_many()
        .filter(schedules::Column::Id.eq(id.uuid()))
        .filter(schedules::Column::UnitId.eq(unit.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// A round of a place's checklist, done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Round {
    pub id: InspectionRoundId,
    pub schedule_id: InspectionScheduleId,
    pub done_on: NaiveDate,
    pub result: EquipmentEventKind,
    pub note: String,
    pub recorded_by: String,
}

/// Records a round done.
pub async fn insert_round(
    e: &impl Executor,
    unit: UnitId,
    r: &Round,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    rounds::Entity::insert(rounds::ActiveModel {
        id: Set(r.id.uuid()),
        unit_id: Set(unit.uuid()),
        schedule_id: Set(r.schedule_id.uuid()),
        done_on: Set(r.done_on),
        result: Set(r.result.code().to_owned()),
        note: Set(r.note.clone()),
        recorded_by: Set(r.recorded_by.clone()),
        created_at: Set(now),
    })
    .exec(e.conn())
    .await?;
    Ok(())
}

/// The rounds done at the unit, the latest first.
pub async fn rounds(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<Round>> {
    rounds::Entity::find()
        .filter(rounds::Column::UnitId.eq(unit.uuid()))
        .order_by_desc(rounds::Column::DoneOn)
        .order_by_desc(rounds::Column::CreatedAt)
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| {
            Ok(Round {
                id: InspectionRoundId::from_uuid(m.id),
                schedule_id: InspectionScheduleId::from_uuid(m.schedule_id),
                done_on: m.done_on,
                result: decode(
                    "inspection_rounds.result",
                    &m.result,
                    EquipmentEventKind::parse,
                )?,
                note: m.note,
                recorded_by: m.recorded_by,
            })
        })
        .collect()
}
