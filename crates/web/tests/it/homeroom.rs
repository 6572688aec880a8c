//! The homeroom teacher's class: who has not signed, attended or handed in
//! a contest, by name, and nobody else's class.

use axum::http::StatusCode;

use antt_core::Actor;

use crate::support::{apps, body_text};

#[tokio::test]
async fn a_homeroom_teacher_sees_who_in_their_class_is_behind() {
    for app in apps().await {
        let cdlc = app.unit("CDLC").await;
        let cli = Actor::command_line();
        let teacher = app.login("gvcn").await;
        let teacher_actor = app
            .antt
            .auth()
            .login(
                "gvcn",
                antt_core::demo::DEMO_PASSWORD,
                antt_core::auth::Client::default(),
            )
            .await
            .map(|s| Actor::from_user(&s.user))
            .unwrap();
        let page = body_text(app.get("/my-class", Some(&teacher)).await).await;
        let mine = app
            .antt
            .homeroom()
            .my_classes(&teacher_actor, cdlc)
            .await
            .unwrap();
        let class = mine.first().expect("the demo's teacher leads a class");
        assert!(
            page.contains(&format!("Lớp chủ nhiệm: {}", class.name)),
            "{page}"
        );
        // No campaign yet in 2027: the column says so instead of counting.
        assert!(page.contains("đơn vị chưa mở đợt ký"), "{page}");
        let students = app
            .antt
            .sessions()
            .attendance_list(&cli, cdlc, Some(class.id), None)
            .await
            .unwrap();
        assert!(!students.is_empty());
        assert!(page.contains(&students[0].full_name), "{page}");

        // The campaign opens and one student signs: the count drops by one.
        app.antt
            .commitments()
            .start(
                &cli,
                cdlc,
                2027,
                antt_domain::commitment::CommitmentInput::default_for(2027),
            )
            .await
            .unwrap();
        let ids: Vec<_> = students.iter().map(|p| p.id).collect();
        app.antt
            .commitments()
            .record_paper_signatures(&cli, cdlc, 2027, &ids, &ids[..1])
            .await
            .unwrap();
        let standing = app
            .antt
            .homeroom()
            .class(&cli, cdlc, class.id, 2027)
            .await
            .unwrap();
        assert_eq!(standing.not_signed(), students.len() - 1);
        let page = body_text(
            app.get(
                &format!("/my-class?class={}&behind=1", class.id),
                Some(&teacher),
            )
            .await,
        )
        .await;
        assert!(page.contains("Chưa ký cam kết"), "{page}");
        assert!(
            page.contains("Chưa ký</span>") && page.contains("Đã ký</span>"),
            "{page}"
        );
        // The teacher's home names the class and what is missing.
        let home = body_text(app.get("/", Some(&teacher)).await).await;
        assert!(
            home.contains(&format!(
                "{}: {} chưa ký cam kết",
                class.name,
                students.len() - 1
            )),
            "{home}"
        );

        // Another class is not theirs; a student and a guard have no class.
        let other = app
            .antt
            .org()
            .structure(&cli, cdlc)
            .await
            .unwrap()
            .classes
            .iter()
            .find(|c| !mine.iter().any(|m| m.id == c.id))
            .cloned()
            .unwrap();
        let r = app
            .get(&format!("/my-class?class={}", other.id), Some(&teacher))
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        for who in ["sinhvien", "baove"] {
            let s = app.login(who).await;
            let r = app.get("/my-class", Some(&s)).await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{who}");
        }
        // The office follows the whole unit and may open any class.
        let office = app.login("vanphong").await;
        let r = app
            .get(&format!("/my-class?class={}", other.id), Some(&office))
            .await;
        assert_eq!(r.status(), StatusCode::OK);
    }
}
