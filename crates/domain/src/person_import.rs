//! Reading people from the sheets schools keep: which columns mean what,
//! and each row's cells checked and cleaned. Matching classes, departments
//! and existing people is the use case's job (it knows the unit).

use chrono::{Days, NaiveDate};

use crate::person::{Gender, PersonKind};
pub use crate::sheet::Problem;
use crate::sheet::{Cell, ColumnKind, DataRow, Sheet, Table, find_table};
use crate::text::{self, search_key};
use crate::time;
use crate::validation::ErrorCode;

/// A column of a people sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PersonColumn {
    /// STT: the row number, ignored.
    Number,
    /// Họ và tên in one column.
    FullName,
    /// Họ đệm: the family and middle names, when the given name has its own column.
    FamilyName,
    /// Tên.
    GivenName,
    Code,
    BirthDate,
    /// "Ngày sinh" split into "Nam" and "Nữ": the day written in one of
    /// them gives the date of birth and the gender.
    BirthDateMale,
    BirthDateFemale,
    Gender,
    /// A "Nữ" column ticked for women.
    Female,
    Ethnicity,
    Boarding,
    Class,
    Department,
    Position,
    Phone,
    Email,
    /// Đối tượng: staff or student.
    Kind,
}

impl PersonColumn {
    /// The header of this column in the sheets antt writes (export and template).
    pub fn header(self) -> &'static str {
        match self {
            Self::Number => "STT",
            Self::FullName => "Họ và tên",
            Self::FamilyName => "Họ đệm",
            Self::GivenName => "Tên",
            Self::Code => "Mã",
            Self::BirthDate => "Ngày sinh",
            Self::BirthDateMale => "Ngày sinh (Nam)",
            Self::BirthDateFemale => "Ngày sinh (Nữ)",
            Self::Gender => "Giới tính",
            Self::Female => "Nữ",
            Self::Ethnicity => "Dân tộc",
            Self::Boarding => "Nội trú",
            Self::Class => "Lớp",
            Self::Department => "Khoa/Phòng",
            Self::Position => "Chức vụ",
            Self::Phone => "Điện thoại",
            Self::Email => "Email",
            Self::Kind => "Đối tượng",
        }
    }

    /// The field of a person this column fills, as named in forms and errors.
    pub fn field(self) -> &'static str {
        match self {
            Self::Number => "number",
            Self::FullName | Self::FamilyName | Self::GivenName => "full_name",
            Self::Code => "code",
            Self::BirthDate | Self::BirthDateMale | Self::BirthDateFemale => "birth_date",
            Self::Gender | Self::Female => "gender",
            Self::Ethnicity => "ethnicity",
            Self::Boarding => "boarding",
            Self::Class => "class",
            Self::Department => "department",
            Self::Position => "position",
            Self::Phone => "phone",
            Self::Email => "email",
            Self::Kind => "kind",
        }
    }
}

