//! The screens of the HTML interface, one module per area.

pub(crate) mod account;
pub(crate) mod audit;
pub(crate) mod home;
pub(crate) mod import;
pub(crate) mod org;
pub(crate) mod people;
pub(crate) mod units;
pub(crate) mod users;
