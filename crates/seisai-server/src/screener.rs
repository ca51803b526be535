//! The matching engine as the measures engine's party screener: parties
//! of documents (trades, payments, securities orders) are screened through
//! the candidate index; identifiers such as BICs are looked up in the
//! indexed entities.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use seisai_index::Index;
use seisai_matching::features::identifier_key;
use seisai_model::{Entity, props};

/// The matching engine as the measures engine's [`seisai_measures::PartyScreener`]:
/// parties are screened through the index, identifiers (BICs) are looked
/// up in a map of the indexed entities' identifiers built once.
pub struct IndexScreener {
    index: Arc<Index>,
    /// (property, key) → positions in `index.entities()`; BIC keys cut to 8 characters.
    identifiers: HashMap<(&'static str, String), Vec<usize>>,
    /// Scores below this are not reported to the measures engine.
    pub min_score: f32,
}

/// The lookup key of an identifier value: the normalised value, for BICs
/// its institution and location part (first 8 characters).
fn lookup_key(kind: &str, value: &str) -> Option<String> {
    let key = identifier_key(kind, value);
    if kind == props::SWIFT_BIC {
        return key.char_indices().nth(8).map_or(Some(key.clone()), |(end, _)| key.get(..end).map(str::to_string));
    }
    (!key.is_empty()).then_some(key)
}

impl IndexScreener {
    /// Wraps an index, mapping the identifiers of its entities (one pass over them).
    pub fn new(index: Arc<Index>) -> Self {
        let mut identifiers: HashMap<(&'static str, String), Vec<usize>> = HashMap::new();
        for (i, e) in index.entities().iter().enumerate() {
            for kind in props::IDENTIFIER_PROPS {
                for v in e.get(kind) {
                    if let Some(key) = lookup_key(kind, v) {
                        let at = identifiers.entry((kind, key)).or_default();
                        if at.last() != Some(&i) {
                            at.push(i);
                        }
                    }
                }
            }
        }
        IndexScreener { index, identifiers, min_score: 0.7 }
    }

    fn hit(e: &Entity, score: f32, matched_name: &str) -> seisai_measures::ListHit {
        seisai_measures::ListHit {
            entity_id: e.id.clone(),
            dataset: e.dataset().to_string(),
            version: e.version.clone(),
            caption: e.caption().to_string(),
            score: f64::from(score),
            programs: e.get(props::PROGRAM).to_vec(),
            topics: e.get(props::TOPICS).to_vec(),
            matched_name: matched_name.to_string(),
            record_id: e.source_id.clone(),
            listed_on: e.dates(props::LISTING_DATE).first().map(|d| d.earliest()),
        }
    }
}

impl seisai_measures::PartyScreener for IndexScreener {
    fn screen(&self, party: &seisai_measures::PartyQuery, as_of: Option<NaiveDate>) -> Vec<seisai_measures::ListHit> {
        use seisai_model::Schema;
        let schema = match party.kind {
            seisai_measures::screening::PartyKind::Person => Schema::Person,
            seisai_measures::screening::PartyKind::Organization => Schema::Organization,
            seisai_measures::screening::PartyKind::Unknown => Schema::LegalEntity,
        };
        let mut q = Entity::new("query", "q", schema);
        q.add_all(props::NAME, &party.names);
        if let Some(d) = party.birth_date.as_deref().and_then(seisai_model::FuzzyDate::parse_loose) {
            q.add_date(props::BIRTH_DATE, d);
        }
        for c in &party.countries {
            q.add_country(props::COUNTRY, c);
        }
        for id in &party.identifiers {
            q.add(&id.kind, &id.value);
        }
        let opts = seisai_index::SearchOptions { limit: 10, as_of, min_score: self.min_score, ..Default::default() };
        self.index
            .search(&self.index.prepare(&q), &opts)
            .iter()
            .map(|h| Self::hit(&h.entity, h.result.score, &h.result.explanation.candidate_name))
            .collect()
    }

    fn find_by_identifier(&self, kind: &str, value: &str, as_of: Option<NaiveDate>) -> Vec<seisai_measures::ListHit> {
        let entities = self.index.entities();
        let Some(kind) = props::IDENTIFIER_PROPS.iter().copied().find(|k| *k == kind) else {
            // Not an identifier property: compared value by value.
            let wanted = identifier_key(kind, value);
            return entities
                .iter()
                .filter(|e| as_of.is_none_or(|d| e.in_force_on(d)))
                .filter(|e| e.get(kind).iter().any(|v| identifier_key(kind, v) == wanted))
                .map(|e| Self::hit(e, 1.0, value))
                .collect();
        };
        let Some(key) = lookup_key(kind, value) else { return Vec::new() };
        self.identifiers
            .get(&(kind, key))
            .into_iter()
            .flatten()
            .filter_map(|&i| entities.get(i))
            .filter(|e| as_of.is_none_or(|d| e.in_force_on(d)))
            .map(|e| Self::hit(e, 1.0, value))
            .collect()
    }
}
