//! The province's view of its units: the targets of the period it sets,
//! and where the units under it stand against them, this year and the
//! years before, by kind of unit and by the ward police over them.

use std::collections::HashMap;

use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::equipment::EquipmentKind;
use antt_domain::province::{self, Target, TargetInput, TargetStanding, UnitYear};
use antt_domain::role::Capability;
use antt_domain::time::MovementYear;
use antt_domain::unit::Unit;
use antt_domain::{ProvinceTargetId, UnitId};
use antt_store::province as store;

use crate::actor::Actor;
use crate::assessment::Assessments;
use crate::audit::entry;
use crate::context::Cx;
use crate::error::{CoreError, CoreResult};
use crate::write::Access;

pub(crate) mod demo;

/// How many years the standing looks back, this one included.
pub const YEARS_SHOWN: i32 = 5;

/// The province's targets and standing.
#[derive(Clone)]
pub struct Province {
    cx: Cx,
    assessments: Assessments,
}

/// One target and where the units stand against it, year by year.
#[derive(Clone, Debug)]
pub struct TargetView {
    pub target: Target,
    /// The years shown, the oldest first; the last is the year asked for.
    pub years: Vec<TargetStanding>,
    current: TargetStanding,
}

impl TargetView {
    /// The year asked for.
    pub fn now(&self) -> &TargetStanding {
        &self.current
    }
}

/// Where an authority's units stand against its targets.
#[derive(Clone, Debug)]
pub struct Standing {
    pub authority: Unit,
    pub year: i32,
    pub targets: Vec<TargetView>,
    /// Every unit and police body under the authority, by id: the names
    /// the lists show.
    pub units: HashMap<UnitId, Unit>,
    /// How many units the targets count (police bodies left out).
    pub counted: usize,
}

impl Standing {
    /// A unit's or police body's name; the authority's own for its direct
    /// units.
    pub fn name_of(&self, id: Option<UnitId>) -> &str {
        id.and_then(|id| self.units.get(&id))
            .map_or(self.authority.name.as_str(), |u| u.name.as_str())
    }
}

impl Province {
    pub(crate) fn new(cx: Cx, assessments: Assessments) -> Self {
        Self { cx, assessments }
    }

    /// The authority a reader stands for: its own police body, or (the
    /// command line, an administrator) the one named.
    async fn authority(&self, actor: &Actor, requested: Option<UnitId>) -> CoreResult<Unit> {
        let Some(id) = requested.or(actor.unit_id) else {
            return Err(CoreError::NotFound);
        };
        self.cx.check_readable(actor, id).await?;
        if !actor.can(Capability::OverseeUnits) && !actor.can(Capability::ManageUnits) {
            return Err(CoreError::Forbidden);
        }
        let unit = self.cx.cached_unit(id).await?;
        if unit.kind.is_authority() {
            Ok(unit)
        } else {
            Err(CoreError::NotFound)
        }
    }

    /// The targets an authority set.
    #[tracing::instrument(name = "province.targets", skip_all, fields(actor = %actor.name))]
    pub async fn targets(
        &self,
        actor: &Actor,
        authority: Option<UnitId>,
    ) -> CoreResult<Vec<Target>> {
        let a = self.authority(actor, authority).await?;
        Ok(store::targets(self.cx.db(), a.id).await?)
    }

    /// Sets a target of the officer's own police body, or changes one.
    #[tracing::instrument(name = "province.save_target", skip_all, fields(actor = %actor.name))]
    pub async fn save_target(
        &self,
        actor: &Actor,
        id: Option<ProvinceTargetId>,
        input: TargetInput,
    ) -> CoreResult<ProvinceTargetId> {
        let home = self.authority(actor, None).await?.id;
        let w = self
            .cx
            .write(Access::Unit(actor, home, Capability::ActForAuthority))
            .await?;
        let id = match id {
            Some(id) => {
                store::update_target(w.tx(), home, id, &input, &actor.name, w.now()).await?;
                id
            }
            None => store::insert_target(w.tx(), home, &input, &actor.name, w.now()).await?,
        };
        let kind = input.kind.map_or("mọi loại", antt_words::unit_kind);
        w.commit(entry(
            actor,
            Some(home),
            AuditAction::Update,
            Some((TargetKind::Province, id.to_string())),
            format!(
                "Chỉ tiêu {} ({kind}): {} đến năm {}",
                antt_words::measure(input.measure),
                province::percent(input.low),
                input.due_year
            ),
            Vec::new(),
        ))
        .await?;
        Ok(id)
    }

