//! The working hours a week of each guard's labour contract, so the
//! month's hours beyond the contract count as overtime.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::small_integer_null;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum DutyGuards {
    Table,
    WeeklyHours,
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(DutyGuards::Table)
                .add_column(small_integer_null(DutyGuards::WeeklyHours))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(DutyGuards::Table)
                .drop_column(DutyGuards::WeeklyHours)
                .to_owned(),
        )
        .await
    }
}
