//! Oil cargoes: the price cap in force on the date (with transitional
//! rules and the Sakhalin-2 exemption), origin by the last change of the
//! 4-digit HS heading.

use chrono::Days;

use super::parties::ListMode;
use super::{Ctx, country_code};
use crate::decision::{FieldRef, Outcome};
use crate::documents::OilCargo;
use crate::goods::{hs_matches, normalise_hs};
use crate::policy::{MeasureKind, PriceCap};
use crate::screening::{Identifier, PartyKind, PartyQuery};

impl<'e> Ctx<'e> {
    pub(crate) fn oil(&mut self, c: &OilCargo) {
        for (i, p) in c.parties.iter().enumerate() {
            self.screen_party(p, &format!("/parties/{i}"), ListMode::Indicator);
        }
        if let Some(v) = &c.vessel {
            let query = PartyQuery {
                names: vec![v.name.clone()],
                kind: PartyKind::Unknown,
                identifiers: v.imo.iter().map(|i| Identifier { kind: "imoNumber".into(), value: i.clone() }).collect(),
                ..Default::default()
            };
            self.screen(query, vec![FieldRef { location: "/vessel/name".into(), value: v.name.clone() }], &[], ListMode::Indicator);
        }
        let Some(hs) = normalise_hs(&c.hs_code) else {
            self.reasons.push(super::trade::missing("/hs_code".into(), "not an HS code: the price cap could not be checked"));
            return;
        };
        if !(c.price_usd_per_bbl.is_finite() && c.price_usd_per_bbl >= 0.0) {
            self.reasons.push(super::trade::missing("/price_usd_per_bbl".into(), "price is not a non-negative number: the price cap could not be checked"));
            return;
        }
        let product = c.product.as_deref().map(|p| p.trim().to_lowercase());
        for (policy, m) in self.active(MeasureKind::PriceCap) {
            // Origin: where the 4-digit heading last changed.
            let mut origin = country_code(&c.origin_country);
            let mut origin_note = format!("origin {}", c.origin_country);
            if m.scope.origin_rule.as_deref() == Some("last_hs4_change")
                && let (Some(refined), Some(before)) = (c.refined_in.as_deref(), c.hs_before_refining.as_deref().and_then(normalise_hs))
                && before.get(..4) != hs.get(..4)
            {
                origin = country_code(refined);
                origin_note = format!("origin {refined}: HS heading changed from {} to {} there", before.get(..4).unwrap_or(""), hs.get(..4).unwrap_or(""));
            }
            if !origin.as_ref().is_some_and(|o| m.scope.countries.contains(o)) {
                continue;
            }
            let covers = |cap: &PriceCap| match &product {
                Some(p) => *p == cap.product,
                None => cap.hs_prefixes.iter().any(|pre| hs_matches(&hs, pre)),
            };
            let day = self.as_of;
            for cap in m.scope.price_caps.iter().filter(|cap| covers(cap) && cap.from <= day && cap.until.is_none_or(|u| day < u)) {
                let mut level = cap.max_usd_per_bbl;
                let mut level_note = format!("cap USD {level:.2}/bbl from {}", cap.from);
                if let Some(t) = &cap.transitional
                    && c.loading_date < t.loaded_before
                    && c.unloading_date.is_some_and(|u| u <= t.unloaded_by)
                    && let Some(prev) = self.previous_cap(cap)
                {
                    level = prev;
                    level_note = format!("transitional rule: loaded before {} and unloaded by {}, previous cap USD {prev:.2}/bbl applies", t.loaded_before, t.unloaded_by);
                }
                let fields = vec![
                    FieldRef { location: "/price_usd_per_bbl".into(), value: format!("{}", c.price_usd_per_bbl) },
                    FieldRef { location: "/origin_country".into(), value: c.origin_country.clone() },
                ];
                let above = c.price_usd_per_bbl > level;
                let outcome = if above { m.outcome } else { Outcome::Clear };
                let summary = format!(
                    "{} at USD {:.2}/bbl {} {level_note} ({origin_note}): {}",
                    cap.product,
                    c.price_usd_per_bbl,
                    if above { "above" } else { "within" },
                    m.title
                );
                let r = self.cite(policy, m, outcome, summary, fields);
                let r = self.with_exception(m, r, &[], c.project.as_deref());
                self.reasons.push(r);
            }
        }
    }

    /// The level of the same product's cap on the day before `cap` started.
    fn previous_cap(&self, cap: &PriceCap) -> Option<f64> {
        let before = cap.from.checked_sub_days(Days::new(1))?;
        self.engine
            .policies
            .iter()
            .flat_map(|p| p.file.measure.iter())
            .flat_map(|m| m.scope.price_caps.iter())
            .find(|c| c.product == cap.product && c.from <= before && c.until.is_none_or(|u| before < u))
            .map(|c| c.max_usd_per_bbl)
    }
}
