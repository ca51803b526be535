//! `seisai match`: batch screening of query entities.
//!
//! Input: JSON lines, each an FtM query entity as in OpenSanctions' `/match`
//! API (`{"id": "q1", "schema": "Person", "properties": {"name": [...]}}`),
//! or a table (CSV, or a sheet of an XLSX workbook) with a column mapping.
//! Output: one JSON line per query, in input order, with the results best
//! first. Lines are read in blocks and each block is decoded and screened on
//! all cores while the next is read and the previous written, so memory
//! stays flat on any JSON-lines or CSV input (an XLSX workbook is read
//! whole, as the format requires).

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use rayon::prelude::*;
use seisai_index::{Index, SearchOptions};
use seisai_model::{Entity, Schema, props};
use serde::Serialize;
use serde_json::{Value, json};

use crate::Cli;

/// Input formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum InputFormat {
    /// FtM query entities, one JSON object a line.
    Jsonl,
    /// CSV with a header row; see the --*-column options.
    Csv,
    /// A sheet of an Excel workbook (the first, or --sheet) with a header
    /// row; see the --*-column options.
    Xlsx,
}

/// Arguments of `seisai match`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input file (default: standard input).
    #[arg(long)]
    pub input: Option<PathBuf>,
    /// Output file (default: standard output).
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Input format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: InputFormat,
    /// Score at or above which a result is a match (default: the engine's recommended threshold).
    #[arg(long)]
    pub threshold: Option<f32>,
    /// Results scoring below this are left out (default 0.5); never above
    /// the threshold, so every match is written.
    #[arg(long)]
    pub cutoff: Option<f32>,
    /// Results per query.
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
    /// Only screen against these datasets (repeatable).
    #[arg(long = "dataset")]
    pub datasets: Vec<String>,
    /// Screen against the list versions (and listings) in force on this date (YYYY-MM-DD).
    #[arg(long)]
    pub as_of: Option<String>,
    /// XLSX: the sheet to read (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// CSV/XLSX: column holding the name.
    #[arg(long, default_value = "name")]
    pub name_column: String,
    /// CSV/XLSX: column holding the record id (default: the line number).
    #[arg(long)]
    pub id_column: Option<String>,
    /// CSV/XLSX: column holding the schema (Person, Company, …); default --schema.
    #[arg(long)]
    pub schema_column: Option<String>,
    /// CSV/XLSX: schema of every row when there is no schema column.
    #[arg(long, default_value = "LegalEntity")]
    pub schema: String,
    /// CSV/XLSX: column holding a birth date.
    #[arg(long)]
    pub birth_date_column: Option<String>,
    /// CSV/XLSX: column holding a country or nationality.
    #[arg(long)]
    pub country_column: Option<String>,
}

const BLOCK: usize = 4096;

#[derive(Serialize)]
struct ResultLine<'a> {
    id: &'a str,
    results: Vec<Value>,
}

