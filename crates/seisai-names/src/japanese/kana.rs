//! Romanisation of kana without dictionaries: modified Hepburn for Japanese
//! words, and the spellings a katakana rendering of a foreign name can stand
//! for (dropped epenthetic vowels, r/l, si/shi, ti/chi, di/ji, v/w).

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Romanisation profiles; one whole rendering per profile.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Profile {
    /// Modified Hepburn with long vowels folded (`とうきょう` → `tokyo`).
    Hepburn,
    /// Foreign name as transcribed from Russian and similar (`プーチン` →
    /// `putin`, `ワシリー` → `vasiri`, `ラブロフ` → `ravrov`): si/ti/di,
    /// wa→va, b→v inside a word, final fu→v, epenthetic vowels dropped.
    Russian,
    /// Foreign name as transcribed from English/German (`カラシニコフ` →
    /// `karashnikof`): shi/chi/ji kept, final epenthetic vowels dropped.
    Western,
    /// As [`Profile::Western`] with ラ行 read `l` except word-initially
    /// (`rudolf`, `kalashnikof`).
    WesternL,
    /// As [`Profile::Western`] with every ラ行 read `l` (`lenin`, `lavrof`).
    WesternAllL,
}

/// Profile order for kana in general: Hepburn first.
const PROFILES: [Profile; 5] =
    [Profile::Hepburn, Profile::Russian, Profile::Western, Profile::WesternL, Profile::WesternAllL];

/// Profile order for katakana known to render a foreign name.
const FOREIGN_FIRST: [Profile; 5] =
    [Profile::Western, Profile::Russian, Profile::WesternL, Profile::WesternAllL, Profile::Hepburn];

/// Korean family names as Japanese writes them in katakana (キム Kim, リ
/// Ri, パク Pak, チェ Choe…): the first word of a Korean name.
const KOREAN_FAMILY_NAMES: &[&str] = &[
    "キム", "リ", "イ", "パク", "チェ", "チョン", "チョ", "カン", "ユン", "チャン", "イム", "ハン", "オ", "ソ", "シン",
    "クォン", "ファン", "アン", "ソン", "ホン", "ユ", "コ", "ムン", "ヤン", "ペ", "ペク", "ホ", "ノ", "ナム", "シム", "ハ",
    "ク", "チュ", "ウ", "ミン", "リュ", "ナ", "チン", "チ", "オム", "ピョン", "ヒョン", "ラ", "キル", "ピョ", "ミョン",
    "ケ", "ト", "ヨ", "ソク", "マ", "パン", "チャ", "ユク", "モ", "タク", "ヨン", "ウォン", "チュン", "テ", "ジョン",
];

/// Whether `name` reads as a Korean name in katakana: two to four words
/// of katakana, each short, the first a Korean family name
/// (`キム・ギョンイル`, `リ・ビョンチョル`).
pub fn is_korean_in_katakana(name: &str) -> bool {
    // (Asked of every name: most start with no katakana.)
    if !name.trim_start().starts_with(|c: char| matches!(c, '\u{30A1}'..='\u{30FA}')) {
        return false;
    }
    let words: Vec<&str> = name_words(name).collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| w.chars().count() <= 6 && w.chars().all(|c| matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー')))
        && words.first().is_some_and(|w| KOREAN_FAMILY_NAMES.contains(w))
}

/// The words of a name, as spaces, `・` and `＝` separate them.
fn name_words(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| c.is_whitespace() || matches!(c, '・' | '･' | '＝')).filter(|w| !w.is_empty())
}

