//! Loader for the US Consolidated Screening List (trade.gov CSV, plain or
//! gzip-compressed): one row per listing on one of the 11 US export and
//! sanctions lists, with a header row naming the columns (`_id`, `source`,
//! `entity_number`, `type`, `programs`, `name`, `title`, `addresses`, …,
//! `alt_names`, `citizenships`, `dates_of_birth`, `nationalities`,
//! `places_of_birth`, `ids`). Columns are found by their header name, so
//! the older 28-column edition without `_id` loads too.
//!
//! Ids: `us_csl-{_id}`; where the file has no `_id`, the `entity_number`
//! (the OFAC ent_num, for Treasury lists), else the first 16 hex digits of
//! the SHA-256 of `source|name|addresses`. A party on several lists (an SDN
//! also on the SSI list) has one `_id` and several rows; the [`Collector`]
//! merges them into one entity whose `program` holds every list.
//!
//! `type` selects the schema (Individual → Person, Entity → Organization,
//! Vessel, Aircraft → Airplane, empty → LegalEntity). Multi-valued columns
//! are `;`-separated. Individual names are OFAC-style `LAST, First` and are
//! put in natural order. The `ids` column (`CC, number, type` or `CC,
//! issued, expires, number, type`) is mapped with the OFAC label table.

use seisai_model::{Address, Entity, FuzzyDate, Schema, props};
use sha2::{Digest, Sha256};

use crate::delimited::{self, Row};
use crate::ofac_remarks;
use crate::{Collector, Input, SourceError};

/// Column positions by header name.
struct Columns {
    names: Vec<String>,
}

