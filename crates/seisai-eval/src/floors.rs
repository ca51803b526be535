//! Regression floors: the evaluation figures the engine must not fall
//! below. They are the figures measured when they were set (see
//! BENCHMARKS.md), rounded down; the product targets (F1 ≥ 0.93, ≥ 99 %
//! of UN positives, all 81 Putin spellings, ≤ 0.1 % false alerts) are
//! higher and tracked there. Raise a floor whenever the engine improves.

/// Minimum F1 on `name-pairs-826.csv` at the default threshold.
pub const PAIRS_F1: f64 = 0.928;
/// Minimum accuracy on `entity-checks.yml` at the default threshold.
pub const CHECKS_ACCURACY: f64 = 0.895;
/// Minimum share of `positives-un-untreated.csv` found as a match.
pub const UN_UNTREATED: f64 = 0.99;
/// Minimum share of `positives-un-treated.csv` found as a match.
pub const UN_TREATED: f64 = 0.99;
/// Minimum number of the 81 Putin spellings that find the entity.
pub const PUTIN_FOUND: usize = 81;
/// Rows of each negatives file screened by the floor test.
pub const NEGATIVE_ROWS: usize = 5000;
/// Maximum false-alert rate on the first rows of `negatives-global.csv`
/// (2 of 5,000 now).
pub const NEGATIVES_GLOBAL_MAX: f64 = 0.0006;
/// Maximum false-alert rate on the first rows of `negatives-us.csv`
/// (1 of 5,000 now).
pub const NEGATIVES_US_MAX: f64 = 0.0004;

/// Minimum share of the katakana names of Japan's MOF list that find
/// their entry among its Latin names ([`crate::cross_script`]; 1,786 of
/// 2,009 on 2026-11-30).
pub const CROSS_SCRIPT_JP_MOF: f64 = 0.88;

/// Minimum share of misspelt listed names that find their entity, per kind
/// of perturbation ([`crate::perturb`], 1,000 names of the main sanctions
/// lists, fixed seed). Measured 2026-11-29 after legal forms were read in
/// any order, misspelt and glued to a neighbour, swapped letters counted as
/// one edit and words without their vowels read (BENCHMARKS.md).
pub const PERTURBED_RECALL: &[(crate::perturb::Kind, f64)] = {
    use crate::perturb::Kind::*;
    &[
        (Unchanged, 1.0),
        (Typo, 0.98),
        (TwoTypos, 0.87),
        (Ocr, 0.95),
        (VowelDropped, 0.95),
        (VowelsDropped, 0.94),
        (PartDropped, 0.8),
        (PartsSwapped, 0.99),
        (Homoglyph, 0.99),
        (Invisible, 0.99),
        (Spacing, 0.98),
        (Cyrillic, 0.97),
        (Katakana, 0.94),
        (Chinese, 0.91),
    ]
};

#[cfg(test)]
mod tests {
    use super::*;
    use seisai_matching::NameContext;

    #[test]
    fn evaluation_stays_above_floors() {
        let (Some(data), Some(eval)) = (
            seisai_model::testdata::dir("evaluation floors"),
            seisai_model::testdata::eval_dir("evaluation floors"),
        ) else {
            return;
        };
        let ctx = NameContext::load_default();
        let report = match crate::run::run(&data, &eval, &ctx, Some(NEGATIVE_ROWS)) {
            Ok(r) => r,
            Err(e) => panic!("evaluation failed: {e:#}"),
        };
        crate::run::print(&report);
        assert!(report.load_errors.is_empty(), "lists failed to load: {:?}", report.load_errors);
        let f1 = report.pairs.as_ref().map(|p| p.overall.f1()).unwrap_or(0.0);
        assert!(f1 >= PAIRS_F1, "name-pairs F1 {f1:.3} < floor {PAIRS_F1}");
        let accuracy = report.checks.as_ref().map(|c| c.accuracy()).unwrap_or(0.0);
        assert!(accuracy >= CHECKS_ACCURACY, "entity-checks accuracy {accuracy:.3} < floor {CHECKS_ACCURACY}");
        let rate = |name: &str| report.sets.get(name).map(|r| r.rate).unwrap_or(0.0);
        assert!(rate("positives-un-untreated.csv") >= UN_UNTREATED, "UN untreated {:.4}", rate("positives-un-untreated.csv"));
        assert!(rate("positives-un-treated.csv") >= UN_TREATED, "UN treated {:.4}", rate("positives-un-treated.csv"));
        let putin = report.sets.get("putin-name-variants.txt").map(|r| r.matched).unwrap_or(0);
        assert!(putin >= PUTIN_FOUND, "Putin spellings found {putin} < floor {PUTIN_FOUND}");
        let alerts = |name: &str| report.sets.get(name).map(|r| 1.0 - r.rate).unwrap_or(1.0);
        assert!(alerts("negatives-global.csv") <= NEGATIVES_GLOBAL_MAX, "global false alerts {:.4}", alerts("negatives-global.csv"));
        assert!(alerts("negatives-us.csv") <= NEGATIVES_US_MAX, "US false alerts {:.4}", alerts("negatives-us.csv"));
        for (kind, floor) in PERTURBED_RECALL {
            let recall = report.perturbed.get(kind).map(|r| r.recall()).unwrap_or(0.0);
            assert!(recall >= *floor, "perturbed names ({}) found {recall:.4} < floor {floor}", kind.label());
        }
        assert_eq!(report.perturbed.len(), PERTURBED_RECALL.len(), "a kind of perturbation has no floor");
        let cross = report.cross_script.as_ref().map(|r| (r.recall(), r.queries)).unwrap_or_default();
        assert!(cross.1 > 1000 && cross.0 >= CROSS_SCRIPT_JP_MOF, "jp_mof katakana names found {:.4} of {} < floor {CROSS_SCRIPT_JP_MOF}", cross.0, cross.1);
    }
}
