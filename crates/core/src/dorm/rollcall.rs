//! The nightly roll call: a room's sheet, the marks a leader sends (an
//! absence without leave alerts the building's supervisor and the
//! student's homeroom teacher at once, in the app, by e-mail and through
//! the webhook), the whole dormitory's night at a glance with the rooms
//! not called by the deadline, and the students absent two nights running.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::dorm::{
    Alert, AlertKind, Building, Leave, LeaveState, Mark, RollCallTimes, RollMark, Room, Tally,
    night_of,
};
use antt_domain::person::Person;
use antt_domain::role::Capability;
use antt_domain::time::format_date;
use antt_domain::{ErrorCode, PersonId, RoomId, UnitId, UserId};
use antt_mail::Mailer;
use antt_store::dorm as store;
use antt_store::{Executor, Tx};

use super::Dorms;
use crate::actor::Actor;
use crate::audit::entry;
use crate::error::{CoreError, CoreResult};
use crate::write::Access;

/// How many nights back a room leader may still correct; the board goes
/// further back.
const LEADER_NIGHTS: i64 = 2;
const BOARD_NIGHTS: i64 = 31;

/// One resident on a room's sheet.
#[derive(Clone, Debug)]
pub struct SheetLine {
    pub person: Person,
    pub bed: u8,
    pub mark: Option<RollMark>,
    /// The approved leave they are out on at the call, if any.
    pub leave: Option<Leave>,
}

/// A room's roll of one night, to be called.
#[derive(Clone, Debug)]
pub struct RollSheet {
    pub room: Room,
    pub label: String,
    pub night: NaiveDate,
    pub times: RollCallTimes,
    pub lines: Vec<SheetLine>,
    /// When the sheet was read: marks others make after it are kept.
    pub read_at: DateTime<Utc>,
}

impl RollSheet {
    pub fn tally(&self) -> Tally {
        let mut t = Tally::default();
        for l in &self.lines {
            t.add(l.mark.as_ref().map(|m| m.mark));
        }
        t
    }
}

/// A mark as sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkInput {
    pub person: PersonId,
    pub mark: Mark,
    pub note: String,
}

/// What a call did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallOutcome {
    pub saved: usize,
    /// Marks another account made after the sheet was read, kept as they
    /// were instead of the ones sent: (name, the mark kept).
    pub kept: Vec<(String, RollMark)>,
    /// Alerts sent for new absences.
    pub alerted: usize,
}

/// A room on the night's overview.
#[derive(Clone, Debug)]
pub struct RoomNight {
    pub room: Room,
    pub tally: Tally,
    /// Who called it last.
    pub called_by: Option<String>,
    /// Residents not marked when the deadline has passed.
    pub late: bool,
}

/// A building on the night's overview.
#[derive(Clone, Debug)]
pub struct BuildingNight {
    pub building: Building,
    pub tally: Tally,
    pub rooms: Vec<RoomNight>,
}

/// A student absent without leave that night.
#[derive(Clone, Debug)]
pub struct Absentee {
    pub person: Person,
    pub room: String,
    pub mark: RollMark,
    /// Absent without leave the night before as well.
    pub twice: bool,
}

/// The whole dormitory's night.
#[derive(Clone, Debug)]
pub struct NightView {
    pub night: NaiveDate,
    pub times: RollCallTimes,
    /// Whether the deadline has passed (rooms not called are late).
    pub past_deadline: bool,
    pub tally: Tally,
    pub buildings: Vec<BuildingNight>,
    pub absent: Vec<Absentee>,
    /// Students whose leave ended without a return recorded.
    pub not_back: Vec<(Leave, Person)>,
}

impl NightView {
    /// Rooms with residents not marked after the deadline.
    pub fn late_rooms(&self) -> impl Iterator<Item = (&Building, &RoomNight)> {
        self.buildings.iter().flat_map(|b| {
            b.rooms
                .iter()
                .filter(|r| r.late)
                .map(move |r| (&b.building, r))
        })
    }
}

/// An alert with what its line shows.
#[derive(Clone, Debug)]
pub struct AlertLine {
    pub alert: Alert,
    pub person: Person,
}

