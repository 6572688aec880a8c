//! The public tip portal: no account, no session. A tip is sent from a
//! phone and answered with a receipt code; with the code the reporter
//! follows the tip and answers the handler. The code travels only in form
//! bodies, never in a URL; the one cookie is a random reference to the
//! page that shows the new code, for five minutes. The sender's address is turned into an
//! opaque key for the flood limit and goes no further.

use std::sync::OnceLock;

use crate::forms::Form;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{FromRequestParts, Multipart, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use antt_core::tip::portal::{PortalUnit, ReporterView};
use antt_core::{CoreError, Submission};
use antt_domain::tip::{self, Author, MAX_PHOTOS, TipCategory, TipChannel, TipInput};
use antt_domain::{CampusId, ErrorCode, ValidationErrors};

use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, Upload, form_again};
use crate::i18n;
use crate::state::AppState;

/// The opaque key of a sender for the flood limit: a hash of its address
/// under a random key made at start, so it means nothing outside this
/// process and nothing is learnt from it.
pub(crate) struct FloodKey(pub(crate) Option<String>);

fn process_secret() -> &'static [u8; 32] {
    static SECRET: OnceLock<[u8; 32]> = OnceLock::new();
    SECRET.get_or_init(|| {
        let mut s = [0u8; 32];
        let id = uuid::Uuid::new_v4();
        let id2 = uuid::Uuid::new_v4();
        s[..16].copy_from_slice(id.as_bytes());
        s[16..].copy_from_slice(id2.as_bytes());
        s
    })
}

impl<S: Send + Sync> FromRequestParts<S> for FloodKey {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        // The address as [`crate::client`] found it: a forwarded one only
        // from a trusted proxy.
        let sender = parts
            .extensions
            .get::<crate::client::Client>()
            .map(|c| c.address);
        Ok(Self(sender.map(|ip| {
            let digest = Sha256::new()
                .chain_update(process_secret())
                .chain_update(ip.to_string().as_bytes())
                .finalize();
            digest[..12].iter().fold(String::new(), |mut s, b| {
                use std::fmt::Write as _;
                let _ = write!(s, "{b:02x}");
                s
            })
        })))
    }
}

/// The fields of the tip form as typed.
#[derive(Debug, Default)]
pub(crate) struct TipForm {
    pub(crate) category: String,
    pub(crate) urgent: bool,
    pub(crate) anonymous: bool,
    pub(crate) campus: String,
    pub(crate) place: String,
    pub(crate) occurred: String,
    pub(crate) description: String,
    pub(crate) contact: String,
    /// How staff received it (their form only).
    pub(crate) channel: String,
    /// The unit's code (the API's multipart form only).
    pub(crate) unit: String,
    /// The form's one-time key: sent twice, one tip is filed.
    pub(crate) once: String,
}

impl TipForm {
    fn fresh() -> Self {
        Self {
            anonymous: true,
            once: antt_core::auth::random_token(),
            ..Self::default()
        }
    }

    pub(crate) fn category(&self) -> &str {
        &self.category
    }

    pub(crate) fn set(&mut self, name: &str, value: String) {
        match name {
            "channel" => self.channel = value,
            "unit" => self.unit = value,
            "anonymous" => self.anonymous = matches!(value.as_str(), "true" | "1" | "on"),
            "category" => self.category = value,
            "urgent" => self.urgent = !value.is_empty(),
            "identity" => self.anonymous = value != "named",
            "campus" => self.campus = value,
            "place" => self.place = value,
            "occurred" => self.occurred = value,
            "description" => self.description = value,
            "contact" => self.contact = value,
            "_once" => self.once = value,
            _ => {}
        }
    }

    /// The input, or the fields refused before the use case sees it.
    pub(crate) fn parse(&self, channel: TipChannel) -> Result<TipInput, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let category = TipCategory::parse(self.category.trim());
        if category.is_none() {
            errors.add("category", ErrorCode::Required);
        }
        let campus_id = match self.campus.trim() {
            "" => None,
            c => {
                let id = c.parse::<CampusId>().ok();
                if id.is_none() {
                    errors.add("campus", ErrorCode::NotFound);
                }
                id
            }
        };
        let occurred_at = match self.occurred.trim() {
            "" => None,
            t => {
                let at = antt_domain::time::parse_local_time(t);
                if at.is_none() {
                    errors.add("occurred_at", ErrorCode::InvalidDate);
                }
                at
            }
        };
        let Some(category) = category else {
            return Err(errors);
        };
        errors.into_result()?;
        Ok(TipInput {
            channel,
            category,
            urgent: self.urgent,
            anonymous: self.anonymous,
            description: self.description.clone(),
            place: Some(self.place.clone()),
            campus_id,
            occurred_at,
            contact: Some(self.contact.clone()),
        })
    }
}

