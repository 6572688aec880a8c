//! An administrative document laid out by Decree 30/2020/NĐ-CP (Phụ lục I,
//! template 1.4 "Văn bản có tên loại"): A4 portrait, margins 20/20/30/15 mm,
//! Times New Roman; the two-column header (issuing body and "Số: …/…" on the
//! left, Quốc hiệu, Tiêu ngữ and the italic place and date on the right); the
//! centred type name and subject with a short rule; italic legal bases; the
//! body (upper-case bold section headings, bold numbered clauses, justified
//! paragraphs with a 1.27 cm first-line indent and 6 pt after); the footer
//! with "Nơi nhận:" on the left and the signature block on the right; page
//! numbers centred in the top margin from page 2.
//!
//! Plans, reports, minutes, decisions and certificates all build a
//! [`OfficialDocument`] and call [`OfficialDocument::to_docx`].

use chrono::{Datelike, NaiveDate};
use docx_rs::{
    AlignmentType, BorderType, Docx, Header, LineSpacing, LineSpacingType, PageMargin, PageNum,
    Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts,
    SpecialIndentType, Table, TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};

/// Page and text sizes, in twentieths of a point (twips) unless named.
mod layout {
    /// A4: 210 × 297 mm.
    pub(super) const PAGE_WIDTH: u32 = 11_906;
    pub(super) const PAGE_HEIGHT: u32 = 16_838;
    /// 20 mm top and bottom, 30 mm left, 15 mm right.
    pub(super) const MARGIN_TOP: i32 = 1_134;
    pub(super) const MARGIN_BOTTOM: i32 = 1_134;
    pub(super) const MARGIN_LEFT: i32 = 1_701;
    pub(super) const MARGIN_RIGHT: i32 = 850;
    /// Page number 10 mm from the top edge, inside the top margin.
    pub(super) const HEADER_DISTANCE: i32 = 567;
    /// 210 − 30 − 15 = 165 mm.
    pub(super) const TEXT_WIDTH: usize = 9_355;
    /// The header's left column (issuing body, number); the rest is the
    /// right column (Quốc hiệu, date).
    pub(super) const HEADER_LEFT: usize = 3_969;
    /// The footer's left column ("Nơi nhận").
    pub(super) const FOOTER_LEFT: usize = 4_536;
    /// First-line indent of body paragraphs: 1.27 cm.
    pub(super) const FIRST_LINE: i32 = 720;
    /// 6 pt between paragraphs.
    pub(super) const AFTER: u32 = 120;
    /// Line spacing 1.15 (in 240ths of a line).
    pub(super) const LINE: i32 = 276;
}

/// Which way the A4 sheet is turned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Orientation {
    Portrait,
    Landscape,
}

impl Orientation {
    /// The page's width and height in twips.
    fn size(self) -> (u32, u32) {
        match self {
            Self::Portrait => (layout::PAGE_WIDTH, layout::PAGE_HEIGHT),
            Self::Landscape => (layout::PAGE_HEIGHT, layout::PAGE_WIDTH),
        }
    }

    /// The width between the left and right margins.
    fn text_width(self) -> usize {
        match self {
            Self::Portrait => layout::TEXT_WIDTH,
            // 297 − 30 − 15 = 252 mm.
            Self::Landscape => {
                layout::TEXT_WIDTH + (layout::PAGE_HEIGHT - layout::PAGE_WIDTH) as usize
            }
        }
    }
}

/// Font sizes in half-points, as Word stores them.
mod size {
    pub(super) const BODY: usize = 28;
    pub(super) const NUMBER: usize = 26;
    pub(super) const NATIONAL: usize = 24;
    pub(super) const MOTTO: usize = 26;
    pub(super) const BODY_NAME: usize = 24;
    pub(super) const DATE_LINE: usize = 26;
    pub(super) const PAGE_NUMBER: usize = 26;
    pub(super) const RECIPIENTS_LABEL: usize = 24;
    pub(super) const RECIPIENTS: usize = 22;
    pub(super) const TABLE: usize = 24;
}

pub const FONT: &str = "Times New Roman";
pub const NATIONAL_NAME: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// The date a document is issued on. Plans are often printed before they
/// are signed, with the day (and sometimes the month) left blank to be
/// written by hand: "ngày      tháng 12 năm 2025".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IssueDate {
    pub day: Option<u32>,
    pub month: Option<u32>,
    pub year: i32,
}

