//! Cyrillic (Russian, Ukrainian, Belarusian) in the romanisation systems seen
//! on sanctions lists. Each word is rendered once per [`System`], so the
//! renderings of the words of a name line up system by system.

use super::fold::is_apostrophe;

/// Romanisation systems, in the order their renderings are offered.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum System {
    /// BGN/PCGN 1947 (Russian) or the Ukrainian national system (KMU 2010).
    Bgn,
    /// ICAO Doc 9303 (machine-readable passports).
    Icao,
    /// Popular English spelling (`Sergei`, `Yuri`, `Dmitri`).
    Popular,
    /// A foreign name written in Russian read back the English way: дж is
    /// `j`, х is `h`, е is `e` (`Джозеф` → `jozef`, `Мохаммед` →
    /// `mohammed`). Offered only for names with дж or х, where it differs.
    Foreign,
    /// German (Duden) transcription (`Schewtschenko`, `Wladimir`).
    German,
    /// French transcription (`Chevtchenko`, `Poutine`).
    French,
    /// ISO 9 folded to ASCII (`Ševčenko` → `sevcenko`).
    Iso9,
    /// Scholarly/Czech-style transliteration folded to ASCII (`jurij`, `chruscev`).
    Scholarly,
    /// Polish transcription (`Władimir Władimirowicz` → `wladimir wladimirowicz`).
    Polish,
}

const SYSTEMS: [System; 9] = [
    System::Bgn,
    System::Icao,
    System::Popular,
    System::Foreign,
    System::German,
    System::French,
    System::Iso9,
    System::Scholarly,
    System::Polish,
];

/// Renderings of the 32 letters а…я (U+0430–U+044F) per system.
fn table(system: System) -> &'static [&'static str; 32] {
    const BGN: [&str; 32] = [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
    ];
    const ICAO: [&str; 32] = [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia",
    ];
    const GERMAN: [&str; 32] = [
        "a", "b", "w", "g", "d", "e", "sch", "s", "i", "j", "k", "l", "m", "n", "o", "p", "r",
        "s", "t", "u", "f", "ch", "z", "tsch", "sch", "schtsch", "", "y", "", "e", "ju", "ja",
    ];
    const FRENCH: [&str; 32] = [
        "a", "b", "v", "g", "d", "e", "j", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "ou", "f", "kh", "ts", "tch", "ch", "chtch", "", "y", "", "e", "iou", "ia",
    ];
    const ISO9: [&str; 32] = [
        "a", "b", "v", "g", "d", "e", "z", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "h", "c", "c", "s", "s", "", "y", "", "e", "u", "a",
    ];
    const SCHOLARLY: [&str; 32] = [
        "a", "b", "v", "g", "d", "e", "z", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "ch", "c", "c", "s", "sc", "", "y", "", "e", "ju", "ja",
    ];
    const POLISH: [&str; 32] = [
        "a", "b", "w", "g", "d", "e", "z", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "ch", "c", "cz", "sz", "szcz", "", "y", "", "e", "ju", "ja",
    ];
    const FOREIGN: [&str; 32] = [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "h", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
    ];
    match system {
        System::Bgn | System::Popular => &BGN,
        System::Foreign => &FOREIGN,
        System::Icao => &ICAO,
        System::German => &GERMAN,
        System::French => &FRENCH,
        System::Iso9 => &ISO9,
        System::Scholarly => &SCHOLARLY,
        System::Polish => &POLISH,
    }
}

/// Language-specific letters decide how the shared letters are read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Language {
    Russian,
    /// Ukrainian: г→h, и→y, е never iotated.
    Ukrainian,
    /// Belarusian: г→h, ў.
    Belarusian,
}

