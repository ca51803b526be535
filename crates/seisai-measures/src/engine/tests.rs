//! The scenario table (`tests/fixtures/scenarios.toml`): every case is a
//! document, an as-of date, the expected decision and the measures and field
//! locations its reasons must (or must not) cite. Name screening is done by a
//! test double of the matching engine: exact normalised-name lookup over the
//! handful of entities the scenario file declares.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::documents::Document;
use crate::screening::{KnownOwner, ListHit, PartyQuery, PartyScreener, normalise_bic};
use crate::text::normalise;
use crate::{Engine, Outcome, Policy};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TestEntity {
    id: String,
    dataset: String,
    version: String,
    caption: String,
    names: Vec<String>,
    #[serde(default)]
    programs: Vec<String>,
    #[serde(default)]
    record_id: Option<String>,
    listed_on: NaiveDate,
    #[serde(default)]
    delisted_on: Option<NaiveDate>,
    #[serde(default)]
    bics: Vec<String>,
}

/// An ownership record of the test lists (FtM `Ownership`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TestOwnership {
    company: String,
    owner: String,
    percent: f64,
    direct: bool,
    source: String,
}

/// Test double of the matching engine: exact lookup of normalised names and BICs.
struct ExactScreener {
    entities: Vec<TestEntity>,
    ownership: Vec<TestOwnership>,
}

impl ExactScreener {
    fn hit(e: &TestEntity, matched: &str) -> ListHit {
        ListHit {
            entity_id: e.id.clone(),
            dataset: e.dataset.clone(),
            version: Some(e.version.clone()),
            caption: e.caption.clone(),
            score: 1.0,
            programs: e.programs.clone(),
            topics: vec!["sanction".into()],
            matched_name: matched.to_string(),
            record_id: e.record_id.clone(),
            listed_on: Some(e.listed_on),
        }
    }

    fn in_force(e: &TestEntity, as_of: Option<NaiveDate>) -> bool {
        as_of.is_none_or(|d| e.listed_on <= d && e.delisted_on.is_none_or(|x| d < x))
    }
}

impl PartyScreener for ExactScreener {
    fn screen(&self, party: &PartyQuery, as_of: Option<NaiveDate>) -> Vec<ListHit> {
        let wanted: Vec<String> = party.names.iter().map(|n| normalise(n)).collect();
        self.entities
            .iter()
            .filter(|e| Self::in_force(e, as_of))
            .filter_map(|e| e.names.iter().find(|n| wanted.contains(&normalise(n))).map(|n| Self::hit(e, n)))
            .collect()
    }

    fn find_by_identifier(&self, kind: &str, value: &str, as_of: Option<NaiveDate>) -> Vec<ListHit> {
        if kind != "swiftBic" {
            return Vec::new();
        }
        let wanted = normalise_bic(value);
        self.entities
            .iter()
            .filter(|e| Self::in_force(e, as_of))
            .filter_map(|e| e.bics.iter().find(|b| normalise_bic(b) == wanted).map(|b| Self::hit(e, b)))
            .collect()
    }

