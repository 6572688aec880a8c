//! Sessions of the movement: recorded by the office or a department,
//! attendance ticked from a list or checked in by each person scanning the
//! session's short-lived QR code, and the coverage of the movement year.

pub(crate) mod demo;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use rand::Rng;

use antt_domain::audit::{AuditAction, Change, TargetKind};
use antt_domain::person::{Person, PersonKind};
use antt_domain::role::Capability;
use antt_domain::session::{
    AttendanceMethod, CHECK_IN_MINUTES, CODE_ALPHABET, CODE_LENGTH, Coverage, Reachable, Session,
    SessionInput, Share, attendance_open, coverage, normalise_code,
};
use antt_domain::time::{MovementYear, local_date};
use antt_domain::{ErrorCode, MovementSessionId, PersonId, UnitId};
use antt_store::StoreError;
use antt_store::session as store;

use crate::actor::Actor;
use crate::audit::{entry, saved};
use crate::context::{Cx, movement_year, year_open};
use crate::error::{CoreError, CoreResult};
use crate::export::ExportFile;
use crate::exports::{Exports, people_sheet};
use crate::org::Org;
use crate::person::person_of_account;
use crate::write::Access;

/// A session in a list, with how many attended.
#[derive(Clone, Debug)]
pub struct SessionRow {
    pub session: Session,
    pub attended: u32,
}

/// A person who attended, as the session page lists them.
#[derive(Clone, Debug)]
pub struct Attendee {
    pub person: PersonId,
    pub name: String,
    pub code: String,
    pub group: Option<String>,
    pub method: AttendanceMethod,
}

/// A session with its attendance, for its page.
#[derive(Clone, Debug)]
pub struct SessionView {
    pub session: Session,
    pub attendees: Vec<Attendee>,
    /// The check-in code and its end, while it is valid.
    pub check_in: Option<(String, DateTime<Utc>)>,
    pub may_edit: bool,
    /// Attendance may be recorded: the session has started.
    pub open: bool,
    /// Whether the session is today (only then is a check-in code shown).
    pub today: bool,
    /// Its movement year has closed: it is kept as reported, read only.
    pub closed: bool,
}

/// The coverage of a movement year with the names behind it.
#[derive(Clone, Debug)]
pub struct CoverageView {
    pub year: i32,
    pub coverage: Coverage,
    pub sessions: usize,
    /// People not reached yet: (name, code, class or department).
    pub not_reached: Vec<(String, String, String)>,
    pub department_names: HashMap<antt_domain::DepartmentId, String>,
    pub class_names: HashMap<antt_domain::ClassId, String>,
}

fn fields(s: &SessionInput) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("kind", Some(s.kind.code().to_owned())),
        ("title", Some(s.title.clone())),
        (
            "topics",
            Some(
                s.topics
                    .iter()
                    .map(|t| t.code())
                    .collect::<Vec<_>>()
                    .join(","),
            ),
        ),
        ("topic_note", s.topic_note.clone()),
        ("organiser", Some(s.organiser.clone())),
        ("partner", s.partner.clone()),
        ("starts_at", Some(s.starts_at.to_rfc3339())),
        ("place", Some(s.place.clone())),
        ("outside_count", Some(s.outside_count.to_string())),
        ("materials", Some(s.materials.to_string())),
        ("posts", Some(s.posts.total().to_string())),
    ]
}

/// The session of a typed or scanned code: of the actor's own unit, and
/// still valid at `now`.
async fn session_of_code(
    e: &impl antt_store::Executor,
    actor: &Actor,
    code: &str,
    now: DateTime<Utc>,
) -> CoreResult<Session> {
    let (session, until) = store::by_check_in_code(e, &normalise_code(code))
        .await?
        .ok_or(CoreError::invalid("code", ErrorCode::NotFound))?;
    if actor.unit_id != Some(session.unit_id) {
        return Err(CoreError::invalid("code", ErrorCode::NotFound));
    }
    if until <= now {
        return Err(CoreError::invalid("code", ErrorCode::Expired));
    }
    Ok(session)
}

fn new_code() -> String {
    let mut rng = rand::thread_rng();
    (0..CODE_LENGTH)
        .map(|_| char::from(CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())]))
        .collect()
}

/// Sessions with the police, their attendance and the coverage of a year.
#[derive(Clone)]
pub struct Sessions {
    cx: Cx,
    org: Org,
    exports: Exports,
}

impl Sessions {
    pub(crate) fn new(cx: Cx, org: Org, exports: Exports) -> Self {
        Self { cx, org, exports }
    }

