//! The dormitories' visitor log: the board member on duty lets a visitor
//! in to see a resident (refused for one on the unit's list of people not
//! let in) and out; the board reads a day's visits and who was still
//! inside when visitors had to be gone.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::dorm_visit::{DormVisit, DormVisitInput, closing_at};
use antt_domain::person::Person;
use antt_domain::time::{local_date, vietnam_instant};
use antt_domain::{DormVisitId, ErrorCode, PersonId, UnitId};
use antt_store::{dorm as store, dorm_visit as visits};

use super::{Dorms, person_by_code};
use crate::actor::Actor;
use crate::audit::entry;
use crate::error::{CoreError, CoreResult};

/// A visitor as typed by the board member on duty.
#[derive(Clone, Debug, Default)]
pub struct VisitForm {
    /// The code of the resident they came to see.
    pub resident: String,
    pub name: String,
    pub relation: String,
    /// A document kind's code, or empty.
    pub document: String,
    pub number: String,
}

/// A visit with the resident visited and their room.
#[derive(Clone, Debug)]
pub struct VisitLine {
    pub visit: DormVisit,
    pub resident: Option<Person>,
    /// "Nhà A – A101".
    pub room: String,
}

/// A day's visits to the dormitories.
#[derive(Clone, Debug)]
pub struct VisitDay {
    pub day: NaiveDate,
    /// By when visitors leave.
    pub closing: NaiveTime,
    /// Everyone who came that day, and those still inside from before.
    pub visits: Vec<VisitLine>,
    /// When it was read: closing time not yet come has nobody past it.
    pub read_at: DateTime<Utc>,
    /// Whether the unit keeps visitors' whole document numbers.
    pub full_numbers: bool,
}

impl VisitDay {
    /// When visitors had to be gone that day.
    pub fn closing_at(&self) -> DateTime<Utc> {
        closing_at(self.day, self.closing)
    }

    /// Visits not over by closing time, once it has come.
    pub fn inside_at_closing(&self) -> impl Iterator<Item = &VisitLine> {
        let at = self.closing_at();
        let come = at <= self.read_at;
        self.visits
            .iter()
            .filter(move |v| come && v.visit.inside_at(at))
    }
}

impl Dorms {
    /// The visits of a day (Vietnam time), for the board and the unit's
    /// leaders.
    #[tracing::instrument(name = "dorms.visits", skip_all, fields(actor = %actor.name))]
    pub async fn visits(
        &self,
        actor: &Actor,
        unit: UnitId,
        day: NaiveDate,
    ) -> CoreResult<VisitDay> {
        if !self.standing(actor, unit).await?.sees_all() {
            return Err(CoreError::Forbidden);
        }
        let db = self.cx.db();
        let from = vietnam_instant(day.and_hms_opt(0, 0, 0).unwrap_or_default());
        let list = visits::of_period(db, unit, from, from + Duration::days(1)).await?;
        let setup = super::setup(db, &self.cx, unit).await?;
        let people = self.cx.cached_people(unit).await?;
        let by_id: HashMap<PersonId, &Person> = people.iter().map(|(_, p)| (p.id, p)).collect();
        let residences = store::residences_on(db, unit, Some(day)).await?;
        let visits = list
            .into_iter()
            .map(|v| {
                let room = residences
                    .iter()
                    .find(|r| r.person_id == v.resident_id)
                    .and_then(|r| setup.rooms.iter().find(|room| room.id == r.room_id))
                    .map(|room| setup.room_label(room))
                    .unwrap_or_default();
                VisitLine {
                    resident: by_id.get(&v.resident_id).map(|p| (*p).clone()),
                    room,
                    visit: v,
                }
            })
            .collect();
        Ok(VisitDay {
            day,
            closing: visits::closing(db, unit).await?,
            visits,
            read_at: self.cx.now(),
            full_numbers: antt_store::visitor::settings(db, unit).await?.full_numbers,
        })
    }

