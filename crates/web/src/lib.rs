//! The HTTP face of antt: server-rendered HTML screens in Vietnamese (askama
//! and htmx, every asset served by the binary) and the JSON API.
//!
//! Thin by rule: a handler parses the request, calls one use case of
//! `antt_core`, and renders. No SQL and no business rules here.

pub mod api;
pub use antt_words as i18n;
mod assets;
pub mod auth;
mod error;
mod forms;
mod layout;
pub mod middleware;
mod ops;
pub mod state;
mod views;

use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

pub use ops::metrics_handle;
pub use state::{AppState, WebConfig};

use views::{
    account, assessment, audit, commitments, contests, home, import, incidents, lists, org, people,
    plans, portal, rewards, sessions, tasks, teams, tips, units, users,
};

async fn not_found() -> Response {
    error::error_page(
        StatusCode::NOT_FOUND,
        "Không tìm thấy",
        "Trang bạn tìm không có. Hãy quay về trang chủ.",
    )
    .into_response()
}

/// The whole application: screens, API, assets, health and metrics.
/// The largest request a file upload may send: an import file and its form.
const UPLOAD_LIMIT: usize = antt_core::import::MAX_FILE_BYTES + 64 * 1024;
/// A tip with its largest photos.
const TIP_LIMIT: usize =
    antt_domain::tip::MAX_PHOTOS * antt_domain::tip::MAX_PHOTO_BYTES + 64 * 1024;

