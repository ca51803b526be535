//! The screened documents and their detection from raw input.
//!
//! * JSON with a `kind` field: `party`, `trade`, `securities_order`,
//!   `oil_cargo` ([`types`]; schemas in `schemas/`).
//! * ISO 20022 XML: pacs.008, pain.001, bare or with a Business Application
//!   Header ([`iso20022`]).
//! * SWIFT FIN: MT103, MT202COV ([`mt`]).

pub mod iso20022;
pub mod mt;
pub mod payment;
pub mod types;

pub use payment::{PaymentMessage, PaymentParty};
pub use types::*;

use crate::error::DocumentError;

/// A document to check.
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    /// A party.
    Party(Party),
    /// A trade transaction.
    Trade(Box<TradeTransaction>),
    /// A payment message.
    Payment(PaymentMessage),
    /// A securities order.
    SecuritiesOrder(SecuritiesOrder),
    /// An oil cargo.
    OilCargo(OilCargo),
}

impl Document {
    /// The document kind as used in decisions.
    pub fn kind(&self) -> &'static str {
        match self {
            Document::Party(_) => "party",
            Document::Trade(_) => "trade",
            Document::Payment(_) => "payment",
            Document::SecuritiesOrder(_) => "securities_order",
            Document::OilCargo(_) => "oil_cargo",
        }
    }

    /// Detects the document type from its content (and file name for
    /// messages) and parses it. `filename` names the input in errors.
    pub fn detect(bytes: &[u8], filename: &str) -> Result<Document, DocumentError> {
        let text = std::str::from_utf8(bytes).map_err(|e| DocumentError::Field {
            source_name: filename.to_string(),
            field: format!("byte {}", e.valid_up_to()),
            message: "input is not UTF-8".into(),
        })?;
        let trimmed = text.trim_start_matches('\u{feff}').trim_start();
        if trimmed.starts_with('{') && !trimmed.starts_with("{1:") && !trimmed.starts_with("{2:") {
            return Document::from_json(trimmed, filename);
        }
        if trimmed.starts_with('<') {
            return iso20022::parse(trimmed, filename).map(Document::Payment);
        }
        if trimmed.starts_with("{1:") || trimmed.starts_with("{2:") || trimmed.starts_with("{4:") {
            return mt::parse(trimmed, filename).map(Document::Payment);
        }
        Err(DocumentError::Unrecognised {
            source_name: filename.to_string(),
            message: "expected JSON with a \"kind\" field, ISO 20022 XML or a SWIFT FIN message starting with {1:".into(),
        })
    }

    /// Parses a JSON document (with its `kind` field).
    pub fn from_json(text: &str, filename: &str) -> Result<Document, DocumentError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| DocumentError::Field {
            source_name: filename.to_string(),
            field: format!("line {} column {}", e.line(), e.column()),
            message: e.to_string(),
        })?;
        let kind = value.get("kind").and_then(|k| k.as_str()).map(str::to_string).ok_or_else(|| DocumentError::Field {
            source_name: filename.to_string(),
            field: "kind".into(),
            message: "missing: expected one of party, trade, securities_order, oil_cargo".into(),
        })?;
        let doc: JsonDocument = serde_json::from_value(value).map_err(|e| DocumentError::Field {
            source_name: filename.to_string(),
            field: format!("{kind} document"),
            message: e.to_string(),
        })?;
        Ok(match doc {
            JsonDocument::Party(p) => Document::Party(p),
            JsonDocument::Trade(t) => Document::Trade(t),
            JsonDocument::SecuritiesOrder(s) => Document::SecuritiesOrder(s),
            JsonDocument::OilCargo(o) => Document::OilCargo(o),
        })
    }
}

#[cfg(test)]
pub(crate) mod tests;
