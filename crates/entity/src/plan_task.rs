//! Table `plan_tasks`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_tasks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub plan_id: Uuid,
    pub section: i32,
    pub position: i32,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    pub department_id: Option<Uuid>,
    pub person_id: Option<Uuid>,
    #[sea_orm(column_type = "Text")]
    pub partner_ids: String,
    pub due_on: Option<Date>,
    pub recurrence: Option<String>,
    pub status: String,
    pub last_progress_on: Option<Date>,
    /// A police body's task for one kind of unit only (`UnitKind` code).
    pub for_kind: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
