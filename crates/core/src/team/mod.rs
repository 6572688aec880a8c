//! Models, teams and linked security clusters: established by a decision,
//! members in roles for a term, an activity log, a status.

pub(crate) mod demo;

use antt_domain::role::Capability;
use std::collections::HashMap;

use chrono::NaiveDate;

use antt_domain::audit::{AuditAction, Change, TargetKind};
use antt_domain::team::{
    Activity, DEFAULT_TYPES, Member, MemberRole, Team, TeamInput, TeamKind, TeamStatus,
};
use antt_domain::text::clean;
use antt_domain::time::{format_date, local_date};
use antt_domain::{ErrorCode, PersonId, TeamId, UnitId};
use antt_store::StoreError;
use antt_store::team as store;

use crate::actor::Actor;
use crate::audit::{entry, saved};
use crate::context::Cx;
use crate::error::{CoreError, CoreResult, duplicate_on};
use crate::write::{Access, Write};

/// A group in the list, with how many serve today.
#[derive(Clone, Debug)]
pub struct TeamRow {
    pub team: Team,
    pub serving: usize,
    pub leader: Option<String>,
}

/// A member with their name.
#[derive(Clone, Debug)]
pub struct MemberRow {
    pub member: Member,
    pub name: String,
    pub code: String,
    pub serving: bool,
}

/// A group with its members and log, for its page.
#[derive(Clone, Debug)]
pub struct TeamView {
    pub team: Team,
    pub members: Vec<MemberRow>,
    pub activities: Vec<Activity>,
    pub may_edit: bool,
}

fn fields(t: &TeamInput) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("kind", Some(t.kind.code().to_owned())),
        ("name", Some(t.name.clone())),
        ("decision_number", t.decision_number.clone()),
        ("decision_date", t.decision_date.map(format_date)),
        ("decision_signer", t.decision_signer.clone()),
        (
            "partners",
            Some(t.partners.join("; ")).filter(|s| !s.is_empty()),
        ),
        ("status", Some(t.status.code().to_owned())),
        ("type_name", t.type_name.clone()),
    ]
}

/// The unit's catalogue of types; a unit that never changed it gets the
/// built-in one, stored now so that later changes start from it.
async fn ensure_catalogue(
    tx: &antt_store::Tx,
    unit: UnitId,
) -> CoreResult<Vec<(TeamKind, String)>> {
    let stored = store::types(tx, unit).await?;
    if !stored.is_empty() {
        return Ok(stored);
    }
    for ((kind, name), position) in DEFAULT_TYPES.iter().zip(1..) {
        store::add_type(tx, unit, *kind, name, position).await?;
    }
    Ok(DEFAULT_TYPES
        .iter()
        .map(|(k, n)| (*k, (*n).to_owned()))
        .collect())
}

/// Models, teams and linked security clusters of a unit.
#[derive(Clone)]
pub struct Teams {
    cx: Cx,
}

impl Teams {
    pub(crate) fn new(cx: Cx) -> Self {
        Self { cx }
    }

