//! Campuses, departments and classes: one page listing them, and a form
//! for each kind.

use crate::forms::Form;
use antt_domain::role::Capability;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use antt_core::CoreError;
use antt_domain::org::{CampusInput, ClassInput, DepartmentInput, DepartmentKind};
use antt_domain::unit::{SchoolLevel, UnitKind};
use antt_domain::{CampusId, ClassId, DepartmentId, ValidationErrors};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, empty_as_none, number, saved};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;

pub(crate) struct CampusRow {
    pub edit: String,
    pub name: String,
    pub address: String,
}

pub(crate) struct DepartmentRow {
    pub edit: String,
    pub people: String,
    pub name: String,
    pub kind: &'static str,
}

pub(crate) struct ClassRowView {
    pub edit: String,
    pub people: String,
    pub name: String,
    pub department: String,
    pub campus: String,
    pub teacher: String,
    pub students: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "org/index.html")]
pub(crate) struct OrgPage {
    layout: Layout,
    may_edit: bool,
    campuses: Vec<CampusRow>,
    departments: Vec<DepartmentRow>,
    classes: Vec<ClassRowView>,
    new_campus: String,
    new_department: String,
    new_class: String,
    /// A school's level (cấp học); empty for other units.
    levels: Vec<Choice>,
    level: &'static str,
    level_action: String,
}

pub(crate) async fn index(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
) -> Result<OrgPage, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "org", "Cơ sở, phòng, khoa, lớp").await?;
    let actor = user.actor();
    let s = state.antt.org().structure(actor, unit).await?;
    let classes = state.antt.org().class_rows(actor, unit).await?;
    let may_edit = actor.role.can(Capability::EditOrg) && !layout.foreign;
    let reads_people = actor.role.can(Capability::ReadPeople);
    let this = state.antt.units().get(actor, unit).await?;
    let current = this.school_level.map(SchoolLevel::code).unwrap_or_default();
    let levels = if this.kind == UnitKind::School {
        std::iter::once(Choice::new("", "Chưa khai", current))
            .chain(
                SchoolLevel::ALL
                    .iter()
                    .map(|l| Choice::new(l.code(), antt_words::school_level(*l), current)),
            )
            .collect()
    } else {
        Vec::new()
    };
    Ok(OrgPage {
        levels,
        level: this
            .school_level
            .map_or("Chưa khai", antt_words::school_level),
        level_action: layout.link("/org/level"),
        may_edit,
        campuses: s
            .campuses
            .iter()
            .map(|c| CampusRow {
                edit: layout.link(&format!("/campuses/{}", c.id)),
                name: c.name.clone(),
                address: c.address.clone().unwrap_or_default(),
            })
            .collect(),
        departments: s
            .departments
            .iter()
            .map(|d| DepartmentRow {
                edit: layout.link(&format!("/departments/{}", d.id)),
                people: if reads_people {
                    layout.link(&format!("/people?department={}&kind=", d.id))
                } else {
                    String::new()
                },
                name: d.name.clone(),
                kind: i18n::department_kind(d.kind),
            })
            .collect(),
        classes: classes
            .into_iter()
            .map(|r| ClassRowView {
                edit: layout.link(&format!("/classes/{}", r.class.id)),
                people: if reads_people {
                    layout.link(&format!("/people?class={}", r.class.id))
                } else {
                    String::new()
                },
                name: r.class.name,
                department: r.department.unwrap_or_default(),
                campus: r.campus.unwrap_or_default(),
                teacher: r.homeroom_teacher.unwrap_or_default(),
                students: number(r.students),
            })
            .collect(),
        new_campus: layout.link("/campuses/new"),
        new_department: layout.link("/departments/new"),
        new_class: layout.link("/classes/new"),
        layout,
    })
}

/// One form for the three kinds: which fields it shows depends on `kind`.
#[derive(Template, WebTemplate)]
#[template(path = "org/form.html")]
pub(crate) struct OrgForm {
    layout: Layout,
    /// "campus", "department" or "class".
    kind: &'static str,
    heading: String,
    action: String,
    cancel: String,
    v: OrgFormData,
    kinds: Vec<Choice>,
    departments: Vec<Choice>,
    campuses: Vec<Choice>,
    teachers: Vec<Choice>,
    errors: FieldErrors,
}

/// The fields of the three forms, as submitted.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct OrgFormData {
    #[serde(default)]
    name: String,
    #[serde(default, deserialize_with = "empty_as_none")]
    address: Option<String>,
    #[serde(default)]
    department_kind: String,
    #[serde(default, deserialize_with = "empty_as_none")]
    department_id: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    campus_id: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    homeroom_teacher_id: Option<String>,
}

/// What kind of record a form is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OrgKind {
    Campus,
    Department,
    Class,
}

