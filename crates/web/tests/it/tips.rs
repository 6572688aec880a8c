//! The tip screens: an anonymous tip from the public portal with a photo,
//! its receipt, the status page; refusals that store nothing; who reads a
//! tip; the state machine through the forms; the public API; on every
//! backend. (That the server's logs hold no address is tested on the
//! binary, in `antt`'s tests.)

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};

use crate::support::{App, BOUNDARY, Session, apps, body_text};

/// A small JPEG, as a phone would send (its metadata is not the point here).
pub(crate) fn photo() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(40, 30, |x, y| {
        image::Rgb([
            u8::try_from(x * 6).unwrap(),
            u8::try_from(y * 8).unwrap(),
            120,
        ])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .unwrap();
    out.into_inner()
}

/// The portal's multipart body: fields, then photos.
fn tip_body(fields: &[(&str, &str)], photos: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .into_bytes(),
        );
    }
    for (name, bytes) in photos {
        body.extend(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"{name}\"\r\nContent-Type: image/jpeg\r\n\r\n").into_bytes());
        body.extend(*bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").into_bytes());
    body
}

const FROM: &str = "203.0.113.77";

async fn send_tip(
    app: &App,
    fields: &[(&str, &str)],
    photos: &[(&str, &[u8])],
) -> (StatusCode, String, bool) {
    let mut r = Request::post("/tip/CDLC")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(tip_body(fields, photos)))
        .unwrap();
    r.extensions_mut()
        .insert(ConnectInfo(SocketAddr::new(FROM.parse().unwrap(), 51234)));
    let response = app.send(r).await;
    if response.status() != StatusCode::SEE_OTHER {
        let status = response.status();
        let cookie = response.headers().contains_key(header::SET_COOKIE);
        return (status, body_text(response).await, cookie);
    }
    // Sent: the receipt is on the page the answer leads to, with the one
    // cookie that lets this browser see it there.
    let (page, sent) = follow_sent(app, &response).await;
    let other_cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|c| !c.to_str().unwrap().starts_with("antt_sent="));
    (
        page.status(),
        body_text(page).await,
        other_cookie || sent.is_empty(),
    )
}

/// Opens the page a sent tip's answer leads to, with the cookie it set;
/// and that cookie.
async fn follow_sent(
    app: &App,
    response: &axum::http::Response<Body>,
) -> (axum::http::Response<Body>, String) {
    let location = response.headers()[header::LOCATION].to_str().unwrap();
    assert_eq!(location, "/tip/CDLC/sent");
    let sent = crate::support::set_cookie(response, "antt_sent").unwrap_or_default();
    let r = Request::get(location)
        .header(header::COOKIE, format!("antt_sent={sent}"))
        .body(Body::empty())
        .unwrap();
    (app.send(r).await, sent)
}

/// The 16 digits shown on a receipt page.
pub(crate) fn receipt_of(html: &str) -> String {
    let at = html.find("id=\"receipt\">").expect("a receipt") + 13;
    html[at..]
        .chars()
        .take_while(|c| *c != '<')
        .filter(char::is_ascii_digit)
        .collect()
}

const STORY: &str = "Có nhóm người lạ tụ tập hút chất lạ sau nhà xe khu B";

async fn inbox_count(app: &App, s: &Session) -> usize {
    body_text(app.get("/tips?view=all", Some(s)).await)
        .await
        .matches("href=\"/tips/0")
        .count()
}

