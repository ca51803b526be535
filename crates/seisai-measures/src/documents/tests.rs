use super::*;

/// The reference example messages (synthetic, in ../shared/reference/messages), or None with a skip note.
pub(crate) fn reference_message(name: &str) -> Option<String> {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/messages");
    match std::fs::read_to_string(dir.join(name)) {
        Ok(t) => Some(t),
        Err(_) => {
            eprintln!("skipped: reference message {name} not found under {}", dir.display());
            None
        }
    }
}

fn payment(doc: Result<Document, crate::DocumentError>) -> PaymentMessage {
    match doc {
        Ok(Document::Payment(p)) => p,
        other => panic!("expected a payment, got {other:?}"),
    }
}

const MINI_PACS: &str = r#"<?xml version="1.0"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>
<GrpHdr><MsgId>M1</MsgId><CreDtTm>2022-03-18T10:00:00</CreDtTm></GrpHdr>
<CdtTrfTxInf><IntrBkSttlmDt>2022-03-18</IntrBkSttlmDt>
<Dbtr><Nm>Tanaka &amp; Sons</Nm><PstlAdr><Ctry>JP</Ctry></PstlAdr></Dbtr>
<CdtrAgt><FinInstnId><BICFI>ZZBKRUMMXXX</BICFI></FinInstnId></CdtrAgt>
<Cdtr><Nm>OOO Romashka</Nm><PstlAdr><AdrLine>ul. Lenina 1</AdrLine><TwnNm>Sevastopol</TwnNm><Ctry>RU</Ctry></PstlAdr></Cdtr>
<RmtInf><Ustrd>HS 8542.31 chips</Ustrd></RmtInf>
</CdtTrfTxInf></FIToFICstmrCdtTrf></Document>"#;

#[test]
fn pacs008_fields_with_paths() {
    let m = payment(Document::detect(MINI_PACS.as_bytes(), "mini.xml"));
    assert_eq!(m.format, "pacs.008.001.08");
    assert_eq!(m.reference.as_deref(), Some("M1"));
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2022-03-18"));
    let dbtr = m.parties.iter().find(|p| p.role == "Dbtr").map(|p| p.names[0].clone());
    assert_eq!(dbtr.map(|n| (n.location, n.value)), Some(("Document/FIToFICstmrCdtTrf/CdtTrfTxInf/Dbtr/Nm".into(), "Tanaka & Sons".into())));
    let cdtr = m.parties.iter().find(|p| p.role == "Cdtr");
    assert!(cdtr.is_some_and(|c| c.address.iter().any(|a| a.value == "Sevastopol" && a.location.ends_with("Cdtr/PstlAdr/TwnNm"))));
    assert!(cdtr.is_some_and(|c| c.country.as_ref().is_some_and(|k| k.value == "RU")));
    assert!(m.parties.iter().any(|p| p.role == "CdtrAgt" && p.agent && p.bics[0].value == "ZZBKRUMMXXX"));
    assert_eq!(m.free_text[0].location, "Document/FIToFICstmrCdtTrf/CdtTrfTxInf/RmtInf/Ustrd");
}

#[test]
fn reference_pacs008_both_variants() {
    for name in ["pacs008_example.xml", "pacs008_example_envelope.xml"] {
        let Some(text) = reference_message(name) else { return };
        let m = payment(Document::detect(text.as_bytes(), name));
        let roles: Vec<&str> = m.parties.iter().map(|p| p.role.as_str()).collect();
        for r in ["InstgAgt", "InstdAgt", "IntrmyAgt1", "UltmtDbtr", "Dbtr", "DbtrAgt", "CdtrAgt", "Cdtr", "UltmtCdtr"] {
            assert!(roles.contains(&r), "{name}: {r} missing from {roles:?}");
        }
        let ult = m.parties.iter().find(|p| p.role == "UltmtCdtr");
        assert!(ult.is_some_and(|u| u.address.iter().any(|a| a.value == "295000")), "{name}");
        assert!(m.free_text.iter().any(|f| f.value.contains("HS 854231")));
        assert!(m.parties.iter().find(|p| p.role == "Dbtr").is_some_and(|d| d.identifiers.iter().any(|(k, v)| k == "leiCode" && v.value == "5299000ZZEXAMPLE0062")));
        assert!(m.parties.iter().find(|p| p.role == "Cdtr").is_some_and(|d| d.identifiers.iter().any(|(k, _)| k == "iban")));
        if name.contains("envelope") {
            assert!(roles.contains(&"Fr") && roles.contains(&"To"), "{roles:?}");
            assert!(m.parties.iter().any(|p| p.location == "Envelope/AppHdr/Fr"));
        }
    }
}

