//! The `seisai check` and `seisai measures` commands as library functions,
//! for the CLI (and the server's `/screen/*` and `/measures` handlers) to call.

use std::path::Path;

use chrono::NaiveDate;

use crate::decision::{Decision, render_table};
use crate::documents::Document;
use crate::engine::Engine;
use crate::policy::render_measures;

/// Output format of the commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JSON (one array of decisions, or of measures).
    Json,
    /// Plain-text tables.
    Table,
}

/// The result of checking several files: the rendered output, the
/// decisions, and one message per file that could not be read or parsed.
#[derive(Debug)]
pub struct CheckOutput {
    /// Rendered decisions.
    pub text: String,
    /// The decisions, in file order (unreadable files left out).
    pub decisions: Vec<Decision>,
    /// `file: message` for each unreadable or malformed file.
    pub errors: Vec<String>,
}

/// `seisai check FILE... [--as-of DATE] [--format json|table]`.
pub fn check_files(engine: &Engine, files: &[&Path], as_of: Option<NaiveDate>, format: Format) -> CheckOutput {
    let mut decisions = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        let name = file.display().to_string();
        let doc = std::fs::read(file)
            .map_err(|e| format!("{name}: cannot read: {e}"))
            .and_then(|bytes| Document::detect(&bytes, &name).map_err(|e| e.to_string()));
        match doc {
            Ok(doc) => decisions.push(engine.check(&doc, as_of)),
            Err(e) => errors.push(e),
        }
    }
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&decisions).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}")),
        Format::Table => decisions.iter().map(render_table).collect::<Vec<_>>().join("\n"),
    };
    CheckOutput { text, decisions, errors }
}

/// `seisai measures [--as-of DATE]`: the measures in force (all without a date).
pub fn list_measures(engine: &Engine, as_of: Option<NaiveDate>, format: Format) -> String {
    let measures = engine.measures(as_of);
    match format {
        Format::Json => serde_json::to_string_pretty(&measures).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}")),
        Format::Table => render_measures(&measures),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::Policy;
    use crate::screening::NoLists;

    fn engine() -> Engine {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../policies");
        Engine::new(Policy::load_dir(dir).unwrap_or_else(|e| panic!("{e}")), Arc::new(NoLists))
    }

    #[test]
    fn check_reports_bad_files_and_renders_good_ones() {
        let dir = std::env::temp_dir().join(format!("seisai-measures-cmd-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let good = dir.join("oil.json");
        let bad = dir.join("bad.json");
        std::fs::write(&good, r#"{"kind":"oil_cargo","hs_code":"2709","price_usd_per_bbl":65,"loading_date":"2023-01-10","origin_country":"RU"}"#)
            .unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&bad, r#"{"kind":"oil_cargo"}"#).unwrap_or_else(|e| panic!("{e}"));
        let missing = dir.join("missing.json");
        let out = check_files(&engine(), &[&good, &bad, &missing], None, Format::Table);
        assert_eq!(out.decisions.len(), 1);
        assert!(out.text.contains("PROHIBITED") && out.text.contains("JP-2022-23"), "{}", out.text);
        assert_eq!(out.errors.len(), 2, "{:?}", out.errors);
        assert!(out.errors[0].contains("bad.json") && out.errors[0].contains("hs_code"), "{:?}", out.errors);
        assert!(out.errors[1].contains("missing.json"), "{:?}", out.errors);
        let json = check_files(&engine(), &[&good], NaiveDate::from_ymd_opt(2022, 12, 1), Format::Json);
        assert!(json.text.contains("\"outcome\": \"CLEAR\""), "{}", json.text);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn measures_as_json_and_table() {
        let e = engine();
        let json = list_measures(&e, NaiveDate::from_ymd_opt(2014, 8, 5), Format::Json);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
        assert!(v.as_array().is_some_and(|a| a.iter().any(|m| m["id"] == "JP-2014-04")), "{json}");
        assert!(list_measures(&e, None, Format::Table).contains("JP-2025-01"));
    }
}
