//! Patrols and visitors on the screens: a guard's scan recorded and a
//! replaced label refused in Vietnamese; the office's night with its
//! missed round and the labels as PDF and Word; visitors in and out, and a
//! barred one refused.

use axum::http::{StatusCode, header};

use antt_domain::patrol::label_text;

use crate::support::{apps, body_text};

#[tokio::test]
async fn a_guard_scans_checkpoints_and_the_office_reads_the_night() {
    for app in apps().await {
        let guard = app.login("baove").await;
        let office = app.login("vanphong").await;
        let cdlc = app.unit("CDLC").await;
        let office_actor = antt_core::Actor::command_line();
        let points = app
            .antt
            .patrols()
            .checkpoints(&office_actor, cdlc)
            .await
            .unwrap();
        let a1 = points.iter().find(|c| c.code == "A1").unwrap();
        let label = label_text("http://antt.test", &a1.code, &a1.secret);

        // The phone's own camera app opened the label: the page holds it.
        let page = body_text(
            app.get(
                &format!("/gate/scan?c={}&k={}", a1.code, a1.secret),
                Some(&guard),
            )
            .await,
        )
        .await;
        assert!(page.contains("Đã đọc nhãn"), "{page}");
        assert!(page.contains("/static/jsQR.js"), "the vendored reader");
        let r = app
            .post_form("/gate/scan", Some(&guard), &[("label", &label)], true)
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let to = r.headers()[header::LOCATION].to_str().unwrap().to_owned();
        let done = body_text(app.get(&to, Some(&guard)).await).await;
        assert!(done.contains("Đã ghi nhận: <b>A1 – Cổng chính"), "{done}");

        // A copy of a label printed again is refused, saying why.
        let copy = label_text("http://antt.test", &a1.code, "ZZZZ2222");
        let r = app
            .post_form("/gate/scan", Some(&guard), &[("label", &copy)], true)
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = body_text(r).await;
        assert!(page.contains("không phải nhãn đang dán"), "{page}");

        // The office reads the demo's last night with its missed round.
        let night = body_text(app.get("/patrol?night=2026-11-20", Some(&office)).await).await;
        assert!(
            night.contains("1 lượt tuần tra bị bỏ hoặc thiếu điểm"),
            "{night}"
        );
        assert!(night.contains("Thiếu: A3 – Nhà để xe sinh viên"), "{night}");
        // A joint patrol with the ward police, three nights before.
        let joint = body_text(app.get("/patrol?night=2026-11-17", Some(&office)).await).await;
        assert!(joint.contains("Công an phường Cốc Lếu"), "{joint}");

        // Labels for printing.
        let pdf = app
            .get("/patrol/labels?format=pdf&code=A1&code=A2", Some(&office))
            .await;
        assert_eq!(pdf.status(), StatusCode::OK);
        assert_eq!(pdf.headers()[header::CONTENT_TYPE], "application/pdf");
        assert!(body_text(pdf).await.starts_with("%PDF-1.4"));
        let docx = app.get("/patrol/labels?format=docx", Some(&office)).await;
        assert_eq!(docx.status(), StatusCode::OK);
        assert_eq!(
            app.get("/patrol/labels?format=pdf", Some(&guard))
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
        let points_page = body_text(app.get("/patrol/checkpoints", Some(&office)).await).await;
        assert!(points_page.contains("Tải nhãn PDF") && points_page.contains("Trạm biến áp"));
        // The office's home: last night's missed round and tonight's cover.
        let home = body_text(app.get("/", Some(&office)).await).await;
        assert!(
            home.contains("Tuần tra đêm qua") && home.contains("1 lượt"),
            "{home}"
        );
        assert!(home.contains("Ca trực đêm nay"), "{home}");
        // The guard's home: the round and the shift log.
        let home = body_text(app.get("/", Some(&guard)).await).await;
        assert!(
            home.contains("Tuần tra") && home.contains("/gate/scan"),
            "{home}"
        );
        // Readiness (of the year ended 15/11) shows the force's record
        // beside its rating: the demo's nights of 14 and 15/11.
        let readiness = body_text(app.get("/assessment?year=2026", Some(&office)).await).await;
        assert!(
            readiness.contains("Kết quả trực, tuần tra năm nay: 16/16 lượt tuần tra quét đủ điểm")
                && readiness.contains("sổ trực ban ghi 2/2 ngày"),
            "{readiness}"
        );
        // A student sees none of it.
        let student = app.login("sinhvien").await;
        assert_eq!(
            app.get("/patrol", Some(&student)).await.status(),
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn visitors_are_let_in_and_out_and_a_barred_one_is_refused() {
    for app in apps().await {
        let guard = app.login("baove").await;
        let office = app.login("vanphong").await;
        let page = body_text(app.get("/gate/visitors", Some(&guard)).await).await;
        assert!(page.contains("Đỗ Thị Hạnh"), "the demo's visitor inside");
        let campus = page
            .split("name=\"campus\"><option value=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap()
            .to_owned();
        let r = app
            .post_form(
                "/gate/visitors",
                Some(&guard),
                &[
                    ("campus", &campus),
                    ("name", "Trần Thị Hoa"),
                    ("document", "id_card"),
                    ("number", "001203004321"),
                    ("visiting", "Phòng Đào tạo"),
                    ("plate", ""),
                ],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = body_text(app.get("/gate/visitors", Some(&guard)).await).await;
        assert!(
            page.contains("Trần Thị Hoa") && page.contains("…4321"),
            "{page}"
        );
        assert!(!page.contains("001203004321"), "never the whole number");
        let r = app
            .post_form(
                "/gate/visitors",
                Some(&guard),
                &[
                    ("campus", &campus),
                    ("name", "Nguyễn Văn Tú"),
                    ("document", "id_card"),
                    ("number", ""),
                    ("visiting", "Gặp bạn"),
                ],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            body_text(r)
                .await
                .contains("danh sách không cho vào trường")
        );
        // The office sees yesterday's visitor who stayed past closing.
        let yesterday = antt_domain::time::local_date(app.antt.now()) - chrono::Duration::days(1);
        let day = body_text(
            app.get(&format!("/gate/visitors?day={yesterday}"), Some(&office))
                .await,
        )
        .await;
        assert!(
            day.contains("Còn trong trường lúc đóng cổng 22:00 (1)"),
            "{day}"
        );
        assert!(day.contains("Cài đặt cổng trường"));
    }
}

#[tokio::test]
async fn the_api_gives_posts_roster_log_and_nights_and_takes_a_guards_scans() {
    for app in apps().await {
        let office = app.token("vanphong").await;
        let guard = app.token("baove").await;
        let (status, posts) = app
            .api("GET", "/api/v1/duty/posts", Some(&office), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{posts}");
        assert_eq!(posts.as_array().unwrap().len(), 6);
        let (status, roster) = app
            .api(
                "GET",
                "/api/v1/duty/roster?month=2026-11",
                Some(&office),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{roster}");
        assert_eq!(roster["state"], "published");
        // 14 a day, and 24/11's three reinforcement shifts.
        let shifts = roster["shifts"].as_array().unwrap();
        assert_eq!(shifts.len(), 30 * 14 + 3);
        assert_eq!(
            shifts.iter().filter(|s| s["reinforcement"] == true).count(),
            3
        );
        let campus = posts[0]["campus"].as_str().unwrap().to_owned();
        let (status, log) = app
            .api(
                "GET",
                &format!("/api/v1/gate/log?campus={campus}&day=2026-11-18"),
                Some(&office),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{log}");
        // The three shifts begun that day, and the night shift from the
        // evening before.
        assert_eq!(log.as_array().unwrap().len(), 4, "{log}");
        let (status, night) = app
            .api(
                "GET",
                "/api/v1/patrol/night?night=2026-11-20",
                Some(&office),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{night}");
        assert_eq!(night["missed"], 1);
        assert_eq!(night["rounds"][0]["due"][2]["status"], "incomplete");
        assert_eq!(
            night["rounds"][0]["due"][2]["missing"],
            serde_json::json!(["A3", "A4", "A5"])
        );

        // A guard's device sends a scan kept offline, then sends it again.
        let cdlc = app.unit("CDLC").await;
        let points = app
            .antt
            .patrols()
            .checkpoints(&antt_core::Actor::command_line(), cdlc)
            .await
            .unwrap();
        let b2 = points.iter().find(|c| c.code == "B2").unwrap();
        let at = (app.antt.now() - chrono::Duration::minutes(30)).to_rfc3339();
        let body = serde_json::json!({
            "label": format!("c={}&k={}", b2.code, b2.secret),
            "at": at,
        });
        let (status, scanned) = app
            .api(
                "POST",
                "/api/v1/patrol/scans",
                Some(&guard),
                Some(body.clone()),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{scanned}");
        assert_eq!(scanned["checkpoint"], "B2");
        let (status, again) = app
            .api("POST", "/api/v1/patrol/scans", Some(&guard), Some(body))
            .await;
        assert_eq!(status, StatusCode::OK, "{again}");
        assert_eq!(again["repeated"], true);
        let (status, refused) = app
            .api(
                "POST",
                "/api/v1/patrol/scans",
                Some(&guard),
                Some(serde_json::json!({ "label": "c=B2&k=NOTTHEONE" })),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert_eq!(
            refused["error"]["fields"][0]["code"], "replaced_label",
            "{refused}"
        );
        // The office has no shifts to scan.
        let (status, _) = app
            .api(
                "POST",
                "/api/v1/patrol/scans",
                Some(&office),
                Some(serde_json::json!({ "label": format!("c={}&k={}", b2.code, b2.secret) })),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
}
