//! The endpoints and the router.

pub mod admin;
pub mod alerts;
pub mod audit;
pub mod common;
pub mod customers;
pub mod explanations;
pub mod lists;
pub mod matching;
pub mod measures;
pub mod reconcile;
pub mod search;
pub mod weights;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::response::{Html, IntoResponse};
use axum::routing::{get, post};
use utoipa::OpenApi;

use crate::state::Shared;

/// The OpenAPI document, generated from the handlers and types.
#[derive(OpenApi)]
#[openapi(
    info(title = "seisai screening service", description = "Sanctions screening with a yente-compatible matching API, list versions and live updates."),
    paths(
        matching::match_entities, matching::screen_party, search::search, search::entity,
        lists::catalog, lists::algorithms, lists::lists, lists::diff, lists::healthz, lists::readyz, lists::metrics,
        reconcile::manifest, reconcile::reconcile, admin::import, admin::sync,
        measures::screen_document, measures::measures,
        alerts::list, alerts::get, alerts::assign, alerts::status, alerts::note, alerts::propose, alerts::approve,
        alerts::reject, alerts::attach, alerts::attachment, audit::list, audit::verify, audit::export,
        audit::suppressions, audit::revoke, audit::me, customers::import, customers::list, customers::monitor,
        customers::rescreen_all
    ),
    modifiers(&SecurityAddon),
    tags((name = "matching", description = "yente-compatible"), (name = "reconciliation", description = "OpenRefine"),
        (name = "seisai", description = "seisai's own"), (name = "admin", description = "list updates (role admin)"),
        (name = "operations", description = "health and metrics"),
        (name = "measures", description = "sanctions measures applied to documents"),
        (name = "review", description = "alerts, four-eyes review, suppressions and the audit trail (roles analyst, approver)"))
)]
pub struct ApiDoc;

struct SecurityAddon;

impl utoipa::Modify for SecurityAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "ApiKey KEY (a key made with `seisai keys add --role ROLE`)",
            ))),
        );
    }
}

async fn openapi_json() -> impl IntoResponse {
    axum::Json(ApiDoc::openapi())
}

async fn docs() -> Html<&'static str> {
    Html(include_str!("docs.html"))
}

/// The router with every endpoint and the per-request middleware.
pub fn router(state: Shared) -> Router {
    let body_limit = state.settings.body_limit;
    let import_limit = state.settings.import_limit;
    let admin = Router::new()
        .route("/admin/import", post(admin::import))
        .route("/admin/sync", post(admin::sync))
        .route("/alerts/{id}/attachments", post(alerts::attach))
        .route("/customers/import", post(customers::import))
        .layer(DefaultBodyLimit::max(import_limit));
    Router::new()
        .route("/match/{dataset}", post(matching::match_entities))
        .route("/screen/party", post(matching::screen_party))
        .route("/screen/document", post(measures::screen_document))
        .route("/screen/trade", post(measures::screen_document))
        .route("/screen/payment", post(measures::screen_document))
        .route("/screen/security", post(measures::screen_document))
        .route("/screen/oil", post(measures::screen_document))
        .route("/measures", get(measures::measures))
        .route("/search/{dataset}", get(search::search))
        .route("/entities/{id}", get(search::entity))
        .route("/catalog", get(lists::catalog))
        .route("/algorithms", get(lists::algorithms))
        .route("/reconcile/{dataset}", get(reconcile::manifest).post(reconcile::reconcile))
        .route("/lists", get(lists::lists))
        .route("/lists/{dataset}/diff", get(lists::diff))
        .route("/healthz", get(lists::healthz))
        .route("/readyz", get(lists::readyz))
        .route("/metrics", get(lists::metrics))
        .route("/me", get(audit::me))
        .route("/alerts", get(alerts::list))
        .route("/alerts/assign", post(alerts::assign))
        .route("/alerts/{id}", get(alerts::get))
        .route("/alerts/{id}/status", post(alerts::status))
        .route("/alerts/{id}/notes", post(alerts::note))
        .route("/alerts/{id}/propose", post(alerts::propose))
        .route("/alerts/{id}/approve", post(alerts::approve))
        .route("/alerts/{id}/reject", post(alerts::reject))
        .route("/alerts/{id}/attachments/{attachment}", get(alerts::attachment))
        .route("/audit", get(audit::list))
        .route("/audit/verify", get(audit::verify))
        .route("/audit/export", get(audit::export))
        .route("/suppressions", get(audit::suppressions))
        .route("/customers", get(customers::list))
        .route("/monitor/delta", post(customers::monitor))
        .route("/monitor/rescreen", post(customers::rescreen_all))
        .route("/suppressions/{id}/revoke", post(audit::revoke))
        .route("/openapi.json", get(openapi_json))
        .route("/docs", get(docs))
        .route("/", get(crate::ui::index))
        .route("/favicon.ico", get(crate::ui::favicon))
        .route("/ui/{*file}", get(crate::ui::file))
        .layer(DefaultBodyLimit::max(body_limit))
        .merge(admin)
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::middleware::around))
        .with_state(state)
}
