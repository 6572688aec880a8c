//! The figures of a unit's home page.

use antt_domain::UnitId;
use antt_domain::person::{PersonKind, PersonStatus};
use antt_domain::unit::Unit;
use antt_store::stats::{OrgCounts, PeopleCounts};

use crate::Antt;
use crate::actor::Actor;
use crate::error::CoreResult;

/// A unit and its figures.
#[derive(Clone, Debug)]
pub struct UnitOverview {
    pub unit: Unit,
    pub people: PeopleCounts,
    pub org: OrgCounts,
    /// For an authority: how many units it oversees.
    pub overseen_units: u64,
}

impl Antt {
    /// The figures of a unit, counted from the same records its lists show.
    pub async fn unit_overview(&self, actor: &Actor, unit: UnitId) -> CoreResult<UnitOverview> {
        self.check_readable(actor, unit).await?;
        let u = self.cached_unit(unit).await?;
        let overseen_units = if u.kind.is_authority() {
            self.cached_subtree(unit).await?.len() as u64 - 1
        } else {
            0
        };
        let mut people = PeopleCounts::default();
        for (_, p) in self.cached_people(unit).await?.iter() {
            match (p.status, p.kind) {
                (PersonStatus::Active, PersonKind::Student) => {
                    people.students += 1;
                    people.students_boarding += u64::from(p.boarding);
                }
                (PersonStatus::Active, PersonKind::Staff) => people.staff += 1,
                (PersonStatus::Left, _) => people.left += 1,
            }
        }
        let s = self.structure(actor, unit).await?;
        let org = OrgCounts {
            campuses: s.campuses.len() as u64,
            departments: s.departments.len() as u64,
            classes: s.classes.len() as u64,
        };
        Ok(UnitOverview {
            people,
            org,
            overseen_units,
            unit: u,
        })
    }
}
