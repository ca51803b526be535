//! UK Sanctions List (FCDO) XML (Format::GbFcdoXml), schema 4.x.
//!
//! `<Designations>` holds one `<Designation>` per listed party; its
//! `UniqueID` (`AFG0011`, `DPR0075`) gives the id `gb_fcdo-{UniqueID}`. A
//! designation without one is rejected. `IndividualEntityShip` selects the
//! schema (Person, Organization, Vessel). Names: the `Primary name` is the
//! `name` (the list writes `Primary Name` and `Primary name`), aliases of
//! `Low quality a.k.a` strength are `weakAlias`, other aliases and the
//! `NonLatinNames` are `alias`. Dates of birth may have placeholder parts
//! (`dd/mm/1968`): they keep only the known precision (see
//! [`crate::gb_ofsi::parse_uk_date`]). `OFSIGroupID` is recorded as a
//! referent `gb_ofsi-{OFSIGroupID}`: the same party in the OFSI
//! Consolidated List. `DateGenerated` is the publication date.

use chrono::NaiveDate;
use seisai_model::{Address, Entity, FuzzyDate, Schema, entity_id, props};

use crate::gb_ofsi::parse_uk_date;
use crate::values::{each_input, gender, split_multi};
use crate::xml_tree::{Element, Item, read_records};
use crate::{Collector, Input, SourceError};

/// Loads UK Sanctions List XML files into `out`.
pub fn load(inputs: &[Input], out: &mut Collector) -> Result<(), SourceError> {
    each_input(inputs, "UK Sanctions List XML", |input| {
        let file = input.name.as_str();
        read_records(input, "Designations", "Designation", |item| match item {
            Item::Record(designation, location) => read_designation(designation, out, file, location),
            Item::Closed("DateGenerated", text) => match NaiveDate::parse_from_str(text, "%d/%m/%Y") {
                Ok(d) => out.set_published(d),
                Err(_) => out.warn(format!("{file}: DateGenerated {text:?} is not dd/mm/yyyy")),
            },
            Item::Root(_) | Item::Closed(..) => {}
        })
    })
}

/// Texts of all elements at `path` below `el`.
fn texts<'a>(el: &'a Element, path: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    el.find_all(path).into_iter().map(|e| e.text.as_str()).filter(|t| !t.is_empty())
}

fn read_designation(d: &Element, out: &mut Collector, file: &str, location: &str) {
    let id = d.text_of("UniqueID");
    if id.is_empty() {
        out.reject(file, location, "Designation without UniqueID; expected the list's id of the party");
        return;
    }
    let kind = d.text_of("IndividualEntityShip");
    let schema = match kind.to_ascii_lowercase().as_str() {
        "individual" => Schema::Person,
        "entity" => Schema::Organization,
        "ship" => Schema::Vessel,
        _ => {
            out.warn(format!("{file}: {location}: IndividualEntityShip {kind:?} unknown; read as LegalEntity"));
            Schema::LegalEntity
        }
    };
    let mut e = Entity::new(out.dataset(), id, schema);
    add_names(&mut e, d);
    e.add_all(props::TITLE, texts(d, "Titles/Title"));
    e.add(props::PROGRAM, d.text_of("RegimeName"));
    for (tag, prop) in [("DateDesignated", props::LISTING_DATE), ("LastUpdated", props::MODIFIED_AT)] {
        if let Some(date) = parse_uk_date(d.text_of(tag)) {
            e.add_date(prop, date);
        }
    }
    e.add_all("provisions", split_multi(d.text_of("SanctionsImposed"), '|'));
    e.add(props::NOTES, d.text_of("OtherInformation"));
    e.add(props::NOTES, d.text_of("UKStatementofReasons"));
    if !d.text_of("UNReferenceNumber").is_empty() {
        e.add(props::NOTES, format!("UN reference number {}", d.text_of("UNReferenceNumber")));
    }
    let group = d.text_of("OFSIGroupID");
    if !group.is_empty() {
        e.referents.push(entity_id("gb_ofsi", group));
    }
    for a in d.find_all("Addresses/Address") {
        let street = (1..=6)
            .map(|i| a.text_of(&format!("AddressLine{i}")).to_string())
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let part = |tag: &str| Some(a.text_of(tag).to_string());
        e.add_address(Address::from_parts(Some(street), None, None, part("AddressPostalCode"), part("AddressCountry")));
    }
    for p in texts(d, "EmailAddresses/EmailAddress") {
        e.add(props::EMAIL, p);
    }
    for p in texts(d, "PhoneNumbers/PhoneNumber") {
        e.add(props::PHONE, p);
    }
    for i in d.find_all("IndividualDetails/Individual") {
        add_individual(&mut e, i, out, file, location);
    }
    for t in texts(d, "EntityDetails/Entity/TypeOfEntities/TypeOfEntity") {
        e.add(props::NOTES, format!("Type of entity: {t}"));
    }
    e.add_all(props::REGISTRATION_NUMBER, texts(d, "EntityDetails/Entity/BusinessRegistrationNumbers/BusinessRegistrationNumber"));
    for s in d.find_all("ShipDetails/Ship") {
        for imo in texts(s, "IMONumbers/IMONumber") {
            e.add(props::IMO_NUMBER, imo.trim_start_matches("IMO").trim());
        }
        for flag in texts(s, "CurrentBelievedFlagOfShips/CurrentBelievedFlagOfShip") {
            e.add_country(props::FLAG, flag);
        }
        for flag in texts(s, "PreviousFlags/PreviousFlag") {
            e.add_country("pastFlags", flag);
        }
        e.add_all(props::TYPE, texts(s, "TypeOfShipDetails/TypeOfShip"));
        e.add_all("tonnage", texts(s, "TonnageOfShipDetails/TonnageOfShip"));
        e.add_all(props::CALL_SIGN, texts(s, "CallSigns/CallSign"));
        for year in texts(s, "YearsBuilt/YearBuilt") {
            if let Some(date) = FuzzyDate::parse_loose(year) {
                e.add_date(props::BUILD_DATE, date);
            }
        }
        for owner in texts(s, "CurrentOwnerOperators/CurrentOwnerOperator") {
            e.add(props::NOTES, format!("Current owner/operator: {owner}"));
        }
    }
    e.add(props::TOPICS, "sanction");
    out.entity(e, file, location);
}

