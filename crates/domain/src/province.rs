//! The province's targets for a period (chỉ tiêu) and where the units under
//! it stand against them, year by year: the share of units whose movement
//! is "average" or better, "good" or better, recognised safe, whose security
//! force is rated good or better and is equipped.

use crate::assessment::Rating;
use crate::unit::UnitKind;
use crate::validation::{ErrorCode, ValidationErrors};
use crate::{ProvinceTargetId, UnitId, code_enum};

code_enum!(
    /// What a target counts.
    Measure {
        /// Phong trào đạt loại trung bình trở lên.
        MovementAverage => "movement_average",
        /// Phong trào đạt loại khá và xuất sắc.
        MovementGood => "movement_good",
        /// Được công nhận đạt tiêu chuẩn "An toàn về an ninh, trật tự".
        RecognisedSafe => "recognised_safe",
        /// Lực lượng bảo vệ xếp loại hoàn thành tốt nhiệm vụ trở lên.
        SecurityGood => "security_good",
        /// Lực lượng bảo vệ được trang bị công cụ hỗ trợ, phương tiện.
        SecurityEquipped => "security_equipped",
    }
);

/// The kinds of unit a target can be set for (the police bodies are not
/// counted).
pub const COUNTED_KINDS: [UnitKind; 3] = [UnitKind::School, UnitKind::Agency, UnitKind::Enterprise];

/// The level codes of a score sheet's "good or better", and of "average or
/// better" (the levels of Quyết định 510 and of the sheets provinces load).
pub const GOOD_LEVELS: [&str; 2] = ["excellent", "good"];
pub const AVERAGE_LEVELS: [&str; 3] = ["excellent", "good", "fair"];

/// A target of a period: at least `low` per mille of the units of `kind`
/// (every kind when `None`) by `due_year`; `high` is the upper end of a
/// range such as "80–85 %", shown, not judged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub id: ProvinceTargetId,
    pub authority_id: UnitId,
    pub measure: Measure,
    pub kind: Option<UnitKind>,
    pub low: u32,
    pub high: Option<u32>,
    pub from_year: i32,
    pub due_year: i32,
}

impl Target {
    /// Whether it counts the units of this kind.
    pub fn counts(&self, kind: UnitKind) -> bool {
        !kind.is_authority() && self.kind.is_none_or(|k| k == kind)
    }

    /// "80 %" or "80–85 %".
    pub fn share_text(&self) -> String {
        match self.high {
            Some(high) => format!("{}–{} %", percent(self.low), percent(high)),
            None => format!("{} %", percent(self.low)),
        }
    }
}

/// A target to create or the new values of one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetInput {
    pub measure: Measure,
    pub kind: Option<UnitKind>,
    pub low: u32,
    pub high: Option<u32>,
    pub from_year: i32,
    pub due_year: i32,
}

