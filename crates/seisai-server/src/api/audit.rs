//! The audit trail (`/audit`, `/audit/verify`, `/audit/export`), the
//! good-guy list (`/suppressions`) and `/me`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use super::alerts::{MAX_PAGE, with_review};
use super::common::Params;
use crate::ApiError;
use crate::error::parse_json;
use crate::middleware::{ActorOf, Caller};
use crate::state::Shared;
use seisai_review::{AuditFilter, ExportFormat};

fn filter(p: &Params, default_limit: usize) -> Result<AuditFilter, ApiError> {
    let s = |n: &str| p.one(n).map(str::to_string);
    Ok(AuditFilter {
        from: p.date("from")?,
        to: p.date("to")?,
        action: s("action"),
        user: s("user"),
        q: s("q"),
        limit: p.count("limit", default_limit, MAX_PAGE)? as u64,
        offset: p.count("offset", 0, usize::MAX)? as u64,
    })
}

/// Audit records in chain order.
#[utoipa::path(get, path = "/audit",
    params(("from" = Option<String>, Query, description = "YYYY-MM-DD"), ("to" = Option<String>, Query, description = "YYYY-MM-DD"),
        ("action" = Option<String>, Query, description = "an action, or a prefix (`alert`)"), ("user" = Option<String>, Query, description = "user"),
        ("q" = Option<String>, Query, description = "text in subject or detail"),
        ("limit" = Option<usize>, Query, description = "default 100, max 1000"), ("offset" = Option<usize>, Query, description = "skipped")),
    responses((status = 200, description = "{total, records}", body = Object), (status = 422)), security(("api_key" = [])), tag = "review")]
pub async fn list(State(state): State<Shared>, RawQuery(raw): RawQuery) -> Result<Json<Value>, ApiError> {
    let f = filter(&Params::parse(raw.as_deref()), 100)?;
    let (total, records) = with_review(&state, move |r| r.audit_records(&f)).await?;
    Ok(Json(json!({"total": total, "records": records})))
}

/// Check the whole hash chain; names the first broken record.
#[utoipa::path(get, path = "/audit/verify",
    responses((status = 200, description = "{ok, records, first_broken: null | {seq, reason}}", body = Object)),
    security(("api_key" = [])), tag = "review")]
pub async fn verify(State(state): State<Shared>) -> Result<Json<Value>, ApiError> {
    let report = with_review(&state, |r| r.verify()).await?;
    Ok(Json(json!(report)))
}

/// Export the records of a date range as CSV or JSON (role approver).
#[utoipa::path(get, path = "/audit/export",
    params(("from" = Option<String>, Query, description = "YYYY-MM-DD"), ("to" = Option<String>, Query, description = "YYYY-MM-DD"),
        ("format" = Option<String>, Query, description = "csv (default) or json")),
    responses((status = 200, description = "the file"), (status = 422)), security(("api_key" = [])), tag = "review")]
pub async fn export(State(state): State<Shared>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref());
    let format: ExportFormat = p.one("format").unwrap_or("csv").parse().map_err(super::alerts::review_error)?;
    let mut f = filter(&p, 0)?;
    f.limit = 0;
    f.offset = 0;
    let name = format!(
        "seisai-audit-{}-{}.{}",
        f.from.map(|d| d.to_string()).unwrap_or_else(|| "start".into()),
        f.to.map(|d| d.to_string()).unwrap_or_else(|| "now".into()),
        if format == ExportFormat::Csv { "csv" } else { "json" }
    );
    let data = with_review(&state, move |r| r.export(&f, format)).await?;
    let content_type = if format == ExportFormat::Csv { "text/csv; charset=utf-8" } else { "application/json" };
    Ok(([(header::CONTENT_TYPE, content_type.to_string()), (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\""))], data)
        .into_response())
}

/// The good-guy list: suppressions, newest first.
#[utoipa::path(get, path = "/suppressions",
    params(("active" = Option<bool>, Query, description = "only those applying now"),
        ("limit" = Option<usize>, Query, description = "default 100"), ("offset" = Option<usize>, Query, description = "skipped")),
    responses((status = 200, description = "{total, suppressions}", body = Object)), security(("api_key" = [])), tag = "review")]
pub async fn suppressions(State(state): State<Shared>, RawQuery(raw): RawQuery) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(raw.as_deref());
    let active = matches!(p.one("active"), Some("true" | "1"));
    let limit = p.count("limit", 100, MAX_PAGE)? as u64;
    let offset = p.count("offset", 0, usize::MAX)? as u64;
    let (total, list) = with_review(&state, move |r| r.suppressions(active, limit, offset)).await?;
    Ok(Json(json!({"total": total, "suppressions": list})))
}

/// The body of `/suppressions/{id}/revoke`.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct RevokeRequest {
    /// Why.
    #[serde(default)]
    pub reason: String,
}

/// Revoke a suppression (role approver): the hit alerts again.
#[utoipa::path(post, path = "/suppressions/{id}/revoke", request_body = RevokeRequest, params(("id" = String, Path, description = "suppression id")),
    responses((status = 200, body = Object), (status = 404), (status = 409)), security(("api_key" = [])), tag = "review")]
pub async fn revoke(
    State(state): State<Shared>,
    Path(id): Path<String>,
    ActorOf(actor): ActorOf,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let req: RevokeRequest = if body.is_empty() { RevokeRequest::default() } else { parse_json(&body, "revoke request body")? };
    let sid = id.clone();
    with_review(&state, move |r| r.revoke_suppression(&actor, &sid, &req.reason)).await?;
    Ok(Json(json!({"revoked": id})))
}

/// Who the key belongs to.
#[utoipa::path(get, path = "/me", responses((status = 200, description = "{user, key_id, role}", body = Object), (status = 401)),
    security(("api_key" = [])), tag = "review")]
pub async fn me(axum::Extension(caller): axum::Extension<Caller>) -> Result<Json<Value>, ApiError> {
    let role = caller.role.ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "an API key is needed (Authorization: ApiKey KEY)"))?;
    Ok(Json(json!({"user": caller.user, "key_id": caller.key_id, "role": role.as_str()})))
}
