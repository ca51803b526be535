//! One row of the MOF list (either edition) and the entity it becomes.

use seisai_model::{Address, Entity, FuzzyDate, Schema, country, props};

use super::fields::{Field, Lang};
use super::notice::{self, NoticeKind};
use super::text::{fold_width, is_placeholder, split_enumerated, split_lines, split_names};
use crate::script::split_original_script;

/// The names of a cell of names ([`split_names`]), each form in another
/// script in trailing brackets a name of its own (`SALIM HAMDAN (original
/// script: سالم حمدان)`, see [`split_original_script`]).
fn names_of(cell: &str) -> Vec<String> {
    split_names(cell).iter().flat_map(|n| split_original_script(n)).collect()
}

/// The listing authority written on every entity.
pub(crate) const AUTHORITY: &str = "Ministry of Finance, Japan (財務省)";
/// The list page the files are linked from.
pub(crate) const SOURCE_URL: &str =
    "https://www.mof.go.jp/policy/international_policy/gaitame_kawase/gaitame/economic_sanctions/list.html";

/// One data row, already mapped to fields.
#[derive(Clone, Debug, Default)]
pub(crate) struct Record {
    /// Regime number (XLSX sheet number, CSV `区分`).
    pub regime: u32,
    /// The `program` value (`29: 資産凍結等の措置の対象となる…（個人）`).
    pub program: String,
    /// The schema the sheet or the `個人・団体` column implies, if any.
    pub schema: Option<Schema>,
    /// Cell values in column order.
    pub values: Vec<(Field, String)>,
    /// Where the row is, for messages (`sheet '29.…' row 3`).
    pub location: String,
}

/// What a row becomes.
#[derive(Debug)]
pub(crate) enum Built {
    /// A named party.
    Entity(Box<Entity>),
    /// A row without a name whose notice date records a delisting.
    Tombstone {
        /// The id of the party it delists.
        id: String,
        /// Delisting dates.
        delisted: Vec<FuzzyDate>,
        /// The notice-date cell as printed.
        notice: String,
    },
    /// A row that cannot become an entity, with the reason.
    Unusable(String),
}

impl Record {
    fn all(&self, field: Field) -> impl Iterator<Item = &str> {
        self.values.iter().filter(move |(f, _)| *f == field).map(|(_, v)| v.as_str())
    }

    fn first(&self, field: Field) -> Option<&str> {
        self.all(field).map(str::trim).find(|v| !v.is_empty())
    }

    /// The source id `NNN-NNNNNN`: the CSV `番号` when present, else the
    /// regime number (3 digits) and the leading number of `告示番号`
    /// (6 digits) — `7(*1)` on sheet 13 gives `013-000007`, `#47` on sheet
    /// 14 gives `014-000047`. `None` when neither holds a number.
    pub fn source_id(&self) -> Option<String> {
        if let Some(n) = self.first(Field::Number) {
            return Some(fold_width(n).trim().to_string());
        }
        let raw = fold_width(self.first(Field::NoticeNumber)?);
        let digits: String = raw
            .trim()
            .trim_start_matches(['*', '#'])
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let n: u64 = digits.parse().ok()?;
        Some(format!("{:03}-{:06}", self.regime, n))
    }

    /// Builds the entity of this row for `dataset`.
    pub fn build(&self, dataset: &str, warnings: &mut Vec<String>) -> Built {
        let notice_text = self.all(Field::NoticeDate).collect::<Vec<_>>().join("\n");
        let notices = notice::parse(&notice_text);
        let name_en = self.first(Field::NameEn).map(join_lines);
        let name_ja = self.first(Field::NameJa).map(join_lines);
        let has_name = name_en.iter().chain(name_ja.iter()).any(|n| !is_placeholder(n));
        let Some(source_id) = self.source_id() else {
            return Built::Unusable(format!("no party number (告示番号/番号) in {}", self.location));
        };
        if !has_name {
            if notices.is_delisting() {
                return Built::Tombstone {
                    id: seisai_model::entity_id(dataset, &source_id),
                    delisted: notices.of(NoticeKind::Delisted).collect(),
                    notice: notice_text,
                };
            }
            return Built::Unusable("record has no name (日本語表記/英語表記 empty) and no delisting date".into());
        }
        let schema = self.schema.clone().unwrap_or_else(|| self.guess_schema());
        let mut e = Entity::new(dataset, &source_id, schema);
        for n in name_en.iter().chain(name_ja.iter()).flat_map(|n| split_original_script(n)) {
            if !is_placeholder(&n) {
                e.add(props::NAME, n);
            }
        }
        e.caption = name_en.filter(|n| !is_placeholder(n)).or(name_ja).map(String::into_boxed_str);
        e.add(props::PROGRAM, &self.program);
        e.add(props::AUTHORITY, AUTHORITY);
        e.add(props::TOPICS, "sanction");
        e.add(props::SOURCE_URL, SOURCE_URL);
        if let Some(d) = notices.listed() {
            e.add_date(props::LISTING_DATE, d);
        }
        for d in notices.of(NoticeKind::Amended) {
            e.add_date(props::MODIFIED_AT, d);
        }
        for d in notices.of(NoticeKind::Delisted) {
            e.add_date(props::DELISTING_DATE, d);
        }
        for r in &notices.remarks {
            e.add(props::NOTES, format!("告示日付: {r}"));
        }
        for u in &notices.unparsed {
            warnings.push(format!("{}: notice date {u:?} not understood, kept as a note", self.location));
            e.add(props::NOTES, format!("告示日付: {u}"));
        }
        if let Some(raw) = self.first(Field::NoticeNumber) {
            if !raw.trim().chars().all(|c| c.is_ascii_digit()) {
                e.add(props::NOTES, format!("告示番号: {}", raw.trim()));
            }
        }
        self.add_details(&mut e, warnings);
        Built::Entity(Box::new(e))
    }

