//! Emulation pledges, nominations and reward decisions. Every function
//! takes the unit; a row of another unit is `NotFound`.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use antt_domain::reward::{
    DecisionInput, Nomination, NominationInput, NominationState, Nominee, NomineeKind, Pledge,
    RewardDecision, RewardForm, Suggestion,
};
use antt_domain::{NominationId, RewardDecisionId, UnitId};
use antt_entity::{
    emulation_pledge as pledges, nomination as nominations, reward_decision as decisions,
};

use crate::db::Executor;
use crate::error::{StoreError, StoreResult};

fn code<T>(parsed: Option<T>, what: &str, value: &str) -> StoreResult<T> {
    parsed.ok_or_else(|| StoreError::Corrupt(format!("{what} {value}")))
}

fn nomination(m: nominations::Model) -> StoreResult<Nomination> {
    Ok(Nomination {
        id: NominationId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        year: m.year,
        input: NominationInput {
            nominee: Nominee {
                kind: code(
                    NomineeKind::parse(&m.nominee_kind),
                    "nominee kind",
                    &m.nominee_kind,
                )?,
                id: m.nominee_id,
                name: m.nominee_name,
                detail: m.nominee_detail,
            },
            form: code(RewardForm::parse(&m.form), "form", &m.form)?,
            achievements: m.achievements,
            suggested: m.suggested.as_deref().and_then(Suggestion::parse),
            act_on: m.act_on,
        },
        state: code(NominationState::parse(&m.state), "state", &m.state)?,
        council_note: m.council_note,
        decision_id: m.decision_id.map(RewardDecisionId::from_uuid),
    })
}

/// Keeps a nomination, proposed.
pub async fn insert_nomination(
    e: &impl Executor,
    unit: UnitId,
    year: i32,
    input: &NominationInput,
    by: &str,
    now: DateTime<Utc>,
) -> StoreResult<NominationId> {
    let id = NominationId::new_v7();
    nominations::ActiveModel {
        id: Set(id.uuid()),
        unit_id: Set(unit.uuid()),
        year: Set(year),
        nominee_kind: Set(input.nominee.kind.code().to_owned()),
        nominee_id: Set(input.nominee.id),
        nominee_name: Set(input.nominee.name.clone()),
        nominee_detail: Set(input.nominee.detail.clone()),
        form: Set(input.form.code().to_owned()),
        achievements: Set(input.achievements.clone()),
        suggested: Set(input.suggested.map(|s| s.code().to_owned())),
        on_the_spot: Set(input.act_on.is_some()),
        act_on: Set(input.act_on),
        state: Set(NominationState::Proposed.code().to_owned()),
        council_note: Set(None),
        decision_id: Set(None),
        created_by: Set(by.to_owned()),
        created_at: Set(now),
    }
    .insert(e.conn())
    .await?;
    Ok(id)
}

/// One nomination of the unit.
pub async fn nomination_of(
    e: &impl Executor,
    unit: UnitId,
    id: NominationId,
) -> StoreResult<Nomination> {
    nominations::Entity::find()
        .filter(nominations::Column::UnitId.eq(unit.uuid()))
        .filter(nominations::Column::Id.eq(id.uuid()))
        .one(e.conn())
        .await?
        .ok_or(StoreError::NotFound)
        .and_then(nomination)
}

/// The nominations of a year, oldest first.
pub async fn nominations(
    e: &impl Executor,
    unit: UnitId,
    year: i32,
) -> StoreResult<Vec<Nomination>> {
    nominations::Entity::find()
        .filter(nominations::Column::UnitId.eq(unit.uuid()))
        .filter(nominations::Column::Year.eq(year))
        .order_by_asc(nominations::Column::CreatedAt)
        .order_by_asc(nominations::Column::Id)
        .all(e.conn())
        .await?
        .into_iter()
        .map(nomination)
        .collect()
}

/// Every nomination of a person or collective, newest first: its history.
pub async fn history(
    e: &impl Executor,
    unit: UnitId,
    nominee: uuid::Uuid,
) -> StoreResult<Vec<Nomination>> {
    nominations::Entity::find()
        .filter(nominations::Column::UnitId.eq(unit.uuid()))
        .filter(nominations::Column::NomineeId.eq(nominee))
        .order_by_desc(nominations::Column::Year)
        .order_by_desc(nominations::Column::CreatedAt)
        .all(e.conn())
        .await?
        .into_iter()
        .map(nomination)
        .collect()
}

