//! Errors of the review store.

/// What went wrong in the review store.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// The alert, suppression or customer does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The operation does not fit the current state (e.g. approving an
    /// alert with no pending proposal).
    #[error("{0}")]
    Conflict(String),
    /// Four-eyes: the proposer cannot approve or reject their own proposal.
    #[error("{0}")]
    SameUser(String),
    /// An argument is not valid (names the field and what was expected).
    #[error("{0}")]
    Invalid(String),
    /// The database failed or holds data this version cannot read.
    #[error("database: {0}")]
    Db(String),
}

impl From<rusqlite::Error> for ReviewError {
    fn from(e: rusqlite::Error) -> Self {
        ReviewError::Db(format!("sqlite: {e}"))
    }
}

impl From<postgres::Error> for ReviewError {
    fn from(e: postgres::Error) -> Self {
        ReviewError::Db(format!("postgresql: {e}"))
    }
}

impl From<serde_json::Error> for ReviewError {
    fn from(e: serde_json::Error) -> Self {
        ReviewError::Db(format!("stored JSON cannot be read: {e}"))
    }
}

/// Result of the review store.
pub type Result<T> = std::result::Result<T, ReviewError>;
