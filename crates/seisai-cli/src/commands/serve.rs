//! `seisai serve [--addr 127.0.0.1:8000] [--load DATASET=PATH ...]`: the
//! screening service (see the seisai-server crate).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, bail};
use seisai_store::SourcesConfig;

use crate::Cli;

/// Arguments of `serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8000")]
    pub addr: SocketAddr,
    /// Files to import when the data directory holds no list yet
    /// (`us_ofac_sdn=sdn.csv`); without any, the lists are synced from
    /// their publishers.
    #[arg(long, value_name = "DATASET=PATH")]
    pub load: Vec<String>,
    /// Let match/search/screen/reconcile answer without an API key.
    #[arg(long)]
    pub open_screening: bool,
    /// Sync the lists every this many minutes.
    #[arg(long, value_name = "MINUTES")]
    pub sync_interval: Option<u64>,
    /// Folder of the policy files applied by `/screen/trade`, `/screen/payment`,
    /// `/screen/security`, `/screen/oil` and listed by `/measures` (ignored when missing).
    #[arg(long, default_value = "policies")]
    pub policies: std::path::PathBuf,
    /// Time limit of one request, in milliseconds.
    #[arg(long, default_value_t = 10_000)]
    pub timeout_ms: u64,
    /// Largest request body, in bytes (uploads to /admin/import: 256 MB).
    #[arg(long, default_value_t = 1_048_576)]
    pub body_limit: usize,
}

/// Runs `serve` (until Ctrl-C).
pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let mut load = Vec::new();
    for item in &args.load {
        let Some((dataset, path)) = item.split_once('=') else {
            bail!("--load {item:?}: expected DATASET=PATH");
        };
        load.push((dataset.to_string(), PathBuf::from(path)));
    }
    let sources = match &cli.sources {
        Some(path) => SourcesConfig::load(path, true)?,
        None => SourcesConfig::load(&cli.data_dir.join("sources.toml"), false)?,
    };
    let settings = seisai_server::Settings {
        data_dir: cli.data_dir.clone(),
        open_screening: args.open_screening,
        request_timeout: Duration::from_millis(args.timeout_ms.max(1)),
        body_limit: args.body_limit,
        import_limit: 256 * 1024 * 1024,
        sources,
        sync_interval: args.sync_interval.map(|m| Duration::from_secs(m.max(1) * 60)),
        policies_dir: args.policies.is_dir().then(|| args.policies.clone()),
        database: cli.database.clone(),
        memory_scope: seisai_server::MemoryScope(crate::allocator::release_freed_memory_during),
    };
    seisai_server::run(seisai_server::ServeOptions { addr: args.addr, settings, load })
        .with_context(|| format!("seisai serve on {}", args.addr))?;
    Ok(ExitCode::SUCCESS)
}
