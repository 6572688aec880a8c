//! The assessment's documents, written from the records: the yearly
//! report of results (Báo cáo kết quả thực hiện Phong trào), the
//! registration to strive for the standard (Bản đăng ký), the minutes of
//! the self-assessment meeting (Biên bản), and the score list for the
//! authority's dossier (XLSX and DOCX). A province's score sheet is read
//! from a spreadsheet here too.

use std::fmt::Write as _;

use antt_docgen::{Block, BodyTable, IssueDate, OfficialDocument, TableSheet, Value};
use antt_domain::UnitId;
use antt_domain::assessment::{AssessmentState, ReportTexts, ScoreSheet, Verdict};
use antt_domain::audit::{Change, TargetKind};
use antt_domain::plan::roman;
use antt_domain::rubric::SheetItem;
use antt_domain::sheet::{Cell, Sheet};
use antt_domain::team::{TeamKind, TeamStatus};
use antt_domain::time::{clock_in_words, format_date, local_date};
use antt_domain::{ErrorCode, text};
use antt_store::assessment as store;

use crate::actor::Actor;
use crate::audit::changed;
use crate::error::{CoreError, CoreResult};
use crate::export::ExportFile;
use crate::papers::Paper;
use crate::plan::Letterhead;

fn paragraphs(text: &str) -> Vec<Block> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Block::Paragraph(l.to_owned()))
        .collect()
}

fn header_cell(cell: &Cell) -> String {
    text::search_key(&cell.text())
}

/// The items of a province's sheet: the first sheet with a header row
/// naming the content ("Nội dung", "Tiêu chí") and the points ("Điểm");
/// the id column is "TT", "STT", "Mục" or the first one; a "Chỉ số" or
/// "Dữ liệu" column may name a measure. Rows without content are skipped.
pub(crate) fn score_rows(sheets: &[Sheet]) -> Option<Vec<SheetItem>> {
    for sheet in sheets {
        for (r, row) in sheet.rows.iter().enumerate().take(30) {
            let keys: Vec<String> = row.iter().map(header_cell).collect();
            let find = |words: &[&str]| {
                keys.iter()
                    .position(|k| words.iter().any(|w| k.contains(w)))
            };
            let (Some(content), Some(points)) = (find(&["noi dung", "tieu chi"]), find(&["diem"]))
            else {
                continue;
            };
            let id = find(&["stt", "muc"])
                .or_else(|| keys.iter().position(|k| k == "tt"))
                .unwrap_or(0);
            let measure = find(&["chi so", "du lieu"]);
            let items = sheet.rows[r + 1..]
                .iter()
                .enumerate()
                .filter_map(|(i, row)| {
                    let cell = |c: usize| row.get(c).cloned().unwrap_or(Cell::Empty);
                    let content_text = cell(content).text().trim().to_owned();
                    if content_text.is_empty() {
                        return None;
                    }
                    let points = match cell(points) {
                        Cell::Number(n) => Some(n),
                        other => other.text().trim().replace(',', ".").parse().ok(),
                    };
                    let id_text = match cell(id) {
                        Cell::Number(n) if n.fract() == 0.0 => format!("{n:.0}"),
                        other => other.text().trim().trim_end_matches('.').to_owned(),
                    };
                    Some(SheetItem {
                        row: sheet.row_number(r + 1 + i),
                        id: id_text,
                        content: content_text,
                        points,
                        measure: measure.map(|m| cell(m).text().trim().to_owned()),
                    })
                })
                .collect();
            return Some(items);
        }
    }
    None
}

impl super::Assessments {
    /// The header and signer of a unit's documents of a year: its plan's.
    async fn letterhead(
        &self,
        actor: &Actor,
        unit: &antt_domain::unit::Unit,
        year: i32,
    ) -> CoreResult<Letterhead> {
        let plan = self.plans.of_year(actor, unit.id, year).await?;
        Ok(Letterhead::of(unit, plan.as_ref().map(|p| &p.content)))
    }

    /// A document of the year's self-assessment, written and audited as
    /// `{name}-{year}.docx`.
    async fn export_document(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        name: &str,
        doc: OfficialDocument,
    ) -> CoreResult<ExportFile> {
        self.exports
            .document(
                actor,
                unit,
                Some((TargetKind::Assessment, year.to_string())),
                format!("{name}-{year}.docx"),
                doc,
            )
            .await
    }

