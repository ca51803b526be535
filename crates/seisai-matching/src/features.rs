//! Secondary evidence: birth dates, countries, gender, identifiers.
//!
//! Each comparison returns an adjustment to the name score (positive for
//! agreement, negative for contradiction, zero when a side is missing) and
//! a human-readable detail for the explanation.

use chrono::Datelike;
use seisai_model::FuzzyDate;

/// The outcome of one feature comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct FeatureOutcome {
    /// Adjustment to the score.
    pub delta: f32,
    /// What was found, in words.
    pub detail: String,
    /// The query value compared.
    pub query: String,
    /// The candidate value compared.
    pub candidate: String,
}

/// Compares birth dates: an exact day match supports the match; dates that
/// cannot be the same day (years two or more apart, or different days known
/// to the day) contradict it. Day and month swapped counts as agreement
/// of lower weight; approximate dates allow a year either side.
pub fn birth_dates(query: &[FuzzyDate], candidate: &[FuzzyDate]) -> Option<FeatureOutcome> {
    let (delta, detail, q, c) = best_birth_dates(query, candidate)?;
    Some(FeatureOutcome { delta, detail: detail.to_string(), query: q.to_string(), candidate: c.to_string() })
}

/// The adjustment of [`birth_dates`] alone, without the explanation (the
/// fast path for ranking candidates).
pub fn birth_dates_delta(query: &[FuzzyDate], candidate: &[FuzzyDate]) -> Option<f32> {
    best_birth_dates(query, candidate).map(|(delta, ..)| delta)
}

/// The best-agreeing pair of dates: (delta, detail, query date, candidate date).
fn best_birth_dates<'a>(query: &'a [FuzzyDate], candidate: &'a [FuzzyDate]) -> Option<(f32, &'static str, &'a FuzzyDate, &'a FuzzyDate)> {
    let mut best: Option<(f32, &'static str, &FuzzyDate, &FuzzyDate)> = None;
    for q in query {
        for c in candidate {
            let (delta, detail) = compare_dates(q, c);
            if best.is_none_or(|b| delta > b.0) {
                best = Some((delta, detail, q, c));
            }
        }
    }
    best
}

fn compare_dates(q: &FuzzyDate, c: &FuzzyDate) -> (f32, &'static str) {
    let widen = |d: &FuzzyDate| {
        let slack = if d.approximate { 1 } else { 0 };
        (d.earliest().year() - slack, d.latest().year() + slack)
    };
    let exact_days = q.end.is_none() && c.end.is_none() && q.precision() == seisai_model::DatePrecision::Day && c.precision() == seisai_model::DatePrecision::Day;
    if exact_days {
        if q.start == c.start {
            return (0.06, "same birth date");
        }
        let (qs, cs) = (q.start, c.start);
        if qs.year == cs.year && qs.month == cs.day && qs.day == cs.month {
            return (0.02, "same birth date with day and month swapped");
        }
        if qs.year == cs.year {
            return (-0.08, "same birth year, different day");
        }
    }
    if q.overlaps(c) {
        return (0.03, "birth dates agree within their precision");
    }
    let (q0, q1) = widen(q);
    let (c0, c1) = widen(c);
    let gap = if q1 < c0 { c0 - q1 } else { q0 - c1 }.max(0);
    match gap {
        0 => (0.01, "birth dates agree within their approximation"),
        1 => (-0.08, "birth years one year apart"),
        _ => (-0.3, "birth dates contradict"),
    }
}

/// The adjustment for two entities with countries but none in common.
/// A listed person and a customer with the same common name (`Wang Wei`,
/// `Robert Anderson`) are told apart by little else; a person of another
/// nationality is usually another person (yente's logic weighs a country
/// mismatch −0.2). A little more than the 0.2 between a perfect name and
/// the threshold, so that a name alone, however exact, with a
/// contradicting country is not a match: any agreeing evidence (a birth
/// date, an identifier) still makes it one. Measured on the evaluation
/// sets, see BENCHMARKS.md ("Matching quality", session 5).
const COUNTRY_MISMATCH: f32 = -0.21;

/// Compares country codes (nationality, citizenship, country): a shared
/// country supports the match, disjoint sets weaken it.
pub fn countries(query: &[String], candidate: &[String]) -> Option<FeatureOutcome> {
    if query.is_empty() || candidate.is_empty() {
        return None;
    }
    Some(if let Some(code) = query.iter().find(|q| candidate.contains(q)) {
        FeatureOutcome {
            delta: 0.03,
            detail: "shared country".into(),
            query: code.to_string(),
            candidate: code.to_string(),
        }
    } else {
        FeatureOutcome {
            delta: COUNTRY_MISMATCH,
            detail: "no country in common".into(),
            query: query.join(", "),
            candidate: candidate.join(", "),
        }
    })
}

/// The adjustment of [`countries`] alone (the fast path for ranking).
pub fn countries_delta(query: &[String], candidate: &[String]) -> Option<f32> {
    if query.is_empty() || candidate.is_empty() {
        return None;
    }
    Some(if query.iter().any(|q| candidate.contains(q)) { 0.03 } else { COUNTRY_MISMATCH })
}

/// The adjustment of [`gender`] alone (the fast path for ranking).
pub fn gender_delta(query: Option<&str>, candidate: Option<&str>) -> Option<f32> {
    let (q, c) = (query?, candidate?);
    let known = |g: &str| g.eq_ignore_ascii_case("male") || g.eq_ignore_ascii_case("female");
    if !known(q) || !known(c) {
        return None;
    }
    Some(if q.eq_ignore_ascii_case(c) { 0.0 } else { -0.15 })
}

/// Compares genders (`male`, `female`): a difference weakens the match.
pub fn gender(query: Option<&str>, candidate: Option<&str>) -> Option<FeatureOutcome> {
    let (q, c) = (query?.to_lowercase(), candidate?.to_lowercase());
    let known = |g: &str| matches!(g, "male" | "female");
    if !known(&q) || !known(&c) {
        return None;
    }
    Some(if q == c {
        FeatureOutcome { delta: 0.0, detail: "same gender".into(), query: q, candidate: c }
    } else {
        FeatureOutcome { delta: -0.15, detail: "different gender".into(), query: q, candidate: c }
    })
}

/// Normalises an identifier for comparison: letters and digits only, upper
/// case (`AB 123-456` → `AB123456`).
pub fn normalize_identifier(value: &str) -> String {
    value.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase).collect()
}

