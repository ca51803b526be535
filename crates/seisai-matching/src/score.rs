//! Entity scoring: the best name comparison plus secondary evidence, with
//! an explanation of every contribution.

use std::collections::BTreeMap;

use seisai_model::{Entity, Schema, props};
use serde::Serialize;

use crate::bound::{compare_bound, compare_bound_if_lifts};
use crate::compare::{CompareParams, NameMatch, compare_forms, compare_score};
use crate::features::{self, BirthDate, Countries, FeatureOutcome, Gender};
use crate::prepare::{NameContext, NameForm, prepare};
use seisai_names::script::NameScript;

/// Scoring settings.
#[derive(Clone, Debug, Serialize)]
pub struct Config {
    /// Score at or above which a result is a match.
    pub threshold: f32,
}

impl Config {
    /// The engine's recommended threshold (chosen on the development
    /// evaluation sets; see BENCHMARKS.md).
    pub const DEFAULT_THRESHOLD: f32 = 0.80;
}

impl Default for Config {
    fn default() -> Self {
        Config { threshold: Self::DEFAULT_THRESHOLD }
    }
}

/// A prepared name of an entity: where it came from and its forms.
#[derive(Clone, Debug)]
pub struct PreparedName {
    /// The property it came from (`name`, `alias`, `weakAlias`, `previousName`).
    pub prop: &'static str,
    /// Its Latin forms.
    pub forms: Vec<NameForm>,
}

/// The comparable features of an entity (list entry or query), prepared once.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// Schema.
    pub schema: Schema,
    /// Names with their forms.
    pub names: Vec<PreparedName>,
    /// Birth dates.
    pub birth_dates: Vec<BirthDate>,
    /// Country codes (nationality, citizenship, country).
    pub countries: Countries,
    /// Gender, when known.
    pub gender: Option<Gender>,
    /// Identifiers as (property, value).
    pub identifiers: Vec<(String, String)>,
    /// For a query prepared for search (see [`Prepared::with_matchers`]):
    /// its lookup keys with the forms that have them. `None` for
    /// candidates, and for queries of more than 64 forms.
    pub query_keys: Option<Box<crate::keys::QueryKeys>>,
}

/// A query entity, prepared.
pub type Query = Prepared;
/// A candidate (list) entity, prepared.
pub type Candidate = Prepared;

impl Prepared {
    /// Prepares an entity's names and features.
    pub fn from_entity(entity: &Entity, ctx: &NameContext) -> Self {
        let mut names: Vec<PreparedName> = entity
            .names()
            .map(|(prop, name)| PreparedName { prop, forms: prepare(name, &entity.schema, ctx) })
            .filter(|n| !n.forms.is_empty())
            .collect();
        names.shrink_to_fit();
        Prepared { names, ..Self::without_names(entity) }
    }

    /// An entity's features other than its names (none prepared): what
    /// [`score_bound`] reads, at a fraction of the cost of preparing names.
    pub fn without_names(entity: &Entity) -> Self {
        let countries = [props::NATIONALITY, props::CITIZENSHIP, props::COUNTRY]
            .iter()
            .flat_map(|p| entity.get(p).iter())
            .map(|c| seisai_model::country::to_code(c).map(str::to_string).unwrap_or_else(|| c.to_lowercase()))
            .collect();
        let identifiers = props::IDENTIFIER_PROPS
            .iter()
            .flat_map(|p| entity.get(p).iter().map(move |v| (p.to_string(), v.clone())))
            .collect();
        Prepared {
            schema: entity.schema.clone(),
            names: Vec::new(),
            birth_dates: entity.dates(props::BIRTH_DATE).into_iter().map(BirthDate::from).collect(),
            countries: Countries::new(countries),
            gender: entity.first(props::GENDER).and_then(Gender::parse),
            identifiers,
            query_keys: None,
        }
    }
}

/// One feature's contribution, in the shape of yente's explanations.
#[derive(Clone, Debug, Serialize)]
pub struct FeatureScore {
    /// Contribution to the score.
    pub score: f32,
    /// What was found.
    pub detail: String,
    /// The query value.
    pub query: String,
    /// The candidate value.
    pub candidate: String,
}

impl From<FeatureOutcome> for FeatureScore {
    fn from(o: FeatureOutcome) -> Self {
        FeatureScore { score: o.delta, detail: o.detail, query: o.query, candidate: o.candidate }
    }
}

/// Why a candidate scored as it did.
#[derive(Clone, Debug, Serialize)]
pub struct Explanation {
    /// The query name that matched best, as given.
    pub query_name: String,
    /// The listed name it matched, as listed.
    pub candidate_name: String,
    /// The property of the listed name (`name`, `alias`, `weakAlias`…).
    pub candidate_property: String,
    /// The Latin forms compared.
    pub query_form: String,
    /// The Latin forms compared.
    pub candidate_form: String,
    /// The name comparison part by part.
    pub name: NameMatch,
    /// Secondary features and their contributions (`birth_date`,
    /// `country`, `gender`, `identifier`).
    pub features: BTreeMap<String, FeatureScore>,
}

