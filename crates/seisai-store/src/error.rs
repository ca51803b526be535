//! Errors of the store.

use std::path::PathBuf;

/// A store operation failed. Every variant names the file, dataset or
/// version concerned.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file of the store could not be read or written.
    #[error("{}: {action}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What was being done (`cannot write`, `cannot lock`, …).
        action: &'static str,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file of the store does not hold what the store wrote.
    #[error("{}: {detail}", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// The input files of an import could not be loaded; the previous
    /// version stays in force.
    #[error("import of {dataset} failed, previous version kept: {source}")]
    Load {
        /// The dataset.
        dataset: String,
        /// The loader's error (names the file and position).
        source: seisai_sources::SourceError,
    },
    /// A parameter is not acceptable (unknown dataset, bad name, no format…).
    #[error("{0}")]
    Invalid(String),
    /// No such dataset or version in the store.
    #[error("{0}")]
    NotFound(String),
}

impl StoreError {
    /// Shorthand for [`StoreError::Io`].
    pub fn io(path: impl Into<PathBuf>, action: &'static str, source: std::io::Error) -> Self {
        StoreError::Io { path: path.into(), action, source }
    }
}

/// Result of store operations.
pub type Result<T> = std::result::Result<T, StoreError>;
