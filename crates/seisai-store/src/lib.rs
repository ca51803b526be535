//! The versioned, crash-safe store of list versions.
//!
//! Layout of the data directory (`--data-dir`, `SEISAI_DATA_DIR`, default
//! `./seisai-data`):
//!
//! ```text
//! DATA_DIR/manifest.json                          datasets → versions with metadata, HTTP validators
//! DATA_DIR/versions/{dataset}/{version}.ftm.jsonl.gz   immutable entity files (FtM JSON lines)
//! DATA_DIR/.lock                                  held by the process changing the store
//! ```
//!
//! Each import writes a new version file (temporary name, fsync, rename,
//! fsync directory) and then replaces the manifest the same way; a version
//! exists exactly when the manifest lists it. A process killed at any
//! moment therefore leaves the previous state, and the next writer removes
//! its leftovers. Readers never lock: they read the manifest once and the
//! immutable files it names.
//!
//! The version in force on a date is the latest version whose publication
//! date (or, without one, import date) is on or before it; the current
//! version is the latest of all by that order (import time breaks ties).

pub mod atomic;
pub mod changes;
pub mod diff;
pub mod error;
pub mod import;
pub mod indexing;
pub mod manifest;
pub mod scripts;
pub mod sync;
pub mod versionfile;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use seisai_model::Entity;

pub use diff::{Diff, EntityChange, EntityRef, HistoryEvent, HistoryKind, PropChange};
pub use error::{Result, StoreError};
pub use import::{ImportOptions, ImportOutcome, ImportReport, Timing};
pub use indexing::{IndexedLists, Selection};
pub use manifest::{DatasetRecord, Manifest, PublishedFrom, SyncStatus, VersionInfo};
pub use sync::{SourceOverride, SourcesConfig, SyncOutcome, SyncReport};

/// Environment variable naming the data directory.
pub const DATA_DIR_ENV: &str = "SEISAI_DATA_DIR";
/// Data directory used when none is given.
pub const DEFAULT_DATA_DIR: &str = "./seisai-data";

/// A data directory holding list versions.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    manifest: Manifest,
}

