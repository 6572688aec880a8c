//! The figures of tips, incidents and violations over a movement year, for
//! one unit or every unit a province officer oversees: counts by channel,
//! category, month and state, the median time to close, open and overdue
//! tips; incidents by category and campus, transfers to the police, value
//! recovered; violations by kind and how many were disciplined at warning
//! or above. No content of any tip is read.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Utc};

use antt_domain::UnitId;
use antt_domain::incident::{Discipline, ViolationKind};
use antt_domain::plan::{movement_year_end, movement_year_start};
use antt_domain::role::Role;
use antt_domain::tip::{TipCategory, TipChannel, TipState};
use antt_store::tip::TipFact;

use crate::Antt;
use crate::actor::Actor;
use crate::error::{CoreError, CoreResult};
use crate::incident::year_bounds;

/// The figures of a movement year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TipStatistics {
    pub year: i32,
    pub units: usize,
    pub tips: u64,
    pub by_channel: Vec<(TipChannel, u64)>,
    pub by_category: Vec<(TipCategory, u64)>,
    pub by_state: Vec<(TipState, u64)>,
    /// (month, year) from the start of the movement year, with counts.
    pub by_month: Vec<((u32, i32), u64)>,
    /// Hours from receipt to closing, the median of closed tips.
    pub median_hours_to_close: Option<i64>,
    pub open: u64,
    pub overdue: u64,
    pub transferred: u64,
    pub incidents: u64,
    pub incidents_by_category: Vec<(TipCategory, u64)>,
    /// Campus name ("" when none was given), count.
    pub incidents_by_campus: Vec<(String, u64)>,
    pub incidents_transferred: u64,
    /// Đồng.
    pub value_recovered: i64,
    pub violations: u64,
    pub violations_by_kind: Vec<(ViolationKind, u64)>,
    pub violations_by_discipline: Vec<(Discipline, u64)>,
    /// At "warning" or above: what the standard allows none of.
    pub disciplined_warning_or_above: u64,
}

fn ordered<K: Copy + Eq + std::hash::Hash>(all: &[K], counts: &HashMap<K, u64>) -> Vec<(K, u64)> {
    all.iter()
        .map(|k| (*k, counts.get(k).copied().unwrap_or(0)))
        .collect()
}

fn median(mut v: Vec<i64>) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let mid = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        i64::midpoint(v[mid - 1], v[mid])
    } else {
        v[mid]
    })
}

/// The tips' part of the figures, from their facts: pure, for the tests and
/// the benchmark.
pub fn tally(year: i32, facts: &[TipFact], now: DateTime<Utc>) -> TipStatistics {
    let mut channel = HashMap::new();
    let mut category = HashMap::new();
    let mut state = HashMap::new();
    let mut month: HashMap<(u32, i32), u64> = HashMap::new();
    let mut close = Vec::new();
    let mut s = TipStatistics {
        year,
        tips: facts.len() as u64,
        ..TipStatistics::default()
    };
    for f in facts {
        *channel.entry(f.channel).or_insert(0) += 1;
        *category.entry(f.category).or_insert(0) += 1;
        *state.entry(f.state).or_insert(0) += 1;
        let local = f.received_at + chrono::Duration::hours(7);
        *month.entry((local.month(), local.year())).or_insert(0) += 1;
        if let Some(c) = f.closed_at {
            close.push((c - f.received_at).num_hours());
        } else {
            s.open += 1;
            let with_unit = !matches!(f.state, TipState::Transferred);
            if with_unit && now > f.due_at {
                s.overdue += 1;
            }
        }
        if f.state == TipState::Transferred {
            s.transferred += 1;
        }
    }
    s.by_channel = ordered(TipChannel::ALL, &channel);
    s.by_category = ordered(TipCategory::ALL, &category);
    s.by_state = ordered(TipState::ALL, &state);
    // Every month of the year, from November to November.
    let start = movement_year_start(year);
    let mut m = (start.month(), start.year());
    let end = movement_year_end(year);
    loop {
        s.by_month.push((m, month.get(&m).copied().unwrap_or(0)));
        if m == (end.month(), end.year()) {
            break;
        }
        m = if m.0 == 12 {
            (1, m.1 + 1)
        } else {
            (m.0 + 1, m.1)
        };
    }
    s.median_hours_to_close = median(close);
    s
}

