//! Tests of the export-ban loader on samples and on the real lists.

use super::*;
use crate::{Format, Loaded, load as load_any};
use seisai_model::{props, testdata};

const SAMPLE: &str = "○ 国際平和のための国際的な努力に我が国として寄与するために講ずる輸出等に係る禁止措置
の対象となるロシア連邦の団体（令和四年外務省告示第八十二号）
指定日：2022 年03月01 日
最終更新日：2025 年09 月12 日
１ 株式会社アドミラルティ造船所
Admiralty Shipyard JSC
所在地：203, Fontanka Emb., 190121, St. Peterburg, Russia.
２ 連邦保安庁
Federal Security Service (FSB), a.k.a., the following one alias:
-Federalnaya Sluzhba Bezopasnosti
所在地：Ulitsa Kuznetskiy Most, Dom 22, Moscow 107031, Russia; and Lubyanskaya
Ploschad, Dom 2, Moscow 107031, Russia.3 国際量子光学・量子技術センター（別称、ロシア量子センター及び RQC）
International Center for Quantum Optics and Quantum Technologies LLS, a.k.a. the
following two aliases:
-Russian Quantum Center; and
-RQC
所在地：164 Antonova Avenue 1, Ulianovsk 432072, Russia
4 アルファ・マシナリー・グループ
Alfa Machinery Group
別称：AMG社; 有限会社 AMG
LLC Company AMG; Kompaniya AMG
所在地：ul. Kuskovskaya, d. 20A, Moscow 111141, Russia
";

fn ids(l: &Loaded) -> Vec<&str> {
    l.entities.iter().map(|e| e.id.as_str()).collect()
}

#[test]
fn sample_entries() {
    let loaded = load_any("jp_export_ban", Format::JpExportBan, &[Input::new("x.txt", SAMPLE)]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids(&loaded), ["jp_export_ban-ru-1", "jp_export_ban-ru-2", "jp_export_ban-ru-3", "jp_export_ban-ru-4"]);
    let fsb = &loaded.entities[1];
    assert_eq!(fsb.get(props::NAME), ["Federal Security Service (FSB)", "連邦保安庁"]);
    assert_eq!(fsb.get(props::ALIAS), ["Federalnaya Sluzhba Bezopasnosti"]);
    assert_eq!(fsb.addresses.len(), 2);
    assert_eq!(fsb.addresses[1].full, "Lubyanskaya Ploschad, Dom 2, Moscow 107031, Russia.");
    assert_eq!(fsb.get(props::PROGRAM), ["令和四年外務省告示第八十二号"]);
    assert_eq!(fsb.get(props::LISTING_DATE), ["2022-03-01"]);
    assert_eq!(fsb.get(props::MODIFIED_AT), ["2025-09-12"]);
    assert_eq!(loaded.published.map(|d| d.to_string()).as_deref(), Some("2025-09-12"));
    let rqc = &loaded.entities[2];
    assert_eq!(rqc.get(props::NAME), ["International Center for Quantum Optics and Quantum Technologies LLS", "国際量子光学・量子技術センター"]);
    assert_eq!(rqc.get(props::ALIAS), ["Russian Quantum Center", "RQC", "ロシア量子センター"]);
    let amg = &loaded.entities[3];
    assert_eq!(amg.get(props::ALIAS), ["AMG社", "有限会社 AMG", "LLC Company AMG", "Kompaniya AMG"]);
}

#[test]
fn broken_inputs() {
    let err = load_any("jp_export_ban", Format::JpExportBan, &[Input::new("x.txt", "hello\nworld\n")]);
    assert!(err.is_err());
    let err = load_any("jp_export_ban", Format::JpExportBan, &[Input::new("x.txt", b"\xff\xfe".to_vec())]);
    assert!(matches!(err, Err(SourceError::Encoding { .. })));
    for cut in (0..SAMPLE.len()).step_by(37) {
        let Some(text) = SAMPLE.get(..cut) else { continue };
        let _ = load_any("jp_export_ban", Format::JpExportBan, &[Input::new("cut.txt", text)]);
    }
}

fn real(file: &str) -> Option<Loaded> {
    let dir = testdata::dir("jp_export_ban real lists")?;
    let input = Input::read(&dir.join("jp").join(file)).unwrap_or_else(|e| panic!("{e}"));
    Some(load_any("jp_export_ban", Format::JpExportBan, &[input]).unwrap_or_else(|e| panic!("{e}")))
}

#[test]
fn real_russia_list() {
    let Some(loaded) = real("export-ban-russia-specified-entities-2025-09-12.txt") else { return };
    assert_eq!(loaded.entities.len(), 561, "{:?}", loaded.warnings);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    for (i, e) in loaded.entities.iter().enumerate() {
        assert_eq!(e.id, format!("jp_export_ban-ru-{}", i + 1));
        let latin = e.get(props::NAME).iter().filter(|n| !has_japanese(n)).count();
        let japanese = e.get(props::NAME).iter().filter(|n| has_japanese(n)).count();
        // Entry 74's Japanese name is the Latin `MPI VOLNA` itself.
        assert!(latin == 1 && (japanese == 1 || e.id == "jp_export_ban-ru-74"), "{} names {:?}", e.id, e.get(props::NAME));
    }
    let fsb = &loaded.entities[5];
    assert_eq!(fsb.get(props::NAME), ["Federal Security Service (FSB)", "連邦保安庁"]);
    assert_eq!(fsb.get(props::ALIAS), ["Federalnaya Sluzhba Bezopasnosti"]);
    assert_eq!(fsb.get(props::ADDRESS), ["Ulitsa Kuznetskiy Most, Dom 22, Moscow 107031, Russia", "Lubyanskaya Ploschad, Dom 2, Moscow 107031, Russia."]);
    assert_eq!(fsb.get(props::COUNTRY), ["ru"]);
    let last = &loaded.entities[560];
    assert_eq!(last.get(props::NAME), ["LLC Vneshekostil", "有限会社ヴネシュエコスティル"]);
    let glued = &loaded.entities[9];
    assert_eq!(glued.get(props::NAME), ["Foreign Intelligence Service (SVR)", "対外諜報庁"]);
}

#[test]
fn real_belarus_and_third_country_lists() {
    let Some(by) = real("export-ban-belarus-specified-entities-2022-07-05.txt") else { return };
    let Some(third) = real("export-ban-third-country-entities-2025-09-12.txt") else { return };
    assert!(by.warnings.is_empty() && third.warnings.is_empty(), "{:?} {:?}", by.warnings, third.warnings);
    assert!(by.entities.iter().all(|e| e.id.starts_with("jp_export_ban-by-")));
    assert!(third.entities.iter().all(|e| e.id.starts_with("jp_export_ban-third-")));
    assert_eq!(by.entities[0].get(props::PROGRAM), ["令和四年外務省告示第百四号"]);
    assert_eq!(third.entities[0].get(props::PROGRAM), ["令和五年外務省告示第四百四十七号"]);
    assert_eq!(third.entities[0].get(props::LISTING_DATE), ["2023-12-15"]);
    eprintln!("jp_export_ban: belarus {} entries, third countries {}", by.entities.len(), third.entities.len());
    assert_eq!(third.entities.len(), 56);
}
