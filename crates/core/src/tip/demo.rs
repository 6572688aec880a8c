//! The demo's tips at the college: a year of them in every state, from a
//! drug case handed to the ward police to this morning's tip on gambling;
//! one waits for the office with the reporter's answer, one is past its
//! deadline. The office is on duty and the head of student affairs handles
//! tips. One anonymous tip has a receipt printed in the README, so a
//! newcomer can follow it as its reporter would.

use chrono::{DateTime, Duration, Utc};

use antt_domain::tip::{Author, TipCategory, TipChannel, TipEvent, TipInput, TipState};
use antt_domain::{TipId, UnitId, UserId};
use antt_store::Tx;
use antt_store::tip as store;

use super::{Intake, seal_context};
use crate::error::{CoreError, CoreResult};

/// The receipt of the demo's tip on school violence (README).
pub const DEMO_RECEIPT: &str = "2026112012345678";

/// A demo tip: hours ago, category, channel, urgent, anonymous, text, place,
/// contact, and what happened to it: (hours after receipt, state, reason,
/// outcome or police unit).
struct Story {
    hours_ago: i64,
    category: TipCategory,
    channel: TipChannel,
    urgent: bool,
    text: &'static str,
    place: &'static str,
    contact: Option<&'static str>,
    steps: &'static [(i64, TipState, &'static str, &'static str)],
    assignee: Option<&'static str>,
    receipt: Option<&'static str>,
    messages: &'static [(i64, Author, &'static str)],
}

