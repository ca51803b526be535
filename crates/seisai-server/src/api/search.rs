//! `GET /search/{dataset}`, `GET /entities/{id}`.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use seisai_model::{Entity, Schema, props};
use serde::Serialize;
use utoipa::ToSchema;

use super::common::{EntityOut, Listed, MAX_LIMIT, Params, Served};
use super::matching::{MatchParams, ScoredEntity, Total, run_query};
use crate::ApiError;
use crate::state::Shared;

/// Properties holding country codes.
const COUNTRY_PROPS: &[&str] = &["country", "nationality", "citizenship", "jurisdiction", "birthCountry"];

/// The answer of `/search`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResponse {
    /// Results, best first.
    pub results: Vec<ScoredEntity>,
    /// Results found (before paging).
    pub total: Total,
    /// Page size.
    pub limit: usize,
    /// Results skipped.
    pub offset: usize,
    /// Lists used.
    pub seisai: Served,
}

/// Search the lists by name.
#[utoipa::path(get, path = "/search/{dataset}",
    params(("dataset" = String, Path, description = "dataset, collection or `default`"),
        ("q" = String, Query, description = "name to search"),
        ("schema" = Option<String>, Query, description = "schema (default LegalEntity)"),
        ("countries" = Option<Vec<String>>, Query, description = "only entities linked to these country codes"),
        ("datasets" = Option<Vec<String>>, Query, description = "only these datasets"),
        ("topics" = Option<Vec<String>>, Query, description = "only these topics"),
        ("limit" = Option<usize>, Query, description = "page size (default 10, max 500)"),
        ("offset" = Option<usize>, Query, description = "results to skip")),
    responses((status = 200, body = SearchResponse), (status = 404), (status = 422), (status = 503)), tag = "matching")]
pub async fn search(
    State(state): State<Shared>,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SearchResponse>, ApiError> {
    let snapshot = state.current()?;
    let params = Params::parse(raw.as_deref());
    let q = params.one("q").ok_or_else(|| ApiError::unprocessable("parameter q (the name to search) is missing"))?;
    let limit = params.count("limit", 10, MAX_LIMIT)?;
    let offset = params.count("offset", 0, 10_000)?;
    let schema: Schema = match params.one("schema") {
        None => Schema::LegalEntity,
        Some(s) => s.parse().map_err(|_| ApiError::unprocessable(format!("parameter schema={s:?} is not a schema")))?,
    };
    let mut query = Entity::new("query", "search", schema);
    query.add(props::NAME, q);
    let mut mp = MatchParams::read(&params, &snapshot, &dataset)?;
    let datasets = params.all("datasets");
    if !datasets.is_empty() {
        mp.options.datasets = if mp.options.datasets.is_empty() {
            datasets
        } else {
            mp.options.datasets.into_iter().filter(|d| datasets.contains(d)).collect()
        };
    }
    let countries: Vec<String> = params.all("countries").into_iter().map(|c| c.to_lowercase()).collect();
    let wanted = offset.saturating_add(limit);
    mp.options.limit = if countries.is_empty() { wanted } else { wanted.saturating_mul(4).max(100) };
    mp.options.candidates = mp.options.candidates.max(mp.options.limit);
    mp.limit = mp.options.limit;
    mp.options.min_score = 0.3;
    let snap = Arc::clone(&snapshot);
    // On the matching threads, queued with `/match` (see `crate::pool`).
    let found = state.run_matching(move || run_query(&snap, &query, &mp)).await?;
    let found: Vec<ScoredEntity> = found
        .into_iter()
        .filter(|r| {
            countries.is_empty()
                || COUNTRY_PROPS.iter().any(|p| r.entity.0.properties.get(*p).is_some_and(|v| v.iter().any(|c| countries.contains(&c.to_lowercase()))))
        })
        .collect();
    let total = found.len();
    let results: Vec<ScoredEntity> = found.into_iter().skip(offset).take(limit).collect();
    Ok(Json(SearchResponse { results, total: Total { value: total, relation: "eq" }, limit, offset, seisai: Served::of(&snapshot) }))
}

/// An entity with its list history.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntityResponse {
    /// The entity as served.
    #[serde(flatten)]
    #[schema(value_type = EntityOut)]
    pub entity: Listed,
    /// Listing, change and delisting events across the stored versions.
    #[schema(value_type = Vec<Object>)]
    pub history: Vec<seisai_store::HistoryEvent>,
    /// Lists used.
    pub seisai: Served,
}

/// One entity with its history across list versions.
#[utoipa::path(get, path = "/entities/{id}", params(("id" = String, Path, description = "entity id")),
    responses((status = 200, body = EntityResponse), (status = 404), (status = 503)), tag = "matching")]
pub async fn entity(State(state): State<Shared>, Path(id): Path<String>) -> Result<Json<EntityResponse>, ApiError> {
    let snapshot = state.current()?;
    let found = snapshot.index.get(&id).cloned().or_else(|| {
        snapshot.index.entities().iter().find(|e| e.referents.iter().any(|r| r == &id)).cloned()
    });
    let entity = found.ok_or_else(|| ApiError::not_found(format!("no entity {id:?} in the lists in service")))?;
    let dir = state.settings.data_dir.clone();
    let eid = entity.id.clone();
    let history = tokio::task::spawn_blocking(move || {
        seisai_store::Store::open(&dir).and_then(|s| s.entity_history(&eid)).map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| ApiError::internal(format!("history task failed: {e}")))?
    .map_err(|e| ApiError::internal(format!("cannot read the history of {id}: {e}")))?;
    Ok(Json(EntityResponse { entity: snapshot.listed(entity), history, seisai: Served::of(&snapshot) }))
}

