//! The register of fire-safety equipment and cameras: the demo's items
//! and what is due, checks recorded (a failed one opening a fault), a
//! fault reported by anyone from a label and closed by the office, the
//! register exported and imported back, and refusals that change nothing.

use chrono::NaiveDate;

use antt_core::CoreError;
use antt_domain::ErrorCode;
use antt_domain::equipment::{
    DueWhat, EquipmentEventKind, EquipmentKind, EquipmentState, FaultState,
};

use super::{actor, demos, unit_id};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[tokio::test]
async fn the_register_knows_what_is_due_and_a_label_reports_a_fault() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let guard = actor(&d.antt, "baove").await;
        let student = actor(&d.antt, "sinhvien").await;
        let other = actor(&d.antt, "thcs.vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let reg = d.antt.equipment();

        // The demo: a few hundred items on three campuses.
        let items = reg.items(&office, cdlc).await.unwrap();
        assert!(items.len() > 200, "{}", items.len());
        assert!(items.iter().any(|i| i.item.kind == EquipmentKind::Camera));
        assert!(matches!(
            reg.items(&student, cdlc).await,
            Err(CoreError::Forbidden)
        ));
        assert!(matches!(
            reg.items(&other, cdlc).await,
            Err(CoreError::NotFound)
        ));

        // Today (21/11/2026): the third campus's checks are overdue, the
        // masks lapse on 30/11, and three faults are open (a failed check
        // and two reported by students from the labels).
        let due = reg.overdue(&office, cdlc).await.unwrap();
        assert!(due.overdue.iter().any(|l| l.what == DueWhat::Check));
        assert!(due.overdue.iter().all(|l| l.day < day(2026, 11, 21)));
        let masks: Vec<_> = due
            .this_month
            .iter()
            .filter(|l| l.what == DueWhat::Expiry)
            .collect();
        assert_eq!(masks.len(), 4);
        assert!(masks.iter().all(|l| l.day == day(2026, 11, 30)));
        assert_eq!(due.faults.len(), 3, "{:?}", due.faults);
        assert_eq!(
            due.faults
                .iter()
                .filter(|(f, _)| f.reported_by.is_none())
                .count(),
            2
        );

        // A guard checks an overdue item: it leaves the overdue list.
        let late = due
            .overdue
            .iter()
            .find(|l| l.what == DueWhat::Check)
            .unwrap()
            .item
            .clone();
        reg.record(
            &guard,
            cdlc,
            late.id,
            EquipmentEventKind::Checked,
            day(2026, 11, 21),
            "",
        )
        .await
        .unwrap();
        let page = reg.item(&office, cdlc, late.id).await.unwrap();
        assert_eq!(page.item.item.last_check, Some(day(2026, 11, 21)));
        let every = u64::from(page.intervals.check_days.unwrap());
        assert_eq!(
            page.item.due.check,
            day(2026, 11, 21).checked_add_days(chrono::Days::new(every))
        );
        assert_eq!(page.events[0].kind, EquipmentEventKind::Checked);
        let due = reg.overdue(&office, cdlc).await.unwrap();
        assert!(
            !due.overdue
                .iter()
                .any(|l| l.item.id == late.id && l.what == DueWhat::Check)
        );

        // Refused, nothing changed: a day to come, a failed check without
        // a note, a student.
        let refused = [
            reg.record(
                &guard,
                cdlc,
                late.id,
                EquipmentEventKind::Checked,
                day(2026, 11, 22),
                "",
            )
            .await,
            reg.record(
                &guard,
                cdlc,
                late.id,
                EquipmentEventKind::CheckFailed,
                day(2026, 11, 21),
                " ",
            )
            .await,
        ];
        assert!(
            matches!(&refused[0], Err(CoreError::Invalid(e)) if e.for_field("day") == Some(ErrorCode::InFuture))
        );
        assert!(
            matches!(&refused[1], Err(CoreError::Invalid(e)) if e.for_field("note") == Some(ErrorCode::Required))
        );
        assert!(matches!(
            reg.record(
                &student,
                cdlc,
                late.id,
                EquipmentEventKind::Checked,
                day(2026, 11, 21),
                ""
            )
            .await,
            Err(CoreError::Forbidden)
        ));
        assert_eq!(
            reg.item(&office, cdlc, late.id).await.unwrap().events.len(),
            page.events.len()
        );

        // A failed check: the item is faulty and a fault is open for the office.
        reg.record(
            &guard,
            cdlc,
            late.id,
            EquipmentEventKind::CheckFailed,
            day(2026, 11, 21),
            "Vòi bị nứt",
        )
        .await
        .unwrap();
        let page = reg.item(&office, cdlc, late.id).await.unwrap();
        assert_eq!(page.item.item.state, EquipmentState::Faulty);
        assert_eq!(page.item.open_faults, 1);

        // Anyone with the label reports a fault, with no account; an empty
        // text or an unknown label is refused.
        let camera = items
            .iter()
            .find(|i| i.item.kind == EquipmentKind::Camera && i.open_faults == 0)
            .unwrap()
            .item
            .clone();
        let shown = reg.public_item(&camera.label).await.unwrap();
        assert_eq!(shown.code, camera.code);
        assert!(matches!(
            reg.public_item("NOSUCHLABEL").await,
            Err(CoreError::NotFound)
        ));
        assert!(matches!(
            reg.report_fault(&camera.label, None, "  ", None, Some("k"), None)
                .await,
            Err(CoreError::Invalid(_))
        ));
        let fault = reg
            .report_fault(
                &camera.label,
                None,
                "Camera không sáng",
                None,
                Some("k"),
                None,
            )
            .await
            .unwrap();
        let page = reg.item(&office, cdlc, camera.id).await.unwrap();
        assert_eq!(page.item.item.state, EquipmentState::Faulty);
        assert_eq!(page.faults[0].reported_by, None, "no trace of the sender");

        // Reported today, it must be set right within 7 days; the office
        // gives it to a guard by the 25th, then sets it right with what
        // was done as evidence (refused without).
        assert_eq!(page.faults[0].due_on, Some(day(2026, 11, 28)));
        let guard_person = d
            .antt
            .duty()
            .guards(&office, cdlc)
            .await
            .unwrap()
            .first()
            .unwrap()
            .person_id;
        reg.assign_fault(&office, cdlc, fault, Some(guard_person), day(2026, 11, 25))
            .await
            .unwrap();
        let page = reg.item(&office, cdlc, camera.id).await.unwrap();
        assert_eq!(page.faults[0].owner_id, Some(guard_person));
        assert!(
            !page.faults[0].overdue(day(2026, 11, 25)) && page.faults[0].overdue(day(2026, 11, 26))
        );
        assert!(matches!(
            reg.assign_fault(&office, cdlc, fault, Some(antt_domain::PersonId::new_v7()), day(2026, 11, 25)).await,
            Err(CoreError::Invalid(e)) if e.for_field("owner") == Some(ErrorCode::NotFound)
        ));
        assert!(matches!(
            reg.close_fault(&office, cdlc, fault, FaultState::Fixed, " ").await,
            Err(CoreError::Invalid(e)) if e.for_field("note") == Some(ErrorCode::Required)
        ));

        // The office sets it right: back in service, in the history.
        assert!(matches!(
            reg.close_fault(&guard, cdlc, fault, FaultState::Fixed, "")
                .await,
            Err(CoreError::Forbidden)
        ));
        reg.close_fault(&office, cdlc, fault, FaultState::Fixed, "Thay nguồn")
            .await
            .unwrap();
        let page = reg.item(&office, cdlc, camera.id).await.unwrap();
        assert_eq!(page.item.item.state, EquipmentState::InService);
        assert_eq!(page.events[0].kind, EquipmentEventKind::FaultFixed);
        assert!(matches!(
            reg.close_fault(&office, cdlc, fault, FaultState::Fixed, "").await,
            Err(CoreError::Invalid(e)) if e.for_field("state") == Some(ErrorCode::WrongState)
        ));

        // Labels for chosen items, Word and PDF.
        let word = reg
            .labels(
                &office,
                cdlc,
                "https://antt.example",
                &[camera.id, late.id],
                false,
            )
            .await
            .unwrap();
        assert!(word.content_type.contains("wordprocessingml") && word.bytes.len() > 1_000);
        let pdf = reg
            .labels(&office, cdlc, "https://antt.example", &[camera.id], true)
            .await
            .unwrap();
        assert!(pdf.bytes.starts_with(b"%PDF"));
        assert!(matches!(
            reg.labels(&guard, cdlc, "https://antt.example", &[], false)
                .await,
            Err(CoreError::Forbidden)
        ));
    }
}

