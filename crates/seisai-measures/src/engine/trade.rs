//! Trade transactions: per goods line, export bans (destination country or
//! region, listed end users, goods, value thresholds, exceptions) and import
//! bans (origin country or region, material origin); services; parties.

use std::collections::BTreeSet;

use super::goods_rules::{Threshold, line_hs};
use super::parties::{ListMode, RegionFinding, list_matches};
use super::{Ctx, country_code};
use crate::decision::{FieldRef, Outcome, Reason};
use crate::documents::{Party, TradeTransaction};
use crate::policy::{Direction, MeasureKind};
use crate::screening::{Identifier, ListHit, PartyKind, PartyQuery};

impl<'e> Ctx<'e> {
    pub(crate) fn trade(&mut self, t: &TradeTransaction) {
        // Parties: screen all, keep hits of the counterparties for list-based bans.
        let named: Vec<(&str, &Party)> = [
            ("/exporter", t.exporter.as_ref()),
            ("/importer", t.importer.as_ref()),
            ("/consignee", t.consignee.as_ref()),
            ("/end_user", t.end_user.as_ref()),
            ("/carrier", t.carrier.as_ref()),
        ]
        .into_iter()
        .filter_map(|(at, p)| p.map(|p| (at, p)))
        .collect();
        let mut counterpart_hits: Vec<(String, ListHit)> = Vec::new();
        for (at, p) in &named {
            let hits = self.screen_party(p, at, ListMode::Trade);
            let counterpart = match t.direction {
                Direction::Export => *at != "/exporter",
                Direction::Import => *at == "/exporter",
            };
            if counterpart {
                counterpart_hits.extend(hits.into_iter().map(|h| (format!("{at}/name"), h)));
            }
        }
        for (i, p) in t.intermediaries.iter().enumerate() {
            let at = format!("/intermediaries/{i}");
            let hits = self.screen_party(p, &at, ListMode::Trade);
            counterpart_hits.extend(hits.into_iter().map(|h| (format!("{at}/name"), h)));
        }
        if let Some(v) = &t.vessel {
            let query = PartyQuery {
                names: vec![v.name.clone()],
                kind: PartyKind::Unknown,
                identifiers: v.imo.iter().map(|i| Identifier { kind: "imoNumber".into(), value: i.clone() }).collect(),
                ..Default::default()
            };
            self.screen(query, vec![FieldRef { location: "/vessel/name".into(), value: v.name.clone() }], &[], ListMode::Trade);
        }

        match t.direction {
            Direction::Export => self.exports(t, &named, &counterpart_hits),
            Direction::Import => self.imports(t),
        }
        self.services(t);
    }

