//! A worksheet of an XLSX workbook as rows of text, for inputs that are
//! tables with a header row (`seisai match --format xlsx`). Cells read as
//! the list loaders read them: whole numbers without `.0`, Excel dates as
//! `YYYY-MM-DD`.

use calamine::Reader;

use crate::jp_mof::xlsx::{cell_text, open};
use crate::{Input, SourceError};

/// The rows of one sheet of the XLSX workbook `input` — `sheet` by name,
/// else the first — each cell as text, the header row first. An error
/// names the file and the sheet.
pub fn xlsx_rows(input: &Input, sheet: Option<&str>) -> Result<Vec<Vec<String>>, SourceError> {
    let mut book = open(input)?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names.iter().find(|n| n.as_str() == wanted).cloned().ok_or_else(|| {
            SourceError::format(&input.name, format!("sheet '{wanted}'"), "no such sheet", format!("one of {names:?}"))
        })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| SourceError::format(&input.name, "workbook", "the workbook has no sheet", "at least one sheet"))?,
    };
    let range = crate::jp_mof::xlsx::sheet(&mut book, input, &name)?;
    Ok(range.rows().map(|row| row.iter().map(cell_text).collect()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_workbook_names_the_file() {
        let err = xlsx_rows(&Input::new("queries.xlsx", b"name\nIvan".to_vec()), None);
        assert!(err.is_err_and(|e| e.to_string().starts_with("queries.xlsx")));
    }
}
