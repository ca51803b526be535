//! ISO 20022 pacs.008 (FIToFICustomerCreditTransfer) and pain.001
//! (CustomerCreditTransferInitiation), bare `<Document>` or wrapped with a
//! Business Application Header (`<Envelope><AppHdr/><Document/></Envelope>`
//! or any wrapper holding both), read with quick-xml.
//!
//! Every party and agent element (`Dbtr`, `UltmtCdtr`, `IntrmyAgt1`,
//! `AppHdr/Fr`…) becomes a [`PaymentParty`] with names, BICs, address parts,
//! country and identifiers, each with its XML path; remittance and
//! instruction texts become free text.

use chrono::NaiveDate;
use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::payment::{PaymentMessage, PaymentParty};
use crate::decision::FieldRef;
use crate::error::DocumentError;

/// Elements that hold a party or an agent.
const PARTY_ELEMENTS: [&str; 24] = [
    "Dbtr", "Cdtr", "UltmtDbtr", "UltmtCdtr", "InitgPty", "DbtrAgt", "CdtrAgt", "InstgAgt", "InstdAgt",
    "IntrmyAgt1", "IntrmyAgt2", "IntrmyAgt3", "PrvsInstgAgt1", "PrvsInstgAgt2", "PrvsInstgAgt3",
    "InstgRmbrsmntAgt", "InstdRmbrsmntAgt", "ThrdRmbrsmntAgt", "Fr", "To", "Invcr", "Invcee", "FwdgAgt", "ChrgsAcctAgt",
];
const AGENT_ELEMENTS: [&str; 16] = [
    "DbtrAgt", "CdtrAgt", "InstgAgt", "InstdAgt", "IntrmyAgt1", "IntrmyAgt2", "IntrmyAgt3", "PrvsInstgAgt1",
    "PrvsInstgAgt2", "PrvsInstgAgt3", "InstgRmbrsmntAgt", "InstdRmbrsmntAgt", "ThrdRmbrsmntAgt", "Fr", "To", "FwdgAgt",
];
const ADDRESS_PARTS: [&str; 13] = [
    "StrtNm", "BldgNb", "BldgNm", "PstCd", "TwnNm", "TwnLctnNm", "DstrctNm", "CtrySubDvsn", "AdrLine", "Dept",
    "SubDept", "Room", "CityOfBirth",
];
const FREE_TEXT: [&str; 5] = ["Ustrd", "InstrInf", "AddtlRmtInf", "Inf", "Prtry"];

/// Which ISO 20022 message a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IsoKind {
    /// pacs.008 FI-to-FI customer credit transfer.
    Pacs008,
    /// pain.001 customer credit transfer initiation.
    Pain001,
}

struct Frame {
    name: String,
    /// Length of the path before this element's segment.
    parent_path: usize,
    /// Child element name → occurrences so far (few per element).
    children: Vec<(String, usize)>,
    party: Option<usize>,
}

/// Counts one more `name` among `children`; returns its occurrence number.
fn count_child(children: &mut Vec<(String, usize)>, name: &str) -> usize {
    if let Some((_, n)) = children.iter_mut().find(|(c, _)| c == name) {
        *n += 1;
        return *n;
    }
    children.push((name.to_string(), 1));
    1
}

