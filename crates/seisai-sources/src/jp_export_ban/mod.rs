//! Japan: entities under the export ban (輸出等に係る禁止措置の対象となる団体),
//! MOFA notices published by METI as PDFs, read from their extracted text
//! (`export-ban-{russia,belarus,third-country}-*.txt`).
//!
//! **Layout.** A header (`○ …の対象となるロシア連邦の団体（令和四年外務省告示第八十二号）`,
//! `指定日：2022 年03月01 日`, `最終更新日：2025 年09 月12 日`), then
//! entries: `１ 株式会社アドミラルティ造船所` (number, full- or half-width,
//! then the Japanese name, possibly wrapped, possibly ending in
//! `（別称、A、B及びC）`), the English name (possibly wrapped, possibly
//! ending in `, a.k.a., the following N aliases:` followed by `-alias`
//! lines), or `別称：` followed by Japanese then English `;`-separated
//! aliases, then `所在地：` with addresses separated by `; and`. Text
//! extraction sometimes glues the next entry to the end of an address
//! (`…Russia.560 アルファ・マシナリー・グループ`); an entry starts where the
//! *next expected* number is followed by Japanese text, at the start of a
//! line or after a `.`, so numbers inside addresses (`164 Antonova Avenue`)
//! are never taken for entries. A gap in the numbering is a warning.
//!
//! **Entities.** One Organization per entry, id
//! `jp_export_ban-{list}-{number}` with list `ru`, `by` or `third`
//! (from the header: `ロシア連邦及びベラルーシ共和国以外` → `third`,
//! `ベラルーシ` → `by`, `ロシア` → `ru`; else from the file name). English
//! name first, then the Japanese name; `program` = the notice
//! (`令和四年外務省告示第八十二号`); `listingDate` = the list's `指定日`
//! (the text gives no per-entry date, so entries added later carry the
//! list's first designation date); `modifiedAt` and the load's publication
//! date = `最終更新日`; topics `export.control`.

mod entry;
#[cfg(test)]
mod tests;

use seisai_model::FuzzyDate;

use crate::jp_mof::text::{has_japanese, is_japanese_char};
use crate::{Collector, Input, SourceError};
use entry::Entry;

/// The authority written on every entity.
pub(crate) const AUTHORITY: &str = "Ministry of Foreign Affairs of Japan (外務省); Ministry of Economy, Trade and Industry (経済産業省)";

/// Loads the files of one version (one or more of the three lists) into `out`.
pub fn load(inputs: &[Input], out: &mut Collector) -> Result<(), SourceError> {
    if inputs.is_empty() {
        return Err(SourceError::Missing { detail: "jp_export_ban needs the text of at least one list".into() });
    }
    for input in inputs {
        load_file(input, out)?;
    }
    Ok(())
}

/// The list header.
#[derive(Debug, Default)]
pub(crate) struct Header {
    code: &'static str,
    title: String,
    notice: Option<String>,
    designated: Option<FuzzyDate>,
    updated: Option<FuzzyDate>,
}

/// The number at the start of `text` (full- or half-width digits) and the
/// rest after it.
fn leading_number(text: &str) -> Option<(u32, &str)> {
    let mut value: u32 = 0;
    let mut len = 0;
    for c in text.chars() {
        let digit = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => break,
        };
        value = value.checked_mul(10)?.checked_add(digit)?;
        len += c.len_utf8();
    }
    (len > 0).then(|| (value, &text[len..]))
}

/// Whether `text` starts entry `expected` (or one of the next few, for
/// gaps): the number, whitespace, then a name with Japanese text.
fn entry_at(text: &str, expected: u32) -> Option<(u32, &str)> {
    let (n, rest) = leading_number(text.trim_start())?;
    let starts_with_space = rest.starts_with(char::is_whitespace);
    let rest = rest.trim_start();
    (starts_with_space && (expected..expected + 4).contains(&n) && has_japanese(rest)).then_some((n, rest))
}

