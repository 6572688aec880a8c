//! Roles and what each may do. A role always comes with the unit of its
//! account; some also with a department.

crate::code_enum!(
    /// The roles of antt, from the widest to the narrowest.
    Role {
        /// Runs the instance: every unit.
        SystemAdmin => "system_admin",
        /// Provincial police, movement division: reads every unit it oversees.
        ProvinceOfficer => "province_officer",
        /// Văn phòng: runs its unit's data and accounts.
        UnitAdmin => "unit_admin",
        /// Ban Giám hiệu: reads everything of its unit.
        UnitLeader => "unit_leader",
        /// Trưởng phòng, khoa, trung tâm: changes the people of its department.
        DepartmentHead => "department_head",
        /// Bảo vệ: looks people up at the gate.
        Guard => "guard",
        /// Giáo viên chủ nhiệm, cố vấn học tập.
        Teacher => "teacher",
        /// Học sinh, sinh viên.
        Student => "student",
    }
);

/// What a role may do. Core checks it before every use case and the
/// screens ask the same question to decide what to show, so a right is
/// written down once, in [`Role::can`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Capability {
    /// Reads units other than its own (those it oversees, or all).
    OverseeUnits,
    /// Creates units and places them under an authority.
    ManageUnits,
    /// Sees the list of people of a unit (name, code, class).
    ReadPeople,
    /// Sees a person's details: date of birth, phone, e-mail, ethnicity.
    /// Each such view is written to the audit log.
    ReadPersonDetails,
    /// Creates and changes people: any of the unit for unit admins, those
    /// of its own department for department heads.
    EditPeople,
    /// Imports people from a spreadsheet into the whole unit.
    ImportPeople,
    /// Reads the unit's movement plan and its tasks, sessions, teams, the
    /// assessment and rewards.
    ReadPlans,
    /// The office's work on the movement: writes, approves and closes the
    /// plan; adds and assigns its tasks; keeps the assessment's dossier and
    /// the rewards.
    EditPlans,
    /// Acts for its own department: changes its people, reports on its
    /// tasks (department heads).
    ActForDepartment,
    /// Reports on any task of the plan (others report on their own).
    ReportAnyTask,
    /// Follows every task of the plan on the home page.
    FollowAllTasks,
    /// Creates and changes campuses, departments and classes.
    EditOrg,
    /// Creates accounts, resets passwords, locks accounts; names the
    /// handlers of tips and sets their deadlines.
    ManageUsers,
    /// Reads the audit log of its unit (or of all, for a system admin).
    ReadAudit,
    /// Records sessions with the police and their attendance.
    RecordSessions,
    /// Records commitments signed on paper.
    RecordPaperCommitments,
    /// Takes part in the movement of a unit: the commitment, the law
    /// contest (an officer of the police overseeing it does not).
    TakePartInMovement,
    /// Checks in to a session with its QR code on one's own phone.
    CheckInBySelf,
    /// Has a class of their own to follow (the homeroom teacher's menu).
    LeadClasses,
    /// Records a tip heard at the gate, by phone or by letter.
    RecordTips,
    /// Handles the unit's tips without being named a handler.
    HandleTips,
    /// May be named a handler of the unit's tips by the office.
    BeNamedTipHandler,
    /// Reviews nominations as the emulation council.
    ReviewNominations,
    /// Speaks for the police authority over a unit: reviews its dossier
    /// and points, records the recognition, loads the province's sheet.
    ActForAuthority,
    /// Reads the guard-duty roster of the unit.
    ReadDuty,
    /// Keeps the guard posts, the guard force and the monthly roster.
    ManageDuty,
    /// Stands guard duty: has shifts of their own to see.
    StandDuty,
    /// Reads the register of fire-safety equipment and cameras, reports a
    /// fault on an item.
    ReadEquipment,
    /// Keeps the register: items, intervals, labels, faults closed.
    ManageEquipment,
    /// Records a check, a service or a pressure test of an item.
    InspectEquipment,
    /// Runs the dormitories: buildings, rooms, residents, the board, the
    /// roll-call times; calls any room's roll and decides leave. The
    /// people the office puts on the dormitory board get the same rights
    /// through the board, whatever their role.
    ManageDorm,
}

