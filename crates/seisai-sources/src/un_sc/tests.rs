use super::*;
use crate::delimited::cut_points;

const XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <FIRST_NAME>MOHAMMED</FIRST_NAME>
      <SECOND_NAME>SALAHALDIN</SECOND_NAME>
      <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>
      <REFERENCE_NUMBER>QDi.001</REFERENCE_NUMBER>
      <LISTED_ON>2001-01-25</LISTED_ON>
      <NAME_ORIGINAL_SCRIPT>&#1605;&#1581;&#1605;&#1583;</NAME_ORIGINAL_SCRIPT>
      <NATIONALITY><VALUE>Egypt</VALUE></NATIONALITY>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Sayf-Al Adl</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Ibrahim al-Madani</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>Old Name</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1963-04-11</DATE></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>1960</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1973</FROM_YEAR><TO_YEAR>1974</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1966</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>sixties</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_PLACE_OF_BIRTH><CITY>Monufia</CITY><COUNTRY>Egypt</COUNTRY></INDIVIDUAL_PLACE_OF_BIRTH>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>A123</NUMBER><ISSUING_COUNTRY>Egypt</ISSUING_COUNTRY></INDIVIDUAL_DOCUMENT>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>National Identification Number</TYPE_OF_DOCUMENT><NUMBER>987</NUMBER></INDIVIDUAL_DOCUMENT>
      <INDIVIDUAL_ADDRESS><CITY>Cairo</CITY><COUNTRY>Egypt</COUNTRY></INDIVIDUAL_ADDRESS>
    </INDIVIDUAL>
    <INDIVIDUAL><FIRST_NAME>NO REFERENCE</FIRST_NAME></INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY>
      <FIRST_NAME>AL-QAIDA</FIRST_NAME>
      <REFERENCE_NUMBER>QDe.004</REFERENCE_NUMBER>
      <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>The Base</ALIAS_NAME></ENTITY_ALIAS>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
"#;

fn run(xml: &[u8]) -> Result<crate::Loaded, SourceError> {
    let mut out = Collector::new("un_sc");
    load(&[Input::new("consolidated.xml", xml)], &mut out)?;
    Ok(out.finish())
}

#[test]
fn records_names_aliases_and_date_forms() {
    let loaded = run(XML.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.published, NaiveDate::from_ymd_opt(2026, 2, 27));
    assert_eq!(loaded.entities.len(), 2);
    let p = &loaded.entities[0];
    assert_eq!(p.id, "un_sc-QDi.001");
    assert_eq!(p.schema, Schema::Person);
    assert_eq!(p.get(props::NAME), ["MOHAMMED SALAHALDIN", "محمد"]);
    assert_eq!(p.get(props::ALIAS), ["Sayf-Al Adl"]);
    assert_eq!(p.get(props::WEAK_ALIAS), ["Ibrahim al-Madani"]);
    assert_eq!(p.get(props::PREVIOUS_NAME), ["Old Name"]);
    assert_eq!(p.get(props::BIRTH_DATE), ["1963-04-11", "1960", "1973/1974", "1966~"]);
    assert_eq!(p.get(props::NATIONALITY), ["eg"]);
    assert_eq!(p.get(props::BIRTH_PLACE), ["Monufia, Egypt"]);
    assert_eq!(p.get(props::PASSPORT_NUMBER), ["A123"]);
    assert_eq!(p.get(props::ID_NUMBER), ["987"]);
    assert_eq!(p.get(props::LISTING_DATE), ["2001-01-25"]);
    assert_eq!(p.get(props::PROGRAM), ["Al-Qaida"]);
    assert_eq!(p.addresses.first().map(|a| a.full.as_str()), Some("Cairo, Egypt"));
    let o = &loaded.entities[1];
    assert_eq!((o.id.as_str(), o.schema.clone()), ("un_sc-QDe.004", Schema::Organization));
    assert_eq!(o.get(props::ALIAS), ["The Base"]);
    assert_eq!(loaded.rejected.len(), 1);
    assert!(loaded.rejected[0].reason.contains("REFERENCE_NUMBER"));
    assert!(loaded.warnings.iter().any(|w| w.contains("sixties")), "{:?}", loaded.warnings);
}

