//! The measures endpoints: documents checked against the sanctions
//! measures (`/screen/trade`, `/screen/payment`, `/screen/security`,
//! `/screen/oil`) and the policy itself (`/measures`).

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use chrono::NaiveDate;
use serde_json::Value;

use crate::error::ApiError;
use crate::state::Shared;

fn as_of(raw: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    let Some(raw) = raw else { return Ok(None) };
    for pair in raw.split('&') {
        if let Some(v) = pair.strip_prefix("as_of=") {
            return NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| ApiError::bad_request(format!("as_of {v:?}: expected a date as YYYY-MM-DD")));
        }
    }
    Ok(None)
}

/// The measures engine over the lists in service; 503 without policy files.
fn engine(state: &Shared) -> Result<seisai_measures::Engine, ApiError> {
    if state.policies.is_empty() {
        return Err(ApiError::unavailable("no policy files are loaded (start the server with --policies DIR)"));
    }
    Ok(seisai_measures::Engine::new(state.policies.clone(), state.current()?.screener.clone()))
}

/// Checks one document against the measures in force on `as_of` (query
/// parameter, default the document's own date). The document is the body:
/// JSON with a `kind` (`party`, `trade`, `securities_order`, `oil_cargo`),
/// ISO 20022 pacs.008 / pain.001 XML, or SWIFT MT103 / MT202COV text.
#[utoipa::path(post, path = "/screen/document", request_body(content = String, description = "the document"),
    params(("as_of" = Option<String>, Query, description = "evaluate as of this date (YYYY-MM-DD)")),
    responses((status = 200, description = "the decision with its reasons"), (status = 400), (status = 422), (status = 503)), tag = "measures")]
pub async fn screen_document(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
    uri: axum::http::Uri,
    crate::middleware::ActorOf(actor): crate::middleware::ActorOf,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let day = as_of(raw.as_deref())?;
    if body.is_empty() {
        return Err(ApiError::bad_request("the request body is empty; a trade, payment, securities order or oil cargo document was expected"));
    }
    let doc = seisai_measures::Document::detect(&body, "request body").map_err(|e| ApiError::unprocessable(e.to_string()))?;
    let engine = engine(&state)?;
    let snapshot = state.current()?;
    let decision = tokio::task::spawn_blocking(move || engine.check(&doc, day))
        .await
        .map_err(|e| ApiError::internal(format!("check failed: {e}")))?;
    let mut answer =
        serde_json::to_value(&decision).map_err(|e| ApiError::internal(format!("cannot encode the decision: {e}")))?;
    let screening = document_screening(&snapshot, uri.path(), &body, &decision, answer.clone());
    let outcome = super::alerts::with_review(&state, move |r| r.record_screening(&screening, &actor)).await?;
    answer["alert_id"] = serde_json::json!(outcome.alert_id);
    answer["suppressed"] = serde_json::json!(outcome.suppressed);
    Ok(Json(answer))
}

/// The screening record of a document decision: an alert unless CLEAR.
fn document_screening(
    snapshot: &crate::state::Snapshot,
    path: &str,
    body: &[u8],
    decision: &seisai_measures::Decision,
    answer: Value,
) -> seisai_review::Screening {
    let kind = path.strip_prefix("/screen/").unwrap_or("document").to_string();
    let input = serde_json::from_slice(body).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()));
    let hits = decision
        .reasons
        .iter()
        .filter_map(|r| r.list.as_ref())
        .map(|m| {
            let listed = snapshot.index.get(&m.entity_id);
            seisai_review::HitSnapshot {
                entity_id: m.entity_id.clone(),
                caption: m.caption.clone(),
                schema: listed.map(|e| e.schema.as_str().to_string()).unwrap_or_default(),
                datasets: vec![m.dataset.clone()],
                score: m.score,
                explanations: serde_json::json!({"name": {"score": m.score, "detail": m.relation, "query": m.matched_name, "candidate": m.caption}}),
                properties: listed.map(|e| serde_json::json!(e.properties)).unwrap_or_default(),
                entity_fingerprint: listed.map(|e| seisai_review::entity_fingerprint(e)),
            }
        })
        .collect();
    seisai_review::Screening {
        kind,
        subject: format!("{} {}", decision.document, decision.reference.as_deref().unwrap_or("")).trim().to_string(),
        input,
        decision: decision.outcome.as_str().to_lowercase(),
        decision_detail: answer,
        hits,
        list_versions: snapshot.version_ids(),
        policy_version: (!decision.policies.is_empty()).then(|| decision.policies.join(",")),
        customer_id: None,
        party_fingerprint: None,
        review_without_hits: decision.outcome != seisai_measures::Outcome::Clear,
    }
}

