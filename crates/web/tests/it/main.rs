//! Web tests: in process through the router (every backend), and in
//! headless Chromium (see `browser`).

mod browser;
mod http;
mod support;
