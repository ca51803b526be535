use seisai_model::{Schema, props};

use super::*;
use crate::test_report::{load_ok, real_input, report};
use crate::{Format, Loaded, load as load_format};

const HEADER: &str = "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,DOB,Town of Birth,Country of Birth,Nationality,Passport Details,NI Number,Position,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,Regime,Listed On,Last Updated,Group ID\r\n";

fn run(data: impl Into<Vec<u8>>) -> Result<Loaded, SourceError> {
    load_format("gb_ofsi", Format::GbOfsiCsv, &[Input::new("ConList.csv", data)])
}

fn sample() -> Vec<u8> {
    let mut data = b"Last Updated,27/04/2020\r\n".to_vec();
    data.extend_from_slice(HEADER.as_bytes());
    // cp1252: 0x92 is the right single quote of AL-MU\u{2019}AYYAD.
    data.extend_from_slice(b"AL-MU\x92AYYAD,Abdallah,,,,,,00/00/1985,Dahyan,Yemen,1) Yemen 2) Saudi Arabia,,,Huthi commander,Dahyan,Sa'dah,,,,,,Yemen,Gender: male.,Individual,AKA,Yemen,19/12/2014,20/12/2014,13190\r\n");
    data.extend_from_slice(b"AL-HUTHI,Abdallah,Yahya,,,,Sheikh,dd/05/1984,,,,,,,,,,,,,,,,Individual,Prime Alias,Yemen,19/12/2014,19/12/2014,13190\r\n");
    data.extend_from_slice(b"OLD NAME LLC,,,,,,,,,,,,,,,,,,,,,,,Entity,FKA,Russia,01/03/2022,01/03/2022,14000\r\n");
    data.extend_from_slice(b"NEW NAME LLC,,,,,,,,,,,,,,,,,,,,,,,Entity,Prime Alias,Russia,01/03/2022,01/03/2022,14000\r\n");
    data.extend_from_slice(b"NO PRIMARY,,,,,,,,,,,,,,,,,,,,,,,Entity,AKA,Russia,01/03/2022,01/03/2022,14001\r\n");
    data
}

#[test]
fn groups_rows_into_parties() {
    let loaded = run(sample()).unwrap_or_default();
    assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected);
    assert_eq!(loaded.published, NaiveDate::from_ymd_opt(2020, 4, 27));
    let ids: Vec<_> = loaded.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["gb_ofsi-13190", "gb_ofsi-14000", "gb_ofsi-14001"]);
    let huthi = &loaded.entities[0];
    assert_eq!(huthi.schema, Schema::Person);
    assert_eq!(huthi.get(props::NAME), ["Abdallah Yahya AL-HUTHI"]);
    assert_eq!(huthi.get(props::ALIAS), ["Abdallah AL-MU\u{2019}AYYAD"]);
    assert_eq!(huthi.get(props::BIRTH_DATE), ["1985", "1984-05"]);
    assert_eq!(huthi.get(props::NATIONALITY), ["ye", "sa"]);
    assert_eq!(huthi.get(props::TITLE), ["Sheikh"]);
    assert_eq!(huthi.get(props::LISTING_DATE), ["2014-12-19"]);
    assert_eq!(huthi.get(props::LAST_NAME), ["AL-HUTHI"]);
    let company = &loaded.entities[1];
    assert_eq!(company.schema, Schema::Organization);
    assert_eq!(company.get(props::NAME), ["NEW NAME LLC"]);
    assert_eq!(company.get(props::PREVIOUS_NAME), ["OLD NAME LLC"]);
    assert_eq!(loaded.entities[2].get(props::NAME), ["NO PRIMARY"]);
}

#[test]
fn placeholder_dates() {
    let d = |s: &str| parse_uk_date(s).map(|d| d.to_string());
    assert_eq!(d("00/00/1980").as_deref(), Some("1980"));
    assert_eq!(d("dd/mm/1968").as_deref(), Some("1968"));
    assert_eq!(d("DD/MM/1968").as_deref(), Some("1968"));
    assert_eq!(d("00/05/1970").as_deref(), Some("1970-05"));
    assert_eq!(d("12/11/1967").as_deref(), Some("1967-11-12"));
    assert_eq!(d("31/02/1967"), None);
    assert_eq!(d("1967"), None);
    assert_eq!(d("xx/11/1967"), None);
}

