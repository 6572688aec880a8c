//! The HTTP face of antt: server-rendered HTML screens in Vietnamese (askama
//! and htmx, every asset served by the binary) and the JSON API.
//!
//! Thin by rule: a handler parses the request, calls one use case of
//! `antt_core`, and renders. No SQL and no business rules here.

pub mod api;
pub use antt_words as i18n;
mod assets;
pub mod auth;
pub mod client;
mod error;
mod forms;
mod layout;
mod limits;
pub mod middleware;
mod ops;
mod routes;
pub mod state;
mod views;

use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub use ops::metrics_handle;
pub use state::{AppState, WebConfig};

async fn not_found() -> Response {
    error::error_page(
        StatusCode::NOT_FOUND,
        "Không tìm thấy",
        "Trang bạn tìm không có. Hãy quay về trang chủ.",
    )
    .into_response()
}

/// Every route of the server: the screens, the API, assets, health and
/// metrics.
fn every_route() -> routes::Routes {
    views::routes()
        .merge(auth::routes())
        .merge(api::router())
        .merge(assets::router())
        .merge(ops::router())
}

/// The path of every route the server answers (`/sessions/{id}`), in the
/// order they were declared: what the authorisation matrix and the
/// extreme-value checks walk.
pub fn route_paths() -> Vec<&'static str> {
    every_route().into_parts().1
}

/// The whole application: [every route](route_paths), behind the
/// middleware.
pub fn router(state: AppState) -> Router {
    every_route()
        .into_parts()
        .0
        .fallback(not_found)
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            error::panicked,
        ))
        .layer(axum::middleware::from_fn(middleware::browser_errors))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::session,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            client::middleware,
        ))
        .layer(axum::middleware::from_fn(middleware::metrics))
        .layer(axum::middleware::from_fn(middleware::security_headers))
        .layer(axum::middleware::from_fn(middleware::request_id))
        .with_state(state)
}