#[test]
fn reference_mt103() {
    let Some(text) = reference_message("mt103_example.txt") else { return };
    let m = payment(Document::detect(text.as_bytes(), "mt103_example.txt"));
    assert_eq!(m.format, "MT103");
    assert_eq!(m.reference.as_deref(), Some("ZZBK240115000123"));
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2024-01-15"));
    let ord = m.parties.iter().find(|p| p.role == "50F");
    assert!(ord.is_some_and(|p| p.names[0].value == "SAKURA DENSHI KABUSHIKI KAISHA" && p.names[0].location == ":50F: line 2"));
    assert!(ord.is_some_and(|p| p.country.as_ref().is_some_and(|c| c.value == "JP")));
    assert!(m.parties.iter().any(|p| p.role == "sender" && p.bics[0].value == "ZZBKJPJTXXX"));
    assert!(m.parties.iter().any(|p| p.role == "receiver" && p.bics[0].value == "ZZCBUS33XXX"));
    assert!(m.parties.iter().any(|p| p.role == "57A" && p.bics[0].value == "ZZTRTRIS"));
    let ben = m.parties.iter().find(|p| p.role == "59");
    assert!(ben.is_some_and(|b| b.names[0].value == "ANADOLU ELEKTRONIK TICARET AS"));
    assert!(m.free_text.iter().any(|f| f.location == ":70: line 3" && f.value == "/ULTB/KRYMTEKH POSTAVKA OOO"));
    assert!(m.free_text.iter().any(|f| f.location == ":72: line 1"));
}

const MT202COV: &str = "{1:F01ZZBKJPJTAXXX0000000000}{2:I202ZZCBUS33XXXXN}{3:{119:COV}}{4:\r\n:20:COV1\r\n:21:REL1\r\n:32A:220318USD1000,\r\n:52A:ZZBKJPJT\r\n:58A:ZZBKRUMM\r\n:50K:/111\r\nYAMADA TARO\r\nTOKYO\r\n:59:/222\r\nIVAN PETROV\r\nKERCH CRIMEA\r\n:70:INVOICE 5\r\n-}{5:{CHK:123}}";

#[test]
fn mt202cov_sequences() {
    let m = payment(Document::detect(MT202COV.as_bytes(), "cov.fin"));
    assert_eq!(m.format, "MT202COV");
    assert!(m.parties.iter().any(|p| p.role == "58A"));
    assert!(m.parties.iter().any(|p| p.role == "50K" && p.names[0].value == "YAMADA TARO"));
    assert!(m.parties.iter().any(|p| p.role == "59" && p.address.iter().any(|a| a.value == "KERCH CRIMEA")));
}

