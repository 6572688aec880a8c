//! The tasks of a plan: one task with its progress notes and the form to
//! report on it; the form to add or change a task; a note's evidence file.

use crate::forms::Form;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};

use antt_core::CoreError;
use antt_domain::plan::{NoteInput, Recurrence, TaskInput, TaskStatus, roman};
use antt_domain::province::COUNTED_KINDS;
use antt_domain::role::Capability;
use antt_domain::time::{format_date, format_instant, parse_date};
use antt_domain::unit::UnitKind;
use antt_domain::{DepartmentId, ErrorCode, PersonId, PlanId, PlanTaskId, ValidationErrors};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, Upload, saved};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;
use crate::views::plans::{police_body, standing, when};
/// A progress note as shown.
pub(crate) struct NoteLine {
    pub author: String,
    pub at: String,
    pub body: String,
    pub status: String,
    pub link: Option<String>,
    pub file: Option<(String, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "tasks/show.html")]
pub(crate) struct TaskPage {
    layout: Layout,
    title: String,
    plan: String,
    plan_href: String,
    section: String,
    department: String,
    person: String,
    partners: String,
    when: String,
    status: &'static str,
    status_class: &'static str,
    standing: String,
    standing_class: &'static str,
    notes: Vec<NoteLine>,
    edit: Option<String>,
    /// The report form, when the actor may report.
    report: Option<String>,
    statuses: Vec<Choice>,
    body: String,
    link: String,
    errors: FieldErrors,
    /// A task the police body over the unit gave it: no link to that
    /// body's plan, which the unit does not read.
    from_above: bool,
    /// A police body's own task: how each unit under it answered.
    reports: Vec<ReportLine>,
    reported: usize,
    /// The units under the body that have not answered yet.
    silent: Vec<String>,
}

/// One unit's answer to a task of its police body.
pub(crate) struct ReportLine {
    unit: String,
    status: &'static str,
    status_class: &'static str,
    standing: String,
    standing_class: &'static str,
    last: String,
}

fn statuses(current: &str) -> Vec<Choice> {
    std::iter::once(Choice::new("", "Giữ nguyên trạng thái", current))
        .chain(
            [
                TaskStatus::InProgress,
                TaskStatus::Done,
                TaskStatus::Dropped,
            ]
            .into_iter()
            .map(|s| Choice::new(s.code(), i18n::task_status(s), current)),
        )
        .collect()
}

/// The notes, newest first; `files` is where their files are served.
fn note_lines(
    layout: &Layout,
    notes: &[antt_domain::plan::TaskNote],
    files: &str,
) -> Vec<NoteLine> {
    notes
        .iter()
        .rev()
        .map(|n| NoteLine {
            author: n.author_name.clone(),
            at: format_instant(n.written_at),
            body: n.body.clone(),
            status: n
                .status
                .map(|s| i18n::task_status(s).to_owned())
                .unwrap_or_default(),
            link: n.link.as_ref().map(|l| {
                if l.starts_with('/') {
                    layout.link(l)
                } else {
                    l.clone()
                }
            }),
            file: n
                .file_name
                .clone()
                .map(|f| (f, layout.link(&format!("{files}/{}/file", n.id)))),
        })
        .collect()
}

