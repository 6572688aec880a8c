//! Checklists the unit writes, the rounds of checks it schedules (what,
//! where, how often, given to whom) and the rounds of a place's checklist
//! done.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    date, integer, pk_uuid, string, string_null, text, timestamp_with_time_zone, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum InspectionTemplates {
    Table,
    Id,
    UnitId,
    Name,
    Kind,
    Questions,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum InspectionSchedules {
    Table,
    Id,
    UnitId,
    Name,
    Kind,
    TemplateId,
    CampusId,
    Place,
    Frequency,
    EveryDays,
    StartsOn,
    PersonId,
    TeamId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum InspectionRounds {
    Table,
    Id,
    UnitId,
    ScheduleId,
    DoneOn,
    Result,
    Note,
    RecordedBy,
    CreatedAt,
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(InspectionTemplates::Table)
                .col(pk_uuid(InspectionTemplates::Id))
                .col(uuid(InspectionTemplates::UnitId))
                .col(string(InspectionTemplates::Name))
                .col(string_null(InspectionTemplates::Kind))
                .col(text(InspectionTemplates::Questions))
                .col(timestamp_with_time_zone(InspectionTemplates::UpdatedAt))
                .to_owned(),
        )
        .await?;
        // One checklist per kind of item; a place's checklists (no kind)
        // are as many as the unit writes.
        m.create_index(
            Index::create()
                .name("ux_inspection_templates_unit_kind")
                .table(InspectionTemplates::Table)
                .col(InspectionTemplates::UnitId)
                .col(InspectionTemplates::Kind)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(InspectionSchedules::Table)
                .col(pk_uuid(InspectionSchedules::Id))
                .col(uuid(InspectionSchedules::UnitId))
                .col(string(InspectionSchedules::Name))
                .col(string_null(InspectionSchedules::Kind))
                .col(uuid_null(InspectionSchedules::TemplateId))
                .col(uuid_null(InspectionSchedules::CampusId))
                .col(string(InspectionSchedules::Place))
                .col(string(InspectionSchedules::Frequency))
                .col(integer(InspectionSchedules::EveryDays))
                .col(date(InspectionSchedules::StartsOn))
                .col(uuid_null(InspectionSchedules::PersonId))
                .col(uuid_null(InspectionSchedules::TeamId))
                .col(timestamp_with_time_zone(InspectionSchedules::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_inspection_schedules_template")
                        .from(InspectionSchedules::Table, InspectionSchedules::TemplateId)
                        .to(InspectionTemplates::Table, InspectionTemplates::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(InspectionRounds::Table)
                .col(pk_uuid(InspectionRounds::Id))
                .col(uuid(InspectionRounds::UnitId))
                .col(uuid(InspectionRounds::ScheduleId))
                .col(date(InspectionRounds::DoneOn))
                .col(string(InspectionRounds::Result))
                .col(text(InspectionRounds::Note))
                .col(string(InspectionRounds::RecordedBy))
                .col(timestamp_with_time_zone(InspectionRounds::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_inspection_rounds_schedule")
                        .from(InspectionRounds::Table, InspectionRounds::ScheduleId)
                        .to(InspectionSchedules::Table, InspectionSchedules::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_inspection_rounds_schedule_day")
                .table(InspectionRounds::Table)
                .col(InspectionRounds::ScheduleId)
                .col(InspectionRounds::DoneOn)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            InspectionRounds::Table.to_string(),
            InspectionSchedules::Table.to_string(),
            InspectionTemplates::Table.to_string(),
        ] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned())
                .await?;
        }
        Ok(())
    }
}
