//! From a name in any script to comparable Latin token sequences.

use std::sync::Arc;

use rphonetic::DoubleMetaphone;
use seisai_model::Schema;
use seisai_names::japanese::JapaneseReader;
use seisai_names::normalize::{clean, split_camel_case, words};
use seisai_names::script::{NameScript, dominant};
use seisai_names::translit::latin_forms;
use seisai_names::vocab::{self, LegalForm};
use serde::Serialize;
use smol_str::SmolStr;

/// Shared resources for preparing names: the optional Japanese reader
/// (kanji readings from ENAMDICT). Cheap to clone.
#[derive(Clone, Default)]
pub struct NameContext {
    /// Japanese reader, if the dictionaries are installed.
    pub japanese: Option<Arc<JapaneseReader>>,
}

impl NameContext {
    /// A context with the Japanese reader loaded from the default places
    /// (see [`JapaneseReader::load_default`]); without the dictionaries,
    /// kanji readings are off (a warning is logged once).
    pub fn load_default() -> Self {
        NameContext { japanese: JapaneseReader::load_default().map(Arc::new) }
    }

    /// A context without the Japanese reader (kana and Latin still work).
    pub fn without_dictionaries() -> Self {
        NameContext { japanese: None }
    }
}

/// What a token is, which decides how it is compared and weighed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// An ordinary name part.
    Word,
    /// A name particle (`al`, `bin`, `von`): weighs little.
    Particle,
    /// A generic organisation word (`trading`, `group`): weighs little.
    Generic,
    /// A single letter (an initial).
    Initial,
    /// A number (digits, or a number word converted to digits): compared exactly.
    Number,
}

/// One part of a name form.
#[derive(Clone, Debug, Serialize)]
pub struct Token {
    /// The part in Latin script, lower case (inline up to 23 bytes: no
    /// allocation of its own for almost every part of the lists' names).
    pub text: SmolStr,
    /// Its kind.
    pub kind: TokenKind,
    /// Its weight in the comparison.
    pub weight: f32,
    /// Double Metaphone primary code.
    #[serde(skip)]
    pub phonetic: Code,
    /// Double Metaphone alternate code.
    #[serde(skip)]
    pub phonetic_alt: Code,
    /// Number of characters of `text` (at most `u16::MAX`).
    #[serde(skip)]
    pub char_count: u16,
    /// Its characters, folded (see [`crate::matcher::Letters`]).
    #[serde(skip)]
    pub letters: crate::matcher::Letters,
    /// A hash of everything [`crate::compare::part_similarity`] reads of
    /// the token, to remember similarities already computed.
    #[serde(skip)]
    pub similarity_key: u64,
    /// A hash of the word's romanisation skeleton (see
    /// [`seisai_names::translit::romanisation_skeleton`]) for a word in
    /// ASCII letters, 0 for any other part: computed once here rather than
    /// for every pair of words compared.
    #[serde(skip)]
    pub skeleton: u64,
    /// Comparators prepared for a query token (see [`Prepared::with_matchers`](crate::score::Prepared::with_matchers)).
    #[serde(skip)]
    pub matcher: Option<Arc<crate::matcher::TokenMatcher>>,
    /// Whether the part of a query was read from a syllabic transcription
    /// (katakana, or Chinese characters of a foreign name): it may stand
    /// for any Latin spelling the transcription writes alike (see
    /// [`seisai_names::translit::transcribed_sounds`] and
    /// [`Prepared::with_matchers`](crate::score::Prepared::with_matchers)).
    #[serde(skip)]
    pub transcribed: bool,
}

impl Token {
    fn new(text: impl Into<SmolStr>, kind: TokenKind, dm: &DoubleMetaphone) -> Self {
        let text: SmolStr = text.into();
        let len = text.chars().count();
        let weight = match kind {
            TokenKind::Word => 0.5 + 0.5 * (len.min(8) as f32 / 8.0),
            TokenKind::Particle => 0.2,
            TokenKind::Generic => GENERIC_WEIGHT,
            TokenKind::Initial => 0.4,
            TokenKind::Number => 1.0,
        };
        let (phonetic, phonetic_alt) = if matches!(kind, TokenKind::Word) && text.is_ascii() {
            let r = dm.double_metaphone(&text);
            (Code::new(&r.primary()), Code::new(&r.alternate()))
        } else {
            (Code::default(), Code::default())
        };
        let letters = crate::matcher::Letters::of(text.chars());
        let char_count = u16::try_from(len).unwrap_or(u16::MAX);
        let skeleton = if matches!(kind, TokenKind::Word) { crate::matcher::skeleton_key(&text) } else { 0 };
        let mut token = Token {
            text,
            kind,
            weight,
            phonetic,
            phonetic_alt,
            char_count,
            letters,
            similarity_key: 0,
            skeleton,
            matcher: None,
            transcribed: false,
        };
        token.similarity_key = crate::matcher::similarity_key(&token);
        token
    }
}

