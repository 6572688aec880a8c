//! The assessment screens: readiness (will we meet the standard, what
//! score, what is missing, who must do it by when), the year's ratings,
//! the score sheet, the yearly report, and the dossier from registration
//! to the recognition decision; for a province officer, the units' states,
//! the review of a dossier and the province's own score sheet.

mod dossier;
mod ratings;
mod readiness;
mod report;
mod score;
mod sheet;
mod units;

use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use antt_core::CoreError;
use antt_core::assessment::assessment_year;
use antt_domain::ErrorCode;
use antt_domain::assessment::{Decision, Verdict};
use antt_domain::time::{format_date, local_date};

use crate::error::WebError;
use crate::layout::{Layout, UnitParam};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    year: Option<String>,
    unit: Option<String>,
    fill: Option<String>,
    format: Option<String>,
}

impl Params {
    fn unit(&self) -> UnitParam {
        UnitParam {
            unit: self.unit.clone(),
        }
    }
    fn year(&self, state: &AppState) -> i32 {
        self.year
            .as_deref()
            .and_then(|y| antt_domain::plan::parse_year(y).ok())
            .unwrap_or_else(|| assessment_year(local_date(state.antt.now())))
    }
}

/// A form that no screen of antt sends.
fn bad_form() -> WebError {
    WebError(CoreError::invalid("form", ErrorCode::Invalid))
}

/// A tab of the assessment screens.
pub(crate) struct Tab {
    pub href: String,
    pub label: &'static str,
    pub active: bool,
}

fn tabs(layout: &Layout, year: i32, active: &str) -> Vec<Tab> {
    [
        ("", "Tổng quan"),
        ("/ratings", "Xếp loại"),
        ("/score", "Chấm điểm"),
        ("/report", "Báo cáo năm"),
        ("/dossier", "Hồ sơ công nhận"),
    ]
    .into_iter()
    .map(|(path, label)| Tab {
        href: layout.link(&format!("/assessment{path}?year={year}")),
        label,
        active: path == active,
    })
    .collect()
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::NotApplicable | Verdict::Met => "met",
        Verdict::AtRisk => "risk",
        Verdict::Failed => "failed",
    }
}

fn year_choices(layout: &Layout, year: i32, path: &str) -> Vec<(String, i32, bool)> {
    (year - 2..=year + 1)
        .map(|y| {
            (
                layout.link(&format!("/assessment{path}?year={y}")),
                y,
                y == year,
            )
        })
        .collect()
}

fn decision_line(d: &Decision) -> String {
    format!(
        "Quyết định số {} ngày {} của {}{}",
        d.number,
        d.signed_on.map(format_date).unwrap_or_default(),
        d.body,
        if d.recognised {
            ""
        } else {
            " (không công nhận)"
        }
    )
}

/// Redirects to an assessment page of the year after a change.
fn back(layout: &Layout, path: &str, year: i32) -> Response {
    Redirect::to(&layout.link(&format!("/assessment{path}?year={year}"))).into_response()
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::extract::DefaultBodyLimit;
    use axum::routing::{get, post};

    use crate::limits;
    crate::routes::Routes::new()
        .route("/assessment", get(readiness::show))
        .route("/assessment/confirm", post(readiness::confirm))
        .route(
            "/assessment/ratings",
            get(ratings::ratings).post(ratings::save_ratings),
        )
        .route(
            "/assessment/score",
            get(score::score).post(score::save_score),
        )
        .route("/assessment/score/export", get(score::export_score))
        .route(
            "/assessment/report",
            get(report::report).post(report::save_report),
        )
        .route("/assessment/dossier", get(dossier::dossier))
        .route("/assessment/documents/{name}", get(report::document))
        .route("/assessment/register", post(dossier::register))
        .route("/assessment/meeting", post(dossier::meeting))
        .route("/assessment/submit", post(dossier::submit))
        .route("/assessment/review", post(dossier::review))
        .route("/assessment/decision", post(dossier::decision))
        .route("/assessment/units", get(units::units))
        .route(
            "/assessment/sheet",
            get(sheet::sheet_form)
                .post(sheet::load_sheet)
                .layer(DefaultBodyLimit::max(limits::UPLOAD_BODY)),
        )
}
