//! Table `nominations`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "nominations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub year: i32,
    pub nominee_kind: String,
    pub nominee_id: Uuid,
    pub nominee_name: String,
    pub nominee_detail: String,
    pub form: String,
    #[sea_orm(column_type = "Text")]
    pub achievements: String,
    pub suggested: Option<String>,
    pub on_the_spot: bool,
    pub act_on: Option<Date>,
    pub state: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub council_note: Option<String>,
    pub decision_id: Option<Uuid>,
    pub created_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
