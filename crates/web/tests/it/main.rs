//! Web tests: in process through the router (every backend), and in
//! headless Chromium (see `browser`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may stop at the first surprise

mod assessment;
mod browser;
mod bundles;
mod commitments;
mod contests;
mod dorm;
mod dorm_life;
mod duty;
mod equipment;
mod hardening;
mod homeroom;
mod http;
mod import;
mod lists;
mod matrix;
mod patrol;
mod plans;
mod province;
mod sessions;
mod support;
mod teams;
mod tips;