#[tokio::test]
async fn an_anonymous_tip_with_a_photo_gets_a_receipt_and_nothing_half_saved() {
    for app in apps().await {
        let b = app.backend();
        let page = app.get("/tip/CDLC", None).await;
        assert_eq!(page.status(), StatusCode::OK, "{b}");
        assert!(
            !page.headers().contains_key(header::SET_COOKIE),
            "the portal sets no cookie"
        );
        let html = body_text(page).await;
        assert!(
            html.contains("Trường Cao đẳng Lào Cai") && html.contains("Gửi tin báo"),
            "{b}"
        );
        assert_eq!(
            app.get("/tip/CATLC", None).await.status(),
            StatusCode::NOT_FOUND,
            "a police body takes no tips"
        );

        let office = app.login("vanphong").await;
        let before = inbox_count(&app, &office).await;
        // Refused: no description; an unknown category; a file that is no picture.
        let (status, html, _) =
            send_tip(&app, &[("category", "drugs"), ("description", "  ")], &[]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(html.contains("Không được để trống"), "{b}");
        let (status, _, _) =
            send_tip(&app, &[("category", "aliens"), ("description", STORY)], &[]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, html, _) = send_tip(
            &app,
            &[("category", "drugs"), ("description", STORY)],
            &[("a.jpg", b"%PDF-1.4 no picture")],
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            html.contains("Ảnh kèm theo") && html.contains("Chỉ nhận ảnh JPEG, PNG hoặc WebP"),
            "{html}"
        );
        let four = [
            ("1.jpg", &b"x"[..]),
            ("2.jpg", &b"x"[..]),
            ("3.jpg", &b"x"[..]),
            ("4.jpg", &b"x"[..]),
        ];
        let (status, html, _) = send_tip(
            &app,
            &[("category", "drugs"), ("description", STORY)],
            &four,
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(html.contains("Gửi tối đa 3 ảnh"), "{html}");
        assert!(html.contains(STORY), "what was typed is kept");
        assert_eq!(inbox_count(&app, &office).await, before, "nothing stored");

        let jpeg = photo();
        let (status, html, cookie) = send_tip(
            &app,
            &[
                ("category", "drugs"),
                ("description", STORY),
                ("place", "Nhà xe khu B"),
                ("identity", "anonymous"),
                ("contact", "Nguyễn Văn A 0912345678"),
                ("occurred", "2026-11-20T21:30"),
            ],
            &[("IMG_0001.jpg", &jpeg)],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{b}: {html}");
        assert!(!cookie, "no cookie but the sent page's reference");
        let receipt = receipt_of(&html);
        assert_eq!(receipt.len(), 16, "{html}");

        // The office reads it with its photo; no contact was kept.
        let list = body_text(app.get("/tips", Some(&office)).await).await;
        let at = list.find("href=\"/tips/0").expect("a tip in the inbox") + 6;
        let href = list[at..at + list[at..].find('"').unwrap()].to_owned();
        let tip = body_text(app.get(&href, Some(&office)).await).await;
        assert!(tip.contains(STORY) && tip.contains("Ẩn danh"), "{b}");
        assert!(!tip.contains("0912345678"));
        let photo = app.get(&format!("{href}/photos/0"), Some(&office)).await;
        assert_eq!(photo.status(), StatusCode::OK);
        assert_eq!(photo.headers()[header::CONTENT_TYPE], "image/jpeg");

        // The reporter checks with the code; a wrong code says so.
        let r = app
            .post_form("/tip/status", None, &[("receipt", &receipt)], false)
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(body_text(r).await.contains("Nhà trường đã nhận tin báo"));
        let r = app
            .post_form(
                "/tip/status",
                None,
                &[("receipt", "0000 0000 0000 0000")],
                false,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body_text(r).await.contains("Không tìm thấy tin báo"));
    }
}

#[tokio::test]
async fn a_guard_records_but_reads_no_tip_and_another_unit_finds_nothing() {
    for app in apps().await {
        let guard = app.login("baove").await;
        let page = body_text(app.get("/tips", Some(&guard)).await).await;
        assert!(page.contains("không xem được nội dung"), "{page}");
        let body = tip_body(
            &[
                ("_csrf", &guard.csrf),
                ("channel", "in_person"),
                ("category", "theft"),
                ("description", "Mất xe đạp ở nhà xe A"),
                ("identity", "named"),
                ("contact", "Em Lò Văn Sáng, lớp CĐ Điện 1"),
            ],
            &[],
        );
        let r = Request::post("/tips/new")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .header(header::COOKIE, &guard.cookie)
            .body(Body::from(body))
            .unwrap();
        let response = app.send(r).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "{}",
            app.backend()
        );
        let to = response.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(to.starts_with("/tips?recorded="), "{to}");

        let office = app.login("vanphong").await;
        let list = body_text(app.get("/tips", Some(&office)).await).await;
        let at = list.find("href=\"/tips/0").unwrap() + 6;
        let href = list[at..at + list[at..].find('"').unwrap()].to_owned();
        assert_eq!(
            app.get(&href, Some(&guard)).await.status(),
            StatusCode::FORBIDDEN
        );
        let other = app.login("thcs.vanphong").await;
        assert_eq!(
            app.get(&href, Some(&other)).await.status(),
            StatusCode::NOT_FOUND
        );
        let tip = body_text(app.get(&href, Some(&office)).await).await;
        assert!(tip.contains("Lò Văn Sáng") && tip.contains("Báo trực tiếp"));

        // Through the forms: a transfer without the police unit is refused.
        let r = app
            .post_form(
                &format!("{href}/state"),
                Some(&office),
                &[("to", "transferred"), ("reason", "Có dấu hiệu trộm cắp")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body_text(r).await.contains("Cơ quan Công an tiếp nhận"));
        let r = app
            .post_form(
                &format!("{href}/state"),
                Some(&office),
                &[
                    ("to", "transferred"),
                    ("reason", "Có dấu hiệu trộm cắp"),
                    ("police_unit", "Công an phường Bắc Lệnh"),
                ],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let tip = body_text(app.get(&href, Some(&office)).await).await;
        assert!(tip.contains("Đã chuyển Công an") && tip.contains("Công an phường Bắc Lệnh"));
        // A tip recorded by staff has no receipt: no message to the reporter.
        assert!(!tip.contains("Nhắn người báo tin</button>"));
        // The guard follows what they recorded: number, kind and state,
        // never the content; from their home, too.
        let mine = body_text(app.get("/tips", Some(&guard)).await).await;
        let number = to.trim_start_matches("/tips?recorded=");
        let line = format!("<td><span class=\"number\">Tin báo số {number}</span></td>");
        let at = mine.find(&line).expect("the guard's tip is listed");
        let row = &mine[at..at + mine[at..].find("</tr>").unwrap()];
        assert!(
            row.contains("Trộm cắp") && row.contains("Đã chuyển Công an"),
            "{row}"
        );
        assert!(
            !mine.contains("Mất xe đạp") && !mine.contains("Lò Văn Sáng"),
            "{mine}"
        );
        let home = body_text(app.get("/", Some(&guard)).await).await;
        assert!(
            home.contains("tin đang xử lý") && home.contains("href=\"/tips#recorded\""),
            "{home}"
        );
        let other_guard = body_text(app.get("/tips", Some(&office)).await).await;
        assert!(
            !other_guard.contains("Tin báo bạn đã ghi nhận"),
            "a handler has the inbox"
        );
    }
}

#[tokio::test]
async fn the_public_api_sends_a_tip_and_follows_it_with_the_receipt_in_the_body() {
    for app in apps().await {
        let b = app.backend();
        let (status, cats) = app
            .api("GET", "/api/v1/public/tip-categories", None, None)
            .await;
        assert_eq!(status, StatusCode::OK);
        let codes: Vec<&str> = cats
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["code"].as_str().unwrap())
            .collect();
        assert!(
            codes.contains(&"drugs") && codes.contains(&"online_fraud") && codes.len() == 11,
            "{codes:?}"
        );

        let (status, body) = app
            .api("POST", "/api/v1/public/tips", None, Some(serde_json::json!({"unit": "CDLC", "category": "nope", "description": "x", "anonymous": true})))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {body}");
        let (status, body) = app
            .api("POST", "/api/v1/public/tips", None, Some(serde_json::json!({"unit": "CDLC", "category": "gambling", "description": "   ", "anonymous": true})))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["error"]["fields"][0]["field"], "description", "{body}");
        let (status, body) = app
            .api("POST", "/api/v1/public/tips", None, Some(serde_json::json!({"unit": "CDLC", "category": "traffic", "description": "Xe tải chạy quá tốc độ trước cổng trường giờ tan học", "anonymous": true, "place": "KTX"})))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let receipt = body["receipt"].as_str().unwrap().to_owned();
        assert_eq!(receipt.len(), 16);

        let token = app.token("vanphong").await;
        let (status, list) = app.api("GET", "/api/v1/tips", Some(&token), None).await;
        assert_eq!(status, StatusCode::OK);
        let tip = list
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["category"] == "traffic")
            .expect("listed")
            .clone();
        assert!(tip.get("description").is_none(), "a list holds no content");
        let id = tip["id"].as_str().unwrap();
        let (status, _) = app
            .api("POST", &format!("/api/v1/tips/{id}/messages"), Some(&token), Some(serde_json::json!({"kind": "staff", "text": "Em biết tên người tổ chức không?"})))
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, body) = app
            .api(
                "POST",
                &format!("/api/v1/tips/{id}/state"),
                Some(&token),
                Some(serde_json::json!({"to": "resolved", "reason": "Xong"})),
            )
            .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "closing without an outcome: {body}"
        );

        let (status, st) = app
            .api(
                "POST",
                "/api/v1/public/tips/status",
                None,
                Some(serde_json::json!({"receipt": receipt})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{st}");
        assert_eq!(st["state"], "received");
        assert_eq!(st["messages"][0]["from"], "handler");
        let (status, _) = app
            .api(
                "POST",
                "/api/v1/public/tips/reply",
                None,
                Some(serde_json::json!({"receipt": receipt, "message": "Anh Tuấn lớp K15"})),
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (_, detail) = app
            .api("GET", &format!("/api/v1/tips/{id}"), Some(&token), None)
            .await;
        assert_eq!(
            detail["description"],
            "Xe tải chạy quá tốc độ trước cổng trường giờ tan học"
        );
        assert_eq!(detail["messages"][1]["author"], "reporter");
        assert_eq!(detail["awaiting_staff"], true);

        let (status, _) = app
            .api(
                "POST",
                "/api/v1/public/tips/status",
                None,
                Some(serde_json::json!({"receipt": "1111222233334444"})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        // A student's token reads no tip.
        let student = app.token("sinhvien").await;
        let (status, _) = app.api("GET", "/api/v1/tips", Some(&student), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn the_office_opens_an_incident_from_a_tip_hands_it_to_the_police_and_sees_the_figures() {
    for app in apps().await {
        let b = app.backend();
        let office = app.login("vanphong").await;
        let list = body_text(app.get("/tips", Some(&office)).await).await;
        let at = list.find("href=\"/tips/0").unwrap() + 6;
        let tip = list[at..at + list[at..].find('"').unwrap()].to_owned();
        let tip_id = tip.trim_start_matches("/tips/").to_owned();
        let form = body_text(
            app.get(&format!("/incidents/new?tip={tip_id}"), Some(&office))
                .await,
        )
        .await;
        assert!(
            form.contains("Lập vụ việc") && form.contains(&tip_id),
            "{b}"
        );
        let refused = app
            .post_form(
                "/incidents",
                Some(&office),
                &[
                    ("category", "violence"),
                    ("severity", "serious"),
                    ("occurred", "2026-11-20T17:00"),
                    ("place", ""),
                    ("summary", "x"),
                    ("tip", &tip_id),
                ],
                true,
            )
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body_text(refused).await.contains("Địa điểm"));
        let refused = app
            .post_form(
                "/incidents",
                Some(&office),
                &[
                    ("category", "violence"),
                    ("occurred", "20/11/2026 17:00"),
                    ("place", "Căng tin"),
                    ("summary", "x"),
                    ("campus", "khong-phai-co-so"),
                ],
                true,
            )
            .await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "an unknown campus"
        );
        let r = app
            .post_form(
                "/incidents",
                Some(&office),
                &[
                    ("category", "violence"),
                    ("severity", "serious"),
                    ("occurred", "2026-11-20T17:00"),
                    ("place", "Đường sau căng tin"),
                    (
                        "summary",
                        "Nhóm sinh viên năm hai hẹn đánh một bạn năm nhất",
                    ),
                    ("actions", "Mời làm việc, báo GVCN"),
                    ("value_recovered", ""),
                    ("tip", &tip_id),
                ],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
        let incident = r.headers()[header::LOCATION].to_str().unwrap().to_owned();
        let r = app
            .post_form(
                &format!("{incident}/transfer"),
                Some(&office),
                &[
                    ("police_unit", "Công an phường Cam Đường"),
                    ("transferred_on", "21/11/2026"),
                    ("police_reference", "77/TN"),
                    ("acknowledged_on", "20/11/2026"),
                ],
                true,
            )
            .await;
        assert_eq!(
            r.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "acknowledged before it was sent"
        );
        let r = app
            .post_form(
                &format!("{incident}/transfer"),
                Some(&office),
                &[
                    ("police_unit", "Công an phường Cam Đường"),
                    ("transferred_on", "21/11/2026"),
                    ("police_reference", "77/TN"),
                    ("acknowledged_on", ""),
                ],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = app
            .post_form(
                &format!("{incident}/close"),
                Some(&office),
                &[("outcome", "Đã hòa giải, hai bên cam kết")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = body_text(app.get(&incident, Some(&office)).await).await;
        assert!(
            page.contains("77/TN") && page.contains("Đã kết thúc") && page.contains("Đã hòa giải"),
            "{b}"
        );
        let report = app.get(&format!("{incident}/report"), Some(&office)).await;
        assert_eq!(report.status(), StatusCode::OK);
        assert!(
            report.headers()[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .contains(".docx")
        );
        let tip_page = body_text(app.get(&tip, Some(&office)).await).await;
        assert!(tip_page.contains("Xem vụ việc"));

        let r = app
            .post_form(
                "/violations",
                Some(&office),
                &[
                    ("code", "KHONGCO"),
                    ("occurred_on", "20/11/2026"),
                    ("kind", "law"),
                    ("discipline", "warning"),
                    ("description", "x"),
                ],
                true,
            )
            .await;
        assert_eq!(
            r.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "an unknown code"
        );
        let r = app
            .post_form(
                "/violations",
                Some(&office),
                &[
                    ("code", "SV1700001"),
                    ("occurred_on", "20/11/2026"),
                    ("kind", "traffic"),
                    ("discipline", "reprimand"),
                    ("description", "Không đội mũ bảo hiểm"),
                ],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let v = body_text(app.get("/violations", Some(&office)).await).await;
        assert!(v.contains("Không đội mũ bảo hiểm") && v.contains("Khiển trách"));

        let stats = body_text(app.get("/tips/stats", Some(&office)).await).await;
        assert!(
            stats.contains("Thống kê tin báo") && stats.contains("vụ việc"),
            "{b}"
        );
        let x = app.get("/tips/stats/export", Some(&office)).await;
        assert_eq!(x.status(), StatusCode::OK);
        assert!(
            x.headers()[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .contains("thong-ke-tin-bao")
        );
        // The province officer sees the figures of its schools.
        let province = app.login("congan.tinh").await;
        let page = body_text(app.get("/tips/stats", Some(&province)).await).await;
        assert!(page.contains("đơn vị"), "{page}");
        // Unit by unit, on screen and in Excel; each line opens that unit's figures.
        let cdlc = app.unit("CDLC").await;
        let at = page
            .find("<h2>Theo đơn vị</h2>")
            .expect("the figures by unit");
        let by_unit = &page[at..at + page[at..].find("</section>").unwrap()];
        assert!(
            by_unit.contains(&format!("/tips/stats?unit={cdlc}&#38;year=2027")),
            "{by_unit}"
        );
        assert!(by_unit.contains("Trường THCS Cam Đường"), "{by_unit}");
        assert!(
            !by_unit.contains("Công an tỉnh"),
            "police bodies are not lines: {by_unit}"
        );
        let x = app.get("/tips/stats/export", Some(&province)).await;
        assert_eq!(x.status(), StatusCode::OK);
        let bytes = axum::body::to_bytes(x.into_body(), usize::MAX)
            .await
            .unwrap();
        let sheets = antt_docgen::read_workbook("x.xlsx", &bytes).unwrap();
        let cells: Vec<String> = sheets
            .iter()
            .flat_map(|s| s.rows.iter().flatten().map(|c| c.text().into_owned()))
            .collect();
        assert!(cells.iter().any(|c| c.contains("theo đơn vị")), "{cells:?}");
        assert!(
            cells.iter().any(|c| c == "CDLC") && cells.iter().any(|c| c == "THCSCD"),
            "{cells:?}"
        );
        let one = body_text(
            app.get(&format!("/tips/stats?unit={cdlc}"), Some(&province))
                .await,
        )
        .await;
        assert!(
            !one.contains("<h2>Theo đơn vị</h2>"),
            "one unit has no lines by unit"
        );
        let guard = app.login("baove").await;
        assert_eq!(
            app.get(&incident, Some(&guard)).await.status(),
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn incidents_violations_and_figures_on_the_api() {
    for app in apps().await {
        let b = app.backend();
        let token = app.token("vanphong").await;
        let (status, body) = app
            .api("POST", "/api/v1/incidents", Some(&token), Some(serde_json::json!({"category": "fire", "severity": "serious", "occurred_at": "2026-11-20T10:00:00Z", "place": "Xưởng thực hành cơ khí", "summary": "Chập điện máy hàn, cháy nhỏ, đã dập tắt", "value_recovered": 0})))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{b}: {body}");
        let id = body["id"].as_str().unwrap().to_owned();
        let (status, body) = app
            .api("POST", &format!("/api/v1/incidents/{id}/transfer"), Some(&token), Some(serde_json::json!({"police_unit": "Đội Cảnh sát PCCC khu vực", "transferred_on": "2026-11-20", "reference": "09/PCCC"})))
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
        let (status, _) = app
            .api(
                "POST",
                &format!("/api/v1/incidents/{id}/involved"),
                Some(&token),
                Some(serde_json::json!({"name": "", "role": "witness"})),
            )
            .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a name or a person"
        );
        let (status, one) = app
            .api(
                "GET",
                &format!("/api/v1/incidents/{id}"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(one["state"], "transferred");
        assert_eq!(one["transfer"]["reference"], "09/PCCC");
        let (status, list) = app
            .api("GET", "/api/v1/incidents", Some(&token), None)
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            list.as_array()
                .unwrap()
                .iter()
                .any(|i| i["id"] == id.as_str())
        );
        let (status, s) = app
            .api("GET", "/api/v1/tips/statistics", Some(&token), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{s}");
        assert!(
            s["incidents"].as_u64().unwrap() >= 1 && s["by_month"].as_array().unwrap().len() == 13,
            "{s}"
        );
        let (status, v) = app
            .api("GET", "/api/v1/violations?year=2026", Some(&token), None)
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            v.as_array().unwrap().len(),
            2,
            "the demo's two warnings: {v}"
        );
        let guard = app.token("baove").await;
        let (status, _) = app
            .api("GET", "/api/v1/incidents", Some(&guard), None)
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let province = app.token("congan.tinh").await;
        let (status, s) = app
            .api(
                "GET",
                "/api/v1/tips/statistics?year=2026",
                Some(&province),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(s["units"].as_u64().unwrap() >= 2, "{s}");
    }
}

#[tokio::test]
async fn the_poster_comes_as_word_and_as_a_picture_with_the_address_asked_for() {
    for app in apps().await {
        let guard = app.login("baove").await;
        let r = Request::get("/tips/poster?format=png")
            .header(header::COOKIE, &guard.cookie)
            .header(header::HOST, "antt.cdlc.edu.vn")
            .body(Body::empty())
            .unwrap();
        let png = app.send(r).await;
        assert_eq!(png.status(), StatusCode::OK, "{}", app.backend());
        assert_eq!(png.headers()[header::CONTENT_TYPE], "image/png");
        // Opened at this machine's own address, antt refuses to print an
        // address nobody else can open, and says what to do.
        let local = app.get("/tips/poster", Some(&guard)).await;
        assert_eq!(local.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let said = body_text(local).await;
        assert!(said.contains("địa chỉ công khai (public_url)"), "{said}");
        assert!(
            !said.contains("public_url:"),
            "no field code before the sentence"
        );
        let r = Request::get("/tips/poster")
            .header(header::COOKIE, &guard.cookie)
            .header(header::HOST, "192.168.1.20:8080")
            .body(Body::empty())
            .unwrap();
        let docx = app.send(r).await;
        assert_eq!(docx.status(), StatusCode::OK);
        assert!(
            docx.headers()[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .contains("to-roi-bao-tin-cdlc.docx")
        );
        let student = app.login("sinhvien").await;
        assert_eq!(
            app.get("/tips/poster", Some(&student)).await.status(),
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn a_tip_sent_twice_or_its_receipt_page_reloaded_files_one_tip() {
    for app in apps().await {
        let b = app.backend();
        let office = app.login("vanphong").await;
        let before = inbox_count(&app, &office).await;
        let form = body_text(app.get("/tip/CDLC", None).await).await;
        let once = crate::support::hidden_value(&form, "_once").expect("the form's one-time key");
        let fields = [
            ("category", "drugs"),
            ("description", STORY),
            ("_once", once.as_str()),
        ];
        let post_tip = || async {
            let mut r = Request::post("/tip/CDLC")
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                )
                .body(Body::from(tip_body(&fields, &[])))
                .unwrap();
            r.extensions_mut()
                .insert(ConnectInfo(SocketAddr::new(FROM.parse().unwrap(), 51234)));
            app.send(r).await
        };
        let first = post_tip().await;
        assert_eq!(
            first.status(),
            StatusCode::SEE_OTHER,
            "{b}: answered by a redirect"
        );
        let after_first = inbox_count(&app, &office).await;
        assert!(after_first > before, "{b}");
        let (page, sent) = follow_sent(&app, &first).await;
        let html = body_text(page).await;
        let receipt = receipt_of(&html);
        assert_eq!(receipt.len(), 16, "{b}");
        // A reload of the receipt page is a GET: the same code, nothing sent.
        let again = Request::get("/tip/CDLC/sent")
            .header(header::COOKIE, format!("antt_sent={sent}"))
            .body(Body::empty())
            .unwrap();
        assert_eq!(receipt_of(&body_text(app.send(again).await).await), receipt);
        // Back and send again (or a double tap): no second tip.
        let second = post_tip().await;
        assert_eq!(second.status(), StatusCode::SEE_OTHER, "{b}");
        assert_eq!(second.headers()[header::LOCATION], "/tip/CDLC/sent");
        assert_eq!(
            inbox_count(&app, &office).await,
            after_first,
            "{b}: one tip"
        );
        // Another browser, or after the few minutes: that it was sent, no code.
        let html = body_text(app.get("/tip/CDLC/sent", None).await).await;
        assert!(
            html.contains("Tin báo đã được gửi, chỉ một lần"),
            "{b}: {html}"
        );
        assert!(!html.contains("id=\"receipt\""), "{b}");

        // The reply form sent twice adds one message.
        let page = body_text(
            app.post_form("/tip/status", None, &[("receipt", &receipt)], false)
                .await,
        )
        .await;
        let once = crate::support::hidden_value(&page, "_once").expect("the reply's key");
        let reply = [
            ("receipt", receipt.as_str()),
            ("message", "Bổ sung: hai người"),
            ("_once", once.as_str()),
        ];
        app.post_form("/tip/reply", None, &reply, false).await;
        let page = body_text(app.post_form("/tip/reply", None, &reply, false).await).await;
        assert_eq!(page.matches("Bổ sung: hai người").count(), 1, "{b}: {page}");
    }
}