#[test]
fn broken_documents_give_located_errors() {
    let e = run(b"<OTHER/>").err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("CONSOLIDATED_LIST"), "{e}");
    for cut in cut_points(XML.len(), 50) {
        let part = XML.as_bytes().get(..cut).unwrap_or_default();
        match run(part) {
            Ok(_) => assert!(XML.get(..cut).is_some_and(|t| t.ends_with("</CONSOLIDATED_LIST>")), "cut at {cut} accepted"),
            Err(e) => assert!(e.to_string().contains("consolidated.xml"), "{e}"),
        }
    }
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(XML.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    assert!(run(&utf16).err().is_some_and(|e| e.to_string().contains("UTF-16")));
    let latin1 = XML.replace("Sayf-Al Adl", "Sayf\u{1}").into_bytes().into_iter().map(|b| if b == 1 { 0xE9 } else { b }).collect::<Vec<u8>>();
    assert!(run(&latin1).err().is_some_and(|e| e.to_string().contains("line 12")));
}

#[test]
fn real_un_list() {
    let Some(dir) = seisai_model::testdata::dir("UN consolidated list") else { return };
    let Ok(input) = Input::read(&dir.join("un/un-consolidated-2026-02-27.xml")) else { panic!("UN file") };
    let mut out = Collector::new("un_sc");
    load(std::slice::from_ref(&input), &mut out).unwrap_or_else(|e| panic!("{e}"));
    let loaded = out.finish();
    assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected.first());
    let count = |s: Schema| loaded.entities.iter().filter(|e| e.schema == s).count();
    assert_eq!((count(Schema::Person), count(Schema::Organization)), (730, 273));
    // 3,043 alias elements, of which 291 are empty (<ALIAS_NAME/>); the rest
    // give 2,752 alias values before per-entity de-duplication, and those
    // with their original script in brackets and alternatives after `;`
    // two or more each (2,840 after it).
    let aliases: usize = loaded
        .entities
        .iter()
        .map(|e| e.get(props::ALIAS).len() + e.get(props::WEAK_ALIAS).len() + e.get(props::PREVIOUS_NAME).len())
        .sum();
    assert!((2_800..=2_880).contains(&aliases), "{aliases}");
    // The README counts 377 records with an original-script name; the file
    // has 378 NAME_ORIGINAL_SCRIPT values, each a second `name`.
    let non_latin = |n: &String| n.chars().any(|c| c.is_alphabetic() && c > '\u{24f}');
    let original = loaded.entities.iter().filter(|e| e.get(props::NAME).iter().any(non_latin)).count();
    assert!((377..=378).contains(&original), "{original}");
    let q = loaded.entities.iter().find(|e| e.id == "un_sc-QDi.001").unwrap_or_else(|| panic!("QDi.001"));
    assert_eq!(q.get(props::NAME).first().map(String::as_str), Some("MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE"));
    // Aliases with their original script in brackets are two names.
    let bracketed = loaded.entities.iter().flat_map(|e| e.names()).filter(|(_, n)| n.ends_with(')') && n.contains(|c| ('\u{600}'..='\u{6FF}').contains(&c))).count();
    assert!(bracketed <= 1, "{bracketed} aliases still carrying an Arabic original in brackets");
    assert!(q.get(props::WEAK_ALIAS).iter().any(|a| a == "Saif Al-'Adil"));
    let c = loaded.entities.iter().find(|e| e.id == "un_sc-CDi.030").unwrap_or_else(|| panic!("CDi.030"));
    assert!(c.get(props::BIRTH_DATE).iter().any(|d| d == "1973/1974"));
    let approx = loaded.entities.iter().find(|e| e.id == "un_sc-CDi.014").unwrap_or_else(|| panic!("CDi.014"));
    assert!(approx.get(props::BIRTH_DATE).iter().any(|d| d == "1966~"));
    assert_eq!(loaded.published, NaiveDate::from_ymd_opt(2026, 2, 27));
}
