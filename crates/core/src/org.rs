//! Campuses, departments and classes of a unit.

use antt_domain::role::Capability;
use std::collections::HashMap;
use std::sync::Arc;

use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::org::{Campus, CampusInput, Class, ClassInput, Department, DepartmentInput};
use antt_domain::person::{Person, PersonKind};
use antt_domain::text::search_key;
use antt_domain::{CampusId, ClassId, DepartmentId, ErrorCode, UnitId};
use antt_store::{StoreError, StoreResult, Tx, org as store, person as people, stats};
use chrono::{DateTime, Utc};

use crate::actor::Actor;
use crate::audit::saved;
use crate::context::Cx;
use crate::error::{CoreError, CoreResult, duplicate_on, reference_on};
use crate::write::{Access, Write};

/// A class with the names a list shows next to it.
#[derive(Clone, Debug)]
pub struct ClassRow {
    pub class: Class,
    pub department: Option<String>,
    pub campus: Option<String>,
    pub homeroom_teacher: Option<String>,
    pub students: u64,
}

/// Everything of a unit's structure, for lists and forms.
#[derive(Clone, Debug, Default)]
pub struct Structure {
    pub campuses: Vec<Campus>,
    pub departments: Vec<Department>,
    pub classes: Vec<Class>,
}

impl Structure {
    pub fn department_name(&self, id: Option<DepartmentId>) -> Option<String> {
        id.and_then(|id| self.departments.iter().find(|d| d.id == id))
            .map(|d| d.name.clone())
    }
    pub fn campus_name(&self, id: Option<CampusId>) -> Option<String> {
        id.and_then(|id| self.campuses.iter().find(|c| c.id == id))
            .map(|c| c.name.clone())
    }
    pub fn class(&self, id: Option<ClassId>) -> Option<&Class> {
        id.and_then(|id| self.classes.iter().find(|c| c.id == id))
    }

    /// Where a person belongs in a list: a student's class, a staff
    /// member's department.
    pub fn group_of(&self, p: &Person) -> Option<String> {
        match p.kind {
            PersonKind::Student => self.class(p.class_id).map(|c| c.name.clone()),
            PersonKind::Staff => self.department_name(p.department_id),
        }
    }

    /// (name, code, class or department) of the people of `ids`, in the
    /// order of `ids`; ids of nobody in `everyone` are left out.
    pub(crate) fn named<'a>(
        &self,
        everyone: &[(String, Person)],
        ids: impl IntoIterator<Item = &'a antt_domain::PersonId>,
    ) -> Vec<(String, String, String)> {
        let by_id: HashMap<_, &Person> = everyone.iter().map(|(_, p)| (p.id, p)).collect();
        ids.into_iter()
            .filter_map(|id| by_id.get(id))
            .map(|p| {
                (
                    p.full_name.clone(),
                    p.code.clone(),
                    self.group_of(p).unwrap_or_default(),
                )
            })
            .collect()
    }
}

/// What the three kinds of organisation record share when saved: their
/// audited fields, the audit target, and how the store writes them.
trait OrgRecord: Sized {
    type Id: Copy + std::fmt::Display + Send + Sync;
    const TARGET: TargetKind;
    fn name(&self) -> &str;
    fn fields(&self) -> Vec<(&'static str, Option<String>)>;
    /// What a refused write means for the form.
    fn refused(e: StoreError) -> CoreError {
        duplicate_on("name", "name")(e)
    }
    async fn insert(&self, tx: &Tx, unit: UnitId, now: DateTime<Utc>) -> StoreResult<Self::Id>;
    /// The record as it is now, as an input that would write it unchanged.
    async fn current(tx: &Tx, unit: UnitId, id: Self::Id) -> StoreResult<Self>;
    async fn update(&self, tx: &Tx, unit: UnitId, id: Self::Id) -> StoreResult<()>;
}

impl OrgRecord for CampusInput {
    type Id = CampusId;
    const TARGET: TargetKind = TargetKind::Campus;
    fn name(&self) -> &str {
        &self.name
    }
    fn fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("name", Some(self.name.clone())),
            ("address", self.address.clone()),
        ]
    }
    async fn insert(&self, tx: &Tx, unit: UnitId, now: DateTime<Utc>) -> StoreResult<CampusId> {
        Ok(store::insert_campus(tx, unit, self, now).await?.id)
    }
    async fn current(tx: &Tx, unit: UnitId, id: CampusId) -> StoreResult<Self> {
        let c = store::get_campus(tx, unit, id).await?;
        Ok(Self {
            name: c.name,
            address: c.address,
        })
    }
    async fn update(&self, tx: &Tx, unit: UnitId, id: CampusId) -> StoreResult<()> {
        store::update_campus(tx, unit, id, self).await
    }
}

