//! The targets a province (or a ward police body) sets for its units over a
//! period: a share of the units of a kind to reach by a year.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    integer, pk_uuid, small_integer, small_integer_null, string, string_null,
    timestamp_with_time_zone, uuid,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ProvinceTargets {
    Table,
    Id,
    UnitId,
    Measure,
    Kind,
    Low,
    High,
    FromYear,
    DueYear,
    SetBy,
    SetAt,
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ProvinceTargets::Table)
                .col(pk_uuid(ProvinceTargets::Id))
                .col(uuid(ProvinceTargets::UnitId))
                .col(string(ProvinceTargets::Measure))
                .col(string_null(ProvinceTargets::Kind))
                .col(small_integer(ProvinceTargets::Low))
                .col(small_integer_null(ProvinceTargets::High))
                .col(integer(ProvinceTargets::FromYear))
                .col(integer(ProvinceTargets::DueYear))
                .col(string(ProvinceTargets::SetBy))
                .col(timestamp_with_time_zone(ProvinceTargets::SetAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_province_targets_unit")
                .table(ProvinceTargets::Table)
                .col(ProvinceTargets::UnitId)
                .col(ProvinceTargets::DueYear)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ProvinceTargets::Table).to_owned())
            .await
    }
}
