//! Name and entity scoring with explanations: the heart of seisai.
//!
//! * [`prepare`] turns a name (any script) into [`NameForm`]s: Latin
//!   token sequences with each token's kind (word, particle, generic
//!   organisation word, initial, number), weight and phonetic codes, and the
//!   legal forms set aside.
//! * [`compare`] aligns the parts of two name forms one to one, order free
//!   (adjacent parts may join: `PolPot` ↔ `Pol Pot`), with Jaro–Winkler and
//!   phonetic agreement per part, and scores the alignment.
//! * [`bound`] bounds a comparison's score from the parts that can pair at
//!   all, so that a search with a minimum score skips hopeless candidates.
//! * [`features`] compares the secondary evidence: birth dates, countries,
//!   gender and identifiers.
//! * [`prefetch`] asks for the memory of the candidates a search ranks next.
//! * [`reuse`] keeps the per-thread buffers a search reuses.
//! * [`score`] combines both into a [`MatchResult`] in \[0, 1\] with an
//!   [`Explanation`] of every contribution.

pub mod bound;
pub mod compare;
pub mod features;
pub mod keys;
pub mod matcher;
pub mod prefetch;
pub mod prepare;
pub mod reuse;
pub mod score;

pub use compare::{NameMatch, PartMatch, compare_forms};
pub use prepare::{NameContext, NameForm, Token, TokenKind};
pub use score::{Candidate, Config, Evidence, Explanation, FeatureScore, FeatureWeights, MatchResult, Query, Scale, score};
