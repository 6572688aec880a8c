//! Boarding students (nội trú): the dormitory's buildings and rooms, who
//! lives where, the nightly roll call (điểm danh tối) and leave to go out
//! (đơn xin phép). A night is named by the day its roll call is held: the
//! marks of "the night of 20/11" are made at 21:30 on 20/11, and until
//! noon on 21/11 that night is still "tonight".

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Timelike, Utc};

use crate::person::Gender;
use crate::text;
use crate::time::{local_time, vietnam_instant};
use crate::{
    BuildingId, CampusId, ClassId, DepartmentId, ErrorCode, LeaveId, PersonId, ResidenceId, RoomId,
    UnitId, ValidationErrors, code_enum,
};

code_enum!(
    /// A resident's mark at the night's roll call.
    Mark {
        /// Có mặt.
        Present => "present",
        /// Vắng có phép: out on approved leave.
        OnLeave => "leave",
        /// Vắng không phép.
        Absent => "absent",
    }
);

code_enum!(
    /// Where a leave request stands.
    LeaveState {
        /// Chờ duyệt.
        Asked => "asked",
        /// Đã duyệt.
        Approved => "approved",
        /// Không duyệt.
        Refused => "refused",
        /// Đã hủy (by the student, before a decision).
        Cancelled => "cancelled",
    }
);

code_enum!(
    /// What an alert of the dormitory tells.
    AlertKind {
        /// Vắng không phép at the night's roll call.
        Absent => "absent",
        /// Hết hạn phép chưa về.
        NotBack => "not_back",
    }
);

/// The most beds a room holds.
pub const MAX_BEDS: u8 = 16;
/// The longest leave a student may ask for.
pub const MAX_LEAVE_DAYS: i64 = 30;
/// Before this hour the night is still the previous day's.
const NIGHT_ENDS_AT_HOUR: u32 = 12;

/// A member of the dormitory board (Ban quản lý ký túc xá): may run the
/// dormitories, call any room's roll and decide leave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardMember {
    pub person_id: PersonId,
    /// "Trưởng ban", "Quản sinh".
    pub duty: String,
}

/// An alert of a supervisor or homeroom teacher about a resident.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alert {
    pub id: uuid::Uuid,
    pub kind: AlertKind,
    pub person_id: PersonId,
    pub night: NaiveDate,
    pub at: DateTime<Utc>,
    pub read: bool,
}

/// A dormitory building (nhà A, khu nội trú nam…).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Building {
    pub id: BuildingId,
    pub unit_id: UnitId,
    pub campus_id: Option<CampusId>,
    pub name: String,
    /// The member of the dormitory board on duty for it (quản sinh).
    pub supervisor_id: Option<PersonId>,
}

/// A room: where, how many beds, for whom, and its room leader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Room {
    pub id: RoomId,
    pub unit_id: UnitId,
    pub building_id: BuildingId,
    /// "A101", "Phòng 12".
    pub name: String,
    pub floor: i16,
    /// Beds, numbered 1..=capacity.
    pub capacity: u8,
    /// Who may live there; `None` for either.
    pub gender: Option<Gender>,
    /// Trưởng phòng: a resident who calls the room's roll.
    pub leader_id: Option<PersonId>,
}

/// A room as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomInput {
    pub name: String,
    pub floor: i16,
    pub capacity: u8,
    pub gender: Option<Gender>,
}

impl RoomInput {
    /// Reads a room's form: a name, the floor (0 = ground), beds 1–16, and
    /// "male", "female" or blank.
    pub fn parse(
        name: &str,
        floor: &str,
        capacity: &str,
        gender: &str,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.check(text::required("name", name, 40));
        let floor = match floor.trim() {
            "" => Some(1),
            f => f.parse::<i16>().ok().filter(|f| (0..=40).contains(f)),
        };
        if floor.is_none() {
            errors.add("floor", ErrorCode::Invalid);
        }
        let capacity = capacity
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|c| (1..=MAX_BEDS).contains(c));
        if capacity.is_none() {
            errors.add("capacity", ErrorCode::Invalid);
        }
        let gender = match gender.trim() {
            "" => None,
            g => Gender::parse(g).or_else(|| {
                errors.add("gender", ErrorCode::Invalid);
                None
            }),
        };
        errors.into_result()?;
        Ok(Self {
            name: name.unwrap_or_default(),
            floor: floor.unwrap_or(1),
            capacity: capacity.unwrap_or(1),
            gender,
        })
    }
}

