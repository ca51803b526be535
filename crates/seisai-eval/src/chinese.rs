//! Latin names written in Chinese characters by their sounds, as Chinese
//! documents render foreign names (`Ivan Petrov` → `伊瓦·彼得罗夫`): the
//! perturbation kind [`crate::perturb::Kind::Chinese`].
//!
//! Each syllable (a consonant, a vowel, and an `n` closing it) is written
//! with the character the usual transcription tables give it (`ba` 巴,
//! `vi` 维, `man` 曼), a consonant without a vowel with its own character
//! (`s` 斯, `k` 克, `v` 夫, `r` 尔), and the parts of the name are joined by
//! `·`. The table is written here from the transcription conventions, not
//! taken from the engine.

use crate::perturb::is_vowel;

/// Syllables and their characters.
const SYLLABLES: &[(&str, &str)] = &[
    ("a", "阿"), ("ba", "巴"), ("pa", "帕"), ("ma", "马"), ("fa", "法"), ("va", "瓦"), ("wa", "瓦"), ("da", "达"),
    ("ta", "塔"), ("na", "纳"), ("la", "拉"), ("ra", "拉"), ("ga", "加"), ("ka", "卡"), ("ha", "哈"), ("za", "扎"),
    ("sa", "萨"), ("sha", "沙"), ("cha", "恰"), ("ya", "亚"), ("ja", "贾"), ("zha", "扎"), ("tsa", "察"),
    ("e", "埃"), ("be", "贝"), ("pe", "佩"), ("me", "梅"), ("fe", "费"), ("ve", "韦"), ("we", "韦"), ("de", "德"),
    ("te", "特"), ("ne", "内"), ("le", "莱"), ("re", "雷"), ("ge", "格"), ("ke", "克"), ("he", "赫"), ("ze", "泽"),
    ("se", "塞"), ("she", "舍"), ("che", "切"), ("ye", "耶"), ("je", "杰"), ("zhe", "热"), ("tse", "采"),
    ("i", "伊"), ("bi", "比"), ("pi", "皮"), ("mi", "米"), ("fi", "菲"), ("vi", "维"), ("wi", "维"), ("di", "迪"),
    ("ti", "蒂"), ("ni", "尼"), ("li", "利"), ("ri", "里"), ("gi", "吉"), ("ki", "基"), ("hi", "希"), ("zi", "齐"),
    ("si", "西"), ("shi", "希"), ("chi", "奇"), ("yi", "伊"), ("ji", "吉"), ("zhi", "日"), ("tsi", "齐"),
    ("o", "奥"), ("bo", "博"), ("po", "波"), ("mo", "莫"), ("fo", "福"), ("vo", "沃"), ("wo", "沃"), ("do", "多"),
    ("to", "托"), ("no", "诺"), ("lo", "洛"), ("ro", "罗"), ("go", "戈"), ("ko", "科"), ("ho", "霍"), ("zo", "佐"),
    ("so", "索"), ("sho", "肖"), ("cho", "乔"), ("yo", "约"), ("jo", "乔"), ("zho", "若"), ("tso", "措"),
    ("u", "乌"), ("bu", "布"), ("pu", "普"), ("mu", "穆"), ("fu", "富"), ("vu", "武"), ("wu", "伍"), ("du", "杜"),
    ("tu", "图"), ("nu", "努"), ("lu", "卢"), ("ru", "鲁"), ("gu", "古"), ("ku", "库"), ("hu", "胡"), ("zu", "祖"),
    ("su", "苏"), ("shu", "舒"), ("chu", "丘"), ("yu", "尤"), ("ju", "朱"), ("zhu", "朱"), ("tsu", "楚"),
    ("an", "安"), ("ban", "班"), ("man", "曼"), ("fan", "凡"), ("van", "万"), ("wan", "万"), ("dan", "丹"),
    ("tan", "坦"), ("nan", "南"), ("lan", "兰"), ("ran", "兰"), ("gan", "甘"), ("kan", "坎"), ("han", "汉"),
    ("san", "桑"), ("shan", "尚"), ("zan", "赞"), ("yan", "扬"), ("en", "恩"), ("ben", "本"), ("men", "门"),
    ("fen", "芬"), ("ven", "文"), ("den", "登"), ("ten", "滕"), ("nen", "嫩"), ("len", "伦"), ("ren", "伦"),
    ("gen", "根"), ("ken", "肯"), ("hen", "亨"), ("sen", "森"), ("shen", "申"), ("in", "因"), ("bin", "宾"),
    ("min", "明"), ("fin", "芬"), ("vin", "温"), ("din", "丁"), ("tin", "廷"), ("nin", "宁"), ("lin", "林"),
    ("rin", "林"), ("gin", "金"), ("kin", "金"), ("hin", "欣"), ("sin", "辛"), ("on", "翁"), ("bon", "邦"),
    ("mon", "蒙"), ("don", "东"), ("ton", "通"), ("non", "农"), ("lon", "隆"), ("ron", "龙"), ("gon", "贡"),
    ("kon", "孔"), ("son", "松"), ("un", "温"), ("dun", "敦"), ("lun", "伦"), ("run", "伦"), ("kun", "昆"),
    ("sun", "孙"),
];

