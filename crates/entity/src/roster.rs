//! Table `rosters`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rosters")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub month: Date,
    pub state: String,
    /// JSON: the month's shifts and who stands each.
    #[sea_orm(column_type = "Text")]
    pub shifts: String,
    pub published_at: Option<DateTimeUtc>,
    pub published_by: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
