//! The static files, embedded in the binary: no CDN, a school LAN may have
//! no internet.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// Changes with every build of the assets, so browsers fetch new files.
pub(crate) const VERSION: &str = env!("CARGO_PKG_VERSION");

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/app.css"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/app.js"),
    ),
    (
        "htmx.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/vendor/htmx.min.js"),
    ),
    (
        "scan.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/scan.js"),
    ),
    (
        "jsQR.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/vendor/jsQR.js"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../static/favicon.svg"),
    ),
];

/// A file gzipped once, the first time a browser that takes gzip asks
/// for it: a guard's phone on 3G fetches the QR reader in a quarter of its
/// size. Only these files: they hold no secret, so compressing them says
/// nothing about anything else in a response.
fn gzipped(index: usize) -> Option<&'static [u8]> {
    use std::io::Write as _;
    use std::sync::OnceLock;
    static GZ: [OnceLock<Option<Vec<u8>>>; FILES.len()] = [const { OnceLock::new() }; FILES.len()];
    GZ.get(index)?
        .get_or_init(|| {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            gz.write_all(FILES[index].2).ok()?;
            gz.finish().ok()
        })
        .as_deref()
}

async fn file(Path(name): Path<String>, headers: axum::http::HeaderMap) -> Response {
    let Some(index) = FILES.iter().position(|(n, _, _)| *n == name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (_, mime, bytes) = FILES[index];
    let takes_gzip = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.trim().starts_with("gzip")));
    let body = match gzipped(index) {
        Some(gz) if takes_gzip && mime.starts_with("text/") => Some(gz),
        _ => None,
    };
    let mut response = (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(mime)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ),
            (header::VARY, HeaderValue::from_static("accept-encoding")),
        ],
        body.unwrap_or(bytes),
    )
        .into_response();
    if body.is_some() {
        response
            .headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    response
}

pub(crate) fn router() -> crate::routes::Routes {
    crate::routes::Routes::new().route("/static/{name}", get(file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_browser_that_takes_gzip_gets_the_reader_in_a_quarter_of_its_size() {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, deflate, br"),
        );
        let r = file(Path("jsQR.js".to_owned()), headers).await;
        assert_eq!(r.headers()[header::CONTENT_ENCODING], "gzip");
        let body = axum::body::to_bytes(r.into_body(), usize::MAX)
            .await
            .unwrap();
        let original = FILES.iter().find(|f| f.0 == "jsQR.js").unwrap().2;
        assert!(
            body.len() * 3 < original.len(),
            "{} of {}",
            body.len(),
            original.len()
        );
        let mut plain = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&body[..]), &mut plain)
            .unwrap();
        assert_eq!(plain, original);
        // Without gzip, and for a picture, the file as it is.
        let r = file(Path("jsQR.js".to_owned()), axum::http::HeaderMap::new()).await;
        assert!(r.headers().get(header::CONTENT_ENCODING).is_none());
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip"));
        let r = file(Path("favicon.svg".to_owned()), headers).await;
        assert!(r.headers().get(header::CONTENT_ENCODING).is_none());
    }
}