/// The header naming the policies behind `/measures` (`id@version, …`),
/// `none` when the server runs without policy files.
pub const POLICIES_HEADER: &str = "seisai-policies";

/// The measures of the loaded policies, only those in force on `as_of`
/// when given. Without policy files the list is empty and the
/// `seisai-policies` header says `none`.
#[utoipa::path(get, path = "/measures",
    params(("as_of" = Option<String>, Query, description = "only measures in force on this date (YYYY-MM-DD)")),
    responses((status = 200, description = "the measures with dates and legal basis (an empty list when no policy file is loaded)",
        headers(("seisai-policies" = String, description = "the policies loaded, as `id@version` separated by `, `; `none` without policy files")))),
    tag = "measures")]
pub async fn measures(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<([(&'static str, String); 1], Json<Value>), ApiError> {
    let day = as_of(raw.as_deref())?;
    let loaded: Vec<String> = state.policies.iter().map(|p| format!("{}@{}", p.file.policy.id, p.file.policy.version)).collect();
    let header = [(POLICIES_HEADER, if loaded.is_empty() { "none".to_string() } else { loaded.join(", ") })];
    let engine = seisai_measures::Engine::new(state.policies.clone(), Arc::new(seisai_measures::screening::NoLists));
    let listed =
        serde_json::to_value(engine.measures(day)).map_err(|e| ApiError::internal(format!("cannot encode the measures: {e}")))?;
    Ok((header, Json(listed)))
}

/// What a `/screen/party` request adds for the 50 % rule.
#[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct OwnershipInput {
    /// Declared direct owners (name, percent, direct, country).
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    pub owners: Vec<seisai_measures::documents::Owner>,
    /// Country of the party's main office (a subsidiary with its main office in Japan is exempt from the 50 % rule).
    #[serde(default)]
    pub main_office_country: Option<String>,
}

/// A query entity as the measures engine's party document: names and
/// aliases, kind, birth date, nationality, country, address lines and
/// identifiers, with the declared ownership.
pub fn party_document(
    entity: &seisai_model::Entity,
    ownership: OwnershipInput,
) -> seisai_measures::Document {
    use seisai_measures::documents::{AddressInput, Party};
    use seisai_measures::screening::{Identifier, PartyKind};
    use seisai_model::{Schema, props};
    let mut names = entity.names().map(|(_, n)| n.to_string());
    let name = names.next().unwrap_or_default();
    let first = |prop: &str| entity.get(prop).first().cloned();
    let identifiers = props::IDENTIFIER_PROPS
        .iter()
        .flat_map(|kind| {
            entity.get(kind).iter().map(|v| Identifier {
                kind: (*kind).to_string(),
                value: v.clone(),
            })
        })
        .collect();
    let lines = entity.get(props::ADDRESS).to_vec();
    seisai_measures::Document::Party(Party {
        id: Some(entity.id.clone()),
        name,
        aliases: names.collect(),
        party_type: match entity.schema {
            Schema::Person => PartyKind::Person,
            Schema::Company | Schema::Organization | Schema::PublicBody => PartyKind::Organization,
            _ => PartyKind::Unknown,
        },
        birth_date: first(props::BIRTH_DATE),
        nationality: first(props::NATIONALITY),
        country: first(props::COUNTRY),
        address: (!lines.is_empty()).then(|| AddressInput {
            lines,
            ..Default::default()
        }),
        identifiers,
        owners: ownership.owners,
        main_office_country: ownership.main_office_country,
    })
}

/// The measures decision on a party (asset freeze, export-ban entity, 50 %
/// rule, each with its legal basis), or None when no policy is loaded.
/// The lists are those of `snapshot`, the one the request started with.
pub fn check_party(
    state: &Shared,
    snapshot: &crate::state::Snapshot,
    entity: &seisai_model::Entity,
    ownership: OwnershipInput,
    day: Option<NaiveDate>,
) -> Option<seisai_measures::Decision> {
    if state.policies.is_empty() {
        return None;
    }
    let engine = seisai_measures::Engine::new(state.policies.clone(), snapshot.screener.clone());
    Some(engine.check(&party_document(entity, ownership), day))
}

/// The `as_of` parameter of a raw query string.
pub fn as_of_param(raw: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    as_of(raw)
}
