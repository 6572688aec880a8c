//! Tips, their photos, conversation and changes of state; who handles the
//! tips of a unit and its deadlines. The sealed parts pass through as bytes:
//! this crate never sees a tip's text. Every function over a unit's rows
//! takes the unit, except the look-up by receipt, where the receipt is the
//! credential.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use antt_domain::tip::{
    Author, Tip, TipCategory, TipChannel, TipEvent, TipHeader, TipMessage, TipState,
};
use antt_domain::{CampusId, IncidentId, TipId, UnitId, UserId};
use antt_entity::{
    tip as tips, tip_deadline as deadlines, tip_event as events, tip_handler as handlers,
    tip_message as messages, tip_photo as photos,
};

use crate::db::Executor;
use crate::error::{StoreResult, decode, one_row};

/// The sealed parts of a tip, as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sealed {
    pub text: Vec<u8>,
    pub place: Option<Vec<u8>>,
    pub contact: Option<Vec<u8>>,
}

/// A tip to insert: its id is chosen by the caller, who sealed its parts
/// for that id. It has no field for the words of the tip in the clear, so
/// none can reach the database by mistake.
pub struct NewTip {
    pub id: TipId,
    pub header: TipHeader,
    pub sealed: Sealed,
    pub received_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub receipt_hash: Option<String>,
    pub recorded_by: Option<UserId>,
}

fn number(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

fn tip(m: tips::Model) -> StoreResult<(Tip, Sealed)> {
    let t = Tip {
        id: TipId::from_uuid(m.id),
        unit_id: UnitId::from_uuid(m.unit_id),
        number: number(m.number),
        channel: decode("tip channel", &m.channel, TipChannel::parse)?,
        category: decode("tip category", &m.category, TipCategory::parse)?,
        urgent: m.urgent,
        state: decode("tip state", &m.state, TipState::parse)?,
        anonymous: m.anonymous,
        campus_id: m.campus_id.map(CampusId::from_uuid),
        occurred_at: m.occurred_at,
        received_at: m.received_at,
        due_at: m.due_at,
        assignee_id: m.assignee_id.map(UserId::from_uuid),
        recorded_by: m.recorded_by.map(UserId::from_uuid),
        incident_id: m.incident_id.map(IncidentId::from_uuid),
        outcome: m.outcome,
        police_unit: m.police_unit,
        awaiting_staff: m.awaiting_staff,
        closed_at: m.closed_at,
    };
    Ok((
        t,
        Sealed {
            text: m.sealed_text,
            place: m.sealed_place,
            contact: m.sealed_contact,
        },
    ))
}

/// The next number of a unit's tips. Called inside the write transaction,
/// which holds the instance's write lock, so two tips never share one.
async fn next_number(e: &impl Executor, unit: UnitId) -> StoreResult<i32> {
    let max: Option<Option<i32>> = tips::Entity::find()
        .select_only()
        .column_as(Expr::col(tips::Column::Number).max(), "n")
        .filter(tips::Column::UnitId.eq(unit.uuid()))
        .into_tuple()
        .one(e.conn())
        .await?;
    Ok(max.flatten().unwrap_or(0) + 1)
}

/// Inserts a tip; returns its number in the unit.
pub async fn insert(e: &impl Executor, unit: UnitId, new: NewTip) -> StoreResult<u32> {
    let n = next_number(e, unit).await?;
    let i = new.header;
    tips::ActiveModel {
        id: Set(new.id.uuid()),
        unit_id: Set(unit.uuid()),
        number: Set(n),
        channel: Set(i.channel.code().into()),
        category: Set(i.category.code().into()),
        urgent: Set(i.urgent),
        state: Set(TipState::Received.code().into()),
        anonymous: Set(i.anonymous),
        campus_id: Set(i.campus_id.map(CampusId::uuid)),
        occurred_at: Set(i.occurred_at),
        received_at: Set(new.received_at),
        due_at: Set(new.due_at),
        sealed_text: Set(new.sealed.text),
        sealed_place: Set(new.sealed.place),
        sealed_contact: Set(new.sealed.contact),
        receipt_hash: Set(new.receipt_hash),
        assignee_id: Set(None),
        recorded_by: Set(new.recorded_by.map(UserId::uuid)),
        incident_id: Set(None),
        outcome: Set(None),
        police_unit: Set(None),
        awaiting_staff: Set(false),
        closed_at: Set(None),
        hours_to_close: Set(None),
    }
    .insert(e.conn())
    .await?;
    Ok(number(n))
}

pub async fn get(e: &impl Executor, unit: UnitId, id: TipId) -> StoreResult<(Tip, Sealed)> {
    let m = tips::Entity::find()
        .filter(tips::Column::UnitId.eq(unit.uuid()))
        .filter(tips::Column::Id.eq(id.uuid()))
        .one(e.conn())
        .await?
        .ok_or(crate::StoreError::NotFound)?;
    tip(m)
}

/// The tip of a receipt hash, of any unit.
pub async fn by_receipt(e: &impl Executor, hash: &str) -> StoreResult<Option<(Tip, Sealed)>> {
    tips::Entity::find()
        .filter(tips::Column::ReceiptHash.eq(hash))
        .one(e.conn())
        .await?
        .map(tip)
        .transpose()
}

/// Which tips of a unit to list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TipFilter {
    /// Only those not closed (transferred ones included).
    pub open: bool,
    /// Only those assigned to this user.
    pub assignee: Option<UserId>,
    /// Only those past their deadline at this time.
    pub overdue_at: Option<DateTime<Utc>>,
    pub category: Option<TipCategory>,
    pub state: Option<TipState>,
    /// Only those this user recorded (received by phone, in person …).
    pub recorded_by: Option<UserId>,
}