/// Runs the command.
pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let as_of = args.as_of.as_deref().map(super::screening::parse_day).transpose()?;
    let started = Instant::now();
    let (index, versions) = super::screening::build_index(cli, &args.datasets, as_of)?;
    eprintln!(
        "index: {} entities from {} in {:.2} s",
        index.len(),
        versions.join(", "),
        started.elapsed().as_secs_f64()
    );
    let mut opts = SearchOptions { limit: args.limit, datasets: args.datasets.clone(), as_of, ..SearchOptions::default() };
    if let Some(t) = args.threshold {
        if !(0.0..=1.0).contains(&t) {
            anyhow::bail!("--threshold {t}: expected a number between 0 and 1");
        }
        opts.config.threshold = t;
    }
    if let Some(c) = args.cutoff.filter(|c| !(0.0..=1.0).contains(c)) {
        anyhow::bail!("--cutoff {c}: expected a number between 0 and 1");
    }
    opts.min_score = SearchOptions::min_score_for(args.cutoff, opts.config.threshold);
    let reader: Box<dyn BufRead + Send> = match &args.input {
        Some(p) => Box::new(BufReader::new(File::open(p).with_context(|| format!("cannot open --input {}", p.display()))?)),
        None => Box::new(BufReader::new(std::io::stdin())),
    };
    let out: Box<dyn Write + Send> = match &args.output {
        Some(p) => Box::new(BufWriter::new(File::create(p).with_context(|| format!("cannot create --output {}", p.display()))?)),
        None => Box::new(BufWriter::new(std::io::stdout())),
    };
    let source = input_records(reader, args)?;
    let stats = screen_all(&index, &opts, source, out)?;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "screened {} queries ({} with a match, {} rejected) in {:.2} s",
        stats.queries, stats.matched, stats.rejected, secs
    );
    // The process ends with the command: its memory goes back at once,
    // whereas freeing the index piece by piece took ~0.2 s more on one
    // thread (BENCHMARKS.md, session 12).
    std::mem::forget(index);
    Ok(if stats.rejected > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

#[derive(Default)]
struct Stats {
    queries: usize,
    matched: usize,
    rejected: usize,
}

/// The output of one query: its JSON line, whether it has a match, and
/// whether it was rejected (the line is then the error).
type Answer = (String, bool, bool);

/// Screens every record of `source` and writes the answers to `out`, in
/// input order. Three stages overlap: a thread reads blocks of records,
/// the thread pool decodes and screens a block on all cores, and a thread
/// writes the block screened before; so reading and writing, which a
/// single thread must do in order, run while the cores screen. At most
/// two blocks wait between stages, so memory stays flat.
fn screen_all(index: &Index, opts: &SearchOptions, source: Box<dyn Iterator<Item = Pending> + Send + '_>, mut out: Box<dyn Write + Send>) -> anyhow::Result<Stats> {
    let (blocks_in, blocks) = std::sync::mpsc::sync_channel::<Vec<Pending>>(2);
    let (answers_out, answers) = std::sync::mpsc::sync_channel::<Vec<Answer>>(2);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut block = Vec::with_capacity(BLOCK);
            for record in source {
                block.push(record);
                if block.len() == BLOCK && blocks_in.send(std::mem::replace(&mut block, Vec::with_capacity(BLOCK))).is_err() {
                    // The screening stopped (the output failed): stop reading.
                    return;
                }
            }
            if !block.is_empty() {
                let _ = blocks_in.send(block);
            }
        });
        let writer = scope.spawn(move || -> anyhow::Result<Stats> {
            let bar = super::spinner("screening".into());
            let mut stats = Stats::default();
            for block in answers {
                for (line, matched, rejected) in block {
                    stats.queries += usize::from(!rejected);
                    stats.matched += usize::from(matched);
                    stats.rejected += usize::from(rejected);
                    if rejected {
                        eprintln!("rejected: {line}");
                    }
                    writeln!(out, "{line}").context("cannot write the output")?;
                }
                if let Some(b) = &bar {
                    b.set_message(format!("screened {}", stats.queries));
                }
            }
            out.flush().context("cannot write the output")?;
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            Ok(stats)
        });
        for block in blocks {
            let answers: Vec<Answer> = block.into_par_iter().map(|pending| answer(index, opts, pending)).collect();
            if answers_out.send(answers).is_err() {
                // The writer failed: its error is returned below.
                break;
            }
        }
        drop(answers_out);
        writer.join().unwrap_or_else(|_| Err(anyhow::anyhow!("the output thread stopped unexpectedly")))
    })
}

/// The answer to one record: decoded (a JSON line is decoded here, on the
/// screening thread), screened and encoded.
fn answer(index: &Index, opts: &SearchOptions, pending: Pending) -> Answer {
    let record = match pending {
        Pending::Line(line_no, text) => parse_query(&text).map_err(|e| format!("line {line_no}: {e}")),
        Pending::Record(record) => record,
    };
    match record {
        Ok((id, query)) => {
            let hits = index.search(&index.prepare(&query), opts);
            let matched = hits.iter().any(|h| h.result.is_match);
            let results = hits.iter().map(result_json).collect();
            let line = serde_json::to_string(&ResultLine { id: &id, results }).unwrap_or_default();
            (line, matched, false)
        }
        Err(message) => (json!({"error": message}).to_string(), false, true),
    }
}

