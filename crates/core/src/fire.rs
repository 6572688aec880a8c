//! Fire drills and the fire team's training: the office records each
//! drill (scenario, who took part, the evacuation time, what went wrong)
//! and each course with its certificate; antt says when the next drill is
//! due and which certificates lapse soon, beside the register's own list.

use chrono::NaiveDate;

use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::fire::{FireDrill, FireTraining, next_drill};
use antt_domain::role::Capability;
use antt_domain::{ErrorCode, FireDrillId, FireTrainingId, PersonId, UnitId};
use antt_store::fire as store;

use crate::actor::Actor;
use crate::audit::entry;
use crate::context::Cx;
use crate::equipment::{EquipmentRegister, Overdue};
use crate::error::{CoreError, CoreResult};
use crate::write::Access;

/// A course with the name of who took it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrainingLine {
    pub training: FireTraining,
    pub full_name: String,
}

/// Everything of fire safety that needs doing, as of today.
#[derive(Clone, Debug)]
pub struct FireDue {
    pub equipment: Overdue,
    pub last_drill: Option<NaiveDate>,
    /// A year after the last drill (today when there was none).
    pub next_drill: NaiveDate,
    pub drill_overdue: bool,
    /// The latest certificate of each person, where it lapsed or lapses
    /// within the warning days.
    pub certificates: Vec<TrainingLine>,
    /// The rounds of checks late: not done in a whole period.
    pub late_rounds: Vec<crate::inspection::RoundLine>,
    /// Footage open incidents need, not yet copied, written over soon.
    pub footage_at_risk: Vec<crate::incident::FootageAtRisk>,
}

#[derive(Clone)]
pub struct FireSafety {
    cx: Cx,
    register: EquipmentRegister,
    inspections: crate::inspection::Inspections,
    plans: crate::plan::Plans,
    exports: crate::exports::Exports,
}

/// One finding of fire safety the readiness page shows beside check 1.4
/// (the rules on fire prevention) and criterion 3 (no serious fire): in
/// order or not, in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FireFinding {
    pub ok: bool,
    pub text: String,
}

impl FireSafety {
    pub(crate) fn new(
        cx: Cx,
        register: EquipmentRegister,
        inspections: crate::inspection::Inspections,
        plans: crate::plan::Plans,
        exports: crate::exports::Exports,
    ) -> Self {
        Self {
            cx,
            register,
            inspections,
            plans,
            exports,
        }
    }

