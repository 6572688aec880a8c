//! The exact score of a roster, rule by rule as `score.py` judges it: hard
//! violations (an empty shift, a missing skill, a day the guard cannot
//! work, short rest or an overlap, hours above the week's limit) and the
//! soft cost (unwanted days, shifts away from home, uneven shares of
//! shifts and of nights).

// Indexes are u32 and counts i64: `Model::new` refuses a problem with more
// than a million shifts or guards, far beyond a province's month.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_precision_loss
)]

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::{Datelike, Duration};

use crate::instance::{Instance, Shift, Solution};

/// A roster's score with its breakdown by rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Score {
    pub hard: i64,
    pub soft: i64,
    /// Each rule that counted, by its name in `score.py`.
    pub parts: BTreeMap<&'static str, i64>,
}

impl Score {
    /// What a rule counted (0 when it did not).
    pub fn part(&self, rule: &str) -> i64 {
        self.parts.get(rule).copied().unwrap_or(0)
    }
}

/// `hard=H soft=S rule=n …`, the line `score.py` prints.
impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "hard={} soft={}", self.hard, self.soft)?;
        for (k, v) in &self.parts {
            write!(f, " {k}={v}")?;
        }
        Ok(())
    }
}

const HARD: [&str; 8] = [
    "unfilled",
    "missing_skill",
    "unavailable_day",
    "rest_or_overlap",
    "week_hours_excess",
    "weekly_rest",
    "overtime_excess",
    "reinforcement_only",
];

/// One broken hard rule, with what it names, for the office to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Violation {
    /// Nobody stands the shift.
    Unfilled { shift: i64 },
    /// The guard lacks the skill the shift needs.
    MissingSkill { shift: i64, guard: i64 },
    /// The shift falls on a day the guard cannot work.
    UnavailableDay { shift: i64, guard: i64 },
    /// Less rest than the rule between two shifts of the guard, or an
    /// overlap: `rest_minutes` is negative for an overlap.
    ShortRest {
        guard: i64,
        first: i64,
        second: i64,
        rest_minutes: i64,
    },
    /// More hours in the ISO week than the rule.
    LongWeek {
        guard: i64,
        year: i32,
        week: u32,
        hours: i64,
    },
    /// No rest of the rule's length in the calendar week starting on
    /// `monday` (its longest free stretch: `longest_rest_minutes`).
    NoWeeklyRest {
        guard: i64,
        monday: chrono::NaiveDate,
        longest_rest_minutes: i64,
    },
    /// More overtime over the instance than the guard's cap.
    Overtime { guard: i64, hours: i64, cap: i64 },
    /// A reinforcement member on a shift that is not reinforcement.
    ReinforcementOnly { shift: i64, guard: i64 },
}

/// Each guard's overtime above their cap, when one applies: (guard,
/// hours, cap).
fn overtime_excess<'s>(
    instance: &Instance,
    by_guard: impl Iterator<Item = (i64, &'s [&'s Shift])>,
) -> Vec<(i64, i64, i64)> {
    let guards: HashMap<i64, &crate::instance::Guard> =
        instance.guards.iter().map(|g| (g.id, g)).collect();
    by_guard
        .filter_map(|(g, shifts)| {
            let guard = guards.get(&g)?;
            let cap = guard.overtime_cap(&instance.rules)?;
            let overtime = guard.overtime(
                shifts.iter().map(|s| s.hours).sum(),
                shifts
                    .iter()
                    .map(|s| crate::model::overtime(s, &instance.rules))
                    .sum(),
            );
            (overtime > cap).then_some((g, overtime, cap))
        })
        .collect()
}

