//! Accounts: who may log in, with which role, in which unit.

use chrono::{DateTime, Utc};

use crate::ids::{CampusId, DepartmentId, PersonId, UnitId, UserId};
use crate::role::Role;
use crate::text;
use crate::validation::{ErrorCode, ValidationError, ValidationErrors};

/// An account as stored (without its password hash).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub unit_id: UnitId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// Narrows a department head (and optionally others) to one department.
    pub department_id: Option<DepartmentId>,
    /// Narrows a guard (and optionally others) to one campus.
    pub campus_id: Option<CampusId>,
    /// The person record of the account holder, when there is one.
    pub person_id: Option<PersonId>,
    pub locked: bool,
    pub created_at: DateTime<Utc>,
}

/// The shortest password accepted.
pub const MIN_PASSWORD_LEN: usize = 10;

/// A username: 3 to 64 of lower-case ASCII letters, digits, `.`, `_`, `-`.
pub fn parse_username(text: &str) -> Result<String, ValidationError> {
    let name = text.trim().to_lowercase();
    if name.is_empty() {
        return Err(ValidationError::new("username", ErrorCode::Required));
    }
    if name.len() > 64 {
        return Err(ValidationError::new("username", ErrorCode::TooLong));
    }
    if name.len() < 3
        || !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
    {
        return Err(ValidationError::new("username", ErrorCode::InvalidCode));
    }
    Ok(name)
}

/// Checks a new password and its confirmation.
pub fn check_password(password: &str, confirm: Option<&str>) -> Result<(), ValidationError> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(ValidationError::new(
            "password",
            ErrorCode::PasswordTooShort,
        ));
    }
    if password.len() > 1024 {
        return Err(ValidationError::new("password", ErrorCode::TooLong));
    }
    if confirm.is_some_and(|c| c != password) {
        return Err(ValidationError::new(
            "password_confirm",
            ErrorCode::PasswordMismatch,
        ));
    }
    Ok(())
}

/// A checked account to create. The unit-level checks (does the department
/// belong to the unit, may the creator grant the role) are the use case's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department_id: Option<DepartmentId>,
    pub campus_id: Option<CampusId>,
    pub person_id: Option<PersonId>,
}

impl NewUser {
    pub fn parse(
        username: &str,
        display_name: &str,
        role: &str,
        department_id: Option<DepartmentId>,
        campus_id: Option<CampusId>,
        person_id: Option<PersonId>,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let username = errors.check(parse_username(username));
        let display_name = if display_name.trim().is_empty() {
            username.clone().unwrap_or_default()
        } else {
            display_name.to_owned()
        };
        let display_name = errors.check(text::required("display_name", &display_name, 120));
        let role = Role::parse(role.trim());
        if role.is_none() {
            errors.add("role", ErrorCode::Invalid);
        }
        if role == Some(Role::DepartmentHead) && department_id.is_none() {
            errors.add("department_id", ErrorCode::Required);
        }
        match (username, display_name, role) {
            (Some(username), Some(display_name), Some(role)) if errors.is_empty() => Ok(Self {
                username,
                display_name,
                role,
                department_id,
                campus_id,
                person_id,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        assert_eq!(parse_username(" VanPhong.CDLC ").unwrap(), "vanphong.cdlc");
        assert_eq!(
            parse_username("ab").unwrap_err().code,
            ErrorCode::InvalidCode
        );
        assert_eq!(
            parse_username("văn phòng").unwrap_err().code,
            ErrorCode::InvalidCode
        );
        assert_eq!(parse_username("").unwrap_err().code, ErrorCode::Required);
    }

    #[test]
    fn passwords() {
        assert!(check_password("antt-demo-2026", Some("antt-demo-2026")).is_ok());
        assert_eq!(
            check_password("short", None).unwrap_err().code,
            ErrorCode::PasswordTooShort
        );
        assert_eq!(
            check_password("long enough pw", Some("other"))
                .unwrap_err()
                .code,
            ErrorCode::PasswordMismatch
        );
    }

    #[test]
    fn a_department_head_needs_a_department() {
        let e = NewUser::parse("truongkhoa", "", "department_head", None, None, None).unwrap_err();
        assert_eq!(e.for_field("department_id"), Some(ErrorCode::Required));
        let u = NewUser::parse("baove1", "", "guard", None, None, None).unwrap();
        assert_eq!(u.display_name, "baove1");
    }
}