    async fn readable(&self, actor: &Actor, unit: UnitId) -> CoreResult<()> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadEquipment)
    }

    /// The unit's drills, the latest first.
    pub async fn drills(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<FireDrill>> {
        self.readable(actor, unit).await?;
        Ok(store::drills(self.cx.db(), unit).await?)
    }

    /// Records a drill held.
    #[tracing::instrument(name = "fire.add_drill", skip_all, fields(actor = %actor.name))]
    pub async fn add_drill(
        &self,
        actor: &Actor,
        unit: UnitId,
        drill: FireDrill,
    ) -> CoreResult<FireDrillId> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageEquipment))
            .await?;
        crate::patrol::plausible("drill_on", drill.held_on)?;
        let drill = FireDrill {
            unit_id: unit,
            ..drill
        };
        store::insert_drill(w.tx(), &drill, &actor.name, w.now()).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Equipment, drill.id.to_string())),
            format!(
                "Diễn tập PCCC ngày {}: {}",
                antt_domain::time::format_date(drill.held_on),
                drill.scenario
            ),
            Vec::new(),
        ))
        .await?;
        Ok(drill.id)
    }

    /// The unit's courses with who took them, the latest first.
    pub async fn trainings(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<TrainingLine>> {
        self.readable(actor, unit).await?;
        let db = self.cx.db();
        let list = store::trainings(db, unit).await?;
        let mut ids: Vec<PersonId> = list.iter().map(|t| t.person_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let names: std::collections::HashMap<PersonId, String> =
            antt_store::person::names(db, unit, &ids)
                .await?
                .into_iter()
                .collect();
        Ok(list
            .into_iter()
            .map(|training| TrainingLine {
                full_name: names.get(&training.person_id).cloned().unwrap_or_default(),
                training,
            })
            .collect())
    }

    /// Records a course a person of the unit took.
    #[tracing::instrument(name = "fire.add_training", skip_all, fields(actor = %actor.name))]
    pub async fn add_training(
        &self,
        actor: &Actor,
        unit: UnitId,
        training: FireTraining,
    ) -> CoreResult<FireTrainingId> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageEquipment))
            .await?;
        crate::patrol::plausible("trained_on", training.held_on)?;
        let person = antt_store::person::get(w.tx(), unit, training.person_id)
            .await
            .map_err(|_| CoreError::invalid("person", ErrorCode::NotFound))?;
        let training = FireTraining {
            unit_id: unit,
            ..training
        };
        store::insert_training(w.tx(), &training, &actor.name, w.now()).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Person, person.id.to_string())),
            format!(
                "Huấn luyện PCCC: {} – {}",
                person.full_name, training.course
            ),
            Vec::new(),
        ))
        .await?;
        Ok(training.id)
    }

    /// What needs doing: the register's list, the next drill, the
    /// certificates lapsing.
    #[tracing::instrument(name = "fire.due", skip_all, fields(actor = %actor.name))]
    pub async fn due(&self, actor: &Actor, unit: UnitId) -> CoreResult<FireDue> {
        let equipment = self.register.overdue(actor, unit).await?;
        let today = self.cx.today();
        let last_drill = store::drills(self.cx.db(), unit)
            .await?
            .first()
            .map(|d| d.held_on);
        let next = next_drill(last_drill, today);
        // Each person's latest certificate counts: a renewed one clears
        // the old (a refresher without a certificate changes nothing).
        let mut latest: Vec<TrainingLine> = Vec::new();
        for line in self
            .trainings(actor, unit)
            .await?
            .into_iter()
            .filter(|l| l.training.expires_on.is_some())
        {
            if !latest
                .iter()
                .any(|l| l.training.person_id == line.training.person_id)
            {
                latest.push(line);
            }
        }
        let mut certificates: Vec<TrainingLine> = latest
            .into_iter()
            .filter(|l| l.training.lapsing(today))
            .collect();
        certificates.sort_by_key(|l| l.training.expires_on);
        Ok(FireDue {
            equipment,
            last_drill,
            next_drill: next,
            drill_overdue: next < today || last_drill.is_none(),
            certificates,
            late_rounds: self
                .inspections
                .rounds(actor, unit)
                .await?
                .into_iter()
                .filter(|l| l.state.late_since.is_some())
                .collect(),
            footage_at_risk: crate::incident::footage_at_risk(self.cx.db(), unit, today).await?,
        })
    }
}

