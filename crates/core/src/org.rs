//! Campuses, departments and classes of a unit.

use std::collections::HashMap;
use std::sync::Arc;

use antt_domain::audit::{AuditAction, Change, TargetKind};
use antt_domain::org::{Campus, CampusInput, Class, ClassInput, Department, DepartmentInput};
use antt_domain::person::PersonKind;
use antt_domain::text::search_key;
use antt_domain::{CampusId, ClassId, DepartmentId, ErrorCode, UnitId};
use antt_store::{org as store, person as people, stats};

use crate::Antt;
use crate::actor::Actor;
use crate::audit::{append, entry};
use crate::error::{CoreError, CoreResult, duplicate_on, reference_on};

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
}

fn campus_fields(c: &CampusInput) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("name", Some(c.name.clone())),
        ("address", c.address.clone()),
    ]
}

fn department_fields(d: &DepartmentInput) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("name", Some(d.name.clone())),
        ("kind", Some(d.kind.code().into())),
    ]
}

fn class_fields(c: &ClassInput) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("name", Some(c.name.clone())),
        ("department_id", c.department_id.map(|id| id.to_string())),
        ("campus_id", c.campus_id.map(|id| id.to_string())),
        (
            "homeroom_teacher_id",
            c.homeroom_teacher_id.map(|id| id.to_string()),
        ),
    ]
}

impl Antt {
    /// Campuses, departments and classes of a unit the actor may read.
    pub async fn structure(&self, actor: &Actor, unit: UnitId) -> CoreResult<Arc<Structure>> {
        self.check_readable(actor, unit).await?;
        let now = self.now();
        if let Some(s) = self.caches().structure(unit, now) {
            return Ok(s);
        }
        // Offices first, then faculties, centres and unions, each by name.
        let mut departments = store::list_departments(self.db(), unit).await?;
        departments.sort_by_cached_key(|d| (d.kind, search_key(&d.name)));
        let s = Arc::new(Structure {
            campuses: store::list_campuses(self.db(), unit).await?,
            departments,
            classes: store::list_classes(self.db(), unit).await?,
        });
        self.caches().put_structure(unit, s.clone(), now);
        Ok(s)
    }

    pub async fn get_campus(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: CampusId,
    ) -> CoreResult<Campus> {
        self.check_readable(actor, unit).await?;
        Ok(store::get_campus(self.db(), unit, id).await?)
    }

    pub async fn get_department(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: DepartmentId,
    ) -> CoreResult<Department> {
        self.check_readable(actor, unit).await?;
        Ok(store::get_department(self.db(), unit, id).await?)
    }

    pub async fn get_class(&self, actor: &Actor, unit: UnitId, id: ClassId) -> CoreResult<Class> {
        self.check_readable(actor, unit).await?;
        Ok(store::get_class(self.db(), unit, id).await?)
    }

