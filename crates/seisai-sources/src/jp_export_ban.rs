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

use seisai_model::{Address, Entity, FuzzyDate, Schema, props};

use crate::jp_mof::record_country_in;
use crate::jp_mof::text::{has_japanese, is_japanese_char, is_placeholder};
use crate::{Collector, Input, SourceError};

/// The authority written on every entity.
const AUTHORITY: &str = "Ministry of Foreign Affairs of Japan (外務省); Ministry of Economy, Trade and Industry (経済産業省)";

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
struct Header {
    code: &'static str,
    title: String,
    notice: Option<String>,
    designated: Option<FuzzyDate>,
    updated: Option<FuzzyDate>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    JaName,
    EnName,
    DashAliases,
    JaAliases,
    EnAliases,
    Address,
}

/// One entry while it is read.
#[derive(Debug)]
struct Entry {
    number: u32,
    line: usize,
    state: State,
    ja: String,
    en: String,
    dash_aliases: Vec<String>,
    ja_aliases: String,
    en_aliases: String,
    address: String,
}

impl Entry {
    fn new(number: u32, line: usize, first_line: &str) -> Self {
        let mut entry = Entry {
            number,
            line,
            state: State::JaName,
            ja: String::new(),
            en: String::new(),
            dash_aliases: Vec::new(),
            ja_aliases: String::new(),
            en_aliases: String::new(),
            address: String::new(),
        };
        entry.push_line(first_line);
        entry
    }

    fn push_line(&mut self, line: &str) {
        let line = line.trim();
        if line.is_empty() {
            return;
        }
        // `…Prozhektor所在地：56 Highway…`: the address glued to the name.
        if let Some(i) = line.find("所在地：").filter(|&i| i > 0) {
            self.push_line(line.get(..i).unwrap_or(""));
            self.push_line(line.get(i..).unwrap_or(""));
            return;
        }
        // `following one alias: —Verkhneufalei Plant`: an alias after the colon.
        if matches!(self.state, State::EnName) {
            if let Some((head, alias)) = line.split_once("alias:").or_else(|| line.split_once("aliases:")) {
                if !alias.trim().is_empty() {
                    append(&mut self.en, head, " ");
                    self.state = State::DashAliases;
                    self.dash_aliases.push(alias.trim().trim_start_matches(DASHES).trim().to_string());
                    return;
                }
            }
        }
        // `クロッカス・ナノ・エレクトロニクスCrocus Nano Electronics`: the
        // English name glued to the Japanese one.
        if self.state == State::JaName {
            if let Some((ja, en)) = split_glued_english(line, open_brackets(&self.ja)) {
                append(&mut self.ja, ja, "");
                self.state = State::EnName;
                append(&mut self.en, en, " ");
                return;
            }
        }
        if let Some(rest) = strip_label(line, "所在地") {
            self.state = State::Address;
            append(&mut self.address, rest, " ");
            return;
        }
        if self.state != State::Address {
            if let Some(rest) = strip_label(line, "別称") {
                self.state = State::JaAliases;
                append(&mut self.ja_aliases, rest, "");
                return;
            }
        }
        match self.state {
            // The entry's first line is the Japanese name even when it is
            // Latin but for its bracketed aliases (`MPI VOLNA（別称、…）`).
            State::JaName
                if self.ja.is_empty()
                    || japanese_outside_brackets(line)
                    || open_brackets(&self.ja) > 0
                    || line.contains("（別称") =>
            {
                append(&mut self.ja, line, "");
            }
            State::JaName => {
                self.state = State::EnName;
                append(&mut self.en, line, " ");
            }
            State::EnName | State::DashAliases if line.starts_with(DASHES) => {
                self.state = State::DashAliases;
                self.dash_aliases.push(line.trim_start_matches(DASHES).trim().to_string());
            }
            State::EnName => append(&mut self.en, line, " "),
            State::DashAliases => {
                if let Some(last) = self.dash_aliases.last_mut() {
                    append(last, line, " ");
                }
            }
            State::JaAliases if japanese_outside_brackets(line) => append(&mut self.ja_aliases, line, ""),
            State::JaAliases | State::EnAliases => {
                self.state = State::EnAliases;
                append(&mut self.en_aliases, line, " ");
            }
            State::Address => append(&mut self.address, line, " "),
        }
    }

