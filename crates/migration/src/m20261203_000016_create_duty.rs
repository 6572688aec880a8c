//! Guard duty: the posts of each campus with their shift patterns, the
//! guards of the unit (home campus, skills), and each month's roster, its
//! shifts kept together as one document (JSON), as they are made,
//! published and repaired together.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    date, pk_uuid, string, string_null, text, timestamp_with_time_zone,
    timestamp_with_time_zone_null, uuid,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum DutyPosts {
    Table,
    Id,
    UnitId,
    CampusId,
    Name,
    Skill,
    Shifts,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum DutyGuards {
    Table,
    UnitId,
    PersonId,
    CampusId,
    Skills,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Rosters {
    Table,
    Id,
    UnitId,
    Month,
    State,
    Shifts,
    PublishedAt,
    PublishedBy,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Units {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum People {
    Table,
    Id,
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(DutyPosts::Table)
                .col(pk_uuid(DutyPosts::Id))
                .col(uuid(DutyPosts::UnitId))
                .col(uuid(DutyPosts::CampusId))
                .col(string(DutyPosts::Name))
                .col(string_null(DutyPosts::Skill))
                .col(text(DutyPosts::Shifts))
                .col(timestamp_with_time_zone(DutyPosts::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_duty_posts_unit")
                        .from(DutyPosts::Table, DutyPosts::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(DutyGuards::Table)
                .col(uuid(DutyGuards::UnitId))
                .col(uuid(DutyGuards::PersonId))
                .col(uuid(DutyGuards::CampusId))
                .col(string(DutyGuards::Skills))
                .col(timestamp_with_time_zone(DutyGuards::CreatedAt))
                .primary_key(
                    Index::create()
                        .col(DutyGuards::UnitId)
                        .col(DutyGuards::PersonId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_duty_guards_person")
                        .from(DutyGuards::Table, DutyGuards::PersonId)
                        .to(People::Table, People::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Rosters::Table)
                .col(pk_uuid(Rosters::Id))
                .col(uuid(Rosters::UnitId))
                .col(date(Rosters::Month))
                .col(string(Rosters::State))
                .col(text(Rosters::Shifts))
                .col(timestamp_with_time_zone_null(Rosters::PublishedAt))
                .col(string_null(Rosters::PublishedBy))
                .col(timestamp_with_time_zone(Rosters::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_rosters_unit")
                        .from(Rosters::Table, Rosters::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_rosters_unit_month")
                .table(Rosters::Table)
                .col(Rosters::UnitId)
                .col(Rosters::Month)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Rosters::Table.into_iden(),
            DutyGuards::Table.into_iden(),
            DutyPosts::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
