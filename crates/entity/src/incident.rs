//! Table `incidents`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "incidents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub number: i32,
    pub category: String,
    pub severity: String,
    pub state: String,
    pub occurred_at: DateTimeUtc,
    pub campus_id: Option<Uuid>,
    pub place: String,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    #[sea_orm(column_type = "Text")]
    pub actions: String,
    pub police_unit: Option<String>,
    pub transferred_on: Option<Date>,
    pub police_reference: Option<String>,
    pub acknowledged_on: Option<Date>,
    #[sea_orm(column_type = "Text", nullable)]
    pub outcome: Option<String>,
    pub value_recovered: i64,
    pub created_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
