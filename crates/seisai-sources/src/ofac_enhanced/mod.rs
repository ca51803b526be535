//! Loader for OFAC's enhanced XML (`<sanctionsData>`), plain or as the zip
//! OFAC publishes (`cons-enhanced.zip` holding one XML file), read as a
//! stream of quick-xml events.
//!
//! Per `<entity id="…">` (the same number as the legacy CSV's ent_num):
//!
//! * `entityType` Individual → Person, Entity → Organization, Vessel,
//!   Aircraft → Airplane;
//! * every `<name>` in every script (`<translation>`: Latin, Cyrillic,
//!   Chinese…): the primary name's translations are `name`s, an alias's
//!   translations `alias` (A.K.A., N.K.A.; `weakAlias` when
//!   `isLowQuality`) or `previousName` (F.K.A.). Persons' names are in
//!   natural order (`First LAST`; family name first, unspaced, for Han);
//! * `features` (birth date from `valueDate` with its precision, range and
//!   approximation, place of birth, nationality, gender, vessel and
//!   aircraft data, websites, …) through the OFAC label table of
//!   [`crate::ofac_remarks`]; unmapped features are kept in notes;
//! * `identityDocuments` (passports, tax and registration numbers…),
//!   `addresses` with their parts, `sanctionsPrograms` → `program`,
//!   `relationships` → notes, the earliest `datePublished` → `listingDate`;
//! * `<publicationInfo><dataAsOf>` → the published date.

use std::io::Read;

use chrono::{Datelike, NaiveDate};
use seisai_model::{Address, Entity, FuzzyDate, PartialDate, Schema, props};

use crate::delimited::{self, MAX_UNPACKED};
use crate::ofac_remarks::{self, AUTHORITY};
use crate::xml_events::{XmlEvent, XmlStream, attr};
use crate::{Collector, Input, SourceError};

#[derive(Default)]
struct Translation {
    script: String,
    first: String,
    last: String,
    full: String,
}

#[derive(Default)]
struct Name {
    primary: bool,
    alias_type: String,
    low_quality: bool,
    translations: Vec<Translation>,
}

#[derive(Default)]
struct Feature {
    label: String,
    value: String,
    dates: [String; 4],
    approximate: bool,
    range: bool,
}

#[derive(Default)]
struct Document {
    kind: String,
    number: String,
    country: String,
}

#[derive(Default)]
struct Place {
    country: String,
    translations: Vec<Vec<(String, String)>>,
    part: (String, String),
}

/// One `<entity>` being read.
#[derive(Default)]
struct Record {
    id: String,
    line: usize,
    entity_type: String,
    remarks: String,
    programs: Vec<String>,
    lists: Vec<(String, String)>,
    list_date: String,
    names: Vec<Name>,
    features: Vec<Feature>,
    documents: Vec<Document>,
    places: Vec<Place>,
    relations: Vec<(String, String)>,
}

/// Loads OFAC enhanced XML into `out`.
pub fn load(inputs: &[Input], out: &mut Collector) -> Result<(), SourceError> {
    if inputs.is_empty() {
        return Err(SourceError::Missing { detail: "the OFAC enhanced XML (or its zip)".into() });
    }
    for input in inputs {
        if input.is_zip() {
            let (member, xml) = unzip(input)?;
            load_xml(&format!("{}!{member}", input.name), &xml, out)?;
        } else {
            load_xml(&input.name, &input.data, out)?;
        }
    }
    Ok(())
}

/// The first `.xml` member of a zip file: its name and bytes.
fn unzip(input: &Input) -> Result<(String, Vec<u8>), SourceError> {
    let zip_error = |e: &dyn std::fmt::Display| SourceError::format(&input.name, "zip archive", e.to_string(), "a zip file holding one XML file");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&input.data)).map_err(|e| zip_error(&e))?;
    for i in 0..archive.len() {
        let mut member = archive.by_index(i).map_err(|e| zip_error(&e))?;
        let name = member.name().map_err(|e| zip_error(&e))?.to_string();
        if name.to_ascii_lowercase().ends_with(".xml") {
            let mut data = Vec::new();
            (&mut member).take(MAX_UNPACKED).read_to_end(&mut data).map_err(|e| zip_error(&e))?;
            return Ok((name, data));
        }
    }
    Err(zip_error(&"no .xml file in the archive"))
}

fn load_xml(file: &str, data: &[u8], out: &mut Collector) -> Result<(), SourceError> {
    let text = delimited::utf8(file, data)?;
    let mut xml = XmlStream::new(file, text);
    let mut record: Option<Record> = None;
    xml.open_root("sanctionsData")?;
    loop {
        match xml.next()? {
            XmlEvent::Eof => break,
            XmlEvent::Open { name, attrs } => {
                if name == "entity" && xml.parent(1) == "entities" {
                    let id = attr(&attrs, "id").unwrap_or("").to_string();
                    record = Some(Record { id, line: xml.line(), ..Default::default() });
                    continue;
                }
                if let Some(r) = &mut record {
                    opened(r, &name, xml.parent(1), xml.parent(2), &attrs);
                }
            }
            XmlEvent::Close { name, text } => {
                if name == "dataAsOf" && xml.parent(0) == "publicationInfo" {
                    match text.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
                        Some(day) => out.set_published(day),
                        None => out.warn(format!("{file}: dataAsOf '{text}' is not a date")),
                    }
                }
                if name == "entity" && xml.parent(0) == "entities" {
                    if let Some(r) = record.take() {
                        finish(r, file, out);
                    }
                    continue;
                }
                if let Some(r) = &mut record {
                    closed(r, &name, xml.parent(0), xml.parent(1), xml.parent(2), text);
                }
            }
        }
    }
    Ok(())
}

