//! Boarding students: the dormitories (buildings, rooms, the board),
//! who lives where, the nightly roll call ([`rollcall`]) and leave
//! ([`leave`]), visitors ([`visits`]) and room checks ([`checks`]).
//!
//! Who may do what is the actor's standing in the unit's dormitories: the
//! office (and anyone the office puts on the dormitory board) runs them;
//! a room leader calls their own room's roll; a homeroom teacher follows
//! and decides the leave of their own classes' boarders; a student asks
//! for leave.

pub mod checks;
pub(crate) mod demo;
mod demo_life;
pub mod leave;
pub mod papers;
pub mod residents;
pub mod rollcall;
pub mod visits;
pub(crate) mod year;

use std::collections::HashMap;

use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::dorm::{BoardMember, Building, RollCallTimes, Room, RoomInput, night_of};
use antt_domain::person::Person;
use antt_domain::role::Capability;
use antt_domain::text;
use antt_domain::{BuildingId, CampusId, ClassId, ErrorCode, PersonId, RoomId, UnitId};
use antt_store::Executor;
use antt_store::dorm as store;

use crate::actor::Actor;
use crate::audit::entry;
use crate::context::Cx;
use crate::error::{CoreError, CoreResult};
use crate::tip::TipSettings;
use crate::write::{Access, Write};

/// What an actor is to a unit's dormitories.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Standing {
    /// Runs them: the office, or a member of the board.
    pub board: bool,
    /// Reads them all without running them (the unit's leaders).
    pub reads_all: bool,
    /// The rooms they lead (trưởng phòng).
    pub rooms: Vec<RoomId>,
    /// The classes they are homeroom teacher of.
    pub classes: Vec<ClassId>,
    /// Their own person record.
    pub person: Option<PersonId>,
}

impl Standing {
    /// Whether they may call `room`'s roll.
    pub fn calls(&self, room: RoomId) -> bool {
        self.board || self.rooms.contains(&room)
    }

    /// Whether they see the whole dormitory's night.
    pub fn sees_all(&self) -> bool {
        self.board || self.reads_all
    }

    /// Whether they have anything to do with the dormitories.
    pub fn any(&self) -> bool {
        self.board || self.reads_all || !self.rooms.is_empty() || !self.classes.is_empty()
    }
}

/// The dormitories of a unit as set up.
#[derive(Clone, Debug)]
pub struct Setup {
    pub times: RollCallTimes,
    pub buildings: Vec<Building>,
    pub rooms: Vec<Room>,
    pub board: Vec<(BoardMember, Person)>,
}

impl Setup {
    /// The rooms of a building, in order.
    pub fn rooms_of(&self, building: BuildingId) -> impl Iterator<Item = &Room> {
        self.rooms.iter().filter(move |r| r.building_id == building)
    }

    /// A building by id.
    pub fn building(&self, id: BuildingId) -> Option<&Building> {
        self.buildings.iter().find(|b| b.id == id)
    }

    /// "Nhà A – A101".
    pub fn room_label(&self, room: &Room) -> String {
        match self.building(room.building_id) {
            Some(b) => format!("{} – {}", b.name, room.name),
            None => room.name.clone(),
        }
    }
}

/// A building as typed.
#[derive(Clone, Debug, Default)]
pub struct BuildingForm {
    pub name: String,
    /// A campus id, or empty.
    pub campus: String,
    /// The supervisor's person code, or empty.
    pub supervisor: String,
}

/// A room as typed.
#[derive(Clone, Debug, Default)]
pub struct RoomForm {
    pub name: String,
    pub floor: String,
    pub capacity: String,
    pub gender: String,
    /// The room leader's person code, or empty.
    pub leader: String,
}

#[derive(Clone)]
pub struct Dorms {
    cx: Cx,
    hooks: TipSettings,
    exports: crate::exports::Exports,
}

/// The actor's standing, as `e` sees it.
pub(crate) async fn standing(
    e: &impl Executor,
    actor: &Actor,
    unit: UnitId,
) -> CoreResult<Standing> {
    if actor.unit_id != Some(unit) && !actor.can(Capability::ManageUnits) {
        return Ok(Standing::default());
    }
    let person = crate::person::person_of_account(e, actor).await?;
    let mut s = Standing {
        board: actor.can(Capability::ManageDorm),
        reads_all: actor.can(Capability::FollowAllTasks),
        person,
        ..Standing::default()
    };
    if let Some(p) = person {
        s.board |= store::board(e, unit)
            .await?
            .iter()
            .any(|m| m.person_id == p);
        s.rooms = store::rooms(e, unit)
            .await?
            .into_iter()
            .filter(|r| r.leader_id == Some(p))
            .map(|r| r.id)
            .collect();
        if actor.can(Capability::LeadClasses) {
            s.classes = antt_store::org::list_classes(e, unit)
                .await?
                .into_iter()
                .filter(|c| c.homeroom_teacher_id == Some(p))
                .map(|c| c.id)
                .collect();
        }
    }
    Ok(s)
}

