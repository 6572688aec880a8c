//! Tips (tin báo, tố giác) as rules: what a tip is about, where it came
//! from, the states of its handling and which changes are allowed, its
//! deadline, and the receipt code an anonymous reporter keeps. The law
//! (BLTTHS Art. 146, TTLT 01/2017 Art. 7–8) asks a school to hand a report
//! of a crime to the police at once: the default deadlines are a day for
//! the serious categories and three days for the others.

use chrono::{DateTime, Duration, Utc};

use crate::ids::{CampusId, IncidentId, TipId, UnitId, UserId};
use crate::text;
use crate::validation::{ErrorCode, ValidationErrors};

/// The longest description, in characters.
pub const MAX_DESCRIPTION: usize = 4000;
/// The longest place, contact, reason or message, in characters.
pub const MAX_LINE: usize = 300;
/// The longest message or note, in characters.
pub const MAX_MESSAGE: usize = 2000;
/// Photos a tip may carry.
pub const MAX_PHOTOS: usize = 3;
/// The largest photo accepted before re-encoding, in bytes.
pub const MAX_PHOTO_BYTES: usize = 8 * 1024 * 1024;

crate::code_enum!(
    /// What a tip or an incident is about.
    TipCategory {
        /// Trộm cắp tài sản.
        Theft => "theft",
        /// Đánh nhau, bạo lực học đường.
        Violence => "violence",
        /// Ma túy.
        Drugs => "drugs",
        /// Cờ bạc, cá độ.
        Gambling => "gambling",
        /// Người ngoài gây rối.
        Outsiders => "outsiders",
        /// Cháy, nổ.
        Fire => "fire",
        /// Tai nạn giao thông.
        Traffic => "traffic",
        /// Lừa đảo trên mạng.
        OnlineFraud => "online_fraud",
        /// Thông tin sai sự thật, xấu độc về đơn vị.
        FalseInformation => "false_information",
        /// Vi phạm nội quy.
        InternalRules => "internal_rules",
        /// Khác.
        Other => "other",
        /// Tuyên truyền, phát triển tín ngưỡng, tôn giáo trái pháp luật
        /// (Circular 124, Điều 6 khoản 3 điểm a).
        ReligionPropaganda => "religion_propaganda",
        /// Lợi dụng tín ngưỡng, tôn giáo, dân tộc, tranh chấp, khiếu nại, tố
        /// cáo gây phức tạp về an ninh, trật tự (điểm b).
        ExploitingGrievances => "exploiting_grievances",
        /// Kích động khiếu kiện đông người, gây rối trật tự công cộng, tuyên
        /// truyền chống Nhà nước (điểm c).
        MassComplaints => "mass_complaints",
        /// Đình công, lãn công trái pháp luật (điểm d; agencies, enterprises).
        Strike => "strike",
        /// Vi phạm quy định bảo vệ bí mật nhà nước (điểm e).
        StateSecrets => "state_secrets",
        /// Tai nạn lao động (điểm g when someone died).
        LabourAccident => "labour_accident",
        /// Vi phạm về môi trường (điểm g when serious).
        Environment => "environment",
        /// Ngộ độc thực phẩm, vi phạm an toàn thực phẩm (điểm g when serious).
        FoodSafety => "food_safety",
    }
);

/// The point of Circular 124/2021/TT-BCA, Điều 6 khoản 3, a kind of case
/// falls under (Điều 7 khoản 3 takes a, b, c, đ, e, g for schools).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StandardPoint {
    /// a: illegal religious propaganda. Any case counts.
    A,
    /// b: exploiting religion, ethnicity, disputes, complaints. Any case.
    B,
    /// c: inciting mass complaints, public disorder. Any case.
    C,
    /// d: illegal strikes (agencies and enterprises only).
    D,
    /// đ: a crime "nghiêm trọng" or worse, unless found, stopped and
    /// reported to the police at once.
    Dd,
    /// e: a breach of State-secret rules. Any case.
    E,
    /// g: a serious fire or explosion, a fatal labour accident, a serious
    /// environmental or food-safety case, unless force majeure.
    G,
}

