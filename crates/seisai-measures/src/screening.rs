//! The interface to the list-matching engine.
//!
//! Name matching (scripts, transliteration, fuzzy scores) is the job of the
//! matching engine (`seisai-matching`), which implements [`PartyScreener`].
//! This crate only asks it about the parties, agents and identifiers it finds
//! in documents, and turns the hits into decisions with the measures.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Person, organisation or not known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    /// A natural person.
    Person,
    /// A company, bank, government body or other organisation.
    Organization,
    /// Not known (payment free text, unstructured names).
    #[default]
    Unknown,
}

/// An identifier of a party (`swiftBic`, `leiCode`, `imoNumber`, `registrationNumber`, …; FtM property names).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifier {
    /// FtM property name of the identifier kind.
    pub kind: String,
    /// The value.
    pub value: String,
}

/// What is known about a party to screen.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PartyQuery {
    /// Names in any script (first = main name).
    pub names: Vec<String>,
    /// Person or organisation.
    pub kind: PartyKind,
    /// Birth date (ISO 8601, possibly partial).
    pub birth_date: Option<String>,
    /// Countries (ISO alpha-2) of nationality, residence or address.
    pub countries: Vec<String>,
    /// Identifiers.
    pub identifiers: Vec<Identifier>,
}

/// One list entry a party matched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListHit {
    /// Entity id in the store.
    pub entity_id: String,
    /// Dataset name (`jp_mof`, `jp_export_ban`, `jp_meti_eul`, `eu_fsf`, …).
    pub dataset: String,
    /// Version of the list the entity was read from.
    pub version: Option<String>,
    /// The entity's caption.
    pub caption: String,
    /// Match score in 0..=1.
    pub score: f64,
    /// Programs (MOF regime values start with the regime number, e.g. `28 …`).
    pub programs: Vec<String>,
    /// FtM topics (`sanction`, `debarment`, …).
    pub topics: Vec<String>,
    /// The list name that matched.
    pub matched_name: String,
    /// The source record id (MOF `NNN-NNNNNN`), when known.
    pub record_id: Option<String>,
    /// The date the entity was listed, when known.
    pub listed_on: Option<NaiveDate>,
}

/// The matching engine, as seen by the measures engine.
pub trait PartyScreener: Send + Sync {
    /// Screens one party (names in any script, optional birth date, country,
    /// identifiers) against the lists in force on `as_of`, returning hits best first.
    fn screen(&self, party: &PartyQuery, as_of: Option<NaiveDate>) -> Vec<ListHit>;

    /// The list entities carrying an identifier (`kind` is the FtM property,
    /// e.g. `swiftBic`) in force on `as_of`. BICs are compared on their first
    /// 8 characters by the caller's normalisation ([`normalise_bic`]).
    fn find_by_identifier(&self, kind: &str, value: &str, as_of: Option<NaiveDate>) -> Vec<ListHit>;

    /// Owners of a party known from the lists' data (FtM `Ownership`
    /// records: owner name, share in percent, whether held directly). The
    /// engine applies the 50 % rule to these as to owners declared in the
    /// document. A screener whose lists carry no ownership data returns none.
    fn owners_of(&self, _party: &PartyQuery, _as_of: Option<NaiveDate>) -> Vec<KnownOwner> {
        Vec::new()
    }
}

/// An owner of a party known from list data (FtM `Ownership`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KnownOwner {
    /// Owner's name as the data gives it.
    pub name: String,
    /// Share held, percent.
    pub percent: f64,
    /// Held directly.
    pub direct: bool,
    /// Where the record comes from (dataset and record id).
    pub source: String,
}

/// A BIC reduced to its 8-character institution+location part, upper case,
/// or `None` when the text is not shaped like a BIC (8 or 11 alphanumerics,
/// letters in the first six).
pub fn normalise_bic(bic: &str) -> Option<String> {
    let b: String = bic.trim().chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let ok_len = b.len() == 8 || b.len() == 11;
    if !ok_len || !b.bytes().all(|c| c.is_ascii_alphanumeric()) || !b.bytes().take(6).all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(b[..8].to_string())
}

/// A screener that knows no list: every party is clear. For running the
/// region, goods, securities and price-cap rules without lists loaded; the
/// decision then says that no list was consulted.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoLists;

impl PartyScreener for NoLists {
    fn screen(&self, _party: &PartyQuery, _as_of: Option<NaiveDate>) -> Vec<ListHit> {
        Vec::new()
    }
    fn find_by_identifier(&self, _kind: &str, _value: &str, _as_of: Option<NaiveDate>) -> Vec<ListHit> {
        Vec::new()
    }
}

/// Whether a hit's program belongs to one of the program prefixes: the
/// program starts with the prefix followed by a non-digit or the end
/// (`28`, `28 ロシア…`, `28-…` match `28`; `280` does not).
pub fn program_matches(program: &str, prefix: &str) -> bool {
    let p = program.trim();
    p.strip_prefix(prefix).is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bic_normalisation() {
        assert_eq!(normalise_bic("ZZBKJPJTXXX").as_deref(), Some("ZZBKJPJT"));
        assert_eq!(normalise_bic("zzbkjpjt").as_deref(), Some("ZZBKJPJT"));
        assert_eq!(normalise_bic("ZZBK JPJT XXX").as_deref(), Some("ZZBKJPJT"));
        assert_eq!(normalise_bic("12BKJPJT"), None);
        assert_eq!(normalise_bic("ZZBKJPJTX"), None);
    }

    #[test]
    fn program_prefixes() {
        assert!(program_matches("28", "28"));
        assert!(program_matches("28 ロシア連邦の団体", "28"));
        assert!(!program_matches("280", "28"));
        assert!(!program_matches("2", "28"));
    }
}
