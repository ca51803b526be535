//! Prints the score and explanation of one name pair:
//! `cargo run --release -p seisai-eval --example explain -- SCHEMA NAME1 NAME2`
use seisai_matching::score::{Config, Prepared, score};
use seisai_matching::NameContext;
use seisai_model::{Entity, Schema, props};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: explain SCHEMA NAME1 NAME2");
        std::process::exit(2);
    }
    let schema: Schema = args[1].parse().unwrap_or(Schema::LegalEntity);
    let ctx = NameContext::load_default();
    let mk = |n: &str| {
        let mut e = Entity::new("x", "x", schema.clone());
        e.add(props::NAME, n);
        Prepared::from_entity(&e, &ctx)
    };
    // The query is prepared as a search prepares it (its words read from
    // katakana or Chinese characters compared by their sounds too).
    let (q, c) = (mk(&args[2]).with_matchers(), mk(&args[3]));
    for n in q.names.iter().chain(c.names.iter()) {
        for f in &n.forms {
            let toks: Vec<String> = f.tokens.iter().map(|t| format!("{}:{:?}:{:.2}:{}", t.text, t.kind, t.weight, t.phonetic)).collect();
            println!("form {:?} -> {:?} legal {:?}", f.latin, toks, f.legal_forms);
        }
    }
    match score(&q, &c, &Config::default()) {
        Some(r) => println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default()),
        None => println!("no comparison"),
    }
}