#[tokio::test]
async fn the_register_goes_out_as_excel_and_comes_back_in_with_problems_by_row() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let reg = d.antt.equipment();
        let before = reg.items(&office, cdlc).await.unwrap().len();

        // Exported, then imported back: every code is taken, nothing added.
        let xlsx = reg.export(&office, cdlc).await.unwrap();
        let again = reg
            .import(&office, cdlc, "so.xlsx", xlsx.bytes, false)
            .await
            .unwrap();
        assert_eq!(again.added, 0);
        assert_eq!(again.problems.len(), before);
        assert!(
            again
                .problems
                .iter()
                .all(|p| p.code == ErrorCode::AlreadyRecorded),
            "{:?}",
            again
                .problems
                .iter()
                .find(|p| p.code != ErrorCode::AlreadyRecorded)
        );

        // A sheet as an office keeps it: a bad row refuses the whole file.
        let csv = "Sổ theo dõi phương tiện PCCC\nMã,Loại,Tên,Cơ sở,Vị trí,Ngày nạp,Hạn sử dụng\n\
                   BC-900,Bình bột,Bình bột ABC 8 kg,Cơ sở chính,Nhà A tầng 1,15/03/2026,\n\
                   BC-901,Bình CO2,Bình CO2 5 kg,,Xưởng,32/13/2026,\n\
                   BC-900,bàn ghế,,,,,\n";
        let plan = reg
            .import(&office, cdlc, "so.csv", csv.as_bytes().to_vec(), false)
            .await
            .unwrap();
        assert_eq!(plan.added, 0);
        let rows: Vec<(usize, &str)> = plan.problems.iter().map(|p| (p.row, p.field)).collect();
        assert!(rows.contains(&(4, "last_service")), "{rows:?}");
        assert!(rows.contains(&(5, "kind")), "{rows:?}");
        assert_eq!(reg.items(&office, cdlc).await.unwrap().len(), before);

        // The good rows alone: a dry run writes nothing, the import does.
        let good = "Mã,Loại,Tên,Vị trí,Ngày nạp\nBC-900,Bình bột,Bình bột ABC 8 kg,Nhà A tầng 1,15/03/2026\nCAM-900,Camera,Camera sân,Sân trường,\n";
        let dry = reg
            .import(&office, cdlc, "so.csv", good.as_bytes().to_vec(), true)
            .await
            .unwrap();
        assert_eq!((dry.items.len(), dry.added), (2, 0));
        assert_eq!(reg.items(&office, cdlc).await.unwrap().len(), before);
        let done = reg
            .import(&office, cdlc, "so.csv", good.as_bytes().to_vec(), false)
            .await
            .unwrap();
        assert_eq!(done.added, 2);
        let items = reg.items(&office, cdlc).await.unwrap();
        assert_eq!(items.len(), before + 2);
        let bottle = items.iter().find(|i| i.item.code == "BC-900").unwrap();
        assert_eq!(bottle.item.last_service, Some(day(2026, 3, 15)));
        assert_eq!(bottle.due.service, Some(day(2027, 3, 15)));
    }
}

