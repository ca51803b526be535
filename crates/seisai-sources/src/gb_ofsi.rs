//! UK OFSI Consolidated List, `ConList.csv` (Format::GbOfsiCsv).
//!
//! The file starts with `Last Updated,dd/mm/yyyy` (the publication date),
//! then a 29-column header (`Name 6` is the surname, `Name 1`–`Name 5` the
//! other name parts, …, `Alias Type`, `Regime`, `Listed On`, `Group ID`).
//! It is cp1252-encoded: text that is not valid UTF-8 is decoded as
//! Windows-1252. There is one row per name of a listed party; the rows of a
//! party share its `Group ID` and become one entity `gb_ofsi-{Group ID}`:
//! the `Prime Alias` / `Primary name` row gives `name`, `AKA` and
//! `Primary name variation` rows give `alias`, `FKA` rows `previousName`;
//! the other columns of all rows are merged. Dates of birth with placeholder
//! parts (`00/00/1980`, `dd/mm/1968`, `00/05/1970`) keep only the known
//! precision (see [`parse_uk_date`]).

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;
use seisai_model::{Address, Entity, FuzzyDate, PartialDate, Schema, props};

use crate::values::{LineCounter, each_input, split_multi};
use crate::{Collector, Input, SourceError};

/// Columns the loader needs.
const REQUIRED: [&str; 4] = ["Name 6", "Alias Type", "Group Type", "Group ID"];

/// Loads ConList.csv files into `out`.
pub fn load(inputs: &[Input], out: &mut Collector) -> Result<(), SourceError> {
    each_input(inputs, "OFSI ConList.csv", |input| load_file(input, out))
}

/// The file as text: UTF-8 if it is valid UTF-8, else Windows-1252.
pub fn decode_utf8_or_cp1252(data: &[u8]) -> Cow<'_, str> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    match std::str::from_utf8(data) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(data).0,
    }
}

