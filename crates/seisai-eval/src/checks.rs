//! `entity-checks.yml`: whole-entity checks (names plus birth dates,
//! countries and identifiers), each labelled match or no match.
//!
//! The file holds `checks: [{match, schema, label?, query: {prop: value},
//! candidate: {prop: value}}]`, where a value is a scalar or a list of
//! scalars, as in FollowTheMoney entities.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use seisai_matching::NameContext;
use seisai_matching::score::{Config, Prepared, score};
use seisai_model::{Entity, Schema, props};
use serde::{Deserialize, Serialize};

use crate::report::Confusion;

/// One labelled check.
#[derive(Clone, Debug, Deserialize)]
pub struct Check {
    /// Whether the query and the candidate are the same party.
    #[serde(rename = "match")]
    pub is_match: bool,
    /// FtM schema of both entities.
    pub schema: String,
    /// Kind of variation tested, when given.
    #[serde(default)]
    pub label: Option<String>,
    /// Properties of the query entity.
    pub query: BTreeMap<String, yaml_serde::Value>,
    /// Properties of the candidate entity.
    pub candidate: BTreeMap<String, yaml_serde::Value>,
}

#[derive(Deserialize)]
struct ChecksFile {
    checks: Vec<Check>,
}

/// Figures of one run over the checks.
#[derive(Clone, Debug, Serialize)]
pub struct ChecksReport {
    /// The threshold used.
    pub threshold: f32,
    /// Over all checks.
    pub overall: Confusion,
    /// The checks decided wrongly: (query name, candidate name, label, score).
    pub errors: Vec<(String, String, bool, f32)>,
}

impl ChecksReport {
    /// Share of the checks decided as labelled.
    pub fn accuracy(&self) -> f64 {
        let c = &self.overall;
        let total = c.total();
        if total == 0 { 0.0 } else { (c.tp + c.tn) as f64 / total as f64 }
    }
}

/// Reads the checks file.
pub fn read(path: &Path) -> anyhow::Result<Vec<Check>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let file: ChecksFile = yaml_serde::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    Ok(file.checks)
}

/// The values of a property as text: a scalar, or every scalar of a list.
fn values(value: &yaml_serde::Value) -> Vec<String> {
    use yaml_serde::Value;
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Number(n) => vec![n.to_string()],
        Value::Bool(b) => vec![b.to_string()],
        Value::Sequence(items) => items.iter().flat_map(values).collect(),
        _ => Vec::new(),
    }
}

/// Name parts, in the order they make a full name when `name` is absent.
const NAME_PARTS: [&str; 5] = [props::FIRST_NAME, props::SECOND_NAME, props::MIDDLE_NAME, props::FATHER_NAME, props::LAST_NAME];

/// Builds an entity from the properties of a check. Country properties are
/// stored as codes; a person given only by name parts gets the full name
/// they make.
pub fn entity(schema: &Schema, properties: &BTreeMap<String, yaml_serde::Value>) -> Entity {
    let mut e = Entity::new("check", "x", schema.clone());
    for (prop, value) in properties {
        for v in values(value) {
            if matches!(prop.as_str(), props::NATIONALITY | props::CITIZENSHIP | props::COUNTRY) {
                e.add_country(prop, &v);
            } else {
                e.add(prop, &v);
            }
        }
    }
    if !e.has(props::NAME) {
        let parts: Vec<String> = NAME_PARTS.iter().filter_map(|p| e.first(p)).map(str::to_string).collect();
        if !parts.is_empty() {
            e.add(props::NAME, parts.join(" "));
        }
    }
    e
}

/// Scores every check (query against candidate) and counts the decisions
/// at the default threshold.
pub fn evaluate(checks: &[Check], ctx: &NameContext) -> ChecksReport {
    let config = Config::default();
    let mut report = ChecksReport { threshold: config.threshold, overall: Confusion::default(), errors: Vec::new() };
    for check in checks {
        // Unknown schema names parse as `Schema::Other`.
        let schema: Schema = check.schema.parse().unwrap_or_else(|never| match never {});
        let (q, c) = (entity(&schema, &check.query), entity(&schema, &check.candidate));
        let result = score(&Prepared::from_entity(&q, ctx), &Prepared::from_entity(&c, ctx), &config);
        let s = result.map(|r| r.score).unwrap_or(0.0);
        let predicted = s >= config.threshold;
        report.overall.add(check.is_match, predicted);
        if predicted != check.is_match {
            report.errors.push((q.caption().to_string(), c.caption().to_string(), check.is_match, s));
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "checks:\n  - match: true\n    schema: Person\n    query:\n      firstName: Hans\n      lastName: Friedrich\n      birthDate: 1961\n    candidate:\n      name: [Hans Friedrich, H. Friedrich]\n      nationality: Germany\n";

    #[test]
    fn reads_scalars_lists_and_name_parts() {
        let file: ChecksFile = yaml_serde::from_str(SAMPLE).unwrap_or_else(|e| panic!("{e}"));
        let [check] = file.checks.as_slice() else { panic!("one check expected") };
        assert!(check.is_match);
        let q = entity(&Schema::Person, &check.query);
        assert_eq!(q.get(props::NAME), ["Hans Friedrich"]);
        assert_eq!(q.get(props::BIRTH_DATE), ["1961"]);
        let c = entity(&Schema::Person, &check.candidate);
        assert_eq!(c.get(props::NAME).len(), 2);
        assert_eq!(c.get(props::NATIONALITY), ["de"]);
    }

    #[test]
    fn same_person_passes_and_other_fails() {
        let ctx = NameContext::without_dictionaries();
        let yaml = "checks:\n  - {match: true, schema: Person, query: {name: Olaf Scholz}, candidate: {name: Olaf Scholz}}\n  - {match: false, schema: Person, query: {name: Angela Merkel}, candidate: {name: Olaf Scholz}}\n";
        let file: ChecksFile = yaml_serde::from_str(yaml).unwrap_or_else(|e| panic!("{e}"));
        let report = evaluate(&file.checks, &ctx);
        assert_eq!(report.accuracy(), 1.0);
    }
}
