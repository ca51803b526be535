//! Text normalisation: the first steps of the pipeline, for any script.
//!
//! [`clean`] applies, in order:
//! 1. removal of invisible characters (zero-width, bidi controls, soft
//!    hyphen, BOM and other format characters),
//! 2. confusable folding inside mixed-script words (a Cyrillic `а` in a
//!    Latin word becomes `a`; a Latin `o` in a Cyrillic word becomes `о`),
//! 3. Unicode NFKC (full-width `ＡＢＣ` and half-width `ｶﾀｶﾅ` become
//!    ordinary letters, ligatures split),
//! 4. case folding,
//! 5. spacing: every run of whitespace becomes one space.
//!
//! [`words`] then splits cleaned text into words: apostrophes join
//! (`O'Brien` → `obrien`), other punctuation separates (`al-Zawahiri` →
//! `al zawahiri`), dotted abbreviations join (`S.A.` → `sa`, `K.K.` → `kk`).

use std::borrow::Cow;

use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::UnicodeNormalization;

use crate::script::{NameScript, of_char};

/// Whether `c` is invisible: a format character (Cf: zero-width joiners
/// and spaces, bidi marks and embeddings, soft hyphen, BOM), a variation
/// selector, or a control character other than whitespace.
pub fn is_invisible(c: char) -> bool {
    matches!(get_general_category(c), GeneralCategory::Format)
        || ('\u{FE00}'..='\u{FE0F}').contains(&c)
        || (c.is_control() && !c.is_whitespace())
}

/// Latin letters and the Cyrillic/Greek letters that look the same.
const CONFUSABLES: &[(char, char)] = &[
    ('a', 'а'), ('e', 'е'), ('o', 'о'), ('p', 'р'), ('c', 'с'), ('y', 'у'), ('x', 'х'),
    ('i', 'і'), ('j', 'ј'), ('s', 'ѕ'), ('h', 'һ'), ('d', 'ԁ'),
    ('A', 'А'), ('B', 'В'), ('E', 'Е'), ('K', 'К'), ('M', 'М'), ('H', 'Н'), ('O', 'О'),
    ('P', 'Р'), ('C', 'С'), ('T', 'Т'), ('X', 'Х'), ('Y', 'У'), ('I', 'І'), ('J', 'Ј'), ('S', 'Ѕ'),
];

/// Greek letters that look Latin (folded only into Latin words).
const GREEK_CONFUSABLES: &[(char, char)] = &[
    ('A', 'Α'), ('B', 'Β'), ('E', 'Ε'), ('Z', 'Ζ'), ('H', 'Η'), ('I', 'Ι'), ('K', 'Κ'), ('M', 'Μ'),
    ('N', 'Ν'), ('O', 'Ο'), ('P', 'Ρ'), ('T', 'Τ'), ('Y', 'Υ'), ('X', 'Χ'), ('o', 'ο'), ('i', 'ι'),
    ('v', 'ν'), ('p', 'ρ'),
];

fn to_latin(c: char) -> char {
    CONFUSABLES
        .iter()
        .chain(GREEK_CONFUSABLES)
        .find(|(_, other)| *other == c)
        .map(|(latin, _)| *latin)
        .unwrap_or(c)
}

fn to_cyrillic(c: char) -> char {
    CONFUSABLES.iter().find(|(latin, _)| *latin == c).map(|(_, cyr)| *cyr).unwrap_or(c)
}

/// Folds look-alike letters of a mixed-script word into the word's
/// majority script (Latin or Cyrillic). Words in one script are unchanged
/// (and not copied).
fn fold_confusables(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        return Cow::Borrowed(word);
    }
    let (mut latin, mut cyrillic, mut greek) = (0, 0, 0);
    for c in word.chars() {
        match of_char(c) {
            Some(NameScript::Latin) => latin += 1,
            Some(NameScript::Cyrillic) => cyrillic += 1,
            Some(NameScript::Greek) => greek += 1,
            _ => {}
        }
    }
    let scripts = [latin, cyrillic, greek].iter().filter(|n| **n > 0).count();
    if scripts < 2 {
        return Cow::Borrowed(word);
    }
    if latin >= cyrillic + greek {
        Cow::Owned(word.chars().map(to_latin).collect())
    } else if cyrillic > latin {
        Cow::Owned(word.chars().map(to_cyrillic).collect())
    } else {
        Cow::Borrowed(word)
    }
}

