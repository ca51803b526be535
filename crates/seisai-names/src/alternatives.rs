//! Names that carry other spellings of their parts in brackets, as lists
//! write them: `Dmitrii (Dmitry) KUKARSKII (KUKARSKY)`,
//! `Viacheslav(Vyacheslav/Vyacheclav) PONOMARIOV(PONOMAREV/PONOMAROV)`,
//! `Mahmoud Ibraheem (a.k.a. Ibrahim) SA'IID`, `ヴォロディミル（ウラジーミル）・
//! リパンジン`. Read as one name, every spelling is a part of it, and a
//! query spelling the name once leaves half its parts unmatched. Each
//! spelling in turn is a name: [`bracketed_spellings`] writes them out.

/// A piece of a name: text outside brackets, or the text of a bracketed group.
enum Piece<'a> {
    Text(&'a str),
    Group(&'a str),
}

fn is_open(c: char) -> bool {
    matches!(c, '(' | '（')
}

fn is_close(c: char) -> bool {
    matches!(c, ')' | '）')
}

/// The pieces of `name`; a group left open runs to the end. `None` when a
/// bracket closes what was not opened.
fn pieces(name: &str) -> Option<Vec<Piece<'_>>> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in name.char_indices() {
        if is_open(c) {
            if depth == 0 {
                out.push(Piece::Text(&name[start..i]));
                start = i + c.len_utf8();
            }
            depth += 1;
        } else if is_close(c) {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                out.push(Piece::Group(&name[start..i]));
                start = i + c.len_utf8();
            }
        }
    }
    let rest = &name[start..];
    out.push(if depth == 0 { Piece::Text(rest) } else { Piece::Group(rest) });
    Some(out)
}

/// Labels that introduce another name in brackets (`a.k.a. Ibrahim`,
/// `born ТЮТИНА`), in lower case, longest first.
const LABELS: &[&str] = &["a.k.a.", "a.k.a", "aka", "f.k.a .", "f.k.a.", "f.k.a", "fka", "born", "née", "nee"];

/// The spellings a group offers for the word before it: one word each,
/// separated by `/`, `,` or `;`. `None` for any other group: a note
/// (`Date of birth: …`, `original script: …`), a description (`the
/// American`, `birth name`) or a whole name.
fn spellings(group: &str) -> Option<Vec<&str>> {
    let mut text = group.trim();
    let after_label = |label: &str| {
        let rest = text.get(label.len()..)?;
        let labelled = text.get(..label.len())?.to_lowercase() == label && rest.starts_with(|c: char| c.is_whitespace() || c == ':');
        labelled.then(|| rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':'))
    };
    if let Some(rest) = LABELS.iter().find_map(|l| after_label(l)) {
        text = rest;
    }
    if text.contains([':', '：']) || text.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let options: Vec<&str> = text.split(['/', ',', ';', '、', '，']).map(str::trim).filter(|o| !o.is_empty()).collect();
    let one_word = |o: &&str| !o.contains(char::is_whitespace) && o.chars().any(char::is_alphabetic);
    (!options.is_empty() && options.iter().all(one_word)).then_some(options)
}

/// Whether `c` separates the words of a name (a space, or katakana's `・`).
fn separates_words(c: char) -> bool {
    c.is_whitespace() || matches!(c, '・' | '･' | '＝')
}

/// Replaces the last word of `out` by `word`; `false` when `out` has no word.
fn replace_last_word(out: &mut String, word: &str) -> bool {
    let kept = out.trim_end_matches(separates_words).len();
    out.truncate(kept);
    let start = out.char_indices().rev().find(|&(_, c)| separates_words(c)).map_or(0, |(i, c)| i + c.len_utf8());
    if start == out.len() {
        return false;
    }
    out.truncate(start);
    out.push_str(word);
    true
}

/// Single spaces, none at the ends, none left before a word separator.
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace(" ・", "・").replace("・ ", "・")
}

