//! `seisai check FILE... [--as-of DATE] [--format json|table]`: applies the
//! measures (policy files) to documents — parties, trades, payment messages
//! (pacs.008, pain.001, MT103, MT202COV), securities orders, oil cargoes.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;

use crate::Cli;

/// Output formats of `check` and `measures`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum OutputFormat {
    /// JSON.
    Json,
    /// A plain-text table.
    Table,
}

impl From<OutputFormat> for seisai_measures::commands::Format {
    fn from(f: OutputFormat) -> Self {
        match f {
            OutputFormat::Json => seisai_measures::commands::Format::Json,
            OutputFormat::Table => seisai_measures::commands::Format::Table,
        }
    }
}

/// Arguments of `seisai check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Documents to check (type detected from content).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Evaluate with the measures and list versions in force on this date (YYYY-MM-DD).
    #[arg(long)]
    pub as_of: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutputFormat,
    /// Folder of policy files (default: ./policies).
    #[arg(long, default_value = "policies")]
    pub policies: PathBuf,
}

/// Loads the policy files of `dir`.
pub fn load_policies(dir: &std::path::Path) -> anyhow::Result<Vec<seisai_measures::Policy>> {
    seisai_measures::Policy::load_dir(dir).with_context(|| format!("cannot load the policy files of {} (--policies)", dir.display()))
}

/// Runs the command.
pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let as_of = args.as_of.as_deref().map(super::screening::parse_day).transpose()?;
    let policies = load_policies(&args.policies)?;
    let (index, _) = super::screening::build_index(cli, &[], as_of)?;
    let engine = seisai_measures::Engine::new(policies, Arc::new(seisai_server::screener::IndexScreener::new(Arc::new(index))));
    let files: Vec<&std::path::Path> = args.files.iter().map(PathBuf::as_path).collect();
    let out = seisai_measures::commands::check_files(&engine, &files, as_of, args.format.into());
    println!("{}", out.text);
    for e in &out.errors {
        eprintln!("error: {e}");
    }
    Ok(if out.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
