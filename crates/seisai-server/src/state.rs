//! The served state: the current snapshot (index and the list versions it
//! was built from), swapped atomically on every update, and the record of
//! the last update.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use arc_swap::ArcSwapOption;
use chrono::{DateTime, Utc};
use seisai_index::Index;
use seisai_matching::NameContext;
use seisai_model::Entity;
use seisai_store::{Selection, SourcesConfig, Store};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::api::common::Listed;
use crate::auth::KeyStore;
use crate::metrics::Metrics;
use crate::screener::IndexScreener;

/// One list version in a snapshot.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ListVersion {
    /// Version id.
    pub version: String,
    /// Publication date stated by the list, if any.
    pub published: Option<chrono::NaiveDate>,
    /// When it was imported.
    pub imported_at: DateTime<Utc>,
    /// Entities in it.
    pub entities: usize,
}

/// An index with the list versions it was built from. Never changed once
/// built; an update builds a new one.
pub struct Snapshot {
    /// The index (shared with the measures engine's screener).
    pub index: Arc<Index>,
    /// Dataset → version served.
    pub versions: BTreeMap<String, ListVersion>,
    /// When the index was built.
    pub built_at: DateTime<Utc>,
    /// The index as the measures engine's party screener (identifiers mapped once).
    pub screener: Arc<IndexScreener>,
    /// Dataset → version id, as stated in every response (shared by them).
    pub served_versions: Arc<BTreeMap<String, String>>,
    /// The properties of each indexed entity (by position in the index)
    /// written as JSON, the first time the entity is answered: answers
    /// copy them instead of writing the same map again and again.
    properties_json: Vec<OnceLock<Arc<RawValue>>>,
    /// Bytes held by `properties_json`.
    properties_json_bytes: AtomicUsize,
    /// Where each list version's entities are in the index: the next
    /// update takes those of the lists it leaves unchanged from here.
    spans: seisai_store::indexing::Spans,
}

impl Snapshot {
    /// Reads the current version of every dataset of `store` (each entity
    /// dated by its last change) and indexes it.
    pub fn build(store: &Store, ctx: NameContext) -> seisai_store::Result<Snapshot> {
        Snapshot::build_after(store, ctx, None)
    }

    /// [`Snapshot::build`], taking from `previous` (the snapshot in
    /// service) the entities of every list version it served that is
    /// still current, instead of reading them again
    /// ([`Store::build_index_reusing`]).
    pub fn build_after(store: &Store, ctx: NameContext, previous: Option<&Snapshot>) -> seisai_store::Result<Snapshot> {
        let selection = Selection { mark_changes: true, ..Selection::current() };
        let built = store.build_index_reusing(&selection, ctx, previous.map(|p| (p.index.as_ref(), &p.spans)))?;
        let versions = built
            .versions
            .into_iter()
            .map(|(dataset, v)| {
                let lv = ListVersion { version: v.id, published: v.published, imported_at: v.imported_at, entities: v.entities };
                (dataset, lv)
            })
            .collect();
        let mut snapshot = Snapshot::new(built.index, versions);
        snapshot.spans = built.spans;
        Ok(snapshot)
    }

    /// The snapshot of `index`, built from `versions`.
    pub fn new(index: Index, versions: BTreeMap<String, ListVersion>) -> Snapshot {
        let index = Arc::new(index);
        let screener = Arc::new(IndexScreener::new(Arc::clone(&index)));
        let served_versions = Arc::new(versions.iter().map(|(d, v)| (d.clone(), v.version.clone())).collect());
        let properties_json = std::iter::repeat_with(OnceLock::new).take(index.len()).collect();
        Snapshot {
            index,
            versions,
            built_at: Utc::now(),
            screener,
            served_versions,
            properties_json,
            properties_json_bytes: AtomicUsize::new(0),
            spans: seisai_store::indexing::Spans::new(),
        }
    }

    /// Dataset → version id, as stated in every response.
    pub fn version_ids(&self) -> BTreeMap<String, String> {
        self.served_versions.as_ref().clone()
    }

    /// `entity` (one of the index's) for a response, its properties written
    /// as JSON once per snapshot.
    pub fn listed(&self, entity: Arc<Entity>) -> Listed {
        let slot = self
            .index
            .position(&entity.id)
            .filter(|&i| self.index.entities().get(i).is_some_and(|e| Arc::ptr_eq(e, &entity)))
            .and_then(|i| self.properties_json.get(i));
        let json = slot.and_then(|slot| {
            if let Some(json) = slot.get() {
                return Some(Arc::clone(json));
            }
            let written = serde_json::value::to_raw_value(&entity.properties).ok()?;
            let json = slot.get_or_init(|| {
                self.properties_json_bytes.fetch_add(written.get().len(), Ordering::Relaxed);
                Arc::from(written)
            });
            Some(Arc::clone(json))
        });
        Listed(entity, json)
    }

    /// Bytes of entity properties kept written as JSON (see [`Snapshot::listed`]).
    pub fn properties_json_bytes(&self) -> usize {
        self.properties_json_bytes.load(Ordering::Relaxed)
    }
}

