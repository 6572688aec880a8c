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

use crate::Antt;
use crate::actor::Actor;
use crate::audit::{commit_audited, entry};
use crate::error::{CoreError, CoreResult, duplicate_on};

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

impl Antt {
    /// The unit's catalogue of model, team and cluster types.
    pub async fn team_types(
        &self,
        actor: &Actor,
        unit: UnitId,
    ) -> CoreResult<Vec<(TeamKind, String)>> {
        self.check_readable(actor, unit).await?;
        let stored = store::types(self.db(), unit).await?;
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
    pub async fn add_team_type(
        &self,
        actor: &Actor,
        unit: UnitId,
        kind: TeamKind,
        name: &str,
    ) -> CoreResult<()> {
        self.check_writable(actor, unit).await?;
        actor.require(Capability::EditPlans)?;
        let name = antt_domain::text::required("type_name", name, 200)
            .map_err(|e| CoreError::invalid(e.field, e.code))?;
        let tx = self.db().begin().await?;
        let catalogue = ensure_catalogue(&tx, unit).await?;
        if catalogue.iter().any(|(k, n)| *k == kind && *n == name) {
            return Err(CoreError::invalid("type_name", ErrorCode::Duplicate));
        }
        let position = i32::try_from(catalogue.len()).unwrap_or(i32::MAX - 1) + 1;
        store::add_type(&tx, unit, kind, &name, position).await?;
        let changes = vec![Change {
            field: "type_name".into(),
            before: None,
            after: Some(name.clone()),
        }];
        commit_audited(
            tx,
            self.now(),
            entry(
                actor,
                Some(unit),
                AuditAction::Create,
                None,
                format!("Loại mô hình, đội: {name}"),
                changes,
            ),
        )
        .await
    }

    /// Removes a type no group uses from the unit's catalogue.
    pub async fn remove_team_type(
        &self,
        actor: &Actor,
        unit: UnitId,
        kind: TeamKind,
        name: &str,
    ) -> CoreResult<()> {
        self.check_writable(actor, unit).await?;
        actor.require(Capability::EditPlans)?;
        let tx = self.db().begin().await?;
        ensure_catalogue(&tx, unit).await?;
        if store::count_of_type(&tx, unit, kind, name).await? > 0 {
            return Err(CoreError::invalid("type_name", ErrorCode::WrongState));
        }
        store::remove_type(&tx, unit, kind, name).await?;
        let changes = vec![Change {
            field: "type_name".into(),
            before: Some(name.to_owned()),
            after: None,
        }];
        commit_audited(
            tx,
            self.now(),
            entry(
                actor,
                Some(unit),
                AuditAction::Update,
                None,
                format!("Loại mô hình, đội: {name}"),
                changes,
            ),
        )
        .await
    }

    /// Appends the entry of a change to a group and commits.
    async fn commit_team(
        &self,
        tx: antt_store::Tx,
        actor: &Actor,
        unit: UnitId,
        team: TeamId,
        action: AuditAction,
        summary: String,
        changes: Vec<Change>,
    ) -> CoreResult<()> {
        let target = Some((TargetKind::Team, team.to_string()));
        commit_audited(
            tx,
            self.now(),
            entry(actor, Some(unit), action, target, summary, changes),
        )
        .await
    }

    /// The unit's groups with how many serve today.
    pub async fn teams(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<TeamRow>> {
        self.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPlans)?;
        let today = local_date(self.now());
        let members = store::members(self.db(), unit, None).await?;
        let people = self.cached_people(unit).await?;
        let names: HashMap<PersonId, &str> = people
            .iter()
            .map(|(_, p)| (p.id, p.full_name.as_str()))
            .collect();
        Ok(store::list(self.db(), unit)
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
                        .map(|n| (*n).to_owned()),
                    serving: serving.len(),
                    team,
                }
            })
            .collect())
    }

    /// A group with its members and activity log.
    pub async fn team_view(&self, actor: &Actor, unit: UnitId, id: TeamId) -> CoreResult<TeamView> {
        self.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPlans)?;
        let team = store::get(self.db(), unit, id).await?;
        let today = local_date(self.now());
        let people = self.cached_people(unit).await?;
        let by_id: HashMap<PersonId, (&str, &str)> = people
            .iter()
            .map(|(_, p)| (p.id, (p.full_name.as_str(), p.code.as_str())))
            .collect();
        let members = store::members(self.db(), unit, Some(id))
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
        let writable = self.check_writable(actor, unit).await.is_ok();
        Ok(TeamView {
            activities: store::activities(self.db(), unit, id).await?,
            may_edit: writable && actor.role.can(Capability::EditPlans),
            members,
            team,
        })
    }

    /// Establishes a group (`id` is `None`) or changes one.
    pub async fn save_team(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: Option<TeamId>,
        input: TeamInput,
    ) -> CoreResult<TeamId> {
        self.check_writable(actor, unit).await?;
        actor.require(Capability::EditPlans)?;
        let input = input.validate()?;
        let tx = self.db().begin().await?;
        if let Some(name) = &input.type_name {
            let catalogue = ensure_catalogue(&tx, unit).await?;
            if !catalogue.contains(&(input.kind, name.clone())) {
                return Err(CoreError::invalid("type_name", ErrorCode::NotFound));
            }
        }
        let (id, action, before) = match id {
            None => (
                store::insert(&tx, unit, &input, self.now())
                    .await
                    .map_err(duplicate_on("name", "name"))?
                    .id,
                AuditAction::Create,
                Vec::new(),
            ),
            Some(id) => {
                let old = store::get(&tx, unit, id).await?;
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
                store::update(&tx, unit, id, &input)
                    .await
                    .map_err(duplicate_on("name", "name"))?;
                (id, AuditAction::Update, fields(&old))
            }
        };
        self.commit_team(
            tx,
            actor,
            unit,
            id,
            action,
            input.name.clone(),
            Change::diff(&before, &fields(&input)),
        )
        .await?;
        Ok(id)
    }

    /// Adds a member for a term starting `from` (and ending `until`, if known).
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
        self.check_writable(actor, unit).await?;
        actor.require(Capability::EditPlans)?;
        Member::check_term(from, until)?;
        let tx = self.db().begin().await?;
        let t = store::get(&tx, unit, team).await?;
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
        store::add_member(&tx, unit, &member)
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
        self.commit_team(tx, actor, unit, team, AuditAction::Update, t.name, changes)
            .await
    }

    /// Ends a member's term.
    pub async fn end_member(
        &self,
        actor: &Actor,
        unit: UnitId,
        team: TeamId,
        person: PersonId,
        from: NaiveDate,
        until: NaiveDate,
    ) -> CoreResult<()> {
        self.check_writable(actor, unit).await?;
        actor.require(Capability::EditPlans)?;
        Member::check_term(from, Some(until))?;
        let tx = self.db().begin().await?;
        let t = store::get(&tx, unit, team).await?;
        store::end_member(&tx, unit, team, person, from, until).await?;
        let changes = vec![Change {
            field: "member_until".into(),
            before: None,
            after: Some(format!("{person} {}", format_date(until))),
        }];
        self.commit_team(tx, actor, unit, team, AuditAction::Update, t.name, changes)
            .await
    }

    /// Writes an entry of a group's activity log.
    pub async fn log_activity(
        &self,
        actor: &Actor,
        unit: UnitId,
        team: TeamId,
        on: NaiveDate,
        text: &str,
    ) -> CoreResult<()> {
        self.check_writable(actor, unit).await?;
        actor.require(Capability::EditPlans)?;
        let text = clean(text);
        if text.is_empty() {
            return Err(CoreError::invalid("body", ErrorCode::Required));
        }
        if on > local_date(self.now()) {
            return Err(CoreError::invalid("date", ErrorCode::InFuture));
        }
        let tx = self.db().begin().await?;
        let t = store::get(&tx, unit, team).await?;
        store::add_activity(
            &tx,
            unit,
            team,
            &Activity {
                on,
                text: text.clone(),
            },
            self.now(),
        )
        .await?;
        let changes = vec![Change {
            field: "activity".into(),
            before: None,
            after: Some(text),
        }];
        self.commit_team(tx, actor, unit, team, AuditAction::Update, t.name, changes)
            .await
    }
}
