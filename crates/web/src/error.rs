//! Turning use-case errors into pages (Vietnamese) and JSON (English).

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;

use antt_core::CoreError;
use antt_domain::audit::TargetKind;

use crate::i18n;
use crate::middleware::current_request_id;

/// Logs an internal failure with every cause under it.
fn log_internal(cause: &(dyn std::error::Error + 'static)) {
    let mut chain = cause.to_string();
    let mut source = cause.source();
    while let Some(s) = source {
        chain.push_str(": ");
        chain.push_str(&s.to_string());
        source = s.source();
    }
    tracing::error!(cause = %chain, "internal error");
}

/// An error page of the HTML interface.
#[derive(Debug)]
pub struct WebError(pub CoreError);

impl From<CoreError> for WebError {
    fn from(e: CoreError) -> Self {
        Self(e)
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    title: &'a str,
    message: &'a str,
    request_id: String,
}

/// How long a client told "busy" should wait, in seconds.
pub(crate) const RETRY_AFTER_BUSY: &str = "5";

/// `response` with `Retry-After`, for an answer of "busy".
pub(crate) fn busy(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from_static(RETRY_AFTER_BUSY),
    );
    response
}

/// `response` with `Retry-After: seconds`.
fn retry_after(mut response: Response, seconds: u32) -> Response {
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}

/// A full error page with a status.
pub(crate) fn error_page(status: StatusCode, title: &str, message: &str) -> Response {
    let page = ErrorPage {
        title,
        message,
        request_id: current_request_id(),
    };
    match page.render() {
        Ok(html) => (
            status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            )],
            html,
        )
            .into_response(),
        Err(_) => (status, title.to_owned()).into_response(),
    }
}

/// The answer to a request whose handler panicked: a bug, logged, and an
/// error page instead of a dropped connection; the other requests go on.
pub(crate) fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request panicked");
    WebError(CoreError::Internal("a request panicked".into())).into_response()
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        match self.0 {
            CoreError::Unauthenticated => {
                let mut r = (StatusCode::SEE_OTHER, [(header::LOCATION, "/login")]).into_response();
                r.headers_mut()
                    .insert("HX-Redirect", HeaderValue::from_static("/login"));
                r
            }
            CoreError::Forbidden => error_page(
                StatusCode::FORBIDDEN,
                "Không có quyền",
                "Tài khoản của bạn không được phép làm việc này. Nếu cần, hãy liên hệ Văn phòng của đơn vị.",
            ),
            CoreError::NotFound => error_page(
                StatusCode::NOT_FOUND,
                "Không tìm thấy",
                "Trang hoặc bản ghi bạn tìm không có, hoặc không thuộc đơn vị của bạn.",
            ),
            CoreError::Invalid(errors) => {
                let list: Vec<String> = errors
                    .iter()
                    .map(|e| match i18n::field(e.field) {
                        // A field with no words of its own (`public_url`):
                        // the sentence says it all, never a code.
                        label if label == e.field => i18n::error(e.code).to_owned(),
                        label => format!("{label}: {}", i18n::error(e.code)),
                    })
                    .collect();
                error_page(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "Dữ liệu chưa hợp lệ",
                    &list.join(" "),
                )
            }
            CoreError::TooManyAttempts => error_page(
                StatusCode::TOO_MANY_REQUESTS,
                "Thử quá nhiều lần",
                "Bạn đã thử quá nhiều lần. Hãy đợi 15 phút rồi thử lại.",
            ),
            CoreError::WaitBeforeRetry(seconds) => retry_after(
                error_page(
                    StatusCode::TOO_MANY_REQUESTS,
                    "Hãy đợi một chút",
                    &format!(
                        "Đã nhập sai nhiều lần. Hãy đợi {} rồi thử lại.",
                        i18n::wait(seconds)
                    ),
                ),
                seconds,
            ),
            CoreError::Busy => busy(error_page(
                StatusCode::SERVICE_UNAVAILABLE,
                "Hệ thống đang bận",
                "Có nhiều người đang đăng nhập hoặc tra cứu cùng lúc. Chưa có gì được làm; hãy thử lại sau vài giây.",
            )),
            CoreError::AlreadyDone(target) => match target.and_then(|(k, id)| page_of(k, &id)) {
                Some(page) => Redirect::to(&page).into_response(),
                None => error_page(
                    StatusCode::CONFLICT,
                    "Biểu mẫu này đã được gửi",
                    "Biểu mẫu này đã được gửi và lưu ở lần trước; không tạo thêm bản ghi nào. Hãy mở lại danh sách để xem.",
                ),
            },
            CoreError::Internal(cause) => {
                log_internal(&*cause);
                error_page(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Đã có lỗi",
                    "Hệ thống gặp lỗi và chưa làm được việc này; không có gì bị thay đổi. Hãy thử lại; nếu vẫn lỗi, báo cho quản trị kèm mã yêu cầu dưới đây.",
                )
            }
        }
    }
}

