//! The demo dormitories' days: visitors (one stayed past closing last
//! night, one is inside now), weekly room checks since last month with a
//! few failed items, one breach recorded as a violation, and the rooms of
//! the girls' top floor left a week behind, so some rooms are due.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use antt_domain::dorm_check::{RoomCheck, answer};
use antt_domain::dorm_visit::DormVisit;
use antt_domain::time::{local_date, vietnam_instant};
use antt_domain::visitor::DocumentKind;
use antt_domain::{DormVisitId, RoomCheckId, RoomId, UnitId};
use antt_store::{dorm as store, dorm_check as checks, dorm_visit as visits};

use super::checks::CheckForm;
use crate::error::CoreResult;
use crate::write::Access;
use crate::{Actor, Antt};

/// A visitor: name, relation, days ago, arrived (h, m), left (h, m).
type DemoVisitor = (
    &'static str,
    &'static str,
    i64,
    (u32, u32),
    Option<(u32, u32)>,
);

const VISITORS: &[DemoVisitor] = &[
    ("Lò Văn Pao", "Bố", 6, (14, 10), Some((16, 0))),
    ("Vàng Thị Mỷ", "Mẹ", 6, (15, 20), Some((17, 5))),
    ("Giàng A Sử", "Anh trai", 1, (18, 40), Some((20, 15))),
    ("Tẩn Thị Chiêm", "Mẹ", 1, (19, 5), Some((20, 50))),
    // Still inside past closing time last night.
    ("Sùng Văn Dình", "Chú", 1, (19, 50), Some((21, 25))),
    // Came this morning, still inside.
    ("Hoàng Thị Lan", "Chị gái", 0, (7, 40), None),
];

/// Loads the visitors and room checks of the college's dormitories;
/// `first` is the demo student's room.
pub(crate) async fn load(
    antt: &Antt,
    unit: UnitId,
    first: RoomId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let db = antt.cx.db();
    let today = local_date(now);
    let residences = store::residences_on(db, unit, None).await?;
    let rooms = store::rooms(db, unit).await?;
    let people = antt.cx.cached_people(unit).await?;
    let code_of = |p| {
        people
            .iter()
            .find(|(_, x)| x.id == p)
            .map(|(_, x)| x.code.clone())
            .unwrap_or_default()
    };
    let at = |day: NaiveDate, h: u32, m: u32| {
        vietnam_instant(day.and_hms_opt(h, m, 0).unwrap_or_default())
    };
    let yesterday = today - Duration::days(1);
    let w = antt.cx.write(Access::Server).await?;

    // Visitors: families on Sunday afternoon and yesterday evening.
    for (i, (name, relation, back, (h, m), left)) in VISITORS.iter().enumerate() {
        let Some(r) = residences.get(i * 37 % residences.len().max(1)) else {
            break;
        };
        let Some(room) = rooms.iter().find(|x| x.id == r.room_id) else {
            continue;
        };
        let day = today - Duration::days(*back);
        visits::insert(
            w.tx(),
            &DormVisit {
                id: DormVisitId::new_v7(),
                unit_id: unit,
                building_id: room.building_id,
                resident_id: r.person_id,
                name: (*name).into(),
                relation: (*relation).into(),
                document: Some(DocumentKind::IdCard),
                document_number: format!("{:04}", 1_000 + i * 731 % 9_000),
                arrived_at: at(day, *h, *m),
                left_at: left.map(|(h, m)| at(day, h, m)),
                recorded_by: "Quản sinh".into(),
            },
        )
        .await?;
    }

    // Weekly checks since the start of last month, on Mondays; the girls'
    // top floor was last checked a week ago, so it is due.
    let start = today
        .with_day(1)
        .and_then(|d| d.checked_sub_months(chrono::Months::new(1)))
        .unwrap_or(today);
    let settings = checks::settings(w.tx(), unit).await?;
    let mut mondays = Vec::new();
    let mut d = start;
    while d < today {
        if d.weekday() == chrono::Weekday::Mon {
            mondays.push(d);
        }
        d += Duration::days(1);
    }
    let lived_in: Vec<&antt_domain::dorm::Room> = rooms
        .iter()
        .filter(|r| residences.iter().any(|x| x.room_id == r.id))
        .collect();
    let behind = |r: &antt_domain::dorm::Room| r.floor == 3 && r.name.starts_with('B');
    let mut written = 0usize;
    for (w_i, day) in mondays.iter().enumerate() {
        let last_week = w_i + 1 == mondays.len();
        for (r_i, room) in lived_in.iter().enumerate() {
            if last_week && behind(room) {
                continue;
            }
            // A few items fail now and then, more often in some rooms.
            let failed: Vec<usize> = match (r_i * 7 + w_i * 3) % 11 {
                0 => vec![0],
                1 => vec![1, 2],
                2 => vec![7],
                3 if r_i % 5 == 0 => vec![0, 6],
                _ => Vec::new(),
            };
            let check = RoomCheck {
                id: RoomCheckId::new_v7(),
                unit_id: unit,
                room_id: room.id,
                day: *day,
                answers: answer(&settings.checklist, &failed)?,
                note: String::new(),
                photos: 0,
                checked_by: if room.name.starts_with('A') {
                    "Trưởng phòng CTSV và QLCL"
                } else {
                    "Quản sinh"
                }
                .into(),
                checked_at: at(*day, 19, 30),
            };
            checks::insert(w.tx(), &check, &[]).await?;
            written += 1;
        }
    }
    w.commit(crate::audit::entry(
        &Actor::command_line(),
        Some(unit),
        antt_domain::audit::AuditAction::Create,
        Some((antt_domain::audit::TargetKind::Dorm, "demo-life".into())),
        format!(
            "{} lượt khách thăm, {written} lượt kiểm tra phòng",
            VISITORS.len()
        ),
        Vec::new(),
    ))
    .await?;

    // Yesterday's check of a room across the corridor from the demo
    // student's found a rice cooker: a reminder recorded against the
    // resident who owned it, through the check itself.
    let building = rooms.iter().find(|x| x.id == first).map(|x| x.building_id);
    let Some(room) = lived_in
        .iter()
        .find(|r| r.id != first && Some(r.building_id) == building)
    else {
        return Ok(());
    };
    let Some(owner) = residences
        .iter()
        .filter(|r| r.room_id == room.id)
        .max_by_key(|r| r.bed)
    else {
        return Ok(());
    };
    let head = Actor {
        name: "ctsv".into(),
        display_name: "Trưởng phòng CTSV và QLCL".into(),
        ..Actor::command_line()
    };
    antt.dorms()
        .record_check(
            &head,
            unit,
            room.id,
            CheckForm {
                day: yesterday.to_string(),
                failed: vec![3],
                note: "Thu giữ 01 nồi cơm điện, bàn giao gia đình khi đến thăm.".into(),
                breach: vec![code_of(owner.person_id)],
                discipline: "reminder".into(),
                ..CheckForm::default()
            },
        )
        .await?;
    Ok(())
}