    /// The sessions of a movement year, newest first, with their attendance.
    #[tracing::instrument(name = "sessions.list", skip_all, fields(actor = %actor.name))]
    pub async fn list(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<Vec<SessionRow>> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPlans)?;
        let year = movement_year(year)?;
        let sessions = store::list(self.cx.db(), unit, year.starts_at(), year.ends_at()).await?;
        let ids: Vec<MovementSessionId> = sessions.iter().map(|s| s.id).collect();
        // The sessions are the unit's: counting by their ids alone walks
        // the (session, person) key, not every attendance of the unit.
        let counts = store::attendance_counts(self.cx.db(), &ids).await?;
        Ok(sessions
            .into_iter()
            .map(|session| SessionRow {
                attended: counts.get(&session.id).copied().unwrap_or(0),
                session,
            })
            .collect())
    }

    /// Records a session (`id` is `None`) or changes one.
    #[tracing::instrument(name = "sessions.save", skip_all, fields(actor = %actor.name))]
    pub async fn save(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: Option<MovementSessionId>,
        input: SessionInput,
    ) -> CoreResult<MovementSessionId> {
        let input = input.validate()?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::RecordSessions))
            .await?;
        let now = w.now();
        year_open(MovementYear::at(input.starts_at), now, "starts_at")?;
        let (id, action, before) = match id {
            None => (
                store::insert(w.tx(), unit, &input, now).await?.id,
                AuditAction::Create,
                Vec::new(),
            ),
            Some(id) => {
                let old = store::get(w.tx(), unit, id).await?;
                year_open(MovementYear::at(old.starts_at), now, "starts_at")?;
                store::update(w.tx(), unit, id, &input, now).await?;
                (id, AuditAction::Update, fields(&old.input()))
            }
        };
        w.commit(saved(
            actor,
            unit,
            TargetKind::Session,
            id,
            action,
            input.title.clone(),
            &before,
            &fields(&input),
        ))
        .await?;
        Ok(id)
    }

    /// A session with who attended.
    #[tracing::instrument(name = "sessions.view", skip_all, fields(actor = %actor.name))]
    pub async fn view(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: MovementSessionId,
    ) -> CoreResult<SessionView> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPlans)?;
        let session = store::get(self.cx.db(), unit, id).await?;
        let attended = store::attendees(self.cx.db(), unit, id).await?;
        let people = self.cx.cached_people(unit).await?;
        let structure = self.org.structure(actor, unit).await?;
        let by_id: HashMap<PersonId, &Person> = people.iter().map(|(_, p)| (p.id, p)).collect();
        let mut attendees: Vec<Attendee> = attended
            .into_iter()
            .filter_map(|(pid, method)| {
                let p = by_id.get(&pid)?;
                Some(Attendee {
                    person: pid,
                    name: p.full_name.clone(),
                    code: p.code.clone(),
                    group: structure.group_of(p),
                    method,
                })
            })
            .collect();
        attendees
            .sort_by_cached_key(|a| (a.group.clone(), antt_domain::text::name_sort_key(&a.name)));
        let now = self.cx.now();
        let check_in = store::check_in_of(self.cx.db(), unit, id)
            .await?
            .filter(|(_, until)| *until > now);
        let writable = self.cx.check_writable(actor, unit).await.is_ok();
        let closed = MovementYear::at(session.starts_at).closed_by(now);
        Ok(SessionView {
            may_edit: writable && !closed && actor.can(Capability::RecordSessions),
            closed,
            open: attendance_open(session.starts_at, now),
            today: local_date(session.starts_at) == local_date(now),
            attendees,
            check_in,
            session,
        })
    }

    /// Shows a fresh check-in code for a session held today, valid for a
    /// quarter of an hour; showing it again gives a new code.
    #[tracing::instrument(name = "sessions.open_check_in", skip_all, fields(actor = %actor.name))]
    pub async fn open_check_in(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: MovementSessionId,
    ) -> CoreResult<(String, DateTime<Utc>)> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::RecordSessions))
            .await?;
        let now = w.now();
        let session = store::get(w.tx(), unit, id).await?;
        if local_date(session.starts_at) != local_date(now) {
            return Err(CoreError::invalid("check_in", ErrorCode::WrongState));
        }
        if !attendance_open(session.starts_at, now) {
            return Err(CoreError::invalid("check_in", ErrorCode::NotStarted));
        }
        let until = now + Duration::minutes(CHECK_IN_MINUTES);
        // A code already given to a session is drawn again: astronomically
        // rare, and safe to look for first since the write holds the lock.
        for _ in 0..5 {
            let code = new_code();
            if store::by_check_in_code(w.tx(), &code).await?.is_some() {
                continue;
            }
            store::set_check_in(w.tx(), unit, id, &code, until).await?;
            let changes = vec![Change {
                field: "check_in_until".into(),
                before: None,
                after: Some(until.to_rfc3339()),
            }];
            w.commit(entry(
                actor,
                Some(unit),
                AuditAction::Update,
                Some((TargetKind::Session, id.to_string())),
                session.title,
                changes,
            ))
            .await?;
            return Ok((code, until));
        }
        Err(CoreError::internal("no free check-in code"))
    }

    /// The session a typed or scanned code opens, for the confirmation page.
    #[tracing::instrument(name = "sessions.check_in_session", skip_all, fields(actor = %actor.name))]
    pub async fn check_in_session(&self, actor: &Actor, code: &str) -> CoreResult<Session> {
        session_of_code(self.cx.db(), actor, code, self.cx.now()).await
    }

    /// The actor checks themself in to the session of `code`: once, while
    /// the code is valid, and only with an account linked to a person of the
    /// session's unit.
    #[tracing::instrument(name = "sessions.check_in", skip_all, fields(actor = %actor.name))]
    pub async fn check_in(&self, actor: &Actor, code: &str) -> CoreResult<Session> {
        let unit = actor.home_unit()?;
        let w = self.cx.write(Access::Own(actor, unit)).await?;
        let now = w.now();
        let session = session_of_code(w.tx(), actor, code, now).await?;
        let person = person_of_account(w.tx(), actor)
            .await?
            .ok_or(CoreError::invalid("person", ErrorCode::NotFound))?;
        if !attendance_open(session.starts_at, now) {
            return Err(CoreError::invalid("code", ErrorCode::NotStarted));
        }
        year_open(MovementYear::at(session.starts_at), now, "code")?;
        match store::attend(
            w.tx(),
            session.unit_id,
            session.id,
            person,
            AttendanceMethod::CheckIn,
            now,
            actor.user_id,
        )
        .await
        {
            Ok(()) => {}
            Err(StoreError::Conflict(_)) => {
                return Err(CoreError::invalid("code", ErrorCode::AlreadyRecorded));
            }
            Err(e) => return Err(e.into()),
        }
        let target = Some((TargetKind::Session, session.id.to_string()));
        let changes = vec![Change {
            field: "check_in".into(),
            before: None,
            after: Some(person.to_string()),
        }];
        w.commit(entry(
            actor,
            Some(session.unit_id),
            AuditAction::Update,
            target,
            session.title.clone(),
            changes,
        ))
        .await?;
        Ok(session)
    }

    /// Ticks attendance from a class or department list: of `listed` (the
    /// people on the form), those in `present` attended; the others' ticks
    /// are removed (never a check-in the person made). Refused before the
    /// session starts.
    #[tracing::instrument(name = "sessions.tick_attendance", skip_all, fields(actor = %actor.name))]
    pub async fn tick_attendance(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: MovementSessionId,
        listed: &[PersonId],
        present: &[PersonId],
    ) -> CoreResult<(usize, u64)> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::RecordSessions))
            .await?;
        let now = w.now();
        let session = store::get(w.tx(), unit, id).await?;
        if !attendance_open(session.starts_at, now) {
            return Err(CoreError::invalid("attendance", ErrorCode::NotStarted));
        }
        year_open(MovementYear::at(session.starts_at), now, "attendance")?;
        let already: HashSet<PersonId> = store::attendees(w.tx(), unit, id)
            .await?
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        let present: HashSet<PersonId> = present
            .iter()
            .copied()
            .filter(|p| listed.contains(p))
            .collect();
        let mut added = 0;
        for person in &present {
            if !already.contains(person) {
                store::attend(
                    w.tx(),
                    unit,
                    id,
                    *person,
                    AttendanceMethod::Ticked,
                    now,
                    actor.user_id,
                )
                .await
                .map_err(|e| match e {
                    StoreError::ForeignKey(_) => {
                        CoreError::invalid("attendance", ErrorCode::NotFound)
                    }
                    e => e.into(),
                })?;
                added += 1;
            }
        }
        let absent: Vec<PersonId> = listed
            .iter()
            .copied()
            .filter(|p| !present.contains(p) && already.contains(p))
            .collect();
        let removed = store::untick(w.tx(), unit, id, &absent).await?;
        let changes = vec![
            Change {
                field: "attendance_added".into(),
                before: None,
                after: Some(added.to_string()),
            },
            Change {
                field: "attendance_removed".into(),
                before: None,
                after: Some(removed.to_string()),
            },
        ];
        let target = Some((TargetKind::Session, id.to_string()));
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            target,
            session.title.clone(),
            changes,
        ))
        .await?;
        Ok((added, removed))
    }

    /// How many of a unit's active staff and students have attended a
    /// session of the movement year of `year`, counted by the database
    /// (the home page, the standard's facts): the same shares as
    /// [`Self::coverage`] without reading the unit's people.
    #[tracing::instrument(name = "sessions.coverage_shares", skip_all, fields(actor = %actor.name))]
    pub async fn coverage_shares(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<(Share, Share)> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPeople)?;
        let (from, to) = self.year_so_far(year)?;
        Ok(antt_store::stats::active_shares(
            self.cx.db(),
            unit,
            store::reached_query(unit, from, to),
        )
        .await?)
    }

    /// The movement year of `year` up to tomorrow: what counts so far.
    fn year_so_far(&self, year: i32) -> CoreResult<(DateTime<Utc>, DateTime<Utc>)> {
        let y = movement_year(year)?;
        Ok((
            y.starts_at(),
            y.ends_at().min(self.cx.now() + Duration::days(1)),
        ))
    }

    /// Everyone of a unit who has attended at least one session of the
    /// movement year of `year`.
    #[tracing::instrument(name = "sessions.coverage", skip_all, fields(actor = %actor.name))]
    pub async fn coverage(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<CoverageView> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPeople)?;
        let (from, to) = self.year_so_far(year)?;
        let reached = store::reached(self.cx.db(), unit, from, to).await?;
        let people = self.cx.cached_people(unit).await?;
        let structure = self.org.structure(actor, unit).await?;
        let c = coverage(
            people.iter().filter_map(|(_, p)| Reachable::of(p)),
            &reached,
        );
        let not_reached = structure.named(&people, &c.not_reached);
        let sessions = store::list(self.cx.db(), unit, from, to).await?.len();
        Ok(CoverageView {
            year,
            coverage: c,
            sessions,
            not_reached,
            department_names: structure
                .departments
                .iter()
                .map(|d| (d.id, d.name.clone()))
                .collect(),
            class_names: structure
                .classes
                .iter()
                .map(|c| (c.id, c.name.clone()))
                .collect(),
        })
    }

    /// The people of a class or a department, for ticking attendance.
    #[tracing::instrument(name = "sessions.attendance_list", skip_all, fields(actor = %actor.name))]
    pub async fn attendance_list(
        &self,
        actor: &Actor,
        unit: UnitId,
        class: Option<antt_domain::ClassId>,
        department: Option<antt_domain::DepartmentId>,
    ) -> CoreResult<Vec<Person>> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadPeople)?;
        let people = self.cx.cached_people(unit).await?;
        let mut list: Vec<Person> = people
            .iter()
            .map(|(_, p)| p)
            .filter(|p| p.status == antt_domain::person::PersonStatus::Active)
            .filter(|p| match (class, department) {
                (Some(c), _) => p.class_id == Some(c),
                (None, Some(d)) => p.kind == PersonKind::Staff && p.department_id == Some(d),
                (None, None) => false,
            })
            .cloned()
            .collect();
        list.sort_by_cached_key(|p| antt_domain::text::name_sort_key(&p.full_name));
        Ok(list)
    }

    /// Who has not been reached by any session of the movement year.
    #[tracing::instrument(name = "sessions.export_not_reached", skip_all, fields(actor = %actor.name))]
    pub async fn export_not_reached(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<ExportFile> {
        let v = self.coverage(actor, unit, year).await?;
        let u = self.cx.cached_unit(unit).await?;
        let rows = v
            .not_reached
            .into_iter()
            .map(|(n, c, g)| (n, c, g, String::new()))
            .collect();
        let sheet = people_sheet(
            &u.name,
            format!("DANH SÁCH CHƯA ĐƯỢC TUYÊN TRUYỀN NĂM {year}"),
            rows,
            None,
        );
        self.exports
            .sheets(
                actor,
                unit,
                None,
                format!("chua-tuyen-truyen-{year}.xlsx"),
                vec![sheet],
            )
            .await
    }

    /// Who attended a session, and how it was recorded.
    #[tracing::instrument(name = "sessions.export_attendees", skip_all, fields(actor = %actor.name))]
    pub async fn export_attendees(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: MovementSessionId,
    ) -> CoreResult<ExportFile> {
        actor.require(Capability::ReadPeople)?;
        let v = self.view(actor, unit, id).await?;
        let u = self.cx.cached_unit(unit).await?;
        let date =
            antt_domain::time::format_date(antt_domain::time::local_date(v.session.starts_at));
        let rows = v
            .attendees
            .into_iter()
            .map(|a| {
                let how = antt_words::attendance_method(a.method);
                (a.name, a.code, a.group.unwrap_or_default(), how.to_owned())
            })
            .collect();
        let sheet = people_sheet(
            &u.name,
            format!(
                "DANH SÁCH THAM DỰ: {} ({date})",
                v.session.title.to_uppercase()
            ),
            rows,
            Some("Cách điểm danh"),
        );
        let target = Some((TargetKind::Session, id.to_string()));
        self.exports
            .sheets(
                actor,
                unit,
                target,
                format!("tham-du-{}.xlsx", date.replace('/', "-")),
                vec![sheet],
            )
            .await
    }
}