    /// Person when the row has person-only details, else LegalEntity.
    fn guess_schema(&self) -> Schema {
        let person_fields = [Field::BirthDate, Field::BirthPlace, Field::BirthDateAndPlace, Field::Passport, Field::Nationality, Field::Title];
        let personal = self
            .values
            .iter()
            .any(|(f, v)| person_fields.contains(f) && !split_lines(v).is_empty());
        if personal { Schema::Person } else { Schema::LegalEntity }
    }

    fn add_details(&self, e: &mut Entity, warnings: &mut Vec<String>) {
        let mut address_parts: [(Option<String>, Option<String>); 2] = Default::default();
        for (field, value) in &self.values {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match field {
                Field::Alias => e.add_all(props::ALIAS, names_of(value)),
                Field::FormerName => e.add_all(props::PREVIOUS_NAME, names_of(value)),
                Field::WeakAlias => e.add_all(props::WEAK_ALIAS, names_of(value)),
                Field::Title => e.add_all(props::TITLE, split_lines(value)),
                Field::Position => e.add_all(props::POSITION, split_lines(value)),
                Field::BirthDate => self.add_birth_dates(e, value, warnings),
                Field::BirthDateAndPlace => {
                    self.add_birth_dates(e, value.lines().next().unwrap_or(value), warnings);
                    e.add(props::NOTES, format!("生年月日・出生地: {value}"));
                }
                Field::BirthPlace => {
                    for place in split_lines(value) {
                        if let Some(code) = country_in(&place) {
                            e.add("birthCountry", code);
                        }
                        e.add(props::BIRTH_PLACE, place);
                    }
                }
                Field::Nationality => add_nationalities(e, value),
                Field::Passport => e.add_all(props::PASSPORT_NUMBER, split_lines(value)),
                Field::IdNumber => e.add_all(props::ID_NUMBER, split_lines(value)),
                Field::Address => {
                    for line in split_lines(value) {
                        let code = country_in(&line);
                        e.add_address(Address { full: line, country: code.map(str::to_string), ..Default::default() });
                    }
                }
                Field::AddressCountry(lang) => address_parts[lang_index(*lang)].0 = Some(value.to_string()),
                Field::AddressDetail(lang) => address_parts[lang_index(*lang)].1 = Some(value.to_string()),
                Field::Phone => e.add_all(props::PHONE, split_lines(value)),
                Field::Note(label) if !is_placeholder(value) => {
                    e.add(props::NOTES, if label.is_empty() { value.to_string() } else { format!("{label}: {value}") });
                }
                Field::Note(_) | Field::Regime | Field::Number | Field::NoticeDate | Field::NoticeNumber | Field::Kind
                | Field::NameJa | Field::NameEn => {}
            }
        }
        for (country_name, detail) in address_parts {
            if country_name.is_none() && detail.is_none() {
                continue;
            }
            let address = Address::from_parts(detail, None, None, None, country_name);
            e.add_address(address);
        }
    }

    fn add_birth_dates(&self, e: &mut Entity, value: &str, warnings: &mut Vec<String>) {
        let (dates, unparsed) = birth_dates(value);
        for d in dates {
            e.add_date(props::BIRTH_DATE, d);
        }
        for u in unparsed {
            warnings.push(format!("{}: birth date {u:?} not understood, kept as a note", self.location));
            e.add(props::NOTES, format!("生年月日: {u}"));
        }
    }
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Ja => 0,
        Lang::En => 1,
    }
}

