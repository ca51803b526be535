//! The lookup keys of a name form.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;
use seisai_matching::score::Prepared;
use seisai_matching::{NameForm, TokenKind};

/// What a key is made from (part of the hash, so kinds never collide).
#[derive(Hash, Clone, Copy)]
pub(crate) enum KeyKind {
    Word,
    Phonetic,
    Prefix,
    Number,
}

pub(crate) fn key(kind: KeyKind, text: &str) -> u64 {
    let mut h = FxHasher::default();
    kind.hash(&mut h);
    text.hash(&mut h);
    h.finish()
}

/// The keys of one name form, each with the index of the token it belongs
/// to (joined pairs belong to their first token).
pub(crate) fn form_keys(form: &NameForm, out: &mut Vec<(u64, usize)>) {
    let toks = &form.tokens;
    let distinctive = form.is_distinctive();
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            TokenKind::Number => out.push((key(KeyKind::Number, &t.text), i)),
            TokenKind::Word => {
                out.push((key(KeyKind::Word, &t.text), i));
                if t.phonetic.len() >= 2 {
                    out.push((key(KeyKind::Phonetic, &t.phonetic), i));
                }
                if t.text.len() >= 5 {
                    let prefix: String = t.text.chars().take(4).collect();
                    out.push((key(KeyKind::Prefix, &prefix), i));
                }
            }
            TokenKind::Generic | TokenKind::Particle if !distinctive => {
                out.push((key(KeyKind::Word, &t.text), i));
            }
            _ => {}
        }
        if let Some(next) = toks.get(i + 1) {
            if t.kind != TokenKind::Number && next.kind != TokenKind::Number {
                let joined = format!("{}{}", t.text, next.text);
                out.push((key(KeyKind::Word, &joined), i));
            }
        }
    }
}

/// All distinct keys of an entity's names.
pub(crate) fn entity_keys(p: &Prepared) -> Vec<u64> {
    let mut buf = Vec::new();
    for n in &p.names {
        for f in &n.forms {
            form_keys(f, &mut buf);
        }
    }
    let mut ks: Vec<u64> = buf.into_iter().map(|(k, _)| k).collect();
    ks.sort_unstable();
    ks.dedup();
    ks
}
