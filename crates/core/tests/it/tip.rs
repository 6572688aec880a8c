//! Tips: sent anonymously with a receipt, followed and answered with the
//! code alone; read only by handlers, each read audited; moved through
//! their states by the rules; sealed at rest; on every database.

use chrono::Duration;

use antt_core::CoreError;
use antt_core::tip::InboxView;
use antt_domain::ErrorCode;
use antt_domain::tip::{
    Author, NoticeKind, StateChange, TipCategory, TipChannel, TipInput, TipState,
};

use super::{actor, demos, unit_id};

const SECRET_TEXT: &str = "Có người bán ma túy sau nhà xe khu B lúc 21 giờ";
const SECRET_CONTACT: &str = "Zalo 0987 654 321";

fn input(anonymous: bool) -> TipInput {
    TipInput {
        channel: TipChannel::Portal,
        category: TipCategory::Drugs,
        urgent: false,
        anonymous,
        description: SECRET_TEXT.into(),
        place: Some("Nhà xe khu B".into()),
        campus_id: None,
        occurred_at: None,
        contact: Some(SECRET_CONTACT.into()),
    }
}

#[tokio::test]
async fn an_anonymous_reporter_follows_the_tip_with_the_code_and_answers() {
    for d in demos().await {
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let sent = d
            .antt
            .tips()
            .submit(cdlc, input(true), Vec::new(), Some("k1"))
            .await
            .unwrap();
        assert_eq!(sent.receipt.len(), 16, "{}", d.t.backend);
        assert!(sent.receipt.chars().all(|c| c.is_ascii_digit()));

        let office = actor(&d.antt, "vanphong").await;
        let inbox = d.antt.tips().inbox(&office, InboxView::Open).await.unwrap();
        let line = inbox
            .lines
            .iter()
            .find(|l| l.tip.id == sent.id)
            .expect("in the inbox");
        assert_eq!(line.tip.state, TipState::Received);
        assert!(line.tip.anonymous);
        // The office (the duty officer when none is named) was told.
        let (notices, unread) = d.antt.tips().notices(&office).await.unwrap();
        assert!(unread >= 1);
        assert!(
            notices
                .iter()
                .any(|n| n.notice.tip_id == sent.id && n.notice.kind == NoticeKind::New)
        );

        let view = d.antt.tips().open(&office, sent.id).await.unwrap();
        assert_eq!(view.content.description, SECRET_TEXT);
        assert_eq!(view.content.contact, None, "anonymous: no contact kept");
        assert_eq!(view.content.place.as_deref(), Some("Nhà xe khu B"));

        d.antt
            .tips()
            .add_message(
                &office,
                sent.id,
                Author::Staff,
                "Em cho biết thêm người đó mặc áo màu gì?",
            )
            .await
            .unwrap();
        d.antt
            .tips()
            .add_message(
                &office,
                sent.id,
                Author::Note,
                "Đã báo thầy Minh phòng CTSV",
            )
            .await
            .unwrap();

        // The reporter types the code with spaces, sees the question, not the note.
        let spaced = antt_domain::tip::format_receipt(&sent.receipt);
        let status = d.antt.tips().status(&spaced, Some("k1")).await.unwrap();
        assert_eq!(status.state, TipState::Received);
        assert_eq!(status.messages.len(), 1, "{:?}", status.messages);
        assert_eq!(status.messages[0].author, Author::Staff);
        assert_eq!(
            status.messages[0].user_id, None,
            "no handler named to the reporter"
        );
        d.antt
            .tips()
            .reporter_reply(&sent.receipt, "Áo khoác đen, đi xe máy", Some("k1"))
            .await
            .unwrap();
        let view = d.antt.tips().open(&office, sent.id).await.unwrap();
        assert!(view.tip.awaiting_staff);
        assert_eq!(view.messages.len(), 3);
        assert_eq!(view.messages[2].author, Author::Reporter);

        // A wrong code is refused and changes nothing.
        let mut wrong = sent.receipt.clone().into_bytes();
        wrong[15] = if wrong[15] == b'0' { b'1' } else { b'0' };
        let wrong = String::from_utf8(wrong).unwrap();
        let e = d.antt.tips().status(&wrong, Some("k2")).await.unwrap_err();
        assert!(
            matches!(e, CoreError::Invalid(ref v) if v.for_field("receipt") == Some(ErrorCode::NotFound)),
            "{e:?}"
        );
        let e = d.antt.tips().status("12345", Some("k2")).await.unwrap_err();
        assert!(matches!(e, CoreError::Invalid(_)));
        // A flood of guesses from one sender is slowed.
        let mut refused = false;
        for _ in 0..12 {
            if matches!(
                d.antt.tips().status(&wrong, Some("k3")).await,
                Err(CoreError::TooManyAttempts)
            ) {
                refused = true;
                break;
            }
        }
        assert!(refused, "guesses are limited");
        // Each read by a handler is in the audit log.
        let reads = d
            .antt
            .audit()
            .list(
                &office,
                antt_core::audit::AuditQuery {
                    target: Some((antt_domain::audit::TargetKind::Tip, sent.id.to_string())),
                    action: Some(antt_domain::audit::AuditAction::View),
                    ..antt_core::audit::AuditQuery::default()
                },
                antt_domain::page::PageRequest::default(),
            )
            .await
            .unwrap()
            .items
            .len();
        assert_eq!(reads, 2, "two reads, two entries");
    }
}