/// Tips of a unit: open ones by urgency and deadline, the others newest
/// first; at most `limit`.
pub async fn list(
    e: &impl Executor,
    unit: UnitId,
    filter: TipFilter,
    limit: u64,
) -> StoreResult<Vec<Tip>> {
    let mut q = tips::Entity::find().filter(tips::Column::UnitId.eq(unit.uuid()));
    let open_states = [
        TipState::Received.code(),
        TipState::Verifying.code(),
        TipState::Handling.code(),
    ];
    if filter.open {
        q = q.filter(tips::Column::ClosedAt.is_null());
    }
    if let Some(a) = filter.assignee {
        q = q.filter(tips::Column::AssigneeId.eq(a.uuid()));
    }
    if let Some(now) = filter.overdue_at {
        q = q
            .filter(tips::Column::State.is_in(open_states))
            .filter(tips::Column::DueAt.lt(now));
    }
    if let Some(c) = filter.category {
        q = q.filter(tips::Column::Category.eq(c.code()));
    }
    if let Some(s) = filter.state {
        q = q.filter(tips::Column::State.eq(s.code()));
    }
    if let Some(u) = filter.recorded_by {
        q = q.filter(tips::Column::RecordedBy.eq(u.uuid()));
    }
    let rows = q
        .order_by_asc(Expr::col(tips::Column::ClosedAt).is_not_null())
        .order_by_desc(tips::Column::Urgent)
        .order_by_asc(tips::Column::DueAt)
        .order_by_desc(tips::Column::ReceivedAt)
        .limit(limit)
        .all(e.conn())
        .await?;
    rows.into_iter().map(|m| tip(m).map(|(t, _)| t)).collect()
}

/// Open tips of every unit past their deadline at `now`, or due before
/// `soon` (for the notifications).
pub async fn due_before(e: &impl Executor, soon: DateTime<Utc>) -> StoreResult<Vec<Tip>> {
    let rows = tips::Entity::find()
        .filter(open_and_due(soon))
        .order_by_asc(tips::Column::DueAt)
        .all(e.conn())
        .await?;
    rows.into_iter().map(|m| tip(m).map(|(t, _)| t)).collect()
}

/// The query of the ids of [`due_before`]'s tips.
pub(crate) fn due_before_query(soon: DateTime<Utc>) -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(tips::Column::Id)
        .from(tips::Entity)
        .cond_where(open_and_due(soon))
        .to_owned()
}

fn open_and_due(soon: DateTime<Utc>) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(tips::Column::State.is_in([
            TipState::Received.code(),
            TipState::Verifying.code(),
            TipState::Handling.code(),
        ]))
        .add(tips::Column::DueAt.lt(soon))
}

/// A tip's new state with what goes with it.
#[derive(Clone, Copy, Debug)]
pub struct NewState<'a> {
    pub state: TipState,
    pub outcome: Option<&'a str>,
    pub police_unit: Option<&'a str>,
    /// When it closes (with the tip's time of receipt, for the hours it took).
    pub closed: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

