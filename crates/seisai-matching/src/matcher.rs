//! Per-token string comparators prepared once for a query, so that the
//! hundreds of comparisons of one search do not rebuild the bit-parallel
//! pattern tables of the query side each time.

use std::fmt;
use std::sync::Arc;

use rapidfuzz::distance::{jaro_winkler, levenshtein};

use crate::prepare::{NameForm, Token};
use crate::score::Prepared;

/// Jaro–Winkler similarities below this are reported as 0: nothing in the
/// comparison uses a part similarity that low.
pub const JW_FLOOR: f64 = 0.75;

/// The prepared comparators of one token.
pub struct TokenMatcher {
    jaro_winkler: jaro_winkler::BatchComparator<char>,
    levenshtein: levenshtein::BatchComparator<char>,
}

impl fmt::Debug for TokenMatcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenMatcher")
    }
}

impl TokenMatcher {
    fn new(chars: &[char]) -> Self {
        TokenMatcher {
            jaro_winkler: jaro_winkler::BatchComparator::new(chars.iter().copied()),
            levenshtein: levenshtein::BatchComparator::new(chars.iter().copied()),
        }
    }
}

/// Jaro–Winkler similarity of two tokens, 0 below [`JW_FLOOR`].
pub fn jaro_winkler(a: &Token, b: &Token) -> f32 {
    let args = jaro_winkler::Args::default().score_cutoff(JW_FLOOR);
    let s = match &a.matcher {
        Some(m) => m.jaro_winkler.normalized_similarity_with_args(b.chars.iter().copied(), &args),
        None => jaro_winkler::normalized_similarity_with_args(a.chars.iter().copied(), b.chars.iter().copied(), &args),
    };
    s.unwrap_or(0.0) as f32
}

/// Levenshtein distance of two tokens (in characters).
pub fn levenshtein(a: &Token, b: &Token) -> usize {
    match &a.matcher {
        Some(m) => m.levenshtein.distance(b.chars.iter().copied()),
        None => levenshtein::distance(a.chars.iter().copied(), b.chars.iter().copied()),
    }
}

fn add_matcher(token: &mut Token) {
    token.matcher = Some(Arc::new(TokenMatcher::new(&token.chars)));
}

fn add_form_matchers(form: &mut NameForm) {
    form.tokens.iter_mut().for_each(add_matcher);
    form.joined.iter_mut().flatten().for_each(add_matcher);
}

impl Prepared {
    /// Prepares the comparators of every token of a query (worth it when
    /// the query is compared with many candidates, as in a search).
    pub fn with_matchers(mut self) -> Self {
        self.names.iter_mut().flat_map(|n| n.forms.iter_mut()).for_each(add_form_matchers);
        self
    }
}
