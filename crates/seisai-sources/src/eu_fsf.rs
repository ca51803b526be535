//! The EU's Financial Sanctions Files XML (Format::EuFsfXml), the official
//! consolidated export (`<export generationDate=…>`).
//!
//! Each `<sanctionEntity logicalId=…>` becomes the entity
//! `eu_fsf-{logicalId}` (the EU's stable id of the listed party). Its
//! `<nameAlias>` elements give the names: the first strong alias in English
//! (or without language) that has a last name is the `name`, the other
//! strong aliases are `alias`, `strong="false"` ones `weakAlias`.
//! `<birthdate>` (full date, year/month/day parts, year ranges, `circa`),
//! `<citizenship>`, `<identification>` (passports and other documents),
//! `<address>` (with `<contactInfo>`) and `<regulation>` (programme,
//! publication date and URL) fill the other properties; `generationDate`
//! is the publication date of the file.
//!
//! The Official Journal CSV extraction of the same designations is read by
//! [`crate::eu_journal`].

use chrono::NaiveDate;
use seisai_model::{Address, Entity, FuzzyDate, PartialDate, Schema, props};

use crate::values::{each_input, gender};
use crate::xml_tree::{Element, Item, read_records};
use crate::{Collector, Input, SourceError};

/// Loads FSF XML files into `out`.
pub fn load(inputs: &[Input], out: &mut Collector) -> Result<(), SourceError> {
    each_input(inputs, "EU FSF XML", |input| {
        let file = input.name.as_str();
        read_records(input, "export", "sanctionEntity", |item| match item {
            Item::Root(root) => {
                let generated = root.attr("generationDate");
                match generated.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
                    Some(d) => out.set_published(d),
                    None if generated.is_empty() => {}
                    None => out.warn(format!("{file}: <export>: generationDate {generated:?} is not a date")),
                }
            }
            Item::Record(entity, location) => read_entity(entity, out, file, location),
            Item::Closed(..) => {}
        })
    })
}

fn read_entity(s: &Element, out: &mut Collector, file: &str, location: &str) {
    let id = s.attr("logicalId");
    if id.is_empty() {
        out.reject(file, location, "sanctionEntity without logicalId; expected the EU's id of the entry");
        return;
    }
    let schema = match s.child("subjectType").map(|t| t.attr("code")) {
        Some("person") => Schema::Person,
        Some("enterprise") => Schema::Organization,
        _ => Schema::LegalEntity,
    };
    let mut e = Entity::new(out.dataset(), id, schema.clone());
    add_names(&mut e, s);
    for b in s.children("birthdate") {
        if let Some(d) = birth_date(b) {
            e.add_date(props::BIRTH_DATE, d);
        }
        let place = [b.attr("city"), b.attr("place"), b.attr("region"), country_description(b)]
            .iter()
            .filter(|p| !p.is_empty() && **p != "-")
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        e.add(props::BIRTH_PLACE, place);
    }
    for c in s.children("citizenship") {
        if let Some(code) = country_code(c) {
            e.add(props::CITIZENSHIP, code);
        }
    }
    for i in s.children("identification") {
        let number = match i.attr("number") {
            "" => i.attr("latinNumber"),
            n => n,
        };
        let prop = if i.attr("identificationTypeCode") == "passport" { props::PASSPORT_NUMBER } else { props::ID_NUMBER };
        e.add(prop, number);
    }
    for a in s.children("address") {
        let street = [a.attr("street"), a.attr("poBox")].iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(", ");
        let part = |v: &str| Some(v.to_string());
        let mut address = Address::from_parts(
            part(&street),
            part(a.attr("city")),
            part(a.attr("region")),
            part(a.attr("zipCode")),
            part(country_description(a)),
        );
        if let Some(code) = country_code(a) {
            address.country = Some(code);
        }
        e.add_address(address);
        for c in a.children("contactInfo") {
            let prop = match c.attr("key") {
                "PHONE" => props::PHONE,
                "EMAIL" => props::EMAIL,
                "WEB" => props::WEBSITE,
                _ => continue,
            };
            e.add(prop, c.attr("value"));
        }
    }
    let mut listed: Vec<FuzzyDate> = Vec::new();
    if let Some(d) = FuzzyDate::parse_loose(s.attr("designationDate")) {
        listed.push(d);
    }
    for r in s.children("regulation") {
        e.add(props::PROGRAM, r.attr("programme"));
        e.add(props::SOURCE_URL, r.text_of("publicationUrl"));
        if let Ok(d) = r.attr("publicationDate").parse::<FuzzyDate>() {
            listed.push(d);
        }
    }
    if let Some(first) = listed.iter().min_by(|a, b| a.cmp_earliest(b)) {
        e.add_date(props::LISTING_DATE, *first);
    }
    for r in s.children("remark") {
        e.add(props::NOTES, &r.text);
    }
    if !s.attr("euReferenceNumber").is_empty() {
        e.add(props::NOTES, format!("EU reference number {}", s.attr("euReferenceNumber")));
    }
    if !s.attr("unitedNationId").is_empty() {
        e.add(props::NOTES, format!("UN reference number {}", s.attr("unitedNationId")));
    }
    e.add(props::TOPICS, "sanction");
    out.entity(e, file, location);
}

