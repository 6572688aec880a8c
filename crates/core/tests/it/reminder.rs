//! E-mail reminders against a local SMTP server: one message a day to each
//! person with overdue or due-soon tasks and an address; a refused message
//! is reported and sent on the next run; on every database.

use chrono::Duration;

use antt_mail::Mailer;
use antt_testkit::SmtpSink;

use super::{actor, demos, form_of, unit_id};

#[tokio::test]
async fn the_leader_is_reminded_once_a_day_of_overdue_tasks() {
    let sink = SmtpSink::start().await;
    let mailer = Mailer::new(&sink.url(), "antt <antt@cdlc.edu.vn>").unwrap();
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let before = sink.messages().len();

        // The vice-principal (account "bgh") gives a new address.
        let leader = d
            .antt
            .people()
            .by_code(&office, cdlc, "CB0002")
            .await
            .unwrap();
        let mut form = form_of(&leader);
        form.email = Some("truong.tx@cdlc.edu.vn".into());
        d.antt
            .people()
            .update(&office, cdlc, leader.id, &form)
            .await
            .unwrap();

        // A server that refuses: reported, nothing recorded.
        let down = Mailer::new("smtp://127.0.0.1:9", "antt@cdlc.edu.vn").unwrap();
        let report = d.antt.reminders().send(&down, None).await.unwrap();
        assert_eq!(report.sent, 0);
        assert!(
            report.failed.iter().any(|(user, _)| user == "bgh"),
            "{report:?}"
        );
        // The office account has no person record, hence no address.
        assert!(report.without_address >= 1, "{report:?}");

        let first = d
            .antt
            .reminders()
            .send(&mailer, Some("https://antt.cdlc.edu.vn/"))
            .await
            .unwrap();
        assert!(first.sent >= 1 && first.failed.is_empty(), "{first:?}");
        let got = sink.messages();
        assert_eq!(got.len(), before + first.sent);
        let mail = got
            .iter()
            .find(|m| m.to == ["truong.tx@cdlc.edu.vn"])
            .expect("the leader's reminder");
        let text = mail.decoded();
        assert!(text.contains("Kính gửi Trần Xuân Trường,"), "{text}");
        assert!(text.contains("Kế hoạch thực hiện Phong trào"), "{text}");
        assert!(text.contains("Quá hạn:"), "{text}");
        assert!(text.contains("quá hạn từ"), "{text}");
        assert!(text.contains("https://antt.cdlc.edu.vn/tasks/"), "{text}");
        // The leader reads the guard force's record: last night's round
        // stopped after two checkpoints is in the morning's message.
        assert!(
            text.contains("Tuần tra đêm 20/11/2026 (Trường Cao đẳng Lào Cai)"),
            "{text}"
        );
        assert!(
            text.contains("Tuần tra đêm lúc 02:00: thiếu A3 – Nhà để xe sinh viên"),
            "{text}"
        );
        assert!(
            text.contains("https://antt.cdlc.edu.vn/patrol?night=2026-11-20"),
            "{text}"
        );

        // The same day: nothing twice.
        let again = d.antt.reminders().send(&mailer, None).await.unwrap();
        assert_eq!((again.sent, again.already), (0, first.sent), "{again:?}");
        assert_eq!(sink.messages().len(), before + first.sent);

        // The next day: again.
        d.clock.advance(Duration::days(1));
        let next = d.antt.reminders().send(&mailer, None).await.unwrap();
        assert_eq!(next.sent, first.sent, "{next:?}");
    }
}
