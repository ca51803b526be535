//! Sanctions measures as dated, cited, executable policy.
//!
//! * [`policy`] — policy files (TOML, JSON-Schema'd): one regime of dated
//!   measures with legal basis, scope, exceptions and uncertainty marks.
//! * [`region`] — detection of embargoed regions (Crimea, Sevastopol, the
//!   occupied parts of Donetsk, Luhansk, Zaporizhzhia, Kherson) in free-text
//!   and structured addresses, with confidence.
//! * [`documents`] — the screened documents (party, trade transaction,
//!   payment message, securities order, oil cargo) and the parsers of
//!   ISO 20022 pacs.008/pain.001 and SWIFT MT103/MT202COV.
//! * [`screening`] — the interface to the list-matching engine
//!   ([`PartyScreener`]).
//! * [`engine`] — [`Engine::check`]: applies the measures in force on a date
//!   to a document and returns a [`Decision`] with cited reasons.
//! * [`decision`] — decisions, JSON and plain-text table rendering.
//! * [`commands`] — `seisai check` and `seisai measures` as library functions.

pub mod commands;
pub mod decision;
pub mod documents;
pub mod engine;
pub mod error;
pub mod goods;
pub mod policy;
pub mod region;
pub mod screening;
pub mod text;

pub use decision::{Decision, Outcome, Reason, render_table};
pub use documents::Document;
pub use engine::Engine;
pub use error::{DocumentError, PolicyError};
pub use policy::{Measure, MeasureKind, Policy, render_measures};
pub use screening::{ListHit, PartyQuery, PartyScreener};
