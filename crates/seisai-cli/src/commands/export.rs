//! `seisai export DATASET [--as-of DATE | --version ID] [--format ftm] [--output FILE]`

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;

use super::open_store;
use crate::Cli;

/// Export formats.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ExportFormat {
    /// FollowTheMoney JSON lines.
    Ftm,
}

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The dataset.
    pub dataset: String,
    /// Export the version in force on this date (YYYY-MM-DD); default: the current one.
    #[arg(long, conflicts_with = "version")]
    pub as_of: Option<NaiveDate>,
    /// Export this version id.
    #[arg(long)]
    pub version: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "ftm")]
    pub format: ExportFormat,
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

/// Runs `export`.
pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let store = open_store(cli)?;
    let d = &args.dataset;
    let version = match (&args.version, args.as_of) {
        (Some(id), _) => store.resolve(d, id)?,
        (None, Some(date)) => store.as_of(d, date).with_context(|| format!("{d} has no version in force on {date} (--as-of)"))?,
        (None, None) => store.current(d).with_context(|| format!("{d} has no version in {} (--data-dir)", cli.data_dir.display()))?,
    };
    let entities = store.entities(version)?;
    let ExportFormat::Ftm = args.format;
    let sink: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::fs::File::create(path).with_context(|| format!("cannot create --output {}", path.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    let target = args.output.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "stdout".into());
    for e in &entities {
        seisai_model::ftm::write_line(&mut out, e).with_context(|| format!("cannot write to {target}"))?;
    }
    out.flush().with_context(|| format!("cannot write to {target}"))?;
    tracing::info!(dataset = %d, version = %version.id, entities = entities.len(), "exported");
    Ok(ExitCode::SUCCESS)
}
