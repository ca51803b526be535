//! Reading names with the dictionary: full-name entries, surname + given
//! name segmentation of kanji names, katakana foreign names, and a
//! longest-match reading for anything else.

use super::enamdict::has_kanji;
use super::kana::{fold_long_vowels, hepburn, is_kana, kana_to_latin, kana_to_latin_foreign_first};
use super::store::{Entry, Store, tag};
use crate::translit::{MAX_FORMS, fold_latin, line_up, push_unique};

/// A romanised reading with its rank score (lower is more likely).
struct Reading {
    romaji: String,
    score: u32,
}

/// Score of an entry: IPADIC's cost when it has one, otherwise a fixed
/// value a little better for entries listed under several tags (`p,s`).
fn score(entry: &Entry) -> u32 {
    if entry.cost != u16::MAX {
        u32::from(entry.cost)
    } else {
        12_000 - 500 * (entry.tags.count_ones().min(4))
    }
}

/// Readings of `kanji` listed with any of the `want` tags, best first,
/// one per distinct romanisation.
fn part_readings(store: &Store, kanji: &str, want: u16) -> Vec<Reading> {
    let mut out: Vec<Reading> = Vec::new();
    for entry in store.lookup(kanji).filter(|e| e.tags & want != 0) {
        let reading = store.reading(entry);
        if reading.is_empty() {
            continue;
        }
        let romaji = hepburn(reading);
        let s = score(entry);
        match out.iter_mut().find(|r| r.romaji == romaji) {
            Some(existing) => existing.score = existing.score.min(s),
            None => out.push(Reading { romaji, score: s }),
        }
    }
    // Equal scores: the shorter reading first (common readings are short).
    out.sort_by_key(|r| (r.score, r.romaji.len()));
    out
}

/// The first of [`part_readings`] of `kanji` (best score, then shortest,
/// then first listed), romanising only the entries it can be: those of
/// the best score, and others only to break a tie. (Longest-match reading
/// tries every piece of a word and keeps one reading of each; a common
/// kanji has dozens.)
fn best_reading(store: &Store, kanji: &str, want: u16) -> Option<String> {
    let entries = || store.lookup(kanji).filter(|e| e.tags & want != 0 && !store.reading(e).is_empty());
    let best = entries().map(score).min()?;
    // The readings of the best score, shortest first.
    let mut shortest: Vec<String> = Vec::new();
    for entry in entries().filter(|e| score(e) == best) {
        let romaji = hepburn(store.reading(entry));
        match shortest.first().map(String::len) {
            Some(len) if romaji.len() > len => {}
            Some(len) if romaji.len() == len => push_unique(&mut shortest, [romaji]),
            _ => shortest = vec![romaji],
        }
    }
    if shortest.len() <= 1 {
        return shortest.pop();
    }
    // Equal: the one whose romanisation any entry gives first.
    entries().map(|e| hepburn(store.reading(e))).find(|romaji| shortest.contains(romaji))
}

/// Family-first forms of a full-name (`h`) entry: the Latin form reordered
/// so that it spells the kana reading, or as given when it does not
/// (`Kim Jong-un`, `Xi Jinping` are already family first).
fn person_forms(store: &Store, name: &str) -> Vec<String> {
    let mut forms = Vec::new();
    for entry in store.lookup(name).filter(|e| e.tags & tag::PERSON != 0) {
        let reading = hepburn(store.reading(entry));
        for latin in store.latin(entry) {
            let words: Vec<String> = fold_latin(latin).split(' ').map(fold_long_vowels).collect();
            let Some((last, rest)) = words.split_last() else { continue };
            let family_first = if rest.is_empty() {
                last.clone()
            } else if format!("{last}{}", rest.concat()) == reading {
                format!("{last} {}", rest.join(" "))
            } else {
                words.join(" ")
            };
            push_unique(&mut forms, [family_first]);
        }
    }
    forms
}

/// Order in which (surname, given) reading pairs are offered.
const PAIRS: [(usize, usize); 8] = [(0, 0), (0, 1), (1, 0), (1, 1), (0, 2), (2, 0), (2, 1), (1, 2)];

fn combine(family: &[Reading], given: &[Reading], max: usize, forms: &mut Vec<String>) {
    for (i, j) in PAIRS {
        if forms.len() >= max {
            break;
        }
        if let (Some(f), Some(g)) = (family.get(i), given.get(j)) {
            push_unique(forms, [format!("{} {}", f.romaji, g.romaji)]);
        }
    }
}

