//! Temporary residence (đăng ký tạm trú): the list of boarders the ward
//! police register, with the fields they need, where each registration
//! stands and which lapse within a month. The personal identification
//! number is personal data (Law 91/2025): sealed with the instance's key
//! like a tip's text, shown masked, read in full only by the dormitory
//! board, and every reading (on screen or in the list handed out) is
//! written to the audit log.

use std::collections::HashMap;

use chrono::NaiveDate;

use antt_docgen::{TableSheet, Value};
use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::dorm::{Registration, ResidencePapers, id_number};
use antt_domain::person::Person;
use antt_domain::time::{format_date, parse_date};
use antt_domain::{ErrorCode, PersonId, UnitId, ValidationErrors};
use antt_store::dorm as store;

use super::{Dorms, setup};
use crate::actor::Actor;
use crate::audit::entry;
use crate::error::{CoreError, CoreResult};
use crate::export::ExportFile;

/// The context a sealed number is bound to: its row.
pub(crate) fn seal_context(row: uuid::Uuid) -> Vec<u8> {
    format!("dorm-id-number:{row}").into_bytes()
}

/// A boarder on the temporary-residence list.
#[derive(Clone, Debug)]
pub struct ResidenceLine {
    pub person: Person,
    /// "Nhà A – A101".
    pub room: String,
    /// Since when they live in the dormitory.
    pub from: NaiveDate,
    pub papers: Option<ResidencePapers>,
    pub registration: Registration,
}

/// Papers as typed: a blank number keeps the one recorded.
#[derive(Clone, Debug, Default)]
pub struct PapersForm {
    pub id_number: String,
    pub permanent_address: String,
    pub registered_on: String,
    pub expires_on: String,
}

impl Dorms {
    /// Every boarder living in the dormitories now, with their papers
    /// (the number masked) and where their registration stands; those
    /// whose registration needs doing first.
    #[tracing::instrument(name = "dorms.residence_list", skip_all, fields(actor = %actor.name))]
    pub async fn residence_list(
        &self,
        actor: &Actor,
        unit: UnitId,
    ) -> CoreResult<Vec<ResidenceLine>> {
        if !self.standing(actor, unit).await?.sees_all() {
            return Err(CoreError::Forbidden);
        }
        let db = self.cx.db();
        let today = self.cx.today();
        let s = setup(db, &self.cx, unit).await?;
        let papers: HashMap<PersonId, ResidencePapers> = store::papers(db, unit)
            .await?
            .into_iter()
            .map(|p| (p.person_id, p))
            .collect();
        let people = self.cx.cached_people(unit).await?;
        let by_id: HashMap<PersonId, &Person> = people.iter().map(|(_, p)| (p.id, p)).collect();
        let mut out: Vec<ResidenceLine> = store::residences_on(db, unit, None)
            .await?
            .into_iter()
            .filter_map(|r| {
                let person = (*by_id.get(&r.person_id)?).clone();
                let room = s.rooms.iter().find(|x| x.id == r.room_id)?;
                let papers = papers.get(&person.id).cloned();
                Some(ResidenceLine {
                    registration: ResidencePapers::registration(papers.as_ref(), today),
                    room: s.room_label(room),
                    from: r.from,
                    papers,
                    person,
                })
            })
            .collect();
        let order = |r: Registration| match r {
            Registration::Lapsed => 0,
            Registration::Expiring => 1,
            Registration::Unregistered => 2,
            Registration::Missing => 3,
            Registration::Registered => 4,
        };
        out.sort_by(|a, b| {
            (order(a.registration), &a.room, &a.person.full_name).cmp(&(
                order(b.registration),
                &b.room,
                &b.person.full_name,
            ))
        });
        Ok(out)
    }

