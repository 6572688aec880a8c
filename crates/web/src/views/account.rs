//! One's own account: who am I, change my password.

use crate::forms::Form;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{FieldErrors, saved};
use crate::layout::{Layout, UnitParam, frame};
use crate::state::AppState;

#[derive(Template, WebTemplate)]
#[template(path = "account.html")]
pub(crate) struct AccountPage {
    layout: Layout,
    username: String,
    errors: FieldErrors,
    done: bool,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct DoneParam {
    done: Option<String>,
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    errors: FieldErrors,
    done: bool,
) -> Result<AccountPage, WebError> {
    let (_, layout) = frame(
        state,
        user,
        &UnitParam::default(),
        "account",
        "Tài khoản của tôi",
    )
    .await?;
    Ok(AccountPage {
        layout,
        username: user.0.user.username.clone(),
        errors,
        done,
    })
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<DoneParam>,
) -> Result<AccountPage, WebError> {
    page(&state, &user, FieldErrors::default(), q.done.is_some()).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct ChangeForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

pub(crate) async fn change_password(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(f): Form<ChangeForm>,
) -> Result<Response, WebError> {
    saved(
        state
            .antt
            .accounts()
            .change_own_password(
                user.actor(),
                &f.current_password,
                &f.password,
                &f.password_confirm,
            )
            .await,
        |()| Redirect::to("/account?done=1").into_response(),
        async |e| Ok(page(&state, &user, FieldErrors::from(&e), false).await?),
    )
    .await
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::{get, post};
    crate::routes::Routes::new()
        .route("/account", get(show))
        .route("/account/password", post(change_password))
}
