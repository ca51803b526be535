//! Loader for the OFAC legacy CSV set (`us_ofac_sdn`, `us_ofac_cons`).
//!
//! Files are recognised by name, case-insensitively:
//!
//! | file | content |
//! |---|---|
//! | `sdn.csv`, `sdn-2024-05-03.csv`, `cons_prim.csv` | primary records: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks |
//! | `alt.csv`, `cons_alt.csv` | aliases: ent_num, alt_num, alt_type (`aka`/`fka`/`nka`), alt_name, alt_remarks |
//! | `add.csv`, `cons_add.csv` | addresses: ent_num, add_num, address, city/state/postal, country, add_remarks |
//! | `sdn_comments.csv`, `cons_comments.csv` | remarks overflow: ent_num, the rest of the Remarks text |
//!
//! The files have no header, use CRLF, write `-0- ` for an empty field and
//! may end with a 0x1A (DOS end-of-file) byte. A single input with any
//! other name is read as the primary file. The primary file alone is
//! enough: aliases, dates of birth and the rest are then read from the
//! Remarks text by [`crate::ofac_remarks`].
//!
//! Entity ids are `{dataset}-{ent_num}`. Individuals get their name in
//! natural order (`Vladimir Vladimirovich PUTIN`) with `firstName` and
//! `lastName`; SDN_Type `individual` is a Person, `vessel` a Vessel,
//! `aircraft` an Airplane and an empty type an Organization. A row with the
//! wrong number of fields, a non-numeric ent_num, an unknown SDN_Type or an
//! ent_num no primary record has is rejected with its file and line.

use std::collections::HashMap;

use seisai_model::{Address, Entity, Schema, props};

use crate::delimited::{self, Row};
use crate::ofac_remarks::{self, AUTHORITY};
use crate::{Collector, Input, SourceError};

/// The role of a file of the set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Primary,
    Alt,
    Address,
    Comments,
}

impl Kind {
    fn of(file_name: &str) -> Option<Kind> {
        let n = file_name.to_ascii_lowercase();
        if !n.ends_with(".csv") {
            return None;
        }
        if n.contains("comments") {
            Some(Kind::Comments)
        } else if n.starts_with("alt") || n.starts_with("cons_alt") {
            Some(Kind::Alt)
        } else if n.starts_with("add") || n.starts_with("cons_add") {
            Some(Kind::Address)
        } else if n.starts_with("sdn") || n.starts_with("cons_prim") {
            Some(Kind::Primary)
        } else {
            None
        }
    }

    fn columns(self) -> usize {
        match self {
            Kind::Primary => 12,
            Kind::Alt => 5,
            Kind::Address => 6,
            Kind::Comments => 2,
        }
    }

    fn layout(self) -> &'static str {
        match self {
            Kind::Primary => "ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks",
            Kind::Alt => "ent_num, alt_num, alt_type, alt_name, alt_remarks",
            Kind::Address => "ent_num, add_num, address, city/state/postal, country, add_remarks",
            Kind::Comments => "ent_num, remarks continuation",
        }
    }
}

/// One file's rows, after field-count and ent_num checks.
struct Table<'a> {
    file: &'a str,
    rows: Vec<(u64, String, Row)>,
}

/// Field `i` with OFAC's `-0-` null marker turned into `""`.
fn val(row: &Row, i: usize) -> &str {
    let v = row.get(i);
    if v == "-0-" { "" } else { v }
}

