//! Guard duty on the screens: the office's month, a broken roster refused
//! with its rule named, a sick call answered with who comes instead, and a
//! guard's own shifts with a calendar file.

use axum::http::{StatusCode, header};

use crate::support::{apps, body_text};

#[tokio::test]
async fn the_office_keeps_the_roster_and_a_guard_sees_their_shifts() {
    for app in apps().await {
        let office = app.login("vanphong").await;
        let guard = app.login("baove").await;
        let student = app.login("sinhvien").await;

        // November (the test clock's) is published; from today on shown.
        let page = body_text(app.get("/duty?month=2026-11", Some(&office)).await).await;
        assert!(page.contains("Lịch trực bảo vệ tháng 11/2026"), "{page}");
        assert!(page.contains("Đã công bố") && page.contains("Báo nghỉ đột xuất"));
        assert!(
            page.contains("Sa 21/11") || page.contains("T7 21/11"),
            "{page}"
        );
        assert!(!page.contains("T2 02/11"), "days gone are a link away");
        assert!(page.contains("Giờ làm đêm"));
        let all = body_text(app.get("/duty?month=2026-11&all=1", Some(&office)).await).await;
        assert!(all.contains("T2 02/11"));
        // The month as Excel: the shifts and the hours for pay.
        let xlsx = app.get("/duty/export?month=2026-11", Some(&office)).await;
        assert_eq!(xlsx.status(), StatusCode::OK);
        let bytes = axum::body::to_bytes(xlsx.into_body(), usize::MAX)
            .await
            .unwrap();
        let sheets = antt_docgen::read_workbook("lich-truc.xlsx", &bytes).unwrap();
        assert_eq!(sheets.len(), 2);
        // Rows numbered 1, 2, 3… under the header: one per shift, one per guard.
        let numbered = |i: usize| {
            sheets[i]
                .rows
                .iter()
                .filter(|r| matches!(r.first(), Some(antt_domain::sheet::Cell::Number(_))))
                .count()
        };
        assert_eq!(numbered(0), 30 * 14, "every shift of November");
        assert_eq!(numbered(1), 30, "every guard");

        // A student has no business here; a guard reads their own.
        assert_eq!(
            app.get("/duty", Some(&student)).await.status(),
            StatusCode::FORBIDDEN
        );
        let mine = body_text(app.get("/duty/mine", Some(&guard)).await).await;
        assert!(
            mine.contains("Ca trực của tôi") && mine.contains("/duty/mine.ics"),
            "{mine}"
        );
        let ics = app.get("/duty/mine.ics", Some(&guard)).await;
        assert_eq!(ics.status(), StatusCode::OK);
        assert!(
            ics.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/calendar")
        );
        assert!(body_text(ics).await.contains("BEGIN:VEVENT"));
        let home = body_text(app.get("/", Some(&guard)).await).await;
        assert!(home.contains("Ca trực tiếp theo"), "{home}");

        // December is a draft: two shifts in a row for one guard is
        // refused at publication, with the rule in words.
        let dec = app
            .antt
            .duty()
            .roster(
                &antt_core::Actor::command_line(),
                app.unit("CDLC").await,
                chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            )
            .await
            .unwrap();
        let r = dec.roster.unwrap();
        let first = &r.shifts[0];
        let next = r
            .shifts
            .iter()
            .find(|s| s.post_id == first.post_id && s.start > first.start)
            .unwrap();
        let someone = first.guard.unwrap().to_string();
        let saved = app
            .post_form(
                &format!("/duty/shift?month=2026-12&id={}", next.id),
                Some(&office),
                &[("guard", &someone)],
                true,
            )
            .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let refused = app
            .post_form("/duty/publish?month=2026-12", Some(&office), &[], true)
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let text = body_text(refused).await;
        assert!(
            text.contains("chỉ nghỉ") && text.contains("vi phạm quy định"),
            "{text}"
        );

        // A guard calls in sick: the page says who comes instead.
        let sick = r.shifts.iter().find_map(|s| s.guard).unwrap();
        let nov = app
            .antt
            .duty()
            .roster(
                &antt_core::Actor::command_line(),
                app.unit("CDLC").await,
                chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            )
            .await
            .unwrap();
        let sick_nov = nov
            .roster
            .unwrap()
            .shifts
            .iter()
            .find(|s| s.start.date() == chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
            .and_then(|s| s.guard)
            .unwrap_or(sick);
        let answer = app
            .post_form(
                "/duty/absence?month=2026-11",
                Some(&office),
                &[
                    ("guard", &sick_nov.to_string()),
                    ("from", "2026-11-23T00:00"),
                    ("until", "2026-11-24T00:00"),
                ],
                true,
            )
            .await;
        assert_eq!(answer.status(), StatusCode::OK);
        let text = body_text(answer).await;
        assert!(text.contains("Người được nhờ trực thay"), "{text}");
        assert!(text.contains("→"), "{text}");

        // The posts and the force.
        let posts = body_text(app.get("/duty/posts", Some(&office)).await).await;
        assert!(posts.contains("Khu nội trú (ký túc xá)") && posts.contains("22:00–06:00"));
        let bad = app
            .post_form(
                "/duty/posts",
                Some(&office),
                &[
                    ("campus", &dec.posts[0].campus_id.to_string()),
                    ("name", "Cổng sau"),
                    ("skill", ""),
                    ("shifts", "6 giờ sáng"),
                ],
                true,
            )
            .await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}

#[tokio::test]
async fn a_guard_keeps_the_gate_log_and_the_office_reads_it() {
    for app in apps().await {
        let guard = app.login("baove").await;
        let office = app.login("vanphong").await;
        let page = body_text(app.get("/gate", Some(&guard)).await).await;
        assert!(
            page.contains("Nhận ca") && page.contains("Ca trước:"),
            "{page}"
        );
        let campus = crate::support::hidden_value(&page, "campus")
            .or_else(|| {
                page.split("<option value=\"")
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .map(str::to_owned)
            })
            .unwrap();
        let r = app
            .post_form(
                "/gate/take-over",
                Some(&guard),
                &[
                    ("campus", &campus),
                    ("taken_from", "Lò Văn Sáng"),
                    ("received", "Chìa khóa, bộ đàm"),
                ],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = body_text(app.get("/gate", Some(&guard)).await).await;
        let log = crate::support::hidden_value(&page, "log").unwrap();
        // An entry with the time the phone gave (the test's clock stands
        // still: the moment the shift was taken over) and one empty,
        // refused with the reason.
        let at = app.antt.now().to_rfc3339();
        let r = app
            .post_form(
                "/gate/entries",
                Some(&guard),
                &[
                    ("log", &log),
                    ("text", "Xe tải giao hàng vào bếp"),
                    ("at", &at),
                ],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = app
            .post_form(
                "/gate/entries",
                Some(&guard),
                &[("log", &log), ("text", " ")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = body_text(app.get("/gate", Some(&guard)).await).await;
        assert!(page.contains("Xe tải giao hàng vào bếp"));
        assert!(
            page.contains("/tips/new?description=Xe+t"),
            "a tip from the line"
        );
        let form = body_text(
            app.get("/tips/new?description=Xe%20t%E1%BA%A3i", Some(&guard))
                .await,
        )
        .await;
        assert!(form.contains("Xe tải"), "the tip form opens with the line");
        let r = app
            .post_form(
                "/gate/hand-over",
                Some(&guard),
                &[("log", &log), ("notes", "Khách chưa ra: 1")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        // The office reads the day at that campus; the demo's week is there too.
        let day = body_text(
            app.get(&format!("/gate/day?campus={campus}"), Some(&office))
                .await,
        )
        .await;
        assert!(
            day.contains("Xe tải giao hàng vào bếp") && day.contains("Khách chưa ra"),
            "{day}"
        );
        let week_ago = antt_domain::time::local_date(app.antt.now()) - chrono::Duration::days(3);
        let past = body_text(
            app.get(
                &format!("/gate/day?campus={campus}&day={week_ago}"),
                Some(&office),
            )
            .await,
        )
        .await;
        assert!(past.contains("Chìa khóa cổng chính"), "{past}");
        // A student cannot open the log.
        let student = app.login("sinhvien").await;
        assert_eq!(
            app.get("/gate", Some(&student)).await.status(),
            StatusCode::FORBIDDEN
        );
    }
}
