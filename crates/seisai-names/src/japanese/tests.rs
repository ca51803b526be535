//! Tests that read the installed ENAMDICT/IPADIC (skipped with a printed
//! reason when the Debian packages are absent).

use std::sync::OnceLock;

use super::JapaneseReader;
use crate::translit::latin_forms;

/// The reader, loaded once for all tests of this binary.
fn reader() -> Option<&'static JapaneseReader> {
    static READER: OnceLock<Option<JapaneseReader>> = OnceLock::new();
    let reader = READER.get_or_init(JapaneseReader::load_default).as_ref();
    if reader.is_none() {
        eprintln!("skipped: ENAMDICT not installed (apt-get install enamdict) and SEISAI_ENAMDICT unset");
    }
    reader
}

fn has(forms: &[String], form: &str) -> bool {
    crate::translit::contains_form("reading", forms, form)
}

#[test]
fn kanji_names_read_the_japanese_way() {
    let Some(ja) = reader() else { return };
    assert_eq!(ja.readings("安倍晋三").first().map(String::as_str), Some("abe shinzo"));
    assert_eq!(ja.readings("岸田文雄").first().map(String::as_str), Some("kishida fumio"));
    assert!(has(&ja.readings("岸田 文雄"), "kishida fumio"));
    assert!(has(&ja.readings("田中角栄"), "tanaka kakuei"));
    assert!(has(&ja.readings("金正恩"), "kim jong un"));
}

#[test]
fn katakana_names_use_enamdict_latin_first() {
    let Some(ja) = reader() else { return };
    assert_eq!(ja.readings("ウラジーミル・プーチン").first().map(String::as_str), Some("vladimir putin"));
    assert!(has(&ja.readings("カラシニコフ・コンツェルン"), "kalashnikov kontsern"));
    assert!(ja.readings("").is_empty());
}

#[test]
fn latin_forms_with_reader_give_both_readings() {
    let Some(ja) = reader() else { return };
    let forms = latin_forms("安倍晋三", Some(ja));
    assert_eq!(forms.first().map(String::as_str), Some("abe shinzo"));
    assert!(forms.iter().any(|f| f.starts_with("an bei")), "{forms:?}");
    let forms = latin_forms("习近平", Some(ja));
    assert_eq!(forms.first().map(String::as_str), Some("xi jinping"));
    let forms = latin_forms("株式会社カラシニコフ・コンツェルン", Some(ja));
    assert!(forms.iter().any(|f| f.contains("kalashnikov")), "{forms:?}");
}

#[test]
fn load_errors_name_the_file() {
    let missing = std::path::Path::new("/nonexistent/enamdict");
    let err = JapaneseReader::load(missing, None).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("/nonexistent/enamdict"), "{err}");
}
