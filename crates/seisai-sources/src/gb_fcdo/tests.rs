use seisai_model::{Schema, props};

use super::*;
use crate::test_report::{load_ok, real_input, report};
use crate::{Format, Loaded, load as load_format};

const SAMPLE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<Designations dateGenerated="2026-08-14T23:00:04.744Z">
  <DateGenerated>14/08/2026</DateGenerated>
  <Designation>
    <LastUpdated>29/04/2026</LastUpdated>
    <DateDesignated>31/01/2001</DateDesignated>
    <UniqueID>AFG0011</UniqueID>
    <OFSIGroupID>7270</OFSIGroupID>
    <Names>
      <Name><Name1>Wali</Name1><Name6>MOHAMMAD</Name6><NameType>Alias</NameType><AliasStrength>Low quality a.k.a</AliasStrength></Name>
      <Name><Name1>ABDUL</Name1><Name2>LATIF</Name2><Name6>MANSUR</Name6><NameType>Primary name</NameType></Name>
      <Name><Name1>Abdul</Name1><Name6>MANSOOR</Name6><NameType>Alias</NameType><AliasStrength>Good quality a.k.a</AliasStrength></Name>
    </Names>
    <NonLatinNames><NonLatinName><NameNonLatinScript>عبد اللطيف منصور</NameNonLatinScript></NonLatinName></NonLatinNames>
    <Titles><Title>Maulavi</Title></Titles>
    <RegimeName>The Afghanistan (Sanctions) (EU Exit) Regulations 2020</RegimeName>
    <IndividualEntityShip>Individual</IndividualEntityShip>
    <SanctionsImposed>Asset freeze|Travel Ban</SanctionsImposed>
    <Addresses><Address><AddressLine1>Darul Aman</AddressLine1><AddressLine2>Kabul</AddressLine2><AddressCountry>Afghanistan</AddressCountry></Address></Addresses>
    <IndividualDetails><Individual>
      <DOBs><DOB>dd/mm/1968</DOB><DOB>12/11/1967</DOB><DOB>12/11/1967</DOB><DOB>dd/09/1958</DOB><DOB>1985</DOB></DOBs>
      <PassportDetails><Passport><PassportNumber> D0009720</PassportNumber></Passport></PassportDetails>
      <BirthDetails><Location><TownOfBirth>Zurmat</TownOfBirth><CountryOfBirth>Afghanistan</CountryOfBirth></Location></BirthDetails>
    </Individual></IndividualDetails>
  </Designation>
  <Designation>
    <UniqueID>DPR0075</UniqueID>
    <Names><Name><Name6>Petrel 8</Name6><NameType>Primary Name</NameType></Name></Names>
    <IndividualEntityShip>Ship</IndividualEntityShip>
    <ShipDetails><Ship><IMONumbers><IMONumber>IMO9562233</IMONumber></IMONumbers>
      <CurrentBelievedFlagOfShips><CurrentBelievedFlagOfShip>Comoros</CurrentBelievedFlagOfShip></CurrentBelievedFlagOfShips>
      <YearsBuilt><YearBuilt>2011</YearBuilt></YearsBuilt></Ship></ShipDetails>
  </Designation>
  <Designation><Names><Name><Name6>No Unique Id</Name6><NameType>Primary Name</NameType></Name></Names></Designation>
</Designations>
"#;

fn run(xml: impl Into<Vec<u8>>) -> Result<Loaded, SourceError> {
    load_format("gb_fcdo", Format::GbFcdoXml, &[Input::new("uk.xml", xml)])
}