impl OrgKind {
    fn code(self) -> &'static str {
        match self {
            Self::Campus => "campus",
            Self::Department => "department",
            Self::Class => "class",
        }
    }
    fn path(self) -> &'static str {
        match self {
            Self::Campus => "/campuses",
            Self::Department => "/departments",
            Self::Class => "/classes",
        }
    }
    fn heading(self, is_new: bool) -> &'static str {
        match (self, is_new) {
            (Self::Campus, true) => "Thêm cơ sở",
            (Self::Campus, false) => "Sửa cơ sở",
            (Self::Department, true) => "Thêm phòng, khoa, trung tâm",
            (Self::Department, false) => "Sửa phòng, khoa, trung tâm",
            (Self::Class, true) => "Thêm lớp",
            (Self::Class, false) => "Sửa lớp",
        }
    }
}

async fn form_page(
    state: &AppState,
    user: &CurrentUser,
    param: &UnitParam,
    kind: OrgKind,
    id: Option<String>,
    v: OrgFormData,
    errors: FieldErrors,
) -> Result<OrgForm, WebError> {
    let heading = kind.heading(id.is_none());
    let (unit, layout) = frame(state, user, param, "org", heading).await?;
    let actor = user.actor();
    state.antt.units().check_writable(actor, unit).await?;
    actor.require(Capability::EditOrg)?;
    let s = state.antt.org().structure(actor, unit).await?;
    let dk = if v.department_kind.is_empty() {
        "office".to_owned()
    } else {
        v.department_kind.clone()
    };
    let kinds = DepartmentKind::ALL
        .iter()
        .map(|k| Choice::new(k.code(), i18n::department_kind(*k), &dk))
        .collect();
    let faculties = s
        .departments
        .iter()
        .filter(|x| x.kind == DepartmentKind::Faculty);
    let departments = Choice::optional(
        faculties.map(|x| (x.id, x.name.clone())),
        v.department_id.as_ref(),
    );
    let campuses = Choice::optional(
        s.campuses.iter().map(|x| (x.id, x.name.clone())),
        v.campus_id.as_ref(),
    );
    let teachers = if kind == OrgKind::Class {
        let staff = state.antt.people().staff_choices(actor, unit).await?;
        let label = |p: &antt_domain::person::Person| {
            format!(
                "{} ({})",
                p.full_name,
                s.department_name(p.department_id).unwrap_or_default()
            )
        };
        Choice::optional(
            staff.iter().map(|p| (p.id, label(p))),
            v.homeroom_teacher_id.as_ref(),
        )
    } else {
        Vec::new()
    };
    let action = match &id {
        Some(id) => layout.link(&format!("{}/{id}", kind.path())),
        None => layout.link(kind.path()),
    };
    Ok(OrgForm {
        kind: kind.code(),
        heading: heading.to_owned(),
        action,
        cancel: layout.link("/org"),
        v,
        kinds,
        departments,
        campuses,
        teachers,
        errors,
        layout,
    })
}

pub(crate) async fn new_form(
    state: State<AppState>,
    user: CurrentUser,
    param: Query<UnitParam>,
    kind: OrgKind,
) -> Result<OrgForm, WebError> {
    form_page(
        &state,
        &user,
        &param,
        kind,
        None,
        OrgFormData::default(),
        FieldErrors::default(),
    )
    .await
}

pub(crate) async fn edit_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
    kind: OrgKind,
) -> Result<OrgForm, WebError> {
    let (unit, _) = frame(&state, &user, &param, "org", "").await?;
    let actor = user.actor();
    let v = match kind {
        OrgKind::Campus => {
            let c = state
                .antt
                .org()
                .campus(actor, unit, parse_id::<CampusId>(&id)?)
                .await?;
            OrgFormData {
                name: c.name,
                address: c.address,
                ..OrgFormData::default()
            }
        }
        OrgKind::Department => {
            let d = state
                .antt
                .org()
                .department(actor, unit, parse_id::<DepartmentId>(&id)?)
                .await?;
            OrgFormData {
                name: d.name,
                department_kind: d.kind.code().into(),
                ..OrgFormData::default()
            }
        }
        OrgKind::Class => {
            let c = state
                .antt
                .org()
                .class(actor, unit, parse_id::<ClassId>(&id)?)
                .await?;
            OrgFormData {
                name: c.name,
                department_id: c.department_id.map(|x| x.to_string()),
                campus_id: c.campus_id.map(|x| x.to_string()),
                homeroom_teacher_id: c.homeroom_teacher_id.map(|x| x.to_string()),
                ..OrgFormData::default()
            }
        }
    };
    form_page(
        &state,
        &user,
        &param,
        kind,
        Some(id),
        v,
        FieldErrors::default(),
    )
    .await
}

