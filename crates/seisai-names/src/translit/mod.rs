//! Plausible Latin renderings of names in any script.
//!
//! A name is cut into runs of one writing system ([`Family`]); each run gets
//! a few renderings from its script's module (Cyrillic in eight romanisation
//! systems, Greek, Arabic/Persian, Hebrew, Armenian, Georgian, Hangul, Burmese,
//! Han and Japanese), and the renderings of the runs are lined up into at most
//! [`MAX_FORMS`] whole-name forms. Every form is lower-case ASCII words
//! separated by single spaces, ready for the token matcher.

mod arabic;
mod armenian;
mod burmese;
mod cyrillic;
mod fold;
mod georgian;
mod greek;
mod han;
mod han_foreign;
mod hangul;
mod hebrew;
mod skeleton;
mod sounds;
mod wade_giles;
#[cfg(test)]
mod tests;
#[cfg(test)]
pub(crate) use tests::distance as tests_distance;

use unicode_script::{Script, UnicodeScript};

use crate::japanese::{JapaneseReader, kana_to_latin};

pub(crate) use fold::fold_latin;
pub use skeleton::{romanisation_skeleton, romanisation_skeleton_into};
pub use sounds::{korean_sounds, transcribed_sounds};

/// The most whole-name renderings [`latin_forms`] returns.
pub const MAX_FORMS: usize = 8;

/// Plausible Latin renderings of `name` (any script), best first, each a
/// lower-case ASCII string of space-separated words; at most [`MAX_FORMS`].
///
/// Latin input returns its diacritic-folded form (ø→o, ß→ss, ł→l, æ→ae …,
/// with `any_ascii` for the long tail). Names mixing scripts are handled run
/// by run. Kanji are read the Japanese way when `ja` is given (and also as
/// pinyin); without it, kanji are read as Chinese and kana by rule. An
/// empty result means the name has no letters at all.
pub fn latin_forms(name: &str, ja: Option<&JapaneseReader>) -> Vec<String> {
    let runs = script_runs(name);
    let per_run: Vec<Vec<String>> = runs
        .iter()
        .map(|(family, text)| run_forms(*family, text, ja))
        .filter(|forms| !forms.is_empty())
        .collect();
    let mut forms = line_up(&per_run, MAX_FORMS);
    // A Korean name in katakana is also read a syllable a word, as the
    // lists write Korean names (second: the readings' best stays first).
    if let Some(korean) = crate::japanese::korean_reading(name).filter(|k| !forms.contains(k)) {
        forms.insert(forms.len().min(1), korean);
        forms.truncate(MAX_FORMS);
    }
    forms
}

/// Writing systems that have their own rendering rules.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Family {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Armenian,
    Georgian,
    Hangul,
    /// Burmese (Myanmar script).
    Myanmar,
    /// Han, hiragana and katakana: Chinese or Japanese.
    Cjk,
    /// Any other script: `any_ascii`.
    Other,
}

/// What a character does when cutting a name into runs.
enum Role {
    /// A letter or digit of this family.
    Letter(Family),
    /// Stays inside the current word without starting a run (combining marks,
    /// apostrophes, zero-width joiners, Arabic tatweel).
    Inner,
    /// Separates words (spaces, punctuation, `・`, `＝`).
    Separator,
}

