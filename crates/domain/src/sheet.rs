//! A sheet as read from a spreadsheet or CSV file, and how to find the
//! table in it: past the title rows and the school's header block, through a
//! one- or two-row header (a merged header split in two below it), down to
//! the totals or signatures, past blank rows, block titles ("Lớp: CĐ21A")
//! and the header repeated for each block.

use std::borrow::Cow;
use std::ops::Range;

use chrono::NaiveDate;

use crate::legacy::{self, SheetEncoding};
use crate::text::search_key;
use crate::validation::ErrorCode;

/// One cell as the file holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A cell formatted as a date (or date and time) in the spreadsheet.
    Date(NaiveDate),
    Bool(bool),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Self::Empty => true,
            Self::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text: whole numbers without ".0", dates day first.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Self::Empty => Cow::Borrowed(""),
            Self::Text(t) => Cow::Borrowed(t.trim()),
            Self::Number(n) => Cow::Owned(number_text(*n)),
            Self::Date(d) => Cow::Owned(crate::time::format_date(*d)),
            Self::Bool(b) => Cow::Borrowed(if *b { "x" } else { "" }),
        }
    }
}

/// A number as a person would type it: 17001, not 17001.0.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

/// One problem with one cell (or one row) of a sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Row number as the spreadsheet shows it.
    pub row: usize,
    /// Column name ("C") and header ("Ngày sinh"), when one cell is at fault.
    pub column: Option<(String, String)>,
    /// The field at fault ("birth_date", "answer").
    pub field: &'static str,
    pub code: ErrorCode,
    /// The cell as written, to show next to the message.
    pub value: String,
}

/// One sheet of a workbook (a CSV file is one sheet).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    /// Row and column (from 0) in the file of `rows[0][0]`: spreadsheets
    /// that start below or right of A1 still report true cell names.
    pub origin: (usize, usize),
    /// The legacy font encoding its texts were converted from, if any.
    pub legacy: Option<crate::legacy::Legacy>,
}

impl Sheet {
    pub fn cell(&self, row: usize, column: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .unwrap_or(&Cell::Empty)
    }

    /// The row number a person sees in the spreadsheet (from 1).
    pub fn row_number(&self, row: usize) -> usize {
        self.origin.0 + row + 1
    }

    /// The column name a person sees: A, B, …, Z, AA, AB…
    pub fn column_name(&self, column: usize) -> String {
        column_name(self.origin.1 + column)
    }

    /// Finds out whether the sheet was typed with a legacy Vietnamese font
    /// and converts its texts to Unicode in place.
    pub fn decode_legacy(&mut self) -> Option<SheetEncoding> {
        let texts = self.rows.iter().flatten().filter_map(|c| match c {
            Cell::Text(t) => Some(t.as_str()),
            _ => None,
        });
        let encoding = legacy::detect(texts)?;
        self.legacy = Some(encoding.legacy);
        for cell in self.rows.iter_mut().flatten() {
            if let Cell::Text(t) = cell
                && let Cow::Owned(decoded) = legacy::decode(t, Some(encoding))
            {
                *t = decoded;
            }
        }
        Some(encoding)
    }
}

/// Spreadsheet column name of a 0-based index: 0 → A, 26 → AA.
pub fn column_name(mut index: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + u8::try_from(index % 26).unwrap_or(0));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// A column of the table, as recognised from its header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column<K> {
    pub index: usize,
    pub kind: K,
    /// The header as written, for messages.
    pub label: String,
}

/// A data row of a table, with the block it stands under, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataRow<K> {
    pub index: usize,
    /// The value a block title gave the rows under it ("Lớp: CĐ21A" gives
    /// the class), for the rows that do not fill that column themselves.
    pub block: Option<(K, String)>,
}

/// Where the table of a sheet is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table<K> {
    pub columns: Vec<Column<K>>,
    /// The header row or rows.
    pub header: Range<usize>,
    /// The data rows in order, from after the header to the totals or the
    /// signatures (or the end of the sheet); blank rows, block titles and
    /// repeated headers between them are passed over.
    pub rows: Vec<DataRow<K>>,
    /// Rows that hold something but were not read: a note between blocks,
    /// what stands below the end of the table. Shown to the user.
    pub rows_below: Vec<usize>,
}

