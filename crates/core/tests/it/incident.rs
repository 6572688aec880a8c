//! Incidents and violations: a tip becomes an incident with its people,
//! goes to the ward police with their reference number and is closed; a
//! violation is recorded; the figures and the report follow; on every
//! database.

use chrono::{Duration, NaiveDate};

use antt_core::CoreError;
use antt_core::incident::InvolvedInput;
use antt_core::tip::InboxView;
use antt_domain::ErrorCode;
use antt_domain::incident::{
    Discipline, IncidentInput, IncidentState, InvolvedRole, Severity, Transfer, ViolationInput,
    ViolationKind,
};
use antt_domain::time::local_date;
use antt_domain::tip::{TipCategory, TipChannel, TipInput, TipState};

use super::{actor, demos, document_xml, unit_id};

#[tokio::test]
async fn a_tip_becomes_an_incident_goes_to_the_police_and_is_closed() {
    for d in demos().await {
        let b = d.t.backend;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let office = actor(&d.antt, "vanphong").await;
        let year = d.antt.plans().current_year();
        let before = d.antt.tips().statistics(&office, None, year).await.unwrap();

        let sent = d
            .antt
            .tips()
            .submit(
                cdlc,
                TipInput {
                    channel: TipChannel::Portal,
                    category: TipCategory::Theft,
                    urgent: false,
                    anonymous: true,
                    description: "Mất máy tính xách tay ở thư viện".into(),
                    place: Some("Thư viện".into()),
                    campus_id: None,
                    occurred_at: None,
                    contact: None,
                },
                Vec::new(),
                None,
            )
            .await
            .unwrap();
        let now = d.antt.now();
        let input = IncidentInput {
            category: TipCategory::Theft,
            severity: Severity::Serious,
            occurred_at: now - Duration::hours(3),
            campus_id: None,
            place: "Thư viện, tầng 1".into(),
            summary: "Một máy tính xách tay Dell của giảng viên bị lấy trộm.".into(),
            actions: "Trích xuất camera; khoanh vùng người ra vào.".into(),
            value_recovered: 0,
        };
        let e = d
            .antt
            .incidents()
            .create(
                &office,
                IncidentInput {
                    place: " ".into(),
                    ..input.clone()
                },
                None,
            )
            .await
            .unwrap_err();
        assert!(
            matches!(e, CoreError::Invalid(ref v) if v.for_field("location") == Some(ErrorCode::Required)),
            "{b}"
        );
        let (id, number) = d
            .antt
            .incidents()
            .create(&office, input.clone(), Some(sent.id))
            .await
            .unwrap();
        assert!(number >= 1);
        let student = d
            .antt
            .incidents()
            .person_id_by_code(&office, "SV1700001")
            .await
            .unwrap();
        d.antt
            .incidents()
            .add_involved(
                &office,
                id,
                InvolvedInput {
                    person_id: Some(student),
                    name: String::new(),
                    role: InvolvedRole::Witness,
                    note: Some("Thấy người lạ ở thư viện".into()),
                },
            )
            .await
            .unwrap();
        d.antt
            .incidents()
            .add_involved(
                &office,
                id,
                InvolvedInput {
                    person_id: None,
                    name: "Đối tượng chưa rõ danh tính".into(),
                    role: InvolvedRole::Suspect,
                    note: None,
                },
            )
            .await
            .unwrap();
        let e = d
            .antt
            .incidents()
            .add_involved(
                &office,
                id,
                InvolvedInput {
                    person_id: None,
                    name: "  ".into(),
                    role: InvolvedRole::Victim,
                    note: None,
                },
            )
            .await
            .unwrap_err();
        assert!(matches!(e, CoreError::Invalid(_)));

        let today = local_date(now);
        let e = d
            .antt
            .incidents()
            .transfer(
                &office,
                id,
                Transfer {
                    police_unit: " ".into(),
                    transferred_on: Some(today),
                    reference: None,
                    acknowledged_on: None,
                },
            )
            .await
            .unwrap_err();
        assert!(
            matches!(e, CoreError::Invalid(ref v) if v.for_field("police_unit") == Some(ErrorCode::Required))
        );
        d.antt
            .incidents()
            .transfer(
                &office,
                id,
                Transfer {
                    police_unit: "Công an phường Cam Đường".into(),
                    transferred_on: Some(today),
                    reference: Some("125/TN-CAP".into()),
                    acknowledged_on: Some(today),
                },
            )
            .await
            .unwrap();
        let violation = ViolationInput {
            person_id: student,
            incident_id: Some(id),
            kind: ViolationKind::InternalRules,
            occurred_on: today,
            description: "Cho người ngoài mượn thẻ thư viện".into(),
            discipline: Discipline::Warning,
            handling: Some("Quyết định số 12/QĐ-CDLC".into()),
        };
        let e = d
            .antt
            .incidents()
            .record_violation(
                &office,
                ViolationInput {
                    occurred_on: today + Duration::days(3),
                    ..violation.clone()
                },
            )
            .await
            .unwrap_err();
        assert!(
            matches!(e, CoreError::Invalid(ref v) if v.for_field("occurred_on") == Some(ErrorCode::InFuture))
        );
        d.antt
            .incidents()
            .record_violation(&office, violation)
            .await
            .unwrap();

        // The report to the police, as Word.
        let report = d.antt.incidents().report(&office, id).await.unwrap();
        let xml = document_xml(&report.bytes);
        for text in [
            "BÁO CÁO",
            "Kính gửi",
            "Công an phường Cam Đường",
            "125/TN-CAP",
            "Đối tượng chưa rõ danh tính",
            "Thư viện, tầng 1",
            "Nơi nhận",
            "- Như trên;",
            "Vào hồi ",
        ] {
            assert!(xml.contains(text), "{b}: the report lacks «{text}»");
        }
        assert!(
            !xml.contains("(để phối hợp xử lý)"),
            "the addressee is not repeated under Nơi nhận"
        );
        assert!(
            !xml.contains("Mất máy tính xách tay ở thư viện"),
            "the tip's own words stay sealed"
        );

        let e = d
            .antt
            .incidents()
            .close(&office, id, " ")
            .await
            .unwrap_err();
        assert!(
            matches!(e, CoreError::Invalid(ref v) if v.for_field("outcome") == Some(ErrorCode::Required))
        );
        d.antt
            .incidents()
            .close(
                &office,
                id,
                "Công an phường thu hồi máy, trả lại giảng viên",
            )
            .await
            .unwrap();
        let view = d.antt.incidents().get(&office, id).await.unwrap();
        assert_eq!(view.incident.state, IncidentState::Closed);
        assert_eq!(view.involved.len(), 2);
        assert_eq!(view.tips.len(), 1);
        assert_eq!(view.violations.len(), 1);
        assert!(matches!(
            d.antt.incidents().close(&office, id, "lần nữa").await,
            Err(CoreError::Invalid(_))
        ));
        let tip = d.antt.tips().open(&office, sent.id).await.unwrap();
        assert_eq!(tip.tip.incident_id, Some(id));
        assert_eq!(tip.tip.state, TipState::Received);

        // The figures count it all.
        let after = d.antt.tips().statistics(&office, None, year).await.unwrap();
        assert_eq!(after.tips, before.tips + 1);
        // The months partition the year: their counts add up to the
        // year's, and the new tip counts in this month's.
        let months = |s: &antt_core::tip::stats::TipStatistics| {
            s.by_month.iter().map(|(_, n)| *n).collect::<Vec<u64>>()
        };
        assert_eq!(months(&after).iter().sum::<u64>(), after.tips, "{b}");
        let grew: Vec<usize> = months(&after)
            .iter()
            .zip(months(&before))
            .enumerate()
            .filter(|(_, (a, b))| **a != *b)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(grew.len(), 1, "{b}");
        let last = d
            .antt
            .tips()
            .statistics(&office, None, year - 1)
            .await
            .unwrap();
        assert_eq!(months(&last).iter().sum::<u64>(), last.tips, "{b}");
        assert!(months(&last).iter().filter(|n| **n > 0).count() > 1, "{b}");
        assert_eq!(after.incidents, before.incidents + 1);
        assert_eq!(
            after.incidents_transferred,
            before.incidents_transferred + 1
        );
        assert_eq!(after.violations, before.violations + 1);
        assert_eq!(
            after.disciplined_warning_or_above,
            before.disciplined_warning_or_above + 1
        );
        // The province sees the figures of its units, not their tips.
        let province = actor(&d.antt, "congan.tinh").await;
        let all = d
            .antt
            .tips()
            .statistics(&province, None, year)
            .await
            .unwrap();
        assert!(all.units >= 2 && all.tips >= after.tips, "{all:?}");
        assert!(matches!(
            d.antt.tips().inbox(&province, InboxView::Open).await,
            Err(CoreError::NotFound | CoreError::Forbidden)
        ));
        // A guard reads no incident; a teacher sees no figures.
        let guard = actor(&d.antt, "baove").await;
        assert!(matches!(
            d.antt.incidents().get(&guard, id).await,
            Err(CoreError::Forbidden)
        ));
        let teacher = actor(&d.antt, "gvcn").await;
        assert!(matches!(
            d.antt.tips().statistics(&teacher, None, year).await,
            Err(CoreError::Forbidden)
        ));
        let _ = NaiveDate::MIN;
    }
}

