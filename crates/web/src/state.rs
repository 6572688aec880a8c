//! What every handler shares.

use std::sync::Arc;

use antt_core::Antt;

use crate::client::TrustedProxies;
use metrics_exporter_prometheus::PrometheusHandle;

/// Web settings taken from the configuration.
#[derive(Clone, Debug, Default)]
pub struct WebConfig {
    /// Mark cookies `Secure` (when served over HTTPS).
    pub secure_cookies: bool,
    /// The proxies whose `Forwarded` / `X-Forwarded-*` headers are believed.
    pub trusted_proxies: TrustedProxies,
    /// `/metrics` answers a request with this bearer token from anywhere;
    /// without one, it answers only the machine itself (loopback).
    pub metrics_token: Option<String>,
    /// The address people open antt at (`https://antt.example.vn`), for
    /// the links printed in QR codes; without it, the address asked for.
    pub public_url: Option<String>,
}

/// The state of the router: the application, the web settings and the
/// metrics registry.
#[derive(Clone)]
pub struct AppState {
    pub antt: Antt,
    pub config: Arc<WebConfig>,
    pub metrics: Option<PrometheusHandle>,
}