    /// Lets a visitor in to see a resident who lives in the dormitories
    /// today; refused, with nothing written, for one on the unit's list
    /// of people not let in.
    #[tracing::instrument(name = "dorms.admit_visitor", skip_all, fields(actor = %actor.name))]
    pub async fn admit_visitor(
        &self,
        actor: &Actor,
        unit: UnitId,
        form: &VisitForm,
    ) -> CoreResult<DormVisitId> {
        let w = self.board_write(actor, unit).await?;
        let full_numbers = antt_store::visitor::settings(w.tx(), unit)
            .await?
            .full_numbers;
        let input = DormVisitInput::parse(
            &form.name,
            &form.relation,
            &form.document,
            &form.number,
            full_numbers,
        );
        let resident = person_by_code(w.tx(), unit, "resident", &form.resident).await;
        let (input, resident) = match (input, resident) {
            (Ok(i), Ok(Some(r))) => (i, r),
            (input, resident) => {
                let mut errors = input.err().unwrap_or_default();
                match resident {
                    Ok(None) => errors.add("resident", ErrorCode::Required),
                    Err(CoreError::Invalid(e)) => errors.extend(e),
                    Err(e) => return Err(e),
                    Ok(Some(_)) => {}
                }
                return Err(CoreError::Invalid(errors));
            }
        };
        let today = local_date(w.now());
        let residence = store::residences_of(w.tx(), unit, resident.id)
            .await?
            .into_iter()
            .find(|r| r.holds(today))
            .ok_or_else(|| CoreError::invalid("resident", ErrorCode::NotAllowed))?;
        let room = store::room_of(w.tx(), unit, residence.room_id).await?;
        if let Some(b) = antt_store::visitor::barred(w.tx(), unit)
            .await?
            .into_iter()
            .find(|b| b.matches(&input.name, &input.document_number))
        {
            tracing::warn!(barred = %b.id, "a dormitory visitor on the list of people not let in");
            return Err(CoreError::invalid("name", ErrorCode::Barred));
        }
        let v = DormVisit {
            id: DormVisitId::new_v7(),
            unit_id: unit,
            building_id: room.building_id,
            resident_id: resident.id,
            name: input.name,
            relation: input.relation,
            document: input.document,
            document_number: input.document_number,
            arrived_at: w.now(),
            left_at: None,
            recorded_by: actor.display_name.clone(),
        };
        visits::insert(w.tx(), &v).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Dorm, v.id.to_string())),
            format!(
                "Khách thăm KTX: {} ({}) – gặp {} phòng {}",
                v.name, v.relation, resident.full_name, room.name
            ),
            Vec::new(),
        ))
        .await?;
        Ok(v.id)
    }

    /// Records that a visitor has left.
    #[tracing::instrument(name = "dorms.visitor_left", skip_all, fields(actor = %actor.name))]
    pub async fn visitor_left(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: DormVisitId,
    ) -> CoreResult<()> {
        let w = self.board_write(actor, unit).await?;
        visits::leave(w.tx(), unit, id, w.now()).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Dorm, id.to_string())),
            "Khách thăm KTX ra về".to_owned(),
            Vec::new(),
        ))
        .await
    }

    /// Sets by when visitors leave the dormitories ("21:00").
    #[tracing::instrument(name = "dorms.save_visits_closing", skip_all, fields(actor = %actor.name))]
    pub async fn save_visits_closing(
        &self,
        actor: &Actor,
        unit: UnitId,
        closing: &str,
    ) -> CoreResult<()> {
        let at = antt_domain::time::parse_clock(closing)
            .ok_or_else(|| CoreError::invalid("closing_time", ErrorCode::Invalid))?;
        let w = self.board_write(actor, unit).await?;
        visits::save_closing(w.tx(), unit, at).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Dorm, "visits".into())),
            format!("Khách thăm KTX ra về trước {}", at.format("%H:%M")),
            Vec::new(),
        ))
        .await
    }
}