/// The names a name with bracketed groups stands for, other than itself:
/// without the groups (`Dmitrii KUKARSKII`), and with the spellings of
/// each group in place of the word before it, first spellings together,
/// then second ones… (`Dmitry KUKARSKY`; at most three). A group that is
/// not a list of one-word spellings is only left out. Empty for a name
/// without spellings in brackets, or with a bracket closing nothing.
pub fn bracketed_spellings(name: &str) -> Vec<String> {
    if !name.contains(is_open) {
        return Vec::new();
    }
    let Some(pieces) = pieces(name) else { return Vec::new() };
    let groups: Vec<Option<Vec<&str>>> =
        pieces.iter().map(|p| if let Piece::Group(g) = p { spellings(g) } else { None }).collect();
    let most = groups.iter().flatten().map(Vec::len).max().unwrap_or(0).min(3);
    if most == 0 {
        // Only notes or descriptions (`Kabir, A. (Governor of Nangarhar
        // Province)`): they stay, as a part of what the list says the name
        // is, rather than leave a shorter name that says less.
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    let mut push = |text: String| {
        let text = tidy(&text);
        if !text.is_empty() && text != name && !out.contains(&text) {
            out.push(text);
        }
    };
    push(pieces.iter().filter_map(|p| if let Piece::Text(t) = p { Some(*t) } else { None }).collect::<Vec<_>>().join(" "));
    for k in 0..most {
        let mut text = String::new();
        for (piece, options) in pieces.iter().zip(&groups) {
            match (piece, options) {
                (Piece::Text(t), _) => text.push_str(t),
                (Piece::Group(_), Some(options)) => {
                    let word = options[k.min(options.len() - 1)];
                    if !replace_last_word(&mut text, word) {
                        continue;
                    }
                }
                (Piece::Group(_), None) => {}
            }
            text.push(' ');
        }
        push(text);
    }
    out
}

/// `name` split at `separator` where it is outside brackets (`Al-Qa'ida/
/// Islamic Army`, but not `Viacheslav(Vyacheslav/Vyacheclav)`).
pub fn split_outside_brackets(name: &str, separator: char) -> Vec<&str> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0usize, 0usize);
    for (i, c) in name.char_indices() {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = depth.saturating_sub(1);
        } else if c == separator && depth == 0 {
            out.push(&name[start..i]);
            start = i + c.len_utf8();
        }
    }
    out.push(&name[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_in_brackets_are_names() {
        assert_eq!(bracketed_spellings("Dmitrii (Dmitry) KUKARSKII (KUKARSKY)"), ["Dmitrii KUKARSKII", "Dmitry KUKARSKY"]);
        assert_eq!(
            bracketed_spellings("Viacheslav(Vyacheslav/Vyacheclav) PONOMARIOV(PONOMAREV/PONOMAROV)"),
            ["Viacheslav PONOMARIOV", "Vyacheslav PONOMAREV", "Vyacheclav PONOMAROV"]
        );
        assert_eq!(bracketed_spellings("Mahmoud Ibraheem (a.k.a. Ibrahim) SA'IID"), ["Mahmoud Ibraheem SA'IID", "Mahmoud Ibrahim SA'IID"]);
        assert_eq!(bracketed_spellings("Tatyana (Tatiana) Moskalkova （f.k.a . Nosenko）"), ["Tatyana Moskalkova", "Tatiana Nosenko"]);
        assert_eq!(bracketed_spellings("ヴォロディミル（ウラジーミル）・リパンジン"), ["ヴォロディミル・リパンジン", "ウラジーミル・リパンジン"]);
        assert_eq!(bracketed_spellings("Екатерина Васильевна ФЕДОТОВА (НАУМОВА)"), ["Екатерина Васильевна ФЕДОТОВА", "Екатерина Васильевна НАУМОВА"]);
    }

    #[test]
    fn notes_and_descriptions_are_no_spellings() {
        // Beside spellings they are left out; alone they stay in the name.
        assert_eq!(bracketed_spellings("Ivan (Iwan) Petrov (Date of birth: 31.12.1979"), ["Ivan Petrov", "Iwan Petrov"]);
        assert_eq!(bracketed_spellings("Ivan (the Terrible) Petrov (Petroff)"), ["Ivan Petrov", "Ivan Petroff"]);
        assert!(bracketed_spellings("Encep Nurjaman (birth name)").is_empty());
        assert!(bracketed_spellings("Abu-Ahmad Al-Amriki (the American)").is_empty());
        assert!(bracketed_spellings("Kabir, A., Maulavi (Governor of Nangarhar Province)").is_empty());
        assert_eq!(bracketed_spellings("(Ivanov) Petr"), ["Petr"]);
    }

    #[test]
    fn names_without_groups_have_no_other_spelling() {
        assert!(bracketed_spellings("Vladimir Putin").is_empty());
        assert!(bracketed_spellings("broken) name (x").is_empty());
        assert!(bracketed_spellings("()").is_empty());
    }

    #[test]
    fn slashes_inside_brackets_separate_spellings_not_names() {
        assert_eq!(split_outside_brackets("Al-Qa'ida/Islamic Army", '/'), ["Al-Qa'ida", "Islamic Army"]);
        assert_eq!(split_outside_brackets("Viacheslav(Vyacheslav/Vyacheclav) PONOMARIOV", '/'), ["Viacheslav(Vyacheslav/Vyacheclav) PONOMARIOV"]);
    }
}
