//! OFAC text conventions shared by the OFAC CSV, OFAC enhanced XML and US
//! CSL loaders.
//!
//! * [`apply_remarks`] reads the `Remarks` text of the legacy SDN CSV
//!   (`DOB 12 Oct 1952; POB Leningrad, Russia; nationality Russia;
//!   Passport 717637093 (Russia); a.k.a. 'BNC'; Linked To: X.`) into
//!   entity properties. Segments are separated by `; `; `alt. ` in front of
//!   a label marks a further value of it.
//! * [`apply_labelled`] maps one OFAC label (`Tax ID No.`, `SWIFT/BIC`,
//!   `Vessel Flag`, …) and its value to a property; it serves the remarks,
//!   the enhanced XML's features and identity documents, and the CSL `ids`
//!   column, which all use the same label vocabulary.
//! * [`person_name`] turns OFAC's `LAST, First Middle` into natural order.
//! * [`programs`] splits OFAC's `SDGT] [IFSR` program column.
//!
//! Anything not understood is kept in `notes`, never dropped.

use seisai_model::{Entity, FuzzyDate, Schema, props};

/// The publishing authority of the OFAC lists.
pub const AUTHORITY: &str = "Office of Foreign Assets Control";

/// What an OFAC label means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Dob,
    Pob,
    Nationality,
    Citizenship,
    Gender,
    Passport,
    IdNumber,
    Tax,
    Registration,
    Lei,
    Swift,
    Imo,
    Mmsi,
    Email,
    Website,
    Phone,
    Incorporation,
    Jurisdiction,
    CallSign,
    Flag,
    PastFlag,
    VesselType,
    BuildDate,
    Model,
    Serial,
    Tail,
    Title,
    LinkedTo,
}

/// Labels, compared case-insensitively; the longest matching label wins.
const LABELS: &[(&str, Field)] = &[
    ("DOB", Field::Dob),
    ("Birthdate", Field::Dob),
    ("POB", Field::Pob),
    ("Place of Birth", Field::Pob),
    ("nationality", Field::Nationality),
    ("Nationality Country", Field::Nationality),
    ("citizen", Field::Citizenship),
    ("Citizenship Country", Field::Citizenship),
    ("Gender", Field::Gender),
    ("Passport", Field::Passport),
    ("Passport No.", Field::Passport),
    ("Diplomatic Passport", Field::Passport),
    ("Stateless Person Passport", Field::Passport),
    ("National ID No.", Field::IdNumber),
    ("Identification Number", Field::IdNumber),
    ("Cedula No.", Field::IdNumber),
    ("C.U.R.P.", Field::IdNumber),
    ("CURP #", Field::IdNumber),
    ("D.N.I.", Field::IdNumber),
    ("Personal ID Card", Field::IdNumber),
    ("SSN", Field::IdNumber),
    ("Social Security Number", Field::IdNumber),
    ("Residency Number", Field::IdNumber),
    ("Birth Certificate Number", Field::IdNumber),
    ("Travel Document Number", Field::IdNumber),
    ("Credencial electoral", Field::IdNumber),
    ("Electoral Registry No.", Field::IdNumber),
    ("Kenyan ID No.", Field::IdNumber),
    ("Turkish Identification Number", Field::IdNumber),
    ("Driver's License No.", Field::IdNumber),
    ("Refugee ID Card", Field::IdNumber),
    ("I.F.E.", Field::IdNumber),
    ("Tax ID No.", Field::Tax),
    ("R.F.C.", Field::Tax),
    ("RFC", Field::Tax),
    ("V.A.T. Number", Field::Tax),
    ("VAT Number", Field::Tax),
    ("C.U.I.T.", Field::Tax),
    ("C.U.I.P.", Field::Tax),
    ("C.U.I.", Field::Tax),
    ("RUC #", Field::Tax),
    ("NIT #", Field::Tax),
    ("RIF #", Field::Tax),
    ("RTN", Field::Tax),
    ("US FEIN", Field::Tax),
    ("Italian Fiscal Code", Field::Tax),
    ("Fiscal Code", Field::Tax),
    ("Registration Number", Field::Registration),
    ("Registration ID", Field::Registration),
    ("Business Registration Number", Field::Registration),
    ("Business Registration Document #", Field::Registration),
    ("Business Number", Field::Registration),
    ("Company Number", Field::Registration),
    ("UK Company Number", Field::Registration),
    ("Commercial Registry Number", Field::Registration),
    ("Chamber of Commerce Number", Field::Registration),
    ("Matricula Mercantil No", Field::Registration),
    ("Folio Mercantil No.", Field::Registration),
    ("Trade License No.", Field::Registration),
    ("Unified Social Credit Code (USCC)", Field::Registration),
    ("Government Gazette Number", Field::Registration),
    ("Public Registration Number", Field::Registration),
    ("Certificate of Incorporation Number", Field::Registration),
    ("D-U-N-S Number", Field::Registration),
    ("BIK (RU)", Field::Registration),
    ("Legal Entity Number", Field::Lei),
    ("SWIFT/BIC", Field::Swift),
    ("Vessel Registration Identification", Field::Imo),
    ("IMO", Field::Imo),
    ("MMSI", Field::Mmsi),
    ("Email Address", Field::Email),
    ("Email", Field::Email),
    ("Website", Field::Website),
    ("Phone Number", Field::Phone),
    ("Telephone", Field::Phone),
    ("Telephone Number", Field::Phone),
    ("Fax", Field::Phone),
    ("Fax Number", Field::Phone),
    ("Organization Established Date", Field::Incorporation),
    ("Nationality of Registration", Field::Jurisdiction),
    ("Vessel Call Sign", Field::CallSign),
    ("Other Vessel Call Sign", Field::CallSign),
    ("Vessel Flag", Field::Flag),
    ("Former Vessel Flag", Field::PastFlag),
    ("Other Vessel Flag", Field::PastFlag),
    ("Vessel Type", Field::VesselType),
    ("Vessel Year of Build", Field::BuildDate),
    ("Aircraft Manufacture Date", Field::BuildDate),
    ("Aircraft Model", Field::Model),
    ("Aircraft Manufacturer's Serial Number (MSN)", Field::Serial),
    ("Aircraft Construction Number (also called L/N or S/N or F/N)", Field::Serial),
    ("Aircraft Tail Number", Field::Tail),
    ("Title", Field::Title),
    ("Linked To", Field::LinkedTo),
];