/// What a call reads before it waits for the write lock.
struct AheadOfCall {
    times: RollCallTimes,
    /// "Nhà A – A101".
    label: String,
    /// Who hears of each student the call marks absent.
    told: HashMap<PersonId, Told>,
}

/// A student's absence and who hears of it.
struct Told {
    person: Person,
    /// The student's class, for the webhook.
    class: String,
    users: Vec<UserId>,
}

/// Who hears of the absences in a building: its supervisor (the whole
/// board when it has none), and of each student the homeroom teacher of
/// their class, by their accounts.
struct Hearers {
    people: Vec<PersonId>,
    /// The unit's open accounts that are someone's: (account, person).
    accounts: Vec<(UserId, PersonId)>,
}

impl Hearers {
    async fn of(e: &impl Executor, unit: UnitId, building: Option<&Building>) -> CoreResult<Self> {
        let people = match building.and_then(|b| b.supervisor_id) {
            Some(s) => vec![s],
            None => store::board(e, unit)
                .await?
                .into_iter()
                .map(|m| m.person_id)
                .collect(),
        };
        let accounts = antt_store::user::list(e, unit)
            .await?
            .into_iter()
            .filter(|u| !u.locked)
            .filter_map(|u| Some((u.id, u.person_id?)))
            .collect();
        Ok(Self { people, accounts })
    }

    async fn of_absence(
        &self,
        e: &impl Executor,
        unit: UnitId,
        person: Person,
    ) -> CoreResult<Told> {
        let mut people = self.people.clone();
        let mut class = String::new();
        if let Some(c) = person.class_id {
            let c = antt_store::org::get_class(e, unit, c).await?;
            people.extend(c.homeroom_teacher_id);
            class = c.name;
        }
        let users = self
            .accounts
            .iter()
            .filter(|(_, p)| people.contains(p))
            .map(|(u, _)| *u)
            .collect();
        Ok(Told {
            person,
            class,
            users,
        })
    }
}

/// Refuses a call the actor may not make, as the lock sees it: the office
/// and the dormitory board call any room up to a month back, a room's
/// leader their own room up to two nights back, nobody a night to come.
async fn may_call(
    e: &impl Executor,
    actor: &Actor,
    unit: UnitId,
    room: &Room,
    night: NaiveDate,
    tonight: NaiveDate,
) -> CoreResult<()> {
    if night > tonight {
        return Err(CoreError::invalid("night", ErrorCode::InFuture));
    }
    let reaches = |nights: i64| night >= tonight - Duration::days(nights);
    if actor.unit_id != Some(unit) && !actor.can(Capability::ManageUnits) {
        return Err(CoreError::Forbidden);
    }
    let board = if actor.can(Capability::ManageDorm) {
        true
    } else {
        let Some(p) = crate::person::person_of_account(e, actor).await? else {
            return Err(CoreError::Forbidden);
        };
        if room.leader_id == Some(p) && reaches(LEADER_NIGHTS) {
            return Ok(());
        }
        let board = store::board(e, unit)
            .await?
            .iter()
            .any(|m| m.person_id == p);
        if !board && room.leader_id != Some(p) {
            return Err(CoreError::Forbidden);
        }
        board
    };
    if reaches(if board { BOARD_NIGHTS } else { LEADER_NIGHTS }) {
        Ok(())
    } else {
        Err(CoreError::invalid("night", ErrorCode::Expired))
    }
}

impl Dorms {
    /// The night it is now (until noon, last night).
    pub fn tonight(&self) -> NaiveDate {
        night_of(self.cx.now())
    }

