//! Incidents (vụ việc) as rules: the register's record, the people
//! involved, the hand-off to the police, and violations by people of the
//! unit with their discipline, which feed the plan's target that nobody of
//! the unit breaks the law.

use chrono::{DateTime, NaiveDate, Utc};

use crate::ids::{CampusId, IncidentId, InvolvedId, PersonId, UnitId, ViolationId};
use crate::text;
use crate::tip::{MAX_DESCRIPTION, MAX_LINE, StandardPoint, TipCategory};
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

/// Days after the day a crime happened within which reporting it to the
/// police counts as "phát hiện, ngăn chặn và báo ngay" (Circular 124,
/// Điều 6 khoản 3 điểm đ): the same day or the next, since transfers are
/// recorded by day and a case found in the evening reaches the ward police
/// the next morning.
pub const REPORTED_AT_ONCE_DAYS: u64 = 1;

impl Incident {
    /// The point of Circular 124, Điều 6 khoản 3 by which this incident
    /// fails criterion 3 (criterion 3 of a school, Điều 7; of an agency or
    /// enterprise, Điều 6), or none when it does not count:
    /// - a, b, c, e count whatever their severity; d only for agencies and
    ///   enterprises (a school's criterion leaves it out);
    /// - đ and g count at "nghiêm trọng" or worse;
    /// - đ is excused when the unit reported it to the police at once
    ///   ([`REPORTED_AT_ONCE_DAYS`]); a later transfer excuses nothing;
    /// - g is excused only for force majeure, which the record cannot show:
    ///   the unit confirms it on the check with its reason and evidence.
    pub fn fails_standard(&self, agency: bool) -> Option<StandardPoint> {
        let point = self.input.category.standard_point()?;
        if point == StandardPoint::D && !agency {
            return None;
        }
        if point.serious_only() && self.input.severity == Severity::Minor {
            return None;
        }
        if point == StandardPoint::Dd
            && let Some(reported) = self.transfer.as_ref().and_then(|t| t.transferred_on)
        {
            let happened = crate::time::local_date(self.input.occurred_at);
            if reported <= happened + chrono::Days::new(REPORTED_AT_ONCE_DAYS) {
                return None;
            }
        }
        Some(point)
    }
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

/// Whether a violation counts against check 4.2 of a school (Circular
/// 124, Điều 7 khoản 4): a person who *committed a crime* or *has a
/// social evil* and was disciplined at "cảnh cáo" or above. A crime is a
/// criminal case; a social evil counts from a warning (an administrative
/// fine is not a discipline). A helmet fine, or a warning for cheating at
/// an exam, does not count.
pub const fn fails_school_standard(kind: ViolationKind, discipline: Discipline) -> bool {
    match discipline {
        Discipline::CriminalCase => true,
        Discipline::Warning | Discipline::Suspension | Discipline::Expulsion => {
            matches!(kind, ViolationKind::SocialEvil)
        }
        Discipline::Reminder | Discipline::Reprimand | Discipline::AdministrativeFine => false,
    }
}

/// Whether a violation counts against an agency's or enterprise's point h
/// (Circular 124, Điều 6 khoản 3 điểm h): staff fined administratively in
/// the field of security and order, or with a social evil disciplined at
/// "cảnh cáo" or above; a crime counts too.
pub const fn fails_agency_standard(kind: ViolationKind, discipline: Discipline) -> bool {
    match discipline {
        Discipline::CriminalCase => true,
        Discipline::AdministrativeFine => {
            matches!(kind, ViolationKind::Law | ViolationKind::SocialEvil)
        }
        Discipline::Warning | Discipline::Suspension | Discipline::Expulsion => {
            matches!(kind, ViolationKind::SocialEvil)
        }
        Discipline::Reminder | Discipline::Reprimand => false,
    }
}

impl Discipline {
    /// A discipline that keeps a person from being proposed for a reward
    /// for the year: any from a reprimand up, or a criminal case (an
    /// administrative fine or a reminder is no discipline).
    pub const fn bars_reward(self) -> bool {
        !matches!(self, Self::Reminder | Self::AdministrativeFine)
    }

    /// "Bị kỷ luật từ cảnh cáo trở lên" whatever the reason: a warning, a
    /// suspension, an expulsion or dismissal, or a criminal case (which
    /// ends a staff member's service). An administrative fine is not a
    /// discipline. Criteria 5 and 6 of a school, 4 and 5 of an agency,
    /// allow none of it in the guard force and among the staff.
    pub const fn disciplined_from_warning(self) -> bool {
        matches!(
            self,
            Self::Warning | Self::Suspension | Self::Expulsion | Self::CriminalCase
        )
    }

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

    /// An incident of `category` and `severity` that happened on 10/11/2026
    /// at 23:47 (Vietnam), handed to the police on `reported` if given.
    fn case(category: TipCategory, severity: Severity, reported: Option<u32>) -> Incident {
        Incident {
            id: IncidentId::new_v7(),
            unit_id: UnitId::new_v7(),
            number: 1,
            state: IncidentState::Open,
            input: IncidentInput {
                category,
                severity,
                occurred_at: crate::time::vietnam_instant(
                    day(10).and_hms_opt(23, 47, 0).expect("time"),
                ),
                campus_id: None,
                place: "Ký túc xá".into(),
                summary: "Vụ việc".into(),
                actions: String::new(),
                value_recovered: 0,
            },
            transfer: reported.map(|d| Transfer {
                police_unit: "Công an phường Cam Đường".into(),
                transferred_on: Some(day(d)),
                reference: None,
                acknowledged_on: None,
            }),
            outcome: None,
            created_at: crate::time::vietnam_instant(day(10).and_hms_opt(23, 50, 0).expect("time")),
            closed_at: None,
        }
    }

