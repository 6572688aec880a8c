//! The session screens: the year's list, coverage, the QR check-in from a
//! phone, ticking a list, and the refusals.

use axum::http::{StatusCode, header};

use antt_core::Actor;

use crate::support::{App, apps, body_text};

async fn todays_session(app: &App) -> antt_domain::MovementSessionId {
    let cdlc = app.unit("CDLC").await;
    let year = app.antt.current_plan_year();
    app.antt
        .sessions(&Actor::command_line(), cdlc, year)
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
        assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body_text(again).await.contains("Đã ghi nhận rồi"));
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
        let cdlc = app.unit("CDLC").await;
        let before = app
            .antt
            .sessions(&Actor::command_line(), cdlc, 2027)
            .await
            .unwrap()
            .len();

        let class = app
            .antt
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
            .sessions(&Actor::command_line(), cdlc, 2027)
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
            .session_view(&Actor::command_line(), cdlc, id)
            .await
            .unwrap();
        assert!(view.attendees.is_empty(), "nothing was recorded");

        // A guard may not record sessions.
        let guard = app.login("baove").await;
        assert_eq!(
            app.get("/sessions/new", Some(&guard)).await.status(),
            StatusCode::FORBIDDEN
        );
    }
}
