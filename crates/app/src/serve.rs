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
    // ANTT_LOG_SPANS=1 logs each instrumented call as it closes, with the
    // time it was busy: where a slow page spends it.
    let spans = if std::env::var_os("ANTT_LOG_SPANS").is_some_and(|v| v == "1") {
        tracing_subscriber::fmt::format::FmtSpan::CLOSE
    } else {
        tracing_subscriber::fmt::format::FmtSpan::NONE
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_span_events(spans)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Serves until Ctrl+C or SIGTERM; requests in flight are finished first.
pub(crate) async fn serve(antt: Antt, config: &Config) -> Result<()> {
    let state = AppState {
        antt: antt.clone(),
        config: Arc::new(WebConfig {
            secure_cookies: config.secure_cookies,
            trusted_proxies: config.trusted_proxies.clone(),
            metrics_token: config.metrics_token.clone(),
            public_url: config.public_url.clone(),
        }),
        metrics: antt_web::metrics_handle(),
    };
    let app = antt_web::router(state);
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let cleaner = tokio::spawn(clean_sessions(antt.clone()));
    let mailer = match &config.mail {
        Some(mail) => Some(
            antt_mail::Mailer::new(&mail.smtp_url, &mail.from).context("smtp_url or mail_from")?,
        ),
        None => None,
    };
    let notices = tokio::spawn(send_notices(
        antt.clone(),
        mailer.clone(),
        config.public_url.clone(),
    ));
    let reminders =
        mailer.map(|mailer| tokio::spawn(send_reminders(antt, mailer, config.public_url.clone())));
    tracing::info!(address = %config.listen, "serving");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("server stopped")?;
    cleaner.abort();
    notices.abort();
    if let Some(r) = reminders {
        r.abort();
    }
    tracing::info!("stopped");
    Ok(())
}

/// Deletes expired sessions every hour.
async fn clean_sessions(antt: Antt) {
    let mut every = tokio::time::interval(Duration::from_hours(1));
    loop {
        every.tick().await;
        match antt.auth().delete_expired_sessions().await {
            Ok(n) if n > 0 => tracing::info!(sessions = n, "expired sessions deleted"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "cannot delete expired sessions"),
        }
    }
}

/// Every minute: warns of tip deadlines near and passed, queues last
/// night's missed patrol rounds (from 7:00, once), then sends the notices
/// and dormitory alerts not yet sent by e-mail and the queued webhook
/// calls.
async fn send_notices(antt: Antt, mailer: Option<antt_mail::Mailer>, public_url: Option<String>) {
    let mut every = tokio::time::interval(Duration::from_mins(1));
    loop {
        every.tick().await;
        if let Err(e) = antt.tips().check_deadlines().await {
            tracing::warn!(error = %e, "cannot check tip deadlines");
        }
        match antt.reminders().report_missed_rounds().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(units = n, "missed patrol rounds queued for the webhook"),
            Err(e) => tracing::warn!(error = %e, "cannot report missed patrol rounds"),
        }
        match antt.dorms().flag_not_back().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(alerts = n, "students not back from leave flagged"),
            Err(e) => tracing::warn!(error = %e, "cannot flag students not back from leave"),
        }
        match antt
            .dorms()
            .deliver_alerts(mailer.as_ref(), public_url.as_deref())
            .await
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(mailed = n, "dormitory alerts sent"),
            Err(e) => tracing::warn!(error = %e, "cannot send dormitory alerts"),
        }
        match antt
            .tips()
            .deliver_notices(mailer.as_ref(), public_url.as_deref())
            .await
        {
            Ok(r) => {
                if r.mailed > 0 || r.hooks > 0 {
                    tracing::info!(mailed = r.mailed, webhook = r.hooks, "tip notices sent");
                }
                for error in r.failed {
                    tracing::warn!(%error, "tip notice not sent");
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot send tip notices"),
        }
    }
}

/// From 7:00 each morning (Vietnam time), sends the day's e-mail
/// reminders; checks every quarter of an hour, so a server started later in
/// the day still sends them, and never twice a day.
async fn send_reminders(antt: Antt, mailer: antt_mail::Mailer, public_url: Option<String>) {
    use chrono::Timelike;
    let mut every = tokio::time::interval(Duration::from_mins(15));
    loop {
        every.tick().await;
        if antt_domain::time::local_time(antt.now()).hour() < 7 {
            continue;
        }
        match antt.reminders().send(&mailer, public_url.as_deref()).await {
            Ok(r) => {
                if r.sent > 0 || !r.failed.is_empty() {
                    tracing::info!(sent = r.sent, failed = r.failed.len(), "e-mail reminders");
                }
                for (user, error) in r.failed {
                    tracing::warn!(%user, %error, "e-mail reminder not sent");
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot send e-mail reminders"),
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
