//! Inspections by checklist and schedule: the office writes the unit's
//! checklists and the rounds that come again (what, where, how often, given
//! to whom); staff answer a checklist item by item; a round not done in a
//! whole period is late and says so on the register, the home page and the
//! morning e-mail.

use std::collections::HashSet;

use chrono::NaiveDate;

use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::equipment::{Equipment, EquipmentEventKind, EquipmentKind};
use antt_domain::inspection::{
    Assignee, Frequency, InspectionSchedule, InspectionTemplate, Question, Reply, RoundState,
    default_questions, judge, parse_questions,
};
use antt_domain::role::Capability;
use antt_domain::{
    CampusId, EquipmentId, ErrorCode, InspectionRoundId, InspectionScheduleId,
    InspectionTemplateId, UnitId, ValidationErrors,
};
use antt_store::equipment as items;
use antt_store::inspection as store;
pub use antt_store::inspection::Round;

use crate::actor::Actor;
use crate::audit::{changed, entry};
use crate::context::Cx;
use crate::equipment::EquipmentRegister;
use crate::error::{CoreError, CoreResult};
use crate::write::Access;

/// A checklist as the office submits it.
#[derive(Clone, Debug, Default)]
pub struct ChecklistInput {
    /// None: a new place's checklist (or the kind's, when `kind` is set).
    pub id: Option<InspectionTemplateId>,
    pub name: String,
    pub kind: Option<EquipmentKind>,
    /// One question per line (see [`parse_questions`]).
    pub questions: String,
}

/// The checklists a unit works with: one per kind (its own or the
/// default), and the places' checklists it wrote.
#[derive(Clone, Debug, Default)]
pub struct Checklists {
    pub kinds: Vec<KindChecklist>,
    pub places: Vec<InspectionTemplate>,
}

#[derive(Clone, Debug)]
pub struct KindChecklist {
    pub kind: EquipmentKind,
    pub questions: Vec<Question>,
    /// The unit wrote its own (else the default stands).
    pub own: Option<InspectionTemplateId>,
}

/// A schedule as the office submits it.
#[derive(Clone, Debug)]
pub struct ScheduleInput {
    pub name: String,
    pub kind: Option<EquipmentKind>,
    pub template_id: Option<InspectionTemplateId>,
    pub campus_id: Option<CampusId>,
    pub place: String,
    pub frequency: Frequency,
    pub every_days: u32,
    pub starts_on: NaiveDate,
    pub assignee: Assignee,
}

/// A schedule with where its round stands today.
#[derive(Clone, Debug)]
pub struct RoundLine {
    pub schedule: InspectionSchedule,
    pub state: RoundState,
    /// The person's full name or the team's name.
    pub assignee: String,
    /// The checklist's name (the kind's words for a kind).
    pub checklist: String,
    /// The actor is the person given the round, or a member of the team.
    pub mine: bool,
}

/// A round's page: the items in its scope, those not yet checked in the
/// period first; or a place's checklist and the rounds done.
#[derive(Clone, Debug)]
pub struct RoundPage {
    pub line: RoundLine,
    /// Each item in scope and whether it was checked in this period.
    pub items: Vec<(Equipment, bool)>,
    pub questions: Vec<Question>,
    pub done: Vec<Round>,
    /// The corrective actions its failed rounds opened, the open first.
    pub actions: Vec<antt_domain::equipment::EquipmentFault>,
}

#[derive(Clone)]
pub struct Inspections {
    cx: Cx,
    register: EquipmentRegister,
}

fn template_name(t: &InspectionTemplate) -> String {
    t.kind.map_or_else(
        || t.name.clone(),
        |k| antt_words::equipment_kind(k).to_owned(),
    )
}

impl Inspections {
    pub(crate) fn new(cx: Cx, register: EquipmentRegister) -> Self {
        Self { cx, register }
    }

    async fn readable(&self, actor: &Actor, unit: UnitId) -> CoreResult<()> {
        self.cx.check_readable(actor, unit).await?;
        actor.require(Capability::ReadEquipment)
    }

    /// The questions an item of `kind` is checked by at `unit`.
    pub async fn checklist(
        &self,
        actor: &Actor,
        unit: UnitId,
        kind: EquipmentKind,
    ) -> CoreResult<Vec<Question>> {
        self.readable(actor, unit).await?;
        Ok(store::template_of_kind(self.cx.db(), unit, kind)
            .await?
            .map_or_else(|| default_questions(kind), |t| t.questions))
    }

