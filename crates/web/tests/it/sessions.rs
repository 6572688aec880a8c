//! The session screens: the year's list, coverage, the QR check-in from a
//! phone, ticking a list, and the refusals.

use axum::http::{StatusCode, header};

use antt_core::Actor;

use crate::support::{App, apps, body_text};

async fn todays_session(app: &App) -> antt_domain::MovementSessionId {
    let cdlc = app.unit("CDLC").await;
    let year = app.antt.plans().current_year();
    app.antt
        .sessions()
        .list(&Actor::command_line(), cdlc, year)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.session.title.contains("sinh viên nội trú"))
        .unwrap()
        .session
        .id
}

/// The code shown in `<p class="qr-code">`.
fn shown_code(html: &str) -> String {
    let start =
        html.find("class=\"qr-code\">").expect("a code on the page") + "class=\"qr-code\">".len();
    html[start..start + 8].to_owned()
}

#[tokio::test]
async fn a_student_checks_in_from_the_code_on_the_screen() {
    for app in apps().await {
        let office = app.login("vanphong").await;
        let list = body_text(app.get("/sessions?year=2026", Some(&office)).await).await;
        assert!(
            list.contains("Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2026"),
            "{}",
            app.backend()
        );
        assert!(list.contains("Công an phường Cam Đường"));
        let coverage = body_text(app.get("/coverage?year=2026", Some(&office)).await).await;
        assert!(coverage.contains("Chưa được tuyên truyền"));
        assert!(coverage.contains("Theo lớp"));

        let id = todays_session(&app).await;
        let page = body_text(app.get(&format!("/sessions/{id}"), Some(&office)).await).await;
        assert!(page.contains("Hiện mã QR điểm danh"));
        let r = app
            .post_form(
                &format!("/sessions/{id}/check-in"),
                Some(&office),
                &[],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = body_text(r).await;
        assert!(html.contains("<svg"), "the QR code is drawn on the page");
        let code = shown_code(&html);
        assert!(html.contains(&format!("/checkin/{code}")));

        // Not logged in: to the login page and back.
        let r = app.get(&format!("/checkin/{code}"), None).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            r.headers()[header::LOCATION],
            format!("/login?next=/checkin/{code}")
        );

        let student = app.login("sinhvien").await;
        let confirm = body_text(app.get(&format!("/checkin/{code}"), Some(&student)).await).await;
        assert!(confirm.contains("Xác nhận có mặt"), "{confirm}");
        let done = app
            .post_form(&format!("/checkin/{code}"), Some(&student), &[], true)
            .await;
        assert_eq!(done.status(), StatusCode::OK);
        assert!(body_text(done).await.contains("Đã điểm danh"));
        let again = app
            .post_form(&format!("/checkin/{code}"), Some(&student), &[], true)
            .await;
        // A second check-in is fine, and said as fine: no red box.
        assert_eq!(again.status(), StatusCode::OK);
        let again = body_text(again).await;
        assert!(again.contains("Đã điểm danh") && again.contains("đã điểm danh buổi này trước đó"));
        assert!(!again.contains("class=\"alert\""), "{again}");
        // A typed code with a typo says so.
        let typo = body_text(app.get("/checkin/ABCD2345", Some(&student)).await).await;
        assert!(typo.contains("Không có buổi nào dùng mã này"));
        // The typed form sends to the code's page.
        let typed = app
            .get(
                &format!("/checkin?code={}", code.to_lowercase()),
                Some(&student),
            )
            .await;
        assert_eq!(
            typed.headers()[header::LOCATION],
            format!("/checkin/{code}")
        );

        let page = body_text(app.get(&format!("/sessions/{id}"), Some(&office)).await).await;
        assert!(page.contains("SV1700001"));
        assert!(page.contains("Tự điểm danh"));
    }
}

