//! yente's `weights` of `/match`: feature weights that replace the
//! algorithm's defaults, applied to seisai's features.
//!
//! seisai scores with five features — `name`, `identifier`, `birth_date`,
//! `country`, `gender` — each reporting its contribution to the score in
//! the result's `explanations`. A weight multiplies a feature's
//! contribution: the result is scored again from its evidence by the
//! engine's own formula with the weights
//! ([`seisai_matching::Evidence::combine`]), is a match when that reaches
//! the threshold, and the results are ranked again. The contribution of
//! an exact identifier is its lift over the name score. Keys are seisai's feature names (weight 1 = unchanged, 0 =
//! ignore the feature, 2 = count it double) or yente's feature names of
//! logic-v2, which map onto the seisai feature they correspond to with
//! the multiplier `weight / yente's default weight` (`country_mismatch:
//! -0.4` doubles the penalty of a country mismatch). yente's mismatch
//! features scale only penalties, its match features only rewards. Keys
//! that map onto nothing in seisai are reported as ignored.

use std::collections::BTreeMap;

use serde_json::Value;

use seisai_matching::{FeatureWeights, MatchResult, Scale};

use crate::ApiError;

/// A seisai feature a weight applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Feature {
    Name,
    Identifier,
    BirthDate,
    Country,
    Gender,
}

impl Feature {
    const ALL: [Feature; 5] = [Feature::Name, Feature::Identifier, Feature::BirthDate, Feature::Country, Feature::Gender];

    /// The feature's key in `explanations`.
    fn key(self) -> &'static str {
        match self {
            Feature::Name => "name",
            Feature::Identifier => "identifier",
            Feature::BirthDate => "birth_date",
            Feature::Country => "country",
            Feature::Gender => "gender",
        }
    }
}

/// Which contributions a key scales.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sign {
    Both,
    Reward,
    Penalty,
}

/// An accepted key: the feature, the contributions it scales and the
/// default weight the requested one is divided by.
struct Key {
    name: &'static str,
    feature: Feature,
    sign: Sign,
    default: f32,
}

const fn key(name: &'static str, feature: Feature, sign: Sign, default: f32) -> Key {
    Key { name, feature, sign, default }
}

/// The accepted keys: seisai's names, then yente's logic-v2 names with
/// their default weights (nomenklatura `LogicV2.features`).
const KEYS: &[Key] = &[
    key("name", Feature::Name, Sign::Both, 1.0),
    key("identifier", Feature::Identifier, Sign::Both, 1.0),
    key("birth_date", Feature::BirthDate, Sign::Both, 1.0),
    key("country", Feature::Country, Sign::Both, 1.0),
    key("gender", Feature::Gender, Sign::Both, 1.0),
    key("name_match", Feature::Name, Sign::Both, 1.0),
    key("identifier_match", Feature::Identifier, Sign::Reward, 0.85),
    key("isin_security_match", Feature::Identifier, Sign::Reward, 0.98),
    key("lei_code_match", Feature::Identifier, Sign::Reward, 0.95),
    key("ogrn_code_match", Feature::Identifier, Sign::Reward, 0.95),
    key("inn_code_match", Feature::Identifier, Sign::Reward, 0.95),
    key("bic_code_match", Feature::Identifier, Sign::Reward, 0.95),
    key("vessel_imo_mmsi_match", Feature::Identifier, Sign::Reward, 0.95),
    key("country_mismatch", Feature::Country, Sign::Penalty, -0.2),
    key("dob_year_disjoint", Feature::BirthDate, Sign::Penalty, -0.15),
    key("dob_day_disjoint", Feature::BirthDate, Sign::Penalty, -0.25),
    key("gender_mismatch", Feature::Gender, Sign::Penalty, -0.2),
];

/// The weights of a `/match` request as multipliers of seisai's features.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    features: FeatureWeights,
}

impl Default for Weights {
    fn default() -> Self {
        Weights { features: FeatureWeights::NONE }
    }
}

impl Feature {
    /// The feature's multipliers in `weights`.
    fn scale(self, weights: &mut FeatureWeights) -> &mut Scale {
        match self {
            Feature::Name => &mut weights.name,
            Feature::Identifier => &mut weights.identifier,
            Feature::BirthDate => &mut weights.birth_date,
            Feature::Country => &mut weights.country,
            Feature::Gender => &mut weights.gender,
        }
    }
}

/// The weights decoded, and the keys left out with the reason.
pub struct DecodedWeights {
    /// The multipliers.
    pub weights: Weights,
    /// `weights.KEY: why` for each key not applied.
    pub ignored: Vec<String>,
}