/// The score of one candidate.
#[derive(Clone, Debug, Serialize)]
pub struct MatchResult {
    /// Score in \[0, 1\].
    pub score: f32,
    /// Whether the score reaches the threshold.
    pub is_match: bool,
    /// The explanation.
    pub explanation: Explanation,
    /// The evidence the score combines (to score again with other weights).
    pub evidence: Evidence,
}

/// How much a name of each property counts.
fn property_factor(prop: &str, form: &NameForm) -> f32 {
    match prop {
        props::WEAK_ALIAS if form.tokens.len() <= 1 => 0.8,
        props::WEAK_ALIAS => 0.92,
        props::PREVIOUS_NAME => 0.97,
        _ => 1.0,
    }
}

fn params_for(query: &Schema, candidate: &Schema) -> CompareParams {
    let acronyms = !matches!(query, Schema::Person) && !matches!(candidate, Schema::Person);
    match candidate {
        Schema::Person => CompareParams { unmatched_candidate_share: 0.2, unmatched_query_share: 0.2, numbers_are_series: false, acronyms },
        Schema::Vessel | Schema::Airplane => {
            CompareParams { unmatched_candidate_share: 0.6, unmatched_query_share: 0.7, numbers_are_series: false, acronyms }
        }
        _ => CompareParams { unmatched_candidate_share: 0.6, unmatched_query_share: 0.7, numbers_are_series: true, acronyms },
    }
}

/// The best pair of forms between a query and a candidate, without the explanation.
#[derive(Clone, Copy)]
struct BestPair<'a> {
    score: f32,
    query_form: &'a NameForm,
    candidate_name: &'a PreparedName,
    candidate_form: &'a NameForm,
    /// Where the two forms are (see [`FormPair`]).
    at: FormPair,
}

/// Where the best pair of forms of a query and a candidate is: the
/// number of the query form and of the candidate form, counting the forms
/// of all names in order. Found while ranking ([`rank_above`]), it spares
/// the explanation ([`score_ranked`]) a second search of every pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormPair {
    query_form: usize,
    candidate_form: usize,
}

/// The score of a candidate without its explanation, and where its best
/// pair of forms is (see [`rank_above`]).
#[derive(Clone, Copy, Debug)]
pub struct Ranked {
    /// The score, as [`score_value`] gives it.
    pub score: f32,
    /// The pair of forms that gave the name score.
    pub pair: FormPair,
}

fn best_pair<'a>(query: &'a Prepared, candidate: &'a Prepared) -> Option<BestPair<'a>> {
    with_form_masks(query, candidate, |masks| best_pair_with(query, candidate, masks, None))
}

thread_local! {
    /// The buffer of [`with_form_masks`], reused by every comparison on a thread.
    static FORM_MASKS: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// `f` of the masks of [`shared_key_masks`] (`None` when the query has no
/// key map), computed in a buffer of the thread.
fn with_form_masks<R>(query: &Prepared, candidate: &Prepared, f: impl FnOnce(Option<&[u64]>) -> R) -> R {
    crate::reuse::with_buffer(&FORM_MASKS, |masks| {
        let mapped = shared_key_masks(query, candidate, masks);
        f(mapped.then_some(masks.as_slice()))
    })
}

/// For each form of `candidate` (names in order), the set of query forms
/// it shares a lookup key with, or `None` when the query has no key map.
fn shared_key_masks(query: &Prepared, candidate: &Prepared, out: &mut Vec<u64>) -> bool {
    out.clear();
    let Some(keys) = &query.query_keys else { return false };
    out.extend(candidate.names.iter().flat_map(|n| n.forms.iter()).map(|cf| keys.forms_sharing(&cf.keys)));
    true
}

/// The pairs of forms of a query and a candidate that are compared: those
/// that share a lookup key (forms without one cannot score well; `masks`
/// from [`shared_key_masks`], else the keys are intersected) in scripts
/// that are compared ([`compared`]). With where each pair is.
fn compared_pairs<'a, 'm>(
    query: &'a Prepared,
    candidate: &'a Prepared,
    masks: Option<&'m [u64]>,
) -> impl Iterator<Item = (FormPair, &'a NameForm, &'a PreparedName, &'a NameForm)> + use<'a, 'm> {
    query.names.iter().flat_map(|n| n.forms.iter()).enumerate().flat_map(move |(qi, qf)| {
        let candidate_forms = candidate.names.iter().flat_map(|cn| cn.forms.iter().enumerate().map(move |(k, cf)| (cn, k, cf)));
        candidate_forms.enumerate().filter_map(move |(ci, (cn, k, cf))| {
            let shares_key = match masks {
                Some(masks) => masks.get(ci).is_some_and(|m| m >> qi & 1 == 1),
                None => crate::keys::intersects(&qf.keys, &cf.keys),
            };
            (shares_key && compared(qf, cf, k)).then_some((FormPair { query_form: qi, candidate_form: ci }, qf, cn, cf))
        })
    })
}

/// The best pair of forms [`compared_pairs`] gives: the first of the
/// highest score. With `lifts` (for a ranking that keeps only name scores
/// for which it holds; it grows with the score), a pair is compared only
/// when its bound ([`compare_bound`] times the property's factor, never
/// below its score) may beat the best pair so far and lifts: the pairs
/// left out could not have become the best, or the best could not have
/// lifted. Then the same pair when its score lifts, and `None` (or that
/// pair) when no pair's does.
fn best_pair_with<'a>(
    query: &'a Prepared,
    candidate: &'a Prepared,
    masks: Option<&[u64]>,
    lifts: Option<&dyn Fn(f32) -> bool>,
) -> Option<BestPair<'a>> {
    let params = params_for(&query.schema, &candidate.schema);
    let mut best: Option<BestPair<'a>> = None;
    // Whether a pair was left out as unable to lift.
    let mut left_out = false;
    for (at, qf, cn, cf) in compared_pairs(query, candidate, masks) {
        let factor = property_factor(cn.prop, cf);
        if let Some(lifts) = lifts {
            let bound = compare_bound(qf, cf, params) * factor;
            if best.as_ref().is_some_and(|b| bound <= b.score) {
                continue;
            }
            if !lifts(bound) {
                left_out = true;
                continue;
            }
        }
        let s = compare_score(qf, cf, params) * factor;
        if best.as_ref().is_none_or(|b| s > b.score) {
            best = Some(BestPair { score: s, query_form: qf, candidate_name: cn, candidate_form: cf, at });
            if s >= 1.0 {
                return best;
            }
        }
    }
    match (lifts, &best) {
        (Some(lifts), Some(b)) if left_out && !lifts(b.score) => None,
        _ => best,
    }
}

