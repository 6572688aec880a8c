//! Papers as issued: the Word file of a signed or sent paper, kept whole
//! by unit, kind and key (a year, a record's id).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{EntityTrait, Set};

use antt_domain::UnitId;
use antt_entity::paper as rows;

use crate::db::Executor;
use crate::error::StoreResult;

/// A paper as kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    pub file_name: String,
    pub document: Vec<u8>,
    pub issued_at: DateTime<Utc>,
    pub issued_by: String,
}

/// Keeps a paper, replacing the one kept under the same kind and key (a
/// dossier sent again after it was returned).
pub async fn keep(
    e: &impl Executor,
    unit: UnitId,
    kind: &str,
    key: &str,
    paper: Kept,
) -> StoreResult<()> {
    let m = rows::ActiveModel {
        unit_id: Set(unit.uuid()),
        kind: Set(kind.to_owned()),
        key: Set(key.to_owned()),
        file_name: Set(paper.file_name),
        document: Set(paper.document),
        issued_at: Set(paper.issued_at),
        issued_by: Set(paper.issued_by),
    };
    rows::Entity::insert(m)
        .on_conflict(
            OnConflict::columns([rows::Column::UnitId, rows::Column::Kind, rows::Column::Key])
                .update_columns([
                    rows::Column::FileName,
                    rows::Column::Document,
                    rows::Column::IssuedAt,
                    rows::Column::IssuedBy,
                ])
                .to_owned(),
        )
        .exec(e.conn())
        .await?;
    Ok(())
}

/// The paper kept under a kind and key, if any.
pub async fn kept(
    e: &impl Executor,
    unit: UnitId,
    kind: &str,
    key: &str,
) -> StoreResult<Option<Kept>> {
    Ok(
        rows::Entity::find_by_id((unit.uuid(), kind.to_owned(), key.to_owned()))
            .one(e.conn())
            .await?
            .map(|m| Kept {
                file_name: m.file_name,
                document: m.document,
                issued_at: m.issued_at,
                issued_by: m.issued_by,
            }),
    )
}
