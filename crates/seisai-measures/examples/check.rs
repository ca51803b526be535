//! Checks documents against the policies of a directory without lists
//! (regions, goods, securities and price caps only):
//! `cargo run -p seisai-measures --example check -- POLICY_DIR [--as-of YYYY-MM-DD] [--json] FILE...`

use std::sync::Arc;

use seisai_measures::screening::NoLists;
use seisai_measures::{Document, Engine, Policy, render_table};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: check POLICY_DIR [--as-of DATE] [--json] FILE...")?;
    let engine = Engine::new(Policy::load_dir(&dir)?, Arc::new(NoLists));
    let (mut as_of, mut json, mut files) = (None, false, Vec::new());
    while let Some(a) = args.next() {
        match a.as_str() {
            "--as-of" => as_of = Some(args.next().ok_or("--as-of needs a date")?.parse()?),
            "--json" => json = true,
            _ => files.push(a),
        }
    }
    for f in files {
        let doc = Document::detect(&std::fs::read(&f)?, &f)?;
        let decision = engine.check(&doc, as_of);
        if json {
            println!("{}", serde_json::to_string_pretty(&decision)?);
        } else {
            print!("{}", render_table(&decision));
        }
    }
    Ok(())
}
