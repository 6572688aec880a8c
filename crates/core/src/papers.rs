//! Papers as issued: the Word file of a paper kept whole at the moment it
//! is signed or sent (the registration when it is made, the dossier's
//! Tờ trình and minutes when it goes to
//! the authority, a plan when it is approved, a reward decision when it
//! is recorded), and served as kept from
//! then on, so a record added
//! later never changes what was signed. Like the yearly report kept with
//! the dossier, byte for byte.

use antt_domain::UnitId;
use antt_store::paper::{self as store, Kept};

use crate::error::CoreResult;
use crate::export::ExportFile;

/// What kind of paper is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Paper {
    /// The registration to strive for the standard (Bản đăng ký).
    Registration,
    /// The request for recognition (Tờ trình) of a year's dossier.
    Request,
    /// The minutes of the year's self-assessment meeting (Biên bản).
    Minutes,
    /// A plan as approved and signed (Kế hoạch), by the plan's id.
    Plan,
    /// A reward decision as issued (Quyết định khen thưởng), by its id.
    RewardDecision,
}

impl Paper {
    pub(crate) const fn code(self) -> &'static str {
        match self {
            Self::Registration => "registration",
            Self::Request => "request",
            Self::Minutes => "minutes",
            Self::Plan => "plan",
            Self::RewardDecision => "reward_decision",
        }
    }
}

/// Keeps `file` as the paper `kind` of `key`, in the write's transaction.
pub(crate) async fn keep(
    e: &impl antt_store::Executor,
    unit: UnitId,
    kind: Paper,
    key: &str,
    file: ExportFile,
    by: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> CoreResult<()> {
    store::keep(
        e,
        unit,
        kind.code(),
        key,
        Kept {
            file_name: file.file_name,
            document: file.bytes,
            issued_at: at,
            issued_by: by.to_owned(),
        },
    )
    .await?;
    Ok(())
}

/// The paper as kept, if it was issued.
pub(crate) async fn kept(
    e: &impl antt_store::Executor,
    unit: UnitId,
    kind: Paper,
    key: &str,
) -> CoreResult<Option<ExportFile>> {
    Ok(store::kept(e, unit, kind.code(), key)
        .await?
        .map(|k| ExportFile {
            file_name: k.file_name,
            content_type: crate::plan::DOCX,
            bytes: k.document,
        }))
}
