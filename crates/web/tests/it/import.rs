//! The import screens, the export and template downloads, and the import
//! API, in process on every backend.

use std::fmt::Write as _;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::support::{App, BOUNDARY, Session, apps, body_text, multipart};

async fn upload(
    app: &App,
    s: &Session,
    csrf: bool,
    fields: &[(&str, &str)],
    file: &[u8],
) -> (StatusCode, String) {
    upload_named(app, s, csrf, fields, "lop-moi.csv", file).await
}

async fn upload_named(
    app: &App,
    s: &Session,
    csrf: bool,
    fields: &[(&str, &str)],
    file_name: &str,
    file: &[u8],
) -> (StatusCode, String) {
    let body = multipart(csrf.then_some(s.csrf.as_str()), fields, file_name, file);
    let r = Request::post("/people/import")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::COOKIE, &s.cookie)
        .body(Body::from(body))
        .unwrap();
    let response = app.send(r).await;
    let status = response.status();
    (status, body_text(response).await)
}

async fn class_name(app: &App) -> String {
    let cdlc = app.unit("CDLC").await;
    app.antt
        .org()
        .structure(&antt_core::Actor::command_line(), cdlc)
        .await
        .unwrap()
        .classes[0]
        .name
        .clone()
}

#[tokio::test]
async fn upload_preview_and_confirm_only_the_good_rows() {
    for app in apps().await {
        let b = app.backend();
        let s = app.login("vanphong").await;
        let page = body_text(app.get("/people/import", Some(&s)).await).await;
        assert!(
            page.contains("Nhập danh sách từ Excel") && page.contains("/people/template"),
            "{b}"
        );
        let class = class_name(&app).await;
        let csv = format!(
            "DANH SÁCH BỔ SUNG\n\nMSSV,Họ và tên,Ngày sinh,Lớp\nSV2696001,Giàng A Páo,15/8/2008,{class}\nSV2696002,Lý Thị Mỷ,30/02/2008,{class}\n"
        );

        let (status, _) = upload(&app, &s, false, &[], csv.as_bytes()).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "{b}: an upload without the form token"
        );

        let (status, html) = upload(&app, &s, true, &[("kind", "")], csv.as_bytes()).await;
        assert_eq!(status, StatusCode::OK, "{b}: {html}");
        assert!(html.contains("Xem trước khi nhập"), "{b}");
        assert!(html.contains("Ngày không hợp lệ"), "{b}");
        assert!(html.contains("30/02/2008"), "{b}");
        assert!(html.contains("C · Ngày sinh"), "{b}: the column is named");
        let action = html
            .split("action=\"")
            .find_map(|rest| {
                rest.split('"')
                    .next()
                    .filter(|a| a.starts_with("/people/import/"))
            })
            .expect("the confirmation form")
            .to_owned();

        // Confirming without choosing "only the good rows" writes nothing.
        let r = app
            .post_form(&action, Some(&s), &[("kind", "")], true)
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(body_text(r).await.contains("chọn chỉ nhập các dòng hợp lệ"));
        let r = app
            .post_form(
                &action,
                Some(&s),
                &[("kind", ""), ("only_valid", "1")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK, "{b}");
        let done = body_text(r).await;
        assert!(done.contains("Đã thêm 1 người mới"), "{b}: {done}");
        let found = body_text(app.get("/people?q=giang+a+pao", Some(&s)).await).await;
        assert!(found.contains("Giàng A Páo"), "{b}");
        assert!(
            !body_text(app.get("/people?q=ly+thi+my", Some(&s)).await)
                .await
                .contains("Lý Thị Mỷ")
        );

        // A file that is no table is refused on the upload page itself.
        let (status, html) = upload(&app, &s, true, &[], b"just,some\nwords,here\n").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(html.contains("Không tìm thấy dòng tiêu đề"), "{b}");

        // Only a unit's office imports.
        let guard = app.login("baove").await;
        let (status, _) = upload(&app, &guard, true, &[], csv.as_bytes()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{b}");
    }
}

#[tokio::test]
async fn lists_export_with_their_filters_and_the_template_downloads() {
    for app in apps().await {
        let b = app.backend();
        let s = app.login("vanphong").await;
        let list = body_text(app.get("/people?q=nguyen", Some(&s)).await).await;
        assert!(
            list.contains("href=\"/people/export?q=nguyen"),
            "{b}: the button carries the search"
        );
        let r = app
            .get("/people/export?q=nguyen&format=xlsx", Some(&s))
            .await;
        assert_eq!(r.status(), StatusCode::OK, "{b}");
        assert!(
            r.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .contains("spreadsheetml")
        );
        assert!(
            r.headers()[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .contains("danh-sach-cdlc-")
        );
        let r = app
            .get("/people/export?format=csv&kind=staff", Some(&s))
            .await;
        let csv = body_text(r).await;
        assert!(csv.starts_with('\u{feff}'), "{b}: Excel needs the BOM");
        assert!(
            csv.contains("Cán bộ, viên chức") && !csv.contains("Học sinh, sinh viên"),
            "{b}"
        );
        let r = app.get("/people/template", Some(&s)).await;
        assert_eq!(r.status(), StatusCode::OK, "{b}");
        // A guard exports names but never dates of birth or phones.
        let guard = app.login("baove").await;
        let csv = body_text(app.get("/people/export?format=csv", Some(&guard)).await).await;
        assert!(
            csv.contains("Họ và tên") && !csv.contains("Ngày sinh") && !csv.contains("Điện thoại"),
            "{b}"
        );
        let student = app.login("sinhvien").await;
        let r = app.get("/people/export?format=csv", Some(&student)).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    }
}

#[tokio::test]
async fn the_api_imports_a_file_in_the_body() {
    for app in apps().await {
        let b = app.backend();
        let token = app.token("vanphong").await;
        let class = class_name(&app).await;
        let csv = format!(
            "Mã SV;Họ tên;NS;Lớp\nSV2695001;Hờ A Chứ;1/9/2008;{class}\nSV2695002;;1/9/2008;{class}\n"
        );
        let send = |query: &'static str| {
            let csv = csv.clone();
            let token = token.clone();
            let app = &app;
            async move {
                let r = Request::post(format!("/api/v1/people/import?file_name=ds.csv&{query}"))
                    .header(header::AUTHORIZATION, format!("Bearer {token}"))
                    .header(header::CONTENT_TYPE, "text/csv")
                    .body(Body::from(csv))
                    .unwrap();
                let response = app.send(r).await;
                let status = response.status();
                let json: serde_json::Value =
                    serde_json::from_str(&body_text(response).await).unwrap();
                (status, json)
            }
        };
        let (status, report) = send("dry_run=true").await;
        assert_eq!(status, StatusCode::OK, "{b}: {report}");
        assert_eq!(report["written"], false);
        assert_eq!(
            (report["created"].as_u64(), report["skipped"].as_u64()),
            (Some(1), Some(1))
        );
        assert_eq!(report["problems"][0]["field"], "full_name");
        assert_eq!(report["problems"][0]["code"], "required");
        assert_eq!(report["problems"][0]["row"], 3);
        let (status, report) = send("").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {report}");
        assert_eq!(report["written"], false);
        let (status, report) = send("only_valid=true").await;
        assert_eq!(status, StatusCode::OK, "{b}: {report}");
        assert_eq!(report["written"], true);
        let (status, body) = app
            .api("GET", "/api/v1/people?q=ho+a+chu", Some(&token), None)
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["total"], 1, "{b}: {body}");
        let (_, doc) = app.api("GET", "/api/openapi.json", None, None).await;
        assert!(doc["paths"]["/api/v1/people/import"]["post"].is_object());
    }
}

