//! The alert endpoints (`/alerts…`): listing and search, one alert with its
//! snapshot and history, assignment, status, notes, attachments and the
//! four-eyes proposal/approval. Roles: analyst, approver for approve/reject.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use super::common::Params;
use crate::ApiError;
use crate::error::parse_json;
use crate::middleware::ActorOf;
use crate::state::Shared;
use seisai_review::{Actor, AlertFilter, Review, ReviewError};

/// Most alerts or records in one page.
pub const MAX_PAGE: usize = 1000;

/// The HTTP error of a review-store error.
pub fn review_error(e: ReviewError) -> ApiError {
    match e {
        ReviewError::NotFound(m) => ApiError::not_found(m),
        ReviewError::Conflict(m) => ApiError::new(StatusCode::CONFLICT, m),
        ReviewError::SameUser(m) => ApiError::new(StatusCode::FORBIDDEN, m),
        ReviewError::Invalid(m) => ApiError::unprocessable(m),
        ReviewError::Db(m) => ApiError::internal(format!("review database: {m}")),
    }
}

/// Runs `f` on the review store off the async threads.
pub async fn with_review<T, F>(state: &Shared, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Review) -> Result<T, ReviewError> + Send + 'static,
{
    let review = std::sync::Arc::clone(&state.review);
    tokio::task::spawn_blocking(move || f(&review))
        .await
        .map_err(|e| ApiError::internal(format!("review task failed: {e}")))?
        .map_err(review_error)
}

/// Parses `body`, applies `f` to alert `id`, answers the alert as it is now.
async fn change<B, F>(state: &Shared, id: String, actor: Actor, body: &[u8], what: &str, f: F) -> Result<Json<Value>, ApiError>
where
    B: serde::de::DeserializeOwned + Send + 'static,
    F: FnOnce(&Review, &Actor, &str, B) -> Result<(), ReviewError> + Send + 'static,
{
    let req: B = parse_json(body, what)?;
    let alert = with_review(state, move |r| {
        f(r, &actor, &id, req)?;
        r.alert(&id)
    })
    .await?;
    to_json(&alert)
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<Json<Value>, ApiError> {
    serde_json::to_value(v).map(Json).map_err(|e| ApiError::internal(format!("cannot encode the answer: {e}")))
}

/// List and search alerts, newest first.
#[utoipa::path(get, path = "/alerts",
    params(("status" = Option<String>, Query, description = "a status, or `closed` / `active`"),
        ("kind" = Option<String>, Query, description = "party, trade, payment, security, oil, document, monitoring"),
        ("dataset" = Option<String>, Query, description = "a dataset among the hits"),
        ("min_score" = Option<f32>, Query, description = "top score at least"),
        ("from" = Option<String>, Query, description = "made on or after (YYYY-MM-DD)"),
        ("to" = Option<String>, Query, description = "made on or before (YYYY-MM-DD)"),
        ("assignee" = Option<String>, Query, description = "assigned to"),
        ("customer_id" = Option<String>, Query, description = "monitoring alerts of a customer"),
        ("q" = Option<String>, Query, description = "text in the subject or the hits"),
        ("limit" = Option<usize>, Query, description = "page size (default 50, max 1000)"),
        ("offset" = Option<usize>, Query, description = "skipped")),
    responses((status = 200, description = "{total, alerts: [AlertSummary]}", body = Object), (status = 401), (status = 403), (status = 422)),
    security(("api_key" = [])), tag = "review")]
pub async fn list(State(state): State<Shared>, RawQuery(raw): RawQuery) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(raw.as_deref());
    let s = |n: &str| p.one(n).map(str::to_string);
    let filter = AlertFilter {
        status: s("status"),
        kind: s("kind"),
        dataset: s("dataset"),
        min_score: p.score("min_score")?.map(f64::from),
        from: p.date("from")?,
        to: p.date("to")?,
        assignee: s("assignee"),
        q: s("q"),
        customer_id: s("customer_id"),
        entity_id: s("entity_id"),
        limit: p.count("limit", 50, MAX_PAGE)? as u64,
        offset: p.count("offset", 0, usize::MAX)? as u64,
    };
    let (total, alerts) = with_review(&state, move |r| r.alerts(&filter)).await?;
    Ok(Json(json!({"total": total, "alerts": alerts})))
}

/// One alert: summary, immutable snapshot, notes, events, proposal, disposition, attachments.
#[utoipa::path(get, path = "/alerts/{id}", params(("id" = String, Path, description = "alert id")),
    responses((status = 200, body = Object), (status = 404)), security(("api_key" = [])), tag = "review")]
pub async fn get(State(state): State<Shared>, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    let alert = with_review(&state, move |r| r.alert(&id)).await?;
    to_json(&alert)
}

/// The body of `/alerts/assign`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AssignRequest {
    /// Alert ids.
    pub ids: Vec<String>,
    /// User to assign to; null unassigns.
    pub assignee: Option<String>,
}

/// Assign alerts (all or none).
#[utoipa::path(post, path = "/alerts/assign", request_body = AssignRequest,
    responses((status = 200, description = "{updated: n}", body = Object), (status = 404), (status = 409)),
    security(("api_key" = [])), tag = "review")]
pub async fn assign(
    State(state): State<Shared>,
    ActorOf(actor): ActorOf,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let req: AssignRequest = parse_json(&body, "assign request body")?;
    let n = with_review(&state, move |r| r.assign(&actor, &req.ids, req.assignee.as_deref())).await?;
    Ok(Json(json!({"updated": n})))
}

/// The body of `/alerts/{id}/status`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct StatusRequest {
    /// `open`, `in_review` or `escalated`.
    pub status: String,
}