impl<K: Copy + Eq> Table<K> {
    pub fn column(&self, kind: K) -> Option<&Column<K>> {
        self.columns.iter().find(|c| c.kind == kind)
    }
}

/// What a table's columns are, for [`find_table`].
pub trait ColumnKind: Copy + Eq + Sized + 'static {
    /// The column a header names, from its search key ("ho va ten").
    fn recognise(key: &str) -> Option<Self>;
    /// Whether these columns make a header row of this kind of table.
    fn is_header(found: &[Self]) -> bool;
    /// Columns at least one of which every row of the table fills.
    fn identity() -> &'static [Self];
    /// Whether a totals or signature line ends the table. Sheets whose
    /// cells are free text (questions: "Ngày 19 tháng 8 năm…") say no.
    const ENDS_AT_SIGNATURE: bool = true;
    /// The column a title row gives to the block of rows under it, and its
    /// value ("Lớp: CĐ21A" → the class "CĐ21A"); `text` is the title.
    fn block_title(_text: &str) -> Option<(Self, String)> {
        None
    }
    /// The column under a merged header cell of kind `parent` whose own
    /// header (search key) is `key`: "Ngày sinh" over "Nam" and "Nữ".
    fn split(_parent: Self, _key: &str) -> Option<Self> {
        None
    }
}

/// How far down a sheet the header may be (title and school header block).
const HEADER_SEARCH_ROWS: usize = 40;

fn recognised<K: ColumnKind>(sheet: &Sheet, row: usize) -> Vec<Column<K>> {
    sheet.rows[row]
        .iter()
        .enumerate()
        .filter_map(|(index, cell)| match cell {
            Cell::Text(label) => K::recognise(&search_key(label)).map(|kind| Column {
                index,
                kind,
                label: crate::text::clean(label),
            }),
            _ => None,
        })
        .collect()
}

/// "(1)", "1", "2"…: the column numbers some forms print under the header.
fn is_numbering_row(row: &[Cell]) -> bool {
    let mut any = false;
    for cell in row.iter().filter(|c| !c.is_empty()) {
        let text = cell.text();
        let digits = text.trim_start_matches('(').trim_end_matches(')');
        if digits.is_empty() || digits.len() > 2 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
        any = true;
    }
    any
}

/// Whether a row ends the table: totals ("Tổng cộng: 45") or the signature
/// block ("Người lập biểu", "Lào Cai, ngày … tháng … năm …").
fn ends_table(row: &[Cell]) -> bool {
    row.iter().filter(|c| !c.is_empty()).take(3).any(|cell| {
        let key = search_key(&cell.text());
        let starts = |w: &str| key == w || key.starts_with(&format!("{w} "));
        let has_digit = key.chars().any(|c| c.is_ascii_digit());
        [
            "tong cong",
            "tong so",
            "nguoi lap",
            "hieu truong",
            "xac nhan",
            "giam doc",
        ]
        .iter()
        .any(|w| starts(w))
            || ((starts("tong") || starts("cong")) && has_digit)
            || (key.contains(" ngay ") && key.contains(" thang ") && key.contains(" nam"))
            || key.starts_with("ngay ") && key.contains(" thang ")
    })
}

