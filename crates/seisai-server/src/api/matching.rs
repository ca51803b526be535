//! `POST /match/{dataset}` (yente's matching API) and `POST /screen/party`.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use seisai_index::SearchOptions;
use seisai_matching::Config;
use seisai_model::{Entity, Schema};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::explanations::{Explanations, FeatureOut};
use super::common::{EntityOut, Listed, MAX_LIMIT, Params, QueryEntity, Served, has_topic, json_response, scope};
use super::weights::Weights;
use crate::ApiError;
use seisai_store::changes::last_change;
use crate::error::{from_value, parse_json};
use crate::state::{Shared, Snapshot};

/// Most queries in one `/match` request.
pub const MAX_QUERIES: usize = 100;
/// The scoring algorithm's name.
pub const ALGORITHM: &str = "seisai-v1";
/// yente algorithm names accepted for compatibility (answered by seisai-v1).
pub const YENTE_ALIASES: &[&str] = &["best", "default", "logic-v1", "logic-v2", "name-based", "name-qualified", "regression-v1"];

/// The body of `/match`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MatchRequest {
    /// Query id → query entity (at most 100).
    #[schema(value_type = BTreeMap<String, QueryEntity>)]
    pub queries: BTreeMap<String, serde_json::Value>,
    /// Feature weights, as in yente: feature name → weight, multiplying the
    /// feature's contribution to the score. seisai's features are `name`,
    /// `identifier`, `birth_date`, `country` and `gender` (1 = unchanged, 0
    /// = ignored, 2 = counted double); yente's logic-v2 names map onto them
    /// as `weight / yente's default weight`: `name_match` (1.0) → name;
    /// `identifier_match` (0.85), `lei_code_match`, `ogrn_code_match`,
    /// `inn_code_match`, `bic_code_match`, `vessel_imo_mmsi_match` (0.95),
    /// `isin_security_match` (0.98) → rewards of identifier;
    /// `country_mismatch` (-0.2) → penalties of country;
    /// `dob_year_disjoint` (-0.15), `dob_day_disjoint` (-0.25) → penalties
    /// of birth_date; `gender_mismatch` (-0.2) → penalties of gender. The
    /// result is scored again by the engine's formula with each feature's
    /// contribution multiplied by its weight (clamped to [0, 1]; an exact
    /// identifier contributes its lift over the name score), results are
    /// ranked again on it, and the explanations show the weighted
    /// contributions. Other keys are listed in `seisai.ignored`.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub weights: Option<serde_json::Value>,
    /// yente algorithm configuration (accepted; seisai-v1 uses its own).
    #[serde(default)]
    #[schema(value_type = Object)]
    pub config: Option<serde_json::Value>,
}

/// One scored result.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScoredEntity {
    /// The listed entity.
    #[serde(flatten)]
    #[schema(value_type = EntityOut)]
    pub entity: Listed,
    /// Score in \[0, 1\].
    pub score: f32,
    /// Whether the score reaches the threshold.
    #[serde(rename = "match")]
    pub is_match: bool,
    /// Feature → contribution (`name`, `birth_date`, `country`, …).
    #[schema(value_type = BTreeMap<String, FeatureOut>)]
    pub explanations: Explanations,
}

/// Count of results.
#[derive(Debug, Serialize, ToSchema)]
pub struct Total {
    /// Number.
    pub value: usize,
    /// `eq`.
    pub relation: &'static str,
}

/// The answer to one query.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueryResponse {
    /// 200.
    pub status: u16,
    /// Results, best first.
    pub results: Vec<ScoredEntity>,
    /// Number of results.
    pub total: Total,
    /// The query as received.
    pub query: QueryEntity,
}

/// The answer of `/match`.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchResponse {
    /// Query id → answer.
    pub responses: BTreeMap<String, QueryResponse>,
    /// The limit applied.
    pub limit: usize,
    /// The list versions used, the algorithm and the threshold.
    pub seisai: MatchInfo,
}

