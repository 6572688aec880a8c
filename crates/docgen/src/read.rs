//! Spreadsheets (XLSX, XLS, ODS) through calamine, and CSV in UTF-8, UTF-16
//! or Windows-1258, into sheets of cells in Unicode (NFC), with text typed in
//! the legacy Vietnamese fonts converted.

use std::io::Cursor;

use antt_domain::sheet::{Cell, Sheet};

use crate::guard;
use calamine::{Data, Reader, open_workbook_auto_from_rs};
use unicode_normalization::{UnicodeNormalization, is_nfc};

/// Why a file could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    #[error("not a spreadsheet or CSV file antt can read: {0}")]
    Unreadable(String),
    #[error("the file holds no cells")]
    Empty,
    /// Past the limits antt reads files under ([`crate::guard::LIMITS`]).
    #[error("too large to read: {0}")]
    TooLarge(String),
}

/// Reads every sheet of a file. The format comes from the content (a ZIP or
/// an OLE container is a spreadsheet); anything else is read as CSV.
pub fn read_workbook(file_name: &str, bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];
    let mut sheets = if bytes.starts_with(ZIP) || bytes.starts_with(OLE) {
        spreadsheet(bytes)?
    } else {
        vec![csv_sheet(file_name, bytes)?]
    };
    sheets.retain(|s| s.rows.iter().flatten().any(|c| !c.is_empty()));
    if sheets.is_empty() {
        return Err(ReadError::Empty);
    }
    for sheet in &mut sheets {
        sheet.decode_legacy();
    }
    Ok(sheets)
}

fn spreadsheet(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    guard::check(bytes, &guard::LIMITS).map_err(|e| match e {
        guard::Refusal::TooLarge(t) => ReadError::TooLarge(t.to_string()),
        guard::Refusal::Malformed(m) => ReadError::Unreadable(m),
    })?;
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| ReadError::Unreadable(e.to_string()))?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| ReadError::Unreadable(e.to_string()))?;
        let origin = range
            .start()
            .map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let rows = range
            .rows()
            .map(|row| row.iter().map(cell).collect())
            .collect();
        sheets.push(Sheet {
            name,
            rows,
            origin,
            legacy: None,
        });
    }
    Ok(sheets)
}

fn text(t: &str) -> Cell {
    if t.trim().is_empty() {
        Cell::Empty
    } else if is_nfc(t) {
        Cell::Text(t.to_owned())
    } else {
        Cell::Text(t.nfc().collect())
    }
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) | Data::DurationIso(s) => text(s),
        #[allow(clippy::cast_precision_loss)] // spreadsheet integers fit f64
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => d
            .as_datetime()
            .map_or(Cell::Number(d.as_f64()), |dt| Cell::Date(dt.date())),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map_or_else(|| text(s), Cell::Date),
    }
}

/// The text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM,
/// bytes of a legacy Vietnamese font (kept as Latin-1 for the sheet to
/// convert), or else Windows-1258, whose combining tone marks are composed.
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return text.nfc().collect();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.nfc().collect();
    }
    let latin1: String = bytes.iter().map(|&b| char::from(b)).collect();
    if antt_domain::legacy::detect(latin1.lines()).is_some() {
        return latin1;
    }
    let (text, _, _) = encoding_rs::WINDOWS_1258.decode(bytes);
    text.nfc().collect()
}

/// The delimiter most lines agree on: `,`, `;` (Excel in locales with a
/// decimal comma) or tab.
fn delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| {
            lines
                .iter()
                .filter(|l| l.bytes().filter(|&b| b == d).count() >= 1)
                .count()
                * 1000
                + lines
                    .iter()
                    .map(|l| l.bytes().filter(|&b| b == d).count())
                    .max()
                    .unwrap_or(0)
        })
        .unwrap_or(b',')
}

fn csv_sheet(file_name: &str, bytes: &[u8]) -> Result<Sheet, ReadError> {
    if bytes.contains(&0) && !bytes.starts_with(&[0xFF, 0xFE]) && !bytes.starts_with(&[0xFE, 0xFF])
    {
        return Err(ReadError::Unreadable("binary content".into()));
    }
    let text = decode(bytes);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(&text))
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let (mut cells, limits) = (0u64, guard::LIMITS);
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Unreadable(e.to_string()))?;
        cells += record.len() as u64;
        if rows.len() as u64 >= limits.rows
            || record.len() as u64 > limits.columns
            || cells > limits.cells
        {
            return Err(ReadError::TooLarge(format!(
                "CSV past {} rows, {} columns or {} cells",
                limits.rows, limits.columns, limits.cells
            )));
        }
        rows.push(record.iter().map(text_cell).collect());
    }
    let name = std::path::Path::new(file_name)
        .file_stem()
        .map_or_else(|| "CSV".to_owned(), |s| s.to_string_lossy().into_owned());
    Ok(Sheet {
        name,
        rows,
        origin: (0, 0),
        legacy: None,
    })
}