#[test]
fn numbered_lists() {
    assert_eq!(numbered_list("1) Saudi Arabia 2) Qatar"), ["Saudi Arabia", "Qatar"]);
    assert_eq!(numbered_list("Syrian"), ["Syrian"]);
    assert_eq!(numbered_list("1) a 10) b"), ["a", "b"]);
    assert_eq!(numbered_list("Room 1) x"), ["Room 1) x"]);
}

#[test]
fn bad_rows_and_headers() {
    let mut data = sample();
    data.extend_from_slice(b"SHORT,row\r\n");
    data.extend_from_slice(b"NO GROUP,,,,,,,,,,,,,,,,,,,,,,,Entity,AKA,Russia,01/03/2022,01/03/2022,\r\n");
    let loaded = run(data).unwrap_or_default();
    let where_: Vec<_> = loaded.rejected.iter().map(|r| (r.file.as_str(), r.location.as_str())).collect();
    assert_eq!(where_, [("ConList.csv", "line 8"), ("ConList.csv", "line 9")], "{:?}", loaded.rejected);
    let err = run("Last Updated,01/01/2020\nfoo,bar\n").err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.starts_with("ConList.csv: header:") && err.contains("Name 6"), "{err}");
    let err = run("").err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("no header row"), "{err}");
}

#[test]
fn truncated_and_garbage_never_panic() {
    let data = sample();
    for cut in 0..data.len() {
        match run(data.get(..cut).unwrap_or_default()) {
            Ok(loaded) => assert!(loaded.rejected.iter().all(|r| r.file == "ConList.csv" && r.location.starts_with("line "))),
            Err(e) => assert!(e.to_string().starts_with("ConList.csv: "), "{e}"),
        }
    }
    let utf16: Vec<u8> = HEADER.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert!(run(utf16).is_err(), "UTF-16 text has no recognisable header");
}

#[test]
fn real_conlist_2020() {
    let Some(input) = real_input("gb_ofsi real ConList", "uk/ofsi-conlist-2020-04-27.csv") else { return };
    let loaded = load_ok("gb_ofsi", Format::GbOfsiCsv, &[input]);
    report("gb_ofsi ConList 2020-04-27", &loaded);
    assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected.first());
    assert_eq!(loaded.published, NaiveDate::from_ymd_opt(2020, 4, 27));
    assert_eq!(loaded.entities.len(), 2114);
    let names: usize = loaded.entities.iter().map(|e| e.names().count()).sum();
    // 9,492 rows, but a name is repeated on one row per date of birth (or
    // address) variant: the distinct names are fewer than the rows.
    assert!(names < 9492 && names > 5000, "{names}");
    assert!(loaded.entities.iter().all(|e| e.get(props::NAME).len() == 1), "one primary name per party");
    let qahtani = match loaded.entities.iter().find(|e| e.id == "gb_ofsi-13349") {
        Some(e) => e,
        None => panic!("no gb_ofsi-13349"),
    };
    assert_eq!(qahtani.get(props::NAME), ["Nayef Salam Muhammad Ujaym AL-HABABI"]);
    assert!(qahtani.get(props::ALIAS).iter().any(|a| a == "Sheikh Farooq AL-QAHTANI"));
    assert_eq!(qahtani.get(props::BIRTH_DATE), ["1980", "1981"]);
    assert_eq!(qahtani.get(props::NATIONALITY), ["sa", "qa"]);
    let muayyad = loaded.entities.iter().find(|e| e.id == "gb_ofsi-13190");
    assert!(muayyad.is_some_and(|e| e.names().any(|(_, n)| n == "Abdallah AL-MU\u{2019}AYYAD")), "cp1252 quote decoded");
}
