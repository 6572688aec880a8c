//! Validation errors carry a field name and a stable code, never UI text.

use std::fmt;

/// Why a value was refused. The web layer maps each code to a Vietnamese
/// message and the API returns the code itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    Required,
    TooLong,
    Invalid,
    InvalidDate,
    InvalidPhone,
    InvalidEmail,
    InvalidCode,
    Duplicate,
    NotFound,
    NotAllowed,
    PasswordTooShort,
    PasswordMismatch,
    /// A file that is no spreadsheet or CSV antt can read.
    UnreadableFile,
    /// A file larger than an import takes.
    FileTooLarge,
    /// A sheet past the rows, columns or cells antt reads.
    SheetTooLarge,
    /// A form with files that did not arrive whole (the connection broke,
    /// or the body is not well formed).
    IncompleteUpload,
    /// No sheet of the file has a table header antt recognises.
    NoHeader,
    /// The table has no code column to match people by.
    NoCodeColumn,
    /// Some rows have problems and the user did not choose to import only
    /// the good ones.
    RowsHaveProblems,
    /// The record is not in a state that allows this (an issued plan's text).
    WrongState,
    /// Too early: a session that has not started yet.
    NotStarted,
    /// Too late: a check-in code past its time.
    Expired,
    /// Already recorded once (a second check-in).
    AlreadyRecorded,
    /// A day outside the movement year of the plan.
    OutsideYear,
    /// A day that has not come yet, for something that has happened.
    InFuture,
    /// Two fields of which only one may be given (a due date or a recurrence).
    EitherOr,
    /// An end before its start (a member's term, a contest's window).
    EndsBeforeStart,
    /// More than allowed (photos of a tip).
    TooMany,
    /// Points above an item's maximum.
    AboveMaximum,
    /// Minutes of a meeting that do not name every party the regulation lists.
    MissingParties,
    /// A control character (NUL above all) or a bidirectional control,
    /// invisible on screen, in text typed by a person.
    HiddenCharacter,
    /// The one who drafted a record cannot approve it (separation of
    /// duties: the council does not review its own drafts).
    OwnDraft,
    /// An import would change the name or birth date of people the unit
    /// has, and that was not confirmed apart.
    RenamesUnconfirmed,
    /// A record of a movement year that has closed (after its 15/11): the
    /// figures reported for it no longer change.
    YearClosed,
    /// An address only this machine opens (127.0.0.1, localhost) where a
    /// printed paper needs one others can open.
    NotPublicAddress,
    /// A dossier asking for recognition while a check of the standard is
    /// not met.
    StandardNotMet,
    /// Something that needs the user's explicit acknowledgement, not given
    /// (a dossier sent with unconfirmed checks).
    Unacknowledged,
    /// A roster that breaks a hard rule (an empty shift, short rest, a long
    /// week, a missing skill, a guard's day off) cannot be published.
    RulesBroken,
    /// A time outside the shift it is written in (before the take-over, or
    /// long past).
    OutsideShift,
    /// A shift already handed over takes nothing more.
    ShiftEnded,
    /// A scanned code that is no checkpoint label of the unit.
    UnknownLabel,
    /// A checkpoint's label that is not the one on the wall (an old label
    /// printed again since, or a copy made from one).
    ReplacedLabel,
    /// A visitor on the unit's list of people not to be let in.
    Barred,
    /// Wishes for a month sent after the day they close (the office may
    /// still enter them).
    WishesClosed,
    /// A bundle whose signature or digests do not match what it holds
    /// (changed on the way, or damaged).
    Altered,
    /// A bundle signed by a key not registered for its unit.
    UnregisteredKey,
    /// A bundle not newer than the one of the same year already imported.
    Outdated,
    /// A unit that runs its own copy of antt: its records arrive in its
    /// signed bundles and are read-only here.
    OwnCopy,
}

