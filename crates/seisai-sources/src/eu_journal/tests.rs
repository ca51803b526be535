use std::path::Path;

use seisai_model::{Schema, props};

use super::*;
use crate::test_report::{dir_inputs, load_ok, report, scripts_of_entity};
use crate::{Loaded, load as load_format, Format};

const HEADER: &str = "celex,recordId,programKey,annex,measure,startDate,reason,schema,name,alias,weakAlias,previousName,country,nationality,birthDate,gender,passportNumber,innCode,address,notes\n";

fn run(inputs: &[Input]) -> Result<Loaded, SourceError> {
    load_format("eu_journal", Format::EuJournalCsv, inputs)
}

fn entity<'a>(loaded: &'a Loaded, id: &str) -> &'a Entity {
    match loaded.entities.iter().find(|e| e.id == id) {
        Some(e) => e,
        None => panic!("no entity {id}"),
    }
}

#[test]
fn reads_a_designation() {
    let csv = format!(
        "{HEADER}32014R0269,1,EU-UKR,I.PERSONS,Asset freeze,17.3.2014,Elected Prime Minister.,Person,Sergey Valeryevich AKSYONOV,\"Sergei AKSENOV (Сергей АКСЁНОВ); Serhiy AKSYONOV (Сергій АКСЬОНОВ)\",,,Ukraine,Russian,26.11.1972,Male,123,7701;7702,Simferopol; Kerch,Listed again\n"
    );
    let loaded = run(&[Input::new("32014R0269.csv", csv)]).unwrap_or_default();
    assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected);
    let e = entity(&loaded, "eu_journal-32014R0269-1");
    assert_eq!(e.schema, Schema::Person);
    assert_eq!(e.get(props::NAME), ["Sergey Valeryevich AKSYONOV"]);
    assert_eq!(e.get(props::ALIAS), ["Sergei AKSENOV", "Сергей АКСЁНОВ", "Serhiy AKSYONOV", "Сергій АКСЬОНОВ"]);
    assert_eq!(e.get(props::BIRTH_DATE), ["1972-11-26"]);
    assert_eq!(e.get(props::LISTING_DATE), ["2014-03-17"]);
    assert_eq!(e.get(props::PROGRAM), ["EU-UKR"]);
    assert_eq!(e.get(props::NOTES), ["Elected Prime Minister.", "Listed again"]);
    assert_eq!(e.get(props::GENDER), ["male"]);
    assert_eq!(e.get(props::COUNTRY), ["ua"]);
    assert_eq!(e.get(props::INN_CODE), ["7701", "7702"]);
    assert_eq!(e.get(props::ADDRESS), ["Simferopol", "Kerch"]);
    assert_eq!(e.get(props::TOPICS), ["sanction"]);
    assert_eq!(e.get("provisions"), ["Asset freeze"]);
    assert_eq!(e.source_id.as_deref(), Some("32014R0269-1"));
    assert_eq!(e.get(props::SOURCE_URL), ["https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32014R0269"]);
}

#[test]
fn amending_act_rows_use_the_amended_act() {
    let csv = "amendedCelex,amendmentCelex,recordId,programKey,annex,measure,startDate,reason,schema,name\n\
               32020R1998,32026R1720,139,EU-HR,I.A,Asset freeze,13.7.2026,,Person,Alexei KHAVETSKY\n\
               32006R0765,32026R1846,,EU-BLR,V,Export control,,,LegalEntity,CHIP AND DIP LLC\n";
    let loaded = run(&[Input::new("32026R1720.csv", csv)]).unwrap_or_default();
    let e = entity(&loaded, "eu_journal-32020R1998-139");
    assert_eq!(e.get(props::SOURCE_URL), ["https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32026R1720"]);
    let chip = format!("eu_journal-32006R0765-V-{}", ids::name_hash("CHIP AND DIP LLC"));
    assert_eq!(entity(&loaded, &chip).get(props::TOPICS), ["export.control"]);
}

