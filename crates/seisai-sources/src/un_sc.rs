//! Loader for the UN Security Council Consolidated List XML
//! (`<CONSOLIDATED_LIST dateGenerated="…">` with `<INDIVIDUALS>` and
//! `<ENTITIES>`), read as a stream of quick-xml events.
//!
//! * id `un_sc-{REFERENCE_NUMBER}` (`un_sc-QDi.001`); INDIVIDUAL → Person,
//!   ENTITY → Organization;
//! * `name` from FIRST_NAME … FOURTH_NAME joined, plus NAME_ORIGINAL_SCRIPT
//!   (the same name in Arabic or Cyrillic script) as a further `name`;
//! * aliases by QUALITY: `Good`, `a.k.a.` → `alias`, `Low` → `weakAlias`,
//!   `f.k.a.` → `previousName`;
//! * dates of birth by TYPE_OF_DATE: EXACT (DATE or YEAR), APPROXIMATELY
//!   (approximate date or year), BETWEEN (FROM_YEAR/TO_YEAR range);
//! * nationality as ISO codes, places of birth, addresses, documents
//!   (passports apart from other ids), TITLE → `title`, DESIGNATION →
//!   `position`, UN_LIST_TYPE → `program`, LISTED_ON → `listingDate`,
//!   LAST_DAY_UPDATED → `modifiedAt`, `dateGenerated` → published date.
//!
//! A record without REFERENCE_NUMBER is rejected with its line; a value that
//! is not a date is kept in notes with a warning.

use chrono::NaiveDate;
use seisai_model::{Address, Entity, FuzzyDate, PartialDate, Schema, props};

use crate::delimited;
use crate::xml_events::{XmlEvent, XmlStream, attr};
use crate::{Collector, Input, SourceError};

/// Fields of one child element of a record (`INDIVIDUAL_ALIAS`, `NATIONALITY`, …).
type Group = (String, Vec<(String, String)>);

/// A record being read: its direct text fields and its child groups.
struct Record {
    schema: Schema,
    kind: String,
    line: usize,
    depth: usize,
    fields: Vec<(String, String)>,
    groups: Vec<Group>,
    open_group: Option<Group>,
}

fn get<'a>(pairs: &'a [(String, String)], key: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == key).map_or("", |(_, v)| v.as_str())
}

/// Loads the UN consolidated list into `out`.
pub fn load(inputs: &[Input], out: &mut Collector) -> Result<(), SourceError> {
    crate::values::each_input(inputs, "the UN consolidated list XML", |input| load_file(input, out))
}

fn load_file(input: &Input, out: &mut Collector) -> Result<(), SourceError> {
    let file = input.name.as_str();
    let text = delimited::utf8(file, &input.data)?;
    let mut xml = XmlStream::new(file, text);
    let mut record: Option<Record> = None;
    let root = xml.open_root("CONSOLIDATED_LIST")?;
    if let Some(d) = attr(&root, "dateGenerated").and_then(|v| v.get(..10)) {
        match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(day) => out.set_published(day),
            Err(_) => out.warn(format!("{file}: dateGenerated '{d}' is not a date")),
        }
    }
    loop {
        match xml.next()? {
            XmlEvent::Eof => break,
            XmlEvent::Open { name, .. } => {
                let depth = xml.path_len();
                match &mut record {
                    None => {
                        let schema = match (xml.parent(1), name.as_str()) {
                            ("INDIVIDUALS", "INDIVIDUAL") => Some(Schema::Person),
                            ("ENTITIES", "ENTITY") => Some(Schema::Organization),
                            _ => None,
                        };
                        if let Some(schema) = schema {
                            record = Some(Record {
                                schema,
                                kind: name,
                                line: xml.line(),
                                depth,
                                fields: Vec::new(),
                                groups: Vec::new(),
                                open_group: None,
                            });
                        }
                    }
                    Some(r) if depth == r.depth + 1 => r.open_group = Some((name, Vec::new())),
                    Some(_) => {}
                }
            }
            XmlEvent::Close { name, text } => {
                let depth = xml.path_len() + 1;
                let Some(r) = &mut record else { continue };
                if depth == r.depth {
                    if let Some(r) = record.take() {
                        finish(r, file, out);
                    }
                } else if depth == r.depth + 1 {
                    match r.open_group.take() {
                        Some(group) if !group.1.is_empty() => r.groups.push(group),
                        _ if !text.is_empty() => r.fields.push((name, text)),
                        _ => {}
                    }
                } else if depth == r.depth + 2 && !text.is_empty() {
                    if let Some((_, entries)) = &mut r.open_group {
                        entries.push((name, text));
                    }
                }
            }
        }
    }
    Ok(())
}