/// The labels in lower case, longest first (so the first match is the
/// longest), grouped by their first byte, built once.
fn lower_labels(first: u8) -> &'static [(String, Field)] {
    static BY_FIRST: std::sync::OnceLock<Vec<Vec<(String, Field)>>> = std::sync::OnceLock::new();
    let table = BY_FIRST.get_or_init(|| {
        let mut table: Vec<Vec<(String, Field)>> = vec![Vec::new(); 128];
        for (label, field) in LABELS {
            let lower = label.to_ascii_lowercase();
            if let Some(group) = lower.bytes().next().and_then(|b| table.get_mut(usize::from(b))) {
                group.push((lower, *field));
            }
        }
        for group in &mut table {
            group.sort_by_key(|(l, _)| std::cmp::Reverse(l.len()));
        }
        table
    });
    table.get(usize::from(first.to_ascii_lowercase())).map_or(&[], Vec::as_slice)
}

fn field_of(label: &str) -> Option<Field> {
    let label = label.trim().trim_end_matches([':', '-']).trim().to_ascii_lowercase();
    let first = label.bytes().next()?;
    lower_labels(first).iter().find(|(l, _)| *l == label).map(|(_, f)| *f)
}

/// The longest label `segment` starts with (followed by a space, `:` or
/// the end), the label as written and the value after it.
fn split_label(segment: &str) -> Option<(Field, &str, &str)> {
    let bytes = segment.as_bytes();
    let (n, field) = lower_labels(*bytes.first()?).iter().find_map(|(label, field)| {
        let n = label.len();
        let fits = bytes.get(..n).is_some_and(|h| h.eq_ignore_ascii_case(label.as_bytes()))
            && matches!(bytes.get(n), None | Some(b' ') | Some(b':'));
        fits.then_some((n, *field))
    })?;
    let label = segment.get(..n)?;
    let value = segment.get(n..).unwrap_or("").trim_start_matches([':', ' ', '-']).trim();
    Some((field, label, value))
}

/// A document number and the country in the parentheses after it:
/// `717637093 (Russia)`, `A123 issued 01 Jan 2010 expires 2020 (Iran)`.
fn number_and_country(value: &str) -> (&str, Option<&str>) {
    let country = value
        .rfind(" (")
        .and_then(|i| value.get(i + 2..))
        .and_then(|c| c.strip_suffix(')'))
        .filter(|c| !c.is_empty());
    let mut end = value.len();
    for stop in [" (", " issued", " expires", ", issued", ", expires", " Issue Date", " Expire Date"] {
        if let Some(i) = value.find(stop) {
            end = end.min(i);
        }
    }
    (value.get(..end).unwrap_or(value).trim().trim_end_matches(','), country)
}

