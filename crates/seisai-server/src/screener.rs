//! The matching engine as the measures engine's party screener: parties
//! of documents (trades, payments, securities orders) are screened through
//! the candidate index; identifiers such as BICs are looked up in the
//! indexed entities.

use std::sync::Arc;

use chrono::NaiveDate;
use seisai_index::Index;
use seisai_model::Entity;

/// The matching engine as the measures engine's [`seisai_measures::PartyScreener`]:
/// parties are screened through the index, identifiers (BICs) are looked
/// up in the indexed entities.
pub struct IndexScreener {
    index: Arc<Index>,
    /// Scores below this are not reported to the measures engine.
    pub min_score: f32,
}

impl IndexScreener {
    /// Wraps an index.
    pub fn new(index: Arc<Index>) -> Self {
        IndexScreener { index, min_score: 0.7 }
    }

    fn hit(e: &Entity, score: f32, matched_name: &str) -> seisai_measures::ListHit {
        use seisai_model::props;
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
        use seisai_model::{Schema, props};
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
        let wanted = seisai_matching::features::identifier_key(kind, value);
        let prefix_only = kind == seisai_model::props::SWIFT_BIC && wanted.len() >= 8;
        self.index
            .entities()
            .iter()
            .filter(|e| as_of.is_none_or(|d| e.in_force_on(d)))
            .filter(|e| {
                e.get(kind).iter().any(|v| {
                    let key = seisai_matching::features::identifier_key(kind, v);
                    if prefix_only { key.len() >= 8 && key[..8] == wanted[..8] } else { key == wanted }
                })
            })
            .map(|e| Self::hit(e, 1.0, value))
            .collect()
    }
}