fn error_of(input: &str, name: &str) -> String {
    match Document::detect(input.as_bytes(), name) {
        Ok(d) => format!("parsed as {}", d.kind()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn malformed_messages_name_the_field() {
    let e = error_of(&MINI_PACS.replace("</Cdtr>", ""), "bad.xml");
    assert!(e.contains("bad.xml") && e.contains("malformed XML"), "{e}");
    let e = error_of(&MINI_PACS.replace("<Nm>OOO Romashka</Nm>", "").replace("<AdrLine>ul. Lenina 1</AdrLine><TwnNm>Sevastopol</TwnNm><Ctry>RU</Ctry>", ""), "x.xml");
    assert!(e.contains("CdtTrfTxInf/Cdtr") && e.contains("missing"), "{e}");
    let e = error_of(&MINI_PACS.replace("2022-03-18</IntrBkSttlmDt>", "18.03.2022</IntrBkSttlmDt>"), "x.xml");
    assert!(e.contains("IntrBkSttlmDt") && e.contains("18.03.2022"), "{e}");
    let e = error_of(&MINI_PACS.replace("pacs.008.001.08", "camt.053.001.08"), "x.xml");
    assert!(e.contains("not pacs.008"), "{e}");
    let e = error_of(&MINI_PACS.replace("&amp;", "&bogus;"), "x.xml");
    assert!(e.contains("Dbtr/Nm"), "{e}");
    let e = error_of(&MT202COV.replace(":59:/222\r\nIVAN PETROV\r\nKERCH CRIMEA\r\n", ""), "cov.fin");
    assert!(e.contains(":59a:") && e.contains("missing"), "{e}");
    let e = error_of(&MT202COV.replace("\r\n-}", ""), "cov.fin");
    assert!(e.contains("block 4"), "{e}");
    let e = error_of(&MT202COV.replace(":32A:220318", ":32A:22X318"), "cov.fin");
    assert!(e.contains(":32A:"), "{e}");
    let e = error_of(&MT202COV.replace("I202", "I999"), "cov.fin");
    assert!(e.contains("MT999"), "{e}");
    let e = error_of("hello", "h.txt");
    assert!(e.contains("unrecognised"), "{e}");
    let e = error_of(r#"{"kind":"trade","direction":"export","linez":[]}"#, "t.json");
    assert!(e.contains("linez"), "{e}");
    let e = error_of(r#"{"direction":"export"}"#, "t.json");
    assert!(e.contains("field kind"), "{e}");
    let e = error_of(r#"{"kind":"trade","direction":"export","#, "t.json");
    assert!(e.contains("line 1"), "{e}");
}

#[test]
fn json_documents_detected_by_kind() {
    let d = Document::detect(br#"{"kind":"party","name":"X"}"#, "p.json");
    assert!(matches!(d, Ok(Document::Party(_))));
    let d = Document::detect(br#"{"kind":"oil_cargo","hs_code":"2709","price_usd_per_bbl":61,"loading_date":"2023-01-01","origin_country":"RU"}"#, "o.json");
    assert!(matches!(d, Ok(Document::OilCargo(_))), "{d:?}");
}

fn keys(v: &serde_json::Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
    k.sort();
    k
}

#[test]
fn json_schemas_match_the_serde_types() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let load = |name: &str| -> serde_json::Value {
        let text = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let with_kind = |v: serde_json::Value| {
        let mut k = keys(&v);
        k.push("kind".into());
        k.sort();
        k
    };
    let ser = |v: serde_json::Result<serde_json::Value>| v.unwrap_or_default();
    let docs = [
        ("party.schema.json", with_kind(ser(serde_json::to_value(Party::default())))),
        ("trade.schema.json", with_kind(ser(serde_json::to_value(TradeTransaction::default())))),
        ("securities_order.schema.json", with_kind(ser(serde_json::to_value(SecuritiesOrder::default())))),
        ("oil_cargo.schema.json", with_kind(ser(serde_json::to_value(OilCargo::default())))),
    ];
    for (file, expected) in docs {
        let schema = load(file);
        assert_eq!(keys(&schema["properties"]), expected, "{file}");
        let defs = &schema["$defs"];
        let owner = Owner { name: String::new(), percent: 0.0, direct: true, country: None };
        let id = crate::screening::Identifier { kind: String::new(), value: String::new() };
        for (def, value) in [
            ("address", ser(serde_json::to_value(AddressInput::default()))),
            ("owner", ser(serde_json::to_value(owner))),
            ("identifier", ser(serde_json::to_value(id))),
            ("goods_line", ser(serde_json::to_value(GoodsLine::default()))),
            ("route", ser(serde_json::to_value(Route::default()))),
            ("service_line", ser(serde_json::to_value(ServiceLine::default()))),
            ("vessel", ser(serde_json::to_value(Vessel::default()))),
            ("issuer", ser(serde_json::to_value(Issuer::default()))),
            ("party", ser(serde_json::to_value(Party::default()))),
        ] {
            assert_eq!(keys(&defs[def]["properties"]), keys(&value), "{file} $defs/{def}");
        }
    }
}
