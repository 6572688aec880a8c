//! The contest screens: the office sets a contest up and imports its
//! questions (a wrong key refuses the file with row and reason); a student
//! takes it once; results and the workbook; on every backend.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use antt_core::Actor;

use crate::support::{App, BOUNDARY, Session, apps, body_text, hidden_value, multipart};

async fn upload(app: &App, s: &Session, path: &str, csv: &str) -> (StatusCode, String) {
    let body = multipart(Some(&s.csrf), &[], "cau-hoi.csv", csv.as_bytes());
    let r = Request::post(path)
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

#[tokio::test]
async fn the_office_sets_up_a_contest_and_imports_its_questions() {
    for app in apps().await {
        let b = app.backend();
        let s = app.login("vanphong").await;
        let page = body_text(app.get("/contests?year=2027", Some(&s)).await).await;
        assert!(page.contains("Tạo cuộc thi"), "{b}");
        let bad_dates = app
            .post_form(
                "/contests?year=2027",
                Some(&s),
                &[
                    ("title", " "),
                    ("opens_on", "30/11/2026"),
                    ("closes_on", "20/11/2026"),
                    ("minutes", "30"),
                    ("questions_per_attempt", "abc"),
                ],
                true,
            )
            .await;
        assert_eq!(bad_dates.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        let text = body_text(bad_dates).await;
        assert!(
            text.contains("Số câu mỗi bài: Giá trị không hợp lệ."),
            "{b}: {text}"
        );
        assert!(
            text.contains("Đến hết ngày: Ngày kết thúc không được trước ngày bắt đầu."),
            "{b}"
        );
        assert!(text.contains("Tên cuộc thi: Không được để trống."), "{b}");
        let r = app
            .post_form(
                "/contests?year=2027",
                Some(&s),
                &[
                    ("title", "Thi thử"),
                    ("opens_on", "21/11/2026"),
                    ("closes_on", "30/11/2026"),
                    ("minutes", "30"),
                    ("questions_per_attempt", "2"),
                ],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
        let at = r.headers()[header::LOCATION].to_str().unwrap().to_owned();

        let (status, page) = upload(
            &app,
            &s,
            &format!("{at}/questions"),
            "STT,Câu hỏi,A,B,C,Đáp án\n1,Số gọi cứu hỏa?,113,114,115,B\n2,Số gọi công an?,113,114,,C\n",
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(page.contains("Tệp chưa được nhập"), "{b}");
        assert!(
            page.contains(
                "Dòng 3, cột F (Đáp án): Đáp án chỉ tới một phương án bỏ trống ở dòng này. «C»"
            ),
            "{b}: {page}"
        );
        assert!(page.contains("Bộ câu hỏi (0 câu)"), "{b}: nothing kept");

        let (status, _) = upload(
            &app,
            &s,
            &format!("{at}/questions"),
            "STT,Câu hỏi,A,B,C,Đáp án\n1,Số gọi cứu hỏa?,113,114,115,B\n2,Những số khẩn cấp?,113,114,200,\"A, B\"\n",
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{b}");
        let page = body_text(app.get(&format!("{at}?imported=2"), Some(&s)).await).await;
        assert!(page.contains("Đã nhập 2 câu hỏi."), "{b}");
        assert!(page.contains("Bộ câu hỏi (2 câu)"), "{b}");
        assert!(page.contains("(nhiều đáp án)"), "{b}");

        let template = app.get("/contests/template", Some(&s)).await;
        assert_eq!(template.status(), StatusCode::OK, "{b}");
        let bytes = axum::body::to_bytes(template.into_body(), usize::MAX)
            .await
            .unwrap();
        let sheets = antt_docgen::read_workbook("mau.xlsx", &bytes).unwrap();
        let bank = antt_domain::contest::read_bank(&sheets).unwrap();
        assert_eq!(bank.len(), 3, "{b}: the template is itself a valid bank");
    }
}

#[tokio::test]
async fn a_student_takes_the_demo_contest_on_a_phone_page() {
    for app in apps().await {
        let b = app.backend();
        let s = app.login("sinhvien").await;
        let page = body_text(app.get("/contests", Some(&s)).await).await;
        assert!(page.contains("Thi tìm hiểu pháp luật năm 2026"), "{b}");
        assert!(page.contains("Đang mở"), "{b}");
        let cdlc = app.unit("CDLC").await;
        let id = app
            .antt
            .contests()
            .list(&Actor::command_line(), cdlc, 2026)
            .await
            .unwrap()[0]
            .contest
            .id;
        let page = body_text(app.get(&format!("/contests/{id}"), Some(&s)).await).await;
        assert!(page.contains("Bắt đầu làm bài"), "{b}");
        assert!(
            !page.contains("Kết quả ("),
            "{b}: a student sees no results"
        );
        let r = app
            .post_form(&format!("/contests/{id}/start"), Some(&s), &[], true)
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
        let paper = body_text(app.get(&format!("/contests/{id}/take"), Some(&s)).await).await;
        assert!(paper.contains("Câu 10"), "{b}");
        assert!(paper.contains("Nộp bài"), "{b}");
        assert_eq!(hidden_value(&paper, "count").as_deref(), Some("10"), "{b}");
        // A tampered form (a question that is not on the paper) changes nothing.
        let r = app
            .post_form(
                &format!("/contests/{id}/take"),
                Some(&s),
                &[("count", "10"), ("q12", "0")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        let r = app
            .post_form(
                &format!("/contests/{id}/take"),
                Some(&s),
                &[("count", "10"), ("q0", "1")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
        let done = body_text(app.get(&format!("/contests/{id}/take"), Some(&s)).await).await;
        assert!(done.contains("Đã nộp bài"), "{b}");
        assert!(
            done.contains("Đáp án được công bố khi cuộc thi kết thúc."),
            "{b}"
        );
        let again = app
            .post_form(
                &format!("/contests/{id}/take"),
                Some(&s),
                &[("count", "10")],
                true,
            )
            .await;
        assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(
            body_text(again).await.contains("mỗi người chỉ làm một lần"),
            "{b}"
        );

        let office = app.login("vanphong").await;
        let page = body_text(app.get(&format!("/contests/{id}"), Some(&office)).await).await;
        assert!(
            page.contains("Theo lớp") && page.contains("Điểm trung bình"),
            "{b}"
        );
        let v = app
            .antt
            .contests()
            .view(&Actor::command_line(), cdlc, id)
            .await
            .unwrap();
        let mine = v
            .results
            .unwrap()
            .lines
            .into_iter()
            .find(|l| l.code == "SV1700001");
        assert!(mine.is_some_and(|l| l.score.is_some()), "{b}: handed in");
        assert!(
            page.contains("Đã có người làm bài nên bộ câu hỏi được giữ nguyên."),
            "{b}"
        );
        let export = app
            .get(&format!("/contests/{id}/export"), Some(&office))
            .await;
        assert_eq!(export.status(), StatusCode::OK, "{b}");
        let forbidden = app.get(&format!("/contests/{id}/export"), Some(&s)).await;
        assert_eq!(forbidden.status(), StatusCode::FORBIDDEN, "{b}");
    }
}
