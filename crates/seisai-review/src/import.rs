//! Reading customer files (CSV, XLSX, JSON lines) with a column mapping
//! into parties to monitor. The mapping names, for each field, the column
//! it comes from: `id=CustNo,name=Name,birth_date=DOB,country=Country`.
//! Fields: `id` (required), `schema` (a column holding Person, Company…),
//! `name` (required), and FtM properties (`alias`, `birthDate` or
//! `birth_date`, `country`, `nationality`, `idNumber` or `id_number`,
//! `address`, `registrationNumber`, …). A cell may hold several values
//! separated by `;`.

use std::collections::BTreeMap;
use std::io::Cursor;

use seisai_model::{Entity, Schema};

use crate::error::{Result, ReviewError};

/// File formats of customer lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CustomerFormat {
    /// Comma-separated, with a header row.
    Csv,
    /// The first sheet of an Excel workbook, with a header row.
    Xlsx,
    /// One JSON object per line.
    Jsonl,
}

impl std::str::FromStr for CustomerFormat {
    type Err = ReviewError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "csv" => Ok(CustomerFormat::Csv),
            "xlsx" => Ok(CustomerFormat::Xlsx),
            "jsonl" | "ndjson" => Ok(CustomerFormat::Jsonl),
            other => Err(ReviewError::Invalid(format!("format {other:?}: expected csv, xlsx or jsonl"))),
        }
    }
}

/// Field → column name.
pub type Mapping = BTreeMap<String, String>;

/// Parses `id=COL,name=COL,…`.
pub fn parse_mapping(text: &str) -> Result<Mapping> {
    let mut m = Mapping::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (field, column) = part
            .split_once('=')
            .ok_or_else(|| ReviewError::Invalid(format!("--map {part:?}: expected FIELD=COLUMN")))?;
        m.insert(property_name(field.trim()), column.trim().to_string());
    }
    Ok(m)
}

fn property_name(field: &str) -> String {
    match field {
        "birth_date" | "dob" => "birthDate".into(),
        "id_number" => "idNumber".into(),
        "registration_number" => "registrationNumber".into(),
        "tax_number" => "taxNumber".into(),
        "birth_place" => "birthPlace".into(),
        other => other.to_string(),
    }
}

/// Reads customers from `data`: (customer id, party). With an empty
/// mapping every column maps to the field of its own name.
pub fn read_customers(data: &[u8], format: CustomerFormat, mapping: &Mapping, default_schema: Schema, file: &str) -> Result<Vec<(String, Entity)>> {
    let rows = match format {
        CustomerFormat::Csv => csv_rows(data, file)?,
        CustomerFormat::Xlsx => xlsx_rows(data, file)?,
        CustomerFormat::Jsonl => jsonl_rows(data, file)?,
    };
    let mut out = Vec::with_capacity(rows.len());
    for (line, row) in rows {
        out.push(to_party(&row, mapping, default_schema.clone()).map_err(|e| ReviewError::Invalid(format!("{file}:{line}: {e}")))?);
    }
    Ok(out)
}

type Rows = Vec<(usize, BTreeMap<String, String>)>;

fn csv_rows(data: &[u8], file: &str) -> Result<Rows> {
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(data);
    let headers = r.headers().map_err(|e| ReviewError::Invalid(format!("{file}: cannot read the header row: {e}")))?.clone();
    let mut rows = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| ReviewError::Invalid(format!("{file}:{}: {e}", i + 2)))?;
        rows.push((i + 2, headers.iter().zip(rec.iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()));
    }
    Ok(rows)
}

fn xlsx_rows(data: &[u8], file: &str) -> Result<Rows> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(data)).map_err(|e| ReviewError::Invalid(format!("{file}: not an XLSX workbook: {e}")))?;
    let range = wb
        .worksheet_range_at(0)
        .ok_or_else(|| ReviewError::Invalid(format!("{file}: the workbook has no sheet")))?
        .map_err(|e| ReviewError::Invalid(format!("{file}: cannot read the first sheet: {e}")))?;
    let mut it = range.rows();
    let headers: Vec<String> = it.next().map(|r| r.iter().map(|c| c.to_string()).collect()).unwrap_or_default();
    Ok(it.enumerate().map(|(i, r)| (i + 2, headers.iter().cloned().zip(r.iter().map(|c| c.to_string())).collect())).collect())
}

fn jsonl_rows(data: &[u8], file: &str) -> Result<Rows> {
    let text = std::str::from_utf8(data).map_err(|e| ReviewError::Invalid(format!("{file}: not UTF-8: {e}")))?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let obj: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(line).map_err(|e| ReviewError::Invalid(format!("{file}:{}: not a JSON object: {e}", i + 1)))?;
        let row = obj
            .into_iter()
            .map(|(k, v)| {
                let s = match v {
                    serde_json::Value::String(s) => s,
                    serde_json::Value::Array(a) => a.iter().map(|x| x.as_str().map(str::to_string).unwrap_or_else(|| x.to_string())).collect::<Vec<_>>().join(";"),
                    serde_json::Value::Null => String::new(),
                    other => other.to_string(),
                };
                (k, s)
            })
            .collect();
        rows.push((i + 1, row));
    }
    Ok(rows)
}

fn to_party(row: &BTreeMap<String, String>, mapping: &Mapping, default_schema: Schema) -> std::result::Result<(String, Entity), String> {
    let column = |field: &str| -> Option<&str> {
        let col = mapping.get(field).map(String::as_str).unwrap_or(field);
        row.get(col).map(|v| v.trim()).filter(|v| !v.is_empty())
    };
    let id = column("id").ok_or_else(|| format!("no customer id (column {:?})", mapping.get("id").map(String::as_str).unwrap_or("id")))?;
    let schema = match column("schema") {
        Some(s) => s.parse::<Schema>().map_err(|_| format!("schema {s:?} is not a schema (Person, Company, Organization, LegalEntity…)"))?,
        None => default_schema,
    };
    let mut e = Entity::new("customers", id, schema);
    let fields: Vec<String> = if mapping.is_empty() { row.keys().map(|k| property_name(k)).collect() } else { mapping.keys().cloned().collect() };
    for field in fields {
        if field == "id" || field == "schema" {
            continue;
        }
        let prop = if field == "alias" { "name".to_string() } else { field.clone() };
        let raw = if mapping.is_empty() { row.iter().find(|(k, _)| property_name(k) == field).map(|(_, v)| v.trim()) } else { column(&field) };
        if let Some(v) = raw.filter(|v| !v.is_empty()) {
            e.properties.entry(prop.into()).or_default().extend(v.split(';').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()));
        }
    }
    if !e.properties.contains_key("name") {
        return Err(format!("customer {id} has no name (column {:?})", mapping.get("name").map(String::as_str).unwrap_or("name")));
    }
    Ok((id.to_string(), e))
}
