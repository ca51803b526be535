//! EU designations extracted from the Official Journal (Format::EuJournalCsv).
//!
//! One CSV file per legal act (named by its CELEX number), one row per
//! designation, FollowTheMoney-style columns. Consolidated acts have a
//! `celex` column; amending acts have `amendedCelex` (the act whose annex
//! the entry is added to) and `amendmentCelex` (the amending act itself).
//! All files given to one load form one list version.
//!
//! * ids: `eu_journal-{celex}-{recordId}` with the tie-breaking rules of
//!   [`ids`]; for amending acts the celex is the amended act, so that an
//!   entry keeps its id when a later consolidated version absorbs it, and an
//!   amendment restating an existing entry merges into it.
//! * names: multi-values are `;`-separated; a name carrying its
//!   original-script form in parentheses (`Sergei AKSENOV (Сергей АКСЁНОВ)`)
//!   gives both names (see [`crate::script::split_original_script`]).
//! * `startDate` → `listingDate`, `programKey` → `program`, `reason` and
//!   `notes` → `notes`, `measure` → `provisions` plus a topic (`sanction`,
//!   or `export.control` for export-control annexes); every other column is
//!   copied to the FtM property of the same name.
//! * `sourceUrl` is the EUR-Lex page of the act the row was read from.
//!
//! The EU's own Financial Sanctions Files XML is read by [`crate::eu_fsf`].

pub mod ids;

use seisai_model::{Address, Entity, Schema, props};

use crate::values::{LineCounter, add_loose_date, gender, split_multi};
use crate::{Collector, Input, SourceError};

/// Columns that every designation file must have.
const REQUIRED: [&str; 4] = ["recordId", "annex", "schema", "name"];

/// Columns read into properties by their own rule (everything else is
/// copied to the property of the same name).
const SPECIAL: [&str; 20] = [
    "celex",
    "amendedCelex",
    "amendmentCelex",
    "recordId",
    "programKey",
    "annex",
    "measure",
    "startDate",
    "reason",
    "schema",
    "country",
    "nationality",
    "jurisdiction",
    "flag",
    "birthDate",
    "incorporationDate",
    "address",
    "gender",
    "notes",
    "name",
];

/// Columns whose values are names (split into original-script forms).
const NAME_COLUMNS: [&str; 4] = [props::NAME, props::ALIAS, props::WEAK_ALIAS, props::PREVIOUS_NAME];

/// Free-text columns that are not multi-valued.
const TEXT_COLUMNS: [&str; 2] = ["reason", "notes"];

/// One designation row as read, before ids are assigned.
struct Row {
    file: String,
    line: u64,
    /// CELEX of the act whose annex lists the entry.
    celex: String,
    /// CELEX of the file's own act (differs for amending acts).
    act: String,
    cells: Vec<(String, String)>,
}

impl Row {
    fn get(&self, column: &str) -> &str {
        self.cells.iter().find(|(c, _)| c == column).map(|(_, v)| v.trim()).unwrap_or("")
    }

    fn location(&self) -> String {
        format!("line {}", self.line)
    }
}

/// Loads the designation files of one version into `out`.
pub fn load(inputs: &[Input], out: &mut Collector) -> Result<(), SourceError> {
    if inputs.is_empty() {
        return Err(SourceError::Missing { detail: "EU journal designations: no CSV file given".into() });
    }
    let mut rows = Vec::new();
    for input in inputs {
        read_file(input, &mut rows, out)?;
    }
    let parts: Vec<ids::IdParts> = rows
        .iter()
        .map(|r| ids::IdParts {
            celex: r.celex.clone(),
            annex: r.get("annex").to_string(),
            record_id: r.get("recordId").to_string(),
            name: r.get("name").to_string(),
        })
        .collect();
    for (row, id) in rows.iter().zip(ids::assign(&parts)) {
        let entity = build(row, &id, out);
        out.entity(entity, &row.file, &row.location());
    }
    Ok(())
}

