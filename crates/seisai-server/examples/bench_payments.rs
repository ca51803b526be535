//! Payment screening end to end with the lists loaded: pacs.008 messages
//! parsed, every party, agent (BIC), address and free-text field screened
//! against the lists of a data directory (index built as the server does)
//! and the measures applied. The baseline in the same run is the same work
//! without list screening (`NoLists`).
//!
//!     cargo run --release -p seisai-server --example bench_payments -- \
//!         DATA_DIR POLICY_DIR PACS008.xml [NAMES.csv] [N=4000]
//!
//! With NAMES.csv (first column = a full name, header skipped), the
//! debtor's name of each message is replaced by the next name, so that
//! each message screens a different debtor.

use std::sync::Arc;
use std::time::Instant;

use seisai_measures::screening::NoLists;
use seisai_measures::{Document, Engine, PartyScreener, Policy};
use seisai_server::Snapshot;

type Error = Box<dyn std::error::Error + Send + Sync>;

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(data), Some(policies), Some(message)) = (args.first(), args.get(1), args.get(2))
    else {
        return Err("usage: bench_payments DATA_DIR POLICY_DIR PACS008.xml [NAMES.csv] [N]".into());
    };
    let names_file = args.get(3).filter(|a| a.parse::<usize>().is_err());
    let n: usize = args
        .iter()
        .skip(3)
        .find_map(|a| a.parse().ok())
        .unwrap_or(4000);
    let template = std::fs::read_to_string(message)?;
    // Each run gets its own messages (debtors not screened before), so
    // that the memory of recent screenings helps only with parties that
    // repeat within a run: agents, creditor, remittance text.
    let messages = messages(&template, names_file.map(String::as_str), n * 6)?;
    let mut batches = messages.chunks(n.max(1));

    let started = Instant::now();
    let store = seisai_store::Store::open(data)?;
    let snapshot = Snapshot::build(&store, seisai_matching::NameContext::load_default())?;
    println!(
        "lists loaded and index built in {:.2} s: {} entities",
        started.elapsed().as_secs_f64(),
        snapshot.index.len()
    );
    let policies = Policy::load_dir(policies)?;

    let threads = std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1);
    let baseline = Engine::new(policies.clone(), Arc::new(NoLists));
    let uncached = Engine::new(policies.clone(), Arc::new(NoMemory(Arc::clone(&snapshot.screener))));
    let screened = Engine::new(policies, Arc::clone(&snapshot.screener) as Arc<dyn PartyScreener>);
    println!(
        "{} pacs.008 messages, {} distinct debtor names",
        messages.len(),
        distinct(&messages)
    );
    println!(
        "{:<36} {:>10} {:>12} {:>10} {:>18}",
        "run", "threads", "messages/s", "not CLEAR", "decision digest"
    );
    let runs = [
        ("without list screening (baseline)", &baseline),
        ("lists, every party searched", &uncached),
        ("lists, repeated parties remembered", &screened),
    ];
    for (label, engine) in runs {
        for t in [1, threads] {
            let batch = batches.next().unwrap_or_default();
            let (rate, flagged, digest) = run(engine, batch, t)?;
            println!("{label:<36} {t:>10} {rate:>12.0} {flagged:>10} {digest:>18x}");
        }
    }
    Ok(())
}

/// The server's screener without its memory of recent screenings: every
/// party of every message is searched in the index.
struct NoMemory(Arc<seisai_server::screener::IndexScreener>);

impl PartyScreener for NoMemory {
    fn screen(&self, party: &seisai_measures::PartyQuery, as_of: Option<chrono::NaiveDate>) -> Vec<seisai_measures::ListHit> {
        self.0.search(party, as_of)
    }
    fn find_by_identifier(&self, kind: &str, value: &str, as_of: Option<chrono::NaiveDate>) -> Vec<seisai_measures::ListHit> {
        self.0.find_by_identifier(kind, value, as_of)
    }
}

/// `n` messages from the template, the debtor's name replaced by the names of the file in turn.
fn messages(template: &str, names_file: Option<&str>, n: usize) -> Result<Vec<String>, Error> {
    let Some(file) = names_file else {
        return Ok(vec![template.to_string(); n]);
    };
    let text = std::fs::read_to_string(file)?;
    let names: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .filter(|s| !s.is_empty())
        .collect();
    let debtor = debtor_name(template).ok_or("the message has no <Dbtr><Nm>")?;
    Ok((0..n)
        .map(|i| {
            let name = names
                .get(i % names.len().max(1))
                .copied()
                .unwrap_or("Nobody");
            let escaped = name.replace('&', "&amp;").replace('<', "&lt;");
            template.replacen(
                &format!("<Nm>{debtor}</Nm>"),
                &format!("<Nm>{escaped}</Nm>"),
                1,
            )
        })
        .collect())
}

/// The debtor's name in the template.
fn debtor_name(template: &str) -> Option<String> {
    let dbtr = template.find("<Dbtr>")?;
    let rest = template.get(dbtr..)?;
    let start = rest.find("<Nm>")? + 4;
    let end = rest.find("</Nm>")?;
    rest.get(start..end).map(str::to_string)
}

fn distinct(messages: &[String]) -> usize {
    messages
        .iter()
        .collect::<std::collections::HashSet<_>>()
        .len()
}

/// Screens all messages on `threads` threads; returns messages/s, the
/// count not CLEAR and a digest of the decisions (the sum of a hash of
/// each decision's JSON: the same for the same decisions in any order,
/// so that two builds can be compared).
fn run(engine: &Engine, messages: &[String], threads: usize) -> Result<(f64, usize, u64), Error> {
    let chunk = messages.len().div_ceil(threads).max(1);
    let started = Instant::now();
    let (flagged, digest) = std::thread::scope(|s| -> Result<(usize, u64), Error> {
        let handles: Vec<_> = messages
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || -> Result<(usize, u64), Error> {
                    let (mut flagged, mut digest) = (0, 0u64);
                    for m in part {
                        let doc = Document::detect(m.as_bytes(), "message")?;
                        let decision = engine.check(&doc, None);
                        if decision.outcome != seisai_measures::Outcome::Clear {
                            flagged += 1;
                        }
                        let mut hasher = std::hash::DefaultHasher::new();
                        std::hash::Hash::hash(&serde_json::to_string(&decision)?, &mut hasher);
                        digest = digest.wrapping_add(std::hash::Hasher::finish(&hasher));
                    }
                    Ok((flagged, digest))
                })
            })
            .collect();
        let (mut flagged, mut digest) = (0, 0u64);
        for h in handles {
            let (f, d) = h.join().map_err(|_| "a screening thread panicked")??;
            flagged += f;
            digest = digest.wrapping_add(d);
        }
        Ok((flagged, digest))
    })?;
    Ok((
        messages.len() as f64 / started.elapsed().as_secs_f64(),
        flagged,
        digest,
    ))
}
