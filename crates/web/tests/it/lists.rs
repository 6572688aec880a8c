//! Every list of the movement year exports to a workbook: a plan's tasks,
//! the sessions, the models and teams; on every backend.

use axum::http::StatusCode;

use antt_core::Actor;

use crate::support::{App, Session, apps};

async fn workbook(app: &App, s: &Session, path: &str) -> Vec<Vec<String>> {
    sheets(app, s, path).await.remove(0)
}

async fn sheets(app: &App, s: &Session, path: &str) -> Vec<Vec<Vec<String>>> {
    let r = app.get(path, Some(s)).await;
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    let bytes = axum::body::to_bytes(r.into_body(), usize::MAX)
        .await
        .unwrap();
    let sheets = antt_docgen::read_workbook("x.xlsx", &bytes).unwrap();
    sheets
        .iter()
        .map(|sheet| {
            sheet
                .rows
                .iter()
                .map(|r| r.iter().map(|c| c.text().into_owned()).collect())
                .collect()
        })
        .collect()
}

fn has(rows: &[Vec<String>], text: &str) -> bool {
    rows.iter().flatten().any(|c| c.contains(text))
}

#[tokio::test]
async fn tasks_sessions_and_teams_export_to_excel() {
    for app in apps().await {
        let b = app.backend();
        let s = app.login("vanphong").await;
        let cdlc = app.unit("CDLC").await;
        let plan = app
            .antt
            .plans()
            .of_year(&Actor::command_line(), cdlc, 2026)
            .await
            .unwrap()
            .unwrap();
        let page =
            crate::support::body_text(app.get(&format!("/plans/{}", plan.id), Some(&s)).await)
                .await;
        assert!(page.contains("Xuất nhiệm vụ ra Excel"), "{b}");
        let tasks = workbook(&app, &s, &format!("/plans/{}/tasks/export", plan.id)).await;
        assert!(has(&tasks, "NHIỆM VỤ THEO KẾ HOẠCH NĂM 2026"), "{b}");
        assert!(has(&tasks, "Quá hạn từ"), "{b}: where each task stands");
        assert!(has(&tasks, "Văn phòng"), "{b}");

        let plans = workbook(&app, &s, "/plans/export").await;
        assert!(has(&plans, "Số: 215/KH-CĐLC"), "{b}: {plans:?}");
        assert!(has(&plans, "Đã ban hành"), "{b}");

        let sessions = workbook(&app, &s, "/sessions/export?year=2026").await;
        assert!(has(&sessions, "TUYÊN TRUYỀN, TẬP HUẤN NĂM 2026"), "{b}");
        assert!(has(&sessions, "Công an phường"), "{b}");

        let teams = sheets(&app, &s, "/teams/export").await;
        assert!(has(&teams[0], "Đội phòng cháy chữa cháy"), "{b}");
        assert!(has(&teams[0], "Cụm an ninh"), "{b}");
        // The members: 35 in the fire team alone, each with role and term.
        assert!(has(&teams[1], "THÀNH VIÊN MÔ HÌNH"), "{b}");
        assert!(teams[1].len() > 35 + 3, "{b}");
        assert!(has(&teams[1], "Trưởng"), "{b}");

        // A student reads none of these lists.
        let student = app.login("sinhvien").await;
        let r = app.get("/teams/export", Some(&student)).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    }
}
