//! Units, their campuses, departments, classes and people; accounts,
//! sessions, API tokens; the audit log and its chain head.
//!
//! Rows of a unit reference rows of the same unit through composite foreign
//! keys `(unit_id, x_id) → x(unit_id, id)`, so the database itself refuses a
//! person of unit A in a class of unit B.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, boolean, date_null, integer, pk_uuid, string, string_null, text,
    timestamp_with_time_zone, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Units {
    Table,
    Id,
    Kind,
    Code,
    Name,
    SearchKey,
    Address,
    AuthorityId,
    CreatedAt,
}
#[derive(DeriveIden, Clone, Copy)]
enum Campuses {
    Table,
    Id,
    UnitId,
    Name,
    Address,
    CreatedAt,
}
#[derive(DeriveIden, Clone, Copy)]
enum Departments {
    Table,
    Id,
    UnitId,
    Kind,
    Name,
    CreatedAt,
}
#[derive(DeriveIden, Clone, Copy)]
enum Classes {
    Table,
    Id,
    UnitId,
    Name,
    DepartmentId,
    CampusId,
    HomeroomTeacherId,
    CreatedAt,
}
#[derive(DeriveIden, Clone, Copy)]
enum People {
    Table,
    Id,
    UnitId,
    Kind,
    Code,
    FullName,
    SearchKey,
    SortKey,
    BirthDate,
    Gender,
    Ethnicity,
    Phone,
    Email,
    DepartmentId,
    ClassId,
    Position,
    Boarding,
    Status,
    CreatedAt,
    UpdatedAt,
}
#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
    UnitId,
    Username,
    DisplayName,
    PasswordHash,
    Role,
    DepartmentId,
    CampusId,
    PersonId,
    Locked,
    CreatedAt,
}
#[derive(DeriveIden, Clone, Copy)]
enum Sessions {
    Table,
    Id,
    TokenHash,
    UserId,
    CsrfToken,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}
#[derive(DeriveIden, Clone, Copy)]
enum ApiTokens {
    Table,
    Id,
    TokenHash,
    UserId,
    Name,
    CreatedAt,
    ExpiresAt,
}
#[derive(DeriveIden, Clone, Copy)]
enum AuditLog {
    Table,
    Seq,
    At,
    ActorId,
    ActorName,
    UnitId,
    Action,
    TargetKind,
    TargetId,
    Summary,
    Changes,
    PrevHash,
    Hash,
}
#[derive(DeriveIden, Clone, Copy)]
enum AuditHead {
    Table,
    Id,
    Seq,
    Hash,
}

/// The hash before the first audit entry.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn unique(
    table: impl IntoIden + Copy + 'static,
    name: &str,
    cols: &[&'static str],
) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table).unique();
    for col in cols {
        index.col(Alias::new(*col));
    }
    index.clone()
}

fn index(
    table: impl IntoIden + Copy + 'static,
    name: &str,
    cols: &[&'static str],
) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
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
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from, (Alias::new("unit_id"), Alias::new(col)))
        .to(to, (Alias::new("unit_id"), Alias::new("id")))
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

