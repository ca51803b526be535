//! Locating the shared real-list data for tests and benchmarks.
//!
//! Tests that read the real lists take them from `SEISAI_TEST_DATA` if set,
//! else from `../shared/data` beside the repository. Where neither exists,
//! [`dir`] prints why and returns `None`, and the test returns early
//! (skipped) while self-contained tests still run.

use std::path::PathBuf;

/// The directory holding the real list snapshots, or `None` (with a printed
/// reason naming `what` needs it) when it is missing.
pub fn dir(what: &str) -> Option<PathBuf> {
    let candidate = match std::env::var_os("SEISAI_TEST_DATA") {
        Some(p) => PathBuf::from(p),
        None => workspace_root().join("../shared/data"),
    };
    if candidate.is_dir() {
        Some(candidate)
    } else {
        eprintln!(
            "skipped {what}: real list data not found at {} (set SEISAI_TEST_DATA)",
            candidate.display()
        );
        None
    }
}

/// The labelled evaluation sets (`SEISAI_EVAL_DATA`, else `../shared/eval`).
pub fn eval_dir(what: &str) -> Option<PathBuf> {
    let candidate = match std::env::var_os("SEISAI_EVAL_DATA") {
        Some(p) => PathBuf::from(p),
        None => workspace_root().join("../shared/eval"),
    };
    if candidate.is_dir() {
        Some(candidate)
    } else {
        eprintln!("skipped {what}: evaluation sets not found at {}", candidate.display());
        None
    }
}

/// The workspace root: the nearest ancestor of the crate directory (or of
/// the current directory) that holds a `Cargo.lock`.
pub fn workspace_root() -> PathBuf {
    let start = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    start
        .ancestors()
        .find(|p| p.join("Cargo.lock").is_file())
        .map(PathBuf::from)
        .unwrap_or(start)
}
