//! Per-token string comparators prepared once for a query, so that the
//! hundreds of comparisons of one search do not rebuild the bit-parallel
//! pattern tables of the query side each time.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rapidfuzz::distance::{jaro_winkler, osa};

use rustc_hash::FxHasher;

use crate::prepare::Token;
use seisai_names::script::NameScript;
use crate::score::Prepared;

/// Jaro–Winkler similarities below this are reported as 0: nothing in the
/// comparison uses a part similarity that low.
pub const JW_FLOOR: f64 = 0.75;

/// The prepared comparators of one token.
pub struct TokenMatcher {
    /// The query it belongs to: unique among all queries ever prepared.
    query: u64,
    /// Its number within the query (with `query`, the key of remembered
    /// similarities).
    slot: u32,
    /// Made on first use: many query parts (joined pairs especially) meet
    /// no candidate part that passes [`could_reach_floor`].
    jaro_winkler: std::sync::OnceLock<jaro_winkler::BatchComparator<char>>,
    /// Made on first use: only pairs close enough by Jaro–Winkler count
    /// their edits, and many query parts have none.
    edits: std::sync::OnceLock<osa::BatchComparator<char>>,
    /// Made on first use, for a part read from a syllabic transcription:
    /// its sound key ([`seisai_names::translit::transcribed_sounds`]),
    /// which every candidate part it is compared with would otherwise
    /// compute again.
    sounds: std::sync::OnceLock<Option<String>>,
    /// Whether it is a part of a Korean name read from katakana: its
    /// sounds, and those of every part it is compared with, are then
    /// [`seisai_names::translit::korean_sounds`].
    korean: bool,
}

impl fmt::Debug for TokenMatcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenMatcher")
    }
}

impl TokenMatcher {
    fn new(query: u64, slot: u32, korean: bool) -> Self {
        TokenMatcher {
            query,
            slot,
            jaro_winkler: std::sync::OnceLock::new(),
            edits: std::sync::OnceLock::new(),
            sounds: std::sync::OnceLock::new(),
            korean,
        }
    }

    /// Its query and its number within the query: unique among all the
    /// tokens of all queries ever prepared.
    pub(crate) fn id(&self) -> (u64, u32) {
        (self.query, self.slot)
    }
}

static NEXT_QUERY_ID: AtomicU64 = AtomicU64::new(0);

/// The similarities remembered on one thread: those of the query it
/// compared last, by (query part slot, candidate similarity key). The
/// candidates of one search repeat the same name parts (`muhammad`,
/// `ali`) many times; another query's parts never come back, so they are
/// forgotten when the query changes, which keeps the map small and hot.
/// (Kept with the comparison's buffers of the thread, borrowed once per
/// alignment rather than once per pair of parts.)
#[derive(Default)]
pub(crate) struct Memo {
    values: crate::reuse::QueryMemo<(u32, u64), f32>,
}

impl Memo {
    /// `compute()`, the similarity of `a` and `b`, remembered when `a` is
    /// a query token with prepared comparators.
    pub(crate) fn get_or(&mut self, a: &Token, b: &Token, compute: impl FnOnce() -> f32) -> f32 {
        self.get_or_keyed(a, b.similarity_key, compute)
    }

    /// `compute()`, a value of query token `a` and of what `key` hashes,
    /// remembered when `a` has prepared comparators.
    pub(crate) fn get_or_keyed(&mut self, a: &Token, key: u64, compute: impl FnOnce() -> f32) -> f32 {
        let Some(m) = &a.matcher else { return compute() };
        *self.values.of(m.query).entry((m.slot, key)).or_insert_with(compute)
    }
}

/// The hash of what a similarity reads of a token: text, kind, phonetic
/// codes and whether it was read from a syllabic transcription.
pub fn similarity_key(token: &Token) -> u64 {
    let mut h = FxHasher::default();
    (&token.text, token.kind as u8, &token.phonetic, &token.phonetic_alt, token.transcribed).hash(&mut h);
    h.finish()
}

