//! People: the list with search, a person's card, creating and changing.

use std::sync::Arc;

use antt_domain::audit::{AuditAction, Change, TargetKind};
use antt_domain::page::{Page, PageRequest};
use antt_domain::person::{Person, PersonFilter, PersonForm, PersonInput, PersonKind};
use antt_domain::role::Capability;
use antt_domain::text::SearchTerms;
use antt_domain::{ClassId, DepartmentId, ErrorCode, PersonId, UnitId, time};
use antt_store::person as store;

use crate::actor::Actor;
use crate::audit::entry;
use crate::context::Cx;
use crate::error::{CoreError, CoreResult, duplicate_on, reference_on};
use crate::org::{Org, Structure};
use crate::write::Access;

/// A person with the names of their class and department, for lists.
#[derive(Clone, Debug)]
pub struct PersonRow {
    pub person: Person,
    pub class: Option<String>,
    /// The staff member's department, or the faculty of the student's class.
    pub department: Option<String>,
}

/// A page of people and the unit structure the filters offer.
#[derive(Clone, Debug)]
pub struct PeoplePage {
    pub page: Page<PersonRow>,
    pub structure: std::sync::Arc<Structure>,
    /// Whether the actor sees dates of birth and contact details.
    pub shows_details: bool,
    /// Whether the actor may add and change people.
    pub may_edit: bool,
}

fn row(structure: &Structure, person: Person) -> PersonRow {
    let class = structure.class(person.class_id);
    let department = structure.department_name(
        person
            .department_id
            .or_else(|| class.and_then(|c| c.department_id)),
    );
    PersonRow {
        class: class.map(|c| c.name.clone()),
        department,
        person,
    }
}

/// The department a person belongs to: their own, or their class's faculty.
fn department_of(
    structure: &Structure,
    department_id: Option<DepartmentId>,
    class_id: Option<ClassId>,
) -> Option<DepartmentId> {
    department_id.or_else(|| structure.class(class_id).and_then(|c| c.department_id))
}

/// The audited fields of a person, as text.
pub(crate) fn fields(p: &PersonInput) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("kind", Some(p.kind.code().into())),
        ("code", Some(p.code.clone())),
        ("full_name", Some(p.full_name.clone())),
        ("birth_date", p.birth_date.map(time::format_date)),
        ("gender", p.gender.map(|g| g.code().into())),
        ("ethnicity", p.ethnicity.clone()),
        ("phone", p.phone.clone()),
        ("email", p.email.clone()),
        ("department_id", p.department_id.map(|id| id.to_string())),
        ("class_id", p.class_id.map(|id| id.to_string())),
        ("position", p.position.clone()),
        ("boarding", Some(p.boarding.to_string())),
        ("status", Some(p.status.code().into())),
    ]
}

/// The person record of an account as `e` sees it (in a write, under its
/// lock), if it has one.
pub(crate) async fn person_of_account(
    e: &impl antt_store::Executor,
    actor: &Actor,
) -> CoreResult<Option<PersonId>> {
    let Some(user) = actor.user_id else {
        return Ok(None);
    };
    Ok(antt_store::user::get(e, actor.unit_id, user)
        .await?
        .person_id)
}

/// The input that would write `p` as it is.
pub fn input_of(p: &Person) -> PersonInput {
    PersonInput {
        kind: p.kind,
        code: p.code.clone(),
        full_name: p.full_name.clone(),
        birth_date: p.birth_date,
        gender: p.gender,
        ethnicity: p.ethnicity.clone(),
        phone: p.phone.clone(),
        email: p.email.clone(),
        department_id: p.department_id,
        class_id: p.class_id,
        position: p.position.clone(),
        boarding: p.boarding,
        status: p.status,
    }
}

/// The people of a unit: staff and students, their cards, imports and
/// exports.
#[derive(Clone)]
pub struct People {
    pub(crate) cx: Cx,
    pub(crate) org: Org,
}

impl People {
    pub(crate) fn new(cx: Cx, org: Org) -> Self {
        Self { cx, org }
    }

