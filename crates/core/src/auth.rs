//! Logging in and out: sessions for browsers, bearer tokens for the API,
//! and the limit on failed logins.

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};

use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::role::Capability;
use antt_domain::user::User;
use antt_store::user as users;

use crate::actor::Actor;
use crate::audit::entry;
use crate::context::Cx;
use crate::error::{CoreError, CoreResult};
use crate::login_throttle as throttle;
use crate::password::Passwords;
use crate::write::Access;

/// The kinds of token (`api_tokens.name`): a bearer token of the API, and
/// a calendar feed's secret.
const API_TOKEN: &str = "api";
const CALENDAR_TOKEN: &str = "calendar";

/// How long a session lives without being used.
pub const SESSION_IDLE: Duration = Duration::hours(8);
/// How long an API token lives.
pub const TOKEN_LIFETIME: Duration = Duration::days(30);
/// A session's expiry is pushed forward at most this often, so reading
/// pages does not write to the database on every request.
const TOUCH_EVERY: Duration = Duration::seconds(60);

/// How long a device token is good for: a browser that logged in to an
/// account within this time passes the account's delays.
pub const DEVICE_LIFETIME: Duration = Duration::days(365);

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
    /// The device token for the browser to keep: its next logins to this
    /// account pass the account's delays.
    pub device: String,
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

/// Where a login comes from: the client's address (as the web found it,
/// believing only trusted proxies) and the device token its browser kept
/// from an earlier login, if any.
#[derive(Clone, Copy, Debug, Default)]
pub struct Client<'a> {
    pub address: Option<&'a str>,
    pub device: Option<&'a str>,
}

impl<'a> Client<'a> {
    /// A client known by its address only.
    pub fn at(address: Option<&'a str>) -> Self {
        Self {
            address,
            device: None,
        }
    }
}

/// Device tokens: `nonce.mac`, the mac binding the nonce to one account
/// under a secret of the server (derived from the tip key, so it lives as
/// long as the data; a random one of the process without it).
#[derive(Clone)]
struct Devices {
    secret: [u8; 32],
}

impl Devices {
    fn new(cx: &Cx) -> Self {
        let secret = cx.key().map_or_else(
            |_| {
                let mut s = [0u8; 32];
                OsRng.fill_bytes(&mut s);
                s
            },
            |key| key.derive(b"antt device token"),
        );
        Self { secret }
    }

    fn mac(&self, nonce: &str, username: &str, issued: i64) -> String {
        let digest = Sha256::new()
            .chain_update(self.secret)
            .chain_update(nonce.as_bytes())
            .chain_update([0])
            .chain_update(username.as_bytes())
            .chain_update([0])
            .chain_update(issued.to_be_bytes())
            .finalize();
        digest[..16]
            .iter()
            .fold(String::with_capacity(32), |mut s, b| {
                use std::fmt::Write as _;
                let _ = write!(s, "{b:02x}");
                s
            })
    }

    /// A token for `username` issued `now`.
    fn issue(&self, username: &str, now: DateTime<Utc>) -> String {
        let nonce = &random_token()[..32];
        let issued = now.timestamp();
        format!("{nonce}.{issued}.{}", self.mac(nonce, username, issued))
    }

    /// The nonce of `token` when it was issued for `username` and is still
    /// good at `now`.
    fn check<'t>(&self, token: &'t str, username: &str, now: DateTime<Utc>) -> Option<&'t str> {
        let mut parts = token.split('.');
        let (nonce, issued, mac) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || nonce.len() != 32 {
            return None;
        }
        let issued: i64 = issued.parse().ok()?;
        let at = DateTime::from_timestamp(issued, 0)?;
        if at > now || now - at > DEVICE_LIFETIME {
            return None;
        }
        let expected = self.mac(nonce, username, issued);
        // Same length, compared whole, so the time says nothing of where
        // they differ.
        let same = expected.len() == mac.len()
            && expected
                .bytes()
                .zip(mac.bytes())
                .fold(0u8, |d, (a, b)| d | (a ^ b))
                == 0;
        same.then_some(nonce)
    }
}

/// Logging in and out: the failed-login limits, browser sessions and API
/// tokens.
#[derive(Clone)]
pub struct Auth {
    cx: Cx,
    passwords: Passwords,
    devices: Devices,
}

impl Auth {
    pub(crate) fn new(cx: Cx, passwords: Passwords) -> Self {
        let devices = Devices::new(&cx);
        Self {
            cx,
            passwords,
            devices,
        }
    }

