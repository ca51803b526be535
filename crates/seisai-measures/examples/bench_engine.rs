//! Throughput of payment screening by the measures engine alone (parse +
//! regions + goods + measures; list lookups answered by `NoLists`):
//! `cargo run --release -p seisai-measures --example bench_engine -- POLICY_DIR MESSAGE_FILE [N]`

use std::sync::Arc;
use std::time::Instant;

use seisai_measures::screening::NoLists;
use seisai_measures::{Document, Engine, Policy};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(file)) = (args.first(), args.get(1)) else {
        return Err("usage: bench_engine POLICY_DIR MESSAGE_FILE [N]".into());
    };
    let n: usize = args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(20_000);
    let engine = Engine::new(Policy::load_dir(dir)?, Arc::new(NoLists));
    let bytes = std::fs::read(file)?;
    let start = Instant::now();
    for _ in 0..n {
        Document::detect(&bytes, file)?;
    }
    let parse = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let mut non_clear = 0usize;
    for _ in 0..n {
        let doc = Document::detect(&bytes, file)?;
        if engine.check(&doc, None).outcome != seisai_measures::Outcome::Clear {
            non_clear += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!("parse only: {:.0} messages/s", n as f64 / parse);
    println!("{n} messages in {secs:.3} s = {:.0} messages/s on one thread ({non_clear} not CLEAR)", n as f64 / secs);
    Ok(())
}
