//! Checkpoint labels: A4 sheets of eight labels (two across, four down),
//! each with the unit, a QR code, the checkpoint's code in large letters
//! and its name; as Word (to print on plain or sticker paper) and as PDF.
//!
//! The PDF is written here, not by a crate: its pages are the same
//! pictures as the PNG preview, one grey image a page, which a dozen
//! lines of PDF objects hold; no font is embedded, so Vietnamese letters
//! print exactly as drawn.

// Pixel coordinates of an A4 page at 150 dpi: small numbers, exact in f32.
#![allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]

use std::io::Write as _;

use ab_glyph::FontRef;
use docx_rs::{
    AlignmentType, Docx, PageMargin, Paragraph, Pic, Run, RunFonts, Table, TableCell, TableRow,
    WidthType,
};
use image::{GrayImage, Luma};
use qrcode::{EcLevel, QrCode};

use crate::poster::{FONT, FONT_BOLD, PosterError, draw, line_width, png, wrap};

/// One checkpoint's label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// "A1", printed large under the code.
    pub code: String,
    pub name: String,
    /// The campus.
    pub place: String,
    /// What the QR code holds.
    pub url: String,
}

/// The labels of a unit, eight to a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelSheet {
    pub unit: String,
    pub labels: Vec<Label>,
    /// The line at the foot of each label: what to do with it.
    pub hint: String,
}

const PER_PAGE: usize = 8;
const WIDTH: u32 = 1_240;
const HEIGHT: u32 = 1_754;

fn qr(url: &str) -> Result<QrCode, PosterError> {
    QrCode::with_error_correction_level(url.as_bytes(), EcLevel::Q).map_err(|_| PosterError::Url)
}

/// The code's picture with its quiet zone, `module` pixels a module.
fn qr_picture(code: &QrCode, module: u32) -> GrayImage {
    let width = u32::try_from(code.width()).unwrap_or(0);
    let colors = code.to_colors();
    let side = (width + 8) * module;
    GrayImage::from_fn(side, side, |x, y| {
        let (mx, my) = (x / module, y / module);
        let dark = mx >= 4
            && my >= 4
            && mx < width + 4
            && my < width + 4
            && colors[((my - 4) * width + (mx - 4)) as usize] == qrcode::Color::Dark;
        Luma([if dark { 0 } else { 255 }])
    })
}

/// Cuts `s` to what fits `width` at `size`, with an ellipsis.
fn fit(font: &FontRef<'_>, size: f32, s: &str, width: f32) -> String {
    if line_width(font, size, s) <= width {
        return s.to_owned();
    }
    let mut out: String = s.to_owned();
    while !out.is_empty() && line_width(font, size, &format!("{out}…")) > width {
        out.pop();
    }
    format!("{}…", out.trim_end())
}

impl LabelSheet {
    /// The pages as pictures: A4 at 150 dots per inch.
    pub fn to_pages(&self) -> Result<Vec<GrayImage>, PosterError> {
        let regular =
            FontRef::try_from_slice(FONT).map_err(|e| PosterError::Write(e.to_string()))?;
        let bold =
            FontRef::try_from_slice(FONT_BOLD).map_err(|e| PosterError::Write(e.to_string()))?;
        let (cell_w, cell_h) = (WIDTH / 2, HEIGHT / 4);
        let mut pages = Vec::new();
        for chunk in self.labels.chunks(PER_PAGE) {
            let mut page = GrayImage::from_pixel(WIDTH, HEIGHT, Luma([255]));
            for (i, label) in chunk.iter().enumerate() {
                let (x0, y0) = ((i as u32 % 2) * cell_w, (i as u32 / 2) * cell_h);
                // A thin grey cutting line around the label.
                for x in x0..x0 + cell_w {
                    page.put_pixel(x, y0, Luma([170]));
                    page.put_pixel(x, (y0 + cell_h - 1).min(HEIGHT - 1), Luma([170]));
                }
                for y in y0..y0 + cell_h {
                    page.put_pixel(x0, y, Luma([170]));
                    page.put_pixel((x0 + cell_w - 1).min(WIDTH - 1), y, Luma([170]));
                }
                let code = qr(&label.url)?;
                let modules = u32::try_from(code.width()).unwrap_or(1) + 8;
                let picture = qr_picture(&code, (300 / modules).max(1));
                image::imageops::overlay(
                    &mut page,
                    &picture,
                    i64::from(x0 + 20),
                    i64::from(y0 + (cell_h - picture.height()) / 2),
                );
                let left = (x0 + 30 + picture.width()) as f32;
                let room = (x0 + cell_w) as f32 - left - 20.0;
                let unit = fit(&regular, 20.0, &self.unit.to_uppercase(), room);
                draw(
                    &mut page,
                    &regular,
                    20.0,
                    &unit,
                    y0 as f32 + 90.0,
                    Some(left),
                );
                draw(
                    &mut page,
                    &bold,
                    84.0,
                    &label.code,
                    y0 as f32 + 200.0,
                    Some(left),
                );
                let mut y = y0 as f32 + 255.0;
                let lines = wrap(&bold, 26.0, &label.name, room);
                for (n, line) in lines.iter().take(2).enumerate() {
                    let line = if n == 1 && lines.len() > 2 {
                        fit(&bold, 26.0, &format!("{line} {}", lines[2]), room)
                    } else {
                        fit(&bold, 26.0, line, room)
                    };
                    draw(&mut page, &bold, 26.0, &line, y, Some(left));
                    y += 34.0;
                }
                let place = fit(&regular, 24.0, &label.place, room);
                draw(&mut page, &regular, 24.0, &place, y + 6.0, Some(left));
                draw(
                    &mut page,
                    &regular,
                    20.0,
                    &fit(&regular, 20.0, &self.hint, room),
                    y0 as f32 + 400.0,
                    Some(left),
                );
            }
            pages.push(page);
        }
        Ok(pages)
    }