/// A Korean name in katakana ([`is_korean_in_katakana`]) read as the
/// lists write Korean names, a word per syllable: Japanese writes a given
/// name in one word (`キム・ソンチョル`), the lists in syllables (`KIM
/// SONG CHOL`). A syllable is a letter read with its vowel (`ス` su) and
/// the final ン, ル, ク, ム or プ that may close it (n, l, k, m, p).
pub fn korean_reading(name: &str) -> Option<String> {
    if !is_korean_in_katakana(name) {
        return None;
    }
    let mut syllables: Vec<String> = Vec::new();
    for (n, word) in name_words(name).enumerate() {
        let morae = morae(&to_katakana(word));
        let mut at = 0;
        let mut family = String::new();
        while let Some(onset) = morae.get(at) {
            let mut syllable = format!("{}{}", onset.consonant, onset.vowel);
            let coda = morae.get(at + 1).filter(|m| !m.long || m.letter == 'ン').and_then(|m| match m.letter {
                'ン' => Some("n"),
                'ル' if m.vowel == "u" => Some("l"),
                'ク' if m.vowel == "u" => Some("k"),
                'ム' if m.vowel == "u" => Some("m"),
                'プ' if m.vowel == "u" => Some("p"),
                _ => None,
            });
            if let Some(coda) = coda {
                syllable.push_str(coda);
                at += 1;
            }
            at += 1;
            // (The family name stays one word.)
            if n == 0 {
                family.push_str(&syllable);
            } else {
                syllables.push(syllable);
            }
        }
        if n == 0 {
            syllables.push(family);
        }
    }
    let reading = crate::translit::fold_latin(&syllables.join(" "));
    (!reading.trim().is_empty()).then_some(reading)
}

/// True for hiragana, katakana (full and half width) and the prolonged sound mark.
pub fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}')
        && !matches!(c, '・' | '\u{30A0}' | '\u{FF65}')
}

/// Hepburn romaji of a basic katakana letter (after hiragana → katakana).
fn base(c: char) -> Option<&'static str> {
    Some(match c {
        'ア' | 'ァ' => "a",
        'イ' | 'ィ' | 'ヰ' => "i",
        'ウ' | 'ゥ' => "u",
        'エ' | 'ェ' | 'ヱ' => "e",
        'オ' | 'ォ' | 'ヲ' => "o",
        'カ' | 'ヵ' => "ka",
        'キ' => "ki",
        'ク' => "ku",
        'ケ' | 'ヶ' => "ke",
        'コ' => "ko",
        'ガ' => "ga",
        'ギ' => "gi",
        'グ' => "gu",
        'ゲ' => "ge",
        'ゴ' => "go",
        'サ' => "sa",
        'シ' => "shi",
        'ス' => "su",
        'セ' => "se",
        'ソ' => "so",
        'ザ' => "za",
        'ジ' | 'ヂ' => "ji",
        'ズ' | 'ヅ' => "zu",
        'ゼ' => "ze",
        'ゾ' => "zo",
        'タ' => "ta",
        'チ' => "chi",
        'ツ' => "tsu",
        'テ' => "te",
        'ト' => "to",
        'ダ' => "da",
        'デ' => "de",
        'ド' => "do",
        'ナ' => "na",
        'ニ' => "ni",
        'ヌ' => "nu",
        'ネ' => "ne",
        'ノ' => "no",
        'ハ' => "ha",
        'ヒ' => "hi",
        'フ' => "fu",
        'ヘ' => "he",
        'ホ' => "ho",
        'バ' => "ba",
        'ビ' => "bi",
        'ブ' => "bu",
        'ベ' => "be",
        'ボ' => "bo",
        'パ' => "pa",
        'ピ' => "pi",
        'プ' => "pu",
        'ペ' => "pe",
        'ポ' => "po",
        'マ' => "ma",
        'ミ' => "mi",
        'ム' => "mu",
        'メ' => "me",
        'モ' => "mo",
        'ヤ' | 'ャ' => "ya",
        'ユ' | 'ュ' => "yu",
        'ヨ' | 'ョ' => "yo",
        'ラ' => "ra",
        'リ' => "ri",
        'ル' => "ru",
        'レ' => "re",
        'ロ' => "ro",
        'ワ' | 'ヮ' => "wa",
        'ン' => "n",
        'ヴ' => "vu",
        'ヷ' => "va",
        'ヸ' => "vi",
        'ヹ' => "ve",
        'ヺ' => "vo",
        _ => return None,
    })
}

