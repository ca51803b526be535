//! Arabic script (Arabic, Persian, Urdu letters). Short vowels are not
//! written, so a word is rendered as its consonant skeleton with the long
//! vowels ا و ي read a/u/i (or o/e); very common given names come from a small
//! table of their usual Latin spellings, the article ال gives `al` (separate
//! and attached), and عبد + name gives `abdul…`/`abd al …`.

/// Usual Latin spellings of very common Arabic-script given names and name
/// parts (generic vocabulary, best first).
const COMMON_NAMES: &[(&str, &[&str])] = &[
    ("محمد", &["muhammad", "mohammed", "mohamed", "mohammad"]),
    ("احمد", &["ahmad", "ahmed"]),
    ("محمود", &["mahmoud", "mahmud"]),
    ("مصطفى", &["mustafa", "mostafa"]),
    ("علي", &["ali"]),
    ("حسن", &["hassan", "hasan"]),
    ("حسين", &["hussein", "hussain", "husain", "hossein"]),
    ("عمر", &["omar", "umar"]),
    ("عثمان", &["othman", "uthman", "osman"]),
    ("يوسف", &["yusuf", "yousef", "youssef"]),
    ("ابراهيم", &["ibrahim", "ebrahim"]),
    ("اسماعيل", &["ismail", "esmail"]),
    ("خالد", &["khalid", "khaled"]),
    ("سعيد", &["said", "saeed", "saeid"]),
    ("صالح", &["salih", "saleh"]),
    ("سليمان", &["sulaiman", "suleiman", "soleiman"]),
    ("عيسى", &["isa", "issa"]),
    ("موسى", &["musa", "mousa"]),
    ("يحيى", &["yahya"]),
    ("جمال", &["jamal", "gamal"]),
    ("ناصر", &["nasser", "nasir"]),
    ("اسامة", &["osama", "usama"]),
    ("طارق", &["tariq", "tarek"]),
    ("قاسم", &["qasim", "qassem", "ghasem"]),
    ("جعفر", &["jafar", "jaafar"]),
    ("مهدي", &["mahdi", "mehdi"]),
    ("عباس", &["abbas"]),
    ("رضا", &["reza", "rida"]),
    ("فاطمة", &["fatima", "fatemeh"]),
    ("عائشة", &["aisha", "aishah"]),
    ("زينب", &["zainab", "zaynab"]),
    ("مريم", &["maryam", "mariam"]),
    ("سلمان", &["salman"]),
    ("فيصل", &["faisal", "faysal"]),
    ("حمد", &["hamad", "hamed"]),
    ("خليفة", &["khalifa", "khalifah"]),
    ("زايد", &["zayed", "zaid"]),
    ("سعود", &["saud", "saoud"]),
    ("عبدالعزيز", &["abdulaziz", "abd al aziz", "abdelaziz"]),
    ("رحمن", &["rahman"]),
    ("رحيم", &["rahim", "raheem"]),
    ("عزيز", &["aziz"]),
    ("كريم", &["karim", "kareem"]),
    ("حميد", &["hamid", "hameed"]),
    ("مجيد", &["majid", "majeed"]),
    ("لطيف", &["latif", "lateef"]),
    ("قادر", &["qadir", "qader", "kader"]),
    ("رزاق", &["razzaq", "razak"]),
    ("سلام", &["salam", "salaam"]),
    ("غني", &["ghani"]),
    ("وهاب", &["wahab", "wahhab"]),
    ("جبار", &["jabbar"]),
    ("حكيم", &["hakim", "hakeem"]),
    ("باسط", &["basit", "baset"]),
    ("الله", &["allah"]),
    ("الدين", &["al din", "eddin", "uddin"]),
    ("بن", &["bin", "ben"]),
    ("بنت", &["bint"]),
    ("ابن", &["ibn"]),
    ("ابو", &["abu", "abou"]),
    ("عبد", &["abd", "abdul"]),
];

/// Maps hamza-carrying alefs and Persian/Urdu variants to the base letter
/// used as a table key (`أحمد` and `احمد` are the same name).
fn key_letter(c: char) -> Option<char> {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        'ی' | 'ې' | 'ے' => Some('ي'),
        'ک' => Some('ك'),
        'ہ' | 'ە' => Some('ه'),
        'ۀ' => Some('ة'),
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => None,
        other => Some(other),
    }
}

fn table_key(word: &str) -> String {
    word.chars().filter_map(key_letter).collect()
}

fn common(key: &str) -> Option<&'static [&'static str]> {
    COMMON_NAMES.iter().find(|(k, _)| *k == key).map(|(_, forms)| *forms)
}

/// Renderings of an Arabic-script text, best first.
pub(crate) fn renderings(text: &str) -> Vec<String> {
    let keys: Vec<String> = text.split(' ').filter(|w| !w.is_empty()).map(table_key).collect();
    let mut words: Vec<Vec<String>> = Vec::with_capacity(keys.len());
    let mut i = 0;
    while let Some(key) = keys.get(i) {
        // عبد + following name (separate or attached): Abdullah, Abd al-Rahman.
        let attached = key.strip_prefix("عبد").filter(|rest| rest.starts_with("ال"));
        let next = keys.get(i + 1).filter(|_| key == "عبد");
        if let Some(name) = attached.or(next.map(String::as_str)) {
            words.push(abd_compound(name));
            i += if attached.is_some() { 1 } else { 2 };
            continue;
        }
        words.push(word_forms(key));
        i += 1;
    }
    super::line_up(&words, super::MAX_FORMS)
}

