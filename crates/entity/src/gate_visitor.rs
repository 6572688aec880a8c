//! Table `gate_visitors`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "gate_visitors")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub campus_id: Uuid,
    pub name: String,
    /// The document's kind code, or empty.
    pub document: String,
    pub document_number: String,
    pub visiting: String,
    pub vehicle_plate: String,
    pub arrived_at: DateTimeUtc,
    pub left_at: Option<DateTimeUtc>,
    pub recorded_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
