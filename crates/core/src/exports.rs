//! Files handed to a user, each recorded in the audit log: lists as
//! spreadsheets, official documents as Word, and the sheet of people that
//! several lists share (name, code, class or department, a note).

use antt_docgen::{TableSheet, Value};
use antt_domain::UnitId;
use antt_domain::audit::{AuditAction, TargetKind};

use crate::actor::Actor;
use crate::audit::entry;
use crate::context::Cx;
use crate::error::{CoreError, CoreResult};
use crate::export::{ExportFile, ExportFormat};

/// (name, code, class or department, note) rows under a title.
pub(crate) fn people_sheet(
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

/// Writes files and records each export.
#[derive(Clone)]
pub struct Exports {
    cx: Cx,
}

impl Exports {
    pub(crate) fn new(cx: Cx) -> Self {
        Self { cx }
    }

    /// Writes sheets as one workbook and records the export.
    #[tracing::instrument(name = "exports.sheets", skip_all, fields(actor = %actor.name))]
    pub async fn sheets(
        &self,
        actor: &Actor,
        unit: UnitId,
        target: Option<(TargetKind, String)>,
        file_name: String,
        sheets: Vec<TableSheet>,
    ) -> CoreResult<ExportFile> {
        let bytes = tokio::task::spawn_blocking(move || antt_docgen::xlsx(&sheets))
            .await
            .map_err(CoreError::internal)?
            .map_err(CoreError::internal)?;
        self.cx
            .record(entry(
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
    pub(crate) async fn document(
        &self,
        actor: &Actor,
        unit: UnitId,
        target: Option<(TargetKind, String)>,
        file_name: String,
        doc: antt_docgen::OfficialDocument,
    ) -> CoreResult<ExportFile> {
        self.document_on(actor, unit, target, file_name, doc, false)
            .await
    }

    /// `document` on A4 landscape when `landscape` (a body of wide tables).
    pub(crate) async fn document_on(
        &self,
        actor: &Actor,
        unit: UnitId,
        target: Option<(TargetKind, String)>,
        file_name: String,
        doc: antt_docgen::OfficialDocument,
        landscape: bool,
    ) -> CoreResult<ExportFile> {
        let bytes = render(doc, landscape).await?;
        self.cx
            .record(entry(
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
}

/// An official document's Word bytes, written on a blocking thread.
pub(crate) async fn render_docx(doc: antt_docgen::OfficialDocument) -> CoreResult<Vec<u8>> {
    render(doc, false).await
}

/// `render_docx`, on A4 landscape when `landscape`.
async fn render(doc: antt_docgen::OfficialDocument, landscape: bool) -> CoreResult<Vec<u8>> {
    tokio::task::spawn_blocking(move || {
        if landscape {
            doc.to_docx_landscape()
        } else {
            doc.to_docx()
        }
    })
    .await
    .map_err(CoreError::internal)?
    .map_err(CoreError::internal)
}
