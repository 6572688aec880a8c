//! Emulation and rewards: pledges, nominations (candidates suggested from
//! the records), the council's review, the unit's decisions with their
//! Word document and printable certificates, proposals sent up to the
//! province with their list, rewards on the spot, and each person's and
//! collective's reward history.

use std::collections::{HashMap, HashSet};

use antt_docgen::{Block, BodyTable, IssueDate, OfficialDocument, TableSheet, Value};
use antt_domain::audit::{AuditAction, Change, TargetKind};
use antt_domain::person::PersonKind;
use antt_domain::reward::{
    DecisionInput, Nomination, NominationInput, NominationState, Nominee, NomineeKind, Pledge,
    RewardDecision, RewardForm, Suggestion,
};
use antt_domain::role::Capability;
use antt_domain::team::{MemberRole, TeamKind, TeamStatus};
use antt_domain::time::{format_date, local_date};
use antt_domain::{ErrorCode, NominationId, RewardDecisionId, UnitId};
use antt_store::reward as store;

use crate::actor::Actor;
use crate::audit::{changed, entry};
use crate::context::{Cx, movement_year};
use crate::error::{CoreError, CoreResult};
use crate::export::ExportFile;
use crate::exports::Exports;
use crate::org::Org;
use crate::plan::{Letterhead, Plans};
use crate::session::Sessions;
use crate::write::{Access, Write};

/// A candidate antt suggests from the records, with what it saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub nominee: Nominee,
    pub suggestion: Suggestion,
    /// The record behind it, in its own words: a team, a class's coverage,
    /// an incident's number.
    pub because: String,
}

/// The rewards of a year.
#[derive(Clone, Debug)]
pub struct RewardsView {
    pub year: i32,
    pub nominations: Vec<Nomination>,
    pub decisions: Vec<RewardDecision>,
    pub pledges: Vec<Pledge>,
    pub candidates: Vec<Candidate>,
    /// Nominations of people disciplined in the year, with why: they may
    /// not be decided or sent up.
    pub ineligible: HashMap<NominationId, String>,
}

/// Emulation and rewards of a unit.
#[derive(Clone)]
pub struct Rewards {
    cx: Cx,
    org: Org,
    plans: Plans,
    sessions: Sessions,
    exports: Exports,
}

impl Rewards {
    pub(crate) fn new(
        cx: Cx,
        org: Org,
        plans: Plans,
        sessions: Sessions,
        exports: Exports,
    ) -> Self {
        Self {
            cx,
            org,
            plans,
            sessions,
            exports,
        }
    }

