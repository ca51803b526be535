//! `seisai alerts list|show|decide|approve|reject`: the review queue from
//! the command line, on the review database (`--database`). Four-eyes is
//! enforced by the store: the user who decided cannot approve.

use std::process::ExitCode;

use anyhow::Context;
use seisai_review::{Actor, AlertFilter, Review};

use crate::Cli;

/// Opens the review database of `--database` (default DATA_DIR/seisai.db).
pub fn open_review(cli: &Cli) -> anyhow::Result<Review> {
    Review::open(cli.database.as_deref(), &cli.data_dir).context("cannot open the review database (--database)")
}

/// The acting user: `--user`, else `$SEISAI_USER`, else `$USER`.
pub fn actor(user: &Option<String>) -> anyhow::Result<Actor> {
    let name = user.clone().or_else(|| std::env::var("USER").ok()).filter(|u| !u.trim().is_empty());
    let name = name.context("--user is needed (or SEISAI_USER / USER): the audit trail records who acted")?;
    Ok(Actor::new(name, Some(format!("cli-{}", std::process::id()))))
}

/// Records a list update made from the command line in the audit trail
/// (user `$SEISAI_USER`, else `$USER`, else `cli`).
pub fn audit_list_update(cli: &Cli, what: &str, detail: &impl serde::Serialize) -> anyhow::Result<()> {
    let user = std::env::var("SEISAI_USER").or_else(|_| std::env::var("USER")).unwrap_or_else(|_| "cli".into());
    let actor = Actor::new(user, Some(format!("cli-{}", std::process::id())));
    let detail = serde_json::to_value(detail)?;
    open_review(cli)?.audit(&actor, "list.update", what, &detail).context("the list was updated but its audit record could not be written")?;
    Ok(())
}

/// Arguments of `alerts`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub action: Action,
    /// Who acts (recorded in the audit trail).
    #[arg(long, global = true, env = "SEISAI_USER")]
    pub user: Option<String>,
}

/// The alert actions.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// List alerts, newest first.
    List {
        /// Status (open, in_review, escalated, pending_approval, closed_*, or closed / active).
        #[arg(long)]
        status: Option<String>,
        /// Kind (party, trade, payment, security, oil, document, monitoring).
        #[arg(long)]
        kind: Option<String>,
        /// Text in the subject or the hits.
        #[arg(long)]
        q: Option<String>,
        /// Most shown.
        #[arg(long, default_value_t = 50)]
        limit: u64,
    },
    /// Show one alert as JSON (snapshot, notes, events).
    Show {
        /// Alert id.
        id: String,
    },
    /// Propose a disposition (true_match, false_positive, not_relevant) with a reason.
    Decide {
        /// Alert id.
        id: String,
        /// true_match, false_positive or not_relevant.
        #[arg(long)]
        disposition: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Approve the pending proposal (another user than the one who decided).
    Approve {
        /// Alert id.
        id: String,
        /// Comment.
        #[arg(long, default_value = "")]
        comment: String,
    },
    /// Reject the pending proposal (back to review).
    Reject {
        /// Alert id.
        id: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
}

/// Runs `alerts`.
pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let review = open_review(cli)?;
    match &args.action {
        Action::List { status, kind, q, limit } => {
            let f = AlertFilter { status: status.clone(), kind: kind.clone(), q: q.clone(), limit: *limit, ..Default::default() };
            let (total, alerts) = review.alerts(&f)?;
            for a in &alerts {
                println!(
                    "{}\t{}\t{}\t{}\t{:.2}\t{}\t{}",
                    a.id,
                    a.created_at.get(..19).unwrap_or(&a.created_at),
                    a.kind,
                    a.status,
                    a.top_score,
                    a.assignee.as_deref().unwrap_or("-"),
                    a.subject
                );
            }
            eprintln!("{} of {total} alerts", alerts.len());
        }
        Action::Show { id } => println!("{}", serde_json::to_string_pretty(&review.alert(id)?)?),
        Action::Decide { id, disposition, reason } => {
            review.propose(&actor(&args.user)?, id, disposition, reason)?;
            eprintln!("alert {id}: {disposition} proposed; another user must approve it");
        }
        Action::Approve { id, comment } => {
            let a = review.approve(&actor(&args.user)?, id, comment, None)?;
            eprintln!("alert {id}: {} ({} suppressions)", a.status, a.suppressions.len());
        }
        Action::Reject { id, reason } => {
            review.reject(&actor(&args.user)?, id, reason)?;
            eprintln!("alert {id}: proposal rejected, back in review");
        }
    }
    Ok(ExitCode::SUCCESS)
}