    /// Criterion 3 by the letter of Điều 6 khoản 3, case by case.
    #[test]
    fn criterion_3_counts_the_cases_of_the_circular_and_excuses_only_a_crime_reported_at_once() {
        use StandardPoint as P;
        use TipCategory as C;
        /// What happened, its kind and severity, the day it was reported,
        /// whether the unit is an agency, and the point it fails.
        type Case = (&'static str, C, Severity, Option<u32>, bool, Option<P>);
        let cases: &[Case] = &[
            (
                "a very serious fire handed to the police the next day",
                C::Fire,
                Severity::VerySerious,
                Some(11),
                false,
                Some(P::G),
            ),
            (
                "a serious fire never handed over",
                C::Fire,
                Severity::Serious,
                None,
                false,
                Some(P::G),
            ),
            (
                "a small fire put out at once",
                C::Fire,
                Severity::Minor,
                None,
                false,
                None,
            ),
            (
                "a serious theft reported the same day",
                C::Theft,
                Severity::Serious,
                Some(10),
                false,
                None,
            ),
            (
                "a serious theft reported the next morning",
                C::Theft,
                Severity::Serious,
                Some(11),
                false,
                None,
            ),
            (
                "a serious theft reported a week later",
                C::Theft,
                Severity::Serious,
                Some(17),
                false,
                Some(P::Dd),
            ),
            (
                "a serious drug case kept inside",
                C::Drugs,
                Severity::Serious,
                None,
                false,
                Some(P::Dd),
            ),
            (
                "a minor fight",
                C::Violence,
                Severity::Minor,
                None,
                false,
                None,
            ),
            (
                "a leaked exam classified secret, reported at once",
                C::StateSecrets,
                Severity::Minor,
                Some(10),
                false,
                Some(P::E),
            ),
            (
                "illegal religious preaching in the dormitory",
                C::ReligionPropaganda,
                Severity::Minor,
                None,
                false,
                Some(P::A),
            ),
            (
                "stirring up a dispute over land",
                C::ExploitingGrievances,
                Severity::Minor,
                Some(10),
                false,
                Some(P::B),
            ),
            (
                "inciting a crowd complaint",
                C::MassComplaints,
                Severity::Minor,
                None,
                false,
                Some(P::C),
            ),
            (
                "a fatal labour accident in the workshop",
                C::LabourAccident,
                Severity::VerySerious,
                Some(10),
                false,
                Some(P::G),
            ),
            (
                "a canteen food poisoning, serious",
                C::FoodSafety,
                Severity::Serious,
                None,
                false,
                Some(P::G),
            ),
            (
                "a strike at a school: not a school's point",
                C::Strike,
                Severity::Serious,
                None,
                false,
                None,
            ),
            (
                "a strike at an enterprise",
                C::Strike,
                Severity::Minor,
                None,
                true,
                Some(P::D),
            ),
            (
                "false rumours online",
                C::FalseInformation,
                Severity::VerySerious,
                None,
                false,
                None,
            ),
            (
                "a broken internal rule",
                C::InternalRules,
                Severity::Serious,
                None,
                false,
                None,
            ),
        ];
        for (what, category, severity, reported, agency, expected) in cases {
            assert_eq!(
                case(*category, *severity, *reported).fails_standard(*agency),
                *expected,
                "{what}"
            );
        }
    }

    /// Check 4.2 of a school and point h of an agency, case by case.
    #[test]
    fn check_4_2_counts_crimes_and_social_evils_at_warning_or_above() {
        use Discipline as D;
        use ViolationKind as K;
        let cases: &[(&str, K, D, bool, bool)] = &[
            (
                "a helmet fine",
                K::Traffic,
                D::AdministrativeFine,
                false,
                false,
            ),
            (
                "a warning for cheating at an exam",
                K::InternalRules,
                D::Warning,
                false,
                false,
            ),
            (
                "a drug user disciplined with a warning",
                K::SocialEvil,
                D::Warning,
                true,
                true,
            ),
            (
                "a gambler reprimanded",
                K::SocialEvil,
                D::Reprimand,
                false,
                false,
            ),
            (
                "a gambler fined",
                K::SocialEvil,
                D::AdministrativeFine,
                false,
                true,
            ),
            (
                "a fight fined under the law on administrative violations",
                K::Law,
                D::AdministrativeFine,
                false,
                true,
            ),
            ("a theft prosecuted", K::Law, D::CriminalCase, true, true),
            (
                "a student expelled for drugs",
                K::SocialEvil,
                D::Expulsion,
                true,
                true,
            ),
            (
                "a student suspended for skipping class",
                K::InternalRules,
                D::Suspension,
                false,
                false,
            ),
        ];
        for (what, kind, discipline, school, agency) in cases {
            assert_eq!(
                fails_school_standard(*kind, *discipline),
                *school,
                "school: {what}"
            );
            assert_eq!(
                fails_agency_standard(*kind, *discipline),
                *agency,
                "agency: {what}"
            );
        }
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
    fn a_fine_is_no_discipline_for_criteria_five_and_six() {
        for d in [
            Discipline::Reminder,
            Discipline::Reprimand,
            Discipline::AdministrativeFine,
        ] {
            assert!(!d.disciplined_from_warning(), "{d}");
        }
        for d in [
            Discipline::Warning,
            Discipline::Suspension,
            Discipline::Expulsion,
            Discipline::CriminalCase,
        ] {
            assert!(d.disciplined_from_warning(), "{d}");
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
