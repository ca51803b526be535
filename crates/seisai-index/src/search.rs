//! Looking up and scoring candidates for a query.

use std::sync::Arc;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use seisai_matching::score::{Config, MatchResult, Prepared, score, score_value};
use seisai_model::{Entity, Schema};

use crate::Index;

/// Options of one search.
#[derive(Clone, Debug)]
pub struct SearchOptions {
    /// Number of results to return, best first.
    pub limit: usize,
    /// Maximum number of candidates scored in full.
    pub candidates: usize,
    /// Scoring configuration (threshold).
    pub config: Config,
    /// Only entities of these datasets (empty: all).
    pub datasets: Vec<String>,
    /// Never entities of these datasets.
    pub exclude_datasets: Vec<String>,
    /// Never entities of these schemata.
    pub exclude_schemata: Vec<Schema>,
    /// Never these entity ids.
    pub exclude_ids: Vec<String>,
    /// Only entities listed on this day (listing/delisting dates).
    pub as_of: Option<NaiveDate>,
    /// Drop results scoring below this (0 keeps every scored candidate).
    pub min_score: f32,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 5,
            candidates: 100,
            config: Config::default(),
            datasets: Vec::new(),
            exclude_datasets: Vec::new(),
            exclude_schemata: Vec::new(),
            exclude_ids: Vec::new(),
            as_of: None,
            min_score: 0.0,
        }
    }
}

/// One scored result.
#[derive(Clone, Debug)]
pub struct Hit {
    /// The listed entity.
    pub entity: Arc<Entity>,
    /// Its score and explanation.
    pub result: MatchResult,
}

impl SearchOptions {
    /// The filters that do not depend on a date.
    fn admits_static(&self, e: &Entity) -> bool {
        (self.datasets.is_empty() || e.datasets.iter().any(|d| self.datasets.contains(d)))
            && !e.datasets.iter().any(|d| self.exclude_datasets.contains(d))
            && !self.exclude_schemata.contains(&e.schema)
            && !self.exclude_ids.contains(&e.id)
    }

    fn admits(&self, e: &Entity) -> bool {
        self.admits_static(e) && self.as_of.is_none_or(|day| e.in_force_on(day))
    }
}

impl Index {
    /// Prepares a query entity with the index's name context.
    pub fn prepare(&self, query: &Entity) -> Prepared {
        Prepared::from_entity(query, &self.ctx).with_matchers()
    }

    /// The candidate entities for a query with their lookup weights, best
    /// first, at most `limit`.
    pub fn candidates(&self, query: &Prepared, limit: usize, opts: &SearchOptions) -> Vec<(u32, f32)> {
        // Dataset and id filters apply before the cut to `limit`, so that a
        // search restricted to one list finds its best entries.
        let filtered = !(opts.datasets.is_empty() && opts.exclude_datasets.is_empty() && opts.exclude_ids.is_empty() && opts.exclude_schemata.is_empty());
        let admitted = |e: u32| !filtered || opts.admits_static(&self.entities[e as usize]);
        let n = self.entities.len().max(1) as f32;
        let common = (self.entities.len() / 50).max(200);
        let keys = crate::keys::entity_keys(query);
        let mut acc: FxHashMap<u32, f32> = FxHashMap::default();
        let mut skipped: Vec<&Vec<u32>> = Vec::new();
        for k in &keys {
            let Some(list) = self.postings.get(k) else { continue };
            if list.len() > common {
                skipped.push(list);
                continue;
            }
            let idf = (n / list.len() as f32).ln_1p();
            for &e in list {
                if admitted(e) {
                    *acc.entry(e).or_insert(0.0) += idf;
                }
            }
        }
        if acc.is_empty() {
            // Only common keys: use the rarest of them.
            if let Some(list) = skipped.iter().min_by_key(|l| l.len()) {
                for &e in list.iter().filter(|e| admitted(**e)).take(limit.max(1) * 4) {
                    acc.insert(e, 1.0);
                }
            }
        } else {
            // Common keys still add to entities already found.
            for list in skipped {
                let idf = (n / list.len() as f32).ln_1p();
                for &e in list {
                    if let Some(v) = acc.get_mut(&e) {
                        *v += idf;
                    }
                }
            }
        }
        let mut out: Vec<(u32, f32)> = acc.into_iter().collect();
        let by_weight = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if out.len() > limit {
            out.select_nth_unstable_by(limit, by_weight);
            out.truncate(limit);
        }
        out.sort_unstable_by(by_weight);
        out
    }

    /// Finds and scores the best matches for a prepared query. Every
    /// candidate is scored without its explanation; only the `limit`
    /// returned are explained.
    pub fn search(&self, query: &Prepared, opts: &SearchOptions) -> Vec<Hit> {
        let mut scored: Vec<(f32, u32)> = Vec::new();
        for (i, _) in self.candidates(query, opts.candidates, opts) {
            if !opts.admits(&self.entities[i as usize]) {
                continue;
            }
            if let Some(s) = score_value(query, &self.prepared[i as usize]) {
                if s > opts.min_score {
                    scored.push((s, i));
                }
            }
        }
        let by_score = |a: &(f32, u32), b: &(f32, u32)| {
            b.0.total_cmp(&a.0).then_with(|| self.entities[a.1 as usize].id.cmp(&self.entities[b.1 as usize].id))
        };
        scored.sort_unstable_by(by_score);
        scored
            .into_iter()
            .take(opts.limit)
            .filter_map(|(_, i)| {
                let entity = &self.entities[i as usize];
                score(query, &self.prepared[i as usize], &opts.config).map(|result| Hit { entity: Arc::clone(entity), result })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use seisai_matching::NameContext;
    use seisai_model::props;

    fn entity(id: &str, schema: Schema, names: &[&str]) -> Arc<Entity> {
        let mut e = Entity::new("test", id, schema);
        for n in names {
            e.add(props::NAME, n);
        }
        Arc::new(e)
    }

    #[test]
    fn finds_by_typo_order_and_join() {
        let index = Index::build(
            vec![
                entity("1", Schema::Person, &["Vladimir Vladimirovich PUTIN"]),
                entity("2", Schema::Person, &["Pol Pot"]),
                entity("3", Schema::Company, &["Acme Trading LLC"]),
            ],
            NameContext::without_dictionaries(),
        );
        let q = |name: &str, schema: Schema| {
            let mut e = Entity::new("q", "q", schema);
            e.add(props::NAME, name);
            let hits = index.search(&index.prepare(&e), &SearchOptions::default());
            hits.first().filter(|h| h.result.is_match).map(|h| h.entity.id.clone())
        };
        assert_eq!(q("Putin Vladimir", Schema::Person).as_deref(), Some("test-1"));
        assert_eq!(q("Vladimir Poutine", Schema::Person).as_deref(), Some("test-1"));
        assert_eq!(q("PolPot", Schema::Person).as_deref(), Some("test-2"));
        assert_eq!(q("Trading LLC", Schema::Company), None);
    }
}
