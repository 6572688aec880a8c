//! The home page: the unit's real figures.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{number, percent};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame};
use crate::state::AppState;

/// One figure on the home page, linking to the list behind it.
pub(crate) struct Figure {
    pub label: &'static str,
    pub value: String,
    pub note: String,
    pub href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub(crate) struct HomePage {
    layout: Layout,
    kind: &'static str,
    address: String,
    is_authority: bool,
    overseen: String,
    people: Vec<Figure>,
    org: Vec<Figure>,
    /// Tasks of the plan that concern the user, the overdue first.
    tasks: Vec<crate::views::plans::TaskLine>,
    more_tasks: usize,
    plans: String,
}

/// How many of the user's tasks the home page lists.
const TASKS_SHOWN: usize = 8;

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
) -> Result<HomePage, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "home", "Tổng quan").await?;
    let o = state.antt.unit_overview(user.actor(), unit).await?;
    let mine = if layout.foreign {
        Vec::new()
    } else {
        state.antt.my_tasks(user.actor(), unit).await?
    };
    let more_tasks = mine.len().saturating_sub(TASKS_SHOWN);
    let tasks = mine
        .iter()
        .take(TASKS_SHOWN)
        .map(|r| crate::views::plans::task_line(&layout, r))
        .collect();
    let p = o.people;
    let day_students = p.students - p.students_boarding;
    let link = |path: &str| layout.link(path);
    let people = vec![
        Figure {
            label: "Học sinh, sinh viên",
            value: number(p.students),
            note: "đang học".into(),
            href: link("/people?kind=student"),
        },
        Figure {
            label: "Nội trú",
            value: number(p.students_boarding),
            note: format!("{} số HSSV", percent(p.students_boarding, p.students)),
            href: link("/people?kind=student&boarding=yes"),
        },
        Figure {
            label: "Ngoại trú",
            value: number(day_students),
            note: format!("{} số HSSV", percent(day_students, p.students)),
            href: link("/people?kind=student&boarding=no"),
        },
        Figure {
            label: "Cán bộ, viên chức",
            value: number(p.staff),
            note: "đang công tác".into(),
            href: link("/people?kind=staff"),
        },
        Figure {
            label: "Đã chuyển đi, nghỉ",
            value: number(p.left),
            note: "không còn ở đơn vị".into(),
            href: link("/people?status=left"),
        },
    ];
    let org = vec![
        Figure {
            label: "Cơ sở, địa điểm",
            value: number(o.org.campuses),
            note: String::new(),
            href: link("/org#campuses"),
        },
        Figure {
            label: "Phòng, khoa, trung tâm",
            value: number(o.org.departments),
            note: String::new(),
            href: link("/org#departments"),
        },
        Figure {
            label: "Lớp",
            value: number(o.org.classes),
            note: String::new(),
            href: link("/org#classes"),
        },
    ];
    Ok(HomePage {
        kind: i18n::unit_kind(o.unit.kind),
        address: o.unit.address.unwrap_or_default(),
        is_authority: o.unit.kind.is_authority(),
        overseen: number(o.overseen_units),
        people,
        org,
        tasks,
        more_tasks,
        plans: layout.link("/plans"),
        layout,
    })
}
