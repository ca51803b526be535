//! Edit distance between short words, where a full Levenshtein table
//! would be wasted: whether two words are one typing error apart.

/// Whether two different strings are one edit apart: one character
/// substituted, inserted or deleted, or two neighbours swapped.
pub fn one_edit_apart(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return one_edit(a.as_bytes(), b.as_bytes());
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    one_edit(&a, &b)
}

fn one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let prefix = short.iter().zip(long.iter()).take_while(|(x, y)| x == y).count();
    match long.len() - short.len() {
        0 => {
            let suffix = short.iter().rev().zip(long.iter().rev()).take_while(|(x, y)| x == y).count();
            let differing = short.len().saturating_sub(prefix + suffix);
            let swapped = differing == 2
                && short.get(prefix) == long.get(prefix + 1)
                && short.get(prefix + 1) == long.get(prefix);
            (differing == 1 || swapped) && prefix < short.len()
        }
        1 => short.get(prefix..) == long.get(prefix + 1..),
        _ => false,
    }
}

/// Whether two different strings differ in one place by two letters at
/// most on each side, and by more than one edit: after their common
/// beginning and end, what is left of each is at most two characters
/// (`merkur` / `merkel`: `ur` / `el`; `khaja` / `khan`: `ja` / `n`). Two
/// scattered changes (`barber` / `carter`) are not one slip.
pub fn two_adjacent_edits(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return two_adjacent(a.as_bytes(), b.as_bytes());
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    two_adjacent(&a, &b)
}

fn two_adjacent<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let prefix = a.iter().zip(b.iter()).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    let suffix = ra.iter().rev().zip(rb.iter().rev()).take_while(|(x, y)| x == y).count();
    let (ma, mb) = (ra.len() - suffix, rb.len() - suffix);
    ma.max(mb) == 2 && !(ma == 1 && mb == 1)
}

/// Whether `short` is `long` with the vowels (`a e i o u`) after its first
/// letter left out, a doubled letter written once or twice (`mhmd` /
/// `mohammed`, `lblty` / `liability`): the way names and words are
/// shortened in notes and messages. ASCII words only; `short` must have
/// no vowel after its first letter and be shorter than `long`.
pub fn vowels_left_out(short: &str, long: &str) -> bool {
    let is_vowel = |c: &u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let (Some((s0, s_rest)), Some((l0, l_rest))) = (short.as_bytes().split_first(), long.as_bytes().split_first()) else {
        return false;
    };
    if s0 != l0 || short.len() >= long.len() || !short.is_ascii() || !long.is_ascii() || s_rest.iter().any(is_vowel) {
        return false;
    }
    let mut l_consonants = l_rest.iter().filter(|c| !is_vowel(c)).peekable();
    let mut s_letters = s_rest.iter().peekable();
    // Walk both, a run of one letter in either matching a run of it in the other.
    while let Some(&c) = s_letters.next() {
        if l_consonants.next() != Some(&c) {
            return false;
        }
        while s_letters.peek() == Some(&&c) {
            s_letters.next();
        }
        while l_consonants.peek() == Some(&&c) {
            l_consonants.next();
        }
    }
    l_consonants.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit() {
        assert!(one_edit_apart("cates", "gates"));
        assert!(one_edit_apart("marcon", "macron"));
        assert!(one_edit_apart("asasd", "assad"));
        assert!(one_edit_apart("putin", "putyin"));
        assert!(!one_edit_apart("putin", "putin"));
        assert!(!one_edit_apart("daniel", "donald"));
        assert!(!one_edit_apart("sirri", "sisi"));
        assert!(one_edit_apart("jövnt", "jöint"));
        assert!(one_edit_apart("compan", "company"));
    }

    #[test]
    fn two_edits_in_one_place() {
        assert!(two_adjacent_edits("merkur", "merkel"));
        assert!(two_adjacent_edits("khaja", "khan"));
        assert!(two_adjacent_edits("sirri", "sisi"));
        assert!(two_adjacent_edits("abiyot", "abiy"));
        assert!(!two_adjacent_edits("barber", "carter"));
        assert!(!two_adjacent_edits("gary", "larry"));
        assert!(!two_adjacent_edits("cates", "gates"));
    }

    #[test]
    fn words_without_their_vowels() {
        for (short, long) in [("mhmmd", "mohammed"), ("mhmd", "mohammed"), ("lblty", "liability"), ("cmpny", "company"), ("btr", "bitar"), ("alksndrvch", "aleksandrovich")] {
            assert!(vowels_left_out(short, long), "{short} / {long}");
        }
        for (short, long) in [("mhmmt", "mohammed"), ("hmmd", "ahmmad"), ("mhamd", "mohammed"), ("mohammed", "mhmd"), ("mhmd", "mhmd"), ("bt", "bitar"), ("btrs", "bitar")] {
            assert!(!vowels_left_out(short, long), "{short} / {long}");
        }
    }
}
