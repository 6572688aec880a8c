//! The instance turned into flat arrays the search reads millions of times
//! a second: per shift its time, week, conflicts and nearby shifts; per
//! shift and guard whether the guard may stand it and what it costs.

// Indexes are u32 and counts i64: `Model::new` refuses a problem with more
// than a million shifts or guards, far beyond a province's month.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_precision_loss
)]

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::RosterError;
use crate::instance::Instance;

/// No guard.
pub(crate) const NONE: u32 = u32::MAX;

/// The most shifts or guards one problem may have.
const LARGEST: usize = 1_000_000;

/// What a solve must respect besides the instance.
#[derive(Clone, Debug, Default)]
pub struct Constraints {
    /// Shifts the office fixed by hand: shift id to guard id; never moved.
    pub fixed: Vec<(i64, i64)>,
    /// Guards away for part of a day (sick from 14:00): no shift that
    /// overlaps the time.
    pub absences: Vec<Absence>,
    /// The roster this one replaces: each shift given to another guard
    /// than here costs `change_cost` (a repair changes as little as it can).
    pub previous: Vec<(i64, i64)>,
    pub change_cost: i64,
}

/// A guard away from `from` until `until`.
#[derive(Clone, Copy, Debug)]
pub struct Absence {
    pub guard: i64,
    pub from: chrono::NaiveDateTime,
    pub until: chrono::NaiveDateTime,
}

pub(crate) struct Model {
    pub shifts: usize,
    /// Minutes since the epoch, local time.
    pub start: Vec<i64>,
    pub end: Vec<i64>,
    /// The weekly-rest rule in minutes, with the calendar weeks it is
    /// judged in (Monday 00:00 to the next, as minutes) and, per shift, the
    /// first and last of those weeks it overlaps.
    pub weekly_rest: Option<i64>,
    pub rest_weeks: Vec<(i64, i64)>,
    pub rest_week_span: Vec<(usize, usize)>,
    pub guards: usize,
    pub weeks: usize,
    pub max_week_hours: i64,
    pub hours: Vec<i64>,
    /// Each guard's overtime cap over the instance, and each shift's
    /// overtime.
    pub max_overtime: Vec<Option<i64>>,
    pub overtime: Vec<i64>,
    /// Each guard's contracted hours over the instance, if known.
    pub contracted: Vec<Option<i64>>,
    pub night: Vec<bool>,
    pub week: Vec<usize>,
    /// `shifts × guards`: may the guard stand the shift (skill, free day).
    pub allowed: Vec<bool>,
    /// `shifts × guards`: the wish cost of the guard on the shift.
    pub cost: Vec<i64>,
    /// The guards allowed on each shift.
    pub candidates: Vec<Vec<u32>>,
    /// Shifts too close to each shift for one guard to stand both.
    pub conflicts: Vec<Vec<u32>>,
    /// Shifts starting within two days of each shift: swap partners.
    pub near: Vec<Vec<u32>>,
    pub fixed: Vec<u32>,
    /// The instance's ids, by index.
    pub shift_ids: Vec<i64>,
    pub guard_ids: Vec<i64>,
}

