//! What the guards ask of a month (days they would rather not work,
//! cannot work, or are on leave) and whether they have sent it; the days
//! of reinforcement (public holidays, the unit's own events) with the
//! extra shifts that the self-defence platoon or another team may stand;
//! the nights whose missed patrol rounds were already reported; and the
//! guards' requests to have a shift stood by another, which the other
//! agrees to and the office approves; and the nights a patrol round
//! counts, so a round taken off keeps judging the nights before.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, boolean, date, date_null, pk_uuid, string, string_null, text,
    timestamp_with_time_zone, timestamp_with_time_zone_null, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum DutyWishes {
    Table,
    UnitId,
    PersonId,
    Day,
    Kind,
    Note,
}

#[derive(DeriveIden, Clone, Copy)]
enum DutyWishMonths {
    Table,
    UnitId,
    PersonId,
    Month,
    SentAt,
    SentBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum DutyEvents {
    Table,
    Id,
    UnitId,
    Name,
    Holidays,
    FirstDay,
    LastDay,
    PostId,
    Shifts,
    TeamId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PatrolReports {
    Table,
    UnitId,
    Night,
    ReportedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum DutySwaps {
    Table,
    Id,
    UnitId,
    Month,
    Shift,
    FromPerson,
    ToPerson,
    Reason,
    State,
    AskedAt,
    DecidedBy,
    DecidedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PatrolRounds {
    Table,
    FirstNight,
    LastNight,
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
        // A round taken off keeps judging the nights it counted (one
        // column a statement: SQLite alters one at a time).
        for column in [PatrolRounds::FirstNight, PatrolRounds::LastNight] {
            m.alter_table(
                Table::alter()
                    .table(PatrolRounds::Table)
                    .add_column(date_null(column))
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table(DutyWishes::Table)
                .col(uuid(DutyWishes::UnitId))
                .col(uuid(DutyWishes::PersonId))
                .col(date(DutyWishes::Day))
                .col(string(DutyWishes::Kind))
                .col(string(DutyWishes::Note))
                .primary_key(
                    Index::create()
                        .col(DutyWishes::UnitId)
                        .col(DutyWishes::PersonId)
                        .col(DutyWishes::Day),
                )
                .foreign_key(&mut of_unit(
                    "fk_duty_wishes_unit",
                    DutyWishes::Table,
                    DutyWishes::UnitId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(DutyWishMonths::Table)
                .col(uuid(DutyWishMonths::UnitId))
                .col(uuid(DutyWishMonths::PersonId))
                .col(date(DutyWishMonths::Month))
                .col(timestamp_with_time_zone(DutyWishMonths::SentAt))
                .col(string(DutyWishMonths::SentBy))
                .primary_key(
                    Index::create()
                        .col(DutyWishMonths::UnitId)
                        .col(DutyWishMonths::PersonId)
                        .col(DutyWishMonths::Month),
                )
                .foreign_key(&mut of_unit(
                    "fk_duty_wish_months_unit",
                    DutyWishMonths::Table,
                    DutyWishMonths::UnitId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(DutyEvents::Table)
                .col(pk_uuid(DutyEvents::Id))
                .col(uuid(DutyEvents::UnitId))
                .col(string(DutyEvents::Name))
                .col(boolean(DutyEvents::Holidays))
                .col(date_null(DutyEvents::FirstDay))
                .col(date_null(DutyEvents::LastDay))
                .col(uuid(DutyEvents::PostId))
                .col(text(DutyEvents::Shifts))
                .col(uuid_null(DutyEvents::TeamId))
                .col(timestamp_with_time_zone(DutyEvents::CreatedAt))
                .foreign_key(&mut of_unit(
                    "fk_duty_events_unit",
                    DutyEvents::Table,
                    DutyEvents::UnitId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PatrolReports::Table)
                .col(uuid(PatrolReports::UnitId))
                .col(date(PatrolReports::Night))
                .col(timestamp_with_time_zone(PatrolReports::ReportedAt))
                .primary_key(
                    Index::create()
                        .col(PatrolReports::UnitId)
                        .col(PatrolReports::Night),
                )
                .foreign_key(&mut of_unit(
                    "fk_patrol_reports_unit",
                    PatrolReports::Table,
                    PatrolReports::UnitId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(DutySwaps::Table)
                .col(pk_uuid(DutySwaps::Id))
                .col(uuid(DutySwaps::UnitId))
                .col(date(DutySwaps::Month))
                .col(big_integer(DutySwaps::Shift))
                .col(uuid(DutySwaps::FromPerson))
                .col(uuid(DutySwaps::ToPerson))
                .col(text(DutySwaps::Reason))
                .col(string(DutySwaps::State))
                .col(timestamp_with_time_zone(DutySwaps::AskedAt))
                .col(string_null(DutySwaps::DecidedBy))
                .col(timestamp_with_time_zone_null(DutySwaps::DecidedAt))
                .foreign_key(&mut of_unit(
                    "fk_duty_swaps_unit",
                    DutySwaps::Table,
                    DutySwaps::UnitId,
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            DutySwaps::Table.to_string(),
            PatrolReports::Table.to_string(),
            DutyEvents::Table.to_string(),
            DutyWishMonths::Table.to_string(),
            DutyWishes::Table.to_string(),
        ] {
            m.drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        for column in [PatrolRounds::FirstNight, PatrolRounds::LastNight] {
            m.alter_table(
                Table::alter()
                    .table(PatrolRounds::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
