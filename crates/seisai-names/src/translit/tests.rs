//! Whole-name tests of [`latin_forms`](super::latin_forms) across scripts.

use proptest::prelude::*;

use super::{MAX_FORMS, latin_forms};

fn forms(name: &str) -> Vec<String> {
    latin_forms(name, None)
}

fn has(name: &str, form: &str) -> bool {
    super::contains_form(name, &forms(name), form)
}

/// Levenshtein distance (test helper).
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let cost = usize::from(ca != *cb);
            let value = (prev + cost).min(above + 1).min(left + 1);
            prev = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

#[test]
fn latin_names_are_folded() {
    assert_eq!(forms("Władimir Pútín"), ["wladimir putin"]);
    assert_eq!(forms("Søren Straße-Łukasiewicz"), ["soren strasse lukasiewicz"]);
    assert_eq!(forms("PUTIN, Vladimir Vladimirovich"), ["putin vladimir vladimirovich"]);
    assert!(forms("").is_empty());
    assert!(forms(" ,;- ").is_empty());
}

#[test]
fn cyrillic_whole_names() {
    assert_eq!(forms("Владимир Путин").first().map(String::as_str), Some("vladimir putin"));
    for form in ["shevchenko", "sevcenko", "schewtschenko", "chevtchenko"] {
        assert!(has("Шевченко", form));
    }
    assert!(has("Путин Владимир Владимирович", "putin wladimir wladimirowitsch"));
    assert!(has("Сергей Лавров", "sergei lavrov"));
    assert!(forms("Владимир Владимирович Путин").len() <= MAX_FORMS);
}

#[test]
fn mixed_scripts_word_by_word() {
    let all = forms("ООО Газпром Gazprom");
    assert_eq!(all.first().map(String::as_str), Some("ooo gazprom gazprom"));
    assert!(has("Putin Путин", "putin putin"));
    assert!(has("Путин 普京", "putin pujing"));
}

#[test]
fn other_scripts() {
    assert!(has("Βλαντίμιρ Πούτιν", "vladimir putin"));
    assert!(has("Վլադիմիր Պուտին", "vladimir putin"));
    assert!(has("ვლადიმერ პუტინი", "vladimer putin"));
    assert!(has("ولادیمیر پوتین", "vladimir putin"));
    assert!(has("محمد بن سلمان", "muhammad bin salman"));
    assert!(has("محمد بن سلمان", "mohammed ben salman"));
    assert!(has("김정은", "kim jong un"));
    assert!(has("김정은", "gim jeong eun"));
    assert!(has("习近平", "xi jinping"));
    assert!(has("习近平", "xi jin ping"));
    assert!(has("व्लादिमीर पुतिन", "vladimir putin"));
    assert!(has("ဗလာဒီမီယာ ပူတင်", "vladimiya putin"));
    assert!(has("မင်းအောင်လှိုင်", "min aung hlaing"));
}

#[test]
fn kana_without_dictionary() {
    assert!(has("ウラジーミル・プーチン", "vradimir putin"));
    assert!(has("ｷﾑﾗ ﾀﾛｳ", "kimura taro"));
    // Kanji without a reader are read as Chinese.
    assert!(has("安倍晋三", "an beijinsan") || has("安倍晋三", "an bei jin san"));
}

