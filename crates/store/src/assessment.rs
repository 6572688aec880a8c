//! Ratings, self-assessments and their steps, the score sheets provinces
//! load, and the yearly report's words and submitted copy. Every function
//! over a unit's rows takes the unit.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use antt_domain::UnitId;
use antt_domain::assessment::{Assessment, AssessmentState, AssessmentStep, Rating, ReportTexts};
use antt_domain::rubric::{Rubric, RubricKind};
use antt_entity::{
    assessment as assessments, assessment_step as steps, rating as ratings, rubric as rubrics,
    yearly_report as reports,
};

use crate::db::Executor;
use crate::error::{StoreError, StoreResult};

/// The subject of the security force's rating.
pub const SECURITY_FORCE: &str = "security_force";

fn json<T: Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn from_json<T: DeserializeOwned>(text: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn state(code: &str) -> StoreResult<AssessmentState> {
    AssessmentState::parse(code).ok_or_else(|| StoreError::Corrupt(format!("state {code}")))
}

/// The ratings of a year: subject (a department's id, or
/// [`SECURITY_FORCE`]) and rating.
pub async fn ratings(
    e: &impl Executor,
    unit: UnitId,
    year: i32,
) -> StoreResult<Vec<(String, Rating)>> {
    ratings::Entity::find()
        .filter(ratings::Column::UnitId.eq(unit.uuid()))
        .filter(ratings::Column::Year.eq(year))
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| {
            Rating::parse(&m.rating)
                .map(|r| (m.subject, r))
                .ok_or_else(|| StoreError::Corrupt(format!("rating {}", m.rating)))
        })
        .collect()
}

/// Sets or clears the rating of a subject for a year.
pub async fn set_rating(
    e: &impl Executor,
    unit: UnitId,
    year: i32,
    subject: &str,
    rating: Option<Rating>,
    by: Option<antt_domain::UserId>,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    ratings::Entity::delete_many()
        .filter(ratings::Column::UnitId.eq(unit.uuid()))
        .filter(ratings::Column::Year.eq(year))
        .filter(ratings::Column::Subject.eq(subject))
        .exec(e.conn())
        .await?;
    if let Some(r) = rating {
        ratings::ActiveModel {
            unit_id: Set(unit.uuid()),
            year: Set(year),
            subject: Set(subject.to_owned()),
            rating: Set(r.code().to_owned()),
            rated_by: Set(by.map(antt_domain::UserId::uuid)),
            rated_at: Set(at),
        }
        .insert(e.conn())
        .await?;
    }
    Ok(())
}

/// Replaces every rating of a unit's year with `all` (a bundle's).
pub async fn replace_ratings(
    e: &impl Executor,
    unit: UnitId,
    year: i32,
    all: &[(String, Rating)],
    at: DateTime<Utc>,
) -> StoreResult<()> {
    ratings::Entity::delete_many()
        .filter(ratings::Column::UnitId.eq(unit.uuid()))
        .filter(ratings::Column::Year.eq(year))
        .exec(e.conn())
        .await?;
    for (subject, r) in all {
        ratings::ActiveModel {
            unit_id: Set(unit.uuid()),
            year: Set(year),
            subject: Set(subject.clone()),
            rating: Set(r.code().to_owned()),
            rated_by: Set(None),
            rated_at: Set(at),
        }
        .insert(e.conn())
        .await?;
    }
    Ok(())
}

fn assessment(m: assessments::Model) -> StoreResult<Assessment> {
    Ok(Assessment {
        unit_id: UnitId::from_uuid(m.unit_id),
        year: m.year,
        state: state(&m.state)?,
        registered_on: m.registered_on,
        meeting: from_json(&m.meeting)?,
        dossier: from_json(&m.dossier)?,
        decision: m.decision.as_deref().map(from_json).transpose()?,
        returned_because: m.returned_because,
        overrides: from_json(&m.overrides)?,
        scores: from_json(&m.scores)?,
        reviewed_scores: from_json(&m.reviewed_scores)?,
    })
}

/// The self-assessment of a unit for a year, if it registered.
pub async fn get(e: &impl Executor, unit: UnitId, year: i32) -> StoreResult<Option<Assessment>> {
    assessments::Entity::find_by_id((unit.uuid(), year))
        .one(e.conn())
        .await?
        .map(assessment)
        .transpose()
}

