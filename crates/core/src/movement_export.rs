//! The movement year's people lists as spreadsheets: who has not been
//! reached by any session, who has not signed the commitment, who attended
//! a session. Each export is written to the audit log.

use antt_docgen::{TableSheet, Value};
use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::role::Capability;
use antt_domain::{MovementSessionId, UnitId};

use crate::Antt;
use crate::actor::Actor;
use crate::audit::entry;
use crate::error::{CoreError, CoreResult};
use crate::export::{ExportFile, ExportFormat};

/// (name, code, class or department, note) rows under a title.
fn people_sheet(
    unit: &str,
    title: String,
    rows: Vec<(String, String, String, String)>,
    note_header: Option<&str>,
) -> TableSheet {
    let mut headers = vec![
        "STT".to_owned(),
        "Họ và tên".into(),
        "Mã".into(),
        "Lớp, phòng".into(),
    ];
    if let Some(h) = note_header {
        headers.push(h.to_owned());
    }
    TableSheet {
        name: "Danh sách".into(),
        title: vec![unit.to_uppercase(), title],
        headers,
        widths: vec![6.0, 28.0, 14.0, 30.0, 24.0],
        rows: rows
            .into_iter()
            .zip(1u32..)
            .map(|((name, code, group, note), n)| {
                let mut row = vec![
                    Value::Number(f64::from(n)),
                    name.into(),
                    code.into(),
                    group.into(),
                ];
                if note_header.is_some() {
                    row.push(note.into());
                }
                row
            })
            .collect(),
    }
}

impl Antt {
    /// Writes sheets as one workbook and records the export.
    pub async fn export_sheets(
        &self,
        actor: &Actor,
        unit: UnitId,
        target: Option<(TargetKind, String)>,
        file_name: String,
        sheets: Vec<TableSheet>,
    ) -> CoreResult<ExportFile> {
        let bytes = tokio::task::spawn_blocking(move || antt_docgen::xlsx(&sheets))
            .await
            .map_err(|e| CoreError::Internal(e.to_string()))?
            .map_err(|e| CoreError::Internal(e.to_string()))?;
        self.record(entry(
            actor,
            Some(unit),
            AuditAction::Export,
            target,
            file_name.clone(),
            Vec::new(),
        ))
        .await?;
        Ok(ExportFile {
            file_name,
            content_type: ExportFormat::Xlsx.content_type(),
            bytes,
        })
    }

    /// Writes an official document as Word on a blocking thread, with its
    /// export in the audit log.
    pub(crate) async fn export_document(
        &self,
        actor: &Actor,
        unit: UnitId,
        target: Option<(TargetKind, String)>,
        file_name: String,
        doc: antt_docgen::OfficialDocument,
    ) -> CoreResult<ExportFile> {
        let bytes = render_docx(doc).await?;
        self.record(entry(
            actor,
            Some(unit),
            AuditAction::Export,
            target,
            file_name.clone(),
            Vec::new(),
        ))
        .await?;
        Ok(ExportFile {
            file_name,
            content_type: crate::plan::DOCX,
            bytes,
        })
    }

    /// Who has not been reached by any session of the movement year.
    pub async fn export_not_reached(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<ExportFile> {
        let v = self.coverage(actor, unit, year).await?;
        let u = self.cached_unit(unit).await?;
        let rows = v
            .not_reached
            .into_iter()
            .map(|(n, c, g)| (n, c, g, String::new()))
            .collect();
        let sheet = people_sheet(
            &u.name,
            format!("DANH SÁCH CHƯA ĐƯỢC TUYÊN TRUYỀN NĂM {year}"),
            rows,
            None,
        );
        self.export_sheets(
            actor,
            unit,
            None,
            format!("chua-tuyen-truyen-{year}.xlsx"),
            vec![sheet],
        )
        .await
    }

    /// Who has not signed the commitment of the year.
    pub async fn export_not_signed(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<ExportFile> {
        actor.require(Capability::ReadPeople)?;
        let v = self
            .commitment_view(actor, unit, year)
            .await?
            .ok_or(CoreError::NotFound)?;
        let u = self.cached_unit(unit).await?;
        let rows = v
            .not_signed
            .into_iter()
            .map(|(n, c, g)| (n, c, g, String::new()))
            .collect();
        let sheet = people_sheet(
            &u.name,
            format!("DANH SÁCH CHƯA KÝ CAM KẾT NĂM {year}"),
            rows,
            None,
        );
        let target = Some((TargetKind::Commitment, v.commitment.id.to_string()));
        self.export_sheets(
            actor,
            unit,
            target,
            format!("chua-ky-cam-ket-{year}.xlsx"),
            vec![sheet],
        )
        .await
    }

    /// Who attended a session, and how it was recorded.
    pub async fn export_attendees(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: MovementSessionId,
    ) -> CoreResult<ExportFile> {
        actor.require(Capability::ReadPeople)?;
        let v = self.session_view(actor, unit, id).await?;
        let u = self.cached_unit(unit).await?;
        let date =
            antt_domain::time::format_date(antt_domain::time::local_date(v.session.starts_at));
        let rows = v
            .attendees
            .into_iter()
            .map(|a| {
                let how = antt_words::attendance_method(a.method);
                (a.name, a.code, a.group.unwrap_or_default(), how.to_owned())
            })
            .collect();
        let sheet = people_sheet(
            &u.name,
            format!(
                "DANH SÁCH THAM DỰ: {} ({date})",
                v.session.title.to_uppercase()
            ),
            rows,
            Some("Cách điểm danh"),
        );
        let target = Some((TargetKind::Session, id.to_string()));
        self.export_sheets(
            actor,
            unit,
            target,
            format!("tham-du-{}.xlsx", date.replace('/', "-")),
            vec![sheet],
        )
        .await
    }
}

/// An official document's Word bytes, written on a blocking thread.
pub(crate) async fn render_docx(doc: antt_docgen::OfficialDocument) -> CoreResult<Vec<u8>> {
    tokio::task::spawn_blocking(move || doc.to_docx())
        .await
        .map_err(|e| CoreError::Internal(e.to_string()))?
        .map_err(|e| CoreError::Internal(e.to_string()))
}
