//! The assessment of the demo college's year on every database: the
//! facts behind each criterion, ratings and overrides, the score sheet,
//! the self-assessment's steps and who may take each, and its documents.

use chrono::{Duration, NaiveDate};

use antt_core::CoreError;
use antt_core::assessment::workflow::Review;
use antt_domain::ErrorCode;
use antt_domain::assessment::{
    Amount, AssessmentState, Decision, Dossier, Rating, Responsible, Verdict,
};
use antt_domain::incident::{IncidentInput, Severity};
use antt_domain::rubric::Points;
use antt_domain::tip::TipCategory;

use super::{actor, demos, document_xml, unit_id};

/// The movement year the demo's clock (21/11/2026) assesses.
const YEAR: i32 = 2026;

fn invalid(e: CoreError, field: &str) {
    match e {
        CoreError::Invalid(v) => assert!(v.has(field), "{v:?}"),
        other => panic!("expected a refusal of {field}, got {other:?}"),
    }
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(YEAR, m, d).unwrap()
}

/// A minor scuffle between students: school violence (check 4.1).
fn scuffle(on: NaiveDate, place: &str, summary: &str) -> IncidentInput {
    IncidentInput {
        category: TipCategory::Violence,
        severity: Severity::Minor,
        occurred_at: on.and_hms_opt(3, 0, 0).unwrap().and_utc(),
        campus_id: None,
        place: place.into(),
        summary: summary.into(),
        actions: String::new(),
        value_recovered: 0,
    }
}

#[tokio::test]
async fn the_demo_year_is_judged_from_its_records() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let r = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        let verdicts: Vec<Verdict> = r.standard.criteria.iter().map(|c| c.verdict).collect();
        assert_eq!(
            verdicts,
            vec![
                Verdict::Met,
                Verdict::AtRisk,
                Verdict::Met,
                Verdict::Met,
                Verdict::Met,
                Verdict::Met
            ],
            "{:#?}",
            r.standard
        );
        assert_eq!(r.standard.verdict, Verdict::AtRisk);
        let check = |id: &str| {
            r.standard
                .criteria
                .iter()
                .flat_map(|c| &c.checks)
                .find(|k| k.check.id == id)
                .unwrap()
                .finding
                .clone()
        };
        // The plan signed on 22/12 of the year before, the registration in
        // February: both in the first quarter.
        assert_eq!(
            check("1.2").amount,
            Amount::Day(NaiveDate::from_ymd_opt(2025, 12, 22).unwrap())
        );
        assert_eq!(check("1.3").amount, Amount::Day(day(2, 20)));
        // 98% were briefed by the records: short of 100% once the year is
        // over; the office confirmed the rest with its evidence.
        let briefing = check("1.5");
        assert_eq!(briefing.computed, Verdict::Failed);
        assert_eq!(briefing.verdict(), Verdict::Met);
        assert!(
            briefing
                .overridden
                .unwrap()
                .evidence
                .contains("danh sách ký nhận")
        );
        // The drug case was passed to the ward police at once: the
        // regulation's exception, so criterion 3 holds.
        assert_eq!(check("3.1").amount, Amount::Count(0));
        assert_eq!(check("6.1").amount, Amount::Share { done: 12, of: 13 });
        assert_eq!(
            check("2.2").computed,
            Verdict::Met,
            "sessions with the ward police"
        );
        // What is missing: the leaders confirm 2.1 by 15/11.
        assert_eq!(r.todo.len(), 1, "{:?}", r.todo);
        assert_eq!(r.todo[0].check_id, "2.1");
        assert_eq!(r.todo[0].who, Responsible::Leaders);
        assert_eq!(r.todo[0].due, day(11, 15));
        assert_eq!(
            r.assessment.as_ref().map(|a| a.state),
            Some(AssessmentState::SelfAssessed)
        );
        assert!(r.sheet.lines.iter().all(|l| l.given.is_none()));
        assert!(
            r.score_rubric.provisional,
            "the built-in sheet is provisional"
        );

        // A fight between students recorded today fails criterion 4 at
        // once, with the incident behind it.
        let ctsv = actor(&d.antt, "vanphong").await;
        d.antt
            .incidents()
            .create(
                &ctsv,
                scuffle(day(10, 2), "Sân bóng", "Hai sinh viên lớp K19 xô xát"),
                None,
            )
            .await
            .unwrap();
        let r = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        let four = &r.standard.criteria[3];
        assert_eq!(four.verdict, Verdict::Failed);
        let records = &four.checks[0].finding.records;
        assert_eq!(records.len(), 1);
        assert!(records[0].label.contains("xô xát"), "{records:?}");
        assert_eq!(r.standard.verdict, Verdict::Failed);
        assert!(
            r.todo
                .iter()
                .any(|t| t.check_id == "4.1" && t.verdict == Verdict::Failed)
        );
        // A Tờ trình asking for recognition cannot go with a criterion failed.
        let e = d
            .antt
            .assessment()
            .submit_dossier(
                &office,
                cdlc,
                YEAR,
                Dossier {
                    request_number: "45/TTr-CĐLC".into(),
                    request_on: Some(day(11, 18)),
                    acknowledge_unconfirmed: true,
                    ..Dossier::default()
                },
            )
            .await
            .unwrap_err();
        invalid(e, "standard");
        // The year after knows nothing of it.
        let next = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR + 1)
            .await
            .unwrap();
        assert_eq!(next.standard.criteria[3].verdict, Verdict::Met);
        assert!(next.assessment.is_none());
    }
}