impl OrgRecord for DepartmentInput {
    type Id = DepartmentId;
    const TARGET: TargetKind = TargetKind::Department;
    fn name(&self) -> &str {
        &self.name
    }
    fn fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("name", Some(self.name.clone())),
            ("kind", Some(self.kind.code().into())),
        ]
    }
    async fn insert(&self, tx: &Tx, unit: UnitId, now: DateTime<Utc>) -> StoreResult<DepartmentId> {
        Ok(store::insert_department(tx, unit, self, now).await?.id)
    }
    async fn current(tx: &Tx, unit: UnitId, id: DepartmentId) -> StoreResult<Self> {
        let d = store::get_department(tx, unit, id).await?;
        Ok(Self {
            kind: d.kind,
            name: d.name,
        })
    }
    async fn update(&self, tx: &Tx, unit: UnitId, id: DepartmentId) -> StoreResult<()> {
        store::update_department(tx, unit, id, self).await
    }
}

impl OrgRecord for ClassInput {
    type Id = ClassId;
    const TARGET: TargetKind = TargetKind::Class;
    fn name(&self) -> &str {
        &self.name
    }
    fn fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("name", Some(self.name.clone())),
            ("department_id", self.department_id.map(|id| id.to_string())),
            ("campus_id", self.campus_id.map(|id| id.to_string())),
            (
                "homeroom_teacher_id",
                self.homeroom_teacher_id.map(|id| id.to_string()),
            ),
        ]
    }
    /// A faculty or campus of another unit (or none) breaks a foreign key.
    fn refused(e: StoreError) -> CoreError {
        match e {
            e @ StoreError::Conflict(_) => duplicate_on("name", "name")(e),
            e => reference_on("department_id")(e),
        }
    }
    async fn insert(&self, tx: &Tx, unit: UnitId, now: DateTime<Utc>) -> StoreResult<ClassId> {
        Ok(store::insert_class(tx, unit, self, now).await?.id)
    }
    async fn current(tx: &Tx, unit: UnitId, id: ClassId) -> StoreResult<Self> {
        let c = store::get_class(tx, unit, id).await?;
        Ok(Self {
            name: c.name,
            department_id: c.department_id,
            campus_id: c.campus_id,
            homeroom_teacher_id: c.homeroom_teacher_id,
        })
    }
    async fn update(&self, tx: &Tx, unit: UnitId, id: ClassId) -> StoreResult<()> {
        store::update_class(tx, unit, id, self).await
    }
}

/// Campuses, departments and classes of a unit.
#[derive(Clone)]
pub struct Org {
    cx: Cx,
}

impl Org {
    pub(crate) fn new(cx: Cx) -> Self {
        Self { cx }
    }

    /// Creates (`id` is `None`) or changes a campus, department or class in
    /// `w` with its audit entry, the changed fields before and after.
    async fn save<R: OrgRecord>(
        &self,
        w: Write,
        actor: &Actor,
        unit: UnitId,
        id: Option<R::Id>,
        input: R,
    ) -> CoreResult<R::Id> {
        let (id, action, before) = match id {
            None => (
                input
                    .insert(w.tx(), unit, w.now())
                    .await
                    .map_err(R::refused)?,
                AuditAction::Create,
                vec![],
            ),
            Some(id) => {
                let old = R::current(w.tx(), unit, id).await?;
                input.update(w.tx(), unit, id).await.map_err(R::refused)?;
                (id, AuditAction::Update, old.fields())
            }
        };
        w.commit(saved(
            actor,
            unit,
            R::TARGET,
            id,
            action,
            input.name(),
            &before,
            &input.fields(),
        ))
        .await?;
        self.cx.caches().structure_changed(unit);
        Ok(id)
    }

    async fn write(&self, actor: &Actor, unit: UnitId) -> CoreResult<Write> {
        self.cx
            .write(Access::Unit(actor, unit, Capability::EditOrg))
            .await
    }

