//! Guard duty: the demo's posts and guards, a month's roster generated,
//! changed by hand, refused while a rule is broken, published, seen by the
//! guard, and repaired when a guard calls in sick.

use chrono::{NaiveDate, NaiveDateTime};

use antt_core::CoreError;
use antt_domain::ErrorCode;
use antt_domain::duty::RosterState;

use super::{actor, demos, unit_id};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

async fn repaired_again(
    antt: &antt_core::Antt,
    office: &antt_core::Actor,
    unit: antt_domain::UnitId,
) -> antt_domain::duty::Roster {
    antt.duty()
        .roster(office, unit, day(2026, 11, 21))
        .await
        .unwrap()
        .roster
        .unwrap()
}

#[tokio::test]
async fn a_month_is_rostered_by_the_rules_published_and_repaired() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let guard = actor(&d.antt, "baove").await;
        let student = actor(&d.antt, "sinhvien").await;
        let other = actor(&d.antt, "thcs.vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let duty = d.antt.duty();

        // The demo's month (November: the test clock's) is published
        // within the rules; the next is a draft.
        let nov = duty.roster(&office, cdlc, day(2026, 11, 21)).await.unwrap();
        let r = nov.roster.as_ref().expect("november's roster");
        assert_eq!(r.state, RosterState::Published);
        assert_eq!(nov.posts.len(), 6);
        let (members, guards): (Vec<_>, Vec<_>) = nov.guards.iter().partition(|g| g.reinforcement);
        assert_eq!(guards.len(), 30);
        // The self-defence platoon's members who are not guards reinforce
        // the main gate on 24/11.
        assert!(!members.is_empty());
        // 14 shifts a day: gate 4, side gate 2, dormitory, patrol, 3 + 3;
        // and on 24/11 three extra 4-hour shifts at the main gate, each
        // stood by a member of the platoon.
        assert_eq!(r.shifts.len(), 30 * 14 + 3);
        let extra: Vec<_> = r.shifts.iter().filter(|s| s.reinforcement).collect();
        assert_eq!(extra.len(), 3);
        assert!(extra.iter().all(|s| s.start.date() == day(2026, 11, 24)));
        assert!(
            extra
                .iter()
                .all(|s| members.iter().any(|m| s.guard == Some(m.person_id))),
            "{extra:?}"
        );
        assert!(
            r.shifts
                .iter()
                .filter(|s| !s.reinforcement)
                .all(|s| !members.iter().any(|m| s.guard == Some(m.person_id)))
        );
        assert!(nov.problems.is_empty(), "{:?}", nov.problems);
        assert!(r.shifts.iter().all(|s| s.guard.is_some()));
        let night: i64 = nov.hours.iter().map(|h| h.night_minutes).sum();
        // Every night 22:00–06:00: two guards at the main gate, the
        // dormitory, the two other gates, and the side gate's 18:00–06:00
        // shift: 6 × 8 h, 30 nights.
        assert_eq!(night, 6 * 8 * 60 * 30);
        assert!(nov.hours.iter().all(|h| h.hours <= 48 * 5));
        // 24/11 (Ngày Văn hóa Việt Nam, a paid holiday from 2026) is a
        // whole day of cover: main gate 32 guard-hours (two guards at
        // night), side gate 24, dormitory 8, evening patrol 4, the two
        // other campuses 24 each, and the platoon's 12.
        let holiday: i64 = nov.hours.iter().map(|h| h.holiday_minutes).sum();
        assert_eq!(holiday, (32 + 24 + 8 + 4 + 24 + 24 + 12) * 60);

        // Only the unit's own people with the right role read it.
        assert!(matches!(
            duty.roster(&student, cdlc, day(2026, 11, 21)).await,
            Err(CoreError::Forbidden)
        ));
        assert!(matches!(
            duty.roster(&other, cdlc, day(2026, 11, 21)).await,
            Err(CoreError::NotFound)
        ));
        assert!(matches!(
            duty.generate(&guard, cdlc, day(2026, 12, 1)).await,
            Err(CoreError::Forbidden)
        ));

        // The guard sees their own shifts, and downloads them for the
        // phone's calendar.
        let mine = duty
            .my_shifts(&guard, at("2026-11-21 00:00"))
            .await
            .unwrap();
        assert!(!mine.is_empty(), "the demo's guard has shifts");
        let ics = duty.my_calendar(&guard).await.unwrap();
        let text = String::from_utf8(ics.bytes).unwrap();
        assert_eq!(text.matches("BEGIN:VEVENT").count(), mine.len());

        // December: the office puts a guard on a shift by hand, then
        // generates again; the hand-made shift stays.
        let dec = duty.roster(&office, cdlc, day(2026, 12, 1)).await.unwrap();
        let r = dec.roster.unwrap();
        assert_eq!(r.state, RosterState::Draft);
        let first = &r.shifts[0];
        let someone_else = dec
            .guards
            .iter()
            .find(|g| Some(g.person_id) != first.guard)
            .unwrap()
            .person_id;
        duty.assign(
            &office,
            cdlc,
            day(2026, 12, 1),
            first.id,
            Some(someone_else),
        )
        .await
        .unwrap();
        duty.generate(&office, cdlc, day(2026, 12, 1))
            .await
            .unwrap();
        let again = duty.roster(&office, cdlc, day(2026, 12, 1)).await.unwrap();
        let kept = again.roster.as_ref().unwrap();
        assert_eq!(kept.shifts[0].guard, Some(someone_else));
        assert!(kept.shifts[0].fixed);
        assert!(again.problems.is_empty(), "{:?}", again.problems);

        // The same guard on the next shift of the same post (no rest): the
        // roster is refused with the rule named, and nothing is published.
        let next = kept
            .shifts
            .iter()
            .find(|s| s.post_id == kept.shifts[0].post_id && s.start > kept.shifts[0].start)
            .unwrap()
            .clone();
        duty.assign(&office, cdlc, day(2026, 12, 1), next.id, Some(someone_else))
            .await
            .unwrap();
        let broken = duty.roster(&office, cdlc, day(2026, 12, 1)).await.unwrap();
        assert!(
            broken
                .problems
                .iter()
                .any(|p| p.shift == Some(next.id) && p.text.contains("chỉ nghỉ")),
            "{:?}",
            broken.problems
        );
        match duty.publish(&office, cdlc, day(2026, 12, 1)).await {
            Err(CoreError::Invalid(v)) => {
                assert_eq!(v.for_field("roster"), Some(ErrorCode::RulesBroken));
            }
            other => panic!("{other:?}"),
        }
        let still = duty.roster(&office, cdlc, day(2026, 12, 1)).await.unwrap();
        assert_eq!(still.roster.unwrap().state, RosterState::Draft);

        // November: a guard with a shift tomorrow calls in sick for two
        // days; each of their shifts goes to someone else, nothing more.
        let nov = duty.roster(&office, cdlc, day(2026, 11, 21)).await.unwrap();
        let r = nov.roster.unwrap();
        let (from, until) = (at("2026-11-22 00:00"), at("2026-11-24 00:00"));
        let sick = r
            .shifts
            .iter()
            .find(|s| s.start >= from)
            .and_then(|s| s.guard)
            .unwrap();
        let theirs: Vec<i64> = r
            .shifts
            .iter()
            .filter(|s| s.guard == Some(sick) && s.start < until && from < s.end)
            .map(|s| s.id)
            .collect();
        let handovers = duty
            .report_absence(&office, cdlc, sick, from, until)
            .await
            .unwrap();
        assert_eq!(handovers.len(), theirs.len(), "{handovers:?}");
        for h in &handovers {
            assert!(theirs.contains(&h.shift.id));
            assert!(h.to.is_some() && h.shift.guard != Some(sick));
        }
        let repaired = duty.roster(&office, cdlc, day(2026, 11, 21)).await.unwrap();
        assert!(repaired.problems.is_empty(), "{:?}", repaired.problems);
        assert_eq!(repaired.roster.unwrap().state, RosterState::Published);
        // A hand change to the published month that breaks a rule (the
        // same guard on two shifts in a row) is refused and changes nothing.
        let r = repaired_again(&d.antt, &office, cdlc).await;
        let first = r.shifts.iter().find(|s| s.start >= from).unwrap().clone();
        let next = r
            .shifts
            .iter()
            .find(|s| s.post_id == first.post_id && s.start > first.start)
            .unwrap()
            .clone();
        match duty
            .assign(&office, cdlc, day(2026, 11, 21), next.id, first.guard)
            .await
        {
            Err(CoreError::Invalid(v)) => {
                assert_eq!(v.for_field("roster"), Some(ErrorCode::RulesBroken));
            }
            other => panic!("{other:?}"),
        }
        let after = repaired_again(&d.antt, &office, cdlc).await;
        assert_eq!(after.shifts, r.shifts, "nothing half-saved");
        // An absence that ends before it starts is refused.
        assert!(matches!(
            duty.report_absence(&office, cdlc, sick, until, from).await,
            Err(CoreError::Invalid(_))
        ));
    }
}