impl From<NaiveDate> for IssueDate {
    fn from(date: NaiveDate) -> Self {
        Self {
            day: Some(date.day()),
            month: Some(date.month()),
            year: date.year(),
        }
    }
}

impl IssueDate {
    /// The start of the day of issue in Vietnam (UTC+7), when the day is
    /// known: the document's time in its file's properties.
    pub fn instant(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        let day = NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)?;
        let local = day.and_hms_opt(0, 0, 0)?;
        Some(chrono::DateTime::from_naive_utc_and_offset(
            local - chrono::Duration::hours(7),
            chrono::Utc,
        ))
    }

    /// A date whose day and month are written in by hand.
    pub fn year_only(year: i32) -> Self {
        Self {
            day: None,
            month: None,
            year,
        }
    }

    /// "ngày 05 tháng 01 năm 2026": day under 10 and months 1 and 2 with a
    /// leading zero (Decree 30, Phụ lục I, II.4.b).
    pub fn words(&self) -> String {
        const BLANK: &str = "     ";
        let day = self
            .day
            .map_or_else(|| BLANK.to_owned(), |d| format!("{d:02}"));
        let month = self.month.map_or_else(
            || BLANK.to_owned(),
            |m| {
                if m <= 2 {
                    format!("{m:02}")
                } else {
                    m.to_string()
                }
            },
        );
        format!("ngày {day} tháng {month} năm {}", self.year)
    }
}

/// Who signs: "KT. HIỆU TRƯỞNG" over "PHÓ HIỆU TRƯỞNG" over the name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signer {
    /// The authority line with its prefix (TM., KT., TL., Q., TUQ.), if the
    /// signer signs for someone else.
    pub authority: Option<String>,
    pub title: String,
    pub name: String,
    /// A second signature on the left, in place of "Nơi nhận": minutes
    /// are signed by the secretary ("THƯ KÝ", name) and the chair.
    pub witness: Option<(String, String)>,
}

/// One block of the body.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// "I. MỤC ĐÍCH, YÊU CẦU": upper case, bold, flush left.
    Section(String),
    /// "1. Mục đích", "1.1. Thi đua…": bold.
    Clause(String),
    /// A justified paragraph with a first-line indent.
    Paragraph(String),
    /// A paragraph whose first words are bold: "Văn phòng: chủ trì…".
    Lead { lead: String, text: String },
    /// A centred bold line: a decision's authority ("HIỆU TRƯỞNG TRƯỜNG
    /// CAO ĐẲNG LÀO CAI") above its bases, and "QUYẾT ĐỊNH:" below them.
    Heading(String),
    /// An italic line of the bases ("Căn cứ …;", "Xét đề nghị …."), for a
    /// document whose bases come after an authority line.
    Basis(String),
    /// A table with a bold header row and thin borders.
    Table(BodyTable),
    /// A PNG picture centred in the text width (a chart), with its caption.
    Picture {
        png: Vec<u8>,
        /// Pixels of the picture, and how wide it prints in centimetres.
        pixels: (u32, u32),
        width_cm: u32,
        caption: String,
    },
}

/// A table in the body of a report or a plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BodyTable {
    pub headers: Vec<String>,
    /// Relative column widths; missing ones share the rest equally.
    pub widths: Vec<u16>,
    pub rows: Vec<Vec<String>>,
}

/// A document with a type name (Kế hoạch, Báo cáo, Tờ trình, Quyết định…).
#[derive(Clone, Debug, PartialEq)]
pub struct OfficialDocument {
    /// The body directly above the issuer, if any (upper case, not bold).
    pub parent_body: Option<String>,
    /// The issuing body (upper case, bold).
    pub issuing_body: String,
    /// The number, written with a leading zero under 10; `None` leaves the
    /// space to be filled in when the document is registered.
    pub number: Option<u32>,
    /// The symbol after the slash: "KH-CĐLC".
    pub symbol: String,
    pub place: String,
    pub date: IssueDate,
    /// "KẾ HOẠCH", "BÁO CÁO".
    pub kind: String,
    /// The subject under the type name (trích yếu).
    pub subject: String,
    /// "Kính gửi:" lines, for a report or a request sent up.
    pub addressees: Vec<String>,
    /// "Căn cứ …" lines, without their final punctuation.
    pub bases: Vec<String>,
    pub body: Vec<Block>,
    /// "Nơi nhận" lines without the dash and the final punctuation; the last
    /// is usually "Lưu: VT, VP".
    pub recipients: Vec<String>,
    pub signer: Signer,
}

