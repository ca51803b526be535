//! Foreign names written in Chinese characters: each character read by its
//! value in the Xinhua transcription tables (外国人名译名; for Russian names
//! the 俄汉译音表), not as Mandarin (`弗拉基米尔` → `vladimir`, where pinyin
//! gives `fulajimier`).
//!
//! Chinese writes a foreign name with a fixed set of a few hundred
//! characters, each standing for one syllable or one lone consonant of the
//! original (`斯` s, `克` k, `德` d, `尔` r/l, `夫` v/f), the parts of the name
//! separated by `·`. A character can stand for several sounds; three
//! readings are offered and the scorer chooses:
//!
//! * Russian table: `弗`/`夫` v, `瓦` va, `哈` kha, `吉` gi, `谢` se;
//! * English table: `弗`/`夫` f, `瓦` wa, `哈` ha, `吉` ji, `谢` she, `尔` l;
//! * palatal: the Russian reading with the characters Mandarin reads with a
//!   palatal initial (pinyin j/q: `基` `吉` `季` `京` `金` `杰` `捷`) read as
//!   the palatalised d/t they render in Russian names (`基` di, `京` din).
//!
//! Syllable rules: `布` `普` lose their vowel before l/r, and with `奇` `希`
//! at the end of a word (`布朗` brown, `菲利普` filip, `维奇` vich,
//! `里希` rich); a lone consonant
//! before `尔` takes an e (`德尔` der), and so does a lone consonant written
//! as a word (`德` de); `恩` and `尔` beginning a word are en/er; a consonant
//! written at the end of one syllable and the start of the next is read
//! once (`伊万诺夫` ivanov).

use std::collections::HashMap;
use std::sync::OnceLock;