impl Model {
    pub(crate) fn new(i: &Instance, c: &Constraints) -> Result<Self, RosterError> {
        let shift_index = index(i.shifts.iter().map(|s| s.id), "shift")?;
        let guard_index = index(i.guards.iter().map(|g| g.id), "guard")?;
        let (n, g_count) = (i.shifts.len(), i.guards.len());
        if n > LARGEST || g_count > LARGEST {
            return Err(RosterError::Invalid(format!(
                "{n} shifts and {g_count} guards: at most {LARGEST} of each"
            )));
        }
        for s in &i.shifts {
            if s.end <= s.start || s.hours < 0 {
                return Err(RosterError::Invalid(format!(
                    "shift {} ends before it starts",
                    s.id
                )));
            }
        }
        let minutes = |t: chrono::NaiveDateTime| t.and_utc().timestamp() / 60;
        let start: Vec<i64> = i.shifts.iter().map(|s| minutes(s.start)).collect();
        let end: Vec<i64> = i.shifts.iter().map(|s| minutes(s.end)).collect();
        let mut week_keys: Vec<(i32, u32)> = i
            .shifts
            .iter()
            .map(|s| {
                let w = s.start.date().iso_week();
                (w.year(), w.week())
            })
            .collect();
        let week_of = week_keys.clone();
        week_keys.sort_unstable();
        week_keys.dedup();
        let week = week_of
            .iter()
            .map(|k| week_keys.binary_search(k).unwrap_or(0))
            .collect();

        let w = i.rules.weights;
        let mut allowed = vec![false; n * g_count];
        let mut cost = vec![0; n * g_count];
        let previous = lookup(&c.previous, &shift_index, &guard_index)?;
        for (si, s) in i.shifts.iter().enumerate() {
            let day: NaiveDate = s.start.date();
            for (gi, g) in i.guards.iter().enumerate() {
                let k = si * g_count + gi;
                allowed[k] = s.skill.as_ref().is_none_or(|k| g.skills.contains(k))
                    && !g.unavailable.contains(&day)
                    && (s.reinforcement || !g.reinforcement);
                cost[k] = if g.undesired.contains(&day) {
                    w.undesired_day
                } else {
                    0
                } + if s.campus == g.home_campus {
                    0
                } else {
                    w.away_from_home
                } + if previous[si] != NONE && previous[si] as usize != gi {
                    c.change_cost
                } else {
                    0
                };
            }
        }
        for a in &c.absences {
            let gi = *guard_index
                .get(&a.guard)
                .ok_or_else(|| RosterError::Invalid(format!("no guard {}", a.guard)))?;
            for (si, s) in i.shifts.iter().enumerate() {
                if s.start < a.until && a.from < s.end {
                    allowed[si * g_count + gi] = false;
                }
            }
        }
        let candidates = (0..n)
            .map(|s| {
                (0..g_count as u32)
                    .filter(|&g| allowed[s * g_count + g as usize])
                    .collect()
            })
            .collect();

        // Shifts sorted by start: conflicts and neighbours are a window.
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&s| start[s]);
        let rest = i.rules.min_rest_hours * 60;
        let longest = (0..n).map(|s| end[s] - start[s]).max().unwrap_or(0);
        let mut conflicts = vec![Vec::new(); n];
        let mut near = vec![Vec::new(); n];
        let reach = longest + rest;
        for (pos, &a) in order.iter().enumerate() {
            for &b in &order[pos + 1..] {
                if start[b] - start[a] > reach.max(2 * 24 * 60) {
                    break;
                }
                if start[b] < end[a] + rest && start[a] < end[b] + rest {
                    conflicts[a].push(b as u32);
                    conflicts[b].push(a as u32);
                }
                if start[b] - start[a] <= 2 * 24 * 60 {
                    near[a].push(b as u32);
                    near[b].push(a as u32);
                }
            }
        }
        let (rest_weeks, rest_week_span) = rest_weeks(&start, &end);
        Ok(Self {
            shifts: n,
            weekly_rest: i.rules.min_weekly_rest_hours.map(|h| h * 60),
            rest_weeks,
            rest_week_span,
            guards: g_count,
            weeks: week_keys.len(),
            max_week_hours: i.rules.max_hours_per_week,
            start,
            end,
            hours: i.shifts.iter().map(|s| s.hours).collect(),
            max_overtime: i.guards.iter().map(|g| g.overtime_cap(&i.rules)).collect(),
            overtime: i.shifts.iter().map(|s| overtime(s, &i.rules)).collect(),
            contracted: i.guards.iter().map(|g| g.contracted_hours).collect(),
            night: i.shifts.iter().map(|s| s.night).collect(),
            week,
            allowed,
            cost,
            candidates,
            conflicts,
            near,
            fixed: lookup(&c.fixed, &shift_index, &guard_index)?,
            shift_ids: i.shifts.iter().map(|s| s.id).collect(),
            guard_ids: i.guards.iter().map(|g| g.id).collect(),
        })
    }
}

/// The hours of `shift` beyond a normal day's.
pub(crate) fn overtime(shift: &crate::instance::Shift, rules: &crate::instance::Rules) -> i64 {
    (shift.hours - rules.normal_hours_per_shift).max(0)
}

/// Calendar weeks as minute windows, and each shift's first and last.
pub(crate) type RestWeeks = (Vec<(i64, i64)>, Vec<(usize, usize)>);

/// The calendar weeks (Monday 00:00 to Monday 00:00, in minutes) from the
/// first shift to the last, and the first and last week each shift overlaps.
pub(crate) fn rest_weeks(start: &[i64], end: &[i64]) -> RestWeeks {
    const WEEK: i64 = 7 * 24 * 60;
    let (Some(first), Some(last)) = (start.iter().min(), end.iter().max()) else {
        return (Vec::new(), Vec::new());
    };
    // The epoch (1/1/1970) was a Thursday: Mondays fall 3 days later.
    let monday = |t: i64| (t - 4 * 24 * 60).div_euclid(WEEK) * WEEK + 4 * 24 * 60;
    let origin = monday(*first);
    let weeks = (last - origin).div_euclid(WEEK) + 1;
    let windows = (0..weeks)
        .map(|k| (origin + k * WEEK, origin + (k + 1) * WEEK))
        .collect();
    let index = |t: i64| usize::try_from((t - origin).div_euclid(WEEK)).unwrap_or(0);
    let span = start
        .iter()
        .zip(end)
        .map(|(s, e)| (index(*s), index(e - 1)))
        .collect();
    (windows, span)
}

/// The longest time free of `busy` intervals within `window`.
pub(crate) fn longest_gap(window: (i64, i64), busy: &mut [(i64, i64)]) -> i64 {
    busy.sort_unstable();
    let mut cursor = window.0;
    let mut longest = 0;
    for &(s, e) in busy.iter() {
        longest = longest.max(s.max(window.0) - cursor);
        cursor = cursor.max(e.min(window.1));
    }
    longest.max(window.1 - cursor)
}

fn index(ids: impl Iterator<Item = i64>, what: &str) -> Result<HashMap<i64, usize>, RosterError> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        if map.insert(id, i).is_some() {
            return Err(RosterError::Invalid(format!(
                "{what} id {id} appears twice"
            )));
        }
    }
    Ok(map)
}

/// Shift → guard pairs as a per-shift array of guard indexes.
fn lookup(
    pairs: &[(i64, i64)],
    shifts: &HashMap<i64, usize>,
    guards: &HashMap<i64, usize>,
) -> Result<Vec<u32>, RosterError> {
    let mut out = vec![NONE; shifts.len()];
    for (s, g) in pairs {
        let si = shifts
            .get(s)
            .ok_or_else(|| RosterError::Invalid(format!("no shift {s}")))?;
        let gi = guards
            .get(g)
            .ok_or_else(|| RosterError::Invalid(format!("no guard {g}")))?;
        out[*si] = *gi as u32;
    }
    Ok(out)
}