/// A non-zero hash of the romanisation skeleton of an ASCII word (see
/// [`seisai_names::translit::romanisation_skeleton`]), 0 for a word in
/// another script (no skeleton: never the same romanisation). It is the
/// skeleton's lookup key as a word ([`crate::keys::key`]), so the keys of
/// a form take it as it is.
pub fn skeleton_key(word: &str) -> u64 {
    if !word.is_ascii() {
        return 0;
    }
    thread_local! {
        static SKELETON: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    crate::reuse::with_buffer(&SKELETON, |skeleton| {
        seisai_names::translit::romanisation_skeleton_into(word, skeleton);
        crate::keys::key(crate::keys::KeyKind::Word, skeleton).max(1)
    })
}

/// The classes of `a e i o u` among [`Letters`].
const VOWEL_CLASSES: u64 = 1 << (b'a' % 32) | 1 << (b'e' % 32) | 1 << (b'i' % 32) | 1 << (b'o' % 32) | 1 << (b'u' % 32);

/// The characters of a token folded onto 32 classes (a character falls in
/// class `code point mod 32`; the letters a–z get a class each): the
/// classes it has, and those it has twice or more. Enough to bound the
/// characters two tokens can have in common (see [`could_reach_floor`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Letters {
    /// Bit `k` for a class with at least one character, bit `32 + k` for
    /// one with at least two (one word: one population count per test).
    bits: u64,
}

impl Letters {
    /// The letters of `chars`.
    pub fn of(chars: impl Iterator<Item = char>) -> Self {
        chars.fold(Letters::default(), |l, c| l.then(Letters { bits: 1u64 << (c as u32 % 32) }))
    }

    /// The classes with at least one character.
    fn once(self) -> u64 {
        self.bits & u64::from(u32::MAX)
    }

    /// The letters of the two texts written one after the other.
    pub fn then(self, next: Letters) -> Self {
        Letters { bits: self.bits | next.bits | (self.once() & next.once()) << 32 }
    }

    /// Whether the text may have no vowel after its first character: at
    /// most one class of `a e i o u`, and that one once (a cheap necessary
    /// test of the vowels-left-out rule of [`crate::compare`]).
    pub(crate) fn may_lack_vowels_after_first(self) -> bool {
        (self.bits & VOWEL_CLASSES).count_ones() <= 1 && (self.bits >> 32) & VOWEL_CLASSES == 0
    }

    /// Whether a text of letters `self` may be one of letters `long` with
    /// its vowels left out (a cheap necessary test of
    /// [`seisai_names::edits::vowels_left_out`], given the same first
    /// letter): each of its letters is one of `long`'s, and each consonant
    /// of `long` is one of its letters.
    pub(crate) fn may_be_consonants_of(self, long: Letters) -> bool {
        let (short, long) = (self.once(), long.once());
        short & !long == 0 && long & !VOWEL_CLASSES & !short == 0
    }

    /// At least how many characters of `self` find no equal character in
    /// `other`: one per class `other` lacks, and one more per class `self`
    /// has twice and `other` at most once.
    fn unmatched_in(self, other: Letters) -> u64 {
        u64::from((self.bits & !other.bits).count_ones())
    }
}

/// At most how many characters of two tokens match: those of one that
/// find no equal character in the other ([`Letters`]) do not.
pub(crate) fn most_matching(a: &Token, b: &Token) -> u64 {
    most_matching_of(a.char_count, a.letters, b.char_count, b.letters)
}

/// [`most_matching`] of two texts of `la` and `lb` characters with letters
/// `a` and `b`.
#[inline]
fn most_matching_of(la: u16, a: Letters, lb: u16, b: Letters) -> u64 {
    let (la, lb) = (u64::from(la), u64::from(lb));
    la.saturating_sub(a.unmatched_in(b)).min(lb.saturating_sub(b.unmatched_in(a)))
}

/// [`could_reach_floor`] of two texts of `la` and `lb` characters with
/// letters `a` and `b`.
#[inline]
fn letters_may_reach_floor(la: u16, a: Letters, lb: u16, b: Letters) -> bool {
    la != 0 && lb != 0 && reaches_floor_loosely(u64::from(la), u64::from(lb), most_matching_of(la, a, lb, b))
}

/// Whether the Jaro–Winkler similarity of two texts of `la` and `lb`
/// characters with letters `a` and `b` and a common prefix of at most
/// `prefix` characters may reach [`JW_FLOOR`]: the test of
/// [`jaro_winkler_may_reach_floor`] from what a compact copy of a token
/// keeps. It admits every pair that test admits (a longer prefix only
/// raises the bound).
#[inline]
pub(crate) fn copy_may_reach_floor(la: u16, a: Letters, lb: u16, b: Letters, prefix: u64) -> bool {
    la != 0 && lb != 0 && reaches_floor_with_prefix(u64::from(la), u64::from(lb), most_matching_of(la, a, lb, b), prefix)
}

