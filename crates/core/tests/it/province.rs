//! The province: targets set, changed and refused, and where the demo's
//! units stand against them over five years, by kind and by the police
//! body over them, with the units that hold a figure down; the security
//! force counted equipped from its unit's register, not typed.

use antt_core::CoreError;
use antt_domain::ErrorCode;
use antt_domain::equipment::{EquipmentInput, EquipmentText};
use antt_domain::province::{Measure, Shortfall, TargetInput};
use antt_domain::unit::UnitKind;

use super::{actor, demos, document_xml, unit_id};

#[tokio::test]
async fn the_demo_province_stands_against_its_targets_year_by_year() {
    for d in demos().await {
        let officer = actor(&d.antt, "congan.tinh").await;
        let office = actor(&d.antt, "vanphong").await;
        let p = d.antt.province();
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let small = unit_id(&d.antt, "THCSCD").await;

        let s = p.standing(&officer, None, 2026).await.unwrap();
        assert_eq!(s.authority.code, "CATLC");
        assert!(s.counted > 250, "{}", s.counted);
        assert_eq!(s.targets.len(), 5);
        let of = |m: Measure| s.targets.iter().find(|t| t.target.measure == m).unwrap();
        // Met: good or better, recognised, security force rated good.
        for m in [
            Measure::MovementGood,
            Measure::RecognisedSafe,
            Measure::SecurityGood,
        ] {
            let t = of(m);
            assert!(t.now().met(&t.target), "{m:?}: {:?}", t.now().all);
        }
        // Just under: equipped security forces (79 % against 80 %).
        let equipped = of(Measure::SecurityEquipped);
        assert!(!equipped.now().met(&equipped.target));
        assert!(
            equipped.now().all.per_mille() >= 780,
            "{:?}",
            equipped.now().all
        );
        assert!(equipped.now().all.missing(800) > 0);
        // The college's dossier is not yet scored and the small school
        // never registered: they hold "average or better" below 100 %.
        let average = of(Measure::MovementAverage);
        let down: Vec<_> = average.now().holding_down.clone();
        assert!(down.contains(&(cdlc, Shortfall::NotScored)), "{down:?}");
        assert!(down.contains(&(small, Shortfall::NotAssessed)));
        // Five years, the oldest first, better each year.
        let good = of(Measure::MovementGood);
        assert_eq!(
            good.years.iter().map(|y| y.year).collect::<Vec<_>>(),
            vec![2022, 2023, 2024, 2025, 2026]
        );
        assert!(
            good.years
                .windows(2)
                .all(|w| w[0].all.per_mille() < w[1].all.per_mille())
        );
        // By kind and by the police body over the units: every unit once.
        let now = good.now();
        assert_eq!(
            now.by_kind.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            vec![UnitKind::School, UnitKind::Agency, UnitKind::Enterprise]
        );
        assert_eq!(
            now.by_kind.iter().map(|(_, t)| t.total).sum::<u32>(),
            now.all.total
        );
        assert_eq!(now.by_authority.len(), 8);
        assert_eq!(
            now.by_authority.iter().map(|(_, t)| t.total).sum::<u32>(),
            now.all.total
        );
        assert!(
            now.by_authority
                .windows(2)
                .all(|w| w[0].1.per_mille() <= w[1].1.per_mille())
        );

        // One ward police body sees its own units only.
        let ward = unit_id(&d.antt, "CAPCD").await;
        let w = p
            .standing(&antt_core::Actor::command_line(), Some(ward), 2026)
            .await
            .unwrap();
        assert_eq!(w.counted, 38);

        // The office of a school has no province page.
        assert!(matches!(
            p.standing(&office, None, 2026).await,
            Err(CoreError::Forbidden | CoreError::NotFound)
        ));

        // The college's guards get a radio and support tools: counted
        // equipped at once, from the register.
        assert!(
            equipped
                .now()
                .holding_down
                .contains(&(cdlc, Shortfall::NotEquipped))
        );
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        for (code, kind) in [("BD-901", "Bộ đàm"), ("CCHT-901", "Dùi cui cao su")] {
            let input = EquipmentInput::parse(
                None,
                &EquipmentText {
                    code,
                    kind,
                    name: kind,
                    place: "Phòng bảo vệ",
                    installed_on: "01/09/2026",
                    ..EquipmentText::default()
                },
                today,
            )
            .unwrap();
            d.antt.equipment().add(&office, cdlc, input).await.unwrap();
        }
        let after = p.standing(&officer, None, 2026).await.unwrap();
        let e = after
            .targets
            .iter()
            .find(|t| t.target.measure == Measure::SecurityEquipped)
            .unwrap();
        assert_eq!(e.now().all.reached, equipped.now().all.reached + 1);
        assert!(!e.now().holding_down.iter().any(|(u, _)| *u == cdlc));
        // Not for the years before it was installed.
        assert_eq!(e.years[3].all.reached, equipped.years[3].all.reached);
    }
}

