//! Hebrew: unpointed script writes few vowels, so the renderings guess the
//! matres lectionis (ו→u/o, י→i) the way Latin list spellings do. Pointed
//! text (niqqud) is read with its vowel points.

/// Two renderings: ו→u, ח→kh, ש→sh (`putin`, `vldimir`), and ו→o, ח→h, ש→s.
pub(crate) fn renderings(text: &str) -> Vec<String> {
    let letters: Vec<char> = text.chars().collect();
    vec![render(&letters, false), render(&letters, true)]
}

fn is_letter(c: char) -> bool {
    matches!(c, '\u{05D0}'..='\u{05EA}')
}

/// Letters that often stand for vowels.
fn is_vowel_letter(c: char) -> bool {
    matches!(c, 'א' | 'ה' | 'ו' | 'י' | 'ע')
}

fn render(letters: &[char], alt: bool) -> String {
    let mut out = String::with_capacity(letters.len() * 2);
    let mut i = 0;
    while let Some(&c) = letters.get(i) {
        let prev = if i == 0 { None } else { letters.get(i - 1).copied().filter(|&p| is_letter(p)) };
        let next = letters.get(i + 1).copied().filter(|&n| is_letter(n));
        let at_start = prev.is_none();
        let at_end = next.is_none();
        let piece: &str = match c {
            'ו' if next == Some('ו') => {
                i += 1;
                "v"
            }
            'י' if next == Some('י') => {
                i += 1;
                if at_start { "y" } else { "ei" }
            }
            'ו' if at_start || next.is_some_and(|n| is_vowel_letter(n) && n != 'י') => "v",
            'ו' => {
                if alt {
                    "o"
                } else {
                    "u"
                }
            }
            'י' if at_start || prev.is_some_and(is_vowel_letter) => "y",
            'י' => "i",
            'א' | 'ע' => {
                if at_end {
                    ""
                } else {
                    "a"
                }
            }
            'ה' => {
                if at_end {
                    "a"
                } else {
                    "h"
                }
            }
            'ב' => {
                if at_start || alt {
                    "b"
                } else {
                    "v"
                }
            }
            'ג' => "g",
            'ד' => "d",
            'ז' => "z",
            'ח' => {
                if alt {
                    "h"
                } else {
                    "kh"
                }
            }
            'ט' | 'ת' => "t",
            'כ' => {
                if at_start {
                    "k"
                } else {
                    "kh"
                }
            }
            'ך' => "kh",
            'ל' => "l",
            'מ' | 'ם' => "m",
            'נ' | 'ן' => "n",
            'ס' => "s",
            'פ' => {
                if at_start {
                    "p"
                } else {
                    "f"
                }
            }
            'ף' => "f",
            'צ' | 'ץ' => "ts",
            'ק' => "k",
            'ר' => "r",
            'ש' => {
                if alt {
                    "s"
                } else {
                    "sh"
                }
            }
            // Vowel points, when written.
            '\u{05B7}' | '\u{05B8}' | '\u{05B2}' | '\u{05B3}' => "a",
            '\u{05B4}' => "i",
            '\u{05B5}' | '\u{05B6}' | '\u{05B1}' => "e",
            '\u{05B9}' | '\u{05BA}' => "o",
            '\u{05BB}' => "u",
            '\u{0591}'..='\u{05C7}' => "",
            other => super::fold::unlisted(other),
        };
        out.push_str(piece);
        i += 1;
    }
    super::fold::words(&out)
}

#[cfg(test)]
mod tests {
    use super::renderings;

    #[test]
    fn matres_lectionis() {
        assert_eq!(renderings("ולדימיר פוטין")[0], "vldimir putin");
        assert_eq!(renderings("בנימין נתניהו")[0], "bnimin ntnihu");
        assert_eq!(renderings("משה")[1], "msa");
        assert_eq!(renderings("דוד")[0], "dud");
    }
}
