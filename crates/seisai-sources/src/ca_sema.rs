//! Canada's Special Economic Measures Act consolidated list
//! (Format::CaSemaXml).
//!
//! `<data-set>` holds one `<record>` per listed party with `Country` (the
//! regulation, `Russia / Russie`, or a thematic regime such as `Justice for
//! Victims of Corrupt Foreign Officials Regulations (JVCFOR) / …`),
//! `LastName`/`GivenName` (persons), `EntityOrShip`, `TitleOrShip` (a
//! person's title or a ship's type), `Aliases`, `DateOfBirthOrShipBuildDate`,
//! `ShipIMONumber`, `Schedule`, `Item` and `DateOfListing`.
//!
//! The list has no record id of its own. `Item` numbers restart in each
//! schedule part of each regulation, so the id is
//! `ca_sema-{regime}-{schedule}-{item}`: the regime is the acronym the
//! regulation gives in parentheses, else the ISO code of its country, else
//! its English name in lower case with `-` between words; the schedule is
//! its words and numbers in lower case joined by `.` (`1, Part 1` →
//! `1.part.1`), left out when the record has none. For example
//! `ca_sema-ru-1.part.1-337`, `ca_sema-JVCFOR-12`.
//!
//! Aliases are one text with `/`, `,`, `;` or ` or ` between names and
//! language labels (`Russian: …`); each piece becomes an `alias`, a single
//! word a `weakAlias`.

use seisai_model::{Entity, Schema, country, props};

use crate::values::{add_loose_date, each_input};
use crate::xml_tree::{Element, Item, read_records};
use crate::{Collector, Input, SourceError};

/// Loads SEMA XML files into `out`.
pub fn load(inputs: &[Input], out: &mut Collector) -> Result<(), SourceError> {
    each_input(inputs, "Canada SEMA list XML", |input| {
        read_records(input, "data-set", "record", |item| {
            if let Item::Record(record, location) = item {
                read_record(record, out, &input.name, location);
            }
        })
    })
}

fn read_record(r: &Element, out: &mut Collector, file: &str, location: &str) {
    let regime = r.text_of("Country");
    let item = r.text_of("Item");
    if regime.is_empty() || item.is_empty() {
        out.reject(file, location, "record without Country or Item; expected both (they identify the record)");
        return;
    }
    let mut id = vec![regime_key(regime)];
    let schedule = schedule_key(r.text_of("Schedule"));
    if !schedule.is_empty() {
        id.push(schedule);
    }
    id.push(item.split_whitespace().collect::<Vec<_>>().join("_"));
    let given = r.text_of("GivenName");
    let last = r.text_of("LastName");
    let entity_name = r.text_of("EntityOrShip");
    let imo = r.text_of("ShipIMONumber");
    let title_or_ship = r.text_of("TitleOrShip");
    let schema = if !given.is_empty() || !last.is_empty() {
        Schema::Person
    } else if !imo.is_empty() || (!entity_name.is_empty() && !title_or_ship.is_empty()) {
        Schema::Vessel
    } else {
        Schema::LegalEntity
    };
    let mut e = Entity::new(out.dataset(), &id.join("-"), schema.clone());
    if schema == Schema::Person {
        e.add(props::NAME, clean(&format!("{given} {last}")));
        e.add(props::FIRST_NAME, clean(given));
        e.add(props::LAST_NAME, clean(last));
        e.add(props::TITLE, title_or_ship);
        add_loose_date(&mut e, props::BIRTH_DATE, r.text_of("DateOfBirthOrShipBuildDate"), out, file, location);
    } else {
        e.add(props::NAME, clean(entity_name));
        if schema == Schema::Vessel {
            e.add(props::TYPE, title_or_ship);
            e.add(props::IMO_NUMBER, imo);
            add_loose_date(&mut e, props::BUILD_DATE, r.text_of("DateOfBirthOrShipBuildDate"), out, file, location);
        }
    }
    for alias in split_aliases(r.text_of("Aliases")) {
        let prop = if alias.split_whitespace().count() > 1 { props::ALIAS } else { props::WEAK_ALIAS };
        e.add(prop, alias);
    }
    e.add(props::PROGRAM, english(regime));
    e.add(props::NOTES, match r.text_of("Schedule") {
        "" => String::new(),
        s => format!("Schedule {s}, item {item}"),
    });
    add_loose_date(&mut e, props::LISTING_DATE, r.text_of("DateOfListing"), out, file, location);
    e.add(props::TOPICS, "sanction");
    out.entity(e, file, location);
}

