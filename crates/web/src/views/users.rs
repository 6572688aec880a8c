//! Accounts of the unit: list, create, reset password, lock.

use crate::forms::Form;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use antt_core::CoreError;
use antt_domain::role::Role;
use antt_domain::user::{NewUser, User};
use antt_domain::{UnitId, UserId, ValidationErrors, time};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, empty_as_none, saved};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;

pub(crate) struct UserRow {
    pub href: String,
    pub username: String,
    pub display_name: String,
    pub role: &'static str,
    pub scope: String,
    pub locked: bool,
    /// Wrong passwords lately (they slow its logins down).
    pub failed_logins: Option<u32>,
}

#[derive(Template, WebTemplate)]
#[template(path = "users/list.html")]
pub(crate) struct UsersPage {
    layout: Layout,
    rows: Vec<UserRow>,
    action: String,
    v: NewUserForm,
    roles: Vec<Choice>,
    departments: Vec<Choice>,
    campuses: Vec<Choice>,
    errors: FieldErrors,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct NewUserForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default, deserialize_with = "empty_as_none")]
    department_id: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    campus_id: Option<String>,
    #[serde(default)]
    password: String,
}

async fn users_page(
    state: &AppState,
    user: &CurrentUser,
    param: &UnitParam,
    v: NewUserForm,
    errors: FieldErrors,
) -> Result<UsersPage, WebError> {
    let (unit, layout) = frame(state, user, param, "users", "Tài khoản").await?;
    let actor = user.actor();
    let users = state.antt.accounts().list(actor, unit).await?;
    let s = state.antt.org().structure(actor, unit).await?;
    let unit_kind = state.antt.units().get(actor, unit).await?.kind;
    let accounts = state.antt.accounts();
    let rows = users
        .into_iter()
        .map(|u| UserRow {
            failed_logins: accounts.failed_logins(&u),
            href: layout.link(&format!("/users/{}", u.id)),
            scope: s
                .department_name(u.department_id)
                .or_else(|| s.campus_name(u.campus_id))
                .unwrap_or_default(),
            username: u.username,
            display_name: u.display_name,
            role: i18n::role(u.role),
            locked: u.locked,
        })
        .collect();
    let r = if v.role.is_empty() {
        "teacher".to_owned()
    } else {
        v.role.clone()
    };
    let roles = Role::ALL
        .iter()
        .filter(|x| actor.role.may_grant_in(**x, unit_kind.is_authority()))
        .map(|x| Choice::new(x.code(), i18n::role(*x), &r))
        .collect();
    let departments = Choice::optional(
        s.departments.iter().map(|x| (x.id, x.name.clone())),
        v.department_id.as_ref(),
    );
    let campuses = Choice::optional(
        s.campuses.iter().map(|x| (x.id, x.name.clone())),
        v.campus_id.as_ref(),
    );
    Ok(UsersPage {
        action: layout.link("/users"),
        rows,
        v,
        roles,
        departments,
        campuses,
        errors,
        layout,
    })
}

pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
) -> Result<UsersPage, WebError> {
    users_page(
        &state,
        &user,
        &param,
        NewUserForm::default(),
        FieldErrors::default(),
    )
    .await
}

fn parse_new(v: &NewUserForm) -> Result<NewUser, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let department_id = errors.parse_optional("department_id", v.department_id.as_deref());
    let campus_id = errors.parse_optional("campus_id", v.campus_id.as_deref());
    let parsed = NewUser::parse(
        &v.username,
        &v.display_name,
        &v.role,
        department_id,
        campus_id,
        None,
    );
    match (errors.is_empty(), parsed) {
        (true, Ok(u)) => Ok(u),
        (_, Err(e)) => Err(e),
        (false, Ok(_)) => Err(errors),
    }
}

pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
    Form(v): Form<NewUserForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "users", "Tài khoản").await?;
    let result = match parse_new(&v) {
        Ok(new) => {
            state
                .antt
                .accounts()
                .create(user.actor(), unit, new, &v.password)
                .await
        }
        Err(e) => Err(CoreError::Invalid(e)),
    };
    saved(
        result,
        |created| Redirect::to(&layout.link(&format!("/users/{}", created.id))).into_response(),
        async |e| {
            let v = NewUserForm {
                password: String::new(),
                ..v
            };
            users_page(&state, &user, &param, v, FieldErrors::from(&e)).await
        },
    )
    .await
}

