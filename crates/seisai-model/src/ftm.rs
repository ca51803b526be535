//! FollowTheMoney JSON lines: one entity a line.

use std::io::{BufRead, Write};

use crate::Entity;

/// Error reading an FtM JSON-lines stream.
#[derive(Debug, thiserror::Error)]
pub enum FtmError {
    /// The stream could not be read.
    #[error("line {line}: read error: {source}")]
    Io {
        /// 1-based line number.
        line: usize,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A line is not an FtM entity.
    #[error("line {line}: not an FtM entity ({source}); expected a JSON object with \"id\", \"schema\" and \"properties\"")]
    Json {
        /// 1-based line number.
        line: usize,
        /// The JSON error.
        source: serde_json::Error,
    },
}

/// Reads FtM JSON lines, yielding each entity or the error of its line.
/// Blank lines are skipped. The iterator keeps going after a bad line, so
/// the caller can report and count it.
pub fn read_lines<R: BufRead>(reader: R) -> impl Iterator<Item = Result<Entity, FtmError>> {
    reader.lines().enumerate().filter_map(|(i, line)| {
        let line_no = i + 1;
        match line {
            Err(source) => Some(Err(FtmError::Io { line: line_no, source })),
            Ok(text) if text.trim().is_empty() => None,
            Ok(text) => Some(
                serde_json::from_str::<Entity>(text.trim_start_matches('\u{feff}'))
                    .map_err(|source| FtmError::Json { line: line_no, source }),
            ),
        }
    })
}

/// Writes one entity as a JSON line.
pub fn write_line<W: Write>(mut out: W, entity: &Entity) -> std::io::Result<()> {
    serde_json::to_writer(&mut out, entity)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_unknown_fields() {
        let line = r#"{"id":"NK-abc","schema":"Person","properties":{"name":["Ivan Petrov"],"birthDate":["1970"]},"datasets":["x"],"first_seen":"2024-01-01T00:00:00","target":true}"#;
        let entities: Vec<_> = read_lines(line.as_bytes()).collect();
        let entity = match &entities[0] {
            Ok(e) => e.clone(),
            Err(e) => panic!("{e}"),
        };
        let mut out = Vec::new();
        write_line(&mut out, &entity).unwrap_or_default();
        let a: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
        let b: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        assert_eq!(a, b);
    }

    #[test]
    fn bad_line_is_reported_with_number() {
        let text = "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{}}\n\n{broken\n";
        let results: Vec<_> = read_lines(text.as_bytes()).collect();
        assert_eq!(results.len(), 2);
        let msg = results[1].as_ref().err().map(ToString::to_string).unwrap_or_default();
        assert!(msg.starts_with("line 3:"), "{msg}");
    }
}