/// Splits an unspaced kanji name into surname + given name by the
/// dictionary; best splits first, with their readings.
fn segment(store: &Store, chars: &[char]) -> Vec<(u32, Vec<Reading>, Vec<Reading>)> {
    let mut splits = Vec::new();
    for k in 1..chars.len() {
        let (f, g) = chars.split_at(k);
        let family: String = f.iter().collect();
        let given: String = g.iter().collect();
        let surnames = part_readings(store, &family, tag::SURNAME);
        if surnames.is_empty() {
            continue;
        }
        let givens = part_readings(store, &given, tag::GIVEN);
        let (Some(s), Some(gv)) = (surnames.first(), givens.first()) else { continue };
        // Two-character surnames are the most common; one or three less so.
        let shape = if f.len() == 2 { 0 } else { 1_500 };
        splits.push((s.score + gv.score + shape, surnames, givens));
    }
    splits.sort_by_key(|(score, _, _)| *score);
    splits
}

/// Readings of a kanji name given as one word or as family + given words;
/// empty when the dictionary does not know it as a name.
fn kanji_name(store: &Store, tokens: &[&str]) -> Vec<String> {
    let mut forms = Vec::new();
    let joined = tokens.concat();
    push_unique(&mut forms, person_forms(store, &joined));
    match tokens {
        [family, given] => {
            let surnames = part_readings(store, family, tag::SURNAME);
            let givens = part_readings(store, given, tag::GIVEN);
            if !surnames.is_empty() && !givens.is_empty() {
                combine(&surnames, &givens, MAX_FORMS, &mut forms);
            }
        }
        [single] => {
            let chars: Vec<char> = single.chars().collect();
            let splits = segment(store, &chars);
            let mut splits = splits.iter();
            if let Some((_, s, g)) = splits.next() {
                combine(s, g, 6, &mut forms);
            }
            for (_, s, g) in splits.take(2) {
                combine(s, g, forms.len() + 1, &mut forms);
            }
        }
        _ => {}
    }
    forms.truncate(MAX_FORMS);
    forms
}

