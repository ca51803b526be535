//! The manifest: which datasets the store holds, their versions with
//! metadata, and the HTTP validators of their downloads.
//!
//! It is one JSON file (`DATA_DIR/manifest.json`) replaced atomically, so a
//! version exists exactly when the manifest lists it.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use seisai_sources::Rejected;
use seisai_sources::fetch::Validators;

use crate::atomic;
use crate::error::{Result, StoreError};

/// Version of the manifest layout.
pub const MANIFEST_FORMAT: u32 = 1;

/// Where a version's publication date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublishedFrom {
    /// Given on import (`--published`).
    Option,
    /// Stated inside the file.
    File,
    /// A `YYYY-MM-DD` date in the file name (`sdn-2022-12-15.csv`).
    FileName,
}

/// One immutable version of a dataset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionInfo {
    /// Version id (`20261128T143012Z-3f2a9c1d`), unique within the dataset.
    pub id: String,
    /// The dataset.
    pub dataset: String,
    /// sha256 over the input files (see [`crate::import::content_hash`]).
    pub content_hash: String,
    /// The entity file, relative to the data directory.
    pub file: String,
    /// sha256 of the entity file, checked when it is read.
    pub file_sha256: String,
    /// Where the inputs came from (paths or URLs).
    pub source: String,
    /// The format the inputs were read in.
    pub format: String,
    /// When the import happened.
    pub imported_at: DateTime<Utc>,
    /// The publication date of the list, where known.
    pub published: Option<NaiveDate>,
    /// Where [`VersionInfo::published`] came from.
    pub published_from: Option<PublishedFrom>,
    /// Number of entities.
    pub entities: usize,
    /// Entities by FtM schema.
    pub schemata: BTreeMap<String, usize>,
    /// Names by dominant script.
    pub scripts: BTreeMap<String, usize>,
    /// Number of rejected records.
    pub rejected_count: usize,
    /// The first rejected records.
    pub rejected: Vec<Rejected>,
    /// Number of warnings.
    pub warnings_count: usize,
    /// The first warnings.
    pub warnings: Vec<String>,
}

impl VersionInfo {
    /// The date the version counts from: its publication date, else the
    /// day it was imported (UTC).
    pub fn effective_date(&self) -> NaiveDate {
        self.published.unwrap_or_else(|| self.imported_at.date_naive())
    }

    /// The sort key of versions: effective date, then import time.
    pub fn order_key(&self) -> (NaiveDate, DateTime<Utc>) {
        (self.effective_date(), self.imported_at)
    }
}

/// The outcome of the last sync of a dataset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SyncStatus {
    /// When the sync ran.
    pub at: DateTime<Utc>,
    /// `imported VERSION`, `unchanged` or the error.
    pub outcome: String,
    /// Whether it failed.
    pub failed: bool,
}

/// What the store keeps about one dataset.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DatasetRecord {
    /// Versions in import order.
    #[serde(default)]
    pub versions: Vec<VersionInfo>,
    /// HTTP validators of the last download, by URL.
    #[serde(default)]
    pub validators: BTreeMap<String, Validators>,
    /// The last sync.
    #[serde(default)]
    pub last_sync: Option<SyncStatus>,
}

impl DatasetRecord {
    /// The versions sorted by [`VersionInfo::order_key`] (oldest first).
    pub fn ordered(&self) -> Vec<&VersionInfo> {
        let mut v: Vec<&VersionInfo> = self.versions.iter().collect();
        v.sort_by_key(|x| x.order_key());
        v
    }
}

/// The whole manifest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Layout version ([`MANIFEST_FORMAT`]).
    pub format: u32,
    /// Datasets by name.
    #[serde(default)]
    pub datasets: BTreeMap<String, DatasetRecord>,
}

impl Default for Manifest {
    fn default() -> Self {
        Manifest { format: MANIFEST_FORMAT, datasets: BTreeMap::new() }
    }
}

impl Manifest {
    /// Reads the manifest at `path`; an absent file is an empty store.
    pub fn read(path: &Path) -> Result<Manifest> {
        let data = match std::fs::read(path) {
            Ok(d) => d,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Manifest::default()),
            Err(e) => return Err(StoreError::io(path, "cannot read", e)),
        };
        let manifest: Manifest = serde_json::from_slice(&data).map_err(|e| StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: format!("not a seisai manifest: {e}"),
        })?;
        if manifest.format != MANIFEST_FORMAT {
            return Err(StoreError::Corrupt {
                path: path.to_path_buf(),
                detail: format!("manifest format {} is not supported (expected {MANIFEST_FORMAT})", manifest.format),
            });
        }
        Ok(manifest)
    }

    /// Replaces the manifest at `path` atomically.
    pub fn write(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self).map_err(|e| StoreError::Invalid(format!("cannot encode manifest: {e}")))?;
        atomic::write_atomic(path, |f| std::io::Write::write_all(f, &json))
    }
}
