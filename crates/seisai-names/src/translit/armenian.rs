//! Armenian: BGN/PCGN-style romanisation (ու→u, initial ե→ye, ո→vo) and a
//! plain letter-by-letter variant.

/// Two renderings: BGN/PCGN (`yerevan`, `vardan`) and without the initial
/// glides (`erevan`).
pub(crate) fn renderings(text: &str) -> Vec<String> {
    let letters: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    vec![render(&letters, true), render(&letters, false)]
}

fn render(letters: &[char], glides: bool) -> String {
    let mut out = String::with_capacity(letters.len() + 4);
    let mut i = 0;
    while let Some(&c) = letters.get(i) {
        let next = letters.get(i + 1).copied();
        let at_start = i == 0 || letters.get(i - 1).is_some_and(|p| !p.is_alphabetic());
        if c == 'ո' && next == Some('ւ') {
            out.push('u');
            i += 2;
            continue;
        }
        let piece = match c {
            'ա' => "a",
            'բ' => "b",
            'գ' => "g",
            'դ' => "d",
            'ե' => {
                if glides && at_start {
                    "ye"
                } else {
                    "e"
                }
            }
            'զ' => "z",
            'է' => "e",
            'ը' => "y",
            'թ' => "t",
            'ժ' => "zh",
            'ի' => "i",
            'լ' => "l",
            'խ' => "kh",
            'ծ' => "ts",
            'կ' => "k",
            'հ' => "h",
            'ձ' => "dz",
            'ղ' => "gh",
            'ճ' => "ch",
            'մ' => "m",
            'յ' => "y",
            'ն' => "n",
            'շ' => "sh",
            'ո' => {
                if glides && at_start {
                    "vo"
                } else {
                    "o"
                }
            }
            'չ' => "ch",
            'պ' => "p",
            'ջ' => "j",
            'ռ' | 'ր' => "r",
            'ս' => "s",
            'վ' => "v",
            'տ' => "t",
            'ց' => "ts",
            'ւ' => "v",
            'փ' => "p",
            'ք' => "k",
            'և' => "ev",
            'օ' => "o",
            'ֆ' => "f",
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
    fn bgn_romanisation() {
        assert_eq!(renderings("Վլադիմիր Պուտին")[0], "vladimir putin");
        assert_eq!(renderings("Երևան"), ["yerevan", "erevan"]);
        assert_eq!(renderings("Նիկոլ Փաշինյան")[0], "nikol pashinyan");
    }
}
