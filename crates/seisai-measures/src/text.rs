//! Text normalisation for gazetteer and issuer matching: NFKC (full-width →
//! half-width, half-width katakana → full-width), lower case, punctuation to
//! spaces, `ё` → `е`, the katakana middle dot and long-vowel mark removed
//! (so `セヴァストーポリ` and `セヴァストポリ` compare equal).

use unicode_normalization::UnicodeNormalization;

/// Normalises text to space-separated tokens of letters and digits.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkc().flat_map(char::to_lowercase) {
        let c = match c {
            'ё' => 'е',
            'ʼ' | '’' | '\'' | '`' => continue,
            'ー' | '・' | 'ｰ' | '･' => continue,
            _ => c,
        };
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Whether `needle` (normalised) occurs in `haystack` (normalised) on token
/// boundaries; for scripts written without spaces (kana, kanji) a plain
/// substring suffices.
pub fn contains_phrase(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    if needle.chars().any(is_cjk) {
        return haystack.contains(needle);
    }
    let mut start = 0;
    while let Some(pos) = haystack.get(start..).and_then(|h| h.find(needle)) {
        let at = start + pos;
        let end = at + needle.len();
        let before_ok = at == 0 || haystack[..at].ends_with(' ');
        let after_ok = end == haystack.len() || haystack[end..].starts_with(' ');
        if before_ok && after_ok {
            return true;
        }
        start = at + needle.len().max(1);
        while start < haystack.len() && !haystack.is_char_boundary(start) {
            start += 1;
        }
    }
    false
}

/// Kana and CJK ideographs.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ff66}'..='\u{ff9f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_case_and_punctuation() {
        assert_eq!(normalise("ＳＩＭＦＥＲＯＰＯＬ, ul. Kievskaya"), "simferopol ul kievskaya");
        assert_eq!(normalise("Сєвєродонецьк"), "сєвєродонецьк");
        assert_eq!(normalise("Ёнакиево"), "енакиево");
        assert_eq!(normalise("ｼﾝﾌｪﾛﾎﾟﾘ"), "シンフェロポリ");
        assert_eq!(normalise("セヴァストーポリ"), "セヴァストポリ");
    }

    #[test]
    fn phrase_respects_token_boundaries() {
        assert!(contains_phrase("ul kievskaya 77 simferopol 295000", "simferopol"));
        assert!(!contains_phrase("saksonia", "saki"));
        assert!(contains_phrase("nova kakhovka", "nova kakhovka"));
        assert!(!contains_phrase("kerchief street", "kerch"));
        assert!(contains_phrase("ウクライナ シンフェロポリ市", "シンフェロポリ"));
    }
}
