//! The province's report (or a ward police body's) on the movement in the
//! agencies, enterprises and schools under it, for a year or a period of
//! years, written from the records of every unit in the manner of seed
//! 003, as Word in the Decree 30 layout.

use antt_docgen::{Block, BodyTable, IssueDate, OfficialDocument, Signer};
use antt_domain::UnitId;
use antt_domain::audit::TargetKind;
use antt_domain::province::{TypeCount, UnitYear};
use antt_domain::text::thousands;
use antt_domain::unit::{Unit, UnitKind};
use antt_store::province::Activity;

use super::{Province, Standing, share_text, target_title};
use crate::actor::Actor;
use crate::context::movement_year;
use crate::error::CoreResult;

/// Everything the report says, gathered before it is written.
pub struct ReportFigures {
    pub authority: Unit,
    /// The authority over the authority, for the letterhead.
    pub parent: Option<String>,
    pub first_year: i32,
    pub year: i32,
    pub by_kind: Vec<(UnitKind, usize)>,
    pub bodies: usize,
    pub activity: Activity,
    pub tips: u64,
    pub tips_transferred: u64,
    pub incidents: u64,
    pub value_recovered: i64,
    pub types: Vec<TypeCount>,
    pub places: usize,
    pub clusters: usize,
    /// Year by year: (year, the units' facts).
    pub years: Vec<(i32, Vec<UnitYear>)>,
    pub rewards: (u64, u64),
    pub standing: Standing,
    pub today: chrono::NaiveDate,
}

impl ReportFigures {
    /// The report's file name: its year, or its period.
    fn file_name(&self, extension: &str) -> String {
        if self.first_year == self.year {
            format!("bao-cao-phong-trao-{}.{extension}", self.year)
        } else {
            format!(
                "bao-cao-phong-trao-{}-{}.{extension}",
                self.first_year, self.year
            )
        }
    }
}

impl Province {
    /// The report of `years` years ending with `year` (1: the yearly
    /// report, 5: the five-year one), as Word.
    #[tracing::instrument(name = "province.report", skip_all, fields(actor = %actor.name))]
    pub async fn report(
        &self,
        actor: &Actor,
        authority: Option<UnitId>,
        year: i32,
        years: i32,
    ) -> CoreResult<crate::export::ExportFile> {
        let f = self.report_figures(actor, authority, year, years).await?;
        let name = f.file_name("docx");
        let id = f.authority.id;
        let doc = report_document(&f);
        self.assessments
            .exports
            .document_on(
                actor,
                id,
                Some((TargetKind::Province, format!("report-{year}"))),
                name,
                doc,
                false,
            )
            .await
    }

    /// The same report as Excel: the figures of the period, and year by
    /// year how many units met each measure.
    #[tracing::instrument(name = "province.report_workbook", skip_all, fields(actor = %actor.name))]
    pub async fn report_workbook(
        &self,
        actor: &Actor,
        authority: Option<UnitId>,
        year: i32,
        years: i32,
    ) -> CoreResult<crate::export::ExportFile> {
        let f = self.report_figures(actor, authority, year, years).await?;
        let name = f.file_name("xlsx");
        let sheets = report_sheets(&f);
        self.assessments
            .exports
            .sheets(
                actor,
                f.authority.id,
                Some((TargetKind::Province, format!("report-{year}"))),
                name,
                sheets,
            )
            .await
    }

