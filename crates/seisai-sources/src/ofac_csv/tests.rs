use super::*;
use crate::delimited::cut_points;

fn load_set(dataset: &str, inputs: &[Input]) -> crate::Loaded {
    let mut out = Collector::new(dataset);
    if let Err(e) = load(inputs, &mut out) {
        panic!("load failed: {e}");
    }
    out.finish()
}

fn real(dir: &std::path::Path, names: &[&str]) -> Vec<Input> {
    names.iter().filter_map(|n| Input::read(&dir.join(n)).ok()).collect()
}

fn find<'a>(loaded: &'a crate::Loaded, id: &str) -> &'a Entity {
    loaded.entities.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("no entity {id}"))
}

const SDN: &str = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\
35096,\"PUTIN, Vladimir Vladimirovich\",\"individual\",\"RUSSIA-EO14024\",\"President of the Russian Federation\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 07 Oct 1952; POB Leningrad, Russia; a.k.a. 'PUTI\"\r\n\
4238,\"MAR AZUL\",\"vessel\",\"CUBA\",-0- ,\"CL2192\",\"Tug\",-0- ,\"212\",\"Cuba\",\"Samir de Navegacion S.A.\",-0- \r\n\x1a";

#[test]
fn full_set_joins_by_ent_num() {
    let inputs = [
        Input::new("x/SDN.CSV", SDN),
        Input::new("x/alt.csv", "36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n35096,13,\"fka\",\"PUTIN, Volodya\",-0- \r\n"),
        Input::new("x/add.csv", "36,25,-0- ,\"Havana\",\"Cuba\",-0- \r\n"),
        Input::new("x/sdn_comments.csv", "35096,\"N, Vladimir'; Gender Male.\"\r\n"),
    ];
    let loaded = load_set("us_ofac_sdn", &inputs);
    assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected);
    assert_eq!(loaded.entities.len(), 3);
    let aero = find(&loaded, "us_ofac_sdn-36");
    assert_eq!(aero.schema, Schema::Organization);
    assert_eq!(aero.get(props::ALIAS), ["AERO-CARIBBEAN"]);
    assert_eq!(aero.get(props::COUNTRY), ["cu"]);
    assert_eq!(aero.addresses.first().map(|a| a.full.as_str()), Some("Havana, Cuba"));
    let putin = find(&loaded, "us_ofac_sdn-35096");
    assert_eq!(putin.get(props::NAME), ["Vladimir Vladimirovich PUTIN"]);
    assert_eq!(putin.get(props::LAST_NAME), ["PUTIN"]);
    assert_eq!(putin.get(props::ALIAS), ["Vladimir PUTIN"], "alias completed by sdn_comments.csv");
    assert_eq!(putin.get(props::PREVIOUS_NAME), ["Volodya PUTIN"]);
    assert_eq!(putin.get(props::GENDER), ["male"]);
    assert_eq!(putin.get(props::POSITION), ["President of the Russian Federation"]);
    let tug = find(&loaded, "us_ofac_sdn-4238");
    assert_eq!(tug.schema, Schema::Vessel);
    assert_eq!(tug.get(props::FLAG), ["cu"]);
    assert_eq!(tug.get(props::CALL_SIGN), ["CL2192"]);
}

#[test]
fn dataset_name_comes_from_the_collector() {
    let loaded = load_set("us_ofac_cons", &[Input::new("cons_prim.csv", SDN)]);
    assert_eq!(loaded.entities.first().map(|e| e.id.as_str()), Some("us_ofac_cons-36"));
}

#[test]
fn bad_rows_are_rejected_with_line_and_reason() {
    let text = "1,\"A\",-0- ,\"X\"\r\n\
                abc,\"B\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\
                3,\"C\",\"robot\",\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\
                4,-0- ,-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
    let loaded = load_set("t", &[Input::new("sdn.csv", text)]);
    let got: Vec<(&str, &str)> = loaded.rejected.iter().map(|r| (r.location.as_str(), r.reason.as_str())).collect();
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(got[0].0 == "line 1" && got[0].1.contains("expected 12 fields"), "{got:?}");
    assert!(got[1].0 == "line 2" && got[1].1.contains("not a number"), "{got:?}");
    assert!(got[2].0 == "line 3" && got[2].1.contains("unknown SDN_Type"), "{got:?}");
    assert!(got[3].0 == "line 4" && got[3].1.contains("no name"), "{got:?}");
    let orphan = load_set("t", &[Input::new("sdn.csv", SDN), Input::new("alt.csv", "99,1,\"aka\",\"X\",-0- \r\n")]);
    assert!(orphan.rejected.iter().any(|r| r.file == "alt.csv" && r.reason.contains("ent_num 99")));
}

