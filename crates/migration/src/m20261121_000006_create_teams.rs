//! Models, teams and linked security clusters, their members for a term,
//! and their activity logs; all rows of the same unit as the group and its
//! people (composite foreign keys).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    date, date_null, pk_uuid, string, string_null, text, timestamp_with_time_zone, uuid,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Teams {
    Table,
    Id,
    UnitId,
    Kind,
    Name,
    DecisionNumber,
    DecisionDate,
    DecisionSigner,
    Partners,
    Status,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum TeamMembers {
    Table,
    UnitId,
    TeamId,
    PersonId,
    Role,
    FromOn,
    UntilOn,
}

#[derive(DeriveIden, Clone, Copy)]
enum TeamActivities {
    Table,
    Id,
    UnitId,
    TeamId,
    HeldOn,
    Body,
    CreatedAt,
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

fn same_unit(
    name: &str,
    from: impl IntoIden + Copy + 'static,
    col: &'static str,
    to: impl IntoIden + Copy + 'static,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from, (Alias::new("unit_id"), Alias::new(col)))
        .to(to, (Alias::new("unit_id"), Alias::new("id")))
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Teams::Table)
                .col(pk_uuid(Teams::Id))
                .col(uuid(Teams::UnitId))
                .col(string(Teams::Kind))
                .col(string(Teams::Name))
                .col(string_null(Teams::DecisionNumber))
                .col(date_null(Teams::DecisionDate))
                .col(string_null(Teams::DecisionSigner))
                // Outside partners of a cluster: a JSON array of names.
                .col(text(Teams::Partners))
                .col(string(Teams::Status))
                .col(timestamp_with_time_zone(Teams::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_teams_unit")
                        .from(Teams::Table, Teams::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_teams_unit_id")
                .table(Teams::Table)
                .unique()
                .col(Teams::UnitId)
                .col(Teams::Id)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_teams_name")
                .table(Teams::Table)
                .unique()
                .col(Teams::UnitId)
                .col(Teams::Name)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(TeamMembers::Table)
                .col(uuid(TeamMembers::UnitId))
                .col(uuid(TeamMembers::TeamId))
                .col(uuid(TeamMembers::PersonId))
                .col(string(TeamMembers::Role))
                .col(date(TeamMembers::FromOn))
                .col(date_null(TeamMembers::UntilOn))
                .primary_key(
                    Index::create()
                        .col(TeamMembers::TeamId)
                        .col(TeamMembers::PersonId)
                        .col(TeamMembers::FromOn),
                )
                .foreign_key(&mut same_unit(
                    "fk_team_members_team",
                    TeamMembers::Table,
                    "team_id",
                    Teams::Table,
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut same_unit(
                    "fk_team_members_person",
                    TeamMembers::Table,
                    "person_id",
                    People::Table,
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(TeamActivities::Table)
                .col(pk_uuid(TeamActivities::Id))
                .col(uuid(TeamActivities::UnitId))
                .col(uuid(TeamActivities::TeamId))
                .col(date(TeamActivities::HeldOn))
                .col(text(TeamActivities::Body))
                .col(timestamp_with_time_zone(TeamActivities::CreatedAt))
                .foreign_key(&mut same_unit(
                    "fk_team_activities_team",
                    TeamActivities::Table,
                    "team_id",
                    Teams::Table,
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_team_activities_team")
                .table(TeamActivities::Table)
                .col(TeamActivities::UnitId)
                .col(TeamActivities::TeamId)
                .col(TeamActivities::HeldOn)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(TeamActivities::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(TeamMembers::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Teams::Table).to_owned())
            .await
    }
}
