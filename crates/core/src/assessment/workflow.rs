//! The self-assessment's way through the year: registration in the first
//! quarter, the meeting and its minutes, the dossier sent to the
//! authority, the authority's review (accepted, or returned with reasons)
//! and the recognition decision. Each step checks the state and the side
//! that may take it, writes in one transaction with its audit entry and
//! is kept as history.

use antt_domain::UnitId;
use antt_domain::assessment::{
    Assessment, AssessmentState, AssessmentStep, Decision, Dossier, Meeting, Scores, Side,
};
use antt_domain::audit::{AuditAction, Change, TargetKind};
use antt_domain::time::local_date;
use antt_domain::{ErrorCode, ValidationErrors};
use antt_store::assessment as store;

use crate::Antt;
use crate::actor::Actor;
use crate::audit::{commit_audited, entry};
use crate::error::{CoreError, CoreResult};

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

impl Antt {
    /// Registers the unit to strive for the standard this year (Bản đăng
    /// ký phấn đấu): due in the first quarter; a late one is still kept and
    /// the check shows it late.
    pub async fn register_for_standard(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<()> {
        self.check_assessment_writable(actor, unit).await?;
        if !antt_domain::plan::YEARS.contains(&year) {
            return Err(CoreError::invalid("year", ErrorCode::Invalid));
        }
        let today = local_date(self.now());
        if today < antt_domain::plan::movement_year_start(year) {
            return Err(CoreError::invalid("year", ErrorCode::OutsideYear));
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
        let tx = self.db().begin().await?;
        if store::get(&tx, unit, year).await?.is_some() {
            return Err(CoreError::invalid("year", ErrorCode::AlreadyRecorded));
        }
        store::save(&tx, &a, self.now(), true).await?;
        self.step(
            &tx,
            actor,
            unit,
            year,
            AssessmentState::Registered,
            String::new(),
        )
        .await?;
        commit_audited(
            tx,
            self.now(),
            entry(
                actor,
                Some(unit),
                AuditAction::Create,
                Some((TargetKind::Assessment, year.to_string())),
                format!("Đăng ký phấn đấu đạt tiêu chuẩn “An toàn về ANTT” năm {year}"),
                Vec::new(),
            ),
        )
        .await
    }

    /// Records the self-assessment meeting and its minutes (again, to
    /// correct them, until the dossier is sent).
    pub async fn record_meeting(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        meeting: Meeting,
    ) -> CoreResult<()> {
        self.check_assessment_writable(actor, unit).await?;
        let meeting = meeting.validate(year, local_date(self.now()))?;
        self.advance(
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
        .await
    }

    /// Sends the dossier: the request's number and day, the minutes (the
    /// meeting must have been recorded) and the results report, which is
    /// kept as submitted. Refused with every missing part named.
    pub async fn submit_dossier(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        mut dossier: Dossier,
    ) -> CoreResult<()> {
        self.check_assessment_writable(actor, unit).await?;
        let current = store::get(self.db(), unit, year)
            .await?
            .ok_or_else(|| CoreError::invalid("state", ErrorCode::WrongState))?;
        let report = store::report(self.db(), unit, year)
            .await?
            .unwrap_or_default();
        dossier.minutes = current.meeting.held_on.is_some();
        dossier.report = !report.texts.shortcomings.trim().is_empty()
            && !report.texts.directions.trim().is_empty();
        let mut dossier = dossier.validate()?;
        if dossier
            .request_on
            .is_some_and(|d| d > local_date(self.now()))
        {
            return Err(CoreError::Invalid(ValidationErrors::single(
                "request_on",
                ErrorCode::InFuture,
            )));
        }
        dossier.others.retain(|o| !o.trim().is_empty());
        let document = self.yearly_report_docx(actor, unit, year).await?;
        let tx = self.db().begin().await?;
        let audit = self
            .advance_in(
                &tx,
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
        // The results report goes with the dossier as it is today, and is
        // kept so, in the same transaction as the step.
        store::submit_report(
            &tx,
            unit,
            year,
            &report.texts,
            document,
            &actor.display_name,
            self.now(),
        )
        .await?;
        commit_audited(tx, self.now(), audit).await
    }

    /// The authority accepts a submitted dossier or returns it with reasons.
    pub async fn review_dossier(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        review: Review,
    ) -> CoreResult<()> {
        self.check_authority(actor, unit).await?;
        match review {
            Review::Accept => {
                self.advance(
                    actor,
                    unit,
                    year,
                    AssessmentState::Accepted,
                    Side::Authority,
                    |_| Ok(String::new()),
                )
                .await
            }
            Review::Return(reason) => {
                let reason = reason.trim().to_owned();
                if reason.chars().count() < 5 {
                    return Err(CoreError::invalid("reason", ErrorCode::Required));
                }
                self.advance(
                    actor,
                    unit,
                    year,
                    AssessmentState::Returned,
                    Side::Authority,
                    |a| {
                        a.returned_because = Some(reason.clone());
                        Ok(reason.clone())
                    },
                )
                .await
            }
        }
    }

    /// Records the recognition decision (or the decision not to recognise).
    pub async fn record_decision(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        decision: Decision,
    ) -> CoreResult<()> {
        self.check_authority(actor, unit).await?;
        let decision = decision.validate(local_date(self.now()))?;
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
        self.advance(actor, unit, year, to, Side::Authority, |a| {
            a.decision = Some(decision);
            Ok(note.clone())
        })
        .await
    }

    /// Moves a self-assessment to `to` if `side` may, applying `change` and
    /// keeping the step, all in one transaction with its audit entry.
    async fn advance(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        to: AssessmentState,
        side: Side,
        change: impl FnOnce(&mut Assessment) -> CoreResult<String>,
    ) -> CoreResult<()> {
        let tx = self.db().begin().await?;
        let audit = self
            .advance_in(&tx, actor, unit, year, to, side, change)
            .await?;
        commit_audited(tx, self.now(), audit).await
    }

    /// The step of [`Self::advance`] inside the caller's transaction;
    /// returns the audit entry to commit with it.
    #[allow(clippy::too_many_arguments)]
    async fn advance_in(
        &self,
        tx: &antt_store::Tx,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        to: AssessmentState,
        side: Side,
        change: impl FnOnce(&mut Assessment) -> CoreResult<String>,
    ) -> CoreResult<antt_domain::audit::NewAuditEntry> {
        let mut a = store::get(tx, unit, year)
            .await?
            .ok_or_else(|| CoreError::invalid("state", ErrorCode::WrongState))?;
        if !a.state.may(to, side) {
            return Err(CoreError::invalid("state", ErrorCode::WrongState));
        }
        let from = a.state;
        let note = change(&mut a)?;
        a.state = to;
        store::save(tx, &a, self.now(), false).await?;
        self.step(tx, actor, unit, year, to, note).await?;
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
        &self,
        tx: &antt_store::Tx,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        state: AssessmentState,
        note: String,
    ) -> CoreResult<()> {
        store::add_step(
            tx,
            unit,
            year,
            &AssessmentStep {
                state,
                at: self.now(),
                by: actor.display_name.clone(),
                note,
            },
        )
        .await?;
        Ok(())
    }
}
