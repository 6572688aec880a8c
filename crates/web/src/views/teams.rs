//! Models, teams and clusters: the list, one group with its members and
//! activity log, and the forms that establish a group, add a member and log
//! an activity.

use crate::forms::Form;
use antt_domain::role::Capability;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use antt_core::CoreError;
use antt_domain::team::{MemberRole, TeamInput, TeamKind, TeamStatus};
use antt_domain::time::{format_date, local_date, parse_date};
use antt_domain::{ErrorCode, PersonId, TeamId, ValidationErrors};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, number, saved};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;

/// A group in the list.
pub(crate) struct TeamItem {
    pub href: String,
    pub name: String,
    pub decision: String,
    pub serving: String,
    pub leader: String,
    pub status: &'static str,
    pub status_class: &'static str,
}

fn status_class(s: TeamStatus) -> &'static str {
    match s {
        TeamStatus::Effective => "ok",
        TeamStatus::Active => "",
        TeamStatus::Dissolved => "muted",
    }
}

fn decision(number: Option<&str>, date: Option<chrono::NaiveDate>) -> String {
    match (number, date) {
        (Some(n), Some(d)) => format!("{n} ngày {}", format_date(d)),
        (Some(n), None) => n.to_owned(),
        (None, Some(d)) => format_date(d),
        (None, None) => String::new(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "teams/list.html")]
pub(crate) struct TeamList {
    groups: Vec<(&'static str, Vec<TeamItem>)>,
    active: usize,
    members: String,
    new: Option<String>,
    export: String,
    types: String,
    layout: Layout,
}

pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
) -> Result<TeamList, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "teams", "Mô hình, đội, cụm ANLK").await?;
    let actor = user.actor();
    let rows = state.antt.teams().list(actor, unit).await?;
    let groups = TeamKind::ALL
        .iter()
        .map(|k| {
            let items = rows
                .iter()
                .filter(|r| r.team.kind == *k)
                .map(|r| TeamItem {
                    href: layout.link(&format!("/teams/{}", r.team.id)),
                    name: r.team.name.clone(),
                    decision: decision(r.team.decision_number.as_deref(), r.team.decision_date),
                    serving: number(r.serving as u64),
                    leader: r.leader.clone().unwrap_or_default(),
                    status: i18n::team_status(r.team.status),
                    status_class: status_class(r.team.status),
                })
                .collect();
            (i18n::team_kind_plural(*k), items)
        })
        .collect();
    Ok(TeamList {
        active: rows
            .iter()
            .filter(|r| r.team.status != TeamStatus::Dissolved)
            .count(),
        members: number(rows.iter().map(|r| r.serving as u64).sum()),
        groups,
        new: (actor.role.can(Capability::EditPlans) && !layout.foreign)
            .then(|| layout.link("/teams/new")),
        export: layout.link("/teams/export"),
        types: layout.link("/teams/types"),
        layout,
    })
}

/// A member as listed.
pub(crate) struct MemberLine {
    pub name: String,
    pub code: String,
    pub role: &'static str,
    pub term: String,
    pub serving: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "teams/show.html")]
pub(crate) struct TeamPage {
    kind: &'static str,
    type_name: Option<String>,
    name: String,
    decision: String,
    signer: String,
    partners: Vec<String>,
    status: &'static str,
    status_class: &'static str,
    members: Vec<MemberLine>,
    serving: usize,
    activities: Vec<(String, String)>,
    edit: Option<String>,
    /// Add-member form: action, people, roles.
    add_member: Option<(String, Vec<Choice>, Vec<Choice>)>,
    log_action: Option<String>,
    today: String,
    problem: Option<String>,
    list: String,
    layout: Layout,
}

