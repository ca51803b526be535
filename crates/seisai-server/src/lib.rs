//! seisai-server: the screening service behind `seisai serve`.
//!
//! A yente-compatible matching API (`/match`, `/search`, `/entities`,
//! `/catalog`, `/algorithms`, `/reconcile`), seisai's own endpoints
//! (`/screen/party`, `/lists`, `/admin/import`, `/admin/sync`), health,
//! metrics and a generated OpenAPI document. The index in service is a
//! [`state::Snapshot`] swapped atomically on every list update: in-flight
//! requests finish on the snapshot they started with, and a failed update
//! leaves the old one serving.

pub mod api;
pub mod auth;
pub mod error;
pub mod memory;
pub mod metrics;
pub mod middleware;
pub mod pool;
pub mod screener;
pub mod state;
pub mod ui;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use arc_swap::ArcSwapOption;
use chrono::Utc;
use seisai_matching::NameContext;
use seisai_sources::Input;
use seisai_store::{ImportOptions, Store};

pub use api::router;
pub use error::ApiError;
pub use memory::MemoryScope;
pub use state::{AppState, Settings, Shared, Snapshot, UpdateStatus};

/// Why the service cannot start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The data directory cannot be opened.
    #[error("cannot open the data directory: {0}")]
    Store(#[from] seisai_store::StoreError),
    /// The key file cannot be read.
    #[error("cannot read the API keys: {0}")]
    Keys(#[from] auth::KeyError),
    /// The address cannot be bound, or the runtime cannot start.
    #[error("{what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The policy files (measures) cannot be loaded.
    #[error("cannot load the policy files: {0}")]
    Policies(String),
    /// The review database cannot be opened or migrated.
    #[error("cannot open the review database: {0}")]
    Review(#[from] seisai_review::ReviewError),
}

/// How to start the service.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// Address to listen on.
    pub addr: SocketAddr,
    /// Settings of the service.
    pub settings: Settings,
    /// Files to import (dataset, path) when the store holds no dataset.
    pub load: Vec<(String, PathBuf)>,
}

/// Opens the store and the keys of `settings.data_dir`; nothing is served
/// until [`load_initial`] has built the first snapshot.
pub fn new_state(settings: Settings, ctx: NameContext) -> Result<Shared, ServeError> {
    let store = Store::open(&settings.data_dir)?;
    let keys = auth::KeyStore::load(&auth::key_file(&settings.data_dir))?;
    let policies = match &settings.policies_dir {
        Some(dir) => seisai_measures::Policy::load_dir(dir)
            .map_err(|e| ServeError::Policies(format!("{}: {e}", dir.display())))?,
        None => Vec::new(),
    };
    let review = Arc::new(seisai_review::Review::open(settings.database.as_deref(), &settings.data_dir)?);
    Ok(Arc::new(AppState {
        review,
        snapshot: ArcSwapOption::empty(),
        store: Mutex::new(store),
        updating: tokio::sync::Mutex::new(()),
        ctx,
        settings,
        keys,
        metrics: metrics::Metrics::default(),
        policies: policies.into(),
        last_update: Mutex::new(None),
        last_failure: Mutex::new(None),
        next_sync: Mutex::new(None),
        matching: pool::MatchingPool::per_core()
            .map_err(|source| ServeError::Io { what: "cannot start the matching threads".into(), source })?,
    }))
}

/// The actor of the server's own work (start-up load, scheduled sync).
pub fn system_actor() -> seisai_review::Actor {
    seisai_review::Actor::new("system", None)
}

/// Loads the first list set: imports `load` (or, with nothing to load,
/// syncs from the publishers) when the store holds no dataset, then
/// builds and serves the index. Failures are recorded (see `/lists`,
/// `/readyz`) and logged.
pub async fn load_initial(state: Shared, load: Vec<(String, PathBuf)>) {
    let empty = match state.store.lock() {
        Ok(s) => s.datasets().is_empty(),
        Err(_) => false,
    };
    let result = if !empty {
        state.update(system_actor(), "startup".into(), |_| Ok(serde_json::json!("lists already stored"))).await
    } else if !load.is_empty() {
        state
            .update(system_actor(), "startup import".into(), move |store| {
                let mut reports = Vec::new();
                for (dataset, path) in &load {
                    let input = Input::read(path).map_err(|e| format!("--load {dataset}={}: {e}", path.display()))?;
                    let report = store
                        .import(dataset, &[input], &ImportOptions { format: None, source: Some(path.display().to_string()), published: None })
                        .map_err(|e| format!("--load {dataset}={}: {e}", path.display()))?;
                    reports.push(serde_json::json!({ "dataset": dataset, "version": report.version.id }));
                }
                Ok(serde_json::Value::Array(reports))
            })
            .await
    } else {
        api::admin::run_sync(&state, system_actor(), Vec::new()).await
    };
    if let Err(e) = result {
        tracing::error!("the first list set could not be loaded: {}", e.message);
    }
}

/// Runs a sync every `interval`, recording when the next one is due.
pub async fn scheduled_sync(state: Shared, interval: Duration) {
    loop {
        let next = Utc::now() + chrono::Duration::from_std(interval).unwrap_or_else(|_| chrono::Duration::hours(1));
        if let Ok(mut n) = state.next_sync.lock() {
            *n = Some(next);
        }
        tokio::time::sleep(interval).await;
        if let Err(e) = api::admin::run_sync(&state, system_actor(), Vec::new()).await {
            tracing::warn!("scheduled sync: {}", e.message);
        }
    }
}

/// Serves `state` on `listener` until `shutdown` completes.
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    state: Shared,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown).await
}

/// Starts the service and blocks until Ctrl-C: binds the address, loads
/// the lists in the background, runs the scheduled sync if configured.
pub fn run(options: ServeOptions) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| ServeError::Io { what: "cannot start the async runtime".into(), source })?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .map_err(|source| ServeError::Io { what: format!("cannot listen on {}", options.addr), source })?;
        let interval = options.settings.sync_interval;
        let scope = options.settings.memory_scope;
        let ctx = tokio::task::spawn_blocking(move || scope.run(NameContext::load_default))
            .await
            .map_err(|e| ServeError::Io { what: "cannot load the name dictionaries".into(), source: std::io::Error::other(e) })?;
        let state = new_state(options.settings, ctx)?;
        tracing::info!("listening on {}", options.addr);
        eprintln!("seisai: listening on http://{} (ready once /readyz answers 200)", options.addr);
        tokio::spawn(load_initial(state.clone(), options.load));
        if let Some(every) = interval {
            tokio::spawn(scheduled_sync(state.clone(), every));
        }
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        serve_on(listener, state, shutdown)
            .await
            .map_err(|source| ServeError::Io { what: "the server stopped".into(), source })
    })
}
