//! The inside of a unit: campuses, departments and classes.

use crate::ids::{CampusId, ClassId, DepartmentId, PersonId, UnitId};
use crate::text;
use crate::validation::{ErrorCode, ValidationErrors};

crate::code_enum!(
    /// What a department is.
    DepartmentKind {
        /// Phòng: an office such as Văn phòng or Phòng Đào tạo.
        Office => "office",
        /// Khoa: a faculty, which owns classes.
        Faculty => "faculty",
        /// Trung tâm.
        Centre => "centre",
        /// Tổ chức đoàn thể: Công đoàn, Đoàn Thanh niên.
        Union => "union",
    }
);

/// A campus (cơ sở, địa điểm đào tạo).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Campus {
    pub id: CampusId,
    pub unit_id: UnitId,
    pub name: String,
    pub address: Option<String>,
}

/// A campus to create or the new values of one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CampusInput {
    pub name: String,
    pub address: Option<String>,
}

impl CampusInput {
    pub fn parse(name: &str, address: Option<&str>) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.check(text::required("name", name, 200));
        let address = errors.check(text::optional("address", address, 300));
        match (name, address) {
            (Some(name), Some(address)) => Ok(Self { name, address }),
            _ => Err(errors),
        }
    }
}

/// A department (phòng, khoa, trung tâm, đoàn thể).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Department {
    pub id: DepartmentId,
    pub unit_id: UnitId,
    pub kind: DepartmentKind,
    pub name: String,
}

/// A department to create or the new values of one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DepartmentInput {
    pub kind: DepartmentKind,
    pub name: String,
}

impl DepartmentInput {
    pub fn parse(kind: &str, name: &str) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let kind = DepartmentKind::parse(kind.trim());
        if kind.is_none() {
            errors.add("kind", ErrorCode::Invalid);
        }
        let name = errors.check(text::required("name", name, 200));
        match (kind, name) {
            (Some(kind), Some(name)) => Ok(Self { kind, name }),
            _ => Err(errors),
        }
    }
}

/// A class (lớp) of students.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Class {
    pub id: ClassId,
    pub unit_id: UnitId,
    pub name: String,
    /// The faculty that owns the class.
    pub department_id: Option<DepartmentId>,
    pub campus_id: Option<CampusId>,
    /// Giáo viên chủ nhiệm or cố vấn học tập.
    pub homeroom_teacher_id: Option<PersonId>,
}

/// A class to create or the new values of one. The ids are checked against
/// the unit by the use case, not here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassInput {
    pub name: String,
    pub department_id: Option<DepartmentId>,
    pub campus_id: Option<CampusId>,
    pub homeroom_teacher_id: Option<PersonId>,
}

impl ClassInput {
    pub fn parse(
        name: &str,
        department_id: Option<DepartmentId>,
        campus_id: Option<CampusId>,
        homeroom_teacher_id: Option<PersonId>,
    ) -> Result<Self, ValidationErrors> {
        let name = text::required("name", name, 100)
            .map_err(|e| ValidationErrors::single(e.field, e.code))?;
        Ok(Self {
            name,
            department_id,
            campus_id,
            homeroom_teacher_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_cleaned_and_checked() {
        let c = CampusInput::parse(" Cơ sở  1 ", Some("  ")).unwrap();
        assert_eq!(c.name, "Cơ sở 1");
        assert_eq!(c.address, None);
        assert!(CampusInput::parse("", None).is_err());
        let d = DepartmentInput::parse("faculty", "Khoa Kỹ thuật").unwrap();
        assert_eq!(d.kind, DepartmentKind::Faculty);
        let e = DepartmentInput::parse("club", "").unwrap_err();
        assert_eq!(e.for_field("kind"), Some(ErrorCode::Invalid));
        assert_eq!(e.for_field("name"), Some(ErrorCode::Required));
        assert_eq!(
            ClassInput::parse("  ", None, None, None)
                .unwrap_err()
                .for_field("name"),
            Some(ErrorCode::Required)
        );
    }
}