/// The transcription characters: the characters (simplified and
/// traditional), the Russian-table reading, the English-table reading and
/// the palatal reading (`-`: as the Russian one). A vowel in parentheses is
/// dropped at the end of a word (and before l/r after b, p); letters in
/// braces are read only at the end of a word (`勒` ler: `米勒` miller).
const TABLE: &str = "
阿 a - -
埃 e - -
艾 ai e -
爱愛 ai e -
伊 i - -
依 i - -
奥奧 o - -
乌烏 u - -
欧歐 o - -
厄 e - -
安 an - -
昂 an - -
恩 n - -
因 in - -
英 in - -
翁 on un -
温溫 ven win -
尤 yu - -
约約 yo jo -
亚亞 ya a -
雅 ya - -
娅婭 ya - -
耶 ye - -
叶葉 ye - -
扬揚 yan - -
延 yen - -
尹 in - -
巴 ba - -
芭 ba - -
贝貝 be - -
比 bi - -
博 bo - -
波 po bo -
布佈 b(u) - -
拜 bai - -
鲍鮑 bo bao -
班 ban - -
本 ben - -
宾賓 bin - -
邦 bon - -
别別 be - -
伯 ber - -
柏 ber - -
勃 b - -
帕 pa - -
佩 pe - -
皮 pi - -
普 p(u) - -
派 pai - -
潘 pan - -
彭 pen - -
平 pin - -
庞龐 pon - -
珀 per - -
彼 pi - -
达達 da - -
代 de - -
戴 de dai -
迪 di - -
多 do - -
杜 du - -
德 d - -
得 d - -
丹 dan - -
登 den - -
丁 din - -
东東 don - -
黛 de - -
道 do - -
顿頓 don - -
季 di ji -
杰傑 de je -
塔 ta - -
泰 te tai -
蒂 ti - -
托託 to - -
图圖 tu - -
特 t - -
坦 tan - -
滕 ten - -
廷 tin - -
汀 tin - -
通 ton - -
陶 to - -
捷 te je -
提 ti - -
加 ga - -
盖蓋 ge gai -
吉 gi ji di
戈 go - -
古 gu - -
格 g - -
甘 gan - -
根 gen - -
金 kin gin din
京 kin jin din
贡貢 gon - -
高 go gao -
哥 go - -
卡 ka - -
凯凱 ke kai -
基 ki - di
科 ko - -
库庫 ku - -
克 k - -
坎 kan - -
肯 ken - -
孔 kon - -
考 ko kao -
柯 ko - -
法 fa - -
费費 fe - -
菲 fi - -
福 fo - -
富 fu - -
夫 v f -
弗 v f -
范範 van fan -
芬 fen - -
凡 van fan -
瓦 va wa -
韦韋 ve we -
维維 vi - -
沃 vo wo -
武 vu wu -
文 ven wen -
万萬 van - -
旺 von won -
娃 va - -
威 vi wi -
伍 vu wu -
萨薩 sa - -
塞 se - -
西 si - -
索 so - -
苏蘇 su - -
斯 s - -
桑 san - -
森 sen - -
辛 sin - -
松 son - -
赛賽 se sai -
锡錫 si - -
瑟 se - -
莎 sa - -
茜 si - -
丝絲 s - -
思 s - -
沙 sha - -
舍 she - -
希 kh(i) h(i) -
谢謝 se she -
肖 sho - -
舒 shu - -
什 sh - -
绍紹 sho - -
夏 sha - -
休 shu hu -
扎 za - -
泽澤 ze - -
齐齊 tsi zi -
佐 zo - -
祖 zu - -
兹茲 z - -
赞贊 zan - -
曾 zen - -
津 zin - -
宗 zon - -
茨 ts - -
采 tse - -
察 tsa - -
措 tso - -
策 tse - -
贾賈 dzha ja -
詹 dzhan jan -
琼瓊 dzhon jon -
乔喬 cho jo -
朱 zhu ju -
日 zh - -
热熱 zhe - -
若 zho - -
茹 zhu - -
让讓 zhan - -
查 cha - -
切 che - -
奇 ch(i) - -
恰 cha - -
丘 chu - -
钦欽 chin - -
哈 kha ha -
黑 khe he -
霍 kho ho -
胡 khu hu -
赫 kh h -
汉漢 khan han -
亨 khen hen -
洪 khon hon -
海 khai hai -
豪 kho hao -
马馬 ma - -
玛瑪 ma - -
梅 me - -
米 mi - -
莫 mo - -
穆 mu - -
姆 m - -
曼 man - -
门門 men - -
明 min - -
蒙 mon - -
麦麥 mak mac -
迈邁 mai - -
毛 mo mao -
默 me - -
摩 mo - -
缪繆 myu - -
敏 min - -
纳納 na - -
娜 na - -
内內 ne - -
尼 ni - -
妮 ni - -
诺諾 no - -
努 nu - -
南 nan - -
嫩 nen - -
宁寧 nin - -
农農 non - -
涅 ne - -
奈 nai ne -
纽紐 nyu - -
楠 nan - -
瑙 no - -
拉 la - -
莱萊 le lai -
利 li - -
莉 li - -
丽麗 ri - -
洛 lo - -
卢盧 lu - -
尔爾 r l -
勒 l{er} - -
兰蘭 lan ran -
伦倫 len - -
林 lin - -
隆 lon - -
列 le - -
廖 lyo - -
柳 lyu - -
琳 lin - -
劳勞 lo lao -
雷 re - -
里裡 ri - -
罗羅 ro - -
萝蘿 ro - -
鲁魯 ru - -
瑞 re - -
蕾 re - -
赖賴 rai - -
永 yon - -
任 zhin - -
琴 chin - -
烈 rei lei -
历歷 le li -
山 san - -
大 da - -
可 k - -
略 lyo - -
冯馮 fon von -
卜 b - -
罕 kham ham -
欣 khin him -
何 kho ho -
荷 kho ho -
席 si - -
奎 kvi kwi -
华華 va wa -
冈岡 gon - -
廉 lyam liam -
佛 fo - -
朵 do - -
陆陸 lu - -
朗 lan ron -
";

/// The three readings, in the order the renderings are offered.
const READINGS: usize = 3;

/// Index of the English-table reading.
const ENGLISH: usize = 1;

/// Character → its readings (see [`TABLE`]).
fn table() -> &'static HashMap<char, [&'static str; READINGS]> {
    static TABLE_MAP: OnceLock<HashMap<char, [&'static str; READINGS]>> = OnceLock::new();
    TABLE_MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for line in TABLE.lines() {
            let mut parts = line.split(' ');
            let (Some(chars), Some(russian), Some(english), Some(palatal)) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let pick = |v: &'static str| if v == "-" { russian } else { v };
            let readings = [russian, pick(english), pick(palatal)];
            for c in chars.chars() {
                map.insert(c, readings);
            }
        }
        map
    })
}

/// Whether `c` is a transcription character.
pub(crate) fn is_transcription(c: char) -> bool {
    table().contains_key(&c)
}

/// Whether a reading is a lone consonant (`s`, `kh`, `r`).
fn is_lone(reading: &str) -> bool {
    !reading.chars().any(|c| "aeiouy(".contains(c))
}