    async fn check_rewards_readable(&self, actor: &Actor, unit: UnitId) -> CoreResult<()> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPlans)
    }

    /// A write of the unit's office.
    async fn office_write(&self, actor: &Actor, unit: UnitId) -> CoreResult<Write> {
        self.cx
            .write(Access::Unit(actor, unit, Capability::EditPlans))
            .await
    }

    /// The year's nominations, decisions, pledges and the candidates the
    /// records suggest (those not nominated yet).
    #[tracing::instrument(name = "rewards.view", skip_all, fields(actor = %actor.name))]
    pub async fn view(&self, actor: &Actor, unit: UnitId, year: i32) -> CoreResult<RewardsView> {
        self.check_rewards_readable(actor, unit).await?;
        let nominations = store::nominations(self.cx.db(), unit, year).await?;
        let decisions = store::decisions(self.cx.db(), unit, year).await?;
        let pledges = store::pledges(self.cx.db(), unit, year).await?;
        let named: HashSet<uuid::Uuid> = nominations.iter().map(|n| n.input.nominee.id).collect();
        let candidates = self
            .candidates(actor, unit, year)
            .await?
            .into_iter()
            .filter(|c| !named.contains(&c.nominee.id))
            .collect();
        let ineligible = Self::ineligible(self.cx.db(), unit, year, &nominations).await?;
        Ok(RewardsView {
            year,
            nominations,
            decisions,
            pledges,
            candidates,
            ineligible,
        })
    }

    /// The nominations of people disciplined in the movement year (from a
    /// reprimand up, or a criminal case), with the discipline that bars
    /// them: a reward is not proposed for a person disciplined in the
    /// period its achievements are counted over.
    async fn ineligible(
        e: &impl antt_store::Executor,
        unit: UnitId,
        year: i32,
        nominations: &[Nomination],
    ) -> CoreResult<HashMap<NominationId, String>> {
        if !nominations
            .iter()
            .any(|n| n.input.nominee.kind == NomineeKind::Person)
        {
            return Ok(HashMap::new());
        }
        let my = movement_year(year)?;
        let violations =
            antt_store::incident::violations_between(e, &[unit], my.first_day(), my.last_day())
                .await?;
        let mut barred: HashMap<uuid::Uuid, String> = HashMap::new();
        for v in violations
            .iter()
            .filter(|v| v.input.discipline.bars_reward())
        {
            barred.entry(v.input.person_id.uuid()).or_insert_with(|| {
                format!(
                    "{} ngày {}: {}",
                    antt_words::discipline(v.input.discipline),
                    format_date(v.input.occurred_on),
                    v.input.description.lines().next().unwrap_or_default()
                )
            });
        }
        Ok(nominations
            .iter()
            .filter(|n| n.input.nominee.kind == NomineeKind::Person)
            .filter_map(|n| {
                barred
                    .get(&n.input.nominee.id)
                    .map(|why| (n.id, why.clone()))
            })
            .collect())
    }

    /// Refuses nominations of people disciplined in the year.
    async fn check_eligible(
        e: &impl antt_store::Executor,
        unit: UnitId,
        nominations: &[Nomination],
    ) -> CoreResult<()> {
        for year in nominations.iter().map(|n| n.year).collect::<HashSet<_>>() {
            let of_year: Vec<Nomination> = nominations
                .iter()
                .filter(|n| n.year == year)
                .cloned()
                .collect();
            if !Self::ineligible(e, unit, year, &of_year).await?.is_empty() {
                return Err(CoreError::invalid("nominations", ErrorCode::NotAllowed));
            }
        }
        Ok(())
    }

    /// Candidates from the records of the year: handlers of tips that led
    /// to a case, team and model leaders, members of linked clusters, and
    /// classes where every student was briefed.
    async fn candidates(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<Vec<Candidate>> {
        let my = movement_year(year)?;
        let (first, last) = (my.first_day(), my.last_day());
        let people = self.cx.cached_people(unit).await?;
        let by_id: HashMap<_, _> = people.iter().map(|(_, p)| (p.id, p)).collect();
        let structure = self.org.structure(actor, unit).await?;
        let mut out = Vec::new();
        let person = |id: antt_domain::PersonId, suggestion, because: String| {
            by_id.get(&id).map(|p| Candidate {
                nominee: Nominee {
                    kind: NomineeKind::Person,
                    id: p.id.uuid(),
                    name: p.full_name.clone(),
                    detail: match p.kind {
                        PersonKind::Student => structure
                            .class(p.class_id)
                            .map(|c| format!("Lớp {}", c.name)),
                        PersonKind::Staff => structure.department_name(p.department_id),
                    }
                    .unwrap_or_default(),
                },
                suggestion,
                because,
            })
        };
        // Handlers of tips that became incidents.
        let (from, to) = (my.starts_at(), my.ends_at());
        for i in antt_store::incident::between(self.cx.db(), &[unit], from, to).await? {
            for tip in antt_store::tip::of_incident(self.cx.db(), unit, i.id).await? {
                let Some(user) = tip.assignee_id else {
                    continue;
                };
                let Ok(u) = antt_store::user::get(self.cx.db(), Some(unit), user).await else {
                    continue;
                };
                if let Some(c) = u.person_id.and_then(|p| {
                    person(
                        p,
                        Suggestion::TipToCase,
                        format!("Tin báo số {} dẫn tới vụ việc số {}", tip.number, i.number),
                    )
                }) {
                    out.push(c);
                }
            }
        }
        // Leaders of models and teams, members of clusters, serving this year.
        let teams = antt_store::team::list(self.cx.db(), unit).await?;
        let members = antt_store::team::members(self.cx.db(), unit, None).await?;
        for t in teams.iter().filter(|t| t.status != TeamStatus::Dissolved) {
            for m in members.iter().filter(|m| {
                m.team_id == t.id && m.from <= last && m.until.is_none_or(|u| u >= first)
            }) {
                let found = match (t.kind, m.role) {
                    (TeamKind::Cluster, _) => {
                        person(m.person_id, Suggestion::ClusterMember, t.name.clone())
                    }
                    (_, MemberRole::Leader) => {
                        person(m.person_id, Suggestion::TeamLeader, t.name.clone())
                    }
                    _ => None,
                };
                out.extend(found);
            }
        }
        // Classes where every student was briefed.
        let coverage = self.sessions.coverage(actor, unit, year).await?.coverage;
        for (class, share) in &coverage.by_class {
            let Some(c) = structure.class(*class) else {
                continue;
            };
            if share.total > 0 && share.complete() {
                out.push(Candidate {
                    nominee: Nominee {
                        kind: NomineeKind::Class,
                        id: c.id.uuid(),
                        name: format!("Lớp {}", c.name),
                        detail: String::new(),
                    },
                    suggestion: Suggestion::FullCoverage,
                    because: format!(
                        "{}/{} học sinh, sinh viên được tuyên truyền",
                        share.reached, share.total
                    ),
                });
            }
        }
        let mut seen = HashSet::new();
        out.retain(|c| seen.insert((c.nominee.id, c.suggestion)));
        Ok(out)
    }

    /// Proposes a person or collective for a reward (on the spot when the
    /// act's day is given).
    #[tracing::instrument(name = "rewards.nominate", skip_all, fields(actor = %actor.name))]
    pub async fn nominate(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        input: NominationInput,
    ) -> CoreResult<NominationId> {
        let w = self.office_write(actor, unit).await?;
        let input = input.validate(local_date(w.now()))?;
        self.check_nominee(actor, unit, &input.nominee).await?;
        let id = store::insert_nomination(w.tx(), unit, year, &input, &actor.display_name, w.now())
            .await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Reward, id.to_string())),
            format!(
                "Đề nghị khen thưởng: {} – {}",
                input.nominee.name,
                antt_words::reward_form(input.form)
            ),
            vec![Change {
                field: "achievements".into(),
                before: None,
                after: Some(input.achievements.clone()),
            }],
        ))
        .await?;
        Ok(id)
    }

    /// A nominee of the unit as it is named in documents: a person by code
    /// or id, a department, class or team by id.
    #[tracing::instrument(name = "rewards.find_nominee", skip_all, fields(actor = %actor.name))]
    pub async fn find_nominee(
        &self,
        actor: &Actor,
        unit: UnitId,
        kind: NomineeKind,
        key: &str,
    ) -> CoreResult<Nominee> {
        self.check_rewards_readable(actor, unit).await?;
        let key = key.trim();
        let structure = self.org.structure(actor, unit).await?;
        let not_found = || CoreError::invalid("nominee", ErrorCode::NotFound);
        let nominee = |id: uuid::Uuid, name: String, detail: String| Nominee {
            kind,
            id,
            name,
            detail,
        };
        match kind {
            NomineeKind::Person => {
                let people = self.cx.cached_people(unit).await?;
                let p = people
                    .iter()
                    .map(|(_, p)| p)
                    .find(|p| p.code.eq_ignore_ascii_case(key) || p.id.to_string() == key)
                    .ok_or_else(not_found)?;
                let detail = match p.kind {
                    PersonKind::Student => structure
                        .class(p.class_id)
                        .map(|c| format!("Lớp {}", c.name)),
                    PersonKind::Staff => structure.department_name(p.department_id),
                };
                Ok(nominee(
                    p.id.uuid(),
                    p.full_name.clone(),
                    detail.unwrap_or_default(),
                ))
            }
            NomineeKind::Department => structure
                .departments
                .iter()
                .find(|d| d.id.to_string() == key)
                .map(|d| nominee(d.id.uuid(), d.name.clone(), String::new()))
                .ok_or_else(not_found),
            NomineeKind::Class => structure
                .classes
                .iter()
                .find(|c| c.id.to_string() == key)
                .map(|c| nominee(c.id.uuid(), format!("Lớp {}", c.name), String::new()))
                .ok_or_else(not_found),
            NomineeKind::Team => antt_store::team::list(self.cx.db(), unit)
                .await?
                .into_iter()
                .find(|t| t.id.to_string() == key)
                .map(|t| nominee(t.id.uuid(), t.name, String::new()))
                .ok_or_else(not_found),
        }
    }

    /// The nominee must be of the unit: a person, department, class or team.
    async fn check_nominee(&self, actor: &Actor, unit: UnitId, n: &Nominee) -> CoreResult<()> {
        let structure = self.org.structure(actor, unit).await?;
        let found = match n.kind {
            NomineeKind::Person => self
                .cx
                .cached_people(unit)
                .await?
                .iter()
                .any(|(_, p)| p.id.uuid() == n.id),
            NomineeKind::Department => structure.departments.iter().any(|d| d.id.uuid() == n.id),
            NomineeKind::Class => structure.classes.iter().any(|c| c.id.uuid() == n.id),
            NomineeKind::Team => antt_store::team::list(self.cx.db(), unit)
                .await?
                .iter()
                .any(|t| t.id.uuid() == n.id),
        };
        if found {
            Ok(())
        } else {
            Err(CoreError::invalid("nominee", ErrorCode::NotFound))
        }
    }

    /// The emulation council approves or rejects proposed nominations.
    #[tracing::instrument(name = "rewards.review", skip_all, fields(actor = %actor.name))]
    pub async fn review(
        &self,
        actor: &Actor,
        unit: UnitId,
        ids: &[NominationId],
        approve: bool,
        note: &str,
    ) -> CoreResult<u64> {
        let note = note.trim();
        if !approve && note.chars().count() < 5 {
            return Err(CoreError::invalid("reason", ErrorCode::Required));
        }
        if ids.is_empty() {
            return Err(CoreError::invalid("nominations", ErrorCode::Required));
        }
        let to = if approve {
            NominationState::Approved
        } else {
            NominationState::Rejected
        };
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ReviewNominations))
            .await?;
        // The council does not review its own drafts: whoever proposed a
        // nomination leaves its review to the other members.
        if let Some(me) = actor.user_id {
            for id in ids {
                let drafted = antt_store::audit::list(
                    w.tx(),
                    &antt_store::audit::AuditFilter {
                        unit: Some(unit),
                        target: Some((TargetKind::Reward, id.to_string())),
                        actor: Some(me),
                        action: Some(AuditAction::Create),
                        ..Default::default()
                    },
                    antt_domain::page::PageRequest::new(Some(1), Some(1)),
                )
                .await?;
                if drafted.total > 0 {
                    return Err(CoreError::invalid("nominations", ErrorCode::OwnDraft));
                }
            }
        }
        let n = store::set_state(
            w.tx(),
            unit,
            ids,
            &[NominationState::Proposed],
            to,
            (!note.is_empty()).then_some(note),
            None,
        )
        .await?;
        if n != ids.len() as u64 {
            return Err(CoreError::invalid("nominations", ErrorCode::WrongState));
        }
        w.commit(changed(
            actor,
            unit,
            TargetKind::Reward,
            ids.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(","),
            format!("Hội đồng thi đua – khen thưởng xét {n} đề nghị"),
            vec![Change {
                field: "state".into(),
                before: Some(NominationState::Proposed.code().into()),
                after: Some(to.code().into()),
            }],
        ))
        .await?;
        Ok(n)
    }

    /// Sends approved nominations for the province's forms up: they are on
    /// the proposal list from then on.
    #[tracing::instrument(name = "rewards.send_up", skip_all, fields(actor = %actor.name))]
    pub async fn send_up(
        &self,
        actor: &Actor,
        unit: UnitId,
        ids: &[NominationId],
    ) -> CoreResult<u64> {
        let w = self.office_write(actor, unit).await?;
        let mut chosen = Vec::with_capacity(ids.len());
        for id in ids {
            let n = store::nomination_of(w.tx(), unit, *id).await?;
            if n.input.form.by_unit() {
                return Err(CoreError::invalid("form", ErrorCode::NotAllowed));
            }
            chosen.push(n);
        }
        Self::check_eligible(w.tx(), unit, &chosen).await?;
        let n = store::set_state(
            w.tx(),
            unit,
            ids,
            &[NominationState::Approved],
            NominationState::SentUp,
            None,
            None,
        )
        .await?;
        if n != ids.len() as u64 || ids.is_empty() {
            return Err(CoreError::invalid("nominations", ErrorCode::WrongState));
        }
        w.commit(changed(
            actor,
            unit,
            TargetKind::Reward,
            ids.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(","),
            format!("Trình cấp trên {n} đề nghị khen thưởng"),
            vec![Change {
                field: "state".into(),
                before: Some(NominationState::Approved.code().into()),
                after: Some(NominationState::SentUp.code().into()),
            }],
        ))
        .await?;
        Ok(n)
    }

    /// Records a reward decision and grants the nominations it names: the
    /// unit's own (its certificate, approved by the council) or one from
    /// above (the forms sent up). All or none.
    #[tracing::instrument(name = "rewards.decide", skip_all, fields(actor = %actor.name))]
    pub async fn decide(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        input: DecisionInput,
        ids: &[NominationId],
    ) -> CoreResult<RewardDecisionId> {
        let w = self.office_write(actor, unit).await?;
        let input = input.validate(local_date(w.now()))?;
        if ids.is_empty() {
            return Err(CoreError::invalid("nominations", ErrorCode::Required));
        }
        let from = if input.form.by_unit() {
            NominationState::Approved
        } else {
            NominationState::SentUp
        };
        let mut chosen = Vec::with_capacity(ids.len());
        for id in ids {
            let n = store::nomination_of(w.tx(), unit, *id).await?;
            if n.input.form != input.form || n.year != year {
                return Err(CoreError::invalid("form", ErrorCode::NotAllowed));
            }
            chosen.push(n);
        }
        Self::check_eligible(w.tx(), unit, &chosen).await?;
        let id = store::insert_decision(w.tx(), unit, year, &input, w.now())
            .await
            .map_err(|e| match e {
                antt_store::StoreError::Conflict(_) => {
                    CoreError::invalid("number", ErrorCode::Duplicate)
                }
                e => e.into(),
            })?;
        let n = store::set_state(
            w.tx(),
            unit,
            ids,
            &[from],
            NominationState::Granted,
            None,
            Some(id),
        )
        .await?;
        if n != ids.len() as u64 {
            return Err(CoreError::invalid("nominations", ErrorCode::WrongState));
        }
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Reward, id.to_string())),
            format!(
                "Quyết định khen thưởng số {} ({}): {n} người, tập thể",
                input.number,
                antt_words::reward_form(input.form)
            ),
            Vec::new(),
        ))
        .await?;
        self.keep_decision(actor, unit, id).await?;
        Ok(id)
    }

    /// An emulation pledge of a person or collective for the year.
    #[tracing::instrument(name = "rewards.pledge", skip_all, fields(actor = %actor.name))]
    pub async fn pledge(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        pledge: Pledge,
    ) -> CoreResult<()> {
        let w = self.office_write(actor, unit).await?;
        self.check_nominee(actor, unit, &pledge.nominee).await?;
        if pledge.title.trim().is_empty() {
            return Err(CoreError::invalid("title", ErrorCode::Required));
        }
        store::insert_pledge(w.tx(), unit, year, &pledge, w.now())
            .await
            .map_err(|e| match e {
                antt_store::StoreError::Conflict(_) => {
                    CoreError::invalid("nominee", ErrorCode::AlreadyRecorded)
                }
                e => e.into(),
            })?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Reward, pledge.nominee.id.to_string())),
            format!(
                "Đăng ký thi đua năm {year}: {} – {}",
                pledge.nominee.name, pledge.title
            ),
            Vec::new(),
        ))
        .await
    }

    /// Every nomination of a person or collective, with the decision that
    /// granted it.
    #[tracing::instrument(name = "rewards.history", skip_all, fields(actor = %actor.name))]
    pub async fn history(
        &self,
        actor: &Actor,
        unit: UnitId,
        nominee: uuid::Uuid,
    ) -> CoreResult<Vec<(Nomination, Option<RewardDecision>)>> {
        self.check_rewards_readable(actor, unit).await?;
        let mut out = Vec::new();
        for n in store::history(self.cx.db(), unit, nominee).await? {
            let d = match n.decision_id {
                Some(d) => Some(store::decision_of(self.cx.db(), unit, d).await?),
                None => None,
            };
            out.push((n, d));
        }
        Ok(out)
    }

    /// The decision as Word in the layout of Decree 30: "QUYẾT ĐỊNH Về việc
    /// khen thưởng…", its articles and the list of those rewarded.
    #[tracing::instrument(name = "rewards.decision_document", skip_all, fields(actor = %actor.name))]
    pub async fn decision_document(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: RewardDecisionId,
    ) -> CoreResult<ExportFile> {
        self.check_rewards_readable(actor, unit).await?;
        let key = id.to_string();
        if let Some(kept) = crate::papers::kept(
            self.cx.db(),
            unit,
            crate::papers::Paper::RewardDecision,
            &key,
        )
        .await?
        {
            return Ok(kept);
        }
        let (file_name, doc) = self.decision_paper(unit, id).await?;
        self.exports
            .document(
                actor,
                unit,
                Some((TargetKind::Reward, id.to_string())),
                file_name,
                doc,
            )
            .await
    }

    /// Keeps the decision as issued, right after it is recorded: later
    /// changes (a new plan's letterhead) never reach the signed paper.
    async fn keep_decision(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: RewardDecisionId,
    ) -> CoreResult<()> {
        let (file_name, doc) = self.decision_paper(unit, id).await?;
        let bytes = crate::exports::render_docx(doc).await?;
        let w = self.office_write(actor, unit).await?;
        let file = ExportFile {
            file_name: file_name.clone(),
            content_type: crate::plan::DOCX,
            bytes,
        };
        let now = w.now();
        crate::papers::keep(
            w.tx(),
            unit,
            crate::papers::Paper::RewardDecision,
            &id.to_string(),
            file,
            &actor.display_name,
            now,
        )
        .await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Export,
            Some((TargetKind::Reward, id.to_string())),
            format!("{file_name} (bản lưu khi ban hành)"),
            Vec::new(),
        ))
        .await
    }

    /// The decision's file name and text, from the records.
    async fn decision_paper(
        &self,
        unit: UnitId,
        id: RewardDecisionId,
    ) -> CoreResult<(String, OfficialDocument)> {
        let d = store::decision_of(self.cx.db(), unit, id).await?;
        let granted = self.granted_by(unit, &d).await?;
        let u = self.cx.cached_unit(unit).await?;
        let plan = self.plans.working_plan(unit).await?;
        let head = Letterhead::of(&u, plan.as_ref().map(|p| &p.content));
        let reason = if d.input.reason.is_empty() {
            format!(
                "Đã có thành tích trong Phong trào toàn dân bảo vệ an ninh Tổ quốc năm {}",
                d.year
            )
        } else {
            d.input.reason.clone()
        };
        // Decree 30, Phụ lục I: the authority, the bases with their
        // numbers, "Xét đề nghị …", then "QUYẾT ĐỊNH:" and the articles.
        let authority = format!("{} {}", d.input.signer_title, u.name).to_uppercase();
        let people = granted
            .iter()
            .filter(|n| n.input.nominee.kind == antt_domain::reward::NomineeKind::Person)
            .count();
        let body = vec![
            Block::Heading(authority),
            Block::Basis(
                "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;".into(),
            ),
            Block::Basis(
                "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;".into(),
            ),
            Block::Basis(format!(
                "Căn cứ Quy chế thi đua, khen thưởng của {};",
                u.name
            )),
            Block::Basis(format!(
                "Xét đề nghị của Hội đồng Thi đua – Khen thưởng {}.",
                u.name
            )),
            Block::Heading("QUYẾT ĐỊNH:".into()),
            Block::Lead {
                lead: "Điều 1.".into(),
                text: format!(
                    "Tặng {} cho {} {}, có tên sau đây:",
                    antt_words::reward_form_in_sentence(d.input.form),
                    antt_words::people_and_collectives(people, granted.len() - people),
                    lower_first(reason.trim_end_matches('.'))
                ),
            },
            Block::Table(BodyTable {
                headers: vec!["TT".into(), "Cá nhân, tập thể".into(), "Chức vụ, đơn vị".into(), "Thành tích".into()],
                widths: vec![6, 28, 24, 42],
                rows: granted
                    .iter()
                    .enumerate()
                    .map(|(i, n)| {
                        vec![
                            (i + 1).to_string(),
                            n.input.nominee.name.clone(),
                            n.input.nominee.detail.clone(),
                            n.input.achievements.clone(),
                        ]
                    })
                    .collect(),
            }),
            Block::Lead {
                lead: "Điều 2.".into(),
                text: "Quyết định có hiệu lực kể từ ngày ký.".into(),
            },
            Block::Lead {
                lead: "Điều 3.".into(),
                text: "Văn phòng, các phòng, khoa có liên quan và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.".into(),
            },
        ];
        let doc = OfficialDocument {
            parent_body: head.parent_body,
            issuing_body: head.issuing_body,
            number: d
                .input
                .number
                .split('/')
                .next()
                .and_then(|n| n.trim().parse().ok()),
            symbol: d.input.number.split_once('/').map_or_else(
                || format!("QĐ-{}", head.abbreviation),
                |(_, s)| s.to_owned(),
            ),
            place: head.place,
            date: IssueDate::from(
                d.input
                    .signed_on
                    .unwrap_or_else(|| local_date(self.cx.now())),
            ),
            kind: "QUYẾT ĐỊNH".into(),
            subject: format!(
                "Về việc khen thưởng thành tích trong Phong trào toàn dân bảo vệ an ninh Tổ quốc năm {}",
                d.year
            ),
            addressees: Vec::new(),
            bases: Vec::new(),
            body,
            recipients: vec!["Như Điều 3".into(), "Lưu: VT, VP".into()],
            signer: antt_docgen::Signer {
                witness: None,
                authority: None,
                title: d.input.signer_title.to_uppercase(),
                name: d.input.signer_name.clone(),
            },
        };
        Ok((
            format!("quyet-dinh-khen-thuong-{}.docx", slug(&d.input.number)),
            doc,
        ))
    }

    /// The certificates (Giấy khen) of a decision, one page each, ready to
    /// print on the certificate paper.
    #[tracing::instrument(name = "rewards.certificates", skip_all, fields(actor = %actor.name))]
    pub async fn certificates(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: RewardDecisionId,
    ) -> CoreResult<ExportFile> {
        self.check_rewards_readable(actor, unit).await?;
        let d = store::decision_of(self.cx.db(), unit, id).await?;
        let granted = self.granted_by(unit, &d).await?;
        let u = self.cx.cached_unit(unit).await?;
        let signed = d
            .input
            .signed_on
            .unwrap_or_else(|| local_date(self.cx.now()));
        let plan = self.plans.working_plan(unit).await?;
        let head = Letterhead::of(&u, plan.as_ref().map(|p| &p.content));
        let cert = antt_docgen::certificate::Certificate {
            grantor: format!("{} {}", d.input.signer_title, u.name).to_uppercase(),
            recipients: granted
                .iter()
                .map(|n| (n.input.nominee.name.clone(), n.input.nominee.detail.clone()))
                .collect(),
            reason: if d.input.reason.is_empty() {
                format!(
                    "Đã có thành tích trong Phong trào toàn dân bảo vệ an ninh Tổ quốc năm {}",
                    d.year
                )
            } else {
                d.input.reason.clone()
            },
            decision: format!(
                "Quyết định số {} ngày {}",
                d.input.number,
                format_date(signed)
            ),
            place_and_date: format!("{}, {}", head.place, IssueDate::from(signed).words()),
            signer_title: d.input.signer_title.to_uppercase(),
            signer_name: d.input.signer_name.clone(),
            issued: IssueDate::from(signed),
        };
        let bytes = tokio::task::spawn_blocking(move || cert.to_docx())
            .await
            .map_err(CoreError::internal)?
            .map_err(CoreError::internal)?;
        let file_name = format!("giay-khen-{}.docx", slug(&d.input.number));
        self.cx
            .record(entry(
                actor,
                Some(unit),
                AuditAction::Export,
                Some((TargetKind::Reward, id.to_string())),
                file_name.clone(),
                Vec::new(),
            ))
            .await?;
        Ok(ExportFile {
            file_name,
            content_type: crate::plan::DOCX,
            bytes,
        })
    }

    async fn granted_by(&self, unit: UnitId, d: &RewardDecision) -> CoreResult<Vec<Nomination>> {
        Ok(store::nominations(self.cx.db(), unit, d.year)
            .await?
            .into_iter()
            .filter(|n| n.decision_id == Some(d.id))
            .collect())
    }

    /// The nominee's "Báo cáo thành tích" for a reward, in the manner of
    /// the form for rewards by campaign or theme (Decree 98/2023):
    /// general information, the achievements as the nomination states
    /// them, the rewards the nominee already had in the movement; signed
    /// by the nominee (or for the collective) and confirmed by the head of
    /// the unit. A draft for the nominee to complete and sign.
    #[tracing::instrument(name = "rewards.achievement_report", skip_all, fields(actor = %actor.name))]
    pub async fn achievement_report(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: NominationId,
    ) -> CoreResult<ExportFile> {
        self.check_rewards_readable(actor, unit).await?;
        let db = self.cx.db();
        let n = store::nomination_of(db, unit, id).await?;
        let u = self.cx.cached_unit(unit).await?;
        let plan = self.plans.working_plan(unit).await?;
        let head = Letterhead::of(&u, plan.as_ref().map(|p| &p.content));
        let nominee = &n.input.nominee;
        let person = match nominee.kind {
            NomineeKind::Person => {
                antt_store::person::get(db, unit, antt_domain::PersonId::from_uuid(nominee.id))
                    .await
                    .ok()
            }
            _ => None,
        };
        let mut body = vec![
            Block::Lead {
                lead: if nominee.kind == NomineeKind::Person {
                    "Cá nhân được đề nghị: ".into()
                } else {
                    "Tập thể được đề nghị: ".into()
                },
                text: if nominee.detail.is_empty() {
                    nominee.name.clone()
                } else {
                    format!("{}, {}", nominee.name, nominee.detail)
                },
            },
            Block::Section("I. THÔNG TIN CHUNG".into()),
        ];
        let line = |label: &str, value: String| Block::Lead {
            lead: format!("{label}: "),
            text: value,
        };
        if let Some(p) = &person {
            body.push(line("Họ và tên", p.full_name.clone()));
            if let Some(born) = p.birth_date {
                body.push(line("Ngày, tháng, năm sinh", format_date(born)));
            }
            if let Some(g) = p.gender {
                body.push(line("Giới tính", antt_words::gender(g).to_owned()));
            }
            if let Some(e) = p.ethnicity.as_ref().filter(|e| !e.is_empty()) {
                body.push(line("Dân tộc", e.clone()));
            }
            body.push(line("Đơn vị", u.name.clone()));
            if !nominee.detail.is_empty() {
                body.push(line(
                    if p.kind == PersonKind::Student {
                        "Lớp"
                    } else {
                        "Chức vụ, bộ phận"
                    },
                    nominee.detail.clone(),
                ));
            }
        } else {
            body.push(line("Tên tập thể", nominee.name.clone()));
            body.push(line("Thuộc", u.name.clone()));
            if let Some(a) = u.address.as_ref().filter(|a| !a.is_empty()) {
                body.push(line("Địa chỉ", a.clone()));
            }
        }
        body.push(Block::Section("II. THÀNH TÍCH ĐẠT ĐƯỢC".into()));
        body.push(Block::Paragraph(format!(
            "Trong Phong trào toàn dân bảo vệ an ninh Tổ quốc năm {}{}:",
            n.year,
            n.input
                .act_on
                .map(|d| format!(" (thành tích đột xuất ngày {})", format_date(d)))
                .unwrap_or_default()
        )));
        body.extend(
            n.input
                .achievements
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| Block::Paragraph(format!("- {}", l.trim_start_matches(['-', ' '])))),
        );
        body.push(Block::Section(
            "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG TRONG PHONG TRÀO".into(),
        ));
        let earlier: Vec<Nomination> = store::history(db, unit, nominee.id)
            .await?
            .into_iter()
            .filter(|h| h.state == NominationState::Granted && h.id != n.id)
            .collect();
        if earlier.is_empty() {
            body.push(Block::Paragraph(
                "Chưa được khen thưởng trong Phong trào.".into(),
            ));
        } else {
            let mut rows = Vec::with_capacity(earlier.len());
            for h in &earlier {
                let decision = match h.decision_id {
                    Some(d) => {
                        let d = store::decision_of(db, unit, d).await?;
                        format!(
                            "Quyết định số {}{} của {}",
                            d.input.number,
                            d.input
                                .signed_on
                                .map(|on| format!(" ngày {}", format_date(on)))
                                .unwrap_or_default(),
                            d.input.issuer
                        )
                    }
                    None => String::new(),
                };
                rows.push(vec![
                    h.year.to_string(),
                    antt_words::reward_form_in_sentence(h.input.form).to_owned(),
                    decision,
                ]);
            }
            body.push(Block::Table(BodyTable {
                headers: vec![
                    "Năm".into(),
                    "Hình thức khen thưởng".into(),
                    "Số, ngày quyết định, cơ quan ban hành".into(),
                ],
                widths: vec![12, 38, 50],
                rows,
            }));
        }
        let head_name = head.signer.name.clone();
        let doc = OfficialDocument {
            parent_body: head.parent_body,
            issuing_body: head.issuing_body,
            number: None,
            // A report of achievements carries no number of its own.
            symbol: String::new(),
            place: head.place,
            date: IssueDate::from(local_date(self.cx.now())),
            kind: "BÁO CÁO THÀNH TÍCH".into(),
            subject: format!(
                "Đề nghị tặng {} về thành tích trong Phong trào toàn dân bảo vệ an ninh Tổ quốc năm {}",
                antt_words::reward_form_in_sentence(n.input.form),
                n.year
            ),
            addressees: Vec::new(),
            bases: Vec::new(),
            body,
            recipients: Vec::new(),
            signer: antt_docgen::Signer {
                authority: None,
                title: if person.is_some() || nominee.kind == NomineeKind::Person {
                    "NGƯỜI BÁO CÁO THÀNH TÍCH".into()
                } else {
                    "ĐẠI DIỆN TẬP THỂ".into()
                },
                name: if nominee.kind == NomineeKind::Person {
                    nominee.name.clone()
                } else {
                    String::new()
                },
                witness: Some((
                    format!("{} XÁC NHẬN, ĐỀ NGHỊ", head.signer.title),
                    head_name,
                )),
            },
        };
        self.exports
            .document(
                actor,
                unit,
                Some((TargetKind::Reward, n.id.to_string())),
                format!("bao-cao-thanh-tich-{}.docx", slug(&nominee.name)),
                doc,
            )
            .await
    }

    /// The list of proposals to the province (Bằng khen of the chairman,
    /// Giấy khen of the police director, Kỷ niệm chương…): approved or sent
    /// up, as Word (with the request) or Excel.
    #[tracing::instrument(name = "rewards.proposal_list", skip_all, fields(actor = %actor.name))]
    pub async fn proposal_list(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        word: bool,
    ) -> CoreResult<ExportFile> {
        self.check_rewards_readable(actor, unit).await?;
        let mut list: Vec<Nomination> = store::nominations(self.cx.db(), unit, year)
            .await?
            .into_iter()
            .filter(|n| {
                !n.input.form.by_unit()
                    && matches!(n.state, NominationState::Approved | NominationState::SentUp)
            })
            .collect();
        list.sort_by_key(|n| n.input.form);
        let u = self.cx.cached_unit(unit).await?;
        let row = |i: usize, n: &Nomination| {
            vec![
                (i + 1).to_string(),
                n.input.nominee.name.clone(),
                n.input.nominee.detail.clone(),
                antt_words::reward_form(n.input.form).to_owned(),
                n.input.achievements.clone(),
            ]
        };
        let headers: Vec<String> = [
            "TT",
            "Cá nhân, tập thể",
            "Chức vụ, đơn vị",
            "Hình thức đề nghị",
            "Tóm tắt thành tích",
        ]
        .into_iter()
        .map(Into::into)
        .collect();
        let target = Some((TargetKind::Reward, year.to_string()));
        let file = format!("danh-sach-de-nghi-khen-thuong-{year}");
        if !word {
            let sheet = TableSheet {
                name: format!("Đề nghị khen thưởng {year}"),
                title: vec![
                    u.name.clone(),
                    format!(
                        "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM {year}"
                    ),
                ],
                headers,
                widths: vec![5.0, 28.0, 28.0, 34.0, 70.0],
                rows: list
                    .iter()
                    .enumerate()
                    .map(|(i, n)| row(i, n).into_iter().map(Value::Text).collect())
                    .collect(),
            };
            return self
                .exports
                .sheets(actor, unit, target, format!("{file}.xlsx"), vec![sheet])
                .await;
        }
        let plan = self.plans.working_plan(unit).await?;
        let head = Letterhead::of(&u, plan.as_ref().map(|p| &p.content));
        let mut counts: Vec<(RewardForm, usize)> = Vec::new();
        for n in &list {
            match counts.iter_mut().find(|(f, _)| *f == n.input.form) {
                Some((_, c)) => *c += 1,
                None => counts.push((n.input.form, 1)),
            }
        }
        let mut body = vec![Block::Paragraph(format!(
            "Căn cứ kết quả thực hiện Phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year} và đề nghị của Hội đồng Thi đua – Khen thưởng, {} kính đề nghị xét khen thưởng cho {} cá nhân, tập thể, gồm:",
            u.name,
            list.len()
        ))];
        body.extend(
            counts
                .iter()
                .map(|(f, c)| Block::Paragraph(format!("- {}: {c};", antt_words::reward_form(*f)))),
        );
        body.push(Block::Paragraph(
            "(Có danh sách và tóm tắt thành tích kèm theo.)".into(),
        ));
        body.push(Block::Table(BodyTable {
            headers,
            widths: vec![6, 22, 20, 20, 32],
            rows: list.iter().enumerate().map(|(i, n)| row(i, n)).collect(),
        }));
        let doc = OfficialDocument {
            parent_body: head.parent_body,
            issuing_body: head.issuing_body,
            number: None,
            symbol: format!("TTr-{}", head.abbreviation),
            place: head.place,
            date: IssueDate::from(local_date(self.cx.now())),
            kind: "TỜ TRÌNH".into(),
            subject: format!(
                "Đề nghị khen thưởng thành tích trong Phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year}"
            ),
            addressees: vec!["Công an tỉnh (Phòng PV05)".into()],
            bases: Vec::new(),
            body,
            recipients: vec!["Như trên".into(), "Lưu: VT, VP".into()],
            signer: head.signer,
        };
        self.exports
            .document(actor, unit, target, format!("{file}.docx"), doc)
            .await
    }
}

fn slug(text: &str) -> String {
    antt_domain::text::search_key(text)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// A sentence's first letter in lower case, to continue another sentence
/// ("Đã có thành tích …" after "cho 02 cá nhân").
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
