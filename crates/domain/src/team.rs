//! Models, teams and linked security clusters (mô hình, đội, cụm an ninh
//! liên kết): established by a decision, with members in roles for a term,
//! an activity log and a status.

use chrono::NaiveDate;

use crate::ids::{PersonId, TeamId, UnitId};
use crate::text;
use crate::validation::{ErrorCode, ValidationErrors};

crate::code_enum!(
    /// What kind of group it is.
    TeamKind {
        /// Mô hình tự phòng, tự quản, tự bảo vệ.
        Model => "model",
        /// Đội, ban, tổ, trung đội.
        Team => "team",
        /// Cụm an ninh liên kết with outside partners.
        Cluster => "cluster",
    }
);

crate::code_enum!(
    /// How a group is doing.
    TeamStatus {
        /// Hoạt động.
        Active => "active",
        /// Hoạt động hiệu quả.
        Effective => "effective",
        /// Giải thể.
        Dissolved => "dissolved",
    }
);

crate::code_enum!(
    /// A member's role.
    MemberRole {
        /// Trưởng (đội trưởng, trưởng ban, trung đội trưởng).
        Leader => "leader",
        /// Phó.
        Deputy => "deputy",
        /// Thành viên.
        Member => "member",
    }
);

/// A model, team or cluster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Team {
    pub id: TeamId,
    pub unit_id: UnitId,
    pub kind: TeamKind,
    pub name: String,
    /// The establishing decision: number, date, signer.
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub decision_signer: Option<String>,
    /// Outside partners of a cluster, one per line.
    pub partners: Vec<String>,
    pub status: TeamStatus,
    /// Its type, from the unit's catalogue.
    pub type_name: Option<String>,
}

/// The types a unit's catalogue starts with: the models and teams the
/// seeds name.
pub const DEFAULT_TYPES: &[(TeamKind, &str)] = &[
    (TeamKind::Model, "Cổng trường an toàn giao thông"),
    (
        TeamKind::Model,
        "Trường học Xanh - Sạch - Đẹp - An toàn - Hạnh phúc",
    ),
    (TeamKind::Model, "Phòng, chống bạo lực học đường"),
    (TeamKind::Model, "Ban an ninh trường học"),
    (TeamKind::Model, "Khu nội trú an toàn về an ninh, trật tự"),
    (TeamKind::Team, "Ban Quản lý Ký túc xá"),
    (TeamKind::Team, "Đội thanh niên tự quản khu nội trú"),
    (TeamKind::Team, "Đội phòng cháy chữa cháy và cứu nạn cứu hộ"),
    (TeamKind::Team, "Trung đội tự vệ"),
    (TeamKind::Team, "Lực lượng bảo vệ"),
    (TeamKind::Cluster, "Cụm an ninh liên kết"),
];

/// A group to create or the new values of one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamInput {
    pub kind: TeamKind,
    pub name: String,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub decision_signer: Option<String>,
    pub partners: Vec<String>,
    pub status: TeamStatus,
    /// A type of the unit's catalogue for this kind (checked by the use case).
    pub type_name: Option<String>,
}

impl TeamInput {
    pub fn validate(mut self) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if let Some(name) = errors.check(text::required("name", &self.name, 200)) {
            self.name = name;
        }
        self.decision_number = errors
            .check(text::optional(
                "decision_number",
                self.decision_number.as_deref(),
                60,
            ))
            .flatten();
        self.decision_signer = errors
            .check(text::optional(
                "decision_signer",
                self.decision_signer.as_deref(),
                200,
            ))
            .flatten();
        self.partners = self
            .partners
            .iter()
            .map(|p| text::clean(p))
            .filter(|p| !p.is_empty())
            .collect();
        self.type_name = errors
            .check(text::optional("type_name", self.type_name.as_deref(), 200))
            .flatten();
        if self.kind == TeamKind::Cluster && self.partners.is_empty() {
            errors.add("partners", ErrorCode::Required);
        }
        errors.into_result().map(|()| self)
    }
}

/// A member of a group for a term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub team_id: TeamId,
    pub person_id: PersonId,
    pub role: MemberRole,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Member {
    /// Whether the member serves on `day`.
    pub fn serves_on(&self, day: NaiveDate) -> bool {
        self.from <= day && self.until.is_none_or(|u| day <= u)
    }

    /// A term cannot end before it starts.
    pub fn check_term(from: NaiveDate, until: Option<NaiveDate>) -> Result<(), ValidationErrors> {
        match until {
            Some(u) if u < from => Err(ValidationErrors::single(
                "until",
                ErrorCode::EndsBeforeStart,
            )),
            _ => Ok(()),
        }
    }
}

/// One entry of a group's activity log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    pub on: NaiveDate,
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn a_term_cannot_end_before_it_starts() {
        assert!(Member::check_term(day(2026, 1, 1), Some(day(2025, 12, 31))).is_err());
        assert!(Member::check_term(day(2026, 1, 1), Some(day(2026, 1, 1))).is_ok());
        let m = Member {
            team_id: TeamId::new_v7(),
            person_id: PersonId::new_v7(),
            role: MemberRole::Leader,
            from: day(2026, 1, 1),
            until: Some(day(2026, 6, 30)),
        };
        assert!(m.serves_on(day(2026, 6, 30)));
        assert!(!m.serves_on(day(2026, 7, 1)));
    }

    #[test]
    fn a_cluster_needs_its_partners() {
        let input = TeamInput {
            kind: TeamKind::Cluster,
            name: "Cụm an ninh liên kết số 1".into(),
            decision_number: None,
            decision_date: None,
            decision_signer: None,
            partners: vec![" ".into()],
            status: TeamStatus::Active,
            type_name: None,
        };
        assert_eq!(
            input
                .clone()
                .validate()
                .expect_err("refused")
                .for_field("partners"),
            Some(ErrorCode::Required)
        );
        let ok = TeamInput {
            partners: vec!["Công an phường Cam Đường".into()],
            ..input
        };
        assert!(ok.validate().is_ok());
    }
}