/// Joins the lines of a name cell with a space.
fn join_lines(cell: &str) -> String {
    cell.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The country a place names: the text itself, its last bracketed part
/// (`モスクワ（ロシア）`), or one of its `、`/`,`-separated parts.
pub(crate) fn country_in(place: &str) -> Option<&'static str> {
    if let Some(code) = country::to_code(place) {
        return Some(code);
    }
    place
        .rsplit(['（', '）', '(', ')', '、', ',', '，', ';', '；'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .find_map(country::to_code)
}

/// Nationalities: one per line, enumerator or `、`; resolved ones become
/// ISO codes, sentences that name no single country are kept as notes.
fn add_nationalities(e: &mut Entity, value: &str) {
    for line in split_lines(value) {
        for part in line.split(['、', ';', '；']) {
            let part = part.trim();
            if is_placeholder(part) {
                continue;
            }
            // `リビア Libya`: the country in each script.
            let code = country_in(part).or_else(|| part.split_whitespace().find_map(country::to_code));
            match code {
                Some(code) => {
                    e.add(props::NATIONALITY, code);
                }
                None => {
                    e.add(props::NOTES, format!("国籍: {part}"));
                }
            }
        }
    }
}

/// Parses a birth-date cell: ISO dates (Excel dates are written so by the
/// XLSX reader), Japanese dates `1963年4月11日`, years, ranges
/// (`1955年-1958年頃`, `1955年から1958年の間`), several dates separated by
/// enumerators, line breaks, `;`, `、` or `又は`. Returns the dates and
/// the pieces that are not dates.
pub(crate) fn birth_dates(cell: &str) -> (Vec<FuzzyDate>, Vec<String>) {
    let mut text = fold_width(cell);
    for (from, to) in [("までの間", ""), ("の間", ""), ("の頃", "頃"), ("または", "\n"), ("又は", "\n"), ("生まれ", ""), ("生", "")] {
        text = text.replace(from, to);
    }
    // `から` joins a range, also across a line break.
    let mut joined = String::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("から") {
        joined.push_str(rest[..i].trim_end());
        joined.push('-');
        rest = rest[i + "から".len()..].trim_start();
    }
    joined.push_str(rest);
    let mut dates = Vec::new();
    let mut unparsed = Vec::new();
    for part in split_enumerated(&joined) {
        for piece in part.split(['\n', ';', '；', '、']) {
            let piece = piece.trim();
            if is_placeholder(piece) {
                continue;
            }
            match FuzzyDate::parse_loose(piece) {
                Some(d) if has_year(piece) => dates.push(d),
                _ => unparsed.push(piece.to_string()),
            }
        }
    }
    (dates, unparsed)
}

fn has_year(piece: &str) -> bool {
    let mut run = 0;
    for c in piece.chars() {
        if c.is_ascii_digit() {
            run += 1;
            if run == 4 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(cell: &str) -> Vec<String> {
        birth_dates(cell).0.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn birth_date_forms() {
        assert_eq!(dates("1963年4月11日"), ["1963-04-11"]);
        assert_eq!(dates("1955年-1958年頃"), ["1955/1958~"]);
        assert_eq!(dates("1955年から1958年の間"), ["1955/1958"]);
        assert_eq!(dates("1960年9月1日から\n1962年1月1日の間"), ["1960-09-01/1962-01-01"]);
        assert_eq!(dates("(a)1962年3月1日\n(b)1963年"), ["1962-03-01", "1963"]);
        assert_eq!(dates("（a）1968年頃（b）1969年"), ["1968~", "1969"]);
        assert_eq!(dates("1952-10-07"), ["1952-10-07"]);
        assert_eq!(dates("1961年1月1日又は1962年2月2日"), ["1961-01-01", "1962-02-02"]);
        let (d, bad) = birth_dates("5月4日（year unknown）");
        assert!(d.is_empty());
        assert_eq!(bad.len(), 1);
        assert!(birth_dates("不明").1.is_empty());
    }

    #[test]
    fn ids_follow_the_csv_edition() {
        let mut r = Record { regime: 13, ..Default::default() };
        r.values.push((Field::NoticeNumber, "7(*1)".into()));
        assert_eq!(r.source_id().as_deref(), Some("013-000007"));
        r.regime = 14;
        r.values[0].1 = "#47".into();
        assert_eq!(r.source_id().as_deref(), Some("014-000047"));
        r.values.push((Field::Number, "014-000047".into()));
        assert_eq!(r.source_id().as_deref(), Some("014-000047"));
    }

    #[test]
    fn places_name_their_country() {
        assert_eq!(country_in("イェナキエヴェ(ウクライナ)"), Some("ua"));
        assert_eq!(country_in("モスクワ（ロシア）"), Some("ru"));
        assert_eq!(country_in("トリポリ、リビア"), Some("ly"));
    }
}