/// Set the work status.
#[utoipa::path(post, path = "/alerts/{id}/status", request_body = StatusRequest, params(("id" = String, Path, description = "alert id")),
    responses((status = 200, body = Object), (status = 404), (status = 409), (status = 422)), security(("api_key" = [])), tag = "review")]
pub async fn status(
    State(state): State<Shared>,
    Path(id): Path<String>,
    ActorOf(actor): ActorOf,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    change(&state, id, actor, &body, "status request body", |r, a, id, req: StatusRequest| r.set_status(a, id, &req.status)).await
}

/// The body of `/alerts/{id}/notes`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NoteRequest {
    /// The note.
    pub text: String,
}

/// Add a note.
#[utoipa::path(post, path = "/alerts/{id}/notes", request_body = NoteRequest, params(("id" = String, Path, description = "alert id")),
    responses((status = 200, body = Object), (status = 404), (status = 422)), security(("api_key" = [])), tag = "review")]
pub async fn note(
    State(state): State<Shared>,
    Path(id): Path<String>,
    ActorOf(actor): ActorOf,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    change(&state, id, actor, &body, "note request body", |r, a, id, req: NoteRequest| r.note(a, id, &req.text)).await
}

/// The body of `/alerts/{id}/propose`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ProposeRequest {
    /// `true_match`, `false_positive` or `not_relevant`.
    pub disposition: String,
    /// Why.
    pub reason: String,
}

/// Propose a disposition (four-eyes, step one): the alert awaits approval.
#[utoipa::path(post, path = "/alerts/{id}/propose", request_body = ProposeRequest, params(("id" = String, Path, description = "alert id")),
    responses((status = 200, body = Object), (status = 404), (status = 409), (status = 422)), security(("api_key" = [])), tag = "review")]
pub async fn propose(
    State(state): State<Shared>,
    Path(id): Path<String>,
    ActorOf(actor): ActorOf,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    change(&state, id, actor, &body, "propose request body", |r, a, id, req: ProposeRequest| r.propose(a, id, &req.disposition, &req.reason)).await
}

/// The body of `/alerts/{id}/approve`.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ApproveRequest {
    /// Comment.
    #[serde(default)]
    pub comment: String,
    /// A confirmed false positive's suppression ends on this day (default: never).
    #[serde(default)]
    pub suppress_until: Option<chrono::NaiveDate>,
}

/// Approve the pending proposal (a different user, role approver).
#[utoipa::path(post, path = "/alerts/{id}/approve", request_body = ApproveRequest, params(("id" = String, Path, description = "alert id")),
    responses((status = 200, body = Object), (status = 403, description = "the caller made the proposal"),
        (status = 404), (status = 409, description = "no pending proposal")), security(("api_key" = [])), tag = "review")]
pub async fn approve(
    State(state): State<Shared>,
    Path(id): Path<String>,
    ActorOf(actor): ActorOf,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let req: ApproveRequest = if body.is_empty() { ApproveRequest::default() } else { parse_json(&body, "approve request body")? };
    let until = req.suppress_until.and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc());
    let (approval, alert) = with_review(&state, move |r| {
        let a = r.approve(&actor, &id, &req.comment, until)?;
        Ok((a, r.alert(&id)?))
    })
    .await?;
    let mut v = to_json(&alert)?.0;
    v["suppressions"] = json!(approval.suppressions);
    Ok(Json(v))
}

/// The body of `/alerts/{id}/reject`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RejectRequest {
    /// Why.
    pub reason: String,
}

/// Reject the pending proposal (a different user, role approver): back to review.
#[utoipa::path(post, path = "/alerts/{id}/reject", request_body = RejectRequest, params(("id" = String, Path, description = "alert id")),
    responses((status = 200, body = Object), (status = 403), (status = 404), (status = 409)), security(("api_key" = [])), tag = "review")]
pub async fn reject(
    State(state): State<Shared>,
    Path(id): Path<String>,
    ActorOf(actor): ActorOf,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    change(&state, id, actor, &body, "reject request body", |r, a, id, req: RejectRequest| r.reject(a, id, &req.reason)).await
}

/// Attach a file (the body; `?name=`, media type from Content-Type; at most 5 MiB).
#[utoipa::path(post, path = "/alerts/{id}/attachments", request_body(content = Vec<u8>, description = "the file"),
    params(("id" = String, Path, description = "alert id"), ("name" = String, Query, description = "file name")),
    responses((status = 200, description = "{id}", body = Object), (status = 404), (status = 413), (status = 422)),
    security(("api_key" = [])), tag = "review")]
pub async fn attach(
    State(state): State<Shared>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    ActorOf(actor): ActorOf,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(raw.as_deref());
    let name = p.one("name").ok_or_else(|| ApiError::unprocessable("parameter name (the file name) is missing"))?.to_string();
    let content_type =
        headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("application/octet-stream").to_string();
    let att = with_review(&state, move |r| r.attach(&actor, &id, &name, &content_type, body.to_vec())).await?;
    Ok(Json(json!({"id": att})))
}

/// Download an attachment.
#[utoipa::path(get, path = "/alerts/{id}/attachments/{attachment}",
    params(("id" = String, Path, description = "alert id"), ("attachment" = String, Path, description = "attachment id")),
    responses((status = 200, description = "the file"), (status = 404)), security(("api_key" = [])), tag = "review")]
pub async fn attachment(State(state): State<Shared>, Path((id, att)): Path<(String, String)>) -> Result<Response, ApiError> {
    let (info, data) = with_review(&state, move |r| r.attachment(&id, &att)).await?;
    let disposition = format!("attachment; filename=\"{}\"", info.name.replace(['"', '\\', '\r', '\n'], "_"));
    Ok(([(header::CONTENT_TYPE, info.content_type), (header::CONTENT_DISPOSITION, disposition)], data).into_response())
}
