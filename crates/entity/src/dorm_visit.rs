//! Table `dorm_visits`: visitors of the dormitories.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dorm_visits")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub building_id: Uuid,
    pub resident_id: Uuid,
    pub name: String,
    pub relation: String,
    pub document: Option<String>,
    pub document_number: String,
    pub arrived_at: DateTimeUtc,
    pub left_at: Option<DateTimeUtc>,
    pub recorded_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
