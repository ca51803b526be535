//! Word classes that name comparison treats specially: organisation legal
//! forms, generic organisation words, titles and honorifics, name particles,
//! and number words. Everything here works on cleaned, Latin-script words
//! (after [`crate::normalize`] and transliteration), except
//! [`split_cjk_legal_forms`], which runs before transliteration.

/// A legal form, by class: different spellings of the same form
/// (`LLC`, `L.L.C.`, `limited liability company`, `OOO`, `TOV`) share a class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalForm {
    /// Limited liability company (LLC, OOO, TOV, GmbH-like private limited).
    Llc,
    /// Joint-stock company (JSC, AO, OAO, ZAO, PAO, PJSC, CJSC, AG, SA, KK 株式会社).
    Jsc,
    /// Limited company (Ltd, Limited, 有限公司).
    Ltd,
    /// Corporation / incorporated (Corp, Inc).
    Corp,
    /// Company (Co, Cie, Company, 公司).
    Co,
    /// Partnership (LP, LLP, KG, OHG, 合資会社, 合名会社).
    Partnership,
    /// Public limited company (PLC).
    Plc,
    /// Unitary or state enterprise (FGUP, GUP, MUP, state enterprise).
    StateEnterprise,
    /// Other forms (foundation, cooperative, establishment, FZE, FZCO…).
    Other,
}

/// Legal forms written as one or more Latin words, longest first. Russian
/// and Ukrainian forms appear in their transliterated spellings.
const LEGAL_FORMS: &[(&[&str], LegalForm)] = &[
    (&["obshchestvo", "s", "ogranichennoy", "otvetstvennostyu"], LegalForm::Llc),
    (&["obshchestvo", "s", "ogranichennoi", "otvetstvennostiu"], LegalForm::Llc),
    (&["gesellschaft", "mit", "beschrankter", "haftung"], LegalForm::Llc),
    (&["societatea", "cu", "raspundere", "limitata"], LegalForm::Llc),
    (&["spolka", "z", "ograniczona", "odpowiedzialnoscia"], LegalForm::Llc),
    (&["sociedad", "de", "responsabilidad", "limitada"], LegalForm::Llc),
    (&["societe", "a", "responsabilite", "limitee"], LegalForm::Llc),
    (&["sp", "z", "o", "o"], LegalForm::Llc),
    (&["sp", "z", "oo"], LegalForm::Llc),
    (&["sociedad", "anonima"], LegalForm::Jsc),
    (&["societe", "anonyme"], LegalForm::Jsc),
    (&["limited", "liability", "company"], LegalForm::Llc),
    (&["limited", "liability", "partnership"], LegalForm::Partnership),
    (&["public", "joint", "stock", "company"], LegalForm::Jsc),
    (&["closed", "joint", "stock", "company"], LegalForm::Jsc),
    (&["open", "joint", "stock", "company"], LegalForm::Jsc),
    (&["joint", "stock", "company"], LegalForm::Jsc),
    (&["aktsionernoe", "obshchestvo"], LegalForm::Jsc),
    (&["aktsionernoye", "obshchestvo"], LegalForm::Jsc),
    (&["public", "limited", "company"], LegalForm::Plc),
    (&["private", "limited", "company"], LegalForm::Ltd),
    (&["limited", "partnership"], LegalForm::Partnership),
    (&["general", "partnership"], LegalForm::Partnership),
    (&["state", "unitary", "enterprise"], LegalForm::StateEnterprise),
    (&["federal", "state", "unitary", "enterprise"], LegalForm::StateEnterprise),
    (&["unitary", "enterprise"], LegalForm::StateEnterprise),
    (&["kabushiki", "kaisha"], LegalForm::Jsc),
    (&["yugen", "kaisha"], LegalForm::Llc),
    (&["godo", "kaisha"], LegalForm::Llc),
    (&["co", "ltd"], LegalForm::Ltd),
    (&["pty", "ltd"], LegalForm::Ltd),
    (&["sdn", "bhd"], LegalForm::Ltd),
    (&["s", "a"], LegalForm::Jsc),
    (&["aktiengesellschaft"], LegalForm::Jsc),
    (&["aktsionernoe"], LegalForm::Jsc),
    (&["llc"], LegalForm::Llc),
    (&["llp"], LegalForm::Partnership),
    (&["ooo"], LegalForm::Llc),
    (&["tov"], LegalForm::Llc),
    (&["too"], LegalForm::Llc),
    (&["gmbh"], LegalForm::Llc),
    (&["sarl"], LegalForm::Llc),
    (&["srl"], LegalForm::Llc),
    (&["sro"], LegalForm::Llc),
    (&["bv"], LegalForm::Llc),
    (&["yk"], LegalForm::Llc),
    (&["gk"], LegalForm::Llc),
    (&["jsc"], LegalForm::Jsc),
    (&["pjsc"], LegalForm::Jsc),
    (&["ojsc"], LegalForm::Jsc),
    (&["cjsc"], LegalForm::Jsc),
    (&["oao"], LegalForm::Jsc),
    (&["zao"], LegalForm::Jsc),
    (&["pao"], LegalForm::Jsc),
    (&["ao"], LegalForm::Jsc),
    (&["nao"], LegalForm::Jsc),
    (&["pat"], LegalForm::Jsc),
    (&["prat"], LegalForm::Jsc),
    (&["ag"], LegalForm::Jsc),
    (&["sa"], LegalForm::Jsc),
    (&["spa"], LegalForm::Jsc),
    (&["nv"], LegalForm::Jsc),
    (&["kk"], LegalForm::Jsc),
    (&["ab"], LegalForm::Jsc),
    (&["as"], LegalForm::Jsc),
    (&["asa"], LegalForm::Jsc),
    (&["oy"], LegalForm::Jsc),
    (&["oyj"], LegalForm::Jsc),
    (&["aps"], LegalForm::Llc),
    (&["ltd"], LegalForm::Ltd),
    (&["limited"], LegalForm::Ltd),
    (&["ltda"], LegalForm::Ltd),
    (&["plc"], LegalForm::Plc),
    (&["inc"], LegalForm::Corp),
    (&["incorporated"], LegalForm::Corp),
    (&["corp"], LegalForm::Corp),
    (&["corporation"], LegalForm::Corp),
    (&["co"], LegalForm::Co),
    (&["company"], LegalForm::Co),
    (&["cie"], LegalForm::Co),
    (&["lp"], LegalForm::Partnership),
    (&["kg"], LegalForm::Partnership),
    (&["ohg"], LegalForm::Partnership),
    (&["gbr"], LegalForm::Partnership),
    (&["fgup"], LegalForm::StateEnterprise),
    (&["gup"], LegalForm::StateEnterprise),
    (&["mup"], LegalForm::StateEnterprise),
    (&["fze"], LegalForm::Other),
    (&["fzco"], LegalForm::Other),
    (&["fzc"], LegalForm::Other),
    (&["fzllc"], LegalForm::Llc),
    (&["dmcc"], LegalForm::Other),
    (&["est"], LegalForm::Other),
    (&["establishment"], LegalForm::Other),
    (&["avtonomnaya", "nekommercheskaya", "organizatsiya"], LegalForm::Other),
    (&["ano"], LegalForm::Other),
];

/// Every word of the [`LEGAL_FORMS`], once.
static LEGAL_WORDS: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| LEGAL_FORMS.iter().flat_map(|(p, _)| p.iter().copied()).collect());

/// Whether `word` is a word of a legal form as written.
fn is_legal_word(word: &str) -> bool {
    LEGAL_WORDS.contains(word)
}

/// The words of the [`LEGAL_FORMS`] that may be misspelt (see
/// [`is_slip_of_legal_word`]), once.
static LONG_LEGAL_WORDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| LEGAL_WORDS.iter().copied().filter(|w| w.len() >= MIN_FUZZY_LEGAL_WORD).collect());

/// Whether `word` may be a word of a legal form: one of them as written,
/// or misspelt as [`is_slip_of_legal_word`] reads it. Most words of a name
/// are none, and the forms are not searched for them.
fn may_be_legal_word(word: &str) -> bool {
    is_legal_word(word) || (word.len() >= 3 && LONG_LEGAL_WORDS.iter().any(|p| is_slip_of_legal_word(word, p)))
}

