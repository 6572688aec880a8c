//! A province officer's list of its units' self-assessments, waiting first or ranked.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use antt_core::assessment::assessment_year;
use antt_domain::assessment::AssessmentState;
use antt_domain::time::local_date;

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame};
use crate::state::AppState;

pub(crate) struct UnitLine {
    pub name: String,
    pub href: String,
    pub state: &'static str,
    pub class: &'static str,
    pub score: String,
    pub level: String,
    /// Its place in the ranking: only a unit whose every item is scored
    /// has one.
    pub rank: Option<usize>,
    /// The first of the units not fully scored, listed apart below the
    /// ranking.
    pub first_unranked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessment/units.html")]
pub(crate) struct UnitsPage {
    year: i32,
    years: Vec<(String, i32, bool)>,
    units: Vec<UnitLine>,
    waiting: usize,
    recognised: usize,
    scored: usize,
    by_score: bool,
    sort_name: String,
    sort_score: String,
    export: String,
    sheet: String,
    layout: Layout,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct UnitsParams {
    year: Option<String>,
    sort: Option<String>,
}

fn standing_lines(
    list: &[antt_core::assessment::UnitStanding],
    year: i32,
    by_score: bool,
) -> Vec<UnitLine> {
    let ranked = |u: &antt_core::assessment::UnitStanding| u.total.is_some() && u.unscored == 0;
    let mut sorted: Vec<&antt_core::assessment::UnitStanding> = list.iter().collect();
    if by_score {
        // Fully scored units by score; the others apart, below, by name.
        sorted.sort_by(|a, b| {
            ranked(b)
                .cmp(&ranked(a))
                .then(b.total.cmp(&a.total))
                .then(a.unit.name.cmp(&b.unit.name))
        });
    } else {
        sorted.sort_by_key(|u| u.state != Some(AssessmentState::Submitted));
    }
    let mut rank = 0;
    let mut apart = false;
    sorted
        .into_iter()
        .map(|u| {
            let place = (by_score && ranked(u)).then(|| {
                rank += 1;
                rank
            });
            let first_unranked =
                by_score && place.is_none() && !std::mem::replace(&mut apart, true);
            (u, place, first_unranked)
        })
        .map(|(u, rank, first_unranked)| UnitLine {
            rank,
            first_unranked,
            name: u.unit.name.clone(),
            href: format!("/assessment/dossier?year={year}&unit={}", u.unit.id),
            state: u.state.map_or("Chưa đăng ký", i18n::assessment_state),
            class: match u.state {
                Some(AssessmentState::Submitted) => "risk",
                Some(AssessmentState::Recognised) => "met",
                Some(AssessmentState::NotRecognised) | None => "failed",
                _ => "",
            },
            score: match (u.total, u.unscored) {
                (None, _) => String::new(),
                (Some(t), 0) => t.display(),
                (Some(t), n) => format!("{} (còn {n} mục)", t.display()),
            },
            level: u.level.clone().unwrap_or_default(),
        })
        .collect()
}

/// A province officer's list of its units' self-assessments for a year:
/// those waiting for review first, or ranked by score.
pub(crate) async fn units(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<UnitsParams>,
) -> Result<Response, WebError> {
    let (_, layout) = frame(
        &state,
        &user,
        &UnitParam::default(),
        "assessment",
        "Hồ sơ ANTT",
    )
    .await?;
    let year = q
        .year
        .as_deref()
        .and_then(|y| antt_domain::plan::parse_year(y).ok())
        .unwrap_or_else(|| assessment_year(local_date(state.antt.now())));
    let list = state
        .antt
        .assessment()
        .overseen_assessments(user.actor(), year)
        .await?;
    let by_score = q.sort.as_deref() == Some("score");
    if q.sort.as_deref() == Some("xlsx") {
        let lines = standing_lines(&list, year, true);
        let sheet = antt_core::export::TableSheet {
            name: format!("Xếp hạng {year}"),
            title: vec![
                layout.unit_name.clone(),
                format!("KẾT QUẢ ĐÁNH GIÁ, PHÂN LOẠI PHONG TRÀO NĂM {year}"),
            ],
            headers: ["TT", "Đơn vị", "Hồ sơ", "Điểm", "Xếp loại"]
                .into_iter()
                .map(Into::into)
                .collect(),
            widths: vec![5.0, 50.0, 28.0, 18.0, 16.0],
            rows: lines
                .into_iter()
                .enumerate()
                .map(|(i, l)| {
                    vec![
                        antt_core::export::Value::Number(f64::from(
                            u32::try_from(i + 1).unwrap_or(u32::MAX),
                        )),
                        antt_core::export::Value::Text(l.name),
                        antt_core::export::Value::Text(l.state.to_owned()),
                        antt_core::export::Value::Text(l.score),
                        antt_core::export::Value::Text(l.level),
                    ]
                })
                .collect(),
        };
        let home = user.actor().home_unit()?;
        let file = state
            .antt
            .exports()
            .sheets(
                user.actor(),
                home,
                None,
                format!("xep-hang-phong-trao-{year}.xlsx"),
                vec![sheet],
            )
            .await?;
        return Ok(crate::views::download(file));
    }
    Ok(UnitsPage {
        year,
        years: (year - 2..=year + 1)
            .map(|y| (format!("/assessment/units?year={y}"), y, y == year))
            .collect(),
        units: standing_lines(&list, year, by_score),
        waiting: list
            .iter()
            .filter(|u| u.state == Some(AssessmentState::Submitted))
            .count(),
        recognised: list
            .iter()
            .filter(|u| u.state == Some(AssessmentState::Recognised))
            .count(),
        scored: list
            .iter()
            .filter(|u| u.total.is_some() && u.unscored == 0)
            .count(),
        by_score,
        sort_name: format!("/assessment/units?year={year}"),
        sort_score: format!("/assessment/units?year={year}&sort=score"),
        export: format!("/assessment/units?year={year}&sort=xlsx"),
        sheet: "/assessment/sheet".into(),
        layout,
    }
    .into_response())
}