    /// Classes with their faculty, campus, homeroom teacher and size.
    pub async fn class_rows(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<ClassRow>> {
        let s = self.structure(actor, unit).await?;
        let sizes: HashMap<ClassId, u64> = stats::class_sizes(self.db(), unit)
            .await?
            .into_iter()
            .collect();
        let teacher_ids: Vec<_> = s
            .classes
            .iter()
            .filter_map(|c| c.homeroom_teacher_id)
            .collect();
        let teachers: HashMap<_, _> = people::names(self.db(), unit, &teacher_ids)
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
    pub async fn save_campus(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: Option<CampusId>,
        input: CampusInput,
    ) -> CoreResult<CampusId> {
        self.check_writable(actor, unit).await?;
        actor.require(actor.role.edits_org())?;
        let now = self.now();
        let tx = self.db().begin().await?;
        let (id, action, before) = match id {
            None => (
                store::insert_campus(&tx, unit, &input, now)
                    .await
                    .map_err(duplicate_on("name", "name"))?
                    .id,
                AuditAction::Create,
                vec![],
            ),
            Some(id) => {
                let old = store::get_campus(&tx, unit, id).await?;
                store::update_campus(&tx, unit, id, &input)
                    .await
                    .map_err(duplicate_on("name", "name"))?;
                (
                    id,
                    AuditAction::Update,
                    campus_fields(&CampusInput {
                        name: old.name,
                        address: old.address,
                    }),
                )
            }
        };
        let changes = Change::diff(&before, &campus_fields(&input));
        append(
            &tx,
            now,
            entry(
                actor,
                Some(unit),
                action,
                Some((TargetKind::Campus, id.to_string())),
                input.name,
                changes,
            ),
        )
        .await?;
        tx.commit().await?;
        self.caches().structure_changed(unit);
        Ok(id)
    }

    /// Creates a department (`id` is `None`) or changes one.
    pub async fn save_department(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: Option<DepartmentId>,
        input: DepartmentInput,
    ) -> CoreResult<DepartmentId> {
        self.check_writable(actor, unit).await?;
        actor.require(actor.role.edits_org())?;
        let now = self.now();
        let tx = self.db().begin().await?;
        let (id, action, before) = match id {
            None => (
                store::insert_department(&tx, unit, &input, now)
                    .await
                    .map_err(duplicate_on("name", "name"))?
                    .id,
                AuditAction::Create,
                vec![],
            ),
            Some(id) => {
                let old = store::get_department(&tx, unit, id).await?;
                store::update_department(&tx, unit, id, &input)
                    .await
                    .map_err(duplicate_on("name", "name"))?;
                (
                    id,
                    AuditAction::Update,
                    department_fields(&DepartmentInput {
                        kind: old.kind,
                        name: old.name,
                    }),
                )
            }
        };
        let changes = Change::diff(&before, &department_fields(&input));
        append(
            &tx,
            now,
            entry(
                actor,
                Some(unit),
                action,
                Some((TargetKind::Department, id.to_string())),
                input.name,
                changes,
            ),
        )
        .await?;
        tx.commit().await?;
        self.caches().structure_changed(unit);
        Ok(id)
    }

    /// Creates a class (`id` is `None`) or changes one. Its faculty, campus
    /// and homeroom teacher must be of the same unit.
    pub async fn save_class(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: Option<ClassId>,
        input: ClassInput,
    ) -> CoreResult<ClassId> {
        self.check_writable(actor, unit).await?;
        actor.require(actor.role.edits_org())?;
        if let Some(teacher) = input.homeroom_teacher_id {
            match people::get(self.db(), unit, teacher).await {
                Ok(p) if p.kind == PersonKind::Staff => {}
                Ok(_) | Err(antt_store::StoreError::NotFound) => {
                    return Err(CoreError::invalid(
                        "homeroom_teacher_id",
                        ErrorCode::NotFound,
                    ));
                }
                Err(e) => return Err(e.into()),
            }
        }
        let now = self.now();
        let tx = self.db().begin().await?;
        let refused = |e: antt_store::StoreError| match e {
            e @ antt_store::StoreError::Conflict(_) => duplicate_on("name", "name")(e),
            e => reference_on("department_id")(e),
        };
        let (id, action, before) = match id {
            None => (
                store::insert_class(&tx, unit, &input, now)
                    .await
                    .map_err(refused)?
                    .id,
                AuditAction::Create,
                vec![],
            ),
            Some(id) => {
                let old = store::get_class(&tx, unit, id).await?;
                store::update_class(&tx, unit, id, &input)
                    .await
                    .map_err(refused)?;
                let old = ClassInput {
                    name: old.name,
                    department_id: old.department_id,
                    campus_id: old.campus_id,
                    homeroom_teacher_id: old.homeroom_teacher_id,
                };
                (id, AuditAction::Update, class_fields(&old))
            }
        };
        let changes = Change::diff(&before, &class_fields(&input));
        append(
            &tx,
            now,
            entry(
                actor,
                Some(unit),
                action,
                Some((TargetKind::Class, id.to_string())),
                input.name,
                changes,
            ),
        )
        .await?;
        tx.commit().await?;
        self.caches().structure_changed(unit);
        Ok(id)
    }
}