/// The kinds people report a tip as (the portal and the staff's form).
pub(crate) fn category_choices(current: &str) -> Vec<Choice> {
    choices_of(TipCategory::REPORTED, current)
}

/// Every kind, for an incident: also those the standard's clauses name.
pub(crate) fn incident_category_choices(current: &str) -> Vec<Choice> {
    choices_of(TipCategory::ALL, current)
}

fn choices_of(all: &[TipCategory], current: &str) -> Vec<Choice> {
    all.iter()
        .map(|c| Choice::new(c.code(), i18n::tip_category(*c), current))
        .collect()
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::extract::DefaultBodyLimit;
    use axum::routing::{get, post};

    use crate::limits;
    crate::routes::Routes::new()
        .route("/tip/status", get(status_form).post(status))
        .route("/tip/reply", post(reply))
        .route(
            "/tip/{code}",
            get(form)
                .post(submit)
                .layer(DefaultBodyLimit::max(limits::UPLOAD_BODY)),
        )
        .route("/tip/{code}/sent", get(sent))
}

#[derive(Template, WebTemplate)]
#[template(path = "tips/portal.html")]
pub(crate) struct PortalPage {
    unit: PortalUnit,
    form: TipForm,
    categories: Vec<Choice>,
    campuses: Vec<Choice>,
    errors: FieldErrors,
    max_photos: usize,
    max_photo_mb: usize,
}

fn portal_page(unit: PortalUnit, form: TipForm, errors: FieldErrors) -> PortalPage {
    let campuses = Choice::optional(
        unit.campuses.iter().map(|c| (c.id, c.name.clone())),
        Some(&form.campus),
    );
    PortalPage {
        categories: category_choices(&form.category),
        campuses,
        unit,
        form,
        errors,
        max_photos: MAX_PHOTOS,
        max_photo_mb: tip::MAX_PHOTO_BYTES / (1024 * 1024),
    }
}

