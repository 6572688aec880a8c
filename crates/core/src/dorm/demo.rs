//! The college's dormitories in the demo: two buildings (boys in Nhà A,
//! girls in Nhà B) of three floors with twelve rooms of eight beds each,
//! the boarding students placed by the suggestion, the board (the head of
//! student affairs leads it and supervises Nhà A, the deputy Nhà B), a
//! month of roll calls with a few absences (one student absent two nights
//! running, one not back from leave), leave requests in every state, and
//! last night with two rooms never called.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use antt_domain::dorm::{Leave, LeaveState, Mark, RollMark};
use antt_domain::person::{Gender, Person};
use antt_domain::time::{local_date, vietnam_instant};
use antt_domain::{CampusId, LeaveId, PersonId, RoomId, UnitId};
use antt_store::dorm as store;

use super::rollcall::MarkInput;
use super::{BuildingForm, RoomForm};
use crate::error::{CoreError, CoreResult};
use crate::write::Access;
use crate::{Actor, Antt};

/// The day the boarders moved in for the school year.
fn moved_in(today: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let year = if today.month() >= 9 {
        today.year()
    } else {
        today.year() - 1
    };
    NaiveDate::from_ymd_opt(year, 9, 5).unwrap_or(today)
}

/// Loads the college's dormitories.
pub(crate) async fn load(
    antt: &Antt,
    unit: UnitId,
    campus: CampusId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let office = Actor {
        display_name: "Văn phòng - Trường CĐ Lào Cai".into(),
        ..Actor::command_line()
    };
    let d = antt.dorms();
    let db = antt.cx.db();
    let today = local_date(now);
    let head = antt_store::user::credentials(db, "ctsv")
        .await?
        .and_then(|(u, _)| u.person_id)
        .ok_or_else(|| CoreError::internal("the demo's head of student affairs has no person"))?;
    let head = antt_store::person::get(db, unit, head).await?;
    let people = antt.cx.cached_people(unit).await?;
    let deputy = people
        .iter()
        .map(|(_, p)| p)
        .find(|p| {
            p.department_id == head.department_id
                && p.position.as_deref() == Some("Phó trưởng phòng")
        })
        .ok_or_else(|| CoreError::internal("the demo's student affairs office has no deputy"))?;
    d.put_board_member(&office, unit, &head.code, "Trưởng ban quản lý ký túc xá")
        .await?;
    d.put_board_member(&office, unit, &deputy.code, "Quản sinh")
        .await?;
    // The demo's student account leads the first room of their building,
    // which the head of the board supervises.
    let student = antt_store::person::by_code(db, unit, "SV1700001")
        .await?
        .ok_or_else(|| CoreError::internal("the demo's student is missing"))?;
    let theirs = student.gender.unwrap_or(Gender::Male);
    let mut rooms_of: HashMap<Gender, Vec<RoomId>> = HashMap::new();
    for (name, gender) in [("Nhà A", Gender::Male), ("Nhà B", Gender::Female)] {
        let supervisor = if gender == theirs {
            &head.code
        } else {
            &deputy.code
        };
        let b = d
            .put_building(
                &office,
                unit,
                None,
                &BuildingForm {
                    name: name.into(),
                    campus: campus.to_string(),
                    supervisor: supervisor.clone(),
                },
            )
            .await?;
        let letter = &name[name.len() - 1..];
        for floor in 1..=3 {
            for n in 1..=12 {
                let room = d
                    .put_room(
                        &office,
                        unit,
                        b,
                        None,
                        &RoomForm {
                            name: format!("{letter}{floor}{n:02}"),
                            floor: floor.to_string(),
                            capacity: "8".into(),
                            gender: gender.code().into(),
                            leader: String::new(),
                        },
                    )
                    .await?;
                rooms_of.entry(gender).or_default().push(room);
            }
        }
    }

    // The suggestion fills the student's room with their classmates.
    let from = moved_in(today);
    let first = rooms_of
        .get(&theirs)
        .and_then(|r| r.first().copied())
        .ok_or_else(|| CoreError::internal("no room"))?;
    d.assign(&office, unit, &student.code, first, Some(1), from)
        .await?;
    d.place_waiting(&office, unit, from, false).await?;

    // A classmate of the demo student lives across the corridor: the
    // stories of absences below are about them, so both the head of the
    // board and the homeroom teacher hear of them.
    let residences = store::residences_on(db, unit, None).await?;
    let same_class = |p: &PersonId| {
        people
            .iter()
            .find(|(_, x)| x.id == *p)
            .is_some_and(|(_, x)| x.class_id == student.class_id)
    };
    let mates_in_first: Vec<PersonId> = residences
        .iter()
        .filter(|r| r.room_id == first && r.person_id != student.id && same_class(&r.person_id))
        .map(|r| r.person_id)
        .collect();
    let building_rooms = rooms_of.get(&theirs).cloned().unwrap_or_default();
    let mate_elsewhere = residences.iter().any(|r| {
        r.room_id != first && building_rooms.contains(&r.room_id) && same_class(&r.person_id)
    });
    if !mate_elsewhere && let Some(mate) = mates_in_first.last() {
        let full: Vec<RoomId> = building_rooms
            .iter()
            .copied()
            .filter(|room| residences.iter().filter(|r| r.room_id == *room).count() >= 8)
            .collect();
        if let Some(room) = building_rooms
            .iter()
            .find(|r| **r != first && !full.contains(r))
        {
            let code = people
                .iter()
                .find(|(_, x)| x.id == *mate)
                .map(|(_, x)| x.code.clone())
                .unwrap_or_default();
            d.assign(&office, unit, &code, *room, None, from).await?;
        }
    }
    // Every room's leader: the demo's student in theirs, else bed 1.
    let residences = store::residences_on(db, unit, None).await?;
    let w = antt.cx.write(Access::Server).await?;
    for mut room in store::rooms(w.tx(), unit).await? {
        let leader = if room.id == first {
            Some(student.id)
        } else {
            residences
                .iter()
                .filter(|r| r.room_id == room.id)
                .min_by_key(|r| r.bed)
                .map(|r| r.person_id)
        };
        room.leader_id = leader;
        store::put_room(w.tx(), &room).await?;
    }
    w.commit(crate::audit::entry(
        &office,
        Some(unit),
        antt_domain::audit::AuditAction::Update,
        Some((antt_domain::audit::TargetKind::Dorm, "leaders".into())),
        "Trưởng phòng các phòng ở",
        Vec::new(),
    ))
    .await?;
    history(antt, unit, first, &student, now).await?;
    super::demo_life::load(antt, unit, first, now).await?;
    papers(antt, unit, from, now).await
}