/// Makes the tokens of one name, each distinct part once: a token depends
/// only on its text and kind, and the Latin forms of a name repeat most of
/// their parts (Double Metaphone and the romanisation skeleton are the
/// dearest steps of preparing a part).
struct TokenMaker<'a> {
    dm: &'a DoubleMetaphone,
    made: Vec<Token>,
}

impl<'a> TokenMaker<'a> {
    fn new(dm: &'a DoubleMetaphone) -> Self {
        TokenMaker { dm, made: Vec::new() }
    }

    /// The token of `text` as a part of `kind`.
    fn make(&mut self, text: &str, kind: TokenKind) -> Token {
        if let Some(made) = self.made.iter().find(|t| t.kind == kind && t.text == text) {
            return made.clone();
        }
        let token = Token::new(text, kind, self.dm);
        self.made.push(token.clone());
        token
    }
}

impl Token {
    /// The characters of the part.
    pub fn chars(&self) -> std::str::Chars<'_> {
        self.text.chars()
    }

    /// Its first character.
    pub fn first_char(&self) -> Option<char> {
        self.text.chars().next()
    }
}

/// A short ASCII code (a Double Metaphone code: at most 6 letters here)
/// stored inline in 8 bytes, without an allocation of its own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Code {
    bytes: [u8; Code::CAPACITY],
    len: u8,
}

impl Code {
    /// The most bytes a code keeps.
    pub const CAPACITY: usize = 7;