impl Dorms {
    pub(crate) fn new(cx: Cx, hooks: TipSettings, exports: crate::exports::Exports) -> Self {
        Self { cx, hooks, exports }
    }

    /// The actor's standing in the unit's dormitories.
    #[tracing::instrument(name = "dorms.standing", skip_all, fields(actor = %actor.name))]
    pub async fn standing(&self, actor: &Actor, unit: UnitId) -> CoreResult<Standing> {
        self.cx.check_readable(actor, unit).await?;
        standing(self.cx.db(), actor, unit).await
    }

    /// Opens a write that runs the dormitories: the office by its role,
    /// a board member as one of the unit's people, checked under the lock.
    async fn board_write(&self, actor: &Actor, unit: UnitId) -> CoreResult<Write> {
        let w = if actor.can(Capability::ManageDorm) {
            self.cx
                .write(Access::Unit(actor, unit, Capability::ManageDorm))
                .await?
        } else {
            self.cx.write(Access::Own(actor, unit)).await?
        };
        if !standing(w.tx(), actor, unit).await?.board {
            return Err(CoreError::Forbidden);
        }
        Ok(w)
    }

    /// The dormitories as set up, for anyone with a standing in them.
    pub async fn setup(&self, actor: &Actor, unit: UnitId) -> CoreResult<Setup> {
        let s = self.standing(actor, unit).await?;
        if !s.any() && !actor.can(Capability::OverseeUnits) {
            return Err(CoreError::Forbidden);
        }
        setup(self.cx.db(), &self.cx, unit).await
    }