fn read_table<'a>(input: &'a Input, kind: Kind, out: &mut Collector) -> Result<Table<'a>, SourceError> {
    let file = input.name.as_str();
    let text = delimited::utf8(file, &input.data)?;
    let text = text.trim_end_matches(|c: char| c == '\u{1a}' || c.is_whitespace());
    let mut rows = Vec::new();
    for row in delimited::rows(file, text, b',')? {
        let location = format!("line {}", row.line);
        if row.fields.len() != kind.columns() {
            let found = row.fields.len();
            out.reject(file, &location, format!("expected {} fields ({}), found {found}", kind.columns(), kind.layout()));
            continue;
        }
        let ent_num = row.get(0);
        if ent_num.is_empty() || !ent_num.bytes().all(|b| b.is_ascii_digit()) {
            out.reject(file, &location, format!("ent_num '{ent_num}' is not a number"));
            continue;
        }
        rows.push((row.line, ent_num.to_string(), row));
    }
    Ok(Table { file, rows })
}

/// Assigns each input its role; see the module documentation.
fn classify(inputs: &[Input]) -> Result<Vec<(Kind, &Input)>, SourceError> {
    if let [only] = inputs {
        return Ok(vec![(Kind::of(only.file_name()).unwrap_or(Kind::Primary), only)]);
    }
    let mut out: Vec<(Kind, &Input)> = Vec::new();
    for input in inputs {
        let kind = Kind::of(input.file_name()).ok_or_else(|| SourceError::Format {
            file: input.name.clone(),
            location: "file name".into(),
            detail: format!("'{}' is not a file of the OFAC CSV set", input.file_name()),
            expected: "sdn.csv, alt.csv, add.csv, sdn_comments.csv (or cons_prim.csv, cons_alt.csv, cons_add.csv, cons_comments.csv)".into(),
        })?;
        if let Some((_, other)) = out.iter().find(|(k, _)| *k == kind) {
            return Err(SourceError::Format {
                file: input.name.clone(),
                location: "file name".into(),
                detail: format!("a second {kind:?} file beside {}", other.name),
                expected: "one file of each kind".into(),
            });
        }
        out.push((kind, input));
    }
    Ok(out)
}

/// Loads the OFAC CSV set into `out`.
pub fn load(inputs: &[Input], out: &mut Collector) -> Result<(), SourceError> {
    let files = classify(inputs)?;
    let get = |kind: Kind| files.iter().find(|(k, _)| *k == kind).map(|(_, i)| *i);
    let primary = get(Kind::Primary).ok_or_else(|| SourceError::Missing {
        detail: "the OFAC primary file (sdn.csv or cons_prim.csv) holds the names; the other files only add to it".into(),
    })?;

    let mut continuation: HashMap<String, String> = HashMap::new();
    let mut comment_lines: Vec<(String, &str, u64)> = Vec::new();
    if let Some(input) = get(Kind::Comments) {
        let table = read_table(input, Kind::Comments, out)?;
        for (line, ent_num, row) in &table.rows {
            continuation.entry(ent_num.clone()).or_default().push_str(row.fields.get(1).unwrap_or(""));
            comment_lines.push((ent_num.clone(), table.file, *line));
        }
    }

    let table = read_table(primary, Kind::Primary, out)?;
    let mut entities: Vec<(Entity, String)> = Vec::with_capacity(table.rows.len());
    let mut index: HashMap<String, usize> = HashMap::new();
    for (line, ent_num, row) in &table.rows {
        let location = format!("line {line}");
        let extra = continuation.get(ent_num).map_or("", String::as_str);
        match primary_entity(out.dataset(), ent_num, row, extra) {
            Ok((entity, problems)) => {
                for p in problems {
                    out.warn(format!("{}: {location}: ent_num {ent_num}: {p}", table.file));
                }
                index.insert(ent_num.clone(), entities.len());
                entities.push((entity, location));
            }
            Err(reason) => out.reject(table.file, &location, reason),
        }
    }
    for (ent_num, file, line) in comment_lines {
        if !index.contains_key(&ent_num) {
            out.reject(file, &format!("line {line}"), format!("remarks for ent_num {ent_num}, which no primary record has"));
        }
    }

    if let Some(input) = get(Kind::Alt) {
        let alt = read_table(input, Kind::Alt, out)?;
        for (line, ent_num, row) in &alt.rows {
            let target = index.get(ent_num).and_then(|&i| entities.get_mut(i));
            match target {
                Some((entity, _)) => {
                    if let Err(reason) = add_alias(entity, row) {
                        out.reject(alt.file, &format!("line {line}"), reason);
                    }
                }
                None => out.reject(alt.file, &format!("line {line}"), format!("alias of ent_num {ent_num}, which no primary record has")),
            }
        }
    }
    if let Some(input) = get(Kind::Address) {
        let add = read_table(input, Kind::Address, out)?;
        for (line, ent_num, row) in &add.rows {
            match index.get(ent_num).and_then(|&i| entities.get_mut(i)) {
                Some((entity, _)) => {
                    entity.add_address(Address::from_parts(
                        Some(val(row, 2).to_string()),
                        Some(val(row, 3).to_string()),
                        None,
                        None,
                        Some(val(row, 4).to_string()),
                    ));
                    entity.add(props::NOTES, val(row, 5));
                }
                None => out.reject(add.file, &format!("line {line}"), format!("address of ent_num {ent_num}, which no primary record has")),
            }
        }
    }
    for (entity, location) in entities {
        out.entity(entity, table.file, &location);
    }
    Ok(())
}