async fn team_page(
    state: &AppState,
    user: &CurrentUser,
    param: &UnitParam,
    id: TeamId,
    problem: Option<String>,
) -> Result<TeamPage, WebError> {
    let (unit, layout) = frame(state, user, param, "teams", "Mô hình, đội").await?;
    let actor = user.actor();
    let v = state.antt.teams().view(actor, unit, id).await?;
    let t = &v.team;
    let add_member = if v.may_edit && t.status != TeamStatus::Dissolved {
        let staff = state.antt.people().staff_choices(actor, unit).await?;
        let choices = Choice::optional(
            staff
                .iter()
                .map(|p| (p.id, format!("{} ({})", p.full_name, p.code))),
            None,
        );
        let roles = MemberRole::ALL
            .iter()
            .map(|r| Choice::new(r.code(), i18n::member_role(*r), "member"))
            .collect();
        Some((layout.link(&format!("/teams/{id}/members")), choices, roles))
    } else {
        None
    };
    Ok(TeamPage {
        kind: i18n::team_kind(t.kind),
        type_name: t.type_name.clone(),
        name: t.name.clone(),
        decision: decision(t.decision_number.as_deref(), t.decision_date),
        signer: t.decision_signer.clone().unwrap_or_default(),
        partners: t.partners.clone(),
        status: i18n::team_status(t.status),
        status_class: status_class(t.status),
        serving: v.members.iter().filter(|m| m.serving).count(),
        members: v
            .members
            .iter()
            .map(|m| MemberLine {
                name: m.name.clone(),
                code: m.code.clone(),
                role: i18n::member_role(m.member.role),
                term: match m.member.until {
                    Some(u) => format!("{} – {}", format_date(m.member.from), format_date(u)),
                    None => format!("từ {}", format_date(m.member.from)),
                },
                serving: m.serving,
            })
            .collect(),
        activities: v
            .activities
            .iter()
            .map(|a| (format_date(a.on), a.text.clone()))
            .collect(),
        edit: v
            .may_edit
            .then(|| layout.link(&format!("/teams/{id}/edit"))),
        add_member,
        log_action: v
            .may_edit
            .then(|| layout.link(&format!("/teams/{id}/activities"))),
        today: format_date(local_date(state.antt.now())),
        problem,
        list: layout.link("/teams"),
        layout,
    })
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<TeamPage, WebError> {
    team_page(&state, &user, &param, parse_id(&id)?, None).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct MemberForm {
    person_id: String,
    role: String,
    from: String,
    #[serde(default)]
    until: String,
}

fn refusal(e: &ValidationErrors) -> String {
    FieldErrors::from(e).summary().join(" ")
}

pub(crate) async fn add_member(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
    Form(f): Form<MemberForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "teams", "").await?;
    let id: TeamId = parse_id(&id)?;
    let mut errors = ValidationErrors::new();
    let person: Option<PersonId> = errors.parse_optional("person_id", Some(&f.person_id));
    if person.is_none() && errors.is_empty() {
        errors.add("person_id", ErrorCode::Required);
    }
    let role = MemberRole::parse(&f.role);
    let from = parse_date(&f.from);
    if from.is_none() {
        errors.add("from", ErrorCode::InvalidDate);
    }
    let until = match f.until.trim() {
        "" => None,
        t => {
            let d = parse_date(t);
            if d.is_none() {
                errors.add("until", ErrorCode::InvalidDate);
            }
            d
        }
    };
    let result = match (errors.into_result(), person, role, from) {
        (Ok(()), Some(p), Some(r), Some(from)) => {
            state
                .antt
                .teams()
                .add_member(user.actor(), unit, id, p, r, from, until)
                .await
        }
        (Err(e), ..) => Err(CoreError::Invalid(e)),
        _ => Err(CoreError::invalid("role", ErrorCode::Invalid)),
    };
    saved(
        result,
        |()| Redirect::to(&layout.link(&format!("/teams/{id}#members"))).into_response(),
        async |e| {
            let page = team_page(&state, &user, &param, id, Some(refusal(&e))).await?;
            Ok(page)
        },
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(crate) struct ActivityForm {
    date: String,
    body: String,
}

pub(crate) async fn log_activity(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
    Form(f): Form<ActivityForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "teams", "").await?;
    let id: TeamId = parse_id(&id)?;
    let result = match parse_date(&f.date) {
        Some(on) => {
            state
                .antt
                .teams()
                .log_activity(user.actor(), unit, id, on, &f.body)
                .await
        }
        None => Err(CoreError::invalid("date", ErrorCode::InvalidDate)),
    };
    saved(
        result,
        |()| Redirect::to(&layout.link(&format!("/teams/{id}#log"))).into_response(),
        async |e| {
            let page = team_page(&state, &user, &param, id, Some(refusal(&e))).await?;
            Ok(page)
        },
    )
    .await
}

/// The group form as typed.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct TeamFormData {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    decision_number: String,
    #[serde(default)]
    decision_date: String,
    #[serde(default)]
    decision_signer: String,
    #[serde(default)]
    partners: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    type_name: String,
}

impl TeamFormData {
    fn input(&self) -> Result<TeamInput, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let kind = TeamKind::parse(&self.kind);
        let status = TeamStatus::parse(&self.status);
        if kind.is_none() {
            errors.add("kind", ErrorCode::Invalid);
        }
        if status.is_none() {
            errors.add("status", ErrorCode::Invalid);
        }
        let decision_date = match self.decision_date.trim() {
            "" => None,
            t => {
                let d = parse_date(t);
                if d.is_none() {
                    errors.add("decision_date", ErrorCode::InvalidDate);
                }
                d
            }
        };
        let optional = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        match (errors.into_result(), kind, status) {
            (Ok(()), Some(kind), Some(status)) => Ok(TeamInput {
                kind,
                name: self.name.clone(),
                decision_number: optional(&self.decision_number),
                decision_date,
                decision_signer: optional(&self.decision_signer),
                partners: self.partners.lines().map(str::to_owned).collect(),
                status,
                type_name: optional(&self.type_name),
            }),
            (Err(e), ..) => Err(e),
            _ => Err(ValidationErrors::single("kind", ErrorCode::Invalid)),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "teams/form.html")]
pub(crate) struct TeamForm {
    heading: &'static str,
    action: String,
    cancel: String,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    /// The catalogue by kind: (kind's name, types).
    types: Vec<(&'static str, Vec<Choice>)>,
    catalogue: String,
    v: TeamFormData,
    errors: FieldErrors,
    layout: Layout,
}

async fn team_form(
    state: &AppState,
    user: &CurrentUser,
    param: &UnitParam,
    id: Option<TeamId>,
    v: TeamFormData,
    errors: FieldErrors,
) -> Result<TeamForm, WebError> {
    let heading = if id.is_some() {
        "Sửa mô hình, đội"
    } else {
        "Thành lập mô hình, đội, cụm ANLK"
    };
    let (unit, layout) = frame(state, user, param, "teams", heading).await?;
    let actor = user.actor();
    state.antt.units().check_writable(actor, unit).await?;
    actor.require(Capability::EditPlans)?;
    let catalogue = state.antt.teams().types(actor, unit).await?;
    let types = TeamKind::ALL
        .iter()
        .map(|k| {
            (
                i18n::team_kind_plural(*k),
                catalogue
                    .iter()
                    .filter(|(kind, _)| kind == k)
                    .map(|(_, name)| Choice::new(name.clone(), name.clone(), &v.type_name))
                    .collect(),
            )
        })
        .collect();
    Ok(TeamForm {
        types,
        catalogue: layout.link("/teams/types"),
        heading,
        action: id.map_or_else(
            || layout.link("/teams"),
            |id| layout.link(&format!("/teams/{id}")),
        ),
        cancel: id.map_or_else(
            || layout.link("/teams"),
            |id| layout.link(&format!("/teams/{id}")),
        ),
        kinds: TeamKind::ALL
            .iter()
            .map(|k| Choice::new(k.code(), i18n::team_kind(*k), &v.kind))
            .collect(),
        statuses: TeamStatus::ALL
            .iter()
            .map(|s| Choice::new(s.code(), i18n::team_status(*s), &v.status))
            .collect(),
        v,
        errors,
        layout,
    })
}

pub(crate) async fn new_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
) -> Result<TeamForm, WebError> {
    let v = TeamFormData {
        kind: "team".into(),
        status: "active".into(),
        ..TeamFormData::default()
    };
    team_form(&state, &user, &param, None, v, FieldErrors::default()).await
}

pub(crate) async fn edit_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<TeamForm, WebError> {
    let (unit, _) = frame(&state, &user, &param, "teams", "").await?;
    let id: TeamId = parse_id(&id)?;
    let t = state.antt.teams().view(user.actor(), unit, id).await?.team;
    let v = TeamFormData {
        kind: t.kind.code().into(),
        name: t.name,
        decision_number: t.decision_number.unwrap_or_default(),
        decision_date: t.decision_date.map(format_date).unwrap_or_default(),
        decision_signer: t.decision_signer.unwrap_or_default(),
        partners: t.partners.join("\n"),
        status: t.status.code().into(),
        type_name: t.type_name.unwrap_or_default(),
    };
    team_form(&state, &user, &param, Some(id), v, FieldErrors::default()).await
}

async fn save(
    state: AppState,
    user: CurrentUser,
    param: UnitParam,
    id: Option<TeamId>,
    v: TeamFormData,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "teams", "").await?;
    let result = match v.input() {
        Ok(input) => state.antt.teams().save(user.actor(), unit, id, input).await,
        Err(e) => Err(CoreError::Invalid(e)),
    };
    saved(
        result,
        |id| Redirect::to(&layout.link(&format!("/teams/{id}"))).into_response(),
        async |e| {
            let page = team_form(&state, &user, &param, id, v, FieldErrors::from(&e)).await?;
            Ok(page)
        },
    )
    .await
}

pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
    Form(v): Form<TeamFormData>,
) -> Result<Response, WebError> {
    save(state, user, param, None, v).await
}

pub(crate) async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
    Form(v): Form<TeamFormData>,
) -> Result<Response, WebError> {
    save(state, user, param, Some(parse_id(&id)?), v).await
}

#[derive(Template, WebTemplate)]
#[template(path = "teams/types.html")]
pub(crate) struct TypesPage {
    /// By kind: (kind's code, kind's name, types).
    groups: Vec<(&'static str, &'static str, Vec<String>)>,
    editable: bool,
    action: String,
    remove: String,
    back: String,
    problem: Option<String>,
    layout: Layout,
}

async fn types_page(
    state: &AppState,
    user: &CurrentUser,
    param: &UnitParam,
    problem: Option<String>,
) -> Result<TypesPage, WebError> {
    let (unit, layout) = frame(state, user, param, "teams", "Danh mục mô hình, đội").await?;
    let actor = user.actor();
    let catalogue = state.antt.teams().types(actor, unit).await?;
    Ok(TypesPage {
        groups: TeamKind::ALL
            .iter()
            .map(|k| {
                (
                    k.code(),
                    i18n::team_kind_plural(*k),
                    catalogue
                        .iter()
                        .filter(|(kind, _)| kind == k)
                        .map(|(_, n)| n.clone())
                        .collect(),
                )
            })
            .collect(),
        editable: actor.role.can(Capability::EditPlans) && !layout.foreign,
        action: layout.link("/teams/types"),
        remove: layout.link("/teams/types/remove"),
        back: layout.link("/teams"),
        problem,
        layout,
    })
}

