//! Who lives where: a room's residents and its history, placing a
//! student in a bed (by hand, from a sheet, or as suggested), moving out.

use std::collections::HashMap;

use chrono::NaiveDate;

use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::dorm::{Boarder, Building, Residence, ResidentColumn, Room, RoomSpace, suggest};
use antt_domain::person::{Person, PersonKind, PersonStatus};
use antt_domain::sheet::{Problem, find_table};
use antt_domain::text::search_key;
use antt_domain::{ErrorCode, PersonId, ResidenceId, RoomId, UnitId};
use antt_store::dorm as store;

use super::Dorms;
use crate::actor::Actor;
use crate::audit::entry;
use crate::error::{CoreError, CoreResult};
use crate::write::Write;

/// A resident: their stay and who they are.
#[derive(Clone, Debug)]
pub struct Resident {
    pub residence: Residence,
    pub person: Person,
}

/// A room with who lives there now and who lived there before.
#[derive(Clone, Debug)]
pub struct RoomView {
    pub room: Room,
    pub building: Building,
    /// By bed.
    pub residents: Vec<Resident>,
    /// Stays that ended, the latest first.
    pub history: Vec<Resident>,
}

impl RoomView {
    /// Beds nobody sleeps in.
    pub fn free_beds(&self) -> Vec<u8> {
        (1..=self.room.capacity)
            .filter(|b| !self.residents.iter().any(|r| r.residence.bed == *b))
            .collect()
    }
}

/// A placement read from a sheet or suggested.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlacementLine {
    pub code: String,
    pub name: String,
    pub room: String,
    pub bed: u8,
    /// They lived in another room until now.
    pub moves_from: Option<String>,
}

/// What an import of residents read and did.
#[derive(Clone, Debug, Default)]
pub struct ResidentImport {
    pub lines: Vec<PlacementLine>,
    pub problems: Vec<Problem>,
    /// How many stays were written (0 for a dry run or a refused file).
    pub placed: usize,
}

/// The open stays of a unit, in a write: who sleeps where.
struct Occupancy {
    rooms: Vec<Room>,
    buildings: Vec<Building>,
    by_person: HashMap<PersonId, Residence>,
    beds: HashMap<(RoomId, u8), PersonId>,
}

/// A stay to open, and the one it ends.
struct Move {
    person: PersonId,
    room: RoomId,
    bed: u8,
    ends: Option<Residence>,
}

impl Occupancy {
    async fn load(w: &Write, unit: UnitId) -> CoreResult<Self> {
        let open = store::residences_on(w.tx(), unit, None).await?;
        Ok(Self {
            rooms: store::rooms(w.tx(), unit).await?,
            buildings: store::buildings(w.tx(), unit).await?,
            beds: open
                .iter()
                .map(|r| ((r.room_id, r.bed), r.person_id))
                .collect(),
            by_person: open.into_iter().map(|r| (r.person_id, r)).collect(),
        })
    }

    fn room(&self, id: RoomId) -> Option<&Room> {
        self.rooms.iter().find(|r| r.id == id)
    }

    fn label(&self, room: &Room) -> String {
        match self.buildings.iter().find(|b| b.id == room.building_id) {
            Some(b) => format!("{} – {}", b.name, room.name),
            None => room.name.clone(),
        }
    }

