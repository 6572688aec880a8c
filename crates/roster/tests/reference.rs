//! antt's roster against the reference: instances made by
//! `make_instance.py`, rosters scored by `score.py` (both copied from
//! `../shared/roster/`, unchanged), and antt's own score compared with the
//! script's, line for line, on good rosters and on broken ones.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::cast_possible_wrap)]

use std::path::{Path, PathBuf};
use std::process::Command;

use antt_roster::{Absence, Constraints, Instance, Limits, Solution, repair, score, solve};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn reference(script: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/reference")
        .join(script)
}

fn python(args: &[&str]) -> String {
    let out = Command::new("python3")
        .args(args)
        .output()
        .expect("python3 runs the reference scripts (scripts/install-test-deps.sh installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn instance(dir: &Path, seed: u32, size: &[&str]) -> (PathBuf, Instance) {
    let path = dir.join(format!("i{seed}-{}.json", size.join("-")));
    let seed = seed.to_string();
    let mut args = vec![
        reference("make_instance.py").to_str().unwrap().to_owned(),
        seed,
        path.to_str().unwrap().to_owned(),
    ];
    args.extend(size.iter().map(|s| (*s).to_owned()));
    python(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let i = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    (path, i)
}

/// The script's line for `solution`, and antt's.
fn both(dir: &Path, instance_path: &Path, i: &Instance, solution: &Solution) -> (String, String) {
    let path = dir.join("solution.json");
    std::fs::write(&path, serde_json::to_string(solution).unwrap()).unwrap();
    let theirs = python(&[
        reference("score.py").to_str().unwrap(),
        instance_path.to_str().unwrap(),
        path.to_str().unwrap(),
    ]);
    (theirs, score(i, solution).to_string())
}

fn moves(n: u64, seed: u64) -> Limits {
    Limits {
        moves: Some(n),
        seed,
        ..Limits::seconds(60.0)
    }
}

#[test]
fn antt_scores_every_roster_as_the_script_does() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = StdRng::seed_from_u64(11);
    for (seed, size) in [(5, &[][..]), (8, &[][..]), (6, &["30", "14", "5"][..])] {
        let (path, i) = instance(dir.path(), seed, size);
        let solved = solve(&i, &Constraints::default(), moves(300_000, 1)).unwrap();
        assert_eq!(solved.score.hard, 0, "{}", solved.score);
        let guards: Vec<i64> = i.guards.iter().map(|g| g.id).collect();
        let mut rosters = vec![
            solved.solution.clone(),
            Solution::default(),
            // Everyone's shifts on one guard: short rest, long weeks, skills.
            Solution {
                assignments: i.shifts.iter().map(|s| (s.id, guards[0])).collect(),
            },
            // A guard nobody knows stands a shift: it is empty.
            Solution {
                assignments: i.shifts.iter().map(|s| (s.id, 999)).take(5).collect(),
            },
        ];
        for _ in 0..3 {
            let mut broken = solved.solution.clone();
            for s in &i.shifts {
                if rng.gen_bool(0.2) {
                    broken
                        .assignments
                        .insert(s.id, guards[rng.gen_range(0..guards.len())]);
                }
            }
            rosters.push(broken);
        }
        for r in &rosters {
            let (theirs, ours) = both(dir.path(), &path, &i, r);
            assert_eq!(ours, theirs);
            // Each broken rule is named once for the office to read.
            let s = score(&i, r);
            let named = antt_roster::violations(&i, r);
            let count = |f: fn(&antt_roster::Violation) -> bool| {
                named.iter().filter(|v| f(v)).count() as i64
            };
            assert_eq!(
                count(|v| matches!(v, antt_roster::Violation::Unfilled { .. })),
                s.part("unfilled")
            );
            assert_eq!(
                count(|v| matches!(v, antt_roster::Violation::ShortRest { .. })),
                s.part("rest_or_overlap")
            );
            assert_eq!(
                count(|v| matches!(v, antt_roster::Violation::MissingSkill { .. })),
                s.part("missing_skill")
            );
            assert_eq!(named.is_empty(), s.hard == 0);
        }
    }
}

#[test]
fn a_seed_gives_the_same_roster_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let (_, i) = instance(dir.path(), 12, &[]);
    let a = solve(&i, &Constraints::default(), moves(200_000, 3)).unwrap();
    let b = solve(&i, &Constraints::default(), moves(200_000, 3)).unwrap();
    assert_eq!(a.solution, b.solution);
    assert_eq!(a.run.moves, b.run.moves);
}

