//! Health and metrics for operators.

use std::sync::OnceLock;

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

use crate::client::Client;
use crate::state::AppState;

/// The process-wide Prometheus recorder, installed once.
pub fn metrics_handle() -> Option<PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| PrometheusBuilder::new().install_recorder().ok())
        .clone()
}

/// Ready: the database answers.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.antt.database().ping().await {
        Ok(()) => (StatusCode::OK, "ok\n").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

/// Alive: the process answers (no database).
async fn livez() -> &'static str {
    "ok\n"
}

/// Whether a request may read the metrics: it came from this machine
/// itself (not through a proxy), or it carries the configured token.
fn may_read_metrics(state: &AppState, request: &axum::extract::Request) -> bool {
    let local = request
        .extensions()
        .get::<Client>()
        .is_some_and(|c| !c.proxied && c.address.is_loopback());
    let token = state
        .config
        .metrics_token
        .as_deref()
        .filter(|t| !t.is_empty());
    let presented = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let with_token = match (token, presented) {
        (Some(t), Some(p)) => {
            t.len() == p.len() && t.bytes().zip(p.bytes()).fold(0u8, |d, (a, b)| d | (a ^ b)) == 0
        }
        _ => false,
    };
    local || with_token
}

/// The Prometheus metrics: request counts and times, tips and failed
/// logins; only for the machine itself or a holder of `metrics_token`.
async fn metrics(State(state): State<AppState>, request: axum::extract::Request) -> Response {
    if !may_read_metrics(&state, &request) {
        return (
            StatusCode::FORBIDDEN,
            "metrics are read from the server itself, or with metrics_token\n",
        )
            .into_response();
    }
    match &state.metrics {
        Some(handle) => (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; version=0.0.4"),
            )],
            handle.render(),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "metrics disabled\n").into_response(),
    }
}

pub(crate) fn router() -> crate::routes::Routes {
    crate::routes::Routes::new()
        .route("/healthz", get(healthz))
        .route("/livez", get(livez))
        .route("/metrics", get(metrics))
}
