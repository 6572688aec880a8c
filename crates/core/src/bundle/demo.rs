//! The demo's school on its own copy: Trường THPT số 1 Cam Đường keeps its
//! year on a PC of its own (here a second database in a temporary file, as
//! that PC would hold), meets, scores itself and sends its dossier there,
//! and the province registers the copy's key and imports the signed
//! bundle. Its earlier years stay as the province's records had them.

use std::path::Path;

use chrono::{NaiveDate, NaiveTime};

use antt_domain::UnitId;
use antt_domain::assessment::{
    Assessment, AssessmentState, AssessmentStep, Dossier, Meeting, Rating, ReportTexts, Scores,
    Verdict,
};
use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::equipment::EquipmentKind;
use antt_domain::role::Role;
use antt_domain::rubric::{Points, built_in_score};
use antt_domain::team::{TeamInput, TeamKind, TeamStatus};
use antt_domain::unit::{NewUnit, Unit};
use antt_store::assessment as store;

use crate::Antt;
use crate::actor::Actor;
use crate::audit::entry;
use crate::error::{CoreError, CoreResult};
use crate::password::Passwords;
use crate::write::Access;

/// The province's code of the school on its own copy.
pub(crate) const CODE: &str = "DV0009";

/// Makes the school's year on its own copy and imports its bundle into the
/// demo's province.
pub(crate) async fn load(antt: &Antt, province: UnitId, year: i32) -> CoreResult<()> {
    let unit = antt_store::unit::by_code(antt.cx.db(), CODE)
        .await?
        .ok_or(CoreError::NotFound)?;
    let path = std::env::temp_dir().join(format!(
        "antt-demo-own-copy-{}.sqlite3",
        uuid::Uuid::now_v7().simple()
    ));
    let made = Box::pin(own_copy(antt, &unit, &path, year)).await;
    for end in ["", "-wal", "-shm", "-journal"] {
        let mut file = path.clone().into_os_string();
        file.push(end);
        let _ = std::fs::remove_file(file);
    }
    let (key, bundle) = made?;
    let officer = Actor {
        user_id: None,
        name: "congan.tinh".into(),
        display_name: "Phòng PV05 - Công an tỉnh Lào Cai".into(),
        unit_id: Some(province),
        role: Role::ProvinceOfficer,
        department_id: None,
        submission: None,
    };
    antt.bundles()
        .register_key(&officer, unit.id, Some(&key))
        .await?;
    antt.bundles().import(&officer, &bundle).await?;
    Ok(())
}

