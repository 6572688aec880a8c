//! The movement plan: the list of a unit's plans, one plan with its tasks,
//! the form of its text, its state, and its Word document.

use crate::forms::Form;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use antt_core::CoreError;
use antt_core::plan::{TaskCounts, TaskRow};
use antt_domain::plan::{
    Line, PlanContent, PlanSection, PlanSigner, PlanState, ReportDuty, Standing, lines, list_lines,
    roman,
};
use antt_domain::role::Capability;
use antt_domain::time::{format_date, parse_date};
use antt_domain::{ErrorCode, PlanId, ValidationErrors};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{FieldErrors, percent, saved};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;

/// A plan in the list.
pub(crate) struct PlanItem {
    pub href: String,
    pub year: i32,
    pub title: String,
    pub state: &'static str,
    pub state_class: &'static str,
    pub number: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "plans/list.html")]
pub(crate) struct PlanList {
    layout: Layout,
    plans: Vec<PlanItem>,
    /// The year a new plan may be started for, if the actor may start one.
    start_year: Option<i32>,
    /// Whether the new plan is carried forward from last year's.
    from_last_year: bool,
    start_action: String,
    /// Tasks the police bodies over the unit gave it.
    assigned: Vec<AssignedLine>,
}

/// A task from above on the unit's plans page.
pub(crate) struct AssignedLine {
    title: String,
    from: String,
    when: String,
    status: &'static str,
    standing: String,
    standing_class: &'static str,
    href: String,
}

fn state_class(s: PlanState) -> &'static str {
    match s {
        PlanState::Draft => "",
        PlanState::Approved => "ok",
        PlanState::Closed => "muted",
    }
}

pub(crate) fn number_line(c: &PlanContent) -> String {
    let number = c
        .number
        .map_or_else(|| "…".to_owned(), |n| format!("{n:02}"));
    format!("Số: {number}/{}", c.symbol)
}

pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
) -> Result<PlanList, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "plans", "Kế hoạch").await?;
    let actor = user.actor();
    let plans = state.antt.plans().list(actor, unit).await?;
    let year = state.antt.plans().current_year();
    let may_start = state.antt.plans().may_write(actor, unit).await? && !layout.foreign;
    let start_year = (may_start && !plans.iter().any(|p| p.year == year)).then_some(year);
    let assigned = state
        .antt
        .plans()
        .assigned(actor, unit)
        .await?
        .into_iter()
        .map(|a| {
            let (standing_words, standing_class) = standing(a.standing);
            AssignedLine {
                when: a.task.due_on.map(format_date).unwrap_or_default(),
                status: crate::i18n::task_status(a.task.status),
                standing: standing_words,
                standing_class,
                href: layout.link(&format!("/assigned/{}", a.task.id)),
                from: format!("{}, {}", a.authority.name, number_line(&a.plan.content)),
                title: a.task.title,
            }
        })
        .collect();
    Ok(PlanList {
        assigned,
        from_last_year: plans.iter().any(|p| p.year == year - 1),
        plans: plans
            .iter()
            .map(|p| PlanItem {
                href: layout.link(&format!("/plans/{}", p.id)),
                year: p.year,
                title: p.content.title.clone(),
                state: i18n::plan_state(p.state),
                state_class: state_class(p.state),
                number: number_line(&p.content),
            })
            .collect(),
        start_year,
        start_action: layout.link("/plans"),
        layout,
    })
}

#[derive(Debug, Deserialize)]
pub(crate) struct StartForm {
    year: String,
}

pub(crate) async fn start(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
    Form(form): Form<StartForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "plans", "").await?;
    let year = antt_domain::plan::parse_year(&form.year)
        .map_err(|e| WebError(CoreError::invalid(e.field, e.code)))?;
    let id = state.antt.plans().start(user.actor(), unit, year).await?;
    Ok(Redirect::to(&layout.link(&format!("/plans/{id}/edit"))).into_response())
}

/// A task in the plan's table.
pub(crate) struct TaskLine {
    pub href: String,
    pub title: String,
    pub department: String,
    pub person: String,
    pub when: String,
    pub status: String,
    pub status_class: &'static str,
    pub standing: String,
    pub standing_class: &'static str,
}

/// A section of the plan with its text and its tasks.
pub(crate) struct SectionView {
    pub heading: String,
    pub lines: Vec<(bool, String)>,
    pub tasks: Vec<TaskLine>,
}

pub(crate) fn when(row: &TaskRow) -> String {
    match (row.task.due_on, row.task.recurrence) {
        (Some(day), _) => format!("Hạn {}", format_date(day)),
        (None, Some(r)) => i18n::recurrence(r).to_owned(),
        (None, None) => "Thường xuyên".into(),
    }
}

