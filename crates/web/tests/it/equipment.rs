//! The register on the screens: the office's lists of what is overdue and
//! broken, a guard recording a check on an item's page, labels to print,
//! and anyone reporting a fault from a label with no account.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use antt_domain::equipment::{EquipmentKind, EquipmentState};

use crate::support::{BOUNDARY, apps, body_text};

fn fault_body(description: &str, once: &str, photo: Option<&[u8]>) -> Vec<u8> {
    let mut body = Vec::new();
    for (k, v) in [("description", description), ("_once", once)] {
        body.extend(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .into_bytes(),
        );
    }
    if let Some(p) = photo {
        body.extend(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").into_bytes());
        body.extend(p);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").into_bytes());
    body
}

#[tokio::test]
async fn the_office_reads_the_register_a_guard_checks_and_anyone_reports_a_fault() {
    for app in apps().await {
        let office = app.login("vanphong").await;
        let guard = app.login("baove").await;
        let student = app.login("sinhvien").await;
        let unit = app.unit("CDLC").await;
        let cli = antt_core::Actor::command_line();
        let reg = app.antt.equipment();

        let page = body_text(app.get("/equipment", Some(&office)).await).await;
        for words in [
            "Phương tiện PCCC, camera",
            "Báo hỏng chưa xử lý (3)",
            "Quá hạn",
            "Đến hạn trong tháng",
            "Hết hạn sử dụng",
            "Người quét nhãn (không tên)",
            "Tải nhãn PDF",
        ] {
            assert!(page.contains(words), "{words}");
        }
        let home = body_text(app.get("/", Some(&office)).await).await;
        assert!(
            home.contains("PCCC, camera") && home.contains("Báo hỏng chưa xử lý"),
            "the office's home page"
        );
        let found = body_text(
            app.get("/equipment?q=ky+tuc+xa+k2+camera", Some(&office))
                .await,
        )
        .await;
        let list = found.split("Sổ theo dõi phương tiện").nth(1).unwrap();
        assert!(
            list.contains("Camera hành lang") && !list.contains("Bình bột ABC"),
            "search"
        );
        assert_eq!(
            app.get("/equipment", Some(&student)).await.status(),
            StatusCode::FORBIDDEN
        );

        // A guard opens an item and records a failed check: refused
        // without a note (in Vietnamese, nothing saved), then saved.
        let items = reg.items(&cli, unit).await.unwrap();
        let bottle = items
            .iter()
            .find(|i| i.item.kind == EquipmentKind::PowderExtinguisher && i.open_faults == 0)
            .unwrap()
            .item
            .clone();
        let item_page = body_text(
            app.get(&format!("/equipment/{}", bottle.id), Some(&guard))
                .await,
        )
        .await;
        assert!(
            item_page.contains("Kiểm tra định kỳ")
                && item_page.contains("Chốt an toàn và niêm chì còn nguyên")
                && item_page.contains("Lịch sử"),
            "{item_page}"
        );
        // The checklist with every answer "đạt": a check in order.
        let answers: Vec<(String, String)> = (0..4)
            .map(|n| (format!("q{n}"), "yes".to_owned()))
            .chain([("day".to_owned(), "2026-11-21".to_owned())])
            .collect();
        let pairs: Vec<(&str, &str)> = answers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let checked = app
            .post_form(
                &format!("/equipment/{}/check", bottle.id),
                Some(&guard),
                &pairs,
                true,
            )
            .await;
        assert_eq!(checked.status(), StatusCode::SEE_OTHER);
        let after = reg.item(&cli, unit, bottle.id).await.unwrap();
        assert_eq!(
            after.item.item.last_check,
            Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap())
        );
        assert_eq!(after.item.item.state, EquipmentState::InService);
        // An answer missing: refused, nothing recorded.
        let missing = app
            .post_form(
                &format!("/equipment/{}/check", bottle.id),
                Some(&guard),
                &pairs[1..],
                true,
            )
            .await;
        assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            reg.item(&cli, unit, bottle.id).await.unwrap().events.len(),
            after.events.len()
        );
        let path = format!("/equipment/{}/record", bottle.id);
        let refused = app
            .post_form(
                &path,
                Some(&guard),
                &[
                    ("kind", "check_failed"),
                    ("day", "2026-11-21"),
                    ("note", ""),
                ],
                true,
            )
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body_text(refused).await.contains("Chưa lưu được"));
        let saved = app
            .post_form(
                &path,
                Some(&guard),
                &[
                    ("kind", "check_failed"),
                    ("day", "2026-11-21"),
                    ("note", "Kim áp suất vùng đỏ"),
                ],
                true,
            )
            .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let after = reg.item(&cli, unit, bottle.id).await.unwrap();
        assert_eq!(after.item.item.state, EquipmentState::Faulty);

        // Anyone scans a camera's label: the page needs no account; an
        // empty report is refused; a report with a photo is received.
        let camera = items
            .iter()
            .find(|i| i.item.kind == EquipmentKind::Camera && i.open_faults == 0)
            .unwrap()
            .item
            .clone();
        let label = format!("/e/{}", camera.label);
        let public = app.get(&label, None).await;
        assert_eq!(public.status(), StatusCode::OK);
        assert_eq!(public.headers()[header::CACHE_CONTROL], "no-store");
        let text = body_text(public).await;
        assert!(
            text.contains(&camera.code) && text.contains("Gửi báo hỏng"),
            "{text}"
        );
        assert_eq!(
            app.get("/e/NOSUCHLABEL", None).await.status(),
            StatusCode::NOT_FOUND
        );
        let send = |body: Vec<u8>| {
            Request::post(&label)
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                )
                .body(Body::from(body))
                .unwrap()
        };
        let empty = app.send(send(fault_body(" ", "once-key-1", None))).await;
        assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let photo = crate::tips::photo();
        let received = app
            .send(send(fault_body(
                "Camera không sáng",
                "once-key-2",
                Some(&photo),
            )))
            .await;
        assert_eq!(received.status(), StatusCode::OK);
        assert!(body_text(received).await.contains("Đã gửi báo hỏng"));
        // Sent twice (the phone did not hear back): one report.
        let again = app
            .send(send(fault_body(
                "Camera không sáng",
                "once-key-2",
                Some(&photo),
            )))
            .await;
        assert_eq!(again.status(), StatusCode::OK);
        let page = reg.item(&cli, unit, camera.id).await.unwrap();
        assert_eq!(page.faults.len(), 1);
        assert!(page.faults[0].has_photo && page.faults[0].reported_by.is_none());

        // The office sees it with its photo and sets it right.
        let register = body_text(app.get("/equipment", Some(&office)).await).await;
        assert!(
            register.contains("Báo hỏng chưa xử lý (5)") && register.contains("có ảnh"),
            "two more"
        );
        let fault = page.faults[0].id;
        let photo_bytes = app
            .get(&format!("/equipment/faults/{fault}/photo"), Some(&office))
            .await;
        assert_eq!(photo_bytes.status(), StatusCode::OK);
        let assigned = app
            .post_form(
                &format!("/equipment/faults/{fault}/assign"),
                Some(&office),
                &[
                    ("item", &camera.id.to_string()),
                    ("owner", ""),
                    ("due_on", "2026-11-20"),
                ],
                true,
            )
            .await;
        assert_eq!(assigned.status(), StatusCode::SEE_OTHER);
        let register = body_text(app.get("/equipment", Some(&office)).await).await;
        assert!(register.contains("20/11/2026 quá hạn"), "an overdue action");
        let closed = app
            .post_form(
                &format!("/equipment/faults/{fault}/close"),
                Some(&office),
                &[
                    ("item", &camera.id.to_string()),
                    ("outcome", "fixed"),
                    ("note", "Thay nguồn"),
                ],
                true,
            )
            .await;
        assert_eq!(closed.status(), StatusCode::SEE_OTHER);
        let page = reg.item(&cli, unit, camera.id).await.unwrap();
        assert_eq!(page.item.item.state, EquipmentState::InService);

        // The guard logs the camera dark, the office sees it, then it is back.
        let dark = app
            .post_form(
                &format!("/equipment/{}/outages", camera.id),
                Some(&guard),
                &[
                    ("from", "2026-11-21T06:30"),
                    ("until", ""),
                    ("cause", "Đứt cáp mạng"),
                ],
                true,
            )
            .await;
        assert_eq!(dark.status(), StatusCode::SEE_OTHER);
        let register = body_text(app.get("/equipment", Some(&office)).await).await;
        assert!(register.contains("Camera đang mất hình (1)") && register.contains("Đứt cáp mạng"));
        let back = app
            .post_form(
                &format!("/equipment/{}/outages/end", camera.id),
                Some(&guard),
                &[],
                true,
            )
            .await;
        assert_eq!(back.status(), StatusCode::SEE_OTHER);
        let register = body_text(app.get("/equipment", Some(&office)).await).await;
        assert!(!register.contains("Camera đang mất hình"));

        // A signed-in member of staff who scans a label lands on the item.
        let staff = app
            .get(&format!("/equipment/label/{}", camera.label), Some(&guard))
            .await;
        assert_eq!(staff.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            staff.headers()[header::LOCATION],
            format!("/equipment/{}", camera.id).as_str()
        );

        // The same on the API, for the office's scripts; not for a student.
        let token = app.token("vanphong").await;
        let (status, body) = app
            .api("GET", "/api/v1/equipment/overdue", Some(&token), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body["overdue"].as_array().is_some_and(|a| !a.is_empty()));
        assert_eq!(body["open_faults"].as_array().map(Vec::len), Some(4));
        let (status, body) = app
            .api("GET", "/api/v1/equipment", Some(&token), None)
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body.as_array().map(Vec::len), Some(items.len()));
        let student = app.token("sinhvien").await;
        let (status, _) = app
            .api("GET", "/api/v1/equipment", Some(&student), None)
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // Labels and the register as files.
        let pdf = app
            .get(
                &format!("/equipment/labels?id={}&format=pdf", camera.id),
                Some(&office),
            )
            .await;
        assert_eq!(pdf.status(), StatusCode::OK);
        let xlsx = app.get("/equipment/export", Some(&office)).await;
        assert_eq!(xlsx.status(), StatusCode::OK);
        assert_eq!(
            app.get("/equipment/labels", Some(&guard)).await.status(),
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn the_office_records_a_drill_and_sees_the_certificates_that_lapse() {
    for app in apps().await {
        let office = app.login("vanphong").await;
        let page = body_text(app.get("/fire", Some(&office)).await).await;
        for words in [
            "Diễn tập phương án chữa cháy (1)",
            "16/04/2026",
            "6 phút 40 giây",
            "Chứng nhận huấn luyện sắp hết hạn (1)",
            "hết hạn 15/12/2026",
        ] {
            assert!(page.contains(words), "{words}");
        }
        // A drill on a day to come is refused in words; a good one saved.
        let refused = app
            .post_form(
                "/fire/drills",
                Some(&office),
                &[
                    ("held_on", "2026-12-01"),
                    ("scenario", "Cháy nhà A"),
                    ("evacuation", "mười phút"),
                ],
                true,
            )
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let text = body_text(refused).await;
        assert!(
            text.contains("Ngày diễn tập") && text.contains("Thời gian thoát nạn"),
            "{text}"
        );
        let saved = app
            .post_form(
                "/fire/drills",
                Some(&office),
                &[
                    ("held_on", "2026-11-20"),
                    ("scenario", "Cháy nhà A"),
                    ("participants", "300"),
                    ("evacuation", "5:05"),
                ],
                true,
            )
            .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let page = body_text(app.get("/fire", Some(&office)).await).await;
        assert!(
            page.contains("Diễn tập phương án chữa cháy (2)") && page.contains("5 phút 5 giây")
        );
        let home = body_text(app.get("/", Some(&office)).await).await;
        assert!(home.contains("Chứng nhận huấn luyện"), "home");
        // The dossier: what is missing is said before the download.
        assert!(
            page.contains("Hồ sơ PCCC năm 2026") && page.contains("Còn thiếu 2 thành phần"),
            "dossier"
        );
        let word = app.get("/fire/dossier?year=2026", Some(&office)).await;
        assert_eq!(word.status(), StatusCode::OK);
        let bytes = axum::body::to_bytes(word.into_body(), usize::MAX)
            .await
            .unwrap();
        let xml = crate::support::docx_text(&bytes);
        for words in [
            "BÁO CÁO",
            "THÀNH PHẦN HỒ SƠ",
            "Còn thiếu",
            "PHỤ LỤC I",
            "BC-001",
            "Nơi nhận:",
        ] {
            assert!(xml.contains(words), "{words}");
        }
    }
}

#[tokio::test]
async fn the_office_adds_and_corrects_an_item_on_the_screen() {
    for app in apps().await {
        let office = app.login("vanphong").await;
        let guard = app.login("baove").await;
        let form = body_text(app.get("/equipment/new", Some(&office)).await).await;
        assert!(
            form.contains("Thêm phương tiện") && form.contains("Bình chữa cháy CO₂"),
            "{form}"
        );
        // A code the college has, and a check on a day to come: refused,
        // said in words, nothing added.
        let refused = app
            .post_form(
                "/equipment/new",
                Some(&office),
                &[
                    ("code", "BC-001"),
                    ("kind", "co2_extinguisher"),
                    ("name", "Bình CO2 5 kg"),
                    ("last_check", "2030-01-01"),
                ],
                true,
            )
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let text = body_text(refused).await;
        assert!(text.contains("Kiểm tra lần cuối"), "{text}");
        let again = app
            .post_form(
                "/equipment/new",
                Some(&office),
                &[
                    ("code", "BC-001"),
                    ("kind", "co2_extinguisher"),
                    ("name", "Bình CO2 5 kg"),
                ],
                true,
            )
            .await;
        assert_eq!(
            again.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "a code taken"
        );
        let added = app
            .post_form(
                "/equipment/new",
                Some(&office),
                &[
                    ("code", "co2-900"),
                    ("kind", "co2_extinguisher"),
                    ("name", "Bình CO2 5 kg"),
                    ("place", "Phòng máy chủ"),
                    ("last_service", "2026-10-01"),
                ],
                true,
            )
            .await;
        assert_eq!(added.status(), StatusCode::SEE_OTHER);
        let location = added.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_owned();
        let page = body_text(app.get(&location, Some(&office)).await).await;
        assert!(
            page.contains("CO2-900 – Bình CO2 5 kg") && page.contains("01/10/2026"),
            "{page}"
        );
        // Corrected: the name.
        let edit = format!("{location}/edit");
        let saved = app
            .post_form(
                &edit,
                Some(&office),
                &[
                    ("code", "CO2-900"),
                    ("kind", "co2_extinguisher"),
                    ("name", "Bình CO2 MT5, 5 kg"),
                    ("place", "Phòng máy chủ"),
                ],
                true,
            )
            .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        assert!(
            body_text(app.get(&location, Some(&office)).await)
                .await
                .contains("Bình CO2 MT5, 5 kg")
        );
        // The unit's own interval: cameras checked weekly.
        let set = app
            .post_form(
                "/equipment/intervals",
                Some(&office),
                &[
                    ("kind", "camera"),
                    ("check_days", "7"),
                    ("service_months", "12"),
                    ("pressure_test_years", ""),
                ],
                true,
            )
            .await;
        assert_eq!(set.status(), StatusCode::SEE_OTHER);
        let unit = app.unit("CDLC").await;
        let cli = antt_core::Actor::command_line();
        let kinds = app.antt.equipment().intervals(&cli, unit).await.unwrap();
        assert_eq!(kinds.of(EquipmentKind::Camera).check_days, Some(7));
        assert!(kinds.is_own(EquipmentKind::Camera));
        let refused = app
            .post_form(
                "/equipment/intervals",
                Some(&office),
                &[("kind", "camera"), ("check_days", "0")],
                true,
            )
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            app.antt
                .equipment()
                .intervals(&cli, unit)
                .await
                .unwrap()
                .of(EquipmentKind::Camera)
                .check_days,
            Some(7)
        );
        // A guard records checks but does not keep the register.
        let refused = app
            .post_form(
                &edit,
                Some(&guard),
                &[("code", "X"), ("kind", "camera"), ("name", "x")],
                true,
            )
            .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn the_office_schedules_rounds_and_writes_a_checklist_and_the_guard_answers_it() {
    for app in apps().await {
        let office = app.login("vanphong").await;
        let guard = app.login("baove").await;
        let unit = app.unit("CDLC").await;
        let cli = antt_core::Actor::command_line();
        let ins = app.antt.inspections();

        // The rounds: the late one first, named; the register and the
        // home page say it too.
        let page = body_text(app.get("/equipment/rounds", Some(&office)).await).await;
        for words in [
            "Lịch kiểm tra",
            "1 quá hạn",
            "Kiểm tra bình chữa cháy hằng tháng – cơ sở 3",
            "quá hạn từ 31/10/2026",
            "Bình chữa cháy (bột, CO₂, bọt)",
            "Thêm lịch kiểm tra",
        ] {
            assert!(page.contains(words), "{words}");
        }
        let register = body_text(app.get("/equipment", Some(&office)).await).await;
        assert!(register.contains("Lượt kiểm tra quá hạn (1)"));
        let home = body_text(app.get("/", Some(&office)).await).await;
        assert!(home.contains("Lượt kiểm tra quá hạn"));
        let guard_home = body_text(app.get("/", Some(&guard)).await).await;
        assert!(guard_home.contains("Lượt kiểm tra của tôi"), "{guard_home}");
        let book = app
            .get("/fire/dossier/excel?year=2026", Some(&office))
            .await;
        assert_eq!(book.status(), StatusCode::OK);
        assert!(
            book.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .contains("spreadsheetml")
        );
        let readiness = body_text(app.get("/assessment?year=2026", Some(&office)).await).await;
        assert!(
            readiness.contains("Phòng cháy, chữa cháy")
                && readiness.contains("Kiểm tra định kỳ: 1 lượt quá hạn"),
            "the readiness page's fire evidence"
        );

        // A schedule refused: no one chosen, said in Vietnamese; nothing added.
        let form = [
            ("name", "Kiểm tra máy bơm"),
            ("checklist", "kind:pump"),
            ("campus", ""),
            ("place", ""),
            ("frequency", "every_days"),
            ("every_days", "14"),
            ("starts_on", "2026-11-02"),
            ("assignee", ""),
        ];
        let refused = app
            .post_form("/equipment/rounds", Some(&office), &form, true)
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            body_text(refused)
                .await
                .contains("Hãy chọn người hoặc đội được giao")
        );
        assert_eq!(ins.rounds(&cli, unit).await.unwrap().len(), 5);
        let team = ins
            .rounds(&cli, unit)
            .await
            .unwrap()
            .iter()
            .find_map(|l| match l.schedule.assignee {
                antt_domain::inspection::Assignee::Team(t) => Some(format!("team:{t}")),
                antt_domain::inspection::Assignee::Person(_) => None,
            })
            .unwrap();
        let mut form = form;
        form[7] = ("assignee", team.as_str());
        let added = app
            .post_form("/equipment/rounds", Some(&office), &form, true)
            .await;
        assert_eq!(added.status(), StatusCode::SEE_OTHER);
        assert_eq!(ins.rounds(&cli, unit).await.unwrap().len(), 6);
        // The guard may not schedule.
        let denied = app
            .post_form("/equipment/rounds", Some(&guard), &form, true)
            .await;
        assert_eq!(denied.status(), StatusCode::FORBIDDEN);

        // The office writes the extinguishers' checklist with a reading;
        // a wrong one is refused with the way to write it.
        let bad = app
            .post_form(
                "/equipment/checklists",
                Some(&office),
                &[
                    ("kind", "powder_extinguisher"),
                    ("questions", "Chốt còn nguyên\nÁp suất [số cao]"),
                ],
                true,
            )
            .await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body_text(bad).await.contains("[số 1,2–1,6]"));
        let saved = app
            .post_form(
                "/equipment/checklists",
                Some(&office),
                &[
                    ("kind", "powder_extinguisher"),
                    ("questions", "Chốt còn nguyên\nÁp suất (MPa) [số 1,2–1,6]"),
                ],
                true,
            )
            .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let lists = body_text(app.get("/equipment/checklists", Some(&office)).await).await;
        assert!(
            lists.contains("đơn vị đã sửa")
                && lists.contains("Kiểm tra an toàn PCCC khu ký túc xá")
        );

        // The guard opens the late round, then an item: the unit's own
        // checklist asks for the reading; a low one fails the check.
        let late = ins
            .rounds(&cli, unit)
            .await
            .unwrap()
            .into_iter()
            .find(|l| l.state.late_since.is_some())
            .unwrap();
        let round = body_text(
            app.get(
                &format!("/equipment/rounds/{}", late.schedule.id),
                Some(&guard),
            )
            .await,
        )
        .await;
        assert!(
            round.contains("Quét nhãn QR") && round.contains("chưa kiểm tra kỳ này"),
            "{round}"
        );
        let page = ins.round(&cli, unit, late.schedule.id).await.unwrap();
        let bottle = page
            .items
            .iter()
            .find(|(i, _)| i.kind == EquipmentKind::PowderExtinguisher)
            .unwrap()
            .0
            .clone();
        let item = body_text(
            app.get(&format!("/equipment/{}", bottle.id), Some(&guard))
                .await,
        )
        .await;
        assert!(item.contains("Áp suất (MPa)") && item.contains("(1,2–1,6)"));
        let checked = app
            .post_form(
                &format!("/equipment/{}/check", bottle.id),
                Some(&guard),
                &[
                    ("q0", "yes"),
                    ("q1", "0,8"),
                    ("day", "2026-11-21"),
                    ("note", ""),
                ],
                true,
            )
            .await;
        assert_eq!(checked.status(), StatusCode::SEE_OTHER);
        let after = app
            .antt
            .equipment()
            .item(&cli, unit, bottle.id)
            .await
            .unwrap();
        assert_eq!(after.item.item.state, EquipmentState::Faulty);

        // The dormitory's own checklist answered on its round's page.
        let dorm = ins
            .rounds(&cli, unit)
            .await
            .unwrap()
            .into_iter()
            .find(|l| l.schedule.kind.is_none())
            .unwrap();
        let path = format!("/equipment/rounds/{}/record", dorm.schedule.id);
        let answers = [
            ("q0", "yes"),
            ("q1", "yes"),
            ("q2", "yes"),
            ("q3", "yes"),
            ("q4", "3"),
            ("q5", "yes"),
            ("day", "2026-11-21"),
            ("note", ""),
        ];
        let done = app.post_form(&path, Some(&guard), &answers, true).await;
        assert_eq!(done.status(), StatusCode::SEE_OTHER);
        let page = body_text(
            app.get(
                &format!("/equipment/rounds/{}", dorm.schedule.id),
                Some(&guard),
            )
            .await,
        )
        .await;
        assert!(
            page.contains("đã xong 1/1")
                && page.contains("Số bình chữa cháy tại hành lang mỗi tầng: 3"),
            "{page}"
        );

        // A failed answer opens a corrective action on the round's page;
        // the office gives it and closes it there, with what was done.
        let mut failed = answers.to_vec();
        failed[1] = ("q1", "no");
        failed[7] = ("note", "Phòng 210 K2 có bếp điện");
        let done = app.post_form(&path, Some(&guard), &failed, true).await;
        assert_eq!(done.status(), StatusCode::SEE_OTHER);
        let round = format!("/equipment/rounds/{}", dorm.schedule.id);
        let page = body_text(app.get(&round, Some(&office)).await).await;
        assert!(
            page.contains("Việc khắc phục") && page.contains("Phòng 210 K2 có bếp điện"),
            "{page}"
        );
        let close = page
            .split("action=\"/equipment/faults/")
            .filter_map(|s| s.split('"').next())
            .find(|s| s.ends_with("/close"))
            .map(|s| format!("/equipment/faults/{s}"))
            .expect("a close form");
        let schedule = dorm.schedule.id.to_string();
        let r = app
            .post_form(
                &close,
                Some(&office),
                &[
                    ("round", schedule.as_str()),
                    ("outcome", "fixed"),
                    ("note", ""),
                ],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "no note");
        let r = app
            .post_form(
                &close,
                Some(&office),
                &[
                    ("round", schedule.as_str()),
                    ("outcome", "fixed"),
                    ("note", "Thu giữ bếp điện, lập biên bản"),
                ],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(r.headers()["location"], round.as_str());
        let page = body_text(app.get(&round, Some(&office)).await).await;
        assert!(page.contains("Thu giữ bếp điện, lập biên bản"), "{page}");
    }
}

#[tokio::test]
async fn footage_an_open_incident_needs_is_cited_and_flagged_until_copied() {
    for app in apps().await {
        let office = app.login("vanphong").await;
        let cli = app.login("vanphong").await;
        let unit = app.unit("CDLC").await;
        let actor = antt_core::Actor::command_line();
        let home = body_text(app.get("/", Some(&office)).await).await;
        assert!(
            home.contains("Hình camera chưa sao lưu"),
            "the office's home"
        );
        let due = app.antt.fire().due(&actor, unit).await.unwrap();
        let risky = due.footage_at_risk[0].footage.clone();
        let path = format!("/incidents/{}", risky.incident_id);
        let page = body_text(app.get(&path, Some(&office)).await).await;
        assert!(
            page.contains("Hình ảnh camera")
                && page.contains("Chưa sao lưu: đầu ghi ghi đè ngày 23/11/2026"),
            "{page}"
        );
        // Cited: refused without a camera (in Vietnamese), then saved.
        let form = [
            ("camera", ""),
            ("from", "2026-11-20T21:00"),
            ("until", "2026-11-20T21:40"),
            ("overwritten_on", ""),
            ("note", "Cầu thang K2"),
        ];
        let refused = app
            .post_form(&format!("{path}/footage"), Some(&office), &form, true)
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body_text(refused).await.contains("Hãy chọn một camera"));
        let camera = risky.equipment_id.to_string();
        let mut form = form;
        form[0] = ("camera", camera.as_str());
        let saved = app
            .post_form(&format!("{path}/footage"), Some(&office), &form, true)
            .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        // Copied: the flag goes.
        let copied = app
            .post_form(
                &format!("{path}/footage/{}/copied", risky.id),
                Some(&cli),
                &[("copied_by", "Tổ bảo vệ"), ("kept_until", "2027-11-21")],
                true,
            )
            .await;
        assert_eq!(copied.status(), StatusCode::SEE_OTHER);
        let page = body_text(app.get(&path, Some(&office)).await).await;
        assert!(page.contains("Đã sao lưu") && page.contains("Cầu thang K2"));
        assert!(
            !body_text(app.get("/", Some(&office)).await)
                .await
                .contains("Hình camera chưa sao lưu")
        );
    }
}

