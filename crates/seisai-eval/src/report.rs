//! Confusion counts and the figures derived from them.

use serde::Serialize;

/// Counts of a binary classification against labels.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq)]
pub struct Confusion {
    /// Labelled match, predicted match.
    pub tp: usize,
    /// Labelled non-match, predicted match.
    pub fp: usize,
    /// Labelled non-match, predicted non-match.
    pub tn: usize,
    /// Labelled match, predicted non-match.
    pub fn_: usize,
}

impl Confusion {
    /// Adds one labelled prediction.
    pub fn add(&mut self, label: bool, predicted: bool) {
        match (label, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (false, false) => self.tn += 1,
            (true, false) => self.fn_ += 1,
        }
    }

    /// Precision: tp / (tp + fp), 1 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp, 1.0)
    }

    /// Recall: tp / (tp + fn), 1 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_, 1.0)
    }

    /// F1: harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    /// False-alert rate: fp / (fp + tn).
    pub fn false_alert_rate(&self) -> f64 {
        ratio(self.fp, self.fp + self.tn, 0.0)
    }

    /// Total labelled items.
    pub fn total(&self) -> usize {
        self.tp + self.fp + self.tn + self.fn_
    }
}

fn ratio(a: usize, b: usize, empty: f64) -> f64 {
    if b == 0 { empty } else { a as f64 / b as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures() {
        let mut c = Confusion::default();
        c.add(true, true);
        c.add(true, false);
        c.add(false, true);
        c.add(false, false);
        assert_eq!(c.precision(), 0.5);
        assert_eq!(c.recall(), 0.5);
        assert_eq!(c.f1(), 0.5);
        assert_eq!(c.false_alert_rate(), 0.5);
    }
}
