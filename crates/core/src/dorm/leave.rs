//! Leave to go out or home: a boarding student asks on the phone, the
//! board or the homeroom teacher decides, the roll call shows it, and a
//! student not back when it ends stands out. The board records a leave
//! late for a student found absent who had a reason.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::dorm::{Leave, LeaveInput, LeaveState, Mark};
use antt_domain::person::Person;
use antt_domain::role::Capability;
use antt_domain::time::{format_date, format_instant};
use antt_domain::{ErrorCode, LeaveId, PersonId, UnitId};
use antt_store::dorm as store;

use super::{Dorms, Standing, standing};
use crate::actor::Actor;
use crate::audit::entry;
use crate::error::{CoreError, CoreResult};
use crate::write::{Access, Write};

/// A leave as typed.
#[derive(Clone, Debug, Default)]
pub struct LeaveForm {
    pub from: String,
    pub until: String,
    pub destination: String,
    pub reason: String,
}

/// The leave requests an actor deals with.
#[derive(Clone, Debug, Default)]
pub struct LeaveBoard {
    /// Waiting for a decision, the oldest first.
    pub asked: Vec<(Leave, Person)>,
    /// Out now on approved leave.
    pub out: Vec<(Leave, Person)>,
    /// Leave ended, no return recorded.
    pub not_back: Vec<(Leave, Person)>,
    /// Everything else of the last weeks (decided, back, cancelled).
    pub recent: Vec<(Leave, Person)>,
}

/// How far back the leave lists reach.
const LEAVE_WEEKS: i64 = 6;

/// Whether `s` may decide a leave of `person`: the board, or the
/// homeroom teacher of their class.
fn decides(s: &Standing, person: &Person) -> bool {
    s.board || person.class_id.is_some_and(|c| s.classes.contains(&c))
}

impl Dorms {
    async fn own_write(&self, actor: &Actor, unit: UnitId) -> CoreResult<Write> {
        if actor.can(Capability::ManageDorm) {
            self.cx
                .write(Access::Unit(actor, unit, Capability::ManageDorm))
                .await
        } else {
            self.cx.write(Access::Own(actor, unit)).await
        }
    }