/// Whether a query form and the `k`th form of a candidate name are
/// compared. Same non-Latin script: natively (two Korean or Chinese names
/// that romanise alike stay apart); other pairs compare Latin forms.
/// Cyrillic names compare both ways: one name in Russian, Ukrainian and
/// Belarusian spelling differs in letters its romanisations share (Путин /
/// Пуцін, putin / putsin); against the candidate's first (usual)
/// romanisation only, which keeps the extra comparisons few.
fn compared(qf: &NameForm, cf: &NameForm, k: usize) -> bool {
    let same_script = qf.script == cf.script && qf.script != NameScript::Latin;
    let latin_too = same_script && qf.script == NameScript::Cyrillic && k == 0;
    !(qf.native != cf.native || (qf.native && !same_script) || (!qf.native && same_script && !latin_too))
}

/// Whether a pair of forms [`best_pair`] compares may give a name score
/// for which `lifts` holds: its bound ([`compare_bound`] times the
/// property's factor) does. `false` means no name of the two scores that
/// high.
fn name_may_lift(query: &Prepared, candidate: &Prepared, masks: Option<&[u64]>, lifts: impl Fn(f32) -> bool) -> bool {
    let params = params_for(&query.schema, &candidate.schema);
    let bound_lifts = |qf: &NameForm, cn: &PreparedName, cf: &NameForm| {
        let factor = property_factor(cn.prop, cf);
        lifts(compare_bound_if_lifts(qf, cf, params, &|bound| lifts(bound * factor)) * factor)
    };
    let Some(masks) = masks else {
        return compared_pairs(query, candidate, None).any(|(_, qf, cn, cf)| bound_lifts(qf, cn, cf));
    };
    // The pairs of `compared_pairs` in another order (any lifting pair
    // will do): each candidate form with the query forms its mask names,
    // rather than every candidate form for each query form.
    let candidate_forms = candidate.names.iter().flat_map(|cn| cn.forms.iter().enumerate().map(move |(k, cf)| (cn, k, cf)));
    candidate_forms.zip(masks).any(|((cn, k, cf), &mask)| {
        crate::bound::bits(mask).any(|qi| query_form(query, qi).is_some_and(|qf| compared(qf, cf, k) && bound_lifts(qf, cn, cf)))
    })
}

/// The `i`th form of `query`, counting the forms of all names in order.
fn query_form(query: &Prepared, i: usize) -> Option<&NameForm> {
    let mut left = i;
    for name in &query.names {
        match name.forms.get(left) {
            Some(form) => return Some(form),
            None => left -= name.forms.len(),
        }
    }
    None
}

/// The best name comparison between a query and a candidate: (score,
/// query form, candidate name, candidate form, match).
pub fn best_name<'a>(
    query: &'a Prepared,
    candidate: &'a Prepared,
) -> Option<(f32, &'a NameForm, &'a PreparedName, &'a NameForm, NameMatch)> {
    let params = params_for(&query.schema, &candidate.schema);
    best_pair(query, candidate).map(|b| (b.score, b.query_form, b.candidate_name, b.candidate_form, compare_forms(b.query_form, b.candidate_form, params)))
}

