//! `name-pairs-826.csv`: hard name pairs labelled match / no match.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use seisai_matching::score::{Config, Prepared, score};
use seisai_matching::NameContext;
use seisai_model::{Entity, Schema, props};
use serde::{Deserialize, Serialize};

use crate::report::Confusion;

/// One labelled pair.
#[derive(Clone, Debug, Deserialize)]
pub struct Pair {
    /// Source group of the case.
    pub case_group: String,
    /// FtM schema of both names.
    pub schema: String,
    /// First name (the query).
    pub name1: String,
    /// Second name (the candidate).
    pub name2: String,
    /// Whether the two names are the same party.
    pub is_match: bool,
    /// Category of the case.
    #[serde(default)]
    pub category: String,
}

/// Figures of one run over the pairs.
#[derive(Clone, Debug, Serialize)]
pub struct PairsReport {
    /// The threshold used.
    pub threshold: f32,
    /// Over all pairs.
    pub overall: Confusion,
    /// Per schema.
    pub by_schema: BTreeMap<String, Confusion>,
    /// Per category (empty category as `-`).
    pub by_category: BTreeMap<String, Confusion>,
    /// The pairs decided wrongly: (name1, name2, label, score).
    pub errors: Vec<(String, String, bool, f32)>,
}

/// Reads the pairs file.
pub fn read(path: &Path) -> anyhow::Result<Vec<Pair>> {
    let mut reader = csv::Reader::from_path(path).with_context(|| format!("opening {}", path.display()))?;
    let mut out = Vec::new();
    for (i, row) in reader.deserialize().enumerate() {
        let pair: Pair = row.with_context(|| format!("{}: row {}", path.display(), i + 2))?;
        out.push(pair);
    }
    Ok(out)
}

fn entity(name: &str, schema: &Schema) -> Entity {
    let mut e = Entity::new("eval", "x", schema.clone());
    e.add(props::NAME, name);
    e
}

/// Scores every pair (name1 as query, name2 as candidate).
pub fn scores(pairs: &[Pair], ctx: &NameContext) -> Vec<f32> {
    use rayon::prelude::*;
    let config = Config::default();
    pairs
        .par_iter()
        .map(|p| {
            let schema: Schema = p.schema.parse().unwrap_or(Schema::LegalEntity);
            let q = Prepared::from_entity(&entity(&p.name1, &schema), ctx);
            let c = Prepared::from_entity(&entity(&p.name2, &schema), ctx);
            score(&q, &c, &config).map(|r| r.score).unwrap_or(0.0)
        })
        .collect()
}

/// The figures at `threshold` for precomputed scores.
pub fn evaluate(pairs: &[Pair], scores: &[f32], threshold: f32) -> PairsReport {
    let mut report = PairsReport {
        threshold,
        overall: Confusion::default(),
        by_schema: BTreeMap::new(),
        by_category: BTreeMap::new(),
        errors: Vec::new(),
    };
    for (p, s) in pairs.iter().zip(scores) {
        let predicted = *s >= threshold;
        report.overall.add(p.is_match, predicted);
        report.by_schema.entry(p.schema.clone()).or_default().add(p.is_match, predicted);
        let cat = if p.category.is_empty() { "-".to_string() } else { p.category.clone() };
        report.by_category.entry(cat).or_default().add(p.is_match, predicted);
        if predicted != p.is_match {
            report.errors.push((p.name1.clone(), p.name2.clone(), p.is_match, *s));
        }
    }
    report
}
