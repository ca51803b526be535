//! The whole evaluation: pairs, list-based positives and negatives.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use seisai_index::{Hit, Index, SearchOptions};
use seisai_matching::NameContext;
use seisai_model::{Entity, Schema, props};
use serde::Serialize;

use crate::checks::{self, ChecksReport};
use crate::pairs::{self, PairsReport};
use crate::queries::{self, QueryReport};
use crate::perturb::{self, Kind, KindReport};
use crate::report::Confusion;

/// Everything the evaluation measured.
#[derive(Debug, Serialize)]
pub struct EvalReport {
    /// `name-pairs-826.csv` at the default threshold.
    pub pairs: Option<PairsReport>,
    /// Best F1 over thresholds 0.50–0.99 and the threshold reaching it (for tuning).
    pub pairs_best: Option<(f32, f64)>,
    /// `entity-checks.yml` at the default threshold.
    pub checks: Option<ChecksReport>,
    /// Entities indexed and build time in seconds.
    pub index: Option<(usize, f64)>,
    /// Datasets that failed to load, with the error.
    pub load_errors: BTreeMap<String, String>,
    /// Query sets by file name.
    pub sets: BTreeMap<String, QueryReport>,
    /// Perturbed spellings of listed names: recall per kind of perturbation.
    pub perturbed: BTreeMap<Kind, KindReport>,
    /// The katakana names of Japan's MOF list screened against its Latin names.
    pub cross_script: Option<KindReport>,
}

/// The lists whose names are misspelt for [`perturb`]: the main sanctions lists.
pub const PERTURBED_LISTS: [&str; 4] = ["un_sc", "us_ofac_sdn", "eu_fsf", "gb_fcdo"];
/// Listed names misspelt per kind.
pub const PERTURBED_NAMES: usize = 1000;
/// The seed of the perturbations (fixed: the figures are comparable across runs).
pub const PERTURBED_SEED: u64 = 20261129;

fn un_hit(hits: &[Hit], need_match: bool) -> bool {
    hits.iter().any(|h| h.entity.dataset() == "un_sc" && (!need_match || h.result.is_match))
}

fn any_match(hits: &[Hit]) -> bool {
    hits.iter().any(|h| h.result.is_match)
}

/// Runs the pair evaluation only.
pub fn run_pairs(eval_dir: &Path, ctx: &NameContext) -> anyhow::Result<(PairsReport, (f32, f64))> {
    let rows = pairs::read(&eval_dir.join("name-pairs-826.csv"))?;
    let scores = pairs::scores(&rows, ctx);
    let report = pairs::evaluate(&rows, &scores, seisai_matching::Config::DEFAULT_THRESHOLD);
    let best = (50..100)
        .map(|t| t as f32 / 100.0)
        .map(|t| (t, pairs::evaluate(&rows, &scores, t).overall.f1()))
        .fold((0.0f32, 0.0f64), |best, x| if x.1 > best.1 { x } else { best });
    Ok((report, best))
}

/// Runs the sets that need no lists: the name pairs and the entity checks.
pub fn run_offline(eval_dir: &Path, ctx: &NameContext) -> anyhow::Result<EvalReport> {
    let (pairs, best) = run_pairs(eval_dir, ctx)?;
    let checks = checks::evaluate(&checks::read(&eval_dir.join("entity-checks.yml"))?, ctx);
    Ok(EvalReport {
        pairs: Some(pairs),
        pairs_best: Some(best),
        checks: Some(checks),
        index: None,
        load_errors: BTreeMap::new(),
        sets: BTreeMap::new(),
        perturbed: BTreeMap::new(),
        cross_script: None,
    })
}

