//! The tip poster: one A4 page with the unit's name, a title, a large QR
//! code of the portal's address, the address itself, short steps and the
//! emergency numbers; as DOCX (to edit and print) and as PNG (to print or
//! post as it is). The words come from the caller.

// Pixel coordinates of one A4 page at 150 dpi: small numbers, exact in f32.
#![allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use docx_rs::{AlignmentType, Docx, PageMargin, Paragraph, Pic, Run, RunFonts};
use image::{GrayImage, Luma};
use qrcode::{Color, EcLevel, QrCode};

/// DejaVu Sans (Bitstream Vera licence, `fonts/LICENSE-DejaVu.txt`): its
/// precomposed Vietnamese letters need no shaping.
pub(crate) const FONT: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
pub(crate) const FONT_BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// What a poster says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Poster {
    /// The unit, upper case on top.
    pub unit: String,
    pub title: String,
    /// The portal's address, encoded in the QR code and printed below it.
    pub url: String,
    /// Numbered steps.
    pub steps: Vec<String>,
    /// The last line, in bold: the emergency numbers.
    pub urgent: String,
}

/// Why a poster could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PosterError {
    #[error("the address is too long for a QR code")]
    Url,
    #[error("writing the file: {0}")]
    Write(String),
}

fn qr(url: &str) -> Result<QrCode, PosterError> {
    QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).map_err(|_| PosterError::Url)
}

/// The QR code of `url` as a PNG, `module` pixels a module, with the quiet
/// zone of four modules.
pub fn qr_png(url: &str, module: u32) -> Result<Vec<u8>, PosterError> {
    let code = qr(url)?;
    let picture = qr_image(&code, module);
    png(&picture)
}

fn qr_image(code: &QrCode, module: u32) -> GrayImage {
    let width = u32::try_from(code.width()).unwrap_or(0);
    let side = (width + 8) * module;
    let colors = code.to_colors();
    GrayImage::from_fn(side, side, |x, y| {
        let (mx, my) = (x / module, y / module);
        let dark = mx >= 4
            && my >= 4
            && mx < width + 4
            && my < width + 4
            && colors[((my - 4) * width + (mx - 4)) as usize] == Color::Dark;
        Luma([if dark { 0 } else { 255 }])
    })
}

pub(crate) fn png(picture: &GrayImage) -> Result<Vec<u8>, PosterError> {
    let mut out = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| PosterError::Write(e.to_string()))?;
    Ok(out.into_inner())
}

/// Half-points of Word.
fn text(s: &str, half_points: usize, bold: bool) -> Run {
    let run = Run::new().add_text(s).size(half_points).fonts(
        RunFonts::new()
            .ascii("Times New Roman")
            .hi_ansi("Times New Roman")
            .cs("Times New Roman"),
    );
    if bold { run.bold() } else { run }
}

fn centred(run: Run, after: u32) -> Paragraph {
    Paragraph::new()
        .add_run(run)
        .align(AlignmentType::Center)
        .line_spacing(docx_rs::LineSpacing::new().after(after))
}

impl Poster {
    /// The poster as a Word document: A4, the QR code 9 cm wide.
    pub fn to_docx(&self) -> Result<Vec<u8>, PosterError> {
        let code = qr(&self.url)?;
        let picture = qr_image(&code, 12);
        let side = picture.width();
        let bytes = png(&picture)?;
        // 9 cm in EMU (360,000 a centimetre).
        let pic = Pic::new_with_dimensions(bytes, side, side).size(3_240_000, 3_240_000);
        let mut docx = Docx::new()
            .page_size(11_906, 16_838)
            .page_margin(
                PageMargin::new()
                    .top(1_134)
                    .bottom(1_134)
                    .left(1_134)
                    .right(1_134),
            )
            .add_paragraph(centred(text(&self.unit.to_uppercase(), 30, true), 120))
            .add_paragraph(centred(text(&self.title, 52, true), 240))
            .add_paragraph(centred(Run::new().add_image(pic), 120))
            .add_paragraph(centred(text(&self.url, 28, false), 360));
        for (i, step) in self.steps.iter().enumerate() {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .add_run(text(&format!("{}. ", i + 1), 30, true))
                    .add_run(text(step, 30, false))
                    .line_spacing(docx_rs::LineSpacing::new().after(160)),
            );
        }
        docx = docx.add_paragraph(centred(text(&self.urgent, 32, true), 0));
        let mut out = std::io::Cursor::new(Vec::new());
        docx.build()
            .pack(&mut out)
            .map_err(|e| PosterError::Write(e.to_string()))?;
        Ok(out.into_inner())
    }

    /// The poster as a PNG of an A4 page at 150 dots per inch.
    pub fn to_png(&self) -> Result<Vec<u8>, PosterError> {
        const WIDTH: u32 = 1_240;
        const HEIGHT: u32 = 1_754;
        const MARGIN: f32 = 90.0;
        let regular =
            FontRef::try_from_slice(FONT).map_err(|e| PosterError::Write(e.to_string()))?;
        let bold =
            FontRef::try_from_slice(FONT_BOLD).map_err(|e| PosterError::Write(e.to_string()))?;
        let mut page = GrayImage::from_pixel(WIDTH, HEIGHT, Luma([255]));
        let width = WIDTH as f32 - 2.0 * MARGIN;
        let mut y = 110.0;
        for line in wrap(&bold, 40.0, &self.unit.to_uppercase(), width) {
            draw(&mut page, &bold, 40.0, &line, y, None);
            y += 54.0;
        }
        y += 16.0;
        for line in wrap(&bold, 74.0, &self.title, width) {
            draw(&mut page, &bold, 74.0, &line, y, None);
            y += 92.0;
        }
        // The code, 10 modules short of 700 px on a side.
        let code = qr(&self.url)?;
        let modules = u32::try_from(code.width()).unwrap_or(1) + 8;
        let qr = qr_image(&code, (700 / modules).max(1));
        let x = (WIDTH - qr.width()) / 2;
        image::imageops::overlay(&mut page, &qr, i64::from(x), y as i64);
        y += qr.height() as f32 + 50.0;
        draw(&mut page, &regular, 34.0, &self.url, y, None);
        y += 80.0;
        for (i, step) in self.steps.iter().enumerate() {
            let lines = wrap(&regular, 34.0, &format!("{}. {step}", i + 1), width);
            for line in lines {
                draw(&mut page, &regular, 34.0, &line, y, Some(MARGIN));
                y += 46.0;
            }
            y += 10.0;
        }
        y += 20.0;
        for line in wrap(&bold, 38.0, &self.urgent, width) {
            draw(&mut page, &bold, 38.0, &line, y, None);
            y += 50.0;
        }
        png(&page)
    }
}