#[tokio::test]
async fn ratings_and_overrides_need_the_office_and_a_reason() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let teacher = actor(&d.antt, "gvcn").await;
        let police = actor(&d.antt, "congan.tinh").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let r = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        let departments: Vec<_> = r.ratings.iter().map(|(id, _, _)| *id).collect();

        for who in [&teacher, &police] {
            let e = d
                .antt
                .assessment()
                .set_rating(who, cdlc, YEAR, Some(departments[0]), Some(Rating::Good))
                .await
                .unwrap_err();
            assert!(matches!(e, CoreError::Forbidden), "{e:?}");
        }
        // A form with one department that is not the unit's changes nothing.
        let e = d
            .antt
            .assessment()
            .set_ratings(
                &office,
                cdlc,
                YEAR,
                &[
                    (None, Some(Rating::Excellent)),
                    (
                        Some(antt_domain::DepartmentId::new_v7()),
                        Some(Rating::Good),
                    ),
                ],
            )
            .await
            .unwrap_err();
        invalid(e, "department");
        let r = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        assert_eq!(
            r.force_rating,
            Some(Rating::Good),
            "the force's rating is untouched"
        );
        // Four more departments only completed their tasks: with the one of
        // the demo, 8 of 13 is below 70%.
        for id in &departments[..4] {
            d.antt
                .assessment()
                .set_rating(&office, cdlc, YEAR, Some(*id), Some(Rating::Completed))
                .await
                .unwrap();
        }
        let r = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        assert_eq!(r.standard.criteria[5].verdict, Verdict::Failed);
        assert_eq!(r.standard.criteria[5].checks[0].finding.records.len(), 5);
        // Clearing one leaves it unrated; the year is over, so still failed.
        d.antt
            .assessment()
            .set_rating(&office, cdlc, YEAR, Some(departments[0]), None)
            .await
            .unwrap();
        let r = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        assert_eq!(r.ratings.iter().filter(|(_, _, x)| x.is_none()).count(), 1);
        d.antt
            .assessment()
            .set_rating(&office, cdlc, YEAR, None, Some(Rating::NotCompleted))
            .await
            .unwrap();
        let r = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        assert_eq!(r.force_rating, Some(Rating::NotCompleted));
        assert_eq!(r.standard.criteria[4].verdict, Verdict::Failed);

        // An override needs a reason and its evidence; nothing changes
        // without them.
        let e = d
            .antt
            .assessment()
            .override_check(&office, cdlc, YEAR, "2.1", Some(Verdict::Met), "ok", "")
            .await
            .unwrap_err();
        invalid(e, "evidence");
        let e = d
            .antt
            .assessment()
            .override_check(
                &office,
                cdlc,
                YEAR,
                "9.9",
                Some(Verdict::Met),
                "lý do đầy đủ",
                "x",
            )
            .await
            .unwrap_err();
        invalid(e, "check");
        // "Không áp dụng" only where the Circular says "nếu có" or "nơi
        // đủ điều kiện": 5.1 (the guard force, if any) takes it, 4.2 not.
        let e = d
            .antt
            .assessment()
            .override_check(
                &office,
                cdlc,
                YEAR,
                "4.2",
                Some(Verdict::NotApplicable),
                "Trường không có ai vi phạm",
                "Sổ theo dõi",
            )
            .await
            .unwrap_err();
        invalid(e, "verdict");
        d.antt
            .assessment()
            .override_check(
                &office,
                cdlc,
                YEAR,
                "5.1",
                Some(Verdict::NotApplicable),
                "Trường thuê dịch vụ bảo vệ, không có lực lượng bảo vệ của trường",
                "Hợp đồng dịch vụ bảo vệ số 12/2026/HĐ",
            )
            .await
            .unwrap();
        let r = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        let five = &r.standard.criteria[4];
        assert_eq!(five.checks[0].finding.verdict(), Verdict::NotApplicable);
        assert!(five.verdict.holds(), "not applicable is not missing");
        assert!(r.todo.iter().all(|t| t.check_id != "5.1"), "{:?}", r.todo);
        d.antt
            .assessment()
            .override_check(&office, cdlc, YEAR, "5.1", None, "", "")
            .await
            .unwrap();
        let before = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        assert_eq!(before.standard.criteria[1].verdict, Verdict::AtRisk);
        d.antt
            .assessment()
            .override_check(
                &office,
                cdlc,
                YEAR,
                "2.1",
                Some(Verdict::Met),
                "Thực hiện đầy đủ các văn bản chỉ đạo của Tỉnh ủy, UBND tỉnh",
                "Báo cáo tổng kết năm học, mục II",
            )
            .await
            .unwrap();
        let after = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        assert_eq!(after.standard.criteria[1].verdict, Verdict::Met);
        // The override is in the audit log with its reason.
        let log = d
            .antt
            .audit()
            .list(
                &office,
                antt_core::audit::AuditQuery {
                    unit: Some(cdlc),
                    target: Some((antt_domain::audit::TargetKind::Assessment, YEAR.to_string())),
                    ..Default::default()
                },
                antt_domain::page::PageRequest::default(),
            )
            .await
            .unwrap();
        assert!(
            log.items.iter().any(|e| e.changes.iter().any(|c| c
                .after
                .as_deref()
                .is_some_and(|a| a.contains("Báo cáo tổng kết")))),
            "{:?}",
            log.items
        );
        // Taking it back returns to the computed verdict.
        d.antt
            .assessment()
            .override_check(&office, cdlc, YEAR, "2.1", None, "", "")
            .await
            .unwrap();
        let back = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        assert_eq!(back.standard.criteria[1].verdict, Verdict::AtRisk);
    }
}

