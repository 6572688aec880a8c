//! The yearly commitment campaign of a unit and who signed it: once per
//! person per campaign (the key), in the app or on paper.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    integer, pk_uuid, string, text, timestamp_with_time_zone, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Commitments {
    Table,
    Id,
    UnitId,
    Year,
    Title,
    Body,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Signatures {
    Table,
    UnitId,
    CommitmentId,
    PersonId,
    Method,
    SignedAt,
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

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Commitments::Table)
                .col(pk_uuid(Commitments::Id))
                .col(uuid(Commitments::UnitId))
                .col(integer(Commitments::Year))
                .col(string(Commitments::Title))
                .col(text(Commitments::Body))
                .col(timestamp_with_time_zone(Commitments::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_commitments_unit")
                        .from(Commitments::Table, Commitments::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("ux_commitments_year", ["unit_id", "year"]),
            ("ux_commitments_unit_id", ["unit_id", "id"]),
        ] {
            let mut index = Index::create();
            index.name(name).table(Commitments::Table).unique();
            for col in cols {
                index.col(Alias::new(col));
            }
            m.create_index(index).await?;
        }
        m.create_table(
            Table::create()
                .table(Signatures::Table)
                .col(uuid(Signatures::UnitId))
                .col(uuid(Signatures::CommitmentId))
                .col(uuid(Signatures::PersonId))
                .col(string(Signatures::Method))
                .col(timestamp_with_time_zone(Signatures::SignedAt))
                .col(uuid_null(Signatures::RecordedBy))
                .primary_key(
                    Index::create()
                        .col(Signatures::CommitmentId)
                        .col(Signatures::PersonId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_signatures_commitment")
                        .from(
                            Signatures::Table,
                            (Signatures::UnitId, Signatures::CommitmentId),
                        )
                        .to(Commitments::Table, (Commitments::UnitId, Commitments::Id))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_signatures_person")
                        .from(
                            Signatures::Table,
                            (Signatures::UnitId, Signatures::PersonId),
                        )
                        .to(People::Table, (Alias::new("unit_id"), Alias::new("id")))
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_signatures_user")
                        .from(Signatures::Table, Signatures::RecordedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Signatures::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Commitments::Table).to_owned())
            .await
    }
}
