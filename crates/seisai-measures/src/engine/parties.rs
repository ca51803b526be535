//! Parties: list hits (names, identifiers, BICs) → measures, Japan's 50 %
//! ownership rule, and region indicators in addresses.

use std::collections::BTreeMap;

use super::{Ctx, country_code};
use crate::decision::{FieldRef, ListMatch, Outcome, Reason};
use crate::documents::{AddressInput, Owner, Party};
use crate::policy::{ListScope, Measure, MeasureKind, Policy};
use crate::region::{Confidence, RegionHit};
use crate::screening::{Identifier, ListHit, PartyKind, PartyQuery, normalise_bic, program_matches};

/// How list hits on non-freeze measures are handled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ListMode {
    /// The document is not a trade: list-based export bans are indicators.
    Indicator,
    /// The document is a trade: list-based export bans are evaluated per goods line.
    Trade,
}

/// Whether a hit belongs to a list scope.
pub(crate) fn list_matches(scope: &ListScope, hit: &ListHit) -> bool {
    scope.dataset == hit.dataset
        && (scope.programs.is_empty()
            || hit.programs.iter().any(|p| scope.programs.iter().any(|prefix| program_matches(p, prefix))))
}

fn list_match(hit: &ListHit, relation: String) -> ListMatch {
    ListMatch {
        dataset: hit.dataset.clone(),
        version: hit.version.clone(),
        entity_id: hit.entity_id.clone(),
        caption: hit.caption.clone(),
        score: hit.score,
        matched_name: hit.matched_name.clone(),
        programs: hit.programs.clone(),
        relation,
    }
}

/// Among measures matching a hit, those that designated it: the ones
/// effective on the listing date, else the latest before it; all when the
/// listing date is unknown.
fn select_for_listing<'a>(mut found: Vec<(&'a Policy, &'a Measure)>, hit: &ListHit) -> Vec<(&'a Policy, &'a Measure)> {
    let Some(listed) = hit.listed_on else { return found };
    if found.iter().any(|(_, m)| m.effective == listed) {
        found.retain(|(_, m)| m.effective == listed);
        return found;
    }
    let best = found.iter().filter(|(_, m)| m.effective <= listed).map(|(_, m)| m.effective).max();
    if let Some(best) = best {
        found.retain(|(_, m)| m.effective == best);
    }
    found
}

/// A region found in some fields.
pub(crate) struct RegionFinding {
    pub hit: RegionHit,
    pub fields: Vec<FieldRef>,
}

impl<'e> Ctx<'e> {
    /// Screens a party given by names/identifiers/BICs and adds the reasons
    /// its list hits lead to. Returns the hits (for list-based export bans).
    pub(crate) fn screen(&mut self, query: PartyQuery, name_fields: Vec<FieldRef>, bics: &[FieldRef], mode: ListMode) -> Vec<ListHit> {
        let engine = self.engine;
        let opts = engine.options;
        let mut out: Vec<ListHit> = Vec::new();
        if !query.names.is_empty() || !query.identifiers.is_empty() {
            self.fields += query.names.len() + query.identifiers.len();
            for hit in engine.screener.screen(&query, Some(self.as_of)) {
                if hit.score >= opts.review_score {
                    self.hit_reasons(&hit, "listed".into(), name_fields.clone(), mode);
                    out.push(hit);
                }
            }
        }
        for bic in bics {
            self.fields += 1;
            let Some(b) = normalise_bic(&bic.value) else {
                self.reasons.push(Reason::note(Outcome::Review, format!("{:?} is not a valid BIC; the agent could not be screened by BIC", bic.value), vec![bic.clone()]));
                continue;
            };
            for hit in engine.screener.find_by_identifier("swiftBic", &b, Some(self.as_of)) {
                self.hit_reasons(&hit, format!("BIC {b}"), vec![bic.clone()], mode);
                out.push(hit);
            }
        }
        out
    }

