//! Who is acting, and which units they may read and change.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use antt_domain::role::{Capability, Role};
use antt_domain::user::User;
use antt_domain::{DepartmentId, UnitId, UserId};

use crate::error::{CoreError, CoreResult};

/// The person (or program) a use case acts for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<UserId>,
    /// Username, or "cli" for the command line.
    pub name: String,
    pub display_name: String,
    /// The unit of the account; `None` for the command line.
    pub unit_id: Option<UnitId>,
    pub role: Role,
    pub department_id: Option<DepartmentId>,
    /// The one-time key the request carries, if it creates something: the
    /// first write it opens claims the key (see [`Submission`]).
    pub submission: Option<Submission>,
}

/// The one-time key of a creating form (`_once`) or API call
/// (`Idempotency-Key`). The first write of the request that commits
/// records it with the record it made; a write opened later with the same
/// key, by the same account, is refused with [`CoreError::AlreadyDone`]
/// naming that record, so a form sent twice makes one record.
#[derive(Clone, Debug)]
pub struct Submission {
    key: String,
    /// Set once a write of this request committed with the key, so the
    /// request's later writes (a notice, a second record) go on.
    kept: Arc<AtomicBool>,
}

impl Submission {
    /// A key of 8 to 64 letters, digits, `-` or `_`; anything else is none.
    pub fn new(key: &str) -> Option<Self> {
        let fits = (8..=64).contains(&key.len())
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'));
        fits.then(|| Self {
            key: key.to_owned(),
            kept: Arc::default(),
        })
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    /// Whether a write of this request already committed with the key.
    pub(crate) fn kept(&self) -> bool {
        self.kept.load(Ordering::Acquire)
    }

    pub(crate) fn keep(&self) {
        self.kept.store(true, Ordering::Release);
    }
}

impl PartialEq for Submission {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for Submission {}

impl Actor {
    pub fn from_user(user: &User) -> Self {
        Self {
            user_id: Some(user.id),
            name: user.username.clone(),
            display_name: user.display_name.clone(),
            unit_id: Some(user.unit_id),
            role: user.role,
            department_id: user.department_id,
            submission: None,
        }
    }

    /// The operator at the command line of the server: a system admin of no unit.
    pub fn command_line() -> Self {
        Self {
            user_id: None,
            name: "cli".into(),
            display_name: "Dòng lệnh".into(),
            unit_id: None,
            role: Role::SystemAdmin,
            department_id: None,
            submission: None,
        }
    }

    /// The same actor, carrying the one-time key of its request.
    #[must_use]
    pub fn with_submission(mut self, submission: Option<Submission>) -> Self {
        self.submission = submission;
        self
    }

    /// The unit of the account; the command line has none.
    pub fn home_unit(&self) -> CoreResult<UnitId> {
        self.unit_id.ok_or(CoreError::NotFound)
    }

    /// Whether the actor's role holds `capability`.
    pub fn can(&self, capability: Capability) -> bool {
        self.role.can(capability)
    }

    /// Requires a capability of the actor's role.
    pub fn require(&self, capability: Capability) -> CoreResult<()> {
        if self.can(capability) {
            Ok(())
        } else {
            Err(CoreError::Forbidden)
        }
    }
}
