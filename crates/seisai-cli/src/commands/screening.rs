//! Building the screening index from the store (current or as-of versions).

use std::sync::Arc;

use anyhow::Context;
use chrono::NaiveDate;
use seisai_index::Index;
use seisai_matching::NameContext;
use seisai_model::Entity;

use crate::Cli;

/// Loads the entities of every dataset of the store — the current version,
/// or the version in force on `as_of` — restricted to `datasets` when not
/// empty, and builds the index over them.
pub fn build_index(cli: &Cli, datasets: &[String], as_of: Option<NaiveDate>) -> anyhow::Result<(Index, Vec<String>)> {
    let store = super::open_store(cli)?;
    let mut entities: Vec<Arc<Entity>> = Vec::new();
    let mut versions = Vec::new();
    for dataset in store.datasets() {
        if !datasets.is_empty() && !datasets.iter().any(|d| d == dataset) {
            continue;
        }
        let version = match as_of {
            Some(day) => store.as_of(dataset, day),
            None => store.current(dataset),
        };
        let Some(version) = version else { continue };
        let loaded = store
            .entities(version)
            .with_context(|| format!("cannot read version {} of {dataset}", version.id))?;
        versions.push(format!("{dataset}@{}", version.id));
        entities.extend(loaded.into_iter().map(Arc::new));
    }
    if entities.is_empty() {
        anyhow::bail!(
            "no list loaded in {}: import lists first (seisai import DATASET FILE, or seisai sync)",
            cli.data_dir.display()
        );
    }
    Ok((Index::build(entities, NameContext::load_default()), versions))
}

/// Parses a `--as-of` date (YYYY-MM-DD).
pub fn parse_day(text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").with_context(|| format!("--as-of {text:?}: expected a date as YYYY-MM-DD"))
}
