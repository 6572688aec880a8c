//! The yearly report's words, and every document of the year's assessment.

use crate::forms::Form;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use antt_core::CoreError;
use antt_domain::assessment::ReportTexts;
use antt_domain::role::Capability;
use antt_domain::time::{format_date, local_date};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{FieldErrors, form_again};
use crate::layout::{Layout, frame};
use crate::state::AppState;

use super::{Params, Tab, tabs};

#[derive(Template, WebTemplate)]
#[template(path = "assessment/report.html")]
pub(crate) struct ReportPage {
    year: i32,
    tabs: Vec<Tab>,
    texts: ReportTexts,
    action: Option<String>,
    download: String,
    submitted: Option<(String, String)>,
    report_due: Option<String>,
    saved: bool,
    errors: FieldErrors,
    layout: Layout,
}

async fn report_page(
    state: &AppState,
    user: &CurrentUser,
    q: &Params,
    typed: Option<ReportTexts>,
    errors: FieldErrors,
) -> Result<ReportPage, WebError> {
    let (unit, layout) = frame(state, user, &q.unit(), "assessment", "Báo cáo năm").await?;
    let year = q.year(state);
    let actor = user.actor();
    let row = state
        .antt
        .assessment()
        .report_texts(actor, unit, year)
        .await?;
    let r = state.antt.assessment().readiness(actor, unit, year).await?;
    Ok(ReportPage {
        year,
        tabs: tabs(&layout, year, "/report"),
        texts: typed.unwrap_or(row.texts),
        action: (actor.role.can(Capability::EditPlans) && !layout.foreign && r.unit_may_edit())
            .then(|| layout.link(&format!("/assessment/report?year={year}"))),
        download: layout.link(&format!("/assessment/documents/report?year={year}")),
        submitted: row.submitted_at.map(|at| {
            (
                format!(
                    "{}{}",
                    format_date(local_date(at)),
                    row.submitted_by
                        .map(|b| format!(", {b}"))
                        .unwrap_or_default()
                ),
                layout.link(&format!("/assessment/documents/submitted?year={year}")),
            )
        }),
        report_due: r.report_due.map(format_date),
        saved: false,
        errors,
        layout,
    })
}

pub(crate) async fn report(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<ReportPage, WebError> {
    report_page(&state, &user, &q, None, FieldErrors::default()).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct ReportForm {
    #[serde(default)]
    number: String,
    #[serde(default)]
    shortcomings: String,
    #[serde(default)]
    causes: String,
    #[serde(default)]
    directions: String,
    #[serde(default)]
    proposals: String,
}

pub(crate) async fn save_report(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<ReportForm>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let year = q.year(&state);
    let texts = ReportTexts {
        number: f.number,
        shortcomings: f.shortcomings,
        causes: f.causes,
        directions: f.directions,
        proposals: f.proposals,
    };
    match state
        .antt
        .assessment()
        .save_report_texts(user.actor(), unit, year, texts.clone())
        .await
    {
        Ok(()) => {
            let mut p = report_page(&state, &user, &q, None, FieldErrors::default()).await?;
            p.saved = true;
            Ok(p.into_response())
        }
        Err(CoreError::Invalid(e)) => {
            let p = report_page(&state, &user, &q, Some(texts), FieldErrors::from(&e)).await?;
            Ok(form_again(p))
        }
        Err(e) => Err(e.into()),
    }
}

/// A document of the year's assessment, by name: `report` (written now),
/// `submitted` (the report as it was sent), `registration`, `request`
/// (Tờ trình) and `minutes` (Biên bản).
pub(crate) async fn document(
    State(state): State<AppState>,
    user: CurrentUser,
    axum::extract::Path(name): axum::extract::Path<String>,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let (actor, year, antt) = (user.actor(), q.year(&state), &state.antt);
    let file = match name.as_str() {
        "report" => antt.assessment().yearly_report(actor, unit, year).await?,
        "submitted" => {
            antt.assessment()
                .submitted_report(actor, unit, year)
                .await?
        }
        "registration" => {
            antt.assessment()
                .registration_form(actor, unit, year)
                .await?
        }
        "request" => {
            antt.assessment()
                .recognition_request(actor, unit, year)
                .await?
        }
        "minutes" => antt.assessment().meeting_minutes(actor, unit, year).await?,
        _ => return Err(WebError(CoreError::NotFound)),
    };
    Ok(crate::views::download(file))
}
