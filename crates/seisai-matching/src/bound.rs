//! An upper bound of a name comparison's score, at a fraction of its cost.
//!
//! A comparison ([`crate::compare::compare_score`]) credits only the query
//! parts that pair with a part of the candidate (each alone or written
//! together with a neighbour) at a similarity of 0.8 or more. Two parts
//! reach it only if their Jaro–Winkler similarity can reach 0.75 — every
//! boost above it (a typo, a reversal, a phonetic variant) starts from
//! there — or they are one name in two romanisations; for an initial, if
//! they begin alike. The Jaro–Winkler similarity is bounded from the
//! lengths, the letters and the common prefix alone. A pair involving two
//! parts written together earns at most the credit of
//! [`JOINED_SIMILARITY`] unless the texts are equal. Counting every part
//! that may pair as earning the most it can, and every other part as
//! unmatched at the lowest cost the comparison gives it, bounds the score
//! from above: a search with a minimum score leaves out the candidates
//! whose bound stays at or below it without comparing them.

use crate::compare::{CompareParams, JOINED_SIMILARITY, SUBSTITUTION_EXTRA, acronym_score, candidate_share_of, credit};
use crate::matcher::jaro_winkler_may_reach_floor;
use crate::prepare::{NameForm, Token, TokenKind};

/// Absorbs float rounding: the bound sums the weights in another order
/// than the comparison.
const ROUNDING_MARGIN: f32 = 1e-4;

/// Parts per form the bound tracks (one bit each); longer forms are not bounded.
const MAX_PARTS: usize = 64;

/// The most a joined pair adds to its similarity to prefer single parts at equal similarity.
const TIE_BREAK: f32 = 0.001;

/// An upper bound of `compare_score(q, c, params)`: never below it.
pub fn compare_bound(q: &NameForm, c: &NameForm, params: CompareParams) -> f32 {
    if q.tokens.len() > MAX_PARTS || c.tokens.len() > MAX_PARTS {
        return 1.0;
    }
    let pairs = Pairable::of(q, c, params);
    let by_parts = bound_by_parts(q, c, params, &pairs);
    // Names with no part in common may still be an acronym of each other.
    let acronym = if params.acronyms { acronym_score(q, c).max(acronym_score(c, q)) } else { 0.0 };
    by_parts.max(acronym).min(1.0)
}

/// The parts of two forms that may pair (bit `i` for part `i`).
struct Pairable {
    /// Query parts that may earn full credit (paired alone, or written
    /// together with a neighbour exactly as the other side's unit).
    query_full: u64,
    /// Query parts that may earn at most the credit of a joined pair.
    query_joined: u64,
    /// Candidate parts that may be used by a pair.
    candidate: u64,
}

impl Pairable {
    fn of(q: &NameForm, c: &NameForm, params: CompareParams) -> Self {
        let mut p = Pairable { query_full: 0, query_joined: 0, candidate: 0 };
        let syllabic = q.syllabic || c.syllabic;
        for (qs, a) in units(q) {
            for (cs, b) in units(c) {
                let single = qs.count_ones() == 1 && cs.count_ones() == 1;
                let known = qs & !p.query_full == 0 && cs & !p.candidate == 0;
                if known || !may_pair(a, b) {
                    continue;
                }
                p.candidate |= cs;
                if single || a.text == b.text {
                    p.query_full |= qs;
                } else if !syllabic {
                    // Syllables of Chinese and Korean names joined must be equal.
                    p.query_joined |= qs;
                }
            }
        }
        if !syllabic {
            p.allow_one_defect(q, c);
        }
        if params.numbers_are_series {
            // Different numbers pair as one series mark for another.
            let (qn, cn) = (numbers(q), numbers(c));
            if qn != 0 && cn != 0 {
                p.query_full |= qn;
                p.candidate |= cn;
            }
        }
        p.query_joined &= !p.query_full;
        p
    }
}

