//! Patrols and visitors at the gate: the demo's night with one missed
//! round, a guard's scans (kept offline and sent later, a copied label,
//! an unknown one, a time ahead or long past), labels printed again, and
//! visitors let in and out, with a barred one refused.

use chrono::{Duration, NaiveDate};

use antt_core::CoreError;
use antt_core::visitor::VisitorForm;
use antt_domain::ErrorCode;
use antt_domain::patrol::{RoundInput, RoundStatus, label_text};

use super::{actor, demos, unit_id};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn refused(r: Result<impl std::fmt::Debug, CoreError>, field: &str) -> ErrorCode {
    match r {
        Err(CoreError::Invalid(v)) => v.for_field(field).expect("the field refused"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_night_of_rounds_is_proved_by_scans_and_a_missed_round_stands_out() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let guard = actor(&d.antt, "baove").await;
        let student = actor(&d.antt, "sinhvien").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let patrols = d.antt.patrols();

        // The demo's last night (20/11): the main campus's 02:00 round
        // stopped after two of five checkpoints; every other round walked.
        let last = patrols.current_night();
        assert_eq!(last, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
        let night = patrols.night(&office, cdlc, last).await.unwrap();
        assert_eq!(night.rounds.len(), 3);
        assert_eq!(night.missed(), 1);
        let main = &night.rounds[0];
        let statuses: Vec<&RoundStatus> = main.due.iter().map(|d| &d.status).collect();
        assert_eq!(statuses.len(), 4, "22:00, 00:00, 02:00, 04:00");
        match statuses[2] {
            RoundStatus::Incomplete { missing } => {
                let names: Vec<String> =
                    missing.iter().map(|c| night.checkpoint_name(*c)).collect();
                assert_eq!(
                    names,
                    [
                        "A3 – Nhà để xe sinh viên",
                        "A4 – Hành lang nhà học A",
                        "A5 – Trạm biến áp, kho vật tư"
                    ]
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(night.scans.iter().all(|s| s.at < d.antt.now()));
        // The force's record of the movement year so far (16/11 to last
        // night, 20/11): 8 rounds a night on the three campuses, one
        // incomplete; 14 shifts a day, all covered; the log kept daily.
        let y = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let record = patrols
            .force_record(&office, cdlc, y(11, 16), y(11, 16) + Duration::days(364))
            .await
            .unwrap();
        assert_eq!(
            record.since,
            Some(y(11, 16)),
            "the first night of the period with a scan"
        );
        assert_eq!((record.rounds_due, record.rounds_walked), (40, 39));
        assert_eq!((record.shifts, record.shifts_covered), (70, 70));
        assert_eq!((record.days, record.days_logged), (5, 5));
        assert_eq!(
            record.summary().as_deref(),
            Some(
                "39/40 lượt tuần tra quét đủ điểm; 70/70 ca trực có người trực; sổ trực ban ghi 5/5 ngày"
            )
        );
        // A student reads nothing of it.
        assert!(matches!(
            patrols.night(&student, cdlc, last).await,
            Err(CoreError::Forbidden)
        ));

        // Tonight: the guard scans A1 now, and A2 with the time the phone
        // kept it while offline (40 minutes ago).
        d.clock.advance(Duration::hours(15)); // 21/11 23:00
        let points = patrols.checkpoints(&guard, cdlc).await.unwrap();
        let a1 = points.iter().find(|c| c.code == "A1").unwrap().clone();
        let a2 = points.iter().find(|c| c.code == "A2").unwrap().clone();
        let base = "https://antt.cdlc.edu.vn";
        let s = patrols
            .scan(&guard, &label_text(base, &a1.code, &a1.secret), None, "")
            .await
            .unwrap();
        assert_eq!(s.checkpoint.code, "A1");
        assert!(!s.repeated);
        let offline = d.antt.now() - Duration::minutes(40);
        let label = label_text(base, &a2.code, &a2.secret);
        let s = patrols
            .scan(&guard, &label, Some(offline), "Công an phường Cốc Lếu")
            .await
            .unwrap();
        assert_eq!(s.at, offline);
        // The phone sends it again (it never heard back): one scan.
        let again = patrols
            .scan(&guard, &label, Some(offline), "Công an phường Cốc Lếu")
            .await
            .unwrap();
        assert!(again.repeated);
        let tonight = patrols
            .night(&office, cdlc, patrols.current_night())
            .await
            .unwrap();
        assert_eq!(tonight.scans.len(), 2);
        assert!(
            tonight
                .scans
                .iter()
                .any(|s| s.partners == "Công an phường Cốc Lếu")
        );
        // 22:00–00:00 round under way with two of five scanned.
        assert_eq!(
            tonight.rounds[0].due[0].status,
            RoundStatus::Open { scanned: 2 }
        );
        let now = patrols.due_now(&guard, Some(a1.campus_id)).await.unwrap();
        assert_eq!(now.len(), 1);
        assert_eq!(now[0].left.len(), 3);

        // Refused, and nothing written: a code that is no label, a label
        // of no checkpoint, a time ahead, a time long past, a student.
        for (text, at, field, code) in [
            (
                "https://example.com/",
                None,
                "label",
                ErrorCode::UnknownLabel,
            ),
            (
                &label_text(base, "Z9", &a1.secret)[..],
                None,
                "label",
                ErrorCode::UnknownLabel,
            ),
            (
                &label_text(base, &a1.code, "AAAAAAAA")[..],
                None,
                "label",
                ErrorCode::ReplacedLabel,
            ),
            (
                &label[..],
                Some(d.antt.now() + Duration::hours(1)),
                "at",
                ErrorCode::InFuture,
            ),
            (
                &label[..],
                Some(d.antt.now() - Duration::hours(13)),
                "at",
                ErrorCode::Expired,
            ),
        ] {
            assert_eq!(
                refused(patrols.scan(&guard, text, at, "").await, field),
                code,
                "{text}"
            );
        }
        assert!(matches!(
            patrols.scan(&student, &label, None, "").await,
            Err(CoreError::Forbidden)
        ));
        let tonight = patrols
            .night(&office, cdlc, patrols.current_night())
            .await
            .unwrap();
        assert_eq!(tonight.scans.len(), 2, "refused scans leave no trace");

        // The office prints A1's label again: the old one no longer counts.
        patrols
            .update_checkpoint(&office, cdlc, a1.id, true, true)
            .await
            .unwrap();
        assert_eq!(
            refused(
                patrols
                    .scan(&guard, &label_text(base, &a1.code, &a1.secret), None, "")
                    .await,
                "label"
            ),
            ErrorCode::ReplacedLabel
        );
        let fresh = patrols.checkpoints(&office, cdlc).await.unwrap();
        let a1_new = fresh.iter().find(|c| c.code == "A1").unwrap();
        assert_ne!(a1_new.secret, a1.secret);
        patrols
            .scan(
                &guard,
                &label_text(base, "a1", &a1_new.secret.to_lowercase()),
                None,
                "",
            )
            .await
            .expect("the new label, read in any case");

        // Labels as Word and PDF for the office only.
        let docx = patrols
            .labels(&office, cdlc, base, &[], false)
            .await
            .unwrap();
        assert_eq!(docx.file_name, "nhan-diem-tuan-tra-cdlc.docx");
        let pdf = patrols
            .labels(&office, cdlc, base, &["A1".into(), "B2".into()], true)
            .await
            .unwrap();
        assert!(pdf.bytes.starts_with(b"%PDF-1.4"));
        assert!(String::from_utf8_lossy(&pdf.bytes).contains("/Count 1"));
        assert!(matches!(
            patrols.labels(&guard, cdlc, base, &[], false).await,
            Err(CoreError::Forbidden)
        ));

        // A round only over its own campus's checkpoints.
        let b1 = fresh.iter().find(|c| c.code == "B1").unwrap();
        let input = RoundInput::parse(
            a1.campus_id,
            "Tuần tra chiều",
            "17:00",
            "19:00",
            "1",
            vec![a1.id, b1.id],
        )
        .unwrap();
        assert_eq!(
            refused(patrols.add_round(&office, cdlc, input).await, "checkpoints"),
            ErrorCode::NotFound
        );
        assert_eq!(patrols.rounds(&office, cdlc).await.unwrap().len(), 3);

        // History: the main campus's night round taken off this morning
        // (21/11) still judges the night of 20/11 (its missed 02:00 round
        // stays on record), and is not due tonight; a round added today
        // counts from tonight, not for the nights before.
        let before = patrols
            .night(&office, cdlc, day(2026, 11, 20))
            .await
            .unwrap();
        let main = before
            .rounds
            .iter()
            .find(|r| r.round.campus_id == a1.campus_id)
            .unwrap()
            .round
            .clone();
        let missed_before = before.missed();
        assert!(missed_before > 0);
        patrols.remove_round(&office, cdlc, main.id).await.unwrap();
        assert!(
            patrols.remove_round(&office, cdlc, main.id).await.is_err(),
            "once"
        );
        let after = patrols
            .night(&office, cdlc, day(2026, 11, 20))
            .await
            .unwrap();
        assert!(after.rounds.iter().any(|r| r.round.id == main.id));
        assert_eq!(after.missed(), missed_before);
        let tonight = patrols
            .night(&office, cdlc, day(2026, 11, 21))
            .await
            .unwrap();
        assert!(!tonight.rounds.iter().any(|r| r.round.id == main.id));
        assert_eq!(patrols.rounds(&office, cdlc).await.unwrap().len(), 2);
        let input = RoundInput::parse(
            a1.campus_id,
            "Tuần tra mới",
            "23:00",
            "04:00",
            "2",
            vec![a1.id],
        )
        .unwrap();
        let added = patrols.add_round(&office, cdlc, input).await.unwrap();
        let past = patrols
            .night(&office, cdlc, day(2026, 11, 20))
            .await
            .unwrap();
        assert!(!past.rounds.iter().any(|r| r.round.id == added));
        let tonight = patrols
            .night(&office, cdlc, day(2026, 11, 21))
            .await
            .unwrap();
        assert!(tonight.rounds.iter().any(|r| r.round.id == added));
    }
}

#[tokio::test]
async fn visitors_come_and_go_and_a_barred_person_is_refused_at_the_gate() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let guard = actor(&d.antt, "baove").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let visitors = d.antt.visitors();
        let campus = d
            .antt
            .org()
            .structure(&office, cdlc)
            .await
            .unwrap()
            .campuses[0]
            .id;
        let today = antt_domain::time::local_date(d.antt.now());

        // Yesterday's afternoon visitor stayed past 22:00.
        let yesterday = visitors
            .day(&office, cdlc, today - Duration::days(1))
            .await
            .unwrap();
        let late: Vec<&str> = yesterday
            .inside_at_closing()
            .iter()
            .map(|v| v.name.as_str())
            .collect();
        assert_eq!(late.len(), 1, "{late:?}");

        let form = VisitorForm {
            name: "Trần Thị Hoa".into(),
            document: "id_card".into(),
            number: "001 203 004 321".into(),
            visiting: "Phòng Đào tạo – nộp hồ sơ".into(),
            plate: "24b1-123.45".into(),
        };
        let id = visitors.admit(&guard, campus, &form).await.unwrap();
        let day = visitors.day(&guard, cdlc, today).await.unwrap();
        let v = day.visitors.iter().find(|v| v.id == id).unwrap();
        assert_eq!(v.document_number, "4321", "only the last four digits");
        assert_eq!(v.vehicle_plate, "24B1-123.45");
        assert!(v.left_at.is_none());

        // The person on the list, written another way, is refused.
        let before = day.visitors.len();
        let barred = VisitorForm {
            name: "NGUYEN VAN TU".into(),
            number: "034 099 004 567".into(),
            visiting: "Gặp sinh viên".into(),
            ..VisitorForm::default()
        };
        assert_eq!(
            refused(visitors.admit(&guard, campus, &barred).await, "name"),
            ErrorCode::Barred
        );
        let after = visitors.day(&guard, cdlc, today).await.unwrap();
        assert_eq!(after.visitors.len(), before, "nothing written");

        visitors.leave(&guard, id).await.unwrap();
        assert!(visitors.leave(&guard, id).await.is_err(), "left once");

        // The unit turns full numbers on; the office takes the person off
        // the list.
        visitors
            .save_settings(&office, cdlc, true, "21:30")
            .await
            .unwrap();
        let list = visitors.barred(&office, cdlc).await.unwrap();
        assert_eq!(list.len(), 1);
        visitors.unbar(&office, cdlc, list[0].id).await.unwrap();
        let id = visitors.admit(&guard, campus, &barred).await.unwrap();
        let day = visitors.day(&office, cdlc, today).await.unwrap();
        assert_eq!(day.settings.closing.format("%H:%M").to_string(), "21:30");
        let v = day.visitors.iter().find(|v| v.id == id).unwrap();
        assert_eq!(v.document_number, "034099004567");
        // The guard neither keeps the list nor the settings.
        assert!(matches!(
            visitors.bar(&guard, cdlc, "Ai đó", "", "lý do").await,
            Err(CoreError::Forbidden)
        ));
        assert!(matches!(
            visitors.save_settings(&guard, cdlc, false, "22:00").await,
            Err(CoreError::Forbidden)
        ));
    }
}

#[tokio::test]
async fn last_nights_missed_round_goes_once_through_the_webhook() {
    let (url, hooks) = super::tip::hook_receiver();
    for d in demos().await {
        // Without a webhook, nothing is queued.
        assert_eq!(d.antt.reminders().report_missed_rounds().await.unwrap(), 0);
        let antt = d.antt.clone().with_webhook(
            antt_mail::hook::Webhook::new(&url, "bí mật chung").unwrap(),
            Some("https://antt.cdlc.edu.vn".into()),
        );
        // 21/11 08:00: the night of 20/11 had its 02:00 round stopped
        // after two checkpoints; reported once, however often it runs.
        assert_eq!(antt.reminders().report_missed_rounds().await.unwrap(), 1);
        assert_eq!(antt.reminders().report_missed_rounds().await.unwrap(), 0);
        antt.tips().deliver_notices(None, None).await.unwrap();
        let (body, signature) = (0..50)
            .find_map(|_| {
                hooks
                    .recv_timeout(std::time::Duration::from_millis(100))
                    .ok()
                    .filter(|(b, _)| b.contains("patrol.missed"))
            })
            .expect("the missed round's call");
        assert!(!signature.is_empty());
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["unit"], "CDLC");
        assert_eq!(json["night"], "2026-11-20");
        assert_eq!(
            json["link"],
            "https://antt.cdlc.edu.vn/patrol?night=2026-11-20"
        );
        let rounds = json["rounds"].as_array().unwrap();
        assert_eq!(rounds.len(), 1, "{json}");
        assert!(rounds[0].as_str().unwrap().contains("thiếu A3"), "{json}");
    }
}
