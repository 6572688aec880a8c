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
pub mod report;

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

    /// Those of `units` that run their own copy of antt.
    async fn own_copies(&self, units: &[UnitId]) -> CoreResult<Vec<UnitId>> {
        let mut out = Vec::new();
        for id in units {
            if self.cx.cached_unit(*id).await?.bundle_key.is_some() {
                out.push(*id);
            }
        }
        Ok(out)
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
        let own_copies = self.own_copies(&under).await?;
        let mut out = HashMap::new();
        for year in years {
            let last_day = MovementYear::saturating(year).last_day();
            // A unit on its own copy: as its bundle of the year says.
            let bundled: HashMap<UnitId, bool> =
                antt_store::bundle::of_units(self.cx.db(), &own_copies, year)
                    .await?
                    .into_iter()
                    .map(|b| (b.unit_id, b.content.equipped))
                    .collect();
            let equipped = |unit: UnitId| {
                if let Some(e) = bundled.get(&unit) {
                    return *e;
                }
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

    /// The standing as Excel: the targets with five years of shares, the
    /// shares by kind and by police body this year, and the units that
    /// hold each figure down.
    #[tracing::instrument(name = "province.standing_workbook", skip_all, fields(actor = %actor.name))]
    pub async fn standing_workbook(
        &self,
        actor: &Actor,
        authority: Option<UnitId>,
        year: i32,
    ) -> CoreResult<crate::export::ExportFile> {
        let s = self.standing(actor, authority, year).await?;
        let sheets = workbook(&s);
        self.assessments
            .exports
            .sheets(
                actor,
                s.authority.id,
                Some((TargetKind::Province, s.authority.id.to_string())),
                format!("chi-tieu-phong-trao-{year}.xlsx"),
                sheets,
            )
            .await
    }
}

/// The models, teams and clusters across an authority's units.
#[derive(Clone, Debug)]
pub struct Models {
    pub authority: Unit,
    /// By type, the most places first.
    pub types: Vec<province::TypeCount>,
    /// Linked clusters, each once, with the units that keep it.
    pub clusters: Vec<province::Cluster>,
    /// Units with at least one model, team or cluster, of those counted.
    pub places: usize,
    pub counted: usize,
    pub units: HashMap<UnitId, Unit>,
}

impl Province {
    /// Every unit's models, teams and clusters under the authority,
    /// counted by type and place, the clusters shown once.
    #[tracing::instrument(name = "province.models", skip_all, fields(actor = %actor.name))]
    pub async fn models(&self, actor: &Actor, authority: Option<UnitId>) -> CoreResult<Models> {
        let authority = self.authority(actor, authority).await?;
        let mut units = HashMap::new();
        for id in self.cx.cached_subtree(authority.id).await?.iter() {
            let u = self.cx.cached_unit(*id).await?;
            if !u.kind.is_authority() {
                units.insert(*id, u);
            }
        }
        let ids: Vec<UnitId> = units.keys().copied().collect();
        let today = antt_domain::time::local_date(self.cx.now());
        let mut groups = store::groups(self.cx.db(), &ids, today).await?;
        // Units on their own copy: the models their latest bundle lists.
        for unit in self.own_copies(&ids).await? {
            if let Some(b) = antt_store::bundle::of_unit(self.cx.db(), unit)
                .await?
                .into_iter()
                .next()
            {
                groups.extend(b.content.models.iter().map(|m| m.group(unit)));
            }
        }
        let places = groups
            .iter()
            .map(|g| g.unit_id)
            .collect::<std::collections::HashSet<_>>()
            .len();
        let (types, clusters) = province::count_groups(&groups);
        Ok(Models {
            authority,
            types,
            clusters,
            places,
            counted: units.len(),
            units,
        })
    }
}

/// A target's title: what it counts and of which units.
pub fn target_title(t: &Target) -> String {
    match t.kind {
        Some(k) => format!(
            "{} ({})",
            antt_words::measure(t.measure),
            antt_words::unit_kind(k)
        ),
        None => antt_words::measure(t.measure).to_owned(),
    }
}

/// Per mille as "79,3 %".
pub fn share_text(per_mille: u32) -> String {
    format!("{} %", province::percent(per_mille))
}

fn workbook(s: &Standing) -> Vec<crate::export::TableSheet> {
    use crate::export::{TableSheet, Value};
    let text = |t: String| Value::Text(t);
    let number = |n: u32| Value::Number(f64::from(n));
    let title = |what: &str| vec![s.authority.name.clone(), format!("{what} NĂM {}", s.year)];
    let first_year = s
        .targets
        .first()
        .and_then(|t| t.years.first())
        .map_or(s.year, |y| y.year);
    let mut headers: Vec<String> = ["TT", "Chỉ tiêu", "Phấn đấu", "Đến năm"]
        .map(str::to_owned)
        .to_vec();
    headers.extend((first_year..=s.year).map(|y| format!("Năm {y}")));
    headers.extend(["Số đơn vị đạt", "Còn thiếu", "Kết quả"].map(str::to_owned));
    let targets = TableSheet {
        name: "Chỉ tiêu".into(),
        title: title("KẾT QUẢ THỰC HIỆN CHỈ TIÊU PHONG TRÀO"),
        widths: [5.0, 48.0, 10.0, 8.0]
            .into_iter()
            .chain((first_year..=s.year).map(|_| 10.0))
            .chain([14.0, 10.0, 12.0])
            .collect(),
        headers,
        rows: s
            .targets
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let now = t.now();
                let mut row = vec![
                    number(u32::try_from(i + 1).unwrap_or(u32::MAX)),
                    text(target_title(&t.target)),
                    text(t.target.share_text()),
                    number(u32::try_from(t.target.due_year).unwrap_or_default()),
                ];
                row.extend(t.years.iter().map(|y| text(share_text(y.all.per_mille()))));
                row.push(text(format!("{}/{}", now.all.reached, now.all.total)));
                row.push(number(now.all.missing(t.target.low)));
                row.push(text(
                    if now.met(&t.target) {
                        "Đạt"
                    } else {
                        "Chưa đạt"
                    }
                    .to_owned(),
                ));
                row
            })
            .collect(),
    };
    let group_rows = |by: &dyn Fn(&TargetStanding) -> Vec<(String, province::Tally)>| {
        s.targets
            .iter()
            .flat_map(|t| {
                by(t.now()).into_iter().map(|(name, tally)| {
                    vec![
                        text(target_title(&t.target)),
                        text(name),
                        number(tally.reached),
                        number(tally.total),
                        text(share_text(tally.per_mille())),
                    ]
                })
            })
            .collect::<Vec<_>>()
    };
    let group_headers = |what: &str| {
        ["Chỉ tiêu", what, "Đạt", "Số đơn vị", "Tỷ lệ"]
            .map(str::to_owned)
            .to_vec()
    };
    let by_kind = TableSheet {
        name: "Theo loại đơn vị".into(),
        title: title("CHỈ TIÊU PHONG TRÀO THEO LOẠI ĐƠN VỊ"),
        headers: group_headers("Loại đơn vị"),
        widths: vec![48.0, 20.0, 8.0, 10.0, 10.0],
        rows: group_rows(&|n: &TargetStanding| {
            n.by_kind
                .iter()
                .map(|(k, t)| (antt_words::unit_kind(*k).to_owned(), *t))
                .collect()
        }),
    };
    let by_body = TableSheet {
        name: "Theo công an xã, phường".into(),
        title: title("CHỈ TIÊU PHONG TRÀO THEO CƠ QUAN CÔNG AN QUẢN LÝ"),
        headers: group_headers("Cơ quan công an"),
        widths: vec![48.0, 36.0, 8.0, 10.0, 10.0],
        rows: group_rows(&|n: &TargetStanding| {
            n.by_authority
                .iter()
                .map(|(a, t)| (s.name_of(*a).to_owned(), *t))
                .collect()
        }),
    };
    let down = TableSheet {
        name: "Đơn vị chưa đạt".into(),
        title: title("CÁC ĐƠN VỊ CHƯA ĐẠT CHỈ TIÊU"),
        headers: ["Chỉ tiêu", "Mã", "Đơn vị", "Cơ quan công an", "Lý do"]
            .map(str::to_owned)
            .to_vec(),
        widths: vec![40.0, 10.0, 44.0, 30.0, 36.0],
        rows: s
            .targets
            .iter()
            .flat_map(|t| {
                t.now().holding_down.iter().map(|(u, why)| {
                    let unit = s.units.get(u);
                    vec![
                        text(target_title(&t.target)),
                        text(unit.map(|u| u.code.clone()).unwrap_or_default()),
                        text(s.name_of(Some(*u)).to_owned()),
                        text(s.name_of(unit.and_then(|u| u.authority_id)).to_owned()),
                        text(antt_words::shortfall(*why).to_owned()),
                    ]
                })
            })
            .collect(),
    };
    vec![targets, by_kind, by_body, down]
}