/// Whether the Jaro–Winkler similarity of two tokens can reach
/// [`JW_FLOOR`], from their lengths and letters alone: characters of one
/// that find no equal character in the other ([`Letters`]) are unmatched,
/// which bounds the matching characters `m`, hence Jaro ≤ (m/|a| + m/|b|
/// + 1) / 3, and the Winkler prefix bonus adds at most 0.4 of the rest.
pub(crate) fn could_reach_floor(a: &Token, b: &Token) -> bool {
    letters_may_reach_floor(a.char_count, a.letters, b.char_count, b.letters)
}

/// The test of [`could_reach_floor`] for words of `la` and `lb` characters
/// (not 0) with at most `m` characters matching.
#[inline]
fn reaches_floor_loosely(la: u64, lb: u64, m: u64) -> bool {
    // Jaro + 0.4 × (1 − Jaro) ≥ 0.75 ⇔ Jaro ≥ 7/12 ⇔ m/la + m/lb ≥ 3/4,
    // i.e. 4·m·(la + lb) ≥ 3·la·lb: in integers, without the divisions
    // (this test runs for every pair of parts and most pairs fail it).
    // Up to la·lb = 40,000 it decides every pair as the float test does
    // (its margin is below the smallest step, 1 / (4·la·lb)).
    // (The test with the largest prefix: 4·m·(la + lb) ≥ 3·la·lb is
    // m·(la + lb)·12 + 16·la·lb ≥ 25·la·lb.)
    reaches_floor_with_prefix(la, lb, m, 4)
}

/// Whether the Jaro–Winkler similarity of two parts may reach
/// [`JW_FLOOR`]: the characters that can match ([`most_matching`]) bound
/// Jaro ≤ (m/|a| + m/|b| + 1) / 3; the Winkler bonus adds 0.1 of the rest
/// per character of the common prefix (at most 4). Tighter than
/// [`could_reach_floor`], which allows the largest bonus without reading
/// the texts and decides most pairs first (with a prefix of 4 the two
/// tests are the same: see `integer_floor_test_agrees_with_the_float_one`).
pub(crate) fn jaro_winkler_may_reach_floor(a: &Token, b: &Token) -> bool {
    matching_if_may_reach_floor(a, b).is_some()
}

/// What [`jaro_winkler_may_reach_floor`] learns of two tokens it admits.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NearFloor {
    /// The most characters of the two that can match ([`most_matching`]).
    pub(crate) most_matching: u64,
    /// An upper bound of their Jaro–Winkler similarity, from their
    /// lengths, letters and common prefix ([`jaro_winkler_bound_of`]).
    pub(crate) jaro_winkler: f32,
}

/// [`NearFloor`] of two tokens [`jaro_winkler_may_reach_floor`] admits,
/// `None` for the others (whose similarity is below [`JW_FLOOR`]): the
/// test and the bound at the cost of one.
#[inline]
pub(crate) fn near_floor(a: &Token, b: &Token) -> Option<NearFloor> {
    let (m, prefix) = matching_if_may_reach_floor(a, b)?;
    Some(NearFloor { most_matching: m, jaro_winkler: jaro_winkler_bound_of(u64::from(a.char_count), u64::from(b.char_count), m, prefix) })
}

/// The test of [`jaro_winkler_may_reach_floor`], with what it computed
/// when it passes: the most characters that can match ([`most_matching`])
/// and the common prefix ([`common_prefix`]).
#[inline]
fn matching_if_may_reach_floor(a: &Token, b: &Token) -> Option<(u64, u64)> {
    let (la, lb) = (u64::from(a.char_count), u64::from(b.char_count));
    if la == 0 || lb == 0 {
        return None;
    }
    let m = most_matching(a, b);
    // The test of `could_reach_floor` first (most pairs fail it), with
    // the characters that can match counted once.
    if !reaches_floor_loosely(la, lb, m) {
        return None;
    }
    let prefix = common_prefix(a, b);
    reaches_floor_with_prefix(la, lb, m, prefix).then_some((m, prefix))
}

