//! Table `dorm_papers`: a boarder's temporary-residence papers.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dorm_papers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub person_id: Uuid,
    /// The personal identification number, sealed with the instance's key.
    pub sealed_id_number: Vec<u8>,
    pub id_tail: String,
    pub permanent_address: String,
    pub registered_on: Option<Date>,
    pub expires_on: Option<Date>,
    pub updated_by: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