impl Pairable {
    /// A name with one small defect (`small_defect` in the comparison):
    /// when every query part but one word pairs in full, that word may
    /// earn a defect's credit with the one candidate word left.
    fn allow_one_defect(&mut self, q: &NameForm, c: &NameForm) {
        let all = if q.tokens.len() == MAX_PARTS { u64::MAX } else { (1u64 << q.tokens.len()) - 1 };
        let left = all & !self.query_full;
        let word = |i: u32| q.tokens.get(i as usize).is_some_and(|t| t.kind == TokenKind::Word);
        if left.count_ones() == 1 && word(left.trailing_zeros()) {
            self.query_full |= left;
            self.candidate |= words(c);
        }
    }
}

/// The words of a form, as a bit set.
fn words(form: &NameForm) -> u64 {
    form.tokens.iter().enumerate().filter(|(_, t)| t.kind == TokenKind::Word).fold(0, |m, (i, _)| m | 1 << i)
}

/// The numbers of a form, as a bit set.
fn numbers(form: &NameForm) -> u64 {
    form.tokens.iter().enumerate().filter(|(_, t)| t.kind == TokenKind::Number).fold(0, |m, (i, _)| m | 1 << i)
}

/// The bound of the comparison's ratio of credit earned to weight: the
/// query parts used have a weight between nothing and all that may pair;
/// for a given weight, the most credit is that of the parts earning most,
/// and the least denominator that of the fewest candidate parts left over
/// at the lowest shares the comparison uses (it raises them for one-word
/// and syllabic names and for many extra candidate parts, and lowers the
/// candidate's for a titled query). Both are piecewise linear in the
/// weight used, so the ratio is largest at a break of either.
fn bound_by_parts(q: &NameForm, c: &NameForm, params: CompareParams, p: &Pairable) -> f32 {
    let total = q.total_weight();
    let full = weight_of(q, p.query_full);
    let joined = weight_of(q, p.query_joined);
    let joined_credit = credit(JOINED_SIMILARITY + TIE_BREAK);
    let c_left = (c.total_weight() - weight_of(c, p.candidate)).max(0.0);
    let candidate_share = candidate_share_of(q, params.unmatched_candidate_share);
    let ratio = |used: f32| {
        let earned = used.min(full) + joined_credit * (used - full).max(0.0);
        let q_left = (total - used).max(0.0);
        let substituted = q_left.min(c_left);
        let denominator = used
            + substituted * (1.0 + SUBSTITUTION_EXTRA)
            + params.unmatched_query_share * (q_left - substituted)
            + candidate_share * (c_left - substituted).min(total * 1.5);
        if denominator > 0.0 { earned / denominator } else { 0.0 }
    };
    let most = full + joined;
    let breaks = [full, most, total - c_left, total - c_left + total * 1.5];
    let best = breaks.iter().map(|&used| ratio(used.clamp(0.0, most))).fold(0.0f32, f32::max);
    if best > 0.0 { best + ROUNDING_MARGIN } else { 0.0 }
}

/// The summed weight of the parts of `form` in `parts` (bit `i` for part `i`).
fn weight_of(form: &NameForm, parts: u64) -> f32 {
    form.tokens.iter().enumerate().filter(|(i, _)| parts >> i & 1 == 1).map(|(_, t)| t.weight).sum()
}

/// Whether two parts (single or joined) may pair: reach the similarity
/// of 0.8 a pair needs (see [`crate::compare::part_similarity`]).
fn may_pair(a: &Token, b: &Token) -> bool {
    match (a.kind, b.kind) {
        (TokenKind::Number, TokenKind::Number) => a.text == b.text,
        (TokenKind::Number, _) | (_, TokenKind::Number) => false,
        (TokenKind::Initial, _) | (_, TokenKind::Initial) => a.first_char() == b.first_char(),
        _ => (a.skeleton != 0 && a.skeleton == b.skeleton) || jaro_winkler_may_reach_floor(a, b),
    }
}

/// The units of a form: each part (bit set of one part) and each pair of
/// neighbours written together (bit set of both).
fn units(form: &NameForm) -> impl Iterator<Item = (u64, &Token)> {
    let single = form.tokens.iter().enumerate().map(|(i, t)| (1u64 << i, t));
    let joined = form.joined.iter().enumerate().filter_map(|(i, t)| t.as_ref().map(|t| (3u64 << i, t)));
    single.chain(joined)
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
