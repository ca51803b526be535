use super::*;

fn g() -> &'static Gazetteer {
    Gazetteer::builtin()
}

fn best(text: &str, country: Option<&str>) -> Option<(String, Confidence, bool)> {
    g().detect(text, country).first().map(|h| (h.code.clone(), h.confidence, h.blocks()))
}

#[test]
fn builtin_gazetteer_loads_all_six_regions() {
    assert_eq!(g().regions.len(), 6);
    assert!(g().name_count() > 250, "{}", g().name_count());
}

#[test]
fn crimea_by_place_in_three_scripts() {
    for text in ["UL KIEVSKAYA 77 SIMFEROPOL", "г. Симферополь, ул. Киевская 77", "シンフェロポリ市", "ｼﾝﾌｪﾛﾎﾟﾘ"] {
        assert_eq!(best(text, None), Some(("UA-43".into(), Confidence::High, true)), "{text}");
    }
}

#[test]
fn sevastopol_katakana_variants() {
    for text in ["セヴァストーポリ", "セバストポリ", "Севастополь", "Sevastopol'"] {
        assert_eq!(best(text, None).map(|b| b.0), Some("UA-40".into()), "{text}");
    }
}

#[test]
fn postal_codes_need_a_country_or_corroboration() {
    assert_eq!(best("295000", Some("UA")), Some(("UA-43".into(), Confidence::High, true)));
    assert_eq!(best("299011", Some("RU")), Some(("UA-40".into(), Confidence::High, true)));
    assert_eq!(best("INVOICE 295000", None), None);
    assert_eq!(best("295000", Some("DE")), None);
    assert_eq!(best("95000 Simferopol", Some("Ukraine")).map(|b| b.1), Some(Confidence::High));
    // A bare Ukrainian 5-digit code only counts with a Ukrainian address.
    assert_eq!(best("95000", Some("FR")), None);
    assert_eq!(best("95000", Some("UA")).map(|b| b.0), Some("UA-43".into()));
}

#[test]
fn partly_occupied_oblasts_only_review() {
    let (code, conf, blocks) = best("Melitopol, Zaporizhzhia oblast", Some("UA")).unwrap_or((String::new(), Confidence::Low, false));
    assert_eq!(code, "UA-23");
    assert_eq!(conf, Confidence::Medium);
    assert!(!blocks);
    let (code, conf, _) = best("Kherson", Some("UA")).unwrap_or((String::new(), Confidence::Low, false));
    assert_eq!((code.as_str(), conf), ("UA-65", Confidence::Low));
    assert_eq!(best("291001 Луганск", None).map(|b| (b.0, b.2)), Some(("UA-09".into(), false)));
}

#[test]
fn ambiguous_names_need_ua_or_ru() {
    assert_eq!(best("Tokmak, Chuy Region", Some("KG")), None);
    assert_eq!(best("Tokmak", Some("UA")).map(|b| b.0), Some("UA-23".into()));
    assert_eq!(best("Saki", None).map(|b| b.1), Some(Confidence::Low));
    assert_eq!(best("Saki", Some("UA")).map(|b| b.1), Some(Confidence::High));
}

#[test]
fn iso_codes_and_word_boundaries() {
    assert_eq!(best("region UA-43", None).map(|b| b.0), Some("UA-43".into()));
    assert_eq!(best("UA-430", None), None);
    assert_eq!(best("Kerchief Street 5", None), None);
    assert_eq!(best("Donetsk People's Republic", None).map(|b| b.0), Some("UA-14".into()));
}

#[test]
fn gazetteer_errors_name_the_field() {
    let bad = r#"version = "x"
[[region]]
code = "UA-43"
name = "C"
whole_territory = true
names = []
ua_postal_prefixes = []
ru_postal_ranges = [["29500", "298999"]]
ru_postal_confidence = "high"
places = []
"#;
    let err = Gazetteer::from_toml(bad, "g.toml").err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("g.toml") && err.contains("ru_postal_ranges[0]"), "{err}");
}