fn role(c: char) -> Role {
    if c.is_ascii_alphanumeric() {
        return Role::Letter(Family::Latin);
    }
    if fold::is_apostrophe(c) || matches!(c, '\u{200C}' | '\u{200D}' | '\u{0640}') {
        return Role::Inner;
    }
    if let Some(family) = common_block(c) {
        return Role::Letter(family);
    }
    if matches!(c, 'ー' | 'ｰ' | '々' | '〆' | 'ヶ' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ' | '\u{FF9E}' | '\u{FF9F}')
    {
        return Role::Letter(Family::Cjk);
    }
    match c.script() {
        Script::Inherited => Role::Inner,
        _ if unicode_normalization::char::is_combining_mark(c) && !crate::normalize::is_alphanumeric(c) => Role::Inner,
        Script::Latin => Role::Letter(Family::Latin),
        Script::Cyrillic => Role::Letter(Family::Cyrillic),
        Script::Greek => Role::Letter(Family::Greek),
        Script::Arabic => Role::Letter(Family::Arabic),
        Script::Hebrew => Role::Letter(Family::Hebrew),
        Script::Armenian => Role::Letter(Family::Armenian),
        Script::Georgian => Role::Letter(Family::Georgian),
        Script::Hangul => Role::Letter(Family::Hangul),
        Script::Myanmar if crate::normalize::is_alphanumeric(c) || unicode_normalization::char::is_combining_mark(c) => {
            Role::Letter(Family::Myanmar)
        }
        Script::Han | Script::Hiragana | Script::Katakana => Role::Letter(Family::Cjk),
        _ if is_mark(c) || unicode_normalization::char::is_combining_mark(c) => Role::Inner,
        _ if crate::normalize::is_alphanumeric(c) => Role::Letter(Family::Other),
        _ => Role::Separator,
    }
}

/// Family of a letter in the ranges of the most common blocks that hold
/// only letters, without the script-table search (`latin_forms` runs for
/// every list name).
fn common_block(c: char) -> Option<Family> {
    Some(match c as u32 {
        0x00C0..=0x00D6 | 0x00D8..=0x00F6 | 0x00F8..=0x024F => Family::Latin,
        0x0386 | 0x0388..=0x03FF => Family::Greek,
        0x0400..=0x0481 | 0x048A..=0x052F => Family::Cyrillic,
        0x0531..=0x058F => Family::Armenian,
        0x05D0..=0x05EA => Family::Hebrew,
        0x0620..=0x064A | 0x0671..=0x06D3 => Family::Arabic,
        0x10A0..=0x10FA => Family::Georgian,
        0xAC00..=0xD7A3 => Family::Hangul,
        0x3041..=0x3096 | 0x30A1..=0x30FA | 0x4E00..=0x9FFF => Family::Cjk,
        _ => return None,
    })
}

/// Combining marks of scripts that unicode-script files under their script
/// (Arabic harakat, Hebrew points, Indic vowel signs are letters' parts).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0591}'..='\u{05C7}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// Cuts `name` into runs of one family; words inside a run are separated by
/// single spaces.
fn script_runs(name: &str) -> Vec<(Family, String)> {
    let mut runs: Vec<(Family, String)> = Vec::new();
    let mut space = false;
    for c in name.chars() {
        match role(c) {
            Role::Separator => space = true,
            Role::Inner => {
                if let Some((_, text)) = runs.last_mut() {
                    if !space {
                        text.push(c);
                    }
                }
            }
            Role::Letter(family) => {
                match runs.last_mut() {
                    Some((last, text)) if *last == family => {
                        if space {
                            text.push(' ');
                        }
                        text.push(c);
                    }
                    _ => runs.push((family, c.to_string())),
                }
                space = false;
            }
        }
    }
    runs
}

/// Renderings of one run, best first.
fn run_forms(family: Family, text: &str, ja: Option<&JapaneseReader>) -> Vec<String> {
    let forms = match family {
        Family::Latin | Family::Other => {
            let folded = fold_latin(text);
            let mut forms = wade_giles::pinyin_readings(&folded);
            forms.insert(0, folded);
            forms
        }
        Family::Cyrillic => cyrillic::renderings(text),
        Family::Greek => greek::renderings(text),
        Family::Arabic => arabic::renderings(text),
        Family::Hebrew => hebrew::renderings(text),
        Family::Armenian => armenian::renderings(text),
        Family::Georgian => georgian::renderings(text),
        Family::Hangul => hangul::renderings(text),
        Family::Myanmar => burmese::renderings(text),
        Family::Cjk => cjk_forms(text, ja),
    };
    forms
        .into_iter()
        .map(|f| if fold::is_clean(&f) { f } else { fold::words(&f) })
        .filter(|f| !f.is_empty())
        .collect()
}

/// Kana and kanji: Japanese readings (dictionary when available, rules for
/// kana otherwise) and, for Han characters, pinyin.
fn cjk_forms(text: &str, ja: Option<&JapaneseReader>) -> Vec<String> {
    let has_kana = text.chars().any(crate::japanese::is_kana);
    let has_han = text.chars().any(|c| c.script() == Script::Han);
    let japanese = match ja {
        Some(reader) => reader.readings_ranked(text),
        None if has_kana => (kana_or_han_by_rule(text), true),
        None => (Vec::new(), false),
    };
    let (japanese, confident) = japanese;
    if !has_han || has_kana {
        return japanese;
    }
    let chinese = han::renderings(text);
    let (first, first_max, second) = if confident {
        (japanese, 5, chinese)
    } else {
        (chinese, 4, japanese)
    };
    let mut forms: Vec<String> = Vec::with_capacity(MAX_FORMS);
    push_unique(&mut forms, first.into_iter().take(first_max));
    push_unique(&mut forms, second);
    forms.truncate(MAX_FORMS);
    forms
}

/// Without a dictionary: kana by rule and kanji as pinyin, run by run.
fn kana_or_han_by_rule(text: &str) -> Vec<String> {
    let mut runs: Vec<Vec<String>> = Vec::new();
    let mut current = String::new();
    let mut current_is_han = false;
    let flush = |current: &mut String, is_han: bool, runs: &mut Vec<Vec<String>>| {
        if !current.is_empty() {
            let forms = if is_han { han::renderings(current) } else { kana_to_latin(current) };
            if !forms.is_empty() {
                runs.push(forms);
            }
            current.clear();
        }
    };
    for c in text.chars() {
        let is_han = c.script() == Script::Han;
        if c == ' ' || is_han != current_is_han {
            flush(&mut current, current_is_han, &mut runs);
        }
        current_is_han = is_han;
        if c != ' ' {
            current.push(c);
        }
    }
    flush(&mut current, current_is_han, &mut runs);
    line_up(&runs, MAX_FORMS)
}

/// Lines up the renderings of consecutive runs into whole-name forms: form
/// `i` joins rendering `i` of every run (or its best one when a run has
/// fewer), so systems stay consistent across the words of a name; duplicates
/// are dropped and at most `max` forms are kept.
pub(crate) fn line_up(runs: &[Vec<String>], max: usize) -> Vec<String> {
    let widest = runs.iter().map(Vec::len).max().unwrap_or(0);
    let mut forms: Vec<String> = Vec::with_capacity(widest.min(max));
    for i in 0..widest {
        let mut form = String::new();
        for run in runs {
            if let Some(piece) = run.get(i).or_else(|| run.first()) {
                if piece.is_empty() {
                    continue;
                }
                if !form.is_empty() {
                    form.push(' ');
                }
                form.push_str(piece);
            }
        }
        if !form.is_empty() && !forms.contains(&form) {
            forms.push(form);
            if forms.len() == max {
                break;
            }
        }
    }
    forms
}

/// `text` as lower-case ASCII words separated by single spaces (unchanged
/// when it already is).
pub(crate) fn clean_words(text: &str) -> String {
    if fold::is_clean(text) { text.to_owned() } else { fold::words(text) }
}

/// Appends the forms not yet present, keeping order.
pub(crate) fn push_unique(forms: &mut Vec<String>, more: impl IntoIterator<Item = String>) {
    for form in more {
        if !form.is_empty() && !forms.contains(&form) {
            forms.push(form);
        }
    }
}

/// Test helper: whether `forms` (the renderings of `what`) include `form`;
/// prints the renderings when not.
#[cfg(test)]
pub(crate) fn contains_form(what: &str, forms: &[String], form: &str) -> bool {
    let found = forms.iter().any(|f| f == form);
    if !found {
        eprintln!("{what}: {forms:?} lacks {form:?}");
    }
    found
}
