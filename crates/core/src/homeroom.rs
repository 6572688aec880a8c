//! A homeroom teacher's own classes: for the movement year, which of their
//! students have not signed the commitment, attended a session or handed in
//! an open contest, so the teacher can chase each by name.

use std::collections::{HashMap, HashSet};

use chrono::Duration;

use antt_domain::org::Class;
use antt_domain::person::PersonStatus;
use antt_domain::role::Capability;
use antt_domain::time::local_date;
use antt_domain::{ClassId, PersonId, UnitId};

use crate::actor::Actor;
use crate::context::{Cx, movement_year};
use crate::error::{CoreError, CoreResult};
use crate::org::Org;
use crate::person::person_of_account;

/// One student of the class and what they have done this year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StudentStanding {
    pub person: PersonId,
    pub name: String,
    pub code: String,
    /// Signed the year's commitment (false when no campaign is open).
    pub signed: bool,
    /// Attended at least one session of the year.
    pub attended: bool,
    /// Contests of the year already open that they handed in.
    pub contests_done: usize,
}

impl StudentStanding {
    /// Whether something is still missing, given what the year asks.
    pub fn behind(&self, class: &ClassStanding) -> bool {
        (class.campaign && !self.signed)
            || !self.attended
            || self.contests_done < class.contests_open
    }
}

/// A class with every active student's standing, names in order.
#[derive(Clone, Debug)]
pub struct ClassStanding {
    pub class: Class,
    pub year: i32,
    /// The unit has opened the year's commitment campaign.
    pub campaign: bool,
    /// Contests of the year that have opened by today.
    pub contests_open: usize,
    pub students: Vec<StudentStanding>,
}

impl ClassStanding {
    pub fn not_signed(&self) -> usize {
        if self.campaign {
            self.students.iter().filter(|s| !s.signed).count()
        } else {
            0
        }
    }
    pub fn not_attended(&self) -> usize {
        self.students.iter().filter(|s| !s.attended).count()
    }
    pub fn not_in_contest(&self) -> usize {
        self.students
            .iter()
            .filter(|s| s.contests_done < self.contests_open)
            .count()
    }
}

/// The homeroom view of classes.
#[derive(Clone)]
pub struct Homeroom {
    cx: Cx,
    org: Org,
}

impl Homeroom {
    pub(crate) fn new(cx: Cx, org: Org) -> Self {
        Self { cx, org }
    }

    /// The classes whose homeroom teacher is the actor's own person record
    /// (none when the account has no person or leads no class).
    #[tracing::instrument(name = "homeroom.my_classes", skip_all, fields(actor = %actor.name))]
    pub async fn my_classes(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<Class>> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPersonDetails)?;
        let Some(me) = person_of_account(self.cx.db(), actor).await? else {
            return Ok(Vec::new());
        };
        if actor.unit_id != Some(unit) {
            return Ok(Vec::new());
        }
        let structure = self.org.structure(actor, unit).await?;
        Ok(structure
            .classes
            .iter()
            .filter(|c| c.homeroom_teacher_id == Some(me))
            .cloned()
            .collect())
    }

    /// A class's standing in the movement year `year`: open to its homeroom
    /// teacher, and to those who follow the whole unit's work.
    #[tracing::instrument(name = "homeroom.class", skip_all, fields(actor = %actor.name))]
    pub async fn class(
        &self,
        actor: &Actor,
        unit: UnitId,
        class: ClassId,
        year: i32,
    ) -> CoreResult<ClassStanding> {
        let mine = self.my_classes(actor, unit).await?;
        let class = match mine.into_iter().find(|c| c.id == class) {
            Some(c) => c,
            None if actor.can(Capability::FollowAllTasks) => self
                .org
                .structure(actor, unit)
                .await?
                .classes
                .iter()
                .find(|c| c.id == class)
                .cloned()
                .ok_or(CoreError::NotFound)?,
            None => return Err(CoreError::Forbidden),
        };
        let my = movement_year(year)?;
        let db = self.cx.db();
        let now = self.cx.now();
        let today = local_date(now);
        let campaign = antt_store::commitment::of_year(db, unit, year).await?;
        let signed = match &campaign {
            Some(c) => antt_store::commitment::signed(db, unit, c.id).await?,
            None => HashSet::new(),
        };
        let reached = antt_store::session::reached(
            db,
            unit,
            my.starts_at(),
            my.ends_at().min(now + Duration::days(1)),
        )
        .await?;
        let contests: Vec<_> = antt_store::contest::of_year(db, unit, year)
            .await?
            .into_iter()
            .filter(|c| c.opens_on <= today)
            .collect();
        let mut handed_in: HashMap<PersonId, usize> = HashMap::new();
        for c in &contests {
            for a in antt_store::contest::attempts(db, unit, c.id).await? {
                if a.submitted_at.is_some() {
                    *handed_in.entry(a.person_id).or_default() += 1;
                }
            }
        }
        let people = self.cx.cached_people(unit).await?;
        let mut students: Vec<StudentStanding> = people
            .iter()
            .map(|(_, p)| p)
            .filter(|p| p.class_id == Some(class.id) && p.status == PersonStatus::Active)
            .map(|p| StudentStanding {
                person: p.id,
                name: p.full_name.clone(),
                code: p.code.clone(),
                signed: signed.contains(&p.id),
                attended: reached.contains(&p.id),
                contests_done: handed_in.get(&p.id).copied().unwrap_or(0),
            })
            .collect();
        students.sort_by_cached_key(|s| antt_domain::text::name_sort_key(&s.name));
        Ok(ClassStanding {
            class,
            year,
            campaign: campaign.is_some(),
            contests_open: contests.len(),
            students,
        })
    }
}