/// The body of every API error.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct ApiErrorBody {
    pub error: ApiErrorDetail,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct ApiErrorDetail {
    /// Stable code: `unauthenticated`, `forbidden`, `not_found`, `invalid`,
    /// `too_many_attempts`, `busy` (503, with `Retry-After`), `bad_request`,
    /// `already_done` (409: the `Idempotency-Key` was used by a request that
    /// completed; `Location` names what it made), `internal`.
    pub code: &'static str,
    pub message: String,
    /// For `invalid`: each refused field and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<ApiFieldError>,
    pub request_id: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct ApiFieldError {
    pub field: &'static str,
    pub code: &'static str,
}

/// An error of the JSON API.
#[derive(Debug)]
pub enum ApiError {
    Core(CoreError),
    BadRequest(String),
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        Self::Core(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, message, fields) = match self {
            Self::BadRequest(m) => (StatusCode::BAD_REQUEST, "bad_request", m, vec![]),
            Self::Core(e) => match e {
                CoreError::Unauthenticated => (
                    StatusCode::UNAUTHORIZED,
                    "unauthenticated",
                    "missing, expired or wrong credentials".into(),
                    vec![],
                ),
                CoreError::Forbidden => (
                    StatusCode::FORBIDDEN,
                    "forbidden",
                    "your role does not allow this".into(),
                    vec![],
                ),
                CoreError::NotFound => (
                    StatusCode::NOT_FOUND,
                    "not_found",
                    "no such record in the units you may read".into(),
                    vec![],
                ),
                CoreError::Invalid(errors) => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid",
                    "the input was refused; see fields".into(),
                    errors
                        .iter()
                        .map(|e| ApiFieldError {
                            field: e.field,
                            code: e.code.code(),
                        })
                        .collect(),
                ),
                CoreError::TooManyAttempts => (
                    StatusCode::TOO_MANY_REQUESTS,
                    "too_many_attempts",
                    "too many attempts from here; wait some minutes and try again".into(),
                    vec![],
                ),
                CoreError::WaitBeforeRetry(seconds) => {
                    return retry_after(
                        ApiError::Core(CoreError::TooManyAttempts).into_response(),
                        seconds,
                    );
                }
                CoreError::Busy => (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "busy",
                    "the server is busy with this kind of work; nothing was done; retry in a few seconds".into(),
                    vec![],
                ),
                CoreError::AlreadyDone(target) => {
                    let location = target.as_ref().and_then(|(k, id)| api_path_of(*k, id));
                    let body = ApiErrorBody {
                        error: ApiErrorDetail {
                            code: "already_done",
                            message: "a request with this Idempotency-Key was done before; nothing was done again".into(),
                            fields: vec![],
                            request_id: current_request_id(),
                        },
                    };
                    let mut response = (StatusCode::CONFLICT, axum::Json(body)).into_response();
                    if let Some(location) = location
                        .and_then(|l| HeaderValue::from_str(&l).ok())
                    {
                        response.headers_mut().insert(header::LOCATION, location);
                    }
                    return response;
                }
                CoreError::Internal(cause) => {
                    log_internal(&*cause);
                    (
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "internal",
                        "internal error; nothing was changed".into(),
                        vec![],
                    )
                }
            },
        };
        let body = ApiErrorBody {
            error: ApiErrorDetail {
                code,
                message,
                fields,
                request_id: current_request_id(),
            },
        };
        let response = (status, axum::Json(body)).into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            busy(response)
        } else {
            response
        }
    }
}

/// The screen of a record an audit entry names, to lead a repeated form to
/// what its first sending made.
fn page_of(kind: TargetKind, id: &str) -> Option<String> {
    let collection = match kind {
        TargetKind::Campus => "campuses",
        TargetKind::Class => "classes",
        TargetKind::Person => "people",
        TargetKind::User => "users",
        TargetKind::Plan => "plans",
        TargetKind::PlanTask => "tasks",
        TargetKind::Session => "sessions",
        TargetKind::Team => "teams",
        TargetKind::Contest => "contests",
        TargetKind::Tip => "tips",
        TargetKind::Incident => "incidents",
        TargetKind::Department => return Some("/departments".into()),
        TargetKind::Commitment => return Some("/commitments".into()),
        TargetKind::Violation => return Some("/violations".into()),
        TargetKind::Reward => return Some("/rewards".into()),
        TargetKind::Assessment | TargetKind::Report => return Some("/assessment".into()),
        TargetKind::DutyPost => return Some("/duty/posts".into()),
        TargetKind::Roster => return Some(format!("/duty?month={id}")),
        TargetKind::ShiftLog => return Some("/gate".into()),
        TargetKind::Patrol => return Some("/patrol".into()),
        TargetKind::Visitor => return Some("/gate/visitors".into()),
        TargetKind::Equipment => return Some("/equipment".into()),
        TargetKind::Dorm => return Some("/dorm/leave".into()),
        TargetKind::Province => return Some("/province".into()),
        TargetKind::Unit | TargetKind::Rubric => return None,
    };
    uuid::Uuid::parse_str(id)
        .ok()
        .map(|id| format!("/{collection}/{id}"))
}

/// The API path of a record an audit entry names.
fn api_path_of(kind: TargetKind, id: &str) -> Option<String> {
    let collection = match kind {
        TargetKind::Campus => "campuses",
        TargetKind::Department => "departments",
        TargetKind::Class => "classes",
        TargetKind::Person => "people",
        TargetKind::Plan => "plans",
        TargetKind::Session => "sessions",
        TargetKind::Team => "teams",
        TargetKind::Tip => "tips",
        TargetKind::Incident => "incidents",
        _ => return None,
    };
    uuid::Uuid::parse_str(id)
        .ok()
        .map(|id| format!("/api/v1/{collection}/{id}"))
}
