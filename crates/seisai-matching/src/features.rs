//! Secondary evidence: birth dates, countries, gender, identifiers.
//!
//! Each comparison returns an adjustment to the name score (positive for
//! agreement, negative for contradiction, zero when a side is missing) and
//! a human-readable detail for the explanation.

use chrono::Datelike;
use seisai_model::FuzzyDate;
use smallvec::SmallVec;

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

/// A birth date prepared once per entity for comparison: the date, and
/// the calendar bounds a comparison reads, as numbers (calendar dates are
/// not built again for every pair compared).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BirthDate {
    /// The date as given.
    pub date: FuzzyDate,
    /// The first and last days it can mean (days from the common era).
    days: (i32, i32),
    /// The years it can mean, one more on each side when approximate.
    years: (i32, i32),
    /// Whether it is a single day (no range, known to the day).
    single_day: bool,
}

impl From<FuzzyDate> for BirthDate {
    fn from(date: FuzzyDate) -> Self {
        let (earliest, latest) = (date.earliest(), date.latest());
        let slack = i32::from(date.approximate);
        BirthDate {
            date,
            days: (earliest.num_days_from_ce(), latest.num_days_from_ce()),
            years: (earliest.year() - slack, latest.year() + slack),
            single_day: date.end.is_none() && date.precision() == seisai_model::DatePrecision::Day,
        }
    }
}

/// Compares birth dates: an exact day match supports the match; dates that
/// cannot be the same day (years two or more apart, or different days known
/// to the day) contradict it. Day and month swapped counts as agreement
/// of lower weight; approximate dates allow a year either side.
pub fn birth_dates(query: &[BirthDate], candidate: &[BirthDate]) -> Option<FeatureOutcome> {
    let (delta, detail, q, c) = best_birth_dates(query, candidate)?;
    Some(FeatureOutcome { delta, detail: detail.to_string(), query: q.date.to_string(), candidate: c.date.to_string() })
}

/// The adjustment of [`birth_dates`] alone, without the explanation (the
/// fast path for ranking candidates).
pub fn birth_dates_delta(query: &[BirthDate], candidate: &[BirthDate]) -> Option<f32> {
    best_birth_dates(query, candidate).map(|(delta, ..)| delta)
}

