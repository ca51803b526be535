//! Test helpers: reading a directory of real files and printing what a load
//! produced (entities by schema, names by script), as the load reports show.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use seisai_model::Entity;

use crate::script::Script;
use crate::{Format, Input, Loaded};

/// Loads `inputs`, failing the test with the error if the load fails.
pub fn load_ok(dataset: &str, format: Format, inputs: &[Input]) -> Loaded {
    match crate::load(dataset, format, inputs) {
        Ok(l) => l,
        Err(e) => panic!("{e}"),
    }
}

/// The files of `dir` ending in `.{ext}`, sorted by name; `None` (with a
/// message) if the directory cannot be read.
pub fn dir_inputs(dir: &Path, ext: &str) -> Option<Vec<Input>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("skipped: cannot read {}: {e}", dir.display());
            return None;
        }
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    paths.sort();
    paths.iter().map(|p| Input::read(p).ok()).collect()
}

/// Reads one real data file (relative to the shared data directory), or
/// `None` when the data is absent.
pub fn real_input(what: &str, relative: &str) -> Option<Input> {
    let root = seisai_model::testdata::dir(what)?;
    match Input::read(&root.join(relative)) {
        Ok(i) => Some(i),
        Err(e) => {
            eprintln!("skipped {what}: {e}");
            None
        }
    }
}

/// The scripts of all names of an entity.
pub fn scripts_of_entity(entity: &Entity) -> BTreeSet<Script> {
    entity.names().filter_map(|(_, n)| Script::dominant(n)).collect()
}

/// Names by script and entities by schema of a load.
pub fn counts(loaded: &Loaded) -> (BTreeMap<String, usize>, BTreeMap<String, usize>) {
    let mut schemata: BTreeMap<String, usize> = BTreeMap::new();
    let mut scripts: BTreeMap<String, usize> = BTreeMap::new();
    for e in &loaded.entities {
        *schemata.entry(e.schema.to_string()).or_default() += 1;
        for (_, name) in e.names() {
            let script = Script::dominant(name).map_or_else(|| "none".to_string(), |s| s.to_string());
            *scripts.entry(script).or_default() += 1;
        }
    }
    (schemata, scripts)
}

/// Prints the load report of a test (visible with `--nocapture`).
pub fn report(what: &str, loaded: &Loaded) {
    let (schemata, scripts) = counts(loaded);
    println!(
        "REPORT {what}: {} entities, {} rejected, {} warnings; by schema {schemata:?}; names by script {scripts:?}",
        loaded.entities.len(),
        loaded.rejected.len(),
        loaded.warnings.len()
    );
}