    /// A room's sheet for a night: its residents that night by bed, their
    /// marks so far and the leave they are out on.
    pub async fn sheet(
        &self,
        actor: &Actor,
        unit: UnitId,
        room: RoomId,
        night: NaiveDate,
    ) -> CoreResult<RollSheet> {
        let s = self.standing(actor, unit).await?;
        if !s.calls(room) && !s.sees_all() {
            return Err(CoreError::NotFound);
        }
        crate::patrol::plausible("night", night)?;
        let read_at = self.cx.now();
        let db = self.cx.db();
        let room = store::room_of(db, unit, room).await?;
        let setup = super::setup(db, &self.cx, unit).await?;
        let label = setup.room_label(&room);
        let marks: HashMap<PersonId, RollMark> = store::marks_of_room(db, unit, room.id, night)
            .await?
            .into_iter()
            .map(|m| (m.person_id, m))
            .collect();
        let call = setup.times.call_at(night);
        let leaves = store::leaves(db, unit, None, call).await?;
        let people = self.cx.cached_people(unit).await?;
        let by_id: HashMap<PersonId, &Person> = people.iter().map(|(_, p)| (p.id, p)).collect();
        let mut lines: Vec<SheetLine> = store::residences_in(db, room.id)
            .await?
            .into_iter()
            .filter(|r| r.holds(night))
            .filter_map(|r| {
                let person = (*by_id.get(&r.person_id)?).clone();
                Some(SheetLine {
                    bed: r.bed,
                    mark: marks.get(&person.id).cloned(),
                    leave: leaves
                        .iter()
                        .find(|l| l.person_id == person.id && l.covers(call))
                        .cloned(),
                    person,
                })
            })
            .collect();
        lines.sort_by_key(|l| l.bed);
        Ok(RollSheet {
            room,
            label,
            night,
            times: setup.times,
            lines,
            read_at,
        })
    }

    /// Records a room's marks of a night. A mark another account made
    /// after `read_at` (when the sender's sheet was read) is kept, not
    /// written over; "out with leave" needs an approved leave; a new
    /// absence alerts at once.
    #[tracing::instrument(name = "dorms.call", skip_all, fields(actor = %actor.name))]
    pub async fn call(
        &self,
        actor: &Actor,
        unit: UnitId,
        room: RoomId,
        night: NaiveDate,
        marks: &[MarkInput],
        read_at: Option<DateTime<Utc>>,
    ) -> CoreResult<CallOutcome> {
        crate::patrol::plausible("night", night)?;
        if marks.is_empty() {
            return Err(CoreError::invalid("marks", ErrorCode::Required));
        }
        let access = if actor.can(Capability::ManageDorm) {
            Access::Unit(actor, unit, Capability::ManageDorm)
        } else {
            Access::Own(actor, unit)
        };
        self.cx.check_readable(actor, unit).await?;
        let ahead = self.ahead_of_call(unit, room, marks).await?;
        // Every room calls the roll at the same hour: the calls sent at
        // one moment share one transaction (see `write::grouped`).
        let (dorms, sender, marks) = (self.clone(), actor.clone(), marks.to_vec());
        crate::write::grouped(&self.cx, access, move |w| async move {
            dorms
                .write_call(w, &sender, unit, room, night, &marks, read_at, &ahead)
                .await
        })
        .await
    }

    /// What a call needs and does not decide on, read before it waits for
    /// the write lock (so the many calls of 22:00 read it side by side and
    /// the shared transaction does only what must be under the lock): the
    /// hour of the call, the room's label, and who hears of each absence
    /// sent.
    async fn ahead_of_call(
        &self,
        unit: UnitId,
        room: RoomId,
        marks: &[MarkInput],
    ) -> CoreResult<AheadOfCall> {
        let db = self.cx.db();
        let (times, r, buildings) = Box::pin(async {
            tokio::try_join!(
                store::times(db, unit),
                store::room_of(db, unit, room),
                store::buildings(db, unit),
            )
        })
        .await?;
        let building = buildings.into_iter().find(|b| b.id == r.building_id);
        let label = match &building {
            Some(b) => format!("{} – {}", b.name, r.name),
            None => r.name.clone(),
        };
        let mut told = HashMap::new();
        let absent: Vec<PersonId> = marks
            .iter()
            .filter(|m| m.mark == Mark::Absent)
            .map(|m| m.person)
            .collect();
        if !absent.is_empty() {
            let hearers = Hearers::of(db, unit, building.as_ref()).await?;
            for person in absent {
                let Ok(p) = antt_store::person::get(db, unit, person).await else {
                    continue; // not the unit's: refused under the lock
                };
                told.insert(person, hearers.of_absence(db, unit, p).await?);
            }
        }
        Ok(AheadOfCall { times, label, told })
    }