/// The best-agreeing pair of dates: (delta, detail, query date, candidate date).
fn best_birth_dates<'a>(query: &'a [BirthDate], candidate: &'a [BirthDate]) -> Option<(f32, &'static str, &'a BirthDate, &'a BirthDate)> {
    let mut best: Option<(f32, &'static str, &BirthDate, &BirthDate)> = None;
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

fn compare_dates(q: &BirthDate, c: &BirthDate) -> (f32, &'static str) {
    if q.single_day && c.single_day {
        let (qs, cs) = (q.date.start, c.date.start);
        if qs == cs {
            return (0.06, "same birth date");
        }
        if qs.year == cs.year && qs.month == cs.day && qs.day == cs.month {
            return (0.02, "same birth date with day and month swapped");
        }
        if qs.year == cs.year {
            return (-0.08, "same birth year, different day");
        }
    }
    // Whether the two can mean the same day.
    if q.days.0 <= c.days.1 && c.days.0 <= q.days.1 {
        return (0.03, "birth dates agree within their precision");
    }
    let ((q0, q1), (c0, c1)) = (q.years, c.years);
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

/// Country codes (nationality, citizenship, country) prepared once per
/// entity: the codes, and each packed into a number when all fit (ISO
/// codes always do), kept inline for one or two countries: compared
/// without string comparisons or reading the heap.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Countries {
    /// The codes, sorted, without repeats (unknown countries as given, lower case).
    pub codes: Vec<String>,
    /// [`pack`] of each code, when every code fits.
    packed: Option<SmallVec<[u64; 2]>>,
}

/// A text of at most 7 bytes as a number (its bytes and its length): equal
/// numbers for equal texts, and none for a longer text.
fn pack(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    (bytes.len() < 8).then(|| bytes.iter().rev().fold(bytes.len() as u64, |n, &b| (n << 8) | u64::from(b)))
}

impl Countries {
    /// The countries of these codes (sorted and made distinct here).
    pub fn new(mut codes: Vec<String>) -> Self {
        codes.sort();
        codes.dedup();
        let packed = codes.iter().map(|c| pack(c)).collect::<Option<SmallVec<[u64; 2]>>>();
        Countries { codes, packed }
    }

    /// Whether there is no country.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The packed codes a comparison reads (inline for one or two
    /// countries, else on the heap); empty when some code does not pack.
    pub(crate) fn packed(&self) -> &[u64] {
        self.packed.as_deref().unwrap_or_default()
    }

    /// Whether the two share a country.
    fn share(&self, other: &Countries) -> bool {
        match (&self.packed, &other.packed) {
            (Some(a), Some(b)) => a.iter().any(|x| b.contains(x)),
            _ => self.codes.iter().any(|q| other.codes.contains(q)),
        }
    }
}

/// Compares country codes (nationality, citizenship, country): a shared
/// country supports the match, disjoint sets weaken it.
pub fn countries(query: &Countries, candidate: &Countries) -> Option<FeatureOutcome> {
    let (query, candidate) = (&query.codes, &candidate.codes);
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
pub fn countries_delta(query: &Countries, candidate: &Countries) -> Option<f32> {
    if query.is_empty() || candidate.is_empty() {
        return None;
    }
    Some(if query.share(candidate) { 0.03 } else { COUNTRY_MISMATCH })
}

/// A gender the comparison knows (any other value is not compared).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// `male`, in any case.
    Male,
    /// `female`, in any case.
    Female,
}

impl Gender {
    /// The gender a property value names, if known.
    pub fn parse(value: &str) -> Option<Gender> {
        if value.eq_ignore_ascii_case("male") {
            Some(Gender::Male)
        } else if value.eq_ignore_ascii_case("female") {
            Some(Gender::Female)
        } else {
            None
        }
    }

    /// Its name, lower case.
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }
}

/// The adjustment of [`gender`] alone (the fast path for ranking).
pub fn gender_delta(query: Option<Gender>, candidate: Option<Gender>) -> Option<f32> {
    let (q, c) = (query?, candidate?);
    Some(if q == c { 0.0 } else { -0.15 })
}

/// Compares genders (`male`, `female`): a difference weakens the match.
pub fn gender(query: Option<Gender>, candidate: Option<Gender>) -> Option<FeatureOutcome> {
    let delta = gender_delta(query, candidate)?;
    let (q, c) = (query?.as_str().to_owned(), candidate?.as_str().to_owned());
    let detail = if delta == 0.0 { "same gender" } else { "different gender" };
    Some(FeatureOutcome { delta, detail: detail.into(), query: q, candidate: c })
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
        let delta = |a: &str, b: &str| birth_dates(&[d(a).into()], &[d(b).into()]).map(|o| o.delta).unwrap_or(0.0);
        assert!(delta("1952-10-07", "1952-10-07") > 0.0);
        assert!(delta("1952-07-10", "1952-10-07") > 0.0);
        assert!(delta("1952", "1952-10-07") > 0.0);
        assert!(delta("1960-01-01", "1952-10-07") < -0.2);
        assert!(delta("1957~", "1958") > 0.0);
        assert!(delta("1955/1958", "1957") > 0.0);
    }

    #[test]
    fn countries_packed_or_not_compare_as_their_codes() {
        let c = |codes: &[&str]| Countries::new(codes.iter().map(|c| c.to_string()).collect());
        let long = "kabul afghanistan";
        assert_eq!(countries_delta(&c(&["ru", "ua"]), &c(&["by", "ua"])), Some(0.03));
        assert_eq!(countries_delta(&c(&["ru"]), &c(&["rus"])), Some(COUNTRY_MISMATCH));
        assert_eq!(countries_delta(&c(&["", "r"]), &c(&["r\0"])), Some(COUNTRY_MISMATCH));
        assert_eq!(countries_delta(&c(&[long, "ru"]), &c(&["ru"])), Some(0.03));
        assert_eq!(countries_delta(&c(&[long]), &c(&["ru", "ir", "kp"])), Some(COUNTRY_MISMATCH));
        assert_eq!(countries_delta(&c(&[long]), &c(&[long])), Some(0.03));
        assert_eq!(countries_delta(&c(&[]), &c(&["ru"])), None);
        assert_eq!(c(&["ua", "ru", "ua"]).codes, ["ru", "ua"]);
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
