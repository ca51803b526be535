//! The engine: applies the measures in force on a date to a document.
//!
//! [`Engine::check`] dispatches on the document kind; each kind has its own
//! module. Shared rules live here: which measures are in force, list hits →
//! measures (asset freezes, the 50 % rule, list-based export bans), regions →
//! measures, goods → measures, exceptions.

mod goods_rules;
mod oil;
mod parties;
mod payment;
mod securities;
mod trade;

use std::sync::Arc;

use chrono::NaiveDate;

use crate::decision::{Decision, FieldRef, Outcome, Reason};
use crate::documents::Document;
use crate::policy::{Exception, Measure, MeasureKind, Policy};
use crate::region::Gazetteer;
use crate::screening::PartyScreener;

/// Score thresholds for list hits.
#[derive(Clone, Copy, Debug)]
pub struct EngineOptions {
    /// Hits below this score are ignored.
    pub review_score: f64,
    /// Hits at or above this score apply the measure's outcome; between the
    /// two they route to REVIEW.
    pub confirm_score: f64,
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions { review_score: 0.70, confirm_score: 0.90 }
    }
}

/// The measures engine.
pub struct Engine {
    policies: Arc<[Policy]>,
    screener: Arc<dyn PartyScreener>,
    gazetteer: &'static Gazetteer,
    options: EngineOptions,
}

impl Engine {
    /// An engine over some policies, asking `screener` about parties.
    /// The policies may be shared (`Arc<[Policy]>`), so that an engine per
    /// request costs no copy of them.
    pub fn new(policies: impl Into<Arc<[Policy]>>, screener: Arc<dyn PartyScreener>) -> Engine {
        Engine { policies: policies.into(), screener, gazetteer: Gazetteer::builtin(), options: EngineOptions::default() }
    }

    /// Replaces the score thresholds.
    pub fn with_options(mut self, options: EngineOptions) -> Engine {
        self.options = options;
        self
    }

    /// The loaded policies.
    pub fn policies(&self) -> &[Policy] {
        &self.policies
    }

    /// The measures in force on `as_of` (all measures when `None`), in
    /// policy order.
    pub fn measures(&self, as_of: Option<NaiveDate>) -> Vec<&Measure> {
        self.policies
            .iter()
            .flat_map(|p| p.file.measure.iter())
            .filter(|m| as_of.is_none_or(|d| m.in_force_on(d)))
            .collect()
    }

    /// Checks a document against the measures in force on `as_of` (default:
    /// the document's own date — trade, settlement, trade or loading date —
    /// else today).
    pub fn check(&self, document: &Document, as_of: Option<NaiveDate>) -> Decision {
        let own_date = match document {
            Document::Party(_) => None,
            Document::Trade(t) => t.date,
            Document::Payment(p) => p.date,
            Document::SecuritiesOrder(s) => s.trade_date,
            Document::OilCargo(o) => Some(o.loading_date),
        };
        let day = as_of.or(own_date).unwrap_or_else(|| chrono::Local::now().date_naive());
        let mut ctx = Ctx { engine: self, as_of: day, reasons: Vec::new(), fields: 0 };
        let (reference, lines) = match document {
            Document::Party(p) => {
                ctx.party_document(p);
                (p.id.clone(), 0)
            }
            Document::Trade(t) => {
                ctx.trade(t);
                (t.reference.clone(), t.lines.len())
            }
            Document::Payment(m) => {
                ctx.payment(m);
                (m.reference.clone(), 0)
            }
            Document::SecuritiesOrder(s) => {
                ctx.securities(s);
                (s.reference.clone(), 0)
            }
            Document::OilCargo(o) => {
                ctx.oil(o);
                (o.reference.clone(), 0)
            }
        };
        let policies = self.policies.iter().map(Policy::label).collect();
        Decision::from_reasons(document.kind(), reference, day, ctx.reasons, lines, policies, ctx.fields)
    }
}

/// The state of one check.
pub(crate) struct Ctx<'e> {
    engine: &'e Engine,
    as_of: NaiveDate,
    reasons: Vec<Reason>,
    fields: usize,
}

impl<'e> Ctx<'e> {
    /// Measures of a kind in force on the as-of date, with their policy.
    fn active(&self, kind: MeasureKind) -> Vec<(&'e Policy, &'e Measure)> {
        let day = self.as_of;
        self.engine
            .policies
            .iter()
            .flat_map(|p| p.file.measure.iter().map(move |m| (p, m)))
            .filter(|(_, m)| m.kind == kind && m.in_force_on(day))
            .collect()
    }

    /// A reason citing a measure.
    fn cite(&self, policy: &Policy, m: &Measure, outcome: Outcome, summary: String, fields: Vec<FieldRef>) -> Reason {
        Reason {
            outcome,
            measure_id: Some(m.id.clone()),
            policy: Some(policy.label()),
            kind: Some(m.kind.as_str().to_string()),
            title: Some(m.title.clone()),
            title_ja: m.title_ja.clone(),
            legal_basis: m.legal_basis.clone(),
            legal_basis_ja: m.legal_basis_ja.clone(),
            effective: Some(m.effective),
            ended: m.ended,
            uncertain: m.uncertain,
            summary: if m.red_flag { format!("red flag: {summary}") } else { summary },
            list: None,
            fields,
            line: None,
        }
    }

    /// The exception of a measure that applies to declared purposes/project on the as-of date.
    fn exception(&self, m: &'e Measure, purposes: &[String], project: Option<&str>) -> Option<&'e Exception> {
        let norm = |s: &str| s.trim().to_lowercase().replace([' ', '_'], "-");
        m.exceptions.iter().find(|e| {
            e.valid_until.is_none_or(|u| self.as_of <= u)
                && (e.purposes.iter().any(|p| purposes.iter().any(|q| norm(q) == norm(p)))
                    || project.is_some_and(|pr| e.projects.iter().any(|p| norm(p) == norm(pr))))
        })
    }

    /// Applies an exception (if any) to a reason's outcome and summary.
    fn with_exception(&self, m: &'e Measure, mut reason: Reason, purposes: &[String], project: Option<&str>) -> Reason {
        if let Some(e) = self.exception(m, purposes, project) {
            reason.outcome = e.outcome;
            reason.summary = format!("{}; exception {:?} applies: {}", reason.summary, e.id, e.description);
        }
        reason
    }
}

/// ISO alpha-2 (upper case) of a country code or name.
pub(crate) fn country_code(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    seisai_model::country::to_code(t).map(str::to_ascii_uppercase)
}

#[cfg(test)]
mod tests;
