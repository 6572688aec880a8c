//! A police body's task may be given to one kind of unit only (schools,
//! agencies or enterprises): `plan_tasks.for_kind`, empty for every unit
//! under the body (and for a unit's own tasks).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::string_null;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum PlanTasks {
    Table,
    ForKind,
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(PlanTasks::Table)
                .add_column(string_null(PlanTasks::ForKind))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(PlanTasks::Table)
                .drop_column(PlanTasks::ForKind)
                .to_owned(),
        )
        .await
    }
}