#[tokio::test]
async fn scores_are_checked_against_the_sheet_and_classified() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let police = actor(&d.antt, "congan.tinh").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let refused = d
            .antt
            .assessment()
            .save_scores(
                &office,
                cdlc,
                YEAR,
                &[("1".into(), "3,5".into()), ("2".into(), "2".into())],
            )
            .await
            .unwrap()
            .unwrap_err();
        assert_eq!(refused, vec![("1".to_owned(), ErrorCode::AboveMaximum)]);
        let r = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        assert!(
            r.sheet.lines.iter().all(|l| l.given.is_none()),
            "nothing saved"
        );

        let suggested: Vec<(String, String)> = r
            .sheet
            .lines
            .iter()
            .map(|l| {
                (
                    l.item.id.clone(),
                    l.suggested.unwrap_or(Points(0)).display(),
                )
            })
            .collect();
        d.antt
            .assessment()
            .save_scores(&office, cdlc, YEAR, &suggested)
            .await
            .unwrap()
            .unwrap();
        let r = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        assert_eq!(r.sheet.unscored, 0);
        // The standard is at risk (2.1 unconfirmed): item 10 is all or
        // nothing, so antt suggests nothing and the office typed 0.
        let ten = r.sheet.lines.iter().find(|l| l.item.id == "10").unwrap();
        assert_eq!(ten.suggested, None);
        assert_eq!(ten.given, Some(Points(0)));
        assert_eq!(r.sheet.total, Points(850));
        assert_eq!(
            r.sheet.level.as_ref().map(|l| l.0.as_str()),
            Some("good"),
            "85 without the standard is 'Khá', not 'Xuất sắc'"
        );
        // The authority reviews only a submitted dossier.
        let e = d
            .antt
            .assessment()
            .review_scores(&police, cdlc, YEAR, &[("5".into(), "10".into())])
            .await
            .unwrap_err();
        invalid(e, "state");
        let e = d
            .antt
            .assessment()
            .review_scores(&office, cdlc, YEAR, &[("5".into(), "10".into())])
            .await
            .unwrap_err();
        assert!(matches!(e, CoreError::Forbidden), "{e:?}");
        let sheet = d
            .antt
            .assessment()
            .score_list(&office, cdlc, YEAR, true)
            .await
            .unwrap();
        let xml = document_xml(&sheet.bytes);
        assert!(
            xml.contains("BẢNG CHẤM ĐIỂM") && xml.contains("Tổng điểm: 85/100"),
            "{xml:.300}"
        );
        // Printed, the provisional items and level say so, as on screen.
        assert!(xml.contains("(tạm thời)"), "an item marked provisional");
        assert!(xml.contains("Khá (tạm thời)"), "the level too");
        assert!(xml.contains("chỉ để tham khảo"), "and why");
        let workbook = d
            .antt
            .assessment()
            .score_list(&office, cdlc, YEAR, false)
            .await
            .unwrap();
        assert!(
            std::path::Path::new(&workbook.file_name)
                .extension()
                .is_some_and(|e| e == "xlsx")
                && workbook.bytes.len() > 1000
        );
    }
}

