//! `/catalog`, `/algorithms`, `/lists`, `/lists/{dataset}/diff`,
//! `/healthz`, `/readyz`, `/metrics`.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use super::common::{Params, collections};
use super::matching::{ALGORITHM, YENTE_ALIASES};
use crate::ApiError;
use crate::state::{ListVersion, Shared, UpdateStatus};

/// One dataset or collection of the catalog.
#[derive(Debug, Serialize, ToSchema)]
pub struct CatalogEntry {
    /// Name (used in `/match/{dataset}`).
    pub name: String,
    /// Title.
    pub title: String,
    /// `source` (a list) or `collection`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Publisher, for lists.
    pub publisher: Option<String>,
    /// Version in service, for lists.
    pub version: Option<String>,
    /// Entities in service.
    pub entity_count: usize,
    /// Member lists, for collections.
    pub children: Vec<String>,
    /// Whether it is loaded.
    pub load: bool,
}

/// The catalog.
#[derive(Debug, Serialize, ToSchema)]
pub struct Catalog {
    /// Lists and collections.
    pub datasets: Vec<CatalogEntry>,
    /// Names of the loaded lists.
    pub current: Vec<String>,
    /// Lists whose latest stored version is not in service.
    pub outdated: Vec<String>,
}

/// Lists and collections that can be matched against.
#[utoipa::path(get, path = "/catalog", responses((status = 200, body = Catalog), (status = 503)), tag = "matching")]
pub async fn catalog(State(state): State<Shared>) -> Result<Json<Catalog>, ApiError> {
    let snapshot = state.current()?;
    let mut datasets = Vec::new();
    for (name, v) in &snapshot.versions {
        let builtin = seisai_sources::builtin().iter().find(|d| d.name == name);
        datasets.push(CatalogEntry {
            name: name.clone(),
            title: builtin.map(|d| d.title.to_string()).unwrap_or_else(|| name.clone()),
            kind: "source",
            publisher: builtin.map(|d| d.publisher.to_string()),
            version: Some(v.version.clone()),
            entity_count: v.entities,
            children: Vec::new(),
            load: true,
        });
    }
    let mut named = vec![("default", "All loaded lists".to_string(), snapshot.versions.keys().cloned().collect::<Vec<_>>())];
    for c in collections() {
        let members: Vec<String> = seisai_sources::builtin()
            .iter()
            .filter(|d| d.collections.contains(&c) && snapshot.versions.contains_key(d.name))
            .map(|d| d.name.to_string())
            .collect();
        named.push((c, format!("Collection {c}"), members));
    }
    for (name, title, children) in named {
        let entity_count = children.iter().filter_map(|c| snapshot.versions.get(c)).map(|v| v.entities).sum();
        datasets.push(CatalogEntry {
            name: name.to_string(),
            title,
            kind: "collection",
            publisher: None,
            version: None,
            entity_count,
            load: !children.is_empty(),
            children,
        });
    }
    let current = snapshot.versions.keys().cloned().collect();
    let dir = state.settings.data_dir.clone();
    let served = snapshot.version_ids();
    let outdated = tokio::task::spawn_blocking(move || -> Vec<String> {
        let Ok(store) = seisai_store::Store::open(&dir) else { return Vec::new() };
        store
            .datasets()
            .into_iter()
            .filter(|d| store.current(d).map(|v| &v.id) != served.get(*d))
            .map(str::to_string)
            .collect()
    })
    .await
    .unwrap_or_default();
    Ok(Json(Catalog { datasets, current, outdated }))
}

/// The scoring algorithms.
#[utoipa::path(get, path = "/algorithms", responses((status = 200, body = Object)), tag = "matching")]
pub async fn algorithms() -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "algorithms": [{
            "name": ALGORITHM,
            "description": "Part-by-part name alignment across scripts (Latin, kana/kanji readings, Cyrillic, Arabic, Hangul, Chinese) with birth date, country, gender and identifier evidence; threshold chosen on the evaluation sets (BENCHMARKS.md).",
            "features": {
                "name": "best aligned name score",
                "birth_date": "birth date agreement or conflict",
                "country": "country agreement or conflict",
                "gender": "gender conflict",
                "identifier": "identifier agreement"
            },
            "aliases": YENTE_ALIASES,
        }],
        "default": ALGORITHM,
        "best": ALGORITHM,
    }))
}

/// One dataset in `/lists`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListStatus {
    /// Version in service (None if the dataset is stored but not served).
    pub serving: Option<ListVersion>,
    /// Stored versions, oldest first.
    pub versions: Vec<String>,
    /// Last sync attempt, if any.
    #[schema(value_type = Option<Object>)]
    pub last_sync: Option<seisai_store::SyncStatus>,
}

/// The answer of `/lists`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListsResponse {
    /// Dataset → status.
    pub datasets: BTreeMap<String, ListStatus>,
    /// When the index in service was built.
    pub index_built_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The last update.
    pub last_update: Option<UpdateStatus>,
    /// The last failed update, until a later one succeeds.
    pub last_failure: Option<UpdateStatus>,
    /// When the next scheduled sync runs.
    pub next_sync: Option<chrono::DateTime<chrono::Utc>>,
}