#[derive(Template, WebTemplate)]
#[template(path = "users/detail.html")]
pub(crate) struct UserPage {
    layout: Layout,
    username: String,
    display_name: String,
    role: &'static str,
    created: String,
    locked: bool,
    is_self: bool,
    password_action: String,
    lock_action: String,
    /// Wrong passwords lately, and where to clear the delays they earned.
    failed_logins: Option<u32>,
    allow_action: String,
    errors: FieldErrors,
    done: Option<&'static str>,
}

async fn user_page(
    state: &AppState,
    user: &CurrentUser,
    param: &UnitParam,
    id: UserId,
    errors: FieldErrors,
    done: Option<&'static str>,
) -> Result<(UnitId, UserPage), WebError> {
    let (unit, layout) = frame(state, user, param, "users", "Tài khoản").await?;
    let u: User = state.antt.accounts().get(user.actor(), unit, id).await?;
    Ok((
        unit,
        UserPage {
            password_action: layout.link(&format!("/users/{id}/password")),
            lock_action: layout.link(&format!(
                "/users/{id}/{}",
                if u.locked { "unlock" } else { "lock" }
            )),
            failed_logins: state.antt.accounts().failed_logins(&u),
            allow_action: layout.link(&format!("/users/{id}/allow-login")),
            username: u.username,
            display_name: u.display_name,
            role: i18n::role(u.role),
            created: time::format_instant(u.created_at),
            locked: u.locked,
            is_self: user.actor().user_id == Some(id),
            errors,
            done,
            layout,
        },
    ))
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct DoneParam {
    #[serde(default, deserialize_with = "empty_as_none")]
    unit: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    done: Option<String>,
}

pub(crate) async fn detail(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<DoneParam>,
) -> Result<UserPage, WebError> {
    let param = UnitParam { unit: q.unit };
    Ok(user_page(
        &state,
        &user,
        &param,
        parse_id(&id)?,
        FieldErrors::default(),
        match q.done.as_deref() {
            Some("password") => Some(
                "Đã đặt mật khẩu mới. Các phiên đăng nhập cũ của tài khoản này đã bị đóng.",
            ),
            Some("login") => Some(
                "Đã cho tài khoản đăng nhập lại ngay: các lần nhập sai trước đây không còn làm chậm đăng nhập.",
            ),
            _ => None,
        },
    )
    .await?
    .1)
}

#[derive(Debug, Deserialize)]
pub(crate) struct PasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

pub(crate) async fn reset_password(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
    Form(f): Form<PasswordForm>,
) -> Result<Response, WebError> {
    let id: UserId = parse_id(&id)?;
    let (unit, layout) = frame(&state, &user, &param, "users", "").await?;
    saved(
        state
            .antt
            .accounts()
            .reset_password(user.actor(), unit, id, &f.password, &f.password_confirm)
            .await,
        |()| Redirect::to(&layout.link(&format!("/users/{id}?done=password"))).into_response(),
        async |e| {
            let (_, page) =
                user_page(&state, &user, &param, id, FieldErrors::from(&e), None).await?;
            Ok(page)
        },
    )
    .await
}

async fn set_locked(
    state: AppState,
    user: CurrentUser,
    id: String,
    param: UnitParam,
    locked: bool,
) -> Result<Response, WebError> {
    let id: UserId = parse_id(&id)?;
    let (unit, layout) = frame(&state, &user, &param, "users", "").await?;
    state
        .antt
        .accounts()
        .set_locked(user.actor(), unit, id, locked)
        .await?;
    Ok(Redirect::to(&layout.link(&format!("/users/{id}"))).into_response())
}

pub(crate) async fn lock(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<Response, WebError> {
    set_locked(state, user, id, param, true).await
}

pub(crate) async fn unlock(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<Response, WebError> {
    set_locked(state, user, id, param, false).await
}

/// Clears the login delays of an account, so its owner can log in at once.
pub(crate) async fn allow_login(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<Response, WebError> {
    let id: UserId = parse_id(&id)?;
    let (unit, layout) = frame(&state, &user, &param, "users", "").await?;
    state
        .antt
        .accounts()
        .allow_login(user.actor(), unit, id)
        .await?;
    Ok(Redirect::to(&layout.link(&format!("/users/{id}?done=login"))).into_response())
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::{get, post};
    crate::routes::Routes::new()
        .route("/users", get(list).post(create))
        .route("/users/{id}", get(detail))
        .route("/users/{id}/password", post(reset_password))
        .route("/users/{id}/lock", post(lock))
        .route("/users/{id}/unlock", post(unlock))
        .route("/users/{id}/allow-login", post(allow_login))
}