/// Text with runs of whitespace (also no-break spaces) made single spaces.
fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The English half of a bilingual `English / Français` text.
fn english(text: &str) -> &str {
    text.split(" / ").next().unwrap_or(text).trim()
}

/// The id part naming a regulation (see the module doc).
pub fn regime_key(country_field: &str) -> String {
    let english = english(country_field);
    let acronym = english
        .split(['(', ')'])
        .skip(1)
        .step_by(2)
        .find(|inner| inner.len() >= 2 && inner.chars().all(|c| c.is_ascii_uppercase()));
    if let Some(acronym) = acronym {
        return acronym.to_string();
    }
    if let Some(code) = country::to_code(english) {
        return code.to_string();
    }
    english
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// The id part naming a schedule part (see the module doc).
pub fn schedule_key(schedule: &str) -> String {
    schedule
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(".")
}

/// The names in an `Aliases` text.
fn split_aliases(text: &str) -> Vec<String> {
    text.split(['/', ',', ';'])
        .flat_map(|p| p.split(" or "))
        .map(|p| {
            let p = p.trim();
            // Language labels: "Russian: Анна", "Belarusian: Ганна".
            match p.split_once(':') {
                Some((label, rest)) if label.trim().chars().all(|c| c.is_ascii_alphabetic() || c == ' ') => rest,
                _ => p,
            }
        })
        .map(|p| clean(p.trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'')))
        .filter(|p| p.chars().any(char::is_alphabetic))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_report::{load_ok, real_input, report};
    use crate::{Format, Loaded, load as load_format};

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<data-set xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
	<record>
		<Country>Belarus / Bélarus</Country>
		<LastName>Lukashenko</LastName>
		<GivenName>Aleksandr Grigoryevich&#160;</GivenName>
		<Aliases>Belarusian: Аляксандр Лукашэнка, Russian: Александр Лукашенко/ Aleksandr</Aliases>
		<DateOfBirthOrShipBuildDate>1954-08-30</DateOfBirthOrShipBuildDate>
		<Schedule>1, Part 1</Schedule>
		<Item>8</Item>
		<DateOfListing>2020-09-28</DateOfListing>
	</record>
	<record>
		<Country>Russia / Russie</Country>
		<EntityOrShip>Balitiyskiy III</EntityOrShip>
		<TitleOrShip>General Cargo / Multi Purpose</TitleOrShip>
		<ShipIMONumber>7612448</ShipIMONumber>
		<DateOfBirthOrShipBuildDate>1980</DateOfBirthOrShipBuildDate>
		<Schedule>1.1</Schedule>
		<Item>1</Item>
		<DateOfListing>2025-02-21</DateOfListing>
	</record>
	<record>
		<Country>Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR) / Règlement (RJVDEC)</Country>
		<EntityOrShip>Some Bank</EntityOrShip>
		<Item>12</Item>
		<DateOfListing>2017-11-03</DateOfListing>
	</record>
	<record>
		<Country>Russia / Russie</Country>
		<LastName>Nobody</LastName>
	</record>
