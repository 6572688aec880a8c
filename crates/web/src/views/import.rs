//! Importing people from a spreadsheet (upload → preview with every problem
//! → confirm), exporting the list, and the template to fill in.

use crate::forms::Form;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use antt_core::CoreError;
use antt_core::export::ExportFormat;
use antt_core::import::{ImportOptions, ImportPlan, RowAction};
use antt_domain::legacy::Legacy;
use antt_domain::person::PersonKind;
use antt_domain::time;

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, Upload, UploadedFile, form_again, number};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame};
use crate::state::AppState;
use crate::views::people::PeopleQuery;

/// The options of the upload form, carried to the confirmation.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct OptionsForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    create_missing: Option<String>,
    #[serde(default)]
    only_valid: Option<String>,
    #[serde(default)]
    confirm_renames: Option<String>,
}

impl OptionsForm {
    fn options(&self) -> ImportOptions {
        ImportOptions {
            kind: PersonKind::parse(&self.kind),
            create_missing: self.create_missing.is_some(),
            only_valid: self.only_valid.is_some(),
            confirm_renames: self.confirm_renames.is_some(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "people/import.html")]
pub(crate) struct UploadPage {
    layout: Layout,
    kinds: Vec<Choice>,
    create_missing: bool,
    error: Option<&'static str>,
}

fn kinds(current: &str) -> Vec<Choice> {
    let mut kinds = vec![Choice::new(
        "",
        "Theo từng dòng (lớp → học sinh, khoa/phòng → cán bộ)",
        current,
    )];
    kinds.extend(
        PersonKind::ALL
            .iter()
            .map(|k| Choice::new(k.code(), i18n::person_kind(*k), current)),
    );
    kinds
}

async fn upload_page(
    state: &AppState,
    user: &CurrentUser,
    param: &UnitParam,
    options: &OptionsForm,
    error: Option<&'static str>,
) -> Result<UploadPage, WebError> {
    let (_, layout) = frame(state, user, param, "people", "Nhập danh sách từ Excel").await?;
    Ok(UploadPage {
        layout,
        kinds: kinds(&options.kind),
        create_missing: options.create_missing.is_some(),
        error,
    })
}

pub(crate) async fn upload_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
) -> Result<UploadPage, WebError> {
    upload_page(&state, &user, &param, &OptionsForm::default(), None).await
}

/// One problem, for the table of the preview.
pub(crate) struct ProblemLine {
    row: usize,
    column: String,
    message: &'static str,
    value: String,
}

/// One row of the preview.
pub(crate) struct PreviewRow {
    row: usize,
    code: String,
    name: String,
    birth_date: String,
    group: String,
    action: &'static str,
    css: &'static str,
    detail: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "people/import_preview.html")]
pub(crate) struct PreviewPage {
    layout: Layout,
    action: String,
    file_name: String,
    sheet_name: String,
    legacy: Option<&'static str>,
    columns: Vec<String>,
    created: String,
    updated: String,
    unchanged: String,
    skipped: String,
    /// Rows that change the name or birth date of people the unit has.
    renames: usize,
    writable: usize,
    problems: Vec<ProblemLine>,
    /// All the problems, and whether more than are listed.
    problems_total: String,
    problems_cut: bool,
    rows: Vec<PreviewRow>,
    hidden_rows: String,
    rows_below: Option<(usize, usize)>,
    new_classes: Vec<String>,
    new_departments: Vec<String>,
    kind: String,
    create_missing: bool,
    error: Option<&'static str>,
}

/// How many rows the preview lists; the rest are counted.
const PREVIEW_ROWS: usize = 300;
/// How many problems the preview lists; the rest are counted, so a file of
/// a million bad rows still makes a page of a few hundred lines.
const PREVIEW_PROBLEMS: usize = 200;