impl FireSafety {
    /// What antt knows of the unit's fire safety in `year`, as findings
    /// for the readiness page; read as the server (the readiness page is
    /// itself gated), so the police over the unit see them too.
    pub(crate) async fn findings(&self, unit: UnitId, year: i32) -> CoreResult<Vec<FireFinding>> {
        let server = Actor::command_line();
        let dossier = self.dossier(&server, unit, year).await?;
        if dossier.items.is_empty() && dossier.drills.is_empty() && dossier.trainings.is_empty() {
            return Ok(vec![FireFinding {
                ok: false,
                text: "Chưa có sổ phương tiện PCCC, diễn tập, huấn luyện nào trong antt.".into(),
            }]);
        }
        let due = self.due(&server, unit).await?;
        let today = self.cx.today();
        let missing = dossier.missing().count();
        let mut out = vec![FireFinding {
            ok: missing == 0,
            text: if missing == 0 {
                format!("Hồ sơ quản lý, theo dõi hoạt động PCCC năm {year}: đủ các thành phần.")
            } else {
                format!(
                    "Hồ sơ quản lý, theo dõi hoạt động PCCC năm {year}: còn thiếu {missing} thành phần."
                )
            },
        }];
        out.push(match dossier.drills.first() {
            Some(d) => FireFinding {
                ok: true,
                text: format!(
                    "Đã diễn tập phương án chữa cháy ngày {}.",
                    antt_domain::time::format_date(d.held_on)
                ),
            },
            None => FireFinding {
                ok: false,
                text: format!("Chưa diễn tập phương án chữa cháy trong năm {year}."),
            },
        });
        let late = due.late_rounds.len();
        let overdue = {
            let mut ids: Vec<_> = due.equipment.overdue.iter().map(|l| l.item.id).collect();
            ids.sort_unstable();
            ids.dedup();
            ids.len()
        };
        out.push(FireFinding {
            ok: late == 0 && overdue == 0,
            text: format!(
                "Kiểm tra định kỳ: {late} lượt quá hạn, {overdue} phương tiện quá hạn kiểm tra, bảo dưỡng."
            ),
        });
        let late_faults = due
            .equipment
            .open_actions()
            .filter(|f| f.overdue(today))
            .count();
        out.push(FireFinding {
            ok: late_faults == 0,
            text: format!(
                "Báo hỏng, việc khắc phục chưa xử lý: {}, trong đó {late_faults} quá hạn.",
                due.equipment.open_actions().count()
            ),
        });
        out.push(FireFinding {
            ok: due.certificates.is_empty(),
            text: format!(
                "Đội PCCC cơ sở: {} người; {} chứng nhận huấn luyện sắp hết hạn hoặc đã hết hạn.",
                dossier.team_members,
                due.certificates.len()
            ),
        });
        Ok(out)
    }
}

/// One part of the fire-safety dossier the law names (Nghị định 105/2025,
/// Điều 4), and whether antt holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DossierPart {
    /// "a", "b", "d"…: the letter of the clause.
    pub letter: &'static str,
    pub title: &'static str,
    /// What antt holds of it, or what is missing.
    pub status: String,
    pub present: bool,
}

/// The fire-safety dossier of a year: its parts, and what fills them.
#[derive(Clone, Debug)]
pub struct Dossier {
    pub year: i32,
    pub parts: Vec<DossierPart>,
    pub items: Vec<crate::equipment::Item>,
    pub checks: usize,
    pub failed_checks: usize,
    pub faults: usize,
    pub faults_fixed: usize,
    pub drills: Vec<FireDrill>,
    pub trainings: Vec<TrainingLine>,
    pub team: Option<antt_domain::team::Team>,
    pub team_members: usize,
}

impl Dossier {
    /// The parts still missing.
    pub fn missing(&self) -> impl Iterator<Item = &DossierPart> {
        self.parts.iter().filter(|p| !p.present)
    }
}

