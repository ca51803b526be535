//! An upper bound of a name comparison's score, at a fraction of its cost.
//!
//! A comparison ([`crate::compare::compare_score`]) credits only the parts
//! that pair with a part of the other name (single or two written
//! together) at a similarity of 0.8 or more, and two parts can reach 0.8
//! only if their lengths and letters allow a Jaro–Winkler similarity of
//! 0.75 ([`crate::matcher::could_reach_floor`]: every boost above it — a
//! typo, a reversal, a phonetic or romanisation variant — starts from
//! there) or, for an initial, if they begin alike. Counting every part
//! that may pair as fully credited, and every other part as unmatched at
//! the lowest cost the comparison gives it, bounds the score from above:
//! a search with a minimum score leaves out the candidates whose bound
//! stays below it without comparing them.

use crate::compare::{CompareParams, SUBSTITUTION_EXTRA, TITLED_SHARE, acronym_score};
use crate::matcher::could_reach_floor;
use crate::prepare::{NameForm, Token, TokenKind};

/// Absorbs float rounding: the bound sums the weights in another order
/// than the comparison.
const ROUNDING_MARGIN: f32 = 1e-4;

/// Parts per form the bound tracks (one bit each); longer forms are not bounded.
const MAX_PARTS: usize = 64;

/// An upper bound of `compare_score(q, c, params)`: never below it.
pub fn compare_bound(q: &NameForm, c: &NameForm, params: CompareParams) -> f32 {
    if q.tokens.len() > MAX_PARTS || c.tokens.len() > MAX_PARTS {
        return 1.0;
    }
    let (q_pairable, c_pairable) = pairable(q, c, params);
    let q_total = q.total_weight();
    let matched = weight_of(q, q_pairable);
    let q_left = (q_total - matched).max(0.0);
    let c_left = (c.total_weight() - weight_of(c, c_pairable)).max(0.0);
    // The comparison's denominator with the fewest unmatched parts and the
    // lowest shares it may use (it raises them for one-word and syllabic
    // names, and for many extra candidate parts; it lowers the candidate's
    // for a titled query).
    let substituted = q_left.min(c_left);
    let titled = !q.titles.is_empty() && q.tokens.iter().filter(|t| t.kind == TokenKind::Word).count() == 1;
    let candidate_share =
        if titled { params.unmatched_candidate_share.min(TITLED_SHARE) } else { params.unmatched_candidate_share };
    let candidate_extra = (c_left - substituted).min(q_total * 1.5);
    let denominator = matched
        + substituted * (1.0 + SUBSTITUTION_EXTRA)
        + params.unmatched_query_share * (q_left - substituted)
        + candidate_share * candidate_extra;
    let by_parts = if denominator > 0.0 { matched / denominator + ROUNDING_MARGIN } else { 0.0 };
    // Names with no part in common may still be an acronym of each other.
    let acronym = if params.acronyms { acronym_score(q, c).max(acronym_score(c, q)) } else { 0.0 };
    by_parts.max(acronym).min(1.0)
}

/// The summed weight of the parts of `form` in `parts` (bit `i` for part `i`).
fn weight_of(form: &NameForm, parts: u64) -> f32 {
    form.tokens.iter().enumerate().filter(|(i, _)| parts >> i & 1 == 1).map(|(_, t)| t.weight).sum()
}

/// Whether two parts (single or joined) may pair: reach the similarity
/// of 0.8 a pair needs.
fn may_pair(a: &Token, b: &Token) -> bool {
    match (a.kind, b.kind) {
        (TokenKind::Number, TokenKind::Number) => a.text == b.text,
        (TokenKind::Number, _) | (_, TokenKind::Number) => false,
        (TokenKind::Initial, _) | (_, TokenKind::Initial) => a.first_char() == b.first_char(),
        _ => could_reach_floor(a, b),
    }
}

/// The units of a form: each part (bit set of one part) and each pair of
/// neighbours written together (bit set of both).
fn units(form: &NameForm) -> impl Iterator<Item = (u64, &Token)> {
    let single = form.tokens.iter().enumerate().map(|(i, t)| (1u64 << i, t));
    let joined = form.joined.iter().enumerate().filter_map(|(i, t)| t.as_ref().map(|t| (3u64 << i, t)));
    single.chain(joined)
}

