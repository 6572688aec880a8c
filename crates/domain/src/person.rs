//! People of a unit: staff (cán bộ, viên chức, người lao động) and students
//! (học sinh, sinh viên).

use chrono::{DateTime, NaiveDate, Utc};

use crate::ids::{ClassId, DepartmentId, PersonId, UnitId};
use crate::validation::{ErrorCode, ValidationErrors};
use crate::{text, time};

crate::code_enum!(
    /// Staff member or student.
    PersonKind {
        Staff => "staff",
        Student => "student",
    }
);

crate::code_enum!(
    /// Gender as recorded in school records.
    Gender {
        Male => "male",
        Female => "female",
    }
);

crate::code_enum!(
    /// Whether the person is still with the unit.
    PersonStatus {
        Active => "active",
        Left => "left",
    }
);

/// A person as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub id: PersonId,
    pub unit_id: UnitId,
    pub kind: PersonKind,
    pub code: String,
    pub full_name: String,
    pub birth_date: Option<NaiveDate>,
    pub gender: Option<Gender>,
    pub ethnicity: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// For staff: their department. Students belong to a class instead.
    pub department_id: Option<DepartmentId>,
    pub class_id: Option<ClassId>,
    /// Chức vụ, for staff.
    pub position: Option<String>,
    /// Nội trú: lives in the dormitory.
    pub boarding: bool,
    pub status: PersonStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The fields a user may set on a person, as typed in a form or sent on the
/// API. Everything is text; [`PersonInput::parse`] checks it.
#[derive(Clone, Debug, Default)]
pub struct PersonForm {
    pub kind: String,
    pub code: String,
    pub full_name: String,
    pub birth_date: Option<String>,
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub department_id: Option<String>,
    pub class_id: Option<String>,
    pub position: Option<String>,
    pub boarding: bool,
    pub status: Option<String>,
}

impl PersonForm {
    /// The form that would save `person` unchanged: what an edit form starts from.
    pub fn of(person: &Person) -> Self {
        Self {
            kind: person.kind.code().into(),
            code: person.code.clone(),
            full_name: person.full_name.clone(),
            birth_date: person.birth_date.map(time::format_date),
            gender: person.gender.map(|g| g.code().into()),
            ethnicity: person.ethnicity.clone(),
            phone: person.phone.clone(),
            email: person.email.clone(),
            department_id: person.department_id.map(|d| d.to_string()),
            class_id: person.class_id.map(|c| c.to_string()),
            position: person.position.clone(),
            boarding: person.boarding,
            status: Some(person.status.code().into()),
        }
    }
}

/// A checked person: what a create or update writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonInput {
    pub kind: PersonKind,
    pub code: String,
    pub full_name: String,
    pub birth_date: Option<NaiveDate>,
    pub gender: Option<Gender>,
    pub ethnicity: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub department_id: Option<DepartmentId>,
    pub class_id: Option<ClassId>,
    pub position: Option<String>,
    pub boarding: bool,
    pub status: PersonStatus,
}

fn blank(text: Option<&String>) -> Option<&str> {
    text.map(|t| t.trim()).filter(|t| !t.is_empty())
}