/// Names, name parts, gender, title and function from the `<nameAlias>` elements.
fn add_names(e: &mut Entity, s: &Element) {
    let aliases: Vec<&Element> = s.children("nameAlias").collect();
    let whole = |a: &Element| -> String {
        match a.attr("wholeName") {
            "" => [a.attr("firstName"), a.attr("middleName"), a.attr("lastName")]
                .iter()
                .filter(|p| !p.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
            w => w.to_string(),
        }
    };
    let strong: Vec<&Element> = aliases.iter().copied().filter(|a| a.attr("strong") != "false").collect();
    let primary = strong
        .iter()
        .find(|a| matches!(a.attr("nameLanguage"), "" | "EN") && !a.attr("lastName").is_empty())
        .or_else(|| strong.first())
        .copied();
    if let Some(p) = primary {
        e.add(props::NAME, whole(p));
        e.add(props::FIRST_NAME, p.attr("firstName"));
        e.add(props::MIDDLE_NAME, p.attr("middleName"));
        e.add(props::LAST_NAME, p.attr("lastName"));
    }
    for a in &aliases {
        let prop = if a.attr("strong") == "false" { props::WEAK_ALIAS } else { props::ALIAS };
        let name = whole(a);
        if !e.get(props::NAME).contains(&name) {
            e.add(prop, name);
        }
        if let Some(g) = gender(a.attr("gender")) {
            e.add(props::GENDER, g);
        }
        e.add(props::TITLE, a.attr("title"));
        e.add(props::POSITION, a.attr("function"));
    }
}

/// The date of a `<birthdate>`: the full `birthdate`, else the year, month
/// and day parts, else the `yearRangeFrom`–`yearRangeTo` range; `circa`
/// marks it approximate.
fn birth_date(b: &Element) -> Option<FuzzyDate> {
    let num = |k: &str| b.attr(k).parse::<u32>().ok();
    let date = if let Ok(d) = b.attr("birthdate").parse::<FuzzyDate>() {
        d
    } else if let Some(year) = num("year").and_then(|y| i32::try_from(y).ok()) {
        let partial = match (num("monthOfYear"), num("dayOfMonth")) {
            (Some(m), Some(d)) => PartialDate::ymd(year, m, d).or_else(|| PartialDate::ym(year, m)),
            (Some(m), None) => PartialDate::ym(year, m),
            _ => None,
        }
        .unwrap_or(PartialDate::year(year));
        FuzzyDate::exact(partial)
    } else {
        let from = num("yearRangeFrom").and_then(|y| i32::try_from(y).ok())?;
        let to = num("yearRangeTo").and_then(|y| i32::try_from(y).ok()).unwrap_or(from);
        FuzzyDate::range(PartialDate::year(from), PartialDate::year(to))
    };
    Some(if b.attr("circa") == "true" { date.approx() } else { date })
}

/// The lower-case ISO code of an element's `countryIso2Code` (`00` is "unknown").
fn country_code(el: &Element) -> Option<String> {
    let code = el.attr("countryIso2Code");
    (code.len() == 2 && code != "00" && code.chars().all(|c| c.is_ascii_alphabetic())).then(|| code.to_ascii_lowercase())
}

/// The `countryDescription`, unless it is `UNKNOWN`.
fn country_description(el: &Element) -> &str {
    match el.attr("countryDescription") {
        "UNKNOWN" => "",
        d => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_report::{real_input, report};
    use crate::{Format, Loaded, load as load_format};

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-08-05T16:47:04.449+02:00">
  <sanctionEntity designationDate="2001-10-06" euReferenceNumber="EU.1.2" logicalId="13">
    <remark>Note &amp; more</remark>
    <regulation publicationDate="2003-07-08" programme="IRQ"><publicationUrl>http://x/a?b=1&amp;c=2</publicationUrl></regulation>
    <subjectType code="person" classificationCode="P"/>
    <nameAlias wholeName="Abou Ali" nameLanguage="FR" strong="true"/>
    <nameAlias firstName="Saddam" lastName="Hussein Al-Tikriti" wholeName="Saddam Hussein Al-Tikriti" gender="M" nameLanguage="" strong="true"/>
    <nameAlias wholeName="Саддам Хусейн" nameLanguage="BG" strong="true"/>
    <nameAlias wholeName="Abu" strong="false"/>
    <citizenship countryIso2Code="IQ"/>
    <birthdate circa="false" birthdate="1937-04-28" city="al-Awja" countryIso2Code="IQ" countryDescription="IRAQ"/>
    <birthdate circa="true" year="1938"/>
    <birthdate yearRangeFrom="1940" yearRangeTo="1942"/>
    <identification number="488555" identificationTypeCode="passport"/>
    <address city="Karachi" street="Good Earth Court" countryIso2Code="PK" countryDescription="PAKISTAN"><contactInfo key="PHONE" value="497 92 63"/></address>
  </sanctionEntity>
  <sanctionEntity logicalId="14"><subjectType code="enterprise"/><nameAlias wholeName="Some Trust" strong="true"/></sanctionEntity>
  <sanctionEntity logicalId="15"><subjectType code="person"/></sanctionEntity>
  <sanctionEntity><nameAlias wholeName="No Id" strong="true"/></sanctionEntity>
</export>
"#;

    fn run(xml: impl Into<Vec<u8>>) -> Result<Loaded, SourceError> {
        load_format("eu_fsf", Format::EuFsfXml, &[Input::new("fsf.xml", xml)])
    }

    #[test]
    fn reads_entities() {
        let loaded = run(SAMPLE).unwrap_or_default();
        assert_eq!(loaded.published, NaiveDate::from_ymd_opt(2026, 8, 5));
        let ids: Vec<_> = loaded.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["eu_fsf-13", "eu_fsf-14"]);
        let s = &loaded.entities[0];
        assert_eq!(s.schema, Schema::Person);
        assert_eq!(s.get(props::NAME), ["Saddam Hussein Al-Tikriti"]);
        assert_eq!(s.get(props::ALIAS), ["Abou Ali", "Саддам Хусейн"]);
        assert_eq!(s.get(props::WEAK_ALIAS), ["Abu"]);
        assert_eq!(s.get(props::LAST_NAME), ["Hussein Al-Tikriti"]);
        assert_eq!(s.get(props::GENDER), ["male"]);
        assert_eq!(s.get(props::BIRTH_DATE), ["1937-04-28", "1938~", "1940/1942"]);
        assert_eq!(s.get(props::BIRTH_PLACE), ["al-Awja, IRAQ"]);
        assert_eq!(s.get(props::CITIZENSHIP), ["iq"]);
        assert_eq!(s.get(props::PASSPORT_NUMBER), ["488555"]);
        assert_eq!(s.get(props::PHONE), ["497 92 63"]);
        assert_eq!(s.get(props::COUNTRY), ["pk"]);
        assert_eq!(s.get(props::PROGRAM), ["IRQ"]);
        assert_eq!(s.get(props::LISTING_DATE), ["2001-10-06"]);
        assert_eq!(s.get(props::SOURCE_URL), ["http://x/a?b=1&c=2"]);
        assert_eq!(s.get(props::NOTES), ["Note & more", "EU reference number EU.1.2"]);
        assert_eq!(loaded.entities[1].schema, Schema::Organization);
        let rejected: Vec<_> = loaded.rejected.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(rejected.len(), 2, "{rejected:?}");
        assert!(loaded.rejected.iter().all(|r| r.location.starts_with("sanctionEntity ")));
    }

    #[test]
    fn truncated_and_wrong_input_never_panic() {
        let bytes = SAMPLE.as_bytes();
        for cut in 0..bytes.len() {
            match run(bytes.get(..cut).unwrap_or_default()) {
                Ok(loaded) => assert!(loaded.rejected.iter().all(|r| r.file == "fsf.xml")),
                Err(e) => assert!(e.to_string().starts_with("fsf.xml: "), "{e}"),
            }
        }
        let text = SAMPLE.replace("Саддам Хусейн", "Hussein é");
        let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        let err = run(latin1.into_owned()).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.starts_with("fsf.xml: wrong encoding"), "{err}");
        let err = run("<export><sanctionEntity logicalId='1'></export>").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.starts_with("fsf.xml: line 1"), "{err}");
    }

    fn real(name: &str) -> Option<Loaded> {
        let input = real_input("eu_fsf real extract", &format!("eu/fsf/{name}"))?;
        match load_format("eu_fsf", Format::EuFsfXml, &[input]) {
            Ok(l) => {
                report(&format!("eu_fsf {name}"), &l);
                Some(l)
            }
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn real_extract_2020() {
        let Some(loaded) = real("fsf-extract-2020-04-15.xml") else { return };
        assert_eq!(loaded.entities.len(), 7);
        assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected);
        assert_eq!(loaded.published, NaiveDate::from_ymd_opt(2020, 4, 15));
        let saddam = loaded.entities.iter().find(|e| e.id == "eu_fsf-13");
        assert!(saddam.is_some_and(|e| e.get(props::NAME) == ["Saddam Hussein Al-Tikriti"]));
    }

    #[test]
    fn real_extract_2026() {
        let Some(loaded) = real("fsf-extract-2026-08-05.xml") else { return };
        // 4 real entities; the synthetic one without any nameAlias is rejected.
        assert_eq!(loaded.entities.len(), 4);
        assert_eq!(loaded.rejected.len(), 1);
        assert!(loaded.rejected[0].reason.contains("no name"));
        let ksm = loaded.entities.iter().find(|e| e.id == "eu_fsf-191");
        assert!(ksm.is_some_and(|e| e.get(props::NAME) == ["Khalid Sheikh MOHAMMED"]
            && e.get(props::BIRTH_DATE) == ["1965-04-14", "1964-03-01"]
            && e.get(props::PASSPORT_NUMBER) == ["488555"]));
        let trust = loaded.entities.iter().find(|e| e.id == "eu_fsf-330");
        assert!(trust.is_some_and(|e| e.names().any(|(_, n)| n == "Организация за подпомагане на Ulema, Пакистан")));
    }
}
