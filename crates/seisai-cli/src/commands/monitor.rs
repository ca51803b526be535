//! `seisai monitor` (delta screening: list entries added or changed since
//! the last run, against every customer) and `seisai rescreen` (every
//! customer against every entry), with progress and a summary.

use std::process::ExitCode;

use seisai_matching::NameContext;
use seisai_review::monitor::{MonitorOptions, MonitorReport, delta, rescreen};

use crate::Cli;
use crate::commands::alerts::{actor, open_review};
use crate::commands::open_store;

/// Arguments of `monitor` and `rescreen`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Match threshold.
    #[arg(long, default_value_t = seisai_matching::Config::DEFAULT_THRESHOLD)]
    pub threshold: f32,
    /// Customers per database batch.
    #[arg(long, default_value_t = 20_000)]
    pub batch: usize,
    /// Who acts (recorded in the audit trail).
    #[arg(long, env = "SEISAI_USER")]
    pub user: Option<String>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `monitor` (`full` false) or `rescreen` (`full` true).
pub fn run(cli: &Cli, args: &Args, full: bool) -> anyhow::Result<ExitCode> {
    let review = open_review(cli)?;
    let store = open_store(cli)?;
    let actor = actor(&args.user)?;
    let total = review.customer_count()?;
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} customers ({per_sec}, eta {eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(if full { "rescreen" } else { "monitor" });
    let progress = |n: u64| bar.set_position(n);
    let options = MonitorOptions { threshold: args.threshold, batch: args.batch };
    let ctx = NameContext::load_default();
    let report = if full {
        rescreen(&review, &store, ctx, &options, &actor, &progress)?
    } else {
        delta(&review, &store, ctx, &options, &actor, &progress)?
    };
    bar.finish_and_clear();
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_summary(&report);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_summary(r: &MonitorReport) {
    for d in &r.datasets {
        println!(
            "{}: {} → {}: {} added, {} changed, {} removed",
            d.dataset,
            d.from.as_deref().unwrap_or("(never monitored)"),
            d.to,
            d.added,
            d.changed,
            d.removed
        );
    }
    println!(
        "{} list entries × {} customers in {:.1} s: {} new alerts, {} hits suppressed, {} already under review; \
         removed entries: {} alerts noted, {} closed",
        r.entries_screened, r.customers, r.seconds, r.alerts, r.suppressed, r.already_alerted, r.removed.annotated, r.removed.closed
    );
}
