//! The screens of the HTML interface, one module per area.

pub(crate) mod account;
pub(crate) mod assessment;
pub(crate) mod audit;
pub(crate) mod bundles;
pub(crate) mod commitments;
pub(crate) mod contests;
pub(crate) mod dorm;
pub(crate) mod dorm_life;
pub(crate) mod duty;
pub(crate) mod equipment;
pub(crate) mod fire;
pub(crate) mod gate;
pub(crate) mod home;
pub(crate) mod homeroom;
pub(crate) mod import;
pub(crate) mod incidents;
pub(crate) mod inspections;
pub(crate) mod lists;
pub(crate) mod org;
pub(crate) mod patrol;
pub(crate) mod people;
pub(crate) mod plans;
pub(crate) mod portal;
pub(crate) mod province;
pub(crate) mod rewards;
pub(crate) mod sessions;
pub(crate) mod tasks;
pub(crate) mod teams;
pub(crate) mod tips;
pub(crate) mod units;
pub(crate) mod users;
pub(crate) mod visitors;

use std::fmt::Write as _;

/// The routes of every area of the screens, each kept beside its handlers.
pub(crate) fn routes() -> crate::routes::Routes {
    crate::routes::Routes::new()
        .merge(home::routes())
        .merge(bundles::routes())
        .merge(homeroom::routes())
        .merge(duty::routes())
        .merge(equipment::routes())
        .merge(fire::routes())
        .merge(inspections::routes())
        .merge(gate::routes())
        .merge(patrol::routes())
        .merge(visitors::routes())
        .merge(dorm::routes())
        .merge(dorm_life::routes())
        .merge(units::routes())
        .merge(province::routes())
        .merge(org::routes())
        .merge(people::routes())
        .merge(import::routes())
        .merge(users::routes())
        .merge(assessment::routes())
        .merge(rewards::routes())
        .merge(plans::routes())
        .merge(lists::routes())
        .merge(tasks::routes())
        .merge(sessions::routes())
        .merge(commitments::routes())
        .merge(contests::routes())
        .merge(teams::routes())
        .merge(tips::routes())
        .merge(incidents::routes())
        .merge(portal::routes())
        .merge(audit::routes())
        .merge(account::routes())
}

use antt_core::export::ExportFile;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// A photo kept by antt (already re-encoded without metadata), for the
/// signed-in reader only: never cached on the way.
pub(crate) fn private_jpeg(bytes: Vec<u8>) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                header::HeaderValue::from_static("image/jpeg"),
            ),
            (
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("private, no-store"),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// A file to download. The name is sent twice: as ASCII for old browsers,
/// and in full as UTF-8 (RFC 6266 / 5987), since evidence files keep the
/// Vietnamese names their authors gave them.
pub(crate) fn download(file: ExportFile) -> Response {
    let slug = |text: &str| -> String {
        antt_domain::text::search_key(text)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect()
    };
    let ascii = match file.file_name.rsplit_once('.') {
        Some((stem, ext)) => format!("{}.{}", slug(stem), slug(ext)),
        None => slug(&file.file_name),
    };
    let mut encoded = String::new();
    for byte in file.file_name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            let _ = write!(encoded, "%{byte:02X}");
        }
    }
    (
        [
            (header::CONTENT_TYPE, file.content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        file.bytes,
    )
        .into_response()
}
