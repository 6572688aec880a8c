//! Units: listing what an actor may see, and creating units.

use antt_domain::audit::{AuditAction, Change, TargetKind};
use antt_domain::page::{Page, PageRequest};
use antt_domain::role::Capability;
use antt_domain::unit::{NewUnit, SchoolLevel, Unit, UnitKind};
use antt_domain::{ErrorCode, UnitId};
use antt_store::unit::{self as store, UnitFilter};

use crate::actor::Actor;
use crate::audit::entry;
use crate::context::Cx;
use crate::error::{CoreError, CoreResult, duplicate_on};
use crate::write::Access;

/// Units, the police bodies over them, and who may read or change each.
#[derive(Clone)]
pub struct Units {
    cx: Cx,
}

impl Units {
    pub(crate) fn new(cx: Cx) -> Self {
        Self { cx }
    }

    /// The unit a request is about: `requested` if the actor may read it,
    /// else the actor's own unit. A unit it may not read is "not found".
    #[tracing::instrument(name = "units.scope", skip_all, fields(actor = %actor.name))]
    pub async fn scope(&self, actor: &Actor, requested: Option<UnitId>) -> CoreResult<UnitId> {
        self.cx.scope(actor, requested).await
    }

    /// Whether `actor` may change the data of `unit`.
    #[tracing::instrument(name = "units.check_writable", skip_all, fields(actor = %actor.name))]
    pub async fn check_writable(&self, actor: &Actor, unit: UnitId) -> CoreResult<()> {
        self.cx.check_writable(actor, unit).await
    }

    /// The units the actor may read: all for a system admin, the overseen
    /// ones for a province officer, its own for everyone else.
    #[tracing::instrument(name = "units.list", skip_all, fields(actor = %actor.name))]
    pub async fn list(
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
                self.cx
                    .cached_subtree(actor.home_unit()?)
                    .await?
                    .as_ref()
                    .clone(),
            )
        } else {
            Some(vec![actor.home_unit()?])
        };
        Ok(store::list(
            self.cx.db(),
            &UnitFilter {
                query,
                kind,
                within,
            },
            page,
        )
        .await?)
    }

    #[tracing::instrument(name = "units.get", skip_all, fields(actor = %actor.name))]
    pub async fn get(&self, actor: &Actor, id: UnitId) -> CoreResult<Unit> {
        self.cx.check_readable(actor, id).await?;
        self.cx.cached_unit(id).await
    }

    /// The unit with this code, if the actor may read it.
    #[tracing::instrument(name = "units.by_code", skip_all, fields(actor = %actor.name))]
    pub async fn by_code(&self, actor: &Actor, code: &str) -> CoreResult<Unit> {
        let unit = store::by_code(self.cx.db(), code)
            .await?
            .ok_or(CoreError::NotFound)?;
        self.cx.check_readable(actor, unit.id).await?;
        Ok(unit)
    }

    /// Creates a unit (system admins). Its authority must be a police body.
    #[tracing::instrument(name = "units.create", skip_all, fields(actor = %actor.name))]
    pub async fn create(&self, actor: &Actor, unit: NewUnit) -> CoreResult<Unit> {
        let w = self
            .cx
            .write(Access::Instance(actor, Capability::ManageUnits))
            .await?;
        if let Some(authority) = unit.authority_id {
            let a = store::get(w.tx(), authority)
                .await
                .map_err(|_| CoreError::invalid("authority", ErrorCode::NotFound))?;
            if !a.kind.is_authority() {
                return Err(CoreError::invalid("authority", ErrorCode::Invalid));
            }
        }
        let created = store::insert(w.tx(), &unit, w.now())
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
        w.commit(entry(
            actor,
            Some(created.id),
            AuditAction::Create,
            Some((TargetKind::Unit, created.id.to_string())),
            created.name.clone(),
            changes,
        ))
        .await?;
        self.cx.caches().units_changed();
        Ok(created)
    }

    /// Records a school's level (cấp học): whether the standard asks it to
    /// work with the parents' board (check 2.3). The office of the school.
    #[tracing::instrument(name = "units.set_school_level", skip_all, fields(actor = %actor.name))]
    pub async fn set_school_level(
        &self,
        actor: &Actor,
        unit: UnitId,
        level: Option<SchoolLevel>,
    ) -> CoreResult<()> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::EditOrg))
            .await?;
        let before = store::get(w.tx(), unit).await?;
        if before.kind != UnitKind::School {
            return Err(CoreError::invalid("school_level", ErrorCode::NotAllowed));
        }
        if before.school_level == level {
            return Ok(());
        }
        store::set_school_level(w.tx(), unit, level).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Unit, unit.to_string())),
            before.name.clone(),
            vec![Change {
                field: "school_level".into(),
                before: before.school_level.map(|l| l.code().into()),
                after: level.map(|l| l.code().into()),
            }],
        ))
        .await?;
        self.cx.caches().units_changed();
        Ok(())
    }

    /// How many units the instance holds (to tell whether it is empty).
    #[tracing::instrument(name = "units.count", skip_all)]
    pub async fn count(&self) -> CoreResult<u64> {
        Ok(store::count(self.cx.db()).await?)
    }
}