    /// The code of `s`, cut to [`Code::CAPACITY`] bytes (at a character boundary).
    pub fn new(s: &str) -> Self {
        let mut end = s.len().min(Self::CAPACITY);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        let mut bytes = [0u8; Self::CAPACITY];
        bytes[..end].copy_from_slice(&s.as_bytes()[..end]);
        Code { bytes, len: end as u8 }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or_default()
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether there is no code.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One Latin rendering of a name, ready for comparison.
#[derive(Clone, Debug, Serialize)]
pub struct NameForm {
    /// The name as given (shared by the forms of one name).
    #[serde(serialize_with = "serialize_shared_str")]
    pub original: Arc<str>,
    /// The Latin rendering this form was built from.
    pub latin: SmolStr,
    /// The script of the original.
    pub script: NameScript,
    /// The parts, in order, without legal forms and titles. (The
    /// sequences of a form are boxed slices: 8 bytes less each than a
    /// vector, and no spare capacity, over ~200,000 forms of the lists.)
    pub tokens: Box<[Token]>,
    /// Legal forms found in the name (compared as their own kind).
    pub legal_forms: Box<[LegalForm]>,
    /// Titles and honorifics removed from the name.
    pub titles: Box<[String]>,
    /// Adjacent parts written together, precomputed for comparison.
    #[serde(skip)]
    pub joined: Box<[Option<Token>]>,
    /// Lookup keys of the form, sorted (see [`crate::keys`]).
    #[serde(skip)]
    pub keys: Box<[u64]>,
    /// Whether this form keeps the name in its own (non-Latin) script.
    /// Two names written in the same script are compared in that script,
    /// so that two different Korean or Chinese names which romanise alike
    /// (김종은 / 김정은) stay apart.
    pub native: bool,
    /// Whether the name is a Chinese or Korean name in its own script
    /// (every word at most three characters, `병철 김`, `习近平`): each of its
    /// syllables tells people apart, and its romanised syllables differ by
    /// a letter between different names. Foreign names transcribed into
    /// Hangul or Han (`블라디미르 푸틴`) have longer words.
    pub syllabic: bool,
    /// A hash of what the bound of a comparison reads of the form (see
    /// `bound::content_key`), set once its parts are final: the key under
    /// which bounds against it are remembered.
    #[serde(skip)]
    content: u64,
}

fn serialize_shared_str<S: serde::Serializer>(s: &Arc<str>, ser: S) -> Result<S::Ok, S::Error> {
    ser.serialize_str(s)
}

impl NameForm {
    /// Sum of the token weights.
    pub fn total_weight(&self) -> f32 {
        self.tokens.iter().map(|t| t.weight).sum()
    }

    /// A hash of what the bound of a comparison reads of the form: equal
    /// for forms the bound cannot tell apart.
    pub fn content_key(&self) -> u64 {
        self.content
    }

    /// Whether the form has a token that can identify something on its own
    /// (a word, or a number, not only generic words and particles).
    pub fn is_distinctive(&self) -> bool {
        self.tokens.iter().any(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
    }
}

thread_local! {
    static METAPHONE: DoubleMetaphone = DoubleMetaphone::new(Some(6));
}

/// Prepares a name of an entity of `schema` (organisation names get legal
/// forms and generic words recognised; person names get titles removed)
/// into its Latin forms, best first, without duplicates. Returns no form
/// for a name with no letters or digits.
pub fn prepare(name: &str, schema: &Schema, ctx: &NameContext) -> Vec<NameForm> {
    METAPHONE.with(|dm| prepare_with(name, schema, ctx, &mut TokenMaker::new(dm)))
}

/// [`prepare`] with the tokens made by `maker`.
fn prepare_with(name: &str, schema: &Schema, ctx: &NameContext, maker: &mut TokenMaker) -> Vec<NameForm> {
    // A person's name with other spellings of its parts in brackets
    // (`Dmitrii (Dmitry) KUKARSKII (KUKARSKY)`) is each of its spellings,
    // not one name of all of them: their forms stand for it (each keeping
    // the name as the list writes it). (An organisation's brackets qualify
    // it: `Deutsche Bank (Schweiz)`.)
    let spellings = if matches!(schema, Schema::Person) { seisai_names::alternatives::bracketed_spellings(name) } else { Vec::new() };
    let mut forms = if spellings.is_empty() { prepare_one(name, schema, ctx, maker) } else { Vec::new() };
    let original: Option<Arc<str>> = (!spellings.is_empty()).then(|| Arc::from(name));
    let mut add = |forms: &mut Vec<NameForm>, other: &str| {
        for mut form in prepare_one(other, schema, ctx, maker) {
            if !forms.iter().any(|f| f.latin == form.latin && f.native == form.native) {
                if let Some(original) = &original {
                    form.original = Arc::clone(original);
                }
                forms.push(form);
            }
        }
    };
    for other in &spellings {
        add(&mut forms, other);
    }
    // Names given as alternatives (`Al-Qa'ida/Islamic Army`): each one is
    // a name too (parts of two letters or less, as in `s/o`, are not; nor
    // are spellings in brackets, above).
    if name.contains('/') {
        let parts = seisai_names::alternatives::split_outside_brackets(name, '/');
        for part in parts.iter().filter(|p| p.chars().filter(|c| c.is_alphanumeric()).count() > 2).filter(|_| parts.len() > 1) {
            add(&mut forms, part);
        }
    }
    forms
}

/// [`prepare`] of one name, without alternatives.
fn prepare_one(name: &str, schema: &Schema, ctx: &NameContext, maker: &mut TokenMaker) -> Vec<NameForm> {
    let cleaned = clean(&split_camel_case(name));
    if cleaned.is_empty() {
        return Vec::new();
    }
    let script = dominant(&cleaned);
    let is_org = !matches!(schema, Schema::Person);
    let (rest, legal_forms) = if is_org || script != NameScript::Latin {
        vocab::split_cjk_legal_forms(&cleaned)
    } else {
        (cleaned.clone(), Vec::new())
    };
    let rest_words = words(&rest);
    let names_organisation = schema.is_organization() || matches!(schema, Schema::LegalEntity);
    let qualifiers = if names_organisation { qualifier_words(name) } else { Vec::new() };
    let mut read_words = Vec::with_capacity(rest_words.len() + 1);
    for w in &rest_words {
        match number_apart(w) {
            Some((a, b)) => read_words.extend([a.to_string(), b.to_string()]),
            None => read_words.push(unleet(w)),
        }
    }
    let pre_tokenised = read_words.join(" ");
    let mut latins = latin_forms(&pre_tokenised, ctx.japanese.as_deref());
    if script == NameScript::Latin && matches!(schema, Schema::Person) {
        if let Some(apart) = latins.first().and_then(|l| initials_apart(l)) {
            latins.push(apart);
        }
    }
    let mut forms: Vec<NameForm> = Vec::with_capacity(latins.len());
    let original: Arc<str> = Arc::from(name);
    for latin in latins {
        // (A rendering already kept would be built for nothing.)
        if forms.iter().any(|f| f.latin == latin) {
            continue;
        }
        let mut form = build_form(&original, &latin, words(&latin), script, schema, &legal_forms, maker);
        if names_organisation {
            mark_qualifiers(&mut form, &qualifiers);
        }
        form.keys = crate::keys::form_key_set(&form);
        if names_organisation {
            if let Some(k) = crate::keys::acronym_key(&form) {
                if let Err(at) = form.keys.binary_search(&k) {
                    let mut keys = std::mem::take(&mut form.keys).into_vec();
                    keys.insert(at, k);
                    form.keys = keys.into_boxed_slice();
                }
            }
        }
        form.joined = crate::compare::joined_tokens(&form.tokens);
        if !form.tokens.is_empty() {
            forms.push(form);
        }
    }
    if script != NameScript::Latin && script != NameScript::None {
        // (Its words are those of the name: splitting them once more
        // would find the same.)
        let native = rest_words.join(" ");
        let mut form = build_form(&original, &native, rest_words, script, schema, &legal_forms, maker);
        form.native = true;
        form.keys = crate::keys::form_key_set(&form);
        form.joined = crate::compare::joined_tokens(&form.tokens);
        if !form.tokens.is_empty() {
            forms.push(form);
        }
    }
    // The parts are final (qualifiers marked, joined parts made).
    for form in forms.iter_mut() {
        form.content = crate::bound::content_key(form);
    }
    // (Kept as long as the lists are: no spare capacity.)
    forms.shrink_to_fit();
    forms
}

/// The words of an organisation's name that qualify it rather than name
/// it: words in parentheses (`Deutsche Bank (Schweiz) AG`), cleaned as
/// the name is. Empty when nothing outside the parentheses has a letter.
fn qualifier_words(name: &str) -> Vec<String> {
    let (mut inside, mut outside) = (String::new(), String::new());
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => inside.push(c),
            _ => outside.push(c),
        }
        if matches!(c, '(' | ')' | '[' | ']') {
            inside.push(' ');
        }
    }
    if inside.trim().is_empty() || !outside.chars().any(char::is_alphabetic) {
        return Vec::new();
    }
    latin_forms(&words(&clean(&inside)).join(" "), None).first().map(|f| words(f)).unwrap_or_default()
}

/// Regions of the world that qualify an organisation's name (`Faberlic
/// Europe`). Countries do not: a company's branch in another country is
/// usually another company (`Banco Santander México`).
const REGIONS: &[&str] = &[
    "europe", "european", "asia", "asian", "africa", "african", "eurasia", "america", "americas", "pacific",
    "caribbean", "balkans", "baltic", "nordic", "oceania", "emea", "mena", "gulf",
];

/// Whether a word of an organisation's name names a region of the world.
fn is_region(word: &str) -> bool {
    REGIONS.contains(&word)
}

/// Makes the words of an organisation's name that only qualify it —
/// those in parentheses and regions of the world (`Faberlic Europe`,
/// `Deutsche Bank (Schweiz)`) — generic words, which weigh little, as
/// long as another word still names it (`Bank of China` keeps `china`).
fn mark_qualifiers(form: &mut NameForm, parenthesised: &[String]) {
    let is_qualifier = |t: &Token| t.kind == TokenKind::Word && (parenthesised.iter().any(|p| *p == t.text) || is_region(&t.text));
    if form.script != NameScript::Latin || !form.tokens.iter().any(|t| t.kind == TokenKind::Word && !is_qualifier(t)) {
        return;
    }
    for t in form.tokens.iter_mut() {
        if is_qualifier(t) {
            t.kind = TokenKind::Generic;
            t.weight = GENERIC_WEIGHT;
            t.similarity_key = crate::matcher::similarity_key(t);
        }
    }
}

/// The form of `latin`, a rendering of `original` whose words are `ws`.
fn build_form(
    original: &Arc<str>,
    latin: &str,
    ws: Vec<String>,
    script: NameScript,
    schema: &Schema,
    script_legal_forms: &[LegalForm],
    maker: &mut TokenMaker,
) -> NameForm {
    // Forms found before transliteration, plus those found among the words.
    let mut legal_forms: Vec<LegalForm> = script_legal_forms.to_vec();
    let is_person = matches!(schema, Schema::Person);
    let is_org = schema.is_organization() || matches!(schema, Schema::LegalEntity);
    // In romanised Chinese and Korean names a one-letter part is a
    // syllable (이 → i), not an initial.
    let syllabic = matches!(script, NameScript::Han | NameScript::Hangul);
    let ws = spelled_words(ws, is_person, syllabic);
    let marks = if is_person { Vec::new() } else { vocab::legal_form_marks(&ws) };
    let mut tokens = Vec::with_capacity(ws.len());
    let mut titles = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        if let Some(Some(mark)) = marks.get(i) {
            if mark.first {
                legal_forms.push(mark.form);
            }
            continue;
        }
        // The romanised syllables of a Chinese or Korean name are never
        // titles (石 shi, 何 he); nor, in Latin script, are titles that are
        // also common name parts.
        let title = vocab::is_title(w)
            && !syllabic
            && !(script == NameScript::Latin && vocab::is_name_like_title(w));
        if !matches!(schema, Schema::Vessel | Schema::Airplane) && ws.len() > 1 && title && is_person {
            titles.push(w.clone());
            continue;
        }
        let kind = if w.chars().all(|c| c.is_ascii_digit()) {
            TokenKind::Number
        } else if let Some(n) = vocab::number_word(w).filter(|_| !is_person) {
            tokens.push(maker.make(&n.to_string(), TokenKind::Number));
            continue;
        } else if let Some(n) = vocab::roman_numeral(w).filter(|_| !is_person && !tokens.is_empty()) {
            // A Roman numeral after the first word of an organisation or
            // a vessel is a series mark (`Capital Partners VII`).
            tokens.push(maker.make(&n.to_string(), TokenKind::Number));
            continue;
        } else if w.chars().count() == 1 && !syllabic {
            TokenKind::Initial
        } else if vocab::is_particle(w) && !syllabic {
            // (A romanised syllable such as 德 de or 王 o is a name part.)
            tokens.push(maker.make(vocab::canonical_particle(w), TokenKind::Particle));
            continue;
        } else if is_org && vocab::is_generic_org_word(w) {
            TokenKind::Generic
        } else {
            TokenKind::Word
        };
        tokens.push(maker.make(w, kind));
    }
    merge_number_words(&mut tokens, maker);
    // A repeated part ("Sergey Sergey Shoigu", "Abdullahi Mohamed Mohamed
    // Caddow") is kept: one copy matches and the other costs as a part the
    // candidate lacks, or as a substitution when the candidate has another
    // part in its place (a different father's name).
    // A company suffix on a person's name ("Nicolás Maduro SA") is noise.
    if is_person && tokens.len() > 2 {
        if let Some(last) = tokens.last() {
            if PERSON_NOISE_SUFFIXES.contains(&last.text.as_str()) {
                tokens.pop();
            }
        }
    }
    // Person names on lists often carry "president" or "sheikh" only as
    // titles; a name made only of titles keeps them as words.
    if tokens.is_empty() && !titles.is_empty() {
        for t in titles.drain(..) {
            tokens.push(maker.make(&t, TokenKind::Word));
        }
    }
    legal_forms.sort();
    legal_forms.dedup();
    NameForm {
        original: Arc::clone(original),
        latin: latin.into(),
        script,
        tokens: tokens.into_boxed_slice(),
        legal_forms: legal_forms.into_boxed_slice(),
        titles: titles.into_boxed_slice(),
        native: false,
        syllabic: matches!(script, NameScript::Han | NameScript::Hangul)
            && original.split_whitespace().all(|w| w.chars().count() <= 3),
        keys: Box::default(),
        joined: Box::default(),
        content: 0,
    }
}

