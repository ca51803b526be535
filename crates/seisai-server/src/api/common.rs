//! Pieces shared by the endpoints: query-string parameters, dataset
//! scopes, query entities and the entity shape of results.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use seisai_model::{Entity, Schema};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use utoipa::ToSchema;

use crate::ApiError;
use crate::state::Snapshot;

/// Largest `limit` accepted.
pub const MAX_LIMIT: usize = 500;

/// The query-string parameters of a request, repeated keys kept
/// (`include_dataset=a&include_dataset=b`).
#[derive(Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Parses a raw query string.
    pub fn parse(raw: Option<&str>) -> Params {
        let pairs = raw.map(|q| url::form_urlencoded::parse(q.as_bytes()).into_owned().collect()).unwrap_or_default();
        Params(pairs)
    }

    /// The last value of `name`.
    pub fn one(&self, name: &str) -> Option<&str> {
        self.0.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
    }

    /// Every value of `name` (comma-separated values split too).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(','))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// A count parameter with a default and a maximum.
    pub fn count(&self, name: &str, default: usize, max: usize) -> Result<usize, ApiError> {
        match self.one(name) {
            None => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if n <= max => Ok(n),
                Ok(n) => Err(ApiError::unprocessable(format!("parameter {name}={n} is above the maximum {max}"))),
                Err(_) => Err(ApiError::unprocessable(format!("parameter {name}={v:?} is not a whole number"))),
            },
        }
    }

    /// A score parameter in \[0, 1\].
    pub fn score(&self, name: &str) -> Result<Option<f32>, ApiError> {
        match self.one(name) {
            None => Ok(None),
            Some(v) => match v.parse::<f32>() {
                Ok(x) if (0.0..=1.0).contains(&x) => Ok(Some(x)),
                _ => Err(ApiError::unprocessable(format!("parameter {name}={v:?} must be a number between 0 and 1"))),
            },
        }
    }

    /// A date parameter (`YYYY-MM-DD`, or a timestamp whose date is taken).
    pub fn date(&self, name: &str) -> Result<Option<chrono::NaiveDate>, ApiError> {
        match self.one(name) {
            None => Ok(None),
            Some(v) => v
                .get(..10)
                .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
                .map(Some)
                .ok_or_else(|| ApiError::unprocessable(format!("parameter {name}={v:?} is not a date (YYYY-MM-DD)"))),
        }
    }
}

/// The datasets a path's `{dataset}` stands for: `default` (all loaded), a
/// collection of the built-in datasets (`sanctions`, `jp`, …) or one
/// loaded dataset. Empty means all.
pub fn scope(snapshot: &Snapshot, name: &str) -> Result<Vec<String>, ApiError> {
    if name == "default" || name == "all" {
        return Ok(Vec::new());
    }
    if snapshot.versions.contains_key(name) {
        return Ok(vec![name.to_string()]);
    }
    let members: Vec<String> = seisai_sources::builtin()
        .iter()
        .filter(|d| d.collections.contains(&name))
        .map(|d| d.name.to_string())
        .collect();
    if members.is_empty() {
        let loaded: Vec<&str> = snapshot.versions.keys().map(String::as_str).collect();
        return Err(ApiError::not_found(format!(
            "dataset {name:?} is neither loaded nor a collection (loaded: {}; collections: {})",
            loaded.join(", "),
            collections().join(", ")
        )));
    }
    Ok(members)
}

/// The collection names of the built-in datasets.
pub fn collections() -> Vec<&'static str> {
    let mut names: Vec<&'static str> =
        seisai_sources::builtin().iter().flat_map(|d| d.collections.iter().copied()).collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// A query entity as yente takes it.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct QueryEntity {
    /// Optional id of the query.
    #[serde(default)]
    pub id: Option<String>,
    /// FtM schema (`Person`, `Company`, `LegalEntity`, `Vessel`, …).
    pub schema: String,
    /// Properties: each a string or a list of strings.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub properties: BTreeMap<String, serde_json::Value>,
}

impl QueryEntity {
    /// The query as an entity; `place` names it in errors (`queries.q1`).
    pub fn to_entity(&self, place: &str) -> Result<Entity, ApiError> {
        let schema: Schema = self
            .schema
            .parse()
            .map_err(|_| ApiError::unprocessable(format!("{place}.schema: {:?} is not a known schema", self.schema)))?;
        if !schema.is_matchable() {
            return Err(ApiError::unprocessable(format!(
                "{place}.schema: {:?} cannot be matched (use Person, Company, Organization, LegalEntity, Vessel, Airplane…)",
                self.schema
            )));
        }
        let mut entity = Entity::new("query", self.id.as_deref().unwrap_or("query"), schema);
        for (prop, value) in &self.properties {
            let values: Vec<&serde_json::Value> = match value {
                serde_json::Value::Array(items) => items.iter().collect(),
                other => vec![other],
            };
            for v in values {
                match v {
                    serde_json::Value::String(s) => {
                        entity.add(prop, s);
                    }
                    serde_json::Value::Number(n) => {
                        entity.add(prop, n.to_string());
                    }
                    serde_json::Value::Null => {}
                    _ => {
                        return Err(ApiError::unprocessable(format!(
                            "{place}.properties.{prop}: values must be strings (or numbers), found {v}"
                        )));
                    }
                }
            }
        }
        if entity.names().next().is_none() {
            return Err(ApiError::unprocessable(format!(
                "{place}.properties: a name is needed (name, alias, firstName/lastName…)"
            )));
        }
        Ok(entity)
    }
}

