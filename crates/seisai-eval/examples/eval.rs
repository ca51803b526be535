//! Prints the matching-quality evaluation. Usage:
//! `cargo run --release -p seisai-eval --example eval [-- --pairs-only] [--json] [--negatives N]`
use seisai_matching::NameContext;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let ctx = NameContext::load_default();
    let eval = seisai_model::testdata::eval_dir("eval").ok_or_else(|| anyhow::anyhow!("no eval dir"))?;
    if args.iter().any(|a| a == "--pairs-only") {
        let (report, best) = seisai_eval::run::run_pairs(&eval, &ctx)?;
        let r = seisai_eval::run::EvalReport { pairs: Some(report), pairs_best: Some(best), index: None, load_errors: Default::default(), sets: Default::default() };
        seisai_eval::run::print(&r);
        if args.iter().any(|a| a == "--errors") {
            for (a, b, label, s) in r.pairs.iter().flat_map(|p| p.errors.iter()) {
                println!("{}\t{s:.3}\t{a}\t{b}", if *label { "FN" } else { "FP" });
            }
        }
        return Ok(());
    }
    let data = seisai_model::testdata::dir("eval").ok_or_else(|| anyhow::anyhow!("no data dir"))?;
    let max_negatives = args
        .iter()
        .position(|a| a == "--negatives")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok());
    let report = seisai_eval::run::run(&data, &eval, &ctx, max_negatives)?;
    if args.iter().any(|a| a == "--json") {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        seisai_eval::run::print(&report);
    }
    Ok(())
}