#[tokio::test]
async fn drills_and_certificates_say_what_falls_due() {
    use antt_domain::fire::{DrillText, FireDrill, FireTraining, TrainingText};
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let guard = actor(&d.antt, "baove").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let fire = d.antt.fire();

        // The demo: the April drill, so the next is due next April; one
        // certificate of the fire team lapses next month.
        let due = fire.due(&office, cdlc).await.unwrap();
        assert_eq!(due.last_drill, Some(day(2026, 4, 16)));
        assert_eq!(due.next_drill, day(2027, 4, 16));
        assert!(!due.drill_overdue);
        assert_eq!(due.certificates.len(), 1, "{:?}", due.certificates);
        assert_eq!(
            due.certificates[0].training.expires_on,
            Some(day(2026, 12, 15))
        );
        let drills = fire.drills(&guard, cdlc).await.unwrap();
        assert_eq!(
            drills[0].evacuation_words().as_deref(),
            Some("6 phút 40 giây")
        );

        // A guard may not record one; the office renews the certificate.
        let today = day(2026, 11, 21);
        let renewed = FireTraining::parse(
            cdlc,
            due.certificates[0].training.person_id,
            &TrainingText {
                kind: "initial",
                course: "Huấn luyện nghiệp vụ PCCC và CNCH",
                held_on: "20/11/2026",
                hours: "24",
                certificate: "88/GCN-PC07",
                expires_on: "20/11/2031",
            },
            today,
        )
        .unwrap();
        assert!(matches!(
            fire.add_training(&guard, cdlc, renewed.clone()).await,
            Err(CoreError::Forbidden)
        ));
        fire.add_training(&office, cdlc, renewed).await.unwrap();
        assert!(
            fire.due(&office, cdlc)
                .await
                .unwrap()
                .certificates
                .is_empty()
        );

        // A person of another unit is refused, nothing written.
        let before = fire.trainings(&office, cdlc).await.unwrap().len();
        let stranger = FireTraining::parse(
            cdlc,
            antt_domain::PersonId::new_v7(),
            &TrainingText {
                kind: "refresher",
                course: "Bồi dưỡng",
                held_on: "20/11/2026",
                ..TrainingText::default()
            },
            today,
        )
        .unwrap();
        assert!(matches!(
            fire.add_training(&office, cdlc, stranger).await,
            Err(CoreError::Invalid(e)) if e.for_field("person") == Some(ErrorCode::NotFound)
        ));
        assert_eq!(fire.trainings(&office, cdlc).await.unwrap().len(), before);

        // A second drill moves the next one on.
        let drill = FireDrill::parse(
            cdlc,
            &DrillText {
                held_on: "20/11/2026",
                scenario: "Cháy xưởng cơ khí cơ sở 3",
                participants: "120",
                evacuation: "4:10",
                ..DrillText::default()
            },
            today,
        )
        .unwrap();
        fire.add_drill(&office, cdlc, drill).await.unwrap();
        assert_eq!(
            fire.due(&office, cdlc).await.unwrap().next_drill,
            day(2027, 11, 20)
        );
    }
}

