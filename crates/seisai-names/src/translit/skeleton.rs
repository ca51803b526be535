//! One spelling for the romanisation systems of Slavic names written in
//! Latin script: German (`Iwan Petrow`, `Schewtschenko`), French
//! (`Tchaikovski`, `Oulianov`) and Polish (`Szewczenko`) spellings of the
//! same name become the English-style one (`ivan petrov`, `shevchenko`).
//!
//! A list writes a Russian or Ukrainian name in one system and a customer
//! file in another, both in Latin letters; without the Cyrillic original the
//! transliteration tables cannot line them up, but their skeletons agree.
//!
//! The same holds for the usual variants of romanised Arabic names: a
//! doubled (geminated) consonant written once or twice (`Hussein` /
//! `Husein`, `Abbas` / `Abas`) and the diphthong written `ay` or `ei`
//! (`Husayn` / `Hussein`, `Zayd` / `Zeid`).

/// Rewrites, longest first, applied left to right.
const REWRITES: &[(&str, &str)] = &[
    ("schtsch", "shch"),
    ("tsch", "ch"),
    ("tch", "ch"),
    ("sch", "sh"),
    ("sz", "sh"),
    ("cz", "ch"),
    ("ou", "u"),
    ("w", "v"),
];

/// Whether `c` is an ASCII consonant.
fn consonant(c: char) -> bool {
    c.is_ascii_alphabetic() && !"aeiouy".contains(c)
}

/// The romanisation skeleton of a lower-case ASCII word (see the module
/// documentation). A word ending in `ff` (`Romanoff`) ends in `v`.
pub fn romanisation_skeleton(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    romanisation_skeleton_into(word, &mut out);
    out
}

/// [`romanisation_skeleton`] of `word` written into `out` (cleared first):
/// a caller that only hashes the skeleton reuses one buffer.
pub fn romanisation_skeleton_into(word: &str, out: &mut String) {
    out.clear();
    let ends_ff = word.strip_suffix("ff");
    let mut rest = ends_ff.unwrap_or(word);
    'outer: while let Some(&first) = rest.as_bytes().first() {
        // (Most letters begin no rewrite: one test spares the loop.)
        if matches!(first, b's' | b't' | b'c' | b'o' | b'w') {
            for (from, to) in REWRITES {
                if let Some(after) = rest.strip_prefix(from) {
                    out.push_str(to);
                    rest = after;
                    continue 'outer;
                }
            }
        }
        // `ay` before a consonant or at the end is the diphthong `ei`.
        if let Some(after) = rest.strip_prefix("ay") {
            if after.chars().next().is_none_or(consonant) {
                out.push_str("ei");
                rest = after;
                continue;
            }
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            // A doubled consonant is written once.
            if !(consonant(c) && out.ends_with(c)) {
                out.push(c);
            }
        }
        rest = chars.as_str();
    }
    if ends_ff.is_some() {
        out.push('v');
    }
}

#[cfg(test)]
mod tests {
    use super::romanisation_skeleton as s;

    #[test]
    fn systems_agree() {
        assert_eq!(s("iwan"), s("ivan"));
        assert_eq!(s("petrow"), s("petrov"));
        assert_eq!(s("schewtschenko"), s("shevchenko"));
        assert_eq!(s("szewczenko"), s("shevchenko"));
        assert_eq!(s("romanoff"), s("romanov"));
        assert_eq!(s("oulianov"), s("ulianov"));
        assert_ne!(s("ivan"), s("iwana"));
        assert_ne!(s("petrov"), s("pietrov"));
        assert_eq!(s("husayn"), s("hussein"));
        assert_eq!(s("abbas"), s("abas"));
        assert_ne!(s("lee"), s("le"));
        assert_ne!(s("mayer"), s("meer"));
    }
}
