//! Payment messages: every party and agent (names, BICs, identifiers),
//! every address (regions), every free-text field (names, regions, HS codes)
//! is screened; each reason names the XML path or MT tag.

use std::collections::BTreeSet;

use super::parties::{ListMode, identifiers};
use super::{Ctx, country_code};
use crate::decision::FieldRef;
use crate::documents::PaymentMessage;
use crate::goods::find_hs_codes;
use crate::policy::MeasureKind;
use crate::screening::{PartyKind, PartyQuery};

/// Strips an MT/ISO code prefix such as `/ULTB/`, `/INV/`, `/BNF/` from a free-text line.
fn strip_code(line: &str) -> &str {
    let t = line.trim();
    if let Some(rest) = t.strip_prefix('/')
        && let Some(end) = rest.find('/')
        && end <= 8
        && rest[..end].bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return rest[end + 1..].trim_start_matches('/').trim();
    }
    t
}

impl<'e> Ctx<'e> {
    pub(crate) fn payment(&mut self, msg: &PaymentMessage) {
        let mut countries: BTreeSet<String> = BTreeSet::new();
        let mut region_codes: BTreeSet<String> = BTreeSet::new();
        for p in &msg.parties {
            let country = p.country.as_ref().map(|c| c.value.as_str());
            if let Some(c) = country.and_then(country_code) {
                countries.insert(c);
            }
            for (kind, id) in &p.identifiers {
                if kind == "iban"
                    && let Some(c) = id.value.get(..2).and_then(country_code)
                {
                    countries.insert(c);
                }
            }
            for b in &p.bics {
                if let Some(c) = b.value.get(4..6).and_then(country_code) {
                    countries.insert(c);
                }
            }
            let query = PartyQuery {
                names: p.names.iter().map(|n| n.value.clone()).collect(),
                kind: if p.agent { PartyKind::Organization } else { PartyKind::Unknown },
                birth_date: p.birth_date.as_ref().map(|b| b.value.clone()),
                countries: country.and_then(country_code).into_iter().collect(),
                identifiers: identifiers(&p.identifiers),
            };
            self.screen(query, p.names.clone(), &p.bics, ListMode::Indicator);
            let findings = self.regions_in(&p.address, country);
            region_codes.extend(findings.iter().map(|f| f.hit.code.clone()));
            self.region_indicators(&findings, &format!("{} address", p.role));
        }
        for c in &msg.countries {
            if let Some(code) = country_code(&c.value) {
                countries.insert(code);
            }
        }
        // Free text: names (every line, code prefixes stripped), regions, goods.
        let mut hs_fields: Vec<(String, FieldRef)> = Vec::new();
        for f in &msg.free_text {
            let text = strip_code(&f.value);
            if text.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
                let query = PartyQuery { names: vec![text.to_string()], ..Default::default() };
                self.screen(query, vec![f.clone()], &[], ListMode::Indicator);
            }
            for code in find_hs_codes(&f.value) {
                hs_fields.push((code, f.clone()));
            }
        }
        let findings = self.regions_in(&msg.free_text, None);
        region_codes.extend(findings.iter().map(|f| f.hit.code.clone()));
        self.region_indicators(&findings, "free text");
        // Goods mentioned in the payment, against export bans whose
        // destination (country, transit or region) appears in the payment.
        for (hs, field) in hs_fields {
            for (policy, m) in self.active(MeasureKind::ExportBan) {
                let Some(goods) = &m.scope.goods else { continue };
                if goods.all || !m.scope.lists.is_empty() {
                    continue;
                }
                let place = m.scope.countries.iter().find(|c| countries.contains(*c)).cloned().or_else(|| m.scope.regions.iter().find(|r| region_codes.contains(*r)).cloned());
                let Some(place) = place else { continue };
                let Some(why) = self.goods_match(policy, goods, &hs, None) else { continue };
                let summary = format!("payment mentions HS {hs} ({why}) and involves {place}: {}", m.title);
                let r = self.cite(policy, m, m.indicator_outcome, summary, vec![field.clone()]);
                self.reasons.push(r);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::strip_code;

    #[test]
    fn strips_codes() {
        assert_eq!(strip_code("/ULTB/KRYMTEKH POSTAVKA OOO"), "KRYMTEKH POSTAVKA OOO");
        assert_eq!(strip_code("/INS/ZZBKJPJT"), "ZZBKJPJT");
        assert_eq!(strip_code("HS 854231 QTY 40000"), "HS 854231 QTY 40000");
        assert_eq!(strip_code("/not a code"), "/not a code");
    }
}
