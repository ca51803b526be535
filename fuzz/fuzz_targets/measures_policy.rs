//! Fuzz target: the policy loader (TOML + validation) and document
//! detection (JSON documents) must never panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seisai_measures::{Document, Policy};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = Policy::from_toml(text, "fuzz.toml");
    let _ = Document::detect(data, "fuzz.json");
});
