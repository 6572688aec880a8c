//! Boarding students: the demo's dormitories and last night, a room
//! leader's roll call alerting the supervisor and the homeroom teacher, a
//! leave recorded late, two callers at once, leave asked and decided, and
//! residents placed, moved and imported, with the refusals that change
//! nothing.

use chrono::{Duration, NaiveDate};

use antt_core::CoreError;
use antt_core::dorm::leave::LeaveForm;
use antt_core::dorm::rollcall::MarkInput;
use antt_domain::ErrorCode;
use antt_domain::dorm::{AlertKind, LeaveState, Mark};

use super::{actor, demos, unit_id};

fn night() -> NaiveDate {
    // The test clock is 21/11/2026 08:00: last night is still "tonight".
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn invalid(e: &CoreError) -> Option<(&'static str, ErrorCode)> {
    match e {
        CoreError::Invalid(v) => v.iter().next().map(|x| (x.field, x.code)),
        _ => None,
    }
}

#[tokio::test]
async fn the_demo_dormitory_shows_last_night_at_a_glance() {
    for d in demos().await {
        let head = actor(&d.antt, "ctsv").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let dorms = d.antt.dorms();
        assert_eq!(dorms.tonight(), night());
        let s = dorms.standing(&head, cdlc).await.unwrap();
        assert!(s.board, "the head of student affairs leads the board");
        let setup = dorms.setup(&head, cdlc).await.unwrap();
        assert_eq!(setup.buildings.len(), 2);
        assert_eq!(setup.rooms.len(), 72);
        assert_eq!(setup.board.len(), 2);

        let v = dorms.night(&head, cdlc, night()).await.unwrap();
        assert!(v.past_deadline);
        assert!(
            (400..650).contains(&v.tally.residents),
            "{} residents",
            v.tally.residents
        );
        // Two rooms were never called; everyone else was.
        let late: Vec<_> = v.late_rooms().collect();
        assert_eq!(late.len(), 2, "{late:?}");
        assert_eq!(
            v.tally.unmarked(),
            late.iter().map(|(_, r)| r.tally.residents).sum::<usize>()
        );
        // Two absent without leave: one for the second night running, one
        // whose leave ended at 07:00 that day and who is not back.
        assert_eq!(v.absent.len(), 2, "{:?}", v.absent);
        assert!(v.absent[0].twice && !v.absent[1].twice);
        assert_eq!(v.not_back.len(), 1);
        assert_eq!(v.not_back[0].1.id, v.absent[1].person.id);
        assert!(v.tally.on_leave >= 1);

        // The supervisor of the building and the homeroom teacher were told.
        let gvcn = actor(&d.antt, "gvcn").await;
        let theirs = dorms.alerts(&gvcn, cdlc).await.unwrap();
        assert!(
            theirs
                .iter()
                .any(|a| a.person.id == v.absent[0].person.id && a.alert.kind == AlertKind::Absent),
            "{theirs:?}"
        );
        let mine = dorms.my_boarders(&gvcn, cdlc, night()).await.unwrap();
        assert!(
            mine.absent
                .iter()
                .all(|a| a.person.class_id == v.absent[0].person.class_id)
        );
        assert!(!mine.absent.is_empty());

        // Leave in every state.
        let leave = dorms.leave_board(&head, cdlc).await.unwrap();
        assert_eq!(leave.asked.len(), 1);
        assert_eq!(leave.not_back.len(), 1);
        assert!(!leave.out.is_empty());
        let states: Vec<LeaveState> = leave.recent.iter().map(|(l, _)| l.state).collect();
        for s in [
            LeaveState::Refused,
            LeaveState::Cancelled,
            LeaveState::Approved,
        ] {
            assert!(states.contains(&s), "{s:?} in {states:?}");
        }
        assert!(leave.recent.iter().any(|(l, _)| l.late));

        // A student sees only their own leave, and not the night.
        let student = actor(&d.antt, "sinhvien").await;
        let own = dorms.leave_board(&student, cdlc).await.unwrap();
        assert!(own.asked.is_empty() && own.not_back.is_empty());
        assert!(matches!(
            dorms.night(&student, cdlc, night()).await,
            Err(CoreError::Forbidden)
        ));
    }
}

#[tokio::test]
async fn a_room_leader_calls_the_roll_and_an_absence_is_told_at_once() {
    for d in demos().await {
        let leader = actor(&d.antt, "sinhvien").await;
        let head = actor(&d.antt, "ctsv").await;
        let gvcn = actor(&d.antt, "gvcn").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let dorms = d.antt.dorms();
        let rooms = dorms.my_rooms(&leader, cdlc).await.unwrap();
        assert_eq!(rooms.len(), 1);
        let (room, _, tally) = &rooms[0];
        assert!(tally.residents >= 2 && tally.unmarked() == tally.residents);
        let sheet = dorms.sheet(&leader, cdlc, room.id, night()).await.unwrap();
        let missing = sheet.lines[1].person.clone();
        let marks = |absent: Mark| -> Vec<MarkInput> {
            sheet
                .lines
                .iter()
                .map(|l| MarkInput {
                    person: l.person.id,
                    mark: if l.person.id == missing.id {
                        absent
                    } else {
                        Mark::Present
                    },
                    note: String::new(),
                })
                .collect()
        };

        // "Out with leave" without an approved leave is refused, nothing saved.
        let e = dorms
            .call(
                &leader,
                cdlc,
                room.id,
                night(),
                &marks(Mark::OnLeave),
                Some(sheet.read_at),
            )
            .await
            .unwrap_err();
        assert_eq!(invalid(&e), Some(("mark", ErrorCode::NotAllowed)));
        let again = dorms.sheet(&leader, cdlc, room.id, night()).await.unwrap();
        assert!(again.lines.iter().all(|l| l.mark.is_none()));
        // Another room's leader (a student not leading this room) cannot call it.
        let other = dorms.setup(&head, cdlc).await.unwrap().rooms[5].id;
        assert!(dorms.sheet(&leader, cdlc, other, night()).await.is_err());
        // Tomorrow's night cannot be called yet.
        let e = dorms
            .call(
                &leader,
                cdlc,
                room.id,
                night() + Duration::days(1),
                &marks(Mark::Absent),
                None,
            )
            .await
            .unwrap_err();
        assert_eq!(invalid(&e), Some(("night", ErrorCode::InFuture)));

        let out = dorms
            .call(
                &leader,
                cdlc,
                room.id,
                night(),
                &marks(Mark::Absent),
                Some(sheet.read_at),
            )
            .await
            .unwrap();
        assert_eq!(out.saved, sheet.lines.len());
        assert!(
            out.alerted >= 2,
            "the supervisor and the homeroom teacher: {out:?}"
        );
        for who in [&head, &gvcn] {
            let alerts = dorms.alerts(who, cdlc).await.unwrap();
            let a = alerts
                .iter()
                .find(|a| a.person.id == missing.id)
                .unwrap_or_else(|| panic!("{} not told: {alerts:?}", who.name));
            assert!(!a.alert.read);
        }
        // Sending the same marks again alerts nobody twice.
        let out = dorms
            .call(&leader, cdlc, room.id, night(), &marks(Mark::Absent), None)
            .await
            .unwrap();
        assert_eq!(out.alerted, 0);
        let v = dorms.night(&head, cdlc, night()).await.unwrap();
        assert!(v.absent.iter().any(|a| a.person.id == missing.id));
        assert_eq!(v.late_rooms().count(), 1, "the room is called now");

        // The homeroom teacher records the leave late: the mark becomes
        // "out with leave", and the leave shows as back.
        let e = dorms
            .record_late_leave(&gvcn, cdlc, missing.id, night(), "21/11/2026 06:30", "")
            .await
            .unwrap_err();
        assert_eq!(invalid(&e), Some(("reason", ErrorCode::Required)));
        dorms
            .record_late_leave(
                &gvcn,
                cdlc,
                missing.id,
                night(),
                "21/11/2026 06:30",
                "Về nhà lấy đồ, quên xin phép; đã về lúc 6 giờ 30",
            )
            .await
            .unwrap();
        let sheet = dorms.sheet(&head, cdlc, room.id, night()).await.unwrap();
        let line = sheet
            .lines
            .iter()
            .find(|l| l.person.id == missing.id)
            .unwrap();
        let mark = line.mark.as_ref().unwrap();
        assert_eq!(mark.mark, Mark::OnLeave);
        assert!(mark.leave_id.is_some());
        let board = dorms.leave_board(&head, cdlc).await.unwrap();
        let (l, _) = board
            .recent
            .iter()
            .find(|(l, _)| l.person_id == missing.id)
            .unwrap();
        assert!(l.late && l.returned_at.is_some());
        // A second time there is no absence left to explain.
        let e = dorms
            .record_late_leave(&head, cdlc, missing.id, night(), "21/11/2026 06:30", "x")
            .await
            .unwrap_err();
        assert_eq!(invalid(&e), Some(("night", ErrorCode::WrongState)));
    }
}

#[tokio::test]
async fn two_callers_at_once_keep_the_mark_made_after_the_other_read_the_sheet() {
    for d in demos().await {
        let leader = actor(&d.antt, "sinhvien").await;
        let head = actor(&d.antt, "ctsv").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let dorms = d.antt.dorms();
        let room = dorms.my_rooms(&leader, cdlc).await.unwrap()[0].0.id;
        // Both open the sheet; the leader sends first with one absent.
        let seen_by_head = dorms.sheet(&head, cdlc, room, night()).await.unwrap();
        let seen_by_leader = dorms.sheet(&leader, cdlc, room, night()).await.unwrap();
        let absent = seen_by_leader.lines[0].person.id;
        d.clock.advance(Duration::seconds(20));
        let all =
            |sheet: &antt_core::dorm::rollcall::RollSheet, absent: Option<_>| -> Vec<MarkInput> {
                sheet
                    .lines
                    .iter()
                    .map(|l| MarkInput {
                        person: l.person.id,
                        mark: if Some(l.person.id) == absent {
                            Mark::Absent
                        } else {
                            Mark::Present
                        },
                        note: String::new(),
                    })
                    .collect()
            };
        dorms
            .call(
                &leader,
                cdlc,
                room,
                night(),
                &all(&seen_by_leader, Some(absent)),
                Some(seen_by_leader.read_at),
            )
            .await
            .unwrap();
        d.clock.advance(Duration::seconds(20));
        // The supervisor's form, read before, says everyone is present.
        let out = dorms
            .call(
                &head,
                cdlc,
                room,
                night(),
                &all(&seen_by_head, None),
                Some(seen_by_head.read_at),
            )
            .await
            .unwrap();
        assert_eq!(out.kept.len(), 1, "{out:?}");
        assert_eq!(out.kept[0].1.mark, Mark::Absent);
        let now = dorms.sheet(&head, cdlc, room, night()).await.unwrap();
        let line = now.lines.iter().find(|l| l.person.id == absent).unwrap();
        assert_eq!(line.mark.as_ref().unwrap().mark, Mark::Absent);
        assert!(now.lines.iter().all(|l| l.mark.is_some()), "no mark lost");
        // Read again, the supervisor may change it.
        let out = dorms
            .call(
                &head,
                cdlc,
                room,
                night(),
                &all(&now, None),
                Some(now.read_at),
            )
            .await
            .unwrap();
        assert!(out.kept.is_empty());
    }
}

/// The rooms call at the same moment: their calls share one write, each
/// keeps its own audit entry, and the one refused is undone alone.
#[tokio::test]
async fn rooms_calling_at_once_are_saved_together_and_a_refused_call_is_undone_alone() {
    for d in demos().await {
        let head = actor(&d.antt, "ctsv").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let dorms = d.antt.dorms();
        let mut sheets = Vec::new();
        for room in dorms.setup(&head, cdlc).await.unwrap().rooms {
            let sheet = dorms.sheet(&head, cdlc, room.id, night()).await.unwrap();
            if !sheet.lines.is_empty() {
                sheets.push(sheet);
            }
            if sheets.len() == 12 {
                break;
            }
        }
        assert_eq!(sheets.len(), 12);
        // In one room, someone is marked out with leave they do not have.
        let (refused, wrong) = sheets
            .iter()
            .enumerate()
            .skip(5)
            .find_map(|(i, s)| {
                let line = s.lines.iter().find(|l| l.leave.is_none())?;
                Some((i, line.person.id))
            })
            .unwrap();
        let refused_before: Vec<_> = sheets[refused]
            .lines
            .iter()
            .map(|l| l.mark.clone())
            .collect();
        let entries = d.antt.audit().verify_chain().await.unwrap().entries;
        let mut calls = Vec::new();
        for sheet in &sheets {
            let marks: Vec<MarkInput> = sheet
                .lines
                .iter()
                .map(|l| MarkInput {
                    person: l.person.id,
                    mark: if l.person.id == wrong {
                        Mark::OnLeave
                    } else {
                        Mark::Present
                    },
                    note: String::new(),
                })
                .collect();
            let (dorms, head, room, read_at) =
                (dorms.clone(), head.clone(), sheet.room.id, sheet.read_at);
            calls.push(tokio::spawn(async move {
                dorms
                    .call(&head, cdlc, room, night(), &marks, Some(read_at))
                    .await
            }));
        }
        for (i, call) in calls.into_iter().enumerate() {
            let answer = call.await.unwrap();
            if i == refused {
                let e = answer.unwrap_err();
                assert_eq!(invalid(&e), Some(("mark", ErrorCode::NotAllowed)), "{e:?}");
            } else {
                assert_eq!(answer.unwrap().saved, sheets[i].lines.len());
            }
        }
        for (i, sheet) in sheets.iter().enumerate() {
            let now = dorms
                .sheet(&head, cdlc, sheet.room.id, night())
                .await
                .unwrap();
            if i == refused {
                let marks: Vec<_> = now.lines.iter().map(|l| l.mark.clone()).collect();
                assert_eq!(marks, refused_before, "{}: nothing of it kept", d.t.backend);
            } else {
                assert!(
                    now.lines
                        .iter()
                        .all(|l| l.mark.as_ref().is_some_and(|m| m.mark == Mark::Present)),
                    "{}: room {i}",
                    d.t.backend
                );
            }
        }
        let report = d.antt.audit().verify_chain().await.unwrap();
        assert!(
            report.problems.is_empty(),
            "{}: {:?}",
            d.t.backend,
            report.problems
        );
        assert_eq!(
            report.entries,
            entries + 11,
            "{}: one entry a call kept",
            d.t.backend
        );
    }
}

#[tokio::test]
async fn a_student_asks_for_leave_and_the_homeroom_teacher_decides() {
    for d in demos().await {
        let student = actor(&d.antt, "sinhvien").await;
        let gvcn = actor(&d.antt, "gvcn").await;
        let guard = actor(&d.antt, "baove").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let dorms = d.antt.dorms();
        let form = LeaveForm {
            from: "2026-11-21T17:00".into(),
            until: "2026-11-23T17:00".into(),
            destination: "Về nhà – xã Bản Phiệt".into(),
            reason: "Về quê cuối tuần".into(),
        };
        let e = dorms
            .ask_leave(
                &student,
                cdlc,
                &LeaveForm {
                    until: "2026-11-20T17:00".into(),
                    ..form.clone()
                },
            )
            .await
            .unwrap_err();
        assert_eq!(invalid(&e), Some(("until", ErrorCode::EndsBeforeStart)));
        let id = dorms.ask_leave(&student, cdlc, &form).await.unwrap();
        let own = dorms.leave_board(&student, cdlc).await.unwrap();
        assert_eq!(own.asked.len(), 1);
        // Neither a guard nor a refusal without a reason decides it.
        assert!(
            dorms
                .decide_leave(&guard, cdlc, id, true, "")
                .await
                .is_err()
        );
        let e = dorms
            .decide_leave(&gvcn, cdlc, id, false, " ")
            .await
            .unwrap_err();
        assert_eq!(invalid(&e), Some(("note", ErrorCode::Required)));
        dorms.decide_leave(&gvcn, cdlc, id, true, "").await.unwrap();
        let e = dorms
            .decide_leave(&gvcn, cdlc, id, false, "x")
            .await
            .unwrap_err();
        assert_eq!(invalid(&e), Some(("state", ErrorCode::WrongState)));
        assert!(dorms.cancel_leave(&student, cdlc, id).await.is_err());

        // That night's roll call shows the leave, and "out with leave" is
        // accepted for them.
        d.clock.advance(Duration::hours(13)); // 21/11 21:00
        let room = dorms.my_rooms(&student, cdlc).await.unwrap()[0].0.id;
        let tonight = dorms.tonight();
        let sheet = dorms.sheet(&student, cdlc, room, tonight).await.unwrap();
        let me = sheet
            .lines
            .iter()
            .find(|l| l.leave.as_ref().is_some_and(|l| l.id == id))
            .expect("the leave on the sheet");
        let marks: Vec<MarkInput> = sheet
            .lines
            .iter()
            .map(|l| MarkInput {
                person: l.person.id,
                mark: if l.person.id == me.person.id {
                    Mark::OnLeave
                } else {
                    Mark::Present
                },
                note: String::new(),
            })
            .collect();
        let out = dorms
            .call(&student, cdlc, room, tonight, &marks, Some(sheet.read_at))
            .await
            .unwrap();
        assert_eq!(out.alerted, 0);
        // Back early: marked back by the leader.
        dorms.returned(&student, cdlc, id).await.unwrap();
        let (l, _) = dorms.leave(&gvcn, cdlc, id).await.unwrap();
        assert!(l.returned_at.is_some());
    }
}

#[tokio::test]
async fn residents_are_placed_moved_out_and_imported_from_a_sheet() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let dorms = d.antt.dorms();
        let setup = dorms.setup(&office, cdlc).await.unwrap();
        let residents = dorms.residents(&office, cdlc).await.unwrap();
        let (someone, room) = residents
            .iter()
            .find(|(r, _)| r.residence.bed == 2)
            .map(|(r, room)| (r.person.clone(), room.clone()))
            .unwrap();
        // A room of the other gender refuses them.
        let other = setup
            .rooms
            .iter()
            .find(|r| r.gender != room.gender)
            .unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let e = dorms
            .assign(&office, cdlc, &someone.code, other.id, None, today)
            .await
            .unwrap_err();
        assert_eq!(invalid(&e), Some(("gender", ErrorCode::NotAllowed)));
        // A taken bed is refused; a free one in a room of their building moves them.
        let full = residents
            .iter()
            .find(|(r, x)| x.gender == room.gender && x.id != room.id && r.residence.bed == 1)
            .unwrap();
        let e = dorms
            .assign(&office, cdlc, &someone.code, full.1.id, Some(1), today)
            .await
            .unwrap_err();
        assert_eq!(invalid(&e), Some(("bed", ErrorCode::Duplicate)));
        let spare = setup
            .rooms
            .iter()
            .filter(|r| r.gender == room.gender)
            .find(|r| !residents.iter().any(|(_, x)| x.id == r.id))
            .expect("an empty room of their gender");
        dorms
            .assign(&office, cdlc, &someone.code, spare.id, None, today)
            .await
            .unwrap();
        let view = dorms.room(&office, cdlc, spare.id).await.unwrap();
        assert_eq!(view.residents.len(), 1);
        let before = dorms.room(&office, cdlc, room.id).await.unwrap();
        assert!(before.history.iter().any(|r| r.person.id == someone.id));
        assert!(!before.residents.iter().any(|r| r.person.id == someone.id));
        // Moving out keeps the history.
        dorms
            .move_out(
                &office,
                cdlc,
                view.residents[0].residence.id,
                today + Duration::days(1),
            )
            .await
            .unwrap();
        let after = dorms.room(&office, cdlc, spare.id).await.unwrap();
        assert!(after.residents.is_empty() && after.history.len() == 1);

        // A sheet: a wrong code and a full room refuse the file, nothing placed.
        let waiting = dorms.waiting(&office, cdlc).await.unwrap();
        assert!(
            waiting.iter().any(|p| p.id == someone.id),
            "moved out, waiting again"
        );
        let name_of = |r: &antt_domain::dorm::Room| r.name.clone();
        let bad = format!(
            "Phòng,Mã sinh viên,Họ và tên\n{},{},{}\n{},SV9999999,Không Có\n",
            name_of(spare),
            someone.code,
            someone.full_name,
            name_of(spare)
        );
        let out = dorms
            .import(&office, cdlc, "ktx.csv", bad.into_bytes(), false)
            .await
            .unwrap();
        assert_eq!(out.placed, 0);
        assert_eq!(out.problems.len(), 1);
        assert_eq!((out.problems[0].row, out.problems[0].field), (3, "code"));
        assert_eq!(
            dorms.waiting(&office, cdlc).await.unwrap().len(),
            waiting.len()
        );
        let good = format!(
            "Nhà,Phòng,Mã sinh viên,Họ và tên,Giường\n{},{},{},{},3\n",
            setup.building(spare.building_id).unwrap().name,
            name_of(spare),
            someone.code,
            someone.full_name
        );
        let dry = dorms
            .import(&office, cdlc, "ktx.csv", good.clone().into_bytes(), true)
            .await
            .unwrap();
        assert_eq!((dry.lines.len(), dry.placed), (1, 0));
        let done = dorms
            .import(&office, cdlc, "ktx.csv", good.into_bytes(), false)
            .await
            .unwrap();
        assert_eq!(done.placed, 1);
        let view = dorms.room(&office, cdlc, spare.id).await.unwrap();
        assert_eq!(view.residents[0].residence.bed, 3);

        // A guard cannot place anyone.
        let guard = actor(&d.antt, "baove").await;
        assert!(
            dorms
                .assign(&guard, cdlc, &someone.code, room.id, None, today)
                .await
                .is_err()
        );
    }
}

