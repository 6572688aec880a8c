//! Table `teams`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "teams")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub kind: String,
    pub name: String,
    pub decision_number: Option<String>,
    pub decision_date: Option<Date>,
    pub decision_signer: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub partners: String,
    pub status: String,
    pub created_at: DateTimeUtc,
    /// The type from the unit's catalogue, by name.
    pub type_name: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