/// seisai's additions to a match answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchInfo {
    /// Lists used.
    #[serde(flatten)]
    pub served: Served,
    /// Algorithm that scored.
    pub algorithm: &'static str,
    /// Threshold applied.
    pub threshold: f32,
    /// Request fields accepted but not applied, with the reason.
    pub ignored: Vec<String>,
}

/// Search options and post-filters from the query string.
pub struct MatchParams {
    /// Options of the index search.
    pub options: SearchOptions,
    /// Results wanted.
    pub limit: usize,
    /// Only entities with one of these topics.
    pub topics: Vec<String>,
    /// Only entities that changed on or after this date.
    pub changed_since: Option<chrono::NaiveDate>,
    /// Notes on parameters accepted but not applied.
    pub ignored: Vec<String>,
    /// yente's feature weights (default: none).
    pub weights: Weights,
    /// Results scoring at or below this are left out (from `cutoff`, see
    /// `SearchOptions::min_score_for`); with weights, after rescoring.
    pub min_score: f32,
}

impl MatchParams {
    /// Reads the yente parameters for `dataset`.
    pub fn read(params: &Params, snapshot: &Snapshot, dataset: &str) -> Result<MatchParams, ApiError> {
        let limit = params.count("limit", 5, MAX_LIMIT)?;
        let threshold = params.score("threshold")?.unwrap_or(Config::DEFAULT_THRESHOLD);
        let min_score = SearchOptions::min_score_for(params.score("cutoff")?, threshold);
        if let Some(a) = params.one("algorithm") {
            if a != ALGORITHM && !YENTE_ALIASES.contains(&a) {
                return Err(ApiError::unprocessable(format!(
                    "parameter algorithm={a:?} is not known (see /algorithms: {ALGORITHM}, or a yente name)"
                )));
            }
        }
        let mut datasets = scope(snapshot, dataset)?;
        let include = params.all("include_dataset");
        if !include.is_empty() {
            datasets = if datasets.is_empty() { include } else { datasets.into_iter().filter(|d| include.contains(d)).collect() };
            if datasets.is_empty() {
                return Err(ApiError::unprocessable(format!(
                    "include_dataset leaves no dataset of {dataset:?} to search"
                )));
            }
        }
        let mut exclude_schemata: Vec<Schema> = Vec::new();
        for s in params.all("exclude_schema") {
            exclude_schemata
                .push(s.parse::<Schema>().map_err(|_| ApiError::unprocessable(format!("parameter exclude_schema={s:?} is not a schema")))?);
        }
        let changed_since = params.date("changed_since")?;
        let topics = params.all("topics");
        let filtered = !topics.is_empty() || changed_since.is_some();
        let wanted = if filtered { limit.saturating_mul(4).max(50) } else { limit };
        let options = SearchOptions {
            limit: wanted,
            // As many candidates as the engine's evaluation scores (see
            // BENCHMARKS.md "Service": 200 cost 3× the CPU and added only
            // false alerts on the evaluation sets), more when more are wanted.
            candidates: SearchOptions::default().candidates.max(wanted),
            config: Config { threshold },
            datasets,
            exclude_datasets: params.all("exclude_dataset"),
            exclude_schemata,
            exclude_ids: params.all("exclude_entity_ids"),
            as_of: None,
            min_score,
        };
        Ok(MatchParams { options, limit, topics, changed_since, ignored: Vec::new(), weights: Weights::default(), min_score })
    }

    /// Applies feature `weights`: results are scored again, so more
    /// candidates are fetched to rank among.
    pub fn with_weights(mut self, weights: Weights) -> Self {
        if !weights.is_default() {
            self.options.limit = self.options.limit.max(self.limit.saturating_mul(4).max(50));
            self.options.candidates = self.options.candidates.max(self.options.limit);
            // Weights may lift a score above the cutoff: it applies after.
            self.options.min_score = 0.0;
        }
        self.weights = weights;
        self
    }
}

/// Whether a JSON value carries anything (yente clients send `{}` by default).
fn not_empty(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Null => false,
        serde_json::Value::Object(m) => !m.is_empty(),
        _ => true,
    }
}

