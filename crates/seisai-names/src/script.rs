//! Which writing system a name is written in.

use serde::Serialize;
use unicode_script::{Script, UnicodeScript};

/// The writing systems seisai distinguishes when reporting and routing names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum NameScript {
    /// Latin letters (with or without diacritics).
    Latin,
    /// Cyrillic.
    Cyrillic,
    /// Greek.
    Greek,
    /// Arabic (incl. Persian, Urdu letters).
    Arabic,
    /// Hebrew.
    Hebrew,
    /// Armenian.
    Armenian,
    /// Georgian.
    Georgian,
    /// Korean Hangul.
    Hangul,
    /// Japanese kana, or kanji mixed with kana.
    Japanese,
    /// Han characters only (Chinese, or Japanese kanji without kana).
    Han,
    /// Thai.
    Thai,
    /// Devanagari and other Indic scripts.
    Indic,
    /// Any other script.
    Other,
    /// No letters at all.
    None,
}

impl NameScript {
    /// A short English label (`Latin`, `Cyrillic`, …).
    pub fn label(&self) -> &'static str {
        match self {
            NameScript::Latin => "Latin",
            NameScript::Cyrillic => "Cyrillic",
            NameScript::Greek => "Greek",
            NameScript::Arabic => "Arabic",
            NameScript::Hebrew => "Hebrew",
            NameScript::Armenian => "Armenian",
            NameScript::Georgian => "Georgian",
            NameScript::Hangul => "Hangul",
            NameScript::Japanese => "Japanese",
            NameScript::Han => "Han",
            NameScript::Thai => "Thai",
            NameScript::Indic => "Indic",
            NameScript::Other => "Other",
            NameScript::None => "None",
        }
    }
}

/// The script of one character, `None` for digits, punctuation, spaces
/// and marks (Unicode's Common and Inherited scripts).
pub fn of_char(c: char) -> Option<NameScript> {
    // Most names are ASCII: no table lookup for them.
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(NameScript::Latin);
    }
    classify(c)
}

fn classify(c: char) -> Option<NameScript> {
    Some(match c.script() {
        Script::Latin => NameScript::Latin,
        Script::Cyrillic => NameScript::Cyrillic,
        Script::Greek => NameScript::Greek,
        Script::Arabic => NameScript::Arabic,
        Script::Hebrew => NameScript::Hebrew,
        Script::Armenian => NameScript::Armenian,
        Script::Georgian => NameScript::Georgian,
        Script::Hangul => NameScript::Hangul,
        Script::Hiragana | Script::Katakana => NameScript::Japanese,
        Script::Han => NameScript::Han,
        Script::Thai => NameScript::Thai,
        Script::Devanagari | Script::Bengali | Script::Gurmukhi | Script::Gujarati | Script::Tamil
        | Script::Telugu | Script::Kannada | Script::Malayalam | Script::Oriya | Script::Sinhala => {
            NameScript::Indic
        }
        Script::Common | Script::Inherited | Script::Unknown => return None,
        _ => NameScript::Other,
    })
}

/// The dominant script of `text`: the script of most of its letters. Han
/// text with any kana counts as Japanese (kanji names with kana readings or
/// company names such as 株式会社カラシニコフ).
pub fn dominant(text: &str) -> NameScript {
    let mut counts = [0usize; 14];
    for c in text.chars() {
        if let Some(s) = of_char(c) {
            counts[s as usize] += 1;
        }
    }
    if counts[NameScript::Japanese as usize] > 0 && counts[NameScript::Han as usize] > 0 {
        counts[NameScript::Japanese as usize] += counts[NameScript::Han as usize];
        counts[NameScript::Han as usize] = 0;
    }
    let all = [
        NameScript::Latin,
        NameScript::Cyrillic,
        NameScript::Greek,
        NameScript::Arabic,
        NameScript::Hebrew,
        NameScript::Armenian,
        NameScript::Georgian,
        NameScript::Hangul,
        NameScript::Japanese,
        NameScript::Han,
        NameScript::Thai,
        NameScript::Indic,
        NameScript::Other,
    ];
    all.into_iter()
        .filter(|s| counts[*s as usize] > 0)
        .max_by_key(|s| (counts[*s as usize], std::cmp::Reverse(*s as usize)))
        .unwrap_or(NameScript::None)
}

/// Whether every letter of `text` is Latin (or it has no letters).
pub fn is_latin(text: &str) -> bool {
    text.chars().all(|c| !matches!(of_char(c), Some(s) if s != NameScript::Latin))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_scripts() {
        assert_eq!(dominant("Vladimir Putin"), NameScript::Latin);
        assert_eq!(dominant("Владимир Путин"), NameScript::Cyrillic);
        assert_eq!(dominant("ウラジーミル・プーチン"), NameScript::Japanese);
        assert_eq!(dominant("株式会社カラシニコフ"), NameScript::Japanese);
        assert_eq!(dominant("习近平"), NameScript::Han);
        assert_eq!(dominant("김정은"), NameScript::Hangul);
        assert_eq!(dominant("محمد"), NameScript::Arabic);
        assert_eq!(dominant("123"), NameScript::None);
        // The ASCII shortcut agrees with the Unicode tables.
        for c in (0u8..128).map(char::from) {
            assert_eq!(of_char(c), classify(c), "{c:?}");
        }
        assert!(is_latin("José Müller-Lüdenscheidt 3"));
        assert!(!is_latin("Pаvel"));
    }
}
