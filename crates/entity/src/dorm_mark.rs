//! Table `dorm_marks`: one resident's mark of one night.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dorm_marks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub night: Date,
    pub person_id: Uuid,
    pub room_id: Uuid,
    pub mark: String,
    pub leave_id: Option<Uuid>,
    pub note: String,
    pub marked_by: String,
    pub marked_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