/// Consonants without a vowel and their characters.
const LONE: &[(&str, &str)] = &[
    ("b", "布"), ("p", "普"), ("m", "姆"), ("f", "夫"), ("v", "夫"), ("w", "夫"), ("d", "德"), ("t", "特"),
    ("n", "恩"), ("l", "尔"), ("r", "尔"), ("g", "格"), ("k", "克"), ("h", "赫"), ("z", "兹"), ("s", "斯"),
    ("sh", "什"), ("ch", "奇"), ("j", "日"), ("zh", "日"), ("ts", "茨"), ("y", "伊"),
];

/// Latin letter groups and the consonant they stand for, longest first.
const CONSONANTS: &[(&str, &str)] = &[
    ("shch", "sh"), ("sch", "sh"), ("tch", "ch"), ("dzh", "j"), ("sh", "sh"), ("ch", "ch"), ("zh", "zh"),
    ("kh", "h"), ("gh", "g"), ("ph", "f"), ("th", "t"), ("ts", "ts"), ("tz", "ts"), ("ck", "k"), ("dj", "j"),
    ("qu", "k"), ("b", "b"), ("d", "d"), ("f", "f"), ("g", "g"), ("h", "h"), ("j", "j"), ("k", "k"), ("l", "l"),
    ("m", "m"), ("n", "n"), ("p", "p"), ("q", "k"), ("r", "r"), ("s", "s"), ("t", "t"), ("v", "v"), ("w", "w"),
    ("z", "z"),
];

fn lookup(table: &[(&str, &'static str)], key: &str) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// One lower-case ASCII word in characters; `None` for a word with another
/// letter or without a vowel.
fn word(word: &str) -> Option<String> {
    if !word.bytes().all(|b| b.is_ascii_lowercase()) || !word.chars().any(|c| is_vowel(c) || c == 'y') {
        return None;
    }
    let chars: Vec<char> = word.chars().collect();
    let vowel_at = |k: usize| chars.get(k).is_some_and(|&c| is_vowel(c));
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        // ASCII letters (checked above): characters are bytes.
        let rest = &word[i..];
        let (consonant, taken) = match chars[i] {
            'y' if vowel_at(i + 1) => ("y", 1),
            'y' => ("", 0),
            'x' => {
                out.push_str("克");
                ("s", 1)
            }
            'c' if rest.starts_with("ch") || rest.starts_with("ck") => {
                CONSONANTS.iter().find(|(l, _)| rest.starts_with(l)).map(|(l, k)| (*k, l.len()))?
            }
            'c' if chars.get(i + 1).is_some_and(|n| matches!(n, 'e' | 'i' | 'y')) => ("s", 1),
            'c' => ("k", 1),
            c if is_vowel(c) => ("", 0),
            _ => CONSONANTS.iter().find(|(l, _)| rest.starts_with(l)).map(|(l, k)| (*k, l.len()))?,
        };
        i += taken;
        // A doubled consonant is written once.
        if taken > 0 && chars.get(i) == chars.get(i - 1) && !vowel_at(i) {
            i += 1;
        }
        let vowel = match chars.get(i) {
            Some(&v) if is_vowel(v) => Some(v),
            Some('y') if !vowel_at(i + 1) => Some('i'),
            _ => None,
        };
        let Some(v) = vowel else {
            out.push_str(lookup(LONE, consonant)?);
            continue;
        };
        i += 1;
        let closed = chars.get(i) == Some(&'n') && !vowel_at(i + 1) && chars.get(i + 1) != Some(&'y');
        let syllable = format!("{consonant}{v}{}", if closed { "n" } else { "" });
        match lookup(SYLLABLES, &syllable) {
            Some(c) => {
                out.push_str(c);
                if closed {
                    i += 1;
                }
            }
            None => out.push_str(lookup(SYLLABLES, &format!("{consonant}{v}")).or_else(|| lookup(LONE, consonant))?),
        }
    }
    Some(out)
}

/// `name` in Chinese characters, its parts joined by `·` (a hyphen too);
/// `None` when a part is not plain Latin letters with a vowel.
pub fn chinese(name: &str) -> Option<String> {
    let mut parts = Vec::new();
    for part in name.split(|c: char| c.is_whitespace() || c == '-').filter(|p| !p.is_empty()) {
        let lower: String = part.chars().filter(|c| !matches!(c, '\'' | '.' | ',')).collect::<String>().to_lowercase();
        parts.push(word(&lower)?);
    }
    (!parts.is_empty()).then(|| parts.join("·"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_names_the_chinese_way() {
        assert_eq!(chinese("Ivan Petrov").as_deref(), Some("伊万·佩特罗夫"));
        assert_eq!(chinese("Vladimir Putin").as_deref(), Some("夫拉迪米尔·普廷"));
        assert_eq!(chinese("Sergei Lavrov").as_deref(), Some("塞尔格伊·拉夫罗夫"));
        assert_eq!(chinese("Acme LLC"), None);
        assert_eq!(chinese("José Núñez"), None);
    }
}
