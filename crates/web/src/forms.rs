//! Helpers for forms and numbers on screen.

use antt_core::CoreError;
use antt_domain::{ErrorCode, ValidationErrors};
use axum::extract::Multipart;
use axum::extract::multipart::MultipartError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::error::WebError;
use crate::i18n;

/// Whether a value sent in a request holds a control character other than
/// line breaks and tabs: NUL above all, which PostgreSQL refuses and nobody
/// can type. Such a request is refused whole at the door, whatever field
/// it is in; the bidirectional controls that pasted text can carry are
/// refused later, by the field's own check, with the field named.
pub(crate) fn has_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// The refusal of a request that carries a control character.
pub(crate) fn control_refused() -> CoreError {
    CoreError::Invalid(ValidationErrors::single("form", ErrorCode::HiddenCharacter))
}

/// `axum::Form`, refusing a form any of whose names or values holds a
/// [control character](has_control), and answering bad forms with the
/// screens' error page.
pub(crate) struct Form<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> axum::extract::FromRequest<S> for Form<T> {
    type Rejection = Response;

    async fn from_request(request: axum::extract::Request, state: &S) -> Result<Self, Response> {
        let axum::extract::RawForm(bytes) = axum::extract::RawForm::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let pairs =
            serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes).map_err(|_| {
                WebError(CoreError::invalid("form", ErrorCode::Invalid)).into_response()
            })?;
        if pairs.iter().any(|(k, v)| has_control(k) || has_control(v)) {
            return Err(WebError(control_refused()).into_response());
        }
        serde_urlencoded::from_bytes(&bytes)
            .map(Self)
            .map_err(|_| WebError(CoreError::invalid("form", ErrorCode::Invalid)).into_response())
    }
}

/// A form that may carry one photo (field `photo`): multipart when the
/// phone attached one, url-encoded otherwise; its text fields in order.
pub(crate) struct PhotoForm {
    pub fields: Vec<(String, String)>,
    pub photo: Option<Vec<u8>>,
}

impl<S: Send + Sync> axum::extract::FromRequest<S> for PhotoForm {
    type Rejection = Response;

    async fn from_request(request: axum::extract::Request, state: &S) -> Result<Self, Response> {
        let multipart = request
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|c| c.starts_with("multipart/form-data"));
        if !multipart {
            let Form(fields) = Form::<Vec<(String, String)>>::from_request(request, state).await?;
            return Ok(Self {
                fields,
                photo: None,
            });
        }
        let parts = Multipart::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let mut upload = Upload::read(parts)
            .await
            .map_err(|e| WebError(CoreError::Invalid(e)).into_response())?;
        let photo = upload.take_file("photo").map(|f| f.bytes);
        Ok(Self {
            fields: upload.fields,
            photo,
        })
    }
}

impl PhotoForm {
    /// The first value of a text field, or "".
    pub(crate) fn value(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// The problems of a submitted form, as Vietnamese sentences per field,
/// and the kind of record the form makes: its fields are named as that
/// record's (`i18n::field_of`).
#[derive(Debug, Default)]
pub(crate) struct FieldErrors(
    Vec<(&'static str, &'static str)>,
    Option<antt_domain::audit::TargetKind>,
);

impl FieldErrors {
    /// The same problems, summed up in the words of this kind of record.
    #[must_use]
    pub(crate) fn for_record(mut self, record: antt_domain::audit::TargetKind) -> Self {
        self.1 = Some(record);
        self
    }

    pub(crate) fn get(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, m)| *m)
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// "Họ và tên: Không được để trống." for a summary above the form.
    pub(crate) fn summary(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|(f, m)| format!("{}: {m}", i18n::field_of(self.1, f)))
            .collect()
    }
}

impl From<&ValidationErrors> for FieldErrors {
    fn from(e: &ValidationErrors) -> Self {
        Self(
            e.iter()
                .map(|e| (e.field, i18n::field_error(e.field, e.code)))
                .collect(),
            None,
        )
    }
}

/// A day typed day first ("21/11/2026"); blank is `None`, anything
/// unreadable is recorded against `field`.
pub(crate) fn optional_date(
    field: &'static str,
    text: &str,
    errors: &mut ValidationErrors,
) -> Option<chrono::NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let d = antt_domain::time::parse_date(text);
    if d.is_none() {
        errors.add(field, antt_domain::ErrorCode::InvalidDate);
    }
    d
}

/// [`optional_date`] for a form with one day: the refusal as a use case's.
pub(crate) fn day(field: &'static str, text: &str) -> Result<Option<chrono::NaiveDate>, CoreError> {
    let mut errors = ValidationErrors::default();
    let d = optional_date(field, text, &mut errors);
    errors.into_result().map(|()| d).map_err(CoreError::Invalid)
}

/// A choice of a `<select>`.
#[derive(Debug)]
pub(crate) struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    /// The choices of an optional select: "—" for none, then `items` as
    /// (value, label), with `current` selected.
    pub(crate) fn optional<V: ToString, L: Into<String>>(
        items: impl IntoIterator<Item = (V, L)>,
        current: Option<&String>,
    ) -> Vec<Self> {
        let current = current.map_or("", String::as_str);
        std::iter::once(Self::new("", "—", current))
            .chain(
                items
                    .into_iter()
                    .map(|(v, l)| Self::new(v.to_string(), l, current)),
            )
            .collect()
    }

    pub(crate) fn new(value: impl Into<String>, label: impl Into<String>, current: &str) -> Self {
        let value = value.into();
        let selected = value == current;
        Self {
            value,
            label: label.into(),
            selected,
        }
    }
}

