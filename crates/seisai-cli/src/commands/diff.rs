//! `seisai diff DATASET [FROM TO] [--json]`: added, removed and changed entities.

use std::process::ExitCode;

use anyhow::Context;

use super::{open_store, print_json};
use crate::Cli;

/// Arguments of `diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The dataset.
    pub dataset: String,
    /// Older version id (or a date: the version in force then); default: the second-last version.
    #[arg(requires = "to")]
    pub from: Option<String>,
    /// Newer version id (or a date); default: the last version.
    pub to: Option<String>,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `diff`.
pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let store = open_store(cli)?;
    let d = &args.dataset;
    let (from, to) = match (&args.from, &args.to) {
        (Some(f), Some(t)) => (f.clone(), t.clone()),
        _ => {
            let versions = store.versions(d);
            match versions.as_slice() {
                [.., a, b] => (a.id.clone(), b.id.clone()),
                _ => anyhow::bail!("{d} has {} version(s); a diff needs two (give FROM and TO, or import another)", versions.len()),
            }
        }
    };
    let diff = store.diff(d, &from, &to).with_context(|| format!("cannot compare {d} {from} → {to}"))?;
    if args.json {
        print_json(&diff)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("{d}: {} → {}", diff.from, diff.to);
    println!("added: {}  removed: {}  changed: {}", diff.added.len(), diff.removed.len(), diff.changed.len());
    for e in &diff.added {
        println!("+ {}  {}  {}", e.id, e.schema, e.caption);
    }
    for e in &diff.removed {
        println!("- {}  {}  {}", e.id, e.schema, e.caption);
    }
    for c in &diff.changed {
        println!("~ {}  {}  {}", c.entity.id, c.entity.schema, c.entity.caption);
        for p in &c.changes {
            println!("    {}: {:?} → {:?}", p.prop, p.old, p.new);
        }
    }
    Ok(ExitCode::SUCCESS)
}