/// A student's stay in a room and bed: from the day they moved in until
/// the day they moved out (not living there that night), or still there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Residence {
    pub id: ResidenceId,
    pub person_id: PersonId,
    pub room_id: RoomId,
    pub bed: u8,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Residence {
    /// Whether the student sleeps in the room on the night of `night`.
    pub fn holds(&self, night: NaiveDate) -> bool {
        self.from <= night && self.until.is_none_or(|u| night < u)
    }
}

/// When the unit calls the roll, and by when every room must be called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RollCallTimes {
    pub call: NaiveTime,
    pub deadline: NaiveTime,
}

impl Default for RollCallTimes {
    fn default() -> Self {
        Self {
            call: NaiveTime::from_hms_opt(21, 30, 0).unwrap_or_default(),
            deadline: NaiveTime::from_hms_opt(22, 15, 0).unwrap_or_default(),
        }
    }
}

impl RollCallTimes {
    /// Reads "21:30" and "22:15": the deadline after the call, before
    /// midnight.
    pub fn parse(call: &str, deadline: &str) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let call = crate::time::parse_clock(call);
        if call.is_none() {
            errors.add("call_time", ErrorCode::Invalid);
        }
        let deadline = crate::time::parse_clock(deadline);
        if deadline.is_none() {
            errors.add("deadline", ErrorCode::Invalid);
        }
        if let (Some(c), Some(d)) = (call, deadline)
            && d <= c
        {
            errors.add("deadline", ErrorCode::EndsBeforeStart);
        }
        if call.is_some_and(|c| c.hour() < NIGHT_ENDS_AT_HOUR) {
            errors.add("call_time", ErrorCode::Invalid);
        }
        errors.into_result()?;
        Ok(Self {
            call: call.unwrap_or_default(),
            deadline: deadline.unwrap_or_default(),
        })
    }

    /// When the roll of `night` is called.
    pub fn call_at(self, night: NaiveDate) -> DateTime<Utc> {
        vietnam_instant(night.and_time(self.call))
    }

    /// By when every room of `night` must be called.
    pub fn deadline_at(self, night: NaiveDate) -> DateTime<Utc> {
        vietnam_instant(night.and_time(self.deadline))
    }
}

/// The night `at` belongs to: the day's own from noon, the previous day's
/// in the small hours and the morning (the morning report reads it).
pub fn night_of(at: DateTime<Utc>) -> NaiveDate {
    let local = local_time(at);
    if local.hour() < NIGHT_ENDS_AT_HOUR {
        local.date() - Duration::days(1)
    } else {
        local.date()
    }
}

/// One resident's mark of one night.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RollMark {
    pub night: NaiveDate,
    pub person_id: PersonId,
    pub room_id: RoomId,
    pub mark: Mark,
    /// The approved leave the student is out on.
    pub leave_id: Option<LeaveId>,
    pub note: String,
    /// The account that marked it last, and when.
    pub marked_by: String,
    pub marked_at: DateTime<Utc>,
}

/// A leave request and what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leave {
    pub id: LeaveId,
    pub unit_id: UnitId,
    pub person_id: PersonId,
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    /// Where to: "Về nhà – Bảo Thắng".
    pub destination: String,
    pub reason: String,
    pub state: LeaveState,
    pub asked_by: String,
    pub asked_at: DateTime<Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: String,
    /// Recorded after the night it covers (the student was found absent).
    pub late: bool,
    pub returned_at: Option<DateTime<Utc>>,
}

