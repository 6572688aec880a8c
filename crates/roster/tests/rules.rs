//! The rules antt adds to the reference format: the month's overtime cap
//! (Bộ luật Lao động Điều 107) and reinforcement members who stand only the
//! extra shifts of a holiday or an event.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use antt_roster::{
    Constraints, Guard, Instance, Limits, Rules, Shift, Solution, Violation, Weights, score, solve,
    violations,
};
use chrono::{Duration, NaiveDate};

fn guard(id: i64, reinforcement: bool) -> Guard {
    Guard {
        id,
        name: format!("g{id}"),
        home_campus: "A".into(),
        skills: Vec::new(),
        unavailable: Vec::new(),
        undesired: Vec::new(),
        reinforcement,
        max_overtime_hours: None,
        contracted_hours: None,
    }
}

/// Two 12-hour shifts a day (07:00 and 19:00) for 30 days, four hours of
/// overtime each, and five guards: 12 shifts each would staff the month.
fn month_of_twelve_hour_shifts() -> Instance {
    let first = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let shifts = (0..60)
        .map(|k| {
            let start = (first + Duration::days(k / 2))
                .and_hms_opt(if k % 2 == 0 { 7 } else { 19 }, 0, 0)
                .unwrap();
            Shift {
                id: k,
                campus: "A".into(),
                post: "gate".into(),
                start,
                end: start + Duration::hours(12),
                hours: 12,
                skill: None,
                night: k % 2 == 1,
                reinforcement: false,
            }
        })
        .collect();
    Instance {
        name: "ot".into(),
        rules: Rules {
            min_rest_hours: 12,
            max_hours_per_week: 48,
            min_weekly_rest_hours: None,
            max_overtime_hours: Some(40),
            normal_hours_per_shift: 8,
            weights: Weights {
                undesired_day: 10,
                away_from_home: 1,
            },
        },
        guards: (0..5).map(|g| guard(g, false)).collect(),
        shifts,
    }
}

fn moves() -> Limits {
    Limits {
        moves: Some(200_000),
        seed: 1,
        ..Limits::seconds(30.0)
    }
}

#[test]
fn no_guard_passes_forty_hours_of_overtime_in_the_month() {
    let i = month_of_twelve_hour_shifts();
    let solved = solve(&i, &Constraints::default(), moves()).unwrap();
    // Ten 12-hour shifts are 40 hours over the normal day: five guards
    // stand 50 of the 60, and the other ten stay empty rather than break
    // the law.
    let mut per_guard = [0; 5];
    for g in solved.solution.assignments.values() {
        per_guard[usize::try_from(*g).unwrap()] += 1;
    }
    assert_eq!(per_guard, [10; 5], "{per_guard:?}");
    assert_eq!(solved.score.part("unfilled"), 10);
    assert_eq!(solved.score.part("overtime_excess"), 0);
    assert!(
        !violations(&i, &solved.solution)
            .iter()
            .any(|v| matches!(v, Violation::Overtime { .. }))
    );

    // A roster that gives guard 0 twelve of them is named and counted.
    let mut heavy = solved.solution.clone();
    let spare: Vec<i64> = (0..60)
        .filter(|s| !heavy.assignments.contains_key(s))
        .take(2)
        .collect();
    for s in spare {
        heavy.assignments.insert(s, 0);
    }
    assert!(violations(&i, &heavy).contains(&Violation::Overtime {
        guard: 0,
        hours: 48,
        cap: 40
    }));
    assert_eq!(score(&i, &heavy).part("overtime_excess"), 8);

    // Without the rule (the reference format), nothing is counted.
    let mut free = i.clone();
    free.rules.max_overtime_hours = None;
    assert_eq!(score(&free, &heavy).part("overtime_excess"), 0);

    // A guard with only 20 hours left of the year's cap stands at most
    // five of these shifts; the others take up the rest.
    let mut year = i.clone();
    year.guards[0].max_overtime_hours = Some(20);
    let solved = solve(&year, &Constraints::default(), moves()).unwrap();
    let of_first = solved
        .solution
        .assignments
        .values()
        .filter(|g| **g == 0)
        .count();
    assert!(of_first <= 5, "{of_first}");
    assert_eq!(solved.score.part("overtime_excess"), 0);
}

