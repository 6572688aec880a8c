//! Accounts of a unit: creating, resetting passwords, locking.

use antt_domain::audit::{AuditAction, Change, TargetKind};
use antt_domain::role::Capability;
use antt_domain::user::{NewUser, User, check_password};
use antt_domain::{ErrorCode, UnitId, UserId};
use antt_store::{org, unit as units, user as store};

use crate::actor::Actor;
use crate::audit::entry;
use crate::context::Cx;
use crate::error::{CoreError, CoreResult, duplicate_on};
use crate::login_throttle as throttle;
use crate::password::Passwords;
use crate::write::{Access, Write};

/// The accounts of a unit: who may log in, with which role.
#[derive(Clone)]
pub struct Accounts {
    cx: Cx,
    passwords: Passwords,
}

impl Accounts {
    pub(crate) fn new(cx: Cx, passwords: Passwords) -> Self {
        Self { cx, passwords }
    }

    /// A new password's hash, made by a slow-hash worker.
    async fn hash(&self, password: &str) -> CoreResult<String> {
        let (policy, password) = (self.passwords, password.to_owned());
        self.cx
            .hashes()
            .run(move |area| policy.hash(&password, area))
            .await?
    }

    async fn write(&self, actor: &Actor, unit: UnitId) -> CoreResult<Write> {
        self.cx
            .write(Access::Unit(actor, unit, Capability::ManageUsers))
            .await
    }

