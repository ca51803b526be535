//! Which writing system a name is written in, as far as loaders need it:
//! to split `Sergei AKSENOV (Сергей АКСЁНОВ)` into its Latin and Cyrillic
//! forms, and to count names by script in load reports.

use std::collections::BTreeMap;

/// A writing system of letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Script {
    /// Latin letters (with diacritics).
    Latin,
    /// Cyrillic.
    Cyrillic,
    /// Greek.
    Greek,
    /// Arabic (also Persian, Urdu, Pashto).
    Arabic,
    /// Hebrew.
    Hebrew,
    /// Chinese characters (also Japanese kanji).
    Han,
    /// Japanese hiragana and katakana.
    Kana,
    /// Korean Hangul.
    Hangul,
    /// Any other script (Georgian, Armenian, Thai, …).
    Other,
}

impl Script {
    /// The script of one character, `None` for anything that is not a letter.
    pub fn of_char(c: char) -> Option<Script> {
        if !c.is_alphabetic() {
            return None;
        }
        let u = c as u32;
        Some(match u {
            0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF | 0xFF21..=0xFF5A => Script::Latin,
            0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
            0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
            0x590..=0x5FF | 0xFB1D..=0xFB4F => Script::Hebrew,
            0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
            0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Kana,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF => Script::Han,
            _ => Script::Other,
        })
    }

    /// The script most letters of `text` are written in (`None` if it has no
    /// letters). Japanese mixing kana and kanji counts as [`Script::Kana`]
    /// when it has any kana.
    pub fn dominant(text: &str) -> Option<Script> {
        let mut counts: BTreeMap<Script, usize> = BTreeMap::new();
        for s in text.chars().filter_map(Script::of_char) {
            *counts.entry(s).or_default() += 1;
        }
        if counts.contains_key(&Script::Kana) && counts.contains_key(&Script::Han) {
            let han = counts.remove(&Script::Han).unwrap_or(0);
            *counts.entry(Script::Kana).or_default() += han;
        }
        counts.into_iter().max_by_key(|(s, n)| (*n, std::cmp::Reverse(*s))).map(|(s, _)| s)
    }

    /// The script's English name.
    pub fn name(&self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Cyrillic => "Cyrillic",
            Script::Greek => "Greek",
            Script::Arabic => "Arabic",
            Script::Hebrew => "Hebrew",
            Script::Han => "Han",
            Script::Kana => "Kana",
            Script::Hangul => "Hangul",
            Script::Other => "Other",
        }
    }
}

impl std::fmt::Display for Script {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Splits a name that carries a form in another script in trailing
/// parentheses into both forms: `Sergei AKSENOV (Сергей АКСЁНОВ)` gives
/// `["Sergei AKSENOV", "Сергей АКСЁНОВ"]`, `Dmitry KULIKOV (Russian:Дмитрий
/// КУЛИКОВ)` drops the language label, and so does `SALIM HAMDAN
/// （original script: سالم حمدان）` (full-width brackets and colon, as
/// Japanese lists write them, in any mix). A parenthesis in the same script
/// as the rest (`Export Development Bank of Iran (EDBI)`) is part of the
/// name and the value is returned unchanged.
pub fn split_original_script(value: &str) -> Vec<String> {
    let value = value.trim();
    let Some(body) = value.strip_suffix([')', '）']) else {
        return vec![value.to_string()];
    };
    // The bracket that opens the trailing group, allowing nested pairs inside it.
    let mut depth = 0usize;
    let mut open = None;
    for (i, c) in body.char_indices().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' if depth == 0 => {
                open = Some((i, c.len_utf8()));
                break;
            }
            '(' | '（' => depth -= 1,
            _ => {}
        }
    }
    let Some((open, width)) = open else {
        return vec![value.to_string()];
    };
    let outer = body.get(..open).unwrap_or("").trim();
    let inner = body.get(open + width..).unwrap_or("").trim();
    let labelled = strip_language_label(inner);
    match (Script::dominant(outer), Script::dominant(labelled)) {
        (Some(a), Some(b)) if a != b => vec![outer.to_string(), labelled.to_string()],
        // A label with nothing after it (`(original script: )`).
        (Some(_), None) if labelled.len() < inner.len() => vec![outer.to_string()],
        _ => vec![value.to_string()],
    }
}

