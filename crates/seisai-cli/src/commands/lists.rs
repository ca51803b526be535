//! `seisai lists [DATASET] [--json]`: datasets, versions, counts, dates.

use std::process::ExitCode;

use seisai_store::VersionInfo;

use super::{open_store, print_json};
use crate::Cli;

/// Arguments of `lists`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show only this dataset.
    pub dataset: Option<String>,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `lists`.
pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let store = open_store(cli)?;
    let names: Vec<&str> = match &args.dataset {
        Some(d) => {
            if store.versions(d).is_empty() {
                anyhow::bail!("dataset {d:?} has no version in {} (--data-dir)", cli.data_dir.display());
            }
            vec![d.as_str()]
        }
        None => store.datasets(),
    };
    if args.json {
        let value: serde_json::Map<String, serde_json::Value> = names
            .iter()
            .map(|d| {
                let versions: Vec<&VersionInfo> = store.versions(d);
                let current = store.current(d).map(|v| v.id.clone());
                (d.to_string(), serde_json::json!({ "current": current, "versions": versions, "last_sync": store.record(d).and_then(|r| r.last_sync.clone()) }))
            })
            .collect();
        print_json(&value)?;
        return Ok(ExitCode::SUCCESS);
    }
    if names.is_empty() {
        println!("no datasets in {}; import one with `seisai import DATASET FILE`", cli.data_dir.display());
        return Ok(ExitCode::SUCCESS);
    }
    for d in names {
        let versions = store.versions(d);
        let title = seisai_sources::find_dataset(d).map(|x| x.title).unwrap_or("FtM feed");
        println!("{d}  ({title}; {} version(s))", versions.len());
        let current = store.current(d).map(|v| v.id.clone());
        for v in versions {
            let mark = if current.as_deref() == Some(v.id.as_str()) { "*" } else { " " };
            println!(
                "  {mark} {}  entities {:>6}  rejected {:>4}  published {}  imported {}",
                v.id,
                v.entities,
                v.rejected_count,
                v.published.map(|p| p.to_string()).unwrap_or_else(|| "-".repeat(10)),
                v.imported_at.format("%Y-%m-%d %H:%M:%S UTC"),
            );
        }
        if let Some(s) = store.record(d).and_then(|r| r.last_sync.as_ref()) {
            println!("    last sync {}: {}", s.at.format("%Y-%m-%d %H:%M:%S UTC"), s.outcome);
        }
    }
    Ok(ExitCode::SUCCESS)
}
