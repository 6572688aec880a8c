//! Journeys in headless Chromium (Debian's `chromium` and `chromedriver`).
//! Skipped with a printed reason when they are not installed, unless
//! `ANTT_REQUIRE_BROWSER=1` (CI), which turns their absence into a failure.