impl StandardPoint {
    /// The point as the Circular writes it: "a", "đ".
    pub const fn letter(self) -> &'static str {
        match self {
            Self::A => "a",
            Self::B => "b",
            Self::C => "c",
            Self::D => "d",
            Self::Dd => "đ",
            Self::E => "e",
            Self::G => "g",
        }
    }

    /// Whether only cases at "nghiêm trọng" or worse count (đ, g); the
    /// others count whatever their severity.
    pub const fn serious_only(self) -> bool {
        matches!(self, Self::Dd | Self::G)
    }
}

impl TipCategory {
    /// What people report as tips (the portal, the staff's form, the
    /// public API): the everyday kinds. The kinds that exist for the
    /// standard's clauses are recorded as incidents by the office.
    pub const REPORTED: &'static [Self] = &[
        Self::Theft,
        Self::Violence,
        Self::Drugs,
        Self::Gambling,
        Self::Outsiders,
        Self::Fire,
        Self::Traffic,
        Self::OnlineFraud,
        Self::FalseInformation,
        Self::InternalRules,
        Self::Other,
    ];

    /// The point of Circular 124, Điều 6 khoản 3 an incident of this kind
    /// falls under, if any. Crimes (theft, violence, drugs, gambling,
    /// outsiders' disorder, fraud, traffic, other) are point đ; false
    /// information and internal rules fall under none.
    pub const fn standard_point(self) -> Option<StandardPoint> {
        match self {
            Self::ReligionPropaganda => Some(StandardPoint::A),
            Self::ExploitingGrievances => Some(StandardPoint::B),
            Self::MassComplaints => Some(StandardPoint::C),
            Self::Strike => Some(StandardPoint::D),
            Self::StateSecrets => Some(StandardPoint::E),
            Self::Fire | Self::LabourAccident | Self::Environment | Self::FoodSafety => {
                Some(StandardPoint::G)
            }
            Self::Theft
            | Self::Violence
            | Self::Drugs
            | Self::Gambling
            | Self::Outsiders
            | Self::Traffic
            | Self::OnlineFraud
            | Self::Other => Some(StandardPoint::Dd),
            Self::FalseInformation | Self::InternalRules => None,
        }
    }

    /// How long the unit has, by default, to pass the tip on or settle it.
    pub const fn default_deadline(self) -> Duration {
        match self {
            Self::Violence
            | Self::Drugs
            | Self::Outsiders
            | Self::Fire
            | Self::MassComplaints
            | Self::StateSecrets
            | Self::LabourAccident
            | Self::FoodSafety => Duration::hours(24),
            _ => Duration::hours(72),
        }
    }
}

crate::code_enum!(
    /// How a tip reached the unit.
    TipChannel {
        /// The public portal (anonymous or not).
        Portal => "portal",
        Phone => "phone",
        /// Told in person.
        InPerson => "in_person",
        Letter => "letter",
        /// Passed on by the ward police.
        WardPolice => "ward_police",
    }
);

crate::code_enum!(
    /// Where the handling of a tip stands.
    TipState {
        /// Tiếp nhận.
        Received => "received",
        /// Đang xác minh.
        Verifying => "verifying",
        /// Đang xử lý.
        Handling => "handling",
        /// Đã chuyển Công an.
        Transferred => "transferred",
        /// Đã giải quyết.
        Resolved => "resolved",
        /// Không có cơ sở.
        Unfounded => "unfounded",
    }
);

impl TipState {
    /// Whether the handling is over.
    pub const fn is_closed(self) -> bool {
        matches!(self, Self::Resolved | Self::Unfounded)
    }
}

/// A change of state as asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StateChange {
    /// Why: always required, it is what the next handler reads.
    pub reason: String,
    /// What came of it: required to resolve.
    pub outcome: Option<String>,
    /// The police unit it goes to: required to transfer.
    pub police_unit: Option<String>,
}

