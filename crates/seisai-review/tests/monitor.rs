//! Delta monitoring on both backends: a first run screens whole lists;
//! after an update only added and changed entries are screened, removed
//! entries close the open alerts they alone caused, and a run with nothing
//! new screens nothing. Customers are read from CSV and JSON lines.

mod common;

use common::Fixture;
use seisai_matching::NameContext;
use seisai_model::Schema;
use seisai_review::import::{CustomerFormat, parse_mapping, read_customers};
use seisai_review::monitor::{MonitorOptions, delta, rescreen};
use seisai_review::{Actor, AlertFilter, KeyMaker, keycache};
use seisai_sources::Input;
use seisai_store::{ImportOptions, Store};

const V1: &str = r#"{"id": "sidorov", "schema": "Person", "properties": {"name": ["Ivan Petrovich Sidorov"], "birthDate": ["1960-01-01"]}}
{"id": "zyxw", "schema": "Company", "properties": {"name": ["Zyxw Holdings Ltd"]}}
{"id": "smirnova", "schema": "Person", "properties": {"name": ["Olga Nikolaevna Smirnova"], "birthDate": ["1975-05-05"]}}
"#;

const V2: &str = r#"{"id": "sidorov", "schema": "Person", "properties": {"name": ["Ivan Petrovich Sidorov"], "birthDate": ["1960-01-01"]}}
{"id": "zyxw", "schema": "Company", "properties": {"name": ["Zyxw Holdings Ltd", "Northern Star Shipping Ltd"]}}
{"id": "mueller", "schema": "Person", "properties": {"name": ["Hans Dieter Mueller"], "birthDate": ["1970-03-03"]}}
"#;

const CUSTOMERS_CSV: &str = "CustNo,Name,DOB,Kind\n\
c1,Ivan Petrovich Sidorov,1960-01-01,Person\n\
c2,Olga Nikolaevna Smirnova,1975-05-05,Person\n\
c3,Maria Gonzalez,1980-01-01,Person\n\
c4,Hans Dieter Mueller,1970-03-03,Person\n";

const CUSTOMERS_JSONL: &str = r#"{"id": "c5", "name": "Northern Star Shipping Ltd", "schema": "Company", "country": "pa"}
"#;

fn import(store: &mut Store, text: &str) {
    store
        .import("test_list", &[Input::new("list.jsonl".to_string(), text.as_bytes().to_vec())], &ImportOptions { format: None, source: None, published: None })
        .expect("import");
    store.reload().expect("reload");
}