impl Leave {
    /// Whether the student is out on this leave at `at`.
    pub fn covers(&self, at: DateTime<Utc>) -> bool {
        self.state == LeaveState::Approved
            && self.from <= at
            && at < self.until
            && self.returned_at.is_none_or(|r| at < r)
    }

    /// An approved leave whose end has passed with no return recorded.
    pub fn not_back(&self, now: DateTime<Utc>) -> bool {
        self.state == LeaveState::Approved && self.until <= now && self.returned_at.is_none()
    }
}

/// A leave as asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeaveInput {
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    pub destination: String,
    pub reason: String,
}

impl LeaveInput {
    /// Reads a request: from and until as typed in a form (local time),
    /// where to and why. `now` refuses a leave ending before it unless
    /// `late` (the office recording a leave after the night).
    pub fn parse(
        from: &str,
        until: &str,
        destination: &str,
        reason: &str,
        now: DateTime<Utc>,
        late: bool,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let from = crate::time::parse_local_time(from);
        if from.is_none() {
            errors.add("from", ErrorCode::InvalidDate);
        }
        let until = crate::time::parse_local_time(until);
        if until.is_none() {
            errors.add("until", ErrorCode::InvalidDate);
        }
        if let (Some(f), Some(u)) = (from, until) {
            if u <= f {
                errors.add("until", ErrorCode::EndsBeforeStart);
            } else if u - f > Duration::days(MAX_LEAVE_DAYS) {
                errors.add("until", ErrorCode::TooLong);
            } else if !late && u <= now {
                errors.add("until", ErrorCode::Expired);
            }
        }
        let destination = errors.check(text::required("destination", destination, 200));
        let reason = errors.check(text::required("reason", reason, 500));
        errors.into_result()?;
        Ok(Self {
            from: from.unwrap_or(now),
            until: until.unwrap_or(now),
            destination: destination.unwrap_or_default(),
            reason: reason.unwrap_or_default(),
        })
    }
}

/// A room's roll of one night, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub residents: usize,
    pub present: usize,
    pub on_leave: usize,
    pub absent: usize,
}

impl Tally {
    /// Adds one resident with their mark, if marked.
    pub fn add(&mut self, mark: Option<Mark>) {
        self.residents += 1;
        match mark {
            Some(Mark::Present) => self.present += 1,
            Some(Mark::OnLeave) => self.on_leave += 1,
            Some(Mark::Absent) => self.absent += 1,
            None => {}
        }
    }

    /// Adds another tally.
    pub fn merge(&mut self, other: Self) {
        self.residents += other.residents;
        self.present += other.present;
        self.on_leave += other.on_leave;
        self.absent += other.absent;
    }

    /// Residents not marked yet.
    pub fn unmarked(self) -> usize {
        self.residents - self.present - self.on_leave - self.absent
    }

    /// Whether the room has been called: every resident marked.
    pub fn called(self) -> bool {
        self.unmarked() == 0
    }
}

/// A student waiting for a bed, as the suggestion sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Boarder {
    pub person_id: PersonId,
    pub gender: Option<Gender>,
    pub faculty: Option<DepartmentId>,
    pub class_id: Option<ClassId>,
    /// Someone they asked to share a room with.
    pub friend: Option<PersonId>,
}

/// A room's free beds, and the classes of those already in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomSpace {
    pub room_id: RoomId,
    pub gender: Option<Gender>,
    pub free_beds: Vec<u8>,
    pub classes: Vec<ClassId>,
}

/// A suggested bed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placement {
    pub person_id: PersonId,
    pub room_id: RoomId,
    pub bed: u8,
}

