//! The plan screens: the office starts next year's plan and downloads the
//! Word file; a department head reports a task done with evidence; every
//! refusal is a Vietnamese page that changes nothing.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use antt_core::Actor;
use antt_domain::plan::{PlanState, TaskStatus};

use crate::support::{App, BOUNDARY, Session, apps, body_text, multipart};

pub(crate) async fn plan_id(app: &App, year: i32) -> antt_domain::PlanId {
    let cdlc = app.unit("CDLC").await;
    app.antt
        .plans()
        .of_year(&Actor::command_line(), cdlc, year)
        .await
        .unwrap()
        .unwrap()
        .id
}

fn location(r: &axum::http::Response<Body>) -> String {
    r.headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn post_note(
    app: &App,
    s: &Session,
    task: &str,
    fields: &[(&str, &str)],
    file: &[u8],
) -> axum::http::Response<Body> {
    let body = multipart(Some(&s.csrf), fields, "Biên bản ký cam kết.pdf", file);
    let r = Request::post(format!("/tasks/{task}/notes"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::COOKIE, &s.cookie)
        .body(Body::from(body))
        .unwrap();
    app.send(r).await
}

#[tokio::test]
async fn the_office_starts_next_years_plan_and_downloads_this_years() {
    for app in apps().await {
        let s = app.login("vanphong").await;
        let list = body_text(app.get("/plans", Some(&s)).await).await;
        assert!(list.contains("Lập kế hoạch năm 2027"), "{}", app.backend());
        assert!(list.contains("Đã ban hành"));

        // This year's plan as a Word file.
        let id = plan_id(&app, 2026).await;
        let page = body_text(app.get(&format!("/plans/{id}"), Some(&s)).await).await;
        assert!(page.contains("Số: 215/KH-CĐLC"));
        assert!(page.contains("IV. TỔ CHỨC THỰC HIỆN"));
        assert!(page.contains("Quá hạn từ 15/10/2026"));
        assert!(
            !page.contains("Sửa nội dung"),
            "an approved plan's text is fixed"
        );
        let doc = app.get(&format!("/plans/{id}/document"), Some(&s)).await;
        assert_eq!(doc.status(), StatusCode::OK);
        assert_eq!(
            doc.headers()[header::CONTENT_TYPE],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        assert!(
            doc.headers()[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .contains("ke-hoach-2026.docx")
        );
        let bytes = axum::body::to_bytes(doc.into_body(), 1 << 24)
            .await
            .unwrap();
        assert!(bytes.starts_with(b"PK"), "a zip file");

        // Next year's, carried forward, then edited.
        let r = app
            .post_form("/plans", Some(&s), &[("year", "2027")], true)
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let edit = location(&r);
        assert!(edit.ends_with("/edit"), "{edit}");
        let form = body_text(app.get(&edit, Some(&s)).await).await;
        assert!(form.contains("năm 2027"));
        assert!(form.contains("name=\"section_title_4\""));
        let new_id = plan_id(&app, 2027).await;
        let path = format!("/plans/{new_id}");
        let mut fields: Vec<(String, String)> = vec![
            ("issuing_body".into(), "Trường Cao đẳng Lào Cai".into()),
            ("symbol".into(), "KH-CĐLC".into()),
            ("place".into(), "Lào Cai".into()),
            (
                "title".into(),
                "Triển khai thực hiện Phong trào năm 2027".into(),
            ),
            ("signed_on".into(), "31/02/2026".into()),
            ("number".into(), "mười".into()),
            ("section_title_0".into(), "Mục đích, yêu cầu".into()),
            ("section_text_0".into(), "1. Mục đích:\nTriển khai.".into()),
            ("signer_title".into(), "Hiệu trưởng".into()),
            ("signer_name".into(), "Nguyễn Văn Hùng".into()),
        ];
        let refs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let refused = app.post_form(&path, Some(&s), &refs, true).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = body_text(refused).await;
        assert!(html.contains("Ngày ký: Ngày không hợp lệ"), "{html}");
        assert!(html.contains("Số văn bản: Giá trị không hợp lệ."));
        assert!(html.contains("Nguyễn Văn Hùng"), "what was typed stays");
        let unchanged = app
            .antt
            .plans()
            .view(&Actor::command_line(), app.unit("CDLC").await, new_id)
            .await
            .unwrap();
        assert_eq!(
            unchanged.plan.content.sections.len(),
            5,
            "a refused form changes nothing"
        );

        for (k, v) in &mut fields {
            match k.as_str() {
                "signed_on" => *v = "20/12/2026".into(),
                "number" => *v = "7".into(),
                _ => {}
            }
        }
        let refs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let saved = app.post_form(&path, Some(&s), &refs, true).await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let r = app
            .post_form(
                &format!("{path}/state"),
                Some(&s),
                &[("to", "approved")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let view = app
            .antt
            .plans()
            .view(&Actor::command_line(), app.unit("CDLC").await, new_id)
            .await
            .unwrap();
        assert_eq!(view.plan.state, PlanState::Approved);
        assert_eq!(view.plan.content.sections.len(), 1);
        assert_eq!(view.plan.content.number, Some(7));
    }
}

#[tokio::test]
async fn a_plan_without_its_number_is_not_issued() {
    for app in apps().await {
        let s = app.login("vanphong").await;
        let r = app
            .post_form("/plans", Some(&s), &[("year", "2027")], true)
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let id = plan_id(&app, 2027).await;
        let r = app
            .post_form(
                &format!("/plans/{id}/state"),
                Some(&s),
                &[("to", "approved")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = body_text(r).await;
        assert!(html.contains("Số văn bản: Không được để trống."), "{html}");
        assert!(html.contains("Ngày ký: Không được để trống."));
        // Twice the same year is refused.
        let again = app
            .post_form("/plans", Some(&s), &[("year", "2027")], true)
            .await;
        assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
        // A student never sees plans.
        let student = app.login("sinhvien").await;
        assert_eq!(
            app.get("/plans", Some(&student)).await.status(),
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn a_department_head_marks_a_task_done_with_evidence() {
    for app in apps().await {
        let s = app.login("ctsv").await;
        let home = body_text(app.get("/", Some(&s)).await).await;
        assert!(home.contains("Nhiệm vụ cần theo dõi"), "{home}");
        assert!(home.contains("Quá hạn từ 15/10/2026"));
        let cdlc = app.unit("CDLC").await;
        let view = app
            .antt
            .plans()
            .view(&Actor::command_line(), cdlc, plan_id(&app, 2026).await)
            .await
            .unwrap();
        let task = view
            .tasks
            .iter()
            .find(|r| r.task.title.starts_with("Tổ chức cho học sinh"))
            .unwrap()
            .task
            .id;
        let other = view
            .tasks
            .iter()
            .find(|r| r.task.title.starts_with("Bộ phận Truyền thông"))
            .unwrap()
            .task
            .id;

        let page = body_text(app.get(&format!("/tasks/{task}"), Some(&s)).await).await;
        assert!(page.contains("Báo cáo tiến độ"));
        let theirs = body_text(app.get(&format!("/tasks/{other}"), Some(&s)).await).await;
        assert!(
            !theirs.contains("Gửi báo cáo"),
            "no report form on another department's task"
        );
        let refused = post_note(
            &app,
            &s,
            &other.to_string(),
            &[("body", "x"), ("status", "done")],
            b"",
        )
        .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);

        // An empty note is refused and keeps what was typed.
        let empty = post_note(
            &app,
            &s,
            &task.to_string(),
            &[("body", " "), ("link", "ftp://x"), ("status", "done")],
            b"",
        )
        .await;
        assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = body_text(empty).await;
        assert!(html.contains("Không được để trống."));
        assert!(html.contains("ftp://x"));

        let done = post_note(
            &app,
            &s,
            &task.to_string(),
            &[
                ("body", "Đã ký đủ 612/612 HSSV nội trú."),
                ("status", "done"),
                ("link", "/people?boarding=yes"),
            ],
            b"%PDF-1.4 bien ban",
        )
        .await;
        assert_eq!(done.status(), StatusCode::SEE_OTHER);
        let page = body_text(app.get(&format!("/tasks/{task}"), Some(&s)).await).await;
        assert!(page.contains("Đã ký đủ 612/612 HSSV nội trú."));
        assert!(page.contains("Biên bản ký cam kết.pdf"));
        let t = app
            .antt
            .plans()
            .task_view(&Actor::command_line(), cdlc, task)
            .await
            .unwrap();
        assert_eq!(t.row.task.status, TaskStatus::Done);
        let note = t.notes.last().unwrap().id;
        let file = app.get(&format!("/notes/{note}/file"), Some(&s)).await;
        assert_eq!(file.status(), StatusCode::OK);
        let disposition = file.headers()[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            disposition.contains("filename=\"bien-ban-ky-cam-ket.pdf\""),
            "{disposition}"
        );
        assert!(
            disposition.contains("filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n"),
            "{disposition}"
        );
        // The office of another school cannot fetch it.
        let other_school = app.login("thcs.vanphong").await;
        assert_eq!(
            app.get(&format!("/notes/{note}/file"), Some(&other_school))
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn the_office_adds_a_task_and_each_refusal_says_why() {
    for app in apps().await {
        let s = app.login("vanphong").await;
        let id = plan_id(&app, 2026).await;
        let form = body_text(app.get(&format!("/plans/{id}/tasks/new"), Some(&s)).await).await;
        assert!(form.contains("Đơn vị phối hợp"), "{}", app.backend());
        let path = format!("/plans/{id}/tasks");
        let refused = app
            .post_form(
                &path,
                Some(&s),
                &[
                    ("section", "2"),
                    ("title", "Tổ chức cuộc thi tìm hiểu pháp luật"),
                    ("due_on", "01/03/2027"),
                    ("recurrence", "monthly"),
                ],
                true,
            )
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = body_text(refused).await;
        assert!(html.contains("nằm ngoài năm phong trào"), "{html}");
        assert!(html.contains("Chọn thời hạn hoặc lặp lại, không chọn cả hai."));
        assert!(
            html.contains("Tổ chức cuộc thi tìm hiểu pháp luật"),
            "what was typed stays"
        );
        let cdlc = app.unit("CDLC").await;
        let before = app
            .antt
            .plans()
            .view(&Actor::command_line(), cdlc, id)
            .await
            .unwrap()
            .tasks
            .len();
        assert_eq!(before, 11, "a refused form adds nothing");
        let created = app
            .post_form(
                &path,
                Some(&s),
                &[
                    ("section", "2"),
                    ("title", "Tổ chức cuộc thi tìm hiểu pháp luật"),
                    ("due_on", "30/04/2026"),
                ],
                true,
            )
            .await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER);
        let task = location(&created);
        let edit = body_text(app.get(&format!("{task}/edit"), Some(&s)).await).await;
        assert!(edit.contains("30/04/2026"));
        let page = body_text(app.get(&format!("/plans/{id}"), Some(&s)).await).await;
        assert!(page.contains("Tổ chức cuộc thi tìm hiểu pháp luật"));
    }
}

/// A report whose body was cut short on the way (the file half sent) is
/// refused whole with a sentence that says so: before, the reader stopped
/// at the break and saved the note without its evidence.
#[tokio::test]
async fn a_form_cut_short_on_the_way_saves_nothing_and_says_so() {
    for app in apps().await {
        let b = app.backend();
        let s = app.login("ctsv").await;
        let cdlc = app.unit("CDLC").await;
        let view = app
            .antt
            .plans()
            .view(&Actor::command_line(), cdlc, plan_id(&app, 2026).await)
            .await
            .unwrap();
        let task = view
            .tasks
            .iter()
            .find(|r| r.task.title.starts_with("Tổ chức cho học sinh"))
            .unwrap()
            .task
            .id;
        let before = app
            .antt
            .plans()
            .task_view(&Actor::command_line(), cdlc, task)
            .await
            .unwrap()
            .notes
            .len();
        let mut body = multipart(
            Some(&s.csrf),
            &[("body", "Đã ký đủ, biên bản kèm theo."), ("status", "done")],
            "Biên bản.pdf",
            &[b'%'; 4096],
        );
        // The connection broke in the middle of the file: no closing boundary.
        body.truncate(body.len() - 2048);
        let r = Request::post(format!("/tasks/{task}/notes"))
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .header(header::COOKIE, &s.cookie)
            .body(Body::from(body))
            .unwrap();
        let r = app.send(r).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        let html = body_text(r).await;
        assert!(html.contains("không trọn vẹn"), "{b}: {html}");
        let after = app
            .antt
            .plans()
            .task_view(&Actor::command_line(), cdlc, task)
            .await
            .unwrap();
        assert_eq!(after.notes.len(), before, "{b}: nothing saved");
        assert_ne!(after.row.task.status, TaskStatus::Done, "{b}");
    }
}
