//! Incidents and violations: the handlers of a unit's tips keep the
//! register of incidents (often opened from a tip), name the people
//! involved, record the hand-off to the police with their reference number
//! and close each with its outcome; they record violations by people of the
//! unit with the discipline given.

use antt_domain::audit::{AuditAction, Change, TargetKind};
use antt_domain::footage::{Footage, FootageText};
use antt_domain::incident::{
    self, Incident, IncidentInput, IncidentState, Involved, InvolvedRole, Transfer, Violation,
    ViolationInput,
};
use antt_domain::time::local_date;
use antt_domain::tip::{MAX_LINE, Tip};
use antt_domain::{ErrorCode, IncidentId, InvolvedId, PersonId, TipId, ViolationId};
use antt_store::incident as store;

use crate::actor::Actor;
use crate::audit::{changed, entry};
use crate::context::{Cx, movement_year};
use crate::error::{CoreError, CoreResult, reference_on};
use crate::exports::Exports;
use crate::org::Org;
use crate::plan::Plans;
use crate::tip::Tips;

/// Someone to add to an incident: a person of the unit, or a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvolvedInput {
    pub person_id: Option<PersonId>,
    pub name: String,
    pub role: InvolvedRole,
    pub note: Option<String>,
}

/// An incident with everything around it.
#[derive(Clone, Debug)]
pub struct IncidentView {
    pub incident: Incident,
    pub campus: Option<String>,
    pub involved: Vec<Involved>,
    pub tips: Vec<Tip>,
    /// Each violation with the name of its person.
    pub violations: Vec<(Violation, String)>,
    /// The camera footage it cites, each with its camera's code and name.
    pub footage: Vec<(Footage, String)>,
}

/// Footage an open incident needs that nobody has copied yet and the
/// recorder writes over within days.
#[derive(Clone, Debug)]
pub struct FootageAtRisk {
    pub footage: Footage,
    pub incident_number: u32,
    /// The camera's code and name.
    pub camera: String,
}

/// The footage at `unit` at risk on `today` (see [`Footage::at_risk`]),
/// the soonest written over first.
pub(crate) async fn footage_at_risk(
    e: &impl antt_store::Executor,
    unit: antt_domain::UnitId,
    today: chrono::NaiveDate,
) -> CoreResult<Vec<FootageAtRisk>> {
    let mut out = Vec::new();
    for f in antt_store::footage::list(e, unit, None).await? {
        if !f.at_risk(today) {
            continue;
        }
        let Ok(incident) = store::get(e, unit, f.incident_id).await else {
            continue;
        };
        if incident.state == IncidentState::Closed {
            continue;
        }
        out.push(FootageAtRisk {
            camera: camera_label(e, unit, f.equipment_id).await?,
            incident_number: incident.number,
            footage: f,
        });
    }
    out.sort_by_key(|f| f.footage.overwritten_on);
    Ok(out)
}

async fn camera_label(
    e: &impl antt_store::Executor,
    unit: antt_domain::UnitId,
    id: antt_domain::EquipmentId,
) -> CoreResult<String> {
    Ok(antt_store::equipment::item_of(e, unit, id)
        .await?
        .map_or_else(|| "–".to_owned(), |i| format!("{} – {}", i.code, i.name)))
}

/// A violation in a list, with the person's name and class or department.
#[derive(Clone, Debug)]
pub struct ViolationLine {
    pub violation: Violation,
    pub name: String,
    pub code: String,
}

/// The register of incidents and violations of a unit, kept by the
/// handlers of its tips.
#[derive(Clone)]
pub struct Incidents {
    cx: Cx,
    org: Org,
    plans: Plans,
    tips: Tips,
    exports: Exports,
}

impl Incidents {
    pub(crate) fn new(cx: Cx, org: Org, plans: Plans, tips: Tips, exports: Exports) -> Self {
        Self {
            cx,
            org,
            plans,
            tips,
            exports,
        }
    }

