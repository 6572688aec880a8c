//! What runs around every request: request ids, security headers,
//! metrics, the session, and the CSRF check.

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tracing::Instrument;

use antt_core::Submission;
use antt_core::auth::ActiveSession;

use crate::error::error_page;
use crate::state::AppState;

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The id of the request being served ("-" outside one).
pub fn current_request_id() -> String {
    REQUEST_ID
        .try_with(Clone::clone)
        .unwrap_or_else(|_| "-".into())
}

/// Gives every request an id (or keeps a well-formed `X-Request-Id` sent by
/// a proxy), logs it, and returns it in the response.
pub async fn request_id(request: Request, next: Next) -> Response {
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .map_or_else(|| uuid::Uuid::now_v7().simple().to_string(), str::to_owned);
    let span = tracing::info_span!("request", id = %id, method = %request.method(), path = %request.uri().path());
    let serve = async move {
        let started = Instant::now();
        let response = next.run(request).await;
        tracing::debug!(
            status = response.status().as_u16(),
            ms = started.elapsed().as_millis(),
            "served"
        );
        response
    };
    let mut response = REQUEST_ID.scope(id.clone(), serve.instrument(span)).await;
    if let Ok(v) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", v);
    }
    response
}

/// Counts requests and their latency by route for `/metrics`.
pub async fn metrics(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = request.method().to_string();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("http_requests_total", "method" => method, "route" => route.clone(), "status" => status).increment(1);
    metrics::histogram!("http_request_duration_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// Security headers on every response.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(self), microphone=(), geolocation=()"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
    }
    response
}

/// Every error a browser can be answered with is a Vietnamese page: the
/// bare answers of the router (405 for a form's address opened directly),
/// of the extractors (400, 413, 415 in English plain text) and any other
/// that is not already a page. The API and the machine endpoints keep
/// their own bodies.
pub async fn browser_errors(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let for_browser = !(path.starts_with("/api/")
        || path.starts_with("/static/")
        || matches!(path, "/livez" | "/healthz" | "/metrics"));
    let response = next.run(request).await;
    let status = response.status();
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !for_browser || is_page || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (title, message) = match status {
        StatusCode::NOT_FOUND => (
            "Không tìm thấy",
            "Trang bạn tìm không có. Hãy quay về trang chủ.",
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "Không mở trực tiếp được",
            "Địa chỉ này dùng để gửi biểu mẫu, không mở trực tiếp được. Hãy quay lại trang trước hoặc về trang chủ.",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "Dữ liệu quá lớn",
            "Biểu mẫu hoặc tệp gửi lên quá lớn. Chưa có gì được lưu.",
        ),
        StatusCode::TOO_MANY_REQUESTS => (
            "Thử quá nhiều lần",
            "Bạn đã gửi quá nhiều lần. Hãy đợi vài phút rồi thử lại.",
        ),
        s if s.is_server_error() => (
            "Đã có lỗi",
            "Hệ thống chưa làm được việc này; không có gì bị thay đổi. Hãy thử lại sau ít phút.",
        ),
        _ => (
            "Yêu cầu không hợp lệ",
            "Trình duyệt gửi dữ liệu mà hệ thống không đọc được. Hãy tải lại trang rồi làm lại; chưa có gì được lưu.",
        ),
    };
    let mut page = error_page(status, title, message);
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(v) = response.headers().get(&name) {
            page.headers_mut().insert(name, v.clone());
        }
    }
    page
}

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "antt_session";
/// The double-submit cookie of the login form.
pub const LOGIN_COOKIE: &str = "antt_login";
/// The device token of a browser that logged in before (sent to `/login`
/// only): its next logins to that account pass the account's delays.
pub const DEVICE_COOKIE: &str = "antt_device";

/// The value of cookie `name`.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn csrf_refused() -> Response {
    error_page(
        StatusCode::FORBIDDEN,
        "Biểu mẫu đã hết hạn",
        "Biểu mẫu này không còn hợp lệ (phiên làm việc đã thay đổi). Hãy tải lại trang rồi làm lại; dữ liệu chưa được lưu.",
    )
}

