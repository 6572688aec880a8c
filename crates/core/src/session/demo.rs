//! The demo's sessions: a year of the college's propaganda, legal education
//! and training with the police, attended by most students and staff (so
//! coverage is high but not yet 100%), and a session this morning with the
//! ward police whose attendance is still to be taken by QR code.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use antt_domain::person::{PersonKind, PersonStatus};
use antt_domain::session::{AttendanceMethod, Audience, Posts, SessionInput, SessionKind, Topic};
use antt_domain::time::{VIETNAM, local_date};
use antt_domain::{ClassId, PersonId, UnitId};
use antt_store::Tx;
use antt_store::{person, session as store};

use crate::error::CoreResult;

/// Who came: everyone of these cohorts (student code prefix), or all staff,
/// with this share present (per thousand).
enum Who {
    Cohorts(&'static [&'static str], u32),
    Staff(u32),
    Boarding(u32),
    Everyone(u32),
    Nobody,
}

struct DemoSession {
    /// (month, day, hour, minute) in the plan year; December is the year before.
    when: (u32, u32, u32, u32),
    kind: SessionKind,
    title: &'static str,
    topics: &'static [Topic],
    topic_note: Option<&'static str>,
    organiser: &'static str,
    partner: Option<&'static str>,
    place: &'static str,
    everyone: bool,
    outside: u32,
    materials: u32,
    posts: (u32, u32, u32),
    who: Who,
}

const SESSIONS: &[DemoSession] = &[
    DemoSession {
        when: (12, 26, 8, 0),
        kind: SessionKind::Conference,
        title: "Hội nghị triển khai Kế hoạch thực hiện Phong trào “Toàn dân bảo vệ an ninh Tổ quốc” năm 2026",
        topics: &[Topic::Law],
        topic_note: Some("Quyết định số 2447/QĐ-TTg; Kế hoạch số 195/KH-UBND"),
        organiser: "Văn phòng",
        partner: Some("Công an phường Cam Đường"),
        place: "Hội trường A - Cơ sở 1",
        everyone: false,
        outside: 0,
        materials: 220,
        posts: (1, 1, 0),
        who: Who::Staff(985),
    },
    DemoSession {
        when: (1, 20, 14, 0),
        kind: SessionKind::Propaganda,
        title: "Tuyên truyền bảo đảm trật tự an toàn giao thông dịp Tết Nguyên đán",
        topics: &[Topic::TrafficSafety],
        topic_note: None,
        organiser: "Phòng Công tác sinh viên và Quản lý chất lượng",
        partner: Some("Phòng Cảnh sát giao thông - Công an tỉnh Lào Cai"),
        place: "Hội trường A - Cơ sở 1",
        everyone: false,
        outside: 0,
        materials: 700,
        posts: (1, 2, 1),
        who: Who::Cohorts(&["SV17"], 950),
    },
    DemoSession {
        when: (3, 24, 8, 0),
        kind: SessionKind::LegalEducation,
        title: "Phổ biến Luật An ninh mạng; phòng, chống lừa đảo trên không gian mạng",
        topics: &[Topic::CyberCrime, Topic::Law],
        topic_note: Some("Luật An ninh mạng"),
        organiser: "Phòng Công tác sinh viên và Quản lý chất lượng",
        partner: Some(
            "Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao - Công an tỉnh Lào Cai",
        ),
        place: "Hội trường B - Cơ sở 2",
        everyone: false,
        outside: 0,
        materials: 650,
        posts: (1, 3, 2),
        who: Who::Cohorts(&["SV18"], 940),
    },
    DemoSession {
        when: (4, 16, 7, 30),
        kind: SessionKind::Training,
        title: "Tập huấn kỹ năng phòng cháy, chữa cháy và cứu nạn, cứu hộ khu nội trú",
        topics: &[Topic::FireRescue],
        topic_note: None,
        organiser: "Văn phòng",
        partner: Some("Phòng Cảnh sát PCCC và CNCH - Công an tỉnh Lào Cai"),
        place: "Sân ký túc xá - Cơ sở 1",
        everyone: false,
        outside: 0,
        materials: 150,
        posts: (1, 1, 0),
        who: Who::Boarding(900),
    },
    DemoSession {
        when: (8, 19, 7, 30),
        kind: SessionKind::FestivalDay,
        title: "Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2026",
        topics: &[Topic::DrugsSocialEvils, Topic::SchoolViolence],
        topic_note: None,
        organiser: "Văn phòng",
        partner: Some("Công an phường Cam Đường"),
        place: "Sân trường - Cơ sở 1",
        everyone: true,
        outside: 120,
        materials: 1_000,
        posts: (2, 4, 2),
        who: Who::Everyone(420),
    },
    DemoSession {
        when: (9, 28, 14, 0),
        kind: SessionKind::Propaganda,
        title: "Tuyên truyền phòng, chống ma túy, tệ nạn xã hội cho tân sinh viên khóa K19",
        topics: &[Topic::DrugsSocialEvils],
        topic_note: None,
        organiser: "Phòng Công tác sinh viên và Quản lý chất lượng",
        partner: Some("Công an phường Cam Đường"),
        place: "Hội trường A - Cơ sở 1",
        everyone: false,
        outside: 0,
        materials: 800,
        posts: (1, 2, 1),
        who: Who::Cohorts(&["SV19"], 975),
    },
    DemoSession {
        when: (10, 20, 8, 0),
        kind: SessionKind::LegalEducation,
        title: "Quán triệt công tác bảo vệ bí mật Nhà nước",
        topics: &[Topic::StateSecrets, Topic::Law],
        topic_note: Some("Luật Bảo vệ bí mật nhà nước"),
        organiser: "Văn phòng",
        partner: Some("Phòng An ninh chính trị nội bộ - Công an tỉnh Lào Cai"),
        place: "Phòng họp tầng 2 - Cơ sở 1",
        everyone: false,
        outside: 0,
        materials: 200,
        posts: (1, 0, 0),
        who: Who::Staff(930),
    },
];