fn delta_monitoring(f: &Fixture) {
    let r = &f.review;
    let actor = Actor::new("monitor", Some("run-1".into()));
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    import(&mut store, V1);

    let map = parse_mapping("id=CustNo,name=Name,birth_date=DOB,schema=Kind").unwrap();
    let csv = read_customers(CUSTOMERS_CSV.as_bytes(), CustomerFormat::Csv, &map, Schema::Person, "customers.csv").unwrap();
    let jsonl = read_customers(CUSTOMERS_JSONL.as_bytes(), CustomerFormat::Jsonl, &Default::default(), Schema::Person, "c.jsonl").unwrap();
    assert_eq!(csv[0].1.get("birthDate"), ["1960-01-01"]);
    assert_eq!(jsonl[0].1.schema, Schema::Company);
    let up = r.upsert_customers(&actor, &csv, "customers.csv", None).unwrap();
    assert_eq!(up.added, 4);
    assert_eq!(r.upsert_customers(&actor, &jsonl, "c.jsonl", None).unwrap().added, 1);
    assert_eq!(r.upsert_customers(&actor, &csv, "customers.csv", None).unwrap().unchanged, 4, "upsert by id; unchanged stays");
    let bad = read_customers(b"CustNo,Name\n,Nobody\n", CustomerFormat::Csv, &map, Schema::Person, "bad.csv");
    assert!(bad.unwrap_err().to_string().contains("bad.csv:2"), "errors name the file and line");

    let opts = MonitorOptions { batch: 2, ..Default::default() };
    let ctx = NameContext::without_dictionaries();
    let first = delta(r, &store, ctx.clone(), &opts, &actor, &|_| {}).unwrap();
    assert_eq!(first.entries_screened, 3, "never monitored: the whole list");
    assert_eq!(first.customers, 5);
    assert_eq!(first.alerts, 2, "{first:?}");
    assert_eq!(first.keys_cached, 5, "every customer's lookup keys made and cached");
    let c2 = r.alerts(&AlertFilter { customer_id: Some("c2".into()), ..Default::default() }).unwrap().1;
    assert_eq!(c2.len(), 1);
    assert_eq!(c2[0].kind, "monitoring");

    import(&mut store, V2);
    let second = delta(r, &store, ctx.clone(), &opts, &actor, &|_| {}).unwrap();
    assert_eq!((second.datasets[0].added, second.datasets[0].changed, second.datasets[0].removed), (1, 1, 1), "{second:?}");
    assert_eq!(second.entries_screened, 2, "only added and changed entries");
    assert_eq!(second.keys_cached, 0, "keys from the cache: {second:?}");
    assert!(second.searched < 5, "customers sharing no key with the new entries are not searched: {second:?}");
    assert_eq!(second.alerts, 2, "the added and the changed entry each alert: {second:?}");
    for c in ["c4", "c5"] {
        assert_eq!(r.alerts(&AlertFilter { customer_id: Some(c.into()), ..Default::default() }).unwrap().0, 1, "{c}");
    }
    assert_eq!(r.alerts(&AlertFilter { customer_id: Some("c1".into()), ..Default::default() }).unwrap().0, 1, "unchanged: no new alert");
    assert_eq!((second.removed.annotated, second.removed.closed), (1, 1));
    let closed = r.alert(&c2[0].id).unwrap();
    assert_eq!(closed.summary.status, "closed_not_relevant");
    assert!(closed.events.iter().any(|e| e.action == "list_entry_removed"));

    let third = delta(r, &store, ctx.clone(), &opts, &actor, &|_| {}).unwrap();
    assert_eq!((third.entries_screened, third.alerts), (0, 0), "nothing new, nothing screened");

    // A changed customer loses its cached keys; keys of another name preparation are not used.
    let mut changed = csv[2].clone();
    changed.1.properties.insert("name".into(), vec!["Maria Gonzalez Lopez".into()]);
    assert_eq!(r.upsert_customers(&actor, &[changed], "customers.csv", None).unwrap().changed, 1);
    r.backend().write(|tx| tx.execute("UPDATE customers SET keys_version = 'older' WHERE id = 'c1'", &[])).unwrap();
    let full = rescreen(r, &store, ctx, &opts, &actor, &|_| {}).unwrap();
    assert_eq!(full.keys_cached, 2, "the changed customer and the one with stale keys: {full:?}");
    assert_eq!(full.customers, 5);
    assert_eq!(full.alerts, 0, "open or confirmed hits are not alerted twice");
    assert_eq!(full.already_alerted, 3, "{full:?}");
    assert!(r.verify().unwrap().ok);
}

const FIRST: &[&str] = &["Ivan", "Olga", "Mohammad", "Ali", "Kim", "Maria", "Sergei", "Omar", "Hans", "Elena"];
const LAST: &[&str] = &["Petrov", "Ivanova", "Hussein", "Khan", "Zhang", "Gonzalez", "Volkov", "Haddad", "Mueller", "Rossi"];
const MIDDLE: &[&str] = &["Karo", "Tenvi", "Dar", "Shalo", "Minel"];

fn list_jsonl(prefix: &str, n: usize, seed: usize) -> String {
    (0..n)
        .map(|i| {
            let k = i * 7 + seed;
            let name = format!("{} {} {}", FIRST[k % FIRST.len()], MIDDLE[k % MIDDLE.len()], LAST[(k / 3) % LAST.len()]);
            format!("{{\"id\": \"{prefix}{i}\", \"schema\": \"Person\", \"properties\": {{\"name\": [\"{name}\"], \"birthDate\": [\"19{}-01-01\"]}}}}\n", 50 + k % 40)
        })
        .collect()
}

/// Monitoring alerts exactly what a search of each customer finds (cached
/// keys skip only customers without candidates; only matches are explained):
/// a cold run (keys made), then a delta run with every key from the cache.
fn same_hits_as_a_direct_search(f: &Fixture) {
    same_hits(f, false);
}

/// The same when the import caches the keys: the first run makes none.
/// Half the customers are imported first without keys: importing them
/// again (unchanged) caches theirs.
fn same_hits_with_keys_cached_at_import(f: &Fixture) {
    same_hits(f, true);
}

fn generated_customers(n: usize) -> Vec<(String, seisai_model::Entity)> {
    (0..n)
        .map(|i| {
            let name = match i % 4 {
                0 => format!("{} {}", FIRST[i % FIRST.len()], LAST[(i / 10) % LAST.len()]),
                1 => format!("{} {} {}", FIRST[(i / 4) % FIRST.len()], MIDDLE[i % MIDDLE.len()], LAST[(i / 7) % LAST.len()]),
                2 => format!("Zubar{i} Quentil"),
                _ => format!("{} Nobody{}", FIRST[i % FIRST.len()], i),
            };
            let mut e = seisai_model::Entity::new("customers", &format!("k{i:03}"), Schema::Person);
            e.properties.insert("name".into(), vec![name]);
            e.properties.insert("birthDate".into(), vec![format!("19{}-01-01", 50 + i % 40)]);
            (format!("k{i:03}"), e)
        })
        .collect()
}

