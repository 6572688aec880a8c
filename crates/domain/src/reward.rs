//! Emulation and rewards (thi đua, khen thưởng) of the movement: pledges at
//! the start of the year, nominations with their achievements (some
//! suggested from the records), the emulation council's review, the
//! unit's own decisions and certificates, proposals sent up to the
//! province, and rewards on the spot for a brave act.

use chrono::NaiveDate;

use crate::ids::{NominationId, RewardDecisionId, UnitId};
use crate::text;
use crate::validation::{ErrorCode, ValidationErrors};

crate::code_enum!(
    /// Who is nominated or pledged.
    NomineeKind {
        /// A person of the unit (cán bộ, học sinh, sinh viên).
        Person => "person",
        /// A department (phòng, khoa): a collective.
        Department => "department",
        /// A class: a collective of students.
        Class => "class",
        /// A model, team or cluster.
        Team => "team",
    }
);

crate::code_enum!(
    /// The form of a reward.
    RewardForm {
        /// Giấy khen of the head of the unit: decided by the unit.
        UnitCertificate => "unit_certificate",
        /// Giấy khen of the director of the provincial police.
        PoliceDirectorCertificate => "police_director_certificate",
        /// Bằng khen of the chairman of the provincial People's Committee.
        ChairmanMerit => "chairman_merit",
        /// Bằng khen of the Minister of Public Security.
        MinisterMerit => "minister_merit",
        /// Kỷ niệm chương "Bảo vệ an ninh Tổ quốc".
        CommemorativeMedal => "commemorative_medal",
    }
);

impl RewardForm {
    /// Decided by the unit itself; the others are proposed to the province.
    pub const fn by_unit(self) -> bool {
        matches!(self, Self::UnitCertificate)
    }

    /// Given to people only (a medal is personal).
    pub const fn personal(self) -> bool {
        matches!(self, Self::CommemorativeMedal)
    }
}

crate::code_enum!(
    /// Where a nomination stands.
    NominationState {
        /// Đề xuất.
        Proposed => "proposed",
        /// Hội đồng thi đua – khen thưởng nhất trí.
        Approved => "approved",
        /// Hội đồng không nhất trí.
        Rejected => "rejected",
        /// Đã trình cấp trên.
        SentUp => "sent_up",
        /// Đã có quyết định khen thưởng.
        Granted => "granted",
    }
);

crate::code_enum!(
    /// Why antt suggests a candidate.
    Suggestion {
        /// Handled a tip that led to a case.
        TipToCase => "tip_to_case",
        /// Leads a model or team.
        TeamLeader => "team_leader",
        /// Served in a linked security cluster's joint work.
        ClusterMember => "cluster_member",
        /// A class where every student was briefed.
        FullCoverage => "full_coverage",
    }
);

/// Someone or a collective as named on a nomination: kept as written, so
/// a decision reads the same after a person leaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nominee {
    pub kind: NomineeKind,
    pub id: uuid::Uuid,
    pub name: String,
    /// Position, class or department, as printed beside the name.
    pub detail: String,
}

/// A nomination to create.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NominationInput {
    pub nominee: Nominee,
    pub form: RewardForm,
    pub achievements: String,
    pub suggested: Option<Suggestion>,
    /// A reward on the spot: the day of the act.
    pub act_on: Option<NaiveDate>,
}

/// The longest achievements text.
pub const MAX_ACHIEVEMENTS: usize = 4_000;

impl NominationInput {
    /// Achievements are required; a medal goes to a person; an act on the
    /// spot has happened.
    pub fn validate(mut self, today: NaiveDate) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.achievements = self.achievements.trim().to_string();
        self.nominee.name = text::clean(&self.nominee.name);
        self.nominee.detail = text::clean(&self.nominee.detail);
        if self.achievements.chars().count() < 10 {
            errors.add("achievements", ErrorCode::Required);
        } else if self.achievements.chars().count() > MAX_ACHIEVEMENTS {
            errors.add("achievements", ErrorCode::TooLong);
        }
        if self.nominee.name.is_empty() {
            errors.add("nominee", ErrorCode::Required);
        }
        if self.form.personal() && self.nominee.kind != NomineeKind::Person {
            errors.add("form", ErrorCode::NotAllowed);
        }
        if self.act_on.is_some_and(|d| d > today) {
            errors.add("act_on", ErrorCode::InFuture);
        }
        errors.into_result().map(|()| self)
    }
}

/// A nomination as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nomination {
    pub id: NominationId,
    pub unit_id: UnitId,
    pub year: i32,
    pub input: NominationInput,
    pub state: NominationState,
    pub council_note: Option<String>,
    pub decision_id: Option<RewardDecisionId>,
}

impl NominationState {
    /// The council reviews what is proposed.
    pub const fn reviewable(self) -> bool {
        matches!(self, Self::Proposed)
    }
}

/// A reward decision: the unit's own, or one from above recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionInput {
    pub form: RewardForm,
    pub number: String,
    pub signed_on: Option<NaiveDate>,
    pub signer_title: String,
    pub signer_name: String,
    /// Who decided: the unit, "UBND tỉnh Lào Cai", "Công an tỉnh Lào Cai".
    pub issuer: String,
    /// The reason of the reward, "Đã có thành tích xuất sắc trong Phong trào…".
    pub reason: String,
}

