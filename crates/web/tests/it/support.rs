//! A demo application per backend, and a small HTTP client over the router.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use tower::ServiceExt;

use antt_core::clock::FixedClock;
use antt_core::password::Passwords;
use antt_core::{Actor, Antt};
use antt_web::{AppState, WebConfig};

pub(crate) struct App {
    pub(crate) t: antt_testkit::TestDb,
    pub(crate) antt: Antt,
    pub(crate) router: Router,
    /// The demo's clock (21/11/2026 08:00), for tests that move it.
    pub(crate) clock: Arc<FixedClock>,
}

impl App {
    pub(crate) fn backend(&self) -> &'static str {
        self.t.backend
    }

    pub(crate) async fn unit(&self, code: &str) -> antt_domain::UnitId {
        self.antt
            .units()
            .by_code(&Actor::command_line(), code)
            .await
            .unwrap()
            .id
    }

    pub(crate) async fn send(&self, request: Request<Body>) -> Response<Body> {
        self.router.clone().oneshot(request).await.unwrap()
    }

    /// The same application under another web configuration.
    pub(crate) fn configured(&self, config: WebConfig) -> Router {
        antt_web::router(AppState {
            antt: self.antt.clone(),
            config: Arc::new(config),
            metrics: antt_web::metrics_handle(),
        })
    }

    pub(crate) async fn get(&self, path: &str, s: Option<&Session>) -> Response<Body> {
        let mut r = Request::get(path);
        if let Some(s) = s {
            r = r.header(header::COOKIE, &s.cookie);
        }
        self.send(r.body(Body::empty()).unwrap()).await
    }

    /// Posts a form; `csrf` adds the session's token as `_csrf`.
    pub(crate) async fn post_form(
        &self,
        path: &str,
        s: Option<&Session>,
        fields: &[(&str, &str)],
        csrf: bool,
    ) -> Response<Body> {
        let mut pairs: Vec<(String, String)> = fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let mut r =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(s) = s {
            r = r.header(header::COOKIE, &s.cookie);
            if csrf {
                pairs.push(("_csrf".into(), s.csrf.clone()));
            }
        }
        let body = serde_urlencoded::to_string(&pairs).unwrap();
        self.send(r.body(Body::from(body)).unwrap()).await
    }

    pub(crate) async fn api(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        json: Option<serde_json::Value>,
    ) -> (StatusCode, serde_json::Value) {
        let mut r = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let body = match json {
            Some(j) => {
                r = r.header(header::CONTENT_TYPE, "application/json");
                Body::from(j.to_string())
            }
            None => Body::empty(),
        };
        let response = self.send(r.body(body).unwrap()).await;
        let status = response.status();
        let text = body_text(response).await;
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
        )
    }

    pub(crate) async fn token(&self, username: &str) -> String {
        let (status, body) = self.api("POST", "/api/v1/auth/token", None, Some(serde_json::json!({"username": username, "password": antt_core::demo::DEMO_PASSWORD}))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["token"].as_str().unwrap().to_owned()
    }

    /// Logs in through the login form, as a browser does.
    pub(crate) async fn login(&self, username: &str) -> Session {
        let page = self.get("/login", None).await;
        let login_cookie = set_cookie(&page, "antt_login").expect("login cookie");
        let html = body_text(page).await;
        let csrf = hidden_value(&html, "_csrf").expect("login form token");
        let body = serde_urlencoded::to_string([
            ("username", username),
            ("password", antt_core::demo::DEMO_PASSWORD),
            ("_csrf", &csrf),
        ])
        .unwrap();
        let r = Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, format!("antt_login={login_cookie}"))
            .body(Body::from(body))
            .unwrap();
        let response = self.send(r).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "login of {username}"
        );
        let cookie = format!(
            "antt_session={}",
            set_cookie(&response, "antt_session").expect("session cookie")
        );
        let home = self
            .get(
                "/account",
                Some(&Session {
                    cookie: cookie.clone(),
                    csrf: String::new(),
                }),
            )
            .await;
        let csrf = hidden_value(&body_text(home).await, "_csrf").expect("session token");
        Session { cookie, csrf }
    }
}

/// Sends `request` to `router` as if over a connection from `peer`.
pub(crate) async fn send_from(
    router: &Router,
    peer: &str,
    mut request: Request<Body>,
) -> Response<Body> {
    let peer: std::net::IpAddr = peer.parse().unwrap();
    request
        .extensions_mut()
        .insert(axum::extract::ConnectInfo(std::net::SocketAddr::new(
            peer, 40_000,
        )));
    router.clone().oneshot(request).await.unwrap()
}

pub(crate) struct Session {
    pub(crate) cookie: String,
    pub(crate) csrf: String,
}

pub(crate) async fn body_text(r: Response<Body>) -> String {
    let bytes = axum::body::to_bytes(r.into_body(), 16 * 1024 * 1024)
        .await
        .unwrap();
    String::from_utf8_lossy(&bytes).into_owned()
}

pub(crate) fn set_cookie(r: &Response<Body>, name: &str) -> Option<String> {
    r.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next()?.split_once('='))
        .find(|(k, v)| *k == name && !v.is_empty())
        .map(|(_, v)| v.to_owned())
}

/// The value of the first `<input name="NAME" value="…">`.
pub(crate) fn hidden_value(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &html[at + name.len() + 15..];
    Some(rest[..rest.find('"')?].to_owned())
}

/// A demo application on every available backend.
pub(crate) async fn apps() -> Vec<App> {
    let mut all = Vec::new();
    for t in antt_testkit::databases().await {
        let clock = Arc::new(FixedClock::demo());
        let antt = Antt::open(&t.url, clock.clone(), Passwords::Fast)
            .await
            .unwrap()
            .with_tip_key(antt_core::sealed::TipKey::generate());
        antt.load_demo(&|_, _| {}).await.unwrap();
        let state = AppState {
            antt: antt.clone(),
            config: Arc::new(WebConfig::default()),
            metrics: antt_web::metrics_handle(),
        };
        all.push(App {
            router: antt_web::router(state),
            antt,
            clock,
            t,
        });
    }
    all
}

pub(crate) const BOUNDARY: &str = "----antt-test-boundary";

/// A file upload as a browser sends it: `_csrf` first, then the other fields and the file.
pub(crate) fn multipart(
    csrf: Option<&str>,
    fields: &[(&str, &str)],
    file_name: &str,
    file: &[u8],
) -> Vec<u8> {
    let mut body = Vec::new();
    let mut text = |name: &str, value: &str| {
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .into_bytes(),
        );
    };
    if let Some(c) = csrf {
        text("_csrf", c);
    }
    for (k, v) in fields {
        text(k, v);
    }
    body.extend(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n"
        )
        .into_bytes(),
    );
    body.extend(file);
    body.extend(format!("\r\n--{BOUNDARY}--\r\n").into_bytes());
    body
}

/// The body XML of a Word file (`word/document.xml`).
pub(crate) fn docx_text(bytes: &[u8]) -> String {
    use std::io::Read as _;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a Word file is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    xml
}
