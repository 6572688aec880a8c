//! The exchange format of a rostering problem and its solution, the same
//! JSON as the reference solvers read (`../shared/roster/README.md`): the
//! rules, the guards and the shifts of a month; a solution maps each shift
//! to a guard.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// A month of shifts to staff, the guards who can staff them and the rules.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Instance {
    pub name: String,
    pub rules: Rules,
    pub guards: Vec<Guard>,
    pub shifts: Vec<Shift>,
}

/// The labour-law rules and the weights of the wishes.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Rules {
    /// Rest between the end of a shift and the start of the next (12).
    pub min_rest_hours: i64,
    /// Hours a guard may work in an ISO week (48).
    pub max_hours_per_week: i64,
    /// Consecutive hours of rest each guard has in every calendar week,
    /// Monday 00:00 to Sunday 24:00 (24, Bộ luật Lao động Điều 111). Not in
    /// the reference format: absent, the rule is not applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_weekly_rest_hours: Option<i64>,
    /// Overtime a guard may do over the instance (a month: 40 hours,
    /// Bộ luật Lao động Điều 107), counted as the hours of each shift
    /// beyond `normal_hours_per_shift`. Not in the reference format:
    /// absent, the rule is not applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_overtime_hours: Option<i64>,
    /// The normal hours of a working day (8, Điều 105): a shift's hours
    /// beyond them are overtime.
    #[serde(default = "normal_hours", skip_serializing_if = "is_normal_hours")]
    pub normal_hours_per_shift: i64,
    pub weights: Weights,
}

/// What a wish not kept costs.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct Weights {
    /// Per shift on a day the guard would rather not work.
    pub undesired_day: i64,
    /// Per shift away from the guard's home campus.
    pub away_from_home: i64,
}

/// A guard who can be put on shifts.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Guard {
    pub id: i64,
    pub name: String,
    pub home_campus: String,
    #[serde(default)]
    pub skills: Vec<String>,
    /// Days the guard cannot work (leave, sickness): never on a shift.
    #[serde(default)]
    pub unavailable: Vec<NaiveDate>,
    /// Days the guard would rather not work.
    #[serde(default)]
    pub undesired: Vec<NaiveDate>,
    /// A reinforcement member (the self-defence platoon, another team):
    /// stands only shifts marked `reinforcement`. Not in the reference
    /// format.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reinforcement: bool,
    /// The overtime this guard may still do, when less than the rule's
    /// (what the year's cap leaves after the other months). Not in the
    /// reference format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_overtime_hours: Option<i64>,
    /// The hours the guard's contract covers over the instance: the hours
    /// beyond them are overtime too, when more than the shifts' own
    /// overtime. Not in the reference format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contracted_hours: Option<i64>,
}

impl Guard {
    /// The guard's overtime for shifts of `hours` in all whose hours
    /// beyond a normal day's add up to `shift_overtime`: the larger of
    /// that and the hours beyond the contract.
    pub fn overtime(&self, hours: i64, shift_overtime: i64) -> i64 {
        overtime_of(self.contracted_hours, hours, shift_overtime)
    }

    /// The overtime cap that applies to the guard, if any.
    pub fn overtime_cap(&self, rules: &Rules) -> Option<i64> {
        match (rules.max_overtime_hours, self.max_overtime_hours) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// One shift of one post: a guard from `start` to `end`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Shift {
    pub id: i64,
    pub campus: String,
    pub post: String,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub hours: i64,
    /// The skill a guard needs for it ("dorm"), if any.
    #[serde(default)]
    pub skill: Option<String>,
    /// Starts at night (22:00): counted apart for fairness.
    #[serde(default)]
    pub night: bool,
    /// Extra headcount of a holiday or an event: reinforcement members may
    /// stand it as well as guards. Not in the reference format.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reinforcement: bool,
}

/// Overtime of shifts of `hours` in all, `shift_overtime` of them beyond
/// normal days, under a contract of `contracted` hours.
pub(crate) fn overtime_of(contracted: Option<i64>, hours: i64, shift_overtime: i64) -> i64 {
    contracted.map_or(shift_overtime, |c| shift_overtime.max(hours - c))
}

fn normal_hours() -> i64 {
    8
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's signature
fn is_normal_hours(h: &i64) -> bool {
    *h == normal_hours()
}

/// Who stands each shift: shift id to guard id; a shift not named is empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Solution {
    #[serde(with = "id_keys")]
    pub assignments: BTreeMap<i64, i64>,
}

/// JSON object keys are strings: "12": 3.
mod id_keys {
    use std::collections::BTreeMap;

    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(
        map: &BTreeMap<i64, i64>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_map(map.iter().map(|(k, v)| (k.to_string(), v)))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<i64, i64>, D::Error> {
        BTreeMap::<String, i64>::deserialize(d)?
            .into_iter()
            .map(|(k, v)| {
                k.trim()
                    .parse()
                    .map(|k| (k, v))
                    .map_err(|_| D::Error::custom(format!("shift id {k:?} is not a number")))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_format_reads_and_writes_back() {
        let json = r#"{"name": "t", "rules": {"min_rest_hours": 12, "max_hours_per_week": 48,
            "weights": {"undesired_day": 10, "away_from_home": 1}},
            "guards": [{"id": 0, "name": "Lò Văn An", "home_campus": "A", "skills": ["dorm"],
              "unavailable": ["2026-12-03"], "undesired": []}],
            "shifts": [{"id": 0, "campus": "A", "post": "Cổng", "start": "2026-12-01T22:00:00",
              "end": "2026-12-02T06:00:00", "hours": 8, "skill": null, "night": true}]}"#;
        let i: Instance = serde_json::from_str(json).expect("reads");
        assert_eq!(i.guards[0].unavailable[0].to_string(), "2026-12-03");
        assert!(i.shifts[0].night && i.shifts[0].skill.is_none());
        let s: Solution =
            serde_json::from_str(r#"{"assignments": {"0": 0, "7": 2}}"#).expect("reads");
        assert_eq!(s.assignments.get(&7), Some(&2));
        let back = serde_json::to_string(&s).expect("writes");
        assert_eq!(back, r#"{"assignments":{"0":0,"7":2}}"#);
        assert!(serde_json::from_str::<Solution>(r#"{"assignments": {"x": 0}}"#).is_err());
    }
}
