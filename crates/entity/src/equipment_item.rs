//! Table `equipment_items`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "equipment_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub code: String,
    pub kind: String,
    pub name: String,
    pub campus_id: Option<Uuid>,
    pub place: String,
    pub maker: Option<String>,
    pub made_on: Option<Date>,
    pub installed_on: Option<Date>,
    pub last_check: Option<Date>,
    pub last_service: Option<Date>,
    pub last_pressure_test: Option<Date>,
    pub expires_on: Option<Date>,
    pub state: String,
    pub note: Option<String>,
    pub label: String,
    pub search_key: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