fn opened(r: &mut Record, name: &str, parent: &str, grandparent: &str, attrs: &[(String, String)]) {
    match (name, parent) {
        ("name", "names") => r.names.push(Name::default()),
        ("translation", "translations") if grandparent == "name" => {
            if let Some(n) = r.names.last_mut() {
                n.translations.push(Translation::default());
            }
        }
        ("translation", "translations") if grandparent == "address" => {
            if let Some(p) = r.places.last_mut() {
                p.translations.push(Vec::new());
            }
        }
        ("address", "addresses") => r.places.push(Place::default()),
        ("feature", "features") => r.features.push(Feature::default()),
        ("identityDocument", "identityDocuments") => r.documents.push(Document::default()),
        ("relationship", "relationships") => r.relations.push(Default::default()),
        ("sanctionsList", "sanctionsLists") => {
            let date = attr(attrs, "datePublished").unwrap_or("");
            if !date.is_empty() && (r.list_date.is_empty() || date < r.list_date.as_str()) {
                r.list_date = date.to_string();
            }
        }
        _ => {}
    }
}

/// A leaf closed: `parent` is the element it was in.
fn closed(r: &mut Record, name: &str, parent: &str, up2: &str, up3: &str, text: String) {
    let yes = text == "true";
    match (parent, name) {
        ("generalInfo", "entityType") => r.entity_type = text,
        ("generalInfo", "remarks") => r.remarks = text,
        ("sanctionsPrograms", "sanctionsProgram") => r.programs.push(text),
        ("sanctionsLists", "sanctionsList") => r.lists.push((text, String::new())),
        ("name", _) if up2 == "names" => {
            if let Some(n) = r.names.last_mut() {
                match name {
                    "isPrimary" => n.primary = yes,
                    "aliasType" => n.alias_type = text,
                    "isLowQuality" => n.low_quality = yes,
                    _ => {}
                }
            }
        }
        ("translation", _) if up3 == "name" => {
            if let Some(t) = r.names.last_mut().and_then(|n| n.translations.last_mut()) {
                match name {
                    "script" => t.script = text,
                    "formattedFirstName" => t.first = text,
                    "formattedLastName" => t.last = text,
                    "formattedFullName" => t.full = text,
                    _ => {}
                }
            }
        }
        ("address", "country") => {
            if let Some(p) = r.places.last_mut() {
                p.country = text;
            }
        }
        ("addressPart", "type" | "value") => {
            if let Some(p) = r.places.last_mut() {
                if name == "type" { p.part.0 = text } else { p.part.1 = text }
            }
        }
        ("addressParts", "addressPart") => {
            if let Some(p) = r.places.last_mut() {
                let part = std::mem::take(&mut p.part);
                if let Some(t) = p.translations.last_mut() {
                    t.push(part);
                }
            }
        }
        ("feature", "type" | "value") => {
            if let Some(f) = r.features.last_mut() {
                if name == "type" { f.label = text } else { f.value = text }
            }
        }
        ("valueDate", _) => {
            if let Some(f) = r.features.last_mut() {
                let slot = ["fromDateBegin", "fromDateEnd", "toDateBegin", "toDateEnd"].iter().position(|k| *k == name);
                match (slot.and_then(|i| f.dates.get_mut(i)), name) {
                    (Some(d), _) => *d = text,
                    (None, "isApproximate") => f.approximate = yes,
                    (None, "isDateRange") => f.range = yes,
                    _ => {}
                }
            }
        }
        ("identityDocument", "type" | "documentNumber" | "issuingCountry") => {
            if let Some(d) = r.documents.last_mut() {
                match name {
                    "type" => d.kind = text,
                    "documentNumber" => d.number = text,
                    _ => d.country = text,
                }
            }
        }
        ("relationship", "type" | "relatedEntity") => {
            if let Some(rel) = r.relations.last_mut() {
                if name == "type" { rel.0 = text } else { rel.1 = text }
            }
        }
        _ => {}
    }
}

/// The partial date a span of days stands for: a day, a whole month or a
/// whole year; any other span is a range of days.
fn span(first: &str, last: &str) -> Option<FuzzyDate> {
    let parse = |s: &str| s.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let a = parse(first)?;
    let b = parse(last).unwrap_or(a);
    if a == b {
        return Some(a.into());
    }
    let next = b.succ_opt();
    if a.day() == 1 && next.is_some_and(|n| n.day() == 1) && a.year() == b.year() {
        if a.month() == 1 && b.month() == 12 {
            return Some(FuzzyDate::exact(PartialDate::year(a.year())));
        }
        if a.month() == b.month() {
            return PartialDate::ym(a.year(), a.month()).map(FuzzyDate::exact);
        }
    }
    Some(FuzzyDate::range(a.into(), b.into()))
}

