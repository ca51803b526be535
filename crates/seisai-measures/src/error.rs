//! Errors of policy loading and document parsing. Every error names where
//! the problem is (file, measure id, field; document field or location).

use thiserror::Error;

/// A policy file could not be used.
#[derive(Debug, Error)]
pub enum PolicyError {
    /// The file could not be read.
    #[error("{file}: cannot read: {message}")]
    Io {
        /// The file.
        file: String,
        /// The system error.
        message: String,
    },
    /// TOML syntax or type error (the message carries line, column and key).
    #[error("{file}: {message}")]
    Syntax {
        /// The file.
        file: String,
        /// The parser message.
        message: String,
    },
    /// A value breaks a rule of the policy format.
    #[error("{file}: {}field {field}: {message}", measure.as_ref().map(|m| format!("measure {m}: ")).unwrap_or_default())]
    Invalid {
        /// The file.
        file: String,
        /// The measure id, when the error is inside a measure.
        measure: Option<String>,
        /// The field path, e.g. `scope.goods.hs_prefixes[2]`.
        field: String,
        /// What was expected.
        message: String,
    },
}

/// A document could not be read.
#[derive(Debug, Error, PartialEq)]
pub enum DocumentError {
    /// The input is not a recognised document type.
    #[error("{source_name}: unrecognised document: {message}")]
    Unrecognised {
        /// File name or label.
        source_name: String,
        /// What was seen.
        message: String,
    },
    /// A field is missing or malformed.
    #[error("{source_name}: field {field}: {message}")]
    Field {
        /// File name or label.
        source_name: String,
        /// Field location (XML path, MT tag, JSON path).
        field: String,
        /// What was expected.
        message: String,
    },
}
