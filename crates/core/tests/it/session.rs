//! Sessions, attendance by list and by QR check-in, and coverage; on every
//! database.

use chrono::Duration;

use antt_core::CoreError;
use antt_domain::ErrorCode;
use antt_domain::session::{AttendanceMethod, Audience, Posts, SessionInput, SessionKind, Topic};

use super::{actor, demos, unit_id};

fn refused(result: Result<impl std::fmt::Debug, CoreError>, field: &str) -> ErrorCode {
    match result {
        Err(CoreError::Invalid(e)) => e
            .for_field(field)
            .unwrap_or_else(|| panic!("no {field} in {e:?}")),
        other => panic!("expected a refusal of {field}, got {other:?}"),
    }
}

#[tokio::test]
async fn a_student_checks_in_once_with_a_short_lived_code() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let student = actor(&d.antt, "sinhvien").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        assert_eq!(
            d.antt
                .sessions()
                .list(&office, cdlc, 2026)
                .await
                .unwrap()
                .len(),
            7
        );
        // On 21/11/2026 this morning's session opens the movement year 2027.
        let year = d.antt.plans().current_year();
        assert_eq!(year, 2027);
        let sessions = d.antt.sessions().list(&office, cdlc, year).await.unwrap();
        let today = sessions
            .iter()
            .find(|r| {
                r.session
                    .title
                    .contains("không gian mạng cho sinh viên nội trú")
            })
            .unwrap();
        assert_eq!(today.attended, 0);
        let before = d
            .antt
            .sessions()
            .coverage(&office, cdlc, year)
            .await
            .unwrap();
        let (code, until) = d
            .antt
            .sessions()
            .open_check_in(&office, cdlc, today.session.id)
            .await
            .unwrap();
        assert_eq!(code.len(), 8);
        assert!(until > d.antt.now());

        // Typed by hand, in lower case with a space, it still works.
        let typed = format!("{} {}", &code[..4].to_lowercase(), &code[4..]);
        let s = d.antt.sessions().check_in(&student, &typed).await.unwrap();
        assert_eq!(s.id, today.session.id);
        assert_eq!(
            refused(d.antt.sessions().check_in(&student, &code).await, "code"),
            ErrorCode::AlreadyRecorded
        );
        let view = d
            .antt
            .sessions()
            .view(&office, cdlc, today.session.id)
            .await
            .unwrap();
        assert_eq!(view.attendees.len(), 1);
        assert_eq!(view.attendees[0].method, AttendanceMethod::CheckIn);
        assert_eq!(view.attendees[0].code, "SV1700001");

        // A user of another unit cannot use it; nor anyone after 15 minutes.
        let other = actor(&d.antt, "thcs.vanphong").await;
        assert_eq!(
            refused(d.antt.sessions().check_in(&other, &code).await, "code"),
            ErrorCode::NotFound
        );
        d.clock.advance(Duration::minutes(16));
        let teacher = actor(&d.antt, "gvcn").await;
        assert_eq!(
            refused(d.antt.sessions().check_in(&teacher, &code).await, "code"),
            ErrorCode::Expired
        );
        assert_eq!(
            refused(
                d.antt.sessions().check_in(&teacher, "ZZZZZZZZ").await,
                "code"
            ),
            ErrorCode::NotFound
        );

        // The new year's coverage counts the student.
        let after = d
            .antt
            .sessions()
            .coverage(&office, cdlc, year)
            .await
            .unwrap();
        assert_eq!(before.coverage.students.reached, 0);
        assert_eq!(after.coverage.students.reached, 1);
    }
}