impl OfficialDocument {
    /// "Số: 05/KH-CĐLC", or "Số:      /KH-CĐLC" before registration.
    pub fn number_line(&self) -> String {
        let number = self
            .number
            .map_or_else(|| "     ".to_owned(), |n| format!("{n:02}"));
        format!("Số: {number}/{}", self.symbol)
    }

    /// "Lào Cai, ngày 05 tháng 01 năm 2026".
    pub fn place_and_date(&self) -> String {
        format!("{}, {}", self.place, self.date.words())
    }

    /// The document as the bytes of a `.docx` file, A4 portrait.
    pub fn to_docx(&self) -> Result<Vec<u8>, DocumentError> {
        self.render(Orientation::Portrait)
    }

    /// The document on A4 landscape (Decree 30 allows it for a body of
    /// tables not made into appendices: a month's duty roster), the same
    /// margins on the turned page.
    pub fn to_docx_landscape(&self) -> Result<Vec<u8>, DocumentError> {
        self.render(Orientation::Landscape)
    }

    fn render(&self, page: Orientation) -> Result<Vec<u8>, DocumentError> {
        let (page_width, page_height) = page.size();
        let text_width = page.text_width();
        let mut docx = Docx::new().page_size(page_width, page_height);
        if page == Orientation::Landscape {
            docx = docx.page_orient(docx_rs::PageOrientationType::Landscape);
        }
        docx = docx
            .page_margin(
                PageMargin::new()
                    .top(layout::MARGIN_TOP)
                    .bottom(layout::MARGIN_BOTTOM)
                    .left(layout::MARGIN_LEFT)
                    .right(layout::MARGIN_RIGHT)
                    .header(layout::HEADER_DISTANCE)
                    .footer(layout::HEADER_DISTANCE),
            )
            .default_fonts(fonts())
            .default_size(size::BODY)
            // The first page has an empty header: page numbers start on page 2.
            .header(Header::new().add_paragraph(page_number()))
            .first_header(Header::new().add_paragraph(Paragraph::new()))
            .add_table(self.heading_table(text_width))
            .add_paragraph(gap(18));
        docx = docx
            .add_paragraph(
                centred(&self.kind.to_uppercase(), size::BODY, Style::BOLD).keep_next(true),
            )
            .add_paragraph(centred(&self.subject, size::BODY, Style::BOLD).keep_next(true))
            .add_paragraph(gap(2))
            .add_paragraph(short_rule(text_width, 3))
            .add_paragraph(gap(6));
        for line in self.addressees_lines() {
            docx = docx.add_paragraph(line);
        }
        let bases = self.bases.len();
        for (i, basis) in self.bases.iter().enumerate() {
            let end = if i + 1 == bases { '.' } else { ';' };
            let text = format!("{}{end}", basis.trim_end_matches(['.', ';', ' ']));
            docx = docx.add_paragraph(body_paragraph(&text, Style::ITALIC));
        }
        for block in &self.body {
            docx = match block {
                Block::Table(table) => docx
                    .add_table(body_table(table, text_width))
                    .add_paragraph(gap(6)),
                Block::Picture {
                    png,
                    pixels,
                    width_cm,
                    caption,
                } => {
                    // 360,000 EMU a centimetre; the height keeps the ratio.
                    let w = width_cm * 360_000;
                    let h = u32::try_from(
                        u64::from(w) * u64::from(pixels.1) / u64::from(pixels.0.max(1)),
                    )
                    .unwrap_or(w);
                    let pic = docx_rs::Pic::new_with_dimensions(png.clone(), pixels.0, pixels.1)
                        .size(w, h);
                    docx.add_paragraph(
                        Paragraph::new()
                            .align(AlignmentType::Center)
                            .keep_next(true)
                            .add_run(Run::new().add_image(pic)),
                    )
                    .add_paragraph(centred(caption, size::TABLE, Style::ITALIC))
                    .add_paragraph(gap(6))
                }
                other => docx.add_paragraph(block_paragraph(other)),
            };
        }
        docx = docx
            .add_paragraph(gap(6))
            .add_table(self.footer_table(text_width));
        let mut bytes = std::io::Cursor::new(Vec::new());
        docx.build()
            .pack(&mut bytes)
            .map_err(|e| DocumentError(e.to_string()))?;
        crate::properties::stamp(
            bytes.into_inner(),
            &self.issuing_body,
            &format!("{} {}", self.kind, self.subject),
            self.date.instant(),
        )
        .map_err(DocumentError)
    }