/// Finding 1 of issue 15: a 1.6 KB workbook whose two cells stand at the
/// sheet's opposite corners made the reader lay out half a terabyte and the
/// process abort, for every unit on the server. It is now refused, on the
/// screen and through the API (even as a dry run), and the server goes on.
#[tokio::test]
async fn a_tiny_workbook_spanning_the_whole_sheet_is_refused_and_the_server_goes_on() {
    let bomb = antt_docgen::guard::crafted::xlsx(&[("A1", "Họ và tên"), ("XFD1048576", "x")], None);
    assert!(bomb.len() < 2048);
    for app in apps().await {
        let b = app.backend();
        let s = app.login("vanphong").await;
        let token = app.token("vanphong").await;
        let (_, people) = app.api("GET", "/api/v1/people", Some(&token), None).await;
        let (status, page) = upload_named(&app, &s, true, &[], "ds.xlsx", &bomb).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(page.contains("Bảng tính quá lớn"), "{b}: {page}");
        let r = Request::post("/api/v1/people/import?file_name=ds.xlsx&dry_run=true")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::from(bomb.clone()))
            .unwrap();
        let response = app.send(r).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        let json: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
        assert_eq!(
            json["error"]["fields"][0]["code"], "sheet_too_large",
            "{b}: {json}"
        );
        // The server is alive, and nothing was staged or written.
        let r = app.get("/people/import", Some(&s)).await;
        assert_eq!(r.status(), StatusCode::OK, "{b}");
        let (_, after) = app.api("GET", "/api/v1/people", Some(&token), None).await;
        assert_eq!(after["total"], people["total"], "{b}");
    }
}