/// Every non-Latin spelling of Putin's name in the evaluation set must give
/// a form with tokens close to "putin" and (when a given name is written)
/// "vladimir"/"volodymyr".
#[test]
fn putin_variants_in_many_scripts() {
    let Some(dir) = seisai_model::testdata::eval_dir("putin name variants") else { return };
    let Ok(text) = std::fs::read_to_string(dir.join("putin-name-variants.txt")) else {
        eprintln!("skipped: putin-name-variants.txt not readable in {}", dir.display());
        return;
    };
    let close = |token: &str, target: &str, max: usize| distance(token, target) <= max;
    let (mut total, mut passed) = (0, 0);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if line.chars().all(|c| !c.is_alphabetic() || c.is_ascii() || any_ascii::any_ascii_char(c).len() == 1 && c.is_alphabetic() && (c as u32) < 0x250) {
            continue; // Latin script: nothing to transliterate.
        }
        total += 1;
        let all = forms(line);
        let words_written = line.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() > 2).count();
        let ok = all.iter().any(|form| {
            let tokens: Vec<&str> = form.split(' ').collect();
            let putin = tokens.iter().any(|t| close(t, "putin", 2));
            let vladimir = tokens.iter().any(|t| close(t, "vladimir", 2) || close(t, "volodymyr", 2));
            putin && (vladimir || words_written < 2)
        });
        if ok {
            passed += 1;
        } else {
            eprintln!("no putin/vladimir form for {line}: {all:?}");
        }
    }
    eprintln!("putin variants: {passed}/{total} non-Latin spellings matched");
    assert!(total >= 30, "only {total} non-Latin lines read");
    assert!(passed * 100 >= total * 90, "{passed}/{total} matched");
}

/// Whether every word of `latin` longer than one letter is within a third
/// of its length in edits of a word of `form`.
fn every_word_close(form: &str, latin: &str) -> bool {
    let tokens: Vec<&str> = form.split(' ').collect();
    latin.split(' ').filter(|w| w.len() > 1).all(|w| tokens.iter().any(|t| distance(t, w) * 3 <= w.len()))
}

/// Names of the kind sanctions lists hold (Russian, Arabic, Latin American
/// office holders and businessmen), written as Chinese writes them: every
/// word of the Latin name is close to a word of one rendering.
#[test]
fn foreign_names_written_in_chinese() {
    let names = [
        ("谢尔盖·绍伊古", "sergei shoigu"),
        ("德米特里·梅德韦杰夫", "dmitry medvedev"),
        ("谢尔盖·拉夫罗夫", "sergei lavrov"),
        ("米哈伊尔·米舒斯京", "mikhail mishustin"),
        ("瓦列里·格拉西莫夫", "valery gerasimov"),
        ("尼古拉·帕特鲁舍夫", "nikolai patrushev"),
        ("叶夫根尼·普里戈任", "yevgeny prigozhin"),
        ("罗曼·阿布拉莫维奇", "roman abramovich"),
        ("阿列克谢·米勒", "alexei miller"),
        ("伊戈尔·谢钦", "igor sechin"),
        ("奥列格·德里帕斯卡", "oleg deripaska"),
        ("阿利舍尔·乌斯马诺夫", "alisher usmanov"),
        ("根纳季·季姆琴科", "gennady timchenko"),
        ("拉姆赞·卡德罗夫", "ramzan kadyrov"),
        ("玛丽亚·扎哈罗娃", "maria zakharova"),
        ("维克托·亚努科维奇", "viktor yanukovych"),
        ("安东·西卢阿诺夫", "anton siluanov"),
        ("德米特里·佩斯科夫", "dmitry peskov"),
        ("谢尔盖·切梅佐夫", "sergei chemezov"),
        ("维克托·韦克塞尔贝格", "viktor vekselberg"),
        ("米哈伊尔·弗里德曼", "mikhail fridman"),
        ("弗拉基米尔·波塔宁", "vladimir potanin"),
        ("尤里·科瓦尔丘克", "yury kovalchuk"),
        ("鲍里斯·罗滕贝格", "boris rotenberg"),
        ("安德烈·别洛乌索夫", "andrei belousov"),
        ("维亚切斯拉夫·沃洛金", "vyacheslav volodin"),
        ("谢尔盖·索比亚宁", "sergei sobyanin"),
        ("亚历山大·博尔特尼科夫", "alexander bortnikov"),
        ("谢尔盖·纳雷什金", "sergei naryshkin"),
        ("巴沙尔·阿萨德", "bashar assad"),
        ("阿里·哈梅内伊", "ali khamenei"),
        ("奥萨马·本·拉登", "osama bin laden"),
        ("哈桑·纳斯鲁拉", "hassan nasrallah"),
        ("尼古拉斯·马杜罗", "nicolas maduro"),
        ("丹尼尔·奥尔特加", "daniel ortega"),
        ("罗伯特·穆加贝", "robert mugabe"),
        ("弗兰克·安德鲁·圣约翰", "frank andrew john"),
        ("马修·布朗伯格", "matthew bromberg"),
    ];
    let mut missed = Vec::new();
    for (han, latin) in names {
        let all = forms(han);
        if !all.iter().any(|form| every_word_close(form, latin)) {
            missed.push(format!("{han} {latin} {all:?}"));
        }
    }
    eprintln!("{} of {} missed: {missed:#?}", missed.len(), names.len());
    assert!(missed.len() * 6 <= names.len(), "{missed:#?}");
}