/// Moves nominations of the unit from `from` to `to` (with the council's
/// note and the decision, when given); returns how many moved.
pub async fn set_state(
    e: &impl Executor,
    unit: UnitId,
    ids: &[NominationId],
    from: &[NominationState],
    to: NominationState,
    note: Option<&str>,
    decision: Option<RewardDecisionId>,
) -> StoreResult<u64> {
    let mut q = nominations::Entity::update_many()
        .col_expr(nominations::Column::State, Expr::value(to.code()))
        .filter(nominations::Column::UnitId.eq(unit.uuid()))
        .filter(nominations::Column::Id.is_in(ids.iter().map(|i| i.uuid())))
        .filter(nominations::Column::State.is_in(from.iter().map(|s| s.code())));
    if let Some(n) = note {
        q = q.col_expr(nominations::Column::CouncilNote, Expr::value(n));
    }
    if let Some(d) = decision {
        q = q.col_expr(nominations::Column::DecisionId, Expr::value(d.uuid()));
    }
    Ok(q.exec(e.conn()).await?.rows_affected)
}

fn decision(m: decisions::Model) -> StoreResult<RewardDecision> {
    Ok(RewardDecision {
        id: RewardDecisionId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        year: m.year,
        input: DecisionInput {
            form: code(RewardForm::parse(&m.form), "form", &m.form)?,
            number: m.number,
            signed_on: Some(m.signed_on),
            signer_title: m.signer_title,
            signer_name: m.signer_name,
            issuer: m.issuer,
            reason: m.reason,
        },
    })
}

/// Keeps a checked decision; the same number from the same issuer twice is
/// a conflict.
pub async fn insert_decision(
    e: &impl Executor,
    unit: UnitId,
    year: i32,
    input: &DecisionInput,
    now: DateTime<Utc>,
) -> StoreResult<RewardDecisionId> {
    let id = RewardDecisionId::new_v7();
    decisions::ActiveModel {
        id: Set(id.uuid()),
        unit_id: Set(unit.uuid()),
        year: Set(year),
        form: Set(input.form.code().to_owned()),
        number: Set(input.number.clone()),
        signed_on: Set(input.signed_on.unwrap_or_default()),
        signer_title: Set(input.signer_title.clone()),
        signer_name: Set(input.signer_name.clone()),
        issuer: Set(input.issuer.clone()),
        reason: Set(input.reason.clone()),
        created_at: Set(now),
    }
    .insert(e.conn())
    .await?;
    Ok(id)
}

/// One decision of the unit.
pub async fn decision_of(
    e: &impl Executor,
    unit: UnitId,
    id: RewardDecisionId,
) -> StoreResult<RewardDecision> {
    decisions::Entity::find()
        .filter(decisions::Column::UnitId.eq(unit.uuid()))
        .filter(decisions::Column::Id.eq(id.uuid()))
        .one(e.conn())
        .await?
        .ok_or(StoreError::NotFound)
        .and_then(decision)
}

/// The decisions of a year, newest first.
pub async fn decisions(
    e: &impl Executor,
    unit: UnitId,
    year: i32,
) -> StoreResult<Vec<RewardDecision>> {
    decisions::Entity::find()
        .filter(decisions::Column::UnitId.eq(unit.uuid()))
        .filter(decisions::Column::Year.eq(year))
        .order_by_desc(decisions::Column::SignedOn)
        .all(e.conn())
        .await?
        .into_iter()
        .map(decision)
        .collect()
}

/// Keeps a pledge; a second one of the same nominee that year is a conflict.
pub async fn insert_pledge(
    e: &impl Executor,
    unit: UnitId,
    year: i32,
    pledge: &Pledge,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    pledges::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        unit_id: Set(unit.uuid()),
        year: Set(year),
        nominee_kind: Set(pledge.nominee.kind.code().to_owned()),
        nominee_id: Set(pledge.nominee.id),
        nominee_name: Set(pledge.nominee.name.clone()),
        title: Set(pledge.title.clone()),
        pledged_on: Set(pledge.pledged_on),
        created_at: Set(now),
    }
    .insert(e.conn())
    .await?;
    Ok(())
}

/// The pledges of a year.
pub async fn pledges(e: &impl Executor, unit: UnitId, year: i32) -> StoreResult<Vec<Pledge>> {
    pledges::Entity::find()
        .filter(pledges::Column::UnitId.eq(unit.uuid()))
        .filter(pledges::Column::Year.eq(year))
        .order_by_asc(pledges::Column::NomineeKind)
        .order_by_asc(pledges::Column::NomineeName)
        .all(e.conn())
        .await?
        .into_iter()
        .map(|m| {
            Ok(Pledge {
                nominee: Nominee {
                    kind: code(
                        NomineeKind::parse(&m.nominee_kind),
                        "nominee kind",
                        &m.nominee_kind,
                    )?,
                    id: m.nominee_id,
                    name: m.nominee_name,
                    detail: String::new(),
                },
                title: m.title,
                pledged_on: m.pledged_on,
            })
        })
        .collect()
}
