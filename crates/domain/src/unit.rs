//! Units (đơn vị): the tenants of antt, and the police bodies that oversee them.

use chrono::{DateTime, Utc};

use crate::ids::UnitId;
use crate::text;
use crate::validation::{ErrorCode, ValidationErrors};

crate::code_enum!(
    /// What a unit is. Police bodies oversee the others.
    UnitKind {
        School => "school",
        Agency => "agency",
        Enterprise => "enterprise",
        ProvincePolice => "province_police",
        WardPolice => "ward_police",
    }
);

impl UnitKind {
    /// Police bodies are authorities: they oversee units and read their data.
    pub const fn is_authority(self) -> bool {
        matches!(self, Self::ProvincePolice | Self::WardPolice)
    }
}

crate::code_enum!(
    /// The level of a school (cấp học), as far as the standard cares:
    /// only general education (cấp học phổ thông) is asked to work with
    /// the parents' board (Thông tư 124, Điều 7 khoản 2).
    SchoolLevel {
        /// Mầm non.
        Preschool => "preschool",
        /// Tiểu học.
        Primary => "primary",
        /// Trung học cơ sở.
        LowerSecondary => "lower_secondary",
        /// Trung học phổ thông.
        UpperSecondary => "upper_secondary",
        /// Trường phổ thông nhiều cấp học (liên cấp).
        MultiLevel => "multi_level",
        /// Trung cấp, cao đẳng (giáo dục nghề nghiệp).
        Vocational => "vocational",
        /// Đại học, học viện.
        University => "university",
    }
);

impl SchoolLevel {
    /// Cấp học phổ thông: primary, lower and upper secondary.
    pub const fn general_education(self) -> bool {
        matches!(
            self,
            Self::Primary | Self::LowerSecondary | Self::UpperSecondary | Self::MultiLevel
        )
    }
}

/// A unit as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub id: UnitId,
    pub kind: UnitKind,
    pub code: String,
    pub name: String,
    pub address: Option<String>,
    /// The police body that oversees this unit.
    pub authority_id: Option<UnitId>,
    pub created_at: DateTime<Utc>,
    /// The public key of the unit's own antt copy, registered by the
    /// police over it: the unit's records arrive in bundles signed with it
    /// and are read-only here.
    pub bundle_key: Option<String>,
    /// A school's level, once the school has said it.
    pub school_level: Option<SchoolLevel>,
}

/// A unit to create, already validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewUnit {
    pub kind: UnitKind,
    pub code: String,
    pub name: String,
    pub address: Option<String>,
    pub authority_id: Option<UnitId>,
}

impl NewUnit {
    pub fn parse(
        kind: &str,
        code: &str,
        name: &str,
        address: Option<&str>,
        authority_id: Option<UnitId>,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let kind = UnitKind::parse(kind.trim());
        if kind.is_none() {
            errors.add("kind", ErrorCode::Invalid);
        }
        let code = errors.check(text::code("code", code, 32));
        let name = errors.check(text::required("name", name, 200));
        let address = errors.check(text::optional("address", address, 300));
        match (kind, code, name, address) {
            (Some(kind), Some(code), Some(name), Some(address)) if errors.is_empty() => Ok(Self {
                kind,
                code: code.to_uppercase(),
                name,
                address,
                authority_id,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_refuses() {
        let u = NewUnit::parse("school", "cdlc", " Trường  Cao đẳng Lào Cai ", None, None).unwrap();
        assert_eq!(u.code, "CDLC");
        assert_eq!(u.name, "Trường Cao đẳng Lào Cai");
        let e = NewUnit::parse("castle", "", "", None, None).unwrap_err();
        assert_eq!(e.for_field("kind"), Some(ErrorCode::Invalid));
        assert_eq!(e.for_field("code"), Some(ErrorCode::Required));
        assert_eq!(e.for_field("name"), Some(ErrorCode::Required));
        assert!(UnitKind::ProvincePolice.is_authority());
        assert_eq!(UnitKind::parse("ward_police"), Some(UnitKind::WardPolice));
    }
}
