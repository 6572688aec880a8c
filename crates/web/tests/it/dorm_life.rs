//! The dormitories' days on the screens, on SQLite and PostgreSQL: a
//! visitor let in and out through the log's forms (a refusal in
//! Vietnamese that saves nothing), and a room checked on the phone form
//! with a failed item and a breach, read back, with the month's ranking
//! and the rooms due.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use antt_core::Actor;

use crate::support::{BOUNDARY, apps, body_text};

fn check_body(csrf: &str, fields: &[(&str, &str)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (k, v) in std::iter::once(&("_csrf", csrf)).chain(fields) {
        body.extend(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .into_bytes(),
        );
    }
    body.extend(format!("--{BOUNDARY}--\r\n").into_bytes());
    body
}

/// The values of every `name="…" value="…"` input of a page.
fn values(html: &str, name: &str) -> Vec<String> {
    let needle = format!("name=\"{name}\" value=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            html[i + needle.len()..]
                .chars()
                .take_while(|c| *c != '"')
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn a_visitor_is_let_in_and_out_through_the_log() {
    for app in apps().await {
        let head = app.login("ctsv").await;
        let page = body_text(app.get("/dorm/visits", Some(&head)).await).await;
        assert!(page.contains("Hoàng Thị Lan"), "{page}");
        assert!(
            page.contains("dorm-residents"),
            "the residents to pick from"
        );
        let yesterday = body_text(app.get("/dorm/visits?day=2026-11-20", Some(&head)).await).await;
        assert!(
            yesterday.contains("Còn trong ký túc xá sau 21:00")
                && yesterday.contains("Sùng Văn Dình"),
            "{yesterday}"
        );

        let fields = [
            ("action", "admit"),
            ("resident", "SV1700001"),
            ("name", "Lò Thị Dung"),
            ("relation", ""),
            ("document", "id_card"),
            ("number", "010203004567"),
        ];
        let r = app
            .post_form("/dorm/visits", Some(&head), &fields, true)
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let text = body_text(r).await;
        assert!(text.contains("Quan hệ với người được thăm"), "{text}");
        assert!(!text.contains("Lò Thị Dung</b>"), "nothing was saved");
        let mut fields = fields;
        fields[3] = ("relation", "Mẹ");
        let r = app
            .post_form("/dorm/visits", Some(&head), &fields, true)
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = body_text(app.get("/dorm/visits", Some(&head)).await).await;
        assert!(
            page.contains("Lò Thị Dung</b>") && page.contains("…4567"),
            "{page}"
        );
        let cdlc = app.unit("CDLC").await;
        let day = app
            .antt
            .dorms()
            .visits(&Actor::command_line(), cdlc, "2026-11-21".parse().unwrap())
            .await
            .unwrap();
        let id = day
            .visits
            .iter()
            .find(|v| v.visit.name == "Lò Thị Dung")
            .unwrap()
            .visit
            .id
            .to_string();
        let r = app
            .post_form(
                "/dorm/visits",
                Some(&head),
                &[("action", "left"), ("visit", &id)],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);

        // The home page counts the visitors inside and the rooms due.
        let home = body_text(app.get("/", Some(&head)).await).await;
        assert!(
            home.contains("Khách trong ký túc xá") && home.contains("Phòng đến hạn kiểm tra"),
            "{home}"
        );
        // A student does not read the log.
        let student = app.login("sinhvien").await;
        let r = app.get("/dorm/visits", Some(&student)).await;
        assert!(r.status().is_client_error(), "{}", r.status());
    }
}

#[tokio::test]
async fn a_room_is_checked_on_the_phone_form_and_read_back() {
    for app in apps().await {
        let head = app.login("ctsv").await;
        let page = body_text(app.get("/dorm/checks", Some(&head)).await).await;
        assert!(page.contains("Xếp hạng phòng ở"), "{page}");
        assert!(page.contains("Phòng đến hạn kiểm tra"), "{page}");
        let start = page.find("/dorm/rooms/").expect("a room due");
        let href: String = page[start..].chars().take_while(|c| *c != '"').collect();
        assert!(href.ends_with("/check"), "{href}");
        let form = body_text(app.get(&href, Some(&head)).await).await;
        assert!(form.contains("Không có dụng cụ nấu ăn"), "{form}");
        let resident = values(&form, "breach")
            .into_iter()
            .next()
            .expect("a resident");

        let post = |fields: Vec<(&'static str, String)>| {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let body = check_body(&head.csrf, &pairs);
            Request::post(href.as_str())
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                )
                .header(header::COOKIE, &head.cookie)
                .body(Body::from(body))
                .unwrap()
        };
        // A breach with every item passed: refused in Vietnamese.
        let r = app
            .send(post(vec![
                ("day", "2026-11-21".into()),
                ("item_0", "passed".into()),
                ("breach", resident.clone()),
            ]))
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let text = body_text(r).await;
        assert!(
            text.contains("Chỉ ghi vi phạm nội quy khi có mục không đạt"),
            "{text}"
        );

        let r = app
            .send(post(vec![
                ("day", "2026-11-21".into()),
                ("item_0", "failed".into()),
                ("item_3", "failed".into()),
                ("note", "Thu giữ 01 bếp điện.".into()),
                ("breach", resident.clone()),
                ("discipline", "reprimand".into()),
            ]))
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let location = r.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.starts_with("/dorm/checks/"), "{location}");
        let page = body_text(app.get(&location, Some(&head)).await).await;
        assert!(page.contains("65/100"), "{page}");
        assert!(
            page.contains("Vi phạm nội quy đã ghi") && page.contains(&resident),
            "{page}"
        );
        assert!(page.contains("Thu giữ 01 bếp điện."), "{page}");

        // The month's page shows the check; the room is no longer due.
        let month = body_text(app.get("/dorm/checks", Some(&head)).await).await;
        let room_id = href
            .trim_start_matches("/dorm/rooms/")
            .trim_end_matches("/check");
        assert!(
            !month.contains(&format!("/dorm/rooms/{room_id}/check")),
            "still due"
        );

        // A bad checklist is refused with the reason.
        let r = app
            .post_form(
                "/dorm/checks",
                Some(&head),
                &[("every_days", "7"), ("checklist", "mười | Bếp điện")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let text = body_text(r).await;
        assert!(text.contains("điểm ghi trước dấu |"), "{text}");
    }
}

#[tokio::test]
async fn a_room_leaders_device_reads_the_sheet_and_sends_the_marks_through_the_api() {
    for app in apps().await {
        let leader = app.token("sinhvien").await;
        let head = app.token("ctsv").await;
        let cdlc = app.unit("CDLC").await;
        let student = app
            .antt
            .auth()
            .login(
                "sinhvien",
                antt_core::demo::DEMO_PASSWORD,
                antt_core::auth::Client::default(),
            )
            .await
            .map(|s| Actor::from_user(&s.user))
            .unwrap();
        let rooms = app.antt.dorms().my_rooms(&student, cdlc).await.unwrap();
        let room = rooms[0].0.id;
        let path = format!("/api/v1/dorm/rooms/{room}/rollcall");
        let (status, sheet) = app.api("GET", &path, Some(&leader), None).await;
        assert_eq!(status, StatusCode::OK, "{sheet}");
        let lines = sheet["lines"].as_array().unwrap();
        assert!(lines.len() >= 2, "{sheet}");
        let marks: Vec<serde_json::Value> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                serde_json::json!({
                    "person": l["person"],
                    "mark": if i == 1 { "absent" } else { "present" },
                })
            })
            .collect();
        // A mark that is not one of the codes: refused, nothing saved.
        let mut bad = marks.clone();
        bad[0]["mark"] = "asleep".into();
        let body =
            serde_json::json!({"night": sheet["night"], "read_at": sheet["read_at"], "marks": bad});
        let (status, e) = app.api("POST", &path, Some(&leader), Some(body)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        let body = serde_json::json!({"night": sheet["night"], "read_at": sheet["read_at"], "marks": marks});
        let (status, out) = app.api("POST", &path, Some(&leader), Some(body)).await;
        assert_eq!(status, StatusCode::OK, "{out}");
        assert_eq!(out["saved"].as_u64(), Some(lines.len() as u64), "{out}");
        // The building's supervisor and the student's homeroom teacher.
        assert_eq!(out["alerted"], 2, "{out}");

        let (status, night) = app
            .api(
                "GET",
                &format!(
                    "/api/v1/dorm/night?night={}",
                    sheet["night"].as_str().unwrap()
                ),
                Some(&head),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{night}");
        let absent = night["absent"].as_array().unwrap();
        assert!(
            absent.iter().any(|a| a["id"] == lines[1]["person"]),
            "{night}"
        );
        // The student's token does not read the whole night.
        let (status, _) = app
            .api("GET", "/api/v1/dorm/night", Some(&leader), None)
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        let (status, checks) = app
            .api(
                "GET",
                "/api/v1/dorm/checks?month=2026-11",
                Some(&head),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{checks}");
        assert_eq!(checks["ranking"][0]["place"], 1, "{checks}");
        assert!(!checks["due"].as_array().unwrap().is_empty(), "{checks}");
        let (status, _) = app
            .api(
                "GET",
                "/api/v1/dorm/checks?month=11-2026",
                Some(&head),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, visits) = app
            .api(
                "GET",
                "/api/v1/dorm/visits?day=2026-11-20",
                Some(&head),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{visits}");
        let past: Vec<_> = visits["visits"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| v["past_closing"] == true)
            .collect();
        assert_eq!(past.len(), 1, "{visits}");
        assert_eq!(past[0]["document_number"].as_str().map(str::len), Some(4));
    }
}