/// Finds the session of the cookie and puts it in the request; then, for
/// every unsafe method outside the bearer-token API, checks the CSRF token
/// sent in the `X-CSRF-Token` header or the `_csrf` form field: the
/// session's token, or for the login form the double-submit cookie.
pub async fn session(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    // Assets, health checks and the bearer-token API never use the session;
    // nor do the public tip portal and an equipment label's fault report,
    // so a reporter is never tied to an account.
    let path = request.uri().path();
    if path.starts_with("/static/")
        || path.starts_with("/api/")
        || path.starts_with("/tip/")
        || path.starts_with("/e/")
        || matches!(path, "/livez" | "/healthz" | "/metrics")
    {
        return next.run(request).await;
    }
    let token = cookie(request.headers(), SESSION_COOKIE).map(str::to_owned);
    let mut active: Option<Arc<ActiveSession>> = None;
    if let Some(token) = token {
        match state.antt.auth().session(&token).await {
            Ok(s) => active = Some(Arc::new(s)),
            Err(antt_core::CoreError::Unauthenticated) => {}
            Err(e) => return crate::error::WebError(e).into_response(),
        }
    }
    let unsafe_method = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if unsafe_method && !request.uri().path().starts_with("/api/") {
        let expected = if request.uri().path() == "/login" {
            cookie(request.headers(), LOGIN_COOKIE).map(str::to_owned)
        } else {
            active.as_ref().map(|s| s.csrf_token.clone())
        };
        let Some(expected) = expected else {
            return csrf_refused();
        };
        let header_token = request
            .headers()
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let mut once = None;
        let sent = if let Some(t) = header_token {
            Some(t)
        } else {
            let (parts, body) = request.into_parts();
            let boundary = multipart_boundary(&parts.headers);
            let limit = if boundary.is_some() {
                crate::limits::UPLOAD_BODY
            } else {
                crate::limits::FORM_BODY
            };
            let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
                return error_page(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "Dữ liệu quá lớn",
                    &format!(
                        "Biểu mẫu gửi lên quá lớn (tối đa {} MB cho tệp, {} MB cho biểu mẫu không có tệp). Chưa có gì được lưu.",
                        crate::limits::UPLOAD_BODY / crate::limits::MEGABYTE,
                        crate::limits::FORM_BODY / crate::limits::MEGABYTE,
                    ),
                );
            };
            let field_of = |name| match &boundary {
                Some(b) => multipart_field(&bytes, b, name),
                None => form_field(&bytes, name),
            };
            let field = field_of("_csrf");
            once = field_of("_once");
            request = Request::from_parts(parts, Body::from(bytes));
            field
        };
        if !sent.is_some_and(|s| constant_time_eq(s.as_bytes(), expected.as_bytes())) {
            return csrf_refused();
        }
        // A creating form's one-time key goes with the actor to the write.
        if let (Some(s), Some(key)) = (&active, once.as_deref().and_then(Submission::new)) {
            let mut with_key = ActiveSession::clone(s);
            with_key.actor = with_key.actor.with_submission(Some(key));
            active = Some(Arc::new(with_key));
        }
    }
    if let Some(s) = active {
        request.extensions_mut().insert(s);
    }
    next.run(request).await
}

fn form_field(body: &Bytes, name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// The boundary of a `multipart/form-data` request (a file upload).
fn multipart_boundary(headers: &HeaderMap) -> Option<String> {
    let content_type = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    if !content_type.starts_with("multipart/form-data") {
        return None;
    }
    content_type.split(';').find_map(|p| {
        p.trim()
            .strip_prefix("boundary=")
            .map(|b| b.trim_matches('"').to_owned())
    })
}

/// A short text field of a multipart body (the forms put `_csrf` first, so
/// the search stops long before the file).
fn multipart_field(body: &[u8], boundary: &str, name: &str) -> Option<String> {
    let delimiter = format!("--{boundary}");
    let header = format!("name=\"{name}\"");
    let mut rest = body;
    while let Some(start) = memchr::memmem::find(rest, delimiter.as_bytes()) {
        rest = &rest[start + delimiter.len()..];
        let end = memchr::memmem::find(rest, delimiter.as_bytes()).unwrap_or(rest.len());
        let part = &rest[..end];
        let split = memchr::memmem::find(part, b"\r\n\r\n")?;
        let headers = std::str::from_utf8(&part[..split]).ok()?;
        if headers.contains(&header) && !headers.contains("filename=") {
            let value = &part[split + 4..];
            let value = value.strip_suffix(b"\r\n").unwrap_or(value);
            return std::str::from_utf8(value).ok().map(str::to_owned);
        }
    }
    None
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_token_of_a_file_upload() {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("multipart/form-data; boundary=----x1"),
        );
        let boundary = multipart_boundary(&h).unwrap();
        let body = b"------x1\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok+1\r\n------x1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n_csrf\r\n------x1--\r\n";
        assert_eq!(
            multipart_field(body, &boundary, "_csrf").as_deref(),
            Some("tok+1")
        );
        assert_eq!(multipart_field(body, &boundary, "other"), None);
    }

    #[test]
    fn reads_cookies_and_form_fields() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; antt_session=abc; b=2"),
        );
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "c"), None);
        assert_eq!(
            form_field(&Bytes::from_static(b"x=1&_csrf=t%2B1"), "_csrf").as_deref(),
            Some("t+1")
        );
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
