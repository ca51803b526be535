//! Burmese (Myanmar script): BGN/PCGN-style romanisation, syllable by
//! syllable, and a reading for foreign names written in Burmese.
//!
//! A syllable is an initial consonant (or the vowel carrier `အ`, or an
//! independent vowel) with its medials (`ျ` `ြ` y, `ွ` w, `ှ` h), vowel
//! signs and an optional final consonant killed by the asat `်` (or
//! stacked with `္`, or the anusvara `ံ`). Finals are read as rhymes, as
//! Burmese pronounces them: `-က်` et, `-င်` in, `-စ်` it, `-တ်`/`-ပ်` at,
//! `-န်`/`-မ်`/`-ံ` an, `-ယ်` e, `-ိုက်` aik, `-ိုင်` aing, `-ောက်` auk,
//! `-ောင်` aung, `-ုန်` on, `-ိန်` ein … (`ပူတင်` → `putin`).
//!
//! Burmese names are written in Latin one word per syllable (`Min Aung
//! Hlaing`); foreign names keep their syllables together, `ဗ` stands for
//! v as well as b, `ြ` for r and a bare consonant before `လ`/`ရ` for the
//! first letter of a cluster (`ဗလာဒီမီယာ` → `vladimiya`).

/// The two ways of reading a syllable.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// BGN/PCGN-style, as Burmese names are romanised.
    Native,
    /// Foreign names: ဗ v, ဖ f, ြ r, plain stops, clusters.
    Foreign,
}

/// Vowel signs of one syllable.
#[derive(Default, Clone, Copy)]
struct Signs {
    e: bool,
    aa: bool,
    i: bool,
    u: bool,
    ai: bool,
}

/// One syllable as read from the text.
#[derive(Default, Clone)]
struct Syllable {
    /// Initial consonant or independent vowel (`None`: a bare final or an
    /// unknown character, see `text`).
    initial: Option<char>,
    /// Medials `ျ` `ြ` `ွ` `ှ` in text order.
    medials: Vec<char>,
    signs: Signs,
    /// Final consonant (killed by asat or stacked), or `ံ`.
    last: Option<char>,
    /// Text of characters without a rule (digits, other scripts).
    text: String,
}

fn is_consonant(c: char) -> bool {
    ('\u{1000}'..='\u{1021}').contains(&c)
}

fn is_medial(c: char) -> bool {
    ('\u{103B}'..='\u{103E}').contains(&c)
}

/// Whether the consonant at `i` is killed: followed (after dot-below tone
/// marks) by the asat, or by the stacking sign.
fn killed(chars: &[char], i: usize) -> bool {
    chars
        .iter()
        .skip(i + 1)
        .find(|c| **c != '\u{1037}')
        .is_some_and(|c| matches!(c, '\u{103A}' | '\u{1039}'))
}

/// Cuts one word into syllables.
fn syllables(word: &str) -> Vec<Syllable> {
    let chars: Vec<char> = word.chars().collect();
    let mut out: Vec<Syllable> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let open = out.last_mut().filter(|s| s.initial.is_some() && s.last.is_none());
        match c {
            _ if is_consonant(c) && killed(&chars, i) => match open {
                Some(s) => s.last = Some(c),
                None => out.push(Syllable { last: Some(c), ..Syllable::default() }),
            },
            _ if is_consonant(c) || ('\u{1023}'..='\u{102A}').contains(&c) || c == '\u{103F}' => {
                out.push(Syllable { initial: Some(c), ..Syllable::default() });
            }
            '\u{1036}' => {
                if let Some(s) = open {
                    s.last = Some(c);
                }
            }
            _ if is_medial(c) || ('\u{102B}'..='\u{1032}').contains(&c) => {
                if let Some(s) = out.last_mut().filter(|s| s.initial.is_some()) {
                    match c {
                        _ if is_medial(c) => s.medials.push(c),
                        '\u{102B}' | '\u{102C}' => s.signs.aa = true,
                        '\u{102D}' | '\u{102E}' => s.signs.i = true,
                        '\u{102F}' | '\u{1030}' => s.signs.u = true,
                        '\u{1031}' => s.signs.e = true,
                        _ => s.signs.ai = true,
                    }
                }
            }
            // Asat, stacker and tone marks: read with the consonants.
            '\u{1033}'..='\u{103A}' => {}
            '\u{1040}'..='\u{1049}' => {
                let digit = char::from_digit(c as u32 - 0x1040, 10).unwrap_or('0');
                out.push(Syllable { text: digit.to_string(), ..Syllable::default() });
            }
            _ => out.push(Syllable { text: super::fold::unlisted(c).to_owned(), ..Syllable::default() }),
        }
    }
    out
}