    /// Removes a target of the officer's own police body.
    #[tracing::instrument(name = "province.delete_target", skip_all, fields(actor = %actor.name))]
    pub async fn delete_target(&self, actor: &Actor, id: ProvinceTargetId) -> CoreResult<()> {
        let home = self.authority(actor, None).await?.id;
        let w = self
            .cx
            .write(Access::Unit(actor, home, Capability::ActForAuthority))
            .await?;
        store::delete_target(w.tx(), home, id).await?;
        w.commit(entry(
            actor,
            Some(home),
            AuditAction::Update,
            Some((TargetKind::Province, id.to_string())),
            "Bỏ một chỉ tiêu",
            Vec::new(),
        ))
        .await
    }

    /// What the records say of every unit under the authority, year by
    /// year over `years`.
    async fn unit_years(
        &self,
        authority: UnitId,
        years: std::ops::RangeInclusive<i32>,
    ) -> CoreResult<HashMap<i32, Vec<UnitYear>>> {
        let under: Vec<UnitId> = self
            .cx
            .cached_subtree(authority)
            .await?
            .iter()
            .copied()
            .filter(|u| *u != authority)
            .collect();
        let ratings: HashMap<(UnitId, i32), antt_domain::assessment::Rating> =
            store::security_ratings(self.cx.db(), &under, years.clone())
                .await?
                .into_iter()
                .map(|(u, y, r)| ((u, y), r))
                .collect();
        let gear = store::security_gear(self.cx.db(), &under).await?;
        let mut out = HashMap::new();
        for year in years {
            let last_day = MovementYear::saturating(year).last_day();
            let equipped = |unit: UnitId| {
                EquipmentKind::EQUIPPED_NEEDS.iter().all(|need| {
                    gear.iter().any(|(u, k, since)| {
                        *u == unit && k == need && since.is_none_or(|d| d <= last_day)
                    })
                })
            };
            let rows = self
                .assessments
                .standings_under(authority, year)
                .await?
                .into_iter()
                .map(|s| UnitYear {
                    unit_id: s.unit.id,
                    kind: s.unit.kind,
                    authority_id: s.unit.authority_id,
                    assessed: s.state.is_some(),
                    level: s.level_code,
                    recognised: s.state
                        == Some(antt_domain::assessment::AssessmentState::Recognised),
                    security: ratings.get(&(s.unit.id, year)).copied(),
                    equipped: equipped(s.unit.id),
                })
                .collect();
            out.insert(year, rows);
        }
        Ok(out)
    }

    /// Where the units under the authority stand against its targets in
    /// `year` and the four years before.
    #[tracing::instrument(name = "province.standing", skip_all, fields(actor = %actor.name))]
    pub async fn standing(
        &self,
        actor: &Actor,
        authority: Option<UnitId>,
        year: i32,
    ) -> CoreResult<Standing> {
        let authority = self.authority(actor, authority).await?;
        let targets = store::targets(self.cx.db(), authority.id).await?;
        let years = year - YEARS_SHOWN + 1..=year;
        let facts = self.unit_years(authority.id, years.clone()).await?;
        let mut units = HashMap::new();
        for id in self.cx.cached_subtree(authority.id).await?.iter() {
            if *id != authority.id {
                units.insert(*id, self.cx.cached_unit(*id).await?);
            }
        }
        let counted = facts.get(&year).map_or(0, Vec::len);
        let stand = |target: &Target, y: i32| {
            province::stand(target, y, facts.get(&y).map_or(&[][..], Vec::as_slice))
        };
        let targets = targets
            .into_iter()
            .map(|target| TargetView {
                years: years.clone().map(|y| stand(&target, y)).collect(),
                current: stand(&target, year),
                target,
            })
            .collect();
        Ok(Standing {
            authority,
            year,
            targets,
            units,
            counted,
        })
    }
}