#[tokio::test]
async fn a_session_is_recorded_and_ticked_only_once_it_has_started() {
    for app in apps().await {
        let office = app.login("vanphong").await;
        let bad = app
            .post_form(
                "/sessions",
                Some(&office),
                &[
                    ("kind", "propaganda"),
                    ("title", ""),
                    ("date", "31/02/2027"),
                    ("organiser", "Văn phòng"),
                    ("place", "Hội trường"),
                ],
                true,
            )
            .await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = body_text(bad).await;
        assert!(html.contains("Ngày: Ngày không hợp lệ"), "{html}");
        // The problem list names this form's fields, not a plan's.
        let bad = app
            .post_form(
                "/sessions",
                Some(&office),
                &[
                    ("kind", "propaganda"),
                    ("title", " "),
                    ("date", "20/11/2026"),
                    ("time", "08:00"),
                    ("organiser", "Văn phòng"),
                    ("place", ""),
                    ("everyone", "1"),
                ],
                true,
            )
            .await;
        let html = body_text(bad).await;
        assert!(
            html.contains("<li>Tên buổi, nội dung: Không được để trống"),
            "{html}"
        );
        assert!(
            !html.contains("Trích yếu") && !html.contains("Địa danh"),
            "{html}"
        );
        let cdlc = app.unit("CDLC").await;
        let before = app
            .antt
            .sessions()
            .list(&Actor::command_line(), cdlc, 2027)
            .await
            .unwrap()
            .len();

        let class = app
            .antt
            .org()
            .structure(&Actor::command_line(), cdlc)
            .await
            .unwrap()
            .classes[0]
            .clone();
        let created = app
            .post_form(
                "/sessions",
                Some(&office),
                &[
                    ("kind", "training"),
                    ("title", "Tập huấn PCCC"),
                    ("date", "25/11/2026"),
                    ("time", "14:00"),
                    ("organiser", "Văn phòng"),
                    ("place", "Sân trường"),
                    ("partner", "Công an phường Cam Đường"),
                    ("topics", "fire_rescue"),
                    ("classes", &class.id.to_string()),
                    ("materials", "1.200"),
                ],
                true,
            )
            .await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER);
        let sessions = app
            .antt
            .sessions()
            .list(&Actor::command_line(), cdlc, 2027)
            .await
            .unwrap();
        assert_eq!(sessions.len(), before + 1);
        let new = sessions
            .iter()
            .find(|r| r.session.title == "Tập huấn PCCC")
            .unwrap();
        assert_eq!(new.session.materials, 1_200);
        let id = new.session.id;

        let people = app
            .antt
            .sessions()
            .attendance_list(&Actor::command_line(), cdlc, Some(class.id), None)
            .await
            .unwrap();
        let form: Vec<(String, String)> = people
            .iter()
            .flat_map(|p| {
                [
                    ("listed".to_owned(), p.id.to_string()),
                    ("present".to_owned(), p.id.to_string()),
                ]
            })
            .collect();
        let refs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = app
            .post_form(
                &format!("/sessions/{id}/attendance?class={}", class.id),
                Some(&office),
                &refs,
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body_text(r).await.contains("chưa diễn ra"));
        let view = app
            .antt
            .sessions()
            .view(&Actor::command_line(), cdlc, id)
            .await
            .unwrap();
        assert!(view.attendees.is_empty(), "nothing was recorded");
        // A session of the closed 2026 year is read only: no edit button,
        // a notice, and a tick sent anyway is refused.
        let closed = app
            .antt
            .sessions()
            .list(&Actor::command_line(), cdlc, 2026)
            .await
            .unwrap()[0]
            .session
            .id;
        let page = body_text(app.get(&format!("/sessions/{closed}"), Some(&office)).await).await;
        assert!(page.contains("Năm phong trào 2026 đã khép lại"), "{page}");
        assert!(
            !page.contains(&format!("/sessions/{closed}/edit")),
            "{page}"
        );
        let r = app
            .post_form(
                &format!("/sessions/{closed}/attendance?class={}", class.id),
                Some(&office),
                &refs,
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body_text(r).await.contains("đã khép lại ngày 15/11"));

        // A guard may not record sessions.
        let guard = app.login("baove").await;
        assert_eq!(
            app.get("/sessions/new", Some(&guard)).await.status(),
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn the_movement_year_on_the_api() {
    for app in apps().await {
        let office = app.token("vanphong").await;
        let (status, plans) = app.api("GET", "/api/v1/plans", Some(&office), None).await;
        assert_eq!(status, StatusCode::OK, "{plans}");
        assert_eq!(plans[0]["year"], 2026);
        assert_eq!(plans[0]["state"], "approved");
        let plan = plans[0]["id"].as_str().unwrap().to_owned();
        let (_, plan) = app
            .api("GET", &format!("/api/v1/plans/{plan}"), Some(&office), None)
            .await;
        let tasks = plan["tasks"].as_array().unwrap();
        assert_eq!(tasks.len(), 11);
        let overdue = tasks.iter().find(|t| t["standing"] == "overdue").unwrap();
        assert!(overdue["standing_on"].is_string());

        // The head of the department reports; a bad status is a 422 in English.
        let head = app.token("ctsv").await;
        let task = tasks
            .iter()
            .find(|t| {
                t["title"]
                    .as_str()
                    .unwrap()
                    .starts_with("Tổ chức cho học sinh")
            })
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let path = format!("/api/v1/tasks/{task}/notes");
        let (status, body) = app
            .api(
                "POST",
                &path,
                Some(&head),
                Some(serde_json::json!({"body": "x", "status": "finished"})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (status, body) = app
            .api(
                "POST",
                &path,
                Some(&head),
                Some(serde_json::json!({"body": "Đã ký đủ.", "status": "done"})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(body["status"], "done");
        assert_eq!(body["standing"], "finished");

        let (status, sessions) = app
            .api("GET", "/api/v1/sessions?year=2026", Some(&office), None)
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(sessions.as_array().unwrap().len(), 7);
        let festival = sessions
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["kind"] == "festival_day")
            .unwrap();
        assert_eq!(festival["outside_count"], 120);
        let id = festival["id"].as_str().unwrap();
        let (_, one) = app
            .api(
                "GET",
                &format!("/api/v1/sessions/{id}"),
                Some(&office),
                None,
            )
            .await;
        assert!(one["attendees"].as_array().unwrap().len() > 500);

        let (status, coverage) = app
            .api("GET", "/api/v1/coverage?year=2026", Some(&office), None)
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(coverage["students"]["total"].as_u64().unwrap() > 1_900);
        assert!(coverage["not_reached"].as_u64().unwrap() > 0);

        // A session in the future is created, and takes no attendance yet.
        let (status, created) = app
            .api(
                "POST",
                "/api/v1/sessions",
                Some(&office),
                Some(serde_json::json!({
                    "kind": "training", "title": "Diễn tập PCCC", "topics": ["fire_rescue"],
                    "organiser": "Văn phòng", "starts_at": "2026-12-01T01:00:00Z", "place": "Sân trường",
                    "everyone": true
                })),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let new = created["id"].as_str().unwrap();
        let someone = one["attendees"][0]["person_id"].clone();
        let (status, body) = app
            .api(
                "POST",
                &format!("/api/v1/sessions/{new}/attendance"),
                Some(&office),
                Some(serde_json::json!({"present": [someone]})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["fields"][0]["code"], "not_started", "{body}");

        let (status, teams) = app.api("GET", "/api/v1/teams", Some(&office), None).await;
        assert_eq!(status, StatusCode::OK);
        let platoon = teams
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == "Trung đội tự vệ")
            .unwrap();
        assert_eq!(platoon["serving"], 21);
        let (_, one) = app
            .api(
                "GET",
                &format!("/api/v1/teams/{}", platoon["id"].as_str().unwrap()),
                Some(&office),
                None,
            )
            .await;
        assert_eq!(one["members"].as_array().unwrap().len(), 21);
        assert_eq!(one["members"][0]["role"], "leader");
        let (status, c) = app
            .api("GET", "/api/v1/commitments?year=2026", Some(&office), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{c}");
        assert_eq!(c["staff"]["reached"], c["staff"]["total"]);
        let (status, _) = app
            .api("GET", "/api/v1/commitments?year=2031", Some(&office), None)
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        let (_, doc) = app.api("GET", "/api/openapi.json", None, None).await;
        assert!(doc["paths"]["/api/v1/coverage"].is_object());
        assert!(doc["paths"]["/api/v1/teams/{id}"].is_object());
    }
}

#[tokio::test]
async fn the_home_page_shows_the_movement_year() {
    for app in apps().await {
        let office = app.login("vanphong").await;
        // One year for the whole page: the current one unless chosen.
        let now = body_text(app.get("/", Some(&office)).await).await;
        assert!(now.contains("Phong trào năm 2027"), "{}", app.backend());
        assert!(now.contains("Tin báo, vụ việc năm 2027"));
        assert!(
            !now.contains("năm 2026</h2>"),
            "no block counts another year"
        );
        assert!(
            now.contains("href=\"/?year=2026\""),
            "the year just closed is one tap away"
        );
        let home = body_text(app.get("/?year=2026", Some(&office)).await).await;
        assert!(home.contains("Phong trào năm 2026"), "{}", app.backend());
        assert!(home.contains("Tin báo, vụ việc năm 2026"));
        for figure in [
            "Nhiệm vụ hoàn thành",
            "HSSV được tuyên truyền",
            "Đã ký cam kết",
            "Buổi tuyên truyền, tập huấn",
            "Mô hình, đội, cụm ANLK",
        ] {
            assert!(home.contains(figure), "{figure}");
        }
        let cdlc = app.unit("CDLC").await;
        let c = app
            .antt
            .sessions()
            .coverage(&Actor::command_line(), cdlc, 2026)
            .await
            .unwrap()
            .coverage
            .students;
        let tenths = (u64::from(c.reached) * 1000 + u64::from(c.total) / 2) / u64::from(c.total);
        let shown = format!("{},{}%", tenths / 10, tenths % 10);
        assert!(
            home.contains(&shown),
            "coverage of the demo's students: {shown}"
        );
        assert!(
            home.contains("<title>T8: 1 buổi</title>"),
            "the festival day in August"
        );
        assert!(home.contains("<title>T8 năm trước: 1 buổi</title>"));
        // A student sees no movement figures; the province officer's own unit neither.
        let student = app.login("sinhvien").await;
        assert!(
            !body_text(app.get("/", Some(&student)).await)
                .await
                .contains("Phong trào năm")
        );
        let police = app.login("congan.tinh").await;
        assert!(
            !body_text(app.get("/", Some(&police)).await)
                .await
                .contains("Phong trào năm")
        );
    }
}

#[tokio::test]
async fn the_lists_export_to_excel() {
    for app in apps().await {
        let office = app.login("vanphong").await;
        let cdlc = app.unit("CDLC").await;
        let festival = app
            .antt
            .sessions()
            .list(&Actor::command_line(), cdlc, 2026)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.session.title.starts_with("Ngày hội"))
            .unwrap();
        for (path, rows) in [
            ("/coverage/export?year=2026".to_owned(), None),
            ("/commitments/export?year=2026".to_owned(), None),
            (
                format!("/sessions/{}/export", festival.session.id),
                Some(festival.attended as usize),
            ),
        ] {
            let r = app.get(&path, Some(&office)).await;
            assert_eq!(r.status(), StatusCode::OK, "{path}");
            assert_eq!(
                r.headers()[header::CONTENT_TYPE],
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            );
            let bytes = axum::body::to_bytes(r.into_body(), 1 << 24).await.unwrap();
            let sheets = antt_docgen::read_workbook("list.xlsx", &bytes).unwrap();
            let table = &sheets[0];
            assert!(
                table.rows[0][0].text().contains("TRƯỜNG CAO ĐẲNG LÀO CAI"),
                "{path}"
            );
            if let Some(n) = rows {
                // Two title lines, a blank line and the header row above the attendees.
                assert_eq!(table.rows.len(), n + 4, "{path}");
            }
        }
        let student = app.login("sinhvien").await;
        assert_eq!(
            app.get("/commitments/export?year=2026", Some(&student))
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn a_session_form_sent_again_or_an_api_call_retried_makes_one_session() {
    for app in apps().await {
        let b = app.backend();
        let office = app.login("vanphong").await;
        let cdlc = app.unit("CDLC").await;
        let count = || async {
            app.antt
                .sessions()
                .list(&Actor::command_line(), cdlc, 2027)
                .await
                .unwrap()
                .len()
        };
        let before = count().await;
        let page = body_text(app.get("/sessions/new", Some(&office)).await).await;
        let once =
            crate::support::hidden_value(&page, "_once").expect("a creating form's one-time key");
        let form = [
            ("kind", "propaganda"),
            ("title", "Tuyên truyền phòng chống ma túy"),
            ("date", "26/11/2026"),
            ("time", "08:00"),
            ("organiser", "Văn phòng"),
            ("place", "Hội trường"),
            ("topics", "drugs_social_evils"),
            ("everyone", "1"),
            ("_once", once.as_str()),
        ];
        let first = app.post_form("/sessions", Some(&office), &form, true).await;
        assert_eq!(
            first.status(),
            StatusCode::SEE_OTHER,
            "{b}: {}",
            body_text(first).await
        );
        let made = first.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_owned();
        // Back and save again, or a double tap: the first session's page.
        let again = app.post_form("/sessions", Some(&office), &form, true).await;
        assert_eq!(again.status(), StatusCode::SEE_OTHER, "{b}");
        let location = again.headers()[header::LOCATION].to_str().unwrap();
        assert!(
            location.starts_with(&made),
            "{b}: {location} leads to {made}"
        );
        assert_eq!(count().await, before + 1, "{b}: one session");
        // A fresh form (a new key) makes a second one, as it should.
        let page = body_text(app.get("/sessions/new", Some(&office)).await).await;
        let fresh = crate::support::hidden_value(&page, "_once").unwrap();
        assert_ne!(fresh, once);
        let mut form = form;
        form[8] = ("_once", fresh.as_str());
        app.post_form("/sessions", Some(&office), &form, true).await;
        assert_eq!(count().await, before + 2, "{b}");

        // The API: a retried call with the same Idempotency-Key.
        let token = app.token("vanphong").await;
        let call = |key: &'static str| {
            let token = token.clone();
            let app = &app;
            async move {
                let r = axum::http::Request::post("/api/v1/sessions")
                    .header(header::AUTHORIZATION, format!("Bearer {token}"))
                    .header(header::CONTENT_TYPE, "application/json")
                    .header("Idempotency-Key", key)
                    .body(axum::body::Body::from(
                        serde_json::json!({
                            "kind": "training", "title": "Tập huấn sơ cứu", "topics": ["fire_rescue"],
                            "organiser": "Văn phòng", "starts_at": "2026-11-27T01:00:00Z",
                            "place": "Sân trường", "everyone": true
                        })
                        .to_string(),
                    ))
                    .unwrap();
                app.send(r).await
            }
        };
        let first = call("retry-0001-abcd").await;
        assert_eq!(first.status(), StatusCode::CREATED, "{b}");
        let id: serde_json::Value = serde_json::from_str(&body_text(first).await).unwrap();
        let id = id["id"].as_str().unwrap().to_owned();
        let again = call("retry-0001-abcd").await;
        assert_eq!(again.status(), StatusCode::CONFLICT, "{b}");
        assert_eq!(
            again.headers()[header::LOCATION],
            format!("/api/v1/sessions/{id}").as_str()
        );
        assert!(body_text(again).await.contains("already_done"));
        assert_eq!(count().await, before + 3, "{b}: one session for two calls");
        assert_eq!(call("short").await.status(), StatusCode::BAD_REQUEST, "{b}");
        assert_eq!(count().await, before + 3, "{b}");
    }
}