#[test]
fn unknown_file_names_in_a_set_are_an_error() {
    let mut out = Collector::new("t");
    let err = load(&[Input::new("sdn.csv", SDN), Input::new("notes.txt", "")], &mut out).err();
    assert!(err.is_some_and(|e| e.to_string().contains("notes.txt")));
    let err = load(&[Input::new("alt.csv", ""), Input::new("add.csv", "")], &mut Collector::new("t")).err();
    assert!(matches!(err, Some(SourceError::Missing { .. })));
}

#[test]
fn wrong_encodings_give_clear_errors() {
    let latin1 = b"1,\"JOS\xC9\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n".to_vec();
    let e = load(&[Input::new("sdn.csv", latin1)], &mut Collector::new("t")).err().map(|e| e.to_string());
    assert!(e.as_deref().is_some_and(|e| e.contains("sdn.csv") && e.contains("line 1")), "{e:?}");
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(SDN.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let e = load(&[Input::new("sdn.csv", utf16)], &mut Collector::new("t")).err().map(|e| e.to_string());
    assert!(e.as_deref().is_some_and(|e| e.contains("UTF-16")), "{e:?}");
}

#[test]
fn real_sdn_2024_primary_file_alone() {
    let Some(dir) = seisai_model::testdata::dir("OFAC SDN 2024") else { return };
    let inputs = real(&dir.join("ofac"), &["sdn-2024-05-03.csv"]);
    let started = std::time::Instant::now();
    let loaded = load_set("us_ofac_sdn", &inputs);
    eprintln!("sdn-2024-05-03.csv loaded in {:?}", started.elapsed());
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings.first());
    assert_eq!(loaded.entities.len(), 14_965);
    assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected.first());
    let aero = find(&loaded, "us_ofac_sdn-36");
    assert_eq!(aero.get(props::NAME), ["AEROCARIBBEAN AIRLINES"]);
    assert_eq!(aero.get(props::PROGRAM), ["CUBA"]);
    let bnc = find(&loaded, "us_ofac_sdn-306");
    assert_eq!(bnc.get(props::ALIAS), ["BNC"]);
    let putin = find(&loaded, "us_ofac_sdn-35096");
    assert_eq!(putin.schema, Schema::Person);
    assert_eq!(putin.get(props::NAME), ["Vladimir Vladimirovich PUTIN"]);
    assert_eq!(putin.get(props::BIRTH_DATE), ["1952-10-07"]);
    assert_eq!(putin.get(props::BIRTH_PLACE), ["Leningrad, Russia"]);
    assert_eq!(putin.get(props::NATIONALITY), ["ru"]);
    let ebano = find(&loaded, "us_ofac_sdn-4243");
    assert_eq!(ebano.get(props::IMO_NUMBER), ["IMO7406784"]);
    assert_eq!(ebano.get(props::PREVIOUS_NAME), ["ANA I", "SAND SWAN"]);
    let persons = loaded.entities.iter().filter(|e| e.schema == Schema::Person).count();
    assert_eq!(persons, 6_854);
    let with_passport = loaded.entities.iter().filter(|e| e.has(props::PASSPORT_NUMBER)).count();
    assert!(with_passport > 1_000, "{with_passport}");
}

#[test]
fn real_sdn_earlier_versions() {
    let Some(dir) = seisai_model::testdata::dir("OFAC SDN 2021/2022") else { return };
    for (name, count) in [("sdn-2022-12-15.csv", 11_434), ("sdn-2021-08-18.csv", 9_083)] {
        let loaded = load_set("us_ofac_sdn", &real(&dir.join("ofac"), &[name]));
        assert_eq!(loaded.entities.len(), count, "{name}");
        assert!(loaded.rejected.is_empty(), "{name}: {:?}", loaded.rejected.first());
    }
}