/// Identifier types that are numbers: compared by their digits alone, so
/// that `IMO 9123456` equals `9123456`.
const NUMERIC_IDENTIFIERS: [&str; 4] = ["imoNumber", "mmsi", "innCode", "ogrnCode"];

/// The comparison key of an identifier value of property `prop`.
pub fn identifier_key(prop: &str, value: &str) -> String {
    if NUMERIC_IDENTIFIERS.contains(&prop) {
        value.chars().filter(char::is_ascii_digit).collect()
    } else {
        normalize_identifier(value)
    }
}

/// Identifier types whose values are unique and stable: an exact match is
/// strong evidence and a different value of the same type contradicts.
pub const STRONG_IDENTIFIERS: [&str; 8] =
    ["imoNumber", "innCode", "ogrnCode", "leiCode", "swiftBic", "isin", "mmsi", "registrationNumber"];

/// Compares identifiers, given as (property, value) pairs on both sides.
/// Any equal normalised value (of at least 5 characters) is a match; a
/// strong identifier type present on both sides with no equal value is a
/// contradiction.
pub fn identifiers(query: &[(String, String)], candidate: &[(String, String)]) -> Option<FeatureOutcome> {
    if query.is_empty() || candidate.is_empty() {
        return None;
    }
    for (qp, qv) in query {
        let qn = identifier_key(qp, qv);
        if qn.len() < 5 {
            continue;
        }
        for (cp, cv) in candidate {
            let cn = identifier_key(cp, cv);
            // A BIC matches with or without its branch code.
            let equal = cn == qn
                || (qp == "swiftBic" && cp == "swiftBic" && qn.len() >= 8 && cn.len() >= 8 && qn[..8] == cn[..8]);
            if equal {
                return Some(FeatureOutcome {
                    delta: 1.0,
                    detail: format!("same identifier ({qp} / {cp})"),
                    query: qv.clone(),
                    candidate: cv.clone(),
                });
            }
        }
    }
    for (qp, qv) in query {
        if !STRONG_IDENTIFIERS.contains(&qp.as_str()) {
            continue;
        }
        let same_type: Vec<&(String, String)> = candidate.iter().filter(|(cp, _)| cp == qp).collect();
        if let Some((_, cv)) = same_type.first() {
            return Some(FeatureOutcome {
                delta: -0.2,
                detail: format!("different {qp}"),
                query: qv.clone(),
                candidate: cv.clone(),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> FuzzyDate {
        s.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn dates() {
        let delta = |a: &str, b: &str| birth_dates(&[d(a)], &[d(b)]).map(|o| o.delta).unwrap_or(0.0);
        assert!(delta("1952-10-07", "1952-10-07") > 0.0);
        assert!(delta("1952-07-10", "1952-10-07") > 0.0);
        assert!(delta("1952", "1952-10-07") > 0.0);
        assert!(delta("1960-01-01", "1952-10-07") < -0.2);
        assert!(delta("1957~", "1958") > 0.0);
        assert!(delta("1955/1958", "1957") > 0.0);
    }

    #[test]
    fn ids() {
        let q = vec![("imoNumber".to_string(), "IMO 9123456".to_string())];
        let c = vec![("imoNumber".to_string(), "9123456".to_string())];
        assert!(identifiers(&q, &c).is_some_and(|o| o.delta > 0.5));
        let c2 = vec![("imoNumber".to_string(), "9999999".to_string())];
        assert!(identifiers(&q, &c2).is_some_and(|o| o.delta < 0.0));
    }
}