const STORIES: &[Story] = &[
    Story {
        hours_ago: 24 * 70,
        category: TipCategory::Drugs,
        channel: TipChannel::Portal,
        urgent: false,
        text: "Tối thứ Sáu thường có hai thanh niên đi xe máy đến cổng sau ký túc xá, gọi một số sinh viên ra đưa gói nhỏ, nghi là ma túy tổng hợp.",
        place: "Cổng sau ký túc xá khu B",
        contact: None,
        steps: &[
            (
                3,
                TipState::Verifying,
                "Giao Phòng CTSV phối hợp tổ bảo vệ theo dõi cổng sau",
                "",
            ),
            (
                50,
                TipState::Transferred,
                "Xác định có dấu hiệu mua bán trái phép chất ma túy",
                "Công an phường Cam Đường",
            ),
            (
                24 * 20,
                TipState::Resolved,
                "Công an phường thông báo kết quả",
                "Công an phường bắt quả tang hai đối tượng, thu 12 viên ma túy tổng hợp; 2 sinh viên liên quan được giáo dục, cam kết",
            ),
        ],
        assignee: Some("ctsv"),
        receipt: None,
        messages: &[(
            5,
            Author::Note,
            "Tổ bảo vệ xác nhận có xe máy biển 24B1 dừng ở cổng sau lúc 21 giờ",
        )],
    },
    Story {
        hours_ago: 24 * 21,
        category: TipCategory::Theft,
        channel: TipChannel::InPerson,
        urgent: false,
        text: "Sinh viên báo mất điện thoại Samsung A54 để sạc ở phòng tự học tầng 2 nhà A trong giờ nghỉ trưa.",
        place: "Phòng tự học tầng 2, nhà A",
        contact: Some("Hoàng Thị Mai, lớp CĐ Kế toán K16, 0912 000 111"),
        steps: &[
            (
                1,
                TipState::Verifying,
                "Trích xuất camera hành lang tầng 2",
                "",
            ),
            (
                30,
                TipState::Resolved,
                "Đã tìm được người lấy",
                "Camera ghi hình một sinh viên cầm nhầm; đã trả lại điện thoại, nhắc nhở trước lớp",
            ),
        ],
        assignee: Some("ctsv"),
        receipt: None,
        messages: &[],
    },
    Story {
        hours_ago: 72,
        category: TipCategory::Violence,
        channel: TipChannel::Portal,
        urgent: true,
        text: "Một nhóm sinh viên năm hai hẹn đánh một bạn năm nhất lớp Điện vì mâu thuẫn trên Facebook, nói sẽ chặn ở đường sau căng tin sau giờ học chiều thứ Năm.",
        place: "Đường sau căng tin",
        contact: None,
        steps: &[(
            1,
            TipState::Handling,
            "Báo giáo viên chủ nhiệm hai lớp, mời sinh viên lên làm việc",
            "",
        )],
        assignee: Some("ctsv"),
        receipt: Some(DEMO_RECEIPT),
        messages: &[
            (
                2,
                Author::Staff,
                "Cảm ơn em. Em có biết tên hoặc lớp của bạn cầm đầu nhóm không?",
            ),
            (
                20,
                Author::Reporter,
                "Bạn đó tên Tuấn, học lớp CĐ Cơ khí K15, hay ngồi ở căng tin.",
            ),
            (
                21,
                Author::Note,
                "Đã mời Tuấn (CĐ Cơ khí K15) và GVCN làm việc chiều nay",
            ),
        ],
    },
    Story {
        hours_ago: 46,
        category: TipCategory::OnlineFraud,
        channel: TipChannel::Portal,
        urgent: false,
        text: "Có tài khoản Zalo giả danh phòng Đào tạo nhắn tin cho sinh viên yêu cầu chuyển 500.000 đồng để \"giữ chỗ học bổng\".",
        place: "Nhóm Zalo lớp CĐ Tin học K17",
        contact: Some("Lớp trưởng CĐ Tin học K17"),
        steps: &[(
            4,
            TipState::Verifying,
            "Chụp lại tin nhắn, đối chiếu với phòng Đào tạo",
            "",
        )],
        assignee: Some("vanphong"),
        receipt: None,
        messages: &[],
    },
    Story {
        hours_ago: 30,
        category: TipCategory::Outsiders,
        channel: TipChannel::Phone,
        urgent: false,
        text: "Người dân gọi báo có nhóm thanh niên lạ tụ tập, nẹt pô trước cổng chính vào buổi tối, trêu ghẹo sinh viên nữ.",
        place: "Cổng chính",
        contact: Some("Ông Lý, bán hàng đối diện cổng trường, 0203 811 222"),
        steps: &[],
        assignee: None,
        receipt: None,
        messages: &[],
    },
    Story {
        hours_ago: 24 * 40,
        category: TipCategory::FalseInformation,
        channel: TipChannel::WardPolice,
        urgent: false,
        text: "Công an phường chuyển tin: một trang Facebook đăng tin trường thu thêm khoản phí ngoài quy định.",
        place: "Trang Facebook \"Tin nóng Lào Cai\"",
        contact: Some("Công an phường Cam Đường"),
        steps: &[(
            48,
            TipState::Unfounded,
            "Đối chiếu các khoản thu đã công khai",
            "",
        )],
        assignee: Some("vanphong"),
        receipt: None,
        messages: &[],
    },
    Story {
        hours_ago: 3,
        category: TipCategory::Gambling,
        channel: TipChannel::Portal,
        urgent: false,
        text: "Phòng 305 ký túc xá khu A tổ chức cá độ bóng đá qua mạng, nhiều bạn đã vay tiền để chơi.",
        place: "Phòng 305, ký túc xá khu A",
        contact: None,
        steps: &[],
        assignee: None,
        receipt: None,
        messages: &[],
    },
];