#[tokio::test]
async fn only_handlers_read_tips_and_never_of_another_unit() {
    for d in demos().await {
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let guard = actor(&d.antt, "baove").await;
        // A guard records a tip told at the gate…
        let (id, _) = d
            .antt
            .tips()
            .record(
                &guard,
                TipInput {
                    channel: TipChannel::InPerson,
                    anonymous: false,
                    ..input(false)
                },
                Vec::new(),
            )
            .await
            .unwrap();
        // …but cannot read it back, nor the inbox.
        assert!(matches!(
            d.antt.tips().open(&guard, id).await,
            Err(CoreError::Forbidden)
        ));
        assert!(matches!(
            d.antt.tips().inbox(&guard, InboxView::Open).await,
            Err(CoreError::Forbidden)
        ));
        let student = actor(&d.antt, "sinhvien").await;
        assert!(matches!(
            d.antt.tips().open(&student, id).await,
            Err(CoreError::Forbidden)
        ));
        assert!(matches!(
            d.antt
                .tips()
                .record(
                    &student,
                    TipInput {
                        channel: TipChannel::Phone,
                        ..input(true)
                    },
                    Vec::new()
                )
                .await,
            Err(CoreError::Forbidden)
        ));
        // The office names the guard a handler: now the guard reads it.
        let office = actor(&d.antt, "vanphong").await;
        d.antt
            .tips()
            .set_handler(&office, guard.user_id.unwrap(), Some(false))
            .await
            .unwrap();
        let view = d.antt.tips().open(&guard, id).await.unwrap();
        assert_eq!(view.content.contact.as_deref(), Some(SECRET_CONTACT));
        assert_eq!(view.tip.channel, TipChannel::InPerson);
        // A handler of another unit never finds it.
        let other = actor(&d.antt, "thcs.vanphong").await;
        assert!(matches!(
            d.antt.tips().open(&other, id).await,
            Err(CoreError::NotFound)
        ));
        // A province officer and the system admin read no tip content.
        let province = actor(&d.antt, "congan.tinh").await;
        assert!(d.antt.tips().open(&province, id).await.is_err());
        let _ = cdlc;
    }
}