/// Splits Latin words glued in camel case (`FridrichLindenberg` →
/// `Fridrich Lindenberg`): a capital after at least two small letters,
/// followed by a small letter, starts a new word. Shorter heads stay
/// (`McDonald`, `LeBron`, `DiCaprio`), and so do words in capitals.
pub fn split_camel_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut lower_run = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next_lower = chars.peek().is_some_and(|n| n.is_lowercase());
        if c.is_uppercase() && lower_run >= 2 && next_lower && is_latin_letter(c) {
            out.push(' ');
        }
        lower_run = if c.is_lowercase() && is_latin_letter(c) { lower_run + 1 } else { 0 };
        out.push(c);
    }
    out
}

fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && of_char(c) == Some(NameScript::Latin)
}

/// Cleans a name for comparison (see the module documentation).
pub fn clean(text: &str) -> String {
    if text.is_ascii() { clean_ascii(text) } else { clean_any(text) }
}

/// [`clean`] of ASCII text (most names): no character of it is a format
/// character or a confusable, and NFKC leaves it as it is, so cleaning
/// drops its control characters, lower-cases it and makes each run of
/// white space one space, in one pass.
fn clean_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else if !c.is_control() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// [`clean`] of any text, step by step.
fn clean_any(text: &str) -> String {
    let visible: String = text.chars().filter(|c| !is_invisible(*c)).collect();
    let folded: Vec<Cow<str>> = visible.split_whitespace().map(fold_confusables).collect();
    let mut out = String::with_capacity(visible.len());
    for c in folded.join(" ").nfkc().flat_map(char::to_lowercase) {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if !is_invisible(c) {
            out.push(c);
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// [`char::is_alphanumeric`], without its table search for the letters
/// and digits of the scripts names are most often written in (their
/// blocks' ranges that hold nothing else): names are split and folded
/// character by character.
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    in_letter_range(c) || c.is_alphanumeric()
}

/// Whether `c` lies in a range of letters and digits only (Latin, Greek,
/// Cyrillic, Armenian, Hebrew, Arabic, Devanagari, Thai, Georgian, kana,
/// CJK ideographs, Hangul syllables).
fn in_letter_range(c: char) -> bool {
    matches!(
        c as u32,
        0x00C0..=0x00D6
            | 0x00D8..=0x00F6
            | 0x00F8..=0x024F
            | 0x038E..=0x03A1
            | 0x03A3..=0x03F5
            | 0x0400..=0x0481
            | 0x048A..=0x052F
            | 0x0531..=0x0556
            | 0x0560..=0x0588
            | 0x05D0..=0x05EA
            | 0x0620..=0x0657
            | 0x0659..=0x0669
            | 0x066E..=0x06D3
            | 0x0900..=0x093B
            | 0x093D..=0x094C
            | 0x0955..=0x0963
            | 0x0966..=0x096F
            | 0x0971..=0x097F
            | 0x0E01..=0x0E3A
            | 0x0E50..=0x0E59
            | 0x10D0..=0x10FA
            | 0x3041..=0x3096
            | 0x30A1..=0x30FA
            | 0x4E00..=0x9FFF
            | 0xAC00..=0xD7A3
    )
}

/// Whether `c` joins the letters around it without a break (apostrophes
/// and the modifier letters used for them in transliteration).
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | '`' | '´' | 'ʹ' | 'ʿ' | 'ʾ' | '"' | '″')
}