/// Saves any of the three kinds: the path decides create (no id) or change.
pub(crate) async fn save(
    state: AppState,
    user: CurrentUser,
    id: Option<String>,
    param: UnitParam,
    kind: OrgKind,
    data: OrgFormData,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "org", "").await?;
    let actor = user.actor();
    // A record that is not there (or of another unit) is "not found" before
    // anything about the form is said.
    if let Some(id) = &id {
        match kind {
            OrgKind::Campus => state
                .antt
                .org()
                .campus(actor, unit, parse_id(id)?)
                .await
                .map(|_| ())?,
            OrgKind::Department => state
                .antt
                .org()
                .department(actor, unit, parse_id(id)?)
                .await
                .map(|_| ())?,
            OrgKind::Class => state
                .antt
                .org()
                .class(actor, unit, parse_id(id)?)
                .await
                .map(|_| ())?,
        }
    }
    let result = match kind {
        OrgKind::Campus => match CampusInput::parse(&data.name, data.address.as_deref()) {
            Ok(input) => state
                .antt
                .org()
                .save_campus(actor, unit, id.as_deref().map(parse_id).transpose()?, input)
                .await
                .map(|_| ()),
            Err(e) => Err(CoreError::Invalid(e)),
        },
        OrgKind::Department => match DepartmentInput::parse(&data.department_kind, &data.name) {
            Ok(input) => state
                .antt
                .org()
                .save_department(actor, unit, id.as_deref().map(parse_id).transpose()?, input)
                .await
                .map(|_| ()),
            Err(e) => Err(CoreError::Invalid(e)),
        },
        OrgKind::Class => {
            let mut errors = ValidationErrors::new();
            let department_id =
                errors.parse_optional("department_id", data.department_id.as_deref());
            let campus_id = errors.parse_optional("campus_id", data.campus_id.as_deref());
            let teacher =
                errors.parse_optional("homeroom_teacher_id", data.homeroom_teacher_id.as_deref());
            match (
                errors.into_result(),
                ClassInput::parse(&data.name, department_id, campus_id, teacher),
            ) {
                (Ok(()), Ok(input)) => state
                    .antt
                    .org()
                    .save_class(actor, unit, id.as_deref().map(parse_id).transpose()?, input)
                    .await
                    .map(|_| ()),
                (Err(e), _) | (_, Err(e)) => Err(CoreError::Invalid(e)),
            }
        }
    };
    saved(
        result,
        |()| {
            Redirect::to(&format!(
                "{}#{}",
                layout.link("/org"),
                match kind {
                    OrgKind::Campus => "campuses",
                    OrgKind::Department => "departments",
                    OrgKind::Class => "classes",
                }
            ))
            .into_response()
        },
        async |e| {
            let page =
                form_page(&state, &user, &param, kind, id, data, FieldErrors::from(&e)).await?;
            Ok(page)
        },
    )
    .await
}

/// The school's level, as chosen on the page.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct LevelData {
    #[serde(default)]
    level: String,
}

/// Records the school's level: whether check 2.3 of the standard (the
/// parents' board) applies to it.
pub(crate) async fn save_level(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
    Form(data): Form<LevelData>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "org", "").await?;
    let level =
        match data.level.trim() {
            "" => None,
            code => Some(SchoolLevel::parse(code).ok_or_else(|| {
                CoreError::invalid("school_level", antt_domain::ErrorCode::Invalid)
            })?),
        };
    state
        .antt
        .units()
        .set_school_level(user.actor(), unit, level)
        .await?;
    Ok(Redirect::to(&format!("{}#level", layout.link("/org"))).into_response())
}

macro_rules! org_handlers {
    ($($kind:ident => $new:ident, $edit:ident, $create:ident, $update:ident;)*) => {$(
        pub(crate) async fn $new(state: State<AppState>, user: CurrentUser, param: Query<UnitParam>) -> Result<OrgForm, WebError> {
            new_form(state, user, param, OrgKind::$kind).await
        }
        pub(crate) async fn $edit(state: State<AppState>, user: CurrentUser, id: Path<String>, param: Query<UnitParam>) -> Result<OrgForm, WebError> {
            edit_form(state, user, id, param, OrgKind::$kind).await
        }
        pub(crate) async fn $create(State(state): State<AppState>, user: CurrentUser, Query(param): Query<UnitParam>, Form(data): Form<OrgFormData>) -> Result<Response, WebError> {
            save(state, user, None, param, OrgKind::$kind, data).await
        }
        pub(crate) async fn $update(State(state): State<AppState>, user: CurrentUser, Path(id): Path<String>, Query(param): Query<UnitParam>, Form(data): Form<OrgFormData>) -> Result<Response, WebError> {
            save(state, user, Some(id), param, OrgKind::$kind, data).await
        }
    )*};
}

org_handlers! {
    Campus => new_campus, edit_campus, create_campus, update_campus;
    Department => new_department, edit_department, create_department, update_department;
    Class => new_class, edit_class, create_class, update_class;
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::{get, post};
    crate::routes::Routes::new()
        .route("/org", get(index))
        .route("/org/level", post(save_level))
        .route("/campuses", post(create_campus))
        .route("/campuses/new", get(new_campus))
        .route("/campuses/{id}", get(edit_campus).post(update_campus))
        .route("/departments", post(create_department))
        .route("/departments/new", get(new_department))
        .route(
            "/departments/{id}",
            get(edit_department).post(update_department),
        )
        .route("/classes", post(create_class))
        .route("/classes/new", get(new_class))
        .route("/classes/{id}", get(edit_class).post(update_class))
}