/// Scores one prepared query against the snapshot.
pub fn run_query(snapshot: &Snapshot, query: &Entity, params: &MatchParams) -> Vec<ScoredEntity> {
    let prepared = snapshot.index.prepare(query);
    let hits = snapshot
        .index
        .search(&prepared, &params.options)
        .into_iter()
        .filter(|h| has_topic(&h.entity, &params.topics))
        .filter(|h| params.changed_since.is_none_or(|since| last_change(&h.entity).is_none_or(|d| d >= since)));
    if params.weights.is_default() {
        return hits.take(params.limit).map(|h| scored(snapshot, h)).collect();
    }
    let mut results: Vec<ScoredEntity> = hits
        .map(|mut h| {
            params.weights.apply(&mut h.result, params.options.config.threshold);
            h
        })
        .filter(|h| h.result.score > params.min_score)
        .map(|h| scored(snapshot, h))
        .collect();
    results.sort_by(|a, b| b.score.total_cmp(&a.score));
    results.truncate(params.limit);
    results
}

/// A search hit as a result with its explanations.
fn scored(snapshot: &Snapshot, h: seisai_index::Hit) -> ScoredEntity {
    ScoredEntity {
        entity: snapshot.listed(h.entity),
        score: h.result.score,
        is_match: h.result.is_match,
        explanations: Explanations(h.result.explanation),
    }
}

/// The queries of a `/match` body, decoded and checked.
pub struct DecodedMatch {
    /// (query id, the query as received, the query as an entity), in id order.
    pub queries: Vec<(String, QueryEntity, Entity)>,
    /// Notes on fields accepted but not applied (`weights` keys, `config`).
    pub ignored: Vec<String>,
    /// The feature weights.
    pub weights: Weights,
}

/// The body of `/match` with its queries decoded in the same pass: what
/// [`MatchRequest`] gives for a well-formed body, without the tree of
/// JSON values in between.
#[derive(Deserialize)]
struct TypedMatchRequest {
    queries: BTreeMap<String, QueryEntity>,
    #[serde(default)]
    weights: Option<serde_json::Value>,
    #[serde(default)]
    config: Option<serde_json::Value>,
}

/// A query of a `/match` body: decoded, or still a JSON value (decoded,
/// and its error named, in its turn).
enum BodyQuery {
    Decoded(QueryEntity),
    Value(serde_json::Value),
}

/// Decodes a `/match` body; errors name the query and field at fault.
/// A body that does not decode in one pass (malformed, or a query with a
/// duplicated field) is decoded again query by query, which names the
/// place of the fault and treats such a body as it always did.
pub fn decode_match(body: &[u8]) -> Result<DecodedMatch, ApiError> {
    let (queries, weights, config): (Vec<(String, BodyQuery)>, _, _) =
        match serde_json::from_slice::<TypedMatchRequest>(body) {
            Ok(r) if r.queries.len() <= MAX_QUERIES => {
                (r.queries.into_iter().map(|(id, q)| (id, BodyQuery::Decoded(q))).collect(), r.weights, r.config)
            }
            _ => {
                let request: MatchRequest = parse_json(body, "match request body")?;
                if request.queries.len() > MAX_QUERIES {
                    return Err(ApiError::unprocessable(format!(
                        "queries: {} queries given, at most {MAX_QUERIES} per request",
                        request.queries.len()
                    )));
                }
                (request.queries.into_iter().map(|(id, v)| (id, BodyQuery::Value(v))).collect(), request.weights, request.config)
            }
        };
    let decoded = Weights::decode(weights.as_ref())?;
    let mut ignored = decoded.ignored;
    if config.as_ref().is_some_and(not_empty) {
        ignored.push("config: seisai-v1 takes the threshold parameter only".into());
    }
    let mut entities = Vec::with_capacity(queries.len());
    for (id, query) in queries {
        let place = format!("queries.{id}");
        let q = match query {
            BodyQuery::Decoded(q) => q,
            BodyQuery::Value(value) => from_value(value, &place)?,
        };
        let entity = q.to_entity(&place)?;
        entities.push((id, q, entity));
    }
    Ok(DecodedMatch { queries: entities, ignored, weights: decoded.weights })
}