/// The language of a Cyrillic name, from its language-specific letters.
fn language(text: &str) -> Language {
    let has = |letters: &[char]| text.chars().any(|c| letters.contains(&c));
    if has(&['ї', 'Ї', 'є', 'Є', 'ґ', 'Ґ']) {
        Language::Ukrainian
    } else if has(&['ў', 'Ў']) {
        Language::Belarusian
    } else if has(&['і', 'І']) {
        if has(&['и', 'И']) { Language::Ukrainian } else { Language::Belarusian }
    } else {
        Language::Russian
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я' | 'і' | 'ї' | 'є')
}

/// Renders one Cyrillic word (lower-case letters; anything else is dropped
/// here and handled by the caller) in one system.
fn render_word(letters: &[char], system: System, lang: Language, out: &mut String) {
    use System as S;
    let table = table(system);
    for (i, &c) in letters.iter().enumerate() {
        let prev = if i == 0 { None } else { letters.get(i - 1).copied() };
        let next = letters.get(i + 1).copied();
        let at_start = prev.is_none();
        let iotated = at_start || prev.is_some_and(|p| is_vowel(p) || p == 'ь' || p == 'ъ');
        let at_end = next.is_none();
        let slavic_h = lang != Language::Russian;
        let piece: &str = match c {
            'д' if next == Some('ж') && system == S::Foreign => "j",
            'ж' if prev == Some('д') && system == S::Foreign => "",
            'е' if iotated && lang == Language::Russian => match system {
                S::Bgn | S::Popular => "ye",
                S::German | S::Polish => "je",
                _ => "e",
            },
            'ё' if matches!(prev, Some('ж' | 'ч' | 'ш' | 'щ'))
                && matches!(system, S::Popular | S::German | S::French | S::Polish) =>
            {
                "o"
            }
            'ё' => match (system, iotated) {
                (S::Popular, true) => "yo",
                (S::Popular, false) => "yo",
                (S::German | S::Polish, _) => "jo",
                (S::French, _) => "io",
                (S::Bgn, true) => "ye",
                _ => "e",
            },
            'й' if at_end && matches!(prev, Some('и' | 'ы'))
                && matches!(system, S::Popular | S::German | S::French) =>
            {
                ""
            }
            'й' if at_end && prev == Some('е') && system == S::Popular => "i",
            'й' if lang == Language::Ukrainian && !at_start && system == S::Bgn => "i",
            'с' if matches!(system, S::German | S::French)
                && prev.is_some_and(is_vowel)
                && next.is_some_and(is_vowel) =>
            {
                "ss"
            }
            'г' if slavic_h => "h",
            'г' if system == S::French && matches!(next, Some('е' | 'и' | 'й' | 'ы' | 'э')) => "gu",
            'и' if lang == Language::Ukrainian => "y",
            'і' => "i",
            'ї' => match (system, at_start) {
                (S::Bgn | S::Popular, true) => "yi",
                (S::German | S::Polish, _) => "ji",
                _ => "i",
            },
            'є' => match (system, at_start) {
                (S::Bgn | S::Popular, true) => "ye",
                (S::Bgn | S::Popular | S::Icao, false) => "ie",
                (S::German | S::Polish, _) => "je",
                _ => "e",
            },
            'ґ' => "g",
            'ў' => match system {
                S::Bgn | S::German | S::Polish => "w",
                S::French => "ou",
                _ => "u",
            },
            'ю' | 'я' if lang == Language::Ukrainian && at_start && system == S::Icao => {
                if c == 'ю' { "yu" } else { "ya" }
            }
            'а'..='я' => {
                let index = (c as u32 - 'а' as u32) as usize;
                table.get(index).copied().unwrap_or("")
            }
            other => {
                // Serbian/Macedonian letters and the rest: any_ascii's rendering.
                out.push_str(any_ascii::any_ascii_char(other));
                continue;
            }
        };
        out.push_str(piece);
    }
}

/// True for letters of the Cyrillic block handled here (including combining
/// marks, which are skipped).
fn is_cyrillic_letter(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

/// Renderings of a Cyrillic text (one or more words), one per system, best
/// first, each already lower-case ASCII words. Duplicates are kept so that
/// the renderings of separate groups line up by system; the caller dedups.
pub(crate) fn renderings(text: &str) -> Vec<String> {
    let lang = language(text);
    let lower: Vec<Vec<char>> = text
        .split(|c: char| {
            !(is_cyrillic_letter(c) || crate::normalize::is_alphanumeric(c) || is_mark(c) || is_apostrophe(c))
        })
        .map(|w| {
            w.chars()
                .flat_map(char::to_lowercase)
                .filter(|&c| !is_mark(c) && !is_apostrophe(c))
                .collect::<Vec<char>>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let foreign = lower.iter().any(|w| w.contains(&'х') || w.windows(2).any(|p| p == ['д', 'ж']));
    let mut forms = Vec::with_capacity(SYSTEMS.len() + 1);
    for &system in &SYSTEMS {
        // (Without дж or х the foreign reading is the BGN one, repeated so
        // that the renderings of separate groups line up.)
        let system = if system == System::Foreign && !foreign { System::Bgn } else { system };
        forms.push(render_words(&lower, system, lang));
    }
    if lang == Language::Belarusian {
        // Lists also carry Belarusian names in their Russian spelling
        // (Уладзімір Пуцін / Владимир Путин, Лукашэнка / Лукашенко).
        let russian: Vec<Vec<char>> = lower.iter().map(|w| russian_spelling_of_belarusian(w)).collect();
        forms.insert(2, render_words(&russian, System::Bgn, Language::Russian));
        forms.truncate(SYSTEMS.len());
    } else if lang == Language::Ukrainian {
        // Lists also spell Ukrainian names the Russian way (Volodimir, Zelenskiy).
        forms.insert(2, render_words(&lower, System::Bgn, Language::Russian));
        forms.truncate(SYSTEMS.len());
    } else if lang == Language::Russian && !text.chars().any(is_russian_only) {
        // Without ы, э, ё, ъ the name may be Ukrainian (Володимир Зеленський):
        // the Ukrainian national form replaces the scholarly one.
        let ukrainian = render_words(&lower, System::Bgn, Language::Ukrainian);
        let scholarly = SYSTEMS.iter().position(|s| *s == System::Scholarly).unwrap_or(SYSTEMS.len());
        if let Some(slot) = forms.get_mut(scholarly) {
            *slot = ukrainian;
        }
    }
    forms
}

/// A Belarusian word respelled the Russian way, by the regular
/// correspondences of the two spellings: ў → в, і → и, э → е, дз and ц
/// before a soft vowel or soft sign → д and т (дзеканне, цеканне), and a
/// word-initial у before a consonant → в (Уладзімір → Владимир).
fn russian_spelling_of_belarusian(word: &[char]) -> Vec<char> {
    let soft = |c: Option<&char>| c.is_some_and(|c| matches!(c, 'і' | 'е' | 'ё' | 'ю' | 'я' | 'ь'));
    let mut out = Vec::with_capacity(word.len());
    let mut i = 0;
    while let Some(&c) = word.get(i) {
        let next = word.get(i + 1);
        match c {
            'у' if i == 0 && next.is_some_and(|n| !is_vowel(*n)) => out.push('в'),
            'ў' => out.push('в'),
            'і' => out.push('и'),
            'э' => out.push('е'),
            'д' if next == Some(&'з') && soft(word.get(i + 2)) => {
                out.push('д');
                i += 1;
            }
            'ц' if soft(next) => out.push('т'),
            other => out.push(other),
        }
        i += 1;
    }
    out
}

fn render_words(words: &[Vec<char>], system: System, lang: Language) -> String {
    let mut raw = String::with_capacity(64);
    for word in words {
        if !raw.is_empty() {
            raw.push(' ');
        }
        render_word(word, system, lang, &mut raw);
    }
    if super::fold::is_clean(&raw) { raw } else { super::fold::words(&raw) }
}

/// Letters used in Russian but not in Ukrainian.
fn is_russian_only(c: char) -> bool {
    matches!(c, 'ы' | 'Ы' | 'э' | 'Э' | 'ё' | 'Ё' | 'ъ' | 'Ъ')
}

/// Combining marks (stress accents in `Влади́мир`) carry no letter.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(text: &str, form: &str) -> bool {
        crate::translit::contains_form(text, &renderings(text), form)
    }

    #[test]
    fn foreign_names_read_back_the_english_way() {
        assert!(has("Джосеф Джурджи Свеид", "joseph jurji sveid") || has("Джосеф Джурджи Свеид", "josef jurji sveid"));
        assert!(has("Мохаммед Яхя Муджахид", "mohammed yahya mujahid"));
        assert!(has("Хасан", "hasan"));
        assert!(has("ДЖОЗЕФ СВЕИД", "jozef sveid"), "upper case too");
        // Russian names keep their own readings.
        assert!(has("Ходорковский", "khodorkovsky") || has("Ходорковский", "khodorkovskiy"));
    }

    #[test]
    fn shevchenko_in_all_systems() {
        for form in ["shevchenko", "sevcenko", "schewtschenko", "chevtchenko", "szewczenko"] {
            assert!(has("Шевченко", form));
        }
    }

    #[test]
    fn putin_and_common_given_names() {
        assert_eq!(renderings("Владимир Путин").first().map(String::as_str), Some("vladimir putin"));
        assert!(has("Влади́мир ПУ́ТИН", "vladimir putin"));
        assert!(has("Владимир Путин", "wladimir putin"));
        assert!(has("Путин", "poutin"));
        assert!(has("Сергей", "sergey"));
        assert!(has("Сергей", "sergei"));
        assert!(has("Сергей", "sergej"));
        for form in ["yuriy", "yuri", "iurii", "jurij"] {
            assert!(has("Юрий", form));
        }
        assert!(has("Ёлкин", "yelkin"));
        assert!(has("Ёлкин", "elkin"));
        assert!(has("Фёдор", "fyodor"));
        assert!(has("Игорь", "igor"));
        assert!(has("Евгений", "yevgeniy"));
        assert!(has("Евгений", "evgueni"));
        assert!(has("Хрущёв", "khrushchev"));
        assert!(has("Хрущёв", "chruschtschow"));
        assert!(has("Хрущёв", "chruscev"));
    }

    #[test]
    fn ukrainian_and_belarusian() {
        assert!(has("Володимир Зеленський", "volodymyr zelenskyi"));
        assert!(has("Володимир Зеленський", "volodimir zelenskiy"));
        assert!(has("Путін Володимир Володимирович", "putin volodymyr volodymyrovych"));
        assert!(has("Уладзімір Пуцін", "uladzimir putsin"));
        assert!(has("Лукашэнка Аляксандр Рыгоравіч", "lukashenka aliaksandr ryhoravich"));
        assert!(has("Григорій", "hryhorii"));
        assert!(has("Уладзімір Пуцін", "vladimir putin"));
        assert!(has("Лукашэнка Аляксандр", "lukashenka alyaksandr"));
    }

    #[test]
    fn at_most_eight_distinct_renderings() {
        for name in ["Владимир Владимирович Путин", "Михаил Ходорковский", "Джохар Дудаев"] {
            let mut distinct = renderings(name);
            distinct.sort();
            distinct.dedup();
            assert!(distinct.len() <= crate::translit::MAX_FORMS, "{name}: {distinct:?}");
        }
        assert_eq!(renderings("").first().map(String::as_str), Some(""));
    }
}