#[tokio::test]
async fn targets_are_set_changed_and_removed_and_bad_ones_refused() {
    for d in demos().await {
        let officer = actor(&d.antt, "congan.tinh").await;
        let office = actor(&d.antt, "vanphong").await;
        let p = d.antt.province();
        let before = p.targets(&officer, None).await.unwrap();
        assert_eq!(before.len(), 5);

        // Bad input is refused at the parse; a school's office may not set one.
        let bad =
            TargetInput::parse("movement_good", "school", "85-80", "2026", "2030").unwrap_err();
        assert_eq!(bad.for_field("target_share"), Some(ErrorCode::Invalid));
        let schools = TargetInput::parse("movement_good", "school", "90", "2026", "2030").unwrap();
        assert!(p.save_target(&office, None, schools.clone()).await.is_err());
        assert_eq!(p.targets(&officer, None).await.unwrap().len(), 5);

        let id = p.save_target(&officer, None, schools).await.unwrap();
        let s = p.standing(&officer, None, 2026).await.unwrap();
        let mine = s.targets.iter().find(|t| t.target.id == id).unwrap();
        assert_eq!(mine.target.kind, Some(UnitKind::School));
        assert!(
            mine.now()
                .by_kind
                .iter()
                .all(|(k, _)| *k == UnitKind::School)
        );
        assert_eq!(mine.target.share_text(), "90 %");

        let changed =
            TargetInput::parse("movement_good", "school", "75-80", "2026", "2028").unwrap();
        p.save_target(&officer, Some(id), changed).await.unwrap();
        let t = p.targets(&officer, None).await.unwrap();
        let mine = t.iter().find(|t| t.id == id).unwrap();
        assert_eq!((mine.low, mine.high, mine.due_year), (750, Some(800), 2028));

        // Another authority's target, or one that is gone: not found.
        let foreign = antt_domain::ProvinceTargetId::new_v7();
        assert!(matches!(
            p.delete_target(&officer, foreign).await,
            Err(CoreError::NotFound)
        ));
        p.delete_target(&officer, id).await.unwrap();
        assert_eq!(p.targets(&officer, None).await.unwrap(), before);
    }
}

/// Moving a school onto the province's server: the whole demo copied from
/// SQLite into an empty PostgreSQL database, every table's rows counted on
/// both sides, the audit chain whole there, the copy usable; a second copy
/// into the same database refused, and the target unchanged by it.
#[tokio::test]
async fn the_demo_moves_from_sqlite_to_postgresql_whole() {
    let Some(pg) = antt_testkit::postgres_url() else {
        return;
    };
    let d = demos().await.remove(0);
    assert_eq!(d.t.backend, "sqlite");
    let target = antt_testkit::TestDb::postgres(&pg).await;
    let report = d.antt.database().copy_to(&target.url).await.unwrap();
    assert!(
        report.audit_problems.is_empty(),
        "{:?}",
        report.audit_problems
    );
    assert!(report.audit_entries > 10);
    assert!(report.tables.len() > 80, "{}", report.tables.len());
    for t in &report.tables {
        assert_eq!(t.source, t.target, "{}", t.table);
    }
    let units = report.tables.iter().find(|t| t.table == "units").unwrap();
    assert_eq!(units.target, 277);
    let people = report.tables.iter().find(|t| t.table == "people").unwrap();
    assert!(people.target > 2_000);

    // The copy is an instance: the same logins, the same standing, and
    // `db verify` passes there.
    let moved = antt_core::Antt::open(
        &target.url,
        std::sync::Arc::new(antt_core::clock::FixedClock::demo()),
        antt_core::password::Passwords::Fast,
    )
    .await
    .unwrap();
    let officer = actor(&moved, "congan.tinh").await;
    let there = moved
        .province()
        .standing(&officer, None, 2026)
        .await
        .unwrap();
    let here = d
        .antt
        .province()
        .standing(&actor(&d.antt, "congan.tinh").await, None, 2026)
        .await
        .unwrap();
    assert_eq!(
        there
            .targets
            .iter()
            .map(|t| t.now().all)
            .collect::<Vec<_>>(),
        here.targets.iter().map(|t| t.now().all).collect::<Vec<_>>()
    );
    assert!(moved.database().verify().await.unwrap().is_ok());

    // Not into a database that holds someone's data.
    let again = d.antt.database().copy_to(&target.url).await;
    assert!(again.is_err());
    assert_eq!(moved.units().count().await.unwrap(), 277);
}