pub fn router(state: AppState) -> Router {
    let screens = Router::new()
        .route("/", get(home::show))
        .route("/login", get(auth::login_form).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/units", get(units::list))
        .route("/org", get(org::index))
        .route("/campuses", post(org::create_campus))
        .route("/campuses/new", get(org::new_campus))
        .route(
            "/campuses/{id}",
            get(org::edit_campus).post(org::update_campus),
        )
        .route("/departments", post(org::create_department))
        .route("/departments/new", get(org::new_department))
        .route(
            "/departments/{id}",
            get(org::edit_department).post(org::update_department),
        )
        .route("/classes", post(org::create_class))
        .route("/classes/new", get(org::new_class))
        .route(
            "/classes/{id}",
            get(org::edit_class).post(org::update_class),
        )
        .route("/people", get(people::list).post(people::create))
        .route("/people/new", get(people::new_form))
        .route(
            "/people/import",
            get(import::upload_form)
                .post(import::upload)
                .layer(axum::extract::DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/people/import/{id}", post(import::confirm))
        .route("/people/export", get(import::export))
        .route("/people/template", get(import::template))
        .route("/people/{id}", get(people::detail).post(people::update))
        .route("/people/{id}/edit", get(people::edit_form))
        .route("/users", get(users::list).post(users::create))
        .route("/users/{id}", get(users::detail))
        .route("/users/{id}/password", post(users::reset_password))
        .route("/users/{id}/lock", post(users::lock))
        .route("/users/{id}/unlock", post(users::unlock))
        .route("/assessment", get(assessment::show))
        .route("/assessment/confirm", post(assessment::confirm))
        .route(
            "/assessment/ratings",
            get(assessment::ratings).post(assessment::save_ratings),
        )
        .route(
            "/assessment/score",
            get(assessment::score).post(assessment::save_score),
        )
        .route("/assessment/score/export", get(assessment::export_score))
        .route(
            "/assessment/report",
            get(assessment::report).post(assessment::save_report),
        )
        .route("/assessment/dossier", get(assessment::dossier))
        .route("/assessment/documents/{name}", get(assessment::document))
        .route("/assessment/register", post(assessment::register))
        .route("/assessment/meeting", post(assessment::meeting))
        .route("/assessment/submit", post(assessment::submit))
        .route("/assessment/review", post(assessment::review))
        .route("/assessment/decision", post(assessment::decision))
        .route("/assessment/units", get(assessment::units))
        .route(
            "/assessment/sheet",
            get(assessment::sheet_form)
                .post(assessment::load_sheet)
                .layer(axum::extract::DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/rewards", get(rewards::show).post(rewards::act))
        .route("/rewards/decision", get(rewards::decision_document))
        .route("/rewards/certificates", get(rewards::certificates))
        .route("/rewards/proposals", get(rewards::proposals))
        .route("/rewards/history", get(rewards::history))
        .route("/plans", get(plans::list).post(plans::start))
        .route("/plans/export", get(lists::plans))
        .route("/plans/{id}", get(plans::show).post(plans::save))
        .route("/plans/{id}/edit", get(plans::edit_form))
        .route("/plans/{id}/state", post(plans::advance))
        .route("/plans/{id}/document", get(plans::document))
        .route("/plans/{id}/tasks/export", get(lists::plan_tasks))
        .route("/plans/{id}/tasks", post(tasks::create))
        .route("/plans/{id}/tasks/new", get(tasks::new_form))
        .route("/tasks/{id}", get(tasks::show).post(tasks::update))
        .route("/tasks/{id}/edit", get(tasks::edit_form))
        .route(
            "/tasks/{id}/notes",
            post(tasks::report).layer(axum::extract::DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/notes/{id}/file", get(tasks::note_file))
        .route("/sessions", get(sessions::list).post(sessions::create))
        .route("/sessions/new", get(sessions::new_form))
        .route("/sessions/export", get(lists::sessions))
        .route("/sessions/{id}", get(sessions::show).post(sessions::update))
        .route("/sessions/{id}/edit", get(sessions::edit_form))
        .route("/sessions/{id}/check-in", post(sessions::open_check_in))
        .route(
            "/sessions/{id}/attendance",
            get(sessions::attendance_form).post(sessions::save_attendance),
        )
        .route("/coverage", get(sessions::coverage))
        .route("/coverage/export", get(sessions::export_not_reached))
        .route("/sessions/{id}/export", get(sessions::export_attendees))
        .route("/commitments/export", get(commitments::export_not_signed))
        .route(
            "/commitments",
            get(commitments::show).post(commitments::start),
        )
        .route("/commitments/sign", post(commitments::sign))
        .route("/contests", get(contests::list).post(contests::create))
        .route("/contests/template", get(contests::template))
        .route("/contests/{id}", get(contests::show).post(contests::update))
        .route("/contests/{id}/questions", post(contests::import))
        .route("/contests/{id}/start", post(contests::start))
        .route(
            "/contests/{id}/take",
            get(contests::take).post(contests::submit),
        )
        .route("/contests/{id}/export", get(contests::export))
        .route("/teams", get(teams::list).post(teams::create))
        .route("/teams/new", get(teams::new_form))
        .route("/teams/export", get(lists::teams))
        .route("/teams/types", get(teams::types).post(teams::add_type))
        .route("/teams/types/remove", post(teams::remove_type))
        .route("/teams/{id}", get(teams::show).post(teams::update))
        .route("/teams/{id}/edit", get(teams::edit_form))
        .route("/teams/{id}/members", post(teams::add_member))
        .route("/teams/{id}/activities", post(teams::log_activity))
        .route(
            "/commitments/paper",
            get(commitments::paper_form).post(commitments::save_paper),
        )
        .route("/checkin", get(sessions::check_in_form))
        .route(
            "/checkin/{code}",
            get(sessions::check_in_confirm).post(sessions::check_in),
        )
        .route("/tips", get(tips::inbox))
        .route("/tips/stats", get(incidents::stats))
        .route("/tips/stats/export", get(incidents::export_stats))
        .route("/incidents", get(incidents::list).post(incidents::create))
        .route("/incidents/new", get(incidents::new_form))
        .route(
            "/incidents/{id}",
            get(incidents::show).post(incidents::update),
        )
        .route("/incidents/{id}/edit", get(incidents::edit_form))
        .route("/incidents/{id}/transfer", post(incidents::transfer))
        .route("/incidents/{id}/close", post(incidents::close))
        .route("/incidents/{id}/involved", post(incidents::add_involved))
        .route(
            "/incidents/{id}/involved/{who}/remove",
            post(incidents::remove_involved),
        )
        .route("/incidents/{id}/violations", post(incidents::add_violation))
        .route("/incidents/{id}/report", get(incidents::report))
        .route(
            "/violations",
            get(incidents::violations).post(incidents::record_violation),
        )
        .route(
            "/tips/new",
            get(tips::record_form)
                .post(tips::record)
                .layer(axum::extract::DefaultBodyLimit::max(TIP_LIMIT)),
        )
        .route("/tips/report", get(tips::report))
        .route("/tips/poster", get(tips::poster))
        .route("/tips/settings", get(tips::settings))
        .route("/tips/settings/handlers", post(tips::set_handler))
        .route("/tips/settings/deadlines", post(tips::set_deadline))
        .route("/tips/{id}", get(tips::show))
        .route("/tips/{id}/photos/{n}", get(tips::photo))
        .route("/tips/{id}/assign", post(tips::assign))
        .route("/tips/{id}/state", post(tips::change_state))
        .route("/tips/{id}/messages", post(tips::message))
        .route("/tip/status", get(portal::status_form).post(portal::status))
        .route("/tip/reply", post(portal::reply))
        .route(
            "/tip/{code}",
            get(portal::form)
                .post(portal::submit)
                .layer(axum::extract::DefaultBodyLimit::max(TIP_LIMIT)),
        )
        .route("/audit", get(audit::list))
        .route("/account", get(account::show))
        .route("/account/password", post(account::change_password));
    Router::new()
        .merge(screens)
        .merge(api::router())
        .merge(assets::router())
        .merge(ops::router())
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::session,
        ))
        .layer(axum::middleware::from_fn(middleware::metrics))
        .layer(axum::middleware::from_fn(middleware::security_headers))
        .layer(axum::middleware::from_fn(middleware::request_id))
        .with_state(state)
}
