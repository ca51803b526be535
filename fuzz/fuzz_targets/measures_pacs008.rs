//! Fuzz target: the ISO 20022 pacs.008/pain.001 parser and the engine must
//! never panic; a message that parses is always screened to a decision.
#![no_main]

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use seisai_measures::documents::iso20022;
use seisai_measures::screening::NoLists;
use seisai_measures::{Document, Engine, Policy};

static POLICY: &str = include_str!("../../policies/jp-russia.toml");

/// The engine over the Japan policy, built once.
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let policies = Policy::from_toml(POLICY, "jp-russia.toml").map(|p| vec![p]).unwrap_or_default();
        Engine::new(policies, Arc::new(NoLists))
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(msg) = iso20022::parse(text, "fuzz.xml") {
        let _ = engine().check(&Document::Payment(msg), None);
    }
});