    /// Every checklist of the unit.
    pub async fn checklists(&self, actor: &Actor, unit: UnitId) -> CoreResult<Checklists> {
        self.readable(actor, unit).await?;
        let own = store::templates(self.cx.db(), unit).await?;
        let kinds = EquipmentKind::ALL
            .iter()
            .map(|&kind| {
                let t = own.iter().find(|t| t.kind == Some(kind));
                KindChecklist {
                    kind,
                    questions: t.map_or_else(|| default_questions(kind), |t| t.questions.clone()),
                    own: t.map(|t| t.id),
                }
            })
            .collect();
        Ok(Checklists {
            kinds,
            places: own.into_iter().filter(|t| t.kind.is_none()).collect(),
        })
    }

    /// One place's checklist of the unit.
    pub async fn place_checklist(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: InspectionTemplateId,
    ) -> CoreResult<InspectionTemplate> {
        self.readable(actor, unit).await?;
        store::template_of(self.cx.db(), unit, id)
            .await?
            .ok_or(CoreError::NotFound)
    }

    /// Writes a checklist: a kind's own (replacing the default or the
    /// unit's earlier one) or a place's.
    #[tracing::instrument(name = "inspection.save_checklist", skip_all, fields(actor = %actor.name))]
    pub async fn save_checklist(
        &self,
        actor: &Actor,
        unit: UnitId,
        input: &ChecklistInput,
    ) -> CoreResult<InspectionTemplateId> {
        let mut errors = ValidationErrors::new();
        let name = match input.kind {
            Some(k) => Some(antt_words::equipment_kind(k).to_owned()),
            None => errors.check(antt_domain::text::required("name", &input.name, 200)),
        };
        let questions = match parse_questions(&input.questions) {
            Ok(q) => Some(q),
            Err(e) => {
                errors.extend(e);
                None
            }
        };
        errors.into_result()?;
        let (Some(name), Some(questions)) = (name, questions) else {
            return Err(CoreError::invalid("questions", ErrorCode::Invalid));
        };
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageEquipment))
            .await?;
        let id = match (input.kind, input.id) {
            (Some(kind), _) => store::template_of_kind(w.tx(), unit, kind)
                .await?
                .map_or_else(InspectionTemplateId::new_v7, |t| t.id),
            (None, Some(id)) => {
                let old = store::template_of(w.tx(), unit, id)
                    .await?
                    .ok_or(CoreError::NotFound)?;
                if old.kind.is_some() {
                    return Err(CoreError::invalid("kind", ErrorCode::Invalid));
                }
                id
            }
            (None, None) => InspectionTemplateId::new_v7(),
        };
        let template = InspectionTemplate {
            id,
            unit_id: unit,
            name: name.clone(),
            kind: input.kind,
            questions,
        };
        store::save_template(w.tx(), &template, w.now()).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Equipment, id.to_string())),
            format!("Mẫu kiểm tra: {name}"),
            Vec::new(),
        ))
        .await?;
        Ok(id)
    }

    /// Answers an item's checklist: in order, or failed (the item turns
    /// faulty and a corrective action opens with what failed, and the
    /// photo taken, if any). `answers` are as the form sends them, one per
    /// question.
    #[allow(clippy::too_many_arguments)] // the item, the day, and what was found
    pub async fn check_item(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: EquipmentId,
        day: NaiveDate,
        answers: &[&str],
        note: &str,
        photo: Option<Vec<u8>>,
    ) -> CoreResult<()> {
        let item = items::item_of(self.cx.db(), unit, id)
            .await?
            .ok_or(CoreError::NotFound)?;
        let questions = self.checklist(actor, unit, item.kind).await?;
        let (kind, text) = judge(&questions, &replies(&questions, answers), note)?;
        self.register
            .record_with_photo(actor, unit, id, kind, day, &text, photo)
            .await
    }

    async fn mine(
        &self,
        actor: &Actor,
        unit: UnitId,
    ) -> CoreResult<(Option<antt_domain::PersonId>, HashSet<antt_domain::TeamId>)> {
        let Some(user) = actor.user_id else {
            return Ok((None, HashSet::new()));
        };
        let db = self.cx.db();
        let person = antt_store::user::get(db, None, user)
            .await
            .ok()
            .and_then(|u| u.person_id);
        let teams = match person {
            Some(p) => {
                let today = self.cx.today();
                antt_store::team::members(db, unit, None)
                    .await?
                    .into_iter()
                    .filter(|m| m.person_id == p && m.until.is_none_or(|u| u >= today))
                    .map(|m| m.team_id)
                    .collect()
            }
            None => HashSet::new(),
        };
        Ok((person, teams))
    }

    /// The unit's schedules with where each round stands today, the late
    /// ones first.
    pub async fn rounds(&self, actor: &Actor, unit: UnitId) -> CoreResult<Vec<RoundLine>> {
        self.readable(actor, unit).await?;
        let db = self.cx.db();
        let schedules = store::schedules(db, unit).await?;
        if schedules.is_empty() {
            return Ok(Vec::new());
        }
        let all = items::items(db, unit).await?;
        let done = store::rounds(db, unit).await?;
        let templates = store::templates(db, unit).await?;
        let (person, teams) = self.mine(actor, unit).await?;
        let mut out = Vec::with_capacity(schedules.len());
        for s in schedules {
            out.push(
                self.line(s, &all, &done, &templates, person, &teams)
                    .await?,
            );
        }
        out.sort_by_key(|l| {
            (
                l.state.late_since.is_none(),
                l.state.complete(),
                l.schedule.name.clone(),
            )
        });
        Ok(out)
    }

    async fn line(
        &self,
        schedule: InspectionSchedule,
        all: &[Equipment],
        done: &[Round],
        templates: &[InspectionTemplate],
        person: Option<antt_domain::PersonId>,
        teams: &HashSet<antt_domain::TeamId>,
    ) -> CoreResult<RoundLine> {
        let db = self.cx.db();
        let today = self.cx.today();
        let last_checks: Vec<Option<NaiveDate>> = match schedule.kind {
            Some(_) => in_scope(&schedule, all).map(|i| i.last_check).collect(),
            None => vec![
                done.iter()
                    .filter(|r| r.schedule_id == schedule.id)
                    .map(|r| r.done_on)
                    .max(),
            ],
        };
        let state = RoundState::judge(&schedule, today, &last_checks);
        let (assignee, mine) = match schedule.assignee {
            Assignee::Person(p) => (
                antt_store::person::get(db, schedule.unit_id, p)
                    .await
                    .map_or_else(|_| "–".to_owned(), |p| p.full_name),
                person == Some(p),
            ),
            Assignee::Team(t) => (
                antt_store::team::get(db, schedule.unit_id, t)
                    .await
                    .map_or_else(|_| "–".to_owned(), |t| t.name),
                teams.contains(&t),
            ),
        };
        let checklist = match (schedule.kind, schedule.template_id) {
            (Some(k), _) => antt_words::round_kinds(k).to_owned(),
            (None, Some(t)) => templates
                .iter()
                .find(|x| x.id == t)
                .map_or_else(|| "–".to_owned(), template_name),
            (None, None) => "–".to_owned(),
        };
        Ok(RoundLine {
            schedule,
            state,
            assignee,
            checklist,
            mine,
        })
    }

    /// One round: its items (or its place's checklist) as they stand.
    pub async fn round(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: InspectionScheduleId,
    ) -> CoreResult<RoundPage> {
        self.readable(actor, unit).await?;
        let db = self.cx.db();
        let schedule = store::schedule_of(db, unit, id)
            .await?
            .ok_or(CoreError::NotFound)?;
        let all = items::items(db, unit).await?;
        let done: Vec<Round> = store::rounds(db, unit)
            .await?
            .into_iter()
            .filter(|r| r.schedule_id == id)
            .collect();
        let templates = store::templates(db, unit).await?;
        let (person, teams) = self.mine(actor, unit).await?;
        let line = self
            .line(schedule.clone(), &all, &done, &templates, person, &teams)
            .await?;
        let start = line.state.period.start;
        let mut scope: Vec<(Equipment, bool)> = in_scope(&schedule, &all)
            .map(|i| (i.clone(), i.last_check.is_some_and(|d| d >= start)))
            .collect();
        scope.sort_by(|a, b| (a.1, &a.0.place, &a.0.code).cmp(&(b.1, &b.0.place, &b.0.code)));
        let questions = match schedule.template_id {
            Some(t) => templates
                .iter()
                .find(|x| x.id == t)
                .map(|t| t.questions.clone())
                .unwrap_or_default(),
            None => Vec::new(),
        };
        let mut actions: Vec<_> = antt_store::equipment::faults(db, unit, false)
            .await?
            .into_iter()
            .filter(|f| f.schedule_id == Some(id))
            .collect();
        // The open first, then the newest.
        actions.sort_by_key(|f| {
            (
                f.state != antt_domain::equipment::FaultState::Open,
                std::cmp::Reverse((f.reported_at, f.id)),
            )
        });
        Ok(RoundPage {
            line,
            items: scope,
            questions,
            done,
            actions,
        })
    }

    /// Adds a schedule of checks.
    #[tracing::instrument(name = "inspection.add_schedule", skip_all, fields(actor = %actor.name))]
    pub async fn add_schedule(
        &self,
        actor: &Actor,
        unit: UnitId,
        input: &ScheduleInput,
    ) -> CoreResult<InspectionScheduleId> {
        let mut errors = ValidationErrors::new();
        let name = errors.check(antt_domain::text::required("name", &input.name, 200));
        let place = errors.check(antt_domain::text::optional(
            "place",
            Some(&input.place),
            200,
        ));
        if input.kind.is_some() == input.template_id.is_some() {
            errors.add("checklist", ErrorCode::EitherOr);
        }
        if input.frequency == Frequency::EveryDays && !(1..=366).contains(&input.every_days) {
            errors.add("every_days", ErrorCode::Invalid);
        }
        if let Err(CoreError::Invalid(e)) = crate::patrol::plausible("starts_on", input.starts_on) {
            errors.extend(e);
        }
        errors.into_result()?;
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageEquipment))
            .await?;
        if let Some(c) = input.campus_id
            && antt_store::org::get_campus(w.tx(), unit, c).await.is_err()
        {
            return Err(CoreError::invalid("campus", ErrorCode::NotFound));
        }
        if let Some(t) = input.template_id {
            let found = store::template_of(w.tx(), unit, t).await?;
            if found.is_none_or(|t| t.kind.is_some()) {
                return Err(CoreError::invalid("checklist", ErrorCode::NotFound));
            }
        }
        let found = match input.assignee {
            Assignee::Person(p) => antt_store::person::get(w.tx(), unit, p).await.is_ok(),
            Assignee::Team(t) => antt_store::team::get(w.tx(), unit, t).await.is_ok(),
        };
        if !found {
            return Err(CoreError::invalid("assignee", ErrorCode::NotFound));
        }
        let name = name.unwrap_or_default();
        let schedule = InspectionSchedule {
            id: InspectionScheduleId::new_v7(),
            unit_id: unit,
            name: name.clone(),
            kind: input.kind.map(EquipmentKind::round_lead),
            template_id: input.template_id,
            campus_id: input.campus_id,
            place: place.flatten().unwrap_or_default(),
            frequency: input.frequency,
            every_days: if input.frequency == Frequency::EveryDays {
                input.every_days
            } else {
                0
            },
            starts_on: input.starts_on,
            assignee: input.assignee,
        };
        store::insert_schedule(w.tx(), &schedule, w.now()).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            Some((TargetKind::Equipment, schedule.id.to_string())),
            format!("Lịch kiểm tra: {name}"),
            Vec::new(),
        ))
        .await?;
        Ok(schedule.id)
    }

    /// Removes a schedule (the checks done stay in the items' history).
    #[tracing::instrument(name = "inspection.remove_schedule", skip_all, fields(actor = %actor.name))]
    pub async fn remove_schedule(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: InspectionScheduleId,
    ) -> CoreResult<()> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::ManageEquipment))
            .await?;
        let s = store::schedule_of(w.tx(), unit, id)
            .await?
            .ok_or(CoreError::NotFound)?;
        store::delete_schedule(w.tx(), unit, id).await?;
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Equipment, id.to_string())),
            format!("Bỏ lịch kiểm tra: {}", s.name),
            Vec::new(),
        ))
        .await
    }

    /// Records a round of a place's checklist, answered question by
    /// question.
    #[tracing::instrument(name = "inspection.record_round", skip_all, fields(actor = %actor.name))]
    pub async fn record_round(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: InspectionScheduleId,
        day: NaiveDate,
        answers: &[&str],
        note: &str,
    ) -> CoreResult<EquipmentEventKind> {
        if day > self.cx.today() {
            return Err(CoreError::invalid("day", ErrorCode::InFuture));
        }
        crate::patrol::plausible("day", day)?;
        let note = antt_domain::text::optional("note", Some(note), 1000)
            .map_err(|e| CoreError::Invalid(ValidationErrors::single(e.field, e.code)))?
            .unwrap_or_default();
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::InspectEquipment))
            .await?;
        let schedule = store::schedule_of(w.tx(), unit, id)
            .await?
            .ok_or(CoreError::NotFound)?;
        let template = match schedule.template_id {
            Some(t) => store::template_of(w.tx(), unit, t).await?,
            None => None,
        }
        .ok_or_else(|| CoreError::invalid("checklist", ErrorCode::WrongState))?;
        let (result, text) = judge(
            &template.questions,
            &replies(&template.questions, answers),
            &note,
        )?;
        if result == EquipmentEventKind::CheckFailed && note.is_empty() {
            return Err(CoreError::invalid("note", ErrorCode::Required));
        }
        if result == EquipmentEventKind::CheckFailed {
            // What failed becomes a corrective action, as a failed item's
            // check does: the person the round is given to sets it right
            // (a team's round: the office gives it), within the usual days.
            let place = if schedule.place.is_empty() {
                schedule.name.clone()
            } else {
                format!("{} – {}", schedule.name, schedule.place)
            };
            antt_store::equipment::insert_fault(
                w.tx(),
                &antt_domain::equipment::EquipmentFault {
                    id: antt_domain::EquipmentFaultId::new_v7(),
                    unit_id: unit,
                    equipment_id: None,
                    schedule_id: Some(id),
                    place: Some(place),
                    reported_at: w.now(),
                    description: format!(
                        "Kiểm tra ngày {}: {text}",
                        antt_domain::time::format_date(day)
                    ),
                    reported_by: Some(actor.name.clone()),
                    has_photo: false,
                    state: antt_domain::equipment::FaultState::Open,
                    closed_at: None,
                    closed_by: None,
                    closing_note: None,
                    owner_id: match schedule.assignee {
                        antt_domain::inspection::Assignee::Person(p) => Some(p),
                        antt_domain::inspection::Assignee::Team(_) => None,
                    },
                    due_on: day
                        .checked_add_days(chrono::Days::new(antt_domain::equipment::FAULT_DAYS)),
                },
                None,
            )
            .await?;
        }
        store::insert_round(
            w.tx(),
            unit,
            &Round {
                id: InspectionRoundId::new_v7(),
                schedule_id: id,
                done_on: day,
                result,
                note: text,
                recorded_by: actor.name.clone(),
            },
            w.now(),
        )
        .await?;
        w.commit(changed(
            actor,
            unit,
            TargetKind::Equipment,
            id,
            format!("{}: {}", antt_words::equipment_event(result), schedule.name),
            Vec::new(),
        ))
        .await?;
        Ok(result)
    }
}

/// The replies read from the form's answers, one per question.
fn replies(questions: &[Question], answers: &[&str]) -> Vec<Option<Reply>> {
    questions
        .iter()
        .enumerate()
        .map(|(n, q)| answers.get(n).and_then(|a| Reply::parse(q, a)))
        .collect()
}

/// The items a schedule of a kind covers: in use, checked in the kind's
/// round (see `EquipmentKind::round_lead`), at its
/// campus, their place holding its words.
fn in_scope<'a>(
    schedule: &'a InspectionSchedule,
    all: &'a [Equipment],
) -> impl Iterator<Item = &'a Equipment> {
    let words = antt_domain::text::search_key(&schedule.place);
    all.iter().filter(move |i| {
        schedule
            .kind
            .is_some_and(|k| i.kind.round_lead() == k.round_lead())
            && i.in_use()
            && schedule.campus_id.is_none_or(|c| i.campus_id == Some(c))
            && (words.is_empty() || antt_domain::text::search_key(&i.place).contains(&words))
    })
}
