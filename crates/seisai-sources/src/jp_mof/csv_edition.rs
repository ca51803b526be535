//! The CSV edition (`shisantouketsuYYYYMMDD.csv`): UTF-8 with BOM, one row
//! per listed party, 32 columns.

use std::borrow::Cow;

use seisai_model::Schema;

use super::fields::{Field, field_of};
use super::record::Record;
use super::text::{fold_width, header_key};
use crate::{Collector, Input, SourceError};

/// The text of a CSV-edition file. UTF-8 (BOM optional) is the published
/// encoding; a file re-saved by Excel on Japanese Windows is Shift_JIS
/// (CP932): it is decoded explicitly, with a warning, when it decodes
/// without error and its first line holds `告示日付`. Anything else is an
/// encoding error naming the file.
fn decode<'a>(input: &'a Input, out: &mut Collector) -> Result<Cow<'a, str>, SourceError> {
    match input.text() {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(utf8_error) => {
            let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(&input.data);
            let first_line = text.lines().next().unwrap_or("");
            if !had_errors && header_key(first_line).contains("告示日付") {
                out.warn(format!("{}: not UTF-8; decoded as Shift_JIS (CP932)", input.name));
                Ok(Cow::Owned(text.into_owned()))
            } else {
                Err(utf8_error)
            }
        }
    }
}

/// Reads a CSV text: the header and the data rows with their location
/// (`line N`). Unreadable rows and rows whose field count differs from the
/// header's are rejected with their line; blank rows are skipped.
pub(crate) fn read_rows(
    input: &Input,
    text: &str,
    out: &mut Collector,
    expected_header: &str,
) -> Result<(csv::StringRecord, Vec<(String, csv::StringRecord)>), SourceError> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(SourceError::format(&input.name, "line 1", format!("unreadable header: {e}"), expected_header)),
        None => return Err(SourceError::format(&input.name, "line 1", "empty file", expected_header)),
    };
    let mut rows = Vec::new();
    for record in records {
        let row = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                out.reject(&input.name, &format!("line {line}"), format!("unreadable CSV record: {e}"));
                continue;
            }
        };
        let location = format!("line {}", row.position().map_or(0, |p| p.line()));
        if row.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        if row.len() != header.len() {
            out.reject(&input.name, &location, format!("{} fields, expected {} as in the header", row.len(), header.len()));
            continue;
        }
        rows.push((location, row));
    }
    Ok((header, rows))
}

/// Loads the CSV edition.
pub(crate) fn load(input: &Input, out: &mut Collector, records: &mut Vec<Record>) -> Result<(), SourceError> {
    let text = decode(input, out)?;
    let (header, rows) = read_rows(input, &text, out, "the 32-column header row")?;
    let columns: Vec<Option<Field>> = header.iter().map(|h| field_of(&header_key(h))).collect();
    for required in [Field::NoticeDate, Field::NameEn, Field::NameJa] {
        if !columns.contains(&Some(required)) {
            return Err(SourceError::format(
                &input.name,
                "line 1",
                format!("header lacks the column for {required:?}: {:?}", header.iter().collect::<Vec<_>>()),
                "the MOF CSV header (区分,番号,告示日付,告示番号,個人・団体,氏名（日本語）,氏名（英語）,…)",
            ));
        }
    }
    if !columns.contains(&Some(Field::Number)) && !columns.contains(&Some(Field::NoticeNumber)) {
        return Err(SourceError::format(&input.name, "line 1", "header has neither 番号 nor 告示番号", "a party number column"));
    }
    for (h, c) in header.iter().zip(&columns) {
        if c.is_none() && !h.trim().is_empty() {
            out.warn(format!("{}: unknown column {h:?} ignored", input.name));
        }
    }
    for (location, row) in rows {
        let mut values = Vec::new();
        for (value, field) in row.iter().zip(&columns) {
            if let Some(f) = field {
                if !value.trim().is_empty() {
                    values.push((*f, value.to_string()));
                }
            }
        }
        let regime_text = values.iter().find(|(f, _)| *f == Field::Regime).map(|(_, v)| fold_width(v));
        let number_regime = values
            .iter()
            .find(|(f, _)| *f == Field::Number)
            .and_then(|(_, v)| fold_width(v).split('-').next().and_then(|r| r.trim().parse::<u32>().ok()));
        let regime = match regime_text.as_deref().map(str::trim).map(str::parse::<u32>) {
            Some(Ok(n)) => n,
            _ => match number_regime {
                Some(n) => n,
                None => {
                    out.reject(&input.name, &location, format!("区分 {:?} is not a regime number", regime_text.unwrap_or_default()));
                    continue;
                }
            },
        };
        let schema = values.iter().find(|(f, _)| *f == Field::Kind).and_then(|(_, v)| schema_of_kind(v));
        let program = match super::regimes::title(regime) {
            Some(title) => format!("{regime}: {title}"),
            None => format!("{regime}"),
        };
        records.push(Record { regime, program, schema, values, location });
    }
    Ok(())
}

/// `個人` → Person, `団体` → Organization; other values leave the schema
/// to the row's details.
fn schema_of_kind(kind: &str) -> Option<Schema> {
    match kind.trim() {
        "個人" => Some(Schema::Person),
        "団体" | "法人" | "特定銀行" => Some(Schema::Organization),
        _ => None,
    }
}
