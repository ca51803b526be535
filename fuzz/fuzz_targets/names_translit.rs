//! Fuzz target: `latin_forms` (also on the bytes mapped to Burmese and to
//! Chinese transcription characters) and `kana_to_latin` must never panic, and
//! always return at most `MAX_FORMS` lower-case ASCII forms, whatever the text;
//! splitting glued legal forms and respacing forms of their words keep the
//! letters in order; marking legal forms (whole, scattered or short of a
//! word) gives one mark per word, and splitting legal forms written in other
//! scripts never panics. Spellings in brackets (`Dmitrii (Dmitry) KUKARSKII`)
//! are at most four non-empty names other than the text, a Korean name in
//! katakana reads as lower-case ASCII words, cutting at the
//! slashes outside brackets loses nothing, and the sound key of any word is
//! lower-case ASCII when there is one.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seisai_names::alternatives::{bracketed_spellings, split_outside_brackets};
use seisai_names::japanese::kana_to_latin;
use seisai_names::translit::{MAX_FORMS, latin_forms, transcribed_sounds};
use seisai_names::vocab::{legal_form_marks, respace_forms, split_cjk_legal_forms, split_glued_legal_forms};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = split_cjk_legal_forms(&text);
    let forms = latin_forms(&text, None);
    assert!(forms.len() <= MAX_FORMS);
    // The same bytes as Burmese (the Myanmar block) and as a foreign name
    // in Chinese transcription characters, so that the fuzzer reaches the
    // syllable rules of both readers.
    let burmese: String = data.iter().map(|b| char::from_u32(0x1000 + u32::from(*b % 0xA0)).unwrap_or(' ')).collect();
    const HAN: [char; 16] = ['弗', '拉', '基', '米', '尔', '普', '京', '·', ' ', '布', '奇', '勒', '夫', '万', '诺', '希'];
    let han: String = data.iter().filter_map(|b| HAN.get(usize::from(*b) % HAN.len())).collect();
    // And as a Korean name in katakana (the family name first).
    const KANA: [char; 16] = ['キ', 'ム', '・', 'ソ', 'ン', 'チ', 'ョ', 'ル', 'イ', 'ギ', 'ュ', 'ー', 'リ', 'ク', 'ァ', 'グ'];
    let korean: String = "キム・".chars().chain(data.iter().filter_map(|b| KANA.get(usize::from(*b) % KANA.len()).copied())).collect();
    if let Some(reading) = seisai_names::japanese::korean_reading(&korean) {
        assert!(reading.bytes().all(|b| b == b' ' || b.is_ascii_lowercase()), "{reading:?}");
    }
    let more = [latin_forms(&burmese, None), latin_forms(&han, None), latin_forms(&korean, None)];
    for form in forms.iter().chain(kana_to_latin(&text).iter()).chain(more.iter().flatten()) {
        assert!(form.bytes().all(|b| b == b' ' || b.is_ascii_lowercase() || b.is_ascii_digit()), "{form:?}");
    }
    assert!(more.iter().all(|f| f.len() <= MAX_FORMS));
    let spellings = bracketed_spellings(&text);
    assert!(spellings.len() <= 4, "{spellings:?}");
    assert!(spellings.iter().all(|s| !s.is_empty() && *s != text), "{spellings:?}");
    // Cutting at the slashes outside brackets loses nothing.
    assert_eq!(split_outside_brackets(&text, '/').join("/"), text);
    for word in text.split_whitespace().chain(forms.iter().flat_map(|f| f.split_whitespace())) {
        if let Some(key) = transcribed_sounds(word) {
            assert!(key.bytes().all(|b| b.is_ascii_lowercase()), "{word:?}: {key:?}");
        }
    }
    for form in &forms {
        let words: Vec<String> = form.split_whitespace().map(str::to_string).collect();
        let respaced = respace_forms(split_glued_legal_forms(&words));
        assert_eq!(respaced.concat(), words.concat(), "{form:?}");
        assert_eq!(legal_form_marks(&respaced).len(), respaced.len(), "{form:?}");
    }
});
