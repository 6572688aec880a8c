//! The year's ratings of the departments and the security force.

use crate::forms::Form;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::Response;

use antt_domain::assessment::Rating;
use antt_domain::role::Capability;

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::Choice;
use crate::i18n;
use crate::layout::{Layout, frame, parse_id};
use crate::state::AppState;

use super::{Params, Tab, back, bad_form, tabs};

pub(crate) struct RatingLine {
    pub key: String,
    pub name: String,
    pub choices: Vec<Choice>,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessment/ratings.html")]
pub(crate) struct RatingsPage {
    year: i32,
    tabs: Vec<Tab>,
    lines: Vec<RatingLine>,
    good: usize,
    rated: usize,
    action: Option<String>,
    layout: Layout,
}

fn rating_choices(current: Option<Rating>) -> Vec<Choice> {
    Choice::optional(
        Rating::ALL.iter().map(|r| (r.code(), i18n::rating(*r))),
        current.map(|r| r.code().to_owned()).as_ref(),
    )
}

pub(crate) async fn ratings(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<RatingsPage, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "assessment", "Xếp loại").await?;
    let year = q.year(&state);
    let r = state
        .antt
        .assessment()
        .readiness(user.actor(), unit, year)
        .await?;
    let mut lines = vec![RatingLine {
        key: "force".into(),
        name: "Lực lượng bảo vệ".into(),
        choices: rating_choices(r.force_rating),
    }];
    lines.extend(r.ratings.iter().map(|(id, name, rating)| RatingLine {
        key: id.to_string(),
        name: name.clone(),
        choices: rating_choices(*rating),
    }));
    Ok(RatingsPage {
        year,
        tabs: tabs(&layout, year, "/ratings"),
        good: r
            .ratings
            .iter()
            .filter(|(_, _, x)| x.is_some_and(Rating::good_or_better))
            .count(),
        rated: r.ratings.len(),
        lines,
        action: (user.actor().role.can(Capability::EditPlans)
            && !layout.foreign
            && r.unit_may_edit())
        .then(|| layout.link(&format!("/assessment/ratings?year={year}"))),
        layout,
    })
}

pub(crate) async fn save_ratings(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let year = q.year(&state);
    // Read the whole form first: a value no screen sends refuses it all.
    let mut ratings = Vec::new();
    for (key, value) in f.iter().filter(|(k, _)| k != "_csrf") {
        let rating = if value.is_empty() {
            None
        } else {
            Some(Rating::parse(value).ok_or_else(bad_form)?)
        };
        let department = if key == "force" {
            None
        } else {
            Some(parse_id(key)?)
        };
        ratings.push((department, rating));
    }
    state
        .antt
        .assessment()
        .set_ratings(user.actor(), unit, year, &ratings)
        .await?;
    Ok(back(&layout, "/ratings", year))
}
