use super::*;
use crate::delimited::cut_points;

const XML: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<sanctionsData xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML">
  <publicationInfo><dataAsOf>2025-01-10T00:00:00</dataAsOf></publicationInfo>
  <entities>
    <entity id="9639">
      <generalInfo><identityId>1978</identityId><entityType refId="600">Individual</entityType></generalInfo>
      <sanctionsLists><sanctionsList refId="1" id="2" datePublished="2006-04-12">Non-SDN Palestinian Legislative Council List</sanctionsList></sanctionsLists>
      <sanctionsPrograms><sanctionsProgram refId="3" id="4">NS-PLC</sanctionsProgram></sanctionsPrograms>
      <names>
        <name id="1"><isPrimary>true</isPrimary><isLowQuality>false</isLowQuality><translations>
          <translation id="1"><isPrimary>true</isPrimary><script refId="20122">Latin</script>
            <formattedFirstName>Ismail Abdul Salah</formattedFirstName><formattedLastName>HANIYA</formattedLastName>
            <formattedFullName>HANIYA, Ismail Abdul Salah</formattedFullName></translation>
          <translation id="2"><isPrimary>false</isPrimary><script refId="20107">Cyrillic</script>
            <formattedFirstName>Исмаил</formattedFirstName><formattedLastName>ХАНИЯ</formattedLastName>
            <formattedFullName>ХАНИЯ, Исмаил</formattedFullName></translation>
          <translation id="3"><isPrimary>false</isPrimary><script refId="20105">Chinese Simplified</script>
            <formattedFirstName>伊斯梅尔</formattedFirstName><formattedLastName>哈尼亚</formattedLastName>
            <formattedFullName>哈尼亚, 伊斯梅尔</formattedFullName></translation>
        </translations></name>
        <name id="2"><isPrimary>false</isPrimary><aliasType refId="1400">A.K.A.</aliasType><isLowQuality>true</isLowQuality><translations>
          <translation id="4"><script refId="20122">Latin</script><formattedFirstName>Ismail</formattedFirstName><formattedLastName>HANIYYA</formattedLastName></translation>
        </translations></name>
        <name id="3"><isPrimary>false</isPrimary><aliasType refId="1401">F.K.A.</aliasType><isLowQuality>false</isLowQuality><translations>
          <translation id="5"><script refId="20122">Latin</script><formattedFirstName>I.</formattedFirstName><formattedLastName>HANIEH</formattedLastName></translation>
        </translations></name>
      </names>
      <addresses><address id="1"><country refId="5">Palestinian</country><translations><translation id="6">
        <addressParts><addressPart id="1"><type refId="1454">CITY</type><value>Gaza</value></addressPart>
        <addressPart id="2"><type refId="1451">ADDRESS1</type><value>1 Main St</value></addressPart></addressParts>
      </translation></translations></address></addresses>
      <features>
        <feature id="1"><type featureTypeId="8">Birthdate</type><value>1962</value><valueDate id="1">
          <fromDateBegin>1962-01-01</fromDateBegin><fromDateEnd>1962-01-01</fromDateEnd><toDateBegin>1962-12-31</toDateBegin><toDateEnd>1962-12-31</toDateEnd>
          <isApproximate>false</isApproximate><isDateRange>false</isDateRange></valueDate></feature>
        <feature id="2"><type featureTypeId="8">Birthdate</type><value>circa 1955 to 1958</value><valueDate id="2">
          <fromDateBegin>1955-01-01</fromDateBegin><fromDateEnd>1955-12-31</fromDateEnd><toDateBegin>1958-01-01</toDateBegin><toDateEnd>1958-12-31</toDateEnd>
          <isApproximate>true</isApproximate><isDateRange>true</isDateRange></valueDate></feature>
        <feature id="3"><type featureTypeId="9">Place of Birth</type><value>Shati</value></feature>
        <feature id="4"><type featureTypeId="10">Nationality Country</type><value>Egypt</value></feature>
        <feature id="5"><type featureTypeId="224">Gender</type><value>Male</value></feature>
        <feature id="6"><type featureTypeId="504">Secondary sanctions risk:</type><value>Section 1(b)</value></feature>
      </features>
      <identityDocuments>
        <identityDocument id="1"><type refId="1">Passport</type><documentNumber>P123</documentNumber><issuingCountry refId="2">Egypt</issuingCountry></identityDocument>
        <identityDocument id="2"><type refId="3">License</type><documentNumber>1000</documentNumber></identityDocument>
      </identityDocuments>
      <relationships><relationship id="1"><type refId="1">Acting for or on behalf of</type><relatedEntity entityId="4695">HAMAS</relatedEntity></relationship></relationships>
    </entity>
    <entity id="33091">
      <generalInfo><entityType refId="601">Entity</entityType></generalInfo>
      <names><name id="4"><isPrimary>true</isPrimary><translations>
        <translation id="7"><script>Latin</script><formattedLastName>MEGVII TECHNOLOGY LIMITED</formattedLastName><formattedFullName>MEGVII TECHNOLOGY LIMITED</formattedFullName></translation>
        <translation id="8"><script>Chinese Simplified</script><formattedLastName>旷视科技有限公司</formattedLastName><formattedFullName>旷视科技有限公司</formattedFullName></translation>
      </translations></name></names>
    </entity>
    <entity id="1"><generalInfo><entityType>Spaceship</entityType></generalInfo></entity>
  </entities>
</sanctionsData>
"#;

fn run(name: &str, data: &[u8]) -> Result<crate::Loaded, SourceError> {
    let mut out = Collector::new("us_ofac_cons");
    load(&[Input::new(name, data)], &mut out)?;
    Ok(out.finish())
}