/// Names from `Names/Name` (parts `Name1`–`Name6`) and `NonLatinNames`.
fn add_names(e: &mut Entity, d: &Element) {
    let mut pending: Vec<(&'static str, String)> = Vec::new();
    for n in d.find_all("Names/Name") {
        let full = (1..=6)
            .map(|i| n.text_of(&format!("Name{i}")).to_string())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let kind = n.text_of("NameType").to_ascii_lowercase();
        let strength = n.text_of("AliasStrength").to_ascii_lowercase();
        if kind == "primary name" && !e.has(props::NAME) {
            e.add(props::NAME, &full);
            if e.schema == Schema::Person {
                e.add(props::FIRST_NAME, n.text_of("Name1"));
                e.add(props::LAST_NAME, n.text_of("Name6"));
            }
        } else if strength.starts_with("low quality") {
            pending.push((props::WEAK_ALIAS, full));
        } else {
            pending.push((props::ALIAS, full));
        }
    }
    for (prop, name) in pending {
        // A designation without a primary name takes its first alias.
        let prop = if e.has(props::NAME) { prop } else { props::NAME };
        e.add(prop, name);
    }
    e.add_all(props::ALIAS, texts(d, "NonLatinNames/NonLatinName/NameNonLatinScript"));
}

fn add_individual(e: &mut Entity, i: &Element, out: &mut Collector, file: &str, location: &str) {
    for dob in texts(i, "DOBs/DOB") {
        match parse_uk_date(dob).or_else(|| FuzzyDate::parse_loose(dob)) {
            Some(date) => e.add_date(props::BIRTH_DATE, date),
            None => {
                e.add(props::BIRTH_DATE, dob);
                out.warn(format!("{file}: {location}: DOB {dob:?} is not a date; kept as text"));
            }
        }
    }
    for n in texts(i, "Nationalities/Nationality") {
        e.add_country(props::NATIONALITY, n);
    }
    for p in texts(i, "PassportDetails/Passport/PassportNumber") {
        e.add(props::PASSPORT_NUMBER, p);
    }
    for p in texts(i, "NationalIdentifierDetails/NationalIdentifier/NationalIdentifierNumber") {
        e.add(props::ID_NUMBER, p);
    }
    e.add_all(props::POSITION, texts(i, "Positions/Position"));
    for g in texts(i, "Genders/Gender") {
        if let Some(g) = gender(g) {
            e.add(props::GENDER, g);
        }
    }
    for l in i.find_all("BirthDetails/Location") {
        let place = [l.text_of("TownOfBirth"), l.text_of("CountryOfBirth")]
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        e.add(props::BIRTH_PLACE, place);
    }
}

#[cfg(test)]
mod tests;
