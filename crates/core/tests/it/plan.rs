//! The movement plan: started, written, approved, its tasks reported on,
//! printed; on every database.

use antt_core::audit::AuditQuery;
use antt_core::{Actor, CoreError};
use antt_domain::ErrorCode;
use antt_domain::audit::TargetKind;
use antt_domain::plan::{NoteInput, PlanState, Recurrence, Standing, TaskInput, TaskStatus};

use super::{actor, demos, document_xml, unit_id};

#[tokio::test]
async fn the_demo_plan_is_seed_002_with_its_tasks_tracked() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let plan = d
            .antt
            .plans()
            .of_year(&office, cdlc, 2026)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(plan.state, PlanState::Approved);
        assert_eq!(plan.content.sections.len(), 5);
        let view = d.antt.plans().view(&office, cdlc, plan.id).await.unwrap();
        assert!(!view.may_edit_text, "an approved plan's text is fixed");
        assert!(view.may_edit_tasks);
        let counts = view.counts();
        assert_eq!(counts.total, 11);
        assert_eq!(counts.done, 3);
        // On 21/11/2026: the dormitory commitments (due 15/10) and the
        // communication plan (no note since June) are overdue; so are the
        // two tasks whose last period ended on 15/11 without a note.
        let overdue: Vec<&str> = view
            .tasks
            .iter()
            .filter(|r| matches!(r.standing, Standing::Overdue { .. }))
            .map(|r| r.task.title.as_str())
            .collect();
        assert!(
            overdue
                .iter()
                .any(|t| t.starts_with("Tổ chức cho học sinh")),
            "{overdue:?}"
        );
        assert!(
            overdue
                .iter()
                .any(|t| t.starts_with("Bộ phận Truyền thông")),
            "{overdue:?}"
        );
        assert!(
            !overdue
                .iter()
                .any(|t| t.starts_with("Phối hợp với Công an phường")),
            "{overdue:?}"
        );

        // The Word file looks like seed 002 laid out by the rules.
        let file = d
            .antt
            .plans()
            .document(&office, cdlc, plan.id)
            .await
            .unwrap();
        assert_eq!(file.file_name, "ke-hoach-2026.docx");
        let xml = document_xml(&file.bytes);
        for text in [
            "UBND TỈNH LÀO CAI",
            "TRƯỜNG CAO ĐẲNG LÀO CAI",
            "Số: 215/KH-CĐLC",
            "Lào Cai, ngày 22 tháng 12 năm 2025",
            "IV. TỔ CHỨC THỰC HIỆN",
            "1. Văn phòng",
            "2. Phòng Công tác sinh viên và Quản lý chất lượng",
            "3. Các phòng, khoa, trung tâm",
            "V. CHẾ ĐỘ BÁO CÁO",
            "(thời hạn: 31/03/2026).",
            "KT. HIỆU TRƯỞNG",
            "- Lưu: VT, VP.",
        ] {
            assert!(xml.contains(text), "missing {text}");
        }
        let exports = d
            .antt
            .audit()
            .list(
                &office,
                AuditQuery {
                    unit: Some(cdlc),
                    target: Some((TargetKind::Plan, plan.id.to_string())),
                    ..AuditQuery::default()
                },
                antt_domain::page::PageRequest::default(),
            )
            .await
            .unwrap();
        assert_eq!(exports.total, 1, "the download is audited");
    }
}

