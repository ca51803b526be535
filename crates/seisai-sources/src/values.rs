//! Small field conversions shared by several loaders: multi-valued cells,
//! genders, loosely written dates.

use seisai_model::{Entity, FuzzyDate};

use crate::{Collector, Input, SourceError};

/// Runs `load_file` on every input; no input at all is a
/// [`SourceError::Missing`] naming `what` was expected.
pub fn each_input(
    inputs: &[Input],
    what: &str,
    load_file: impl FnMut(&Input) -> Result<(), SourceError>,
) -> Result<(), SourceError> {
    if inputs.is_empty() {
        return Err(SourceError::Missing { detail: format!("{what}: no file given") });
    }
    inputs.iter().try_for_each(load_file)
}

/// The non-empty, trimmed parts of a cell holding several values separated
/// by `sep`.
pub fn split_multi(text: &str, sep: char) -> impl Iterator<Item = &str> {
    text.split(sep).map(str::trim).filter(|v| !v.is_empty())
}

/// FtM gender (`male`, `female`) of `M`, `Male`, `female.`, … ; `None` for
/// anything else.
pub fn gender(text: &str) -> Option<&'static str> {
    let t = text.trim().trim_end_matches('.').to_ascii_lowercase();
    match t.as_str() {
        "m" | "male" | "man" => Some("male"),
        "f" | "female" | "woman" => Some("female"),
        _ => None,
    }
}

/// Adds a date written in any of the forms [`FuzzyDate::parse_loose`]
/// understands to `prop`, in EDTF. `1960 or 1961` gives both dates. Text
/// with no recognisable date is kept as it is and reported as a warning
/// naming `file` and `location`, so nothing is lost silently.
pub fn add_loose_date(entity: &mut Entity, prop: &str, text: &str, out: &mut Collector, file: &str, location: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    let parts: Vec<&str> = text.split(" or ").collect();
    let parsed: Vec<FuzzyDate> = parts.iter().filter_map(|p| FuzzyDate::parse_loose(p)).collect();
    if parsed.len() == parts.len() {
        for d in parsed {
            entity.add_date(prop, d);
        }
    } else if let Some(d) = FuzzyDate::parse_loose(text) {
        entity.add_date(prop, d);
    } else {
        entity.add(prop, text);
        out.warn(format!("{file}: {location}: {prop} {text:?} is not a recognisable date; kept as text"));
    }
}

/// Line numbers of byte offsets in a text, for offsets asked in increasing
/// order (csv record positions): counts newlines only once over the file.
pub struct LineCounter<'a> {
    data: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    /// A counter over `data`.
    pub fn new(data: &'a [u8]) -> Self {
        LineCounter { data, pos: 0, line: 1 }
    }

    /// The 1-based line of the record starting at byte `offset` (an offset
    /// before the last one asked restarts the count). Line-end bytes at
    /// `offset` are skipped: the csv reader ends a record at the `\r` of a
    /// CRLF and reports the next record as starting at its `\n`.
    pub fn line_at(&mut self, offset: u64) -> u64 {
        let mut offset = usize::try_from(offset).unwrap_or(usize::MAX).min(self.data.len());
        while matches!(self.data.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        if offset < self.pos {
            self.pos = 0;
            self.line = 1;
        }
        let newlines = self.data.get(self.pos..offset).map_or(0, |d| d.iter().filter(|&&b| b == b'\n').count());
        self.line += newlines as u64;
        self.pos = offset;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use seisai_model::Schema;

    #[test]
    fn line_counter() {
        let text = b"a\r\nb\nc\r\n";
        let mut c = LineCounter::new(text);
        assert_eq!(c.line_at(0), 1);
        assert_eq!(c.line_at(3), 2);
        assert_eq!(c.line_at(2), 2, "the LF of a CRLF belongs to the line before");
        assert_eq!(c.line_at(5), 3);
        assert_eq!(c.line_at(0), 1, "asking backwards restarts");
        assert_eq!(c.line_at(999), 4);
    }

    #[test]
    fn genders() {
        assert_eq!(gender("Male"), Some("male"));
        assert_eq!(gender("male."), Some("male"));
        assert_eq!(gender("F"), Some("female"));
        assert_eq!(gender("unknown"), None);
    }

    #[test]
    fn dates_with_alternatives_and_text() {
        let mut out = Collector::new("t");
        let mut e = Entity::new("t", "1", Schema::Person);
        add_loose_date(&mut e, "birthDate", "26.11.1972", &mut out, "f", "line 2");
        add_loose_date(&mut e, "birthDate", "1960 or 1961", &mut out, "f", "line 2");
        add_loose_date(&mut e, "birthDate", "unknown", &mut out, "f", "line 2");
        assert_eq!(e.get("birthDate"), ["1972-11-26", "1960", "1961", "unknown"]);
        let loaded = out.finish();
        assert_eq!(loaded.warnings.len(), 1);
        assert!(loaded.warnings[0].contains("f: line 2"), "{:?}", loaded.warnings);
    }
}