#[tokio::test]
async fn the_demo_year_has_figures() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let s = d
            .antt
            .tips()
            .statistics(&office, None, d.antt.plans().current_year())
            .await
            .unwrap();
        // The demo's tips of the last 70 days fall in this movement year or
        // the last; those of this one are counted, each once.
        let total: u64 = s.by_category.iter().map(|(_, n)| n).sum();
        assert_eq!(total, s.tips);
        assert!(s.open >= 1, "{s:?}");
        assert!(s.overdue >= 1, "the demo has an overdue tip: {s:?}");
        // The year before: closed after 30 hours, 48 hours and 20 days.
        let last = d
            .antt
            .tips()
            .statistics(&office, None, d.antt.plans().current_year() - 1)
            .await
            .unwrap();
        assert_eq!(last.median_hours_to_close, Some(48), "{last:?}");
        assert_eq!(last.incidents, 2);
        assert_eq!(last.incidents_transferred, 1);
        assert_eq!(last.value_recovered, 6_500_000);
        assert_eq!(last.violations, 2);
        assert_eq!(
            last.disciplined_warning_or_above, 0,
            "the two students were reprimanded, below a warning"
        );
    }
}

/// Six handlers close the same incident at once: one does, the others are
/// told it is already closed, and the audit log keeps one closing.
#[tokio::test]
async fn of_concurrent_closings_of_one_incident_only_one_passes() {
    for d in demos().await {
        let b = d.t.backend;
        let office = actor(&d.antt, "vanphong").await;
        let leader = actor(&d.antt, "bgh").await;
        let now = d.antt.now();
        let (id, _) = d
            .antt
            .incidents()
            .create(
                &office,
                IncidentInput {
                    category: TipCategory::Violence,
                    severity: Severity::Minor,
                    occurred_at: now - Duration::hours(1),
                    campus_id: None,
                    place: "Sân bóng".into(),
                    summary: "Hai sinh viên xô xát sau trận bóng.".into(),
                    actions: "Tách hai bên, mời lên làm việc.".into(),
                    value_recovered: 0,
                },
                None,
            )
            .await
            .unwrap();
        let closings: Vec<_> = (0..6)
            .map(|i| {
                let antt = d.antt.clone();
                let who = if i % 2 == 0 {
                    office.clone()
                } else {
                    leader.clone()
                };
                tokio::spawn(async move {
                    antt.incidents()
                        .close(&who, id, &format!("Đã hòa giải ({i})"))
                        .await
                })
            })
            .collect();
        let mut closed = 0;
        for c in closings {
            match c.await.unwrap() {
                Ok(()) => closed += 1,
                Err(CoreError::Invalid(e)) => {
                    assert_eq!(e.for_field("state"), Some(ErrorCode::WrongState), "{b}");
                }
                Err(e) => panic!("{b}: {e:?}"),
            }
        }
        assert_eq!(closed, 1, "{b}: exactly one closing passes");
        let history = d
            .antt
            .audit()
            .history(
                &office,
                d.antt.units().by_code(&office, "CDLC").await.unwrap().id,
                antt_domain::audit::TargetKind::Incident,
                id.to_string(),
            )
            .await
            .unwrap();
        assert_eq!(
            history
                .iter()
                .filter(|e| e.summary.ends_with("kết thúc"))
                .count(),
            1,
            "{b}"
        );
        assert_eq!(
            d.antt
                .incidents()
                .get(&office, id)
                .await
                .unwrap()
                .incident
                .state,
            IncidentState::Closed
        );
    }
}