    /// Records a boarder's papers: the number (12 digits; blank keeps the
    /// one recorded), the permanent address, when registered and until
    /// when. For the board.
    #[tracing::instrument(name = "dorms.save_papers", skip_all, fields(actor = %actor.name))]
    pub async fn save_papers(
        &self,
        actor: &Actor,
        unit: UnitId,
        person: PersonId,
        form: &PapersForm,
    ) -> CoreResult<()> {
        let mut errors = ValidationErrors::new();
        let number = match form.id_number.trim() {
            "" => None,
            n => {
                let parsed = id_number(n);
                if parsed.is_none() {
                    errors.add("id_number", ErrorCode::Invalid);
                }
                parsed
            }
        };
        let address = errors.check(antt_domain::text::required(
            "permanent_address",
            &form.permanent_address,
            300,
        ));
        let date =
            |field: &'static str, text: &str, errors: &mut ValidationErrors| match text.trim() {
                "" => None,
                t => parse_date(t).or_else(|| {
                    errors.add(field, ErrorCode::InvalidDate);
                    None
                }),
            };
        let registered_on = date("registered_on", &form.registered_on, &mut errors);
        let expires_on = date("expires_on", &form.expires_on, &mut errors);
        if let (Some(r), Some(e)) = (registered_on, expires_on)
            && e < r
        {
            errors.add("expires_on", ErrorCode::EndsBeforeStart);
        }
        if expires_on.is_some() && registered_on.is_none() {
            errors.add("registered_on", ErrorCode::Required);
        }
        errors.into_result()?;
        let key = self.cx.key()?.clone();
        let w = self.board_write(actor, unit).await?;
        let p = antt_store::person::get(w.tx(), unit, person).await?;
        if !store::residences_on(w.tx(), unit, None)
            .await?
            .iter()
            .any(|r| r.person_id == person)
        {
            return Err(CoreError::invalid("person", ErrorCode::NotAllowed));
        }
        let existing = store::papers_with_number(w.tx(), unit, person).await?;
        let row = existing
            .as_ref()
            .map_or_else(uuid::Uuid::now_v7, |(id, ..)| *id);
        let (sealed, tail) = match (&number, existing) {
            (Some(n), _) => (
                key.seal(n.as_bytes(), &seal_context(row))
                    .map_err(CoreError::internal)?,
                n[n.len() - 4..].to_owned(),
            ),
            (None, Some((_, old, sealed))) => (sealed, old.id_tail),
            (None, None) => return Err(CoreError::invalid("id_number", ErrorCode::Required)),
        };
        let papers = ResidencePapers {
            person_id: person,
            id_tail: tail,
            permanent_address: address.unwrap_or_default(),
            registered_on,
            expires_on,
        };
        store::put_papers(w.tx(), unit, row, &papers, sealed, &actor.name, w.now()).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Dorm, format!("papers:{person}"))),
            format!(
                "Giấy tờ tạm trú của {} ({}){}{}",
                p.full_name,
                p.code,
                if number.is_some() {
                    ", ghi số định danh"
                } else {
                    ""
                },
                expires_on.map_or(String::new(), |e| format!(
                    ", tạm trú đến {}",
                    format_date(e)
                ))
            ),
            Vec::new(),
        ))
        .await
    }

    /// A boarder's personal identification number in full, for the board;
    /// the reading is written to the audit log first.
    #[tracing::instrument(name = "dorms.id_number", skip_all, fields(actor = %actor.name))]
    pub async fn id_number(
        &self,
        actor: &Actor,
        unit: UnitId,
        person: PersonId,
    ) -> CoreResult<String> {
        if !self.standing(actor, unit).await?.board {
            return Err(CoreError::Forbidden);
        }
        let key = self.cx.key()?;
        let (row, _, sealed) = store::papers_with_number(self.cx.db(), unit, person)
            .await?
            .ok_or(CoreError::NotFound)?;
        let p = antt_store::person::get(self.cx.db(), unit, person).await?;
        self.cx
            .record(entry(
                actor,
                Some(unit),
                AuditAction::View,
                Some((TargetKind::Dorm, format!("papers:{person}"))),
                format!("Xem số định danh cá nhân của {} ({})", p.full_name, p.code),
                Vec::new(),
            ))
            .await?;
        crate::tip::open_text(key, &sealed, &seal_context(row))
    }

    /// The list and every boarder's number in full, for a paper handed to
    /// the ward police (whose export the caller audits): the board only.
    async fn for_police(
        &self,
        actor: &Actor,
        unit: UnitId,
    ) -> CoreResult<(Vec<ResidenceLine>, HashMap<PersonId, String>)> {
        if !self.standing(actor, unit).await?.board {
            return Err(CoreError::Forbidden);
        }
        let lines = self.residence_list(actor, unit).await?;
        let key = self.cx.key()?;
        let numbers = store::sealed_numbers(self.cx.db(), unit)
            .await?
            .into_iter()
            .map(|(row, person, sealed)| {
                crate::tip::open_text(key, &sealed, &seal_context(row)).map(|n| (person, n))
            })
            .collect::<CoreResult<_>>()?;
        Ok((lines, numbers))
    }

    /// The temporary-residence list as the ward police take it (Excel):
    /// full name, date of birth, gender, personal identification number in
    /// full, permanent address, room, from–until, where it stands. For the
    /// board; the export is audited.
    pub async fn residence_workbook(&self, actor: &Actor, unit: UnitId) -> CoreResult<ExportFile> {
        let (lines, numbers) = self.for_police(actor, unit).await?;
        let u = self.cx.cached_unit(unit).await?;
        let today = self.cx.today();
        let date = |d: Option<NaiveDate>| d.map_or(Value::Empty, Value::Date);
        let sheet = TableSheet {
            name: "Danh sách tạm trú".into(),
            title: vec![
                u.name.to_uppercase(),
                "DANH SÁCH HỌC SINH, SINH VIÊN Ở KÝ TÚC XÁ ĐỀ NGHỊ ĐĂNG KÝ TẠM TRÚ".into(),
                format!("Đến ngày {}", format_date(today)),
            ],
            headers: [
                "STT",
                "Họ và tên",
                "Ngày sinh",
                "Giới tính",
                "Số định danh cá nhân",
                "Nơi thường trú",
                "Phòng ở",
                "Từ ngày",
                "Đến ngày",
                "Tình trạng đăng ký",
            ]
            .map(str::to_owned)
            .to_vec(),
            widths: vec![6.0, 26.0, 12.0, 9.0, 18.0, 40.0, 14.0, 12.0, 12.0, 20.0],
            rows: lines
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let papers = l.papers.as_ref();
                    vec![
                        Value::Number(f64::from(u32::try_from(i + 1).unwrap_or(u32::MAX))),
                        l.person.full_name.clone().into(),
                        date(l.person.birth_date),
                        l.person.gender.map_or("", antt_words::gender).into(),
                        numbers
                            .get(&l.person.id)
                            .cloned()
                            .unwrap_or_default()
                            .into(),
                        papers
                            .map(|p| p.permanent_address.clone())
                            .unwrap_or_default()
                            .into(),
                        l.room.clone().into(),
                        Value::Date(papers.and_then(|p| p.registered_on).unwrap_or(l.from)),
                        date(papers.and_then(|p| p.expires_on)),
                        antt_words::registration(l.registration).into(),
                    ]
                })
                .collect(),
        };
        self.exports
            .sheets(
                actor,
                unit,
                Some((TargetKind::Dorm, "residence-list".into())),
                format!("danh-sach-tam-tru-{}.xlsx", u.code.to_lowercase()),
                vec![sheet],
            )
            .await
    }

    /// The request to the ward police to register the boarders whose
    /// registration needs doing (not made, lapsing within a month, or
    /// lapsed), as a Word document in the Decree 30 layout with the list
    /// in a table (numbers in full); those without a number yet are
    /// counted, to be added. For the board; the export is audited.
    pub async fn residence_document(&self, actor: &Actor, unit: UnitId) -> CoreResult<ExportFile> {
        use antt_docgen::{Block, BodyTable, IssueDate, OfficialDocument};
        let (lines, numbers) = self.for_police(actor, unit).await?;
        let u = self.cx.cached_unit(unit).await?;
        let plan = crate::plan::working_plan_of(self.cx.db(), unit).await?;
        let head = crate::plan::Letterhead::of(&u, plan.as_ref().map(|p| &p.content));
        let today = self.cx.today();
        let to_register: Vec<&ResidenceLine> = lines
            .iter()
            .filter(|l| {
                matches!(
                    l.registration,
                    Registration::Unregistered | Registration::Expiring | Registration::Lapsed
                )
            })
            .collect();
        let missing = lines
            .iter()
            .filter(|l| l.registration == Registration::Missing)
            .count();
        let police = ward_police(u.address.as_deref());
        let mut body = vec![Block::Paragraph(format!(
            "Thực hiện Luật Cư trú năm 2020, {} đề nghị {police} đăng ký tạm trú cho {} học sinh, sinh viên đang ở ký túc xá của đơn vị (chưa đăng ký, hoặc đăng ký đã hoặc sắp hết hạn), danh sách như sau:",
            u.name,
            to_register.len()
        ))];
        let date = |d: Option<NaiveDate>| d.map(format_date).unwrap_or_default();
        body.push(Block::Table(BodyTable {
            headers: [
                "TT",
                "Họ và tên",
                "Ngày sinh",
                "Giới tính",
                "Số định danh cá nhân",
                "Nơi thường trú",
                "Phòng ở",
                "Ở ký túc xá từ ngày",
                "Ghi chú",
            ]
            .map(str::to_owned)
            .to_vec(),
            widths: vec![4, 14, 8, 5, 11, 17, 9, 8, 11],
            rows: to_register
                .iter()
                .zip(1u32..)
                .map(|(l, n)| {
                    let papers = l.papers.as_ref();
                    vec![
                        n.to_string(),
                        l.person.full_name.clone(),
                        date(l.person.birth_date),
                        l.person.gender.map_or("", antt_words::gender).to_owned(),
                        numbers.get(&l.person.id).cloned().unwrap_or_default(),
                        papers
                            .map(|p| p.permanent_address.clone())
                            .unwrap_or_default(),
                        l.room.clone(),
                        format_date(l.from),
                        match l.registration {
                            Registration::Expiring => format!(
                                "Gia hạn (hết hạn {})",
                                date(papers.and_then(|p| p.expires_on))
                            ),
                            Registration::Lapsed => {
                                format!("Đã hết hạn {}", date(papers.and_then(|p| p.expires_on)))
                            }
                            _ => "Đăng ký mới".to_owned(),
                        },
                    ]
                })
                .collect(),
        }));
        if missing > 0 {
            body.push(Block::Paragraph(format!(
                "Còn {missing} học sinh, sinh viên chưa có đủ số định danh cá nhân hoặc nơi thường trú; đơn vị sẽ bổ sung danh sách khi có đủ thông tin."
            )));
        }
        body.push(Block::Paragraph(
            "Đơn vị cam kết thông tin trong danh sách là đúng với hồ sơ học sinh, sinh viên; thông tin cá nhân chỉ dùng cho việc đăng ký cư trú. Đề nghị Công an xem xét, giải quyết.".into(),
        ));
        let doc = OfficialDocument {
            parent_body: head.parent_body,
            issuing_body: head.issuing_body,
            number: None,
            symbol: format!("DS-{}", head.abbreviation),
            place: head.place,
            date: IssueDate::from(today),
            kind: "DANH SÁCH".into(),
            subject: "Học sinh, sinh viên ở ký túc xá đề nghị đăng ký tạm trú".into(),
            addressees: vec![police.clone()],
            bases: Vec::new(),
            body,
            recipients: vec![
                format!("{police} (để đăng ký)"),
                "Ban Quản lý ký túc xá".into(),
                "Lưu: VT, CTSV".into(),
            ],
            signer: head.signer,
        };
        self.exports
            .document_on(
                actor,
                unit,
                Some((TargetKind::Dorm, "residence-document".into())),
                format!("danh-sach-tam-tru-{}.docx", u.code.to_lowercase()),
                doc,
                true,
            )
            .await
    }
}