impl FireSafety {
    /// The dossier of `year` as antt holds it, with what is missing.
    pub async fn dossier(&self, actor: &Actor, unit: UnitId, year: i32) -> CoreResult<Dossier> {
        use antt_domain::equipment::EquipmentEventKind as Ev;
        self.readable(actor, unit).await?;
        crate::patrol::plausible(
            "year",
            NaiveDate::from_ymd_opt(year, 1, 1)
                .ok_or_else(|| CoreError::invalid("year", ErrorCode::InvalidDate))?,
        )?;
        let db = self.cx.db();
        let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
        let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
        let items = self.register.items(actor, unit).await?;
        let events = antt_store::equipment::events_between(db, unit, first, last).await?;
        let checks = events
            .iter()
            .filter(|e| matches!(e.kind, Ev::Checked | Ev::CheckFailed))
            .count();
        let failed_checks = events.iter().filter(|e| e.kind == Ev::CheckFailed).count();
        let faults: Vec<_> = antt_store::equipment::faults(db, unit, false)
            .await?
            .into_iter()
            .filter(|f| {
                let day = antt_domain::time::local_date(f.reported_at);
                day >= first && day <= last
            })
            .collect();
        let drills: Vec<FireDrill> = store::drills(db, unit)
            .await?
            .into_iter()
            .filter(|d| d.held_on >= first && d.held_on <= last)
            .collect();
        let trainings = self.trainings(actor, unit).await?;
        let team = antt_store::team::list(db, unit)
            .await?
            .into_iter()
            .find(|t| {
                let key = antt_domain::text::search_key(&t.name);
                key.contains("phong chay") || key.contains("pccc")
            });
        let team_members = match &team {
            Some(t) => antt_store::team::members(db, unit, Some(t.id))
                .await?
                .iter()
                .filter(|m| m.until.is_none_or(|u| u >= last.min(self.cx.today())))
                .count(),
            None => 0,
        };
        let part = |letter, title, present: bool, status: String| DossierPart {
            letter,
            title,
            status,
            present,
        };
        let lapsed = trainings
            .iter()
            .filter(|l| l.training.expires_on.is_some_and(|e| e < self.cx.today()))
            .count();
        let parts = vec![
            part(
                "a",
                "Phiếu thông tin về cơ sở (Mẫu PC01)",
                true,
                "Phần I của hồ sơ này (tên, địa chỉ, các cơ sở, phương tiện, lực lượng).".into(),
            ),
            part(
                "b",
                "Nội quy về PCCC và CNCH",
                false,
                "Chưa có trong antt: kèm bản nội quy đã ban hành.".into(),
            ),
            match &team {
                Some(t) => part(
                    "d",
                    "Quyết định thành lập Đội PCCC và CNCH cơ sở; thông báo kết quả huấn luyện",
                    true,
                    format!(
                        "{}{}: {} thành viên; {} lượt huấn luyện, bồi dưỡng{}.",
                        t.name,
                        t.decision_number
                            .as_ref()
                            .map(|n| format!(
                                " (Quyết định số {n}{})",
                                t.decision_date
                                    .map(|d| format!(" ngày {}", antt_domain::time::format_date(d)))
                                    .unwrap_or_default()
                            ))
                            .unwrap_or_default(),
                        team_members,
                        trainings.len(),
                        if lapsed > 0 {
                            format!("; {lapsed} chứng nhận đã hết hạn")
                        } else {
                            String::new()
                        }
                    ),
                ),
                None => part(
                    "d",
                    "Quyết định thành lập Đội PCCC và CNCH cơ sở; thông báo kết quả huấn luyện",
                    false,
                    "Chưa có đội PCCC cơ sở trong mục Mô hình, đội.".into(),
                ),
            },
            part(
                "đ",
                "Phương án chữa cháy, cứu nạn, cứu hộ của cơ sở (Mẫu PC06)",
                false,
                "Chưa có trong antt: kèm phương án đã phê duyệt.".into(),
            ),
            part(
                "e",
                "Sổ theo dõi phương tiện PCCC và CNCH",
                !items.is_empty(),
                if items.is_empty() {
                    "Chưa có phương tiện nào trong sổ.".into()
                } else {
                    format!("Phụ lục I: {} phương tiện.", items.len())
                },
            ),
            part(
                "g",
                "Biên bản tự kiểm tra về PCCC và CNCH (Mẫu PC02)",
                checks > 0,
                if checks > 0 {
                    format!(
                        "Phần IV: {checks} lượt kiểm tra phương tiện, {failed_checks} lượt không đạt."
                    )
                } else {
                    format!("Chưa ghi lượt kiểm tra nào năm {year}.")
                },
            ),
            part(
                "h",
                "Báo cáo kết quả công tác PCCC và CNCH (Mẫu PC04), kết quả diễn tập",
                !drills.is_empty(),
                if drills.is_empty() {
                    format!("Chưa diễn tập năm {year} (ít nhất 01 lần mỗi năm).")
                } else {
                    format!("Phần V: {} lần diễn tập.", drills.len())
                },
            ),
        ];
        Ok(Dossier {
            year,
            parts,
            checks,
            failed_checks,
            faults_fixed: faults
                .iter()
                .filter(|f| f.state != antt_domain::equipment::FaultState::Open)
                .count(),
            faults: faults.len(),
            items,
            drills,
            trainings,
            team,
            team_members,
        })
    }

