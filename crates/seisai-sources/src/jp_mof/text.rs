//! Text helpers for the Japanese lists (MOF, METI, MOFA): script detection,
//! full-width folding and the splitting of multi-valued cells.

/// Whether `c` is Japanese script or a full-width form: hiragana, katakana,
/// CJK ideographs, CJK punctuation or the full-width ASCII block.
pub(crate) fn is_japanese_char(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x30FF   // CJK punctuation, hiragana, katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0xFF00..=0xFFEF) // half- and full-width forms
}

/// Whether the text contains any Japanese-script character.
pub(crate) fn has_japanese(text: &str) -> bool {
    text.chars().any(is_japanese_char)
}

/// Whether the text contains kana or CJK ideographs (not merely full-width
/// punctuation): the test for "a name in Japanese script" (load reports).
#[cfg(test)]
pub(crate) fn has_kana_or_kanji(text: &str) -> bool {
    text.chars().any(|c| matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF))
}

/// Folds full-width ASCII (`０`–`９`, `Ａ`, `（`, `：`…) to ASCII and the
/// ideographic space to a space; everything else is kept.
pub(crate) fn fold_width(text: &str) -> String {
    text.chars()
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            0x3000 => ' ',
            _ => c,
        })
        .collect()
}

/// A header or key with all whitespace (including U+3000) removed and
/// full-width ASCII folded: `告 示 日 付` and `告示日付` compare equal.
pub(crate) fn header_key(text: &str) -> String {
    fold_width(text).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Values that mean "nothing known" on the Japanese lists.
pub(crate) fn is_placeholder(value: &str) -> bool {
    matches!(value.trim(), "" | "不明" | "－" | "-" | "ー" | "―" | "なし" | "無し" | "N/A" | "n/a" | "Unknown" | "unknown")
}

/// Removes enumeration markers `(a)`, `（b）`, `a)` at the start of `text`.
fn strip_enumerator(text: &str) -> &str {
    let t = text.trim_start();
    for (open, close) in [("(", ")"), ("（", "）")] {
        if let Some(rest) = t.strip_prefix(open) {
            if let Some((inner, after)) = rest.split_once(close) {
                if is_enumerator(inner) {
                    return after.trim_start();
                }
            }
        }
    }
    t
}

fn is_enumerator(inner: &str) -> bool {
    let inner = fold_width(inner);
    let inner = inner.trim();
    (inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()))
        || (!inner.is_empty() && inner.len() <= 2 && inner.chars().all(|c| c.is_ascii_digit()))
        || matches!(inner, "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii" | "ix" | "x")
}

/// Splits `text` before every enumeration marker `(a)`, `（b）` (letters,
/// 1–2 digit numbers, small roman numerals). Returns one part when there is
/// no marker.
pub(crate) fn split_enumerated(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '(' || c == '（' {
            let after = &rest[c.len_utf8()..];
            let close = after.find([')', '）']);
            if let Some(end) = close {
                let inner = &after[..end];
                if is_enumerator(inner) {
                    parts.push(std::mem::take(&mut current));
                    let close_len = after[end..].chars().next().map_or(1, char::len_utf8);
                    rest = &after[end + close_len..];
                    continue;
                }
            }
        }
        current.push(c);
        rest = &rest[c.len_utf8()..];
    }
    parts.push(current);
    parts.into_iter().map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()
}

