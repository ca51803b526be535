//! Downloading datasets from their publishers and importing them.
//!
//! For each dataset, every URL is fetched with the validators of the last
//! good download. If all answer `304 Not Modified` the dataset is
//! unchanged; otherwise the files are imported as one version (files that
//! answered 304 are fetched again in full, since the store keeps entities,
//! not the raw files). Validators are saved only after a successful
//! import, so a failed download or import is retried in full next time,
//! and on any failure the last good version stays in force.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use chrono::Utc;
use serde::{Deserialize, Serialize};

use seisai_sources::fetch::{self, FetchOptions, Fetched, Fetcher, Validators};
use seisai_sources::{Format, Input};

use crate::error::{Result, StoreError};
use crate::import::{self, ImportOptions, ImportReport};
use crate::manifest::SyncStatus;
use crate::Store;

/// Where to download one dataset from, overriding the built-in URLs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceOverride {
    /// All files of one version.
    #[serde(default)]
    pub urls: Vec<String>,
    /// Format name (`ftm`, `un_sc_xml`, …); needed for datasets that are not built in.
    #[serde(default)]
    pub format: Option<String>,
}

/// The sources configuration (`DATA_DIR/sources.toml` or `--sources FILE`):
///
/// ```toml
/// [fetch]                 # all optional
/// max_bytes = 200000000
/// retries = 3
/// backoff_ms = 1000
/// connect_timeout_secs = 20
/// read_timeout_secs = 60
///
/// [datasets.un_sc]
/// urls = ["https://mirror.example/consolidated.xml"]
///
/// [datasets.my_feed]      # a dataset that is not built in
/// urls = ["https://example.org/entities.ftm.json"]
/// format = "ftm"
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesConfig {
    /// HTTP settings.
    #[serde(default)]
    pub fetch: FetchOptions,
    /// Per-dataset URL overrides and extra datasets.
    #[serde(default)]
    pub datasets: BTreeMap<String, SourceOverride>,
}

impl SourcesConfig {
    /// Parses a configuration; errors name `origin` and the TOML position.
    pub fn parse(text: &str, origin: &str) -> Result<SourcesConfig> {
        let config: SourcesConfig =
            toml::from_str(text).map_err(|e| StoreError::Invalid(format!("{origin}: not a valid sources configuration: {e}")))?;
        for (name, o) in &config.datasets {
            if let Some(f) = &o.format {
                if Format::parse(f).is_none() {
                    return Err(StoreError::Invalid(format!("{origin}: datasets.{name}.format: unknown format {f:?}")));
                }
            }
        }
        Ok(config)
    }

    /// Reads `path`; when `required` is false an absent file gives the defaults.
    pub fn load(path: &Path, required: bool) -> Result<SourcesConfig> {
        match std::fs::read_to_string(path) {
            Ok(text) => SourcesConfig::parse(&text, &path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(SourcesConfig::default()),
            Err(e) => Err(StoreError::io(path, "cannot read sources configuration", e)),
        }
    }

    /// The URLs of `dataset`: the override, else the built-in ones.
    pub fn urls(&self, dataset: &str) -> Vec<String> {
        match self.datasets.get(dataset) {
            Some(o) if !o.urls.is_empty() => o.urls.clone(),
            _ => seisai_sources::find_dataset(dataset)
                .map(|d| d.urls.iter().map(|u| u.to_string()).collect())
                .unwrap_or_default(),
        }
    }

    /// The datasets a sync without arguments covers: every built-in one
    /// and every configured one.
    pub fn all_datasets(&self) -> Vec<String> {
        let mut names: Vec<String> = seisai_sources::builtin().iter().map(|d| d.name.to_string()).collect();
        for name in self.datasets.keys() {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
        names
    }
}

/// What a sync of one dataset did.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum SyncOutcome {
    /// The files were downloaded and imported (the report says whether
    /// the content made a new version).
    Imported {
        /// The import report.
        report: Box<ImportReport>,
        /// Bytes downloaded.
        bytes: usize,
    },
    /// Every file answered `304 Not Modified`.
    NotModified,
    /// The dataset has no download URL: import it by hand.
    NoUrl,
    /// The download or import failed; the last good version stays in force.
    Failed {
        /// What went wrong (names the URL or file).
        error: String,
    },
}

/// The sync of one dataset.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SyncReport {
    /// The dataset.
    pub dataset: String,
    /// The version in force after the sync.
    pub current: Option<String>,
    /// What happened.
    #[serde(flatten)]
    pub outcome: SyncOutcome,
    /// Time spent, in milliseconds.
    pub ms: u64,
}