    /// A boarding student asks for leave.
    #[tracing::instrument(name = "dorms.ask_leave", skip_all, fields(actor = %actor.name))]
    pub async fn ask_leave(
        &self,
        actor: &Actor,
        unit: UnitId,
        form: &LeaveForm,
    ) -> CoreResult<LeaveId> {
        let now = self.cx.now();
        let input = LeaveInput::parse(
            &form.from,
            &form.until,
            &form.destination,
            &form.reason,
            now,
            false,
        )?;
        let w = self.cx.write(Access::Own(actor, unit)).await?;
        let person = crate::person::person_of_account(w.tx(), actor)
            .await?
            .ok_or(CoreError::Forbidden)?;
        if !store::residences_on(w.tx(), unit, None)
            .await?
            .iter()
            .any(|r| r.person_id == person)
        {
            // Only a student with a bed asks the dormitory for leave.
            return Err(CoreError::invalid("person", ErrorCode::NotAllowed));
        }
        let leave = Leave {
            id: LeaveId::new_v7(),
            unit_id: unit,
            person_id: person,
            from: input.from,
            until: input.until,
            destination: input.destination,
            reason: input.reason,
            state: LeaveState::Asked,
            asked_by: actor.name.clone(),
            asked_at: w.now(),
            decided_by: None,
            decided_at: None,
            decision_note: String::new(),
            late: false,
            returned_at: None,
        };
        store::put_leave(w.tx(), &leave).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Dorm, leave.id.to_string())),
            format!(
                "Xin phép {} từ {} đến {}",
                leave.destination,
                format_instant(leave.from),
                format_instant(leave.until)
            ),
            Vec::new(),
        ))
        .await?;
        Ok(leave.id)
    }

    /// Approves or refuses a request waiting for a decision.
    #[tracing::instrument(name = "dorms.decide_leave", skip_all, fields(actor = %actor.name))]
    pub async fn decide_leave(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: LeaveId,
        approve: bool,
        note: &str,
    ) -> CoreResult<()> {
        let note = antt_domain::text::optional("note", Some(note), 500)
            .map_err(|e| CoreError::invalid(e.field, e.code))?
            .unwrap_or_default();
        if !approve && note.is_empty() {
            // A refusal says why.
            return Err(CoreError::invalid("note", ErrorCode::Required));
        }
        let w = self.own_write(actor, unit).await?;
        let mut leave = store::leave_of(w.tx(), unit, id).await?;
        let person = antt_store::person::get(w.tx(), unit, leave.person_id).await?;
        if !decides(&standing(w.tx(), actor, unit).await?, &person) {
            return Err(CoreError::Forbidden);
        }
        if leave.state != LeaveState::Asked {
            return Err(CoreError::invalid("state", ErrorCode::WrongState));
        }
        leave.state = if approve {
            LeaveState::Approved
        } else {
            LeaveState::Refused
        };
        leave.decided_by = Some(actor.display_name.clone());
        leave.decided_at = Some(w.now());
        leave.decision_note = note;
        store::put_leave(w.tx(), &leave).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Dorm, id.to_string())),
            format!(
                "{} đơn xin phép của {}",
                if approve { "Duyệt" } else { "Không duyệt" },
                person.full_name
            ),
            Vec::new(),
        ))
        .await
    }

    /// The student takes back a request not yet decided.
    #[tracing::instrument(name = "dorms.cancel_leave", skip_all, fields(actor = %actor.name))]
    pub async fn cancel_leave(&self, actor: &Actor, unit: UnitId, id: LeaveId) -> CoreResult<()> {
        let w = self.cx.write(Access::Own(actor, unit)).await?;
        let mut leave = store::leave_of(w.tx(), unit, id).await?;
        if crate::person::person_of_account(w.tx(), actor).await? != Some(leave.person_id) {
            return Err(CoreError::NotFound);
        }
        if leave.state != LeaveState::Asked {
            return Err(CoreError::invalid("state", ErrorCode::WrongState));
        }
        leave.state = LeaveState::Cancelled;
        store::put_leave(w.tx(), &leave).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Dorm, id.to_string())),
            "Hủy đơn xin phép".to_owned(),
            Vec::new(),
        ))
        .await
    }

    /// Records that a student on leave is back.
    #[tracing::instrument(name = "dorms.returned", skip_all, fields(actor = %actor.name))]
    pub async fn returned(&self, actor: &Actor, unit: UnitId, id: LeaveId) -> CoreResult<()> {
        let w = self.own_write(actor, unit).await?;
        let mut leave = store::leave_of(w.tx(), unit, id).await?;
        let person = antt_store::person::get(w.tx(), unit, leave.person_id).await?;
        let s = standing(w.tx(), actor, unit).await?;
        let room = store::residences_on(w.tx(), unit, None)
            .await?
            .into_iter()
            .find(|r| r.person_id == person.id)
            .map(|r| r.room_id);
        if !decides(&s, &person) && !room.is_some_and(|r| s.calls(r)) {
            return Err(CoreError::Forbidden);
        }
        if leave.state != LeaveState::Approved || leave.returned_at.is_some() {
            return Err(CoreError::invalid("state", ErrorCode::WrongState));
        }
        leave.returned_at = Some(w.now());
        store::put_leave(w.tx(), &leave).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Dorm, id.to_string())),
            format!("{} đã về ký túc xá", person.full_name),
            Vec::new(),
        ))
        .await
    }

    /// Records, after the night, the leave a student found absent had:
    /// approved at once, from that night's call until `until` (a return
    /// recorded then when it has passed); the night's mark becomes "out
    /// with leave". For the board and the student's homeroom teacher.
    #[tracing::instrument(name = "dorms.record_late_leave", skip_all, fields(actor = %actor.name))]
    pub async fn record_late_leave(
        &self,
        actor: &Actor,
        unit: UnitId,
        person: PersonId,
        night: NaiveDate,
        until: &str,
        reason: &str,
    ) -> CoreResult<LeaveId> {
        crate::patrol::plausible("night", night)?;
        let w = self.own_write(actor, unit).await?;
        let now = w.now();
        let p = antt_store::person::get(w.tx(), unit, person).await?;
        if !decides(&standing(w.tx(), actor, unit).await?, &p) {
            return Err(CoreError::Forbidden);
        }
        let times = store::times(w.tx(), unit).await?;
        let from = times.call_at(night) - Duration::minutes(1);
        let input = LeaveInput::parse(
            &antt_domain::time::input_time(from),
            until,
            "Ghi phép muộn",
            reason,
            now,
            true,
        )?;
        let mut marks = store::marks_of_person(w.tx(), unit, person, night, night).await?;
        let Some(mut mark) = marks.pop() else {
            // Nothing to explain: the student was not marked that night.
            return Err(CoreError::invalid("night", ErrorCode::NotFound));
        };
        if mark.mark != Mark::Absent {
            return Err(CoreError::invalid("night", ErrorCode::WrongState));
        }
        let leave = Leave {
            id: LeaveId::new_v7(),
            unit_id: unit,
            person_id: person,
            from: input.from,
            until: input.until,
            destination: input.destination,
            reason: input.reason,
            state: LeaveState::Approved,
            asked_by: actor.name.clone(),
            asked_at: now,
            decided_by: Some(actor.display_name.clone()),
            decided_at: Some(now),
            decision_note: String::new(),
            late: true,
            returned_at: (input.until <= now).then_some(input.until),
        };
        store::put_leave(w.tx(), &leave).await?;
        mark.mark = Mark::OnLeave;
        mark.leave_id = Some(leave.id);
        mark.marked_by = actor.name.clone();
        mark.marked_at = now;
        store::put_marks(w.tx(), unit, &[mark]).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Dorm, leave.id.to_string())),
            format!(
                "Ghi phép muộn cho {} đêm {}: {}",
                p.full_name,
                format_date(night),
                leave.reason
            ),
            Vec::new(),
        ))
        .await?;
        Ok(leave.id)
    }

    /// The leave the actor deals with: all for the board, their classes'
    /// for a homeroom teacher, their own for a student.
    pub async fn leave_board(&self, actor: &Actor, unit: UnitId) -> CoreResult<LeaveBoard> {
        let s = self.standing(actor, unit).await?;
        let now = self.cx.now();
        let people = self.cx.cached_people(unit).await?;
        let by_id: HashMap<PersonId, &Person> = people.iter().map(|(_, p)| (p.id, p)).collect();
        let own = s.person;
        let sees = |p: &Person| s.sees_all() || decides(&s, p) || Some(p.id) == own;
        let mut board = LeaveBoard::default();
        let since: DateTime<Utc> = now - Duration::weeks(LEAVE_WEEKS);
        for l in store::leaves(self.cx.db(), unit, None, since).await? {
            let Some(p) = by_id.get(&l.person_id).filter(|p| sees(p)) else {
                continue;
            };
            let line = (l, (*p).clone());
            let l = &line.0;
            if l.state == LeaveState::Asked {
                board.asked.push(line);
            } else if l.not_back(now) {
                board.not_back.push(line);
            } else if l.covers(now) {
                board.out.push(line);
            } else {
                board.recent.push(line);
            }
        }
        board.asked.reverse();
        Ok(board)
    }

    /// One leave request, for whoever deals with it.
    pub async fn leave(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: LeaveId,
    ) -> CoreResult<(Leave, Person)> {
        let s = self.standing(actor, unit).await?;
        let l = store::leave_of(self.cx.db(), unit, id).await?;
        let p = antt_store::person::get(self.cx.db(), unit, l.person_id).await?;
        if !(s.sees_all() || decides(&s, &p) || s.person == Some(p.id)) {
            return Err(CoreError::NotFound);
        }
        Ok((l, p))
    }
}