impl TargetInput {
    /// Reads a target as a form gives it: the share as "80", "80,5" or
    /// "80-85" (per cent), the kind empty for every kind.
    pub fn parse(
        measure: &str,
        kind: &str,
        share: &str,
        from_year: &str,
        due_year: &str,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let measure = Measure::parse(measure.trim());
        if measure.is_none() {
            errors.add("measure", ErrorCode::Invalid);
        }
        let kind = match kind.trim() {
            "" => Some(None),
            k => UnitKind::parse(k).filter(|k| !k.is_authority()).map(Some),
        };
        if kind.is_none() {
            errors.add("kind", ErrorCode::Invalid);
        }
        let share = parse_share(share);
        if share.is_none() {
            errors.add("target_share", ErrorCode::Invalid);
        }
        let year = |field: &'static str, text: &str, errors: &mut ValidationErrors| {
            let y = text
                .trim()
                .parse::<i32>()
                .ok()
                .filter(|y| (2000..=2100).contains(y));
            if y.is_none() {
                errors.add(field, ErrorCode::Invalid);
            }
            y
        };
        let from_year = year("from_year", from_year, &mut errors);
        let due_year = year("due_year", due_year, &mut errors);
        if let (Some(from), Some(due)) = (from_year, due_year)
            && (due < from || due - from > 9)
        {
            errors.add("due_year", ErrorCode::EndsBeforeStart);
        }
        match (measure, kind, share, from_year, due_year) {
            (Some(measure), Some(kind), Some((low, high)), Some(from_year), Some(due_year))
                if errors.is_empty() =>
            {
                Ok(Self {
                    measure,
                    kind,
                    low,
                    high,
                    from_year,
                    due_year,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A share in per cent, "80", "80,5", "80 %" or a range "80-85", as per
/// mille: (low, high). Between 0,1 and 100; the high end above the low.
pub fn parse_share(text: &str) -> Option<(u32, Option<u32>)> {
    let text = text.trim().trim_end_matches('%').trim();
    let one = |t: &str| -> Option<u32> {
        let t = t.trim().trim_end_matches('%').trim().replace(',', ".");
        let (whole, tenth) = match t.split_once('.') {
            Some((w, f)) if f.len() == 1 => (w, f.parse::<u32>().ok()?),
            Some(_) => return None,
            None => (t.as_str(), 0),
        };
        let value = whole.parse::<u32>().ok()?.checked_mul(10)? + tenth;
        (1..=1_000).contains(&value).then_some(value)
    };
    match text.split_once(['-', '–']) {
        Some((low, high)) => {
            let (low, high) = (one(low)?, one(high)?);
            (high > low).then_some((low, Some(high)))
        }
        None => Some((one(text)?, None)),
    }
}

/// Per mille as per cent: 800 → "80", 825 → "82,5".
pub fn percent(per_mille: u32) -> String {
    match per_mille % 10 {
        0 => (per_mille / 10).to_string(),
        tenth => format!("{},{tenth}", per_mille / 10),
    }
}

/// What the records say of a unit in a year, as the targets read them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitYear {
    pub unit_id: UnitId,
    pub kind: UnitKind,
    /// The police body directly over it.
    pub authority_id: Option<UnitId>,
    /// Whether it registered for the standard that year.
    pub assessed: bool,
    /// The movement level's code, once every item is scored.
    pub level: Option<String>,
    pub recognised: bool,
    /// The security force's rating, if it was rated.
    pub security: Option<Rating>,
    pub equipped: bool,
}

/// Why a unit does not count towards a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Shortfall {
    /// The movement was rated below what the target asks.
    LevelBelow,
    /// The security force was rated below "good".
    RatedBelow,
    /// Not recognised safe although assessed.
    NotRecognised,
    /// The security force lacks support tools or radios.
    NotEquipped,
    /// Assessed but not (yet) fully scored.
    NotScored,
    /// No self-assessment that year.
    NotAssessed,
    /// The security force was not rated that year.
    NotRated,
}

impl Measure {
    /// Whether the unit counts towards the target in that year, or why not.
    pub fn judge(self, u: &UnitYear) -> Result<(), Shortfall> {
        let level = |levels: &[&str]| match (&u.level, u.assessed) {
            (Some(l), _) if levels.contains(&l.as_str()) => Ok(()),
            (Some(_), _) => Err(Shortfall::LevelBelow),
            (None, true) => Err(Shortfall::NotScored),
            (None, false) => Err(Shortfall::NotAssessed),
        };
        match self {
            Self::MovementAverage => level(&AVERAGE_LEVELS),
            Self::MovementGood => level(&GOOD_LEVELS),
            Self::RecognisedSafe => match (u.recognised, u.assessed) {
                (true, _) => Ok(()),
                (false, true) => Err(Shortfall::NotRecognised),
                (false, false) => Err(Shortfall::NotAssessed),
            },
            Self::SecurityGood => match u.security {
                Some(r) if r.good_or_better() => Ok(()),
                Some(_) => Err(Shortfall::RatedBelow),
                None => Err(Shortfall::NotRated),
            },
            Self::SecurityEquipped => {
                if u.equipped {
                    Ok(())
                } else {
                    Err(Shortfall::NotEquipped)
                }
            }
        }
    }
}

/// A count of units and of those that count towards a target.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub reached: u32,
    pub total: u32,
}

impl Tally {
    /// The share reached, per mille, rounded down so that 79,96 % never
    /// reads as 80 %.
    pub fn per_mille(self) -> u32 {
        match self.total {
            0 => 0,
            t => u32::try_from(u64::from(self.reached) * 1_000 / u64::from(t)).unwrap_or(1_000),
        }
    }

    /// Whether it reaches `low` per mille (exactly, not rounded).
    pub fn reaches(self, low: u32) -> bool {
        self.total > 0 && u64::from(self.reached) * 1_000 >= u64::from(low) * u64::from(self.total)
    }

    /// How many more units must count to reach `low` per mille.
    pub fn missing(self, low: u32) -> u32 {
        let needed = (u64::from(low) * u64::from(self.total)).div_ceil(1_000);
        u32::try_from(needed.saturating_sub(u64::from(self.reached))).unwrap_or(u32::MAX)
    }

    fn add(&mut self, reached: bool) {
        self.total += 1;
        self.reached += u32::from(reached);
    }
}

/// Where the units stand against one target in one year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetStanding {
    pub year: i32,
    pub all: Tally,
    /// By kind of unit, in the order of [`COUNTED_KINDS`], kinds without
    /// units left out.
    pub by_kind: Vec<(UnitKind, Tally)>,
    /// By the police body directly over the units, the lowest share first.
    pub by_authority: Vec<(Option<UnitId>, Tally)>,
    /// The units that do not count, with why: the furthest first (a level
    /// below before a dossier not yet scored), then in the given order.
    pub holding_down: Vec<(UnitId, Shortfall)>,
}

impl TargetStanding {
    pub fn met(&self, target: &Target) -> bool {
        self.all.reaches(target.low)
    }
}

/// Counts a unit in its group, the group added when first seen.
fn tally<K: PartialEq>(groups: &mut Vec<(K, Tally)>, key: K, reached: bool) {
    if let Some((_, t)) = groups.iter_mut().find(|(k, _)| *k == key) {
        t.add(reached);
    } else {
        let mut t = Tally::default();
        t.add(reached);
        groups.push((key, t));
    }
}

/// Where the units of `year` stand against `target`.
pub fn stand(target: &Target, year: i32, units: &[UnitYear]) -> TargetStanding {
    let mut all = Tally::default();
    let mut by_kind: Vec<(UnitKind, Tally)> = Vec::new();
    let mut by_authority: Vec<(Option<UnitId>, Tally)> = Vec::new();
    let mut holding_down = Vec::new();
    for u in units.iter().filter(|u| target.counts(u.kind)) {
        let verdict = target.measure.judge(u);
        let reached = verdict.is_ok();
        all.add(reached);
        tally(&mut by_kind, u.kind, reached);
        tally(&mut by_authority, u.authority_id, reached);
        if let Err(why) = verdict {
            holding_down.push((u.unit_id, why));
        }
    }
    by_kind.sort_by_key(|(k, _)| COUNTED_KINDS.iter().position(|c| c == k));
    by_authority.sort_by_key(|(_, t)| t.per_mille());
    holding_down.sort_by_key(|(_, why)| *why);
    TargetStanding {
        year,
        all,
        by_kind,
        by_authority,
        holding_down,
    }
}

/// A model, team or cluster of a unit, as the province counts it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub unit_id: UnitId,
    pub kind: crate::team::TeamKind,
    /// Its type in the unit's catalogue, else its own name.
    pub type_name: String,
    pub name: String,
    pub partners: Vec<String>,
    /// Members serving today.
    pub members: u32,
}

