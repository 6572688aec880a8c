//! The self-assessment's way through the year: registration in the first
//! quarter, the meeting and its minutes, the dossier sent to the
//! authority, the authority's review (accepted, or returned with reasons)
//! and the recognition decision. Each step checks the state and the side
//! that may take it, writes in one transaction with its audit entry and
//! is kept as history.

use antt_domain::UnitId;
use antt_domain::assessment::{
    Assessment, AssessmentState, AssessmentStep, Decision, Dossier, Meeting, Scores, Side, Verdict,
};
use antt_domain::audit::{AuditAction, Change, TargetKind};
use antt_domain::time::local_date;
use antt_domain::{ErrorCode, ValidationErrors};
use antt_store::assessment as store;

use crate::actor::Actor;
use crate::audit::entry;
use crate::context::movement_year;
use crate::error::{CoreError, CoreResult};
use crate::write::Write;

/// Refuses a change of the unit's own part while the authority holds the
/// dossier or after the decision.
pub(crate) fn unit_may_edit(a: &Assessment) -> CoreResult<()> {
    if matches!(
        a.state,
        AssessmentState::Registered | AssessmentState::SelfAssessed | AssessmentState::Returned
    ) {
        Ok(())
    } else {
        Err(CoreError::invalid("state", ErrorCode::WrongState))
    }
}

/// What the authority decides on a submitted dossier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Review {
    Accept,
    /// Returned, with the reasons the unit must answer.
    Return(String),
}

impl super::Assessments {
    /// Registers the unit to strive for the standard this year (Bản đăng
    /// ký phấn đấu): due in the first quarter; a late one is still kept and
    /// the check shows it late.
    #[tracing::instrument(name = "assessments.register", skip_all, fields(actor = %actor.name))]
    pub async fn register(&self, actor: &Actor, unit: UnitId, year: i32) -> CoreResult<()> {
        let my = movement_year(year)?;
        self.cx.check_writable(actor, unit).await?;
        // The registration as signed today, written before the lock is
        // taken and kept in the same transaction as the step.
        let readiness = self.readiness(actor, unit, year).await?;
        let form = self
            .registration_paper(actor, &readiness, local_date(self.cx.now()))
            .await?;
        let w = self.unit_write(actor, unit).await?;
        let today = local_date(w.now());
        if today < my.first_day() {
            return Err(CoreError::invalid("year", ErrorCode::OutsideYear));
        }
        if store::get(w.tx(), unit, year).await?.is_some() {
            return Err(CoreError::invalid("year", ErrorCode::AlreadyRecorded));
        }
        let a = Assessment {
            unit_id: unit,
            year,
            state: AssessmentState::Registered,
            registered_on: today,
            meeting: Meeting::default(),
            dossier: Dossier::default(),
            decision: None,
            returned_because: None,
            overrides: Vec::new(),
            scores: Scores::new(),
            reviewed_scores: Scores::new(),
        };
        store::save(w.tx(), &a, w.now(), true).await?;
        crate::papers::keep(
            w.tx(),
            unit,
            crate::papers::Paper::Registration,
            &year.to_string(),
            form,
            &actor.display_name,
            w.now(),
        )
        .await?;
        step(
            &w,
            actor,
            unit,
            year,
            AssessmentState::Registered,
            String::new(),
        )
        .await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Assessment, year.to_string())),
            format!("Đăng ký phấn đấu đạt tiêu chuẩn “An toàn về ANTT” năm {year}"),
            Vec::new(),
        ))
        .await
    }

    /// Records the self-assessment meeting and its minutes (again, to
    /// correct them, until the dossier is sent).
    #[tracing::instrument(name = "assessments.record_meeting", skip_all, fields(actor = %actor.name))]
    pub async fn record_meeting(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        meeting: Meeting,
    ) -> CoreResult<()> {
        let w = self.unit_write(actor, unit).await?;
        let meeting = meeting.validate(year, local_date(w.now()))?;
        let audit = advance(
            &w,
            actor,
            unit,
            year,
            AssessmentState::SelfAssessed,
            Side::Unit,
            |a| {
                a.meeting = meeting;
                Ok(String::new())
            },
        )
        .await?;
        w.commit(audit).await
    }

    /// Sends the dossier: the request's number and day, the minutes (the
    /// meeting must have been recorded) and the results report, which is
    /// kept as submitted. Refused with every missing part named.
    #[tracing::instrument(name = "assessments.submit_dossier", skip_all, fields(actor = %actor.name))]
    pub async fn submit_dossier(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        mut dossier: Dossier,
    ) -> CoreResult<()> {
        self.cx.check_writable(actor, unit).await?;
        // No contradictory dossier: a Tờ trình asks for recognition, so a
        // check not met stops it; a check still unconfirmed goes only when
        // the unit says so, and the Tờ trình names it.
        // (Judged here, outside the lock; applied once the form is valid.)
        let readiness = self.readiness(actor, unit, year).await?;
        let checks = || readiness.standard.criteria.iter().flat_map(|c| &c.checks);
        let failed = checks().any(|k| k.finding.verdict() == Verdict::Failed);
        let unconfirmed: Vec<String> = checks()
            .filter(|k| k.finding.verdict() == Verdict::AtRisk)
            .map(|k| k.check.id.clone())
            .collect();
        // Written before the lock is taken: a document takes a tenth of a
        // second that no other write should wait for.
        let document = self.yearly_report_docx(actor, unit, year).await?;
        let w = self.unit_write(actor, unit).await?;
        let current = store::get(w.tx(), unit, year)
            .await?
            .ok_or_else(|| CoreError::invalid("state", ErrorCode::WrongState))?;
        let report = store::report(w.tx(), unit, year).await?.unwrap_or_default();
        dossier.minutes = current.meeting.held_on.is_some();
        dossier.report = !report.texts.shortcomings.trim().is_empty()
            && !report.texts.directions.trim().is_empty();
        let mut dossier = dossier.validate()?;
        if dossier.request_on.is_some_and(|d| d > local_date(w.now())) {
            return Err(CoreError::Invalid(ValidationErrors::single(
                "request_on",
                ErrorCode::InFuture,
            )));
        }
        if failed {
            return Err(CoreError::invalid("standard", ErrorCode::StandardNotMet));
        }
        if !unconfirmed.is_empty() && !dossier.acknowledge_unconfirmed {
            return Err(CoreError::invalid(
                "acknowledge_unconfirmed",
                ErrorCode::Unacknowledged,
            ));
        }
        dossier.unconfirmed = unconfirmed;
        dossier.others.retain(|o| !o.trim().is_empty());
        // The Tờ trình and the minutes as they go, kept with the dossier
        // in this transaction: later records never change them.
        let mut sent = readiness;
        if let Some(a) = sent.assessment.as_mut() {
            a.dossier = dossier.clone();
        }
        let papers = self
            .dossier_papers(actor, &sent, local_date(w.now()))
            .await?;
        let audit = advance(
            &w,
            actor,
            unit,
            year,
            AssessmentState::Submitted,
            Side::Unit,
            |a| {
                a.dossier = dossier;
                a.returned_because = None;
                Ok(String::new())
            },
        )
        .await?;
        for (kind, file) in papers {
            crate::papers::keep(
                w.tx(),
                unit,
                kind,
                &year.to_string(),
                file,
                &actor.display_name,
                w.now(),
            )
            .await?;
        }
        // The results report goes with the dossier as it is today, and is
        // kept so, in the same transaction as the step.
        store::submit_report(
            w.tx(),
            unit,
            year,
            &report.texts,
            document,
            &actor.display_name,
            w.now(),
        )
        .await?;
        w.commit(audit).await
    }

    /// The authority accepts a submitted dossier or returns it with reasons.
    #[tracing::instrument(name = "assessments.review_dossier", skip_all, fields(actor = %actor.name))]
    pub async fn review_dossier(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        review: Review,
    ) -> CoreResult<()> {
        let (to, reason) = match review {
            Review::Accept => (AssessmentState::Accepted, None),
            Review::Return(reason) => {
                let reason = reason.trim().to_owned();
                if reason.chars().count() < 5 {
                    return Err(CoreError::invalid("reason", ErrorCode::Required));
                }
                (AssessmentState::Returned, Some(reason))
            }
        };
        let w = self.authority_write(actor, unit).await?;
        let audit = advance(&w, actor, unit, year, to, Side::Authority, |a| {
            a.returned_because.clone_from(&reason);
            Ok(reason.unwrap_or_default())
        })
        .await?;
        w.commit(audit).await
    }

    /// Records the recognition decision (or the decision not to recognise).
    #[tracing::instrument(name = "assessments.record_decision", skip_all, fields(actor = %actor.name))]
    pub async fn record_decision(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        decision: Decision,
    ) -> CoreResult<()> {
        let w = self.authority_write(actor, unit).await?;
        let decision = decision.validate(local_date(w.now()))?;
        let to = if decision.recognised {
            AssessmentState::Recognised
        } else {
            AssessmentState::NotRecognised
        };
        let note = format!(
            "Quyết định số {} ngày {} của {}",
            decision.number,
            decision
                .signed_on
                .map(antt_domain::time::format_date)
                .unwrap_or_default(),
            decision.body
        );
        let audit = advance(&w, actor, unit, year, to, Side::Authority, |a| {
            a.decision = Some(decision);
            Ok(note)
        })
        .await?;
        w.commit(audit).await
    }
}