    /// Places `person` in `room` (the bed asked for, or the first free),
    /// keeping the books as if done: `Err` names the field refused.
    fn place(
        &mut self,
        person: &Person,
        room: RoomId,
        bed: Option<u8>,
    ) -> Result<Move, (&'static str, ErrorCode)> {
        if person.kind != PersonKind::Student || person.status != PersonStatus::Active {
            return Err(("code", ErrorCode::NotAllowed));
        }
        let r = self
            .room(room)
            .ok_or(("room", ErrorCode::NotFound))?
            .clone();
        if r.gender.is_some() && person.gender != r.gender {
            return Err(("gender", ErrorCode::NotAllowed));
        }
        let ends = self.by_person.get(&person.id).cloned();
        if ends
            .as_ref()
            .is_some_and(|e| e.room_id == room && bed.is_none_or(|b| b == e.bed))
        {
            return Err(("room", ErrorCode::AlreadyRecorded));
        }
        let bed = match bed {
            Some(b) if b == 0 || b > r.capacity => return Err(("bed", ErrorCode::Invalid)),
            Some(b) => b,
            None => (1..=r.capacity)
                .find(|b| !self.beds.contains_key(&(room, *b)))
                .ok_or(("room", ErrorCode::TooMany))?,
        };
        if self.beds.get(&(room, bed)).is_some_and(|p| *p != person.id) {
            return Err(("bed", ErrorCode::Duplicate));
        }
        if let Some(e) = &ends {
            self.beds.remove(&(e.room_id, e.bed));
        }
        self.beds.insert((room, bed), person.id);
        self.by_person.insert(
            person.id,
            Residence {
                id: ResidenceId::new_v7(),
                person_id: person.id,
                room_id: room,
                bed,
                from: NaiveDate::MIN,
                until: None,
            },
        );
        Ok(Move {
            person: person.id,
            room,
            bed,
            ends,
        })
    }
}

/// Writes a move on `from`: the old stay ends that day (or, begun that
/// same day, is taken back), the new one begins.
async fn apply(w: &Write, unit: UnitId, m: &Move, from: NaiveDate, by: &str) -> CoreResult<()> {
    if let Some(old) = &m.ends {
        if old.from >= from {
            store::delete_residence(w.tx(), unit, old.id).await?;
        } else {
            store::end_residence(w.tx(), unit, old.id, from).await?;
        }
        leader_leaves(w, unit, old.room_id, m.person).await?;
    }
    store::insert_residence(
        w.tx(),
        unit,
        &Residence {
            id: ResidenceId::new_v7(),
            person_id: m.person,
            room_id: m.room,
            bed: m.bed,
            from,
            until: None,
        },
        by,
        w.now(),
    )
    .await?;
    Ok(())
}

/// A room leader who moves out no longer leads the room.
async fn leader_leaves(w: &Write, unit: UnitId, room: RoomId, person: PersonId) -> CoreResult<()> {
    let mut r = store::room_of(w.tx(), unit, room).await?;
    if r.leader_id == Some(person) {
        r.leader_id = None;
        store::put_room(w.tx(), &r).await?;
    }
    Ok(())
}

impl Dorms {
    /// A room: its residents by bed and its history. For the board, the
    /// unit's leaders and the room's own leader.
    pub async fn room(&self, actor: &Actor, unit: UnitId, id: RoomId) -> CoreResult<RoomView> {
        let s = self.standing(actor, unit).await?;
        if !s.sees_all() && !s.calls(id) {
            return Err(CoreError::NotFound);
        }
        let room = store::room_of(self.cx.db(), unit, id).await?;
        let building = store::buildings(self.cx.db(), unit)
            .await?
            .into_iter()
            .find(|b| b.id == room.building_id)
            .ok_or(CoreError::NotFound)?;
        let people = self.cx.cached_people(unit).await?;
        let by_id: HashMap<PersonId, &Person> = people.iter().map(|(_, p)| (p.id, p)).collect();
        let (mut residents, mut history) = (Vec::new(), Vec::new());
        for r in store::residences_in(self.cx.db(), id).await? {
            let Some(p) = by_id.get(&r.person_id) else {
                continue;
            };
            let line = Resident {
                person: (*p).clone(),
                residence: r,
            };
            if line.residence.until.is_none() {
                residents.push(line);
            } else {
                history.push(line);
            }
        }
        residents.sort_by_key(|r| r.residence.bed);
        Ok(RoomView {
            room,
            building,
            residents,
            history,
        })
    }