/// Words and a style for where a task stands.
pub(crate) fn standing(s: Standing) -> (String, &'static str) {
    match s {
        Standing::Finished | Standing::OnTrack { next: None } => (String::new(), ""),
        Standing::Overdue { since } => (format!("Quá hạn từ {}", format_date(since)), "danger"),
        Standing::DueSoon { on } => (format!("Sắp đến hạn {}", format_date(on)), "warn"),
        Standing::OnTrack { next: Some(next) } => (format!("Hạn tới {}", format_date(next)), ""),
    }
}

/// Whether `unit` is a police body: its plan's tasks go to the units under
/// it, not to departments of its own.
pub(crate) async fn police_body(
    state: &AppState,
    actor: &antt_core::Actor,
    unit: antt_domain::UnitId,
) -> Result<bool, WebError> {
    Ok(state
        .antt
        .units()
        .get(actor, unit)
        .await?
        .kind
        .is_authority())
}

/// A task's line; `police_body` when the plan is a police body's, whose
/// tasks go to the units under it rather than to its departments.
pub(crate) fn task_line(layout: &Layout, row: &TaskRow, police_body: bool) -> TaskLine {
    let (standing, standing_class) = standing(row.standing);
    TaskLine {
        href: layout.link(&format!("/tasks/{}", row.task.id)),
        title: row.task.title.clone(),
        department: row.department.clone().unwrap_or_else(|| {
            if police_body {
                i18n::given_to(row.task.for_kind).into()
            } else {
                "Các phòng, khoa, trung tâm".into()
            }
        }),
        person: row.person.clone().unwrap_or_default(),
        when: when(row),
        status: i18n::task_status(row.task.status).to_owned(),
        status_class: match row.task.status {
            antt_domain::plan::TaskStatus::Done => "ok",
            _ => "",
        },
        standing,
        standing_class,
    }
}

/// The button that moves a plan to its next state.
pub(crate) struct Advance {
    pub to: &'static str,
    pub label: &'static str,
    pub note: &'static str,
    pub action: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "plans/show.html")]
pub(crate) struct PlanPage {
    layout: Layout,
    year: i32,
    title: String,
    state: &'static str,
    state_class: &'static str,
    number: String,
    signed: String,
    counts: TaskCounts,
    done_share: String,
    report: String,
    sections: Vec<SectionView>,
    document: String,
    tasks_export: String,
    edit: Option<String>,
    new_task: Option<String>,
    advance: Option<Advance>,
    bases: Vec<String>,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<PlanPage, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "plans", "Kế hoạch").await?;
    let actor = user.actor();
    let view = state.antt.plans().view(actor, unit, parse_id(&id)?).await?;
    let plan = &view.plan;
    let c = &plan.content;
    let counts = view.counts();
    let police_body = police_body(&state, actor, unit).await?;
    // A police body's tasks are the units' to do: each says how many of
    // the units given it have answered.
    let answered = if police_body && actor.can(Capability::OverseeUnits) && !layout.foreign {
        state.antt.plans().answered(actor, unit, plan.id).await?
    } else {
        std::collections::HashMap::new()
    };
    let line = |r: &TaskRow| {
        let mut l = task_line(&layout, r, police_body);
        if let Some((done, given)) = answered.get(&r.task.id) {
            l.status = format!("{done}/{given} đơn vị đã báo cáo");
            l.status_class = if done == given && *given > 0 {
                "ok"
            } else {
                ""
            };
        }
        l
    };
    let sections = c
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| SectionView {
            heading: format!("{}. {}", roman(i + 1), s.title.to_uppercase()),
            lines: lines(&s.text)
                .into_iter()
                .map(|l| match l {
                    Line::Clause(t) => (true, t.to_owned()),
                    Line::Paragraph(t) => (false, t.to_owned()),
                })
                .collect(),
            tasks: view
                .tasks
                .iter()
                .filter(|r| usize::from(r.task.section) == i + 1)
                .map(line)
                .collect(),
        })
        .collect();
    let may_advance = state.antt.plans().may_write(actor, unit).await? && !layout.foreign;
    let action = layout.link(&format!("/plans/{}/state", plan.id));
    let advance = match plan.state.next() {
        Some(PlanState::Approved) if may_advance => Some(Advance {
            to: "approved",
            label: "Ban hành kế hoạch",
            note: "Khi ban hành, nội dung kế hoạch không sửa được nữa; các nhiệm vụ vẫn được theo dõi.",
            action,
        }),
        Some(PlanState::Closed) if may_advance => Some(Advance {
            to: "closed",
            label: "Kết thúc năm",
            note: "Khi kết thúc, kế hoạch và nhiệm vụ chỉ còn để xem.",
            action,
        }),
        _ => None,
    };
    Ok(PlanPage {
        year: plan.year,
        title: c.title.clone(),
        state: i18n::plan_state(plan.state),
        state_class: state_class(plan.state),
        number: number_line(c),
        signed: c.signed_on.map(format_date).unwrap_or_default(),
        done_share: percent(counts.done as u64, counts.total as u64),
        counts,
        report: match c.report.due {
            Some(due) => format!(
                "{} gửi {} trước ngày {}",
                c.report.what,
                c.report.to,
                format_date(due)
            ),
            None => format!("{} gửi {}", c.report.what, c.report.to),
        },
        sections,
        document: layout.link(&format!("/plans/{}/document", plan.id)),
        tasks_export: layout.link(&format!("/plans/{}/tasks/export", plan.id)),
        edit: view
            .may_edit_text
            .then(|| layout.link(&format!("/plans/{}/edit", plan.id))),
        new_task: view
            .may_edit_tasks
            .then(|| layout.link(&format!("/plans/{}/tasks/new", plan.id))),
        advance,
        bases: c.bases.clone(),
        layout,
    })
}