impl PersonInput {
    /// Checks every field and reports all problems at once. `today` bounds the
    /// date of birth.
    pub fn parse(form: &PersonForm, today: NaiveDate) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let kind = PersonKind::parse(form.kind.trim());
        if kind.is_none() {
            errors.add("kind", ErrorCode::Invalid);
        }
        let code = errors.check(text::code("code", &form.code, 32));
        let full_name = errors
            .check(text::required("full_name", &form.full_name, 120))
            .map(|n| text::person_name(&n));
        let birth_date = match blank(form.birth_date.as_ref()) {
            None => None,
            Some(t) => match time::parse_date(t) {
                Some(d) if today.years_since(d).is_some_and(|age| age <= 110) => Some(d),
                _ => {
                    errors.add("birth_date", ErrorCode::InvalidDate);
                    None
                }
            },
        };
        let gender = match blank(form.gender.as_ref()) {
            None => None,
            Some(g) => {
                let parsed = Gender::parse(g);
                if parsed.is_none() {
                    errors.add("gender", ErrorCode::Invalid);
                }
                parsed
            }
        };
        let ethnicity = errors
            .check(text::optional("ethnicity", form.ethnicity.as_deref(), 50))
            .flatten();
        let phone = errors
            .check(text::phone("phone", form.phone.as_deref()))
            .flatten();
        let email = errors
            .check(text::email("email", form.email.as_deref()))
            .flatten();
        let department_id = errors.parse_optional("department_id", form.department_id.as_deref());
        let class_id = errors.parse_optional("class_id", form.class_id.as_deref());
        let position = errors
            .check(text::optional("position", form.position.as_deref(), 100))
            .flatten();
        let status = match blank(form.status.as_ref()) {
            None => Some(PersonStatus::Active),
            Some(s) => {
                let parsed = PersonStatus::parse(s);
                if parsed.is_none() {
                    errors.add("status", ErrorCode::Invalid);
                }
                parsed
            }
        };
        if kind == Some(PersonKind::Student)
            && class_id.is_none()
            && !errors.iter().any(|e| e.field == "class_id")
        {
            errors.add("class_id", ErrorCode::Required);
        }
        match (kind, code, full_name, status) {
            (Some(kind), Some(code), Some(full_name), Some(status)) if errors.is_empty() => {
                Ok(Self {
                    kind,
                    code,
                    full_name,
                    birth_date,
                    gender,
                    ethnicity,
                    phone,
                    email,
                    // A student belongs to a class; a staff member to a department.
                    department_id: if kind == PersonKind::Staff {
                        department_id
                    } else {
                        None
                    },
                    class_id: if kind == PersonKind::Student {
                        class_id
                    } else {
                        None
                    },
                    position: if kind == PersonKind::Staff {
                        position
                    } else {
                        None
                    },
                    boarding: form.boarding,
                    status,
                })
            }
            _ => Err(errors),
        }
    }
}

impl PersonFilter {
    /// Whether `person` passes every filter but the search words (matched
    /// separately against the search key). `faculty` gives the department of
    /// the person's class, for students; it is asked only when a department
    /// is filtered on.
    pub fn admits(&self, person: &Person, faculty: impl FnOnce() -> Option<DepartmentId>) -> bool {
        self.kind.is_none_or(|k| person.kind == k)
            && self.status.is_none_or(|s| person.status == s)
            && self.boarding.is_none_or(|b| person.boarding == b)
            && self.class_id.is_none_or(|c| person.class_id == Some(c))
            && self
                .department_id
                .is_none_or(|d| person.department_id == Some(d) || faculty() == Some(d))
    }
}

