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
            .people()
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
        assert!(
            body_text(bad)
                .await
                .contains("Đến ngày: Ngày kết thúc không được trước ngày bắt đầu.")
        );
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

#[tokio::test]
async fn teams_and_commitments_are_written_through_the_api() {
    use serde_json::json;
    for app in crate::support::apps().await {
        let b = app.backend();
        let office = app.token("vanphong").await;
        let (status, team) = app
            .api(
                "POST",
                "/api/v1/teams",
                Some(&office),
                Some(
                    json!({"kind": "model", "name": "Camera an ninh khu nội trú",
                    "decision_number": "12/QĐ-CĐLC", "decision_date": "2026-09-05",
                    "decision_signer": "Hiệu trưởng"}),
                ),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{b}: {team}");
        assert_eq!(team["status"], "active", "{b}");
        let at = format!("/api/v1/teams/{}", team["id"].as_str().unwrap());

        // A member whose term ends before it starts is refused; nothing changes.
        let cdlc = app.unit("CDLC").await;
        let cli = antt_core::Actor::command_line();
        let class = app.antt.org().structure(&cli, cdlc).await.unwrap().classes[0].id;
        let person = app
            .antt
            .sessions()
            .attendance_list(&cli, cdlc, Some(class), None)
            .await
            .unwrap()[0]
            .id;
        let (status, body) = app
            .api(
                "POST",
                &format!("{at}/members"),
                Some(&office),
                Some(json!({"person_id": person, "role": "leader", "from": "2026-09-05", "until": "2026-01-01"})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {body}");
        let (status, body) = app
            .api(
                "POST",
                &format!("{at}/members"),
                Some(&office),
                Some(json!({"person_id": person, "role": "leader", "from": "2026-09-05"})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{b}: {body}");
        assert_eq!(body["serving"], 1, "{b}");
        let (status, _) = app
            .api(
                "POST",
                &format!("{at}/activities"),
                Some(&office),
                Some(json!({"on": "2026-10-02", "text": "Ra quân đầu năm học"})),
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{b}");
        let (status, body) = app
            .api(
                "PUT",
                &at,
                Some(&office),
                Some(json!({"kind": "model", "name": "Camera an ninh khu nội trú", "status": "effective"})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{b}: {body}");
        assert_eq!(body["status"], "effective", "{b}");
        let (status, _) = app
            .api(
                "PUT",
                &at,
                Some(&office),
                Some(json!({"kind": "squad", "name": "x"})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");

        // The next year's campaign: started once, signed on paper.
        let (status, _) = app
            .api(
                "POST",
                "/api/v1/commitments?year=2027",
                Some(&office),
                Some(json!({})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{b}");
        let (status, _) = app
            .api(
                "POST",
                "/api/v1/commitments?year=2027",
                Some(&office),
                Some(json!({})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: one a year");
        let (status, body) = app
            .api(
                "POST",
                "/api/v1/commitments/paper?year=2027",
                Some(&office),
                Some(json!({"signed": [person]})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{b}: {body}");
        assert_eq!(body["added"], 1, "{b}");
        let student = app.token("sinhvien").await;
        let (status, _) = app
            .api(
                "POST",
                "/api/v1/commitments/sign?year=2027",
                Some(&student),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{b}");
        let (status, body) = app
            .api("GET", "/api/v1/commitments?year=2027", Some(&student), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{b}");
        assert_eq!(body["signed_by_me"], true, "{b}");
        let (status, _) = app
            .api(
                "POST",
                "/api/v1/teams",
                Some(&student),
                Some(json!({"kind": "team", "name": "Đội của em"})),
            )
            .await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "{b}: students do not set up teams"
        );
    }
}

#[tokio::test]
async fn each_unit_keeps_its_own_catalogue_of_types() {
    for app in apps().await {
        let b = app.backend();
        let s = app.login("vanphong").await;
        let page = body_text(app.get("/teams/types", Some(&s)).await).await;
        assert!(
            page.contains("Cổng trường an toàn giao thông"),
            "{b}: built-in types"
        );
        let add = |name: &'static str| {
            let app = &app;
            let s = &s;
            async move {
                app.post_form(
                    "/teams/types",
                    Some(s),
                    &[("kind", "model"), ("name", name)],
                    true,
                )
                .await
            }
        };
        let r = add("Camera an ninh khu nội trú").await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
        let r = add("Camera an ninh khu nội trú").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(
            body_text(r).await.contains("Danh mục đã có loại này."),
            "{b}"
        );

        // A type the demo's platoon uses stays.
        let r = app
            .post_form(
                "/teams/types/remove",
                Some(&s),
                &[("kind", "team"), ("name", "Trung đội tự vệ")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(body_text(r).await.contains("đang được dùng"), "{b}");
        let r = app
            .post_form(
                "/teams/types/remove",
                Some(&s),
                &[("kind", "model"), ("name", "Ban an ninh trường học")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
        let page = body_text(app.get("/teams/new", Some(&s)).await).await;
        assert!(page.contains("Camera an ninh khu nội trú"), "{b}");
        assert!(!page.contains("Ban an ninh trường học"), "{b}");

        // A group takes a type of its kind only.
        let form = |kind: &'static str| {
            [
                ("kind", kind),
                ("name", "Mô hình camera khu B"),
                ("status", "active"),
                ("type_name", "Camera an ninh khu nội trú"),
            ]
        };
        let r = app.post_form("/teams", Some(&s), &form("team"), true).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(
            body_text(r)
                .await
                .contains("Thuộc loại: Không tìm thấy trong đơn vị."),
            "{b}"
        );
        let r = app
            .post_form("/teams", Some(&s), &form("model"), true)
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
        let at = r.headers()["location"].to_str().unwrap().to_owned();
        let page = body_text(app.get(&at, Some(&s)).await).await;
        assert!(page.contains("› Camera an ninh khu nội trú"), "{b}");

        // Another unit's catalogue is untouched.
        let other = app.login("thcs.vanphong").await;
        let page = body_text(app.get("/teams/types", Some(&other)).await).await;
        assert!(page.contains("Ban an ninh trường học"), "{b}");
        assert!(!page.contains("Camera an ninh khu nội trú"), "{b}");
    }
}
