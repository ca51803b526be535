//! `seisai audit verify|export`: check the hash chain of the audit trail,
//! or write its records of a date range as CSV or JSON.

use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use seisai_review::{AuditFilter, ExportFormat};

use crate::Cli;
use crate::commands::alerts::open_review;

/// Arguments of `audit`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub action: Action,
}

/// The audit actions.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Check the whole chain; exit 1 and name the first broken record if any.
    Verify,
    /// Write the records of a date range.
    Export {
        /// From this day (YYYY-MM-DD), inclusive.
        #[arg(long)]
        from: Option<NaiveDate>,
        /// To this day (YYYY-MM-DD), inclusive.
        #[arg(long)]
        to: Option<NaiveDate>,
        /// csv or json.
        #[arg(long, default_value = "csv")]
        format: String,
        /// Output file (default: standard output).
        #[arg(long, short)]
        output: Option<std::path::PathBuf>,
    },
}

/// Runs `audit`.
pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let review = open_review(cli)?;
    match &args.action {
        Action::Verify => {
            let r = review.verify()?;
            match &r.first_broken {
                None => println!("ok: {} records verified", r.records),
                Some(b) => {
                    println!("BROKEN at record {}: {} ({} records before it verified)", b.seq, b.reason, r.records);
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
        Action::Export { from, to, format, output } => {
            let format: ExportFormat = format.parse().context("--format")?;
            let data = review.export(&AuditFilter { from: *from, to: *to, ..Default::default() }, format)?;
            match output {
                Some(path) => std::fs::write(path, &data).with_context(|| format!("cannot write {}", path.display()))?,
                None => {
                    use std::io::Write;
                    std::io::stdout().write_all(&data)?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
