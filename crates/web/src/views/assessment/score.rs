//! The score sheet: the unit's points beside the records' suggestions, the authority's on review, and its export.

use crate::forms::Form;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::Response;

use antt_core::assessment::SheetSource;
use antt_domain::ErrorCode;
use antt_domain::assessment::AssessmentState;
use antt_domain::role::Capability;
use antt_domain::rubric::Points;
use antt_domain::time::{format_date, local_date};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::form_again;
use crate::i18n;
use crate::layout::{Layout, frame};
use crate::state::AppState;

use super::{Params, Tab, back, tabs, verdict_class};

pub(crate) struct ScoreRow {
    pub id: String,
    pub content: String,
    pub max: String,
    pub provisional: bool,
    pub evidence: Option<(&'static str, &'static str, String)>,
    pub suggested: Option<String>,
    pub value: String,
    pub reviewed: Option<String>,
    pub error: Option<&'static str>,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessment/score.html")]
pub(crate) struct ScorePage {
    year: i32,
    tabs: Vec<Tab>,
    rows: Vec<ScoreRow>,
    total: String,
    maximum: String,
    level: Option<String>,
    unscored: usize,
    title: String,
    source: String,
    provisional: bool,
    levels: Vec<(String, String)>,
    /// The form's action, and whether it is the authority's review.
    action: Option<(String, bool)>,
    fill: String,
    export_xlsx: String,
    export_docx: String,
    problem: Option<&'static str>,
    layout: Layout,
}

/// What was typed in the score form, and the items refused.
type Refused<'a> = (&'a [(String, String)], &'a [(String, ErrorCode)]);

async fn score_page(
    state: &AppState,
    user: &CurrentUser,
    q: &Params,
    typed: Option<Refused<'_>>,
) -> Result<ScorePage, WebError> {
    let (unit, layout) = frame(state, user, &q.unit(), "assessment", "Chấm điểm").await?;
    let year = q.year(state);
    let r = state
        .antt
        .assessment()
        .readiness(user.actor(), unit, year)
        .await?;
    let actor = user.actor();
    let authority = actor.can(Capability::ActForAuthority)
        && layout.foreign
        && r.assessment
            .as_ref()
            .is_some_and(|a| a.state == AssessmentState::Submitted);
    let mut layout = layout;
    if authority {
        layout.viewing_as = "thẩm định điểm";
    }
    let unit_edits = actor.role.can(Capability::EditPlans)
        && !layout.foreign
        && r.assessment.is_some()
        && r.unit_may_edit();
    let fill = q.fill.is_some();
    let rows = r
        .sheet
        .lines
        .iter()
        .map(|l| {
            let typed_value = typed.and_then(|(t, _)| {
                t.iter()
                    .find(|(k, _)| *k == format!("score_{}", l.item.id))
                    .map(|(_, v)| v.clone())
            });
            let current = if authority {
                l.reviewed.or(l.given)
            } else {
                l.given
            };
            let value = typed_value.unwrap_or_else(|| {
                current
                    .or(if fill { l.suggested } else { None })
                    .map(Points::display)
                    .unwrap_or_default()
            });
            ScoreRow {
                id: l.item.id.clone(),
                content: l.item.content.clone(),
                max: l.item.max.display(),
                provisional: l.item.provisional,
                evidence: l.finding.as_ref().map(|f| {
                    (
                        verdict_class(f.verdict()),
                        i18n::verdict(f.verdict()),
                        i18n::amount(&f.amount),
                    )
                }),
                suggested: l.suggested.map(Points::display),
                value,
                reviewed: l.reviewed.map(Points::display),
                error: typed.and_then(|(_, errors)| {
                    errors
                        .iter()
                        .find(|(id, _)| *id == l.item.id)
                        .map(|(_, code)| i18n::error(*code))
                }),
            }
        })
        .collect();
    Ok(ScorePage {
        year,
        tabs: tabs(&layout, year, "/score"),
        rows,
        total: r.sheet.total.display(),
        maximum: r.score_rubric.total.display(),
        level: r.sheet.level.as_ref().map(|l| l.1.clone()),
        unscored: r.sheet.unscored,
        title: r.score_rubric.title.clone(),
        source: match &r.sheet_source {
            SheetSource::BuiltIn => r.score_rubric.source.clone(),
            SheetSource::Province { by, at } => format!(
                "Bảng điểm do Công an tỉnh nạp ngày {}{}",
                format_date(local_date(*at)),
                by.as_ref().map(|b| format!(" ({b})")).unwrap_or_default()
            ),
        },
        provisional: r.score_rubric.provisional,
        levels: r
            .score_rubric
            .levels
            .iter()
            .map(|l| {
                (
                    l.name.clone(),
                    format!(
                        "từ {} điểm{}",
                        l.min.display(),
                        if l.requires_standard {
                            ", phải đạt tiêu chuẩn “An toàn về ANTT”"
                        } else {
                            ""
                        }
                    ),
                )
            })
            .collect(),
        action: if authority {
            Some((layout.link(&format!("/assessment/score?year={year}")), true))
        } else if unit_edits {
            Some((
                layout.link(&format!("/assessment/score?year={year}")),
                false,
            ))
        } else {
            None
        },
        fill: layout.link(&format!("/assessment/score?year={year}&fill=1")),
        export_xlsx: layout.link(&format!("/assessment/score/export?year={year}&format=xlsx")),
        export_docx: layout.link(&format!("/assessment/score/export?year={year}&format=docx")),
        problem: typed.map(|_| "Có điểm chưa hợp lệ, chưa lưu gì. Hãy sửa các ô được đánh dấu."),
        layout,
    })
}

pub(crate) async fn score(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<ScorePage, WebError> {
    score_page(&state, &user, &q, None).await
}

pub(crate) async fn save_score(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let year = q.year(&state);
    let typed: Vec<(String, String)> = f
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("score_")
                .map(|id| (id.to_owned(), v.clone()))
        })
        .collect();
    let review = f.iter().any(|(k, v)| k == "review" && v == "1");
    let result = if review {
        state
            .antt
            .assessment()
            .review_scores(user.actor(), unit, year, &typed)
            .await?
    } else {
        state
            .antt
            .assessment()
            .save_scores(user.actor(), unit, year, &typed)
            .await?
    };
    match result {
        Ok(()) => Ok(back(&layout, "/score", year)),
        Err(problems) => {
            let p = score_page(&state, &user, &q, Some((&f, &problems))).await?;
            Ok(form_again(p))
        }
    }
}

pub(crate) async fn export_score(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let word = q.format.as_deref() == Some("docx");
    let file = state
        .antt
        .assessment()
        .score_list(user.actor(), unit, q.year(&state), word)
        .await?;
    Ok(crate::views::download(file))
}
