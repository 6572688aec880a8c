//! Logging in and out: sessions for browsers, bearer tokens for the API,
//! and the limit on failed logins.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};

use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::user::User;
use antt_store::user as users;

use crate::actor::Actor;
use crate::audit::entry;
use crate::context::Cx;
use crate::error::{CoreError, CoreResult};
use crate::password::Passwords;
use crate::write::Access;

/// How long a session lives without being used.
pub const SESSION_IDLE: Duration = Duration::hours(8);
/// How long an API token lives.
pub const TOKEN_LIFETIME: Duration = Duration::days(30);
/// A session's expiry is pushed forward at most this often, so reading
/// pages does not write to the database on every request.
const TOUCH_EVERY: Duration = Duration::seconds(60);

/// Failed logins allowed per account and per client in [`LIMIT_WINDOW`].
pub const ACCOUNT_LIMIT: usize = 5;
pub const CLIENT_LIMIT: usize = 20;
pub const LIMIT_WINDOW: Duration = Duration::minutes(15);

/// 32 random bytes as hex.
pub fn random_token() -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .flat_map(|b| {
            [
                char::from(HEX[usize::from(b >> 4)]),
                char::from(HEX[usize::from(b & 15)]),
            ]
        })
        .collect()
}

/// Only this hash of a session or API token is stored.
pub fn token_hash(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

/// A logged-in browser session.
#[derive(Clone, Debug)]
pub struct Session {
    /// The secret for the cookie (never stored).
    pub token: String,
    pub csrf_token: String,
    pub user: User,
}

/// A session found from its cookie.
#[derive(Clone, Debug)]
pub struct ActiveSession {
    pub actor: Actor,
    pub user: User,
    pub csrf_token: String,
}

/// An issued API token.
#[derive(Clone, Debug)]
pub struct IssuedToken {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// Counts failed logins per account and per client, in memory. Each server
/// process limits on its own.
#[derive(Debug, Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, Vec<DateTime<Utc>>>>,
}

impl LoginLimiter {
    fn recent(&self, key: &str, now: DateTime<Utc>) -> usize {
        let Ok(mut map) = self.failures.lock() else {
            return 0;
        };
        let Some(list) = map.get_mut(key) else {
            return 0;
        };
        list.retain(|t| now - *t < LIMIT_WINDOW);
        list.len()
    }

    fn fail(&self, key: String, now: DateTime<Utc>) {
        if let Ok(mut map) = self.failures.lock() {
            // Forget old keys now and then so the map cannot grow without bound.
            if map.len() > 10_000 {
                map.retain(|_, list| list.iter().any(|t| now - *t < LIMIT_WINDOW));
            }
            map.entry(key).or_default().push(now);
        }
    }

    fn clear(&self, key: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(key);
        }
    }
}

/// A hash to verify against when the account does not exist, so that the
/// answer takes as long as for a wrong password.
fn dummy_hash(passwords: crate::password::Passwords) -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        passwords
            .hash("not a password of anyone")
            .unwrap_or_default()
    })
}

/// Logging in and out: the failed-login limits, browser sessions and API
/// tokens.
#[derive(Clone)]
pub struct Auth {
    cx: Cx,
    passwords: Passwords,
    limiter: std::sync::Arc<LoginLimiter>,
}

impl Auth {
    pub(crate) fn new(cx: Cx, passwords: Passwords) -> Self {
        Self {
            cx,
            passwords,
            limiter: std::sync::Arc::default(),
        }
    }

    /// Checks a username and password. The same error answers an unknown
    /// user, a wrong password and a locked account.
    async fn check_credentials(
        &self,
        username: &str,
        password: &str,
        client: Option<&str>,
    ) -> CoreResult<User> {
        let now = self.cx.now();
        let username = username.trim().to_lowercase();
        let account_key = format!("u:{username}");
        let client_key = client.map(|c| format!("c:{c}"));
        if self.limiter.recent(&account_key, now) >= ACCOUNT_LIMIT
            || client_key
                .as_deref()
                .is_some_and(|k| self.limiter.recent(k, now) >= CLIENT_LIMIT)
        {
            return Err(CoreError::TooManyAttempts);
        }
        let found = users::credentials(self.cx.db(), &username).await?;
        let ok = if let Some((user, hash)) = &found {
            self.passwords.verify(password, hash) && !user.locked
        } else {
            let _ = self.passwords.verify(password, dummy_hash(self.passwords));
            false
        };
        match found {
            Some((user, _)) if ok => {
                self.limiter.clear(&account_key);
                Ok(user)
            }
            found => {
                self.limiter.fail(account_key, now);
                if let Some(k) = client_key {
                    self.limiter.fail(k, now);
                }
                if let Some((user, _)) = found {
                    let actor = Actor::from_user(&user);
                    self.cx
                        .record(entry(
                            &actor,
                            Some(user.unit_id),
                            AuditAction::LoginFailed,
                            Some((TargetKind::User, user.id.to_string())),
                            user.display_name.clone(),
                            vec![],
                        ))
                        .await?;
                }
                Err(CoreError::Unauthenticated)
            }
        }
    }

