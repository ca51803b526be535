//! The MOF notice-date cell (`告示日付`): designation, amendment and
//! delisting dates, possibly several stacked in one cell.

use seisai_model::FuzzyDate;

use super::text::fold_width;

/// What one date of a `告示日付` cell records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NoticeKind {
    /// The designation (a plain date).
    Listed,
    /// An amendment (`改訂`, `修正`).
    Amended,
    /// The delisting (`削除`).
    Delisted,
}

/// The parsed `告示日付` cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Notices {
    /// Dates in cell order with their kind.
    pub dates: Vec<(NoticeKind, FuzzyDate)>,
    /// Text that is not a date (`（38．と同一人物）`), kept as a note.
    pub remarks: Vec<String>,
    /// Date-like pieces that did not parse.
    pub unparsed: Vec<String>,
}

impl Notices {
    /// The designation date: the first plain date.
    pub fn listed(&self) -> Option<FuzzyDate> {
        self.of(NoticeKind::Listed).next()
    }

    /// All dates of one kind.
    pub fn of(&self, kind: NoticeKind) -> impl Iterator<Item = FuzzyDate> + '_ {
        self.dates.iter().filter(move |(k, _)| *k == kind).map(|(_, d)| *d)
    }

    /// Whether the cell records a delisting.
    pub fn is_delisting(&self) -> bool {
        self.of(NoticeKind::Delisted).next().is_some()
    }
}

/// Parses a `告示日付` cell: `2022.3.1`, `2022.3.1\n2023.5.26改訂`,
/// `2025.1.10削除`, `2025.1.10 削除`, the CSV edition's space-separated
/// `2001.10.12 2012.3.27改訂`, and remarks such as `（38．と同一人物）`.
pub(crate) fn parse(cell: &str) -> Notices {
    let mut out = Notices::default();
    let folded = fold_width(cell);
    // Tokens: a date token starts with a digit; a marker-only token
    // (`削除` after a space) belongs to the date before it.
    let mut tokens: Vec<String> = Vec::new();
    for raw in folded.split_whitespace() {
        let starts_with_digit = raw.chars().next().is_some_and(|c| c.is_ascii_digit());
        let is_marker = ["削除", "改訂", "修正"].iter().any(|m| raw.starts_with(m));
        match tokens.last_mut() {
            Some(last) if is_marker && !starts_with_digit => last.push_str(raw),
            _ => tokens.push(raw.to_string()),
        }
    }
    for token in tokens {
        let starts_with_digit = token.chars().next().is_some_and(|c| c.is_ascii_digit());
        if !starts_with_digit {
            out.remarks.push(token);
            continue;
        }
        let kind = if token.contains("削除") {
            NoticeKind::Delisted
        } else if token.contains("改訂") || token.contains("修正") {
            NoticeKind::Amended
        } else {
            NoticeKind::Listed
        };
        let date_part: String = token.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | '-')).collect();
        match parse_dotted(&date_part) {
            Some(d) => out.dates.push((kind, d)),
            None => out.unparsed.push(token),
        }
    }
    out
}

/// `2022.3.1` (also `2022/3/1`, `2022-03-01`) as a day; anything else is
/// not a notice date.
fn parse_dotted(text: &str) -> Option<FuzzyDate> {
    let mut parts = text.split(['.', '/', '-']).filter(|p| !p.is_empty());
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1900..=2100).contains(&y) {
        return None;
    }
    seisai_model::PartialDate::ymd(y, m, d).map(FuzzyDate::exact)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(d: Option<FuzzyDate>) -> String {
        d.map(|d| d.to_string()).unwrap_or_default()
    }

    #[test]
    fn stacked_dates_with_markers() {
        let n = parse("2013.4.5\n2017.8.16改訂\n2022.8.3修正");
        assert_eq!(s(n.listed()), "2013-04-05");
        assert_eq!(n.of(NoticeKind::Amended).map(|d| d.to_string()).collect::<Vec<_>>(), ["2017-08-16", "2022-08-03"]);
        assert!(!n.is_delisting());
    }

    #[test]
    fn delisting_with_space_and_remark() {
        let n = parse("2008.6.25 削除\n（38．と同一人物）");
        assert_eq!(s(n.of(NoticeKind::Delisted).next()), "2008-06-25");
        assert_eq!(n.listed(), None);
        assert_eq!(n.remarks, ["(38.と同一人物)"]);
    }

    #[test]
    fn csv_edition_spaces_and_bad_dates() {
        let n = parse("2001.10.12 2012.3.27改訂 2012.3改訂");
        assert_eq!(s(n.listed()), "2001-10-12");
        assert_eq!(n.unparsed, ["2012.3改訂"]);
    }
}
