//! Visitors at the gate (khách ra vào) and the unit's list of people not
//! to be let in. Of an identity document only its kind and last four
//! digits are kept, unless the unit turns full numbers on.

use chrono::{DateTime, NaiveTime, Utc};

use crate::text::{self, search_key};
use crate::{BarredPersonId, CampusId, ErrorCode, UnitId, ValidationErrors, VisitorId, code_enum};

code_enum!(
    /// The identity document a visitor shows.
    DocumentKind {
        /// Căn cước công dân / căn cước.
        IdCard => "id_card",
        /// Giấy phép lái xe.
        DrivingLicence => "driving",
        /// Hộ chiếu.
        Passport => "passport",
        /// Thẻ ngành, thẻ sinh viên, giấy giới thiệu.
        Other => "other",
    }
);

/// How many digits of a document number are kept when full numbers are
/// off.
pub const KEPT_DIGITS: usize = 4;

/// A visitor, from arrival to leaving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visitor {
    pub id: VisitorId,
    pub unit_id: UnitId,
    pub campus_id: CampusId,
    pub name: String,
    pub document: Option<DocumentKind>,
    /// The last digits (or, where the unit keeps them, all of them).
    pub document_number: String,
    /// Whom or which office they visit, and why.
    pub visiting: String,
    pub vehicle_plate: String,
    pub arrived_at: DateTime<Utc>,
    pub left_at: Option<DateTime<Utc>>,
    /// The account that let them in.
    pub recorded_by: String,
}

/// A visitor as typed at the gate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitorInput {
    pub campus_id: CampusId,
    pub name: String,
    pub document: Option<DocumentKind>,
    pub document_number: String,
    pub visiting: String,
    pub vehicle_plate: String,
}

impl VisitorInput {
    /// Reads the form; `full_numbers` says whether the unit keeps whole
    /// document numbers (else only the last four digits are kept).
    pub fn parse(
        campus_id: CampusId,
        name: &str,
        document: &str,
        number: &str,
        visiting: &str,
        plate: &str,
        full_numbers: bool,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.check(text::required("name", name, 120));
        let document = match document.trim() {
            "" => None,
            code => DocumentKind::parse(code).or_else(|| {
                errors.add("document", ErrorCode::Invalid);
                None
            }),
        };
        let visiting = errors.check(text::required("visiting", visiting, 200));
        let plate = errors.check(text::optional("vehicle_plate", Some(plate), 20));
        let number = document_digits(number, full_numbers);
        if number.is_none() {
            errors.add("document_number", ErrorCode::Invalid);
        }
        errors.into_result()?;
        Ok(Self {
            campus_id,
            name: name.unwrap_or_default(),
            document,
            document_number: number.unwrap_or_default(),
            visiting: visiting.unwrap_or_default(),
            vehicle_plate: plate.flatten().unwrap_or_default().to_uppercase(),
        })
    }
}

/// The digits of a document number as kept: all of them when the unit
/// keeps full numbers, else the last [`KEPT_DIGITS`]; blank stays blank;
/// `None` when the number holds anything but digits, spaces, dots and
/// letters of a passport (or is too long to be one).
pub fn document_digits(number: &str, full: bool) -> Option<String> {
    let kept: String = number
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != '-')
        .collect::<String>()
        .to_uppercase();
    if kept.chars().count() > 20 || !kept.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    if full {
        return Some(kept);
    }
    let skip = kept.chars().count().saturating_sub(KEPT_DIGITS);
    Some(kept.chars().skip(skip).collect())
}

/// A person not to be let in, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarredPerson {
    pub id: BarredPersonId,
    pub unit_id: UnitId,
    pub name: String,
    /// The last digits of their document, when known.
    pub document_number: String,
    pub reason: String,
    pub added_at: DateTime<Utc>,
    pub added_by: String,
}

impl BarredPerson {
    /// Whether a visitor named `name` showing a document ending in
    /// `number` is this person: the same name (without accents or case)
    /// and, where both are known, the same last digits.
    pub fn matches(&self, name: &str, number: &str) -> bool {
        if search_key(&self.name) != search_key(name) {
            return false;
        }
        let tail = |n: &str| {
            let skip = n.chars().count().saturating_sub(KEPT_DIGITS);
            n.chars().skip(skip).collect::<String>()
        };
        self.document_number.is_empty()
            || number.is_empty()
            || tail(&self.document_number) == tail(number)
    }
}

/// The gate's settings of a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GateSettings {
    /// Keep visitors' whole document numbers (off: the last four digits).
    pub full_numbers: bool,
    /// When the gate closes: visitors still inside then are listed.
    pub closing: NaiveTime,
}

impl Default for GateSettings {
    fn default() -> Self {
        Self {
            full_numbers: false,
            closing: NaiveTime::from_hms_opt(22, 0, 0).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_four_digits_are_kept_unless_the_unit_keeps_full_numbers() {
        assert_eq!(
            document_digits("001 203.004-567", false).as_deref(),
            Some("4567")
        );
        assert_eq!(
            document_digits("001203004567", true).as_deref(),
            Some("001203004567")
        );
        assert_eq!(document_digits("", false).as_deref(), Some(""));
        assert_eq!(document_digits("12'; drop", false), None);
    }

    #[test]
    fn a_barred_person_is_found_by_name_and_the_digits_both_sides_know() {
        let barred = BarredPerson {
            id: BarredPersonId::new_v7(),
            unit_id: UnitId::new_v7(),
            name: "Nguyễn Văn Tú".into(),
            document_number: "004567".into(),
            reason: "Gây rối trước cổng trường ngày 12/10".into(),
            added_at: DateTime::<Utc>::from_timestamp(1_800_000_000, 0).expect("time"),
            added_by: "vanphong".into(),
        };
        assert!(barred.matches("nguyen van tu", "4567"));
        assert!(barred.matches("NGUYỄN VĂN TÚ", ""));
        assert!(!barred.matches("Nguyễn Văn Tú", "1111"));
        assert!(!barred.matches("Nguyễn Văn Tuấn", "4567"));
    }

    #[test]
    fn a_visitor_needs_a_name_and_whom_they_visit() {
        let campus = CampusId::new_v7();
        let v = VisitorInput::parse(
            campus,
            "Trần Thị Hoa",
            "id_card",
            "001203004567",
            "Phòng Đào tạo – nộp hồ sơ",
            "24b1-123.45",
            false,
        )
        .expect("valid");
        assert_eq!(v.document_number, "4567");
        assert_eq!(v.vehicle_plate, "24B1-123.45");
        let bad = VisitorInput::parse(campus, "", "card", "x!", "", "", false).expect_err("bad");
        let fields: Vec<&str> = bad.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "document", "visiting", "document_number"]);
    }
}
