//! The assessment of a unit's movement year: the facts counted from what
//! was recorded all year, the standard of TT 124 and the QĐ 510 score sheet
//! judged over them, the ratings of departments and the security force,
//! overrides with their reasons, and the readiness page that puts it all
//! together. The self-assessment's steps are in [`workflow`], its
//! documents in [`documents`].

pub(crate) mod demo;
pub mod documents;
pub mod workflow;

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use antt_domain::assessment::{
    Assessment, AssessmentStep, Facts, Override, Rating, Record, Responsible, ScoreSheet, Scores,
    StandardResult, Verdict, assess_standard, check_override, check_scores, duty, score_sheet,
};
use antt_domain::audit::{Change, TargetKind};
use antt_domain::incident::{fails_agency_standard, fails_school_standard};
use antt_domain::person::PersonKind;
use antt_domain::role::Capability;
use antt_domain::rubric::{self, Applies, Level, Rubric, RubricKind};
use antt_domain::session::SessionKind;
use antt_domain::team::{TeamKind, TeamStatus};
use antt_domain::time::local_date;
use antt_domain::tip::TipCategory;
use antt_domain::unit::{Unit, UnitKind};
use antt_domain::{DepartmentId, ErrorCode, UnitId};
use antt_store::assessment as store;

use crate::actor::Actor;
use crate::audit::changed;
use crate::contest::Contests;
use crate::context::{Cx, movement_year};
use crate::dashboard::Dashboard;
use crate::error::{CoreError, CoreResult};
use crate::exports::Exports;
use crate::org::Org;
use crate::plan::Plans;
use crate::session::Sessions;
use crate::team::Teams;
use crate::tip::Tips;
use crate::write::{Access, Write};

/// The movement year a day's assessment is about: from 16/11 to the end
/// of December the year that has just ended is assessed (recognition by
/// 20/11, score by 30/11); from January the new one.
pub fn assessment_year(today: NaiveDate) -> i32 {
    today.year()
}

/// Where the score sheet in force came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetSource {
    /// Built into antt (provisional where the decision was not read).
    BuiltIn,
    /// Loaded by the province: who and when.
    Province {
        by: Option<String>,
        at: chrono::DateTime<chrono::Utc>,
    },
}

/// Something still to do for a check that is not met.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Todo {
    pub check_id: String,
    pub text: String,
    pub verdict: Verdict,
    pub who: Responsible,
    pub due: NaiveDate,
}

/// Everything the readiness page shows.
#[derive(Clone, Debug)]
pub struct Readiness {
    pub unit: Unit,
    pub year: i32,
    pub today: NaiveDate,
    pub facts: Facts,
    pub standard_rubric: Rubric,
    pub standard: StandardResult,
    pub score_rubric: Rubric,
    pub sheet_source: SheetSource,
    pub sheet: ScoreSheet,
    pub assessment: Option<Assessment>,
    pub steps: Vec<AssessmentStep>,
    pub todo: Vec<Todo>,
    /// The yearly report: to whom and by when the plan asks it, and when
    /// it was submitted.
    pub report_to: Option<String>,
    pub report_due: Option<NaiveDate>,
    pub report_submitted: Option<chrono::DateTime<chrono::Utc>>,
    /// Departments with their year's rating, and the security force's.
    pub ratings: Vec<(DepartmentId, String, Option<Rating>)>,
    pub force_rating: Option<Rating>,
}

impl Readiness {
    /// Whether the unit may still change its own part (not while the
    /// authority holds the dossier, nor after the decision).
    pub fn unit_may_edit(&self) -> bool {
        use antt_domain::assessment::AssessmentState as S;
        self.assessment
            .as_ref()
            .is_none_or(|a| matches!(a.state, S::Registered | S::SelfAssessed | S::Returned))
    }
}

fn record(kind: &str, id: impl std::fmt::Display, label: impl Into<String>) -> Record {
    Record {
        kind: kind.to_owned(),
        id: id.to_string(),
        label: label.into(),
    }
}

