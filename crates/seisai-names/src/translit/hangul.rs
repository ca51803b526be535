//! Hangul: Revised Romanization (RR), McCune–Reischauer folded to ASCII (MR),
//! and the DPRK/customary spelling of names (`김정은` → `kim jong un`), with
//! the customary spellings of surnames (김→kim, 이→lee/yi, 박→park).

/// Customary Latin spellings of common Korean surnames, best first.
const SURNAMES: &[(&str, &[&str])] = &[
    ("김", &["kim", "gim"]),
    ("이", &["lee", "yi", "rhee", "i"]),
    ("리", &["ri", "li", "lee"]),
    ("박", &["park", "pak", "bak"]),
    ("최", &["choi", "choe"]),
    ("정", &["jung", "jeong", "chung", "jong"]),
    ("강", &["kang", "gang"]),
    ("조", &["cho", "jo"]),
    ("윤", &["yoon", "yun"]),
    ("장", &["jang", "chang"]),
    ("임", &["lim", "im", "rim"]),
    ("림", &["rim", "lim"]),
    ("한", &["han"]),
    ("오", &["oh", "o"]),
    ("서", &["seo", "suh", "so"]),
    ("신", &["shin", "sin"]),
    ("권", &["kwon", "gwon"]),
    ("황", &["hwang"]),
    ("안", &["ahn", "an"]),
    ("송", &["song"]),
    ("류", &["ryu", "yoo", "ryoo"]),
    ("유", &["yoo", "yu", "ryu"]),
    ("홍", &["hong"]),
    ("전", &["jeon", "chun", "jun", "chon"]),
    ("고", &["ko", "go"]),
    ("문", &["moon", "mun"]),
    ("손", &["son", "sohn"]),
    ("양", &["yang"]),
    ("배", &["bae", "pae"]),
    ("백", &["baek", "paik", "paek"]),
    ("허", &["heo", "hur", "ho"]),
    ("노", &["noh", "roh", "no"]),
    ("로", &["ro", "roh"]),
    ("남", &["nam"]),
    ("심", &["shim", "sim"]),
    ("하", &["ha"]),
    ("주", &["joo", "ju", "chu"]),
    ("구", &["koo", "ku", "gu"]),
    ("곽", &["kwak", "gwak"]),
    ("성", &["sung", "seong", "song"]),
    ("차", &["cha"]),
    ("우", &["woo", "u"]),
    ("민", &["min"]),
    ("진", &["jin", "chin"]),
    ("지", &["ji", "chi"]),
    ("엄", &["um", "eom"]),
    ("채", &["chae"]),
    ("원", &["won"]),
    ("천", &["cheon", "chun"]),
    ("방", &["bang", "pang"]),
    ("공", &["kong", "gong"]),
    ("현", &["hyun", "hyeon"]),
    ("함", &["ham"]),
    ("변", &["byun", "byeon"]),
    ("염", &["yeom", "yum"]),
    ("여", &["yeo", "yo"]),
    ("추", &["choo", "chu"]),
    ("도", &["do", "to"]),
    ("석", &["seok", "suk"]),
    ("선", &["sun", "seon"]),
    ("설", &["seol", "sul"]),
    ("길", &["gil", "kil"]),
    ("연", &["yeon", "yun"]),
    ("표", &["pyo"]),
    ("명", &["myung", "myeong"]),
    ("기", &["ki", "gi"]),
    ("반", &["ban", "pan"]),
    ("왕", &["wang"]),
    ("금", &["keum", "geum"]),
    ("옥", &["ok"]),
    ("육", &["yook", "yuk"]),
    ("탁", &["tak"]),
    ("국", &["kook", "guk"]),
    ("황보", &["hwangbo"]),
    ("남궁", &["namgung", "namkung"]),
    ("제갈", &["jegal", "chegal"]),
    ("선우", &["sunwoo", "seonu"]),
    ("독고", &["dokgo", "tokko"]),
    ("사공", &["sagong"]),
    ("서문", &["seomun"]),
];