/// One type of model or team across the units: at how many units
/// ("places"), how many groups, how many members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeCount {
    pub kind: crate::team::TeamKind,
    pub type_name: String,
    pub places: u32,
    pub groups: u32,
    pub members: u32,
}

/// A linked cluster as one, however many of its units recorded it: the
/// units that keep it and every partner named by any of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    pub name: String,
    pub units: Vec<UnitId>,
    pub partners: Vec<String>,
    pub members: u32,
}

/// The models and teams of many units counted by type (most places
/// first), and the clusters merged by name (the same name read without
/// marks and case is the same cluster).
pub fn count_groups(groups: &[Group]) -> (Vec<TypeCount>, Vec<Cluster>) {
    let mut types: Vec<(TypeCount, Vec<UnitId>)> = Vec::new();
    let mut clusters: Vec<(String, Cluster)> = Vec::new();
    for g in groups {
        let key = crate::text::search_key(&g.type_name);
        match types
            .iter_mut()
            .find(|(t, _)| t.kind == g.kind && crate::text::search_key(&t.type_name) == key)
        {
            Some((t, units)) => {
                t.groups += 1;
                t.members += g.members;
                if !units.contains(&g.unit_id) {
                    units.push(g.unit_id);
                    t.places += 1;
                }
            }
            None => types.push((
                TypeCount {
                    kind: g.kind,
                    type_name: g.type_name.clone(),
                    places: 1,
                    groups: 1,
                    members: g.members,
                },
                vec![g.unit_id],
            )),
        }
        if g.kind != crate::team::TeamKind::Cluster {
            continue;
        }
        let key = crate::text::search_key(&g.name);
        let at = if let Some(at) = clusters.iter().position(|(k, _)| *k == key) {
            at
        } else {
            clusters.push((
                key,
                Cluster {
                    name: g.name.clone(),
                    units: Vec::new(),
                    partners: Vec::new(),
                    members: 0,
                },
            ));
            clusters.len() - 1
        };
        if let Some((_, c)) = clusters.get_mut(at) {
            c.members += g.members;
            if !c.units.contains(&g.unit_id) {
                c.units.push(g.unit_id);
            }
            for p in &g.partners {
                let pk = crate::text::search_key(p);
                if !c.partners.iter().any(|q| crate::text::search_key(q) == pk) {
                    c.partners.push(p.clone());
                }
            }
        }
    }
    let mut types: Vec<TypeCount> = types.into_iter().map(|(t, _)| t).collect();
    types.sort_by(|a, b| b.places.cmp(&a.places).then(a.type_name.cmp(&b.type_name)));
    let mut clusters: Vec<Cluster> = clusters.into_iter().map(|(_, c)| c).collect();
    clusters.sort_by(|a, b| b.units.len().cmp(&a.units.len()).then(a.name.cmp(&b.name)));
    (types, clusters)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(n: u128, kind: UnitKind, level: Option<&str>) -> UnitYear {
        UnitYear {
            unit_id: UnitId::from_uuid(uuid::Uuid::from_u128(n)),
            kind,
            authority_id: Some(UnitId::from_uuid(uuid::Uuid::from_u128(1_000 + n % 2))),
            assessed: true,
            level: level.map(str::to_owned),
            recognised: level == Some("excellent"),
            security: Some(Rating::Good),
            equipped: !n.is_multiple_of(3),
        }
    }

    fn target(measure: Measure, kind: Option<UnitKind>, low: u32) -> Target {
        Target {
            id: ProvinceTargetId::from_uuid(uuid::Uuid::from_u128(9)),
            authority_id: UnitId::from_uuid(uuid::Uuid::from_u128(7)),
            measure,
            kind,
            low,
            high: None,
            from_year: 2026,
            due_year: 2030,
        }
    }

    #[test]
    fn shares_are_read_as_a_form_gives_them() {
        assert_eq!(parse_share("80"), Some((800, None)));
        assert_eq!(parse_share(" 82,5 % "), Some((825, None)));
        assert_eq!(parse_share("80 - 85"), Some((800, Some(850))));
        assert_eq!(parse_share("80–85 %"), Some((800, Some(850))));
        assert_eq!(parse_share("100"), Some((1_000, None)));
        for bad in ["", "0", "101", "85-80", "80,55", "tám mươi", "80-80"] {
            assert_eq!(parse_share(bad), None, "{bad}");
        }
        assert_eq!(percent(825), "82,5");
        assert_eq!(percent(1_000), "100");
        let t = TargetInput::parse("movement_good", "", "80-85", "2026", "2030").unwrap();
        assert_eq!((t.low, t.high, t.kind), (800, Some(850), None));
        let e = TargetInput::parse("fun", "ward_police", "0", "2030", "2026").unwrap_err();
        for field in ["measure", "kind", "target_share", "due_year"] {
            assert!(e.for_field(field).is_some(), "{field}");
        }
        assert_eq!(
            TargetInput::parse("movement_good", "school", "80", "2026", "2040")
                .unwrap_err()
                .for_field("due_year"),
            Some(ErrorCode::EndsBeforeStart)
        );
    }

    #[test]
    fn a_share_reaches_its_target_only_when_it_truly_does() {
        let t = Tally {
            reached: 7_996,
            total: 10_000,
        };
        assert_eq!(t.per_mille(), 799);
        assert!(!t.reaches(800));
        assert_eq!(t.missing(800), 4);
        let t = Tally {
            reached: 4,
            total: 5,
        };
        assert!(t.reaches(800));
        assert_eq!(t.missing(800), 0);
        assert!(!Tally::default().reaches(1));
        assert_eq!(Tally::default().per_mille(), 0);
    }

    #[test]
    fn units_are_counted_by_kind_and_by_ward_and_the_furthest_listed_first() {
        let mut units = vec![
            unit(1, UnitKind::School, Some("excellent")),
            unit(2, UnitKind::School, Some("good")),
            unit(3, UnitKind::School, Some("fair")),
            unit(4, UnitKind::Agency, None),
            unit(5, UnitKind::Enterprise, Some("weak")),
            unit(6, UnitKind::WardPolice, None),
        ];
        units[3].assessed = false;
        let good = stand(&target(Measure::MovementGood, None, 800), 2026, &units);
        assert_eq!(
            good.all,
            Tally {
                reached: 2,
                total: 5
            }
        );
        assert!(!good.met(&target(Measure::MovementGood, None, 800)));
        assert_eq!(
            good.by_kind,
            vec![
                (
                    UnitKind::School,
                    Tally {
                        reached: 2,
                        total: 3
                    }
                ),
                (
                    UnitKind::Agency,
                    Tally {
                        reached: 0,
                        total: 1
                    }
                ),
                (
                    UnitKind::Enterprise,
                    Tally {
                        reached: 0,
                        total: 1
                    }
                ),
            ]
        );
        // Units 1, 3, 5 under one body (1 of 3), 2 and 4 under the other (1 of 2).
        assert_eq!(
            good.by_authority[0].1,
            Tally {
                reached: 1,
                total: 3
            }
        );
        assert_eq!(
            good.holding_down
                .iter()
                .map(|(u, why)| (u.uuid().as_u128(), *why))
                .collect::<Vec<_>>(),
            vec![
                (3, Shortfall::LevelBelow),
                (5, Shortfall::LevelBelow),
                (4, Shortfall::NotAssessed)
            ]
        );
        let schools = stand(
            &target(Measure::MovementAverage, Some(UnitKind::School), 1_000),
            2026,
            &units,
        );
        assert_eq!(
            schools.all,
            Tally {
                reached: 3,
                total: 3
            }
        );
        let safe = stand(&target(Measure::RecognisedSafe, None, 850), 2026, &units);
        assert_eq!(safe.all.reached, 1);
        let equipped = stand(&target(Measure::SecurityEquipped, None, 800), 2026, &units);
        assert_eq!(equipped.all.reached, 4);
        units[0].security = Some(Rating::Completed);
        units[1].security = None;
        let rated = stand(&target(Measure::SecurityGood, None, 850), 2026, &units);
        assert_eq!(rated.all.reached, 3);
        assert_eq!(rated.holding_down[0].1, Shortfall::RatedBelow);
        assert_eq!(rated.holding_down[1].1, Shortfall::NotRated);
    }

    #[test]
    fn models_are_counted_by_type_and_place_and_a_cluster_shown_once() {
        use crate::team::TeamKind;
        let u = |n: u128| UnitId::from_uuid(uuid::Uuid::from_u128(n));
        let g = |unit: u128, kind, type_name: &str, name: &str, partners: &[&str], members| Group {
            unit_id: u(unit),
            kind,
            type_name: type_name.into(),
            name: name.into(),
            partners: partners.iter().map(|p| (*p).to_owned()).collect(),
            members,
        };
        let groups = vec![
            g(
                1,
                TeamKind::Model,
                "Cổng trường an toàn giao thông",
                "Cổng A",
                &[],
                5,
            ),
            g(
                1,
                TeamKind::Model,
                "Cổng trường an toàn giao thông",
                "Cổng B",
                &[],
                3,
            ),
            g(
                2,
                TeamKind::Model,
                "cổng trường an toàn giao thông",
                "Cổng",
                &[],
                4,
            ),
            g(3, TeamKind::Team, "Đội PCCC cơ sở", "Đội PCCC", &[], 10),
            g(
                1,
                TeamKind::Cluster,
                "Cụm an ninh liên kết",
                "Cụm ANLK Cam Đường",
                &["Công an phường Cam Đường"],
                2,
            ),
            g(
                2,
                TeamKind::Cluster,
                "Cụm an ninh liên kết",
                "cụm anlk cam đường",
                &["Công an phường Cam Đường", "UBND phường Cam Đường"],
                1,
            ),
        ];
        let (types, clusters) = count_groups(&groups);
        assert_eq!(types[0].type_name, "Cổng trường an toàn giao thông");
        assert_eq!(
            (types[0].places, types[0].groups, types[0].members),
            (2, 3, 12)
        );
        assert_eq!(types.len(), 3);
        assert_eq!(clusters.len(), 1);
        assert_eq!(clusters[0].units, vec![u(1), u(2)]);
        assert_eq!(clusters[0].partners.len(), 2);
        assert_eq!(clusters[0].members, 3);
    }
}
