//! Matching benchmark: index build time and memory, single-query latency
//! (p50/p99), batch throughput on all cores, each beside a naive baseline
//! measured in the same run (brute-force Jaro–Winkler of the query against
//! every listed name).
//!
//! `cargo run --release -p seisai-eval --example bench_match [-- QUERIES] [--rounds R] [--min-score S]`
//!
//! `--min-score S` leaves out results scoring below S (the `cutoff` of
//! `seisai match` and `/match`; default 0: every scored candidate).
//!
//! Its memory figures are those of the system allocator, kept so that they
//! compare across sessions; the `seisai` binary allocates with mimalloc,
//! whose resident memory `tools/bench/match_memory.sh` measures.
use std::time::Instant;

use rayon::prelude::*;
use seisai_index::{Index, SearchOptions};
use seisai_eval::measure::{percentile, status_mb};
use seisai_matching::NameContext;
use seisai_model::Entity;

fn peak_rss_mb() -> f64 {
    status_mb("VmHWM:")
}

/// CPU time (user + system) of this process so far, in seconds: on a
/// machine shared with other work it varies less than wall time.
fn cpu_seconds() -> f64 {
    let ticks_per_second = 100.0;
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the command name (which may hold spaces), from field 3 on.
            let rest = s.rsplit_once(')')?.1.split_whitespace().collect::<Vec<_>>();
            let utime: f64 = rest.get(11)?.parse().ok()?;
            let stime: f64 = rest.get(12)?.parse().ok()?;
            Some((utime + stime) / ticks_per_second)
        })
        .unwrap_or(0.0)
}

/// The value of command-line flag `name`, if given.
fn flag<T: std::str::FromStr>(name: &str) -> anyhow::Result<Option<T>> {
    std::env::args()
        .skip_while(|a| a != name)
        .nth(1)
        .map(|v| v.parse::<T>().map_err(|_| anyhow::anyhow!("{name} {v:?}: expected a number")))
        .transpose()
}

fn main() -> anyhow::Result<()> {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5000);
    let data = seisai_model::testdata::dir("bench").ok_or_else(|| anyhow::anyhow!("no data dir"))?;
    let eval = seisai_model::testdata::eval_dir("bench").ok_or_else(|| anyhow::anyhow!("no eval dir"))?;
    let ctx = NameContext::load_default();
    let t = Instant::now();
    let entities = seisai_eval::lists::entities(seisai_eval::lists::load_all(&data));
    let load_s = t.elapsed().as_secs_f64();
    let rss_before = peak_rss_mb();
    let rss_now_before = status_mb("VmRSS:");
    let t = Instant::now();
    let index = Index::build(entities, ctx);
    let build_s = t.elapsed().as_secs_f64();
    // As `seisai` does after a build: the memory left in whole 2 MB regions
    // mapped with huge pages.
    let pages = seisai_index::collapse_resident_regions();
    let names: usize = index.entities().iter().map(|e| e.names().count()).sum();
    println!(
        "lists: {} entities, {names} names loaded in {load_s:.2} s; index build {build_s:.2} s ({} keys, {} postings), then {} of {} resident 2 MB regions mapped with huge pages in {:.2} s; peak RSS {:.0} MB (before build {:.0} MB), RSS after build {:.0} MB (before build {rss_now_before:.0} MB)",
        index.len(),
        index.key_count(),
        index.posting_count(),
        pages.collapsed,
        pages.resident,
        pages.took.as_secs_f64(),
        peak_rss_mb(),
        rss_before,
        status_mb("VmRSS:")
    );
    let mut rows = seisai_eval::queries::read_persons(&eval.join("negatives-global.csv"))?;
    rows.extend(seisai_eval::queries::read_persons(&eval.join("positives-un-untreated.csv"))?);
    rows.truncate(n);
    let queries: Vec<Entity> = rows.iter().map(|r| r.to_query()).collect();
    let min_score: f32 = flag("--min-score")?.unwrap_or(0.0);
    let opts = SearchOptions { min_score, ..SearchOptions::default() };

    // Single query latency, one thread, including query preparation. On a
    // shared machine, the round with the least CPU per query is the one
    // least disturbed by others; `--rounds R` runs R rounds.
    let rounds: usize = flag("--rounds")?.unwrap_or(1);
    let mut best_round: Option<(f64, Vec<f64>)> = None;
    for _ in 0..rounds.max(1) {
        let cpu0 = cpu_seconds();
        let mut lat: Vec<f64> = queries
            .iter()
            .map(|q| {
                let t = Instant::now();
                let hits = index.search(&index.prepare(q), &opts);
                std::hint::black_box(hits);
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        let cpu_per_query = (cpu_seconds() - cpu0) * 1000.0 / queries.len().max(1) as f64;
        lat.sort_by(f64::total_cmp);
        if best_round.as_ref().is_none_or(|(c, _)| cpu_per_query < *c) {
            best_round = Some((cpu_per_query, lat));
        }
    }
    let (cpu_per_query, lat) = best_round.unwrap_or_default();
    // What the queries found, to check that two versions agree.
    let checksum: f64 = queries.iter().flat_map(|q| index.search(&index.prepare(q), &opts)).map(|h| h.result.score as f64).sum();
    println!(
        "seisai single query ({} queries, min score {min_score}, 1 thread, best of {rounds} rounds): p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms, mean CPU {cpu_per_query:.3} ms (score checksum {checksum:.3})",
        lat.len(),
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        lat.last().copied().unwrap_or(0.0)
    );
    // The share of query preparation (transliteration, readings, comparators).
    let mut prep: Vec<f64> = queries
        .iter()
        .map(|q| {
            let t = Instant::now();
            std::hint::black_box(index.prepare(q));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    prep.sort_by(f64::total_cmp);
    println!("  of which query preparation: p50 {:.3} ms, p99 {:.3} ms", percentile(&prep, 0.5), percentile(&prep, 0.99));
    let t = Instant::now();
    let total: usize = queries.par_iter().map(|q| index.search(&index.prepare(q), &opts).len()).sum();
    let secs = t.elapsed().as_secs_f64();
    let qps = queries.len() as f64 / secs;
    println!("seisai batch ({} threads): {qps:.0} queries/s ({total} results)", rayon::current_num_threads());

    // Baseline: brute-force Jaro-Winkler of the lower-cased query name against every listed name.
    let listed: Vec<Vec<char>> = index
        .entities()
        .iter()
        .flat_map(|e| e.names().map(|(_, n)| n.to_lowercase().chars().collect::<Vec<char>>()))
        .collect();
    let sample = &queries[..queries.len().min(200)];
    let t = Instant::now();
    let best: f64 = sample
        .par_iter()
        .map(|q| {
            let name: Vec<char> = q.caption().to_lowercase().chars().collect();
            listed
                .iter()
                .map(|l| rapidfuzz::distance::jaro_winkler::normalized_similarity(name.iter().copied(), l.iter().copied()))
                .fold(0.0, f64::max)
        })
        .sum();
    let base_secs = t.elapsed().as_secs_f64();
    let base_qps = sample.len() as f64 / base_secs;
    println!(
        "baseline brute-force Jaro-Winkler batch ({} threads): {base_qps:.0} queries/s (checksum {best:.1}); seisai is {:.0}x faster",
        rayon::current_num_threads(),
        qps / base_qps
    );
    Ok(())
}