/// The forms at `at` (query form, candidate name, candidate form); `None`
/// when `at` does not name forms of these two.
fn forms_at<'a>(query: &'a Prepared, candidate: &'a Prepared, at: FormPair) -> Option<(&'a NameForm, &'a PreparedName, &'a NameForm)> {
    let query_form = query.names.iter().flat_map(|n| n.forms.iter()).nth(at.query_form)?;
    let (candidate_name, candidate_form) =
        candidate.names.iter().flat_map(|n| n.forms.iter().map(move |f| (n, f))).nth(at.candidate_form)?;
    Some((query_form, candidate_name, candidate_form))
}

/// The multipliers of one feature's rewards (positive contributions)
/// and penalties (negative ones).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Scale {
    /// Multiplier of positive contributions.
    pub reward: f32,
    /// Multiplier of negative contributions.
    pub penalty: f32,
}

impl Scale {
    /// No change.
    pub const ONE: Scale = Scale { reward: 1.0, penalty: 1.0 };

    /// The multiplier of `contribution`.
    pub fn of(self, contribution: f32) -> f32 {
        if contribution < 0.0 { self.penalty } else { self.reward }
    }
}

/// How much each feature counts (yente's `weights` of `/match`): a
/// multiplier of its contribution to the score. [`FeatureWeights::NONE`]
/// gives the engine's own score.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct FeatureWeights {
    /// The name score.
    pub name: Scale,
    /// An identifier: its reward is the lift an exact identifier gives over the name score.
    pub identifier: Scale,
    /// Birth dates.
    pub birth_date: Scale,
    /// Countries.
    pub country: Scale,
    /// Gender.
    pub gender: Scale,
}

impl FeatureWeights {
    /// Every feature as the engine weighs it.
    pub const NONE: FeatureWeights =
        FeatureWeights { name: Scale::ONE, identifier: Scale::ONE, birth_date: Scale::ONE, country: Scale::ONE, gender: Scale::ONE };

    /// Whether the weights change nothing.
    pub fn is_none(&self) -> bool {
        *self == Self::NONE
    }
}

/// The evidence behind a score: the name score and the adjustments of the
/// secondary features (`None`: the feature could not be compared).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Evidence {
    /// The best name comparison (with its property's factor).
    pub name: f32,
    /// Identifiers: positive for an exact match, negative for a contradiction.
    pub identifier: Option<f32>,
    /// Birth dates.
    pub birth_date: Option<f32>,
    /// Gender.
    pub gender: Option<f32>,
    /// Countries.
    pub country: Option<f32>,
}

impl Evidence {
    /// The score in \[0, 1\]: the name score, lifted by an exact
    /// identifier to at least `0.9 + 0.1 × name` (strong evidence whatever
    /// the spelling), plus the adjustments of birth date, gender and
    /// country. With `weights`, each feature's contribution is multiplied
    /// by its weight (the identifier's contribution being its lift over the
    /// name score); without, or with [`FeatureWeights::NONE`], the engine's
    /// own score.
    pub fn combine(&self, weights: Option<&FeatureWeights>) -> f32 {
        let w = weights.unwrap_or(&FeatureWeights::NONE);
        let name = w.name.of(self.name);
        let mut score = name * self.name;
        if let Some(delta) = self.identifier {
            if delta > 0.0 {
                let strong = 0.9 + 0.1 * self.name;
                score = if name == 1.0 && w.identifier.reward == 1.0 {
                    score.max(strong)
                } else {
                    score + w.identifier.reward * (strong - self.name).max(0.0)
                };
            } else {
                score += w.identifier.penalty * delta;
            }
        }
        for (delta, scale) in [(self.birth_date, w.birth_date), (self.gender, w.gender), (self.country, w.country)] {
            if let Some(delta) = delta {
                score += scale.of(delta) * delta;
            }
        }
        score.clamp(0.0, 1.0)
    }
}

fn involves_person(query: &Prepared, candidate: &Prepared) -> bool {
    matches!(candidate.schema, Schema::Person) || matches!(query.schema, Schema::Person)
}

/// The score of a candidate alone, without building its explanation (the
/// fast path for ranking candidates); equal to the score of [`score`].
pub fn score_value(query: &Prepared, candidate: &Prepared) -> Option<f32> {
    score_value_above(query, candidate, f32::NEG_INFINITY)
}

/// [`score_value`] for a search that keeps only scores above `floor`: the
/// same score when it is above `floor`, and `None` as well when the
/// candidate cannot score above it. The secondary evidence is weighed
/// first, and the name comparison (most of the cost) is skipped when even
/// a perfect name (score 1, the most a name comparison gives) would leave
/// the score at or below `floor` — e.g. a contradicting birth date below
/// the match threshold. The final score grows with the name score, so the
/// bound is exact.
pub fn score_value_above(query: &Prepared, candidate: &Prepared, floor: f32) -> Option<f32> {
    rank_above(query, candidate, floor).map(|r| r.score)
}

