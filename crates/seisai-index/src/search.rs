//! Looking up and scoring candidates for a query.

use std::sync::Arc;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use seisai_matching::score::{Config, MatchResult, Prepared, Ranked, rank_above, score_ranked};
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
            candidates: 60,
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

/// The cost in the lookup weight of a listed part no query token found.
const EXTRA_PART_COST: f32 = 0.03;

/// The most weight a listed form can gather for a query form: per token,
/// its best key (a token none of whose keys is indexed counts as the
/// rarest possible key: nobody has it). Dividing by it makes the weights
/// of different query forms (romanisations, with and without particles)
/// comparable: the share of the query form a listed form covers.
fn attainable_weight(tokens: usize, hits: &[KeyHit], rarest: f32) -> f32 {
    let mut best = [0f32; 32];
    for hit in hits {
        let w = hit.per_token();
        for (t, b) in best.iter_mut().enumerate() {
            if hit.tokens >> t & 1 == 1 {
                *b = b.max(w);
            }
        }
    }
    let total: f32 = best.iter().take(tokens.min(32)).map(|&b| if b > 0.0 { b } else { rarest }).sum();
    total.max(f32::MIN_POSITIVE)
}

/// One key of a query form found in the index.
struct KeyHit<'a> {
    /// Its postings.
    list: &'a [u32],
    /// The query tokens it belongs to (see `seisai_matching::keys::token_bit`).
    tokens: u32,
    /// Its rarity (inverse document frequency).
    weight: f32,
}

impl KeyHit<'_> {
    /// Its weight per query token it covers.
    fn per_token(&self) -> f32 {
        self.weight / self.tokens.count_ones() as f32
    }
}

/// The lookup weight a listed form has gathered for one query form.
#[derive(Default)]
struct Found {
    /// The summed weights.
    weight: f32,
    /// The query tokens already credited (see `seisai_matching::keys::token_bit`).
    tokens: u32,
}

impl Found {
    /// Credits the query `tokens` of a shared key of weight `w`, each
    /// token once (keys come rarest first, so a token earns its best key).
    fn credit(&mut self, tokens: u32, w: f32) {
        let new = tokens & !self.tokens;
        if new != 0 {
            self.weight += w * new.count_ones() as f32 / tokens.count_ones() as f32;
            self.tokens |= new;
        }
    }
}

/// Credits a common key to the postings of `found` that are in `list`
/// (sorted): by lookups in `found` or searches in `list`, whichever is
/// fewer steps.
fn add_to_found(found: &mut FxHashMap<u32, Found>, list: &[u32], tokens: u32, weight: f32) {
    let searches = found.len() * (usize::BITS - list.len().leading_zeros()) as usize;
    if searches < list.len() {
        for (p, f) in found.iter_mut() {
            if list.binary_search(p).is_ok() {
                f.credit(tokens, weight);
            }
        }
    } else {
        for p in list {
            if let Some(f) = found.get_mut(p) {
                f.credit(tokens, weight);
            }
        }
    }
}

/// The `limit` best scores seen so far in a search, lowest first.
struct BestScores {
    limit: usize,
    scores: Vec<f32>,
}

impl BestScores {
    fn new(limit: usize) -> Self {
        BestScores { limit, scores: Vec::with_capacity(limit.min(64) + 1) }
    }

    fn add(&mut self, s: f32) {
        if self.limit == 0 {
            return;
        }
        let at = self.scores.partition_point(|&x| x < s);
        self.scores.insert(at, s);
        if self.scores.len() > self.limit {
            self.scores.remove(0);
        }
    }

    /// Once `limit` scores are in: the highest score a candidate can have
    /// and still be left out of the results. A candidate equal to the
    /// lowest of them may still enter (ties go by entity id), so the floor
    /// is just below it.
    fn floor(&self) -> Option<f32> {
        (self.limit > 0 && self.scores.len() >= self.limit).then(|| self.scores[0].next_down())
    }
}

impl Index {
    /// Prepares a query entity with the index's name context.
    pub fn prepare(&self, query: &Entity) -> Prepared {
        Prepared::from_entity(query, &self.ctx).with_matchers()
    }

