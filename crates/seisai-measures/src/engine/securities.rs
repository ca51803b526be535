//! Securities orders: sovereign-debt and bank-securities bans, the new
//! investment ban, plus screening of the issuer and the parties.

use super::parties::ListMode;
use super::trade::missing;
use super::{Ctx, country_code};
use crate::decision::{FieldRef, Outcome};
use crate::documents::SecuritiesOrder;
use crate::policy::{MeasureKind, SecuritiesScope};
use crate::screening::{PartyKind, PartyQuery};
use crate::text::{contains_phrase, normalise};

/// Why an issuer falls under a securities scope (named issuer, subsidiary, kind).
fn issuer_match(s: &SecuritiesScope, order: &SecuritiesOrder) -> Option<String> {
    let issuer = &order.issuer;
    if !s.issuer_kinds.is_empty() && s.issuer_kinds.iter().any(|k| k.eq_ignore_ascii_case(issuer.kind.trim())) {
        return Some(format!("issuer kind {}", issuer.kind));
    }
    let name = normalise(&issuer.name);
    let named = |candidate: &str| {
        let n = normalise(candidate);
        s.issuers.iter().find(|i| std::iter::once(&i.name).chain(&i.aliases).any(|a| contains_phrase(&n, &normalise(a))))
    };
    if let Some(i) = named(&name) {
        return Some(format!("named issuer {}", i.name));
    }
    if let Some(threshold) = s.subsidiaries_over_percent {
        for o in &issuer.owners {
            if o.percent > threshold
                && let Some(i) = named(&o.name)
            {
                return Some(format!("subsidiary owned {} % by {}", o.percent, i.name));
            }
        }
    }
    if s.issuer_kinds.is_empty() && s.issuers.is_empty() {
        return Some("any issuer".into());
    }
    None
}

impl<'e> Ctx<'e> {
    pub(crate) fn securities(&mut self, o: &SecuritiesOrder) {
        // The issuer is a party too: acquiring securities of a frozen entity is a capital transaction with it.
        let query = PartyQuery { names: vec![o.issuer.name.clone()], kind: PartyKind::Organization, ..Default::default() };
        self.screen(query, vec![FieldRef { location: "/issuer/name".into(), value: o.issuer.name.clone() }], &[], ListMode::Indicator);
        for (i, p) in o.parties.iter().enumerate() {
            self.screen_party(p, &format!("/parties/{i}"), ListMode::Indicator);
        }
        let country = o
            .issuer
            .country
            .as_deref()
            .and_then(country_code)
            .or_else(|| o.isin.as_deref().and_then(|i| i.get(..2)).and_then(country_code));
        let market = o.market.trim().to_lowercase();
        let side = o.side.trim().to_lowercase();
        let acquiring = matches!(side.as_str(), "buy" | "subscribe");
        for kind in [MeasureKind::SecuritiesBan, MeasureKind::InvestmentBan] {
            for (policy, m) in self.active(kind) {
                let Some(s) = &m.scope.securities else { continue };
                if !m.scope.countries.is_empty() && !country.as_ref().is_some_and(|c| m.scope.countries.contains(c)) {
                    continue;
                }
                if kind == MeasureKind::InvestmentBan && !acquiring {
                    continue;
                }
                if !s.markets.is_empty() && !s.markets.contains(&market) {
                    continue;
                }
                if !s.kinds.is_empty() && !s.kinds.iter().any(|k| k.eq_ignore_ascii_case(o.security_kind.trim())) {
                    continue;
                }
                let Some(why) = issuer_match(s, o) else { continue };
                let mut notes = vec![why];
                let mut outcome = m.outcome;
                if let Some(from) = s.issued_from {
                    match o.issue_date {
                        Some(d) if d < from => continue,
                        Some(d) => notes.push(format!("issued {d} (on/after {from})")),
                        None => {
                            outcome = outcome.min(Outcome::Review);
                            notes.push(format!("issue date not given; the measure covers securities issued from {from}"));
                        }
                    }
                }
                if let Some(days) = s.maturity_over_days {
                    match (o.issue_date, o.maturity_date) {
                        (Some(i), Some(mat)) if (mat - i).num_days() <= i64::from(days) => continue,
                        (Some(i), Some(mat)) => notes.push(format!("maturity {} days > {days}", (mat - i).num_days())),
                        _ => {
                            outcome = outcome.min(Outcome::Review);
                            notes.push(format!("maturity not determinable; the measure covers maturities over {days} days"));
                        }
                    }
                }
                if let Some(min) = s.min_stake_percent {
                    match o.stake_after_percent {
                        Some(st) if st < min => continue,
                        Some(st) => notes.push(format!("stake after trade {st} % ≥ {min} %")),
                        None => {
                            outcome = outcome.min(Outcome::Review);
                            notes.push(format!("stake after the trade not given; acquisitions of {min} % or more are covered"));
                        }
                    }
                }
                let fields = vec![
                    FieldRef { location: "/issuer".into(), value: format!("{} ({})", o.issuer.name, o.issuer.kind) },
                    FieldRef { location: "/isin".into(), value: o.isin.clone().unwrap_or_default() },
                ];
                let summary = format!("{side} {} on the {market} market ({}): {}", o.security_kind, notes.join("; "), m.title);
                let r = self.cite(policy, m, outcome, summary, fields);
                self.reasons.push(r);
            }
        }
        if country.is_none() {
            self.reasons.push(missing("/issuer/country".into(), "issuer country unknown (no country, no ISIN): country-based securities measures cannot be ruled out"));
        }
    }
}