/// One result in the output contract.
pub fn result_json(hit: &seisai_index::Hit) -> Value {
    let e = &hit.entity;
    json!({
        "id": e.id,
        "caption": e.caption(),
        "schema": e.schema.as_str(),
        "score": (hit.result.score as f64 * 10000.0).round() / 10000.0,
        "match": hit.result.is_match,
        "datasets": e.datasets,
        "version": e.version,
        "explanation": hit.result.explanation,
    })
}

type Record = Result<(String, Entity), String>;

/// A record read but not yet screened: a JSON line (with its line number)
/// is decoded by the screening threads; a table row is decoded as it is read.
enum Pending {
    /// A JSON line, with its line number, still to be decoded.
    Line(usize, String),
    /// A record already decoded (or why it could not be).
    Record(Record),
}

/// The records of the input, in order, in the format `--format` names.
fn input_records<'a>(reader: Box<dyn BufRead + Send>, args: &'a Args) -> anyhow::Result<Box<dyn Iterator<Item = Pending> + Send + 'a>> {
    Ok(match args.format {
        InputFormat::Jsonl => Box::new(reader.lines().enumerate().filter_map(|(i, line)| {
            let line_no = i + 1;
            match line {
                Err(e) => Some(Pending::Record(Err(format!("line {line_no}: cannot read: {e}")))),
                Ok(text) if text.trim().is_empty() => None,
                Ok(text) => Some(Pending::Line(line_no, text)),
            }
        })),
        InputFormat::Csv => {
            let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
            let headers: Vec<String> =
                csv.headers().context("cannot read the CSV header row")?.iter().map(str::to_string).collect();
            let columns = Columns::resolve(&headers, args)?;
            Box::new(csv.into_records().enumerate().map(move |(i, rec)| {
                let line = i + 2;
                Pending::Record(match rec {
                    Ok(rec) => columns.entity(&rec.iter().collect::<Vec<_>>(), &format!("CSV line {line}"), line),
                    Err(e) => Err(format!("CSV line {line}: {e}")),
                })
            }))
        }
        InputFormat::Xlsx => {
            let mut data = Vec::new();
            let mut reader = reader;
            reader.read_to_end(&mut data).context("cannot read the XLSX input")?;
            let name = args.input.as_ref().map_or("standard input".to_string(), |p| p.display().to_string());
            let rows = seisai_sources::table::xlsx_rows(&seisai_sources::Input::new(name, data), args.sheet.as_deref())?;
            let mut rows = rows.into_iter().enumerate();
            let headers = rows.next().map(|(_, h)| h).context("the XLSX sheet is empty: a header row was expected")?;
            let columns = Columns::resolve(&headers, args)?;
            Box::new(
                rows.filter(|(_, row)| row.iter().any(|c| !c.trim().is_empty()))
                    .map(move |(i, row)| {
                        Pending::Record(columns.entity(&row.iter().map(String::as_str).collect::<Vec<_>>(), &format!("XLSX row {}", i + 1), i + 1))
                    }),
            )
        }
    })
}

/// The columns of a table input (CSV, XLSX) named by the --*-column options.
struct Columns {
    name: usize,
    id: Option<usize>,
    schema: Option<usize>,
    birth_date: Option<usize>,
    country: Option<usize>,
    default_schema: Schema,
}

impl Columns {
    /// Finds the columns in the header row; a missing one is an error naming the option.
    fn resolve(headers: &[String], args: &Args) -> anyhow::Result<Columns> {
        let col = |name: Option<&String>, what: &str| -> anyhow::Result<Option<usize>> {
            match name {
                None => Ok(None),
                Some(n) => headers
                    .iter()
                    .position(|h| h.trim() == n)
                    .map(Some)
                    .with_context(|| format!("--{what} {n:?}: no such column; the header has {headers:?}")),
            }
        };
        Ok(Columns {
            name: col(Some(&args.name_column), "name-column")?.unwrap_or(0),
            id: col(args.id_column.as_ref(), "id-column")?,
            schema: col(args.schema_column.as_ref(), "schema-column")?,
            birth_date: col(args.birth_date_column.as_ref(), "birth-date-column")?,
            country: col(args.country_column.as_ref(), "country-column")?,
            default_schema: args.schema.parse().unwrap_or(Schema::LegalEntity),
        })
    }

