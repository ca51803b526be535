//! Region detection: which embargoed region an address or a piece of free
//! text points to, from ISO 3166-2 codes, Ukrainian and Russian-assigned
//! postal codes and a gazetteer of place names in Latin (several
//! romanisations), Ukrainian and Russian Cyrillic and katakana.
//!
//! Confidence rules (embargoed-regions.md): an indicator of a region whose
//! whole territory is covered (Crimea, Sevastopol) with [`Confidence::High`]
//! may block ([`RegionHit::blocks`]); indicators of partly occupied oblasts
//! (Donetsk, Luhansk, Zaporizhzhia, Kherson) only route to review.

mod gazetteer;

use serde::Serialize;

pub use gazetteer::{Confidence, Gazetteer, Region};

use crate::text::normalise;

/// A region found in a text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegionHit {
    /// ISO 3166-2 code, e.g. `UA-43`.
    pub code: String,
    /// English name of the region.
    pub name: String,
    /// Whether the whole territory is covered (so a high-confidence hit blocks).
    pub whole_territory: bool,
    /// The best confidence among the indicators.
    pub confidence: Confidence,
    /// The indicators found, e.g. `place "Simferopol"`, `RU postal code 295000`.
    pub evidence: Vec<String>,
}

impl RegionHit {
    /// Whether the hit is strong enough to apply a measure's outcome
    /// (whole-territory region, high confidence); otherwise it routes to review.
    pub fn blocks(&self) -> bool {
        self.whole_territory && self.confidence == Confidence::High
    }
}

/// The country an address is in, as far as known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CountryHint {
    Unknown,
    UaOrRu,
    Other,
}

fn hint_from_code(code: Option<&str>) -> CountryHint {
    match code.map(str::trim).filter(|c| !c.is_empty()) {
        None => CountryHint::Unknown,
        Some(c) => match seisai_model::country::to_code(c) {
            Some("ua") | Some("ru") => CountryHint::UaOrRu,
            Some(_) => CountryHint::Other,
            None => CountryHint::Unknown,
        },
    }
}

const UA_RU_WORDS: [&str; 10] =
    ["ukraine", "ukraina", "україна", "украина", "ウクライナ", "russia", "russian federation", "россия", "росія", "ロシア"];

fn hint_from_text(norm: &str) -> CountryHint {
    if UA_RU_WORDS.iter().any(|w| crate::text::contains_phrase(norm, w))
        || norm.split(' ').any(|t| t == "ua" || t == "ru")
    {
        CountryHint::UaOrRu
    } else {
        CountryHint::Unknown
    }
}

impl Gazetteer {
    /// Finds regions in a piece of text (an address line, a town field, a
    /// remittance text). `country` is the address's country (code or name) if
    /// the document gives one; without it, the text itself is searched for
    /// "Ukraine"/"Russia" in the usual scripts.
    pub fn detect(&self, text: &str, country: Option<&str>) -> Vec<RegionHit> {
        let norm = normalise(text);
        let mut hint = hint_from_code(country);
        if hint == CountryHint::Unknown {
            hint = hint_from_text(&norm);
        }
        let mut hits: Vec<RegionHit> = Vec::new();
        self.detect_names(&norm, hint, &mut hits);
        self.detect_iso_codes(text, &mut hits);
        self.detect_postal(text, hint, &mut hits);
        hits.sort_by(|a, b| b.confidence.cmp(&a.confidence).then(a.code.cmp(&b.code)));
        hits
    }

    fn push(&self, hits: &mut Vec<RegionHit>, region: usize, confidence: Confidence, evidence: String) {
        let Some(r) = self.regions.get(region) else { return };
        if let Some(h) = hits.iter_mut().find(|h| h.code == r.code) {
            h.confidence = h.confidence.max(confidence);
            if !h.evidence.contains(&evidence) {
                h.evidence.push(evidence);
            }
        } else {
            hits.push(RegionHit {
                code: r.code.clone(),
                name: r.name.clone(),
                whole_territory: r.whole_territory,
                confidence,
                evidence: vec![evidence],
            });
        }
    }

