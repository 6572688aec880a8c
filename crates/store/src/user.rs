//! Accounts, login sessions and API tokens.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use antt_domain::role::Role;
use antt_domain::user::{NewUser, User};
use antt_domain::{ApiTokenId, CampusId, DepartmentId, PersonId, SessionId, UnitId, UserId};
use antt_entity::{api_token as api_tokens, session as sessions, user as users};

use crate::db::Executor;
use crate::error::{StoreError, StoreResult, decode, one_row};

fn to_domain(m: users::Model) -> StoreResult<User> {
    Ok(User {
        id: UserId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        username: m.username,
        display_name: m.display_name,
        role: decode("role", &m.role, Role::parse)?,
        department_id: m.department_id.map(DepartmentId::from_uuid),
        campus_id: m.campus_id.map(CampusId::from_uuid),
        person_id: m.person_id.map(PersonId::from_uuid),
        locked: m.locked,
        created_at: m.created_at,
    })
}

pub async fn insert(
    e: &impl Executor,
    unit: UnitId,
    user: &NewUser,
    password_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<User> {
    let m = users::ActiveModel {
        id: Set(UserId::new_v7().uuid()),
        unit_id: Set(unit.uuid()),
        username: Set(user.username.clone()),
        display_name: Set(user.display_name.clone()),
        password_hash: Set(password_hash.to_owned()),
        role: Set(user.role.code().to_owned()),
        department_id: Set(user.department_id.map(DepartmentId::uuid)),
        campus_id: Set(user.campus_id.map(CampusId::uuid)),
        person_id: Set(user.person_id.map(PersonId::uuid)),
        locked: Set(false),
        created_at: Set(now),
    }
    .insert(e.conn())
    .await?;
    to_domain(m)
}

/// An account and its password hash, for logging in.
pub async fn credentials(e: &impl Executor, username: &str) -> StoreResult<Option<(User, String)>> {
    let m = users::Entity::find()
        .filter(users::Column::Username.eq(username))
        .one(e.conn())
        .await?;
    match m {
        Some(m) => {
            let hash = m.password_hash.clone();
            Ok(Some((to_domain(m)?, hash)))
        }
        None => Ok(None),
    }
}

/// An account of `unit` (or of any unit when `unit` is `None`).
pub async fn get(e: &impl Executor, unit: Option<UnitId>, id: UserId) -> StoreResult<User> {
    let mut q = users::Entity::find_by_id(id.uuid());
    if let Some(unit) = unit {
        q = q.filter(users::Column::UnitId.eq(unit.uuid()));
    }
    to_domain(q.one(e.conn()).await?.ok_or(StoreError::NotFound)?)
}

pub async fn list(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<User>> {
    users::Entity::find()
        .filter(users::Column::UnitId.eq(unit.uuid()))
        .order_by_asc(users::Column::Username)
        .all(e.conn())
        .await?
        .into_iter()
        .map(to_domain)
        .collect()
}

pub async fn set_password(
    e: &impl Executor,
    unit: UnitId,
    id: UserId,
    password_hash: &str,
) -> StoreResult<()> {
    let r = users::Entity::update_many()
        .col_expr(users::Column::PasswordHash, Expr::value(password_hash))
        .filter(users::Column::Id.eq(id.uuid()))
        .filter(users::Column::UnitId.eq(unit.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

pub async fn set_locked(
    e: &impl Executor,
    unit: UnitId,
    id: UserId,
    locked: bool,
) -> StoreResult<()> {
    let r = users::Entity::update_many()
        .col_expr(users::Column::Locked, Expr::value(locked))
        .filter(users::Column::Id.eq(id.uuid()))
        .filter(users::Column::UnitId.eq(unit.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

// Sessions

/// A login session with its account.
#[derive(Clone, Debug)]
pub struct SessionRecord {
    pub id: SessionId,
    pub user: User,
    pub csrf_token: String,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert_session(
    e: &impl Executor,
    user: UserId,
    token_hash: &str,
    csrf_token: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StoreResult<SessionId> {
    let id = SessionId::new_v7();
    sessions::ActiveModel {
        id: Set(id.uuid()),
        token_hash: Set(token_hash.to_owned()),
        user_id: Set(user.uuid()),
        csrf_token: Set(csrf_token.to_owned()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
    }
    .insert(e.conn())
    .await?;
    Ok(id)
}

/// The session with this token hash and its account, in one query.
pub async fn session_by_hash(
    e: &impl Executor,
    token_hash: &str,
) -> StoreResult<Option<SessionRecord>> {
    let row = sessions::Entity::find()
        .filter(sessions::Column::TokenHash.eq(token_hash))
        .find_also_related(users::Entity)
        .one(e.conn())
        .await?;
    match row {
        Some((s, Some(u))) => Ok(Some(SessionRecord {
            id: SessionId::from_uuid(s.id),
            user: to_domain(u)?,
            csrf_token: s.csrf_token,
            last_seen_at: s.last_seen_at,
            expires_at: s.expires_at,
        })),
        _ => Ok(None),
    }
}

pub async fn touch_session(
    e: &impl Executor,
    id: SessionId,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StoreResult<()> {
    sessions::Entity::update_many()
        .col_expr(sessions::Column::LastSeenAt, Expr::value(now))
        .col_expr(sessions::Column::ExpiresAt, Expr::value(expires_at))
        .filter(sessions::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    Ok(())
}

pub async fn delete_session(e: &impl Executor, id: SessionId) -> StoreResult<()> {
    sessions::Entity::delete_by_id(id.uuid())
        .exec(e.conn())
        .await?;
    Ok(())
}

/// Ends every session of an account (password reset, lock).
pub async fn delete_sessions_of(e: &impl Executor, user: UserId) -> StoreResult<()> {
    sessions::Entity::delete_many()
        .filter(sessions::Column::UserId.eq(user.uuid()))
        .exec(e.conn())
        .await?;
    api_tokens::Entity::delete_many()
        .filter(api_tokens::Column::UserId.eq(user.uuid()))
        .exec(e.conn())
        .await?;
    Ok(())
}

/// Deletes expired sessions and tokens; returns how many sessions went.
pub async fn delete_expired(e: &impl Executor, now: DateTime<Utc>) -> StoreResult<u64> {
    let r = sessions::Entity::delete_many()
        .filter(sessions::Column::ExpiresAt.lt(now))
        .exec(e.conn())
        .await?;
    api_tokens::Entity::delete_many()
        .filter(api_tokens::Column::ExpiresAt.lt(now))
        .exec(e.conn())
        .await?;
    Ok(r.rows_affected)
}

// API tokens

/// Deletes an account's tokens of the kind `name` (a calendar feed made
/// again: the old address stops working).
pub async fn delete_tokens(e: &impl Executor, user: UserId, name: &str) -> StoreResult<u64> {
    let r = api_tokens::Entity::delete_many()
        .filter(api_tokens::Column::UserId.eq(user.uuid()))
        .filter(api_tokens::Column::Name.eq(name))
        .exec(e.conn())
        .await?;
    Ok(r.rows_affected)
}

/// When the account's token of the kind `name` was made, if it has one
/// that has not expired.
pub async fn token_made(
    e: &impl Executor,
    user: UserId,
    name: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<DateTime<Utc>>> {
    Ok(api_tokens::Entity::find()
        .filter(api_tokens::Column::UserId.eq(user.uuid()))
        .filter(api_tokens::Column::Name.eq(name))
        .filter(api_tokens::Column::ExpiresAt.gt(now))
        .one(e.conn())
        .await?
        .map(|t| t.created_at))
}

pub async fn insert_token(
    e: &impl Executor,
    user: UserId,
    token_hash: &str,
    name: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StoreResult<ApiTokenId> {
    let id = ApiTokenId::new_v7();
    api_tokens::ActiveModel {
        id: Set(id.uuid()),
        token_hash: Set(token_hash.to_owned()),
        user_id: Set(user.uuid()),
        name: Set(name.to_owned()),
        created_at: Set(now),
        expires_at: Set(expires_at),
    }
    .insert(e.conn())
    .await?;
    Ok(id)
}

/// The account of an unexpired token of the kind `name` ("api", or
/// "calendar" for a guard's calendar feed, which opens nothing else).
pub async fn token_user(
    e: &impl Executor,
    token_hash: &str,
    name: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<(User, DateTime<Utc>)>> {
    let row = api_tokens::Entity::find()
        .filter(api_tokens::Column::TokenHash.eq(token_hash))
        .filter(api_tokens::Column::Name.eq(name))
        .filter(api_tokens::Column::ExpiresAt.gt(now))
        .find_also_related(users::Entity)
        .one(e.conn())
        .await?;
    match row {
        Some((t, Some(u))) => Ok(Some((to_domain(u)?, t.expires_at))),
        _ => Ok(None),
    }
}
