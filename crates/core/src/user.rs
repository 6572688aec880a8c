//! Accounts of a unit: creating, resetting passwords, locking.

use antt_domain::audit::{AuditAction, Change, TargetKind};
use antt_domain::role::Capability;
use antt_domain::user::{NewUser, User, check_password};
use antt_domain::{ErrorCode, UnitId, UserId};
use antt_store::{org, unit as units, user as store};

use crate::Antt;
use crate::actor::Actor;
use crate::audit::{append, entry};
use crate::error::{CoreError, CoreResult, duplicate_on};

impl Antt {
    pub async fn list_users(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<User>> {
        self.check_writable(actor, unit).await?;
        actor.require(Capability::ManageUsers)?;
        Ok(store::list(self.db(), unit).await?)
    }

    pub async fn get_user(&self, actor: &Actor, unit: UnitId, id: UserId) -> CoreResult<User> {
        self.check_writable(actor, unit).await?;
        actor.require(Capability::ManageUsers)?;
        Ok(store::get(self.db(), Some(unit), id).await?)
    }

    /// Creates an account in `unit`. The creator must be allowed to grant the
    /// role; a province officer belongs to a provincial police unit; the
    /// department and campus must be of the unit.
    pub async fn create_user(
        &self,
        actor: &Actor,
        unit: UnitId,
        user: NewUser,
        password: &str,
    ) -> CoreResult<User> {
        self.check_writable(actor, unit).await?;
        actor.require(Capability::ManageUsers)?;
        let target = units::get(self.db(), unit).await?;
        if !actor
            .role
            .may_grant_in(user.role, target.kind.is_authority())
        {
            return Err(CoreError::invalid("role", ErrorCode::NotAllowed));
        }
        if let Some(d) = user.department_id {
            org::get_department(self.db(), unit, d)
                .await
                .map_err(|_| CoreError::invalid("department_id", ErrorCode::NotFound))?;
        }
        if let Some(c) = user.campus_id {
            org::get_campus(self.db(), unit, c)
                .await
                .map_err(|_| CoreError::invalid("campus_id", ErrorCode::NotFound))?;
        }
        check_password(password, None).map_err(|e| CoreError::invalid(e.field, e.code))?;
        let hash = self.passwords.hash(password)?;
        let now = self.now();
        let tx = self.db().begin().await?;
        let created = store::insert(&tx, unit, &user, &hash, now)
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
        append(
            &tx,
            now,
            entry(
                actor,
                Some(unit),
                AuditAction::Create,
                Some((TargetKind::User, created.id.to_string())),
                created.display_name.clone(),
                changes,
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(created)
    }

    /// Sets a new password for an account of the unit and ends its sessions.
    pub async fn reset_password(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: UserId,
        password: &str,
        confirm: &str,
    ) -> CoreResult<()> {
        let user = self.get_user(actor, unit, id).await?;
        if !actor.role.may_grant(user.role) {
            return Err(CoreError::Forbidden);
        }
        check_password(password, Some(confirm)).map_err(|e| CoreError::invalid(e.field, e.code))?;
        let hash = self.passwords.hash(password)?;
        let now = self.now();
        let tx = self.db().begin().await?;
        store::set_password(&tx, unit, id, &hash).await?;
        store::delete_sessions_of(&tx, id).await?;
        append(
            &tx,
            now,
            entry(
                actor,
                Some(unit),
                AuditAction::PasswordReset,
                Some((TargetKind::User, id.to_string())),
                user.display_name,
                vec![],
            ),
        )
        .await?;
        tx.commit().await?;
        self.caches().user_changed(id);
        Ok(())
    }

    /// Locks or unlocks an account of the unit. Locking ends its sessions.
    /// Nobody locks their own account.
    pub async fn set_user_locked(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: UserId,
        locked: bool,
    ) -> CoreResult<()> {
        let user = self.get_user(actor, unit, id).await?;
        if !actor.role.may_grant(user.role) || actor.user_id == Some(id) {
            return Err(CoreError::Forbidden);
        }
        let now = self.now();
        let tx = self.db().begin().await?;
        store::set_locked(&tx, unit, id, locked).await?;
        if locked {
            store::delete_sessions_of(&tx, id).await?;
        }
        let action = if locked {
            AuditAction::Lock
        } else {
            AuditAction::Unlock
        };
        append(
            &tx,
            now,
            entry(
                actor,
                Some(unit),
                action,
                Some((TargetKind::User, id.to_string())),
                user.display_name,
                vec![],
            ),
        )
        .await?;
        tx.commit().await?;
        self.caches().user_changed(id);
        Ok(())
    }

    /// Changes the actor's own password after checking the current one.
    pub async fn change_own_password(
        &self,
        actor: &Actor,
        current: &str,
        new: &str,
        confirm: &str,
    ) -> CoreResult<()> {
        let (user, hash) = store::credentials(self.db(), &actor.name)
            .await?
            .ok_or(CoreError::Unauthenticated)?;
        if !self.passwords.verify(current, &hash) {
            return Err(CoreError::invalid("current_password", ErrorCode::Invalid));
        }
        check_password(new, Some(confirm)).map_err(|e| CoreError::invalid(e.field, e.code))?;
        let new_hash = self.passwords.hash(new)?;
        let tx = self.db().begin().await?;
        store::set_password(&tx, user.unit_id, user.id, &new_hash).await?;
        append(
            &tx,
            self.now(),
            entry(
                actor,
                Some(user.unit_id),
                AuditAction::PasswordChange,
                Some((TargetKind::User, user.id.to_string())),
                user.display_name,
                vec![],
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
