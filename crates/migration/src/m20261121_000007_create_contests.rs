//! The law contest: a unit's contests, each contest's question bank, and
//! one attempt per person per contest (the key), with the questions drawn
//! for it, the answers given and the score.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    date, integer, integer_null, pk_uuid, string, text, text_null, timestamp_with_time_zone,
    timestamp_with_time_zone_null, uuid,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Contests {
    Table,
    Id,
    UnitId,
    Year,
    Title,
    OpensOn,
    ClosesOn,
    Minutes,
    QuestionsPerAttempt,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ContestQuestions {
    Table,
    Id,
    UnitId,
    ContestId,
    Position,
    Text,
    Kind,
    /// The choices as a JSON array of strings.
    Choices,
    /// The right choices' indices, comma separated ("0,2").
    Answer,
}

#[derive(DeriveIden, Clone, Copy)]
enum ContestAttempts {
    Table,
    UnitId,
    ContestId,
    PersonId,
    StartedAt,
    SubmittedAt,
    /// The drawn questions' ids in the order shown, as a JSON array.
    Questions,
    /// The ticked choices per question, as a JSON array of arrays.
    Answers,
    /// Right answers, once submitted.
    Score,
    Total,
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

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Contests::Table)
                .col(pk_uuid(Contests::Id))
                .col(uuid(Contests::UnitId))
                .col(integer(Contests::Year))
                .col(string(Contests::Title))
                .col(date(Contests::OpensOn))
                .col(date(Contests::ClosesOn))
                .col(integer(Contests::Minutes))
                .col(integer(Contests::QuestionsPerAttempt))
                .col(timestamp_with_time_zone(Contests::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_contests_unit")
                        .from(Contests::Table, Contests::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_contests_unit_id")
                .table(Contests::Table)
                .col(Contests::UnitId)
                .col(Contests::Id)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_contests_year")
                .table(Contests::Table)
                .col(Contests::UnitId)
                .col(Contests::Year)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ContestQuestions::Table)
                .col(pk_uuid(ContestQuestions::Id))
                .col(uuid(ContestQuestions::UnitId))
                .col(uuid(ContestQuestions::ContestId))
                .col(integer(ContestQuestions::Position))
                .col(text(ContestQuestions::Text))
                .col(string(ContestQuestions::Kind))
                .col(text(ContestQuestions::Choices))
                .col(string(ContestQuestions::Answer))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_contest_questions_contest")
                        .from(
                            ContestQuestions::Table,
                            (ContestQuestions::UnitId, ContestQuestions::ContestId),
                        )
                        .to(Contests::Table, (Contests::UnitId, Contests::Id))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_contest_questions_position")
                .table(ContestQuestions::Table)
                .col(ContestQuestions::ContestId)
                .col(ContestQuestions::Position)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ContestAttempts::Table)
                .col(uuid(ContestAttempts::UnitId))
                .col(uuid(ContestAttempts::ContestId))
                .col(uuid(ContestAttempts::PersonId))
                .col(timestamp_with_time_zone(ContestAttempts::StartedAt))
                .col(timestamp_with_time_zone_null(ContestAttempts::SubmittedAt))
                .col(text(ContestAttempts::Questions))
                .col(text_null(ContestAttempts::Answers))
                .col(integer_null(ContestAttempts::Score))
                .col(integer(ContestAttempts::Total))
                .primary_key(
                    Index::create()
                        .col(ContestAttempts::ContestId)
                        .col(ContestAttempts::PersonId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_contest_attempts_contest")
                        .from(
                            ContestAttempts::Table,
                            (ContestAttempts::UnitId, ContestAttempts::ContestId),
                        )
                        .to(Contests::Table, (Contests::UnitId, Contests::Id))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_contest_attempts_person")
                        .from(
                            ContestAttempts::Table,
                            (ContestAttempts::UnitId, ContestAttempts::PersonId),
                        )
                        .to(People::Table, (Alias::new("unit_id"), Alias::new("id")))
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ContestAttempts::Table.into_iden(),
            ContestQuestions::Table.into_iden(),
            Contests::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