/// Suggests beds for `boarders`: friends who asked for each other (of
/// the same gender) stay together when a room has beds for both; then
/// students of one class, then one faculty, fill a room together; a room
/// kept for one gender takes only that gender, and a student whose gender
/// is not recorded goes only to a room open to either. Those who find no
/// bed are left out of the answer.
pub fn suggest(boarders: &[Boarder], rooms: &[RoomSpace]) -> Vec<Placement> {
    let groups = friend_groups(boarders);
    let mut rooms: Vec<RoomSpace> = rooms.to_vec();
    for r in &mut rooms {
        r.free_beds.sort_unstable();
    }
    let mut placed = Vec::new();
    for group in groups {
        let gender = group[0].gender;
        let fits = |r: &RoomSpace, need: usize| {
            r.free_beds.len() >= need && (r.gender.is_none() || r.gender == gender)
        };
        let score = |r: &RoomSpace, b: &Boarder| {
            let same_class = b
                .class_id
                .map_or(0, |c| r.classes.iter().filter(|x| **x == c).count());
            // A room already started by the class first, then the room with
            // the fewest free beds (fill rooms rather than spread), then a
            // room of the student's own gender over one open to either.
            (
                same_class,
                usize::from(r.gender.is_some()),
                usize::MAX - r.free_beds.len(),
            )
        };
        // Among equals the first room wins (`rev`: `max_by_key` keeps the
        // last), so rooms fill in their order.
        let whole = rooms
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, r)| fits(r, group.len()))
            .max_by_key(|(_, r)| score(r, group[0]))
            .map(|(i, _)| i);
        for b in &group {
            let room = whole.filter(|i| fits(&rooms[*i], 1)).or_else(|| {
                rooms
                    .iter()
                    .enumerate()
                    .rev()
                    .filter(|(_, r)| fits(r, 1))
                    .max_by_key(|(_, r)| score(r, b))
                    .map(|(i, _)| i)
            });
            let Some(i) = room else { continue };
            let bed = rooms[i].free_beds.remove(0);
            if let Some(c) = b.class_id {
                rooms[i].classes.push(c);
            }
            placed.push(Placement {
                person_id: b.person_id,
                room_id: rooms[i].room_id,
                bed,
            });
        }
    }
    placed
}

/// The first of `i`'s group (union–find with path halving).
fn root(leader: &mut [usize], mut i: usize) -> usize {
    while leader[i] != i {
        leader[i] = leader[leader[i]];
        i = leader[i];
    }
    i
}

/// The boarders in groups of friends (a request counts only between two
/// of the same gender, both waiting), ordered by gender, faculty and class
/// so classmates come one after another.
fn friend_groups(boarders: &[Boarder]) -> Vec<Vec<&Boarder>> {
    let index: HashMap<PersonId, usize> = boarders
        .iter()
        .enumerate()
        .map(|(i, b)| (b.person_id, i))
        .collect();
    let mut leader: Vec<usize> = (0..boarders.len()).collect();
    for (i, b) in boarders.iter().enumerate() {
        if let Some(j) = b.friend.and_then(|f| index.get(&f).copied())
            && boarders[j].gender == b.gender
        {
            let (a, c) = (root(&mut leader, i), root(&mut leader, j));
            leader[a] = c;
        }
    }
    let mut groups: BTreeMap<usize, Vec<&Boarder>> = BTreeMap::new();
    for (i, b) in boarders.iter().enumerate() {
        let r = root(&mut leader, i);
        groups.entry(r).or_default().push(b);
    }
    let mut groups: Vec<Vec<&Boarder>> = groups.into_values().collect();
    groups.sort_by_key(|g| {
        (
            g[0].gender.map(Gender::code),
            g[0].faculty,
            g[0].class_id,
            std::cmp::Reverse(g.len()),
        )
    });
    groups
}

code_enum!(
    /// Where a resident's temporary-residence registration stands.
    Registration {
        /// Nothing recorded: no identification number or address yet.
        Missing => "missing",
        /// The papers are there; not registered with the ward police yet.
        Unregistered => "unregistered",
        /// Registered, lapsing in more than [`EXPIRY_WARNING_DAYS`].
        Registered => "registered",
        /// Registered, lapsing within [`EXPIRY_WARNING_DAYS`].
        Expiring => "expiring",
        /// The registration's term has passed.
        Lapsed => "lapsed",
    }
);

