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
fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The sound key of a lower-case ASCII word (see the module
/// documentation); `None` for any other text. (Worked on bytes, with two
/// buffers: a search asks it of every listed word a transcribed query
/// word may pair with.)
pub fn transcribed_sounds(word: &str) -> Option<String> {
    let word = word.as_bytes();
    if word.is_empty() || !word.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    let mut chars: Vec<u8> = Vec::with_capacity(word.len() + 4);
    let mut at = 0;
    while let Some(&c) = word.get(at) {
        let rest = &word[at..];
        // Korean hw starting a syllable is katakana's ファ (`Hwang` ファン,
        // `Kyonghwan` ギョンファン); after a vowel it is two sounds (`Twehway`).
        if rest.starts_with(b"hw") && !chars.last().is_some_and(|&l| is_vowel(l)) {
            chars.push(b'h');
            at += 2;
            continue;
        }
        match FOLDS.iter().find(|(from, _)| from.as_bytes().first() == Some(&c) && rest.starts_with(from.as_bytes())) {
            Some((from, to)) => {
                chars.extend_from_slice(to.as_bytes());
                at += from.len();
            }
            None => {
                chars.push(c);
                at += 1;
            }
        }
    }
    // An initial `ウ` or `ブ` before a consonant is read `v`, `w` or `b`
    // (`ウラジーミル`, `ブラディミル` Vladimir) but may be a `u`
    // (`ウルバシェフ` Ulbashev): all are `u`.
    if let [first @ b'b', second, ..] = &mut chars[..] {
        if !is_vowel(*second) {
            *first = b'u';
        }
    }
    // A final `u`, `o` or `i` after a consonant may be katakana's own
    // (`クリク`, `ド`, `チ`); `a` and `e` are the name's (`Ivanova`).
    if let [.., before, last] = chars[..] {
        if chars.len() > 3 && matches!(last, b'u' | b'o' | b'i') && !is_vowel(before) {
            chars.pop();
        }
    }
    let consonant = |k: usize| chars.get(k).is_some_and(|&c| !is_vowel(c));
    // So may a `u` between consonants (`ヴォロツコフ` vorotsukofu) and an
    // `o` after `t` or `d` (`ドミトリー` domitorii).
    let left_out = |i: usize, c: u8| {
        let between = i > 0 && consonant(i - 1) && consonant(i + 1);
        between && (c == b'u' || (c == b'o' && matches!(chars[i - 1], b't' | b'd')))
    };
    let kept: Vec<u8> = chars.iter().enumerate().filter(|&(i, &c)| !left_out(i, c)).map(|(_, &c)| c).collect();
    // (`chars` is reused for the key.)
    chars.clear();
    for (i, &c) in kept.iter().enumerate() {
        let next = kept.get(i + 1).copied();
        // A final `v` is voiceless in Russian, and katakana writes it `フ`.
        let c = if c == b'b' && next.is_none() { b'h' } else { c };
        let before_vowel = next.is_some_and(is_vowel);
        // `h` and `r` before a consonant or at the end are a reader's
        // guess (`アフマド`, `マーティン`); a doubled letter is one.
        if (matches!(c, b'h' | b'r') && !before_vowel && i > 0) || chars.last() == Some(&c) {
            continue;
        }
        chars.push(c);
    }
    // (Only ASCII letters were pushed.)
    String::from_utf8(chars).ok()
}

/// [`transcribed_sounds`] for a Korean name in katakana: Japanese writes
/// a Korean consonant voiced or not by its place in the word (グァンイル,
/// キム・ギョンイル) where the lists write it unvoiced or not by their
/// romanisation (KWANG IL, KYONG; JANG or CHANG), so voicing is folded too:
/// g into k, d into t, b into p (j and ch are d and t already).
pub fn korean_sounds(word: &str) -> Option<String> {
    let key = transcribed_sounds(word)?;
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        let c = match c {
            'g' => 'k',
            'd' => 't',
            'b' => 'p',
            c => c,
        };
        if !out.ends_with(c) {
            out.push(c);
        }
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
    fn korean_names_meet_whatever_their_voicing() {
        let same = |a: &str, b: &str| korean_sounds(a).is_some() && korean_sounds(a) == korean_sounds(b);
        assert!(same("gyonil", "kyongil"));
        assert!(same("chan", "jang"));
        assert!(same("byonchoru", "pyongchol"));
        assert!(same("gwanchun", "kwangchun"));
        assert!(!same("kim", "kam"));
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
