//! Visitors of the dormitories (sổ khách đến thăm): who came to see which
//! resident, from when to when; of their identity document only the kind
//! and last four digits are kept unless the unit keeps full numbers (the
//! gate's setting, one decision for the whole unit).

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::time::vietnam_instant;
use crate::visitor::{DocumentKind, document_digits};
use crate::{BuildingId, DormVisitId, ErrorCode, PersonId, UnitId, ValidationErrors, text};

/// Visitors leave the dormitory by this time unless the unit sets its own.
pub fn default_closing() -> NaiveTime {
    NaiveTime::from_hms_opt(21, 0, 0).unwrap_or_default()
}

/// A visit, from arrival to leaving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DormVisit {
    pub id: DormVisitId,
    pub unit_id: UnitId,
    pub building_id: BuildingId,
    /// The resident they came to see.
    pub resident_id: PersonId,
    pub name: String,
    /// "Bố", "Mẹ", "Anh trai", "Bạn".
    pub relation: String,
    pub document: Option<DocumentKind>,
    pub document_number: String,
    pub arrived_at: DateTime<Utc>,
    pub left_at: Option<DateTime<Utc>>,
    pub recorded_by: String,
}

impl DormVisit {
    /// Whether they were still inside at `at`.
    pub fn inside_at(&self, at: DateTime<Utc>) -> bool {
        self.arrived_at < at && self.left_at.is_none_or(|l| l > at)
    }
}

/// A visitor as typed by the board member on duty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DormVisitInput {
    pub name: String,
    pub relation: String,
    pub document: Option<DocumentKind>,
    pub document_number: String,
}

impl DormVisitInput {
    /// Reads the form; `full_numbers` keeps whole document numbers.
    pub fn parse(
        name: &str,
        relation: &str,
        document: &str,
        number: &str,
        full_numbers: bool,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.check(text::required("name", name, 120));
        let relation = errors.check(text::required("relation", relation, 60));
        let document = match document.trim() {
            "" => None,
            code => DocumentKind::parse(code).or_else(|| {
                errors.add("document", ErrorCode::Invalid);
                None
            }),
        };
        let number = document_digits(number, full_numbers);
        if number.is_none() {
            errors.add("document_number", ErrorCode::Invalid);
        }
        errors.into_result()?;
        Ok(Self {
            name: name.unwrap_or_default(),
            relation: relation.unwrap_or_default(),
            document,
            document_number: number.unwrap_or_default(),
        })
    }
}

/// When visitors had to be gone on `day`.
pub fn closing_at(day: NaiveDate, closing: NaiveTime) -> DateTime<Utc> {
    vietnam_instant(day.and_time(closing))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visitor_needs_a_name_and_a_relation_and_keeps_four_digits() {
        let v = DormVisitInput::parse("Lò Văn Pao", "Bố", "id_card", "010 203 004 567", false)
            .expect("valid");
        assert_eq!(v.document_number, "4567");
        let bad = DormVisitInput::parse(" ", "", "passport?", "12;", false).expect_err("bad");
        let fields: Vec<&str> = bad.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "relation", "document", "document_number"]);
    }

    #[test]
    fn a_visitor_who_had_not_left_by_closing_time_was_inside() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).expect("day");
        let closing = closing_at(day, default_closing());
        let at = |h: u32, m: u32| vietnam_instant(day.and_hms_opt(h, m, 0).expect("time"));
        let mut v = DormVisit {
            id: DormVisitId::new_v7(),
            unit_id: UnitId::new_v7(),
            building_id: BuildingId::new_v7(),
            resident_id: PersonId::new_v7(),
            name: "Lò Văn Pao".into(),
            relation: "Bố".into(),
            document: None,
            document_number: String::new(),
            arrived_at: at(19, 10),
            left_at: None,
            recorded_by: "ctsv".into(),
        };
        assert!(v.inside_at(closing));
        v.left_at = Some(at(20, 40));
        assert!(!v.inside_at(closing));
        v.left_at = Some(at(21, 20));
        assert!(v.inside_at(closing));
    }
}