    fn into_entity(self, dataset: &str, header: &Header) -> Entity {
        let mut e = Entity::new(dataset, &format!("{}-{}", header.code, self.number), Schema::Organization);
        let (en_name, _) = split_aka(&self.en);
        let (en_name, han_names) = split_han_suffix(&en_name);
        let (ja_name, ja_inline_aliases) = split_ja_aliases(&self.ja);
        e.add(props::NAME, &en_name);
        e.add(props::NAME, &ja_name);
        e.caption = Some(if en_name.is_empty() { ja_name.clone() } else { en_name });
        // `…Bazalt;—Federal State…`: two bulleted aliases on one line.
        let dash_aliases = self.dash_aliases.iter().flat_map(|a| a.split(';')).map(clean_alias);
        for alias in dash_aliases.filter(|a| a != "and") {
            e.add(props::ALIAS, alias);
        }
        e.add_all(props::ALIAS, ja_inline_aliases);
        e.add_all(props::ALIAS, han_names);
        e.add_all(props::ALIAS, split_ja_list(&self.ja_aliases));
        e.add_all(props::ALIAS, self.en_aliases.split(';').map(clean_alias));
        for part in self.address.split(';') {
            let part = part.trim();
            let part = part.strip_prefix("and ").unwrap_or(part).trim();
            if is_placeholder(part) {
                continue;
            }
            let code = record_country_in(part.trim_end_matches('.'));
            e.add_address(Address { full: part.to_string(), country: code.map(str::to_string), ..Default::default() });
        }
        if let Some(n) = &header.notice {
            e.add(props::PROGRAM, n);
        }
        e.add(props::NOTES, &header.title);
        if let Some(d) = header.designated {
            e.add_date(props::LISTING_DATE, d);
        }
        if let Some(d) = header.updated {
            e.add_date(props::MODIFIED_AT, d);
        }
        e.add(props::AUTHORITY, AUTHORITY);
        e.add(props::TOPICS, "export.control");
        e
    }
}

/// Bullets of alias lines (`-`, `—`, `–`, `‐`).
const DASHES: [char; 4] = ['-', '—', '–', '‐'];

/// The text after a label such as `所在地：` at the start of `line`, also
/// when the extraction spaced it out (`所 在 地 ：`).
fn strip_label<'a>(line: &'a str, label: &str) -> Option<&'a str> {
    let mut rest = line;
    for expected in label.chars() {
        rest = rest.trim_start();
        rest = rest.strip_prefix(expected)?;
    }
    rest.trim_start().strip_prefix(['：', ':'])
}

fn append(target: &mut String, text: &str, sep: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if !target.is_empty() {
        target.push_str(sep);
    }
    target.push_str(text);
}

/// `Federal Security Service (FSB), a.k.a., the following one alias:` →
/// (`Federal Security Service (FSB)`, true).
fn split_aka(en: &str) -> (String, bool) {
    match en.find("a.k.a").or_else(|| en.find("the following")) {
        Some(i) => (en.get(..i).unwrap_or("").trim().trim_end_matches(',').trim().to_string(), true),
        None => (en.trim().to_string(), false),
    }
}

/// `株式会社インテグラル（別称、OAOインテグラル、…）` → name and aliases.
fn split_ja_aliases(ja: &str) -> (String, Vec<String>) {
    for open in ["（別称、", "（別称､", "(別称、", "(別称､", "（別称：", "（別称 "] {
        if let Some(i) = ja.find(open) {
            let name = ja.get(..i).unwrap_or("").trim().to_string();
            let inner = ja.get(i + open.len()..).unwrap_or("");
            let inner = inner.trim_end().trim_end_matches(['）', ')', '。']);
            return (name, split_ja_list(inner));
        }
    }
    (ja.trim().to_string(), Vec::new())
}

/// A Japanese enumeration `A、B及びC` (also `;`-separated) as names.
fn split_ja_list(text: &str) -> Vec<String> {
    text.split(['、', '､', ';', '；'])
        .flat_map(|p| p.split("及び"))
        .map(|p| p.trim().trim_end_matches('。').trim().to_string())
        .filter(|p| !is_placeholder(p))
        .collect()
}

/// An English alias without list punctuation (`-RQC;`, `… ; and`, `JSC 140 Repair Plant.`).
fn clean_alias(alias: &str) -> String {
    let mut a = alias.trim().trim_start_matches(DASHES).trim();
    loop {
        let before = a;
        a = a.trim_end_matches(';').trim();
        if let Some(x) = a.strip_suffix(" and").or_else(|| a.strip_suffix("; and")) {
            a = x.trim();
        }
        a = a.strip_suffix('.').unwrap_or(a).trim();
        if a == before {
            return a.to_string();
        }
    }
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

/// Whether the line has Japanese text outside brackets: `Ele Technology Co
/// LTD（深圳市易络电子有限公司）` is an English name with its Chinese form,
/// `株式会社CSD）` is Japanese.
fn japanese_outside_brackets(line: &str) -> bool {
    let mut depth = 0usize;
    for c in line.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 && is_japanese_char(c) => return true,
            _ => {}
        }
    }
    false
}