impl ErrorCode {
    /// The stable snake_case code used on the API.
    pub fn code(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::TooLong => "too_long",
            Self::Invalid => "invalid",
            Self::InvalidDate => "invalid_date",
            Self::InvalidPhone => "invalid_phone",
            Self::InvalidEmail => "invalid_email",
            Self::InvalidCode => "invalid_code",
            Self::Duplicate => "duplicate",
            Self::NotFound => "not_found",
            Self::NotAllowed => "not_allowed",
            Self::PasswordTooShort => "password_too_short",
            Self::PasswordMismatch => "password_mismatch",
            Self::UnreadableFile => "unreadable_file",
            Self::FileTooLarge => "file_too_large",
            Self::SheetTooLarge => "sheet_too_large",
            Self::IncompleteUpload => "incomplete_upload",
            Self::NoHeader => "no_header",
            Self::NoCodeColumn => "no_code_column",
            Self::RowsHaveProblems => "rows_have_problems",
            Self::WrongState => "wrong_state",
            Self::NotStarted => "not_started",
            Self::Expired => "expired",
            Self::AlreadyRecorded => "already_recorded",
            Self::OutsideYear => "outside_year",
            Self::InFuture => "in_future",
            Self::EitherOr => "either_or",
            Self::EndsBeforeStart => "ends_before_start",
            Self::TooMany => "too_many",
            Self::AboveMaximum => "above_maximum",
            Self::MissingParties => "missing_parties",
            Self::HiddenCharacter => "hidden_character",
            Self::OwnDraft => "own_draft",
            Self::RenamesUnconfirmed => "renames_unconfirmed",
            Self::YearClosed => "year_closed",
            Self::NotPublicAddress => "not_public_address",
            Self::StandardNotMet => "standard_not_met",
            Self::Unacknowledged => "unacknowledged",
            Self::Altered => "altered",
            Self::UnregisteredKey => "unregistered_key",
            Self::Outdated => "outdated",
            Self::OwnCopy => "own_copy",
            Self::RulesBroken => "rules_broken",
            Self::OutsideShift => "outside_shift",
            Self::ShiftEnded => "shift_ended",
            Self::UnknownLabel => "unknown_label",
            Self::ReplacedLabel => "replaced_label",
            Self::Barred => "barred",
            Self::WishesClosed => "wishes_closed",
        }
    }
}

/// One refused field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    pub field: &'static str,
    pub code: ErrorCode,
}

impl ValidationError {
    pub const fn new(field: &'static str, code: ErrorCode) -> Self {
        Self { field, code }
    }
}

/// All the refused fields of one input, in form order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationErrors(Vec<ValidationError>);

impl ValidationErrors {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn single(field: &'static str, code: ErrorCode) -> Self {
        Self(vec![ValidationError::new(field, code)])
    }
    pub fn add(&mut self, field: &'static str, code: ErrorCode) {
        self.0.push(ValidationError::new(field, code));
    }
    /// Adds the refusals of another check of the same input.
    pub fn extend(&mut self, other: Self) {
        self.0.extend(other.0);
    }
    /// Records the error of `result`, if any, and passes its value on.
    pub fn check<T>(&mut self, result: Result<T, ValidationError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }
    /// Parses an optional value (an id chosen in a form, say): blank is
    /// `None`, a malformed one is recorded as invalid.
    pub fn parse_optional<T: std::str::FromStr>(
        &mut self,
        field: &'static str,
        text: Option<&str>,
    ) -> Option<T> {
        let text = text.map(str::trim).filter(|t| !t.is_empty())?;
        if let Ok(value) = text.parse() {
            Some(value)
        } else {
            self.add(field, ErrorCode::Invalid);
            None
        }
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = &ValidationError> {
        self.0.iter()
    }
    /// Whether a field was refused.
    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }
    pub fn for_field(&self, field: &str) -> Option<ErrorCode> {
        self.0.iter().find(|e| e.field == field).map(|e| e.code)
    }
    /// `Ok(())` when nothing was refused.
    pub fn into_result(self) -> Result<(), Self> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.code.code()))
            .collect();
        f.write_str(&parts.join(", "))
    }
}

impl std::error::Error for ValidationErrors {}

impl IntoIterator for ValidationErrors {
    type Item = ValidationError;
    type IntoIter = std::vec::IntoIter<ValidationError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}