impl Columns {
    fn find(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
}

fn split_multi(value: &str) -> impl Iterator<Item = &str> {
    crate::values::split_multi(value, ';')
}

/// Loads the CSL into `out`.
pub fn load(inputs: &[Input], out: &mut Collector) -> Result<(), SourceError> {
    crate::values::each_input(inputs, "the Consolidated Screening List CSV", |input| load_file(input, out))
}

fn load_file(input: &Input, out: &mut Collector) -> Result<(), SourceError> {
    let file = input.name.as_str();
    let data = delimited::gunzip_if_needed(file, &input.data)?;
    let text = delimited::utf8(file, &data)?;
    let mut rows = delimited::rows(file, text, b',')?.into_iter();
    let header = rows.next().ok_or_else(|| SourceError::format(file, "line 1", "the file is empty", "a header row"))?;
    let columns = Columns { names: header.fields.iter().map(|h| h.trim().to_string()).collect() };
    for required in ["source", "name"] {
        if columns.find(required).is_none() {
            return Err(SourceError::format(
                file,
                "line 1 (header)",
                format!("no column '{required}'"),
                "the CSL header (_id, source, entity_number, type, programs, name, …)",
            ));
        }
    }
    let width = columns.names.len();
    for row in rows {
        let location = format!("line {}", row.line);
        if row.fields.len() != width {
            out.reject(file, &location, format!("expected {width} fields as in the header, found {}", row.fields.len()));
            continue;
        }
        match row_entity(out.dataset(), &columns, &row) {
            Ok((entity, problems)) => {
                for p in problems {
                    out.warn(format!("{file}: {location}: {p}"));
                }
                out.entity(entity, file, &location);
            }
            Err(reason) => out.reject(file, &location, reason),
        }
    }
    Ok(())
}

fn row_entity(dataset: &str, columns: &Columns, row: &Row) -> Result<(Entity, Vec<String>), String> {
    let get = |name: &str| columns.find(name).map_or("", |i| row.get(i));
    let source = get("source");
    if source.is_empty() {
        return Err("no source list in column 'source'".into());
    }
    let schema = match get("type").to_ascii_lowercase().as_str() {
        "individual" => Schema::Person,
        "entity" => Schema::Organization,
        "vessel" => Schema::Vessel,
        "aircraft" => Schema::Airplane,
        "" => Schema::LegalEntity,
        other => return Err(format!("unknown type '{other}'; expected Individual, Entity, Vessel, Aircraft or empty")),
    };
    let id = [get("_id"), get("entity_number")].into_iter().find(|v| !v.is_empty()).map(str::to_string).unwrap_or_else(|| {
        let digest = Sha256::digest(format!("{source}|{}|{}", get("name"), get("addresses")).as_bytes());
        hex::encode(digest).chars().take(16).collect()
    });
    let mut e = Entity::new(dataset, &id, schema.clone());
    let mut problems = Vec::new();
    ofac_remarks::add_name(&mut e, props::NAME, get("name"));
    for alias in split_multi(get("alt_names")) {
        ofac_remarks::add_name(&mut e, props::ALIAS, alias);
    }
    if schema == Schema::Airplane {
        e.add(props::REGISTRATION, get("name"));
    }
    e.add_all(props::PROGRAM, ofac_remarks::programs(get("programs")));
    e.add(props::PROGRAM, source);
    if let Some((_, agency)) = source.rsplit_once(" - ") {
        e.add(props::AUTHORITY, agency);
    }
    let title = get("title");
    if schema == Schema::Person {
        e.add(props::POSITION, title);
    } else if !title.is_empty() {
        e.add(props::NOTES, format!("Title: {title}"));
    }
    for address in split_multi(get("addresses")) {
        e.add_address(address_of(address));
    }
    for (column, prop) in [("citizenships", props::CITIZENSHIP), ("nationalities", props::NATIONALITY)] {
        for c in split_multi(get(column)) {
            e.add_country(prop, c);
        }
    }
    e.add_all(props::BIRTH_PLACE, split_multi(get("places_of_birth")));
    for (column, prop) in [("dates_of_birth", props::BIRTH_DATE), ("start_date", props::LISTING_DATE), ("end_date", props::DELISTING_DATE)] {
        for value in split_multi(get(column)) {
            match FuzzyDate::parse_loose(value) {
                Some(d) => e.add_date(prop, d),
                None => {
                    problems.push(format!("{column} '{value}' is not a date; kept in notes"));
                    e.add(props::NOTES, format!("{column}: {value}"));
                }
            }
        }
    }
    for id in split_multi(get("ids")) {
        add_id(&mut e, id, &mut problems);
    }
    ofac_remarks::add_vessel_columns(
        &mut e,
        get("call_sign"),
        get("vessel_type"),
        get("gross_tonnage"),
        get("gross_registered_tonnage"),
        get("vessel_flag"),
        get("vessel_owner"),
    );
    for column in ["remarks", "federal_register_notice", "license_requirement", "license_policy"] {
        let v = get(column);
        if !v.is_empty() {
            e.add(props::NOTES, v);
        }
    }
    if get("standard_order").eq_ignore_ascii_case("Y") {
        e.add(props::NOTES, "Standard denial order");
    }
    e.add(props::SOURCE_URL, get("source_list_url"));
    e.add(props::SOURCE_URL, get("source_information_url"));
    e.add(props::TOPICS, "sanction");
    Ok((e, problems))
}

/// `street, city, postal, CC`: the last part is a country code.
fn address_of(text: &str) -> Address {
    match text.rsplit_once(',') {
        Some((rest, country)) if seisai_model::country::to_code(country.trim()).is_some() => {
            Address::from_parts(Some(rest.to_string()), None, None, None, Some(country.to_string()))
        }
        _ => match seisai_model::country::to_code(text) {
            Some(_) if !text.contains(',') => Address::from_parts(None, None, None, None, Some(text.to_string())),
            _ => Address::from_text(text),
        },
    }
}

/// One `ids` entry: `number, type`, `CC, number, type` or `CC, issued,
/// expires, number, type`.
fn add_id(e: &mut Entity, entry: &str, problems: &mut Vec<String>) {
    let parts: Vec<&str> = entry.split(", ").map(str::trim).collect();
    let Some((label, rest)) = parts.split_last() else { return };
    let number = rest.last().copied().unwrap_or("");
    let country = rest.first().filter(|c| rest.len() > 1 && c.len() == 2).copied();
    let value = match country {
        Some(c) if !number.is_empty() => format!("{number} ({c})"),
        _ => number.to_string(),
    };
    if number.is_empty() {
        e.add(props::NOTES, entry);
        return;
    }
    ofac_remarks::apply_labelled(e, label, &value, problems);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delimited::cut_points;

    const HEADER: &str = "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids\n";
    const ABBAS: &str = "21944,Specially Designated Nationals (SDN) - Treasury Department,21944,Individual,SYRIA,\"'ABBAS, Rim\",Scientific Studies and Research Center Employee,SY,,,,,,,,,,,,,,http://bit.ly/1I7ipyR,\"'ABBAS, Rima; SMITH, Ann\",\"\",1973-03-25,SY,\"\",http://bit.ly/1MLgpye,\"CA, BC166787, Passport; RU, 7736640919, Tax ID No.; Male, Gender\"\n";

    fn run(name: &str, data: impl Into<Vec<u8>>) -> crate::Loaded {
        let mut out = Collector::new("us_csl");
        if let Err(e) = load(&[Input::new(name, data)], &mut out) {
            panic!("{e}");
        }
        out.finish()
    }

    #[test]
    fn row_with_ids_dates_and_aliases() {
        let loaded = run("csl.csv", format!("{HEADER}{ABBAS}"));
        let e = loaded.entities.first().unwrap_or_else(|| panic!("{:?}", loaded.rejected));
        assert_eq!(e.id, "us_csl-21944");
        assert_eq!(e.schema, Schema::Person);
        assert_eq!(e.get(props::NAME), ["Rim 'ABBAS"]);
        assert_eq!(e.get(props::ALIAS), ["Rima 'ABBAS", "Ann SMITH"]);
        assert_eq!(e.get(props::BIRTH_DATE), ["1973-03-25"]);
        assert_eq!(e.get(props::NATIONALITY), ["sy"]);
        assert_eq!(e.get(props::PASSPORT_NUMBER), ["BC166787"]);
        assert_eq!(e.get(props::INN_CODE), ["7736640919"]);
        assert_eq!(e.get(props::GENDER), ["male"]);
        assert_eq!(e.get(props::NOTES), ["Passport: BC166787 (CA)", "Tax ID No.: 7736640919 (RU)"]);
        assert_eq!(e.get(props::PROGRAM), ["SYRIA", "Specially Designated Nationals (SDN) - Treasury Department"]);
        assert_eq!(e.get(props::AUTHORITY), ["Treasury Department"]);
    }

    #[test]
    fn same_party_on_two_lists_is_one_entity() {
        let ssi = ABBAS.replace("Specially Designated Nationals (SDN)", "Sectoral Sanctions Identifications List (SSI)");
        let loaded = run("csl.csv", format!("{HEADER}{ABBAS}{ssi}"));
        assert_eq!(loaded.entities.len(), 1);
        assert_eq!(loaded.entities.first().map(|e| e.get(props::PROGRAM).len()), Some(3));
    }

    #[test]
    fn gzip_and_truncation() {
        use std::io::Write;
        let text = format!("{HEADER}{ABBAS}{ABBAS}");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let _ = enc.write_all(text.as_bytes());
        let gz = enc.finish().unwrap_or_default();
        assert_eq!(run("csl.csv.gz", gz.clone()).entities.len(), 1);
        for cut in cut_points(gz.len(), 20) {
            let r = load(&[Input::new("csl.csv.gz", gz.get(..cut).unwrap_or_default())], &mut Collector::new("t"));
            assert!(r.err().is_some_and(|e| e.to_string().contains("csl.csv.gz")), "cut {cut}");
        }
        for cut in cut_points(text.len(), 50) {
            let _ = load(&[Input::new("csl.csv", text.as_bytes().get(..cut).unwrap_or_default())], &mut Collector::new("t"));
        }
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let e = load(&[Input::new("csl.csv", utf16)], &mut Collector::new("t")).err();
        assert!(e.is_some_and(|e| e.to_string().contains("UTF-16")));
    }

    /// `ofac/invalid/csl.csv`: the older 28-column edition (no `_id`) with
    /// broken rows. The two good rows load (ids from entity_number, or a
    /// hash where the Entity List gives none); a row of `/,1`, a row cut
    /// after the source, a 6-field row and a `.` line are rejected with
    /// their line and the field counts. Blank lines are skipped.
    #[test]
    fn real_invalid_csl() {
        let Some(dir) = seisai_model::testdata::dir("CSL invalid file") else { return };
        let Ok(input) = Input::read(&dir.join("ofac/invalid/csl.csv")) else { panic!("csl.csv") };
        let mut out = Collector::new("us_csl");
        if let Err(e) = load(&[input], &mut out) {
            panic!("{e}");
        }
        let loaded = out.finish();
        let ids: Vec<&str> = loaded.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), 2, "{ids:?}");
        assert_eq!(ids.first(), Some(&"us_csl-20298"));
        let lines: Vec<&str> = loaded.rejected.iter().map(|r| r.location.as_str()).collect();
        assert_eq!(lines, ["line 2", "line 4", "line 5", "line 9"], "{:?}", loaded.rejected);
        assert!(loaded.rejected.iter().all(|r| r.reason.contains("expected 28 fields")));
    }

    #[test]
    fn real_csl_2022() {
        let Some(dir) = seisai_model::testdata::dir("CSL 2022") else { return };
        let Ok(input) = Input::read(&dir.join("us_csl/csl-2022.csv.gz")) else { panic!("csl-2022.csv.gz") };
        let mut out = Collector::new("us_csl");
        if let Err(e) = load(&[input], &mut out) {
            panic!("{e}");
        }
        let loaded = out.finish();
        assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected.first());
        // 14,160 rows; 71 parties appear on two or three lists under one
        // `_id` (112 extra rows), so 14,048 entities.
        let merged = loaded.warnings.iter().filter(|w| w.contains("duplicate id")).count();
        assert_eq!(merged, 112);
        assert_eq!(loaded.entities.len() + merged, 14_160);
        let abbas = loaded.entities.iter().find(|e| e.id == "us_csl-21944").unwrap_or_else(|| panic!("21944"));
        assert_eq!(abbas.get(props::BIRTH_DATE), ["1973-03-25"]);
        let persons = loaded.entities.iter().filter(|e| e.schema == Schema::Person).count();
        assert!(persons > 5_000, "{persons}");
    }
}
