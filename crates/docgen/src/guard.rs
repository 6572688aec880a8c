//! Bounded reading: a workbook is measured before calamine builds its
//! sheets, so a small file cannot make the server allocate without end.
//!
//! calamine lays each sheet out densely from its first to its last cell, and
//! takes some sizes from the file on trust (the shared strings an XLSX
//! declares, the extent an XLS declares), so a 1.6 KB file with two cells at
//! opposite corners of a sheet asks for half a terabyte. Here every part of
//! a ZIP workbook (XLSX, ODS) is unpacked through a capped stream and its
//! XML read as a stream, and the records of an XLS are walked, to find the
//! extent and the number of cells calamine would build; a file past any of
//! the [`Limits`] is refused before it is opened for real.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

/// How big a workbook antt reads. The largest sheet a school or a province
/// sends is a college's list of 20,000 people with some 40 columns
/// (800,000 cells, about 60 MB of XML once unpacked); these limits leave
/// room above that and stop far below what would hurt a 2 GB server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Rows of one sheet, from its first to its last filled row.
    pub rows: u64,
    /// Columns of one sheet, from its first to its last filled column.
    pub columns: u64,
    /// Cells of one sheet as calamine lays it out (rows × columns), and
    /// cells of the whole file as written.
    pub cells: u64,
    /// Strings of an XLSX's shared string table (declared or written).
    pub strings: u64,
    /// Bytes of every part of a ZIP workbook once unpacked.
    pub unpacked: u64,
    /// Parts of a ZIP workbook.
    pub entries: usize,
}

/// The limits antt reads files under.
pub const LIMITS: Limits = Limits {
    rows: 100_000,
    columns: 256,
    cells: 2_000_000,
    strings: 2_000_000,
    unpacked: 256 * 1024 * 1024,
    entries: 2_000,
};

/// What made a file too large to read, for the log and the message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TooLarge {
    #[error("sheet {sheet}: {rows} rows (at most {max})")]
    Rows { sheet: String, rows: u64, max: u64 },
    #[error("sheet {sheet}: {columns} columns (at most {max})")]
    Columns {
        sheet: String,
        columns: u64,
        max: u64,
    },
    #[error("sheet {sheet}: {cells} cells (at most {max})")]
    Cells { sheet: String, cells: u64, max: u64 },
    #[error("{strings} shared strings (at most {max})")]
    Strings { strings: u64, max: u64 },
    #[error("more than {max} bytes once unpacked")]
    Unpacked { max: u64 },
    #[error("{entries} parts in the archive (at most {max})")]
    Entries { entries: usize, max: usize },
}

/// Why a file was refused before it was read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("too large: {0}")]
    TooLarge(#[from] TooLarge),
    #[error("not well formed: {0}")]
    Malformed(String),
}

/// The extent and cells of one sheet, counted as the file is read.
#[derive(Clone, Debug)]
struct Extent {
    name: String,
    rows: Option<(u64, u64)>,
    columns: Option<(u64, u64)>,
    cells: u64,
}

impl Extent {
    fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            rows: None,
            columns: None,
            cells: 0,
        }
    }

    fn widen(range: &mut Option<(u64, u64)>, low: u64, high: u64) {
        *range = Some(match *range {
            None => (low, high),
            Some((a, b)) => (a.min(low), b.max(high)),
        });
    }

    /// `count` cells in one row from column `first` to `last`.
    fn add(
        &mut self,
        row: u64,
        first: u64,
        last: u64,
        count: u64,
        limits: &Limits,
    ) -> Result<(), TooLarge> {
        Self::widen(&mut self.rows, row, row);
        Self::widen(&mut self.columns, first, last);
        self.cells = self.cells.saturating_add(count);
        self.check(limits)
    }

    fn span(range: Option<(u64, u64)>) -> u64 {
        range.map_or(0, |(a, b)| b.saturating_sub(a).saturating_add(1))
    }

    /// The sheet within the limits: its rows, columns, the dense layout
    /// and the cells written.
    fn check(&self, limits: &Limits) -> Result<(), TooLarge> {
        let (rows, columns) = (Self::span(self.rows), Self::span(self.columns));
        let sheet = || self.name.clone();
        if rows > limits.rows {
            return Err(TooLarge::Rows {
                sheet: sheet(),
                rows,
                max: limits.rows,
            });
        }
        if columns > limits.columns {
            return Err(TooLarge::Columns {
                sheet: sheet(),
                columns,
                max: limits.columns,
            });
        }
        let cells = rows.saturating_mul(columns).max(self.cells);
        if cells > limits.cells {
            return Err(TooLarge::Cells {
                sheet: sheet(),
                cells,
                max: limits.cells,
            });
        }
        Ok(())
    }
}

