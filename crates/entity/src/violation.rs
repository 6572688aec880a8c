//! Table `violations`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "violations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub person_id: Uuid,
    pub incident_id: Option<Uuid>,
    pub kind: String,
    pub occurred_on: Date,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub discipline: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub handling: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
