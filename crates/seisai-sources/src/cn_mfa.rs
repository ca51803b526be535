//! China: counter-sanctions lists (MFA 反制裁清单, MOFCOM export-control and
//! unreliable-entity lists, TAO), as the CSV `cn-mfa-countersanctions.csv`
//! (columns `Type,QID,Name,Alias,Chinese name,Country,Topics,Summary,
//! Chinese summary,Body,List,Date,End date,Source URL,Address`).
//!
//! * `Name` (Latin) is the first `name`, `Chinese name` (Han) a second one;
//!   `Alias` is `;`-separated.
//! * The file has no record id. The id is
//!   `cn_mfa-{first 12 hex digits of sha256("{Type}|{normalised Name}")}`
//!   (normalised: width-folded, lower case, letters and digits only; the
//!   Chinese name when there is no Latin one), so it is stable across list
//!   versions and independent of row order. Rows naming the same party
//!   (the same company listed by MFA and later by MOFCOM) become one
//!   entity with every programme, authority and listing date.
//! * `Date` (`02.12.2019`) → `listingDate`; `End date` → `delistingDate`,
//!   kept only when every listing of the party has ended.
//! * `Topics` as given (`sanction.counter`, `export.control`, `sanction`);
//!   `sanction.counter` when empty.

use std::collections::HashMap;

use seisai_model::{Address, Entity, FuzzyDate, PartialDate, Schema, props};

use crate::jp_mof::read_csv_rows as read_rows;
use crate::jp_mof::text::{id_key, short_hash};
use crate::{Collector, Input, SourceError};

const COLUMNS: [&str; 15] = [
    "Type", "QID", "Name", "Alias", "Chinese name", "Country", "Topics", "Summary", "Chinese summary", "Body", "List",
    "Date", "End date", "Source URL", "Address",
];

/// Loads the files of one version into `out`.
pub fn load(inputs: &[Input], out: &mut Collector) -> Result<(), SourceError> {
    if inputs.is_empty() {
        return Err(SourceError::Missing { detail: "cn_mfa needs the counter-sanctions CSV".into() });
    }
    for input in inputs {
        load_file(input, out)?;
    }
    Ok(())
}

struct Party {
    entity: Entity,
    location: String,
    open_listing: bool,
}

