//! The lookup keys of a name form: each word, its Double Metaphone code,
//! its first four letters, adjacent words written together, and numbers.
//! The candidate index is built on them, and two forms that share no key
//! are not compared in full.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;
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
    for (i, t) in toks.iter().enumerate() {
        let bit = token_bit(i);
        match t.kind {
            TokenKind::Number => out.push((key(KeyKind::Number, &t.text), bit)),
            TokenKind::Word => {
                out.push((key(KeyKind::Word, &t.text), bit));
                if t.phonetic.len() >= 2 {
                    out.push((key(KeyKind::Phonetic, t.phonetic.as_str()), bit));
                }
                if t.text.len() >= 5 {
                    let prefix: String = t.text.chars().take(4).collect();
                    out.push((key(KeyKind::Prefix, &prefix), bit));
                }
            }
            TokenKind::Generic | TokenKind::Particle if !distinctive => {
                out.push((key(KeyKind::Word, &t.text), bit));
            }
            _ => {}
        }
        if let Some(next) = toks.get(i + 1) {
            if t.kind != TokenKind::Number && next.kind != TokenKind::Number {
                let joined = format!("{}{}", t.text, next.text);
                out.push((key(KeyKind::Word, &joined), bit | token_bit(i + 1)));
            }
        }
    }
}

/// The distinct keys of a form, sorted.
pub fn form_key_set(form: &NameForm) -> Vec<u64> {
    let mut buf = Vec::new();
    form_keys(form, &mut buf);
    let mut ks: Vec<u64> = buf.into_iter().map(|(k, _)| k).collect();
    ks.sort_unstable();
    ks.dedup();
    ks.shrink_to_fit();
    ks
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
