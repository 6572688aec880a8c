//! Room checks and the rooms' emulation (thi đua phòng ở): the board
//! checks a room against the unit's checklist (photos re-encoded without
//! metadata, a breach recorded as a violation of internal rules against a
//! resident in the same write), sees which rooms are due, and reads the
//! month's ranking.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};

use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::dorm::{Mark, Room};
use antt_domain::dorm_check::{CheckSettings, RoomCheck, RoomStanding, answer, rank_rooms};
use antt_domain::incident::{Discipline, ViolationInput, ViolationKind};
use antt_domain::person::Person;
use antt_domain::time::{format_date, local_date};
use antt_domain::{ErrorCode, PersonId, RoomCheckId, RoomId, UnitId, ViolationId};
use antt_store::{dorm as store, dorm_check as checks};

use super::Dorms;
use crate::actor::Actor;
use crate::audit::entry;
use crate::error::{CoreError, CoreResult};

/// How many photos a check keeps.
pub const MAX_CHECK_PHOTOS: usize = 3;

/// A check as filled in on the phone.
#[derive(Clone, Debug, Default)]
pub struct CheckForm {
    /// "2026-11-20" (today when blank).
    pub day: String,
    /// The positions of the items failed.
    pub failed: Vec<usize>,
    pub note: String,
    pub photos: Vec<Vec<u8>>,
    /// Codes of residents a breach is recorded against.
    pub breach: Vec<String>,
    /// A discipline's code for the breaches ("reminder" when blank).
    pub discipline: String,
}

/// A check with the room it was of and what was recorded on it.
#[derive(Clone, Debug)]
pub struct CheckLine {
    pub check: RoomCheck,
    /// "Nhà A – A101".
    pub room: String,
    /// The residents a violation was recorded against.
    pub breaches: Vec<(Person, ViolationId)>,
}

/// A room due for a check.
#[derive(Clone, Debug)]
pub struct DueRoom {
    pub room: Room,
    pub label: String,
    pub last: Option<NaiveDate>,
    pub due: NaiveDate,
}

/// A month of room checks: the ranking, the checks, the rooms due.
#[derive(Clone, Debug)]
pub struct CheckMonth {
    /// The first day of the month.
    pub month: NaiveDate,
    pub today: NaiveDate,
    pub settings: CheckSettings,
    pub ranking: Vec<(RoomStanding, String)>,
    pub checks: Vec<CheckLine>,
    /// Rooms with residents whose next check is today or past, the most
    /// overdue first.
    pub due: Vec<DueRoom>,
}

/// The first day of the month of `day`.
pub fn month_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

fn last_of_month(month: NaiveDate) -> NaiveDate {
    month
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(month)
}

impl Dorms {
    /// How the unit checks its rooms.
    pub async fn check_settings(&self, actor: &Actor, unit: UnitId) -> CoreResult<CheckSettings> {
        if !self.standing(actor, unit).await?.any() {
            return Err(CoreError::Forbidden);
        }
        Ok(checks::settings(self.cx.db(), unit).await?)
    }

