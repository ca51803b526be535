//! One entry of an export-ban list: the line-by-line reader and the entity.

use seisai_model::{Address, Entity, Schema, props};

use super::{AUTHORITY, Header};
use crate::jp_mof::record_country_in;
use crate::jp_mof::text::{has_japanese, is_japanese_char, is_placeholder};

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
pub(crate) struct Entry {
    pub(crate) number: u32,
    pub(crate) line: usize,
    state: State,
    ja: String,
    pub(crate) en: String,
    dash_aliases: Vec<String>,
    ja_aliases: String,
    en_aliases: String,
    address: String,
}

impl Entry {
    pub(crate) fn new(number: u32, line: usize, first_line: &str) -> Self {
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

    pub(crate) fn push_line(&mut self, line: &str) {
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

    pub(crate) fn into_entity(self, dataset: &str, header: &Header) -> Entity {
        let mut e = Entity::new(dataset, &format!("{}-{}", header.code, self.number), Schema::Organization);
        let (en_name, _) = split_aka(&self.en);
        let (en_name, han_names) = split_han_suffix(&en_name);
        let (ja_name, ja_inline_aliases) = split_ja_aliases(&self.ja);
        e.add(props::NAME, &en_name);
        e.add(props::NAME, &ja_name);
        e.caption = Some(if en_name.is_empty() { ja_name.clone() } else { en_name }.into());
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