#[tokio::test]
async fn the_dossier_goes_up_comes_back_with_reasons_and_is_recognised() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let leader = actor(&d.antt, "bgh").await;
        let police = actor(&d.antt, "congan.tinh").await;
        let other_school = actor(&d.antt, "thcs.vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;

        // Nobody outside the college and its police reads it.
        let e = d
            .antt
            .assessment()
            .readiness(&other_school, cdlc, YEAR)
            .await
            .unwrap_err();
        assert!(matches!(e, CoreError::NotFound), "{e:?}");
        // A second registration for the year is refused.
        let e = d
            .antt
            .assessment()
            .register(&office, cdlc, YEAR)
            .await
            .unwrap_err();
        invalid(e, "year");

        // A dossier without its request is refused, naming each part.
        let e = d
            .antt
            .assessment()
            .submit_dossier(&office, cdlc, YEAR, Dossier::default())
            .await
            .unwrap_err();
        match e {
            CoreError::Invalid(v) => assert!(v.has("request_number") && v.has("request_on")),
            other => panic!("{other:?}"),
        }
        let dossier = Dossier {
            request_number: "45/TTr-CĐLC".into(),
            request_on: Some(day(11, 18)),
            others: vec!["Nghị quyết số 05-NQ/ĐU".into()],
            ..Dossier::default()
        };
        let e = d
            .antt
            .assessment()
            .submit_dossier(&leader, cdlc, YEAR, dossier.clone())
            .await
            .unwrap_err();
        assert!(
            matches!(e, CoreError::Forbidden),
            "only the office sends it: {e:?}"
        );
        // 2.1 is still unconfirmed: the dossier goes only when the office
        // says so, and the Tờ trình names it.
        let e = d
            .antt
            .assessment()
            .submit_dossier(&office, cdlc, YEAR, dossier.clone())
            .await
            .unwrap_err();
        invalid(e, "acknowledge_unconfirmed");
        let dossier = Dossier {
            acknowledge_unconfirmed: true,
            ..dossier
        };
        d.antt
            .assessment()
            .submit_dossier(&office, cdlc, YEAR, dossier.clone())
            .await
            .unwrap();
        let request = d
            .antt
            .assessment()
            .recognition_request(&office, cdlc, YEAR)
            .await
            .unwrap();
        let xml = document_xml(&request.bytes);
        assert!(
            xml.contains("tiêu chí 2.1 chưa được xác nhận"),
            "the Tờ trình says what was unconfirmed: {xml:.600}"
        );
        // What was sent is kept: a fight recorded afterwards changes neither
        // the Tờ trình nor the minutes, byte for byte.
        let minutes = d
            .antt
            .assessment()
            .meeting_minutes(&office, cdlc, YEAR)
            .await
            .unwrap();
        d.antt
            .incidents()
            .create(
                &office,
                scuffle(
                    day(11, 10),
                    "Nhà ăn",
                    "Hai sinh viên xô xát sau khi nộp hồ sơ",
                ),
                None,
            )
            .await
            .unwrap();
        let now = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        assert_eq!(
            now.standard.criteria[3].verdict,
            Verdict::Failed,
            "the records changed"
        );
        for (kind, before, after) in [
            (
                "Tờ trình",
                request.bytes,
                d.antt
                    .assessment()
                    .recognition_request(&office, cdlc, YEAR)
                    .await
                    .unwrap()
                    .bytes,
            ),
            (
                "Biên bản",
                minutes.bytes,
                d.antt
                    .assessment()
                    .meeting_minutes(&office, cdlc, YEAR)
                    .await
                    .unwrap()
                    .bytes,
            ),
        ] {
            assert!(before == after, "{kind}: the paper as sent, byte for byte");
        }
        // The report went with it and is kept as it was sent.
        let sent = d
            .antt
            .assessment()
            .submitted_report(&police, cdlc, YEAR)
            .await
            .unwrap();
        let xml = document_xml(&sent.bytes);
        assert!(
            xml.contains("BÁO CÁO") && xml.contains("ngoại trú"),
            "{xml:.400}"
        );
        // While the authority holds it the unit changes nothing.
        let e = d
            .antt
            .assessment()
            .save_report_texts(
                &office,
                cdlc,
                YEAR,
                antt_domain::assessment::ReportTexts::default(),
            )
            .await
            .unwrap_err();
        invalid(e, "state");
        let e = d
            .antt
            .assessment()
            .review_dossier(&office, cdlc, YEAR, Review::Accept)
            .await
            .unwrap_err();
        assert!(
            matches!(e, CoreError::Forbidden),
            "a unit never accepts its own: {e:?}"
        );
        let e = d
            .antt
            .assessment()
            .review_dossier(&police, cdlc, YEAR, Review::Return("  ".into()))
            .await
            .unwrap_err();
        invalid(e, "reason");
        d.antt
            .assessment()
            .review_dossier(
                &police,
                cdlc,
                YEAR,
                Review::Return("Thiếu minh chứng tiêu chí 2.1; bổ sung báo cáo phối hợp".into()),
            )
            .await
            .unwrap();
        let r = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        let a = r.assessment.as_ref().unwrap();
        assert_eq!(a.state, AssessmentState::Returned);
        assert!(a.returned_because.as_deref().unwrap().contains("2.1"));
        let e = d
            .antt
            .assessment()
            .record_decision(&police, cdlc, YEAR, Decision::default())
            .await
            .unwrap_err();
        invalid(e, "number");

        // The unit answers and sends again; the authority accepts, then
        // records the decision.
        d.antt
            .assessment()
            .override_check(
                &office,
                cdlc,
                YEAR,
                "2.1",
                Some(Verdict::Met),
                "Thực hiện đầy đủ kế hoạch phối hợp với Công an phường",
                "Báo cáo phối hợp số 30/BC-CĐLC",
            )
            .await
            .unwrap();
        // The scuffle recorded after the first sending fails 4.1: the new
        // dossier cannot go until the council answers it.
        let e = d
            .antt
            .assessment()
            .submit_dossier(&office, cdlc, YEAR, dossier.clone())
            .await
            .unwrap_err();
        invalid(e, "standard");
        d.antt
            .assessment()
            .override_check(
                &office,
                cdlc,
                YEAR,
                "4.1",
                Some(Verdict::Met),
                "Xô xát do va chạm khi xếp hàng, đã hòa giải; Công an phường xác nhận không phải bạo lực học đường",
                "Biên bản hòa giải ngày 11/11",
            )
            .await
            .unwrap();
        d.antt
            .assessment()
            .submit_dossier(&office, cdlc, YEAR, dossier)
            .await
            .unwrap();
        // Sent again, the kept papers are the new ones.
        let again = d
            .antt
            .assessment()
            .recognition_request(&office, cdlc, YEAR)
            .await
            .unwrap();
        assert!(
            !document_xml(&again.bytes).contains("chưa được xác nhận"),
            "the second Tờ trình has nothing unconfirmed"
        );
        d.antt
            .assessment()
            .review_scores(&police, cdlc, YEAR, &[("5".into(), "12".into())])
            .await
            .unwrap()
            .unwrap();
        d.antt
            .assessment()
            .review_dossier(&police, cdlc, YEAR, Review::Accept)
            .await
            .unwrap();
        let e = d
            .antt
            .assessment()
            .record_decision(
                &police,
                cdlc,
                YEAR,
                Decision {
                    number: "1520/QĐ-UBND".into(),
                    signed_on: Some(day(11, 21) + Duration::days(1)),
                    body: "UBND tỉnh Lào Cai".into(),
                    recognised: true,
                },
            )
            .await
            .unwrap_err();
        invalid(e, "signed_on");
        d.antt
            .assessment()
            .record_decision(
                &police,
                cdlc,
                YEAR,
                Decision {
                    number: "1520/QĐ-UBND".into(),
                    signed_on: Some(day(11, 20)),
                    body: "UBND tỉnh Lào Cai".into(),
                    recognised: true,
                },
            )
            .await
            .unwrap();
        let r = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        let a = r.assessment.as_ref().unwrap();
        assert_eq!(a.state, AssessmentState::Recognised);
        assert_eq!(a.decision.as_ref().unwrap().number, "1520/QĐ-UBND");
        assert_eq!(a.reviewed_scores.get("5"), Some(&Points(120)));
        let states: Vec<AssessmentState> = r.steps.iter().map(|s| s.state).collect();
        assert_eq!(
            states,
            vec![
                AssessmentState::Registered,
                AssessmentState::SelfAssessed,
                AssessmentState::Submitted,
                AssessmentState::Returned,
                AssessmentState::Submitted,
                AssessmentState::Accepted,
                AssessmentState::Recognised,
            ]
        );
        // Once decided, nothing moves.
        let e = d
            .antt
            .assessment()
            .review_dossier(&police, cdlc, YEAR, Review::Accept)
            .await
            .unwrap_err();
        invalid(e, "state");
        // The province sees the college's state among its units.
        let list = d
            .antt
            .assessment()
            .overseen_assessments(&police, YEAR)
            .await
            .unwrap();
        let college = list.iter().find(|u| u.unit.code == "CDLC").unwrap();
        assert_eq!(college.state, Some(AssessmentState::Recognised));
        assert_eq!(
            college.total,
            Some(Points(120)),
            "only item 5 is scored, by the authority"
        );
        assert_eq!(college.unscored, 10);
        assert!(
            college.level.is_none(),
            "no level before every item is scored"
        );
        assert!(
            list.iter()
                .any(|u| u.unit.code == "THCSCD" && u.state.is_none())
        );
    }
}

