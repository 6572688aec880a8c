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

impl Role {
    /// Reads units other than its own (those it oversees, or all).
    pub const fn reads_other_units(self) -> bool {
        matches!(self, Self::SystemAdmin | Self::ProvinceOfficer)
    }

    /// Sees the list of people of a unit (name, code, class).
    pub const fn reads_people(self) -> bool {
        !matches!(self, Self::Student)
    }

    /// Sees a person's details: date of birth, phone, e-mail, ethnicity. Each
    /// such view is written to the audit log.
    pub const fn reads_person_details(self) -> bool {
        matches!(
            self,
            Self::SystemAdmin
                | Self::ProvinceOfficer
                | Self::UnitAdmin
                | Self::UnitLeader
                | Self::DepartmentHead
                | Self::Teacher
        )
    }

    /// Creates and changes people: any of the unit for unit admins, those of
    /// its own department for department heads.
    pub const fn edits_people(self) -> bool {
        matches!(
            self,
            Self::SystemAdmin | Self::UnitAdmin | Self::DepartmentHead
        )
    }

    /// Imports people from a spreadsheet into the whole unit.
    pub const fn imports_people(self) -> bool {
        matches!(self, Self::SystemAdmin | Self::UnitAdmin)
    }

    /// Reads the unit's movement plan and its tasks.
    pub const fn reads_plans(self) -> bool {
        !matches!(self, Self::Student)
    }

    /// Writes, approves and closes the plan; adds and assigns its tasks.
    pub const fn edits_plans(self) -> bool {
        matches!(self, Self::SystemAdmin | Self::UnitAdmin)
    }

    /// Creates and changes campuses, departments and classes.
    pub const fn edits_org(self) -> bool {
        matches!(self, Self::SystemAdmin | Self::UnitAdmin)
    }

    /// Creates accounts, resets passwords, locks accounts.
    pub const fn manages_users(self) -> bool {
        matches!(self, Self::SystemAdmin | Self::UnitAdmin)
    }

    /// Reads the audit log of its unit (or of all, for a system admin).
    pub const fn reads_audit(self) -> bool {
        matches!(self, Self::SystemAdmin | Self::UnitAdmin | Self::UnitLeader)
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
        assert!(!Role::Student.reads_people());
        assert!(Role::Guard.reads_people());
        assert!(!Role::Guard.reads_person_details());
        assert!(!Role::ProvinceOfficer.edits_people());
    }
}