/// Measures a ZIP (XLSX, ODS) or OLE (XLS) workbook against `limits`.
pub fn check(bytes: &[u8], limits: &Limits) -> Result<(), Refusal> {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];
    if bytes.starts_with(OLE) {
        xls(bytes, limits)
    } else {
        zip_workbook(bytes, limits)
    }
}

fn malformed(e: impl std::fmt::Display) -> Refusal {
    Refusal::Malformed(e.to_string())
}

/// A reader that fails once more than `left` bytes have come through it,
/// shared across the parts of one archive.
struct Capped<'a, R> {
    inner: R,
    left: &'a mut u64,
}

impl<R: Read> Read for Capped<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let n64 = n as u64;
        if n64 > *self.left {
            return Err(std::io::Error::other("unpacked past the limit"));
        }
        *self.left -= n64;
        Ok(n)
    }
}

/// What kind of part an archive entry is, for the scan.
enum Part {
    XlsxSheet,
    SharedStrings,
    OdsContent,
    /// Read only for its size.
    Other,
}

fn zip_workbook(bytes: &[u8], limits: &Limits) -> Result<(), Refusal> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(malformed)?;
    if archive.len() > limits.entries {
        return Err(TooLarge::Entries {
            entries: archive.len(),
            max: limits.entries,
        }
        .into());
    }
    let mut left = limits.unpacked;
    let mut total_cells = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(malformed)?;
        let name = entry.name().map_err(malformed)?.into_owned();
        let lower = name.to_ascii_lowercase();
        let extension = std::path::Path::new(&lower)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        let part = if lower.starts_with("xl/worksheets/") && extension == "xml" {
            Part::XlsxSheet
        } else if lower.starts_with("xl/worksheets/") && extension == "bin" {
            return Err(Refusal::Malformed("XLSB workbooks are not read".into()));
        } else if lower == "xl/sharedstrings.xml" {
            Part::SharedStrings
        } else if lower == "content.xml" {
            Part::OdsContent
        } else {
            Part::Other
        };
        let capped = Capped {
            inner: entry,
            left: &mut left,
        };
        let too_big = |e: std::io::Error| -> Refusal {
            if e.to_string().contains("past the limit") {
                TooLarge::Unpacked {
                    max: limits.unpacked,
                }
                .into()
            } else {
                malformed(e)
            }
        };
        match part {
            Part::XlsxSheet => {
                total_cells = total_cells.saturating_add(xlsx_sheet(capped, &name, limits)?);
            }
            Part::SharedStrings => shared_strings(capped, limits)?,
            Part::OdsContent => {
                total_cells = total_cells.saturating_add(ods_content(capped, limits)?);
            }
            Part::Other => {
                let mut capped = capped;
                std::io::copy(&mut capped, &mut std::io::sink()).map_err(too_big)?;
            }
        }
        if total_cells > limits.cells {
            return Err(TooLarge::Cells {
                sheet: "(all sheets)".into(),
                cells: total_cells,
                max: limits.cells,
            }
            .into());
        }
    }
    Ok(())
}

/// The value of attribute `key` of an element, as text.
fn attribute(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| a.value.into_owned())
}

/// An XML event, with a read past the unpacking limit told apart.
fn next_event<'b, R: std::io::BufRead>(
    xml: &mut quick_xml::Reader<R>,
    buf: &'b mut Vec<u8>,
    limits: &Limits,
) -> Result<Event<'b>, Refusal> {
    xml.read_event_into(buf).map_err(|e| {
        if e.to_string().contains("past the limit") {
            TooLarge::Unpacked {
                max: limits.unpacked,
            }
            .into()
        } else {
            malformed(e)
        }
    })
}

/// A cell reference ("AB12") as a 0-based (row, column).
fn cell_ref(r: &str) -> Option<(u64, u64)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (col, row) = r.split_at(letters);
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = col.bytes().try_fold(0u64, |acc, b| {
        Some(acc * 26 + u64::from(b.to_ascii_uppercase().checked_sub(b'A')?) + 1)
    })?;
    let row: u64 = row.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

