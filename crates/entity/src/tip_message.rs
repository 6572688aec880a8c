//! Table `tip_messages`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tip_messages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub tip_id: Uuid,
    pub at: DateTimeUtc,
    pub author: String,
    pub user_id: Option<Uuid>,
    #[sea_orm(column_type = "VarBinary(StringLen::None)")]
    pub sealed_body: Vec<u8>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