/// The plan's form as typed: every field as text, so a refused form shows
/// exactly what was typed.
#[derive(Debug, Default)]
pub(crate) struct PlanFormData {
    parent_body: String,
    issuing_body: String,
    number: String,
    symbol: String,
    place: String,
    signed_on: String,
    title: String,
    bases: String,
    preamble: String,
    sections: Vec<(String, String)>,
    report_what: String,
    report_to: String,
    report_due: String,
    closing: String,
    recipients: String,
    signer_authority: String,
    signer_title: String,
    signer_name: String,
}

impl PlanFormData {
    fn of(c: &PlanContent) -> Self {
        Self {
            parent_body: c.parent_body.clone().unwrap_or_default(),
            issuing_body: c.issuing_body.clone(),
            number: c.number.map(|n| n.to_string()).unwrap_or_default(),
            symbol: c.symbol.clone(),
            place: c.place.clone(),
            signed_on: c.signed_on.map(format_date).unwrap_or_default(),
            title: c.title.clone(),
            bases: c.bases.join("\n"),
            preamble: c.preamble.clone(),
            sections: c
                .sections
                .iter()
                .map(|s| (s.title.clone(), s.text.clone()))
                .collect(),
            report_what: c.report.what.clone(),
            report_to: c.report.to.clone(),
            report_due: c.report.due.map(format_date).unwrap_or_default(),
            closing: c.closing.clone(),
            recipients: c.recipients.join("\n"),
            signer_authority: c.signer.authority.clone().unwrap_or_default(),
            signer_title: c.signer.title.clone(),
            signer_name: c.signer.name.clone(),
        }
    }

    /// The form's fields from the submitted pairs; sections come as
    /// `section_title_N` and `section_text_N`.
    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut v = Self::default();
        let mut sections = std::collections::BTreeMap::<usize, (String, String)>::new();
        for (key, value) in pairs {
            if let Some(i) = key
                .strip_prefix("section_title_")
                .and_then(|i| i.parse().ok())
            {
                sections.entry(i).or_default().0 = value;
                continue;
            }
            if let Some(i) = key
                .strip_prefix("section_text_")
                .and_then(|i| i.parse().ok())
            {
                sections.entry(i).or_default().1 = value;
                continue;
            }
            let slot = match key.as_str() {
                "parent_body" => &mut v.parent_body,
                "issuing_body" => &mut v.issuing_body,
                "number" => &mut v.number,
                "symbol" => &mut v.symbol,
                "place" => &mut v.place,
                "signed_on" => &mut v.signed_on,
                "title" => &mut v.title,
                "bases" => &mut v.bases,
                "preamble" => &mut v.preamble,
                "report_what" => &mut v.report_what,
                "report_to" => &mut v.report_to,
                "report_due" => &mut v.report_due,
                "closing" => &mut v.closing,
                "recipients" => &mut v.recipients,
                "signer_authority" => &mut v.signer_authority,
                "signer_title" => &mut v.signer_title,
                "signer_name" => &mut v.signer_name,
                _ => continue,
            };
            *slot = value;
        }
        v.sections = sections.into_values().collect();
        v
    }

    /// The content typed, or what is wrong with its numbers and dates.
    fn content(&self) -> Result<PlanContent, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let date = |errors: &mut ValidationErrors, field: &'static str, text: &str| {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            let day = parse_date(text);
            if day.is_none() {
                errors.add(field, ErrorCode::InvalidDate);
            }
            day
        };
        let number = match self.number.trim() {
            "" => None,
            n => match n.parse::<u32>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    errors.add("number", ErrorCode::Invalid);
                    None
                }
            },
        };
        let signed_on = date(&mut errors, "signed_on", &self.signed_on);
        let report_due = date(&mut errors, "report_due", &self.report_due);
        let optional = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let content = PlanContent {
            parent_body: optional(&self.parent_body),
            issuing_body: self.issuing_body.clone(),
            number,
            symbol: self.symbol.trim().to_owned(),
            place: self.place.clone(),
            signed_on,
            title: self.title.clone(),
            bases: list_lines(&self.bases),
            preamble: self.preamble.clone(),
            sections: self
                .sections
                .iter()
                .map(|(title, text)| PlanSection {
                    title: title.clone(),
                    text: text.clone(),
                })
                .collect(),
            report: ReportDuty {
                what: self.report_what.clone(),
                to: self.report_to.clone(),
                due: report_due,
            },
            closing: self.closing.clone(),
            recipients: list_lines(&self.recipients),
            signer: PlanSigner {
                authority: optional(&self.signer_authority),
                title: self.signer_title.clone(),
                name: self.signer_name.clone(),
            },
        };
        errors.into_result().map(|()| content)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "plans/form.html")]
