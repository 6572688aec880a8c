//! Table `equipment_faults`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "equipment_faults")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    /// Empty for a corrective action of a place's round.
    pub equipment_id: Option<Uuid>,
    pub reported_at: DateTimeUtc,
    pub description: String,
    pub reported_by: Option<String>,
    pub public: bool,
    pub photo: Option<Vec<u8>>,
    pub state: String,
    pub closed_at: Option<DateTimeUtc>,
    pub closed_by: Option<String>,
    pub closing_note: Option<String>,
    pub owner_id: Option<Uuid>,
    pub due_on: Option<Date>,
    /// The place's round schedule whose failed round opened it.
    pub schedule_id: Option<Uuid>,
    /// The place as the round named it, kept as written.
    pub place: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
