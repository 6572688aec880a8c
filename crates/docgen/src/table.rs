//! A list written out as a spreadsheet: title lines, a header row and the
//! rows, as XLSX (rust_xlsxwriter) or as CSV in UTF-8 with a BOM so that
//! Excel shows Vietnamese right.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

/// One value of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl From<Option<String>> for Value {
    fn from(text: Option<String>) -> Self {
        text.map_or(Self::Empty, Self::Text)
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<Option<NaiveDate>> for Value {
    fn from(date: Option<NaiveDate>) -> Self {
        date.map_or(Self::Empty, Self::Date)
    }
}

/// One sheet of a list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableSheet {
    /// The tab's name (at most 31 characters in Excel).
    pub name: String,
    /// Lines above the table: the unit, the list's title, the date.
    pub title: Vec<String>,
    pub headers: Vec<String>,
    /// Column widths in characters, by header; missing ones get 14.
    pub widths: Vec<f64>,
    pub rows: Vec<Vec<Value>>,
}

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("could not write the spreadsheet: {0}")]
pub struct WriteError(String);

impl From<rust_xlsxwriter::XlsxError> for WriteError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        Self(e.to_string())
    }
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, WriteError> {
    let (Ok(year), Ok(month), Ok(day)) = (
        u16::try_from(d.year()),
        u8::try_from(d.month()),
        u8::try_from(d.day()),
    ) else {
        return Err(WriteError(format!("date out of range: {d}")));
    };
    Ok(ExcelDateTime::from_ymd(year, month, day)?)
}

fn write_sheet(ws: &mut Worksheet, table: &TableSheet) -> Result<(), WriteError> {
    let name: String = table
        .name
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    if !name.is_empty() {
        ws.set_name(name)?;
    }
    let font = |f: Format| f.set_font_name("Times New Roman").set_font_size(12);
    let title = font(Format::new()).set_bold();
    let header = font(Format::new())
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color("#E8EEF7");
    let body = font(Format::new()).set_border(FormatBorder::Thin);
    let date = body.clone().set_num_format("dd/mm/yyyy");
    let mut row = 0u32;
    for line in &table.title {
        ws.write_string_with_format(row, 0, line, &title)?;
        row += 1;
    }
    if !table.title.is_empty() {
        row += 1;
    }
    let header_row = row;
    for (c, h) in table.headers.iter().enumerate() {
        let c = u16::try_from(c).map_err(|_| WriteError("too many columns".into()))?;
        ws.write_string_with_format(row, c, h, &header)?;
        let width = table.widths.get(usize::from(c)).copied().unwrap_or(14.0);
        ws.set_column_width(c, width)?;
    }
    for values in &table.rows {
        row += 1;
        for (c, value) in values.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| WriteError("too many columns".into()))?;
            match value {
                Value::Empty => ws.write_blank(row, c, &body)?,
                Value::Text(t) => ws.write_string_with_format(row, c, t, &body)?,
                Value::Number(n) => ws.write_number_with_format(row, c, *n, &body)?,
                Value::Date(d) => ws.write_datetime_with_format(row, c, excel_date(*d)?, &date)?,
            };
        }
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    if let Some(last) = table.headers.len().checked_sub(1) {
        let last = u16::try_from(last).map_err(|_| WriteError("too many columns".into()))?;
        ws.autofilter(header_row, 0, row.max(header_row + 1), last)?;
    }
    Ok(())
}