    /// The query entity of one row (`place` names it in errors; `line`
    /// is its id without an id column).
    fn entity(&self, row: &[&str], place: &str, line: usize) -> Record {
        let get = |c: Option<usize>| c.and_then(|c| row.get(c)).map(|v| v.trim()).filter(|s| !s.is_empty());
        let name = get(Some(self.name)).ok_or_else(|| format!("{place}: empty name column"))?;
        let schema = get(self.schema).and_then(|s| s.parse().ok()).unwrap_or_else(|| self.default_schema.clone());
        let id = get(self.id).map(str::to_string).unwrap_or_else(|| line.to_string());
        let mut e = Entity::new("query", &id, schema);
        e.add(props::NAME, name);
        if let Some(d) = get(self.birth_date).and_then(seisai_model::FuzzyDate::parse_loose) {
            e.add_date(props::BIRTH_DATE, d);
        }
        if let Some(c) = get(self.country) {
            e.add_country(props::COUNTRY, c);
        }
        Ok((id, e))
    }
}

/// Parses one query line: an FtM entity with `schema` and `properties`;
/// `id` is optional. Country-typed properties may be names or codes.
pub fn parse_query(text: &str) -> Result<(String, Entity), String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let obj = value.as_object().ok_or("expected a JSON object with \"schema\" and \"properties\"")?;
    let id = obj.get("id").and_then(Value::as_str).unwrap_or("").to_string();
    let schema: Schema = obj
        .get("schema")
        .and_then(Value::as_str)
        .ok_or("missing \"schema\" (e.g. \"Person\", \"Company\")")?
        .parse()
        .unwrap_or(Schema::LegalEntity);
    if !schema.is_matchable() {
        return Err(format!("schema {schema} cannot be screened; use Person, Organization, Company, LegalEntity, Vessel, Airplane or Security"));
    }
    let properties = obj
        .get("properties")
        .and_then(Value::as_object)
        .ok_or("missing \"properties\" object")?;
    let mut e = Entity::new("query", if id.is_empty() { "q" } else { &id }, schema);
    for (prop, values) in properties {
        let list: Vec<&str> = match values {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => return Err(format!("property {prop:?}: expected a string or a list of strings")),
        };
        for v in list {
            match prop.as_str() {
                props::BIRTH_DATE => match seisai_model::FuzzyDate::parse_loose(v) {
                    Some(d) => e.add_date(prop, d),
                    None => return Err(format!("property birthDate: {v:?} is not a date (expected e.g. 1952-10-07 or 1952)")),
                },
                props::NATIONALITY | props::COUNTRY | props::CITIZENSHIP | props::JURISDICTION => e.add_country(prop, v),
                _ => {
                    e.add(prop, v);
                }
            }
        }
    }
    if !e.has(props::NAME) && props::IDENTIFIER_PROPS.iter().all(|p| !e.has(p)) {
        return Err("query has no \"name\" (and no identifier) to screen".into());
    }
    Ok((id, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_queries_and_reports_errors() {
        let (id, e) = parse_query(r#"{"id":"q1","schema":"Person","properties":{"name":["Vladimir Putin"],"birthDate":["1952-10-07"],"nationality":["Russia"]}}"#)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(id, "q1");
        assert_eq!(e.get(props::NATIONALITY), ["ru"]);
        assert!(parse_query("{").is_err());
        assert!(parse_query(r#"{"schema":"Person","properties":{}}"#).unwrap_err().contains("no \"name\""));
        assert!(parse_query(r#"{"schema":"Person","properties":{"name":["x"],"birthDate":["soon"]}}"#).unwrap_err().contains("birthDate"));
    }
}
