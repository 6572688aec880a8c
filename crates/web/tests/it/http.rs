//! The HTML screens and the API in process: status codes, CSRF, tenancy.

use axum::body::Body;
use axum::http::header;
use axum::http::{Request, StatusCode};
use serde_json::json;

use antt_core::Actor;
use antt_domain::page::PageRequest;
use antt_domain::person::PersonFilter;

use crate::support::{App, apps, body_text};

async fn a_person(app: &App, unit: &str, q: &str) -> antt_domain::person::Person {
    let unit = app.unit(unit).await;
    let filter = PersonFilter {
        query: Some(q.into()),
        ..PersonFilter::default()
    };
    app.antt
        .people()
        .list(
            &Actor::command_line(),
            unit,
            &filter,
            PageRequest::default(),
        )
        .await
        .unwrap()
        .page
        .items
        .remove(0)
        .person
}

#[tokio::test]
async fn login_logout_and_csrf() {
    for app in apps().await {
        let b = app.backend();
        let r = app.get("/", None).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
        assert_eq!(r.headers()[header::LOCATION], "/login");
        // A login post without the form's token is refused.
        let r = app
            .post_form(
                "/login",
                None,
                &[("username", "vanphong"), ("password", "antt-demo-2026")],
                false,
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
        assert!(body_text(r).await.contains("Biểu mẫu đã hết hạn"));

        let s = app.login("vanphong").await;
        let home = app.get("/", Some(&s)).await;
        assert_eq!(home.status(), StatusCode::OK, "{b}");
        let html = body_text(home).await;
        assert!(
            html.contains("Trường Cao đẳng Lào Cai") && html.contains("Nội trú"),
            "{b}"
        );

        // A change without the session's token is refused and changes nothing.
        let p = a_person(&app, "CDLC", "nguyen").await;
        let path = format!("/people/{}", p.id);
        let fields = [
            ("kind", "student"),
            ("code", p.code.as_str()),
            ("full_name", "Tên Bị Đổi"),
        ];
        let r = app.post_form(&path, Some(&s), &fields, false).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
        assert_eq!(a_person(&app, "CDLC", &p.code).await.full_name, p.full_name);
        let mut forged = crate::support::Session {
            cookie: s.cookie.clone(),
            csrf: "0".repeat(64),
        };
        assert_eq!(
            app.post_form(&path, Some(&forged), &fields, true)
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
        forged.csrf.clone_from(&s.csrf);

        assert_eq!(
            app.post_form("/logout", Some(&s), &[], false)
                .await
                .status(),
            StatusCode::FORBIDDEN,
            "{b}"
        );
        assert_eq!(
            app.post_form("/logout", Some(&s), &[], true).await.status(),
            StatusCode::SEE_OTHER
        );
        assert_eq!(
            app.get("/", Some(&s)).await.status(),
            StatusCode::SEE_OTHER,
            "{b}: the session is gone"
        );
    }
}

#[tokio::test]
async fn wrong_passwords_get_one_vietnamese_answer() {
    for app in apps().await {
        let page = app.get("/login", None).await;
        let cookie = crate::support::set_cookie(&page, "antt_login").unwrap();
        let csrf = crate::support::hidden_value(&body_text(page).await, "_csrf").unwrap();
        let s = crate::support::Session {
            cookie: format!("antt_login={cookie}"),
            csrf,
        };
        for user in ["vanphong", "khong.co.ai"] {
            let r = app
                .post_form(
                    "/login",
                    Some(&s),
                    &[("username", user), ("password", "sai mat khau")],
                    true,
                )
                .await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{}", app.backend());
            assert!(
                body_text(r)
                    .await
                    .contains("Tên đăng nhập hoặc mật khẩu không đúng")
            );
        }
    }
}

#[tokio::test]
async fn security_headers_are_on_every_page() {
    for app in apps().await {
        for path in [
            "/login",
            "/static/app.css",
            "/no-such-page",
            "/api/v1/people",
        ] {
            let r = app.get(path, None).await;
            let h = r.headers();
            let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
            assert!(
                csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
                "{path}"
            );
            assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            assert_eq!(h[header::REFERRER_POLICY], "same-origin");
            assert_eq!(h[header::X_FRAME_OPTIONS], "DENY");
            assert!(h.contains_key("x-request-id"));
        }
        let login = app.get("/login", None).await;
        let cookie = login.headers()[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
            "{cookie}"
        );
    }
}

#[tokio::test]
async fn a_user_of_unit_a_gets_not_found_for_every_record_of_unit_b() {
    for app in apps().await {
        let b = app.backend();
        let cdlc = app.unit("CDLC").await;
        let s = app.login("thcs.vanphong").await;
        let token = app.token("thcs.vanphong").await;
        let admin = Actor::command_line();
        let structure = app.antt.org().structure(&admin, cdlc).await.unwrap();
        let person = a_person(&app, "CDLC", "nguyen").await;
        let (class, dept, campus) = (
            structure.classes[0].id,
            structure.departments[0].id,
            structure.campuses[0].id,
        );
        let college_user = app.antt.accounts().list(&admin, cdlc).await.unwrap()[0].id;

        let html_gets = [
            format!("/?unit={cdlc}"),
            format!("/people?unit={cdlc}"),
            format!("/org?unit={cdlc}"),
            format!("/users?unit={cdlc}"),
            format!("/audit?unit={cdlc}"),
            format!("/people/{}", person.id),
            format!("/people/{}?unit={cdlc}", person.id),
            format!("/people/{}/edit", person.id),
            format!("/classes/{class}"),
            format!("/classes/{class}?unit={cdlc}"),
            format!("/departments/{dept}"),
            format!("/campuses/{campus}"),
            format!("/users/{college_user}"),
            format!("/users/{college_user}?unit={cdlc}"),
            "/people/not-an-id".to_owned(),
        ];
        for path in &html_gets {
            let r = app.get(path, Some(&s)).await;
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}: GET {path}");
            assert!(body_text(r).await.contains("Không tìm thấy"), "{b}: {path}");
        }
        let fields = [
            ("kind", "student"),
            ("code", "X1"),
            ("full_name", "Ai Đó"),
            ("name", "Lớp X"),
        ];
        for path in [
            format!("/people/{}", person.id),
            format!("/people/{}?unit={cdlc}", person.id),
            format!("/classes/{class}"),
            format!("/departments/{dept}"),
            format!("/campuses/{campus}?unit={cdlc}"),
            format!("/people?unit={cdlc}"),
            format!("/users/{college_user}/lock"),
            format!("/users/{college_user}/password"),
        ] {
            let r = app.post_form(&path, Some(&s), &fields, true).await;
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}: POST {path}");
        }
        let api_gets = [
            format!("/api/v1/units/{cdlc}"),
            format!("/api/v1/people/{}", person.id),
            format!("/api/v1/people/{}?unit={cdlc}", person.id),
            format!("/api/v1/people?unit={cdlc}"),
            format!("/api/v1/classes/{class}"),
            format!("/api/v1/classes?unit={cdlc}"),
            format!("/api/v1/departments/{dept}"),
            format!("/api/v1/campuses/{campus}"),
        ];
        for path in &api_gets {
            let (status, body) = app.api("GET", path, Some(&token), None).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{b}: GET {path}: {body}");
            assert_eq!(body["error"]["code"], "not_found");
        }
        let body = json!({"kind": "student", "code": "X1", "full_name": "Ai Đó", "name": "x"});
        for path in [
            format!("/api/v1/people/{}", person.id),
            format!("/api/v1/classes/{class}?unit={cdlc}"),
            format!("/api/v1/campuses/{campus}"),
        ] {
            let (status, _) = app
                .api("PUT", &path, Some(&token), Some(body.clone()))
                .await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{b}: PUT {path}");
        }
        let (status, _) = app
            .api(
                "POST",
                &format!("/api/v1/people?unit={cdlc}"),
                Some(&token),
                Some(body),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{b}");
        // Nothing of the college changed.
        assert_eq!(a_person(&app, "CDLC", &person.code).await, person);
    }
}

#[tokio::test]
async fn searching_people_without_diacritics() {
    for app in apps().await {
        let b = app.backend();
        let s = app.login("baove").await;
        let r = app.get("/people?q=nguyen", Some(&s)).await;
        assert_eq!(r.status(), StatusCode::OK, "{b}");
        let html = body_text(r).await;
        assert!(
            html.contains("khớp với “nguyen”") && html.contains("Nguyễn"),
            "{b}"
        );
        assert!(html.contains("<html"), "a full page without htmx");
        // With htmx, only the results.
        let r = app
            .send(
                axum::http::Request::get("/people?q=tran%20xuan")
                    .header(header::COOKIE, &s.cookie)
                    .header("HX-Request", "true")
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        let html = body_text(r).await;
        assert!(
            !html.contains("<html") && html.contains("Trần Xuân Trường"),
            "{b}"
        );
        // The guard does not see dates of birth or phones.
        assert!(!html.contains("Ngày sinh"));
        let token = app.token("vanphong").await;
        let (status, page) = app
            .api(
                "GET",
                "/api/v1/people?q=NGUYEN%20van&per_page=5",
                Some(&token),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{b}: {page}");
        assert_eq!(page["items"].as_array().unwrap().len(), 5);
        assert!(page["total"].as_u64().unwrap() > 20);
        assert!(
            page["items"][0]["full_name"]
                .as_str()
                .unwrap()
                .starts_with("Nguyễn"),
            "{page}"
        );
    }
}

#[tokio::test]
async fn editing_a_person_shows_in_their_history_and_the_audit_log() {
    for app in apps().await {
        let b = app.backend();
        let s = app.login("vanphong").await;
        let p = a_person(&app, "CDLC", "le thi").await;
        let path = format!("/people/{}", p.id);
        let edit = body_text(app.get(&format!("{path}/edit"), Some(&s)).await).await;
        assert!(edit.contains(&p.full_name), "{b}");
        let class = p.class_id.unwrap().to_string();
        let mut fields = vec![
            ("kind", "student"),
            ("code", p.code.as_str()),
            ("full_name", p.full_name.as_str()),
            ("class_id", class.as_str()),
            ("phone", "0987 111 222"),
        ];
        let r = app.post_form(&path, Some(&s), &fields, true).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
        let detail = body_text(app.get(&path, Some(&s)).await).await;
        assert!(
            detail.contains("0987111222") && detail.contains("Điện thoại:"),
            "{b}"
        );
        let audit = body_text(app.get("/audit?target=person", Some(&s)).await).await;
        assert!(
            audit.contains(&p.full_name) && audit.contains("→ 0987111222"),
            "{b}"
        );

        // A bad date is refused with a Vietnamese message; nothing changes.
        let saved = a_person(&app, "CDLC", &p.code).await;
        fields.push(("birth_date", "31/02/2005"));
        let r = app.post_form(&path, Some(&s), &fields, true).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        let html = body_text(r).await;
        assert!(
            html.contains("Ngày không hợp lệ") && html.contains("value=\"31/02/2005\""),
            "{b}: the form keeps what was typed"
        );
        assert_eq!(a_person(&app, "CDLC", &p.code).await, saved);
    }
}

#[tokio::test]
async fn the_api_answers_in_json_with_stable_codes() {
    for app in apps().await {
        let b = app.backend();
        let (status, body) = app.api("GET", "/api/v1/people", None, None).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("unauthenticated")),
            "{b}"
        );
        let (status, body) = app
            .api(
                "POST",
                "/api/v1/auth/token",
                None,
                Some(json!({"username": "vanphong", "password": "x"})),
            )
            .await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("unauthenticated"))
        );
        let token = app.token("vanphong").await;
        let (status, body) = app
            .api(
                "POST",
                "/api/v1/people",
                Some(&token),
                Some(json!({"kind": "student", "code": "", "full_name": "x", "email": "nope"})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {body}");
        assert_eq!(body["error"]["code"], "invalid");
        let fields: Vec<&str> = body["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap())
            .collect();
        assert!(
            fields.contains(&"code") && fields.contains(&"email") && fields.contains(&"class_id"),
            "{body}"
        );
        let (status, body) = app
            .api(
                "POST",
                "/api/v1/people",
                Some(&token),
                Some(json!({"kind": 1})),
            )
            .await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some("bad_request")),
            "{b}: {body}"
        );
        let (status, _) = app
            .api("GET", "/api/v1/people/not-an-id", Some(&token), None)
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = app
            .api("GET", "/api/v1/nothing-here", Some(&token), None)
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // Create, read and change a department and a class.
        let (status, dept) = app
            .api(
                "POST",
                "/api/v1/departments",
                Some(&token),
                Some(json!({"kind": "faculty", "name": "Khoa Điện tử"})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{b}: {dept}");
        let (status, class) = app
            .api(
                "POST",
                "/api/v1/classes",
                Some(&token),
                Some(json!({"name": "CĐ Điện tử K19", "department_id": dept["id"]})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{b}: {class}");
        let (status, person) = app
            .api("POST", "/api/v1/people", Some(&token), Some(json!({"kind": "student", "code": "SV-API-1", "full_name": "hoàng  thị  mai", "class_id": class["id"], "birth_date": "2007-03-09"})))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{b}: {person}");
        assert_eq!(person["full_name"], "Hoàng Thị Mai");
        let (status, dup) = app.api("POST", "/api/v1/people", Some(&token), Some(json!({"kind": "student", "code": "SV-API-1", "full_name": "Khác", "class_id": class["id"]}))).await;
        assert_eq!(
            (status, dup["error"]["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("duplicate")),
            "{b}: {dup}"
        );
        let id = person["id"].as_str().unwrap();
        let (status, changed) = app
            .api("PUT", &format!("/api/v1/people/{id}"), Some(&token), Some(json!({"kind": "student", "code": "SV-API-1", "full_name": "Hoàng Thị Mai", "class_id": class["id"], "boarding": true})))
            .await;
        assert_eq!(
            (status, changed["boarding"].as_bool()),
            (StatusCode::OK, Some(true)),
            "{b}: {changed}"
        );
        let (_, got) = app
            .api("GET", &format!("/api/v1/people/{id}"), Some(&token), None)
            .await;
        assert_eq!(
            got["birth_date"],
            serde_json::Value::Null,
            "PUT replaces every field"
        );
    }
}

#[tokio::test]
async fn openapi_health_metrics_and_assets() {
    for app in apps().await {
        let (status, doc) = app.api("GET", "/api/openapi.json", None, None).await;
        assert_eq!(status, StatusCode::OK);
        for path in [
            "/api/v1/auth/token",
            "/api/v1/units",
            "/api/v1/people",
            "/api/v1/people/{id}",
            "/api/v1/classes",
            "/api/v1/departments",
            "/api/v1/campuses",
        ] {
            assert!(
                doc["paths"][path].is_object(),
                "{path} missing from the OpenAPI document"
            );
        }
        assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
        assert_eq!(app.get("/healthz", None).await.status(), StatusCode::OK);
        let metrics = body_text(
            crate::support::send_from(
                &app.router,
                "127.0.0.1",
                Request::get("/metrics").body(Body::empty()).unwrap(),
            )
            .await,
        )
        .await;
        assert!(metrics.contains("http_requests_total"), "{metrics}");
        let js = app.get("/static/htmx.min.js", None).await;
        assert_eq!(js.status(), StatusCode::OK);
        assert!(body_text(js).await.len() > 40_000);
        let nf = app.get("/trang-khong-co", None).await;
        assert_eq!(nf.status(), StatusCode::NOT_FOUND);
        assert!(body_text(nf).await.contains("Không tìm thấy"));
    }
}

#[tokio::test]
async fn every_screen_renders_for_every_role() {
    for app in apps().await {
        let b = app.backend();
        for (user, paths) in [
            (
                "vanphong",
                &[
                    "/",
                    "/org",
                    "/people",
                    "/people/new",
                    "/campuses/new",
                    "/departments/new",
                    "/classes/new",
                    "/users",
                    "/audit",
                    "/account",
                ][..],
            ),
            (
                "congan.tinh",
                &["/", "/units", "/units?q=cao+dang", "/account"][..],
            ),
            ("bgh", &["/", "/org", "/people", "/audit"][..]),
            ("baove", &["/", "/people", "/org"][..]),
            ("sinhvien", &["/", "/account"][..]),
            ("admin", &["/", "/units", "/audit"][..]),
        ] {
            let s = app.login(user).await;
            for path in paths {
                let r = app.get(path, Some(&s)).await;
                assert_eq!(r.status(), StatusCode::OK, "{b}: {user} GET {path}");
            }
        }
        // The province officer opens a school read-only.
        let s = app.login("congan.tinh").await;
        let cdlc = app.unit("CDLC").await;
        let html = body_text(
            app.get(&format!("/people?unit={cdlc}&q=nguyen"), Some(&s))
                .await,
        )
        .await;
        assert!(
            html.contains("chỉ xem") && html.contains("Nguyễn") && !html.contains("Thêm người"),
            "{b}"
        );
        // Roles without the right get 403, not a broken page.
        let s = app.login("sinhvien").await;
        assert_eq!(
            app.get("/people", Some(&s)).await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            app.get("/users", Some(&s)).await.status(),
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn every_error_a_browser_meets_is_a_vietnamese_page() {
    let app = apps().await.remove(0);
    // A form's address opened directly: 405, in Vietnamese, with Allow.
    let r = app.get("/tip/reply", None).await;
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(r.headers().contains_key(header::ALLOW));
    let html = body_text(r).await;
    assert!(html.contains("Không mở trực tiếp được"), "{html}");
    // A body the extractor cannot read: 400, in Vietnamese, not axum's English.
    let r = app
        .send(
            Request::post("/tip/CDLC")
                .header(header::CONTENT_TYPE, "multipart/form-data")
                .body(Body::from("garbage"))
                .unwrap(),
        )
        .await;
    assert!(r.status().is_client_error(), "{}", r.status());
    let html = body_text(r).await;
    assert!(
        html.contains("<html") && html.contains("Yêu cầu không hợp lệ"),
        "{html}"
    );
    // The QR page opened by its address leads to the session, not to a 405.
    let office = app.login("vanphong").await;
    let id = "01900000-0000-7000-8000-000000000000";
    let r = app
        .get(&format!("/sessions/{id}/check-in"), Some(&office))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers()[header::LOCATION],
        format!("/sessions/{id}").as_str()
    );
    // The API keeps its JSON.
    let (status, body) = app.api("GET", "/api/v1/public/tips", None, None).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(!body.to_string().contains("<html"));
}

/// The hrefs of a page that lead to another screen of antt.
fn screen_links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .map(|h| h.split('#').next().unwrap_or_default().to_owned())
        .filter(|h| h.starts_with('/') && !h.starts_with("/static/") && h != "/logout")
        .collect()
}

#[tokio::test]
async fn each_roles_home_is_their_job_and_shows_no_link_they_may_not_follow() {
    for app in apps().await {
        let b = app.backend();
        let student = app.login("sinhvien").await;
        let home = body_text(app.get("/", Some(&student)).await).await;
        let jobs = |home: &str| {
            let at = home
                .find("Việc của bạn năm 2027")
                .expect("the jobs of the user");
            home[at..at + home[at..].find("</section>").unwrap()].to_owned()
        };
        let mine = jobs(&home);
        for job in ["/checkin", "/tip/CDLC", "/tip/status"] {
            let link = format!("href=\"{job}\"");
            assert!(mine.contains(&link), "{b}: the student's home links {job}");
        }
        assert!(
            !home.contains("href=\"/people"),
            "{b}: no list a student may not open"
        );
        let guard = app.login("baove").await;
        let home = body_text(app.get("/", Some(&guard)).await).await;
        let mine = jobs(&home);
        for job in ["/tips/new", "/tips#recorded", "/people"] {
            let link = format!("href=\"{job}\"");
            assert!(mine.contains(&link), "{b}: the guard's home links {job}");
        }
        // The guard looks people up by name; their details are not theirs
        // to open, so the names are not links.
        let found = body_text(app.get("/people?q=SV1700001", Some(&guard)).await).await;
        assert!(found.contains("SV1700001"), "{b}");
        assert!(
            !found.contains("href=\"/people/0"),
            "{b}: no name links for the guard"
        );
        let office = app.login("vanphong").await;
        let found = body_text(app.get("/people?q=SV1700001", Some(&office)).await).await;
        assert!(
            found.contains("href=\"/people/0"),
            "{b}: the office opens them"
        );
        // Every link of every role's home opens.
        for user in [
            "sinhvien",
            "baove",
            "gvcn",
            "ctsv",
            "bgh",
            "vanphong",
            "congan.tinh",
        ] {
            let s = app.login(user).await;
            let home = body_text(app.get("/", Some(&s)).await).await;
            for link in screen_links(&home) {
                let r = app.get(&link, Some(&s)).await;
                let status = r.status();
                let page = body_text(r).await;
                assert!(
                    status != StatusCode::FORBIDDEN && !page.contains("Không có quyền"),
                    "{b}: {user}'s home links {link}, which answers {status}"
                );
            }
        }
    }
}
