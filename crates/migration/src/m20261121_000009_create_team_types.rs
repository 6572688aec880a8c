//! The catalogue of model and team types of each unit ("Cổng trường an
//! toàn giao thông", "Đội phòng cháy chữa cháy và cứu nạn cứu hộ"…), and
//! the type of each group, by name (a type in use cannot be removed).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{integer, string, string_null, uuid};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum TeamTypes {
    Table,
    UnitId,
    Kind,
    Name,
    Position,
}

#[derive(DeriveIden, Clone, Copy)]
enum Teams {
    Table,
    TypeName,
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
                .table(TeamTypes::Table)
                .col(uuid(TeamTypes::UnitId))
                .col(string(TeamTypes::Kind))
                .col(string(TeamTypes::Name))
                .col(integer(TeamTypes::Position))
                .primary_key(
                    Index::create()
                        .col(TeamTypes::UnitId)
                        .col(TeamTypes::Kind)
                        .col(TeamTypes::Name),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_team_types_unit")
                        .from(TeamTypes::Table, TeamTypes::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Teams::Table)
                .add_column(string_null(Teams::TypeName))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Teams::Table)
                .drop_column(Teams::TypeName)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(TeamTypes::Table).to_owned())
            .await
    }
}
