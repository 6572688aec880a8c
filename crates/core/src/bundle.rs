//! Units on their own copy of antt: the copy writes a year as a bundle
//! signed with its own key (made on first use, kept with the data); the
//! police over the unit register that key once, then import the unit's
//! bundles, which are checked whole before any of them is written. The
//! unit then stands on the province's server as if hosted there: its
//! dossier reviewed, its figures counted, its records read-only.

use antt_domain::assessment::{Assessment, AssessmentState, AssessmentStep, Scores};
use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::bundle::{
    self, BundledActivity, BundledAssessment, BundledModel, BundledPaper, BundledReport,
    BundledUnit, YearContent,
};
use antt_domain::equipment::EquipmentKind;
use antt_domain::role::Capability;
use antt_domain::time::{format_instant, local_date};
use antt_domain::unit::Unit;
use antt_domain::{ErrorCode, UnitId};
use antt_store::assessment as assessments;
use antt_store::bundle::{self as store, Imported};
use antt_store::sealed_data::{set_setting_once, setting};

use crate::actor::Actor;
use crate::assessment::Assessments;
use crate::audit::entry;
use crate::context::{Cx, movement_year};
use crate::error::{CoreError, CoreResult};
use crate::export::ExportFile;
use crate::papers::Paper;
use crate::write::Access;

pub(crate) mod demo;
mod file;

pub use file::MAX_BUNDLE;

/// The setting that keeps the instance's signing key.
const SIGNING_KEY: &str = "bundle_signing_key";
/// A bundle file's content type.
pub const BUNDLE_TYPE: &str = "application/zip";

/// Bundles made here and bundles imported here.
#[derive(Clone)]
pub struct Bundles {
    cx: Cx,
    assessments: Assessments,
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportOutcome {
    pub unit: Unit,
    pub year: i32,
    pub made_at: chrono::DateTime<chrono::Utc>,
    /// The state of the unit's dossier after the import.
    pub state: Option<AssessmentState>,
    /// A bundle of the same year was there and is replaced.
    pub replaced: bool,
    pub papers: usize,
}

/// The units under a police body, for the bundles page.
#[derive(Clone, Debug)]
pub struct Overview {
    pub authority: Unit,
    /// Every unit under it (police bodies left out), by name.
    pub units: Vec<Unit>,
    /// Those on their own copy, with the bundles they sent, newest first.
    pub own: Vec<(Unit, Vec<Imported>)>,
}

/// The instance's public key, and the short form to read aloud.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey {
    pub key: String,
    pub fingerprint: String,
}

impl Bundles {
    pub(crate) fn new(cx: Cx, assessments: Assessments) -> Self {
        Self { cx, assessments }
    }

    /// The instance's signing key, made the first time it is asked for.
    async fn signing_key(&self, actor: &Actor) -> CoreResult<file::SigningKey> {
        if let Some(kept) = setting(self.cx.db(), SIGNING_KEY).await? {
            return file::SigningKey::from_hex(&kept);
        }
        let fresh = file::SigningKey::generate()?;
        let w = self.cx.write(Access::Server).await?;
        // Two first exports at once keep one key: the first one written.
        let kept = set_setting_once(w.tx(), SIGNING_KEY, &fresh, w.now()).await?;
        let key = file::SigningKey::from_hex(&kept)?;
        w.commit(entry(
            actor,
            actor.unit_id,
            AuditAction::KeyChange,
            None,
            format!(
                "Tạo khóa ký gói dữ liệu của bản antt này (dấu khóa {})",
                bundle::fingerprint(&key.public())
            ),
            Vec::new(),
        ))
        .await?;
        Ok(key)
    }

    /// The public key the police over the unit register, for the office to
    /// pass on: made the first time it is asked for.
    pub async fn public_key(&self, actor: &Actor) -> CoreResult<PublicKey> {
        actor.require(Capability::EditPlans)?;
        let key = self.signing_key(actor).await?.public();
        Ok(PublicKey {
            fingerprint: bundle::fingerprint(&key),
            key,
        })
    }

