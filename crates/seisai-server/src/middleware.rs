//! What every request goes through: a request id (echoed in
//! `x-request-id`), the key check by role, the time limit, the log line
//! and the metrics.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::ApiError;
use crate::auth::Role;
use crate::state::Shared;

/// The id of a request (given by the client in `x-request-id`, else made).
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

/// The caller, as established from its key.
#[derive(Clone, Debug)]
pub struct Caller {
    /// Key id (never the key), `anonymous` without one.
    pub key_id: String,
    /// Role of the key.
    pub role: Option<Role>,
    /// User name of the key (its id when the key names no user), `anonymous` without one.
    pub user: String,
}

impl Caller {
    /// The caller as the actor of audit records.
    pub fn actor(&self, request_id: &RequestId) -> seisai_review::Actor {
        seisai_review::Actor::new(self.user.clone(), Some(request_id.0.clone()))
    }
}

/// The acting user and request id of a request, for the audit trail.
pub struct ActorOf(pub seisai_review::Actor);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ActorOf {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let caller = parts.extensions.get::<Caller>().ok_or_else(|| ApiError::internal("no caller on the request"))?;
        let rid = parts.extensions.get::<RequestId>().ok_or_else(|| ApiError::internal("no request id on the request"))?;
        Ok(ActorOf(caller.actor(rid)))
    }
}

/// The role a request needs; None for open operational endpoints.
pub fn required_role(method: &Method, path: &str) -> Option<Role> {
    let post = method == Method::POST;
    if path.starts_with("/admin") || path.starts_with("/monitor") || (post && path.starts_with("/customers")) {
        return Some(Role::Admin);
    }
    if path == "/audit/export"
        || (post && path.starts_with("/suppressions/"))
        || (post && path.starts_with("/alerts/") && (path.ends_with("/approve") || path.ends_with("/reject")))
    {
        return Some(Role::Approver);
    }
    let review = ["/alerts", "/audit", "/suppressions", "/customers"];
    if review.iter().any(|p| path.strip_prefix(p).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))) {
        return Some(Role::Analyst);
    }
    let open = ["/healthz", "/readyz", "/metrics", "/openapi.json", "/docs"];
    if open.contains(&path) || crate::ui::is_ui_path(path) {
        return None;
    }
    Some(Role::Screen)
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn new_request_id() -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{:x}-{n:x}", std::process::id())
}

/// The key presented: `Authorization: ApiKey KEY` or `Bearer KEY`, or
/// `x-api-key: KEY`, or `api_key=` in the query string (yente style).
fn presented_key(req: &Request) -> Option<String> {
    let headers = req.headers();
    if let Some(v) = headers.get("authorization").and_then(|v| v.to_str().ok()) {
        let v = v.trim();
        for scheme in ["ApiKey ", "Bearer "] {
            if let Some(k) = v.strip_prefix(scheme) {
                return Some(k.trim().to_string());
            }
        }
    }
    if let Some(v) = headers.get("x-api-key").and_then(|v| v.to_str().ok()) {
        return Some(v.trim().to_string());
    }
    req.uri().query().and_then(|q| {
        url::form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "api_key").map(|(_, v)| v.into_owned())
    })
}

