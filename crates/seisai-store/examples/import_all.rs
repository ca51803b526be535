//! Benchmark: imports every list snapshot of the shared data directory
//! (`../shared/data`, or `SEISAI_TEST_DATA`) into a temporary store, then
//! reads all current versions back as the server does at startup.
//!
//! Prints per-import time and counts, the total time, the cold-load time
//! and the peak resident memory (VmHWM).
//!
//!     CARGO_TARGET_DIR=/work/targets/h4 cargo run --release -p seisai-store --example import_all

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use seisai_sources::Input;
use seisai_store::{ImportOptions, ImportOutcome, Store};

/// One import: dataset, files (relative to the data directory; a
/// directory stands for its files), publication date where the file
/// names do not carry one.
struct Step {
    dataset: &'static str,
    files: &'static [&'static str],
    published: Option<&'static str>,
}

const PLAN: &[Step] = &[
    // OFAC SDN, oldest first. The 2019-01 and 2021-07 sets are dated by their folders (month only).
    Step { dataset: "us_ofac_sdn", files: &["ofac/2019-01"], published: Some("2019-01-31") },
    Step { dataset: "us_ofac_sdn", files: &["ofac/2021-07"], published: Some("2021-07-31") },
    Step { dataset: "us_ofac_sdn", files: &["ofac/sdn-2021-08-18.csv"], published: None },
    Step { dataset: "us_ofac_sdn", files: &["ofac/sdn-2022-12-15.csv"], published: None },
    Step { dataset: "us_ofac_sdn", files: &["ofac/sdn-2024-05-03.csv"], published: None },
    Step { dataset: "us_ofac_cons", files: &["ofac/cons-2024"], published: Some("2024-12-31") },
    Step { dataset: "us_ofac_cons", files: &["ofac/cons-enhanced-2025-01-10.zip"], published: None },
    Step { dataset: "un_sc", files: &["un/un-consolidated-2026-02-27.xml"], published: None },
    Step { dataset: "eu_journal", files: &["eu/consolidated", "eu/amendments"], published: None },
    Step { dataset: "eu_fsf", files: &["eu/fsf/fsf-extract-2020-04-15.xml"], published: None },
    Step { dataset: "eu_fsf", files: &["eu/fsf/fsf-extract-2026-08-05.xml"], published: None },
    Step { dataset: "jp_mof", files: &["jp/mof-asset-freeze-2026-03-05.xlsx"], published: None },
    Step { dataset: "jp_meti_eul", files: &["jp/meti-end-user-list-2025-09-29.xlsx"], published: None },
    Step {
        dataset: "jp_export_ban",
        files: &[
            "jp/export-ban-russia-specified-entities-2025-09-12.txt",
            "jp/export-ban-belarus-specified-entities-2022-07-05.txt",
            "jp/export-ban-third-country-entities-2025-09-12.txt",
        ],
        published: Some("2025-09-12"),
    },
    Step { dataset: "us_csl", files: &["us_csl/csl-2022.csv.gz"], published: None },
    Step { dataset: "us_bis_dpl", files: &["us_bis_dpl/dpl-2021.txt"], published: Some("2021-12-31") },
    Step { dataset: "us_bis_dpl", files: &["us_bis_dpl/dpl-2023.txt"], published: Some("2023-12-31") },
    Step { dataset: "cn_mfa", files: &["cn/cn-mfa-countersanctions.csv"], published: None },
    Step { dataset: "gb_ofsi", files: &["uk/ofsi-conlist-2020-04-27.csv"], published: None },
    Step { dataset: "gb_fcdo", files: &["uk/uk-sanctions-list-extract-2026-08-14.xml"], published: None },
    Step { dataset: "ca_sema", files: &["ca/sema-2025.xml"], published: None },
    Step { dataset: "opensanctions", files: &["opensanctions/fixture-entities.ftm.jsonl"], published: None },
];

fn inputs(root: &Path, files: &[&str]) -> Result<Vec<Input>, String> {
    let mut out = Vec::new();
    for f in files {
        let path = root.join(f);
        let mut paths: Vec<PathBuf> = if path.is_dir() {
            std::fs::read_dir(&path)
                .map_err(|e| format!("{}: {e}", path.display()))?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        } else {
            vec![path]
        };
        paths.sort();
        for p in paths {
            out.push(Input::read(&p).map_err(|e| e.to_string())?);
        }
    }
    Ok(out)
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// User + system CPU time of this process so far (from /proc/self/stat,
/// in clock ticks of 1/100 s), independent of other load on the machine.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn main() {
    let Some(root) = seisai_model::testdata::dir("import_all benchmark") else { return };
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("cannot create a temporary store: {e}");
            std::process::exit(1);
        }
    };
    let mut store = match Store::open(dir.path()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    println!(
        "{:<14} {:<40} {:>8} {:>8} {:>7} {:>7} {:>7}  outcome",
        "dataset", "files", "entities", "rejected", "load", "write", "total"
    );
    let started = Instant::now();
    let mut failures = 0;
    for step in PLAN {
        let t = Instant::now();
        let result = inputs(&root, step.files).and_then(|inputs| {
            let options = ImportOptions {
                published: step.published.and_then(|d| d.parse::<NaiveDate>().ok()),
                ..ImportOptions::default()
            };
            store.import(step.dataset, &inputs, &options).map_err(|e| e.to_string())
        });
        let ms = t.elapsed().as_millis();
        let files = step.files.join(" ");
        let files = if files.chars().count() > 40 { format!("{}…", files.chars().take(39).collect::<String>()) } else { files };
        match result {
            Ok(r) => {
                let outcome = match r.outcome {
                    ImportOutcome::Created => format!("new {}", r.version.id),
                    ImportOutcome::Unchanged => "unchanged".into(),
                };
                println!(
                    "{:<14} {:<40} {:>8} {:>8} {:>7} {:>7} {:>7}  {outcome}",
                    step.dataset, files, r.version.entities, r.version.rejected_count, r.timing.load_ms, r.timing.write_ms, ms
                );
            }
            Err(e) => {
                failures += 1;
                println!("{:<14} {:<40} {:>8} {:>8} {:>7} {:>7} {:>7}  FAILED: {e}", step.dataset, files, "-", "-", "-", "-", ms);
            }
        }
    }
    let import_total = started.elapsed();
    let cold = Instant::now();
    let reopened = match Store::open(dir.path()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let current = match reopened.current_entities() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let cold_ms = cold.elapsed().as_millis();
    let versions: usize = reopened.datasets().iter().map(|d| reopened.versions(d).len()).sum();
    println!();
    println!("imports: {} ({} failed), versions stored: {versions}", PLAN.len(), failures);
    println!("total import time: {:.2} s wall, {} CPU", import_total.as_secs_f64(), cpu_seconds().map(|c| format!("{c:.2} s")).unwrap_or_else(|| "unknown".into()));
    println!("cold load of all current versions: {} entities in {cold_ms} ms", current.len());
    match peak_rss_mb() {
        Some(mb) => println!("peak RSS (VmHWM): {mb:.0} MB"),
        None => println!("peak RSS: unknown (no /proc/self/status)"),
    }
}
