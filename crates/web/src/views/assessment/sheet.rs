//! A province officer loads the province's own score sheet.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Response};

use antt_core::CoreError;
use antt_domain::role::Capability;
use antt_domain::rubric::{Level, Points};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{FieldErrors, Upload, form_again};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame};
use crate::state::AppState;

#[derive(Template, WebTemplate)]
#[template(path = "assessment/sheet.html")]
pub(crate) struct SheetPage {
    levels: Vec<(String, String, String, bool)>,
    problems: Vec<String>,
    loaded: Option<String>,
    layout: Layout,
}

fn default_levels() -> Vec<(String, String, String, bool)> {
    antt_domain::rubric::built_in_score()
        .levels
        .iter()
        .map(|l| {
            (
                l.code.clone(),
                l.name.clone(),
                l.min.display(),
                l.requires_standard,
            )
        })
        .collect()
}

pub(crate) async fn sheet_form(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<SheetPage, WebError> {
    let (_, layout) = frame(
        &state,
        &user,
        &UnitParam::default(),
        "assessment",
        "Nạp bảng điểm",
    )
    .await?;
    user.actor().require(Capability::ActForAuthority)?;
    Ok(SheetPage {
        levels: default_levels(),
        problems: Vec::new(),
        loaded: None,
        layout,
    })
}

pub(crate) async fn load_sheet(
    State(state): State<AppState>,
    user: CurrentUser,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let (_, layout) = frame(
        &state,
        &user,
        &UnitParam::default(),
        "assessment",
        "Nạp bảng điểm",
    )
    .await?;
    let mut upload = Upload::read(multipart).await.map_err(CoreError::Invalid)?;
    let file = upload.take_file("file").map(|f| (f.name, f.bytes));
    let get = |k: &str| upload.text(k).to_owned();
    let mut levels = Vec::new();
    let mut shown = Vec::new();
    let mut problems = Vec::new();
    for (code, name, _, _) in default_levels() {
        let min = get(&format!("min_{code}"));
        let strict = get(&format!("standard_{code}")) == "1";
        shown.push((code.clone(), name.clone(), min.clone(), strict));
        if min.trim().is_empty() {
            continue;
        }
        match Points::parse(&min) {
            Some(p) => levels.push(Level {
                code,
                name,
                min: p,
                requires_standard: strict,
            }),
            None => problems.push(format!("Ngưỡng «{name}»: điểm không hợp lệ")),
        }
    }
    let Some((file_name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        problems.push("Hãy chọn tệp bảng điểm (Excel).".into());
        let p = SheetPage {
            levels: shown,
            problems,
            loaded: None,
            layout,
        };
        return Ok(form_again(p));
    };
    if !problems.is_empty() {
        let p = SheetPage {
            levels: shown,
            problems,
            loaded: None,
            layout,
        };
        return Ok(form_again(p));
    }
    match state
        .antt
        .assessment()
        .load_score_sheet(user.actor(), &file_name, bytes, levels)
        .await
    {
        Ok(Ok(rubric)) => {
            let p = SheetPage {
                levels: shown,
                problems: Vec::new(),
                loaded: Some(format!(
                    "Đã nạp bảng điểm: {} mục, tổng {} điểm, {} mức xếp loại. Bảng điểm áp dụng cho các đơn vị từ nay.",
                    rubric.leaves().len(),
                    rubric.total.display(),
                    rubric.levels.len()
                )),
                layout,
            };
            Ok(p.into_response())
        }
        Ok(Err(errors)) => {
            let p = SheetPage {
                levels: shown,
                problems: errors.iter().map(i18n::rubric_problem).collect(),
                loaded: None,
                layout,
            };
            Ok(form_again(p))
        }
        Err(CoreError::Invalid(e)) => {
            let p = SheetPage {
                levels: shown,
                problems: FieldErrors::from(&e).summary(),
                loaded: None,
                layout,
            };
            Ok(form_again(p))
        }
        Err(e) => Err(e.into()),
    }
}
