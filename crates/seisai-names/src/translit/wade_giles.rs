//! Chinese names in Wade–Giles romanisation (`Mao Tse-tung`, `Hsi
//! Chin-p'ing`, `Chiang Ching-kuo`) read as pinyin (`mao ze dong`, `xi jin
//! ping`), the system of most lists since 1979.
//!
//! A name is read this way only when every word is a Wade–Giles syllable
//! and one at least is not pinyin (`hs-`, `ts-`, `tz-`, `-ih`, `-ung`,
//! `-ieh`, `-ien`…): `Li Wei` and `Zhang San` stay as written. Lists and
//! customer files drop the apostrophe of aspirated initials (`p'ing` →
//! `ping`), so `p`, `t`, `k`, `ch`, `ts` read both ways (`ping` → `bing`,
//! `ping`) and each reading is a form of its own.

/// Wade–Giles initials, longest first (`""`: a syllable without one).
const INITIALS: &[&str] = &["ch", "hs", "ts", "tz", "ss", "sz", "sh", "p", "t", "k", "j", "m", "f", "n", "l", "h", "s", "w", "y", ""];

/// Wade–Giles finals (`ü` folded to `u`).
const FINALS: &[&str] = &[
    "a", "ai", "an", "ang", "ao", "e", "ei", "en", "eng", "erh", "i", "ia", "iang", "iao", "ieh", "ien", "ih", "in", "ing", "iu",
    "iung", "o", "ou", "u", "ua", "uai", "uan", "uang", "ueh", "uei", "ui", "un", "ung", "uo",
];

/// The most readings of one name.
const MAX_READINGS: usize = 8;

/// The pinyin readings of a name written in Wade–Giles (lower-case ASCII
/// words separated by spaces, as [`super::latin_forms`] makes them), or
/// none when the name is not Wade–Giles.
pub fn pinyin_readings(name: &str) -> Vec<String> {
    let syllables: Option<Vec<(&'static str, &str)>> = name.split(' ').map(parse).collect();
    let Some(syllables) = syllables else { return Vec::new() };
    if syllables.is_empty() || !syllables.iter().any(|(i, f)| only_wade_giles(i, f)) {
        return Vec::new();
    }
    let mut readings = vec![String::new()];
    for (initial, fin) in syllables {
        let finals = final_reading(initial, fin);
        let mut next = Vec::new();
        for start in &readings {
            for initial in initial_readings(initial, fin) {
                let sep = if start.is_empty() { "" } else { " " };
                next.push(format!("{start}{sep}{}", syllable(initial, &finals)));
            }
        }
        next.truncate(MAX_READINGS);
        readings = next;
    }
    readings.retain(|r| r != name);
    readings
}

/// A Wade–Giles syllable as (initial, final).
fn parse(word: &str) -> Option<(&'static str, &str)> {
    INITIALS.iter().find_map(|i| word.strip_prefix(i).filter(|f| FINALS.contains(f)).map(|f| (*i, f)))
}

/// Whether the syllable is Wade–Giles and not also pinyin.
fn only_wade_giles(initial: &str, fin: &str) -> bool {
    matches!(initial, "hs" | "ts" | "tz" | "ss" | "sz")
        || matches!(fin, "ih" | "ung" | "iung" | "ieh" | "ien" | "erh" | "ueh" | "uei")
        || (initial == "j" && !fin.starts_with('u'))
        || (initial == "ch" && fin.starts_with('i') && fin != "i")
}

/// The pinyin initials of a Wade–Giles initial: both readings where the
/// apostrophe of aspiration may have been dropped.
fn initial_readings(initial: &'static str, fin: &str) -> &'static [&'static str] {
    let palatal = fin.starts_with('i');
    match initial {
        "hs" => &["x"],
        "ts" | "tz" => &["z", "c"],
        "ss" | "sz" => &["s"],
        "ch" if palatal => &["j", "q"],
        "ch" => &["zh", "ch"],
        "p" => &["b", "p"],
        "t" => &["d", "t"],
        "k" => &["g", "k"],
        "j" => &["r"],
        _ => match INITIALS.iter().find(|i| **i == initial) {
            Some(i) => std::slice::from_ref(i),
            None => &[""],
        },
    }
}

/// The pinyin final of a Wade–Giles final after `initial`.
fn final_reading(initial: &str, fin: &str) -> String {
    let sibilant = matches!(initial, "ts" | "tz" | "ss" | "sz");
    let out = match fin {
        "ih" => "i",
        "u" if sibilant => "i",
        "ung" => "ong",
        "iung" => "iong",
        "ieh" => "ie",
        "ien" => "ian",
        "erh" => "er",
        "ueh" => "ue",
        "uei" => "ui",
        "o" if matches!(initial, "k" | "h") => "e",
        "o" if matches!(initial, "t" | "n" | "l" | "s" | "ts" | "tz" | "ch" | "j") => "uo",
        other => other,
    };
    out.to_string()
}

/// A pinyin syllable from its initial and final (`i`, `in`, `u` alone are
/// written `yi`, `yin`, `wu`).
fn syllable(initial: &str, fin: &str) -> String {
    match (initial, fin) {
        ("", "i" | "in" | "ing") => format!("y{fin}"),
        ("", "u") => "wu".to_string(),
        _ => format!("{initial}{fin}"),
    }
}

#[cfg(test)]
mod tests {
    use super::pinyin_readings;

    #[test]
    fn wade_giles_names_read_as_pinyin() {
        assert!(pinyin_readings("mao tse tung").contains(&"mao ze dong".to_string()));
        assert!(pinyin_readings("hsi chin ping").contains(&"xi jin ping".to_string()));
        assert!(pinyin_readings("chiang ching kuo").contains(&"jiang jing guo".to_string()));
        assert!(pinyin_readings("teng hsiao ping").contains(&"deng xiao ping".to_string()));
    }

    #[test]
    fn pinyin_and_other_names_are_left_alone() {
        assert!(pinyin_readings("li wei").is_empty());
        assert!(pinyin_readings("zhang san").is_empty());
        assert!(pinyin_readings("vladimir putin").is_empty());
        assert!(pinyin_readings("chen tung").len() <= 8);
    }
}
