//! Fuzz target: `latin_forms` and `kana_to_latin` must never panic, and
//! always return at most `MAX_FORMS` lower-case ASCII forms, whatever the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seisai_names::japanese::kana_to_latin;
use seisai_names::translit::{MAX_FORMS, latin_forms};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let forms = latin_forms(&text, None);
    assert!(forms.len() <= MAX_FORMS);
    for form in forms.iter().chain(kana_to_latin(&text).iter()) {
        assert!(form.bytes().all(|b| b == b' ' || b.is_ascii_lowercase() || b.is_ascii_digit()), "{form:?}");
    }
});