/// Legal forms written in Han/kana/Hangul/Cyrillic script, removed from the
/// original text before transliteration (they are often written without a
/// space: 株式会社カラシニコフ). Longest first.
const SCRIPT_LEGAL_FORMS: &[(&str, LegalForm)] = &[
    ("общество с ограниченной ответственностью", LegalForm::Llc),
    ("публичное акционерное общество", LegalForm::Jsc),
    ("открытое акционерное общество", LegalForm::Jsc),
    ("закрытое акционерное общество", LegalForm::Jsc),
    ("акционерное общество", LegalForm::Jsc),
    ("товариство з обмеженою відповідальністю", LegalForm::Llc),
    ("股份有限公司", LegalForm::Jsc),
    ("有限責任公司", LegalForm::Llc),
    ("有限责任公司", LegalForm::Llc),
    ("有限責任会社", LegalForm::Llc),
    ("非公開株式会社", LegalForm::Jsc),
    ("公開株式会社", LegalForm::Jsc),
    ("株式会社", LegalForm::Jsc),
    ("有限会社", LegalForm::Llc),
    ("合同会社", LegalForm::Llc),
    ("合資会社", LegalForm::Partnership),
    ("合名会社", LegalForm::Partnership),
    ("有限公司", LegalForm::Ltd),
    ("주식회사", LegalForm::Jsc),
    ("유한회사", LegalForm::Llc),
    ("公司", LegalForm::Co),
];

/// Removes legal forms written in non-Latin scripts from `text` (already
/// [`crate::normalize::clean`]ed), returning the rest and the forms found.
/// Also handles the bank-transfer abbreviations `カ)`, `(カ`, `ユ)` for
/// 株式会社 / 有限会社.
pub fn split_cjk_legal_forms(text: &str) -> (String, Vec<LegalForm>) {
    let mut rest = text.to_string();
    let mut forms = Vec::new();
    const ABBREVIATIONS: [(&str, LegalForm); 5] =
        [("カ)", LegalForm::Jsc), ("(カ", LegalForm::Jsc), ("ユ)", LegalForm::Llc), ("(ユ", LegalForm::Llc), ("ド)", LegalForm::Llc)];
    let patterns = || SCRIPT_LEGAL_FORMS.iter().chain(ABBREVIATIONS.iter());
    // The characters patterns begin with: most names have none of them,
    // which one pass over the text tells (rather than one per pattern).
    static STARTS: std::sync::OnceLock<rustc_hash::FxHashSet<char>> = std::sync::OnceLock::new();
    let starts = STARTS.get_or_init(|| patterns().filter_map(|(p, _)| p.chars().next()).collect());
    let any_pattern = text.chars().any(|c| starts.contains(&c));
    for (pattern, form) in patterns().filter(|_| any_pattern) {
        // (Removing a form leaves a space: a pattern only occurs in the
        // rest if its first character is in the text, which is cheaper
        // to look for than the pattern itself.)
        if !pattern.chars().next().is_some_and(|first| text.contains(first)) {
            continue;
        }
        while let Some(pos) = rest.find(pattern) {
            rest.replace_range(pos..pos + pattern.len(), " ");
            forms.push(*form);
        }
    }
    // Russian abbreviations as whole words (ООО «Ромашка», АО "Концерн").
    let all: Vec<&str> = rest.split_whitespace().collect();
    fn bare(w: &str) -> &str {
        w.trim_matches(|c: char| !crate::normalize::is_alphanumeric(c))
    }
    let mut words: Vec<&str> = Vec::new();
    for (i, &w) in all.iter().enumerate() {
        if w.is_ascii() {
            // (None is written in ASCII.)
            words.push(w);
            continue;
        }
        let form = match bare(w) {
            // `Co.` written in Cyrillic (`Синно Електроникс Ко., Лтд`,
            // `Набил Чуман & Ко`) where a Korean family name cannot be:
            // after a word, and last or before another form of English
            // company names.
            "ко" if i > 0 && all.get(i + 1).is_none_or(|next| CO_FOLLOWERS.contains(&bare(next))) => Some(LegalForm::Co),
            "ооо" | "тов" => Some(LegalForm::Llc),
            "оао" | "зао" | "пао" | "ао" | "нао" | "пат" => Some(LegalForm::Jsc),
            "фгуп" | "гуп" | "муп" => Some(LegalForm::StateEnterprise),
            "ано" => Some(LegalForm::Other),
            // Latin legal forms written letter by letter in Cyrillic (`Parsek
            // LLC` → `Парсек Ллк`) whose reading is no legal form (`Лтд`
            // reads `ltd`, and `Лимитед` may begin `limited liability
            // company`); not `Ко` (Co.), a Korean family name.
            "ллк" | "ллс" | "гмбх" => Some(LegalForm::Llc),
            "ллп" => Some(LegalForm::Partnership),
            "джск" | "пджск" | "оджск" | "кджск" => Some(LegalForm::Jsc),
            "плк" => Some(LegalForm::Plc),
            "инк" | "корп" => Some(LegalForm::Corp),
            "фзе" | "фзко" | "фзк" | "дмкк" => Some(LegalForm::Other),
            _ => None,
        };
        match form {
            Some(f) => forms.push(f),
            None => words.push(w),
        }
    }
    (words.join(" "), forms)
}

/// The words after which a Cyrillic `Ко` is `Co.` (`Ко., Лтд`): the
/// English legal forms that follow `Co.`, written in Cyrillic or Latin.
const CO_FOLLOWERS: &[&str] = &["лтд", "лимитед", "инк", "ллк", "ллс", "ltd", "limited", "inc", "llc"];

/// Finds the legal form starting at `words[i]`, returning it and how many
/// words it spans. A misspelt or cut-off word of five letters or more
/// (`Aktiengeselschaft`, `joynt stock company`, `… joint stock compan`),
/// one edit from the word of the form, still makes the form, and so do
/// several such words when one word of the form is exact (`linited
/// liability comapny`): legal forms are long, fixed words that nobody
/// names a company after. The longest form wins, misspelt or not
/// (`limited liability comany` is one form, not `limited` and two other
/// words).
pub fn legal_form_at(words: &[String], i: usize) -> Option<(LegalForm, usize)> {
    // (A form's first word is the word at `i`, as written or misspelt.)
    if !may_be_legal_word(words.get(i)?) {
        return None;
    }
    legal_form_spelt_at(words, i)
}

/// [`legal_form_at`] for a word at `i` known to be one that may begin a
/// form ([`may_be_legal_word`]).
fn legal_form_spelt_at(words: &[String], i: usize) -> Option<(LegalForm, usize)> {
    // Whether the form is spelt here: exactly (true), misspelt (false) or not at all.
    let spelt = |pattern: &[&str]| {
        let ws = words.get(i..i + pattern.len())?;
        let mut edited = 0;
        let all = ws.iter().zip(pattern.iter()).all(|(w, p)| {
            if w == p {
                return true;
            }
            edited += 1;
            edited <= misspelt_words_allowed(pattern) && is_slip_of_legal_word(w, p)
        });
        all.then_some(edited == 0)
    };
    // The longest form, exact before misspelt at equal length.
    LEGAL_FORMS
        .iter()
        .filter_map(|(pattern, form)| spelt(pattern).map(|exact| (pattern.len(), exact, *form)))
        .max_by_key(|&(len, exact, _)| (len, exact))
        .map(|(len, _, form)| (form, len))
}

/// The legal form of three words or more starting at `words[i]` with one
/// of its words left out (`joint company`, `public stock company`,
/// `limited liability`), its other words as written or one of them with a
/// slip, two of them of five letters or more, and how many words it spans
/// (two or more). (Asked only where the word at `i` may be a word of a
/// form, see [`may_be_legal_word`].)
fn shortened_legal_form_at(words: &[String], i: usize) -> Option<(LegalForm, usize)> {
    let first = words.get(i)?;
    let matches = |w: &String, p: &str, slips: &mut usize| {
        w == p || {
            *slips += 1;
            *slips <= 1 && is_slip_of_legal_word(w, p)
        }
    };
    let mut best: Option<(LegalForm, usize)> = None;
    for (pattern, form) in LEGAL_FORMS.iter().filter(|(p, _)| p.len() >= 3) {
        let len = pattern.len() - 1;
        let Some(ws) = words.get(i..i + len) else { continue };
        // (The first word written is the pattern's first or second.)
        if !pattern.iter().take(2).any(|p| first == p || is_slip_of_legal_word(first, p)) {
            continue;
        }
        let fits = (0..pattern.len()).any(|left_out| {
            let rest = || pattern.iter().enumerate().filter(move |&(k, _)| k != left_out).map(|(_, p)| *p);
            // (Two long words left, as for a form scattered across a name:
            // `sp z o` is no form, `limited liability` is.)
            let mut slips = 0;
            rest().filter(|p| p.len() >= MIN_FUZZY_LEGAL_WORD).count() >= 2 && ws.iter().zip(rest()).all(|(w, p)| matches(w, p, &mut slips))
        });
        if fits && best.is_none_or(|(_, n)| len > n) {
            best = Some((*form, len));
        }
    }
    best
}