pub(crate) async fn types(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
) -> Result<TypesPage, WebError> {
    types_page(&state, &user, &param, None).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct TypeForm {
    kind: String,
    name: String,
}

async fn change_types(
    state: &AppState,
    user: &CurrentUser,
    param: &UnitParam,
    f: &TypeForm,
    add: bool,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(state, user, param, "teams", "").await?;
    let result = match TeamKind::parse(&f.kind) {
        None => Err(CoreError::invalid("kind", ErrorCode::Invalid)),
        Some(kind) if add => {
            state
                .antt
                .teams()
                .add_type(user.actor(), unit, kind, &f.name)
                .await
        }
        Some(kind) => {
            state
                .antt
                .teams()
                .remove_type(user.actor(), unit, kind, &f.name)
                .await
        }
    };
    saved(
        result,
        |()| Redirect::to(&layout.link("/teams/types")).into_response(),
        async |e| {
            let problem = match e.iter().next().map(|e| e.code) {
                Some(ErrorCode::WrongState) => {
                    "Loại này đang được dùng cho mô hình, đội của đơn vị nên chưa xóa được."
                        .to_owned()
                }
                Some(ErrorCode::Duplicate) => "Danh mục đã có loại này.".to_owned(),
                _ => refusal(&e),
            };
            let page = types_page(state, user, param, Some(problem)).await?;
            Ok(page)
        },
    )
    .await
}

pub(crate) async fn add_type(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
    Form(f): Form<TypeForm>,
) -> Result<Response, WebError> {
    change_types(&state, &user, &param, &f, true).await
}

pub(crate) async fn remove_type(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
    Form(f): Form<TypeForm>,
) -> Result<Response, WebError> {
    change_types(&state, &user, &param, &f, false).await
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::{get, post};
    crate::routes::Routes::new()
        .route("/teams", get(list).post(create))
        .route("/teams/new", get(new_form))
        .route("/teams/types", get(types).post(add_type))
        .route("/teams/types/remove", post(remove_type))
        .route("/teams/{id}", get(show).post(update))
        .route("/teams/{id}/edit", get(edit_form))
        .route("/teams/{id}/members", post(add_member))
        .route("/teams/{id}/activities", post(log_activity))
}