/// Splits a line where the extraction glued the next entry to it
/// (`…Russia.560 アルファ`, `…Belarus７ 株式会社…`): a number that follows
/// a non-digit, non-Japanese character. Returns the text before and the entry.
fn glued_entry(line: &str, expected: u32) -> Option<(&str, u32, &str)> {
    let mut previous: Option<char> = None;
    for (i, c) in line.char_indices() {
        let is_digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
        let boundary = previous.is_some_and(|p| !p.is_ascii_digit() && !('０'..='９').contains(&p) && !is_japanese_char(p));
        if is_digit && boundary {
            if let Some((n, rest)) = entry_at(line.get(i..)?, expected) {
                return Some((line.get(..i)?, n, rest));
            }
        }
        previous = Some(c);
    }
    None
}
/// A date like `2022 年03月01 日`.
fn header_date(line: &str, label: &str) -> Option<FuzzyDate> {
    let rest = line.split_once(label)?.1;
    FuzzyDate::parse_loose(rest.trim_start_matches(['：', ':']))
}

fn list_code(title: &str, file: &str) -> Option<&'static str> {
    let title: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    if title.contains("以外") {
        return Some("third");
    }
    if title.contains("ベラルーシ") {
        return Some("by");
    }
    if title.contains("ロシア") {
        return Some("ru");
    }
    let f = file.to_lowercase();
    [("third", "third"), ("daisangoku", "third"), ("belarus", "by"), ("russia", "ru")]
        .iter()
        .find(|(k, _)| f.contains(k))
        .map(|(_, c)| *c)
}

fn load_file(input: &Input, out: &mut Collector) -> Result<(), SourceError> {
    let text = input.text()?;
    let dataset = out.dataset().to_string();
    let mut header = Header::default();
    let mut header_lines = String::new();
    let mut current: Option<Entry> = None;
    let mut entries: Vec<Entry> = Vec::new();
    let mut expected = 1u32;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if line.is_empty() || line.chars().all(|c| c.is_ascii_digit() || c == '-' || c.is_whitespace()) {
            // Blank lines and page numbers (`- 3 -`, `12`).
            continue;
        }
        if current.is_none() && entry_at(line, expected).is_none() {
            if line.contains("指定日") && !line.contains("最終更新日") {
                header.designated = header_date(line, "指定日");
            } else if line.contains("最終更新日") {
                header.updated = header_date(line, "最終更新日");
            } else {
                header_lines.push_str(line);
            }
            continue;
        }
        let (before, start) = match entry_at(line, expected) {
            Some((n, rest)) => ("", Some((n, rest))),
            None => match glued_entry(line, expected) {
                Some((before, n, rest)) => (before, Some((n, rest))),
                None => (line, None),
            },
        };
        if let Some(entry) = current.as_mut() {
            entry.push_line(before);
        }
        if let Some((n, rest)) = start {
            if n != expected {
                out.warn(format!("{}: line {line_no}: entry {n} follows entry {}; entries {expected}–{} missing", input.name, expected.saturating_sub(1), n - 1));
            }
            if let Some(done) = current.take() {
                entries.push(done);
            }
            current = Some(Entry::new(n, line_no, rest));
            expected = n + 1;
        }
    }
    entries.extend(current);
    let title = header_lines.trim_start_matches(['○', '〇']).trim().to_string();
    header.code = list_code(&title, &input.name).ok_or_else(|| {
        SourceError::format(&input.name, "header", format!("cannot tell which list this is from {title:?}"), "a title naming ロシア連邦, ベラルーシ共和国 or …以外の国の団体")
    })?;
    header.notice = notice_of(&title);
    header.title = title;
    if entries.is_empty() {
        return Err(SourceError::format(&input.name, "body", "no numbered entries", "entries `１ 名称` … with names and addresses"));
    }
    if let Some(updated) = header.updated {
        out.set_published(updated.earliest());
    } else {
        out.warn(format!("{}: no 最終更新日 (last update) in the header", input.name));
    }
    for entry in entries {
        let location = format!("line {} (entry {})", entry.line, entry.number);
        if entry.en.is_empty() {
            out.warn(format!("{}: {location}: no English name", input.name));
        }
        let e = entry.into_entity(&dataset, &header);
        out.entity(e, &input.name, &location);
    }
    Ok(())
}

/// The notice in the title: `（令和四年外務省告示第八十二号）` → `令和四年外務省告示第八十二号`.
fn notice_of(title: &str) -> Option<String> {
    let start = title.rfind(['（', '('])?;
    let inner = title.get(start..)?.trim_start_matches(['（', '(']);
    let inner = inner.split(['）', ')']).next()?.trim();
    inner.contains("告示").then(|| inner.to_string())
}

