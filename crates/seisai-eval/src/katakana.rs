//! Latin names written in katakana by their sounds, as Japanese lists and
//! documents render foreign names (`Ivan Sidorov` → `イヴァン・シドロフ`,
//! `Vladimir Putin` → `ウラジーミル・プーチン`): the perturbation kind
//! [`crate::perturb::Kind::Katakana`].
//!
//! The rules are those of everyday Japanese transcription, not of the
//! engine's reader: each consonant takes the vowel after it, a consonant
//! with none takes the epenthetic `u` (`o` after `t`/`d`, `i` after
//! `ch`/`j`), `n` before a consonant is `ン`, a doubled stop is `ッ`, `l`
//! and `r` are both `ラ行`, and where Japanese usage varies (`v` as `ヴ` or
//! `バ行`, `ti` as `チ` or `ティ`, `di` as `ジ` or `ディ`, a vowel lengthened
//! with `ー`, English `-er` as `ー` or `ル`) the seeded generator chooses.

use crate::perturb::is_vowel;

/// One sound of a Latin word: a consonant (possibly none) and the vowel
/// after it (possibly none).
#[derive(Clone, Debug, PartialEq)]
struct Sound {
    consonant: &'static str,
    vowel: Option<char>,
}

/// Latin letter groups and the consonant they stand for, longest first
/// (`l` is kept apart from `r` only for English `-er`: both are `ラ行`).
const CONSONANTS: &[(&str, &str)] = &[
    ("shch", "sh"),
    ("dzh", "j"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("sh", "sh"),
    ("ch", "ch"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "s"),
    ("ts", "ts"),
    ("tz", "ts"),
    ("ck", "k"),
    ("dj", "j"),
    ("b", "b"),
    ("d", "d"),
    ("f", "f"),
    ("g", "g"),
    ("h", "h"),
    ("j", "j"),
    ("k", "k"),
    ("l", "l"),
    ("m", "m"),
    ("n", "n"),
    ("p", "p"),
    ("q", "k"),
    ("r", "r"),
    ("s", "s"),
    ("t", "t"),
    ("v", "v"),
    ("w", "w"),
    ("z", "z"),
];

/// The sounds of a lower-case ASCII word, or `None` for a word with
/// another letter, or without a vowel (an acronym or a legal form).
fn sounds(word: &str) -> Option<Vec<Sound>> {
    if !word.bytes().all(|b| b.is_ascii_lowercase()) || !word.chars().any(|c| is_vowel(c) || c == 'y') {
        return None;
    }
    let chars: Vec<char> = word.chars().collect();
    let mut out: Vec<Sound> = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        // ASCII letters (checked above): characters are bytes.
        let rest = &word[i..];
        let next_is_vowel = |k: usize| chars.get(k).is_some_and(|&n| is_vowel(n) || n == 'y');
        if is_vowel(c) || (c == 'y' && !next_is_vowel(i + 1)) {
            // A vowel alone (`y` between consonants or at the end is `i`).
            out.push(Sound { consonant: "", vowel: Some(if c == 'y' { 'i' } else { c }) });
            i += 1;
            continue;
        }
        let (taken, consonant) = match c {
            'y' => (1, "y"),
            'x' => {
                out.push(Sound { consonant: "k", vowel: None });
                (1, "s")
            }
            _ if rest.starts_with("ch") || rest.starts_with("ck") => CONSONANTS.iter().find(|(latin, _)| rest.starts_with(latin)).map(|(l, k)| (l.len(), *k))?,
            'c' if chars.get(i + 1).is_some_and(|n| matches!(n, 'e' | 'i' | 'y')) => (1, "s"),
            'c' => (1, "k"),
            _ => CONSONANTS.iter().find(|(latin, _)| rest.starts_with(latin)).map(|(l, k)| (l.len(), *k))?,
        };
        i += taken;
        // A doubled letter that Japanese does not geminate is one sound
        // (`Kirill`); a doubled stop is two, the first marked `ッ` later.
        if chars.get(i) == Some(&c) && matches!(c, 'l' | 'r' | 'h' | 'w' | 'v' | 'y' | 'j') {
            i += 1;
        }
        let vowel = match chars.get(i) {
            Some(&v) if is_vowel(v) => {
                i += 1;
                Some(v)
            }
            // `y` after a consonant: `i` at the end or before a consonant
            // (`Dmitry`), and `i` before the `y` sound of `ya`, `yu` (`Ilya`).
            Some('y') if !next_is_vowel(i + 1) => {
                i += 1;
                Some('i')
            }
            Some('y') => Some('i'),
            _ => None,
        };
        out.push(Sound { consonant, vowel });
    }
    Some(out)
}

