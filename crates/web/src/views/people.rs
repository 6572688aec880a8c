//! Staff and students: the searchable list, a person's card, the form.

use crate::forms::Form;
use antt_domain::role::Capability;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use antt_core::org::Structure;
use antt_core::person::PersonRow;
use antt_domain::audit::TargetKind;
use antt_domain::page::PageRequest;
use antt_domain::person::{Gender, Person, PersonFilter, PersonForm, PersonKind, PersonStatus};
use antt_domain::{PersonId, UnitId, time};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, Pager, empty_as_none, encode, number, saved};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, parse_id, scoped};
use crate::state::AppState;
use crate::views::audit::{HistoryRow, history_rows};

#[derive(Debug, Default, Deserialize)]
pub(crate) struct PeopleQuery {
    #[serde(default, deserialize_with = "empty_as_none")]
    q: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    department: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    class: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    boarding: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    status: Option<String>,
    page: Option<u64>,
    #[serde(default, deserialize_with = "empty_as_none")]
    unit: Option<String>,
}

impl PeopleQuery {
    pub(crate) fn unit_param(&self) -> UnitParam {
        UnitParam {
            unit: self.unit.clone(),
        }
    }

    pub(crate) fn filter(&self) -> PersonFilter {
        PersonFilter {
            query: self.q.clone(),
            kind: self.kind.as_deref().and_then(PersonKind::parse),
            department_id: self.department.as_deref().and_then(|d| d.parse().ok()),
            class_id: self.class.as_deref().and_then(|c| c.parse().ok()),
            boarding: match self.boarding.as_deref() {
                Some("yes") => Some(true),
                Some("no") => Some(false),
                _ => None,
            },
            status: match self.status.as_deref() {
                Some("all") => None,
                Some(s) => PersonStatus::parse(s).or(Some(PersonStatus::Active)),
                None => Some(PersonStatus::Active),
            },
        }
    }

    /// This list's URL without the page.
    fn base(&self, scope: &str) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("q", &self.q),
            ("kind", &self.kind),
            ("department", &self.department),
            ("class", &self.class),
            ("boarding", &self.boarding),
            ("status", &self.status),
        ] {
            if let Some(v) = v {
                parts.push(format!("{k}={}", encode(v)));
            }
        }
        scoped(&format!("/people?{}", parts.join("&")), scope)
    }
}

/// One row of the people list.
pub(crate) struct Row {
    pub href: String,
    pub code: String,
    pub name: String,
    pub group: String,
    pub birth_date: String,
    pub phone: String,
    pub boarding: bool,
    pub left: bool,
}

fn to_row(r: PersonRow, scope: &str) -> Row {
    let p = r.person;
    let group = match (r.class, r.department, p.position.clone()) {
        (Some(class), Some(dept), _) => format!("{class} · {dept}"),
        (Some(class), None, _) => class,
        (None, Some(dept), Some(position)) => format!("{position} · {dept}"),
        (None, Some(dept), None) => dept,
        (None, None, Some(position)) => position,
        (None, None, None) => String::new(),
    };
    Row {
        href: scoped(&format!("/people/{}", p.id), scope),
        code: p.code,
        name: p.full_name,
        group,
        birth_date: p.birth_date.map(time::format_date).unwrap_or_default(),
        phone: p.phone.unwrap_or_default(),
        boarding: p.boarding,
        left: p.status == PersonStatus::Left,
    }
}

/// The results of a search: what htmx swaps while the user types.
#[derive(Template, WebTemplate)]
#[template(path = "people/results_partial.html")]
pub(crate) struct ResultsPartial {
    rows: Vec<Row>,
    /// The list as an Excel file, with the filters now applied.
    export_href: String,
    total: String,
    shows_details: bool,
    pager: Pager,
    q: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "people/list.html")]
pub(crate) struct ListPage {
    layout: Layout,
    q: String,
    filters: FilterChoices,
    may_edit: bool,
    may_import: bool,
    /// Whether a filter besides the search words is set (the filters open).
    filtered: bool,
    partial: ResultsPartial,
}

/// The choices of the filter selects.
pub(crate) struct FilterChoices {
    kinds: Vec<Choice>,
    departments: Vec<Choice>,
    classes: Vec<Choice>,
    boarding: Vec<Choice>,
    statuses: Vec<Choice>,
}