#[tokio::test]
async fn the_gate_log_is_taken_over_written_and_handed_over() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let guard = actor(&d.antt, "baove").await;
        let student = actor(&d.antt, "sinhvien").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let logs = d.antt.shift_logs();
        let campus = d.antt.duty().posts(&office, cdlc).await.unwrap()[0].campus_id;

        assert!(matches!(
            logs.take_over(&student, campus, "", "chìa khóa").await,
            Err(CoreError::Forbidden)
        ));
        let id = logs
            .take_over(
                &guard,
                campus,
                "Lò Văn Sáng",
                "Chìa khóa cổng, bộ đàm, 2 xe máy của khách",
            )
            .await
            .unwrap();
        // One open shift at a time.
        assert!(matches!(
            logs.take_over(&guard, campus, "", "x").await,
            Err(CoreError::Invalid(_))
        ));
        let now = d.antt.now();
        logs.record(
            &guard,
            id,
            None,
            "Xe tải giao thực phẩm vào bếp, biển 24C-123.45",
        )
        .await
        .unwrap();
        // Written in a dead corner twenty minutes ago, sent now: kept at
        // its own time, before the one above.
        d.clock.advance(chrono::Duration::minutes(30));
        logs.record(
            &guard,
            id,
            Some(now + chrono::Duration::minutes(10)),
            "Đèn hành lang khu B hỏng",
        )
        .await
        .unwrap();
        for (at, code) in [
            (now + chrono::Duration::hours(2), ErrorCode::InFuture),
            (now - chrono::Duration::hours(1), ErrorCode::OutsideShift),
        ] {
            match logs.record(&guard, id, Some(at), "x").await {
                Err(CoreError::Invalid(v)) => assert_eq!(v.for_field("at"), Some(code)),
                other => panic!("{other:?}"),
            }
        }
        let view = logs.current(&guard).await.unwrap().unwrap();
        assert_eq!(view.entries.len(), 2, "refused entries leave no trace");
        assert!(view.entries[0].text.starts_with("Xe tải"));
        assert!(view.entries[1].at < view.entries[0].at + chrono::Duration::minutes(31));

        logs.hand_over(
            &guard,
            id,
            "Khách xe 24C-123.45 chưa ra; cổng phụ khóa lúc 22:00",
        )
        .await
        .unwrap();
        assert!(logs.current(&guard).await.unwrap().is_none());
        match logs.record(&guard, id, None, "sau giờ").await {
            Err(CoreError::Invalid(v)) => {
                assert_eq!(v.for_field("log"), Some(ErrorCode::ShiftEnded));
            }
            other => panic!("{other:?}"),
        }
        // The next guard reads what was left for them.
        let last = logs.last_at(&guard, campus).await.unwrap().unwrap();
        assert!(last.handover_notes.unwrap().contains("chưa ra"));

        // The office reads the day and annotates; the entry stays as written.
        let day = antt_domain::time::local_date(d.antt.now());
        let read = logs.day(&office, cdlc, campus, day).await.unwrap();
        let mine = read.iter().find(|v| v.log.id == id).unwrap();
        logs.annotate(&office, cdlc, id, mine.entries[0].id, "Đã báo tổ điện sửa")
            .await
            .unwrap();
        assert!(matches!(
            logs.annotate(&guard, cdlc, id, mine.entries[0].id, "x")
                .await,
            Err(CoreError::Forbidden)
        ));
        let again = logs.day(&office, cdlc, campus, day).await.unwrap();
        let e = &again.iter().find(|v| v.log.id == id).unwrap().entries;
        let annotated = e.iter().find(|x| x.annotation.is_some()).unwrap();
        assert!(
            annotated
                .annotation
                .as_ref()
                .unwrap()
                .contains("Đã báo tổ điện sửa")
        );
        assert!(
            annotated.text == "Đèn hành lang khu B hỏng" || annotated.text.starts_with("Xe tải")
        );
    }
}

