//! Which writing system a name is in, for import reports.

use std::collections::BTreeMap;

use unicode_script::{Script, UnicodeScript};

use seisai_model::Entity;

/// The dominant script of a name: the script of most of its letters, with
/// Hiragana and Katakana reported as `Japanese` (kana, possibly mixed with
/// kanji) and names without letters as `None`.
pub fn dominant_script(name: &str) -> &'static str {
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut kana = false;
    for c in name.chars() {
        let script = c.script();
        match script {
            Script::Common | Script::Inherited | Script::Unknown => continue,
            Script::Hiragana | Script::Katakana => kana = true,
            _ => {}
        }
        *counts.entry(script.full_name()).or_default() += 1;
    }
    if kana {
        return "Japanese";
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(s, _)| s).unwrap_or("None")
}

/// Adds the names of `entity` to `counts` by dominant script.
pub fn count_names(entity: &Entity, counts: &mut BTreeMap<String, usize>) {
    for (_, name) in entity.names() {
        *counts.entry(dominant_script(name).to_string()).or_default() += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_scripts() {
        assert_eq!(dominant_script("Vladimir Putin"), "Latin");
        assert_eq!(dominant_script("Владимир Путин"), "Cyrillic");
        assert_eq!(dominant_script("プーチン・ウラジーミル"), "Japanese");
        assert_eq!(dominant_script("朝鮮光鮮銀行"), "Han");
        assert_eq!(dominant_script("조선광선은행"), "Hangul");
        assert_eq!(dominant_script("محمد"), "Arabic");
        assert_eq!(dominant_script("Ελληνικά"), "Greek");
        assert_eq!(dominant_script("אברהם"), "Hebrew");
        assert_eq!(dominant_script("123 - ."), "None");
        assert_eq!(dominant_script("OOO Ромашка"), "Cyrillic");
    }
}