fn unit_fk(name: &str, from: impl IntoIden + Copy + 'static) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from, Alias::new("unit_id"))
        .to(Units::Table, Units::Id)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

// `SchemaManager<'_>` would make the lifetime early-bound and no longer
// match the trait that async_trait expands.
#[allow(elided_lifetimes_in_paths)]
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Units::Table)
                .col(pk_uuid(Units::Id))
                .col(string(Units::Kind))
                .col(string(Units::Code).unique_key())
                .col(string(Units::Name))
                .col(string(Units::SearchKey))
                .col(string_null(Units::Address))
                .col(uuid_null(Units::AuthorityId))
                .col(timestamp_with_time_zone(Units::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_units_authority")
                        .from(Units::Table, Units::AuthorityId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(Units::Table, "ix_units_authority", &["authority_id"]))
            .await?;
        m.create_index(index(Units::Table, "ix_units_search", &["search_key"]))
            .await?;

        m.create_table(
            Table::create()
                .table(Campuses::Table)
                .col(pk_uuid(Campuses::Id))
                .col(uuid(Campuses::UnitId))
                .col(string(Campuses::Name))
                .col(string_null(Campuses::Address))
                .col(timestamp_with_time_zone(Campuses::CreatedAt))
                .foreign_key(&mut unit_fk("fk_campuses_unit", Campuses::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(unique(
            Campuses::Table,
            "ux_campuses_name",
            &["unit_id", "name"],
        ))
        .await?;
        m.create_index(unique(
            Campuses::Table,
            "ux_campuses_unit_id",
            &["unit_id", "id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Departments::Table)
                .col(pk_uuid(Departments::Id))
                .col(uuid(Departments::UnitId))
                .col(string(Departments::Kind))
                .col(string(Departments::Name))
                .col(timestamp_with_time_zone(Departments::CreatedAt))
                .foreign_key(&mut unit_fk("fk_departments_unit", Departments::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(unique(
            Departments::Table,
            "ux_departments_name",
            &["unit_id", "name"],
        ))
        .await?;
        m.create_index(unique(
            Departments::Table,
            "ux_departments_unit_id",
            &["unit_id", "id"],
        ))
        .await?;

        // The homeroom teacher is checked by the store (a foreign key to
        // people would make classes and people refer to each other).
        m.create_table(
            Table::create()
                .table(Classes::Table)
                .col(pk_uuid(Classes::Id))
                .col(uuid(Classes::UnitId))
                .col(string(Classes::Name))
                .col(uuid_null(Classes::DepartmentId))
                .col(uuid_null(Classes::CampusId))
                .col(uuid_null(Classes::HomeroomTeacherId))
                .col(timestamp_with_time_zone(Classes::CreatedAt))
                .foreign_key(&mut unit_fk("fk_classes_unit", Classes::Table))
                .foreign_key(&mut same_unit(
                    "fk_classes_department",
                    Classes::Table,
                    "department_id",
                    Departments::Table,
                ))
                .foreign_key(&mut same_unit(
                    "fk_classes_campus",
                    Classes::Table,
                    "campus_id",
                    Campuses::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(unique(
            Classes::Table,
            "ux_classes_name",
            &["unit_id", "name"],
        ))
        .await?;
        m.create_index(unique(
            Classes::Table,
            "ux_classes_unit_id",
            &["unit_id", "id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(People::Table)
                .col(pk_uuid(People::Id))
                .col(uuid(People::UnitId))
                .col(string(People::Kind))
                .col(string(People::Code))
                .col(string(People::FullName))
                .col(string(People::SearchKey))
                .col(string(People::SortKey))
                .col(date_null(People::BirthDate))
                .col(string_null(People::Gender))
                .col(string_null(People::Ethnicity))
                .col(string_null(People::Phone))
                .col(string_null(People::Email))
                .col(uuid_null(People::DepartmentId))
                .col(uuid_null(People::ClassId))
                .col(string_null(People::Position))
                .col(boolean(People::Boarding))
                .col(string(People::Status))
                .col(timestamp_with_time_zone(People::CreatedAt))
                .col(timestamp_with_time_zone(People::UpdatedAt))
                .foreign_key(&mut unit_fk("fk_people_unit", People::Table))
                .foreign_key(&mut same_unit(
                    "fk_people_department",
                    People::Table,
                    "department_id",
                    Departments::Table,
                ))
                .foreign_key(&mut same_unit(
                    "fk_people_class",
                    People::Table,
                    "class_id",
                    Classes::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(unique(
            People::Table,
            "ux_people_code",
            &["unit_id", "code"],
        ))
        .await?;
        m.create_index(unique(
            People::Table,
            "ux_people_unit_id",
            &["unit_id", "id"],
        ))
        .await?;
        // The people list in name order, covering the search: the words are
        // matched against `search_key` in the index, so only the rows shown
        // are read from the table, and counting reads the index alone.
        m.create_index(index(
            People::Table,
            "ix_people_list",
            &["unit_id", "status", "sort_key", "code", "search_key"],
        ))
        .await?;
        m.create_index(index(
            People::Table,
            "ix_people_class",
            &["unit_id", "class_id"],
        ))
        .await?;
        m.create_index(index(
            People::Table,
            "ix_people_department",
            &["unit_id", "department_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(pk_uuid(Users::Id))
                .col(uuid(Users::UnitId))
                .col(string(Users::Username).unique_key())
                .col(string(Users::DisplayName))
                .col(string(Users::PasswordHash))
                .col(string(Users::Role))
                .col(uuid_null(Users::DepartmentId))
                .col(uuid_null(Users::CampusId))
                .col(uuid_null(Users::PersonId))
                .col(boolean(Users::Locked))
                .col(timestamp_with_time_zone(Users::CreatedAt))
                .foreign_key(&mut unit_fk("fk_users_unit", Users::Table))
                .foreign_key(&mut same_unit(
                    "fk_users_department",
                    Users::Table,
                    "department_id",
                    Departments::Table,
                ))
                .foreign_key(&mut same_unit(
                    "fk_users_campus",
                    Users::Table,
                    "campus_id",
                    Campuses::Table,
                ))
                .foreign_key(&mut same_unit(
                    "fk_users_person",
                    Users::Table,
                    "person_id",
                    People::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(Users::Table, "ix_users_unit", &["unit_id"]))
            .await?;

        m.create_table(
            Table::create()
                .table(Sessions::Table)
                .col(pk_uuid(Sessions::Id))
                .col(string(Sessions::TokenHash).unique_key())
                .col(uuid(Sessions::UserId))
                .col(string(Sessions::CsrfToken))
                .col(timestamp_with_time_zone(Sessions::CreatedAt))
                .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_sessions_user")
                        .from(Sessions::Table, Sessions::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(Sessions::Table, "ix_sessions_user", &["user_id"]))
            .await?;
        m.create_index(index(
            Sessions::Table,
            "ix_sessions_expiry",
            &["expires_at"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(ApiTokens::Table)
                .col(pk_uuid(ApiTokens::Id))
                .col(string(ApiTokens::TokenHash).unique_key())
                .col(uuid(ApiTokens::UserId))
                .col(string(ApiTokens::Name))
                .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                .col(timestamp_with_time_zone(ApiTokens::ExpiresAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_api_tokens_user")
                        .from(ApiTokens::Table, ApiTokens::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        // The audit log refers to nothing by foreign key: it must outlive
        // every record it describes.
        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(big_integer(AuditLog::Seq).primary_key())
                .col(timestamp_with_time_zone(AuditLog::At))
                .col(uuid_null(AuditLog::ActorId))
                .col(string(AuditLog::ActorName))
                .col(uuid_null(AuditLog::UnitId))
                .col(string(AuditLog::Action))
                .col(string_null(AuditLog::TargetKind))
                .col(string_null(AuditLog::TargetId))
                .col(text(AuditLog::Summary))
                .col(text(AuditLog::Changes))
                .col(string(AuditLog::PrevHash))
                .col(string(AuditLog::Hash))
                .to_owned(),
        )
        .await?;
        m.create_index(index(AuditLog::Table, "ix_audit_unit", &["unit_id", "seq"]))
            .await?;
        m.create_index(index(
            AuditLog::Table,
            "ix_audit_target",
            &["target_kind", "target_id", "seq"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(AuditHead::Table)
                .col(integer(AuditHead::Id).primary_key())
                .col(big_integer(AuditHead::Seq))
                .col(string(AuditHead::Hash))
                .to_owned(),
        )
        .await?;
        m.exec_stmt(
            Query::insert()
                .into_table(AuditHead::Table)
                .columns([AuditHead::Id, AuditHead::Seq, AuditHead::Hash])
                .values_panic([1.into(), 0i64.into(), GENESIS.into()])
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "audit_head",
            "audit_log",
            "api_tokens",
            "sessions",
            "users",
            "people",
            "classes",
            "departments",
            "campuses",
            "units",
        ] {
            m.drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
