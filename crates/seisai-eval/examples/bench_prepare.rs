//! Query preparation alone: the time to prepare the matching benchmark's
//! queries (names into Latin forms, tokens, keys, comparators, features),
//! and a digest of the names prepared, to check that two versions prepare
//! the same forms.
//!
//! `cargo run --release -p seisai-eval --example bench_prepare [-- QUERIES [--rounds R] [--latin]]`
//!
//! `--latin` keeps the queries written in Latin script (as most customer
//! records are). On a shared machine, instructions vary less than time:
//! `valgrind --tool=callgrind --toggle-collect='*prepare_all*' … --rounds 1`
//! counts those of the preparation alone.
use std::hash::{Hash, Hasher};
use std::time::Instant;

use anyhow::Context;
use seisai_matching::NameContext;
use seisai_matching::score::Prepared;
use seisai_model::Entity;

/// A digest of the names a query was prepared into: every form (its debug
/// text shows each field) and what is kept of each part for comparison.
fn digest(p: &Prepared, h: &mut impl Hasher) {
    for n in &p.names {
        n.prop.hash(h);
        for f in &n.forms {
            format!("{f:?}").hash(h);
            f.keys.hash(h);
            for t in f.tokens.iter().chain(f.joined.iter().flatten()) {
                (t.phonetic, t.phonetic_alt, t.similarity_key, t.skeleton, t.char_count).hash(h);
            }
        }
    }
}

/// Prepares every query as a search does (out of line, for callgrind's
/// `--toggle-collect`).
#[inline(never)]
fn prepare_all(queries: &[Entity], ctx: &NameContext) {
    for q in queries {
        std::hint::black_box(Prepared::from_entity(q, ctx).with_matchers());
    }
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(2000);
    let rounds: usize = args
        .iter()
        .skip_while(|a| *a != "--rounds")
        .nth(1)
        .map(|r| r.parse().context("--rounds: expected a number"))
        .transpose()?
        .unwrap_or(5);
    let latin_only = args.iter().any(|a| a == "--latin");
    let eval = seisai_model::testdata::eval_dir("bench").ok_or_else(|| anyhow::anyhow!("no eval dir"))?;
    let ctx = NameContext::load_default();
    let mut rows = seisai_eval::queries::read_persons(&eval.join("negatives-global.csv"))?;
    rows.extend(seisai_eval::queries::read_persons(&eval.join("positives-un-untreated.csv"))?);
    rows.truncate(n);
    let mut queries: Vec<Entity> = rows.iter().map(|r| r.to_query()).collect();
    if latin_only {
        queries.retain(|q| q.caption().chars().all(|c| !c.is_alphabetic() || c < '\u{0250}'));
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for q in &queries {
        digest(&Prepared::from_entity(q, &ctx).with_matchers(), &mut h);
    }
    let mut best = f64::MAX;
    for _ in 0..rounds.max(1) {
        let t = Instant::now();
        prepare_all(&queries, &ctx);
        best = best.min(t.elapsed().as_secs_f64() * 1e6 / queries.len().max(1) as f64);
    }
    println!(
        "query preparation ({} queries, best of {rounds} rounds): {best:.2} µs per query (names digest {:016x})",
        queries.len(),
        h.finish()
    );
    Ok(())
}