#[test]
fn real_full_sets() {
    let Some(dir) = seisai_model::testdata::dir("OFAC CSV sets") else { return };
    let sdn = ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"];
    for (set, count) in [("2021-07", 8_976), ("2019-01", 7_379)] {
        let inputs = real(&dir.join("ofac").join(set), &sdn);
        assert_eq!(inputs.len(), 4);
        let loaded = load_set("us_ofac_sdn", &inputs);
        assert_eq!(loaded.entities.len(), count, "{set}");
        // The 2019-01 sdn_comments.csv is of a later date than its sdn.csv:
        // its rows 4-13 continue the remarks of ent_nums (17018 … 45430)
        // that sdn.csv does not have. They are rejected, not dropped.
        let orphans = if set == "2019-01" { 10 } else { 0 };
        assert_eq!(loaded.rejected.len(), orphans, "{set}: {:?}", loaded.rejected.first());
        assert!(loaded.rejected.iter().all(|r| r.file.ends_with("sdn_comments.csv") && r.reason.contains("no primary record")));
        let aero = find(&loaded, "us_ofac_sdn-36");
        assert_eq!(aero.get(props::ALIAS), ["AERO-CARIBBEAN"]);
        assert_eq!(aero.addresses.first().and_then(|a| a.city.as_deref()), Some("Havana"));
    }
    let loaded = load_set("us_ofac_sdn", &real(&dir.join("ofac/2021-07"), &sdn));
    // Remarks of 28263 continue in sdn_comments.csv in the middle of an a.k.a.
    let e = find(&loaded, "us_ofac_sdn-28263");
    assert!(e.get(props::ALIAS).iter().any(|a| a == "snowsjohn"), "{:?}", e.get(props::ALIAS));
    let cons = ["cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"];
    let loaded = load_set("us_ofac_cons", &real(&dir.join("ofac/cons-2024"), &cons));
    assert_eq!(loaded.entities.len(), 442);
    assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected.first());
    assert!(loaded.entities.iter().all(|e| e.id.starts_with("us_ofac_cons-")));
}

/// The files in `ofac/invalid/` are real files with a line of garbage
/// (`||||`) appended (and, in add.csv, LF endings and quotes only where
/// needed — still valid CSV). The right outcome is to load every good row
/// and reject the garbage line with its file, line and reason.
#[test]
fn real_invalid_files_reject_the_bad_line() {
    let Some(dir) = seisai_model::testdata::dir("OFAC invalid files") else { return };
    let inputs = real(&dir.join("ofac/invalid"), &["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"]);
    assert_eq!(inputs.len(), 4);
    let loaded = load_set("us_ofac_sdn", &inputs);
    assert_eq!(loaded.entities.len(), 7_379);
    let mut got: Vec<(String, String)> = loaded
        .rejected
        .iter()
        .map(|r| (r.file.rsplit('/').next().unwrap_or("").to_string(), r.location.clone()))
        .collect();
    got.sort();
    let want = [("add.csv", "line 11697"), ("alt.csv", "line 9683"), ("sdn.csv", "line 7380"), ("sdn_comments.csv", "line 4")];
    let want: Vec<(String, String)> = want.iter().map(|(f, l)| (f.to_string(), l.to_string())).collect();
    assert_eq!(got, want, "{:?}", loaded.rejected);
    assert!(loaded.rejected.iter().all(|r| r.reason.contains("expected")));
}

#[test]
fn truncated_real_file_never_panics() {
    let Some(dir) = seisai_model::testdata::dir("OFAC truncation") else { return };
    let Ok(input) = Input::read(&dir.join("ofac/cons-2024/cons_prim.csv")) else { return };
    for cut in cut_points(input.data.len(), 50) {
        let part = Input::new("cons_prim.csv", input.data.get(..cut).unwrap_or_default());
        let mut out = Collector::new("t");
        match load(&[part], &mut out) {
            Ok(()) => {
                let loaded = out.finish();
                assert!(!loaded.entities.is_empty() || cut < 200, "cut {cut}");
            }
            Err(e) => assert!(e.to_string().contains("cons_prim.csv"), "{e}"),
        }
    }
}