/// Words of organisation names that lists write in one way and that are
/// often spaced otherwise, besides the legal forms of several words:
/// Mexico's `S.A. de C.V.` and `S. de R.L. de C.V.` (kept as words: lists
/// and their renderings write them in too many ways for them to be set
/// aside as a form) and Singapore's `Pte Ltd`.
const SPACED_SPELLINGS: &[&[&str]] = &[
    &["s", "de", "rl", "de", "cv"],
    &["s", "a", "de", "cv"],
    &["sa", "de", "cv"],
    &["sapi", "de", "cv"],
    &["sab", "de", "cv"],
    &["s", "de", "rl"],
    &["pte", "ltd"],
];

/// The words of an organisation's name with the spacing of legal forms of
/// several words and of [`SPACED_SPELLINGS`] made as lists write them
/// where the name has their letters in order but the spaces elsewhere
/// (`sa dec v` → `sa de cv`, `pteltd` → `pte ltd`, `jointstock company` →
/// `joint stock company`), as a name cut or retyped loses them.
pub fn respace_forms(words: Vec<String>) -> Vec<String> {
    // Most names have nothing to respace: they are returned as they are.
    if (0..words.len()).all(|i| spaced_otherwise(&words, i).is_none()) {
        return words;
    }
    let mut out = Vec::with_capacity(words.len() + 2);
    let mut i = 0;
    while let Some(w) = words.get(i) {
        match spaced_otherwise(&words, i) {
            Some((spelling, spanned)) => {
                out.extend(spelling.iter().map(|p| p.to_string()));
                i += spanned;
            }
            None => {
                out.push(w.clone());
                i += 1;
            }
        }
    }
    out
}

/// The spelling of several words (a legal form or one of
/// [`SPACED_SPELLINGS`]) whose letters the words from `i` on have in order
/// but spaced otherwise, with the number of words they span; the longest.
/// Spellings of short words only (one to two letters a word) are read
/// only across words of three letters or fewer, so that no name word is
/// taken for one; a spelling that begins with the same word as the name
/// wins at equal length (`s a dec v` → `s a de cv`). `None` where the
/// words are already written as a spelling at least as long.
fn spaced_otherwise(words: &[String], i: usize) -> Option<(&'static [&'static str], usize)> {
    let first = words.get(i)?;
    let spellings = LEGAL_FORMS.iter().map(|(p, _)| *p).chain(SPACED_SPELLINGS.iter().copied());
    let mut best: Option<(&'static [&'static str], usize)> = None;
    let mut written = 0;
    for pattern in spellings.filter(|p| p.len() >= 2) {
        if !pattern.first().is_some_and(|p| first.starts_with(p) || p.starts_with(first.as_str())) {
            continue;
        }
        let letters: usize = pattern.iter().map(|p| p.len()).sum();
        if letters < 3 {
            continue;
        }
        let Some(spanned) = words_spelling(&words[i..], pattern, letters) else { continue };
        let run = &words[i..i + spanned];
        let spelt_alike = spanned == pattern.len() && run.iter().zip(pattern.iter()).all(|(w, p)| w == p);
        let long_words = pattern.iter().any(|p| p.len() >= 3);
        if spelt_alike {
            // Words already written as one spelling are left as they are.
            written = written.max(spanned);
            continue;
        }
        if !(long_words || run.iter().all(|w| w.len() <= 3)) {
            continue;
        }
        let better = match best {
            None => true,
            Some((b, n)) => spanned > n || (spanned == n && b.first() != Some(&first.as_str()) && pattern.first() == Some(&first.as_str())),
        };
        if better {
            best = Some((pattern, spanned));
        }
    }
    best.filter(|&(_, n)| n > written)
}

/// How many of `words` (from the first) have, written together, the
/// `letters` letters of `pattern` written together; `None` if none do.
fn words_spelling(words: &[String], pattern: &[&str], letters: usize) -> Option<usize> {
    let mut rest = pattern.iter().flat_map(|p| p.bytes());
    let (mut spanned, mut covered) = (0, 0);
    while covered < letters {
        let w = words.get(spanned)?;
        if covered + w.len() > letters || !w.bytes().all(|b| rest.next() == Some(b)) {
            return None;
        }
        covered += w.len();
        spanned += 1;
    }
    Some(spanned)
}

/// How many words of a legal form may be misspelt: one in a form of one or
/// two words, all but one in a longer form.
fn misspelt_words_allowed(pattern: &[&str]) -> usize {
    pattern.len().saturating_sub(1).max(1)
}

/// Whether `word` is `legal_word` (a word of a legal form) misspelt by one
/// edit or written without its vowels (`lblty`, `cmpny`); only words of
/// five letters or more are read so.
fn is_slip_of_legal_word(word: &str, legal_word: &str) -> bool {
    legal_word.len() >= MIN_FUZZY_LEGAL_WORD
        && (word.len().abs_diff(legal_word.len()) <= 1 && crate::edits::one_edit_apart(word, legal_word)
            || word.len() >= 3 && crate::edits::vowels_left_out(word, legal_word))
}

/// Where a word of an organisation's name belongs to a legal form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LegalFormMark {
    /// The form the word is part of.
    pub form: LegalForm,
    /// Whether the form is counted at this word (its first word found).
    pub first: bool,
}

/// The legal forms among the words of an organisation's name, word by word
/// (`None`: a word of the name itself). Forms of several words are found
/// first, in order, misspelt by one edit or not ([`legal_form_at`]); then
/// forms of several long words whose words are all present but apart or
/// in another order (`Company Joint Stock Nexign`, `Liability Company
/// Limited Stek`); then forms of one word. A form is only a form when
/// something else names the entity: a name that is one form of several
/// words is left as words, and a one-word form needs another word.
pub fn legal_form_marks(words: &[String]) -> Vec<Option<LegalFormMark>> {
    let mut marks: Vec<Option<LegalFormMark>> = vec![None; words.len()];
    // Most names of organisations have one legal form or none: the forms
    // are searched only at the words that may be theirs (asked once each).
    let may_be: Vec<bool> = words.iter().map(|w| may_be_legal_word(w)).collect();
    if !may_be.contains(&true) {
        return marks;
    }
    let may_begin = |i: usize| may_be.get(i).copied().unwrap_or(false);
    let mark = |marks: &mut [Option<LegalFormMark>], at: &[usize], form: LegalForm| {
        for (n, &k) in at.iter().enumerate() {
            if let Some(m) = marks.get_mut(k) {
                *m = Some(LegalFormMark { form, first: n == 0 });
            }
        }
    };
    let mut i = 0;
    while i < words.len() {
        let found = if may_begin(i) { legal_form_spelt_at(words, i) } else { None };
        match found.filter(|(_, len)| *len >= 2) {
            Some((form, len)) => {
                mark(&mut marks, &(i..i + len).collect::<Vec<_>>(), form);
                i += len;
            }
            None => i += 1,
        }
    }
    for (pattern, form) in LEGAL_FORMS.iter().filter(|(p, _)| is_scatterable(p)) {
        while let Some(at) = scattered(pattern, words, &marks) {
            mark(&mut marks, &at, *form);
        }
    }
    // Then forms with a word left out, among the words still unmarked.
    let mut i = 0;
    while i < words.len() {
        let unmarked = |len: usize| marks.get(i..i + len).is_some_and(|m| m.iter().all(Option::is_none));
        let found = if may_begin(i) { shortened_legal_form_at(words, i) } else { None };
        match found.filter(|&(_, len)| unmarked(len)) {
            Some((form, len)) => {
                mark(&mut marks, &(i..i + len).collect::<Vec<_>>(), form);
                i += len;
            }
            None => i += 1,
        }
    }
    let groups = marks.iter().flatten().filter(|m| m.first).count();
    if groups == 1 && marks.iter().all(Option::is_some) {
        marks.fill(None);
    }
    if words.len() > 1 {
        for (k, w) in words.iter().enumerate() {
            if marks[k].is_none() && may_begin(k) {
                if let Some((form, _)) = legal_form_spelt_at(std::slice::from_ref(w), 0) {
                    marks[k] = Some(LegalFormMark { form, first: true });
                }
            }
        }
    }
    marks
}