    /// The unit's year as a signed bundle: its figures, the facts the
    /// standard is judged from, its dossier and its steps, the papers as
    /// signed and sent, the yearly report as submitted, its models, its
    /// security force's rating and equipment. No one's personal details
    /// beyond the names the papers and the dossier carry.
    #[tracing::instrument(name = "bundles.export", skip_all, fields(actor = %actor.name))]
    pub async fn export(&self, actor: &Actor, unit: UnitId, year: i32) -> CoreResult<ExportFile> {
        self.cx.check_writable(actor, unit).await?;
        actor.require(Capability::EditPlans)?;
        let my = movement_year(year)?;
        let r = self.assessments.readiness(actor, unit, year).await?;
        let key = self.signing_key(actor).await?;
        let db = self.cx.db();

        let mut files = Vec::new();
        let mut papers = Vec::new();
        let year_key = year.to_string();
        let plan_key = r.facts.plan.as_ref().map(|p| p.id.clone());
        let wanted = [
            (Paper::Registration, Some(year_key.clone())),
            (Paper::Request, Some(year_key.clone())),
            (Paper::Minutes, Some(year_key)),
            (Paper::Plan, plan_key),
        ];
        for (kind, key) in wanted {
            let Some(key) = key else { continue };
            if let Some(kept) = antt_store::paper::kept(db, unit, kind.code(), &key).await? {
                let path = format!("papers/{}-{}.docx", kind.code(), files.len() + 1);
                papers.push(BundledPaper {
                    kind: kind.code().to_owned(),
                    key,
                    file_name: kept.file_name,
                    issued_at: kept.issued_at,
                    issued_by: kept.issued_by,
                    path: path.clone(),
                });
                files.push((path, kept.document));
            }
        }
        let report = match assessments::report(db, unit, year).await? {
            Some(row) => match (
                row.submitted_at,
                assessments::submitted_document(db, unit, year).await?,
            ) {
                (Some(at), Some(document)) => {
                    let path = "report.docx".to_owned();
                    files.push((path.clone(), document));
                    Some(BundledReport {
                        submitted_at: at,
                        submitted_by: row.submitted_by.unwrap_or_default(),
                        path,
                    })
                }
                _ => None,
            },
            None => None,
        };

        let gear = antt_store::province::security_gear(db, &[unit]).await?;
        let last_day = my.last_day();
        let equipped = EquipmentKind::EQUIPPED_NEEDS.iter().all(|need| {
            gear.iter()
                .any(|(_, k, since)| k == need && since.is_none_or(|d| d <= last_day))
        });
        let models = antt_store::province::groups(db, &[unit], self.cx.today())
            .await?
            .into_iter()
            .map(|g| BundledModel {
                name: g.name,
                kind: g.kind,
                type_name: g.type_name,
                partners: g.partners,
                members: g.members,
            })
            .collect();
        let done =
            antt_store::province::activity(db, &[unit], my.starts_at(), my.ends_at()).await?;
        let tips = self.assessments.tips.statistics_of(&[unit], year).await?;
        let (reward_decisions, nominations) =
            antt_store::province::rewards(db, &[unit], year..=year).await?;
        let content = YearContent {
            unit: BundledUnit {
                code: r.unit.code.clone(),
                name: r.unit.name.clone(),
                kind: r.unit.kind.code().to_owned(),
            },
            year,
            assessment: r.assessment.as_ref().map(|a| BundledAssessment {
                state: a.state.code().to_owned(),
                registered_on: a.registered_on,
                meeting: a.meeting.clone(),
                dossier: a.dossier.clone(),
                decision: a.decision.clone(),
                returned_because: a.returned_because.clone(),
                overrides: a.overrides.clone(),
                scores: a.scores.clone(),
                reviewed_scores: a.reviewed_scores.clone(),
            }),
            steps: r.steps.clone(),
            ratings: assessments::ratings(db, unit, year).await?,
            equipped,
            models,
            activity: BundledActivity {
                sessions: done.sessions,
                attendances: done.attendances,
                materials: done.materials,
                posts: done.posts,
                tips: tips.tips,
                tips_transferred: tips.transferred,
                incidents: tips.incidents,
                value_recovered: tips.value_recovered,
                reward_decisions,
                nominations,
            },
            papers,
            report,
            facts: r.facts,
        };
        let now = self.cx.now();
        let bytes = file::write(&key, &content, &files, now)?;
        self.cx
            .record(entry(
                actor,
                Some(unit),
                AuditAction::Export,
                Some((TargetKind::Unit, unit.to_string())),
                format!(
                    "Xuất gói dữ liệu năm {year} gửi cơ quan Công an ({} tệp, khóa {})",
                    files.len() + 1,
                    bundle::fingerprint(&key.public())
                ),
                Vec::new(),
            ))
            .await?;
        Ok(ExportFile {
            file_name: format!("goi-du-lieu-{}-{year}.zip", r.unit.code.to_lowercase()),
            content_type: BUNDLE_TYPE,
            bytes,
        })
    }

