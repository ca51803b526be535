//! Tests of the MOF loader on the real workbook and on the CSV fixture.

use chrono::NaiveDate;
use seisai_model::{Entity, Schema, props, testdata};

use super::text::has_kana_or_kanji as is_japanese_name;
use crate::{Format, Input, Loaded, SourceError, load};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn find<'a>(loaded: &'a Loaded, id: &str) -> &'a Entity {
    loaded.entities.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("{id} not loaded"))
}

fn fixture() -> Input {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jp_mof_sample.csv");
    Input::read(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn real_workbook() -> Option<Input> {
    let dir = testdata::dir("jp_mof xlsx tests")?;
    Some(Input::read(&dir.join("jp/mof-asset-freeze-2026-03-05.xlsx")).unwrap_or_else(|e| panic!("{e}")))
}

#[test]
fn csv_edition_fixture() {
    let loaded = load("jp_mof", Format::JpMof, &[fixture()]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.entities.len(), 5, "{:?}", loaded.rejected);
    let putin = find(&loaded, "jp_mof-029-000001");
    assert_eq!(putin.schema, Schema::Person);
    assert_eq!(putin.get(props::NAME), ["Vladimir Putin", "ウラジーミル・プーチン"]);
    assert_eq!(putin.get(props::BIRTH_DATE), ["1952-10-07"]);
    assert_eq!(putin.get(props::NATIONALITY), ["ru"]);
    assert_eq!(putin.get("birthCountry"), ["ru"]);
    assert!(putin.get(props::PROGRAM)[0].starts_with("29: 資産凍結等の措置の対象となるロシア連邦の団体及び個人"));

    let akhund = find(&loaded, "jp_mof-002-000002");
    assert_eq!(akhund.get(props::BIRTH_DATE), ["1955/1958", "1945/1950~"]);
    assert_eq!(akhund.get(props::LISTING_DATE), ["2001-09-22"]);
    assert_eq!(akhund.get(props::MODIFIED_AT), ["2008-06-25", "2012-03-27"]);
    assert_eq!(akhund.get(props::ALIAS), ["モハンマド・ハッサン", "ムラー・ハッサン", "Mohammad Hassan", "Mullah Hassan"]);

    let vtb = find(&loaded, "jp_mof-030-000001");
    assert_eq!(vtb.schema, Schema::Organization);
    assert_eq!(vtb.get(props::ALIAS), ["ＶＴＢ", "ヴネシュトルグバンク", "VTB", "Vneshtorgbank"]);
    assert_eq!(vtb.get(props::PREVIOUS_NAME), ["外国貿易銀行", "Bank for Foreign Trade"]);
    assert_eq!(vtb.addresses.len(), 2);
    assert_eq!(vtb.addresses[1].country.as_deref(), Some("ru"));

    // The tombstone with the same 番号 delists Borodai.
    let borodai = find(&loaded, "jp_mof-026-000052");
    assert_eq!(borodai.get(props::DELISTING_DATE), ["2025-01-10"]);
    assert!(borodai.in_force_on(day(2025, 1, 9)));
    assert!(!borodai.in_force_on(day(2025, 1, 10)));
    assert!(!borodai.in_force_on(day(2014, 8, 4)));

    // The tombstone whose party is not in the file is reported, not lost.
    assert_eq!(loaded.rejected.len(), 1);
    assert!(loaded.rejected[0].reason.starts_with("delisting tombstone without a name: jp_mof-005-000008 delisted 2022-04-06"));
    assert_eq!(loaded.rejected[0].location, "line 7");
}

#[test]
fn shift_jis_csv_is_decoded_explicitly() {
    let text = fixture().text().map(str::to_string).unwrap_or_default();
    let (sjis, _, errors) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!errors);
    let loaded = load("jp_mof", Format::JpMof, &[Input::new("sjis.csv", sjis.into_owned())]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.entities.len(), 5);
    assert!(loaded.warnings.iter().any(|w| w.contains("Shift_JIS")));
    // Bytes that are neither UTF-8 nor a Shift_JIS MOF header: clear error.
    let err = load("jp_mof", Format::JpMof, &[Input::new("latin1.csv", b"\xe9t\xe9,\xff\n".to_vec())]);
    assert!(matches!(err, Err(SourceError::Encoding { ref file, .. }) if file == "latin1.csv"), "{err:?}");
}

#[test]
fn truncated_or_foreign_csv_gives_errors_not_panics() {
    let data = fixture().data;
    for cut in [0, 3, 40, 200, data.len() / 2, data.len() - 5] {
        let input = Input::new("cut.csv", data.get(..cut).unwrap_or_default().to_vec());
        match load("jp_mof", Format::JpMof, &[input]) {
            Ok(l) => assert!(l.entities.len() <= 5),
            Err(e) => assert!(e.to_string().starts_with("cut.csv"), "{e}"),
        }
    }
    let err = load("jp_mof", Format::JpMof, &[Input::new("other.csv", "a,b,c\n1,2,3\n")]);
    assert!(matches!(err, Err(SourceError::Format { ref location, .. }) if location == "line 1"), "{err:?}");
}

#[test]
fn truncated_xlsx_names_the_file() {
    let Some(input) = real_workbook() else { return };
    for cut in [4, 1000, input.data.len() / 2, input.data.len() - 100] {
        let cut_input = Input::new("cut.xlsx", input.data.get(..cut).unwrap_or_default().to_vec());
        let err = load("jp_mof", Format::JpMof, &[cut_input]);
        match err {
            Err(e) => assert!(e.to_string().starts_with("cut.xlsx: workbook") || e.to_string().contains("sheet '"), "{e}"),
            Ok(l) => panic!("truncated workbook loaded {} entities", l.entities.len()),
        }
    }
}

#[test]
fn real_workbook_counts_and_records() {
    let Some(input) = real_workbook() else { return };
    let loaded = load("jp_mof", Format::JpMof, &[input]).unwrap_or_else(|e| panic!("{e}"));
    // 3,473 data rows: 2,862 named rows → entities; 598 `削除` tombstones
    // (their parties' rows are gone, so each is reported); 12 rows that
    // continue the remarks of the row above (Somalia sheet) are merged into
    // it; 1 row with a date and number but no name (Taliban sheet row 276).
    assert_eq!(loaded.entities.len(), 2862);
    let tombstones = loaded.rejected.iter().filter(|r| r.reason.starts_with("delisting tombstone")).count();
    assert_eq!(tombstones, 598);
    assert_eq!(loaded.rejected.len(), 599, "{:?}", loaded.rejected.iter().filter(|r| !r.reason.starts_with("delisting")).collect::<Vec<_>>());
    let fully_delisted = loaded.warnings.iter().filter(|w| w.contains("regime fully delisted")).count();
    assert_eq!(fully_delisted, 3);

    let putin = find(&loaded, "jp_mof-029-000001");
    assert_eq!(putin.schema, Schema::Person);
    assert_eq!(putin.get(props::NAME), ["Vladimir Putin", "ウラジーミル・プーチン"]);
    assert_eq!(putin.get(props::BIRTH_DATE), ["1952-10-07"]);
    assert_eq!(putin.get(props::LISTING_DATE), ["2022-03-01"]);
    assert_eq!(putin.get(props::POSITION), ["ロシア連邦大統領", "President of the Russian Federation"]);
    assert_eq!(putin.get("birthCountry"), ["ru"]);
    assert!(putin.get(props::PROGRAM)[0].starts_with("29: 資産凍結等の措置の対象となるロシア連邦の団体及び個人（個人）"));
    assert!(putin.in_force_on(day(2026, 3, 5)) && !putin.in_force_on(day(2022, 2, 28)));

    // Aliases of one cell split into Japanese and English names.
    let ftb = find(&loaded, "jp_mof-014-000047");
    assert_eq!(ftb.schema, Schema::Organization);
    assert_eq!(ftb.get(props::ALIAS), ["エフ・ティー・ビー", "ムヨクバンク", "コリア・トレーディング・バンク", "FTB", "Mooyokbank", "Korea Trading Bank"]);
    assert_eq!(ftb.get(props::MODIFIED_AT), ["2022-08-03"]);
    assert!(ftb.get(props::NOTES).iter().any(|n| n == "告示番号: #47"));

    // A name with its original script in brackets is two names.
    let sahraoui = find(&loaded, "jp_mof-002-000504");
    assert_eq!(sahraoui.get(props::NAME), ["NESSIM BEN ROMDHANE SAHRAOUI", "نسيم بن رمضان صحراوي", "ネシーム・ベン・ロムダーネ・サハラーウィー"]);
    let bracketed = loaded.entities.iter().flat_map(|e| e.names()).filter(|(_, n)| n.contains("original script")).count();
    assert!(bracketed <= 10, "{bracketed} names still carry their original script in brackets");

    // Japanese-text birth-date ranges are ranges.
    let ranges = loaded.entities.iter().filter(|e| e.get(props::BIRTH_DATE).iter().any(|d| d.contains('/'))).count();
    assert!(ranges >= 20, "{ranges} entities with a birth-date range");
    let unparsed_dobs = loaded.warnings.iter().filter(|w| w.contains("birth date")).count();
    assert!(unparsed_dobs < 40, "{unparsed_dobs} birth dates not understood");

    // Nationalities resolve to ISO codes (Japanese names from
    // tools/country_aliases.tsv); only sentences stay notes.
    let codes = loaded.entities.iter().map(|e| e.get(props::NATIONALITY).len()).sum::<usize>();
    let unresolved = loaded.entities.iter().flat_map(|e| e.get(props::NOTES)).filter(|n| n.starts_with("国籍: ")).count();
    assert!(codes > 700 && unresolved < 10, "{codes} nationality codes, {unresolved} unresolved");
    assert!(loaded.entities.iter().any(|e| e.get(props::NATIONALITY) == ["tn"]));

    let persons = loaded.entities.iter().filter(|e| e.schema == Schema::Person).count();
    let orgs = loaded.entities.iter().filter(|e| e.schema == Schema::Organization).count();
    let legal = loaded.entities.iter().filter(|e| e.schema == Schema::LegalEntity).count();
    let ja_names = loaded.entities.iter().flat_map(|e| e.names()).filter(|(_, n)| is_japanese_name(n)).count();
    eprintln!("jp_mof xlsx: {persons} Person, {orgs} Organization, {legal} LegalEntity; {ja_names} names in Japanese script");
    assert_eq!(persons + orgs + legal, 2862);
    assert!(persons > 1500 && orgs > 500, "{persons} persons, {orgs} organisations");
}