impl ColumnKind for PersonColumn {
    fn recognise(key: &str) -> Option<Self> {
        let starts = |w: &str| key == w || key.starts_with(&format!("{w} "));
        Some(match key {
            "stt" | "tt" | "so tt" | "so thu tu" => Self::Number,
            "ho dem" | "ho va dem" | "ho va ten dem" | "ho lot" | "ho" => Self::FamilyName,
            "ten" => Self::GivenName,
            "nu" => Self::Female,
            "gioi tinh" | "gt" | "phai" | "nam nu" | "gioi" => Self::Gender,
            "dan toc" => Self::Ethnicity,
            "lop" | "ten lop" | "lop hoc" | "lop sinh hoat" | "lop hanh chinh" => Self::Class,
            "chuc vu" | "chuc danh" | "chuc vu chuc danh" => Self::Position,
            "email" | "e mail" | "thu dien tu" => Self::Email,
            "doi tuong" | "loai" => Self::Kind,
            "mssv" | "mshs" | "ma" | "ma so" | "ma dinh danh" => Self::Code,
            "khoa" | "phong" | "khoa phong" | "phong khoa" | "don vi" | "bo phan" | "phong ban"
            | "khoa phong ban" | "don vi cong tac" | "to chuyen mon" => Self::Department,
            _ if starts("ho va ten") || starts("ho ten") => Self::FullName,
            _ if starts("ngay sinh") || starts("ngay thang nam sinh") || starts("sinh ngay") => {
                Self::BirthDate
            }
            _ if starts("ns") => Self::BirthDate,
            _ if [
                "ma sv",
                "ma hs",
                "ma hoc sinh",
                "ma sinh vien",
                "ma so sinh vien",
            ]
            .iter()
            .chain(&[
                "ma so hoc sinh",
                "ma cb",
                "ma can bo",
                "ma nv",
                "ma nhan vien",
            ])
            .chain(&["ma vien chuc", "ma gv", "ma giao vien"])
            .any(|w| starts(w)) =>
            {
                Self::Code
            }
            _ if [
                "noi tru",
                "o noi tru",
                "ktx",
                "o ktx",
                "ky tuc xa",
                "o ky tuc xa",
            ]
            .iter()
            .any(|w| starts(w)) =>
            {
                Self::Boarding
            }
            _ if [
                "dien thoai",
                "so dien thoai",
                "sdt",
                "sđt",
                "dtdd",
                "di dong",
            ]
            .iter()
            .any(|w| starts(w)) =>
            {
                Self::Phone
            }
            _ => return None,
        })
    }

    fn is_header(found: &[Self]) -> bool {
        let named = found
            .iter()
            .any(|c| matches!(c, Self::FullName | Self::GivenName));
        let other = found.iter().any(|c| {
            matches!(
                c,
                Self::Code
                    | Self::BirthDate
                    | Self::BirthDateMale
                    | Self::BirthDateFemale
                    | Self::Class
                    | Self::Department
                    | Self::Gender
                    | Self::Number
            )
        });
        named && other
    }

    fn block_title(text: &str) -> Option<(Self, String)> {
        // "Lớp: CĐ21A", "LỚP CĐ KẾ TOÁN K15 (40 SV)", "Khoa: Kinh tế".
        let key = search_key(text);
        let kind = if key.starts_with("lop ") || key.starts_with("lop:") {
            Self::Class
        } else if key.starts_with("khoa ") || key.starts_with("khoa:") {
            Self::Department
        } else {
            return None;
        };
        // The title's own words after the first one (and its colon), up to
        // a note such as "(40 SV)" or "- Sĩ số".
        let rest = text.trim().split_once([' ', ':'])?.1;
        let rest = rest.trim_start_matches([':', ' ']);
        let value = rest
            .split(['(', '–', ','])
            .next()
            .unwrap_or(rest)
            .split(" - ")
            .next()
            .unwrap_or(rest)
            .trim();
        (!value.is_empty() && value.chars().count() <= 100).then(|| {
            let value = match kind {
                // "Khoa Kinh tế" as a department keeps its first word.
                Self::Department => format!("Khoa {value}"),
                _ => value.to_owned(),
            };
            (kind, value)
        })
    }

    fn split(parent: Self, key: &str) -> Option<Self> {
        match (parent, key) {
            (Self::BirthDate, "nam") => Some(Self::BirthDateMale),
            (Self::BirthDate, "nu") => Some(Self::BirthDateFemale),
            _ => None,
        }
    }

    fn identity() -> &'static [Self] {
        &[
            Self::FullName,
            Self::FamilyName,
            Self::GivenName,
            Self::Code,
        ]
    }
}

/// How the sheets antt writes name a kind of person (and read it back).
pub fn kind_word(kind: PersonKind) -> &'static str {
    match kind {
        PersonKind::Staff => "Cán bộ, viên chức",
        PersonKind::Student => "Học sinh, sinh viên",
    }
}

/// How the sheets antt writes name a gender.
pub fn gender_word(gender: Gender) -> &'static str {
    match gender {
        Gender::Male => "Nam",
        Gender::Female => "Nữ",
    }
}