/// Splits cleaned text into words (see the module documentation). Letters
/// and digits form words; marks (combining accents) stay with their letter.
pub fn words(text: &str) -> Vec<String> {
    // Letters and digits of ASCII and spaces (most names, and every Latin
    // form): the words are what the spaces separate.
    if text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ') {
        return text.split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect();
    }
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut dotted_run: Vec<String> = Vec::new();
    let flush_dotted = |run: &mut Vec<String>, out: &mut Vec<String>| {
        if run.len() >= 2 {
            out.push(run.concat());
        } else {
            out.append(run);
        }
        run.clear();
    };
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if is_alphanumeric(c) || is_mark(c) {
            word.push(c);
        } else if is_joiner(c) {
            continue;
        } else {
            if !word.is_empty() {
                let single = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
                if c == '.' && single {
                    dotted_run.push(std::mem::take(&mut word));
                    continue;
                }
                flush_dotted(&mut dotted_run, &mut out);
                out.push(std::mem::take(&mut word));
            } else if c != '.' || chars.get(i + 1).is_none_or(|n| n.is_whitespace()) {
                flush_dotted(&mut dotted_run, &mut out);
            }
        }
    }
    if !word.is_empty() {
        let single = word.chars().count() == 1;
        if single && !dotted_run.is_empty() {
            dotted_run.push(std::mem::take(&mut word));
        } else {
            flush_dotted(&mut dotted_run, &mut out);
            out.push(word);
        }
    }
    flush_dotted(&mut dotted_run, &mut out);
    out
}

fn is_mark(c: char) -> bool {
    matches!(
        get_general_category(c),
        GeneralCategory::NonspacingMark | GeneralCategory::SpacingMark | GeneralCategory::EnclosingMark
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_words_are_split_but_short_heads_stay() {
        assert_eq!(split_camel_case("FridrichLindenberg"), "Fridrich Lindenberg");
        assert_eq!(split_camel_case("Ronald McDonald"), "Ronald McDonald");
        assert_eq!(split_camel_case("LeBron James"), "LeBron James");
        assert_eq!(split_camel_case("ACME GmbH"), "ACME GmbH");
        assert_eq!(split_camel_case("Путин"), "Путин");
    }

    #[test]
    fn removes_invisible_and_folds_width_and_case() {
        assert_eq!(clean("Vla\u{200B}dimir\u{200F} PUTIN"), "vladimir putin");
        assert_eq!(clean("ＰＵＴＩＮ　Ｖｌａｄｉｍｉｒ"), "putin vladimir");
        assert_eq!(clean("ｶﾗｼﾆｺﾌ"), "カラシニコフ");
        assert_eq!(clean("  a \t b  "), "a b");
    }

    #[test]
    fn folds_confusables_in_mixed_words() {
        // Cyrillic а and о inside a Latin word.
        assert_eq!(clean("Vlаdimir Putоn"), "vladimir puton");
        // Latin o inside a Cyrillic word.
        assert_eq!(clean("Путин Владимиp"), "путин владимир");
        // Whole Cyrillic words are kept.
        assert_eq!(clean("Путин"), "путин");
    }

    proptest::proptest! {
        #[test]
        fn ascii_text_is_cleaned_as_any_text(text in "[ -~\t\n\x0b\x0c\r\x00-\x1f\x7f]{0,24}") {
            proptest::prop_assert_eq!(clean_ascii(&text), clean_any(&text));
        }
    }

    #[test]
    fn letter_ranges_hold_only_letters_and_digits() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn splits_words_on_punctuation() {
        assert_eq!(words("al-zawahiri"), ["al", "zawahiri"]);
        assert_eq!(words("o'brien"), ["obrien"]);
        assert_eq!(words("siemens s.a."), ["siemens", "sa"]);
        assert_eq!(words("j. smith"), ["j", "smith"]);
        assert_eq!(words("toyota k.k"), ["toyota", "kk"]);
        assert_eq!(words("microsoft corp."), ["microsoft", "corp"]);
        assert_eq!(words("ba'asyir"), ["baasyir"]);
        assert_eq!(words("u.s.a. inc"), ["usa", "inc"]);
        assert_eq!(words(" Kim  Jong un 2 "), ["Kim", "Jong", "un", "2"]);
        assert!(words("  ").is_empty());
    }
}
