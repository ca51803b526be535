//! Benchmarks of the review store (figures in BENCHMARKS.md):
//! customer import (lookup keys cached on the way), delta screening of N
//! synthetic customers against 100 new list entries (twice: right after
//! the import, then with 100 more entries),
//! a full re-screen against a larger list, and alert decisions per second.
//!
//! `cargo run --release -p seisai-review --example bench -- [CUSTOMERS] [DATABASE]`
//! (default 1000000 customers, SQLite in a temporary directory; DATABASE
//! may be a `postgres://` URL). Customers are generated deterministically
//! from pools of list-like name parts mixed with random syllable names;
//! about 1 in 2000 is a variant of a new list entry. Set
//! `BENCH_RESCREEN_ENTRIES` (default 10000) for the full re-screen's list
//! size, `BENCH_DECISIONS` (default 5000) for the decisions: a quarter by
//! one client, the rest by `BENCH_CLIENTS` (default 8) concurrent clients.

use std::time::Instant;

use seisai_matching::NameContext;
use seisai_model::{Entity, Schema};
use seisai_review::monitor::{MonitorOptions, delta, rescreen};
use seisai_review::{Actor, Review};
use seisai_sources::Input;
use seisai_store::{ImportOptions, Store};

const FIRST: &[&str] = &[
    "Ivan", "Olga", "Mohammad", "Ali", "Fatima", "Hassan", "Kim", "Chen", "Wei", "Hiroshi", "Yuki", "Maria", "Jose", "Ahmed",
    "Abdul", "Sergei", "Natalia", "Omar", "Aisha", "Viktor", "Dmitri", "Li", "Juan", "Ana", "Hans", "Pierre", "Giulia", "Tariq",
    "Yusuf", "Elena", "Nikolai", "Bashir", "Karim", "Leila", "Jin", "Sung", "Pedro", "Carlos", "Samir", "Rashid",
];
const LAST: &[&str] = &[
    "Petrov", "Ivanova", "Al-Masri", "Hussein", "Khan", "Jong", "Zhang", "Tanaka", "Suzuki", "Gonzalez", "Rodriguez", "Rahman",
    "Smirnov", "Volkov", "Haddad", "Nasser", "Park", "Lee", "Wang", "Liu", "Santos", "Silva", "Mueller", "Dubois", "Rossi",
    "Qureshi", "Aziz", "Karimov", "Orlov", "Sokolov", "Kuznetsov", "Yamamoto", "Nakamura", "Lopez", "Martinez", "Farouk",
];
const SYLLABLES: &[&str] = &["ka", "ro", "mi", "ten", "sa", "lo", "vi", "dar", "ne", "sha", "po", "lin", "gu", "ber", "to", "mar", "zi", "el", "an", "or"];

/// A small deterministic generator (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[(self.next() % v.len() as u64) as usize]
    }
    fn word(&mut self) -> String {
        let n = 2 + self.next() % 3;
        let w: String = (0..n).map(|_| self.pick(SYLLABLES)).collect();
        let mut c = w.chars();
        c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
    }
    fn date(&mut self) -> String {
        format!("{}-{:02}-{:02}", 1940 + self.next() % 60, 1 + self.next() % 12, 1 + self.next() % 28)
    }
}

fn list_entity(rng: &mut Rng, id: &str) -> Entity {
    let mut e = Entity::new("bench_list", id, Schema::Person);
    let name = format!("{} {} {}", rng.pick(FIRST), rng.word(), rng.pick(LAST));
    e.properties.insert("name".into(), vec![name]);
    e.properties.insert("birthDate".into(), vec![rng.date()]);
    e
}

fn jsonl(entities: &[Entity]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in entities {
        let line = serde_json::json!({"id": e.source_id, "schema": "Person", "properties": e.properties});
        out.extend_from_slice(line.to_string().as_bytes());
        out.push(b'\n');
    }
    out
}

fn import(store: &mut Store, entities: &[Entity]) -> String {
    let input = Input::new("list.jsonl".to_string(), jsonl(entities));
    let report = store.import("bench_list", &[input], &ImportOptions { format: None, source: None, published: None }).expect("import");
    store.reload().expect("reload");
    report.version.id
}