/// One word in reading `r`; characters outside the table are read as
/// pinyin (`pinyin` gives each character's syllable). In the Russian
/// readings a word ending in e ends in ei (`阿列克谢` aleksei: Russian
/// names in -ей lose the й in Chinese).
fn word(chars: &[char], r: usize, pinyin: &dyn Fn(char) -> String) -> String {
    let pieces: Vec<String> = chars
        .iter()
        .map(|c| match table().get(c).and_then(|v| v.get(r)) {
            Some(v) => (*v).to_owned(),
            None => pinyin(*c),
        })
        .collect();
    let mut out = String::new();
    for (i, piece) in pieces.iter().enumerate() {
        let next = pieces.get(i + 1);
        let liquid_next = next.is_some_and(|n| n.starts_with(['l', 'r']));
        let mut piece = piece.clone();
        if let Some(open) = piece.find('{') {
            let ending: String = piece.get(open + 1..).unwrap_or("").chars().filter(|c| c.is_ascii_alphabetic()).collect();
            piece.truncate(open);
            if next.is_none() {
                piece.push_str(&ending);
            }
        }
        if let Some(open) = piece.find('(') {
            // `b(u)`: the vowel is dropped before l/r (after b, p) and at
            // the end of a word.
            let cluster = liquid_next && piece.starts_with(['b', 'p']);
            let keep = !(cluster || next.is_none());
            let vowel: String = piece.get(open + 1..).unwrap_or("").chars().filter(|c| c.is_ascii_alphabetic()).collect();
            piece.truncate(open);
            if keep {
                piece.push_str(&vowel);
            }
        }
        if chars.len() == 1 && is_lone(&piece) {
            piece.push('e');
        } else if i == 0 && matches!(piece.as_str(), "n" | "r" | "l") {
            piece.insert(0, 'e');
        }
        // A consonant ending one syllable and beginning the next is written
        // twice: `伊万诺夫` ivanov, `麦克` mak.
        let last = piece.chars().last();
        if piece.len() > 1 && last.is_some_and(|l| !"aeiouy".contains(l) && next.is_some_and(|n| n.starts_with(l))) {
            piece.pop();
        }
        out.push_str(&piece);
        let lone_liquid_next = next.is_some_and(|n| matches!(n.as_str(), "r" | "l"));
        if lone_liquid_next && is_lone(&piece) && !piece.is_empty() {
            out.push('e');
        }
    }
    if r != ENGLISH && chars.len() > 1 && out.ends_with('e') {
        out.push('i');
    }
    out
}

/// The foreign-name readings of a Han run (words separated by spaces), one
/// per reading, without duplicates; `pinyin` reads characters outside the
/// table.
pub(crate) fn renderings(text: &str, pinyin: &dyn Fn(char) -> String) -> Vec<String> {
    let words: Vec<Vec<char>> =
        text.split(' ').filter(|w| !w.is_empty()).map(|w| w.chars().collect()).collect();
    let mut forms = Vec::with_capacity(READINGS);
    for r in 0..READINGS {
        let form: Vec<String> = words.iter().map(|w| word(w, r, pinyin)).collect();
        super::push_unique(&mut forms, [form.join(" ")]);
    }
    forms
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::renderings;

    fn forms(text: &str) -> Vec<String> {
        renderings(text, &|c| any_ascii::any_ascii_char(c).to_ascii_lowercase())
    }

    fn has(text: &str, form: &str) -> bool {
        super::super::contains_form(text, &forms(text), form)
    }

    #[test]
    fn russian_names() {
        assert!(has("谢尔盖 拉夫罗夫", "sergei lavrov"));
        assert!(has("德米特里 梅德韦杰夫", "dmitri medvedev"));
        assert!(has("伊万诺夫", "ivanov"));
        assert!(has("米哈伊尔", "mikhair"));
        assert!(has("米哈伊尔", "mihail"));
        assert!(has("叶夫根尼", "yevgeni"));
        assert!(has("彼得罗维奇", "pidrovich"));
        assert!(has("斯基", "ski"));
        assert!(has("阿列克谢 米勒", "aleksei miler"));
    }

    #[test]
    fn english_names() {
        assert!(has("弗兰克", "frank"));
        assert!(has("菲利普", "filip"));
        assert!(has("布朗", "bron"));
        assert!(has("迈克尔", "maikel"));
        assert!(has("德尔", "del"));
        assert!(has("德尔", "der"));
    }

    #[test]
    fn palatal_reading() {
        assert!(has("基米", "dimi"));
        assert!(has("普京", "pudin"));
        assert!(has("普京", "pukin"));
    }

    #[test]
    fn syllable_rules() {
        assert!(has("伊万诺夫", "ivanov"));
        assert!(has("麦克", "mak"));
        assert!(has("德 维特", "de vit"));
        assert!(has("恩斯特", "enst"));
    }

    #[test]
    fn characters_outside_the_table_read_as_pinyin() {
        assert!(has("亚当", "yadang"));
    }

    proptest! {
        #[test]
        fn never_panics_on_transcription_characters(text in "[弗拉基米尔普京布奇勒夫万诺希德斯克 ]{0,24}") {
            for form in forms(&text) {
                prop_assert!(form.bytes().all(|b| b == b' ' || b.is_ascii_lowercase()), "{}", form);
            }
        }
    }
}
