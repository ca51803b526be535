//! Lenient parsing of the date forms found in sanctions lists.

use super::{FuzzyDate, PartialDate};

const MONTHS: [(&str, u32); 24] = [
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("may", 5), ("jun", 6),
    ("jul", 7), ("aug", 8), ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ("janv", 1), ("févr", 2), ("mars", 3), ("avr", 4), ("mai", 5), ("juin", 6),
    ("juil", 7), ("août", 8), ("sept", 9), ("okt", 10), ("déc", 12), ("dez", 12),
];

/// Words (compared whole, lower case) that mark a date as approximate.
const APPROX_WORDS: [&str; 8] = ["circa", "approximately", "approx", "approx.", "about", "ca.", "c.", "около"];
/// Characters that mark a date as approximate anywhere in the text (Japanese 頃, 約).
const APPROX_CHARS: [char; 2] = ['頃', '約'];

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(u32, usize),
    Month(u32),
}

fn month_of(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    MONTHS.iter().find(|(name, _)| w.starts_with(name)).map(|(_, m)| *m)
}

fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Tok>| {
        if word.is_empty() {
            return;
        }
        if word.chars().all(|c| c.is_ascii_digit()) {
            if let Ok(n) = word.parse::<u32>() {
                out.push(Tok::Num(n, word.len()));
            }
        } else if let Some(m) = month_of(word) {
            out.push(Tok::Month(m));
        }
        word.clear();
    };
    for c in text.chars() {
        // Full-width digits (１９６３) count as digits.
        let c = if ('０'..='９').contains(&c) {
            char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
        } else {
            c
        };
        // A word is a run of digits or a run of letters: "1削除" is two words.
        let kind_changes = word.chars().last().is_some_and(|l| l.is_ascii_digit() != c.is_ascii_digit());
        if kind_changes {
            flush(&mut word, &mut out);
        }
        if c.is_alphanumeric() && !matches!(c, '年' | '月' | '日') {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn valid_year(y: u32) -> Option<i32> {
    (1000..=2100).contains(&y).then_some(y as i32)
}

/// Reads one partial date from the front of `toks`, returning it and how
/// many tokens it used.
fn take_date(toks: &[Tok]) -> Option<(PartialDate, usize)> {
    use Tok::*;
    match toks {
        // 1952 10 07 (ISO or Japanese order)
        [Num(y, 4), Num(m, _), Num(d, _), ..] if *m <= 12 => {
            Some((PartialDate::ymd(valid_year(*y)?, *m, *d)?, 3))
        }
        // 07 10 1952 (day first, as on EU, UN, MOF lists); 10 07 1952 when the
        // first cannot be a month is the same; US month-first is ambiguous and
        // read day-first unless the day-first reading is impossible.
        [Num(a, la), Num(b, lb), Num(y, 4), ..] if *la <= 2 && *lb <= 2 => {
            let year = valid_year(*y)?;
            PartialDate::ymd(year, *b, *a)
                .or_else(|| PartialDate::ymd(year, *a, *b))
                .map(|d| (d, 3))
        }
        [Num(d, l), Month(m), Num(y, 4), ..] if *l <= 2 => Some((PartialDate::ymd(valid_year(*y)?, *m, *d)?, 3)),
        [Month(m), Num(d, l), Num(y, 4), ..] if *l <= 2 => Some((PartialDate::ymd(valid_year(*y)?, *m, *d)?, 3)),
        [Month(m), Num(y, 4), ..] => Some((PartialDate::ym(valid_year(*y)?, *m)?, 2)),
        [Num(y, 4), Month(m), ..] => Some((PartialDate::ym(valid_year(*y)?, *m)?, 2)),
        [Num(m, l), Num(y, 4), ..] if *l <= 2 => Some((PartialDate::ym(valid_year(*y)?, *m)?, 2)),
        [Num(y, 4), Num(m, l), ..] if *l <= 2 => Some((PartialDate::ym(valid_year(*y)?, *m)?, 2)),
        [Num(y, 4), ..] => Some((PartialDate::year(valid_year(*y)?), 1)),
        _ => None,
    }
}

pub(super) fn parse(text: &str) -> Option<FuzzyDate> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(d) = text.parse::<FuzzyDate>() {
        return Some(d);
    }
    let lower = text.to_lowercase();
    let approximate = lower.split_whitespace().any(|w| APPROX_WORDS.contains(&w))
        || lower.chars().any(|c| APPROX_CHARS.contains(&c));
    let toks = tokens(text);
    let (first, used) = take_date(&toks)?;
    let rest = &toks[used..];
    let is_range = lower.contains("between")
        || lower.contains(" to ")
        || lower.contains('〜')
        || lower.contains('～')
        || lower.contains(" - ")
        || lower.contains('/')
        || lower.contains('-')
        || lower.contains('–');
    let mut date = match take_date(rest) {
        Some((second, used2)) if is_range && used2 == used => FuzzyDate::range(first, second),
        Some((second, _)) if is_range && second.precision() == first.precision() => FuzzyDate::range(first, second),
        _ => FuzzyDate::exact(first),
    };
    date.approximate = approximate;
    Some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> String {
        parse(t).map(|d| d.to_string()).unwrap_or_default()
    }

    #[test]
    fn forms_seen_on_lists() {
        assert_eq!(s("26.11.1972"), "1972-11-26");
        assert_eq!(s("7 Oct 1952"), "1952-10-07");
        assert_eq!(s("07 Oct 1952"), "1952-10-07");
        assert_eq!(s("October 1952"), "1952-10");
        assert_eq!(s("1963年4月11日"), "1963-04-11");
        assert_eq!(s("１９６３年４月１１日"), "1963-04-11");
        assert_eq!(s("1955年-1958年頃"), "1955/1958~");
        assert_eq!(s("between 1955 and 1958"), "1955/1958");
        assert_eq!(s("1955 to 1958"), "1955/1958");
        assert_eq!(s("circa 1958"), "1958~");
        assert_eq!(s("Approximately 1958"), "1958~");
        assert_eq!(s("1952"), "1952");
        assert_eq!(s("12/31/1960"), "1960-12-31");
        assert_eq!(s("2022.3.1"), "2022-03-01");
        assert_eq!(s("2022.3.1削除"), "2022-03-01");
        assert_eq!(s("7 Dec. 1952"), "1952-12-07");
        assert_eq!(s("c. 1952"), "1952~");
        assert_eq!(s("no date"), "");
        assert_eq!(s("31.02.1960"), "");
    }
}
