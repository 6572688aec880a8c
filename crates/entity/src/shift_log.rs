//! Table `shift_logs`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "shift_logs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub campus_id: Uuid,
    pub guard_id: Option<Uuid>,
    pub guard_name: String,
    /// The username of the account that took over.
    pub account: String,
    pub started_at: DateTimeUtc,
    pub taken_from: String,
    #[sea_orm(column_type = "Text")]
    pub received: String,
    pub ended_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub handover_notes: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