#[test]
fn bad_rows_are_rejected_with_file_and_line() {
    let mut data = HEADER.as_bytes().to_vec();
    data.extend_from_slice(b"32014R0269,1,EU-UKR,I,Asset freeze,,,Person,Good,,,,,,,,,,,\n");
    data.extend_from_slice(b"32014R0269,2,EU-UKR,I,Asset freeze,,,Person,Caf\xe9 cp1252,,,,,,,,,,,\n");
    data.extend_from_slice(b"32014R0269,3,EU-UKR,I,too,few,columns\n");
    data.extend_from_slice(b",4,EU-UKR,I,Asset freeze,,,Person,No celex,,,,,,,,,,,\n");
    data.extend_from_slice(b"32014R0269,5,EU-UKR,I,Asset freeze,,,Person,,,,,,,,,,,,\n");
    let loaded = run(&[Input::new("x/32014R0269.csv", data)]).unwrap_or_default();
    assert_eq!(loaded.entities.len(), 1);
    let where_: Vec<_> = loaded.rejected.iter().map(|r| (r.file.as_str(), r.location.as_str())).collect();
    assert_eq!(
        where_,
        [("x/32014R0269.csv", "line 3"), ("x/32014R0269.csv", "line 4"), ("x/32014R0269.csv", "line 5"), ("x/32014R0269.csv", "line 6")]
    );
    assert!(loaded.rejected[0].reason.contains("UTF-8"), "{:?}", loaded.rejected[0]);
    assert!(loaded.rejected[3].reason.contains("no name"), "{:?}", loaded.rejected[3]);
}

#[test]
fn wrong_header_is_a_clear_error() {
    let err = run(&[Input::new("a.csv", "foo,bar\n1,2\n")]).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.starts_with("a.csv: line 1:") && err.contains("recordId"), "{err}");
    let err = run(&[]).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("no CSV file"), "{err}");
}

#[test]
fn truncated_input_never_panics() {
    let csv = format!(
        "{HEADER}32014R0269,1,EU-UKR,I.PERSONS,Asset freeze,17.3.2014,\"Reason, with comma\",Person,Sergey AKSYONOV,\"Сергей (АКСЁНОВ)\",,,Ukraine,Russian,26.11.1972,male,1,2,Addr,n\n32014R0269,2,EU-UKR,I.PERSONS,Asset freeze,1.1.2020,,Person,Second Person,,,,,,,,,,,\n"
    );
    let bytes = csv.as_bytes();
    for cut in 0..bytes.len() {
        let input = Input::new("cut.csv", bytes.get(..cut).unwrap_or_default());
        match run(&[input]) {
            Ok(loaded) => {
                for r in &loaded.rejected {
                    assert_eq!(r.file, "cut.csv");
                    assert!(r.location.starts_with("line "), "{r:?}");
                }
            }
            Err(e) => assert!(e.to_string().starts_with("cut.csv: "), "{e}"),
        }
    }
}

fn real_dir(sub: &str) -> Option<Vec<Input>> {
    let root = seisai_model::testdata::dir("eu_journal real designations")?;
    dir_inputs(&root.join("eu").join(sub), "csv")
}

