//! Errors that make a whole file unreadable.

/// A file could not be loaded. Every variant names the file; format errors
/// also name the position (line, row, element) and what was expected.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The file could not be read from disk.
    #[error("{file}: cannot read: {source}")]
    Io {
        /// File path or URL.
        file: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The bytes are not in the expected encoding.
    #[error("{file}: wrong encoding: {detail}; expected {expected}")]
    Encoding {
        /// File path or URL.
        file: String,
        /// What was found.
        detail: String,
        /// What was expected.
        expected: String,
    },
    /// The content does not have the structure of the format.
    #[error("{file}: {location}: {detail}; expected {expected}")]
    Format {
        /// File path or URL.
        file: String,
        /// Line, row, sheet or element path.
        location: String,
        /// What was found.
        detail: String,
        /// What was expected.
        expected: String,
    },
    /// A file the format needs is missing from the inputs.
    #[error("missing input: {detail}")]
    Missing {
        /// Which file is missing and why it is needed.
        detail: String,
    },
}

impl SourceError {
    /// Shorthand for [`SourceError::Format`].
    pub fn format(
        file: impl Into<String>,
        location: impl Into<String>,
        detail: impl Into<String>,
        expected: impl Into<String>,
    ) -> Self {
        SourceError::Format {
            file: file.into(),
            location: location.into(),
            detail: detail.into(),
            expected: expected.into(),
        }
    }
}