/// Checks a change from `from` to `to`: a closed tip stays closed, nothing
/// goes back to "received", a state does not change to itself, every change
/// has a reason, resolving has an outcome and transferring a police unit.
pub fn check_change(
    from: TipState,
    to: TipState,
    change: &StateChange,
) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    if from.is_closed() || to == TipState::Received || from == to {
        errors.add("state", ErrorCode::WrongState);
    }
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    if change.reason.trim().is_empty() {
        errors.add("reason", ErrorCode::Required);
    }
    if to == TipState::Resolved && blank(&change.outcome) {
        errors.add("outcome", ErrorCode::Required);
    }
    if to == TipState::Transferred && blank(&change.police_unit) {
        errors.add("police_unit", ErrorCode::Required);
    }
    errors.into_result()
}

/// Whether a tip received at `received` is past its deadline at `now`.
pub fn is_overdue(
    state: TipState,
    received: DateTime<Utc>,
    deadline: Duration,
    now: DateTime<Utc>,
) -> bool {
    !state.is_closed() && state != TipState::Transferred && now > received + deadline
}

crate::code_enum!(
    /// Who wrote a message of a tip's conversation.
    Author {
        /// The reporter, through the receipt code.
        Reporter => "reporter",
        /// A handler, to the reporter.
        Staff => "staff",
        /// A handler's internal note: the reporter never sees it.
        Note => "note",
    }
);

crate::code_enum!(
    /// Why a handler is notified about a tip.
    NoticeKind {
        /// A new tip.
        New => "new",
        /// A new tip marked urgent.
        Urgent => "urgent",
        /// The tip was given to this handler.
        Assigned => "assigned",
        /// The reporter answered.
        Reply => "reply",
        /// The deadline is a few hours away.
        DueSoon => "due_soon",
        /// The deadline has passed.
        Overdue => "overdue",
    }
);

/// A notification of a handler.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub id: uuid::Uuid,
    pub kind: NoticeKind,
    pub tip_id: TipId,
    pub at: DateTime<Utc>,
    pub read: bool,
}

/// A tip as received: from the portal or recorded by staff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TipInput {
    pub channel: TipChannel,
    pub category: TipCategory,
    /// A weapon, a fire, someone in danger: the duty officer is alerted at
    /// once and the reporter told to call 113/114 as well.
    pub urgent: bool,
    /// The reporter chose not to be named: no contact is kept.
    pub anonymous: bool,
    pub description: String,
    pub place: Option<String>,
    pub campus_id: Option<CampusId>,
    pub occurred_at: Option<DateTime<Utc>>,
    pub contact: Option<String>,
}

/// What is kept of a tip in the clear, beside its sealed text, place and
/// contact: what it is about and how it came in, never what it says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TipHeader {
    pub channel: TipChannel,
    pub category: TipCategory,
    pub urgent: bool,
    pub anonymous: bool,
    pub campus_id: Option<CampusId>,
    pub occurred_at: Option<DateTime<Utc>>,
}

impl TipInput {
    /// The parts of the tip that are not sealed.
    pub fn header(&self) -> TipHeader {
        TipHeader {
            channel: self.channel,
            category: self.category,
            urgent: self.urgent,
            anonymous: self.anonymous,
            campus_id: self.campus_id,
            occurred_at: self.occurred_at,
        }
    }

