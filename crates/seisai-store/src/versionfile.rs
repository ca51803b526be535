//! The immutable entity file of a version: FtM JSON lines, gzip-compressed,
//! written once (atomically) and checked against its sha256 when read.

use std::io::{Read, Write};
use std::path::Path;

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};

use seisai_model::Entity;

use crate::atomic;
use crate::error::{Result, StoreError};

/// File name suffix of version files.
pub const SUFFIX: &str = ".ftm.jsonl.gz";

/// Writes `entities` to `path` atomically; returns the file's sha256.
pub fn write(path: &Path, entities: &[Entity]) -> Result<String> {
    let mut gz = GzEncoder::new(Vec::with_capacity(entities.len() * 200), Compression::new(3));
    let encoded = (|| -> std::io::Result<Vec<u8>> {
        for e in entities {
            seisai_model::ftm::write_line(&mut gz, e)?;
        }
        gz.finish()
    })();
    let bytes = encoded.map_err(|e| StoreError::io(path, "cannot encode", e))?;
    let sha = hex::encode(Sha256::digest(&bytes));
    atomic::write_atomic(path, |f| f.write_all(&bytes))?;
    Ok(sha)
}

/// Reads the entities of the version file at `path`, checking that its
/// sha256 is `expected_sha256`.
pub fn read(path: &Path, expected_sha256: &str) -> Result<Vec<Entity>> {
    let bytes = std::fs::read(path).map_err(|e| StoreError::io(path, "cannot read version file", e))?;
    let sha = hex::encode(Sha256::digest(&bytes));
    if sha != expected_sha256 {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: format!("checksum {sha} differs from the manifest's {expected_sha256}; the file was altered"),
        });
    }
    let mut text = Vec::with_capacity(bytes.len() * 6);
    GzDecoder::new(bytes.as_slice())
        .read_to_end(&mut text)
        .map_err(|e| StoreError::Corrupt { path: path.to_path_buf(), detail: format!("bad gzip data: {e}") })?;
    let mut entities = Vec::new();
    for (i, line) in text.split(|b| *b == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let mut entity: Entity = serde_json::from_slice(line).map_err(|e| StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: format!("line {}: not an FtM entity: {e}", i + 1),
        })?;
        // Entities read here are kept (indexed) for as long as the version
        // is served: without the room their lists grew.
        entity.shrink_to_fit();
        entities.push(entity);
    }
    Ok(entities)
}