/// 1966 → "1.966", as Vietnamese writes numbers.
pub(crate) fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// 487 of 1966 → "24,8%".
pub(crate) fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "0%".into();
    }
    let tenths = (part * 1000 + whole / 2) / whole;
    format!("{},{}%", tenths / 10, tenths % 10)
}

/// Deserializes an empty form field as `None`.
pub(crate) fn empty_as_none<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    let s: Option<String> = serde::Deserialize::deserialize(d)?;
    Ok(s.filter(|s| !s.trim().is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(number(0), "0");
        assert_eq!(number(999), "999");
        assert_eq!(number(1966), "1.966");
        assert_eq!(number(1_234_567), "1.234.567");
        assert_eq!(percent(487, 1966), "24,8%");
        assert_eq!(percent(1, 3), "33,3%");
        assert_eq!(percent(0, 0), "0%");
    }
}

/// Percent-encodes a query value.
pub(crate) fn encode(value: &str) -> String {
    serde_urlencoded::to_string([("", value)])
        .map(|s| s.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}

/// Links to the pages of a long list.
#[derive(Debug)]
pub(crate) struct Pager {
    pub page: u64,
    pub pages: u64,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// `base` is the list's URL with its filters and without `page`.
    pub(crate) fn new(page: u64, pages: u64, base: &str) -> Self {
        let sep = if base.contains('?') { '&' } else { '?' };
        let link = |p: u64| format!("{base}{sep}page={p}");
        Self {
            page,
            pages,
            prev: (page > 1).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
        }
    }
}

#[cfg(test)]
mod pager_tests {
    use super::*;

    #[test]
    fn pager_links() {
        let p = Pager::new(2, 3, "/people?q=an");
        assert_eq!(p.prev.as_deref(), Some("/people?q=an&page=1"));
        assert_eq!(p.next.as_deref(), Some("/people?q=an&page=3"));
        let p = Pager::new(1, 1, "/units");
        assert!(p.prev.is_none() && p.next.is_none());
        assert_eq!(encode("nguyễn văn&a"), "nguy%E1%BB%85n+v%C4%83n%26a");
    }
}

/// A file sent with a form.
#[derive(Debug)]
pub(crate) struct UploadedFile {
    /// The name the sender's computer gave it.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A `multipart/form-data` body read whole: its text fields and its files.
/// An empty file input (a part with no name and no bytes) is no file.
#[derive(Debug, Default)]
pub(crate) struct Upload {
    fields: Vec<(String, String)>,
    files: Vec<(String, UploadedFile)>,
}

impl Upload {
    /// Reads every part. A body over the limit is refused as too large, a
    /// broken one as incomplete: never a form silently cut short.
    pub(crate) async fn read(mut multipart: Multipart) -> Result<Self, ValidationErrors> {
        let refused = |e: &MultipartError| {
            let code = if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ErrorCode::FileTooLarge
            } else {
                ErrorCode::IncompleteUpload
            };
            ValidationErrors::single("file", code)
        };
        let mut upload = Self::default();
        while let Some(field) = multipart.next_field().await.map_err(|e| refused(&e))? {
            let name = field.name().unwrap_or_default().to_owned();
            if let Some(file_name) = field.file_name().map(str::to_owned) {
                let bytes = field.bytes().await.map_err(|e| refused(&e))?;
                if !(file_name.is_empty() && bytes.is_empty()) {
                    upload.files.push((
                        name,
                        UploadedFile {
                            name: file_name,
                            bytes: bytes.to_vec(),
                        },
                    ));
                }
            } else {
                let value = field.text().await.map_err(|e| refused(&e))?;
                if has_control(&name) || has_control(&value) {
                    return Err(ValidationErrors::single("form", ErrorCode::HiddenCharacter));
                }
                upload.fields.push((name, value));
            }
        }
        Ok(upload)
    }

    /// The first value of a text field, or "".
    pub(crate) fn text(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every text field in order (for forms with fields of many names).
    pub(crate) fn fields(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// Whether a field (a ticked box) was sent.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.fields.iter().any(|(n, _)| n == name)
    }

    /// Takes the first file of a field that has any bytes.
    pub(crate) fn take_file(&mut self, field: &str) -> Option<UploadedFile> {
        let i = self
            .files
            .iter()
            .position(|(n, f)| n == field && !f.bytes.is_empty())?;
        Some(self.files.remove(i).1)
    }

    /// Takes every file of a field that has any bytes.
    pub(crate) fn take_files(&mut self, field: &str) -> Vec<UploadedFile> {
        let (mine, rest) = std::mem::take(&mut self.files)
            .into_iter()
            .partition(|(n, f)| n == field && !f.bytes.is_empty());
        self.files = rest;
        mine.into_iter().map(|(_, f)| f).collect()
    }
}

/// What a form's submission comes to: on success what `done` makes of the
/// result (usually a redirect); refused input shows the form again with
/// its problems and what was typed (422); any other error is an error page.
pub(crate) async fn saved<T, P: IntoResponse>(
    result: Result<T, CoreError>,
    done: impl FnOnce(T) -> Response,
    again: impl AsyncFnOnce(ValidationErrors) -> Result<P, WebError>,
) -> Result<Response, WebError> {
    match result {
        Ok(value) => Ok(done(value)),
        Err(CoreError::Invalid(errors)) => Ok(form_again(again(errors).await?)),
        Err(e) => Err(e.into()),
    }
}

/// A form shown again because its input was refused (422).
pub(crate) fn form_again(page: impl IntoResponse) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}