    /// Cleans and checks the input: a description, a time that has come
    /// (five minutes of clock difference allowed), lengths. An anonymous
    /// tip drops any contact it was given, so nothing naming the reporter
    /// is stored.
    pub fn validate(mut self, now: DateTime<Utc>) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if let Some(d) = errors.check(text::required(
            "description",
            &self.description,
            MAX_DESCRIPTION,
        )) {
            self.description = d;
        }
        if let Some(p) = errors.check(text::optional("location", self.place.as_deref(), MAX_LINE)) {
            self.place = p;
        }
        if self.anonymous {
            self.contact = None;
        } else if let Some(c) =
            errors.check(text::optional("contact", self.contact.as_deref(), MAX_LINE))
        {
            self.contact = c;
        }
        if self
            .occurred_at
            .is_some_and(|t| t > now + Duration::minutes(5))
        {
            errors.add("occurred_at", ErrorCode::InFuture);
        }
        errors.into_result().map(|()| self)
    }
}

/// A tip as stored, without its sealed parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tip {
    pub id: TipId,
    pub unit_id: UnitId,
    /// Its number in the unit ("Tin báo số 12").
    pub number: u32,
    pub channel: TipChannel,
    pub category: TipCategory,
    pub urgent: bool,
    pub state: TipState,
    pub anonymous: bool,
    pub campus_id: Option<CampusId>,
    pub occurred_at: Option<DateTime<Utc>>,
    pub received_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub assignee_id: Option<UserId>,
    pub recorded_by: Option<UserId>,
    pub incident_id: Option<IncidentId>,
    pub outcome: Option<String>,
    pub police_unit: Option<String>,
    /// The reporter wrote last and nobody has answered yet.
    pub awaiting_staff: bool,
    pub closed_at: Option<DateTime<Utc>>,
}

impl Tip {
    /// Past its deadline and still with the unit.
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        !self.state.is_closed() && self.state != TipState::Transferred && now > self.due_at
    }
}

/// The sealed parts of a tip, opened.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TipContent {
    pub description: String,
    pub place: Option<String>,
    pub contact: Option<String>,
}

/// A message of a tip's conversation, or an internal note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TipMessage {
    pub at: DateTime<Utc>,
    pub author: Author,
    pub user_id: Option<UserId>,
    pub body: String,
}

/// A change of state as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TipEvent {
    pub at: DateTime<Utc>,
    pub user_id: Option<UserId>,
    pub from: TipState,
    pub to: TipState,
    pub reason: String,
}

/// A message or note as typed: required, at most [`MAX_MESSAGE`].
pub fn message(field: &'static str, text: &str) -> Result<String, ValidationErrors> {
    text::required(field, text, MAX_MESSAGE).map_err(|e| ValidationErrors::single(e.field, e.code))
}

/// A unit's deadline for a category, in hours: a day to a month.
pub fn check_deadline_hours(hours: u32) -> Result<u32, ValidationErrors> {
    if (1..=720).contains(&hours) {
        Ok(hours)
    } else {
        Err(ValidationErrors::single("hours", ErrorCode::Invalid))
    }
}

/// Digits of a receipt code.
pub const RECEIPT_DIGITS: usize = 16;

