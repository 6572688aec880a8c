//! Submissions: the one-time key a creating form or an API call carries
//! (`_once`, `Idempotency-Key`), kept with the record the write made, so a
//! form sent twice (Back and save again, a double tap, a retried call)
//! makes one record and the second answer leads to it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{string_null, string_uniq, timestamp_with_time_zone};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Submissions {
    Table,
    Key,
    TargetKind,
    TargetId,
    CreatedAt,
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Submissions::Table)
                .col(string_uniq(Submissions::Key).primary_key())
                .col(string_null(Submissions::TargetKind))
                .col(string_null(Submissions::TargetId))
                .col(timestamp_with_time_zone(Submissions::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("submissions_created_at")
                .table(Submissions::Table)
                .col(Submissions::CreatedAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Submissions::Table).to_owned())
            .await
    }
}