/// [`score_value_above`] with where the best pair of forms is, for
/// [`score_ranked`] to explain the candidate without searching for it again.
pub fn rank_above(query: &Prepared, candidate: &Prepared, floor: f32) -> Option<Ranked> {
    rank(query, candidate, floor, None)
}

/// [`rank_above`] for a caller that knows, per form of `candidate` (names
/// in order), the set of query forms sharing a lookup key with it (bit `i`
/// for query form `i`) — a candidate index learns it while looking the
/// query up. It must be what [`shared_key_sets`] gives, or the result
/// differs from [`rank_above`]'s.
pub fn rank_above_with_shared_keys(query: &Prepared, candidate: &Prepared, floor: f32, shared: &[u64]) -> Option<Ranked> {
    rank(query, candidate, floor, Some(shared))
}

/// Per form of `candidate` (names in order), the set of query forms it
/// shares a lookup key with (bit `i` for query form `i`); `None` when the
/// query has no key map ([`Prepared::with_matchers`]).
pub fn shared_key_sets(query: &Prepared, candidate: &Prepared) -> Option<Vec<u64>> {
    let mut sets = Vec::new();
    shared_key_masks(query, candidate, &mut sets).then_some(sets)
}

/// [`rank_above`] with the shared-key sets if known.
fn rank(query: &Prepared, candidate: &Prepared, floor: f32, shared: Option<&[u64]>) -> Option<Ranked> {
    if !query.schema.can_match(&candidate.schema) {
        return None;
    }
    // A perfect name first: the most the candidate can score.
    let mut evidence = perfect_name(query, candidate);
    if evidence.combine(None) <= floor {
        return None;
    }
    // Then the most its names can score (a bound, far cheaper than
    // comparing them): most candidates of a search share a part or two
    // with the query and stay far below a floor.
    let best_above = |masks: Option<&[u64]>| {
        let bounded = floor > f32::NEG_INFINITY;
        let lifts = |name| Evidence { name, ..evidence }.combine(None) > floor;
        if bounded && !name_may_lift(query, candidate, masks, lifts) {
            return None;
        }
        // The bounds asked for above are remembered: comparing only the
        // pairs whose bound may beat the best so far costs a fraction
        // of comparing every pair. (Without a floor, none was asked for.)
        best_pair_with(query, candidate, masks, bounded.then_some(&lifts))
    };
    let best = match shared {
        Some(masks) => best_above(Some(masks)),
        None => with_form_masks(query, candidate, best_above),
    }?;
    evidence.name = best.score;
    Some(Ranked { score: evidence.combine(None), pair: best.at })
}

/// The highest score `candidate` can reach against `query` whatever their
/// names (a name scores at most 1; the bound of [`score_value_above`]),
/// or `None` when the schemata cannot match. Names are not read: `query`
/// may come from [`Prepared::without_names`].
pub fn score_bound(query: &Prepared, candidate: &Prepared) -> Option<f32> {
    query.schema.can_match(&candidate.schema).then(|| perfect_name(query, candidate).combine(None))
}

/// The evidence between a query and a candidate with a perfect name (fast
/// path: the features' adjustments without their explanations).
fn perfect_name(query: &Prepared, candidate: &Prepared) -> Evidence {
    let is_person = involves_person(query, candidate);
    Evidence {
        name: 1.0,
        identifier: features::identifiers(&query.identifiers, &candidate.identifiers).map(|o| o.delta),
        birth_date: is_person.then(|| features::birth_dates_delta(&query.birth_dates, &candidate.birth_dates)).flatten(),
        gender: is_person.then(|| features::gender_delta(query.gender, candidate.gender)).flatten(),
        country: features::countries_delta(&query.countries, &candidate.countries),
    }
}

/// Scores a candidate against a query. Returns `None` when the schemata
/// cannot match or no name compares at all.
pub fn score(query: &Prepared, candidate: &Prepared, config: &Config) -> Option<MatchResult> {
    if !query.schema.can_match(&candidate.schema) {
        return None;
    }
    let best = best_pair(query, candidate)?;
    Some(explain(query, candidate, (best.query_form, best.candidate_name, best.candidate_form), config))
}

/// [`score`] of a candidate [`rank_above`] ranked, from the pair of forms
/// it found (the same result, without comparing every pair again).
pub fn score_ranked(query: &Prepared, candidate: &Prepared, ranked: &Ranked, config: &Config) -> Option<MatchResult> {
    if !query.schema.can_match(&candidate.schema) {
        return None;
    }
    match forms_at(query, candidate, ranked.pair) {
        Some(forms) => Some(explain(query, candidate, forms, config)),
        None => score(query, candidate, config),
    }
}