/// Whether words of `la` and `lb` characters (not 0) with at most `m`
/// characters matching and a common prefix of `prefix` (at most 4) may
/// reach [`JW_FLOOR`]: the bound Jaro ≤ (m/la + m/lb + 1) / 3 with the
/// Winkler bonus of the prefix. Grows with `prefix` (as `m` is at most
/// the shorter length, below the harmonic mean of the two).
#[inline]
fn reaches_floor_with_prefix(la: u64, lb: u64, m: u64, prefix: u64) -> bool {
    // Most words are short: the answer is read from a table.
    if (la | lb) < TABLED_LENGTHS as u64 {
        if let Some(least) = LEAST_MATCHING.get(prefix as usize).and_then(|t| t.get(la as usize * TABLED_LENGTHS + lb as usize)) {
            return m >= u64::from(*least);
        }
    }
    if la * lb > 40_000 {
        // A small margin keeps float rounding from excluding a borderline pair.
        most_jaro_winkler(la, lb, m, prefix) >= JW_FLOOR - 1e-6
    } else {
        // Jaro + p/10 × (1 − Jaro) ≥ 3/4 with Jaro = (m·(la + lb) + la·lb) /
        // (3·la·lb) is, in integers, m·(la + lb)·(20 − 2p) + 4p·la·lb ≥ 25·la·lb
        // (exact: the similarities of words this short are fractions whose
        // distance from 0.75 is far above any rounding of rapidfuzz).
        integer_floor_test(la, lb, m, prefix)
    }
}

/// Word lengths below which [`reaches_floor_with_prefix`] reads its
/// answer from [`LEAST_MATCHING`].
const TABLED_LENGTHS: usize = 32;

/// Per common prefix (0 to 4), then per lengths `la` and `lb` below
/// [`TABLED_LENGTHS`] (at `la × TABLED_LENGTHS + lb`): the fewest
/// characters matching with which the integer test of
/// [`reaches_floor_with_prefix`] holds (it holds for more as well), 255
/// if it holds for none below. Made at compile time from the test itself,
/// so the two agree everywhere (`the_floor_table_agrees_with_the_test`):
/// one read instead of the test's products, for every pair of parts a
/// bound looks at.
static LEAST_MATCHING: [[u8; TABLED_LENGTHS * TABLED_LENGTHS]; 5] = least_matching();

/// The integer test of [`reaches_floor_with_prefix`], for lengths whose
/// product is at most 40,000.
const fn integer_floor_test(la: u64, lb: u64, m: u64, prefix: u64) -> bool {
    m * (la + lb) * (20 - 2 * prefix) + 4 * prefix * la * lb >= 25 * la * lb
}

/// [`LEAST_MATCHING`], computed.
const fn least_matching() -> [[u8; TABLED_LENGTHS * TABLED_LENGTHS]; 5] {
    let mut table = [[u8::MAX; TABLED_LENGTHS * TABLED_LENGTHS]; 5];
    let mut prefix = 0;
    while prefix < 5 {
        let mut at = 0;
        while at < TABLED_LENGTHS * TABLED_LENGTHS {
            let (la, lb) = ((at / TABLED_LENGTHS) as u64, (at % TABLED_LENGTHS) as u64);
            let mut m = 0;
            while m < u8::MAX {
                if integer_floor_test(la, lb, m as u64, prefix as u64) {
                    table[prefix][at] = m;
                    break;
                }
                m += 1;
            }
            at += 1;
        }
        prefix += 1;
    }
    table
}

/// The most Jaro–Winkler similarity two words of `la` and `lb` characters
/// can have with at most `m` characters matching and a common prefix of
/// `prefix` (at most 4): Jaro ≤ (m/la + m/lb + 1) / 3, and the Winkler
/// bonus adds 0.1 of the rest per character of the prefix.
fn most_jaro_winkler(la: u64, lb: u64, m: u64, prefix: u64) -> f64 {
    let (la, lb, m) = (la as f64, lb as f64, m as f64);
    let jaro = (m / la + m / lb + 1.0) / 3.0;
    jaro + 0.1 * prefix as f64 * (1.0 - jaro)
}

/// The number of characters two tokens begin with alike, at most 4 (the
/// Winkler prefix).
fn common_prefix(a: &Token, b: &Token) -> u64 {
    // Most pairs differ in their first letter, hence in their first byte.
    if a.text.as_bytes().first() != b.text.as_bytes().first() {
        return 0;
    }
    a.text.chars().zip(b.text.chars()).take(4).take_while(|(x, y)| x == y).count() as u64
}

