//! Table `people`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "people")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub kind: String,
    pub code: String,
    pub full_name: String,
    pub search_key: String,
    pub sort_key: String,
    pub birth_date: Option<Date>,
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub department_id: Option<Uuid>,
    pub class_id: Option<Uuid>,
    pub position: Option<String>,
    pub boarding: bool,
    pub status: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