fn add_date(entity: &mut Entity, prop: &str, value: &str, problems: &mut Vec<String>) {
    match FuzzyDate::parse_loose(value) {
        Some(d) => entity.add_date(prop, d),
        None => {
            problems.push(format!("{prop} '{value}' is not a date; kept in notes"));
            entity.add(props::NOTES, format!("{prop}: {value}"));
        }
    }
}

fn apply_field(entity: &mut Entity, field: Field, label: &str, value: &str, problems: &mut Vec<String>) {
    if value.is_empty() {
        return;
    }
    let digits = value.chars().filter(char::is_ascii_digit).count();
    match field {
        Field::Dob => add_date(entity, props::BIRTH_DATE, value, problems),
        Field::Incorporation => add_date(entity, props::INCORPORATION_DATE, value, problems),
        Field::BuildDate => add_date(entity, props::BUILD_DATE, value, problems),
        Field::Pob => {
            entity.add(props::BIRTH_PLACE, value);
        }
        Field::Nationality => entity.add_country(props::NATIONALITY, value),
        Field::Citizenship => entity.add_country(props::CITIZENSHIP, value),
        Field::Jurisdiction => entity.add_country(props::JURISDICTION, value),
        Field::Flag => entity.add_country(props::FLAG, value),
        Field::PastFlag => entity.add_country("pastFlags", value),
        Field::Gender => {
            entity.add(props::GENDER, crate::values::gender(value).unwrap_or("other"));
        }
        Field::Passport | Field::IdNumber | Field::Tax | Field::Registration => {
            let (number, country) = number_and_country(value);
            if let Some(imo) = number.strip_prefix("IMO ") {
                entity.add(props::IMO_NUMBER, format!("IMO{}", imo.trim()));
                return;
            }
            let prop = match field {
                Field::Passport => props::PASSPORT_NUMBER,
                Field::Tax => props::TAX_NUMBER,
                Field::Registration => props::REGISTRATION_NUMBER,
                _ => props::ID_NUMBER,
            };
            entity.add(prop, number);
            let russia = country.is_some_and(|c| seisai_model::country::to_code(c) == Some("ru"));
            if russia && field == Field::Tax && matches!(digits, 10 | 12) {
                entity.add(props::INN_CODE, number);
            }
            if russia && field == Field::Registration && matches!(digits, 13 | 15) {
                entity.add(props::OGRN_CODE, number);
            }
            if value != number {
                entity.add(props::NOTES, format!("{label}: {value}"));
            }
        }
        Field::Lei => {
            entity.add(props::LEI_CODE, number_and_country(value).0);
        }
        Field::Swift => {
            entity.add(props::SWIFT_BIC, value);
        }
        Field::Imo => {
            let v = value.trim_start_matches("IMO").trim();
            entity.add(props::IMO_NUMBER, format!("IMO{v}"));
        }
        Field::Mmsi => {
            entity.add(props::MMSI, value);
        }
        Field::Email => {
            entity.add(props::EMAIL, value);
        }
        Field::Website => {
            entity.add(props::WEBSITE, value);
        }
        Field::Phone => {
            entity.add(props::PHONE, value);
        }
        Field::CallSign => {
            entity.add(props::CALL_SIGN, value);
        }
        Field::VesselType => {
            entity.add(props::TYPE, value);
        }
        Field::Model => {
            entity.add("model", value);
        }
        Field::Serial => {
            entity.add("serialNumber", value);
        }
        Field::Tail => {
            entity.add(props::REGISTRATION, value);
        }
        Field::Title => {
            entity.add(props::TITLE, value);
        }
        Field::LinkedTo => {
            entity.add(props::NOTES, format!("Linked To: {value}"));
        }
    }
}

/// Applies one labelled value (an enhanced-XML feature or document, a CSL
/// id). Returns `false` (and keeps `label: value` in notes) for a label
/// seisai does not map to a property. Problems (a date that does not
/// parse) are appended to `problems`.
pub fn apply_labelled(entity: &mut Entity, label: &str, value: &str, problems: &mut Vec<String>) -> bool {
    let value = value.trim();
    match field_of(label) {
        Some(field) => {
            apply_field(entity, field, label.trim(), value, problems);
            true
        }
        None => {
            if !value.is_empty() {
                entity.add(props::NOTES, format!("{}: {value}", label.trim().trim_end_matches([':', '-', ' '])));
            }
            false
        }
    }
}

/// The date property an OFAC label fills (`Birthdate` → `birthDate`,
/// `Organization Established Date` → `incorporationDate`, `Vessel Year of
/// Build` → `buildDate`), for sources that give the date apart from the text.
pub fn date_property(label: &str) -> Option<&'static str> {
    match field_of(label)? {
        Field::Dob => Some(props::BIRTH_DATE),
        Field::Incorporation => Some(props::INCORPORATION_DATE),
        Field::BuildDate => Some(props::BUILD_DATE),
        _ => None,
    }
}