fn feature_date(f: &Feature) -> Option<FuzzyDate> {
    let [fb, fe, tb, te] = &f.dates;
    let date = if f.range {
        let (from, to) = (span(fb, fe)?, span(tb, te)?);
        FuzzyDate::range(from.start, to.end.unwrap_or(to.start))
    } else {
        span(fb, if te.is_empty() { fe } else { te })?
    };
    Some(if f.approximate { date.approx() } else { date })
}

fn is_cjk(script: &str) -> bool {
    let s = script.to_ascii_lowercase();
    s.contains("chinese") || s.contains("japanese") || s.contains("han") || s.contains("korean")
}

fn finish(r: Record, file: &str, out: &mut Collector) {
    let location = format!("line {}, entity {}", r.line, r.id);
    if r.id.is_empty() {
        out.reject(file, &location, "<entity> without an id attribute");
        return;
    }
    let schema = match r.entity_type.to_ascii_lowercase().as_str() {
        "individual" => Schema::Person,
        "entity" => Schema::Organization,
        "vessel" => Schema::Vessel,
        "aircraft" => Schema::Airplane,
        _ => {
            let found = &r.entity_type;
            out.reject(file, &location, format!("unknown entityType '{found}'; expected Individual, Entity, Vessel or Aircraft"));
            return;
        }
    };
    let mut e = Entity::new(out.dataset(), &r.id, schema.clone());
    let mut problems = Vec::new();
    for n in &r.names {
        let prop = match (n.primary, n.alias_type.to_ascii_uppercase().as_str()) {
            (true, _) => props::NAME,
            (false, "F.K.A.") => props::PREVIOUS_NAME,
            _ if n.low_quality => props::WEAK_ALIAS,
            _ => props::ALIAS,
        };
        for t in &n.translations {
            let full = if schema == Schema::Person && !t.first.is_empty() && !t.last.is_empty() {
                if is_cjk(&t.script) { format!("{}{}", t.last, t.first) } else { format!("{} {}", t.first, t.last) }
            } else if t.full.is_empty() {
                t.last.clone()
            } else {
                t.full.clone()
            };
            e.add(prop, &full);
            if prop == props::NAME && schema == Schema::Person && t.script.eq_ignore_ascii_case("latin") {
                e.add(props::FIRST_NAME, &t.first);
                e.add(props::LAST_NAME, &t.last);
            }
        }
    }
    if schema == Schema::Airplane {
        let tail = e.first(props::NAME).map(str::to_string);
        if let Some(tail) = tail {
            e.add(props::REGISTRATION, tail);
        }
    }
    e.add_all(props::PROGRAM, &r.programs);
    for (list, _) in &r.lists {
        e.add(props::NOTES, format!("List: {list}"));
    }
    match FuzzyDate::parse_loose(&r.list_date) {
        Some(d) => e.add_date(props::LISTING_DATE, d),
        None if r.list_date.is_empty() => {}
        None => problems.push(format!("datePublished '{}' is not a date", r.list_date)),
    }
    e.add(props::NOTES, &r.remarks);
    for f in &r.features {
        match (ofac_remarks::date_property(&f.label), feature_date(f)) {
            (Some(prop), Some(date)) => e.add_date(prop, date),
            _ => {
                ofac_remarks::apply_labelled(&mut e, &f.label, &f.value, &mut problems);
            }
        }
    }
    for d in &r.documents {
        let value = if d.country.is_empty() { d.number.clone() } else { format!("{} ({})", d.number, d.country) };
        if !ofac_remarks::apply_labelled(&mut e, &d.kind, &value, &mut problems) {
            e.add(props::ID_NUMBER, &d.number);
        }
    }
    for p in &r.places {
        for parts in &p.translations {
            let get = |keys: &[&str]| {
                let v: Vec<&str> = parts.iter().filter(|(k, _)| keys.contains(&k.as_str())).map(|(_, v)| v.as_str()).collect();
                (!v.is_empty()).then(|| v.join(", "))
            };
            e.add_address(Address::from_parts(
                get(&["ADDRESS1", "ADDRESS2", "ADDRESS3"]),
                get(&["CITY"]),
                get(&["STATE/PROVINCE", "REGION"]),
                get(&["POSTAL CODE"]),
                (!p.country.is_empty()).then(|| p.country.clone()),
            ));
        }
        if p.translations.iter().all(Vec::is_empty) && !p.country.is_empty() {
            e.add_address(Address::from_parts(None, None, None, None, Some(p.country.clone())));
        }
    }
    for (kind, other) in &r.relations {
        e.add(props::NOTES, format!("{kind}: {other}"));
    }
    e.add(props::TOPICS, "sanction");
    e.add(props::AUTHORITY, AUTHORITY);
    for p in problems {
        out.warn(format!("{file}: {location}: {p}"));
    }
    out.entity(e, file, &location);
}

#[cfg(test)]
mod tests;
