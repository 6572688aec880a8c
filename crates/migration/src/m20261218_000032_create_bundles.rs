//! Units that run their own copy of antt and send their year in signed
//! bundles: the public key the province registered for such a unit, and
//! what each imported bundle said of its year (the facts the standard is
//! judged from, models, equipment, activity in figures).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    integer, string, string_null, text, timestamp_with_time_zone, uuid,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Units {
    Table,
    Id,
    BundleKey,
}

#[derive(DeriveIden, Clone, Copy)]
enum Bundles {
    Table,
    UnitId,
    Year,
    MadeAt,
    Digest,
    Content,
    StepIds,
    ImportedAt,
    ImportedBy,
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Units::Table)
                .add_column(string_null(Units::BundleKey))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Bundles::Table)
                .col(uuid(Bundles::UnitId))
                .col(integer(Bundles::Year))
                .col(timestamp_with_time_zone(Bundles::MadeAt))
                .col(string(Bundles::Digest))
                .col(text(Bundles::Content))
                .col(text(Bundles::StepIds))
                .col(timestamp_with_time_zone(Bundles::ImportedAt))
                .col(string(Bundles::ImportedBy))
                .primary_key(Index::create().col(Bundles::UnitId).col(Bundles::Year))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_bundles_unit")
                        .from(Bundles::Table, Bundles::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Bundles::Table).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(Units::Table)
                .drop_column(Units::BundleKey)
                .to_owned(),
        )
        .await
    }
}
