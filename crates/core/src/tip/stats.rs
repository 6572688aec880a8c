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
use antt_domain::role::Capability;
use antt_domain::time::MovementYear;
use antt_domain::tip::{TipCategory, TipChannel, TipState};
use antt_store::tip::{TipSummary, UnitTipCounts};

use super::Tips;
use crate::actor::Actor;
use crate::context::movement_year;
use crate::error::{CoreError, CoreResult};

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
    /// Unit by unit, when the figures are of more than one: those with
    /// overdue tips first, then by open tips, then by name.
    pub by_unit: Vec<UnitFigures>,
}

/// One unit's line of the figures of several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitFigures {
    pub unit: UnitId,
    pub code: String,
    pub name: String,
    pub tips: UnitTipCounts,
    pub incidents: u64,
    pub incidents_transferred: u64,
    pub violations: u64,
    pub disciplined_warning_or_above: u64,
}

fn ordered<K: Copy + Eq + std::hash::Hash>(all: &[K], counts: &HashMap<K, u64>) -> Vec<(K, u64)> {
    all.iter()
        .map(|k| (*k, counts.get(k).copied().unwrap_or(0)))
        .collect()
}

/// The first instant of every month of a movement year, in Vietnam, and
/// the end of the year: 14 bounds for 13 months (16/11 to 15/11).
pub fn month_bounds(year: MovementYear) -> (Vec<(u32, i32)>, Vec<DateTime<Utc>>) {
    let (from, to) = (year.starts_at(), year.ends_at());
    let start = year.first_day();
    let end = year.last_day();
    let mut months = Vec::new();
    let mut bounds = vec![from];
    let mut m = (start.month(), start.year());
    loop {
        months.push(m);
        if m == (end.month(), end.year()) {
            break;
        }
        m = if m.0 == 12 {
            (1, m.1 + 1)
        } else {
            (m.0 + 1, m.1)
        };
        let first = chrono::NaiveDate::from_ymd_opt(m.1, m.0, 1).unwrap_or(start);
        bounds.push(antt_domain::time::start_of_day(first));
    }
    bounds.push(to);
    (months, bounds)
}

/// The tips' part of the figures from the database's counts: pure.
pub fn tally(year: i32, summary: &TipSummary, months: &[((u32, i32), u64)]) -> TipStatistics {
    let mut channel = HashMap::new();
    let mut category = HashMap::new();
    let mut state = HashMap::new();
    let mut s = TipStatistics {
        year,
        open: summary.open,
        overdue: summary.overdue,
        by_month: months.to_vec(),
        median_hours_to_close: summary.median_hours_to_close,
        ..TipStatistics::default()
    };
    for (ch, cat, st, n) in &summary.groups {
        *channel.entry(*ch).or_insert(0) += n;
        *category.entry(*cat).or_insert(0) += n;
        *state.entry(*st).or_insert(0) += n;
        s.tips += n;
        if *st == TipState::Transferred {
            s.transferred += n;
        }
    }
    s.by_channel = ordered(TipChannel::ALL, &channel);
    s.by_category = ordered(TipCategory::ALL, &category);
    s.by_state = ordered(TipState::ALL, &state);
    s
}

impl Tips {
    /// The units whose figures `actor` may see: a unit asked for (its
    /// handlers, leaders, office; a province officer of an overseen unit),
    /// or, for a province officer asking for none, every unit overseen.
    async fn statistics_scope(
        &self,
        actor: &Actor,
        requested: Option<UnitId>,
    ) -> CoreResult<Vec<UnitId>> {
        match (actor.can(Capability::OverseeUnits), requested) {
            (true, None) => {
                let home = actor.home_unit()?;
                Ok(self
                    .cx
                    .cached_subtree(home)
                    .await?
                    .iter()
                    .copied()
                    .collect())
            }
            (true, Some(unit)) => {
                self.cx.check_readable(actor, unit).await?;
                Ok(vec![unit])
            }
            (false, requested) => {
                let unit = self.cx.scope(actor, requested).await?;
                if self.handles(actor, unit).await? {
                    Ok(vec![unit])
                } else {
                    Err(CoreError::Forbidden)
                }
            }
        }
    }

    /// The figures of a movement year.
    #[tracing::instrument(name = "tips.statistics", skip_all, fields(actor = %actor.name))]
    pub async fn statistics(
        &self,
        actor: &Actor,
        requested: Option<UnitId>,
        year: i32,
    ) -> CoreResult<TipStatistics> {
        let units = self.statistics_scope(actor, requested).await?;
        self.statistics_of(&units, year).await
    }