/// `عبد` + name: abdullah / abd allah / abdallah, abdulrahman / abd al rahman …
fn abd_compound(name: &str) -> Vec<String> {
    let stem_key = name.strip_prefix("ال").unwrap_or(name);
    let stem = if name == "الله" {
        "lah".to_owned()
    } else {
        common(stem_key)
            .and_then(|f| f.first().map(|s| (*s).to_owned()))
            .unwrap_or_else(|| skeleton(stem_key, Vowels::Plain))
    };
    vec![
        format!("abdul{stem}"),
        format!("abd al{stem}"),
        format!("abdel{stem}"),
        format!("abd al {stem}"),
        format!("abdal{stem}"),
    ]
}

fn word_forms(key: &str) -> Vec<String> {
    if let Some(forms) = common(key) {
        return forms.iter().map(|s| (*s).to_owned()).collect();
    }
    if let Some(stem) = key.strip_prefix("ال").filter(|s| s.chars().count() >= 2) {
        let stem_forms = word_forms(stem);
        let best = stem_forms.first().cloned().unwrap_or_default();
        let mut forms = vec![format!("al {best}"), format!("al{best}"), format!("el {best}")];
        super::push_unique(&mut forms, stem_forms.into_iter().skip(1).map(|s| format!("al {s}")));
        return forms;
    }
    let mut forms = vec![skeleton(key, Vowels::Plain)];
    super::push_unique(
        &mut forms,
        [skeleton(key, Vowels::Open), skeleton(key, Vowels::Foreign)],
    );
    forms
}

/// How the long-vowel letters and the letters missing from Arabic are read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Vowels {
    /// و→u, ي→i, ف→f, ب→b.
    Plain,
    /// و→o, ي→e.
    Open,
    /// Foreign names: ف→v, ب→p, ج→g, initial و→v.
    Foreign,
}

fn skeleton(key: &str, vowels: Vowels) -> String {
    let letters: Vec<char> = key.chars().collect();
    let mut out = String::with_capacity(letters.len() * 2);
    for (i, &c) in letters.iter().enumerate() {
        let at_start = i == 0;
        let next = letters.get(i + 1).copied();
        let next_is_vowel_letter = matches!(next, Some('ا' | 'و' | 'ي' | 'ى'));
        let piece: &str = match c {
            'ا' => "a",
            'ى' => "a",
            'ء' | 'ؤ' | 'ئ' => "",
            'ب' => {
                if vowels == Vowels::Foreign {
                    "p"
                } else {
                    "b"
                }
            }
            'پ' => "p",
            'ت' | 'ط' | 'ٹ' => "t",
            'ث' => "th",
            'ج' => {
                if vowels == Vowels::Foreign {
                    "g"
                } else {
                    "j"
                }
            }
            'چ' => "ch",
            'ح' | 'ه' | 'ھ' => "h",
            'خ' => "kh",
            'د' | 'ض' | 'ڈ' => "d",
            'ذ' => "dh",
            'ر' | 'ڑ' => "r",
            'ز' | 'ظ' => "z",
            'ژ' => "zh",
            'س' | 'ص' => "s",
            'ش' => "sh",
            'ع' => {
                if at_start {
                    "a"
                } else {
                    ""
                }
            }
            'غ' => "gh",
            'ف' => {
                if vowels == Vowels::Foreign {
                    "v"
                } else {
                    "f"
                }
            }
            'ق' => "q",
            'ك' => "k",
            'گ' => "g",
            'ل' => "l",
            'م' => "m",
            'ن' | 'ں' => "n",
            'ة' => "a",
            'و' => {
                if at_start && vowels == Vowels::Foreign {
                    "v"
                } else if at_start || next_is_vowel_letter {
                    "w"
                } else if vowels == Vowels::Open {
                    "o"
                } else {
                    "u"
                }
            }
            'ي' => {
                if at_start || next_is_vowel_letter {
                    "y"
                } else if vowels == Vowels::Open {
                    "e"
                } else {
                    "i"
                }
            }
            // Short-vowel points, when written.
            '\u{064E}' => "a",
            '\u{0650}' => "i",
            '\u{064F}' => "u",
            '\u{064B}'..='\u{065F}' | '\u{0670}' => "",
            other => super::fold::unlisted(other),
        };
        out.push_str(piece);
    }
    super::fold::words(&out)
}

#[cfg(test)]
mod tests {
    use super::renderings;

    fn has(text: &str, form: &str) -> bool {
        crate::translit::contains_form(text, &renderings(text), form)
    }

    #[test]
    fn common_names_and_compounds() {
        assert!(has("محمد", "muhammad"));
        assert!(has("محمد", "mohammed"));
        assert!(has("أحمد", "ahmed"));
        assert!(has("عبد الله", "abdullah"));
        assert!(has("عبد الله", "abd allah"));
        assert!(has("عبدالله", "abdullah"));
        assert!(has("عبد الرحمن", "abd al rahman"));
        assert!(has("عبد الرحمن", "abdulrahman"));
        assert!(has("عبدالعزيز", "abdulaziz"));
    }

    #[test]
    fn article_and_skeletons() {
        assert!(has("الرشيد", "al rshid"));
        assert!(has("الرشيد", "alrshid"));
        assert!(has("الحسن", "al hassan"));
        assert!(has("فلاديمير بوتين", "fladimir butin"));
        assert!(has("فلاديمير بوتين", "vladimir putin"));
        assert!(has("ولادیمیر پوتین", "wladimir putin"));
    }
}
