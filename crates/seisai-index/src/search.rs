//! Looking up and scoring candidates for a query.

use std::sync::Arc;

use chrono::NaiveDate;
use seisai_matching::keys::{KeyKind, SLIP_KEY_WEIGHT};
use seisai_matching::prefetch::Depth;
use seisai_matching::score::{Config, MatchResult, Prepared, Ranked, rank_above, rank_above_with_shared_keys, score_bound, score_ranked};
use seisai_model::{Entity, Schema};

use crate::Index;
use crate::found::Lookup;

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
    /// The cutoff of `seisai match` and `/match` when none is asked for:
    /// below 0.5 a candidate's names and evidence no longer resemble the
    /// query's, so it is noise to a reviewer; between it and the default
    /// threshold (0.8) near misses stay visible, flagged `match: false`.
    pub const DEFAULT_CUTOFF: f32 = 0.5;

    /// The `min_score` for a requested `cutoff` (default
    /// [`Self::DEFAULT_CUTOFF`]) at match `threshold`: results scoring at
    /// or above the cutoff are kept, and so is every match, because the
    /// cutoff never exceeds the threshold (as yente's `min(cutoff,
    /// threshold)`).
    pub fn min_score_for(cutoff: Option<f32>, threshold: f32) -> f32 {
        let cutoff = cutoff.unwrap_or(Self::DEFAULT_CUTOFF).min(threshold);
        // `min_score` leaves out scores equal to it.
        if cutoff > 0.0 { cutoff.next_down() } else { 0.0 }
    }

    /// The filters that do not depend on a date.
    fn admits_static(&self, e: &Entity) -> bool {
        (self.datasets.is_empty() || e.datasets.iter().any(|d| self.datasets.contains(d)))
            && !e.datasets.iter().any(|d| self.exclude_datasets.contains(d))
            && !self.exclude_schemata.contains(&e.schema)
            && !self.exclude_ids.contains(&e.id)
    }

    /// Whether any filter that does not depend on a date is set.
    fn filters_statically(&self) -> bool {
        !(self.datasets.is_empty() && self.exclude_datasets.is_empty() && self.exclude_ids.is_empty() && self.exclude_schemata.is_empty())
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
    /// The key.
    key: u64,
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

/// The candidates of a query (see [`Index::candidates`]) with, per form
/// of each, the query forms it shares a lookup key with.
struct Candidates {
    /// Candidate entities with their lookup weights, best first.
    list: Vec<(u32, f32)>,
    /// The shared-key sets of the candidates' forms, one after another.
    shares: Vec<u64>,
    /// Per candidate, where its sets are in `shares` (`None`: unknown);
    /// empty when the sets were not asked for.
    at: Vec<Option<(usize, usize)>>,
}

impl Candidates {
    /// The shared-key sets of the forms of the `n`th candidate, if known.
    fn shares_of(&self, n: usize) -> Option<&[u64]> {
        self.at.get(n).copied().flatten().and_then(|(a, b)| self.shares.get(a..b))
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
        self.look_up(query, limit, opts, false).list
    }

    /// [`Index::candidates`], and with `shares` (when the query has a key
    /// map, see `Prepared::query_keys`) the query forms each form of each
    /// candidate shares a key with: learnt from the postings, it spares
    /// the ranking a lookup of every key of every candidate form.
    fn look_up(&self, query: &Prepared, limit: usize, opts: &SearchOptions, shares: bool) -> Candidates {
        // Dataset and id filters apply before the cut to `limit`, so that a
        // search restricted to one list finds its best entries.
        let filtered = opts.filters_statically();
        let admitted = |e: u32| !filtered || opts.admits_static(&self.entities[e as usize]);
        let documents = self.forms.max(1) as f32;
        let idf = |list: &[u32]| (documents / list.len() as f32).ln_1p();
        let common = (self.entities.len() / 50).max(200);
        let packing = self.packing;
        let shares = shares && query.query_keys.is_some();
        // The keys not walked in full for some query forms (common ones,
        // and keys of a form not among its lookup keys): the query forms
        // sharing them are found per candidate, by a search in their postings.
        let mut unwalked: Vec<(u64, &[u32], u64)> = Vec::new();
        let mut keys: Vec<(u64, u32)> = Vec::new();
        let mut slips: Vec<(u64, u32)> = Vec::new();
        let mut rarest_common: Option<&[u32]> = None;
        let mut hits: Vec<KeyHit> = Vec::new();
        Lookup::with(self.entities.len(), |found| {
            for (qi, form) in query.names.iter().flat_map(|n| n.forms.iter()).enumerate() {
                keys.clear();
                seisai_matching::keys::form_keys(form, &mut keys);
                // The slip keys of the words the index does not have (a
                // word it has is rarely a slip of another).
                slips.clear();
                for (i, t) in form.tokens.iter().enumerate().filter(|(_, t)| seisai_matching::keys::has_slip_keys(t)) {
                    if !self.postings.contains_key(&seisai_matching::keys::key(KeyKind::Word, &t.text)) {
                        seisai_matching::keys::query_slip_keys(t, seisai_matching::keys::token_bit(i), &mut slips);
                    }
                }
                // Heaviest keys first (the rarest, per token they cover): a
                // query token then earns, per listed form, the weight of the
                // best key they share, once. (Slip keys are a kind of their
                // own: none is also one of the form's keys.)
                hits.clear();
                let strong = keys.iter().map(|&(k, tokens)| (k, tokens, 1.0));
                let weak = slips.iter().map(|&(k, tokens)| (k, tokens, SLIP_KEY_WEIGHT));
                hits.extend(strong.chain(weak).filter_map(|(k, tokens, strength)| {
                    self.postings.get(&k).map(|list| KeyHit { key: k, list, tokens, weight: idf(list) * strength })
                }));
                hits.sort_by(|a, b| b.per_token().total_cmp(&a.per_token()).then(a.list.len().cmp(&b.list.len())));
                found.start_query_form(qi);
                let rare = hits.iter().filter(|h| h.list.len() <= common);
                let common_hits = || hits.iter().filter(|h| h.list.len() > common);
                if shares {
                    let bit = 1u64 << qi.min(63);
                    let extra = form.keys.iter().filter(|k| !keys.iter().any(|(x, _)| x == *k));
                    let extra = extra.filter_map(|&k| self.postings.get(&k).map(|list| (k, list)));
                    for (k, list) in common_hits().map(|h| (h.key, h.list)).chain(extra) {
                        match unwalked.iter_mut().find(|u| u.0 == k) {
                            Some(u) => u.2 |= bit,
                            None => unwalked.push((k, list, bit)),
                        }
                    }
                }
                for hit in rare.clone() {
                    Lookup::prefetch_list(hit.list);
                }
                for hit in rare {
                    found.credit_list(hit.list, hit.tokens, hit.weight, packing, admitted, &self.form_parts);
                }
                if found.nothing_found() {
                    if let Some(h) = common_hits().min_by_key(|h| h.list.len()) {
                        rarest_common = rarest_common.filter(|r| r.len() <= h.list.len()).or(Some(h.list));
                    }
                    continue;
                }
                // Common keys only add to the forms rarer keys found.
                for hit in common_hits() {
                    found.credit_found(hit.list, hit.tokens, hit.weight, packing);
                }
                let attainable = attainable_weight(form.tokens.len(), &hits, idf(&[0]));
                found.end_query_form(|f, parts| {
                    // Listed parts no query token found cost a little: of two
                    // forms covering the query alike, the shorter is closer.
                    let extra = parts.saturating_sub(f.tokens.count_ones());
                    f.weight / attainable - EXTRA_PART_COST * extra as f32
                });
            }
            let mut out: Vec<(u32, f32)> = found.best().collect();
            if out.is_empty() {
                // Only common keys: the first entities of the rarest of them.
                if let Some(list) = rarest_common {
                    let entities = list.iter().map(|&p| packing.entity(p)).filter(|&e| admitted(e));
                    for e in entities.take(limit.max(1) * 4) {
                        if !out.iter().any(|o| o.0 == e) {
                            out.push((e, 1.0));
                        }
                    }
                }
            }
            let by_weight = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
            if out.len() > limit {
                out.select_nth_unstable_by(limit, by_weight);
                out.truncate(limit);
            }
            out.sort_unstable_by(by_weight);
            let mut candidates = Candidates { list: out, shares: Vec::new(), at: Vec::new() };
            if shares {
                for &(e, _) in &candidates.list {
                    let at = self.shared_keys(e, found, &unwalked, &mut candidates.shares);
                    candidates.at.push(at);
                }
            }
            candidates
        })
    }

    /// Appends to `out` the query forms each form of entity `e` shares a
    /// key with (those the lookup walked in full, then those of the
    /// `unwalked` keys), and returns where they are; `None` when the
    /// postings do not tell the entity's forms apart.
    fn shared_keys(&self, e: u32, found: &Lookup, unwalked: &[(u64, &[u32], u64)], out: &mut Vec<u64>) -> Option<(usize, usize)> {
        let forms = self.form_parts.forms(e);
        if !self.packing.tells_forms_apart(forms) {
            return None;
        }
        let start = out.len();
        if let Some(shares) = found.shares(e) {
            out.extend(shares);
        }
        out.resize(start + forms, 0);
        let packing = self.packing;
        for &(_, list, bits) in unwalked {
            let from = list.partition_point(|&p| packing.entity(p) < e);
            for &p in list[from..].iter().take_while(|&&p| packing.entity(p) == e) {
                if let Some(m) = out.get_mut(start + packing.form(p) as usize) {
                    *m |= bits;
                }
            }
        }
        Some((start, start + forms))
    }

    /// The positions in `list` of the candidates that are listed on the
    /// day asked for and, with a minimum score above 0, may score above it
    /// whatever their names ([`score_bound`]: their schema can match the
    /// query's, and their other features leave room), in order. The
    /// ranking would leave out the others (its floor is never below
    /// `min_score`); leaving them out first spares it the fetching of
    /// their names from memory. (With no minimum, few candidates are left
    /// out so, and the ranking would weigh the features again.)
    fn open_candidates(&self, query: &Prepared, list: &[(u32, f32)], opts: &SearchOptions) -> Vec<usize> {
        if opts.min_score <= 0.0 {
            return (0..list.len()).filter(|&n| list.get(n).is_some_and(|&(i, _)| self.listed_on(i, opts.as_of))).collect();
        }
        let mut open = Vec::with_capacity(list.len());
        for (n, &(i, _)) in list.iter().enumerate() {
            // The records of the next two candidates (see `seisai_matching::prefetch`).
            for (ahead, depth) in [(1, Depth::Names), (2, Depth::Entity)] {
                if let Some(&(next, _)) = list.get(n + ahead) {
                    self.prepared[next as usize].prefetch(depth, None);
                }
            }
            if self.listed_on(i, opts.as_of) && score_bound(query, &self.prepared[i as usize]).is_some_and(|b| b > opts.min_score) {
                open.push(n);
            }
        }
        open
    }

    /// Finds and scores the best matches for a prepared query. Every
    /// candidate is scored without its explanation; only the `limit`
    /// returned are explained.
    pub fn search(&self, query: &Prepared, opts: &SearchOptions) -> Vec<Hit> {
        let mut scored: Vec<(f32, u32, Ranked)> = Vec::new();
        let mut best = BestScores::new(opts.limit);
        // The candidates pass the filters other than the date.
        let candidates = self.look_up(query, opts.candidates, opts, true);
        let open = self.open_candidates(query, &candidates.list, opts);
        for (k, &n) in open.iter().enumerate() {
            // The memory of the next few candidates, one level of pointers
            // each (see `seisai_matching::prefetch`).
            for (ahead, depth) in Depth::AHEAD {
                if let Some(&next) = open.get(k + ahead) {
                    if let Some(&(e, _)) = candidates.list.get(next) {
                        self.prepared[e as usize].prefetch(depth, candidates.shares_of(next));
                    }
                }
            }
            let Some(&(i, _)) = candidates.list.get(n) else { continue };
            // Candidates that cannot score above `min_score`, or cannot
            // reach the `limit` best scores found so far, are not compared.
            let floor = best.floor().map_or(opts.min_score, |f| f.max(opts.min_score));
            let shares = candidates.shares_of(n);
            let candidate = &self.prepared[i as usize];
            let ranked = match shares {
                Some(shares) => rank_above_with_shared_keys(query, candidate, floor, shares),
                None => rank_above(query, candidate, floor),
            };
            if let Some(r) = ranked {
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
    use seisai_matching::score::Config;
    use seisai_model::props;

    fn entity(id: &str, schema: Schema, names: &[&str]) -> Arc<Entity> {
        let mut e = Entity::new("test", id, schema);
        for n in names {
            e.add(props::NAME, n);
        }
        Arc::new(e)
    }

    /// The hits of a search for `query`.
    fn hits_for(index: &Index, query: &str, schema: Schema) -> Vec<Hit> {
        let mut e = Entity::new("q", "q", schema);
        e.add(props::NAME, query);
        index.search(&index.prepare(&e), &SearchOptions::default())
    }

    /// Asserts that a search for `query` finds `expected` first, as a match.
    fn assert_top_match(index: &Index, query: &str, schema: Schema, expected: &str) {
        let hits = hits_for(index, query, schema);
        let top = hits.first().map(|h| (h.entity.id.as_str(), h.result.is_match));
        assert_eq!(top, Some((expected, true)), "{query}: {:?}", hits.iter().map(|h| (&h.entity.id, h.result.score)).collect::<Vec<_>>());
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
        let q = |name: &str, schema: Schema| hits_for(&index, name, schema).first().filter(|h| h.result.is_match).map(|h| h.entity.id.clone());
        assert_eq!(q("Putin Vladimir", Schema::Person).as_deref(), Some("test-1"));
        assert_eq!(q("Vladimir Poutine", Schema::Person).as_deref(), Some("test-1"));
        assert_eq!(q("PolPot", Schema::Person).as_deref(), Some("test-2"));
        assert_eq!(q("Trading LLC", Schema::Company), None);
    }

    #[test]
    fn finds_a_name_misspelt_in_its_first_letters() {
        let index = Index::build(
            vec![
                entity("wargos", Schema::Company, &["Wargos Industry Limited"]),
                entity("iteranet", Schema::Company, &["OOO Iteranet"]),
                entity("other", Schema::Company, &["Warner Industry Limited", "Itera Networks"]),
            ],
            NameContext::without_dictionaries(),
        );
        for (query, expected) in [("Wafgos Industry Limited", "test-wargos"), ("OOO Iteanet", "test-iteranet")] {
            assert_top_match(&index, query, Schema::Company, expected);
        }
    }

    #[test]
    fn finds_a_slavic_name_spelt_by_another_romanisation_system() {
        let listed = ["Mikhail Khodorkovsky", "Taras Shevchenko", "Yevgeniy Prigozhin", "Viktor Yushchenko", "Sergey Shoigu", "Viktor Chernov"];
        let index = Index::build(
            listed.iter().enumerate().map(|(i, n)| entity(&i.to_string(), Schema::Person, &[n])).collect(),
            NameContext::without_dictionaries(),
        );
        // German and French spellings; the lists write English ones.
        for (query, expected) in [
            ("Michail Chodorkowski", "test-0"),
            ("Taras Chevtchenko", "test-1"),
            ("Jewgeni Prigoschin", "test-2"),
            ("Wiktor Juschtschenko", "test-3"),
            ("Sergej Schoigu", "test-4"),
        ] {
            assert_top_match(&index, query, Schema::Person, expected);
        }
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
    fn a_cutoff_leaves_out_low_scores_but_never_a_match() {
        let names = ["Ivan Petrov", "Iwan Petrow", "Ivana Petrova", "Ivan Petrovsky", "Petr Ivanov", "Ivo Petrich", "Anna Pavlova"];
        let index = Index::build(
            names.iter().enumerate().map(|(i, n)| entity(&i.to_string(), Schema::Person, &[n])).collect(),
            NameContext::without_dictionaries(),
        );
        let mut q = Entity::new("q", "q", Schema::Person);
        q.add(props::NAME, "Ivan Petrov");
        let p = index.prepare(&q);
        let scores = |min_score: f32, threshold: f32| -> Vec<(String, f32, bool)> {
            let opts = SearchOptions { limit: 100, min_score, config: Config { threshold }, ..SearchOptions::default() };
            index.search(&p, &opts).into_iter().map(|h| (h.entity.id.clone(), h.result.score, h.result.is_match)).collect()
        };
        for threshold in [0.3, 0.5, 0.8, 0.95] {
            let all = scores(0.0, threshold);
            assert!(all.len() >= 4, "{all:?}");
            for cutoff in [None, Some(0.0), Some(0.6), Some(0.9), Some(1.0)] {
                let kept = scores(SearchOptions::min_score_for(cutoff, threshold), threshold);
                let at_least = cutoff.unwrap_or(SearchOptions::DEFAULT_CUTOFF).min(threshold);
                let expected: Vec<_> = all.iter().filter(|r| r.1 >= at_least || r.2).cloned().collect();
                assert_eq!(kept, expected, "threshold {threshold}, cutoff {cutoff:?}");
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

    #[test]
    fn the_lookup_knows_which_query_forms_each_candidate_form_shares_a_key_with() {
        let mut entities = vec![
            // The alias shares with the query only the key of its initials.
            entity("acme", Schema::Company, &["Alpha Widgets", "ABGD"]),
            entity("putin", Schema::Person, &["Vladimir Vladimirovich PUTIN", "Путин Владимир Владимирович"]),
        ];
        // A word common enough to be looked up only for the forms rarer keys found.
        entities.extend((0..260).map(|i| entity(&format!("t{i}"), Schema::Company, &[&format!("Trading House {i}"), "Trading"])));
        let index = Index::build(entities, NameContext::without_dictionaries());
        let mut alias_found = false;
        for (name, schema) in [
            ("Alpha Beta Gamma Delta", Schema::Company),
            ("Trading House 7", Schema::Company),
            ("Trading", Schema::Company),
            ("Putin Vladimir", Schema::Person),
            ("Путин", Schema::Person),
        ] {
            let mut e = Entity::new("q", "q", schema);
            e.add(props::NAME, name);
            let query = index.prepare(&e);
            let found = index.look_up(&query, 60, &SearchOptions::default(), true);
            assert!(!found.list.is_empty(), "{name}");
            assert_eq!(found.at.len(), found.list.len(), "{name}");
            for (&(i, _), at) in found.list.iter().zip(&found.at) {
                let shares = at.map(|(a, b)| found.shares[a..b].to_vec());
                let candidate = &index.prepared[i as usize];
                assert_eq!(shares, seisai_matching::score::shared_key_sets(&query, candidate), "{name}: {}", index.entities[i as usize].id);
                alias_found |= index.entities[i as usize].id == "test-acme" && shares.is_some_and(|s| s.iter().all(|&m| m != 0));
            }
        }
        assert!(alias_found, "the alias sharing only its initials with the query");
    }
}
