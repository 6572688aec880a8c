//! A unit's answers to the tasks of the police body over it (the tasks of
//! the body's issued plan go to every unit under it). The row is the
//! unit's, keyed by `(unit_id, id)`; it names the body's task by id without
//! a foreign key, since that task is another unit's row (a distributed
//! database keeps a unit's rows together, and the body's apart).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    binary_null, pk_uuid, string, string_null, text, text_null, timestamp_with_time_zone, uuid,
    uuid_null,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum TaskAnswers {
    Table,
    Id,
    UnitId,
    AuthorityId,
    TaskId,
    UserId,
    AuthorName,
    WrittenAt,
    Body,
    Status,
    Link,
    FileName,
    FileContent,
}

#[derive(DeriveIden, Clone, Copy)]
enum Units {
    Table,
    Id,
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
                .table(TaskAnswers::Table)
                .col(pk_uuid(TaskAnswers::Id))
                .col(uuid(TaskAnswers::UnitId))
                .col(uuid(TaskAnswers::AuthorityId))
                .col(uuid(TaskAnswers::TaskId))
                .col(uuid_null(TaskAnswers::UserId))
                .col(string(TaskAnswers::AuthorName))
                .col(timestamp_with_time_zone(TaskAnswers::WrittenAt))
                .col(text(TaskAnswers::Body))
                .col(string_null(TaskAnswers::Status))
                .col(text_null(TaskAnswers::Link))
                .col(string_null(TaskAnswers::FileName))
                .col(binary_null(TaskAnswers::FileContent))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_task_answers_unit")
                        .from(TaskAnswers::Table, TaskAnswers::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_task_answers_authority")
                        .from(TaskAnswers::Table, TaskAnswers::AuthorityId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_task_answers_user")
                        .from(TaskAnswers::Table, TaskAnswers::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_task_answers_unit_key")
                .table(TaskAnswers::Table)
                .col(TaskAnswers::UnitId)
                .col(TaskAnswers::Id)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_task_answers_unit_task")
                .table(TaskAnswers::Table)
                .col(TaskAnswers::UnitId)
                .col(TaskAnswers::TaskId)
                .col(TaskAnswers::WrittenAt)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_task_answers_task")
                .table(TaskAnswers::Table)
                .col(TaskAnswers::TaskId)
                .col(TaskAnswers::UnitId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(TaskAnswers::Table).to_owned())
            .await
    }
}
