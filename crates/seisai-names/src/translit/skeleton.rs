//! One spelling for the romanisation systems of Slavic names written in
//! Latin script: German (`Iwan Petrow`, `Schewtschenko`), French
//! (`Tchaikovski`, `Oulianov`) and Polish (`Szewczenko`) spellings of the
//! same name become the English-style one (`ivan petrov`, `shevchenko`).
//!
//! A list writes a Russian or Ukrainian name in one system and a customer
//! file in another, both in Latin letters; without the Cyrillic original the
//! transliteration tables cannot line them up, but their skeletons agree.

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

/// The romanisation skeleton of a lower-case ASCII word (see the module
/// documentation). A word ending in `ff` (`Romanoff`) ends in `v`.
pub fn romanisation_skeleton(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut rest = word;
    'outer: while !rest.is_empty() {
        for (from, to) in REWRITES {
            if let Some(after) = rest.strip_prefix(from) {
                out.push_str(to);
                rest = after;
                continue 'outer;
            }
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(c);
        }
        rest = chars.as_str();
    }
    if let Some(stem) = out.strip_suffix("ff") {
        let len = stem.len();
        out.truncate(len);
        out.push('v');
    }
    out
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
    }
}