#[tokio::test]
async fn the_dossier_names_what_is_missing_and_opens_as_word() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let student = actor(&d.antt, "sinhvien").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let fire = d.antt.fire();
        let dossier = fire.dossier(&office, cdlc, 2026).await.unwrap();
        let missing: Vec<&str> = dossier.missing().map(|p| p.letter).collect();
        // The rules and the fire plan are papers antt does not hold.
        assert_eq!(missing, ["b", "đ"]);
        assert!(dossier.checks > 1_000, "a year of monthly checks");
        assert_eq!(dossier.drills.len(), 1);
        assert_eq!(dossier.team_members, 35);
        // A year with nothing: the drill and the checks are missing too.
        let old = fire.dossier(&office, cdlc, 2020).await.unwrap();
        let missing: Vec<&str> = old.missing().map(|p| p.letter).collect();
        assert_eq!(missing, ["b", "đ", "g", "h"]);
        assert!(matches!(
            fire.dossier(&student, cdlc, 2026).await,
            Err(CoreError::Forbidden)
        ));
        let word = fire.dossier_document(&office, cdlc, 2026).await.unwrap();
        assert!(word.content_type.contains("wordprocessingml"));
        assert!(word.bytes.len() > 10_000);
        // The same as Excel: a sheet for each register of the dossier.
        let book = fire.dossier_workbook(&office, cdlc, 2026).await.unwrap();
        assert_eq!(book.file_name, "ho-so-pccc-2026.xlsx");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book.bytes)).unwrap();
        let mut workbook = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/workbook.xml").unwrap(), &mut workbook)
            .unwrap();
        for name in [
            "Thành phần hồ sơ",
            "Sổ phương tiện",
            "Kiểm tra, bảo dưỡng",
            "Diễn tập",
            "Huấn luyện",
        ] {
            assert!(workbook.contains(name), "{name}");
        }
    }
}

