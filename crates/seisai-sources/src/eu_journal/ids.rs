//! Stable record ids for EU Official Journal designations.
//!
//! The journal numbers entries per annex (`recordId` restarts at 1 in each
//! annex of an act) and some entries carry no number at all. The id of a
//! row is the shortest of these forms that is unique within the whole load:
//!
//! 1. `{celex}-{recordId}` — the act and entry number, when all rows of the
//!    load with that pair name the same party;
//! 2. `{celex}-{annex}-{recordId}` — with the normalised annex, when the
//!    entry number repeats across annexes of the act;
//! 3. `{celex}-{annex}-{recordId}-{hash}` or, without an entry number,
//!    `{celex}-{annex}-{hash}` — with the first 8 hex digits of the SHA-256
//!    of the lower-cased name, when even the annex does not separate them.
//!
//! Rows that still share an id name the same party in the same annex of the
//! same act (the journal printing an entry twice, or an amending act
//! restating an entry): the collector merges them into one entity with a
//! warning.

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};

/// What a row contributes to its id.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IdParts {
    /// CELEX number of the act whose annex lists the entry.
    pub celex: String,
    /// Annex as printed (`I.PERSONS`, `IV`, `Ia.A`).
    pub annex: String,
    /// Entry number, empty when the journal gives none.
    pub record_id: String,
    /// Primary name of the entry.
    pub name: String,
}

/// Assigns ids to all rows of a load by the rules in the module doc.
pub fn assign(rows: &[IdParts]) -> Vec<String> {
    // Distinct names per (celex, entry) and per (celex, annex, entry): a key
    // is unique when all rows having it name the same party.
    let mut by_pair: HashMap<(&str, &str), HashSet<String>> = HashMap::new();
    let mut by_triple: HashMap<(&str, String, &str), HashSet<String>> = HashMap::new();
    for r in rows.iter().filter(|r| !r.record_id.is_empty()) {
        let name = r.name.trim().to_lowercase();
        by_pair.entry((&r.celex, &r.record_id)).or_default().insert(name.clone());
        by_triple.entry((&r.celex, normalise_annex(&r.annex), &r.record_id)).or_default().insert(name);
    }
    rows.iter()
        .map(|r| {
            let annex = normalise_annex(&r.annex);
            let pair = by_pair.get(&(r.celex.as_str(), r.record_id.as_str())).map_or(0, HashSet::len);
            let triple = by_triple.get(&(r.celex.as_str(), annex.clone(), r.record_id.as_str())).map_or(0, HashSet::len);
            let mut parts = vec![r.celex.clone()];
            if !r.record_id.is_empty() && pair == 1 {
                parts.push(r.record_id.clone());
                return parts.join("-");
            }
            if !annex.is_empty() {
                parts.push(annex);
            }
            if !r.record_id.is_empty() {
                parts.push(r.record_id.clone());
                if triple == 1 {
                    return parts.join("-");
                }
            }
            parts.push(name_hash(&r.name));
            parts.join("-")
        })
        .collect()
}

/// The annex as an id part: trimmed, inner whitespace and `-` replaced by
/// `_` so that it cannot be confused with the id's separators. Case is kept
/// (`I.a` and `I.A` are different annexes).
pub fn normalise_annex(annex: &str) -> String {
    annex
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("_")
        .replace('-', "_")
}

/// First 8 hex digits of the SHA-256 of the trimmed, lower-cased name.
pub fn name_hash(name: &str) -> String {
    let digest = Sha256::digest(name.trim().to_lowercase().as_bytes());
    hex::encode(digest).chars().take(8).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(celex: &str, annex: &str, rid: &str, name: &str) -> IdParts {
        IdParts { celex: celex.into(), annex: annex.into(), record_id: rid.into(), name: name.into() }
    }

    #[test]
    fn each_rule_applies_only_where_needed() {
        let rows = [
            row("32014R0269", "I", "1", "A"),
            row("32014R0269", "I", "2", "B"),
            row("32014R0269", "II", "2", "C"),
            row("32014R0269", "III", "", "D"),
            row("32014R0269", "III", "", "E"),
            row("32016R0044", "V", "1", "AVAX"),
            row("32016R0044", "V", "1", "AVAX"),
            row("32016R0044", "V", "1", "OTHER"),
            row("32016R0044", "V", "2", "ZEUS"),
            row("32016R0044", "V", "2", "zeus "),
        ];
        let ids = assign(&rows);
        assert_eq!(ids[0], "32014R0269-1");
        assert_eq!(ids[1], "32014R0269-I-2");
        assert_eq!(ids[2], "32014R0269-II-2");
        assert_eq!(ids[3], format!("32014R0269-III-{}", name_hash("D")));
        assert_ne!(ids[3], ids[4]);
        assert_eq!(ids[5], ids[6], "the same entry printed twice keeps one id");
        assert_ne!(ids[5], ids[7]);
        assert_eq!(ids[7], format!("32016R0044-V-1-{}", name_hash("other")));
        assert_eq!(ids[8], "32016R0044-2", "a repeated entry naming one party stays unique");
        assert_eq!(ids[9], ids[8]);
    }

    #[test]
    fn annex_normalisation() {
        assert_eq!(normalise_annex(" VIII.A  PERSONS "), "VIII.A_PERSONS");
        assert_eq!(normalise_annex("I-a"), "I_a");
        assert_eq!(normalise_annex(""), "");
    }
}