    fn owners_of(&self, party: &PartyQuery, _as_of: Option<NaiveDate>) -> Vec<KnownOwner> {
        let wanted: Vec<String> = party.names.iter().map(|n| normalise(n)).collect();
        self.ownership
            .iter()
            .filter(|o| wanted.contains(&normalise(&o.company)))
            .map(|o| KnownOwner { name: o.owner.clone(), percent: o.percent, direct: o.direct, source: o.source.clone() })
            .collect()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    as_of: Option<NaiveDate>,
    expect: Outcome,
    #[serde(default)]
    measures: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    fields: Vec<String>,
    #[serde(default)]
    policies: Vec<String>,
    #[serde(default)]
    document: Option<String>,
    #[serde(default)]
    reference_message: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioFile {
    entity: Vec<TestEntity>,
    #[serde(default)]
    ownership: Vec<TestOwnership>,
    case: Vec<Case>,
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load_scenarios() -> ScenarioFile {
    let path = crate_dir().join("tests/fixtures/scenarios.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn engine_for(all: &[Policy], ids: &[String], screener: Arc<ExactScreener>) -> Engine {
    let chosen: Vec<Policy> = all.iter().filter(|p| ids.is_empty() || ids.contains(&p.file.policy.id)).cloned().collect();
    Engine::new(chosen, screener)
}

/// Runs one case; `Err` describes every mismatch.
fn run_case(case: &Case, engines: &HashMap<Vec<String>, Engine>) -> Result<(), String> {
    let (bytes, label) = match (&case.document, &case.reference_message) {
        (Some(d), None) => (d.clone(), case.name.clone()),
        (None, Some(file)) => match crate::documents::tests::reference_message(file) {
            Some(text) => (text, file.clone()),
            None => return Ok(()),
        },
        _ => return Err("needs exactly one of document / reference_message".into()),
    };
    let doc = Document::detect(bytes.as_bytes(), &label).map_err(|e| format!("document error: {e}"))?;
    let engine = engines.get(&case.policies).ok_or("no engine")?;
    let decision = engine.check(&doc, case.as_of);
    let mut problems = Vec::new();
    if decision.outcome != case.expect {
        problems.push(format!("outcome {} (expected {})", decision.outcome.as_str(), case.expect.as_str()));
    }
    let cited: Vec<&str> = decision.reasons.iter().filter_map(|r| r.measure_id.as_deref()).collect();
    for m in &case.measures {
        if !cited.contains(&m.as_str()) {
            problems.push(format!("measure {m} not cited"));
        }
    }
    for m in &case.absent {
        if cited.contains(&m.as_str()) {
            problems.push(format!("measure {m} cited but must not be"));
        }
    }
    for f in &case.fields {
        if !decision.reasons.iter().any(|r| r.fields.iter().any(|x| x.location.contains(f.as_str()))) {
            problems.push(format!("no reason names field {f:?}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n{}", problems.join("; "), crate::render_table(&decision)))
    }
}

#[test]
fn scenario_table() {
    let file = load_scenarios();
    let all = Policy::load_dir(crate_dir().join("../../policies")).unwrap_or_else(|e| panic!("{e}"));
    let screener = Arc::new(ExactScreener { entities: file.entity, ownership: file.ownership });
    let mut engines: HashMap<Vec<String>, Engine> = HashMap::new();
    for case in &file.case {
        engines.entry(case.policies.clone()).or_insert_with(|| engine_for(&all, &case.policies, screener.clone()));
    }
    let mut failed = Vec::new();
    for (i, case) in file.case.iter().enumerate() {
        if let Err(e) = run_case(case, &engines) {
            eprintln!("FAILED case {} {:?}: {e}", i + 1, case.name);
            failed.push(case.name.clone());
        }
    }
    assert!(file.case.len() >= 60, "only {} cases", file.case.len());
    assert!(failed.is_empty(), "{} of {} cases failed: {failed:?}", failed.len(), file.case.len());
}

#[test]
fn measures_listing_by_date() {
    let all = Policy::load_dir(crate_dir().join("../../policies")).unwrap_or_else(|e| panic!("{e}"));
    let engine = Engine::new(all, Arc::new(crate::screening::NoLists));
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let before = engine.measures(d("2014-08-04")).len();
    let after = engine.measures(d("2014-08-05")).len();
    assert!(after > before, "{before} {after}");
    let ids: Vec<&str> = engine.measures(d("2025-10-01")).iter().map(|m| m.id.as_str()).collect();
    assert!(ids.contains(&"JP-2025-01"), "{ids:?}");
    let early: Vec<&str> = engine.measures(d("2022-12-04")).iter().map(|m| m.id.as_str()).collect();
    assert!(!early.contains(&"JP-2022-23") && !early.contains(&"JP-2025-01"), "{early:?}");
    assert!(engine.measures(None).len() >= 40);
}

#[test]
fn decision_serialises_and_renders() {
    let all = Policy::load_dir(crate_dir().join("../../policies")).unwrap_or_else(|e| panic!("{e}"));
    let engine = Engine::new(all, Arc::new(crate::screening::NoLists));
    let doc = Document::detect(
        br#"{"kind":"oil_cargo","hs_code":"2709","price_usd_per_bbl":65,"loading_date":"2023-01-10","origin_country":"RU"}"#,
        "oil.json",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let decision = engine.check(&doc, None);
    assert_eq!(decision.as_of.to_string(), "2023-01-10");
    let json = serde_json::to_value(&decision).unwrap_or_default();
    assert_eq!(json["outcome"], "PROHIBITED");
    assert_eq!(json["reasons"][0]["measure_id"], "JP-2022-23");
    assert_eq!(json["reasons"][0]["legal_basis"][0], "FEFTA Art. 52 (import approval)");
    let table = crate::render_table(&decision);
    assert!(table.contains("PROHIBITED") && table.contains("JP-2022-23") && table.contains("/price_usd_per_bbl"), "{table}");
}
