//! `seisai import DATASET FILE_OR_URL... [--format NAME] [--published DATE]`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::NaiveDate;

use seisai_sources::fetch::{FetchOptions, Fetched, Fetcher};
use seisai_sources::{Format, Input};
use seisai_store::{ImportOptions, ImportOutcome, ImportReport, PublishedFrom};

use super::{counts_line, open_store, print_json, spinner};
use crate::Cli;

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Dataset name: a built-in one (`us_ofac_sdn`, `jp_mof`, …) or any
    /// name for an FtM JSON-lines feed.
    pub dataset: String,
    /// Files, directories (all their files) or http(s) URLs of one version.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Read the files in this format (`ftm`, `ofac_csv`, `un_sc_xml`, …).
    #[arg(long)]
    pub format: Option<String>,
    /// Publication date of the list (YYYY-MM-DD); default: the date the
    /// file states, else a date in its file name.
    #[arg(long)]
    pub published: Option<NaiveDate>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `import`.
pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let format = match &args.format {
        Some(name) => Some(Format::parse(name).with_context(|| format!("--format {name:?} is not a known format"))?),
        None => None,
    };
    let inputs = read_inputs(&args.inputs)?;
    let mut store = open_store(cli)?;
    let bar = spinner(format!("importing {} ({} file(s))", args.dataset, inputs.len()));
    let options = ImportOptions { format, source: Some(args.inputs.join(", ")), published: args.published };
    let result = store.import(&args.dataset, &inputs, &options);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let report = result.with_context(|| format!("cannot import {} from {}", args.dataset, args.inputs.join(", ")))?;
    crate::commands::alerts::audit_list_update(cli, &format!("import {}", args.dataset), &serde_json::json!({"report": report}))?;
    if args.json {
        print_json(&report)?;
    } else {
        print!("{}", render(&report));
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads the inputs: files, the files of directories (sorted), URLs.
pub fn read_inputs(args: &[String]) -> anyhow::Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for arg in args {
        if arg.starts_with("http://") || arg.starts_with("https://") {
            let fetcher = Fetcher::new(FetchOptions::default());
            match fetcher.get(arg, None).with_context(|| format!("cannot download {arg}"))? {
                Fetched::Body(d) => inputs.push(Input::new(d.final_url, d.data)),
                Fetched::NotModified => bail!("{arg}: server answered 304 to an unconditional request"),
            }
            continue;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            let files = files_of(path)?;
            if files.is_empty() {
                bail!("{arg}: the directory holds no files");
            }
            for f in files {
                inputs.push(Input::read(&f).with_context(|| format!("cannot read input file {}", f.display()))?);
            }
        } else {
            inputs.push(Input::read(path).with_context(|| format!("cannot read input file {arg}"))?);
        }
    }
    Ok(inputs)
}

fn files_of(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("cannot read directory {}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    files.sort();
    Ok(files)
}

/// The text form of an import report.
pub fn render(report: &ImportReport) -> String {
    let v = &report.version;
    let mut out = String::new();
    out.push_str(&format!("dataset: {}\n", report.dataset));
    match report.outcome {
        ImportOutcome::Created => out.push_str(&format!("version: {} (new)\n", v.id)),
        ImportOutcome::Unchanged => out.push_str(&format!("unchanged: same content as version {}\n", v.id)),
    }
    if let Some(p) = &report.previous {
        out.push_str(&format!("previous: {p}\n"));
    }
    let from = match v.published_from {
        Some(PublishedFrom::Option) => " (--published)",
        Some(PublishedFrom::File) => " (stated in the file)",
        Some(PublishedFrom::FileName) => " (from the file name)",
        None => "",
    };
    out.push_str(&format!(
        "published: {}{from}\n",
        v.published.map(|d| d.to_string()).unwrap_or_else(|| "not stated".into())
    ));
    out.push_str(&format!("format: {}\nsource: {}\n", v.format, v.source));
    out.push_str(&format!("entities: {}\n", v.entities));
    out.push_str(&format!("entities by schema: {}\n", counts_line(&v.schemata)));
    out.push_str(&format!("names by script: {}\n", counts_line(&v.scripts)));
    out.push_str(&format!("rows rejected: {}\n", v.rejected_count));
    for r in &v.rejected {
        out.push_str(&format!("  {}: {}: {}\n", r.file, r.location, r.reason));
    }
    if v.rejected_count > v.rejected.len() {
        out.push_str(&format!("  … and {} more\n", v.rejected_count - v.rejected.len()));
    }
    out.push_str(&format!("warnings: {}\n", v.warnings_count));
    for w in &v.warnings {
        out.push_str(&format!("  {w}\n"));
    }
    if v.warnings_count > v.warnings.len() {
        out.push_str(&format!("  … and {} more\n", v.warnings_count - v.warnings.len()));
    }
    let t = report.timing;
    out.push_str(&format!("time: load {} ms, write {} ms, total {} ms\n", t.load_ms, t.write_ms, t.total_ms));
    out
}
