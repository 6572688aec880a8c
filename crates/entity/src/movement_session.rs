//! Table `movement_sessions`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "movement_sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub kind: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub topics: String,
    pub topic_note: Option<String>,
    pub organiser: String,
    pub partner: Option<String>,
    pub starts_at: DateTimeUtc,
    pub place: String,
    #[sea_orm(column_type = "Text")]
    pub audience: String,
    pub outside_count: i32,
    pub materials: i32,
    #[sea_orm(column_type = "Text")]
    pub posts: String,
    pub check_in_code: Option<String>,
    pub check_in_until: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