/// Strips OFAC's quotes around an a.k.a. name (`'BNC'` → `BNC`).
fn unquote(value: &str) -> &str {
    let v = value.trim();
    let v = v.strip_prefix('\'').unwrap_or(v);
    v.strip_suffix('\'').unwrap_or(v).trim()
}

/// Adds a name to `prop`, in natural order for a person (with the parts of
/// the primary name when `prop` is `name`).
pub fn add_name(entity: &mut Entity, prop: &str, printed: &str) {
    if entity.schema == Schema::Person {
        let n = person_name(printed);
        entity.add(prop, &n.full);
        if prop == props::NAME {
            if let Some(first) = &n.first {
                entity.add(props::FIRST_NAME, first);
            }
            if let Some(last) = &n.last {
                entity.add(props::LAST_NAME, last);
            }
        }
    } else {
        entity.add(prop, printed);
    }
}

/// Reads the Remarks text into properties of `entity`. Returns the
/// problems found (dates that do not parse), for the caller to report
/// with the record's location.
pub fn apply_remarks(remarks: &str, entity: &mut Entity) -> Vec<String> {
    let mut problems = Vec::new();
    let remarks = remarks.trim();
    let segments: Vec<&str> = remarks.split("; ").collect();
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.into_iter().enumerate() {
        let mut s = segment.trim();
        if i == last {
            s = strip_final_period(s);
        }
        let s = s.strip_prefix("alt. ").or_else(|| s.strip_prefix("Alt. ")).unwrap_or(s).trim();
        if s.is_empty() {
            continue;
        }
        if let Some(rest) = s.strip_prefix("a.k.a. ").or_else(|| s.strip_prefix("n.k.a. ")) {
            add_name(entity, props::ALIAS, unquote(rest));
        } else if let Some(rest) = s.strip_prefix("f.k.a. ") {
            add_name(entity, props::PREVIOUS_NAME, unquote(rest));
        } else if let Some((field, label, value)) = split_label(s) {
            apply_field(entity, field, label, value, &mut problems);
        } else {
            entity.add(props::NOTES, s);
        }
    }
    problems
}

/// The final `.` of a remarks text ends the sentence, unless it ends an
/// abbreviation such as `S.A.`.
fn strip_final_period(s: &str) -> &str {
    let Some(body) = s.strip_suffix('.') else { return s };
    if body.ends_with(['\'', ')']) {
        return body;
    }
    let abbreviation = body.len() >= 2 && body.as_bytes().get(body.len() - 2) == Some(&b'.');
    if abbreviation { s } else { body }
}

/// A person's name from OFAC's `LAST, First Middle` form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName {
    /// Natural order: `First Middle LAST`.
    pub full: String,
    /// The part after the comma.
    pub first: Option<String>,
    /// The part before the comma.
    pub last: Option<String>,
}

/// Reorders `PUTIN, Vladimir Vladimirovich` to `Vladimir Vladimirovich
/// PUTIN`; a name without a comma is kept as printed.
pub fn person_name(printed: &str) -> PersonName {
    let printed = printed.trim();
    match printed.split_once(',') {
        Some((last, first)) if !last.trim().is_empty() && !first.trim().is_empty() => {
            let (last, first) = (last.trim(), first.trim());
            PersonName { full: format!("{first} {last}"), first: Some(first.into()), last: Some(last.into()) }
        }
        _ => PersonName { full: printed.trim_matches(',').trim().to_string(), first: None, last: None },
    }
}