impl Role {
    /// Whether this role holds `capability`. The one table of rights.
    pub const fn can(self, capability: Capability) -> bool {
        use Capability as C;
        use Role as R;
        match capability {
            C::OverseeUnits | C::ActForAuthority => {
                matches!(self, R::SystemAdmin | R::ProvinceOfficer)
            }
            C::ManageUnits => matches!(self, R::SystemAdmin),
            C::ReadPeople | C::ReadPlans | C::ReadEquipment => !matches!(self, R::Student),
            C::ReadPersonDetails => matches!(
                self,
                R::SystemAdmin
                    | R::ProvinceOfficer
                    | R::UnitAdmin
                    | R::UnitLeader
                    | R::DepartmentHead
                    | R::Teacher
            ),
            C::EditPeople => matches!(self, R::SystemAdmin | R::UnitAdmin | R::DepartmentHead),
            C::ImportPeople | C::EditPlans | C::ReportAnyTask | C::EditOrg | C::ManageUsers => {
                matches!(self, R::SystemAdmin | R::UnitAdmin)
            }
            C::FollowAllTasks | C::ReadAudit | C::ReviewNominations => {
                matches!(self, R::SystemAdmin | R::UnitAdmin | R::UnitLeader)
            }
            C::RecordSessions | C::RecordPaperCommitments => matches!(
                self,
                R::SystemAdmin | R::UnitAdmin | R::DepartmentHead | R::Teacher
            ),
            C::TakePartInMovement => !matches!(self, R::ProvinceOfficer),
            C::CheckInBySelf => matches!(self, R::Student),
            C::LeadClasses => matches!(self, R::Teacher),
            C::ActForDepartment => matches!(self, R::DepartmentHead),
            C::RecordTips => !matches!(self, R::Student | R::ProvinceOfficer),
            C::HandleTips => matches!(self, R::UnitAdmin | R::UnitLeader),
            C::BeNamedTipHandler => {
                !matches!(self, R::Student | R::ProvinceOfficer | R::SystemAdmin)
            }
            C::ReadDuty => matches!(
                self,
                R::SystemAdmin | R::ProvinceOfficer | R::UnitAdmin | R::UnitLeader | R::Guard
            ),
            C::ManageDuty => matches!(self, R::SystemAdmin | R::UnitAdmin),
            C::StandDuty => matches!(self, R::Guard),
            C::ManageEquipment | C::ManageDorm => matches!(self, R::SystemAdmin | R::UnitAdmin),
            C::InspectEquipment => matches!(
                self,
                R::SystemAdmin | R::UnitAdmin | R::DepartmentHead | R::Guard
            ),
        }
    }

    /// Whether a user with this role may give `other` to an account. A unit
    /// admin never mints province officers or system admins.
    pub const fn may_grant(self, other: Self) -> bool {
        match self {
            Self::SystemAdmin => true,
            Self::UnitAdmin => !matches!(other, Self::SystemAdmin | Self::ProvinceOfficer),
            _ => false,
        }
    }

    /// Whether a user with this role may give `other` to an account of a
    /// unit that is a police authority (`authority`) or not: within reach
    /// ([`Role::may_grant`]), and a role of the police only in a police unit.
    pub const fn may_grant_in(self, other: Self, authority: bool) -> bool {
        self.may_grant(other)
            && (other.belongs_to_authority() == authority || matches!(other, Self::SystemAdmin))
    }

    /// Whether the role only makes sense for a police unit.
    pub const fn belongs_to_authority(self) -> bool {
        matches!(self, Self::ProvinceOfficer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(*role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn grants_stay_within_reach() {
        assert!(Role::UnitAdmin.may_grant(Role::Guard));
        assert!(Role::UnitAdmin.may_grant(Role::UnitAdmin));
        assert!(!Role::UnitAdmin.may_grant(Role::ProvinceOfficer));
        assert!(!Role::UnitAdmin.may_grant(Role::SystemAdmin));
        assert!(!Role::ProvinceOfficer.may_grant(Role::Guard));
        assert!(!Role::Teacher.may_grant(Role::Student));
        assert!(Role::SystemAdmin.may_grant(Role::ProvinceOfficer));
    }

    #[test]
    fn students_and_guards_see_little() {
        use Capability as C;
        assert!(!Role::Student.can(C::ReadPeople));
        assert!(Role::Guard.can(C::ReadPeople));
        assert!(!Role::Guard.can(C::ReadPersonDetails));
        assert!(!Role::ProvinceOfficer.can(C::EditPeople));
        assert!(Role::Guard.can(C::RecordTips) && !Role::Guard.can(C::HandleTips));
        assert!(!Role::Student.can(C::RecordTips) && Role::Student.can(C::CheckInBySelf));
    }

    #[test]
    fn only_the_authority_acts_for_it_and_only_the_council_reviews() {
        use Capability as C;
        for role in Role::ALL {
            assert_eq!(
                role.can(C::ActForAuthority),
                matches!(role, Role::SystemAdmin | Role::ProvinceOfficer),
                "{role}"
            );
            assert_eq!(
                role.can(C::ReviewNominations),
                matches!(role, Role::SystemAdmin | Role::UnitAdmin | Role::UnitLeader),
                "{role}"
            );
            // Nobody named a handler reads other units' data.
            assert!(!(role.can(C::BeNamedTipHandler) && role.can(C::OverseeUnits)));
        }
    }
}
