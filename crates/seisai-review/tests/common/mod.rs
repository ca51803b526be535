//! Opening a fresh review store on either backend, and screenings to record.
//! PostgreSQL: `SEISAI_TEST_POSTGRES=postgres://user:pass@host/db`; each
//! store gets its own schema, dropped at the end. Without the variable the
//! PostgreSQL tests say they were skipped, unless `SEISAI_REQUIRE_POSTGRES`
//! is set, when they fail.

#![allow(dead_code)]

use std::collections::BTreeMap;

use seisai_model::{Entity, Schema};
use seisai_review::{HitSnapshot, Review, Screening, entity_fingerprint};

/// A backend under test.
#[derive(Clone, Copy, Debug)]
pub enum Which {
    Sqlite,
    Postgres,
}

/// A store and what removes it.
pub struct Fixture {
    pub review: Review,
    /// How to open the same store again (a path or a URL).
    pub database: String,
    _dir: tempfile::TempDir,
    schema: Option<(String, String)>,
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if let Some((url, schema)) = &self.schema {
            if let Ok(mut c) = postgres::Client::connect(url, postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
            }
        }
    }
}

/// The PostgreSQL URL of the tests, or None (skipped) when not configured.
pub fn postgres_url(test: &str) -> Option<String> {
    match std::env::var("SEISAI_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            if std::env::var_os("SEISAI_REQUIRE_POSTGRES").is_some() {
                panic!("{test}: SEISAI_REQUIRE_POSTGRES is set but SEISAI_TEST_POSTGRES is not");
            }
            eprintln!("{test}: skipped on PostgreSQL (set SEISAI_TEST_POSTGRES=postgres://user:pass@host/db to run it)");
            None
        }
    }
}

fn random_hex() -> String {
    let mut b = [0u8; 6];
    getrandom::fill(&mut b).expect("random bytes");
    hex::encode(b)
}

/// A fresh store on `which`, or None when PostgreSQL is not configured.
pub fn open(which: Which, test: &str) -> Option<Fixture> {
    let dir = tempfile::tempdir().expect("temp dir");
    match which {
        Which::Sqlite => {
            let path = dir.path().join("seisai.db");
            let database = path.display().to_string();
            let review = Review::open(Some(&database), dir.path()).expect("open sqlite");
            Some(Fixture { review, database, _dir: dir, schema: None })
        }
        Which::Postgres => {
            let url = postgres_url(test)?;
            let schema = format!("t_{}", random_hex());
            let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect to SEISAI_TEST_POSTGRES");
            c.batch_execute(&format!("CREATE SCHEMA {schema}")).expect("create schema");
            let sep = if url.contains('?') { '&' } else { '?' };
            let database = format!("{url}{sep}options=-c%20search_path%3D{schema}");
            let review = Review::open(Some(&database), dir.path()).expect("open postgres");
            Some(Fixture { review, database, _dir: dir, schema: Some((url, schema)) })
        }
    }
}

/// Runs `body` on a fresh store of each backend.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident => $body:ident;)*) => {
        mod sqlite {
            $(#[test] fn $name() { let f = $crate::common::open($crate::common::Which::Sqlite, stringify!($name)).unwrap(); super::$body(&f); })*
        }
        mod postgres {
            $(#[test] fn $name() { if let Some(f) = $crate::common::open($crate::common::Which::Postgres, stringify!($name)) { super::$body(&f); } })*
        }
    };
}

/// A person with names and an optional birth date.
pub fn person(dataset: &str, id: &str, names: &[&str], birth: Option<&str>) -> Entity {
    let mut e = Entity::new(dataset, id, Schema::Person);
    e.properties.insert("name".into(), names.iter().map(|n| n.to_string()).collect());
    if let Some(b) = birth {
        e.properties.insert("birthDate".into(), vec![b.to_string()]);
    }
    e
}

/// The hit of `listed` with `score`.
pub fn hit(listed: &Entity, score: f64) -> HitSnapshot {
    HitSnapshot {
        entity_id: listed.id.clone(),
        caption: listed.caption().to_string(),
        schema: listed.schema.as_str().to_string(),
        datasets: listed.datasets.clone(),
        score,
        explanations: serde_json::json!({"name": {"score": score, "detail": "test", "query": "", "candidate": listed.caption()}}),
        properties: serde_json::to_value(&listed.properties).expect("properties"),
        entity_fingerprint: Some(entity_fingerprint(listed)),
    }
}

/// A party screening of `party` with `hits`.
pub fn screening(party: &Entity, hits: Vec<HitSnapshot>, customer: Option<&str>) -> Screening {
    let mut versions = BTreeMap::new();
    versions.insert("test_list".to_string(), "20260101000000".to_string());
    Screening {
        kind: if customer.is_some() { "monitoring" } else { "party" }.into(),
        subject: party.caption().to_string(),
        input: serde_json::json!({"party": {"schema": "Person", "properties": party.properties}}),
        decision: if hits.is_empty() { "clear" } else { "potential_match" }.into(),
        decision_detail: serde_json::json!({"decision": "potential_match"}),
        hits,
        list_versions: versions,
        policy_version: None,
        customer_id: customer.map(str::to_string),
        party_fingerprint: Some(entity_fingerprint(party)),
        review_without_hits: false,
    }
}