/// The katakana of a consonant (by its romaji) and a vowel.
fn kana(consonant: &str, vowel: char) -> &'static str {
    let row: [&str; 5] = match consonant {
        "" => ["ア", "イ", "ウ", "エ", "オ"],
        "k" => ["カ", "キ", "ク", "ケ", "コ"],
        "g" => ["ガ", "ギ", "グ", "ゲ", "ゴ"],
        "s" => ["サ", "シ", "ス", "セ", "ソ"],
        "z" => ["ザ", "ジ", "ズ", "ゼ", "ゾ"],
        "t" => ["タ", "ティ", "トゥ", "テ", "ト"],
        "d" => ["ダ", "ディ", "ドゥ", "デ", "ド"],
        "n" => ["ナ", "ニ", "ヌ", "ネ", "ノ"],
        "h" => ["ハ", "ヒ", "フ", "ヘ", "ホ"],
        "b" => ["バ", "ビ", "ブ", "ベ", "ボ"],
        "p" => ["パ", "ピ", "プ", "ペ", "ポ"],
        "m" => ["マ", "ミ", "ム", "メ", "モ"],
        "y" => ["ヤ", "イ", "ユ", "イェ", "ヨ"],
        "r" | "l" => ["ラ", "リ", "ル", "レ", "ロ"],
        "w" => ["ワ", "ウィ", "ウ", "ウェ", "ウォ"],
        "f" => ["ファ", "フィ", "フ", "フェ", "フォ"],
        "v" => ["ヴァ", "ヴィ", "ヴ", "ヴェ", "ヴォ"],
        "sh" => ["シャ", "シ", "シュ", "シェ", "ショ"],
        "ch" => ["チャ", "チ", "チュ", "チェ", "チョ"],
        "j" => ["ジャ", "ジ", "ジュ", "ジェ", "ジョ"],
        "ts" => ["ツァ", "ツィ", "ツ", "ツェ", "ツォ"],
        _ => ["", "", "", "", ""],
    };
    let at = match vowel {
        'a' => 0,
        'i' => 1,
        'u' => 2,
        'e' => 3,
        _ => 4,
    };
    row[at]
}

/// The vowel Japanese adds to a consonant with none.
fn epenthetic(consonant: &str) -> char {
    match consonant {
        "t" | "d" => 'o',
        "ch" | "j" => 'i',
        _ => 'u',
    }
}

