//! The gate and the patrols: checkpoints with their label secrets, the
//! rounds that walk them, the scans; visitors, the people not let in, and
//! each unit's gate settings.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    boolean, integer, pk_uuid, string, text, timestamp_with_time_zone,
    timestamp_with_time_zone_null, uuid,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Checkpoints {
    Table,
    Id,
    UnitId,
    CampusId,
    Code,
    Name,
    Secret,
    Active,
}

#[derive(DeriveIden, Clone, Copy)]
enum PatrolRounds {
    Table,
    Id,
    UnitId,
    CampusId,
    Name,
    Starts,
    Ends,
    EveryMinutes,
    Checkpoints,
}

#[derive(DeriveIden, Clone, Copy)]
enum PatrolScans {
    Table,
    Id,
    UnitId,
    CampusId,
    CheckpointId,
    At,
    RecordedAt,
    Account,
    GuardName,
    Partners,
}

#[derive(DeriveIden, Clone, Copy)]
enum GateVisitors {
    Table,
    Id,
    UnitId,
    CampusId,
    Name,
    Document,
    DocumentNumber,
    Visiting,
    VehiclePlate,
    ArrivedAt,
    LeftAt,
    RecordedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum BarredPeople {
    Table,
    Id,
    UnitId,
    Name,
    DocumentNumber,
    Reason,
    AddedAt,
    AddedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum GateSettings {
    Table,
    UnitId,
    FullNumbers,
    Closing,
}

#[derive(DeriveIden, Clone, Copy)]
enum Units {
    Table,
    Id,
}

fn of_unit<T: Iden + Copy + 'static>(name: &str, table: T, column: T) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, column)
        .to(Units::Table, Units::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Checkpoints::Table)
                .col(pk_uuid(Checkpoints::Id))
                .col(uuid(Checkpoints::UnitId))
                .col(uuid(Checkpoints::CampusId))
                .col(string(Checkpoints::Code))
                .col(string(Checkpoints::Name))
                .col(string(Checkpoints::Secret))
                .col(boolean(Checkpoints::Active))
                .foreign_key(&mut of_unit(
                    "fk_checkpoints_unit",
                    Checkpoints::Table,
                    Checkpoints::UnitId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_checkpoints_unit_code")
                .table(Checkpoints::Table)
                .col(Checkpoints::UnitId)
                .col(Checkpoints::Code)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PatrolRounds::Table)
                .col(pk_uuid(PatrolRounds::Id))
                .col(uuid(PatrolRounds::UnitId))
                .col(uuid(PatrolRounds::CampusId))
                .col(string(PatrolRounds::Name))
                .col(string(PatrolRounds::Starts))
                .col(string(PatrolRounds::Ends))
                .col(integer(PatrolRounds::EveryMinutes))
                .col(text(PatrolRounds::Checkpoints))
                .foreign_key(&mut of_unit(
                    "fk_patrol_rounds_unit",
                    PatrolRounds::Table,
                    PatrolRounds::UnitId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PatrolScans::Table)
                .col(pk_uuid(PatrolScans::Id))
                .col(uuid(PatrolScans::UnitId))
                .col(uuid(PatrolScans::CampusId))
                .col(uuid(PatrolScans::CheckpointId))
                .col(timestamp_with_time_zone(PatrolScans::At))
                .col(timestamp_with_time_zone(PatrolScans::RecordedAt))
                .col(string(PatrolScans::Account))
                .col(string(PatrolScans::GuardName))
                .col(string(PatrolScans::Partners))
                .foreign_key(&mut of_unit(
                    "fk_patrol_scans_unit",
                    PatrolScans::Table,
                    PatrolScans::UnitId,
                ))
                .to_owned(),
        )
        .await?;
        // A scan sent twice (the phone resends when the answer was lost)
        // is one scan.
        m.create_index(
            Index::create()
                .name("ux_patrol_scans_once")
                .table(PatrolScans::Table)
                .col(PatrolScans::CheckpointId)
                .col(PatrolScans::Account)
                .col(PatrolScans::At)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_patrol_scans_unit_campus_at")
                .table(PatrolScans::Table)
                .col(PatrolScans::UnitId)
                .col(PatrolScans::CampusId)
                .col(PatrolScans::At)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(GateVisitors::Table)
                .col(pk_uuid(GateVisitors::Id))
                .col(uuid(GateVisitors::UnitId))
                .col(uuid(GateVisitors::CampusId))
                .col(string(GateVisitors::Name))
                .col(string(GateVisitors::Document))
                .col(string(GateVisitors::DocumentNumber))
                .col(string(GateVisitors::Visiting))
                .col(string(GateVisitors::VehiclePlate))
                .col(timestamp_with_time_zone(GateVisitors::ArrivedAt))
                .col(timestamp_with_time_zone_null(GateVisitors::LeftAt))
                .col(string(GateVisitors::RecordedBy))
                .foreign_key(&mut of_unit(
                    "fk_gate_visitors_unit",
                    GateVisitors::Table,
                    GateVisitors::UnitId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_gate_visitors_unit_arrived")
                .table(GateVisitors::Table)
                .col(GateVisitors::UnitId)
                .col(GateVisitors::ArrivedAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(BarredPeople::Table)
                .col(pk_uuid(BarredPeople::Id))
                .col(uuid(BarredPeople::UnitId))
                .col(string(BarredPeople::Name))
                .col(string(BarredPeople::DocumentNumber))
                .col(text(BarredPeople::Reason))
                .col(timestamp_with_time_zone(BarredPeople::AddedAt))
                .col(string(BarredPeople::AddedBy))
                .foreign_key(&mut of_unit(
                    "fk_barred_people_unit",
                    BarredPeople::Table,
                    BarredPeople::UnitId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(GateSettings::Table)
                .col(pk_uuid(GateSettings::UnitId))
                .col(boolean(GateSettings::FullNumbers))
                .col(string(GateSettings::Closing))
                .foreign_key(&mut of_unit(
                    "fk_gate_settings_unit",
                    GateSettings::Table,
                    GateSettings::UnitId,
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            GateSettings::Table.to_string(),
            BarredPeople::Table.to_string(),
            GateVisitors::Table.to_string(),
            PatrolScans::Table.to_string(),
            PatrolRounds::Table.to_string(),
            Checkpoints::Table.to_string(),
        ] {
            m.drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
