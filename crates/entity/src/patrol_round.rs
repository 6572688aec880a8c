//! Table `patrol_rounds`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "patrol_rounds")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub campus_id: Uuid,
    pub name: String,
    /// "22:00".
    pub starts: String,
    pub ends: String,
    pub every_minutes: i32,
    /// The checkpoints' ids as a JSON array, in walking order.
    #[sea_orm(column_type = "Text")]
    pub checkpoints: String,
    /// The first night it counts; none: always.
    pub first_night: Option<Date>,
    /// The last night it counted, once taken off.
    pub last_night: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
