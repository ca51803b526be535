//! Rules a policy file must satisfy beyond its TOML types (mirrors
//! `policies/policy.schema.json` and adds cross-field rules).

use std::collections::HashSet;

use super::model::*;
use crate::error::PolicyError;

/// Collects the first rule violation with file, measure and field.
struct Checker<'a> {
    file: &'a str,
    measure: Option<&'a str>,
}

impl Checker<'_> {
    fn fail(&self, field: impl Into<String>, message: impl Into<String>) -> PolicyError {
        PolicyError::Invalid {
            file: self.file.to_string(),
            measure: self.measure.map(str::to_string),
            field: field.into(),
            message: message.into(),
        }
    }

    fn non_empty(&self, field: &str, value: &str) -> Result<(), PolicyError> {
        if value.trim().is_empty() { Err(self.fail(field, "must not be empty")) } else { Ok(()) }
    }

    fn non_empty_list<T>(&self, field: &str, values: &[T]) -> Result<(), PolicyError> {
        if values.is_empty() { Err(self.fail(field, "must list at least one value")) } else { Ok(()) }
    }

    fn hs_codes(&self, field: &str, codes: &[String]) -> Result<(), PolicyError> {
        for (i, code) in codes.iter().enumerate() {
            if !is_hs_prefix(code) {
                return Err(self.fail(
                    format!("{field}[{i}]"),
                    format!("{code:?} is not an HS code prefix (2 to 10 digits, no dots)"),
                ));
            }
        }
        Ok(())
    }

    fn countries(&self, field: &str, codes: &[String]) -> Result<(), PolicyError> {
        for (i, code) in codes.iter().enumerate() {
            if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(self.fail(
                    format!("{field}[{i}]"),
                    format!("{code:?} is not an upper-case ISO 3166-1 alpha-2 code"),
                ));
            }
        }
        Ok(())
    }
}