    /// Sets how often a room is checked and the checklist ("15 | text" a
    /// line). Checks already made keep their own items.
    #[tracing::instrument(name = "dorms.save_check_settings", skip_all, fields(actor = %actor.name))]
    pub async fn save_check_settings(
        &self,
        actor: &Actor,
        unit: UnitId,
        every_days: &str,
        checklist: &str,
    ) -> CoreResult<()> {
        let s = CheckSettings::parse(every_days, checklist)?;
        let w = self.board_write(actor, unit).await?;
        checks::save_settings(w.tx(), unit, &s).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Dorm, "checks".into())),
            format!(
                "Kiểm tra phòng ở: {} ngày một lần, {} mục",
                s.every_days,
                s.checklist.len()
            ),
            Vec::new(),
        ))
        .await
    }

    /// Records a check of a room. A breach is recorded as a violation of
    /// internal rules against each named resident of the room, in the same
    /// write; it needs a failed item to stand on.
    #[tracing::instrument(name = "dorms.record_check", skip_all, fields(actor = %actor.name))]
    pub async fn record_check(
        &self,
        actor: &Actor,
        unit: UnitId,
        room: RoomId,
        form: CheckForm,
    ) -> CoreResult<RoomCheckId> {
        if form.photos.len() > MAX_CHECK_PHOTOS {
            return Err(CoreError::invalid("photos", ErrorCode::TooMany));
        }
        let discipline = match form.discipline.trim() {
            "" => Discipline::Reminder,
            code => Discipline::parse(code)
                .ok_or_else(|| CoreError::invalid("discipline", ErrorCode::Invalid))?,
        };
        let note = antt_domain::text::optional("note", Some(&form.note), 1_000)
            .map_err(|e| CoreError::invalid(e.field, e.code))?
            .unwrap_or_default();
        // Cleaned before the write: a photo that cannot be read refuses the
        // check with nothing written.
        let photos = crate::tip::portal::clean_photos(form.photos).await?;
        let w = self.board_write(actor, unit).await?;
        let today = local_date(w.now());
        let day = match form.day.trim() {
            "" => today,
            d => NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .ok()
                .or_else(|| antt_domain::time::parse_date(d))
                .ok_or_else(|| CoreError::invalid("day", ErrorCode::InvalidDate))?,
        };
        if day > today {
            return Err(CoreError::invalid("day", ErrorCode::InFuture));
        }
        let the_room = store::room_of(w.tx(), unit, room).await?;
        let settings = checks::settings(w.tx(), unit).await?;
        let answers = answer(&settings.checklist, &form.failed)?;
        let residents: Vec<PersonId> = store::residences_in(w.tx(), room)
            .await?
            .into_iter()
            .filter(|r| r.holds(day))
            .map(|r| r.person_id)
            .collect();
        let mut breach = Vec::new();
        for code in form
            .breach
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
        {
            let p = antt_store::person::by_code(w.tx(), unit, code)
                .await?
                .filter(|p| residents.contains(&p.id))
                .ok_or_else(|| CoreError::invalid("breach", ErrorCode::NotFound))?;
            if !breach.iter().any(|b: &Person| b.id == p.id) {
                breach.push(p);
            }
        }
        if !breach.is_empty() && answers.iter().all(|a| a.passed) {
            return Err(CoreError::invalid("breach", ErrorCode::NotAllowed));
        }
        let check = RoomCheck {
            id: RoomCheckId::new_v7(),
            unit_id: unit,
            room_id: room,
            day,
            answers,
            note,
            photos: u8::try_from(photos.len()).unwrap_or(u8::MAX),
            checked_by: actor.display_name.clone(),
            checked_at: w.now(),
        };
        checks::insert(w.tx(), &check, &photos).await?;
        let failed: Vec<&str> = check.failed().map(|a| a.text.as_str()).collect();
        for p in &breach {
            let input = ViolationInput {
                person_id: p.id,
                incident_id: None,
                kind: ViolationKind::InternalRules,
                occurred_on: day,
                description: format!(
                    "Vi phạm nội quy ký túc xá (kiểm tra phòng {} ngày {}): {}",
                    the_room.name,
                    format_date(day),
                    failed.join("; ")
                ),
                discipline,
                handling: (!check.note.is_empty()).then(|| check.note.clone()),
            }
            .validate(today)?;
            let v = antt_store::incident::insert_violation(w.tx(), unit, &input, w.now()).await?;
            checks::add_breach(w.tx(), unit, check.id, p.id, v).await?;
        }
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Dorm, check.id.to_string())),
            format!(
                "Kiểm tra phòng {} ngày {}: {}/{} điểm{}",
                the_room.name,
                format_date(day),
                check.score(),
                check.out_of(),
                if breach.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; ghi vi phạm nội quy: {}",
                        breach
                            .iter()
                            .map(|p| p.full_name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            ),
            Vec::new(),
        ))
        .await?;
        Ok(check.id)
    }

    /// A month of checks (the month of `day`): the ranking of rooms, the
    /// checks and the rooms due now. For the board and the unit's leaders.
    #[tracing::instrument(name = "dorms.checks", skip_all, fields(actor = %actor.name))]
    pub async fn checks(
        &self,
        actor: &Actor,
        unit: UnitId,
        day: NaiveDate,
    ) -> CoreResult<CheckMonth> {
        if !self.standing(actor, unit).await?.sees_all() {
            return Err(CoreError::Forbidden);
        }
        let db = self.cx.db();
        let month = month_of(day);
        let month_end = last_of_month(month);
        let today = local_date(self.cx.now());
        let setup = super::setup(db, &self.cx, unit).await?;
        let settings = checks::settings(db, unit).await?;
        let of_month = checks::between(db, unit, month, month_end).await?;
        let lines = self.check_lines(unit, &setup, of_month).await?;
        let mut absences: HashMap<RoomId, u32> = HashMap::new();
        for m in store::marks(db, unit, month, month_end).await? {
            if m.mark == Mark::Absent {
                *absences.entry(m.room_id).or_default() += 1;
            }
        }
        let mut breaches: HashMap<RoomId, u32> = HashMap::new();
        for l in &lines {
            *breaches.entry(l.check.room_id).or_default() +=
                u32::try_from(l.breaches.len()).unwrap_or_default();
        }
        let checks_of_month: Vec<RoomCheck> = lines.iter().map(|l| l.check.clone()).collect();
        let ranking = rank_rooms(
            month,
            &checks_of_month,
            |r| absences.get(&r).copied().unwrap_or_default(),
            |r| breaches.get(&r).copied().unwrap_or_default(),
        )
        .into_iter()
        .map(|s| {
            let label = setup
                .rooms
                .iter()
                .find(|r| r.id == s.room_id)
                .map(|r| setup.room_label(r))
                .unwrap_or_default();
            (s, label)
        })
        .collect();
        let last_days: HashMap<RoomId, NaiveDate> =
            checks::last_days(db, unit).await?.into_iter().collect();
        let lived_in: Vec<RoomId> = store::residences_on(db, unit, None)
            .await?
            .into_iter()
            .map(|r| r.room_id)
            .collect();
        let mut due: Vec<DueRoom> = setup
            .rooms
            .iter()
            .filter(|r| lived_in.contains(&r.id))
            .filter_map(|r| {
                let last = last_days.get(&r.id).copied();
                let due = settings.due_on(last, today);
                (due <= today).then(|| DueRoom {
                    label: setup.room_label(r),
                    room: r.clone(),
                    last,
                    due,
                })
            })
            .collect();
        due.sort_by_key(|d| (d.last.is_some(), d.due));
        Ok(CheckMonth {
            month,
            today,
            settings,
            ranking,
            checks: lines,
            due,
        })
    }

    /// A room's checks, latest first: for whoever may see the room.
    pub async fn checks_of_room(
        &self,
        actor: &Actor,
        unit: UnitId,
        room: RoomId,
    ) -> CoreResult<Vec<CheckLine>> {
        let s = self.standing(actor, unit).await?;
        if !s.sees_all() && !s.calls(room) {
            return Err(CoreError::NotFound);
        }
        let setup = super::setup(self.cx.db(), &self.cx, unit).await?;
        let list = checks::of_room(self.cx.db(), unit, room).await?;
        self.check_lines(unit, &setup, list).await
    }

    /// One check: for whoever may see its room.
    pub async fn check(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: RoomCheckId,
    ) -> CoreResult<CheckLine> {
        let c = checks::get(self.cx.db(), unit, id).await?;
        let s = self.standing(actor, unit).await?;
        if !s.sees_all() && !s.calls(c.room_id) {
            return Err(CoreError::NotFound);
        }
        let setup = super::setup(self.cx.db(), &self.cx, unit).await?;
        self.check_lines(unit, &setup, vec![c])
            .await?
            .pop()
            .ok_or(CoreError::NotFound)
    }

    /// A check's photo (0 for the first).
    pub async fn check_photo(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: RoomCheckId,
        position: u8,
    ) -> CoreResult<Vec<u8>> {
        self.check(actor, unit, id).await?;
        Ok(checks::photo(self.cx.db(), unit, id, i32::from(position)).await?)
    }

    async fn check_lines(
        &self,
        unit: UnitId,
        setup: &super::Setup,
        list: Vec<RoomCheck>,
    ) -> CoreResult<Vec<CheckLine>> {
        let people = self.cx.cached_people(unit).await?;
        let by_id: HashMap<PersonId, &Person> = people.iter().map(|(_, p)| (p.id, p)).collect();
        let breaches = checks::breaches(self.cx.db(), unit).await?;
        Ok(list
            .into_iter()
            .map(|c| CheckLine {
                room: setup
                    .rooms
                    .iter()
                    .find(|r| r.id == c.room_id)
                    .map(|r| setup.room_label(r))
                    .unwrap_or_default(),
                breaches: breaches
                    .iter()
                    .filter(|(check, _, _)| *check == c.id)
                    .filter_map(|(_, p, v)| by_id.get(p).map(|p| ((*p).clone(), *v)))
                    .collect(),
                check: c,
            })
            .collect())
    }
}