/// Records a new state with what goes with it.
pub async fn set_state(
    e: &impl Executor,
    unit: UnitId,
    id: TipId,
    new: NewState<'_>,
) -> StoreResult<()> {
    let NewState {
        state,
        outcome,
        police_unit,
        closed,
    } = new;
    let hours =
        closed.map(|(at, received)| i32::try_from((at - received).num_hours()).unwrap_or(i32::MAX));
    let mut q = tips::Entity::update_many()
        .col_expr(tips::Column::State, Expr::value(state.code()))
        .col_expr(tips::Column::ClosedAt, Expr::value(closed.map(|c| c.0)))
        .col_expr(tips::Column::HoursToClose, Expr::value(hours));
    if let Some(o) = outcome {
        q = q.col_expr(tips::Column::Outcome, Expr::value(o));
    }
    if let Some(p) = police_unit {
        q = q.col_expr(tips::Column::PoliceUnit, Expr::value(p));
    }
    let r = q
        .filter(tips::Column::UnitId.eq(unit.uuid()))
        .filter(tips::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

pub async fn assign(
    e: &impl Executor,
    unit: UnitId,
    id: TipId,
    assignee: Option<UserId>,
) -> StoreResult<()> {
    let r = tips::Entity::update_many()
        .col_expr(
            tips::Column::AssigneeId,
            Expr::value(assignee.map(UserId::uuid)),
        )
        .filter(tips::Column::UnitId.eq(unit.uuid()))
        .filter(tips::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

pub async fn link_incident(
    e: &impl Executor,
    unit: UnitId,
    id: TipId,
    incident: IncidentId,
) -> StoreResult<()> {
    let r = tips::Entity::update_many()
        .col_expr(tips::Column::IncidentId, Expr::value(incident.uuid()))
        .filter(tips::Column::UnitId.eq(unit.uuid()))
        .filter(tips::Column::Id.eq(id.uuid()))
        .exec(e.conn())
        .await?;
    one_row(r.rows_affected)
}

/// Tips linked to an incident.
pub async fn of_incident(
    e: &impl Executor,
    unit: UnitId,
    incident: IncidentId,
) -> StoreResult<Vec<Tip>> {
    let rows = tips::Entity::find()
        .filter(tips::Column::UnitId.eq(unit.uuid()))
        .filter(tips::Column::IncidentId.eq(incident.uuid()))
        .order_by_asc(tips::Column::Number)
        .all(e.conn())
        .await?;
    rows.into_iter().map(|m| tip(m).map(|(t, _)| t)).collect()
}

/// Adds a message or note; marks whether the tip waits for staff.
pub async fn add_message(
    e: &impl Executor,
    unit: UnitId,
    id: TipId,
    at: DateTime<Utc>,
    author: Author,
    user: Option<UserId>,
    sealed_body: Vec<u8>,
) -> StoreResult<()> {
    messages::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        unit_id: Set(unit.uuid()),
        tip_id: Set(id.uuid()),
        at: Set(at),
        author: Set(author.code().into()),
        user_id: Set(user.map(UserId::uuid)),
        sealed_body: Set(sealed_body),
    }
    .insert(e.conn())
    .await?;
    if author != Author::Note {
        let r = tips::Entity::update_many()
            .col_expr(
                tips::Column::AwaitingStaff,
                Expr::value(author == Author::Reporter),
            )
            .filter(tips::Column::UnitId.eq(unit.uuid()))
            .filter(tips::Column::Id.eq(id.uuid()))
            .exec(e.conn())
            .await?;
        one_row(r.rows_affected)?;
    }
    Ok(())
}

/// The messages and notes of a tip, oldest first, still sealed; notes only
/// when asked for.
pub async fn messages(
    e: &impl Executor,
    unit: UnitId,
    id: TipId,
    with_notes: bool,
) -> StoreResult<Vec<(TipMessage, Vec<u8>)>> {
    let mut q = messages::Entity::find()
        .filter(messages::Column::UnitId.eq(unit.uuid()))
        .filter(messages::Column::TipId.eq(id.uuid()));
    if !with_notes {
        q = q.filter(messages::Column::Author.ne(Author::Note.code()));
    }
    let rows = q
        .order_by_asc(messages::Column::At)
        .order_by_asc(messages::Column::Id)
        .all(e.conn())
        .await?;
    rows.into_iter()
        .map(|m| {
            Ok((
                TipMessage {
                    at: m.at,
                    author: decode("message author", &m.author, Author::parse)?,
                    user_id: m.user_id.map(UserId::from_uuid),
                    body: String::new(),
                },
                m.sealed_body,
            ))
        })
        .collect()
}

/// Adds a sealed photo at `position` (from 0).
pub async fn add_photo(
    e: &impl Executor,
    unit: UnitId,
    id: TipId,
    position: u32,
    bytes: usize,
    sealed: Vec<u8>,
) -> StoreResult<()> {
    photos::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        unit_id: Set(unit.uuid()),
        tip_id: Set(id.uuid()),
        position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
        bytes: Set(i32::try_from(bytes).unwrap_or(i32::MAX)),
        sealed: Set(sealed),
    }
    .insert(e.conn())
    .await?;
    Ok(())
}

/// How many photos a tip has.
pub async fn photo_count(e: &impl Executor, unit: UnitId, id: TipId) -> StoreResult<u32> {
    let n = photos::Entity::find()
        .filter(photos::Column::UnitId.eq(unit.uuid()))
        .filter(photos::Column::TipId.eq(id.uuid()))
        .count(e.conn())
        .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// A photo of a tip, still sealed.
pub async fn photo(
    e: &impl Executor,
    unit: UnitId,
    id: TipId,
    position: u32,
) -> StoreResult<Vec<u8>> {
    photos::Entity::find()
        .filter(photos::Column::UnitId.eq(unit.uuid()))
        .filter(photos::Column::TipId.eq(id.uuid()))
        .filter(photos::Column::Position.eq(i32::try_from(position).unwrap_or(i32::MAX)))
        .one(e.conn())
        .await?
        .map(|m| m.sealed)
        .ok_or(crate::StoreError::NotFound)
}

pub async fn add_event(
    e: &impl Executor,
    unit: UnitId,
    id: TipId,
    event: &TipEvent,
) -> StoreResult<()> {
    events::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        unit_id: Set(unit.uuid()),
        tip_id: Set(id.uuid()),
        at: Set(event.at),
        user_id: Set(event.user_id.map(UserId::uuid)),
        from_state: Set(event.from.code().into()),
        to_state: Set(event.to.code().into()),
        reason: Set(event.reason.clone()),
    }
    .insert(e.conn())
    .await?;
    Ok(())
}

/// The changes of state of a tip, oldest first.
pub async fn events(e: &impl Executor, unit: UnitId, id: TipId) -> StoreResult<Vec<TipEvent>> {
    let rows = events::Entity::find()
        .filter(events::Column::UnitId.eq(unit.uuid()))
        .filter(events::Column::TipId.eq(id.uuid()))
        .order_by_asc(events::Column::At)
        .order_by_asc(events::Column::Id)
        .all(e.conn())
        .await?;
    rows.into_iter()
        .map(|m| {
            Ok(TipEvent {
                at: m.at,
                user_id: m.user_id.map(UserId::from_uuid),
                from: decode("tip state", &m.from_state, TipState::parse)?,
                to: decode("tip state", &m.to_state, TipState::parse)?,
                reason: m.reason,
            })
        })
        .collect()
}

/// The designated handlers of a unit and whether each is on duty.
pub async fn handlers(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<(UserId, bool)>> {
    let rows = handlers::Entity::find()
        .filter(handlers::Column::UnitId.eq(unit.uuid()))
        .all(e.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(|m| (UserId::from_uuid(m.user_id), m.duty))
        .collect())
}

/// The duty officers of a unit whose accounts are not locked.
pub async fn duty_officers(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<UserId>> {
    use sea_orm::sea_query::Query;
    let unlocked = Query::select()
        .column(antt_entity::user::Column::Id)
        .from(antt_entity::user::Entity)
        .and_where(antt_entity::user::Column::UnitId.eq(unit.uuid()))
        .and_where(antt_entity::user::Column::Locked.eq(false))
        .to_owned();
    let rows: Vec<uuid::Uuid> = handlers::Entity::find()
        .select_only()
        .column(handlers::Column::UserId)
        .filter(handlers::Column::UnitId.eq(unit.uuid()))
        .filter(handlers::Column::Duty.eq(true))
        .filter(handlers::Column::UserId.in_subquery(unlocked))
        .into_tuple()
        .all(e.conn())
        .await?;
    Ok(rows.into_iter().map(UserId::from_uuid).collect())
}

/// Whether a user of the unit is a designated handler (`Some(duty)`).
pub async fn handler(e: &impl Executor, unit: UnitId, user: UserId) -> StoreResult<Option<bool>> {
    Ok(handlers::Entity::find()
        .filter(handlers::Column::UnitId.eq(unit.uuid()))
        .filter(handlers::Column::UserId.eq(user.uuid()))
        .one(e.conn())
        .await?
        .map(|m| m.duty))
}

/// Makes a user a handler (on duty or not), or none with `None`.
pub async fn set_handler(
    e: &impl Executor,
    unit: UnitId,
    user: UserId,
    duty: Option<bool>,
) -> StoreResult<()> {
    handlers::Entity::delete_many()
        .filter(handlers::Column::UnitId.eq(unit.uuid()))
        .filter(handlers::Column::UserId.eq(user.uuid()))
        .exec(e.conn())
        .await?;
    if let Some(duty) = duty {
        handlers::ActiveModel {
            user_id: Set(user.uuid()),
            unit_id: Set(unit.uuid()),
            duty: Set(duty),
        }
        .insert(e.conn())
        .await?;
    }
    Ok(())
}

/// A unit's own deadlines, in hours, by category.
pub async fn deadlines(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<(TipCategory, u32)>> {
    let rows = deadlines::Entity::find()
        .filter(deadlines::Column::UnitId.eq(unit.uuid()))
        .all(e.conn())
        .await?;
    rows.into_iter()
        .map(|m| {
            Ok((
                decode("tip category", &m.category, TipCategory::parse)?,
                u32::try_from(m.hours).unwrap_or(0),
            ))
        })
        .collect()
}

/// Sets a unit's deadline for a category in hours.
pub async fn set_deadline(
    e: &impl Executor,
    unit: UnitId,
    category: TipCategory,
    hours: u32,
) -> StoreResult<()> {
    deadlines::Entity::insert(deadlines::ActiveModel {
        unit_id: Set(unit.uuid()),
        category: Set(category.code().into()),
        hours: Set(i32::try_from(hours).unwrap_or(i32::MAX)),
    })
    .on_conflict(
        OnConflict::columns([deadlines::Column::UnitId, deadlines::Column::Category])
            .update_column(deadlines::Column::Hours)
            .to_owned(),
    )
    .exec(e.conn())
    .await?;
    Ok(())
}

/// The counts of the tips of some units received in a period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TipSummary {
    /// (channel, category, state) with how many tips.
    pub groups: Vec<(TipChannel, TipCategory, TipState, u64)>,
    /// Not closed, and of those past their deadline while still with the unit.
    pub open: u64,
    pub overdue: u64,
    /// The median of the hours from receipt to closing of closed tips.
    pub median_hours_to_close: Option<i64>,
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn period(units: &[UnitId], from: DateTime<Utc>, to: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(tips::Column::UnitId.is_in(units.iter().map(|u| u.uuid())))
        .add(tips::Column::ReceivedAt.gte(from))
        .add(tips::Column::ReceivedAt.lt(to))
}

/// The counts of the tips of `units` received in `[from, to)`, computed by
/// the database: grouped counts and the closing times only.
pub async fn summary(
    e: &impl Executor,
    units: &[UnitId],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<TipSummary> {
    // One pass over the covering index: the groups, and within each how
    // many are still with the unit past their deadline, and closed.
    let with_unit = [
        TipState::Received.code(),
        TipState::Verifying.code(),
        TipState::Handling.code(),
    ];
    let overdue = Expr::case(
        Condition::all()
            .add(tips::Column::State.is_in(with_unit))
            .add(tips::Column::DueAt.lt(now)),
        1,
    )
    .finally(0);
    let closed_count = Expr::case(tips::Column::HoursToClose.is_not_null(), 1).finally(0);
    let rows: Vec<(String, String, String, i64, i64, i64)> = tips::Entity::find()
        .select_only()
        .column(tips::Column::Channel)
        .column(tips::Column::Category)
        .column(tips::Column::State)
        .column_as(Expr::col(tips::Column::Id).count(), "n")
        .column_as(Expr::expr(overdue).sum().cast_as("BIGINT"), "late")
        .column_as(Expr::expr(closed_count).sum().cast_as("BIGINT"), "closed")
        .filter(period(units, from, to))
        .group_by(tips::Column::Channel)
        .group_by(tips::Column::Category)
        .group_by(tips::Column::State)
        .into_tuple()
        .all(e.conn())
        .await?;
    let mut out = TipSummary::default();
    let mut closed = 0u64;
    for (ch, cat, st, n, late, done) in rows {
        let state = decode("tip state", &st, TipState::parse)?;
        out.groups.push((
            decode("tip channel", &ch, TipChannel::parse)?,
            decode("tip category", &cat, TipCategory::parse)?,
            state,
            count(n),
        ));
        if !state.is_closed() {
            out.open += count(n);
        }
        out.overdue += count(late);
        closed += count(done);
    }
    // The median by its place in the sorted hours: the database sorts on
    // its side, one or two values come back.
    if closed > 0 {
        let middle: Vec<i32> = tips::Entity::find()
            .select_only()
            .column(tips::Column::HoursToClose)
            .filter(period(units, from, to))
            .filter(tips::Column::HoursToClose.is_not_null())
            .order_by_asc(tips::Column::HoursToClose)
            .offset((closed - 1) / 2)
            .limit(if closed.is_multiple_of(2) { 2 } else { 1 })
            .into_tuple()
            .all(e.conn())
            .await?;
        let sum: i64 = middle.iter().map(|h| i64::from(*h)).sum();
        out.median_hours_to_close = i64::try_from(middle.len())
            .ok()
            .filter(|n| *n > 0)
            .map(|n| sum / n);
    }
    Ok(out)
}

/// One unit's tips of a period: how many, still open (not resolved or
/// unfounded), past their deadline while with the unit, handed to the police.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UnitTipCounts {
    pub tips: u64,
    pub open: u64,
    pub overdue: u64,
    pub transferred: u64,
}

/// The tips of each of `units` received in `[from, to)`, counted by the
/// database in one grouped pass.
pub async fn per_unit(
    e: &impl Executor,
    units: &[UnitId],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<Vec<(UnitId, UnitTipCounts)>> {
    let with_unit = [
        TipState::Received.code(),
        TipState::Verifying.code(),
        TipState::Handling.code(),
    ];
    let one_if = |c: Condition| {
        Expr::expr(Expr::case(c, 1).finally(0))
            .sum()
            .cast_as("BIGINT")
    };
    let rows: Vec<(uuid::Uuid, i64, i64, i64, i64)> = tips::Entity::find()
        .select_only()
        .column(tips::Column::UnitId)
        .column_as(Expr::col(tips::Column::Id).count(), "n")
        .column_as(
            one_if(Condition::all().add(tips::Column::ClosedAt.is_null())),
            "open",
        )
        .column_as(
            one_if(
                Condition::all()
                    .add(tips::Column::State.is_in(with_unit))
                    .add(tips::Column::DueAt.lt(now)),
            ),
            "late",
        )
        .column_as(
            one_if(Condition::all().add(tips::Column::State.eq(TipState::Transferred.code()))),
            "moved",
        )
        .filter(period(units, from, to))
        .group_by(tips::Column::UnitId)
        .into_tuple()
        .all(e.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(|(u, n, open, late, moved)| {
            (
                UnitId::from_uuid(u),
                UnitTipCounts {
                    tips: count(n),
                    open: count(open),
                    overdue: count(late),
                    transferred: count(moved),
                },
            )
        })
        .collect())
}

/// How many tips of `units` were received in each of `months` (their
/// first instants, in order, the last one closing the range).
pub async fn per_month(
    e: &impl Executor,
    units: &[UnitId],
    bounds: &[DateTime<Utc>],
) -> StoreResult<Vec<u64>> {
    use sea_orm::{ConnectionTrait, QueryTrait};
    let (Some(first), Some(last)) = (bounds.first(), bounds.last()) else {
        return Ok(Vec::new());
    };
    if bounds.len() < 2 {
        return Ok(Vec::new());
    }
    // One pass: a column a month, each the sum of the tips in its range.
    let mut q = tips::Entity::find().select_only();
    for (i, w) in bounds.windows(2).enumerate() {
        let within = Expr::case(
            Condition::all()
                .add(tips::Column::ReceivedAt.gte(w[0]))
                .add(tips::Column::ReceivedAt.lt(w[1])),
            1,
        )
        .finally(0);
        q = q.column_as(Expr::expr(within).sum().cast_as("BIGINT"), format!("m{i}"));
    }
    let conn = e.conn();
    let statement = q
        .filter(period(units, *first, *last))
        .build(conn.get_database_backend());
    let Some(row) = conn.query_one_raw(statement).await? else {
        return Ok(vec![0; bounds.len() - 1]);
    };
    (0..bounds.len() - 1)
        .map(|i| {
            let n: Option<i64> = row.try_get("", &format!("m{i}"))?;
            Ok(n.map_or(0, count))
        })
        .collect()
}