fn finish(r: Record, file: &str, out: &mut Collector) {
    let location = format!("line {}, {}", r.line, r.kind);
    let reference = get(&r.fields, "REFERENCE_NUMBER");
    if reference.is_empty() {
        out.reject(file, &location, format!("{} without REFERENCE_NUMBER", r.kind));
        return;
    }
    let location = format!("{location} {reference}");
    let mut e = Entity::new(out.dataset(), reference, r.schema.clone());
    let mut problems = Vec::new();
    let parts: Vec<&str> = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"].iter().map(|k| get(&r.fields, k)).collect();
    e.add(props::NAME, parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(" "));
    if r.schema == Schema::Person {
        for (part, prop) in parts.iter().zip([props::FIRST_NAME, props::SECOND_NAME, props::MIDDLE_NAME]) {
            e.add(prop, part);
        }
    }
    e.add(props::NAME, get(&r.fields, "NAME_ORIGINAL_SCRIPT"));
    e.add(props::PROGRAM, get(&r.fields, "UN_LIST_TYPE"));
    add_date(&mut e, props::LISTING_DATE, get(&r.fields, "LISTED_ON"), &mut problems);
    e.add(props::NOTES, get(&r.fields, "COMMENTS1"));
    let gender = get(&r.fields, "GENDER");
    if !gender.is_empty() {
        e.add(props::GENDER, crate::values::gender(gender).unwrap_or("other"));
    }
    for (name, entries) in &r.groups {
        apply_group(&mut e, name, entries, &mut problems);
    }
    e.add(props::TOPICS, "sanction");
    e.add(props::AUTHORITY, "United Nations Security Council");
    for p in problems {
        out.warn(format!("{file}: {location}: {p}"));
    }
    out.entity(e, file, &location);
}

fn add_date(e: &mut Entity, prop: &str, value: &str, problems: &mut Vec<String>) {
    if value.is_empty() {
        return;
    }
    match value.parse::<FuzzyDate>().ok().or_else(|| FuzzyDate::parse_loose(value)) {
        Some(d) => e.add_date(prop, d),
        None => {
            problems.push(format!("{prop} '{value}' is not a date; kept in notes"));
            e.add(props::NOTES, format!("{prop}: {value}"));
        }
    }
}

