//! The register of fire-safety equipment and security cameras: each item
//! with where it is and the dates that matter for its kind, the unit's own
//! intervals per kind, each item's history, and the faults reported on an
//! item (from its label by anyone, with one photo re-encoded).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    binary_null, boolean, date_null, integer_null, pk_uuid, string, string_null, text, text_null,
    timestamp_with_time_zone, timestamp_with_time_zone_null, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Units {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum EquipmentItems {
    Table,
    Id,
    UnitId,
    Code,
    Kind,
    Name,
    CampusId,
    Place,
    Maker,
    MadeOn,
    InstalledOn,
    LastCheck,
    LastService,
    LastPressureTest,
    ExpiresOn,
    State,
    Note,
    Label,
    SearchKey,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum EquipmentIntervals {
    Table,
    UnitId,
    Kind,
    CheckDays,
    ServiceMonths,
    PressureTestYears,
}

#[derive(DeriveIden, Clone, Copy)]
enum EquipmentEvents {
    Table,
    Id,
    UnitId,
    EquipmentId,
    At,
    Day,
    Kind,
    Note,
    RecordedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum EquipmentFaults {
    Table,
    Id,
    UnitId,
    EquipmentId,
    ReportedAt,
    Description,
    ReportedBy,
    Public,
    Photo,
    State,
    ClosedAt,
    ClosedBy,
    ClosingNote,
}

fn of_unit<T: Iden + Copy + 'static>(name: &str, table: T, column: T) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, column)
        .to(Units::Table, Units::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn of_item<T: Iden + Copy + 'static>(name: &str, table: T, column: T) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, column)
        .to(EquipmentItems::Table, EquipmentItems::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(EquipmentItems::Table)
                .col(pk_uuid(EquipmentItems::Id))
                .col(uuid(EquipmentItems::UnitId))
                .col(string(EquipmentItems::Code))
                .col(string(EquipmentItems::Kind))
                .col(string(EquipmentItems::Name))
                .col(uuid_null(EquipmentItems::CampusId))
                .col(string(EquipmentItems::Place))
                .col(string_null(EquipmentItems::Maker))
                .col(date_null(EquipmentItems::MadeOn))
                .col(date_null(EquipmentItems::InstalledOn))
                .col(date_null(EquipmentItems::LastCheck))
                .col(date_null(EquipmentItems::LastService))
                .col(date_null(EquipmentItems::LastPressureTest))
                .col(date_null(EquipmentItems::ExpiresOn))
                .col(string(EquipmentItems::State))
                .col(text_null(EquipmentItems::Note))
                .col(string(EquipmentItems::Label))
                .col(string(EquipmentItems::SearchKey))
                .col(timestamp_with_time_zone(EquipmentItems::CreatedAt))
                .col(timestamp_with_time_zone(EquipmentItems::UpdatedAt))
                .foreign_key(&mut of_unit(
                    "fk_equipment_items_unit",
                    EquipmentItems::Table,
                    EquipmentItems::UnitId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_equipment_items_unit_code")
                .table(EquipmentItems::Table)
                .col(EquipmentItems::UnitId)
                .col(EquipmentItems::Code)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_equipment_items_label")
                .table(EquipmentItems::Table)
                .col(EquipmentItems::Label)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(EquipmentIntervals::Table)
                .col(uuid(EquipmentIntervals::UnitId))
                .col(string(EquipmentIntervals::Kind))
                .col(integer_null(EquipmentIntervals::CheckDays))
                .col(integer_null(EquipmentIntervals::ServiceMonths))
                .col(integer_null(EquipmentIntervals::PressureTestYears))
                .primary_key(
                    Index::create()
                        .col(EquipmentIntervals::UnitId)
                        .col(EquipmentIntervals::Kind),
                )
                .foreign_key(&mut of_unit(
                    "fk_equipment_intervals_unit",
                    EquipmentIntervals::Table,
                    EquipmentIntervals::UnitId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(EquipmentEvents::Table)
                .col(pk_uuid(EquipmentEvents::Id))
                .col(uuid(EquipmentEvents::UnitId))
                .col(uuid(EquipmentEvents::EquipmentId))
                .col(timestamp_with_time_zone(EquipmentEvents::At))
                .col(date_null(EquipmentEvents::Day))
                .col(string(EquipmentEvents::Kind))
                .col(text(EquipmentEvents::Note))
                .col(string_null(EquipmentEvents::RecordedBy))
                .foreign_key(&mut of_item(
                    "fk_equipment_events_item",
                    EquipmentEvents::Table,
                    EquipmentEvents::EquipmentId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_equipment_events_item")
                .table(EquipmentEvents::Table)
                .col(EquipmentEvents::EquipmentId)
                .col(EquipmentEvents::At)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(EquipmentFaults::Table)
                .col(pk_uuid(EquipmentFaults::Id))
                .col(uuid(EquipmentFaults::UnitId))
                .col(uuid(EquipmentFaults::EquipmentId))
                .col(timestamp_with_time_zone(EquipmentFaults::ReportedAt))
                .col(text(EquipmentFaults::Description))
                .col(string_null(EquipmentFaults::ReportedBy))
                .col(boolean(EquipmentFaults::Public))
                .col(binary_null(EquipmentFaults::Photo))
                .col(string(EquipmentFaults::State))
                .col(timestamp_with_time_zone_null(EquipmentFaults::ClosedAt))
                .col(string_null(EquipmentFaults::ClosedBy))
                .col(text_null(EquipmentFaults::ClosingNote))
                .foreign_key(&mut of_item(
                    "fk_equipment_faults_item",
                    EquipmentFaults::Table,
                    EquipmentFaults::EquipmentId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_equipment_faults_unit_state")
                .table(EquipmentFaults::Table)
                .col(EquipmentFaults::UnitId)
                .col(EquipmentFaults::State)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            EquipmentFaults::Table.to_string(),
            EquipmentEvents::Table.to_string(),
            EquipmentIntervals::Table.to_string(),
            EquipmentItems::Table.to_string(),
        ] {
            m.drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
