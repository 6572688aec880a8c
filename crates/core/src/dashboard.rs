//! The figures of a unit's home page.

use antt_domain::UnitId;
use antt_domain::unit::Unit;
use antt_store::stats::{OrgCounts, PeopleCounts};

use crate::actor::Actor;
use crate::commitment::Commitments;
use crate::context::Cx;
use crate::error::CoreResult;
use crate::org::Org;
use crate::plan::Plans;
use crate::session::Sessions;
use crate::team::Teams;

/// A unit and its figures.
#[derive(Clone, Debug)]
pub struct UnitOverview {
    pub unit: Unit,
    pub people: PeopleCounts,
    pub org: OrgCounts,
    /// For an authority: how many units it oversees.
    pub overseen_units: u64,
}

/// The figures of the home pages: a unit in numbers, the movement year at
/// a glance.
#[derive(Clone)]
pub struct Dashboard {
    cx: Cx,
    org: Org,
    plans: Plans,
    sessions: Sessions,
    commitments: Commitments,
    teams: Teams,
}

impl Dashboard {
    pub(crate) fn new(
        cx: Cx,
        org: Org,
        plans: Plans,
        sessions: Sessions,
        commitments: Commitments,
        teams: Teams,
    ) -> Self {
        Self {
            cx,
            org,
            plans,
            sessions,
            commitments,
            teams,
        }
    }

    /// The figures of a unit, counted from the same records its lists show.
    #[tracing::instrument(name = "dashboard.unit_overview", skip_all, fields(actor = %actor.name))]
    pub async fn unit_overview(&self, actor: &Actor, unit: UnitId) -> CoreResult<UnitOverview> {
        self.cx.check_readable(actor, unit).await?;
        let u = self.cx.cached_unit(unit).await?;
        let overseen_units = if u.kind.is_authority() {
            self.cx.cached_subtree(unit).await?.len() as u64 - 1
        } else {
            0
        };
        // Counted by the database: a unit opened once (an officer going
        // through the province) is not worth reading whole.
        let people = antt_store::stats::people_counts(self.cx.db(), unit).await?;
        let s = self.org.structure(actor, unit).await?;
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

/// The movement year at a glance: the plan's tasks, coverage, commitments,
/// sessions by month against the year before, models and teams.
#[derive(Clone, Debug)]
pub struct MovementDashboard {
    pub year: i32,
    /// Tasks of the year's plan, if it has one.
    pub tasks: Option<crate::plan::TaskCounts>,
    pub coverage_staff: Share,
    pub coverage_students: Share,
    /// Signed the year's commitment, if a campaign was opened.
    pub commitment: Option<(Share, Share)>,
    /// Sessions and attendances by month of the movement year, November
    /// first, for this year and the year before.
    pub months: Vec<MonthFigures>,
    pub sessions: usize,
    pub attendances: u64,
    pub teams_active: usize,
    pub team_members: usize,
}

/// One month of the movement year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MonthFigures {
    pub month: u32,
    pub sessions: u32,
    pub attendances: u64,
    pub sessions_last_year: u32,
}

/// The calendar months of a movement year in order: 11, 12, 1, …, 10.
pub const MOVEMENT_MONTHS: [u32; 12] = [11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

use antt_domain::session::Share;
use chrono::Datelike;

impl Dashboard {
    /// The movement dashboard of a unit for a year.
    #[tracing::instrument(name = "dashboard.movement", skip_all, fields(actor = %actor.name))]
    pub async fn movement(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<MovementDashboard> {
        // Independent reads, asked for at once.
        let tasks = async {
            match self.plans.of_year(actor, unit, year).await? {
                Some(plan) => Ok(Some(self.plans.view(actor, unit, plan.id).await?.counts())),
                None => Ok::<_, crate::CoreError>(None),
            }
        };
        let commitment = self.commitments.progress(actor, unit, year);
        let last = async {
            match antt_domain::time::MovementYear::new(year - 1) {
                Some(before) => self.sessions.list(actor, unit, before.number()).await,
                None => Ok(Vec::new()),
            }
        };
        let (tasks, coverage, commitment, this, last, teams) = Box::pin(async {
            tokio::try_join!(
                tasks,
                self.sessions.coverage_shares(actor, unit, year),
                commitment,
                self.sessions.list(actor, unit, year),
                last,
                self.teams.list(actor, unit),
            )
        })
        .await?;
        let month_of =
            |s: &antt_domain::session::Session| antt_domain::time::local_date(s.starts_at).month();
        let months = MOVEMENT_MONTHS
            .iter()
            .map(|&month| MonthFigures {
                month,
                sessions: u32::try_from(
                    this.iter()
                        .filter(|r| month_of(&r.session) == month)
                        .count(),
                )
                .unwrap_or(u32::MAX),
                attendances: this
                    .iter()
                    .filter(|r| month_of(&r.session) == month)
                    .map(|r| u64::from(r.attended) + u64::from(r.session.outside_count))
                    .sum(),
                sessions_last_year: u32::try_from(
                    last.iter()
                        .filter(|r| month_of(&r.session) == month)
                        .count(),
                )
                .unwrap_or(u32::MAX),
            })
            .collect::<Vec<_>>();
        Ok(MovementDashboard {
            year,
            tasks,
            coverage_staff: coverage.0,
            coverage_students: coverage.1,
            commitment,
            sessions: this.len(),
            attendances: months.iter().map(|m| m.attendances).sum(),
            months,
            teams_active: teams
                .iter()
                .filter(|t| t.team.status != antt_domain::team::TeamStatus::Dissolved)
                .count(),
            team_members: teams.iter().map(|t| t.serving).sum(),
        })
    }
}
