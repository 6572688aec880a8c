//! The times a camera or recorder showed or recorded nothing, and why: a
//! broken camera is noticed before an incident needs its footage.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    pk_uuid, string, text, timestamp_with_time_zone, timestamp_with_time_zone_null, uuid,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum EquipmentItems {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum CameraOutages {
    Table,
    Id,
    UnitId,
    EquipmentId,
    FromAt,
    UntilAt,
    Cause,
    RecordedBy,
    CreatedAt,
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(CameraOutages::Table)
                .col(pk_uuid(CameraOutages::Id))
                .col(uuid(CameraOutages::UnitId))
                .col(uuid(CameraOutages::EquipmentId))
                .col(timestamp_with_time_zone(CameraOutages::FromAt))
                .col(timestamp_with_time_zone_null(CameraOutages::UntilAt))
                .col(text(CameraOutages::Cause))
                .col(string(CameraOutages::RecordedBy))
                .col(timestamp_with_time_zone(CameraOutages::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_camera_outages_item")
                        .from(CameraOutages::Table, CameraOutages::EquipmentId)
                        .to(EquipmentItems::Table, EquipmentItems::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(CameraOutages::Table).to_owned())
            .await
    }
}