/// This morning's session: its attendance is taken by QR code in the demo.
const TODAY: DemoSession = DemoSession {
    when: (0, 0, 7, 30),
    kind: SessionKind::Propaganda,
    title: "Tuyên truyền phòng, chống tội phạm trên không gian mạng cho sinh viên nội trú",
    topics: &[Topic::CyberCrime],
    topic_note: None,
    organiser: "Phòng Công tác sinh viên và Quản lý chất lượng",
    partner: Some("Công an phường Cam Đường"),
    place: "Hội trường A - Cơ sở 1",
    everyone: false,
    outside: 0,
    materials: 300,
    posts: (0, 1, 0),
    who: Who::Nobody,
};

fn instant(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    VIETNAM
        .from_local_datetime(&day.and_hms_opt(hour, minute, 0).unwrap_or_default())
        .single()
        .map_or(DateTime::<Utc>::MIN_UTC, |t| t.with_timezone(&Utc))
}

/// Writes the demo sessions of the college inside the demo's transaction.
pub(crate) async fn load(
    tx: &Tx,
    college: UnitId,
    year: i32,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let today = local_date(now);
    let people = person::all(tx, college).await?;
    let classes: Vec<ClassId> = {
        let mut c: Vec<ClassId> = people.iter().filter_map(|p| p.class_id).collect();
        c.sort_unstable();
        c.dedup();
        c
    };
    let mut rng = StdRng::seed_from_u64(19_08);
    // The year before (for the dashboard's comparison), then this year and
    // this morning's session.
    let plan = SESSIONS
        .iter()
        .map(|s| (s, year - 1))
        .chain(SESSIONS.iter().map(|s| (s, year)))
        .chain(std::iter::once((&TODAY, year)));
    for (s, year) in plan {
        let (month, day, hour, minute) = s.when;
        let date = if month == 0 {
            today
        } else {
            let y = if month == 12 { year - 1 } else { year };
            match NaiveDate::from_ymd_opt(y, month, day) {
                Some(d) if d < today => d,
                _ => continue,
            }
        };
        let cohort_classes = |prefixes: &[&str]| -> Vec<ClassId> {
            let mut c: Vec<ClassId> = people
                .iter()
                .filter(|p| prefixes.iter().any(|x| p.code.starts_with(x)))
                .filter_map(|p| p.class_id)
                .collect();
            c.sort_unstable();
            c.dedup();
            c
        };
        let audience = match &s.who {
            Who::Cohorts(prefixes, _) => Audience {
                everyone: false,
                departments: Vec::new(),
                classes: cohort_classes(prefixes),
            },
            Who::Staff(_) => Audience {
                everyone: false,
                departments: {
                    let mut d: Vec<_> = people
                        .iter()
                        .filter(|p| p.kind == PersonKind::Staff)
                        .filter_map(|p| p.department_id)
                        .collect();
                    d.sort_unstable();
                    d.dedup();
                    d
                },
                classes: Vec::new(),
            },
            Who::Boarding(_) | Who::Everyone(_) => Audience {
                everyone: s.everyone,
                departments: Vec::new(),
                classes: if s.everyone {
                    Vec::new()
                } else {
                    classes.clone()
                },
            },
            Who::Nobody => Audience {
                everyone: false,
                departments: Vec::new(),
                classes: cohort_classes(&["SV19"]),
            },
        };
        let input = SessionInput {
            kind: s.kind,
            title: s.title.replace("2026", &year.to_string()),
            topics: s.topics.to_vec(),
            topic_note: s.topic_note.map(Into::into),
            organiser: s.organiser.into(),
            partner: s.partner.map(Into::into),
            starts_at: instant(date, hour, minute),
            place: s.place.into(),
            audience,
            outside_count: s.outside,
            materials: s.materials,
            posts: Posts {
                website: s.posts.0,
                fanpage: s.posts.1,
                zalo: s.posts.2,
                links: if s.posts.0 > 0 {
                    vec![format!(
                        "https://cdlc.edu.vn/tin-tuc/{}-{:02}-{:02}",
                        date.year(),
                        date.month(),
                        date.day()
                    )]
                } else {
                    Vec::new()
                },
            },
        };
        let session = store::insert(tx, college, &input, now).await?;
        let mut present = |share: u32| rng.gen_range(0..1000) < share;
        let attended: Vec<PersonId> = people
            .iter()
            .filter(|p| p.status == PersonStatus::Active)
            .filter(|p| match &s.who {
                Who::Cohorts(prefixes, share) => {
                    prefixes.iter().any(|x| p.code.starts_with(x)) && present(*share)
                }
                Who::Staff(share) => p.kind == PersonKind::Staff && present(*share),
                Who::Boarding(share) => p.boarding && present(*share),
                Who::Everyone(share) => present(*share),
                Who::Nobody => false,
            })
            .map(|p| p.id)
            .collect();
        store::attend_many(
            tx,
            college,
            session.id,
            &attended,
            AttendanceMethod::Ticked,
            input.starts_at,
        )
        .await?;
    }
    Ok(())
}
