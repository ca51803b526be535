//! Crash-safe file writing and the import lock.
//!
//! A file is written to a temporary name in its final directory, flushed
//! to disk (fsync), renamed over its final name and the directory fsynced,
//! so that a reader (or a process started after a crash) sees either the
//! old or the new content, never a mix.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use fs4::fs_std::FileExt;

use crate::error::{Result, StoreError};

/// Suffix of temporary files; leftovers of a killed process are removed
/// by [`remove_temporaries`].
pub const TEMP_SUFFIX: &str = ".tmp";

/// The temporary path used while writing `path`.
pub fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(format!(".{}{TEMP_SUFFIX}", std::process::id()));
    path.with_file_name(name)
}

/// Writes a file atomically: `write` fills a temporary file which then
/// replaces `path`. Returns what `write` returned.
pub fn write_atomic<T>(path: &Path, write: impl FnOnce(&mut File) -> std::io::Result<T>) -> Result<T> {
    let temp = temp_path(path);
    let result = (|| {
        let mut file = File::create(&temp)?;
        let value = write(&mut file)?;
        file.flush()?;
        file.sync_all()?;
        Ok(value)
    })();
    let value = match result {
        Ok(v) => v,
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            return Err(StoreError::io(&temp, "cannot write", e));
        }
    };
    std::fs::rename(&temp, path).map_err(|e| StoreError::io(path, "cannot rename into place", e))?;
    if let Some(dir) = path.parent() {
        sync_dir(dir)?;
    }
    Ok(value)
}

/// Flushes a directory's entries to disk (makes a rename durable).
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        let d = File::open(dir).map_err(|e| StoreError::io(dir, "cannot open directory", e))?;
        d.sync_all().map_err(|e| StoreError::io(dir, "cannot sync directory", e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Removes temporary files left in `dir` by a killed process.
pub fn remove_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.to_string_lossy().ends_with(TEMP_SUFFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// An exclusive lock on the store, held while a writer changes it and
/// released when dropped (also by the OS when the process dies, so a
/// killed import never leaves the store locked).
pub struct StoreLock {
    _file: File,
}

impl StoreLock {
    /// Waits for and takes the lock file `path`.
    pub fn acquire(path: &Path) -> Result<StoreLock> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(path)
            .map_err(|e| StoreError::io(path, "cannot open lock file", e))?;
        file.lock_exclusive().map_err(|e| StoreError::io(path, "cannot lock", e))?;
        Ok(StoreLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().map_err(|e| e.to_string());
        let Ok(dir) = dir else { panic!("no temp dir") };
        let path = dir.path().join("m.json");
        let r1 = write_atomic(&path, |f| f.write_all(b"one"));
        let r2 = write_atomic(&path, |f| f.write_all(b"two"));
        assert!(r1.is_ok() && r2.is_ok());
        assert_eq!(std::fs::read(&path).unwrap_or_default(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).into_iter().flatten().flatten().map(|e| e.file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn failed_write_keeps_old_content() {
        let Ok(dir) = tempfile::tempdir() else { panic!("no temp dir") };
        let path = dir.path().join("m.json");
        assert!(write_atomic(&path, |f| f.write_all(b"old")).is_ok());
        let failed = write_atomic(&path, |f| {
            f.write_all(b"half")?;
            Err::<(), _>(std::io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).unwrap_or_default(), b"old");
        remove_temporaries(dir.path());
        assert_eq!(std::fs::read_dir(dir.path()).into_iter().flatten().count(), 1);
    }
}