/// A party being assembled from its rows.
struct Group {
    entity: Entity,
    file_location: String,
    has_primary: bool,
    other_names: Vec<(String, &'static str)>,
}

fn load_file(input: &Input, out: &mut Collector) -> Result<(), SourceError> {
    let file = input.name.as_str();
    let text = decode_utf8_or_cp1252(&input.data);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let mut header: Option<Vec<String>> = None;
    // The "Last Updated" line, then the header.
    for _ in 0..2 {
        match records.next() {
            Some(Ok(r)) => {
                let first = r.get(0).unwrap_or("").trim();
                if first.eq_ignore_ascii_case("Last Updated") {
                    let date = r.get(1).unwrap_or("").trim();
                    match NaiveDate::parse_from_str(date, "%d/%m/%Y") {
                        Ok(d) => out.set_published(d),
                        Err(_) => out.warn(format!("{file}: line 1: Last Updated date {date:?} is not dd/mm/yyyy")),
                    }
                } else {
                    header = Some(r.iter().map(|c| c.trim().to_string()).collect());
                    break;
                }
            }
            Some(Err(e)) => return Err(SourceError::format(file, "line 1", format!("unreadable CSV: {e}"), "the ConList header")),
            None => break,
        }
    }
    let expected = || format!("a header row with the columns {}", REQUIRED.join(", "));
    let Some(header) = header else {
        return Err(SourceError::format(file, "line 2", "no header row", expected()));
    };
    if let Some(missing) = REQUIRED.iter().find(|c| !header.iter().any(|h| h == *c)) {
        return Err(SourceError::format(file, "header", format!("column {missing:?} missing"), expected()));
    }
    let col = |name: &str| header.iter().position(|h| h == name);
    let mut lines = LineCounter::new(text.as_bytes());
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for result in records {
        let record = match result {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                out.reject(file, &format!("line {line}"), format!("unreadable CSV row: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        let location = format!("line {line}");
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            out.reject(file, &location, format!("{} fields; expected {} as in the header", record.len(), header.len()));
            continue;
        }
        let get = |name: &str| col(name).and_then(|i| record.get(i)).unwrap_or("").trim();
        let group_id = get("Group ID");
        if group_id.is_empty() {
            out.reject(file, &location, "Group ID is empty; expected the number of the listed party");
            continue;
        }
        let i = match index.get(group_id) {
            Some(&i) => i,
            None => {
                let schema = match get("Group Type").to_ascii_lowercase().as_str() {
                    "individual" => Schema::Person,
                    "ship" => Schema::Vessel,
                    "entity" => Schema::Organization,
                    other => {
                        out.warn(format!("{file}: {location}: unknown Group Type {other:?}; read as LegalEntity"));
                        Schema::LegalEntity
                    }
                };
                index.insert(group_id.to_string(), groups.len());
                groups.push(Group {
                    entity: Entity::new(out.dataset(), group_id, schema),
                    file_location: location.clone(),
                    has_primary: false,
                    other_names: Vec::new(),
                });
                groups.len() - 1
            }
        };
        let Some(group) = groups.get_mut(i) else { continue };
        add_row(group, &get, out, file, &location);
    }
    for mut group in groups {
        for (name, prop) in std::mem::take(&mut group.other_names) {
            // A party without a primary row: its first name becomes the name.
            let prop = if group.has_primary { prop } else { props::NAME };
            group.has_primary = true;
            group.entity.add(prop, name);
        }
        out.entity(group.entity, file, &group.file_location);
    }
    Ok(())
}

/// Adds one row's name and details to its party.
fn add_row<'r>(group: &mut Group, get: &dyn Fn(&str) -> &'r str, out: &mut Collector, file: &str, location: &str) {
    let e = &mut group.entity;
    let given: Vec<&str> = ["Name 1", "Name 2", "Name 3", "Name 4", "Name 5"].iter().map(|c| get(c)).filter(|v| !v.is_empty()).collect();
    let surname = get("Name 6");
    let full = given.iter().copied().chain(Some(surname).filter(|s| !s.is_empty())).collect::<Vec<_>>().join(" ");
    let alias_type = get("Alias Type").to_ascii_lowercase();
    let prop = match alias_type.as_str() {
        "prime alias" | "primary name" => props::NAME,
        "fka" => props::PREVIOUS_NAME,
        "aka" | "primary name variation" => props::ALIAS,
        other => {
            out.warn(format!("{file}: {location}: unknown Alias Type {other:?}; read as an alias"));
            props::ALIAS
        }
    };
    if !full.is_empty() {
        if prop == props::NAME {
            group.has_primary = true;
            e.add(props::NAME, &full);
            if e.schema == Schema::Person {
                e.add(props::FIRST_NAME, given.first().copied().unwrap_or(""));
                e.add(props::LAST_NAME, surname);
            }
        } else {
            group.other_names.push((full, prop));
        }
    }
    e.add(props::TITLE, get("Title"));
    if let Some(d) = parse_uk_date(get("DOB")) {
        e.add_date(props::BIRTH_DATE, d);
    } else if !get("DOB").is_empty() {
        e.add(props::BIRTH_DATE, get("DOB"));
        out.warn(format!("{file}: {location}: DOB {:?} is not dd/mm/yyyy; kept as text", get("DOB")));
    }
    let birth_place = [get("Town of Birth"), get("Country of Birth")].iter().filter(|v| !v.is_empty()).copied().collect::<Vec<_>>().join(", ");
    e.add(props::BIRTH_PLACE, birth_place);
    for n in numbered_list(get("Nationality")) {
        e.add_country(props::NATIONALITY, n);
    }
    e.add(props::PASSPORT_NUMBER, get("Passport Details"));
    e.add(props::ID_NUMBER, get("NI Number"));
    e.add(props::POSITION, get("Position"));
    let street = ["Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6"]
        .iter()
        .map(|c| get(c))
        .filter(|v| !v.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let country = get("Country");
    e.add_address(Address::from_parts(
        Some(street),
        None,
        None,
        Some(get("Post/Zip Code").to_string()),
        Some(country.to_string()),
    ));
    e.add(props::NOTES, get("Other Information"));
    e.add(props::PROGRAM, get("Regime"));
    for (column, prop) in [("Listed On", props::LISTING_DATE), ("Last Updated", props::MODIFIED_AT)] {
        if let Some(d) = parse_uk_date(get(column)) {
            e.add_date(prop, d);
        }
    }
    e.add(props::TOPICS, "sanction");
}

/// The items of `1) Saudi Arabia 2) Qatar`, or the text itself.
fn numbered_list(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut rest = text.trim();
    let marker = |s: &str| -> Option<usize> {
        // Position of the next "N)" marker that starts an item.
        let bytes = s.as_bytes();
        (0..bytes.len()).find(|&i| {
            bytes.get(i).is_some_and(u8::is_ascii_digit)
                && (i == 0 || bytes.get(i - 1) == Some(&b' '))
                && bytes.get(i + 1..).is_some_and(|t| t.iter().find(|b| !b.is_ascii_digit()) == Some(&b')'))
        })
    };
    if marker(rest) != Some(0) {
        return split_multi(rest, ';').collect();
    }
    while !rest.is_empty() {
        let after = rest.find(')').map_or("", |p| rest.get(p + 1..).unwrap_or(""));
        let end = marker(after).unwrap_or(after.len());
        items.push(after.get(..end).unwrap_or("").trim());
        rest = after.get(end..).unwrap_or("");
    }
    items.into_iter().filter(|v| !v.is_empty()).collect()
}

/// Parses a UK list date `dd/mm/yyyy`, where the day and month may be
/// placeholders (`00`, `dd`, `mm`): `00/00/1980` and `dd/mm/1968` give the
/// year, `00/05/1970` and `dd/05/1970` the month. Returns `None` for
/// anything else (including impossible dates).
pub fn parse_uk_date(text: &str) -> Option<FuzzyDate> {
    let mut parts = text.trim().split('/');
    let (d, m, y) = (parts.next()?.trim(), parts.next()?.trim(), parts.next()?.trim());
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let known = |p: &str| -> Option<Option<u32>> {
        if p.chars().all(|c| c == '0') || p.eq_ignore_ascii_case("dd") || p.eq_ignore_ascii_case("mm") {
            Some(None)
        } else if !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()) {
            p.parse().ok().map(Some)
        } else {
            None
        }
    };
    let date = match (known(d)?, known(m)?) {
        (Some(day), Some(month)) => PartialDate::ymd(year, month, day)?,
        (None, Some(month)) => PartialDate::ym(year, month)?,
        (_, None) => PartialDate::year(year),
    };
    Some(FuzzyDate::exact(date))
}

#[cfg(test)]
mod tests;