impl Weights {
    /// Decodes yente's `weights` object (`null` or `{}`: no change). A
    /// value that is not a finite number is refused, naming the key; a
    /// key that maps onto no seisai feature, or whose feature a previous
    /// key already set, is reported in `ignored`.
    pub fn decode(value: Option<&Value>) -> Result<DecodedWeights, ApiError> {
        let mut weights = Weights::default();
        let mut ignored = Vec::new();
        let map = match value {
            None | Some(Value::Null) => return Ok(DecodedWeights { weights, ignored }),
            Some(Value::Object(m)) => m,
            Some(other) => {
                return Err(ApiError::unprocessable(format!(
                    "weights: expected an object of feature name → number, got {other}"
                )));
            }
        };
        for name in map.keys().filter(|name| !KEYS.iter().any(|k| k.name == name.as_str())) {
            ignored.push(format!(
                "weights.{name}: not a feature of seisai-v1 (features: name, identifier, birth_date, country, gender, or their yente logic-v2 names)"
            ));
        }
        // Keys in table order: seisai's own names take precedence.
        let mut set: BTreeMap<(usize, bool), &str> = BTreeMap::new();
        for k in KEYS {
            let Some(raw) = map.get(k.name) else { continue };
            let number = raw
                .as_f64()
                .filter(|n| n.is_finite())
                .ok_or_else(|| ApiError::unprocessable(format!("weights.{}: expected a number, got {raw}", k.name)))?;
            let slot = Feature::ALL.iter().position(|f| *f == k.feature).unwrap_or_default();
            let multiplier = number as f32 / k.default;
            let targets: &[bool] = match k.sign {
                Sign::Both => &[true, false],
                Sign::Reward => &[true],
                Sign::Penalty => &[false],
            };
            for &reward in targets {
                if let Some(first) = set.get(&(slot, reward)) {
                    ignored.push(format!("weights.{}: {} is already weighted by weights.{first}", k.name, k.feature.key()));
                    continue;
                }
                set.insert((slot, reward), k.name);
                let scale = k.feature.scale(&mut weights.features);
                if reward {
                    scale.reward = multiplier;
                } else {
                    scale.penalty = multiplier;
                }
            }
        }
        Ok(DecodedWeights { weights, ignored })
    }

    /// Whether the weights change nothing.
    pub fn is_default(&self) -> bool {
        self.features.is_none()
    }

    /// Applies the weights to a result: its score (from its evidence, by
    /// the engine's formula), its match flag against `threshold` and the
    /// contributions shown in its explanation.
    pub fn apply(&self, result: &mut MatchResult, threshold: f32) {
        if self.is_default() {
            return;
        }
        let mut features = self.features;
        let ex = &mut result.explanation;
        let name = features.name.of(ex.name.score);
        ex.name.score *= name;
        for feature in Feature::ALL.into_iter().filter(|f| *f != Feature::Name) {
            let Some(explained) = ex.features.get_mut(feature.key()) else { continue };
            let multiplier = feature.scale(&mut features).of(explained.score);
            if multiplier != 1.0 {
                explained.score *= multiplier;
                explained.detail = format!("{} (weight ×{multiplier:.2})", explained.detail);
            }
        }
        result.score = result.evidence.combine(Some(&self.features));
        result.is_match = result.score >= threshold;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn decode(v: Value) -> DecodedWeights {
        match Weights::decode(Some(&v)) {
            Ok(d) => d,
            Err(e) => panic!("{v}: {e:?}"),
        }
    }

    #[test]
    fn yente_names_scale_by_their_default_weight() {
        let d = decode(json!({"country_mismatch": -0.4, "identifier_match": 0.85, "name": 0.5}));
        assert!(d.ignored.is_empty(), "{:?}", d.ignored);
        let w = d.weights.features;
        assert_eq!(w.country, Scale { reward: 1.0, penalty: 2.0 });
        assert_eq!(w.identifier, Scale::ONE);
        assert_eq!(w.name, Scale { reward: 0.5, penalty: 0.5 });
        assert!(decode(json!({})).weights.is_default());
        assert!(Weights::decode(None).is_ok_and(|d| d.weights.is_default()));
    }

    #[test]
    fn unknown_and_repeated_keys_are_reported_and_bad_values_refused() {
        let d = decode(json!({"address_entity_match": 0.98, "birth_date": 2, "dob_year_disjoint": -0.3}));
        assert_eq!(d.ignored.len(), 2, "{:?}", d.ignored);
        assert!(d.ignored.iter().any(|m| m.starts_with("weights.address_entity_match")));
        assert!(d.ignored.iter().any(|m| m.contains("already weighted by weights.birth_date")));
        let bad = Weights::decode(Some(&json!({"name": "high"})));
        assert!(bad.is_err_and(|e| e.to_string().contains("weights.name")));
        assert!(Weights::decode(Some(&json!([1, 2]))).is_err());
    }
}
