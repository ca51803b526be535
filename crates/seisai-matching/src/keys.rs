//! The lookup keys of a name form: each word, its romanisation skeleton
//! when it differs (`wolodymyr` → `volodymyr`), its Double Metaphone code,
//! its first four letters, adjacent words written together, and numbers.
//! The candidate index is built on them, and two forms that share no key
//! are not compared in full.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};
use crate::prepare::{NameForm, Token, TokenKind};

/// What a key is made from (part of the hash, so kinds never collide).
#[allow(missing_docs)]
#[derive(Hash, Clone, Copy)]
pub enum KeyKind {
    Word,
    Phonetic,
    Prefix,
    Number,
    /// A word's first four letters with one of them left out (see [`listed_slip_keys`]).
    SlipPrefix,
}

/// The hash of a key of `kind` made from `text`.
pub fn key(kind: KeyKind, text: &str) -> u64 {
    let mut h = FxHasher::default();
    kind.hash(&mut h);
    text.hash(&mut h);
    h.finish()
}

/// The bit of token `i` in a [`form_keys`] token set (tokens after the
/// 32nd share the last bit).
pub fn token_bit(i: usize) -> u32 {
    1 << i.min(31)
}

/// The keys of one name form, each with the set of the tokens it belongs
/// to (bit `i` for token `i`, see [`token_bit`]; a joined pair belongs to
/// both its tokens).
pub fn form_keys(form: &NameForm, out: &mut Vec<(u64, u32)>) {
    let toks = &form.tokens;
    let distinctive = form.is_distinctive();
    // Adjacent words written together, in one buffer for the whole form.
    let mut joined = String::new();
    for (i, t) in toks.iter().enumerate() {
        let bit = token_bit(i);
        match t.kind {
            TokenKind::Number => out.push((key(KeyKind::Number, &t.text), bit)),
            TokenKind::Word => {
                let word = key(KeyKind::Word, &t.text);
                out.push((word, bit));
                // The word as another romanisation system spells it (a
                // German `Wolodymyr` finds the English `Volodymyr`, and
                // both a listed `Schewtschenko`): the token's skeleton,
                // already its key as a word (see `matcher::skeleton_key`).
                if t.skeleton != 0 && t.skeleton != word {
                    out.push((t.skeleton, bit));
                }
                if t.phonetic.len() >= 2 {
                    out.push((key(KeyKind::Phonetic, t.phonetic.as_str()), bit));
                }
                if t.text.len() >= 5 {
                    out.push((key(KeyKind::Prefix, first_chars(&t.text, 4)), bit));
                }
                // A word that gains or loses its first vowel (`Invidia` /
                // `Nvidia`, `Ismail` / `Smail`) keeps the letters after it.
                if t.text.len() >= 6 && t.text.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    // (The vowel is one byte.)
                    out.push((key(KeyKind::Prefix, first_chars(t.text.get(1..).unwrap_or_default(), 4)), bit));
                }
            }
            TokenKind::Generic | TokenKind::Particle if !distinctive => {
                out.push((key(KeyKind::Word, &t.text), bit));
            }
            _ => {}
        }
        if let Some(next) = toks.get(i + 1) {
            if t.kind != TokenKind::Number && next.kind != TokenKind::Number {
                joined.clear();
                joined.push_str(&t.text);
                joined.push_str(&next.text);
                out.push((key(KeyKind::Word, &joined), bit | token_bit(i + 1)));
            }
        }
    }
}

/// The share of its rarity a slip key ([`query_slip_keys`]) weighs in a
/// lookup: a query word a slip away from a listed one should find it, but
/// not outweigh the words a query shares as they are.
pub const SLIP_KEY_WEIGHT: f32 = 0.5;

/// Whether word `t` has slip keys: a word of five letters or more, as its
/// prefix.
pub fn has_slip_keys(t: &Token) -> bool {
    t.kind == TokenKind::Word && t.text.len() >= 5
}