    /// Campuses, departments and classes of a unit the actor may read.
    #[tracing::instrument(name = "org.structure", skip_all, fields(actor = %actor.name))]
    pub async fn structure(&self, actor: &Actor, unit: UnitId) -> CoreResult<Arc<Structure>> {
        self.cx.check_readable(actor, unit).await?;
        let now = self.cx.now();
        if let Some(s) = self.cx.caches().structure(unit, now) {
            return Ok(s);
        }
        // Single-flight: the parts of a page asking at once read it once.
        let lock = self
            .cx
            .caches()
            .load_lock(unit, crate::cache::Load::Structure);
        let _loading = lock.lock().await;
        if let Some(s) = self.cx.caches().structure(unit, now) {
            return Ok(s);
        }
        let db = self.cx.db();
        let (mut departments, campuses, classes) = Box::pin(async {
            tokio::try_join!(
                store::list_departments(db, unit),
                store::list_campuses(db, unit),
                store::list_classes(db, unit),
            )
        })
        .await?;
        // Offices first, then faculties, centres and unions, each by name.
        departments.sort_by_cached_key(|d| (d.kind, search_key(&d.name)));
        let s = Arc::new(Structure {
            campuses,
            departments,
            classes,
        });
        self.cx.caches().put_structure(unit, s.clone(), now);
        Ok(s)
    }

    #[tracing::instrument(name = "org.campus", skip_all, fields(actor = %actor.name))]
    pub async fn campus(&self, actor: &Actor, unit: UnitId, id: CampusId) -> CoreResult<Campus> {
        self.cx.check_readable(actor, unit).await?;
        Ok(store::get_campus(self.cx.db(), unit, id).await?)
    }

    #[tracing::instrument(name = "org.department", skip_all, fields(actor = %actor.name))]
    pub async fn department(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: DepartmentId,
    ) -> CoreResult<Department> {
        self.cx.check_readable(actor, unit).await?;
        Ok(store::get_department(self.cx.db(), unit, id).await?)
    }

    #[tracing::instrument(name = "org.class", skip_all, fields(actor = %actor.name))]
    pub async fn class(&self, actor: &Actor, unit: UnitId, id: ClassId) -> CoreResult<Class> {
        self.cx.check_readable(actor, unit).await?;
        Ok(store::get_class(self.cx.db(), unit, id).await?)
    }

    /// Classes with their faculty, campus, homeroom teacher and size.
    #[tracing::instrument(name = "org.class_rows", skip_all, fields(actor = %actor.name))]
    pub async fn class_rows(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<ClassRow>> {
        let s = self.structure(actor, unit).await?;
        let sizes: HashMap<ClassId, u64> = stats::class_sizes(self.cx.db(), unit)
            .await?
            .into_iter()
            .collect();
        let teacher_ids: Vec<_> = s
            .classes
            .iter()
            .filter_map(|c| c.homeroom_teacher_id)
            .collect();
        let teachers: HashMap<_, _> = people::names(self.cx.db(), unit, &teacher_ids)
            .await?
            .into_iter()
            .collect();
        Ok(s.classes
            .iter()
            .map(|c| ClassRow {
                department: s.department_name(c.department_id),
                campus: s.campus_name(c.campus_id),
                homeroom_teacher: c
                    .homeroom_teacher_id
                    .and_then(|id| teachers.get(&id).cloned()),
                students: sizes.get(&c.id).copied().unwrap_or(0),
                class: c.clone(),
            })
            .collect())
    }

    /// Creates a campus (`id` is `None`) or changes one.
    #[tracing::instrument(name = "org.save_campus", skip_all, fields(actor = %actor.name))]
    pub async fn save_campus(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: Option<CampusId>,
        input: CampusInput,
    ) -> CoreResult<CampusId> {
        let w = self.write(actor, unit).await?;
        self.save(w, actor, unit, id, input).await
    }

    /// Creates a department (`id` is `None`) or changes one.
    #[tracing::instrument(name = "org.save_department", skip_all, fields(actor = %actor.name))]
    pub async fn save_department(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: Option<DepartmentId>,
        input: DepartmentInput,
    ) -> CoreResult<DepartmentId> {
        let w = self.write(actor, unit).await?;
        self.save(w, actor, unit, id, input).await
    }

    /// Creates a class (`id` is `None`) or changes one. Its faculty, campus
    /// and homeroom teacher must be of the same unit; the teacher a member
    /// of staff.
    #[tracing::instrument(name = "org.save_class", skip_all, fields(actor = %actor.name))]
    pub async fn save_class(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: Option<ClassId>,
        input: ClassInput,
    ) -> CoreResult<ClassId> {
        let w = self.write(actor, unit).await?;
        if let Some(teacher) = input.homeroom_teacher_id {
            match people::get(w.tx(), unit, teacher).await {
                Ok(p) if p.kind == PersonKind::Staff => {}
                Ok(_) | Err(StoreError::NotFound) => {
                    return Err(CoreError::invalid(
                        "homeroom_teacher_id",
                        ErrorCode::NotFound,
                    ));
                }
                Err(e) => return Err(e.into()),
            }
        }
        self.save(w, actor, unit, id, input).await
    }
}