/// Moves a self-assessment to `to` if `side` may, applying `change` and
/// keeping the step, in `w`; returns the audit entry to commit with it.
#[allow(clippy::too_many_arguments)]
async fn advance(
    w: &Write,
    actor: &Actor,
    unit: UnitId,
    year: i32,
    to: AssessmentState,
    side: Side,
    change: impl FnOnce(&mut Assessment) -> CoreResult<String>,
) -> CoreResult<antt_domain::audit::NewAuditEntry> {
    let mut a = store::get(w.tx(), unit, year)
        .await?
        .ok_or_else(|| CoreError::invalid("state", ErrorCode::WrongState))?;
    if !a.state.may(to, side) {
        return Err(CoreError::invalid("state", ErrorCode::WrongState));
    }
    let from = a.state;
    let note = change(&mut a)?;
    a.state = to;
    store::save(w.tx(), &a, w.now(), false).await?;
    step(w, actor, unit, year, to, note).await?;
    Ok(entry(
        actor,
        Some(unit),
        AuditAction::Update,
        Some((TargetKind::Assessment, year.to_string())),
        format!("Tự đánh giá tiêu chuẩn “An toàn về ANTT” năm {year}"),
        vec![Change {
            field: "state".into(),
            before: Some(from.code().to_owned()),
            after: Some(to.code().to_owned()),
        }],
    ))
}

async fn step(
    w: &Write,
    actor: &Actor,
    unit: UnitId,
    year: i32,
    state: AssessmentState,
    note: String,
) -> CoreResult<()> {
    store::add_step(
        w.tx(),
        unit,
        year,
        &AssessmentStep {
            state,
            at: w.now(),
            by: actor.display_name.clone(),
            note,
        },
    )
    .await?;
    Ok(())
}
