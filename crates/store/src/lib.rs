//! The only crate that speaks SQL.
//!
//! One module per feature, each a set of plain async functions that take a
//! connection or a transaction ([`Executor`]) and return domain types or
//! store-local read models. No `sea_orm` type appears in a public signature.
//! Every function over rows of a unit takes the unit's id, so no caller can
//! forget the tenancy scope.

mod db;
mod error;

pub mod assessment;
pub mod audit;
pub mod bundle;
pub mod commitment;
pub mod contest;
pub mod dorm;
pub mod dorm_check;
pub mod dorm_visit;
pub mod duty;
pub mod equipment;
pub mod fire;
pub mod footage;
pub mod incident;
pub mod inspection;
pub mod notice;
pub mod org;
pub mod paper;
pub mod patrol;
pub mod person;
pub mod plan;
pub mod province;
pub mod reminder;
pub mod reward;
pub mod sealed_data;
pub mod session;
pub mod shift_log;
pub mod staged;
pub mod stats;
pub mod submission;
pub mod task_answer;
pub mod team;
pub mod tip;
pub mod unit;
pub mod user;
pub mod visitor;

pub use db::{Backend, CopiedTable, Db, Executor, Tx, UnitKeys};
pub use error::{StoreError, StoreResult};