fn same_hits(f: &Fixture, keys_at_import: bool) {
    let r = &f.review;
    let actor = Actor::new("monitor", None);
    let ctx = NameContext::without_dictionaries();
    let customers = generated_customers(400);
    if keys_at_import {
        r.upsert_customers(&actor, &customers[..200], "first half", None).unwrap();
        let keys = KeyMaker::new(ctx.clone());
        let up = r.upsert_customers(&actor, &customers, "generated", Some(&keys)).unwrap();
        assert_eq!((up.added, up.unchanged), (200, 200));
    } else {
        r.upsert_customers(&actor, &customers, "generated", None).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let v1 = list_jsonl("a", 40, 0);
    let v2 = format!("{v1}{}", list_jsonl("b", 40, 3));
    let opts = MonitorOptions { batch: 64, ..Default::default() };
    let mut seen = std::collections::BTreeSet::new();
    for (version, cold) in [(v1.clone(), true), (v2.clone(), false)] {
        import(&mut store, &version);
        let report = delta(r, &store, ctx.clone(), &opts, &actor, &|_| {}).unwrap();
        assert_eq!(report.keys_cached, if cold && !keys_at_import { 400 } else { 0 }, "{report:?}");
        let new_entries = if cold { v1.clone() } else { list_jsonl("b", 40, 3) };
        let entities: Vec<std::sync::Arc<seisai_model::Entity>> = new_entries
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let mut e = seisai_model::Entity::new("test_list", v["id"].as_str().unwrap(), Schema::Person);
                e.properties = serde_json::from_value(v["properties"].clone()).unwrap();
                std::sync::Arc::new(e)
            })
            .collect();
        let index = seisai_index::Index::build(entities, ctx.clone());
        let search = seisai_index::SearchOptions { limit: 5, candidates: 50, ..Default::default() };
        let mut expected = std::collections::BTreeSet::new();
        for (id, e) in &customers {
            for h in index.search(&index.prepare(e), &search).iter().filter(|h| h.result.is_match) {
                expected.insert((id.clone(), h.entity.id.clone()));
            }
        }
        let (_, alerts) = r.alerts(&AlertFilter { kind: Some("monitoring".into()), limit: 10_000, ..Default::default() }).unwrap();
        let mut found = std::collections::BTreeSet::new();
        for a in &alerts {
            for h in r.alert(&a.id).unwrap().snapshot["hits"].as_array().unwrap() {
                found.insert((a.customer_id.clone().unwrap(), h["entity_id"].as_str().unwrap().to_string()));
            }
        }
        let found: std::collections::BTreeSet<_> = found.difference(&seen).cloned().collect();
        assert!(!expected.is_empty() && report.searched < 400, "the test needs hits and customers without candidates: {report:?}");
        assert_eq!(found, expected, "cold: {cold}, keys made at import: {keys_at_import}");
        seen.extend(found);
    }
}

/// An import caches every customer's keys, made as monitoring makes them,
/// across the steps it writes in (keys are made while the previous step is
/// written), and a changed customer gets new keys.
fn import_caches_the_keys_of_each_customer(f: &Fixture) {
    let r = &f.review;
    let actor = Actor::new("import", None);
    let keys = KeyMaker::new(NameContext::without_dictionaries());
    // The keys a monitoring run makes: those of the query a search prepares.
    let searcher = seisai_index::Index::build(Vec::new(), NameContext::without_dictionaries());
    let mut customers = generated_customers(5_000);
    r.upsert_customers(&actor, &customers, "generated", Some(&keys)).unwrap();
    customers[4_321].1.properties.insert("name".into(), vec!["Hans Volkov".into()]);
    let up = r.upsert_customers(&actor, &customers, "generated", Some(&keys)).unwrap();
    assert_eq!((up.changed, up.unchanged), (1, 4_999));
    let stored: std::collections::BTreeMap<String, _> = r.monitor_page("", 10_000).unwrap().into_iter().map(|c| (c.id.clone(), c)).collect();
    assert_eq!(stored.len(), customers.len());
    for (id, party) in &customers {
        let c = &stored[id];
        assert_eq!(c.keys_version.as_deref(), Some(keys.version()), "{id}");
        let searched = seisai_index::lookup_keys(&searcher.prepare(party));
        assert_eq!(c.name_keys.as_deref().and_then(keycache::decode), Some(searched), "{id}");
    }
}

both_backends! {
    monitoring_alerts_what_a_search_finds => same_hits_as_a_direct_search;
    monitoring_after_an_import_with_keys_makes_none => same_hits_with_keys_cached_at_import;
    import_caches_lookup_keys => import_caches_the_keys_of_each_customer;
    delta_monitoring_added_changed_removed => delta_monitoring;
}