/// Cleans one name value: strips enumerators, `a.k.a.`/`別称、` prefixes,
/// enclosing brackets and quotes, and trailing separators.
pub(crate) fn clean_name(value: &str) -> String {
    let mut v = strip_enumerator(value).trim().to_string();
    loop {
        let before = v.clone();
        for prefix in ["a.k.a.:", "a.k.a.,", "a.k.a.", "a.k.a ", "a.k.a,", "f.k.a.:", "f.k.a.", "別称、", "別称：", "別名、", "別名：", "（別称）", "(別称)"] {
            let starts = v.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix));
            if starts && v.len() > prefix.len() {
                v = v[prefix.len()..].trim().to_string();
            }
        }
        v = v
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '、' | ',' | ';' | '；' | '。'))
            .to_string();
        // An opening bracket without its closing one (or the reverse) is a
        // wrapper cut by the split: drop it.
        for (open, close) in [('(', ')'), ('（', '）'), ('「', '」')] {
            let opens = v.matches(open).count();
            let closes = v.matches(close).count();
            if v.starts_with(open) && opens > closes {
                v = v[open.len_utf8()..].to_string();
            } else if v.ends_with(close) && closes > opens {
                v = v[..v.len() - close.len_utf8()].to_string();
            } else if wrapped_by(&v, open, close) {
                v = v[open.len_utf8()..v.len() - close.len_utf8()].to_string();
            }
        }
        for suffix in ["(a.k.a.:", "(a.k.a.", "（a.k.a.", "(別称、", "（別称、"] {
            if let Some(head) = v.strip_suffix(suffix) {
                v = head.trim().to_string();
            }
        }
        let lower = v.to_lowercase();
        let announces_list = lower.starts_with("the following") && (lower.ends_with("aliases:") || lower.ends_with("alias:"));
        if announces_list || matches!(lower.as_str(), "a.k.a." | "a.k.a" | "a.k.a.:" | "f.k.a." | "別称" | "別名") {
            v.clear();
        }
        if v == before {
            return v.trim().to_string();
        }
    }
}

/// Whether `text` is one bracketed group: it starts with `open` and the
/// bracket closing it is the last character.
fn wrapped_by(text: &str, open: char, close: char) -> bool {
    if !text.starts_with(open) || !text.ends_with(close) {
        return false;
    }
    let mut depth = 0usize;
    let last = text.char_indices().last().map_or(0, |(i, _)| i);
    for (i, c) in text.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return i == last;
            }
        }
    }
    false
}