/// A person as read from one row: every value checked, nothing matched yet.
/// `None` is a blank cell (or a column the sheet does not have).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonRecord {
    pub row: usize,
    pub code: Option<String>,
    pub full_name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub gender: Option<Gender>,
    pub ethnicity: Option<String>,
    pub boarding: Option<bool>,
    /// The class and department as written; the use case finds them.
    pub class: Option<String>,
    pub department: Option<String>,
    pub position: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub kind: Option<PersonKind>,
}

/// What was read from a people sheet.
#[derive(Clone, Debug)]
pub struct PeopleSheet {
    pub sheet_name: String,
    pub table: Table<PersonColumn>,
    /// The rows that could be read, problems or not.
    pub records: Vec<PersonRecord>,
    /// Problems by row, in sheet order.
    pub problems: Vec<Problem>,
    /// Row numbers below the table that hold something but were not read.
    pub rows_below: Vec<usize>,
}

impl PeopleSheet {
    pub fn has(&self, column: PersonColumn) -> bool {
        self.table.column(column).is_some()
    }
}

/// Why no people could be read from a file at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetRefusal {
    /// No sheet has a header with a name column and another known column.
    NoHeader,
    /// The header has no code column (Mã SV, MSSV, Mã HS, Mã CB…): people
    /// could not be matched on a second import.
    NoCode,
}

/// Reads the people of the first sheet that has a people table.
/// `today` bounds dates of birth.
pub fn read_people(sheets: &[Sheet], today: NaiveDate) -> Result<PeopleSheet, SheetRefusal> {
    let (sheet, table) = sheets
        .iter()
        .find_map(|s| find_table::<PersonColumn>(s).map(|t| (s, t)))
        .ok_or(SheetRefusal::NoHeader)?;
    if table.column(PersonColumn::Code).is_none() {
        return Err(SheetRefusal::NoCode);
    }
    let mut problems = Vec::new();
    let records = table
        .rows
        .iter()
        .map(|row| read_row(sheet, &table, row, today, &mut problems))
        .collect();
    Ok(PeopleSheet {
        sheet_name: sheet.name.clone(),
        rows_below: table
            .rows_below
            .iter()
            .map(|&r| sheet.row_number(r))
            .collect(),
        table,
        records,
        problems,
    })
}

struct RowReader<'a> {
    sheet: &'a Sheet,
    table: &'a Table<PersonColumn>,
    row: usize,
    problems: &'a mut Vec<Problem>,
}

impl RowReader<'_> {
    fn cell(&self, column: PersonColumn) -> Option<&Cell> {
        let c = self.table.column(column)?;
        Some(self.sheet.cell(self.row, c.index)).filter(|c| !c.is_empty())
    }

    fn refuse(&mut self, column: PersonColumn, code: ErrorCode) {
        let value = self
            .cell(column)
            .map(|c| c.text().into_owned())
            .unwrap_or_default();
        let at = self
            .table
            .column(column)
            .map(|c| (self.sheet.column_name(c.index), c.label.clone()));
        self.problems.push(Problem {
            row: self.sheet.row_number(self.row),
            column: at,
            field: column.field(),
            code,
            value,
        });
    }

    /// Reads a cell with `parse`, recording its problem; blank is `None`.
    fn read<T>(
        &mut self,
        column: PersonColumn,
        parse: impl FnOnce(&Cell) -> Result<Option<T>, ErrorCode>,
    ) -> Option<T> {
        let cell = self.cell(column)?;
        match parse(cell) {
            Ok(v) => v,
            Err(code) => {
                self.refuse(column, code);
                None
            }
        }
    }

    fn text(&mut self, column: PersonColumn, max: usize) -> Option<String> {
        self.read(column, |c| {
            text::optional(column.field(), Some(&c.text()), max).map_err(|e| e.code)
        })
    }
}