    /// The first page as a PNG, to look at on screen.
    pub fn to_png(&self) -> Result<Vec<u8>, PosterError> {
        let pages = self.to_pages()?;
        pages.first().map_or(Err(PosterError::Url), png)
    }

    /// The sheets as a PDF: each page one picture, A4.
    pub fn to_pdf(&self) -> Result<Vec<u8>, PosterError> {
        let pages = self.to_pages()?;
        pdf_of_pictures(&pages)
    }

    /// The sheets as a Word document: a table of labels, two across.
    pub fn to_docx(&self) -> Result<Vec<u8>, PosterError> {
        const CELL: usize = 4_819; // half of 17 cm in twips
        let font = || {
            RunFonts::new()
                .ascii("Times New Roman")
                .hi_ansi("Times New Roman")
                .cs("Times New Roman")
        };
        let text = |s: &str, half_points: usize, bold: bool| {
            let run = Run::new().add_text(s).size(half_points).fonts(font());
            let run = if bold { run.bold() } else { run };
            Paragraph::new().add_run(run).align(AlignmentType::Center)
        };
        let mut rows = Vec::new();
        for pair in self.labels.chunks(2) {
            let mut cells = Vec::new();
            for label in pair {
                let code = qr(&label.url)?;
                let picture = qr_picture(&code, 8);
                let side = picture.width();
                // 4.5 cm in EMU.
                let pic =
                    Pic::new_with_dimensions(png(&picture)?, side, side).size(1_620_000, 1_620_000);
                cells.push(
                    TableCell::new()
                        .width(CELL, WidthType::Dxa)
                        .add_paragraph(text(&self.unit.to_uppercase(), 18, false))
                        .add_paragraph(
                            Paragraph::new()
                                .add_run(Run::new().add_image(pic))
                                .align(AlignmentType::Center),
                        )
                        .add_paragraph(text(&label.code, 48, true))
                        .add_paragraph(text(&label.name, 26, true))
                        .add_paragraph(text(&label.place, 22, false)),
                );
            }
            if cells.len() == 1 {
                cells.push(TableCell::new().width(CELL, WidthType::Dxa));
            }
            rows.push(TableRow::new(cells).cant_split());
        }
        let docx = Docx::new()
            .page_size(11_906, 16_838)
            .page_margin(
                PageMargin::new()
                    .top(851)
                    .bottom(851)
                    .left(1_134)
                    .right(1_134),
            )
            .add_table(
                Table::new(rows)
                    .set_grid(vec![CELL, CELL])
                    .width(CELL * 2, WidthType::Dxa),
            );
        let mut out = std::io::Cursor::new(Vec::new());
        docx.build()
            .pack(&mut out)
            .map_err(|e| PosterError::Write(e.to_string()))?;
        Ok(out.into_inner())
    }
}