    /// The roll call's write, under the lock.
    #[allow(clippy::too_many_arguments)]
    async fn write_call(
        &self,
        w: crate::write::Write,
        actor: &Actor,
        unit: UnitId,
        room: RoomId,
        night: NaiveDate,
        marks: &[MarkInput],
        read_at: Option<DateTime<Utc>>,
        ahead: &AheadOfCall,
    ) -> CoreResult<CallOutcome> {
        let r = store::room_of(w.tx(), unit, room).await?;
        may_call(w.tx(), actor, unit, &r, night, self.tonight()).await?;
        let now = w.now();
        let residents: HashSet<PersonId> = store::residences_in(w.tx(), room)
            .await?
            .into_iter()
            .filter(|x| x.holds(night))
            .map(|x| x.person_id)
            .collect();
        let before: HashMap<PersonId, RollMark> = store::marks_of_room(w.tx(), unit, room, night)
            .await?
            .into_iter()
            .map(|m| (m.person_id, m))
            .collect();
        let call = ahead.times.call_at(night);
        let mut leaves: Vec<Leave> = store::leaves(w.tx(), unit, None, call)
            .await?
            .into_iter()
            .filter(|l| residents.contains(&l.person_id) && l.covers(call))
            .collect();
        let mut out = CallOutcome::default();
        let mut writes = Vec::new();
        let mut absent_now = Vec::new();
        let mut tally = Tally::default();
        let mut seen = HashSet::new();
        for m in marks {
            if !residents.contains(&m.person) || !seen.insert(m.person) {
                return Err(CoreError::invalid("person", ErrorCode::NotFound));
            }
            let note = antt_domain::text::optional("note", Some(&m.note), 200)
                .map_err(|e| CoreError::invalid(e.field, e.code))?
                .unwrap_or_default();
            let leave = leaves
                .iter()
                .find(|l| l.person_id == m.person)
                .map(|l| l.id);
            if m.mark == Mark::OnLeave && leave.is_none() {
                // No approved leave: the board records one late instead.
                return Err(CoreError::invalid("mark", ErrorCode::NotAllowed));
            }
            if let Some(old) = before.get(&m.person)
                && old.mark != m.mark
                && old.marked_by != actor.name
                && read_at.is_some_and(|r| old.marked_at > r)
            {
                let name = antt_store::person::get(w.tx(), unit, m.person)
                    .await?
                    .full_name;
                tally.add(Some(old.mark));
                out.kept.push((name, old.clone()));
                continue;
            }
            if m.mark == Mark::Absent
                && before.get(&m.person).is_none_or(|o| o.mark != Mark::Absent)
            {
                absent_now.push(m.person);
            }
            tally.add(Some(m.mark));
            writes.push(RollMark {
                night,
                person_id: m.person,
                room_id: room,
                mark: m.mark,
                leave_id: if m.mark == Mark::OnLeave { leave } else { None },
                note,
                marked_by: actor.name.clone(),
                marked_at: now,
            });
        }
        // A student marked present while a leave still runs came back early.
        if night == night_of(now) {
            for l in &mut leaves {
                if writes
                    .iter()
                    .any(|x| x.person_id == l.person_id && x.mark == Mark::Present)
                {
                    l.returned_at = Some(now);
                    store::put_leave(w.tx(), l).await?;
                }
            }
        }
        store::put_marks(w.tx(), unit, &writes).await?;
        out.saved = writes.len();
        for person in absent_now {
            if let Some(told) = ahead.told.get(&person) {
                out.alerted += self
                    .alert_absence(w.tx(), unit, &ahead.label, told, night, now)
                    .await?;
            }
        }
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Dorm, format!("{room}:{night}"))),
            format!(
                "Điểm danh tối {} phòng {}: {} có mặt, {} vắng có phép, {} vắng không phép",
                format_date(night),
                ahead.label,
                tally.present,
                tally.on_leave,
                tally.absent
            ),
            Vec::new(),
        ))
        .await?;
        Ok(out)
    }

    /// Alerts those told of a new absence (in the app; by e-mail in the
    /// next delivery run) and the webhook. Returns how many were alerted.
    async fn alert_absence(
        &self,
        tx: &Tx,
        unit: UnitId,
        label: &str,
        told: &Told,
        night: NaiveDate,
        now: DateTime<Utc>,
    ) -> CoreResult<usize> {
        let p = &told.person;
        let added =
            store::alert_all(tx, unit, &told.users, AlertKind::Absent, p.id, night, now).await?;
        if self.hooks.has_webhook() {
            let code = self.cx.cached_unit(unit).await?.code;
            let base = self.hooks.link_base();
            let body = serde_json::json!({
                "event": "dorm.absent",
                "unit": code,
                "night": night,
                "student": { "code": p.code, "name": p.full_name, "class": told.class },
                "room": label,
                "at": now.to_rfc3339(),
                "link": base.map(|b| format!("{}/dorm?night={night}", b.trim_end_matches('/'))),
            })
            .to_string();
            antt_store::notice::enqueue_hook(tx, unit, body, now).await?;
        }
        Ok(usize::try_from(added).unwrap_or(usize::MAX))
    }

    /// The dormitory's night: every building and room counted, the rooms
    /// late after the deadline, who is absent without leave (and whether
    /// the night before too), and who is not back from leave.
    #[tracing::instrument(name = "dorms.night", skip_all, fields(actor = %actor.name))]
    pub async fn night(
        &self,
        actor: &Actor,
        unit: UnitId,
        night: NaiveDate,
    ) -> CoreResult<NightView> {
        let s = self.standing(actor, unit).await?;
        if !s.sees_all() && !actor.can(Capability::OverseeUnits) {
            return Err(CoreError::Forbidden);
        }
        crate::patrol::plausible("night", night)?;
        night_view(self, unit, night, |_| true).await
    }

    /// The absences of a homeroom teacher's boarders on a night (their
    /// home page), and who of them is not back from leave.
    pub async fn my_boarders(
        &self,
        actor: &Actor,
        unit: UnitId,
        night: NaiveDate,
    ) -> CoreResult<NightView> {
        let s = self.standing(actor, unit).await?;
        if s.classes.is_empty() {
            return Err(CoreError::Forbidden);
        }
        let classes = s.classes.clone();
        night_view(self, unit, night, move |p| {
            p.class_id.is_some_and(|c| classes.contains(&c))
        })
        .await
    }

    /// The rooms the actor leads, with tonight's count.
    pub async fn my_rooms(
        &self,
        actor: &Actor,
        unit: UnitId,
    ) -> CoreResult<Vec<(Room, String, Tally)>> {
        let s = self.standing(actor, unit).await?;
        if s.rooms.is_empty() {
            return Ok(Vec::new());
        }
        let night = self.tonight();
        let mut out = Vec::new();
        for room in &s.rooms {
            let sheet = self.sheet(actor, unit, *room, night).await?;
            let tally = sheet.tally();
            out.push((sheet.room, sheet.label, tally));
        }
        Ok(out)
    }

    /// The actor's alerts of the last week, the newest first.
    pub async fn alerts(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<AlertLine>> {
        let Some(user) = actor.user_id else {
            return Ok(Vec::new());
        };
        self.cx.check_readable(actor, unit).await?;
        let people = self.cx.cached_people(unit).await?;
        let by_id: HashMap<PersonId, &Person> = people.iter().map(|(_, p)| (p.id, p)).collect();
        Ok(
            store::alerts_of(self.cx.db(), user, self.tonight() - Duration::days(7))
                .await?
                .into_iter()
                .filter_map(|a| {
                    let person = (*by_id.get(&a.person_id)?).clone();
                    Some(AlertLine { alert: a, person })
                })
                .collect(),
        )
    }

    /// Marks one of the actor's alerts read.
    pub async fn read_alert(&self, actor: &Actor, unit: UnitId, id: uuid::Uuid) -> CoreResult<()> {
        let user = actor.user_id.ok_or(CoreError::Forbidden)?;
        let w = self.cx.write(Access::Own(actor, unit)).await?;
        store::read_alert(w.tx(), user, id, w.now()).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Dorm, id.to_string())),
            "Đã xem báo vắng".to_owned(),
            Vec::new(),
        ))
        .await
    }

    /// Tells the building's supervisor and the homeroom teacher of every
    /// student whose approved leave ended without a return recorded (the
    /// last three days): once per leave's last night, in the app, by
    /// e-mail in the next delivery run and as `dorm.not_back` on the
    /// webhook. The server's delivery run calls it. Returns how many
    /// alerts were added.
    #[tracing::instrument(name = "dorms.flag_not_back", skip_all)]
    pub async fn flag_not_back(&self) -> CoreResult<usize> {
        let now = self.cx.now();
        let overdue = store::not_back(self.cx.db(), now - Duration::days(3), now).await?;
        if overdue.is_empty() {
            return Ok(0);
        }
        let w = self.cx.write(crate::write::Access::Server).await?;
        let mut told = 0;
        for l in &overdue {
            let night = night_of(l.until);
            let Some(stay) = store::residences_of(w.tx(), l.unit_id, l.person_id)
                .await?
                .into_iter()
                .find(|r| r.until.is_none())
            else {
                continue;
            };
            let room = store::room_of(w.tx(), l.unit_id, stay.room_id).await?;
            let p = antt_store::person::get(w.tx(), l.unit_id, l.person_id).await?;
            let building = store::buildings(w.tx(), l.unit_id)
                .await?
                .into_iter()
                .find(|b| b.id == room.building_id);
            let hearers = Hearers::of(w.tx(), l.unit_id, building.as_ref())
                .await?
                .of_absence(w.tx(), l.unit_id, p)
                .await?;
            let p = &hearers.person;
            let added = store::alert_all(
                w.tx(),
                l.unit_id,
                &hearers.users,
                AlertKind::NotBack,
                p.id,
                night,
                now,
            )
            .await?;
            if added > 0 && self.hooks.has_webhook() {
                let code = self.cx.cached_unit(l.unit_id).await?.code;
                let body = serde_json::json!({
                    "event": "dorm.not_back",
                    "unit": code,
                    "night": night,
                    "student": { "code": p.code, "name": p.full_name },
                    "room": room.name,
                    "leave_until": l.until.to_rfc3339(),
                    "destination": l.destination,
                    "at": now.to_rfc3339(),
                })
                .to_string();
                antt_store::notice::enqueue_hook(w.tx(), l.unit_id, body, now).await?;
            }
            told += usize::try_from(added).unwrap_or(usize::MAX);
        }
        if told == 0 {
            // Nothing new: the write leaves no trace.
            return Ok(0);
        }
        w.commit(entry(
            &Actor::command_line(),
            None,
            AuditAction::Create,
            Some((TargetKind::Dorm, "not-back".into())),
            format!("Báo hết hạn phép chưa về ký túc xá: {told} thông báo"),
            Vec::new(),
        ))
        .await?;
        Ok(told)
    }

    /// Sends the alerts not yet mailed to those whose person record has
    /// an address (the server's delivery run, beside the tips' notices).
    /// Returns how many went out.
    #[tracing::instrument(name = "dorms.deliver_alerts", skip_all)]
    pub async fn deliver_alerts(
        &self,
        mailer: Option<&Mailer>,
        base_url: Option<&str>,
    ) -> CoreResult<usize> {
        let now = self.cx.now();
        let mut sent = 0;
        for (alert, user, unit) in store::unmailed_alerts(self.cx.db(), 500).await? {
            let Some(mailer) = mailer else {
                store::alert_mailed(self.cx.db(), alert.id, now).await?;
                continue;
            };
            let account = antt_store::user::get(self.cx.db(), Some(unit), user).await?;
            let to = match account.person_id {
                Some(p) => Some(antt_store::person::get(self.cx.db(), unit, p).await?),
                None => None,
            };
            let Some((name, address)) = to.and_then(|p| p.email.clone().map(|e| (p.full_name, e)))
            else {
                store::alert_mailed(self.cx.db(), alert.id, now).await?;
                continue;
            };
            let student = antt_store::person::get(self.cx.db(), unit, alert.person_id).await?;
            let what = antt_words::dorm_alert(alert.kind);
            let subject = format!("{what}: {}", student.full_name);
            let mut body = format!(
                "Kính gửi {name},\n\n{what}: {} ({}), đêm {}.\n",
                student.full_name,
                student.code,
                format_date(alert.night)
            );
            if let Some(base) = base_url {
                let _ = writeln!(
                    body,
                    "\nXem tại: {}/dorm?night={}",
                    base.trim_end_matches('/'),
                    alert.night
                );
            }
            match mailer.send(&name, &address, &subject, body).await {
                Ok(()) => {
                    store::alert_mailed(self.cx.db(), alert.id, now).await?;
                    sent += 1;
                }
                Err(e) => tracing::warn!(error = %e, "a dormitory alert was not mailed"),
            }
        }
        Ok(sent)
    }
}

