//! Every table of a unit's rows carries `unit_id` in a unique key: the key
//! a distributed PostgreSQL (Citus, `unit_id` the distribution column)
//! needs before it can shard by unit, and the target of composite foreign
//! keys `(unit_id, x_id)`. The rows' own key already makes each of these
//! unique, so the indexes cannot fail on existing data. The audit log is
//! the instance's one chain and stays whole (see `docs/province.md`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

/// Tables keyed by `id` that had no unique key with `unit_id`.
const BY_ID: &[&str] = &[
    "assessment_steps",
    "barred_people",
    "camera_outages",
    "contest_questions",
    "dorm_alerts",
    "dorm_check_breaches",
    "dorm_check_photos",
    "dorm_checks",
    "dorm_leaves",
    "dorm_marks",
    "dorm_residences",
    "dorm_rooms",
    "dorm_visits",
    "duty_events",
    "duty_posts",
    "duty_swaps",
    "equipment_events",
    "equipment_faults",
    "fire_drills",
    "fire_trainings",
    "gate_visitors",
    "incident_footage",
    "incident_people",
    "inspection_rounds",
    "inspection_schedules",
    "nominations",
    "notifications",
    "patrol_rounds",
    "patrol_scans",
    "province_targets",
    "shift_logs",
    "staged_files",
    "task_notes",
    "team_activities",
    "tip_events",
    "tip_messages",
    "tip_photos",
    "users",
    "violations",
    "webhook_outbox",
];

/// Tables keyed by other columns: the key with `unit_id` in front.
const BY_KEY: &[(&str, &[&str])] = &[
    ("attendances", &["session_id", "person_id"]),
    ("contest_attempts", &["contest_id", "person_id"]),
    ("reminders_sent", &["user_id", "sent_on"]),
    ("shift_log_entries", &["log_id", "number"]),
    ("signatures", &["commitment_id", "person_id"]),
    ("team_members", &["team_id", "person_id", "from_on"]),
    ("tip_handlers", &["user_id"]),
];

fn keys() -> impl Iterator<Item = (&'static str, Vec<&'static str>)> {
    BY_ID
        .iter()
        .map(|t| (*t, vec!["unit_id", "id"]))
        .chain(BY_KEY.iter().map(|(t, cols)| {
            (
                *t,
                std::iter::once("unit_id")
                    .chain(cols.iter().copied())
                    .collect(),
            )
        }))
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, cols) in keys() {
            let mut index = Index::create();
            index
                .name(format!("ux_{table}_unit_key"))
                .table(Alias::new(table))
                .unique()
                .if_not_exists();
            for c in cols {
                index.col(Alias::new(c));
            }
            m.create_index(index.clone()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, _) in keys() {
            m.drop_index(
                Index::drop()
                    .name(format!("ux_{table}_unit_key"))
                    .table(Alias::new(table))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