/// Romanisation styles for one syllable.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    /// Revised Romanization (South Korea, 2000).
    Rr,
    /// McCune–Reischauer without diacritics or apostrophes (word-initial
    /// voiceless k/t/p/ch).
    Mr,
    /// DPRK-style name spelling: MR vowels, `j` for ㅈ (`jong un`, `pak pong ju`).
    Dprk,
    /// Foreign names written in Hangul: epenthetic ㅡ dropped (`블라디미르` → `bladimir`).
    Foreign,
}

const RR_INITIAL: [&str; 19] =
    ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
const MR_INITIAL: [&str; 19] =
    ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch", "k", "t", "p", "h"];
const DPRK_INITIAL: [&str; 19] =
    ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
const RR_VOWEL: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];
const MR_VOWEL: [&str; 21] = [
    "a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "u", "ui", "i",
];
const FINAL: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];

/// (initial, vowel, final) indices of a precomposed syllable.
fn jamo(c: char) -> Option<(usize, usize, usize)> {
    let index = (c as u32).checked_sub(0xAC00)?;
    if index >= 11172 {
        return None;
    }
    let index = index as usize;
    Some((index / 588, (index % 588) / 28, index % 28))
}

fn syllable(c: char, style: Style, out: &mut String) {
    let Some((l, v, t)) = jamo(c) else {
        out.push_str(any_ascii::any_ascii_char(c));
        return;
    };
    let initial = match style {
        Style::Rr | Style::Foreign => RR_INITIAL.get(l),
        Style::Mr => MR_INITIAL.get(l),
        Style::Dprk => DPRK_INITIAL.get(l),
    };
    let vowel = match style {
        Style::Rr => RR_VOWEL.get(v),
        Style::Foreign if v == 18 => Some(&""),
        Style::Foreign => RR_VOWEL.get(v),
        Style::Mr | Style::Dprk => MR_VOWEL.get(v),
    };
    out.push_str(initial.copied().unwrap_or(""));
    out.push_str(vowel.copied().unwrap_or(""));
    out.push_str(FINAL.get(t).copied().unwrap_or(""));
}

fn word(syllables: &[char], style: Style, separate: bool) -> String {
    let mut out = String::with_capacity(syllables.len() * 4);
    for &c in syllables {
        if separate && !out.is_empty() {
            out.push(' ');
        }
        syllable(c, style, &mut out);
    }
    if style == Style::Foreign {
        // ㄹ+ㄹ is one l in loanwords (블라 → bla); initial ㄹ reads r.
        out = out.replace("ll", "l").replace("lr", "l");
    }
    out
}

fn surname_forms(surname: &str) -> Vec<String> {
    match SURNAMES.iter().find(|(k, _)| *k == surname) {
        Some((_, forms)) => forms.iter().map(|s| (*s).to_owned()).collect(),
        None => {
            let chars: Vec<char> = surname.chars().collect();
            vec![word(&chars, Style::Rr, false), word(&chars, Style::Dprk, false)]
        }
    }
}

/// Renderings of Hangul text, best first.
pub(crate) fn renderings(text: &str) -> Vec<String> {
    let words: Vec<Vec<char>> = text.split(' ').filter(|w| !w.is_empty()).map(|w| w.chars().collect()).collect();
    let forms = match words.as_slice() {
        [single] if (2..=4).contains(&single.len()) && starts_with_surname(single) => korean_name(single, None),
        [family, given] if family.len() <= 2 && given.len() <= 3 && is_surname(family) => {
            korean_name(given, Some(family))
        }
        _ => foreign_words(&words),
    };
    forms.into_iter().map(|f| super::fold::words(&f)).collect()
}

/// Whether an unspaced word starts with a known surname (else it is read as
/// a word: 삼성전자 is a company, not Mr 삼).
fn starts_with_surname(chars: &[char]) -> bool {
    is_surname(chars.get(..1).unwrap_or(&[])) || is_surname(chars.get(..2).unwrap_or(&[]))
}

