//! The one error type of the use cases.

use antt_domain::audit::TargetKind;
use antt_domain::{ErrorCode, ValidationErrors};
use antt_store::StoreError;

/// Why a use case did not complete. Nothing was changed when it returns one.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// No valid session or token.
    #[error("not logged in")]
    Unauthenticated,
    /// Logged in, but the role does not allow this.
    #[error("forbidden")]
    Forbidden,
    /// Missing, or of a unit the actor may not read (the two look the same
    /// from outside, so ids of other units reveal nothing).
    #[error("not found")]
    NotFound,
    /// The input was refused; every field problem is listed.
    #[error("invalid input: {0}")]
    Invalid(ValidationErrors),
    /// Too many failed logins; try again later.
    #[error("too many attempts")]
    TooManyAttempts,
    /// Failed logins earned a delay: try again after this many seconds.
    #[error("wait {0} s before trying again")]
    WaitBeforeRetry(u32),
    /// The server has more of this work than it takes at once (the slow
    /// hashes): nothing was done; try again in a few seconds.
    #[error("busy")]
    Busy,
    /// The request's one-time key was used by an earlier request that
    /// committed: nothing was done again. The record it made, if it named
    /// one, is given so the answer can lead there.
    #[error("already done")]
    AlreadyDone(Option<(TargetKind, String)>),
    /// Something failed that the user cannot mend (the database, a file
    /// written, a missing key); the cause is kept for the log.
    #[error("internal error: {0}")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl CoreError {
    pub fn invalid(field: &'static str, code: ErrorCode) -> Self {
        Self::Invalid(ValidationErrors::single(field, code))
    }

    /// An internal failure with its cause (an error, or a sentence).
    pub fn internal(cause: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::Internal(cause.into())
    }
}

impl From<StoreError> for CoreError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Self::NotFound,
            e => Self::Internal(Box::new(e)),
        }
    }
}

impl From<tokio::task::JoinError> for CoreError {
    /// A blocking task (a document written, a hash) that panicked or was
    /// cancelled.
    fn from(e: tokio::task::JoinError) -> Self {
        Self::Internal(Box::new(e))
    }
}

impl From<ValidationErrors> for CoreError {
    fn from(e: ValidationErrors) -> Self {
        Self::Invalid(e)
    }
}

pub type CoreResult<T> = Result<T, CoreError>;

/// Maps a unique-constraint refusal on `what` to a duplicate error on
/// `field`, and anything else through `From`.
pub(crate) fn duplicate_on(
    what: &'static str,
    field: &'static str,
) -> impl Fn(StoreError) -> CoreError {
    move |e| {
        if e.is_conflict_on(what) {
            CoreError::invalid(field, ErrorCode::Duplicate)
        } else {
            e.into()
        }
    }
}

/// A foreign-key refusal means the input named something of another unit
/// or something missing.
pub(crate) fn reference_on(field: &'static str) -> impl Fn(StoreError) -> CoreError {
    move |e| match e {
        StoreError::ForeignKey(_) => CoreError::invalid(field, ErrorCode::NotFound),
        e => e.into(),
    }
}