#[tokio::test]
async fn the_documents_are_written_from_the_records() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let report = d
            .antt
            .assessment()
            .yearly_report(&office, cdlc, YEAR)
            .await
            .unwrap();
        let xml = document_xml(&report.bytes);
        for expected in [
            "BÁO CÁO",
            "Kết quả thực hiện Phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2026",
            "I. ĐẶC ĐIỂM TÌNH HÌNH",
            "Công tác tuyên truyền",
            "Tiếp nhận",
            "HẠN CHẾ, TỒN TẠI VÀ NGUYÊN NHÂN",
            "sinh viên ngoại trú",
            "6.500.000",
            "Cổng trường an toàn giao thông",
            "Biểu đồ: số buổi tuyên truyền",
            "<w:drawing>",
            "tin, bài trên trang thông tin điện tử",
            "Cuộc thi tìm hiểu pháp luật năm 2026",
            "6. Công tác thi đua, khen thưởng",
            "Công tác quản lý học sinh, sinh viên nội trú",
            "nhà ký túc xá",
            "lượt vắng không phép",
            "kiểm tra phòng ở",
        ] {
            assert!(xml.contains(expected), "the report lacks {expected}");
        }
        // Every number carries the unit's Vietnamese abbreviation, never
        // its ASCII code (issue 17: one dossier mixed KH-CDLC, TTr-CĐLC).
        assert!(xml.contains("/BC-CĐLC") && !xml.contains("-CDLC"));
        let form = d
            .antt
            .assessment()
            .registration_form(&office, cdlc, YEAR)
            .await
            .unwrap();
        let xml = document_xml(&form.bytes);
        assert!(xml.contains("BẢN ĐĂNG KÝ") && xml.contains("Thông tư số 124/2021/TT-BCA"));
        assert!(xml.contains("/ĐK-CĐLC") && !xml.contains("-CDLC"));
        // Kept as signed in February: the same bytes every time.
        let again = d
            .antt
            .assessment()
            .registration_form(&office, cdlc, YEAR)
            .await
            .unwrap();
        assert_eq!(
            form.bytes, again.bytes,
            "the registration is kept as issued"
        );
        let minutes = d
            .antt
            .assessment()
            .meeting_minutes(&office, cdlc, YEAR)
            .await
            .unwrap();
        let xml = document_xml(&minutes.bytes);
        assert!(xml.contains("BIÊN BẢN") && xml.contains("Công an phường Cam Đường"));
        assert!(xml.contains("/BB-CĐLC") && !xml.contains("-CDLC"));
        // Its times, and the secretary signing beside the chair.
        for part in [
            "từ 08 giờ 00 phút đến 10 giờ 30 phút",
            "Hội nghị kết thúc lúc 10 giờ 30 phút",
            "THƯ KÝ",
            "Nguyễn Thị Hằng",
            "CHỦ TRÌ",
        ] {
            assert!(xml.contains(part), "the minutes lack «{part}»");
        }
        let request = d
            .antt
            .assessment()
            .recognition_request(&office, cdlc, YEAR)
            .await
            .unwrap();
        let xml = document_xml(&request.bytes);
        assert!(xml.contains("TỜ TRÌNH") && xml.contains("Biên bản họp đánh giá"));
        // To the People's Committee, which decides, through the police's
        // standing office, which appraises (Điều 9, 10).
        assert!(
            xml.contains("Ủy ban nhân dân tỉnh Lào Cai") && xml.contains("Thường trực Ban Chỉ đạo"),
            "{xml:.800}"
        );
        assert!(xml.contains("kính trình Ủy ban nhân dân tỉnh Lào Cai"));
        // The year after has no registration: no form, no minutes.
        let e = d
            .antt
            .assessment()
            .registration_form(&office, cdlc, YEAR + 1)
            .await
            .unwrap_err();
        assert!(matches!(e, CoreError::NotFound), "{e:?}");
    }
}

