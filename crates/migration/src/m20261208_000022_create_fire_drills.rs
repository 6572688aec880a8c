//! The unit's fire drills (with the evacuation time and what went wrong)
//! and the fire-safety courses its people took, with their certificates.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    date, date_null, integer, integer_null, pk_uuid, string, text, timestamp_with_time_zone, uuid,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Units {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum FireDrills {
    Table,
    Id,
    UnitId,
    HeldOn,
    Scenario,
    Place,
    Participants,
    OutsideForces,
    EvacuationSeconds,
    Findings,
    Actions,
    RecordedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum FireTrainings {
    Table,
    Id,
    UnitId,
    PersonId,
    Kind,
    Course,
    HeldOn,
    Hours,
    Certificate,
    ExpiresOn,
    RecordedBy,
    CreatedAt,
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
                .table(FireDrills::Table)
                .col(pk_uuid(FireDrills::Id))
                .col(uuid(FireDrills::UnitId))
                .col(date(FireDrills::HeldOn))
                .col(text(FireDrills::Scenario))
                .col(string(FireDrills::Place))
                .col(integer(FireDrills::Participants))
                .col(string(FireDrills::OutsideForces))
                .col(integer_null(FireDrills::EvacuationSeconds))
                .col(text(FireDrills::Findings))
                .col(text(FireDrills::Actions))
                .col(string(FireDrills::RecordedBy))
                .col(timestamp_with_time_zone(FireDrills::CreatedAt))
                .foreign_key(&mut of_unit(
                    "fk_fire_drills_unit",
                    FireDrills::Table,
                    FireDrills::UnitId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(FireTrainings::Table)
                .col(pk_uuid(FireTrainings::Id))
                .col(uuid(FireTrainings::UnitId))
                .col(uuid(FireTrainings::PersonId))
                .col(string(FireTrainings::Kind))
                .col(string(FireTrainings::Course))
                .col(date(FireTrainings::HeldOn))
                .col(integer(FireTrainings::Hours))
                .col(string(FireTrainings::Certificate))
                .col(date_null(FireTrainings::ExpiresOn))
                .col(string(FireTrainings::RecordedBy))
                .col(timestamp_with_time_zone(FireTrainings::CreatedAt))
                .foreign_key(&mut of_unit(
                    "fk_fire_trainings_unit",
                    FireTrainings::Table,
                    FireTrainings::UnitId,
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            FireTrainings::Table.to_string(),
            FireDrills::Table.to_string(),
        ] {
            m.drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
