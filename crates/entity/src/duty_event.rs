//! Table `duty_events`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "duty_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub name: String,
    /// Every public holiday, rather than the days below.
    pub holidays: bool,
    pub first_day: Option<Date>,
    pub last_day: Option<Date>,
    pub post_id: Uuid,
    /// The extra shifts, as JSON patterns.
    pub shifts: String,
    pub team_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