#[tokio::test]
async fn the_temporary_residence_list_keeps_the_number_sealed_and_audits_each_reading() {
    use antt_core::audit::AuditQuery;
    use antt_core::dorm::papers::PapersForm;
    use antt_domain::audit::{AuditAction, TargetKind};
    use antt_domain::dorm::Registration;
    use antt_domain::page::PageRequest;

    for d in demos().await {
        let head = actor(&d.antt, "ctsv").await;
        let gvcn = actor(&d.antt, "gvcn").await;
        let bgh = actor(&d.antt, "bgh").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let dorms = d.antt.dorms();
        let list = dorms.residence_list(&head, cdlc).await.unwrap();
        assert!(list.len() > 400);
        let count = |r: Registration| list.iter().filter(|l| l.registration == r).count();
        for r in [
            Registration::Missing,
            Registration::Unregistered,
            Registration::Expiring,
            Registration::Registered,
        ] {
            assert!(count(r) > 0, "{r:?}");
        }
        // Those needing work come first.
        assert_ne!(list[0].registration, Registration::Registered);
        // The leaders read the list, masked; a teacher does not.
        assert_eq!(
            dorms.residence_list(&bgh, cdlc).await.unwrap().len(),
            list.len()
        );
        assert!(dorms.residence_list(&gvcn, cdlc).await.is_err());

        // Recording a number: a wrong one is refused and nothing changes.
        let missing = list
            .iter()
            .find(|l| l.registration == Registration::Missing)
            .unwrap();
        let form = PapersForm {
            id_number: "0102 0612 345".into(),
            permanent_address: "Xã Bản Lầu, tỉnh Lào Cai".into(),
            registered_on: "2026-11-21".into(),
            expires_on: "2027-05-31".into(),
        };
        let e = dorms
            .save_papers(&head, cdlc, missing.person.id, &form)
            .await
            .unwrap_err();
        assert_eq!(invalid(&e), Some(("id_number", ErrorCode::Invalid)));
        let form = PapersForm {
            id_number: "010 206 123 456".into(),
            ..form
        };
        assert!(
            dorms
                .save_papers(&gvcn, cdlc, missing.person.id, &form)
                .await
                .is_err()
        );
        dorms
            .save_papers(&head, cdlc, missing.person.id, &form)
            .await
            .unwrap();
        let after = dorms.residence_list(&head, cdlc).await.unwrap();
        let line = after
            .iter()
            .find(|l| l.person.id == missing.person.id)
            .unwrap();
        assert_eq!(line.registration, Registration::Registered);
        let papers = line.papers.as_ref().unwrap();
        assert_eq!(papers.masked(), "•••• •••• 3456");
        assert!(
            !format!("{papers:?}").contains("010206123456"),
            "never in the clear"
        );

        // Only the board reads it in full, and every reading is logged.
        assert!(
            dorms
                .id_number(&bgh, cdlc, missing.person.id)
                .await
                .is_err()
        );
        let number = dorms
            .id_number(&head, cdlc, missing.person.id)
            .await
            .unwrap();
        assert_eq!(number, "010206123456");
        let views = d
            .antt
            .audit()
            .list(
                &antt_core::Actor::command_line(),
                AuditQuery {
                    unit: Some(cdlc),
                    target: Some((TargetKind::Dorm, format!("papers:{}", missing.person.id))),
                    action: Some(AuditAction::View),
                    ..AuditQuery::default()
                },
                PageRequest::default(),
            )
            .await
            .unwrap();
        assert_eq!(views.total, 1);

        // A new key seals the numbers anew: still readable after.
        let new = antt_core::sealed::TipKey::generate();
        d.antt.database().rotate_key(&new).await.unwrap();
        let rotated = d.antt.clone().with_tip_key(new);
        let again = rotated
            .dorms()
            .id_number(&head, cdlc, missing.person.id)
            .await
            .unwrap();
        assert_eq!(again, number);

        // The list for the ward police, for the board alone.
        assert!(
            rotated
                .dorms()
                .residence_workbook(&bgh, cdlc)
                .await
                .is_err()
        );
        let file = rotated
            .dorms()
            .residence_workbook(&head, cdlc)
            .await
            .unwrap();
        assert_eq!(file.file_name, "danh-sach-tam-tru-cdlc.xlsx");
        assert!(file.bytes.starts_with(b"PK"));
    }
}

#[tokio::test]
async fn a_student_not_back_from_leave_is_told_once_to_the_supervisor_and_the_teacher() {
    for d in demos().await {
        let head = actor(&d.antt, "ctsv").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let dorms = d.antt.dorms();
        let v = dorms.night(&head, cdlc, night()).await.unwrap();
        let student = v.not_back[0].1.id;
        let added = dorms.flag_not_back().await.unwrap();
        assert!(added >= 1, "{added}");
        let alerts = dorms.alerts(&head, cdlc).await.unwrap();
        assert!(
            alerts
                .iter()
                .any(|a| a.person.id == student && a.alert.kind == AlertKind::NotBack),
            "{alerts:?}"
        );
        // Run again (every minute): nobody is told twice.
        assert_eq!(dorms.flag_not_back().await.unwrap(), 0);
        // Marked back, they are no longer flagged.
        let leave = dorms.leave_board(&head, cdlc).await.unwrap().not_back[0]
            .0
            .id;
        dorms.returned(&head, cdlc, leave).await.unwrap();
        assert!(
            dorms
                .night(&head, cdlc, night())
                .await
                .unwrap()
                .not_back
                .is_empty()
        );
    }
}
