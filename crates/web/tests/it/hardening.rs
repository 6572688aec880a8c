//! What a hostile student or a careless admin tried on the demo server
//! (issue 15), each a test: forged client addresses, locking others out,
//! reading the metrics from outside.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use antt_web::WebConfig;
use antt_web::client::TrustedProxies;

use crate::support::{apps, body_text, hidden_value, send_from, set_cookie};

fn tip(forwarded_for: &str) -> Request<Body> {
    Request::post("/api/v1/public/tips")
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-forwarded-for", forwarded_for)
        .body(Body::from(
            serde_json::json!({
                "unit": "CDLC",
                "category": "traffic",
                "description": "Xe máy đi ngược chiều trước cổng trường",
                "anonymous": true
            })
            .to_string(),
        ))
        .unwrap()
}

fn guess(forwarded_for: &str, n: usize) -> Request<Body> {
    Request::post("/api/v1/public/tips/status")
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-forwarded-for", forwarded_for)
        .body(Body::from(
            serde_json::json!({ "receipt": format!("{:016}", 4_000_000 + n) }).to_string(),
        ))
        .unwrap()
}

/// Finding 3: any private peer was taken for a proxy, so a made-up
/// `X-Forwarded-For` gave each request a fresh address and passed the
/// flood limits (8 of 8 tips, ~3,600 receipt guesses a minute).
#[tokio::test]
async fn a_forged_forwarded_address_does_not_pass_the_flood_limits() {
    for app in apps().await {
        let b = app.backend();
        let router = app.configured(WebConfig::default());
        let mut accepted = 0;
        for i in 0..8 {
            let r = send_from(&router, "192.168.1.20", tip(&format!("10.9.0.{i}"))).await;
            if r.status() == StatusCode::CREATED {
                accepted += 1;
            } else {
                assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "{b}");
            }
        }
        assert_eq!(accepted, 5, "{b}: one phone, five tips in ten minutes");
        let mut answered = 0;
        for n in 0..14 {
            let r = send_from(&router, "192.168.1.21", guess(&format!("10.8.0.{n}"), n)).await;
            if r.status() != StatusCode::TOO_MANY_REQUESTS {
                answered += 1;
            }
        }
        assert_eq!(answered, 10, "{b}: ten receipt guesses in ten minutes");

        // Behind a proxy the configuration names, each client is itself.
        let router = app.configured(WebConfig {
            trusted_proxies: TrustedProxies::parse(&["127.0.0.1"]).unwrap(),
            ..WebConfig::default()
        });
        for i in 0..3 {
            let r = send_from(&router, "127.0.0.1", tip(&format!("203.0.113.{i}"))).await;
            assert_eq!(r.status(), StatusCode::CREATED, "{b}: client {i}");
        }
        // And a client that writes its own header before the proxy's is
        // still the address the proxy saw.
        let mut accepted = 0;
        for i in 0..7 {
            let forged = format!("6.6.6.{i}, 203.0.113.77");
            let r = send_from(&router, "127.0.0.1", tip(&forged)).await;
            if r.status() == StatusCode::CREATED {
                accepted += 1;
            }
        }
        assert_eq!(accepted, 5, "{b}");
    }
}