/// Lists, versions in service and stored, update status.
#[utoipa::path(get, path = "/lists", responses((status = 200, body = ListsResponse)), tag = "seisai")]
pub async fn lists(State(state): State<Shared>) -> Result<Json<ListsResponse>, ApiError> {
    let snapshot = state.snapshot.load_full();
    let dir = state.settings.data_dir.clone();
    let stored = tokio::task::spawn_blocking(move || {
        let store = seisai_store::Store::open(&dir).map_err(|e| e.to_string())?;
        let mut out = BTreeMap::new();
        for d in store.datasets() {
            let versions: Vec<String> = store.versions(d).iter().map(|v| v.id.clone()).collect();
            let last_sync = store.record(d).and_then(|r| r.last_sync.clone());
            out.insert(d.to_string(), (versions, last_sync));
        }
        Ok::<_, String>(out)
    })
    .await
    .map_err(|e| ApiError::internal(format!("lists task failed: {e}")))?
    .map_err(|e| ApiError::internal(format!("cannot read the store: {e}")))?;
    let mut datasets = BTreeMap::new();
    for (d, (versions, last_sync)) in stored {
        let serving = snapshot.as_ref().and_then(|s| s.versions.get(&d).cloned());
        datasets.insert(d, ListStatus { serving, versions, last_sync });
    }
    let last_update = state.last_update.lock().ok().and_then(|l| l.clone());
    let last_failure = state.last_failure.lock().ok().and_then(|l| l.clone());
    let next_sync = state.next_sync.lock().ok().and_then(|l| *l);
    Ok(Json(ListsResponse { datasets, index_built_at: snapshot.map(|s| s.built_at), last_update, last_failure, next_sync }))
}

/// What changed between two versions of a list (default: the two latest).
#[utoipa::path(get, path = "/lists/{dataset}/diff",
    params(("dataset" = String, Path, description = "dataset"),
        ("from" = Option<String>, Query, description = "version id or date (default: the one before `to`)"),
        ("to" = Option<String>, Query, description = "version id or date (default: the latest)")),
    responses((status = 200, body = Object), (status = 404), (status = 422)), tag = "seisai")]
pub async fn diff(
    State(state): State<Shared>,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<seisai_store::Diff>, ApiError> {
    let params = Params::parse(raw.as_deref());
    let from = params.one("from").map(str::to_string);
    let to = params.one("to").map(str::to_string);
    let dir = state.settings.data_dir.clone();
    tokio::task::spawn_blocking(move || {
        let store = seisai_store::Store::open(&dir).map_err(|e| ApiError::internal(e.to_string()))?;
        let ids: Vec<String> = store.versions(&dataset).iter().map(|v| v.id.clone()).collect();
        if ids.is_empty() {
            return Err(ApiError::not_found(format!("no stored versions of {dataset:?}")));
        }
        let to = to.or_else(|| ids.last().cloned()).unwrap_or_default();
        let from = match from {
            Some(f) => f,
            None => {
                let at = ids.iter().position(|i| i == &to).unwrap_or(ids.len() - 1);
                if at == 0 {
                    return Err(ApiError::unprocessable(format!(
                        "{dataset} has no version before {to}; give from= and to= (versions: {})",
                        ids.join(", ")
                    )));
                }
                ids[at - 1].clone()
            }
        };
        store.diff(&dataset, &from, &to).map(Json).map_err(|e| match e {
            seisai_store::StoreError::NotFound(m) => ApiError::not_found(m),
            other => ApiError::unprocessable(other.to_string()),
        })
    })
    .await
    .map_err(|e| ApiError::internal(format!("diff task failed: {e}")))?
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", responses((status = 200, body = Object)), tag = "operations")]
pub async fn healthz() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

/// Readiness: 200 with the versions once a list set is loaded, else 503.
#[utoipa::path(get, path = "/readyz", responses((status = 200, body = Object), (status = 503, body = Object)), tag = "operations")]
pub async fn readyz(State(state): State<Shared>) -> Response {
    match state.snapshot.load_full() {
        Some(s) => Json(serde_json::json!({
            "status": "ready",
            "versions": s.version_ids(),
            "entities": s.index.len(),
            "index_built_at": s.built_at,
        }))
        .into_response(),
        None => {
            let failure = state.last_failure.lock().ok().and_then(|f| f.clone());
            (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({ "status": "loading", "last_failure": failure })))
                .into_response()
        }
    }
}

/// Prometheus metrics.
#[utoipa::path(get, path = "/metrics", responses((status = 200, body = String, content_type = "text/plain")), tag = "operations")]
pub async fn metrics(State(state): State<Shared>) -> Response {
    let snapshot = state.snapshot.load_full();
    let text = state.metrics.render(snapshot.as_deref());
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text).into_response()
}
