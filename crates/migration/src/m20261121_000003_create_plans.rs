//! The movement plan of a unit for a year, its tasks and their progress
//! notes. A task and a note belong to the same unit as their plan, its
//! departments and people (composite foreign keys, as in the foundation).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    binary_null, date_null, integer, pk_uuid, string, string_null, text, text_null,
    timestamp_with_time_zone, timestamp_with_time_zone_null, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Plans {
    Table,
    Id,
    UnitId,
    Year,
    State,
    Content,
    CreatedAt,
    UpdatedAt,
    ApprovedAt,
    ClosedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PlanTasks {
    Table,
    Id,
    UnitId,
    PlanId,
    Section,
    Position,
    Title,
    DepartmentId,
    PersonId,
    PartnerIds,
    DueOn,
    Recurrence,
    Status,
    LastProgressOn,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum TaskNotes {
    Table,
    Id,
    UnitId,
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
enum Departments {
    Table,
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

fn index(
    table: impl IntoIden + Copy + 'static,
    name: &str,
    cols: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    if unique {
        index.unique();
    }
    for col in cols {
        index.col(Alias::new(*col));
    }
    index.clone()
}

/// A foreign key from `(unit_id, col)` of `from` to `(unit_id, id)` of `to`.
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
                .table(Plans::Table)
                .col(pk_uuid(Plans::Id))
                .col(uuid(Plans::UnitId))
                .col(integer(Plans::Year))
                .col(string(Plans::State))
                // The plan's text as JSON (`domain::plan::PlanContent`): it is
                // read and written whole, never queried by its parts.
                .col(text(Plans::Content))
                .col(timestamp_with_time_zone(Plans::CreatedAt))
                .col(timestamp_with_time_zone(Plans::UpdatedAt))
                .col(timestamp_with_time_zone_null(Plans::ApprovedAt))
                .col(timestamp_with_time_zone_null(Plans::ClosedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_plans_unit")
                        .from(Plans::Table, Plans::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            Plans::Table,
            "ux_plans_year",
            &["unit_id", "year"],
            true,
        ))
        .await?;
        m.create_index(index(
            Plans::Table,
            "ux_plans_unit_id",
            &["unit_id", "id"],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(PlanTasks::Table)
                .col(pk_uuid(PlanTasks::Id))
                .col(uuid(PlanTasks::UnitId))
                .col(uuid(PlanTasks::PlanId))
                .col(integer(PlanTasks::Section))
                .col(integer(PlanTasks::Position))
                .col(text(PlanTasks::Title))
                .col(uuid_null(PlanTasks::DepartmentId))
                .col(uuid_null(PlanTasks::PersonId))
                // Co-operating departments as a JSON array of ids; a removed
                // department simply drops out when read.
                .col(text(PlanTasks::PartnerIds))
                .col(date_null(PlanTasks::DueOn))
                .col(string_null(PlanTasks::Recurrence))
                .col(string(PlanTasks::Status))
                .col(date_null(PlanTasks::LastProgressOn))
                .col(timestamp_with_time_zone(PlanTasks::CreatedAt))
                .col(timestamp_with_time_zone(PlanTasks::UpdatedAt))
                .foreign_key(&mut same_unit(
                    "fk_plan_tasks_plan",
                    PlanTasks::Table,
                    "plan_id",
                    Plans::Table,
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut same_unit(
                    "fk_plan_tasks_department",
                    PlanTasks::Table,
                    "department_id",
                    Departments::Table,
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut same_unit(
                    "fk_plan_tasks_person",
                    PlanTasks::Table,
                    "person_id",
                    People::Table,
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            PlanTasks::Table,
            "ux_plan_tasks_unit_id",
            &["unit_id", "id"],
            true,
        ))
        .await?;
        m.create_index(index(
            PlanTasks::Table,
            "ix_plan_tasks_plan",
            &["unit_id", "plan_id", "section", "position"],
            false,
        ))
        .await?;
        m.create_index(index(
            PlanTasks::Table,
            "ix_plan_tasks_department",
            &["unit_id", "department_id"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(TaskNotes::Table)
                .col(pk_uuid(TaskNotes::Id))
                .col(uuid(TaskNotes::UnitId))
                .col(uuid(TaskNotes::TaskId))
                .col(uuid_null(TaskNotes::UserId))
                .col(string(TaskNotes::AuthorName))
                .col(timestamp_with_time_zone(TaskNotes::WrittenAt))
                .col(text(TaskNotes::Body))
                .col(string_null(TaskNotes::Status))
                .col(text_null(TaskNotes::Link))
                .col(string_null(TaskNotes::FileName))
                .col(binary_null(TaskNotes::FileContent))
                .foreign_key(&mut same_unit(
                    "fk_task_notes_task",
                    TaskNotes::Table,
                    "task_id",
                    PlanTasks::Table,
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_task_notes_user")
                        .from(TaskNotes::Table, TaskNotes::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            TaskNotes::Table,
            "ix_task_notes_task",
            &["unit_id", "task_id", "written_at"],
            false,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(TaskNotes::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(PlanTasks::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Plans::Table).to_owned())
            .await
    }
}