#[tokio::test]
async fn states_follow_the_rules_and_a_closed_tip_takes_no_answer() {
    for d in demos().await {
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let office = actor(&d.antt, "vanphong").await;
        let leader = actor(&d.antt, "bgh").await;
        let sent = d
            .antt
            .tips()
            .submit(cdlc, input(true), Vec::new(), None)
            .await
            .unwrap();
        d.antt
            .tips()
            .assign(&office, sent.id, leader.user_id)
            .await
            .unwrap();
        let (notices, _) = d.antt.tips().notices(&leader).await.unwrap();
        assert!(
            notices
                .iter()
                .any(|n| n.notice.kind == NoticeKind::Assigned && n.notice.tip_id == sent.id)
        );
        // A guard is not someone a tip can be given to.
        let guard = actor(&d.antt, "baove").await;
        let e = d
            .antt
            .tips()
            .assign(&office, sent.id, guard.user_id)
            .await
            .unwrap_err();
        assert!(
            matches!(e, CoreError::Invalid(ref v) if v.for_field("assignee") == Some(ErrorCode::NotAllowed))
        );

        let change = |reason: &str| StateChange {
            reason: reason.into(),
            ..StateChange::default()
        };
        d.antt
            .tips()
            .change_state(
                &leader,
                sent.id,
                TipState::Verifying,
                change("Giao CTSV xác minh"),
            )
            .await
            .unwrap();
        let e = d
            .antt
            .tips()
            .change_state(
                &leader,
                sent.id,
                TipState::Transferred,
                change("Có dấu hiệu tội phạm"),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(e, CoreError::Invalid(ref v) if v.for_field("police_unit") == Some(ErrorCode::Required))
        );
        let e = d
            .antt
            .tips()
            .change_state(&leader, sent.id, TipState::Resolved, change("Xong"))
            .await
            .unwrap_err();
        assert!(
            matches!(e, CoreError::Invalid(ref v) if v.for_field("outcome") == Some(ErrorCode::Required))
        );
        d.antt
            .tips()
            .change_state(
                &leader,
                sent.id,
                TipState::Transferred,
                StateChange {
                    police_unit: Some("Công an phường Cam Đường".into()),
                    ..change("Có dấu hiệu tội phạm về ma túy")
                },
            )
            .await
            .unwrap();
        d.antt
            .tips()
            .change_state(
                &leader,
                sent.id,
                TipState::Resolved,
                StateChange {
                    outcome: Some("Công an phường đã bắt quả tang".into()),
                    ..change("Công an phường báo kết quả")
                },
            )
            .await
            .unwrap();
        let view = d.antt.tips().open(&office, sent.id).await.unwrap();
        assert_eq!(view.tip.state, TipState::Resolved);
        assert_eq!(
            view.tip.police_unit.as_deref(),
            Some("Công an phường Cam Đường")
        );
        assert_eq!(view.events.len(), 3);
        assert!(view.next_states.is_empty(), "closed stays closed");
        assert!(view.tip.closed_at.is_some());
        let e = d
            .antt
            .tips()
            .reporter_reply(&sent.receipt, "Cảm ơn", None)
            .await
            .unwrap_err();
        assert!(
            matches!(e, CoreError::Invalid(ref v) if v.for_field("state") == Some(ErrorCode::WrongState))
        );
        let status = d.antt.tips().status(&sent.receipt, None).await.unwrap();
        assert_eq!(status.state, TipState::Resolved);
    }
}

#[tokio::test]
async fn deadlines_warn_once_before_and_once_after() {
    for d in demos().await {
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let office = actor(&d.antt, "vanphong").await;
        let sent = d
            .antt
            .tips()
            .submit(cdlc, input(true), Vec::new(), None)
            .await
            .unwrap();
        let count = |kind: NoticeKind| {
            let antt = d.antt.clone();
            let office = office.clone();
            async move {
                antt.tips()
                    .notices(&office)
                    .await
                    .unwrap()
                    .0
                    .iter()
                    .filter(|n| n.notice.tip_id == sent.id && n.notice.kind == kind)
                    .count()
            }
        };
        d.antt.tips().check_deadlines().await.unwrap();
        assert_eq!(
            count(NoticeKind::DueSoon).await,
            0,
            "a day ahead: nothing yet"
        );
        d.clock.advance(Duration::hours(20));
        d.antt.tips().check_deadlines().await.unwrap();
        d.antt.tips().check_deadlines().await.unwrap();
        assert_eq!(count(NoticeKind::DueSoon).await, 1, "once");
        d.clock.advance(Duration::hours(5));
        d.antt.tips().check_deadlines().await.unwrap();
        assert_eq!(count(NoticeKind::Overdue).await, 1);
        // With everyone told, the check opens no write: it finishes while
        // another writer holds the write lock (it used to take the lock
        // once for every open tip past its day, a minute at a time).
        let other = antt_store::Db::connect(&d.t.url).await.unwrap();
        let holding = other.begin().await.unwrap();
        let checked = tokio::time::timeout(
            std::time::Duration::from_secs(3),
            d.antt.tips().check_deadlines(),
        )
        .await;
        drop(holding);
        assert_eq!(
            checked.expect("no write opened").unwrap(),
            0,
            "{}",
            d.t.backend
        );
        let inbox = d
            .antt
            .tips()
            .inbox(&office, InboxView::Overdue)
            .await
            .unwrap();
        assert!(
            inbox
                .lines
                .iter()
                .any(|l| l.tip.id == sent.id && l.overdue && l.age_hours == 25)
        );
    }
}

