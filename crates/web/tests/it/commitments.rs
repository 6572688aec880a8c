//! The commitment screens: a student signs on a phone-sized page, a teacher
//! records a class's paper signatures.

use axum::http::StatusCode;

use antt_core::Actor;

use crate::support::{apps, body_text};

#[tokio::test]
async fn a_student_signs_and_a_teacher_records_paper() {
    for app in apps().await {
        let student = app.login("sinhvien").await;
        // The page shows the current movement year, as every page does;
        // its campaign is not open yet, and the closed year is one link away.
        let page = body_text(app.get("/commitments", Some(&student)).await).await;
        assert!(page.contains("Cam kết năm 2027"), "{page}");
        assert!(page.contains("chưa mở đợt ký cam kết năm 2027"), "{page}");
        assert!(page.contains("href=\"/commitments?year=2026\""), "{page}");
        let page = body_text(app.get("/commitments?year=2026", Some(&student)).await).await;
        assert!(page.contains("Cam kết năm 2026"), "{page}");
        assert!(!page.contains("Chưa ký ("), "a student sees no lists");
        // 2026 closed on 15/11: no button, and a sign sent anyway is refused.
        assert!(page.contains("Năm 2026 đã khép lại"), "{page}");
        assert!(!page.contains("Tôi cam kết thực hiện</button>"));
        let late = app
            .post_form("/commitments/sign?year=2026", Some(&student), &[], true)
            .await;
        assert_eq!(late.status(), StatusCode::UNPROCESSABLE_ENTITY);
        // This year's campaign is signed, once.
        let cdlc = app.unit("CDLC").await;
        app.antt
            .commitments()
            .start(
                &Actor::command_line(),
                cdlc,
                2027,
                antt_domain::commitment::CommitmentInput::default_for(2027),
            )
            .await
            .unwrap();
        let r = app
            .post_form("/commitments/sign?year=2027", Some(&student), &[], true)
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = body_text(app.get("/commitments", Some(&student)).await).await;
        assert!(page.contains("Cam kết năm 2027") && page.contains("Bạn đã ký bản cam kết này."));
        let again = app
            .post_form("/commitments/sign?year=2027", Some(&student), &[], true)
            .await;
        assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);

        let teacher = app.login("gvcn").await;
        // The closed year's lists stay readable, but take no paper.
        let page = body_text(app.get("/commitments?year=2026", Some(&teacher)).await).await;
        assert!(page.contains("Chưa ký ("));
        assert!(!page.contains("Ghi chữ ký trên giấy theo lớp"), "{page}");
        let page = body_text(app.get("/commitments", Some(&teacher)).await).await;
        assert!(page.contains("Ghi chữ ký trên giấy theo lớp"), "{page}");
        let v = app
            .antt
            .commitments()
            .view(&Actor::command_line(), cdlc, 2027)
            .await
            .unwrap()
            .unwrap();
        let class = v.progress.by_class[0].0.unwrap();
        let list = body_text(
            app.get(
                &format!("/commitments/paper?year=2027&class={class}"),
                Some(&teacher),
            )
            .await,
        )
        .await;
        assert!(list.contains("Chữ ký cam kết: lớp"));
        let people = app
            .antt
            .sessions()
            .attendance_list(&Actor::command_line(), cdlc, Some(class), None)
            .await
            .unwrap();
        let form: Vec<(String, String)> = people
            .iter()
            .flat_map(|p| {
                [
                    ("listed".to_owned(), p.id.to_string()),
                    ("signed".to_owned(), p.id.to_string()),
                ]
            })
            .collect();
        let refs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let late = app
            .post_form(
                &format!("/commitments/paper?year=2026&class={class}"),
                Some(&teacher),
                &refs,
                true,
            )
            .await;
        assert_eq!(late.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = app
            .post_form(
                &format!("/commitments/paper?year=2027&class={class}"),
                Some(&teacher),
                &refs,
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let after = app
            .antt
            .commitments()
            .view(&Actor::command_line(), cdlc, 2027)
            .await
            .unwrap()
            .unwrap();
        let share = after
            .progress
            .by_class
            .iter()
            .find(|(c, _)| *c == Some(class))
            .unwrap()
            .1;
        assert!(share.complete(), "{share:?}");
    }
}
