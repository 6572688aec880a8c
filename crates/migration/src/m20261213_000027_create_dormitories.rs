//! Boarding students: the dormitory board, buildings, rooms, who lives
//! where (history kept), the roll-call times, each night's marks, leave
//! requests and the alerts an absence sends.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    boolean, date, date_null, integer, pk_uuid, string, string_null, text,
    timestamp_with_time_zone, timestamp_with_time_zone_null, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum DormBoard {
    Table,
    Id,
    UnitId,
    PersonId,
    Duty,
}

#[derive(DeriveIden, Clone, Copy)]
enum DormBuildings {
    Table,
    Id,
    UnitId,
    CampusId,
    Name,
    SupervisorId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum DormRooms {
    Table,
    Id,
    UnitId,
    BuildingId,
    Name,
    Floor,
    Capacity,
    Gender,
    LeaderId,
}

#[derive(DeriveIden, Clone, Copy)]
enum DormResidences {
    Table,
    Id,
    UnitId,
    PersonId,
    RoomId,
    Bed,
    FromDay,
    UntilDay,
    RecordedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum DormSettings {
    Table,
    UnitId,
    CallTime,
    Deadline,
}

#[derive(DeriveIden, Clone, Copy)]
enum DormMarks {
    Table,
    Id,
    UnitId,
    Night,
    PersonId,
    RoomId,
    Mark,
    LeaveId,
    Note,
    MarkedBy,
    MarkedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum DormLeaves {
    Table,
    Id,
    UnitId,
    PersonId,
    FromAt,
    UntilAt,
    Destination,
    Reason,
    State,
    AskedBy,
    AskedAt,
    DecidedBy,
    DecidedAt,
    DecisionNote,
    Late,
    ReturnedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum DormAlerts {
    Table,
    Id,
    UnitId,
    UserId,
    PersonId,
    Night,
    Kind,
    At,
    ReadAt,
    MailedAt,
}

fn index(name: &str, table: impl IntoIden, cols: &[DynIden], unique: bool) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(c.clone());
    }
    if unique {
        i.unique();
    }
    i
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(DormBoard::Table)
                .col(pk_uuid(DormBoard::Id))
                .col(uuid(DormBoard::UnitId))
                .col(uuid(DormBoard::PersonId))
                .col(string(DormBoard::Duty))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_dorm_board_unit_person",
            DormBoard::Table,
            &[
                DormBoard::UnitId.into_iden(),
                DormBoard::PersonId.into_iden(),
            ],
            true,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(DormBuildings::Table)
                .col(pk_uuid(DormBuildings::Id))
                .col(uuid(DormBuildings::UnitId))
                .col(uuid_null(DormBuildings::CampusId))
                .col(string(DormBuildings::Name))
                .col(uuid_null(DormBuildings::SupervisorId))
                .col(timestamp_with_time_zone(DormBuildings::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_dorm_buildings_unit_name",
            DormBuildings::Table,
            &[
                DormBuildings::UnitId.into_iden(),
                DormBuildings::Name.into_iden(),
            ],
            true,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(DormRooms::Table)
                .col(pk_uuid(DormRooms::Id))
                .col(uuid(DormRooms::UnitId))
                .col(uuid(DormRooms::BuildingId))
                .col(string(DormRooms::Name))
                .col(integer(DormRooms::Floor))
                .col(integer(DormRooms::Capacity))
                .col(string_null(DormRooms::Gender))
                .col(uuid_null(DormRooms::LeaderId))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_dorm_rooms_building")
                        .from(DormRooms::Table, DormRooms::BuildingId)
                        .to(DormBuildings::Table, DormBuildings::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_dorm_rooms_building_name",
            DormRooms::Table,
            &[
                DormRooms::BuildingId.into_iden(),
                DormRooms::Name.into_iden(),
            ],
            true,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(DormResidences::Table)
                .col(pk_uuid(DormResidences::Id))
                .col(uuid(DormResidences::UnitId))
                .col(uuid(DormResidences::PersonId))
                .col(uuid(DormResidences::RoomId))
                .col(integer(DormResidences::Bed))
                .col(date(DormResidences::FromDay))
                .col(date_null(DormResidences::UntilDay))
                .col(string(DormResidences::RecordedBy))
                .col(timestamp_with_time_zone(DormResidences::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_dorm_residences_room")
                        .from(DormResidences::Table, DormResidences::RoomId)
                        .to(DormRooms::Table, DormRooms::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_dorm_residences_unit_person",
            DormResidences::Table,
            &[
                DormResidences::UnitId.into_iden(),
                DormResidences::PersonId.into_iden(),
            ],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_dorm_residences_room",
            DormResidences::Table,
            &[DormResidences::RoomId.into_iden()],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(DormSettings::Table)
                .col(pk_uuid(DormSettings::UnitId))
                .col(string(DormSettings::CallTime))
                .col(string(DormSettings::Deadline))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(DormMarks::Table)
                .col(pk_uuid(DormMarks::Id))
                .col(uuid(DormMarks::UnitId))
                .col(date(DormMarks::Night))
                .col(uuid(DormMarks::PersonId))
                .col(uuid(DormMarks::RoomId))
                .col(string(DormMarks::Mark))
                .col(uuid_null(DormMarks::LeaveId))
                .col(text(DormMarks::Note))
                .col(string(DormMarks::MarkedBy))
                .col(timestamp_with_time_zone(DormMarks::MarkedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_dorm_marks_night_person",
            DormMarks::Table,
            &[
                DormMarks::Night.into_iden(),
                DormMarks::PersonId.into_iden(),
            ],
            true,
        ))
        .await?;
        m.create_index(index(
            "ix_dorm_marks_unit_night",
            DormMarks::Table,
            &[DormMarks::UnitId.into_iden(), DormMarks::Night.into_iden()],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(DormLeaves::Table)
                .col(pk_uuid(DormLeaves::Id))
                .col(uuid(DormLeaves::UnitId))
                .col(uuid(DormLeaves::PersonId))
                .col(timestamp_with_time_zone(DormLeaves::FromAt))
                .col(timestamp_with_time_zone(DormLeaves::UntilAt))
                .col(string(DormLeaves::Destination))
                .col(text(DormLeaves::Reason))
                .col(string(DormLeaves::State))
                .col(string(DormLeaves::AskedBy))
                .col(timestamp_with_time_zone(DormLeaves::AskedAt))
                .col(string_null(DormLeaves::DecidedBy))
                .col(timestamp_with_time_zone_null(DormLeaves::DecidedAt))
                .col(text(DormLeaves::DecisionNote))
                .col(boolean(DormLeaves::Late))
                .col(timestamp_with_time_zone_null(DormLeaves::ReturnedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_dorm_leaves_unit_until",
            DormLeaves::Table,
            &[
                DormLeaves::UnitId.into_iden(),
                DormLeaves::UntilAt.into_iden(),
            ],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(DormAlerts::Table)
                .col(pk_uuid(DormAlerts::Id))
                .col(uuid(DormAlerts::UnitId))
                .col(uuid(DormAlerts::UserId))
                .col(uuid(DormAlerts::PersonId))
                .col(date(DormAlerts::Night))
                .col(string(DormAlerts::Kind))
                .col(timestamp_with_time_zone(DormAlerts::At))
                .col(timestamp_with_time_zone_null(DormAlerts::ReadAt))
                .col(timestamp_with_time_zone_null(DormAlerts::MailedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_dorm_alerts_once",
            DormAlerts::Table,
            &[
                DormAlerts::UserId.into_iden(),
                DormAlerts::PersonId.into_iden(),
                DormAlerts::Night.into_iden(),
                DormAlerts::Kind.into_iden(),
            ],
            true,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            DormAlerts::Table.into_iden(),
            DormLeaves::Table.into_iden(),
            DormMarks::Table.into_iden(),
            DormSettings::Table.into_iden(),
            DormResidences::Table.into_iden(),
            DormRooms::Table.into_iden(),
            DormBuildings::Table.into_iden(),
            DormBoard::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
