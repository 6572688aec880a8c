//! Table `inspection_schedules`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspection_schedules")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub name: String,
    pub kind: Option<String>,
    pub template_id: Option<Uuid>,
    pub campus_id: Option<Uuid>,
    pub place: String,
    pub frequency: String,
    pub every_days: i32,
    pub starts_on: Date,
    pub person_id: Option<Uuid>,
    pub team_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