</data-set>
"#;

    fn run(xml: impl Into<Vec<u8>>) -> Result<Loaded, SourceError> {
        load_format("ca_sema", Format::CaSemaXml, &[Input::new("sema.xml", xml)])
    }

    #[test]
    fn reads_records() {
        let loaded = run(SAMPLE).unwrap_or_default();
        let ids: Vec<_> = loaded.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["ca_sema-by-1.part.1-8", "ca_sema-ru-1.1-1", "ca_sema-JVCFOR-12"]);
        let luka = &loaded.entities[0];
        assert_eq!(luka.schema, Schema::Person);
        assert_eq!(luka.get(props::NAME), ["Aleksandr Grigoryevich Lukashenko"]);
        assert_eq!(luka.get(props::ALIAS), ["Аляксандр Лукашэнка", "Александр Лукашенко"]);
        assert_eq!(luka.get(props::WEAK_ALIAS), ["Aleksandr"]);
        assert_eq!(luka.get(props::BIRTH_DATE), ["1954-08-30"]);
        assert_eq!(luka.get(props::LISTING_DATE), ["2020-09-28"]);
        assert_eq!(luka.get(props::PROGRAM), ["Belarus"]);
        let ship = &loaded.entities[1];
        assert_eq!(ship.schema, Schema::Vessel);
        assert_eq!(ship.get(props::IMO_NUMBER), ["7612448"]);
        assert_eq!(ship.get(props::BUILD_DATE), ["1980"]);
        assert_eq!(loaded.entities[2].schema, Schema::LegalEntity);
        assert_eq!(loaded.rejected.len(), 1);
        assert!(loaded.rejected[0].location.starts_with("record 4 (line "), "{:?}", loaded.rejected);
    }

    #[test]
    fn keys() {
        assert_eq!(schedule_key("1,Part 3"), "1.part.3");
        assert_eq!(schedule_key("1, Part 3"), "1.part.3");
        assert_eq!(regime_key("Hamas Terrorist Attacks / Attaques terroristes du Hamas"), "hamas-terrorist-attacks");
        assert_eq!(regime_key("Venezuela "), "ve");
    }

    #[test]
    fn truncated_and_wrong_input_never_panic() {
        let bytes = SAMPLE.as_bytes();
        for cut in (0..bytes.len()).step_by(7) {
            match run(bytes.get(..cut).unwrap_or_default()) {
                Ok(loaded) => assert!(loaded.rejected.iter().all(|r| r.file == "sema.xml")),
                Err(e) => assert!(e.to_string().starts_with("sema.xml: "), "{e}"),
            }
        }
        // "Bélarus" in Windows-1252 is not UTF-8.
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(SAMPLE);
        let err = run(bytes.into_owned()).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.starts_with("sema.xml: wrong encoding") && err.contains("line 4"), "{err}");
        let err = run("<other/>").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("<data-set>"), "{err}");
    }

    #[test]
    fn real_sema_2025() {
        let Some(input) = real_input("ca_sema real list", "ca/sema-2025.xml") else { return };
        let loaded = load_ok("ca_sema", Format::CaSemaXml, &[input]);
        report("ca_sema 2025", &loaded);
        assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected.first());
        assert!(!loaded.warnings.iter().any(|w| w.contains("duplicate id")), "ids are unique");
        assert_eq!(loaded.entities.len(), 4759);
        let by = |s: Schema| loaded.entities.iter().filter(|e| e.schema == s).count();
        assert_eq!(by(Schema::Person), 3334);
        assert_eq!(by(Schema::Vessel), 109);
        let luka = loaded.entities.iter().find(|e| e.id == "ca_sema-by-1.part.1-8");
        assert!(luka.is_some_and(|e| e.get(props::NAME) == ["Aleksandr Grigoryevich Lukashenko"]));
        let scripts: std::collections::BTreeSet<_> =
            loaded.entities.iter().flat_map(crate::test_report::scripts_of_entity).collect();
        use crate::script::Script::*;
        for s in [Cyrillic, Arabic, Hebrew, Han] {
            assert!(scripts.contains(&s), "{s:?} names expected");
        }
    }
}
