//! The assessment of a unit's movement year: the ratings of its departments
//! and security force, its self-assessment from registration to the
//! recognition decision (meeting, dossier, overrides and scores kept as
//! JSON, read and written whole), the steps it went through, the score
//! sheets provinces load, and the yearly report's own words and the copy
//! kept as submitted.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    binary_null, date, integer, pk_uuid, string, string_null, text, text_null,
    timestamp_with_time_zone, timestamp_with_time_zone_null, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Ratings {
    Table,
    UnitId,
    Year,
    /// A department's id, or "security_force".
    Subject,
    Rating,
    RatedBy,
    RatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Assessments {
    Table,
    UnitId,
    Year,
    State,
    RegisteredOn,
    Meeting,
    Dossier,
    Decision,
    ReturnedBecause,
    Overrides,
    Scores,
    ReviewedScores,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AssessmentSteps {
    Table,
    Id,
    UnitId,
    Year,
    State,
    At,
    ByUser,
    Note,
}

#[derive(DeriveIden, Clone, Copy)]
enum Rubrics {
    Table,
    Id,
    AuthorityId,
    Kind,
    Code,
    Content,
    LoadedBy,
    LoadedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum YearlyReports {
    Table,
    UnitId,
    Year,
    Texts,
    SubmittedAt,
    SubmittedBy,
    Document,
    UpdatedAt,
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
                .table(Ratings::Table)
                .col(uuid(Ratings::UnitId))
                .col(integer(Ratings::Year))
                .col(string(Ratings::Subject))
                .col(string(Ratings::Rating))
                .col(uuid_null(Ratings::RatedBy))
                .col(timestamp_with_time_zone(Ratings::RatedAt))
                .primary_key(
                    Index::create()
                        .col(Ratings::UnitId)
                        .col(Ratings::Year)
                        .col(Ratings::Subject),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_ratings_unit")
                        .from(Ratings::Table, Ratings::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Assessments::Table)
                .col(uuid(Assessments::UnitId))
                .col(integer(Assessments::Year))
                .col(string(Assessments::State))
                .col(date(Assessments::RegisteredOn))
                .col(text(Assessments::Meeting))
                .col(text(Assessments::Dossier))
                .col(text_null(Assessments::Decision))
                .col(text_null(Assessments::ReturnedBecause))
                .col(text(Assessments::Overrides))
                .col(text(Assessments::Scores))
                .col(text(Assessments::ReviewedScores))
                .col(timestamp_with_time_zone(Assessments::UpdatedAt))
                .primary_key(
                    Index::create()
                        .col(Assessments::UnitId)
                        .col(Assessments::Year),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_assessments_unit")
                        .from(Assessments::Table, Assessments::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(AssessmentSteps::Table)
                .col(pk_uuid(AssessmentSteps::Id))
                .col(uuid(AssessmentSteps::UnitId))
                .col(integer(AssessmentSteps::Year))
                .col(string(AssessmentSteps::State))
                .col(timestamp_with_time_zone(AssessmentSteps::At))
                .col(string(AssessmentSteps::ByUser))
                .col(text(AssessmentSteps::Note))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_assessment_steps_assessment")
                        .from(
                            AssessmentSteps::Table,
                            (AssessmentSteps::UnitId, AssessmentSteps::Year),
                        )
                        .to(Assessments::Table, (Assessments::UnitId, Assessments::Year))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_assessment_steps_year")
                .table(AssessmentSteps::Table)
                .col(AssessmentSteps::UnitId)
                .col(AssessmentSteps::Year)
                .col(AssessmentSteps::At)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Rubrics::Table)
                .col(pk_uuid(Rubrics::Id))
                .col(uuid(Rubrics::AuthorityId))
                .col(string(Rubrics::Kind))
                .col(string(Rubrics::Code))
                .col(text(Rubrics::Content))
                .col(string_null(Rubrics::LoadedBy))
                .col(timestamp_with_time_zone(Rubrics::LoadedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_rubrics_authority")
                        .from(Rubrics::Table, Rubrics::AuthorityId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_rubrics_authority")
                .table(Rubrics::Table)
                .col(Rubrics::AuthorityId)
                .col(Rubrics::Kind)
                .col(Rubrics::LoadedAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(YearlyReports::Table)
                .col(uuid(YearlyReports::UnitId))
                .col(integer(YearlyReports::Year))
                .col(text(YearlyReports::Texts))
                .col(timestamp_with_time_zone_null(YearlyReports::SubmittedAt))
                .col(string_null(YearlyReports::SubmittedBy))
                .col(binary_null(YearlyReports::Document))
                .col(timestamp_with_time_zone(YearlyReports::UpdatedAt))
                .primary_key(
                    Index::create()
                        .col(YearlyReports::UnitId)
                        .col(YearlyReports::Year),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_yearly_reports_unit")
                        .from(YearlyReports::Table, YearlyReports::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            YearlyReports::Table.into_iden(),
            Rubrics::Table.into_iden(),
            AssessmentSteps::Table.into_iden(),
            Assessments::Table.into_iden(),
            Ratings::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