    fn exports(&mut self, t: &TradeTransaction, named: &[(&str, &Party)], hits: &[(String, ListHit)]) {
        // Destination countries and regions.
        let mut dest: BTreeSet<String> = BTreeSet::new();
        let mut region_fields: Vec<(FieldRef, Option<String>)> = Vec::new();
        for (at, p) in named.iter().filter(|(at, _)| matches!(*at, "/importer" | "/consignee" | "/end_user")) {
            let country = p.address.as_ref().and_then(|a| a.country.clone()).or_else(|| p.country.clone());
            if let Some(c) = country.as_deref().and_then(country_code) {
                dest.insert(c);
            }
            if let Some(addr) = &p.address {
                for f in Self::address_fields(addr, at) {
                    region_fields.push((f, country.clone()));
                }
            }
        }
        if let Some(c) = t.route.destination_country.as_deref().and_then(country_code) {
            dest.insert(c);
        }
        for (name, v) in [("destination_place", &t.route.destination_place), ("discharge_port", &t.route.discharge_port)] {
            if let Some(v) = v {
                region_fields.push((FieldRef { location: format!("/route/{name}"), value: v.clone() }, t.route.destination_country.clone()));
            }
        }
        let transit: BTreeSet<String> = t.route.transit_countries.iter().filter_map(|c| country_code(c)).collect();
        let mut regions: Vec<RegionFinding> = Vec::new();
        for (f, country) in &region_fields {
            for found in self.regions_in(std::slice::from_ref(f), country.as_deref()) {
                match regions.iter_mut().find(|r| r.hit.code == found.hit.code) {
                    Some(r) => {
                        r.hit.confidence = r.hit.confidence.max(found.hit.confidence);
                        r.fields.extend(found.fields);
                    }
                    None => regions.push(found),
                }
            }
        }

        // Regions no export ban in force covers are still indicators (e.g. Crimea under
        // Japan's import-only measure, occupied Zaporizhzhia/Kherson).
        let export_regions: BTreeSet<String> =
            self.active(MeasureKind::ExportBan).iter().flat_map(|(_, m)| m.scope.regions.iter().cloned()).collect();
        let (covered, uncovered): (Vec<RegionFinding>, Vec<RegionFinding>) =
            regions.into_iter().partition(|r| export_regions.contains(&r.hit.code));
        self.region_indicators(&uncovered, "export destination");
        let regions = covered;
        let destination_unknown = dest.is_empty() && regions.is_empty() && region_fields.is_empty();
        if destination_unknown && !t.lines.is_empty() {
            self.reasons.push(missing(
                "/route/destination_country".into(),
                "export destination unknown (no importer, consignee or end-user country, no route destination): destination-based export bans cannot be ruled out",
            ));
        }
        for (li, line) in t.lines.iter().enumerate() {
            let Some(hs) = line_hs(line) else {
                self.invalid_line(li, &line.hs_code);
                continue;
            };
            let line_field = FieldRef { location: format!("/lines/{li}/hs_code"), value: line.hs_code.clone() };
            for (policy, m) in self.active(MeasureKind::ExportBan) {
                let Some(goods) = &m.scope.goods else { continue };
                let Some(why) = self.goods_match(policy, goods, &hs, line.table_2_3_item.as_deref()) else { continue };
                let mut outcome = m.outcome;
                let mut notes = vec![why];
                match Self::threshold(goods, &hs, line) {
                    Threshold::None => {}
                    Threshold::Below => continue,
                    Threshold::Above(s) => notes.push(s),
                    Threshold::Undetermined(s) => {
                        outcome = outcome.min(Outcome::Review);
                        notes.push(format!("threshold undetermined: {s}"));
                    }
                }
                let mut fields = vec![line_field.clone()];
                // Destination.
                let has_where = !m.scope.countries.is_empty() || !m.scope.regions.is_empty();
                if has_where {
                    let country = m.scope.countries.iter().find(|c| dest.contains(*c)).map(|c| format!("destination {c}"));
                    let via = if m.scope.include_transit {
                        m.scope.countries.iter().find(|c| transit.contains(*c)).map(|c| format!("transit via {c}"))
                    } else {
                        None
                    };
                    let region = regions.iter().find(|r| m.scope.regions.contains(&r.hit.code));
                    if let Some(c) = country.or(via) {
                        notes.push(c);
                    } else if let Some(r) = region {
                        if !r.hit.blocks() {
                            outcome = outcome.min(Outcome::Review);
                        }
                        notes.push(format!("destination in {} ({:?} confidence: {})", r.hit.name, r.hit.confidence, r.hit.evidence.join(", ")));
                        fields.extend(r.fields.iter().cloned());
                    } else if destination_unknown && !m.scope.lists.is_empty() {
                        outcome = outcome.min(Outcome::Review);
                        notes.push("destination country unknown".into());
                    } else {
                        continue;
                    }
                }
                // Listed counterparties.
                let mut list = None;
                if !m.scope.lists.is_empty() {
                    let Some((at, hit)) = hits.iter().find(|(_, h)| m.scope.lists.iter().any(|l| list_matches(l, h))) else { continue };
                    if hit.score < self.engine.options.confirm_score {
                        outcome = outcome.min(Outcome::Review);
                    }
                    notes.push(format!("counterparty {:?} on {}", hit.caption, hit.dataset));
                    fields.push(FieldRef { location: at.clone(), value: hit.matched_name.clone() });
                    list = Some(crate::decision::ListMatch {
                        dataset: hit.dataset.clone(),
                        version: hit.version.clone(),
                        entity_id: hit.entity_id.clone(),
                        caption: hit.caption.clone(),
                        score: hit.score,
                        matched_name: hit.matched_name.clone(),
                        programs: hit.programs.clone(),
                        relation: "counterparty".into(),
                    });
                }
                let summary = format!("export of HS {hs} ({}): {}", notes.join("; "), m.title);
                let mut r = self.cite(policy, m, outcome, summary, fields);
                r.list = list;
                r.line = Some(li);
                let r = self.with_exception(m, r, &t.purposes, t.project.as_deref());
                self.reasons.push(r);
            }
        }
    }

