//! Starting the server: logging, the database, the router, shutdown.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use tracing_subscriber::EnvFilter;

use antt_core::Antt;
use antt_web::{AppState, WebConfig};

use crate::config::Config;

pub(crate) fn init_logging(filter: &str) {
    let filter = EnvFilter::try_new(format!(
        "{filter},sqlx=warn,sea_orm=warn,sea_orm_migration=warn"
    ))
    .unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Serves until Ctrl+C or SIGTERM; requests in flight are finished first.
pub(crate) async fn serve(antt: Antt, config: &Config) -> Result<()> {
    let state = AppState {
        antt: antt.clone(),
        config: Arc::new(WebConfig {
            secure_cookies: config.secure_cookies,
        }),
        metrics: antt_web::metrics_handle(),
    };
    let app = antt_web::router(state);
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let cleaner = tokio::spawn(clean_sessions(antt));
    tracing::info!(address = %config.listen, "serving");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("server stopped")?;
    cleaner.abort();
    tracing::info!("stopped");
    Ok(())
}

/// Deletes expired sessions every hour.
async fn clean_sessions(antt: Antt) {
    let mut every = tokio::time::interval(Duration::from_hours(1));
    loop {
        every.tick().await;
        match antt.delete_expired_sessions().await {
            Ok(n) if n > 0 => tracing::info!(sessions = n, "expired sessions deleted"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "cannot delete expired sessions"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
