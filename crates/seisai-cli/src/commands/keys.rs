//! `seisai keys add --role ROLE [--user NAME] [--note TEXT]`, `seisai keys list`: API
//! keys of the screening service, stored hashed in DATA_DIR/keys.json.

use std::process::ExitCode;

use anyhow::Context;
use seisai_server::auth::{KeyStore, Role, key_file};

use crate::Cli;

/// Arguments of `keys`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub action: Action,
}

/// The key actions.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Make a key; it is printed once and stored only as a hash.
    Add {
        /// Role: screen, analyst, approver or admin.
        #[arg(long)]
        role: String,
        /// Who the key is for.
        #[arg(long)]
        note: Option<String>,
        /// The person using the key (four-eyes compares user names); default the key id.
        #[arg(long)]
        user: Option<String>,
    },
    /// List the keys (ids and roles; never the keys).
    List,
}

/// Runs `keys`.
pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(&cli.data_dir)
        .with_context(|| format!("cannot create the data directory {}", cli.data_dir.display()))?;
    let path = key_file(&cli.data_dir);
    let mut keys = KeyStore::load(&path)?;
    match &args.action {
        Action::Add { role, note, user } => {
            let role = Role::parse(role)
                .with_context(|| format!("--role {role:?}: expected screen, analyst, approver or admin"))?;
            let (key, record) = keys.add_for_user(role, user.clone(), note.clone())?;
            keys.save(&path)?;
            eprintln!(
                "key {} for user {} with role {} added to {} (the key is shown only now)",
                record.id,
                record.user_name(),
                role.as_str(),
                path.display()
            );
            println!("{key}");
        }
        Action::List => {
            for k in &keys.keys {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    k.id,
                    k.user_name(),
                    k.role.as_str(),
                    k.created.format("%Y-%m-%d %H:%M"),
                    k.note.as_deref().unwrap_or("")
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
