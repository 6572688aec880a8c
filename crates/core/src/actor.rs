//! Who is acting, and which units they may read and change.

use antt_domain::role::{Capability, Role};
use antt_domain::user::User;
use antt_domain::{DepartmentId, UnitId, UserId};

use crate::Antt;
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

impl Antt {
    /// Whether `actor` may read the data of `unit`: its own unit; the units
    /// a province officer's authority oversees; any unit for a system admin.
    /// A unit it may not read is "not found", so ids reveal nothing.
    pub async fn check_readable(&self, actor: &Actor, unit: UnitId) -> CoreResult<()> {
        if actor.role == Role::SystemAdmin || actor.unit_id == Some(unit) {
            return Ok(());
        }
        if actor.role == Role::ProvinceOfficer
            && let Some(home) = actor.unit_id
            && self.cached_subtree(home).await?.contains(&unit)
        {
            return Ok(());
        }
        Err(CoreError::NotFound)
    }

    /// Whether `actor` may change the data of `unit`: only its own unit
    /// (any, for a system admin). Reading is checked first, so a unit it
    /// cannot see stays "not found".
    pub async fn check_writable(&self, actor: &Actor, unit: UnitId) -> CoreResult<()> {
        self.check_readable(actor, unit).await?;
        if actor.role == Role::SystemAdmin || actor.unit_id == Some(unit) {
            Ok(())
        } else {
            Err(CoreError::Forbidden)
        }
    }

    /// The unit a request is about: `requested` if the actor may read it,
    /// else the actor's own unit.
    pub async fn scope(&self, actor: &Actor, requested: Option<UnitId>) -> CoreResult<UnitId> {
        let unit = match requested {
            Some(unit) => unit,
            None => actor.home_unit()?,
        };
        self.check_readable(actor, unit).await?;
        Ok(unit)
    }
}
