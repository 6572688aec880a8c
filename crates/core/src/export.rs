//! People out to Excel or CSV, in the same columns the import reads, so an
//! exported list (or the empty template) imports back unchanged.

pub use antt_docgen::{TableSheet, Value};
use antt_domain::audit::{AuditAction, Change};
use antt_domain::person::{Person, PersonFilter};
use antt_domain::person_import::{PersonColumn, gender_word, kind_word};
use antt_domain::role::Capability;
use antt_domain::text::SearchTerms;
use antt_domain::{UnitId, time};

use crate::actor::Actor;
use crate::audit::entry;
use crate::error::{CoreError, CoreResult};
use crate::org::Structure;
use crate::person::People;

/// The file formats a list is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

impl ExportFormat {
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "xlsx" | "excel" => Some(Self::Xlsx),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            Self::Xlsx => "xlsx",
            Self::Csv => "csv",
        }
    }
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// A file to hand to the user.
#[derive(Clone, Debug)]
pub struct ExportFile {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// The columns of a people list, in order; without personal details for
/// roles that may not see them.
fn columns(details: bool) -> Vec<PersonColumn> {
    use PersonColumn as C;
    let mut columns = vec![C::Number, C::Code, C::FullName];
    if details {
        columns.extend([C::BirthDate, C::Gender, C::Ethnicity]);
    }
    columns.extend([C::Kind, C::Class, C::Department, C::Position, C::Boarding]);
    if details {
        columns.extend([C::Phone, C::Email]);
    }
    columns
}

fn width(column: PersonColumn) -> f64 {
    match column {
        PersonColumn::Number => 6.0,
        PersonColumn::FullName => 28.0,
        PersonColumn::Department | PersonColumn::Email => 26.0,
        PersonColumn::Kind | PersonColumn::Class | PersonColumn::Position => 20.0,
        PersonColumn::Boarding | PersonColumn::Gender => 10.0,
        _ => 14.0,
    }
}

fn cell(column: PersonColumn, n: usize, p: &Person, structure: &Structure) -> Value {
    use PersonColumn as C;
    let class = structure.class(p.class_id);
    match column {
        C::Number => Value::Text(n.to_string()),
        C::Code => Value::Text(p.code.clone()),
        C::FullName => Value::Text(p.full_name.clone()),
        C::BirthDate => p.birth_date.into(),
        C::BirthDateMale => p
            .birth_date
            .filter(|_| p.gender == Some(antt_domain::person::Gender::Male))
            .into(),
        C::BirthDateFemale => p
            .birth_date
            .filter(|_| p.gender == Some(antt_domain::person::Gender::Female))
            .into(),
        C::Gender | C::Female => p.gender.map(|g| gender_word(g).to_owned()).into(),
        C::Ethnicity => p.ethnicity.clone().into(),
        C::Kind => kind_word(p.kind).into(),
        C::Class => class.map(|c| c.name.clone()).into(),
        C::Department => structure
            .department_name(
                p.department_id
                    .or_else(|| class.and_then(|c| c.department_id)),
            )
            .into(),
        C::Position => p.position.clone().into(),
        C::Boarding => if p.boarding { "x" } else { "" }.into(),
        C::Phone => p.phone.clone().into(),
        C::Email => p.email.clone().into(),
        C::FamilyName | C::GivenName => Value::Empty,
    }
}

fn table(
    unit_name: &str,
    title: &str,
    date: &str,
    columns: &[PersonColumn],
    people: &[&Person],
    structure: &Structure,
) -> TableSheet {
    TableSheet {
        name: "Danh sách".into(),
        title: vec![unit_name.to_uppercase(), title.into(), date.into()],
        headers: columns.iter().map(|c| c.header().to_owned()).collect(),
        widths: columns.iter().map(|&c| width(c)).collect(),
        rows: people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                columns
                    .iter()
                    .map(|&c| cell(c, i + 1, p, structure))
                    .collect()
            })
            .collect(),
    }
}

