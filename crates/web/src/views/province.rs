//! The province page: where the units under a police body stand against
//! its targets, this year and four before, by kind and by ward police,
//! with the units holding each figure down; the targets set and changed.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use antt_core::CoreError;
use antt_core::assessment::assessment_year;
use antt_core::province::{Standing, TargetView, share_text, target_title};
use antt_domain::ProvinceTargetId;
use antt_domain::province::{COUNTED_KINDS, Measure, Tally, TargetInput, percent};
use antt_domain::time::local_date;

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, Form, form_again};
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;

/// A share drawn as a bar against its target.
pub(crate) struct ShareRow {
    name: String,
    reached: u32,
    total: u32,
    percent: String,
    /// The bar's length out of 100.
    bar: String,
    met: bool,
}

fn share_row(name: String, t: Tally, low: u32) -> ShareRow {
    ShareRow {
        name,
        reached: t.reached,
        total: t.total,
        percent: share_text(t.per_mille()),
        bar: percent(t.per_mille()).replace(',', "."),
        met: t.reaches(low),
    }
}

/// A year's column in the small chart of a target.
pub(crate) struct YearBar {
    year: i32,
    x: u32,
    y: u32,
    h: u32,
    value: String,
    met: bool,
}

/// A unit that does not count, and why.
pub(crate) struct DownRow {
    name: String,
    body: String,
    href: String,
    why: &'static str,
}

pub(crate) struct TargetCard {
    anchor: String,
    title: String,
    target: String,
    due_year: i32,
    now: ShareRow,
    missing: u32,
    /// The target's place on the bars, out of 100.
    goal: String,
    /// The target's height in the chart.
    goal_y: u32,
    years: Vec<YearBar>,
    by_kind: Vec<ShareRow>,
    by_body: Vec<ShareRow>,
    down: Vec<DownRow>,
    /// How many of `down` are shown before "more".
    first: usize,
}

/// Chart height for 100 %.
const CHART_H: u32 = 60;

fn card(s: &Standing, t: &TargetView) -> TargetCard {
    let low = t.target.low;
    let now = t.now();
    let height = |per_mille: u32| per_mille * CHART_H / 1_000;
    TargetCard {
        anchor: format!("t-{}", t.target.id),
        title: target_title(&t.target),
        target: t.target.share_text(),
        due_year: t.target.due_year,
        now: share_row(String::new(), now.all, low),
        missing: now.all.missing(low),
        goal: percent(low).replace(',', "."),
        goal_y: 8 + CHART_H - height(low),
        years: t
            .years
            .iter()
            .zip(0u32..)
            .map(|(y, i)| YearBar {
                year: y.year,
                x: 10 + i * 40,
                y: 8 + CHART_H - height(y.all.per_mille()),
                h: height(y.all.per_mille()),
                value: percent(y.all.per_mille()),
                met: y.all.reaches(low),
            })
            .collect(),
        by_kind: now
            .by_kind
            .iter()
            .map(|(k, tally)| share_row(crate::i18n::unit_kind(*k).to_owned(), *tally, low))
            .collect(),
        by_body: now
            .by_authority
            .iter()
            .map(|(a, tally)| share_row(s.name_of(*a).to_owned(), *tally, low))
            .collect(),
        down: now
            .holding_down
            .iter()
            .map(|(u, why)| DownRow {
                name: s.name_of(Some(*u)).to_owned(),
                body: s
                    .name_of(s.units.get(u).and_then(|x| x.authority_id))
                    .to_owned(),
                href: format!("/assessment/dossier?year={}&unit={u}", now.year),
                why: crate::i18n::shortfall(*why),
            })
            .collect(),
        first: 8,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "province/standing.html")]