    /// The candidate entities for a query with their lookup weights, best
    /// first, at most `limit`. The weight of an entity is that of its best
    /// pair of forms (query form, listed form): the summed rarity of the
    /// keys the two share. Summing over whole entities instead would rank
    /// first the entities with the most aliases, not the closest names.
    pub fn candidates(&self, query: &Prepared, limit: usize, opts: &SearchOptions) -> Vec<(u32, f32)> {
        // Dataset and id filters apply before the cut to `limit`, so that a
        // search restricted to one list finds its best entries.
        let filtered = !(opts.datasets.is_empty() && opts.exclude_datasets.is_empty() && opts.exclude_ids.is_empty() && opts.exclude_schemata.is_empty());
        let admitted = |e: u32| !filtered || opts.admits_static(&self.entities[e as usize]);
        let documents = self.forms.max(1) as f32;
        let idf = |list: &[u32]| (documents / list.len() as f32).ln_1p();
        let common = (self.entities.len() / 50).max(200);
        let packing = self.packing;
        let mut best: FxHashMap<u32, f32> = FxHashMap::default();
        let mut found: FxHashMap<u32, Found> = FxHashMap::default();
        let mut keys: Vec<(u64, u32)> = Vec::new();
        let mut rarest_common: Option<&[u32]> = None;
        for form in query.names.iter().flat_map(|n| n.forms.iter()) {
            keys.clear();
            seisai_matching::keys::form_keys(form, &mut keys);
            // Heaviest keys first (the rarest, per token they cover): a
            // query token then earns, per listed form, the weight of the
            // best key they share, once.
            let mut hits: Vec<KeyHit> = keys
                .iter()
                .filter_map(|(k, tokens)| self.postings.get(k).map(|list| KeyHit { list, tokens: *tokens, weight: idf(list) }))
                .collect();
            hits.sort_by(|a, b| b.per_token().total_cmp(&a.per_token()).then(a.list.len().cmp(&b.list.len())));
            found.clear();
            let (rare, common_hits): (Vec<&KeyHit>, Vec<&KeyHit>) = hits.iter().partition(|h| h.list.len() <= common);
            // Sized once for every posting the rare keys can add (growing
            // the map as they come rehashed it several times per form).
            found.reserve(rare.iter().map(|h| h.list.len()).sum());
            for hit in rare {
                for &p in hit.list {
                    if admitted(packing.entity(p)) {
                        found.entry(p).or_default().credit(hit.tokens, hit.weight);
                    }
                }
            }
            if found.is_empty() {
                if let Some(h) = common_hits.iter().min_by_key(|h| h.list.len()) {
                    rarest_common = rarest_common.filter(|r| r.len() <= h.list.len()).or(Some(h.list));
                }
                continue;
            }
            // Common keys only add to the forms rarer keys found.
            for hit in common_hits {
                add_to_found(&mut found, hit.list, hit.tokens, hit.weight);
            }
            let attainable = attainable_weight(form.tokens.len(), &hits, idf(&[0]));
            for (p, f) in found.drain() {
                let (entity, form) = (packing.entity(p), packing.form(p));
                // Listed parts no query token found cost a little: of two
                // forms covering the query alike, the shorter is closer.
                let extra = self.form_token_count(entity, form).saturating_sub(f.tokens.count_ones());
                let w = f.weight / attainable - EXTRA_PART_COST * extra as f32;
                let b = best.entry(entity).or_insert(f32::MIN);
                *b = b.max(w);
            }
        }
        if best.is_empty() {
            // Only common keys: the first entities of the rarest of them.
            if let Some(list) = rarest_common {
                let entities = list.iter().map(|&p| packing.entity(p)).filter(|&e| admitted(e));
                for e in entities.take(limit.max(1) * 4) {
                    best.insert(e, 1.0);
                }
            }
        }
        let mut out: Vec<(u32, f32)> = best.into_iter().collect();
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
        let mut scored: Vec<(f32, u32, Ranked)> = Vec::new();
        let mut best = BestScores::new(opts.limit);
        for (i, _) in self.candidates(query, opts.candidates, opts) {
            if !opts.admits(&self.entities[i as usize]) {
                continue;
            }
            // Candidates that cannot score above `min_score`, or cannot
            // reach the `limit` best scores found so far, are not compared.
            let floor = best.floor().map_or(opts.min_score, |f| f.max(opts.min_score));
            if let Some(r) = rank_above(query, &self.prepared[i as usize], floor) {
                if r.score > opts.min_score {
                    scored.push((r.score, i, r));
                    best.add(r.score);
                }
            }
        }
        let by_score = |a: &(f32, u32, Ranked), b: &(f32, u32, Ranked)| {
            b.0.total_cmp(&a.0).then_with(|| self.entities[a.1 as usize].id.cmp(&self.entities[b.1 as usize].id))
        };
        scored.sort_unstable_by(by_score);
        scored
            .into_iter()
            .take(opts.limit)
            .filter_map(|(_, i, ranked)| {
                let entity = &self.entities[i as usize];
                // Explained from the pair of forms the ranking found.
                score_ranked(query, &self.prepared[i as usize], &ranked, &opts.config).map(|result| Hit { entity: Arc::clone(entity), result })
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

    #[test]
    fn the_best_few_are_those_of_a_search_for_all() {
        let mut entities = Vec::new();
        for (i, (name, born)) in [
            ("Ivan Petrov", "1960-01-01"),
            ("Ivan Petrov", "1985-05-05"),
            ("Ivan Petrovich Sidorov", "1960-01-01"),
            ("Iwan Petrow", "1960"),
            ("Ivana Petrova", "1961"),
            ("Petr Ivanov", "1960-01-01"),
            ("Ivan Petrovsky", "1990"),
        ]
        .into_iter()
        .enumerate()
        {
            let mut e = Entity::new("test", &i.to_string(), Schema::Person);
            e.add(props::NAME, name);
            e.add(props::BIRTH_DATE, born);
            entities.push(Arc::new(e));
        }
        let index = Index::build(entities, NameContext::without_dictionaries());
        for (name, born) in [("Ivan Petrov", "1960-01-01"), ("Ivan Petrov", "1985"), ("Petrov", "1990-02-02"), ("Iwan Petrow", "")] {
            let mut q = Entity::new("q", "q", Schema::Person);
            q.add(props::NAME, name);
            if !born.is_empty() {
                q.add(props::BIRTH_DATE, born);
            }
            let p = index.prepare(&q);
            let all: Vec<(String, f32)> = index
                .search(&p, &SearchOptions { limit: 100, ..SearchOptions::default() })
                .into_iter()
                .map(|h| (h.entity.id.clone(), h.result.score))
                .collect();
            for limit in 1..4 {
                let few: Vec<(String, f32)> = index
                    .search(&p, &SearchOptions { limit, ..SearchOptions::default() })
                    .into_iter()
                    .map(|h| (h.entity.id.clone(), h.result.score))
                    .collect();
                assert_eq!(few, all[..limit.min(all.len())], "{name} {born}, limit {limit}");
            }
        }
    }

    #[test]
    fn ranks_the_closest_form_above_many_aliases_sharing_parts() {
        let index = Index::build(
            vec![
                entity("aliases", Schema::Person, &["Ivan Petrovsky", "Sergeyevich Petrov", "Ivan Sergeyevich"]),
                entity("close", Schema::Person, &["Ivan Sergeyevich Petrov"]),
                entity("longer", Schema::Person, &["Ivan Sergeyevich Petrov Alexandrovich Orlov"]),
            ],
            NameContext::without_dictionaries(),
        );
        let mut e = Entity::new("q", "q", Schema::Person);
        e.add(props::NAME, "Ivan Sergeyevich Petrov");
        let ranked = index.candidates(&index.prepare(&e), 3, &SearchOptions::default());
        let ids: Vec<&str> = ranked.iter().map(|(i, _)| index.entities()[*i as usize].id.as_str()).collect();
        assert_eq!(ids, ["test-close", "test-longer", "test-aliases"]);
    }
}