fn is_surname(chars: &[char]) -> bool {
    let s: String = chars.iter().collect();
    SURNAMES.iter().any(|(k, _)| *k == s)
}

/// A Korean personal name: surname (one syllable, or two for the known
/// two-syllable surnames) and given name.
fn korean_name(chars: &[char], family: Option<&[char]>) -> Vec<String> {
    let (family, given): (Vec<char>, &[char]) = match family {
        Some(f) => (f.to_vec(), chars),
        None => {
            let two: String = chars.iter().take(2).collect();
            let split = if chars.len() >= 3 && SURNAMES.iter().any(|(k, _)| *k == two) { 2 } else { 1 };
            let (f, g) = chars.split_at(split.min(chars.len()));
            (f.to_vec(), g)
        }
    };
    let surname: String = family.iter().collect();
    let customary = surname_forms(&surname);
    let best = customary.first().cloned().unwrap_or_default();
    let second = customary.get(1).cloned().unwrap_or_else(|| best.clone());
    let rr_surname = word(&family, Style::Rr, false);
    let dprk = |sep| word(given, Style::Dprk, sep);
    let rr = |sep| word(given, Style::Rr, sep);
    let mut forms = Vec::with_capacity(super::MAX_FORMS);
    super::push_unique(
        &mut forms,
        [
            format!("{best} {}", dprk(true)),
            format!("{best} {}", dprk(false)),
            format!("{best} {}", rr(true)),
            format!("{best} {}", rr(false)),
            format!("{rr_surname} {}", rr(true)),
            format!("{second} {}", dprk(false)),
            format!("{best} {}", word(given, Style::Mr, true)),
            format!("{second} {}", rr(false)),
        ],
    );
    forms
}

/// Words that are not a Korean personal name (foreign names, companies):
/// loanword reading, RR and DPRK style, lined up word by word.
fn foreign_words(words: &[Vec<char>]) -> Vec<String> {
    let styles = [Style::Rr, Style::Foreign, Style::Dprk];
    let mut forms = Vec::with_capacity(styles.len());
    for style in styles {
        let joined: Vec<String> = words.iter().map(|w| word(w, style, false)).collect();
        forms.push(joined.join(" "));
    }
    let (rr, rest) = forms.split_at(1);
    let mut ordered: Vec<String> = Vec::with_capacity(3);
    // The loanword reading first when it differs: names in Hangul with spaces
    // are mostly foreign.
    super::push_unique(&mut ordered, rest.iter().take(1).cloned());
    super::push_unique(&mut ordered, rr.iter().cloned());
    super::push_unique(&mut ordered, rest.iter().skip(1).cloned());
    ordered
}

#[cfg(test)]
mod tests {
    use super::renderings;

    fn has(text: &str, form: &str) -> bool {
        crate::translit::contains_form(text, &renderings(text), form)
    }

    #[test]
    fn korean_names() {
        assert_eq!(renderings("김정은").first().map(String::as_str), Some("kim jong un"));
        for form in ["kim jongun", "kim jeong eun", "gim jeong eun", "kim jeongeun"] {
            assert!(has("김정은", form));
        }
        assert!(has("김 정은", "kim jong un"));
        assert!(has("이명박", "lee myeongbak"));
        assert!(has("박근혜", "park geunhye"));
        assert!(has("리설주", "ri sol ju"));
        assert!(has("남궁민수", "namgung minsu"));
        assert!(renderings("김정은").len() <= 8);
    }

    #[test]
    fn foreign_names_in_hangul() {
        assert!(has("블라디미르 푸틴", "bladimir putin"));
        assert!(has("블라디미르 블라디미로비치 푸틴", "bladimir bladimirobichi putin"));
        assert_eq!(renderings("삼성전자")[0], "samseongjeonja");
    }
}