#[tokio::test]
async fn a_session_in_the_future_takes_no_attendance() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let structure = d.antt.org().structure(&office, cdlc).await.unwrap();
        let class = structure.classes[0].id;
        let input = SessionInput {
            kind: SessionKind::Propaganda,
            title: "Tuyên truyền an toàn giao thông".into(),
            topics: vec![Topic::TrafficSafety],
            topic_note: None,
            organiser: "Văn phòng".into(),
            partner: Some("Công an phường Cam Đường".into()),
            starts_at: d.antt.now() + Duration::days(2),
            place: "Hội trường A".into(),
            audience: Audience {
                everyone: false,
                departments: Vec::new(),
                classes: vec![class],
            },
            outside_count: 0,
            materials: 50,
            posts: Posts::default(),
        };
        let id = d
            .antt
            .sessions()
            .save(&office, cdlc, None, input.clone())
            .await
            .unwrap();
        let list = d
            .antt
            .sessions()
            .attendance_list(&office, cdlc, Some(class), None)
            .await
            .unwrap();
        assert!(!list.is_empty());
        let ids: Vec<_> = list.iter().map(|p| p.id).collect();
        assert_eq!(
            refused(
                d.antt
                    .sessions()
                    .tick_attendance(&office, cdlc, id, &ids, &ids)
                    .await,
                "attendance"
            ),
            ErrorCode::NotStarted
        );
        assert_eq!(
            refused(
                d.antt.sessions().open_check_in(&office, cdlc, id).await,
                "check_in"
            ),
            ErrorCode::WrongState
        );
        assert!(
            d.antt
                .sessions()
                .view(&office, cdlc, id)
                .await
                .unwrap()
                .attendees
                .is_empty()
        );

        // Moved to this morning, it takes the class's list; unticking one
        // removes only that tick.
        let mut moved = input;
        moved.starts_at = d.antt.now() - Duration::hours(1);
        d.antt
            .sessions()
            .save(&office, cdlc, Some(id), moved)
            .await
            .unwrap();
        let (added, removed) = d
            .antt
            .sessions()
            .tick_attendance(&office, cdlc, id, &ids, &ids)
            .await
            .unwrap();
        assert_eq!((added, removed), (ids.len(), 0));
        let (added, removed) = d
            .antt
            .sessions()
            .tick_attendance(&office, cdlc, id, &ids, &ids[1..])
            .await
            .unwrap();
        assert_eq!((added, removed), (0, 1));
        assert_eq!(
            d.antt
                .sessions()
                .view(&office, cdlc, id)
                .await
                .unwrap()
                .attendees
                .len(),
            ids.len() - 1
        );
        // The 2026 year closed on 15/11: its sessions take no ticks and no
        // edits, and no session is recorded into it any more.
        let closed = d.antt.sessions().list(&office, cdlc, 2026).await.unwrap()[0]
            .session
            .id;
        let before = d.antt.sessions().view(&office, cdlc, closed).await.unwrap();
        assert_eq!(
            refused(
                d.antt
                    .sessions()
                    .tick_attendance(&office, cdlc, closed, &ids, &ids)
                    .await,
                "attendance"
            ),
            ErrorCode::YearClosed
        );
        let mut late = before.session.input();
        late.title = "Sửa sau khi năm đã khép lại".into();
        assert_eq!(
            refused(
                d.antt
                    .sessions()
                    .save(&office, cdlc, Some(closed), late.clone())
                    .await,
                "starts_at"
            ),
            ErrorCode::YearClosed
        );
        assert_eq!(
            refused(
                d.antt.sessions().save(&office, cdlc, None, late).await,
                "starts_at"
            ),
            ErrorCode::YearClosed
        );
        let after = d.antt.sessions().view(&office, cdlc, closed).await.unwrap();
        assert_eq!(after.session.title, before.session.title);
        assert_eq!(after.attendees.len(), before.attendees.len());
        // Someone of another unit cannot be ticked in.
        let small = unit_id(&d.antt, "THCSCD").await;
        let theirs = d
            .antt
            .sessions()
            .attendance_list(&antt_core::Actor::command_line(), small, None, None)
            .await
            .unwrap();
        assert!(theirs.is_empty(), "no class and no department lists nobody");
        // A guard records nothing; a student reads no sessions.
        let guard = actor(&d.antt, "baove").await;
        assert!(matches!(
            d.antt
                .sessions()
                .tick_attendance(&guard, cdlc, id, &ids, &ids)
                .await,
            Err(CoreError::Forbidden)
        ));
        let student = actor(&d.antt, "sinhvien").await;
        assert!(matches!(
            d.antt.sessions().list(&student, cdlc, 2026).await,
            Err(CoreError::Forbidden)
        ));
    }
}

#[tokio::test]
async fn coverage_is_true_to_the_attendance() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let c = d
            .antt
            .sessions()
            .coverage(&office, cdlc, 2026)
            .await
            .unwrap();
        let students = c.coverage.students;
        assert!(students.total > 1_900, "{students:?}");
        assert!(
            students.reached * 100 / students.total >= 90,
            "{students:?}"
        );
        assert!(!students.complete(), "the demo leaves some to reach");
        assert_eq!(
            c.not_reached.len(),
            (students.missing() + c.coverage.staff.missing()) as usize
        );
        // The worst class first.
        let first = c.coverage.by_class[0].1;
        let last = c.coverage.by_class.last().unwrap().1;
        assert!(
            u64::from(first.reached) * u64::from(last.total)
                <= u64::from(last.reached) * u64::from(first.total)
        );
        // Another year has no sessions and nobody reached.
        let empty = d
            .antt
            .sessions()
            .coverage(&office, cdlc, 2024)
            .await
            .unwrap();
        assert_eq!(empty.coverage.students.reached, 0);
        assert_eq!(empty.sessions, 0);
    }
}