    fn heading_table(&self, text_width: usize) -> Table {
        let right = text_width - layout::HEADER_LEFT;
        let mut left_cell = TableCell::new().width(layout::HEADER_LEFT, WidthType::Dxa);
        if let Some(parent) = &self.parent_body {
            left_cell = left_cell.add_paragraph(centred(
                &parent.to_uppercase(),
                size::BODY_NAME,
                Style::PLAIN,
            ));
        }
        left_cell = left_cell
            .add_paragraph(centred(
                &self.issuing_body.to_uppercase(),
                size::BODY_NAME,
                Style::BOLD,
            ))
            .add_paragraph(gap(2))
            .add_paragraph(short_rule(layout::HEADER_LEFT, 3));
        let right_cell = TableCell::new()
            .width(right, WidthType::Dxa)
            .add_paragraph(centred(NATIONAL_NAME, size::NATIONAL, Style::BOLD))
            .add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(styled(MOTTO, size::MOTTO, Style::BOLD).underline("single")),
            );
        let number = TableCell::new()
            .width(layout::HEADER_LEFT, WidthType::Dxa)
            .vertical_align(VAlignType::Top)
            .add_paragraph(centred(
                // A paper with no symbol (a report of achievements) has
                // no number either.
                &if self.symbol.is_empty() {
                    String::new()
                } else {
                    self.number_line()
                },
                size::NUMBER,
                Style::PLAIN,
            ));
        let date = TableCell::new()
            .width(right, WidthType::Dxa)
            .add_paragraph(centred(
                &self.place_and_date(),
                size::DATE_LINE,
                Style::ITALIC,
            ));
        Table::without_borders(vec![
            TableRow::new(vec![left_cell, right_cell]),
            TableRow::new(vec![number, date]),
        ])
        .set_grid(vec![layout::HEADER_LEFT, right])
        .width(text_width, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
    }

    fn addressees_lines(&self) -> Vec<Paragraph> {
        match self.addressees.as_slice() {
            [] => Vec::new(),
            [one] => vec![centred(
                &format!("Kính gửi: {one}."),
                size::BODY,
                Style::PLAIN,
            )],
            many => {
                let last = many.len() - 1;
                let mut lines = vec![centred("Kính gửi:", size::BODY, Style::PLAIN)];
                lines.extend(many.iter().enumerate().map(|(i, who)| {
                    let end = if i == last { '.' } else { ';' };
                    Paragraph::new()
                        .indent(Some(2_268), None, None, None)
                        .add_run(styled(&format!("- {who}{end}"), size::BODY, Style::PLAIN))
                }));
                lines
            }
        }
    }