fn is_small_vowel(c: char) -> bool {
    matches!(c, 'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ')
}

fn is_small_y(c: char) -> bool {
    matches!(c, 'ャ' | 'ュ' | 'ョ')
}

/// One mora: its consonant part (Hepburn) and vowel, as read by a profile.
#[derive(Clone, Debug)]
struct Mora {
    /// Hepburn consonant part (`sh`, `ch`, `k`, `` for a bare vowel, `n` for ン);
    /// borrowed from the table but for the few made here (`ky`, `ry`).
    consonant: Cow<'static, str>,
    /// Vowel (`a`…`o`), empty for ン.
    vowel: &'static str,
    /// Followed by ー (long vowel).
    long: bool,
    /// Preceded by ッ (geminate consonant).
    geminate: bool,
    /// The katakana letter the mora starts with.
    letter: char,
}

fn split_romaji(r: &'static str) -> (Cow<'static, str>, &'static str) {
    match r.char_indices().find(|(_, c)| "aeiou".contains(*c)) {
        Some((i, _)) => (Cow::Borrowed(r.get(..i).unwrap_or("")), r.get(i..).unwrap_or("")),
        None => (Cow::Borrowed(r), ""),
    }
}

/// Katakana text (one word) into morae.
fn morae(word: &[char]) -> Vec<Mora> {
    let mut out: Vec<Mora> = Vec::with_capacity(word.len());
    let mut geminate = false;
    let mut i = 0;
    while let Some(&c) = word.get(i) {
        i += 1;
        match c {
            'ッ' => {
                geminate = true;
                continue;
            }
            'ー' => {
                if let Some(last) = out.last_mut() {
                    last.long = true;
                }
                continue;
            }
            _ => {}
        }
        let Some(romaji) = base(c) else {
            // Not kana: keep its any_ascii rendering as a consonant-only piece.
            let ascii = any_ascii::any_ascii_char(c);
            if !ascii.is_empty() {
                out.push(Mora { consonant: Cow::Owned(ascii.to_ascii_lowercase()), vowel: "", long: false, geminate, letter: c });
            }
            geminate = false;
            continue;
        };
        let (mut consonant, mut vowel) = split_romaji(romaji);
        if let Some(&small) = word.get(i) {
            let small_romaji = base(small).unwrap_or("");
            if is_small_y(small) && vowel == "i" && c != 'イ' {
                // キャ kya, シャ sha, チュ chu, ジョ jo, テュ tyu.
                let (_, v) = split_romaji(small_romaji);
                if !(consonant.ends_with("sh") || consonant.ends_with("ch") || consonant == "j") {
                    consonant.to_mut().push('y');
                }
                vowel = v;
                i += 1;
            } else if is_small_vowel(small) && c != 'ン' {
                // ティ ti, ファ fa, ウィ wi, イェ ye, ツァ tsa, ヴァ va.
                consonant = match c {
                    'ウ' => Cow::Borrowed("w"),
                    'イ' => Cow::Borrowed("y"),
                    'テ' | 'ト' => Cow::Borrowed("t"),
                    'デ' | 'ド' => Cow::Borrowed("d"),
                    // クァ kwa, グォ gwo (クォン Kwon, グァン Kwang).
                    'ク' => Cow::Borrowed("kw"),
                    'グ' => Cow::Borrowed("gw"),
                    _ => consonant,
                };
                vowel = small_romaji;
                i += 1;
            }
        }
        out.push(Mora { consonant, vowel, long: false, geminate, letter: c });
        geminate = false;
    }
    out
}