    /// The figures of the report, read from every unit's records.
    pub async fn report_figures(
        &self,
        actor: &Actor,
        authority: Option<UnitId>,
        year: i32,
        years: i32,
    ) -> CoreResult<ReportFigures> {
        let standing = self.standing(actor, authority, year).await?;
        let a = standing.authority.clone();
        let first_year = year - years.clamp(1, 10) + 1;
        let models = self.models(actor, Some(a.id)).await?;
        let units: Vec<UnitId> = models.units.keys().copied().collect();
        let from = movement_year(first_year)?.starts_at();
        let to = movement_year(year)?.ends_at();
        let db = self.cx.db();
        let mut activity = antt_store::province::activity(db, &units, from, to).await?;
        let (mut tips, mut tips_transferred, mut incidents, mut value_recovered) = (0, 0, 0, 0);
        let mut rewards = antt_store::province::rewards(db, &units, first_year..=year).await?;
        let own_copies = self.own_copies(&units).await?;
        for y in first_year..=year {
            let s = self.assessments.tips.statistics_of(&units, y).await?;
            tips += s.tips;
            tips_transferred += s.transferred;
            incidents += s.incidents;
            value_recovered += s.value_recovered;
            // Units on their own copy: what their bundle of the year says.
            for b in antt_store::bundle::of_units(db, &own_copies, y).await? {
                let a = b.content.activity;
                activity.sessions += a.sessions;
                activity.attendances += a.attendances;
                activity.materials += a.materials;
                activity.posts += a.posts;
                tips += a.tips;
                tips_transferred += a.tips_transferred;
                incidents += a.incidents;
                value_recovered += a.value_recovered;
                rewards.0 += a.reward_decisions;
                rewards.1 += a.nominations;
            }
        }
        let facts = self.unit_years(a.id, first_year..=year).await?;
        let mut by_kind: Vec<(UnitKind, usize)> = antt_domain::province::COUNTED_KINDS
            .iter()
            .map(|k| (*k, models.units.values().filter(|u| u.kind == *k).count()))
            .filter(|(_, n)| *n > 0)
            .collect();
        by_kind.sort_by_key(|(k, _)| {
            antt_domain::province::COUNTED_KINDS
                .iter()
                .position(|c| c == k)
        });
        let parent = match a.authority_id {
            Some(p) => Some(self.cx.cached_unit(p).await?.name),
            None => None,
        };
        Ok(ReportFigures {
            bodies: standing
                .units
                .values()
                .filter(|u| u.kind.is_authority())
                .count(),
            parent,
            first_year,
            year,
            by_kind,
            activity,
            tips,
            tips_transferred,
            incidents,
            value_recovered,
            places: models.places,
            clusters: models.clusters.len(),
            types: models.types,
            years: (first_year..=year)
                .map(|y| (y, facts.get(&y).cloned().unwrap_or_default()))
                .collect(),
            rewards,
            authority: a,
            standing,
            today: self.cx.today(),
        })
    }
}

fn n(v: impl Into<u64>) -> String {
    thousands(i64::try_from(v.into()).unwrap_or(i64::MAX))
}

fn count(v: usize) -> String {
    n(u64::try_from(v).unwrap_or(u64::MAX))
}

/// The place a document is dated at: the last part of the address
/// ("tỉnh Lào Cai" → "Lào Cai").
fn place(u: &Unit) -> String {
    u.address
        .as_deref()
        .and_then(|a| a.rsplit(',').next())
        .map(str::trim)
        .map(|p| {
            p.trim_start_matches("tỉnh ")
                .trim_start_matches("thành phố ")
                .to_owned()
        })
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "Lào Cai".into())
}

/// The symbol after the number: the body's Vietnamese abbreviation, not
/// its code ("BC-CAT-PV05" for a province's movement office, "BC-CAP" for
/// a ward's police, "BC-CAX" for a commune's).
fn symbol(u: &Unit) -> String {
    match u.kind {
        UnitKind::ProvincePolice => "BC-CAT-PV05".into(),
        _ if u.name.to_lowercase().contains(" xã ") => "BC-CAX".into(),
        _ => "BC-CAP".into(),
    }
}