    fn footer_table(&self, text_width: usize) -> Table {
        let right = text_width - layout::FOOTER_LEFT;
        let mut left = TableCell::new().width(layout::FOOTER_LEFT, WidthType::Dxa);
        if let Some((title, name)) = &self.signer.witness {
            left = left.add_paragraph(centred(&title.to_uppercase(), size::BODY, Style::BOLD));
            for _ in 0..4 {
                left = left.add_paragraph(Paragraph::new());
            }
            left = left.add_paragraph(centred(name, size::BODY, Style::BOLD));
        } else if !self.recipients.is_empty() {
            left = left.add_paragraph(Paragraph::new().add_run(styled(
                "Nơi nhận:",
                size::RECIPIENTS_LABEL,
                Style::BOLD_ITALIC,
            )));
            let last = self.recipients.len() - 1;
            for (i, who) in self.recipients.iter().enumerate() {
                let end = if i == last { '.' } else { ';' };
                let who = who.trim_end_matches(['.', ';', ' ']);
                left = left.add_paragraph(Paragraph::new().add_run(styled(
                    &format!("- {who}{end}"),
                    size::RECIPIENTS,
                    Style::PLAIN,
                )));
            }
        }
        let mut signature = TableCell::new().width(right, WidthType::Dxa);
        if let Some(authority) = &self.signer.authority {
            signature = signature.add_paragraph(centred(
                &authority.to_uppercase(),
                size::BODY,
                Style::BOLD,
            ));
        }
        signature = signature.add_paragraph(centred(
            &self.signer.title.to_uppercase(),
            size::BODY,
            Style::BOLD,
        ));
        // Room for the signature and the seal.
        for _ in 0..4 {
            signature = signature.add_paragraph(Paragraph::new());
        }
        signature = signature.add_paragraph(centred(&self.signer.name, size::BODY, Style::BOLD));
        // The recipients and the signature stay together on one page.
        Table::without_borders(vec![TableRow::new(vec![left, signature]).cant_split()])
            .set_grid(vec![layout::FOOTER_LEFT, right])
            .width(text_width, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
    }
}

/// Why a document could not be written.
#[derive(Debug, thiserror::Error)]
#[error("could not write the document: {0}")]
pub struct DocumentError(pub(crate) String);

#[derive(Clone, Copy)]
pub(crate) struct Style {
    bold: bool,
    italic: bool,
}

impl Style {
    pub(crate) const PLAIN: Self = Self {
        bold: false,
        italic: false,
    };
    pub(crate) const BOLD: Self = Self {
        bold: true,
        italic: false,
    };
    pub(crate) const ITALIC: Self = Self {
        bold: false,
        italic: true,
    };
    pub(crate) const BOLD_ITALIC: Self = Self {
        bold: true,
        italic: true,
    };
}

pub(crate) fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

pub(crate) fn styled(text: &str, size: usize, style: Style) -> Run {
    let mut run = Run::new().add_text(text).size(size).fonts(fonts());
    if style.bold {
        run = run.bold();
    }
    if style.italic {
        run = run.italic();
    }
    run
}

pub(crate) fn tight() -> LineSpacing {
    LineSpacing::new()
        .before(0)
        .after(0)
        .line(240)
        .line_rule(LineSpacingType::Auto)
}

pub(crate) fn centred(text: &str, size: usize, style: Style) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(tight())
        .add_run(styled(text, size, style))
}

/// An empty line of `points` height.
pub(crate) fn gap(points: u32) -> Paragraph {
    Paragraph::new().line_spacing(
        LineSpacing::new()
            .before(0)
            .after(0)
            .line(i32::try_from(points * 20).unwrap_or(120))
            .line_rule(LineSpacingType::Exact),
    )
}

/// A solid rule a `1/parts` of `width` long, centred: under the issuing
/// body and under the subject.
fn short_rule(width: usize, parts: usize) -> Paragraph {
    let side = i32::try_from(width * (parts - 1) / parts / 2).unwrap_or(0);
    let mut paragraph = gap(4).indent(Some(side), None, Some(side), None);
    // Only the top border: docx-rs's default borders draw all four sides.
    paragraph.property = paragraph.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Top)
                .val(BorderType::Single)
                .size(6)
                .space(0)
                .color("000000"),
        ),
    );
    paragraph
}

fn body_paragraph(text: &str, style: Style) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(layout::FIRST_LINE)),
            None,
            None,
        )
        .line_spacing(
            LineSpacing::new()
                .before(0)
                .after(layout::AFTER)
                .line(layout::LINE)
                .line_rule(LineSpacingType::Auto),
        )
        .add_run(styled(text, size::BODY, style))
}

fn block_paragraph(block: &Block) -> Paragraph {
    match block {
        Block::Section(title) => body_paragraph(&title.to_uppercase(), Style::BOLD).keep_next(true),
        Block::Clause(title) => body_paragraph(title, Style::BOLD).keep_next(true),
        Block::Paragraph(text) => body_paragraph(text, Style::PLAIN),
        Block::Lead { lead, text } => body_paragraph(lead, Style::BOLD).add_run(styled(
            &format!(" {text}"),
            size::BODY,
            Style::PLAIN,
        )),
        Block::Heading(text) => centred(text, size::BODY, Style::BOLD).keep_next(true),
        Block::Basis(text) => body_paragraph(text, Style::ITALIC),
        Block::Table(_) | Block::Picture { .. } => Paragraph::new(),
    }
}

