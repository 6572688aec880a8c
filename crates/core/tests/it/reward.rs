//! Emulation and rewards on every database: candidates from the records,
//! nominations, the council's review, the unit's decision with its Word
//! file and certificates, proposals sent up and granted from above, a
//! reward on the spot, and the history of a person.

use antt_core::CoreError;
use antt_domain::ErrorCode;
use antt_domain::reward::{
    DecisionInput, NominationInput, NominationState, NomineeKind, RewardForm, Suggestion,
};
use antt_domain::time::local_date;

use super::{actor, demos, document_xml as xml, unit_id};

const YEAR: i32 = 2026;

fn refused(e: CoreError, field: &str, code: ErrorCode) {
    match e {
        CoreError::Invalid(v) => assert_eq!(v.for_field(field), Some(code), "{v:?}"),
        other => panic!("expected {field} refused, got {other:?}"),
    }
}

#[tokio::test]
async fn nominations_go_through_the_council_to_a_decision_and_certificates() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let leader = actor(&d.antt, "bgh").await;
        let head = actor(&d.antt, "ctsv").await;
        let teacher = actor(&d.antt, "gvcn").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let today = local_date(d.antt.now());

        let view = d.antt.rewards().view(&office, cdlc, YEAR).await.unwrap();
        let leaders: Vec<_> = view
            .candidates
            .iter()
            .filter(|c| c.suggestion == Suggestion::TeamLeader)
            .collect();
        assert!(!leaders.is_empty(), "the demo's team leaders are suggested");
        assert!(
            view.candidates
                .iter()
                .any(|c| c.suggestion == Suggestion::FullCoverage
                    && c.nominee.kind == NomineeKind::Class),
            "a class briefed in full is suggested"
        );
        let candidate = leaders[0].clone();
        let input = NominationInput {
            nominee: candidate.nominee.clone(),
            form: RewardForm::UnitCertificate,
            achievements: format!(
                "Trưởng {}, duy trì hoạt động hiệu quả cả năm",
                candidate.because
            ),
            suggested: Some(candidate.suggestion),
            act_on: None,
        };
        let e = d
            .antt
            .rewards()
            .nominate(&teacher, cdlc, YEAR, input.clone())
            .await
            .unwrap_err();
        assert!(matches!(e, CoreError::Forbidden), "{e:?}");
        let first = d
            .antt
            .rewards()
            .nominate(&office, cdlc, YEAR, input.clone())
            .await
            .unwrap();
        let view = d.antt.rewards().view(&office, cdlc, YEAR).await.unwrap();
        assert!(
            !view
                .candidates
                .iter()
                .any(|c| c.nominee.id == candidate.nominee.id),
            "a nominated candidate is no longer suggested"
        );
        // A medal goes to people only.
        let department = d
            .antt
            .org()
            .structure(&office, cdlc)
            .await
            .unwrap()
            .departments[0]
            .clone();
        let dept = d
            .antt
            .rewards()
            .find_nominee(
                &office,
                cdlc,
                NomineeKind::Department,
                &department.id.to_string(),
            )
            .await
            .unwrap();
        let e = d
            .antt
            .rewards()
            .nominate(
                &office,
                cdlc,
                YEAR,
                NominationInput {
                    nominee: dept.clone(),
                    form: RewardForm::CommemorativeMedal,
                    ..input.clone()
                },
            )
            .await
            .unwrap_err();
        refused(e, "form", ErrorCode::NotAllowed);
        // A reward on the spot for a brave act today.
        let student = d
            .antt
            .rewards()
            .find_nominee(&office, cdlc, NomineeKind::Person, "SV1700001")
            .await
            .unwrap();
        let spot = d
            .antt
            .rewards()
            .nominate(
                &office,
                cdlc,
                YEAR,
                NominationInput {
                    nominee: student.clone(),
                    form: RewardForm::UnitCertificate,
                    achievements:
                        "Dũng cảm giữ đối tượng trộm xe máy tại nhà xe, giao Công an phường".into(),
                    suggested: None,
                    act_on: Some(today),
                },
            )
            .await
            .unwrap();

        // A decision before the council agreed is refused and leaves nothing.
        let decision = DecisionInput {
            form: RewardForm::UnitCertificate,
            number: "120/QĐ-CĐLC".into(),
            signed_on: Some(today),
            signer_title: "Hiệu trưởng".into(),
            signer_name: "Trần Xuân Trường".into(),
            issuer: "Trường Cao đẳng Lào Cai".into(),
            reason: String::new(),
        };
        let e = d
            .antt
            .rewards()
            .decide(&office, cdlc, YEAR, decision.clone(), &[first, spot])
            .await
            .unwrap_err();
        refused(e, "nominations", ErrorCode::WrongState);
        assert!(
            d.antt
                .rewards()
                .view(&office, cdlc, YEAR)
                .await
                .unwrap()
                .decisions
                .is_empty()
        );

        // The council: a department head may not; a refusal needs a reason.
        let e = d
            .antt
            .rewards()
            .review(&head, cdlc, &[first], true, "")
            .await
            .unwrap_err();
        assert!(matches!(e, CoreError::Forbidden), "{e:?}");
        let e = d
            .antt
            .rewards()
            .review(&leader, cdlc, &[first], false, "")
            .await
            .unwrap_err();
        refused(e, "reason", ErrorCode::Required);
        // The office drafted them: it may not approve them as the council.
        let e = d
            .antt
            .rewards()
            .review(&office, cdlc, &[first, spot], true, "Nhất trí")
            .await
            .unwrap_err();
        refused(e, "nominations", ErrorCode::OwnDraft);
        assert_eq!(
            d.antt
                .rewards()
                .review(&leader, cdlc, &[first, spot], true, "Nhất trí 7/7")
                .await
                .unwrap(),
            2
        );
        let id = d
            .antt
            .rewards()
            .decide(&office, cdlc, YEAR, decision.clone(), &[first, spot])
            .await
            .unwrap();
        let view = d.antt.rewards().view(&office, cdlc, YEAR).await.unwrap();
        // The demo's own nominations are not this decision's.
        let decided: Vec<_> = view
            .nominations
            .iter()
            .filter(|n| n.id == first || n.id == spot)
            .collect();
        assert_eq!(decided.len(), 2);
        assert!(
            decided
                .iter()
                .all(|n| n.state == NominationState::Granted && n.decision_id == Some(id))
        );
        // The same number twice is refused.
        let e = d
            .antt
            .rewards()
            .decide(&office, cdlc, YEAR, decision, &[first])
            .await
            .unwrap_err();
        refused(e, "number", ErrorCode::Duplicate);

        let doc = d
            .antt
            .rewards()
            .decision_document(&office, cdlc, id)
            .await
            .unwrap();
        let text = xml(&doc.bytes);
        assert!(
            text.contains("QUYẾT ĐỊNH") && text.contains("Điều 1.") && text.contains(&student.name)
        );
        assert!(
            text.contains("Số: 120/QĐ-CĐLC"),
            "the decision's own number"
        );
        // In its own form (Decree 30): the authority, the bases with their
        // numbers, "Xét đề nghị", "QUYẾT ĐỊNH:", people counted as a paper
        // counts them, and no internal label.
        for part in [
            "HIỆU TRƯỞNG TRƯỜNG CAO ĐẲNG LÀO CAI",
            "số 06/2022/QH15",
            "Nghị định số 98/2023/NĐ-CP",
            "Xét đề nghị của Hội đồng Thi đua",
            "QUYẾT ĐỊNH:",
            "Tặng Giấy khen cho 02 cá nhân đã có thành tích",
        ] {
            assert!(
                text.contains(part),
                "the decision lacks «{part}»: {}",
                &text[text.find("Điều 1.").unwrap_or(0)..][..600.min(text.len())]
            );
        }
        assert!(!text.contains("Thủ trưởng đơn vị"), "no internal label");
        let certs = d
            .antt
            .rewards()
            .certificates(&office, cdlc, id)
            .await
            .unwrap();
        let text = xml(&certs.bytes);
        assert_eq!(text.matches("GIẤY KHEN").count(), 2, "one certificate each");
        assert!(
            text.contains(&candidate.nominee.name) && text.contains("Quyết định số 120/QĐ-CĐLC")
        );
        // The decision is kept as issued: next year's plan, approved with
        // another place, changes what is written from now on (the
        // certificates) but not the signed decision, byte for byte.
        let next = d.antt.plans().start(&office, cdlc, 2027).await.unwrap();
        let mut content = d
            .antt
            .plans()
            .view(&office, cdlc, next)
            .await
            .unwrap()
            .plan
            .content;
        content.number = Some(9);
        content.signed_on = chrono::NaiveDate::from_ymd_opt(2026, 11, 21);
        content.place = "Sa Pa".into();
        d.antt
            .plans()
            .save_content(&office, cdlc, next, content)
            .await
            .unwrap();
        d.antt
            .plans()
            .advance(&office, cdlc, next, antt_domain::plan::PlanState::Approved)
            .await
            .unwrap();
        let fresh = d
            .antt
            .rewards()
            .certificates(&office, cdlc, id)
            .await
            .unwrap();
        assert!(
            xml(&fresh.bytes).contains("Sa Pa, ngày"),
            "the new letterhead"
        );
        let again = d
            .antt
            .rewards()
            .decision_document(&office, cdlc, id)
            .await
            .unwrap();
        assert!(
            again.bytes == doc.bytes,
            "the decision as issued, byte for byte"
        );

        // A Bằng khen of the provincial chairman: approved, sent up, on the
        // proposal list, then granted by the province's decision.
        let up = d
            .antt
            .rewards()
            .nominate(
                &office,
                cdlc,
                YEAR,
                NominationInput {
                    nominee: dept.clone(),
                    form: RewardForm::ChairmanMerit,
                    achievements: "Tập thể dẫn đầu phong trào, 100% cán bộ ký cam kết".into(),
                    suggested: None,
                    act_on: None,
                },
            )
            .await
            .unwrap();
        let e = d
            .antt
            .rewards()
            .send_up(&office, cdlc, &[up])
            .await
            .unwrap_err();
        refused(e, "nominations", ErrorCode::WrongState);
        d.antt
            .rewards()
            .review(&leader, cdlc, &[up], true, "")
            .await
            .unwrap();
        d.antt
            .rewards()
            .send_up(&office, cdlc, &[up])
            .await
            .unwrap();
        let list = d
            .antt
            .rewards()
            .proposal_list(&office, cdlc, YEAR, true)
            .await
            .unwrap();
        let text = xml(&list.bytes);
        assert!(
            text.contains("TỜ TRÌNH")
                && text.contains(&dept.name)
                && text.contains("Bằng khen của Chủ tịch UBND tỉnh")
        );
        let sheet = d
            .antt
            .rewards()
            .proposal_list(&office, cdlc, YEAR, false)
            .await
            .unwrap();
        assert!(sheet.bytes.starts_with(b"PK"));
        d.antt
            .rewards()
            .decide(
                &office,
                cdlc,
                YEAR,
                DecisionInput {
                    form: RewardForm::ChairmanMerit,
                    number: "2150/QĐ-UBND".into(),
                    signed_on: Some(today),
                    signer_title: "Chủ tịch".into(),
                    signer_name: "Chủ tịch UBND tỉnh".into(),
                    issuer: "UBND tỉnh Lào Cai".into(),
                    reason: String::new(),
                },
                &[up],
            )
            .await
            .unwrap();
        let history = d
            .antt
            .rewards()
            .history(&office, cdlc, dept.id)
            .await
            .unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].0.state, NominationState::Granted);
        assert_eq!(history[0].1.as_ref().unwrap().input.number, "2150/QĐ-UBND");

        // A pledge once a year.
        let pledge = antt_domain::reward::Pledge {
            nominee: dept.clone(),
            title: "Tập thể lao động tiên tiến".into(),
            pledged_on: today,
        };
        d.antt
            .rewards()
            .pledge(&office, cdlc, YEAR, pledge.clone())
            .await
            .unwrap();
        let e = d
            .antt
            .rewards()
            .pledge(&office, cdlc, YEAR, pledge)
            .await
            .unwrap_err();
        refused(e, "nominee", ErrorCode::AlreadyRecorded);
        assert_eq!(
            d.antt
                .rewards()
                .view(&office, cdlc, YEAR)
                .await
                .unwrap()
                .pledges
                .len(),
            1
        );
    }
}

