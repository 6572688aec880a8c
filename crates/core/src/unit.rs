//! Units: listing what an actor may see, and creating units.

use antt_domain::audit::{AuditAction, Change, TargetKind};
use antt_domain::page::{Page, PageRequest};
use antt_domain::role::Capability;
use antt_domain::unit::{NewUnit, Unit, UnitKind};
use antt_domain::{ErrorCode, UnitId};
use antt_store::unit::{self as store, UnitFilter};

use crate::Antt;
use crate::actor::Actor;
use crate::audit::{append, entry};
use crate::error::{CoreError, CoreResult, duplicate_on};

impl Antt {
    /// The units the actor may read: all for a system admin, the overseen
    /// ones for a province officer, its own for everyone else.
    pub async fn list_units(
        &self,
        actor: &Actor,
        query: Option<String>,
        kind: Option<UnitKind>,
        page: PageRequest,
    ) -> CoreResult<Page<Unit>> {
        let within = if actor.can(Capability::ManageUnits) {
            None
        } else if actor.can(Capability::OverseeUnits) {
            Some(
                self.cached_subtree(actor.home_unit()?)
                    .await?
                    .as_ref()
                    .clone(),
            )
        } else {
            Some(vec![actor.home_unit()?])
        };
        Ok(store::list(
            self.db(),
            &UnitFilter {
                query,
                kind,
                within,
            },
            page,
        )
        .await?)
    }

    pub async fn get_unit(&self, actor: &Actor, id: UnitId) -> CoreResult<Unit> {
        self.check_readable(actor, id).await?;
        self.cached_unit(id).await
    }

    /// The unit with this code, if the actor may read it.
    pub async fn unit_by_code(&self, actor: &Actor, code: &str) -> CoreResult<Unit> {
        let unit = store::by_code(self.db(), code)
            .await?
            .ok_or(CoreError::NotFound)?;
        self.check_readable(actor, unit.id).await?;
        Ok(unit)
    }

    /// Creates a unit (system admins). Its authority must be a police body.
    pub async fn create_unit(&self, actor: &Actor, unit: NewUnit) -> CoreResult<Unit> {
        actor.require(Capability::ManageUnits)?;
        if let Some(authority) = unit.authority_id {
            let a = store::get(self.db(), authority)
                .await
                .map_err(|_| CoreError::invalid("authority", ErrorCode::NotFound))?;
            if !a.kind.is_authority() {
                return Err(CoreError::invalid("authority", ErrorCode::Invalid));
            }
        }
        let now = self.now();
        let tx = self.db().begin().await?;
        let created = store::insert(&tx, &unit, now)
            .await
            .map_err(duplicate_on("code", "code"))?;
        let changes = vec![
            Change {
                field: "code".into(),
                before: None,
                after: Some(created.code.clone()),
            },
            Change {
                field: "kind".into(),
                before: None,
                after: Some(created.kind.code().into()),
            },
        ];
        append(
            &tx,
            now,
            entry(
                actor,
                Some(created.id),
                AuditAction::Create,
                Some((TargetKind::Unit, created.id.to_string())),
                created.name.clone(),
                changes,
            ),
        )
        .await?;
        tx.commit().await?;
        self.caches().units_changed();
        Ok(created)
    }

    /// How many units the instance holds (to tell whether it is empty).
    pub async fn unit_count(&self) -> CoreResult<u64> {
        Ok(store::count(self.db()).await?)
    }
}
