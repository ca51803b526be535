//! Han characters read as Mandarin: pinyin without tones, family name first.
//!
//! Pinyin comes from `any_ascii`, whose Han table gives the most common
//! Mandarin reading per character with syllables capitalised (`习近平` →
//! `XiJinPing`); compared with the `pinyin` crate on sample names it gives
//! the same readings and needs no extra dependency. Characters read
//! differently as surnames (单 Shan, 曾 Zeng, 解 Xie …) are corrected from a
//! small table. Wade–Giles forms are derived from the pinyin syllables.

/// Surname readings that differ from the character's most common reading,
/// and two-character surnames (kept together when splitting a name).
const SURNAMES: &[(&str, &str)] = &[
    ("单", "shan"),
    ("單", "shan"),
    ("曾", "zeng"),
    ("区", "ou"),
    ("區", "ou"),
    ("解", "xie"),
    ("仇", "qiu"),
    ("查", "zha"),
    ("朴", "piao"),
    ("盖", "ge"),
    ("蓋", "ge"),
    ("乐", "yue"),
    ("樂", "yue"),
    ("缪", "miao"),
    ("繆", "miao"),
    ("覃", "qin"),
    ("翟", "zhai"),
    ("种", "chong"),
    ("秘", "bi"),
    ("召", "shao"),
    ("薄", "bo"),
    ("柏", "bai"),
    ("员", "yun"),
    ("欧阳", "ouyang"),
    ("歐陽", "ouyang"),
    ("司马", "sima"),
    ("司馬", "sima"),
    ("诸葛", "zhuge"),
    ("諸葛", "zhuge"),
    ("上官", "shangguan"),
    ("东方", "dongfang"),
    ("東方", "dongfang"),
    ("皇甫", "huangfu"),
    ("尉迟", "yuchi"),
    ("尉遲", "yuchi"),
    ("公孙", "gongsun"),
    ("公孫", "gongsun"),
    ("慕容", "murong"),
    ("长孙", "zhangsun"),
    ("長孫", "zhangsun"),
    ("宇文", "yuwen"),
    ("司徒", "situ"),
    ("夏侯", "xiahou"),
    ("令狐", "linghu"),
    ("澹台", "tantai"),
    ("万俟", "moqi"),
];