fn customers(rng: &mut Rng, n: usize, targets: &[Entity]) -> Vec<(String, Entity)> {
    (0..n)
        .map(|i| {
            let id = format!("cust{i:08}");
            let mut e = Entity::new("customers", &id, Schema::Person);
            let name = if i % 2000 == 7 && !targets.is_empty() {
                let t = &targets[(rng.next() % targets.len() as u64) as usize];
                t.get("name")[0].clone()
            } else if rng.next() % 3 == 0 {
                format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
            } else {
                format!("{} {}", rng.word(), rng.word())
            };
            e.properties.insert("name".into(), vec![name]);
            e.properties.insert("birthDate".into(), vec![rng.date()]);
            (id, e)
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).map(|s| s.parse()).transpose()?.unwrap_or(1_000_000);
    let database = args.get(2).cloned();
    let rescreen_entries: usize = std::env::var("BENCH_RESCREEN_ENTRIES").ok().map(|s| s.parse()).transpose()?.unwrap_or(10_000);
    let decisions: usize = std::env::var("BENCH_DECISIONS").ok().map(|s| s.parse()).transpose()?.unwrap_or(5000);
    let dir = tempfile::tempdir()?;
    let review = Review::open(database.as_deref(), dir.path())?;
    let backend = if database.as_deref().is_some_and(|d| d.starts_with("postgres")) { "PostgreSQL" } else { "SQLite" };
    let actor = Actor::new("bench", None);
    let ctx = NameContext::without_dictionaries();
    let mut rng = Rng(0x5e15a1);
    let cpus = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    println!("backend {backend}, {cpus} threads, {n} customers");

    let mut store = Store::open(dir.path().join("lists"))?;
    let base: Vec<Entity> = (0..rescreen_entries).map(|i| list_entity(&mut rng, &format!("b{i}"))).collect();
    let v1 = import(&mut store, &base);
    let new: Vec<Entity> = (0..100).map(|i| list_entity(&mut rng, &format!("n{i}"))).collect();

    let t = Instant::now();
    let all = customers(&mut rng, n, &new);
    // As `seisai customers import` does, the lookup keys are cached on the way.
    let keys = seisai_review::KeyMaker::new(ctx.clone());
    for chunk in all.chunks(50_000) {
        review.upsert_customers(&actor, chunk, "bench", Some(&keys))?;
    }
    println!("customer import: {n} in {:.1} s ({:.0}/s)", t.elapsed().as_secs_f64(), n as f64 / t.elapsed().as_secs_f64());
    drop(all);

    review.set_monitored(&actor, "bench_list", &v1, &serde_json::json!({"bench": "baseline"}))?;
    let mut v2_entities = base.clone();
    v2_entities.extend(new.iter().cloned());
    import(&mut store, &v2_entities);
    // First delta run right after the import (which cached the lookup keys);
    // second: 100 more entries (the daily case).
    let more: Vec<Entity> = (0..100).map(|i| list_entity(&mut rng, &format!("m{i}"))).collect();
    for (run, added) in [("first after the import", None), ("second", Some(&more))] {
        if let Some(added) = added {
            v2_entities.extend(added.iter().cloned());
            import(&mut store, &v2_entities);
        }
        let report = delta(&review, &store, ctx.clone(), &MonitorOptions::default(), &actor, &|_| {})?;
        println!(
            "delta screening ({run}): {} new entries × {} customers in {:.1} s ({:.0} customers/s), {} searched, {} alerts, {} keys cached",
            report.entries_screened,
            report.customers,
            report.seconds,
            report.customers as f64 / report.seconds,
            report.searched,
            report.alerts,
            report.keys_cached
        );
    }

    if rescreen_entries > 0 {
        let report = rescreen(&review, &store, ctx, &MonitorOptions::default(), &actor, &|_| {})?;
        println!(
            "full re-screen: {} entries × {} customers in {:.1} s ({:.0} customers/s), {} alerts, {} already alerted",
            report.entries_screened,
            report.customers,
            report.seconds,
            report.customers as f64 / report.seconds,
            report.alerts,
            report.already_alerted
        );
    }

    // Decisions: alerts made, then each proposed by one user and approved by another.
    let listed = list_entity(&mut rng, "d");
    let hit = seisai_review::HitSnapshot {
        entity_id: listed.id.clone(),
        caption: listed.caption().to_string(),
        schema: "Person".into(),
        datasets: vec!["bench_list".into()],
        score: 0.9,
        explanations: serde_json::json!({}),
        properties: serde_json::json!(listed.properties),
        entity_fingerprint: Some(seisai_review::entity_fingerprint(&listed)),
    };
    let mut ids = Vec::with_capacity(decisions);
    for i in 0..decisions {
        let s = seisai_review::Screening {
            kind: "party".into(),
            subject: format!("party {i}"),
            input: serde_json::json!({"i": i}),
            decision: "potential_match".into(),
            decision_detail: serde_json::json!({}),
            hits: vec![hit.clone()],
            list_versions: Default::default(),
            policy_version: None,
            customer_id: None,
            party_fingerprint: Some(format!("p{i}")),
            review_without_hits: false,
        };
        ids.extend(review.record_screening(&s, &actor)?.alert_id);
    }
    // Each client proposes and approves its share of the alerts; 1 client, then `BENCH_CLIENTS`.
    let clients: usize = std::env::var("BENCH_CLIENTS").ok().map(|s| s.parse()).transpose()?.unwrap_or(8).max(1);
    let (first, rest) = ids.split_at(ids.len() / 4);
    for (n, ids) in [(1, first), (clients, rest)] {
        let t = Instant::now();
        std::thread::scope(|scope| -> Result<(), seisai_review::ReviewError> {
            let workers: Vec<_> = (0..n)
                .map(|c| {
                    let review = &review;
                    scope.spawn(move || -> Result<(), seisai_review::ReviewError> {
                        let (alice, bob) = (Actor::new(format!("alice{c}"), None), Actor::new(format!("bob{c}"), None));
                        for id in ids.iter().skip(c).step_by(n) {
                            review.propose(&alice, id, "false_positive", "bench")?;
                            review.approve(&bob, id, "bench", None)?;
                        }
                        Ok(())
                    })
                })
                .collect();
            workers.into_iter().try_for_each(|w| w.join().unwrap_or_else(|_| Err(seisai_review::ReviewError::Db("client panicked".into()))))
        })?;
        let secs = t.elapsed().as_secs_f64();
        println!(
            "decisions, {n} client(s): {} proposals + {} approvals in {:.2} s = {:.0} decisions/s (each durable with its audit record)",
            ids.len(),
            ids.len(),
            secs,
            (2 * ids.len()) as f64 / secs
        );
    }
    let t = Instant::now();
    let v = review.verify()?;
    println!("verify: {} records in {:.2} s, ok={}", v.records, t.elapsed().as_secs_f64(), v.ok);
    Ok(())
}
