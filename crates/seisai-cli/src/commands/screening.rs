//! The screening index of `match` and `check`, built from the store by
//! [`seisai_store::Store::build_index`] (current or as-of versions).

use anyhow::Context;
use chrono::NaiveDate;
use seisai_index::Index;
use seisai_matching::NameContext;
use seisai_store::Selection;

use crate::Cli;

/// Indexes the version of every dataset of the store in force on `as_of`
/// (the current one without a date), restricted to `datasets` when not
/// empty; returns the index and the versions as `dataset@version`. Fails
/// when nothing is left to screen against.
pub fn build_index(cli: &Cli, datasets: &[String], as_of: Option<NaiveDate>) -> anyhow::Result<(Index, Vec<String>)> {
    let store = super::open_store(cli)?;
    let built = crate::allocator::releasing_freed_memory(|| store.build_index(&Selection::as_of(as_of, datasets), NameContext::load_default()))
        .context("cannot index the lists (--dataset, --as-of)")?;
    if built.index.is_empty() {
        match as_of {
            Some(day) => anyhow::bail!("no list version in {} is in force on {day} (--as-of)", cli.data_dir.display()),
            None => anyhow::bail!(
                "no list loaded in {}: import lists first (seisai import DATASET FILE, or seisai sync)",
                cli.data_dir.display()
            ),
        }
    }
    let versions = built.versions.iter().map(|(d, v)| format!("{d}@{}", v.id)).collect();
    Ok((built.index, versions))
}

/// Parses a `--as-of` date (YYYY-MM-DD).
pub fn parse_day(text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").with_context(|| format!("--as-of {text:?}: expected a date as YYYY-MM-DD"))
}