/// Pinyin syllables of a Han string (one entry per character; characters
/// without a reading give their `any_ascii` rendering or nothing).
fn syllables(text: &str) -> Vec<String> {
    text.chars()
        .map(|c| {
            let mut s = String::new();
            let mut buf = [0u8; 4];
            s.push_str(&super::fold::words(any_ascii::any_ascii(c.encode_utf8(&mut buf)).as_str()));
            s.retain(|ch| ch != ' ');
            s
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Renderings of Han text, best first: for an unspaced 2–4 character name,
/// family name + given name (`xi jinping`, `xi jin ping`, Wade–Giles
/// `hsi chinping`); otherwise each word's syllables joined, then spaced.
/// A foreign name written with transcription characters is also read by
/// their values ([`han_foreign`](super::han_foreign)): first when its parts
/// were separated (`弗拉基米尔·普京`), after the pinyin when it is one word.
pub(crate) fn renderings(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let mut forms = Vec::with_capacity(6);
    let foreign = foreign_name(&words);
    if foreign && words.len() > 1 {
        forms = super::han_foreign::renderings(text, &pinyin_of);
    }
    if let [name] = words.as_slice() {
        let count = name.chars().count();
        if (2..=4).contains(&count) {
            personal_name(name, &mut forms);
            if foreign {
                super::push_unique(&mut forms, super::han_foreign::renderings(text, &pinyin_of));
            }
            return forms;
        }
    }
    let per_word: Vec<Vec<String>> = words.iter().map(|w| syllables(w)).collect();
    let joined: Vec<String> = per_word.iter().map(|s| s.concat()).collect();
    let spaced: Vec<String> = per_word.iter().map(|s| s.join(" ")).collect();
    let wade: Vec<String> =
        per_word.iter().map(|s| s.iter().map(|p| wade_giles(p)).collect::<String>()).collect();
    super::push_unique(&mut forms, [joined.join(" "), spaced.join(" "), wade.join(" ")]);
    if foreign && words.len() == 1 {
        super::push_unique(&mut forms, super::han_foreign::renderings(text, &pinyin_of));
    }
    forms
}

/// Whether Han words look like a foreign name in transcription characters:
/// several words (the parts of a foreign name are separated by `·`), one
/// of three characters or more, with at least two thirds of their
/// characters from the transcription table; or one word of three
/// characters or more, all from the table. (Chinese names written given
/// name first with a space, `明宏 高`, have shorter words.)
fn foreign_name(words: &[&str]) -> bool {
    let (mut known, mut total, mut longest) = (0usize, 0usize, 0usize);
    for word in words {
        let mut length = 0;
        for c in word.chars() {
            length += 1;
            known += usize::from(super::han_foreign::is_transcription(c));
        }
        total += length;
        longest = longest.max(length);
    }
    match words.len() {
        0 => false,
        1 => total >= 3 && known == total,
        _ => longest >= 3 && known * 3 >= total * 2,
    }
}

/// The pinyin syllable of one character (empty when it has none).
fn pinyin_of(c: char) -> String {
    let mut buf = [0u8; 4];
    syllables(c.encode_utf8(&mut buf)).concat()
}

fn personal_name(name: &str, forms: &mut Vec<String>) {
    let chars: Vec<char> = name.chars().collect();
    let two: String = chars.iter().take(2).collect();
    let split = if chars.len() >= 3 && SURNAMES.iter().any(|(k, v)| *k == two && v.len() > 3) {
        2
    } else {
        1
    };
    let (family, given) = chars.split_at(split.min(chars.len()));
    let family: String = family.iter().collect();
    let given: String = given.iter().collect();
    let surname = SURNAMES
        .iter()
        .find(|(k, _)| *k == family)
        .map(|(_, v)| (*v).to_owned())
        .unwrap_or_else(|| syllables(&family).concat());
    let given = syllables(&given);
    let wade_family = syllables_of_surname(&surname);
    let wade_given: Vec<String> = given.iter().map(|s| wade_giles(s)).collect();
    super::push_unique(
        forms,
        [
            format!("{surname} {}", given.concat()),
            format!("{surname} {}", given.join(" ")),
            format!("{surname}{}", given.concat()),
            format!("{wade_family} {}", wade_given.concat()),
            format!("{wade_family} {}", wade_given.join(" ")),
        ],
    );
}

fn syllables_of_surname(pinyin: &str) -> String {
    wade_giles(pinyin)
}

/// Approximate Wade–Giles (without apostrophes or umlauts) of one pinyin
/// syllable: `xi` → `hsi`, `jin` → `chin`, `zedong` parts `ze` → `tse`,
/// `dong` → `tung`.
fn wade_giles(syllable: &str) -> String {
    let special = match syllable {
        "zi" | "ci" => Some("tzu"),
        "si" => Some("ssu"),
        "zhi" | "chi" => Some("chih"),
        "shi" => Some("shih"),
        "ri" => Some("jih"),
        "yi" => Some("i"),
        "you" => Some("yu"),
        "yan" => Some("yen"),
        "ye" => Some("yeh"),
        "ge" => Some("ko"),
        "ke" => Some("ko"),
        "he" => Some("ho"),
        "er" => Some("erh"),
        _ => None,
    };
    if let Some(s) = special {
        return s.to_owned();
    }
    let initials: [(&str, &str); 17] = [
        ("zh", "ch"),
        ("ch", "ch"),
        ("sh", "sh"),
        ("b", "p"),
        ("p", "p"),
        ("d", "t"),
        ("t", "t"),
        ("g", "k"),
        ("k", "k"),
        ("j", "ch"),
        ("q", "ch"),
        ("x", "hs"),
        ("z", "ts"),
        ("c", "ts"),
        ("r", "j"),
        ("h", "h"),
        ("s", "s"),
    ];
    let (initial, rest) = initials
        .iter()
        .find_map(|(p, w)| syllable.strip_prefix(p).map(|rest| (*w, rest)))
        .unwrap_or(("", syllable));
    let rest = match rest {
        "ong" => "ung",
        "iong" => "iung",
        "ian" => "ien",
        "ie" => "ieh",
        "ue" => "ueh",
        "e" if matches!(initial, "ts" | "t" | "ch" | "sh" | "j") => "e",
        other => other,
    };
    format!("{initial}{rest}")
}

#[cfg(test)]
mod tests {
    use super::renderings;

    #[test]
    fn chinese_names() {
        let forms = renderings("习近平");
        assert_eq!(forms.first().map(String::as_str), Some("xi jinping"));
        assert!(forms.iter().any(|f| f == "xi jin ping"));
        assert!(forms.iter().any(|f| f == "hsi chinping"));
        assert_eq!(renderings("毛泽东").get(4).map(String::as_str), Some("mao tse tung"));
        assert_eq!(renderings("曾庆红")[0], "zeng qinghong");
        assert_eq!(renderings("欧阳修")[0], "ouyang xiu");
        let foreign = renderings("弗拉基米尔 普京");
        assert!(foreign.iter().any(|f| f == "fulajimier pujing"));
        assert!(foreign.iter().any(|f| f == "vladimir pudin"));
        // A Chinese name whose characters are not all transcription
        // characters is read as pinyin only.
        assert!(!renderings("马英九").iter().any(|f| f.starts_with("main")));
        // Nor is a Chinese name written given name first with a space.
        assert!(!renderings("丽丽 彭").iter().any(|f| f.contains("riri")));
    }
}
