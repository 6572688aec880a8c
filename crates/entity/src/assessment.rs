//! Table `assessments`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub unit_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    pub state: String,
    pub registered_on: Date,
    #[sea_orm(column_type = "Text")]
    pub meeting: String,
    #[sea_orm(column_type = "Text")]
    pub dossier: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub decision: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub returned_because: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub overrides: String,
    #[sea_orm(column_type = "Text")]
    pub scores: String,
    #[sea_orm(column_type = "Text")]
    pub reviewed_scores: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