#[tokio::test]
async fn nothing_of_a_tip_is_readable_in_the_database_file() {
    for d in demos().await {
        let Some(dir) = d.t.dir() else { continue };
        let cdlc = unit_id(&d.antt, "CDLC").await;
        d.antt
            .tips()
            .submit(cdlc, input(false), Vec::new(), None)
            .await
            .unwrap();
        let office = actor(&d.antt, "vanphong").await;
        let inbox = d.antt.tips().inbox(&office, InboxView::Open).await.unwrap();
        let id = inbox.lines[0].tip.id;
        d.antt
            .tips()
            .add_message(
                &office,
                id,
                Author::Note,
                "Ghi chú mật: nghi vấn Nguyễn Văn Tám",
            )
            .await
            .unwrap();
        let mut bytes = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            bytes.extend(std::fs::read(entry.unwrap().path()).unwrap());
        }
        for secret in [
            SECRET_TEXT,
            SECRET_CONTACT,
            "Nhà xe khu B",
            "Nguyễn Văn Tám",
        ] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "«{secret}» is in the database file"
            );
        }
        // The check can fail: an unsealed word of the same file is found.
        let plain = "Trường Cao đẳng Lào Cai".as_bytes();
        assert!(bytes.windows(plain.len()).any(|w| w == plain));
        let _ = Duration::zero();
    }
}

/// A webhook receiver on a local port: the bodies and signatures it got.
pub(crate) fn hook_receiver() -> (String, std::sync::mpsc::Receiver<(String, String)>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { break };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut signature = String::new();
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                if let Some(v) = lower.strip_prefix("x-antt-signature:") {
                    v.trim().clone_into(&mut signature);
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let mut stream = stream;
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            let _ = tx.send((String::from_utf8(body).unwrap(), signature));
        }
    });
    (url, rx)
}

#[tokio::test]
async fn notices_go_out_by_e_mail_and_signed_webhook_without_the_tips_words() {
    let sink = antt_testkit::SmtpSink::start().await;
    let mailer = antt_mail::Mailer::new(&sink.url(), "antt <antt@cdlc.edu.vn>").unwrap();
    let (url, hooks) = hook_receiver();
    for d in demos().await {
        let antt = d.antt.clone().with_webhook(
            antt_mail::hook::Webhook::new(&url, "bí mật chung").unwrap(),
            Some("https://antt.cdlc.edu.vn".into()),
        );
        let cdlc = unit_id(&antt, "CDLC").await;
        let office = actor(&antt, "vanphong").await;
        // The vice-principal, with an address, is on duty.
        let leader = antt
            .people()
            .by_code(&office, cdlc, "CB0002")
            .await
            .unwrap();
        let mut form = super::form_of(&leader);
        form.email = Some("truong.tx@cdlc.edu.vn".into());
        antt.people()
            .update(&office, cdlc, leader.id, &form)
            .await
            .unwrap();
        let bgh = actor(&antt, "bgh").await;
        antt.tips()
            .set_handler(&office, bgh.user_id.unwrap(), Some(true))
            .await
            .unwrap();
        antt.tips()
            .deliver_notices(Some(&mailer), None)
            .await
            .unwrap(); // the demo's notices
        let before = sink.messages().len();
        let sent = antt
            .tips()
            .submit(
                cdlc,
                TipInput {
                    urgent: true,
                    ..input(true)
                },
                Vec::new(),
                None,
            )
            .await
            .unwrap();
        let report = antt
            .tips()
            .deliver_notices(Some(&mailer), Some("https://antt.cdlc.edu.vn"))
            .await
            .unwrap();
        assert!(report.mailed >= 1 && report.failed.is_empty(), "{report:?}");
        let got = sink.messages();
        let mail = got[before..]
            .iter()
            .find(|m| m.to == ["truong.tx@cdlc.edu.vn"])
            .expect("the duty officer's notice");
        let text = mail.decoded();
        assert!(
            text.contains("TIN BÁO KHẨN") && text.contains(&format!("tin báo số {}", sent.number)),
            "{text}"
        );
        assert!(
            text.contains(&format!("https://antt.cdlc.edu.vn/tips/{}", sent.id)),
            "{text}"
        );
        assert!(!text.contains(SECRET_TEXT), "no content by e-mail");
        // Nothing twice.
        let again = antt
            .tips()
            .deliver_notices(Some(&mailer), None)
            .await
            .unwrap();
        assert_eq!(again.mailed, 0);
        // The webhook: JSON without content, signed with the shared secret.
        let (body, signature) = (0..50)
            .find_map(|_| {
                hooks
                    .recv_timeout(std::time::Duration::from_millis(100))
                    .ok()
                    .filter(|(b, _)| b.contains(&format!("\"tip\":{}", sent.number)))
            })
            .expect("a webhook call");
        assert!(
            body.contains("\"event\":\"tip.urgent\"") && body.contains("\"unit\":\"CDLC\""),
            "{body}"
        );
        assert!(!body.contains(SECRET_TEXT));
        assert_eq!(
            signature,
            antt_mail::hook::signature("bí mật chung", body.as_bytes())
        );
        // Drain what else the run sent.
        while hooks.try_recv().is_ok() {}
    }
}