/// A person disciplined in the year is shown as not eligible and may be
/// neither sent up nor decided; a reprimand bars, a fine does not. The
/// nominee's report of achievements carries the form's parts and both
/// signatures.
#[tokio::test]
async fn a_person_disciplined_in_the_year_is_not_sent_up_and_each_nominee_has_a_report() {
    use antt_domain::incident::{Discipline, ViolationInput, ViolationKind};
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let leader = actor(&d.antt, "bgh").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let view = d.antt.rewards().view(&office, cdlc, YEAR).await.unwrap();
        let candidate = view
            .candidates
            .iter()
            .find(|c| c.nominee.kind == NomineeKind::Person)
            .expect("a person suggested")
            .clone();
        let nominate = async |form| {
            d.antt
                .rewards()
                .nominate(
                    &office,
                    cdlc,
                    YEAR,
                    NominationInput {
                        nominee: candidate.nominee.clone(),
                        form,
                        achievements: format!(
                            "{}\nPhát hiện, báo tin kịp thời hai vụ trộm cắp tài sản",
                            candidate.because
                        ),
                        suggested: Some(candidate.suggestion),
                        act_on: None,
                    },
                )
                .await
                .unwrap()
        };
        let up = nominate(RewardForm::PoliceDirectorCertificate).await;
        let own = nominate(RewardForm::UnitCertificate).await;
        d.antt
            .rewards()
            .review(&leader, cdlc, &[up, own], true, "Nhất trí")
            .await
            .unwrap();

        let violation = async |discipline, what: &str| {
            d.antt
                .incidents()
                .record_violation(
                    &office,
                    ViolationInput {
                        person_id: antt_domain::PersonId::from_uuid(candidate.nominee.id),
                        incident_id: None,
                        kind: ViolationKind::Traffic,
                        occurred_on: chrono::NaiveDate::from_ymd_opt(YEAR, 10, 2).unwrap(),
                        description: what.into(),
                        discipline,
                        handling: None,
                    },
                )
                .await
                .unwrap();
        };
        violation(Discipline::AdministrativeFine, "Không đội mũ bảo hiểm").await;
        let view = d.antt.rewards().view(&office, cdlc, YEAR).await.unwrap();
        assert!(view.ineligible.is_empty(), "a fine is no discipline");
        violation(Discipline::Reprimand, "Vi phạm nội quy cơ quan").await;
        let view = d.antt.rewards().view(&office, cdlc, YEAR).await.unwrap();
        let why = view.ineligible.get(&up).expect("barred");
        assert!(why.starts_with("Khiển trách ngày 02/10/2026"), "{why}");
        assert!(view.ineligible.contains_key(&own));

        let e = d
            .antt
            .rewards()
            .send_up(&office, cdlc, &[up])
            .await
            .unwrap_err();
        refused(e, "nominations", ErrorCode::NotAllowed);
        let decision = DecisionInput {
            form: RewardForm::UnitCertificate,
            number: "99/QĐ-CĐLC".into(),
            signed_on: Some(local_date(d.antt.now())),
            signer_title: "HIỆU TRƯỞNG".into(),
            signer_name: "Trần Xuân Trường".into(),
            issuer: "Trường Cao đẳng Lào Cai".into(),
            reason: String::new(),
        };
        let e = d
            .antt
            .rewards()
            .decide(&office, cdlc, YEAR, decision, &[own])
            .await
            .unwrap_err();
        refused(e, "nominations", ErrorCode::NotAllowed);
        let view = d.antt.rewards().view(&office, cdlc, YEAR).await.unwrap();
        let states: Vec<_> = view
            .nominations
            .iter()
            .filter(|n| n.id == up || n.id == own)
            .map(|n| n.state)
            .collect();
        assert_eq!(
            states,
            vec![NominationState::Approved, NominationState::Approved],
            "nothing changed"
        );

        let report = d
            .antt
            .rewards()
            .achievement_report(&office, cdlc, up)
            .await
            .unwrap();
        assert!(report.file_name.starts_with("bao-cao-thanh-tich-"));
        let text = xml(&report.bytes);
        for part in [
            "BÁO CÁO THÀNH TÍCH",
            "I. THÔNG TIN CHUNG",
            "II. THÀNH TÍCH ĐẠT ĐƯỢC",
            "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG TRONG PHONG TRÀO",
            "Giấy khen của Giám đốc Công an tỉnh",
            "NGƯỜI BÁO CÁO THÀNH TÍCH",
            "XÁC NHẬN, ĐỀ NGHỊ",
            "báo tin kịp thời hai vụ trộm cắp",
        ] {
            assert!(text.contains(part), "{part} missing");
        }
        assert!(text.contains(&candidate.nominee.name));
        assert!(
            !text.contains("Số:"),
            "a report of achievements has no number"
        );
        // Another unit's staff do not read it.
        let other = actor(&d.antt, "thcs.vanphong").await;
        assert!(
            d.antt
                .rewards()
                .achievement_report(&other, cdlc, up)
                .await
                .is_err()
        );
    }
}
