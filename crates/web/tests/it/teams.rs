//! The team screens: the list, a group with its members, the forms and
//! their refusals.

use axum::http::StatusCode;

use antt_core::Actor;

use crate::support::{apps, body_text};

#[tokio::test]
async fn the_office_establishes_a_team_and_adds_its_members() {
    for app in apps().await {
        let s = app.login("vanphong").await;
        let list = body_text(app.get("/teams", Some(&s)).await).await;
        assert!(list.contains("Trung đội tự vệ"), "{}", app.backend());
        assert!(list.contains("Cụm an ninh liên kết Cơ quan - Trường - Phường"));

        let refused = app
            .post_form(
                "/teams",
                Some(&s),
                &[
                    ("kind", "cluster"),
                    ("name", "Cụm ANLK số 4"),
                    ("status", "active"),
                    ("decision_date", "30/02/2026"),
                ],
                true,
            )
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = body_text(refused).await;
        assert!(
            html.contains("Ngày quyết định: Ngày không hợp lệ"),
            "{html}"
        );
        let created = app
            .post_form(
                "/teams",
                Some(&s),
                &[
                    ("kind", "cluster"),
                    ("name", "Cụm ANLK số 4"),
                    ("status", "active"),
                    ("decision_number", "15/QĐ-CĐLC"),
                    ("decision_date", "20/11/2026"),
                    (
                        "partners",
                        "Công an phường Cam Đường\nTrường THCS Cam Đường",
                    ),
                ],
                true,
            )
            .await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER);
        let path = created.headers()["location"].to_str().unwrap().to_owned();
        let cdlc = app.unit("CDLC").await;
        let person = app
            .antt
            .staff_choices(&Actor::command_line(), cdlc)
            .await
            .unwrap()[0]
            .clone();
        let bad = app
            .post_form(
                &format!("{path}/members"),
                Some(&s),
                &[
                    ("person_id", &person.id.to_string()),
                    ("role", "leader"),
                    ("from", "21/11/2026"),
                    ("until", "01/01/2026"),
                ],
                true,
            )
            .await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body_text(bad).await.contains("Đến ngày"));
        let ok = app
            .post_form(
                &format!("{path}/members"),
                Some(&s),
                &[
                    ("person_id", &person.id.to_string()),
                    ("role", "leader"),
                    ("from", "21/11/2026"),
                ],
                true,
            )
            .await;
        assert_eq!(ok.status(), StatusCode::SEE_OTHER);
        let page = body_text(app.get(&path, Some(&s)).await).await;
        assert!(page.contains(&person.full_name));
        assert!(page.contains("Trường THCS Cam Đường"));
        let guard = app.login("baove").await;
        assert_eq!(
            app.get("/teams/new", Some(&guard)).await.status(),
            StatusCode::FORBIDDEN
        );
    }
}