#[tokio::test]
async fn footage_an_incident_needs_is_flagged_until_someone_copies_it() {
    use antt_domain::footage::FootageText;
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let guard = actor(&d.antt, "baove").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let inc = d.antt.incidents();
        let year = d.antt.plans().current_year();
        let all = inc.list(&office, year).await.unwrap();
        let case = all
            .iter()
            .find(|i| {
                i.input.category == TipCategory::InternalRules && i.state == IncidentState::Open
            })
            .unwrap()
            .clone();
        // The demo: the fence case's corridor footage is not copied and
        // written over the day after tomorrow: flagged for the office. The
        // drug case's was copied.
        let view = inc.get(&office, case.id).await.unwrap();
        assert_eq!(view.footage.len(), 1);
        let today = local_date(d.antt.now());
        let risky: Vec<_> = view
            .footage
            .iter()
            .filter(|(f, _)| f.at_risk(today))
            .collect();
        assert_eq!(risky.len(), 1);
        let due = d.antt.fire().due(&office, cdlc).await.unwrap();
        assert_eq!(due.footage_at_risk.len(), 1);
        assert_eq!(due.footage_at_risk[0].incident_number, case.number);

        // Citing: not a camera, a time to come, a guard who handles no
        // incident — refused, nothing added.
        let items = d.antt.equipment().items(&office, cdlc).await.unwrap();
        let bottle = items
            .iter()
            .find(|i| !i.item.kind.is_camera())
            .unwrap()
            .item
            .id;
        let camera = view.footage[0].0.equipment_id;
        let t = FootageText {
            from: "2026-11-20T21:00",
            until: "2026-11-20T21:30",
            overwritten_on: "",
            note: "",
        };
        let e = inc
            .cite_footage(&office, case.id, bottle, &t)
            .await
            .unwrap_err();
        assert!(
            matches!(&e, CoreError::Invalid(v) if v.has("camera")),
            "{e:?}"
        );
        let later = FootageText {
            from: "2026-11-22T21:00",
            until: "2026-11-22T21:30",
            ..t
        };
        let e = inc
            .cite_footage(&office, case.id, camera, &later)
            .await
            .unwrap_err();
        assert!(
            matches!(&e, CoreError::Invalid(v) if v.has("from")),
            "{e:?}"
        );
        assert!(matches!(
            inc.cite_footage(&guard, case.id, camera, &t).await,
            Err(CoreError::Forbidden)
        ));
        assert_eq!(inc.get(&office, case.id).await.unwrap().footage.len(), 1);
        let id = inc
            .cite_footage(&office, case.id, camera, &t)
            .await
            .unwrap();
        let view = inc.get(&office, case.id).await.unwrap();
        assert_eq!(view.footage.len(), 2);
        let cited = view.footage.iter().find(|(f, _)| f.id == id).unwrap();
        assert_eq!(
            cited.0.overwritten_on,
            NaiveDate::from_ymd_opt(2026, 12, 20).unwrap(),
            "a month after, when the form does not say"
        );

        // Copied: no longer flagged; a keeping day already past is refused.
        let (risky, _) = risky[0];
        let e = inc
            .footage_copied(&office, risky.id, "Tổ bảo vệ", today - Duration::days(1))
            .await
            .unwrap_err();
        assert!(
            matches!(&e, CoreError::Invalid(v) if v.has("kept_until")),
            "{e:?}"
        );
        inc.footage_copied(&office, risky.id, "Tổ bảo vệ", today + Duration::days(365))
            .await
            .unwrap();
        let due = d.antt.fire().due(&office, cdlc).await.unwrap();
        assert!(due.footage_at_risk.is_empty());
    }
}