/// Calls `f` with the first four characters of `word` with one of them
/// left out (`buf` holds each in turn), each once, never the plain prefix.
/// (Leaving out either of two equal neighbours gives the same prefix, so
/// the second is skipped; a word of fewer than five characters has none.)
fn slip_prefixes(word: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    let mut head = ['\0'; 5];
    let mut n = 0;
    for (slot, c) in head.iter_mut().zip(word.chars()) {
        *slot = c;
        n += 1;
    }
    if n < 5 {
        return;
    }
    let plain = &head[..4];
    for i in 0..4 {
        if i > 0 && head[i] == head[i - 1] {
            continue;
        }
        let rest = head.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, c)| *c);
        if rest.clone().take(4).eq(plain.iter().copied()) {
            continue;
        }
        buf.clear();
        buf.extend(rest.take(4));
        f(buf);
    }
}

/// The slip keys of a listed form: for each word of five letters or more,
/// its first four letters with one of them left out. With the slip keys
/// of a query word ([`query_slip_keys`]) they find a listed word one slip
/// away within its first four letters, where the word's other keys (its
/// prefix, and often its sound) differ: `wafgos` / `wargos` (a letter for
/// another), `iteanet` / `iteranet` (a letter missing in the query).
pub fn listed_slip_keys(form: &NameForm, out: &mut Vec<u64>) {
    let mut buf = String::new();
    for t in form.tokens.iter().filter(|t| has_slip_keys(t)) {
        slip_prefixes(&t.text, &mut buf, |p| out.push(key(KeyKind::SlipPrefix, p)));
    }
}

/// The slip keys of query word `t` (of token set `tokens`, as in
/// [`form_keys`]), if it has any: those a listed word has too when one of
/// the first four letters of either differs or is missing. Its first four
/// letters with one left out (as [`listed_slip_keys`]: a letter changed,
/// `wafgos` / `wargos`, or two letters swapped), and its first four
/// letters whole (a letter missing: `iteanet` / `iteranet`). (A letter too
/// many in the query, the lookup of its prefixes with a letter left out
/// among the listed prefixes, found 7 more names of 5,000 misspelt ones in
/// the evaluation, for twice the keys and one more false alert.)
pub fn query_slip_keys(t: &Token, tokens: u32, out: &mut Vec<(u64, u32)>) {
    if !has_slip_keys(t) {
        return;
    }
    out.push((key(KeyKind::SlipPrefix, first_chars(&t.text, 4)), tokens));
    let mut buf = String::new();
    slip_prefixes(&t.text, &mut buf, |p| out.push((key(KeyKind::SlipPrefix, p), tokens)));
}

/// The first `n` characters of `text` (all of it when shorter).
fn first_chars(text: &str, n: usize) -> &str {
    let end = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    text.get(..end).unwrap_or(text)
}

/// The distinct keys of a form, sorted.
pub fn form_key_set(form: &NameForm) -> Box<[u64]> {
    thread_local! {
        static KEYS: std::cell::RefCell<(Vec<(u64, u32)>, Vec<u64>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    }
    // (In this thread's buffers, then copied once at their final size.)
    crate::reuse::with_buffer(&KEYS, |(buf, ks)| {
        buf.clear();
        form_keys(form, buf);
        ks.clear();
        ks.extend(buf.iter().map(|(k, _)| *k));
        ks.sort_unstable();
        ks.dedup();
        Box::from(ks.as_slice())
    })
}

/// The lookup keys of a query with the forms that have them, for testing
/// quickly which query forms a candidate form shares a key with.
#[derive(Clone, Debug, Default)]
pub struct QueryKeys {
    /// Key → the set of query forms having it (bit `i` for form `i`).
    forms: FxHashMap<u64, u64>,
    /// A bitmap of the keys (bit `key mod 1024`): most keys of a
    /// candidate are not the query's, and one bit says so without a lookup.
    filter: [u64; 16],
}

impl QueryKeys {
    /// The keys of `forms` (at most 64; `None` beyond).
    pub fn new<'a>(forms: impl Iterator<Item = &'a NameForm> + Clone) -> Option<Self> {
        let mut out = QueryKeys::default();
        // (Room for every key at once: growing the map rehashes it.)
        out.forms.reserve(forms.clone().map(|f| f.keys.len()).sum());
        for (i, form) in forms.enumerate() {
            if i >= 64 {
                return None;
            }
            for &k in &form.keys {
                *out.forms.entry(k).or_insert(0) |= 1u64 << i;
                out.filter[(k >> 6) as usize % 16] |= 1 << (k & 63);
            }
        }
        Some(out)
    }

    /// The set of query forms having key `k`.
    #[inline]
    pub fn forms_with(&self, k: u64) -> u64 {
        if self.filter[(k >> 6) as usize % 16] >> (k & 63) & 1 == 0 {
            return 0;
        }
        self.forms.get(&k).copied().unwrap_or(0)
    }

    /// The set of query forms sharing a key with a form of these keys.
    pub fn forms_sharing(&self, keys: &[u64]) -> u64 {
        keys.iter().fold(0, |m, &k| m | self.forms_with(k))
    }
}