    /// The yearly report's own words and whether it was submitted.
    #[tracing::instrument(name = "assessments.report_texts", skip_all, fields(actor = %actor.name))]
    pub async fn report_texts(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<store::ReportRow> {
        self.check_assessment_readable(actor, unit).await?;
        Ok(store::report(self.cx.db(), unit, year)
            .await?
            .unwrap_or_default())
    }

    /// Saves the parts of the yearly report only a person can write. Not
    /// while the authority holds the dossier it went with.
    #[tracing::instrument(name = "assessments.save_report_texts", skip_all, fields(actor = %actor.name))]
    pub async fn save_report_texts(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        texts: ReportTexts,
    ) -> CoreResult<()> {
        let texts = texts.validate()?;
        let w = self.unit_write(actor, unit).await?;
        if let Some(a) = store::get(w.tx(), unit, year).await? {
            super::workflow::unit_may_edit(&a)?;
        }
        let before = store::report(w.tx(), unit, year)
            .await?
            .unwrap_or_default()
            .texts;
        store::save_report_texts(w.tx(), unit, year, &texts, w.now()).await?;
        let changes = [
            ("number", &before.number, &texts.number),
            ("shortcomings", &before.shortcomings, &texts.shortcomings),
            ("causes", &before.causes, &texts.causes),
            ("directions", &before.directions, &texts.directions),
            ("proposals", &before.proposals, &texts.proposals),
        ]
        .into_iter()
        .filter(|(_, b, a)| b != a)
        .map(|(f, b, a)| Change {
            field: f.into(),
            before: Some(b.clone()),
            after: Some(a.clone()),
        })
        .collect();
        w.commit(changed(
            actor,
            unit,
            TargetKind::Report,
            year,
            format!("Báo cáo kết quả phong trào năm {year}"),
            changes,
        ))
        .await
    }

    /// The yearly report as it would be sent today.
    #[tracing::instrument(name = "assessments.yearly_report", skip_all, fields(actor = %actor.name))]
    pub async fn yearly_report(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<ExportFile> {
        let doc = self.yearly_report_document(actor, unit, year).await?;
        self.exports
            .document(
                actor,
                unit,
                Some((TargetKind::Report, year.to_string())),
                format!("bao-cao-ket-qua-phong-trao-{year}.docx"),
                doc,
            )
            .await
    }

    /// The yearly report's Word bytes (kept with a submitted dossier).
    pub(crate) async fn yearly_report_docx(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<Vec<u8>> {
        let doc = self.yearly_report_document(actor, unit, year).await?;
        crate::exports::render_docx(doc).await
    }

    /// The report kept as it was submitted with the dossier, if it was.
    #[tracing::instrument(name = "assessments.submitted_report", skip_all, fields(actor = %actor.name))]
    pub async fn submitted_report(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<ExportFile> {
        self.check_assessment_readable(actor, unit).await?;
        let bytes = store::submitted_document(self.cx.db(), unit, year)
            .await?
            .ok_or(CoreError::NotFound)?;
        Ok(ExportFile {
            file_name: format!("bao-cao-ket-qua-phong-trao-{year}-da-gui.docx"),
            content_type: crate::plan::DOCX,
            bytes,
        })
    }

    /// The fire-safety sentence of the yearly report, from the register,
    /// its checks and the drills of the movement year; none for a unit
    /// that keeps no register.
    async fn fire_sentence(&self, unit: UnitId, year: i32) -> CoreResult<Option<String>> {
        use antt_domain::equipment::{EquipmentEventKind as Ev, FaultState};
        let db = self.cx.db();
        let items = antt_store::equipment::items(db, unit).await?;
        if items.is_empty() {
            return Ok(None);
        }
        let from = chrono::NaiveDate::from_ymd_opt(year - 1, 11, 16).unwrap_or_default();
        let until = chrono::NaiveDate::from_ymd_opt(year, 11, 15).unwrap_or_default();
        let events = antt_store::equipment::events_between(db, unit, from, until).await?;
        let checks = events
            .iter()
            .filter(|e| matches!(e.kind, Ev::Checked | Ev::CheckFailed))
            .count();
        let failed = events.iter().filter(|e| e.kind == Ev::CheckFailed).count();
        let in_year = |at: chrono::DateTime<chrono::Utc>| {
            let d = antt_domain::time::local_date(at);
            d >= from && d <= until
        };
        let faults: Vec<_> = antt_store::equipment::faults(db, unit, false)
            .await?
            .into_iter()
            .filter(|f| in_year(f.reported_at))
            .collect();
        let fixed = faults
            .iter()
            .filter(|f| f.state == FaultState::Fixed)
            .count();
        let drills = antt_store::fire::drills(db, unit)
            .await?
            .into_iter()
            .filter(|d| d.held_on >= from && d.held_on <= until)
            .count();
        let trained = antt_store::fire::trainings(db, unit)
            .await?
            .into_iter()
            .filter(|t| t.held_on >= from && t.held_on <= until)
            .count();
        let mut s = format!(
            "Công tác phòng cháy, chữa cháy: theo dõi {} phương tiện PCCC và camera; kiểm tra định kỳ {} lượt",
            count(items.len()),
            count(checks)
        );
        if failed > 0 {
            let _ = write!(s, " ({} lượt không đạt)", count(failed));
        }
        if !faults.is_empty() {
            let _ = write!(s, "; tiếp nhận {} báo hỏng", count(faults.len()));
            let _ = match fixed {
                0 => write!(s, ", chưa khắc phục xong"),
                n if n == faults.len() => write!(s, ", đã khắc phục hết"),
                n => write!(s, ", đã khắc phục {}", count(n)),
            };
        }
        if drills > 0 {
            let _ = write!(
                s,
                "; tổ chức {} lần diễn tập phương án chữa cháy",
                count(drills)
            );
        }
        if trained > 0 {
            let _ = write!(
                s,
                "; {} lượt cán bộ được huấn luyện, bồi dưỡng nghiệp vụ PCCC",
                count(trained)
            );
        }
        s.push('.');
        Ok(Some(s))
    }

    async fn yearly_report_document(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<OfficialDocument> {
        let r = self.readiness(actor, unit, year).await?;
        let dashboard = self.dashboard.movement(actor, unit, year).await?;
        let tips = self.tips.statistics_of(&[unit], year).await?;
        let teams = self.teams.list(actor, unit).await?;
        let overview = self.dashboard.unit_overview(actor, unit).await?;
        let texts = store::report(self.cx.db(), unit, year)
            .await?
            .unwrap_or_default()
            .texts;
        let plan = self.plans.of_year(actor, unit, year).await?;
        let head = Letterhead::of(&r.unit, plan.as_ref().map(|p| &p.content));
        let mut body = Vec::new();

        body.push(Block::Section("I. ĐẶC ĐIỂM TÌNH HÌNH".into()));
        body.push(Block::Paragraph(format!(
            "{} có {} cán bộ, giảng viên, người lao động và {} học sinh, sinh viên (trong đó {} nội trú), tổ chức thành {} phòng, khoa, trung tâm và {} lớp.",
            r.unit.name,
            count(overview.people.staff),
            count(overview.people.students),
            count(overview.people.students_boarding),
            count(overview.org.departments),
            count(overview.org.classes)
        )));

        body.push(Block::Section("II. KẾT QUẢ THỰC HIỆN".into()));
        body.push(Block::Clause("1. Công tác lãnh đạo, chỉ đạo".into()));
        match (&plan, r.facts.plan_issued_on) {
            (Some(p), Some(day)) => {
                let number = p
                    .content
                    .number
                    .map(|n| format!("số {n:02}/{} ", p.content.symbol))
                    .unwrap_or_default();
                let title = p.content.title.trim().trim_end_matches('.');
                let mut chars = title.chars();
                let title = chars
                    .next()
                    .map(|c| c.to_lowercase().chain(chars).collect::<String>())
                    .unwrap_or_default();
                body.push(Block::Paragraph(format!(
                    "Đơn vị ban hành Kế hoạch {number}ngày {} về {title}.",
                    format_date(day),
                )));
            }
            _ => body.push(Block::Paragraph(
                "Đơn vị chưa ban hành kế hoạch thực hiện phong trào trong năm.".into(),
            )),
        }
        if let Some(t) = &dashboard.tasks {
            // What the plan set out and how far it went; the office's own
            // tracking (overdue tasks) stays on its screens.
            body.push(Block::Paragraph(if t.done >= t.total {
                format!("Kế hoạch đề ra {} nhiệm vụ, đều đã hoàn thành.", count(t.total))
            } else if t.done == 0 {
                format!(
                    "Kế hoạch đề ra {} nhiệm vụ, đang được triển khai theo tiến độ.",
                    count(t.total)
                )
            } else {
                format!(
                    "Kế hoạch đề ra {} nhiệm vụ; đã hoàn thành {} nhiệm vụ, các nhiệm vụ còn lại đang được triển khai theo tiến độ.",
                    count(t.total),
                    count(t.done)
                )
            }));
        }
        if let Some(a) = &r.assessment {
            body.push(Block::Paragraph(format!(
                "Ngày {}, đơn vị đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự”.",
                format_date(a.registered_on)
            )));
        }

        body.push(Block::Clause(
            "2. Công tác tuyên truyền, phổ biến, giáo dục pháp luật".into(),
        ));
        body.push(Block::Paragraph(format!(
            "Tổ chức {} buổi tuyên truyền, hội nghị, hoạt động với {} lượt người tham dự. Tỷ lệ được phổ biến, quán triệt: cán bộ, người lao động {}; học sinh, sinh viên {}.",
            count(dashboard.sessions),
            count(dashboard.attendances),
            antt_words::share(dashboard.coverage_staff.reached, dashboard.coverage_staff.total),
            antt_words::share(dashboard.coverage_students.reached, dashboard.coverage_students.total),
        )));
        if let Some((staff, students)) = &dashboard.commitment {
            body.push(Block::Paragraph(format!(
                "Ký cam kết thực hiện phong trào: {} cán bộ, {} học sinh, sinh viên.",
                of_total(staff.reached, staff.total),
                of_total(students.reached, students.total)
            )));
        }
        let sessions = self.sessions.list(actor, unit, year).await?;
        let (posts, materials) = sessions.iter().fold((0u64, 0u64), |(p, m), row| {
            (
                p + u64::from(row.session.posts.total()),
                m + u64::from(row.session.materials),
            )
        });
        if posts + materials > 0 {
            body.push(Block::Paragraph(format!(
                "Đăng {} tin, bài trên trang thông tin điện tử, fanpage, Zalo; phát {} tờ rơi, tài liệu tuyên truyền.",
                count(posts),
                count(materials)
            )));
        }
        for c in self.contests.list(actor, unit, year).await? {
            let view = self.contests.view(actor, unit, c.contest.id).await?;
            if let Some(results) = view.results {
                let p = &results.participation;
                body.push(Block::Paragraph(format!(
                    "Tổ chức {}: {} học sinh, sinh viên và {} cán bộ tham gia{}.",
                    c.contest.title,
                    of_total(p.students.reached, p.students.total),
                    of_total(p.staff.reached, p.staff.total),
                    if results.average.is_empty() {
                        String::new()
                    } else {
                        format!(", điểm trung bình {}/10", results.average)
                    }
                )));
            }
        }
        let chart = antt_docgen::chart::BarChart {
            labels: dashboard
                .months
                .iter()
                .map(|m| format!("T{}", m.month))
                .collect(),
            series: vec![
                (
                    format!("Năm {year}"),
                    dashboard
                        .months
                        .iter()
                        .map(|m| u64::from(m.sessions))
                        .collect(),
                ),
                (
                    format!("Năm {}", year - 1),
                    dashboard
                        .months
                        .iter()
                        .map(|m| u64::from(m.sessions_last_year))
                        .collect(),
                ),
            ],
        };
        let png = tokio::task::spawn_blocking(move || chart.to_png())
            .await
            .map_err(CoreError::internal)?
            .map_err(CoreError::internal)?;
        body.push(Block::Picture {
            png,
            pixels: (antt_docgen::chart::WIDTH, antt_docgen::chart::HEIGHT),
            width_cm: 15,
            caption: "Biểu đồ: số buổi tuyên truyền, tập huấn theo tháng so với cùng kỳ năm trước"
                .into(),
        });
        body.push(Block::Table(BodyTable {
            headers: vec![
                "Tháng".into(),
                "Số buổi".into(),
                "Lượt tham dự".into(),
                "Cùng kỳ năm trước (buổi)".into(),
            ],
            widths: vec![25, 25, 25, 25],
            rows: dashboard
                .months
                .iter()
                .map(|m| {
                    vec![
                        format!("Tháng {}", m.month),
                        count(m.sessions),
                        count(m.attendances),
                        count(m.sessions_last_year),
                    ]
                })
                .collect(),
        }));

        body.push(Block::Clause(
            "3. Xây dựng mô hình, lực lượng nòng cốt".into(),
        ));
        let live: Vec<_> = teams
            .iter()
            .filter(|t| t.team.status != TeamStatus::Dissolved)
            .collect();
        body.push(Block::Paragraph(format!(
            "Duy trì {} mô hình, {} đội, tổ và {} cụm an ninh liên kết với {} thành viên; {} mô hình, đội được đánh giá hoạt động hiệu quả.",
            count(live.iter().filter(|t| t.team.kind == TeamKind::Model).count()),
            count(live.iter().filter(|t| t.team.kind == TeamKind::Team).count()),
            count(live.iter().filter(|t| t.team.kind == TeamKind::Cluster).count()),
            count(dashboard.team_members),
            count(live.iter().filter(|t| t.team.status == TeamStatus::Effective).count()),
        )));
        if !live.is_empty() {
            body.push(Block::Table(BodyTable {
                headers: vec![
                    "TT".into(),
                    "Tên mô hình, đội".into(),
                    "Thành viên".into(),
                    "Đánh giá".into(),
                ],
                widths: vec![7, 53, 15, 25],
                rows: live
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        vec![
                            (i + 1).to_string(),
                            t.team.name.clone(),
                            if t.serving == 0 {
                                "chưa ghi".into()
                            } else {
                                count(t.serving)
                            },
                            antt_words::team_status(t.team.status).into(),
                        ]
                    })
                    .collect(),
            }));
        }

        let posts = antt_store::duty::posts(self.cx.db(), unit).await?;
        if !posts.is_empty() {
            let campuses: std::collections::BTreeSet<_> =
                posts.iter().map(|p| p.campus_id).collect();
            let from = chrono::NaiveDate::from_ymd_opt(year - 1, 11, 16).unwrap_or_default();
            let until = chrono::NaiveDate::from_ymd_opt(year, 11, 15).unwrap_or_default();
            let record = self.patrols.record_of(unit, from, until).await?;
            body.push(Block::Paragraph(format!(
                "Lực lượng bảo vệ trực 24/24 giờ tại {} cơ sở, {} vị trí trực theo lịch trực hằng tháng{}.",
                count(campuses.len()),
                count(posts.len()),
                record
                    .summary()
                    .map_or_else(String::new, |s| format!("; kết quả: {s}"))
            )));
        }

        if let Some(sentence) = self.fire_sentence(unit, year).await? {
            body.push(Block::Paragraph(sentence));
        }
        if let Some(paragraph) = crate::dorm::year::year_paragraph(
            &self.cx,
            unit,
            chrono::NaiveDate::from_ymd_opt(year - 1, 11, 16).unwrap_or_default(),
            chrono::NaiveDate::from_ymd_opt(year, 11, 15).unwrap_or_default(),
        )
        .await?
        {
            body.push(Block::Paragraph(paragraph));
        }

        body.push(Block::Clause("4. Tiếp nhận tin báo, xử lý vụ việc".into()));
        body.push(Block::Paragraph(tips_sentence(&tips)));

        body.push(Block::Clause(
            "5. Kết quả tự đánh giá tiêu chuẩn “An toàn về an ninh, trật tự” và chấm điểm phong trào".into(),
        ));
        body.push(standard_table(&r));
        body.push(Block::Paragraph(format!(
            "Kết quả: {}. {}",
            match r.standard.verdict {
                Verdict::NotApplicable | Verdict::Met => "đạt tiêu chuẩn",
                Verdict::AtRisk => "chưa đủ căn cứ kết luận đạt tiêu chuẩn",
                Verdict::Failed => "không đạt tiêu chuẩn",
            },
            score_sentence(&r)
        )));

        body.push(Block::Clause("6. Công tác thi đua, khen thưởng".into()));
        // The year's rewards as recorded; the candidates are not needed here.
        let rewards = crate::reward::RewardsView {
            year,
            nominations: antt_store::reward::nominations(self.cx.db(), unit, year).await?,
            decisions: antt_store::reward::decisions(self.cx.db(), unit, year).await?,
            pledges: antt_store::reward::pledges(self.cx.db(), unit, year).await?,
            candidates: Vec::new(),
            ineligible: std::collections::HashMap::new(),
        };
        let granted: Vec<_> = rewards
            .nominations
            .iter()
            .filter(|n| n.state == antt_domain::reward::NominationState::Granted)
            .collect();
        let pending = rewards
            .nominations
            .iter()
            .filter(|n| {
                matches!(
                    n.state,
                    antt_domain::reward::NominationState::Approved
                        | antt_domain::reward::NominationState::SentUp
                )
            })
            .count();
        if granted.is_empty() {
            let mut sentence = "Trong năm chưa có quyết định khen thưởng".to_owned();
            if !rewards.pledges.is_empty() {
                let _ = write!(
                    sentence,
                    "; {} đăng ký thi đua",
                    count(rewards.pledges.len())
                );
            }
            if pending > 0 {
                let _ = write!(sentence, "; {} đề nghị đang chờ xét", count(pending));
            }
            sentence.push('.');
            body.push(Block::Paragraph(sentence));
        } else {
            body.push(Block::Paragraph(format!(
                "Khen thưởng {} cá nhân, tập thể có thành tích trong phong trào{}.",
                count(granted.len()),
                if pending > 0 {
                    format!("; {} đề nghị đang trình cấp trên", count(pending))
                } else {
                    String::new()
                }
            )));
            body.push(Block::Table(BodyTable {
                headers: vec![
                    "TT".into(),
                    "Cá nhân, tập thể".into(),
                    "Hình thức".into(),
                    "Quyết định".into(),
                ],
                widths: vec![7, 33, 30, 30],
                rows: granted
                    .iter()
                    .enumerate()
                    .map(|(i, n)| {
                        let decision = n
                            .decision_id
                            .and_then(|d| rewards.decisions.iter().find(|x| x.id == d))
                            .map(|d| {
                                format!(
                                    "Số {} ngày {}",
                                    d.input.number,
                                    d.input.signed_on.map(format_date).unwrap_or_default()
                                )
                            })
                            .unwrap_or_default();
                        vec![
                            (i + 1).to_string(),
                            n.input.nominee.name.clone(),
                            antt_words::reward_form(n.input.form).into(),
                            decision,
                        ]
                    })
                    .collect(),
            }));
        }

        let mut n = 2;
        for (title, text) in [
            (
                "HẠN CHẾ, TỒN TẠI VÀ NGUYÊN NHÂN",
                format!("{}\n{}", texts.shortcomings, texts.causes),
            ),
            ("PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM TỚI", texts.directions.clone()),
            ("ĐỀ XUẤT, KIẾN NGHỊ", texts.proposals.clone()),
        ] {
            if text.trim().is_empty() {
                continue;
            }
            n += 1;
            body.push(Block::Section(format!("{}. {title}", roman(n))));
            body.extend(paragraphs(&text));
        }

        let to = r
            .report_to
            .clone()
            .unwrap_or_else(|| "Công an tỉnh (Phòng PV05)".into());
        Ok(OfficialDocument {
            parent_body: head.parent_body,
            issuing_body: head.issuing_body,
            number: texts
                .number
                .split('/')
                .next()
                .and_then(|n| n.trim().parse().ok()),
            symbol: format!("BC-{}", head.abbreviation),
            place: head.place,
            date: IssueDate::from(local_date(self.cx.now())),
            kind: "BÁO CÁO".into(),
            subject: format!(
                "Kết quả thực hiện Phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year}"
            ),
            addressees: vec![to.clone()],
            bases: Vec::new(),
            body,
            recipients: vec![
                format!("{to} (để báo cáo)"),
                "Ban Giám hiệu".into(),
                "Lưu: VT, VP".into(),
            ],
            signer: head.signer,
        })
    }

    /// The registration to strive for the standard (Bản đăng ký), as Word.
    #[tracing::instrument(name = "assessments.registration_form", skip_all, fields(actor = %actor.name))]
    pub async fn registration_form(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<ExportFile> {
        self.check_assessment_readable(actor, unit).await?;
        let key = year.to_string();
        if let Some(kept) =
            crate::papers::kept(self.cx.db(), unit, Paper::Registration, &key).await?
        {
            return Ok(kept);
        }
        let r = self.readiness(actor, unit, year).await?;
        let a = r.assessment.as_ref().ok_or(CoreError::NotFound)?;
        let head = self.letterhead(actor, &r.unit, year).await?;
        let doc = registration_document(&r, head, a.registered_on);
        self.export_document(actor, unit, year, REGISTRATION_FILE, doc)
            .await
    }

    /// The request for recognition (Tờ trình), as Word: what was done,
    /// how each criterion stands, and the dossier's parts.
    #[tracing::instrument(name = "assessments.recognition_request", skip_all, fields(actor = %actor.name))]
    pub async fn recognition_request(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<ExportFile> {
        self.check_assessment_readable(actor, unit).await?;
        let key = year.to_string();
        if let Some(kept) = crate::papers::kept(self.cx.db(), unit, Paper::Request, &key).await? {
            return Ok(kept);
        }
        let r = self.readiness(actor, unit, year).await?;
        let head = self.letterhead(actor, &r.unit, year).await?;
        let doc = request_document(&r, head, local_date(self.cx.now()))?;
        self.export_document(actor, unit, year, REQUEST_FILE, doc)
            .await
    }

    /// The minutes of the self-assessment meeting (Biên bản), as Word:
    /// as kept with the dossier once it was sent, else as the records say.
    #[tracing::instrument(name = "assessments.meeting_minutes", skip_all, fields(actor = %actor.name))]
    pub async fn meeting_minutes(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<ExportFile> {
        self.check_assessment_readable(actor, unit).await?;
        let key = year.to_string();
        if let Some(kept) = crate::papers::kept(self.cx.db(), unit, Paper::Minutes, &key).await? {
            return Ok(kept);
        }
        let r = self.readiness(actor, unit, year).await?;
        let head = self.letterhead(actor, &r.unit, year).await?;
        let doc = minutes_document(&r, head)?;
        self.export_document(actor, unit, year, MINUTES_FILE, doc)
            .await
    }

    /// The registration as it is signed on `registered_on`, as Word, for
    /// keeping with the year from the day it is made.
    pub(crate) async fn registration_paper(
        &self,
        actor: &Actor,
        r: &super::Readiness,
        registered_on: chrono::NaiveDate,
    ) -> CoreResult<ExportFile> {
        let head = self.letterhead(actor, &r.unit, r.year).await?;
        Ok(ExportFile {
            file_name: format!("{REGISTRATION_FILE}-{}.docx", r.year),
            content_type: crate::plan::DOCX,
            bytes: crate::exports::render_docx(registration_document(r, head, registered_on))
                .await?,
        })
    }

    /// The Tờ trình and the minutes of a dossier being sent, as Word, for
    /// keeping with it: `r` carries the dossier as it goes.
    pub(crate) async fn dossier_papers(
        &self,
        actor: &Actor,
        r: &super::Readiness,
        today: chrono::NaiveDate,
    ) -> CoreResult<Vec<(Paper, ExportFile)>> {
        let year = r.year;
        let head = self.letterhead(actor, &r.unit, year).await?;
        let mut out = vec![(
            Paper::Request,
            ExportFile {
                file_name: format!("{REQUEST_FILE}-{year}.docx"),
                content_type: crate::plan::DOCX,
                bytes: crate::exports::render_docx(request_document(r, head.clone(), today)?)
                    .await?,
            },
        )];
        if r.assessment
            .as_ref()
            .is_some_and(|a| a.meeting.held_on.is_some())
        {
            out.push((
                Paper::Minutes,
                ExportFile {
                    file_name: format!("{MINUTES_FILE}-{year}.docx"),
                    content_type: crate::plan::DOCX,
                    bytes: crate::exports::render_docx(minutes_document(r, head)?).await?,
                },
            ));
        }
        Ok(out)
    }
}

/// The registration (Bản đăng ký) from the year's rubric and letterhead.
fn registration_document(
    r: &super::Readiness,
    head: Letterhead,
    registered_on: chrono::NaiveDate,
) -> OfficialDocument {
    let year = r.year;
    let mut body = vec![Block::Paragraph(format!(
        "Thực hiện Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ trưởng Bộ Công an, {} đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm {year}, với các tiêu chí sau:",
        r.unit.name
    ))];
    for c in &r.standard_rubric.criteria {
        body.push(Block::Clause(format!("{}. {}", c.id, c.title)));
        body.extend(
            c.checks
                .iter()
                .map(|k| Block::Paragraph(format!("- {}.", k.text))),
        );
    }
    body.push(Block::Paragraph(
        "Đơn vị cam kết tổ chức thực hiện nghiêm túc, tự đánh giá và đề nghị xét công nhận theo quy định.".into(),
    ));
    OfficialDocument {
        parent_body: head.parent_body,
        issuing_body: head.issuing_body,
        number: None,
        symbol: format!("ĐK-{}", head.abbreviation),
        place: head.place,
        date: IssueDate::from(registered_on),
        kind: "BẢN ĐĂNG KÝ".into(),
        subject: format!("Phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm {year}"),
        addressees: vec![r.report_to.clone().unwrap_or_else(|| "Công an tỉnh".into())],
        bases: Vec::new(),
        body,
        recipients: vec!["Như trên".into(), "Lưu: VT, VP".into()],
        signer: head.signer,
    }
}

const REGISTRATION_FILE: &str = "ban-dang-ky-an-toan-antt";
const REQUEST_FILE: &str = "to-trinh-cong-nhan-an-toan-antt";
const MINUTES_FILE: &str = "bien-ban-tu-danh-gia";

/// The Tờ trình's text from the year's readiness and its dossier.
fn request_document(
    r: &super::Readiness,
    head: Letterhead,
    today: chrono::NaiveDate,
) -> CoreResult<OfficialDocument> {
    let year = r.year;
    let a = r.assessment.as_ref().ok_or(CoreError::NotFound)?;
    // Điều 9, 10: the People's Committee decides; the dossier goes to it
    // through the standing office of the steering committee, the police,
    // which appraises it.
    let to = format!("Ủy ban nhân dân tỉnh {}", head.place);
    let through = format!(
        "Thường trực Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc ({})",
        r.report_to.clone().unwrap_or_else(|| "Công an tỉnh".into())
    );
    let mut body = vec![Block::Paragraph(format!(
        "Thực hiện Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ trưởng Bộ Công an, ngày {} {} đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm {year}.{}",
        format_date(a.registered_on),
        r.unit.name,
        a.meeting
            .held_on
            .map(|d| format!(
                " Ngày {}, đơn vị đã họp tự đánh giá kết quả thực hiện các tiêu chí như sau:",
                format_date(d)
            ))
            .unwrap_or_default()
    ))];
    body.push(standard_table(r));
    if !a.dossier.unconfirmed.is_empty() {
        body.push(Block::Paragraph(format!(
            "Tại thời điểm trình, {} tiêu chí {} chưa được xác nhận; đơn vị gửi kèm minh chứng và đề nghị cơ quan thẩm định xem xét, kết luận.",
            if a.dossier.unconfirmed.len() == 1 { "nội dung" } else { "các nội dung" },
            a.dossier.unconfirmed.join(", ")
        )));
    }
    body.push(Block::Paragraph(format!(
        "{} kính trình {} xem xét, công nhận {} đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm {year}.",
        r.unit.name, to, r.unit.name
    )));
    body.push(Block::Paragraph("Hồ sơ kèm theo gồm:".into()));
    let mut parts = vec![
        format!("Báo cáo kết quả thực hiện Phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year}"),
        "Biên bản họp đánh giá".to_owned(),
    ];
    parts.extend(a.dossier.others.iter().cloned());
    body.extend(parts.iter().map(|p| Block::Paragraph(format!("- {p};"))));
    let number = a.dossier.request_number.clone();
    let doc = OfficialDocument {
        parent_body: head.parent_body,
        issuing_body: head.issuing_body,
        number: number.split('/').next().and_then(|n| n.trim().parse().ok()),
        symbol: number.split_once('/').map_or_else(
            || format!("TTr-{}", head.abbreviation),
            |(_, s)| s.to_owned(),
        ),
        place: head.place,
        date: IssueDate::from(a.dossier.request_on.unwrap_or(today)),
        kind: "TỜ TRÌNH".into(),
        subject: format!(
            "Đề nghị xét, công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm {year}"
        ),
        addressees: vec![to, through],
        bases: Vec::new(),
        body,
        recipients: vec!["Như trên".into(), "Lưu: VT, VP".into()],
        signer: head.signer,
    };
    Ok(doc)
}

/// The minutes' text from the year's readiness and its meeting.
fn minutes_document(r: &super::Readiness, head: Letterhead) -> CoreResult<OfficialDocument> {
    let year = r.year;
    let a = r.assessment.as_ref().ok_or(CoreError::NotFound)?;
    let m = &a.meeting;
    let held_on = m
        .held_on
        .ok_or_else(|| CoreError::invalid("held_on", ErrorCode::Required))?;
    let mut body = vec![
        Block::Paragraph(match (m.starts, m.ends) {
            (Some(from), Some(to)) => format!(
                "Thời gian: từ {} đến {}, ngày {}.",
                clock_in_words(from),
                clock_in_words(to),
                format_date(held_on)
            ),
            (Some(from), None) => format!(
                "Thời gian: bắt đầu lúc {}, ngày {}.",
                clock_in_words(from),
                format_date(held_on)
            ),
            _ => format!("Thời gian: ngày {}.", format_date(held_on)),
        }),
        Block::Paragraph(format!("Địa điểm: {}.", m.place)),
        Block::Paragraph(format!("Chủ trì: {}.", m.chair)),
    ];
    if !m.secretary.is_empty() {
        body.push(Block::Paragraph(format!("Thư ký: {}.", m.secretary)));
    }
    body.push(Block::Section("I. THÀNH PHẦN THAM DỰ".into()));
    body.extend(
        m.participants
            .iter()
            .map(|p| Block::Paragraph(format!("- {p};"))),
    );
    body.push(Block::Section("II. NỘI DUNG".into()));
    body.push(Block::Paragraph(format!(
        "Hội nghị đánh giá kết quả xây dựng đơn vị đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm {year} theo Thông tư số 124/2021/TT-BCA; kết quả đối với từng tiêu chí như sau:"
    )));
    body.push(standard_table(r));
    body.push(Block::Paragraph(score_sentence(r)));
    body.push(Block::Section("III. KẾT LUẬN".into()));
    body.extend(paragraphs(&m.conclusion));
    body.push(Block::Paragraph(match m.ends {
        Some(to) => format!(
            "Hội nghị kết thúc lúc {} cùng ngày. Biên bản được thông qua trước hội nghị và các thành phần tham dự nhất trí.",
            clock_in_words(to)
        ),
        None => {
            "Biên bản được thông qua trước hội nghị và các thành phần tham dự nhất trí.".into()
        }
    }));
    let doc = OfficialDocument {
        parent_body: head.parent_body,
        issuing_body: head.issuing_body,
        number: None,
        symbol: format!("BB-{}", head.abbreviation),
        place: head.place,
        date: IssueDate::from(held_on),
        kind: "BIÊN BẢN".into(),
        subject: format!(
            "Họp đánh giá kết quả xây dựng đơn vị đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm {year}"
        ),
        addressees: Vec::new(),
        bases: Vec::new(),
        body,
        recipients: vec!["Hồ sơ đề nghị công nhận".into(), "Lưu: VT, VP".into()],
        signer: antt_docgen::Signer {
            // The secretary signs beside the chair.
            witness: (!m.secretary.is_empty())
                .then(|| ("THƯ KÝ".to_owned(), person_name(&m.secretary))),
            authority: None,
            title: "CHỦ TRÌ".into(),
            name: person_name(&m.chair),
        },
    };
    Ok(doc)
}

impl super::Assessments {
    /// The score list for the authority's dossier: items, maximum, the
    /// unit's and the reviewed points, total and proposed level.
    #[tracing::instrument(name = "assessments.score_list", skip_all, fields(actor = %actor.name))]
    pub async fn score_list(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        word: bool,
    ) -> CoreResult<ExportFile> {
        let r = self.readiness(actor, unit, year).await?;
        let file = format!("bang-diem-phong-trao-{year}");
        let rows = score_rows_of(&r.sheet);
        let target = Some((TargetKind::Assessment, year.to_string()));
        if word {
            let head = self.letterhead(actor, &r.unit, year).await?;
            let mut table_rows: Vec<Vec<String>> = rows
                .iter()
                .map(|row| row.iter().map(ToString::to_string).collect())
                .collect();
            table_rows.push(vec![
                String::new(),
                "Tổng cộng".into(),
                r.score_rubric.total.display(),
                r.sheet.total.display(),
                String::new(),
            ]);
            let body = vec![
                Block::Table(BodyTable {
                    headers: vec![
                        "Mục".into(),
                        "Nội dung".into(),
                        "Điểm chuẩn".into(),
                        "Điểm tự chấm".into(),
                        "Điểm thẩm định".into(),
                    ],
                    widths: vec![8, 56, 12, 12, 12],
                    rows: table_rows,
                }),
                Block::Paragraph(format!(
                    "Tổng điểm: {}/{}. Mức đề xuất xếp loại: {}.",
                    r.sheet.total.display(),
                    r.score_rubric.total.display(),
                    level_words(&r)
                )),
            ]
            .into_iter()
            .chain(provisional_note(&r).map(Block::Paragraph))
            .collect();
            let doc = OfficialDocument {
                parent_body: head.parent_body,
                issuing_body: head.issuing_body,
                number: None,
                symbol: format!("BĐ-{}", head.abbreviation),
                place: head.place,
                date: IssueDate::from(local_date(self.cx.now())),
                kind: "BẢNG CHẤM ĐIỂM".into(),
                subject: format!(
                    "Đánh giá, phân loại phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year}"
                ),
                addressees: Vec::new(),
                bases: vec![r.score_rubric.source.clone()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect(),
                body,
                recipients: vec!["Hồ sơ đề nghị xếp loại".into(), "Lưu: VT, VP".into()],
                signer: head.signer,
            };
            return self
                .exports
                .document(actor, unit, target, format!("{file}.docx"), doc)
                .await;
        }
        let sheet = TableSheet {
            name: format!("Bảng điểm {year}"),
            title: vec![
                r.unit.name.clone(),
                format!("BẢNG CHẤM ĐIỂM PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM {year}"),
                r.score_rubric.title.clone(),
            ],
            headers: vec![
                "Mục".into(),
                "Nội dung".into(),
                "Điểm chuẩn".into(),
                "Điểm tự chấm".into(),
                "Điểm thẩm định".into(),
            ],
            widths: vec![8.0, 80.0, 12.0, 14.0, 16.0],
            rows: rows
                .into_iter()
                .map(|row| row.into_iter().map(Value::Text).collect())
                .chain(std::iter::once(vec![
                    Value::Empty,
                    Value::Text("Tổng cộng".into()),
                    Value::Text(r.score_rubric.total.display()),
                    Value::Text(r.sheet.total.display()),
                    Value::Text(level_words(&r)),
                ]))
                .chain(provisional_note(&r).map(|n| vec![Value::Empty, Value::Text(n)]))
                .collect(),
        };
        self.exports
            .sheets(actor, unit, target, format!("{file}.xlsx"), vec![sheet])
            .await
    }

    /// Whether a unit's dossier waits for the authority (the dashboard's
    /// and the province list's badge).
    #[tracing::instrument(name = "assessments.assessment_state", skip_all, fields(actor = %actor.name))]
    pub async fn assessment_state(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<Option<AssessmentState>> {
        self.check_assessment_readable(actor, unit).await?;
        Ok(store::get(self.cx.db(), unit, year).await?.map(|a| a.state))
    }
}

/// The score in a sentence, or that it is not scored yet.
fn score_sentence(r: &super::Readiness) -> String {
    if r.sheet.unscored == r.sheet.lines.len() {
        return "Đơn vị chưa tự chấm điểm phong trào.".into();
    }
    format!(
        "Tự chấm điểm phong trào: {}/{} điểm{}{}.",
        r.sheet.total.display(),
        r.score_rubric.total.display(),
        r.sheet
            .level
            .as_ref()
            .map(|l| format!(", đề xuất xếp loại {}", l.1))
            .unwrap_or_default(),
        if r.sheet.unscored > 0 {
            format!(" (còn {} mục chưa chấm)", r.sheet.unscored)
        } else {
            String::new()
        }
    )
}

/// The level a printed sheet proposes: none until every item is scored,
/// and marked provisional when the thresholds are.
fn level_words(r: &super::Readiness) -> String {
    match &r.sheet.level {
        None if r.sheet.unscored > 0 => {
            format!("chưa xếp loại (còn {} mục chưa chấm)", r.sheet.unscored)
        }
        None => "chưa xác định".into(),
        Some((_, name)) if r.score_rubric.provisional => format!("{name}{PROVISIONAL}"),
        Some((_, name)) => name.clone(),
    }
}

/// The name in "Name – position".
fn person_name(line: &str) -> String {
    line.split(['–', '-', ','])
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// "799/2.004" as a paper writes it; none of them: "chưa có ai trong số 202".
fn of_total(reached: u32, total: u32) -> String {
    if reached == 0 {
        format!("chưa có ai trong số {}", count(total))
    } else {
        format!("{}/{}", count(reached), count(total))
    }
}

/// A count as a paper writes it: "2.004".
fn count<N: TryInto<i64>>(n: N) -> String {
    text::thousands(n.try_into().unwrap_or(i64::MAX))
}

/// The year's tips, incidents and violations in sentences: a count that
/// is zero is said in words ("không có …"), never printed as "0".
fn tips_sentence(t: &crate::tip::stats::TipStatistics) -> String {
    let tips = if t.tips == 0 {
        "Trong năm, đơn vị không tiếp nhận tin báo nào về an ninh, trật tự.".to_owned()
    } else {
        let moved = if t.transferred == 0 {
            "không có tin nào phải chuyển cơ quan Công an".to_owned()
        } else {
            format!("đã chuyển cơ quan Công an {} tin", count(t.transferred))
        };
        let open = match (t.open, t.overdue) {
            (0, _) => "đã xử lý xong tất cả".to_owned(),
            (o, 0) => format!("còn {} tin đang xử lý, không có tin quá hạn", count(o)),
            (o, late) => format!(
                "còn {} tin đang xử lý ({} tin quá hạn)",
                count(o),
                count(late)
            ),
        };
        format!(
            "Tiếp nhận {} tin báo về an ninh, trật tự; {moved}; {open}.",
            count(t.tips)
        )
    };
    let incidents = if t.incidents == 0 {
        "Không xảy ra vụ việc nào.".to_owned()
    } else {
        let moved = if t.incidents_transferred == 0 {
            "không có vụ nào phải chuyển Công an".to_owned()
        } else {
            format!("đã chuyển Công an {} vụ", count(t.incidents_transferred))
        };
        let value = if t.value_recovered > 0 {
            format!(
                "; giá trị tài sản thu hồi {} đồng",
                text::thousands(t.value_recovered)
            )
        } else {
            String::new()
        };
        format!("Xảy ra {} vụ việc, {moved}{value}.", count(t.incidents))
    };
    let violations = match (t.violations, t.disciplined_warning_or_above) {
        (0, _) => "Không có trường hợp vi phạm nào.".to_owned(),
        (n, 0) => format!(
            "Có {} trường hợp vi phạm, không có trường hợp nào bị kỷ luật từ cảnh cáo trở lên.",
            count(n)
        ),
        (n, w) => format!(
            "Có {} trường hợp vi phạm, trong đó {} trường hợp bị kỷ luật từ cảnh cáo trở lên.",
            count(n),
            count(w)
        ),
    };
    format!("{tips} {incidents} {violations}")
}

/// The words that mark a provisional item in print, as on the screens.
const PROVISIONAL: &str = " (tạm thời)";

/// What a printed sheet says of its provisional parts, or nothing when
/// every item and threshold was read in the decision.
fn provisional_note(r: &super::Readiness) -> Option<String> {
    let items: Vec<&str> = r
        .score_rubric
        .leaves()
        .into_iter()
        .filter(|i| i.provisional)
        .map(|i| i.id.as_str())
        .collect();
    (r.score_rubric.provisional || !items.is_empty()).then(|| {
        format!(
            "Các mục {} và ngưỡng xếp loại ghi “tạm thời” chưa đối chiếu được với văn bản gốc của {}; điểm và mức xếp loại theo các mục này chỉ để tham khảo cho đến khi Công an tỉnh ban hành bảng điểm áp dụng.",
            items.join(", "),
            r.score_rubric.source
        )
    })
}

fn score_rows_of(sheet: &ScoreSheet) -> Vec<[String; 5]> {
    sheet
        .lines
        .iter()
        .map(|l| {
            [
                l.item.id.clone(),
                if l.item.provisional {
                    format!("{}{PROVISIONAL}", l.item.content)
                } else {
                    l.item.content.clone()
                },
                l.item.max.display(),
                l.given
                    .map(antt_domain::rubric::Points::display)
                    .unwrap_or_default(),
                l.reviewed
                    .map(antt_domain::rubric::Points::display)
                    .unwrap_or_default(),
            ]
        })
        .collect()
}

/// The criteria and their verdicts; once the year's window has closed, a
/// criterion still waiting for the unit's confirmation reads "Chưa xác
/// nhận", not "đang thực hiện".
fn standard_table(r: &super::Readiness) -> Block {
    let s = &r.standard;
    let closed = r.today > antt_domain::time::MovementYear::saturating(r.year).last_day();
    Block::Table(BodyTable {
        headers: vec!["TT".into(), "Tiêu chí".into(), "Kết quả".into()],
        widths: vec![7, 68, 25],
        rows: s
            .criteria
            .iter()
            .map(|c| {
                vec![
                    c.id.clone(),
                    c.title.clone(),
                    antt_words::verdict_in_document(c.verdict, closed).into(),
                ]
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use crate::tip::stats::TipStatistics;

    #[test]
    fn a_report_says_zero_in_words_and_groups_thousands() {
        let none = super::tips_sentence(&TipStatistics::default());
        assert_eq!(
            none,
            "Trong năm, đơn vị không tiếp nhận tin báo nào về an ninh, trật tự. Không xảy ra vụ việc nào. Không có trường hợp vi phạm nào."
        );
        let some = super::tips_sentence(&TipStatistics {
            tips: 1_204,
            transferred: 0,
            open: 3,
            overdue: 1,
            incidents: 2,
            incidents_transferred: 1,
            value_recovered: 6_500_000,
            violations: 5,
            ..TipStatistics::default()
        });
        assert!(some.contains("Tiếp nhận 1.204 tin báo"), "{some}");
        assert!(
            some.contains("không có tin nào phải chuyển cơ quan Công an"),
            "{some}"
        );
        assert!(some.contains("(1 tin quá hạn)"), "{some}");
        assert!(some.contains("6.500.000 đồng"), "{some}");
        assert!(
            some.contains("không có trường hợp nào bị kỷ luật từ cảnh cáo trở lên"),
            "{some}"
        );
        assert!(!some.contains(" 0"), "no bare zero: {some}");
        assert_eq!(super::count(2004_u32), "2.004");
    }
}