impl DecisionInput {
    /// A decision needs its number, day, signer and issuer.
    pub fn validate(mut self, today: NaiveDate) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.number = text::clean(&self.number);
        self.signer_title = text::clean(&self.signer_title);
        self.signer_name = text::clean(&self.signer_name);
        self.issuer = text::clean(&self.issuer);
        self.reason = text::clean(&self.reason);
        if self.number.is_empty() {
            errors.add("number", ErrorCode::Required);
        }
        match self.signed_on {
            None => errors.add("signed_on", ErrorCode::Required),
            Some(d) if d > today => errors.add("signed_on", ErrorCode::InFuture),
            Some(_) => {}
        }
        if self.signer_name.is_empty() {
            errors.add("signer_name", ErrorCode::Required);
        }
        if self.issuer.is_empty() {
            errors.add("issuer", ErrorCode::Required);
        }
        errors.into_result().map(|()| self)
    }
}

/// A decision as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RewardDecision {
    pub id: RewardDecisionId,
    pub unit_id: UnitId,
    pub year: i32,
    pub input: DecisionInput,
}

/// An emulation pledge (đăng ký thi đua) at the start of the year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pledge {
    pub nominee: Nominee,
    /// The title pledged: "Tập thể lao động tiên tiến", "Lao động tiên tiến".
    pub title: String,
    pub pledged_on: NaiveDate,
}

/// The titles a unit's people and collectives pledge to reach.
pub const PLEDGE_TITLES: &[(NomineeKind, &str)] = &[
    (NomineeKind::Department, "Tập thể lao động xuất sắc"),
    (NomineeKind::Department, "Tập thể lao động tiên tiến"),
    (NomineeKind::Class, "Lớp tiên tiến về an ninh, trật tự"),
    (NomineeKind::Person, "Chiến sĩ thi đua cơ sở"),
    (NomineeKind::Person, "Lao động tiên tiến"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn input(kind: NomineeKind, form: RewardForm) -> NominationInput {
        NominationInput {
            nominee: Nominee {
                kind,
                id: uuid::Uuid::nil(),
                name: " Nguyễn  Văn An ".into(),
                detail: "Đội trưởng".into(),
            },
            form,
            achievements: "Phát hiện, báo tin giúp Công an phường bắt quả tang 2 đối tượng".into(),
            suggested: None,
            act_on: None,
        }
    }

    #[test]
    fn a_nomination_needs_achievements_and_a_medal_a_person() {
        let ok = input(NomineeKind::Person, RewardForm::CommemorativeMedal)
            .validate(day(11, 20))
            .unwrap();
        assert_eq!(ok.nominee.name, "Nguyễn Văn An");
        let e = input(NomineeKind::Department, RewardForm::CommemorativeMedal)
            .validate(day(11, 20))
            .unwrap_err();
        assert!(e.has("form"));
        let mut short = input(NomineeKind::Person, RewardForm::UnitCertificate);
        short.achievements = "tốt".into();
        assert!(short.validate(day(11, 20)).unwrap_err().has("achievements"));
        let mut spot = input(NomineeKind::Person, RewardForm::UnitCertificate);
        spot.act_on = Some(day(11, 21));
        assert!(
            spot.clone()
                .validate(day(11, 20))
                .unwrap_err()
                .has("act_on")
        );
        assert!(spot.validate(day(11, 21)).is_ok());
    }

    #[test]
    fn a_decision_needs_number_day_signer_and_issuer() {
        let d = DecisionInput {
            form: RewardForm::UnitCertificate,
            number: String::new(),
            signed_on: None,
            signer_title: "HIỆU TRƯỞNG".into(),
            signer_name: String::new(),
            issuer: String::new(),
            reason: String::new(),
        };
        let e = d.clone().validate(day(11, 20)).unwrap_err();
        for f in ["number", "signed_on", "signer_name", "issuer"] {
            assert!(e.has(f), "{f}");
        }
        let ok = DecisionInput {
            number: "120/QĐ-CĐLC".into(),
            signed_on: Some(day(11, 20)),
            signer_name: "Trần Xuân Trường".into(),
            issuer: "Trường Cao đẳng Lào Cai".into(),
            ..d
        };
        assert!(ok.clone().validate(day(11, 20)).is_ok());
        assert!(
            DecisionInput {
                signed_on: Some(day(11, 21)),
                ..ok
            }
            .validate(day(11, 20))
            .unwrap_err()
            .has("signed_on")
        );
    }

    #[test]
    fn only_the_units_own_certificate_is_decided_by_the_unit() {
        let by_unit: Vec<_> = RewardForm::ALL.iter().filter(|f| f.by_unit()).collect();
        assert_eq!(by_unit, vec![&RewardForm::UnitCertificate]);
        assert!(NominationState::Proposed.reviewable());
        assert!(!NominationState::Granted.reviewable());
    }
}