/// Pages a reporter must not leave in a shared phone's cache.
fn private(page: impl IntoResponse) -> Response {
    let mut r = page.into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// The tip form of a unit.
pub(crate) async fn form(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let unit = state.antt.tips().portal_unit(&code).await?;
    Ok(private(portal_page(
        unit,
        TipForm::fresh(),
        FieldErrors::default(),
    )))
}

#[derive(Clone, Template, WebTemplate)]
#[template(path = "tips/receipt.html")]
pub(crate) struct ReceiptPage {
    unit_name: String,
    /// None when the page is opened again after its few minutes: the code
    /// was shown once.
    receipt: Option<String>,
    urgent: bool,
}

/// The page after a tip is sent, reached by a redirect so that reloading
/// it never sends the tip again. The receipt waits in this process's
/// memory for a few minutes under a random reference that only the
/// sending browser holds, in a cookie limited to that page; it is never
/// in a URL, and nothing else of the reporter is kept.
mod sent_page {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    use std::time::{Duration, Instant};

    use axum::http::{HeaderMap, HeaderValue, header};
    use axum::response::{IntoResponse, Redirect, Response};

    use super::{ReceiptPage, private};

    /// How long a reload still shows the receipt.
    const KEPT: Duration = Duration::from_mins(5);
    /// At most this many receipts wait at once (the flood limit keeps the
    /// real number far lower); beyond it the receipt is shown at once.
    const MAX_WAITING: usize = 10_000;
    const COOKIE: &str = "antt_sent";

    fn waiting() -> &'static Mutex<HashMap<String, (Instant, ReceiptPage)>> {
        static WAITING: OnceLock<Mutex<HashMap<String, (Instant, ReceiptPage)>>> = OnceLock::new();
        WAITING.get_or_init(Mutex::default)
    }

    fn path(code: &str) -> String {
        format!("/tip/{code}/sent")
    }

    /// Keeps the receipt and sends the browser to the page that shows it.
    pub(super) fn keep(code: &str, page: ReceiptPage, secure: bool) -> Response {
        let reference = antt_core::auth::random_token();
        {
            let Ok(mut waiting) = waiting().lock() else {
                return private(page);
            };
            let now = Instant::now();
            waiting.retain(|_, (at, _)| now.duration_since(*at) < KEPT);
            if waiting.len() >= MAX_WAITING {
                return private(page);
            }
            waiting.insert(reference.clone(), (now, page));
        }
        let mut response = redirect(code);
        let cookie = format!(
            "{COOKIE}={reference}; Path={}; Max-Age={}; HttpOnly; SameSite=Strict{}",
            path(code),
            KEPT.as_secs(),
            if secure { "; Secure" } else { "" }
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
        response
    }

    pub(super) fn redirect(code: &str) -> Response {
        Redirect::to(&path(code)).into_response()
    }

    /// The receipt this browser was sent to see, while it waits.
    pub(super) fn show(unit_name: String, headers: &HeaderMap) -> Response {
        let reference = crate::middleware::cookie(headers, COOKIE).unwrap_or_default();
        let found = waiting().lock().ok().and_then(|w| {
            w.get(reference)
                .filter(|(at, _)| at.elapsed() < KEPT)
                .map(|(_, page)| page.clone())
        });
        match found {
            Some(page) => private(page),
            None => private(ReceiptPage {
                unit_name,
                receipt: None,
                urgent: false,
            }),
        }
    }
}

/// The page a sent tip leads to: its receipt for a few minutes, then only
/// that it was sent.
pub(crate) async fn sent(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: axum::http::HeaderMap,
) -> Result<Response, WebError> {
    let unit = state.antt.tips().portal_unit(&code).await?;
    Ok(sent_page::show(unit.name, &headers))
}

/// The tip form's fields and photos from a multipart body.
pub(crate) async fn read_tip_form(
    multipart: Multipart,
) -> Result<(TipForm, Vec<Vec<u8>>), ValidationErrors> {
    let mut upload = Upload::read(multipart).await.map_err(|e| {
        // On this form the files are the photos.
        let code = e.for_field("file").unwrap_or(ErrorCode::IncompleteUpload);
        ValidationErrors::single("photos", code)
    })?;
    let mut form = TipForm::fresh();
    for (name, value) in upload.fields() {
        form.set(name, value.to_owned());
    }
    let photos = upload
        .take_files("photos")
        .into_iter()
        .map(|f| f.bytes)
        .collect();
    Ok((form, photos))
}

/// Receives a tip; shows the receipt code once.
pub(crate) async fn submit(
    State(state): State<AppState>,
    Path(code): Path<String>,
    flood: FloodKey,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let unit = state.antt.tips().portal_unit(&code).await?;
    let (form, photos) = match read_tip_form(multipart).await {
        Ok(read) => read,
        Err(e) => {
            let page = portal_page(unit, TipForm::fresh(), FieldErrors::from(&e));
            return Ok(private(form_again(page)));
        }
    };
    let input = match form.parse(TipChannel::Portal) {
        Ok(i) => i,
        Err(e) => {
            let errors = FieldErrors::from(&e);
            return Ok(private(form_again(portal_page(unit, form, errors))));
        }
    };
    let once = Submission::new(&form.once);
    match state
        .antt
        .tips()
        .submit_once(unit.id, input, photos, flood.0.as_deref(), once.as_ref())
        .await
    {
        Ok(sent) => {
            let shown = ReceiptPage {
                unit_name: unit.name,
                receipt: Some(tip::format_receipt(&sent.receipt)),
                urgent: sent.urgent,
            };
            Ok(sent_page::keep(
                &unit.code,
                shown,
                state.config.secure_cookies,
            ))
        }
        Err(CoreError::AlreadyDone(_)) => Ok(sent_page::redirect(&unit.code)),
        Err(CoreError::Invalid(e)) => {
            let errors = FieldErrors::from(&e);
            Ok(private(form_again(portal_page(unit, form, errors))))
        }
        Err(CoreError::TooManyAttempts) => Ok(too_many()),
        Err(e) => Err(e.into()),
    }
}

fn too_many() -> Response {
    crate::error::error_page(
        StatusCode::TOO_MANY_REQUESTS,
        "Gửi quá nhiều lần",
        "Thiết bị này đã gửi quá nhiều lần trong ít phút. Hãy đợi khoảng 10 phút rồi thử lại. Nếu việc khẩn cấp, hãy gọi ngay 113.",
    )
}

/// A message of the conversation as the reporter reads it.
pub(crate) struct Line {
    mine: bool,
    at: String,
    body: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "tips/status.html")]
