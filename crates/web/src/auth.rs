//! Who is asking: the session of a browser, the bearer token of the API;
//! and the login and logout screens.

use std::sync::Arc;

use crate::forms::Form;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{FromRequestParts, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use antt_core::auth::{ActiveSession, Client};
use antt_core::{Actor, CoreError, Submission};

use crate::error::{ApiError, WebError};
use crate::i18n;
use crate::middleware::{DEVICE_COOKIE, LOGIN_COOKIE, SESSION_COOKIE, cookie};
use crate::state::AppState;

/// The logged-in user of a browser request. Without a session the request
/// is sent to the login page.
pub struct CurrentUser(pub Arc<ActiveSession>);

impl CurrentUser {
    pub fn actor(&self) -> &Actor {
        &self.0.actor
    }
    pub fn csrf(&self) -> &str {
        &self.0.csrf_token
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Arc<ActiveSession>>()
            .cloned()
            .map(Self)
            .ok_or(WebError(CoreError::Unauthenticated))
    }
}

/// The actor of an API request, from `Authorization: Bearer <token>`.
pub struct ApiActor(pub Actor);

impl FromRequestParts<AppState> for ApiActor {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(ApiError::Core(CoreError::Unauthenticated))?;
        let submission = idempotency_key(&parts.headers)?;
        let actor = state.antt.auth().token_actor(token).await?;
        Ok(Self(actor.with_submission(submission)))
    }
}

/// The `Idempotency-Key` of an API call: a call sent again with the same
/// key does nothing new and answers 409 `already_done`.
pub(crate) fn idempotency_key(
    headers: &axum::http::HeaderMap,
) -> Result<Option<Submission>, ApiError> {
    let Some(key) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    key.to_str()
        .ok()
        .map(|k| k.trim().trim_matches('"'))
        .and_then(Submission::new)
        .map(Some)
        .ok_or_else(|| {
            ApiError::BadRequest(
                "Idempotency-Key must be 8 to 64 letters, digits, '-' or '_'".into(),
            )
        })
}

fn cookie_header(
    name: &str,
    value: &str,
    max_age: i64,
    path: &str,
    same_site: &str,
    secure: bool,
) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite={same_site}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
pub struct LoginPage {
    csrf: String,
    username: String,
    error: Option<String>,
    next: String,
}

#[derive(Deserialize)]
pub struct NextParam {
    next: Option<String>,
}

/// Only paths of this site are followed after login.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/".to_owned(),
    }
}

fn login_page(
    state: &AppState,
    status: StatusCode,
    username: String,
    error: Option<&str>,
    next: String,
) -> Response {
    let csrf = antt_core::auth::random_token();
    let page = LoginPage {
        csrf: csrf.clone(),
        username,
        error: error.map(str::to_owned),
        next,
    };
    let mut r = (status, page).into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        cookie_header(
            LOGIN_COOKIE,
            &csrf,
            3600,
            "/login",
            "Strict",
            state.config.secure_cookies,
        ),
    );
    r
}

pub async fn login_form(
    State(state): State<AppState>,
    Query(q): Query<NextParam>,
    request: Request,
) -> Response {
    if request.extensions().get::<Arc<ActiveSession>>().is_some() {
        return Redirect::to(&safe_next(q.next.as_deref())).into_response();
    }
    login_page(
        &state,
        StatusCode::OK,
        String::new(),
        None,
        safe_next(q.next.as_deref()),
    )
}

#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    next: Option<String>,
}

pub async fn login(State(state): State<AppState>, request: Request) -> Response {
    let address = crate::client::address_of(request.extensions());
    let device = cookie(request.headers(), DEVICE_COOKIE).map(str::to_owned);
    let Ok(Form(form)) = Form::<LoginForm>::from_request(request, &state).await else {
        return login_page(
            &state,
            StatusCode::BAD_REQUEST,
            String::new(),
            Some("Hãy nhập tên đăng nhập và mật khẩu."),
            "/".into(),
        );
    };
    let next = safe_next(form.next.as_deref());
    match state
        .antt
        .auth()
        .login(
            &form.username,
            &form.password,
            Client {
                address: address.as_deref(),
                device: device.as_deref(),
            },
        )
        .await
    {
        Ok(session) => {
            let mut r = Redirect::to(&next).into_response();
            r.headers_mut().append(
                header::SET_COOKIE,
                cookie_header(
                    DEVICE_COOKIE,
                    &session.device,
                    antt_core::auth::DEVICE_LIFETIME.num_seconds(),
                    "/login",
                    "Strict",
                    state.config.secure_cookies,
                ),
            );
            let age = antt_core::auth::SESSION_IDLE.num_seconds();
            r.headers_mut().append(
                header::SET_COOKIE,
                cookie_header(
                    SESSION_COOKIE,
                    &session.token,
                    age,
                    "/",
                    "Lax",
                    state.config.secure_cookies,
                ),
            );
            r.headers_mut().append(
                header::SET_COOKIE,
                cookie_header(
                    LOGIN_COOKIE,
                    "",
                    0,
                    "/login",
                    "Strict",
                    state.config.secure_cookies,
                ),
            );
            r
        }
        Err(CoreError::Unauthenticated) => login_page(
            &state,
            StatusCode::UNAUTHORIZED,
            form.username,
            Some("Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa."),
            next,
        ),
        Err(CoreError::WaitBeforeRetry(seconds)) => {
            let mut r = login_page(
                &state,
                StatusCode::TOO_MANY_REQUESTS,
                form.username,
                Some(&format!(
                    "Đã nhập sai mật khẩu nhiều lần. Hãy đợi {} rồi thử lại. Nếu cần vào ngay, hãy nhờ Văn phòng của đơn vị bấm “Cho đăng nhập lại ngay”.",
                    i18n::wait(seconds)
                )),
                next,
            );
            if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            r
        }
        Err(e) => WebError(e).into_response(),
    }
}

pub async fn logout(State(state): State<AppState>, request: Request) -> Response {
    if let Some(token) = cookie(request.headers(), SESSION_COOKIE)
        && let Err(e) = state.antt.auth().logout(token).await
    {
        return WebError(e).into_response();
    }
    let mut r = Redirect::to("/login").into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        cookie_header(
            SESSION_COOKIE,
            "",
            0,
            "/",
            "Lax",
            state.config.secure_cookies,
        ),
    );
    r
}

use axum::extract::FromRequest as _;

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::{get, post};
    crate::routes::Routes::new()
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/people?q=an")), "/people?q=an");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
