//! The figures of a unit's home page.

use antt_domain::UnitId;
use antt_domain::unit::Unit;
use antt_store::stats::{self, OrgCounts, PeopleCounts};

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
    pub async fn unit_overview(&self, actor: &Actor, unit: UnitId) -> CoreResult<UnitOverview> {
        self.check_readable(actor, unit).await?;
        let u = self.cached_unit(unit).await?;
        let overseen_units = if u.kind.is_authority() {
            self.cached_subtree(unit).await?.len() as u64 - 1
        } else {
            0
        };
        Ok(UnitOverview {
            people: stats::people_counts(self.db(), unit).await?,
            org: stats::org_counts(self.db(), unit).await?,
            overseen_units,
            unit: u,
        })
    }
}
