//! Table `patrol_scans`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "patrol_scans")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub campus_id: Uuid,
    pub checkpoint_id: Uuid,
    pub at: DateTimeUtc,
    pub recorded_at: DateTimeUtc,
    pub account: String,
    pub guard_name: String,
    pub partners: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