    /// The person record of an account, if it has one.
    pub(crate) async fn of_account(&self, actor: &Actor) -> CoreResult<Option<PersonId>> {
        person_of_account(self.cx.db(), actor).await
    }

    /// People of a unit matching `filter`, a page at a time.
    #[tracing::instrument(name = "people.list", skip_all, fields(actor = %actor.name))]
    pub async fn list(
        &self,
        actor: &Actor,
        unit: UnitId,
        filter: &PersonFilter,
        page: PageRequest,
    ) -> CoreResult<PeoplePage> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPeople)?;
        let structure = self.org.structure(actor, unit).await?;
        let (items, total) = if let Some(everyone) = self.warm_people(unit).await? {
            Self::search_in_memory(&everyone, &structure, filter, page)
        } else {
            let found = store::list(self.cx.db(), unit, filter, page).await?;
            let items = found
                .items
                .into_iter()
                .map(|p| row(&structure, p))
                .collect();
            (items, found.total)
        };
        Ok(PeoplePage {
            page: Page {
                items,
                total,
                request: page,
            },
            structure,
            shows_details: actor.role.can(Capability::ReadPersonDetails),
            may_edit: actor.role.can(Capability::EditPeople) && actor.unit_id == Some(unit)
                || actor.can(Capability::ManageUnits),
        })
    }

    /// A unit's people kept in memory, when it is searched often enough to
    /// be worth keeping (a clerk at the keyboard, a busy API client); `None`
    /// when the database should answer the one page asked for.
    async fn warm_people(&self, unit: UnitId) -> CoreResult<Option<Arc<Vec<(String, Person)>>>> {
        let now = self.cx.now();
        let caches = self.cx.caches();
        if let Some(everyone) = caches.people(unit, now) {
            return Ok(Some(everyone));
        }
        if caches.people_asked(unit, now) {
            return Ok(Some(self.cx.cached_people(unit).await?));
        }
        Ok(None)
    }

    /// A page of `everyone` matching `filter`, and how many match.
    fn search_in_memory(
        everyone: &[(String, Person)],
        structure: &Structure,
        filter: &PersonFilter,
        page: PageRequest,
    ) -> (Vec<PersonRow>, u64) {
        let terms = SearchTerms::new(filter.query.as_deref());
        let matching: Vec<&Person> = everyone
            .iter()
            .filter(|(key, p)| {
                let faculty = || structure.class(p.class_id).and_then(|c| c.department_id);
                filter.admits(p, faculty) && terms.matches(key)
            })
            .map(|(_, p)| p)
            .collect();
        let offset = usize::try_from(page.offset()).unwrap_or(usize::MAX);
        let per_page = usize::try_from(page.per_page).unwrap_or(usize::MAX);
        let items = matching
            .iter()
            .skip(offset)
            .take(per_page)
            .map(|p| row(structure, (*p).clone()))
            .collect();
        (items, matching.len() as u64)
    }

    /// One person with their details. The view is written to the audit log.
    #[tracing::instrument(name = "people.detail", skip_all, fields(actor = %actor.name))]
    pub async fn detail(&self, actor: &Actor, unit: UnitId, id: PersonId) -> CoreResult<PersonRow> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPersonDetails)?;
        let structure = self.org.structure(actor, unit).await?;
        let person = store::get(self.cx.db(), unit, id).await?;
        self.cx
            .record(entry(
                actor,
                Some(unit),
                AuditAction::View,
                Some((TargetKind::Person, id.to_string())),
                person.full_name.clone(),
                vec![],
            ))
            .await?;
        Ok(row(&structure, person))
    }

    /// Department heads change only people of their own department.
    fn check_department_scope(
        actor: &Actor,
        structure: &Structure,
        department_id: Option<DepartmentId>,
        class_id: Option<ClassId>,
    ) -> CoreResult<()> {
        if !actor.can(Capability::ActForDepartment) {
            return Ok(());
        }
        let theirs = actor.department_id.is_some()
            && department_of(structure, department_id, class_id) == actor.department_id;
        if theirs {
            Ok(())
        } else {
            Err(CoreError::Forbidden)
        }
    }

    /// Checks that the class and department named in `input` exist in the unit.
    fn check_references(structure: &Structure, input: &PersonInput) -> CoreResult<()> {
        let mut errors = antt_domain::ValidationErrors::new();
        if input.class_id.is_some() && structure.class(input.class_id).is_none() {
            errors.add("class_id", ErrorCode::NotFound);
        }
        if let Some(d) = input.department_id
            && !structure.departments.iter().any(|x| x.id == d)
        {
            errors.add("department_id", ErrorCode::NotFound);
        }
        errors.into_result().map_err(CoreError::Invalid)
    }

    /// Creates a person from a form.
    #[tracing::instrument(name = "people.create", skip_all, fields(actor = %actor.name))]
    pub async fn create(
        &self,
        actor: &Actor,
        unit: UnitId,
        form: &PersonForm,
    ) -> CoreResult<Person> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::EditPeople))
            .await?;
        let input = PersonInput::parse(form, time::local_date(w.now()))?;
        let structure = self.org.structure(actor, unit).await?;
        Self::check_references(&structure, &input)?;
        Self::check_department_scope(actor, &structure, input.department_id, input.class_id)?;
        let person = store::insert(w.tx(), unit, &input, w.now())
            .await
            .map_err(|e| {
                if e.is_conflict_on("code") {
                    CoreError::invalid("code", ErrorCode::Duplicate)
                } else {
                    reference_on("class_id")(e)
                }
            })?;
        let changes = Change::diff(&[], &fields(&input));
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Person, person.id.to_string())),
            person.full_name.clone(),
            changes,
        ))
        .await?;
        self.cx.caches().people_changed(unit);
        Ok(person)
    }

    /// Changes a person from a form; the audit log keeps each changed field
    /// before and after.
    #[tracing::instrument(name = "people.update", skip_all, fields(actor = %actor.name))]
    pub async fn update(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: PersonId,
        form: &PersonForm,
    ) -> CoreResult<Person> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::EditPeople))
            .await?;
        let structure = self.org.structure(actor, unit).await?;
        let old = store::get(w.tx(), unit, id).await?;
        Self::check_department_scope(actor, &structure, old.department_id, old.class_id)?;
        let input = PersonInput::parse(form, time::local_date(w.now()))?;
        Self::check_references(&structure, &input)?;
        Self::check_department_scope(actor, &structure, input.department_id, input.class_id)?;
        let changes = Change::diff(&fields(&input_of(&old)), &fields(&input));
        if changes.is_empty() {
            // Nothing to change: the write ends without a trace.
            return Ok(old);
        }
        let person = store::update(w.tx(), unit, id, &input, w.now())
            .await
            .map_err(duplicate_on("code", "code"))?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Person, id.to_string())),
            person.full_name.clone(),
            changes,
        ))
        .await?;
        self.cx.caches().people_changed(unit);
        Ok(person)
    }

    /// The person of a unit with this code.
    #[tracing::instrument(name = "people.by_code", skip_all, fields(actor = %actor.name))]
    pub async fn by_code(&self, actor: &Actor, unit: UnitId, code: &str) -> CoreResult<Person> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPeople)?;
        store::by_code(self.cx.db(), unit, code)
            .await?
            .ok_or(CoreError::NotFound)
    }

    /// Staff of a unit, for choosing a homeroom teacher.
    #[tracing::instrument(name = "people.staff_choices", skip_all, fields(actor = %actor.name))]
    pub async fn staff_choices(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<Person>> {
        self.cx.check_readable(actor, unit).await?;
        let filter = PersonFilter {
            kind: Some(PersonKind::Staff),
            status: Some(antt_domain::person::PersonStatus::Active),
            ..PersonFilter::default()
        };
        let mut all = Vec::new();
        for n in 1.. {
            let page = store::list(
                self.cx.db(),
                unit,
                &filter,
                PageRequest::new(Some(n), Some(PageRequest::MAX_PER_PAGE)),
            )
            .await?;
            let last = n >= page.pages();
            all.extend(page.items);
            if last {
                break;
            }
        }
        Ok(all)
    }
}