/// Seed 003's "five kinds of models at 246 places": every unit's models,
/// teams and clusters counted by type and place, a cluster kept by several
/// units shown once with all its partners.
#[tokio::test]
async fn the_models_of_the_province_are_counted_by_type_and_place() {
    for d in demos().await {
        let officer = actor(&d.antt, "congan.tinh").await;
        let m = d.antt.province().models(&officer, None).await.unwrap();
        assert_eq!(m.counted, 269, "every school, agency and enterprise");
        assert!(m.places > 100 && m.places < m.counted, "{}", m.places);
        let gate = m
            .types
            .iter()
            .find(|t| t.type_name == "Cổng trường an toàn giao thông")
            .unwrap();
        assert!(gate.places > 50, "{gate:?}");
        // The college's own teams are counted with their members.
        assert!(m.types.iter().map(|t| t.members).sum::<u32>() > 20);
        let cluster = m
            .clusters
            .iter()
            .find(|c| c.name == "Cụm an ninh liên kết Sa Pa")
            .unwrap();
        assert!(cluster.units.len() >= 2, "{cluster:?}");
        assert_eq!(
            cluster.partners,
            vec![
                "Công an phường Sa Pa".to_owned(),
                "UBND phường Sa Pa".to_owned()
            ]
        );
        assert_eq!(
            m.clusters
                .iter()
                .filter(|c| c.name == "Cụm an ninh liên kết Sa Pa")
                .count(),
            1
        );
        // A ward police body sees its own units' models.
        let ward = unit_id(&d.antt, "CAPSP").await;
        let w = d
            .antt
            .province()
            .models(&antt_core::Actor::command_line(), Some(ward))
            .await
            .unwrap();
        assert_eq!(w.counted, 37);
        assert!(w.clusters.iter().all(|c| c.name.ends_with("Sa Pa")));
    }
}

/// The province's report, a year and five, written from every unit's
/// records in the manner of seed 003, as Word.
#[tokio::test]
async fn the_province_report_is_written_from_every_units_records() {
    for d in demos().await {
        let officer = actor(&d.antt, "congan.tinh").await;
        let p = d.antt.province();
        let f = p.report_figures(&officer, None, 2026, 5).await.unwrap();
        assert_eq!(f.first_year, 2022);
        assert_eq!(f.years.len(), 5);
        assert_eq!(f.by_kind.iter().map(|(_, n)| n).sum::<usize>(), 269);
        assert_eq!(f.bodies, 7);
        assert!(
            f.activity.sessions > 5 && f.activity.attendances > 100,
            "{:?}",
            f.activity
        );
        assert!(f.tips > 0);
        assert!(!f.types.is_empty() && f.clusters > 0);
        let one = p.report_figures(&officer, None, 2026, 1).await.unwrap();
        assert!(one.activity.sessions <= f.activity.sessions);
        assert_eq!(one.years.len(), 1);

        let file = p.report(&officer, None, 2026, 5).await.unwrap();
        assert_eq!(file.file_name, "bao-cao-phong-trao-2022-2026.docx");
        let xml = document_xml(&file.bytes);
        for words in [
            "CÔNG AN TỈNH LÀO CAI",
            "BỘ CÔNG AN",
            "BÁO CÁO",
            "giai đoạn 2022–2026",
            "KẾT QUẢ SO VỚI CHỈ TIÊU NĂM 2026",
            "Cụm an ninh liên kết",
            "Chưa đạt, thiếu",
            "Lưu: VT, PV05",
        ] {
            assert!(xml.contains(words), "{words}");
        }
        // A ward police body writes its own, under the province.
        let ward = unit_id(&d.antt, "CAPCD").await;
        let file = p
            .report(&antt_core::Actor::command_line(), Some(ward), 2026, 1)
            .await
            .unwrap();
        let xml = document_xml(&file.bytes);
        assert!(xml.contains("CÔNG AN PHƯỜNG CAM ĐƯỜNG") && xml.contains("năm 2026"));
        // A school's office may not.
        let office = actor(&d.antt, "vanphong").await;
        assert!(p.report(&office, None, 2026, 1).await.is_err());
    }
}