impl super::Tips {
    /// The college's tips, in the demo's one transaction.
    pub(crate) async fn load_demo(
        &self,
        tx: &Tx,
        college: UnitId,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        let key = self.key()?.clone();
        let users = antt_store::user::list(tx, college).await?;
        let user = |name: &str| -> CoreResult<UserId> {
            users
                .iter()
                .find(|u| u.username == name)
                .map(|u| u.id)
                .ok_or_else(|| CoreError::internal(format!("demo account {name}")))
        };
        store::set_handler(tx, college, user("vanphong")?, Some(true)).await?;
        store::set_handler(tx, college, user("ctsv")?, Some(false)).await?;
        let demo_hash = {
            let key = key.clone();
            self.cx
                .hashes()
                .run(move |area| key.receipt_hash(DEMO_RECEIPT, area))
                .await?
                .map_err(CoreError::internal)?
        };
        // Oldest first, so the numbers follow the order of receipt.
        let mut stories: Vec<&Story> = STORIES.iter().collect();
        stories.sort_by_key(|s| std::cmp::Reverse(s.hours_ago));
        let mut received: Vec<(TipCategory, TipId, DateTime<Utc>)> = Vec::new();
        for story in stories {
            let at = now - Duration::hours(story.hours_ago);
            let id = TipId::from_uuid(uuid::Uuid::new_v7(uuid::Timestamp::from_unix(
                uuid::NoContext,
                u64::try_from(at.timestamp()).unwrap_or(0),
                0,
            )));
            let input = TipInput {
                channel: story.channel,
                category: story.category,
                urgent: story.urgent,
                anonymous: story.contact.is_none(),
                description: story.text.into(),
                place: Some(story.place.into()),
                campus_id: None,
                occurred_at: Some(at - Duration::hours(2)),
                contact: story.contact.map(Into::into),
            };
            let recorded_by = match story.channel {
                TipChannel::Portal => None,
                TipChannel::Phone | TipChannel::InPerson => Some(user("baove")?),
                _ => Some(user("vanphong")?),
            };
            self.insert_tip(
                tx,
                college,
                &input,
                &[],
                Intake {
                    id,
                    receipt_hash: story.receipt.map(|_| demo_hash.clone()),
                    recorded_by,
                    at,
                },
            )
            .await?;
            received.push((story.category, id, at));
            if let Some(a) = story.assignee {
                store::assign(tx, college, id, Some(user(a)?)).await?;
            }
            let handler = user(story.assignee.unwrap_or("vanphong"))?;
            for (after, author, text) in story.messages {
                let sealed = key
                    .seal(text.as_bytes(), &seal_context(id, "message"))
                    .map_err(CoreError::internal)?;
                let by = (*author != Author::Reporter).then_some(handler);
                store::add_message(
                    tx,
                    college,
                    id,
                    at + Duration::hours(*after),
                    *author,
                    by,
                    sealed,
                )
                .await?;
            }
            let mut from = TipState::Received;
            for (after, to, reason, detail) in story.steps {
                let when = at + Duration::hours(*after);
                let outcome = (*to == TipState::Resolved).then_some(*detail);
                let police = (*to == TipState::Transferred).then_some(*detail);
                store::set_state(
                    tx,
                    college,
                    id,
                    store::NewState {
                        state: *to,
                        outcome,
                        police_unit: police,
                        closed: to.is_closed().then_some((when, at)),
                    },
                )
                .await?;
                store::add_event(
                    tx,
                    college,
                    id,
                    &TipEvent {
                        at: when,
                        user_id: Some(handler),
                        from,
                        to: *to,
                        reason: (*reason).into(),
                    },
                )
                .await?;
                from = *to;
            }
        }
        load_incidents(tx, college, &received).await
    }
}

