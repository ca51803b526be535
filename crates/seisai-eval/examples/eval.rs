//! Prints the matching-quality evaluation. Usage:
//! `cargo run --release -p seisai-eval --example eval [-- --pairs-only] [--json] [--negatives N]`
use seisai_matching::NameContext;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let ctx = NameContext::load_default();
    let eval = seisai_model::testdata::eval_dir("eval").ok_or_else(|| anyhow::anyhow!("no eval dir"))?;
    if args.iter().any(|a| a == "--pairs-only") {
        let r = seisai_eval::run::run_offline(&eval, &ctx)?;
        seisai_eval::run::print(&r);
        if args.iter().any(|a| a == "--errors") {
            let pairs = r.pairs.iter().flat_map(|p| p.errors.iter());
            let checks = r.checks.iter().flat_map(|c| c.errors.iter());
            for (set, (a, b, label, s)) in pairs.map(|e| ("pair", e)).chain(checks.map(|e| ("check", e))) {
                println!("{}\t{s:.3}\t{a}\t{b}\t{set}", if *label { "FN" } else { "FP" });
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
