//! The units a province officer oversees.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::Deserialize;

use antt_domain::page::PageRequest;
use antt_domain::unit::UnitKind;

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, number};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame};
use crate::state::AppState;

pub(crate) struct UnitRow {
    pub href: String,
    pub code: String,
    pub name: String,
    pub kind: &'static str,
    pub address: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "units.html")]
pub(crate) struct UnitsPage {
    layout: Layout,
    q: String,
    kinds: Vec<Choice>,
    rows: Vec<UnitRow>,
    total: String,
    pager: crate::forms::Pager,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct UnitsQuery {
    q: Option<String>,
    kind: Option<String>,
    page: Option<u64>,
}

pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<UnitsQuery>,
) -> Result<UnitsPage, WebError> {
    let (_, layout) = frame(&state, &user, &UnitParam::default(), "units", "Đơn vị").await?;
    let q = query.q.clone().unwrap_or_default();
    let kind_code = query.kind.clone().unwrap_or_default();
    let kind = UnitKind::parse(&kind_code);
    let page = state
        .antt
        .units()
        .list(
            user.actor(),
            Some(q.clone()).filter(|q| !q.trim().is_empty()),
            kind,
            PageRequest::new(query.page, Some(50)),
        )
        .await?;
    let mut kinds = vec![Choice::new("", "Tất cả các loại", &kind_code)];
    kinds.extend(
        UnitKind::ALL
            .iter()
            .map(|k| Choice::new(k.code(), i18n::unit_kind(*k), &kind_code)),
    );
    let base = format!("/units?q={}&kind={}", crate::forms::encode(&q), kind_code);
    Ok(UnitsPage {
        total: number(page.total),
        pager: crate::forms::Pager::new(page.request.page, page.pages(), &base),
        rows: page
            .items
            .into_iter()
            .map(|u| UnitRow {
                href: format!("/?unit={}", u.id),
                code: u.code,
                name: u.name,
                kind: i18n::unit_kind(u.kind),
                address: u.address.unwrap_or_default(),
            })
            .collect(),
        q,
        kinds,
        layout,
    })
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::get;
    crate::routes::Routes::new().route("/units", get(list))
}
