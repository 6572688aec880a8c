//! Guard-duty rostering: who stands which shift of a month, by the labour
//! law (12 hours' rest between shifts, 48 hours a week), the skills posts
//! need and the days guards cannot or would rather not work, spread
//! fairly. The model reads the exchange format of the reference solvers
//! (`instance`), scores a roster exactly as `score.py` (`score`), and
//! solves or repairs one (`solve`).

mod instance;
mod model;
mod score;
mod search;

use std::time::Duration;

pub use instance::{Guard, Instance, Rules, Shift, Solution, Weights};
pub use model::{Absence, Constraints};
pub use score::{Score, Violation, score, violations};
pub use search::{Limits, Run};

/// Why a problem cannot be solved as given.
#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    #[error("invalid roster problem: {0}")]
    Invalid(String),
}

/// A roster found, with how the search ran.
#[derive(Clone, Debug)]
pub struct Solved {
    pub solution: Solution,
    pub score: Score,
    pub run: Run,
}

/// Solves `instance` within `limits`, keeping `constraints`.
pub fn solve(
    instance: &Instance,
    constraints: &Constraints,
    limits: Limits,
) -> Result<Solved, RosterError> {
    let m = model::Model::new(instance, constraints)?;
    let (asg, run) = search::search(&m, limits);
    let solution = Solution {
        assignments: asg
            .iter()
            .enumerate()
            .filter(|(_, g)| **g != model::NONE)
            .map(|(s, &g)| (m.shift_ids[s], m.guard_ids[g as usize]))
            .collect(),
    };
    let score = score(instance, &solution);
    Ok(Solved {
        solution,
        score,
        run,
    })
}

/// A guard calls in sick: the roster again from `absence.from`, the shifts
/// before it as they were, the guard on none of the shifts that overlap
/// the absence, and as few other shifts changed as the rules allow.
pub fn repair(
    instance: &Instance,
    published: &Solution,
    fixed_by_hand: &[(i64, i64)],
    absence: Absence,
    limits: Limits,
) -> Result<Solved, RosterError> {
    let started: std::collections::HashSet<i64> = instance
        .shifts
        .iter()
        .filter(|s| s.start < absence.from)
        .map(|s| s.id)
        .collect();
    let mut fixed: Vec<(i64, i64)> = published
        .assignments
        .iter()
        .filter(|(s, _)| started.contains(s))
        .map(|(s, g)| (*s, *g))
        .collect();
    fixed.extend(
        fixed_by_hand
            .iter()
            .filter(|(s, g)| !started.contains(s) && *g != absence.guard),
    );
    let constraints = Constraints {
        fixed,
        absences: vec![absence],
        previous: published
            .assignments
            .iter()
            .map(|(s, g)| (*s, *g))
            .collect(),
        change_cost: CHANGE_COST,
    };
    // A repair is asked for at the gate: it stops once a few cycles of
    // the search have had their chance, well within a second.
    let limits = Limits {
        moves: limits
            .moves
            .or(Some(REPAIR_MOVES_PER_SHIFT * instance.shifts.len() as u64)),
        ..limits
    };
    solve(instance, &constraints, limits)
}

/// The moves a repair makes per shift of the month when not told.
const REPAIR_MOVES_PER_SHIFT: u64 = 3_000;

/// A changed shift in a repair outweighs every wish: a guard's day is not
/// moved to spare another guard's preference.
pub const CHANGE_COST: i64 = 1_000;

impl Limits {
    /// Stop after `seconds`, from seed 0.
    pub fn seconds(seconds: f64) -> Self {
        Self {
            time: Duration::from_secs_f64(seconds.max(0.0)),
            moves: None,
            seed: 0,
        }
    }
}