    /// Registers the public key of a unit's own copy (`None`: the unit is
    /// hosted here again): the police over the unit, once, after reading
    /// the key's short form back with the unit.
    #[tracing::instrument(name = "bundles.register_key", skip_all, fields(actor = %actor.name))]
    pub async fn register_key(
        &self,
        actor: &Actor,
        unit: UnitId,
        key: Option<&str>,
    ) -> CoreResult<()> {
        let key = key
            .filter(|k| !k.trim().is_empty())
            .map(bundle::parse_public_key)
            .transpose()
            .map_err(CoreError::Invalid)?;
        let u = self.cx.cached_unit(unit).await?;
        if u.kind.is_authority() {
            return Err(CoreError::invalid("unit", ErrorCode::NotAllowed));
        }
        let w = self.cx.write(Access::Authority(actor, unit)).await?;
        antt_store::unit::set_bundle_key(w.tx(), unit, key.as_deref()).await?;
        let summary = match &key {
            Some(k) => format!(
                "Đăng ký khóa bản antt riêng của {} (dấu khóa {})",
                u.name,
                bundle::fingerprint(k)
            ),
            None => format!(
                "Bỏ khóa bản antt riêng của {}: đơn vị dùng antt tại đây",
                u.name
            ),
        };
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::KeyChange,
            Some((TargetKind::Unit, unit.to_string())),
            summary,
            Vec::new(),
        ))
        .await?;
        self.cx.caches().units_changed();
        Ok(())
    }

    /// The units under the officer's police body (or the one named): those
    /// on their own copy with the bundles they sent, and every unit a key
    /// may be registered for.
    #[tracing::instrument(name = "bundles.overview", skip_all, fields(actor = %actor.name))]
    pub async fn overview(&self, actor: &Actor, authority: Option<UnitId>) -> CoreResult<Overview> {
        let Some(home) = authority.or(actor.unit_id) else {
            return Err(CoreError::NotFound);
        };
        self.cx.check_readable(actor, home).await?;
        actor.require(Capability::ActForAuthority)?;
        let authority = self.cx.cached_unit(home).await?;
        if !authority.kind.is_authority() {
            return Err(CoreError::NotFound);
        }
        let mut units = Vec::new();
        for id in self.cx.cached_subtree(home).await?.iter() {
            let u = self.cx.cached_unit(*id).await?;
            if !u.kind.is_authority() {
                units.push(u);
            }
        }
        units.sort_by(|a, b| a.name.cmp(&b.name));
        let mut own = Vec::new();
        for u in units.iter().filter(|u| u.bundle_key.is_some()) {
            own.push((u.clone(), store::of_unit(self.cx.db(), u.id).await?));
        }
        Ok(Overview {
            authority,
            units,
            own,
        })
    }

    /// The bundles imported for a unit, the newest year first.
    pub async fn imported(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<Imported>> {
        self.cx.check_readable(actor, unit).await?;
        Ok(store::of_unit(self.cx.db(), unit).await?)
    }

    /// Imports a unit's bundle: whole, or nothing of it. Refused when a
    /// byte of it was changed, when it is not signed by the key registered
    /// for its unit, when the actor is not the police over the unit, or
    /// when a newer bundle of the year is already here.
    #[tracing::instrument(name = "bundles.import", skip_all, fields(actor = %actor.name))]
    pub async fn import(&self, actor: &Actor, bytes: &[u8]) -> CoreResult<ImportOutcome> {
        let opened = file::open(bytes)?;
        let (manifest, content) = (&opened.manifest, &opened.content);
        let Some(unit) = antt_store::unit::by_code(self.cx.db(), &manifest.unit_code).await? else {
            return Err(CoreError::invalid("unit", ErrorCode::NotFound));
        };
        movement_year(manifest.year)?;
        let w = self.cx.write(Access::Authority(actor, unit.id)).await?;
        let tx = w.tx();
        // Read again under the write: a key changed meanwhile counts.
        let registered = antt_store::unit::get(tx, unit.id).await?.bundle_key;
        if registered.as_deref() != Some(manifest.key.as_str()) {
            return Err(CoreError::invalid("bundle", ErrorCode::UnregisteredKey));
        }
        let year = manifest.year;
        let before = store::get(tx, unit.id, year).await?;
        if before
            .as_ref()
            .is_some_and(|b| b.made_at >= manifest.made_at)
        {
            return Err(CoreError::invalid("bundle", ErrorCode::Outdated));
        }

        // The authority's own steps stay; the unit's are the bundle's.
        store::forget_steps(tx, unit.id, year).await?;
        let ours = assessments::steps(tx, unit.id, year).await?;
        let mut steps = content.steps.clone();
        let state = match &content.assessment {
            Some(b) => {
                let theirs = AssessmentState::parse(&b.state)
                    .ok_or_else(|| CoreError::invalid("bundle", ErrorCode::Invalid))?;
                let state = merged_state(theirs, &mut steps, &ours, manifest.made_at, &unit.name);
                let prev = assessments::get(tx, unit.id, year).await?;
                let a = merged(unit.id, year, state, b, prev.as_ref());
                assessments::save(tx, &a, w.now(), prev.is_none()).await?;
                Some(state)
            }
            None => assessments::get(tx, unit.id, year).await?.map(|a| a.state),
        };
        assessments::replace_ratings(tx, unit.id, year, &content.ratings, w.now()).await?;
        for p in &content.papers {
            let document = opened
                .files
                .get(&p.path)
                .cloned()
                .ok_or_else(|| CoreError::invalid("bundle", ErrorCode::Altered))?;
            antt_store::paper::keep(
                tx,
                unit.id,
                &p.kind,
                &p.key,
                antt_store::paper::Kept {
                    file_name: p.file_name.clone(),
                    document,
                    issued_at: p.issued_at,
                    issued_by: p.issued_by.clone(),
                },
            )
            .await?;
        }
        if let Some(r) = &content.report {
            let document = opened
                .files
                .get(&r.path)
                .cloned()
                .ok_or_else(|| CoreError::invalid("bundle", ErrorCode::Altered))?;
            assessments::submit_report(
                tx,
                unit.id,
                year,
                &antt_domain::assessment::ReportTexts::default(),
                document,
                &r.submitted_by,
                r.submitted_at,
            )
            .await?;
        }
        let imported = Imported {
            unit_id: unit.id,
            year,
            made_at: manifest.made_at,
            digest: opened.digest.clone(),
            content: content.clone(),
            imported_at: w.now(),
            imported_by: actor.name.clone(),
        };
        store::put(tx, &imported, &steps).await?;
        w.commit(entry(
            actor,
            Some(unit.id),
            AuditAction::Import,
            Some((TargetKind::Unit, unit.id.to_string())),
            format!(
                "Nhập gói dữ liệu năm {year} của {} (lập lúc {}, khóa {}{})",
                unit.name,
                format_instant(manifest.made_at),
                bundle::fingerprint(&manifest.key),
                if before.is_some() {
                    ", thay gói trước"
                } else {
                    ""
                }
            ),
            Vec::new(),
        ))
        .await?;
        Ok(ImportOutcome {
            unit,
            year,
            made_at: manifest.made_at,
            state,
            replaced: before.is_some(),
            papers: content.papers.len() + usize::from(content.report.is_some()),
        })
    }

    /// The facts a bundle brought for a unit's year, as of `today`: what
    /// the readiness of a unit on its own copy is judged from.
    pub(crate) async fn facts(
        cx: &Cx,
        unit: &Unit,
        year: i32,
    ) -> CoreResult<Option<antt_domain::assessment::Facts>> {
        if unit.bundle_key.is_none() {
            return Ok(None);
        }
        Ok(store::get(cx.db(), unit.id, year).await?.map(|b| {
            let mut facts = b.content.facts;
            facts.today = local_date(cx.now());
            facts.standard = None;
            facts
        }))
    }
}