/// One word in katakana, choosing with `rng` where usage varies.
fn word(sounds: &[Sound], rng: &mut fastrand::Rng) -> String {
    let mut out = String::new();
    // At most one vowel lengthened per word, as in `プーチン`.
    let lengthen = if rng.u8(..4) == 0 { rng.usize(..sounds.len().max(1)) } else { usize::MAX };
    let voiced_v = rng.bool();
    let palatal = rng.bool();
    for (i, s) in sounds.iter().enumerate() {
        let next = sounds.get(i + 1);
        let last = next.is_none();
        let prev_vowel = i.checked_sub(1).and_then(|p| sounds.get(p)).and_then(|p| p.vowel);
        let mut consonant = s.consonant;
        if consonant == "v" && (voiced_v || last) {
            // `v` as バ行 (and the voiceless `-ov`/`-ev` as フ at the end).
            consonant = if last && s.vowel.is_none() { "f" } else { "b" };
        }
        match s.vowel {
            Some(v) => {
                let mut k = kana(consonant, v);
                if palatal && v == 'i' {
                    k = match consonant {
                        "t" => "チ",
                        "d" => "ジ",
                        _ => k,
                    };
                }
                // A vowel after the same vowel lengthens it (`Lee` → `リー`).
                let long = consonant.is_empty() && prev_vowel == Some(v);
                if !long {
                    out.push_str(k);
                }
                if (long || i == lengthen) && !out.ends_with('ー') {
                    out.push('ー');
                }
            }
            None if consonant == "n" || (consonant == "m" && next.is_some_and(|n| matches!(n.consonant, "b" | "p" | "m"))) => out.push('ン'),
            None if consonant == "h" && i > 0 && last => {}
            // English `-er`, `-or`, `-ar` as a long vowel (`センター`).
            None if last && consonant == "r" && prev_vowel.is_some_and(|v| matches!(v, 'a' | 'e' | 'o')) && rng.bool() => {
                if !out.ends_with('ー') {
                    out.push('ー');
                }
            }
            None if i == 0 && consonant == "v" => out.push('ウ'),
            None => {
                let doubled = next.is_some_and(|n| n.consonant == consonant && matches!(consonant, "k" | "t" | "p" | "s" | "d" | "g" | "b" | "f" | "z" | "sh"));
                if doubled {
                    out.push('ッ');
                } else {
                    out.push_str(kana(consonant, epenthetic(consonant)));
                }
            }
        }
    }
    out
}

/// `name` in katakana, its parts separated by `・` (a hyphen by `＝`);
/// `None` when a part is not plain Latin letters with a vowel.
pub fn katakana(name: &str, rng: &mut fastrand::Rng) -> Option<String> {
    let mut out = String::new();
    for (i, part) in name.split_whitespace().enumerate() {
        if i > 0 {
            out.push('・');
        }
        for (j, piece) in part.split('-').filter(|p| !p.is_empty()).enumerate() {
            if j > 0 {
                out.push('＝');
            }
            let lower: String = piece.chars().filter(|c| !matches!(c, '\'' | '.' | ',')).collect::<String>().to_lowercase();
            out.push_str(&word(&sounds(&lower)?, rng));
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every spelling the generator makes of `name` over many seeds.
    fn all(name: &str) -> Vec<String> {
        let mut out: Vec<String> = (0..200).filter_map(|s| katakana(name, &mut fastrand::Rng::with_seed(s))).collect();
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn renders_names_the_japanese_way() {
        assert!(all("Vladimir Putin").contains(&"ウラジーミル・プーチン".to_string()), "{:?}", all("Vladimir Putin"));
        assert!(all("Ivan Sidorov").contains(&"イヴァン・シドロフ".to_string()), "{:?}", all("Ivan Sidorov"));
        assert!(all("Sergei Lavrov").contains(&"セルゲイ・ラブロフ".to_string()), "{:?}", all("Sergei Lavrov"));
        assert!(all("Mikhail Fridman").contains(&"ミハイル・フリドマン".to_string()), "{:?}", all("Mikhail Fridman"));
        assert!(all("Ali Hassan Al-Majid").contains(&"アリ・ハッサン・アル＝マジド".to_string()), "{:?}", all("Ali Hassan Al-Majid"));
    }

    #[test]
    fn leaves_out_what_it_cannot_sound() {
        assert_eq!(katakana("Acme LLC", &mut fastrand::Rng::with_seed(1)), None);
        assert_eq!(katakana("José Núñez", &mut fastrand::Rng::with_seed(1)), None);
        assert_eq!(katakana("", &mut fastrand::Rng::with_seed(1)), None);
    }

    #[test]
    fn only_katakana_and_separators() {
        for s in all("Yevgeny Prigozhin Xavier-Quentin Tchaikovsky") {
            assert!(s.chars().all(|c| matches!(c, '\u{30A0}'..='\u{30FF}' | '＝')), "{s}");
        }
    }
}
