//! Sessions of the movement (buổi tuyên truyền, tập huấn, hội nghị) and who
//! attended them. One attendance per person per session, enforced by the
//! key; a person and a session of the same unit (composite foreign keys).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    integer, pk_uuid, string, string_null, text, timestamp_with_time_zone,
    timestamp_with_time_zone_null, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum MovementSessions {
    Table,
    Id,
    UnitId,
    Kind,
    Title,
    Topics,
    TopicNote,
    Organiser,
    Partner,
    StartsAt,
    Place,
    Audience,
    OutsideCount,
    Materials,
    Posts,
    CheckInCode,
    CheckInUntil,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Attendances {
    Table,
    UnitId,
    SessionId,
    PersonId,
    Method,
    RecordedAt,
    RecordedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum Units {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum People {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}

fn index(
    table: impl IntoIden + Copy + 'static,
    name: &str,
    cols: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    if unique {
        index.unique();
    }
    for col in cols {
        index.col(Alias::new(*col));
    }
    index.clone()
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(MovementSessions::Table)
                .col(pk_uuid(MovementSessions::Id))
                .col(uuid(MovementSessions::UnitId))
                .col(string(MovementSessions::Kind))
                .col(string(MovementSessions::Title))
                // Topic codes, audience and posts as JSON: read and written
                // whole with the session, never queried by their parts.
                .col(text(MovementSessions::Topics))
                .col(string_null(MovementSessions::TopicNote))
                .col(string(MovementSessions::Organiser))
                .col(string_null(MovementSessions::Partner))
                .col(timestamp_with_time_zone(MovementSessions::StartsAt))
                .col(string(MovementSessions::Place))
                .col(text(MovementSessions::Audience))
                .col(integer(MovementSessions::OutsideCount))
                .col(integer(MovementSessions::Materials))
                .col(text(MovementSessions::Posts))
                .col(string_null(MovementSessions::CheckInCode))
                .col(timestamp_with_time_zone_null(
                    MovementSessions::CheckInUntil,
                ))
                .col(timestamp_with_time_zone(MovementSessions::CreatedAt))
                .col(timestamp_with_time_zone(MovementSessions::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_movement_sessions_unit")
                        .from(MovementSessions::Table, MovementSessions::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            MovementSessions::Table,
            "ux_movement_sessions_unit_id",
            &["unit_id", "id"],
            true,
        ))
        .await?;
        m.create_index(index(
            MovementSessions::Table,
            "ix_movement_sessions_start",
            &["unit_id", "starts_at"],
            false,
        ))
        .await?;
        // A code shown on a screen finds its session from any unit's phone.
        m.create_index(index(
            MovementSessions::Table,
            "ux_movement_sessions_check_in",
            &["check_in_code"],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Attendances::Table)
                .col(uuid(Attendances::UnitId))
                .col(uuid(Attendances::SessionId))
                .col(uuid(Attendances::PersonId))
                .col(string(Attendances::Method))
                .col(timestamp_with_time_zone(Attendances::RecordedAt))
                .col(uuid_null(Attendances::RecordedBy))
                .primary_key(
                    Index::create()
                        .col(Attendances::SessionId)
                        .col(Attendances::PersonId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_attendances_session")
                        .from(
                            Attendances::Table,
                            (Attendances::UnitId, Attendances::SessionId),
                        )
                        .to(
                            MovementSessions::Table,
                            (MovementSessions::UnitId, MovementSessions::Id),
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_attendances_person")
                        .from(
                            Attendances::Table,
                            (Attendances::UnitId, Attendances::PersonId),
                        )
                        .to(People::Table, (Alias::new("unit_id"), Alias::new("id")))
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_attendances_user")
                        .from(Attendances::Table, Attendances::RecordedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            Attendances::Table,
            "ix_attendances_person",
            &["unit_id", "person_id"],
            false,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Attendances::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(MovementSessions::Table).to_owned())
            .await
    }
}
