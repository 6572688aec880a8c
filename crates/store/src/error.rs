//! Store errors, the same on SQLite and PostgreSQL.

use sea_orm::{DbErr, SqlErr};

/// What went wrong in the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique constraint refused the row; carries the constraint text.
    #[error("conflict: {0}")]
    Conflict(String),
    /// A foreign key refused the row: it refers to something missing, or to
    /// a row of another unit.
    #[error("foreign key: {0}")]
    ForeignKey(String),
    #[error("data in the database is not valid: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Db(DbErr),
}

impl From<DbErr> for StoreError {
    fn from(e: DbErr) -> Self {
        match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(c)) => Self::Conflict(c),
            Some(SqlErr::ForeignKeyConstraintViolation(c)) => Self::ForeignKey(c),
            _ => match e {
                DbErr::RecordNotFound(_) => Self::NotFound,
                e => Self::Db(e),
            },
        }
    }
}

impl StoreError {
    /// Whether a unique constraint whose text mentions `what` refused the row.
    /// SQLite names the columns (`people.unit_id, people.code`), PostgreSQL
    /// the index (`ux_people_code`); callers pass a word both contain.
    pub fn is_conflict_on(&self, what: &str) -> bool {
        matches!(self, Self::Conflict(c) if c.contains(what))
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// An update or delete of one row by unit and id: no row is "not found".
pub(crate) fn one_row(rows_affected: u64) -> StoreResult<()> {
    if rows_affected == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Parses a code read from the database into its enum.
pub(crate) fn decode<T>(
    what: &str,
    code: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> StoreResult<T> {
    parse(code).ok_or_else(|| StoreError::Corrupt(format!("{what}: unknown code `{code}`")))
}
