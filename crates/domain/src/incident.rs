//! Incidents (vụ việc) as rules: the register's record, the people
//! involved, the hand-off to the police, and violations by people of the
//! unit with their discipline, which feed the plan's target that nobody of
//! the unit breaks the law.

use chrono::{DateTime, NaiveDate, Utc};

use crate::ids::{CampusId, IncidentId, InvolvedId, PersonId, UnitId, ViolationId};
use crate::text;
use crate::tip::{MAX_DESCRIPTION, MAX_LINE, TipCategory};
use crate::validation::{ErrorCode, ValidationErrors};

crate::code_enum!(
    /// How serious an incident is.
    Severity {
        /// Ít nghiêm trọng.
        Minor => "minor",
        /// Nghiêm trọng.
        Serious => "serious",
        /// Rất nghiêm trọng.
        VerySerious => "very_serious",
    }
);

crate::code_enum!(
    /// Where an incident stands.
    IncidentState {
        /// Đang xử lý.
        Open => "open",
        /// Đã chuyển Công an.
        Transferred => "transferred",
        /// Đã kết thúc.
        Closed => "closed",
    }
);

crate::code_enum!(
    /// The part a person played in an incident.
    InvolvedRole {
        Victim => "victim",
        Suspect => "suspect",
        Witness => "witness",
    }
);

/// An incident to record, or its new values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncidentInput {
    pub category: TipCategory,
    pub severity: Severity,
    pub occurred_at: DateTime<Utc>,
    pub campus_id: Option<CampusId>,
    pub place: String,
    pub summary: String,
    /// What the unit did.
    pub actions: String,
    /// Value of property recovered, in đồng.
    pub value_recovered: i64,
}

impl IncidentInput {
    pub fn validate(mut self, now: DateTime<Utc>) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if let Some(p) = errors.check(text::required("location", &self.place, MAX_LINE)) {
            self.place = p;
        }
        if let Some(s) = errors.check(text::required("summary", &self.summary, MAX_DESCRIPTION)) {
            self.summary = s;
        }
        match text::optional("actions", Some(&self.actions), MAX_DESCRIPTION) {
            Ok(a) => self.actions = a.unwrap_or_default(),
            Err(e) => errors.add(e.field, e.code),
        }
        if self.occurred_at > now + chrono::Duration::minutes(5) {
            errors.add("occurred_at", ErrorCode::InFuture);
        }
        if self.value_recovered < 0 {
            errors.add("value_recovered", ErrorCode::Invalid);
        }
        errors.into_result().map(|()| self)
    }
}

/// The hand-off to the police: which unit, when, their reference number,
/// and when they acknowledged it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Transfer {
    pub police_unit: String,
    pub transferred_on: Option<NaiveDate>,
    pub reference: Option<String>,
    pub acknowledged_on: Option<NaiveDate>,
}

impl Transfer {
    /// A police unit and a day are required; the day has come, and an
    /// acknowledgement is not before the transfer.
    pub fn validate(mut self, today: NaiveDate) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if let Some(p) = errors.check(text::required("police_unit", &self.police_unit, MAX_LINE)) {
            self.police_unit = p;
        }
        if let Some(r) = errors.check(text::optional(
            "police_reference",
            self.reference.as_deref(),
            100,
        )) {
            self.reference = r;
        }
        match self.transferred_on {
            None => errors.add("transferred_on", ErrorCode::Required),
            Some(d) if d > today => errors.add("transferred_on", ErrorCode::InFuture),
            Some(d) => {
                if self.acknowledged_on.is_some_and(|a| a < d) {
                    errors.add("acknowledged_on", ErrorCode::EndsBeforeStart);
                }
            }
        }
        if self.acknowledged_on.is_some_and(|a| a > today) {
            errors.add("acknowledged_on", ErrorCode::InFuture);
        }
        errors.into_result().map(|()| self)
    }
}

/// An incident of the register.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incident {
    pub id: IncidentId,
    pub unit_id: UnitId,
    /// Its number in the unit ("Vụ việc số 3").
    pub number: u32,
    pub state: IncidentState,
    pub input: IncidentInput,
    pub transfer: Option<Transfer>,
    pub outcome: Option<String>,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// Someone involved in an incident: a person of the unit, or someone from
/// outside named as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Involved {
    pub id: InvolvedId,
    pub person_id: Option<PersonId>,
    pub name: String,
    pub role: InvolvedRole,
    pub note: Option<String>,
}

/// Checks a closing outcome: required.
pub fn check_outcome(outcome: &str) -> Result<String, ValidationErrors> {
    text::required("outcome", outcome, MAX_DESCRIPTION)
        .map_err(|e| ValidationErrors::single(e.field, e.code))
}

