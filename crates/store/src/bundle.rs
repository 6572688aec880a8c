//! The bundles imported from units on their own copy: one row per unit and
//! year, with what the bundle said of the year as JSON, and the steps of
//! the self-assessment its import wrote (so a newer bundle replaces them
//! and leaves the authority's own steps alone).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use antt_domain::UnitId;
use antt_domain::assessment::AssessmentStep;
use antt_domain::bundle::YearContent;
use antt_entity::{assessment_step as steps, bundle as rows};

use crate::db::Executor;
use crate::error::{StoreError, StoreResult};

/// An imported bundle's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub unit_id: UnitId,
    pub year: i32,
    pub made_at: DateTime<Utc>,
    /// The bundle file's SHA-256.
    pub digest: String,
    pub content: YearContent,
    pub imported_at: DateTime<Utc>,
    pub imported_by: String,
}

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

fn imported(m: rows::Model) -> StoreResult<Imported> {
    Ok(Imported {
        unit_id: UnitId::from_uuid(m.unit_id),
        year: m.year,
        made_at: m.made_at,
        digest: m.digest,
        content: serde_json::from_str(&m.content).map_err(corrupt)?,
        imported_at: m.imported_at,
        imported_by: m.imported_by,
    })
}

/// The bundle imported for a unit's year, if any.
pub async fn get(e: &impl Executor, unit: UnitId, year: i32) -> StoreResult<Option<Imported>> {
    rows::Entity::find_by_id((unit.uuid(), year))
        .one(e.conn())
        .await?
        .map(imported)
        .transpose()
}

/// The bundles imported for `units` in `year`.
pub async fn of_units(
    e: &impl Executor,
    units: &[UnitId],
    year: i32,
) -> StoreResult<Vec<Imported>> {
    let mut out = Vec::new();
    for chunk in units.chunks(500) {
        for m in rows::Entity::find()
            .filter(rows::Column::UnitId.is_in(chunk.iter().map(|u| u.uuid())))
            .filter(rows::Column::Year.eq(year))
            .all(e.conn())
            .await?
        {
            out.push(imported(m)?);
        }
    }
    Ok(out)
}

/// Every bundle imported for a unit, the newest year first.
pub async fn of_unit(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<Imported>> {
    rows::Entity::find()
        .filter(rows::Column::UnitId.eq(unit.uuid()))
        .order_by_desc(rows::Column::Year)
        .all(e.conn())
        .await?
        .into_iter()
        .map(imported)
        .collect()
}

/// Removes the steps the last bundle of the year wrote, leaving those the
/// authority took here (a newer bundle is about to bring the unit's).
pub async fn forget_steps(e: &impl Executor, unit: UnitId, year: i32) -> StoreResult<()> {
    if let Some(old) = rows::Entity::find_by_id((unit.uuid(), year))
        .one(e.conn())
        .await?
    {
        let ids: Vec<uuid::Uuid> = serde_json::from_str(&old.step_ids).map_err(corrupt)?;
        steps::Entity::delete_many()
            .filter(steps::Column::UnitId.eq(unit.uuid()))
            .filter(steps::Column::Id.is_in(ids))
            .exec(e.conn())
            .await?;
    }
    Ok(())
}

/// Writes the unit's steps a bundle brought (after [`forget_steps`]) and
/// keeps the row of the bundle.
pub async fn put(e: &impl Executor, b: &Imported, new_steps: &[AssessmentStep]) -> StoreResult<()> {
    let (unit, year) = (b.unit_id.uuid(), b.year);
    let mut ids = Vec::with_capacity(new_steps.len());
    for s in new_steps {
        let id = uuid::Uuid::now_v7();
        steps::Entity::insert(steps::ActiveModel {
            id: Set(id),
            unit_id: Set(unit),
            year: Set(year),
            state: Set(s.state.code().to_owned()),
            at: Set(s.at),
            by_user: Set(s.by.clone()),
            note: Set(s.note.clone()),
        })
        .exec(e.conn())
        .await?;
        ids.push(id);
    }
    let m = rows::ActiveModel {
        unit_id: Set(unit),
        year: Set(year),
        made_at: Set(b.made_at),
        digest: Set(b.digest.clone()),
        content: Set(serde_json::to_string(&b.content).map_err(corrupt)?),
        step_ids: Set(serde_json::to_string(&ids).map_err(corrupt)?),
        imported_at: Set(b.imported_at),
        imported_by: Set(b.imported_by.clone()),
    };
    rows::Entity::insert(m)
        .on_conflict(
            OnConflict::columns([rows::Column::UnitId, rows::Column::Year])
                .update_columns([
                    rows::Column::MadeAt,
                    rows::Column::Digest,
                    rows::Column::Content,
                    rows::Column::StepIds,
                    rows::Column::ImportedAt,
                    rows::Column::ImportedBy,
                ])
                .to_owned(),
        )
        .exec(e.conn())
        .await?;
    Ok(())
}
