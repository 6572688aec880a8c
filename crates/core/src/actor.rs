//! Who is acting, and which units they may read and change.

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
}

impl Actor {
    pub fn from_user(user: &User) -> Self {
        Self {
            user_id: Some(user.id),
            name: user.username.clone(),
            display_name: user.display_name.clone(),
            unit_id: Some(user.unit_id),
            role: user.role,
            department_id: user.department_id,
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
        }
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
