//! The search: a greedy roster in time order, then simulated annealing
//! over two moves (give a shift to another guard; swap two guards' shifts)
//! that never break a hard rule, with an empty shift costing more than any
//! wish. Cycles of cooling each start again from the best roster found.
//!
//! Deterministic: the same instance, constraints and seed make the same
//! moves in the same order; a time limit only decides where the run stops
//! (a move budget makes it stop at the same place on every machine).

// Indexes are u32 and counts i64: `Model::new` refuses a problem with more
// than a million shifts or guards, far beyond a province's month.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_precision_loss
)]

use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::model::{Model, NONE};

/// An empty shift costs more than any roster of wishes can.
const UNFILLED: i64 = 1_000_000;

/// When to stop and where to start.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub time: Duration,
    /// Stop after this many moves, whatever the time.
    pub moves: Option<u64>,
    pub seed: u64,
}

/// What the search did.
#[derive(Clone, Copy, Debug)]
pub struct Run {
    pub moves: u64,
    /// The move at which the best roster was found.
    pub best_at: u64,
    pub elapsed: Duration,
}

struct State<'m> {
    m: &'m Model,
    asg: Vec<u32>,
    count: Vec<i64>,
    nights: Vec<i64>,
    /// `guards × weeks`.
    week_hours: Vec<i64>,
    /// Each guard's shifts' overtime and hours over the instance.
    overtime: Vec<i64>,
    hours: Vec<i64>,
    /// `guards × rest weeks`: the shifts of each guard overlapping each
    /// calendar week (kept only when the weekly-rest rule applies).
    rest_week_shifts: Vec<Vec<u32>>,
    unfilled: usize,
    cost: i64,
}

impl<'m> State<'m> {
    fn empty(m: &'m Model) -> Self {
        Self {
            m,
            asg: vec![NONE; m.shifts],
            count: vec![0; m.guards],
            nights: vec![0; m.guards],
            week_hours: vec![0; m.guards * m.weeks],
            overtime: vec![0; m.guards],
            hours: vec![0; m.guards],
            rest_week_shifts: if m.weekly_rest.is_some() {
                vec![Vec::new(); m.guards * m.rest_weeks.len()]
            } else {
                Vec::new()
            },
            unfilled: m.shifts,
            cost: UNFILLED * m.shifts as i64,
        }
    }

    fn wh(&self, g: u32, s: usize) -> i64 {
        self.week_hours[g as usize * self.m.weeks + self.m.week[s]]
    }

    /// Can `g` stand `s` besides what they stand, leaving `ignore` aside?
    fn fits(&self, s: usize, g: u32, ignore: u32) -> bool {
        let m = self.m;
        if !m.allowed[s * m.guards + g as usize] {
            return false;
        }
        if m.conflicts[s]
            .iter()
            .any(|&c| c != ignore && self.asg[c as usize] == g)
        {
            return false;
        }
        let freed = if ignore != NONE && m.week[ignore as usize] == m.week[s] {
            m.hours[ignore as usize]
        } else {
            0
        };
        self.wh(g, s) + m.hours[s] - freed <= m.max_week_hours
            && self.within_overtime(s, g, ignore)
            && self.rests(s, g, ignore)
    }

    /// With `s` and without `ignore`, is `g`'s overtime within the cap?
    fn within_overtime(&self, s: usize, g: u32, ignore: u32) -> bool {
        let m = self.m;
        let Some(cap) = m.max_overtime[g as usize] else {
            return true;
        };
        let (freed, freed_hours) = if ignore == NONE {
            (0, 0)
        } else {
            (m.overtime[ignore as usize], m.hours[ignore as usize])
        };
        let gi = g as usize;
        crate::instance::overtime_of(
            m.contracted[gi],
            self.hours[gi] + m.hours[s] - freed_hours,
            self.overtime[gi] + m.overtime[s] - freed,
        ) <= cap
    }