fn body_table(table: &BodyTable, text_width: usize) -> Table {
    let columns = table
        .headers
        .len()
        .max(table.rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1);
    // Columns without a width get the average of the given ones.
    let given: Vec<usize> = table
        .widths
        .iter()
        .take(columns)
        .map(|w| usize::from(*w).max(1))
        .collect();
    let average = (given.iter().sum::<usize>() / given.len().max(1)).max(1);
    let weights: Vec<usize> = (0..columns)
        .map(|i| given.get(i).copied().unwrap_or(average))
        .collect();
    let total: usize = weights.iter().sum();
    let grid: Vec<usize> = weights.iter().map(|w| text_width * w / total).collect();
    let cell = |text: &str, width: usize, style: Style| {
        TableCell::new().width(width, WidthType::Dxa).add_paragraph(
            Paragraph::new()
                .line_spacing(tight())
                .align(if style.bold {
                    AlignmentType::Center
                } else {
                    AlignmentType::Left
                })
                .add_run(styled(text, size::TABLE, style)),
        )
    };
    let mut rows = Vec::with_capacity(table.rows.len() + 1);
    if !table.headers.is_empty() {
        rows.push(TableRow::new(
            grid.iter()
                .enumerate()
                .map(|(i, w)| {
                    cell(
                        table.headers.get(i).map_or("", String::as_str),
                        *w,
                        Style::BOLD,
                    )
                })
                .collect(),
        ));
    }
    for row in &table.rows {
        rows.push(
            TableRow::new(
                grid.iter()
                    .enumerate()
                    .map(|(i, w)| cell(row.get(i).map_or("", String::as_str), *w, Style::PLAIN))
                    .collect(),
            )
            // A row is read whole: never half on one page and half on the next.
            .cant_split(),
        );
    }
    Table::new(rows)
        .set_grid(grid)
        .width(text_width, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

fn page_number() -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .size(size::PAGE_NUMBER)
        .add_page_num(PageNum::new())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn plan() -> OfficialDocument {
        OfficialDocument {
            parent_body: Some("UBND tỉnh Lào Cai".into()),
            issuing_body: "Trường Cao đẳng Lào Cai".into(),
            number: Some(5),
            symbol: "KH-CĐLC".into(),
            place: "Lào Cai".into(),
            date: NaiveDate::from_ymd_opt(2026, 1, 5)
                .map_or(IssueDate::year_only(2026), IssueDate::from),
            kind: "Kế hoạch".into(),
            subject:
                "Triển khai thực hiện Phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” năm 2026"
                    .into(),
            addressees: Vec::new(),
            bases: vec![
                "Căn cứ Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ Công an;".into(),
                "Căn cứ tình hình thực tế và nhiệm vụ trọng tâm của Nhà trường".into(),
            ],
            body: vec![
                Block::Section("I. Mục đích, yêu cầu".into()),
                Block::Clause("1. Mục đích".into()),
                Block::Paragraph("Triển khai thực hiện nghiêm túc, hiệu quả…".into()),
                Block::Lead {
                    lead: "Văn phòng:".into(),
                    text: "chủ trì.".into(),
                },
                Block::Table(BodyTable {
                    headers: vec!["TT".into(), "Nội dung".into()],
                    widths: vec![1, 6],
                    rows: vec![vec!["1".into(), "Tuyên truyền".into()]],
                }),
            ],
            recipients: vec!["Công an tỉnh Lào Cai".into(), "Lưu: VT, VP".into()],
            signer: Signer {
                witness: None,
                authority: Some("KT. Hiệu trưởng".into()),
                title: "Phó Hiệu trưởng".into(),
                name: "Trần Xuân Trường".into(),
            },
        }
    }

    fn part(docx: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
        let mut text = String::new();
        zip.by_name(name)
            .expect("the part")
            .read_to_string(&mut text)
            .expect("UTF-8");
        text
    }

    #[test]
    fn dates_get_leading_zeros_where_the_decree_asks() {
        let date = |y, m, d| IssueDate::from(NaiveDate::from_ymd_opt(y, m, d).expect("a date"));
        assert_eq!(date(2026, 1, 5).words(), "ngày 05 tháng 01 năm 2026");
        assert_eq!(date(2026, 2, 28).words(), "ngày 28 tháng 02 năm 2026");
        assert_eq!(date(2025, 12, 17).words(), "ngày 17 tháng 12 năm 2025");
        let blank = IssueDate {
            day: None,
            month: Some(12),
            year: 2025,
        };
        assert_eq!(
            blank.words(),
            format!("ngày {} tháng 12 năm 2025", " ".repeat(5))
        );
    }

    #[test]
    fn the_text_width_is_the_page_less_its_margins() {
        let width = i64::from(layout::PAGE_WIDTH)
            - i64::from(layout::MARGIN_LEFT)
            - i64::from(layout::MARGIN_RIGHT);
        assert_eq!(usize::try_from(width).ok(), Some(layout::TEXT_WIDTH));
    }

    #[test]
    fn a_landscape_document_turns_the_page_and_widens_its_tables() {
        let mut doc = plan();
        doc.body = vec![Block::Table(BodyTable {
            headers: vec!["Ngày".into(), "Cổng chính".into()],
            widths: vec![1, 3],
            rows: vec![vec!["01/12".into(), "Lò Văn A".into()]],
        })];
        let body = part(
            &doc.to_docx_landscape().expect("written"),
            "word/document.xml",
        );
        assert!(
            body.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape""#),
            "{body}"
        );
        // 297 − 30 − 15 = 252 mm of text: the table spans it, a quarter
        // and three quarters.
        let width = Orientation::Landscape.text_width();
        assert_eq!(width, 14_287);
        assert!(
            body.contains(&format!(r#"<w:tblW w:w="{width}" w:type="dxa""#)),
            "{body}"
        );
        assert!(
            body.contains(&format!(r#"<w:gridCol w:w="{}""#, width / 4)),
            "{body}"
        );
        assert!(body.contains(r#"w:left="1701""#) && body.contains(r#"w:top="1134""#));
    }

    #[test]
    fn the_number_line_leaves_room_before_registration() {
        let mut doc = plan();
        assert_eq!(doc.number_line(), "Số: 05/KH-CĐLC");
        doc.number = None;
        assert_eq!(doc.number_line(), "Số:      /KH-CĐLC");
        doc.number = Some(123);
        assert_eq!(doc.number_line(), "Số: 123/KH-CĐLC");
    }

    #[test]
    fn the_document_follows_decree_30() {
        let docx = plan().to_docx().expect("written");
        // The file says who made it and when, not "unknown" in 1970.
        let core = crate::properties::core_properties(&docx).expect("core properties");
        assert!(
            core.contains(&format!("<dc:creator>{}</dc:creator>", plan().issuing_body)),
            "{core}"
        );
        assert!(
            !core.contains("1970") && !core.contains("unknown"),
            "{core}"
        );
        let body = part(&docx, "word/document.xml");
        // A4 portrait, margins 20/20/30/15 mm, a different first page.
        assert!(
            body.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
            "{body}"
        );
        assert!(body.contains(r#"w:top="1134""#) && body.contains(r#"w:left="1701""#));
        assert!(body.contains(r#"w:right="850""#) && body.contains(r#"w:bottom="1134""#));
        assert!(body.contains("<w:titlePg"));
        // The header: parent and issuing bodies upper case, the national name
        // and motto, the number, the italic place and date.
        for text in [
            "UBND TỈNH LÀO CAI",
            "TRƯỜNG CAO ĐẲNG LÀO CAI",
            NATIONAL_NAME,
            MOTTO,
            "Số: 05/KH-CĐLC",
            "Lào Cai, ngày 05 tháng 01 năm 2026",
            "KẾ HOẠCH",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "KT. HIỆU TRƯỞNG",
            "PHÓ HIỆU TRƯỞNG",
            "Trần Xuân Trường",
            "Nơi nhận:",
            "- Công an tỉnh Lào Cai;",
            "- Lưu: VT, VP.",
        ] {
            assert!(body.contains(text), "missing {text}");
        }
        // Bases end with ";" and the last with ".".
        assert!(body.contains("của Bộ Công an;"));
        assert!(body.contains("của Nhà trường."));
        // The motto is underlined.
        let motto = body.find(MOTTO).expect("motto");
        assert!(
            body[..motto]
                .rfind("<w:u w:val=\"single\"")
                .is_some_and(|u| motto - u < 400)
        );
        // Times New Roman everywhere; 14 pt body.
        let styles = part(&docx, "word/styles.xml");
        assert!(styles.contains(r#"w:ascii="Times New Roman""#), "{styles}");
        assert!(styles.contains(r#"<w:sz w:val="28""#));
        assert!(!body.contains("Calibri") && !styles.contains("Calibri"));
        // Page numbers only from page 2: the default header has the PAGE
        // field, the first-page header does not.
        let headers: Vec<String> = (1..=2)
            .map(|i| part(&docx, &format!("word/header{i}.xml")))
            .collect();
        assert_eq!(headers.iter().filter(|h| h.contains("PAGE")).count(), 1);
        assert!(body.contains(r#"w:type="first""#) && body.contains(r#"w:type="default""#));
    }
}