/// A listed entity in a response (FtM shape, as yente returns it),
/// borrowed from the entity in service: a response writes it without
/// copying its properties.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntityOut<'a> {
    /// Entity id.
    pub id: &'a str,
    /// Display name.
    pub caption: &'a str,
    /// FtM schema.
    pub schema: &'a str,
    /// Properties.
    #[schema(value_type = BTreeMap<String, Vec<String>>)]
    pub properties: Properties<'a>,
    /// Datasets listing it.
    pub datasets: &'a [String],
    /// Other ids of the same entity.
    pub referents: &'a [String],
    /// Whether it is a listed target (not merely related).
    pub target: bool,
    /// First seen, as the feed states it or the store dated it.
    #[schema(value_type = Option<String>)]
    pub first_seen: Option<Cow<'a, str>>,
    /// Last seen, when the feed states it.
    pub last_seen: Option<&'a str>,
    /// Last change, as the feed states it or the store dated it.
    #[schema(value_type = Option<String>)]
    pub last_change: Option<Cow<'a, str>>,
    /// The list version it comes from.
    pub version: Option<&'a str>,
}

impl<'a> EntityOut<'a> {
    /// The response shape of `e`, its properties written as `properties`.
    pub fn of(e: &'a Entity, properties: Properties<'a>) -> EntityOut<'a> {
        let extra = |k: &str| e.extra.get(k).and_then(|v| v.as_str());
        EntityOut {
            id: &e.id,
            caption: e.caption(),
            schema: e.schema.as_str(),
            properties,
            datasets: &e.datasets,
            referents: &e.referents,
            target: e.extra.get("target").and_then(|v| v.as_bool()).unwrap_or(true),
            first_seen: seisai_store::changes::stated(e, seisai_store::changes::FIRST_SEEN),
            last_seen: extra("last_seen"),
            last_change: seisai_store::changes::stated(e, seisai_store::changes::LAST_CHANGE),
            version: e.version.as_deref(),
        }
    }
}

/// The properties of a listed entity in a response: the entity's own map,
/// or the same map already written as JSON (see [`Snapshot::listed`]).
#[derive(Debug, Clone, Copy)]
pub enum Properties<'a> {
    /// Written from the map.
    Map(&'a seisai_model::Properties),
    /// Written before, copied as is.
    Json(&'a RawValue),
}

impl Serialize for Properties<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Properties::Map(map) => map.serialize(serializer),
            Properties::Json(json) => json.serialize(serializer),
        }
    }
}

/// A listed entity held for a response: the entity in service itself
/// (shared, not copied), written as [`EntityOut`], with its properties
/// already written as JSON when the snapshot keeps them so (see
/// [`Snapshot::listed`]).
#[derive(Debug, Clone)]
pub struct Listed(pub Arc<Entity>, pub Option<Arc<RawValue>>);

impl Listed {
    /// `entity`, its properties written from its map.
    pub fn new(entity: Arc<Entity>) -> Listed {
        Listed(entity, None)
    }
}

impl Serialize for Listed {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let properties = match &self.1 {
            Some(json) => Properties::Json(json),
            None => Properties::Map(&self.0.properties),
        };
        EntityOut::of(&self.0, properties).serialize(serializer)
    }
}

/// Which lists answered: stated in every screening response.
#[derive(Debug, Serialize, ToSchema)]
pub struct Served {
    // The snapshot's own map, shared by the answers.
    /// Dataset → version id.
    #[serde(serialize_with = "shared_map")]
    #[schema(value_type = BTreeMap<String, String>)]
    pub versions: Arc<BTreeMap<String, String>>,
    /// When the index in service was built.
    pub index_built_at: DateTime<Utc>,
    /// Entities in the index.
    pub index_entities: usize,
}

impl Served {
    /// What `snapshot` serves.
    pub fn of(snapshot: &Snapshot) -> Served {
        Served { versions: Arc::clone(&snapshot.served_versions), index_built_at: snapshot.built_at, index_entities: snapshot.index.len() }
    }
}

/// Writes a shared map as the map itself.
fn shared_map<S: serde::Serializer>(map: &Arc<BTreeMap<String, String>>, serializer: S) -> Result<S::Ok, S::Error> {
    map.as_ref().serialize(serializer)
}

/// Whether `e` carries any of `topics` (all pass when none given).
pub fn has_topic(e: &Entity, topics: &[String]) -> bool {
    topics.is_empty() || e.get("topics").iter().any(|t| topics.contains(t))
}

/// Whether the request's content type starts with `prefix`.
pub fn content_type_is(headers: &axum::http::HeaderMap, prefix: &str) -> bool {
    headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(prefix))
}

/// `value` as an `application/json` response, written into a buffer of
/// `capacity` bytes: axum's `Json` starts at 128 bytes and grows the
/// buffer several times for a match answer (~6 KB per query).
pub fn json_response<T: Serialize>(value: &T, capacity: usize) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let mut body = Vec::with_capacity(capacity);
    serde_json::to_writer(&mut body, value).map_err(|e| ApiError::internal(format!("cannot write the answer as JSON: {e}")))?;
    let json = axum::http::HeaderValue::from_static("application/json");
    Ok(([(axum::http::header::CONTENT_TYPE, json)], body).into_response())
}
