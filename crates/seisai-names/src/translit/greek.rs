//! Greek: ELOT 743 / UN romanisation, and a phonetic rendering of the kind
//! used for foreign names written in Greek (`Βλαντίμιρ Πούτιν` → `vladimir putin`).

use unicode_normalization::UnicodeNormalization;

/// Two renderings: ELOT 743 (`poutin`, `vlantimir`) and phonetic (`putin`,
/// `vladimir`: ου→u, μπ→b, ντ→d, γκ→g, η/υ/ει/οι→i, αι→e).
pub(crate) fn renderings(text: &str) -> Vec<String> {
    // Strip tonos and dialytika; keep the base letters, lower-cased.
    let letters: Vec<char> = text
        .nfd()
        .filter(|c| !matches!(c, '\u{0300}'..='\u{036F}'))
        .flat_map(char::to_lowercase)
        .collect();
    vec![render(&letters, false), render(&letters, true)]
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'α' | 'ε' | 'η' | 'ι' | 'ο' | 'υ' | 'ω')
}

/// Letters after which αυ/ευ/ηυ are read `af`/`ef`/`if` (voiceless).
fn is_voiceless(c: char) -> bool {
    matches!(c, 'θ' | 'κ' | 'ξ' | 'π' | 'σ' | 'ς' | 'τ' | 'φ' | 'χ' | 'ψ')
}

fn render(letters: &[char], phonetic: bool) -> String {
    let mut out = String::with_capacity(letters.len() + 4);
    let mut i = 0;
    while let Some(&c) = letters.get(i) {
        let next = letters.get(i + 1).copied();
        let after = letters.get(i + 2).copied();
        let at_start = i == 0 || letters.get(i - 1).is_some_and(|p| !p.is_alphabetic());
        // Digraphs first.
        let digraph: Option<&str> = match (c, next) {
            ('ο', Some('υ')) => Some(if phonetic { "u" } else { "ou" }),
            ('α', Some('ι')) => Some(if phonetic { "e" } else { "ai" }),
            ('ε', Some('ι')) => Some(if phonetic { "i" } else { "ei" }),
            ('ο', Some('ι')) => Some(if phonetic { "i" } else { "oi" }),
            ('α' | 'ε' | 'η', Some('υ')) => {
                let base = match c {
                    'α' => "a",
                    'ε' => "e",
                    _ => "i",
                };
                out.push_str(base);
                let voiceless = after.is_none_or(|a| is_voiceless(a) || !a.is_alphabetic());
                Some(if voiceless { "f" } else { "v" })
            }
            ('μ', Some('π')) => Some(if phonetic || at_start { "b" } else { "mp" }),
            ('ν', Some('τ')) => Some(if phonetic || at_start { "d" } else { "nt" }),
            ('γ', Some('κ')) => Some(if phonetic || at_start { "g" } else { "gk" }),
            ('γ', Some('γ')) => Some("ng"),
            ('γ', Some('ξ')) => Some("nx"),
            ('γ', Some('χ')) => Some("nch"),
            _ => None,
        };
        if let Some(piece) = digraph {
            out.push_str(piece);
            i += 2;
            continue;
        }
        let piece = match c {
            'α' => "a",
            'β' => "v",
            'γ' => "g",
            'δ' => "d",
            'ε' => "e",
            'ζ' => "z",
            'η' => "i",
            'θ' => "th",
            'ι' => "i",
            'κ' => "k",
            'λ' => "l",
            'μ' => "m",
            'ν' => "n",
            'ξ' => "x",
            'ο' | 'ω' => "o",
            'π' => "p",
            'ρ' => "r",
            'σ' | 'ς' => "s",
            'τ' => "t",
            'υ' => {
                if phonetic || next.is_some_and(is_vowel) {
                    "i"
                } else {
                    "y"
                }
            }
            'φ' => "f",
            'χ' => {
                if phonetic {
                    "h"
                } else {
                    "ch"
                }
            }
            'ψ' => "ps",
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
    fn elot_and_phonetic() {
        assert_eq!(renderings("Βλαντίμιρ Πούτιν"), ["vlantimir poutin", "vladimir putin"]);
        assert_eq!(renderings("Αλέξης Τσίπρας")[0], "alexis tsipras");
        assert_eq!(renderings("Ευάγγελος Βενιζέλος")[0], "evangelos venizelos");
        assert_eq!(renderings("Μπακογιάννη")[0], "bakogianni");
        assert_eq!(renderings("ΚΩΝΣΤΑΝΤΙΝΟΣ ΜΗΤΣΟΤΑΚΗΣ")[0], "konstantinos mitsotakis");
    }
}
