//! Table `contest_attempts`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contest_attempts")]
pub struct Model {
    pub unit_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub contest_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: Uuid,
    pub started_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text")]
    pub questions: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub answers: Option<String>,
    pub score: Option<i32>,
    pub total: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
