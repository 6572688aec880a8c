//! Every sealed value of the instance, wherever it is kept (a tip's text,
//! place and contact, its photos and messages, the files waiting for an
//! import's confirmation), one at a time: for checking that a key opens
//! them and for sealing them all anew under another key. And the settings
//! kept with the data, such as the key's fingerprint.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use uuid::Uuid;

use antt_entity::{
    dorm_papers as papers, instance_setting as settings, staged_file as staged, tip as tips,
    tip_message as messages, tip_photo as photos,
};

use crate::db::Executor;
use crate::error::StoreResult;

/// Which sealed value of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    TipText,
    TipPlace,
    TipContact,
    /// A photo at its position on its tip.
    TipPhoto(i32),
    TipMessage,
    StagedFile,
    /// A boarder's personal identification number.
    DormIdNumber,
}

/// Where a sealed value is kept: its part, its row, and the tip it
/// belongs to (for a tip's parts, photos and messages).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SealedRef {
    pub part: Part,
    pub row: Uuid,
    pub tip: Option<Uuid>,
}

/// Every sealed value there is, oldest tips first, without their bytes.
pub async fn list(e: &impl Executor) -> StoreResult<Vec<SealedRef>> {
    let mut all = Vec::new();
    let tip_rows: Vec<(Uuid, bool, bool)> = tips::Entity::find()
        .select_only()
        .column(tips::Column::Id)
        .column_as(
            Expr::col(tips::Column::SealedPlace).is_not_null(),
            "has_place",
        )
        .column_as(
            Expr::col(tips::Column::SealedContact).is_not_null(),
            "has_contact",
        )
        .order_by_asc(tips::Column::Id)
        .into_tuple()
        .all(e.conn())
        .await?;
    for (id, place, contact) in tip_rows {
        let at = |part| SealedRef {
            part,
            row: id,
            tip: Some(id),
        };
        all.push(at(Part::TipText));
        if place {
            all.push(at(Part::TipPlace));
        }
        if contact {
            all.push(at(Part::TipContact));
        }
    }
    let photo_rows: Vec<(Uuid, Uuid, i32)> = photos::Entity::find()
        .select_only()
        .columns([
            photos::Column::Id,
            photos::Column::TipId,
            photos::Column::Position,
        ])
        .order_by_asc(photos::Column::Id)
        .into_tuple()
        .all(e.conn())
        .await?;
    all.extend(photo_rows.into_iter().map(|(id, tip, position)| SealedRef {
        part: Part::TipPhoto(position),
        row: id,
        tip: Some(tip),
    }));
    let message_rows: Vec<(Uuid, Uuid)> = messages::Entity::find()
        .select_only()
        .columns([messages::Column::Id, messages::Column::TipId])
        .order_by_asc(messages::Column::Id)
        .into_tuple()
        .all(e.conn())
        .await?;
    all.extend(message_rows.into_iter().map(|(id, tip)| SealedRef {
        part: Part::TipMessage,
        row: id,
        tip: Some(tip),
    }));
    let staged_rows: Vec<Uuid> = staged::Entity::find()
        .select_only()
        .column(staged::Column::Id)
        .order_by_asc(staged::Column::Id)
        .into_tuple()
        .all(e.conn())
        .await?;
    all.extend(staged_rows.into_iter().map(|id| SealedRef {
        part: Part::StagedFile,
        row: id,
        tip: None,
    }));
    let paper_rows: Vec<Uuid> = papers::Entity::find()
        .select_only()
        .column(papers::Column::Id)
        .order_by_asc(papers::Column::Id)
        .into_tuple()
        .all(e.conn())
        .await?;
    all.extend(paper_rows.into_iter().map(|id| SealedRef {
        part: Part::DormIdNumber,
        row: id,
        tip: None,
    }));
    Ok(all)
}

/// The bytes of one sealed value (none when the row or the value is gone).
pub async fn read(e: &impl Executor, at: &SealedRef) -> StoreResult<Option<Vec<u8>>> {
    Ok(match at.part {
        Part::TipText | Part::TipPlace | Part::TipContact => tips::Entity::find_by_id(at.row)
            .one(e.conn())
            .await?
            .and_then(|m| match at.part {
                Part::TipText => Some(m.sealed_text),
                Part::TipPlace => m.sealed_place,
                _ => m.sealed_contact,
            }),
        Part::TipPhoto(_) => photos::Entity::find_by_id(at.row)
            .one(e.conn())
            .await?
            .map(|m| m.sealed),
        Part::TipMessage => messages::Entity::find_by_id(at.row)
            .one(e.conn())
            .await?
            .map(|m| m.sealed_body),
        Part::StagedFile => staged::Entity::find_by_id(at.row)
            .one(e.conn())
            .await?
            .map(|m| m.content),
        Part::DormIdNumber => papers::Entity::find_by_id(at.row)
            .one(e.conn())
            .await?
            .map(|m| m.sealed_id_number),
    })
}

