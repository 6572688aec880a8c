//! The province page on SQLite and PostgreSQL: the officer sees the
//! targets against the year, by kind and by ward police, with the units
//! holding a figure down linked to their dossier; the figures as Excel; a
//! target refused in Vietnamese, then set, changed and removed; a school's
//! office kept out.

use axum::http::{StatusCode, header};

use crate::support::{apps, body_text};

#[tokio::test]
async fn the_province_officer_reads_the_standing_and_sets_a_target() {
    for app in apps().await {
        let officer = app.login("congan.tinh").await;
        let page = body_text(app.get("/province?year=2026", Some(&officer)).await).await;
        for words in [
            "Chỉ tiêu phong trào năm 2026",
            "Phong trào đạt loại khá, xuất sắc",
            "Lực lượng bảo vệ được trang bị công cụ hỗ trợ, phương tiện",
            "Chưa đạt chỉ tiêu",
            "Đạt chỉ tiêu",
            "Theo cơ quan công an quản lý",
            "Công an xã Bát Xát",
            "Cơ sở giáo dục",
            "Đơn vị kéo tỷ lệ xuống",
            "Chưa chấm đủ điểm",
        ] {
            assert!(page.contains(words), "{words}: {page}");
        }
        // The college that holds "average or better" down opens on its dossier.
        let cdlc = antt_core::Actor::command_line();
        let college = app.antt.units().by_code(&cdlc, "CDLC").await.unwrap().id;
        let link = format!("/assessment/dossier?year=2026&#38;unit={college}");
        assert!(page.contains(&link), "{page}");
        let dossier = app.get(&link.replace("&#38;", "&"), Some(&officer)).await;
        assert_eq!(dossier.status(), StatusCode::OK);

        let xlsx = app
            .get("/province?year=2026&format=xlsx", Some(&officer))
            .await;
        assert_eq!(xlsx.status(), StatusCode::OK);
        assert!(
            xlsx.headers()[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .contains("chi-tieu-phong-trao-2026.xlsx")
        );

        let report = app
            .get("/province/report?year=2026&years=5", Some(&officer))
            .await;
        assert_eq!(report.status(), StatusCode::OK);
        assert!(
            report.headers()[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .contains("bao-cao-phong-trao-2022-2026.docx")
        );
        assert!(
            page.contains("/province/report?year=2026"),
            "the page links it"
        );

        let bad = [
            ("measure", "movement_good"),
            ("kind", "school"),
            ("share", "85-80"),
            ("from_year", "2026"),
            ("due_year", "2030"),
        ];
        let r = app
            .post_form("/province/targets", Some(&officer), &bad, true)
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let text = body_text(r).await;
        assert!(text.contains("Tỷ lệ theo phần trăm"), "{text}");
        let before = app
            .antt
            .province()
            .targets(
                &cdlc,
                Some(app.antt.units().by_code(&cdlc, "CATLC").await.unwrap().id),
            )
            .await
            .unwrap();
        assert_eq!(before.len(), 5, "nothing was saved");

        let mut good = bad;
        good[2] = ("share", "90");
        let r = app
            .post_form("/province/targets", Some(&officer), &good, true)
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = body_text(app.get("/province?year=2026", Some(&officer)).await).await;
        assert!(
            page.contains("Phong trào đạt loại khá, xuất sắc (Cơ sở giáo dục)"),
            "{page}"
        );
        let authority = app.antt.units().by_code(&cdlc, "CATLC").await.unwrap().id;
        let added = app
            .antt
            .province()
            .targets(&cdlc, Some(authority))
            .await
            .unwrap()
            .into_iter()
            .find(|t| t.kind.is_some())
            .unwrap();
        let edit = body_text(
            app.get(&format!("/province?edit={}", added.id), Some(&officer))
                .await,
        )
        .await;
        assert!(
            edit.contains("Sửa chỉ tiêu") && edit.contains("value=\"90\""),
            "{edit}"
        );
        good[2] = ("share", "80-85");
        let r = app
            .post_form(
                &format!("/province/targets/{}", added.id),
                Some(&officer),
                &good,
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = body_text(app.get("/province", Some(&officer)).await).await;
        assert!(page.contains("80–85 %"), "{page}");
        let r = app
            .post_form(
                &format!("/province/targets/{}/delete", added.id),
                Some(&officer),
                &[],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            app.antt
                .province()
                .targets(&cdlc, Some(authority))
                .await
                .unwrap(),
            before
        );

        let models = body_text(app.get("/province/models", Some(&officer)).await).await;
        for words in [
            "Mô hình, tổ, đội toàn địa bàn",
            "Cổng trường an toàn giao thông",
            "Cụm an ninh liên kết Sa Pa",
            "Phối hợp: Công an phường Sa Pa; UBND phường Sa Pa",
        ] {
            assert!(models.contains(words), "{words}: {models}");
        }

        // A school's office has no province page and cannot set a target.
        let office = app.login("vanphong").await;
        let r = app.get("/province", Some(&office)).await;
        assert!(
            matches!(r.status(), StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
            "{}",
            r.status()
        );
        let r = app
            .post_form("/province/targets", Some(&office), &good, true)
            .await;
        assert!(r.status().is_client_error(), "{}", r.status());
    }
}

#[tokio::test]
async fn a_school_reports_on_the_provinces_task_and_the_officer_sees_it() {
    use axum::body::Body;
    use axum::http::Request;

    use crate::support::{BOUNDARY, multipart};
    for app in apps().await {
        let office = app.login("vanphong").await;
        let officer = app.login("congan.tinh").await;
        let page = body_text(app.get("/plans", Some(&office)).await).await;
        assert!(page.contains("Việc cơ quan Công an giao (4)"), "{page}");
        assert!(
            page.contains("Công an tỉnh Lào Cai, Số: 112/KH-CAT-PV05"),
            "{page}"
        );
        let href = page
            .split("href=\"")
            .find(|s| s.starts_with("/assigned/"))
            .and_then(|s| s.split('"').next())
            .unwrap()
            .to_owned();
        let task = href.trim_start_matches("/assigned/").to_owned();
        let show = body_text(app.get(&href, Some(&office)).await).await;
        assert!(
            show.contains("Công an tỉnh Lào Cai giao cho các đơn vị"),
            "{show}"
        );
        assert!(show.contains("Gửi báo cáo"), "the office reports");

        let body = multipart(
            Some(&office.csrf),
            &[("body", "Đã kiện toàn Tổ bảo vệ"), ("status", "done")],
            "",
            b"",
        );
        let r = app
            .send(
                Request::post(&href)
                    .header(
                        header::CONTENT_TYPE,
                        format!("multipart/form-data; boundary={BOUNDARY}"),
                    )
                    .header(header::COOKIE, &office.cookie)
                    .body(Body::from(body))
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let show = body_text(app.get(&href, Some(&office)).await).await;
        assert!(show.contains("Đã kiện toàn Tổ bảo vệ"), "{show}");

        // The officer: the plan in the menu, every unit's answer on the task.
        let home = body_text(app.get("/province", Some(&officer)).await).await;
        assert!(
            home.contains("href=\"/plans\""),
            "the officer's menu has the plan"
        );
        let answers = body_text(app.get(&format!("/tasks/{task}"), Some(&officer)).await).await;
        assert!(answers.contains("Các đơn vị báo cáo"), "{answers}");
        assert!(answers.contains("Trường Cao đẳng Lào Cai"));
        assert!(answers.contains("chưa báo cáo"));

        // A task for the agencies alone: the form asks to whom, the task
        // says it, its answers are the agencies' and the college is not
        // given it.
        let cdlc = app.unit("CDLC").await;
        let plan = app
            .antt
            .plans()
            .assigned(&antt_core::Actor::command_line(), cdlc)
            .await
            .unwrap()[0]
            .plan
            .id;
        let form = body_text(
            app.get(&format!("/plans/{plan}/tasks/new"), Some(&officer))
                .await,
        )
        .await;
        assert!(form.contains("Giao cho"), "{form}");
        assert!(form.contains("Các cơ quan trực thuộc"), "{form}");
        let own = body_text(
            app.get(
                &format!(
                    "/plans/{}/tasks/new",
                    crate::plans::plan_id(&app, 2026).await
                ),
                Some(&office),
            )
            .await,
        )
        .await;
        assert!(!own.contains("Giao cho"), "a unit's own task is its own");
        let created = app
            .post_form(
                &format!("/plans/{plan}/tasks"),
                Some(&officer),
                &[
                    ("section", "2"),
                    (
                        "title",
                        "Kiểm tra công tác bảo vệ cơ quan, bảo vệ bí mật nhà nước",
                    ),
                    ("due_on", "30/09/2026"),
                    ("for_kind", "agency"),
                ],
                true,
            )
            .await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER, "{}", app.backend());
        let at = created.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_owned();
        let shown = body_text(app.get(&at, Some(&officer)).await).await;
        assert!(shown.contains("Các cơ quan trực thuộc"), "{shown}");
        assert!(!shown.contains("Trường Cao đẳng Lào Cai"), "{shown}");
        let listed = body_text(app.get(&format!("/plans/{plan}"), Some(&officer)).await).await;
        assert!(listed.contains("Các doanh nghiệp trực thuộc"), "{listed}");
        assert!(listed.contains("đơn vị đã báo cáo"), "{listed}");
        assert!(
            !listed.contains("Các phòng, khoa, trung tâm"),
            "a police body's tasks go to units"
        );
        let page = body_text(app.get("/plans", Some(&office)).await).await;
        assert!(
            page.contains("Việc cơ quan Công an giao (4)"),
            "a college is no agency"
        );

        // The five-year report's figures as Excel too.
        let r = app
            .get(
                "/province/report?year=2026&years=5&format=xlsx",
                Some(&officer),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.headers()[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .contains("bao-cao-phong-trao-2022-2026.xlsx")
        );
    }
}
