//! `POST /admin/import` and `POST /admin/sync`: change the lists while
//! serving. The new index is built beside the one in service and swapped
//! in; a failure keeps the old one.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use seisai_sources::{Format, Input};
use seisai_store::ImportOptions;
use serde::Deserialize;
use utoipa::ToSchema;

use super::common::Params;
use crate::ApiError;
use crate::error::parse_json;
use crate::middleware::ActorOf;
use crate::state::Shared;

/// Import of files already on the server.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportRequest {
    /// Dataset name (`us_ofac_sdn`, `jp_mof`, or any name for an FtM feed).
    pub dataset: String,
    /// Paths on the server of all files of one version.
    pub paths: Vec<String>,
    /// Format name (`ftm`, `ofac_csv`, `un_sc_xml`, …); default: detected.
    #[serde(default)]
    pub format: Option<String>,
    /// Publication date (YYYY-MM-DD); default: stated by the file.
    #[serde(default)]
    pub published: Option<chrono::NaiveDate>,
}

/// Import a new list version (JSON with server-side paths, or the file as
/// the body with `?dataset=…&filename=…`), then swap the index.
#[utoipa::path(post, path = "/admin/import",
    params(("dataset" = Option<String>, Query, description = "dataset, for a file sent as the body"),
        ("filename" = Option<String>, Query, description = "file name, for a file sent as the body"),
        ("format" = Option<String>, Query, description = "format, for a file sent as the body")),
    request_body(content = ImportRequest, description = "JSON with server-side paths, or the file itself"),
    responses((status = 200, body = Object), (status = 401), (status = 403), (status = 422)),
    security(("api_key" = [])), tag = "admin")]
pub async fn import(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    ActorOf(actor): ActorOf,
    body: Bytes,
) -> Result<Json<serde_json::Value>, ApiError> {
    let is_json = super::common::content_type_is(&headers, "application/json");
    let (dataset, inputs, format, published, source) = if is_json {
        let req: ImportRequest = parse_json(&body, "import request body")?;
        if req.paths.is_empty() {
            return Err(ApiError::unprocessable("paths: at least one file is needed"));
        }
        let mut inputs = Vec::new();
        for p in &req.paths {
            let input = Input::read(std::path::Path::new(p))
                .map_err(|e| ApiError::unprocessable(format!("paths: cannot read {p}: {e}")))?;
            inputs.push(input);
        }
        (req.dataset, inputs, req.format, req.published, req.paths.join(", "))
    } else {
        let params = Params::parse(raw.as_deref());
        let dataset = params.one("dataset").ok_or_else(|| ApiError::unprocessable("parameter dataset is missing"))?.to_string();
        let filename = params.one("filename").unwrap_or("upload").to_string();
        if body.is_empty() {
            return Err(ApiError::bad_request("the request body (the list file) is empty"));
        }
        let format = params.one("format").map(str::to_string);
        let published = params.date("published")?;
        (dataset, vec![Input::new(filename.clone(), body.to_vec())], format, published, format!("upload {filename}"))
    };
    let format = match format {
        None => None,
        Some(name) => Some(Format::parse(&name).ok_or_else(|| ApiError::unprocessable(format!("format: {name:?} is not a known format")))?),
    };
    let what = format!("import {dataset}");
    state
        .update(actor, what, move |store| {
            let options = ImportOptions { format, source: Some(source), published };
            let report = store.import(&dataset, &inputs, &options).map_err(|e| format!("cannot import {dataset}: {e}"))?;
            serde_json::to_value(&report).map_err(|e| format!("cannot encode the import report: {e}"))
        })
        .await
        .map(Json)
}

/// Sync datasets from their publishers (all, or `?dataset=…` repeated),
/// then swap the index.
#[utoipa::path(post, path = "/admin/sync",
    params(("dataset" = Option<Vec<String>>, Query, description = "datasets to sync (default: all with URLs)")),
    responses((status = 200, body = Object), (status = 401), (status = 403), (status = 422)),
    security(("api_key" = [])), tag = "admin")]
pub async fn sync(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
    ActorOf(actor): ActorOf,
) -> Result<Json<serde_json::Value>, ApiError> {
    let datasets = Params::parse(raw.as_deref()).all("dataset");
    run_sync(&state, actor, datasets).await.map(Json)
}

/// Runs a sync and swaps the index (also used by the scheduled sync).
pub async fn run_sync(state: &Shared, actor: seisai_review::Actor, datasets: Vec<String>) -> Result<serde_json::Value, ApiError> {
    let config = state.settings.sources.clone();
    let what = if datasets.is_empty() { "sync".to_string() } else { format!("sync {}", datasets.join(", ")) };
    state
        .update(actor, what, move |store| {
            let reports = store.sync(&datasets, &config);
            let failed: Vec<String> = reports
                .iter()
                .filter(|r| matches!(r.outcome, seisai_store::SyncOutcome::Failed { .. }))
                .map(|r| r.dataset.clone())
                .collect();
            let value = serde_json::to_value(&reports).map_err(|e| format!("cannot encode the sync report: {e}"))?;
            if !failed.is_empty() && failed.len() == reports.len() {
                return Err(format!("every dataset failed to sync ({}): {value}", failed.join(", ")));
            }
            Ok(value)
        })
        .await
}
