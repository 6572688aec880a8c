//! The dormitories' days: visitors logged in and out (four digits of a
//! document kept, the list of people not let in honoured, one still
//! inside at closing time listed), and room checks (a score, a photo, a
//! breach recorded as a violation in the same write, the rooms due and
//! the month's ranking), with the refusals that change nothing.

use chrono::{Duration, NaiveDate};

use antt_core::CoreError;
use antt_core::dorm::checks::CheckForm;
use antt_core::dorm::visits::VisitForm;
use antt_domain::ErrorCode;
use antt_domain::incident::{Discipline, ViolationKind};

use super::{actor, demos, photo, unit_id};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn invalid(e: &CoreError) -> Option<(&'static str, ErrorCode)> {
    match e {
        CoreError::Invalid(v) => v.iter().next().map(|x| (x.field, x.code)),
        _ => None,
    }
}

#[tokio::test]
async fn visitors_are_logged_in_and_out_and_one_still_inside_at_closing_is_listed() {
    for d in demos().await {
        let head = actor(&d.antt, "ctsv").await;
        let office = actor(&d.antt, "vanphong").await;
        let student = actor(&d.antt, "sinhvien").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let dorms = d.antt.dorms();

        let last = dorms
            .visits(&head, cdlc, today() - Duration::days(1))
            .await
            .unwrap();
        let late: Vec<_> = last.inside_at_closing().collect();
        assert_eq!(late.len(), 1, "{late:?}");
        assert_eq!(late[0].visit.name, "Sùng Văn Dình");
        assert!(late[0].resident.is_some() && !late[0].room.is_empty());
        let now = dorms.visits(&head, cdlc, today()).await.unwrap();
        let before = now.visits.len();
        assert!(now.visits.iter().any(|v| v.visit.left_at.is_none()));

        let form = VisitForm {
            resident: "SV1700001".into(),
            name: "Lò Thị Dung".into(),
            relation: "Mẹ".into(),
            document: "id_card".into(),
            number: "010 203 004 567".into(),
        };
        let id = dorms.admit_visitor(&head, cdlc, &form).await.unwrap();
        let now = dorms.visits(&head, cdlc, today()).await.unwrap();
        let v = now.visits.iter().find(|v| v.visit.id == id).unwrap();
        assert_eq!(v.visit.document_number, "4567");
        assert_eq!(v.resident.as_ref().unwrap().code, "SV1700001");
        dorms.visitor_left(&head, cdlc, id).await.unwrap();
        assert!(matches!(
            dorms.visitor_left(&head, cdlc, id).await,
            Err(CoreError::NotFound)
        ));

        // Refusals change nothing: no relation, someone who does not live
        // in the dormitories, a student, a person not let in.
        let e = dorms
            .admit_visitor(
                &head,
                cdlc,
                &VisitForm {
                    relation: " ".into(),
                    ..form.clone()
                },
            )
            .await
            .unwrap_err();
        assert_eq!(invalid(&e), Some(("relation", ErrorCode::Required)));
        let e = dorms
            .admit_visitor(
                &head,
                cdlc,
                &VisitForm {
                    resident: "NOPE-1".into(),
                    ..form.clone()
                },
            )
            .await
            .unwrap_err();
        assert_eq!(invalid(&e), Some(("resident", ErrorCode::NotFound)));
        assert!(matches!(
            dorms.admit_visitor(&student, cdlc, &form).await,
            Err(CoreError::Forbidden)
        ));
        d.antt
            .visitors()
            .bar(
                &office,
                cdlc,
                "Lò Thị Dung",
                "4567",
                "Gây rối tại ký túc xá ngày 10/11",
            )
            .await
            .unwrap();
        let e = dorms.admit_visitor(&head, cdlc, &form).await.unwrap_err();
        assert_eq!(invalid(&e), Some(("name", ErrorCode::Barred)));
        let now = dorms.visits(&head, cdlc, today()).await.unwrap();
        assert_eq!(now.visits.len(), before + 1);
        // Students do not read the log.
        assert!(matches!(
            dorms.visits(&student, cdlc, today()).await,
            Err(CoreError::Forbidden)
        ));
    }
}