/// Writes a self-assessment whole: the first time inserts it (a second
/// registration for the year is a conflict), later replaces it.
pub async fn save(
    e: &impl Executor,
    a: &Assessment,
    now: DateTime<Utc>,
    first: bool,
) -> StoreResult<()> {
    let m = assessments::ActiveModel {
        unit_id: Set(a.unit_id.uuid()),
        year: Set(a.year),
        state: Set(a.state.code().to_owned()),
        registered_on: Set(a.registered_on),
        meeting: Set(json(&a.meeting)?),
        dossier: Set(json(&a.dossier)?),
        decision: Set(a.decision.as_ref().map(json).transpose()?),
        returned_because: Set(a.returned_because.clone()),
        overrides: Set(json(&a.overrides)?),
        scores: Set(json(&a.scores)?),
        reviewed_scores: Set(json(&a.reviewed_scores)?),
        updated_at: Set(now),
    };
    if first {
        m.insert(e.conn()).await?;
    } else {
        m.update(e.conn()).await?;
    }
    Ok(())
}

/// Records a step of a self-assessment.
pub async fn add_step(
    e: &impl Executor,
    unit: UnitId,
    year: i32,
    step: &AssessmentStep,
) -> StoreResult<()> {
    steps::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        unit_id: Set(unit.uuid()),
        year: Set(year),
        state: Set(step.state.code().to_owned()),
        at: Set(step.at),
        by_user: Set(step.by.clone()),
        note: Set(step.note.clone()),
    }
    .insert(e.conn())
    .await?;
    Ok(())
}

/// The steps of a self-assessment, oldest first.
pub async fn steps(e: &impl Executor, unit: UnitId, year: i32) -> StoreResult<Vec<AssessmentStep>> {
    steps::Entity::find()
        .filter(steps::Column::UnitId.eq(unit.uuid()))
        .filter(steps::Column::Year.eq(year))
        .order_by_asc(steps::Column::At)
        .order_by_asc(steps::Column::Id)
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| {
            Ok(AssessmentStep {
                state: state(&m.state)?,
                at: m.at,
                by: m.by_user,
                note: m.note,
            })
        })
        .collect()
}

/// The years a unit has a self-assessment for, newest first, with states.
pub async fn years(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<(i32, AssessmentState)>> {
    let rows: Vec<(i32, String)> = assessments::Entity::find()
        .select_only()
        .column(assessments::Column::Year)
        .column(assessments::Column::State)
        .filter(assessments::Column::UnitId.eq(unit.uuid()))
        .order_by_desc(assessments::Column::Year)
        .into_tuple()
        .all(e.conn())
        .await?;
    rows.into_iter().map(|(y, s)| Ok((y, state(&s)?))).collect()
}

/// The self-assessments of some units for a year (those that registered).
pub async fn of_units(
    e: &impl Executor,
    units: &[UnitId],
    year: i32,
) -> StoreResult<Vec<Assessment>> {
    let mut out = Vec::new();
    for chunk in units.chunks(500) {
        let rows = assessments::Entity::find()
            .filter(assessments::Column::UnitId.is_in(chunk.iter().map(|u| u.uuid())))
            .filter(assessments::Column::Year.eq(year))
            .all(e.conn())
            .await?;
        for m in rows {
            out.push(assessment(m)?);
        }
    }
    Ok(out)
}

/// The score sheet or standard an authority loaded last, with who and when.
pub async fn latest_rubric(
    e: &impl Executor,
    authority: UnitId,
    kind: RubricKind,
) -> StoreResult<Option<(Rubric, Option<String>, DateTime<Utc>)>> {
    rubrics::Entity::find()
        .filter(rubrics::Column::AuthorityId.eq(authority.uuid()))
        .filter(rubrics::Column::Kind.eq(kind.code()))
        .order_by_desc(rubrics::Column::LoadedAt)
        .order_by_desc(rubrics::Column::Id)
        .one(e.conn())
        .await?
        .map(|m| Ok((from_json(&m.content)?, m.loaded_by, m.loaded_at)))
        .transpose()
}

/// Keeps a rubric an authority loaded; the latest one is in force.
pub async fn insert_rubric(
    e: &impl Executor,
    authority: UnitId,
    rubric: &Rubric,
    by: &str,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    rubrics::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        authority_id: Set(authority.uuid()),
        kind: Set(rubric.kind.code().to_owned()),
        code: Set(rubric.code.clone()),
        content: Set(json(rubric)?),
        loaded_by: Set(Some(by.to_owned())),
        loaded_at: Set(at),
    }
    .insert(e.conn())
    .await?;
    Ok(())
}