#[tokio::test]
async fn a_camera_that_shows_nothing_is_logged_until_it_shows_again() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let guard = actor(&d.antt, "baove").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let reg = d.antt.equipment();
        let items = reg.items(&office, cdlc).await.unwrap();
        let camera = items
            .iter()
            .find(|i| i.item.kind == EquipmentKind::Camera)
            .unwrap()
            .item
            .clone();
        let bottle = items
            .iter()
            .find(|i| i.item.kind == EquipmentKind::PowderExtinguisher)
            .unwrap()
            .item
            .clone();
        let now = d.antt.now();
        let hours = |h: i64| now - chrono::Duration::hours(h);
        // Refused: not a camera, no cause, a time to come, an end before the start.
        for (id, from, until, cause, field) in [
            (bottle.id, hours(3), None, "Mất điện", "kind"),
            (camera.id, hours(3), None, " ", "cause"),
            (
                camera.id,
                now + chrono::Duration::hours(1),
                None,
                "Mất điện",
                "from",
            ),
            (camera.id, hours(3), Some(hours(5)), "Mất điện", "until"),
        ] {
            let e = reg
                .record_outage(&guard, cdlc, id, from, until, cause)
                .await
                .unwrap_err();
            assert!(
                matches!(&e, CoreError::Invalid(v) if v.has(field)),
                "{field}: {e:?}"
            );
        }
        // A past outage, then one that lasts: listed until the guard ends it.
        reg.record_outage(
            &guard,
            cdlc,
            camera.id,
            hours(30),
            Some(hours(26)),
            "Mất điện cả khu",
        )
        .await
        .unwrap();
        reg.record_outage(&guard, cdlc, camera.id, hours(2), None, "Đứt cáp mạng")
            .await
            .unwrap();
        let due = reg.overdue(&office, cdlc).await.unwrap();
        assert_eq!(due.outages.len(), 1);
        assert_eq!(due.outages[0].1.id, camera.id);
        let page = reg.item(&office, cdlc, camera.id).await.unwrap();
        assert_eq!(page.outages.len(), 2);
        reg.end_outage(&guard, cdlc, camera.id).await.unwrap();
        assert!(reg.overdue(&office, cdlc).await.unwrap().outages.is_empty());
        assert!(matches!(
            reg.end_outage(&guard, cdlc, camera.id).await,
            Err(CoreError::Invalid(v)) if v.has("state")
        ));
    }
}

#[tokio::test]
async fn readiness_shows_fire_safety_as_evidence_and_keeps_the_verdict() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let province = actor(&d.antt, "congan.tinh").await;
        let other = actor(&d.antt, "thcs.vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let thcs = unit_id(&d.antt, "THCSCD").await;
        let year = 2026;
        let a = d.antt.assessment();
        let fire = a.fire_findings(&office, cdlc, year).await.unwrap();
        let texts: Vec<&str> = fire.iter().map(|f| f.text.as_str()).collect();
        assert!(
            fire.iter()
                .any(|f| f.ok && f.text == "Đã diễn tập phương án chữa cháy ngày 16/04/2026."),
            "{texts:?}"
        );
        // The third campus's late round is a thing to do.
        assert!(
            fire.iter()
                .any(|f| !f.ok && f.text.starts_with("Kiểm tra định kỳ: 1 lượt quá hạn")),
            "{texts:?}"
        );
        // The province reads the same on the unit's page.
        let seen = a.fire_findings(&province, cdlc, year).await.unwrap();
        assert_eq!(seen, fire);
        // A school with no register is told so, in one line; it reads
        // nothing of the college.
        let small = a.fire_findings(&other, thcs, year).await.unwrap();
        assert_eq!(small.len(), 1);
        assert!(!small[0].ok);
        assert!(a.fire_findings(&other, cdlc, year).await.is_err());
    }
}