    /// With `s` and without `ignore`, does `g` keep the weekly rest in
    /// every week `s` touches?
    fn rests(&self, s: usize, g: u32, ignore: u32) -> bool {
        let m = self.m;
        let Some(rest) = m.weekly_rest else {
            return true;
        };
        let (first, last) = m.rest_week_span[s];
        (first..=last).all(|w| {
            let mut busy: Vec<(i64, i64)> = self.rest_week_shifts
                [g as usize * m.rest_weeks.len() + w]
                .iter()
                .filter(|&&x| x != ignore)
                .map(|&x| (m.start[x as usize], m.end[x as usize]))
                .collect();
            busy.push((m.start[s], m.end[s]));
            crate::model::longest_gap(m.rest_weeks[w], &mut busy) >= rest
        })
    }

    fn track_rest_weeks(&mut self, s: usize, g: u32, add: bool) {
        let m = self.m;
        if m.weekly_rest.is_none() {
            return;
        }
        let (first, last) = m.rest_week_span[s];
        for w in first..=last {
            let in_week = &mut self.rest_week_shifts[g as usize * m.rest_weeks.len() + w];
            if add {
                in_week.push(s as u32);
            } else {
                in_week.retain(|&x| x as usize != s);
            }
        }
    }

    /// The cost of adding `s` to `g` (its fairness share included).
    fn gain(&self, s: usize, g: u32) -> i64 {
        let gi = g as usize;
        let mut d = self.m.cost[s * self.m.guards + gi] + 2 * self.count[gi] + 1;
        if self.m.night[s] {
            d += 2 * self.nights[gi] + 1;
        }
        d
    }

    /// The cost of taking `s` from `g` (negative: it saves).
    fn loss(&self, s: usize, g: u32) -> i64 {
        if g == NONE {
            return -UNFILLED;
        }
        let gi = g as usize;
        let mut d = -self.m.cost[s * self.m.guards + gi] - 2 * self.count[gi] + 1;
        if self.m.night[s] {
            d += -2 * self.nights[gi] + 1;
        }
        d
    }

    fn set(&mut self, s: usize, g: u32) {
        let m = self.m;
        let old = self.asg[s];
        if old == g {
            return;
        }
        if old == NONE {
            self.unfilled -= 1;
        } else {
            let o = old as usize;
            self.cost += self.loss(s, old);
            self.count[o] -= 1;
            if m.night[s] {
                self.nights[o] -= 1;
            }
            self.week_hours[o * m.weeks + m.week[s]] -= m.hours[s];
            self.overtime[o] -= m.overtime[s];
            self.hours[o] -= m.hours[s];
            self.track_rest_weeks(s, old, false);
        }
        if g == NONE {
            self.unfilled += 1;
            self.cost += UNFILLED;
        } else {
            let gi = g as usize;
            self.cost += self.gain(s, g);
            if old == NONE {
                self.cost -= UNFILLED;
            }
            self.count[gi] += 1;
            if m.night[s] {
                self.nights[gi] += 1;
            }
            self.week_hours[gi * m.weeks + m.week[s]] += m.hours[s];
            self.overtime[gi] += m.overtime[s];
            self.hours[gi] += m.hours[s];
            self.track_rest_weeks(s, g, true);
        }
        self.asg[s] = g;
    }

    /// Each shift in time order to the guard it costs least, fixed
    /// shifts first and as fixed.
    fn greedy(&mut self) {
        let m = self.m;
        for s in 0..m.shifts {
            if m.fixed[s] != NONE {
                self.set(s, m.fixed[s]);
            }
        }
        // Shifts few guards can stand go first.
        let mut order: Vec<usize> = (0..m.shifts).filter(|&s| m.fixed[s] == NONE).collect();
        order.sort_by_key(|&s| (m.candidates[s].len(), s));
        for s in order {
            let best = m.candidates[s]
                .iter()
                .copied()
                .filter(|&g| self.fits(s, g, NONE))
                .min_by_key(|&g| (self.gain(s, g), g));
            if let Some(g) = best {
                self.set(s, g);
            }
        }
    }
}