fn zipped(xml: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let _ = w.start_file("CONS_ENHANCED.XML", opts);
    let _ = w.write_all(xml);
    w.finish().map(|c| c.into_inner()).unwrap_or_default()
}

#[test]
fn entity_with_all_scripts_features_and_documents() {
    let loaded = run("cons.xml", XML.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.published, NaiveDate::from_ymd_opt(2025, 1, 10));
    assert_eq!(loaded.entities.len(), 2);
    assert_eq!(loaded.rejected.len(), 1, "{:?}", loaded.rejected);
    assert!(loaded.rejected[0].reason.contains("Spaceship"));
    let p = &loaded.entities[0];
    assert_eq!((p.id.as_str(), p.schema.clone()), ("us_ofac_cons-9639", Schema::Person));
    assert_eq!(p.get(props::NAME), ["Ismail Abdul Salah HANIYA", "Исмаил ХАНИЯ", "哈尼亚伊斯梅尔"]);
    assert_eq!(p.get(props::FIRST_NAME), ["Ismail Abdul Salah"]);
    assert_eq!(p.get(props::WEAK_ALIAS), ["Ismail HANIYYA"]);
    assert_eq!(p.get(props::PREVIOUS_NAME), ["I. HANIEH"]);
    assert_eq!(p.get(props::BIRTH_DATE), ["1962", "1955/1958~"]);
    assert_eq!(p.get(props::BIRTH_PLACE), ["Shati"]);
    assert_eq!(p.get(props::NATIONALITY), ["eg"]);
    assert_eq!(p.get(props::GENDER), ["male"]);
    assert_eq!(p.get(props::PASSPORT_NUMBER), ["P123"]);
    assert_eq!(p.get(props::ID_NUMBER), ["1000"]);
    assert_eq!(p.get(props::PROGRAM), ["NS-PLC"]);
    assert_eq!(p.get(props::LISTING_DATE), ["2006-04-12"]);
    assert_eq!(p.addresses.first().map(|a| a.full.as_str()), Some("1 Main St, Gaza, Palestinian"));
    assert!(p.get(props::NOTES).iter().any(|n| n == "Acting for or on behalf of: HAMAS"));
    assert!(p.get(props::NOTES).iter().any(|n| n == "Secondary sanctions risk: Section 1(b)"));
    let o = &loaded.entities[1];
    assert_eq!(o.get(props::NAME), ["MEGVII TECHNOLOGY LIMITED", "旷视科技有限公司"]);
}

#[test]
fn zipped_equals_plain() {
    let plain = run("cons.xml", XML.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let zip = run("cons.zip", &zipped(XML.as_bytes())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plain.entities, zip.entities);
    let empty_zip = zipped(b"");
    let e = run("cons.zip", empty_zip.get(..empty_zip.len() / 2).unwrap_or_default()).err();
    assert!(e.is_some_and(|e| e.to_string().contains("cons.zip")));
}

#[test]
fn truncated_and_misencoded_input() {
    for cut in cut_points(XML.len(), 50) {
        match run("cons.xml", XML.as_bytes().get(..cut).unwrap_or_default()) {
            Ok(_) => assert!(XML.get(..cut).is_some_and(|t| t.trim_end().ends_with("</sanctionsData>")), "cut {cut} accepted"),
            Err(e) => assert!(e.to_string().contains("cons.xml"), "{e}"),
        }
    }
    let zip = zipped(XML.as_bytes());
    for cut in cut_points(zip.len(), 20) {
        assert!(run("cons.zip", zip.get(..cut).unwrap_or_default()).is_err(), "zip cut {cut}");
    }
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(XML.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    assert!(run("cons.xml", &utf16).err().is_some_and(|e| e.to_string().contains("UTF-16")));
    assert!(run("cons.xml", b"<CONSOLIDATED_LIST/>").err().is_some_and(|e| e.to_string().contains("sanctionsData")));
}

#[test]
fn real_enhanced_file() {
    let Some(dir) = seisai_model::testdata::dir("OFAC enhanced XML") else { return };
    let Ok(input) = Input::read(&dir.join("ofac/cons-enhanced-2025-01-10.zip")) else { panic!("zip") };
    let mut out = Collector::new("us_ofac_cons");
    load(&[input], &mut out).unwrap_or_else(|e| panic!("{e}"));
    let loaded = out.finish();
    assert_eq!(loaded.entities.len(), 443);
    assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected.first());
    assert_eq!(loaded.published, NaiveDate::from_ymd_opt(2025, 1, 10));
    let find = |id: &str| loaded.entities.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("{id}"));
    let vtb = find("us_ofac_cons-17013");
    assert!(vtb.get(props::NAME).iter().any(|n| n == "VTB BANK PUBLIC JOINT STOCK COMPANY"));
    assert!(vtb.get(props::NAME).iter().any(|n| n == "БАНК ВТБ ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО"), "{:?}", vtb.get(props::NAME));
    assert!(vtb.has(props::INN_CODE) && vtb.has(props::LEI_CODE));
    let megvii = find("us_ofac_cons-33091");
    assert!(megvii.get(props::NAME).iter().any(|n| n == "旷视科技有限公司"), "{:?}", megvii.get(props::NAME));
    let haniya = find("us_ofac_cons-9639");
    assert_eq!(haniya.get(props::NAME), ["Ismail Abdul Salah HANIYA"]);
    assert_eq!(haniya.get(props::BIRTH_DATE), ["1962"]);
    let cyrillic = loaded.entities.iter().filter(|e| e.names().any(|(_, n)| n.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)))).count();
    let han = loaded.entities.iter().filter(|e| e.names().any(|(_, n)| n.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))).count();
    assert!(cyrillic >= 20 && han >= 5, "cyrillic {cyrillic}, han {han}");
}