fn read_row(
    sheet: &Sheet,
    table: &Table<PersonColumn>,
    data: &DataRow<PersonColumn>,
    today: NaiveDate,
    problems: &mut Vec<Problem>,
) -> PersonRecord {
    use PersonColumn as C;
    let row = data.index;
    let mut r = RowReader {
        sheet,
        table,
        row,
        problems,
    };
    let full_name = name(&r);
    let name_column = if table.column(C::FullName).is_some() {
        C::FullName
    } else {
        C::GivenName
    };
    let full_name = match full_name {
        None => {
            r.refuse(name_column, ErrorCode::Required);
            None
        }
        Some(n) if n.chars().count() > 120 => {
            r.refuse(name_column, ErrorCode::TooLong);
            None
        }
        Some(n) if n.chars().any(|c| c.is_ascii_digit() || c == '@') => {
            r.refuse(name_column, ErrorCode::Invalid);
            None
        }
        Some(n) => Some(n),
    };
    let code = match r.cell(C::Code).map(Cell::text) {
        None => {
            r.refuse(C::Code, ErrorCode::Required);
            None
        }
        Some(t) => match text::code("code", &t, 32) {
            Ok(code) => Some(code),
            Err(e) => {
                r.refuse(C::Code, e.code);
                None
            }
        },
    };
    let born = |r: &mut RowReader<'_>, column| r.read(column, |c| birth_date(c, today).map(Some));
    // Under "Ngày sinh" split into "Nam" | "Nữ", the column the day stands
    // in tells the gender.
    let (birth_date, born_as) = match (r.cell(C::BirthDateMale), r.cell(C::BirthDateFemale)) {
        (Some(_), None) => (born(&mut r, C::BirthDateMale), Some(Gender::Male)),
        (None, Some(_)) => (born(&mut r, C::BirthDateFemale), Some(Gender::Female)),
        (Some(_), Some(_)) => {
            r.refuse(C::BirthDateFemale, ErrorCode::EitherOr);
            (None, None)
        }
        (None, None) => (born(&mut r, C::BirthDate), None),
    };
    let gender = r
        .read(C::Gender, |c| gender(&c.text()).map(Some))
        .or(born_as)
        .or_else(|| {
            table
                .column(C::Female)
                .map(|_| r.cell(C::Female).map_or(Gender::Male, |_| Gender::Female))
        });
    // A row under a block title ("Lớp: CĐ21A") takes its class or faculty
    // from the title when it does not name one itself.
    let from_block = |kind| match &data.block {
        Some((k, value)) if *k == kind => Some(value.clone()),
        _ => None,
    };
    let boarding = r.read(C::Boarding, |c| yes_no(c).map(Some)).or_else(|| {
        // A blank "Nội trú" cell in a sheet that has the column means "no".
        table.column(C::Boarding).map(|_| false)
    });
    let kind = r.read(C::Kind, |c| kind(&c.text()).map(Some));
    PersonRecord {
        row: sheet.row_number(row),
        code,
        full_name,
        birth_date,
        gender,
        ethnicity: r.text(C::Ethnicity, 50).map(|e| text::person_name(&e)),
        boarding,
        class: r.text(C::Class, 100).or_else(|| from_block(C::Class)),
        department: r
            .text(C::Department, 200)
            .or_else(|| from_block(C::Department)),
        position: r.text(C::Position, 100),
        phone: r.read(C::Phone, |c| {
            let t = match c {
                // A number cell loses the leading zero: 912345678.
                Cell::Number(_) if c.text().len() == 9 => format!("0{}", c.text()),
                _ => c.text().into_owned(),
            };
            text::phone("phone", Some(&t)).map_err(|e| e.code)
        }),
        email: r.read(C::Email, |c| {
            text::email("email", Some(&c.text())).map_err(|e| e.code)
        }),
        kind,
    }
}