/// Match entities against the lists (yente-compatible).
#[utoipa::path(post, path = "/match/{dataset}", request_body = MatchRequest,
    params(("dataset" = String, Path, description = "dataset, collection (`sanctions`, `jp`) or `default`"),
        ("limit" = Option<usize>, Query, description = "results per query (default 5, max 500)"),
        ("threshold" = Option<f32>, Query, description = "match threshold"),
        ("cutoff" = Option<f32>, Query, description = "results scoring below this are left out (default 0.5); never above `threshold`, so every match is returned"),
        ("algorithm" = Option<String>, Query, description = "seisai-v1 (yente names accepted)"),
        ("include_dataset" = Option<Vec<String>>, Query, description = "only these datasets"),
        ("exclude_dataset" = Option<Vec<String>>, Query, description = "not these datasets"),
        ("exclude_schema" = Option<Vec<String>>, Query, description = "not these schemata"),
        ("exclude_entity_ids" = Option<Vec<String>>, Query, description = "not these entities"),
        ("topics" = Option<Vec<String>>, Query, description = "only entities with one of these topics"),
        ("changed_since" = Option<String>, Query, description = "only entities whose list entry changed on or after this date (YYYY-MM-DD; see `last_change`)")),
    responses((status = 200, body = MatchResponse), (status = 400), (status = 404), (status = 422), (status = 503)),
    tag = "matching")]
pub async fn match_entities(
    State(state): State<Shared>,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> Result<axum::response::Response, ApiError> {
    let snapshot = state.current()?;
    state.run_matching(move || answer_match(&snapshot, &dataset, raw.as_deref(), &body)).await?
}

/// The whole answer of `/match` (decoding, search and JSON), built on the
/// matching thread: the async workers only read requests and write
/// answers, so they stay free for the connections (see BENCHMARKS.md
/// "Session 10").
fn answer_match(snapshot: &Arc<Snapshot>, dataset: &str, raw: Option<&str>, body: &[u8]) -> Result<axum::response::Response, ApiError> {
    let decoded = decode_match(body)?;
    let mut params = MatchParams::read(&Params::parse(raw), snapshot, dataset)?.with_weights(decoded.weights);
    params.ignored.extend(decoded.ignored);
    let mut responses = BTreeMap::new();
    for (id, q, entity) in decoded.queries {
        let results = run_query(snapshot, &entity, &params);
        let total = Total { value: results.len(), relation: "eq" };
        responses.insert(id, QueryResponse { status: 200, results, total, query: q });
    }
    let capacity = ANSWER_BYTES_PER_QUERY.saturating_mul(responses.len().max(1));
    let answer = MatchResponse {
        responses,
        limit: params.limit,
        seisai: MatchInfo {
            served: Served::of(snapshot),
            algorithm: ALGORITHM,
            threshold: params.options.config.threshold,
            ignored: params.ignored,
        },
    };
    json_response(&answer, capacity)
}

/// Room reserved for the JSON answer of one query: five results with
/// their properties and explanations take ~6 KB.
const ANSWER_BYTES_PER_QUERY: usize = 8 * 1024;

/// The body of `/screen/party`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PartyRequest {
    /// The party.
    #[schema(value_type = QueryEntity)]
    pub party: serde_json::Value,
    /// Dataset or collection to screen against (default: all loaded).
    #[serde(default)]
    pub dataset: Option<String>,
    /// Your reference for the party (customer id, order id).
    #[serde(default)]
    pub reference: Option<String>,
    /// Declared ownership, for the 50 % rule of the measures.
    #[serde(flatten)]
    pub ownership: super::measures::OwnershipInput,
}

