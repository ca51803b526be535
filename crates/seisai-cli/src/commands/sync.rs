//! `seisai sync [DATASET...] [--json]`: download and import new versions.

use std::process::ExitCode;

use seisai_store::{ImportOutcome, SourcesConfig, SyncOutcome};

use super::{open_store, print_json};
use crate::Cli;

/// Arguments of `sync`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Datasets to sync; default: all built-in and configured ones.
    pub datasets: Vec<String>,
    /// Print the reports as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `sync`; exits non-zero when any dataset failed.
pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let config = match &cli.sources {
        Some(path) => SourcesConfig::load(path, true)?,
        None => SourcesConfig::load(&cli.data_dir.join("sources.toml"), false)?,
    };
    let mut store = open_store(cli)?;
    let reports = store.sync(&args.datasets, &config);
    let failed = reports.iter().any(|r| matches!(r.outcome, SyncOutcome::Failed { .. }));
    crate::commands::alerts::audit_list_update(cli, "sync", &serde_json::json!({"report": reports}))?;
    if args.json {
        print_json(&reports)?;
    } else {
        for r in &reports {
            let current = r.current.as_deref().unwrap_or("none");
            let what = match &r.outcome {
                SyncOutcome::Imported { report, bytes } => match report.outcome {
                    ImportOutcome::Created => format!(
                        "new version {} ({} entities, {} rejected, {bytes} bytes)",
                        report.version.id, report.version.entities, report.version.rejected_count
                    ),
                    ImportOutcome::Unchanged => "unchanged (same content)".to_string(),
                },
                SyncOutcome::NotModified => "unchanged (not modified)".to_string(),
                SyncOutcome::NoUrl => "no download URL: import by hand (seisai import)".to_string(),
                SyncOutcome::Failed { error } => format!("FAILED: {error}"),
            };
            println!("{}: {what}; current {current} [{} ms]", r.dataset, r.ms);
        }
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