    /// Everyone living in the dormitories now, with their room.
    pub async fn residents(
        &self,
        actor: &Actor,
        unit: UnitId,
    ) -> CoreResult<Vec<(Resident, Room)>> {
        if !self.standing(actor, unit).await?.sees_all() {
            return Err(CoreError::Forbidden);
        }
        let rooms = store::rooms(self.cx.db(), unit).await?;
        let people = self.cx.cached_people(unit).await?;
        let by_id: HashMap<PersonId, &Person> = people.iter().map(|(_, p)| (p.id, p)).collect();
        let mut out: Vec<(Resident, Room)> = store::residences_on(self.cx.db(), unit, None)
            .await?
            .into_iter()
            .filter_map(|r| {
                let room = rooms.iter().find(|x| x.id == r.room_id)?.clone();
                let person = (*by_id.get(&r.person_id)?).clone();
                Some((
                    Resident {
                        residence: r,
                        person,
                    },
                    room,
                ))
            })
            .collect();
        out.sort_by(|a, b| {
            (a.1.building_id, a.1.floor, &a.1.name, a.0.residence.bed).cmp(&(
                b.1.building_id,
                b.1.floor,
                &b.1.name,
                b.0.residence.bed,
            ))
        });
        Ok(out)
    }

    /// Boarding students of the unit without a bed.
    pub async fn waiting(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<Person>> {
        if !self.standing(actor, unit).await?.sees_all() {
            return Err(CoreError::Forbidden);
        }
        let housed: std::collections::HashSet<PersonId> =
            store::residences_on(self.cx.db(), unit, None)
                .await?
                .into_iter()
                .map(|r| r.person_id)
                .collect();
        let people = self.cx.cached_people(unit).await?;
        Ok(people
            .iter()
            .map(|(_, p)| p)
            .filter(|p| {
                p.boarding
                    && p.kind == PersonKind::Student
                    && p.status == PersonStatus::Active
                    && !housed.contains(&p.id)
            })
            .cloned()
            .collect())
    }

    /// Places a student (by code) in a room from `from`: the bed asked
    /// for or the first free one. A student living elsewhere moves.
    #[tracing::instrument(name = "dorms.assign", skip_all, fields(actor = %actor.name))]
    pub async fn assign(
        &self,
        actor: &Actor,
        unit: UnitId,
        code: &str,
        room: RoomId,
        bed: Option<u8>,
        from: NaiveDate,
    ) -> CoreResult<ResidenceId> {
        crate::patrol::plausible("from", from)?;
        let w = self.board_write(actor, unit).await?;
        let person = super::person_by_code(w.tx(), unit, "code", code)
            .await?
            .ok_or_else(|| CoreError::invalid("code", ErrorCode::Required))?;
        let mut occupancy = Occupancy::load(&w, unit).await?;
        let m = occupancy
            .place(&person, room, bed)
            .map_err(|(f, c)| CoreError::invalid(f, c))?;
        let label = occupancy
            .room(room)
            .map(|r| occupancy.label(r))
            .unwrap_or_default();
        apply(&w, unit, &m, from, &actor.name).await?;
        let id = store::residences_on(w.tx(), unit, None)
            .await?
            .into_iter()
            .find(|r| r.person_id == person.id)
            .map(|r| r.id)
            .ok_or(CoreError::NotFound)?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Dorm, id.to_string())),
            format!(
                "{} ({}) vào ở {label}, giường {}, từ {}",
                person.full_name,
                person.code,
                m.bed,
                antt_domain::time::format_date(from)
            ),
            Vec::new(),
        ))
        .await?;
        Ok(id)
    }

    /// A student moves out on `day` (no longer sleeps there that night).
    #[tracing::instrument(name = "dorms.move_out", skip_all, fields(actor = %actor.name))]
    pub async fn move_out(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: ResidenceId,
        day: NaiveDate,
    ) -> CoreResult<()> {
        crate::patrol::plausible("day", day)?;
        let w = self.board_write(actor, unit).await?;
        let r = store::residences_on(w.tx(), unit, None)
            .await?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or(CoreError::NotFound)?;
        if day < r.from {
            return Err(CoreError::invalid("day", ErrorCode::EndsBeforeStart));
        }
        if day == r.from {
            store::delete_residence(w.tx(), unit, id).await?;
        } else {
            store::end_residence(w.tx(), unit, id, day).await?;
        }
        leader_leaves(&w, unit, r.room_id, r.person_id).await?;
        let p = antt_store::person::get(w.tx(), unit, r.person_id).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Dorm, id.to_string())),
            format!(
                "{} ({}) rời ký túc xá ngày {}",
                p.full_name,
                p.code,
                antt_domain::time::format_date(day)
            ),
            Vec::new(),
        ))
        .await
    }

    /// Reads a residents sheet (room | code | name, with the building, bed
    /// and day moved in where given) and, unless `dry_run`, places every
    /// row in one write. A row with a problem refuses the whole file.
    #[tracing::instrument(name = "dorms.import", skip_all, fields(actor = %actor.name))]
    pub async fn import(
        &self,
        actor: &Actor,
        unit: UnitId,
        file_name: &str,
        bytes: Vec<u8>,
        dry_run: bool,
    ) -> CoreResult<ResidentImport> {
        let (sheets, _) = crate::import::read_file(file_name, bytes).await?;
        let (sheet, table) = sheets
            .iter()
            .find_map(|s| find_table::<ResidentColumn>(s).map(|t| (s, t)))
            .ok_or_else(|| CoreError::invalid("file", ErrorCode::NoHeader))?;
        let today = self.cx.today();
        let w = self.board_write(actor, unit).await?;
        let mut occupancy = Occupancy::load(&w, unit).await?;
        let people = self.cx.cached_people(unit).await?;
        let by_code: HashMap<&str, &Person> =
            people.iter().map(|(_, p)| (p.code.as_str(), p)).collect();
        let mut out = ResidentImport::default();
        let mut moves = Vec::new();
        for row in &table.rows {
            let cells = &sheet.rows[row.index];
            let cell = |k: ResidentColumn| -> String {
                table
                    .column(k)
                    .and_then(|c| cells.get(c.index))
                    .map(|c| c.text().trim().to_owned())
                    .unwrap_or_default()
            };
            let problem = |field: &'static str, code: ErrorCode, k: ResidentColumn| Problem {
                row: row.index + 1,
                column: table
                    .column(k)
                    .map(|c| (antt_domain::sheet::column_name(c.index), c.label.clone())),
                field,
                code,
                value: cell(k),
            };
            let Some(person) = by_code.get(cell(ResidentColumn::Code).as_str()) else {
                out.problems
                    .push(problem("code", ErrorCode::NotFound, ResidentColumn::Code));
                continue;
            };
            let name = cell(ResidentColumn::Name);
            if !name.is_empty() && search_key(&name) != search_key(&person.full_name) {
                out.problems.push(problem(
                    "full_name",
                    ErrorCode::Invalid,
                    ResidentColumn::Name,
                ));
                continue;
            }
            let (building, room_name) = (
                search_key(&cell(ResidentColumn::Building)),
                search_key(&cell(ResidentColumn::Room)),
            );
            let candidates: Vec<&Room> = occupancy
                .rooms
                .iter()
                .filter(|r| search_key(&r.name) == room_name)
                .filter(|r| {
                    building.is_empty()
                        || occupancy
                            .buildings
                            .iter()
                            .any(|b| b.id == r.building_id && search_key(&b.name) == building)
                })
                .collect();
            let room = match candidates.as_slice() {
                [one] => one.id,
                [] => {
                    out.problems
                        .push(problem("room", ErrorCode::NotFound, ResidentColumn::Room));
                    continue;
                }
                _ => {
                    // Two buildings have a room of that name: the sheet
                    // must say which.
                    out.problems.push(problem(
                        "building",
                        ErrorCode::Required,
                        ResidentColumn::Building,
                    ));
                    continue;
                }
            };
            let bed_text = cell(ResidentColumn::Bed);
            let bed = bed_text.parse::<u8>().ok();
            if bed.is_none() && !bed_text.is_empty() {
                out.problems
                    .push(problem("bed", ErrorCode::Invalid, ResidentColumn::Bed));
                continue;
            }
            let from_text = cell(ResidentColumn::From);
            let from = if from_text.is_empty() {
                Some(today)
            } else {
                antt_domain::time::parse_date(&from_text)
            };
            let Some(from) = from else {
                out.problems.push(problem(
                    "from",
                    ErrorCode::InvalidDate,
                    ResidentColumn::From,
                ));
                continue;
            };
            match occupancy.place(person, room, bed) {
                Ok(m) => {
                    let label = occupancy
                        .room(room)
                        .map(|r| occupancy.label(r))
                        .unwrap_or_default();
                    out.lines.push(PlacementLine {
                        code: person.code.clone(),
                        name: person.full_name.clone(),
                        room: label,
                        bed: m.bed,
                        moves_from: m
                            .ends
                            .as_ref()
                            .and_then(|e| occupancy.room(e.room_id).map(|r| occupancy.label(r))),
                    });
                    moves.push((m, from));
                }
                Err((field, code)) => {
                    let column = match field {
                        "bed" => ResidentColumn::Bed,
                        "room" | "gender" => ResidentColumn::Room,
                        _ => ResidentColumn::Code,
                    };
                    out.problems.push(problem(field, code, column));
                }
            }
        }
        if dry_run || !out.problems.is_empty() || moves.is_empty() {
            return Ok(out);
        }
        for (m, from) in &moves {
            apply(&w, unit, m, *from, &actor.name).await?;
        }
        out.placed = moves.len();
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Dorm, "residents".into())),
            format!(
                "Xếp phòng từ tệp {file_name}: {} học sinh, sinh viên",
                out.placed
            ),
            Vec::new(),
        ))
        .await?;
        Ok(out)
    }

    /// Suggests beds for the boarding students without one (friends and
    /// classmates together, genders apart) and, unless `dry_run`, places
    /// them from `from`.
    #[tracing::instrument(name = "dorms.place_waiting", skip_all, fields(actor = %actor.name))]
    pub async fn place_waiting(
        &self,
        actor: &Actor,
        unit: UnitId,
        from: NaiveDate,
        dry_run: bool,
    ) -> CoreResult<Vec<PlacementLine>> {
        let waiting = self.waiting(actor, unit).await?;
        let classes = antt_store::org::list_classes(self.cx.db(), unit).await?;
        let w = self.board_write(actor, unit).await?;
        let mut occupancy = Occupancy::load(&w, unit).await?;
        let boarders: Vec<Boarder> = waiting
            .iter()
            .map(|p| Boarder {
                person_id: p.id,
                gender: p.gender,
                faculty: p
                    .class_id
                    .and_then(|c| classes.iter().find(|x| x.id == c))
                    .and_then(|c| c.department_id),
                class_id: p.class_id,
                friend: None,
            })
            .collect();
        let class_of: HashMap<PersonId, _> = self
            .cx
            .cached_people(unit)
            .await?
            .iter()
            .filter_map(|(_, p)| p.class_id.map(|c| (p.id, c)))
            .collect();
        let spaces: Vec<RoomSpace> = occupancy
            .rooms
            .iter()
            .map(|r| RoomSpace {
                room_id: r.id,
                gender: r.gender,
                free_beds: (1..=r.capacity)
                    .filter(|b| !occupancy.beds.contains_key(&(r.id, *b)))
                    .collect(),
                classes: occupancy
                    .beds
                    .iter()
                    .filter(|((room, _), _)| *room == r.id)
                    .filter_map(|(_, p)| class_of.get(p).copied())
                    .collect(),
            })
            .collect();
        let mut lines = Vec::new();
        let mut moves = Vec::new();
        for placement in suggest(&boarders, &spaces) {
            let Some(p) = waiting.iter().find(|p| p.id == placement.person_id) else {
                continue;
            };
            let Ok(m) = occupancy.place(p, placement.room_id, Some(placement.bed)) else {
                continue;
            };
            lines.push(PlacementLine {
                code: p.code.clone(),
                name: p.full_name.clone(),
                room: occupancy
                    .room(m.room)
                    .map(|r| occupancy.label(r))
                    .unwrap_or_default(),
                bed: m.bed,
                moves_from: None,
            });
            moves.push(m);
        }
        if dry_run || moves.is_empty() {
            return Ok(lines);
        }
        for m in &moves {
            apply(&w, unit, m, from, &actor.name).await?;
        }
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Dorm, "residents".into())),
            format!("Xếp phòng theo gợi ý: {} học sinh, sinh viên", moves.len()),
            Vec::new(),
        ))
        .await?;
        Ok(lines)
    }
}