#[tokio::test]
async fn next_years_plan_is_carried_forward_and_approved_only_when_complete() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let id = d.antt.plans().start(&office, cdlc, 2027).await.unwrap();
        let again = d.antt.plans().start(&office, cdlc, 2027).await;
        assert!(
            matches!(again, Err(CoreError::Invalid(e)) if e.for_field("year") == Some(ErrorCode::Duplicate))
        );
        let view = d.antt.plans().view(&office, cdlc, id).await.unwrap();
        let c = &view.plan.content;
        assert_eq!(view.plan.state, PlanState::Draft);
        assert!(c.title.ends_with("năm 2027"), "{}", c.title);
        assert!(c.sections[4].text.contains("15/11/2027"));
        assert_eq!(c.number, None);
        assert_eq!(c.signed_on, None);
        assert_eq!(view.tasks.len(), 11);
        assert!(
            view.tasks
                .iter()
                .all(|r| r.task.status == TaskStatus::Planned)
        );
        assert!(
            view.tasks
                .iter()
                .any(|r| r.task.due_on == chrono::NaiveDate::from_ymd_opt(2027, 3, 31))
        );

        // Not approved without number and signing day; nothing changes.
        let refused = d
            .antt
            .plans()
            .advance(&office, cdlc, id, PlanState::Approved)
            .await;
        match refused {
            Err(CoreError::Invalid(e)) => {
                assert_eq!(e.for_field("number"), Some(ErrorCode::Required));
                assert_eq!(e.for_field("signed_on"), Some(ErrorCode::Required));
            }
            other => panic!("{other:?}"),
        }
        let mut content = view.plan.content.clone();
        content.number = Some(7);
        content.signed_on = chrono::NaiveDate::from_ymd_opt(2026, 12, 20);
        d.antt
            .plans()
            .save_content(&office, cdlc, id, content)
            .await
            .unwrap();
        // Skipping a state is refused.
        assert!(
            d.antt
                .plans()
                .advance(&office, cdlc, id, PlanState::Closed)
                .await
                .is_err()
        );
        d.antt
            .plans()
            .advance(&office, cdlc, id, PlanState::Approved)
            .await
            .unwrap();
        let approved = d.antt.plans().view(&office, cdlc, id).await.unwrap();
        assert_eq!(approved.plan.state, PlanState::Approved);
        // The plan as signed is kept: a task added afterwards is followed
        // on the screens, and the signed paper stays byte for byte.
        let signed = d.antt.plans().document(&office, cdlc, id).await.unwrap();
        d.antt
            .plans()
            .save_task(
                &office,
                cdlc,
                id,
                None,
                antt_domain::plan::TaskInput {
                    section: 3,
                    title: "Nhiệm vụ bổ sung sau khi ban hành kế hoạch".into(),
                    department_id: None,
                    person_id: None,
                    partner_ids: Vec::new(),
                    due_on: chrono::NaiveDate::from_ymd_opt(2027, 6, 30),
                    recurrence: None,
                    for_kind: None,
                },
            )
            .await
            .unwrap();
        let again = d.antt.plans().document(&office, cdlc, id).await.unwrap();
        assert!(
            signed.bytes == again.bytes,
            "the signed plan, byte for byte"
        );
        assert_eq!(
            d.antt
                .plans()
                .view(&office, cdlc, id)
                .await
                .unwrap()
                .tasks
                .len(),
            approved.tasks.len() + 1,
            "the new task is followed"
        );
        let mut late = approved.plan.content.clone();
        late.title = "Đổi sau khi ban hành".into();
        assert!(
            d.antt
                .plans()
                .save_content(&office, cdlc, id, late)
                .await
                .is_err()
        );

        // A unit without last year's plan starts from the template.
        let small = unit_id(&d.antt, "THCSCD").await;
        let small_office = actor(&d.antt, "thcs.vanphong").await;
        let first = d
            .antt
            .plans()
            .start(&small_office, small, 2027)
            .await
            .unwrap();
        let first = d
            .antt
            .plans()
            .view(&small_office, small, first)
            .await
            .unwrap();
        let c = &first.plan.content;
        assert_eq!(c.issuing_body, "Trường THCS Cam Đường");
        // The Vietnamese abbreviation, not the ASCII code "THCSCD".
        assert_eq!(c.symbol, "KH-THCSCĐ");
        assert_eq!(c.place, "Lào Cai");
        assert_eq!(c.report.to, "Công an phường Cam Đường");
        assert_eq!(c.sections.len(), 5);
        assert!(first.tasks.is_empty());
    }
}

