//! Table `dorm_settings`: when a unit calls the roll, when visitors leave, how rooms are checked.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dorm_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub unit_id: Uuid,
    /// "21:30".
    pub call_time: String,
    /// "22:15".
    pub deadline: String,
    /// By when visitors leave, "21:00".
    pub visits_until: String,
    /// A room is due for a check this many days after the last.
    pub check_every_days: i16,
    /// The room checklist, "15 | text" a line; empty for the default.
    pub checklist: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