/// The screening decision of one party, ready for review.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartyResponse {
    /// `potential_match` (review needed) or `clear`.
    pub decision: &'static str,
    /// `pending_review` (an alert was made), `suppressed` (every hit is on the good-guy list) or `not_required`.
    pub review_status: &'static str,
    /// Role that must review a potential match.
    pub review_role: Option<&'static str>,
    /// Your reference, echoed.
    pub reference: Option<String>,
    /// The request id (for the audit trail).
    pub screening_id: String,
    /// When screened.
    pub screened_at: chrono::DateTime<chrono::Utc>,
    /// Highest score.
    pub top_score: f32,
    /// Results, best first.
    pub results: Vec<ScoredEntity>,
    /// Lists used.
    pub lists: Served,
    /// Threshold applied.
    pub threshold: f32,
    /// The measures that apply to the party (asset freeze, export-ban
    /// entity, 50 % rule), each with its legal basis, dates and the list
    /// entry behind it; absent when the server runs without policy files.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub measures: Option<seisai_measures::Decision>,
    /// The alert made for review, if any (see `/alerts/{id}`).
    pub alert_id: Option<String>,
    /// Hits left out by the good-guy list: `[{entity_id, suppression_id}]`.
    #[schema(value_type = Vec<Object>)]
    pub suppressed: Vec<seisai_review::SuppressedHit>,
}

/// The snapshot of a hit for an alert, with the fingerprint of the listed entity's data.
pub fn hit_snapshot(r: &ScoredEntity) -> seisai_review::HitSnapshot {
    seisai_review::HitSnapshot {
        entity_id: r.entity.0.id.clone(),
        caption: r.entity.0.caption().to_string(),
        schema: r.entity.0.schema.as_str().to_string(),
        datasets: r.entity.0.datasets.clone(),
        score: f64::from(r.score),
        explanations: serde_json::to_value(&r.explanations).unwrap_or_default(),
        properties: serde_json::to_value(&r.entity.0.properties).unwrap_or_default(),
        entity_fingerprint: Some(seisai_review::entity_fingerprint(&r.entity.0)),
    }
}

/// Decodes a `/screen/party` body into the request and the party as an entity.
pub fn decode_party(body: &[u8]) -> Result<(PartyRequest, Entity), ApiError> {
    let mut request: PartyRequest = parse_json(body, "screen request body")?;
    let q: QueryEntity = from_value(std::mem::take(&mut request.party), "party")?;
    let entity = q.to_entity("party")?;
    Ok((request, entity))
}

/// Screen one party and get a decision for review.
#[utoipa::path(post, path = "/screen/party", request_body = PartyRequest,
    params(("limit" = Option<usize>, Query, description = "results (default 5)"),
        ("threshold" = Option<f32>, Query, description = "match threshold"),
        ("as_of" = Option<String>, Query, description = "evaluate the measures as of this date (YYYY-MM-DD)")),
    responses((status = 200, body = PartyResponse), (status = 400), (status = 422), (status = 503)), tag = "seisai")]