/// Whether a form of several words is recognised with its words apart or
/// reordered: two or more of its words have five letters or more, so that
/// finding them all in one name is no accident.
fn is_scatterable(pattern: &[&str]) -> bool {
    pattern.len() >= 2 && pattern.iter().filter(|w| w.len() >= MIN_FUZZY_LEGAL_WORD).count() >= 2
}

/// Positions of unmarked words that spell every word of `pattern` (as
/// many of them misspelt by one edit as [`misspelt_words_allowed`]),
/// sorted, or `None`.
fn scattered(pattern: &[&str], words: &[String], marks: &[Option<LegalFormMark>]) -> Option<Vec<usize>> {
    let mut taken: Vec<usize> = Vec::with_capacity(pattern.len());
    let mut edited = 0;
    for p in pattern {
        let free = |k: &usize| marks.get(*k).is_some_and(Option::is_none) && !taken.contains(k);
        let exact = (0..words.len()).filter(free).find(|&k| words[k] == *p);
        let at = match exact {
            Some(k) => k,
            None if edited < misspelt_words_allowed(pattern) => {
                edited += 1;
                (0..words.len()).filter(free).find(|&k| is_slip_of_legal_word(&words[k], p))?
            }
            None => return None,
        };
        taken.push(at);
    }
    taken.sort_unstable();
    Some(taken)
}

/// Legal forms written after a word without a space (`tradingltd`), longest
/// first: none of them ends a word of any language.
const GLUED_SUFFIXES: &[&str] = &[
    "otvetstvennostyu", "otvetstvennostiu", "aktsionernoe", "obshchestvo", "corporation", "liability", "limited",
    "company", "joint", "ltda", "gmbh", "fzco", "sarl", "eood", "ltd", "llc", "plc", "jsc", "ooo", "fze", "fzc",
    "srl", "pty",
];
/// Legal forms written before a word without a space (`ooosibirskie`,
/// `limitedliability`): none of them begins a word of any language.
const GLUED_PREFIXES: &[&str] = &[
    "aktsionernoe", "obshchestvo", "ogranichennoi", "ogranichennoy", "corporation", "liability", "limited", "company",
    "otvetstvennostyu", "otvetstvennostiu", "pjsc", "ojsc", "cjsc", "ooo", "llc", "jsc",
];
/// `word` as two words of legal forms of three letters or more, one of
/// them of five or more, written together (`limitedliability`,
/// `openjoint`, `stockcompany`).
fn split_two_legal_words(word: &str) -> Option<(&str, &str)> {
    let is_form_word = |w: &str| w.len() >= 3 && is_legal_word(w);
    (3..word.len().saturating_sub(2))
        .filter(|&k| word.is_char_boundary(k))
        .map(|k| word.split_at(k))
        .find(|(a, b)| a.len().max(b.len()) >= MIN_FUZZY_LEGAL_WORD && is_form_word(a) && is_form_word(b))
}

/// The shortest rest of a word a glued legal form is split from.
const MIN_GLUED_REST: usize = 4;

/// The shortest rest of a word a glued legal form of [`LONG_GLUED`]
/// letters or more is split from (`ceclimited`, `liacompany`): the
/// ordinary words that end like one leave two letters or fewer
/// (`unlimited`, `accompany`).
const MIN_REST_OF_LONG: usize = 3;

/// The length of a glued legal form that may leave a rest of [`MIN_REST_OF_LONG`].
const LONG_GLUED: usize = 7;

/// Whether `word` is long enough for `form`, glued to it, to be split from it.
fn leaves_rest(word: &str, form: &str) -> bool {
    let rest = if form.len() >= LONG_GLUED { MIN_REST_OF_LONG } else { MIN_GLUED_REST };
    word.len() >= form.len() + rest
}

/// The words of an organisation's name with legal forms written against a
/// neighbouring word split from it (`oman fuel tradingltd` → `oman fuel
/// trading ltd`, `ooosibirskie` → `ooo sibirskie`), as a name cut across
/// the lines of a payment message often has them. Only forms that begin or
/// end no ordinary word are split, from a rest of four letters or more
/// (three for a form of seven letters or more); and a form at the end
/// whose first letter was written against the word before.
pub fn split_glued_legal_forms(words: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(words.len() + 2);
    for w in words {
        // A form glued to the next word of a form (`openjoint`) is split where
        // both halves are words of forms.
        if let Some((a, b)) = split_two_legal_words(w) {
            out.extend([a.to_string(), b.to_string()]);
            continue;
        }
        let known = is_legal_word(w) && LEGAL_FORMS.iter().any(|(p, _)| p.len() == 1 && p[0] == w.as_str());
        let suffix = GLUED_SUFFIXES.iter().find(|s| leaves_rest(w, s) && w.ends_with(*s));
        let prefix = GLUED_PREFIXES.iter().find(|p| leaves_rest(w, p) && w.starts_with(*p));
        match (known, suffix, prefix) {
            (false, Some(s), _) => {
                out.push(w[..w.len() - s.len()].to_string());
                out.push(s.to_string());
            }
            (false, None, Some(p)) => {
                out.push(p.to_string());
                out.push(w[p.len()..].to_string());
            }
            _ => out.push(w.clone()),
        }
    }
    split_form_across_tail(&mut out);
    out
}

/// A legal form at the end of a name whose first letter was written
/// against the word before it (`exchanges arl` for `exchange sarl`,
/// `internationals rl` for `international srl`), split from it: the words
/// after that word are short pieces (three letters or fewer) that are no
/// form by themselves, and the word keeps four letters or more.
fn split_form_across_tail(words: &mut Vec<String>) {
    for pieces in 1..=2usize {
        let Some(at) = words.len().checked_sub(pieces + 1) else { return };
        let tail = &words[at + 1..];
        let pieces_only = tail.iter().all(|w| w.len() <= 3 && w.bytes().all(|b| b.is_ascii_lowercase()));
        if !pieces_only || legal_form_at(tail, 0).is_some_and(|(_, n)| n == tail.len()) {
            continue;
        }
        let tail_letters = || tail.iter().flat_map(|w| w.bytes());
        let tail_len: usize = tail.iter().map(String::len).sum();
        let word = &words[at];
        let Some(&last) = word.as_bytes().last() else { continue };
        for (pattern, _) in LEGAL_FORMS.iter() {
            // The form's letters are the word's last letter and the pieces'.
            let letters = || pattern.iter().flat_map(|p| p.bytes());
            let spelt = tail_len >= 2 && letters().count() == tail_len + 1 && letters().eq(std::iter::once(last).chain(tail_letters()));
            if spelt && word.len() >= MIN_GLUED_REST + 1 && word.is_char_boundary(word.len() - 1) {
                let rest = word[..word.len() - 1].to_string();
                words.truncate(at);
                words.push(rest);
                words.extend(pattern.iter().map(|p| p.to_string()));
                return;
            }
        }
    }
}

/// The shortest word of a legal form that may be misspelt by one edit.
const MIN_FUZZY_LEGAL_WORD: usize = 5;

/// Abbreviations of words of organisation names, with the words they stand
/// for (`Int'l` → `international`, `U.S.` → `united states`): a list writes
/// `First International Bank` and a payment `First Bank Int'l`.
const ABBREVIATIONS: &[(&[&str], &[&str])] = &[
    (&["u", "s", "a"], &["united", "states"]),
    (&["u", "s"], &["united", "states"]),
    (&["usa"], &["united", "states"]),
    (&["us"], &["united", "states"]),
    (&["u", "k"], &["united", "kingdom"]),
    (&["uk"], &["united", "kingdom"]),
    (&["u", "a", "e"], &["united", "arab", "emirates"]),
    (&["uae"], &["united", "arab", "emirates"]),
    (&["intl"], &["international"]),
    (&["int", "l"], &["international"]),
    (&["natl"], &["national"]),
    (&["nat", "l"], &["national"]),
    (&["dept"], &["department"]),
    (&["univ"], &["university"]),
    (&["assn"], &["association"]),
    (&["assoc"], &["association"]),
    (&["mfg"], &["manufacturing"]),
    (&["bros"], &["brothers"]),
    (&["mgmt"], &["management"]),
    (&["svcs"], &["services"]),
    (&["govt"], &["government"]),
    (&["inst"], &["institute"]),
];

