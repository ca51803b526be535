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

/// Load time and per-name cost; run with
/// `cargo test --release -p seisai-names -- --ignored --nocapture timing`.
#[test]
#[ignore = "timing figures, run in release"]
fn timing() {
    use std::time::Instant;
    let start = Instant::now();
    let enamdict_only = JapaneseReader::load(std::path::Path::new(super::DEBIAN_ENAMDICT), None);
    eprintln!("load ENAMDICT only: {:?} ({:?})", start.elapsed(), enamdict_only.is_ok());
    let bytes = std::fs::read(super::DEBIAN_ENAMDICT).unwrap_or_default();
    let start = Instant::now();
    let decoded = encoding_rs::EUC_JP.decode_without_bom_handling(&bytes);
    eprintln!("decode only: {:?} ({} chars)", start.elapsed(), decoded.0.len());
    let start = Instant::now();
    let Some(ja) = JapaneseReader::load_default() else { return };
    eprintln!("load: {:?} ({ja:?})", start.elapsed());
    let groups: [(&str, &[&str]); 4] = [
        ("latin", &["Vladimir Vladimirovich PUTIN", "Søren Straße-Łukasiewicz", "Mohammed bin Salman Al Saud"]),
        ("cyrillic", &["Путин Владимир Владимирович", "Шевченко Тарас Григорович", "ООО Газпром нефть"]),
        ("japanese", &["安倍晋三", "岸田文雄", "ウラジーミル・プーチン", "株式会社カラシニコフ・コンツェルン", "ｷﾑﾗ ﾀﾛｳ"]),
        ("other", &["김정은", "习近平", "محمد بن سلمان", "Βλαντίμιρ Πούτιν", "ולדימיר פוטין"]),
    ];
    for (label, names) in groups {
        let rounds = 2_000;
        let start = Instant::now();
        for _ in 0..rounds {
            for name in names {
                std::hint::black_box(latin_forms(name, Some(&ja)));
            }
        }
        let per = start.elapsed() / (rounds * names.len() as u32);
        eprintln!("{label}: {per:?} per name");
        for name in names {
            eprintln!("  {name} → {:?}", latin_forms(name, Some(&ja)));
        }
    }
}

/// Katakana words of the Japanese export-ban list (Russian entities) against
/// the English name printed under each: how many katakana words get a
/// rendering within a small edit distance of a word of the English name.
#[test]
fn katakana_words_of_export_ban_list_match_english_names() {
    let Some(ja) = reader() else { return };
    let Some(dir) = seisai_model::testdata::dir("export-ban katakana evaluation") else { return };
    let path = dir.join("jp/export-ban-russia-specified-entities-2025-09-12.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} not readable", path.display());
        return;
    };
    let lines: Vec<&str> = text.lines().collect();
    let (mut total, mut matched) = (0usize, 0usize);
    let mut misses = Vec::new();
    for (at, numbered) in lines.iter().enumerate() {
        // The English name is the first following line in Latin script.
        let Some(english) = lines.iter().skip(at + 1).take(3).find(|l| l.chars().next().is_some_and(|c| c.is_ascii()))
        else {
            continue;
        };
        let Some((number, japanese)) = numbered.split_once(' ') else { continue };
        if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
            continue;
        }
        let english_words: Vec<String> = crate::translit::fold_latin(english).split(' ').map(str::to_owned).collect();
        let katakana_words: Vec<String> = japanese
            .split(|c: char| !(('\u{30A1}'..='\u{30FA}').contains(&c) || c == 'ー'))
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_owned)
            .collect();
        for word in katakana_words {
            total += 1;
            let forms = latin_forms(&word, Some(ja));
            let hit = forms.iter().flat_map(|f| f.split(' ')).any(|t| {
                english_words.iter().any(|e| super::super::translit::tests_distance(t, e) <= (e.len() / 3).max(1))
            });
            if hit {
                matched += 1;
            } else if misses.len() < 25 {
                misses.push(format!("{word} {forms:?} ~ {english}"));
            }
        }
    }
    for miss in &misses {
        eprintln!("miss: {miss}");
    }
    eprintln!("export-ban katakana words: {matched}/{total} matched an English word");
    assert!(total > 200, "only {total} katakana words read from {}", path.display());
    assert!(matched * 100 >= total * 55, "{matched}/{total}");
}

proptest::proptest! {
    /// With the dictionary, arbitrary Japanese-looking text never panics and
    /// gives at most eight clean ASCII forms.
    #[test]
    fn readings_never_panic(name in "[\\p{Han}\\p{Katakana}\\p{Hiragana}ーｰ・ 　a-z]{0,16}") {
        if let Some(ja) = reader() {
            let forms = latin_forms(&name, Some(ja));
            proptest::prop_assert!(forms.len() <= crate::translit::MAX_FORMS);
            for form in forms.iter().chain(ja.readings(&name).iter()) {
                proptest::prop_assert!(form.bytes().all(|b| b == b' ' || b.is_ascii_lowercase() || b.is_ascii_digit()), "{form:?}");
            }
        }
    }
}