    /// Checks a username and password. The same error answers an unknown
    /// user, a wrong password and a locked account. Failures earn delays
    /// (see [`crate::login_throttle`]): the account's and the address's, or,
    /// for a browser with a good device token of the account, the token's.
    async fn check_credentials(
        &self,
        username: &str,
        password: &str,
        client: Client<'_>,
    ) -> CoreResult<User> {
        let now = self.cx.now();
        let username = username.trim().to_lowercase();
        let throttle = self.cx.logins();
        let device = client
            .device
            .and_then(|d| self.devices.check(d, &username, now))
            .map(throttle::device_key);
        let keys: Vec<(String, throttle::Rule)> = match device.clone() {
            Some(d) => vec![(d, throttle::DEVICE)],
            None => std::iter::once((throttle::account_key(&username), throttle::ACCOUNT))
                .chain(
                    client
                        .address
                        .map(|a| (throttle::address_key(a), throttle::ADDRESS)),
                )
                .collect(),
        };
        if let Some(wait) = keys
            .iter()
            .filter_map(|(key, rule)| throttle.wait(key, *rule, now))
            .max()
        {
            let seconds = u32::try_from(wait.num_seconds().saturating_add(1)).unwrap_or(u32::MAX);
            return Err(CoreError::WaitBeforeRetry(seconds));
        }
        let found = users::credentials(self.cx.db(), &username).await?;
        // An unknown account is checked against a stand-in of the same
        // cost, so the answer's time does not tell which accounts exist.
        let hash = found
            .as_ref()
            .map_or_else(|| self.passwords.stand_in().to_owned(), |(_, h)| h.clone());
        let typed = password.to_owned();
        let matches = self
            .cx
            .hashes()
            .run(move |area| Passwords::verify(&typed, &hash, area))
            .await?;
        let ok = matches && found.as_ref().is_some_and(|(user, _)| !user.locked);
        match found {
            Some((user, _)) if ok => {
                // A good login clears the count it was checked under: its
                // device's, or the account's. The address keeps its count
                // (one good login of one's own does not wipe the guesses
                // made at others' accounts), and so does the account when
                // its owner came in by the device (the guesses made at it
                // from elsewhere still stand).
                match &device {
                    Some(d) => throttle.clear(d),
                    None => throttle.clear(&throttle::account_key(&username)),
                }
                Ok(user)
            }
            found => {
                for (key, _) in &keys {
                    throttle.fail(key, now);
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
        client: Client<'_>,
    ) -> CoreResult<Session> {
        let user = self.check_credentials(username, password, client).await?;
        let device = self.devices.issue(&user.username, self.cx.now());
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
            device,
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
        client: Client<'_>,
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
            API_TOKEN,
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
        self.actor_of(token, API_TOKEN).await
    }

    /// The account of an API or calendar token, from the cache like a
    /// page's session (for at most its few seconds; locking the account or
    /// a new calendar address empties it for that account at once).
    async fn actor_of(&self, token: &str, kind: &str) -> CoreResult<Actor> {
        let now = self.cx.now();
        let hash = token_hash(token);
        let cached = self.cx.caches().token(&hash, kind, now);
        let (user, expires_at) = if let Some(found) = cached {
            found
        } else {
            let found = users::token_user(self.cx.db(), &hash, kind, now)
                .await?
                .ok_or(CoreError::Unauthenticated)?;
            self.cx
                .caches()
                .put_token(hash, kind.to_owned(), found.0.clone(), found.1, now);
            found
        };
        if user.locked || expires_at <= now {
            return Err(CoreError::Unauthenticated);
        }
        Ok(Actor::from_user(&user))
    }

    /// Makes the actor's calendar feed: a secret address their phone's
    /// calendar subscribes to, that opens their own shifts and nothing
    /// else, for a year. Made again, the old address stops working.
    #[tracing::instrument(name = "auth.issue_calendar_token", skip_all, fields(actor = %actor.name))]
    pub async fn issue_calendar_token(&self, actor: &Actor) -> CoreResult<String> {
        actor.require(Capability::StandDuty)?;
        let (Some(user), Some(unit)) = (actor.user_id, actor.unit_id) else {
            return Err(CoreError::Forbidden);
        };
        let token = random_token();
        let w = self.cx.write(Access::Own(actor, unit)).await?;
        users::delete_tokens(w.tx(), user, CALENDAR_TOKEN).await?;
        users::insert_token(
            w.tx(),
            user,
            &token_hash(&token),
            CALENDAR_TOKEN,
            w.now(),
            w.now() + chrono::Duration::days(366),
        )
        .await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::TokenIssue,
            Some((TargetKind::User, user.to_string())),
            "Đường dẫn lịch trực trên điện thoại",
            vec![],
        ))
        .await?;
        // The old address stops working now, not when the cache forgets it.
        self.cx.caches().user_changed(user);
        Ok(token)
    }

    /// When the actor's calendar feed was made, if it still works.
    pub async fn calendar_token_made(
        &self,
        actor: &Actor,
    ) -> CoreResult<Option<chrono::DateTime<chrono::Utc>>> {
        let user = actor.user_id.ok_or(CoreError::Forbidden)?;
        Ok(users::token_made(self.cx.db(), user, CALENDAR_TOKEN, self.cx.now()).await?)
    }

    /// The actor of a calendar feed's secret: it reads their shifts only
    /// (an API call with it is refused, as a calendar address travels to
    /// other services).
    pub async fn calendar_actor(&self, token: &str) -> CoreResult<Actor> {
        self.actor_of(token, CALENDAR_TOKEN).await
    }

    /// Deletes expired sessions and tokens; returns how many sessions went.
    /// Housekeeping of logins, like pushing a session's expiry: it changes
    /// nothing anyone keeps, so it is not a write of the audit log.
    #[tracing::instrument(name = "auth.delete_expired_sessions", skip_all)]
    pub async fn delete_expired_sessions(&self) -> CoreResult<u64> {
        Ok(users::delete_expired(self.cx.db(), self.cx.now()).await?)
    }
}