pub(crate) fn line_width(font: &FontRef<'_>, size: f32, s: &str) -> f32 {
    let scaled = font.as_scaled(PxScale::from(size));
    s.chars()
        .map(|c| scaled.h_advance(scaled.glyph_id(c)))
        .sum()
}

/// Words in lines no wider than `width`.
pub(crate) fn wrap(font: &FontRef<'_>, size: f32, s: &str, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in s.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if !current.is_empty() && line_width(font, size, &candidate) > width {
            lines.push(std::mem::take(&mut current));
            word.clone_into(&mut current);
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Draws a line with its baseline at `y`: from `left`, or centred.
pub(crate) fn draw(
    page: &mut GrayImage,
    font: &FontRef<'_>,
    size: f32,
    s: &str,
    y: f32,
    left: Option<f32>,
) {
    let scaled = font.as_scaled(PxScale::from(size));
    let mut x = left.unwrap_or_else(|| (page.width() as f32 - line_width(font, size, s)) / 2.0);
    for c in s.chars() {
        let id = scaled.glyph_id(c);
        let glyph = id.with_scale_and_position(PxScale::from(size), ab_glyph::point(x, y));
        x += scaled.h_advance(id);
        if let Some(outline) = font.outline_glyph(glyph) {
            let bounds = outline.px_bounds();
            outline.draw(|gx, gy, coverage| {
                let (px, py) = (
                    bounds.min.x as i64 + i64::from(gx),
                    bounds.min.y as i64 + i64::from(gy),
                );
                if px >= 0 && py >= 0 && (px as u32) < page.width() && (py as u32) < page.height() {
                    let p = page.get_pixel_mut(px as u32, py as u32);
                    let ink = (coverage.clamp(0.0, 1.0) * 255.0) as u8;
                    p.0[0] = p.0[0].min(255 - ink);
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poster() -> Poster {
        Poster {
            unit: "Trường Cao đẳng Lào Cai".into(),
            title: "BÁO TIN AN NINH, TRẬT TỰ".into(),
            url: "https://antt.cdlc.edu.vn/tip/CDLC".into(),
            steps: vec![
                "Quét mã QR bằng camera điện thoại.".into(),
                "Không cần ghi tên: nhà trường không lưu địa chỉ mạng, thiết bị của bạn.".into(),
            ],
            urgent: "Khẩn cấp: gọi 113 (Công an), 114 (cứu hỏa, cứu nạn)".into(),
        }
    }

    #[test]
    fn the_poster_is_an_a4_picture_with_ink_on_it() {
        let png = poster().to_png().expect("a PNG");
        // For people to look at, beside the browser tests' screenshots.
        let shots =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
        if std::fs::create_dir_all(&shots).is_ok() {
            let _ = std::fs::write(shots.join("tip-poster.png"), &png);
        }
        let page = image::load_from_memory(&png).expect("a picture").to_luma8();
        assert_eq!((page.width(), page.height()), (1_240, 1_754));
        let dark = page.pixels().filter(|p| p.0[0] < 128).count();
        assert!(dark > 50_000, "text and a QR code: {dark} dark pixels");
        // The top band holds the unit's name: ink between 60 and 130 px.
        assert!((60..130).any(|y| (0..1_240).any(|x| page.get_pixel(x, y).0[0] < 100)));
    }

    #[test]
    fn the_poster_as_word_holds_the_words_and_the_picture() {
        let docx = poster().to_docx().expect("a DOCX");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("word/document.xml").expect("body"),
            &mut xml,
        )
        .expect("text");
        for words in [
            "TRƯỜNG CAO ĐẲNG LÀO CAI",
            "BÁO TIN AN NINH",
            "https://antt.cdlc.edu.vn/tip/CDLC",
            "Quét mã QR",
            "113",
        ] {
            assert!(xml.contains(words), "«{words}»");
        }
        assert!(
            (0..zip.len()).any(|i| zip
                .by_index(i)
                .is_ok_and(|f| f.name().is_ok_and(|n| n.starts_with("word/media/")))),
            "the QR code is inside"
        );
    }

    #[test]
    fn a_qr_code_has_its_quiet_zone() {
        let png = qr_png("http://127.0.0.1:8080/tip/CDLC", 4).expect("a PNG");
        let picture = image::load_from_memory(&png).expect("a picture").to_luma8();
        assert_eq!(picture.width(), picture.height());
        assert!(
            (0..16).all(|i| picture.get_pixel(i, i).0[0] == 255),
            "white border"
        );
    }
}