impl Antt {
    /// The units whose figures `actor` may see: a unit asked for (its
    /// handlers, leaders, office; a province officer of an overseen unit),
    /// or, for a province officer asking for none, every unit overseen.
    async fn statistics_scope(
        &self,
        actor: &Actor,
        requested: Option<UnitId>,
    ) -> CoreResult<Vec<UnitId>> {
        match (actor.role, requested) {
            (Role::ProvinceOfficer | Role::SystemAdmin, None) => {
                let home = actor.home_unit()?;
                Ok(self.cached_subtree(home).await?.iter().copied().collect())
            }
            (Role::ProvinceOfficer | Role::SystemAdmin, Some(unit)) => {
                self.check_readable(actor, unit).await?;
                Ok(vec![unit])
            }
            (_, requested) => {
                let unit = self.scope(actor, requested).await?;
                if self.handles_tips(actor, unit).await? {
                    Ok(vec![unit])
                } else {
                    Err(CoreError::Forbidden)
                }
            }
        }
    }

    /// The figures of a movement year.
    pub async fn tip_statistics(
        &self,
        actor: &Actor,
        requested: Option<UnitId>,
        year: i32,
    ) -> CoreResult<TipStatistics> {
        let units = self.statistics_scope(actor, requested).await?;
        let (from, to) = year_bounds(year);
        let facts = antt_store::tip::facts(self.db(), &units, from, to).await?;
        let mut s = tally(year, &facts, self.now());
        s.units = units.len();
        let incidents = antt_store::incident::between(self.db(), &units, from, to).await?;
        let mut by_category = HashMap::new();
        let mut by_campus: HashMap<String, u64> = HashMap::new();
        let mut campus_names: HashMap<antt_domain::CampusId, String> = HashMap::new();
        if units.len() == 1 {
            for c in &self
                .structure(&Actor::command_line(), units[0])
                .await?
                .campuses
            {
                campus_names.insert(c.id, c.name.clone());
            }
        }
        for i in &incidents {
            *by_category.entry(i.input.category).or_insert(0) += 1;
            let campus = i
                .input
                .campus_id
                .and_then(|c| campus_names.get(&c).cloned())
                .unwrap_or_default();
            *by_campus.entry(campus).or_insert(0) += 1;
            if i.transfer.is_some() {
                s.incidents_transferred += 1;
            }
            s.value_recovered += i.input.value_recovered;
        }
        s.incidents = incidents.len() as u64;
        s.incidents_by_category = ordered(TipCategory::ALL, &by_category);
        let mut campuses: Vec<(String, u64)> = by_campus.into_iter().collect();
        campuses.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        s.incidents_by_campus = campuses;
        let violations = antt_store::incident::violations_between(
            self.db(),
            &units,
            movement_year_start(year),
            movement_year_end(year),
        )
        .await?;
        let mut kinds = HashMap::new();
        let mut disciplines = HashMap::new();
        for v in &violations {
            *kinds.entry(v.input.kind).or_insert(0) += 1;
            *disciplines.entry(v.input.discipline).or_insert(0) += 1;
            if v.input.discipline.at_least_warning() {
                s.disciplined_warning_or_above += 1;
            }
        }
        s.violations = violations.len() as u64;
        s.violations_by_kind = ordered(ViolationKind::ALL, &kinds);
        s.violations_by_discipline = ordered(Discipline::ALL, &disciplines);
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(
        hours_ago: i64,
        state: TipState,
        closed_after: Option<i64>,
        now: DateTime<Utc>,
    ) -> TipFact {
        let received_at = now - chrono::Duration::hours(hours_ago);
        TipFact {
            unit_id: UnitId::new_v7(),
            channel: TipChannel::Portal,
            category: TipCategory::Drugs,
            state,
            received_at,
            due_at: received_at + chrono::Duration::hours(24),
            closed_at: closed_after.map(|h| received_at + chrono::Duration::hours(h)),
        }
    }

    #[test]
    fn the_figures_count_what_is_open_overdue_and_how_long_closing_took() {
        let now = DateTime::from_timestamp(1_795_222_800, 0).expect("time"); // 20/11/2026
        let facts = [
            fact(2, TipState::Received, None, now),
            fact(30, TipState::Verifying, None, now),
            fact(30, TipState::Transferred, None, now),
            fact(100, TipState::Resolved, Some(10), now),
            fact(100, TipState::Unfounded, Some(30), now),
            fact(200, TipState::Resolved, Some(50), now),
        ];
        let s = tally(2027, &facts, now);
        assert_eq!(s.tips, 6);
        assert_eq!(s.open, 3);
        assert_eq!(s.overdue, 1, "transferred tips are with the police");
        assert_eq!(s.transferred, 1);
        assert_eq!(s.median_hours_to_close, Some(30));
        assert_eq!(s.by_channel[0], (TipChannel::Portal, 6));
        assert_eq!(s.by_month.len(), 13, "November to November");
        assert_eq!(s.by_month[0], ((11, 2026), 6));
        assert_eq!(median(vec![4, 1, 3, 2]), Some(2));
        assert_eq!(median(Vec::new()), None);
    }
}
