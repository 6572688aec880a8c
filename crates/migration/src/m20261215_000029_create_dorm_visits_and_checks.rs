//! The dormitories' visitor log, room checks (answers kept as they were
//! that day, photos, breaches recorded as violations) and the settings
//! they need: by when visitors leave, how often a room is checked and the
//! checklist.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    binary, date, integer, pk_uuid, small_integer, string, string_null, text,
    timestamp_with_time_zone, timestamp_with_time_zone_null, uuid,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum DormSettings {
    Table,
    VisitsUntil,
    CheckEveryDays,
    Checklist,
}

#[derive(DeriveIden, Clone, Copy)]
enum DormVisits {
    Table,
    Id,
    UnitId,
    BuildingId,
    ResidentId,
    Name,
    Relation,
    Document,
    DocumentNumber,
    ArrivedAt,
    LeftAt,
    RecordedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum DormChecks {
    Table,
    Id,
    UnitId,
    RoomId,
    Day,
    Answers,
    Note,
    Photos,
    CheckedBy,
    CheckedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum DormCheckPhotos {
    Table,
    Id,
    UnitId,
    CheckId,
    Position,
    Photo,
}

#[derive(DeriveIden, Clone, Copy)]
enum DormCheckBreaches {
    Table,
    Id,
    UnitId,
    CheckId,
    PersonId,
    ViolationId,
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column a statement.
        for col in [
            ColumnDef::new(DormSettings::VisitsUntil)
                .string()
                .not_null()
                .default("21:00")
                .to_owned(),
            ColumnDef::new(DormSettings::CheckEveryDays)
                .small_integer()
                .not_null()
                .default(7)
                .to_owned(),
            ColumnDef::new(DormSettings::Checklist)
                .text()
                .not_null()
                .default("")
                .to_owned(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(DormSettings::Table)
                    .add_column(col)
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table(DormVisits::Table)
                .col(pk_uuid(DormVisits::Id))
                .col(uuid(DormVisits::UnitId))
                .col(uuid(DormVisits::BuildingId))
                .col(uuid(DormVisits::ResidentId))
                .col(string(DormVisits::Name))
                .col(string(DormVisits::Relation))
                .col(string_null(DormVisits::Document))
                .col(string(DormVisits::DocumentNumber))
                .col(timestamp_with_time_zone(DormVisits::ArrivedAt))
                .col(timestamp_with_time_zone_null(DormVisits::LeftAt))
                .col(string(DormVisits::RecordedBy))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_dorm_visits_unit_arrived")
                .table(DormVisits::Table)
                .col(DormVisits::UnitId)
                .col(DormVisits::ArrivedAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(DormChecks::Table)
                .col(pk_uuid(DormChecks::Id))
                .col(uuid(DormChecks::UnitId))
                .col(uuid(DormChecks::RoomId))
                .col(date(DormChecks::Day))
                .col(text(DormChecks::Answers))
                .col(text(DormChecks::Note))
                .col(small_integer(DormChecks::Photos))
                .col(string(DormChecks::CheckedBy))
                .col(timestamp_with_time_zone(DormChecks::CheckedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_dorm_checks_unit_day")
                .table(DormChecks::Table)
                .col(DormChecks::UnitId)
                .col(DormChecks::Day)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(DormCheckPhotos::Table)
                .col(pk_uuid(DormCheckPhotos::Id))
                .col(uuid(DormCheckPhotos::UnitId))
                .col(uuid(DormCheckPhotos::CheckId))
                .col(integer(DormCheckPhotos::Position))
                .col(binary(DormCheckPhotos::Photo))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_dorm_check_photos_check_position")
                .table(DormCheckPhotos::Table)
                .col(DormCheckPhotos::CheckId)
                .col(DormCheckPhotos::Position)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(DormCheckBreaches::Table)
                .col(pk_uuid(DormCheckBreaches::Id))
                .col(uuid(DormCheckBreaches::UnitId))
                .col(uuid(DormCheckBreaches::CheckId))
                .col(uuid(DormCheckBreaches::PersonId))
                .col(uuid(DormCheckBreaches::ViolationId))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_dorm_check_breaches_check")
                .table(DormCheckBreaches::Table)
                .col(DormCheckBreaches::CheckId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            DormCheckBreaches::Table.into_iden(),
            DormCheckPhotos::Table.into_iden(),
            DormChecks::Table.into_iden(),
            DormVisits::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        for col in [
            DormSettings::Checklist.into_iden(),
            DormSettings::CheckEveryDays.into_iden(),
            DormSettings::VisitsUntil.into_iden(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(DormSettings::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