    /// Adds the reasons one list hit leads to.
    pub(crate) fn hit_reasons(&mut self, hit: &ListHit, relation: String, fields: Vec<FieldRef>, mode: ListMode) {
        let engine = self.engine;
        let day = self.as_of;
        let strong = hit.score >= engine.options.confirm_score;
        let matching: Vec<(&Policy, &Measure)> = engine
            .policies
            .iter()
            .flat_map(|p| p.file.measure.iter().map(move |m| (p, m)))
            .filter(|(_, m)| m.kind != MeasureKind::VisaBan && m.in_force_on(day))
            .filter(|(_, m)| m.scope.lists.iter().any(|l| list_matches(l, hit)))
            .collect();
        if matching.is_empty() {
            let summary = format!("listed on {}; no loaded measure in force on {day} governs this list entry", hit.dataset);
            self.reasons.push(Reason { list: Some(list_match(hit, relation)), ..Reason::note(Outcome::Review, summary, fields) });
            return;
        }
        let (freezes, others): (Vec<_>, Vec<_>) = matching.into_iter().partition(|(_, m)| m.kind == MeasureKind::AssetFreeze);
        for (policy, m) in select_for_listing(freezes, hit) {
            let outcome = if strong { m.outcome } else { Outcome::Review };
            let summary = if strong {
                format!("{} matches {:?} ({}): {}", relation_subject(&relation), hit.caption, hit.dataset, m.title)
            } else {
                format!("possible match ({:.2}) with {:?}: {}", hit.score, hit.caption, m.title)
            };
            let mut r = self.cite(policy, m, outcome, summary, fields.clone());
            r.list = Some(list_match(hit, relation.clone()));
            self.reasons.push(r);
        }
        if mode == ListMode::Indicator {
            for (policy, m) in others {
                let outcome = if strong { m.indicator_outcome } else { Outcome::Review };
                let summary = format!("party on {} list ({:?}); the document may serve a transaction under: {}", hit.dataset, hit.caption, m.title);
                let mut r = self.cite(policy, m, outcome, summary, fields.clone());
                r.list = Some(list_match(hit, relation.clone()));
                self.reasons.push(r);
            }
        }
    }

    /// Screens a structured party (JSON documents): names, identifiers,
    /// ownership, address regions. `at` is its JSON location.
    pub(crate) fn screen_party(&mut self, p: &Party, at: &str, mode: ListMode) -> Vec<ListHit> {
        let mut names = vec![p.name.clone()];
        names.extend(p.aliases.iter().cloned());
        names.retain(|n| !n.trim().is_empty());
        let mut countries: Vec<String> = [&p.country, &p.nationality].iter().filter_map(|c| c.as_deref()).filter_map(country_code).collect();
        if let Some(c) = p.address.as_ref().and_then(|a| a.country.as_deref()).and_then(country_code) {
            countries.push(c);
        }
        let bics: Vec<FieldRef> = p
            .identifiers
            .iter()
            .enumerate()
            .filter(|(_, i)| i.kind == "swiftBic")
            .map(|(n, i)| FieldRef { location: format!("{at}/identifiers/{n}"), value: i.value.clone() })
            .collect();
        let query = PartyQuery {
            names,
            kind: p.party_type,
            birth_date: p.birth_date.clone(),
            countries,
            identifiers: p.identifiers.iter().filter(|i| i.kind != "swiftBic").cloned().collect(),
        };
        let name_fields = vec![FieldRef { location: format!("{at}/name"), value: p.name.clone() }];
        let known = self.engine.screener.owners_of(&query, Some(self.as_of));
        let hits = self.screen(query, name_fields, &bics, mode);
        let mut owners: Vec<(Owner, String)> =
            p.owners.iter().enumerate().map(|(i, o)| (o.clone(), format!("{at}/owners/{i}"))).collect();
        owners.extend(known.into_iter().map(|k| {
            (Owner { name: k.name, percent: k.percent, direct: k.direct, country: None }, format!("list data {}", k.source))
        }));
        self.ownership(p, &owners);
        hits
    }

    /// Japan's 50 % rule on declared owners.
    fn ownership(&mut self, p: &Party, owners: &[(Owner, String)]) {
        let engine = self.engine;
        let rules: Vec<(&Policy, &Measure)> =
            self.active(MeasureKind::AssetFreeze).into_iter().filter(|(_, m)| m.scope.ownership.is_some()).collect();
        if rules.is_empty() {
            return;
        }
        let main_office = p.main_office_country.as_deref().and_then(country_code);
        for (owner, location) in owners {
            let field = FieldRef { location: location.clone(), value: format!("{} ({} %)", owner.name, owner.percent) };
            let query = PartyQuery {
                names: vec![owner.name.clone()],
                kind: PartyKind::Organization,
                countries: owner.country.as_deref().and_then(country_code).into_iter().collect(),
                ..Default::default()
            };
            self.fields += 1;
            for hit in engine.screener.screen(&query, Some(self.as_of)) {
                if hit.score < engine.options.review_score {
                    continue;
                }
                let applicable: Vec<(&Policy, &Measure)> = rules
                    .iter()
                    .copied()
                    .filter(|(_, m)| {
                        let Some(rule) = &m.scope.ownership else { return false };
                        m.scope.lists.iter().any(|l| list_matches(l, &hit))
                            && owner.percent >= rule.min_percent
                            && (owner.direct || !rule.direct_only)
                            && hit.programs.iter().any(|pg| rule.programs.iter().any(|r| program_matches(pg, r)))
                            && !hit.record_id.as_ref().is_some_and(|id| rule.excluded_records.contains(id))
                    })
                    .collect();
                for (policy, m) in select_for_listing(applicable, &hit) {
                    let exempt = m
                        .scope
                        .ownership
                        .as_ref()
                        .is_some_and(|r| main_office.as_ref().is_some_and(|c| r.exempt_main_office_countries.contains(c)));
                    let relation = format!("owned {} % directly by {}", owner.percent, hit.caption);
                    let (outcome, summary) = if exempt {
                        (Outcome::Clear, format!("{relation}, but main office in {}: exempt from the 50 % rule", main_office.clone().unwrap_or_default()))
                    } else if hit.score >= engine.options.confirm_score {
                        (m.outcome, format!("{relation} (≥ 50 %): treated as listed under {}", m.title))
                    } else {
                        (Outcome::Review, format!("{relation}; owner is a possible match ({:.2})", hit.score))
                    };
                    let mut r = self.cite(policy, m, outcome, summary, vec![field.clone()]);
                    r.list = Some(list_match(&hit, relation));
                    self.reasons.push(r);
                }
            }
        }
    }

