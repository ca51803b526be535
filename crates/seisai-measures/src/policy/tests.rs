use std::path::PathBuf;

use chrono::NaiveDate;

use super::*;

fn policies_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../policies")
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

#[test]
fn shipped_policies_load() {
    let all = Policy::load_dir(policies_dir());
    let all = match all {
        Ok(a) => a,
        Err(e) => panic!("{e}"),
    };
    let jp = all.iter().find(|p| p.file.policy.id == "jp-russia").map(|p| &p.file);
    let Some(jp) = jp else { panic!("jp-russia policy missing") };
    assert!(jp.measure.len() >= 35, "{} measures", jp.measure.len());
    assert!(all.iter().any(|p| p.file.policy.id == "eu-russia-sample"));
    // Every dated measure of the reference table that is machine-checkable.
    for id in [
        "JP-2014-02", "JP-2014-03", "JP-2014-04", "JP-2014-05", "JP-2014-07", "JP-2022-01", "JP-2022-02", "JP-2022-03-I",
        "JP-2022-03-E", "JP-2022-04", "JP-2022-05", "JP-2022-06", "JP-2022-08", "JP-2022-09", "JP-2022-10", "JP-2022-11-L",
        "JP-2022-11-G", "JP-2022-12", "JP-2022-15", "JP-2022-19", "JP-2022-19-B", "JP-2022-20", "JP-2022-21", "JP-2022-22",
        "JP-2022-23", "JP-2023-01", "JP-2023-02", "JP-2023-03", "JP-2023-04", "JP-2023-05", "JP-2025-01", "JP-2025-02",
    ] {
        assert!(jp.measure.iter().any(|m| m.id == id), "{id} missing");
    }
    let chpl = jp.goods_list.iter().find(|l| l.id == "CHPL").map(|l| l.items.len());
    assert_eq!(chpl, Some(50));
}

#[test]
fn uncertain_facts_of_the_reference_are_marked() {
    let Ok(p) = Policy::load(policies_dir().join("jp-russia.toml")) else { panic!("load") };
    for (id, field) in [
        ("JP-2014-05", "scope.securities.maturity_over_days"),
        ("JP-2022-03-E", "scope.regions"),
        ("JP-2022-11-L", "scope.goods.value_thresholds"),
        ("JP-2022-19-B", "effective"),
        ("JP-2022-20", "effective"),
        ("JP-2023-01", "scope.price_caps[1].max_usd_per_bbl"),
        ("JP-2025-02", "scope.lists"),
    ] {
        let m = p.file.measure.iter().find(|m| m.id == id);
        assert!(m.is_some_and(|m| m.uncertain && m.uncertainty.iter().any(|u| u.field == field)), "{id} {field}");
    }
}

#[test]
fn measures_in_force_follow_dates() {
    let Ok(p) = Policy::load(policies_dir().join("jp-russia.toml")) else { panic!("load") };
    let ids = |day: &str| p.measures_on(d(day)).map(|m| m.id.clone()).collect::<Vec<_>>();
    assert!(!ids("2022-03-17").contains(&"JP-2022-10".to_string()));
    assert!(ids("2022-03-18").contains(&"JP-2022-10".to_string()));
    assert!(ids("2025-09-11").contains(&"JP-2022-23".to_string()));
    assert!(!ids("2014-08-04").contains(&"JP-2014-04".to_string()));
}

fn err_of(text: &str) -> String {
    Policy::from_toml(text, "t.toml").err().map(|e| e.to_string()).unwrap_or_else(|| "no error".into())
}

const HEAD: &str = r#"[policy]
id = "t"
title = "T"
jurisdiction = "JP"
version = "1"
format = 1
facts_as_of = "2026-01-01"
"#;

fn with_measure(body: &str) -> String {
    format!(
        "{HEAD}\n[[measure]]\nid = \"M-1\"\ntitle = \"x\"\nauthority = \"a\"\nministries = [\"METI\"]\nlegal_basis = [\"FEFTA\"]\neffective = \"2022-03-18\"\noutcome = \"PROHIBITED\"\nsources = [\"s\"]\n{body}"
    )
}