    fn detect_names(&self, norm: &str, hint: CountryHint, hits: &mut Vec<RegionHit>) {
        let tokens: Vec<&str> = norm.split(' ').filter(|t| !t.is_empty()).collect();
        let mut found: Vec<(usize, Confidence, String)> = Vec::new();
        let mut consider = |e: &gazetteer::NameEntry| {
            let confidence = match (e.ambiguous, hint) {
                (false, _) => e.confidence,
                (true, CountryHint::UaOrRu) => e.confidence,
                (true, CountryHint::Unknown) => Confidence::Low,
                (true, CountryHint::Other) => return,
            };
            found.push((e.region, confidence, format!("place or region name {:?}", e.label)));
        };
        for i in 0..tokens.len() {
            let Some(entries) = tokens.get(i).and_then(|t| self.by_first_token.get(*t)) else { continue };
            for e in entries {
                if tokens.get(i..i + e.tokens.len()).is_some_and(|w| w.iter().zip(&e.tokens).all(|(a, b)| *a == b)) {
                    consider(e);
                }
            }
        }
        if norm.chars().any(crate::text::is_cjk) {
            let compact = norm.replace(' ', "");
            for (needle, e) in &self.cjk {
                if compact.contains(needle.as_str()) {
                    consider(e);
                }
            }
        }
        for (region, confidence, evidence) in found {
            self.push(hits, region, confidence, evidence);
        }
    }

    fn detect_iso_codes(&self, text: &str, hits: &mut Vec<RegionHit>) {
        let upper = text.to_ascii_uppercase();
        for (ri, r) in self.regions.iter().enumerate() {
            let mut from = 0;
            while let Some(pos) = upper.get(from..).and_then(|u| u.find(&r.code)) {
                let at = from + pos;
                let end = at + r.code.len();
                let before = upper[..at].chars().next_back();
                let after = upper[end..].chars().next();
                if !before.is_some_and(|c| c.is_ascii_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_alphanumeric()) {
                    let confidence = if r.whole_territory { Confidence::High } else { Confidence::Medium };
                    self.push(hits, ri, confidence, format!("ISO 3166-2 code {}", r.code));
                    break;
                }
                from = end;
            }
        }
    }

    fn detect_postal(&self, text: &str, hint: CountryHint, hits: &mut Vec<RegionHit>) {
        if hint == CountryHint::Other {
            return;
        }
        let named: Vec<String> = hits.iter().map(|h| h.code.clone()).collect();
        for run in digit_runs(text) {
            match run.len() {
                6 => {
                    let Ok(n) = run.parse::<u32>() else { continue };
                    for (ri, r) in self.regions.iter().enumerate() {
                        if !r.ru_postal_ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&n)) {
                            continue;
                        }
                        // Without a UA/RU country a 6-digit number may be anything:
                        // it only counts when a name of the same region corroborates it.
                        if hint == CountryHint::Unknown && !named.contains(&r.code) {
                            continue;
                        }
                        self.push(hits, ri, r.ru_postal_confidence, format!("Russian-assigned postal code {run}"));
                    }
                }
                5 if hint == CountryHint::UaOrRu => {
                    let prefix = &run[..2];
                    for (ri, r) in self.regions.iter().enumerate() {
                        let exact = r.ua_postal_prefixes.iter().any(|p| p == prefix);
                        let ambiguous = r.ua_postal_ambiguous_prefixes.iter().any(|p| p == prefix);
                        if exact || ambiguous {
                            let confidence =
                                if r.whole_territory && exact { Confidence::High } else { Confidence::Low };
                            self.push(hits, ri, confidence, format!("Ukrainian postal code {run}"));
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// Maximal runs of ASCII digits (full-width digits folded first), skipping
/// runs glued to letters (`HS854231`, `A12345`) is not done: an HS code is 6
/// digits outside the postal ranges, so it cannot be mistaken.
fn digit_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        let c = match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        };
        if c.is_ascii_digit() {
            cur.push(c);
        } else if !cur.is_empty() {
            runs.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs
}

#[cfg(test)]
mod tests;
