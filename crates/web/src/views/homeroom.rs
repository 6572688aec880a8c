//! "Lớp chủ nhiệm": the homeroom teacher's classes, each with who has not
//! signed the commitment, attended a session or handed in an open contest.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::Deserialize;

use antt_core::homeroom::ClassStanding;
use antt_domain::ClassId;

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;
use crate::views::sessions::{YearLink, year_links};

#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    class: Option<String>,
    year: Option<String>,
    /// "1": only the students still behind.
    behind: Option<String>,
}

/// A class to switch to.
pub(crate) struct ClassLink {
    name: String,
    href: String,
    current: bool,
}

/// One student's line.
pub(crate) struct StudentLine {
    name: String,
    code: String,
    /// None when the year has no campaign yet.
    signed: Option<bool>,
    attended: bool,
    /// "1/2", or empty when no contest has opened.
    contests: String,
    contests_done: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "homeroom/class.html")]
pub(crate) struct ClassPage {
    layout: Layout,
    year: i32,
    years: Vec<YearLink>,
    classes: Vec<ClassLink>,
    /// The class shown, with its counts; none when the teacher leads none.
    shown: Option<Shown>,
}

pub(crate) struct Shown {
    name: String,
    size: usize,
    campaign: bool,
    contests_open: usize,
    not_signed: usize,
    not_attended: usize,
    not_in_contest: usize,
    students: Vec<StudentLine>,
    behind_only: bool,
    all_href: String,
    behind_href: String,
}

fn shown(layout: &Layout, standing: &ClassStanding, behind_only: bool) -> Shown {
    let base = format!(
        "/my-class?class={}&year={}",
        standing.class.id, standing.year
    );
    Shown {
        name: standing.class.name.clone(),
        size: standing.students.len(),
        campaign: standing.campaign,
        contests_open: standing.contests_open,
        not_signed: standing.not_signed(),
        not_attended: standing.not_attended(),
        not_in_contest: standing.not_in_contest(),
        students: standing
            .students
            .iter()
            .filter(|s| !behind_only || s.behind(standing))
            .map(|s| StudentLine {
                name: s.name.clone(),
                code: s.code.clone(),
                signed: standing.campaign.then_some(s.signed),
                attended: s.attended,
                contests: if standing.contests_open == 0 {
                    String::new()
                } else {
                    format!("{}/{}", s.contests_done, standing.contests_open)
                },
                contests_done: s.contests_done >= standing.contests_open,
            })
            .collect(),
        behind_only,
        all_href: layout.link(&base),
        behind_href: layout.link(&format!("{base}&behind=1")),
    }
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<ClassPage, WebError> {
    let (unit, layout) = frame(
        &state,
        &user,
        &UnitParam::default(),
        "homeroom",
        "Lớp chủ nhiệm",
    )
    .await?;
    let actor = user.actor();
    let this_year = state.antt.plans().current_year();
    let year = q
        .year
        .as_deref()
        .and_then(|y| antt_domain::plan::parse_year(y).ok())
        .unwrap_or(this_year);
    let mine = state.antt.homeroom().my_classes(actor, unit).await?;
    let chosen: Option<ClassId> = match q.class.as_deref().filter(|c| !c.is_empty()) {
        Some(text) => Some(parse_id(text)?),
        None => mine.first().map(|c| c.id),
    };
    let standing = match chosen {
        Some(class) => Some(
            state
                .antt
                .homeroom()
                .class(actor, unit, class, year)
                .await?,
        ),
        None => None,
    };
    let classes = mine
        .iter()
        .map(|c| ClassLink {
            name: c.name.clone(),
            href: layout.link(&format!("/my-class?class={}&year={year}", c.id)),
            current: Some(c.id) == chosen,
        })
        .collect();
    let path = match chosen {
        Some(c) => format!("/my-class?class={c}&"),
        None => "/my-class?".into(),
    };
    let years = year_links(&layout, "/my-class", year, this_year)
        .into_iter()
        .map(|mut y| {
            y.href = layout.link(&format!("{path}year={}", y.year));
            y
        })
        .collect();
    let behind_only = q.behind.as_deref() == Some("1");
    Ok(ClassPage {
        shown: standing.map(|s| shown(&layout, &s, behind_only)),
        year,
        years,
        classes,
        layout,
    })
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::get;
    crate::routes::Routes::new().route("/my-class", get(show))
}