/// Waits until no request uses the snapshot taken out of service, then
/// drops it in the memory scope, which hands the freed memory back to
/// the system: without that, every update left an index's worth of
/// memory behind for a while (glibc: +1.6 GB over ten updates, kept;
/// mimalloc: until its delayed purge ran).
fn release_when_unused(previous: Option<Arc<Snapshot>>, scope: crate::MemoryScope) {
    let Some(mut previous) = previous else { return };
    tokio::spawn(async move {
        loop {
            match Arc::try_unwrap(previous) {
                Ok(snapshot) => {
                    let _ = tokio::task::spawn_blocking(move || scope.run(|| drop(snapshot))).await;
                    return;
                }
                Err(still_used) => {
                    previous = still_used;
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
            }
        }
    });
}

/// The outcome of the last update (import, sync or start-up load).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct UpdateStatus {
    /// What ran (`import us_ofac_sdn`, `sync`, `startup`).
    pub what: String,
    /// When it ended.
    pub at: DateTime<Utc>,
    /// Whether it failed (the previous snapshot stayed in service).
    pub failed: bool,
    /// What happened.
    pub message: String,
}

/// Settings of the service.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Data directory of the store.
    pub data_dir: PathBuf,
    /// Screening endpoints answer without a key.
    pub open_screening: bool,
    /// Time limit of one request.
    pub request_timeout: Duration,
    /// Largest accepted request body, in bytes (imports excepted).
    pub body_limit: usize,
    /// Largest accepted upload for `/admin/import`, in bytes.
    pub import_limit: usize,
    /// Sources (download URLs) for syncs.
    pub sources: SourcesConfig,
    /// Interval of the scheduled sync, if any.
    pub sync_interval: Option<Duration>,
    /// Folder of the policy files (measures); None: no measures served.
    pub policies_dir: Option<PathBuf>,
    /// Review database (`postgres://…` or an SQLite path); None: `DATA_DIR/seisai.db`.
    pub database: Option<String>,
    /// Runs each update (its change to the store and the build of the
    /// index), the drop of the index an update took out of service and,
    /// at start, the load of the name dictionaries: see [`crate::memory`].
    pub memory_scope: crate::MemoryScope,
}

/// Everything the handlers share.
pub struct AppState {
    /// The snapshot in service (None until the first load ends).
    pub snapshot: ArcSwapOption<Snapshot>,
    /// The store, for writers (imports, syncs); readers open their own.
    pub store: Mutex<Store>,
    /// Serialises updates (one import or sync at a time).
    pub updating: tokio::sync::Mutex<()>,
    /// Name context for new indexes.
    pub ctx: NameContext,
    /// Settings.
    pub settings: Settings,
    /// API keys.
    pub keys: KeyStore,
    /// Request metrics.
    pub metrics: Metrics,
    /// The sanctions measures (policy files) applied by `/screen/*` documents
    /// (shared with the engine each request builds, never copied).
    pub policies: Arc<[seisai_measures::Policy]>,
    /// The last update and the last failed one.
    pub last_update: Mutex<Option<UpdateStatus>>,
    /// The last failed update, kept until a later one succeeds.
    pub last_failure: Mutex<Option<UpdateStatus>>,
    /// When the next scheduled sync runs.
    pub next_sync: Mutex<Option<DateTime<Utc>>>,
    /// Alerts, suppressions, customers and the audit trail.
    pub review: Arc<seisai_review::Review>,
    /// The matching threads: one per core; tasks wait in line (first come,
    /// first served) instead of sharing the cores, which keeps the latency
    /// of each request short under load.
    pub matching: crate::pool::MatchingPool,
}

/// Shared handle to the state.
pub type Shared = Arc<AppState>;

impl AppState {
    /// The snapshot in service, or 503 while none is loaded.
    pub fn current(&self) -> Result<Arc<Snapshot>, crate::ApiError> {
        self.snapshot
            .load_full()
            .ok_or_else(|| crate::ApiError::unavailable("the lists are still loading; retry when /readyz answers 200"))
    }

