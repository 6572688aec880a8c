//! Units on their own copy, through the pages and the API: the office
//! reads its copy's key and downloads the year's signed bundle; the
//! province officer registers the key, uploads the bundle (refused before
//! the key is registered, and when it is not newer), and a newer one is
//! pushed over the API with a token.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::support::{BOUNDARY, apps, body_text, multipart};

async fn bytes(r: axum::http::Response<Body>) -> Vec<u8> {
    axum::body::to_bytes(r.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec()
}

#[tokio::test]
async fn the_office_sends_its_year_and_the_officer_imports_it() {
    for app in apps().await {
        let b = app.backend();
        let office = app.login("vanphong").await;
        let officer = app.login("congan.tinh").await;
        let college = app.unit("CDLC").await;

        let page = body_text(app.get("/bundle?year=2026", Some(&office)).await).await;
        assert!(
            page.contains("Dấu khóa") && page.contains("ed25519:"),
            "{b}: {page}"
        );
        let key = page
            .split('>')
            .find(|s| s.starts_with("ed25519:"))
            .and_then(|s| s.split('<').next())
            .unwrap()
            .to_owned();
        let dossier = body_text(
            app.get("/assessment/dossier?year=2026", Some(&office))
                .await,
        )
        .await;
        assert!(
            dossier.contains("/bundle?year=2026"),
            "the dossier links it"
        );

        let r = app.get("/bundle/download?year=2026", Some(&office)).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.headers()[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .contains("goi-du-lieu-cdlc-2026.zip")
        );
        let bundle = bytes(r).await;

        let page = body_text(app.get("/province/bundles", Some(&officer)).await).await;
        assert!(page.contains("Đơn vị dùng antt riêng"), "{page}");
        // The demo's school on its own copy is there already.
        assert!(page.contains("Trường THPT số 1 Cam Đường"), "{page}");
        assert!(page.contains("Đơn vị đã đăng ký khóa (1)"));
        // The school's office does not see the police's page.
        let r = app.get("/province/bundles", Some(&office)).await;
        assert!(r.status().is_client_error(), "{}", r.status());

        let upload = |file: &[u8]| {
            Request::post("/province/bundles")
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                )
                .header(header::COOKIE, &officer.cookie)
                .body(Body::from(multipart(
                    Some(&officer.csrf),
                    &[],
                    "goi-du-lieu-cdlc-2026.zip",
                    file,
                )))
                .unwrap()
        };
        let r = app.send(upload(&bundle)).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let text = body_text(r).await;
        assert!(text.contains("khóa chưa đăng ký cho đơn vị này"), "{text}");

        let unit = college.to_string();
        let r = app
            .post_form(
                "/province/bundles/key",
                Some(&officer),
                &[("unit", &unit), ("key", "ed25519:abc")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body_text(r).await.contains("Khóa của bản antt riêng"));
        let r = app
            .post_form(
                "/province/bundles/key",
                Some(&officer),
                &[("unit", &unit), ("key", &key)],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);

        // A changed byte: refused with the reason.
        let mut changed = bundle.clone();
        let middle = changed.len() / 2;
        changed[middle] ^= 0x04;
        let r = app.send(upload(&changed)).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body_text(r).await.contains("đã bị sửa hoặc hỏng"));

        let r = app.send(upload(&bundle)).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
        let to = r.headers()[header::LOCATION].to_str().unwrap().to_owned();
        let page = body_text(app.get(&to, Some(&officer)).await).await;
        assert!(
            page.contains("Đã nhập gói dữ liệu năm 2026 của đơn vị CDLC"),
            "{page}"
        );
        assert!(page.contains("Năm 2026"));
        let dossier = body_text(
            app.get(
                &format!("/assessment/dossier?year=2026&unit={college}"),
                Some(&officer),
            )
            .await,
        )
        .await;
        assert!(dossier.contains("theo gói dữ liệu đã ký"), "{dossier}");

        // A newer bundle pushed over the API with the officer's token; the
        // same one again is refused; a school's token may not push.
        app.clock.advance(chrono::Duration::hours(1));
        let newer = bytes(app.get("/bundle/download?year=2026", Some(&office)).await).await;
        let push = |token: &str, body: Vec<u8>| {
            Request::post("/api/v1/bundles")
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .header(header::CONTENT_TYPE, "application/zip")
                .body(Body::from(body))
                .unwrap()
        };
        let token = app.token("congan.tinh").await;
        let r = app.send(push(&token, newer.clone())).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let json: serde_json::Value = serde_json::from_str(&body_text(r).await).unwrap();
        assert_eq!(json["unit"], "CDLC");
        assert_eq!(json["replaced"], true);
        let r = app.send(push(&token, newer.clone())).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body_text(r).await.contains("outdated"));
        let school = app.token("vanphong").await;
        let r = app.send(push(&school, newer)).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
}
