//! Latin-script folding: diacritics and special letters to plain ASCII, and
//! the shared clean-up that turns any romanisation into lower-case words.

/// Folds a Latin-script (or any) string to lower-case ASCII words separated by
/// single spaces: `Władimir Pútín` → `wladimir putin`, `Straße` → `strasse`.
///
/// Letters are folded by `any_ascii` (ø→o, ß→ss, ł→l, æ→ae …); apostrophes
/// inside words are dropped (`O'Brien` → `obrien`); any other character that
/// is not a letter or digit separates words.
pub(crate) fn fold_latin(text: &str) -> String {
    let mut ascii = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else if is_apostrophe(c) {
            ascii.push('\'');
        } else {
            ascii.push_str(any_ascii::any_ascii_char(c));
        }
    }
    words(&ascii)
}

/// Rendering of a character a script's table does not list: `any_ascii`
/// for letters and digits, a word break for anything else.
pub(crate) fn unlisted(c: char) -> &'static str {
    if crate::normalize::is_alphanumeric(c) { any_ascii::any_ascii_char(c) } else { " " }
}

/// True for the apostrophe-like characters that sit inside names
/// (`O’Brien`, Ukrainian `Мар’яна`, Arabic transliteration `ʿAbd`).
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | 'ʻ' | 'ʹ' | '`' | '´' | 'ʾ' | 'ʿ' | '‘')
}

/// Lower-cases ASCII text and keeps only `[a-z0-9]` words separated by one
/// space; apostrophes are removed without splitting the word.
pub(crate) fn words(ascii: &str) -> String {
    let mut out = String::with_capacity(ascii.len());
    let mut pending_space = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' && !is_apostrophe(c) {
            pending_space = true;
        }
    }
    out
}

/// True when `text` is already lower-case ASCII words separated by single
/// spaces (what [`words`] would return unchanged).
pub(crate) fn is_clean(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut previous_space = true;
    for &b in bytes {
        let space = b == b' ';
        if space && previous_space || !(space || b.is_ascii_lowercase() || b.is_ascii_digit()) {
            return false;
        }
        previous_space = space;
    }
    !previous_space || bytes.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_special_latin_letters() {
        assert_eq!(fold_latin("Søren Kierkegaard"), "soren kierkegaard");
        assert_eq!(fold_latin("Straße"), "strasse");
        assert_eq!(fold_latin("Łukasz Władimir"), "lukasz wladimir");
        assert_eq!(fold_latin("Æsir Œuvre"), "aesir oeuvre");
        assert_eq!(fold_latin("Vladímír Pútín"), "vladimir putin");
        assert_eq!(fold_latin("Þór Đorđević"), "thor dordevic");
    }

    #[test]
    fn clean_check_matches_words() {
        for text in ["", "a b", "a  b", " a", "a ", "A", "putin vladimir", "x1 y2", "é"] {
            assert_eq!(is_clean(text), words(text) == text, "{text:?}");
        }
    }

    #[test]
    fn apostrophes_join_and_punctuation_splits() {
        assert_eq!(fold_latin("O’Brien, Seán"), "obrien sean");
        assert_eq!(fold_latin("  PUTIN,  Vladimir  "), "putin vladimir");
        assert_eq!(fold_latin("Jean-Pierre"), "jean pierre");
        assert_eq!(fold_latin(""), "");
    }
}