    /// Regions found in fields (one finding per region, with all its fields).
    pub(crate) fn regions_in(&mut self, fields: &[FieldRef], country: Option<&str>) -> Vec<RegionFinding> {
        let mut by_code: BTreeMap<String, RegionFinding> = BTreeMap::new();
        for f in fields {
            self.fields += 1;
            for hit in self.engine.gazetteer.detect(&f.value, country) {
                match by_code.get_mut(&hit.code) {
                    Some(found) => {
                        found.hit.confidence = found.hit.confidence.max(hit.confidence);
                        for e in hit.evidence {
                            if !found.hit.evidence.contains(&e) {
                                found.hit.evidence.push(e);
                            }
                        }
                        found.fields.push(f.clone());
                    }
                    None => {
                        by_code.insert(hit.code.clone(), RegionFinding { hit, fields: vec![f.clone()] });
                    }
                }
            }
        }
        by_code.into_values().collect()
    }

    /// Reasons for regions found where they are only indicators (payments,
    /// parties, exporters of imports): every territorial measure covering the
    /// region gives its indicator outcome; a region no measure covers still
    /// routes to review when the indicator is at least of medium confidence.
    pub(crate) fn region_indicators(&mut self, findings: &[RegionFinding], what: &str) {
        let day = self.as_of;
        for f in findings {
            let mut covered = false;
            for policy in self.engine.policies.iter() {
                for m in policy.measures_on(day) {
                    if !matches!(m.kind, MeasureKind::ImportBan | MeasureKind::ExportBan) || !m.scope.regions.contains(&f.hit.code) {
                        continue;
                    }
                    covered = true;
                    let summary = format!("{what} points to {} ({:?} confidence: {}); {}", f.hit.name, f.hit.confidence, f.hit.evidence.join(", "), m.title);
                    let r = self.cite(policy, m, m.indicator_outcome, summary, f.fields.clone());
                    self.reasons.push(r);
                }
            }
            if !covered && f.hit.confidence >= Confidence::Medium {
                self.reasons.push(Reason::note(
                    Outcome::Review,
                    format!("{what} points to {} ({}); no loaded measure in force covers this region", f.hit.name, f.hit.evidence.join(", ")),
                    f.fields.clone(),
                ));
            }
        }
    }

    /// The parts of a JSON address as fields.
    pub(crate) fn address_fields(addr: &AddressInput, at: &str) -> Vec<FieldRef> {
        addr.parts().into_iter().map(|(name, v)| FieldRef { location: format!("{at}/address/{name}"), value: v.to_string() }).collect()
    }

    /// The party document: list hits, ownership, address regions.
    pub(crate) fn party_document(&mut self, p: &Party) {
        self.screen_party(p, "", ListMode::Indicator);
        if let Some(addr) = &p.address {
            let country = addr.country.clone().or_else(|| p.country.clone());
            let fields = Self::address_fields(addr, "");
            let findings = self.regions_in(&fields, country.as_deref());
            self.region_indicators(&findings, "party address");
        }
    }
}

fn relation_subject(relation: &str) -> &str {
    if relation.starts_with("BIC") { relation } else { "party" }
}

/// Identifiers of a party for queries (kept for callers building queries from parts).
pub(crate) fn identifiers(pairs: &[(String, FieldRef)]) -> Vec<Identifier> {
    pairs.iter().map(|(kind, f)| Identifier { kind: kind.clone(), value: f.value.clone() }).collect()
}
