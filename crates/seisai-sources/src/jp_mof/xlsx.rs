//! The XLSX edition: sheet `一覧` (index of regimes), one sheet per regime.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx};
use chrono::{Days, NaiveDate};
use seisai_model::Schema;

use super::fields::{Field, field_of};
use super::record::Record;
use super::text::{fold_width, header_key};
use crate::{Collector, Input, SourceError};

/// An XLSX workbook read from memory.
pub(crate) type Workbook<'a> = Xlsx<Cursor<&'a [u8]>>;

/// Opens the XLSX bytes of `input`; an error names the file.
pub(crate) fn open(input: &Input) -> Result<Workbook<'_>, SourceError> {
    Xlsx::new(Cursor::new(input.data.as_slice())).map_err(|e| {
        SourceError::format(&input.name, "workbook", format!("cannot open the XLSX file: {e}"), "a complete XLSX workbook")
    })
}

/// Reads one sheet; an error names the file and the sheet.
pub(crate) fn sheet(book: &mut Workbook<'_>, input: &Input, name: &str) -> Result<Range<Data>, SourceError> {
    book.worksheet_range(name).map_err(|e| {
        SourceError::format(&input.name, format!("sheet '{name}'"), format!("cannot read the sheet: {e}"), "a readable worksheet")
    })
}

/// A cell as text: strings trimmed of nothing, whole numbers without `.0`,
/// Excel dates as ISO `YYYY-MM-DD`.
pub(crate) fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|t| t.date().format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| d.as_f64().to_string()),
        other => other.to_string(),
    }
}

/// An Excel serial day number (1900 date system) as a date, for birth
/// dates stored as plain numbers (`18453` = 1950-07-09). Only serials of
/// 1900-01-01 … 2100-12-31 are dates.
pub(crate) fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=73415.0).contains(&serial) || serial.fract() != 0.0 {
        return None;
    }
    let serial = serial as u64;
    // Excel counts a nonexistent 1900-02-29 (serial 60).
    let base = NaiveDate::from_ymd_opt(1899, 12, if serial < 60 { 31 } else { 30 })?;
    base.checked_add_days(Days::new(serial))
}

/// A birth-date cell: numbers are Excel serials, dates are dates.
fn birth_date_text(cell: &Data) -> String {
    let serial = match cell {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        Data::String(s) if s.trim().len() == 5 && s.trim().chars().all(|c| c.is_ascii_digit()) => s.trim().parse().ok(),
        _ => None,
    };
    match serial.and_then(excel_serial_date) {
        Some(d) => d.format("%Y-%m-%d").to_string(),
        None => cell_text(cell),
    }
}

/// Loads the XLSX edition.
pub(crate) fn load(input: &Input, out: &mut Collector, records: &mut Vec<Record>) -> Result<(), SourceError> {
    let mut book = open(input)?;
    let names = book.sheet_names();
    let index = match names.iter().find(|n| header_key(n) == "一覧") {
        Some(n) => read_index(&sheet(&mut book, input, n)?),
        None => {
            out.warn(format!("{}: no index sheet '一覧'; programme titles are taken from the sheet names", input.name));
            HashMap::new()
        }
    };
    let mut regime_sheets = 0;
    for name in &names {
        if header_key(name) == "一覧" {
            continue;
        }
        let Some(regime) = sheet_number(name) else {
            out.warn(format!("{}: sheet '{name}' has no regime number in its name; skipped", input.name));
            continue;
        };
        regime_sheets += 1;
        let range = sheet(&mut book, input, name)?;
        let title = index.get(&regime).cloned().unwrap_or_else(|| sheet_title(name));
        read_regime(input, out, name, regime, &title, &range, records);
    }
    if regime_sheets == 0 {
        return Err(SourceError::format(&input.name, "workbook", "no regime sheet (named `N.…`)", "sheets `1.…` to `44.…` beside the index `一覧`"));
    }
    Ok(())
}

/// The regime number at the start of a sheet name (`29.ロシア連邦(個人)`).
fn sheet_number(name: &str) -> Option<u32> {
    let folded = fold_width(name);
    let digits: String = folded.trim().chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn sheet_title(name: &str) -> String {
    fold_width(name).trim().trim_start_matches(|c: char| c.is_ascii_digit() || c == '.').trim().to_string()
}

/// Index sheet: column A regime number, column B title.
fn read_index(range: &Range<Data>) -> HashMap<u32, String> {
    let mut index = HashMap::new();
    for row in range.rows() {
        let number = row.first().map(cell_text).unwrap_or_default();
        let title = row.get(1).map(cell_text).unwrap_or_default();
        if let (Ok(n), false) = (number.trim().parse::<u32>(), title.trim().is_empty()) {
            let title = title.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" / ");
            index.insert(n, title);
        }
    }
    index
}

