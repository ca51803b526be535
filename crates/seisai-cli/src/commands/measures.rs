//! `seisai measures [--as-of DATE]`: the measures of the policy files with
//! their dates and legal basis.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use crate::Cli;

/// Arguments of `seisai measures`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only the measures in force on this date (YYYY-MM-DD).
    #[arg(long)]
    pub as_of: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: super::check::OutputFormat,
    /// Folder of policy files (default: ./policies).
    #[arg(long, default_value = "policies")]
    pub policies: PathBuf,
}

/// Runs the command.
pub fn run(_cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let as_of = args.as_of.as_deref().map(super::screening::parse_day).transpose()?;
    let policies = super::check::load_policies(&args.policies)?;
    let engine = seisai_measures::Engine::new(policies, Arc::new(seisai_measures::screening::NoLists));
    println!("{}", seisai_measures::commands::list_measures(&engine, as_of, args.format.into()));
    Ok(ExitCode::SUCCESS)
}