#[tokio::test]
async fn a_room_check_scores_the_room_records_a_breach_and_ranks_the_month() {
    for d in demos().await {
        let head = actor(&d.antt, "ctsv").await;
        let leader = actor(&d.antt, "sinhvien").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let dorms = d.antt.dorms();

        // The demo: a month's ranking, the girls' top floor due, and
        // yesterday's rice cooker recorded against its owner.
        let month = dorms.checks(&head, cdlc, today()).await.unwrap();
        assert!(month.ranking.len() > 50, "{}", month.ranking.len());
        assert_eq!(month.ranking[0].0.place, 1);
        assert!(
            month
                .ranking
                .windows(2)
                .all(|w| w[0].0.average >= w[1].0.average)
        );
        assert!(!month.due.is_empty());
        assert!(
            month.due.iter().all(|r| r.label.contains("B3")),
            "{:?}",
            month.due.iter().map(|r| &r.label).collect::<Vec<_>>()
        );
        let cooker = month
            .checks
            .iter()
            .find(|c| !c.breaches.is_empty())
            .expect("the demo's breach");
        assert_eq!(cooker.check.day, today() - Duration::days(1));
        let office = actor(&d.antt, "vanphong").await;
        let violations = d.antt.incidents().violations(&office, 2027).await.unwrap();
        let recorded = violations
            .iter()
            .find(|v| v.violation.id == cooker.breaches[0].1)
            .expect("the breach is in the register");
        assert_eq!(recorded.violation.input.kind, ViolationKind::InternalRules);
        assert_eq!(recorded.violation.input.discipline, Discipline::Reminder);

        // The room leader's own room: its checks, not the month's page.
        let rooms = dorms.my_rooms(&leader, cdlc).await.unwrap();
        let room = rooms[0].0.id;
        assert!(
            !dorms
                .checks_of_room(&leader, cdlc, room)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(matches!(
            dorms.checks(&leader, cdlc, today()).await,
            Err(CoreError::Forbidden)
        ));
        let resident = dorms.room(&head, cdlc, room).await.unwrap().residents[1]
            .person
            .code
            .clone();

        // A check with a photo and a breach.
        let form = CheckForm {
            day: today().to_string(),
            failed: vec![0, 4],
            note: "Có vỏ chai bia dưới gầm giường.".into(),
            photos: vec![photo()],
            breach: vec![resident.clone()],
            discipline: "reprimand".into(),
        };
        let id = dorms
            .record_check(&head, cdlc, room, form.clone())
            .await
            .unwrap();
        let c = dorms.check(&head, cdlc, id).await.unwrap();
        assert_eq!((c.check.score(), c.check.out_of()), (65, 100));
        assert_eq!(c.check.photos, 1);
        assert_eq!(c.breaches.len(), 1);
        assert_eq!(c.breaches[0].0.code, resident);
        let jpeg = dorms.check_photo(&head, cdlc, id, 0).await.unwrap();
        assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);
        let leader_sees = dorms.check(&leader, cdlc, id).await.unwrap();
        assert_eq!(leader_sees.check.id, id);

        // Refusals write nothing: a breach with every item passed, a
        // breach against someone not in the room, an item not on the
        // list, a day to come, a student checking, a picture that is not.
        let count = dorms.checks_of_room(&head, cdlc, room).await.unwrap().len();
        let cases = [
            (
                CheckForm {
                    failed: Vec::new(),
                    ..form.clone()
                },
                ("breach", ErrorCode::NotAllowed),
            ),
            (
                CheckForm {
                    breach: vec!["SV9999999".into()],
                    ..form.clone()
                },
                ("breach", ErrorCode::NotFound),
            ),
            (
                CheckForm {
                    failed: vec![99],
                    breach: Vec::new(),
                    ..form.clone()
                },
                ("failed", ErrorCode::Invalid),
            ),
            (
                CheckForm {
                    day: (today() + Duration::days(1)).to_string(),
                    ..form.clone()
                },
                ("day", ErrorCode::InFuture),
            ),
            (
                CheckForm {
                    photos: vec![b"not a picture".to_vec()],
                    ..form.clone()
                },
                ("photos", ErrorCode::UnreadableFile),
            ),
        ];
        for (bad, expected) in cases {
            let e = dorms
                .record_check(&head, cdlc, room, bad)
                .await
                .unwrap_err();
            assert_eq!(invalid(&e), Some(expected));
        }
        assert!(matches!(
            dorms.record_check(&leader, cdlc, room, form.clone()).await,
            Err(CoreError::Forbidden)
        ));
        assert_eq!(
            dorms.checks_of_room(&head, cdlc, room).await.unwrap().len(),
            count
        );

        // The checklist is the unit's own; old checks keep theirs.
        dorms
            .save_check_settings(&head, cdlc, "14", "50 | Sạch sẽ\n50 | Không có đồ cấm")
            .await
            .unwrap();
        let e = dorms
            .save_check_settings(&head, cdlc, "0", "")
            .await
            .unwrap_err();
        assert!(matches!(e, CoreError::Invalid(_)));
        let settings = dorms.check_settings(&head, cdlc).await.unwrap();
        assert_eq!((settings.every_days, settings.checklist.len()), (14, 2));
        assert_eq!(
            dorms
                .check(&head, cdlc, id)
                .await
                .unwrap()
                .check
                .answers
                .len(),
            8
        );
    }
}
