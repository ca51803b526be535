//! The commands of `seisai`, one module each, with the helpers they share.

pub mod alerts;
pub mod audit;
pub mod check;
pub mod customers;
pub mod diff;
pub mod eval;
pub mod export;
pub mod history;
pub mod import;
pub mod keys;
pub mod lists;
pub mod match_batch;
pub mod measures;
pub mod monitor;
pub mod screening;
pub mod serve;
pub mod sync;

use std::io::IsTerminal;

use anyhow::Context;

use crate::Cli;

/// Opens the store of `--data-dir`.
pub fn open_store(cli: &Cli) -> anyhow::Result<seisai_store::Store> {
    seisai_store::Store::open(&cli.data_dir)
        .with_context(|| format!("cannot open the data directory {} (--data-dir)", cli.data_dir.display()))
}

/// A spinner on stderr while `what` runs, when stderr is a terminal; none when piped.
pub fn spinner(what: String) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_message(what);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(bar)
}

/// Writes `value` as pretty JSON to stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(value).context("cannot encode the output as JSON")?;
    println!("{text}");
    Ok(())
}

/// A count map as `Person 5,012, Company 1,230` (largest first).
pub fn counts_line(counts: &std::collections::BTreeMap<String, usize>) -> String {
    let mut v: Vec<(&String, &usize)> = counts.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    if v.is_empty() {
        return "none".into();
    }
    v.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ")
}
