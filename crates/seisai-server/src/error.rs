//! The error answer of every endpoint: a status and a message in yente's
//! `{"detail": …}` shape.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

/// An error answered to the client.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{status}: {message}")]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// What went wrong, naming the field or parameter at fault.
    pub message: String,
}

impl ApiError {
    /// An error with `status`.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError { status, message: message.into() }
    }

    /// 400: the request is malformed.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// 422: the request is well-formed but a value is not acceptable.
    pub fn unprocessable(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, message)
    }

    /// 404: no such thing.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    /// 503: the service cannot answer yet (no list loaded).
    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, message)
    }

    /// 500: a failure on the server side (store unreadable, task failed).
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "detail": self.message, "status": self.status.as_u16() });
        (self.status, axum::Json(body)).into_response()
    }
}

/// Decodes a JSON request body: a syntax error is 400, a value of the
/// wrong shape 422; both name `what` and serde's position and field.
pub fn parse_json<T: DeserializeOwned>(body: &[u8], what: &str) -> Result<T, ApiError> {
    if body.is_empty() {
        return Err(ApiError::bad_request(format!("{what}: the request body is empty; a JSON object was expected")));
    }
    serde_json::from_slice(body).map_err(|e| {
        let message = format!("{what}: {e}");
        match e.classify() {
            serde_json::error::Category::Data => ApiError::unprocessable(message),
            _ => ApiError::bad_request(message),
        }
    })
}

/// Decodes one JSON value already read (a part of a larger body), naming
/// its place (`queries.q1`).
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value, place: &str) -> Result<T, ApiError> {
    serde_json::from_value(value).map_err(|e| ApiError::unprocessable(format!("{place}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Body {
        queries: std::collections::BTreeMap<String, serde_json::Value>,
    }

    #[test]
    fn syntax_is_400_shape_is_422_and_names_the_field() {
        let e = parse_json::<Body>(b"{", "match request").unwrap_err();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        let e = parse_json::<Body>(b"{}", "match request").unwrap_err();
        assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(e.message.contains("queries"), "{}", e.message);
        let e = parse_json::<Body>(b"", "match request").unwrap_err();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
    }
}