/// The words `ws` of a Latin form with the spellings that vary between
/// lists made one (see [`vocab::spell_name_words`]) and abbreviations of an
/// organisation's name written out.
fn spelled_words(ws: Vec<String>, is_person: bool, syllabic: bool) -> Vec<String> {
    if syllabic {
        return ws;
    }
    let ws = vocab::spell_name_words(&ws);
    if !is_person {
        return vocab::expand_abbreviations(&vocab::respace_forms(vocab::split_glued_legal_forms(&ws)));
    }
    ws
}

/// A person's Latin name with initials written together (`JC Juncker`)
/// also read with them apart (`j c juncker`): two consonants are initials
/// or a short word with its vowels left out (`Km` for `Kim`), and the
/// scorer chooses. `None` when no word is two such letters.
fn initials_apart(latin: &str) -> Option<String> {
    let ws = words(latin);
    if ws.len() < 2 || !ws.iter().any(|w| vocab::glued_initials(w).is_some()) {
        return None;
    }
    Some(ws.into_iter().flat_map(|w| vocab::glued_initials(&w).unwrap_or_else(|| vec![w])).collect::<Vec<_>>().join(" "))
}

/// The weight of a generic word of an organisation's name.
const GENERIC_WEIGHT: f32 = 0.3;

/// Company legal forms that are dropped from the end of a person's name.
const PERSON_NOISE_SUFFIXES: [&str; 9] = ["llc", "ltd", "inc", "corp", "gmbh", "sa", "plc", "jsc", "ooo"];

