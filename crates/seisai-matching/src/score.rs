//! Entity scoring: the best name comparison plus secondary evidence, with
//! an explanation of every contribution.

use std::collections::BTreeMap;

use seisai_model::{Entity, FuzzyDate, Schema, props};
use serde::Serialize;

use crate::compare::{CompareParams, NameMatch, compare_forms, compare_score};
use crate::features::{self, FeatureOutcome};
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
    pub birth_dates: Vec<FuzzyDate>,
    /// Country codes (nationality, citizenship, country).
    pub countries: Vec<String>,
    /// Gender.
    pub gender: Option<String>,
    /// Identifiers as (property, value).
    pub identifiers: Vec<(String, String)>,
}

/// A query entity, prepared.
pub type Query = Prepared;
/// A candidate (list) entity, prepared.
pub type Candidate = Prepared;

impl Prepared {
    /// Prepares an entity's names and features.
    pub fn from_entity(entity: &Entity, ctx: &NameContext) -> Self {
        let names = entity
            .names()
            .map(|(prop, name)| PreparedName { prop, forms: prepare(name, &entity.schema, ctx) })
            .filter(|n| !n.forms.is_empty())
            .collect();
        let mut countries: Vec<String> = [props::NATIONALITY, props::CITIZENSHIP, props::COUNTRY]
            .iter()
            .flat_map(|p| entity.get(p).iter())
            .map(|c| seisai_model::country::to_code(c).map(str::to_string).unwrap_or_else(|| c.to_lowercase()))
            .collect();
        countries.sort();
        countries.dedup();
        let identifiers = props::IDENTIFIER_PROPS
            .iter()
            .flat_map(|p| entity.get(p).iter().map(move |v| (p.to_string(), v.clone())))
            .collect();
        Prepared {
            schema: entity.schema.clone(),
            names,
            birth_dates: entity.dates(props::BIRTH_DATE),
            countries,
            gender: entity.first(props::GENDER).map(str::to_string),
            identifiers,
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

fn params_for(schema: &Schema) -> CompareParams {
    match schema {
        Schema::Person => CompareParams { unmatched_candidate_share: 0.2, unmatched_query_share: 0.25 },
        _ => CompareParams { unmatched_candidate_share: 0.6, unmatched_query_share: 0.7 },
    }
}

/// The best name comparison between a query and a candidate: (score,
/// query name index, query form, candidate name index, candidate form, match).
pub fn best_name<'a>(
    query: &'a Prepared,
    candidate: &'a Prepared,
) -> Option<(f32, &'a NameForm, &'a PreparedName, &'a NameForm, NameMatch)> {
    let params = params_for(&candidate.schema);
    let mut best: Option<(f32, &NameForm, &PreparedName, &NameForm)> = None;
    'search: for qn in &query.names {
        for qf in &qn.forms {
            for cn in &candidate.names {
                for cf in &cn.forms {
                    // Same non-Latin script: compare natively only; other
                    // pairs compare Latin forms only.
                    let same_script = qf.script == cf.script && qf.script != NameScript::Latin;
                    if qf.native != cf.native || (qf.native && !same_script) || (!qf.native && same_script) {
                        continue;
                    }
                    // Forms without a key in common cannot score well.
                    if !crate::keys::intersects(&qf.keys, &cf.keys) {
                        continue;
                    }
                    let s = compare_score(qf, cf, params) * property_factor(cn.prop, cf);
                    if best.as_ref().is_none_or(|b| s > b.0) {
                        best = Some((s, qf, cn, cf));
                        if s >= 1.0 {
                            break 'search;
                        }
                    }
                }
            }
        }
    }
    best.map(|(s, qf, cn, cf)| (s, qf, cn, cf, compare_forms(qf, cf, params)))
}

/// Scores a candidate against a query. Returns `None` when the schemata
/// cannot match or no name compares at all.
pub fn score(query: &Prepared, candidate: &Prepared, config: &Config) -> Option<MatchResult> {
    if !query.schema.can_match(&candidate.schema) {
        return None;
    }
    let (name_score, qf, cn, cf, name_match) = best_name(query, candidate)?;
    let mut features: BTreeMap<String, FeatureScore> = BTreeMap::new();
    let mut score = name_score;
    if let Some(id) = features::identifiers(&query.identifiers, &candidate.identifiers) {
        if id.delta > 0.0 {
            // An exact identifier is strong evidence whatever the spelling.
            score = score.max(0.9 + 0.1 * name_score);
        } else {
            score += id.delta;
        }
        features.insert("identifier".into(), id.into());
    }
    let is_person = matches!(candidate.schema, Schema::Person) || matches!(query.schema, Schema::Person);
    if is_person {
        if let Some(dob) = features::birth_dates(&query.birth_dates, &candidate.birth_dates) {
            score += dob.delta;
            features.insert("birth_date".into(), dob.into());
        }
        if let Some(g) = features::gender(query.gender.as_deref(), candidate.gender.as_deref()) {
            score += g.delta;
            features.insert("gender".into(), g.into());
        }
    }
    if let Some(c) = features::countries(&query.countries, &candidate.countries) {
        score += c.delta;
        features.insert("country".into(), c.into());
    }
    let score = score.clamp(0.0, 1.0);
    Some(MatchResult {
        score,
        is_match: score >= config.threshold,
        explanation: Explanation {
            query_name: qf.original.clone(),
            candidate_name: cf.original.clone(),
            candidate_property: cn.prop.to_string(),
            query_form: qf.latin.clone(),
            candidate_form: cf.latin.clone(),
            name: name_match,
            features,
        },
    })
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
}
