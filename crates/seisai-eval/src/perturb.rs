//! Perturbed spellings of listed names: does the engine still find the
//! listed party behind a typo, an OCR error, dropped vowels, a dropped or
//! moved name part, look-alike letters from another script or invisible
//! characters?
//!
//! The held-out sets that judge the engine are made of such spellings of
//! real listed names. This module makes its own, deterministically (a
//! seeded generator, one stream per perturbation kind and name), from
//! names of the lists in `../shared/data`, and counts per kind how many
//! find their source entity as a match. Nothing here knows a name: the
//! perturbations are rules over letters and parts.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use seisai_index::{Hit, Index, SearchOptions};
use seisai_model::{Entity, Schema, props};
use serde::Serialize;

/// One way of misspelling a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Kind {
    /// The name as listed (the control: every other kind is judged against it).
    Unchanged,
    /// One keyboard slip in one part: a neighbouring key, a letter dropped,
    /// doubled or two letters swapped.
    Typo,
    /// A keyboard slip in each of two different parts.
    TwoTypos,
    /// One misread of optical character recognition (`m`/`rn`, `l`/`1`,
    /// `O`/`0`, `cl`/`d`, …).
    Ocr,
    /// One vowel inside a part left out.
    VowelDropped,
    /// All vowels after the first letter of the longest part left out.
    VowelsDropped,
    /// One part of a name of three or more parts left out.
    PartDropped,
    /// The first and last parts swapped.
    PartsSwapped,
    /// One to three letters replaced by Cyrillic or Greek look-alikes.
    Homoglyph,
    /// One to three invisible characters (zero-width space, joiners, soft
    /// hyphen, byte-order mark) inserted.
    Invisible,
    /// Two adjacent parts written together, or a part with a hyphen split.
    Spacing,
    /// The name written in Cyrillic letters by its sounds, as a Russian
    /// document renders a foreign name (`Ivan Sidorov` → `Иван Сидоров`,
    /// `Shah` → `Шах`).
    Cyrillic,
    /// A person's name written in katakana by its sounds, as Japanese lists
    /// render foreign names (`Vladimir Putin` → `ウラジーミル・プーチン`; see
    /// [`crate::katakana`]).
    Katakana,
    /// A person's name written in Chinese characters by its sounds, as
    /// Chinese documents render foreign names (`Ivan Petrov` → `伊万·佩特罗夫`;
    /// see [`crate::chinese`]).
    Chinese,
}

impl Kind {
    /// Every kind, the control first.
    pub const ALL: [Kind; 14] = [
        Kind::Unchanged,
        Kind::Typo,
        Kind::TwoTypos,
        Kind::Ocr,
        Kind::VowelDropped,
        Kind::VowelsDropped,
        Kind::PartDropped,
        Kind::PartsSwapped,
        Kind::Homoglyph,
        Kind::Invisible,
        Kind::Spacing,
        Kind::Cyrillic,
        Kind::Katakana,
        Kind::Chinese,
    ];

    /// A short name for reports.
    /// Whether the kind applies to names of `schema` (Japanese and Chinese
    /// documents render persons' names by their sounds, but translate
    /// organisations' legal forms and generic words).
    pub fn applies_to(self, schema: &Schema) -> bool {
        !matches!(self, Kind::Katakana | Kind::Chinese) || *schema == Schema::Person
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Unchanged => "unchanged",
            Kind::Typo => "typo",
            Kind::TwoTypos => "two typos",
            Kind::Ocr => "ocr",
            Kind::VowelDropped => "vowel dropped",
            Kind::VowelsDropped => "vowels dropped",
            Kind::PartDropped => "part dropped",
            Kind::PartsSwapped => "parts swapped",
            Kind::Homoglyph => "homoglyph",
            Kind::Invisible => "invisible",
            Kind::Spacing => "spacing",
            Kind::Cyrillic => "cyrillic",
            Kind::Katakana => "katakana",
            Kind::Chinese => "chinese",
        }
    }
}