/// Longest-match reading of a kanji/kana word (companies, places, names the
/// dictionary does not split): dictionary words separated by spaces, kana by
/// rule, unknown kanji by `any_ascii`.
fn word_reading(store: &Store, word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars.get(i).copied().is_some_and(is_kana) {
            let end = (i..chars.len()).find(|&j| !chars.get(j).copied().is_some_and(is_kana)).unwrap_or(chars.len());
            let kana: String = chars.get(i..end).unwrap_or(&[]).iter().collect();
            parts.push(hepburn(&kana));
            i = end.max(i + 1);
            continue;
        }
        let mut matched = false;
        for end in (i + 1..=chars.len().min(i + 12)).rev() {
            let piece: String = chars.get(i..end).unwrap_or(&[]).iter().collect();
            if let Some(best) = best_reading(store, &piece, u16::MAX) {
                parts.push(best);
                i = end;
                matched = true;
                break;
            }
        }
        if !matched {
            if let Some(c) = chars.get(i) {
                let mut buf = [0u8; 4];
                parts.push(fold_latin(c.encode_utf8(&mut buf)).replace(' ', ""));
            }
            i += 1;
        }
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

/// ENAMDICT's Latin forms of a katakana word (at most three).
fn listed_latin(store: &Store, word: &str) -> Vec<String> {
    let mut forms: Vec<String> = Vec::new();
    for entry in store.lookup(word) {
        push_unique(&mut forms, store.latin(entry).map(fold_latin).take(3));
    }
    forms.truncate(3);
    forms
}

/// A long katakana compound that starts with a word ENAMDICT knows
/// (`カザンヘリコプター` → `kazan` + `herikoputa`): the known word's forms
/// lined up with the rest's.
fn known_prefix(store: &Store, token: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = token.chars().collect();
    if chars.len() < 6 {
        return None;
    }
    (3..=chars.len() - 3).rev().find_map(|k| {
        let (head, rest) = chars.split_at(k);
        let head: String = head.iter().collect();
        let known = listed_latin(store, &head);
        let bound = rest.first().is_some_and(|c| matches!(c, 'ー' | 'ン' | 'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ャ' | 'ュ' | 'ョ' | 'ッ' | 'ヮ'));
        if known.is_empty() || bound {
            return None;
        }
        let rest: String = rest.iter().collect();
        Some(line_up(&[known, token_forms(store, &rest, true, true)], MAX_FORMS))
    })
}

fn is_katakana_word(token: &str) -> bool {
    token.chars().all(|c| matches!(c, '\u{30A1}'..='\u{30FF}'))
}

/// Forms of one word; `foreign` puts the foreign-name spellings of unlisted
/// katakana first (the name has a word ENAMDICT knows as foreign);
/// `compound` lets an unlisted word be read as a known word and a rest
/// (a name whose parts are not marked apart).
fn token_forms(store: &Store, token: &str, foreign: bool, compound: bool) -> Vec<String> {
    if has_kanji(token) {
        return vec![word_reading(store, token)];
    }
    if !is_katakana_word(token) {
        return kana_to_latin(token);
    }
    let mut forms = listed_latin(store, token);
    if forms.is_empty() && compound {
        if let Some(split) = known_prefix(store, token) {
            return split;
        }
    }
    let rules = if foreign || !forms.is_empty() {
        kana_to_latin_foreign_first(token)
    } else {
        kana_to_latin(token)
    };
    push_unique(&mut forms, rules);
    forms
}

/// Cuts a word where it passes between kanji and kana
/// (`株式会社カラシニコフ` → `株式会社`, `カラシニコフ`).
fn kanji_and_kana_runs(word: &str) -> Vec<&str> {
    let mut runs = Vec::new();
    let mut start = 0;
    let mut previous: Option<bool> = None;
    for (at, c) in word.char_indices() {
        let kana = is_kana(c);
        if previous.is_some_and(|p| p != kana) {
            runs.push(word.get(start..at).unwrap_or(""));
            start = at;
        }
        previous = Some(kana);
    }
    runs.push(word.get(start..).unwrap_or(""));
    runs
}

/// Readings of any Japanese text, best first, and whether it was read as a
/// known name (full-name entry or surname + given name).
pub(super) fn readings(store: &Store, name: &str) -> (Vec<String>, bool) {
    let tokens: Vec<&str> = name
        .split(|c: char| !(crate::normalize::is_alphanumeric(c) || is_kana(c) || c == '々') || matches!(c, '・' | '＝' | '･'))
        .flat_map(kanji_and_kana_runs)
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.is_empty() {
        return (Vec::new(), false);
    }
    if tokens.len() <= 2 && tokens.iter().all(|t| has_kanji(t)) {
        let forms = kanji_name(store, &tokens);
        if !forms.is_empty() {
            return (forms, true);
        }
    }
    // A katakana name may be listed whole (`ウラジーミル・レーニン`).
    let whole = tokens.join("・");
    let listed: Vec<String> = if tokens.len() > 1 {
        store.lookup(&whole).flat_map(|e| store.latin(e)).map(fold_latin).take(2).collect()
    } else {
        Vec::new()
    };
    let foreign = tokens.iter().any(|t| is_katakana_word(t) && !listed_latin(store, t).is_empty());
    // Parts marked apart (`レオニドビチ` of `セルゲイ・レオニドビチ`) are
    // words: only a name written in one piece may be a compound.
    let compound = tokens.len() == 1;
    let per_token: Vec<Vec<String>> =
        tokens.iter().map(|t| token_forms(store, t, foreign, compound)).filter(|f| !f.is_empty()).collect();
    let mut forms = listed;
    push_unique(&mut forms, line_up(&per_token, MAX_FORMS));
    forms.truncate(MAX_FORMS);
    (forms, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_reading_is_the_first_of_all_readings() {
        let Some(reader) = super::super::JapaneseReader::load_default() else {
            eprintln!("skipped: ENAMDICT not installed");
            return;
        };
        let store = &reader.store;
        let mut checked = 0;
        for head in store.headwords().step_by(37) {
            for want in [u16::MAX, tag::SURNAME, tag::GIVEN] {
                let all = part_readings(store, head, want);
                assert_eq!(best_reading(store, head, want), all.first().map(|r| r.romaji.clone()), "{head}");
                checked += 1;
            }
        }
        assert!(checked > 1000);
    }
}
