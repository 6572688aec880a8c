//! The assessment screens through the router on every database: who may
//! open and change what, refusals that say why and change nothing, the
//! documents, and a province's own score sheet.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::support::{BOUNDARY, apps, body_text, multipart};

const YEAR: &str = "year=2026";

#[tokio::test]
async fn who_opens_and_changes_the_assessment() {
    for app in apps().await {
        let b = app.backend();
        let office = app.login("vanphong").await;
        let student = app.login("sinhvien").await;
        let other = app.login("thcs.vanphong").await;
        let police = app.login("congan.tinh").await;
        let cdlc = app.unit("CDLC").await;

        let r = app.get(&format!("/assessment?{YEAR}"), Some(&office)).await;
        assert_eq!(r.status(), StatusCode::OK, "{b}");
        let page = body_text(r).await;
        assert!(
            page.contains("Còn thiếu: ai làm, hạn nào") && page.contains("Có nguy cơ"),
            "{b}"
        );
        let r = app
            .get(&format!("/assessment?{YEAR}"), Some(&student))
            .await;
        assert_eq!(
            r.status(),
            StatusCode::FORBIDDEN,
            "{b}: students do not see it"
        );
        let r = app
            .get(&format!("/assessment?{YEAR}&unit={cdlc}"), Some(&other))
            .await;
        assert_eq!(
            r.status(),
            StatusCode::NOT_FOUND,
            "{b}: another school never finds it"
        );
        // The province reads it, and may not change the unit's own part.
        let r = app
            .get(&format!("/assessment?{YEAR}&unit={cdlc}"), Some(&police))
            .await;
        assert_eq!(r.status(), StatusCode::OK, "{b}");
        assert!(!body_text(r).await.contains("Lưu xác nhận"), "{b}");
        let r = app
            .post_form(
                &format!("/assessment/ratings?{YEAR}&unit={cdlc}"),
                Some(&police),
                &[("force", "good")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");

        // The province's home page counts its units' dossiers.
        let home = body_text(app.get("/", Some(&police)).await).await;
        assert!(
            home.contains("Hồ sơ chờ thẩm định") && home.contains("Chưa đăng ký phấn đấu"),
            "{b}"
        );

        // The province ranks its units by score and exports the ranking.
        let page = body_text(
            app.get(
                &format!("/assessment/units?{YEAR}&sort=score"),
                Some(&police),
            )
            .await,
        )
        .await;
        assert!(
            page.contains("Hạng") && page.contains("Trường Cao đẳng Lào Cai"),
            "{b}"
        );
        // Units not fully scored are listed apart, below, without a rank.
        let apart = page
            .find("Chưa chấm đủ điểm: chưa xếp hạng")
            .expect("the unscored units apart");
        assert!(page[apart..].contains("<td class=\"num\">—</td>"), "{b}");
        assert!(!page[..apart].contains("<td class=\"num\">—</td>"), "{b}");
        let r = app
            .get(
                &format!("/assessment/units?{YEAR}&sort=xlsx"),
                Some(&police),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK, "{b}");
        let bytes = axum::body::to_bytes(r.into_body(), usize::MAX)
            .await
            .unwrap();
        assert!(bytes.starts_with(b"PK"), "{b}");
        let r = app
            .get(&format!("/assessment/units?{YEAR}"), Some(&office))
            .await;
        assert_eq!(
            r.status(),
            StatusCode::FORBIDDEN,
            "{b}: a school sees no other school"
        );

        // A confirmation without its evidence is refused with the reason.
        let r = app
            .post_form(
                &format!("/assessment/confirm?{YEAR}"),
                Some(&office),
                &[
                    ("check", "2.1"),
                    ("verdict", "met"),
                    ("reason", "Đã thực hiện đầy đủ"),
                    ("evidence", ""),
                ],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(body_text(r).await.contains("Ghi rõ minh chứng"), "{b}");
        // And without the form's token nothing happens at all.
        let r = app
            .post_form(
                &format!("/assessment/confirm?{YEAR}"),
                Some(&office),
                &[
                    ("check", "2.1"),
                    ("verdict", "met"),
                    ("reason", "Đã thực hiện đầy đủ"),
                    ("evidence", "BC 30"),
                ],
                false,
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
        let page = body_text(app.get(&format!("/assessment?{YEAR}"), Some(&office)).await).await;
        assert!(!page.contains("BC 30"), "{b}");

        // A score above the item's maximum: the page says which, nothing saved.
        let r = app
            .post_form(
                &format!("/assessment/score?{YEAR}"),
                Some(&office),
                &[("score_1", "4"), ("score_2", "2")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        let page = body_text(r).await;
        assert!(page.contains("Vượt quá điểm chuẩn của mục này"), "{b}");
        let page = body_text(
            app.get(&format!("/assessment/score?{YEAR}"), Some(&office))
                .await,
        )
        .await;
        assert!(page.contains("Còn 11 mục chưa chấm"), "{b}: nothing saved");

        // Ratings save and show.
        let r = app
            .post_form(
                &format!("/assessment/ratings?{YEAR}"),
                Some(&office),
                &[("force", "excellent")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
        let page = body_text(app.get(&format!("/assessment?{YEAR}"), Some(&office)).await).await;
        assert!(page.contains("Hoàn thành xuất sắc nhiệm vụ"), "{b}");
    }
}

#[tokio::test]
async fn the_documents_download_as_word_and_excel() {
    for app in apps().await {
        let b = app.backend();
        let office = app.login("vanphong").await;
        for (path, name) in [
            (
                "/assessment/documents/report",
                "bao-cao-ket-qua-phong-trao-2026.docx",
            ),
            (
                "/assessment/documents/registration",
                "ban-dang-ky-an-toan-antt-2026.docx",
            ),
            (
                "/assessment/documents/minutes",
                "bien-ban-tu-danh-gia-2026.docx",
            ),
            (
                "/assessment/documents/request",
                "to-trinh-cong-nhan-an-toan-antt-2026.docx",
            ),
            (
                "/assessment/score/export?format=docx",
                "bang-diem-phong-trao-2026.docx",
            ),
            (
                "/assessment/score/export?format=xlsx",
                "bang-diem-phong-trao-2026.xlsx",
            ),
        ] {
            let sep = if path.contains('?') { '&' } else { '?' };
            let r = app.get(&format!("{path}{sep}{YEAR}"), Some(&office)).await;
            assert_eq!(r.status(), StatusCode::OK, "{b} {path}");
            let disposition = r.headers()[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .to_owned();
            assert!(disposition.contains(name), "{b} {path}: {disposition}");
            let bytes = axum::body::to_bytes(r.into_body(), usize::MAX)
                .await
                .unwrap();
            assert!(bytes.starts_with(b"PK"), "{b} {path}");
        }
        // Nothing was submitted yet: no copy "as sent".
        let r = app
            .get(
                &format!("/assessment/documents/submitted?{YEAR}"),
                Some(&office),
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");
    }
}

fn sheet(rows: &[(&str, &str, f64)]) -> Vec<u8> {
    antt_docgen::xlsx(&[antt_docgen::TableSheet {
        name: "Bảng điểm".into(),
        title: vec!["BẢNG CHẤM ĐIỂM".into()],
        headers: vec!["TT".into(), "Nội dung".into(), "Điểm".into()],
        widths: vec![],
        rows: rows
            .iter()
            .map(|(id, content, points)| {
                vec![
                    antt_docgen::Value::Text((*id).into()),
                    antt_docgen::Value::Text((*content).into()),
                    antt_docgen::Value::Number(*points),
                ]
            })
            .collect(),
    }])
    .unwrap()
}

#[tokio::test]
async fn a_province_officer_loads_the_provinces_score_sheet() {
    for app in apps().await {
        let b = app.backend();
        let police = app.login("congan.tinh").await;
        let office = app.login("vanphong").await;
        let upload = |s: &crate::support::Session, file: Vec<u8>, fields: &[(&str, &str)]| {
            let body = multipart(Some(&s.csrf), fields, "bang-diem.xlsx", &file);
            Request::post("/assessment/sheet")
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                )
                .header(header::COOKIE, &s.cookie)
                .body(Body::from(body))
                .unwrap()
        };
        let good = sheet(&[("1", "Lãnh đạo", 50.0), ("2", "Mô hình", 50.0)]);
        let r = app
            .send(upload(&office, good.clone(), &[("min_good", "70")]))
            .await;
        assert_eq!(
            r.status(),
            StatusCode::FORBIDDEN,
            "{b}: a school does not set the sheet"
        );
        let bad = sheet(&[
            ("1", "Lãnh đạo", 50.0),
            ("2", "Mô hình", 50.0),
            ("2a", "Đội", 20.0),
        ]);
        let r = app.send(upload(&police, bad, &[("min_good", "70")])).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        let page = body_text(r).await;
        assert!(
            page.contains("Dòng 5: các ý của mục «2» cộng lại 20 điểm, không bằng 50 điểm của mục"),
            "{b}: {page}"
        );
        let r = app
            .send(upload(
                &police,
                good.clone(),
                &[("min_excellent", "90"), ("min_good", "95")],
            ))
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(
            body_text(r).await.contains("ngưỡng xếp loại phải giảm dần"),
            "{b}"
        );
        let r = app
            .send(upload(
                &police,
                good,
                &[
                    ("min_excellent", "90"),
                    ("standard_excellent", "1"),
                    ("min_good", "70"),
                ],
            ))
            .await;
        assert_eq!(r.status(), StatusCode::OK, "{b}");
        assert!(
            body_text(r)
                .await
                .contains("Đã nạp bảng điểm: 2 mục, tổng 100 điểm, 2 mức"),
            "{b}"
        );
        let page = body_text(
            app.get(&format!("/assessment/score?{YEAR}"), Some(&office))
                .await,
        )
        .await;
        assert!(page.contains("Bảng điểm do Công an tỉnh nạp"), "{b}");
        assert!(page.contains("Còn 2 mục chưa chấm"), "{b}");
    }
}

#[tokio::test]
async fn rewards_from_nomination_to_certificates_through_the_screens() {
    for app in apps().await {
        let b = app.backend();
        let office = app.login("vanphong").await;
        let leader = app.login("bgh").await;
        let student = app.login("sinhvien").await;
        let r = app.get(&format!("/rewards?{YEAR}"), Some(&student)).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
        let page = body_text(app.get(&format!("/rewards?{YEAR}"), Some(&office)).await).await;
        assert!(
            page.contains("Gợi ý từ hồ sơ") && page.contains("Trưởng mô hình, đội"),
            "{b}"
        );

        let nominate = |achievements: &'static str| {
            vec![
                ("do", "nominate"),
                ("nominee", ""),
                ("code", "SV1700001"),
                ("form", "unit_certificate"),
                ("act_on", "21/11/2026"),
                ("achievements", achievements),
            ]
        };
        let r = app
            .post_form(
                &format!("/rewards?{YEAR}"),
                Some(&office),
                &nominate(""),
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(body_text(r).await.contains("Ghi rõ thành tích"), "{b}");
        let r = app
            .post_form(
                &format!("/rewards?{YEAR}"),
                Some(&office),
                &nominate("Dũng cảm giữ đối tượng trộm xe máy tại nhà xe, giao Công an phường"),
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
        let page = body_text(app.get(&format!("/rewards?{YEAR}"), Some(&office)).await).await;
        assert!(page.contains("đột xuất, ngày 21/11/2026"), "{b}");
        // The row of the nomination just made (the demo has its own).
        let id = page
            .split("<tr>")
            .find(|row| row.contains("Dũng cảm giữ đối tượng"))
            .and_then(|row| row.split("name=\"id\" value=\"").nth(1))
            .and_then(|s| s.split('"').next())
            .unwrap()
            .to_owned();
        let r = app
            .post_form(
                &format!("/rewards?{YEAR}"),
                Some(&leader),
                &[("do", "approve"), ("id", &id), ("note", "Nhất trí")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
        let decide = [
            ("do", "decide"),
            ("id", id.as_str()),
            ("decision_form", "unit_certificate"),
            ("number", "121/QĐ-CĐLC"),
            ("signed_on", "21/11/2026"),
            ("issuer", "Trường Cao đẳng Lào Cai"),
            ("signer_title", "Hiệu trưởng"),
            ("signer_name", ""),
            ("reason", ""),
        ];
        let r = app
            .post_form(&format!("/rewards?{YEAR}"), Some(&office), &decide, true)
            .await;
        assert_eq!(
            r.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{b}: no signer"
        );
        let mut decide = decide.to_vec();
        decide[7] = ("signer_name", "Trần Xuân Trường");
        let r = app
            .post_form(&format!("/rewards?{YEAR}"), Some(&office), &decide, true)
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
        let page = body_text(app.get(&format!("/rewards?{YEAR}"), Some(&office)).await).await;
        assert!(
            page.contains("Quyết định số 121/QĐ-CĐLC") && page.contains("Đã khen thưởng"),
            "{b}"
        );
        for link in [
            "/rewards/decision?decision=",
            "/rewards/certificates?decision=",
            "/rewards/achievements?nomination=",
        ] {
            let href = page
                .split(&format!("href=\"{link}"))
                .nth(1)
                .and_then(|s| s.split('"').next())
                .map(|rest| format!("{link}{rest}"))
                .unwrap();
            let r = app.get(&href.replace("&amp;", "&"), Some(&office)).await;
            assert_eq!(r.status(), StatusCode::OK, "{b} {href}");
            assert!(
                r.headers()[axum::http::header::CONTENT_TYPE]
                    .to_str()
                    .unwrap()
                    .contains("wordprocessingml")
                    || link.contains("certificates"),
                "{b} {href}"
            );
        }
        let history = page
            .split("<tr>")
            .find(|row| row.contains("Dũng cảm giữ đối tượng"))
            .and_then(|row| row.split("href=\"/rewards/history?nominee=").nth(1))
            .and_then(|s| s.split('"').next())
            .unwrap()
            .to_owned();
        let page = body_text(
            app.get(
                &format!("/rewards/history?nominee={history}"),
                Some(&office),
            )
            .await,
        )
        .await;
        assert!(
            page.contains("Lịch sử khen thưởng") && page.contains("121/QĐ-CĐLC"),
            "{b}"
        );
    }
}

/// The school says its level on the org page; the readiness page then
/// answers check 2.3 by it. Another unit's level is not the office's.
#[tokio::test]
async fn a_school_says_its_level_and_check_2_3_follows() {
    for app in apps().await {
        let b = app.backend();
        let office = app.login("vanphong").await;
        let page = body_text(app.get("/org", Some(&office)).await).await;
        assert!(
            page.contains("Cấp học của trường")
                && page.contains("<option value=\"vocational\" selected>"),
            "{b}"
        );
        let readiness =
            async || body_text(app.get(&format!("/assessment?{YEAR}"), Some(&office)).await).await;
        assert!(
            readiness()
                .await
                .contains("Trung cấp, cao đẳng, không có cấp học phổ thông"),
            "{b}"
        );
        let r = app
            .post_form(
                "/org/level",
                Some(&office),
                &[("level", "upper_secondary")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
        let page = body_text(app.get("/org", Some(&office)).await).await;
        assert!(
            page.contains("<option value=\"upper_secondary\" selected>"),
            "{b}"
        );
        assert!(
            readiness()
                .await
                .contains("Trung học phổ thông, có cấp học phổ thông"),
            "{b}"
        );
        let r = app
            .post_form("/org/level", Some(&office), &[("level", "castle")], true)
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        // A teacher reads the page but does not change the level.
        let teacher = app.login("gvcn").await;
        let r = app
            .post_form(
                "/org/level",
                Some(&teacher),
                &[("level", "university")],
                true,
            )
            .await;
        assert!(r.status().is_client_error(), "{b}: {}", r.status());
        let page = body_text(app.get("/org", Some(&office)).await).await;
        assert!(
            page.contains("<option value=\"upper_secondary\" selected>"),
            "{b}"
        );
    }
}

#[tokio::test]
async fn readiness_and_standings_on_the_api() {
    for app in apps().await {
        let b = app.backend();
        let office = app.token("vanphong").await;
        let police = app.token("congan.tinh").await;
        let student = app.token("sinhvien").await;
        let (status, r) = app
            .api("GET", "/api/v1/readiness?year=2026", Some(&office), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{b}: {r}");
        assert_eq!(r["standard"], "at_risk", "{b}");
        assert_eq!(r["criteria"].as_array().unwrap().len(), 6, "{b}");
        assert_eq!(r["todo"][0]["check"], "2.1", "{b}");
        assert_eq!(r["todo"][0]["who"], "leaders", "{b}");
        assert_eq!(r["state"], "self_assessed", "{b}");
        let (status, _) = app
            .api("GET", "/api/v1/readiness?year=2026", Some(&student), None)
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{b}");
        let (status, list) = app
            .api("GET", "/api/v1/assessments?year=2026", Some(&police), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{b}");
        let college = list
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["code"] == "CDLC")
            .cloned()
            .unwrap();
        assert_eq!(college["state"], "self_assessed", "{b}");
        let cdlc = college["unit"].as_str().unwrap().to_owned();
        let (status, r) = app
            .api(
                "GET",
                &format!("/api/v1/readiness?year=2026&unit={cdlc}"),
                Some(&police),
                None,
            )
            .await;
        assert_eq!(
            status,
            StatusCode::OK,
            "{b}: the province reads a unit's readiness"
        );
        assert_eq!(r["unit"], cdlc.as_str());
        let (status, _) = app
            .api("GET", "/api/v1/assessments?year=2026", Some(&office), None)
            .await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "{b}: a school sees no other school"
        );
    }
}

#[tokio::test]
async fn a_school_with_nothing_recorded_yet_sees_every_page_and_can_register() {
    for app in apps().await {
        let b = app.backend();
        let office = app.login("thcs.vanphong").await;
        for path in [
            "/assessment",
            "/assessment/ratings",
            "/assessment/score",
            "/assessment/report",
            "/assessment/dossier",
            "/rewards",
            "/",
        ] {
            let r = app.get(&format!("{path}?{YEAR}"), Some(&office)).await;
            assert_eq!(r.status(), StatusCode::OK, "{b} {path}");
        }
        let page = body_text(
            app.get(&format!("/assessment/dossier?{YEAR}"), Some(&office))
                .await,
        )
        .await;
        assert!(page.contains("Đăng ký phấn đấu"), "{b}");
        let r = app
            .get(
                &format!("/assessment/documents/report?{YEAR}"),
                Some(&office),
            )
            .await;
        assert_eq!(
            r.status(),
            StatusCode::OK,
            "{b}: a report without a plan still writes"
        );
        let r = app
            .get(
                &format!("/assessment/documents/minutes?{YEAR}"),
                Some(&office),
            )
            .await;
        assert_eq!(
            r.status(),
            StatusCode::NOT_FOUND,
            "{b}: no registration, no minutes"
        );
        let r = app
            .post_form(
                &format!("/assessment/register?{YEAR}"),
                Some(&office),
                &[],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
        let page = body_text(app.get(&format!("/assessment?{YEAR}"), Some(&office)).await).await;
        assert!(page.contains("Đã đăng ký"), "{b}");
        // Registered on 21/11, after the first quarter: the check says so.
        assert!(page.contains("21/11/2026"), "{b}");
        // The meeting's conclusion is drafted from the table: with checks
        // failed, it does not ask for recognition.
        let dossier = body_text(
            app.get(&format!("/assessment/dossier?{YEAR}"), Some(&office))
                .await,
        )
        .await;
        assert!(
            dossier.contains("chưa đủ điều kiện đề nghị công nhận"),
            "{b}: {dossier}"
        );
        // A meeting day nobody can read is refused by name; nothing moves.
        let r = app
            .post_form(
                &format!("/assessment/meeting?{YEAR}"),
                Some(&office),
                &[
                    ("held_on", "hôm qua"),
                    ("place", "Phòng họp"),
                    ("chair", "Hiệu trưởng"),
                ],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        let page = body_text(r).await;
        assert!(
            page.contains("Ngày họp") && page.contains("Ngày không hợp lệ"),
            "{b}"
        );
        assert!(page.contains("Trạng thái: Đã đăng ký"), "{b}");
        // So is a start time that is no time.
        let r = app
            .post_form(
                &format!("/assessment/meeting?{YEAR}"),
                Some(&office),
                &[
                    ("held_on", "18/11/2026"),
                    ("starts", "25:00"),
                    ("place", "Phòng họp"),
                    ("chair", "Hiệu trưởng"),
                ],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        let page = body_text(r).await;
        assert!(
            page.contains("value=\"18/11/2026\""),
            "{b}: what was typed stays"
        );
    }
}

#[tokio::test]
async fn rewards_on_the_api() {
    for app in apps().await {
        let b = app.backend();
        let office = app.token("vanphong").await;
        let teacher = app.token("gvcn").await;
        let body = |achievements: &str| {
            serde_json::json!({
                "year": 2026,
                "nominee_kind": "person",
                "nominee": "SV1700001",
                "form": "unit_certificate",
                "achievements": achievements,
                "act_on": "2026-11-21",
            })
        };
        let (status, e) = app
            .api(
                "POST",
                "/api/v1/rewards/nominations",
                Some(&office),
                Some(body("")),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {e}");
        let (status, _) = app
            .api(
                "POST",
                "/api/v1/rewards/nominations",
                Some(&teacher),
                Some(body("Dũng cảm giữ đối tượng trộm xe máy tại nhà xe")),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{b}");
        let (status, created) = app
            .api(
                "POST",
                "/api/v1/rewards/nominations",
                Some(&office),
                Some(body("Dũng cảm giữ đối tượng trộm xe máy tại nhà xe")),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{b}: {created}");
        let (status, r) = app
            .api("GET", "/api/v1/rewards?year=2026", Some(&office), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{b}");
        // Beside the demo's own nominations.
        let n = r["nominations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == created["id"])
            .expect("the new nomination listed");
        assert_eq!(n["state"], "proposed", "{b}");
        assert_eq!(n["act_on"], "2026-11-21", "{b}");
    }
}
