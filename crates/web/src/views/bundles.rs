//! Units on their own copy of antt. At the school: this copy's key to read
//! to the police once, and the year's signed bundle to download and send.
//! At the police: the units that send bundles, their keys registered, the
//! bundles imported, and the upload that imports one.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use antt_core::CoreError;
use antt_core::assessment::assessment_year;
use antt_domain::bundle::fingerprint;
use antt_domain::role::Capability;
use antt_domain::time::{format_instant, local_date};
use antt_domain::{ErrorCode, UnitId};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{FieldErrors, Form, Upload, form_again};
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub(crate) struct YearParams {
    year: Option<String>,
}

fn year_of(state: &AppState, year: Option<&str>) -> i32 {
    year.and_then(|y| antt_domain::plan::parse_year(y).ok())
        .unwrap_or_else(|| assessment_year(local_date(state.antt.now())))
}

#[derive(Template, WebTemplate)]
#[template(path = "bundle/own.html")]
pub(crate) struct OwnCopyPage {
    layout: Layout,
    year: i32,
    years: Vec<i32>,
    key: String,
    fingerprint: String,
    download: String,
}

/// The school's page: this copy's key and the year's bundle.
pub(crate) async fn own_copy(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<YearParams>,
) -> Result<OwnCopyPage, WebError> {
    let (_, layout) = frame(
        &state,
        &user,
        &UnitParam::default(),
        "assessment",
        "Gửi số liệu cho cơ quan Công an",
    )
    .await?;
    if !user.actor().can(Capability::EditPlans) {
        return Err(CoreError::Forbidden.into());
    }
    let year = year_of(&state, q.year.as_deref());
    let key = state.antt.bundles().public_key(user.actor()).await?;
    let now = assessment_year(local_date(state.antt.now()));
    Ok(OwnCopyPage {
        download: layout.link(&format!("/bundle/download?year={year}")),
        year,
        years: (now - 4..=now).rev().collect(),
        key: key.key,
        fingerprint: key.fingerprint,
        layout,
    })
}

/// The year's bundle, signed with this copy's key.
pub(crate) async fn download(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<YearParams>,
) -> Result<Response, WebError> {
    let unit = user.actor().home_unit()?;
    let year = year_of(&state, q.year.as_deref());
    let file = state
        .antt
        .bundles()
        .export(user.actor(), unit, year)
        .await?;
    Ok(crate::views::download(file))
}

/// A unit on its own copy, with the bundles it sent.
pub(crate) struct OwnUnit {
    name: String,
    code: String,
    fingerprint: String,
    /// (year, made, imported, by, dossier link).
    bundles: Vec<(i32, String, String, String, String)>,
    remove: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "province/bundles.html")]