/// Renders the morae of one word in one profile.
fn render(morae: &[Mora], profile: Profile) -> String {
    let foreign = profile != Profile::Hepburn;
    let mut out = String::with_capacity(morae.len() * 3);
    for (i, m) in morae.iter().enumerate() {
        let next = morae.get(i + 1);
        let at_start = i == 0;
        let at_end = next.is_none();
        let next_is_consonant = next.is_some_and(|n| !n.consonant.is_empty() && n.consonant != "y" && n.consonant != "w");
        let mut consonant: &str = &m.consonant;
        let mut vowel = m.vowel;
        if foreign {
            // A final チ after ビ or ヴィ is the -vich of a patronymic.
            let slavic_vich = at_end && i > 0 && morae.get(i - 1).is_some_and(|p| p.vowel == "i" && matches!(&*p.consonant, "b" | "v"));
            // Katakana has no h sound of its own in a syllable's coda: フ
            // between a vowel and a consonant often writes one (アフマド
            // Ahmad, ラフマニノフ Rakhmaninov); before a sibilant or a p or b
            // it is a v or f (シマノフスキー -ovsky, コフパク Kovpak).
            let fu_is_v_or_f = next.is_some_and(|n| matches!(&*n.consonant, "s" | "sh" | "z" | "j" | "ch" | "ts" | "p" | "b"));
            let coda_fu = !at_start && !at_end && next_is_consonant && !fu_is_v_or_f && consonant == "f" && vowel == "u" && !m.long;
            consonant = match (profile, consonant, vowel) {
                (Profile::Russian, "sh", "i") => "s",
                // But for the -vich of a patronymic (ビチ, ヴィチ).
                (Profile::Russian, "ch", "i") if !slavic_vich => "t",
                (Profile::Russian, "f", "u") if coda_fu => "kh",
                (Profile::WesternAllL, "f", "u") if coda_fu => "h",
                (Profile::Russian, "j", "i" | "e") => "d",
                (Profile::Russian, "w", "a") => "v",
                // Russian в is often written with バ行 inside a word, and the
                // voiced final -ов/-ев with フ (ラブロフ Lavrov).
                (Profile::Russian, "b", _) if !at_start => "v",
                (Profile::Russian, "f", "u") if at_end => "v",
                (Profile::WesternL, "r", _) if !at_start => "l",
                (Profile::WesternL, "ry", _) if !at_start => "ly",
                (Profile::WesternAllL, "r", _) => "l",
                (Profile::WesternAllL, "ry", _) => "ly",
                (_, "f", "u") if at_end => "f",
                (_, c, _) => c,
            };
            // Initial ウ before a consonant is a V or W (ウラジーミル, ウォルター).
            if at_start && m.letter == 'ウ' && consonant.is_empty() && next_is_consonant && !m.long {
                consonant = if profile == Profile::Russian { "v" } else { "w" };
                vowel = "";
            }
            let u_mora = vowel == "u" && !m.long && !consonant.is_empty();
            let o_mora = vowel == "o" && !m.long && matches!(consonant, "t" | "d");
            let cluster_start = matches!(consonant, "s" | "k" | "p" | "b" | "f" | "g" | "d" | "t");
            // Word-final チ and ジ write a final ch and j (ヴィチ -vich,
            // ファラジ Faraj); the Russian profile reads ジ as d.
            let final_affricate = at_end && !m.long && vowel == "i" && (consonant == "ch" || consonant == "j");
            let epenthetic = final_affricate
                || (at_end || next_is_consonant)
                    && (!at_start || cluster_start)
                    && match profile {
                        Profile::Russian => u_mora || o_mora,
                        _ => u_mora || (o_mora && at_end),
                    };
            if epenthetic {
                vowel = "";
            }
            // English -er/-or ends in a long a (センター center, ヘリコプター helicopter).
            if at_end && m.long && vowel == "a" && matches!(profile, Profile::Western | Profile::WesternL) {
                vowel = "er";
            }
            if consonant == "ts" && vowel.is_empty() && profile != Profile::Russian {
                consonant = "z";
            }
        } else if m.geminate {
            // Hepburn: ッチ → tchi, ッカ → kka.
            if consonant.starts_with("ch") {
                out.push('t');
            } else if let Some(first) = consonant.chars().next() {
                out.push(first);
            }
        }
        out.push_str(consonant);
        // Long vowels are folded (ō → o), so ー adds nothing.
        out.push_str(vowel);
    }
    if foreign { out } else { fold_long_vowels(&out) }
}