pub(crate) struct StatusPage {
    /// The receipt as typed, carried in the reply form's body.
    receipt: String,
    view: Option<StatusView>,
    error: Option<&'static str>,
    sent: bool,
    /// The reply form's one-time key.
    once: String,
}

pub(crate) struct StatusView {
    unit_name: String,
    number: u32,
    category: &'static str,
    state: &'static str,
    closed: bool,
    received: String,
    lines: Vec<Line>,
}

fn status_view(v: ReporterView) -> StatusView {
    StatusView {
        unit_name: v.unit_name,
        number: v.number,
        category: i18n::tip_category(v.category),
        state: i18n::tip_state_for_reporter(v.state),
        closed: v.state.is_closed(),
        received: antt_domain::time::format_instant(v.received_at),
        lines: v
            .messages
            .into_iter()
            .map(|m| Line {
                mine: m.author == Author::Reporter,
                at: antt_domain::time::format_instant(m.at),
                body: m.body,
            })
            .collect(),
    }
}

/// The form to type a receipt code.
pub(crate) async fn status_form() -> Response {
    private(StatusPage {
        receipt: String::new(),
        view: None,
        error: None,
        sent: false,
        once: antt_core::auth::random_token(),
    })
}

#[derive(Debug, Deserialize)]
pub(crate) struct ReceiptForm {
    #[serde(default)]
    receipt: String,
    #[serde(default)]
    message: Option<String>,
    /// The reply form's one-time key.
    #[serde(default, rename = "_once")]
    once: String,
}

async fn status_response(
    state: &AppState,
    flood: &FloodKey,
    receipt: String,
    sent: bool,
    error: Option<&'static str>,
) -> Result<Response, WebError> {
    match state.antt.tips().status(&receipt, flood.0.as_deref()).await {
        Ok(v) => Ok(private(StatusPage {
            receipt,
            view: Some(status_view(v)),
            error,
            sent,
            once: antt_core::auth::random_token(),
        })),
        Err(CoreError::Invalid(_)) => Ok(private(form_again(StatusPage {
            receipt,
            view: None,
            error: Some("Không tìm thấy tin báo với mã này. Hãy kiểm tra lại 16 chữ số."),
            sent: false,
            once: String::new(),
        }))),
        Err(CoreError::TooManyAttempts) => Ok(too_many()),
        Err(e) => Err(e.into()),
    }
}

/// Shows the tip of a receipt code.
pub(crate) async fn status(
    State(state): State<AppState>,
    flood: FloodKey,
    Form(f): Form<ReceiptForm>,
) -> Result<Response, WebError> {
    status_response(&state, &flood, f.receipt, false, None).await
}

/// The reporter answers; the tip is shown again.
pub(crate) async fn reply(
    State(state): State<AppState>,
    flood: FloodKey,
    Form(f): Form<ReceiptForm>,
) -> Result<Response, WebError> {
    let text = f.message.unwrap_or_default();
    match state
        .antt
        .tips()
        .reporter_reply_once(
            &f.receipt,
            &text,
            flood.0.as_deref(),
            Submission::new(&f.once).as_ref(),
        )
        .await
    {
        Ok(()) | Err(CoreError::AlreadyDone(_)) => {
            status_response(&state, &flood, f.receipt, true, None).await
        }
        Err(CoreError::Invalid(e)) if e.for_field("message").is_some() => {
            status_response(
                &state,
                &flood,
                f.receipt,
                false,
                Some("Hãy nhập nội dung trả lời (tối đa 2.000 ký tự)."),
            )
            .await
        }
        Err(CoreError::Invalid(e)) if e.for_field("state").is_some() => {
            status_response(
                &state,
                &flood,
                f.receipt,
                false,
                Some("Tin báo đã kết thúc, không nhận thêm trả lời."),
            )
            .await
        }
        Err(CoreError::Invalid(_)) => status_response(&state, &flood, f.receipt, false, None).await,
        Err(CoreError::TooManyAttempts) => Ok(too_many()),
        Err(e) => Err(e.into()),
    }
}