fn choices_of(structure: &Structure, q: &PeopleQuery) -> FilterChoices {
    let cur = |v: &Option<String>| v.clone().unwrap_or_default();
    let kind = cur(&q.kind);
    let mut kinds = vec![Choice::new("", "Tất cả", &kind)];
    kinds.extend(
        PersonKind::ALL
            .iter()
            .map(|k| Choice::new(k.code(), i18n::person_kind(*k), &kind)),
    );
    let dept = cur(&q.department);
    let mut departments = vec![Choice::new("", "Tất cả phòng, khoa", &dept)];
    departments.extend(
        structure
            .departments
            .iter()
            .map(|d| Choice::new(d.id.to_string(), d.name.clone(), &dept)),
    );
    let class = cur(&q.class);
    let mut classes = vec![Choice::new("", "Tất cả các lớp", &class)];
    classes.extend(
        structure
            .classes
            .iter()
            .map(|c| Choice::new(c.id.to_string(), c.name.clone(), &class)),
    );
    let b = cur(&q.boarding);
    let boarding = vec![
        Choice::new("", "Nội trú và ngoại trú", &b),
        Choice::new("yes", "Nội trú", &b),
        Choice::new("no", "Ngoại trú", &b),
    ];
    let s = cur(&q.status);
    let statuses = vec![
        Choice::new("", "Đang học tập, công tác", &s),
        Choice::new("left", "Đã chuyển đi, nghỉ", &s),
        Choice::new("all", "Tất cả", &s),
    ];
    FilterChoices {
        kinds,
        departments,
        classes,
        boarding,
        statuses,
    }
}

fn is_htmx_partial(headers: &HeaderMap) -> bool {
    headers.contains_key("hx-request") && !headers.contains_key("hx-history-restore-request")
}

pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Query(query): Query<PeopleQuery>,
) -> Result<Response, WebError> {
    let param = UnitParam {
        unit: query.unit.clone(),
    };
    let (unit, layout) = frame(
        &state,
        &user,
        &param,
        "people",
        "Cán bộ, học sinh, sinh viên",
    )
    .await?;
    let found = state
        .antt
        .people()
        .list(
            user.actor(),
            unit,
            &query.filter(),
            PageRequest::new(query.page, Some(50)),
        )
        .await?;
    let pager = Pager::new(
        found.page.request.page,
        found.page.pages(),
        &query.base(&layout.scope),
    );
    let partial = ResultsPartial {
        export_href: query
            .base(&layout.scope)
            .replacen("/people?", "/people/export?", 1),
        total: number(found.page.total),
        pager,
        shows_details: found.shows_details,
        q: query.q.clone().unwrap_or_default(),
        rows: found
            .page
            .items
            .into_iter()
            .map(|r| to_row(r, &layout.scope))
            .collect(),
    };
    let vary = [(header::VARY, HeaderValue::from_static("HX-Request"))];
    if is_htmx_partial(&headers) {
        return Ok((vary, partial).into_response());
    }
    let filters = choices_of(&found.structure, &query);
    let page = ListPage {
        q: query.q.clone().unwrap_or_default(),
        filters,
        may_edit: found.may_edit,
        may_import: found.may_edit && user.actor().role.can(Capability::ImportPeople),
        filtered: query.kind.is_some()
            || query.department.is_some()
            || query.class.is_some()
            || query.boarding.is_some()
            || query.status.is_some(),
        partial,
        layout,
    };
    Ok((vary, page).into_response())
}

/// A labelled value of a person's card.
pub(crate) struct Fact {
    pub label: &'static str,
    pub value: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "people/detail.html")]
pub(crate) struct DetailPage {
    layout: Layout,
    name: String,
    code: String,
    kind: &'static str,
    left: bool,
    facts: Vec<Fact>,
    edit_href: Option<String>,
    history: Vec<HistoryRow>,
}