/// Latin value of a consonant (or independent vowel) as an initial.
fn consonant(c: char, reading: Reading) -> &'static str {
    let foreign = reading == Reading::Foreign;
    match c {
        'က' => "k",
        'ခ' => if foreign { "k" } else { "kh" },
        'ဂ' | 'ဃ' => "g",
        'င' => "ng",
        'စ' => "s",
        'ဆ' => if foreign { "s" } else { "hs" },
        'ဇ' | 'ဈ' => "z",
        'ဉ' | 'ည' => "ny",
        'ဋ' | 'တ' => "t",
        'ဌ' | 'ထ' => if foreign { "t" } else { "ht" },
        'ဍ' | 'ဎ' | 'ဒ' | 'ဓ' => "d",
        'ဏ' | 'န' => "n",
        'ပ' => "p",
        'ဖ' => if foreign { "f" } else { "hp" },
        'ဗ' => if foreign { "v" } else { "b" },
        'ဘ' => "b",
        'မ' => "m",
        'ယ' => "y",
        'ရ' => if foreign { "r" } else { "y" },
        'လ' | 'ဠ' => "l",
        'ဝ' => "w",
        'သ' => "th",
        'ဟ' => "h",
        'ဣ' | 'ဤ' => "i",
        'ဥ' | 'ဦ' => "u",
        'ဧ' => "e",
        'ဩ' | 'ဪ' => "aw",
        'ဿ' => "ss",
        _ => "",
    }
}

/// The initial with its medials (`ကျ` ky, `မှ` hm, `ရှ` sh, `ကြ` ky / kr).
fn onset(s: &Syllable, c: char, reading: Reading) -> String {
    let base = consonant(c, reading);
    let aspirated = s.medials.contains(&'\u{103E}');
    let mut out = if aspirated && matches!(c, 'ရ' | 'ယ') {
        "sh".to_owned()
    } else if aspirated {
        format!("h{base}")
    } else {
        base.to_owned()
    };
    for m in &s.medials {
        match m {
            '\u{103B}' if reading == Reading::Foreign && c == 'ဂ' => out = "j".to_owned(),
            '\u{103B}' => out.push('y'),
            '\u{103C}' => out.push(if reading == Reading::Foreign { 'r' } else { 'y' }),
            '\u{103D}' => out.push('w'),
            _ => {}
        }
    }
    out
}

/// Vowel of a syllable without a final.
fn open_vowel(signs: Signs, reading: Reading) -> &'static str {
    match signs {
        Signs { e: true, aa: true, .. } => if reading == Reading::Foreign { "o" } else { "aw" },
        Signs { i: true, u: true, .. } => "o",
        Signs { i: true, .. } => "i",
        Signs { u: true, .. } => "u",
        Signs { e: true, .. } | Signs { ai: true, .. } => "e",
        _ => "a",
    }
}

/// Vowel and final read together (`-ိုင်` aing, `-ုန်` on); other finals
/// (in foreign names) as the vowel and the consonant.
fn rhyme(signs: Signs, last: char, reading: Reading) -> String {
    let (i, u, aw, plain) = (
        signs.i && !signs.u,
        signs.u && !signs.i,
        signs.e && signs.aa,
        !signs.i && !signs.u && !signs.e && !signs.ai,
    );
    let ui = signs.i && signs.u;
    let fixed = match last {
        'က' if ui => "aik",
        'က' if aw => "auk",
        'က' if plain => "et",
        'င' if ui => "aing",
        'င' if aw => "aung",
        'င' if plain => "in",
        'စ' if plain => "it",
        'ည' if plain => "i",
        'ဉ' if plain => "in",
        'တ' | 'ပ' if i => "eik",
        'တ' | 'ပ' if u => "ok",
        'တ' | 'ပ' if plain => "at",
        'န' | 'မ' | '\u{1036}' if i => "ein",
        'န' | 'မ' | '\u{1036}' if u => "on",
        'န' | 'မ' | '\u{1036}' if plain => "an",
        'ယ' if plain => "e",
        _ => "",
    };
    if !fixed.is_empty() {
        return fixed.to_owned();
    }
    format!("{}{}", open_vowel(signs, reading), consonant(last, reading))
}