/// An upper bound of the Jaro–Winkler similarity of words of `la` and
/// `lb` characters (not 0) with at most `m` characters matching
/// ([`most_matching`]) and a common prefix of `prefix`: Jaro ≤ (m/|a| +
/// m/|b| + 1) / 3, and the Winkler bonus adds 0.1 of the rest per
/// character of the common prefix (at most 4). Slightly above the exact
/// bound, so that float rounding never puts it below the similarity.
fn jaro_winkler_bound_of(la: u64, lb: u64, m: u64, prefix: u64) -> f32 {
    (most_jaro_winkler(la, lb, m, prefix) + 1e-6) as f32
}

/// Jaro–Winkler similarity of two tokens, 0 below [`JW_FLOOR`].
pub fn jaro_winkler(a: &Token, b: &Token) -> f32 {
    if !could_reach_floor(a, b) {
        return 0.0;
    }
    jaro_winkler_unchecked(a, b)
}

/// [`jaro_winkler`] of two tokens [`could_reach_floor`] admits (the caller
/// has checked; the check is a good share of the cost of most pairs).
pub(crate) fn jaro_winkler_unchecked(a: &Token, b: &Token) -> f32 {
    let args = jaro_winkler::Args::default().score_cutoff(JW_FLOOR);
    let s = match &a.matcher {
        Some(m) => m.jaro_winkler.get_or_init(|| jaro_winkler::BatchComparator::new(a.chars())).normalized_similarity_with_args(b.chars(), &args),
        None => jaro_winkler::normalized_similarity_with_args(a.chars(), b.chars(), &args),
    };
    s.unwrap_or(0.0) as f32
}

/// `f` of the sound key of a token ([`seisai_names::translit::transcribed_sounds`]):
/// for a query token with prepared comparators, computed once.
pub(crate) fn with_sounds<R>(token: &Token, korean: bool, f: impl FnOnce(Option<&str>) -> R) -> R {
    use seisai_names::translit::{korean_sounds, transcribed_sounds};
    let key = |text: &str| if korean { korean_sounds(text) } else { transcribed_sounds(text) };
    match &token.matcher {
        // (A query part's kind of key never changes: see `is_korean`.)
        Some(m) => f(m.sounds.get_or_init(|| key(&token.text)).as_deref()),
        None => f(key(&token.text).as_deref()),
    }
}

/// Whether a part belongs to a Korean name read from katakana (see
/// [`TokenMatcher::korean`]).
pub(crate) fn is_korean(token: &Token) -> bool {
    token.matcher.as_ref().is_some_and(|m| m.korean)
}

/// Typing edits between two tokens (in characters): the optimal string
/// alignment distance, Levenshtein's with two neighbours swapped counted as
/// one edit (`Farhan` / `Frahan`), the commonest slip of a typist.
pub fn edits(a: &Token, b: &Token) -> usize {
    match &a.matcher {
        Some(m) => m.edits.get_or_init(|| osa::BatchComparator::new(a.chars())).distance(b.chars()),
        None => osa::distance(a.chars(), b.chars()),
    }
}

impl Prepared {
    /// Prepares the comparators of every token of a query (worth it when
    /// the query is compared with many candidates, as in a search), and
    /// marks the words it read from a syllabic transcription as such
    /// (`Token::transcribed`): a query in katakana, or a foreign name in
    /// Chinese characters, may render any Latin spelling the transcription
    /// writes alike. (Listed names in those scripts come with the list's
    /// own Latin spellings, so their readings are compared as written.)
    pub fn with_matchers(mut self) -> Self {
        for form in self.names.iter_mut().flat_map(|n| n.forms.iter_mut()).filter(|f| is_transcription(f)) {
            for token in form.tokens.iter_mut().chain(form.joined.iter_mut().flatten()) {
                if token.kind == crate::prepare::TokenKind::Word && token.text.is_ascii() {
                    token.transcribed = true;
                    token.similarity_key = similarity_key(token);
                }
            }
        }
        let query = NEXT_QUERY_ID.fetch_add(1, Ordering::Relaxed);
        let forms = self.names.iter_mut().flat_map(|n| n.forms.iter_mut());
        let tokens = forms.flat_map(|f| {
            let korean = is_transcription(f) && seisai_names::japanese::is_korean_in_katakana(&f.original);
            f.tokens.iter_mut().chain(f.joined.iter_mut().flatten()).map(move |t| (t, korean))
        });
        for (slot, (token, korean)) in tokens.enumerate() {
            let slot = u32::try_from(slot).unwrap_or(u32::MAX);
            token.matcher = Some(Arc::new(TokenMatcher::new(query, slot, korean && token.transcribed)));
        }
        self.query_keys = crate::keys::QueryKeys::new(self.names.iter().flat_map(|n| n.forms.iter())).map(Box::new);
        self
    }
}