#[test]
fn errors_name_file_measure_and_field() {
    let e = err_of(&with_measure("kind = \"export_ban\"\nscope.countries = [\"RU\"]\nscope.goods = { hs_prefixes = [\"85x\"] }\n"));
    assert!(e.contains("t.toml") && e.contains("measure M-1") && e.contains("scope.goods.hs_prefixes[0]"), "{e}");
    let e = err_of(&with_measure("kind = \"export_ban\"\nscope.countries = [\"ru\"]\nscope.goods = { all = true }\n"));
    assert!(e.contains("scope.countries[0]"), "{e}");
    let e = err_of(&with_measure("kind = \"export_ban\"\nscope.goods = { all = true }\n"));
    assert!(e.contains("needs goods and destination"), "{e}");
    let e = err_of(&with_measure("kind = \"asset_freeze\"\nscope.lists = [{ dataset = \"jp_mof\" }]\nuncertain = true\n"));
    assert!(e.contains("field uncertain"), "{e}");
    let e = err_of(&with_measure("kind = \"import_ban\"\nscope.regions = [\"Crimea\"]\nscope.goods = { all = true }\n"));
    assert!(e.contains("scope.regions[0]"), "{e}");
    let e = err_of(&with_measure("kind = \"price_cap\"\nscope.price_caps = [{ product = \"crude\", hs_prefixes = [\"2709\"], max_usd_per_bbl = -1.0, from = \"2022-12-05\" }]\n"));
    assert!(e.contains("max_usd_per_bbl"), "{e}");
    let e = err_of(&with_measure("kind = \"export_ban\"\nscope.countries = [\"RU\"]\nscope.goods = { lists = [{ list = \"NOPE\" }] }\n"));
    assert!(e.contains("no goods_list \"NOPE\""), "{e}");
    let e = err_of(&with_measure("kind = \"asset_freeze\"\nscope.lists = [{ dataset = \"jp_mof\" }]\nended = \"2022-01-01\"\n"));
    assert!(e.contains("field ended"), "{e}");
}

#[test]
fn syntax_and_type_errors_carry_position_and_key() {
    let e = err_of(&with_measure("kind = \"embargo\"\n"));
    assert!(e.contains("t.toml") && e.contains("kind") || e.contains("embargo"), "{e}");
    let e = err_of(&with_measure("kind = \"asset_freeze\"\nscope.lists = [{ dataset = \"jp_mof\" }]\nefective = \"2022-01-01\"\n"));
    assert!(e.contains("efective"), "{e}");
    let e = err_of("[policy\n");
    assert!(e.starts_with("t.toml:"), "{e}");
    let e = err_of(&HEAD.replace("format = 1", "format = 2"));
    assert!(e.contains("policy.format"), "{e}");
}

#[test]
fn duplicate_ids_are_rejected() {
    let one = with_measure("kind = \"asset_freeze\"\nscope.lists = [{ dataset = \"jp_mof\" }]\n");
    let two = format!("{one}\n[[measure]]\nid = \"M-1\"\nkind = \"visa_ban\"\ntitle = \"x\"\nauthority = \"a\"\nministries = [\"MOFA\"]\nlegal_basis = [\"x\"]\neffective = \"2022-01-01\"\noutcome = \"REVIEW\"\nsources = [\"s\"]\n");
    assert!(err_of(&two).contains("used twice"));
}

#[test]
fn json_schema_lists_the_same_measure_kinds() {
    let Ok(text) = std::fs::read_to_string(policies_dir().join("policy.schema.json")) else { panic!("schema missing") };
    let Ok(schema) = serde_json::from_str::<serde_json::Value>(&text) else { panic!("schema is not JSON") };
    let kinds = schema.pointer("/$defs/measure/properties/kind/enum").and_then(|v| v.as_array()).cloned().unwrap_or_default();
    for k in [
        MeasureKind::AssetFreeze, MeasureKind::ImportBan, MeasureKind::ExportBan, MeasureKind::SecuritiesBan,
        MeasureKind::InvestmentBan, MeasureKind::ServiceBan, MeasureKind::PriceCap, MeasureKind::VisaBan,
    ] {
        assert!(kinds.iter().any(|v| v.as_str() == Some(k.as_str())), "{}", k.as_str());
    }
}

#[test]
fn measures_table_lists_dates_and_marks_uncertainty() {
    let Ok(p) = Policy::load(policies_dir().join("jp-russia.toml")) else { panic!("load") };
    let in_force: Vec<&Measure> = p.measures_on(d("2022-03-18")).collect();
    let table = render_measures(&in_force);
    assert!(table.contains("JP-2022-10*") && table.contains("2022-03-18") && table.contains("FEFTA Art. 48(3)"), "{table}");
    assert!(!table.contains("JP-2023-01"), "{table}");
}

#[test]
fn japanese_renderings_are_checked_and_given_for_every_japanese_measure() {
    let e = err_of(&with_measure("kind = \"visa_ban\"\nlegal_basis_ja = [\"外国為替及び外国貿易法\", \"第48条\"]\n"));
    assert!(e.contains("measure M-1") && e.contains("legal_basis_ja") && e.contains("has 2 entries, legal_basis has 1"), "{e}");
    let e = err_of(&with_measure("kind = \"visa_ban\"\ntitle_ja = \" \"\n"));
    assert!(e.contains("title_ja") && e.contains("must not be empty"), "{e}");
    let Ok(p) = Policy::load(policies_dir().join("jp-russia.toml")) else { panic!("load") };
    for m in &p.file.measure {
        assert!(m.title_ja.as_deref().is_some_and(|t| t.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c))), "{} has no Japanese title", m.id);
        assert_eq!(m.legal_basis_ja.len(), m.legal_basis.len(), "{}", m.id);
    }
}