async fn upload_register(
    app: &crate::support::App,
    s: &crate::support::Session,
    fields: &[(&str, &str)],
    file_name: &str,
    file: &[u8],
) -> (StatusCode, String) {
    let body = crate::support::multipart(Some(s.csrf.as_str()), fields, file_name, file);
    let r = Request::post("/equipment/import")
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
async fn the_office_imports_the_register_on_the_screen_all_rows_or_none() {
    for app in apps().await {
        let office = app.login("vanphong").await;
        let guard = app.login("baove").await;
        let unit = app.unit("CDLC").await;
        let cli = antt_core::Actor::command_line();
        let reg = app.antt.equipment();
        let before = reg.items(&cli, unit).await.unwrap().len();
        let page = body_text(app.get("/equipment/import", Some(&office)).await).await;
        assert!(page.contains("Nhập sổ phương tiện từ Excel"));
        assert_eq!(
            app.get("/equipment/import", Some(&guard)).await.status(),
            StatusCode::FORBIDDEN
        );
        let csv = "Mã,Loại,Tên,Vị trí,Ngày nạp\nBC-NEW-1,Bình bột,Bình bột ABC 4 kg,Nhà xe K2,01/10/2026\nBC-NEW-2,bàn ghế,Bàn,Kho,01/10/2026\n";
        // A row of a kind nobody knows: refused, named by row, nothing written.
        let (status, text) = upload_register(&app, &office, &[], "so.csv", csv.as_bytes()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            text.contains("Chưa nhập: tệp có 1 lỗi") && text.contains("Dòng 3"),
            "{text}"
        );
        assert_eq!(reg.items(&cli, unit).await.unwrap().len(), before);
        let good = csv.lines().take(2).collect::<Vec<_>>().join("\n");
        // Checked only: read, not written.
        let (status, text) = upload_register(
            &app,
            &office,
            &[("dry_run", "1")],
            "so.csv",
            good.as_bytes(),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(text.contains("Tệp đọc được 1 phương tiện"), "{text}");
        assert_eq!(reg.items(&cli, unit).await.unwrap().len(), before);
        // Imported.
        let (status, _) = upload_register(&app, &office, &[], "so.csv", good.as_bytes()).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let items = reg.items(&cli, unit).await.unwrap();
        assert_eq!(items.len(), before + 1);
        assert!(items.iter().any(|i| i.item.code == "BC-NEW-1"));
        // The same file again: the code is held, nothing written twice.
        let (status, _) = upload_register(&app, &office, &[], "so.csv", good.as_bytes()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reg.items(&cli, unit).await.unwrap().len(), before + 1);
    }
}

#[tokio::test]
async fn a_failed_check_sent_with_a_photo_keeps_it_with_the_fault() {
    for app in apps().await {
        let guard = app.login("baove").await;
        let unit = app.unit("CDLC").await;
        let cli = antt_core::Actor::command_line();
        let reg = app.antt.equipment();
        let bottle = reg
            .items(&cli, unit)
            .await
            .unwrap()
            .into_iter()
            .find(|i| i.item.kind == EquipmentKind::PowderExtinguisher && i.open_faults == 0)
            .unwrap()
            .item;
        let mut body = Vec::new();
        for (k, v) in [
            ("_csrf", guard.csrf.as_str()),
            ("q0", "yes"),
            ("q1", "no"),
            ("q2", "yes"),
            ("q3", "yes"),
            ("day", "2026-11-21"),
            ("note", "Mất chốt"),
        ] {
            body.extend(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                )
                .into_bytes(),
            );
        }
        body.extend(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").into_bytes());
        body.extend(crate::tips::photo());
        body.extend(format!("\r\n--{BOUNDARY}--\r\n").into_bytes());
        let r = Request::post(format!("/equipment/{}/check", bottle.id))
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .header(header::COOKIE, &guard.cookie)
            .body(Body::from(body))
            .unwrap();
        assert_eq!(app.send(r).await.status(), StatusCode::SEE_OTHER);
        let page = reg.item(&cli, unit, bottle.id).await.unwrap();
        assert_eq!(page.item.item.state, EquipmentState::Faulty);
        assert!(page.faults[0].has_photo);
    }
}