/// Foreign names written in Chinese transcription characters (groups of
/// Wikidata name forms with a Han form whose parts are separated by `·`)
/// give a form whose words are all close to the Latin name's words more
/// often with the transcription readings than with pinyin alone.
#[test]
fn transcribed_foreign_names_in_chinese() {
    let Some(dir) = seisai_model::testdata::dir("person name variants") else { return };
    let Ok(text) = std::fs::read_to_string(dir.join("names/person-name-variants.txt")) else {
        eprintln!("skipped: names/person-name-variants.txt not readable in {}", dir.display());
        return;
    };
    let is_han = |s: &str| s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    let (mut total, mut pinyin_hits, mut all_hits) = (0usize, 0usize, 0usize);
    for line in text.lines() {
        let names: Vec<&str> = line.split(" => ").next().unwrap_or("").split(", ").collect();
        let Some(latin) = names.iter().find(|n| n.chars().all(|c| (c as u32) < 0x250) && n.contains(' ')) else { continue };
        let latin = forms(latin).into_iter().next().unwrap_or_default();
        for han in names.iter().filter(|n| is_han(n) && n.contains('·')) {
            total += 1;
            let all = forms(han);
            let foreign = super::han_foreign::renderings(&han.replace('·', " "), &|c| any_ascii::any_ascii_char(c).to_ascii_lowercase());
            let hit = |f: &&String| every_word_close(f, &latin);
            pinyin_hits += usize::from(all.iter().filter(|f| !foreign.contains(f)).any(|f| hit(&f)));
            all_hits += usize::from(all.iter().any(|f| hit(&f)));
            if std::env::var_os("SHOW_MISSES").is_some() && !all.iter().any(|f| hit(&f)) {
                eprintln!("MISS {han} {latin} {foreign:?}");
            }
        }
    }
    eprintln!("transcribed names: {all_hits}/{total} close with transcription readings, {pinyin_hits} with pinyin only");
    assert!(total >= 500, "only {total} pairs read");
    assert!(all_hits * 100 >= total * 35, "{all_hits}/{total}");
    assert!(all_hits >= pinyin_hits * 3);
}

proptest! {
    #[test]
    fn never_panics_and_always_ascii(name in "\\PC{0,40}") {
        let all = latin_forms(&name, None);
        prop_assert!(all.len() <= MAX_FORMS);
        for form in &all {
            prop_assert!(form.is_ascii());
            prop_assert!(!form.is_empty());
            prop_assert!(!form.contains("  ") && !form.starts_with(' ') && !form.ends_with(' '));
            prop_assert!(form.chars().all(|c| c == ' ' || c.is_ascii_lowercase() || c.is_ascii_digit()));
        }
    }

    #[test]
    fn scripts_of_interest_never_panic(name in "[\\p{Cyrillic}\\p{Greek}\\p{Arabic}\\p{Hebrew}\\p{Hangul}\\p{Han}\\p{Katakana}\\p{Hiragana}\\p{Armenian}\\p{Georgian}\\p{Myanmar} ・ー]{0,20}") {
        let all = latin_forms(&name, None);
        prop_assert!(all.len() <= MAX_FORMS);
        prop_assert!(all.iter().all(|f| f.is_ascii()));
    }
}