#[tokio::test]
async fn a_registration_is_kept_as_signed() {
    for d in demos().await {
        let office = actor(&d.antt, "thcs.vanphong").await;
        let small = unit_id(&d.antt, "THCSCD").await;
        d.antt
            .assessment()
            .register(&office, small, YEAR)
            .await
            .unwrap();
        let signed = d
            .antt
            .assessment()
            .registration_form(&office, small, YEAR)
            .await
            .unwrap();
        let xml = document_xml(&signed.bytes);
        assert!(xml.contains("TRƯỜNG THCS CAM ĐƯỜNG") && xml.contains("/ĐK-THCSCĐ"));
        // The school writes its plan afterwards, under another name: the
        // registration it signed does not change.
        let plan = d.antt.plans().start(&office, small, YEAR).await.unwrap();
        let mut content = d
            .antt
            .plans()
            .view(&office, small, plan)
            .await
            .unwrap()
            .plan
            .content;
        content.issuing_body = "Trường Trung học cơ sở Cam Đường".into();
        content.symbol = "KH-THCS".into();
        content.signer.name = "Lê Thị Mai".into();
        d.antt
            .plans()
            .save_content(&office, small, plan, content)
            .await
            .unwrap();
        let again = d
            .antt
            .assessment()
            .registration_form(&office, small, YEAR)
            .await
            .unwrap();
        assert_eq!(signed.bytes, again.bytes, "the registration as signed");
        // The papers not yet signed follow the new letterhead.
        let report = d
            .antt
            .assessment()
            .yearly_report(&office, small, YEAR)
            .await
            .unwrap();
        let xml = document_xml(&report.bytes);
        assert!(
            xml.contains("TRUNG HỌC CƠ SỞ CAM ĐƯỜNG") && xml.contains("/BC-THCS<"),
            "{xml:.1500}"
        );
    }
}

#[tokio::test]
async fn a_province_loads_its_own_score_sheet() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let police = actor(&d.antt, "congan.tinh").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let sheet = |rows: Vec<(&str, &str, f64)>| {
            antt_docgen::xlsx(&[antt_docgen::TableSheet {
                name: "Bảng điểm".into(),
                title: vec!["BẢNG CHẤM ĐIỂM PHONG TRÀO NĂM 2026".into()],
                headers: vec!["TT".into(), "Nội dung".into(), "Điểm chuẩn".into()],
                widths: vec![],
                rows: rows
                    .into_iter()
                    .map(|(id, content, points)| {
                        vec![
                            antt_docgen::Value::Text(id.into()),
                            antt_docgen::Value::Text(content.into()),
                            antt_docgen::Value::Number(points),
                        ]
                    })
                    .collect(),
            }])
            .unwrap()
        };
        let levels = vec![
            antt_domain::rubric::Level {
                code: "excellent".into(),
                name: "Xuất sắc".into(),
                min: Points(850),
                requires_standard: true,
            },
            antt_domain::rubric::Level {
                code: "good".into(),
                name: "Khá".into(),
                min: Points(650),
                requires_standard: false,
            },
        ];
        let good = sheet(vec![
            ("1", "Lãnh đạo, chỉ đạo", 40.0),
            ("2", "Tuyên truyền", 30.0),
            ("2a", "Tổ chức tuyên truyền", 10.0),
            ("2b", "Tỷ lệ tham gia", 20.0),
            ("3", "Mô hình", 30.0),
        ]);
        let e = d
            .antt
            .assessment()
            .load_score_sheet(&office, "bang-diem.xlsx", good.clone(), levels.clone())
            .await
            .unwrap_err();
        assert!(matches!(e, CoreError::Forbidden), "{e:?}");
        let bad = sheet(vec![("1", "A", 40.0), ("1", "B", 60.0)]);
        let problems = d
            .antt
            .assessment()
            .load_score_sheet(&police, "bang-diem.xlsx", bad, levels.clone())
            .await
            .unwrap()
            .unwrap_err();
        assert!(
            problems.iter().any(|p| p.line == 5
                && p.problem == antt_domain::rubric::RubricProblem::DuplicateId("1".into())),
            "title, blank row, header, first item: the second is on row 5: {problems:?}"
        );
        let before = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        assert_eq!(
            before.sheet_source,
            antt_core::assessment::SheetSource::BuiltIn
        );
        let loaded = d
            .antt
            .assessment()
            .load_score_sheet(&police, "bang-diem.xlsx", good, levels)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(loaded.total, Points(1000));
        let r = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        assert!(matches!(
            r.sheet_source,
            antt_core::assessment::SheetSource::Province { .. }
        ));
        let ids: Vec<&str> = r.sheet.lines.iter().map(|l| l.item.id.as_str()).collect();
        assert_eq!(ids, vec!["1", "2a", "2b", "3"]);
        assert!(!r.score_rubric.provisional);
    }
}

