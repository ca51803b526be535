//! The lookup keys of a name form: each word, its romanisation skeleton
//! when it differs (`wolodymyr` → `volodymyr`), its Double Metaphone code,
//! its first four letters, adjacent words written together, and numbers.
//! The candidate index is built on them, and two forms that share no key
//! are not compared in full.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};
use crate::prepare::{NameForm, TokenKind};

/// What a key is made from (part of the hash, so kinds never collide).
#[allow(missing_docs)]
#[derive(Hash, Clone, Copy)]
pub enum KeyKind {
    Word,
    Phonetic,
    Prefix,
    Number,
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

    #[test]
    fn first_chars_counts_characters_not_bytes() {
        for (text, n) in [("shevchenko", 4), ("šéfčík", 4), ("ab", 4), ("", 4), ("ünal", 0)] {
            let collected: String = text.chars().take(n).collect();
            assert_eq!(first_chars(text, n), collected, "{text}");
        }
    }
}