/// How long before a registration lapses it is flagged.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// What a resident's temporary-residence registration needs, as kept: the
/// personal identification number is sealed elsewhere; only its last
/// four digits are here, to show it masked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResidencePapers {
    pub person_id: PersonId,
    /// The last four digits of the personal identification number.
    pub id_tail: String,
    /// Nơi thường trú.
    pub permanent_address: String,
    pub registered_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
}

impl ResidencePapers {
    /// Where the registration stands on `today`.
    pub fn registration(papers: Option<&Self>, today: NaiveDate) -> Registration {
        let Some(p) = papers.filter(|p| !p.id_tail.is_empty()) else {
            return Registration::Missing;
        };
        match (p.registered_on, p.expires_on) {
            (None, _) => Registration::Unregistered,
            (Some(_), Some(e)) if e < today => Registration::Lapsed,
            (Some(_), Some(e)) if e <= today + Duration::days(EXPIRY_WARNING_DAYS) => {
                Registration::Expiring
            }
            (Some(_), _) => Registration::Registered,
        }
    }

    /// "•••• •••• 1234": the number as shown to all but the board.
    pub fn masked(&self) -> String {
        if self.id_tail.is_empty() {
            String::new()
        } else {
            format!("•••• •••• {}", self.id_tail)
        }
    }
}

/// A personal identification number (số định danh cá nhân, the 12 digits
/// of the chip-based ID card) as typed, with spaces or dots between the
/// groups; `None` when it is not 12 digits.
pub fn id_number(text: &str) -> Option<String> {
    let digits: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != '-')
        .collect();
    (digits.len() == 12 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// The columns of a residents sheet: room | code | name, with the
/// building, the bed and the day moved in where the sheet has them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResidentColumn {
    Building,
    Room,
    Bed,
    Code,
    Name,
    From,
}

impl crate::sheet::ColumnKind for ResidentColumn {
    fn recognise(key: &str) -> Option<Self> {
        Some(match key {
            "nha" | "toa nha" | "khu" | "day nha" | "khu nha" => Self::Building,
            "phong" | "phong o" | "so phong" => Self::Room,
            "giuong" | "so giuong" => Self::Bed,
            "ma" | "ma so" | "ma sv" | "ma hs" | "ma hssv" | "ma sinh vien" | "ma hoc sinh" => {
                Self::Code
            }
            "ho va ten" | "ho ten" | "ho, ten" => Self::Name,
            "tu ngay" | "ngay vao" | "ngay vao o" | "ngay den" => Self::From,
            _ => return None,
        })
    }

    fn is_header(found: &[Self]) -> bool {
        found.contains(&Self::Room) && found.contains(&Self::Code)
    }