/// The standard that applies to a kind of unit.
fn applies(kind: UnitKind) -> Applies {
    match kind {
        UnitKind::School => Applies::School,
        _ => Applies::Agency,
    }
}

/// The assessment of a unit's movement year: readiness against the
/// standard, the score sheet, the dossier's steps and its documents. It
/// reads its facts from the features below.
#[derive(Clone)]
pub struct Assessments {
    pub(crate) cx: Cx,
    pub(crate) org: Org,
    pub(crate) plans: Plans,
    pub(crate) sessions: Sessions,
    pub(crate) teams: Teams,
    pub(crate) contests: Contests,
    pub(crate) tips: Tips,
    pub(crate) dashboard: Dashboard,
    pub(crate) exports: Exports,
    pub(crate) patrols: crate::patrol::Patrols,
    pub(crate) fire: crate::fire::FireSafety,
}

impl Assessments {
    /// Whether the actor may see a unit's assessment: the unit's staff who
    /// read its plan, and the police bodies over it.
    async fn check_assessment_readable(&self, actor: &Actor, unit: UnitId) -> CoreResult<()> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPlans)
    }

    /// A write of the unit's own part: its office.
    async fn unit_write(&self, actor: &Actor, unit: UnitId) -> CoreResult<Write> {
        self.cx
            .write(Access::Unit(actor, unit, Capability::EditPlans))
            .await
    }

    /// A write of the authority over the unit.
    async fn authority_write(&self, actor: &Actor, unit: UnitId) -> CoreResult<Write> {
        self.cx.write(Access::Authority(actor, unit)).await
    }

    /// The score sheet in force for a unit: the latest its police
    /// authority (or the one above it) loaded, else the built-in one.
    #[tracing::instrument(name = "assessments.score_rubric", skip_all)]
    pub async fn score_rubric(&self, unit: &Unit) -> CoreResult<(Rubric, SheetSource)> {
        let mut authority = unit.authority_id;
        for _ in 0..4 {
            let Some(a) = authority else { break };
            if let Some((r, by, at)) =
                store::latest_rubric(self.cx.db(), a, RubricKind::Score).await?
            {
                return Ok((r, SheetSource::Province { by, at }));
            }
            authority = self.cx.cached_unit(a).await?.authority_id;
        }
        Ok((rubric::built_in_score(), SheetSource::BuiltIn))
    }

    /// What the records of the movement year say, for every measure but
    /// the standard itself (the caller judges it from these).
    #[allow(clippy::too_many_arguments)]
    async fn count_facts(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        registered_on: Option<NaiveDate>,
        plan: Option<&antt_domain::plan::Plan>,
        structure: &crate::org::Structure,
        ratings: &[(String, Rating)],
    ) -> CoreResult<Facts> {
        let today = local_date(self.cx.now());
        let my = movement_year(year)?;
        let (from, to) = (my.starts_at(), my.ends_at());
        let db = self.cx.db();
        // Independent reads, asked for at once.
        let (approved, coverage, teams, sessions, incidents, violations, tips, unit_row) =
            Box::pin(async {
                tokio::try_join!(
                    async { Ok(store::plan_issued_on(db, unit, year).await?) },
                    self.sessions.coverage_shares(actor, unit, year),
                    self.teams.list(actor, unit),
                    async { Ok(antt_store::session::list(db, unit, from, to).await?) },
                    async { Ok(antt_store::incident::between(db, &[unit], from, to).await?) },
                    async {
                        Ok(antt_store::incident::violations_between(
                            db,
                            &[unit],
                            my.first_day(),
                            my.last_day(),
                        )
                        .await?)
                    },
                    async {
                        Ok(antt_store::tip::summary(db, &[unit], from, to, self.cx.now()).await?)
                    },
                    self.cx.cached_unit(unit),
                )
            })
            .await?;
        let plan_issued_on = plan
            .filter(|p| p.state != antt_domain::plan::PlanState::Draft)
            .and_then(|p| p.content.signed_on.or(approved));
        let agency = applies(unit_row.kind) == Applies::Agency;
        let warnings: Vec<_> = violations
            .iter()
            .filter(|v| {
                if agency {
                    fails_agency_standard(v.input.kind, v.input.discipline)
                } else {
                    fails_school_standard(v.input.kind, v.input.discipline)
                }
            })
            .collect();
        // Criteria 5 and 6 (4 and 5 of an agency): no one in the guard
        // force, and no staff member, disciplined from a warning up.
        let disciplined: Vec<_> = violations
            .iter()
            .filter(|v| v.input.discipline.disciplined_from_warning())
            .collect();
        // Only the people a counted case names are read.
        let violators: Vec<antt_domain::PersonId> = warnings
            .iter()
            .chain(&disciplined)
            .map(|v| v.input.person_id)
            .collect();
        let names: HashMap<antt_domain::PersonId, (String, PersonKind)> =
            antt_store::person::by_ids(db, unit, &violators)
                .await?
                .into_iter()
                .map(|p| (p.id, (p.full_name, p.kind)))
                .collect();
        let guards: HashSet<antt_domain::PersonId> = if disciplined.is_empty() {
            HashSet::new()
        } else {
            antt_store::duty::guards(db, unit)
                .await?
                .into_iter()
                .filter(|g| !g.reinforcement)
                .map(|g| g.person_id)
                .collect()
        };
        let who = |v: &antt_domain::incident::Violation| {
            names
                .get(&v.input.person_id)
                .map(|(n, k)| {
                    let kind = if *k == PersonKind::Student {
                        "HSSV"
                    } else {
                        "CB"
                    };
                    format!("{n} ({kind})")
                })
                .unwrap_or_default()
        };
        let disciplined_record = |v: &&antt_domain::incident::Violation| {
            record(
                "violation",
                v.id,
                format!(
                    "{}: {} — {}",
                    who(v),
                    first_line(&v.input.description),
                    antt_words::discipline(v.input.discipline)
                ),
            )
        };
        let is_staff = |v: &&&antt_domain::incident::Violation| {
            names
                .get(&v.input.person_id)
                .is_some_and(|(_, k)| *k != PersonKind::Student)
        };

        let team_record = |t: &antt_domain::team::Team| record("team", t.id, t.name.clone());
        let session_record = |s: &antt_domain::session::Session| {
            record(
                "session",
                s.id,
                format!(
                    "{} ({})",
                    s.title,
                    antt_domain::time::format_date(local_date(s.starts_at))
                ),
            )
        };
        let incident_record = |i: &antt_domain::incident::Incident| {
            record(
                "incident",
                i.id,
                format!("{}. {}", i.number, first_line(&i.input.summary)),
            )
        };
        let models = |status: TeamStatus| {
            teams
                .iter()
                .filter(|t| t.team.kind == TeamKind::Model && t.team.status == status)
                .map(|t| team_record(&t.team))
                .collect::<Vec<_>>()
        };
        let rating_of = |subject: &str| ratings.iter().find(|(s, _)| s == subject).map(|(_, r)| *r);
        Ok(Facts {
            year,
            today,
            plan_issued_on,
            plan: plan
                .as_ref()
                .map(|p| record("plan", p.id, p.content.title.clone())),
            registered_on,
            briefed_staff: coverage.0,
            briefed_students: coverage.1,
            effective_models: models(TeamStatus::Effective),
            active_models: models(TeamStatus::Active),
            clusters: teams
                .iter()
                .filter(|t| {
                    t.team.kind == TeamKind::Cluster && t.team.status != TeamStatus::Dissolved
                })
                .map(|t| team_record(&t.team))
                .collect(),
            police_sessions: sessions
                .iter()
                .filter(|s| s.partner.as_deref().is_some_and(|p| !p.trim().is_empty()))
                .map(session_record)
                .collect(),
            festival_sessions: sessions
                .iter()
                .filter(|s| s.kind == SessionKind::FestivalDay)
                .map(session_record)
                .collect(),
            review_sessions: sessions
                .iter()
                .filter(|s| s.kind == SessionKind::Conference)
                .map(session_record)
                .collect(),
            violence_incidents: incidents
                .iter()
                .filter(|i| i.input.category == TipCategory::Violence)
                .map(incident_record)
                .collect(),
            // By the letter of Điều 6 khoản 3 (`Incident::fails_standard`):
            // each case names the point it falls under.
            serious_incidents: incidents
                .iter()
                .filter_map(|i| {
                    let point = i.fails_standard(agency)?;
                    let mut r = incident_record(i);
                    r.label = format!("{} (điểm {})", r.label, point.letter());
                    Some(r)
                })
                .collect(),
            warnings: warnings
                .iter()
                .map(|v| {
                    record(
                        "violation",
                        v.id,
                        format!("{}: {}", who(v), first_line(&v.input.description)),
                    )
                })
                .collect(),
            force_rating: rating_of(store::SECURITY_FORCE),
            school_level: unit_row.school_level,
            school_level_record: unit_row.school_level.map(|l| {
                let general = if l.general_education() {
                    "có cấp học phổ thông"
                } else {
                    "không có cấp học phổ thông"
                };
                record(
                    "unit",
                    unit,
                    format!(
                        "{}: {}, {general}",
                        unit_row.name,
                        antt_words::school_level(l)
                    ),
                )
            }),
            force_disciplined: disciplined
                .iter()
                .filter(|v| guards.contains(&v.input.person_id))
                .map(disciplined_record)
                .collect(),
            staff_disciplined: disciplined
                .iter()
                .filter(is_staff)
                .map(disciplined_record)
                .collect(),
            departments: structure
                .departments
                .iter()
                .map(|d| {
                    (
                        record("department", d.id, d.name.clone()),
                        rating_of(&d.id.to_string()),
                    )
                })
                .collect(),
            tips_total: u32::try_from(tips.groups.iter().map(|g| g.3).sum::<u64>())
                .unwrap_or(u32::MAX),
            tips_overdue: u32::try_from(tips.overdue).unwrap_or(u32::MAX),
            forces_serving: u32::try_from(teams.iter().map(|t| t.serving).sum::<usize>())
                .unwrap_or(u32::MAX),
            standard: None,
        })
    }

    /// Fire safety as antt knows it in `year`: evidence for check 1.4 and
    /// criterion 3, not a check of its own (Circular 124 has none). Apart
    /// from [`Self::readiness`], which every assessment page and the home
    /// page read, since it reads the year's register and checks.
    pub async fn fire_findings(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<Vec<crate::fire::FireFinding>> {
        self.check_assessment_readable(actor, unit).await?;
        self.fire.findings(unit, year).await
    }

    /// The readiness page: will the unit meet the standard, what score it
    /// is heading for, what is missing, who must do it by when.
    #[tracing::instrument(name = "assessments.readiness", skip_all, fields(actor = %actor.name))]
    pub async fn readiness(&self, actor: &Actor, unit: UnitId, year: i32) -> CoreResult<Readiness> {
        self.check_assessment_readable(actor, unit).await?;
        let db = self.cx.db();
        let (unit_row, assessment, plan, structure, ratings) = Box::pin(async {
            tokio::try_join!(
                self.cx.cached_unit(unit),
                async { Ok(store::get(db, unit, year).await?) },
                self.plans.of_year(actor, unit, year),
                self.org.structure(actor, unit),
                async { Ok(store::ratings(db, unit, year).await?) },
            )
        })
        .await?;
        // A unit on its own copy: the facts its bundle brought, judged by
        // the rules here as a hosted unit's.
        let mut facts = match crate::bundle::Bundles::facts(&self.cx, &unit_row, year).await? {
            Some(facts) => facts,
            None => {
                Box::pin(self.count_facts(
                    actor,
                    unit,
                    year,
                    assessment.as_ref().map(|a| a.registered_on),
                    plan.as_ref(),
                    &structure,
                    &ratings,
                ))
                .await?
            }
        };
        let overrides: &[Override] = assessment.as_ref().map_or(&[], |a| &a.overrides);
        let standard_rubric = rubric::built_in_standard(applies(unit_row.kind));
        let standard = assess_standard(&standard_rubric, &facts, overrides);
        // The score sheet's last item asks for the standard itself.
        facts.standard = Some(standard.verdict);
        let (score_rubric, sheet_source) = self.score_rubric(&unit_row).await?;
        let empty = Scores::new();
        let sheet = score_sheet(
            &score_rubric,
            &facts,
            assessment.as_ref().map_or(&empty, |a| &a.scores),
            assessment.as_ref().map_or(&empty, |a| &a.reviewed_scores),
        );
        let mut todo: Vec<Todo> = standard
            .criteria
            .iter()
            .flat_map(|c| &c.checks)
            .filter(|k| !k.finding.verdict().holds())
            .map(|k| {
                let (who, due) = duty(k.check.measure, year);
                Todo {
                    check_id: k.check.id.clone(),
                    text: k.check.text.clone(),
                    verdict: k.finding.verdict(),
                    who,
                    due,
                }
            })
            .collect();
        todo.sort_by_key(|t| (t.verdict == Verdict::Failed, t.due));
        let report = store::report(self.cx.db(), unit, year).await?;
        let steps = store::steps(self.cx.db(), unit, year).await?;
        let rating_of = |subject: &str| ratings.iter().find(|(s, _)| s == subject).map(|(_, r)| *r);
        Ok(Readiness {
            ratings: structure
                .departments
                .iter()
                .map(|d| (d.id, d.name.clone(), rating_of(&d.id.to_string())))
                .collect(),
            force_rating: rating_of(store::SECURITY_FORCE),
            today: facts.today,
            unit: unit_row,
            year,
            facts,
            standard_rubric,
            standard,
            score_rubric,
            sheet_source,
            sheet,
            assessment,
            steps,
            todo,
            report_to: plan
                .as_ref()
                .map(|p| p.content.report.to.clone())
                .filter(|t| !t.is_empty()),
            report_due: plan.as_ref().and_then(|p| p.content.report.due),
            report_submitted: report.and_then(|r| r.submitted_at),
        })
    }

    /// Rates a department (`None`: the security force) for a year; `None`
    /// as the rating clears it.
    #[tracing::instrument(name = "assessments.set_rating", skip_all, fields(actor = %actor.name))]
    pub async fn set_rating(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        department: Option<DepartmentId>,
        rating: Option<Rating>,
    ) -> CoreResult<()> {
        self.set_ratings(actor, unit, year, &[(department, rating)])
            .await
    }

    /// Sets the ratings of a year's form at once: every subject is checked
    /// first, then all changed ones are written in one transaction, each
    /// with its audit entry, or none.
    #[tracing::instrument(name = "assessments.set_ratings", skip_all, fields(actor = %actor.name))]
    pub async fn set_ratings(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        ratings: &[(Option<DepartmentId>, Option<Rating>)],
    ) -> CoreResult<()> {
        let w = self.unit_write(actor, unit).await?;
        let structure = self.org.structure(actor, unit).await?;
        let current = store::ratings(w.tx(), unit, year).await?;
        let mut changes = Vec::new();
        for (department, rating) in ratings {
            let (subject, name) = match department {
                Some(d) => (
                    d.to_string(),
                    structure
                        .department_name(Some(*d))
                        .ok_or_else(|| CoreError::invalid("department", ErrorCode::NotFound))?,
                ),
                None => (
                    store::SECURITY_FORCE.to_owned(),
                    "Lực lượng bảo vệ".to_owned(),
                ),
            };
            let before = current.iter().find(|(s, _)| *s == subject).map(|(_, r)| *r);
            if before != *rating {
                changes.push((subject, name, before, *rating));
            }
        }
        let Some(last) = changes.pop() else {
            return Ok(());
        };
        let rate =
            |(subject, name, before, after): (String, String, Option<Rating>, Option<Rating>)| {
                let w = &w;
                async move {
                    store::set_rating(w.tx(), unit, year, &subject, after, actor.user_id, w.now())
                        .await?;
                    CoreResult::Ok(changed(
                        actor,
                        unit,
                        TargetKind::Assessment,
                        year,
                        format!("Xếp loại năm {year}: {name}"),
                        vec![Change {
                            field: "rating".into(),
                            before: before.map(|r| r.code().to_owned()),
                            after: after.map(|r| r.code().to_owned()),
                        }],
                    ))
                }
            };
        for change in changes {
            let entry = rate(change).await?;
            w.audit(entry).await?;
        }
        let entry = rate(last).await?;
        w.commit(entry).await
    }

    /// Replaces the computed verdict of a check with a person's, with the
    /// reason and the evidence; `None` as the verdict goes back to the
    /// computed one. Needs the year's registration.
    #[tracing::instrument(name = "assessments.override_check", skip_all, fields(actor = %actor.name))]
    pub async fn override_check(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        check_id: &str,
        verdict: Option<Verdict>,
        reason: &str,
        evidence: &str,
    ) -> CoreResult<()> {
        let w = self.unit_write(actor, unit).await?;
        let unit_row = self.cx.cached_unit(unit).await?;
        let standard = rubric::built_in_standard(applies(unit_row.kind));
        let Some(check) = standard
            .criteria
            .iter()
            .flat_map(|c| &c.checks)
            .find(|k| k.id == check_id)
        else {
            return Err(CoreError::invalid("check", ErrorCode::NotFound));
        };
        // "Không áp dụng" only where the Circular asks "nếu có" or "nơi
        // đủ điều kiện"; elsewhere a check is met or not.
        if verdict == Some(Verdict::NotApplicable) && !check.may_not_apply {
            return Err(CoreError::invalid("verdict", ErrorCode::NotAllowed));
        }
        let mut a = store::get(w.tx(), unit, year)
            .await?
            .ok_or_else(|| CoreError::invalid("year", ErrorCode::WrongState))?;
        workflow::unit_may_edit(&a)?;
        let before = a.overrides.iter().find(|o| o.check_id == check_id).cloned();
        a.overrides.retain(|o| o.check_id != check_id);
        let after = match verdict {
            Some(v) => {
                let (reason, evidence) = check_override(reason, evidence)?;
                let o = Override {
                    check_id: check_id.to_owned(),
                    verdict: v,
                    reason,
                    evidence,
                    by: actor.display_name.clone(),
                    on: local_date(w.now()),
                };
                a.overrides.push(o.clone());
                Some(o)
            }
            None => None,
        };
        store::save(w.tx(), &a, w.now(), false).await?;
        let pairs = |o: &Option<Override>| {
            vec![
                ("verdict", o.as_ref().map(|o| o.verdict.code().to_owned())),
                ("reason", o.as_ref().map(|o| o.reason.clone())),
                ("evidence", o.as_ref().map(|o| o.evidence.clone())),
            ]
        };
        w.commit(changed(
            actor,
            unit,
            TargetKind::Assessment,
            year,
            format!("Xác nhận tiêu chí {check_id} năm {year}"),
            Change::diff(&pairs(&before), &pairs(&after)),
        ))
        .await
    }

    /// The unit's own points for the score sheet's items. Refused items
    /// come back with their codes and nothing is saved.
    #[tracing::instrument(name = "assessments.save_scores", skip_all, fields(actor = %actor.name))]
    pub async fn save_scores(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        typed: &[(String, String)],
    ) -> CoreResult<Result<(), Vec<(String, ErrorCode)>>> {
        let w = self.unit_write(actor, unit).await?;
        self.write_scores(w, actor, unit, year, typed, false).await
    }

    /// The authority's points on review (they replace the unit's).
    #[tracing::instrument(name = "assessments.review_scores", skip_all, fields(actor = %actor.name))]
    pub async fn review_scores(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        typed: &[(String, String)],
    ) -> CoreResult<Result<(), Vec<(String, ErrorCode)>>> {
        let w = self.authority_write(actor, unit).await?;
        self.write_scores(w, actor, unit, year, typed, true).await
    }

    async fn write_scores(
        &self,
        w: Write,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        typed: &[(String, String)],
        review: bool,
    ) -> CoreResult<Result<(), Vec<(String, ErrorCode)>>> {
        let unit_row = self.cx.cached_unit(unit).await?;
        let (rubric, _) = self.score_rubric(&unit_row).await?;
        let scores = match check_scores(&rubric, typed) {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        let mut a = store::get(w.tx(), unit, year)
            .await?
            .ok_or_else(|| CoreError::invalid("year", ErrorCode::WrongState))?;
        if review {
            if a.state != antt_domain::assessment::AssessmentState::Submitted {
                return Err(CoreError::invalid("state", ErrorCode::WrongState));
            }
        } else {
            workflow::unit_may_edit(&a)?;
        }
        let target = if review {
            &mut a.reviewed_scores
        } else {
            &mut a.scores
        };
        let show = |s: &Scores| {
            s.iter()
                .map(|(k, v)| format!("{k}={}", v.display()))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let before = show(target);
        *target = scores;
        let after = show(target);
        store::save(w.tx(), &a, w.now(), false).await?;
        w.commit(changed(
            actor,
            unit,
            TargetKind::Assessment,
            year,
            if review {
                format!("Thẩm định điểm phong trào năm {year}")
            } else {
                format!("Tự chấm điểm phong trào năm {year}")
            },
            vec![Change {
                field: if review { "reviewed_scores" } else { "scores" }.into(),
                before: Some(before),
                after: Some(after),
            }],
        ))
        .await
        .map(Ok)
    }

    /// A province officer loads the province's score sheet from a
    /// spreadsheet (item, content, maximum points, optionally a measure)
    /// with the thresholds set beside it. Refused whole with each row's
    /// problem; in force for every unit under the province from then on.
    #[tracing::instrument(name = "assessments.load_score_sheet", skip_all, fields(actor = %actor.name))]
    pub async fn load_score_sheet(
        &self,
        actor: &Actor,
        file_name: &str,
        bytes: Vec<u8>,
        levels: Vec<Level>,
    ) -> CoreResult<Result<Rubric, Vec<rubric::RubricError>>> {
        let province = actor.home_unit()?;
        actor.require(Capability::ActForAuthority)?;
        let (sheets, _) = crate::import::read_file(file_name, bytes).await?;
        let rows = documents::score_rows(&sheets)
            .ok_or_else(|| CoreError::invalid("file", ErrorCode::NoHeader))?;
        let unit = self.cx.cached_unit(province).await?;
        let title = format!("Bảng chấm điểm phong trào – {}", unit.name);
        let code = format!("{}-{}", unit.code.to_lowercase(), self.cx.today());
        let rubric = match rubric::score_from_rows(&code, &title, &rows, &levels) {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        self.keep_rubric(actor, province, &rubric).await?;
        Ok(Ok(rubric))
    }

    /// Keeps a checked rubric as the authority's own, audited.
    #[tracing::instrument(name = "assessments.keep_rubric", skip_all, fields(actor = %actor.name))]
    pub async fn keep_rubric(
        &self,
        actor: &Actor,
        authority: UnitId,
        rubric: &Rubric,
    ) -> CoreResult<()> {
        let w = self
            .cx
            .write(Access::Unit(actor, authority, Capability::ActForAuthority))
            .await?;
        store::insert_rubric(w.tx(), authority, rubric, &actor.name, w.now()).await?;
        w.commit(changed(
            actor,
            authority,
            TargetKind::Rubric,
            &rubric.code,
            format!("Nạp bảng điểm: {}", rubric.title),
            vec![Change {
                field: "items".into(),
                before: None,
                after: Some(format!(
                    "{} mục, {} điểm, {} mức",
                    rubric.leaves().len(),
                    rubric.total.display(),
                    rubric.levels.len()
                )),
            }],
        ))
        .await
    }

    /// The self-assessments of the units a province officer oversees for a
    /// year, with each one's score so far (the authority's points where it
    /// reviewed, else the unit's) and the level it reaches on the sheet in
    /// force: the ranking the province makes by 30/11. Read from the stored
    /// scores, not recomputed from every unit's records.
    #[tracing::instrument(name = "assessments.overseen_assessments", skip_all, fields(actor = %actor.name))]
    pub async fn overseen_assessments(
        &self,
        actor: &Actor,
        year: i32,
    ) -> CoreResult<Vec<UnitStanding>> {
        let home = actor.home_unit()?;
        actor.require(Capability::OverseeUnits)?;
        self.standings_under(home, year).await
    }

    /// The standings of the units under an authority for a year (the
    /// caller checked the reader), by name.
    pub(crate) async fn standings_under(
        &self,
        home: UnitId,
        year: i32,
    ) -> CoreResult<Vec<UnitStanding>> {
        let units: Vec<UnitId> = self
            .cx
            .cached_subtree(home)
            .await?
            .iter()
            .copied()
            .filter(|u| *u != home)
            .collect();
        let rows: HashMap<UnitId, Assessment> = store::of_units(self.cx.db(), &units, year)
            .await?
            .into_iter()
            .map(|a| (a.unit_id, a))
            .collect();
        let mut sheets: HashMap<Option<UnitId>, Rubric> = HashMap::new();
        let mut out = Vec::new();
        for u in units {
            let unit = self.cx.cached_unit(u).await?;
            if unit.kind.is_authority() {
                continue;
            }
            let Some(a) = rows.get(&u) else {
                out.push(UnitStanding {
                    unit,
                    state: None,
                    total: None,
                    unscored: 0,
                    level: None,
                    level_code: None,
                });
                continue;
            };
            let rubric = match sheets.entry(unit.authority_id) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(self.score_rubric(&unit).await?.0)
                }
            };
            let leaves = rubric.leaves();
            let counted: Vec<antt_domain::rubric::Points> = leaves
                .iter()
                .filter_map(|l| {
                    a.reviewed_scores
                        .get(&l.id)
                        .or_else(|| a.scores.get(&l.id))
                        .copied()
                })
                .collect();
            let total = antt_domain::rubric::Points(counted.iter().map(|p| p.0).sum());
            let unscored = leaves.len() - counted.len();
            let recognised = a.state == antt_domain::assessment::AssessmentState::Recognised;
            let level = (unscored == 0)
                .then(|| rubric.classify(total, recognised))
                .flatten();
            out.push(UnitStanding {
                level: level.map(|l| l.name.clone()),
                level_code: level.map(|l| l.code.clone()),
                total: (!counted.is_empty()).then_some(total),
                unscored,
                state: Some(a.state),
                unit,
            });
        }
        out.sort_by(|a, b| a.unit.name.cmp(&b.unit.name));
        Ok(out)
    }
}

/// A unit's self-assessment of a year as the province sees it in its list.
#[derive(Clone, Debug)]
pub struct UnitStanding {
    pub unit: Unit,
    /// `None`: the unit did not register.
    pub state: Option<antt_domain::assessment::AssessmentState>,
    /// Points counted so far; `None` when nothing is scored.
    pub total: Option<antt_domain::rubric::Points>,
    pub unscored: usize,
    /// The level reached, once every item is scored: its name and code.
    pub level: Option<String>,
    pub level_code: Option<String>,
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    match line.char_indices().nth(120) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line.to_owned(),
    }
}
