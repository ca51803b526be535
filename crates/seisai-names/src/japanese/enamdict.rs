//! ENAMDICT (EDRDG's Japanese proper-name dictionary) reader.
//!
//! Line format: `HEADWORD [READING] /(tags) Latin/(tags) Latin/…/`, EUC-JP.
//! Kept: kanji headwords with their kana reading and tags (and the Latin
//! form of full-name `h` entries), and katakana headwords with their Latin
//! forms. Hiragana headwords are romanised by rule instead.

use std::borrow::Cow;
use std::path::Path;

use super::JapaneseError;
use super::store::{Store, tag};

/// Tag bits of an ENAMDICT tag list such as `p,s`.
fn tags(list: &str) -> u16 {
    let mut bits = 0;
    for t in list.split(',') {
        bits |= match t.trim() {
            "s" | "surname" => tag::SURNAME,
            "g" | "m" | "f" | "given" | "masc" | "fem" => tag::GIVEN,
            "h" | "person" => tag::PERSON,
            "p" | "st" | "place" | "station" => tag::PLACE,
            "c" | "o" | "company" | "organization" => tag::ORG,
            _ => tag::OTHER,
        };
    }
    bits
}

/// True when a headword contains a Han character (kanji or 々).
pub(crate) fn has_kanji(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}' | '々'))
}

/// Katakana headword, possibly with `・`/`＝` between words.
fn is_katakana_word(text: &str) -> bool {
    text.chars().all(|c| matches!(c, '\u{30A1}'..='\u{30FF}' | '＝')) && !text.is_empty()
}

/// Removes a trailing parenthetical (`Vladimir (Russia)` → `Vladimir`,
/// `Shinzō Abe (1954.9-)` → `Shinzō Abe`).
fn strip_note(latin: &str) -> &str {
    match latin.find('(') {
        Some(i) if latin.get(..i).is_some_and(|before| before.ends_with(' ')) => latin.get(..i).unwrap_or(latin),
        _ => latin,
    }
    .trim()
}

/// Decodes the numeric character references ENAMDICT uses for letters that
/// EUC-JP lacks (`Shinz&#333;` → `Shinzō`).
fn decode_references(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("&#") {
        out.push_str(rest.get(..at).unwrap_or(""));
        let after = rest.get(at + 2..).unwrap_or("");
        let decoded = after.split_once(';').and_then(|(digits, tail)| {
            let c = if let Some(hex) = digits.strip_prefix(['x', 'X']) {
                u32::from_str_radix(hex, 16).ok()
            } else {
                digits.parse::<u32>().ok()
            }
            .and_then(char::from_u32)?;
            Some((c, tail))
        });
        match decoded {
            Some((c, tail)) => {
                out.push(c);
                rest = tail;
            }
            None => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Loads the EUC-JP file at `path` into `store`.
pub(crate) fn load(path: &Path, store: &mut Store) -> Result<(), JapaneseError> {
    let bytes = std::fs::read(path).map_err(|source| JapaneseError::Io { path: path.to_owned(), source })?;
    let text = super::decode_euc_jp(path, &bytes)?;
    let mut latin = String::new();
    let mut places = String::new();
    store.reserve(bytes.len() / 32, text.len() / 2);
    for (number, line) in text.lines().enumerate() {
        let line_no = number + 1;
        if line.trim().is_empty() {
            continue;
        }
        // Char patterns (memchr) rather than string patterns: this loop runs
        // 741,000 times.
        let Some((left, right)) = line.split_once('/') else {
            return Err(JapaneseError::Format {
                path: path.to_owned(),
                line: line_no,
                message: "expected `HEADWORD [READING] /senses/`: no ` /` separator".to_owned(),
            });
        };
        let left = left.trim_end();
        let (head, reading) = match left.split_once('[') {
            Some((head, rest)) => match rest.strip_suffix(']') {
                Some(reading) => (head.trim(), reading.trim()),
                None => {
                    return Err(JapaneseError::Format {
                        path: path.to_owned(),
                        line: line_no,
                        message: "reading `[…]` is not closed".to_owned(),
                    });
                }
            },
            None => (left.trim(), ""),
        };
        let kanji = has_kanji(head);
        let katakana = !kanji && is_katakana_word(head);
        if !kanji && !katakana {
            continue;
        }
        let mut bits = 0u16;
        let mut current = 0u16;
        latin.clear();
        places.clear();
        for sense in right.split('/') {
            let sense = sense.trim();
            if sense.is_empty() {
                continue;
            }
            let body = match sense.strip_prefix('(').and_then(|s| s.split_once(')')) {
                Some((list, body)) => {
                    current = tags(list);
                    body.trim_start()
                }
                None => sense,
            };
            bits |= current;
            // Latin kept for persons (to order family/given) and katakana words.
            if katakana || current & tag::PERSON != 0 {
                let body = decode_references(body);
                let form = strip_note(&body);
                // Place-only senses (`Vladimirskaya`) after the name senses.
                let target = if current == tag::PLACE { &mut places } else { &mut latin };
                if !form.is_empty() && !form.contains('/') {
                    if !target.is_empty() {
                        target.push('/');
                    }
                    target.push_str(form);
                }
            }
        }
        if !places.is_empty() {
            if !latin.is_empty() {
                latin.push('/');
            }
            latin.push_str(&places);
        }
        store.add(head, reading, &latin, bits, u16::MAX);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags_and_notes() {
        assert_eq!(tags("p,s"), tag::PLACE | tag::SURNAME);
        assert_eq!(tags("m"), tag::GIVEN);
        assert_eq!(strip_note("Shinzō Abe (1954.9-)"), "Shinzō Abe");
        assert!(has_kanji("安倍晋三") && !has_kanji("プーチン"));
        assert_eq!(decode_references("Shinz&#333; &#x14D;no &#bad; &#"), "Shinzō ōno &#bad; &#");
    }

    #[test]
    fn loads_a_small_file_and_reports_bad_lines() {
        let dir = std::env::temp_dir().join(format!("seisai-enamdict-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        let good = dir.join("good");
        let (bytes, _, _) = encoding_rs::EUC_JP.encode(
            "安倍 [あべ] /(p,s) Abe/\nプーチン /(p) Putingrad/(s) Putin/\n安倍晋三 [あべしんぞう] /(h) Shinzō Abe (1954.9-)/\n",
        );
        std::fs::write(&good, &bytes).ok();
        let mut store = Store::default();
        assert!(load(&good, &mut store).is_ok());
        store.finish();
        assert_eq!(store.len(), 3);
        let putin: Vec<&str> = store.lookup("プーチン").flat_map(|e| store.latin(e)).collect();
        assert_eq!(putin, ["Putin", "Putingrad"]);
        let abe: Vec<&str> = store.lookup("安倍晋三").flat_map(|e| store.latin(e)).collect();
        assert_eq!(abe, ["Shinzō Abe"]);

        let bad = dir.join("bad");
        std::fs::write(&bad, b"ok /(s) Ok/\nbroken line\n").ok();
        let err = load(&bad, &mut Store::default()).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("bad") && err.contains("line 2"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
