//! Table `tips`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tips")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub number: i32,
    pub channel: String,
    pub category: String,
    pub urgent: bool,
    pub state: String,
    pub anonymous: bool,
    pub campus_id: Option<Uuid>,
    pub occurred_at: Option<DateTimeUtc>,
    pub received_at: DateTimeUtc,
    pub due_at: DateTimeUtc,
    #[sea_orm(column_type = "VarBinary(StringLen::None)")]
    pub sealed_text: Vec<u8>,
    #[sea_orm(column_type = "VarBinary(StringLen::None)", nullable)]
    pub sealed_place: Option<Vec<u8>>,
    #[sea_orm(column_type = "VarBinary(StringLen::None)", nullable)]
    pub sealed_contact: Option<Vec<u8>>,
    pub receipt_hash: Option<String>,
    pub assignee_id: Option<Uuid>,
    pub recorded_by: Option<Uuid>,
    pub incident_id: Option<Uuid>,
    #[sea_orm(column_type = "Text", nullable)]
    pub outcome: Option<String>,
    pub police_unit: Option<String>,
    pub awaiting_staff: bool,
    pub closed_at: Option<DateTimeUtc>,
    pub hours_to_close: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
