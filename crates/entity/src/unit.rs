//! Table `units`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "units")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: String,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub search_key: String,
    pub address: Option<String>,
    pub authority_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    /// The public key of the unit's own antt copy: its records arrive in
    /// bundles signed with it.
    pub bundle_key: Option<String>,
    /// A school's level (`SchoolLevel`), once the school has said it.
    pub school_level: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