    /// Records an incident; with `from_tip`, the tip is linked to it.
    #[tracing::instrument(name = "incidents.create", skip_all, fields(actor = %actor.name))]
    pub async fn create(
        &self,
        actor: &Actor,
        input: IncidentInput,
        from_tip: Option<TipId>,
    ) -> CoreResult<(IncidentId, u32)> {
        let (unit, w) = self.tips.handler_write(actor).await?;
        let now = w.now();
        let input = input.validate(now)?;
        if let Some(tip) = from_tip {
            antt_store::tip::get(w.tx(), unit, tip).await?;
        }
        let (id, number) = store::insert(w.tx(), unit, &input, now)
            .await
            .map_err(reference_on("campus"))?;
        if let Some(tip) = from_tip {
            antt_store::tip::link_incident(w.tx(), unit, tip, id).await?;
        }
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Incident, id.to_string())),
            format!("Vụ việc số {number} ({})", input.category),
            from_tip
                .map(|t| Change {
                    field: "tip".into(),
                    before: None,
                    after: Some(t.to_string()),
                })
                .into_iter()
                .collect(),
        ))
        .await?;
        Ok((id, number))
    }

    #[tracing::instrument(name = "incidents.update", skip_all, fields(actor = %actor.name))]
    pub async fn update(
        &self,
        actor: &Actor,
        id: IncidentId,
        input: IncidentInput,
    ) -> CoreResult<()> {
        let (unit, w) = self.tips.handler_write(actor).await?;
        let before = store::get(w.tx(), unit, id).await?;
        let input = input.validate(w.now())?;
        store::update(w.tx(), unit, id, &input)
            .await
            .map_err(reference_on("campus"))?;
        let pairs = |i: &IncidentInput| {
            vec![
                ("category", Some(i.category.code().to_owned())),
                ("severity", Some(i.severity.code().to_owned())),
                ("place", Some(i.place.clone())),
                ("summary", Some(i.summary.clone())),
                ("actions", Some(i.actions.clone())),
                ("value_recovered", Some(i.value_recovered.to_string())),
            ]
        };
        w.commit(changed(
            actor,
            unit,
            TargetKind::Incident,
            id,
            format!("Vụ việc số {}", before.number),
            Change::diff(&pairs(&before.input), &pairs(&input)),
        ))
        .await
    }

    /// Records the hand-off to the police.
    #[tracing::instrument(name = "incidents.transfer", skip_all, fields(actor = %actor.name))]
    pub async fn transfer(
        &self,
        actor: &Actor,
        id: IncidentId,
        transfer: Transfer,
    ) -> CoreResult<()> {
        let (unit, w) = self.tips.handler_write(actor).await?;
        let before = store::get(w.tx(), unit, id).await?;
        if before.state == IncidentState::Closed {
            return Err(CoreError::invalid("state", ErrorCode::WrongState));
        }
        let t = transfer.validate(local_date(w.now()))?;
        store::transfer(w.tx(), unit, id, &t).await?;
        w.commit(changed(
            actor,
            unit,
            TargetKind::Incident,
            id,
            format!("Vụ việc số {}: chuyển Công an", before.number),
            vec![
                Change {
                    field: "police_unit".into(),
                    before: before.transfer.as_ref().map(|x| x.police_unit.clone()),
                    after: Some(t.police_unit.clone()),
                },
                Change {
                    field: "police_reference".into(),
                    before: before.transfer.as_ref().and_then(|x| x.reference.clone()),
                    after: t.reference.clone(),
                },
            ],
        ))
        .await
    }

    /// Closes an incident with its outcome.
    #[tracing::instrument(name = "incidents.close", skip_all, fields(actor = %actor.name))]
    pub async fn close(&self, actor: &Actor, id: IncidentId, outcome: &str) -> CoreResult<()> {
        let (unit, w) = self.tips.handler_write(actor).await?;
        let before = store::get(w.tx(), unit, id).await?;
        if before.state == IncidentState::Closed {
            return Err(CoreError::invalid("state", ErrorCode::WrongState));
        }
        let outcome = incident::check_outcome(outcome)?;
        let now = w.now();
        store::close(w.tx(), unit, id, &outcome, now).await?;
        w.commit(changed(
            actor,
            unit,
            TargetKind::Incident,
            id,
            format!("Vụ việc số {}: kết thúc", before.number),
            vec![Change {
                field: "state".into(),
                before: Some(before.state.code().into()),
                after: Some(IncidentState::Closed.code().into()),
            }],
        ))
        .await
    }

    /// Adds someone involved: a person of the unit (their name is taken
    /// from the record) or someone outside, by name.
    #[tracing::instrument(name = "incidents.add_involved", skip_all, fields(actor = %actor.name))]
    pub async fn add_involved(
        &self,
        actor: &Actor,
        id: IncidentId,
        input: InvolvedInput,
    ) -> CoreResult<()> {
        let (unit, w) = self.tips.handler_write(actor).await?;
        let before = store::get(w.tx(), unit, id).await?;
        let name = match input.person_id {
            Some(p) => {
                antt_store::person::get(w.tx(), unit, p)
                    .await
                    .map_err(|_| CoreError::invalid("person", ErrorCode::NotFound))?
                    .full_name
            }
            None => antt_domain::text::required("name", &input.name, MAX_LINE)
                .map_err(|e| CoreError::invalid(e.field, e.code))?,
        };
        let note = antt_domain::text::optional("note", input.note.as_deref(), MAX_LINE)
            .map_err(|e| CoreError::invalid(e.field, e.code))?;
        let who = Involved {
            id: InvolvedId::new_v7(),
            person_id: input.person_id,
            name: name.clone(),
            role: input.role,
            note,
        };
        store::add_involved(w.tx(), unit, id, &who)
            .await
            .map_err(reference_on("person"))?;
        w.commit(changed(
            actor,
            unit,
            TargetKind::Incident,
            id,
            format!("Vụ việc số {}: thêm người liên quan", before.number),
            vec![Change {
                field: input.role.code().into(),
                before: None,
                after: Some(name),
            }],
        ))
        .await
    }

    #[tracing::instrument(name = "incidents.remove_involved", skip_all, fields(actor = %actor.name))]
    pub async fn remove_involved(
        &self,
        actor: &Actor,
        id: IncidentId,
        who: InvolvedId,
    ) -> CoreResult<()> {
        let (unit, w) = self.tips.handler_write(actor).await?;
        let before = store::get(w.tx(), unit, id).await?;
        store::remove_involved(w.tx(), unit, id, who).await?;
        w.commit(changed(
            actor,
            unit,
            TargetKind::Incident,
            id,
            format!("Vụ việc số {}: bỏ người liên quan", before.number),
            Vec::new(),
        ))
        .await
    }

    /// A person of the actor's unit by code (for the forms that name one).
    #[tracing::instrument(name = "incidents.person_id_by_code", skip_all, fields(actor = %actor.name))]
    pub async fn person_id_by_code(&self, actor: &Actor, code: &str) -> CoreResult<PersonId> {
        let unit = self.tips.require_handler(actor).await?;
        antt_store::person::by_code(self.cx.db(), unit, code.trim())
            .await?
            .map(|p| p.id)
            .ok_or_else(|| CoreError::invalid("person", ErrorCode::NotFound))
    }

    /// Links a tip to an incident of the same unit.
    #[tracing::instrument(name = "incidents.link_tip", skip_all, fields(actor = %actor.name))]
    pub async fn link_tip(&self, actor: &Actor, tip: TipId, id: IncidentId) -> CoreResult<()> {
        let (unit, w) = self.tips.handler_write(actor).await?;
        let i = store::get(w.tx(), unit, id).await?;
        let (t, _) = antt_store::tip::get(w.tx(), unit, tip).await?;
        antt_store::tip::link_incident(w.tx(), unit, tip, id).await?;
        w.commit(changed(
            actor,
            unit,
            TargetKind::Tip,
            tip,
            format!("Tin báo số {} → vụ việc số {}", t.number, i.number),
            Vec::new(),
        ))
        .await
    }

    /// The incidents of a movement year, latest first.
    #[tracing::instrument(name = "incidents.list", skip_all, fields(actor = %actor.name))]
    pub async fn list(&self, actor: &Actor, year: i32) -> CoreResult<Vec<Incident>> {
        let unit = self.tips.require_handler(actor).await?;
        let year = movement_year(year)?;
        let (from, to) = (year.starts_at(), year.ends_at());
        Ok(store::between(self.cx.db(), &[unit], from, to).await?)
    }

    /// An incident with its people, tips and violations.
    #[tracing::instrument(name = "incidents.get", skip_all, fields(actor = %actor.name))]
    pub async fn get(&self, actor: &Actor, id: IncidentId) -> CoreResult<IncidentView> {
        let unit = self.tips.require_handler(actor).await?;
        let incident = store::get(self.cx.db(), unit, id).await?;
        let involved = store::involved(self.cx.db(), unit, id).await?;
        let tips = antt_store::tip::of_incident(self.cx.db(), unit, id).await?;
        let mut violations = Vec::new();
        for v in store::violations_of(self.cx.db(), unit, id).await? {
            let name = antt_store::person::get(self.cx.db(), unit, v.input.person_id)
                .await
                .map(|p| p.full_name)
                .unwrap_or_default();
            violations.push((v, name));
        }
        let campus = match incident.input.campus_id {
            Some(c) => self
                .org
                .structure(actor, unit)
                .await?
                .campuses
                .iter()
                .find(|x| x.id == c)
                .map(|x| x.name.clone()),
            None => None,
        };
        let mut footage = Vec::new();
        for f in antt_store::footage::list(self.cx.db(), unit, Some(id)).await? {
            let camera = camera_label(self.cx.db(), unit, f.equipment_id).await?;
            footage.push((f, camera));
        }
        Ok(IncidentView {
            incident,
            campus,
            involved,
            tips,
            violations,
            footage,
        })
    }

    /// The cameras and recorders of the handler's unit, as footage is cited
    /// from them: (id, code – name – place).
    pub async fn cameras(
        &self,
        actor: &Actor,
    ) -> CoreResult<Vec<(antt_domain::EquipmentId, String)>> {
        let unit = self.tips.require_handler(actor).await?;
        Ok(antt_store::equipment::items(self.cx.db(), unit)
            .await?
            .into_iter()
            .filter(|i| i.kind.is_camera() && i.in_use())
            .map(|i| (i.id, format!("{} – {} ({})", i.code, i.name, i.place)))
            .collect())
    }

    /// Cites a camera's footage an incident needs: the camera or recorder
    /// must be in the unit's register.
    #[tracing::instrument(name = "incidents.cite_footage", skip_all, fields(actor = %actor.name))]
    pub async fn cite_footage(
        &self,
        actor: &Actor,
        id: IncidentId,
        camera: antt_domain::EquipmentId,
        text: &FootageText<'_>,
    ) -> CoreResult<antt_domain::FootageId> {
        let (unit, w) = self.tips.handler_write(actor).await?;
        let incident = store::get(w.tx(), unit, id).await?;
        let item = antt_store::equipment::item_of(w.tx(), unit, camera)
            .await?
            .filter(|i| i.kind.is_camera())
            .ok_or_else(|| CoreError::invalid("camera", ErrorCode::NotFound))?;
        let footage = Footage::parse(id, camera, text, w.now(), &actor.display_name)?;
        antt_store::footage::insert(w.tx(), unit, &footage, w.now()).await?;
        w.commit(changed(
            actor,
            unit,
            TargetKind::Incident,
            id,
            format!(
                "Vụ việc số {}: trích hình camera {}",
                incident.number, item.code
            ),
            Vec::new(),
        ))
        .await?;
        Ok(footage.id)
    }

    /// Records that the footage was copied off the recorder, by whom, and
    /// until when the copy is kept.
    #[tracing::instrument(name = "incidents.footage_copied", skip_all, fields(actor = %actor.name))]
    pub async fn footage_copied(
        &self,
        actor: &Actor,
        id: antt_domain::FootageId,
        by: &str,
        kept_until: chrono::NaiveDate,
    ) -> CoreResult<IncidentId> {
        let by = antt_domain::text::required("copied_by", by, MAX_LINE)
            .map_err(|e| CoreError::invalid(e.field, e.code))?;
        let today = self.cx.today();
        if kept_until < today {
            return Err(CoreError::invalid("kept_until", ErrorCode::EndsBeforeStart));
        }
        let (unit, w) = self.tips.handler_write(actor).await?;
        let f = antt_store::footage::get(w.tx(), unit, id)
            .await?
            .ok_or(CoreError::NotFound)?;
        if f.lost(today) {
            // Written over before it was copied: nothing left to copy.
            return Err(CoreError::invalid("copied_by", ErrorCode::Expired));
        }
        antt_store::footage::set_copied(w.tx(), unit, id, &by, today, kept_until).await?;
        w.commit(changed(
            actor,
            unit,
            TargetKind::Incident,
            f.incident_id,
            format!("Đã sao lưu đoạn ghi hình: {by}"),
            Vec::new(),
        ))
        .await?;
        Ok(f.incident_id)
    }

    /// Records a violation by a person of the unit.
    #[tracing::instrument(name = "incidents.record_violation", skip_all, fields(actor = %actor.name))]
    pub async fn record_violation(
        &self,
        actor: &Actor,
        input: ViolationInput,
    ) -> CoreResult<ViolationId> {
        let (unit, w) = self.tips.handler_write(actor).await?;
        let now = w.now();
        let input = input.validate(local_date(now))?;
        let person = antt_store::person::get(w.tx(), unit, input.person_id)
            .await
            .map_err(|_| CoreError::invalid("person", ErrorCode::NotFound))?;
        if let Some(i) = input.incident_id {
            store::get(w.tx(), unit, i)
                .await
                .map_err(|_| CoreError::invalid("incident", ErrorCode::NotFound))?;
        }
        let id = store::insert_violation(w.tx(), unit, &input, now)
            .await
            .map_err(reference_on("person"))?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Violation, id.to_string())),
            format!("{}: {}", person.full_name, input.kind),
            vec![Change {
                field: "discipline".into(),
                before: None,
                after: Some(input.discipline.code().into()),
            }],
        ))
        .await?;
        Ok(id)
    }

    /// The violations of a movement year, latest first, with names.
    #[tracing::instrument(name = "incidents.violations", skip_all, fields(actor = %actor.name))]
    pub async fn violations(&self, actor: &Actor, year: i32) -> CoreResult<Vec<ViolationLine>> {
        let unit = self.tips.require_handler(actor).await?;
        let list = store::violations_between(
            self.cx.db(),
            &[unit],
            movement_year(year)?.first_day(),
            movement_year(year)?.last_day(),
        )
        .await?;
        let people = self.cx.cached_people(unit).await?;
        Ok(list
            .into_iter()
            .map(|v| {
                let p = people
                    .iter()
                    .find(|(_, p)| p.id == v.input.person_id)
                    .map(|(_, p)| p);
                ViolationLine {
                    name: p.map(|p| p.full_name.clone()).unwrap_or_default(),
                    code: p.map(|p| p.code.clone()).unwrap_or_default(),
                    violation: v,
                }
            })
            .collect())
    }
}