pub(crate) async fn detail(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<DetailPage, WebError> {
    let id: PersonId = parse_id(&id)?;
    let (unit, mut layout) = frame(&state, &user, &param, "people", "").await?;
    let actor = user.actor();
    let row = state.antt.people().detail(actor, unit, id).await?;
    let structure = state.antt.org().structure(actor, unit).await?;
    let history = state
        .antt
        .audit()
        .history(actor, unit, TargetKind::Person, id.to_string())
        .await?;
    let p = &row.person;
    layout.title.clone_from(&p.full_name);
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let mut facts = vec![
        Fact {
            label: "Mã",
            value: p.code.clone(),
        },
        Fact {
            label: "Ngày sinh",
            value: p.birth_date.map_or_else(|| "—".into(), time::format_date),
        },
        Fact {
            label: "Giới tính",
            value: p.gender.map_or("—", i18n::gender).into(),
        },
        Fact {
            label: "Dân tộc",
            value: opt(&p.ethnicity),
        },
        Fact {
            label: "Điện thoại",
            value: opt(&p.phone),
        },
        Fact {
            label: "Thư điện tử",
            value: opt(&p.email),
        },
    ];
    match p.kind {
        PersonKind::Student => {
            facts.push(Fact {
                label: "Lớp",
                value: opt(&row.class),
            });
            facts.push(Fact {
                label: "Khoa",
                value: opt(&row.department),
            });
            facts.push(Fact {
                label: "Nơi ở",
                value: i18n::boarding(p.boarding).into(),
            });
        }
        PersonKind::Staff => {
            facts.push(Fact {
                label: "Phòng, khoa",
                value: opt(&row.department),
            });
            facts.push(Fact {
                label: "Chức vụ",
                value: opt(&p.position),
            });
        }
    }
    facts.push(Fact {
        label: "Tình trạng",
        value: i18n::person_status(p.status).into(),
    });
    facts.push(Fact {
        label: "Cập nhật lần cuối",
        value: time::format_instant(p.updated_at),
    });
    let may_edit = actor.role.can(Capability::EditPeople) && !layout.foreign;
    Ok(DetailPage {
        name: p.full_name.clone(),
        code: p.code.clone(),
        kind: i18n::person_kind(p.kind),
        left: p.status == PersonStatus::Left,
        facts,
        edit_href: may_edit.then(|| scoped(&format!("/people/{id}/edit"), &layout.scope)),
        history: history_rows(history, &structure),
        layout,
    })
}

/// The person form as submitted: all text, checked by the domain.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct PersonFormData {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    full_name: String,
    #[serde(default, deserialize_with = "empty_as_none")]
    birth_date: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    gender: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    ethnicity: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    phone: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    email: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    department_id: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    class_id: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    position: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    boarding: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    status: Option<String>,
}

impl PersonFormData {
    fn domain(&self) -> PersonForm {
        PersonForm {
            kind: self.kind.clone(),
            code: self.code.clone(),
            full_name: self.full_name.clone(),
            birth_date: self.birth_date.clone(),
            gender: self.gender.clone(),
            ethnicity: self.ethnicity.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            department_id: self.department_id.clone(),
            class_id: self.class_id.clone(),
            position: self.position.clone(),
            boarding: self.boarding.is_some(),
            status: self.status.clone(),
        }
    }

