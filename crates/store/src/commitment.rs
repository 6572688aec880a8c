//! Commitment campaigns and their signatures. Every function takes the unit.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use antt_domain::commitment::{Commitment, CommitmentInput, SignatureMethod};
use antt_domain::{CommitmentId, PersonId, UnitId, UserId};
use antt_entity::{commitment as commitments, signature as signatures};

use crate::db::Executor;
use crate::error::StoreResult;

fn commitment(m: commitments::Model) -> Commitment {
    Commitment {
        id: CommitmentId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        year: m.year,
        title: m.title,
        body: m.body,
    }
}

pub async fn insert(
    e: &impl Executor,
    unit: UnitId,
    year: i32,
    input: &CommitmentInput,
    now: DateTime<Utc>,
) -> StoreResult<Commitment> {
    let m = commitments::ActiveModel {
        id: Set(CommitmentId::new_v7().uuid()),
        unit_id: Set(unit.uuid()),
        year: Set(year),
        title: Set(input.title.clone()),
        body: Set(input.body.clone()),
        created_at: Set(now),
    }
    .insert(e.conn())
    .await?;
    Ok(commitment(m))
}

/// The campaign of a unit for a year, if started.
pub async fn of_year(
    e: &impl Executor,
    unit: UnitId,
    year: i32,
) -> StoreResult<Option<Commitment>> {
    Ok(commitments::Entity::find()
        .filter(commitments::Column::UnitId.eq(unit.uuid()))
        .filter(commitments::Column::Year.eq(year))
        .one(e.conn())
        .await?
        .map(commitment))
}

/// The query of who signed a campaign, for counting them where they are
/// ([`crate::stats`]).
pub fn signed_query(unit: UnitId, id: CommitmentId) -> SelectStatement {
    Query::select()
        .column(signatures::Column::PersonId)
        .from(signatures::Entity)
        .and_where(signatures::Column::UnitId.eq(unit.uuid()))
        .and_where(signatures::Column::CommitmentId.eq(id.uuid()))
        .to_owned()
}

/// Who signed a campaign.
pub async fn signed(
    e: &impl Executor,
    unit: UnitId,
    id: CommitmentId,
) -> StoreResult<HashSet<PersonId>> {
    let rows: Vec<uuid::Uuid> = signatures::Entity::find()
        .select_only()
        .column(signatures::Column::PersonId)
        .filter(signatures::Column::UnitId.eq(unit.uuid()))
        .filter(signatures::Column::CommitmentId.eq(id.uuid()))
        .into_tuple()
        .all(e.conn())
        .await?;
    Ok(rows.into_iter().map(PersonId::from_uuid).collect())
}

/// Records signatures; a person who already signed is a conflict.
pub async fn sign(
    e: &impl Executor,
    unit: UnitId,
    id: CommitmentId,
    people: &[PersonId],
    method: SignatureMethod,
    at: DateTime<Utc>,
    by: Option<UserId>,
) -> StoreResult<()> {
    for batch in people.chunks(1_000) {
        if batch.is_empty() {
            continue;
        }
        signatures::Entity::insert_many(batch.iter().map(|p| signatures::ActiveModel {
            unit_id: Set(unit.uuid()),
            commitment_id: Set(id.uuid()),
            person_id: Set(p.uuid()),
            method: Set(method.code().to_owned()),
            signed_at: Set(at),
            recorded_by: Set(by.map(UserId::uuid)),
        }))
        .exec(e.conn())
        .await?;
    }
    Ok(())
}

/// Removes paper signatures recorded by mistake (never one made in the app).
pub async fn unsign_paper(
    e: &impl Executor,
    unit: UnitId,
    id: CommitmentId,
    people: &[PersonId],
) -> StoreResult<u64> {
    if people.is_empty() {
        return Ok(0);
    }
    let r = signatures::Entity::delete_many()
        .filter(signatures::Column::UnitId.eq(unit.uuid()))
        .filter(signatures::Column::CommitmentId.eq(id.uuid()))
        .filter(signatures::Column::Method.eq(SignatureMethod::Paper.code()))
        .filter(signatures::Column::PersonId.is_in(people.iter().map(|p| p.uuid())))
        .exec(e.conn())
        .await?;
    Ok(r.rows_affected)
}

/// The in-app signatures among a campaign's, which a teacher may not remove.
pub async fn signed_in_app(
    e: &impl Executor,
    unit: UnitId,
    id: CommitmentId,
) -> StoreResult<HashSet<PersonId>> {
    let rows: Vec<uuid::Uuid> = signatures::Entity::find()
        .select_only()
        .column(signatures::Column::PersonId)
        .filter(signatures::Column::UnitId.eq(unit.uuid()))
        .filter(signatures::Column::CommitmentId.eq(id.uuid()))
        .filter(signatures::Column::Method.eq(SignatureMethod::InApp.code()))
        .into_tuple()
        .all(e.conn())
        .await?;
    Ok(rows.into_iter().map(PersonId::from_uuid).collect())
}
