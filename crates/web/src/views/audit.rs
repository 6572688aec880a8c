//! The audit log screen, and the history shown on a record.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::Deserialize;

use antt_core::audit::AuditQuery;
use antt_core::org::Structure;
use antt_domain::audit::{AuditAction, AuditEntry, Change, TargetKind};
use antt_domain::page::PageRequest;
use antt_domain::time;

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, Pager, empty_as_none, number};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, scoped};
use crate::state::AppState;

/// One entry as a line of history.
pub(crate) struct HistoryRow {
    pub at: String,
    pub actor: String,
    pub action: &'static str,
    pub target: String,
    pub summary: String,
    pub changes: Vec<String>,
}

/// A changed value in words; ids of the unit's departments, classes and
/// campuses become their names.
fn value(structure: &Structure, field: &str, v: Option<&String>) -> String {
    let Some(v) = v else {
        return "(trống)".into();
    };
    let named = match field {
        "department_id" => v
            .parse()
            .ok()
            .and_then(|id| structure.department_name(Some(id))),
        "class_id" => v
            .parse()
            .ok()
            .and_then(|id| structure.class(Some(id)))
            .map(|c| c.name.clone()),
        "campus_id" => v
            .parse()
            .ok()
            .and_then(|id| structure.campus_name(Some(id))),
        _ => None,
    };
    named.unwrap_or_else(|| i18n::change_value(field, v))
}

fn change_text(structure: &Structure, record: Option<TargetKind>, c: &Change) -> String {
    format!(
        "{}: {} → {}",
        i18n::field_of(record, &c.field),
        value(structure, &c.field, c.before.as_ref()),
        value(structure, &c.field, c.after.as_ref())
    )
}

pub(crate) fn history_rows(entries: Vec<AuditEntry>, structure: &Structure) -> Vec<HistoryRow> {
    entries
        .into_iter()
        .map(|e| HistoryRow {
            at: time::format_instant(e.at),
            actor: e.actor_name,
            action: i18n::audit_action(e.action),
            target: e
                .target_kind
                .map(i18n::target_kind)
                .unwrap_or_default()
                .to_owned(),
            changes: e
                .changes
                .iter()
                .map(|c| change_text(structure, e.target_kind, c))
                .collect(),
            summary: e.summary,
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "audit.html")]
pub(crate) struct AuditPage {
    layout: Layout,
    actions: Vec<Choice>,
    targets: Vec<Choice>,
    rows: Vec<HistoryRow>,
    total: String,
    pager: Pager,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct AuditParams {
    #[serde(default, deserialize_with = "empty_as_none")]
    action: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    target: Option<String>,
    page: Option<u64>,
    #[serde(default, deserialize_with = "empty_as_none")]
    unit: Option<String>,
}

pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(p): Query<AuditParams>,
) -> Result<AuditPage, WebError> {
    let param = UnitParam {
        unit: p.unit.clone(),
    };
    let (unit, layout) = frame(&state, &user, &param, "audit", "Nhật ký hệ thống").await?;
    let actor = user.actor();
    let action = p.action.as_deref().and_then(AuditAction::parse);
    let target_kind = p.target.as_deref().and_then(TargetKind::parse);
    let query = AuditQuery {
        unit: Some(unit),
        action,
        target_kind,
        ..AuditQuery::default()
    };
    let page = state
        .antt
        .audit()
        .list(actor, query, PageRequest::new(p.page, Some(50)))
        .await?;
    let structure = state.antt.org().structure(actor, unit).await?;
    let a = p.action.clone().unwrap_or_default();
    let mut actions = vec![Choice::new("", "Mọi thao tác", &a)];
    actions.extend(
        AuditAction::ALL
            .iter()
            .map(|x| Choice::new(x.code(), i18n::audit_action(*x), &a)),
    );
    let t = p.target.clone().unwrap_or_default();
    let mut targets = vec![Choice::new("", "Mọi loại bản ghi", &t)];
    targets.extend(
        TargetKind::ALL
            .iter()
            .map(|x| Choice::new(x.code(), i18n::target_kind(*x), &t)),
    );
    let base = scoped(&format!("/audit?action={a}&target={t}"), &layout.scope);
    Ok(AuditPage {
        total: number(page.total),
        pager: Pager::new(page.request.page, page.pages(), &base),
        rows: history_rows(page.items, &structure),
        actions,
        targets,
        layout,
    })
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::get;
    crate::routes::Routes::new().route("/audit", get(list))
}
