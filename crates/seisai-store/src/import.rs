//! Importing the files of one dataset version into the store.

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::{NaiveDate, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use seisai_sources::{Format, Input, Loaded};

use crate::Store;
use crate::error::{Result, StoreError};
use crate::manifest::{PublishedFrom, VersionInfo};
use crate::{scripts, versionfile};

/// How many rejected records and warnings a version keeps verbatim (all
/// are counted).
pub const KEEP_FIRST: usize = 50;

/// Options of an import.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Read the inputs in this format instead of the dataset's own (or,
    /// for a dataset that is not built in, instead of FtM).
    pub format: Option<Format>,
    /// Where the inputs came from (default: their names).
    pub source: Option<String>,
    /// The publication date of the list, overriding the date the file
    /// states and the date in its file name.
    pub published: Option<NaiveDate>,
}

/// Whether an import made a new version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    /// A new version was stored.
    Created,
    /// The content is identical to the latest imported version; nothing was stored.
    Unchanged,
}

/// Time spent in each step, in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Timing {
    /// Reading the files with the loader.
    pub load_ms: u64,
    /// Writing the version file and the manifest.
    pub write_ms: u64,
    /// The whole import.
    pub total_ms: u64,
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImportReport {
    /// The dataset.
    pub dataset: String,
    /// New version or unchanged.
    pub outcome: ImportOutcome,
    /// The new version, or the existing one the content is identical to.
    /// Holds the entities by schema, names by script, rejected rows and warnings.
    pub version: VersionInfo,
    /// The version that was current before the import.
    pub previous: Option<String>,
    /// Time spent.
    pub timing: Timing,
}

/// The content hash of an import: sha256 over the format name and the
/// sha256 of each input, sorted (so file order and names do not matter).
pub fn content_hash(format: Format, inputs: &[Input]) -> String {
    let mut digests: Vec<String> = inputs.iter().map(|i| hex::encode(Sha256::digest(&i.data))).collect();
    digests.sort();
    let mut h = Sha256::new();
    h.update(format.name().as_bytes());
    for d in digests {
        h.update(b"\n");
        h.update(d.as_bytes());
    }
    hex::encode(h.finalize())
}

/// The format to read `inputs` of `dataset` in: the override, else the
/// built-in dataset's (sniffed among its formats), else FtM when the
/// inputs are JSON lines.
pub fn choose_format(dataset: &str, inputs: &[Input], format: Option<Format>) -> Result<Format> {
    if let Some(f) = format {
        return Ok(f);
    }
    if let Some(d) = seisai_sources::find_dataset(dataset) {
        return Ok(d.detect_format(inputs));
    }
    let json_lines = |i: &Input| {
        let data = i.data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&i.data);
        data.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
    };
    if !inputs.is_empty() && inputs.iter().all(json_lines) {
        return Ok(Format::Ftm);
    }
    let names: Vec<&str> = seisai_sources::builtin().iter().map(|d| d.name).collect();
    Err(StoreError::Invalid(format!(
        "dataset {dataset:?} is not built in and its files are not FtM JSON lines; give the format (--format) or use a built-in dataset: {}",
        names.join(", ")
    )))
}

/// A `YYYY-MM-DD` date in the name of one of the inputs (`sdn-2022-12-15.csv`).
pub fn date_in_file_names(inputs: &[Input]) -> Option<NaiveDate> {
    inputs.iter().find_map(|i| {
        let name = i.file_name().as_bytes();
        (0..name.len().saturating_sub(9)).find_map(|start| {
            let window = name.get(start..start + 10)?;
            let shape = window.iter().enumerate().all(|(k, b)| if k == 4 || k == 7 { *b == b'-' } else { b.is_ascii_digit() });
            let before_ok = start == 0 || !name.get(start - 1).is_some_and(u8::is_ascii_digit);
            let after_ok = !name.get(start + 10).is_some_and(u8::is_ascii_digit);
            if !(shape && before_ok && after_ok) {
                return None;
            }
            std::str::from_utf8(window).ok()?.parse().ok()
        })
    })
}

/// Whether a dataset name is usable as a directory and id prefix.
pub fn check_dataset_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with(['.', '-'])
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if ok {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "dataset name {name:?} is not valid: use letters, digits, '_', '-' or '.' (at most 64, not starting with '.' or '-')"
        )))
    }
}