    /// Sets when the roll is called and by when ("21:30", "22:15").
    #[tracing::instrument(name = "dorms.save_times", skip_all, fields(actor = %actor.name))]
    pub async fn save_times(
        &self,
        actor: &Actor,
        unit: UnitId,
        call: &str,
        deadline: &str,
    ) -> CoreResult<()> {
        let times = RollCallTimes::parse(call, deadline)?;
        let w = self.board_write(actor, unit).await?;
        store::save_times(w.tx(), unit, times).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Dorm, "times".into())),
            format!(
                "Điểm danh tối lúc {}, xong trước {}",
                times.call.format("%H:%M"),
                times.deadline.format("%H:%M")
            ),
            Vec::new(),
        ))
        .await
    }

    /// Adds a building (`id` none) or changes one.
    #[tracing::instrument(name = "dorms.put_building", skip_all, fields(actor = %actor.name))]
    pub async fn put_building(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: Option<BuildingId>,
        form: &BuildingForm,
    ) -> CoreResult<BuildingId> {
        let name = text::required("name", &form.name, 60)
            .map_err(|e| CoreError::invalid(e.field, e.code))?;
        let w = self.board_write(actor, unit).await?;
        let campus = match form.campus.trim() {
            "" => None,
            c => {
                let id = c
                    .parse::<CampusId>()
                    .map_err(|_| CoreError::invalid("campus", ErrorCode::NotFound))?;
                antt_store::org::get_campus(w.tx(), unit, id)
                    .await
                    .map_err(|_| CoreError::invalid("campus", ErrorCode::NotFound))?;
                Some(id)
            }
        };
        let supervisor = person_by_code(w.tx(), unit, "supervisor", &form.supervisor).await?;
        let buildings = store::buildings(w.tx(), unit).await?;
        if let Some(id) = id
            && !buildings.iter().any(|b| b.id == id)
        {
            return Err(CoreError::NotFound);
        }
        if buildings
            .iter()
            .any(|b| Some(b.id) != id && text::search_key(&b.name) == text::search_key(&name))
        {
            return Err(CoreError::invalid("name", ErrorCode::Duplicate));
        }
        let b = Building {
            id: id.unwrap_or_else(BuildingId::new_v7),
            unit_id: unit,
            campus_id: campus,
            name,
            supervisor_id: supervisor.as_ref().map(|p| p.id),
        };
        store::put_building(w.tx(), &b, w.now()).await?;
        w.commit(entry(
            actor,
            Some(unit),
            if id.is_some() {
                AuditAction::Update
            } else {
                AuditAction::Create
            },
            Some((TargetKind::Dorm, b.id.to_string())),
            format!(
                "Nhà {}{}",
                b.name,
                supervisor.map_or(String::new(), |p| format!(", quản sinh {}", p.full_name))
            ),
            Vec::new(),
        ))
        .await?;
        Ok(b.id)
    }

    /// Adds a room to a building (`id` none) or changes one. A room keeps
    /// at least the beds its residents sleep in; a leader is one of them.
    #[tracing::instrument(name = "dorms.put_room", skip_all, fields(actor = %actor.name))]
    pub async fn put_room(
        &self,
        actor: &Actor,
        unit: UnitId,
        building: BuildingId,
        id: Option<RoomId>,
        form: &RoomForm,
    ) -> CoreResult<RoomId> {
        let input = RoomInput::parse(&form.name, &form.floor, &form.capacity, &form.gender)?;
        let w = self.board_write(actor, unit).await?;
        if !store::buildings(w.tx(), unit)
            .await?
            .iter()
            .any(|b| b.id == building)
        {
            return Err(CoreError::NotFound);
        }
        let rooms = store::rooms(w.tx(), unit).await?;
        if let Some(id) = id
            && !rooms
                .iter()
                .any(|r| r.id == id && r.building_id == building)
        {
            return Err(CoreError::NotFound);
        }
        if rooms.iter().any(|r| {
            r.building_id == building
                && Some(r.id) != id
                && text::search_key(&r.name) == text::search_key(&input.name)
        }) {
            return Err(CoreError::invalid("name", ErrorCode::Duplicate));
        }
        let leader = person_by_code(w.tx(), unit, "leader", &form.leader).await?;
        if let Some(id) = id {
            let living = store::residences_in(w.tx(), id).await?;
            let living: Vec<_> = living.iter().filter(|r| r.until.is_none()).collect();
            if living.iter().any(|r| r.bed > input.capacity) {
                return Err(CoreError::invalid("capacity", ErrorCode::Invalid));
            }
            if let Some(l) = &leader
                && !living.iter().any(|r| r.person_id == l.id)
            {
                return Err(CoreError::invalid("leader", ErrorCode::NotAllowed));
            }
        } else if leader.is_some() {
            // A new room has nobody in it to lead it yet.
            return Err(CoreError::invalid("leader", ErrorCode::NotAllowed));
        }
        let room = Room {
            id: id.unwrap_or_else(RoomId::new_v7),
            unit_id: unit,
            building_id: building,
            name: input.name,
            floor: input.floor,
            capacity: input.capacity,
            gender: input.gender,
            leader_id: leader.as_ref().map(|p| p.id),
        };
        store::put_room(w.tx(), &room).await?;
        w.commit(entry(
            actor,
            Some(unit),
            if id.is_some() {
                AuditAction::Update
            } else {
                AuditAction::Create
            },
            Some((TargetKind::Dorm, room.id.to_string())),
            format!(
                "Phòng {}: {} giường{}",
                room.name,
                room.capacity,
                leader.map_or(String::new(), |p| format!(", trưởng phòng {}", p.full_name))
            ),
            Vec::new(),
        ))
        .await?;
        Ok(room.id)
    }

    /// Puts a person (by code) on the dormitory board with a duty.
    #[tracing::instrument(name = "dorms.put_board_member", skip_all, fields(actor = %actor.name))]
    pub async fn put_board_member(
        &self,
        actor: &Actor,
        unit: UnitId,
        code: &str,
        duty: &str,
    ) -> CoreResult<()> {
        let duty =
            text::required("duty", duty, 80).map_err(|e| CoreError::invalid(e.field, e.code))?;
        if !actor.can(Capability::ManageDorm) {
            // Only the office names who runs the dormitories.
            return Err(CoreError::Forbidden);
        }
        let w = self.board_write(actor, unit).await?;
        let person = person_by_code(w.tx(), unit, "code", code)
            .await?
            .ok_or_else(|| CoreError::invalid("code", ErrorCode::Required))?;
        store::put_board_member(
            w.tx(),
            unit,
            &BoardMember {
                person_id: person.id,
                duty: duty.clone(),
            },
        )
        .await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Dorm, "board".into())),
            format!("Ban quản lý KTX: {} – {duty}", person.full_name),
            Vec::new(),
        ))
        .await
    }

    /// Takes a person off the board.
    #[tracing::instrument(name = "dorms.remove_board_member", skip_all, fields(actor = %actor.name))]
    pub async fn remove_board_member(
        &self,
        actor: &Actor,
        unit: UnitId,
        person: PersonId,
    ) -> CoreResult<()> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageDorm))
            .await?;
        let p = antt_store::person::get(w.tx(), unit, person).await?;
        store::remove_board_member(w.tx(), unit, person).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Dorm, "board".into())),
            format!("Thôi tham gia Ban quản lý KTX: {}", p.full_name),
            Vec::new(),
        ))
        .await
    }
}

/// The setup as `e` sees it.
pub(crate) async fn setup(e: &impl Executor, cx: &Cx, unit: UnitId) -> CoreResult<Setup> {
    let people = cx.cached_people(unit).await?;
    let by_id: HashMap<PersonId, &Person> = people.iter().map(|(_, p)| (p.id, p)).collect();
    let board = store::board(e, unit)
        .await?
        .into_iter()
        .filter_map(|m| by_id.get(&m.person_id).map(|p| (m, (*p).clone())))
        .collect();
    Ok(Setup {
        times: store::times(e, unit).await?,
        buildings: store::buildings(e, unit).await?,
        rooms: store::rooms(e, unit).await?,
        board,
    })
}

/// A person of the unit by code, when one is typed: `None` for blank, a
/// refusal on `field` for a code the unit does not have.
async fn person_by_code(
    e: &impl Executor,
    unit: UnitId,
    field: &'static str,
    code: &str,
) -> CoreResult<Option<Person>> {
    let code = code.trim();
    if code.is_empty() {
        return Ok(None);
    }
    antt_store::person::by_code(e, unit, code)
        .await?
        .map(Some)
        .ok_or_else(|| CoreError::invalid(field, ErrorCode::NotFound))
}