/// The words of an organisation's name with abbreviations written out
/// (see [`ABBREVIATIONS`]); other words unchanged.
pub fn expand_abbreviations(words: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let found = ABBREVIATIONS.iter().find(|(short, _)| {
            words.get(i..i + short.len()).is_some_and(|ws| ws.iter().zip(short.iter()).all(|(w, s)| w == s))
        });
        match found {
            Some((short, long)) => {
                out.extend(long.iter().map(|w| w.to_string()));
                i += short.len();
            }
            None => {
                out.extend(words.get(i).cloned());
                i += 1;
            }
        }
    }
    out
}

/// Generic words of organisation names: they identify nothing on their own
/// and weigh little in comparison (a name made only of them matches nothing).
const GENERIC_ORG_WORDS: &[&str] = &[
    "and", "the", "of", "for", "de", "del", "la", "le", "des", "du", "und", "et", "y", "i", "e",
    "trading", "trade", "traders", "group", "holding", "holdings", "international", "intl",
    "industries", "industry", "industrial", "enterprise", "enterprises", "services", "service",
    "general", "global", "worldwide", "national", "import", "export", "imports", "exports",
    "commercial", "investment", "investments", "partners", "associates", "agency", "center",
    "centre", "foundation", "institute", "technologies", "technology", "tech", "solutions",
    "systems", "management", "development", "consulting", "logistics", "shipping", "bank",
    "organization", "organisation", "union", "association", "office", "firm", "factory",
    "plant", "works", "joint", "venture", "stock", "public", "private", "scientific",
    "research", "production", "state", "federal", "llc", "company", "co", "corp", "ltd",
];

/// A list of words looked up by hash: the word lists are tested for every
/// part of every name prepared, and comparing a part with each word of a
/// list of a hundred costs more than hashing it once.
struct WordSet {
    words: &'static [&'static str],
    set: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>>,
}

impl WordSet {
    const fn new(words: &'static [&'static str]) -> Self {
        WordSet { words, set: std::sync::OnceLock::new() }
    }

    /// Whether `word` is in the list.
    fn contains(&self, word: &str) -> bool {
        self.set.get_or_init(|| self.words.iter().copied().collect()).contains(word)
    }
}

/// Whether `word` is a generic organisation word.
pub fn is_generic_org_word(word: &str) -> bool {
    static SET: WordSet = WordSet::new(GENERIC_ORG_WORDS);
    SET.contains(word)
}

/// Titles and honorifics in the languages of the lists (after
/// transliteration): removed before comparing person names.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "hon",
    "honorable", "honourable", "his", "her", "excellency", "he", "sheikh", "shaikh", "sheik",
    "shaykh", "cheikh", "mullah", "mulla", "mullah", "maulavi", "maulvi", "mawlawi", "moulavi",
    "mawlavi", "molvi", "haji", "hajji", "alhaji", "hadji", "qari", "mufti", "imam", "sayyed",
    "president", "presidente", "presiden", "prasident", "praesident", "predsjednik",
    "presedintele", "prezydent", "prezident", "prezidentas", "elnok", "prezidents", "presidentti",
    "prezidenti", "general", "gen", "colonel", "col", "major", "maj", "lieutenant", "lt", "captain",
    "capt", "admiral", "adm", "brigadier", "commander", "cmdr", "marshal", "minister", "deputy",
    "senator", "governor", "ambassador", "judge", "eng", "engineer", "ing", "monsieur", "madame",
    "herr", "frau", "senor", "senora", "don", "dona", "gospodin", "gospozha", "san", "sama",
    "shi", "daetongnyeong", "tongryeong", "jr", "sr", "junior", "senior", "ii", "iii", "iv",
];

/// Whether two sets of legal forms name different kinds of company (an
/// `AG` is not a `GmbH`). Limited-liability, limited, company and
/// corporation forms are treated as one family.
pub fn legal_forms_conflict(a: &[LegalForm], b: &[LegalForm]) -> bool {
    fn family(f: LegalForm) -> u8 {
        match f {
            LegalForm::Llc | LegalForm::Ltd | LegalForm::Co | LegalForm::Corp | LegalForm::Plc => 0,
            LegalForm::Jsc => 1,
            LegalForm::Partnership => 2,
            LegalForm::StateEnterprise => 3,
            LegalForm::Other => 4,
        }
    }
    if a.is_empty() || b.is_empty() {
        return false;
    }
    !a.iter().any(|x| b.iter().any(|y| family(*x) == family(*y)))
}

/// The letters of a person's initials written together (`JC Juncker`): a
/// Latin word of two letters without a vowel, which no name part is (`Ng`,
/// a Cantonese family name, and `St`, Saint, aside). Three consonants are
/// more often a word with its vowels left out (`Ptn`).
/// `None` for any other word.
pub fn glued_initials(word: &str) -> Option<Vec<String>> {
    let n = word.len();
    let glued = n == 2
        && word.bytes().all(|b| b.is_ascii_lowercase() && !b"aeiouy".contains(&b))
        && !matches!(word, "ng" | "st")
        && !is_title(word);
    glued.then(|| word.chars().map(String::from).collect())
}

/// Whether `word` is a title or honorific (`dr`, `sheikh`, `president`…).
pub fn is_title(word: &str) -> bool {
    static SET: WordSet = WordSet::new(TITLES);
    SET.contains(word)
}

/// Whether two different words are the forms of one name for a man and
/// for a woman: Slavic surnames and given names (`petrov` / `petrova`,
/// `ivan` / `ivana`, `yevgeniy` / `yevgeniya`, `kovalskiy` / `kovalskaya`,
/// and the same in Cyrillic: `лебедев` / `лебедева`, `евгений` /
/// `евгения`), Romance given names (`mario` / `maria`, `luis` / `luisa`)
/// and French ones (`michel` / `michelle`).
pub fn gender_variants(a: &str, b: &str) -> bool {
    // (Called for many pairs of words while comparing names: the counts,
    // the last letters and the endings are read once, most pairs stop at
    // the first test that needs an ending they lack.)
    let count = |w: &str| if w.is_ascii() { w.len() } else { w.chars().count() };
    let (short, long) = if count(a) <= count(b) { (a, b) } else { (b, a) };
    if count(short) < 3 {
        return false;
    }
    let mut back = short.chars().rev();
    let (last, before_last) = (back.next(), back.next());
    let consonant_end = last.is_some_and(|c| c.is_alphabetic() && !is_vowel(c));
    if let Some(rest) = long.strip_prefix(short) {
        return (consonant_end && (rest == "a" || rest == "а")) || (short.ends_with('l') && rest == "le");
    }
    // A woman's Slavic surname with a slip in its stem (`Barynova` /
    // `Baranov`): still the female form, not a typo of the male one.
    if consonant_end && before_last.zip(last).is_some_and(is_slavic_ending) {
        if let Some(stem) = long.strip_suffix(['a', 'а']) {
            let mut back = stem.chars().rev();
            let (last, before_last) = (back.next(), back.next());
            if before_last.zip(last).is_some_and(is_slavic_ending) && crate::edits::one_edit_apart(stem, short) {
                return true;
            }
        }
    }
    // Endings that replace each other: a man's ending on one word
    // (`-o`, `-iy`, `-ий`) and a woman's on the other (`-a`, `-aya`, `-ая`).
    const SWAPS: [(&str, &str); 8] =
        [("o", "a"), ("iy", "aya"), ("yi", "aya"), ("ii", "aya"), ("ий", "ая"), ("ый", "ая"), ("ой", "ая"), ("й", "я")];
    let male = |w: &str| w.ends_with(['o', 'y', 'i', 'й']);
    let female = |w: &str| w.ends_with(['a', 'я']);
    if !(male(a) && female(b) || male(b) && female(a)) {
        return false;
    }
    SWAPS.iter().any(|(m, f)| {
        let pair = |x: &str, y: &str| {
            matches!((x.strip_suffix(m), y.strip_suffix(f)), (Some(s1), Some(s2)) if s1 == s2 && s1.chars().count() >= 3)
        };
        pair(a, b) || pair(b, a)
    })
}

/// The vowels of the Latin and Cyrillic alphabets, lower case.
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я' | 'і' | 'є')
}