crate::code_enum!(
    /// What a violation broke.
    ViolationKind {
        /// Vi phạm pháp luật.
        Law => "law",
        /// Tệ nạn xã hội.
        SocialEvil => "social_evil",
        /// Vi phạm an toàn giao thông.
        Traffic => "traffic",
        /// Vi phạm nội quy, quy chế.
        InternalRules => "internal_rules",
    }
);

crate::code_enum!(
    /// The handling of a violation, from the lightest.
    Discipline {
        /// Nhắc nhở, chưa đến mức kỷ luật.
        Reminder => "reminder",
        /// Khiển trách.
        Reprimand => "reprimand",
        /// Cảnh cáo.
        Warning => "warning",
        /// Đình chỉ học tập, tạm đình chỉ công tác.
        Suspension => "suspension",
        /// Buộc thôi học, buộc thôi việc.
        Expulsion => "expulsion",
        /// Xử phạt vi phạm hành chính.
        AdministrativeFine => "administrative_fine",
        /// Truy cứu trách nhiệm hình sự.
        CriminalCase => "criminal_case",
    }
);

impl Discipline {
    /// At "warning" or above: what the standard "an toàn về an ninh, trật
    /// tự" allows none of.
    pub const fn at_least_warning(self) -> bool {
        !matches!(self, Self::Reminder | Self::Reprimand)
    }
}

/// A violation to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViolationInput {
    pub person_id: PersonId,
    pub incident_id: Option<IncidentId>,
    pub kind: ViolationKind,
    pub occurred_on: NaiveDate,
    pub description: String,
    pub discipline: Discipline,
    pub handling: Option<String>,
}

impl ViolationInput {
    pub fn validate(mut self, today: NaiveDate) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if let Some(d) = errors.check(text::required(
            "description",
            &self.description,
            MAX_DESCRIPTION,
        )) {
            self.description = d;
        }
        if let Some(h) = errors.check(text::optional(
            "handling",
            self.handling.as_deref(),
            MAX_DESCRIPTION,
        )) {
            self.handling = h;
        }
        if self.occurred_on > today {
            errors.add("occurred_on", ErrorCode::InFuture);
        }
        errors.into_result().map(|()| self)
    }
}

/// A violation as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub id: ViolationId,
    pub unit_id: UnitId,
    pub input: ViolationInput,
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("day")
    }

    #[test]
    fn a_transfer_names_the_police_and_a_day_that_has_come() {
        let ok = Transfer {
            police_unit: " Công an phường Cam Đường ".into(),
            transferred_on: Some(day(20)),
            reference: Some("123/CAP".into()),
            acknowledged_on: Some(day(21)),
        }
        .validate(day(21))
        .expect("valid");
        assert_eq!(ok.police_unit, "Công an phường Cam Đường");
        let e = Transfer::default().validate(day(21)).expect_err("empty");
        assert_eq!(e.for_field("police_unit"), Some(ErrorCode::Required));
        assert_eq!(e.for_field("transferred_on"), Some(ErrorCode::Required));
        let e = Transfer {
            police_unit: "CA".into(),
            transferred_on: Some(day(20)),
            reference: None,
            acknowledged_on: Some(day(19)),
        }
        .validate(day(21))
        .expect_err("acknowledged before sent");
        assert_eq!(
            e.for_field("acknowledged_on"),
            Some(ErrorCode::EndsBeforeStart)
        );
        let e = Transfer {
            police_unit: "CA".into(),
            transferred_on: Some(day(22)),
            ..Transfer::default()
        }
        .validate(day(21))
        .expect_err("future");
        assert_eq!(e.for_field("transferred_on"), Some(ErrorCode::InFuture));
    }

    #[test]
    fn warning_and_above_count_against_the_standard() {
        assert!(!Discipline::Reminder.at_least_warning());
        assert!(!Discipline::Reprimand.at_least_warning());
        for d in [
            Discipline::Warning,
            Discipline::Suspension,
            Discipline::Expulsion,
            Discipline::AdministrativeFine,
            Discipline::CriminalCase,
        ] {
            assert!(d.at_least_warning(), "{d}");
        }
    }

    #[test]
    fn an_incident_has_a_place_a_summary_and_no_negative_value() {
        let now = DateTime::from_timestamp(1_795_222_800, 0).expect("time");
        let input = IncidentInput {
            category: TipCategory::Theft,
            severity: Severity::Minor,
            occurred_at: now,
            campus_id: None,
            place: " ".into(),
            summary: String::new(),
            actions: String::new(),
            value_recovered: -1,
        };
        let e = input.validate(now).expect_err("refused");
        assert_eq!(e.for_field("location"), Some(ErrorCode::Required));
        assert_eq!(e.for_field("summary"), Some(ErrorCode::Required));
        assert_eq!(e.for_field("value_recovered"), Some(ErrorCode::Invalid));
    }
}
