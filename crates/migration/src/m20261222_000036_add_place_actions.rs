//! A failed round of a place's checklist (the dormitory's fire check) opens
//! a corrective action as a failed item does: `equipment_faults` gains the
//! round's schedule (`schedule_id`) and the place as it was named
//! (`place`), and its item (`equipment_id`) may be empty. SQLite cannot
//! drop a NOT NULL, so there the table is written again with its rows.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

/// The table on SQLite after this migration, as SeaORM writes its types.
const SQLITE_TABLE: &str = r#"CREATE TABLE "equipment_faults_new" ( "id" uuid_text NOT NULL PRIMARY KEY, "unit_id" uuid_text NOT NULL, "equipment_id" uuid_text NULL, "reported_at" timestamp_with_timezone_text NOT NULL, "description" text NOT NULL, "reported_by" varchar NULL, "public" boolean NOT NULL, "photo" blob(1) NULL, "state" varchar NOT NULL, "closed_at" timestamp_with_timezone_text NULL, "closed_by" varchar NULL, "closing_note" text NULL, "owner_id" uuid_text NULL, "due_on" date_text NULL, "schedule_id" uuid_text NULL, "place" text NULL, FOREIGN KEY ("equipment_id") REFERENCES "equipment_items" ("id") ON DELETE CASCADE )"#;

const COLUMNS: &str = r#""id", "unit_id", "equipment_id", "reported_at", "description", "reported_by", "public", "photo", "state", "closed_at", "closed_by", "closing_note", "owner_id", "due_on""#;

const INDEXES: [&str; 2] = [
    r#"CREATE INDEX "ix_equipment_faults_unit_state" ON "equipment_faults" ("unit_id", "state")"#,
    r#"CREATE UNIQUE INDEX "ux_equipment_faults_unit_key" ON "equipment_faults" ("unit_id", "id")"#,
];

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        if m.get_database_backend() == DatabaseBackend::Sqlite {
            // One batch, on one connection: a statement sent alone may
            // reach another connection of the pool whose view of the
            // schema still holds the old table.
            let mut batch = vec![
                SQLITE_TABLE.to_owned(),
                format!(
                    r#"INSERT INTO "equipment_faults_new" ({COLUMNS}) SELECT {COLUMNS} FROM "equipment_faults""#
                ),
                r#"DROP TABLE "equipment_faults""#.to_owned(),
                r#"ALTER TABLE "equipment_faults_new" RENAME TO "equipment_faults""#.to_owned(),
            ];
            batch.extend(INDEXES.iter().map(|i| (*i).to_owned()));
            db.execute_unprepared(&batch.join(";\n")).await?;
        } else {
            db.execute_unprepared(
                r#"ALTER TABLE "equipment_faults" ALTER COLUMN "equipment_id" DROP NOT NULL, ADD COLUMN "schedule_id" uuid NULL, ADD COLUMN "place" text NULL"#,
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // The actions of places have no item to keep them by.
        let db = m.get_connection();
        db.execute_unprepared(r#"DELETE FROM "equipment_faults" WHERE "equipment_id" IS NULL"#)
            .await?;
        for column in ["schedule_id", "place"] {
            db.execute_unprepared(&format!(
                r#"ALTER TABLE "equipment_faults" DROP COLUMN "{column}""#
            ))
            .await?;
        }
        Ok(())
    }
}