/// The name from one column, or joined from "Họ đệm" and "Tên".
fn name(r: &RowReader<'_>) -> Option<String> {
    let part = |c| r.cell(c).map(|c| c.text().into_owned());
    let joined = match (
        part(PersonColumn::FullName),
        part(PersonColumn::FamilyName),
        part(PersonColumn::GivenName),
    ) {
        (Some(full), _, _) => full,
        (None, Some(family), Some(given)) => format!("{family} {given}"),
        (None, None, Some(given)) => given,
        (None, Some(_) | None, None) => return None,
    };
    let name = text::person_name(&joined);
    (!name.is_empty()).then_some(name)
}

/// An Excel serial day number: days since 30/12/1899.
fn excel_serial(n: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&n) {
        return None;
    }
    let days = n.floor();
    // Whole days in range: the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let days = days as u64;
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(days))
}

/// A date of birth from a date cell, an Excel serial number or text typed
/// day first (15/8/2005, 15-08-2005, 15.08.2005, with or without a time).
fn birth_date(cell: &Cell, today: NaiveDate) -> Result<NaiveDate, ErrorCode> {
    let date = match cell {
        Cell::Date(d) => Some(*d),
        // A bare year (2005) is not a date of birth.
        Cell::Number(n) if (1900.0..=2100.0).contains(n) => None,
        Cell::Number(n) => excel_serial(*n),
        Cell::Text(t) => {
            let t = t.trim();
            let date_part = t.split_once(' ').map_or(t, |(d, _)| d);
            time::parse_date(date_part)
        }
        Cell::Empty | Cell::Bool(_) => None,
    };
    match date {
        Some(d) if d <= today && today.years_since(d).is_some_and(|age| age <= 110) => Ok(d),
        _ => Err(ErrorCode::InvalidDate),
    }
}

fn gender(text: &str) -> Result<Gender, ErrorCode> {
    match search_key(text).as_str() {
        "nam" | "m" | "male" | "trai" => Ok(Gender::Male),
        "nu" | "f" | "female" | "gai" => Ok(Gender::Female),
        _ => Err(ErrorCode::Invalid),
    }
}

/// "x", "Có", "Nội trú", "1" → yes; "Không", "Ngoại trú", "0" → no.
fn yes_no(cell: &Cell) -> Result<bool, ErrorCode> {
    if let Cell::Bool(b) = cell {
        return Ok(*b);
    }
    match search_key(&cell.text()).as_str() {
        "x" | "co" | "c" | "1" | "yes" | "y" | "true" | "noi tru" | "nt" | "ktx" | "o ktx" => {
            Ok(true)
        }
        "khong" | "k" | "0" | "no" | "n" | "false" | "ngoai tru" => Ok(false),
        _ => Err(ErrorCode::Invalid),
    }
}

