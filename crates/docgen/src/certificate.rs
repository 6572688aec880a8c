//! Certificates (Giấy khen) ready to print: A4 landscape, one page per
//! person or collective, Times New Roman; the national name and motto, the
//! grantor, "GIẤY KHEN", the name large, the achievement, the decision's
//! number and day on the left and the place, day and signer on the right.

use docx_rs::{
    AlignmentType, BreakType, Docx, PageMargin, Paragraph, Run, Table, TableCell, TableLayoutType,
    TableRow, WidthType,
};

use crate::document::{DocumentError, MOTTO, NATIONAL_NAME, Style, centred, fonts, gap, styled};

/// A4 landscape, in twips.
const WIDTH: u32 = 16_838;
const HEIGHT: u32 = 11_906;
/// 20 mm on every side.
const MARGIN: i32 = 1_134;
const TEXT_WIDTH: usize = 16_838 - 2 * 1_134;

/// The certificates of one decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    /// "HIỆU TRƯỞNG TRƯỜNG CAO ĐẲNG LÀO CAI".
    pub grantor: String,
    /// Name and what is printed under it (position, class).
    pub recipients: Vec<(String, String)>,
    /// "Đã có thành tích xuất sắc trong Phong trào…".
    pub reason: String,
    /// "Quyết định số 120/QĐ-CĐLC ngày 20/11/2026".
    pub decision: String,
    /// "Lào Cai, ngày 20 tháng 11 năm 2026".
    pub place_and_date: String,
    pub signer_title: String,
    pub signer_name: String,
    /// The decision's day: the file's created time (File → Info).
    pub issued: crate::document::IssueDate,
}

impl Certificate {
    /// The certificates as the bytes of a `.docx` file.
    pub fn to_docx(&self) -> Result<Vec<u8>, DocumentError> {
        let mut docx = Docx::new()
            .page_size(WIDTH, HEIGHT)
            .page_orient(docx_rs::PageOrientationType::Landscape)
            .page_margin(
                PageMargin::new()
                    .top(MARGIN)
                    .bottom(MARGIN)
                    .left(MARGIN)
                    .right(MARGIN),
            )
            .default_fonts(fonts())
            .default_size(28);
        for (i, (name, detail)) in self.recipients.iter().enumerate() {
            let mut first = centred(NATIONAL_NAME, 26, Style::BOLD);
            if i > 0 {
                first = first.page_break_before(true);
            }
            docx = docx
                .add_paragraph(first)
                .add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Center)
                        .add_run(styled(MOTTO, 28, Style::BOLD).underline("single")),
                )
                .add_paragraph(gap(24))
                .add_paragraph(centred(&self.grantor, 32, Style::BOLD))
                .add_paragraph(gap(8))
                .add_paragraph(centred("TẶNG", 32, Style::BOLD))
                .add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Center)
                        .add_run(styled("GIẤY KHEN", 72, Style::BOLD).color("C00000")),
                )
                .add_paragraph(gap(8))
                .add_paragraph(centred(name, 44, Style::BOLD));
            if !detail.is_empty() {
                docx = docx.add_paragraph(centred(detail, 30, Style::ITALIC));
            }
            docx = docx
                .add_paragraph(gap(10))
                .add_paragraph(centred(&self.reason, 30, Style::PLAIN))
                .add_paragraph(gap(24))
                .add_table(self.footer());
        }
        if self.recipients.is_empty() {
            docx = docx.add_paragraph(
                Paragraph::new().add_run(Run::new().add_break(BreakType::TextWrapping)),
            );
        }
        let mut bytes = std::io::Cursor::new(Vec::new());
        docx.build()
            .pack(&mut bytes)
            .map_err(|e| DocumentError(e.to_string()))?;
        crate::properties::stamp(
            bytes.into_inner(),
            &self.grantor,
            "Giấy khen",
            self.issued.instant(),
        )
        .map_err(DocumentError)
    }

    fn footer(&self) -> Table {
        let half = TEXT_WIDTH / 2;
        let left = TableCell::new()
            .width(half, WidthType::Dxa)
            .add_paragraph(gap(30))
            .add_paragraph(centred(&self.decision, 26, Style::ITALIC));
        let right = TableCell::new()
            .width(half, WidthType::Dxa)
            .add_paragraph(centred(&self.place_and_date, 28, Style::ITALIC))
            .add_paragraph(centred(&self.signer_title, 28, Style::BOLD))
            .add_paragraph(gap(60))
            .add_paragraph(centred(&self.signer_name, 28, Style::BOLD));
        Table::without_borders(vec![TableRow::new(vec![left, right])])
            .set_grid(vec![half, half])
            .width(TEXT_WIDTH, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn one_landscape_page_per_recipient() {
        let c = Certificate {
            grantor: "HIỆU TRƯỞNG TRƯỜNG CAO ĐẲNG LÀO CAI".into(),
            recipients: vec![
                ("Nguyễn Văn An".into(), "Đội trưởng Đội tự quản".into()),
                ("Lớp K19 Điện".into(), String::new()),
            ],
            reason: "Đã có thành tích trong Phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2026"
                .into(),
            decision: "Quyết định số 120/QĐ-CĐLC ngày 20/11/2026".into(),
            place_and_date: "Lào Cai, ngày 20 tháng 11 năm 2026".into(),
            signer_title: "HIỆU TRƯỞNG".into(),
            signer_name: "Trần Xuân Trường".into(),
            issued: crate::document::IssueDate::from(
                chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            ),
        };
        let bytes = c.to_docx().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert!(xml.contains("w:orient=\"landscape\""), "landscape");
        assert_eq!(xml.matches("GIẤY KHEN").count(), 2);
        assert_eq!(
            xml.matches("w:pageBreakBefore").count(),
            1,
            "a page per recipient"
        );
        assert!(xml.contains("Nguyễn Văn An") && xml.contains("Lớp K19 Điện"));
        drop(zip);
        let props = crate::properties::core_properties(&c.to_docx().unwrap()).unwrap();
        assert!(
            props.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-11-19T17:00:00Z"),
            "created on the decision's day: {props}"
        );
        assert!(props.contains("<dc:creator>HIỆU TRƯỞNG TRƯỜNG CAO ĐẲNG LÀO CAI</dc:creator>"));
    }
}