    /// The figures of some units over a movement year, for whoever the
    /// caller already allowed (counts only, no content).
    pub(crate) async fn statistics_of(
        &self,
        units: &[UnitId],
        year: i32,
    ) -> CoreResult<TipStatistics> {
        let units = units.to_vec();
        let my = movement_year(year)?;
        let (from, to) = (my.starts_at(), my.ends_at());
        let summary =
            antt_store::tip::summary(self.cx.db(), &units, from, to, self.cx.now()).await?;
        let (months, bounds) = month_bounds(my);
        let counts = antt_store::tip::per_month(self.cx.db(), &units, &bounds).await?;
        let months: Vec<((u32, i32), u64)> = months.into_iter().zip(counts).collect();
        let mut s = tally(year, &summary, &months);
        s.units = units.len();
        let incidents = antt_store::incident::summary(self.cx.db(), &units, from, to).await?;
        let campus_names: HashMap<antt_domain::CampusId, String> = match units.as_slice() {
            [unit] => antt_store::org::list_campuses(self.cx.db(), *unit)
                .await?
                .into_iter()
                .map(|c| (c.id, c.name))
                .collect(),
            _ => HashMap::new(),
        };
        let by_category: HashMap<TipCategory, u64> =
            incidents.by_category.iter().copied().collect();
        s.incidents = by_category.values().sum();
        s.incidents_by_category = ordered(TipCategory::ALL, &by_category);
        let mut by_campus: HashMap<String, u64> = HashMap::new();
        for (c, n) in &incidents.by_campus {
            let name = c
                .and_then(|c| campus_names.get(&c).cloned())
                .unwrap_or_default();
            *by_campus.entry(name).or_insert(0) += n;
        }
        let mut campuses: Vec<(String, u64)> = by_campus.into_iter().collect();
        campuses.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        s.incidents_by_campus = campuses;
        s.incidents_transferred = incidents.transferred;
        s.value_recovered = incidents.value_recovered;
        let violations = antt_store::incident::violation_counts(
            self.cx.db(),
            &units,
            my.first_day(),
            my.last_day(),
        )
        .await?;
        let mut kinds = HashMap::new();
        let mut disciplines = HashMap::new();
        for (kind, discipline, n) in violations {
            *kinds.entry(kind).or_insert(0) += n;
            *disciplines.entry(discipline).or_insert(0) += n;
            s.violations += n;
            if discipline.at_least_warning() {
                s.disciplined_warning_or_above += n;
            }
        }
        s.violations_by_kind = ordered(ViolationKind::ALL, &kinds);
        s.violations_by_discipline = ordered(Discipline::ALL, &disciplines);
        if units.len() > 1 {
            s.by_unit = self.by_unit(&units, my).await?;
        }
        Ok(s)
    }

    /// The figures unit by unit (every unit of `units`, those with nothing
    /// too, so a silent unit shows as silent).
    async fn by_unit(&self, units: &[UnitId], my: MovementYear) -> CoreResult<Vec<UnitFigures>> {
        let db = self.cx.db();
        let (from, to) = (my.starts_at(), my.ends_at());
        let mut lines: HashMap<UnitId, UnitFigures> = HashMap::new();
        for id in units {
            let unit = self.cx.cached_unit(*id).await?;
            // The police bodies oversee; they are not lines of their own.
            if unit.kind.is_authority() {
                continue;
            }
            lines.insert(
                *id,
                UnitFigures {
                    unit: *id,
                    code: unit.code,
                    name: unit.name,
                    tips: UnitTipCounts::default(),
                    incidents: 0,
                    incidents_transferred: 0,
                    violations: 0,
                    disciplined_warning_or_above: 0,
                },
            );
        }
        for (id, counts) in antt_store::tip::per_unit(db, units, from, to, self.cx.now()).await? {
            if let Some(l) = lines.get_mut(&id) {
                l.tips = counts;
            }
        }
        for (id, n, moved) in antt_store::incident::per_unit(db, units, from, to).await? {
            if let Some(l) = lines.get_mut(&id) {
                l.incidents = n;
                l.incidents_transferred = moved;
            }
        }
        let days = (my.first_day(), my.last_day());
        for (id, discipline, n) in
            antt_store::incident::violations_per_unit(db, units, days.0, days.1).await?
        {
            if let Some(l) = lines.get_mut(&id) {
                l.violations += n;
                if discipline.at_least_warning() {
                    l.disciplined_warning_or_above += n;
                }
            }
        }
        let mut out: Vec<UnitFigures> = lines.into_values().collect();
        out.sort_by(|a, b| {
            b.tips
                .overdue
                .cmp(&a.tips.overdue)
                .then(b.tips.open.cmp(&a.tips.open))
                .then_with(|| {
                    antt_domain::text::name_sort_key(&a.name)
                        .cmp(&antt_domain::text::name_sort_key(&b.name))
                })
        });
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_figures_add_up_the_groups_and_take_the_median() {
        let summary = TipSummary {
            groups: vec![
                (
                    TipChannel::Portal,
                    TipCategory::Drugs,
                    TipState::Received,
                    2,
                ),
                (
                    TipChannel::Portal,
                    TipCategory::Theft,
                    TipState::Transferred,
                    1,
                ),
                (TipChannel::Phone, TipCategory::Drugs, TipState::Resolved, 3),
            ],
            open: 3,
            overdue: 1,
            median_hours_to_close: Some(30),
        };
        let s = tally(2027, &summary, &[((11, 2026), 6)]);
        assert_eq!(s.tips, 6);
        assert_eq!(s.transferred, 1);
        assert_eq!(s.median_hours_to_close, Some(30));
        assert_eq!(s.by_channel[0], (TipChannel::Portal, 3));
        assert_eq!(
            s.by_category.iter().find(|(c, _)| *c == TipCategory::Drugs),
            Some(&(TipCategory::Drugs, 5))
        );
    }

    #[test]
    fn a_movement_year_has_thirteen_months_from_the_sixteenth_of_november() {
        let (months, bounds) = month_bounds(MovementYear::new(2027).unwrap());
        assert_eq!(months.len(), 13);
        assert_eq!(bounds.len(), 14);
        assert_eq!(months[0], (11, 2026));
        assert_eq!(months[12], (11, 2027));
        // 16/11/2026 00:00 in Vietnam, then 01/12/2026 00:00 in Vietnam.
        assert_eq!(bounds[0].to_rfc3339(), "2026-11-15T17:00:00+00:00");
        assert_eq!(bounds[1].to_rfc3339(), "2026-11-30T17:00:00+00:00");
        assert_eq!(bounds[13].to_rfc3339(), "2027-11-15T17:00:00+00:00");
        assert!(bounds.windows(2).all(|w| w[0] < w[1]));
    }
}