fn text_cell(t: &str) -> Cell {
    text(crate::table::uninert(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_utf8_with_and_without_bom_and_semicolons() {
        for bytes in [
            "Mã,Họ và tên\nSV1,Nguyễn Văn An\n".as_bytes().to_vec(),
            [
                &[0xEF, 0xBB, 0xBF][..],
                "Mã;Họ và tên\nSV1;Nguyễn Văn An\n".as_bytes(),
            ]
            .concat(),
            "Mã\tHọ và tên\r\nSV1\t\"Nguyễn Văn An\"\r\n"
                .as_bytes()
                .to_vec(),
        ] {
            let sheets = read_workbook("ds.csv", &bytes).unwrap();
            assert_eq!(sheets[0].cell(1, 1), &Cell::Text("Nguyễn Văn An".into()));
            assert_eq!(sheets[0].name, "ds");
        }
    }

    #[test]
    fn csv_in_windows_1258_is_composed() {
        // Base letters with tones as combining marks, as Windows-1258 stores them.
        let bytes = b"Ho\xf2 va\xcc t\xean\nNguy\xea\xden V\xe3n An\n";
        let sheets = read_workbook("ds.csv", bytes).unwrap();
        assert_eq!(sheets[0].cell(0, 0), &Cell::Text("Họ và tên".into()));
        assert_eq!(sheets[0].cell(1, 0), &Cell::Text("Nguyễn Văn An".into()));
    }

    #[test]
    fn csv_in_tcvn3_bytes_is_converted() {
        // "Họ và tên" and "Nguyễn Văn An" as a .VnTime file stores them.
        let bytes = b"H\xe4 v\xb5 t\xaan\nNguy\xd4n V\xa8n An\n";
        let sheets = read_workbook("ds.csv", bytes).unwrap();
        assert_eq!(sheets[0].cell(0, 0), &Cell::Text("Họ và tên".into()));
        assert_eq!(sheets[0].cell(1, 0), &Cell::Text("Nguyễn Văn An".into()));
    }

    #[test]
    fn csv_in_utf16_as_excel_saves_unicode_text() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Mã\tHọ và tên\nSV1\tLê Thị Hà\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let sheets = read_workbook("ds.txt", &bytes).unwrap();
        assert_eq!(sheets[0].cell(1, 1), &Cell::Text("Lê Thị Hà".into()));
    }

    #[test]
    fn garbage_and_empty_files_are_refused() {
        assert!(matches!(
            read_workbook("x.xlsx", b"PK\x03\x04garbage"),
            Err(ReadError::Unreadable(_))
        ));
        assert_eq!(read_workbook("x.csv", b" \n,,\n"), Err(ReadError::Empty));
        assert!(matches!(
            read_workbook("x.csv", &[0, 1, 2, 3]),
            Err(ReadError::Unreadable(_))
        ));
    }

    #[test]
    fn crafted_workbooks_read_when_small_and_are_refused_when_not() {
        use crate::guard::crafted::{bof, ods, record, xls, xlsx};
        let list = xlsx(
            &[
                ("A1", "Mã"),
                ("B1", "Họ và tên"),
                ("A2", "SV1"),
                ("B2", "Lê Thị Hà"),
            ],
            None,
        );
        let sheets = read_workbook("ds.xlsx", &list).unwrap();
        assert_eq!(sheets[0].cell(1, 1), &Cell::Text("Lê Thị Hà".into()));
        assert!(matches!(
            read_workbook("bom.xlsx", &xlsx(&[("A1", "x"), ("XFD1048576", "y")], None)),
            Err(ReadError::TooLarge(_))
        ));
        let rows = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>Mã</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="2000000"><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#;
        assert!(matches!(
            read_workbook("bom.ods", &ods(rows)),
            Err(ReadError::TooLarge(_))
        ));
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend(1_000_000u32.to_le_bytes());
        dims.extend([0, 0, 0, 1, 0, 0]);
        assert!(matches!(
            read_workbook(
                "bom.xls",
                &xls(&[bof(), record(0x0200, &dims), record(0x000A, &[])])
            ),
            Err(ReadError::TooLarge(_))
        ));
    }

    #[test]
    fn a_csv_past_the_limits_is_refused_before_it_is_laid_out() {
        use std::fmt::Write as _;
        let mut long = String::from("Mã,Họ và tên\n");
        for i in 0..100_001 {
            let _ = writeln!(long, "SV{i},A");
        }
        assert!(matches!(
            read_workbook("x.csv", long.as_bytes()),
            Err(ReadError::TooLarge(_))
        ));
        let wide = ",".repeat(300);
        assert!(matches!(
            read_workbook("x.csv", wide.as_bytes()),
            Err(ReadError::TooLarge(_))
        ));
    }
}
