//! The analyst's web application: static files embedded in the binary and
//! served at `/` and `/ui/{file}` without a key (the application asks for
//! one and sends it with each API call). Every answer carries a strict
//! Content-Security-Policy (no inline script or style, no other origin),
//! `nosniff` and an ETag, so browsers revalidate cheaply.

use std::sync::OnceLock;

use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::ApiError;

/// The Content-Security-Policy of every page and asset.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// One embedded file: name under `/ui/`, content type, bytes.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

macro_rules! asset {
    ($name:literal, $type:expr) => {
        Asset { name: $name, content_type: $type, body: include_bytes!(concat!("../web/", $name)) }
    };
}

const JS: &str = "text/javascript; charset=utf-8";

static ASSETS: &[Asset] = &[
    asset!("index.html", "text/html; charset=utf-8"),
    asset!("style.css", "text/css; charset=utf-8"),
    asset!("icon.svg", "image/svg+xml"),
    asset!("app.js", JS),
    asset!("api.js", JS),
    asset!("i18n.js", JS),
    asset!("dom.js", JS),
    asset!("explain.js", JS),
    asset!("pages/signin.js", JS),
    asset!("pages/search.js", JS),
    asset!("pages/entity.js", JS),
    asset!("pages/document.js", JS),
    asset!("pages/alerts.js", JS),
    asset!("pages/lists.js", JS),
    asset!("pages/measures.js", JS),
    asset!("pages/audit.js", JS),
];

/// The strong ETag of each asset, by position in `ASSETS`, made once.
fn etags() -> &'static [String] {
    static TAGS: OnceLock<Vec<String>> = OnceLock::new();
    TAGS.get_or_init(|| ASSETS.iter().map(|a| format!("\"{}\"", &hex::encode(Sha256::digest(a.body))[..32])).collect())
}

/// Answers asset `name`, or 304 when the client holds the same version.
fn serve(name: &str, headers: &HeaderMap) -> Response {
    let Some(index) = ASSETS.iter().position(|a| a.name == name) else {
        return ApiError::not_found(format!("no file {name:?} in the web application")).into_response();
    };
    let (asset, etag) = (&ASSETS[index], &etags()[index]);
    let fresh = headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut response = if fresh { StatusCode::NOT_MODIFIED.into_response() } else { asset.body.into_response() };
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(v) = HeaderValue::from_str(etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// `GET /`: the application's page.
pub async fn index(headers: HeaderMap) -> Response {
    serve("index.html", &headers)
}

/// `GET /ui/{*file}`: a script, style sheet or image of the application.
pub async fn file(Path(name): Path<String>, headers: HeaderMap) -> Response {
    serve(&name, &headers)
}

/// `GET /favicon.ico`: the application's icon.
pub async fn favicon(headers: HeaderMap) -> Response {
    serve("icon.svg", &headers)
}

/// Whether `path` belongs to the web application (served without a key).
pub fn is_ui_path(path: &str) -> bool {
    path == "/" || path == "/favicon.ico" || path.starts_with("/ui/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_asset_is_served_with_its_type_and_policy() {
        for a in ASSETS {
            let r = serve(a.name, &HeaderMap::new());
            assert_eq!(r.status(), StatusCode::OK, "{}", a.name);
            assert_eq!(r.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()), Some(a.content_type));
            assert!(r.headers().contains_key(header::CONTENT_SECURITY_POLICY));
        }
        assert_eq!(serve("../Cargo.toml", &HeaderMap::new()).status(), StatusCode::NOT_FOUND);
    }

    #[test]
    fn a_known_etag_gets_not_modified() {
        let first = serve("app.js", &HeaderMap::new());
        let tag = first.headers().get(header::ETAG).cloned();
        let mut headers = HeaderMap::new();
        if let Some(t) = tag {
            headers.insert(header::IF_NONE_MATCH, t);
        }
        assert_eq!(serve("app.js", &headers).status(), StatusCode::NOT_MODIFIED);
    }

    #[test]
    fn no_inline_script_or_style_in_the_page() {
        let page = String::from_utf8_lossy(ASSETS[0].body);
        assert!(!page.contains("<script>") && !page.contains("style="), "the CSP forbids inline script and style");
    }
}