    /// The dossier as a Word document in the Decree 30 layout, with the
    /// register as its appendix.
    pub async fn dossier_document(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<crate::export::ExportFile> {
        let d = self.dossier(actor, unit, year).await?;
        let u = self.cx.cached_unit(unit).await?;
        let plan = self.plans.working_plan(unit).await?;
        let head = crate::plan::Letterhead::of(&u, plan.as_ref().map(|p| &p.content));
        let campuses = antt_store::org::list_campuses(self.cx.db(), unit).await?;
        let doc = dossier_document(&d, &u.name, &campuses, head, self.cx.today());
        self.exports
            .document_on(
                actor,
                unit,
                Some((TargetKind::Equipment, format!("dossier-{year}"))),
                format!("ho-so-pccc-{year}.docx"),
                doc,
                false,
            )
            .await
    }
}

impl FireSafety {
    /// The dossier of `year` as one Excel workbook: its parts, the
    /// register, the year's checks, drills and courses, each a sheet.
    pub async fn dossier_workbook(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<crate::export::ExportFile> {
        use antt_docgen::{TableSheet, Value};
        let d = self.dossier(actor, unit, year).await?;
        let u = self.cx.cached_unit(unit).await?;
        let db = self.cx.db();
        let campuses = antt_store::org::list_campuses(db, unit).await?;
        let today = self.cx.today();
        let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
        let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
        let title = |what: &str| {
            vec![
                u.name.to_uppercase(),
                format!("HỒ SƠ QUẢN LÝ, THEO DÕI HOẠT ĐỘNG PCCC NĂM {year}"),
                what.to_owned(),
            ]
        };
        let text = |t: &str| Value::Text(t.to_owned());
        let count = |n: u32| Value::Number(f64::from(n));
        let mut register = crate::equipment::register_sheet(&d.items, &u.name, &campuses, today);
        register.title = title("Sổ theo dõi phương tiện PCCC và CNCH, camera an ninh");
        let items: std::collections::HashMap<_, _> =
            d.items.iter().map(|i| (i.item.id, &i.item)).collect();
        let mut events: Vec<_> = antt_store::equipment::events_between(db, unit, first, last)
            .await?
            .into_iter()
            .filter(|e| {
                !matches!(
                    e.kind,
                    antt_domain::equipment::EquipmentEventKind::Registered
                )
            })
            .collect();
        events.sort_by_key(|e| (e.day, e.at));
        let sheets = vec![
            TableSheet {
                name: "Thành phần hồ sơ".into(),
                title: title("Các thành phần theo Nghị định 105/2025, Điều 4"),
                headers: ["Điểm", "Thành phần", "Có trong antt", "Tình trạng"]
                    .map(str::to_owned)
                    .to_vec(),
                widths: vec![8.0, 60.0, 14.0, 60.0],
                rows: d
                    .parts
                    .iter()
                    .map(|p| {
                        vec![
                            text(p.letter),
                            text(p.title),
                            text(if p.present { "Có" } else { "Còn thiếu" }),
                            text(&p.status),
                        ]
                    })
                    .collect(),
            },
            register,
            TableSheet {
                name: "Kiểm tra, bảo dưỡng".into(),
                title: title("Nhật ký kiểm tra, bảo dưỡng, báo hỏng trong năm"),
                headers: ["Ngày", "Mã", "Phương tiện", "Việc", "Nội dung", "Người ghi"]
                    .map(str::to_owned)
                    .to_vec(),
                widths: vec![12.0, 12.0, 30.0, 22.0, 50.0, 16.0],
                rows: events
                    .iter()
                    .map(|e| {
                        let item = items.get(&e.equipment_id);
                        vec![
                            Value::Date(
                                e.day.unwrap_or_else(|| antt_domain::time::local_date(e.at)),
                            ),
                            item.map_or(Value::Empty, |i| text(&i.code)),
                            item.map_or(Value::Empty, |i| text(&i.name)),
                            text(antt_words::equipment_event(e.kind)),
                            text(&e.note),
                            e.recorded_by
                                .clone()
                                .unwrap_or_else(|| "Người quét nhãn".into())
                                .into(),
                        ]
                    })
                    .collect(),
            },
            TableSheet {
                name: "Diễn tập".into(),
                title: title("Diễn tập phương án chữa cháy và CNCH"),
                headers: [
                    "Ngày",
                    "Tình huống",
                    "Địa điểm",
                    "Số người tham gia",
                    "Lực lượng ngoài đơn vị",
                    "Thời gian thoát nạn",
                    "Tồn tại, hạn chế",
                    "Biện pháp khắc phục",
                ]
                .map(str::to_owned)
                .to_vec(),
                widths: vec![12.0, 40.0, 24.0, 12.0, 30.0, 14.0, 40.0, 40.0],
                rows: d
                    .drills
                    .iter()
                    .map(|x| {
                        vec![
                            Value::Date(x.held_on),
                            text(&x.scenario),
                            text(&x.place),
                            count(x.participants),
                            text(&x.outside_forces),
                            x.evacuation_words().into(),
                            text(&x.findings),
                            text(&x.actions),
                        ]
                    })
                    .collect(),
            },
            TableSheet {
                name: "Huấn luyện".into(),
                title: title("Huấn luyện, bồi dưỡng nghiệp vụ PCCC và CNCH"),
                headers: [
                    "Họ và tên",
                    "Hình thức",
                    "Khóa",
                    "Ngày",
                    "Số giờ",
                    "Số chứng nhận",
                    "Hết hạn",
                ]
                .map(str::to_owned)
                .to_vec(),
                widths: vec![26.0, 16.0, 40.0, 12.0, 8.0, 16.0, 12.0],
                rows: d
                    .trainings
                    .iter()
                    .map(|l| {
                        let t = &l.training;
                        vec![
                            text(&l.full_name),
                            text(antt_words::training_kind(t.kind)),
                            text(&t.course),
                            Value::Date(t.held_on),
                            count(t.hours),
                            text(&t.certificate),
                            t.expires_on.map_or(Value::Empty, Value::Date),
                        ]
                    })
                    .collect(),
            },
        ];
        self.exports
            .sheets(
                actor,
                unit,
                Some((TargetKind::Equipment, format!("dossier-{year}"))),
                format!("ho-so-pccc-{year}.xlsx"),
                sheets,
            )
            .await
    }
}

/// The dossier as an official document.
fn dossier_document(
    d: &Dossier,
    unit_name: &str,
    campuses: &[antt_domain::org::Campus],
    head: crate::plan::Letterhead,
    on: NaiveDate,
) -> antt_docgen::OfficialDocument {
    use antt_docgen::{Block, BodyTable, IssueDate, OfficialDocument};
    use antt_domain::equipment::{EquipmentKind, EquipmentState};
    use antt_domain::text::thousands;
    let date =
        |x: Option<NaiveDate>| x.map_or_else(|| "–".to_owned(), antt_domain::time::format_date);
    let n = |x: usize| thousands(i64::try_from(x).unwrap_or(i64::MAX));
    let campus = |id: Option<antt_domain::CampusId>| {
        id.and_then(|c| campuses.iter().find(|p| p.id == c))
            .map_or_else(String::new, |c| c.name.clone())
    };
    let mut body = vec![
        Block::Paragraph(format!(
            "Thực hiện Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ số 55/2024/QH15 và Nghị định số 105/2025/NĐ-CP ngày 15/5/2025 của Chính phủ, {unit_name} lập hồ sơ quản lý, theo dõi hoạt động phòng cháy, chữa cháy và cứu nạn, cứu hộ năm {} như sau:",
            d.year
        )),
        Block::Section("I. THÔNG TIN CHUNG VỀ CƠ SỞ".into()),
        Block::Paragraph(format!(
            "Tên cơ sở: {unit_name}. Các cơ sở: {}.",
            campuses
                .iter()
                .map(|c| match &c.address {
                    Some(a) => format!("{} ({a})", c.name),
                    None => c.name.clone(),
                })
                .collect::<Vec<_>>()
                .join("; ")
        )),
        Block::Paragraph(format!(
            "Phương tiện PCCC và camera theo dõi trong sổ: {} phương tiện; đang sử dụng {}, hỏng hoặc đang sửa {}.",
            n(d.items.len()),
            n(d.items
                .iter()
                .filter(|i| i.item.state == EquipmentState::InService)
                .count()),
            n(d.items
                .iter()
                .filter(|i| matches!(
                    i.item.state,
                    EquipmentState::Faulty | EquipmentState::InRepair
                ))
                .count()),
        )),
        Block::Section("II. THÀNH PHẦN HỒ SƠ".into()),
        Block::Table(BodyTable {
            headers: [
                "Điểm",
                "Thành phần (Nghị định 105/2025, Điều 4)",
                "Tình trạng",
            ]
            .map(str::to_owned)
            .to_vec(),
            widths: vec![1, 5, 6],
            rows: d
                .parts
                .iter()
                .map(|p| {
                    vec![
                        p.letter.to_owned(),
                        p.title.to_owned(),
                        if p.present {
                            p.status.clone()
                        } else {
                            format!("Còn thiếu. {}", p.status)
                        },
                    ]
                })
                .collect(),
        }),
        Block::Section("III. PHƯƠNG TIỆN PCCC VÀ CAMERA".into()),
    ];
    let mut rows = Vec::new();
    for kind in EquipmentKind::ALL.iter().filter(|k| !k.is_security_gear()) {
        let of: Vec<_> = d.items.iter().filter(|i| i.item.kind == *kind).collect();
        if of.is_empty() {
            continue;
        }
        rows.push(vec![
            antt_words::equipment_kind(*kind).to_owned(),
            n(of.len()),
            n(of.iter()
                .filter(|i| i.item.state == EquipmentState::InService)
                .count()),
            n(of.iter()
                .filter(|i| i.due.check.is_some_and(|c| c < on))
                .count()),
        ]);
    }
    body.push(Block::Table(BodyTable {
        headers: ["Loại", "Số lượng", "Đang sử dụng", "Quá hạn kiểm tra"]
            .map(str::to_owned)
            .to_vec(),
        widths: vec![5, 2, 2, 2],
        rows,
    }));
    body.push(Block::Paragraph(
        "Chi tiết từng phương tiện tại Phụ lục I (sổ theo dõi phương tiện).".into(),
    ));
    body.push(Block::Section("IV. KIỂM TRA, BẢO DƯỠNG".into()));
    body.push(Block::Paragraph(format!(
        "Năm {}, lực lượng của cơ sở đã kiểm tra phương tiện {} lượt (định kỳ không quá 01 tháng một lần, Nghị định 105/2025, Điều 14), trong đó {} lượt không đạt; tiếp nhận {} báo hỏng, đã khắc phục {}.",
        d.year,
        n(d.checks),
        n(d.failed_checks),
        n(d.faults),
        n(d.faults_fixed)
    )));
    body.push(Block::Section(
        "V. ĐỘI PCCC CƠ SỞ, HUẤN LUYỆN VÀ DIỄN TẬP".into(),
    ));
    if let Some(t) = &d.team {
        body.push(Block::Paragraph(format!(
            "{}{}, gồm {} thành viên.",
            t.name,
            t.decision_number
                .as_ref()
                .map(|num| format!(
                    " được thành lập theo Quyết định số {num}{}",
                    t.decision_date
                        .map(|x| format!(" ngày {}", antt_domain::time::format_date(x)))
                        .unwrap_or_default()
                ))
                .unwrap_or_default(),
            n(d.team_members)
        )));
    }
    if d.drills.is_empty() {
        body.push(Block::Paragraph(format!(
            "Năm {} chưa tổ chức diễn tập phương án chữa cháy.",
            d.year
        )));
    }
    for drill in &d.drills {
        body.push(Block::Lead {
            lead: format!(
                "Diễn tập ngày {}: ",
                antt_domain::time::format_date(drill.held_on)
            ),
            text: format!(
                "{}{}; {} người tham gia{}{}.{}{}",
                drill.scenario,
                if drill.place.is_empty() {
                    String::new()
                } else {
                    format!(" tại {}", drill.place)
                },
                n(drill.participants as usize),
                if drill.outside_forces.is_empty() {
                    String::new()
                } else {
                    format!(", có {}", drill.outside_forces)
                },
                drill
                    .evacuation_words()
                    .map(|w| format!("; thời gian thoát nạn {w}"))
                    .unwrap_or_default(),
                if drill.findings.is_empty() {
                    String::new()
                } else {
                    format!(" Tồn tại: {}", drill.findings)
                },
                if drill.actions.is_empty() {
                    String::new()
                } else {
                    format!(" Biện pháp: {}", drill.actions)
                },
            ),
        });
    }
    body.push(Block::Table(BodyTable {
        headers: [
            "STT",
            "Họ và tên",
            "Khóa",
            "Ngày",
            "Số chứng nhận",
            "Hết hạn",
        ]
        .map(str::to_owned)
        .to_vec(),
        widths: vec![1, 4, 5, 2, 2, 2],
        rows: d
            .trainings
            .iter()
            .zip(1u32..)
            .map(|(l, k)| {
                vec![
                    k.to_string(),
                    l.full_name.clone(),
                    format!(
                        "{}: {}",
                        antt_words::training_kind(l.training.kind),
                        l.training.course
                    ),
                    antt_domain::time::format_date(l.training.held_on),
                    if l.training.certificate.is_empty() {
                        "–".into()
                    } else {
                        l.training.certificate.clone()
                    },
                    date(l.training.expires_on),
                ]
            })
            .collect(),
    }));
    body.push(Block::Section(
        "PHỤ LỤC I. SỔ THEO DÕI PHƯƠNG TIỆN PCCC VÀ CNCH, CAMERA".into(),
    ));
    body.push(Block::Table(BodyTable {
        headers: [
            "Mã",
            "Loại, tên",
            "Vị trí",
            "Kiểm tra lần cuối",
            "Bảo dưỡng, nạp",
            "Hạn kế tiếp",
            "Tình trạng",
        ]
        .map(str::to_owned)
        .to_vec(),
        widths: vec![2, 4, 5, 2, 2, 2, 2],
        rows: d
            .items
            .iter()
            .map(|i| {
                let it = &i.item;
                vec![
                    it.code.clone(),
                    it.name.clone(),
                    [campus(it.campus_id), it.place.clone()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(", "),
                    date(it.last_check),
                    date(it.last_service),
                    i.due.first().map_or_else(
                        || "–".into(),
                        |(w, x)| {
                            format!(
                                "{} {}",
                                antt_words::due_what(w),
                                antt_domain::time::format_date(x)
                            )
                        },
                    ),
                    antt_words::equipment_state(it.state).to_owned(),
                ]
            })
            .collect(),
    }));
    OfficialDocument {
        parent_body: head.parent_body,
        issuing_body: head.issuing_body,
        number: None,
        symbol: format!("BC-{}", head.abbreviation),
        place: head.place,
        date: IssueDate::from(on),
        kind: "BÁO CÁO".into(),
        subject: format!(
            "Hồ sơ quản lý, theo dõi hoạt động phòng cháy, chữa cháy và cứu nạn, cứu hộ năm {}",
            d.year
        ),
        addressees: Vec::new(),
        bases: Vec::new(),
        body,
        recipients: vec![
            "Công an phường (để b/c)".into(),
            "Ban Giám hiệu".into(),
            "Đội PCCC cơ sở".into(),
            "Lưu: VT, VP".into(),
        ],
        signer: head.signer,
    }
}