/// Removes a leading Latin label ending in `:` or `：` (`Russian:`, `In
/// Arabic:`, `Russian spelling:`, `original script：`) from an
/// original-script form.
fn strip_language_label(text: &str) -> &str {
    match text.split_once([':', '：']) {
        Some((label, rest))
            if label.chars().all(|c| c.is_ascii_alphabetic() || c.is_whitespace())
                && label.split_whitespace().count() <= 3 =>
        {
            rest.trim()
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dominant_script() {
        assert_eq!(Script::dominant("Сергей АКСЁНОВ"), Some(Script::Cyrillic));
        assert_eq!(Script::dominant("Ганна Мiхайлаўна"), Some(Script::Cyrillic));
        assert_eq!(Script::dominant("عبد اللطيف منصور"), Some(Script::Arabic));
        assert_eq!(Script::dominant("キム・ジョンウン 金正恩"), Some(Script::Kana));
        assert_eq!(Script::dominant("김정은"), Some(Script::Hangul));
        assert_eq!(Script::dominant("Ιωάννης"), Some(Script::Greek));
        assert_eq!(Script::dominant("12 - ()"), None);
        assert_eq!(Script::Cyrillic.to_string(), "Cyrillic");
    }

    #[test]
    fn splits_only_other_script_parentheses() {
        assert_eq!(split_original_script("Sergei AKSENOV (Сергей АКСЁНОВ)"), ["Sergei AKSENOV", "Сергей АКСЁНОВ"]);
        assert_eq!(
            split_original_script("Dmitry Yevgenevich KULIKOV (Russian:Дмитрий Евгеньевич КУЛИКОВ)"),
            ["Dmitry Yevgenevich KULIKOV", "Дмитрий Евгеньевич КУЛИКОВ"]
        );
        assert_eq!(split_original_script("Salem al-Sharif (سالم الشريف)"), ["Salem al-Sharif", "سالم الشريف"]);
        assert_eq!(split_original_script("Export Development Bank of Iran (EDBI)"), ["Export Development Bank of Iran (EDBI)"]);
        assert_eq!(split_original_script("АКБ Энергобанк (АО)"), ["АКБ Энергобанк (АО)"]);
        assert_eq!(
            split_original_script("ЗАТ (Новая (нафтавая) кампанiя)"),
            ["ЗАТ (Новая (нафтавая) кампанiя)"]
        );
        assert_eq!(split_original_script("(Сергей)"), ["(Сергей)"]);
        // As Japan's MOF list writes them: full-width brackets and colon, mixed.
        assert_eq!(
            split_original_script("SALIM HAMDAN （original script: سالم حمدان）"),
            ["SALIM HAMDAN", "سالم حمدان"]
        );
        assert_eq!(split_original_script("SAID BAHAJI (original script:سعيد باهاجى）"), ["SAID BAHAJI", "سعيد باهاجى"]);
        assert_eq!(
            split_original_script("Mohammed Al-Amin Kashlaf （original script：محمد الأمین كشلاف）"),
            ["Mohammed Al-Amin Kashlaf", "محمد الأمین كشلاف"]
        );
        assert_eq!(split_original_script("株式会社（東京）"), ["株式会社（東京）"]);
        assert_eq!(split_original_script("Ermias Alem （original\u{a0}script: ኤርሚኣስ ግርማይ）"), ["Ermias Alem", "ኤርሚኣስ ግርማይ"]);
        assert_eq!(split_original_script("IBRAHIM AL-BADRI (original script: )"), ["IBRAHIM AL-BADRI"]);
        assert_eq!(split_original_script("Acme (2)"), ["Acme (2)"]);
        assert_eq!(split_original_script("broken )"), ["broken )"]);
    }
}