/// Solves the model; the best roster as a guard index per shift.
pub(crate) fn search(m: &Model, limits: Limits) -> (Vec<u32>, Run) {
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(limits.seed);
    let mut state = State::empty(m);
    state.greedy();
    let mut best = state.asg.clone();
    let mut best_cost = state.cost;
    let mut best_at = 0u64;
    let movable: Vec<usize> = (0..m.shifts).filter(|&s| m.fixed[s] == NONE).collect();
    if movable.is_empty() || m.guards == 0 {
        return (
            best,
            Run {
                moves: 0,
                best_at,
                elapsed: started.elapsed(),
            },
        );
    }
    let cycle = 4_000 * movable.len() as u64;
    let (hot, cold) = (3.0_f64, 0.05_f64);
    let mut moves = 0u64;
    'search: loop {
        for step in 0..cycle {
            if moves.is_multiple_of(4096)
                && (started.elapsed() >= limits.time || limits.moves.is_some_and(|n| moves >= n))
            {
                break 'search;
            }
            moves += 1;
            let t = hot * (cold / hot).powf(step as f64 / cycle as f64);
            let s = movable[rng.gen_range(0..movable.len())];
            let accepted = if state.asg[s] == NONE || rng.gen_bool(0.5) {
                try_move(&mut state, s, t, &mut rng)
            } else {
                try_swap(&mut state, s, t, &mut rng)
            };
            if accepted && state.cost < best_cost {
                best_cost = state.cost;
                best.clone_from(&state.asg);
                best_at = moves;
            }
        }
        // The next cycle starts from the best roster found.
        let mut restart = State::empty(m);
        for (s, &g) in best.iter().enumerate() {
            if g != NONE {
                restart.set(s, g);
            }
        }
        state = restart;
    }
    (
        best,
        Run {
            moves,
            best_at,
            elapsed: started.elapsed(),
        },
    )
}

fn accept(delta: i64, t: f64, rng: &mut StdRng) -> bool {
    delta <= 0 || rng.r#gen::<f64>() < (-(delta as f64) / t).exp()
}

/// Gives `s` to another guard allowed on it; an empty shift may take a
/// guard by leaving one of theirs empty (an ejection), so the search can
/// reach full rosters through crowded weeks.
fn try_move(st: &mut State<'_>, s: usize, t: f64, rng: &mut StdRng) -> bool {
    let m = st.m;
    let cands = &m.candidates[s];
    if cands.is_empty() {
        return false;
    }
    let g = cands[rng.gen_range(0..cands.len())];
    let old = st.asg[s];
    if g == old {
        return false;
    }
    if st.fits(s, g, NONE) {
        let delta = st.loss(s, old) + st.gain(s, g);
        if accept(delta, t, rng) {
            st.set(s, g);
            return true;
        }
        return false;
    }
    if old != NONE {
        return false;
    }
    // Ejection: the one shift of g in the way goes empty.
    let mut blocking = m.conflicts[s]
        .iter()
        .copied()
        .filter(|&c| st.asg[c as usize] == g);
    let Some(c) = blocking.next() else {
        return false;
    };
    if blocking.next().is_some() || m.fixed[c as usize] != NONE || !st.fits(s, g, c) {
        return false;
    }
    let c = c as usize;
    let before = st.cost;
    st.set(c, NONE);
    st.set(s, g);
    if accept(st.cost - before, t, rng) {
        true
    } else {
        st.set(s, NONE);
        st.set(c, g);
        false
    }
}

