//! Loader for the BIS Denied Persons List (`dpl.txt`): tab-separated text
//! with a header row naming the columns `Name`, `Street_Address`, `City`,
//! `State`, `Country`, `Postal_Code`, `Effective_Date`, `Expiration_Date`,
//! `Standard_Order`, `Last_Update`, `Action`, `FR_Citation`.
//!
//! The list has no record id. The id is the first 16 hex digits of the
//! SHA-256 of the name and address columns (`Name`, `Street_Address`,
//! `City`, `State`, `Country`, `Postal_Code`), each upper-cased with
//! whitespace collapsed, joined by `|`. A row keeps its id as long as
//! the denied party's name and address are unchanged, whatever happens to
//! its dates, action or citation, so ids are stable from one list version
//! to the next; the same party at two addresses (two rows) gets two ids.
//! Rows repeated word for word in the file get the same id and are merged
//! by the [`Collector`].
//!
//! Every row is a LegalEntity (the list does not say whether a party is a
//! person or a company). Dates are US-style `MM/DD/YYYY` (`Last_Update` is
//! ISO); the effective date is the `listingDate` and the expiration date
//! the `delistingDate`.

use chrono::NaiveDate;
use seisai_model::{Address, Entity, FuzzyDate, Schema, props};
use sha2::{Digest, Sha256};

use crate::delimited;
use crate::{Collector, Input, SourceError};

/// The columns, in the order the stable id hashes the first six.
const COLUMNS: [&str; 12] = [
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
];

/// The stable id of a row: see the module documentation.
pub fn stable_id(name_and_address: &[&str]) -> String {
    let key: Vec<String> = name_and_address
        .iter()
        .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase())
        .collect();
    let digest = Sha256::digest(key.join("|").as_bytes());
    hex::encode(digest).chars().take(16).collect()
}

fn date(value: &str) -> Option<FuzzyDate> {
    let v = value.trim();
    NaiveDate::parse_from_str(v, "%m/%d/%Y")
        .or_else(|_| NaiveDate::parse_from_str(v, "%Y-%m-%d"))
        .ok()
        .map(FuzzyDate::from)
}

/// Loads the Denied Persons List into `out`.
pub fn load(inputs: &[Input], out: &mut Collector) -> Result<(), SourceError> {
    crate::values::each_input(inputs, "the Denied Persons List file (dpl.txt)", |input| load_file(input, out))
}

