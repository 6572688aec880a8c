//! The demo's models, teams and clusters with the seeds' figures: the
//! dormitory board 8, the youth self-management team 25, the fire and
//! rescue team 35, the self-defence platoon 21 (seed 001), and the linked
//! security clusters of 2015, 2017 and 2020 (seed 000).

use chrono::{DateTime, NaiveDate, Utc};

use antt_domain::UnitId;
use antt_domain::person::{PersonKind, PersonStatus};
use antt_domain::team::{Activity, Member, MemberRole, TeamInput, TeamKind, TeamStatus};
use antt_store::Tx;
use antt_store::{person, team as store};

use crate::error::CoreResult;

struct DemoTeam {
    kind: TeamKind,
    name: &'static str,
    decision: Option<(&'static str, (i32, u32, u32))>,
    partners: &'static [&'static str],
    /// How many members, and whether they are students (boarding) or staff.
    members: usize,
    students: bool,
    status: TeamStatus,
    activity: Option<((u32, u32), &'static str)>,
}

const TEAMS: &[DemoTeam] = &[
    DemoTeam {
        kind: TeamKind::Model,
        name: "Trường học Xanh - Sạch - Đẹp - An toàn - Hạnh phúc",
        decision: Some(("12/QĐ-CĐLC", (2024, 9, 5))),
        partners: &[],
        members: 0,
        students: false,
        status: TeamStatus::Effective,
        activity: Some((
            (3, 26),
            "Tổng vệ sinh khuôn viên, trồng 120 cây xanh tại Cơ sở 1.",
        )),
    },
    DemoTeam {
        kind: TeamKind::Model,
        name: "Cổng trường an toàn giao thông",
        decision: Some(("45/QĐ-CĐLC", (2023, 10, 2))),
        partners: &["Công an phường Cam Đường"],
        members: 0,
        students: false,
        status: TeamStatus::Active,
        activity: Some((
            (9, 8),
            "Phân luồng giao thông giờ tan học tuần khai giảng, phối hợp Công an phường.",
        )),
    },
    DemoTeam {
        kind: TeamKind::Team,
        name: "Ban Quản lý Ký túc xá",
        decision: Some(("98/QĐ-CĐLC", (2026, 3, 18))),
        partners: &[],
        members: 8,
        students: false,
        status: TeamStatus::Effective,
        activity: Some((
            (10, 12),
            "Kiểm tra an ninh, PCCC các phòng ở khu nội trú B.",
        )),
    },
    DemoTeam {
        kind: TeamKind::Team,
        name: "Đội thanh niên tự quản khu nội trú",
        decision: Some(("99/QĐ-CĐLC", (2026, 3, 18))),
        partners: &[],
        members: 25,
        students: true,
        status: TeamStatus::Effective,
        activity: Some((
            (10, 25),
            "Tuần tra khu nội trú buổi tối, nhắc nhở 4 trường hợp về muộn.",
        )),
    },
    DemoTeam {
        kind: TeamKind::Team,
        name: "Đội phòng cháy chữa cháy và cứu nạn cứu hộ cơ sở",
        decision: Some(("31/QĐ-CĐLC", (2025, 2, 20))),
        partners: &[],
        members: 35,
        students: false,
        status: TeamStatus::Active,
        activity: Some((
            (4, 16),
            "Tập huấn và diễn tập phương án chữa cháy khu nội trú.",
        )),
    },
    DemoTeam {
        kind: TeamKind::Team,
        name: "Trung đội tự vệ",
        decision: Some(("07/QĐ-CĐLC", (2025, 1, 10))),
        partners: &[],
        members: 21,
        students: false,
        status: TeamStatus::Active,
        activity: Some(((2, 10), "Trực bảo vệ dịp Tết Nguyên đán.")),
    },
    DemoTeam {
        kind: TeamKind::Cluster,
        name: "Cụm an ninh liên kết phường Nam Cường",
        decision: Some(("Quy chế phối hợp năm 2015", (2015, 6, 1))),
        partners: &["UBND phường Nam Cường", "Công an phường Nam Cường"],
        members: 0,
        students: false,
        status: TeamStatus::Active,
        activity: None,
    },
    DemoTeam {
        kind: TeamKind::Cluster,
        name: "Cụm an ninh liên kết Cơ quan - Trường - Phường",
        decision: Some(("Quy chế phối hợp năm 2017", (2017, 5, 15))),
        partners: &[
            "Phường Bắc Cường",
            "Trường THPT Chuyên Lào Cai",
            "Tòa án nhân dân tỉnh Lào Cai",
        ],
        members: 0,
        students: false,
        status: TeamStatus::Effective,
        activity: Some(((8, 19), "Tuần tra chung dịp Ngày hội toàn dân bảo vệ ANTQ.")),
    },
    DemoTeam {
        kind: TeamKind::Cluster,
        name: "Cụm an ninh liên kết số 3",
        decision: Some(("Quy chế phối hợp năm 2020", (2020, 7, 1))),
        partners: &["Phường Bình Minh", "Bệnh viện Sản Nhi tỉnh Lào Cai"],
        members: 0,
        students: false,
        status: TeamStatus::Active,
        activity: None,
    },
];

pub(crate) async fn load(
    tx: &Tx,
    college: UnitId,
    year: i32,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let people = person::all(tx, college).await?;
    let staff: Vec<_> = people
        .iter()
        .filter(|p| p.kind == PersonKind::Staff && p.status == PersonStatus::Active)
        .collect();
    let boarders: Vec<_> = people
        .iter()
        .filter(|p| p.kind == PersonKind::Student && p.boarding && p.status == PersonStatus::Active)
        .collect();
    let today = antt_domain::time::local_date(now);
    // Staff take turns across the teams, so one person serves in several.
    let mut next_staff = 0;
    for t in TEAMS {
        let input = TeamInput {
            kind: t.kind,
            name: t.name.into(),
            decision_number: t.decision.map(|(n, _)| n.into()),
            decision_date: t
                .decision
                .and_then(|(_, (y, m, d))| NaiveDate::from_ymd_opt(y, m, d)),
            decision_signer: t.decision.map(|_| "Hiệu trưởng".into()),
            partners: t.partners.iter().map(|p| (*p).to_owned()).collect(),
            status: t.status,
            type_name: antt_domain::team::DEFAULT_TYPES
                .iter()
                .find(|(kind, name)| *kind == t.kind && t.name.starts_with(name))
                .map(|(_, name)| (*name).to_owned()),
        };
        let team = store::insert(tx, college, &input, now).await?;
        let from = input.decision_date.unwrap_or(today).min(today);
        let pool: Vec<_> = if t.students {
            // The one students' team: boarders, in the order of their codes.
            boarders.iter().take(t.members).collect()
        } else {
            (0..t.members)
                .filter_map(|k| staff.get((next_staff + k) % staff.len().max(1)))
                .collect()
        };
        if !t.students {
            next_staff += t.members;
        }
        let members: Vec<Member> = pool
            .iter()
            .enumerate()
            .map(|(k, p)| Member {
                team_id: team.id,
                person_id: p.id,
                role: match k {
                    0 => MemberRole::Leader,
                    1 | 2 => MemberRole::Deputy,
                    _ => MemberRole::Member,
                },
                from,
                until: None,
            })
            .collect();
        store::add_members(tx, college, &members).await?;
        if let Some(((m, d), text)) = t.activity {
            let on = NaiveDate::from_ymd_opt(year, m, d).filter(|on| *on <= today);
            if let Some(on) = on {
                store::add_activity(
                    tx,
                    college,
                    team.id,
                    &Activity {
                        on,
                        text: text.into(),
                    },
                    now,
                )
                .await?;
            }
        }
    }
    Ok(())
}