#[tokio::test]
async fn a_department_head_reports_on_their_own_tasks_only() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let head = actor(&d.antt, "ctsv").await;
        let guard = actor(&d.antt, "baove").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let plan = d
            .antt
            .plans()
            .of_year(&office, cdlc, 2026)
            .await
            .unwrap()
            .unwrap();
        let view = d.antt.plans().view(&head, cdlc, plan.id).await.unwrap();
        assert!(!view.may_edit_tasks);
        let theirs = view
            .tasks
            .iter()
            .find(|r| r.task.title.starts_with("Tổ chức cho học sinh"))
            .unwrap();
        let not_theirs = view
            .tasks
            .iter()
            .find(|r| r.task.title.starts_with("Bộ phận Truyền thông"))
            .unwrap();

        // Their list: their department's tasks, the overdue first.
        let mine = d.antt.plans().my_tasks(&head, cdlc).await.unwrap();
        assert!(!mine.is_empty());
        assert_eq!(mine[0].task.id, theirs.task.id);
        assert!(
            mine.iter().all(|r| r.department.as_deref()
                == Some("Phòng Công tác sinh viên và Quản lý chất lượng"))
        );

        let done = NoteInput {
            body: "Đã ký đủ 612/612 HSSV nội trú.".into(),
            status: Some(TaskStatus::Done),
            link: Some("https://cdlc.edu.vn/tin-tuc/cam-ket".into()),
            file: Some(("bien-ban.pdf".into(), b"%PDF-1.4 demo".to_vec())),
        };
        let refused = d
            .antt
            .plans()
            .report_task(&head, cdlc, not_theirs.task.id, done.clone())
            .await;
        assert!(matches!(refused, Err(CoreError::Forbidden)));
        let refused = d
            .antt
            .plans()
            .report_task(&guard, cdlc, theirs.task.id, done.clone())
            .await;
        assert!(matches!(refused, Err(CoreError::Forbidden)));
        let bad = NoteInput {
            body: " ".into(),
            link: Some("javascript:alert(1)".into()),
            ..done.clone()
        };
        match d
            .antt
            .plans()
            .report_task(&head, cdlc, theirs.task.id, bad)
            .await
        {
            Err(CoreError::Invalid(e)) => {
                assert_eq!(e.for_field("body"), Some(ErrorCode::Required));
                assert_eq!(e.for_field("link"), Some(ErrorCode::Invalid));
            }
            other => panic!("{other:?}"),
        }

        let note = d
            .antt
            .plans()
            .report_task(&head, cdlc, theirs.task.id, done)
            .await
            .unwrap();
        let task = d
            .antt
            .plans()
            .task_view(&head, cdlc, theirs.task.id)
            .await
            .unwrap();
        assert_eq!(task.row.task.status, TaskStatus::Done);
        assert_eq!(task.row.standing, Standing::Finished);
        assert_eq!(task.notes.last().map(|n| n.id), Some(note.id));
        let file = d
            .antt
            .plans()
            .note_file(&head, cdlc, note.id)
            .await
            .unwrap();
        assert_eq!(file.bytes, b"%PDF-1.4 demo");
        assert_eq!(file.content_type, "application/pdf");
        // A student never reads the plan.
        let student = actor(&d.antt, "sinhvien").await;
        assert!(matches!(
            d.antt.plans().view(&student, cdlc, plan.id).await,
            Err(CoreError::Forbidden)
        ));
        // Another unit's office sees nothing of it.
        let other = actor(&d.antt, "thcs.vanphong").await;
        assert!(matches!(
            d.antt.plans().task_view(&other, cdlc, theirs.task.id).await,
            Err(CoreError::NotFound)
        ));
    }
}

#[tokio::test]
async fn tasks_are_checked_against_their_plan() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let plan = d
            .antt
            .plans()
            .of_year(&office, cdlc, 2026)
            .await
            .unwrap()
            .unwrap();
        let departments = d
            .antt
            .org()
            .structure(&office, cdlc)
            .await
            .unwrap()
            .departments
            .clone();
        let input = TaskInput {
            section: 2,
            title: "Tổ chức cuộc thi tìm hiểu pháp luật".into(),
            department_id: Some(departments[0].id),
            person_id: None,
            partner_ids: vec![departments[0].id, departments[1].id],
            due_on: None,
            recurrence: Some(Recurrence::Monthly),
            for_kind: None,
        };
        let bad = TaskInput {
            section: 9,
            due_on: chrono::NaiveDate::from_ymd_opt(2024, 1, 1),
            ..input.clone()
        };
        assert!(matches!(
            d.antt
                .plans()
                .save_task(&office, cdlc, plan.id, None, bad)
                .await,
            Err(CoreError::Invalid(_))
        ));
        // A department of another unit is "not found".
        let small = unit_id(&d.antt, "THCSCD").await;
        let theirs = d
            .antt
            .org()
            .structure(&Actor::command_line(), small)
            .await
            .unwrap()
            .departments[0]
            .id;
        let foreign = TaskInput {
            department_id: Some(theirs),
            ..input.clone()
        };
        assert!(matches!(
            d.antt.plans().save_task(&office, cdlc, plan.id, None, foreign).await,
            Err(CoreError::Invalid(e)) if e.for_field("department_id") == Some(ErrorCode::NotFound)
        ));
        // Only a police body gives a task to one kind of unit.
        let aimed = TaskInput {
            for_kind: Some(antt_domain::unit::UnitKind::School),
            ..input.clone()
        };
        assert!(matches!(
            d.antt.plans().save_task(&office, cdlc, plan.id, None, aimed).await,
            Err(CoreError::Invalid(e)) if e.for_field("for_kind") == Some(ErrorCode::NotAllowed)
        ));
        let id = d
            .antt
            .plans()
            .save_task(&office, cdlc, plan.id, None, input)
            .await
            .unwrap();
        let task = d.antt.plans().task_view(&office, cdlc, id).await.unwrap();
        assert_eq!(
            task.row.partners,
            vec![departments[1].name.clone()],
            "a department does not co-operate with itself"
        );
        let head = actor(&d.antt, "ctsv").await;
        let edit = TaskInput {
            section: 2,
            title: "x".into(),
            department_id: None,
            person_id: None,
            partner_ids: Vec::new(),
            due_on: None,
            recurrence: None,
            for_kind: None,
        };
        assert!(matches!(
            d.antt
                .plans()
                .save_task(&head, cdlc, plan.id, Some(id), edit)
                .await,
            Err(CoreError::Forbidden)
        ));
    }
}