fn apply_group(e: &mut Entity, name: &str, g: &[(String, String)], problems: &mut Vec<String>) {
    let values = || g.iter().filter(|(k, _)| k == "VALUE").map(|(_, v)| v.as_str());
    match name {
        "TITLE" => e.add_all(props::TITLE, values()),
        "DESIGNATION" => e.add_all(props::POSITION, values()),
        "NATIONALITY" => values().for_each(|v| e.add_country(props::NATIONALITY, v)),
        "LAST_DAY_UPDATED" => values().for_each(|v| add_date(e, props::MODIFIED_AT, v, problems)),
        "INDIVIDUAL_ALIAS" | "ENTITY_ALIAS" => {
            let alias = get(g, "ALIAS_NAME");
            let prop = match get(g, "QUALITY").to_ascii_lowercase().as_str() {
                "low" => props::WEAK_ALIAS,
                "f.k.a." => props::PREVIOUS_NAME,
                _ => props::ALIAS,
            };
            // An alias with its original script in brackets (`Akrin Saleh
            // Akrin (أقرين صالح أقرين)`, `حسن غول (Hassan Ghul; Hassan Gul)`)
            // is two names or more.
            for name in crate::script::split_original_script(alias) {
                e.add_all(prop, name.split(';').map(str::trim).filter(|n| !n.is_empty()));
            }
            add_date(e, props::BIRTH_DATE, get(g, "DATE_OF_BIRTH"), problems);
            let pob = [get(g, "CITY_OF_BIRTH"), get(g, "COUNTRY_OF_BIRTH")];
            e.add(props::BIRTH_PLACE, pob.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(", "));
            if !get(g, "NOTE").is_empty() {
                e.add(props::NOTES, format!("{alias}: {}", get(g, "NOTE")));
            }
        }
        "INDIVIDUAL_ADDRESS" | "ENTITY_ADDRESS" => {
            let part = |k: &str| Some(get(g, k).to_string());
            e.add_address(Address::from_parts(part("STREET"), part("CITY"), part("STATE_PROVINCE"), part("ZIP_CODE"), part("COUNTRY")));
            if !get(g, "NOTE").is_empty() {
                e.add(props::NOTES, format!("Address: {}", get(g, "NOTE")));
            }
        }
        "INDIVIDUAL_PLACE_OF_BIRTH" => {
            let parts = [get(g, "STREET"), get(g, "CITY"), get(g, "STATE_PROVINCE"), get(g, "COUNTRY")];
            e.add(props::BIRTH_PLACE, parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(", "));
        }
        "INDIVIDUAL_DATE_OF_BIRTH" => match birth_date(g) {
            Some(Ok(d)) => e.add_date(props::BIRTH_DATE, d),
            Some(Err(text)) => {
                problems.push(format!("date of birth {text} is not a date; kept in notes"));
                e.add(props::NOTES, format!("Date of birth: {text}"));
            }
            None => {}
        },
        "INDIVIDUAL_DOCUMENT" => {
            let number = get(g, "NUMBER");
            let kind = [get(g, "TYPE_OF_DOCUMENT"), get(g, "TYPE_OF_DOCUMENT2")].join(" ");
            if !number.is_empty() {
                let prop = if kind.to_ascii_lowercase().contains("passport") { props::PASSPORT_NUMBER } else { props::ID_NUMBER };
                e.add(prop, number);
            }
            let details: Vec<String> = g.iter().filter(|(k, _)| k != "NUMBER").map(|(k, v)| format!("{k}: {v}")).collect();
            if !number.is_empty() && !details.is_empty() {
                e.add(props::NOTES, format!("Document {number} ({})", details.join("; ")));
            }
        }
        _ => {}
    }
}

fn year(text: &str) -> Option<PartialDate> {
    let t = text.trim();
    (t.len() == 4).then(|| t.parse::<i32>().ok()).flatten().map(PartialDate::year)
}

/// An INDIVIDUAL_DATE_OF_BIRTH group as a date; `Err` carries the text of
/// a group whose values are not dates.
fn birth_date(g: &[(String, String)]) -> Option<Result<FuzzyDate, String>> {
    let (kind, date, y, from, to) = (get(g, "TYPE_OF_DATE"), get(g, "DATE"), get(g, "YEAR"), get(g, "FROM_YEAR"), get(g, "TO_YEAR"));
    if [date, y, from, to].iter().all(|v| v.is_empty()) {
        return None;
    }
    let single = || {
        if !date.is_empty() {
            date.parse::<FuzzyDate>().ok().or_else(|| FuzzyDate::parse_loose(date))
        } else if !y.is_empty() {
            year(y).map(FuzzyDate::exact)
        } else {
            None
        }
    };
    let range = || Some(FuzzyDate::range(year(from)?, year(to)?));
    let parsed = match kind.to_ascii_uppercase().as_str() {
        "BETWEEN" => range(),
        "APPROXIMATELY" => single().or_else(range).map(FuzzyDate::approx),
        _ => single().or_else(range),
    };
    Some(parsed.ok_or_else(|| {
        g.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
    }))
}

#[cfg(test)]
mod tests;