    /// The unit's catalogue of model, team and cluster types.
    #[tracing::instrument(name = "teams.types", skip_all, fields(actor = %actor.name))]
    pub async fn types(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<(TeamKind, String)>> {
        self.cx.check_readable(actor, unit).await?;
        let stored = store::types(self.cx.db(), unit).await?;
        Ok(if stored.is_empty() {
            DEFAULT_TYPES
                .iter()
                .map(|(k, n)| (*k, (*n).to_owned()))
                .collect()
        } else {
            stored
        })
    }

    /// Adds a type to the unit's catalogue.
    #[tracing::instrument(name = "teams.add_type", skip_all, fields(actor = %actor.name))]
    pub async fn add_type(
        &self,
        actor: &Actor,
        unit: UnitId,
        kind: TeamKind,
        name: &str,
    ) -> CoreResult<()> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::EditPlans))
            .await?;
        let name = antt_domain::text::required("type_name", name, 200)
            .map_err(|e| CoreError::invalid(e.field, e.code))?;
        let catalogue = ensure_catalogue(w.tx(), unit).await?;
        if catalogue.iter().any(|(k, n)| *k == kind && *n == name) {
            return Err(CoreError::invalid("type_name", ErrorCode::Duplicate));
        }
        let position = i32::try_from(catalogue.len()).unwrap_or(i32::MAX - 1) + 1;
        store::add_type(w.tx(), unit, kind, &name, position).await?;
        let changes = vec![Change {
            field: "type_name".into(),
            before: None,
            after: Some(name.clone()),
        }];
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            None,
            format!("Loại mô hình, đội: {name}"),
            changes,
        ))
        .await
    }

    /// Removes a type no group uses from the unit's catalogue.
    #[tracing::instrument(name = "teams.remove_type", skip_all, fields(actor = %actor.name))]
    pub async fn remove_type(
        &self,
        actor: &Actor,
        unit: UnitId,
        kind: TeamKind,
        name: &str,
    ) -> CoreResult<()> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::EditPlans))
            .await?;
        ensure_catalogue(w.tx(), unit).await?;
        if store::count_of_type(w.tx(), unit, kind, name).await? > 0 {
            return Err(CoreError::invalid("type_name", ErrorCode::WrongState));
        }
        store::remove_type(w.tx(), unit, kind, name).await?;
        let changes = vec![Change {
            field: "type_name".into(),
            before: Some(name.to_owned()),
            after: None,
        }];
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            None,
            format!("Loại mô hình, đội: {name}"),
            changes,
        ))
        .await
    }

    /// Appends the entry of a change to a group and commits.
    async fn commit_team(
        w: Write,
        actor: &Actor,
        unit: UnitId,
        team: TeamId,
        action: AuditAction,
        summary: String,
        changes: Vec<Change>,
    ) -> CoreResult<()> {
        let target = Some((TargetKind::Team, team.to_string()));
        w.commit(entry(actor, Some(unit), action, target, summary, changes))
            .await
    }

    /// The unit's groups with how many serve today.
    #[tracing::instrument(name = "teams.list", skip_all, fields(actor = %actor.name))]
    pub async fn list(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<TeamRow>> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPlans)?;
        let today = local_date(self.cx.now());
        let members = store::members(self.cx.db(), unit, None).await?;
        // Only the leaders are named: read their names, not the unit's people.
        let leaders: Vec<PersonId> = members
            .iter()
            .filter(|m| m.role == MemberRole::Leader && m.serves_on(today))
            .map(|m| m.person_id)
            .collect();
        let names: HashMap<PersonId, String> =
            antt_store::person::names(self.cx.db(), unit, &leaders)
                .await?
                .into_iter()
                .collect();
        Ok(store::list(self.cx.db(), unit)
            .await?
            .into_iter()
            .map(|team| {
                let serving: Vec<&Member> = members
                    .iter()
                    .filter(|m| m.team_id == team.id && m.serves_on(today))
                    .collect();
                TeamRow {
                    leader: serving
                        .iter()
                        .find(|m| m.role == MemberRole::Leader)
                        .and_then(|m| names.get(&m.person_id))
                        .cloned(),
                    serving: serving.len(),
                    team,
                }
            })
            .collect())
    }

    /// A group with its members and activity log.
    #[tracing::instrument(name = "teams.view", skip_all, fields(actor = %actor.name))]
    pub async fn view(&self, actor: &Actor, unit: UnitId, id: TeamId) -> CoreResult<TeamView> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPlans)?;
        let team = store::get(self.cx.db(), unit, id).await?;
        let today = local_date(self.cx.now());
        let people = self.cx.cached_people(unit).await?;
        let by_id: HashMap<PersonId, (&str, &str)> = people
            .iter()
            .map(|(_, p)| (p.id, (p.full_name.as_str(), p.code.as_str())))
            .collect();
        let members = store::members(self.cx.db(), unit, Some(id))
            .await?
            .into_iter()
            .map(|member| {
                let (name, code) = by_id.get(&member.person_id).copied().unwrap_or(("", ""));
                MemberRow {
                    name: name.to_owned(),
                    code: code.to_owned(),
                    serving: member.serves_on(today),
                    member,
                }
            })
            .collect();
        let writable = self.cx.check_writable(actor, unit).await.is_ok();
        Ok(TeamView {
            activities: store::activities(self.cx.db(), unit, id).await?,
            may_edit: writable && actor.role.can(Capability::EditPlans),
            members,
            team,
        })
    }

    /// Establishes a group (`id` is `None`) or changes one.
    #[tracing::instrument(name = "teams.save", skip_all, fields(actor = %actor.name))]
    pub async fn save(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: Option<TeamId>,
        input: TeamInput,
    ) -> CoreResult<TeamId> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::EditPlans))
            .await?;
        let input = input.validate()?;
        if let Some(name) = &input.type_name {
            let catalogue = ensure_catalogue(w.tx(), unit).await?;
            if !catalogue.contains(&(input.kind, name.clone())) {
                return Err(CoreError::invalid("type_name", ErrorCode::NotFound));
            }
        }
        let (id, action, before) = match id {
            None => (
                store::insert(w.tx(), unit, &input, w.now())
                    .await
                    .map_err(duplicate_on("name", "name"))?
                    .id,
                AuditAction::Create,
                Vec::new(),
            ),
            Some(id) => {
                let old = store::get(w.tx(), unit, id).await?;
                let old = TeamInput {
                    kind: old.kind,
                    name: old.name,
                    decision_number: old.decision_number,
                    decision_date: old.decision_date,
                    decision_signer: old.decision_signer,
                    partners: old.partners,
                    status: old.status,
                    type_name: old.type_name,
                };
                store::update(w.tx(), unit, id, &input)
                    .await
                    .map_err(duplicate_on("name", "name"))?;
                (id, AuditAction::Update, fields(&old))
            }
        };
        w.commit(saved(
            actor,
            unit,
            TargetKind::Team,
            id,
            action,
            input.name.clone(),
            &before,
            &fields(&input),
        ))
        .await?;
        Ok(id)
    }

    /// Adds a member for a term starting `from` (and ending `until`, if known).
    #[tracing::instrument(name = "teams.add_member", skip_all, fields(actor = %actor.name))]
    pub async fn add_member(
        &self,
        actor: &Actor,
        unit: UnitId,
        team: TeamId,
        person: PersonId,
        role: MemberRole,
        from: NaiveDate,
        until: Option<NaiveDate>,
    ) -> CoreResult<()> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::EditPlans))
            .await?;
        Member::check_term(from, until)?;
        let t = store::get(w.tx(), unit, team).await?;
        if t.status == TeamStatus::Dissolved {
            return Err(CoreError::invalid("status", ErrorCode::WrongState));
        }
        let member = Member {
            team_id: team,
            person_id: person,
            role,
            from,
            until,
        };
        store::add_member(w.tx(), unit, &member)
            .await
            .map_err(|e| match e {
                StoreError::ForeignKey(_) => CoreError::invalid("person_id", ErrorCode::NotFound),
                StoreError::Conflict(_) => CoreError::invalid("person_id", ErrorCode::Duplicate),
                e => e.into(),
            })?;
        let changes = vec![Change {
            field: "member".into(),
            before: None,
            after: Some(format!("{person} {} {}", role.code(), format_date(from))),
        }];
        Self::commit_team(w, actor, unit, team, AuditAction::Update, t.name, changes).await
    }

    /// Ends a member's term.
    #[tracing::instrument(name = "teams.end_member", skip_all, fields(actor = %actor.name))]
    pub async fn end_member(
        &self,
        actor: &Actor,
        unit: UnitId,
        team: TeamId,
        person: PersonId,
        from: NaiveDate,
        until: NaiveDate,
    ) -> CoreResult<()> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::EditPlans))
            .await?;
        Member::check_term(from, Some(until))?;
        let t = store::get(w.tx(), unit, team).await?;
        store::end_member(w.tx(), unit, team, person, from, until).await?;
        let changes = vec![Change {
            field: "member_until".into(),
            before: None,
            after: Some(format!("{person} {}", format_date(until))),
        }];
        Self::commit_team(w, actor, unit, team, AuditAction::Update, t.name, changes).await
    }

    /// Writes an entry of a group's activity log.
    #[tracing::instrument(name = "teams.log_activity", skip_all, fields(actor = %actor.name))]
    pub async fn log_activity(
        &self,
        actor: &Actor,
        unit: UnitId,
        team: TeamId,
        on: NaiveDate,
        text: &str,
    ) -> CoreResult<()> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::EditPlans))
            .await?;
        let text = clean(text);
        if text.is_empty() {
            return Err(CoreError::invalid("body", ErrorCode::Required));
        }
        if on > local_date(w.now()) {
            return Err(CoreError::invalid("date", ErrorCode::InFuture));
        }
        let t = store::get(w.tx(), unit, team).await?;
        store::add_activity(
            w.tx(),
            unit,
            team,
            &Activity {
                on,
                text: text.clone(),
            },
            w.now(),
        )
        .await?;
        let changes = vec![Change {
            field: "activity".into(),
            before: None,
            after: Some(text),
        }];
        Self::commit_team(w, actor, unit, team, AuditAction::Update, t.name, changes).await
    }
}