/// A number written against a word (`yu7625`, `2012eood`, `company53`,
/// `2reaching`) as the two words, as a name retyped or cut across lines
/// has it: letters then digits or digits then letters, two letters or
/// more, and digits that are not letters written as digits (two digits or
/// more, or one that stands for no letter: `petr0v`, `1gor` and `intl1`
/// are [`unleet`]'s, as optical reading and typing write `l` as `1`).
/// Ordinals (`44th`) stay whole. `None` otherwise.
fn number_apart(word: &str) -> Option<(&str, &str)> {
    let bytes = word.as_bytes();
    let first_kind = bytes.first()?.is_ascii_digit();
    let cut = bytes.iter().position(|b| b.is_ascii_digit() != first_kind)?;
    let (a, b) = word.split_at(cut);
    let (digits, letters) = if first_kind { (a, b) } else { (b, a) };
    let well_formed = digits.bytes().all(|c| c.is_ascii_digit()) && letters.bytes().all(|c| c.is_ascii_alphabetic());
    let stands_for_letters = digits.len() == 1 && !matches!(digits, "2" | "6");
    if !well_formed || letters.len() < 2 || stands_for_letters || vocab::number_word(word).is_some() {
        return None;
    }
    Some((a, b))
}

/// Reads digits used as letters inside a word ("I9or Sech1n" → "igor
/// sechin"); words of digits only are left alone.
fn unleet(word: &str) -> String {
    // (Digits first: most words have none, and the test of a letter
    // searches Unicode's tables for a letter outside ASCII.)
    let has_digit = word.bytes().any(|b| b.is_ascii_digit());
    if !has_digit || !word.chars().any(char::is_alphabetic) {
        return word.to_string();
    }
    // Ordinals such as 1st, 2nd, 44th stay numbers.
    if vocab::number_word(word).is_some() {
        return word.to_string();
    }
    word.chars()
        .map(|c| match c {
            '0' => 'o',
            '1' => 'i',
            '3' => 'e',
            '4' => 'a',
            '5' => 's',
            '7' => 't',
            '8' => 'b',
            '9' => 'g',
            other => other,
        })
        .collect()
}