/// The province's own plan: its tasks go to every unit under it, each
/// unit reports on them as on its own, and the province sees who did.
#[tokio::test]
async fn the_provinces_plan_gives_its_tasks_to_the_units_under_it() {
    use antt_domain::plan::{NoteInput, Standing, TaskStatus};
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let officer = actor(&d.antt, "congan.tinh").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let catlc = unit_id(&d.antt, "CATLC").await;
        let plans = d.antt.plans();

        let given = plans.assigned(&office, cdlc).await.unwrap();
        assert_eq!(given.len(), 4, "{}", d.t.backend);
        assert!(given.iter().all(|a| a.authority.id == catlc));
        // The one the college has not reported on is overdue, and first.
        assert!(matches!(given[0].standing, Standing::Overdue { .. }));
        assert!(given[0].task.title.contains("lực lượng bảo vệ"));
        assert!(given[0].notes.is_empty());
        assert_eq!(
            given
                .iter()
                .filter(|a| a.task.status == TaskStatus::Done)
                .count(),
            2
        );
        // A school two police bodies down sees them too.
        let small = unit_id(&d.antt, "THCSCD").await;
        let small_office = actor(&d.antt, "thcs.vanphong").await;
        assert_eq!(plans.assigned(&small_office, small).await.unwrap().len(), 4);
        // The task given to enterprises alone reaches them and no school,
        // and the province counts the answers of enterprises only.
        assert!(given.iter().all(|a| a.task.for_kind.is_none()));
        let enterprises = d
            .antt
            .units()
            .list(
                &officer,
                None,
                Some(UnitKind::Enterprise),
                antt_domain::page::PageRequest::default(),
            )
            .await
            .unwrap();
        let enterprise = enterprises.items.first().expect("the demo has enterprises");
        let theirs = plans
            .assigned(&antt_core::Actor::command_line(), enterprise.id)
            .await
            .unwrap();
        assert_eq!(theirs.len(), 5);
        let aimed = theirs
            .iter()
            .find(|a| a.task.for_kind == Some(UnitKind::Enterprise))
            .expect("the enterprises' task");
        let counted = plans
            .unit_reports(&officer, catlc, aimed.task.id)
            .await
            .unwrap();
        assert!(counted.iter().all(|r| r.unit.kind == UnitKind::Enterprise));
        assert_eq!(counted.len() as u64, enterprises.total);
        // The plan page's count: of the units given each task, how many
        // answered.
        let answered = plans
            .answered(&officer, catlc, aimed.plan.id)
            .await
            .unwrap();
        assert_eq!(answered[&aimed.task.id], (0, counted.len()));
        let registration = given
            .iter()
            .find(|a| a.task.title.starts_with("Đăng ký"))
            .unwrap();
        assert_eq!(
            answered[&registration.task.id],
            (3, 269),
            "three of the units under the province registered"
        );
        assert!(plans.answered(&office, catlc, aimed.plan.id).await.is_err());

        // The college's office reports; a guard may not.
        let id = given[0].task.id;
        let note = NoteInput {
            body: "Đã kiện toàn Tổ bảo vệ, trang bị 4 bộ đàm và công cụ hỗ trợ".into(),
            status: Some(TaskStatus::Done),
            link: None,
            file: None,
        };
        let guard = actor(&d.antt, "baove").await;
        let e = plans
            .report_assigned(&guard, cdlc, id, note.clone())
            .await
            .unwrap_err();
        assert!(matches!(e, CoreError::Forbidden), "{e:?}");
        plans
            .report_assigned(&office, cdlc, id, note.clone())
            .await
            .unwrap();
        let now = plans.assigned_task(&office, cdlc, id).await.unwrap();
        assert_eq!(now.task.status, TaskStatus::Done);
        assert_eq!(now.standing, Standing::Finished);
        assert_eq!(now.notes.len(), 1);
        // Another unit's task is not the college's to report.
        let college_plan = plans.my_tasks(&office, cdlc).await.unwrap();
        if let Some(own) = college_plan.first() {
            let e = plans
                .report_assigned(&office, cdlc, own.task.id, note.clone())
                .await
                .unwrap_err();
            assert!(matches!(e, CoreError::NotFound), "{e:?}");
        }

        // The province sees every unit's answer, those silent first.
        let answers = plans.unit_reports(&officer, catlc, id).await.unwrap();
        assert_eq!(answers.len(), 269);
        assert!(answers[0].last.is_none());
        let college = answers.iter().find(|r| r.unit.id == cdlc).unwrap();
        assert_eq!(college.status, TaskStatus::Done);
        assert!(plans.unit_reports(&office, catlc, id).await.is_err());
        // The officer writes the province's plan; a school's office does not.
        assert!(plans.may_write(&officer, catlc).await.unwrap());
        assert!(!plans.may_write(&office, catlc).await.unwrap());
        assert!(!plans.may_write(&officer, cdlc).await.unwrap());

        // The province's report as Excel: the sums and the years.
        let book = d
            .antt
            .province()
            .report_workbook(&officer, None, 2026, 5)
            .await
            .unwrap();
        assert_eq!(book.file_name, "bao-cao-phong-trao-2022-2026.xlsx");
        let text = xlsx_text(&book.bytes);
        for words in ["Tổng hợp", "Theo năm", "Buổi tuyên truyền", "Lượt người dự"]
        {
            assert!(text.contains(words), "{words}");
        }
    }
}

/// Every string of a workbook, as one text.
fn xlsx_text(bytes: &[u8]) -> String {
    use std::io::Read as _;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().unwrap().ends_with(".xml") {
            f.read_to_string(&mut out).unwrap();
        }
    }
    out
}