/// The key of an organisation's name of three to six words written as its
/// initials (`People's Liberation Army` → `pla`), which a query of that
/// one word has: added to the keys of the listed name, so that the
/// acronym finds it.
pub fn acronym_key(form: &NameForm) -> Option<u64> {
    let words = form.tokens.iter().filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Generic));
    let initials: String = words.filter_map(|t| t.first_char()).collect();
    (3..=6).contains(&initials.len()).then(|| key(KeyKind::Word, &initials))
}

/// Whether two sorted key sets share a key.
pub fn intersects(a: &[u64], b: &[u64]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slip keys of a query word and of a listed word, as sets.
    fn slips(query: &str, listed: &str) -> (Vec<u64>, Vec<u64>) {
        let ctx = crate::prepare::NameContext::without_dictionaries();
        let form = |n: &str| crate::prepare::prepare(n, &seisai_model::Schema::Person, &ctx).into_iter().next().expect("a form");
        let (q, l) = (form(query), form(listed));
        let mut qs = Vec::new();
        for t in q.tokens.iter() {
            query_slip_keys(t, 1, &mut qs);
        }
        let mut ls = Vec::new();
        listed_slip_keys(&l, &mut ls);
        (qs.into_iter().map(|(k, _)| k).collect(), ls)
    }

    #[test]
    fn slip_keys_meet_across_one_slip_in_the_first_letters() {
        // A letter changed, a letter missing in the query, two swapped.
        for (query, listed) in [("wafgos", "wargos"), ("iteanet", "iteranet"), ("hpaijang", "hapijang"), ("muhammad", "mohammad")] {
            let (q, l) = slips(query, listed);
            assert!(q.iter().any(|k| l.contains(k)), "{query} / {listed}");
        }
        // Words further apart, and words too short to have them.
        for (query, listed) in [("wafgos", "petrov"), ("wafgos", "wgfaos"), ("anna", "anne")] {
            let (q, l) = slips(query, listed);
            assert!(!q.iter().any(|k| l.contains(k)), "{query} / {listed}");
        }
    }

    #[test]
    fn slip_keys_are_no_other_keys() {
        let ctx = crate::prepare::NameContext::without_dictionaries();
        let form = crate::prepare::prepare("Wargos Iteranet", &seisai_model::Schema::Person, &ctx).into_iter().next().expect("a form");
        let mut slip = Vec::new();
        listed_slip_keys(&form, &mut slip);
        assert_eq!(slip.len(), 8);
        assert!(slip.iter().all(|k| !form.keys.contains(k)));
    }

    #[test]
    fn first_chars_counts_characters_not_bytes() {
        for (text, n) in [("shevchenko", 4), ("šéfčík", 4), ("ab", 4), ("", 4), ("ünal", 0)] {
            let collected: String = text.chars().take(n).collect();
            assert_eq!(first_chars(text, n), collected, "{text}");
        }
    }
}