/// Finds the table of kind `K` in a sheet, or `None` when no row looks like
/// its header.
pub fn find_table<K: ColumnKind>(sheet: &Sheet) -> Option<Table<K>> {
    let last = sheet.rows.len().min(HEADER_SEARCH_ROWS);
    let (header_row, mut columns) = (0..last).find_map(|row| {
        let columns = recognised::<K>(sheet, row);
        let kinds: Vec<K> = columns.iter().map(|c| c.kind).collect();
        K::is_header(&kinds).then_some((row, columns))
    })?;
    let mut first_data = header_row + 1;
    // A second header row: "Họ và tên" merged over "Họ đệm" and "Tên", or
    // "Ngày sinh" over "Nam" and "Nữ".
    if let Some(sub) = sub_header(sheet, first_data, &columns) {
        for column in sub {
            columns.retain(|c| c.index != column.index && c.kind != column.kind);
            columns.push(column);
        }
        columns.sort_by_key(|c| c.index);
        first_data += 1;
    }
    while sheet
        .rows
        .get(first_data)
        .is_some_and(|r| is_numbering_row(r))
    {
        first_data += 1;
    }
    let identity: Vec<usize> = columns
        .iter()
        .filter(|c| K::identity().contains(&c.kind))
        .map(|c| c.index)
        .collect();
    // Each block may repeat the header (both its rows) above its people.
    let texts = |row: &[Cell]| -> Vec<String> {
        let mut t: Vec<String> = row.iter().map(|c| c.text().into_owned()).collect();
        while t.last().is_some_and(String::is_empty) {
            t.pop();
        }
        t
    };
    let header_rows: Vec<Vec<String>> = (header_row..first_data)
        .map(|r| texts(&sheet.rows[r]))
        .collect();
    let mut rows = Vec::new();
    let mut not_read = Vec::new();
    // A block title may stand above the first header ("Lớp: CĐ21A" over
    // the table of that class).
    let mut block = (0..header_row)
        .rev()
        .find_map(|r| block_title::<K>(&sheet.rows[r]));
    let mut end = sheet.rows.len();
    for (r, row) in sheet.rows.iter().enumerate().skip(first_data) {
        if row.iter().all(Cell::is_empty) {
            continue;
        }
        if K::ENDS_AT_SIGNATURE && ends_table(row) {
            end = r;
            break;
        }
        let has_identity = identity
            .iter()
            .any(|&i| row.get(i).is_some_and(|c| !c.is_empty()));
        let repeated_header = header_rows.contains(&texts(row)) || {
            let kinds: Vec<K> = recognised::<K>(sheet, r).iter().map(|c| c.kind).collect();
            kinds.len() >= 2 && K::is_header(&kinds)
        };
        if repeated_header {
            continue;
        }
        if has_identity {
            rows.push(DataRow {
                index: r,
                block: block.clone(),
            });
        } else if let Some(title) = block_title::<K>(row) {
            block = Some(title);
        } else {
            not_read.push(r);
        }
    }
    let rows_below = not_read
        .into_iter()
        .chain((end..sheet.rows.len()).filter(|&r| sheet.rows[r].iter().any(|c| !c.is_empty())))
        .collect();
    Some(Table {
        columns,
        header: header_row..first_data,
        rows,
        rows_below,
    })
}

/// The row under the header, when it names the columns under a merged
/// header cell: every cell it fills either splits the header above it
/// (`ColumnKind::split`) or is a header of its own.
fn sub_header<K: ColumnKind>(
    sheet: &Sheet,
    row: usize,
    header: &[Column<K>],
) -> Option<Vec<Column<K>>> {
    let below = sheet.rows.get(row)?;
    let mut sub = Vec::new();
    for (index, cell) in below.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
        let Cell::Text(label) = cell else {
            return None;
        };
        let key = search_key(label);
        // A merged header cell stands at the left of the cells it covers.
        let parent = header.iter().rev().find(|c| c.index <= index);
        let kind = parent
            .and_then(|p| K::split(p.kind, &key))
            .or_else(|| K::recognise(&key))?;
        let label = match parent.filter(|p| K::split(p.kind, &key).is_some()) {
            Some(p) => format!("{} ({})", p.label, crate::text::clean(label)),
            None => crate::text::clean(label),
        };
        sub.push(Column { index, kind, label });
    }
    (!sub.is_empty()).then_some(sub)
}

