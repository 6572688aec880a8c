//! The audit log: who did what, when, to which record. Entries form a hash
//! chain; the hashing itself lives in `core::audit`.

use chrono::{DateTime, Utc};

use crate::ids::{UnitId, UserId};

crate::code_enum!(
    /// What happened.
    AuditAction {
        Create => "create",
        Update => "update",
        View => "view",
        Login => "login",
        LoginFailed => "login_failed",
        Logout => "logout",
        TokenIssue => "token_issue",
        PasswordChange => "password_change",
        PasswordReset => "password_reset",
        Lock => "lock",
        Unlock => "unlock",
        /// An account's login delays cleared by an officer of its unit.
        LoginUnblock => "login_unblock",
        /// The sealing key's fingerprint recorded, or every sealed value
        /// sealed anew under another key.
        KeyChange => "key_change",
        DemoLoad => "demo_load",
        Import => "import",
        Export => "export",
        /// A file uploaded and kept for a preview before it is written.
        Upload => "upload",
    }
);

crate::code_enum!(
    /// What kind of record it happened to.
    TargetKind {
        Unit => "unit",
        Campus => "campus",
        Department => "department",
        Class => "class",
        Person => "person",
        User => "user",
        Plan => "plan",
        PlanTask => "plan_task",
        Session => "session",
        Commitment => "commitment",
        Team => "team",
        Contest => "contest",
        Tip => "tip",
        Incident => "incident",
        Violation => "violation",
        /// A unit's self-assessment of a year (its id is the year).
        Assessment => "assessment",
        /// A score sheet or standard an authority loaded.
        Rubric => "rubric",
        /// The yearly report of results (its id is the year).
        Report => "report",
        /// A nomination, pledge or reward decision.
        Reward => "reward",
        /// A guard post of a campus.
        DutyPost => "duty_post",
        /// A month's guard-duty roster (its id is the month, "2026-12").
        Roster => "roster",
        /// A shift as logged at a gate (sổ trực ban).
        ShiftLog => "shift_log",
        /// A patrol checkpoint, a round, or a scan of a label.
        Patrol => "patrol",
        /// A visitor at the gate, or the list of people not let in.
        Visitor => "visitor",
        /// An item of the fire-safety and camera register, its faults and
        /// the kinds' intervals.
        Equipment => "equipment",
        /// The dormitories: rooms, residents, a night's roll call, leave.
        Dorm => "dorm",
        /// The targets of a province or ward police body.
        Province => "province",
    }
);

/// One changed field: its name and the value before and after, as text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Change {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl Change {
    /// The changes between two lists of `(field, value)` pairs of one record.
    pub fn diff(
        before: &[(&'static str, Option<String>)],
        after: &[(&'static str, Option<String>)],
    ) -> Vec<Self> {
        after
            .iter()
            .filter_map(|(field, new)| {
                let old = before
                    .iter()
                    .find(|(f, _)| f == field)
                    .and_then(|(_, v)| v.clone());
                (old != *new).then(|| Self {
                    field: (*field).to_owned(),
                    before: old,
                    after: new.clone(),
                })
            })
            .collect()
    }
}

/// An entry to append.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAuditEntry {
    pub actor_id: Option<UserId>,
    /// The actor's username, kept even if the account is later renamed.
    pub actor_name: String,
    pub unit_id: Option<UnitId>,
    pub action: AuditAction,
    pub target_kind: Option<TargetKind>,
    pub target_id: Option<String>,
    /// A short human description, e.g. the person's name.
    pub summary: String,
    pub changes: Vec<Change>,
}

/// An entry as stored, with its place in the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<UserId>,
    pub actor_name: String,
    pub unit_id: Option<UnitId>,
    pub action: AuditAction,
    pub target_kind: Option<TargetKind>,
    pub target_id: Option<String>,
    pub summary: String,
    pub changes: Vec<Change>,
    pub prev_hash: String,
    pub hash: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_lists_only_changed_fields() {
        let before = [
            ("phone", Some("0912".to_owned())),
            ("email", None),
            ("name", Some("An".to_owned())),
        ];
        let after = [
            ("phone", Some("0987".to_owned())),
            ("email", None),
            ("name", Some("An".to_owned())),
        ];
        let changes = Change::diff(&before, &after);
        assert_eq!(
            changes,
            vec![Change {
                field: "phone".into(),
                before: Some("0912".into()),
                after: Some("0987".into())
            }]
        );
    }
}