/// Splits OFAC's program column: `SDGT] [IFSR` or `[SDGT] [IFSR]` →
/// `SDGT`, `IFSR`; `;`-separated lists (CSL) likewise.
pub fn programs(text: &str) -> Vec<String> {
    text.split([']', '[', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty() && *p != "-0-")
        .map(str::to_string)
        .collect()
}

/// Adds the vessel columns the OFAC CSV and the CSL share.
pub fn add_vessel_columns(entity: &mut Entity, call_sign: &str, vessel_type: &str, tonnage: &str, grt: &str, flag: &str, owner: &str) {
    entity.add(props::CALL_SIGN, call_sign);
    entity.add(props::TYPE, vessel_type);
    entity.add("tonnage", tonnage);
    entity.add("grossRegisteredTonnage", grt);
    if !flag.trim().is_empty() {
        entity.add_country(props::FLAG, flag.trim());
    }
    if !owner.trim().is_empty() {
        entity.add(props::NOTES, format!("Vessel owner: {}", owner.trim()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(remarks: &str) -> Entity {
        let mut e = Entity::new("t", "1", Schema::Person);
        let problems = apply_remarks(remarks, &mut e);
        assert!(problems.is_empty(), "{problems:?}");
        e
    }

    #[test]
    fn putin_remarks() {
        let e = person("DOB 07 Oct 1952; POB Leningrad, Russia; nationality Russia; citizen Russia; Gender Male; President of the Russian Federation.");
        assert_eq!(e.get(props::BIRTH_DATE), ["1952-10-07"]);
        assert_eq!(e.get(props::BIRTH_PLACE), ["Leningrad, Russia"]);
        assert_eq!(e.get(props::NATIONALITY), ["ru"]);
        assert_eq!(e.get(props::CITIZENSHIP), ["ru"]);
        assert_eq!(e.get(props::GENDER), ["male"]);
        assert_eq!(e.get(props::NOTES), ["President of the Russian Federation"]);
    }

    #[test]
    fn date_forms_and_alternatives() {
        let e = person("DOB circa 1958; alt. DOB 1955 to 1958; DOB Oct 1952");
        assert_eq!(e.get(props::BIRTH_DATE), ["1958~", "1955/1958", "1952-10"]);
    }

    #[test]
    fn documents_and_identifiers() {
        let e = person(
            "Passport 717637093 (Russia); National ID No. 781005202108; Tax ID No. 7744001497 (Russia); \
             Registration Number 1027700167110 (Russia); SWIFT/BIC SABRRUMM; Legal Entity Number 253400WSS48YWMBUA688; \
             Vessel Registration Identification IMO 7406784; MMSI 319766000; Email Address a@b.ru; Website www.x.ru",
        );
        assert_eq!(e.get(props::PASSPORT_NUMBER), ["717637093"]);
        assert_eq!(e.get(props::ID_NUMBER), ["781005202108"]);
        assert_eq!(e.get(props::TAX_NUMBER), ["7744001497"]);
        assert_eq!(e.get(props::INN_CODE), ["7744001497"]);
        assert_eq!(e.get(props::OGRN_CODE), ["1027700167110"]);
        assert_eq!(e.get(props::SWIFT_BIC), ["SABRRUMM"]);
        assert_eq!(e.get(props::LEI_CODE), ["253400WSS48YWMBUA688"]);
        assert_eq!(e.get(props::IMO_NUMBER), ["IMO7406784"]);
        assert_eq!(e.get(props::MMSI), ["319766000"]);
        assert_eq!(e.get(props::EMAIL), ["a@b.ru"]);
        assert_eq!(e.get(props::WEBSITE), ["www.x.ru"]);
    }

    #[test]
    fn aliases_are_unquoted_and_reordered_for_persons() {
        let e = person("a.k.a. 'AL-MASRI, Abu Hamza'; f.k.a. 'OLD NAME'; n.k.a. 'NEW NAME'; Linked To: GRUPO S.A.");
        assert_eq!(e.get(props::ALIAS), ["Abu Hamza AL-MASRI", "NEW NAME"]);
        assert_eq!(e.get(props::PREVIOUS_NAME), ["OLD NAME"]);
        assert_eq!(e.get(props::NOTES), ["Linked To: GRUPO S.A."]);
        let mut org = Entity::new("t", "2", Schema::Organization);
        apply_remarks("a.k.a. 'CIMEX, S.A.'.", &mut org);
        assert_eq!(org.get(props::ALIAS), ["CIMEX, S.A."]);
    }

    #[test]
    fn unparsable_date_is_reported_and_kept() {
        let mut e = Entity::new("t", "1", Schema::Person);
        let problems = apply_remarks("DOB unknown", &mut e);
        assert_eq!(problems.len(), 1);
        assert_eq!(e.get(props::NOTES), ["birthDate: unknown"]);
    }

    #[test]
    fn names_and_programs() {
        assert_eq!(person_name("PUTIN, Vladimir Vladimirovich").full, "Vladimir Vladimirovich PUTIN");
        assert_eq!(person_name("MADURO MOROS, Nicolas").last.as_deref(), Some("MADURO MOROS"));
        assert_eq!(person_name("HAMAS").full, "HAMAS");
        assert_eq!(programs("SDGT] [IFSR"), ["SDGT", "IFSR"]);
        assert_eq!(programs("[IRAN] [IRAN-EO13902]"), ["IRAN", "IRAN-EO13902"]);
        assert_eq!(programs("-0- "), Vec::<String>::new());
    }
}