/// Whether a form was read from a syllabic transcription: Japanese
/// script, or Chinese characters that are not a Chinese name (a foreign
/// name, whose words are longer than a Chinese name's syllables).
fn is_transcription(form: &crate::prepare::NameForm) -> bool {
    !form.native && (form.script == NameScript::Japanese || (form.script == NameScript::Han && !form.syllabic))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepare::{NameContext, prepare};
    use proptest::prelude::*;
    use seisai_model::Schema;

    fn token(word: &str) -> Option<Token> {
        let form = prepare(word, &Schema::Person, &NameContext::without_dictionaries()).into_iter().next()?;
        form.tokens.into_iter().next()
    }

    #[test]
    fn the_common_prefix_counts_characters_in_any_script() {
        // (Only the text is read: native forms keep their own script.)
        let word = |w: &str| {
            let mut t = token("placeholder").expect("a word");
            t.text = w.into();
            t
        };
        for (a, b, n) in [("ivan", "ivanov", 4), ("abc", "abd", 2), ("ab", "abc", 2), ("ива", "иван", 3), ("aб", "aв", 1), ("abcé", "abcé", 4), ("é", "e", 0), ("abé", "abè", 2), ("abcde", "abcdf", 4)] {
            assert_eq!(common_prefix(&word(a), &word(b)), n, "{a} / {b}");
            assert_eq!(common_prefix(&word(b), &word(a)), n, "{b} / {a}");
        }
    }

    #[test]
    fn the_floor_table_agrees_with_the_test() {
        for prefix in 0..=4u64 {
            for la in 0..TABLED_LENGTHS as u64 + 8 {
                for lb in 0..TABLED_LENGTHS as u64 + 8 {
                    for m in 0..=la.min(lb) + 2 {
                        assert_eq!(reaches_floor_with_prefix(la, lb, m, prefix), integer_floor_test(la, lb, m, prefix), "{la} {lb} {m} {prefix}");
                    }
                }
            }
        }
        // The loose test is the one with the largest prefix.
        for (la, lb, m) in [(1, 1, 1), (5, 7, 3), (5, 7, 4), (12, 9, 5), (31, 31, 12), (300, 200, 150)] {
            let expected = if la * lb <= 40_000 { 4 * m * (la + lb) >= 3 * la * lb } else { most_jaro_winkler(la, lb, m, 4) >= JW_FLOOR - 1e-6 };
            assert_eq!(reaches_floor_loosely(la, lb, m), expected, "{la} {lb} {m}");
        }
    }

    #[test]
    fn integer_floor_test_agrees_with_the_float_one() {
        // The integer form is derived for a floor of 0.75.
        assert_eq!(JW_FLOOR, 0.75);
        for la in 1..=200u64 {
            for lb in 1..=(40_000 / la).min(200) {
                for m in 0..=la.min(lb) {
                    assert_eq!(4 * m * (la + lb) >= 3 * la * lb, most_jaro_winkler(la, lb, m, 4) >= JW_FLOOR - 1e-6, "{la} {lb} {m}");
                }
            }
        }
    }

    #[test]
    fn integer_prefix_test_agrees_with_the_rational_one() {
        // The similarities bounded are fractions of denominator 30·la·lb:
        // one below 0.75 is below it by more than 1e-7, far above rounding.
        for p in 0..=4u64 {
            for la in 1..=200u64 {
                for lb in 1..=(40_000 / la).min(200) {
                    for m in 0..=la.min(lb) {
                        let (fa, fb, fm) = (la as f64, lb as f64, m as f64);
                        let jaro = (fm / fa + fm / fb + 1.0) / 3.0;
                        let float = jaro + 0.1 * p as f64 * (1.0 - jaro) >= JW_FLOOR - 1e-7;
                        let integer = m * (la + lb) * (20 - 2 * p) + 4 * p * la * lb >= 25 * la * lb;
                        assert_eq!(integer, float, "{la} {lb} {m} {p}");
                    }
                }
            }
        }
    }

    proptest! {
        /// The character-set bound never rejects a pair that reaches the floor.
        #[test]
        fn bound_never_rejects_a_close_pair(a in "[a-hzа-в]{2,9}", b in "[a-hzа-в]{2,9}") {
            let (Some(ta), Some(tb)) = (token(&a), token(&b)) else { return Ok(()) };
            let exact = rapidfuzz::distance::jaro_winkler::normalized_similarity(ta.chars(), tb.chars());
            if exact >= JW_FLOOR {
                prop_assert!(could_reach_floor(&ta, &tb), "{} / {}: {}", ta.text, tb.text, exact);
                prop_assert!(jaro_winkler_may_reach_floor(&ta, &tb), "{} / {}: {}", ta.text, tb.text, exact);
            }
            if let Some(near) = near_floor(&ta, &tb) {
                prop_assert!(f64::from(near.jaro_winkler) >= exact, "{} / {}: {}", ta.text, tb.text, exact);
                prop_assert_eq!(near.most_matching, most_matching(&ta, &tb));
            }
            prop_assert_eq!(near_floor(&ta, &tb).is_some(), jaro_winkler_may_reach_floor(&ta, &tb));
            prop_assert_eq!(common_prefix(&ta, &tb), ta.chars().zip(tb.chars()).take(4).take_while(|(x, y)| x == y).count() as u64);
            let mut fast = ta.clone();
            fast.matcher = Some(Arc::new(TokenMatcher::new(0, 0, false)));
            prop_assert_eq!(jaro_winkler(&fast, &tb), jaro_winkler(&ta, &tb));
        }

        /// The bound of a part similarity is never below it (letters chosen so
        /// that typos, reversals, phonetic twins and romanisations occur).
        #[test]
        fn part_similarity_bound_is_never_below_it(a in "[aeiokmnrstvw]{1,9}", b in "[aeiokmnrstvw]{1,9}") {
            let (Some(ta), Some(tb)) = (token(&a), token(&b)) else { return Ok(()) };
            let (similarity, bound) = (crate::compare::part_similarity(&ta, &tb), crate::compare::part_similarity_bound(&ta, &tb));
            prop_assert!(bound >= similarity, "{} / {}: {} above its bound {}", ta.text, tb.text, similarity, bound);
        }

        /// The letters of two texts written together are those of the joined text.
        #[test]
        fn letters_of_joined_texts(a in "[a-zа-я]{0,9}", b in "[a-zа-я]{0,9}") {
            prop_assert_eq!(Letters::of(a.chars()).then(Letters::of(b.chars())), Letters::of(a.chars().chain(b.chars())));
        }

        /// Every pair the vowels-left-out rule joins passes the test of
        /// letters (it only leaves out pairs the rule cannot join): a
        /// random word, and the word's own consonants (which the rule
        /// joins), against the word.
        #[test]
        fn a_word_without_vowels_has_letters_that_may_be_its_consonants(other in "[a-z]{1,9}", long in "[a-z]{1,12}") {
            let letters = |w: &str| Letters::of(w.chars());
            let consonants: String = long.chars().enumerate().filter(|&(i, c)| i == 0 || !"aeiou".contains(c)).map(|(_, c)| c).collect();
            for short in [other, consonants] {
                if seisai_names::edits::vowels_left_out(&short, &long) {
                    prop_assert!(letters(&short).may_be_consonants_of(letters(&long)), "{} / {}", short, long);
                }
            }
        }
    }

    #[test]
    fn letters_tell_most_words_from_a_word_without_vowels() {
        let letters = |w: &str| Letters::of(w.chars());
        for (short, long) in [("mhmmd", "mohammed"), ("lndvch", "leonidovich"), ("cptn", "captain"), ("osm", "osama")] {
            assert!(letters(short).may_be_consonants_of(letters(long)), "{short} / {long}");
        }
        for (short, long) in [("mhmmd", "mohsen"), ("mrtn", "mohammed"), ("cptn", "capitol"), ("ksm", "karim")] {
            assert!(!letters(short).may_be_consonants_of(letters(long)), "{short} / {long}");
        }
    }
}