fn load_file(input: &Input, out: &mut Collector) -> Result<(), SourceError> {
    let file = input.name.as_str();
    let text = delimited::utf8(file, &input.data)?;
    let rows = delimited::rows(file, text, b'\t')?;
    let mut rows = rows.into_iter();
    let header = rows.next().ok_or_else(|| SourceError::format(file, "line 1", "the file is empty", "a header row"))?;
    let mut at = [0usize; COLUMNS.len()];
    for (slot, column) in at.iter_mut().zip(COLUMNS) {
        *slot = header.fields.iter().position(|h| h.trim().eq_ignore_ascii_case(column)).ok_or_else(|| {
            SourceError::format(file, "line 1 (header)", format!("no column '{column}'"), format!("the DPL columns {}", COLUMNS.join(", ")))
        })?;
    }
    let width = header.fields.len();
    for row in rows {
        let location = format!("line {}", row.line);
        if row.fields.len() != width {
            out.reject(file, &location, format!("expected {width} tab-separated fields, found {}", row.fields.len()));
            continue;
        }
        let get = |i: usize| at.get(i).map_or("", |&c| row.get(c));
        let key: Vec<&str> = (0..6).map(get).collect();
        let mut e = Entity::new(out.dataset(), &stable_id(&key), Schema::LegalEntity);
        e.add(props::NAME, get(0));
        e.add_address(Address::from_parts(
            Some(get(1).to_string()),
            Some(get(2).to_string()),
            Some(get(3).to_string()),
            Some(get(5).to_string()),
            Some(get(4).to_string()),
        ));
        for (i, prop) in [(6, props::LISTING_DATE), (7, props::DELISTING_DATE), (9, props::MODIFIED_AT)] {
            let value = get(i);
            match date(value) {
                Some(d) => e.add_date(prop, d),
                None if value.is_empty() => {}
                None => {
                    out.warn(format!("{file}: {location}: {} '{value}' is not a date (MM/DD/YYYY); kept in notes", COLUMNS[i]));
                    e.add(props::NOTES, format!("{}: {value}", COLUMNS[i]));
                }
            }
        }
        if get(8).eq_ignore_ascii_case("Y") {
            e.add(props::NOTES, "Standard denial order");
        }
        e.add(props::NOTES, get(10));
        e.add(props::NOTES, get(11));
        e.add(props::PROGRAM, "Denied Persons List");
        e.add(props::AUTHORITY, "Bureau of Industry and Security");
        e.add(props::TOPICS, "export.control");
        out.entity(e, file, &location);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delimited::cut_points;

    const HEADER: &str = "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_Date\"\t\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t\"FR_Citation\"\n";
    const ASH: &str = "\" I. ASH\"\t\"FCI SEAGOVILLE, 2113 NORTH HIGHWAY 175\"\t\"SEAGOVILLE\"\t\"TX\"\t\"US\"\t\"75159\"\t\"08/05/2003\"\t\"06/29/2056\"\t\"Y\"\t\"2007-01-31\"\t\"FEDERAL REGISTER NOTICE UPDATED\"\t\"68 F.R. 38290 6/27/03\"\n";

    fn run(text: &str) -> crate::Loaded {
        let mut out = Collector::new("us_bis_dpl");
        if let Err(e) = load(&[Input::new("dpl.txt", text)], &mut out) {
            panic!("{e}");
        }
        out.finish()
    }

    #[test]
    fn row_becomes_entity_with_us_dates() {
        let loaded = run(&format!("{HEADER}{ASH}"));
        let e = loaded.entities.first().unwrap_or_else(|| panic!("no entity"));
        assert_eq!(e.get(props::NAME), ["I. ASH"]);
        assert_eq!(e.get(props::LISTING_DATE), ["2003-08-05"], "month first");
        assert_eq!(e.get(props::DELISTING_DATE), ["2056-06-29"]);
        assert_eq!(e.get(props::COUNTRY), ["us"]);
        assert_eq!(e.id.len(), "us_bis_dpl-".len() + 16);
    }

    #[test]
    fn id_ignores_dates_case_and_spacing_but_not_address() {
        let a = stable_id(&["I. ASH", "X ST", "C", "TX", "US", "1"]);
        assert_eq!(a, stable_id(&[" i.  ash", "x st", "c", "tx", "us", "1"]));
        assert_ne!(a, stable_id(&["I. ASH", "Y ST", "C", "TX", "US", "1"]));
    }

    #[test]
    fn bad_rows_and_headers() {
        let loaded = run(&format!("{HEADER}\"only\"\t\"two\"\n{ASH}"));
        assert_eq!(loaded.entities.len(), 1);
        assert_eq!(loaded.rejected.first().map(|r| r.location.as_str()), Some("line 2"));
        let err = load(&[Input::new("dpl.txt", "Name\tCity\n")], &mut Collector::new("t")).err();
        assert!(err.is_some_and(|e| e.to_string().contains("Street_Address")));
        let bad_date = run(&format!("{HEADER}{}", ASH.replace("08/05/2003", "soon")));
        assert_eq!(bad_date.warnings.len(), 1);
    }

    #[test]
    fn real_files_count_and_stable_ids() {
        let Some(dir) = seisai_model::testdata::dir("BIS DPL") else { return };
        let mut ids = Vec::new();
        for (name, rows) in [("dpl-2021.txt", 581), ("dpl-2023.txt", 665)] {
            let Ok(input) = Input::read(&dir.join("us_bis_dpl").join(name)) else { panic!("{name}") };
            let mut out = Collector::new("us_bis_dpl");
            if let Err(e) = load(std::slice::from_ref(&input), &mut out) {
                panic!("{e}");
            }
            let loaded = out.finish();
            assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected.first());
            // Two rows are repeated word for word in each file (DAQING ZHOU,
            // NEI-CHIEN CHU): they merge, so entities = rows - 2.
            assert_eq!(loaded.entities.len(), rows - 2, "{name}");
            assert_eq!(loaded.warnings.iter().filter(|w| w.contains("duplicate id")).count(), 2);
            let texts = delimited::utf8(name, &input.data).unwrap_or_default().to_string();
            ids.push((loaded, texts));
        }
        // Every row present unchanged in both versions has the same id in both.
        let (old, old_text) = &ids[0];
        let (new, new_text) = &ids[1];
        let unchanged = old_text.lines().skip(1).filter(|l| new_text.lines().any(|n| n == *l)).count();
        assert!(unchanged > 400, "{unchanged}");
        let new_ids: std::collections::HashSet<&str> = new.entities.iter().map(|e| e.id.as_str()).collect();
        let kept = old.entities.iter().filter(|e| new_ids.contains(e.id.as_str())).count();
        assert!(kept >= unchanged - 2, "kept {kept} of {unchanged} unchanged rows");
    }

    #[test]
    fn truncated_and_misencoded_input() {
        let text = format!("{HEADER}{ASH}{ASH}");
        for cut in cut_points(text.len(), 50) {
            let mut out = Collector::new("t");
            let _ = load(&[Input::new("dpl.txt", text.as_bytes().get(..cut).unwrap_or_default())], &mut out);
        }
        let latin1 = format!("{HEADER}{}", ASH.replace("ASH", "\u{c9}")).replace('\u{c9}', "\u{1}");
        let mut bytes = latin1.into_bytes();
        if let Some(b) = bytes.iter_mut().find(|b| **b == 1) {
            *b = 0xC9;
        }
        let err = load(&[Input::new("dpl.txt", bytes)], &mut Collector::new("t")).err();
        assert!(err.is_some_and(|e| e.to_string().contains("line 2")));
    }
}
