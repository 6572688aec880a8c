//! Importing and exporting people, on every database.

use antt_core::audit::AuditQuery;
use antt_core::export::ExportFormat;
use antt_core::import::{ImportOptions, RowAction};
use antt_core::{Actor, Antt, CoreError};
use antt_docgen::{TableSheet, Value};
use antt_domain::ErrorCode;
use antt_domain::audit::AuditAction;
use antt_domain::page::PageRequest;
use antt_domain::person::{PersonFilter, PersonKind};

use super::{actor, demos, unit_id};

async fn count(antt: &Antt, actor: &Actor, unit: antt_domain::UnitId) -> u64 {
    antt.people()
        .list(
            actor,
            unit,
            &PersonFilter::default(),
            PageRequest::default(),
        )
        .await
        .unwrap()
        .page
        .total
}

async fn class_count(antt: &Antt, actor: &Actor, unit: antt_domain::UnitId) -> usize {
    antt.org()
        .structure(actor, unit)
        .await
        .unwrap()
        .classes
        .len()
}

/// A sheet as a school keeps it: a title block above the table.
fn school_sheet(rows: &[&[&str]]) -> Vec<u8> {
    let sheet = TableSheet {
        name: "DS lớp".into(),
        title: vec![
            "TRƯỜNG CAO ĐẲNG LÀO CAI".into(),
            "DANH SÁCH SINH VIÊN MỚI".into(),
        ],
        headers: rows[0].iter().map(|s| (*s).to_owned()).collect(),
        widths: vec![],
        rows: rows[1..]
            .iter()
            .map(|r| r.iter().map(|s| Value::from(*s)).collect())
            .collect(),
    };
    antt_docgen::xlsx(&[sheet]).unwrap()
}

const NEW_CLASS: &[&[&str]] = &[
    &[
        "STT",
        "MSSV",
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Lớp",
        "Nội trú",
    ],
    &[
        "1",
        "SV2699001",
        "NGUYỄN VĂN TÂN",
        "15/8/2008",
        "Nam",
        "CĐ Du lịch K20",
        "x",
    ],
    &[
        "2",
        "SV2699002",
        "lò thị mai",
        "02-03-2008",
        "Nữ",
        "CĐ Du lịch K20",
        "",
    ],
    &[
        "3",
        "SV2699003",
        "Vàng A Dính",
        "01.01.2008",
        "Nam",
        "CĐ Du lịch K20",
        "Có",
    ],
];

#[tokio::test]
async fn a_new_class_imports_once_and_again_changes_nothing() {
    for d in demos().await {
        let admin = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let before = count(&d.antt, &admin, cdlc).await;
        let classes = class_count(&d.antt, &admin, cdlc).await;
        let file = school_sheet(NEW_CLASS);

        // Without permission to create classes, the unknown class refuses all.
        let refused = d
            .antt
            .people()
            .import(
                &admin,
                cdlc,
                "k20.xlsx",
                file.clone(),
                ImportOptions::default(),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&refused, CoreError::Invalid(e) if e.for_field("file") == Some(ErrorCode::RowsHaveProblems)),
            "{refused:?}"
        );
        assert_eq!(
            count(&d.antt, &admin, cdlc).await,
            before,
            "{}",
            d.t.backend
        );
        assert_eq!(class_count(&d.antt, &admin, cdlc).await, classes);

        let options = ImportOptions {
            create_missing: true,
            ..ImportOptions::default()
        };
        let plan = d
            .antt
            .people()
            .plan_import(&admin, cdlc, "k20.xlsx", file.clone(), options)
            .await
            .unwrap();
        assert_eq!(plan.count(RowAction::Create), 3);
        assert_eq!(plan.new_classes, ["CĐ Du lịch K20"]);
        let outcome = d
            .antt
            .people()
            .import(&admin, cdlc, "k20.xlsx", file.clone(), options)
            .await
            .unwrap();
        assert_eq!((outcome.created, outcome.classes_created), (3, 1));
        assert_eq!(count(&d.antt, &admin, cdlc).await, before + 3);
        let mai = d
            .antt
            .people()
            .by_code(&admin, cdlc, "SV2699002")
            .await
            .unwrap();
        assert_eq!(mai.full_name, "Lò Thị Mai");
        assert_eq!(mai.birth_date, chrono::NaiveDate::from_ymd_opt(2008, 3, 2));
        assert_eq!(mai.kind, PersonKind::Student);
        let tan = d
            .antt
            .people()
            .by_code(&admin, cdlc, "SV2699001")
            .await
            .unwrap();
        assert!(tan.boarding);

        // The same file again: nobody twice, nothing changed.
        let again = d
            .antt
            .people()
            .import(&admin, cdlc, "k20.xlsx", file, options)
            .await
            .unwrap();
        assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 3));
        assert_eq!(count(&d.antt, &admin, cdlc).await, before + 3);
        assert_eq!(class_count(&d.antt, &admin, cdlc).await, classes + 1);

        let log = d
            .antt
            .audit()
            .list(&admin, AuditQuery::default(), PageRequest::default())
            .await
            .unwrap();
        let imports: Vec<_> = log
            .items
            .iter()
            .filter(|e| e.action == AuditAction::Import)
            .collect();
        assert_eq!(imports.len(), 2);
        assert_eq!(imports[0].summary, "k20.xlsx");
        assert_eq!(imports[0].actor_name, "vanphong");
        assert!(
            imports[1]
                .changes
                .iter()
                .any(|c| c.field == "created" && c.after.as_deref() == Some("3"))
        );
        assert!(
            d.antt
                .audit()
                .verify_chain()
                .await
                .unwrap()
                .problems
                .is_empty()
        );
    }
}