#[tokio::test]
async fn guards_send_their_wishes_before_the_deadline_and_the_roster_keeps_them() {
    use antt_domain::duty::{DutyEventInput, WishKind};
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let guard = actor(&d.antt, "baove").await;
        let student = actor(&d.antt, "sinhvien").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let duty = d.antt.duty();

        // 21/11 (the test clock): January's wishes are open until 20/12,
        // December's closed on 20/11.
        let jan = duty
            .wishes(&guard, cdlc, None, day(2027, 1, 1))
            .await
            .unwrap();
        assert!(jan.open && jan.close == day(2026, 12, 20));
        assert!(jan.wishes.is_empty() && jan.sent_at.is_none());
        let me = jan.person;
        let leave = |d: u32| (day(2027, 1, d), WishKind::Leave, "Về quê".to_owned());
        duty.send_wishes(
            &guard,
            cdlc,
            None,
            day(2027, 1, 1),
            vec![
                leave(4),
                leave(5),
                leave(6),
                (day(2027, 1, 10), WishKind::Undesired, String::new()),
            ],
        )
        .await
        .unwrap();
        let sent = duty
            .wishes(&guard, cdlc, None, day(2027, 1, 1))
            .await
            .unwrap();
        assert_eq!(sent.wishes.len(), 4);
        assert!(sent.sent_at.is_some());

        // Too late for December, a day outside the month, a student: each
        // refused, and what was sent stays as it was.
        match duty
            .send_wishes(&guard, cdlc, None, day(2026, 12, 1), vec![leave(4)])
            .await
        {
            Err(CoreError::Invalid(v)) => {
                assert_eq!(v.for_field("wishes"), Some(ErrorCode::WishesClosed));
            }
            other => panic!("{other:?}"),
        }
        match duty
            .send_wishes(
                &guard,
                cdlc,
                None,
                day(2027, 1, 1),
                vec![(day(2027, 2, 1), WishKind::Leave, String::new())],
            )
            .await
        {
            Err(CoreError::Invalid(v)) => assert_eq!(v.for_field("day"), Some(ErrorCode::Invalid)),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            duty.wishes(&student, cdlc, None, day(2027, 1, 1)).await,
            Err(CoreError::Forbidden)
        ));
        let kept = duty
            .wishes(&guard, cdlc, None, day(2027, 1, 1))
            .await
            .unwrap();
        assert_eq!(kept.wishes, sent.wishes);

        // The office sees who sent; it may enter a leave after the
        // deadline, but not on a day the guard stands in a published
        // roster (that is a repair).
        let view = duty.roster(&office, cdlc, day(2027, 1, 1)).await.unwrap();
        assert!(view.wishes_sent.iter().any(|(p, _)| *p == me));
        let dec = duty
            .send_wishes(
                &office,
                cdlc,
                Some(me),
                day(2026, 12, 1),
                vec![(day(2026, 12, 24), WishKind::Leave, String::new())],
            )
            .await;
        assert!(dec.is_ok(), "{dec:?}");
        let nov = duty.roster(&office, cdlc, day(2026, 11, 1)).await.unwrap();
        let standing = nov
            .roster
            .unwrap()
            .shifts
            .into_iter()
            .find(|s| s.guard == Some(me) && s.start.date() > day(2026, 11, 21))
            .expect("the guard stands a shift later this month");
        match duty
            .send_wishes(
                &office,
                cdlc,
                Some(me),
                day(2026, 11, 1),
                vec![(standing.start.date(), WishKind::Leave, String::new())],
            )
            .await
        {
            Err(CoreError::Invalid(v)) => {
                assert_eq!(v.for_field("day"), Some(ErrorCode::WrongState));
            }
            other => panic!("{other:?}"),
        }

        // January made by the solver: no shift on the leave days, the
        // platoon alone on the extra shifts of 1/1, every rule kept
        // (the month's 40 hours of overtime included).
        duty.generate(&office, cdlc, day(2027, 1, 1)).await.unwrap();
        let jan = duty.roster(&office, cdlc, day(2027, 1, 1)).await.unwrap();
        assert!(jan.problems.is_empty(), "{:?}", jan.problems);
        let r = jan.roster.unwrap();
        assert!(
            !r.shifts
                .iter()
                .any(|s| s.guard == Some(me) && (4..=6).any(|d| s.start.date() == day(2027, 1, d))),
        );
        let extra: Vec<_> = r.shifts.iter().filter(|s| s.reinforcement).collect();
        assert_eq!(extra.len(), 3, "1/1 only; the exams are in December");
        assert!(extra.iter().all(|s| s.start.date() == day(2027, 1, 1)));

        // An event at a post the unit does not have is refused; one
        // removed is gone, and the rosters made keep their shifts.
        let events = duty.events(&office, cdlc).await.unwrap();
        assert_eq!(events.len(), 2);
        let bad = DutyEventInput::parse(
            "Khai giảng",
            false,
            "2027-09-05",
            "",
            antt_domain::DutyPostId::new_v7(),
            "06:00 4 2",
            None,
        )
        .unwrap();
        assert!(matches!(
            duty.add_event(&office, cdlc, bad).await,
            Err(CoreError::Invalid(_))
        ));
        assert!(matches!(
            duty.add_event(
                &guard,
                cdlc,
                DutyEventInput::parse("x", true, "", "", events[0].post_id, "07:00 4", None)
                    .unwrap()
            )
            .await,
            Err(CoreError::Forbidden)
        ));
        duty.remove_event(&office, cdlc, events[1].id)
            .await
            .unwrap();
        assert_eq!(duty.events(&office, cdlc).await.unwrap().len(), 1);
    }
}