/// Whether the last two letters of a word end a Slavic family name
/// (`-ov`, `-ev`, `-in`, `-yn`, and in Cyrillic `-ов`, `-ев`, `-ин`, `-ын`).
fn is_slavic_ending(last_two: (char, char)) -> bool {
    matches!(last_two, ('o' | 'e', 'v') | ('i' | 'y', 'n') | ('о' | 'е', 'в') | ('и' | 'ы', 'н'))
}

/// Whether one word is the other with the Arabic and Persian nisba
/// suffix `-i` (`ی`/`ي`, "of"): `Mohammadi` / `Mohammad`, `Hosseini` /
/// `Hossein`, `Soltani` / `Sultan`, `Rashidi` / `Rashid`. The nisba makes
/// a family name of its own out of a given name, a place or a tribe: the
/// two name different people, not one person with a typo. Vowels inside
/// may differ (`Maleki` / `Malik`), and the vowels of a name read from
/// Arabic script are guesses (`Rashidi` / `Rashd`, `Sltani` / `Sultan`):
/// the word ending in `-i` must be longer, or as long but not one slip
/// away, and end, before it, in the consonant that ends the other
/// (`Jamli` / `Jamil` is a typo), and its stem be at least four letters. Not after `h`: `Abdullahi` is the Somali and West
/// African form of `Abdullah`, not its nisba.
pub fn nisba_variants(a: &str, b: &str) -> bool {
    fn stem(w: &str) -> Option<&str> {
        let s = w.strip_suffix('i').or_else(|| w.strip_suffix('y'))?;
        s.ends_with(|c: char| c.is_ascii_alphabetic() && !"aeiouyh".contains(c)).then_some(s)
    }
    let pair = |x: &str, y: &str| {
        // In Arabic script: the name and `ی`/`ي` (`محمدی` / `محمد`).
        if let Some(s) = x.strip_suffix(['ی', 'ي']) {
            return s == y && s.chars().count() >= 3;
        }
        let Some(s) = stem(x) else { return false };
        let last = |w: &str| w.chars().last();
        // As long, a slip (`Jamli` / `Jamil`) rather than a suffix.
        let longer = x.len() > y.len() || (x.len() == y.len() && !crate::edits::one_edit_apart(x, y));
        longer && s.len() >= 4 && last(s) == last(y) && !y.ends_with(['a', 'e', 'i', 'o', 'u', 'y'])
    };
    pair(a, b) || pair(b, a)
}

/// Titles that are also common name parts (`He` and `Shi` are Chinese
/// surnames, `San` a Burmese and Korean name part, `Don` an English and
/// `Junior` a Brazilian given name, `Sama` and `Donà` surnames): titles
/// only where the script says so (`さん`, `様`, `氏` read from kana or
/// kanji), parts of the name in Latin script.
const NAME_LIKE_TITLES: &[&str] = &["he", "shi", "san", "sama", "don", "dona", "junior"];

/// Whether `word` is a title that is also a common name part (see
/// [`NAME_LIKE_TITLES`]).
pub fn is_name_like_title(word: &str) -> bool {
    NAME_LIKE_TITLES.contains(&word)
}

/// Name particles: kept, but weigh little and may be missing on one side.
const PARTICLES: &[&str] = &[
    "al", "el", "ul", "bin", "ibn", "ben", "bint", "binti", "bte", "abu", "abou", "umm", "von",
    "van", "der", "den", "de", "da", "di", "do", "dos", "das", "du", "la", "le", "del", "della",
    "ter", "ten", "zu", "y", "e", "a", "o", "mac", "mc", "ap", "ould", "ag", "uld",
    // Compound particles written as one word (see `spell_name_words`).
    "vander", "vanden", "vande", "vonder", "vondem", "dela", "delos", "delas",
];

/// Particles of two words often written as one (`Van der Bilt` /
/// `Vanderbilt`, `De la Cruz` / `Delacruz`), with the one word.
const COMPOUND_PARTICLES: &[(&str, &str, &str)] = &[
    ("van", "der", "vander"),
    ("van", "den", "vanden"),
    ("van", "de", "vande"),
    ("von", "der", "vonder"),
    ("von", "dem", "vondem"),
    ("de", "la", "dela"),
    ("de", "los", "delos"),
    ("de", "las", "delas"),
];

/// Spellings of Arabic `عبد ال` (servant of the) before one of the names
/// of God: `Abd al-Aziz`, `Abdel Aziz`, `Abdul Aziz` are one name.
const ABD_AL: &[&str] = &["abdul", "abdel", "abdal", "abdol", "abdoul", "abdoel"];

/// The words of a name with the spellings that vary between lists made
/// one: compound particles as one word (`van der` → `vander`, so that the
/// glued `Vanderbilt` pairs with `vander` + `bilt`), and `Abd al` /
/// `Abdel` / `Abdoul` as `abdul`. Other words unchanged.
pub fn spell_name_words(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while let Some(w) = words.get(i) {
        let next = words.get(i + 1).map(String::as_str);
        let glued = COMPOUND_PARTICLES.iter().find(|(a, b, _)| w == a && next == Some(*b)).map(|(.., one)| *one);
        let abdul = (w == "abd" && matches!(next, Some("al" | "el" | "ul"))).then_some("abdul");
        if let Some(one) = glued.or(abdul) {
            out.push(one.to_string());
            i += 2;
            continue;
        }
        let word = if ABD_AL.contains(&w.as_str()) { "abdul".to_string() } else { w.clone() };
        out.push(word);
        i += 1;
    }
    out
}

/// The usual spelling of a name particle written several ways: `ibn` →
/// `bin` (son of), `el`/`ul` → `al` (the), `abou` → `abu` (father of);
/// other words unchanged. `ben` stays: it is also a given name.
pub fn canonical_particle(word: &str) -> &str {
    match word {
        "ibn" => "bin",
        "el" | "ul" => "al",
        "abou" => "abu",
        other => other,
    }
}

/// Whether `word` is a name particle (`al`, `bin`, `von`, `de`…).
pub fn is_particle(word: &str) -> bool {
    static SET: WordSet = WordSet::new(PARTICLES);
    SET.contains(word)
}

/// A Roman numeral from 1 to 39 (`i`, `iv`, `xii`, `xxxix`), as a number:
/// the series and vintage marks of funds, trusts and ships.
pub fn roman_numeral(word: &str) -> Option<u32> {
    let tens = word.bytes().take_while(|b| *b == b'x').count();
    let units = match word.get(tens..)? {
        "" => 0,
        "i" => 1,
        "ii" => 2,
        "iii" => 3,
        "iv" => 4,
        "v" => 5,
        "vi" => 6,
        "vii" => 7,
        "viii" => 8,
        "ix" => 9,
        _ => return None,
    };
    let value = tens as u32 * 10 + units;
    (tens <= 3 && value > 0).then_some(value)
}