pub(crate) struct BundlesPage {
    layout: Layout,
    authority: String,
    own: Vec<OwnUnit>,
    /// Units a key may be registered for: (id, name, chosen).
    units: Vec<(String, String, bool)>,
    key: String,
    done: Option<String>,
    errors: FieldErrors,
    import_errors: FieldErrors,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct BundlesParams {
    done: Option<String>,
    /// The code and year of the bundle just imported.
    imported: Option<String>,
    year: Option<i32>,
}

async fn bundles_page(
    state: &AppState,
    user: &CurrentUser,
    done: Option<String>,
    typed: Option<(String, String)>,
    errors: FieldErrors,
    import_errors: FieldErrors,
) -> Result<BundlesPage, WebError> {
    let (_, layout) = frame(
        state,
        user,
        &UnitParam::default(),
        "province",
        "Đơn vị dùng antt riêng",
    )
    .await?;
    let o = state.antt.bundles().overview(user.actor(), None).await?;
    let (chosen, key) = typed.unwrap_or_default();
    Ok(BundlesPage {
        authority: o.authority.name.clone(),
        own: o
            .own
            .iter()
            .map(|(u, bundles)| OwnUnit {
                name: u.name.clone(),
                code: u.code.clone(),
                fingerprint: u.bundle_key.as_deref().map(fingerprint).unwrap_or_default(),
                bundles: bundles
                    .iter()
                    .map(|b| {
                        (
                            b.year,
                            format_instant(b.made_at),
                            format_instant(b.imported_at),
                            b.imported_by.clone(),
                            format!("/assessment/dossier?year={}&unit={}", b.year, u.id),
                        )
                    })
                    .collect(),
                remove: u.id.to_string(),
            })
            .collect(),
        units: o
            .units
            .iter()
            .map(|u| {
                let id = u.id.to_string();
                let is = id == chosen;
                (id, format!("{} ({})", u.name, u.code), is)
            })
            .collect(),
        key,
        done,
        errors,
        import_errors,
        layout,
    })
}

/// The police's page of units on their own copy.
pub(crate) async fn bundles(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<BundlesParams>,
) -> Result<BundlesPage, WebError> {
    let done = match (q.done.as_deref(), q.imported, q.year) {
        (Some("key"), ..) => {
            Some("Đã đăng ký khóa: từ nay đơn vị gửi số liệu bằng gói dữ liệu đã ký.".to_owned())
        }
        (Some("removed"), ..) => {
            Some("Đã bỏ khóa: đơn vị dùng antt tại đây như các đơn vị khác.".to_owned())
        }
        (_, Some(code), Some(year)) if code.chars().all(|c| c.is_ascii_alphanumeric()) => {
            Some(format!(
                "Đã nhập gói dữ liệu năm {year} của đơn vị {code}: hồ sơ mở ở dòng của đơn vị bên dưới."
            ))
        }
        _ => None,
    };
    bundles_page(
        &state,
        &user,
        done,
        None,
        FieldErrors::default(),
        FieldErrors::default(),
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct KeyPost {
    #[serde(default)]
    unit: String,
    #[serde(default)]
    key: String,
    #[serde(default)]
    remove: Option<String>,
}

/// Registers (or removes) the key of a unit's own copy.
pub(crate) async fn register_key(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(form): Form<KeyPost>,
) -> Result<Response, WebError> {
    let remove = form.remove.is_some();
    let result = match parse_id::<UnitId>(&form.unit) {
        Ok(unit) => {
            let key = (!remove).then_some(form.key.as_str());
            state
                .antt
                .bundles()
                .register_key(user.actor(), unit, key)
                .await
        }
        Err(_) => Err(CoreError::invalid("unit", ErrorCode::Required)),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!(
            "/province/bundles?done={}",
            if remove { "removed" } else { "key" }
        ))
        .into_response()),
        Err(CoreError::Invalid(e)) => {
            let p = bundles_page(
                &state,
                &user,
                None,
                Some((form.unit, form.key)),
                FieldErrors::from(&e),
                FieldErrors::default(),
            )
            .await?;
            Ok(form_again(p))
        }
        Err(e) => Err(e.into()),
    }
}

/// Imports a bundle sent by a unit (multipart: the file).
pub(crate) async fn import(
    State(state): State<AppState>,
    user: CurrentUser,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let result = match Upload::read(multipart).await {
        Err(e) => Err(CoreError::Invalid(e)),
        Ok(mut upload) => match upload.take_file("file") {
            None => Err(CoreError::invalid("file", ErrorCode::Required)),
            Some(file) => state.antt.bundles().import(user.actor(), &file.bytes).await,
        },
    };
    match result {
        Ok(done) => Ok(Redirect::to(&format!(
            "/province/bundles?imported={}&year={}",
            done.unit.code, done.year
        ))
        .into_response()),
        Err(CoreError::Invalid(e)) => {
            let p = bundles_page(
                &state,
                &user,
                None,
                None,
                FieldErrors::default(),
                FieldErrors::from(&e),
            )
            .await?;
            Ok(form_again(p))
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) fn routes() -> crate::routes::Routes {
    use axum::extract::DefaultBodyLimit;
    use axum::routing::{get, post};
    crate::routes::Routes::new()
        .route("/bundle", get(own_copy))
        .route("/bundle/download", get(download))
        .route(
            "/province/bundles",
            get(bundles)
                .post(import)
                .layer(DefaultBodyLimit::max(crate::limits::UPLOAD_BODY)),
        )
        .route("/province/bundles/key", post(register_key))
}
