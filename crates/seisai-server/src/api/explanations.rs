//! The `explanations` of a match result (feature → contribution), written
//! straight from the matching engine's [`Explanation`]: no map of copied
//! strings is built per result, and the name's `detail` line is formatted
//! into the answer itself.

use seisai_matching::compare::PartMatch;
use seisai_matching::{Explanation, FeatureScore};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use utoipa::ToSchema;

/// The key of the name feature.
const NAME: &str = "name";

/// One feature's contribution to a score.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeatureOut<'a> {
    /// Contribution.
    pub score: f32,
    /// What was found.
    #[schema(value_type = String)]
    pub detail: Detail<'a>,
    /// Query value.
    pub query: &'a str,
    /// Candidate value.
    pub candidate: &'a str,
    /// For the `name` feature: how the two names were aligned part by part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alignment: Option<NameAlignment<'a>>,
}

impl<'a> FeatureOut<'a> {
    /// A secondary feature (`birth_date`, `country`, …) as answered.
    fn of(f: &'a FeatureScore) -> FeatureOut<'a> {
        FeatureOut { score: f.score, detail: Detail::Text(&f.detail), query: &f.query, candidate: &f.candidate, alignment: None }
    }

    /// The name feature of `ex` as answered, with its alignment.
    fn name(ex: &'a Explanation) -> FeatureOut<'a> {
        FeatureOut {
            score: ex.name.score,
            detail: Detail::Name(ex),
            query: &ex.query_name,
            candidate: &ex.candidate_name,
            alignment: Some(NameAlignment {
                candidate_property: &ex.candidate_property,
                query_form: &ex.query_form,
                candidate_form: &ex.candidate_form,
                parts: &ex.name.parts,
                unmatched_query: &ex.name.unmatched_query,
                unmatched_candidate: &ex.name.unmatched_candidate,
                number_mismatch: ex.name.number_mismatch,
            }),
        }
    }
}

/// The `detail` of a feature: the engine's text, or for the name the line
/// summing up the comparison, formatted while it is written.
#[derive(Debug)]
pub enum Detail<'a> {
    /// The engine's text as is.
    Text(&'a str),
    /// The name comparison of this explanation.
    Name(&'a Explanation),
}

impl Serialize for Detail<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Detail::Text(text) => serializer.serialize_str(text),
            Detail::Name(ex) => serializer.collect_str(&format_args!(
                "{} ({}); forms {:?} ~ {:?}; unmatched query parts {:?}, candidate parts {:?}",
                ex.candidate_property,
                if ex.name.number_mismatch { "numbers differ" } else { "names compared part by part" },
                ex.query_form,
                ex.candidate_form,
                ex.name.unmatched_query,
                ex.name.unmatched_candidate
            )),
        }
    }
}

/// The part-by-part comparison behind a name score.
#[derive(Debug, Serialize, ToSchema)]
pub struct NameAlignment<'a> {
    /// The property of the listed name (`name`, `alias`, `weakAlias`…).
    pub candidate_property: &'a str,
    /// The query name in the Latin form that was compared.
    pub query_form: &'a str,
    /// The listed name in the Latin form that was compared.
    pub candidate_form: &'a str,
    /// Aligned parts: `query` and `candidate` part(s), `similarity` and `credit` (0–1).
    #[schema(value_type = Vec<Object>)]
    pub parts: &'a [PartMatch],
    /// Query parts left unmatched.
    pub unmatched_query: &'a [String],
    /// Listed-name parts left unmatched.
    pub unmatched_candidate: &'a [String],
    /// Whether numbers in the names disagree.
    pub number_mismatch: bool,
}

/// A result's explanations, written as the map feature → [`FeatureOut`]
/// in key order: `name` among the engine's secondary features (a
/// secondary feature called `name` would stand in its place).
#[derive(Debug)]
pub struct Explanations(pub Explanation);

impl Serialize for Explanations {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let ex = &self.0;
        let mut name_written = ex.features.contains_key(NAME);
        let mut map = serializer.serialize_map(Some(ex.features.len() + usize::from(!name_written)))?;
        for (key, feature) in &ex.features {
            if !name_written && key.as_str() > NAME {
                map.serialize_entry(NAME, &FeatureOut::name(ex))?;
                name_written = true;
            }
            map.serialize_entry(key, &FeatureOut::of(feature))?;
        }
        if !name_written {
            map.serialize_entry(NAME, &FeatureOut::name(ex))?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use seisai_matching::NameMatch;

    fn feature(score: f32, detail: &str) -> FeatureScore {
        FeatureScore { score, detail: detail.into(), query: "q \"1\"".into(), candidate: "c\n1".into() }
    }

    fn explanation(features: &[&str]) -> Explanation {
        Explanation {
            query_name: "Jöhn \"Q\" Smith".into(),
            candidate_name: "SMITH, John".into(),
            candidate_property: "alias".into(),
            query_form: "john q smith".into(),
            candidate_form: "smith john".into(),
            name: NameMatch {
                score: 0.75,
                parts: vec![PartMatch { query: "john".into(), candidate: "john".into(), similarity: 1.0, credit: 1.0 }],
                unmatched_query: vec!["q".into()],
                unmatched_candidate: vec![],
                number_mismatch: false,
            },
            features: features.iter().map(|k| (k.to_string(), feature(0.25, &format!("{k} \\ detail")))).collect(),
        }
    }

    /// The map the answer was written from before: the name, then each
    /// feature inserted (a feature called `name` replacing it).
    fn as_map(ex: &Explanation) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        let detail = r#"alias (names compared part by part); forms "john q smith" ~ "smith john"; unmatched query parts ["q"], candidate parts []"#;
        let alignment = serde_json::json!({
            "candidate_property": ex.candidate_property, "query_form": ex.query_form,
            "candidate_form": ex.candidate_form, "parts": ex.name.parts,
            "unmatched_query": ex.name.unmatched_query, "unmatched_candidate": ex.name.unmatched_candidate,
            "number_mismatch": ex.name.number_mismatch,
        });
        map.insert(NAME.into(), serde_json::json!({"score": ex.name.score, "detail": detail,
            "query": ex.query_name, "candidate": ex.candidate_name, "alignment": alignment}));
        for (k, f) in &ex.features {
            map.insert(k.clone(), serde_json::json!({"score": f.score, "detail": f.detail, "query": f.query, "candidate": f.candidate}));
        }
        serde_json::Value::Object(map)
    }

    #[test]
    fn written_in_key_order_as_the_map_was() {
        for features in [&[][..], &["birth_date", "country"], &["birth_date", "identifier", "gender"], &["zz"], &["a", "name", "z"]] {
            let ex = explanation(features);
            let written = serde_json::to_string(&Explanations(ex.clone())).unwrap();
            let keys: Vec<String> = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&written)
                .unwrap()
                .keys()
                .cloned()
                .collect();
            let mut sorted = keys.clone();
            sorted.sort();
            assert_eq!(keys, sorted, "{written}");
            let expected = as_map(&ex);
            assert_eq!(serde_json::from_str::<serde_json::Value>(&written).unwrap(), expected, "{features:?}");
            assert_eq!(serde_json::to_value(Explanations(ex)).unwrap(), expected, "{features:?}");
        }
    }
}
