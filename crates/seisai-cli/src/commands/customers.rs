//! `seisai customers import FILE --format csv|xlsx|jsonl --map id=COL,…`:
//! the customer registry screened by `seisai monitor` (upsert by id).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use seisai_matching::NameContext;
use seisai_model::Schema;
use seisai_review::KeyMaker;
use seisai_review::import::{CustomerFormat, parse_mapping, read_customers};

use crate::Cli;
use crate::commands::alerts::{actor, open_review};

/// Arguments of `customers`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub action: Action,
    /// Who acts (recorded in the audit trail).
    #[arg(long, global = true, env = "SEISAI_USER")]
    pub user: Option<String>,
}

/// The customer actions.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Import (upsert by id) customers from a file.
    Import {
        /// The file.
        file: PathBuf,
        /// csv, xlsx or jsonl (default: from the file extension).
        #[arg(long)]
        format: Option<String>,
        /// Field=column pairs: id=COL,name=COL,birth_date=COL,country=COL,schema=COL,alias=COL,…
        /// (default: columns named like the fields).
        #[arg(long, default_value = "")]
        map: String,
        /// Schema of rows without a schema column (Person, Company, Organization, LegalEntity).
        #[arg(long, default_value = "Person")]
        schema: String,
    },
    /// How many customers are registered.
    Count,
}

/// Runs `customers`.
pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let review = open_review(cli)?;
    match &args.action {
        Action::Import { file, format, map, schema } => {
            let format = match format {
                Some(f) => f.clone(),
                None => file.extension().and_then(|e| e.to_str()).unwrap_or_default().to_lowercase(),
            };
            let format: CustomerFormat = format.parse().context("--format")?;
            let schema: Schema = schema.parse().map_err(|_| anyhow::anyhow!("--schema {schema:?}: expected Person, Company, Organization or LegalEntity"))?;
            let mapping = parse_mapping(map)?;
            let data = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
            let customers = read_customers(&data, format, &mapping, schema, &file.display().to_string())?;
            // The customers' lookup keys are cached as they are imported,
            // made as `seisai monitor` makes them (same name context).
            let keys = KeyMaker::new(NameContext::load_default());
            let report = review.upsert_customers(&actor(&args.user)?, &customers, &file.display().to_string(), Some(&keys))?;
            println!("{}: {} added, {} changed, {} unchanged", file.display(), report.added, report.changed, report.unchanged);
        }
        Action::Count => println!("{}", review.customer_count()?),
    }
    Ok(ExitCode::SUCCESS)
}