#[test]
fn real_consolidated_acts() {
    let Some(inputs) = real_dir("consolidated") else { return };
    let loaded = load_ok("eu_journal", Format::EuJournalCsv, &inputs);
    report("eu_journal consolidated", &loaded);
    assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected.first());
    // 8,017 designation rows. Two entries of 32002R0881 Annex I (Ali Ghaleb
    // Himmat, Mustapha Nasri Ben Abdul Kader Ait El Hadi) are printed twice
    // without an entry number; both copies get the same id and are merged.
    let merged = loaded.warnings.iter().filter(|w| w.contains("duplicate id")).count();
    assert_eq!(merged, 2, "{:?}", loaded.warnings.iter().filter(|w| w.contains("duplicate id")).collect::<Vec<_>>());
    assert_eq!(loaded.entities.len() + merged, 8017);
    let persons = loaded.entities.iter().filter(|e| e.schema == Schema::Person).count();
    assert_eq!(persons + merged, 4500);
    let original_script = loaded
        .entities
        .iter()
        .filter(|e| {
            use crate::script::Script::*;
            scripts_of_entity(e).iter().any(|s| matches!(s, Cyrillic | Arabic | Han | Hangul | Greek))
        })
        .count();
    println!("REPORT eu_journal consolidated: {original_script} entities with Cyrillic, Arabic, Han, Hangul or Greek names");
    assert!(original_script >= 3000, "{original_script} entities with Cyrillic, Arabic, Han, Hangul or Greek names");

    // Concrete record, with the original-script forms split out.
    let aksyonov = entity(&loaded, "eu_journal-32014R0269-I.PERSONS-1");
    assert_eq!(aksyonov.get(props::NAME), ["Sergey Valeryevich AKSYONOV"]);
    assert!(aksyonov.get(props::ALIAS).iter().any(|a| a == "Sergei Valerievich AKSENOV"));
    assert!(aksyonov.get(props::ALIAS).iter().any(|a| a == "Сергей Валерьевич АКСЁНОВ"));
    assert_eq!(aksyonov.get(props::BIRTH_DATE), ["1972-11-26"]);
    assert_eq!(aksyonov.get(props::LISTING_DATE), ["2014-03-17"]);

    // Tie-breaking on a real act: 32001R2580 numbers persons (II.A) and
    // groups (II.B) from 1, so entry 1 needs the annex; 32002R0881 Annex I
    // has no entry numbers, so the name hash separates its entries.
    assert_eq!(entity(&loaded, "eu_journal-32001R2580-II.A-1").get(props::NAME), ["ABDOLLAHI Hamed"]);
    assert_eq!(entity(&loaded, "eu_journal-32001R2580-II.B-1").get(props::NAME), ["Abu Nidal Organisation"]);
    let himmat = format!("eu_journal-32002R0881-I-{}", ids::name_hash("Ali Ghaleb Himmat"));
    assert_eq!(entity(&loaded, &himmat).get(props::BIRTH_DATE), ["1938-06-16"]);
    let ids: std::collections::HashSet<_> = loaded.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), loaded.entities.len());
}

#[test]
fn real_amending_acts_and_whole_set() {
    let (Some(amendments), Some(consolidated)) = (real_dir("amendments"), real_dir("consolidated")) else { return };
    let loaded = load_ok("eu_journal", Format::EuJournalCsv, &amendments);
    report("eu_journal amendments", &loaded);
    // 417 rows; 32026R1941 lists the vessel AVAX twice in Annex V entry 1
    // (once per measure), merged into one entity.
    let merged = loaded.warnings.iter().filter(|w| w.contains("duplicate id")).count();
    assert_eq!(loaded.entities.len() + merged, 417);
    let avax = entity(&loaded, "eu_journal-32016R0044-1");
    assert_eq!(avax.get("provisions"), ["Transportation restrictions", "Financial restrictions"]);

    // Together: amendments restating an existing entry (same act, annex,
    // entry number and name) merge into the consolidated entity.
    let mut all = consolidated;
    all.extend(amendments);
    let whole = load_ok("eu_journal", Format::EuJournalCsv, &all);
    let ansari: Vec<_> = whole.entities.iter().filter(|e| e.get(props::NAME).iter().any(|n| n == "Ali ANSARI")).collect();
    assert_eq!(ansari.len(), 1, "{:?}", ansari.iter().map(|e| &e.id).collect::<Vec<_>>());
    assert!(whole.entities.len() < 8017 + 417);
}

#[test]
fn dir_inputs_skip_other_files() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let _ = std::fs::write(dir.path().join("b.csv"), "x");
    let _ = std::fs::write(dir.path().join("a.txt"), "x");
    let inputs = dir_inputs(Path::new(dir.path()), "csv").unwrap_or_default();
    assert_eq!(inputs.len(), 1);
}