    fn identity() -> &'static [Self] {
        &[Self::Code]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        crate::time::parse_local_time(text).expect("time")
    }

    #[test]
    fn the_small_hours_belong_to_the_night_before() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day");
        assert_eq!(night_of(at("2026-11-20T21:30")), d("2026-11-20"));
        assert_eq!(night_of(at("2026-11-21T02:10")), d("2026-11-20"));
        assert_eq!(night_of(at("2026-11-21T11:59")), d("2026-11-20"));
        assert_eq!(night_of(at("2026-11-21T12:00")), d("2026-11-21"));
    }

    #[test]
    fn roll_call_times_keep_the_deadline_after_the_call() {
        let t = RollCallTimes::parse("21h30", "22:15").expect("valid");
        assert_eq!(
            t.call_at(NaiveDate::from_ymd_opt(2026, 11, 20).expect("day")),
            at("2026-11-20T21:30")
        );
        let bad = RollCallTimes::parse("22:00", "21:00").expect_err("deadline before call");
        assert_eq!(
            bad.iter().map(|e| e.field).collect::<Vec<_>>(),
            ["deadline"]
        );
        assert!(RollCallTimes::parse("9:00", "10:00").is_err());
    }

    #[test]
    fn a_room_needs_a_name_and_one_to_sixteen_beds() {
        let r = RoomInput::parse(" A101 ", "1", "8", "female").expect("valid");
        assert_eq!(
            (r.name.as_str(), r.floor, r.capacity, r.gender),
            ("A101", 1, 8, Some(Gender::Female))
        );
        let bad = RoomInput::parse("", "x", "40", "other").expect_err("bad");
        let fields: Vec<&str> = bad.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "floor", "capacity", "gender"]);
    }

    #[test]
    fn a_leave_ends_after_it_starts_within_thirty_days_and_not_in_the_past() {
        let now = at("2026-11-20T08:00");
        let ok = LeaveInput::parse(
            "2026-11-21T17:00",
            "2026-11-23T18:00",
            "Về nhà",
            "Thăm gia đình",
            now,
            false,
        )
        .expect("valid");
        assert_eq!(ok.until - ok.from, Duration::hours(49));
        let back = |f: &str, u: &str, late: bool| {
            LeaveInput::parse(f, u, "Về nhà", "Ốm", now, late)
                .err()
                .map(|e| e.iter().map(|x| (x.field, x.code)).collect::<Vec<_>>())
        };
        assert_eq!(
            back("2026-11-21T17:00", "2026-11-21T16:00", false),
            Some(vec![("until", ErrorCode::EndsBeforeStart)])
        );
        assert_eq!(
            back("2026-11-21T17:00", "2027-01-21T16:00", false),
            Some(vec![("until", ErrorCode::TooLong)])
        );
        assert_eq!(
            back("2026-11-19T21:00", "2026-11-20T07:00", false),
            Some(vec![("until", ErrorCode::Expired)])
        );
        assert_eq!(back("2026-11-19T21:00", "2026-11-20T07:00", true), None);
    }

    #[test]
    fn an_approved_leave_covers_until_its_end_or_the_return() {
        let mut leave = Leave {
            id: LeaveId::new_v7(),
            unit_id: UnitId::new_v7(),
            person_id: PersonId::new_v7(),
            from: at("2026-11-20T17:00"),
            until: at("2026-11-22T18:00"),
            destination: "Về nhà".into(),
            reason: "Thăm gia đình".into(),
            state: LeaveState::Asked,
            asked_by: "sinhvien".into(),
            asked_at: at("2026-11-19T10:00"),
            decided_by: None,
            decided_at: None,
            decision_note: String::new(),
            late: false,
            returned_at: None,
        };
        assert!(!leave.covers(at("2026-11-20T21:30")), "not approved yet");
        leave.state = LeaveState::Approved;
        assert!(leave.covers(at("2026-11-20T21:30")));
        assert!(!leave.covers(at("2026-11-22T21:30")));
        assert!(leave.not_back(at("2026-11-22T21:30")));
        leave.returned_at = Some(at("2026-11-21T19:00"));
        assert!(!leave.covers(at("2026-11-21T21:30")), "back early");
        assert!(!leave.not_back(at("2026-11-22T21:30")));
    }

    #[test]
    fn a_residence_holds_from_its_first_night_until_the_day_of_leaving() {
        let d = |day: u32| NaiveDate::from_ymd_opt(2026, 11, day).expect("day");
        let r = Residence {
            id: ResidenceId::new_v7(),
            person_id: PersonId::new_v7(),
            room_id: RoomId::new_v7(),
            bed: 1,
            from: d(3),
            until: Some(d(20)),
        };
        assert!(!r.holds(d(2)));
        assert!(r.holds(d(3)));
        assert!(r.holds(d(19)));
        assert!(!r.holds(d(20)));
    }

    #[test]
    fn a_tally_counts_the_unmarked_until_the_room_is_called() {
        let mut t = Tally::default();
        for m in [
            Some(Mark::Present),
            Some(Mark::Absent),
            None,
            Some(Mark::OnLeave),
        ] {
            t.add(m);
        }
        assert_eq!((t.residents, t.unmarked(), t.called()), (4, 1, false));
        let mut all = Tally::default();
        all.merge(t);
        all.add(Some(Mark::Present));
        assert_eq!((all.residents, all.present), (5, 2));
    }

    #[test]
    fn a_registration_is_flagged_a_month_before_it_lapses() {
        let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(2026, m, day).expect("day");
        let today = d(11, 21);
        let mut p = ResidencePapers {
            person_id: PersonId::new_v7(),
            id_tail: String::new(),
            permanent_address: "Xã Bản Lầu, tỉnh Lào Cai".into(),
            registered_on: None,
            expires_on: None,
        };
        let state = |p: &ResidencePapers| ResidencePapers::registration(Some(p), today);
        assert_eq!(
            ResidencePapers::registration(None, today),
            Registration::Missing
        );
        assert_eq!(state(&p), Registration::Missing, "no number yet");
        p.id_tail = "4567".into();
        assert_eq!(state(&p), Registration::Unregistered);
        p.registered_on = Some(d(9, 10));
        p.expires_on = Some(d(12, 21));
        assert_eq!(state(&p), Registration::Expiring);
        p.expires_on = Some(d(12, 22));
        assert_eq!(state(&p), Registration::Registered);
        p.expires_on = Some(d(11, 20));
        assert_eq!(state(&p), Registration::Lapsed);
        assert_eq!(p.masked(), "•••• •••• 4567");
        assert_eq!(
            id_number("001 203.004 567").as_deref(),
            Some("001203004567")
        );
        assert_eq!(id_number("00120300456"), None);
        assert_eq!(id_number("00120300456x"), None);
    }

    #[test]
    fn the_suggestion_keeps_friends_and_classmates_together_and_genders_apart() {
        let (k1, k2) = (ClassId::new_v7(), ClassId::new_v7());
        let boarder = |g: Gender, class: ClassId| Boarder {
            person_id: PersonId::new_v7(),
            gender: Some(g),
            faculty: None,
            class_id: Some(class),
            friend: None,
        };
        let mut b = vec![
            boarder(Gender::Female, k1),
            boarder(Gender::Male, k1),
            boarder(Gender::Female, k2),
            boarder(Gender::Female, k1),
            boarder(Gender::Female, k2),
        ];
        // The first girl of k1 asked to room with the second girl of k2.
        b[0].friend = Some(b[4].person_id);
        let room = |g: Option<Gender>, beds: u8| RoomSpace {
            room_id: RoomId::new_v7(),
            gender: g,
            free_beds: (1..=beds).collect(),
            classes: Vec::new(),
        };
        let rooms = vec![
            room(Some(Gender::Female), 2),
            room(Some(Gender::Female), 2),
            room(Some(Gender::Male), 4),
        ];
        let placed = suggest(&b, &rooms);
        assert_eq!(placed.len(), 5, "everyone found a bed");
        let room_of = |p: PersonId| placed.iter().find(|x| x.person_id == p).map(|x| x.room_id);
        assert_eq!(
            room_of(b[0].person_id),
            room_of(b[4].person_id),
            "friends together"
        );
        assert_eq!(
            room_of(b[1].person_id),
            Some(rooms[2].room_id),
            "the boy in the boys' room"
        );
        assert_eq!(
            room_of(b[2].person_id),
            room_of(b[3].person_id),
            "the rest share the other room"
        );
        let mut beds: Vec<(RoomId, u8)> = placed.iter().map(|p| (p.room_id, p.bed)).collect();
        beds.sort_unstable();
        beds.dedup();
        assert_eq!(beds.len(), 5, "no bed given twice");
        let none = suggest(
            &[Boarder {
                gender: None,
                ..b[1].clone()
            }],
            &rooms,
        );
        assert!(
            none.is_empty(),
            "a student of unknown gender waits for a room open to either"
        );
    }
}
