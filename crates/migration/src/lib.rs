//! The one migration set of antt, written once with sea-query and rendered
//! for SQLite and PostgreSQL. Never edit a migration that has shipped: add a
//! new one.

pub use sea_orm_migration::MigratorTrait;
use sea_orm_migration::prelude::*;

mod m20261121_000001_create_foundation;
mod m20261121_000002_create_staged_files;
mod m20261121_000003_create_plans;
mod m20261121_000004_create_sessions;
mod m20261121_000005_create_commitments;
mod m20261121_000006_create_teams;
mod m20261121_000007_create_contests;
mod m20261121_000008_create_reminders;
mod m20261121_000009_create_team_types;
mod m20261121_000010_create_tips;
mod m20261122_000011_create_assessments;
mod m20261122_000012_create_rewards;
mod m20261202_000013_create_instance_settings;
mod m20261203_000014_create_submissions;
mod m20261203_000015_create_papers;
mod m20261203_000016_create_duty;
mod m20261203_000017_create_shift_logs;
mod m20261204_000018_create_gate;
mod m20261205_000019_create_duty_wishes;
mod m20261206_000020_add_guard_contract;
mod m20261207_000021_create_equipment;
mod m20261208_000022_create_fire_drills;
mod m20261209_000023_add_fault_actions;
mod m20261210_000024_create_camera_outages;
mod m20261211_000025_create_inspections;
mod m20261212_000026_create_incident_footage;
mod m20261213_000027_create_dormitories;
mod m20261214_000028_create_dorm_papers;
mod m20261215_000029_create_dorm_visits_and_checks;
mod m20261216_000030_create_province_targets;
mod m20261217_000031_add_unit_keys;
mod m20261218_000032_create_bundles;
mod m20261219_000033_create_task_answers;
mod m20261220_000034_add_task_kind;
mod m20261221_000035_add_school_level;
mod m20261222_000036_add_place_actions;

/// Runs the migrations of antt in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_000001_create_foundation::Migration),
            Box::new(m20261121_000002_create_staged_files::Migration),
            Box::new(m20261121_000003_create_plans::Migration),
            Box::new(m20261121_000004_create_sessions::Migration),
            Box::new(m20261121_000005_create_commitments::Migration),
            Box::new(m20261121_000006_create_teams::Migration),
            Box::new(m20261121_000007_create_contests::Migration),
            Box::new(m20261121_000008_create_reminders::Migration),
            Box::new(m20261121_000009_create_team_types::Migration),
            Box::new(m20261121_000010_create_tips::Migration),
            Box::new(m20261122_000011_create_assessments::Migration),
            Box::new(m20261122_000012_create_rewards::Migration),
            Box::new(m20261202_000013_create_instance_settings::Migration),
            Box::new(m20261203_000014_create_submissions::Migration),
            Box::new(m20261203_000015_create_papers::Migration),
            Box::new(m20261203_000016_create_duty::Migration),
            Box::new(m20261203_000017_create_shift_logs::Migration),
            Box::new(m20261204_000018_create_gate::Migration),
            Box::new(m20261205_000019_create_duty_wishes::Migration),
            Box::new(m20261206_000020_add_guard_contract::Migration),
            Box::new(m20261207_000021_create_equipment::Migration),
            Box::new(m20261208_000022_create_fire_drills::Migration),
            Box::new(m20261209_000023_add_fault_actions::Migration),
            Box::new(m20261210_000024_create_camera_outages::Migration),
            Box::new(m20261211_000025_create_inspections::Migration),
            Box::new(m20261212_000026_create_incident_footage::Migration),
            Box::new(m20261213_000027_create_dormitories::Migration),
            Box::new(m20261214_000028_create_dorm_papers::Migration),
            Box::new(m20261215_000029_create_dorm_visits_and_checks::Migration),
            Box::new(m20261216_000030_create_province_targets::Migration),
            Box::new(m20261217_000031_add_unit_keys::Migration),
            Box::new(m20261218_000032_create_bundles::Migration),
            Box::new(m20261219_000033_create_task_answers::Migration),
            Box::new(m20261220_000034_add_task_kind::Migration),
            Box::new(m20261221_000035_add_school_level::Migration),
            Box::new(m20261222_000036_add_place_actions::Migration),
        ]
    }
}
