//! One input file of a load: its name (for messages) and its bytes.

use std::path::Path;

use crate::SourceError;

/// A file handed to a loader. `name` is what error messages show (a path or
/// URL); `data` is the raw content (compressed files are unpacked by the
/// loader that expects them).
#[derive(Clone, Debug)]
pub struct Input {
    /// File name, path or URL, as shown in messages.
    pub name: String,
    /// Raw bytes of the file.
    pub data: Vec<u8>,
}

impl Input {
    /// An input from bytes in memory.
    pub fn new(name: impl Into<String>, data: impl Into<Vec<u8>>) -> Self {
        Input { name: name.into(), data: data.into() }
    }

    /// Reads a file from disk.
    pub fn read(path: &Path) -> Result<Self, SourceError> {
        let data = std::fs::read(path).map_err(|e| SourceError::Io { file: path.display().to_string(), source: e })?;
        Ok(Input { name: path.display().to_string(), data })
    }

    /// The file name without directories (`sdn.csv` for `/x/y/sdn.csv`).
    pub fn file_name(&self) -> &str {
        self.name.rsplit(['/', '\\']).next().unwrap_or(&self.name)
    }

    /// The content as UTF-8 text with a leading BOM removed; an error names
    /// the file and the byte offset of the first invalid sequence.
    pub fn text(&self) -> Result<&str, SourceError> {
        let data = self.data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&self.data);
        std::str::from_utf8(data).map_err(|e| SourceError::Encoding {
            file: self.name.clone(),
            detail: format!("invalid UTF-8 at byte {}", e.valid_up_to()),
            expected: "UTF-8 text".into(),
        })
    }

    /// Whether the data starts with the gzip magic number.
    pub fn is_gzip(&self) -> bool {
        self.data.starts_with(&[0x1f, 0x8b])
    }

    /// Whether the data starts with the zip magic number (also XLSX).
    pub fn is_zip(&self) -> bool {
        self.data.starts_with(b"PK\x03\x04")
    }
}
