//! Camera footage an incident cites: which camera, from when to when, the
//! day the recorder writes over it, who copied it and until when the copy
//! is kept.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    date, date_null, pk_uuid, string, string_null, text, timestamp_with_time_zone, uuid,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum EquipmentItems {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum IncidentFootage {
    Table,
    Id,
    UnitId,
    IncidentId,
    EquipmentId,
    FromAt,
    UntilAt,
    OverwrittenOn,
    Note,
    CopiedBy,
    CopiedOn,
    KeptUntil,
    RecordedBy,
    CreatedAt,
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(IncidentFootage::Table)
                .col(pk_uuid(IncidentFootage::Id))
                .col(uuid(IncidentFootage::UnitId))
                .col(uuid(IncidentFootage::IncidentId))
                .col(uuid(IncidentFootage::EquipmentId))
                .col(timestamp_with_time_zone(IncidentFootage::FromAt))
                .col(timestamp_with_time_zone(IncidentFootage::UntilAt))
                .col(date(IncidentFootage::OverwrittenOn))
                .col(text(IncidentFootage::Note))
                .col(string_null(IncidentFootage::CopiedBy))
                .col(date_null(IncidentFootage::CopiedOn))
                .col(date_null(IncidentFootage::KeptUntil))
                .col(string(IncidentFootage::RecordedBy))
                .col(timestamp_with_time_zone(IncidentFootage::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_incident_footage_item")
                        .from(IncidentFootage::Table, IncidentFootage::EquipmentId)
                        .to(EquipmentItems::Table, EquipmentItems::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_incident_footage_unit_incident")
                .table(IncidentFootage::Table)
                .col(IncidentFootage::UnitId)
                .col(IncidentFootage::IncidentId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(IncidentFootage::Table).to_owned())
            .await
    }
}