/// A listed name to misspell, with the entity it must find.
#[derive(Clone, Debug)]
pub struct Target {
    /// The listed entity's id.
    pub entity_id: String,
    /// Its schema (the query's).
    pub schema: Schema,
    /// One of its names, in Latin letters.
    pub name: String,
}

/// Whether a name is written in Latin letters (with diacritics), spaces and
/// the punctuation of names, so that the Latin perturbations apply.
fn is_latin(name: &str) -> bool {
    name.chars().all(|c| c.is_ascii() && !c.is_ascii_control() || c.is_alphabetic() && (c as u32) < 0x250)
}

/// Letters in a name.
fn letter_count(name: &str) -> usize {
    name.chars().filter(|c| c.is_alphabetic()).count()
}

/// Up to `n` targets drawn with `seed` from the persons, organisations and
/// vessels of `datasets`: one Latin name of two or more parts and at least
/// eight letters per entity (its caption if that qualifies, else its first
/// such name).
pub fn targets(entities: &[Arc<Entity>], datasets: &[&str], n: usize, seed: u64) -> Vec<Target> {
    let mut pool: Vec<Target> = entities
        .iter()
        .filter(|e| datasets.contains(&e.dataset()))
        .filter(|e| matches!(e.schema, Schema::Person | Schema::Organization | Schema::Company | Schema::Vessel))
        .filter_map(|e| {
            let qualifies = |n: &str| is_latin(n) && n.split_whitespace().count() >= 2 && letter_count(n) >= 8;
            let name = std::iter::once(e.caption())
                .chain(e.get(props::NAME).iter().map(String::as_str))
                .find(|n| qualifies(n))?;
            Some(Target { entity_id: e.id.clone(), schema: e.schema.clone(), name: name.to_string() })
        })
        .collect();
    pool.sort_by(|a, b| a.entity_id.cmp(&b.entity_id));
    let mut rng = fastrand::Rng::with_seed(seed);
    rng.shuffle(&mut pool);
    pool.truncate(n);
    pool
}

/// Keys around each letter of a QWERTY keyboard, for slips.
fn neighbours(c: char) -> &'static str {
    match c.to_ascii_lowercase() {
        'q' => "wa",
        'w' => "qes",
        'e' => "wrd",
        'r' => "etf",
        't' => "ryg",
        'y' => "tuh",
        'u' => "yij",
        'i' => "uok",
        'o' => "ipl",
        'p' => "ol",
        'a' => "qsz",
        's' => "adw",
        'd' => "sfe",
        'f' => "dgr",
        'g' => "fht",
        'h' => "gjy",
        'j' => "hku",
        'k' => "jli",
        'l' => "ko",
        'z' => "xa",
        'x' => "zcs",
        'c' => "xvd",
        'v' => "cbf",
        'b' => "vng",
        'n' => "bmh",
        'm' => "nj",
        _ => "",
    }
}

/// The name split into parts (on whitespace), as character vectors.
fn parts(name: &str) -> Vec<Vec<char>> {
    name.split_whitespace().map(|p| p.chars().collect()).collect()
}