/// Folds Japanese long vowels in romaji: `ou`, `oo` → `o`, `uu` → `u`
/// (`shinzou`, `shinzoo` and `shinzō` all become `shinzo`).
pub(crate) fn fold_long_vowels(romaji: &str) -> String {
    let mut out = String::with_capacity(romaji.len());
    let mut prev: Option<char> = None;
    for c in romaji.chars() {
        let long = matches!((prev, c), (Some('o'), 'u') | (Some('o'), 'o') | (Some('u'), 'u'));
        if !long {
            out.push(c);
        }
        prev = if long { None } else { Some(c) };
    }
    out
}

/// Converts hiragana to katakana and half-width katakana to full width.
fn to_katakana(text: &str) -> Vec<char> {
    let to_katakana = |c: char| match c {
        '\u{3041}'..='\u{3096}' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
        '\u{309D}' | '\u{309E}' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
        other => other,
    };
    // (Dictionary readings are plain kana, which NFKC leaves as they are.)
    if text.chars().all(is_plain_kana) {
        text.chars().map(to_katakana).collect()
    } else {
        text.nfkc().map(to_katakana).collect()
    }
}

/// Kana letters that NFKC leaves unchanged: hiragana and full-width
/// katakana letters, and the prolonged sound mark ー.
fn is_plain_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | 'ー')
}

/// Hepburn romaji (long vowels folded) of a kana word, no spaces; used for
/// dictionary readings.
pub(crate) fn hepburn(kana: &str) -> String {
    let chars = to_katakana(kana);
    let romaji = render(&morae(&chars), Profile::Hepburn);
    // (Kana render as lower-case letters, which folding leaves as they are.)
    if romaji.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        return romaji;
    }
    super::super::translit::fold_latin(&romaji).replace(' ', "")
}

/// Romanisation of kana (hiragana, katakana, half-width katakana) without
/// dictionaries, best first: modified Hepburn, then, for katakana renderings
/// of foreign names, the spellings a Latin original could have (`プーチン` →
/// `puchin`, `putin`; `ルドルフ` → `rudolf`; `ｷﾑﾗ` → `kimura`). Words are
/// separated by spaces, `・`, `＝` or any character that is not kana; other
/// characters are rendered by `any_ascii`. Each result is lower-case ASCII
/// words; duplicates are removed.
pub fn kana_to_latin(text: &str) -> Vec<String> {
    romanise(text, &PROFILES)
}

/// As [`kana_to_latin`], with the foreign-name spellings first (for
/// katakana words next to a known foreign name).
pub(crate) fn kana_to_latin_foreign_first(text: &str) -> Vec<String> {
    romanise(text, &FOREIGN_FIRST)
}

