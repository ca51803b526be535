//! Scale benchmark: a synthetic list of N entities (default 1,000,000),
//! generated deterministically from the name parts of the real lists
//! (given names, family names, company words and legal forms), indexed in
//! memory; prints index build time, resident memory and single-query
//! p50/p99 for negatives and for perturbed names of the synthetic list.
//!
//! `cargo run --release -p seisai-eval --example bench_scale [-- ENTITIES [QUERIES]]`
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use rustc_hash::FxHasher;
use seisai_index::{Index, SearchOptions};
use seisai_eval::measure::{percentile, status_mb};
use seisai_matching::NameContext;
use seisai_model::{Entity, Schema, props};

/// A deterministic choice in `0..n` for entity `i` and purpose `salt`
/// (the high bits of a hash of both).
fn pick(i: u64, salt: u64, n: usize) -> usize {
    let mut h = FxHasher::default();
    (i, salt, 0x5e15_a1u64).hash(&mut h);
    ((u128::from(h.finish()) * n.max(1) as u128) >> 64) as usize
}

/// Name parts taken from the real lists.
struct Parts {
    given: Vec<String>,
    family: Vec<String>,
    org_words: Vec<String>,
    legal_forms: Vec<&'static str>,
    countries: Vec<String>,
}

/// Latin letters only (basic and extended Latin), at least two.
fn usable(word: &str) -> bool {
    word.chars().count() >= 2 && word.chars().all(|c| c.is_alphabetic() && (c as u32) < 0x250)
}

fn collect_parts(entities: &[Arc<Entity>]) -> Parts {
    let mut given = Vec::new();
    let mut family = Vec::new();
    let mut org_words = Vec::new();
    let mut countries = Vec::new();
    for e in entities {
        for (_, name) in e.names() {
            let words: Vec<&str> = name.split_whitespace().filter(|w| usable(w)).collect();
            match e.schema {
                Schema::Person if words.len() >= 2 => {
                    given.extend(words[..words.len() - 1].iter().map(|w| w.to_string()));
                    family.extend(words.last().map(|w| w.to_string()));
                }
                Schema::Company | Schema::Organization => org_words.extend(words.iter().map(|w| w.to_string())),
                _ => {}
            }
        }
        countries.extend(e.get(props::NATIONALITY).iter().cloned());
    }
    for v in [&mut given, &mut family, &mut org_words, &mut countries] {
        v.sort();
        v.dedup();
    }
    Parts { given, family, org_words, legal_forms: vec!["LLC", "JSC", "Ltd", "GmbH", "S.A.", "OOO", "Co.", "Inc."], countries }
}

/// Synthetic entity `i`: 70 % persons (two or three parts, a birth date,
/// a nationality, an alias with the family name first for a third of them),
/// 30 % companies (one to three words and a legal form).
fn synthetic(i: u64, parts: &Parts) -> Entity {
    let choose = |salt: u64, v: &[String]| v.get(pick(i, salt, v.len())).cloned().unwrap_or_default();
    if pick(i, 1, 10) < 7 {
        let mut e = Entity::new("synthetic", &format!("p{i}"), Schema::Person);
        let first = choose(2, &parts.given);
        let family = choose(3, &parts.family);
        let name = if pick(i, 4, 3) == 0 { format!("{first} {} {family}", choose(5, &parts.given)) } else { format!("{first} {family}") };
        e.add(props::NAME, &name);
        if pick(i, 6, 3) == 0 {
            e.add(props::ALIAS, format!("{family} {first}"));
        }
        e.add(props::BIRTH_DATE, format!("{}-{:02}-{:02}", 1940 + pick(i, 7, 60), 1 + pick(i, 8, 12), 1 + pick(i, 9, 28)));
        e.add(props::NATIONALITY, choose(10, &parts.countries));
        e
    } else {
        let mut e = Entity::new("synthetic", &format!("c{i}"), Schema::Company);
        let words: Vec<String> = (0..1 + pick(i, 11, 3) as u64).map(|k| choose(12 + k, &parts.org_words)).collect();
        let legal = parts.legal_forms[pick(i, 20, parts.legal_forms.len())];
        e.add(props::NAME, format!("{} {legal}", words.join(" ")));
        e
    }
}

