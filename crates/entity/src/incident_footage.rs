//! Table `incident_footage`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "incident_footage")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub incident_id: Uuid,
    pub equipment_id: Uuid,
    pub from_at: DateTimeUtc,
    pub until_at: DateTimeUtc,
    pub overwritten_on: Date,
    pub note: String,
    pub copied_by: Option<String>,
    pub copied_on: Option<Date>,
    pub kept_until: Option<Date>,
    pub recorded_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
