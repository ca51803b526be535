//! LOCAL (pay5, not committed): the "remembered" phase of bench_payments on
//! the same batch, measured in thread CPU time (robust to a shared machine).
use std::sync::Arc;
use seisai_measures::{Document, Engine, PartyScreener, Policy};
use seisai_server::Snapshot;
type Error = Box<dyn std::error::Error + Send + Sync>;

fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat").ok()
        .and_then(|s| s.split_whitespace().next().and_then(|x| x.parse().ok())).unwrap_or(0)
}

fn main() -> Result<(), Error> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let (data, policies, message, names) = (&a[0], &a[1], &a[2], &a[3]);
    let n: usize = a.get(4).and_then(|x| x.parse().ok()).unwrap_or(1000);
    let template = std::fs::read_to_string(message)?;
    let text = std::fs::read_to_string(names)?;
    let names: Vec<&str> = text.lines().skip(1).filter_map(|l| l.split(',').next()).filter(|s| !s.is_empty()).collect();
    let dbtr = template.find("<Dbtr>").unwrap();
    let rest = &template[dbtr..];
    let debtor = rest[rest.find("<Nm>").unwrap() + 4..rest.find("</Nm>").unwrap()].to_string();
    let messages: Vec<String> = (0..n * 6).map(|i| {
        let name = names[i % names.len()];
        let escaped = name.replace('&', "&amp;").replace('<', "&lt;");
        template.replacen(&format!("<Nm>{debtor}</Nm>"), &format!("<Nm>{escaped}</Nm>"), 1)
    }).collect();
    let store = seisai_store::Store::open(data)?;
    let snapshot = Snapshot::build(&store, seisai_matching::NameContext::load_default())?;
    let policies = Policy::load_dir(policies)?;
    let reps: usize = std::env::var("PAY5_REPS").ok().and_then(|x| x.parse().ok()).unwrap_or(5);
    let mut best = (0f64, 0f64);
    let mut digests = std::collections::BTreeSet::new();
    for _ in 0..reps {
        let screener = Arc::new(seisai_server::screener::IndexScreener::new(Arc::clone(&snapshot.index)));
        let screened = Engine::new(policies.clone(), screener as Arc<dyn PartyScreener>);
        let run = |batch: &[String]| -> (f64, f64, u64) {
            let (c0, t0) = (cpu_ns(), std::time::Instant::now());
            let mut digest = 0u64;
            for m in batch {
                let doc = Document::detect(m.as_bytes(), "message").unwrap();
                let d = screened.check(&doc, None);
                let mut h = std::hash::DefaultHasher::new();
                std::hash::Hash::hash(&serde_json::to_string(&d).unwrap(), &mut h);
                digest = digest.wrapping_add(std::hash::Hasher::finish(&h));
            }
            let cpu = (cpu_ns() - c0) as f64 / 1e9;
            (batch.len() as f64 / cpu, batch.len() as f64 / t0.elapsed().as_secs_f64(), digest)
        };
        let (_, _, d5) = run(&messages[4 * n..5 * n]);
        let (c6, w6, d6) = run(&messages[5 * n..6 * n]);
        digests.insert((d5, d6));
        best = (best.0.max(c6), best.1.max(w6));
    }
    println!("batch6 best of {reps}: {:.0} msg/cpu-s, {:.0} msg/s wall; digests {:x?}", best.0, best.1, digests);
    Ok(())
}
