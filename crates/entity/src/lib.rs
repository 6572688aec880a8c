//! SeaORM entities, one module per table. Mechanical: no logic, and these
//! types never leave the `store` crate.

pub mod api_token;
pub mod attendance;
pub mod audit_head;
pub mod audit_log;
pub mod campus;
pub mod class;
pub mod commitment;
pub mod contest;
pub mod contest_attempt;
pub mod contest_question;
pub mod department;
pub mod movement_session;
pub mod person;
pub mod plan;
pub mod plan_task;
pub mod reminder_sent;
pub mod session;
pub mod signature;
pub mod staged_file;
pub mod task_note;
pub mod team;
pub mod team_activity;
pub mod team_member;
pub mod team_type;
pub mod unit;
pub mod user;