    #[tracing::instrument(name = "accounts.list", skip_all, fields(actor = %actor.name))]
    pub async fn list(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<User>> {
        self.cx.check_writable(actor, unit).await?;
        actor.require(Capability::ManageUsers)?;
        Ok(store::list(self.cx.db(), unit).await?)
    }

    #[tracing::instrument(name = "accounts.get", skip_all, fields(actor = %actor.name))]
    pub async fn get(&self, actor: &Actor, unit: UnitId, id: UserId) -> CoreResult<User> {
        self.cx.check_writable(actor, unit).await?;
        actor.require(Capability::ManageUsers)?;
        Ok(store::get(self.cx.db(), Some(unit), id).await?)
    }

    /// Creates an account in `unit`. The creator must be allowed to grant the
    /// role; a province officer belongs to a provincial police unit; the
    /// department and campus must be of the unit.
    #[tracing::instrument(name = "accounts.create", skip_all, fields(actor = %actor.name))]
    pub async fn create(
        &self,
        actor: &Actor,
        unit: UnitId,
        user: NewUser,
        password: &str,
    ) -> CoreResult<User> {
        check_password(password, None).map_err(|e| CoreError::invalid(e.field, e.code))?;
        let hash = self.hash(password).await?;
        let w = self.write(actor, unit).await?;
        let target = units::get(w.tx(), unit).await?;
        if !actor
            .role
            .may_grant_in(user.role, target.kind.is_authority())
        {
            return Err(CoreError::invalid("role", ErrorCode::NotAllowed));
        }
        if let Some(d) = user.department_id {
            org::get_department(w.tx(), unit, d)
                .await
                .map_err(|_| CoreError::invalid("department_id", ErrorCode::NotFound))?;
        }
        if let Some(c) = user.campus_id {
            org::get_campus(w.tx(), unit, c)
                .await
                .map_err(|_| CoreError::invalid("campus_id", ErrorCode::NotFound))?;
        }
        let created = store::insert(w.tx(), unit, &user, &hash, w.now())
            .await
            .map_err(duplicate_on("username", "username"))?;
        let changes = vec![
            Change {
                field: "username".into(),
                before: None,
                after: Some(created.username.clone()),
            },
            Change {
                field: "role".into(),
                before: None,
                after: Some(created.role.code().into()),
            },
        ];
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::User, created.id.to_string())),
            created.display_name.clone(),
            changes,
        ))
        .await?;
        Ok(created)
    }

    /// Sets a new password for an account of the unit and ends its sessions.
    #[tracing::instrument(name = "accounts.reset_password", skip_all, fields(actor = %actor.name))]
    pub async fn reset_password(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: UserId,
        password: &str,
        confirm: &str,
    ) -> CoreResult<()> {
        check_password(password, Some(confirm)).map_err(|e| CoreError::invalid(e.field, e.code))?;
        let hash = self.hash(password).await?;
        let w = self.write(actor, unit).await?;
        let user = store::get(w.tx(), Some(unit), id).await?;
        if !actor.role.may_grant(user.role) {
            return Err(CoreError::Forbidden);
        }
        store::set_password(w.tx(), unit, id, &hash).await?;
        store::delete_sessions_of(w.tx(), id).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::PasswordReset,
            Some((TargetKind::User, id.to_string())),
            user.display_name,
            vec![],
        ))
        .await?;
        self.cx.caches().user_changed(id);
        Ok(())
    }

    /// Locks or unlocks an account of the unit. Locking ends its sessions.
    /// Nobody locks their own account.
    #[tracing::instrument(name = "accounts.set_locked", skip_all, fields(actor = %actor.name))]
    pub async fn set_locked(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: UserId,
        locked: bool,
    ) -> CoreResult<()> {
        let w = self.write(actor, unit).await?;
        let user = store::get(w.tx(), Some(unit), id).await?;
        if !actor.role.may_grant(user.role) || actor.user_id == Some(id) {
            return Err(CoreError::Forbidden);
        }
        store::set_locked(w.tx(), unit, id, locked).await?;
        if locked {
            store::delete_sessions_of(w.tx(), id).await?;
        }
        let action = if locked {
            AuditAction::Lock
        } else {
            AuditAction::Unlock
        };
        w.commit(entry(
            actor,
            Some(unit),
            action,
            Some((TargetKind::User, id.to_string())),
            user.display_name,
            vec![],
        ))
        .await?;
        self.cx.caches().user_changed(id);
        Ok(())
    }

    /// How many wrong passwords the account has had lately (they earn
    /// growing delays), when there are any.
    pub fn failed_logins(&self, user: &User) -> Option<u32> {
        self.cx
            .logins()
            .failures(&throttle::account_key(&user.username), self.cx.now())
            .map(|(count, _)| count)
    }

    /// Clears the login delays of an account of the unit, so its owner can
    /// log in again at once (from a new phone, say, while someone else keeps
    /// guessing); audited.
    #[tracing::instrument(name = "accounts.allow_login", skip_all, fields(actor = %actor.name))]
    pub async fn allow_login(&self, actor: &Actor, unit: UnitId, id: UserId) -> CoreResult<()> {
        let w = self.write(actor, unit).await?;
        let user = store::get(w.tx(), Some(unit), id).await?;
        if !actor.role.may_grant(user.role) {
            return Err(CoreError::Forbidden);
        }
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::LoginUnblock,
            Some((TargetKind::User, id.to_string())),
            user.display_name,
            vec![],
        ))
        .await?;
        self.cx
            .logins()
            .clear(&throttle::account_key(&user.username));
        Ok(())
    }

    /// Changes the actor's own password after checking the current one.
    #[tracing::instrument(name = "accounts.change_own_password", skip_all, fields(actor = %actor.name))]
    pub async fn change_own_password(
        &self,
        actor: &Actor,
        current: &str,
        new: &str,
        confirm: &str,
    ) -> CoreResult<()> {
        check_password(new, Some(confirm)).map_err(|e| CoreError::invalid(e.field, e.code))?;
        let new_hash = self.hash(new).await?;
        // The slow hash is checked before the write lock is taken, then the
        // write makes sure the password did not change in between.
        let (_, checked) = store::credentials(self.cx.db(), &actor.name)
            .await?
            .ok_or(CoreError::Unauthenticated)?;
        let (typed, stored) = (current.to_owned(), checked.clone());
        let matches = self
            .cx
            .hashes()
            .run(move |area| Passwords::verify(&typed, &stored, area))
            .await?;
        if !matches {
            return Err(CoreError::invalid("current_password", ErrorCode::Invalid));
        }
        let unit = actor.home_unit()?;
        let w = self.cx.write(Access::Own(actor, unit)).await?;
        let (user, hash) = store::credentials(w.tx(), &actor.name)
            .await?
            .ok_or(CoreError::Unauthenticated)?;
        if hash != checked {
            return Err(CoreError::invalid("current_password", ErrorCode::Invalid));
        }
        store::set_password(w.tx(), user.unit_id, user.id, &new_hash).await?;
        w.commit(entry(
            actor,
            Some(user.unit_id),
            AuditAction::PasswordChange,
            Some((TargetKind::User, user.id.to_string())),
            user.display_name,
            vec![],
        ))
        .await?;
        Ok(())
    }
}