pub(crate) struct PlanForm {
    layout: Layout,
    year: i32,
    action: String,
    cancel: String,
    v: PlanFormData,
    /// Sections with their numeral; one empty more to add a section.
    sections: Vec<(usize, String, String, String)>,
    errors: FieldErrors,
}

fn plan_form(
    layout: Layout,
    year: i32,
    id: PlanId,
    mut v: PlanFormData,
    errors: FieldErrors,
) -> PlanForm {
    if v.sections
        .last()
        .is_none_or(|(t, x)| !(t.is_empty() && x.is_empty()))
    {
        v.sections.push((String::new(), String::new()));
    }
    let sections = v
        .sections
        .iter()
        .enumerate()
        .map(|(i, (t, x))| (i, roman(i + 1), t.clone(), x.clone()))
        .collect();
    PlanForm {
        year,
        action: layout.link(&format!("/plans/{id}")),
        cancel: layout.link(&format!("/plans/{id}")),
        v,
        sections,
        errors,
        layout,
    }
}

pub(crate) async fn edit_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "plans", "Sửa kế hoạch").await?;
    let view = state
        .antt
        .plans()
        .view(user.actor(), unit, parse_id(&id)?)
        .await?;
    if !view.may_edit_text {
        return Ok(Redirect::to(&layout.link(&format!("/plans/{}", view.plan.id))).into_response());
    }
    let v = PlanFormData::of(&view.plan.content);
    Ok(plan_form(
        layout,
        view.plan.year,
        view.plan.id,
        v,
        FieldErrors::default(),
    )
    .into_response())
}

pub(crate) async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "plans", "Sửa kế hoạch").await?;
    let actor = user.actor();
    let id: PlanId = parse_id(&id)?;
    let view = state.antt.plans().view(actor, unit, id).await?;
    let v = PlanFormData::from_pairs(pairs);
    let result = match v.content() {
        Ok(content) => {
            state
                .antt
                .plans()
                .save_content(actor, unit, id, content)
                .await
        }
        Err(e) => Err(CoreError::Invalid(e)),
    };
    let shown = layout.link(&format!("/plans/{id}"));
    saved(
        result,
        |()| Redirect::to(&shown).into_response(),
        async |e| {
            let page = plan_form(layout, view.plan.year, id, v, FieldErrors::from(&e));
            Ok(page)
        },
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(crate) struct AdvanceForm {
    to: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "plans/refused.html")]
pub(crate) struct Refused {
    layout: Layout,
    back: String,
    problems: Vec<String>,
}

pub(crate) async fn advance(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
    Form(form): Form<AdvanceForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(
        &state,
        &user,
        &param,
        "plans",
        "Chưa chuyển được trạng thái",
    )
    .await?;
    let id: PlanId = parse_id(&id)?;
    let to = PlanState::parse(&form.to)
        .ok_or(WebError(CoreError::invalid("state", ErrorCode::Invalid)))?;
    let shown = layout.link(&format!("/plans/{id}"));
    saved(
        state.antt.plans().advance(user.actor(), unit, id, to).await,
        |()| Redirect::to(&shown).into_response(),
        async |e| {
            let page = Refused {
                back: layout.link(&format!("/plans/{id}/edit")),
                problems: FieldErrors::from(&e).summary(),
                layout,
            };
            Ok(page)
        },
    )
    .await
}

pub(crate) async fn document(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &param, "plans", "").await?;
    let file = state
        .antt
        .plans()
        .document(user.actor(), unit, parse_id(&id)?)
        .await?;
    Ok(super::download(file))
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::{get, post};
    crate::routes::Routes::new()
        .route("/plans", get(list).post(start))
        .route("/plans/{id}", get(show).post(save))
        .route("/plans/{id}/edit", get(edit_form))
        .route("/plans/{id}/state", post(advance))
        .route("/plans/{id}/document", get(document))
}
