//! What is left of a romanised word once the sounds a syllabic
//! transcription cannot tell apart are folded: the key under which a
//! foreign name read from katakana (`バレリエビチ` → `bareriebichi`) or from
//! Chinese characters (`瓦莱里耶维奇`) meets the Latin spelling it renders
//! (`Valerievich`).
//!
//! Katakana has one letter row for `l` and `r` (ラ行), one letter for a
//! final `n` and `ng` (`ン`), writes `v` as `ヴ`
//! or `バ行`, `ti` and `chi` alike (`チ`), `di`, `ji` and `zi` alike (`ジ`),
//! `fu` and `hu` alike (`フ`), gives every consonant a vowel (`ク` for a
//! final `k`, `ド` for a final `d`, `チ` for a final `ch`), drops an English `r` before a consonant (`マーティン`
//! Martin), writes a final Russian `v` as `フ` (`シドロフ`), and marks doubled consonants and long vowels in ways a reader
//! may or may not keep. Chinese transcription blurs the same sounds (`尔`
//! l or r, `夫` v or f, `维` v or w, `特` a lone t, `德` d or de). Folding
//! each of these on both sides leaves two spellings of one name with the
//! same key.

/// Latin letter groups and what they fold to, longest first.
const FOLDS: &[(&str, &str)] = &[
    ("shch", "s"),
    // A palatal t or d before o or u is katakana's チョ, チュ, ジョ, ジュ
    // (`Artyom` アルチョム); before a it is also written チヤ (`Mityaev`
    // ミチヤエフ), and `y` is a vowel elsewhere (`Volodymyr`).
    ("tyo", "to"),
    ("tyu", "tu"),
    ("dyo", "do"),
    ("dyu", "du"),
    ("dzh", "d"),
    ("sch", "s"),
    ("tch", "t"),
    ("sh", "s"),
    ("ch", "t"),
    ("ts", "t"),
    ("tz", "t"),
    ("zh", "d"),
    ("dz", "d"),
    ("dj", "d"),
    ("kh", "h"),
    // Korean oe is katakana's エ (`Choe` チェ), as German oe is (`Goethe` ゲーテ).
    ("oe", "e"),
    // Katakana writes n and ng alike (ン: ソン Song, クァン Kwang).
    ("ng", "n"),
    ("gh", "g"),
    ("ph", "h"),
    ("th", "s"),
    ("ck", "k"),
    ("ce", "se"),
    ("ci", "si"),
    ("cy", "si"),
    ("c", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("j", "d"),
    ("z", "d"),
    ("f", "h"),
    ("v", "b"),
    ("w", "b"),
    ("l", "r"),
    ("y", "i"),
];

/// Whether `c` is a vowel (after folding).
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The sound key of a lower-case ASCII word (see the module
/// documentation); `None` for any other text.
pub fn transcribed_sounds(word: &str) -> Option<String> {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let mut folded = String::with_capacity(word.len());
    let mut rest = word;
    while let Some(c) = rest.chars().next() {
        // Korean hw starting a syllable is katakana's ファ (`Hwang` ファン,
        // `Kyonghwan` ギョンファン); after a vowel it is two sounds (`Twehway`).
        if rest.starts_with("hw") && !folded.ends_with(is_vowel) {
            folded.push('h');
            rest = &rest[2..];
            continue;
        }
        match FOLDS.iter().find(|(from, _)| rest.starts_with(from)) {
            Some((from, to)) => {
                folded.push_str(to);
                rest = &rest[from.len()..];
            }
            None => {
                folded.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    let mut chars: Vec<char> = folded.chars().collect();
    // An initial `ウ` or `ブ` before a consonant is read `v`, `w` or `b`
    // (`ウラジーミル`, `ブラディミル` Vladimir) but may be a `u`
    // (`ウルバシェフ` Ulbashev): all are `u`.
    if let [first @ 'b', second, ..] = &mut chars[..] {
        if !is_vowel(*second) {
            *first = 'u';
        }
    }
    // A final `u`, `o` or `i` after a consonant may be katakana's own
    // (`クリク`, `ド`, `チ`); `a` and `e` are the name's (`Ivanova`).
    if let [.., before, last] = chars[..] {
        if chars.len() > 3 && matches!(last, 'u' | 'o' | 'i') && !is_vowel(before) {
            chars.pop();
        }
    }
    let consonant = |k: usize| chars.get(k).is_some_and(|&c| !is_vowel(c));
    // So may a `u` between consonants (`ヴォロツコフ` vorotsukofu) and an
    // `o` after `t` or `d` (`ドミトリー` domitorii).
    let kept: Vec<char> = chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            let between = i > 0 && consonant(i - 1) && consonant(i + 1);
            !(between && (c == 'u' || (c == 'o' && matches!(chars[i - 1], 't' | 'd'))))
        })
        .map(|(_, &c)| c)
        .collect();
    let mut out = String::with_capacity(kept.len());
    for (i, &c) in kept.iter().enumerate() {
        let next = kept.get(i + 1).copied();
        // A final `v` is voiceless in Russian, and katakana writes it `フ`.
        let c = if c == 'b' && next.is_none() { 'h' } else { c };
        let before_vowel = next.is_some_and(is_vowel);
        // `h` and `r` before a consonant or at the end are a reader's
        // guess (`アフマド`, `マーティン`); a doubled letter is one.
        if (matches!(c, 'h' | 'r') && !before_vowel && i > 0) || out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        transcribed_sounds(a).is_some() && transcribed_sounds(a) == transcribed_sounds(b)
    }

    #[test]
    fn spellings_katakana_reads_alike_meet() {
        assert!(same("bareriebichi", "valerievich"));
        assert!(same("vajim", "vadim"));
        assert!(same("kuriku", "kulik"));
        assert!(same("batehin", "batekhin"));
        assert!(same("matin", "martin"));
        assert!(same("hasan", "hassan"));
        assert!(same("rafman", "rahman"));
        assert!(same("shidorofu", "sidorov"));
        assert!(same("wlbashef", "ulbashev"));
        assert!(same("vradimir", "vladimir"));
        assert!(same("bradimir", "vladimir"));
        assert!(same("vorotsukofu", "volotskov"));
        assert!(same("domitori", "dmitry"));
        assert!(same("yon", "yong"));
        assert!(same("sonchoru", "songchol"));
        assert!(same("inguriddo", "ingrid"));
        assert!(same("aruchomu", "artyom"));
        assert!(same("michiyaefu", "mityaev"));
        assert!(same("borodimiru", "volodymyr"));
        assert!(same("refu", "lev"));
        assert!(same("fan", "hwang"));
        assert!(same("kyonfan", "kyonghwan"));
        // After a vowel, h and w are two sounds.
        assert!(transcribed_sounds("twehway").is_some_and(|k| k.contains('b')));
        assert!(same("che", "choe"));
    }

    #[test]
    fn different_names_stay_apart() {
        assert!(!same("kulik", "kolek"));
        assert!(!same("ivanov", "ivanova"));
        assert!(!same("petrov", "pavlov"));
        assert!(!same("kim", "kam"));
        assert_eq!(transcribed_sounds("Ivan"), None);
        assert_eq!(transcribed_sounds("иван"), None);
        assert_eq!(transcribed_sounds(""), None);
    }
}
