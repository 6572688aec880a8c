//! What a boarding student's temporary-residence registration needs: the
//! personal identification number sealed (its last four digits apart, to
//! show it masked), the permanent address, when it was registered and when
//! it lapses.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    binary, date_null, pk_uuid, string, text, timestamp_with_time_zone, uuid,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum DormPapers {
    Table,
    Id,
    UnitId,
    PersonId,
    SealedIdNumber,
    IdTail,
    PermanentAddress,
    RegisteredOn,
    ExpiresOn,
    UpdatedBy,
    UpdatedAt,
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(DormPapers::Table)
                .col(pk_uuid(DormPapers::Id))
                .col(uuid(DormPapers::UnitId))
                .col(uuid(DormPapers::PersonId))
                .col(binary(DormPapers::SealedIdNumber))
                .col(string(DormPapers::IdTail))
                .col(text(DormPapers::PermanentAddress))
                .col(date_null(DormPapers::RegisteredOn))
                .col(date_null(DormPapers::ExpiresOn))
                .col(string(DormPapers::UpdatedBy))
                .col(timestamp_with_time_zone(DormPapers::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_dorm_papers_unit_person")
                .table(DormPapers::Table)
                .col(DormPapers::UnitId)
                .col(DormPapers::PersonId)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(DormPapers::Table).to_owned())
            .await
    }
}
