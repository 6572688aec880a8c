//! A fault report is a corrective action: the person who must set it
//! right and the day it must be done by.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{date_null, uuid_null};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum EquipmentFaults {
    Table,
    OwnerId,
    DueOn,
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column a statement: SQLite alters one at a time.
        m.alter_table(
            Table::alter()
                .table(EquipmentFaults::Table)
                .add_column(uuid_null(EquipmentFaults::OwnerId))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(EquipmentFaults::Table)
                .add_column(date_null(EquipmentFaults::DueOn))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [EquipmentFaults::OwnerId, EquipmentFaults::DueOn] {
            m.alter_table(
                Table::alter()
                    .table(EquipmentFaults::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