/// The sheets as an XLSX file.
pub fn xlsx(sheets: &[TableSheet]) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    for table in sheets {
        write_sheet(workbook.add_worksheet(), table)?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// The characters that make a spreadsheet read a CSV cell as a formula
/// (OWASP, "CSV injection").
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell of a CSV file, never read as a formula: one that starts
/// like a formula gets a leading apostrophe, which Excel and LibreOffice
/// take as "this is text" and do not show.
fn inert(text: &str) -> String {
    if text.starts_with(FORMULA_START) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The text of a CSV cell written by [`inert`], as it was.
pub(crate) fn uninert(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => text,
    }
}

/// The sheet's header and rows (not its title) as CSV in UTF-8 with a BOM;
/// dates day first; no text cell can be taken for a formula.
pub fn csv(table: &TableSheet) -> Result<Vec<u8>, WriteError> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut writer = ::csv::Writer::from_writer(&mut out);
        let io = |e: ::csv::Error| WriteError(e.to_string());
        writer
            .write_record(table.headers.iter().map(|h| inert(h)))
            .map_err(io)?;
        for values in &table.rows {
            writer
                .write_record(values.iter().map(|v| match v {
                    Value::Empty => String::new(),
                    Value::Text(t) => inert(t),
                    Value::Number(n) => n.to_string(),
                    Value::Date(d) => antt_domain::time::format_date(*d),
                }))
                .map_err(io)?;
        }
        writer.flush().map_err(|e| WriteError(e.to_string()))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_workbook;
    use antt_domain::sheet::Cell;

    fn list() -> TableSheet {
        TableSheet {
            name: "Danh sách".into(),
            title: vec!["TRƯỜNG CAO ĐẲNG LÀO CAI".into(), "DANH SÁCH".into()],
            headers: vec!["Mã".into(), "Họ và tên".into(), "Ngày sinh".into()],
            widths: vec![10.0, 28.0],
            rows: vec![vec![
                "00123".into(),
                "Nguyễn Văn An".into(),
                Value::Date(NaiveDate::from_ymd_opt(2005, 8, 15).unwrap()),
            ]],
        }
    }

    #[test]
    fn xlsx_reads_back_with_codes_as_text_and_dates_as_dates() {
        let bytes = xlsx(&[list()]).unwrap();
        let sheets = read_workbook("x.xlsx", &bytes).unwrap();
        let s = &sheets[0];
        assert_eq!(s.name, "Danh sách");
        assert_eq!(s.cell(0, 0), &Cell::Text("TRƯỜNG CAO ĐẲNG LÀO CAI".into()));
        assert_eq!(s.cell(3, 1), &Cell::Text("Họ và tên".into()));
        assert_eq!(s.cell(4, 0), &Cell::Text("00123".into()));
        assert_eq!(
            s.cell(4, 2),
            &Cell::Date(NaiveDate::from_ymd_opt(2005, 8, 15).unwrap())
        );
    }

    #[test]
    fn csv_has_a_bom_and_no_title() {
        let bytes = csv(&list()).unwrap();
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(
            text,
            "Mã,Họ và tên,Ngày sinh\n00123,Nguyễn Văn An,15/08/2005\n"
        );
    }

    #[test]
    fn csv_cells_that_look_like_formulas_stay_text_and_read_back_as_typed() {
        let cells = [
            "=HYPERLINK(\"http://x\",\"bấm\")",
            "=cmd|' /C calc'!A0",
            "+84 912 345 678",
            "-2+3",
            "@SUM(A1)",
            "\tTab",
            "\rCR",
            "'quoted already",
            "Bình thường",
        ];
        let table = TableSheet {
            name: "x".into(),
            title: vec![],
            headers: vec!["=Mã".into(), "Số".into()],
            widths: vec![],
            rows: cells
                .iter()
                .map(|c| vec![Value::from(*c), Value::Number(-5.0)])
                .collect(),
        };
        let bytes = csv(&table).unwrap();
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let written: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        assert_eq!(written[0][0], "'=Mã");
        for (row, typed) in written[1..].iter().zip(cells) {
            let first = row[0].chars().next().unwrap();
            assert!(!FORMULA_START.contains(&first), "{row:?}");
            assert_eq!(uninert(&row[0]), typed);
            assert_eq!(row[1], "-5", "numbers are numbers");
        }
        // What antt reads back is what was typed.
        let sheets = read_workbook("x.csv", &bytes).unwrap();
        assert_eq!(sheets[0].cell(1, 0), &Cell::Text(cells[0].into()));
        assert_eq!(sheets[0].cell(3, 0), &Cell::Text(cells[2].into()));
    }
}
