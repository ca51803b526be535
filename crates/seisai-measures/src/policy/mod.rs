//! Policy files: one sanctions regime as dated, cited measures in TOML.
//!
//! [`Policy::load`] parses a file and validates it against the rules of
//! `policies/policy.schema.json` (plus cross-field rules a JSON Schema cannot
//! say, e.g. "an export ban needs a destination"). Errors name the file, the
//! measure id and the field.

mod model;
mod validate;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use model::*;

use crate::error::PolicyError;

/// A loaded, validated policy file.
#[derive(Clone, Debug)]
pub struct Policy {
    /// Where the policy was loaded from (file path or a label).
    pub origin: String,
    /// The policy content.
    pub file: PolicyFile,
}

impl Policy {
    /// Reads and validates one policy file.
    pub fn load(path: impl AsRef<Path>) -> Result<Policy, PolicyError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| PolicyError::Io {
            file: path.display().to_string(),
            message: e.to_string(),
        })?;
        Policy::from_toml(&text, &path.display().to_string())
    }

    /// Parses and validates policy text; `origin` names it in errors.
    pub fn from_toml(text: &str, origin: &str) -> Result<Policy, PolicyError> {
        let file: PolicyFile = toml::from_str(text).map_err(|e| PolicyError::Syntax {
            file: origin.to_string(),
            message: e.to_string().trim_end().to_string(),
        })?;
        validate::validate(&file, origin)?;
        Ok(Policy { origin: origin.to_string(), file })
    }

    /// Loads every `*.toml` policy file of a directory, sorted by file name.
    /// Files whose name starts with `_` are skipped (drafts).
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<Vec<Policy>, PolicyError> {
        let dir = dir.as_ref();
        let entries = std::fs::read_dir(dir).map_err(|e| PolicyError::Io {
            file: dir.display().to_string(),
            message: e.to_string(),
        })?;
        let mut paths: Vec<PathBuf> = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| PolicyError::Io {
                file: dir.display().to_string(),
                message: e.to_string(),
            })?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            if path.extension().is_some_and(|e| e == "toml") && !name.starts_with('_') {
                paths.push(path);
            }
        }
        paths.sort();
        let policies = paths.iter().map(Policy::load).collect::<Result<Vec<_>, _>>()?;
        let mut ids: Vec<&str> = policies.iter().map(|p| p.file.policy.id.as_str()).collect();
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            return Err(PolicyError::Invalid {
                file: dir.display().to_string(),
                measure: None,
                field: "policy.id".into(),
                message: format!("two policy files have the id {:?}", w[0]),
            });
        }
        Ok(policies)
    }

    /// `id@version` of the policy, as cited in decisions.
    pub fn label(&self) -> String {
        format!("{}@{}", self.file.policy.id, self.file.policy.version)
    }

    /// The measures in force on `day`.
    pub fn measures_on(&self, day: NaiveDate) -> impl Iterator<Item = &Measure> {
        self.file.measure.iter().filter(move |m| m.in_force_on(day))
    }

    /// A goods list by id.
    pub fn goods_list(&self, id: &str) -> Option<&GoodsList> {
        self.file.goods_list.iter().find(|l| l.id == id)
    }
}

#[cfg(test)]
mod tests;

/// Renders measures as a plain-text table (for `seisai measures [--as-of DATE]`):
/// id, kind, effective, ended, outcome, legal basis, title; `*` marks measures with uncertain facts.
pub fn render_measures(measures: &[&Measure]) -> String {
    let mut out = String::from("ID                    KIND            EFFECTIVE  ENDED      OUTCOME              LEGAL BASIS / TITLE\n");
    for m in measures {
        out.push_str(&format!(
            "{:<21} {:<15} {} {:<10} {:<20} {} — {}\n",
            format!("{}{}", m.id, if m.uncertain { "*" } else { "" }),
            m.kind.as_str(),
            m.effective,
            m.ended.map_or("-".to_string(), |d| d.to_string()),
            m.outcome.as_str(),
            m.legal_basis.join("; "),
            m.title
        ));
    }
    out
}