impl Incidents {
    /// The report of an incident to the police, as a Word document in the
    /// layout of Decree 30: what happened, the people involved, what the
    /// unit did, the hand-off and the outcome. The header and the signer
    /// are those of the unit's plan of the year, when there is one.
    #[tracing::instrument(name = "incidents.report", skip_all, fields(actor = %actor.name))]
    pub async fn report(
        &self,
        actor: &Actor,
        id: IncidentId,
    ) -> CoreResult<crate::export::ExportFile> {
        let view = self.get(actor, id).await?;
        let unit_id = actor.home_unit()?;
        let unit = self.cx.cached_unit(unit_id).await?;
        let plan = self.plans.working_plan(unit_id).await?;
        // A case not handed over yet goes to the police body over the unit.
        let authority = match unit.authority_id {
            Some(a) => Some(self.cx.cached_unit(a).await?.name),
            None => None,
        };
        let doc = report::document(
            &view,
            &unit,
            authority,
            plan.as_ref().map(|p| &p.content),
            local_date(self.cx.now()),
        );
        let file_name = format!("bao-cao-vu-viec-so-{}.docx", view.incident.number);
        self.exports
            .document(
                actor,
                unit_id,
                Some((TargetKind::Incident, id.to_string())),
                file_name,
                doc,
            )
            .await
    }
}

