//! The dormitory's screens on SQLite and PostgreSQL: every role's page, a
//! room leader's roll call sent as a form (one absent, the supervisor and
//! the homeroom teacher told), a refused mark that saves nothing, a leave
//! asked and approved through the forms, a student placed from a room's
//! page.

use axum::http::StatusCode;

use antt_core::Actor;

use crate::support::{apps, body_text, hidden_value};

#[tokio::test]
async fn every_role_sees_its_part_of_the_dormitory() {
    for app in apps().await {
        for (who, expect) in [
            ("ctsv", "Vắng không phép"),
            ("vanphong", "Vắng không phép"),
            ("bgh", "Vắng không phép"),
            ("gvcn", "Học sinh nội trú lớp tôi"),
            ("sinhvien", "Phòng tôi là trưởng phòng"),
        ] {
            let s = app.login(who).await;
            let r = app.get("/dorm", Some(&s)).await;
            assert_eq!(r.status(), StatusCode::OK, "{who}");
            let page = body_text(r).await;
            assert!(page.contains(expect), "{who}: {page}");
            let r = app.get("/dorm/leave", Some(&s)).await;
            assert_eq!(r.status(), StatusCode::OK, "{who}");
        }
        // The office's rooms page lists both buildings and the board.
        let office = app.login("vanphong").await;
        let page = body_text(app.get("/dorm/rooms", Some(&office)).await).await;
        assert!(page.contains("Nhà A") && page.contains("Nhà B"), "{page}");
        assert!(page.contains("Trưởng ban quản lý ký túc xá"), "{page}");
        // A guard has no dormitory; a student cannot open the night.
        let guard = app.login("baove").await;
        let r = app.get("/dorm/rooms", Some(&guard)).await;
        assert!(r.status().is_client_error(), "{}", r.status());
    }
}

#[tokio::test]
async fn a_roll_call_sent_as_a_form_tells_the_supervisor_and_the_teacher() {
    for app in apps().await {
        let cdlc = app.unit("CDLC").await;
        let leader = app.login("sinhvien").await;
        let page = body_text(app.get("/dorm", Some(&leader)).await).await;
        let start = page
            .find("/dorm/rooms/")
            .expect("a link to the room's roll call");
        let href: String = page[start..].chars().take_while(|c| *c != '"').collect();
        let sheet = body_text(app.get(&href, Some(&leader)).await).await;
        let read_at = hidden_value(&sheet, "read_at").unwrap();
        let night = hidden_value(&sheet, "night").unwrap();
        let ids: Vec<String> = sheet
            .match_indices("name=\"mark_")
            .map(|(i, _)| sheet[i + 11..i + 47].to_owned())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert!(ids.len() >= 2);
        let action = format!("{href}?night={night}");
        let fields = |second: &'static str| {
            let mut f: Vec<(String, String)> = vec![
                ("night".into(), night.clone()),
                ("read_at".into(), read_at.clone()),
            ];
            for (i, id) in ids.iter().enumerate() {
                let mark = if i == 1 { second } else { "present" };
                f.push((format!("mark_{id}"), mark.into()));
                f.push((format!("note_{id}"), String::new()));
            }
            f
        };
        let as_refs = |f: &[(String, String)]| -> Vec<(String, String)> { f.to_vec() };
        // "Có phép" without a leave: refused, in Vietnamese, nothing saved.
        let bad = as_refs(&fields("leave"));
        let pairs: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = app.post_form(&action, Some(&leader), &pairs, true).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let text = body_text(r).await;
        assert!(text.contains("không có phép được duyệt"), "{text}");
        let v = app
            .antt
            .dorms()
            .night(&Actor::command_line(), cdlc, night.parse().unwrap())
            .await
            .unwrap();
        let absent_before = v.absent.len();
        // One absent.
        let good = fields("absent");
        let pairs: Vec<(&str, &str)> = good.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = app.post_form(&action, Some(&leader), &pairs, true).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let location = r.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.contains("saved=alerted"), "{location}");
        let page = body_text(app.get(&location, Some(&leader)).await).await;
        assert!(page.contains("Đã báo ngay quản sinh"), "{page}");
        let v = app
            .antt
            .dorms()
            .night(&Actor::command_line(), cdlc, night.parse().unwrap())
            .await
            .unwrap();
        assert_eq!(v.absent.len(), absent_before + 1);
        for who in ["ctsv", "gvcn"] {
            let s = app.login(who).await;
            let home = body_text(app.get("/", Some(&s)).await).await;
            assert!(home.contains("Báo vắng ký túc xá"), "{who}: {home}");
        }
    }
}

