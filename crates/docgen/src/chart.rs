//! A bar chart as a PNG for a report: categories along the bottom, one or
//! two series side by side (dark and light grey, so it prints in black and
//! white), the value above each dark bar, a legend; Vietnamese text drawn
//! with the embedded DejaVu Sans.

use ab_glyph::FontRef;
use image::{GrayImage, Luma};

use crate::poster::{FONT, PosterError, draw, line_width, png};

/// Bars by category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarChart {
    pub labels: Vec<String>,
    /// Legend and values, one per label; the first series is dark.
    pub series: Vec<(String, Vec<u64>)>,
}

/// Pixels of the picture: 16 × 6 cm at about 150 dots per inch.
pub const WIDTH: u32 = 960;
pub const HEIGHT: u32 = 360;

impl BarChart {
    /// The chart as PNG bytes.
    #[allow(clippy::cast_precision_loss)] // pixels and a dozen bars
    pub fn to_png(&self) -> Result<Vec<u8>, PosterError> {
        let font = FontRef::try_from_slice(FONT).map_err(|e| PosterError::Write(e.to_string()))?;
        let mut page = GrayImage::from_pixel(WIDTH, HEIGHT, Luma([255]));
        let (left, right, top, bottom) = (30.0_f32, 20.0_f32, 60.0_f32, 300.0_f32);
        let top_value = self
            .series
            .iter()
            .flat_map(|(_, v)| v.iter().copied())
            .max()
            .unwrap_or(0)
            .max(1);
        let groups = self.labels.len().max(1) as f32;
        let slot = (WIDTH as f32 - left - right) / groups;
        let bars = self.series.len().clamp(1, 2) as f32;
        let bar = (slot * 0.7 / bars).max(2.0);
        // The axis.
        fill(
            &mut page,
            left,
            bottom,
            WIDTH as f32 - right,
            bottom + 2.0,
            0,
        );
        for (i, label) in self.labels.iter().enumerate() {
            let x0 = left + slot * i as f32 + slot * 0.15;
            for (s, (_, values)) in self.series.iter().take(2).enumerate() {
                let v = values.get(i).copied().unwrap_or(0);
                let h = (bottom - top) * v as f32 / top_value as f32;
                let x = x0 + bar * s as f32;
                let shade = if s == 0 { 40 } else { 190 };
                fill(&mut page, x, bottom - h, x + bar - 2.0, bottom, shade);
                if s == 0 && v > 0 {
                    let t = v.to_string();
                    let w = line_width(&font, 20.0, &t);
                    draw(
                        &mut page,
                        &font,
                        20.0,
                        &t,
                        bottom - h - 6.0,
                        Some(x + (bar - w) / 2.0),
                    );
                }
            }
            let w = line_width(&font, 20.0, label);
            draw(
                &mut page,
                &font,
                20.0,
                label,
                bottom + 28.0,
                Some(left + slot * i as f32 + (slot - w) / 2.0),
            );
        }
        // The legend, top left.
        let mut x = left;
        for (s, (name, _)) in self.series.iter().take(2).enumerate() {
            fill(
                &mut page,
                x,
                18.0,
                x + 22.0,
                36.0,
                if s == 0 { 40 } else { 190 },
            );
            draw(&mut page, &font, 22.0, name, 35.0, Some(x + 30.0));
            x += 60.0 + line_width(&font, 22.0, name);
        }
        png(&page)
    }
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // pixels within the picture
fn fill(page: &mut GrayImage, x0: f32, y0: f32, x1: f32, y1: f32, shade: u8) {
    let (w, h) = (page.width(), page.height());
    for y in (y0.max(0.0) as u32)..(y1.max(0.0) as u32).min(h) {
        for x in (x0.max(0.0) as u32)..(x1.max(0.0) as u32).min(w) {
            page.put_pixel(x, y, Luma([shade]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::cast_possible_wrap)] // row counts of a small picture
    fn bars_are_drawn_in_proportion() {
        let chart = BarChart {
            labels: vec!["T11".into(), "T12".into()],
            series: vec![
                ("Năm 2026".into(), vec![4, 2]),
                ("Năm 2025".into(), vec![1, 0]),
            ],
        };
        let bytes = chart.to_png().unwrap();
        let img = image::load_from_memory(&bytes).unwrap().to_luma8();
        assert_eq!((img.width(), img.height()), (WIDTH, HEIGHT));
        // The first bar reaches the top of the plot; the second half of it.
        let dark_rows = |x: u32| {
            (0..HEIGHT)
                .filter(|y| img.get_pixel(x, *y).0[0] == 40)
                .count()
        };
        let first = dark_rows(30 + 455 * 15 / 100 + 5);
        let second = dark_rows(30 + 455 + 455 * 15 / 100 + 5);
        assert!(first > 200, "{first}");
        assert!(
            (second as i64 - first as i64 / 2).abs() <= 3,
            "{first} {second}"
        );
    }
}