/// Joins a tens number word and a units number word that follow each
/// other ("forty four" → 44).
fn merge_number_words(tokens: &mut Vec<Token>, maker: &mut TokenMaker) {
    let mut i = 0;
    while i + 1 < tokens.len() {
        let (a, b) = (&tokens[i], &tokens[i + 1]);
        if a.kind == TokenKind::Number && b.kind == TokenKind::Number {
            if let (Ok(x), Ok(y)) = (a.text.parse::<u32>(), b.text.parse::<u32>()) {
                if x >= 20 && x < 100 && x % 10 == 0 && y < 10 && b.text.len() == 1 {
                    tokens[i] = maker.make(&(x + y).to_string(), TokenKind::Number);
                    tokens.remove(i + 1);
                }
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(f: &NameForm) -> Vec<&str> {
        f.tokens.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn a_persons_spellings_in_brackets_are_forms_of_their_own() {
        let ctx = NameContext::without_dictionaries();
        let latin = |name: &str, schema: &Schema| prepare(name, schema, &ctx).into_iter().map(|f| f.latin.to_string()).collect::<Vec<_>>();
        let forms = latin("Viacheslav(Vyacheslav/Vyacheclav) PONOMARIOV(PONOMAREV/PONOMAROV)", &Schema::Person);
        for expected in ["viacheslav ponomariov", "vyacheslav ponomarev", "vyacheclav ponomarov"] {
            assert!(forms.iter().any(|f| f == expected), "{forms:?} lacks {expected}");
        }
        // The slash inside brackets separates spellings, not names, and
        // the spellings are not one name of them all.
        assert_eq!(forms.len(), 3, "{forms:?}");
        let name = "Dmitrii (Dmitry) KUKARSKII (KUKARSKY)";
        let originals: Vec<String> = prepare(name, &Schema::Person, &ctx).iter().map(|f| f.original.to_string()).collect();
        assert_eq!(originals, [name, name], "each form keeps the name as listed");
        // An organisation's brackets qualify it.
        assert!(!latin("Deutsche Bank (Schweiz) AG", &Schema::Company).iter().any(|f| f.contains("deutsche schweiz")));
    }

    #[test]
    fn company_legal_forms_are_set_aside() {
        let ctx = NameContext::without_dictionaries();
        let forms = prepare("Siemens AG", &Schema::Company, &ctx);
        assert_eq!(texts(&forms[0]), ["siemens"]);
        assert_eq!(*forms[0].legal_forms, [LegalForm::Jsc]);
        let forms = prepare("Microsoft Corp.", &Schema::Company, &ctx);
        assert_eq!(texts(&forms[0]), ["microsoft"]);
    }

    #[test]
    fn a_number_written_against_a_word_is_read_apart() {
        let ctx = NameContext::without_dictionaries();
        let texts_of = |name: &str, schema: Schema| prepare(name, &schema, &ctx).first().map(|f| texts(f).join(" ")).unwrap_or_default();
        assert_eq!(texts_of("FU YUAN YU7625", Schema::Vessel), "fu yuan yu 7625");
        assert_eq!(texts_of("JOINT STOCK COMPANY 116ARSENAL", Schema::Company), "116 arsenal");
        assert_eq!(texts_of("PLANET 2REACHING, INC.", Schema::Company), "planet 2 reaching");
        assert_eq!(texts_of("INVESTMENT DECISIONS6", Schema::Company), "investment decisions 6");
        // Digits for letters, ordinals and codes of mixed letters stay as they were read.
        assert_eq!(texts_of("I9or Sech1n", Schema::Person), "igor sechin");
        assert_eq!(texts_of("Petr0v", Schema::Person), "petrov");
        assert_eq!(texts_of("1gor Sechin", Schema::Person), "igor sechin");
        assert_eq!(texts_of("44th Brigade", Schema::Organization), "44 brigade");
        assert_eq!(number_apart("a1b2"), None);
        assert_eq!(number_apart("x5"), None);
    }

    #[test]
    fn person_titles_are_removed() {
        let ctx = NameContext::without_dictionaries();
        let forms = prepare("Präsident Putin", &Schema::Person, &ctx);
        assert_eq!(texts(&forms[0]), ["putin"]);
        assert_eq!(*forms[0].titles, ["prasident"]);
    }

    #[test]
    fn a_token_stays_small() {
        // 1.2 M tokens with the lists loaded: every 8 bytes is ~10 MB.
        assert!(std::mem::size_of::<Token>() <= 80, "{}", std::mem::size_of::<Token>());
        let long = Token::new("a".repeat(70_000), TokenKind::Word, &DoubleMetaphone::new(Some(6)));
        assert_eq!(long.char_count, u16::MAX);
    }

    #[test]
    fn numbers_and_number_words() {
        let ctx = NameContext::without_dictionaries();
        let forms = prepare("Brigade Forty-Four", &Schema::Organization, &ctx);
        assert_eq!(texts(&forms[0]), ["brigade", "44"]);
    }
}
