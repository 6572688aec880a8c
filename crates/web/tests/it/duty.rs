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
        assert_eq!(
            numbered(0),
            30 * 14 + 3,
            "every shift of November, the three of 24/11's reinforcement too"
        );
        let force = app
            .antt
            .duty()
            .roster(
                &antt_core::Actor::command_line(),
                app.unit("CDLC").await,
                chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            )
            .await
            .unwrap()
            .guards
            .len();
        assert!(force > 30);
        assert_eq!(numbered(1), force, "every guard and reinforcement member");
        // The same month as the notice to sign: Word, A4 landscape, a
        // Thông báo with each campus's table and the hours for pay.
        let word = app.get("/duty/document?month=2026-11", Some(&office)).await;
        assert_eq!(word.status(), StatusCode::OK);
        let bytes = axum::body::to_bytes(word.into_body(), usize::MAX)
            .await
            .unwrap();
        let xml = crate::support::docx_text(&bytes);
        assert!(xml.contains(r#"w:orient="landscape""#), "landscape");
        for words in [
            "THÔNG BÁO",
            "Lịch trực bảo vệ tháng 11/2026",
            "/TB-CĐLC",
            "Cổng chính cơ sở 1",
            "T3 24/11 (Ngày Văn hóa Việt Nam)",
            " tc: ",
            "Giờ trực từng người",
            "(tăng cường)",
            "Nơi nhận:",
        ] {
            assert!(xml.contains(words), "{words}");
        }
        assert!(!xml.contains("-CDLC"), "never the ASCII code in a number");

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

#[tokio::test]
async fn a_guard_sends_wishes_on_the_phone_and_the_office_sees_who_has_not() {
    for app in apps().await {
        let office = app.login("vanphong").await;
        let guard = app.login("baove").await;

        // 21/11: next month's (December) wishes closed on 20/11; January's
        // are open until 20/12.
        let dec = body_text(app.get("/duty/wishes", Some(&guard)).await).await;
        assert!(
            dec.contains("Nguyện vọng trực tháng 12/2026") && dec.contains("Đã hết hạn"),
            "{dec}"
        );
        let jan = body_text(app.get("/duty/wishes?month=2027-01", Some(&guard)).await).await;
        assert!(jan.contains("hết ngày <b>20/12/2026</b>"), "{jan}");
        assert!(jan.contains("T6 01/01 · Tết Dương lịch"), "{jan}");
        let sent = app
            .post_form(
                "/duty/wishes?month=2027-01",
                Some(&guard),
                &[
                    ("kind_2027-01-04", "leave"),
                    ("note_2027-01-04", "Về quê"),
                    ("kind_2027-01-05", "leave"),
                    ("kind_2027-01-09", "undesired"),
                    ("kind_2027-01-10", ""),
                ],
                true,
            )
            .await;
        assert_eq!(sent.status(), StatusCode::SEE_OTHER);
        let again = body_text(app.get("/duty/wishes?month=2027-01", Some(&guard)).await).await;
        assert!(
            again.contains("Đã gửi lúc") && again.contains("value=\"Về quê\""),
            "{again}"
        );
        assert_eq!(
            again.matches("value=\"leave\" selected").count(),
            2,
            "{again}"
        );

        // Too late for December: refused in words, nothing saved.
        let late = app
            .post_form(
                "/duty/wishes?month=2026-12",
                Some(&guard),
                &[("kind_2026-12-04", "leave")],
                true,
            )
            .await;
        assert_eq!(late.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body_text(late).await.contains("Đã hết hạn gửi nguyện vọng"));

        // The office: who sent, who has not, with a link to enter for them.
        let roster = body_text(app.get("/duty?month=2027-01", Some(&office)).await).await;
        assert!(
            roster.contains("1/30 bảo vệ đã gửi nguyện vọng tháng 01/2027"),
            "{roster}"
        );
        assert!(roster.contains("Chưa gửi:"), "{roster}");
        let generated = app
            .post_form("/duty/generate?month=2027-01", Some(&office), &[], true)
            .await;
        assert_eq!(generated.status(), StatusCode::SEE_OTHER);
        let roster = body_text(app.get("/duty?month=2027-01", Some(&office)).await).await;
        assert!(
            roster.contains("muốn nghỉ 1 ngày, nghỉ phép 2 ngày"),
            "{roster}"
        );
        assert!(
            roster.contains("tăng cường"),
            "1/1's extra shifts: {roster}"
        );
        assert!(!roster.contains("vi phạm quy định"), "{roster}");

        // Days of reinforcement: the demo's, one added, a wrong one refused.
        let posts = body_text(app.get("/duty/posts", Some(&office)).await).await;
        assert!(
            posts.contains("Tăng cường ngày lễ, tết") && posts.contains("Trung đội tự vệ"),
            "{posts}"
        );
        let post = posts
            .split("name=\"post\" required><option value=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap()
            .to_owned();
        let added = app
            .post_form(
                "/duty/events",
                Some(&office),
                &[
                    ("name", "Ngày hội toàn dân bảo vệ ANTQ"),
                    ("first_day", "2027-08-19"),
                    ("last_day", ""),
                    ("post", &post),
                    ("shifts", "06:00 6 2"),
                    ("team", ""),
                ],
                true,
            )
            .await;
        assert_eq!(added.status(), StatusCode::SEE_OTHER);
        let refused = app
            .post_form(
                "/duty/events",
                Some(&office),
                &[
                    ("name", "Khai giảng"),
                    ("first_day", "2027-09-05"),
                    ("last_day", "2027-09-01"),
                    ("post", &post),
                    ("shifts", "06:00 6 2"),
                ],
                true,
            )
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let posts = body_text(app.get("/duty/posts", Some(&office)).await).await;
        assert!(posts.contains("Ngày hội toàn dân bảo vệ ANTQ") && posts.contains("19/08/2027"));
        assert!(!posts.contains("Khai giảng</b>"));
        // A guard cannot add days.
        let forbidden = app
            .post_form(
                "/duty/events",
                Some(&guard),
                &[
                    ("name", "x"),
                    ("holidays", "1"),
                    ("post", &post),
                    ("shifts", "07:00 4"),
                ],
                true,
            )
            .await;
        assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn a_guard_subscribes_the_phone_calendar_to_a_secret_feed() {
    for app in apps().await {
        let guard = app.login("baove").await;
        let office = app.login("vanphong").await;
        let mine = body_text(app.get("/duty/mine", Some(&guard)).await).await;
        assert!(mine.contains("Đăng ký lịch trực trên điện thoại"), "{mine}");
        let made = app
            .post_form("/duty/mine/feed", Some(&guard), &[], true)
            .await;
        assert_eq!(made.status(), StatusCode::OK);
        let page = body_text(made).await;
        let webcal = page
            .split("href=\"webcal://")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("a webcal:// link")
            .to_owned();
        let path = format!("/{}", webcal.split_once('/').unwrap().1);
        assert!(
            path.starts_with("/calendar/")
                && std::path::Path::new(&path)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("ics")),
            "{path}"
        );

        // The phone's calendar fetches it with no session.
        let feed = app.get(&path, None).await;
        assert_eq!(feed.status(), StatusCode::OK);
        assert!(
            feed.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/calendar")
        );
        let ics = body_text(feed).await;
        assert!(
            ics.contains("BEGIN:VCALENDAR") && ics.contains("BEGIN:VEVENT"),
            "{ics}"
        );

        // The secret opens the calendar only: not the API.
        let token = path
            .trim_start_matches("/calendar/")
            .trim_end_matches(".ics")
            .to_owned();
        let (status, _) = app
            .api("GET", "/api/v1/duty/posts", Some(&token), None)
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);

        // Made again, the old address stops; a guessed one is not found.
        let page = body_text(app.get("/duty/mine", Some(&guard)).await).await;
        assert!(page.contains("Tạo lại đường dẫn lịch"), "{page}");
        let again = app
            .post_form("/duty/mine/feed", Some(&guard), &[], true)
            .await;
        assert_eq!(again.status(), StatusCode::OK);
        assert_eq!(app.get(&path, None).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            app.get("/calendar/0000.ics", None).await.status(),
            StatusCode::NOT_FOUND
        );
        // Only those who stand duty have a feed.
        let refused = app
            .post_form("/duty/mine/feed", Some(&office), &[], true)
            .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn a_guard_asks_for_cover_on_the_phone_and_the_office_sees_the_request() {
    for app in apps().await {
        let guard = app.login("baove").await;
        let office = app.login("vanphong").await;
        let mine = body_text(app.get("/duty/mine", Some(&guard)).await).await;
        let href = mine
            .split("href=\"/duty/swap?")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("a shift to ask cover for")
            .replace("&amp;", "&")
            .replace("&#38;", "&");
        let form = body_text(app.get(&format!("/duty/swap?{href}"), Some(&guard)).await).await;
        assert!(form.contains("Nhờ ai trực thay"), "{form}");
        let q: Vec<(String, String)> = serde_urlencoded::from_str(&href).unwrap();
        let get = |k: &str| q.iter().find(|(key, _)| key == k).unwrap().1.clone();
        // Try the guards offered until one is free (the rules decide).
        let choices: Vec<String> = form
            .split("<option value=\"")
            .skip(1)
            .filter_map(|r| r.split('"').next().map(str::to_owned))
            .collect();
        let mut asked = false;
        for to in &choices {
            let r = app
                .post_form(
                    "/duty/swap",
                    Some(&guard),
                    &[
                        ("month", &get("month")),
                        ("shift", &get("shift")),
                        ("to", to),
                        ("reason", "Việc gia đình"),
                    ],
                    true,
                )
                .await;
            if r.status() == StatusCode::SEE_OTHER {
                asked = true;
                break;
            }
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
            assert!(body_text(r).await.contains("vi phạm"), "refused in words");
        }
        assert!(asked, "someone can stand the shift");
        let mine = body_text(app.get("/duty/mine", Some(&guard)).await).await;
        assert!(
            mine.contains("Đề nghị trực thay") && mine.contains("chờ người được nhờ trả lời"),
            "{mine}"
        );
        assert!(mine.contains("Rút lại"), "{mine}");
        // The office sees it, may refuse it, not yet approve it.
        let roster = body_text(
            app.get(&format!("/duty?month={}", get("month")), Some(&office))
                .await,
        )
        .await;
        assert!(
            roster.contains("Đề nghị trực thay chờ duyệt (1)"),
            "{roster}"
        );
        assert!(roster.contains("Không duyệt") && !roster.contains("Duyệt, đổi lịch"));
        // The guard takes it back.
        let id = mine
            .split("name=\"id\" value=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap()
            .to_owned();
        let back = app
            .post_form(
                "/duty/swap/answer",
                Some(&guard),
                &[("id", &id), ("answer", "withdrawn")],
                true,
            )
            .await;
        assert_eq!(back.status(), StatusCode::SEE_OTHER);
        let mine = body_text(app.get("/duty/mine", Some(&guard)).await).await;
        assert!(mine.contains("đã rút lại"), "{mine}");
    }
}

#[tokio::test]
async fn the_office_enters_a_guards_contract_and_the_hours_show_the_overtime() {
    for app in apps().await {
        let office = app.login("vanphong").await;
        let unit = app.unit("CDLC").await;
        let cli = antt_core::Actor::command_line();
        let guards = app.antt.duty().guards(&cli, unit).await.unwrap();
        let g = &guards[2];
        let page = body_text(app.get("/duty/posts", Some(&office)).await).await;
        assert!(
            page.contains("Hợp đồng") && page.contains("48 giờ/tuần"),
            "{page}"
        );
        assert!(
            page.contains("đã trong lực lượng: sửa"),
            "guards can be edited"
        );

        // 60 hours a week is past the law: refused in words, not saved.
        let person = g.person_id.to_string();
        let campus = g.campus_id.to_string();
        let refused = app
            .post_form(
                "/duty/guards",
                Some(&office),
                &[
                    ("person", &person),
                    ("campus", &campus),
                    ("weekly_hours", "60"),
                ],
                true,
            )
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let text = body_text(refused).await;
        assert!(text.contains("từ 1 đến 48 giờ một tuần"), "{text}");
        let same = app.antt.duty().guards(&cli, unit).await.unwrap();
        assert_eq!(same[2].weekly_hours, g.weekly_hours);

        // 40 hours a week: saved, shown, and November's hours count what
        // the guard stood beyond 171 hours (40 × 30 ÷ 7) as overtime, or
        // the long shifts' hours beyond 8 when more.
        let saved = app
            .post_form(
                "/duty/guards",
                Some(&office),
                &[
                    ("person", &person),
                    ("campus", &campus),
                    ("weekly_hours", "40"),
                ],
                true,
            )
            .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let page = body_text(app.get("/duty/posts", Some(&office)).await).await;
        assert!(page.contains("40 giờ/tuần"), "{page}");
        let nov = app
            .antt
            .duty()
            .roster(
                &cli,
                unit,
                chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            )
            .await
            .unwrap();
        let line = nov
            .hours
            .iter()
            .find(|h| h.guard.person_id == g.person_id)
            .unwrap();
        let long_shifts: i64 = nov
            .roster
            .as_ref()
            .unwrap()
            .shifts
            .iter()
            .filter(|s| s.guard == Some(g.person_id))
            .map(|s| (i64::from(s.hours) - 8).max(0))
            .sum();
        assert_eq!(line.overtime, long_shifts.max(line.hours - 171));
        let month = body_text(app.get("/duty?month=2026-11&all=1", Some(&office)).await).await;
        assert!(month.contains("Giờ làm thêm"), "{month}");
    }
}