/// Scans one XLSX worksheet: the cells it writes (where they stand), and
/// its declared dimension. Returns the cells written.
fn xlsx_sheet<R: Read>(part: R, name: &str, limits: &Limits) -> Result<u64, Refusal> {
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::new();
    let mut extent = Extent::new(name);
    let (mut row, mut col): (u64, Option<u64>) = (0, None);
    loop {
        buf.clear();
        match next_event(&mut xml, &mut buf, limits)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "dimension" => {
                    // A declared extent far beyond what any sheet holds is
                    // a forged file; a slightly generous one is common.
                    if let Some((a, b)) = attribute(&e, "ref")
                        .as_deref()
                        .and_then(|r| r.split_once(':'))
                        .and_then(|(a, b)| Some((cell_ref(a)?, cell_ref(b)?)))
                    {
                        let rows = b.0.saturating_sub(a.0) + 1;
                        let cols = b.1.saturating_sub(a.1) + 1;
                        if rows.saturating_mul(cols) > limits.cells.saturating_mul(50) {
                            return Err(TooLarge::Cells {
                                sheet: name.to_owned(),
                                cells: rows.saturating_mul(cols),
                                max: limits.cells,
                            }
                            .into());
                        }
                    }
                }
                "row" => {
                    row = match attribute(&e, "r").and_then(|r| r.parse::<u64>().ok()) {
                        Some(r) => r.saturating_sub(1),
                        None => row + u64::from(col.is_some()),
                    };
                    col = None;
                }
                "c" => {
                    let (r, c) = match attribute(&e, "r").as_deref().and_then(cell_ref) {
                        Some(at) => at,
                        None => (row, col.map_or(0, |c| c + 1)),
                    };
                    row = r;
                    col = Some(c);
                    extent.add(r, c, c, 1, limits).map_err(Refusal::TooLarge)?;
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(extent.cells)
}

/// Scans an XLSX's shared strings: the count it declares (calamine
/// reserves room for it) and the strings it holds.
fn shared_strings<R: Read>(part: R, limits: &Limits) -> Result<(), Refusal> {
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::new();
    let mut strings = 0u64;
    let too_many = |strings| TooLarge::Strings {
        strings,
        max: limits.strings,
    };
    loop {
        buf.clear();
        match next_event(&mut xml, &mut buf, limits)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "sst" => {
                    for key in ["uniqueCount", "count"] {
                        if let Some(n) = attribute(&e, key).and_then(|n| n.parse::<u64>().ok())
                            && n > limits.strings
                        {
                            return Err(too_many(n).into());
                        }
                    }
                }
                "si" => {
                    strings += 1;
                    if strings > limits.strings {
                        return Err(too_many(strings).into());
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// Scans an ODS's content: each table's rows and cells with their repeats,
/// as calamine expands them (empty cells at the end of a row and empty rows
/// after the last filled one are not laid out). Returns the cells written.
fn ods_content<R: Read>(part: R, limits: &Limits) -> Result<u64, Refusal> {
    /// One table as calamine builds it.
    struct Table {
        extent: Extent,
        /// Rows laid out so far, repeats included, and rows since the last
        /// filled one (laid out only if a filled row follows).
        row: u64,
        /// The current row element: its repeat, the columns passed, the
        /// first and last filled column, cells written.
        repeat: u64,
        col: u64,
        filled: Option<(u64, u64)>,
        /// Cells calamine keeps while it reads (each row element up to its
        /// last filled cell), before it lays the table out.
        kept: u64,
    }
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::new();
    let mut tables = 0u64;
    let mut table: Option<Table> = None;
    let mut written = 0u64;
    let repeats = |e: &BytesStart<'_>, key: &str| -> u64 {
        attribute(e, key)
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(1)
            .max(1)
    };
    loop {
        buf.clear();
        let event = next_event(&mut xml, &mut buf, limits)?;
        let (element, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            Event::End(e) => {
                match e.local_name().as_ref() {
                    "table-row" => {
                        if let Some(t) = table.as_mut() {
                            if let Some((first, last)) = t.filled.take() {
                                t.kept = t.kept.saturating_add(last + 1);
                                let last_row = t.row.saturating_add(t.repeat - 1);
                                Extent::widen(&mut t.extent.rows, t.row, last_row);
                                Extent::widen(&mut t.extent.columns, first, last);
                                if t.kept > limits.cells.saturating_mul(4) {
                                    return Err(TooLarge::Cells {
                                        sheet: t.extent.name.clone(),
                                        cells: t.kept,
                                        max: limits.cells,
                                    }
                                    .into());
                                }
                                t.extent.check(limits).map_err(Refusal::TooLarge)?;
                            }
                            t.row = t.row.saturating_add(t.repeat);
                        }
                    }
                    "table" => {
                        if let Some(t) = table.take() {
                            t.extent.check(limits).map_err(Refusal::TooLarge)?;
                        }
                    }
                    _ => {}
                }
                (None, false)
            }
            Event::Eof => return Ok(written),
            _ => (None, false),
        };
        let Some(e) = element else { continue };
        match e.local_name().as_ref() {
            "table" if !empty => {
                tables += 1;
                table = Some(Table {
                    extent: Extent::new(
                        attribute(&e, "table:name").unwrap_or_else(|| format!("{tables}")),
                    ),
                    row: 0,
                    repeat: 1,
                    col: 0,
                    filled: None,
                    kept: 0,
                });
            }
            "table-row" => {
                if let Some(t) = table.as_mut() {
                    t.repeat = repeats(&e, "table:number-rows-repeated");
                    t.col = 0;
                    t.filled = None;
                    if empty {
                        t.row = t.row.saturating_add(t.repeat);
                    }
                }
            }
            "table-cell" | "covered-table-cell" => {
                if let Some(t) = table.as_mut() {
                    let n = repeats(&e, "table:number-columns-repeated");
                    // A cell with a value type, or with content (a start
                    // tag), is filled; an empty tag without a type is not.
                    let has_value = attribute(&e, "office:value-type").is_some() || !empty;
                    if has_value {
                        let (first, last) = (t.col, t.col.saturating_add(n - 1));
                        t.filled = Some(t.filled.map_or((first, last), |(a, _)| (a, last)));
                        let cells = n.saturating_mul(t.repeat);
                        written = written.saturating_add(cells);
                        t.extent.cells = t.extent.cells.saturating_add(cells);
                        if last >= limits.columns.saturating_mul(64) {
                            return Err(TooLarge::Columns {
                                sheet: t.extent.name.clone(),
                                columns: last + 1,
                                max: limits.columns,
                            }
                            .into());
                        }
                    }
                    t.col = t.col.saturating_add(n);
                }
            }
            _ => {}
        }
    }
}

/// Walks the BIFF records of an XLS workbook stream: each sheet's declared
/// extent (calamine reserves it) and the cells it writes.
fn xls(bytes: &[u8], limits: &Limits) -> Result<(), Refusal> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(malformed)?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or_else(|| malformed("no workbook stream"))?;
    let mut stream = Vec::new();
    file.open_stream(name)
        .map_err(malformed)?
        .take(bytes.len() as u64)
        .read_to_end(&mut stream)
        .map_err(malformed)?;
    let u16_at = |d: &[u8], i: usize| -> Option<u64> {
        Some(u64::from(u16::from_le_bytes(
            d.get(i..i + 2)?.try_into().ok()?,
        )))
    };
    let u32_at = |d: &[u8], i: usize| -> Option<u64> {
        Some(u64::from(u32::from_le_bytes(
            d.get(i..i + 4)?.try_into().ok()?,
        )))
    };
    let mut sheets = 0u64;
    let mut extent = Extent::new("1");
    let mut total = 0u64;
    let mut at = 0usize;
    while at + 4 <= stream.len() {
        let typ = u16_at(&stream, at).unwrap_or(0);
        let len = usize::try_from(u16_at(&stream, at + 2).unwrap_or(0)).unwrap_or(0);
        let data = stream.get(at + 4..at + 4 + len).unwrap_or(&[]);
        at += 4 + len;
        let cell = |extent: &mut Extent, first: u64, last: u64, row: u64| {
            extent.add(row, first, last, last.saturating_sub(first) + 1, limits)
        };
        match typ {
            // BOF: a new substream (a sheet).
            0x0809 => {
                sheets += 1;
                extent = Extent::new(format!("{sheets}"));
            }
            // DIMENSIONS: BIFF8 (rows u32) or BIFF5 (rows u16).
            0x0200 => {
                let (rows, cols) = if data.len() >= 14 {
                    (
                        u32_at(data, 4)
                            .unwrap_or(0)
                            .saturating_sub(u32_at(data, 0).unwrap_or(0)),
                        u16_at(data, 10)
                            .unwrap_or(0)
                            .saturating_sub(u16_at(data, 8).unwrap_or(0)),
                    )
                } else {
                    (
                        u16_at(data, 2)
                            .unwrap_or(0)
                            .saturating_sub(u16_at(data, 0).unwrap_or(0)),
                        u16_at(data, 6)
                            .unwrap_or(0)
                            .saturating_sub(u16_at(data, 4).unwrap_or(0)),
                    )
                };
                let declared = rows.saturating_mul(cols);
                if rows > limits.rows || cols > limits.columns || declared > limits.cells {
                    return Err(TooLarge::Cells {
                        sheet: extent.name.clone(),
                        cells: declared,
                        max: limits.cells,
                    }
                    .into());
                }
            }
            // SST: the shared strings, their count declared.
            0x00FC => {
                let unique = u32_at(data, 4).unwrap_or(0);
                if unique > limits.strings {
                    return Err(TooLarge::Strings {
                        strings: unique,
                        max: limits.strings,
                    }
                    .into());
                }
            }
            // A cell: NUMBER, LABEL, RSTRING, BOOLERR, FORMULA, RK, LABELSST.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x0006 | 0x027E | 0x00FD => {
                if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                    cell(&mut extent, col, col, row).map_err(Refusal::TooLarge)?;
                    total += 1;
                }
            }
            // MULRK, MULBLANK: a run of cells in one row.
            0x00BD | 0x00BE => {
                if let (Some(row), Some(first), Some(last)) = (
                    u16_at(data, 0),
                    u16_at(data, 2),
                    data.len().checked_sub(2).and_then(|i| u16_at(data, i)),
                ) && last >= first
                {
                    cell(&mut extent, first, last, row).map_err(Refusal::TooLarge)?;
                    total += last - first + 1;
                }
            }
            _ => {}
        }
        if total > limits.cells {
            return Err(TooLarge::Cells {
                sheet: "(all sheets)".into(),
                cells: total,
                max: limits.cells,
            }
            .into());
        }
    }
    Ok(())
}

#[cfg(any(test, feature = "crafted"))]
#[allow(clippy::unwrap_used)] // test fixtures: a builder that cannot write is a broken test
pub mod crafted {
    //! Workbooks written by hand, the way an attacker (or a broken
    //! generator) would: for the tests here and the fuzz tests.

    use std::fmt::Write as _;
    use std::io::{Cursor, Write};

    use zip::write::{SimpleFileOptions, ZipWriter};

    /// A ZIP archive of `(name, content)` parts, deflated.
    pub fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in parts {
            w.start_file(*name, options).unwrap();
            w.write_all(content).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

    /// An XLSX whose one sheet holds `cells` (`(reference, value)`), with
    /// `shared_strings` as its string table when given.
    pub fn xlsx(cells: &[(&str, &str)], shared_strings: Option<&str>) -> Vec<u8> {
        let mut sheet = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
        );
        for (r, v) in cells {
            let _ = write!(
                sheet,
                r#"<row><c r="{r}" t="inlineStr"><is><t>{v}</t></is></c></row>"#
            );
        }
        sheet.push_str("</sheetData></worksheet>");
        let mut parts: Vec<(&str, &[u8])> = vec![
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", RELS.as_bytes()),
            ("xl/workbook.xml", WORKBOOK.as_bytes()),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ];
        if let Some(sst) = shared_strings {
            parts.push(("xl/sharedStrings.xml", sst.as_bytes()));
        }
        zip(&parts)
    }

    /// An ODS whose one table is `rows` of table XML.
    pub fn ods(rows: &str) -> Vec<u8> {
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sheet1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
        zip(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("content.xml", content.as_bytes()),
            ("META-INF/manifest.xml", manifest.as_bytes()),
        ])
    }

    /// One BIFF record.
    pub fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend(u16::try_from(data.len()).unwrap().to_le_bytes());
        r.extend(data);
        r
    }

    /// An XLS (OLE container) whose workbook stream is `records`.
    pub fn xls(records: &[Vec<u8>]) -> Vec<u8> {
        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        {
            let mut stream = file.create_stream("/Workbook").unwrap();
            for r in records {
                stream.write_all(r).unwrap();
            }
        }
        file.flush().unwrap();
        file.into_inner().into_inner()
    }

    /// The BOF of a BIFF8 worksheet substream.
    pub fn bof() -> Vec<u8> {
        record(
            0x0809,
            &[0x00, 0x06, 0x10, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::crafted::{bof, ods, record, xls, xlsx};
    use super::*;

    fn too_large(bytes: &[u8]) -> bool {
        matches!(check(bytes, &LIMITS), Err(Refusal::TooLarge(_)))
    }

    #[test]
    fn two_cells_at_opposite_corners_are_refused_before_calamine_lays_them_out() {
        let bomb = xlsx(&[("A1", "Họ và tên"), ("XFD1048576", "x")], None);
        assert!(bomb.len() < 2048, "a small file: {} bytes", bomb.len());
        assert!(matches!(
            check(&bomb, &LIMITS),
            Err(Refusal::TooLarge(TooLarge::Rows { .. }))
        ));
        // A list of a few hundred people is read as before.
        let names: Vec<(String, String)> = (1..=300)
            .map(|i| (format!("B{i}"), format!("Người {i}")))
            .collect();
        let cells: Vec<(&str, &str)> = names
            .iter()
            .map(|(r, v)| (r.as_str(), v.as_str()))
            .collect();
        assert_eq!(check(&xlsx(&cells, None), &LIMITS), Ok(()));
    }

    #[test]
    fn a_shared_string_table_that_declares_billions_is_refused() {
        let sst = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4294967295" uniqueCount="4294967295"><si><t>a</t></si></sst>"#;
        assert!(matches!(
            check(&xlsx(&[("A1", "a")], Some(sst)), &LIMITS),
            Err(Refusal::TooLarge(TooLarge::Strings { .. }))
        ));
    }

    #[test]
    fn a_part_that_unpacks_past_the_limit_is_refused_whatever_its_header_says() {
        // 4 MB of spaces inside a cell deflate to a few KB.
        let padding = " ".repeat(4 * 1024 * 1024);
        let bomb = xlsx(&[("A1", &padding)], None);
        assert!(bomb.len() < 64 * 1024);
        let small = Limits {
            unpacked: 1024 * 1024,
            ..LIMITS
        };
        assert_eq!(
            check(&bomb, &small),
            Err(Refusal::TooLarge(TooLarge::Unpacked { max: 1024 * 1024 }))
        );
    }

    #[test]
    fn ods_repeats_count_as_the_cells_they_stand_for() {
        let row = |repeat: u64| {
            format!(
                r#"<table:table-row table:number-rows-repeated="{repeat}"><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#
            )
        };
        assert!(too_large(&ods(&row(1_048_576))));
        assert_eq!(check(&ods(&row(50)), &LIMITS), Ok(()));
        // LibreOffice's trailing empty rows and columns are not cells.
        let trailing = format!(
            r#"{}<table:table-row table:number-rows-repeated="1048500"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
            row(3)
        );
        assert_eq!(check(&ods(&trailing), &LIMITS), Ok(()));
        let wide = r#"<table:table-row><table:table-cell table:number-columns-repeated="16384" office:value-type="float"/></table:table-row>"#;
        assert!(too_large(&ods(wide)));
    }

    #[test]
    fn an_xls_that_declares_a_whole_sheet_or_writes_far_corners_is_refused() {
        let dims = |rows: u32, cols: u16| {
            let mut d = 0u32.to_le_bytes().to_vec();
            d.extend(rows.to_le_bytes());
            d.extend(0u16.to_le_bytes());
            d.extend(cols.to_le_bytes());
            d.extend([0, 0]);
            record(0x0200, &d)
        };
        let number = |row: u16, col: u16| {
            let mut d = row.to_le_bytes().to_vec();
            d.extend(col.to_le_bytes());
            d.extend([0, 0]);
            d.extend(1.0f64.to_le_bytes());
            record(0x0203, &d)
        };
        let eof = record(0x000A, &[]);
        assert!(too_large(&xls(&[bof(), dims(65_536, 256), eof.clone()])));
        assert!(too_large(&xls(&[
            bof(),
            dims(2, 2),
            number(0, 0),
            number(65_535, 255),
            eof.clone()
        ])));
        assert_eq!(
            check(
                &xls(&[bof(), dims(2, 2), number(0, 0), number(1, 1), eof]),
                &LIMITS
            ),
            Ok(())
        );
    }

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("AB12"), Some((11, 27)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_ref("1A"), None);
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(cell_ref("ABCD1"), None);
    }
}