/// The parts of `q` and of `c` that may pair with a part of the other,
/// alone or written together with a neighbour, as bit sets; numbers
/// also pair as series marks when `params` allow.
fn pairable(q: &NameForm, c: &NameForm, params: CompareParams) -> (u64, u64) {
    let (mut q_parts, mut c_parts) = (0u64, 0u64);
    for (qs, a) in units(q) {
        for (cs, b) in units(c) {
            if (qs & !q_parts != 0 || cs & !c_parts != 0) && may_pair(a, b) {
                q_parts |= qs;
                c_parts |= cs;
            }
        }
    }
    if params.numbers_are_series {
        let numbers = |f: &NameForm| {
            f.tokens.iter().enumerate().filter(|(_, t)| t.kind == TokenKind::Number).fold(0u64, |m, (i, _)| m | 1 << i)
        };
        let (qn, cn) = (numbers(q), numbers(c));
        if qn != 0 && cn != 0 {
            q_parts |= qn;
            c_parts |= cn;
        }
    }
    (q_parts, c_parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::compare_score;
    use crate::prepare::{NameContext, prepare};
    use seisai_model::Schema;

    /// Persons, organisations and vessels compared as the scorer does.
    fn params(schema: &Schema) -> CompareParams {
        match schema {
            Schema::Person => CompareParams { unmatched_candidate_share: 0.2, unmatched_query_share: 0.2, numbers_are_series: false, acronyms: false },
            Schema::Vessel => CompareParams { unmatched_candidate_share: 0.6, unmatched_query_share: 0.7, numbers_are_series: false, acronyms: false },
            _ => CompareParams { unmatched_candidate_share: 0.6, unmatched_query_share: 0.7, numbers_are_series: true, acronyms: true },
        }
    }

    #[test]
    fn the_bound_is_never_below_the_score() {
        let ctx = NameContext::without_dictionaries();
        let names = [
            "Vladimir Vladimirovich PUTIN", "Putin Vladimir", "Wladimir Putin", "V. Putin", "Vladimir P.", "PolPot", "Pol Pot",
            "Abu Bakr al-Baghdadi", "Abubakr Albaghdadi", "Ivan Petrov", "Ivana Petrova", "Iwan Petrow", "Petr Ivanov",
            "Mortgage Loan Trust 2004-1", "Mortgage Loan Trust 2004-2", "North Star 5", "North Star 6", "PLA",
            "People's Liberation Army", "Bowne Global Solutions (Sweden)", "Bowne Global Solutions (Finland)", "Bill Cates",
            "Bill Gates", "President Erdogan", "Recep Tayyip Erdogan", "John P. Walters", "John Perez", "Li Yi", "Yi Li",
            "Kim Jong Un", "Kim Jong-un", "Al Zawahiri", "Alzawahiri", "Ayman al-Zawahiri", "Acme Trading LLC", "Acme",
        ];
        for schema in [Schema::Person, Schema::Organization, Schema::Vessel] {
            let forms: Vec<_> = names.iter().flat_map(|n| prepare(n, &schema, &ctx)).collect();
            for q in &forms {
                for c in &forms {
                    let p = params(&schema);
                    let (score, bound) = (compare_score(q, c, p), compare_bound(q, c, p));
                    assert!(score <= bound, "{} / {} ({schema:?}): score {score} above its bound {bound}", q.latin, c.latin);
                }
            }
        }
    }

    #[test]
    fn names_without_a_part_in_common_are_bounded_low() {
        let ctx = NameContext::without_dictionaries();
        let form = |n: &str| prepare(n, &Schema::Person, &ctx).into_iter().next();
        let (Some(q), Some(c)) = (form("Patricia Lucas Wheeler"), form("Lucas Gomez")) else { panic!("no form") };
        let p = params(&Schema::Person);
        assert!(compare_bound(&q, &c, p) < 0.7, "{}", compare_bound(&q, &c, p));
        assert!(compare_bound(&q, &q, p) >= 1.0);
    }
}