    /// Runs a matching task on the matching threads once one is free (see `matching`).
    pub async fn run_matching<T: Send + 'static>(&self, task: impl FnOnce() -> T + Send + 'static) -> Result<T, crate::ApiError> {
        self.matching.run(task).await.map_err(|e| crate::ApiError::internal(e.to_string()))
    }

    /// Records the outcome of an update (and logs it).
    pub fn record_update(&self, status: UpdateStatus) {
        if status.failed {
            tracing::error!(what = %status.what, "update failed, previous lists stay in service: {}", status.message);
            if let Ok(mut f) = self.last_failure.lock() {
                *f = Some(status.clone());
            }
        } else {
            tracing::info!(what = %status.what, "update: {}", status.message);
            if let Ok(mut f) = self.last_failure.lock() {
                *f = None;
            }
        }
        if let Ok(mut l) = self.last_update.lock() {
            *l = Some(status);
        }
    }

    /// Runs `change` on the store (blocking, under the update lock), then
    /// builds a new snapshot beside the one in service and swaps it in.
    /// On any failure the snapshot in service stays and the failure is
    /// recorded. Returns the change's report and the versions now served.
    /// The update runs in a task of its own: it ends (and swaps) even when
    /// the request that asked for it is dropped (client gone, time limit).
    /// It is recorded in the audit trail (`list.update`, or
    /// `list.update_failed`) as done by `actor`.
    pub async fn update<F>(
        self: &Arc<Self>,
        actor: seisai_review::Actor,
        what: String,
        change: F,
    ) -> Result<serde_json::Value, crate::ApiError>
    where
        F: FnOnce(&mut Store) -> Result<serde_json::Value, String> + Send + 'static,
    {
        let state = Arc::clone(self);
        tokio::spawn(async move { state.apply_update(actor, what, change).await })
            .await
            .map_err(|e| crate::ApiError::internal(format!("the update task failed: {e}")))?
    }

    async fn apply_update<F>(
        self: &Arc<Self>,
        actor: seisai_review::Actor,
        what: String,
        change: F,
    ) -> Result<serde_json::Value, crate::ApiError>
    where
        F: FnOnce(&mut Store) -> Result<serde_json::Value, String> + Send + 'static,
    {
        let _guard = self.updating.lock().await;
        let state = Arc::clone(self);
        // The change (an import reads and writes whole lists) and the
        // build run in the memory scope: what they free goes back at once.
        let scope = self.settings.memory_scope;
        let task = tokio::task::spawn_blocking(move || {
            scope.run(|| -> Result<(serde_json::Value, Snapshot), String> {
                let mut store = state.store.lock().map_err(|_| "the store lock is poisoned".to_string())?;
                let report = change(&mut store)?;
                store.reload().map_err(|e| format!("cannot re-read the manifest: {e}"))?;
                // The lists the change left as they were are taken from the
                // snapshot in service (shared, not read a second time).
                let in_service = state.snapshot.load_full();
                let snapshot = Snapshot::build_after(&store, state.ctx.clone(), in_service.as_deref())
                    .map_err(|e| format!("cannot build the new index: {e}"))?;
                drop(in_service);
                Ok((report, snapshot))
            })
        });
        let outcome = match task.await {
            Ok(r) => r,
            Err(e) => Err(format!("the update task failed: {e}")),
        };
        let detail = match &outcome {
            Ok((report, snapshot)) => serde_json::json!({"report": report, "versions": snapshot.version_ids()}),
            Err(message) => serde_json::json!({"failed": message}),
        };
        let action = if outcome.is_ok() { "list.update" } else { "list.update_failed" };
        let (review, subject) = (Arc::clone(&self.review), what.clone());
        let audited = tokio::task::spawn_blocking(move || review.audit(&actor, action, &subject, &detail)).await;
        if !matches!(audited, Ok(Ok(_))) {
            tracing::error!(what = %what, "the list update could not be written to the audit trail: {audited:?}");
        }
        match outcome {
            Ok((report, snapshot)) => {
                let versions = snapshot.version_ids();
                let message = format!("now serving {} entities from {:?}", snapshot.index.len(), versions);
                let previous = self.snapshot.swap(Some(Arc::new(snapshot)));
                release_when_unused(previous, self.settings.memory_scope);
                self.record_update(UpdateStatus { what, at: Utc::now(), failed: false, message });
                Ok(serde_json::json!({ "report": report, "versions": versions }))
            }
            Err(message) => {
                self.record_update(UpdateStatus { what: what.clone(), at: Utc::now(), failed: true, message: message.clone() });
                Err(crate::ApiError::unprocessable(format!("{what} failed; the previous lists stay in service: {message}")))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use seisai_model::Schema;

    fn person(id: &str, name: &str) -> Arc<Entity> {
        let mut e = Entity::new("test", id, Schema::Person);
        e.add("name", name);
        e.add("notes", "a \"quoted\" note\nwith a line break and ünïcödé");
        Arc::new(e)
    }

    #[test]
    fn listed_entities_are_written_as_from_their_map_and_once() {
        let entities = vec![person("a", "Anna Example"), person("b", "Bert Example")];
        let index = Index::build(entities.clone(), NameContext::without_dictionaries());
        let snapshot = Snapshot::new(index, BTreeMap::new());
        let plain = serde_json::to_string(&Listed::new(Arc::clone(&entities[0]))).unwrap();
        let first = snapshot.listed(Arc::clone(&entities[0]));
        assert!(first.1.is_some(), "an indexed entity's properties are kept written");
        assert_eq!(serde_json::to_string(&first).unwrap(), plain);
        let bytes = snapshot.properties_json_bytes();
        assert_eq!(bytes, serde_json::to_string(&entities[0].properties).unwrap().len());
        let again = snapshot.listed(Arc::clone(&entities[0]));
        assert_eq!(serde_json::to_string(&again).unwrap(), plain);
        assert_eq!(snapshot.properties_json_bytes(), bytes, "written once per snapshot");
        // An entity of another index (same id): written from its own map.
        let other = person("a", "Other Anna");
        let listed = snapshot.listed(Arc::clone(&other));
        assert!(listed.1.is_none());
        assert_eq!(serde_json::to_string(&listed).unwrap(), serde_json::to_string(&Listed::new(other)).unwrap());
    }
}