/// Each guard's weeks without the weekly rest, when the rule applies.
fn weekly_rest_breaches(
    instance: &Instance,
    by_guard: &BTreeMap<i64, Vec<&Shift>>,
) -> Vec<Violation> {
    let Some(rest) = instance.rules.min_weekly_rest_hours else {
        return Vec::new();
    };
    let minutes = |t: chrono::NaiveDateTime| t.and_utc().timestamp() / 60;
    let all_start: Vec<i64> = instance.shifts.iter().map(|s| minutes(s.start)).collect();
    let all_end: Vec<i64> = instance.shifts.iter().map(|s| minutes(s.end)).collect();
    let (weeks, _) = crate::model::rest_weeks(&all_start, &all_end);
    let mut out = Vec::new();
    for (guard, shifts) in by_guard {
        for &(from, until) in &weeks {
            let mut busy: Vec<(i64, i64)> = shifts
                .iter()
                .map(|s| (minutes(s.start), minutes(s.end)))
                .filter(|(s, e)| *s < until && from < *e)
                .collect();
            if busy.is_empty() {
                continue;
            }
            let longest = crate::model::longest_gap((from, until), &mut busy);
            if longest < rest * 60 {
                out.push(Violation::NoWeeklyRest {
                    guard: *guard,
                    monday: chrono::DateTime::from_timestamp(from * 60, 0)
                        .map(|t| t.date_naive())
                        .unwrap_or_default(),
                    longest_rest_minutes: longest,
                });
            }
        }
    }
    out
}

/// Every hard rule the roster breaks, in the order of the rules.
pub fn violations(instance: &Instance, solution: &Solution) -> Vec<Violation> {
    let guards: HashMap<i64, &crate::instance::Guard> =
        instance.guards.iter().map(|g| (g.id, g)).collect();
    let mut out = Vec::new();
    let mut by_guard: BTreeMap<i64, Vec<&Shift>> = BTreeMap::new();
    for s in &instance.shifts {
        let Some(g) = solution.assignments.get(&s.id).and_then(|g| guards.get(g)) else {
            out.push(Violation::Unfilled { shift: s.id });
            continue;
        };
        by_guard.entry(g.id).or_default().push(s);
        if s.skill.as_ref().is_some_and(|k| !g.skills.contains(k)) {
            out.push(Violation::MissingSkill {
                shift: s.id,
                guard: g.id,
            });
        }
        if g.unavailable.contains(&s.start.date()) {
            out.push(Violation::UnavailableDay {
                shift: s.id,
                guard: g.id,
            });
        }
        if g.reinforcement && !s.reinforcement {
            out.push(Violation::ReinforcementOnly {
                shift: s.id,
                guard: g.id,
            });
        }
    }
    let rest = Duration::hours(instance.rules.min_rest_hours);
    for (guard, shifts) in &mut by_guard {
        shifts.sort_by_key(|s| s.start);
        for pair in shifts.windows(2) {
            if pair[1].start < pair[0].end + rest {
                out.push(Violation::ShortRest {
                    guard: *guard,
                    first: pair[0].id,
                    second: pair[1].id,
                    rest_minutes: (pair[1].start - pair[0].end).num_minutes(),
                });
            }
        }
        let mut weeks: BTreeMap<(i32, u32), i64> = BTreeMap::new();
        for s in shifts.iter() {
            let week = s.start.date().iso_week();
            *weeks.entry((week.year(), week.week())).or_default() += s.hours;
        }
        for ((year, week), hours) in weeks {
            if hours > instance.rules.max_hours_per_week {
                out.push(Violation::LongWeek {
                    guard: *guard,
                    year,
                    week,
                    hours,
                });
            }
        }
    }
    out.extend(weekly_rest_breaches(instance, &by_guard));
    out.extend(
        overtime_excess(instance, by_guard.iter().map(|(g, s)| (*g, s.as_slice())))
            .into_iter()
            .map(|(guard, hours, cap)| Violation::Overtime { guard, hours, cap }),
    );
    out
}