/// The block a title row opens: its first filled cell, read by the kind.
fn block_title<K: ColumnKind>(row: &[Cell]) -> Option<(K, String)> {
    let first = row.iter().find(|c| !c.is_empty())?;
    K::block_title(&first.text())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    enum Col {
        Name,
        Family,
        Given,
        Birth,
        Number,
    }

    impl ColumnKind for Col {
        fn recognise(key: &str) -> Option<Self> {
            Some(match key {
                "ho va ten" | "ho ten" => Self::Name,
                "ho dem" => Self::Family,
                "ten" => Self::Given,
                "ngay sinh" | "ns" => Self::Birth,
                "stt" => Self::Number,
                _ => return None,
            })
        }
        fn is_header(found: &[Self]) -> bool {
            found.contains(&Self::Name) && found.len() >= 2
        }
        fn identity() -> &'static [Self] {
            &[Self::Name, Self::Family, Self::Given]
        }
    }

    fn indexes(table: &Table<Col>) -> Vec<usize> {
        table.rows.iter().map(|r| r.index).collect()
    }

    fn t(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.into())
        }
    }

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "Sheet1".into(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|s| t(s)).collect())
                .collect(),
            origin: (0, 0),
            legacy: None,
        }
    }

    #[test]
    fn column_names() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_name)
            .collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn the_table_is_found_below_the_title_and_above_the_signatures() {
        let s = sheet(&[
            &[
                "TRƯỜNG CAO ĐẲNG LÀO CAI",
                "",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            ],
            &["DANH SÁCH SINH VIÊN", "", ""],
            &["", "", ""],
            &["STT", "HỌ VÀ TÊN", "Ngày sinh"],
            &["(1)", "(2)", "(3)"],
            &["1", "Nguyễn Văn An", "15/8/2005"],
            &["2", "Lê Thị Hà", "1/2/2005"],
            &["Tổng cộng: 2", "", ""],
            &["", "Người lập biểu", ""],
        ]);
        let table = find_table::<Col>(&s).unwrap();
        assert_eq!(table.header, 3..5);
        assert_eq!(indexes(&table), [5, 6]);
        assert_eq!(table.rows_below, vec![7, 8]);
        assert_eq!(table.column(Col::Name).unwrap().index, 1);
        assert_eq!(table.column(Col::Name).unwrap().label, "HỌ VÀ TÊN");
        assert_eq!(table.column(Col::Birth).unwrap().index, 2);
    }

    #[test]
    fn a_two_row_header_splits_the_name() {
        let s = sheet(&[
            &["STT", "Họ và tên", "", "NS"],
            &["", "Họ đệm", "Tên", ""],
            &["1", "Nguyễn Văn", "An", "15/8/2005"],
            &["2", "Tống Thị", "Công", "15/8/2005"],
            &["", "", "", ""],
            &["", "Hiệu trưởng", "", ""],
        ]);
        let table = find_table::<Col>(&s).unwrap();
        assert_eq!(table.header, 0..2);
        assert_eq!(indexes(&table), [2, 3], "a surname Tống is no total row");
        let kinds: Vec<Col> = table.columns.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [Col::Number, Col::Family, Col::Given, Col::Birth]);
    }

    #[test]
    fn no_header_no_table() {
        let s = sheet(&[&["a", "b"], &["Họ và tên", ""]]);
        assert_eq!(find_table::<Col>(&s), None);
    }

    #[test]
    fn cells_read_as_text() {
        assert_eq!(Cell::Number(17001.0).text(), "17001");
        assert_eq!(Cell::Number(1.5).text(), "1.5");
        assert_eq!(
            Cell::Date(NaiveDate::from_ymd_opt(2005, 8, 15).unwrap()).text(),
            "15/08/2005"
        );
        assert!(Cell::Text("  ".into()).is_empty());
    }

    #[test]
    fn a_tcvn3_sheet_is_decoded_in_place() {
        let mut s = sheet(&[&["Hä vµ tªn", "Ngµy sinh"], &["NguyÔn V¨n An", "15/8/2005"]]);
        assert!(s.decode_legacy().is_some());
        assert_eq!(s.cell(0, 0), &t("Họ và tên"));
        assert_eq!(s.cell(1, 0), &t("Nguyễn Văn An"));
        assert_eq!(s.cell(1, 1), &t("15/8/2005"));
    }
}