/// Splits a cell of alias names as the Japanese lists write them:
/// enumerators `(a)…(b)…`, `;`/`；`, line breaks; the wrappers
/// `（別称、…）` / `(a.k.a. …)` removed. `、` in a Japanese line and `, ` in
/// a Latin line are also the surname comma (`アリ、ヤシン`, `Es Sayed,
/// Kader`), so they separate names only when the Japanese line and the
/// Latin line after it split into the same number of names — and not when
/// that is two with a one-word second Latin part (a surname comma).
pub(crate) fn split_names(cell: &str) -> Vec<String> {
    let lines: Vec<String> = cell.lines().map(clean_name).filter(|l| !l.is_empty()).collect();
    let mut out: Vec<String> = Vec::new();
    let mut previous_ja_parts = 0usize;
    for (i, line) in lines.iter().enumerate() {
        let explicit = explicit_parts(line);
        let parts: Vec<String> = if explicit.len() > 1 {
            explicit
        } else if has_japanese(line) {
            let ja: Vec<String> = line.split('、').map(str::to_string).collect();
            let latin_next = lines.get(i + 1).filter(|l| !has_japanese(l));
            let agree = latin_next.is_some_and(|l| latin_comma_parts(l).len() == ja.len());
            if ja.len() > 1 && agree {
                previous_ja_parts = ja.len();
                ja
            } else {
                previous_ja_parts = 0;
                vec![line.clone()]
            }
        } else {
            let latin = latin_comma_parts(line);
            if previous_ja_parts > 1 && latin.len() == previous_ja_parts { latin } else { vec![line.clone()] }
        };
        for p in parts {
            let name = clean_name(&p);
            if !is_placeholder(&name) && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// Parts separated by enumerators or semicolons (one part when there are none).
fn explicit_parts(line: &str) -> Vec<String> {
    split_enumerated(line)
        .iter()
        .flat_map(|part| part.split([';', '；']).map(str::to_string).collect::<Vec<_>>())
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// A Latin line split at `;` or else at `, `; a two-part split whose second
/// part is one word is a surname comma and stays whole.
fn latin_comma_parts(line: &str) -> Vec<String> {
    let explicit = explicit_parts(line);
    if explicit.len() > 1 {
        return explicit;
    }
    let parts: Vec<String> = line.split(", ").map(str::to_string).collect();
    match parts.as_slice() {
        [_, second] if second.split_whitespace().count() <= 1 => vec![line.to_string()],
        _ => parts,
    }
}

/// Splits a cell of free-text values (titles, positions, places, addresses):
/// one value per line and per enumerator, placeholders dropped.
pub(crate) fn split_lines(cell: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in cell.lines() {
        for part in split_enumerated(line) {
            let v = part.trim().trim_end_matches(['、', ',', ';', '；']).trim().to_string();
            if !is_placeholder(&v) && !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

/// Short stable hash (first 12 hex digits of SHA-256) of `text`, for ids of
/// lists that have no record id.
pub(crate) fn short_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    hex::encode(digest).chars().take(12).collect()
}

/// Normalises a name for a stable id: width-folded, lower case, only
/// letters and digits (of any script), single spaces.
pub(crate) fn id_key(name: &str) -> String {
    let folded = fold_width(name).to_lowercase();
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_compare_without_spaces() {
        assert_eq!(header_key("告\u{3000}示\u{3000}日\u{3000}付"), "告示日付");
        assert_eq!(header_key("氏名（日本語）"), "氏名(日本語)");
    }

    #[test]
    fn aliases_split_by_semicolon_and_line() {
        let cell = "エフ・ティー・ビー；ムヨクバンク；コリア・トレーディング・バンク\nFTB; Mooyokbank; Korea Trading Bank";
        assert_eq!(
            split_names(cell),
            ["エフ・ティー・ビー", "ムヨクバンク", "コリア・トレーディング・バンク", "FTB", "Mooyokbank", "Korea Trading Bank"]
        );
    }

    #[test]
    fn enumerated_aliases_keep_surname_comma() {
        let cell = "(a)アル・トゥルキー、ハッサン、(b)トゥルキー、ハッサン\n(a)AL-TURKI, Hassan (b)TURKI, Hassan";
        assert_eq!(split_names(cell), ["アル・トゥルキー、ハッサン", "トゥルキー、ハッサン", "AL-TURKI, Hassan", "TURKI, Hassan"]);
    }

    #[test]
    fn comma_lists_split_when_both_scripts_agree() {
        let cell = "コリア・チャングァン・クレジット・バンク、チャングァン・クレジット・バンク\nKorea Changgwang Credit Bank, Changgwang Credit Bank";
        assert_eq!(split_names(cell).len(), 4);
        let wrapped = "（別称、株式会社SCFマネジメント・サービス・ドバイ）\n（a.k.a. SCF Management Services Dubai Ltd）";
        assert_eq!(split_names(wrapped), ["株式会社SCFマネジメント・サービス・ドバイ", "SCF Management Services Dubai Ltd"]);
    }

    #[test]
    fn surname_commas_stay() {
        assert_eq!(split_names("エッサイード、カーデル\nEs Sayed, Kader"), ["エッサイード、カーデル", "Es Sayed, Kader"]);
        let cell = "エヌ・シー・ジー、ナムチョンガン・トレーディング\nNCG; Namchongang Trading";
        assert_eq!(split_names(cell), ["エヌ・シー・ジー", "ナムチョンガン・トレーディング", "NCG", "Namchongang Trading"]);
        assert_eq!(split_names("（別称）コリア・ヨンボン\na.k.a."), ["コリア・ヨンボン"]);
    }

    #[test]
    fn lines_and_placeholders() {
        assert_eq!(split_lines("ロシア連邦大統領\nPresident of the Russian Federation"), ["ロシア連邦大統領", "President of the Russian Federation"]);
        assert!(split_lines("不明").is_empty());
        assert!(has_kana_or_kanji("プーチン") && !has_kana_or_kanji("ＶＥＢ．ＲＦ"));
    }
}