/// The result of a candidate whose best pair of forms is (query form,
/// candidate name, candidate form).
fn explain(query: &Prepared, candidate: &Prepared, (qf, cn, cf): (&NameForm, &PreparedName, &NameForm), config: &Config) -> MatchResult {
    let name_match = compare_forms(qf, cf, params_for(&query.schema, &candidate.schema));
    // The score `best_pair` found for these forms (the same computation).
    let name_score = name_match.score * property_factor(cn.prop, cf);
    let is_person = involves_person(query, candidate);
    let mut found: Vec<(&str, Option<FeatureOutcome>)> = vec![
        ("identifier", features::identifiers(&query.identifiers, &candidate.identifiers)),
        ("birth_date", is_person.then(|| features::birth_dates(&query.birth_dates, &candidate.birth_dates)).flatten()),
        ("gender", is_person.then(|| features::gender(query.gender, candidate.gender)).flatten()),
        ("country", features::countries(&query.countries, &candidate.countries)),
    ];
    let delta = |i: usize| found[i].1.as_ref().map(|o| o.delta);
    let evidence = Evidence { name: name_score, identifier: delta(0), birth_date: delta(1), gender: delta(2), country: delta(3) };
    let score = evidence.combine(None);
    let features: BTreeMap<String, FeatureScore> =
        found.drain(..).filter_map(|(name, o)| o.map(|o| (name.to_string(), o.into()))).collect();
    MatchResult {
        score,
        is_match: score >= config.threshold,
        explanation: Explanation {
            query_name: qf.original.to_string(),
            candidate_name: cf.original.to_string(),
            candidate_property: cn.prop.to_string(),
            query_form: qf.latin.to_string(),
            candidate_form: cf.latin.to_string(),
            name: name_match,
            features,
        },
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, dob: Option<&str>) -> Entity {
        let mut e = Entity::new("t", name, Schema::Person);
        e.add(props::NAME, name);
        if let Some(d) = dob {
            e.add(props::BIRTH_DATE, d);
        }
        e
    }

    #[test]
    fn contradicting_birth_date_ranks_below_missing_one() {
        let ctx = NameContext::without_dictionaries();
        let cfg = Config::default();
        let listed = Prepared::from_entity(&person("Ivan Petrov", Some("1960-01-01")), &ctx);
        let q_none = Prepared::from_entity(&person("Ivan Petrov", None), &ctx);
        let q_bad = Prepared::from_entity(&person("Ivan Petrov", Some("1985-05-05")), &ctx);
        let q_good = Prepared::from_entity(&person("Ivan Petrov", Some("1960-01-01")), &ctx);
        let s = |q: &Prepared| score(q, &listed, &cfg).map(|r| r.score).unwrap_or(0.0);
        assert!(s(&q_bad) < s(&q_none));
        assert!(s(&q_none) <= s(&q_good));
        assert!(s(&q_good) > 0.99);
    }

    #[test]
    fn a_query_in_a_syllabic_transcription_finds_the_latin_spelling_it_renders() {
        let ctx = NameContext::without_dictionaries();
        let cfg = Config::default();
        // (kana, Latin, whether the readings alone, compared as written, meet.)
        for (kana, latin, met_as_written) in [
            ("ヴァジム・バレリエビチ・クリク", "Vadim Valerievich KULIK", false),
            // The foreign readings of katakana write its final チ as ch.
            ("セルゲイ・ミハイロヴィチ・ミローノフ", "Sergey Mikhailovich MIRONOV", true),
            ("ブラディミル・ニコラーエビチ・テレンチエフ", "Vladimir Nikolaevich TERENTIEV", false),
            ("佩德罗·内尔·林孔·卡斯蒂洛", "Pedro Nel RINCON CASTILLO", false),
            // A Korean given name in one word, spelt in syllables in Latin
            // letters: read a syllable a word, it meets them as written.
            ("キム・ソンチョル", "KIM SONG CHOL", true),
            // Voiced in katakana, unvoiced in the list: only the Korean
            // sound rules of a query meet it.
            ("キム・ギョンイル", "KIM KYONG IL", false),
        ] {
            let query = Prepared::from_entity(&person(kana, None), &ctx).with_matchers();
            let listed = Prepared::from_entity(&person(latin, None), &ctx);
            let s = score(&query, &listed, &cfg).map(|r| r.score).unwrap_or(0.0);
            assert!(s >= cfg.threshold, "{kana} / {latin}: {s}");
            // The bound that lets a search skip a candidate knows the rule.
            assert!(rank_above(&query, &listed, s - 0.01).is_some(), "{kana} / {latin}: left out below {s}");
            // Read as written (not as a query), the same readings do not meet.
            let plain = Prepared::from_entity(&person(kana, None), &ctx);
            let as_written = score(&plain, &listed, &cfg).map_or(0.0, |r| r.score);
            assert_eq!(as_written >= cfg.threshold, met_as_written, "{kana} / {latin}: {as_written} as written");
            assert!(as_written <= s, "{kana} / {latin}");
        }
        // Different names in katakana stay apart.
        let query = Prepared::from_entity(&person("イワン・ペトロフ", None), &ctx).with_matchers();
        let other = Prepared::from_entity(&person("Ivan Pavlov", None), &ctx);
        assert!(score(&query, &other, &cfg).is_none_or(|r| !r.is_match));
    }

    #[test]
    fn fast_score_and_prepared_matchers_agree_with_full_score() {
        let ctx = NameContext::without_dictionaries();
        let cfg = Config::default();
        let listed = ["Vladimir Vladimirovich PUTIN", "Ivan Petrov", "Pol Pot", "Olaf Scholz"];
        let queries = ["Putin Vladimir", "Iwan Petrow", "PolPot", "Olaf Scholze", "Angela Merkel"];
        for l in listed {
            let c = Prepared::from_entity(&person(l, Some("1952-10-07")), &ctx);
            for q in queries {
                let plain = Prepared::from_entity(&person(q, Some("1952")), &ctx);
                let full = score(&plain, &c, &cfg).map(|r| r.score);
                assert_eq!(score_value(&plain, &c), full, "{q} / {l}");
                let fast = plain.clone().with_matchers();
                assert_eq!(score_value(&fast, &c), full, "{q} / {l} with matchers");
                // Explained from the pair ranking found: the same result.
                let ranked = rank_above(&fast, &c, f32::NEG_INFINITY);
                assert_eq!(ranked.map(|r| r.score), full, "{q} / {l} ranked");
                let explained = ranked.and_then(|r| score_ranked(&fast, &c, &r, &cfg));
                let again = score(&fast, &c, &cfg);
                assert_eq!(explained.as_ref().map(|r| r.score), full, "{q} / {l} explained");
                let forms = |r: &Option<MatchResult>| r.as_ref().map(|r| (r.explanation.query_form.clone(), r.explanation.candidate_form.clone()));
                assert_eq!(forms(&explained), forms(&again), "{q} / {l}");
            }
        }
    }

    #[test]
    fn weights_scale_each_contribution_and_none_gives_the_engine_score() {
        let ctx = NameContext::without_dictionaries();
        let mut listed = person("Ivan Petrov", Some("1960-01-01"));
        listed.add(props::NATIONALITY, "ru");
        listed.add(props::PASSPORT_NUMBER, "AB123456");
        let mut query = person("Iwan Petrow", Some("1960-01-01"));
        query.add(props::NATIONALITY, "ua");
        let candidate = Prepared::from_entity(&listed, &ctx);
        let Some(r) = score(&Prepared::from_entity(&query, &ctx), &candidate, &Config::default()) else { panic!("no score") };
        let e = &r.evidence;
        assert_eq!(e.combine(None), r.score);
        assert_eq!(e.combine(Some(&FeatureWeights::NONE)), r.score);
        let (Some(country), Some(born)) = (e.country, e.birth_date) else { panic!("features not compared: {e:?}") };
        assert!(country < 0.0 && born > 0.0, "{e:?}");
        let doubled = FeatureWeights { country: Scale { reward: 1.0, penalty: 2.0 }, ..FeatureWeights::NONE };
        assert!((e.combine(Some(&doubled)) - (r.score + country)).abs() < 1e-6);
        // Scaling rewards leaves the country penalty alone.
        let rewards = FeatureWeights { country: Scale { reward: 3.0, penalty: 1.0 }, ..FeatureWeights::NONE };
        assert_eq!(e.combine(Some(&rewards)), r.score);
        let no_date = FeatureWeights { birth_date: Scale { reward: 0.0, penalty: 0.0 }, ..FeatureWeights::NONE };
        assert!((e.combine(Some(&no_date)) - (r.score - born)).abs() < 1e-6);
        // An exact identifier lifts a weak name; without its reward the name decides.
        query.add(props::PASSPORT_NUMBER, "AB 123456");
        let Some(r) = score(&Prepared::from_entity(&query, &ctx), &candidate, &Config::default()) else { panic!("no score") };
        let e = &r.evidence;
        assert!(e.identifier.is_some_and(|d| d > 0.0), "{e:?}");
        let others = e.birth_date.unwrap_or(0.0) + e.country.unwrap_or(0.0);
        let lifted = 0.9 + 0.1 * e.name;
        assert!(e.name < lifted && (r.score - (lifted + others).clamp(0.0, 1.0)).abs() < 1e-6, "{e:?} {}", r.score);
        let no_identifier = FeatureWeights { identifier: Scale { reward: 0.0, penalty: 1.0 }, ..FeatureWeights::NONE };
        let unlifted = e.name + others;
        assert!((e.combine(Some(&no_identifier)) - unlifted.clamp(0.0, 1.0)).abs() < 1e-6);
    }

    /// Names of words alike (spellings, typos, parts of one another),
    /// initials and numbers, for [`ranking_above_a_floor_keeps_every_score_above_it`].
    const NAME: &str = "(ivan|iwan|ivanov|petrov|petrow|petr|olaf|olav|maria|marija|alina|ali|al|trade|trading|anna|ana)[aeo]?( (ivan|iwan|ivanov|petrov|petrow|petr|olaf|olav|maria|marija|alina|ali|al|trade|trading|anna|ana)[aeo]?| [a-z]\\.| [0-9]){0,3}";

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]
        /// Ranking above a floor (the name bound first, then only the
        /// pairs of forms whose bound may beat the best so far) gives the
        /// full score and pair of forms whenever the score is above the
        /// floor, and nothing or the same otherwise: entities of several
        /// names and properties, with and without birth dates.
        #[test]
        fn ranking_above_a_floor_keeps_every_score_above_it(
            query in proptest::collection::vec(NAME, 1..4),
            listed in proptest::collection::vec(NAME, 1..4),
            born in proptest::option::of("19[56][0-9]"),
            company in proptest::bool::ANY,
            floors in proptest::collection::vec(0.0f32..1.0, 1..4),
        ) {
            let ctx = NameContext::without_dictionaries();
            let cfg = Config::default();
            let schema = if company { Schema::Company } else { Schema::Person };
            let entity = |names: &[String], dob: Option<&str>| {
                let mut e = Entity::new("t", "x", schema.clone());
                for (i, n) in names.iter().enumerate() {
                    e.add([props::NAME, props::WEAK_ALIAS, props::ALIAS][i % 3], n);
                }
                if let Some(d) = dob {
                    e.add(props::BIRTH_DATE, d);
                }
                e
            };
            let q = Prepared::from_entity(&entity(&query, born.as_deref()), &ctx).with_matchers();
            let c = Prepared::from_entity(&entity(&listed, Some("1960-05-05")), &ctx);
            let full = score(&q, &c, &cfg).map(|r| (r.score, r.explanation.query_form, r.explanation.candidate_form));
            for floor in floors.into_iter().chain([f32::NEG_INFINITY]) {
                let ranked = rank_above(&q, &c, floor);
                let explained = ranked.and_then(|r| score_ranked(&q, &c, &r, &cfg));
                let got = explained.map(|r| (r.score, r.explanation.query_form, r.explanation.candidate_form));
                let above = |r: &Option<(f32, String, String)>| r.clone().filter(|r| r.0 > floor);
                proptest::prop_assert_eq!(above(&got), above(&full), "above {}", floor);
                proptest::prop_assert!(got.is_none() || got == full, "above {}: {:?} / {:?}", floor, got, full);
            }
        }
    }

    #[test]
    fn score_above_a_floor_is_the_score_or_nothing() {
        let ctx = NameContext::without_dictionaries();
        let cfg = Config::default();
        let listed = ["Ivan Petrov", "Vladimir Vladimirovich PUTIN", "Pol Pot"];
        let queries = ["Ivan Petrov", "Iwan Petrow", "Putin Vladimir", "PolPot", "Angela Merkel"];
        let dates = [None, Some("1952-10-07"), Some("1953"), Some("1985-05-05")];
        for l in listed {
            let c = Prepared::from_entity(&person(l, Some("1952-10-07")), &ctx);
            for q in queries {
                for d in dates {
                    let query = Prepared::from_entity(&person(q, d), &ctx).with_matchers();
                    let full = score(&query, &c, &cfg).map(|r| r.score);
                    let bound = score_bound(&Prepared::from_entity(&person(q, d), &ctx), &c);
                    assert_eq!(bound, score_bound(&Prepared::without_names(&person(q, d)), &c), "names are not read");
                    assert!(full.is_none_or(|s| bound.is_some_and(|b| s <= b)), "{q} {d:?} / {l}: {full:?} above the bound {bound:?}");
                    for floor in [0.0, 0.5, 0.7, 0.8, 0.95] {
                        let above = score_value_above(&query, &c, floor);
                        assert!(above.is_none_or(|s| Some(s) == full), "{q} {d:?} / {l} above {floor}: {above:?} vs {full:?}");
                        assert_eq!(above.filter(|s| *s > floor), full.filter(|s| *s > floor), "{q} {d:?} / {l} above {floor}");
                    }
                }
            }
        }
        // The same name with a contradicting birth date cannot reach 0.8:
        // no name is compared (the bound says so before).
        let query = Prepared::from_entity(&person("Ivan Petrov", Some("1985-05-05")), &ctx).with_matchers();
        let c = Prepared::from_entity(&person("Ivan Petrov", Some("1952-10-07")), &ctx);
        assert!(score_value(&query, &c).is_some_and(|s| s <= 0.8));
        assert_eq!(score_value_above(&query, &c, 0.8), None);
    }
}
