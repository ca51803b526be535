//! Fuzz target: the customer-list readers (CSV, XLSX, JSON lines, and the
//! `--map` column mapping) must never panic; bad input is an error that
//! names what was wrong.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seisai_model::Schema;
use seisai_review::import::{CustomerFormat, parse_mapping, read_customers};

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format and whether the mapping comes from
    // the input (its first line) or is empty (every column maps to itself).
    let Some((&selector, rest)) = data.split_first() else { return };
    let format = match selector % 3 {
        0 => CustomerFormat::Csv,
        1 => CustomerFormat::Xlsx,
        _ => CustomerFormat::Jsonl,
    };
    let (mapping, body) = if selector & 0x80 != 0 {
        let cut = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let map_text = String::from_utf8_lossy(&rest[..cut]);
        let Ok(mapping) = parse_mapping(&map_text) else { return };
        (mapping, rest.get(cut + 1..).unwrap_or_default())
    } else {
        (Default::default(), rest)
    };
    let _ = read_customers(body, format, &mapping, Schema::Person, "fuzz.input");
});
