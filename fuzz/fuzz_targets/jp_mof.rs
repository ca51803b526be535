//! Fuzz target: the `jp_mof` loader must never panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seisai_sources::{Format, Input, load};

fuzz_target!(|data: &[u8]| {
    let format = Format::parse("jp_mof").expect("format name is built in");
    let _ = load("fuzz", format, &[Input::new("fuzz-input", data)]);
});