    /// Logs in: checks the password and opens a session.
    #[tracing::instrument(name = "auth.login", skip_all)]
    pub async fn login(
        &self,
        username: &str,
        password: &str,
        client: Option<&str>,
    ) -> CoreResult<Session> {
        let user = self.check_credentials(username, password, client).await?;
        let token = random_token();
        let csrf_token = random_token();
        let actor = Actor::from_user(&user);
        let w = self.cx.write(Access::Own(&actor, user.unit_id)).await?;
        users::insert_session(
            w.tx(),
            user.id,
            &token_hash(&token),
            &csrf_token,
            w.now(),
            w.now() + SESSION_IDLE,
        )
        .await?;
        w.commit(entry(
            &actor,
            Some(user.unit_id),
            AuditAction::Login,
            Some((TargetKind::User, user.id.to_string())),
            user.display_name.clone(),
            vec![],
        ))
        .await?;
        Ok(Session {
            token,
            csrf_token,
            user,
        })
    }

    /// The session of a cookie token, if it is valid and its account is not
    /// locked. Pushes its expiry forward.
    #[tracing::instrument(name = "auth.session", skip_all)]
    pub async fn session(&self, token: &str) -> CoreResult<ActiveSession> {
        let now = self.cx.now();
        let hash = token_hash(token);
        let mut record = if let Some(record) = self.cx.caches().session(&hash, now) {
            record
        } else {
            let record = users::session_by_hash(self.cx.db(), &hash)
                .await?
                .ok_or(CoreError::Unauthenticated)?;
            self.cx
                .caches()
                .put_session(hash.clone(), record.clone(), now);
            record
        };
        if record.expires_at <= now || record.user.locked {
            self.cx.caches().session_ended(&hash);
            return Err(CoreError::Unauthenticated);
        }
        if now - record.last_seen_at >= TOUCH_EVERY {
            users::touch_session(self.cx.db(), record.id, now, now + SESSION_IDLE).await?;
            record.last_seen_at = now;
            record.expires_at = now + SESSION_IDLE;
            self.cx.caches().put_session(hash, record.clone(), now);
        }
        Ok(ActiveSession {
            actor: Actor::from_user(&record.user),
            user: record.user,
            csrf_token: record.csrf_token,
        })
    }

    /// Ends the session of a cookie token.
    #[tracing::instrument(name = "auth.logout", skip_all)]
    pub async fn logout(&self, token: &str) -> CoreResult<()> {
        let hash = token_hash(token);
        let Some(record) = users::session_by_hash(self.cx.db(), &hash).await? else {
            return Ok(());
        };
        let actor = Actor::from_user(&record.user);
        let w = self
            .cx
            .write(Access::Own(&actor, record.user.unit_id))
            .await?;
        users::delete_session(w.tx(), record.id).await?;
        w.commit(entry(
            &actor,
            Some(record.user.unit_id),
            AuditAction::Logout,
            Some((TargetKind::User, record.user.id.to_string())),
            record.user.display_name.clone(),
            vec![],
        ))
        .await?;
        self.cx.caches().session_ended(&hash);
        Ok(())
    }

    /// Issues an API token for a username and password.
    #[tracing::instrument(name = "auth.issue_token", skip_all)]
    pub async fn issue_token(
        &self,
        username: &str,
        password: &str,
        client: Option<&str>,
    ) -> CoreResult<IssuedToken> {
        let user = self.check_credentials(username, password, client).await?;
        let token = random_token();
        let actor = Actor::from_user(&user);
        let w = self.cx.write(Access::Own(&actor, user.unit_id)).await?;
        let expires_at = w.now() + TOKEN_LIFETIME;
        users::insert_token(
            w.tx(),
            user.id,
            &token_hash(&token),
            "api",
            w.now(),
            expires_at,
        )
        .await?;
        w.commit(entry(
            &actor,
            Some(user.unit_id),
            AuditAction::TokenIssue,
            Some((TargetKind::User, user.id.to_string())),
            user.display_name.clone(),
            vec![],
        ))
        .await?;
        Ok(IssuedToken { token, expires_at })
    }

    /// The actor of a bearer token.
    #[tracing::instrument(name = "auth.token_actor", skip_all)]
    pub async fn token_actor(&self, token: &str) -> CoreResult<Actor> {
        let user = users::token_user(self.cx.db(), &token_hash(token), self.cx.now())
            .await?
            .ok_or(CoreError::Unauthenticated)?;
        if user.locked {
            return Err(CoreError::Unauthenticated);
        }
        Ok(Actor::from_user(&user))
    }

    /// Deletes expired sessions and tokens; returns how many sessions went.
    /// Housekeeping of logins, like pushing a session's expiry: it changes
    /// nothing anyone keeps, so it is not a write of the audit log.
    #[tracing::instrument(name = "auth.delete_expired_sessions", skip_all)]
    pub async fn delete_expired_sessions(&self) -> CoreResult<u64> {
        Ok(users::delete_expired(self.cx.db(), self.cx.now()).await?)
    }
}