    fn imports(&mut self, t: &TradeTransaction) {
        // The exporter's address is an indicator of origin.
        if let Some(p) = &t.exporter
            && let Some(addr) = &p.address
        {
            let country = addr.country.clone().or_else(|| p.country.clone());
            let fields = Self::address_fields(addr, "/exporter");
            let findings = self.regions_in(&fields, country.as_deref());
            self.region_indicators(&findings, "exporter address");
        }
        for (li, line) in t.lines.iter().enumerate() {
            let Some(hs) = line_hs(line) else {
                self.invalid_line(li, &line.hs_code);
                continue;
            };
            let origin = line.origin_country.as_deref().and_then(country_code);
            let material = line.material_origin_country.as_deref().and_then(country_code);
            let region_fields: Vec<FieldRef> = line
                .origin_region
                .iter()
                .map(|r| FieldRef { location: format!("/lines/{li}/origin_region"), value: r.clone() })
                .collect();
            let regions = self.regions_in(&region_fields, line.origin_country.as_deref());
            if origin.is_none() && region_fields.is_empty() {
                let mut r = missing(format!("/lines/{li}/origin_country"), "origin not given: origin-based import bans cannot be ruled out");
                r.line = Some(li);
                self.reasons.push(r);
            }
            for (policy, m) in self.active(MeasureKind::ImportBan) {
                let Some(goods) = &m.scope.goods else { continue };
                let Some(why) = self.goods_match(policy, goods, &hs, line.table_2_3_item.as_deref()) else { continue };
                let mut outcome = m.outcome;
                let mut fields = vec![FieldRef { location: format!("/lines/{li}/hs_code"), value: line.hs_code.clone() }];
                let by_material = m.scope.origin_rule.as_deref() == Some("material_origin");
                let origin_hit = if by_material {
                    material.as_ref().filter(|c| m.scope.countries.contains(*c) && origin.as_ref() != Some(*c)).map(|c| {
                        fields.push(FieldRef { location: format!("/lines/{li}/material_origin_country"), value: c.clone() });
                        format!("material of {c} origin processed in {}", origin.clone().unwrap_or_else(|| "?".into()))
                    })
                } else {
                    origin.as_ref().filter(|c| m.scope.countries.contains(*c)).map(|c| {
                        fields.push(FieldRef { location: format!("/lines/{li}/origin_country"), value: c.clone() });
                        format!("origin {c}")
                    })
                };
                let region_hit = if by_material { None } else { regions.iter().find(|r| m.scope.regions.contains(&r.hit.code)) };
                let place = if let Some(o) = origin_hit {
                    o
                } else if let Some(r) = region_hit {
                    if !r.hit.blocks() {
                        outcome = outcome.min(Outcome::Review);
                    }
                    fields.extend(r.fields.iter().cloned());
                    format!("origin in {} ({:?} confidence: {})", r.hit.name, r.hit.confidence, r.hit.evidence.join(", "))
                } else {
                    continue;
                };
                let summary = format!("import of HS {hs} ({why}; {place}): {}", m.title);
                let mut r = self.cite(policy, m, outcome, summary, fields);
                r.line = Some(li);
                let r = self.with_exception(m, r, &t.purposes, t.project.as_deref());
                self.reasons.push(r);
            }
        }
    }

    fn services(&mut self, t: &TradeTransaction) {
        let fallback = t.importer.as_ref().and_then(|p| p.country.clone());
        for (si, s) in t.services.iter().enumerate() {
            let country = s.recipient_country.clone().or_else(|| fallback.clone());
            let Some(code) = country.as_deref().and_then(country_code) else {
                self.reasons.push(missing(format!("/services/{si}/recipient_country"), "service recipient country unknown: service bans cannot be ruled out"));
                continue;
            };
            let category = s.category.trim().to_lowercase().replace([' ', '-'], "_");
            for (policy, m) in self.active(MeasureKind::ServiceBan) {
                if m.scope.services.contains(&category) && m.scope.countries.contains(&code) {
                    let summary = format!("{category} service to a recipient in {code}: {}", m.title);
                    let fields = vec![FieldRef { location: format!("/services/{si}/category"), value: s.category.clone() }];
                    let r = self.cite(policy, m, m.outcome, summary, fields);
                    let r = self.with_exception(m, r, &t.purposes, t.project.as_deref());
                    self.reasons.push(r);
                }
            }
        }
    }

    fn invalid_line(&mut self, li: usize, code: &str) {
        let mut r = missing(format!("/lines/{li}/hs_code"), &format!("{code:?} is not an HS code (4 to 10 digits): the line could not be checked"));
        r.line = Some(li);
        self.reasons.push(r);
    }
}

/// A REVIEW reason for data that is missing or unreadable (never a silent CLEAR).
pub(crate) fn missing(location: String, summary: &str) -> Reason {
    Reason::note(Outcome::Review, summary.to_string(), vec![FieldRef { location, value: String::new() }])
}