/// Authenticates, limits, logs and counts a request.
pub async fn around(State(state): State<Shared>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 128 && v.chars().all(|c| c.is_ascii_graphic()))
        .map(str::to_string)
        .unwrap_or_else(new_request_id);
    let route = req.extensions().get::<MatchedPath>().cloned();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let caller = match presented_key(&req) {
        None => Caller { key_id: "anonymous".into(), role: None, user: "anonymous".into() },
        Some(k) => match state.keys.check(&k) {
            Some(r) => Caller { key_id: r.id.clone(), role: Some(r.role), user: r.user_name().to_string() },
            None => Caller { key_id: "invalid".into(), role: None, user: "invalid".into() },
        },
    };
    let needed = required_role(&method, &path);
    let denied = match needed {
        _ if caller.key_id == "invalid" => Some(ApiError::new(StatusCode::UNAUTHORIZED, "the API key is not valid")),
        None => None,
        Some(Role::Screen) if state.settings.open_screening && (method == Method::GET || is_read_only_post(&path)) => None,
        Some(role) => match caller.role {
            None => Some(ApiError::new(
                StatusCode::UNAUTHORIZED,
                format!("an API key with role {} is needed (Authorization: ApiKey KEY)", role.as_str()),
            )),
            Some(have) if have < role => Some(ApiError::new(
                StatusCode::FORBIDDEN,
                format!("this key has role {}; {} needs role {}", have.as_str(), path, role.as_str()),
            )),
            Some(_) => None,
        },
    };
    req.extensions_mut().insert(RequestId(id.clone()));
    req.extensions_mut().insert(caller.clone());
    let mut response = match denied {
        Some(e) => e.into_response(),
        None => match tokio::time::timeout(time_limit(&state, &path), next.run(req)).await {
            Ok(r) => r,
            Err(_) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("the request took longer than {} ms and was stopped", time_limit(&state, &path).as_millis()),
            )
            .into_response(),
        },
    };
    if let Ok(v) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", v);
    }
    let took = started.elapsed();
    let status = response.status().as_u16();
    state.metrics.observe(route.as_ref().map_or("unmatched", MatchedPath::as_str), status, took);
    tracing::info!(request_id = %id, key_id = %caller.key_id, %method, %path, status, ms = took.as_secs_f64() * 1000.0, "request");
    response
}

/// Time limit of list updates (`/admin/*`): an import or sync with the
/// index rebuild takes seconds to minutes, longer than a screening request.
pub const ADMIN_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(600);

/// The time limit of a request to `path`.
fn time_limit(state: &Shared, path: &str) -> std::time::Duration {
    if path.starts_with("/admin") { ADMIN_TIME_LIMIT.max(state.settings.request_timeout) } else { state.settings.request_timeout }
}

/// Screening endpoints that use POST without changing state: matching,
/// reconciliation and the screening of a party or a document (`/screen/*`;
/// like `/screen/party`, a document screening records its alert for
/// review, which is the screening itself, not a change a key must vouch for).
fn is_read_only_post(path: &str) -> bool {
    path.starts_with("/match/") || path.starts_with("/reconcile/") || path.starts_with("/screen/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_by_path() {
        let (get, post) = (Method::GET, Method::POST);
        assert_eq!(required_role(&post, "/admin/import"), Some(Role::Admin));
        assert_eq!(required_role(&get, "/healthz"), None);
        assert_eq!(required_role(&post, "/match/default"), Some(Role::Screen));
        assert_eq!(required_role(&get, "/alerts"), Some(Role::Analyst));
        assert_eq!(required_role(&post, "/alerts/al_1/propose"), Some(Role::Analyst));
        assert_eq!(required_role(&post, "/alerts/al_1/approve"), Some(Role::Approver));
        assert_eq!(required_role(&post, "/suppressions/su_1/revoke"), Some(Role::Approver));
        assert_eq!(required_role(&get, "/audit/export"), Some(Role::Approver));
        assert_eq!(required_role(&get, "/customers"), Some(Role::Analyst));
        assert_eq!(required_role(&post, "/customers/import"), Some(Role::Admin));
        assert_eq!(required_role(&get, "/alertsx"), Some(Role::Screen));
        assert_eq!(required_role(&get, "/"), None);
        assert_eq!(required_role(&get, "/ui/app.js"), None);
        assert!(is_read_only_post("/match/sanctions") && !is_read_only_post("/admin/sync"));
        assert!(is_read_only_post("/screen/party") && is_read_only_post("/screen/payment") && is_read_only_post("/screen/document"));
        assert!(!is_read_only_post("/customers/import") && !is_read_only_post("/alerts/al_1/approve"));
    }
}
