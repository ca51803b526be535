//! `seisai history ENTITY_ID [--json]`: when an entity was added, changed, removed.

use std::process::ExitCode;

use anyhow::Context;
use seisai_store::HistoryKind;

use super::{open_store, print_json};
use crate::Cli;

/// Arguments of `history`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Entity id (`us_ofac_sdn-36`, `un_sc-QDi.001`, …).
    pub id: String,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `history`.
pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let store = open_store(cli)?;
    let events = store.entity_history(&args.id).with_context(|| format!("cannot read the history of {}", args.id))?;
    if args.json {
        print_json(&events)?;
        return Ok(ExitCode::SUCCESS);
    }
    if events.is_empty() {
        anyhow::bail!("entity {} is in no version of any dataset in {}", args.id, cli.data_dir.display());
    }
    for e in &events {
        match &e.kind {
            HistoryKind::Added => println!("{}  {}  {}  added", e.date, e.dataset, e.version),
            HistoryKind::Removed => println!("{}  {}  {}  removed", e.date, e.dataset, e.version),
            HistoryKind::Changed { changes } => {
                println!("{}  {}  {}  changed", e.date, e.dataset, e.version);
                for p in changes {
                    println!("    {}: {:?} → {:?}", p.prop, p.old, p.new);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