/// Parses a pacs.008 or pain.001 message (optionally with AppHdr wrapper).
pub fn parse(xml: &str, source: &str) -> Result<PaymentMessage, DocumentError> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root_children: Vec<(String, usize)> = Vec::new();
    // The path of the open element (`Document/FIToFICstmrCdtTrf/…`), kept as elements open and close.
    let mut path = String::new();
    let mut msg = PaymentMessage::default();
    let mut kind: Option<IsoKind> = None;
    let mut text = String::new();
    let mut tx_count = 0usize;
    let mut settlement_date: Option<String> = None;
    let mut creation: Option<String> = None;
    let field_err = |path: &str, message: String| DocumentError::Field {
        source_name: source.to_string(),
        field: if path.is_empty() { "(document)".to_string() } else { path.to_string() },
        message,
    };
    loop {
        let event = reader.read_event().map_err(|e| {
            field_err(&path, format!("malformed XML at byte {}: {e}", reader.error_position()))
        })?;
        match event {
            Event::Start(e) => {
                let name = e.local_name().into_inner().to_string();
                if name == "Document" {
                    let attrs = e.attributes_raw();
                    kind = if attrs.contains("pacs.008") {
                        Some(IsoKind::Pacs008)
                    } else if attrs.contains("pain.001") {
                        Some(IsoKind::Pain001)
                    } else {
                        return Err(DocumentError::Unrecognised {
                            source_name: source.to_string(),
                            message: format!("ISO 20022 Document namespace {:?} is not pacs.008 or pain.001", attrs.trim()),
                        });
                    };
                    msg.format = attrs
                        .split('"')
                        .find(|s| s.contains("pacs.008") || s.contains("pain.001"))
                        .and_then(|s| s.rsplit(':').next())
                        .unwrap_or("pacs.008")
                        .to_string();
                }
                if name == "CdtTrfTxInf" {
                    tx_count += 1;
                }
                let counts = stack.last_mut().map_or(&mut root_children, |f| &mut f.children);
                let n = count_child(counts, &name);
                let parent_path = path.len();
                if !path.is_empty() {
                    path.push('/');
                }
                path.push_str(&name);
                if n > 1 {
                    path.push_str(&format!("[{n}]"));
                }
                let in_party = stack.iter().rev().find_map(|f| f.party);
                let party = if PARTY_ELEMENTS.contains(&name.as_str()) && in_party.is_none() {
                    msg.parties.push(PaymentParty {
                        role: name.clone(),
                        agent: AGENT_ELEMENTS.contains(&name.as_str()),
                        location: path.clone(),
                        ..Default::default()
                    });
                    Some(msg.parties.len() - 1)
                } else {
                    None
                };
                stack.push(Frame { name, parent_path, children: Vec::new(), party });
                text.clear();
            }
            Event::Empty(_) => {}
            Event::Text(t) => text.push_str(&t.into_inner()),
            Event::CData(t) => text.push_str(&t.into_inner()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "apos" => Some('\''),
                        "quot" => Some('"'),
                        _ => None,
                    },
                    Err(_) => None,
                };
                match resolved {
                    Some(c) => text.push(c),
                    None => return Err(field_err(&path, format!("unknown entity reference &{};", &*r))),
                }
            }
            Event::End(_) => {
                let Some(frame) = stack.pop() else {
                    return Err(field_err("", "closing tag without an opening tag".into()));
                };
                let value = text.trim().to_string();
                text.clear();
                if value.is_empty() {
                    path.truncate(frame.parent_path);
                    continue;
                }
                let element_path = path.clone();
                path.truncate(frame.parent_path);
                let path = element_path;
                let parent = stack.last().map(|f| f.name.as_str()).unwrap_or("");
                let grandparent = stack.len().checked_sub(2).and_then(|i| stack.get(i)).map(|f| f.name.as_str()).unwrap_or("");
                let field = FieldRef { location: path.clone(), value: value.clone() };
                let party = stack.iter().rev().find_map(|f| f.party).or(frame.party);
                match (party.and_then(|i| msg.parties.get_mut(i)), frame.name.as_str()) {
                    (Some(p), "Nm") if parent != "SchmeNm" && parent != "Prxy" => p.names.push(field),
                    (Some(p), "BICFI" | "AnyBIC" | "BIC" | "BICOrBEI") => p.bics.push(field),
                    (Some(p), "Ctry") if parent == "PstlAdr" => p.country = Some(field),
                    (Some(p), "CtryOfRes") if p.country.is_none() => p.country = Some(field),
                    (Some(p), "CtryOfBirth") => p.address.push(field),
                    (Some(p), n) if ADDRESS_PARTS.contains(&n) => p.address.push(field),
                    (Some(p), "LEI") => p.identifiers.push(("leiCode".into(), field)),
                    (Some(p), "BirthDt") => p.birth_date = Some(field),
                    (Some(p), "Id") if parent == "Othr" && grandparent != "SchmeNm" => {
                        p.identifiers.push(("registrationNumber".into(), field))
                    }
                    (Some(p), "MmbId") => p.identifiers.push(("clearingMemberId".into(), field)),
                    (_, "IBAN") => {
                        let role = if path.contains("CdtrAcct") { "Cdtr" } else if path.contains("DbtrAcct") { "Dbtr" } else { "" };
                        if let Some(p) = msg.parties.iter_mut().rev().find(|p| p.role == role) {
                            p.identifiers.push(("iban".into(), field));
                        } else {
                            msg.free_text.push(field);
                        }
                    }
                    (None, "MsgId") if parent == "GrpHdr" => msg.reference = Some(value),
                    (None, "BizMsgIdr") if msg.reference.is_none() => msg.reference = Some(value),
                    (None, "IntrBkSttlmDt") => settlement_date = Some(value),
                    (None, "Dt") if parent == "ReqdExctnDt" => settlement_date = Some(value),
                    (None, "ReqdExctnDt") => settlement_date = Some(value),
                    (None, "CreDtTm") => creation = Some(value),
                    (None, "Ctry") => msg.countries.push(field),
                    (_, n) if FREE_TEXT.contains(&n) => msg.free_text.push(field),
                    (Some(p), "Nm") => p.names.push(field),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(field_err(&path, "document ends before this element is closed".into()));
    }
    let Some(kind) = kind else {
        return Err(DocumentError::Unrecognised {
            source_name: source.to_string(),
            message: "no ISO 20022 <Document> element".into(),
        });
    };
    let (body, required): (&str, &[&str]) = match kind {
        IsoKind::Pacs008 => ("Document/FIToFICstmrCdtTrf/CdtTrfTxInf", &["Dbtr", "Cdtr"]),
        IsoKind::Pain001 => ("Document/CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf", &["Dbtr", "Cdtr"]),
    };
    if tx_count == 0 {
        return Err(field_err(body, "missing: the message holds no credit transfer transaction".into()));
    }
    for role in required {
        if !msg.parties.iter().any(|p| p.role == *role && !p.is_empty()) {
            return Err(field_err(&format!("{body}/{role}"), "missing or empty: a credit transfer needs a named party".into()));
        }
    }
    let date_text = settlement_date.or_else(|| creation.map(|c| c.chars().take(10).collect()));
    if let Some(d) = date_text {
        msg.date = Some(NaiveDate::parse_from_str(d.get(..10).unwrap_or(&d), "%Y-%m-%d").map_err(|_| {
            field_err("IntrBkSttlmDt / ReqdExctnDt / CreDtTm", format!("{d:?} is not a date YYYY-MM-DD"))
        })?);
    }
    msg.parties.retain(|p| !p.is_empty());
    Ok(msg)
}