pub(crate) struct StandingPage {
    layout: Layout,
    authority: String,
    year: i32,
    years: Vec<(String, i32, bool)>,
    counted: usize,
    met: usize,
    cards: Vec<TargetCard>,
    export: String,
    report: String,
    report_period: String,
    /// The targets as set, for the table under the cards: (title, share,
    /// years, edit link, delete action).
    targets: Vec<(String, String, String, String, String)>,
    form_action: String,
    measures: Vec<Choice>,
    kinds: Vec<Choice>,
    share: String,
    from_year: String,
    due_year: String,
    editing: bool,
    may_edit: bool,
    errors: FieldErrors,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct StandingParams {
    year: Option<String>,
    format: Option<String>,
    edit: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct TargetPost {
    #[serde(default)]
    measure: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    share: String,
    #[serde(default)]
    from_year: String,
    #[serde(default)]
    due_year: String,
}

fn year_of(state: &AppState, q: &StandingParams) -> i32 {
    q.year
        .as_deref()
        .and_then(|y| antt_domain::plan::parse_year(y).ok())
        .unwrap_or_else(|| assessment_year(local_date(state.antt.now())))
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    q: &StandingParams,
    form: Option<(Option<ProvinceTargetId>, TargetPost)>,
    errors: FieldErrors,
) -> Result<StandingPage, WebError> {
    let (_, layout) = frame(
        state,
        user,
        &UnitParam::default(),
        "province",
        "Chỉ tiêu phong trào",
    )
    .await?;
    let year = year_of(state, q);
    let s = state
        .antt
        .province()
        .standing(user.actor(), None, year)
        .await?;
    let editing = match (&form, q.edit.as_deref()) {
        (Some((id, _)), _) => *id,
        (None, Some(id)) => Some(parse_id(id)?),
        (None, None) => None,
    };
    let current = editing.and_then(|id| s.targets.iter().find(|t| t.target.id == id));
    let values = match (form, current) {
        (Some((_, f)), _) => f,
        (None, Some(t)) => TargetPost {
            measure: t.target.measure.code().to_owned(),
            kind: t
                .target
                .kind
                .map(|k| k.code().to_owned())
                .unwrap_or_default(),
            share: match t.target.high {
                Some(h) => format!("{}-{}", percent(t.target.low), percent(h)),
                None => percent(t.target.low),
            },
            from_year: t.target.from_year.to_string(),
            due_year: t.target.due_year.to_string(),
        },
        (None, None) => TargetPost {
            from_year: year.to_string(),
            due_year: (year + 4).to_string(),
            ..TargetPost::default()
        },
    };
    let may_edit = user
        .actor()
        .can(antt_domain::role::Capability::ActForAuthority);
    Ok(StandingPage {
        authority: s.authority.name.clone(),
        year,
        years: (year - 4..=year + 1)
            .map(|y| (format!("/province?year={y}"), y, y == year))
            .collect(),
        counted: s.counted,
        met: s.targets.iter().filter(|t| t.now().met(&t.target)).count(),
        cards: s.targets.iter().map(|t| card(&s, t)).collect(),
        export: format!("/province?year={year}&format=xlsx"),
        report: format!("/province/report?year={year}"),
        report_period: format!("/province/report?year={year}&years=5"),
        targets: s
            .targets
            .iter()
            .map(|t| {
                (
                    target_title(&t.target),
                    t.target.share_text(),
                    format!("{}–{}", t.target.from_year, t.target.due_year),
                    format!("/province?year={year}&edit={}#targets", t.target.id),
                    format!("/province/targets/{}/delete", t.target.id),
                )
            })
            .collect(),
        form_action: match editing {
            Some(id) => format!("/province/targets/{id}"),
            None => "/province/targets".into(),
        },
        measures: Measure::ALL
            .iter()
            .map(|m| Choice::new(m.code(), crate::i18n::measure(*m), &values.measure))
            .collect(),
        kinds: std::iter::once(Choice::new("", "Mọi loại đơn vị", &values.kind))
            .chain(
                COUNTED_KINDS
                    .iter()
                    .map(|k| Choice::new(k.code(), crate::i18n::unit_kind(*k), &values.kind)),
            )
            .collect(),
        share: values.share,
        from_year: values.from_year,
        due_year: values.due_year,
        editing: editing.is_some(),
        may_edit,
        errors,
        layout,
    })
}

/// The province page, or its figures as Excel.
pub(crate) async fn standing(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<StandingParams>,
) -> Result<Response, WebError> {
    if q.format.as_deref() == Some("xlsx") {
        let file = state
            .antt
            .province()
            .standing_workbook(user.actor(), None, year_of(&state, &q))
            .await?;
        return Ok(crate::views::download(file));
    }
    Ok(page(&state, &user, &q, None, FieldErrors::default())
        .await?
        .into_response())
}

async fn save(
    state: &AppState,
    user: &CurrentUser,
    id: Option<ProvinceTargetId>,
    f: TargetPost,
) -> Result<Response, WebError> {
    let input = TargetInput::parse(&f.measure, &f.kind, &f.share, &f.from_year, &f.due_year);
    let saved = match input {
        Ok(input) => {
            state
                .antt
                .province()
                .save_target(user.actor(), id, input)
                .await
        }
        Err(e) => Err(CoreError::Invalid(e)),
    };
    match saved {
        Ok(id) => Ok(Redirect::to(&format!("/province#t-{id}")).into_response()),
        Err(CoreError::Invalid(e)) => Ok(form_again(
            page(
                state,
                user,
                &StandingParams::default(),
                Some((id, f)),
                FieldErrors::from(&e),
            )
            .await?,
        )),
        Err(e) => Err(e.into()),
    }
}

/// Sets a new target.
pub(crate) async fn add_target(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(f): Form<TargetPost>,
) -> Result<Response, WebError> {
    save(&state, &user, None, f).await
}

/// Changes a target.
pub(crate) async fn change_target(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(f): Form<TargetPost>,
) -> Result<Response, WebError> {
    save(&state, &user, Some(parse_id(&id)?), f).await
}

/// Removes a target.
pub(crate) async fn delete_target(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(_): Form<TargetPost>,
) -> Result<Response, WebError> {
    state
        .antt
        .province()
        .delete_target(user.actor(), parse_id(&id)?)
        .await?;
    Ok(Redirect::to("/province#targets").into_response())
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ReportParams {
    year: Option<String>,
    years: Option<i32>,
    /// `xlsx` for the figures as Excel; Word otherwise.
    format: Option<String>,
}

/// The body's report on its units, a year or five, as Word.
pub(crate) async fn report(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ReportParams>,
) -> Result<Response, WebError> {
    let year = year_of(
        &state,
        &StandingParams {
            year: q.year,
            ..StandingParams::default()
        },
    );
    let years = q.years.unwrap_or(1).clamp(1, 10);
    let province = state.antt.province();
    let file = if q.format.as_deref() == Some("xlsx") {
        province
            .report_workbook(user.actor(), None, year, years)
            .await?
    } else {
        province.report(user.actor(), None, year, years).await?
    };
    Ok(crate::views::download(file))
}

/// A type of model or team across the units.
pub(crate) struct TypeRow {
    kind: &'static str,
    name: String,
    places: u32,
    groups: u32,
    members: u32,
}

/// A linked cluster, once, with the units that keep it and its partners.
pub(crate) struct ClusterRow {
    name: String,
    units: Vec<String>,
    partners: String,
    members: u32,
}

#[derive(Template, WebTemplate)]
#[template(path = "province/models.html")]
pub(crate) struct ModelsPage {
    layout: Layout,
    authority: String,
    places: usize,
    counted: usize,
    groups: u32,
    members: u32,
    types: Vec<TypeRow>,
    clusters: Vec<ClusterRow>,
}

/// The models, teams and clusters of every unit under the officer's body.
pub(crate) async fn models(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<ModelsPage, WebError> {
    let (_, layout) = frame(
        &state,
        &user,
        &UnitParam::default(),
        "province",
        "Mô hình toàn địa bàn",
    )
    .await?;
    let m = state.antt.province().models(user.actor(), None).await?;
    let name =
        |u: &antt_domain::UnitId| m.units.get(u).map_or_else(String::new, |u| u.name.clone());
    Ok(ModelsPage {
        authority: m.authority.name.clone(),
        places: m.places,
        counted: m.counted,
        groups: m.types.iter().map(|t| t.groups).sum(),
        members: m.types.iter().map(|t| t.members).sum(),
        types: m
            .types
            .iter()
            .map(|t| TypeRow {
                kind: crate::i18n::team_kind(t.kind),
                name: t.type_name.clone(),
                places: t.places,
                groups: t.groups,
                members: t.members,
            })
            .collect(),
        clusters: m
            .clusters
            .iter()
            .map(|c| ClusterRow {
                name: c.name.clone(),
                units: c.units.iter().map(name).collect(),
                partners: c.partners.join("; "),
                members: c.members,
            })
            .collect(),
        layout,
    })
}

pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::{get, post};
    crate::routes::Routes::new()
        .route("/province", get(standing))
        .route("/province/models", get(models))
        .route("/province/report", get(report))
        .route("/province/targets", post(add_target))
        .route("/province/targets/{id}", post(change_target))
        .route("/province/targets/{id}/delete", post(delete_target))
}