/// Temporary-residence papers: most boarders registered for the school
/// year; a few new arrivals not yet registered, a few without their
/// number yet, and a few registered for a short stay lapsing this month.
async fn papers(antt: &Antt, unit: UnitId, from: NaiveDate, now: DateTime<Utc>) -> CoreResult<()> {
    use chrono::Datelike;
    const COMMUNES: &[&str] = &[
        "Xã Bản Lầu, tỉnh Lào Cai",
        "Xã Tả Van, tỉnh Lào Cai",
        "Xã Mường Hum, tỉnh Lào Cai",
        "Xã Bảo Nhai, tỉnh Lào Cai",
        "Xã Phong Niên, tỉnh Lào Cai",
        "Xã Cốc San, tỉnh Lào Cai",
        "Xã Si Ma Cai, tỉnh Lào Cai",
        "Xã Văn Bàn, tỉnh Lào Cai",
    ];
    let key = antt.cx.key()?.clone();
    let db = antt.cx.db();
    let today = local_date(now);
    let year_end = NaiveDate::from_ymd_opt(from.year() + 1, 5, 31).unwrap_or(today);
    let mut residents = store::residences_on(db, unit, None).await?;
    residents.sort_by_key(|r| (r.room_id, r.bed));
    let people = antt.cx.cached_people(unit).await?;
    let w = antt.cx.write(Access::Server).await?;
    for (i, r) in residents.iter().enumerate() {
        if i % 97 == 5 {
            continue; // the number not handed in yet
        }
        let Some((_, p)) = people.iter().find(|(_, p)| p.id == r.person_id) else {
            continue;
        };
        let century = match p.gender {
            Some(Gender::Female) => 3,
            _ => 2,
        };
        let born = p.birth_date.map_or(6, |b| b.year() % 100);
        let number = format!("010{century}{born:02}{:06}", 100_000 + i * 37);
        let (registered_on, expires_on) = match i % 61 {
            7 => (None, None),
            19 => (
                Some(today - Duration::days(70)),
                Some(today + Duration::days(12)),
            ),
            _ => (Some(from + Duration::days(5)), Some(year_end)),
        };
        let row = uuid::Uuid::now_v7();
        let sealed = key
            .seal(number.as_bytes(), &super::papers::seal_context(row))
            .map_err(CoreError::internal)?;
        store::put_papers(
            w.tx(),
            unit,
            row,
            &antt_domain::dorm::ResidencePapers {
                person_id: r.person_id,
                id_tail: number[number.len() - 4..].to_owned(),
                permanent_address: COMMUNES[i % COMMUNES.len()].to_owned(),
                registered_on,
                expires_on,
            },
            sealed,
            "ctsv",
            now,
        )
        .await?;
    }
    w.commit(crate::audit::entry(
        &Actor::command_line(),
        Some(unit),
        antt_domain::audit::AuditAction::Create,
        Some((antt_domain::audit::TargetKind::Dorm, "papers".into())),
        format!("Giấy tờ tạm trú của {} HSSV nội trú", residents.len()),
        Vec::new(),
    ))
    .await
}

