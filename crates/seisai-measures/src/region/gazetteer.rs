//! The gazetteer of embargoed regions: codes, postal ranges and place names
//! in all scripts, read from TOML (the built-in copy is `data/gazetteer-ua.toml`).

use std::collections::HashMap;

use serde::Deserialize;

use crate::error::PolicyError;
use crate::text::{is_cjk, normalise};

/// How sure a region indicator is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Weak heuristic (unverified postal pattern, ambiguous name, unoccupied town of the oblast).
    Low,
    /// Good indicator of the oblast, but the oblast is only partly occupied.
    Medium,
    /// Unambiguous indicator of the region.
    High,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GazetteerFile {
    version: String,
    region: Vec<RegionEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionEntry {
    code: String,
    name: String,
    whole_territory: bool,
    names: Vec<String>,
    #[serde(default)]
    ambiguous_names: Vec<String>,
    ua_postal_prefixes: Vec<String>,
    #[serde(default)]
    ua_postal_ambiguous_prefixes: Vec<String>,
    ru_postal_ranges: Vec<[String; 2]>,
    ru_postal_confidence: Confidence,
    places: Vec<PlaceEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceEntry {
    names: Vec<String>,
    #[serde(default = "yes")]
    occupied: bool,
    #[serde(default)]
    ambiguous: bool,
}

fn yes() -> bool {
    true
}

/// One region of the gazetteer.
#[derive(Clone, Debug)]
pub struct Region {
    /// ISO 3166-2 code.
    pub code: String,
    /// English name.
    pub name: String,
    /// Whether the whole territory is covered (Crimea, Sevastopol).
    pub whole_territory: bool,
    pub(crate) ua_postal_prefixes: Vec<String>,
    pub(crate) ua_postal_ambiguous_prefixes: Vec<String>,
    pub(crate) ru_postal_ranges: Vec<(u32, u32)>,
    pub(crate) ru_postal_confidence: Confidence,
}

/// A name of the gazetteer, normalised, with what it indicates.
#[derive(Clone, Debug)]
pub(crate) struct NameEntry {
    /// Index into `regions`.
    pub region: usize,
    /// The name as written in the gazetteer.
    pub label: String,
    /// Normalised tokens.
    pub tokens: Vec<String>,
    /// Confidence when found (for an ambiguous name: when the country is UA or RU).
    pub confidence: Confidence,
    /// The name also denotes places elsewhere: dropped when the address is in
    /// another country, Low confidence when the country is unknown.
    pub ambiguous: bool,
}

/// The loaded gazetteer.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    /// Version of the data.
    pub version: String,
    /// The regions.
    pub regions: Vec<Region>,
    /// Latin/Cyrillic names keyed by their first normalised token.
    pub(crate) by_first_token: HashMap<String, Vec<NameEntry>>,
    /// Kana/kanji names, matched as substrings.
    pub(crate) cjk: Vec<(String, NameEntry)>,
}

const BUILTIN: &str = include_str!("../../data/gazetteer-ua.toml");

impl Gazetteer {
    /// The gazetteer shipped with the crate.
    pub fn builtin() -> &'static Gazetteer {
        static CELL: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
        CELL.get_or_init(|| match Gazetteer::from_toml(BUILTIN, "data/gazetteer-ua.toml") {
            Ok(g) => g,
            // The built-in file is checked by a unit test; an empty gazetteer
            // here would only arise from a broken build, never from input.
            Err(e) => {
                eprintln!("built-in gazetteer unreadable: {e}");
                Gazetteer { version: String::new(), regions: Vec::new(), by_first_token: HashMap::new(), cjk: Vec::new() }
            }
        })
    }

    /// Reads a gazetteer from TOML; `origin` names it in errors.
    pub fn from_toml(text: &str, origin: &str) -> Result<Gazetteer, PolicyError> {
        let file: GazetteerFile = toml::from_str(text)
            .map_err(|e| PolicyError::Syntax { file: origin.to_string(), message: e.to_string() })?;
        let mut g = Gazetteer { version: file.version, regions: Vec::new(), by_first_token: HashMap::new(), cjk: Vec::new() };
        for (ri, r) in file.region.into_iter().enumerate() {
            let mut ranges = Vec::new();
            for (i, [lo, hi]) in r.ru_postal_ranges.iter().enumerate() {
                let parse = |s: &str| s.parse::<u32>().ok().filter(|_| s.len() == 6);
                match (parse(lo), parse(hi)) {
                    (Some(a), Some(b)) if a <= b => ranges.push((a, b)),
                    _ => {
                        return Err(PolicyError::Invalid {
                            file: origin.to_string(),
                            measure: None,
                            field: format!("region[{ri}].ru_postal_ranges[{i}]"),
                            message: "expected two 6-digit codes, low ≤ high".into(),
                        });
                    }
                }
            }
            let base = if r.whole_territory { Confidence::High } else { Confidence::Medium };
            let mut add = |name: &str, confidence: Confidence, ambiguous: bool| {
                g.add_name(ri, name, confidence, ambiguous);
            };
            for n in &r.names {
                add(n, base, false);
            }
            for n in &r.ambiguous_names {
                add(n, base, true);
            }
            for p in &r.places {
                let c = if p.occupied { base } else { Confidence::Low };
                for n in &p.names {
                    add(n, c, p.ambiguous);
                }
            }
            g.regions.push(Region {
                code: r.code,
                name: r.name,
                whole_territory: r.whole_territory,
                ua_postal_prefixes: r.ua_postal_prefixes,
                ua_postal_ambiguous_prefixes: r.ua_postal_ambiguous_prefixes,
                ru_postal_ranges: ranges,
                ru_postal_confidence: r.ru_postal_confidence,
            });
        }
        Ok(g)
    }

    fn add_name(&mut self, region: usize, name: &str, confidence: Confidence, ambiguous: bool) {
        let norm = normalise(name);
        if norm.is_empty() {
            return;
        }
        let entry = NameEntry {
            region,
            label: name.to_string(),
            tokens: norm.split(' ').map(str::to_string).collect(),
            confidence,
            ambiguous,
        };
        if norm.chars().any(is_cjk) {
            self.cjk.push((norm.replace(' ', ""), entry));
        } else if let Some(first) = entry.tokens.first().cloned() {
            self.by_first_token.entry(first).or_default().push(entry);
        }
    }

    /// The number of names (all scripts).
    pub fn name_count(&self) -> usize {
        self.by_first_token.values().map(Vec::len).sum::<usize>() + self.cjk.len()
    }
}