/// Three 8-hour shifts a day for 30 days (no shift has overtime of its
/// own) and five guards.
fn month_of_eight_hour_shifts() -> Instance {
    let mut i = month_of_twelve_hour_shifts();
    let first = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    i.shifts = (0..90)
        .map(|k| {
            let start = (first + Duration::days(k / 3))
                .and_hms_opt(
                    match k % 3 {
                        0 => 6,
                        1 => 14,
                        _ => 22,
                    },
                    0,
                    0,
                )
                .unwrap();
            Shift {
                id: k,
                campus: "A".into(),
                post: "gate".into(),
                start,
                end: start + Duration::hours(8),
                hours: 8,
                skill: None,
                night: k % 3 == 2,
                reinforcement: false,
            }
        })
        .collect();
    i
}

#[test]
fn hours_beyond_the_contract_are_overtime() {
    // 96 hours of contract and 40 of overtime: at most 136 hours, 17
    // shifts, though no shift is longer than a normal day.
    let mut i = month_of_eight_hour_shifts();
    i.guards[0].contracted_hours = Some(96);
    let solved = solve(&i, &Constraints::default(), moves()).unwrap();
    assert_eq!(solved.score.hard, 0, "{}", solved.score);
    let of_first = solved
        .solution
        .assignments
        .values()
        .filter(|g| **g == 0)
        .count();
    assert!(of_first <= 17, "{of_first}");

    // Twenty shifts (160 hours) are 64 hours beyond the contract: named.
    let heavy = Solution {
        assignments: (0..20).map(|k| (k * 4, 0)).collect(),
    };
    assert!(violations(&i, &heavy).contains(&Violation::Overtime {
        guard: 0,
        hours: 64,
        cap: 40,
    }));
    assert_eq!(score(&i, &heavy).part("overtime_excess"), 24);

    // Without a contract the same twenty shifts have no overtime.
    i.guards[0].contracted_hours = None;
    assert_eq!(score(&i, &heavy).part("overtime_excess"), 0);
}

#[test]
fn reinforcement_members_stand_only_the_extra_shifts() {
    let mut i = month_of_twelve_hour_shifts();
    i.rules.max_overtime_hours = None;
    // Two event days, each with two extra 4-hour shifts at 07:00, and two
    // members of the self-defence platoon beside the guards.
    for k in 0..4 {
        let day = NaiveDate::from_ymd_opt(2026, 12, 2 + 2 * (k / 2)).unwrap();
        let start = day.and_hms_opt(7, 0, 0).unwrap();
        i.shifts.push(Shift {
            id: 100 + i64::from(k),
            campus: "A".into(),
            post: "gate".into(),
            start,
            end: start + Duration::hours(4),
            hours: 4,
            skill: None,
            night: false,
            reinforcement: true,
        });
    }
    i.guards.push(guard(10, true));
    i.guards.push(guard(11, true));
    let solved = solve(&i, &Constraints::default(), moves()).unwrap();
    assert_eq!(solved.score.hard, 0, "{}", solved.score);
    let by_member: Vec<i64> = solved
        .solution
        .assignments
        .iter()
        .filter(|(_, g)| **g >= 10)
        .map(|(s, _)| *s)
        .collect();
    assert!(by_member.iter().all(|s| *s >= 100), "{by_member:?}");
    // The members take the extra shifts (fairness gives them to whoever
    // has the fewest), so the guards' month is not longer for them.
    assert_eq!(by_member.len(), 4, "{by_member:?}");

    // A member put on a regular shift by hand is named.
    let mut wrong = Solution::default();
    wrong.assignments.insert(0, 10);
    assert!(
        violations(&i, &wrong).contains(&Violation::ReinforcementOnly {
            shift: 0,
            guard: 10
        })
    );
    assert_eq!(score(&i, &wrong).part("reinforcement_only"), 1);
}
