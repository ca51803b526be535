//! `seisai eval`: matching quality on the labelled sets of `../shared/eval`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use seisai_matching::NameContext;

use crate::Cli;

/// Arguments of `seisai eval`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder of the labelled sets (default: SEISAI_EVAL_DATA or ../shared/eval).
    #[arg(long)]
    pub eval_dir: Option<PathBuf>,
    /// Folder of the list snapshots (default: SEISAI_TEST_DATA or ../shared/data).
    #[arg(long)]
    pub lists_dir: Option<PathBuf>,
    /// Only the sets that need no lists (name pairs and entity checks).
    #[arg(long)]
    pub pairs_only: bool,
    /// Read at most this many rows of each negatives file (default: all 50,000).
    #[arg(long)]
    pub negatives: Option<usize>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs the command.
pub fn run(_cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let eval_dir = args
        .eval_dir
        .clone()
        .or_else(|| seisai_model::testdata::eval_dir("seisai eval"))
        .context("no evaluation sets: pass --eval-dir or set SEISAI_EVAL_DATA")?;
    let ctx = NameContext::load_default();
    let report = if args.pairs_only {
        seisai_eval::run::run_offline(&eval_dir, &ctx)?
    } else {
        let lists_dir = args
            .lists_dir
            .clone()
            .or_else(|| seisai_model::testdata::dir("seisai eval"))
            .context("no list snapshots: pass --lists-dir or set SEISAI_TEST_DATA")?;
        seisai_eval::run::run(&lists_dir, &eval_dir, &ctx, args.negatives)?
    };
    if args.json {
        super::print_json(&report)?;
    } else {
        seisai_eval::run::print(&report);
    }
    Ok(ExitCode::SUCCESS)
}