fn ms(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

impl Store {
    /// Imports `inputs` (all files of one version) as a new version of
    /// `dataset`. Identical content to the latest imported version makes
    /// no new version ([`ImportOutcome::Unchanged`]). A loader error or a
    /// load that yields no entity leaves the store as it was. The import
    /// is atomic: the version exists once the manifest lists it.
    pub fn import(&mut self, dataset: &str, inputs: &[Input], options: &ImportOptions) -> Result<ImportReport> {
        let started = Instant::now();
        check_dataset_name(dataset)?;
        if inputs.is_empty() {
            return Err(StoreError::Invalid(format!("import of {dataset}: no input files given")));
        }
        let format = choose_format(dataset, inputs, options.format)?;
        let hash = content_hash(format, inputs);
        let _lock = self.lock()?;
        self.reload()?;
        let record = self.manifest.datasets.get(dataset);
        let previous = self.current(dataset).map(|v| v.id.clone());
        if let Some(latest) = record.and_then(|r| r.versions.last()).filter(|v| v.content_hash == hash) {
            return Ok(ImportReport {
                dataset: dataset.into(),
                outcome: ImportOutcome::Unchanged,
                version: latest.clone(),
                previous,
                timing: Timing { total_ms: ms(started), ..Timing::default() },
            });
        }
        let load_started = Instant::now();
        let loaded = seisai_sources::load(dataset, format, inputs)
            .map_err(|source| StoreError::Load { dataset: dataset.into(), source })?;
        let load_ms = ms(load_started);
        if loaded.entities.is_empty() {
            let first = loaded.rejected.first().map(|r| format!("; first: {}: {}: {}", r.file, r.location, r.reason));
            return Err(StoreError::Invalid(format!(
                "import of {dataset} read no entities from {} ({} records rejected{}); previous version kept",
                source_of(inputs, options),
                loaded.rejected.len(),
                first.unwrap_or_default()
            )));
        }
        let write_started = Instant::now();
        let now = Utc::now();
        let dir = self.dataset_dir(dataset);
        std::fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, "cannot create directory", e))?;
        self.remove_orphans(dataset);
        let id = self.new_version_id(dataset, now, &hash);
        let (published, published_from) = publication(&loaded, inputs, options);
        let mut version = describe(&loaded, &id, &hash);
        version.dataset = dataset.into();
        version.source = source_of(inputs, options);
        version.format = format.name().into();
        version.imported_at = now;
        version.published = published;
        version.published_from = published_from;
        version.file = format!("versions/{dataset}/{id}{}", versionfile::SUFFIX);
        if let Some(before) = self.current(dataset) {
            if version.entities * 2 < before.entities {
                version.warnings.push(format!(
                    "entity count fell from {} (version {}) to {}; check the input",
                    before.entities, before.id, version.entities
                ));
                version.warnings_count += 1;
            }
        }
        let mut entities = loaded.entities;
        for e in &mut entities {
            e.version = Some(id.clone());
        }
        version.file_sha256 = versionfile::write(&self.dir.join(&version.file), &entities)?;
        let mut manifest = self.manifest.clone();
        manifest.datasets.entry(dataset.to_string()).or_default().versions.push(version.clone());
        manifest.write(&self.manifest_path())?;
        self.manifest = manifest;
        let write_ms = ms(write_started);
        tracing::info!(dataset, version = %id, entities = version.entities, "imported");
        Ok(ImportReport {
            dataset: dataset.into(),
            outcome: ImportOutcome::Created,
            version,
            previous,
            timing: Timing { load_ms, write_ms, total_ms: ms(started) },
        })
    }

    fn new_version_id(&self, dataset: &str, now: chrono::DateTime<Utc>, hash: &str) -> String {
        let base = format!("{}-{}", now.format("%Y%m%dT%H%M%SZ"), hash.get(..8).unwrap_or(hash));
        let taken = |id: &str| self.version(dataset, id).is_some();
        if !taken(&base) {
            return base;
        }
        (2..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).unwrap_or(base)
    }
}

fn source_of(inputs: &[Input], options: &ImportOptions) -> String {
    options.source.clone().unwrap_or_else(|| inputs.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join(", "))
}

fn publication(loaded: &Loaded, inputs: &[Input], options: &ImportOptions) -> (Option<NaiveDate>, Option<PublishedFrom>) {
    if let Some(d) = options.published {
        (Some(d), Some(PublishedFrom::Option))
    } else if let Some(d) = loaded.published {
        (Some(d), Some(PublishedFrom::File))
    } else if let Some(d) = date_in_file_names(inputs) {
        (Some(d), Some(PublishedFrom::FileName))
    } else {
        (None, None)
    }
}

/// The statistics of a load as a version description (id, counts,
/// rejected rows, warnings); the caller fills in the rest.
fn describe(loaded: &Loaded, id: &str, hash: &str) -> VersionInfo {
    let mut schemata: BTreeMap<String, usize> = BTreeMap::new();
    let mut script_counts: BTreeMap<String, usize> = BTreeMap::new();
    for e in &loaded.entities {
        *schemata.entry(e.schema.as_str().to_string()).or_default() += 1;
        scripts::count_names(e, &mut script_counts);
    }
    VersionInfo {
        id: id.into(),
        dataset: loaded.dataset.clone(),
        content_hash: hash.into(),
        file: String::new(),
        file_sha256: String::new(),
        source: String::new(),
        format: String::new(),
        imported_at: Utc::now(),
        published: None,
        published_from: None,
        entities: loaded.entities.len(),
        schemata,
        scripts: script_counts,
        rejected_count: loaded.rejected.len(),
        rejected: loaded.rejected.iter().take(KEEP_FIRST).cloned().collect(),
        warnings_count: loaded.warnings.len(),
        warnings: loaded.warnings.iter().take(KEEP_FIRST).cloned().collect(),
    }
}