fn load_file(input: &Input, out: &mut Collector) -> Result<(), SourceError> {
    let text = input.text()?;
    let (header, rows) = read_rows(input, text, out, &COLUMNS.join(","))?;
    let col = |name: &str| header.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let (Some(type_col), Some(name_col)) = (col("Type"), col("Name")) else {
        return Err(SourceError::format(
            &input.name,
            "line 1",
            format!("header {:?} lacks Type or Name", header.iter().collect::<Vec<_>>()),
            COLUMNS.join(","),
        ));
    };
    let cols: HashMap<&str, usize> = COLUMNS.iter().filter_map(|c| col(c).map(|i| (*c, i))).collect();
    let dataset = out.dataset().to_string();
    let mut parties: Vec<Party> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (location, row) in rows {
        let get = |c: &str| cols.get(c).and_then(|&i| row.get(i)).map(str::trim).unwrap_or("");
        let kind = row.get(type_col).unwrap_or("").trim();
        let latin = row.get(name_col).unwrap_or("").trim();
        let han = get("Chinese name");
        let key_name = if latin.is_empty() { han } else { latin };
        if key_name.is_empty() {
            out.reject(&input.name, &location, "record has no name (Name and Chinese name empty)");
            continue;
        }
        let schema = match kind {
            "Person" => Schema::Person,
            "Company" => Schema::Company,
            "Organization" => Schema::Organization,
            "PublicBody" => Schema::PublicBody,
            other => {
                out.warn(format!("{}: {location}: Type {other:?} is not Person/Company/Organization; read as LegalEntity", input.name));
                Schema::LegalEntity
            }
        };
        let source_id = short_hash(&format!("{}|{}", schema.as_str(), id_key(key_name)));
        let index = *by_id.entry(entity_id_of(&dataset, &source_id)).or_insert_with(|| {
            parties.push(Party { entity: Entity::new(&dataset, &source_id, schema), location: location.clone(), open_listing: false });
            parties.len() - 1
        });
        let Some(party) = parties.get_mut(index) else { continue };
        let e = &mut party.entity;
        e.add(props::NAME, latin);
        e.add(props::NAME, han);
        e.add_all(props::ALIAS, get("Alias").split(';'));
        if !get("Country").is_empty() {
            e.add_country(props::COUNTRY, get("Country"));
        }
        let topics = get("Topics");
        if topics.is_empty() {
            e.add(props::TOPICS, "sanction.counter");
        } else {
            e.add_all(props::TOPICS, topics.split([';', ',']));
        }
        let summary_prop = if e.schema == Schema::Person { props::POSITION } else { props::NOTES };
        e.add(summary_prop, get("Summary"));
        e.add(summary_prop, get("Chinese summary"));
        e.add(props::AUTHORITY, get("Body"));
        e.add(props::PROGRAM, get("List"));
        e.add(props::SOURCE_URL, get("Source URL"));
        e.add("wikidataId", get("QID"));
        let address = get("Address");
        if !address.is_empty() {
            let code = crate::jp_mof::record_country_in(address);
            e.add_address(Address { full: address.to_string(), country: code.map(str::to_string), ..Default::default() });
        }
        for (column, prop) in [("Date", props::LISTING_DATE), ("End date", props::DELISTING_DATE)] {
            let text = get(column);
            if text.is_empty() {
                if column == "End date" {
                    party.open_listing = true;
                }
                continue;
            }
            match parse_date(text) {
                Some(d) => e.add_date(prop, d),
                None => {
                    out.warn(format!("{}: {location}: {column} {text:?} is not a date; kept as a note", input.name));
                    e.add(props::NOTES, format!("{column}: {text}"));
                }
            }
        }
    }
    for mut party in parties {
        if party.open_listing && party.entity.has(props::DELISTING_DATE) {
            let ended = party.entity.get(props::DELISTING_DATE).join(", ");
            party.entity.properties.remove(props::DELISTING_DATE);
            party.entity.add(props::NOTES, format!("one listing ended {ended}; another is still in force"));
        }
        out.entity(party.entity, &input.name, &party.location);
    }
    Ok(())
}

fn entity_id_of(dataset: &str, source_id: &str) -> String {
    seisai_model::entity_id(dataset, source_id)
}

