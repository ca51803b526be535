//! Multi-script name normalisation and transliteration for sanctions
//! screening, as a pipeline of small steps (in the manner of charabia):
//!
//! 1. [`normalize`] — Unicode NFKC, case folding, width folding, removal of
//!    invisible characters, confusable folding, punctuation and spacing.
//! 2. [`script`] — which writing system a name is in.
//! 3. [`translit`] — plausible Latin renderings of names in other scripts
//!    (Cyrillic in several romanisation systems, Greek, Arabic, Hebrew,
//!    Armenian, Georgian, Hangul, Han).
//! 4. [`japanese`] — katakana/hiragana renderings and kanji name readings
//!    from Debian's ENAMDICT/IPADIC, loaded at run time.
//!
//! The same pipeline serves list names and query names.

pub mod alternatives;
pub mod edits;
pub mod japanese;
pub mod normalize;
pub mod script;
pub mod translit;
pub mod vocab;