/// Reads the rows of one file; a row that cannot be read is rejected.
fn read_file(input: &Input, rows: &mut Vec<Row>, out: &mut Collector) -> Result<(), SourceError> {
    let file = input.name.clone();
    let data = input.data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&input.data);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(data);
    let header: Vec<String> = match reader.byte_headers() {
        Ok(h) => h.iter().map(|c| String::from_utf8_lossy(c).trim().to_string()).collect(),
        Err(e) => return Err(SourceError::format(&file, "line 1", format!("unreadable header: {e}"), "a CSV header")),
    };
    let expected = || format!("a header with the columns celex (or amendedCelex), {}", REQUIRED.join(", "));
    if let Some(missing) = REQUIRED.iter().find(|c| !header.iter().any(|h| h == *c)) {
        return Err(SourceError::format(&file, "line 1", format!("column {missing:?} missing"), expected()));
    }
    let celex_column = if header.iter().any(|h| h == "celex") {
        "celex"
    } else if header.iter().any(|h| h == "amendedCelex") {
        "amendedCelex"
    } else {
        return Err(SourceError::format(&file, "line 1", "no celex or amendedCelex column", expected()));
    };
    let mut lines = LineCounter::new(data);
    let file_act = input.file_name().trim_end_matches(".csv").to_string();
    for result in reader.byte_records() {
        let record = match result {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                if e.is_io_error() {
                    return Err(SourceError::format(&file, format!("line {line}"), e.to_string(), "CSV text"));
                }
                out.reject(&file, &format!("line {line}"), format!("unreadable CSV row: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        let mut cells = Vec::with_capacity(header.len());
        let mut bad = None;
        for (column, raw) in header.iter().zip(record.iter()) {
            match std::str::from_utf8(raw) {
                Ok(v) => cells.push((column.clone(), v.to_string())),
                Err(e) => {
                    bad = Some(format!("column {column}: invalid UTF-8 at byte {}; expected UTF-8 text", e.valid_up_to()));
                    break;
                }
            }
        }
        if let Some(reason) = bad {
            out.reject(&file, &format!("line {line}"), reason);
            continue;
        }
        let mut row = Row { file: file.clone(), line, celex: String::new(), act: String::new(), cells };
        row.celex = row.get(celex_column).to_string();
        row.act = match row.get("amendmentCelex") {
            "" => row.celex.clone(),
            a => a.to_string(),
        };
        if row.act.is_empty() {
            row.act = file_act.clone();
        }
        if row.celex.is_empty() {
            out.reject(&file, &row.location(), format!("{celex_column} is empty; expected the CELEX number of the act"));
            continue;
        }
        rows.push(row);
    }
    Ok(())
}

/// Builds the entity of one row.
fn build(row: &Row, id: &str, out: &mut Collector) -> Entity {
    let (file, location) = (row.file.as_str(), row.location());
    let schema = match row.get("schema").parse::<Schema>() {
        Ok(Schema::Other(name)) if name != "Asset" => {
            out.warn(format!("{file}: {location}: unknown schema {name:?}; read as LegalEntity"));
            Schema::LegalEntity
        }
        Ok(s) => s,
        Err(never) => match never {},
    };
    let mut e = Entity::new(out.dataset(), id, schema);
    for column in NAME_COLUMNS {
        for value in split_multi(row.get(column), ';') {
            for name in crate::script::split_original_script(value) {
                e.add(column, name);
            }
        }
    }
    for column in ["country", "nationality", "jurisdiction", "flag"] {
        for value in split_multi(row.get(column), ';') {
            e.add_country(column, value);
        }
    }
    for (column, prop) in [("birthDate", props::BIRTH_DATE), ("incorporationDate", props::INCORPORATION_DATE), ("startDate", props::LISTING_DATE)] {
        for value in split_multi(row.get(column), ';') {
            add_loose_date(&mut e, prop, value, out, file, &location);
        }
    }
    for value in split_multi(row.get("address"), ';') {
        e.add_address(Address::from_text(value));
    }
    for value in split_multi(row.get("gender"), ';') {
        match gender(value) {
            Some(g) => e.add(props::GENDER, g),
            None => e.add(props::NOTES, format!("gender: {value}")),
        };
    }
    e.add(props::PROGRAM, row.get("programKey"));
    for column in TEXT_COLUMNS {
        e.add(props::NOTES, row.get(column));
    }
    let measure = row.get("measure");
    e.add("provisions", measure);
    if !measure.is_empty() {
        let topic = if measure.eq_ignore_ascii_case("Export control") { "export.control" } else { "sanction" };
        e.add(props::TOPICS, topic);
    }
    e.add(props::SOURCE_URL, eur_lex_url(&row.act));
    for (column, value) in &row.cells {
        if SPECIAL.contains(&column.as_str()) || NAME_COLUMNS.contains(&column.as_str()) || column.is_empty() {
            continue;
        }
        for v in split_multi(value, ';') {
            e.add(column, v);
        }
    }
    e
}

/// The EUR-Lex page of an act by its CELEX number.
pub fn eur_lex_url(celex: &str) -> String {
    format!("https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{}", celex.trim())
}

#[cfg(test)]
mod tests;