/// The school's copy: its year recorded and its dossier sent there; gives
/// the copy's public key and the year's bundle.
async fn own_copy(
    antt: &Antt,
    unit: &Unit,
    path: &Path,
    year: i32,
) -> CoreResult<(String, Vec<u8>)> {
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let copy = Antt::open(&url, antt.cx.clock(), Passwords::Fast).await?;
    let w = copy.cx.write(Access::Server).await?;
    let (tx, now) = (w.tx(), w.now());
    let school = antt_store::unit::insert(
        tx,
        &NewUnit::parse(
            unit.kind.code(),
            &unit.code,
            &unit.name,
            unit.address.as_deref(),
            None,
        )?,
        now,
    )
    .await?;
    antt_store::unit::set_school_level(tx, school.id, unit.school_level).await?;
    let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).unwrap_or_default();
    let at = |m, d| day(m, d).and_hms_opt(2, 0, 0).map_or(now, |t| t.and_utc());
    let a = Assessment {
        unit_id: school.id,
        year,
        state: AssessmentState::SelfAssessed,
        registered_on: day(2, 10),
        meeting: meeting(&unit.name, year, day(11, 14)),
        dossier: Dossier::default(),
        decision: None,
        returned_because: None,
        overrides: Vec::new(),
        scores: crate::province::demo::scored(&built_in_score(), Points(860)),
        reviewed_scores: Scores::new(),
    };
    store::save(tx, &a, now, true).await?;
    for (state, on) in [
        (AssessmentState::Registered, at(2, 10)),
        (AssessmentState::SelfAssessed, at(11, 14)),
    ] {
        let step = AssessmentStep {
            state,
            at: on,
            by: "Văn phòng".into(),
            note: String::new(),
        };
        store::add_step(tx, school.id, year, &step).await?;
    }
    store::set_rating(
        tx,
        school.id,
        year,
        store::SECURITY_FORCE,
        Some(Rating::Good),
        None,
        now,
    )
    .await?;
    crate::province::demo::give_gear(
        tx,
        school.id,
        &[EquipmentKind::SupportTool, EquipmentKind::Radio],
        day(3, 1),
        now,
    )
    .await?;
    antt_store::team::insert(
        tx,
        school.id,
        &TeamInput {
            kind: TeamKind::Model,
            name: "Cổng trường an toàn giao thông".into(),
            decision_number: Some("05/QĐ-THPT".into()),
            decision_date: Some(day(1, 15)),
            decision_signer: Some("Hiệu trưởng".into()),
            partners: vec!["Công an phường Cam Đường".into()],
            status: TeamStatus::Active,
            type_name: Some("Cổng trường an toàn giao thông".into()),
        },
        now,
    )
    .await?;
    store::save_report_texts(tx, school.id, year, &report_texts(), now).await?;
    w.commit(entry(
        &Actor::command_line(),
        Some(school.id),
        AuditAction::DemoLoad,
        Some((TargetKind::Unit, school.id.to_string())),
        format!("{} trên bản antt riêng của trường", unit.name),
        Vec::new(),
    ))
    .await?;

    let office = Actor {
        user_id: None,
        name: "vanphong.thpt1".into(),
        display_name: "Văn phòng nhà trường".into(),
        unit_id: Some(school.id),
        role: Role::UnitAdmin,
        department_id: None,
        submission: None,
    };
    // What the copy holds no record of, the office confirms with its
    // evidence: the school keeps its papers in its own files.
    let r = copy
        .assessment()
        .readiness(&office, school.id, year)
        .await?;
    let open: Vec<String> = r
        .standard
        .criteria
        .iter()
        .flat_map(|c| &c.checks)
        .filter(|k| !k.finding.verdict().holds())
        .map(|k| k.check.id.clone())
        .collect();
    for check in open {
        let (verdict, reason) = if check == "2.3" {
            (
                Verdict::Met,
                "Phối hợp với Ban đại diện cha mẹ học sinh qua họp phụ huynh đầu năm, cuối học kỳ và nhóm liên lạc của từng lớp",
            )
        } else {
            (
                Verdict::Met,
                "Đã thực hiện trong năm; hồ sơ lưu tại Văn phòng nhà trường",
            )
        };
        copy.assessment()
            .override_check(
                &office,
                school.id,
                year,
                &check,
                Some(verdict),
                reason,
                "Hồ sơ phong trào năm của nhà trường, có biên bản và danh sách ký nhận",
            )
            .await?;
    }
    copy.assessment()
        .submit_dossier(
            &office,
            school.id,
            year,
            Dossier {
                request_number: "27/TTr-THPT1".into(),
                request_on: Some(day(11, 18)),
                acknowledge_unconfirmed: true,
                ..Dossier::default()
            },
        )
        .await?;
    let key = copy.bundles().public_key(&office).await?.key;
    let file = copy.bundles().export(&office, school.id, year).await?;
    Ok((key, file.bytes))
}

fn meeting(name: &str, year: i32, held_on: NaiveDate) -> Meeting {
    Meeting {
        held_on: Some(held_on),
        starts: NaiveTime::from_hms_opt(14, 0, 0),
        ends: NaiveTime::from_hms_opt(16, 0, 0),
        place: format!("Phòng họp Hội đồng - {name}"),
        chair: "Lê Văn Hùng – Hiệu trưởng".into(),
        secretary: "Phạm Thu Trang – Thư ký Hội đồng".into(),
        participants: vec![
            "Bí thư Chi bộ nhà trường".into(),
            "Chủ tịch Công đoàn nhà trường".into(),
            "Bí thư Đoàn Thanh niên nhà trường".into(),
            "Tổ trưởng Tổ bảo vệ".into(),
            "Đại diện Công an phường Cam Đường".into(),
        ],
        conclusion: antt_words::minutes_conclusion(name, year, &[], &[]),
    }
}

fn report_texts() -> ReportTexts {
    ReportTexts {
        number: String::new(),
        shortcomings: "Một số học sinh còn vi phạm luật giao thông khi đi xe đạp điện đến trường.".into(),
        causes: "Trường đông học sinh ở xa, phụ huynh chưa quan tâm nhắc nhở.".into(),
        directions: "Tiếp tục duy trì mô hình Cổng trường an toàn giao thông, phối hợp Công an phường Cam Đường tuyên truyền đầu năm học.".into(),
        proposals: String::new(),
    }
}
