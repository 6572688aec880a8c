//! The yearly commitment campaign: started by the office, signed by each
//! person in the app or recorded from paper by a teacher for a class;
//! progress by department and class, and who has not signed.

pub(crate) mod demo;

use std::collections::HashSet;

use antt_domain::audit::{AuditAction, Change, TargetKind};
use antt_domain::commitment::{Commitment, CommitmentInput, SignatureMethod};
use antt_domain::role::Capability;
use antt_domain::session::{Coverage, Reachable, Share, coverage};
use antt_domain::time::MovementYear;
use antt_domain::{ErrorCode, PersonId, UnitId};
use antt_store::StoreError;
use antt_store::commitment as store;

use crate::actor::Actor;
use crate::audit::entry;
use crate::context::{Cx, year_open};
use crate::error::{CoreError, CoreResult};
use crate::export::ExportFile;
use crate::exports::{Exports, people_sheet};
use crate::org::Org;
use crate::person::{People, person_of_account};
use crate::write::Access;

/// A campaign with its progress, for its page.
#[derive(Clone, Debug)]
pub struct CommitmentView {
    pub commitment: Commitment,
    /// Signed, by staff and students, department and class.
    pub progress: Coverage,
    /// Not signed yet: (name, code, class or department).
    pub not_signed: Vec<(String, String, String)>,
    /// Whether the actor (through their person record) has signed; `None`
    /// when the account has no person record.
    pub signed_by_me: Option<bool>,
    pub may_record_paper: bool,
}

fn conflict_is_signed(e: StoreError) -> CoreError {
    match e {
        StoreError::Conflict(_) => CoreError::invalid("signature", ErrorCode::AlreadyRecorded),
        StoreError::ForeignKey(_) => CoreError::invalid("signature", ErrorCode::NotFound),
        e => e.into(),
    }
}

/// The yearly commitment of a unit: the campaign, its signatures and who
/// has not signed.
#[derive(Clone)]
pub struct Commitments {
    cx: Cx,
    org: Org,
    people: People,
    exports: Exports,
}

impl Commitments {
    pub(crate) fn new(cx: Cx, org: Org, people: People, exports: Exports) -> Self {
        Self {
            cx,
            org,
            people,
            exports,
        }
    }