impl Store {
    /// Opens (creating if needed) the store in `dir`.
    pub fn open(dir: impl AsRef<Path>) -> Result<Store> {
        let dir = dir.as_ref().to_path_buf();
        let versions = dir.join("versions");
        std::fs::create_dir_all(&versions).map_err(|e| StoreError::io(&versions, "cannot create data directory", e))?;
        let manifest = Manifest::read(&dir.join("manifest.json"))?;
        Ok(Store { dir, manifest })
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The manifest as last read.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Reads the manifest again (to see changes by other processes).
    pub fn reload(&mut self) -> Result<()> {
        self.manifest = Manifest::read(&self.manifest_path())?;
        Ok(())
    }

    /// The names of the datasets with at least one version, sorted.
    pub fn datasets(&self) -> Vec<&str> {
        self.manifest
            .datasets
            .iter()
            .filter(|(_, r)| !r.versions.is_empty())
            .map(|(n, _)| n.as_str())
            .collect()
    }

    /// What the store keeps about `dataset`.
    pub fn record(&self, dataset: &str) -> Option<&DatasetRecord> {
        self.manifest.datasets.get(dataset)
    }

    /// The versions of `dataset`, oldest first (by publication or import
    /// date, then import time).
    pub fn versions(&self, dataset: &str) -> Vec<&VersionInfo> {
        self.record(dataset).map(DatasetRecord::ordered).unwrap_or_default()
    }

    /// One version of `dataset` by id.
    pub fn version(&self, dataset: &str, id: &str) -> Option<&VersionInfo> {
        self.record(dataset)?.versions.iter().find(|v| v.id == id)
    }

    /// The current version of `dataset`.
    pub fn current(&self, dataset: &str) -> Option<&VersionInfo> {
        self.versions(dataset).pop()
    }

    /// The version of `dataset` in force on `date`: the latest whose
    /// publication date (or import date) is on or before it.
    pub fn as_of(&self, dataset: &str, date: NaiveDate) -> Option<&VersionInfo> {
        self.versions(dataset).into_iter().rfind(|v| v.effective_date() <= date)
    }

    /// A version by id or, for `YYYY-MM-DD`, the version in force on that date.
    pub fn resolve(&self, dataset: &str, id_or_date: &str) -> Result<&VersionInfo> {
        if let Some(v) = self.version(dataset, id_or_date) {
            return Ok(v);
        }
        if let Ok(date) = id_or_date.parse::<NaiveDate>() {
            return self
                .as_of(dataset, date)
                .ok_or_else(|| StoreError::NotFound(format!("{dataset} has no version in force on {date}")));
        }
        let known: Vec<&str> = self.versions(dataset).iter().map(|v| v.id.as_str()).collect();
        Err(StoreError::NotFound(format!(
            "{dataset} has no version {id_or_date:?} (versions: {})",
            if known.is_empty() { "none".to_string() } else { known.join(", ") }
        )))
    }

    /// The entities of a version, each carrying the version id.
    pub fn entities(&self, version: &VersionInfo) -> Result<Vec<Entity>> {
        versionfile::read(&self.dir.join(&version.file), &version.file_sha256)
    }

    /// The entities of the current version of every dataset (read in
    /// parallel).
    pub fn current_entities(&self) -> Result<Vec<Entity>> {
        let current: Vec<&VersionInfo> = self.datasets().into_iter().filter_map(|d| self.current(d)).collect();
        self.read_versions(current)
    }

    /// Compares two versions of `dataset` (ids, or dates for the version
    /// in force on that date).
    pub fn diff(&self, dataset: &str, from: &str, to: &str) -> Result<Diff> {
        let a = self.resolve(dataset, from)?;
        let b = self.resolve(dataset, to)?;
        let old = self.entities(a)?;
        let new = self.entities(b)?;
        Ok(diff::diff_entities(dataset, &a.id, &b.id, &old, &new))
    }

    /// The history of entity `id` across the versions of its dataset (the
    /// dataset whose name prefixes the id, else every dataset).
    pub fn entity_history(&self, id: &str) -> Result<Vec<HistoryEvent>> {
        let by_prefix: Vec<&str> =
            self.datasets().into_iter().filter(|d| id.strip_prefix(d).is_some_and(|r| r.starts_with('-'))).collect();
        let datasets = if by_prefix.is_empty() { self.datasets() } else { by_prefix };
        let mut events = Vec::new();
        for dataset in datasets {
            let mut states = Vec::new();
            for v in self.versions(dataset) {
                let state = self.entities(v)?.into_iter().find(|e| e.id == id);
                states.push((v.id.clone(), v.effective_date(), state));
            }
            events.extend(diff::history(dataset, &states));
        }
        Ok(events)
    }

    fn manifest_path(&self) -> PathBuf {
        self.dir.join("manifest.json")
    }

    fn dataset_dir(&self, dataset: &str) -> PathBuf {
        self.dir.join("versions").join(dataset)
    }

    /// Takes the writer lock of the store.
    fn lock(&self) -> Result<atomic::StoreLock> {
        atomic::StoreLock::acquire(&self.dir.join(".lock"))
    }

    /// Applies `change` to the manifest under the writer lock.
    pub(crate) fn update_manifest(&mut self, change: impl FnOnce(&mut Manifest)) -> Result<()> {
        let _lock = self.lock()?;
        self.reload()?;
        let mut manifest = self.manifest.clone();
        change(&mut manifest);
        manifest.write(&self.manifest_path())?;
        self.manifest = manifest;
        Ok(())
    }

    /// Removes what killed writers left for `dataset`: temporary files and
    /// version files the manifest does not list. Call under the lock.
    fn remove_orphans(&self, dataset: &str) {
        atomic::remove_temporaries(&self.dir);
        let dir = self.dataset_dir(dataset);
        atomic::remove_temporaries(&dir);
        let listed: Vec<&str> = self
            .record(dataset)
            .map(|r| r.versions.iter().map(|v| v.file.as_str()).collect())
            .unwrap_or_default();
        let Ok(entries) = std::fs::read_dir(&dir) else { return };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            let rel = format!("versions/{dataset}/{name}");
            if name.ends_with(versionfile::SUFFIX) && !listed.contains(&rel.as_str()) {
                tracing::info!(file = %rel, "removing version file of an interrupted import");
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests;