/// A PDF whose pages are these A4 pictures (8-bit grey, deflated at the
/// fast level: the pages are mostly white, and the best level took a
/// sheet of 500 labels from 2 to 6 seconds for a few per cent).
fn pdf_of_pictures(pages: &[GrayImage]) -> Result<Vec<u8>, PosterError> {
    let mut out: Vec<u8> = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets: Vec<usize> = Vec::new();
    // Objects: 1 catalog, 2 page tree, then per page: page, image, content.
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 3 + 3 * i))
        .collect();
    let mut object = |out: &mut Vec<u8>, body: &[u8]| {
        offsets.push(out.len());
        let n = offsets.len();
        out.extend_from_slice(format!("{n} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    object(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>");
    object(
        &mut out,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .as_bytes(),
    );
    // A4 in points.
    let (w, h) = (595.28_f32, 841.89_f32);
    for (i, page) in pages.iter().enumerate() {
        let (image, content) = (4 + 3 * i, 5 + 3 * i);
        object(
            &mut out,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] /Resources << /XObject << /Im{i} {image} 0 R >> >> /Contents {content} 0 R >>"
            )
            .as_bytes(),
        );
        let mut deflate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        deflate
            .write_all(page.as_raw())
            .map_err(|e| PosterError::Write(e.to_string()))?;
        let data = deflate
            .finish()
            .map_err(|e| PosterError::Write(e.to_string()))?;
        let mut body = format!(
            "<< /Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length {} >>\nstream\n",
            page.width(),
            page.height(),
            data.len()
        )
        .into_bytes();
        body.extend_from_slice(&data);
        body.extend_from_slice(b"\nendstream");
        object(&mut out, &body);
        let draw = format!("q {w} 0 0 {h} 0 0 cm /Im{i} Do Q");
        object(
            &mut out,
            format!("<< /Length {} >>\nstream\n{draw}\nendstream", draw.len()).as_bytes(),
        );
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes(),
    );
    for o in &offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .as_bytes(),
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(n: usize) -> LabelSheet {
        LabelSheet {
            unit: "Trường Cao đẳng Lào Cai".into(),
            labels: (1..=n)
                .map(|i| Label {
                    code: format!("A{i}"),
                    name: format!("Điểm {i}: hàng rào phía sau khu ký túc xá"),
                    place: "Cơ sở chính".into(),
                    url: format!("https://antt.cdlc.edu.vn/gate/scan?c=A{i}&k=7KQ4M2XP"),
                })
                .collect(),
            hint: "Quét mã khi đi tuần tra".into(),
        }
    }

    #[test]
    fn nine_labels_fill_one_page_and_begin_a_second() {
        let pages = sheet(9).to_pages().expect("pages");
        assert_eq!(pages.len(), 2);
        assert_eq!((pages[0].width(), pages[0].height()), (WIDTH, HEIGHT));
        let ink = |p: &GrayImage, y0: u32, y1: u32| {
            (y0..y1)
                .flat_map(|y| (0..WIDTH).map(move |x| (x, y)))
                .filter(|&(x, y)| p.get_pixel(x, y).0[0] < 100)
                .count()
        };
        // Every row of the first page holds a code; the second page's
        // second row is empty.
        assert!((0..4).all(|r| ink(&pages[0], r * 438 + 5, r * 438 + 430) > 5_000));
        assert_eq!(ink(&pages[1], 445, 870), 0);
        if let Ok(png) = sheet(9).to_png() {
            let shots =
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
            if std::fs::create_dir_all(&shots).is_ok() {
                let _ = std::fs::write(shots.join("patrol-labels.png"), png);
            }
        }
    }

    #[test]
    fn the_pdf_has_a_page_a_sheet_and_a_table_of_its_objects() {
        let pdf = sheet(9).to_pdf().expect("pdf");
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-1.4"));
        assert!(text.contains("/Count 2"));
        assert!(text.trim_end().ends_with("%%EOF"));
        // Each object's offset in the table points at "n 0 obj".
        let xref = text.rfind("xref\n").expect("xref");
        for (n, line) in text[xref..].lines().skip(3).take(8).enumerate() {
            let offset: usize = line[..10].parse().expect("offset");
            assert!(
                pdf[offset..].starts_with(format!("{} 0 obj", n + 1).as_bytes()),
                "object {}",
                n + 1
            );
        }
    }

    #[test]
    fn the_word_labels_hold_each_code_and_its_picture() {
        let docx = sheet(3).to_docx().expect("docx");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("word/document.xml").expect("body"),
            &mut xml,
        )
        .expect("text");
        for words in [
            "TRƯỜNG CAO ĐẲNG LÀO CAI",
            ">A1<",
            ">A3<",
            "hàng rào phía sau",
        ] {
            assert!(xml.contains(words), "«{words}»");
        }
        let pictures = (0..zip.len())
            .filter(|&i| {
                zip.by_index(i)
                    .is_ok_and(|f| f.name().is_ok_and(|n| n.starts_with("word/media/")))
            })
            .count();
        // Three codes (and docx-rs's own entry for the folder, or none).
        assert!((3..=4).contains(&pictures), "{pictures}");
    }
}
