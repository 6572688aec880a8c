//! `POST /api/v1/people/import`: a spreadsheet in the body, a report out.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use antt_core::import::{ImportOptions, ImportPlan, RowAction};
use antt_domain::legacy::Legacy;
use antt_domain::person::PersonKind;

use super::{ApiQuery, UnitScope, scope};
use crate::auth::ApiActor;
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ImportParams {
    /// The unit; defaults to the account's own unit.
    pub(super) unit: Option<Uuid>,
    /// The file's name, for the audit log.
    pub(super) file_name: Option<String>,
    /// Only check and report; write nothing.
    #[serde(default)]
    pub(super) dry_run: bool,
    /// Write the good rows and skip the rows with problems.
    #[serde(default)]
    pub(super) only_valid: bool,
    /// Create classes and departments the file names that the unit lacks.
    #[serde(default)]
    pub(super) create_missing: bool,
    /// Write rows that change the name or birth date of people the unit
    /// has; without it such a file is refused (422, `renames_unconfirmed`)
    /// and the report lists them (`renames`).
    #[serde(default)]
    pub(super) confirm_renames: bool,
    /// `staff` or `student` for everyone in the file.
    #[param(value_type = Option<super::codes::PersonKind>, inline)]
    pub(super) kind: Option<String>,
}

/// One problem of one row.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ImportProblem {
    pub(super) row: usize,
    /// Spreadsheet column name ("C"), when one cell is at fault.
    pub(super) column: Option<String>,
    /// The header of that column as written in the file.
    pub(super) header: Option<String>,
    pub(super) field: &'static str,
    pub(super) code: &'static str,
    /// The cell as written.
    pub(super) value: String,
}

/// What an import did, or (dry run, or refused) would do.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ImportReport {
    /// Whether anything was written.
    pub(super) written: bool,
    pub(super) sheet: String,
    /// `tcvn3` or `vni` when the file was typed in a legacy font.
    pub(super) legacy_encoding: Option<&'static str>,
    pub(super) created: usize,
    pub(super) updated: usize,
    pub(super) unchanged: usize,
    /// Rows with problems (not written).
    pub(super) skipped: usize,
    pub(super) new_classes: Vec<String>,
    pub(super) new_departments: Vec<String>,
    pub(super) problems: Vec<ImportProblem>,
    /// Rows that change the name or birth date of a person the unit has:
    /// written only with `confirm_renames`.
    pub(super) renames: Vec<usize>,
}

fn report(plan: &ImportPlan, written: bool) -> ImportReport {
    ImportReport {
        written,
        sheet: plan.sheet_name.clone(),
        legacy_encoding: plan.legacy.map(|l| match l {
            Legacy::Tcvn3 => "tcvn3",
            Legacy::Vni => "vni",
        }),
        created: plan.count(RowAction::Create),
        updated: plan.count(RowAction::Update),
        unchanged: plan.count(RowAction::Unchanged),
        skipped: plan.count(RowAction::Skip),
        new_classes: plan.new_classes.clone(),
        new_departments: plan.new_departments.clone(),
        renames: plan.renames().map(|r| r.row).collect(),
        problems: plan
            .problems()
            .map(|p| ImportProblem {
                row: p.row,
                column: p.column.as_ref().map(|c| c.0.clone()),
                header: p.column.as_ref().map(|c| c.1.clone()),
                field: p.field,
                code: p.code.code(),
                value: p.value.clone(),
            })
            .collect(),
    }
}

/// Imports people from the file in the body (XLSX, XLS, ODS or CSV): every
/// row in one transaction, or nothing. A file with problems is refused
/// with 422 and the report, unless `only_valid` is set.
#[utoipa::path(post, path = "/api/v1/people/import", params(ImportParams), tag = "people", security(("bearer" = [])),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = ImportReport), (status = 422, body = ImportReport, description = "rows have problems; nothing written"),
        (status = 400, body = ApiErrorBody, description = "not a readable table")))]
pub(super) async fn import_people(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(p): ApiQuery<ImportParams>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let unit = scope(&state, &actor, &UnitScope { unit: p.unit }).await?;
    let kind = match p.kind.as_deref() {
        None | Some("") => None,
        Some(k) => Some(
            PersonKind::parse(k)
                .ok_or_else(|| ApiError::BadRequest(format!("unknown kind `{k}`")))?,
        ),
    };
    let options = ImportOptions {
        kind,
        create_missing: p.create_missing,
        only_valid: p.only_valid,
        confirm_renames: p.confirm_renames,
    };
    let file_name = p.file_name.unwrap_or_else(|| "api-upload".into());
    let body = body.to_vec();
    if p.dry_run {
        let plan = state
            .antt
            .people()
            .plan_import(&actor, unit, &file_name, body, options)
            .await?;
        return Ok(Json(report(&plan, false)).into_response());
    }
    let (plan, outcome) = state
        .antt
        .people()
        .import_with_plan(&actor, unit, &file_name, body, options)
        .await?;
    if outcome.is_none() {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(report(&plan, false))).into_response());
    }
    Ok(Json(report(&plan, true)).into_response())
}