/// English number and ordinal words (`one`…`ninety`, `first`…), as numbers.
pub fn number_word(word: &str) -> Option<u32> {
    const UNITS: [&str; 20] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen",
    ];
    const ORDINALS: [&str; 13] = [
        "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
        "ninth", "tenth", "eleventh", "twelfth",
    ];
    const TENS: [&str; 10] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    if let Some(n) = UNITS.iter().position(|w| *w == word) {
        return Some(n as u32);
    }
    if let Some(n) = ORDINALS.iter().position(|w| *w == word) {
        return Some(n as u32);
    }
    if let Some(n) = TENS.iter().position(|w| !w.is_empty() && *w == word) {
        return Some(n as u32 * 10);
    }
    // A common misspelling, as in `Brigade Fourty-four`.
    if word == "fourty" {
        return Some(40);
    }
    if word == "hundred" {
        return Some(100);
    }
    // 1st, 2nd, 3rd, 4th
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let suffix = &word[digits.len()..];
    if !digits.is_empty() && matches!(suffix, "st" | "nd" | "rd" | "th") {
        return digits.parse().ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`gender_variants`] as first written, rule by rule, without its
    /// shortcuts: the shortcuts must never change an answer.
    fn gender_variants_rule_by_rule(a: &str, b: &str) -> bool {
        let (short, long) = if a.chars().count() <= b.chars().count() { (a, b) } else { (b, a) };
        if short.chars().count() < 3 {
            return false;
        }
        let consonant_end = short.chars().last().is_some_and(|c| c.is_alphabetic() && !"aeiouаеёиоуыэюяіє".contains(c));
        if let Some(rest) = long.strip_prefix(short) {
            return (consonant_end && (rest == "a" || rest == "а")) || (short.ends_with('l') && rest == "le");
        }
        let slavic = ["ov", "ev", "in", "yn", "ов", "ев", "ин", "ын"];
        if consonant_end && slavic.iter().any(|e| short.ends_with(e)) {
            if let Some(stem) = long.strip_suffix('a').or_else(|| long.strip_suffix('а')) {
                if slavic.iter().any(|e| stem.ends_with(e)) && crate::edits::one_edit_apart(stem, short) {
                    return true;
                }
            }
        }
        const SWAPS: [(&str, &str); 8] =
            [("o", "a"), ("iy", "aya"), ("yi", "aya"), ("ii", "aya"), ("ий", "ая"), ("ый", "ая"), ("ой", "ая"), ("й", "я")];
        SWAPS.iter().any(|(m, f)| {
            let pair = |x: &str, y: &str| {
                matches!((x.strip_suffix(m), y.strip_suffix(f)), (Some(s1), Some(s2)) if s1 == s2 && s1.chars().count() >= 3)
            };
            pair(a, b) || pair(b, a)
        })
    }

    proptest::proptest! {
        #[test]
        fn gender_variants_agree_with_the_rules_one_by_one(
            stem in "[a-z]{0,5}|[а-я]{0,5}",
            slip in "|[a-zаоиы]",
            a in "|a|o|i|y|e|l|le|n|v|ov|ova|ev|in|yn|ina|iy|aya|ii|yi|ий|ая|ой|ый|й|я|а|ов|ова|ин|ына|е",
            b in "|a|o|i|y|e|l|le|n|v|ov|ova|ev|in|yn|ina|iy|aya|ii|yi|ий|ая|ой|ый|й|я|а|ов|ова|ин|ына|е",
        ) {
            let (x, y) = (format!("{stem}{a}"), format!("{stem}{slip}{b}"));
            proptest::prop_assert_eq!(gender_variants(&x, &y), gender_variants_rule_by_rule(&x, &y), "{} / {}", x, y);
            proptest::prop_assert_eq!(gender_variants(&y, &x), gender_variants_rule_by_rule(&y, &x), "{} / {}", y, x);
        }
    }

    proptest::proptest! {
        /// Splitting glued forms and respacing forms only move spaces
        /// (and, for a form whose first letter sat on the word before, that
        /// letter): the letters of the name, in order, stay the same, and
        /// no word is empty. Words drawn so that forms, pieces of forms and
        /// glued forms occur.
        #[test]
        fn splitting_and_respacing_keep_the_letters(
            words in proptest::collection::vec("[a-z]{1,9}|s|a|de|cv|dec|v|rl|sa|pte|ltd|pteltd|joint|stock|company|arl|ooo|[a-z]{4,8}(ltd|srl|ooo|fze|joint|limited)|(ooo|llc)[a-z]{4,8}", 0..7),
        ) {
            let split = split_glued_legal_forms(&words);
            let respaced = respace_forms(split.clone());
            for out in [&split, &respaced] {
                proptest::prop_assert_eq!(out.concat(), words.concat(), "{:?} -> {:?}", words, out);
                proptest::prop_assert!(out.iter().all(|w| !w.is_empty()), "{:?} -> {:?}", words, out);
            }
        }
    }

    fn w(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn words_that_may_begin_a_legal_form_are_told_from_the_others() {
        // Every word of a form, and its slips and vowelless spellings, may be one.
        for word in ["llc", "ooo", "joint", "company", "compnay", "cmpny", "lblty", "aktiengeselschaft", "obshchestvo", "obshhestvo"] {
            assert!(may_be_legal_word(word), "{word}");
        }
        for word in ["acme", "rosneft", "trading", "volga", "siemens", "ivanov", "xy"] {
            assert!(!may_be_legal_word(word), "{word}");
        }
        // A name none of whose words may be a form has no form.
        assert!(legal_form_marks(&w("acme rotor works")).iter().all(Option::is_none));
    }

    #[test]
    fn particles_spelled_one_way() {
        assert_eq!(canonical_particle("ibn"), "bin");
        assert_eq!(canonical_particle("el"), "al");
        assert_eq!(canonical_particle("ben"), "ben");
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_numeral("vii"), Some(7));
        assert_eq!(roman_numeral("xiv"), Some(14));
        assert_eq!(roman_numeral("xx"), Some(20));
        assert_eq!(roman_numeral("x"), Some(10));
        assert_eq!(roman_numeral("xxxx"), None);
        assert_eq!(roman_numeral("vx"), None);
        assert_eq!(roman_numeral("iiii"), None);
        assert_eq!(roman_numeral(""), None);
    }

    #[test]
    fn finds_legal_forms() {
        assert_eq!(legal_form_at(&w("acme limited liability company"), 1), Some((LegalForm::Llc, 3)));
        assert_eq!(legal_form_at(&w("acme ooo"), 1), Some((LegalForm::Llc, 1)));
        assert_eq!(legal_form_at(&w("acme"), 0), None);
        assert_eq!(legal_form_at(&w("siemens aktiengeselschaft"), 1), Some((LegalForm::Jsc, 1)));
        assert_eq!(legal_form_at(&w("acme joynt stock company"), 1), Some((LegalForm::Jsc, 3)));
        assert_eq!(legal_form_at(&w("acme joint stock compan"), 1), Some((LegalForm::Jsc, 3)));
        assert_eq!(legal_form_at(&w("acme joynt stock compan"), 1), Some((LegalForm::Jsc, 3)));
        assert_eq!(legal_form_at(&w("acme joynt stok compan"), 1), None);
        assert_eq!(legal_form_at(&w("aktsionernoe obshchestvo"), 0), Some((LegalForm::Jsc, 2)));
        assert_eq!(legal_form_at(&w("aktsionerone obshchdstvo"), 0), Some((LegalForm::Jsc, 1)), "two words of two misspelt: only the first word, a form of its own");
        assert_eq!(legal_form_at(&w("acme ltx"), 1), None);
        assert_eq!(legal_form_at(&w("limited liability comany carbon"), 0), Some((LegalForm::Llc, 3)));
        assert_eq!(legal_form_at(&w("limited carbon"), 0), Some((LegalForm::Ltd, 1)));
        assert_eq!(legal_form_at(&w("limited lblty company stek"), 0), Some((LegalForm::Llc, 3)));
        assert_eq!(legal_form_at(&w("acme cmpny"), 1), Some((LegalForm::Co, 1)));
    }

    #[test]
    fn respaces_forms_spaced_otherwise() {
        let respaced = |name: &str| respace_forms(w(name)).join(" ");
        assert_eq!(respaced("camelias bar sa dec v"), "camelias bar sa de cv");
        assert_eq!(respaced("villba stone s a dec v"), "villba stone s a de cv");
        assert_eq!(respaced("peca s de rl dec v"), "peca s de rl de cv");
        assert_eq!(respaced("sistema asia pteltd"), "sistema asia pte ltd");
        assert_eq!(respaced("acme jointstock company"), "acme joint stock company");
        assert_eq!(respaced("limitedliability company stek"), "limited liability company stek");
        // Spellings as lists write them, and name words, stay.
        for name in ["camelias bar sa de cv", "peca s de rl de cv", "sade cvetkovic", "sadec v", "acme s a"] {
            assert_eq!(respaced(name), name);
        }
    }

    fn forms_of(name: &str) -> Vec<(LegalForm, usize)> {
        let ws = w(name);
        let marks = legal_form_marks(&ws);
        marks.iter().flatten().filter(|m| m.first).map(|m| (m.form, marks.iter().flatten().filter(|n| n.form == m.form).count())).collect()
    }

    fn rest_of(name: &str) -> String {
        let ws = w(name);
        let marks = legal_form_marks(&ws);
        ws.iter().zip(&marks).filter(|(_, m)| m.is_none()).map(|(w, _)| w.as_str()).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn marks_legal_forms_in_any_order() {
        assert_eq!(rest_of("nexign joint stock company"), "nexign");
        assert_eq!(rest_of("company joint stock nexign"), "nexign");
        assert_eq!(forms_of("company joint stock nexign"), [(LegalForm::Jsc, 3)]);
        assert_eq!(rest_of("stek liability company limited"), "stek");
        assert_eq!(rest_of("liability stek limited company"), "stek");
        assert_eq!(rest_of("obshchestvo s ogranichennoi otvetstvennostiu grend si"), "grend si");
        assert_eq!(rest_of("limited liability comany carbon"), "carbon");
        assert_eq!(rest_of("linited liability comapny tekhargos"), "tekhargos");
        assert_eq!(rest_of("compayn gulfwind liabilitty limited"), "gulfwind");
        // Forms of one word stay where they are, and count once each.
        assert_eq!(forms_of("acme trading company limited"), [(LegalForm::Co, 1), (LegalForm::Ltd, 1)]);
        assert_eq!(rest_of("acme trading company limited"), "acme trading");
        // A form of three words or more with one left out, if two long words are left.
        assert_eq!(forms_of("bank zenit public stock company"), [(LegalForm::Jsc, 3)]);
        assert_eq!(rest_of("acme sp z o"), "acme sp z o");
        assert_eq!(rest_of("lithium element joint company"), "lithium element");
        assert_eq!(rest_of("auction limited liability"), "auction");
        assert_eq!(rest_of("obshchestvo ogranichennoi otvetstvennostiu signal invest"), "signal invest");
        assert_eq!(rest_of("stock exchange of tehran"), "stock exchange of tehran");
        // Short words are not gathered from across the name.
        assert_eq!(rest_of("s banka a"), "s banka a");
        assert_eq!(rest_of("joint venture stock exchange"), "joint venture stock exchange");
    }

    #[test]
    fn a_name_that_is_only_a_legal_form_keeps_its_words() {
        assert_eq!(rest_of("joint stock company"), "joint stock");
        assert_eq!(rest_of("limited"), "limited");
        assert_eq!(rest_of("company joint stock"), "joint stock");
    }

    #[test]
    fn splits_glued_legal_forms() {
        assert_eq!(split_glued_legal_forms(&w("oman fuel tradingltd")), w("oman fuel trading ltd"));
        assert_eq!(split_glued_legal_forms(&w("ooosibirskie mineraly")), w("ooo sibirskie mineraly"));
        assert_eq!(split_glued_legal_forms(&w("llcspetselservis")), w("llc spetselservis"));
        assert_eq!(split_glued_legal_forms(&w("welmart grouplimited")), w("welmart group limited"));
        assert_eq!(split_glued_legal_forms(&w("limitedliability company stek")), w("limited liability company stek"));
        assert_eq!(split_glued_legal_forms(&w("openjoint stock")), w("open joint stock"));
        assert_eq!(split_glued_legal_forms(&w("companyaeon mining")), w("company aeon mining"));
        assert_eq!(split_glued_legal_forms(&w("aktsionernoeobshchestvo")), w("aktsionernoe obshchestvo"));
        assert_eq!(split_glued_legal_forms(&w("lithium elementjoint stock company")), w("lithium element joint stock company"));
        assert_eq!(split_glued_legal_forms(&w("teshilovoooo")), w("teshilovo ooo"));
        assert_eq!(split_glued_legal_forms(&w("ceclimited")), w("cec limited"));
        assert_eq!(split_glued_legal_forms(&w("petrogatfze")), w("petrogat fze"));
        assert_eq!(split_glued_legal_forms(&w("otvetstvennostiugrend si")), w("otvetstvennostiu grend si"));
        // A form whose first letter was written against the word before.
        assert_eq!(split_glued_legal_forms(&w("hodroj exchanges arl")), w("hodroj exchange sarl"));
        assert_eq!(split_glued_legal_forms(&w("nimr internationals rl")), w("nimr international srl"));
        for name in ["banco nacional sa", "gulf star v", "acme holdings a", "pars oil co", "gossip a"] {
            assert_eq!(split_glued_legal_forms(&w(name)), w(name), "{name}");
        }
        // Ordinary words that happen to begin or end like a form stay whole.
        for word in ["disjoint", "adjoint", "empty", "dumpty", "tattoo", "unlimited", "accompany", "incorporation", "delimited", "ltda", "company", "plcx", "stockholm", "publication", "generalissimo", "statecraft", "incest"] {
            assert_eq!(split_glued_legal_forms(&w(word)), w(word), "{word}");
        }
    }

    #[test]
    fn splits_script_legal_forms() {
        let (rest, forms) = split_cjk_legal_forms("株式会社カラシニコフ・コンツェルン");
        assert_eq!(rest, "カラシニコフ・コンツェルン");
        assert_eq!(forms, [LegalForm::Jsc]);
        let (rest, forms) = split_cjk_legal_forms("ооо «ромашка»");
        assert_eq!(rest, "«ромашка»");
        assert_eq!(forms, [LegalForm::Llc]);
        let (rest, forms) = split_cjk_legal_forms(&crate::normalize::clean("ｶ)ﾐﾂﾋﾞｼ"));
        assert_eq!(rest, "ミツビシ");
        assert_eq!(forms, [LegalForm::Jsc]);
        // A Latin legal form written letter by letter in Cyrillic.
        let (rest, forms) = split_cjk_legal_forms("парсек ллк");
        assert_eq!(rest, "парсек");
        assert_eq!(forms, [LegalForm::Llc]);
        // `Ко` is a family name before it is `Co.`: it is `Co.` only after
        // a word, last or before another form of English company names.
        for name in ["ко мён хун", "мён хун ко сон", "ли ко мин"] {
            let (rest, forms) = split_cjk_legal_forms(name);
            assert_eq!(rest, name);
            assert!(forms.is_empty(), "{name}");
        }
        for (name, expected) in [
            ("синно електроникс ко., лимитед", "синно електроникс лимитед"),
            ("куанжу траде ко., лтд.", "куанжу траде лтд."),
            ("набил чуман & ко", "набил чуман &"),
            ("чонмёнг шиппинг ко", "чонмёнг шиппинг"),
        ] {
            let (rest, forms) = split_cjk_legal_forms(name);
            assert_eq!(rest, expected, "{name}");
            assert!(forms.contains(&LegalForm::Co), "{name}: {forms:?}");
        }
    }

    #[test]
    fn spells_particles_and_abd_al_one_way() {
        assert_eq!(spell_name_words(&w("van der bilt")), w("vander bilt"));
        assert_eq!(spell_name_words(&w("abd al aziz al nuristani")), w("abdul aziz al nuristani"));
        assert_eq!(spell_name_words(&w("abdel fattah")), w("abdul fattah"));
        assert_eq!(spell_name_words(&w("abd rabbuh")), w("abd rabbuh"));
        assert_eq!(spell_name_words(&w("maria de")), w("maria de"));
    }

    #[test]
    fn nisba_makes_another_name() {
        assert!(nisba_variants("mohammadi", "mohammad"));
        assert!(nisba_variants("sultan", "soltani"));
        assert!(nisba_variants("maleki", "malik"));
        assert!(!nisba_variants("hossein", "husayn"));
        assert!(!nisba_variants("ali", "al"));
        assert!(!nisba_variants("andrei", "andre"));
        assert!(!nisba_variants("jamli", "jamil"));
        assert!(nisba_variants("sltani", "sultan"));
        assert!(nisba_variants("محمدی", "محمد"));
        assert!(gender_variants("barynova", "baranov"));
        assert!(!gender_variants("baranov", "barinov"));
        assert!(!nisba_variants("cabdullaahi", "cabdullaah"));
    }

    #[test]
    fn glued_initials_are_initials() {
        assert_eq!(glued_initials("jc"), Some(w("j c")));
        assert_eq!(glued_initials("ng"), None);
        assert_eq!(glued_initials("dr"), None);
        assert_eq!(glued_initials("jean"), None);
        assert_eq!(glued_initials("ptn"), None);
    }

    #[test]
    fn writes_out_abbreviations() {
        assert_eq!(expand_abbreviations(&w("first bank int l")), w("first bank international"));
        assert_eq!(expand_abbreviations(&w("u s department of state")), w("united states department of state"));
        assert_eq!(expand_abbreviations(&w("acme us")), w("acme united states"));
        assert_eq!(expand_abbreviations(&w("acme")), w("acme"));
    }

    #[test]
    fn reads_number_words() {
        assert_eq!(number_word("forty"), Some(40));
        assert_eq!(number_word("first"), Some(1));
        assert_eq!(number_word("1st"), Some(1));
        assert_eq!(number_word("foo"), None);
        assert_eq!(number_word("fourty"), Some(40));
    }
}
