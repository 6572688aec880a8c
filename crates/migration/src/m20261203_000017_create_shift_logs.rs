//! The gate's shift log: a shift taken over at a campus, its entries in
//! order (a number within the log), written once and annotated only.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, pk_uuid, string, text, text_null, timestamp_with_time_zone,
    timestamp_with_time_zone_null, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ShiftLogs {
    Table,
    Id,
    UnitId,
    CampusId,
    GuardId,
    GuardName,
    Account,
    StartedAt,
    TakenFrom,
    Received,
    EndedAt,
    HandoverNotes,
}

#[derive(DeriveIden, Clone, Copy)]
enum ShiftLogEntries {
    Table,
    LogId,
    Number,
    UnitId,
    At,
    RecordedAt,
    Text,
    Annotation,
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
                .table(ShiftLogs::Table)
                .col(pk_uuid(ShiftLogs::Id))
                .col(uuid(ShiftLogs::UnitId))
                .col(uuid(ShiftLogs::CampusId))
                .col(uuid_null(ShiftLogs::GuardId))
                .col(string(ShiftLogs::GuardName))
                .col(string(ShiftLogs::Account))
                .col(timestamp_with_time_zone(ShiftLogs::StartedAt))
                .col(string(ShiftLogs::TakenFrom))
                .col(text(ShiftLogs::Received))
                .col(timestamp_with_time_zone_null(ShiftLogs::EndedAt))
                .col(text_null(ShiftLogs::HandoverNotes))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_shift_logs_unit")
                        .from(ShiftLogs::Table, ShiftLogs::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_shift_logs_unit_campus_started")
                .table(ShiftLogs::Table)
                .col(ShiftLogs::UnitId)
                .col(ShiftLogs::CampusId)
                .col(ShiftLogs::StartedAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ShiftLogEntries::Table)
                .col(uuid(ShiftLogEntries::LogId))
                .col(big_integer(ShiftLogEntries::Number))
                .col(uuid(ShiftLogEntries::UnitId))
                .col(timestamp_with_time_zone(ShiftLogEntries::At))
                .col(timestamp_with_time_zone(ShiftLogEntries::RecordedAt))
                .col(text(ShiftLogEntries::Text))
                .col(text_null(ShiftLogEntries::Annotation))
                .primary_key(
                    Index::create()
                        .col(ShiftLogEntries::LogId)
                        .col(ShiftLogEntries::Number),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_shift_log_entries_log")
                        .from(ShiftLogEntries::Table, ShiftLogEntries::LogId)
                        .to(ShiftLogs::Table, ShiftLogs::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ShiftLogEntries::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(ShiftLogs::Table).to_owned())
            .await
    }
}
