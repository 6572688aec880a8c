//! What every handler shares.

use std::sync::Arc;

use antt_core::Antt;
use metrics_exporter_prometheus::PrometheusHandle;

/// Web settings taken from the configuration.
#[derive(Clone, Debug, Default)]
pub struct WebConfig {
    /// Mark cookies `Secure` (when served over HTTPS).
    pub secure_cookies: bool,
}

/// The state of the router: the application, the web settings and the
/// metrics registry.
#[derive(Clone)]
pub struct AppState {
    pub antt: Antt,
    pub config: Arc<WebConfig>,
    pub metrics: Option<PrometheusHandle>,
}