/// Finding 7: a file of many bad rows gave a preview page the size of the
/// file. The preview lists the first problems and says how many there are.
#[tokio::test]
async fn a_preview_of_many_bad_rows_lists_the_first_and_counts_the_rest() {
    let mut csv = String::from("Mã SV;Họ tên;NS;Lớp\n");
    for i in 0..3000 {
        writeln!(csv, "SV{i:07};;1/9/2008;Không có lớp này").unwrap();
    }
    for app in apps().await {
        let b = app.backend();
        let s = app.login("vanphong").await;
        let (status, page) = upload(&app, &s, true, &[], csv.as_bytes()).await;
        assert_eq!(status, StatusCode::OK, "{b}");
        assert!(page.contains("lỗi đầu tiên"), "{b}");
        let listed = page.split("class=\"list problems\"").nth(1).unwrap();
        let listed = listed.split("</table>").next().unwrap();
        let rows = listed.matches("<tr class=\"problem\">").count();
        assert_eq!(rows, 200, "{b}: {rows} problems on the page");
        assert!(page.contains("Các lỗi cần sửa (3.000)"), "{b}");
        assert!(page.len() < 300_000, "{b}: a page of {} bytes", page.len());
    }
}

#[tokio::test]
async fn an_import_that_renames_a_person_is_shown_apart_and_needs_its_own_confirmation() {
    for app in apps().await {
        let b = app.backend();
        let s = app.login("vanphong").await;
        let class = class_name(&app).await;
        // SV1700001 is someone else: a code typed wrong would rename them.
        let before = body_text(app.get("/people?q=SV1700001", Some(&s)).await).await;
        let csv = format!("MSSV,Họ và tên,Lớp\nSV1700001,Nguyễn Văn Trùng,{class}\n");
        let (status, html) = upload(&app, &s, true, &[("kind", "")], csv.as_bytes()).await;
        assert_eq!(status, StatusCode::OK, "{b}: {html}");
        assert!(
            html.contains("Đổi tên/ngày sinh"),
            "{b}: the row is shown apart"
        );
        assert!(html.contains("name=\"confirm_renames\""), "{b}");
        let action = html
            .split("action=\"")
            .find_map(|rest| {
                rest.split('"')
                    .next()
                    .filter(|a| a.starts_with("/people/import/"))
            })
            .unwrap()
            .to_owned();
        // Confirmed as a plain import: refused, nothing renamed.
        let r = app
            .post_form(&action, Some(&s), &[("kind", "")], true)
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(
            body_text(r).await.contains("đổi họ tên hoặc ngày sinh"),
            "{b}"
        );
        let after = body_text(app.get("/people?q=SV1700001", Some(&s)).await).await;
        assert!(!after.contains("Nguyễn Văn Trùng"), "{b}: nobody renamed");
        assert_eq!(
            before.contains("Nguyễn Văn Trùng"),
            after.contains("Nguyễn Văn Trùng")
        );
        // Confirmed apart: written.
        let r = app
            .post_form(
                &action,
                Some(&s),
                &[("kind", ""), ("confirm_renames", "1")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK, "{b}");
        let after = body_text(app.get("/people?q=SV1700001", Some(&s)).await).await;
        assert!(after.contains("Nguyễn Văn Trùng"), "{b}");

        // The API: refused without confirm_renames, the rows named.
        let token = app.token("vanphong").await;
        let csv = format!("MSSV,Họ và tên,Lớp\nSV1700001,Nguyễn Văn Trúng,{class}\n");
        let r = app
            .send(
                Request::post("/api/v1/people/import?dry_run=true")
                    .header(header::AUTHORIZATION, format!("Bearer {token}"))
                    .body(Body::from(csv.clone()))
                    .unwrap(),
            )
            .await;
        let report: serde_json::Value = serde_json::from_str(&body_text(r).await).unwrap();
        assert_eq!(report["renames"], serde_json::json!([2]), "{b}: {report}");
        let r = app
            .send(
                Request::post("/api/v1/people/import")
                    .header(header::AUTHORIZATION, format!("Bearer {token}"))
                    .body(Body::from(csv))
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(body_text(r).await.contains("renames_unconfirmed"), "{b}");
    }
}