/// Latin text of one syllable; `next` is the syllable after it in the word.
fn syllable_text(s: &Syllable, next: Option<&Syllable>, reading: Reading) -> String {
    let Some(initial) = s.initial else {
        return match s.last {
            Some(c) => consonant(c, reading).to_owned(),
            None => s.text.clone(),
        };
    };
    let mut onset = onset(s, initial, reading);
    let independent = !is_consonant(initial);
    if independent && s.medials.is_empty() && s.last.is_none() && !s.signs.i && !s.signs.u && !s.signs.e {
        return onset;
    }
    if initial == 'အ' {
        onset.clear();
    }
    let Some(last) = s.last else {
        let bare = matches!((s.signs.i, s.signs.u, s.signs.e, s.signs.aa, s.signs.ai), (false, false, false, false, false));
        let cluster = next.and_then(|n| n.initial).is_some_and(|c| matches!(c, 'လ' | 'ရ'));
        if reading == Reading::Foreign && bare && s.medials.is_empty() && cluster {
            return onset;
        }
        return format!("{onset}{}", open_vowel(s.signs, reading));
    };
    let plain = !s.signs.i && !s.signs.u && !s.signs.e && !s.signs.ai;
    if plain && s.medials.contains(&'\u{103D}') && matches!(last, 'တ' | 'ပ' | 'န' | 'မ' | '\u{1036}') {
        onset.pop();
        let vowel = if matches!(last, 'တ' | 'ပ') { "ut" } else { "un" };
        return format!("{onset}{vowel}");
    }
    format!("{onset}{}", rhyme(s.signs, last, reading))
}

/// The syllables of one word in one reading.
fn word_syllables(word: &str, reading: Reading) -> Vec<String> {
    let syls = syllables(word);
    syls.iter()
        .enumerate()
        .map(|(i, s)| syllable_text(s, syls.get(i + 1), reading))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Renderings of Burmese text, best first: syllables as words (Burmese
/// names), syllables joined per word, and the foreign-name reading.
pub(crate) fn renderings(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let native: Vec<Vec<String>> = words.iter().map(|w| word_syllables(w, Reading::Native)).collect();
    let spaced: Vec<String> = native.iter().map(|s| s.join(" ")).collect();
    let joined: Vec<String> = native.iter().map(|s| s.concat()).collect();
    let foreign: Vec<String> = words.iter().map(|w| word_syllables(w, Reading::Foreign).concat()).collect();
    let mut forms = Vec::with_capacity(3);
    super::push_unique(&mut forms, [spaced.join(" "), joined.join(" "), foreign.join(" ")]);
    forms
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::renderings;

    fn has(text: &str, form: &str) -> bool {
        super::super::contains_form(text, &renderings(text), form)
    }

    #[test]
    fn finals_are_read_as_rhymes() {
        assert!(has("ပူတင်", "putin"));
        assert!(has("မင်းအောင်လှိုင်", "min aung hlaing"));
        assert!(has("သန်းရွှေ", "than shwe"));
        assert!(has("ကျော်", "kyaw"));
        assert!(has("ထွန်း", "htun"));
        assert!(has("စိုက်", "saik"));
        assert!(has("ရန်ကုန်", "yan kon"));
        assert!(has("ဝိတ်", "weik"));
        assert!(has("မြစ်", "myit"));
        assert!(has("တယ်", "te"));
        assert!(has("ပုံ", "pon"));
    }

    #[test]
    fn foreign_names() {
        assert!(has("ဗလာဒီမီယာ ပူတင်", "vladimiya putin"));
        assert!(has("ဗလာဒီမီယာ ပူတင်", "baladimiya putin"));
    }

    #[test]
    fn digits_and_stray_marks() {
        assert!(has("၁၂၃", "1 2 3"));
        assert!(renderings("်ံ့း").iter().all(|f| f.is_ascii()));
    }

    proptest! {
        #[test]
        fn never_panics_on_myanmar_text(text in "[\\p{Myanmar} ]{0,24}") {
            let forms = renderings(&text);
            prop_assert!(forms.len() <= 3);
            prop_assert!(forms.iter().all(|f| f.is_ascii()));
        }
    }
}