/// A receipt code as typed ("1234 5678-9012 3456") → its 16 digits.
pub fn normalise_receipt(typed: &str) -> Option<String> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '.')
        .collect();
    (digits.len() == RECEIPT_DIGITS && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// A receipt code in groups of four, as shown to the reporter.
pub fn format_receipt(digits: &str) -> String {
    digits
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(reason: &str) -> StateChange {
        StateChange {
            reason: reason.into(),
            ..StateChange::default()
        }
    }

    #[test]
    fn a_change_of_state_follows_the_rules() {
        use TipState::*;
        assert!(check_change(Received, Verifying, &change("Giao thầy Ngọc xác minh")).is_ok());
        let e = check_change(Received, Verifying, &change(" ")).expect_err("no reason");
        assert_eq!(e.for_field("reason"), Some(ErrorCode::Required));
        let e = check_change(Handling, Resolved, &change("Xong")).expect_err("no outcome");
        assert_eq!(e.for_field("outcome"), Some(ErrorCode::Required));
        let e = check_change(Handling, Transferred, &change("Có dấu hiệu tội phạm"))
            .expect_err("no police");
        assert_eq!(e.for_field("police_unit"), Some(ErrorCode::Required));
        let to_police = StateChange {
            police_unit: Some("Công an phường Cam Đường".into()),
            ..change("Có dấu hiệu tội phạm")
        };
        assert!(check_change(Handling, Transferred, &to_police).is_ok());
        for (from, to) in [
            (Resolved, Handling),
            (Unfounded, Verifying),
            (Handling, Received),
            (Handling, Handling),
        ] {
            let e = check_change(from, to, &change("x")).expect_err("refused");
            assert_eq!(
                e.for_field("state"),
                Some(ErrorCode::WrongState),
                "{from} → {to}"
            );
        }
    }

    #[test]
    fn serious_tips_are_due_within_a_day() {
        let at = DateTime::from_timestamp(1_795_222_800, 0).expect("time");
        let drugs = TipCategory::Drugs.default_deadline();
        assert!(!is_overdue(
            TipState::Received,
            at,
            drugs,
            at + Duration::hours(23)
        ));
        assert!(is_overdue(
            TipState::Verifying,
            at,
            drugs,
            at + Duration::hours(25)
        ));
        assert!(!is_overdue(
            TipState::Transferred,
            at,
            drugs,
            at + Duration::days(9)
        ));
        assert!(!is_overdue(
            TipState::Resolved,
            at,
            drugs,
            at + Duration::days(9)
        ));
        assert_eq!(TipCategory::Theft.default_deadline(), Duration::hours(72));
    }

    fn input(description: &str) -> TipInput {
        TipInput {
            channel: TipChannel::Portal,
            category: TipCategory::Drugs,
            urgent: false,
            anonymous: true,
            description: description.into(),
            place: Some("  Ký túc xá khu B ".into()),
            campus_id: None,
            occurred_at: None,
            contact: Some("0912 345 678".into()),
        }
    }

    #[test]
    fn an_anonymous_tip_keeps_no_contact() {
        let now = DateTime::from_timestamp(1_795_222_800, 0).expect("time");
        let tip = input(" Có người lạ bán thuốc ")
            .validate(now)
            .expect("valid");
        assert_eq!(tip.description, "Có người lạ bán thuốc");
        assert_eq!(tip.place.as_deref(), Some("Ký túc xá khu B"));
        assert_eq!(tip.contact, None, "anonymous: the contact is dropped");
        let named = TipInput {
            anonymous: false,
            ..input("x")
        }
        .validate(now)
        .expect("valid");
        assert_eq!(named.contact.as_deref(), Some("0912 345 678"));
        let e = input("  ").validate(now).expect_err("empty");
        assert_eq!(e.for_field("description"), Some(ErrorCode::Required));
        let e = input(&"x".repeat(MAX_DESCRIPTION + 1))
            .validate(now)
            .expect_err("long");
        assert_eq!(e.for_field("description"), Some(ErrorCode::TooLong));
        let e = TipInput {
            occurred_at: Some(now + Duration::hours(1)),
            ..input("x")
        }
        .validate(now)
        .expect_err("future");
        assert_eq!(e.for_field("occurred_at"), Some(ErrorCode::InFuture));
    }

    #[test]
    fn deadlines_are_a_day_to_a_month() {
        assert!(check_deadline_hours(0).is_err());
        assert_eq!(check_deadline_hours(1).ok(), Some(1));
        assert_eq!(check_deadline_hours(720).ok(), Some(720));
        assert!(check_deadline_hours(721).is_err());
    }

    #[test]
    fn a_receipt_is_sixteen_digits_however_typed() {
        assert_eq!(
            normalise_receipt(" 1234 5678-9012.3456 ").as_deref(),
            Some("1234567890123456")
        );
        assert_eq!(normalise_receipt("1234 5678 9012 345"), None);
        assert_eq!(normalise_receipt("1234 5678 9012 345a"), None);
        assert_eq!(format_receipt("1234567890123456"), "1234 5678 9012 3456");
    }
}