/// Criterion 3 and check 4.2 by the letter of Circular 124, through the
/// database: a helmet fine and a warning for cheating leave 4.2 met, a drug
/// case with a warning fails it; a serious theft reported the same day is
/// excused, one reported five days later is not, and a very serious fire
/// fails 3.1 though it was handed to the police the next day.
#[tokio::test]
async fn criterion_3_and_check_4_2_are_judged_by_the_letter() {
    use antt_domain::assessment::Finding;
    use antt_domain::incident::{Discipline, Transfer, ViolationInput, ViolationKind};
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let student = super::first_person(&d.antt, &office, cdlc, "sv").await.id;
        // The finding of a check in the current year (2027), as recorded now.
        let finding = async |id: &str| -> Finding {
            let r = d
                .antt
                .assessment()
                .readiness(&office, cdlc, YEAR + 1)
                .await
                .unwrap();
            r.standard
                .criteria
                .iter()
                .flat_map(|c| &c.checks)
                .find(|k| k.check.id == id)
                .unwrap()
                .finding
                .clone()
        };
        let violation = async |kind, discipline, what: &str| {
            let input = ViolationInput {
                person_id: student,
                incident_id: None,
                kind,
                occurred_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
                description: what.into(),
                discipline,
                handling: None,
            };
            d.antt
                .incidents()
                .record_violation(&office, input)
                .await
                .unwrap();
        };
        // A case of 11/2026 at `day` `hour`, handed to the ward police on `on`.
        let case = async |category, severity, day: u32, hour: u32, summary: &str, on: u32| {
            let at = chrono::NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
            let input = IncidentInput {
                category,
                severity,
                occurred_at: antt_domain::time::vietnam_instant(
                    at.and_hms_opt(hour, 0, 0).unwrap(),
                ),
                campus_id: None,
                place: "Ký túc xá".into(),
                summary: summary.into(),
                actions: String::new(),
                value_recovered: 0,
            };
            let (id, _) = d
                .antt
                .incidents()
                .create(&office, input, None)
                .await
                .unwrap();
            let hand_over = Transfer {
                police_unit: "Công an phường Cam Đường".into(),
                transferred_on: chrono::NaiveDate::from_ymd_opt(2026, 11, on),
                reference: None,
                acknowledged_on: None,
            };
            d.antt
                .incidents()
                .transfer(&office, id, hand_over)
                .await
                .unwrap();
        };

        violation(
            ViolationKind::Traffic,
            Discipline::AdministrativeFine,
            "Không đội mũ bảo hiểm",
        )
        .await;
        violation(
            ViolationKind::InternalRules,
            Discipline::Warning,
            "Quay cóp trong thi học kỳ",
        )
        .await;
        assert_eq!(
            finding("4.2").await.computed,
            Verdict::Met,
            "a fine and a cheating warning"
        );
        violation(
            ViolationKind::SocialEvil,
            Discipline::Warning,
            "Sử dụng trái phép chất ma túy",
        )
        .await;
        let f = finding("4.2").await;
        assert_eq!(f.computed, Verdict::Failed);
        assert_eq!(f.records.len(), 1, "{:?}", f.records);
        assert!(f.records[0].label.contains("ma túy"), "{:?}", f.records);

        case(
            TipCategory::Theft,
            Severity::Serious,
            20,
            9,
            "Trộm xe máy ở nhà xe B",
            20,
        )
        .await;
        assert_eq!(
            finding("3.1").await.computed,
            Verdict::Met,
            "a theft reported the same day"
        );
        case(
            TipCategory::Theft,
            Severity::Serious,
            16,
            9,
            "Trộm máy tính ở phòng thực hành",
            21,
        )
        .await;
        case(
            TipCategory::Fire,
            Severity::VerySerious,
            20,
            22,
            "Cháy kho xưởng, một người tử vong",
            21,
        )
        .await;
        let f = finding("3.1").await;
        assert_eq!(f.computed, Verdict::Failed);
        let labels: Vec<&str> = f.records.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels.len(), 2, "{labels:?}");
        assert!(
            labels
                .iter()
                .any(|l| l.contains("phòng thực hành") && l.ends_with("(điểm đ)")),
            "{labels:?}"
        );
        assert!(
            labels
                .iter()
                .any(|l| l.contains("Cháy kho") && l.ends_with("(điểm g)")),
            "{labels:?}"
        );
    }
}

