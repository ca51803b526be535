//! Loading every list of the corpus into entities.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use seisai_model::Entity;
use seisai_sources::{Input, load};

use crate::corpus::{CorpusEntry, latest};

/// What loading one dataset gave.
#[derive(Debug)]
pub struct LoadedDataset {
    /// Dataset name.
    pub dataset: &'static str,
    /// Entities, or the error that stopped the load.
    pub result: Result<Vec<Entity>, String>,
}

/// Loads one corpus entry.
pub fn load_entry(entry: &CorpusEntry) -> LoadedDataset {
    let inputs: Result<Vec<Input>, _> = entry.files.iter().map(|p| Input::read(p)).collect();
    let result = inputs
        .and_then(|inputs| load(entry.dataset, entry.format, &inputs))
        .map(|loaded| loaded.entities)
        .map_err(|e| e.to_string());
    LoadedDataset { dataset: entry.dataset, result }
}

/// Loads the latest version of every dataset in `data_dir`, in parallel.
/// Datasets whose loader fails are reported in the result, not dropped.
pub fn load_all(data_dir: &Path) -> Vec<LoadedDataset> {
    latest(data_dir).par_iter().map(load_entry).collect()
}

/// All entities of the datasets that loaded, shared.
pub fn entities(loaded: Vec<LoadedDataset>) -> Vec<Arc<Entity>> {
    loaded
        .into_iter()
        .filter_map(|l| l.result.ok())
        .flatten()
        .map(Arc::new)
        .collect()
}