async fn task_page(
    state: &AppState,
    user: &CurrentUser,
    param: &UnitParam,
    id: PlanTaskId,
    typed: Option<(String, String, String)>,
    errors: FieldErrors,
) -> Result<TaskPage, WebError> {
    let (unit, layout) = frame(state, user, param, "plans", "Nhiệm vụ").await?;
    let view = state.antt.plans().task_view(user.actor(), unit, id).await?;
    let row = &view.row;
    let task = &row.task;
    let section = usize::from(task.section);
    let (standing_words, standing_class) = standing(row.standing);
    let (body, link, status) = typed.unwrap_or_default();
    let current = if status.is_empty() {
        String::new()
    } else {
        status
    };
    let statuses = statuses(&current);
    let police_body = police_body(state, user.actor(), unit).await?;
    let reports = if layout.foreign || !user.actor().can(Capability::OverseeUnits) {
        Vec::new()
    } else if police_body {
        state
            .antt
            .plans()
            .unit_reports(user.actor(), unit, id)
            .await?
            .into_iter()
            .map(|r| {
                let (standing, standing_class) = standing(r.standing);
                ReportLine {
                    unit: r.unit.name,
                    status: i18n::task_status(r.status),
                    status_class: if r.status == TaskStatus::Done {
                        "ok"
                    } else {
                        ""
                    },
                    standing,
                    standing_class,
                    last: r
                        .last
                        .map(|n| format!("{}: {}", format_instant(n.written_at), n.body))
                        .unwrap_or_default(),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(TaskPage {
        title: task.title.clone(),
        plan: view.plan.content.title.clone(),
        plan_href: layout.link(&format!("/plans/{}", view.plan.id)),
        section: view
            .plan
            .content
            .sections
            .get(section.wrapping_sub(1))
            .map(|s| format!("{}. {}", roman(section), s.title))
            .unwrap_or_default(),
        department: row.department.clone().unwrap_or_else(|| {
            if police_body {
                i18n::given_to(task.for_kind).into()
            } else {
                "Các phòng, khoa, trung tâm".into()
            }
        }),
        person: row.person.clone().unwrap_or_default(),
        partners: row.partners.join(", "),
        when: when(row),
        status: i18n::task_status(task.status),
        status_class: if task.status == TaskStatus::Done {
            "ok"
        } else {
            ""
        },
        standing: standing_words,
        standing_class,
        notes: note_lines(&layout, &view.notes, "/notes"),
        edit: view
            .may_edit
            .then(|| layout.link(&format!("/tasks/{}/edit", task.id))),
        report: view
            .may_report
            .then(|| layout.link(&format!("/tasks/{}/notes", task.id))),
        statuses,
        body,
        link,
        errors,
        from_above: false,
        reported: reports.iter().filter(|r| !r.last.is_empty()).count(),
        silent: reports
            .iter()
            .filter(|r| r.last.is_empty())
            .map(|r| r.unit.clone())
            .collect(),
        reports: reports.into_iter().filter(|r| !r.last.is_empty()).collect(),
        layout,
    })
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<TaskPage, WebError> {
    task_page(
        &state,
        &user,
        &param,
        parse_id(&id)?,
        None,
        FieldErrors::default(),
    )
    .await
}

/// A progress note as the form sent it (multipart: text, status, link,
/// file): the note or what is wrong with it, and the form as typed.
async fn read_note(
    multipart: Multipart,
) -> (
    Result<NoteInput, ValidationErrors>,
    (String, String, String),
) {
    let (mut upload, mut errors) = match Upload::read(multipart).await {
        Ok(upload) => (upload, ValidationErrors::new()),
        Err(e) => (Upload::default(), e),
    };
    let (body, link, status) = (
        upload.text("body").to_owned(),
        upload.text("link").to_owned(),
        upload.text("status").to_owned(),
    );
    let file = upload.take_file("file").map(|f| (f.name, f.bytes));
    let new_status = match status.as_str() {
        "" => None,
        code => {
            let s = TaskStatus::parse(code);
            if s.is_none() {
                errors.add("status", ErrorCode::Invalid);
            }
            s
        }
    };
    let note = if errors.is_empty() {
        Ok(NoteInput {
            body: body.clone(),
            status: new_status,
            link: Some(link.clone()),
            file,
        })
    } else {
        Err(errors)
    };
    (note, (body, link, status))
}

/// Which task a note is written on: one of the unit's own plan, or one
/// the police body over it gave it.
#[derive(Clone, Copy)]
enum TaskOf {
    Unit,
    Above,
}

/// Writes a note on a task (multipart: text, status, link, file) and goes
/// back to the task, or shows its page again with what was refused.
async fn write_note(
    state: AppState,
    user: CurrentUser,
    id: &str,
    param: UnitParam,
    multipart: Multipart,
    of: TaskOf,
) -> Result<Response, WebError> {
    let id: PlanTaskId = parse_id(id)?;
    let (unit, layout) = frame(&state, &user, &param, "plans", "").await?;
    let (note, typed) = read_note(multipart).await;
    let plans = state.antt.plans();
    let result = match (note, of) {
        (Ok(note), TaskOf::Unit) => plans
            .report_task(user.actor(), unit, id, note)
            .await
            .map(|_| ()),
        (Ok(note), TaskOf::Above) => plans
            .report_assigned(user.actor(), unit, id, note)
            .await
            .map(|_| ()),
        (Err(e), _) => Err(CoreError::Invalid(e)),
    };
    let back = match of {
        TaskOf::Unit => format!("/tasks/{id}"),
        TaskOf::Above => format!("/assigned/{id}"),
    };
    saved(
        result,
        |()| Redirect::to(&layout.link(&back)).into_response(),
        async |e| {
            let errors = FieldErrors::from(&e).for_record(antt_domain::audit::TargetKind::PlanTask);
            let typed = Some(typed);
            match of {
                TaskOf::Unit => task_page(&state, &user, &param, id, typed, errors).await,
                TaskOf::Above => assigned_page(&state, &user, &param, id, typed, errors).await,
            }
        },
    )
    .await
}

/// Writes a progress note on one of the unit's tasks.
pub(crate) async fn report(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    write_note(state, user, &id, param, multipart, TaskOf::Unit).await
}

/// A task the police body over the unit gave it, with the unit's reports.
async fn assigned_page(
    state: &AppState,
    user: &CurrentUser,
    param: &UnitParam,
    id: PlanTaskId,
    typed: Option<(String, String, String)>,
    errors: FieldErrors,
) -> Result<TaskPage, WebError> {
    let (unit, layout) = frame(state, user, param, "plans", "Việc cơ quan Công an giao").await?;
    let a = state
        .antt
        .plans()
        .assigned_task(user.actor(), unit, id)
        .await?;
    let row = antt_core::plan::TaskRow {
        task: a.task.clone(),
        department: None,
        person: None,
        partners: Vec::new(),
        standing: a.standing,
    };
    let (standing_words, standing_class) = standing(a.standing);
    let (body, link, status) = typed.unwrap_or_default();
    let office =
        user.actor().can(Capability::ReportAnyTask) && !layout.foreign && a.plan.state.tasks_open();
    Ok(TaskPage {
        title: a.task.title.clone(),
        plan: format!("{} · {}", a.authority.name, a.plan.content.title),
        plan_href: layout.link("/plans"),
        section: crate::views::plans::number_line(&a.plan.content),
        department: format!("{} giao cho các đơn vị", a.authority.name),
        person: String::new(),
        partners: String::new(),
        when: when(&row),
        status: i18n::task_status(a.task.status),
        status_class: if a.task.status == TaskStatus::Done {
            "ok"
        } else {
            ""
        },
        standing: standing_words,
        standing_class,
        notes: note_lines(&layout, &a.notes, "/assigned/notes"),
        edit: None,
        report: office.then(|| layout.link(&format!("/assigned/{id}"))),
        statuses: statuses(&status),
        body,
        link,
        errors,
        from_above: true,
        reports: Vec::new(),
        reported: 0,
        silent: Vec::new(),
        layout,
    })
}

pub(crate) async fn show_assigned(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<TaskPage, WebError> {
    assigned_page(
        &state,
        &user,
        &param,
        parse_id(&id)?,
        None,
        FieldErrors::default(),
    )
    .await
}

/// The unit's answer to a task from above (multipart, as a note).
pub(crate) async fn report_assigned(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    write_note(state, user, &id, param, multipart, TaskOf::Above).await
}

/// The file of one of the unit's answers to a task from above.
pub(crate) async fn answer_file(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<Response, WebError> {
    file_of(&state, &user, &id, &param, TaskOf::Above).await
}

/// The file of a note on one of the unit's tasks.
pub(crate) async fn note_file(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<Response, WebError> {
    file_of(&state, &user, &id, &param, TaskOf::Unit).await
}

async fn file_of(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
    param: &UnitParam,
    of: TaskOf,
) -> Result<Response, WebError> {
    let (unit, _) = frame(state, user, param, "plans", "").await?;
    let (plans, id) = (state.antt.plans(), parse_id(id)?);
    let file = match of {
        TaskOf::Unit => plans.note_file(user.actor(), unit, id).await?,
        TaskOf::Above => plans.answer_file(user.actor(), unit, id).await?,
    };
    Ok(super::download(file))
}

/// The task form as typed.
#[derive(Debug, Default)]
pub(crate) struct TaskFormData {
    section: String,
    title: String,
    department_id: String,
    person_id: String,
    partner_ids: Vec<String>,
    due_on: String,
    recurrence: String,
    /// A police body's task: the kind of unit given it, empty for all.
    for_kind: String,
}

impl TaskFormData {
    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut v = Self::default();
        for (key, value) in pairs {
            match key.as_str() {
                "section" => v.section = value,
                "title" => v.title = value,
                "department_id" => v.department_id = value,
                "person_id" => v.person_id = value,
                "partner_ids" => v.partner_ids.push(value),
                "due_on" => v.due_on = value,
                "recurrence" => v.recurrence = value,
                "for_kind" => v.for_kind = value,
                _ => {}
            }
        }
        v
    }

    fn input(&self) -> Result<TaskInput, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let section = self.section.trim().parse::<u16>().unwrap_or_else(|_| {
            errors.add("section", ErrorCode::Invalid);
            0
        });
        let department_id =
            errors.parse_optional::<DepartmentId>("department_id", Some(&self.department_id));
        let person_id = errors.parse_optional::<PersonId>("person_id", Some(&self.person_id));
        let partner_ids = self
            .partner_ids
            .iter()
            .filter_map(|p| errors.parse_optional::<DepartmentId>("partner_ids", Some(p)))
            .collect();
        let due_on = match self.due_on.trim() {
            "" => None,
            text => {
                let day = parse_date(text);
                if day.is_none() {
                    errors.add("due_on", ErrorCode::InvalidDate);
                }
                day
            }
        };
        let recurrence = match self.recurrence.as_str() {
            "" => None,
            code => {
                let r = Recurrence::parse(code);
                if r.is_none() {
                    errors.add("recurrence", ErrorCode::Invalid);
                }
                r
            }
        };
        let for_kind = match self.for_kind.trim() {
            "" => None,
            code => {
                let k = UnitKind::parse(code);
                if k.is_none() {
                    errors.add("for_kind", ErrorCode::Invalid);
                }
                k
            }
        };
        errors.into_result().map(|()| TaskInput {
            section,
            title: self.title.clone(),
            department_id,
            person_id,
            partner_ids,
            due_on,
            recurrence,
            for_kind,
        })
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "tasks/form.html")]
pub(crate) struct TaskForm {
    heading: &'static str,
    action: String,
    cancel: String,
    v: TaskFormData,
    sections: Vec<Choice>,
    departments: Vec<Choice>,
    people: Vec<Choice>,
    partners: Vec<(Choice, bool)>,
    recurrences: Vec<Choice>,
    /// For a police body's plan: to whom the task is given.
    kinds: Vec<Choice>,
    errors: FieldErrors,
    layout: Layout,
}

async fn task_form(
    state: &AppState,
    user: &CurrentUser,
    param: &UnitParam,
    plan_id: PlanId,
    task: Option<PlanTaskId>,
    v: TaskFormData,
    errors: FieldErrors,
) -> Result<TaskForm, WebError> {
    let heading = if task.is_some() {
        "Sửa nhiệm vụ"
    } else {
        "Thêm nhiệm vụ"
    };
    let (unit, layout) = frame(state, user, param, "plans", heading).await?;
    let actor = user.actor();
    let view = state.antt.plans().view(actor, unit, plan_id).await?;
    if !view.may_edit_tasks {
        return Err(WebError(CoreError::Forbidden));
    }
    let structure = state.antt.org().structure(actor, unit).await?;
    let staff = state.antt.people().staff_choices(actor, unit).await?;
    let sections = view
        .plan
        .content
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            Choice::new(
                (i + 1).to_string(),
                format!("{}. {}", roman(i + 1), s.title),
                &v.section,
            )
        })
        .collect();
    let mut departments = vec![Choice::new(
        "",
        "Các phòng, khoa, trung tâm (tất cả)",
        &v.department_id,
    )];
    departments.extend(
        structure
            .departments
            .iter()
            .map(|d| Choice::new(d.id.to_string(), d.name.clone(), &v.department_id)),
    );
    let people = Choice::optional(
        staff.iter().map(|p| {
            let dept = structure
                .department_name(p.department_id)
                .unwrap_or_default();
            (p.id, format!("{} ({dept})", p.full_name))
        }),
        Some(&v.person_id),
    );
    let partners = structure
        .departments
        .iter()
        .map(|d| {
            let id = d.id.to_string();
            let checked = v.partner_ids.contains(&id);
            (Choice::new(id, d.name.clone(), ""), checked)
        })
        .collect();
    let recurrences = std::iter::once(Choice::new("", "Không lặp lại", &v.recurrence))
        .chain(
            Recurrence::ALL
                .iter()
                .map(|r| Choice::new(r.code(), i18n::recurrence(*r), &v.recurrence)),
        )
        .collect();
    let (action, cancel) = match task {
        Some(t) => (
            layout.link(&format!("/tasks/{t}")),
            layout.link(&format!("/tasks/{t}")),
        ),
        None => (
            layout.link(&format!("/plans/{plan_id}/tasks")),
            layout.link(&format!("/plans/{plan_id}")),
        ),
    };
    let police_body = police_body(state, actor, unit).await?;
    let kinds = if police_body {
        std::iter::once(Choice::new("", i18n::given_to(None), &v.for_kind))
            .chain(
                COUNTED_KINDS
                    .iter()
                    .map(|k| Choice::new(k.code(), i18n::given_to(Some(*k)), &v.for_kind)),
            )
            .collect()
    } else {
        Vec::new()
    };
    Ok(TaskForm {
        heading,
        action,
        cancel,
        v,
        sections,
        departments,
        people,
        partners,
        recurrences,
        kinds,
        errors,
        layout,
    })
}

pub(crate) async fn new_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(plan): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<TaskForm, WebError> {
    let v = TaskFormData {
        section: "4".into(),
        ..TaskFormData::default()
    };
    task_form(
        &state,
        &user,
        &param,
        parse_id(&plan)?,
        None,
        v,
        FieldErrors::default(),
    )
    .await
}

pub(crate) async fn edit_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<TaskForm, WebError> {
    let (unit, _) = frame(&state, &user, &param, "plans", "").await?;
    let id: PlanTaskId = parse_id(&id)?;
    let view = state.antt.plans().task_view(user.actor(), unit, id).await?;
    let t = &view.row.task;
    let v = TaskFormData {
        section: t.section.to_string(),
        title: t.title.clone(),
        department_id: t.department_id.map(|d| d.to_string()).unwrap_or_default(),
        person_id: t.person_id.map(|p| p.to_string()).unwrap_or_default(),
        partner_ids: t.partner_ids.iter().map(ToString::to_string).collect(),
        due_on: t.due_on.map(format_date).unwrap_or_default(),
        recurrence: t
            .recurrence
            .map(|r| r.code().to_owned())
            .unwrap_or_default(),
        for_kind: t.for_kind.map(|k| k.code().to_owned()).unwrap_or_default(),
    };
    task_form(
        &state,
        &user,
        &param,
        t.plan_id,
        Some(id),
        v,
        FieldErrors::default(),
    )
    .await
}

async fn save(
    state: AppState,
    user: CurrentUser,
    param: UnitParam,
    plan: Option<PlanId>,
    task: Option<PlanTaskId>,
    pairs: Vec<(String, String)>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "plans", "").await?;
    let actor = user.actor();
    let plan_id = match (plan, task) {
        (Some(p), _) => p,
        (None, Some(t)) => state.antt.plans().task_view(actor, unit, t).await?.plan.id,
        (None, None) => return Err(WebError(CoreError::NotFound)),
    };
    let v = TaskFormData::from_pairs(pairs);
    let result = match v.input() {
        Ok(input) => {
            state
                .antt
                .plans()
                .save_task(actor, unit, plan_id, task, input)
                .await
        }
        Err(e) => Err(CoreError::Invalid(e)),
    };
    saved(
        result,
        |id| Redirect::to(&layout.link(&format!("/tasks/{id}"))).into_response(),
        async |e| {
            let page = task_form(
                &state,
                &user,
                &param,
                plan_id,
                task,
                v,
                FieldErrors::from(&e).for_record(antt_domain::audit::TargetKind::PlanTask),
            )
            .await?;
            Ok(page)
        },
    )
    .await
}

pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(plan): Path<String>,
    Query(param): Query<UnitParam>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    save(state, user, param, Some(parse_id(&plan)?), None, pairs).await
}

pub(crate) async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    save(state, user, param, None, Some(parse_id(&id)?), pairs).await
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::extract::DefaultBodyLimit;
    use axum::routing::{get, post};

    use crate::limits;
    crate::routes::Routes::new()
        .route("/plans/{id}/tasks", post(create))
        .route("/plans/{id}/tasks/new", get(new_form))
        .route("/tasks/{id}", get(show).post(update))
        .route("/tasks/{id}/edit", get(edit_form))
        .route(
            "/tasks/{id}/notes",
            post(report).layer(DefaultBodyLimit::max(limits::UPLOAD_BODY)),
        )
        .route("/notes/{id}/file", get(note_file))
        .route("/assigned/notes/{id}/file", get(answer_file))
        .route(
            "/assigned/{id}",
            get(show_assigned)
                .post(report_assigned)
                .layer(DefaultBodyLimit::max(limits::UPLOAD_BODY)),
        )
}