#[test]
fn reads_designations() {
    let loaded = run(SAMPLE).unwrap_or_default();
    assert_eq!(loaded.published, NaiveDate::from_ymd_opt(2026, 8, 14));
    let ids: Vec<_> = loaded.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["gb_fcdo-AFG0011", "gb_fcdo-DPR0075"]);
    let p = &loaded.entities[0];
    assert_eq!(p.schema, Schema::Person);
    assert_eq!(p.get(props::NAME), ["ABDUL LATIF MANSUR"]);
    assert_eq!(p.get(props::ALIAS), ["Abdul MANSOOR", "عبد اللطيف منصور"]);
    assert_eq!(p.get(props::WEAK_ALIAS), ["Wali MOHAMMAD"]);
    assert_eq!(p.get(props::BIRTH_DATE), ["1968", "1967-11-12", "1958-09", "1985"]);
    assert_eq!(p.get(props::PASSPORT_NUMBER), ["D0009720"]);
    assert_eq!(p.get(props::LISTING_DATE), ["2001-01-31"]);
    assert_eq!(p.get(props::COUNTRY), ["af"]);
    assert_eq!(p.get(props::BIRTH_PLACE), ["Zurmat, Afghanistan"]);
    assert_eq!(p.get("provisions"), ["Asset freeze", "Travel Ban"]);
    assert_eq!(p.referents, ["gb_ofsi-7270"]);
    let ship = &loaded.entities[1];
    assert_eq!(ship.schema, Schema::Vessel);
    assert_eq!(ship.get(props::IMO_NUMBER), ["9562233"]);
    assert_eq!(ship.get(props::FLAG), ["km"]);
    assert_eq!(ship.get(props::BUILD_DATE), ["2011"]);
    assert_eq!(loaded.rejected.len(), 1);
    assert!(loaded.rejected[0].location.starts_with("Designation 3 (line "), "{:?}", loaded.rejected);
}

#[test]
fn truncated_and_wrong_input_never_panic() {
    let bytes = SAMPLE.as_bytes();
    for cut in 0..bytes.len() {
        match run(bytes.get(..cut).unwrap_or_default()) {
            Ok(loaded) => assert!(loaded.rejected.iter().all(|r| r.file == "uk.xml")),
            Err(e) => assert!(e.to_string().starts_with("uk.xml: "), "{e}"),
        }
    }
    let utf16: Vec<u8> = SAMPLE.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert!(run(utf16).is_err());
    let err = run("<Designations><Designation><UniqueID>X</Designation></Designations>").err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.starts_with("uk.xml: line 1"), "{err}");
}

#[test]
fn real_extract_2026() {
    let Some(input) = real_input("gb_fcdo real extract", "uk/uk-sanctions-list-extract-2026-08-14.xml") else { return };
    let loaded = load_ok("gb_fcdo", Format::GbFcdoXml, &[input]);
    report("gb_fcdo extract 2026-08-14", &loaded);
    // 4 real designations; the synthetic one without UniqueID is rejected.
    assert_eq!(loaded.entities.len(), 4);
    assert_eq!(loaded.rejected.len(), 1);
    assert!(loaded.rejected[0].reason.contains("UniqueID"));
    assert_eq!(loaded.published, NaiveDate::from_ymd_opt(2026, 8, 14));
    let find = |id: &str| match loaded.entities.iter().find(|e| e.id == id) {
        Some(e) => e,
        None => panic!("no {id}"),
    };
    let afg = find("gb_fcdo-AFG0011");
    assert_eq!(afg.get(props::BIRTH_DATE), ["1968", "1967-11-12"]);
    assert_eq!(afg.get(props::PASSPORT_NUMBER), ["D0009720", "D0010442"], "leading space trimmed");
    assert!(afg.get(props::ALIAS).iter().any(|a| a == "عبد اللطيف منصور"));
    let aqd = find("gb_fcdo-AQD0128");
    assert_eq!(aqd.get(props::NAME), ["AKRAM TURKI HISHAN AL-MAZIDIH"], "lower-case 'Primary name'");
    assert_eq!(aqd.get(props::ID_NUMBER), ["0075258"]);
    assert_eq!(aqd.get(props::BIRTH_DATE), ["1974", "1975", "1979", "1958-09", "1985"]);
    assert!(aqd.get(props::WEAK_ALIAS).iter().any(|a| a == "Abu Jarrah"));
    let ktj = find("gb_fcdo-AQD0377");
    assert_eq!(ktj.schema, Schema::Organization);
    assert!(ktj.get(props::ALIAS).iter().any(|a| a == "Катиба ат-Таухид валь-Джихад"));
    let ship = find("gb_fcdo-DPR0075");
    assert_eq!(ship.schema, Schema::Vessel);
    assert_eq!(ship.get(props::IMO_NUMBER), ["9562233"]);
    assert!(ship.referents.is_empty());
}