/// Swaps `s` with a shift of another guard starting near it.
fn try_swap(st: &mut State<'_>, s: usize, t: f64, rng: &mut StdRng) -> bool {
    let m = st.m;
    let near = &m.near[s];
    if near.is_empty() {
        return false;
    }
    let o = near[rng.gen_range(0..near.len())] as usize;
    let (g1, g2) = (st.asg[s], st.asg[o]);
    if g1 == NONE || g2 == NONE || g1 == g2 || m.fixed[o] != NONE {
        return false;
    }
    if !st.fits(s, g2, o as u32) || !st.fits(o, g1, s as u32) {
        return false;
    }
    let (a, b) = (g1 as usize, g2 as usize);
    let mut delta = m.cost[s * m.guards + b] + m.cost[o * m.guards + a]
        - m.cost[s * m.guards + a]
        - m.cost[o * m.guards + b];
    match (m.night[s], m.night[o]) {
        (true, false) => delta += 2 * (st.nights[b] - st.nights[a] + 1),
        (false, true) => delta += 2 * (st.nights[a] - st.nights[b] + 1),
        _ => {}
    }
    if accept(delta, t, rng) {
        st.set(s, NONE);
        st.set(o, g1);
        st.set(s, g2);
        true
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_keeps_its_cost_in_step_with_a_recount() {
        // Three guards, six shifts over two days, one needing a skill.
        let json = r#"{"name": "t", "rules": {"min_rest_hours": 12, "max_hours_per_week": 48,
            "weights": {"undesired_day": 10, "away_from_home": 1}},
            "guards": [
              {"id": 0, "name": "a", "home_campus": "A", "skills": ["dorm"], "unavailable": [], "undesired": ["2026-12-01"]},
              {"id": 1, "name": "b", "home_campus": "B", "skills": [], "unavailable": [], "undesired": []},
              {"id": 2, "name": "c", "home_campus": "A", "skills": [], "unavailable": ["2026-12-02"], "undesired": []}],
            "shifts": [
              {"id": 0, "campus": "A", "post": "g", "start": "2026-12-01T06:00:00", "end": "2026-12-01T14:00:00", "hours": 8, "skill": null, "night": false},
              {"id": 1, "campus": "A", "post": "g", "start": "2026-12-01T14:00:00", "end": "2026-12-01T22:00:00", "hours": 8, "skill": null, "night": false},
              {"id": 2, "campus": "A", "post": "d", "start": "2026-12-01T22:00:00", "end": "2026-12-02T06:00:00", "hours": 8, "skill": "dorm", "night": true},
              {"id": 3, "campus": "B", "post": "g", "start": "2026-12-02T06:00:00", "end": "2026-12-02T14:00:00", "hours": 8, "skill": null, "night": false},
              {"id": 4, "campus": "B", "post": "g", "start": "2026-12-02T14:00:00", "end": "2026-12-02T22:00:00", "hours": 8, "skill": null, "night": false},
              {"id": 5, "campus": "B", "post": "g", "start": "2026-12-02T22:00:00", "end": "2026-12-03T06:00:00", "hours": 8, "skill": null, "night": true}]}"#;
        let i: crate::Instance = serde_json::from_str(json).expect("reads");
        let m = Model::new(&i, &crate::Constraints::default()).expect("model");
        let mut rng = StdRng::seed_from_u64(7);
        let mut st = State::empty(&m);
        st.greedy();
        for _ in 0..20_000 {
            let s = rng.gen_range(0..m.shifts);
            if rng.gen_bool(0.5) {
                try_move(&mut st, s, 2.0, &mut rng);
            } else {
                try_swap(&mut st, s, 2.0, &mut rng);
            }
            let mut fresh = State::empty(&m);
            for (s, &g) in st.asg.iter().enumerate() {
                if g != NONE {
                    fresh.set(s, g);
                }
            }
            assert_eq!(st.cost, fresh.cost);
            assert_eq!(st.week_hours, fresh.week_hours);
            assert_eq!(st.overtime, fresh.overtime);
            assert_eq!(st.hours, fresh.hours);
            // No move ever breaks a hard rule.
            for (s, &g) in st.asg.iter().enumerate() {
                if g != NONE {
                    assert!(fresh.fits(s, g, s as u32));
                }
            }
        }
    }
}
