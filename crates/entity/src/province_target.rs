//! Table `province_targets`: the targets of a period an authority sets.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "province_targets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The authority that set it.
    pub unit_id: Uuid,
    pub measure: String,
    pub kind: Option<String>,
    pub low: i16,
    pub high: Option<i16>,
    pub from_year: i32,
    pub due_year: i32,
    pub set_by: String,
    pub set_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