/// For datasets whose URL is a web page linking to the current file: the
/// text the file name contains and its possible extensions, best first.
fn linked_file(dataset: &str) -> Option<(&'static str, &'static [&'static str])> {
    match dataset {
        "jp_mof" => Some(("shisantouketsu", &[".xlsx", ".csv"])),
        _ => None,
    }
}

/// The downloads of one dataset: inputs and the validators to save.
struct Downloaded {
    inputs: Vec<Input>,
    validators: Vec<(String, Validators)>,
}

impl Store {
    /// Downloads and imports `datasets` (all of `config` when empty), one
    /// report each. Never stops at a failed dataset.
    pub fn sync(&mut self, datasets: &[String], config: &SourcesConfig) -> Vec<SyncReport> {
        let fetcher = Fetcher::new(config.fetch.clone());
        let names = if datasets.is_empty() { config.all_datasets() } else { datasets.to_vec() };
        names.iter().map(|d| self.sync_one(d, config, &fetcher)).collect()
    }

    fn sync_one(&mut self, dataset: &str, config: &SourcesConfig, fetcher: &Fetcher) -> SyncReport {
        let started = Instant::now();
        let outcome = match self.download_and_import(dataset, config, fetcher) {
            Ok(o) => o,
            Err(e) => SyncOutcome::Failed { error: e.to_string() },
        };
        let (text, failed) = match &outcome {
            SyncOutcome::Imported { report, .. } => (format!("{:?} {}", report.outcome, report.version.id), false),
            SyncOutcome::NotModified => ("not modified".to_string(), false),
            SyncOutcome::NoUrl => ("no download URL".to_string(), false),
            SyncOutcome::Failed { error } => (error.clone(), true),
        };
        if failed {
            tracing::warn!(dataset, "sync failed: {text}");
        }
        if !matches!(outcome, SyncOutcome::NoUrl) {
            let status = SyncStatus { at: Utc::now(), outcome: text, failed };
            if let Err(e) = self.update_manifest(|m| m.datasets.entry(dataset.to_string()).or_default().last_sync = Some(status)) {
                tracing::warn!(dataset, "cannot record sync status: {e}");
            }
        }
        SyncReport {
            dataset: dataset.into(),
            current: self.current(dataset).map(|v| v.id.clone()),
            outcome,
            ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        }
    }

    fn download_and_import(&mut self, dataset: &str, config: &SourcesConfig, fetcher: &Fetcher) -> Result<SyncOutcome> {
        import::check_dataset_name(dataset)?;
        let urls = config.urls(dataset);
        if urls.is_empty() {
            if seisai_sources::find_dataset(dataset).is_none() {
                return Err(StoreError::Invalid(format!(
                    "unknown dataset {dataset:?}: not built in and not in the sources configuration"
                )));
            }
            return Ok(SyncOutcome::NoUrl);
        }
        let format = match config.datasets.get(dataset).and_then(|o| o.format.as_deref()) {
            Some(f) => Some(Format::parse(f).ok_or_else(|| StoreError::Invalid(format!("unknown format {f:?}")))?),
            None => None,
        };
        let known = self.record(dataset).map(|r| r.validators.clone()).unwrap_or_default();
        let Some(downloaded) = download(dataset, &urls, &known, fetcher)? else {
            return Ok(SyncOutcome::NotModified);
        };
        let bytes = downloaded.inputs.iter().map(|i| i.data.len()).sum();
        let options = ImportOptions { format, source: Some(urls.join(", ")), published: None };
        let report = self.import(dataset, &downloaded.inputs, &options)?;
        self.update_manifest(|m| {
            let record = m.datasets.entry(dataset.to_string()).or_default();
            for (url, v) in downloaded.validators {
                record.validators.insert(url, v);
            }
        })?;
        Ok(SyncOutcome::Imported { report: Box::new(report), bytes })
    }
}

/// Fetches every URL of a dataset; `None` when all are unchanged.
fn download(
    dataset: &str,
    urls: &[String],
    known: &BTreeMap<String, Validators>,
    fetcher: &Fetcher,
) -> Result<Option<Downloaded>> {
    let fetch_err = |e: fetch::FetchError| StoreError::Invalid(format!("download of {dataset} failed: {e}"));
    let mut first_pass: Vec<(String, Option<fetch::Download>)> = Vec::new();
    for url in urls {
        let url = resolve_page(dataset, url, fetcher).map_err(fetch_err)?;
        let fetched = fetcher.get(&url, known.get(&url)).map_err(fetch_err)?;
        first_pass.push(match fetched {
            Fetched::NotModified => (url, None),
            Fetched::Body(d) => (url, Some(d)),
        });
    }
    if first_pass.iter().all(|(_, d)| d.is_none()) {
        return Ok(None);
    }
    let mut inputs = Vec::new();
    let mut validators = Vec::new();
    for (url, body) in first_pass {
        let body = match body {
            Some(b) => b,
            None => match fetcher.get(&url, None).map_err(fetch_err)? {
                Fetched::Body(b) => b,
                Fetched::NotModified => {
                    return Err(StoreError::Invalid(format!("{url}: answered 304 to an unconditional request")));
                }
            },
        };
        tracing::info!(url = %url, bytes = body.data.len(), sha256 = %body.sha256, "downloaded");
        if fetch::looks_like_html(&body.data) && linked_file(dataset).is_none() {
            return Err(StoreError::Invalid(format!("{url}: answered an HTML page, not a list file")));
        }
        validators.push((url.clone(), body.validators));
        inputs.push(Input::new(body.final_url, body.data));
    }
    Ok(Some(Downloaded { inputs, validators }))
}

/// For a dataset published behind a web page (MOF), the URL of the file
/// the page currently links to; other URLs unchanged.
fn resolve_page(dataset: &str, url: &str, fetcher: &Fetcher) -> std::result::Result<String, fetch::FetchError> {
    let Some((contains, extensions)) = linked_file(dataset) else { return Ok(url.to_string()) };
    let lower = url.to_ascii_lowercase();
    if extensions.iter().any(|e| lower.split(['?', '#']).next().unwrap_or("").ends_with(e)) {
        return Ok(url.to_string());
    }
    let Fetched::Body(page) = fetcher.get(url, None)? else { return Ok(url.to_string()) };
    let html = String::from_utf8_lossy(&page.data);
    let links = fetch::find_links(&html, &page.final_url, contains, extensions);
    let best = extensions
        .iter()
        .find_map(|ext| links.iter().find(|l| l.to_ascii_lowercase().split(['?', '#']).next().unwrap_or("").ends_with(ext)));
    best.cloned().ok_or_else(|| fetch::FetchError::Body {
        url: url.to_string(),
        received: page.data.len(),
        detail: format!("the page links to no {contains}*{} file", extensions.join("/")),
    })
}