fn join(parts: &[Vec<char>]) -> String {
    parts.iter().map(|p| p.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// A part of at least `min` letters, chosen at random.
fn pick_part(parts: &[Vec<char>], min: usize, rng: &mut fastrand::Rng) -> Option<usize> {
    let fit: Vec<usize> = (0..parts.len()).filter(|&i| parts[i].iter().filter(|c| c.is_alphabetic()).count() >= min).collect();
    (!fit.is_empty()).then(|| fit[rng.usize(..fit.len())])
}

/// One keyboard slip inside `part` (never on its first letter).
fn slip(part: &mut Vec<char>, rng: &mut fastrand::Rng) -> bool {
    let letters: Vec<usize> = (1..part.len()).filter(|&i| part[i].is_ascii_alphabetic()).collect();
    if letters.is_empty() {
        return false;
    }
    let at = letters[rng.usize(..letters.len())];
    match rng.u8(..4) {
        0 => {
            let keys: Vec<char> = neighbours(part[at]).chars().collect();
            if keys.is_empty() {
                return false;
            }
            let key = keys[rng.usize(..keys.len())];
            part[at] = if part[at].is_uppercase() { key.to_ascii_uppercase() } else { key };
        }
        1 => {
            part.remove(at);
        }
        2 => {
            let c = part[at];
            part.insert(at, c);
        }
        _ => {
            if at + 1 >= part.len() || part[at] == part[at + 1] {
                return false;
            }
            part.swap(at, at + 1);
        }
    }
    true
}

/// OCR misreads: what is printed, what is read.
const OCR: &[(&str, &str)] = &[
    ("m", "rn"),
    ("rn", "m"),
    ("l", "1"),
    ("I", "l"),
    ("i", "l"),
    ("O", "0"),
    ("o", "0"),
    ("cl", "d"),
    ("d", "cl"),
    ("e", "c"),
    ("h", "b"),
    ("u", "v"),
    ("w", "vv"),
    ("S", "5"),
    ("B", "8"),
    ("g", "q"),
    ("n", "ri"),
];

/// One OCR misread at a random place where one applies (not the first letter).
fn misread(name: &str, rng: &mut fastrand::Rng) -> Option<String> {
    let mut places: Vec<(usize, &str, &str)> = Vec::new();
    for (from, to) in OCR {
        places.extend(name.match_indices(from).filter(|(i, _)| *i > 0).map(|(i, _)| (i, *from, *to)));
    }
    if places.is_empty() {
        return None;
    }
    let (at, from, to) = places[rng.usize(..places.len())];
    Some(format!("{}{}{}", &name[..at], to, &name[at + from.len()..]))
}

/// Whether `c` is a vowel letter (either case).
pub(crate) fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Latin letters and the Cyrillic or Greek letters that look the same.
const HOMOGLYPHS: &[(char, &str)] = &[
    ('a', "а"),
    ('e', "е"),
    ('o', "оο"),
    ('p', "р"),
    ('c', "с"),
    ('x', "х"),
    ('y', "у"),
    ('i', "і"),
    ('A', "АΑ"),
    ('B', "ВΒ"),
    ('E', "ЕΕ"),
    ('H', "НΗ"),
    ('I', "ІΙ"),
    ('K', "КΚ"),
    ('M', "МΜ"),
    ('N', "Ν"),
    ('O', "ОΟ"),
    ('P', "РΡ"),
    ('C', "С"),
    ('T', "ТΤ"),
    ('X', "ХΧ"),
    ('Y', "Υ"),
    ('Z', "Ζ"),
];

/// Invisible characters pasted names carry.
const INVISIBLE: &[char] = &['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}'];

/// Latin letter groups and the Cyrillic letters a Russian writer renders
/// them with, longest first.
const TO_CYRILLIC: &[(&str, &str)] = &[
    ("shch", "щ"),
    ("sch", "ш"),
    ("kh", "х"),
    ("zh", "ж"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ts", "ц"),
    ("tz", "ц"),
    ("ya", "я"),
    ("yu", "ю"),
    ("yo", "ё"),
    ("ye", "е"),
    ("ck", "к"),
    ("ph", "ф"),
    ("th", "т"),
    ("ee", "и"),
    ("oo", "у"),
    ("ou", "у"),
    ("w", "в"),
    ("a", "а"),
    ("b", "б"),
    ("c", "к"),
    ("d", "д"),
    ("e", "е"),
    ("f", "ф"),
    ("g", "г"),
    ("h", "х"),
    ("i", "и"),
    ("j", "дж"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("q", "к"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("v", "в"),
    ("x", "кс"),
    ("y", "й"),
    ("z", "з"),
];

/// `name` in Cyrillic letters by [`TO_CYRILLIC`], capitalised word by word;
/// `None` if a letter has no rendering (diacritics).
fn cyrillic(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len() * 2);
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        let mut rest = lower.as_str();
        let mut first = true;
        while let Some(c) = rest.chars().next() {
            let found = TO_CYRILLIC.iter().find(|(latin, _)| rest.starts_with(latin));
            let (taken, written) = match found {
                Some((latin, cyr)) => (latin.len(), *cyr),
                None if !c.is_alphabetic() => (c.len_utf8(), &rest[..c.len_utf8()]),
                None => return None,
            };
            if first {
                let mut chars = written.chars();
                out.extend(chars.next().into_iter().flat_map(char::to_uppercase));
                out.push_str(chars.as_str());
            } else {
                out.push_str(written);
            }
            first = false;
            rest = &rest[taken..];
        }
    }
    Some(out)
}

/// `name` misspelt by `kind`, or `None` when the kind does not apply to it
/// (no part long enough, no letter that has a look-alike, …).
pub fn perturb(name: &str, kind: Kind, rng: &mut fastrand::Rng) -> Option<String> {
    let mut ps = parts(name);
    match kind {
        Kind::Unchanged => Some(name.to_string()),
        Kind::Typo => {
            let i = pick_part(&ps, 4, rng)?;
            slip(&mut ps[i], rng).then(|| join(&ps))
        }
        Kind::TwoTypos => {
            let i = pick_part(&ps, 4, rng)?;
            let others: Vec<usize> = (0..ps.len()).filter(|&j| j != i && ps[j].len() >= 4).collect();
            let j = *others.get(rng.usize(..others.len().max(1)))?;
            (slip(&mut ps[i], rng) && slip(&mut ps[j], rng)).then(|| join(&ps))
        }
        Kind::Ocr => misread(name, rng),
        Kind::VowelDropped => {
            let i = pick_part(&ps, 4, rng)?;
            let vowels: Vec<usize> = (1..ps[i].len()).filter(|&k| is_vowel(ps[i][k])).collect();
            let at = *vowels.get(rng.usize(..vowels.len().max(1)))?;
            ps[i].remove(at);
            Some(join(&ps))
        }
        Kind::VowelsDropped => {
            let i = (0..ps.len()).max_by_key(|&i| ps[i].len())?;
            let before = ps[i].len();
            let first = ps[i].first().copied()?;
            let rest = ps[i].iter().skip(1).copied().filter(|&c| !is_vowel(c));
            let kept: Vec<char> = std::iter::once(first).chain(rest).collect();
            (kept.len() < before && kept.len() >= 2).then(|| {
                ps[i] = kept;
                join(&ps)
            })
        }
        Kind::PartDropped => {
            if ps.len() < 3 {
                return None;
            }
            ps.remove(rng.usize(..ps.len()));
            Some(join(&ps))
        }
        Kind::PartsSwapped => {
            if ps.len() < 2 {
                return None;
            }
            let last = ps.len() - 1;
            ps.swap(0, last);
            Some(join(&ps))
        }
        Kind::Homoglyph => {
            let mut chars: Vec<char> = name.chars().collect();
            let places: Vec<usize> = (0..chars.len()).filter(|&k| HOMOGLYPHS.iter().any(|(c, _)| *c == chars[k])).collect();
            if places.is_empty() {
                return None;
            }
            for _ in 0..rng.usize(1..=3) {
                let at = places[rng.usize(..places.len())];
                let Some((_, look)) = HOMOGLYPHS.iter().find(|(c, _)| *c == chars[at]) else { continue };
                let looks: Vec<char> = look.chars().collect();
                chars[at] = looks[rng.usize(..looks.len())];
            }
            Some(chars.into_iter().collect())
        }
        Kind::Invisible => {
            let mut chars: Vec<char> = name.chars().collect();
            for _ in 0..rng.usize(1..=3) {
                let at = rng.usize(1..chars.len().max(2));
                chars.insert(at.min(chars.len()), INVISIBLE[rng.usize(..INVISIBLE.len())]);
            }
            Some(chars.into_iter().collect())
        }
        Kind::Cyrillic => cyrillic(name),
        Kind::Katakana => crate::katakana::katakana(name, rng),
        Kind::Chinese => crate::chinese::chinese(name),
        Kind::Spacing => {
            if let Some(i) = (0..ps.len()).find(|&i| ps[i].contains(&'-')) {
                for c in ps[i].iter_mut().filter(|c| **c == '-') {
                    *c = ' ';
                }
                return Some(join(&ps));
            }
            if ps.len() < 2 {
                return None;
            }
            let i = rng.usize(..ps.len() - 1);
            let next = ps.remove(i + 1);
            ps[i].extend(next);
            Some(join(&ps))
        }
    }
}

/// Recall of one perturbation kind.
#[derive(Clone, Debug, Serialize)]
pub struct KindReport {
    /// Targets the kind applied to.
    pub queries: usize,
    /// Queries that found their source entity as a match.
    pub found: usize,
    /// Queries with their source entity among the results at any score.
    pub in_results: usize,
    /// Examples of misses: the query, the listed name, the best result.
    pub misses: Vec<String>,
}

impl KindReport {
    /// Share of queries that found their entity as a match.
    pub fn recall(&self) -> f64 {
        if self.queries == 0 { 0.0 } else { self.found as f64 / self.queries as f64 }
    }
}

/// Runs every kind over `targets` (a query of the target's schema with
/// only the misspelt name) and reports recall per kind. Each (kind,
/// target) has its own generator seeded from `seed`, so the queries do not
/// depend on the order of evaluation.
pub fn run(index: &Index, targets: &[Target], seed: u64) -> BTreeMap<Kind, KindReport> {
    let opts = SearchOptions { limit: 10, ..SearchOptions::default() };
    Kind::ALL
        .iter()
        .map(|&kind| {
            let outcomes: Vec<(String, &Target, Vec<Hit>)> = targets
                .par_iter()
                .enumerate()
                .filter(|(_, t)| kind.applies_to(&t.schema))
                .filter_map(|(i, t)| {
                    let mut rng = fastrand::Rng::with_seed(seed ^ ((kind as u64) << 32) ^ i as u64);
                    let name = perturb(&t.name, kind, &mut rng)?;
                    let mut q = Entity::new("query", "q", t.schema.clone());
                    q.add(props::NAME, &name);
                    let hits = index.search(&index.prepare(&q), &opts);
                    Some((name, t, hits))
                })
                .collect();
            let is_target = |t: &Target, h: &Hit| h.entity.id == t.entity_id;
            let found = |t: &Target, hits: &[Hit]| hits.iter().any(|h| is_target(t, h) && h.result.is_match);
            let misses = outcomes
                .iter()
                .filter(|(_, t, hits)| !found(t, hits))
                .take(crate::queries::max_failures())
                .map(|(q, t, hits)| {
                    let best = hits.first().map(|h| format!("{} {:.3}", h.entity.caption(), h.result.score)).unwrap_or_default();
                    format!("{q:?} (listed {:?}) -> {best}", t.name)
                })
                .collect();
            let report = KindReport {
                queries: outcomes.len(),
                found: outcomes.iter().filter(|(_, t, hits)| found(t, hits)).count(),
                in_results: outcomes.iter().filter(|(_, t, hits)| hits.iter().any(|h| is_target(t, h))).count(),
                misses,
            };
            (kind, report)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn each(kind: Kind, name: &str) -> Vec<String> {
        (0..50).filter_map(|s| perturb(name, kind, &mut fastrand::Rng::with_seed(s))).collect()
    }

    #[test]
    fn every_kind_changes_the_name_it_applies_to() {
        for kind in Kind::ALL.into_iter().filter(|k| *k != Kind::Unchanged) {
            let out = each(kind, "Mohammed Abdul-Rahman Hassan");
            assert!(!out.is_empty(), "{kind:?} never applied");
            assert!(out.iter().all(|o| o != "Mohammed Abdul-Rahman Hassan"), "{kind:?} left it unchanged: {out:?}");
        }
    }

    #[test]
    fn perturbations_do_what_they_say() {
        for o in each(Kind::PartDropped, "Ivan Petrovich Sidorov") {
            assert_eq!(o.split(' ').count(), 2, "{o}");
        }
        assert!(each(Kind::PartDropped, "Ivan Sidorov").is_empty());
        for o in each(Kind::PartsSwapped, "Ivan Petrovich Sidorov") {
            assert_eq!(o, "Sidorov Petrovich Ivan");
        }
        for o in each(Kind::Invisible, "Ivan Sidorov") {
            let visible: String = o.chars().filter(|c| !INVISIBLE.contains(c)).collect();
            assert_eq!(visible, "Ivan Sidorov");
        }
        for o in each(Kind::Homoglyph, "Ivan Sidorov") {
            assert!(o.chars().any(|c| !c.is_ascii()), "{o}");
            assert_eq!(o.chars().count(), "Ivan Sidorov".chars().count());
        }
        assert!(each(Kind::VowelsDropped, "Ivan Sidorov").contains(&"Ivan Sdrv".to_string()));
        for o in each(Kind::Typo, "Ivan Sidorov") {
            let d = rapidfuzz::distance::levenshtein::distance("Ivan Sidorov".chars(), o.chars());
            assert!((1..=2).contains(&d), "{o}: {d} edits");
            assert!(o.starts_with('I') && o.contains(" S"), "first letters kept: {o}");
        }
        assert!(each(Kind::Spacing, "Ivan Sidorov").iter().all(|o| o == "IvanSidorov"));
        assert_eq!(each(Kind::Cyrillic, "Ivan Sidorov")[0], "Иван Сидоров");
        assert_eq!(each(Kind::Cyrillic, "Yuri SHCHERBAKOV")[0], "Юри Щербаков");
        assert_eq!(each(Kind::Cyrillic, "Bank Al-Khair")[0], "Банк Ал-хаир");
        assert!(each(Kind::Cyrillic, "José Núñez").is_empty());
        assert!(each(Kind::Spacing, "Abdul-Rahman Hassan").iter().all(|o| o == "Abdul Rahman Hassan"));
    }

    #[test]
    fn reports_serialise_by_kind() {
        let report = KindReport { queries: 2, found: 1, in_results: 2, misses: vec!["x".into()] };
        let by_kind: BTreeMap<Kind, KindReport> = [(Kind::Typo, report)].into_iter().collect();
        let json = serde_json::to_string(&by_kind).unwrap_or_default();
        assert!(json.starts_with(r#"{"Typo":{"queries":2"#), "{json}");
    }

    #[test]
    fn the_same_seed_gives_the_same_spelling() {
        for kind in Kind::ALL {
            assert_eq!(each(kind, "Kim Jong Un Corporation"), each(kind, "Kim Jong Un Corporation"));
        }
    }

    #[test]
    fn targets_are_latin_names_of_two_parts() {
        let mut a = Entity::new("un_sc", "1", Schema::Person);
        a.add(props::NAME, "Ivan Petrovich Sidorov");
        let mut b = Entity::new("un_sc", "2", Schema::Person);
        b.add(props::NAME, "Иван Сидоров");
        let mut c = Entity::new("un_sc", "3", Schema::Person);
        c.add(props::NAME, "Ivanov");
        let mut d = Entity::new("other", "4", Schema::Person);
        d.add(props::NAME, "Pavel Nikolaevich Orlov");
        let all: Vec<Arc<Entity>> = [a, b, c, d].into_iter().map(Arc::new).collect();
        let t = targets(&all, &["un_sc"], 10, 1);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].name, "Ivan Petrovich Sidorov");
    }
}