/// Puts `sealed` in the place of the value at `at`.
pub async fn write(e: &impl Executor, at: &SealedRef, sealed: Vec<u8>) -> StoreResult<()> {
    match at.part {
        Part::TipText | Part::TipPlace | Part::TipContact => {
            let column = match at.part {
                Part::TipText => tips::Column::SealedText,
                Part::TipPlace => tips::Column::SealedPlace,
                _ => tips::Column::SealedContact,
            };
            tips::Entity::update_many()
                .col_expr(column, Expr::value(sealed))
                .filter(tips::Column::Id.eq(at.row))
                .exec(e.conn())
                .await?;
        }
        Part::TipPhoto(_) => {
            photos::Entity::update_many()
                .col_expr(photos::Column::Sealed, Expr::value(sealed))
                .filter(photos::Column::Id.eq(at.row))
                .exec(e.conn())
                .await?;
        }
        Part::TipMessage => {
            messages::Entity::update_many()
                .col_expr(messages::Column::SealedBody, Expr::value(sealed))
                .filter(messages::Column::Id.eq(at.row))
                .exec(e.conn())
                .await?;
        }
        Part::StagedFile => {
            staged::Entity::update_many()
                .col_expr(staged::Column::Content, Expr::value(sealed))
                .filter(staged::Column::Id.eq(at.row))
                .exec(e.conn())
                .await?;
        }
        Part::DormIdNumber => {
            papers::Entity::update_many()
                .col_expr(papers::Column::SealedIdNumber, Expr::value(sealed))
                .filter(papers::Column::Id.eq(at.row))
                .exec(e.conn())
                .await?;
        }
    }
    Ok(())
}

/// One sealed value and where it is, if any exists: a sample to try a key on.
pub async fn sample(e: &impl Executor) -> StoreResult<Option<(SealedRef, Vec<u8>)>> {
    if let Some(m) = tips::Entity::find()
        .order_by_asc(tips::Column::Id)
        .one(e.conn())
        .await?
    {
        let at = SealedRef {
            part: Part::TipText,
            row: m.id,
            tip: Some(m.id),
        };
        return Ok(Some((at, m.sealed_text)));
    }
    if let Some(m) = staged::Entity::find()
        .order_by_asc(staged::Column::Id)
        .one(e.conn())
        .await?
    {
        let at = SealedRef {
            part: Part::StagedFile,
            row: m.id,
            tip: None,
        };
        return Ok(Some((at, m.content)));
    }
    Ok(papers::Entity::find()
        .order_by_asc(papers::Column::Id)
        .one(e.conn())
        .await?
        .map(|m| {
            (
                SealedRef {
                    part: Part::DormIdNumber,
                    row: m.id,
                    tip: None,
                },
                m.sealed_id_number,
            )
        }))
}

/// The setting `name` kept with the data.
pub async fn setting(e: &impl Executor, name: &str) -> StoreResult<Option<String>> {
    Ok(settings::Entity::find_by_id(name.to_owned())
        .one(e.conn())
        .await?
        .map(|m| m.value))
}

/// Sets `name` to `value` unless it is set, and gives the value kept: of
/// two writers at once, the first one's.
pub async fn set_setting_once(
    e: &impl Executor,
    name: &str,
    value: &str,
    now: DateTime<Utc>,
) -> StoreResult<String> {
    settings::Entity::insert(settings::ActiveModel {
        name: Set(name.to_owned()),
        value: Set(value.to_owned()),
        updated_at: Set(now),
    })
    .on_conflict_do_nothing_on([settings::Column::Name])
    .exec(e.conn())
    .await?;
    setting(e, name)
        .await?
        .ok_or_else(|| crate::error::StoreError::Corrupt(format!("setting {name} not kept")))
}

/// Sets `name` to `value`.
pub async fn set_setting(
    e: &impl Executor,
    name: &str,
    value: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    settings::Entity::insert(settings::ActiveModel {
        name: Set(name.to_owned()),
        value: Set(value.to_owned()),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(settings::Column::Name)
            .update_columns([settings::Column::Value, settings::Column::UpdatedAt])
            .to_owned(),
    )
    .exec(e.conn())
    .await?;
    Ok(())
}