pub async fn screen_party(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
    axum::Extension(request_id): axum::Extension<crate::middleware::RequestId>,
    crate::middleware::ActorOf(actor): crate::middleware::ActorOf,
    body: Bytes,
) -> Result<Json<PartyResponse>, ApiError> {
    let snapshot = state.current()?;
    let (request, entity) = decode_party(&body)?;
    let input: serde_json::Value = parse_json(&body, "screen request body")?;
    let party_fingerprint = seisai_review::entity_fingerprint(&entity);
    let subject = entity.caption().to_string();
    let params = MatchParams::read(&Params::parse(raw.as_deref()), &snapshot, request.dataset.as_deref().unwrap_or("default"))?;
    let day = super::measures::as_of_param(raw.as_deref())?;
    let snap = Arc::clone(&snapshot);
    let shared = Arc::clone(&state);
    let ownership = request.ownership;
    let (results, params, measures) = state
        .run_matching(move || {
            let results = run_query(&snap, &entity, &params);
            let measures = super::measures::check_party(&shared, &snap, &entity, ownership, day);
            (results, params, measures)
        })
        .await?;
    let top_score = results.first().map(|r| r.score).unwrap_or(0.0);
    let hit = results.iter().any(|r| r.is_match);
    let decision = if hit { "potential_match" } else { "clear" };
    let screening = seisai_review::Screening {
        kind: "party".into(),
        subject,
        input,
        decision: decision.into(),
        decision_detail: serde_json::json!({"decision": decision, "top_score": top_score,
            "threshold": params.options.config.threshold, "measures": measures}),
        hits: results.iter().filter(|r| r.is_match).map(hit_snapshot).collect(),
        list_versions: snapshot.version_ids(),
        policy_version: measures.as_ref().filter(|m| !m.policies.is_empty()).map(|m| m.policies.join(",")),
        customer_id: None,
        party_fingerprint: Some(party_fingerprint),
        // Measures not tied to a list entry (those are the hits) need review on their own.
        review_without_hits: measures
            .as_ref()
            .is_some_and(|m| m.reasons.iter().any(|r| r.outcome != seisai_measures::Outcome::Clear && r.list.is_none())),
    };
    let outcome = super::alerts::with_review(&state, move |r| r.record_screening(&screening, &actor)).await?;
    let review_status = match (&outcome.alert_id, hit) {
        (Some(_), _) => "pending_review",
        (None, true) => "suppressed",
        (None, false) => "not_required",
    };
    Ok(Json(PartyResponse {
        decision,
        review_status,
        review_role: outcome.alert_id.is_some().then_some("analyst"),
        alert_id: outcome.alert_id,
        suppressed: outcome.suppressed,
        reference: request.reference,
        screening_id: request_id.0,
        screened_at: chrono::Utc::now(),
        top_score,
        results,
        lists: Served::of(&snapshot),
        threshold: params.options.config.threshold,
        measures,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(body: &str) -> Vec<(String, serde_json::Value, Vec<String>)> {
        let d = match decode_match(body.as_bytes()) {
            Ok(d) => d,
            Err(e) => panic!("{body}: {}", e.message),
        };
        d.queries
            .into_iter()
            .map(|(id, q, e)| (id, serde_json::to_value(&q).unwrap(), e.names().map(|(_, n)| n.to_string()).collect()))
            .collect()
    }

    fn error(body: &str) -> String {
        match decode_match(body.as_bytes()) {
            Ok(_) => panic!("{body} was accepted"),
            Err(e) => e.message,
        }
    }

    #[test]
    fn one_pass_and_query_by_query_decode_alike() {
        // A duplicated field fails the one-pass decoding; query by query the last value counts, as always.
        let twice = decoded(r#"{"queries":{"a":{"schema":"Company","schema":"Person","properties":{"name":"Ann Lee"}}}}"#);
        let once = decoded(r#"{"queries":{"a":{"schema":"Person","properties":{"name":"Ann Lee"}}}}"#);
        assert_eq!(twice, once);
        assert_eq!(once[0].2, vec!["Ann Lee".to_string()]);
        let several = decoded(r#"{"queries":{"b":{"schema":"Person","properties":{"name":["X Y"],"birthDate":[1970]}},"a":{"id":"i","schema":"Company","properties":{"name":"Z"}}}}"#);
        assert_eq!(several.iter().map(|q| q.0.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(several[1].1["properties"]["birthDate"], serde_json::json!([1970]));
    }

    #[test]
    fn errors_name_the_query_in_id_order() {
        assert!(error(r#"{"queries":{"a":{"schema":"Nope"},"b":{"schema":"Person","properties":[]}}}"#).starts_with("queries.a.schema"));
        assert!(error(r#"{"queries":{"a":{"schema":"Person","properties":{"name":"A"}},"b":{"schema":"Person","properties":[]}}}"#)
            .starts_with("queries.b: "));
        assert!(error(r#"{"queries":{"a":{"schema":"Person","properties":{"name":{"x":1}}}}}"#).starts_with("queries.a.properties.name"));
        assert!(error(r#"{"queries":{"a":{"schema":"Person","properties":{"name":"A"}}},"weights":[1]}"#).contains("weights"));
        let many = (0..=MAX_QUERIES).map(|i| format!(r#""q{i}":{{"schema":"Person","properties":{{"name":"A"}}}}"#)).collect::<Vec<_>>();
        assert!(error(&format!(r#"{{"queries":{{{}}}}}"#, many.join(","))).starts_with("queries: 101 queries given"));
        assert!(error(r#"{"queries":"#).starts_with("match request body: "));
    }
}
