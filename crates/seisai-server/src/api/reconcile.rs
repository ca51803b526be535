//! The OpenRefine Reconciliation API at `/reconcile/{dataset}`: the
//! service manifest on GET, batches of queries on POST (form field
//! `queries` or a JSON body).

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use seisai_model::{Entity, Schema, props};
use serde::Deserialize;

use super::common::Params;
use super::matching::{MAX_QUERIES, MatchParams, run_query};
use crate::ApiError;
use crate::error::from_value;
use crate::state::Shared;

/// Types offered to OpenRefine.
const TYPES: &[&str] = &["LegalEntity", "Person", "Organization", "Company", "Vessel", "Airplane"];

/// One reconciliation query.
#[derive(Debug, Deserialize)]
struct ReconQuery {
    query: String,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    limit: Option<usize>,
    #[serde(default)]
    properties: Vec<ReconProperty>,
}

/// A property constraint of a query.
#[derive(Debug, Deserialize)]
struct ReconProperty {
    pid: String,
    v: serde_json::Value,
}

/// The service manifest (GET), or the answers to `queries` (GET with a
/// `queries` parameter).
#[utoipa::path(get, path = "/reconcile/{dataset}", params(("dataset" = String, Path, description = "dataset, collection or `default`")),
    responses((status = 200, body = Object)), tag = "reconciliation")]
pub async fn manifest(
    State(state): State<Shared>,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<serde_json::Value>, ApiError> {
    let params = Params::parse(raw.as_deref());
    if let Some(q) = params.one("queries") {
        return answer(state, dataset, q.as_bytes()).await;
    }
    let types: Vec<serde_json::Value> = TYPES.iter().map(|t| serde_json::json!({ "id": t, "name": t })).collect();
    Ok(Json(serde_json::json!({
        "versions": ["0.2"],
        "name": format!("seisai sanctions screening ({dataset})"),
        "identifierSpace": "https://www.opensanctions.org/reference/#schema",
        "schemaSpace": "https://www.opensanctions.org/reference/#schema",
        "defaultTypes": types,
        "view": { "url": "/entities/{{id}}" },
        "batchSize": MAX_QUERIES,
    })))
}

/// Reconcile a batch of names (form field `queries` or JSON `{"queries": …}`).
#[utoipa::path(post, path = "/reconcile/{dataset}", params(("dataset" = String, Path, description = "dataset, collection or `default`")),
    request_body(content = Object, description = "form field `queries` (JSON) or a JSON body with `queries`"),
    responses((status = 200, body = Object), (status = 400), (status = 422)), tag = "reconciliation")]
pub async fn reconcile(
    State(state): State<Shared>,
    Path(dataset): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<serde_json::Value>, ApiError> {
    let is_form = super::common::content_type_is(&headers, "application/x-www-form-urlencoded");
    if is_form {
        let form: BTreeMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
        let queries = form.get("queries").ok_or_else(|| ApiError::unprocessable("form field queries is missing"))?;
        return answer(state, dataset, queries.as_bytes()).await;
    }
    let value: serde_json::Value = crate::error::parse_json(&body, "reconciliation body")?;
    let queries = value.get("queries").cloned().unwrap_or(value);
    answer(state, dataset, &serde_json::to_vec(&queries).unwrap_or_default()).await
}

async fn answer(state: Shared, dataset: String, queries: &[u8]) -> Result<Json<serde_json::Value>, ApiError> {
    let snapshot = state.current()?;
    let raw: BTreeMap<String, serde_json::Value> = crate::error::parse_json(queries, "queries")?;
    if raw.len() > MAX_QUERIES {
        return Err(ApiError::unprocessable(format!("queries: {} given, at most {MAX_QUERIES}", raw.len())));
    }
    let mut batch = Vec::new();
    for (id, v) in raw {
        let place = format!("queries.{id}");
        let q: ReconQuery = from_value(v, &place)?;
        let schema: Schema = match &q.kind {
            None => Schema::LegalEntity,
            Some(t) => t.parse().map_err(|_| ApiError::unprocessable(format!("{place}.type: {t:?} is not a schema")))?,
        };
        if q.query.trim().is_empty() {
            return Err(ApiError::unprocessable(format!("{place}.query: the name is empty")));
        }
        let mut e = Entity::new("query", &id, schema);
        e.add(props::NAME, &q.query);
        for p in &q.properties {
            match &p.v {
                serde_json::Value::String(s) => {
                    e.add(&p.pid, s);
                }
                serde_json::Value::Number(n) => {
                    e.add(&p.pid, n.to_string());
                }
                other => {
                    return Err(ApiError::unprocessable(format!("{place}.properties.{}: v must be a string, found {other}", p.pid)));
                }
            }
        }
        let limit = q.limit.unwrap_or(5).min(super::common::MAX_LIMIT);
        batch.push((id, e, limit));
    }
    let mut params = MatchParams::read(&Params::default(), &snapshot, &dataset)?;
    let snap = Arc::clone(&snapshot);
    // On the matching threads, queued with `/match` (see `crate::pool`).
    let out = state.run_matching(move || {
        let mut out = serde_json::Map::new();
        for (id, e, limit) in batch {
            params.limit = limit;
            params.options.limit = limit;
            let results: Vec<serde_json::Value> = run_query(&snap, &e, &params)
                .into_iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.entity.0.id,
                        "name": r.entity.0.caption(),
                        "type": [{ "id": r.entity.0.schema.as_str(), "name": r.entity.0.schema.as_str() }],
                        "score": (r.score * 100.0).round(),
                        "match": r.is_match,
                    })
                })
                .collect();
            out.insert(id, serde_json::json!({ "result": results }));
        }
        serde_json::Value::Object(out)
    })
    .await?;
    Ok(Json(out))
}