/// Criteria 5 and 6 by the letter (Điều 7 khoản 5, 6): a student's warning
/// for cheating leaves them as they were; a staff member's warning fails
/// criterion 6 whatever the departments' ratings; a guard's warning fails
/// criterion 5 too. Check 2.3 (the parents' board) is not applicable to a
/// college and stays to be confirmed by a lower secondary school.
#[tokio::test]
async fn criteria_5_and_6_count_discipline_and_2_3_follows_the_school_level() {
    use antt_domain::incident::{Discipline, ViolationInput, ViolationKind};
    use antt_domain::person::{PersonFilter, PersonKind};
    use antt_domain::unit::SchoolLevel;
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let verdict = async |unit, id: &str| -> Verdict {
            let r = d
                .antt
                .assessment()
                .readiness(&office_of(&d.antt, unit).await, unit, YEAR + 1)
                .await
                .unwrap();
            r.standard
                .criteria
                .iter()
                .flat_map(|c| &c.checks)
                .find(|k| k.check.id == id)
                .unwrap()
                .finding
                .computed
        };
        let warn = async |person, kind, what: &str| {
            let input = ViolationInput {
                person_id: person,
                incident_id: None,
                kind,
                occurred_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
                description: what.into(),
                discipline: Discipline::Warning,
                handling: None,
            };
            d.antt
                .incidents()
                .record_violation(&office, input)
                .await
                .unwrap();
        };

        // 2.3: the college trains at college level; the small school is
        // a lower secondary one and confirms it itself.
        assert_eq!(verdict(cdlc, "2.3").await, Verdict::NotApplicable);
        let thcs = unit_id(&d.antt, "THCSCD").await;
        assert_eq!(verdict(thcs, "2.3").await, Verdict::AtRisk);
        d.antt
            .units()
            .set_school_level(&office, cdlc, Some(SchoolLevel::UpperSecondary))
            .await
            .unwrap();
        assert_eq!(verdict(cdlc, "2.3").await, Verdict::AtRisk);
        d.antt
            .units()
            .set_school_level(&office, cdlc, Some(SchoolLevel::Vocational))
            .await
            .unwrap();
        // Only the school's own office says it.
        let province = actor(&d.antt, "congan.tinh").await;
        assert!(
            d.antt
                .units()
                .set_school_level(&province, cdlc, None)
                .await
                .is_err()
        );
        assert_eq!(verdict(cdlc, "2.3").await, Verdict::NotApplicable);

        let before = (verdict(cdlc, "5.1").await, verdict(cdlc, "6.1").await);
        assert_ne!(before.0, Verdict::Failed);
        assert_ne!(before.1, Verdict::Failed);
        let student = super::first_person(&d.antt, &office, cdlc, "sv").await.id;
        warn(
            student,
            ViolationKind::InternalRules,
            "Quay cóp trong thi học kỳ",
        )
        .await;
        assert_eq!(
            (verdict(cdlc, "5.1").await, verdict(cdlc, "6.1").await),
            before,
            "a student's warning is check 4.2's matter"
        );

        let guards: Vec<_> = d
            .antt
            .duty()
            .guards(&office, cdlc)
            .await
            .unwrap()
            .into_iter()
            .filter(|g| !g.reinforcement)
            .map(|g| g.person_id)
            .collect();
        let staff = d
            .antt
            .people()
            .list(
                &office,
                cdlc,
                &PersonFilter {
                    kind: Some(PersonKind::Staff),
                    ..PersonFilter::default()
                },
                antt_domain::page::PageRequest::default(),
            )
            .await
            .unwrap()
            .page
            .items
            .into_iter()
            .map(|row| row.person.id)
            .find(|id| !guards.contains(id))
            .expect("a member of staff who is not a guard");
        warn(staff, ViolationKind::InternalRules, "Vi phạm quy chế thi").await;
        assert_eq!(verdict(cdlc, "6.1").await, Verdict::Failed);
        assert_eq!(
            verdict(cdlc, "5.1").await,
            before.0,
            "not a guard: criterion 5 as it was"
        );

        warn(guards[0], ViolationKind::InternalRules, "Ngủ trong ca trực").await;
        assert_eq!(verdict(cdlc, "5.1").await, Verdict::Failed);
    }
}

/// The office of a demo unit: the college's, or the small school's.
async fn office_of(antt: &antt_core::Antt, unit: antt_domain::UnitId) -> antt_core::Actor {
    let cdlc = unit_id(antt, "CDLC").await;
    actor(
        antt,
        if unit == cdlc {
            "vanphong"
        } else {
            "thcs.vanphong"
        },
    )
    .await
}