/// Eight handlers close the same tip at the same moment, half as resolved
/// and half as unfounded: the write lock is taken before the tip's state is
/// read, so exactly one change passes the check that only one may pass and
/// every other is refused with the state it found; the history holds one
/// closing.
#[tokio::test]
async fn of_concurrent_changes_to_one_tip_only_one_passes() {
    for d in demos().await {
        let b = d.t.backend;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let office = actor(&d.antt, "vanphong").await;
        let leader = actor(&d.antt, "bgh").await;
        let sent = d
            .antt
            .tips()
            .submit(cdlc, input(true), Vec::new(), None)
            .await
            .unwrap();
        let attempts = (0..8).map(|i| {
            let antt = d.antt.clone();
            let who = if i % 2 == 0 {
                office.clone()
            } else {
                leader.clone()
            };
            let (to, change) = if i % 4 < 2 {
                (
                    TipState::Resolved,
                    StateChange {
                        reason: format!("Đã xử lý ({i})"),
                        outcome: Some("Đã nhắc nhở".into()),
                        ..StateChange::default()
                    },
                )
            } else {
                (
                    TipState::Unfounded,
                    StateChange {
                        reason: format!("Không có cơ sở ({i})"),
                        ..StateChange::default()
                    },
                )
            };
            tokio::spawn(async move { antt.tips().change_state(&who, sent.id, to, change).await })
        });
        let mut passed = 0;
        for attempt in attempts.collect::<Vec<_>>() {
            match attempt.await.unwrap() {
                Ok(()) => passed += 1,
                Err(CoreError::Invalid(e)) => {
                    assert_eq!(e.for_field("state"), Some(ErrorCode::WrongState), "{b}");
                }
                Err(e) => panic!("{b}: {e:?}"),
            }
        }
        assert_eq!(passed, 1, "{b}: exactly one change passes");
        let view = d.antt.tips().open(&office, sent.id).await.unwrap();
        assert!(view.tip.state.is_closed(), "{b}");
        assert_eq!(view.events.len(), 1, "{b}: one closing in the history");
        let report = d.antt.database().verify().await.unwrap();
        assert!(report.is_ok(), "{b}: {report:?}");
    }
}

/// Finding 4 of issue 15: the key is checked against the data, and a
/// rotation seals every value anew in one transaction while the receipts
/// keep working (their salt is kept).
#[tokio::test]
async fn a_rotated_key_opens_everything_and_the_old_one_is_refused() {
    use antt_core::db::KeyCheck;
    use antt_core::sealed::TipKey;
    for t in antt_testkit::databases().await {
        let b = t.backend;
        let clock = std::sync::Arc::new(antt_core::clock::FixedClock::demo());
        let old = TipKey::generate();
        let antt = antt_core::Antt::open(&t.url, clock, antt_core::password::Passwords::Fast)
            .await
            .unwrap();
        let bare = antt.clone();
        let antt = antt.with_tip_key(old.clone());
        antt.load_demo(&|_, _| {}).await.unwrap();
        assert_eq!(
            antt.database().check_key().await.unwrap(),
            KeyCheck::Matches
        );
        let record = bare.database().key_record().await.unwrap();
        assert!(record.needs_its_key(), "{b}");
        assert_eq!(record.fingerprint, Some(old.fingerprint()));
        let stranger = bare.clone().with_tip_key(TipKey::generate());
        assert!(matches!(
            stranger.database().check_key().await.unwrap(),
            KeyCheck::Different { recorded: Some(_) }
        ));

        let new = old.rotated();
        let count = antt.database().rotate_key(&new).await.unwrap();
        assert!(
            count >= 10,
            "{b}: the demo's tips, photos and messages ({count})"
        );
        assert!(matches!(
            antt.database().check_key().await.unwrap(),
            KeyCheck::Different { .. }
        ));
        let rotated = bare.with_tip_key(new);
        assert_eq!(
            rotated.database().check_key().await.unwrap(),
            KeyCheck::Matches
        );
        let status = rotated
            .tips()
            .status(antt_core::tip::DEMO_RECEIPT, None)
            .await
            .unwrap();
        assert!(!status.messages.is_empty(), "{b}: the receipt still works");
        let office = actor(&rotated, "vanphong").await;
        let inbox = rotated.tips().inbox(&office, InboxView::All).await.unwrap();
        assert!(!inbox.lines.is_empty());
        for line in inbox.lines {
            rotated.tips().open(&office, line.tip.id).await.unwrap();
        }
    }
}
