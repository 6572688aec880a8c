//! A school says its level (cấp học): only general education is asked to
//! work with the parents' board (Thông tư 124, Điều 7 khoản 2). `units.school_level`,
//! empty until the school says it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::string_null;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Units {
    Table,
    SchoolLevel,
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Units::Table)
                .add_column(string_null(Units::SchoolLevel))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Units::Table)
                .drop_column(Units::SchoolLevel)
                .to_owned(),
        )
        .await
    }
}