/// Builds the entity of one primary row; `extra` is the remarks overflow
/// from the comments file. Returns the entity and the remarks problems.
fn primary_entity(dataset: &str, ent_num: &str, row: &Row, extra: &str) -> Result<(Entity, Vec<String>), String> {
    let schema = match val(row, 2).to_ascii_lowercase().as_str() {
        "individual" => Schema::Person,
        "vessel" => Schema::Vessel,
        "aircraft" => Schema::Airplane,
        "" => Schema::Organization,
        other => return Err(format!("unknown SDN_Type '{other}'; expected individual, vessel, aircraft or -0-")),
    };
    let mut e = Entity::new(dataset, ent_num, schema.clone());
    let name = val(row, 1);
    ofac_remarks::add_name(&mut e, props::NAME, name);
    if schema == Schema::Airplane {
        e.add(props::REGISTRATION, name);
    }
    e.add_all(props::PROGRAM, ofac_remarks::programs(val(row, 3)));
    let title = val(row, 4);
    if schema == Schema::Person {
        e.add(props::POSITION, title);
    } else if !title.is_empty() {
        e.add(props::NOTES, format!("Title: {title}"));
    }
    ofac_remarks::add_vessel_columns(&mut e, val(row, 5), val(row, 6), val(row, 7), val(row, 8), val(row, 9), val(row, 10));
    e.add(props::TOPICS, "sanction");
    e.add(props::AUTHORITY, AUTHORITY);
    let remarks = format!("{}{extra}", row.fields.get(11).unwrap_or(""));
    let remarks = remarks.trim();
    let problems = if remarks == "-0-" { Vec::new() } else { ofac_remarks::apply_remarks(remarks, &mut e) };
    Ok((e, problems))
}

/// Adds one alt.csv row to its entity.
fn add_alias(entity: &mut Entity, row: &Row) -> Result<(), String> {
    let remarks = val(row, 4);
    let low_quality = {
        let r = remarks.to_ascii_lowercase();
        r.contains("weak") || r.contains("low quality")
    };
    let prop = match val(row, 2).to_ascii_lowercase().as_str() {
        "aka" | "nka" if low_quality => props::WEAK_ALIAS,
        "aka" | "nka" => props::ALIAS,
        "fka" => props::PREVIOUS_NAME,
        other => return Err(format!("unknown alt_type '{other}'; expected aka, fka or nka")),
    };
    let name = val(row, 3);
    if name.is_empty() {
        return Err("alias without a name".into());
    }
    ofac_remarks::add_name(entity, prop, name);
    entity.add(props::NOTES, remarks);
    Ok(())
}

#[cfg(test)]
mod tests;