/// `02.12.2019` (day first), also with a two-digit year `13.07.23` (20yy).
fn parse_date(text: &str) -> Option<FuzzyDate> {
    let parts: Vec<&str> = text.trim().split('.').collect();
    if let [d, m, y] = parts.as_slice() {
        if y.len() == 2 {
            let year: i32 = y.parse().ok()?;
            return PartialDate::ymd(2000 + year, m.parse().ok()?, d.parse().ok()?).map(FuzzyDate::exact);
        }
    }
    FuzzyDate::parse_loose(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, load as load_any};
    use seisai_model::testdata;

    const SAMPLE: &str = "Type,QID,Name,Alias,Chinese name,Country,Topics,Summary,Chinese summary,Body,List,Date,End date,Source URL,Address\n\
Organization,,Human Rights Watch,,人权观察,US,sanction.counter,,,Ministry of Foreign Affairs,,02.12.2019,,https://example.org/a,\n\
Person,Q1,Tsao Hsing-cheng,Robert Hsing-cheng Tsao;Tsao Robert,曹兴诚,TW,sanction.counter,Founder,联电创办人,Taiwan Affairs Office of the State Council,,14.10.2024,,https://example.org/b,\n\
Company,,Cubic Corporation,,立方公司,US,export.control,,,Ministry of Commerce,List of Export Controls,02.01.2025,13.07.23,https://example.org/c,\n\
Company,,Cubic Corporation,,立方公司,US,sanction.counter,,,Ministry of Foreign Affairs,,05.12.2024,,https://example.org/d,\n\
Company,,,,,US,,,,,,,,,\n";

    #[test]
    fn sample_rows() {
        let loaded = load_any("cn_mfa", Format::CnMfa, &[Input::new("s.csv", SAMPLE)]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(loaded.entities.len(), 3);
        assert_eq!(loaded.rejected.len(), 1);
        let tsao = &loaded.entities[1];
        assert_eq!(tsao.schema, Schema::Person);
        assert_eq!(tsao.get(props::NAME), ["Tsao Hsing-cheng", "曹兴诚"]);
        assert_eq!(tsao.get(props::ALIAS), ["Robert Hsing-cheng Tsao", "Tsao Robert"]);
        assert_eq!(tsao.get(props::LISTING_DATE), ["2024-10-14"]);
        assert_eq!(tsao.get(props::COUNTRY), ["tw"]);
        assert!(tsao.id.starts_with("cn_mfa-") && tsao.id.len() == "cn_mfa-".len() + 12);
        let cubic = &loaded.entities[2];
        assert_eq!(cubic.get(props::LISTING_DATE), ["2025-01-02", "2024-12-05"]);
        assert!(!cubic.has(props::DELISTING_DATE), "one listing is still open");
        assert_eq!(cubic.get(props::TOPICS), ["export.control", "sanction.counter"]);
        assert_eq!(parse_date("13.07.23").map(|d| d.to_string()).as_deref(), Some("2023-07-13"));
    }

    #[test]
    fn wrong_header_and_encoding() {
        let err = load_any("cn_mfa", Format::CnMfa, &[Input::new("x.csv", "a,b\n1,2\n")]);
        assert!(matches!(err, Err(SourceError::Format { .. })), "{err:?}");
        let err = load_any("cn_mfa", Format::CnMfa, &[Input::new("x.csv", b"Type,Name\n\xff,\xfe\n".to_vec())]);
        assert!(matches!(err, Err(SourceError::Encoding { .. })), "{err:?}");
        let cut = &SAMPLE.as_bytes()[..SAMPLE.len() / 2];
        let loaded = load_any("cn_mfa", Format::CnMfa, &[Input::new("cut.csv", cut.to_vec())]);
        assert!(loaded.is_ok() || loaded.is_err_and(|e| e.to_string().starts_with("cut.csv")));
    }

    #[test]
    fn real_file() {
        let Some(dir) = testdata::dir("cn_mfa real file") else { return };
        let input = Input::read(&dir.join("cn/cn-mfa-countersanctions.csv")).unwrap_or_else(|e| panic!("{e}"));
        let loaded = load_any("cn_mfa", Format::CnMfa, &[input]).unwrap_or_else(|e| panic!("{e}"));
        assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected);
        // 610 rows name 457 distinct parties (same Type and normalised Name,
        // counted independently with Python): parties listed more than once
        // (by MFA and later by MOFCOM, or in several notices) are one entity.
        let han = loaded.entities.iter().flat_map(|e| e.get(props::NAME)).filter(|n| n.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))).count();
        let persons = loaded.entities.iter().filter(|e| e.schema == Schema::Person).count();
        eprintln!("cn_mfa: {} entities ({persons} Person), {han} Han names", loaded.entities.len());
        assert_eq!(loaded.entities.len(), 457);
        // 98 rows have no Chinese name; the 457 parties carry 422 distinct
        // Han names (counted independently with Python).
        assert_eq!(han, 422);
        let hrw = loaded.entities.iter().find(|e| e.first(props::NAME) == Some("Human Rights Watch"));
        assert_eq!(hrw.map(|e| e.get(props::NAME).to_vec()), Some(vec!["Human Rights Watch".to_string(), "人权观察".to_string()]));
    }
}
