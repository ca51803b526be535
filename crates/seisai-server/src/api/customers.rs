//! The customer registry and monitoring over HTTP: `POST /customers/import`
//! (role admin), `GET /customers` (analyst), `POST /monitor/delta` and
//! `POST /monitor/rescreen` (admin).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use serde_json::{Value, json};

use super::alerts::{MAX_PAGE, review_error, with_review};
use super::common::Params;
use crate::ApiError;
use crate::middleware::ActorOf;
use crate::state::Shared;
use seisai_review::KeyMaker;
use seisai_review::import::{CustomerFormat, parse_mapping, read_customers};
use seisai_review::monitor::{MonitorOptions, delta, rescreen_index};

/// Import (upsert by id) customers from the file in the body.
#[utoipa::path(post, path = "/customers/import", request_body(content = Vec<u8>, description = "the file"),
    params(("format" = String, Query, description = "csv, xlsx or jsonl"),
        ("map" = Option<String>, Query, description = "field=column pairs: id=CustNo,name=Name,birth_date=DOB,country=Country"),
        ("schema" = Option<String>, Query, description = "schema of rows without a schema column (default Person)")),
    responses((status = 200, description = "{added, changed, unchanged}", body = Object), (status = 422)),
    security(("api_key" = [])), tag = "review")]
pub async fn import(State(state): State<Shared>, RawQuery(raw): RawQuery, ActorOf(actor): ActorOf, body: Bytes) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(raw.as_deref());
    let format: CustomerFormat = p.one("format").unwrap_or("csv").parse().map_err(review_error)?;
    let mapping = parse_mapping(p.one("map").unwrap_or_default()).map_err(review_error)?;
    let schema_name = p.one("schema").unwrap_or("Person");
    let schema = schema_name
        .parse::<seisai_model::Schema>()
        .map_err(|_| ApiError::unprocessable(format!("parameter schema={schema_name:?} is not a schema")))?;
    if body.is_empty() {
        return Err(ApiError::bad_request("the request body (the customer file) is empty"));
    }
    // The customers' lookup keys are cached as they are imported, made as
    // monitoring makes them (the server's name context).
    let ctx = state.ctx.clone();
    let report = with_review(&state, move |r| {
        let customers = read_customers(&body, format, &mapping, schema, "request body")?;
        r.upsert_customers(&actor, &customers, "upload", Some(&KeyMaker::new(ctx)))
    })
    .await?;
    Ok(Json(json!(report)))
}

/// Customers in id order (`after`: the last id of the previous page).
#[utoipa::path(get, path = "/customers",
    params(("after" = Option<String>, Query, description = "last id of the previous page"),
        ("limit" = Option<usize>, Query, description = "default 100, max 1000")),
    responses((status = 200, description = "{total, customers}", body = Object)), security(("api_key" = [])), tag = "review")]
pub async fn list(State(state): State<Shared>, RawQuery(raw): RawQuery) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(raw.as_deref());
    let after = p.one("after").unwrap_or_default().to_string();
    let limit = p.count("limit", 100, MAX_PAGE)? as i64;
    let (total, customers) = with_review(&state, move |r| Ok((r.customer_count()?, r.customers_page(&after, limit)?))).await?;
    Ok(Json(json!({"total": total, "customers": customers})))
}

async fn run_monitor(state: Shared, actor: seisai_review::Actor, full: bool) -> Result<Json<Value>, ApiError> {
    let shared = state.clone();
    // A full re-screen uses the index in service (built from the versions it
    // states) rather than building a second one over the same entries.
    let snapshot = if full { Some(state.current()?) } else { None };
    let report = tokio::task::spawn_blocking(move || {
        let options = MonitorOptions::default();
        if let Some(snapshot) = snapshot {
            return rescreen_index(&shared.review, &snapshot.index, &snapshot.version_ids(), &options, &actor, &|_| {}).map_err(review_error);
        }
        let store = shared.store.lock().map_err(|_| ApiError::internal("the store lock is poisoned"))?;
        delta(&shared.review, &store, shared.ctx.clone(), &options, &actor, &|_| {}).map_err(review_error)
    })
    .await
    .map_err(|e| ApiError::internal(format!("monitoring task failed: {e}")))??;
    Ok(Json(json!(report)))
}

/// Delta screening: list entries added or changed since the last run, against every customer.
#[utoipa::path(post, path = "/monitor/delta", responses((status = 200, description = "the monitoring report", body = Object)),
    security(("api_key" = [])), tag = "review")]
pub async fn monitor(State(state): State<Shared>, ActorOf(actor): ActorOf) -> Result<Json<Value>, ApiError> {
    run_monitor(state, actor, false).await
}

/// Full re-screen of every customer against every list entry.
#[utoipa::path(post, path = "/monitor/rescreen", responses((status = 200, description = "the monitoring report", body = Object)),
    security(("api_key" = [])), tag = "review")]
pub async fn rescreen_all(State(state): State<Shared>, ActorOf(actor): ActorOf) -> Result<Json<Value>, ApiError> {
    run_monitor(state, actor, true).await
}