/// Whether `code` is 2 to 10 ASCII digits.
pub(crate) fn is_hs_prefix(code: &str) -> bool {
    (2..=10).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

fn is_region_code(code: &str) -> bool {
    let Some((country, sub)) = code.split_once('-') else { return false };
    country.len() == 2
        && country.bytes().all(|b| b.is_ascii_uppercase())
        && (1..=3).contains(&sub.len())
        && sub.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

const KNOWN_MARKETS: [&str; 2] = ["primary", "secondary"];

/// Validates a parsed policy file; `file` names it in errors.
pub fn validate(policy: &PolicyFile, file: &str) -> Result<(), PolicyError> {
    let top = Checker { file, measure: None };
    let header = &policy.policy;
    if header.format != 1 {
        return Err(top.fail("policy.format", format!("format {} is not supported (expected 1)", header.format)));
    }
    if header.id.is_empty()
        || !header.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(top.fail("policy.id", "must be lower-case letters, digits and '-'"));
    }
    top.non_empty("policy.title", &header.title)?;
    top.non_empty("policy.version", &header.version)?;
    if !(header.jurisdiction.len() == 2 && header.jurisdiction.bytes().all(|b| b.is_ascii_uppercase())) {
        return Err(top.fail("policy.jurisdiction", "must be a 2-letter upper-case code (JP, EU, US, GB…)"));
    }

    let mut list_ids = HashSet::new();
    for (li, list) in policy.goods_list.iter().enumerate() {
        let at = format!("goods_list[{li}]");
        top.non_empty(&format!("{at}.id"), &list.id)?;
        if !list_ids.insert(list.id.as_str()) {
            return Err(top.fail(format!("{at}.id"), format!("goods list {:?} is defined twice", list.id)));
        }
        top.non_empty_list(&format!("{at}.sources"), &list.sources)?;
        top.non_empty_list(&format!("{at}.items"), &list.items)?;
        for (ii, item) in list.items.iter().enumerate() {
            if !is_hs_prefix(&item.hs) {
                return Err(top.fail(
                    format!("{at}.items[{ii}].hs"),
                    format!("{:?} is not an HS code prefix (2 to 10 digits)", item.hs),
                ));
            }
        }
    }

    let mut ids = HashSet::new();
    for measure in &policy.measure {
        if measure.id.trim().is_empty() {
            return Err(top.fail("measure.id", "a measure has an empty id"));
        }
        if !ids.insert(measure.id.as_str()) {
            return Err(top.fail("measure.id", format!("measure id {:?} is used twice", measure.id)));
        }
        validate_measure(measure, policy, &Checker { file, measure: Some(&measure.id) })?;
    }
    Ok(())
}

fn validate_measure(m: &Measure, policy: &PolicyFile, c: &Checker) -> Result<(), PolicyError> {
    c.non_empty("title", &m.title)?;
    c.non_empty("authority", &m.authority)?;
    c.non_empty_list("ministries", &m.ministries)?;
    c.non_empty_list("legal_basis", &m.legal_basis)?;
    if let Some(title_ja) = &m.title_ja {
        c.non_empty("title_ja", title_ja)?;
    }
    if !m.legal_basis_ja.is_empty() && m.legal_basis_ja.len() != m.legal_basis.len() {
        return Err(c.fail(
            "legal_basis_ja",
            format!(
                "has {} entries, legal_basis has {}: each entry renders the legal_basis entry at the same place",
                m.legal_basis_ja.len(),
                m.legal_basis.len()
            ),
        ));
    }
    c.non_empty_list("sources", &m.sources)?;
    if let Some(announced) = m.announced
        && announced > m.effective
    {
        return Err(c.fail("announced", format!("{announced} is after the effective date {}", m.effective)));
    }
    if let Some(ended) = m.ended
        && ended <= m.effective
    {
        return Err(c.fail("ended", format!("{ended} is not after the effective date {}", m.effective)));
    }
    if m.uncertain == m.uncertainty.is_empty() {
        return Err(c.fail(
            "uncertain",
            "`uncertain = true` requires at least one [[measure.uncertainty]] entry and vice versa",
        ));
    }
    for (i, u) in m.uncertainty.iter().enumerate() {
        c.non_empty(&format!("uncertainty[{i}].field"), &u.field)?;
        c.non_empty(&format!("uncertainty[{i}].note"), &u.note)?;
    }
    let s = &m.scope;
    c.countries("scope.countries", &s.countries)?;
    for (i, r) in s.regions.iter().enumerate() {
        if !is_region_code(r) {
            return Err(c.fail(format!("scope.regions[{i}]"), format!("{r:?} is not an ISO 3166-2 code like UA-43")));
        }
    }
    for (i, l) in s.lists.iter().enumerate() {
        c.non_empty(&format!("scope.lists[{i}].dataset"), &l.dataset)?;
    }
    if let Some(o) = &s.ownership {
        if !(0.0..=100.0).contains(&o.min_percent) {
            return Err(c.fail("scope.ownership.min_percent", "must be between 0 and 100"));
        }
        c.countries("scope.ownership.exempt_main_office_countries", &o.exempt_main_office_countries)?;
    }
    if let Some(g) = &s.goods {
        c.hs_codes("scope.goods.hs_prefixes", &g.hs_prefixes)?;
        c.hs_codes("scope.goods.exclude_hs_prefixes", &g.exclude_hs_prefixes)?;
        for (i, r) in g.lists.iter().enumerate() {
            let Some(list) = policy.goods_list.iter().find(|l| l.id == r.list) else {
                return Err(c.fail(format!("scope.goods.lists[{i}].list"), format!("no goods_list {:?} in this file", r.list)));
            };
            for tier in &r.tiers {
                if !list.items.iter().any(|it| it.tier.as_deref() == Some(tier.as_str())) {
                    return Err(c.fail(
                        format!("scope.goods.lists[{i}].tiers"),
                        format!("goods list {:?} has no tier {tier:?}", r.list),
                    ));
                }
            }
        }
        for (i, t) in g.value_thresholds.iter().enumerate() {
            c.hs_codes(&format!("scope.goods.value_thresholds[{i}].hs_prefixes"), &t.hs_prefixes)?;
            if t.above_unit_value.is_nan() || t.above_unit_value < 0.0 {
                return Err(c.fail(format!("scope.goods.value_thresholds[{i}].above_unit_value"), "must be ≥ 0"));
            }
        }
        if !g.all && g.hs_prefixes.is_empty() && g.table_2_3_items.is_empty() && g.lists.is_empty() {
            return Err(c.fail("scope.goods", "names no goods: set all = true, hs_prefixes, table_2_3_items or lists"));
        }
    }
    if let Some(sec) = &s.securities {
        for (i, market) in sec.markets.iter().enumerate() {
            if !KNOWN_MARKETS.contains(&market.as_str()) {
                return Err(c.fail(format!("scope.securities.markets[{i}]"), format!("{market:?} is not primary or secondary")));
            }
        }
        if sec.issuer_kinds.is_empty() && sec.issuers.is_empty() && sec.min_stake_percent.is_none() {
            return Err(c.fail("scope.securities", "names no issuers: set issuer_kinds, issuers or min_stake_percent"));
        }
    }
    for (i, cap) in s.price_caps.iter().enumerate() {
        let at = format!("scope.price_caps[{i}]");
        c.hs_codes(&format!("{at}.hs_prefixes"), &cap.hs_prefixes)?;
        c.non_empty_list(&format!("{at}.hs_prefixes"), &cap.hs_prefixes)?;
        if !(cap.max_usd_per_bbl.is_finite() && cap.max_usd_per_bbl > 0.0) {
            return Err(c.fail(format!("{at}.max_usd_per_bbl"), "must be a positive number"));
        }
        if cap.until.is_some_and(|u| u <= cap.from) {
            return Err(c.fail(format!("{at}.until"), "must be after `from`"));
        }
        if let Some(t) = &cap.transitional
            && t.unloaded_by < t.loaded_before
        {
            return Err(c.fail(format!("{at}.transitional.unloaded_by"), "must not be before loaded_before"));
        }
    }
    if let Some(rule) = &s.origin_rule
        && rule != "last_hs4_change"
        && rule != "material_origin"
    {
        return Err(c.fail(
            "scope.origin_rule",
            format!("{rule:?} is unknown (expected last_hs4_change or material_origin)"),
        ));
    }
    for (i, e) in m.exceptions.iter().enumerate() {
        c.non_empty(&format!("exceptions[{i}].id"), &e.id)?;
        if e.projects.is_empty() && e.purposes.is_empty() {
            return Err(c.fail(format!("exceptions[{i}]"), "names neither projects nor purposes"));
        }
    }
    // What each kind needs to be checkable.
    let has_where = !s.countries.is_empty() || !s.regions.is_empty();
    match m.kind {
        MeasureKind::AssetFreeze => c.non_empty_list("scope.lists", &s.lists)?,
        MeasureKind::ImportBan => {
            if s.goods.is_none() || !has_where {
                return Err(c.fail("scope", "an import ban needs goods and origin countries or regions"));
            }
        }
        MeasureKind::ExportBan => {
            if s.goods.is_none() || (!has_where && s.lists.is_empty()) {
                return Err(c.fail("scope", "an export ban needs goods and destination countries, regions or lists"));
            }
        }
        MeasureKind::SecuritiesBan | MeasureKind::InvestmentBan => {
            if s.securities.is_none() {
                return Err(c.fail("scope.securities", "a securities or investment measure needs scope.securities"));
            }
        }
        MeasureKind::ServiceBan => {
            c.non_empty_list("scope.services", &s.services)?;
            c.non_empty_list("scope.countries", &s.countries)?;
        }
        MeasureKind::PriceCap => c.non_empty_list("scope.price_caps", &s.price_caps)?,
        MeasureKind::VisaBan => {}
    }
    Ok(())
}