    fn of(p: &Person) -> Self {
        let f = PersonForm::of(p);
        Self {
            kind: f.kind,
            code: f.code,
            full_name: f.full_name,
            birth_date: f.birth_date,
            gender: f.gender,
            ethnicity: f.ethnicity,
            phone: f.phone,
            email: f.email,
            department_id: f.department_id,
            class_id: f.class_id,
            position: f.position,
            // A ticked checkbox sends "on".
            boarding: f.boarding.then(|| "on".into()),
            status: f.status,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "people/form.html")]
pub(crate) struct FormPage {
    layout: Layout,
    action: String,
    cancel: String,
    is_new: bool,
    v: PersonFormData,
    kinds: Vec<Choice>,
    genders: Vec<Choice>,
    departments: Vec<Choice>,
    classes: Vec<Choice>,
    statuses: Vec<Choice>,
    boarding: bool,
    errors: FieldErrors,
}

fn form_page(
    layout: Layout,
    structure: &Structure,
    action: String,
    cancel: String,
    is_new: bool,
    v: PersonFormData,
    errors: FieldErrors,
) -> FormPage {
    let kinds = PersonKind::ALL
        .iter()
        .map(|k| Choice::new(k.code(), i18n::person_kind(*k), &v.kind))
        .collect();
    let genders = Choice::optional(
        Gender::ALL.iter().map(|x| (x.code(), i18n::gender(*x))),
        v.gender.as_ref(),
    );
    let departments = Choice::optional(
        structure.departments.iter().map(|x| (x.id, x.name.clone())),
        v.department_id.as_ref(),
    );
    let classes = Choice::optional(
        structure.classes.iter().map(|x| (x.id, x.name.clone())),
        v.class_id.as_ref(),
    );
    let s = v.status.clone().unwrap_or_else(|| "active".into());
    let statuses = PersonStatus::ALL
        .iter()
        .map(|x| Choice::new(x.code(), i18n::person_status(*x), &s))
        .collect();
    FormPage {
        boarding: v.boarding.is_some(),
        layout,
        action,
        cancel,
        is_new,
        v,
        kinds,
        genders,
        departments,
        classes,
        statuses,
        errors,
    }
}

async fn editable_frame(
    state: &AppState,
    user: &CurrentUser,
    param: &UnitParam,
    title: &str,
) -> Result<(UnitId, Layout, std::sync::Arc<Structure>), WebError> {
    let (unit, layout) = frame(state, user, param, "people", title).await?;
    state
        .antt
        .units()
        .check_writable(user.actor(), unit)
        .await?;
    user.actor().require(Capability::EditPeople)?;
    let structure = state.antt.org().structure(user.actor(), unit).await?;
    Ok((unit, layout, structure))
}

pub(crate) async fn new_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
) -> Result<FormPage, WebError> {
    let (_, layout, structure) = editable_frame(&state, &user, &param, "Thêm người").await?;
    let action = layout.link("/people");
    let cancel = layout.link("/people");
    let v = PersonFormData {
        kind: "student".into(),
        ..PersonFormData::default()
    };
    Ok(form_page(
        layout,
        &structure,
        action,
        cancel,
        true,
        v,
        FieldErrors::default(),
    ))
}

pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
    Form(data): Form<PersonFormData>,
) -> Result<Response, WebError> {
    let (unit, layout, structure) = editable_frame(&state, &user, &param, "Thêm người").await?;
    let result = state
        .antt
        .people()
        .create(user.actor(), unit, &data.domain())
        .await;
    let (action, cancel) = (layout.link("/people"), layout.link("/people"));
    let scope = layout.scope.clone();
    saved(
        result,
        |p| Redirect::to(&scoped(&format!("/people/{}", p.id), &scope)).into_response(),
        async |e| {
            Ok(form_page(
                layout,
                &structure,
                action,
                cancel,
                true,
                data,
                FieldErrors::from(&e),
            ))
        },
    )
    .await
}

pub(crate) async fn edit_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<FormPage, WebError> {
    let id: PersonId = parse_id(&id)?;
    let (unit, layout, structure) = editable_frame(&state, &user, &param, "Sửa thông tin").await?;
    let person = state
        .antt
        .people()
        .detail(user.actor(), unit, id)
        .await?
        .person;
    let action = layout.link(&format!("/people/{id}"));
    Ok(form_page(
        layout,
        &structure,
        action.clone(),
        action,
        false,
        PersonFormData::of(&person),
        FieldErrors::default(),
    ))
}

pub(crate) async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
    Form(data): Form<PersonFormData>,
) -> Result<Response, WebError> {
    let id: PersonId = parse_id(&id)?;
    let (unit, layout, structure) = editable_frame(&state, &user, &param, "Sửa thông tin").await?;
    let action = layout.link(&format!("/people/{id}"));
    saved(
        state
            .antt
            .people()
            .update(user.actor(), unit, id, &data.domain())
            .await,
        |_| Redirect::to(&action).into_response(),
        async |e| {
            Ok(form_page(
                layout,
                &structure,
                action.clone(),
                action.clone(),
                false,
                data,
                FieldErrors::from(&e),
            ))
        },
    )
    .await
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::get;
    crate::routes::Routes::new()
        .route("/people", get(list).post(create))
        .route("/people/new", get(new_form))
        .route("/people/{id}", get(detail).post(update))
        .route("/people/{id}/edit", get(edit_form))
}
