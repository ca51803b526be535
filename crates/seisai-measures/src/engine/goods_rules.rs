//! Goods scopes: does an HS code (or a declared Table 2-3 item) fall under
//! a measure, and do value thresholds apply.

use super::Ctx;
use crate::documents::GoodsLine;
use crate::goods::{hs_matches, normalise_hs};
use crate::policy::{GoodsScope, Policy};

/// Result of a value-threshold test.
pub(crate) enum Threshold {
    /// No threshold for this code.
    None,
    /// Above the threshold: covered.
    Above(String),
    /// At or below: not covered.
    Below,
    /// Value, quantity or currency missing or not comparable.
    Undetermined(String),
}

impl<'e> Ctx<'e> {
    /// Why an HS code (digits) or declared Table 2-3 item falls under a goods scope, if it does.
    pub(crate) fn goods_match(&self, policy: &Policy, g: &GoodsScope, hs: &str, item: Option<&str>) -> Option<String> {
        if g.exclude_hs_prefixes.iter().any(|p| hs_matches(hs, p)) {
            return None;
        }
        if g.all {
            return Some("all goods".into());
        }
        if let Some(p) = g.hs_prefixes.iter().find(|p| hs_matches(hs, p)) {
            return Some(format!("HS prefix {p}"));
        }
        if let Some(item) = item {
            let group = item.split('(').next().unwrap_or(item).trim();
            if g.table_2_3_items.iter().any(|i| i == group) {
                return Some(format!("declared Appended Table 2-3 item {item}"));
            }
        }
        for r in &g.lists {
            let Some(list) = policy.goods_list(&r.list) else { continue };
            if let Some(it) = list.items.iter().find(|it| {
                hs_matches(hs, &it.hs) && (r.tiers.is_empty() || it.tier.as_ref().is_some_and(|t| r.tiers.contains(t)))
            }) {
                return Some(format!(
                    "{} {} {}{}",
                    list.id,
                    it.tier.as_deref().unwrap_or(""),
                    it.hs,
                    if it.uncertain { " (mapping uncertain)" } else { "" }
                ));
            }
        }
        None
    }

    /// Applies the value thresholds of a goods scope to a line.
    pub(crate) fn threshold(g: &GoodsScope, hs: &str, line: &GoodsLine) -> Threshold {
        let Some(t) = g.value_thresholds.iter().find(|t| t.hs_prefixes.iter().any(|p| hs_matches(hs, p))) else {
            return Threshold::None;
        };
        let (Some(value), Some(currency)) = (line.value, line.currency.as_deref()) else {
            return Threshold::Undetermined(format!("{}: line value or currency missing", t.description));
        };
        if !currency.eq_ignore_ascii_case(&t.currency) {
            return Threshold::Undetermined(format!("{}: value in {currency}, threshold in {}", t.description, t.currency));
        }
        let qty = line.quantity.filter(|q| *q > 0.0).unwrap_or(1.0);
        let unit = value / qty;
        if unit > t.above_unit_value {
            Threshold::Above(format!("unit value {unit:.0} {currency} > {}: {}", t.above_unit_value, t.description))
        } else {
            Threshold::Below
        }
    }
}

/// The digits of a line's HS code, if valid.
pub(crate) fn line_hs(line: &GoodsLine) -> Option<String> {
    normalise_hs(&line.hs_code)
}