/// The night's overview of the residents `keep` selects.
async fn night_view(
    d: &Dorms,
    unit: UnitId,
    night: NaiveDate,
    keep: impl Fn(&Person) -> bool,
) -> CoreResult<NightView> {
    let db = d.cx.db();
    let now = d.cx.now();
    let setup = super::setup(db, &d.cx, unit).await?;
    let residences = store::residences_on(db, unit, Some(night)).await?;
    let marks = store::marks(db, unit, night - Duration::days(1), night).await?;
    let (tonight, last): (Vec<&RollMark>, Vec<&RollMark>) =
        marks.iter().partition(|m| m.night == night);
    let tonight: HashMap<PersonId, &RollMark> =
        tonight.into_iter().map(|m| (m.person_id, m)).collect();
    let absent_before: HashSet<PersonId> = last
        .into_iter()
        .filter(|m| m.mark == Mark::Absent)
        .map(|m| m.person_id)
        .collect();
    let people = d.cx.cached_people(unit).await?;
    let by_id: HashMap<PersonId, &Person> = people.iter().map(|(_, p)| (p.id, p)).collect();
    let past_deadline = now >= setup.times.deadline_at(night);
    let mut rooms: HashMap<RoomId, (Tally, Option<&RollMark>)> = HashMap::new();
    let mut absent = Vec::new();
    for r in &residences {
        let Some(p) = by_id.get(&r.person_id) else {
            continue;
        };
        if !keep(p) {
            continue;
        }
        let mark = tonight.get(&r.person_id).copied();
        let entry = rooms.entry(r.room_id).or_default();
        entry.0.add(mark.map(|m| m.mark));
        if let Some(m) = mark
            && entry.1.is_none_or(|e| e.marked_at < m.marked_at)
        {
            entry.1 = Some(m);
        }
        if let Some(m) = mark.filter(|m| m.mark == Mark::Absent) {
            absent.push(Absentee {
                person: (*p).clone(),
                room: setup
                    .rooms
                    .iter()
                    .find(|x| x.id == r.room_id)
                    .map(|x| setup.room_label(x))
                    .unwrap_or_default(),
                mark: m.clone(),
                twice: absent_before.contains(&r.person_id),
            });
        }
    }
    absent.sort_by(|a, b| (!a.twice, &a.room).cmp(&(!b.twice, &b.room)));
    let mut tally = Tally::default();
    let buildings = setup
        .buildings
        .iter()
        .map(|b| {
            let mut bt = Tally::default();
            let rooms = setup
                .rooms_of(b.id)
                .map(|room| {
                    let (t, last) = rooms.get(&room.id).copied().unwrap_or_default();
                    bt.merge(t);
                    RoomNight {
                        room: room.clone(),
                        tally: t,
                        called_by: last.map(|m| m.marked_by.clone()),
                        late: past_deadline && !t.called(),
                    }
                })
                .collect();
            tally.merge(bt);
            BuildingNight {
                building: b.clone(),
                tally: bt,
                rooms,
            }
        })
        .collect();
    let not_back = store::leaves(db, unit, None, now - Duration::days(BOARD_NIGHTS))
        .await?
        .into_iter()
        .filter(|l| l.not_back(now) && l.state == LeaveState::Approved)
        .filter_map(|l| {
            let p = (*by_id.get(&l.person_id)?).clone();
            keep(&p).then_some((l, p))
        })
        .collect();
    Ok(NightView {
        night,
        times: setup.times,
        past_deadline,
        tally,
        buildings,
        absent,
        not_back,
    })
}