#[tokio::test]
async fn only_the_good_rows_when_asked() {
    for d in demos().await {
        let admin = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let before = count(&d.antt, &admin, cdlc).await;
        let class = d.antt.org().structure(&admin, cdlc).await.unwrap().classes[0]
            .name
            .clone();
        let csv = format!(
            "Mã SV;Họ tên;NS;Lớp\nSV2698001;Hoàng Văn Lực;15/8/2008;{class}\nSV2698002;Sùng Thị Dợ;31/02/2008;{class}\nSV2698001;Trùng Mã;1/1/2008;{class}\n"
        );
        let options = ImportOptions {
            only_valid: true,
            ..ImportOptions::default()
        };
        let plan = d
            .antt
            .people()
            .plan_import(&admin, cdlc, "ds.csv", csv.clone().into_bytes(), options)
            .await
            .unwrap();
        let problems: Vec<(usize, &str)> = plan.problems().map(|p| (p.row, p.field)).collect();
        assert_eq!(problems, [(3, "birth_date"), (4, "code")]);
        let outcome = d
            .antt
            .people()
            .import(&admin, cdlc, "ds.csv", csv.into_bytes(), options)
            .await
            .unwrap();
        assert_eq!(
            (outcome.created, outcome.skipped),
            (1, 2),
            "{}",
            d.t.backend
        );
        assert_eq!(count(&d.antt, &admin, cdlc).await, before + 1);
    }
}

#[tokio::test]
async fn an_export_imports_back_unchanged() {
    for d in demos().await {
        let admin = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let everyone = count(&d.antt, &admin, cdlc).await;
        for format in [ExportFormat::Xlsx, ExportFormat::Csv] {
            let file = d
                .antt
                .people()
                .export(&admin, cdlc, &PersonFilter::default(), format)
                .await
                .unwrap();
            assert!(file.file_name.starts_with("danh-sach-cdlc-"));
            let plan = d
                .antt
                .people()
                .plan_import(
                    &admin,
                    cdlc,
                    &file.file_name,
                    file.bytes,
                    ImportOptions::default(),
                )
                .await
                .unwrap();
            assert_eq!(plan.rows.len() as u64, everyone, "{format:?}");
            assert_eq!(plan.problems().count(), 0, "{:?}", plan.problems().next());
            assert_eq!(
                plan.count(RowAction::Unchanged) as u64,
                everyone,
                "{format:?} {:?}",
                plan.rows.iter().find(|r| r.action != RowAction::Unchanged)
            );
        }
        // The template reads as an empty table of the same columns.
        let template = d.antt.people().template(&admin, cdlc).await.unwrap();
        let plan = d
            .antt
            .people()
            .plan_import(
                &admin,
                cdlc,
                &template.file_name,
                template.bytes,
                ImportOptions::default(),
            )
            .await
            .unwrap();
        assert!(plan.rows.is_empty());
        assert!(plan.columns.len() >= 12);
    }
}

#[tokio::test]
async fn only_unit_admins_import_and_staged_files_are_their_own() {
    for d in demos().await {
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let file = school_sheet(NEW_CLASS);
        for who in ["gvcn", "baove", "ctsv", "congan.tinh", "thcs.vanphong"] {
            let a = actor(&d.antt, who).await;
            let e = d
                .antt
                .people()
                .plan_import(&a, cdlc, "k20.xlsx", file.clone(), ImportOptions::default())
                .await
                .unwrap_err();
            assert!(
                matches!(e, CoreError::Forbidden | CoreError::NotFound),
                "{who}: {e:?}"
            );
        }
        let admin = actor(&d.antt, "vanphong").await;
        let options = ImportOptions {
            create_missing: true,
            ..ImportOptions::default()
        };
        let (id, plan) = d
            .antt
            .people()
            .stage_import(&admin, cdlc, "k20.xlsx", file, options)
            .await
            .unwrap();
        assert_eq!(plan.count(RowAction::Create), 3);
        let other = actor(&d.antt, "bgh").await;
        assert!(
            d.antt
                .people()
                .confirm_import(&other, cdlc, id, options)
                .await
                .is_err()
        );
        let outcome = d
            .antt
            .people()
            .confirm_import(&admin, cdlc, id, options)
            .await
            .unwrap();
        assert_eq!(outcome.created, 3);
        // Confirmed once: the staged file is gone.
        assert!(matches!(
            d.antt
                .people()
                .confirm_import(&admin, cdlc, id, options)
                .await,
            Err(CoreError::NotFound)
        ));
    }
}

#[tokio::test]
async fn unreadable_files_are_refused_with_a_reason() {
    for d in demos().await {
        let admin = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        for (bytes, code) in [
            (
                b"PK\x03\x04not a workbook".to_vec(),
                ErrorCode::UnreadableFile,
            ),
            ("Tên,Tuổi\nAn,17\n".as_bytes().to_vec(), ErrorCode::NoHeader),
            (
                "Họ và tên,Ngày sinh\nAn,1/1/2008\n".as_bytes().to_vec(),
                ErrorCode::NoCodeColumn,
            ),
        ] {
            let e = d
                .antt
                .people()
                .import(&admin, cdlc, "x.csv", bytes, ImportOptions::default())
                .await
                .unwrap_err();
            assert!(
                matches!(&e, CoreError::Invalid(v) if v.for_field("file") == Some(code)),
                "{code:?}: {e:?}"
            );
        }
    }
}