/// The incident report's text.
mod report {
    use std::fmt::Write as _;

    use antt_docgen::{Block, BodyTable, IssueDate, OfficialDocument};
    use antt_domain::plan::PlanContent;
    use antt_domain::time::{format_date, format_instant_in_words};
    use antt_domain::unit::Unit;

    use super::IncidentView;

    pub(super) fn document(
        v: &IncidentView,
        unit: &Unit,
        authority: Option<String>,
        plan: Option<&PlanContent>,
        today: chrono::NaiveDate,
    ) -> OfficialDocument {
        let i = &v.incident;
        let day = format_date(antt_domain::time::local_date(i.input.occurred_at));
        let police = i
            .transfer
            .as_ref()
            .map(|t| t.police_unit.clone())
            .or(authority)
            .unwrap_or_else(|| "Công an phường, xã nơi đơn vị đóng trụ sở".to_owned());
        let mut body = vec![
            Block::Section("I. DIỄN BIẾN VỤ VIỆC".into()),
            Block::Paragraph(format!(
                "Vào {}, tại {}{}, xảy ra vụ việc {} (mức độ {}).",
                format_instant_in_words(i.input.occurred_at),
                i.input.place,
                v.campus
                    .as_ref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default(),
                antt_words::tip_category_in_sentence(i.input.category),
                antt_words::severity_in_sentence(i.input.severity),
            )),
        ];
        body.extend(
            i.input
                .summary
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| Block::Paragraph(l.trim().to_owned())),
        );
        body.push(Block::Section("II. NGƯỜI LIÊN QUAN".into()));
        if v.involved.is_empty() {
            body.push(Block::Paragraph(
                "Chưa xác định được người liên quan.".into(),
            ));
        } else {
            body.push(Block::Table(BodyTable {
                headers: vec![
                    "TT".into(),
                    "Họ và tên".into(),
                    "Tư cách".into(),
                    "Ghi chú".into(),
                ],
                widths: vec![6, 34, 24, 36],
                rows: v
                    .involved
                    .iter()
                    .enumerate()
                    .map(|(n, p)| {
                        vec![
                            (n + 1).to_string(),
                            p.name.clone(),
                            antt_words::involved_role(p.role).into(),
                            p.note.clone().unwrap_or_default(),
                        ]
                    })
                    .collect(),
            }));
        }
        body.push(Block::Section("III. CÔNG TÁC XỬ LÝ CỦA ĐƠN VỊ".into()));
        if i.input.actions.trim().is_empty() {
            body.push(Block::Paragraph(
                "Đơn vị đã tiếp nhận, bảo vệ hiện trường và báo cáo ngay cơ quan Công an.".into(),
            ));
        } else {
            body.extend(
                i.input
                    .actions
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| Block::Paragraph(l.trim().to_owned())),
            );
        }
        if i.input.value_recovered > 0 {
            body.push(Block::Paragraph(format!(
                "Giá trị tài sản đã thu hồi: {} đồng.",
                antt_domain::text::thousands(i.input.value_recovered)
            )));
        }
        if let Some(t) = &i.transfer {
            let mut line = format!(
                "Ngày {}, đơn vị đã chuyển vụ việc đến {}",
                t.transferred_on.map(format_date).unwrap_or_default(),
                t.police_unit
            );
            if let Some(r) = &t.reference {
                let _ = write!(line, " (số tiếp nhận {r})");
            }
            if let Some(a) = t.acknowledged_on {
                let _ = write!(line, ", được xác nhận ngày {}", format_date(a));
            }
            line.push('.');
            body.push(Block::Paragraph(line));
        }
        body.push(Block::Section("IV. KẾT QUẢ VÀ ĐỀ NGHỊ".into()));
        match &i.outcome {
            Some(o) => body.push(Block::Paragraph(o.clone())),
            None => body.push(Block::Paragraph(format!(
                "Đề nghị {police} tiếp tục xác minh, xử lý theo quy định của pháp luật; đơn vị sẽ phối hợp cung cấp thông tin, tài liệu liên quan."
            ))),
        }
        let crate::plan::Letterhead {
            parent_body,
            issuing_body,
            place,
            signer,
            abbreviation,
        } = crate::plan::Letterhead::of(unit, plan);
        OfficialDocument {
            parent_body,
            issuing_body,
            number: None,
            symbol: format!("BC-{abbreviation}"),
            place,
            date: IssueDate::from(today),
            kind: "BÁO CÁO".into(),
            subject: format!(
                "Vụ việc {} xảy ra ngày {day}",
                antt_words::tip_category_in_sentence(i.input.category)
            ),
            addressees: vec![police.clone()],
            bases: Vec::new(),
            body,
            recipients: vec![
                "Như trên".into(),
                "Ban Giám hiệu (để báo cáo)".into(),
                "Lưu: VT, VP".into(),
            ],
            signer,
        }
    }
}