/// A listed name with one letter changed (a typo), as a query.
fn perturbed(e: &Entity, i: u64) -> Entity {
    let name = e.caption().to_string();
    let chars: Vec<char> = name.chars().collect();
    let at = pick(i, 30, chars.len());
    let typo: String = chars.iter().enumerate().filter(|(k, _)| *k != at || !chars[at].is_alphabetic()).map(|(_, c)| *c).collect();
    let mut q = Entity::new("query", &format!("q{i}"), e.schema.clone());
    q.add(props::NAME, typo);
    q
}

fn latencies(index: &Index, queries: &[Entity], opts: &SearchOptions) -> (f64, f64) {
    let mut lat: Vec<f64> = queries
        .iter()
        .map(|q| {
            let t = Instant::now();
            std::hint::black_box(index.search(&index.prepare(q), opts));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    lat.sort_by(f64::total_cmp);
    (percentile(&lat, 0.5), percentile(&lat, 0.99))
}

fn main() -> anyhow::Result<()> {
    let n: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let q: usize = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let data = seisai_model::testdata::dir("bench_scale").ok_or_else(|| anyhow::anyhow!("no data dir"))?;
    let eval = seisai_model::testdata::eval_dir("bench_scale").ok_or_else(|| anyhow::anyhow!("no eval dir"))?;
    let parts = {
        let real = seisai_eval::lists::entities(seisai_eval::lists::load_all(&data));
        collect_parts(&real)
    };
    println!(
        "name parts from the real lists: {} given names, {} family names, {} company words, {} countries",
        parts.given.len(),
        parts.family.len(),
        parts.org_words.len(),
        parts.countries.len()
    );
    let t = Instant::now();
    let entities: Vec<Arc<Entity>> = (0..n).into_par_iter().map(|i| Arc::new(synthetic(i, &parts))).collect();
    let gen_s = t.elapsed().as_secs_f64();
    let rss_entities = status_mb("VmRSS:");
    let t = Instant::now();
    let index = Index::build(entities, NameContext::load_default());
    let build_s = t.elapsed().as_secs_f64();
    println!(
        "{} synthetic entities generated in {gen_s:.1} s (RSS {rss_entities:.0} MB); index build {build_s:.1} s ({} keys, {} postings); RSS {:.0} MB, peak {:.0} MB",
        index.len(),
        index.key_count(),
        index.posting_count(),
        status_mb("VmRSS:"),
        status_mb("VmHWM:")
    );
    let opts = SearchOptions::default();
    let negatives: Vec<Entity> =
        seisai_eval::queries::read_persons(&eval.join("negatives-global.csv"))?.iter().take(q).map(|r| r.to_query()).collect();
    let (p50, p99) = latencies(&index, &negatives, &opts);
    println!("negatives ({} queries, 1 thread): p50 {p50:.3} ms, p99 {p99:.3} ms", negatives.len());
    let step = (index.len() / q.max(1)).max(1);
    let listed: Vec<&Arc<Entity>> = index.entities().iter().step_by(step).take(q).collect();
    let typos: Vec<Entity> = listed.iter().enumerate().map(|(k, e)| perturbed(e, k as u64)).collect();
    let (p50, p99) = latencies(&index, &typos, &opts);
    let found = typos
        .iter()
        .zip(&listed)
        .filter(|(t, e)| index.search(&index.prepare(t), &opts).iter().any(|h| h.entity.id == e.id))
        .count();
    println!(
        "listed names with a typo ({} queries, 1 thread): p50 {p50:.3} ms, p99 {p99:.3} ms; listed entity in the top 5: {found}/{}",
        typos.len(),
        typos.len()
    );
    Ok(())
}