/// A month of nights, the leave of the demo's students, and last night.
async fn history(
    antt: &Antt,
    unit: UnitId,
    first: RoomId,
    student: &Person,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let db = antt.cx.db();
    let residences = store::residences_on(db, unit, None).await?;
    let times = store::times(db, unit).await?;
    let last_night = super::night_of(now);
    let people = antt.cx.cached_people(unit).await?;
    let by_id: HashMap<PersonId, &Person> = people.iter().map(|(_, p)| (p.id, p)).collect();
    // The students the demo's stories are about, from rooms other than the
    // demo student's own: the first is a classmate of theirs, so their
    // homeroom teacher hears of the absences.
    // They live in the demo student's building, which the head of the
    // board supervises, so the head hears of them too.
    let building_of: HashMap<RoomId, antt_domain::BuildingId> = store::rooms(db, unit)
        .await?
        .into_iter()
        .map(|r| (r.id, r.building_id))
        .collect();
    let theirs = building_of.get(&first).copied();
    let mut others: Vec<(PersonId, RoomId)> = residences
        .iter()
        .filter(|r| r.room_id != first && building_of.get(&r.room_id).copied() == theirs)
        .map(|r| (r.person_id, r.room_id))
        .collect();
    others.sort_by_key(|(p, _)| {
        let classmate = by_id.get(p).and_then(|x| x.class_id) == student.class_id;
        (!classmate, by_id.get(p).map(|x| x.code.clone()))
    });
    let pick = |i: usize| others.get(i * 9).copied();
    let (Some(twice), Some(not_back), Some(out), Some(late), Some(back), Some(once)) =
        (pick(0), pick(1), pick(2), pick(3), pick(4), pick(5))
    else {
        return Ok(());
    };
    let (asked, refused, cancelled) = (pick(6), pick(7), pick(8));
    let at = |night: NaiveDate, h: u32, m: u32| {
        vietnam_instant(night.and_hms_opt(h, m, 0).unwrap_or_default())
    };
    let day = |back: i64| last_night - Duration::days(back);
    let leave = |person: PersonId,
                 from: DateTime<Utc>,
                 until: DateTime<Utc>,
                 where_to: &str,
                 why: &str,
                 state: LeaveState| Leave {
        id: LeaveId::new_v7(),
        unit_id: unit,
        person_id: person,
        from,
        until,
        destination: where_to.into(),
        reason: why.into(),
        state,
        asked_by: by_id
            .get(&person)
            .map(|p| p.code.to_lowercase())
            .unwrap_or_default(),
        asked_at: from - Duration::days(2),
        decided_by: (state != LeaveState::Asked && state != LeaveState::Cancelled)
            .then(|| "Trưởng phòng CTSV và QLCL".to_owned()),
        decided_at: (state != LeaveState::Asked && state != LeaveState::Cancelled)
            .then_some(from - Duration::days(1)),
        decision_note: String::new(),
        late: false,
        returned_at: None,
    };
    let mut leaves = vec![
        leave(
            out.0,
            at(day(0), 17, 0),
            at(day(-2), 18, 0),
            "Về nhà – xã Bản Lầu, huyện Mường Khương",
            "Về dự đám cưới anh trai",
            LeaveState::Approved,
        ),
        // Due back at 07:00 on the day of last night's call: past at any
        // hour the demo is loaded, so "not back" holds in the afternoon too.
        leave(
            not_back.0,
            at(day(2), 16, 30),
            at(day(0), 7, 0),
            "Về nhà – xã Tả Van, thị xã Sa Pa",
            "Ốm, về nhà điều trị",
            LeaveState::Approved,
        ),
        Leave {
            returned_at: Some(at(day(11), 19, 40)),
            ..leave(
                back.0,
                at(day(12), 17, 0),
                at(day(11), 20, 0),
                "Bệnh viện Đa khoa tỉnh",
                "Khám mắt định kỳ",
                LeaveState::Approved,
            )
        },
        Leave {
            late: true,
            asked_at: at(day(7), 7, 30),
            decided_at: Some(at(day(8), 7, 30)),
            returned_at: Some(at(day(7), 6, 45)),
            ..leave(
                late.0,
                at(day(8), 21, 29),
                at(day(7), 6, 45),
                "Ghi phép muộn",
                "Ở lại bệnh viện chăm bố ốm, đã báo giáo viên chủ nhiệm qua điện thoại",
                LeaveState::Approved,
            )
        },
    ];
    if let Some(p) = asked {
        leaves.push(Leave {
            asked_at: now - Duration::hours(14),
            ..leave(
                p.0,
                at(day(-6), 17, 0),
                at(day(-8), 17, 0),
                "Về nhà – phường Cam Đường",
                "Về quê cuối tuần",
                LeaveState::Asked,
            )
        });
    }
    if let Some(p) = refused {
        leaves.push(Leave {
            decision_note: "Chưa có xác nhận của phụ huynh".into(),
            ..leave(
                p.0,
                at(day(5), 19, 0),
                at(day(5), 23, 30),
                "Sinh nhật bạn ở phường Kim Tân",
                "Đi sinh nhật bạn",
                LeaveState::Refused,
            )
        });
    }
    if let Some(p) = cancelled {
        leaves.push(leave(
            p.0,
            at(day(3), 17, 0),
            at(day(1), 17, 0),
            "Về nhà – xã Cốc San",
            "Về quê",
            LeaveState::Cancelled,
        ));
    }
    let leave_of = |p: PersonId, night: NaiveDate| {
        leaves
            .iter()
            .find(|l| l.person_id == p && l.covers(times.call_at(night)))
            .map(|l| l.id)
    };
    let room_leader = |room: RoomId| {
        if room == first { "sinhvien" } else { "ctsv" }
    };
    // The second room left uncalled last night: the last room anyone
    // lives in, besides those of the stories.
    let silent = residences
        .iter()
        .map(|r| r.room_id)
        .filter(|r| *r != first && *r != twice.1 && *r != not_back.1)
        .max();
    let mut marks = Vec::new();
    for back in 0..30 {
        let night = day(back);
        for r in &residences {
            if night < r.from || (back == 0 && (r.room_id == first || Some(r.room_id) == silent)) {
                continue;
            }
            let p = r.person_id;
            let mark = if let Some(l) = leave_of(p, night) {
                (Mark::OnLeave, Some(l))
            } else if (p == twice.0 && back <= 1)
                || (p == not_back.0 && back == 0)
                || (p == once.0 && back == 17)
            {
                (Mark::Absent, None)
            } else {
                (Mark::Present, None)
            };
            marks.push(RollMark {
                night,
                person_id: p,
                room_id: r.room_id,
                mark: mark.0,
                leave_id: mark.1,
                note: String::new(),
                marked_by: room_leader(r.room_id).into(),
                marked_at: at(night, 21, 40),
            });
        }
    }
    // Last night's absences go through the roll call itself, so the
    // supervisor and the homeroom teacher are alerted as they would be.
    let (tonight, before): (Vec<RollMark>, Vec<RollMark>) = marks
        .into_iter()
        .partition(|m| m.night == last_night && (m.room_id == twice.1 || m.room_id == not_back.1));
    let w = antt.cx.write(Access::Server).await?;
    for l in &leaves {
        store::put_leave(w.tx(), l).await?;
    }
    store::put_marks(w.tx(), unit, &before).await?;
    w.commit(crate::audit::entry(
        &Actor::command_line(),
        Some(unit),
        antt_domain::audit::AuditAction::Create,
        Some((antt_domain::audit::TargetKind::Dorm, "demo".into())),
        format!("Điểm danh tối 30 đêm, {} đơn xin phép", leaves.len()),
        Vec::new(),
    ))
    .await?;
    let board = Actor {
        name: "ctsv".into(),
        display_name: "Trưởng phòng CTSV và QLCL".into(),
        ..Actor::command_line()
    };
    for room in [twice.1, not_back.1] {
        let sent: Vec<MarkInput> = tonight
            .iter()
            .filter(|m| m.room_id == room)
            .map(|m| MarkInput {
                person: m.person_id,
                mark: m.mark,
                note: String::new(),
            })
            .collect();
        if !sent.is_empty() {
            antt.dorms()
                .call(&board, unit, room, last_night, &sent, None)
                .await?;
        }
    }
    Ok(())
}
