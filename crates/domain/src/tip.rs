//! Tips (tin báo, tố giác) as rules: what a tip is about, where it came
//! from, the states of its handling and which changes are allowed, its
//! deadline, and the receipt code an anonymous reporter keeps. The law
//! (BLTTHS Art. 146, TTLT 01/2017 Art. 7–8) asks a school to hand a report
//! of a crime to the police at once: the default deadlines are a day for
//! the serious categories and three days for the others.

use chrono::{DateTime, Duration, Utc};

use crate::validation::{ErrorCode, ValidationErrors};

crate::code_enum!(
    /// What a tip or an incident is about.
    TipCategory {
        /// Trộm cắp tài sản.
        Theft => "theft",
        /// Đánh nhau, bạo lực học đường.
        Violence => "violence",
        /// Ma túy.
        Drugs => "drugs",
        /// Cờ bạc, cá độ.
        Gambling => "gambling",
        /// Người ngoài gây rối.
        Outsiders => "outsiders",
        /// Cháy, nổ.
        Fire => "fire",
        /// Tai nạn giao thông.
        Traffic => "traffic",
        /// Lừa đảo trên mạng.
        OnlineFraud => "online_fraud",
        /// Thông tin sai sự thật, xấu độc về đơn vị.
        FalseInformation => "false_information",
        /// Vi phạm nội quy.
        InternalRules => "internal_rules",
        /// Khác.
        Other => "other",
    }
);

impl TipCategory {
    /// How long the unit has, by default, to pass the tip on or settle it.
    pub const fn default_deadline(self) -> Duration {
        match self {
            Self::Violence | Self::Drugs | Self::Outsiders | Self::Fire => Duration::hours(24),
            _ => Duration::hours(72),
        }
    }
}

crate::code_enum!(
    /// How a tip reached the unit.
    TipChannel {
        /// The public portal (anonymous or not).
        Portal => "portal",
        Phone => "phone",
        /// Told in person.
        InPerson => "in_person",
        Letter => "letter",
        /// Passed on by the ward police.
        WardPolice => "ward_police",
    }
);

crate::code_enum!(
    /// Where the handling of a tip stands.
    TipState {
        /// Tiếp nhận.
        Received => "received",
        /// Đang xác minh.
        Verifying => "verifying",
        /// Đang xử lý.
        Handling => "handling",
        /// Đã chuyển Công an.
        Transferred => "transferred",
        /// Đã giải quyết.
        Resolved => "resolved",
        /// Không có cơ sở.
        Unfounded => "unfounded",
    }
);

impl TipState {
    /// Whether the handling is over.
    pub const fn is_closed(self) -> bool {
        matches!(self, Self::Resolved | Self::Unfounded)
    }
}

/// A change of state as asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StateChange {
    /// Why: always required, it is what the next handler reads.
    pub reason: String,
    /// What came of it: required to resolve.
    pub outcome: Option<String>,
    /// The police unit it goes to: required to transfer.
    pub police_unit: Option<String>,
}

/// Checks a change from `from` to `to`: a closed tip stays closed, nothing
/// goes back to "received", a state does not change to itself, every change
/// has a reason, resolving has an outcome and transferring a police unit.
pub fn check_change(
    from: TipState,
    to: TipState,
    change: &StateChange,
) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    if from.is_closed() || to == TipState::Received || from == to {
        errors.add("state", ErrorCode::WrongState);
    }
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    if change.reason.trim().is_empty() {
        errors.add("reason", ErrorCode::Required);
    }
    if to == TipState::Resolved && blank(&change.outcome) {
        errors.add("outcome", ErrorCode::Required);
    }
    if to == TipState::Transferred && blank(&change.police_unit) {
        errors.add("police_unit", ErrorCode::Required);
    }
    errors.into_result()
}

/// Whether a tip received at `received` is past its deadline at `now`.
pub fn is_overdue(
    state: TipState,
    received: DateTime<Utc>,
    deadline: Duration,
    now: DateTime<Utc>,
) -> bool {
    !state.is_closed() && state != TipState::Transferred && now > received + deadline
}

/// Digits of a receipt code.
pub const RECEIPT_DIGITS: usize = 16;

/// A receipt code as typed ("1234 5678-9012 3456") → its 16 digits.
pub fn normalise_receipt(typed: &str) -> Option<String> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '.')
        .collect();
    (digits.len() == RECEIPT_DIGITS && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// A receipt code in groups of four, as shown to the reporter.
pub fn format_receipt(digits: &str) -> String {
    digits
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(reason: &str) -> StateChange {
        StateChange {
            reason: reason.into(),
            ..StateChange::default()
        }
    }

    #[test]
    fn a_change_of_state_follows_the_rules() {
        use TipState::*;
        assert!(check_change(Received, Verifying, &change("Giao thầy Ngọc xác minh")).is_ok());
        let e = check_change(Received, Verifying, &change(" ")).expect_err("no reason");
        assert_eq!(e.for_field("reason"), Some(ErrorCode::Required));
        let e = check_change(Handling, Resolved, &change("Xong")).expect_err("no outcome");
        assert_eq!(e.for_field("outcome"), Some(ErrorCode::Required));
        let e = check_change(Handling, Transferred, &change("Có dấu hiệu tội phạm"))
            .expect_err("no police");
        assert_eq!(e.for_field("police_unit"), Some(ErrorCode::Required));
        let to_police = StateChange {
            police_unit: Some("Công an phường Cam Đường".into()),
            ..change("Có dấu hiệu tội phạm")
        };
        assert!(check_change(Handling, Transferred, &to_police).is_ok());
        for (from, to) in [
            (Resolved, Handling),
            (Unfounded, Verifying),
            (Handling, Received),
            (Handling, Handling),
        ] {
            let e = check_change(from, to, &change("x")).expect_err("refused");
            assert_eq!(
                e.for_field("state"),
                Some(ErrorCode::WrongState),
                "{from} → {to}"
            );
        }
    }

    #[test]
    fn serious_tips_are_due_within_a_day() {
        let at = DateTime::from_timestamp(1_795_222_800, 0).expect("time");
        let drugs = TipCategory::Drugs.default_deadline();
        assert!(!is_overdue(
            TipState::Received,
            at,
            drugs,
            at + Duration::hours(23)
        ));
        assert!(is_overdue(
            TipState::Verifying,
            at,
            drugs,
            at + Duration::hours(25)
        ));
        assert!(!is_overdue(
            TipState::Transferred,
            at,
            drugs,
            at + Duration::days(9)
        ));
        assert!(!is_overdue(
            TipState::Resolved,
            at,
            drugs,
            at + Duration::days(9)
        ));
        assert_eq!(TipCategory::Theft.default_deadline(), Duration::hours(72));
    }

    #[test]
    fn a_receipt_is_sixteen_digits_however_typed() {
        assert_eq!(
            normalise_receipt(" 1234 5678-9012.3456 ").as_deref(),
            Some("1234567890123456")
        );
        assert_eq!(normalise_receipt("1234 5678 9012 345"), None);
        assert_eq!(normalise_receipt("1234 5678 9012 345a"), None);
        assert_eq!(format_receipt("1234567890123456"), "1234 5678 9012 3456");
    }
}