/// The schema a regime title implies by its last bracketed group:
/// `（個人）` → Person, `（団体…）`/`（特定銀行）` → Organization.
fn schema_of_title(title: &str) -> Option<Schema> {
    let folded = fold_width(title);
    let last_group = folded.rsplit_once('(').map(|(_, g)| g).unwrap_or("");
    let has_person = last_group.contains("個人");
    let has_org = last_group.contains("団体") || last_group.contains("銀行");
    match (has_person, has_org) {
        (true, false) => Some(Schema::Person),
        (false, true) => Some(Schema::Organization),
        _ => None,
    }
}

fn read_regime(
    input: &Input,
    out: &mut Collector,
    sheet_name: &str,
    regime: u32,
    title: &str,
    range: &Range<Data>,
    records: &mut Vec<Record>,
) {
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let header = range.rows().enumerate().find(|(_, row)| {
        row.first().is_some_and(|c| header_key(&cell_text(c)).contains("告示日付"))
    });
    let Some((header_index, header_row)) = header else {
        let text: Vec<String> = range.rows().flat_map(|r| r.iter().map(cell_text)).filter(|t| !t.trim().is_empty()).collect();
        if title.contains("解除") || sheet_name.contains("解除") {
            out.warn(format!("{}: sheet '{sheet_name}': regime fully delisted, no parties ({})", input.name, text.join(" ")));
        } else {
            out.reject(&input.name, &format!("sheet '{sheet_name}'"), "no header row (column A with 告示日付); sheet skipped");
        }
        return;
    };
    let mut columns: Vec<Option<Field>> = Vec::new();
    for cell in header_row {
        let label = cell_text(cell);
        let key = header_key(&label);
        let field = field_of(&key);
        if field.is_none() && !key.is_empty() {
            out.warn(format!("{}: sheet '{sheet_name}': unknown column {label:?} kept as a note", input.name));
        }
        columns.push(field.or(if key.is_empty() { None } else { Some(Field::Note("")) }));
    }
    let schema = schema_of_title(title).or_else(|| schema_of_title(sheet_name));
    let program = format!("{regime}: {title}");
    let sheet_start = records.len();
    for (i, row) in range.rows().enumerate().skip(header_index + 1) {
        let location = format!("sheet '{sheet_name}' row {}", first_row + i + 1);
        let mut values = Vec::new();
        for (cell, field) in row.iter().zip(&columns) {
            let Some(field) = field else { continue };
            let text = if *field == Field::BirthDate { birth_date_text(cell) } else { cell_text(cell) };
            if !text.trim().is_empty() {
                values.push((*field, text));
            }
        }
        if values.is_empty() {
            continue;
        }
        let is_continuation = !values.iter().any(|(f, _)| matches!(f, Field::NoticeDate | Field::NoticeNumber | Field::NameJa | Field::NameEn));
        if is_continuation && records.len() > sheet_start {
            // A row that only continues the cells of the row above (long
            // remarks on the Somalia sheet).
            if let Some(prev) = records.last_mut() {
                prev.values.extend(values);
            }
            continue;
        }
        records.push(Record { regime, program: program.clone(), schema: schema.clone(), values, location });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_are_excel_days() {
        assert_eq!(excel_serial_date(19274.0).map(|d| d.to_string()).as_deref(), Some("1952-10-07"));
        assert_eq!(excel_serial_date(18453.0).map(|d| d.to_string()).as_deref(), Some("1950-07-09"));
        assert_eq!(excel_serial_date(1.0).map(|d| d.to_string()).as_deref(), Some("1900-01-01"));
        assert_eq!(excel_serial_date(0.5), None);
        assert_eq!(excel_serial_date(1e12), None);
    }

    #[test]
    fn titles_give_schemata() {
        assert_eq!(schema_of_title("資産凍結等の措置の対象となるロシア連邦の団体及び個人（個人）"), Some(Schema::Person));
        assert_eq!(schema_of_title("…ロシア連邦の団体及び個人（団体（特定銀行を除く））"), Some(Schema::Organization));
        assert_eq!(schema_of_title("タリバーン関係者等"), None);
        assert_eq!(sheet_number("29.ロシア連邦(個人)"), Some(29));
    }
}