/// Scores `solution` against `instance`.
pub fn score(instance: &Instance, solution: &Solution) -> Score {
    let mut parts: BTreeMap<&'static str, i64> = BTreeMap::new();
    let mut add = |rule: &'static str, n: i64| *parts.entry(rule).or_default() += n;
    let guards: HashMap<i64, &crate::instance::Guard> =
        instance.guards.iter().map(|g| (g.id, g)).collect();
    let w = instance.rules.weights;
    let mut by_guard: HashMap<i64, Vec<&Shift>> = HashMap::new();
    for s in &instance.shifts {
        let Some((gid, g)) = solution
            .assignments
            .get(&s.id)
            .and_then(|gid| guards.get(gid).map(|g| (*gid, g)))
        else {
            add("unfilled", 1);
            continue;
        };
        by_guard.entry(gid).or_default().push(s);
        if s.skill.as_ref().is_some_and(|k| !g.skills.contains(k)) {
            add("missing_skill", 1);
        }
        let day = s.start.date();
        if g.unavailable.contains(&day) {
            add("unavailable_day", 1);
        }
        if g.undesired.contains(&day) {
            add("undesired_day", w.undesired_day);
        }
        if g.reinforcement && !s.reinforcement {
            add("reinforcement_only", 1);
        }
        if s.campus != g.home_campus {
            add("away_from_home", w.away_from_home);
        }
    }
    let rest = Duration::hours(instance.rules.min_rest_hours);
    for shifts in by_guard.values_mut() {
        shifts.sort_by_key(|s| s.start);
        for pair in shifts.windows(2) {
            if pair[1].start < pair[0].end + rest {
                add("rest_or_overlap", 1);
            }
        }
        let mut weeks: BTreeMap<(i32, u32), i64> = BTreeMap::new();
        for s in shifts.iter() {
            let week = s.start.date().iso_week();
            *weeks.entry((week.year(), week.week())).or_default() += s.hours;
        }
        for hours in weeks.values() {
            if *hours > instance.rules.max_hours_per_week {
                add(
                    "week_hours_excess",
                    hours - instance.rules.max_hours_per_week,
                );
            }
        }
    }
    if instance.rules.min_weekly_rest_hours.is_some() {
        let sorted: BTreeMap<i64, Vec<&Shift>> =
            by_guard.iter().map(|(g, s)| (*g, s.clone())).collect();
        parts.insert(
            "weekly_rest",
            weekly_rest_breaches(instance, &sorted).len() as i64,
        );
    }
    if instance.rules.max_overtime_hours.is_some()
        || instance
            .guards
            .iter()
            .any(|g| g.max_overtime_hours.is_some())
    {
        let excess: i64 =
            overtime_excess(instance, by_guard.iter().map(|(g, s)| (*g, s.as_slice())))
                .iter()
                .map(|(_, hours, cap)| hours - cap)
                .sum();
        parts.insert("overtime_excess", excess);
    }
    let counts: Vec<i64> = instance
        .guards
        .iter()
        .map(|g| by_guard.get(&g.id).map_or(0, Vec::len) as i64)
        .collect();
    let nights: Vec<i64> = instance
        .guards
        .iter()
        .map(|g| {
            by_guard
                .get(&g.id)
                .map_or(0, |ss| ss.iter().filter(|s| s.night).count()) as i64
        })
        .collect();
    parts.insert("fairness_shifts", squares_above_even(&counts));
    parts.insert("fairness_nights", squares_above_even(&nights));
    let hard = HARD
        .iter()
        .map(|r| parts.get(r).copied().unwrap_or(0))
        .sum();
    let soft = parts.values().sum::<i64>() - hard;
    Score { hard, soft, parts }
}

/// The sum of squared counts above the most even split of their total.
pub(crate) fn squares_above_even(counts: &[i64]) -> i64 {
    let n = counts.len() as i64;
    if n == 0 {
        return 0;
    }
    let total: i64 = counts.iter().sum();
    let (q, r) = (total.div_euclid(n), total.rem_euclid(n));
    let best = r * (q + 1) * (q + 1) + (n - r) * q * q;
    counts.iter().map(|c| c * c).sum::<i64>() - best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_even_split_costs_nothing_and_an_uneven_one_its_squares() {
        assert_eq!(squares_above_even(&[3, 3, 4]), 0);
        assert_eq!(squares_above_even(&[2, 4, 4]), 36 - 34);
        assert_eq!(squares_above_even(&[]), 0);
    }
}
