//! Fuzz target: the `ofac_enhanced_xml` loader must never panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seisai_sources::{Format, Input, load};

fuzz_target!(|data: &[u8]| {
    let format = Format::parse("ofac_enhanced_xml").expect("format name is built in");
    let _ = load("fuzz", format, &[Input::new("fuzz-input", data)]);
});