/// Runs the evaluation. `max_negatives` caps the rows read from each
/// negatives file (None: all 50,000).
pub fn run(data_dir: &Path, eval_dir: &Path, ctx: &NameContext, max_negatives: Option<usize>) -> anyhow::Result<EvalReport> {
    let mut report = run_offline(eval_dir, ctx)?;

    let loaded = crate::lists::load_all(data_dir);
    for l in &loaded {
        if let Err(e) = &l.result {
            report.load_errors.insert(l.dataset.to_string(), e.clone());
        }
    }
    let entities = crate::lists::entities(loaded);
    let misspelt = perturb::targets(&entities, &PERTURBED_LISTS, PERTURBED_NAMES, PERTURBED_SEED);
    report.cross_script = Some(crate::cross_script::run(&entities, ctx));
    let started = Instant::now();
    let index = Index::build(entities, ctx.clone());
    report.index = Some((index.len(), started.elapsed().as_secs_f64()));
    let opts = SearchOptions::default();

    // The positives are persons of the UN list, run against the UN list.
    let un_opts = SearchOptions { datasets: vec!["un_sc".into()], ..SearchOptions::default() };
    for file in ["positives-un-untreated.csv", "positives-un-treated.csv"] {
        let rows = queries::read_persons(&eval_dir.join(file))?;
        let qs: Vec<Entity> = rows.iter().map(|r| r.to_query()).collect();
        let r = queries::run(&index, &qs, &un_opts, |h| un_hit(h, true), |h| un_hit(h, false));
        report.sets.insert(file.to_string(), r);
    }

    let putin = std::fs::read_to_string(eval_dir.join("putin-name-variants.txt"))?;
    let mut anchor = Entity::new("query", "q", Schema::Person);
    anchor.add(props::NAME, "Vladimir Vladimirovich Putin");
    let targets: Vec<String> = index
        .search(&index.prepare(&anchor), &SearchOptions { limit: 50, ..SearchOptions::default() })
        .into_iter()
        .filter(|h| h.result.score >= 0.9)
        .map(|h| h.entity.id.clone())
        .collect();
    let qs: Vec<Entity> = putin
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut e = Entity::new("query", "q", Schema::Person);
            e.add(props::NAME, l.trim());
            e
        })
        .collect();
    let is_target = |h: &Hit| targets.contains(&h.entity.id);
    let r = queries::run(
        &index,
        &qs,
        &opts,
        |hits| hits.iter().any(|h| is_target(h) && h.result.is_match),
        |hits| hits.iter().any(is_target),
    );
    report.sets.insert("putin-name-variants.txt".into(), r);

    for file in ["negatives-us.csv", "negatives-global.csv"] {
        let mut rows = queries::read_persons(&eval_dir.join(file))?;
        if let Some(n) = max_negatives {
            rows.truncate(n);
        }
        let qs: Vec<Entity> = rows.iter().map(|r| r.to_query()).collect();
        // For negatives the criterion is "no alert": `matched` counts the
        // queries that stayed quiet and the failures are the false alerts.
        let r = queries::run(&index, &qs, &opts, |h| !any_match(h), |h| !any_match(h));
        report.sets.insert(file.to_string(), r);
    }
    report.perturbed = perturb::run(&index, &misspelt, PERTURBED_SEED);
    Ok(report)
}

/// Prints the report as a table.
pub fn print(report: &EvalReport) {
    if let Some(p) = &report.pairs {
        let o: &Confusion = &p.overall;
        println!(
            "name-pairs-826  threshold {:.2}: precision {:.3} recall {:.3} F1 {:.3} (tp {} fp {} tn {} fn {})",
            p.threshold, o.precision(), o.recall(), o.f1(), o.tp, o.fp, o.tn, o.fn_
        );
        if let Some((t, f1)) = report.pairs_best {
            println!("  best F1 {f1:.3} at threshold {t:.2}");
        }
        for (schema, c) in &p.by_schema {
            println!("  {schema:<14} P {:.3} R {:.3} F1 {:.3} n={}", c.precision(), c.recall(), c.f1(), c.total());
        }
    }
    if let Some(c) = &report.checks {
        let o = &c.overall;
        println!(
            "entity-checks   threshold {:.2}: accuracy {:.3} ({} of {}; tp {} fp {} tn {} fn {})",
            c.threshold,
            c.accuracy(),
            o.tp + o.tn,
            o.total(),
            o.tp,
            o.fp,
            o.tn,
            o.fn_
        );
    }
    if let Some((n, secs)) = report.index {
        println!("index: {n} entities built in {secs:.2} s");
    }
    for (d, e) in &report.load_errors {
        println!("load error {d}: {e}");
    }
    for (name, r) in &report.sets {
        if name.starts_with("negatives") {
            let alerts = r.queries - r.matched;
            let rate = if r.queries == 0 { 0.0 } else { alerts as f64 / r.queries as f64 };
            println!("{name:<28} false alerts: {alerts}/{} = {rate:.4}", r.queries);
        } else {
            println!("{name:<28} found (match): {}/{} = {:.4}   in top results: {}", r.matched, r.queries, r.rate, r.in_top);
        }
        if std::env::var_os("SEISAI_EVAL_VERBOSE").is_some() {
            for f in &r.failures {
                println!("    {f}");
            }
        }
    }
    if let Some(r) = &report.cross_script {
        print_recall(&format!("{:<28}", "jp_mof katakana -> Latin"), r);
    }
    for (kind, r) in &report.perturbed {
        print_recall(&format!("perturbed: {:<16}", kind.label()), r);
    }
}

/// Prints how many queries of a set found their entity (and, with
/// `SEISAI_EVAL_VERBOSE`, the misses), after `label`.
fn print_recall(label: &str, r: &KindReport) {
    println!("{label} found (match): {}/{} = {:.4}   in results: {}", r.found, r.queries, r.recall(), r.in_results);
    if std::env::var_os("SEISAI_EVAL_VERBOSE").is_some() {
        for m in &r.misses {
            println!("    {m}");
        }
    }
}
