//! Query sets: persons with names, birth dates and nationalities
//! (`positives-*.csv`, `negatives-*.csv`) and the Putin spellings.

use std::path::Path;

use anyhow::Context;
use seisai_index::{Index, SearchOptions};
use seisai_model::{Entity, FuzzyDate, Schema, props};
use serde::{Deserialize, Serialize};

/// One row of a person query set.
#[derive(Clone, Debug, Deserialize)]
pub struct PersonRow {
    /// Full name as written.
    pub full_name: String,
    /// Gender, if given.
    #[serde(default)]
    pub gender: String,
    /// Birth date (year or day).
    #[serde(default)]
    pub date_of_birth: String,
    /// Nationality (name or ISO code).
    #[serde(default)]
    pub nationality: String,
}

impl PersonRow {
    /// The row as a query entity.
    pub fn to_query(&self) -> Entity {
        let mut e = Entity::new("query", "q", Schema::Person);
        e.add(props::NAME, &self.full_name);
        if let Some(d) = FuzzyDate::parse_loose(&self.date_of_birth) {
            e.add_date(props::BIRTH_DATE, d);
        }
        if !self.nationality.trim().is_empty() {
            e.add_country(props::NATIONALITY, &self.nationality);
        }
        if matches!(self.gender.as_str(), "male" | "female") {
            e.add(props::GENDER, &self.gender);
        }
        e
    }
}

/// Reads a person query set.
pub fn read_persons(path: &Path) -> anyhow::Result<Vec<PersonRow>> {
    let mut reader = csv::Reader::from_path(path).with_context(|| format!("opening {}", path.display()))?;
    reader
        .deserialize()
        .enumerate()
        .map(|(i, r)| r.with_context(|| format!("{}: row {}", path.display(), i + 2)))
        .collect()
}

/// Figures of a query set run against an index.
#[derive(Clone, Debug, Serialize)]
pub struct QueryReport {
    /// Queries run.
    pub queries: usize,
    /// Queries whose results hold a match (score ≥ threshold) satisfying the set's criterion.
    pub matched: usize,
    /// Queries with the expected entity anywhere in the top results (any score).
    pub in_top: usize,
    /// Share of `matched` in `queries`.
    pub rate: f64,
    /// Examples of queries that failed the criterion (up to 40, or
    /// `SEISAI_EVAL_MAX_FAILURES`), with their top result.
    pub failures: Vec<String>,
}

/// How many failures a report keeps: `SEISAI_EVAL_MAX_FAILURES`, else 40.
pub(crate) fn max_failures() -> usize {
    std::env::var("SEISAI_EVAL_MAX_FAILURES").ok().and_then(|v| v.parse().ok()).unwrap_or(40)
}

/// Runs `rows` and counts the queries for which `ok(hits)` holds.
pub fn run<F, G>(index: &Index, queries: &[Entity], opts: &SearchOptions, ok_match: F, ok_top: G) -> QueryReport
where
    F: Fn(&[seisai_index::Hit]) -> bool + Sync,
    G: Fn(&[seisai_index::Hit]) -> bool + Sync,
{
    use rayon::prelude::*;
    let outcomes: Vec<(bool, bool, String)> = queries
        .par_iter()
        .map(|q| {
            let hits = index.search(&index.prepare(q), opts);
            let top = hits
                .first()
                .map(|h| {
                    let e = &h.result.explanation;
                    let features: Vec<String> = e.features.iter().map(|(k, f)| format!("{k} {:+.2}", f.score)).collect();
                    format!(
                        " -> {} [{}] {:.3} (name {:.3}; {})",
                        e.candidate_name,
                        h.entity.id,
                        h.result.score,
                        e.name.score,
                        features.join(", ")
                    )
                })
                .unwrap_or_default();
            (ok_match(&hits), ok_top(&hits), top)
        })
        .collect();
    let matched = outcomes.iter().filter(|o| o.0).count();
    let in_top = outcomes.iter().filter(|o| o.1).count();
    let failures = queries
        .iter()
        .zip(&outcomes)
        .filter(|(_, o)| !o.0)
        .take(max_failures())
        .map(|(q, o)| format!("{}{}", q.caption(), o.2))
        .collect();
    QueryReport {
        queries: queries.len(),
        matched,
        in_top,
        rate: if queries.is_empty() { 0.0 } else { matched as f64 / queries.len() as f64 },
        failures,
    }
}