/// How many brackets are open at the end of `text`.
fn open_brackets(text: &str) -> usize {
    text.chars().fold(0usize, |depth, c| match c {
        '（' | '(' => depth + 1,
        '）' | ')' => depth.saturating_sub(1),
        _ => depth,
    })
}

/// Splits `日本語名English Name` where the English name follows the
/// Japanese one on the same line: the earliest point after a Japanese
/// character (or a closing bracket) from which the rest starts with a Latin
/// letter, has no Japanese outside brackets and holds at least two words
/// with lower-case letters (so `有限会社 AMG` is not split).
fn split_glued_english(line: &str, open_before: usize) -> Option<(&str, &str)> {
    let mut previous: Option<char> = None;
    for (i, c) in line.char_indices() {
        let after_japanese = previous.is_some_and(|p| is_japanese_char(p) || p == ')');
        let outside_brackets = line.get(..i).is_some_and(|head| open_brackets(&format!("{}{head}", "（".repeat(open_before))) == 0);
        if after_japanese && outside_brackets && (c.is_ascii_alphanumeric() || c == ' ') {
            let tail = line.get(i..)?.trim();
            let starts_latin = tail.chars().next().is_some_and(|f| f.is_ascii_alphanumeric());
            let wordy = tail
                .split_whitespace()
                .filter(|w| w.is_ascii() && w.chars().any(|ch| ch.is_ascii_lowercase()))
                .count()
                >= 2;
            if starts_latin && wordy && !japanese_outside_brackets(tail) && !tail.contains("別称") {
                return Some((line.get(..i)?, tail));
            }
        }
        previous = Some(c);
    }
    None
}

/// `Ele Technology Co LTD（深圳市易络电子有限公司）` → the Latin name and the
/// Han names in the trailing brackets.
fn split_han_suffix(en: &str) -> (String, Vec<String>) {
    let trimmed = en.trim();
    if let Some(open) = trimmed.find('（') {
        let inner = trimmed.get(open + '（'.len_utf8()..).unwrap_or("");
        if inner.trim_end().ends_with('）') && has_japanese(inner.trim_end_matches('）')) {
            let names = split_ja_list(inner.trim_end().trim_end_matches('）'));
            let names = names.into_iter().map(|n| n.split_whitespace().collect::<String>()).collect();
            return (trimmed.get(..open).unwrap_or("").trim().to_string(), names);
        }
    }
    (trimmed.to_string(), Vec::new())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, Loaded, load as load_any};
    use seisai_model::testdata;

    const SAMPLE: &str = "○ 国際平和のための国際的な努力に我が国として寄与するために講ずる輸出等に係る禁止措置