    /// Starts the campaign of a year.
    #[tracing::instrument(name = "commitments.start", skip_all, fields(actor = %actor.name))]
    pub async fn start(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        input: CommitmentInput,
    ) -> CoreResult<()> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::EditPlans))
            .await?;
        let input = input.validate()?;
        let now = w.now();
        if store::of_year(w.tx(), unit, year).await?.is_some() {
            return Err(CoreError::invalid("year", ErrorCode::Duplicate));
        }
        let c = store::insert(w.tx(), unit, year, &input, now).await?;
        let target = Some((TargetKind::Commitment, c.id.to_string()));
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            target,
            c.title,
            Vec::new(),
        ))
        .await
    }

    /// How many of the unit's active staff and students signed the
    /// campaign of a year, if started, counted by the database (the home
    /// page): the progress of [`Self::view`] without the lists. Zero for
    /// whom may not read the unit's people.
    #[tracing::instrument(name = "commitments.progress", skip_all, fields(actor = %actor.name))]
    pub async fn progress(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<Option<(Share, Share)>> {
        self.cx.check_readable(actor, unit).await?;
        let Some(commitment) = store::of_year(self.cx.db(), unit, year).await? else {
            return Ok(None);
        };
        if !actor.role.can(Capability::ReadPeople) {
            return Ok(Some(Default::default()));
        }
        Ok(Some(
            antt_store::stats::active_shares(
                self.cx.db(),
                unit,
                store::signed_query(unit, commitment.id),
            )
            .await?,
        ))
    }

    /// The campaign of a year with its progress, if started.
    #[tracing::instrument(name = "commitments.view", skip_all, fields(actor = %actor.name))]
    pub async fn view(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<Option<CommitmentView>> {
        self.cx.check_readable(actor, unit).await?;
        let Some(commitment) = store::of_year(self.cx.db(), unit, year).await? else {
            return Ok(None);
        };
        let signed = store::signed(self.cx.db(), unit, commitment.id).await?;
        let me = self.people.of_account(actor).await?;
        let signed_by_me = me.map(|p| signed.contains(&p));
        let writable = self.cx.check_writable(actor, unit).await.is_ok();
        if !actor.role.can(Capability::ReadPeople) {
            // A student sees the text and their own signature, not the lists.
            return Ok(Some(CommitmentView {
                commitment,
                progress: Coverage::default(),
                not_signed: Vec::new(),
                signed_by_me,
                may_record_paper: false,
            }));
        }
        let people = self.cx.cached_people(unit).await?;
        let structure = self.org.structure(actor, unit).await?;
        let progress = coverage(people.iter().filter_map(|(_, p)| Reachable::of(p)), &signed);
        let not_signed = structure.named(&people, &progress.not_reached);
        Ok(Some(CommitmentView {
            commitment,
            progress,
            not_signed,
            signed_by_me,
            may_record_paper: writable && actor.can(Capability::RecordPaperCommitments),
        }))
    }

    /// The actor signs the campaign of a year in the app.
    #[tracing::instrument(name = "commitments.sign", skip_all, fields(actor = %actor.name))]
    pub async fn sign(&self, actor: &Actor, unit: UnitId, year: i32) -> CoreResult<()> {
        let w = self.cx.write(Access::Own(actor, unit)).await?;
        let now = w.now();
        let person = person_of_account(w.tx(), actor)
            .await?
            .ok_or(CoreError::invalid("person", ErrorCode::NotFound))?;
        let c = store::of_year(w.tx(), unit, year)
            .await?
            .ok_or(CoreError::NotFound)?;
        year_open(MovementYear::saturating(year), now, "year")?;
        store::sign(
            w.tx(),
            unit,
            c.id,
            &[person],
            SignatureMethod::InApp,
            now,
            actor.user_id,
        )
        .await
        .map_err(conflict_is_signed)?;
        let target = Some((TargetKind::Commitment, c.id.to_string()));
        let changes = vec![Change {
            field: "signed".into(),
            before: None,
            after: Some(person.to_string()),
        }];
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            target,
            c.title,
            changes,
        ))
        .await
    }

    /// Records paper signatures for a list (a class): of `listed`, those in
    /// `signed` signed; paper signatures of the others are removed, never an
    /// in-app one.
    #[tracing::instrument(name = "commitments.record_paper_signatures", skip_all, fields(actor = %actor.name))]
    pub async fn record_paper_signatures(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        listed: &[PersonId],
        signed: &[PersonId],
    ) -> CoreResult<(usize, u64)> {
        let w = self
            .cx
            .write(Access::Unit(
                actor,
                unit,
                Capability::RecordPaperCommitments,
            ))
            .await?;
        let now = w.now();
        year_open(MovementYear::saturating(year), now, "year")?;
        let c = store::of_year(w.tx(), unit, year)
            .await?
            .ok_or(CoreError::NotFound)?;
        let already = store::signed(w.tx(), unit, c.id).await?;
        let in_app = store::signed_in_app(w.tx(), unit, c.id).await?;
        let signed: HashSet<PersonId> = signed
            .iter()
            .copied()
            .filter(|p| listed.contains(p))
            .collect();
        let new: Vec<PersonId> = signed
            .iter()
            .copied()
            .filter(|p| !already.contains(p))
            .collect();
        store::sign(
            w.tx(),
            unit,
            c.id,
            &new,
            SignatureMethod::Paper,
            now,
            actor.user_id,
        )
        .await
        .map_err(conflict_is_signed)?;
        let unsigned: Vec<PersonId> = listed
            .iter()
            .copied()
            .filter(|p| !signed.contains(p) && already.contains(p) && !in_app.contains(p))
            .collect();
        let removed = store::unsign_paper(w.tx(), unit, c.id, &unsigned).await?;
        let changes = vec![
            Change {
                field: "paper_signed".into(),
                before: None,
                after: Some(new.len().to_string()),
            },
            Change {
                field: "paper_removed".into(),
                before: None,
                after: Some(removed.to_string()),
            },
        ];
        let target = Some((TargetKind::Commitment, c.id.to_string()));
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            target,
            c.title,
            changes,
        ))
        .await?;
        Ok((new.len(), removed))
    }

    /// Who of a list has signed the campaign of a year, and who did so in the app.
    #[tracing::instrument(name = "commitments.signatures_of", skip_all, fields(actor = %actor.name))]
    pub async fn signatures_of(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<(HashSet<PersonId>, HashSet<PersonId>)> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPeople)?;
        let c = store::of_year(self.cx.db(), unit, year)
            .await?
            .ok_or(CoreError::NotFound)?;
        Ok((
            store::signed(self.cx.db(), unit, c.id).await?,
            store::signed_in_app(self.cx.db(), unit, c.id).await?,
        ))
    }

    /// Who has not signed the commitment of the year.
    #[tracing::instrument(name = "commitments.export_not_signed", skip_all, fields(actor = %actor.name))]
    pub async fn export_not_signed(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<ExportFile> {
        actor.require(Capability::ReadPeople)?;
        let v = self
            .view(actor, unit, year)
            .await?
            .ok_or(CoreError::NotFound)?;
        let u = self.cx.cached_unit(unit).await?;
        let rows = v
            .not_signed
            .into_iter()
            .map(|(n, c, g)| (n, c, g, String::new()))
            .collect();
        let sheet = people_sheet(
            &u.name,
            format!("DANH SÁCH CHƯA KÝ CAM KẾT NĂM {year}"),
            rows,
            None,
        );
        let target = Some((TargetKind::Commitment, v.commitment.id.to_string()));
        self.exports
            .sheets(
                actor,
                unit,
                target,
                format!("chua-ky-cam-ket-{year}.xlsx"),
                vec![sheet],
            )
            .await
    }
}
