//! Pure types and rules of antt.
//!
//! Everything here is plain data and pure functions: no `async`, no IO, no
//! clock reads (functions that need "now" take it as a parameter). Codes,
//! not Vietnamese text: the web layer turns codes into words.

pub mod assessment;
pub mod audit;
pub mod bundle;
mod codes;
pub mod commitment;
pub mod contest;
pub mod dorm;
pub mod dorm_check;
pub mod dorm_visit;
pub mod duty;
pub mod equipment;
pub mod fire;
pub mod footage;
pub mod holiday;
pub mod ids;
pub mod incident;
pub mod inspection;
pub mod legacy;
pub mod org;
pub mod page;
pub mod patrol;
pub mod person;
pub mod person_import;
pub mod plan;
pub mod province;
pub mod reward;
pub mod role;
pub mod rubric;
pub mod session;
pub mod sheet;
pub mod shift_log;
pub mod team;
pub mod text;
pub mod time;
pub mod tip;
pub mod unit;
pub mod user;
pub mod validation;
pub mod visitor;

pub use ids::*;
pub use validation::{ErrorCode, ValidationError, ValidationErrors};