/// The report itself.
pub fn report_document(f: &ReportFigures) -> OfficialDocument {
    let a = &f.authority;
    let period = if f.first_year == f.year {
        format!("năm {}", f.year)
    } else {
        format!("giai đoạn {}–{}", f.first_year, f.year)
    };
    let units: usize = f.by_kind.iter().map(|(_, n)| n).sum();
    let kinds = f
        .by_kind
        .iter()
        .map(|(k, c)| format!("{} {}", count(*c), antt_words::unit_kind(*k).to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ");
    let province = a.kind == UnitKind::ProvincePolice;
    let mut body = vec![
        Block::Section("I. ĐẶC ĐIỂM TÌNH HÌNH".into()),
        Block::Paragraph(format!(
            "{} hướng dẫn, theo dõi phong trào toàn dân bảo vệ an ninh Tổ quốc tại {} cơ quan, doanh nghiệp, nhà trường ({kinds}){}. Số liệu trong báo cáo được tổng hợp từ hồ sơ, sổ sách các đơn vị cập nhật trên hệ thống ANTT đến ngày {}.",
            a.name,
            count(units),
            if f.bodies > 0 {
                format!(", trên địa bàn {} công an xã, phường", count(f.bodies))
            } else {
                String::new()
            },
            antt_domain::time::format_date(f.today),
        )),
        Block::Section(format!("II. KẾT QUẢ THỰC HIỆN {}", period.to_uppercase())),
        Block::Clause("1. Công tác tuyên truyền, giáo dục, vận động".into()),
        Block::Paragraph(format!(
            "Các đơn vị đã tổ chức {} buổi tuyên truyền, vận động, phổ biến pháp luật với {} lượt người tham dự; cấp phát {} tài liệu; đăng {} tin, bài trên trang thông tin, trang mạng xã hội của đơn vị về nội dung bảo đảm an ninh, trật tự.",
            n(f.activity.sessions),
            n(f.activity.attendances),
            n(f.activity.materials),
            n(f.activity.posts),
        )),
        Block::Clause("2. Xây dựng, nhân rộng mô hình".into()),
        Block::Paragraph(if f.types.is_empty() {
            "Chưa đơn vị nào cập nhật mô hình, tổ, đội trên hệ thống.".into()
        } else {
            format!(
                "Toàn địa bàn đang duy trì {} loại mô hình, tổ, đội ({}) được triển khai ở {} điểm; {} cụm an ninh liên kết, liên hoàn.",
                count(f.types.len()),
                f.types
                    .iter()
                    .take(6)
                    .map(|t| t.type_name.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
                count(f.places),
                count(f.clusters),
            )
        }),
    ];
    if !f.types.is_empty() {
        body.push(Block::Table(BodyTable {
            headers: [
                "Loại mô hình, tổ, đội",
                "Số điểm",
                "Số mô hình",
                "Thành viên",
            ]
            .map(str::to_owned)
            .to_vec(),
            widths: vec![6, 2, 2, 2],
            rows: f
                .types
                .iter()
                .map(|t| vec![t.type_name.clone(), n(t.places), n(t.groups), n(t.members)])
                .collect(),
        }));
    }
    body.push(Block::Clause(
        "3. Cung cấp nguồn tin, phối hợp giải quyết vụ việc".into(),
    ));
    body.push(Block::Paragraph(if f.tips == 0 && f.incidents == 0 {
        format!("Trong {period}, các đơn vị chưa ghi nhận nguồn tin, vụ việc nào trên hệ thống.")
    } else {
        let transferred = if f.tips_transferred == 0 {
            "chưa nguồn tin nào phải chuyển cơ quan chức năng".to_owned()
        } else {
            format!("{} nguồn tin được chuyển cơ quan chức năng giải quyết", n(f.tips_transferred))
        };
        let recovered = if f.value_recovered > 0 {
            format!("; thu hồi tài sản trị giá {} đồng", thousands(f.value_recovered))
        } else {
            String::new()
        };
        format!(
            "Cán bộ, người lao động, học sinh, sinh viên đã cung cấp {} nguồn tin, trong đó {transferred}; các đơn vị ghi nhận {} vụ việc về an ninh, trật tự{recovered}.",
            n(f.tips),
            n(f.incidents),
        )
    }));
    body.push(Block::Clause(
        "4. Đánh giá, phân loại phong trào và công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”"
            .into(),
    ));
    let level = |u: &[UnitYear], code: Option<&str>| {
        u.iter().filter(|x| x.level.as_deref() == code).count()
    };
    body.push(Block::Table(BodyTable {
        headers: [
            "Năm",
            "Số đơn vị",
            "Xuất sắc",
            "Khá",
            "Trung bình",
            "Yếu",
            "Chưa xếp loại",
            "Được công nhận",
        ]
        .map(str::to_owned)
        .to_vec(),
        widths: vec![2, 2, 2, 2, 2, 2, 2, 3],
        rows: f
            .years
            .iter()
            .map(|(y, u)| {
                let recognised = u.iter().filter(|x| x.recognised).count();
                let tally = antt_domain::province::Tally {
                    reached: u32::try_from(recognised).unwrap_or(u32::MAX),
                    total: u32::try_from(u.len()).unwrap_or(u32::MAX),
                };
                vec![
                    y.to_string(),
                    count(u.len()),
                    count(level(u, Some("excellent"))),
                    count(level(u, Some("good"))),
                    count(level(u, Some("fair"))),
                    count(level(u, Some("weak"))),
                    count(level(u, None)),
                    format!("{} ({})", count(recognised), share_text(tally.per_mille())),
                ]
            })
            .collect(),
    }));
    body.push(Block::Clause("5. Xây dựng lực lượng bảo vệ".into()));
    if let Some((_, u)) = f.years.last() {
        let rated = u
            .iter()
            .filter(|x| {
                x.security
                    .is_some_and(antt_domain::assessment::Rating::good_or_better)
            })
            .count();
        let equipped = u.iter().filter(|x| x.equipped).count();
        let of = |k: usize| antt_domain::province::Tally {
            reached: u32::try_from(k).unwrap_or(u32::MAX),
            total: u32::try_from(u.len()).unwrap_or(u32::MAX),
        };
        body.push(Block::Paragraph(format!(
            "Năm {}, lực lượng bảo vệ của {} đơn vị ({}) được xếp loại hoàn thành tốt nhiệm vụ trở lên; {} đơn vị ({}) trang bị đủ công cụ hỗ trợ và bộ đàm theo sổ theo dõi phương tiện.",
            f.year,
            count(rated),
            share_text(of(rated).per_mille()),
            count(equipped),
            share_text(of(equipped).per_mille()),
        )));
    }
    body.push(Block::Clause("6. Công tác khen thưởng".into()));
    body.push(Block::Paragraph(if f.rewards.0 == 0 {
        format!("Trong {period}, chưa có quyết định khen thưởng nào được cập nhật trên hệ thống.")
    } else {
        format!(
            "Các đơn vị đã ban hành {} quyết định khen thưởng cho {} tập thể, cá nhân có thành tích trong phong trào.",
            n(f.rewards.0),
            n(f.rewards.1),
        )
    }));
    body.push(Block::Section(format!(
        "III. KẾT QUẢ SO VỚI CHỈ TIÊU NĂM {}",
        f.year
    )));
    let targets = &f.standing.targets;
    if targets.is_empty() {
        body.push(Block::Paragraph(
            "Chưa đặt chỉ tiêu cho giai đoạn này.".into(),
        ));
    } else {
        body.push(Block::Table(BodyTable {
            headers: ["Chỉ tiêu", "Phấn đấu", "Đạt được", "Kết quả"]
                .map(str::to_owned)
                .to_vec(),
            widths: vec![6, 2, 3, 2],
            rows: targets
                .iter()
                .map(|t| {
                    let now = t.now();
                    vec![
                        target_title(&t.target),
                        format!("{} (đến {})", t.target.share_text(), t.target.due_year),
                        format!(
                            "{} ({}/{})",
                            share_text(now.all.per_mille()),
                            now.all.reached,
                            now.all.total
                        ),
                        if now.met(&t.target) {
                            "Đạt".into()
                        } else {
                            format!("Chưa đạt, thiếu {}", now.all.missing(t.target.low))
                        },
                    ]
                })
                .collect(),
        }));
        let short: Vec<String> = targets
            .iter()
            .filter(|t| !t.now().met(&t.target))
            .map(|t| {
                let worst = t
                    .now()
                    .by_authority
                    .first()
                    .map(|(b, _)| {
                        if b.is_none_or(|b| b == a.id) {
                            format!("các đơn vị do {} trực tiếp quản lý", a.name)
                        } else {
                            format!("địa bàn {}", f.standing.name_of(*b))
                        }
                    })
                    .unwrap_or_default();
                format!(
                    "{} mới đạt {} (chỉ tiêu {}), thấp nhất ở {}",
                    target_title(&t.target),
                    share_text(t.now().all.per_mille()),
                    t.target.share_text(),
                    worst
                )
            })
            .collect();
        body.push(Block::Clause("Tồn tại, hạn chế".into()));
        body.push(Block::Paragraph(if short.is_empty() {
            "Các chỉ tiêu của năm đều đạt; cần duy trì và nâng cao chất lượng phong trào.".into()
        } else {
            format!("{}.", short.join("; "))
        }));
    }
    body.push(Block::Section("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ".into()));
    body.push(Block::Paragraph(format!(
        "Tiếp tục hướng dẫn các cơ quan, doanh nghiệp, nhà trường xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc với nội dung cụ thể, thiết thực; phấn đấu {}.",
        if targets.is_empty() {
            "nâng cao tỷ lệ đơn vị đạt tiêu chuẩn “An toàn về an ninh, trật tự”".to_owned()
        } else {
            targets
                .iter()
                .map(|t| {
                    format!(
                        "đến năm {} có {} {}",
                        t.target.due_year,
                        t.target.share_text(),
                        target_title(&t.target).to_lowercase()
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
    )));
    body.push(Block::Paragraph(
        "Tập trung hướng dẫn các đơn vị còn kéo tỷ lệ xuống (danh sách kèm theo bảng tính Excel của trang Chỉ tiêu); kiểm tra, đôn đốc việc trang bị phương tiện, xếp loại lực lượng bảo vệ và hoàn thiện hồ sơ đề nghị công nhận đúng thời hạn.".into(),
    ));
    OfficialDocument {
        parent_body: Some(
            f.parent
                .clone()
                .unwrap_or_else(|| "BỘ CÔNG AN".into())
                .to_uppercase(),
        ),
        issuing_body: a.name.to_uppercase(),
        number: None,
        symbol: symbol(a),
        place: place(a),
        date: IssueDate::from(f.today),
        kind: "BÁO CÁO".into(),
        subject: format!(
            "Kết quả thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc trong cơ quan, doanh nghiệp, nhà trường {period}"
        ),
        addressees: Vec::new(),
        bases: Vec::new(),
        body,
        recipients: if province {
            vec![
                "Cục Xây dựng phong trào bảo vệ ANTQ - Bộ Công an (để b/c)".into(),
                "UBND tỉnh (để b/c)".into(),
                "Ban Giám đốc Công an tỉnh".into(),
                "Công an các xã, phường".into(),
                "Lưu: VT, PV05".into(),
            ]
        } else {
            vec![
                format!(
                    "{} (để b/c)",
                    f.parent.clone().unwrap_or_else(|| "Công an tỉnh".into())
                ),
                "Các cơ quan, doanh nghiệp, nhà trường trên địa bàn".into(),
                "Lưu: VT".into(),
            ]
        },
        signer: Signer {
            authority: None,
            title: if province {
                "GIÁM ĐỐC".into()
            } else {
                "TRƯỞNG CÔNG AN".into()
            },
            name: String::new(),
            witness: None,
        },
    }
}

/// The report's figures as two sheets: the period's sums, and the
/// measures year by year.
fn report_sheets(f: &ReportFigures) -> Vec<crate::export::TableSheet> {
    use crate::export::{TableSheet, Value};
    use antt_domain::province::Measure;
    let period = if f.first_year == f.year {
        format!("NĂM {}", f.year)
    } else {
        format!("GIAI ĐOẠN {}–{}", f.first_year, f.year)
    };
    let title = |what: &str| vec![f.authority.name.clone(), format!("{what} {period}")];
    // Counts far below u32::MAX, so exact as f64; one past it saturates.
    let int = |n: u64| Value::Number(f64::from(u32::try_from(n).unwrap_or(u32::MAX)));
    let count = |n: usize| Value::Number(f64::from(u32::try_from(n).unwrap_or(u32::MAX)));
    let mut rows: Vec<(String, Value)> = f
        .by_kind
        .iter()
        .map(|(k, n)| {
            (
                format!("Số {}", antt_words::unit_kind(*k).to_lowercase()),
                count(*n),
            )
        })
        .collect();
    rows.extend([
        ("Cơ quan Công an cấp dưới".to_owned(), count(f.bodies)),
        ("Buổi tuyên truyền".to_owned(), int(f.activity.sessions)),
        ("Lượt người dự".to_owned(), int(f.activity.attendances)),
        ("Tài liệu phát hành".to_owned(), int(f.activity.materials)),
        ("Tin, bài đăng tải".to_owned(), int(f.activity.posts)),
        ("Tin báo tiếp nhận".to_owned(), int(f.tips)),
        (
            "Tin báo chuyển cơ quan Công an".to_owned(),
            int(f.tips_transferred),
        ),
        ("Vụ việc".to_owned(), int(f.incidents)),
        (
            "Giá trị tài sản thu hồi (đồng)".to_owned(),
            Value::Text(thousands(f.value_recovered)),
        ),
        ("Loại mô hình, tổ, đội".to_owned(), count(f.types.len())),
        ("Số điểm có mô hình, tổ, đội".to_owned(), count(f.places)),
        (
            "Cụm an ninh liên kết, liên hoàn".to_owned(),
            count(f.clusters),
        ),
        ("Quyết định khen thưởng".to_owned(), int(f.rewards.0)),
        (
            "Lượt tập thể, cá nhân được đề nghị khen".to_owned(),
            int(f.rewards.1),
        ),
    ]);
    let sums = TableSheet {
        name: "Tổng hợp".into(),
        title: title("SỐ LIỆU PHONG TRÀO"),
        headers: ["TT", "Nội dung", "Số liệu"].map(str::to_owned).to_vec(),
        widths: vec![5.0, 52.0, 16.0],
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(i, (what, n))| vec![count(i + 1), Value::Text(what), n])
            .collect(),
    };
    let mut headers = vec!["Năm".to_owned(), "Số đơn vị".to_owned()];
    headers.extend(
        Measure::ALL
            .iter()
            .map(|m| antt_words::measure(*m).to_owned()),
    );
    let by_year = TableSheet {
        name: "Theo năm".into(),
        title: title("KẾT QUẢ THEO NĂM"),
        widths: [8.0, 10.0]
            .into_iter()
            .chain(Measure::ALL.iter().map(|_| 22.0))
            .collect(),
        headers,
        rows: f
            .years
            .iter()
            .map(|(y, units)| {
                let mut row = vec![Value::Number(f64::from(*y)), count(units.len())];
                row.extend(Measure::ALL.iter().map(|m| {
                    let met = units.iter().filter(|u| m.judge(u).is_ok()).count();
                    Value::Text(format!(
                        "{met} ({})",
                        share_text(u32::try_from(met * 1_000 / units.len().max(1)).unwrap_or(0))
                    ))
                }));
                row
            })
            .collect(),
    };
    vec![sums, by_year]
}