fn romanise(text: &str, profiles: &[Profile]) -> Vec<String> {
    let chars = to_katakana(text);
    let words: Vec<&[char]> = chars
        .split(|&c| !(is_kana(c) || crate::normalize::is_alphanumeric(c)) || matches!(c, '・' | '＝' | '･'))
        .filter(|w| !w.is_empty())
        .collect();
    let per_word: Vec<Vec<String>> = words
        .iter()
        .map(|w| {
            let m = morae(w);
            profiles.iter().map(|&p| crate::translit::fold_latin(&render(&m, p))).collect()
        })
        .collect();
    crate::translit::line_up(&per_word, crate::translit::MAX_FORMS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(text: &str, form: &str) -> bool {
        crate::translit::contains_form(text, &kana_to_latin(text), form)
    }

    #[test]
    fn plain_kana_are_left_as_they_are_by_nfkc() {
        let plain = ('\u{3041}'..='\u{30FF}').filter(|c| is_plain_kana(*c));
        for c in plain {
            assert_eq!(c.to_string().nfkc().collect::<String>(), c.to_string(), "{c:?}");
        }
    }

    #[test]
    fn hepburn_first() {
        assert_eq!(kana_to_latin("とうきょう")[0], "tokyo");
        assert_eq!(kana_to_latin("ｷﾑﾗ ﾀﾛｳ")[0], "kimura taro");
        assert_eq!(kana_to_latin("しんぞう")[0], "shinzo");
        assert_eq!(kana_to_latin("がっこう")[0], "gakko");
        assert_eq!(kana_to_latin("まっちゃ")[0], "matcha");
        assert_eq!(hepburn("あべしんぞう"), "abeshinzo");
        assert!(kana_to_latin("").is_empty());
    }

    #[test]
    fn foreign_names_in_katakana() {
        assert!(has("プーチン", "putin"));
        assert!(has("ルドルフ", "rudolf"));
        assert!(has("ウラジーミル・プーチン", "vradimir putin"));
        assert!(has("カラシニコフ", "kalashinikof"));
        assert!(has("コンツェルン", "kontsern"));
        assert!(has("ヴィクトル", "viktor"));
        assert!(has("ドミトリー", "dmitri"));
        assert!(has("ストックホルム", "stokholm"));
        assert!(has("レーニン", "lenin"));
        assert!(has("ラブロフ", "ravrov"));
        assert!(has("メドベージェフ", "medvedev"));
        assert!(has("センター", "senter"));
        assert_eq!(kana_to_latin_foreign_first("コンツェルン")[0], "kontsern");
    }

    #[test]
    fn final_affricates_and_codas_of_foreign_names() {
        // A final チ or ジ writes a consonant (patronymics, Arabic names)…
        assert!(has("ニコラエヴィチ", "nikoraevich"));
        assert!(has("アレクサンドロビチ", "areksandrovich"));
        assert!(has("ファラジ", "faraj"));
        // …but the Russian reading keeps -ti elsewhere (チクリチー Tikriti).
        assert!(has("チクリチー", "tikriti"));
        // フ in a syllable's coda writes an h (Arabic) or a kh (Russian).
        assert!(has("アフマド", "ahmad"));
        assert!(has("ラフマニノフ", "rakhmaninov"));
        // Not at the start of a word or before a vowel.
        assert!(has("フランス", "furansu"));
        assert!(has("シマノフスキー", "simanofski"));
        assert!(!kana_to_latin("シマノフスキー").iter().any(|f| f.contains("kh")));
        assert!(!kana_to_latin("ソフィア").iter().any(|f| f.contains('h')));
    }

    #[test]
    fn korean_names_in_katakana_are_told_apart() {
        assert!(is_korean_in_katakana("キム・ギョンイル"));
        assert!(is_korean_in_katakana("リ ビョンチョル"));
        assert!(!is_korean_in_katakana("ウラジーミル・プーチン"));
        assert!(!is_korean_in_katakana("キム"));
        assert!(!is_korean_in_katakana("Kim Jong Un"));
        assert!(has("クォン", "kwon"));
    }

    #[test]
    fn a_korean_given_name_is_read_a_syllable_a_word() {
        assert_eq!(korean_reading("キム・ソンチョル").as_deref(), Some("kim son chol"));
        assert_eq!(korean_reading("リ・ビョンチョル").as_deref(), Some("ri byon chol"));
        assert_eq!(korean_reading("パク・イルギュ").as_deref(), Some("pak il gyu"));
        assert_eq!(korean_reading("キム・スギル").as_deref(), Some("kim su gil"));
        assert_eq!(korean_reading("ウラジーミル・プーチン"), None);
    }

    #[test]
    fn long_vowel_folding() {
        assert_eq!(fold_long_vowels("shinzou"), "shinzo");
        assert_eq!(fold_long_vowels("ohno"), "ohno");
        assert_eq!(fold_long_vowels("oono"), "ono");
        assert_eq!(fold_long_vowels("yuuko"), "yuko");
    }
}
