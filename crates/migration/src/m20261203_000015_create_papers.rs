//! Papers as issued: a Word file kept whole when it is signed or sent (the
//! Tờ trình and the minutes of a dossier, an issued plan), so what was
//! signed is what anyone downloads afterwards, whatever is recorded later.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{binary, string, timestamp_with_time_zone, uuid};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Papers {
    Table,
    UnitId,
    Kind,
    Key,
    FileName,
    Document,
    IssuedAt,
    IssuedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum Units {
    Table,
    Id,
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Papers::Table)
                .col(uuid(Papers::UnitId))
                .col(string(Papers::Kind))
                .col(string(Papers::Key))
                .col(string(Papers::FileName))
                .col(binary(Papers::Document))
                .col(timestamp_with_time_zone(Papers::IssuedAt))
                .col(string(Papers::IssuedBy))
                .primary_key(
                    Index::create()
                        .col(Papers::UnitId)
                        .col(Papers::Kind)
                        .col(Papers::Key),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_papers_unit")
                        .from(Papers::Table, Papers::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Papers::Table).to_owned())
            .await
    }
}
