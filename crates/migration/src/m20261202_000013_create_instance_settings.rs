//! Settings of the instance kept with its data: for now the fingerprint of
//! the key its sealed values are sealed with, so a server started with
//! another key (or none) while sealed data exists refuses to start instead
//! of sealing new tips under a key nobody will have.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{string, string_uniq, timestamp_with_time_zone};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum InstanceSettings {
    Table,
    Name,
    Value,
    UpdatedAt,
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(InstanceSettings::Table)
                .col(string_uniq(InstanceSettings::Name).primary_key())
                .col(string(InstanceSettings::Value))
                .col(timestamp_with_time_zone(InstanceSettings::UpdatedAt))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(InstanceSettings::Table).to_owned())
            .await
    }
}