fn preview(
    layout: Layout,
    id: uuid::Uuid,
    plan: &ImportPlan,
    options: &OptionsForm,
    error: Option<&'static str>,
) -> PreviewPage {
    let problems_total = plan.problems().count();
    let problems = plan
        .problems()
        .take(PREVIEW_PROBLEMS)
        .map(|p| ProblemLine {
            row: p.row,
            column: p.column.as_ref().map_or_else(
                || i18n::field(p.field).to_owned(),
                |(name, label)| format!("{name} · {label}"),
            ),
            message: i18n::import_problem(p.field, p.code),
            value: p.value.clone(),
        })
        .collect();
    // Rows with problems first, then what changes; unchanged rows are only counted.
    let mut listed: Vec<_> = plan
        .rows
        .iter()
        .filter(|r| r.action != RowAction::Unchanged)
        .collect();
    listed.sort_by_key(|r| (r.action != RowAction::Skip, !r.renames, r.row));
    let hidden = listed.len().saturating_sub(PREVIEW_ROWS);
    let rows = listed
        .into_iter()
        .take(PREVIEW_ROWS)
        .map(|r| {
            let (action, css) = match r.action {
                RowAction::Create => ("Thêm mới", "create"),
                RowAction::Update if r.renames => ("Đổi tên/ngày sinh", "problem"),
                RowAction::Update => ("Cập nhật", "update"),
                RowAction::Unchanged => ("Không đổi", ""),
                RowAction::Skip => ("Lỗi – bỏ qua", "problem"),
            };
            let detail = if r.action == RowAction::Skip {
                r.problems
                    .iter()
                    .map(|p| i18n::import_problem(p.field, p.code))
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                r.changes
                    .iter()
                    .map(|c| {
                        format!(
                            "{}: {} → {}",
                            i18n::field(&c.field),
                            c.before
                                .as_deref()
                                .map_or_else(|| "—".into(), |v| i18n::change_value(&c.field, v)),
                            c.after
                                .as_deref()
                                .map_or_else(|| "—".into(), |v| i18n::change_value(&c.field, v)),
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            PreviewRow {
                row: r.row,
                code: r.code.clone().unwrap_or_default(),
                name: r.full_name.clone().unwrap_or_default(),
                birth_date: r.birth_date.map(time::format_date).unwrap_or_default(),
                group: r
                    .class
                    .clone()
                    .or_else(|| r.department.clone())
                    .unwrap_or_default(),
                action,
                css,
                detail,
            }
        })
        .collect();
    let columns = plan
        .columns
        .iter()
        .map(|(name, label, _)| format!("{name}: {label}"))
        .collect();
    let writable = plan.count(RowAction::Create) + plan.count(RowAction::Update);
    PreviewPage {
        action: layout.link(&format!("/people/import/{id}")),
        layout,
        file_name: plan.file_name.clone(),
        sheet_name: plan.sheet_name.clone(),
        legacy: plan.legacy.map(|l| match l {
            Legacy::Tcvn3 => "TCVN3 (.VnTime, ABC)",
            Legacy::Vni => "VNI (VNI-Times)",
        }),
        columns,
        created: number(plan.count(RowAction::Create) as u64),
        updated: number(plan.count(RowAction::Update) as u64),
        unchanged: number(plan.count(RowAction::Unchanged) as u64),
        skipped: number(plan.count(RowAction::Skip) as u64),
        renames: plan.renames().count(),
        writable,
        problems,
        problems_total: number(problems_total as u64),
        problems_cut: problems_total > PREVIEW_PROBLEMS,
        rows,
        hidden_rows: if hidden > 0 {
            number(hidden as u64)
        } else {
            String::new()
        },
        rows_below: plan.rows_below.first().map(|&r| (r, plan.rows_below.len())),
        new_classes: plan.new_classes.clone(),
        new_departments: plan.new_departments.clone(),
        kind: options.kind.clone(),
        create_missing: options.create_missing.is_some(),
        error,
    }
}

/// The message of an import refused as a whole, when it is about the file.
fn file_refusal(e: &CoreError) -> Option<&'static str> {
    match e {
        CoreError::Invalid(v) => v.for_field("file").map(i18n::error),
        _ => None,
    }
}

pub(crate) async fn upload(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let mut options = OptionsForm::default();
    let (file, problem) = match Upload::read(multipart).await {
        Ok(mut upload) => {
            upload.text("kind").clone_into(&mut options.kind);
            if upload.has("create_missing") {
                options.create_missing = Some(String::new());
            }
            let file = upload.take_file("file");
            let problem = file.is_none().then_some("Hãy chọn tệp danh sách.");
            (file, problem)
        }
        Err(e) => (None, e.for_field("file").map(i18n::error)),
    };
    let Some(UploadedFile {
        name: file_name,
        bytes,
    }) = file
    else {
        let page = upload_page(&state, &user, &param, &options, problem).await?;
        return Ok(form_again(page));
    };
    let (unit, layout) = frame(&state, &user, &param, "people", "Xem trước khi nhập").await?;
    match state
        .antt
        .people()
        .stage_import(user.actor(), unit, &file_name, bytes, options.options())
        .await
    {
        Ok((id, plan)) => Ok(preview(layout, id, &plan, &options, None).into_response()),
        Err(e) => match file_refusal(&e) {
            Some(message) => {
                let page = upload_page(&state, &user, &param, &options, Some(message)).await?;
                Ok(form_again(page))
            }
            None => Err(e.into()),
        },
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "people/import_done.html")]
pub(crate) struct DonePage {
    layout: Layout,
    created: String,
    updated: String,
    unchanged: String,
    skipped: String,
    classes_created: usize,
    departments_created: usize,
}

pub(crate) async fn confirm(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
    Form(options): Form<OptionsForm>,
) -> Result<Response, WebError> {
    let id: uuid::Uuid = id.parse().map_err(|_| WebError(CoreError::NotFound))?;
    let (unit, layout) = frame(&state, &user, &param, "people", "Đã nhập danh sách").await?;
    let actor = user.actor();
    match state
        .antt
        .people()
        .confirm_import(actor, unit, id, options.options())
        .await
    {
        Ok(o) => Ok(DonePage {
            layout,
            created: number(o.created as u64),
            updated: number(o.updated as u64),
            unchanged: number(o.unchanged as u64),
            skipped: number(o.skipped as u64),
            classes_created: o.classes_created,
            departments_created: o.departments_created,
        }
        .into_response()),
        Err(e) => match file_refusal(&e) {
            // The data changed since the preview, or "only good rows" was
            // not ticked: show the preview again as it stands now.
            Some(message) => {
                let plan = state
                    .antt
                    .people()
                    .staged_import(actor, unit, id, options.options())
                    .await?;
                let page = preview(layout, id, &plan, &options, Some(message));
                Ok(form_again(page))
            }
            None => Err(e.into()),
        },
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct FormatParam {
    format: Option<String>,
}

/// The people list as a file, with the list's filters applied.
pub(crate) async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<PeopleQuery>,
    Query(f): Query<FormatParam>,
) -> Result<Response, WebError> {
    let format = f
        .format
        .as_deref()
        .and_then(ExportFormat::parse)
        .unwrap_or(ExportFormat::Xlsx);
    let param = query.unit_param();
    let unit = state
        .antt
        .units()
        .scope(user.actor(), param.requested()?)
        .await?;
    let file = state
        .antt
        .people()
        .export(user.actor(), unit, &query.filter(), format)
        .await?;
    Ok(super::download(file))
}

/// The empty sheet to fill in.
pub(crate) async fn template(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
) -> Result<Response, WebError> {
    let unit = state
        .antt
        .units()
        .scope(user.actor(), param.requested()?)
        .await?;
    Ok(super::download(
        state.antt.people().template(user.actor(), unit).await?,
    ))
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::extract::DefaultBodyLimit;
    use axum::routing::{get, post};

    use crate::limits;
    crate::routes::Routes::new()
        .route(
            "/people/import",
            get(upload_form)
                .post(upload)
                .layer(DefaultBodyLimit::max(limits::UPLOAD_BODY)),
        )
        .route("/people/import/{id}", post(confirm))
        .route("/people/export", get(export))
        .route("/people/template", get(template))
}