/// Posts the login form from `peer` with an optional device cookie; the
/// response.
async fn log_in(
    router: &axum::Router,
    peer: &str,
    username: &str,
    password: &str,
    device: Option<&str>,
) -> axum::http::Response<Body> {
    let page = send_from(
        router,
        peer,
        Request::get("/login").body(Body::empty()).unwrap(),
    )
    .await;
    let login_cookie = set_cookie(&page, "antt_login").unwrap();
    let csrf = hidden_value(&body_text(page).await, "_csrf").unwrap();
    let body = serde_urlencoded::to_string([
        ("username", username),
        ("password", password),
        ("_csrf", &csrf),
    ])
    .unwrap();
    let cookies = match device {
        Some(d) => format!("antt_login={login_cookie}; antt_device={d}"),
        None => format!("antt_login={login_cookie}"),
    };
    send_from(
        router,
        peer,
        Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookies)
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

/// Finding 5: five wrong passwords blocked an account for fifteen
/// minutes, the right password included; twenty blocked every account of
/// an address. The owner's browser now passes with its device cookie,
/// and whoever waits is told for how long.
#[tokio::test]
async fn wrong_passwords_from_elsewhere_do_not_lock_the_owner_out() {
    for app in apps().await {
        let b = app.backend();
        let router = app.configured(WebConfig::default());
        let first = log_in(
            &router,
            "10.0.0.5",
            "baove",
            antt_core::demo::DEMO_PASSWORD,
            None,
        )
        .await;
        assert_eq!(first.status(), StatusCode::SEE_OTHER, "{b}");
        let device = set_cookie(&first, "antt_device").expect("a device cookie");
        for _ in 0..6 {
            let r = log_in(&router, "10.0.0.66", "baove", "sai-mat-khau", None).await;
            assert_ne!(r.status(), StatusCode::SEE_OTHER);
        }
        // A new browser waits a little, and is told so.
        let r = log_in(
            &router,
            "10.0.0.7",
            "baove",
            antt_core::demo::DEMO_PASSWORD,
            None,
        )
        .await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "{b}");
        assert!(r.headers().get(header::RETRY_AFTER).is_some());
        let page = body_text(r).await;
        assert!(page.contains("Hãy đợi"), "{b}: {page}");
        assert!(page.contains("giây"), "{b}");
        // The guard's own phone goes in at once.
        let r = log_in(
            &router,
            "10.0.0.5",
            "baove",
            antt_core::demo::DEMO_PASSWORD,
            Some(&device),
        )
        .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
        // The office sees the wrong passwords and lets a new phone in.
        let office = app.login("vanphong").await;
        let list = body_text(app.get("/users", Some(&office)).await).await;
        // The sixth came during the delay: refused unchecked, not counted.
        assert!(list.contains("5 lần nhập sai"), "{b}");
        let guard = app
            .antt
            .auth()
            .login(
                "baove",
                antt_core::demo::DEMO_PASSWORD,
                antt_core::auth::Client::default(),
            )
            .await;
        assert!(guard.is_err(), "{b}: still slowed down");
        let id = app
            .antt
            .accounts()
            .list(&antt_core::Actor::command_line(), app.unit("CDLC").await)
            .await
            .unwrap()
            .into_iter()
            .find(|u| u.username == "baove")
            .unwrap()
            .id;
        let page = body_text(app.get(&format!("/users/{id}"), Some(&office)).await).await;
        assert!(page.contains("Cho đăng nhập lại ngay"), "{b}");
        let r = app
            .post_form(
                &format!("/users/{id}/allow-login"),
                Some(&office),
                &[],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
        let r = log_in(
            &router,
            "10.0.0.7",
            "baove",
            antt_core::demo::DEMO_PASSWORD,
            None,
        )
        .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    }
}

/// Finding 9: `/metrics` answered anyone, showing tip and failed-login
/// counts almost live.
#[tokio::test]
async fn the_metrics_answer_the_server_itself_or_the_token_only() {
    for app in apps().await {
        let b = app.backend();
        let router = app.configured(WebConfig {
            metrics_token: Some("bi-mat-cua-prometheus".into()),
            ..WebConfig::default()
        });
        let get = |auth: Option<&str>| {
            let mut r = Request::get("/metrics");
            if let Some(a) = auth {
                r = r.header(header::AUTHORIZATION, a);
            }
            r.body(Body::empty()).unwrap()
        };
        // One request counted first, so the figure is there even when
        // this test runs alone.
        let _ = send_from(&router, "127.0.0.1", get(None)).await;
        let r = send_from(&router, "127.0.0.1", get(None)).await;
        assert_eq!(r.status(), StatusCode::OK, "{b}");
        assert!(body_text(r).await.contains("http_requests_total"));
        for peer in ["10.0.0.5", "203.0.113.9"] {
            let r = send_from(&router, peer, get(None)).await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}: {peer}");
            let r = send_from(&router, peer, get(Some("Bearer doan-bua"))).await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}: {peer}");
        }
        let r = send_from(
            &router,
            "203.0.113.9",
            get(Some("Bearer bi-mat-cua-prometheus")),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK, "{b}");
        // Through a proxy on the machine itself, the client is not local.
        let proxied = app.configured(WebConfig {
            trusted_proxies: TrustedProxies::parse(&["127.0.0.1"]).unwrap(),
            ..WebConfig::default()
        });
        let mut r = get(None);
        r.headers_mut()
            .insert("x-forwarded-for", "203.0.113.9".parse().unwrap());
        let r = send_from(&proxied, "127.0.0.1", r).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    }
}
