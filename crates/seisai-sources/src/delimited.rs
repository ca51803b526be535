//! Shared reading of delimited text files (CSV, tab-separated): strict
//! UTF-8 decoding with a line number in the error, gzip unpacking, and
//! records with the line they start on.

use std::io::Read;

use crate::SourceError;

/// Upper bound for an unpacked gzip or zip member (a guard against
/// decompression bombs; the largest official list is far below it).
pub(crate) const MAX_UNPACKED: u64 = 1 << 30;

/// The bytes as UTF-8 text without a leading BOM. A UTF-16 file or invalid
/// UTF-8 gives an [`SourceError::Encoding`] naming the file, the line and
/// the byte offset.
pub(crate) fn utf8<'a>(file: &str, data: &'a [u8]) -> Result<&'a str, SourceError> {
    let encoding_error = |detail: String| SourceError::Encoding {
        file: file.to_string(),
        detail,
        expected: "UTF-8 text".into(),
    };
    if data.starts_with(&[0xFF, 0xFE]) || data.starts_with(&[0xFE, 0xFF]) {
        return Err(encoding_error("the file starts with a UTF-16 byte order mark".into()));
    }
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    std::str::from_utf8(data).map_err(|e| {
        let at = e.valid_up_to();
        let line = data.get(..at).map_or(0, |d| d.iter().filter(|&&b| b == b'\n').count()) + 1;
        let byte = data.get(at).copied().unwrap_or(0);
        let hint = if data.iter().take(64).filter(|&&b| b == 0).count() > 8 {
            " (NUL bytes: UTF-16 text?)"
        } else {
            " (Latin-1/Windows-1252 text?)"
        };
        encoding_error(format!("invalid UTF-8 byte 0x{byte:02X} at line {line}, byte offset {at}{hint}"))
    })
}

/// The data unpacked if it is gzip-compressed, else unchanged.
pub(crate) fn gunzip_if_needed<'a>(file: &str, data: &'a [u8]) -> Result<std::borrow::Cow<'a, [u8]>, SourceError> {
    if !data.starts_with(&[0x1f, 0x8b]) {
        return Ok(std::borrow::Cow::Borrowed(data));
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(data)
        .take(MAX_UNPACKED)
        .read_to_end(&mut out)
        .map_err(|e| SourceError::format(file, "gzip stream", e.to_string(), "a complete gzip file"))?;
    Ok(std::borrow::Cow::Owned(out))
}

/// One record of a delimited file and the line it starts on (1-based).
pub(crate) struct Row {
    /// Line number of the record's first line.
    pub line: u64,
    /// The fields.
    pub fields: csv::StringRecord,
}

impl Row {
    /// Field `i`, trimmed, or `""` if the record is shorter.
    pub fn get(&self, i: usize) -> &str {
        self.fields.get(i).unwrap_or("").trim()
    }
}

/// Reads every record of `text` (no header handling: the caller sees the
/// header as the first row). Field counts are not checked here; callers
/// reject short or long rows with their own message.
pub(crate) fn rows(file: &str, text: &str, delimiter: u8) -> Result<Vec<Row>, SourceError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    // csv's own line count lags by one after a CRLF terminator, so lines
    // are counted here from the record's byte offset.
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0usize, 1u64);
    for record in reader.records() {
        match record {
            Ok(fields) => {
                let mut start = fields.position().map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
                while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
                    start += 1;
                }
                let start = start.min(bytes.len());
                if start > counted_to {
                    line += bytes.get(counted_to..start).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count()) as u64;
                    counted_to = start;
                }
                out.push(Row { line, fields });
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(SourceError::format(file, format!("line {line}"), e.to_string(), "delimited text"));
            }
        }
    }
    Ok(out)
}

/// `n` cut offsets spread over `0..len` (deterministic, uneven), for the
/// truncated-input tests of the loaders.
#[cfg(test)]
pub(crate) fn cut_points(len: usize, n: usize) -> Vec<usize> {
    (1..=n).map(|i| (i * len) / (n + 1) + (i * 7919) % 97).filter(|&c| c < len).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_errors_name_line_and_encoding() {
        let latin1 = b"a,b\r\nJos\xE9,c\r\n";
        let e = utf8("x.csv", latin1).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("x.csv") && e.contains("line 2") && e.contains("0xE9"), "{e}");
        let utf16 = b"\xFF\xFEa\0,\0b\0";
        let e = utf8("y.csv", utf16).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("UTF-16"), "{e}");
        assert_eq!(utf8("z", b"\xEF\xBB\xBFok").ok(), Some("ok"));
    }

    #[test]
    fn rows_carry_line_numbers() {
        let r = rows("t", "a,b\n\"multi\nline\",c\nd,e\n", b',').unwrap_or_default();
        let lines: Vec<u64> = r.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 2, 4]);
        let crlf = rows("t", "a,b\r\n\r\nc,d\r\n\"x\r\ny\",z\r\ne,f", b',').unwrap_or_default();
        let lines: Vec<u64> = crlf.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 3, 4, 6]);
        assert_eq!(r.get(1).map(|r| r.get(0)), Some("multi\nline"));
    }

    #[test]
    fn truncated_gzip_is_an_error() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let _ = enc.write_all(&b"hello world ".repeat(100));
        let gz = enc.finish().unwrap_or_default();
        assert_eq!(gunzip_if_needed("f", &gz).map(|c| c.len()).ok(), Some(1200));
        let cut = gz.get(..gz.len() / 2).unwrap_or_default();
        assert!(gunzip_if_needed("f.gz", cut).is_err());
    }
}