#[tokio::test]
async fn a_guard_asks_another_to_stand_a_shift_the_other_agrees_the_office_approves() {
    use antt_domain::duty::SwapState;
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let guard = actor(&d.antt, "baove").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let duty = d.antt.duty();
        let nov = duty.roster(&office, cdlc, day(2026, 11, 1)).await.unwrap();
        let roster = nov.roster.clone().unwrap();
        let me = duty
            .wishes(&guard, cdlc, None, day(2027, 1, 1))
            .await
            .unwrap()
            .person;
        let mine = roster
            .shifts
            .iter()
            .find(|s| s.guard == Some(me) && s.start > at("2026-11-22 00:00"))
            .unwrap()
            .clone();
        // Someone on the same campus free around that shift: found by
        // trying, as a guard would by asking around.
        let others: Vec<_> = nov
            .guards
            .iter()
            .filter(|g| !g.reinforcement && g.person_id != me && g.campus_id == mine.campus_id)
            .collect();
        let mut asked = None;
        for g in &others {
            if let Ok(id) = duty
                .ask_swap(
                    &guard,
                    cdlc,
                    day(2026, 11, 1),
                    mine.id,
                    g.person_id,
                    "Đưa con đi khám",
                )
                .await
            {
                asked = Some((id, g.person_id));
                break;
            }
        }
        let (id, other) = asked.expect("one of the campus's guards can stand it");
        // The other guard gets an account to answer on the phone.
        let account = d
            .antt
            .accounts()
            .create(
                &office,
                cdlc,
                antt_domain::user::NewUser {
                    username: "baove2".into(),
                    display_name: "Bảo vệ 2".into(),
                    role: antt_domain::role::Role::Guard,
                    department_id: None,
                    campus_id: Some(mine.campus_id),
                    person_id: Some(other),
                },
                "mat-khau-bao-ve-2026",
            )
            .await
            .unwrap();
        let other_guard = antt_core::Actor::from_user(&account);

        // Approval waits for the other's yes; the office sees the request.
        assert!(matches!(
            duty.decide_swap(&office, cdlc, id, true).await,
            Err(CoreError::Invalid(_))
        ));
        let list = duty.swaps(&office, cdlc).await.unwrap();
        assert!(
            list.iter()
                .any(|l| l.request.id == id && l.request.state == SwapState::Asked)
        );
        // Only the one asked answers; the one who asked cannot agree for them.
        assert!(
            duty.answer_swap(&guard, cdlc, id, SwapState::Agreed)
                .await
                .is_err()
        );
        let theirs = duty.swaps(&other_guard, cdlc).await.unwrap();
        assert!(
            theirs
                .iter()
                .any(|l| l.request.id == id && l.mine_to_answer)
        );
        duty.answer_swap(&other_guard, cdlc, id, SwapState::Agreed)
            .await
            .unwrap();
        duty.decide_swap(&office, cdlc, id, true).await.unwrap();
        let after = duty.roster(&office, cdlc, day(2026, 11, 1)).await.unwrap();
        let s = after
            .roster
            .unwrap()
            .shifts
            .into_iter()
            .find(|s| s.id == mine.id)
            .unwrap();
        assert_eq!(s.guard, Some(other));
        assert!(s.fixed);
        assert!(after.problems.is_empty(), "{:?}", after.problems);
        // Decided once; a shift no longer mine cannot be asked again.
        assert!(duty.decide_swap(&office, cdlc, id, false).await.is_err());
        assert!(matches!(
            duty.ask_swap(&guard, cdlc, day(2026, 11, 1), mine.id, other, "")
                .await,
            Err(CoreError::Invalid(_))
        ));
        // A shift already begun cannot be given away.
        let past = roster
            .shifts
            .iter()
            .find(|s| s.guard == Some(me) && s.start < at("2026-11-21 08:00"))
            .unwrap();
        match duty
            .ask_swap(&guard, cdlc, day(2026, 11, 1), past.id, other, "")
            .await
        {
            Err(CoreError::Invalid(v)) => {
                assert_eq!(v.for_field("shift"), Some(ErrorCode::ShiftEnded));
            }
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn hours_beyond_a_guards_contract_are_overtime_and_the_roster_keeps_the_cap() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let duty = d.antt.duty();
        let guards = duty.guards(&office, cdlc).await.unwrap();
        // The demo's contracts: 48 hours a week, 44 for every fifth guard.
        assert!(guards.iter().all(|g| g.weekly_hours.is_some()));
        let g = guards[1].clone();

        // Out of the law's range: refused, nothing changed.
        for wrong in [0, 49] {
            let e = duty
                .save_guard(
                    &office,
                    cdlc,
                    g.person_id,
                    g.campus_id,
                    &g.skills,
                    Some(wrong),
                )
                .await
                .unwrap_err();
            assert!(
                matches!(&e, CoreError::Invalid(f) if f.for_field("weekly_hours") == Some(ErrorCode::AboveMaximum)),
                "{e:?}"
            );
        }
        let same = duty.guards(&office, cdlc).await.unwrap();
        assert_eq!(same[1].weekly_hours, g.weekly_hours);

        // A part-time contract of 8 hours a week: November comes to 34
        // hours (8 × 30 ÷ 7), so the hours the guard stood beyond them are
        // overtime, and the published month now breaks the month's cap.
        duty.save_guard(&office, cdlc, g.person_id, g.campus_id, &g.skills, Some(8))
            .await
            .unwrap();
        let nov = duty.roster(&office, cdlc, day(2026, 11, 21)).await.unwrap();
        let line = nov
            .hours
            .iter()
            .find(|h| h.guard.person_id == g.person_id)
            .unwrap();
        assert!(line.hours > 34 + 40, "{line:?}");
        assert_eq!(line.overtime, line.hours - 34);
        assert!(
            nov.problems
                .iter()
                .any(|p| p.text.contains(&g.full_name) && p.text.contains("làm thêm")),
            "{:?}",
            nov.problems
        );

        // December generated again: 35 hours of contract (8 × 31 ÷ 7) and
        // 40 of overtime at most.
        duty.generate(&office, cdlc, day(2026, 12, 1))
            .await
            .unwrap();
        let dec = duty.roster(&office, cdlc, day(2026, 12, 1)).await.unwrap();
        let line = dec
            .hours
            .iter()
            .find(|h| h.guard.person_id == g.person_id)
            .unwrap();
        assert!(line.hours <= 35 + 40, "{line:?}");
        assert!(line.overtime <= 40, "{line:?}");
        assert!(dec.problems.is_empty(), "{:?}", dec.problems);
    }
}
