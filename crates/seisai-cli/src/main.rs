//! `seisai`: the command line of the sanctions-compliance engine.
//!
//! One module per command under [`commands`]; adding a command is a new
//! file there plus one variant of [`Command`].

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod allocator;
mod commands;

/// seisai: sanctions lists, versions and screening.
#[derive(Debug, Parser)]
#[command(name = "seisai", version, about)]
pub struct Cli {
    /// Data directory holding the list versions.
    #[arg(long, global = true, env = seisai_store::DATA_DIR_ENV, default_value = seisai_store::DEFAULT_DATA_DIR)]
    pub data_dir: PathBuf,
    /// Review database (alerts, suppressions, customers, audit trail):
    /// `postgres://user:pass@host/db`, or an SQLite file; default DATA_DIR/seisai.db.
    #[arg(long, global = true, env = "SEISAI_DATABASE")]
    pub database: Option<String>,
    /// Sources configuration (TOML) overriding download URLs; default
    /// DATA_DIR/sources.toml when it exists.
    #[arg(long, global = true)]
    pub sources: Option<PathBuf>,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import list files (or URLs) as a new version of a dataset.
    Import(commands::import::Args),
    /// List the datasets and their versions.
    Lists(commands::lists::Args),
    /// Show what changed between two versions of a dataset.
    Diff(commands::diff::Args),
    /// Write the entities of a version as FtM JSON lines.
    Export(commands::export::Args),
    /// Download datasets from their publishers and import new versions.
    Sync(commands::sync::Args),
    /// Show when an entity was added, changed and removed across versions.
    History(commands::history::Args),
    /// Screen query entities (JSON lines or CSV) against the lists.
    Match(commands::match_batch::Args),
    /// Apply the sanctions measures to documents (trades, payments, securities orders…).
    Check(commands::check::Args),
    /// List the sanctions measures with their dates and legal basis.
    Measures(commands::measures::Args),
    /// Measure matching quality on the labelled evaluation sets.
    Eval(commands::eval::Args),
    /// Run the screening service (yente-compatible HTTP API).
    Serve(commands::serve::Args),
    /// Manage the API keys of the screening service.
    Keys(commands::keys::Args),
    /// Review alerts: list, show, decide (propose), approve, reject.
    Alerts(commands::alerts::Args),
    /// Check or export the hash-chained audit trail.
    Audit(commands::audit::Args),
    /// The customer registry screened by monitoring.
    Customers(commands::customers::Args),
    /// Delta screening: list entries added or changed since the last run, against every customer.
    Monitor(commands::monitor::Args),
    /// Full re-screen of every customer against every list entry.
    Rescreen(commands::monitor::Args),
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Import(args) => commands::import::run(&cli, args),
        Command::Lists(args) => commands::lists::run(&cli, args),
        Command::Diff(args) => commands::diff::run(&cli, args),
        Command::Export(args) => commands::export::run(&cli, args),
        Command::Sync(args) => commands::sync::run(&cli, args),
        Command::Match(args) => commands::match_batch::run(&cli, args),
        Command::Eval(args) => commands::eval::run(&cli, args),
        Command::Check(args) => commands::check::run(&cli, args),
        Command::Measures(args) => commands::measures::run(&cli, args),
        Command::Serve(args) => commands::serve::run(&cli, args),
        Command::Keys(args) => commands::keys::run(&cli, args),
        Command::Alerts(args) => commands::alerts::run(&cli, args),
        Command::Audit(args) => commands::audit::run(&cli, args),
        Command::Customers(args) => commands::customers::run(&cli, args),
        Command::Monitor(args) => commands::monitor::run(&cli, args, false),
        Command::Rescreen(args) => commands::monitor::run(&cli, args, true),
        Command::History(args) => commands::history::run(&cli, args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