fn kind(text: &str) -> Result<PersonKind, ErrorCode> {
    match search_key(text).as_str() {
        "hoc sinh" | "sinh vien" | "hoc sinh sinh vien" | "hssv" | "hs" | "sv" | "hoc vien"
        | "student" => Ok(PersonKind::Student),
        "can bo" | "giang vien" | "giao vien" | "nhan vien" | "vien chuc" | "cb" | "gv"
        | "cbgv" | "nguoi lao dong" | "staff" | "can bo giao vien" | "can bo vien chuc" => {
            Ok(PersonKind::Staff)
        }
        _ => Err(ErrorCode::Invalid),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn t(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.into())
        }
    }

    fn sheet(rows: Vec<Vec<Cell>>) -> Vec<Sheet> {
        vec![Sheet {
            name: "DS".into(),
            rows,
            origin: (0, 0),
            legacy: None,
        }]
    }

    fn texts(rows: &[&[&str]]) -> Vec<Vec<Cell>> {
        rows.iter()
            .map(|r| r.iter().map(|s| t(s)).collect())
            .collect()
    }

    #[test]
    fn headers_in_any_spelling() {
        use PersonColumn as C;
        for (label, column) in [
            ("Họ và tên", C::FullName),
            ("HỌ VÀ TÊN", C::FullName),
            ("Họ tên", C::FullName),
            ("Họ và tên học sinh", C::FullName),
            ("NS", C::BirthDate),
            ("Ngày sinh (dd/mm/yyyy)", C::BirthDate),
            ("Ngày, tháng, năm sinh", C::BirthDate),
            ("Mã SV", C::Code),
            ("MSSV", C::Code),
            ("Mã HS", C::Code),
            ("Mã cán bộ", C::Code),
            ("Lớp", C::Class),
            ("Giới tính", C::Gender),
            ("Dân tộc", C::Ethnicity),
            ("Nội trú", C::Boarding),
            ("Ở KTX", C::Boarding),
            ("Khoa", C::Department),
            ("Phòng", C::Department),
            ("Khoa/Phòng", C::Department),
            ("Chức vụ", C::Position),
            ("SĐT", C::Phone),
            ("Số điện thoại", C::Phone),
            ("E-mail", C::Email),
            ("Họ đệm", C::FamilyName),
            ("Tên", C::GivenName),
        ] {
            assert_eq!(
                PersonColumn::recognise(&search_key(label)),
                Some(column),
                "{label}"
            );
        }
        assert_eq!(PersonColumn::recognise(&search_key("Ghi chú")), None);
        // Every header antt writes reads back as its own column.
        for c in [
            C::FullName,
            C::Code,
            C::BirthDate,
            C::Gender,
            C::Ethnicity,
            C::Boarding,
        ]
        .into_iter()
        .chain([
            C::Class,
            C::Department,
            C::Position,
            C::Phone,
            C::Email,
            C::Kind,
        ]) {
            assert_eq!(PersonColumn::recognise(&search_key(c.header())), Some(c));
        }
    }

    #[test]
    fn a_messy_sheet_reads_clean() {
        let mut rows = texts(&[
            &["TRƯỜNG CAO ĐẲNG LÀO CAI", "", "", "", "", "", ""],
            &[
                "DANH SÁCH SINH VIÊN NĂM HỌC 2026-2027",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
            &["STT", "MSSV", "Họ và tên", "", "NS", "Giới tính", "Nội trú"],
            &["", "", "Họ đệm", "Tên", "", "", ""],
            &["1", "SV001", "NGUYỄN  văn", "an", "15/8/2005", "Nam", "x"],
            &["2", "SV002", "lê thị", "hà", "", "nữ", ""],
            &["3", "SV003", "Trần Văn", "Bình", "31/02/2005", "?", "có"],
            &["Tổng cộng: 3", "", "", "", "", "", ""],
        ]);
        rows[5][4] = Cell::Number(38_579.0); // 15/08/2005 as an Excel serial
        let read = read_people(&sheet(rows), today()).unwrap();
        assert_eq!(read.records.len(), 3);
        let an = &read.records[0];
        assert_eq!(an.row, 5);
        assert_eq!(an.full_name.as_deref(), Some("Nguyễn Văn An"));
        assert_eq!(an.birth_date, NaiveDate::from_ymd_opt(2005, 8, 15));
        assert_eq!((an.gender, an.boarding), (Some(Gender::Male), Some(true)));
        let ha = &read.records[1];
        assert_eq!(ha.birth_date, NaiveDate::from_ymd_opt(2005, 8, 15));
        assert_eq!(
            (ha.gender, ha.boarding),
            (Some(Gender::Female), Some(false))
        );
        let problems: Vec<(usize, Option<&str>, &str)> = read
            .problems
            .iter()
            .map(|p| (p.row, p.column.as_ref().map(|c| c.0.as_str()), p.field))
            .collect();
        assert_eq!(
            problems,
            [(7, Some("E"), "birth_date"), (7, Some("F"), "gender")]
        );
        assert_eq!(read.problems[0].value, "31/02/2005");
        assert_eq!(read.rows_below, [8]);
    }

    #[test]
    fn dates_in_every_form_are_day_first() {
        let d = NaiveDate::from_ymd_opt(2005, 8, 15);
        for text in [
            "15/8/2005",
            "15-08-2005",
            "15.08.2005",
            "15/08/2005 00:00:00",
            "2005-08-15",
        ] {
            assert_eq!(birth_date(&t(text), today()).ok(), d, "{text}");
        }
        assert_eq!(birth_date(&Cell::Number(38_579.0), today()).ok(), d);
        assert_eq!(birth_date(&Cell::Date(d.unwrap()), today()).ok(), d);
        assert_eq!(
            birth_date(&t("3/4/2005"), today()).ok(),
            NaiveDate::from_ymd_opt(2005, 4, 3),
            "day first, never month first"
        );
        assert!(birth_date(&Cell::Number(2005.0), today()).is_err());
        assert!(birth_date(&t("1/1/2030"), today()).is_err());
    }

    #[test]
    fn yes_no_gender_and_kind_words() {
        for yes in ["x", "X", "Có", "Nội trú", "1"] {
            assert_eq!(yes_no(&t(yes)), Ok(true), "{yes}");
        }
        for no in ["Không", "Ngoại trú", "0"] {
            assert_eq!(yes_no(&t(no)), Ok(false), "{no}");
        }
        assert!(yes_no(&t("có lẽ")).is_err());
        assert_eq!(gender("NỮ"), Ok(Gender::Female));
        assert_eq!(kind("Sinh viên"), Ok(PersonKind::Student));
        assert_eq!(kind("Giảng viên"), Ok(PersonKind::Staff));
        for k in [PersonKind::Staff, PersonKind::Student] {
            assert_eq!(kind(kind_word(k)), Ok(k));
        }
        for g in [Gender::Male, Gender::Female] {
            assert_eq!(gender(gender_word(g)), Ok(g));
        }
    }

    #[test]
    fn a_female_column_and_phone_numbers() {
        let mut rows = texts(&[
            &["Mã CB", "Họ tên", "Nữ", "Điện thoại", "Phòng"],
            &["CB01", "Hoàng Văn Nam", "", "", "Phòng Đào tạo"],
            &["CB02", "Vũ Thị Mai", "x", "", "Khoa Kỹ thuật"],
        ]);
        rows[1][3] = Cell::Number(912_345_678.0);
        let read = read_people(&sheet(rows), today()).unwrap();
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        assert_eq!(read.records[0].gender, Some(Gender::Male));
        assert_eq!(read.records[1].gender, Some(Gender::Female));
        assert_eq!(read.records[0].phone.as_deref(), Some("0912345678"));
        assert_eq!(read.records[1].department.as_deref(), Some("Khoa Kỹ thuật"));
    }

    #[test]
    fn refusals_of_the_whole_file() {
        let no_header = sheet(texts(&[&["a", "b"], &["c", "d"]]));
        assert_eq!(
            read_people(&no_header, today()).unwrap_err(),
            SheetRefusal::NoHeader
        );
        let no_code = sheet(texts(&[&["Họ và tên", "Ngày sinh"], &["An", "1/1/2005"]]));
        assert_eq!(
            read_people(&no_code, today()).unwrap_err(),
            SheetRefusal::NoCode
        );
    }

    #[test]
    fn missing_names_and_codes_are_problems() {
        let rows = texts(&[
            &["Mã HS", "Họ và tên", "Lớp"],
            &["", "Nguyễn Văn An", "10A1"],
            &["HS02", "", "10A1"],
            &["HS 03", "Lê 3", "10A1"],
        ]);
        let read = read_people(&sheet(rows), today()).unwrap();
        let problems: Vec<(usize, &str, ErrorCode)> = read
            .problems
            .iter()
            .map(|p| (p.row, p.field, p.code))
            .collect();
        assert_eq!(
            problems,
            [
                (2, "code", ErrorCode::Required),
                (3, "full_name", ErrorCode::Required),
                (4, "full_name", ErrorCode::Invalid),
                (4, "code", ErrorCode::InvalidCode),
            ]
        );
    }

    /// A class list as offices keep it: two class blocks on one sheet, each
    /// under its own "Lớp: …" title and header, blank rows between them,
    /// and the date of birth written under "Nam" or "Nữ". Before, the
    /// table ended at the first blank row and half the people were lost.
    #[test]
    fn class_blocks_blank_rows_and_birth_dates_under_nam_nu_are_all_read() {
        let rows = texts(&[
            &["TRƯỜNG CAO ĐẲNG LÀO CAI", "", "", "", ""],
            &[
                "DANH SÁCH HỌC SINH, SINH VIÊN NĂM HỌC 2026-2027",
                "",
                "",
                "",
                "",
            ],
            &["Lớp: CĐ Kế toán K15 (3 SV)", "", "", "", ""],
            &["STT", "Mã SV", "Họ và tên", "Ngày sinh", ""],
            &["", "", "", "Nam", "Nữ"],
            &["1", "SV1501", "Nguyễn Văn An", "15/8/2006", ""],
            &["2", "SV1502", "Lê Thị Hà", "", "1/2/2006"],
            &["", "", "", "", ""],
            &["3", "SV1503", "Vàng A Dế", "3/3/2006", ""],
            &["", "", "", "", ""],
            &["", "", "", "", ""],
            &["Lớp: CĐ Điện K15", "", "", "", ""],
            &["STT", "Mã SV", "Họ và tên", "Ngày sinh", ""],
            &["", "", "", "Nam", "Nữ"],
            &["1", "SV1601", "Lò Thị Mai", "", "9/9/2006"],
            &["2", "SV1602", "Hoàng Văn Nam", "10/10/2006", "10/10/2006"],
            &["", "", "", "", ""],
            &["Lào Cai, ngày 20 tháng 11 năm 2026", "", "", "", ""],
            &["", "Người lập biểu", "", "", ""],
        ]);
        let read = read_people(&sheet(rows), today()).unwrap();
        let people: Vec<(&str, Option<&str>, Option<Gender>)> = read
            .records
            .iter()
            .map(|r| {
                (
                    r.code.as_deref().unwrap_or(""),
                    r.class.as_deref(),
                    r.gender,
                )
            })
            .collect();
        assert_eq!(
            people,
            [
                ("SV1501", Some("CĐ Kế toán K15"), Some(Gender::Male)),
                ("SV1502", Some("CĐ Kế toán K15"), Some(Gender::Female)),
                ("SV1503", Some("CĐ Kế toán K15"), Some(Gender::Male)),
                ("SV1601", Some("CĐ Điện K15"), Some(Gender::Female)),
                ("SV1602", Some("CĐ Điện K15"), None),
            ]
        );
        assert_eq!(
            read.records[1].birth_date,
            NaiveDate::from_ymd_opt(2006, 2, 1)
        );
        assert!(read.has(PersonColumn::BirthDateMale) && read.has(PersonColumn::BirthDateFemale));
        // A day under both "Nam" and "Nữ" is a problem of that row, named.
        assert_eq!(read.problems.len(), 1);
        assert_eq!(
            (read.problems[0].row, read.problems[0].field),
            (16, "birth_date")
        );
        // The place and date and the signature end the table; nothing else
        // was left unread.
        assert_eq!(read.rows_below, [18, 19]);
    }

    #[test]
    fn block_titles_name_a_class_or_a_faculty() {
        use PersonColumn as C;
        let title = PersonColumn::block_title;
        assert_eq!(title("Lớp: CĐ21A"), Some((C::Class, "CĐ21A".into())));
        assert_eq!(
            title("LỚP CĐ KẾ TOÁN K15 - Sĩ số: 40"),
            Some((C::Class, "CĐ KẾ TOÁN K15".into()))
        );
        assert_eq!(
            title("Khoa: Kinh tế"),
            Some((C::Department, "Khoa Kinh tế".into()))
        );
        assert_eq!(title("Lớp"), None);
        assert_eq!(title("Danh sách lớp"), None);
    }
}