の対象となるロシア連邦の団体（令和四年外務省告示第八十二号）
指定日：2022 年03月01 日
最終更新日：2025 年09 月12 日
１ 株式会社アドミラルティ造船所
Admiralty Shipyard JSC
所在地：203, Fontanka Emb., 190121, St. Peterburg, Russia.
２ 連邦保安庁
Federal Security Service (FSB), a.k.a., the following one alias:
-Federalnaya Sluzhba Bezopasnosti
所在地：Ulitsa Kuznetskiy Most, Dom 22, Moscow 107031, Russia; and Lubyanskaya
Ploschad, Dom 2, Moscow 107031, Russia.3 国際量子光学・量子技術センター（別称、ロシア量子センター及び RQC）
International Center for Quantum Optics and Quantum Technologies LLS, a.k.a. the
following two aliases:
-Russian Quantum Center; and
-RQC
所在地：164 Antonova Avenue 1, Ulianovsk 432072, Russia
4 アルファ・マシナリー・グループ
Alfa Machinery Group
別称：AMG社; 有限会社 AMG
LLC Company AMG; Kompaniya AMG
所在地：ul. Kuskovskaya, d. 20A, Moscow 111141, Russia
";

    fn ids(l: &Loaded) -> Vec<&str> {
        l.entities.iter().map(|e| e.id.as_str()).collect()
    }

    #[test]
    fn sample_entries() {
        let loaded = load_any("jp_export_ban", Format::JpExportBan, &[Input::new("x.txt", SAMPLE)]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ids(&loaded), ["jp_export_ban-ru-1", "jp_export_ban-ru-2", "jp_export_ban-ru-3", "jp_export_ban-ru-4"]);
        let fsb = &loaded.entities[1];
        assert_eq!(fsb.get(props::NAME), ["Federal Security Service (FSB)", "連邦保安庁"]);
        assert_eq!(fsb.get(props::ALIAS), ["Federalnaya Sluzhba Bezopasnosti"]);
        assert_eq!(fsb.addresses.len(), 2);
        assert_eq!(fsb.addresses[1].full, "Lubyanskaya Ploschad, Dom 2, Moscow 107031, Russia.");
        assert_eq!(fsb.get(props::PROGRAM), ["令和四年外務省告示第八十二号"]);
        assert_eq!(fsb.get(props::LISTING_DATE), ["2022-03-01"]);
        assert_eq!(fsb.get(props::MODIFIED_AT), ["2025-09-12"]);
        assert_eq!(loaded.published.map(|d| d.to_string()).as_deref(), Some("2025-09-12"));
        let rqc = &loaded.entities[2];
        assert_eq!(rqc.get(props::NAME), ["International Center for Quantum Optics and Quantum Technologies LLS", "国際量子光学・量子技術センター"]);
        assert_eq!(rqc.get(props::ALIAS), ["Russian Quantum Center", "RQC", "ロシア量子センター"]);
        let amg = &loaded.entities[3];
        assert_eq!(amg.get(props::ALIAS), ["AMG社", "有限会社 AMG", "LLC Company AMG", "Kompaniya AMG"]);
    }

    #[test]
    fn broken_inputs() {
        let err = load_any("jp_export_ban", Format::JpExportBan, &[Input::new("x.txt", "hello\nworld\n")]);
        assert!(err.is_err());
        let err = load_any("jp_export_ban", Format::JpExportBan, &[Input::new("x.txt", b"\xff\xfe".to_vec())]);
        assert!(matches!(err, Err(SourceError::Encoding { .. })));
        for cut in (0..SAMPLE.len()).step_by(37) {
            let Some(text) = SAMPLE.get(..cut) else { continue };
            let _ = load_any("jp_export_ban", Format::JpExportBan, &[Input::new("cut.txt", text)]);
        }
    }

    fn real(file: &str) -> Option<Loaded> {
        let dir = testdata::dir("jp_export_ban real lists")?;
        let input = Input::read(&dir.join("jp").join(file)).unwrap_or_else(|e| panic!("{e}"));
        Some(load_any("jp_export_ban", Format::JpExportBan, &[input]).unwrap_or_else(|e| panic!("{e}")))
    }

    #[test]
    fn real_russia_list() {
        let Some(loaded) = real("export-ban-russia-specified-entities-2025-09-12.txt") else { return };
        assert_eq!(loaded.entities.len(), 561, "{:?}", loaded.warnings);
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        for (i, e) in loaded.entities.iter().enumerate() {
            assert_eq!(e.id, format!("jp_export_ban-ru-{}", i + 1));
            let latin = e.get(props::NAME).iter().filter(|n| !has_japanese(n)).count();
            let japanese = e.get(props::NAME).iter().filter(|n| has_japanese(n)).count();
            // Entry 74's Japanese name is the Latin `MPI VOLNA` itself.
            assert!(latin == 1 && (japanese == 1 || e.id == "jp_export_ban-ru-74"), "{} names {:?}", e.id, e.get(props::NAME));
        }
        let fsb = &loaded.entities[5];
        assert_eq!(fsb.get(props::NAME), ["Federal Security Service (FSB)", "連邦保安庁"]);
        assert_eq!(fsb.get(props::ALIAS), ["Federalnaya Sluzhba Bezopasnosti"]);
        assert_eq!(fsb.get(props::ADDRESS), ["Ulitsa Kuznetskiy Most, Dom 22, Moscow 107031, Russia", "Lubyanskaya Ploschad, Dom 2, Moscow 107031, Russia."]);
        assert_eq!(fsb.get(props::COUNTRY), ["ru"]);
        let last = &loaded.entities[560];
        assert_eq!(last.get(props::NAME), ["LLC Vneshekostil", "有限会社ヴネシュエコスティル"]);
        let glued = &loaded.entities[9];
        assert_eq!(glued.get(props::NAME), ["Foreign Intelligence Service (SVR)", "対外諜報庁"]);
    }

    #[test]
    fn real_belarus_and_third_country_lists() {
        let Some(by) = real("export-ban-belarus-specified-entities-2022-07-05.txt") else { return };
        let Some(third) = real("export-ban-third-country-entities-2025-09-12.txt") else { return };
        assert!(by.warnings.is_empty() && third.warnings.is_empty(), "{:?} {:?}", by.warnings, third.warnings);
        assert!(by.entities.iter().all(|e| e.id.starts_with("jp_export_ban-by-")));
        assert!(third.entities.iter().all(|e| e.id.starts_with("jp_export_ban-third-")));
        assert_eq!(by.entities[0].get(props::PROGRAM), ["令和四年外務省告示第百四号"]);
        assert_eq!(third.entities[0].get(props::PROGRAM), ["令和五年外務省告示第四百四十七号"]);
        assert_eq!(third.entities[0].get(props::LISTING_DATE), ["2023-12-15"]);
        eprintln!("jp_export_ban: belarus {} entries, third countries {}", by.entities.len(), third.entities.len());
        assert_eq!(third.entities.len(), 56);
    }
}