/// How to fill in each column of the template.
fn guide(structure: &Structure) -> TableSheet {
    let rows = [
        (
            "Mã",
            "Mã sinh viên, học sinh hoặc cán bộ; không trùng nhau. Nhập lại tệp sẽ cập nhật người có cùng mã.",
        ),
        (
            "Họ và tên",
            "Họ và tên đầy đủ; có thể tách thành hai cột \"Họ đệm\" và \"Tên\".",
        ),
        ("Ngày sinh", "Ngày/tháng/năm, ví dụ 15/08/2005."),
        ("Giới tính", "Nam hoặc Nữ."),
        (
            "Đối tượng",
            "Học sinh, sinh viên hoặc Cán bộ, viên chức. Để trống: người có lớp là học sinh.",
        ),
        ("Lớp", "Tên lớp như trong antt (xem danh mục bên dưới)."),
        (
            "Khoa/Phòng",
            "Tên khoa, phòng của cán bộ (xem danh mục bên dưới).",
        ),
        ("Nội trú", "x nếu ở nội trú, để trống nếu không."),
        (
            "Điện thoại, Email",
            "Không bắt buộc. Ô để trống không xóa thông tin đã có.",
        ),
    ];
    let mut table_rows: Vec<Vec<Value>> = rows
        .iter()
        .map(|(c, how)| vec![(*c).into(), (*how).into()])
        .collect();
    table_rows.push(vec![Value::Empty, Value::Empty]);
    for c in &structure.classes {
        table_rows.push(vec!["Lớp".into(), c.name.clone().into()]);
    }
    for d in &structure.departments {
        table_rows.push(vec!["Khoa/Phòng".into(), d.name.clone().into()]);
    }
    TableSheet {
        name: "Hướng dẫn".into(),
        title: vec!["CÁCH ĐIỀN MẪU DANH SÁCH".into()],
        headers: vec!["Cột".into(), "Cách ghi".into()],
        widths: vec![18.0, 90.0],
        rows: table_rows,
    }
}

fn render(sheets: &[TableSheet], format: ExportFormat) -> CoreResult<Vec<u8>> {
    match format {
        ExportFormat::Xlsx => antt_docgen::xlsx(sheets),
        ExportFormat::Csv => antt_docgen::csv(&sheets[0]),
    }
    .map_err(CoreError::internal)
}

impl People {
    /// The people of a unit matching `filter`, as a file; the export is
    /// written to the audit log.
    #[tracing::instrument(name = "people.export", skip_all, fields(actor = %actor.name))]
    pub async fn export(
        &self,
        actor: &Actor,
        unit: UnitId,
        filter: &PersonFilter,
        format: ExportFormat,
    ) -> CoreResult<ExportFile> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPeople)?;
        let details = actor.role.can(Capability::ReadPersonDetails);
        let structure = self.org.structure(actor, unit).await?;
        let everyone = self.cx.cached_people(unit).await?;
        let terms = SearchTerms::new(filter.query.as_deref());
        let people: Vec<&Person> = everyone
            .iter()
            .filter(|(key, p)| {
                let faculty = || structure.class(p.class_id).and_then(|c| c.department_id);
                filter.admits(p, faculty) && terms.matches(key)
            })
            .map(|(_, p)| p)
            .collect();
        let unit_record = self.cx.cached_unit(unit).await?;
        let now = self.cx.now();
        let today = time::local_date(now);
        let columns = columns(details);
        let sheet = table(
            &unit_record.name,
            "DANH SÁCH CÁN BỘ, HỌC SINH, SINH VIÊN",
            &format!("Xuất từ antt {}", time::format_date_long(today)),
            &columns,
            &people,
            &structure,
        );
        let file_name = format!(
            "danh-sach-{}-{}.{}",
            unit_record.code.to_lowercase(),
            today.format("%Y%m%d"),
            format.extension()
        );
        let bytes = tokio::task::spawn_blocking(move || render(&[sheet], format))
            .await
            .map_err(CoreError::internal)??;
        let fields = [
            ("rows", Some(people.len().to_string())),
            ("format", Some(format.extension().to_owned())),
        ];
        self.cx
            .record(entry(
                actor,
                Some(unit),
                AuditAction::Export,
                None,
                file_name.clone(),
                Change::diff(&[], &fields),
            ))
            .await?;
        Ok(ExportFile {
            file_name,
            content_type: format.content_type(),
            bytes,
        })
    }

    /// The empty sheet to fill in and import, with a guide and the unit's
    /// classes and departments.
    #[tracing::instrument(name = "people.template", skip_all, fields(actor = %actor.name))]
    pub async fn template(&self, actor: &Actor, unit: UnitId) -> CoreResult<ExportFile> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPeople)?;
        let structure = self.org.structure(actor, unit).await?;
        let unit_record = self.cx.cached_unit(unit).await?;
        let sheets = [
            table(
                &unit_record.name,
                "DANH SÁCH CÁN BỘ, HỌC SINH, SINH VIÊN",
                "Mỗi người một dòng, bắt đầu ngay dưới dòng tiêu đề.",
                &columns(true),
                &[],
                &structure,
            ),
            guide(&structure),
        ];
        Ok(ExportFile {
            file_name: format!("mau-danh-sach-{}.xlsx", unit_record.code.to_lowercase()),
            content_type: ExportFormat::Xlsx.content_type(),
            bytes: render(&sheets, ExportFormat::Xlsx)?,
        })
    }
}
