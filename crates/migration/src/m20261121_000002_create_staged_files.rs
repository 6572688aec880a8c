//! Files uploaded for an import, kept between the preview and the
//! confirmation so that what is written is exactly what was previewed, and
//! so that any server behind a load balancer can finish the import.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{binary, pk_uuid, string, timestamp_with_time_zone, uuid};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum StagedFiles {
    Table,
    Id,
    UnitId,
    UserId,
    FileName,
    Sha256,
    Content,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Units {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(StagedFiles::Table)
                .col(pk_uuid(StagedFiles::Id))
                .col(uuid(StagedFiles::UnitId))
                .col(uuid(StagedFiles::UserId))
                .col(string(StagedFiles::FileName))
                .col(string(StagedFiles::Sha256))
                .col(binary(StagedFiles::Content))
                .col(timestamp_with_time_zone(StagedFiles::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_staged_files_unit")
                        .from(StagedFiles::Table, StagedFiles::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_staged_files_user")
                        .from(StagedFiles::Table, StagedFiles::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(StagedFiles::Table).to_owned())
            .await
    }
}