/// "Công an phường Bắc Lệnh" from the unit's address when it names its
/// ward or commune; else the police of the place in general.
fn ward_police(address: Option<&str>) -> String {
    address
        .into_iter()
        .flat_map(|a| a.split(','))
        .map(str::trim)
        .find(|part| {
            let lower = part.to_lowercase();
            ["phường ", "xã ", "thị trấn ", "đặc khu "]
                .iter()
                .any(|p| lower.starts_with(p))
        })
        .map_or_else(
            || "Công an xã, phường sở tại".to_owned(),
            |ward| {
                let mut chars = ward.chars();
                let first = chars.next().map(|c| c.to_lowercase().collect::<String>());
                format!("Công an {}{}", first.unwrap_or_default(), chars.as_str())
            },
        )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_ward_police_are_named_from_the_units_address() {
        assert_eq!(
            super::ward_police(Some("Số 1 đường Hoàng Liên, Phường Bắc Lệnh, tỉnh Lào Cai")),
            "Công an phường Bắc Lệnh"
        );
        assert_eq!(
            super::ward_police(Some("Thôn 3, Xã Bản Lầu, tỉnh Lào Cai")),
            "Công an xã Bản Lầu"
        );
        assert_eq!(super::ward_police(None), "Công an xã, phường sở tại");
    }
}
