//! The demo's province: a few hundred schools, agencies and enterprises
//! under the provincial police and six more ward and commune police
//! bodies, five years of self-assessments, decisions, security force
//! ratings and gear, and the targets of seed 003 for 2026–2030. The
//! figures are drawn so that the province improves year by year and, this
//! year, stands just under its target for equipped security forces.

use chrono::{DateTime, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use antt_domain::assessment::{
    Assessment, AssessmentState, Decision, Dossier, Meeting, Rating, Scores,
};
use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::equipment::{Equipment, EquipmentKind, EquipmentState};
use antt_domain::province::TargetInput;
use antt_domain::rubric::{Points, built_in_score};
use antt_domain::unit::{NewUnit, SchoolLevel};
use antt_domain::{EquipmentId, UnitId};
use antt_store::assessment::SECURITY_FORCE;

use crate::Antt;
use crate::actor::Actor;
use crate::audit::entry;
use crate::error::CoreResult;
use crate::write::Access;

/// The police bodies the demo adds under the province: code, name, place.
const WARDS: [(&str, &str, &str); 6] = [
    ("CAPLC", "Công an phường Lào Cai", "Lào Cai"),
    ("CAPSP", "Công an phường Sa Pa", "Sa Pa"),
    ("CAPYB", "Công an phường Yên Bái", "Yên Bái"),
    ("CAPNL", "Công an phường Nghĩa Lộ", "Nghĩa Lộ"),
    ("CAXBT", "Công an xã Bảo Thắng", "Bảo Thắng"),
    ("CAXBX", "Công an xã Bát Xát", "Bát Xát"),
];

const SCHOOLS: [&str; 4] = [
    "Trường THPT",
    "Trường THCS",
    "Trường Tiểu học",
    "Trường Mầm non",
];
const AGENCIES: [&str; 6] = [
    "UBND",
    "Trung tâm Y tế",
    "Kho bạc Nhà nước",
    "Bưu điện",
    "Chi cục Thuế",
    "Trung tâm Văn hóa",
];
const TRADES: [&str; 8] = [
    "Khai thác khoáng sản",
    "Xây dựng",
    "Vận tải",
    "Du lịch",
    "Chế biến nông sản",
    "Vật liệu xây dựng",
    "Thương mại",
    "Thủy điện",
];
/// Provincial bodies directly under the provincial police.
const PROVINCIAL: [(&str, &str); 8] = [
    ("agency", "Sở Giáo dục và Đào tạo tỉnh Lào Cai"),
    ("agency", "Sở Y tế tỉnh Lào Cai"),
    ("agency", "Sở Tài chính tỉnh Lào Cai"),
    ("agency", "Bệnh viện Đa khoa tỉnh Lào Cai"),
    ("school", "Trường Cao đẳng Kỹ thuật Yên Bái"),
    ("school", "Trường Trung cấp Dân tộc nội trú Nghĩa Lộ"),
    ("enterprise", "Công ty Apatit Việt Nam"),
    ("enterprise", "Công ty Điện lực Lào Cai"),
];

/// How many units each ward has, by kind: schools, agencies, enterprises.
const PER_WARD: [usize; 3] = [18, 10, 9];

/// The shares reached this year (per mille) and lost each year back.
const GOOD_NOW: usize = 840;
const RECOGNISED_NOW: usize = 880;
const RATED_GOOD_NOW: usize = 870;
/// Just under the 80 % target.
const EQUIPPED_NOW: usize = 790;
const YEARLY_GAIN: usize = 30;

struct DemoUnit {
    id: UnitId,
    /// Its place in each measure's order: the first `share` of them
    /// count (good level, recognised, security force rated good, equipped).
    ranks: [usize; 4],
}

/// Loads the demo province under `province`, beside the units already
/// there (the college and the small school), with `ward` the police body
/// over the small school.
/// A demo school's level, read from its name.
fn school_level(name: &str) -> Option<SchoolLevel> {
    [
        ("Trường THPT", SchoolLevel::UpperSecondary),
        ("Trường THCS", SchoolLevel::LowerSecondary),
        ("Trường Tiểu học", SchoolLevel::Primary),
        ("Trường Mầm non", SchoolLevel::Preschool),
        ("Trường Cao đẳng", SchoolLevel::Vocational),
        ("Trường Trung cấp", SchoolLevel::Vocational),
    ]
    .into_iter()
    .find(|(prefix, _)| name.starts_with(prefix))
    .map(|(_, level)| level)
}

pub(crate) async fn load(
    antt: &Antt,
    province: UnitId,
    ward: UnitId,
    year: i32,
    now: DateTime<Utc>,
) -> CoreResult<usize> {
    let mut rng = StdRng::seed_from_u64(124);
    let w = antt.cx.write(Access::Server).await?;
    let tx = w.tx();
    let mut bodies = vec![(ward, "Cam Đường")];
    for (code, name, place) in WARDS {
        let u = antt_store::unit::insert(
            tx,
            &NewUnit::parse(
                "ward_police",
                code,
                name,
                Some(&format!("{place}, tỉnh Lào Cai")),
                Some(province),
            )?,
            now,
        )
        .await?;
        bodies.push((u.id, place));
    }
    let mut specs: Vec<(String, String, UnitId, String)> = PROVINCIAL
        .iter()
        .map(|(kind, name)| {
            (
                (*kind).to_owned(),
                (*name).to_owned(),
                province,
                "tỉnh Lào Cai".to_owned(),
            )
        })
        .collect();
    for (body, place) in &bodies {
        for n in 0..PER_WARD[0] {
            let level = SCHOOLS[n % SCHOOLS.len()];
            specs.push((
                "school".into(),
                format!("{level} số {} {place}", n / SCHOOLS.len() + 1),
                *body,
                (*place).to_owned(),
            ));
        }
        for n in 0..PER_WARD[1] {
            let name = match AGENCIES[n % AGENCIES.len()] {
                "UBND" if n == 0 => format!("UBND {place}"),
                "UBND" => format!("Đảng ủy {place}"),
                a => format!("{a} {place}"),
            };
            specs.push(("agency".into(), name, *body, (*place).to_owned()));
        }
        for n in 0..PER_WARD[2] {
            specs.push((
                "enterprise".into(),
                format!(
                    "Công ty TNHH {} {place} {}",
                    TRADES[n % TRADES.len()],
                    n / TRADES.len() + 1
                ),
                *body,
                (*place).to_owned(),
            ));
        }
    }
    let mut units = Vec::new();
    let mut groups = 0;
    let mut own_copy = None;
    for (n, (kind, name, body, place)) in specs.iter().enumerate() {
        let code = format!("DV{:04}", n + 1);
        let u = antt_store::unit::insert(
            tx,
            &NewUnit::parse(
                kind,
                &code,
                name,
                Some(&format!("{place}, tỉnh Lào Cai")),
                Some(*body),
            )?,
            now,
        )
        .await?;
        if let Some(level) = school_level(name) {
            antt_store::unit::set_school_level(tx, u.id, Some(level)).await?;
        }
        groups += demo_groups(tx, u.id, kind, name, place, &bodies, n, now).await?;
        if code == crate::bundle::demo::CODE {
            own_copy = Some(u.id);
        }
        units.push(u.id);
    }
    // Each measure orders the units once: a unit ahead stays ahead, and
    // the share that counts grows year by year.
    let mut ranks: Vec<[usize; 4]> = vec![[0; 4]; units.len()];
    for m in 0..4 {
        let mut order: Vec<usize> = (0..units.len()).collect();
        order.shuffle(&mut rng);
        for (place, i) in order.into_iter().enumerate() {
            if let Some(r) = ranks.get_mut(i) {
                r[m] = place;
            }
        }
    }
    let units: Vec<DemoUnit> = units
        .into_iter()
        .zip(ranks)
        .map(|(id, ranks)| DemoUnit { id, ranks })
        .collect();
    let total = units.len();
    let counts = |share: usize, back: usize| {
        // One unit more than the share asks never tips it over: rounded down.
        share.saturating_sub(back * YEARLY_GAIN) * total / 1_000
    };
    let sheet = built_in_score();
    for back in 0..5 {
        let y = year - i32::try_from(back).unwrap_or(0);
        let good = counts(GOOD_NOW, back);
        let recognised = counts(RECOGNISED_NOW, back);
        let rated = counts(RATED_GOOD_NOW, back);
        for u in &units {
            // This year the school on its own copy sends its bundle.
            if y == year && Some(u.id) == own_copy {
                continue;
            }
            let is_good = u.ranks[0] < good;
            let is_recognised = u.ranks[1] < recognised;
            let points = if is_good {
                rng.gen_range(72..98)
            } else {
                rng.gen_range(55..70)
            };
            let scores = scored(&sheet, Points(points * 10));
            let decided = NaiveDate::from_ymd_opt(y, 11, 18).unwrap_or_default();
            let a = Assessment {
                unit_id: u.id,
                year: y,
                state: if is_recognised {
                    AssessmentState::Recognised
                } else {
                    AssessmentState::NotRecognised
                },
                registered_on: NaiveDate::from_ymd_opt(y, 2, 20).unwrap_or_default(),
                meeting: Meeting::default(),
                dossier: Dossier::default(),
                decision: Some(Decision {
                    number: format!("{}/QĐ-UBND", 3_100 + rng.gen_range(0..400)),
                    signed_on: Some(decided),
                    body: "UBND tỉnh Lào Cai".into(),
                    recognised: is_recognised,
                }),
                returned_because: None,
                overrides: Vec::new(),
                reviewed_scores: scores.clone(),
                scores,
            };
            antt_store::assessment::save(tx, &a, now, true).await?;
            let rating = if u.ranks[2] < rated {
                if rng.gen_range(0..4) == 0 {
                    Rating::Excellent
                } else {
                    Rating::Good
                }
            } else {
                Rating::Completed
            };
            antt_store::assessment::set_rating(
                tx,
                u.id,
                y,
                SECURITY_FORCE,
                Some(rating),
                None,
                now,
            )
            .await?;
        }
    }
    // The gear: the first of the order got theirs earliest; the last have
    // only a radio or nothing.
    for u in &units {
        let rank = u.ranks[3];
        // The earliest year it counted: the furthest back its place was
        // within that year's share.
        let since_back = (0..5usize)
            .rev()
            .find(|back| rank < counts(EQUIPPED_NOW, *back));
        let kinds: &[EquipmentKind] = match since_back {
            Some(_) => &[EquipmentKind::SupportTool, EquipmentKind::Radio],
            None if rank % 2 == 0 => &[EquipmentKind::Radio],
            None => &[],
        };
        let installed = year - i32::try_from(since_back.unwrap_or(0)).unwrap_or(0);
        let on = NaiveDate::from_ymd_opt(installed - 1, 12, 1).unwrap_or_default();
        give_gear(tx, u.id, kinds, on, now).await?;
    }
    // The targets of seed 003, carried into the period 2026–2030.
    for (measure, share) in [
        ("movement_average", "100"),
        ("movement_good", "80-85"),
        ("recognised_safe", "85-90"),
        ("security_good", "85"),
        ("security_equipped", "80"),
    ] {
        let t = TargetInput::parse(measure, "", share, "2026", "2030")?;
        antt_store::province::insert_target(tx, province, &t, "congan.tinh", now).await?;
    }
    // The province's own plan of the year, its tasks given to every unit;
    // the college and two schools have reported on some.
    let college = antt_store::unit::by_code(tx, "CDLC").await?;
    let mut reporting: Vec<(UnitId, &str)> = college
        .iter()
        .map(|c| (c.id, "Văn phòng - Trường CĐ Lào Cai"))
        .collect();
    reporting.extend(
        units
            .iter()
            .skip(9)
            .step_by(40)
            .take(2)
            .map(|u| (u.id, "Văn phòng")),
    );
    crate::plan::demo::load_province(tx, province, &reporting, year, now).await?;
    w.commit(entry(
        &Actor::command_line(),
        Some(province),
        AuditAction::DemoLoad,
        Some((TargetKind::Province, province.to_string())),
        format!(
            "Tỉnh mẫu: {} đơn vị dưới {} cơ quan công an, 5 năm số liệu, {groups} mô hình",
            total,
            bodies.len() + 1
        ),
        Vec::new(),
    ))
    .await?;
    antt.cx.caches().clear();
    Ok(total)
}

/// The models of one demo unit, as seed 003 names its five kinds: a
/// school's safe gate or safe school, an agency's or enterprise's "safe"
/// model, and in each place a linked security cluster kept by a few units
/// with the ward police and the people's committee as partners (and a
/// chained cluster in two places). Returns how many it made.
#[allow(clippy::too_many_arguments)]
async fn demo_groups(
    tx: &antt_store::Tx,
    unit: UnitId,
    kind: &str,
    name: &str,
    place: &str,
    bodies: &[(UnitId, &str)],
    n: usize,
    now: DateTime<Utc>,
) -> CoreResult<usize> {
    use antt_domain::team::{TeamInput, TeamKind, TeamStatus};
    let mut made: Vec<(TeamKind, String, String, Vec<String>)> = Vec::new();
    let model = |type_name: &str| {
        (
            TeamKind::Model,
            type_name.to_owned(),
            type_name.to_owned(),
            Vec::new(),
        )
    };
    match kind {
        "school" if n % 3 != 2 && !name.starts_with("Trường Cao đẳng") => {
            made.push(model("Cổng trường an toàn giao thông"));
        }
        "school" if n.is_multiple_of(5) => {
            made.push(model("Trường học an toàn về an ninh, trật tự"));
        }
        "agency" | "enterprise" if n.is_multiple_of(2) => {
            made.push(model("Cơ quan, doanh nghiệp an toàn về an ninh, trật tự"));
        }
        _ => {}
    }
    // Every seventh unit of a place keeps its linked cluster.
    let ward = bodies.iter().find(|(_, p)| *p == place).map(|(_, p)| *p);
    if let Some(p) = ward
        && n % 7 == 3
    {
        let police = WARDS
            .iter()
            .find(|w| w.2 == p)
            .map_or_else(|| format!("Công an phường {p}"), |w| w.1.to_owned());
        let partners = vec![police.clone(), police.replacen("Công an", "UBND", 1)];
        made.push((
            TeamKind::Cluster,
            "Cụm an ninh liên kết".into(),
            format!("Cụm an ninh liên kết {p}"),
            partners.clone(),
        ));
        if matches!(p, "Sa Pa" | "Bát Xát") {
            made.push((
                TeamKind::Cluster,
                "Cụm an ninh liên hoàn".into(),
                format!("Cụm an ninh liên hoàn {p}"),
                partners,
            ));
        }
    }
    for (kind, type_name, name, partners) in &made {
        antt_store::team::insert(
            tx,
            unit,
            &TeamInput {
                kind: *kind,
                name: name.clone(),
                decision_number: None,
                decision_date: None,
                decision_signer: None,
                partners: partners.clone(),
                status: TeamStatus::Active,
                type_name: Some(type_name.clone()),
            },
            now,
        )
        .await?;
    }
    Ok(made.len())
}

/// The security force's means in the unit's register, in service since
/// `on`.
pub(crate) async fn give_gear(
    tx: &antt_store::Tx,
    unit: UnitId,
    kinds: &[EquipmentKind],
    on: NaiveDate,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    for (n, kind) in kinds.iter().enumerate() {
        antt_store::equipment::insert_item(
            tx,
            &Equipment {
                id: EquipmentId::new_v7(),
                unit_id: unit,
                code: format!("{}-{:03}", kind.prefix(), n + 1),
                kind: *kind,
                name: match kind {
                    EquipmentKind::Radio => "Bộ đàm Motorola XiR",
                    _ => "Dùi cui cao su, bình xịt hơi cay",
                }
                .into(),
                campus_id: None,
                place: "Phòng bảo vệ".into(),
                maker: None,
                made_on: None,
                installed_on: Some(on),
                last_check: None,
                last_service: None,
                last_pressure_test: None,
                expires_on: None,
                state: EquipmentState::InService,
                note: None,
                label: crate::equipment::new_label(),
            },
            now,
        )
        .await?;
    }
    Ok(())
}

/// Scores every item of the sheet full, then takes points off from the
/// first items until the total is `total`.
pub(crate) fn scored(sheet: &antt_domain::rubric::Rubric, total: Points) -> Scores {
    let leaves = sheet.leaves();
    let full: u32 = leaves.iter().map(|l| l.max.0).sum();
    let mut off = full.saturating_sub(total.0);
    leaves
        .iter()
        .map(|l| {
            let take = off.min(l.max.0);
            off -= take;
            (l.id.clone(), Points(l.max.0 - take))
        })
        .collect()
}