#[tokio::test]
async fn a_leave_is_asked_and_approved_through_the_forms() {
    for app in apps().await {
        let student = app.login("sinhvien").await;
        let page = body_text(app.get("/dorm/leave", Some(&student)).await).await;
        let once = hidden_value(&page, "_once").unwrap();
        let r = app
            .post_form(
                "/dorm/leave",
                Some(&student),
                &[
                    ("_once", &once),
                    ("from", "2026-11-21T17:00"),
                    ("until", "2026-11-23T17:00"),
                    ("destination", "Về nhà – xã Bản Phiệt"),
                    ("reason", "Về quê cuối tuần"),
                ],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        // The same form sent twice makes one request.
        let again = app
            .post_form(
                "/dorm/leave",
                Some(&student),
                &[
                    ("_once", &once),
                    ("from", "2026-11-21T17:00"),
                    ("until", "2026-11-23T17:00"),
                    ("destination", "Về nhà – xã Bản Phiệt"),
                    ("reason", "Về quê cuối tuần"),
                ],
                true,
            )
            .await;
        assert!(again.status().is_redirection(), "{}", again.status());
        let cdlc = app.unit("CDLC").await;
        let board = app
            .antt
            .dorms()
            .leave_board(&Actor::command_line(), cdlc)
            .await
            .unwrap();
        let mine: Vec<_> = board
            .asked
            .iter()
            .filter(|(l, _)| l.destination == "Về nhà – xã Bản Phiệt")
            .collect();
        assert_eq!(mine.len(), 1);
        let id = mine[0].0.id;
        let teacher = app.login("gvcn").await;
        let r = app
            .post_form(
                &format!("/dorm/leave/{id}"),
                Some(&teacher),
                &[("decision", "refuse"), ("note", "")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = app
            .post_form(
                &format!("/dorm/leave/{id}"),
                Some(&teacher),
                &[("decision", "approve"), ("note", "")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let (l, _) = app
            .antt
            .dorms()
            .leave(&Actor::command_line(), cdlc, id)
            .await
            .unwrap();
        assert_eq!(l.state, antt_domain::dorm::LeaveState::Approved);
    }
}

#[tokio::test]
async fn the_temporary_residence_page_masks_the_number_and_the_board_reads_it_in_full() {
    for app in apps().await {
        let head = app.login("ctsv").await;
        let page = body_text(app.get("/dorm/residence", Some(&head)).await).await;
        assert!(
            page.contains("Đăng ký tạm trú") && page.contains("•••• •••• "),
            "{page}"
        );
        assert!(
            page.contains("Sắp hết hạn") && page.contains("Thiếu giấy tờ"),
            "{page}"
        );
        // A boarder whose number is recorded (the first lines need work).
        let item = page
            .split("<li class=\"check\">")
            .find(|li| li.contains("value=\"reveal\""))
            .unwrap();
        let marker = "name=\"person\" value=\"";
        let start = item.find(marker).unwrap() + marker.len();
        let person = &item[start..start + 36];
        let r = app
            .post_form(
                "/dorm/residence",
                Some(&head),
                &[("action", "reveal"), ("person", person)],
                true,
            )
            .await;
        let status = r.status();
        let text = body_text(r).await;
        assert_eq!(status, StatusCode::OK, "{text}");
        assert!(text.contains("đã ghi nhật ký lần xem này"), "{text}");
        let r = app.get("/dorm/residence/excel", Some(&head)).await;
        assert_eq!(r.status(), StatusCode::OK);
        // The request to the ward police, in Word: the full numbers of
        // those whose registration needs doing.
        let r = app.get("/dorm/residence/word", Some(&head)).await;
        assert_eq!(r.status(), StatusCode::OK);
        let bytes = axum::body::to_bytes(r.into_body(), usize::MAX)
            .await
            .unwrap();
        let xml = crate::support::docx_text(&bytes);
        assert!(
            xml.contains("DANH SÁCH") && xml.contains("Công an phường Cam Đường"),
            "{xml}"
        );
        assert!(
            xml.contains("Gia hạn (hết hạn") && xml.contains("Đăng ký mới"),
            "those to register and to renew"
        );
        assert!(
            xml.as_bytes()
                .windows(12)
                .any(|w| w.iter().all(u8::is_ascii_digit) && w.starts_with(b"010")),
            "a number in full"
        );
        // A homeroom teacher reads neither the list nor the numbers.
        let teacher = app.login("gvcn").await;
        assert!(
            app.get("/dorm/residence/word", Some(&teacher))
                .await
                .status()
                .is_client_error()
        );
        assert!(
            app.get("/dorm/residence", Some(&teacher))
                .await
                .status()
                .is_client_error()
        );
        let r = app
            .post_form(
                "/dorm/residence",
                Some(&teacher),
                &[("action", "reveal"), ("person", person)],
                true,
            )
            .await;
        assert!(r.status().is_client_error(), "{}", r.status());
        // A wrong number is refused in Vietnamese.
        let r = app
            .post_form(
                "/dorm/residence",
                Some(&head),
                &[
                    ("action", "save"),
                    ("person", person),
                    ("id_number", "12345"),
                    ("permanent_address", "Xã Bản Lầu, tỉnh Lào Cai"),
                ],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body_text(r).await.contains("12 chữ số"));
    }
}
