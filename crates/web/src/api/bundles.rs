//! `POST /api/v1/bundles`: a unit on its own copy pushes its year's signed
//! bundle to the province's server with a token of the police over it;
//! the same checks as an upload on the page, all or nothing.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::ApiActor;
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;

/// What an import did.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct BundleImported {
    /// The unit's code.
    unit: String,
    year: i32,
    /// When the unit's copy made the bundle (UTC).
    made_at: chrono::DateTime<chrono::Utc>,
    /// The dossier's state after the import (`submitted`, `returned`…).
    #[schema(value_type = Option<super::codes::AssessmentState>)]
    state: Option<String>,
    /// Whether a bundle of the same year was there and is replaced.
    replaced: bool,
    /// Papers kept as sent (the Tờ trình, the minutes, the report…).
    papers: usize,
}

/// Imports a signed bundle: the body is the file as `antt bundle export`
/// writes it (a zip; any content type is taken).
#[utoipa::path(post, path = "/api/v1/bundles", tag = "assessment", security(("bearer" = [])),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = BundleImported),
        (status = 422, body = ApiErrorBody, description = "`altered` (a byte changed, or not a bundle), `unregistered_key` (not signed by the key registered for its unit), `outdated` (a newer bundle of the year is here), `not_found` (no such unit here); nothing written"),
        (status = 403, body = ApiErrorBody, description = "not the police over the unit")))]
pub(super) async fn import(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Bytes,
) -> Result<Response, ApiError> {
    let done = state.antt.bundles().import(&actor, &body).await?;
    Ok((
        StatusCode::CREATED,
        Json(BundleImported {
            unit: done.unit.code,
            year: done.year,
            made_at: done.made_at,
            state: done.state.map(|s| s.code().to_owned()),
            replaced: done.replaced,
            papers: done.papers,
        }),
    )
        .into_response())
}