#[test]
fn the_office_fixed_shifts_stay_where_it_put_them() {
    let dir = tempfile::tempdir().unwrap();
    let (_, i) = instance(dir.path(), 3, &[]);
    // Guard 4 (campus B) on the first two night gates of campus A it is
    // free for, which the solver would not choose: away from home.
    let free = |s: &antt_roster::Shift| !i.guards[4].unavailable.contains(&s.start.date());
    let nights: Vec<i64> = i
        .shifts
        .iter()
        .filter(|s| s.campus == "A" && s.night && s.skill.is_none() && free(s))
        .take(2)
        .map(|s| s.id)
        .collect();
    let fixed: Vec<(i64, i64)> = nights.iter().map(|s| (*s, 4)).collect();
    let c = Constraints {
        fixed: fixed.clone(),
        ..Constraints::default()
    };
    let solved = solve(&i, &c, moves(300_000, 0)).unwrap();
    assert_eq!(solved.score.hard, 0, "{}", solved.score);
    for (s, g) in fixed {
        assert_eq!(solved.solution.assignments.get(&s), Some(&g));
    }
}

#[test]
fn a_sick_guard_is_replaced_changing_only_what_must_change() {
    let dir = tempfile::tempdir().unwrap();
    let (_, i) = instance(dir.path(), 21, &[]);
    let published = solve(&i, &Constraints::default(), moves(300_000, 0))
        .unwrap()
        .solution;
    let from = "2026-12-10T12:00:00".parse().unwrap();
    let until = "2026-12-13T00:00:00".parse().unwrap();
    let sick = 7;
    let theirs: Vec<i64> = i
        .shifts
        .iter()
        .filter(|s| s.start < until && from < s.end && published.assignments[&s.id] == sick)
        .map(|s| s.id)
        .collect();
    assert!(!theirs.is_empty(), "the sick guard had shifts to give away");
    let absence = Absence {
        guard: sick,
        from,
        until,
    };
    let repaired = repair(&i, &published, &[], absence, moves(200_000, 0)).unwrap();
    assert_eq!(repaired.score.hard, 0, "{}", repaired.score);
    let changed: Vec<i64> = i
        .shifts
        .iter()
        .filter(|s| repaired.solution.assignments.get(&s.id) != published.assignments.get(&s.id))
        .map(|s| s.id)
        .collect();
    for s in &theirs {
        assert!(changed.contains(s), "shift {s} is given to someone else");
        assert_ne!(repaired.solution.assignments[s], sick);
    }
    // Each shift of the sick guard goes straight to another guard: no
    // other shift moves, none before the call.
    assert_eq!(changed.len(), theirs.len(), "{changed:?} vs {theirs:?}");
}

#[test]
fn every_guard_keeps_the_weekly_rest_when_the_rule_applies() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut i) = instance(dir.path(), 9, &[]);
    // A roster made without the rule, judged by a rule of two days off in
    // a row each week (the law asks for one; two makes it bind here):
    // broken, and named guard by guard.
    let free = solve(&i, &Constraints::default(), moves(300_000, 0)).unwrap();
    i.rules.min_weekly_rest_hours = Some(48);
    let named = antt_roster::violations(&i, &free.solution);
    let breaches = named
        .iter()
        .filter(|v| matches!(v, antt_roster::Violation::NoWeeklyRest { .. }))
        .count() as i64;
    assert!(breaches > 0);
    assert_eq!(score(&i, &free.solution).part("weekly_rest"), breaches);
    // Made with the rule, it keeps it.
    let solved = solve(&i, &Constraints::default(), moves(400_000, 0)).unwrap();
    assert_eq!(solved.score.hard, 0, "{}", solved.score);
    assert!(antt_roster::violations(&i, &solved.solution).is_empty());
}