/// The dossier's state after an import: the bundle's, unless the
/// authority acted here after the unit's last step. A dossier the
/// authority returned and the unit sent again in a newer bundle is
/// submitted again (its copy never saw the return, so it cannot say so).
fn merged_state(
    theirs: AssessmentState,
    steps: &mut Vec<AssessmentStep>,
    ours: &[AssessmentStep],
    made_at: chrono::DateTime<chrono::Utc>,
    unit_name: &str,
) -> AssessmentState {
    let last_theirs = steps.iter().map(|s| s.at).max();
    let Some(last_ours) = ours.iter().max_by_key(|s| s.at) else {
        return theirs;
    };
    if last_theirs.is_some_and(|t| t >= last_ours.at) {
        return theirs;
    }
    let sent_again = last_ours.state == AssessmentState::Returned
        && made_at > last_ours.at
        && matches!(
            theirs,
            AssessmentState::SelfAssessed | AssessmentState::Submitted
        );
    if sent_again {
        steps.push(AssessmentStep {
            state: AssessmentState::Submitted,
            at: made_at,
            by: format!("{unit_name} (gói dữ liệu)"),
            note: "Gửi lại hồ sơ bằng gói dữ liệu đã ký, sau khi hồ sơ bị trả lại".to_owned(),
        });
        AssessmentState::Submitted
    } else {
        last_ours.state
    }
}

/// The unit's part from the bundle, the authority's part (its decision,
/// the reasons it returned the dossier, the points it reviewed) kept
/// where the authority wrote it here.
fn merged(
    unit: UnitId,
    year: i32,
    state: AssessmentState,
    b: &BundledAssessment,
    prev: Option<&Assessment>,
) -> Assessment {
    let reviewed = |p: &Assessment| -> Option<Scores> {
        (!p.reviewed_scores.is_empty()).then(|| p.reviewed_scores.clone())
    };
    Assessment {
        unit_id: unit,
        year,
        state,
        registered_on: b.registered_on,
        meeting: b.meeting.clone(),
        dossier: b.dossier.clone(),
        decision: prev
            .and_then(|p| p.decision.clone())
            .or_else(|| b.decision.clone()),
        returned_because: prev
            .and_then(|p| p.returned_because.clone())
            .or_else(|| b.returned_because.clone()),
        overrides: b.overrides.clone(),
        scores: b.scores.clone(),
        reviewed_scores: prev
            .and_then(reviewed)
            .unwrap_or_else(|| b.reviewed_scores.clone()),
    }
}