/// What a people list is narrowed to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonFilter {
    /// Words typed in the search box, matched without diacritics against the
    /// name and the code.
    pub query: Option<String>,
    pub kind: Option<PersonKind>,
    pub department_id: Option<DepartmentId>,
    pub class_id: Option<ClassId>,
    pub boarding: Option<bool>,
    /// `None` lists everyone; the screens default to active people.
    pub status: Option<PersonStatus>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn student() -> PersonForm {
        PersonForm {
            kind: "student".into(),
            code: "SV001".into(),
            full_name: "nguyễn  văn AN".into(),
            birth_date: Some("15/8/2005".into()),
            gender: Some("male".into()),
            class_id: Some(ClassId::new_v7().to_string()),
            department_id: Some(DepartmentId::new_v7().to_string()),
            position: Some("Lớp trưởng".into()),
            boarding: true,
            ..PersonForm::default()
        }
    }

    #[test]
    fn a_student_is_cleaned_and_keeps_only_student_fields() {
        let p = PersonInput::parse(&student(), today()).unwrap();
        assert_eq!(p.full_name, "Nguyễn Văn An");
        assert_eq!(p.birth_date, NaiveDate::from_ymd_opt(2005, 8, 15));
        assert_eq!(p.department_id, None);
        assert_eq!(p.position, None);
        assert!(p.class_id.is_some());
        assert_eq!(p.status, PersonStatus::Active);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let form = PersonForm {
            kind: "alien".into(),
            code: String::new(),
            full_name: " ".into(),
            birth_date: Some("31/02/2005".into()),
            gender: Some("x".into()),
            phone: Some("12".into()),
            email: Some("nope".into()),
            class_id: Some("not-an-id".into()),
            ..PersonForm::default()
        };
        let e = PersonInput::parse(&form, today()).unwrap_err();
        for field in [
            "kind",
            "code",
            "full_name",
            "birth_date",
            "gender",
            "phone",
            "email",
            "class_id",
        ] {
            assert!(e.for_field(field).is_some(), "{field}: {e}");
        }
    }

    #[test]
    fn the_form_of_a_person_parses_back_to_that_person() {
        let input = PersonInput::parse(&student(), today()).unwrap();
        let p = Person {
            id: PersonId::new_v7(),
            unit_id: UnitId::new_v7(),
            kind: input.kind,
            code: input.code.clone(),
            full_name: input.full_name.clone(),
            birth_date: input.birth_date,
            gender: input.gender,
            ethnicity: Some("Mông".into()),
            phone: Some("0912345678".into()),
            email: None,
            department_id: None,
            class_id: input.class_id,
            position: None,
            boarding: true,
            status: PersonStatus::Left,
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
        };
        let again = PersonInput::parse(&PersonForm::of(&p), today()).unwrap();
        assert_eq!(again.birth_date, p.birth_date);
        assert_eq!(
            (again.ethnicity.as_deref(), again.phone.as_deref()),
            (Some("Mông"), Some("0912345678"))
        );
        assert_eq!(
            (again.boarding, again.status, again.class_id),
            (true, PersonStatus::Left, p.class_id)
        );
        assert_eq!(
            (again.full_name, again.code, again.gender),
            (p.full_name, p.code, p.gender)
        );
    }

    #[test]
    fn filters_admit_by_every_field() {
        let class = ClassId::new_v7();
        let faculty = DepartmentId::new_v7();
        let mut form = student();
        form.class_id = Some(class.to_string());
        let input = PersonInput::parse(&form, today()).unwrap();
        let p = Person {
            id: PersonId::new_v7(),
            unit_id: UnitId::new_v7(),
            kind: input.kind,
            code: input.code,
            full_name: input.full_name,
            birth_date: None,
            gender: None,
            ethnicity: None,
            phone: None,
            email: None,
            department_id: None,
            class_id: Some(class),
            position: None,
            boarding: true,
            status: PersonStatus::Active,
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
        };
        assert!(PersonFilter::default().admits(&p, || None));
        let f = PersonFilter {
            department_id: Some(faculty),
            ..PersonFilter::default()
        };
        assert!(
            f.admits(&p, || Some(faculty)),
            "a student is in the faculty of their class"
        );
        assert!(!f.admits(&p, || None));
        assert!(
            !PersonFilter {
                boarding: Some(false),
                ..PersonFilter::default()
            }
            .admits(&p, || None)
        );
        assert!(
            !PersonFilter {
                kind: Some(PersonKind::Staff),
                ..PersonFilter::default()
            }
            .admits(&p, || None)
        );
        assert!(
            !PersonFilter {
                status: Some(PersonStatus::Left),
                ..PersonFilter::default()
            }
            .admits(&p, || None)
        );
        assert!(
            PersonFilter {
                class_id: Some(class),
                ..PersonFilter::default()
            }
            .admits(&p, || None)
        );
    }

    #[test]
    fn a_student_needs_a_class_and_a_birth_date_in_the_past() {
        let mut form = student();
        form.class_id = None;
        assert_eq!(
            PersonInput::parse(&form, today())
                .unwrap_err()
                .for_field("class_id"),
            Some(ErrorCode::Required)
        );
        let mut form = student();
        form.birth_date = Some("01/01/2030".into());
        assert_eq!(
            PersonInput::parse(&form, today())
                .unwrap_err()
                .for_field("birth_date"),
            Some(ErrorCode::InvalidDate)
        );
    }
}