/// The register's two closed cases: the drug case the ward police took
/// over, and the phone found on camera; with the people involved and the
/// students disciplined.
async fn load_incidents(
    tx: &Tx,
    college: UnitId,
    received: &[(TipCategory, TipId, DateTime<Utc>)],
) -> CoreResult<()> {
    use antt_domain::incident::{
        Discipline, IncidentInput, Involved, InvolvedRole, Severity, Transfer, ViolationInput,
        ViolationKind,
    };
    use antt_domain::time::local_date;
    use antt_store::incident as incidents;
    let tip = |c: TipCategory| received.iter().find(|(x, _, _)| *x == c).copied();
    if let Some((_, drugs, at)) = tip(TipCategory::Drugs) {
        let occurred = at + Duration::hours(48);
        let (id, _) = incidents::insert(
            tx,
            college,
            &IncidentInput {
                category: TipCategory::Drugs,
                severity: Severity::Serious,
                occurred_at: occurred,
                campus_id: None,
                place: "Cổng sau ký túc xá khu B".into(),
                summary: "Hai đối tượng ngoài trường đi xe máy đến cổng sau ký túc xá, bán ma túy tổng hợp cho sinh viên; tổ bảo vệ phát hiện, giữ chân một đối tượng.".into(),
                actions: "Tổ bảo vệ giữ người, báo ngay Công an phường; Phòng CTSV làm việc với 2 sinh viên liên quan, thông báo gia đình.".into(),
                value_recovered: 0,
            },
            occurred,
        )
        .await?;
        store::link_incident(tx, college, drugs, id).await?;
        let day = local_date(occurred);
        incidents::transfer(
            tx,
            college,
            id,
            &Transfer {
                police_unit: "Công an phường Cam Đường".into(),
                transferred_on: Some(day),
                reference: Some("215/TB-CAP".into()),
                acknowledged_on: day.succ_opt(),
            },
        )
        .await?;
        for (name, role) in [
            (
                "Đối tượng thứ nhất, ngoài trường (Công an phường xác minh)",
                InvolvedRole::Suspect,
            ),
            (
                "Đối tượng thứ hai, ngoài trường (bỏ chạy)",
                InvolvedRole::Suspect,
            ),
            ("Tổ bảo vệ ca tối", InvolvedRole::Witness),
        ] {
            incidents::add_involved(
                tx,
                college,
                id,
                &Involved {
                    id: antt_domain::InvolvedId::new_v7(),
                    person_id: None,
                    name: name.into(),
                    role,
                    note: None,
                },
            )
            .await?;
        }
        // Two students of the demo, not the demo account's own.
        let students: Vec<antt_domain::person::Person> = antt_store::person::all(tx, college)
            .await?
            .into_iter()
            .filter(|p| p.kind == antt_domain::person::PersonKind::Student && p.code != "SV1700001")
            .collect();
        for p in [students.get(40), students.get(137)].into_iter().flatten() {
            incidents::insert_violation(
                tx,
                college,
                &ViolationInput {
                    person_id: p.id,
                    incident_id: Some(id),
                    kind: ViolationKind::SocialEvil,
                    occurred_on: day,
                    description: "Mua, sử dụng trái phép chất ma túy tổng hợp".into(),
                    discipline: Discipline::Reprimand,
                    handling: Some(
                        "Khiển trách trước lớp; gia đình cam kết phối hợp quản lý".into(),
                    ),
                },
                occurred,
            )
            .await?;
        }
        incidents::close(
            tx,
            college,
            id,
            "Công an phường xử phạt hành chính 2 đối tượng, thu 12 viên ma túy tổng hợp; 2 sinh viên bị khiển trách, cam kết không tái phạm.",
            at + Duration::days(20),
        )
        .await?;
    }
    if let Some((_, theft, at)) = tip(TipCategory::Theft) {
        let (id, _) = incidents::insert(
            tx,
            college,
            &IncidentInput {
                category: TipCategory::Theft,
                severity: Severity::Minor,
                occurred_at: at - Duration::hours(2),
                campus_id: None,
                place: "Phòng tự học tầng 2, nhà A".into(),
                summary:
                    "Một điện thoại Samsung A54 để sạc trong phòng tự học bị lấy mất giờ nghỉ trưa."
                        .into(),
                actions:
                    "Trích xuất camera hành lang; xác định sinh viên cầm nhầm, trả lại điện thoại."
                        .into(),
                value_recovered: 6_500_000,
            },
            at,
        )
        .await?;
        store::link_incident(tx, college, theft, id).await?;
        incidents::close(
            tx,
            college,
            id,
            "Đã trả lại điện thoại cho chủ sở hữu; nhắc nhở sinh viên trước lớp.",
            at + Duration::hours(30),
        )
        .await?;
    }
    Ok(())
}