/// The yearly report's words and whether (when, by whom) it was submitted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportRow {
    pub texts: ReportTexts,
    pub submitted_at: Option<DateTime<Utc>>,
    pub submitted_by: Option<String>,
}

/// The report's row for a year, if anyone wrote in it.
pub async fn report(e: &impl Executor, unit: UnitId, year: i32) -> StoreResult<Option<ReportRow>> {
    reports::Entity::find_by_id((unit.uuid(), year))
        .select_only()
        .column(reports::Column::Texts)
        .column(reports::Column::SubmittedAt)
        .column(reports::Column::SubmittedBy)
        .into_tuple::<(String, Option<DateTime<Utc>>, Option<String>)>()
        .one(e.conn())
        .await?
        .map(|(t, at, by)| {
            Ok(ReportRow {
                texts: from_json(&t)?,
                submitted_at: at,
                submitted_by: by,
            })
        })
        .transpose()
}

/// Saves the report's words (a submitted report is never changed: the
/// caller checks).
pub async fn save_report_texts(
    e: &impl Executor,
    unit: UnitId,
    year: i32,
    texts: &ReportTexts,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let m = reports::ActiveModel {
        unit_id: Set(unit.uuid()),
        year: Set(year),
        texts: Set(json(texts)?),
        submitted_at: Set(None),
        submitted_by: Set(None),
        document: Set(None),
        updated_at: Set(now),
    };
    reports::Entity::insert(m)
        .on_conflict(
            OnConflict::columns([reports::Column::UnitId, reports::Column::Year])
                .update_columns([reports::Column::Texts, reports::Column::UpdatedAt])
                .to_owned(),
        )
        .exec(e.conn())
        .await?;
    Ok(())
}

/// Keeps the report as submitted: its words and the document sent.
pub async fn submit_report(
    e: &impl Executor,
    unit: UnitId,
    year: i32,
    texts: &ReportTexts,
    document: Vec<u8>,
    by: &str,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let m = reports::ActiveModel {
        unit_id: Set(unit.uuid()),
        year: Set(year),
        texts: Set(json(texts)?),
        submitted_at: Set(Some(at)),
        submitted_by: Set(Some(by.to_owned())),
        document: Set(Some(document)),
        updated_at: Set(at),
    };
    reports::Entity::insert(m)
        .on_conflict(
            OnConflict::columns([reports::Column::UnitId, reports::Column::Year])
                .update_columns([
                    reports::Column::Texts,
                    reports::Column::SubmittedAt,
                    reports::Column::SubmittedBy,
                    reports::Column::Document,
                    reports::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(e.conn())
        .await?;
    Ok(())
}

/// The document as it was submitted.
pub async fn submitted_document(
    e: &impl Executor,
    unit: UnitId,
    year: i32,
) -> StoreResult<Option<Vec<u8>>> {
    Ok(reports::Entity::find_by_id((unit.uuid(), year))
        .select_only()
        .column(reports::Column::Document)
        .into_tuple::<Option<Vec<u8>>>()
        .one(e.conn())
        .await?
        .flatten())
}

/// The day a unit's plan for a year was issued, if it was.
pub async fn plan_issued_on(
    e: &impl Executor,
    unit: UnitId,
    year: i32,
) -> StoreResult<Option<NaiveDate>> {
    let at: Option<Option<DateTime<Utc>>> = antt_entity::plan::Entity::find()
        .select_only()
        .column(antt_entity::plan::Column::ApprovedAt)
        .filter(antt_entity::plan::Column::UnitId.eq(unit.uuid()))
        .filter(antt_entity::plan::Column::Year.eq(year))
        .into_tuple()
        .one(e.conn())
        .await?;
    Ok(at.flatten().map(antt_domain::time::local_date))
}
